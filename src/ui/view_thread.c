/* The thread view: the review discussion of a series or of one patch as a
 * tree, as mutt draws it.
 *   DATE  AUTHOR  MARKS  ├─>SUBJECT
 * The mails come from the series view's loaded revision (struct
 * pd_thread_arg); the tree is rebuilt here from their In-Reply-To and
 * References, because the model keeps replies as flat lists. A reply's
 * subject is left out when it only repeats its parent's; MARKS are the
 * review trailers the reply gives (A R T, + for others). */
#include "ui.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "load.h"
#include "series.h"
#include "strmap.h"

struct trow {
	const struct pd_mail *mail;
	long parent;        /* row of the parent, -1 for a root */
	int depth;
	bool last;          /* the parent's last reply */
	bool same_subject;  /* the subject repeats the parent's */
	bool unread;        /* this session: cleared once the message is shown */
	int rank;           /* cover 0, patch n, others INT_MAX: sibling order */
	char marks[5];
};

struct thread_data {
	struct trow *rows;
	size_t n;
	const struct pd_mail **mails;  /* rows' mails, for the message view */
	struct pd_message_arg marg;
	bool reading;                  /* a message view from here is open */
};

/* ------------------------------------------------------------ the mails */

struct collect {
	const struct pd_mail **v;
	int *rank;
	size_t n, cap;
	struct pd_strmap *seen;
	bool nomem;
};

static void add_mail(struct collect *c, const struct pd_mail *m, int rank)
{
	if (m == NULL || c->nomem)
		return;
	const char *id = m->message_id ? m->message_id : "";
	if (*id != '\0') {
		int r = pd_strmap_add(c->seen, id, strlen(id), c->n, NULL);
		if (r != 0) {
			c->nomem = r < 0;
			return;
		}
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 32;
		const struct pd_mail **v = talloc_realloc(c->seen, c->v, const struct pd_mail *, cap);
		int *rk = talloc_realloc(c->seen, c->rank, int, cap);
		if (v != NULL)
			c->v = v;
		if (rk != NULL)
			c->rank = rk;
		if (v == NULL || rk == NULL) {
			c->nomem = true;
			return;
		}
		c->cap = cap;
	}
	c->rank[c->n] = rank;
	c->v[c->n++] = m;
}

/* The mails the view shows: the patch and its replies; or the cover, the
 * replies to it and every patch with its replies; or, without a revision
 * (a discussion that is no series), every mail loaded. */
static void collect(struct collect *c, const struct pd_thread_arg *a)
{
	if (a->rev == NULL) {
		for (size_t i = 0; a->load != NULL && i < a->load->nmails; i++)
			add_mail(c, a->load->mails[i], -1);
		return;
	}
	const struct pd_revision *rev = a->rev;
	if (a->patch == NULL) {
		add_mail(c, rev->cover, 0);
		for (size_t i = 0; i < rev->nreplies; i++)
			add_mail(c, rev->replies[i], -1);
	}
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		if (a->patch != NULL && p != a->patch)
			continue;
		add_mail(c, p->mail, p->n > 0 ? p->n : 1);
		for (size_t k = 0; k < p->nreplies; k++)
			add_mail(c, p->replies[k], -1);
	}
}

/* ------------------------------------------------------------ the tree */

static long find_parent(const struct collect *c, size_t i)
{
	const struct pd_mail *m = c->v[i];
	size_t j;
	if (m->in_reply_to != NULL &&
	    pd_strmap_get(c->seen, m->in_reply_to, strlen(m->in_reply_to), &j) && j != i)
		return (long)j;
	/* The parent is missing: hang it below the nearest ancestor there. */
	for (size_t r = m->nreferences; r-- > 0;) {
		const char *ref = m->references[r];
		if (pd_strmap_get(c->seen, ref, strlen(ref), &j) && j != i)
			return (long)j;
	}
	return -1;
}

/* Siblings: the cover, then patches by number, then replies by date. */
static int sibling_cmp(const struct collect *c, size_t a, size_t b)
{
	int ra = c->rank[a] >= 0 ? c->rank[a] : 1 << 30;
	int rb = c->rank[b] >= 0 ? c->rank[b] : 1 << 30;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (c->v[a]->date != c->v[b]->date)
		return c->v[a]->date < c->v[b]->date ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void sort_range(const struct collect *c, size_t *v, size_t n)
{
	/* Insertion sort: sibling lists are short and mostly in order. */
	for (size_t i = 1; i < n; i++) {
		size_t x = v[i], j = i;
		while (j > 0 && sibling_cmp(c, v[j - 1], x) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Breaks reply cycles (hostile or broken headers): the mail where a walk
 * up the parents comes round again becomes a root. */
static void break_cycles(long *parent, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long p = (long)i;
		for (size_t steps = 0; parent[p] >= 0; steps++) {
			if ((size_t)parent[p] == i || steps > n) {
				/* i is on the cycle, or hangs below one: cut it at p. */
				parent[p] = -1;
				break;
			}
			p = parent[p];
		}
	}
}

static int build_rows(struct thread_data *d, const struct collect *c, void *tmp)
{
	size_t n = c->n;
	long *parent = talloc_array(tmp, long, n + 1);
	size_t *count = talloc_zero_array(tmp, size_t, n + 2);
	size_t *idx = talloc_array(tmp, size_t, n + 1);
	size_t *fill = talloc_zero_array(tmp, size_t, n + 2);
	size_t *stack = talloc_array(tmp, size_t, n + 1);
	long *stack_parent = talloc_array(tmp, long, n + 1);
	int *stack_depth = talloc_array(tmp, int, n + 1);
	d->rows = talloc_zero_array(d, struct trow, n + 1);
	d->mails = talloc_array(d, const struct pd_mail *, n + 1);
	long *row_of = talloc_array(tmp, long, n + 1);
	if (!parent || !count || !idx || !fill || !stack || !stack_parent || !stack_depth ||
	    !d->rows || !d->mails || !row_of)
		return PD_E_NOMEM;
	/* No mail: no rows (and c->v and c->rank were never allocated). */
	if (n == 0)
		return PD_OK;

	for (size_t i = 0; i < n; i++)
		parent[i] = find_parent(c, i);
	break_cycles(parent, n);
	/* Bucket by parent: slot p+1 (slot 0 holds the roots). */
	for (size_t i = 0; i < n; i++)
		count[(size_t)(parent[i] + 1) + 1]++;
	for (size_t s = 1; s <= n + 1; s++)
		count[s] += count[s - 1];
	for (size_t i = 0; i < n; i++) {
		size_t s = (size_t)(parent[i] + 1);
		idx[count[s] + fill[s]++] = i;
	}
	for (size_t s = 0; s <= n; s++)
		sort_range(c, idx + count[s], count[s + 1] - count[s]);

	/* Depth first, pushing children in reverse so the first pops first. */
	size_t sp = 0, rows = 0;
	for (size_t k = count[1]; k-- > count[0];) {
		stack[sp] = idx[k];
		stack_parent[sp] = -1;
		stack_depth[sp++] = 0;
	}
	while (sp > 0) {
		sp--;
		size_t i = stack[sp];
		struct trow *r = &d->rows[rows];
		*r = (struct trow){
			.mail = c->v[i],
			.parent = stack_parent[sp] >= 0 ? row_of[stack_parent[sp]] : -1,
			.depth = stack_depth[sp],
			.unread = c->v[i]->unread,
			.rank = c->rank[i],
		};
		size_t s = (size_t)(parent[i] + 1);
		r->last = idx[count[s + 1] - 1] == i;
		row_of[i] = (long)rows;
		d->mails[rows++] = c->v[i];
		size_t kids_s = i + 1;
		for (size_t k = count[kids_s + 1]; k-- > count[kids_s];) {
			stack[sp] = idx[k];
			stack_parent[sp] = (long)i;
			stack_depth[sp++] = r->depth + 1;
		}
	}
	d->n = rows;
	return PD_OK;
}

/* "Re: Re: [PATCH] x", "AW: [PATCH] x" and "[PATCH] x" are the same. */
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

static const char *subject_of(const struct pd_mail *m)
{
	return m->subject_raw != NULL ? m->subject_raw : "";
}

/* A for Acked-by, R Reviewed-by, T Tested-by, + any other review
 * person trailer (Suggested-by, Reported-by, ...). A letter is lower case when
 * every such trailer names someone other than the sender (a typo, a
 * colleague's tag, or a commit message pasted into the reply). */
static void set_marks(struct trow *r)
{
	static const char *const names[] = { "Acked-by", "Reviewed-by", "Tested-by" };
	static const char letters[] = "ART+";
	int seen[4] = { 0 }; /* 0 none, 1 only mismatched, 2 one of the sender's */
	for (size_t i = 0; i < r->mail->nreply_trailers; i++) {
		const struct pd_trailer *t = &r->mail->reply_trailers[i];
		size_t k = 0;
		while (k < 3 && strcasecmp(t->name, names[k]) != 0)
			k++;
		if (k == 3 && !t->is_person)
			continue; /* Link:, Fixes: name no one */
		int level = t->sender == PD_SENDER_MISMATCH ? 1 : 2;
		if (seen[k] < level)
			seen[k] = level;
	}
	char *p = r->marks;
	for (size_t k = 0; k < 4; k++) {
		if (seen[k] == 2)
			*p++ = letters[k];
		else if (k < 3 && seen[k] == 1)
			*p++ = (char)(letters[k] - 'A' + 'a');
	}
	*p = '\0';
}

static char *view_title(void *ctx, const struct pd_thread_arg *a, size_t n)
{
	const char *what;
	if (a->rev == NULL)
		what = n ? subject_of(a->load->mails[0]) : "";
	else if (a->patch != NULL)
		what = subject_of(a->patch->mail);
	else
		what = a->rev->title ? a->rev->title : "";
	return talloc_strdup(ctx, what);
}

static int thread_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	(void)ui;
	const struct pd_thread_arg *a = view->arg;
	struct thread_data *d = talloc_zero(view, struct thread_data);
	void *tmp = talloc_new(NULL);
	struct collect c = { .seen = tmp ? pd_strmap_new(tmp, 64) : NULL };
	int rc = PD_E_NOMEM;

	if (d == NULL || c.seen == NULL)
		goto out;
	collect(&c, a);
	if (c.nomem || build_rows(d, &c, tmp) != PD_OK)
		goto out;
	for (size_t i = 0; i < d->n; i++) {
		struct trow *r = &d->rows[i];
		r->same_subject = r->parent >= 0 &&
			strcmp(base_subject(subject_of(r->mail)),
			       base_subject(subject_of(d->rows[r->parent].mail))) == 0;
		set_marks(r);
	}
	view->title = view_title(view, a, d->n);
	if (view->title == NULL)
		goto out;
	view->data = d;
	view->lines = d->n;
	rc = PD_OK;
out:
	talloc_free(tmp);
	if (rc != PD_OK) {
		talloc_free(d);
		return pd_err_set(err, rc, "out of memory");
	}
	return PD_OK;
}

/* ------------------------------------------------------------ drawing */

/* The tree prefix of row: one column pair per ancestor level, then the
 * branch to the row itself; roots have none. */
static char *tree_prefix(void *ctx, struct pd_ui *ui, const struct thread_data *d, size_t row)
{
	int depth = d->rows[row].depth;
	if (depth == 0)
		return talloc_strdup(ctx, "");
	const char **parts = talloc_array(ctx, const char *, (size_t)depth);
	if (parts == NULL)
		return NULL;
	parts[depth - 1] = d->rows[row].last ? ui->glyph.corner : ui->glyph.tee;
	long a = d->rows[row].parent;
	for (int level = depth - 2; level >= 0 && a >= 0; level--) {
		parts[level] = d->rows[a].last ? ui->glyph.space : ui->glyph.vline;
		a = d->rows[a].parent;
	}
	/* Levels past the screen's edge are not drawn, so not joined: a
	 * chain of replies thousands deep stays cheap. */
	int shown = depth < ui->cols / 2 + 1 ? depth : ui->cols / 2 + 1;
	char *s = talloc_strdup(ctx, "");
	for (int level = 0; s != NULL && level < shown; level++)
		s = talloc_strdup_append(s, parts[level]);
	talloc_free(parts);
	return s != NULL ? talloc_strdup_append(s, ui->glyph.arrow) : NULL;
}

static const char *author_of(const struct pd_mail *m)
{
	if (m->author.name != NULL && *m->author.name)
		return m->author.name;
	return m->author.email != NULL ? m->author.email : "";
}

static void thread_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			bool selected)
{
	struct thread_data *d = view->data;
	const struct trow *r = &d->rows[row];
	int unread = r->unread ? PD_STYLE_UNREAD : 0;
	int aw = (int)pd_config_int(ui->cfg, PD_OPTION_AUTHOR_WIDTH);
	void *tmp = talloc_new(NULL);
	char *date = pd_ui_date(tmp, ui, r->mail->date);
	char *tree = tree_prefix(tmp, ui, d, row);
	int x = 0;

#define STYLE(area) ((selected ? PD_AREA_CURSOR : (area)) | unread)
	x = pd_put_pad(ui, y, x, x + pd_text_width(ui, date ? date : "") + 2,
		       STYLE(PD_AREA_DATE), date ? date : "");
	x = pd_put_col(ui, y, x, aw, 2, STYLE(PD_AREA_AUTHOR), author_of(r->mail));
	x = pd_put_col(ui, y, x, 4, 1, STYLE(*r->marks ? PD_AREA_COLLECTED : PD_AREA_DEFAULT),
		       r->marks);
	x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_TREE), tree ? tree : "");
	if (!r->same_subject)
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_SUBJECT), subject_of(r->mail));
	pd_put_pad(ui, y, x, ui->cols, STYLE(PD_AREA_DEFAULT), "");
#undef STYLE
	talloc_free(tmp);
}

static char *thread_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct thread_data *d = view->data;
	const struct pd_mail *m = d->rows[row].mail;
	return talloc_asprintf(ctx, "%s <%s> %s", author_of(m),
			       m->author.email ? m->author.email : "", subject_of(m));
}

static bool thread_unread(struct pd_view *view, size_t row)
{
	struct thread_data *d = view->data;
	return d->rows[row].unread;
}

/* Back from the message view: the cursor follows J and K there, and what
 * was shown is read. */
static void thread_layout(struct pd_ui *ui, struct pd_view *view)
{
	(void)ui;
	struct thread_data *d = view->data;
	if (!d->reading || ui->top != view)
		return;
	d->reading = false;
	if (d->marg.index < d->n)
		view->cursor = d->marg.index;
}

static bool thread_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct thread_data *d = view->data;
	const struct pd_thread_arg *a = view->arg;
	if (action != PD_ACT_OPEN)
		return pd_reply_action(ui, a->rev != NULL ? a->rev->id : NULL,
				       d->n > 0 ? d->mails[view->cursor] : NULL, action);
	if (d->n == 0) {
		pd_ui_error(ui, "no message in this thread");
		return true;
	}
	d->marg = (struct pd_message_arg){
		.mails = d->mails, .nmails = d->n, .index = view->cursor,
	};
	if (pd_view_open(ui, &pd_message_ops, &d->marg))
		d->reading = true;
	return true;
}

/* The message view says which mail it shows, so the row stops being bold. */
void pd_thread_seen(struct pd_view *view, const struct pd_mail *mail)
{
	if (view == NULL || view->ops != &pd_thread_ops)
		return;
	struct thread_data *d = view->data;
	for (size_t i = 0; i < d->n; i++)
		if (d->rows[i].mail == mail)
			d->rows[i].unread = false;
}

const struct pd_view_ops pd_thread_ops = {
	.name = "thread",
	.id = PD_VIEW_THREAD,
	.open = thread_open,
	.draw_line = thread_draw,
	.line_text = thread_text,
	.is_unread = thread_unread,
	.handle = thread_handle,
	.layout = thread_layout,
};
