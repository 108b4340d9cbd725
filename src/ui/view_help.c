/* The help view: the keys of the view it was opened from, as bound now,
 * generated from the action table; then the commands and the options. */
#include "ui.h"

#include <string.h>
#include <talloc.h>

struct help_line {
	int kind;       /* 0 title, 1 key row, 2 command or option, 3 blank */
	char *keys, *name, *help;
};

struct help_data {
	struct help_line *lines;
	size_t n;
	int key_width, name_width, usage_width;
};

/* Every view name, from the table the keymap uses. */
#define VIEW_NAME(id, name) " " name
static const struct {
	const char *usage, *help;
} commands[] = {
	{ ":query QUERY", "list the series matching QUERY (or a saved query's name)" },
	{ ":filter state:STATE", "show only the series in a review state (:filter: all)" },
	{ ":filter !STATE", "show every series but those in a review state" },
	{ ":defer [DAY]", "defer the series until DAY (YYYY-MM-DD, +3d, +2w)" },
	{ ":digest [ARGS]", "the list digest: --list NAME, --from DAY, --to DAY, QUERY" },
	{ ":save[!] FILE", "write the digest shown to FILE (! over an existing one)" },
	{ ":set NAME VALUE", "change an option" },
	{ ":bind VIEW KEY ACTION", "bind a key (VIEW:" PD_VIEW_LIST(VIEW_NAME) ")" },
	{ ":color AREA FG BG [ATTR...]", "change a colour" },
	{ ":theme NAME", "switch colours: default, light, mono or NAME.theme of yours" },
	{ ":source FILE", "run an rc file" },
	{ ":help", "show this help" },
	{ ":quit", "quit patchdeck" },
};
#undef VIEW_NAME

static bool add(struct help_data *d, int kind, const char *keys, const char *name,
		const char *help)
{
	struct help_line *l = talloc_realloc(d, d->lines, struct help_line, d->n + 1);
	if (l == NULL)
		return false;
	d->lines = l;
	l[d->n++] = (struct help_line){
		.kind = kind,
		.keys = talloc_strdup(l, keys),
		.name = talloc_strdup(l, name),
		.help = talloc_strdup(l, help),
	};
	return true;
}

static int help_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	struct help_data *d = talloc_zero(view, struct help_data);
	enum pd_view_id about = view->about;
	bool ok = d != NULL;
	char *title = talloc_asprintf(d, "Keys in the %s view", pd_view_name(about));

	ok = ok && title != NULL && add(d, 0, "", title, "");
	for (int a = 1; ok && a < PD_ACTION_COUNT; a++) {
		if ((pd_action_views((enum pd_action)a) & (1u << about)) == 0)
			continue;
		char *keys = pd_keymap_keys_for(d, ui->cfg->keymap, about, (enum pd_action)a);
		ok = keys != NULL && add(d, 1, *keys ? keys : "(unbound)",
					 pd_action_name((enum pd_action)a),
					 pd_action_help((enum pd_action)a));
	}
	ok = ok && add(d, 3, "", "", "") && add(d, 0, "", "Commands (type : first)", "");
	for (size_t i = 0; ok && i < sizeof(commands) / sizeof(commands[0]); i++)
		ok = add(d, 2, commands[i].usage, "", commands[i].help);
	ok = ok && add(d, 3, "", "", "") && add(d, 0, "", "Options (:set NAME VALUE)", "");
	for (int o = 0; ok && o < PD_OPTION_COUNT; o++)
		ok = add(d, 2, pd_option_name((enum pd_option)o), "",
			 pd_config_str(ui->cfg, (enum pd_option)o));
	if (!ok) {
		talloc_free(d);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < d->n; i++) {
		int kw = pd_text_width(ui, d->lines[i].keys);
		int nw = pd_text_width(ui, d->lines[i].name);
		if (d->lines[i].kind == 2) {
			d->usage_width = kw > d->usage_width ? kw : d->usage_width;
		} else if (d->lines[i].kind == 1) {
			d->key_width = kw > d->key_width ? kw : d->key_width;
			d->name_width = nw > d->name_width ? nw : d->name_width;
		}
	}
	view->data = d;
	view->lines = d->n;
	view->title = talloc_strdup(view, pd_view_name(about));
	return PD_OK;
}

static void help_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
		      bool selected)
{
	struct help_data *d = view->data;
	const struct help_line *l = &d->lines[row];
	int x = 0;

#define STYLE(area) (selected ? PD_AREA_CURSOR : (area))
	switch (l->kind) {
	case 0:
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_HELP_TITLE), l->name);
		break;
	case 1:
		x = pd_put_pad(ui, y, x, 2, STYLE(PD_AREA_DEFAULT), "");
		x = pd_put_pad(ui, y, x, x + d->key_width + 2, STYLE(PD_AREA_HELP_KEY), l->keys);
		x = pd_put_pad(ui, y, x, x + d->name_width + 2, STYLE(PD_AREA_HELP_ACTION),
			       l->name);
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_DEFAULT), l->help);
		break;
	case 2:
		x = pd_put_pad(ui, y, x, 2, STYLE(PD_AREA_DEFAULT), "");
		x = pd_put_pad(ui, y, x, x + d->usage_width + 2, STYLE(PD_AREA_HELP_KEY),
			       l->keys);
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_DEFAULT), l->help);
		break;
	}
	pd_put_pad(ui, y, x, ui->cols, STYLE(PD_AREA_DEFAULT), "");
#undef STYLE
}

static char *help_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	struct help_data *d = view->data;
	const struct help_line *l = &d->lines[row];
	return talloc_asprintf(ctx, "%s %s %s", l->keys, l->name, l->help);
}

const struct pd_view_ops pd_help_ops = {
	.name = "help",
	.id = PD_VIEW_HELP,
	.open = help_open,
	.draw_line = help_draw,
	.line_text = help_text,
	.is_unread = NULL,
	.handle = NULL,
};
