/* The series list: one row per series, its latest revision, newest first
 * or by latest activity; `v` shows the older revisions folded under it.
 *
 *   DATE AUTHOR  vN+ RECV/TOTAL! A1 R2 T0 (REPLIES) [TAGS] TITLE
 *
 * The texts are those of `patchdeck list` (series_fmt.h). Rows point into
 * the list's pd_load; a new load (more of the store read) replaces the
 * rows, and the cursor stays on the series it was on.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "apply_ui.h"
#include "list_check.h"
#include "list_load.h"
#include "review_state.h"
#include "series_fmt.h"
#include "series_json.h"

struct list_row {
	const struct pd_revision *rev;
	size_t order;   /* the series' place in the model: latest activity first */
	bool older;     /* an older revision, shown under its series' latest */
	bool oldest;    /* the last of those: the tree's corner */
	bool unread;
};

/* Columns: the date, the author, "v3+ ", "12/12! ", "A1 R2 T0 ",
 * "(12) ". What the title needs first, then what a narrow screen drops.
 * The version, count and trailer widths are the least; a row that needs
 * more widens its column for every row (list_data.w). */
enum { VERSION_W = 4, MARK_W = 1, COUNT_W = 6, TRAILERS_W = 8, REPLIES_W = 5, TITLE_MIN = 24,
       STATE_W = 10 };

/* Columns as wide as this screen allows (list_layout). */
struct list_cols {
	int author;
	bool date, trailers, replies;
	bool state;  /* once anything is triaged (a state tag in the store) */
};

struct list_data {
	const char *query;
	struct pd_list_load *loader;
	struct pd_load *load;     /* the rows point into it */
	struct list_row *rows;
	size_t nrows, nseries;
	bool by_activity;         /* else by the latest revision's date */
	bool revisions;           /* older revisions shown */
	struct list_cols cols;
	struct pd_fmt_widths w;   /* of the rows shown */
	int filter;               /* the review state shown alone, or -1 */
	int hide;                 /* the review state not shown, or -1 */
	size_t counts[PD_STATE_COUNT]; /* series per state; superseded: older revisions */
	struct pd_list_check *check;   /* the rows' apply marks (list_check.h) */
};

static bool mail_unread(const struct pd_mail *m)
{
	return m != NULL && m->unread;
}

static bool mails_unread(const struct pd_mail *const *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (mail_unread(m[i]))
			return true;
	return false;
}

/* Any mail of the revision unread: cover, patches, replies. Patches
 * carried from an older revision belong to that one. */
static bool revision_unread(const struct pd_revision *rev)
{
	if (mail_unread(rev->cover) || mails_unread(rev->replies, rev->nreplies))
		return true;
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		if (!p->carried && (mail_unread(p->mail) ||
				    mails_unread(p->replies, p->nreplies)))
			return true;
	}
	return false;
}

struct sort_key {
	const struct pd_series *series;
	size_t order;
};

static int by_date(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;
	time_t dx = pd_series_latest(x->series)->date, dy = pd_series_latest(y->series)->date;
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The rows for d->load in the chosen order; the old ones are freed. */
static int build_rows(struct pd_ui *ui, struct list_data *d)
{
	const struct pd_model *model = d->load->model;
	const struct pd_states *st = pd_triage_states(ui);
	struct sort_key *keys = talloc_array(d, struct sort_key, model->nseries + 1);
	size_t nrows = 0;

	if (keys == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < model->nseries; i++) {
		keys[i] = (struct sort_key){ .series = model->series[i], .order = i };
		nrows += d->revisions || d->filter >= 0 ? model->series[i]->nrevisions : 1;
	}
	if (!d->by_activity && model->nseries > 1)
		qsort(keys, model->nseries, sizeof(*keys), by_date);
	struct list_row *rows = talloc_array(d, struct list_row, nrows + 1);
	if (rows == NULL) {
		talloc_free(keys);
		return PD_E_NOMEM;
	}
	size_t n = 0;
	memset(d->counts, 0, sizeof(d->counts));
	d->w = (struct pd_fmt_widths){ .version = VERSION_W, .count = COUNT_W,
				       .trailers = TRAILERS_W };
	for (size_t i = 0; i < model->nseries; i++) {
		const struct pd_series *s = keys[i].series;
		bool unread = false;
		for (size_t r = 0; r < s->nrevisions && !unread; r++)
			unread = revision_unread(s->revisions[r]);
		int state = pd_states_of(st, pd_series_latest(s), NULL);
		d->counts[state]++;
		/* Superseded counts the older revisions that are. */
		for (size_t r = 0; r + 1 < s->nrevisions; r++)
			d->counts[PD_STATE_SUPERSEDED] +=
				pd_states_of(st, s->revisions[r], NULL) == PD_STATE_SUPERSEDED;
		if ((d->filter < 0 || d->filter == state) && state != d->hide)
			rows[n++] = (struct list_row){
				.rev = pd_series_latest(s), .order = keys[i].order, .unread = unread,
			};
		/* Newest first under the latest, as `list --all-revisions`.
		 * Filtered, an older revision shows when it is in the state. */
		for (size_t r = s->nrevisions - 1; (d->revisions || d->filter >= 0) && r-- > 0;)
			if (d->filter < 0 ? d->revisions && (d->hide < 0 ||
							     pd_states_of(st, s->revisions[r], NULL) != d->hide)
					  : pd_states_of(st, s->revisions[r], NULL) == d->filter)
				rows[n++] = (struct list_row){
					.rev = s->revisions[r], .order = keys[i].order,
					.older = true, .oldest = r == 0,
					.unread = revision_unread(s->revisions[r]),
				};
	}
	talloc_free(keys);
	for (size_t i = 0; i < n; i++)
		pd_fmt_widths_fit(&d->w, rows[i].rev);
	talloc_free(d->rows);
	d->rows = rows;
	d->nrows = n;
	d->nseries = model->nseries;
	d->cols.state = pd_states_any(st) || d->filter >= 0 || d->hide >= 0;
	return PD_OK;
}

/* The row showing rev, else the latest row of its series; nrows when the
 * series is not listed. */
static size_t find_row(const struct list_data *d, size_t nrows, const struct pd_revision *rev)
{
	size_t latest = nrows;
	for (size_t i = 0; rev != NULL && i < nrows; i++) {
		if (d->rows[i].rev == rev)
			return i;
		if (latest == nrows && !d->rows[i].older && d->rows[i].rev->series == rev->series)
			latest = i;
	}
	return latest;
}

static void set_title(struct pd_view *view)
{
	struct list_data *d = view->data;
	char *progress = pd_list_load_progress(view, d->loader);
	if (progress == NULL)
		progress = pd_list_check_progress(view, d->check);
	/* Once anything is triaged: how many series are in each state. */
	char *counts = talloc_strdup(view, "");
	for (int i = 0; d->cols.state && counts != NULL && i < PD_STATE_COUNT; i++)
		if (d->counts[i] > 0 || i == d->filter || i == d->hide)
			counts = talloc_asprintf_append(counts, "%s%s%s %zu", *counts ? ", " : "  ",
							i == d->filter ? "*" : i == d->hide ? "!" : "",
							pd_state_name(i), d->counts[i]);
	char *title = talloc_asprintf(view, "%s  (%zu series%s%s)%s",
				      *d->query ? d->query : "*", d->nseries,
				      progress != NULL ? ", " : "", progress != NULL ? progress : "",
				      counts != NULL ? counts : "");
	talloc_free(progress);
	talloc_free(counts);
	if (title != NULL) {
		talloc_free(view->title);
		view->title = title;
	}
}

/* Shows load (or the current one again, re-sorted): rebuilds the rows
 * and puts the cursor back on the series it was on, at the same height
 * on the screen. */
static int relist(struct pd_ui *ui, struct pd_view *view, struct pd_load *load)
{
	struct list_data *d = view->data;
	char *keep = NULL;
	size_t offset = view->cursor - view->top;

	if (view->lines > 0)
		keep = talloc_strdup(d, d->rows[view->cursor].rev->id);
	struct pd_load *old = d->load;
	d->load = load;
	int rc = build_rows(ui, d);
	if (rc != PD_OK) {
		d->load = old;
		talloc_free(keep);
		return rc;
	}
	if (old != load)
		talloc_free(old);
	view->lines = d->nrows;
	if (keep != NULL) {
		size_t row = find_row(d, view->lines, pd_model_find(load->model, keep));
		if (row < view->lines) {
			view->cursor = row;
			view->top = row >= offset ? row - offset : 0;
		}
		talloc_free(keep);
	}
	set_title(view);
	pd_view_clamp(ui, view);
	return PD_OK;
}

static int list_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	struct list_data *d = talloc_zero(view, struct list_data);
	if (d == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	d->query = view->arg;
	d->filter = -1;
	d->hide = -1;
	d->w = (struct pd_fmt_widths){ .version = VERSION_W, .count = COUNT_W,
				       .trailers = TRAILERS_W };
	view->data = d;
	/* A script's screens must not depend on the machine's speed: there
	 * the whole list is read before the first one. */
	struct pd_load *first = NULL;
	int rc = pd_list_load_start(&d->loader, d, ui->store, d->query, !ui->scripted,
				    &first, err);
	if (rc == PD_OK && relist(ui, view, first) != PD_OK)
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	return rc;
}

/* Once the list is read: the apply marks of the rows on screen, then of
 * the next screen (list_check.h). */
static bool check_rows(struct pd_ui *ui, struct pd_view *view, unsigned budget_ms)
{
	struct list_data *d = view->data;
	size_t h = (size_t)pd_view_height(ui), n = 0;
	const struct pd_revision **revs = talloc_array(NULL, const struct pd_revision *, 2 * h + 1);
	for (size_t i = view->top; revs != NULL && i < d->nrows && n < 2 * h; i++)
		revs[n++] = d->rows[i].rev;
	bool known = *d->query == '\0' && pd_list_load_complete(d->loader);
	bool more = revs != NULL && pd_list_check_work(ui, &d->check, d, revs, n, known, budget_ms);
	talloc_free(revs);
	return more;
}

static bool list_work(struct pd_ui *ui, struct pd_view *view, unsigned budget_ms)
{
	struct list_data *d = view->data;
	struct pd_err err;
	pd_err_init(&err, NULL);
	bool more = false;
	struct pd_load *fresh = NULL;
	int rc = pd_list_load_work(d->loader, budget_ms, &fresh, &more, &err);
	/* A reader who has not moved from the first row is reading the
	 * newest series: as older and newer threads arrive it stays on the
	 * first row, not on the series that happened to come first. */
	bool at_top = view->cursor == 0 && view->top == 0;
	if (fresh != NULL && relist(ui, view, fresh) != PD_OK) {
		talloc_free(fresh);
		pd_ui_error(ui, "out of memory while listing the series");
	} else if (fresh != NULL && at_top) {
		view->cursor = 0;
		pd_view_clamp(ui, view);
	}
	if (rc != PD_OK)
		pd_ui_error(ui, "%s", pd_err_msg(&err));
	talloc_free(err.msg);
	if (!more && rc == PD_OK && pd_ui_has_tree(ui))
		more = check_rows(ui, view, budget_ms);
	if (fresh == NULL)
		set_title(view);
	return more;
}

/* ------------------------------------------------------------ drawing */


static void list_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct list_data *d = view->data;
	struct list_cols c = { .date = true, .trailers = true, .replies = true,
			       .state = d->cols.state };
	int date_w = 0;

	c.author = (int)pd_config_int(ui->cfg, PD_OPTION_AUTHOR_WIDTH);
	if (view->lines > 0) {
		char *date = pd_ui_date(NULL, ui, d->rows[view->top].rev->date);
		date_w = date != NULL ? pd_text_width(ui, date) : 0;
		talloc_free(date);
	}
	int fixed = (d->w.version + MARK_W + 1) + (d->w.count + 1) + (c.state ? STATE_W + 1 : 0);
	if (pd_ui_has_tree(ui))
		fixed += 2; /* the applies mark */
#define REST() (ui->cols - fixed - (c.date ? date_w + 1 : 0) - (c.author + 2) -     \
		(c.trailers ? d->w.trailers + 1 : 0) - (c.replies ? REPLIES_W + 1 : 0))
	if (REST() < TITLE_MIN) {
		int floor = c.author < 10 ? c.author : 10;
		c.author -= TITLE_MIN - REST();
		if (c.author < floor)
			c.author = floor;
	}
	if (REST() < TITLE_MIN)
		c.replies = false;
	if (REST() < TITLE_MIN)
		c.date = false;
	if (REST() < TITLE_MIN)
		c.trailers = false;
#undef REST
	d->cols = c;
}

static void list_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
		      bool selected)
{
	struct list_data *d = view->data;
	const struct list_row *r = &d->rows[row];
	const struct pd_revision *rev = r->rev;
	const struct list_cols *c = &d->cols;
	int unread = r->unread ? PD_STYLE_UNREAD : 0;
	void *tmp = talloc_new(NULL);
	int x = 0;

#define STYLE(area) ((selected ? PD_AREA_CURSOR : (area)) | unread)
	if (c->date) {
		char *date = pd_ui_date(tmp, ui, rev->date);
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_DATE), date ? date : "");
		x = pd_put_pad(ui, y, x, x + 1, STYLE(PD_AREA_DATE), "");
	}
	x = pd_put_col(ui, y, x, c->author, 2, STYLE(PD_AREA_AUTHOR), pd_fmt_author(rev));
	/* The version, then right after it: superseded (a newer revision
	 * exists), or older revisions exist (v shows them). */
	char *ver = pd_fmt_version(tmp, rev);
	const char *mark = r->older ? (ui->utf8 ? "\u2191" : "^")
			   : rev->series->nrevisions > 1 ? "+" : "";
	int end = x + d->w.version + MARK_W + 1;
	x = pd_put(ui, y, x, end - 1 - MARK_W, STYLE(PD_AREA_VERSION), ver ? ver : "");
	x = pd_put(ui, y, x, end - 1, STYLE(PD_AREA_MARK), mark);
	x = pd_put_pad(ui, y, x, end, STYLE(PD_AREA_VERSION), "");

	char *count = pd_fmt_count(tmp, rev);
	end = x + d->w.count + 1;
	x = pd_put(ui, y, x, end - 1, STYLE(PD_AREA_COUNTS), count ? count : "");
	if (rev->nmissing > 0)
		x = pd_put(ui, y, x, end - 1, STYLE(PD_AREA_MARK), PD_FMT_MISSING);
	x = pd_put_pad(ui, y, x, end, STYLE(PD_AREA_COUNTS), "");
	if (pd_ui_has_tree(ui))
		x = pd_put_col(ui, y, x, 1, 1, STYLE(PD_AREA_MARK), pd_ui_check_mark(ui, rev));

	if (c->trailers) {
		char *art = pd_fmt_trailers(tmp, rev);
		x = pd_put_col(ui, y, x, d->w.trailers, 1, STYLE(PD_AREA_TRAILER), art ? art : "");
	}
	if (c->replies) {
		char *re = rev->nreplies_total > 0
				   ? talloc_asprintf(tmp, "(%zu)", rev->nreplies_total)
				   : NULL;
		x = pd_put_col(ui, y, x, REPLIES_W, 1, STYLE(PD_AREA_COUNTS), re ? re : "");
	}
	if (c->state) {
		int state = pd_states_of(pd_triage_states(ui), rev, NULL);
		/* "changes-requested" is too wide: its first word says it. */
		const char *name = state == PD_REVIEW_CHANGES_REQUESTED ? "changes"
				   : state == PD_REVIEW_NEW		 ? ""
									 : pd_state_name(state);
		x = pd_put_col(ui, y, x, STATE_W, 1, STYLE(PD_AREA_MARK), name);
	}
	if (r->older)
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_TREE),
			   r->oldest ? ui->glyph.corner : ui->glyph.tee);
	char *tags = pd_revision_tags(tmp, rev);
	if (tags != NULL && *tags != '\0') {
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_TAGS), tags);
		x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_SUBJECT), " ");
	}
	x = pd_put(ui, y, x, ui->cols, STYLE(PD_AREA_SUBJECT), rev->title ? rev->title : "");
	pd_put_pad(ui, y, x, ui->cols, STYLE(PD_AREA_DEFAULT), "");
#undef STYLE
	talloc_free(tmp);
}

static char *list_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct list_data *d = view->data;
	const struct pd_revision *rev = d->rows[row].rev;
	/* A search calls this for every row: one allocation, unless there
	 * are tags or a minor version (written as pd_fmt_version does). */
	void *tmp = NULL;
	if (rev->ntargets > 0 || (rev->kinds & ~(unsigned)PD_SUBJ_PATCH) != 0 ||
	    rev->version_minor > 0) {
		/* pd_revision_tags leaves pieces under its ctx. */
		if ((tmp = talloc_new(NULL)) == NULL)
			return NULL;
	}
	char *tags = tmp != NULL ? pd_revision_tags(tmp, rev) : NULL;
	char *minor = rev->version_minor > 0 ? talloc_asprintf(tmp, ".%d", rev->version_minor) : NULL;
	char *s = talloc_asprintf(ctx, "%s <%s> v%d%s %s %s", rev->author.name ? rev->author.name : "",
				  rev->author.email ? rev->author.email : "", rev->version,
				  minor ? minor : "", tags ? tags : "", rev->title ? rev->title : "");
	talloc_free(tmp);
	return s;
}

static bool list_unread(struct pd_view *view, size_t row)
{
	struct list_data *d = view->data;
	return d->rows[row].unread;
}

static void open_series(struct pd_ui *ui, struct pd_view *view)
{
	struct list_data *d = view->data;
	if (view->lines == 0) {
		pd_ui_error(ui, "no series in %s", *d->query ? d->query : "the store");
		return;
	}
	struct pd_err err;
	pd_err_init(&err, NULL);
	const struct pd_revision *rev = d->rows[view->cursor].rev;
	struct pd_series_arg *a = talloc_zero(ui->ctx, struct pd_series_arg);
	bool ok = a != NULL && (a->id = talloc_strdup(a, rev->id)) != NULL;
	/* Over every thread holding a patch, the list knows all the
	 * series' threads: the view reads those alone, not every patch of
	 * its senders (thousands of mails on a large store). While it loads,
	 * those read so far, and the view reads the rest when it is done. */
	a->partial = ok && *d->query == '\0' && pd_list_load_loading(d->loader);
	if (ok && *d->query == '\0' && (a->partial || pd_list_load_complete(d->loader)))
		ok = (a->threads = pd_load_thread_ids(a, rev->series, &a->nthreads)) != NULL;
	if (!ok || pd_view_push(ui, &pd_series_ops, a, &err) != PD_OK) {
		pd_ui_error(ui, "%s", !ok ? "out of memory" : pd_err_msg(&err));
		talloc_free(a);
	} else {
		talloc_steal(ui->top, a);
	}
	talloc_free(err.msg);
}

bool pd_list_series_threads(struct pd_view *list, void *ctx, const char *id,
			    const char ***tids, size_t *n)
{
	struct list_data *d = list->data;
	*tids = NULL;
	*n = 0;
	if (d == NULL || pd_list_load_loading(d->loader))
		return false;
	const struct pd_revision *rev = *d->query == '\0' && pd_list_load_complete(d->loader)
		? pd_model_find(d->load->model, id) : NULL;
	if (rev != NULL)
		*tids = pd_load_thread_ids(ctx, rev->series, n);
	return true;
}

/* The cycle key: all, then each state some series is in, then all. */
static int next_filter(const struct list_data *d)
{
	for (int s = d->filter + 1; s < PD_STATE_COUNT; s++)
		if (d->counts[s] > 0)
			return s;
	return -1;
}

static bool list_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct list_data *d = view->data;

	switch (action) {
	case PD_ACT_OPEN:
		open_series(ui, view);
		return true;
	case PD_ACT_APPLY:
		if (view->lines == 0)
			pd_ui_error(ui, "no series to apply");
		else
			pd_ui_apply_ask(ui, d->rows[view->cursor].rev, true);
		return true;
	case PD_ACT_SORT:
		d->by_activity = !d->by_activity;
		break;
	case PD_ACT_REVISIONS:
		d->revisions = !d->revisions;
		break;
	case PD_ACT_SET_STATE:
		pd_triage_ask_state(ui, pd_list_selected(view));
		return true;
	case PD_ACT_REPLY_SERIES:
	case PD_ACT_TRAILER:
		if (view->lines == 0)
			pd_ui_error(ui, "no series here to reply to");
		else if (action == PD_ACT_TRAILER)
			pd_reply_ask_trailer(ui, pd_list_selected(view)->id, NULL, 0, "the series");
		else
			pd_reply_start(ui, pd_list_selected(view)->id, NULL, 0, -1);
		return true;
	case PD_ACT_CYCLE_STATE:
		/* all, then each state in turn, then all again */
		pd_list_filter(ui, view, next_filter(d));
		return true;
	case PD_ACT_REFRESH:
		pd_triage_refresh(ui);
		/* A database that could not be read said so: keep that line. */
		if (!ui->msg_error)
			pd_ui_message(ui, "review states read again from notmuch");
		return true;
	default:
		return false;
	}
	if (relist(ui, view, d->load) != PD_OK)
		pd_ui_error(ui, "out of memory while listing the series");
	else if (action == PD_ACT_SORT)
		pd_ui_message(ui, "sorted by %s", d->by_activity ? "latest activity" : "date");
	else
		pd_ui_message(ui, "%s", d->revisions ? "older revisions shown" : "older revisions hidden");
	return true;
}

const struct pd_revision *pd_list_selected(const struct pd_view *view)
{
	const struct list_data *d = view->data;
	return view->lines > 0 ? d->rows[view->cursor].rev : NULL;
}

void pd_list_filter(struct pd_ui *ui, struct pd_view *view, int state)
{
	struct list_data *d = view->data;
	d->filter = state;
	d->hide = -1;
	if (relist(ui, view, d->load) != PD_OK)
		pd_ui_error(ui, "out of memory while listing the series");
	else if (state < 0)
		pd_ui_message(ui, "all series shown");
	else
		pd_ui_message(ui, "only %s series shown (%zu); :filter shows all",
			      pd_state_name(state), d->nrows);
}

void pd_list_hide(struct pd_ui *ui, struct pd_view *view, int state)
{
	struct list_data *d = view->data;
	d->filter = -1;
	d->hide = state;
	if (relist(ui, view, d->load) != PD_OK)
		pd_ui_error(ui, "out of memory while listing the series");
	else
		pd_ui_message(ui, "%s series hidden (%zu shown); :filter shows all",
			      pd_state_name(state), d->nrows);
}

void pd_list_mail_read(struct pd_ui *ui, const char *message_id)
{
	for (struct pd_view *v = ui->top; v != NULL; v = v->below) {
		if (v->ops != &pd_list_ops)
			continue;
		struct list_data *d = v->data;
		bool hit = false;
		/* The list's own copy of the mail (the series view read its
		 * own): bold goes as soon as the tag is off, not at refresh. */
		for (size_t i = 0; d->load != NULL && i < d->load->nmails; i++) {
			struct pd_mail *m = d->load->mails[i];
			if (m->unread && m->message_id != NULL && strcmp(m->message_id, message_id) == 0)
				hit = true, m->unread = false;
		}
		if (hit && relist(ui, v, d->load) != PD_OK)
			pd_ui_error(ui, "out of memory while listing the series");
	}
}

void pd_list_states_changed(struct pd_ui *ui)
{
	for (struct pd_view *v = ui->top; v != NULL; v = v->below)
		if (v->ops == &pd_list_ops && relist(ui, v, ((struct list_data *)v->data)->load) != PD_OK)
			pd_ui_error(ui, "out of memory while listing the series");
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
	.layout = list_layout,
	.work = list_work,
};
