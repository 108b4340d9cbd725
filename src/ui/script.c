/* Scripted mode, the harness of the TUI tests.
 *
 * The real UI runs on a curses screen whose output goes to /dev/null and
 * whose input is a pipe: `key` and `type` write the bytes a terminal would
 * send (escape sequences from terminfo for special keys), so keys travel
 * the normal curses input path. After each command the UI handles all the
 * input there is; `dump` then prints curses' own record of the screen.
 *
 *   # comment
 *   key NAME...        keys by their bind names: j, Enter, PgDn, C-l, Space
 *   type TEXT          the rest of the line, one key per character
 *   resize ROWS COLS   the terminal changes size (KEY_RESIZE follows)
 *   dump               the screen text, one line per row, trailing blanks cut
 *   dump attrs         the same with {area,attr...} marks where style changes
 *   dump colors        the number of colours in use, then each area's colours
 *                      as the terminal gets them (after a theme is cut down
 *                      to 16 or 8) and its attributes
 *   echo TEXT          prints TEXT (to label dumps)
 *   open series ID     opens the series view on the revision holding
 *                      Message-ID ID, as Enter on its list row would
 *   work [N]           N slices (default: until none is left) of the views'
 *                      work between keys, as an idle terminal runs them
 */
#include "ui.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* Lets the UI handle every key that is waiting. */
static void drain(struct pd_ui *ui)
{
	while (!ui->quit) {
		pd_ui_draw(ui);
		int key = pd_display_key(ui);
		if (key == -1)
			break;
		if (key >= 0)
			pd_ui_key(ui, key);
	}
	if (!ui->quit)
		pd_ui_draw(ui);
}

static bool send_key(struct pd_ui *ui, int key)
{
	if (key > PD_KEY_SPECIAL_BEFORE) {
		const char *cap = pd_key_terminfo(key);
		char *seq = cap != NULL ? tigetstr(cap) : NULL;
		if (seq != NULL && seq != (char *)-1 && *seq != '\0')
			return write_all(ui->key_pipe[1], seq, strlen(seq));
		/* The terminal has no sequence for it (vt100 has no PgDn):
		 * hand curses the key code itself. */
		return ungetch(pd_display_curses_key(key)) == OK;
	}
	char buf[MB_LEN_MAX];
	mbstate_t st = { 0 };
	size_t n = wcrtomb(buf, (wchar_t)key, &st);
	if (n == (size_t)-1)
		return false;
	return write_all(ui->key_pipe[1], buf, n);
}

/* ------------------------------------------------------------ dumps */

static const struct {
	attr_t bit;
	const char *name;
} attr_names[] = {
	{ A_BOLD, "bold" },         { A_UNDERLINE, "underline" },
	{ A_REVERSE, "reverse" },   { A_DIM, "dim" },
	{ A_STANDOUT, "standout" },
#ifdef A_ITALIC
	{ A_ITALIC, "italic" },
#endif
};

static char *style_mark(void *ctx, attr_t a, short pair)
{
	char *s = talloc_strdup(ctx, "{");
	const char *sep = "";
	if (pair > 0 && pair <= PD_AREA_COUNT) {
		s = talloc_asprintf_append(s, "%s", pd_area_name((enum pd_area)(pair - 1)));
		sep = ",";
	}
	for (size_t i = 0; s != NULL && i < sizeof(attr_names) / sizeof(attr_names[0]); i++) {
		if (a & attr_names[i].bit) {
			s = talloc_asprintf_append(s, "%s%s", sep, attr_names[i].name);
			sep = ",";
		}
	}
	return s != NULL ? talloc_strdup_append(s, "}") : NULL;
}

/* Whether a blank in this style can be seen: trailing blanks that cannot
 * are cut like plain ones. */
static bool visible_blank(struct pd_ui *ui, attr_t a, short pair)
{
	if (a & (A_REVERSE | A_STANDOUT | A_UNDERLINE))
		return true;
	return pair > 0 && pair <= PD_AREA_COUNT && ui->cfg->colors[pair - 1].bg >= 0;
}

static void dump_screen(struct pd_ui *ui, bool with_attrs)
{
	void *tmp = talloc_new(NULL);
	const attr_t shown = A_BOLD | A_UNDERLINE | A_REVERSE | A_DIM | A_STANDOUT
#ifdef A_ITALIC
		| A_ITALIC
#endif
		;
	for (int y = 0; y < LINES; y++) {
		char *line = talloc_strdup(tmp, "");
		size_t keep = 0; /* length of line up to its last non-blank */
		attr_t cur_a = 0;
		short cur_p = 0;
		for (int x = 0; x < COLS && line != NULL; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1] = { 0 };
			attr_t a = 0;
			short pair = 0;
			if (mvwin_wch(curscr, y, x, &cc) == ERR)
				break;
			getcchar(&cc, wch, &a, &pair, NULL);
			a &= shown;
			/* Pair numbers are areas (display.c); the default area
			 * is the absence of a mark. */
			if (ui->ncolors == 0 || pair == PD_AREA_DEFAULT + 1)
				pair = 0;
			if (with_attrs && (a != cur_a || pair != cur_p)) {
				char *m = style_mark(tmp, a, pair);
				line = talloc_strdup_append(line, m ? m : "");
				cur_a = a, cur_p = pair;
			}
			wchar_t c = wch[0] ? wch[0] : L' ';
			char mb[MB_LEN_MAX + 1];
			mbstate_t st = { 0 };
			size_t n = wcrtomb(mb, c, &st);
			if (n == (size_t)-1)
				mb[0] = '?', n = 1; /* unreachable in a sane locale */
			mb[n] = '\0';
			if (with_attrs && c == L'{')
				line = talloc_strdup_append(line, "{");
			line = talloc_strdup_append(line, mb);
			if (line != NULL && (c != L' ' || (with_attrs && visible_blank(ui, a, pair))))
				keep = strlen(line);
			int w = wcwidth(c);
			if (w > 1)
				x += w - 1;
		}
		if (line == NULL)
			break;
		line[keep] = '\0';
		fprintf(ui->dump_out, "%s\n", line);
	}
	fflush(ui->dump_out);
	talloc_free(tmp);
}

static void dump_colors(struct pd_ui *ui)
{
	void *tmp = talloc_new(NULL);
	fprintf(ui->dump_out, "colors %d\n", ui->ncolors);
	for (int a = 0; a < PD_AREA_COUNT; a++) {
		short fg = 0, bg = 0;
		char *f = talloc_strdup(tmp, "-"), *b = talloc_strdup(tmp, "-");
		if (ui->pair[a] > 0 && pair_content(ui->pair[a], &fg, &bg) == OK) {
			f = fg < 0 ? talloc_strdup(tmp, "default") : talloc_asprintf(tmp, "%d", fg);
			b = bg < 0 ? talloc_strdup(tmp, "default") : talloc_asprintf(tmp, "%d", bg);
		}
		char *m = style_mark(tmp, ui->attr[a], 0);
		fprintf(ui->dump_out, "%s %s %s %s\n", pd_area_name((enum pd_area)a),
			f ? f : "?", b ? b : "?", m ? m : "?");
	}
	fflush(ui->dump_out);
	talloc_free(tmp);
}

/* ------------------------------------------------------------ commands */

static int run_line(struct pd_ui *ui, const char *line, struct pd_err *err)
{
	void *local = talloc_new(NULL);
	char **w = NULL;
	size_t n = 0;
	const char *start = line + strspn(line, " \t");
	/* type and echo take the raw rest of the line, quotes included, so
	 * they are recognised before the line is split into words. */
	bool raw = (strncmp(start, "type", 4) == 0 || strncmp(start, "echo", 4) == 0) &&
		   (start[4] == ' ' || start[4] == '\t' || start[4] == '\0');
	int rc = raw ? PD_OK : pd_config_split(&w, &n, local, line, err);

	if (rc != PD_OK || (!raw && n == 0))
		goto done;
	if (ui->quit) {
		rc = pd_err_set(err, PD_E_USAGE, "the reader has quit; nothing can follow");
		goto done;
	}
	const char *cmd = raw ? (start[0] == 't' ? "type" : "echo") : w[0];
	if (strcmp(cmd, "key") == 0) {
		if (n < 2)
			rc = pd_err_set(err, PD_E_USAGE, "usage: key NAME...");
		for (size_t i = 1; rc == PD_OK && i < n; i++) {
			int key;
			if (pd_key_parse(&key, w[i]) != PD_OK)
				rc = pd_err_set(err, PD_E_USAGE, "unknown key '%s'", w[i]);
			else if (ui->quit)
				rc = pd_err_set(err, PD_E_USAGE,
						"the reader quit before key '%s'", w[i]);
			else if (!send_key(ui, key))
				rc = pd_err_set(err, PD_E_IO, "cannot send key '%s'", w[i]);
			else
				drain(ui);
		}
	} else if (strcmp(cmd, "type") == 0 || strcmp(cmd, "echo") == 0) {
		/* The raw rest of the line: spaces and quotes are text here. */
		const char *rest = start + 4;
		if (*rest == ' ' || *rest == '\t')
			rest++;
		if (cmd[0] == 'e') {
			fprintf(ui->dump_out, "%s\n", rest);
		} else if (!write_all(ui->key_pipe[1], rest, strlen(rest))) {
			rc = pd_err_set(err, PD_E_IO, "cannot send keys");
		} else {
			drain(ui);
		}
	} else if (strcmp(cmd, "resize") == 0) {
		int rows = n == 3 ? atoi(w[1]) : 0, cols = n == 3 ? atoi(w[2]) : 0;
		if (rows < 1 || cols < 1 || rows > 1000 || cols > 1000) {
			rc = pd_err_set(err, PD_E_USAGE, "usage: resize ROWS COLS");
		} else {
			resize_term(rows, cols);
			ungetch(KEY_RESIZE);
			drain(ui);
		}
	} else if (strcmp(cmd, "open") == 0) {
		if (n != 3 || strcmp(w[1], "series") != 0) {
			rc = pd_err_set(err, PD_E_USAGE, "usage: open series MESSAGE-ID");
		} else {
			/* A failure shows on the last line, as it would for a
			 * user, so that tests can dump it. */
			struct pd_series_arg *a = talloc_zero(ui->ctx, struct pd_series_arg);
			if (a != NULL)
				a->id = talloc_strdup(a, w[2]);
			struct pd_err oerr;
			pd_err_init(&oerr, local);
			if (a == NULL || a->id == NULL) {
				pd_ui_error(ui, "out of memory");
				talloc_free(a);
			} else if (pd_view_push(ui, &pd_series_ops, a, &oerr) != PD_OK) {
				pd_ui_error(ui, "%s", pd_err_msg(&oerr));
				talloc_free(a);
			} else {
				talloc_steal(ui->top, a);
			}
			drain(ui);
		}
	} else if (strcmp(cmd, "work") == 0) {
		char *end = NULL;
		long slices = n == 2 ? strtol(w[1], &end, 10) : -1;
		if (n > 2 || (n == 2 && (end == w[1] || *end != '\0' || slices < 1))) {
			rc = pd_err_set(err, PD_E_USAGE, "usage: work [SLICES]");
		} else {
			for (bool more = true; more && slices != 0; slices -= slices > 0) {
				more = false;
				for (struct pd_view *v = ui->top; v != NULL && !more; v = v->below)
					more = v->ops->work != NULL && v->ops->work(ui, v, 15);
			}
			drain(ui);
		}
	} else if (strcmp(cmd, "dump") == 0) {
		if (n > 2 || (n == 2 && strcmp(w[1], "attrs") != 0 &&
			      strcmp(w[1], "colors") != 0)) {
			rc = pd_err_set(err, PD_E_USAGE, "usage: dump [attrs|colors]");
		} else if (n == 2 && w[1][0] == 'c') {
			dump_colors(ui);
		} else {
			pd_ui_draw(ui);
			dump_screen(ui, n == 2);
		}
	} else {
		rc = pd_err_set(err, PD_E_USAGE,
				"unknown script command '%s'; use key, type, resize, work, dump or echo",
				cmd);
	}
done:
	talloc_free(local);
	return rc;
}

int pd_script_run(struct pd_ui *ui, const char *path, struct pd_err *err)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return pd_err_set(err, PD_E_IO, "cannot read script %s: %s", path,
				  strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, rc = PD_OK;
	struct pd_err lerr;
	pd_err_init(&lerr, NULL);

	drain(ui);
	while (rc == PD_OK && (len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (run_line(ui, line, &lerr) != PD_OK)
			rc = pd_err_set(err, lerr.code, "%s:%d: %s", path, lineno,
					pd_err_msg(&lerr));
	}
	free(line);
	fclose(fp);
	talloc_free(lerr.msg);
	return rc;
}
