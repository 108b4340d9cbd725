/* The thread view: a thread's messages as a tree, as mutt draws it.
 *   DATE  AUTHOR  ├─>SUBJECT
 * A reply's subject is left out when it only repeats its parent's. */
#include "ui.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

struct thread_data {
	struct pd_message_row *rows;
	bool *last;          /* the row is its parent's last reply */
	bool *same_subject;  /* the row's subject repeats its parent's */
};

/* "Re: Re: [PATCH] x" and "[PATCH] x" are the same subject. */
static const char *base_subject(const char *s)
{
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (strncasecmp(s, "re:", 3) == 0 || strncasecmp(s, "aw:", 3) == 0)
			s += 3;
		else if (strncasecmp(s, "fwd:", 4) == 0)
			s += 4;
		else
			return s;
	}
}

/* The display name of a From: header, else its address. */
static char *author_name(void *ctx, const char *from)
{
	const char *lt = strchr(from, '<');
	if (lt == NULL)
		return talloc_strdup(ctx, from);
	const char *b = from, *e = lt;
	while (b < e && (isspace((unsigned char)*b) || *b == '"'))
		b++;
	while (e > b && (isspace((unsigned char)e[-1]) || e[-1] == '"'))
		e--;
	if (e > b)
		return talloc_strndup(ctx, b, (size_t)(e - b));
	const char *gt = strchr(lt, '>');
	return talloc_strndup(ctx, lt + 1, gt ? (size_t)(gt - lt - 1) : strlen(lt + 1));
}

static int thread_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	struct thread_data *d = talloc_zero(view, struct thread_data);
	size_t n = 0;
	const char *query = view->below != NULL && view->below->ops == &pd_list_ops
		? pd_list_query(view->below) : NULL;

	if (d == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int rc = pd_store_thread_messages(&d->rows, &n, ui->store, d, view->arg, query, err);
	if (rc != PD_OK)
		return rc;
	d->last = talloc_zero_array(d, bool, n ? n : 1);
	d->same_subject = talloc_zero_array(d, bool, n ? n : 1);
	if (d->last == NULL || d->same_subject == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		/* Rows are depth first: the next row at this depth or above
		 * is a sibling only if it shares the parent. */
		d->last[i] = true;
		for (size_t j = i + 1; j < n; j++) {
			if (d->rows[j].depth <= d->rows[i].depth) {
				d->last[i] = d->rows[j].parent != d->rows[i].parent ||
					     d->rows[j].depth != d->rows[i].depth;
				break;
			}
		}
		long p = d->rows[i].parent;
		d->same_subject[i] = p >= 0 &&
			strcmp(base_subject(d->rows[i].subject),
			       base_subject(d->rows[p].subject)) == 0;
	}
	view->data = d;
	view->lines = n;
	view->title = talloc_strdup(view, n ? d->rows[0].subject : "");
	return PD_OK;
}

/* The tree prefix of row: one column pair per ancestor level, then the
 * branch to the row itself. */
static char *tree_prefix(void *ctx, struct pd_ui *ui, struct thread_data *d, size_t row)
{
	int depth = d->rows[row].depth;
	if (depth == 0)
		return talloc_strdup(ctx, "");
	const char **parts = talloc_array(ctx, const char *, (size_t)depth);
	if (parts == NULL)
		return NULL;
	parts[depth - 1] = d->last[row] ? ui->glyph.corner : ui->glyph.tee;
	long a = d->rows[row].parent;
	for (int level = depth - 2; level >= 0 && a >= 0; level--) {
		parts[level] = d->last[a] ? ui->glyph.space : ui->glyph.vline;
		a = d->rows[a].parent;
	}
	/* Roots have no branch of their own: the first level hangs off them. */
	char *s = talloc_strdup(ctx, "");
	for (int level = 0; s != NULL && level < depth; level++)
		s = talloc_strdup_append(s, parts[level]);
	talloc_free(parts);
	return s != NULL ? talloc_strdup_append(s, ui->glyph.arrow) : NULL;
}

static void thread_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			bool selected)
{
	struct thread_data *d = view->data;
	const struct pd_message_row *m = &d->rows[row];
	int unread = m->unread ? PD_STYLE_UNREAD : 0;
	int aw = (int)pd_config_int(ui->cfg, PD_OPTION_AUTHOR_WIDTH);
	void *tmp = talloc_new(NULL);
	char *date = pd_ui_date(tmp, ui, m->date);
	char *author = author_name(tmp, m->from);
	char *tree = tree_prefix(tmp, ui, d, row);
	int x = 0;

#define STYLE(area) ((selected ? PD_AREA_CURSOR : (area)) | unread)
	x = pd_put_pad(ui, y, x, x + pd_text_width(ui, date ? date : "") + 2,
		       STYLE(PD_AREA_DATE), date ? date : "");
	x = pd_put_col(ui, y, x, aw, 2, STYLE(PD_AREA_AUTHOR), author ? author : "");
	x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_TREE), tree ? tree : "");
	if (!d->same_subject[row])
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_SUBJECT), m->subject);
	pd_put_pad(ui, y, x, ui->cols, STYLE(PD_AREA_DEFAULT), "");
#undef STYLE
	talloc_free(tmp);
}

static char *thread_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	struct thread_data *d = view->data;
	return talloc_asprintf(ctx, "%s %s", d->rows[row].from, d->rows[row].subject);
}

static bool thread_unread(struct pd_view *view, size_t row)
{
	struct thread_data *d = view->data;
	return d->rows[row].unread;
}

const struct pd_view_ops pd_thread_ops = {
	.name = "thread",
	.id = PD_VIEW_THREAD,
	.open = thread_open,
	.draw_line = thread_draw,
	.line_text = thread_text,
	.is_unread = thread_unread,
	.handle = NULL,
};
