/* The reader's entry point, its main loop and key dispatch. */
#include "ui.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "apply_ui.h"
#include "reader.h"

/* Work between keys runs in slices this long; a key pressed meanwhile
 * waits at most that (a list's model is built on a thread of its own).
 * Between slices a key is looked for without waiting, unless the last
 * slice found next to nothing to do (a list waiting for its model). */
enum { WORK_SLICE_MS = 15, KEY_WAIT_BUSY_MS = 1, KEY_WAIT_IDLE_MS = 10, IDLE_SLICE_MS = 2 };

void pd_ui_choose(struct pd_ui *ui, const char *keys, pd_choice_fn *pick, void *data,
		  const char *fmt, ...)
{
	struct pd_choice *c = talloc_zero(ui->ctx, struct pd_choice);
	va_list ap;
	va_start(ap, fmt);
	char *q = c != NULL ? talloc_vasprintf(c, fmt, ap) : NULL;
	va_end(ap);
	if (q == NULL || (c->keys = talloc_strdup(c, keys)) == NULL) {
		talloc_free(c);
		talloc_free(data);
		pd_ui_error(ui, "out of memory");
		return;
	}
	c->question = q;
	c->pick = pick;
	c->data = talloc_steal(c, data);
	talloc_free(ui->choice);
	ui->choice = c;
	pd_ui_message(ui, "%s", q);
}

static void choice_key(struct pd_ui *ui, int key)
{
	struct pd_choice *c = ui->choice;
	if (key == PD_KEY_ESC || key == 'G' - '@') {
		ui->choice = NULL;
		if (c->cancel != NULL)
			c->cancel(ui, c->data);
		else
			pd_ui_message(ui, "cancelled");
		talloc_free(c);
		return;
	}
	if (key <= 0 || key > 0x7f || strchr(c->keys, key) == NULL) {
		/* What the question is about can still be scrolled. */
		enum pd_action a = pd_keymap_lookup(ui->cfg->keymap, ui->top->ops->id, key);
		if (a == PD_ACT_MOVE_DOWN || a == PD_ACT_MOVE_UP || a == PD_ACT_PAGE_DOWN ||
		    a == PD_ACT_PAGE_UP || a == PD_ACT_MOVE_FIRST || a == PD_ACT_MOVE_LAST) {
			pd_view_action(ui, a);
			pd_ui_message(ui, "%s", c->question);
		} else {
			pd_ui_error(ui, "%s (%s)", c->question,
				    c->cancel != NULL ? "one of those letters" : "Esc cancels");
		}
		return;
	}
	ui->choice = NULL;
	c->pick(ui, c->data, key);
	talloc_free(c);
}

void pd_ui_key(struct pd_ui *ui, int key)
{
	if (key == PD_KEY_RESIZE) {
		pd_display_resized(ui);
		return;
	}
	if (ui->top == NULL)
		return;
	if (pd_ui_apply_key(ui, key))
		return;
	if (ui->prompt != 0) {
		pd_prompt_key(ui, key);
		return;
	}
	/* A message stays until the next key, as in mutt. */
	talloc_free(ui->msg);
	ui->msg = NULL;
	ui->msg_error = false;
	if (ui->choice != NULL) {
		choice_key(ui, key);
		return;
	}
	/* Tag writes that found the database locked are tried again at
	 * every key (and between keys, in work()). */
	pd_triage_work(ui, true);

	enum pd_view_id id = ui->top->ops->id;
	enum pd_action action = pd_keymap_lookup(ui->cfg->keymap, id, key);
	char *name = NULL;
	if (action == PD_ACT_NONE) {
		name = pd_key_name(NULL, key);
		pd_ui_error(ui, "key %s is not bound; press ? for the keys", name);
	} else if (!pd_view_action(ui, action)) {
		pd_ui_error(ui, "%s does nothing in the %s view", pd_action_name(action),
			    ui->top->ops->name);
	}
	talloc_free(name);
}

char *pd_ui_date(void *ctx, struct pd_ui *ui, time_t t)
{
	const char *fmt = pd_config_str(ui->cfg, PD_OPTION_DATE_FORMAT);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || *fmt == '\0')
		return talloc_strdup(ctx, "");
	/* strftime cannot tell "too small" from "empty result"; a format
	 * this long is a mistake anyway. */
	for (size_t size = 64; size <= 4096; size *= 2) {
		char *buf = talloc_array(ctx, char, size);
		if (buf == NULL)
			return NULL;
		/* The format is the user's date-format option. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		size_t n = strftime(buf, size, fmt, &tm);
#pragma GCC diagnostic pop
		if (n > 0)
			return buf;
		talloc_free(buf);
	}
	return talloc_strdup(ctx, "");
}

/* A slice of the views' work between keys (a list reading the rest of
 * the store), the top view first. Returns whether any is left. */
static bool work(struct pd_ui *ui)
{
	bool waiting = pd_triage_work(ui, false);
	for (struct pd_view *v = ui->top; v != NULL; v = v->below)
		if (v->ops->work != NULL && v->ops->work(ui, v, WORK_SLICE_MS))
			return true;
	return waiting;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void run_terminal(struct pd_ui *ui)
{
	/* Whether views may have work: true at first and after every key
	 * (it may have opened a list), false once a slice found none. */
	bool busy = true;
	long slice_ms = WORK_SLICE_MS;
	while (!ui->quit && ui->signal == 0) {
		pd_ui_draw(ui);
		/* While there is work the read waits only a moment, so a key
		 * is answered within a slice and the work goes on without one. */
		ui->wait_ms = !busy ? 0 : slice_ms < IDLE_SLICE_MS ? KEY_WAIT_IDLE_MS : KEY_WAIT_BUSY_MS;
		int key = pd_display_key(ui);
		if (key >= 0) {
			pd_ui_key(ui, key);
			busy = true;
		} else if (busy && !ui->quit && ui->signal == 0) {
			long t0 = now_ms();
			busy = work(ui);
			slice_ms = now_ms() - t0;
		}
	}
}

static int parse_screen(int *rows, int *cols, const char *s)
{
	char *end;
	long r = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	const char *c0 = end + 1;
	long c = strtol(c0, &end, 10);
	if (end == c0 || *end != '\0' || r < 1 || r > 1000 || c < 1 || c > 1000)
		return -1;
	*rows = (int)r;
	*cols = (int)c;
	return 0;
}

/* Loads the user's rc file; its errors do not stop the reader, they show
 * on the last line once it is up. */
static char *load_user_config(struct pd_ui *ui)
{
	char *path = pd_config_user_path(ui);
	char *msg = NULL;
	struct pd_err err;
	pd_err_init(&err, ui);

	if (path != NULL && access(path, F_OK) == 0 &&
	    pd_config_run_file(ui->cfg, path, &err) != PD_OK)
		msg = err.msg;
	talloc_free(path);
	return msg;
}

int pd_reader_main(struct pd_cli *cli, const struct pd_reader_opts *opts,
		   int argc, char **argv)
{
	int rows = 24, cols = 80, rc = PD_EXIT_FAIL;

	if (opts->screen != NULL && opts->script == NULL) {
		fprintf(stderr, "patchdeck: --screen only applies with --script FILE\n");
		return PD_EXIT_USAGE;
	}
	if (opts->screen != NULL && parse_screen(&rows, &cols, opts->screen) != 0) {
		fprintf(stderr, "patchdeck: --screen takes ROWSxCOLS (e.g. 24x80), not '%s'\n",
			opts->screen);
		return PD_EXIT_USAGE;
	}
	struct pd_ui *ui = talloc_zero(cli->ctx, struct pd_ui);
	if (ui == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	ui->ctx = ui;
	ui->repo = cli->repo;
	ui->scripted = opts->script != NULL;
	ui->dump_out = cli->out;
	ui->key_pipe[0] = ui->key_pipe[1] = -1;

	if (pd_config_new(&ui->cfg, ui, &cli->err) != PD_OK)
		goto done;
	char *config_msg = load_user_config(ui);
	/* --theme wins over the config file. A theme that is not there stops
	 * the reader here, on a normal screen; its bad lines do not. */
	if (opts->theme != NULL) {
		struct pd_err terr;
		pd_err_init(&terr, ui);
		int trc = pd_config_load_theme(ui->cfg, opts->theme, &terr);
		if (trc == PD_E_NOT_FOUND) {
			pd_err_set(&cli->err, trc, "--theme: %s", pd_err_msg(&terr));
			goto done;
		}
		if (trc != PD_OK && config_msg == NULL)
			config_msg = terr.msg;
	}
	if (pd_store_open(&ui->store, ui, cli->notmuch_config, &cli->err) != PD_OK)
		goto done;

	char *query = pd_cli_join_query(ui, argc, argv);
	if (query != NULL && *query == '\0')
		query = talloc_strdup(ui, pd_config_str(ui->cfg, PD_OPTION_DEFAULT_QUERY));
	const char *saved = query != NULL ? pd_config_query(ui->cfg, query) : NULL;
	if (saved != NULL)
		query = talloc_strdup(ui, saved);
	if (query == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	/* The first list loads before the terminal is touched, so a bad
	 * query or database is one line on a normal screen. */
	if (pd_view_push(ui, &pd_list_ops, query, &cli->err) != PD_OK)
		goto done;

	const char *term = getenv("TERM");
	if (ui->scripted && (term == NULL || *term == '\0'))
		term = "xterm-256color";
	if (pd_display_start(ui, term, rows, cols, &cli->err) != PD_OK)
		goto stop;
	if (config_msg != NULL)
		pd_ui_error(ui, "%s", config_msg);

	rc = PD_EXIT_OK;
	if (ui->scripted) {
		if (pd_script_run(ui, opts->script, &cli->err) != PD_OK)
			rc = PD_EXIT_FAIL;
	} else {
		run_terminal(ui);
	}
stop:
	pd_display_stop(ui);
	pd_reply_say_kept(ui, stderr);
	/* A review state that never reached the database is said, not lost. */
	char *unwritten = pd_triage_unwritten(ui, ui);
	if (unwritten != NULL && rc == PD_EXIT_OK) {
		pd_err_set(&cli->err, PD_E_DB_LOCKED, "%s", unwritten);
		rc = PD_EXIT_FAIL;
	}
	if (ui->signal != 0) {
		/* The terminal is restored; now die of the signal as the
		 * parent expects. */
		int sig = ui->signal;
		signal(sig, SIG_DFL);
		raise(sig);
	}
done:
	if (ui->search != NULL)
		regfree(&ui->search_re);
	talloc_free(ui);
	return rc;
}

int pd_reader_dump(struct pd_cli *cli, const char *format)
{
	char *text = NULL;

	if (strcmp(format, "man") == 0)
		text = pd_keymap_man(cli->ctx);
	else if (strcmp(format, "areas") == 0)
		text = pd_config_areas_man(cli->ctx);
	else if (strcmp(format, "rc") == 0)
		text = pd_keymap_default_rc(cli->ctx);
	else if (strcmp(format, "theme") == 0)
		text = talloc_strdup(cli->ctx, pd_config_default_theme());
	else {
		fprintf(stderr, "patchdeck: --dump-keys takes man, areas, rc or theme, not '%s'\n",
			format);
		return PD_EXIT_USAGE;
	}
	if (text == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	fputs(text, cli->out);
	talloc_free(text);
	return PD_EXIT_OK;
}
