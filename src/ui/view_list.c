/* The thread list: one line per thread matching a query, newest first.
 *   DATE  AUTHORS  [matched/total]  SUBJECT */
#include "ui.h"

#include <string.h>
#include <talloc.h>

struct list_data {
	const char *query;
	struct pd_thread_row *rows;
};

static int list_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	struct list_data *d = talloc_zero(view, struct list_data);
	size_t n = 0;

	if (d == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	d->query = view->arg;
	int rc = pd_store_threads(&d->rows, &n, ui->store, d, d->query, err);
	if (rc != PD_OK)
		return rc;
	/* notmuch puts '|' between the authors of matched and unmatched
	 * messages; on screen they are one list. */
	for (size_t i = 0; i < n; i++)
		for (char *p = d->rows[i].authors; (p = strchr(p, '|')) != NULL;)
			*p = ',';
	view->data = d;
	view->lines = n;
	view->title = talloc_strdup(view, *d->query ? d->query : "*");
	return PD_OK;
}

static char *count_text(void *ctx, const struct pd_thread_row *r)
{
	return talloc_asprintf(ctx, "[%d/%d]", r->matched, r->total);
}

static void list_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
		      bool selected)
{
	struct list_data *d = view->data;
	const struct pd_thread_row *r = &d->rows[row];
	int unread = r->unread ? PD_STYLE_UNREAD : 0;
	int aw = (int)pd_config_int(ui->cfg, PD_OPTION_AUTHOR_WIDTH);
	void *tmp = talloc_new(NULL);
	char *date = pd_ui_date(tmp, ui, r->newest);
	char *count = count_text(tmp, r);
	int x = 0;

#define STYLE(area) ((selected ? PD_AREA_CURSOR : (area)) | unread)
	x = pd_put_pad(ui, y, x, x + pd_text_width(ui, date ? date : "") + 2,
		       STYLE(PD_AREA_DATE), date ? date : "");
	x = pd_put_col(ui, y, x, aw, 2, STYLE(PD_AREA_AUTHOR), r->authors);
	/* Counts line up to the width of "[99/99]". */
	x = pd_put_pad(ui, y, x, x + 8, STYLE(PD_AREA_COUNTS), count ? count : "");
	x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_SUBJECT), r->subject);
	pd_put_pad(ui, y, x, ui->cols, STYLE(PD_AREA_DEFAULT), "");
#undef STYLE
	talloc_free(tmp);
}

static char *list_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	struct list_data *d = view->data;
	const struct pd_thread_row *r = &d->rows[row];
	return talloc_asprintf(ctx, "%s %s", r->authors, r->subject);
}

static bool list_unread(struct pd_view *view, size_t row)
{
	struct list_data *d = view->data;
	return d->rows[row].unread;
}

static bool list_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct list_data *d = view->data;

	if (action != PD_ACT_OPEN)
		return false;
	if (view->lines == 0) {
		pd_ui_error(ui, "no thread matches %s", view->title);
		return true;
	}
	struct pd_err err;
	pd_err_init(&err, NULL);
	if (pd_view_push(ui, &pd_thread_ops, d->rows[view->cursor].thread_id, &err) != PD_OK)
		pd_ui_error(ui, "%s", pd_err_msg(&err));
	talloc_free(err.msg);
	return true;
}

const char *pd_list_query(const struct pd_view *view)
{
	const struct list_data *d = view->data;
	return d->query;
}

const struct pd_view_ops pd_list_ops = {
	.name = "list",
	.id = PD_VIEW_LIST,
	.open = list_open,
	.draw_line = list_draw,
	.line_text = list_text,
	.is_unread = list_unread,
	.handle = list_handle,
};
