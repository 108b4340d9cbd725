/* The range-diff view (`D` in the series view): what changed between the
 * revision shown and the one before it, as `patchdeck diff` prints it.
 *
 *   vOLD -> vNEW: N unchanged, N changed, N new, N dropped
 *   the changelog of the new cover letter
 *   one row per pair: `1:  = 1:  title` (git range-diff's header lines)
 *
 * Enter on a changed pair unfolds its diff below it (the diff of the two
 * patches' texts, outer and inner markers coloured like git range-diff's
 * dual colours), Enter again folds it. `[` and `]` compare with an older
 * or newer revision instead. It uses the series view's keys.
 * The revisions live in the series view below it on the stack.
 */
#include "ui.h"

#include <string.h>
#include <talloc.h>

#include "changelog.h"
#include "doc.h"
#include "rangediff_series.h"

enum { KIND_PAIR = 1 };

struct rd_data {
	struct pd_rangediff *rd;
	bool *open;          /* per pair: its diff unfolded */
	char **inner;        /* per pair: its diff, made on first unfold */
	struct pd_doc *doc;
	const struct pd_revision *old, *new;
};

static int state_area(enum pd_rd_state s)
{
	switch (s) {
	case PD_RD_NEW:
		return PD_AREA_DIFF_ADD;
	case PD_RD_DROPPED:
		return PD_AREA_DIFF_DEL;
	case PD_RD_CHANGED:
		return PD_AREA_MARK;
	default:
		return PD_AREA_DEFAULT;
	}
}

/* One line of a pair's diff, dual coloured: the outer marker (column 4)
 * colours the line, an inner one on a context line only itself. */
static int add_inner_line(struct pd_doc *doc, const char *s, size_t len)
{
	char outer = len > 4 ? s[4] : ' ', inner = len > 5 ? s[5] : ' ';
	int area = outer == '+' ? PD_AREA_DIFF_ADD
		 : outer == '-' ? PD_AREA_DIFF_DEL
		 : outer == '@' ? PD_AREA_DIFF_HUNK
				: PD_AREA_DEFAULT;
	char *line = talloc_strndup(doc, s, len);
	struct pd_doc_line *l = line != NULL ? pd_doc_add(doc, area, line) : NULL;
	talloc_free(line);
	if (l == NULL)
		return PD_E_NOMEM;
	if (area == PD_AREA_DEFAULT && len > 5) {
		int in = inner == '+' ? PD_AREA_DIFF_ADD
		       : inner == '-' ? PD_AREA_DIFF_DEL
		       : inner == '@' ? PD_AREA_DIFF_HUNK
				      : len > 7 && s[6] == '#' && s[7] == '#' ? PD_AREA_DIFF_HEADER
				      : -1;
		if (in == PD_AREA_DIFF_HUNK || in == PD_AREA_DIFF_HEADER)
			return pd_doc_span(l, 5, len, in);
		if (in >= 0)
			return pd_doc_span(l, 5, 6, in);
	} else if (area != PD_AREA_DEFAULT && area != PD_AREA_DIFF_HUNK && len > 5 &&
		   (inner == '+' || inner == '-')) {
		/* what the patch itself adds or removes: the inner marker
		 * stands out as git's reverse video does */
		return pd_doc_span(l, 5, 6, inner == '+' ? PD_AREA_DIFF_ADD : PD_AREA_DIFF_DEL);
	}
	return PD_OK;
}

static int build(struct pd_ui *ui, struct pd_view *view, struct rd_data *d, size_t keep_pair)
{
	void *tmp = talloc_new(NULL);
	struct pd_doc *doc = pd_doc_new(d);
	int rc = PD_E_NOMEM;
	if (tmp == NULL || doc == NULL)
		goto done;
	doc->wrap = d->doc != NULL ? d->doc->wrap : false;
	const struct pd_rangediff *rd = d->rd;
	struct pd_doc_line *l = pd_doc_addf(doc, PD_AREA_TITLE,
					    "%s -> %s: %zu unchanged, %zu changed, %zu new, %zu dropped",
					    pd_rd_version(tmp, d->old), pd_rd_version(tmp, d->new),
					    rd->nsame, rd->nchanged, rd->nnew, rd->ndropped);
	if (l == NULL)
		goto done;
	char *log = d->new->cover != NULL ? pd_changelog_extract(tmp, d->new->cover->text) : NULL;
	if (log != NULL) {
		if (pd_doc_add(doc, PD_AREA_DEFAULT, "") == NULL ||
		    pd_doc_addf(doc, PD_AREA_HEADER, "Changelog (cover letter of %s):",
				pd_rd_version(tmp, d->new)) == NULL ||
		    pd_doc_add_text(doc, PD_AREA_DEFAULT, log) != PD_OK)
			goto done;
	}
	if (pd_doc_add(doc, PD_AREA_DEFAULT, "") == NULL)
		goto done;
	size_t keep_line = 0;
	for (size_t i = 0; i < rd->npairs; i++) {
		const struct pd_rd_pair *pr = &rd->pairs[i];
		char *h = pd_rangediff_header(tmp, rd, i);
		if (h == NULL)
			goto done;
		bool fold = pr->state == PD_RD_CHANGED;
		char *text = talloc_asprintf(tmp, "%s %s%s", fold ? d->open[i] ? "v" : ">" : " ", h,
					     pr->moved ? "  (moved)" : "");
		if (text == NULL || (l = pd_doc_add(doc, state_area(pr->state), text)) == NULL)
			goto done;
		l->kind = KIND_PAIR;
		l->ref = pr;
		if (i == keep_pair)
			keep_line = doc->nlines - 1;
		if (!d->open[i])
			continue;
		if (d->inner[i] == NULL && (d->inner[i] = pd_rangediff_inner(d->inner, rd, i)) == NULL)
			goto done;
		for (const char *s = d->inner[i]; *s;) {
			size_t len = strcspn(s, "\n");
			if (add_inner_line(doc, s, len) != PD_OK)
				goto done;
			s += len + (s[len] == '\n');
		}
	}
	talloc_free(d->doc);
	d->doc = doc;
	doc = NULL;
	pd_doc_relayout(ui, view, d->doc);
	if (keep_pair < rd->npairs) {
		view->cursor = pd_doc_row_of(d->doc, keep_line);
		pd_view_clamp(ui, view);
	}
	rc = PD_OK;
done:
	talloc_free(doc);
	talloc_free(tmp);
	return rc;
}

static int rd_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	const struct pd_rangediff_arg *arg = view->arg;
	struct rd_data *d = talloc_zero(view, struct rd_data);
	if (d == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	d->old = arg->old;
	d->new = arg->new;
	int rc = pd_rd_revisions(&d->rd, d, d->old, d->new, err);
	if (rc != PD_OK)
		return rc;
	d->open = talloc_zero_array(d, bool, d->rd->npairs + 1);
	d->inner = talloc_zero_array(d, char *, d->rd->npairs + 1);
	view->title = talloc_asprintf(view, "%s -> %s %s", pd_rd_version(view, d->old),
				      pd_rd_version(view, d->new),
				      d->new->title != NULL ? d->new->title : "");
	if (d->open == NULL || d->inner == NULL || view->title == NULL ||
	    build(ui, view, d, (size_t)-1) != PD_OK)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	view->data = d;
	/* the cursor on the first pair */
	for (size_t i = 0; i < d->doc->nlines; i++)
		if (d->doc->lines[i].kind == KIND_PAIR) {
			view->cursor = pd_doc_row_of(d->doc, i);
			break;
		}
	return PD_OK;
}

static void rd_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct rd_data *d = view->data;
	pd_doc_relayout(ui, view, d->doc);
}

static void rd_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y, bool selected)
{
	struct rd_data *d = view->data;
	pd_doc_draw(ui, d->doc, row, y, selected);
}

static char *rd_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct rd_data *d = view->data;
	return pd_doc_row_text(ctx, d->doc, row);
}

/* Enter: a changed pair's diff unfolds or folds; on a line of a diff,
 * the pair it belongs to folds. */
static void toggle(struct pd_ui *ui, struct pd_view *view)
{
	struct rd_data *d = view->data;
	size_t line = pd_doc_line_at(d->doc, view->cursor);
	while (line > 0 && d->doc->lines[line].kind != KIND_PAIR &&
	       d->doc->lines[line].area != PD_AREA_TITLE)
		line--;
	const struct pd_rd_pair *pr = d->doc->lines[line].kind == KIND_PAIR
					      ? d->doc->lines[line].ref : NULL;
	if (pr == NULL) {
		pd_ui_error(ui, "move to a pair (a line like 1:  ! 1:  title) to see its diff");
		return;
	}
	size_t i = (size_t)(pr - d->rd->pairs);
	if (pr->state != PD_RD_CHANGED) {
		pd_ui_message(ui, pr->state == PD_RD_SAME ? "unchanged: nothing to show"
				  : pr->state == PD_RD_NEW ? "a new patch: it has no older counterpart"
							   : "dropped: the newer revision has no counterpart");
		return;
	}
	d->open[i] = !d->open[i];
	if (build(ui, view, d, i) != PD_OK) {
		d->open[i] = !d->open[i];
		pd_ui_error(ui, "out of memory");
	}
}

/* [ and ]: the older side one revision older or newer (never the newer
 * side itself), so that any two revisions of the series can be compared. */
static void other_old(struct pd_ui *ui, struct pd_view *view, int dir)
{
	struct rd_data *d = view->data;
	const struct pd_series *s = d->new->series;
	size_t i = 0;
	while (s != NULL && i < s->nrevisions && s->revisions[i] != d->old)
		i++;
	size_t j = i;
	do
		j = dir < 0 ? j - 1 : j + 1;
	while (j < (s != NULL ? s->nrevisions : 0) && s->revisions[j] == d->new);
	if (s == NULL || i == s->nrevisions || j >= s->nrevisions) {
		pd_ui_error(ui, dir < 0 ? "no older revision to compare with"
					: "no newer revision to compare with");
		return;
	}
	struct pd_err err;
	pd_err_init(&err, view);
	struct pd_rangediff *rd = NULL;
	bool *open = NULL;
	char **inner = NULL;
	if (pd_rd_revisions(&rd, d, s->revisions[j], d->new, &err) != PD_OK ||
	    (open = talloc_zero_array(d, bool, rd->npairs + 1)) == NULL ||
	    (inner = talloc_zero_array(d, char *, rd->npairs + 1)) == NULL) {
		pd_ui_error(ui, "%s", err.msg != NULL ? pd_err_msg(&err) : "out of memory");
		talloc_free(rd);
		talloc_free(open);
		return;
	}
	talloc_free(d->rd);
	talloc_free(d->open);
	talloc_free(d->inner);
	d->rd = rd;
	d->open = open;
	d->inner = inner;
	d->old = s->revisions[j];
	char *title = talloc_asprintf(view, "%s -> %s %s", pd_rd_version(view, d->old),
				      pd_rd_version(view, d->new),
				      d->new->title != NULL ? d->new->title : "");
	if (title != NULL) {
		talloc_free(view->title);
		view->title = title;
	}
	view->cursor = view->top = 0;
	if (build(ui, view, d, (size_t)-1) != PD_OK)
		pd_ui_error(ui, "out of memory");
	char *v = pd_rd_version(NULL, d->old);
	pd_ui_message(ui, "compared with %s", v != NULL ? v : "?");
	talloc_free(v);
}

static bool rd_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct rd_data *d = view->data;
	switch (action) {
	case PD_ACT_PREV_REVISION:
		other_old(ui, view, -1);
		return true;
	case PD_ACT_NEXT_REVISION:
		other_old(ui, view, +1);
		return true;
	case PD_ACT_OPEN:
		toggle(ui, view);
		return true;
	case PD_ACT_WRAP:
		pd_doc_toggle_wrap(ui, view, d->doc);
		return true;
	default:
		return false;
	}
}

const struct pd_view_ops pd_rangediff_ops = {
	.name = "range-diff",
	.id = PD_VIEW_SERIES,
	.open = rd_open,
	.draw_line = rd_draw,
	.line_text = rd_text,
	.handle = rd_handle,
	.layout = rd_layout,
};

void pd_rangediff_show(struct pd_ui *ui, void *owner, const struct pd_revision *rev)
{
	const struct pd_revision *old = pd_rd_previous(rev);
	if (old == NULL) {
		pd_ui_error(ui, "this is the first revision of the series: nothing to compare it with");
		return;
	}
	struct pd_rangediff_arg *arg = talloc(owner, struct pd_rangediff_arg);
	if (arg == NULL) {
		pd_ui_error(ui, "out of memory");
		return;
	}
	*arg = (struct pd_rangediff_arg){ .old = old, .new = rev };
	if (!pd_view_open(ui, &pd_rangediff_ops, arg))
		talloc_free(arg);
}
