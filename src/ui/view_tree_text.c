/* A pager of text the tree gave: the result of `a`, a file as it is at a
 * series' base, its history, its maintainers (apply_ui.c, tree_jump.c).
 *
 * It reads the message view's keys (a pager: moving, searching, w), so
 * that it needs no keymap section of its own.
 */
#include "apply_ui.h"

#include <string.h>
#include <talloc.h>

#include "diffview.h"

struct text_data {
	struct pd_doc *doc;
};

static int text_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	struct pd_tree_text *t = view->arg;
	struct text_data *d = talloc_zero(view, struct text_data);
	if (d == NULL || (d->doc = pd_doc_new(d)) == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	/* Numbered: a file; its marked lines (a hunk's) stand out. */
	size_t n = 0;
	for (const char *p = t->text; *p != '\0'; n++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		bool marked = n + 1 >= t->mark_from && n + 1 <= t->mark_to;
		struct pd_doc_line *l = NULL;
		if (t->numbered) {
			char *line = talloc_asprintf(d, "%6zu %.*s", n + 1, (int)len, p);
			l = line != NULL ? pd_dv_add(d->doc, marked ? PD_AREA_MARK : 0, line) : NULL;
			if (l != NULL && pd_doc_span(l, 0, 6, PD_AREA_HEADER) != PD_OK)
				l = NULL;
			talloc_free(line);
		} else {
			char *line = talloc_strndup(d, p, len);
			l = line != NULL ? pd_dv_add(d->doc, t->first_is_title && n == 0
						     ? PD_AREA_TITLE : 0, line) : NULL;
			talloc_free(line);
		}
		if (l == NULL)
			return pd_err_set(err, PD_E_NOMEM, "out of memory");
		p += len + (nl != NULL);
	}
	view->title = talloc_strdup(view, t->title);
	view->data = d;
	talloc_steal(view, t);
	pd_doc_relayout(ui, view, d->doc);
	/* A file opens at its marked lines, a few lines of context above. */
	if (t->mark_from > 0) {
		size_t line = t->mark_from > 4 ? t->mark_from - 4 : 0;
		view->top = pd_doc_row_of(d->doc, line < d->doc->nlines ? line : 0);
		view->cursor = pd_doc_row_of(d->doc, t->mark_from - 1 < d->doc->nlines
					     ? t->mark_from - 1 : 0);
		pd_view_clamp(ui, view);
	}
	return PD_OK;
}

static void text_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct text_data *d = view->data;
	pd_doc_relayout(ui, view, d->doc);
}

static void text_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y, bool selected)
{
	struct text_data *d = view->data;
	pd_doc_draw(ui, d->doc, row, y, selected);
}

static char *text_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct text_data *d = view->data;
	return pd_doc_row_text(ctx, d->doc, row);
}

static bool text_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct text_data *d = view->data;
	if (action != PD_ACT_WRAP)
		return false;
	pd_doc_toggle_wrap(ui, view, d->doc);
	return true;
}

const struct pd_view_ops pd_tree_text_ops = {
	.name = "tree",
	.id = PD_VIEW_MESSAGE,
	.open = text_open,
	.draw_line = text_draw,
	.line_text = text_text,
	.handle = text_handle,
	.layout = text_layout,
};
