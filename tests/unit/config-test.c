/* The rc grammar: words and quoting, each command, errors with FILE:LINE,
 * source, themes and the compiled-in defaults. Table-driven. */
#include "config.h"

#include "rc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "tap.h"

/* ------------------------------------------------------------ words */

static const struct {
	const char *line;
	const char *want; /* words joined by '|', or "ERROR: message" */
} splits[] = {
	{ "", "" },
	{ "   # only a comment", "" },
	{ "set a b", "set|a|b" },
	{ "  set\ta   b  ", "set|a|b" },
	{ "query inbox \"tag:inbox and not tag:spam\"", "query|inbox|tag:inbox and not tag:spam" },
	{ "set x 'single \"kept\" \\n'", "set|x|single \"kept\" \\n" },
	{ "set x \"a\\\"b\\\\c\\td\"", "set|x|a\"b\\c\td" },
	{ "set x ab\"c d\"e", "set|x|abc de" },
	{ "bind list \"#\" help # comment", "bind|list|#|help" },
	{ "set x a#b", "set|x|a#b" },
	{ "set x \"\"", "set|x|" },
	{ "set x \"open", "ERROR: unterminated quote" },
	{ "set x 'open", "ERROR: unterminated quote" },
	{ "set x \"ends in \\", "ERROR: unterminated quote" },
};

static void test_split(void)
{
	for (size_t i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
		void *ctx = talloc_new(NULL);
		struct pd_err err;
		pd_err_init(&err, ctx);
		char **w;
		size_t n;
		char *got;
		if (pd_config_split(&w, &n, ctx, splits[i].line, &err) != PD_OK) {
			got = talloc_asprintf(ctx, "ERROR: %s", pd_err_msg(&err));
		} else {
			got = talloc_strdup(ctx, "");
			for (size_t k = 0; k < n; k++)
				got = talloc_asprintf_append(got, "%s%s", k ? "|" : "", w[k]);
		}
		char *name = talloc_asprintf(ctx, "split [%s]", splits[i].line);
		tap_str(got, splits[i].want, name);
		talloc_free(ctx);
	}
}

/* ------------------------------------------------------------ commands */

/* Each row runs its text on a fresh default config, then checks one
 * thing: the error message (or "" for none) and a probe of the state. */
enum probe { P_NONE, P_OPT, P_COLOR, P_KEY, P_QUERY };

static const struct {
	const char *text;
	const char *error;
	enum probe probe;
	const char *arg;   /* option name / area / "view key" / query name */
	const char *want;
} runs[] = {
	{ "set author-width 30", "", P_OPT, "author-width", "30" },
	{ "set date-format '%d %b'", "", P_OPT, "date-format", "%d %b" },
	{ "set charset ascii", "", P_OPT, "charset", "ascii" },
	{ "set wrap-search no", "", P_OPT, "wrap-search", "no" },
	{ "set author-width 3", "t:1: author-width takes a number from 4 to 200, not '3'",
	  P_OPT, "author-width", "20" },
	{ "set author-width wide", "t:1: author-width takes a number from 4 to 200, not 'wide'",
	  P_NONE, "", "" },
	{ "set charset latin1", "t:1: charset takes one of: auto utf-8 ascii; not 'latin1'",
	  P_OPT, "charset", "auto" },
	{ "set color maybe", "t:1: color takes yes or no, not 'maybe'", P_NONE, "", "" },
	{ "set bogus 1", "t:1: unknown option 'bogus'", P_NONE, "", "" },
	{ "set author-width", "t:1: usage: set NAME VALUE", P_NONE, "", "" },
	{ "bind list x move-down", "", P_KEY, "list x", "move-down" },
	{ "bind generic C-n move-down", "", P_KEY, "thread C-n", "move-down" },
	{ "bind thread j none", "", P_KEY, "thread j", "none" },
	{ "bind list <F5> help", "", P_KEY, "list F5", "help" },
	{ "bind pager j move-down", "t:1: unknown view 'pager'; use generic, list, thread or help",
	  P_NONE, "", "" },
	{ "bind list Hyper-j move-down", "t:1: unknown key 'Hyper-j'", P_NONE, "", "" },
	{ "bind list j jump", "t:1: unknown action 'jump'; the help view (?) lists them",
	  P_KEY, "list j", "move-down" },
	{ "bind list j", "t:1: usage: bind VIEW KEY ACTION", P_NONE, "", "" },
	{ "color cursor white color25 bold underline", "", P_COLOR, "cursor", "7 25 3" },
	{ "color status bright-red default", "", P_COLOR, "status", "9 -1 0" },
	{ "color status default default normal", "", P_COLOR, "status", "-1 -1 0" },
	{ "color status pink default", "t:1: unknown colour 'pink'; use default, black..white, "
	  "bright-black..bright-white or color0..color255", P_NONE, "", "" },
	{ "color status red color256", "t:1: unknown colour 'color256'; use default, black..white, "
	  "bright-black..bright-white or color0..color255", P_NONE, "", "" },
	{ "color status red blue blinking", "t:1: unknown attribute 'blinking'; use bold, "
	  "underline, reverse, dim, standout, italic or normal", P_NONE, "", "" },
	{ "color sidebar red blue", "t:1: unknown colour area 'sidebar'; use one of: default "
	  "cursor status message error prompt date author count subject unread tree tags "
	  "escape help-title help-key help-action title header mark version trailer "
	  "collected diffstat diff-header diff-hunk diff-add diff-del whitespace quote1 "
	  "quote2 quote3 signature", P_NONE, "", "" },
	{ "color status 17 231", "", P_COLOR, "status", "17 231 0" },
	{ "color status color-1 red", "t:1: unknown colour 'color-1'; use default, black..white, "
	  "bright-black..bright-white or color0..color255", P_NONE, "", "" },
	{ "color status red blue bold\ncolor status red", "t:2: usage: color AREA FG BG [ATTR...]",
	  P_COLOR, "status", "1 4 1" },
	{ "set theme mono\ncolor date red default", "", P_COLOR, "status", "-1 -1 5" },
	{ "color date red default\nset theme mono", "", P_COLOR, "date", "-1 -1 0" },
	{ "set theme nosuchtheme", "*no theme 'nosuchtheme'; put nosuchtheme.theme in ",
	  P_COLOR, "status", "255 24 1" },
	{ "theme /nonexistent/x.theme", "t:1: cannot read theme /nonexistent/x.theme: No such "
	  "file or directory", P_COLOR, "cursor", "0 110 0" },
	{ "color status red", "t:1: usage: color AREA FG BG [ATTR...]", P_NONE, "", "" },
	{ "query mine \"from:me and tag:unread\"", "", P_QUERY, "mine", "from:me and tag:unread" },
	{ "query mine a\nquery mine b", "", P_QUERY, "mine", "b" },
	{ "query mine", "t:1: usage: query NAME \"notmuch query\"", P_QUERY, "mine", "(none)" },
	{ "frobnicate", "t:1: unknown command 'frobnicate'; use set, bind, color, source, "
	  "query or theme", P_NONE, "", "" },
	{ "# comment\n\nset author-width 9\nbogus\nset author-width 10\nset x",
	  "t:4: unknown command 'bogus'; use set, bind, color, source, query or theme "
	  "(and 1 more errors)", P_OPT, "author-width", "10" },
	{ "source /nonexistent/rc", "t:1: cannot read /nonexistent/rc: No such file or directory",
	  P_NONE, "", "" },
	{ "theme nosuchtheme", "*no theme 'nosuchtheme'; put nosuchtheme.theme in ", P_NONE, "", "" },
	{ "color status red blue\ntheme default", "", P_COLOR, "status", "255 24 1" },
};

static char *probe(void *ctx, struct pd_config *cfg, enum probe p, const char *arg)
{
	switch (p) {
	case P_NONE:
		return talloc_strdup(ctx, "");
	case P_OPT:
		for (int o = 0; o < PD_OPTION_COUNT; o++)
			if (strcmp(pd_option_name((enum pd_option)o), arg) == 0)
				return talloc_strdup(ctx, pd_config_str(cfg, (enum pd_option)o));
		return talloc_strdup(ctx, "?");
	case P_COLOR:
		for (int a = 0; a < PD_AREA_COUNT; a++)
			if (strcmp(pd_area_name((enum pd_area)a), arg) == 0)
				return talloc_asprintf(ctx, "%d %d %u", cfg->colors[a].fg,
						       cfg->colors[a].bg, cfg->colors[a].attrs);
		return talloc_strdup(ctx, "?");
	case P_KEY: {
		char view[16], key[16];
		enum pd_view_id v;
		int k;
		sscanf(arg, "%15s %15s", view, key);
		pd_view_parse(&v, view);
		pd_key_parse(&k, key);
		return talloc_strdup(ctx, pd_action_name(pd_keymap_lookup(cfg->keymap, v, k)));
	}
	case P_QUERY: {
		const char *q = pd_config_query(cfg, arg);
		return talloc_strdup(ctx, q ? q : "(none)");
	}
	}
	return NULL;
}

static void test_runs(void)
{
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		void *ctx = talloc_new(NULL);
		struct pd_err err;
		pd_err_init(&err, ctx);
		struct pd_config *cfg;
		if (pd_config_new(&cfg, ctx, &err) != PD_OK) {
			tap_str(pd_err_msg(&err), "", "defaults load");
			talloc_free(ctx);
			continue;
		}
		int rc = pd_config_run_string(cfg, runs[i].text, "t", &err);
		const char *got = rc == PD_OK ? "" : pd_err_msg(&err);
		/* One TAP line per check: newlines in the text show as /. */
		char *text = talloc_strdup(ctx, runs[i].text);
		for (char *p = text; (p = strchr(p, '\n')) != NULL;)
			*p = '/';
		char *name = talloc_asprintf(ctx, "run [%s]: error", text);
		if (runs[i].error[0] == '*') {
			/* Messages naming machine paths: check the start. */
			const char *want = runs[i].error + 1;
			const char *body = strstr(got, ": ");
			body = body ? body + 2 : got;
			tap_result(strncmp(body, want, strlen(want)) == 0, name);
			if (strncmp(body, want, strlen(want)) != 0)
				printf("#   got: %s\n", got);
		} else {
			tap_str(got, runs[i].error, name);
		}
		if (runs[i].probe != P_NONE) {
			name = talloc_asprintf(ctx, "run [%s]: %s", text, runs[i].arg);
			tap_str(probe(ctx, cfg, runs[i].probe, runs[i].arg), runs[i].want, name);
		}
		talloc_free(ctx);
	}
}

/* ------------------------------------------------------------ files */

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
}

static void test_files(void)
{
	void *ctx = talloc_new(NULL);
	char dir[] = "/tmp/pd-config-test.XXXXXX";
	if (mkdtemp(dir) == NULL) {
		tap_result(0, "mkdtemp");
		return;
	}
	char *rc = talloc_asprintf(ctx, "%s/rc", dir);
	char *inc = talloc_asprintf(ctx, "%s/sub/inc", dir);
	char *loop = talloc_asprintf(ctx, "%s/loop", dir);
	mkdir(talloc_asprintf(ctx, "%s/sub", dir), 0700);
	write_file(rc, "set author-width 12\nsource sub/inc\nbind list z quit\n");
	write_file(inc, "# included\nset charset ascii\nbad line here\n");
	write_file(loop, "source loop\n");

	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_config *cfg;
	pd_config_new(&cfg, ctx, &err);
	int r = pd_config_run_file(cfg, rc, &err);
	tap_int(r, PD_E_CONFIG, "a file with an error in a sourced file fails");
	tap_str(pd_err_msg(&err),
		talloc_asprintf(ctx, "%s/sub/inc:3: unknown command 'bad'; use set, bind, "
				"color, source, query or theme", dir),
		"the error names the sourced file (relative to the includer) and its line");
	tap_int(pd_config_int(cfg, PD_OPTION_AUTHOR_WIDTH), 12, "lines before the source apply");
	tap_int(pd_config_int(cfg, PD_OPTION_CHARSET), PD_CHARSET_ASCII,
		"lines in the sourced file apply");
	tap_int(pd_keymap_lookup(cfg->keymap, PD_VIEW_LIST, 'z'), PD_ACT_QUIT,
		"lines after the source apply");

	r = pd_config_run_file(cfg, loop, &err);
	tap_str(pd_err_msg(&err),
		talloc_asprintf(ctx, "%s:1: %s: sourced or themed more than 16 levels deep; "
				"is there a loop?",
				loop, loop),
		"a file sourcing itself stops with one error");

	/* Themes: the user's directory first. */
	char *xdg = talloc_asprintf(ctx, "%s/xdg", dir);
	mkdir(xdg, 0700);
	mkdir(talloc_asprintf(ctx, "%s/patchdeck", xdg), 0700);
	mkdir(talloc_asprintf(ctx, "%s/patchdeck/themes", xdg), 0700);
	write_file(talloc_asprintf(ctx, "%s/patchdeck/themes/t1.theme", xdg),
		   "color status red green underline\n");
	setenv("XDG_CONFIG_HOME", xdg, 1);
	tap_str(pd_config_user_path(ctx), talloc_asprintf(ctx, "%s/patchdeck/config", xdg),
		"the user config is under $XDG_CONFIG_HOME/patchdeck");
	r = pd_config_run_string(cfg, "theme t1", NULL, &err);
	tap_int(r, PD_OK, "theme t1 loads from the user's themes directory");
	tap_int(cfg->colors[PD_AREA_STATUS].fg * 1000 + cfg->colors[PD_AREA_STATUS].bg, 1002,
		"theme t1 sets the status colours");
	tap_int(cfg->colors[PD_AREA_CURSOR].fg * 1000 + cfg->colors[PD_AREA_CURSOR].bg +
			(int)cfg->colors[PD_AREA_CURSOR].attrs, -1001,
		"a theme starts from plain colours, not from the previous theme");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", dir, 1);
	tap_str(pd_config_user_path(ctx), talloc_asprintf(ctx, "%s/.config/patchdeck/config", dir),
		"without XDG_CONFIG_HOME the user config is ~/.config/patchdeck/config");

	char *cmd = talloc_asprintf(ctx, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	talloc_free(ctx);
}

/* ------------------------------------------------------------ defaults */

static void test_defaults(void)
{
	void *ctx = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_config *cfg;
	tap_int(pd_config_new(&cfg, ctx, &err), PD_OK, "the defaults load without an error");
	tap_int(pd_keymap_lookup(cfg->keymap, PD_VIEW_LIST, ' '), PD_ACT_PAGE_DOWN,
		"default: Space is page-down");
	tap_int(pd_keymap_lookup(cfg->keymap, PD_VIEW_THREAD, 'q'), PD_ACT_BACK,
		"default: q is back");
	tap_int(pd_keymap_lookup(cfg->keymap, PD_VIEW_HELP, 12), PD_ACT_REDRAW,
		"default: C-l is redraw");
	tap_int(pd_keymap_lookup(cfg->keymap, PD_VIEW_LIST, PD_KEY_ENTER), PD_ACT_OPEN,
		"default: Enter opens in the list");
	tap_str(pd_config_str(cfg, PD_OPTION_DATE_FORMAT), "%Y-%m-%d", "default date-format");

	/* The compiled-in theme is themes/default.theme, byte for byte. */
	const char *srcdir = getenv("top_srcdir");
	char *path = talloc_asprintf(ctx, "%s/themes/default.theme", srcdir ? srcdir : ".");
	FILE *fp = fopen(path, "r");
	char *text = talloc_strdup(ctx, "");
	char buf[512];
	size_t n;
	while (fp != NULL && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		text = talloc_strndup_append(text, buf, n);
	if (fp != NULL)
		fclose(fp);
	tap_str(pd_config_default_theme(), text,
		"the compiled-in theme equals themes/default.theme");

	/* Every area is set by each shipped theme, so none is left plain by
	 * accident when an area is added; and each loads without an error. */
	static const char *const shipped[] = { "default", "light", "mono" };
	for (size_t t = 0; t < sizeof(shipped) / sizeof(shipped[0]); t++) {
		path = talloc_asprintf(ctx, "%s/themes/%s.theme", srcdir ? srcdir : ".",
				       shipped[t]);
		fp = fopen(path, "r");
		text = talloc_strdup(ctx, "");
		while (fp != NULL && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
			text = talloc_strndup_append(text, buf, n);
		if (fp != NULL)
			fclose(fp);
		int unset = 0;
		for (int a = 0; a < PD_AREA_COUNT; a++) {
			char *needle = talloc_asprintf(ctx, "\ncolor %s ",
						       pd_area_name((enum pd_area)a));
			if (strstr(text, needle) == NULL) {
				printf("# area %s is missing from themes/%s.theme\n",
				       pd_area_name((enum pd_area)a), shipped[t]);
				unset++;
			}
		}
		tap_int(unset, 0, talloc_asprintf(ctx, "themes/%s.theme sets every colour area",
						   shipped[t]));
		tap_int(pd_config_load_theme(cfg, shipped[t], &err), PD_OK,
			talloc_asprintf(ctx, "theme %s (compiled in) loads without an error",
					shipped[t]));
	}
	tap_int(pd_config_load_theme(cfg, "nosuch", &err), PD_E_NOT_FOUND,
		"pd_config_load_theme: a theme that is not there is PD_E_NOT_FOUND");
	talloc_free(ctx);
}

int main(void)
{
	test_split();
	test_runs();
	test_files();
	test_defaults();
	return tap_done();
}
