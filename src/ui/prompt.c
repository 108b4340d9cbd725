/* The command line: ':' commands and '/' searches, edited on the last
 * line. It is a state of the UI, not a loop of its own, so scripted keys
 * reach it through the same path as every other key. */
#include "ui.h"

#include <string.h>
#include <talloc.h>

void pd_prompt_open(struct pd_ui *ui, char kind)
{
	ui->prompt = kind;
	talloc_free(ui->input);
	ui->input = talloc_strdup(ui->ctx, "");
}

static void prompt_close(struct pd_ui *ui)
{
	ui->prompt = 0;
	talloc_free(ui->input);
	ui->input = NULL;
}

/* Drops the last UTF-8 character. */
static void backspace(char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		n--;
		if (((unsigned char)s[n] & 0xC0) != 0x80)
			break;
	}
	s[n] = '\0';
}

static void search(struct pd_ui *ui, const char *pattern)
{
	if (*pattern == '\0') {
		/* An empty search repeats the last one, as in less and vi. */
		pd_view_find(ui, +1);
		return;
	}
	regex_t re;
	int rc = regcomp(&re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		char msg[256];
		regerror(rc, &re, msg, sizeof(msg));
		pd_ui_error(ui, "bad search pattern '%s': %s", pattern, msg);
		return;
	}
	if (ui->search != NULL)
		regfree(&ui->search_re);
	talloc_free(ui->search);
	ui->search = talloc_strdup(ui->ctx, pattern);
	ui->search_re = re;
	pd_view_find(ui, +1);
}

void pd_prompt_key(struct pd_ui *ui, int key)
{
	switch (key) {
	case PD_KEY_ENTER: {
		char kind = ui->prompt;
		char *line = talloc_steal(NULL, ui->input);
		ui->input = NULL;
		prompt_close(ui);
		if (kind == '/')
			search(ui, line);
		else
			pd_prompt_command(ui, line);
		talloc_free(line);
		return;
	}
	case PD_KEY_ESC:
	case 'G' - '@': /* C-g, as in emacs and mutt */
		prompt_close(ui);
		return;
	case PD_KEY_BACKSPACE:
		if (*ui->input == '\0')
			prompt_close(ui);
		else
			backspace(ui->input);
		return;
	case 'U' - '@': /* C-u clears, as in a shell */
		ui->input[0] = '\0';
		return;
	}
	if (key < 0x20 || (key >= 0x7f && key < 0xa0) || key > 0x10FFFF)
		return;
	char *name = pd_key_name(NULL, key);
	if (name != NULL && key != PD_KEY_SPACE)
		ui->input = talloc_strdup_append(ui->input, name);
	else if (key == PD_KEY_SPACE)
		ui->input = talloc_strdup_append(ui->input, " ");
	talloc_free(name);
}

/* ------------------------------------------------------------ commands */

static const char *skip_word(const char *s)
{
	s += strspn(s, " \t");
	s += strcspn(s, " \t");
	return s + strspn(s, " \t");
}

static void cmd_query(struct pd_ui *ui, const char *rest)
{
	const char *saved = pd_config_query(ui->cfg, rest);
	char *query = talloc_strdup(ui->ctx, saved != NULL ? saved : rest);
	struct pd_err err;
	pd_err_init(&err, ui->ctx);
	if (query == NULL || pd_view_push(ui, &pd_list_ops, query, &err) != PD_OK) {
		pd_ui_error(ui, "%s", pd_err_msg(&err));
		talloc_free(query);
	} else {
		talloc_steal(ui->top, query);
	}
	talloc_free(err.msg);
}

void pd_prompt_command(struct pd_ui *ui, const char *line)
{
	void *local = talloc_new(NULL);
	char **w = NULL;
	size_t n = 0;
	struct pd_err err;
	pd_err_init(&err, local);

	if (pd_config_split(&w, &n, local, line, &err) != PD_OK) {
		pd_ui_error(ui, "%s", pd_err_msg(&err));
		goto done;
	}
	if (n == 0)
		goto done;
	const char *cmd = w[0];
	if (strcmp(cmd, "quit") == 0 || strcmp(cmd, "q") == 0) {
		ui->quit = true;
	} else if (strcmp(cmd, "help") == 0) {
		pd_view_action(ui, PD_ACT_HELP);
	} else if (strcmp(cmd, "query") == 0) {
		/* The rest of the line is notmuch's, quotes and all. */
		const char *rest = skip_word(line);
		if (*rest == '\0')
			pd_ui_error(ui, "usage: query QUERY (a notmuch query or a saved query's name)");
		else
			cmd_query(ui, rest);
	} else if (strcmp(cmd, "filter") == 0) {
		pd_triage_filter_command(ui, n > 1 ? w[1] : NULL);
	} else if (strcmp(cmd, "defer") == 0) {
		pd_triage_defer_command(ui, n > 1 ? w[1] : NULL);
	} else if (strcmp(cmd, "digest") == 0) {
		/* The query is notmuch's, quotes and all, as for :query. */
		pd_digest_command(ui, skip_word(line));
	} else if (strcmp(cmd, "save") == 0 || strcmp(cmd, "save!") == 0) {
		pd_save_command(ui, n > 1 ? w[1] : NULL, cmd[4] == '!');
	} else if (strcmp(cmd, "set") == 0 || strcmp(cmd, "bind") == 0 ||
		   strcmp(cmd, "color") == 0 || strcmp(cmd, "theme") == 0 ||
		   strcmp(cmd, "source") == 0) {
		if (pd_config_run_string(ui->cfg, line, NULL, &err) != PD_OK)
			pd_ui_error(ui, "%s", pd_err_msg(&err));
		/* Colours and charset may have changed; the next draw shows
		 * the rest. */
		pd_display_theme(ui);
		clearok(curscr, TRUE);
	} else {
		pd_ui_error(ui, "unknown command '%s'; use quit, query, filter, defer, digest, save, set, bind, "
			    "color, theme, source or help", cmd);
	}
done:
	talloc_free(local);
}
