/* The series view: one revision of a series as a pager document.
 *
 *   [TAGS] title
 *   From, Date, Version (every revision, this one in brackets), Patches,
 *   Reviews, Replies, Base, Change-Id, Message-ID
 *   the cover letter's text
 *   one row per patch number: n/N  +add/-del  A/R/T  replies  title
 *   the diffstat of all patches together
 *
 * The view loads the revision itself (with bodies) and owns the load; the
 * patch and thread views opened from it point into that model and sit
 * above it on the stack, so the model outlives them. `[` and `]` show the
 * other revisions of the same model in the same view.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <time.h>

#include "diffstat.h"
#include "apply_ui.h"
#include "defer.h"
#include "diffview.h"
#include "doc.h"
#include "load.h"
#include "review_state.h"
#include "series_json.h"

enum { KIND_PATCH = 1, KIND_MISSING };

struct series_data {
	struct pd_load *load;
	struct pd_revision *rev;
	struct pd_doc *doc;
	struct pd_check *check;   /* NULL: no tree, or tree_why says why */
	char *tree_why;
	/* What the views opened from here point to; the series view stays
	 * below them, so these outlive them. */
	struct pd_patch_arg patch_arg;
	struct pd_thread_arg thread_arg;
	bool *marked;   /* per rev->patches: for a trailer reply (m) */
	const struct pd_patch *shown; /* where n/p in the patch view ended */
	bool partial;   /* read while the list loaded (pd_series_arg) */
};

static char *version_name(void *ctx, const struct pd_revision *r)
{
	return r->version_minor > 0 ? talloc_asprintf(ctx, "v%d.%d", r->version, r->version_minor)
				    : talloc_asprintf(ctx, "v%d", r->version);
}

static char *person(void *ctx, const struct pd_person *p)
{
	bool name = p->name != NULL && *p->name;
	bool email = p->email != NULL && *p->email;
	if (name && email)
		return talloc_asprintf(ctx, "%s <%s>", p->name, p->email);
	return talloc_strdup(ctx, name ? p->name : email ? p->email : "(unknown)");
}

static char *full_date(void *ctx, time_t t)
{
	struct tm tm;
	char buf[64];
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %z", &tm) == 0)
		return talloc_strdup(ctx, "?");
	return talloc_strdup(ctx, buf);
}

/* A header line: the label in the header area, the value after it. */
static struct pd_doc_line *header(struct pd_doc *doc, const char *label, const char *value,
				  int area)
{
	struct pd_doc_line *l = pd_doc_addf(doc, area, "%-11s %s", label, value ? value : "");
	if (l != NULL && pd_doc_span(l, 0, strlen(label), PD_AREA_HEADER) != PD_OK)
		return NULL;
	return l;
}

/* Acked-by, Reviewed-by and Tested-by on a patch: its own and those its
 * replies (or the cover's) gave, each trailer once. */
static void count_reviews(void *ctx, const struct pd_patch *p, int art[3])
{
	static const char *const names[3] = { "Acked-by", "Reviewed-by", "Tested-by" };
	size_t n = 0;
	const struct pd_collected **c = pd_patch_new_trailers(ctx, p, &n);
	for (int k = 0; k < 3; k++) {
		art[k] = 0;
		for (size_t i = 0; i < p->mail->ntrailers; i++)
			art[k] += strcasecmp(p->mail->trailers[i].name, names[k]) == 0;
		for (size_t i = 0; i < n; i++)
			art[k] += strcasecmp(c[i]->trailer->name, names[k]) == 0;
	}
}

/* Adds the diffstat of one patch to the series' sum, file by file. */
static int add_to_sum(struct pd_diffstat *sum, const struct pd_diffstat *ds)
{
	for (size_t i = 0; i < ds->nfiles; i++) {
		const struct pd_diffstat_file *f = &ds->files[i];
		size_t k = 0;
		while (k < sum->nfiles && strcmp(sum->files[k].path, f->path) != 0)
			k++;
		if (k == sum->nfiles) {
			struct pd_diffstat_file *files =
				talloc_realloc(sum, sum->files, struct pd_diffstat_file, k + 1);
			if (files == NULL)
				return PD_E_NOMEM;
			sum->files = files;
			files[k] = *f;
			files[k].insertions = files[k].deletions = 0;
			sum->nfiles++;
		}
		sum->files[k].insertions += f->insertions;
		sum->files[k].deletions += f->deletions;
		sum->files[k].binary = sum->files[k].binary || f->binary;
	}
	sum->insertions += ds->insertions;
	sum->deletions += ds->deletions;
	return PD_OK;
}

static int by_path(const void *a, const void *b)
{
	const struct pd_diffstat_file *x = a, *y = b;
	return strcmp(x->path, y->path);
}

static int add_header(struct pd_ui *ui, struct pd_doc *doc, void *tmp,
		      const struct pd_revision *rev)
{
	char *tags = pd_revision_tags(tmp, rev);
	struct pd_doc_line *l = pd_doc_addf(doc, PD_AREA_TITLE, "%s%s%s", tags ? tags : "",
					    tags && *tags ? " " : "", rev->title ? rev->title : "");
	if (l == NULL || header(doc, "From:", person(tmp, &rev->author), 0) == NULL ||
	    header(doc, "Date:", full_date(tmp, rev->date), 0) == NULL)
		return PD_E_NOMEM;

	/* Every revision, oldest first, this one in brackets. */
	char *revs = talloc_strdup(tmp, "");
	size_t mark_a = 0, mark_b = 0;
	const struct pd_series *s = rev->series;
	for (size_t i = 0; s != NULL && i < s->nrevisions && revs != NULL; i++) {
		const struct pd_revision *r = s->revisions[i];
		if (*revs)
			revs = talloc_strdup_append(revs, " ");
		char *v = version_name(tmp, r);
		if (r == rev && revs != NULL) {
			mark_a = strlen(revs);
			revs = talloc_asprintf_append(revs, "[%s]", v);
			mark_b = revs != NULL ? strlen(revs) : 0;
		} else if (revs != NULL) {
			revs = talloc_strdup_append(revs, v);
		}
	}
	if (revs == NULL || (l = header(doc, "Version:", revs, PD_AREA_VERSION)) == NULL ||
	    pd_doc_span(l, 12 + mark_a, 12 + mark_b, PD_AREA_MARK) != PD_OK)
		return PD_E_NOMEM;

	if (rev->kind == PD_REV_PULL) {
		const struct pd_mail *m = rev->cover != NULL ? rev->cover
				: rev->npatches > 0 ? rev->patches[0].mail : NULL;
		const char *url = m != NULL && m->pull_url != NULL ? m->pull_url : "(no repository line)";
		const char *branch = m != NULL && m->pull_branch != NULL ? m->pull_branch : "";
		if (header(doc, "Pull:", talloc_asprintf(tmp, "%s %s", url, branch), 0) == NULL)
			return PD_E_NOMEM;
	} else {
		char *count = talloc_asprintf(tmp, "%zu/%d", pd_revision_received(rev), rev->total);
		size_t plain = count != NULL ? strlen(count) : 0;
		for (size_t i = 0; count != NULL && i < rev->nmissing; i++)
			count = talloc_asprintf_append(count, "%s%d", i == 0 ? ", missing " : " ",
						       rev->missing[i]);
		if (count == NULL || (l = header(doc, "Patches:", count, 0)) == NULL ||
		    pd_doc_span(l, 12 + plain, strlen(l->text), PD_AREA_MARK) != PD_OK)
			return PD_E_NOMEM;
	}
	if (header(doc, "Reviews:", talloc_asprintf(tmp, "Acked-by %d, Reviewed-by %d, Tested-by %d",
						    rev->nacked, rev->nreviewed, rev->ntested),
		   0) == NULL ||
	    header(doc, "Replies:", talloc_asprintf(tmp, "%zu", rev->nreplies_total), 0) == NULL)
		return PD_E_NOMEM;
	if (rev->base_commit != NULL && header(doc, "Base:", rev->base_commit, 0) == NULL)
		return PD_E_NOMEM;
	if (rev->change_id != NULL && header(doc, "Change-Id:", rev->change_id, 0) == NULL)
		return PD_E_NOMEM;
	if (header(doc, "Message-ID:", talloc_asprintf(tmp, "<%s>", rev->id), 0) == NULL)
		return PD_E_NOMEM;
	/* Once anything is triaged, as the list's state column. */
	const struct pd_states *st = pd_triage_states(ui);
	int state = pd_states_of(st, rev, NULL);
	long until = state == PD_REVIEW_DEFERRED || state == PD_STATE_DUE ? pd_states_until(st, rev)
									    : -1;
	char *day = until >= 0 ? pd_defer_format(tmp, until) : NULL;
	if (pd_states_any(st) &&
	    header(doc, "State:", talloc_asprintf(tmp, "%s%s%s (s sets it)",
						   pd_state_name(state),
						   !day ? "" : state == PD_STATE_DUE ? " since " : " until ",
						   day ? day : ""),
		   PD_AREA_MARK) == NULL)
		return PD_E_NOMEM;
	if (rev->superseded_by != NULL &&
	    header(doc, "Newer:", talloc_asprintf(tmp, "%s exists (press ])",
						  version_name(tmp, rev->superseded_by)),
		   PD_AREA_MARK) == NULL)
		return PD_E_NOMEM;
	return PD_OK;
}

static int add_cover(struct pd_doc *doc, void *tmp, const struct pd_revision *rev)
{
	if (pd_doc_add(doc, 0, "") == NULL)
		return PD_E_NOMEM;
	if (rev->cover == NULL)
		return pd_doc_add(doc, PD_AREA_TITLE, "No cover letter") != NULL ? PD_OK : PD_E_NOMEM;
	if (pd_doc_add(doc, PD_AREA_TITLE,
		       rev->kind == PD_REV_PULL ? "Pull request" : "Cover letter") == NULL ||
	    pd_doc_add(doc, 0, "") == NULL)
		return PD_E_NOMEM;
	/* The letter without its signature; a pull request keeps all of
	 * it, the shortlog and diffstat being what is asked for. */
	struct pd_body *body = NULL;
	if (pd_body_split(&body, tmp, rev->cover->text) != PD_OK)
		return PD_E_NOMEM;
	const char *text = body->message;
	if (body->notes != NULL)
		text = talloc_asprintf(tmp, "%s\n---\n%s", body->message, body->notes);
	if (body->diffstat != NULL && rev->cover->patch == NULL && body->has_separator)
		text = talloc_asprintf(tmp, "%s\n%s", text, body->diffstat);
	if (text == NULL)
		return PD_E_NOMEM;
	return pd_dv_add_mail(doc, text, PD_AREA_TRAILER);
}

struct row {
	const struct pd_patch *patch; /* NULL: a missing number */
	int n;
	char *num, *stat, *reviews, *replies;
};

/* Trailers earned on an older revision whose patch had the same diff. */
static bool trailers_carried(const struct pd_patch *p)
{
	for (size_t i = 0; i < p->ncollected; i++)
		if (p->collected[i].carried)
			return true;
	return false;
}

static int add_patches(struct pd_doc *doc, void *tmp, const struct pd_revision *rev,
		       const bool *marked)
{
	size_t nrows = rev->npatches + rev->nmissing;
	struct row *rows = talloc_zero_array(tmp, struct row, nrows ? nrows : 1);
	struct pd_diffstat *sum = talloc_zero(tmp, struct pd_diffstat);
	if (rows == NULL || sum == NULL)
		return PD_E_NOMEM;
	/* Patches and missing numbers, both sorted, merged by number. */
	size_t ip = 0, im = 0, nsum = 0;
	int w[4] = { 3, 5, 5, 2 };
	for (size_t r = 0; r < nrows; r++) {
		struct row *row = &rows[r];
		if (im < rev->nmissing &&
		    (ip == rev->npatches || rev->missing[im] < rev->patches[ip].n)) {
			row->n = rev->missing[im++];
			row->num = talloc_asprintf(tmp, "%d/%d", row->n, rev->total);
			row->stat = row->reviews = row->replies = "";
		} else {
			const struct pd_patch *p = &rev->patches[ip++];
			const struct pd_body *b = p->mail->patch;
			struct pd_diffstat *ds = NULL;
			row->patch = p;
			row->n = p->n;
			row->num = talloc_asprintf(tmp, "%d/%d", p->n, rev->total);
			if (b == NULL || b->diff == NULL)
				row->stat = "-";
			else if (pd_diffstat_compute(&ds, tmp, b->diff, strlen(b->diff), NULL) != PD_OK)
				row->stat = "?";
			else
				row->stat = talloc_asprintf(tmp, "+%zu/-%zu", ds->insertions,
							    ds->deletions);
			if (ds != NULL && add_to_sum(sum, ds) != PD_OK)
				return PD_E_NOMEM;
			nsum += ds != NULL;
			int art[3];
			count_reviews(tmp, p, art);
			row->reviews = talloc_asprintf(tmp, "%d/%d/%d", art[0], art[1], art[2]);
			row->replies = talloc_asprintf(tmp, "%zu", p->nreplies);
		}
		if (row->num == NULL || row->stat == NULL || row->reviews == NULL ||
		    row->replies == NULL)
			return PD_E_NOMEM;
		const char *cols[4] = { row->num, row->stat, row->reviews, row->replies };
		for (int k = 0; k < 4; k++)
			if ((int)strlen(cols[k]) > w[k])
				w[k] = (int)strlen(cols[k]);
	}

	if (pd_doc_add(doc, 0, "") == NULL ||
	    pd_doc_add(doc, PD_AREA_TITLE, rev->kind == PD_REV_PULL ? "No patches: a pull request"
								  : "Patches") == NULL)
		return PD_E_NOMEM;
	if (nrows > 0 && pd_doc_addf(doc, PD_AREA_HEADER, "  %*s  %*s  %*s  %*s  %s", w[0], "#",
				     w[1], "+/-", w[2], "A/R/T", w[3], "Re", "Title") == NULL)
		return PD_E_NOMEM;
	for (size_t r = 0; r < nrows; r++) {
		const struct row *row = &rows[r];
		const struct pd_patch *p = row->patch;
		const char *title = "missing: never received";
		const char *flag = "";
		if (p != NULL) {
			const struct pd_subject *subj = p->mail->subject;
			title = subj != NULL && subj->title != NULL ? subj->title : "";
			flag = p->extra ? "  [extra: numbered above the total]"
			       : p->carried ? "  [carried: not resent in this revision]"
			       : trailers_carried(p) ? "  [trailers carried: same diff as before]"
					    : "";
		}
		struct pd_doc_line *l = pd_doc_addf(doc, p != NULL ? 0 : PD_AREA_MARK,
						    "  %*s  %*s  %*s  %*s  %s%s", w[0], row->num, w[1],
						    row->stat, w[2], row->reviews, w[3], row->replies,
						    title, flag);
		if (l == NULL)
			return PD_E_NOMEM;
		if (p != NULL && marked != NULL && marked[p - rev->patches])
			l->text[0] = '*';
		l->kind = p != NULL ? KIND_PATCH : KIND_MISSING;
		l->ref = p;
		size_t len = strlen(l->text), flen = strlen(flag);
		size_t stat_a = 2 + (size_t)w[0] + 2, stat_b = stat_a + (size_t)w[1];
		if (p != NULL && (pd_doc_span(l, stat_a, stat_b, PD_AREA_DIFFSTAT) != PD_OK ||
				  pd_doc_span(l, len - flen, len, PD_AREA_MARK) != PD_OK))
			return PD_E_NOMEM;
	}
	if (nsum > 0) {
		/* In path order, as git prints the stat of a range. */
		qsort(sum->files, sum->nfiles, sizeof(sum->files[0]), by_path);
		char *stat = pd_diffstat_render(tmp, sum, PD_DIFFSTAT_MAIL_WIDTH);
		if (stat == NULL || pd_doc_add(doc, 0, "") == NULL ||
		    pd_doc_add(doc, PD_AREA_TITLE, nsum > 1 ? "Diffstat of all patches"
							    : "Diffstat") == NULL ||
		    pd_dv_add_text(doc, PD_AREA_DIFFSTAT, stat) != PD_OK)
			return PD_E_NOMEM;
	}
	return PD_OK;
}

/* The status line's title; while a big tree's history is still read for
 * the already-merged check, how far it is. */
static bool set_title(struct pd_ui *ui, struct pd_view *view, struct series_data *d)
{
	void *tmp = talloc_new(NULL);
	char *merged = pd_ui_merged_progress(ui, tmp, d->check, d->rev);
	const char *note = merged != NULL ? merged
			 : d->partial ? "other revisions: after loading" : NULL;
	char *title = talloc_asprintf(view, "%s %s%s%s%s", version_name(tmp, d->rev),
				      d->rev->title ? d->rev->title : "", note ? "  (" : "",
				      note ? note : "", note ? ")" : "");
	talloc_free(tmp);
	if (title == NULL)
		return false;
	talloc_free(view->title);
	view->title = title;
	return true;
}

/* Builds the document of d->rev, replacing the one shown. */
static int build(struct pd_ui *ui, struct pd_view *view, struct series_data *d)
{
	void *tmp = talloc_new(NULL);
	struct pd_doc *doc = pd_doc_new(d);
	int rc = PD_E_NOMEM;
	if (tmp == NULL || doc == NULL)
		goto done;
	doc->wrap = d->doc != NULL ? d->doc->wrap : true;
	if ((rc = add_header(ui, doc, tmp, d->rev)) != PD_OK ||
	    (rc = add_cover(doc, tmp, d->rev)) != PD_OK ||
	    (rc = add_patches(doc, tmp, d->rev, d->marked)) != PD_OK)
		goto done;
	/* What the tree says: lines below the header, a column of the patches. */
	if ((rc = pd_ui_tree_doc(doc, tmp, d->rev, d->check, d->tree_why, KIND_PATCH,
				 KIND_MISSING)) != PD_OK)
		goto done;
	if (!set_title(ui, view, d))
		goto done;
	talloc_free(d->doc);
	d->doc = doc;
	doc = NULL;
	view->cursor = view->top = 0;
	pd_doc_relayout(ui, view, d->doc);
done:
	talloc_free(doc);
	talloc_free(tmp);
	return rc;
}

/* Whether d->rev applies to its tree, when there is one: on open, so that
 * the view shows it from its first screen. */
static void check(struct pd_ui *ui, struct series_data *d)
{
	talloc_free(d->check);
	talloc_free(d->tree_why);
	d->check = NULL;
	d->tree_why = NULL;
	if (pd_ui_has_tree(ui))
		d->check = pd_ui_check(ui, d->rev, d, &d->tree_why);
}

static int series_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	struct series_data *d = talloc_zero(view, struct series_data);
	if (d == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	const struct pd_series_arg *a = view->arg;
	int rc = a->threads != NULL
		? pd_load_series_in(&d->load, &d->rev, d, ui->store, a->id, a->threads,
				    a->nthreads, PD_LOAD_BODIES, err)
		: pd_load_series(&d->load, &d->rev, d, ui->store, a->id, PD_LOAD_BODIES, err);
	if (rc != PD_OK)
		return rc;
	d->partial = a->partial && a->threads != NULL;
	check(ui, d);
	if ((rc = build(ui, view, d)) != PD_OK)
		return pd_err_set(err, rc, "out of memory");
	view->data = d;
	return PD_OK;
}

static void rebuild(struct pd_ui *ui, struct pd_view *view);

/* Whether the n threads tids are those at a. */
static bool same_threads(const struct pd_series_arg *a, const char *const *tids, size_t n)
{
	if (n != a->nthreads)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		for (size_t k = 0; k < n && !found; k++)
			found = strcmp(tids[i], a->threads[k]) == 0;
		if (!found)
			return false;
	}
	return true;
}

/* Opened while the list below loaded: once it is whole, the series is
 * read again over all its threads (older revisions may be among those
 * read since), the same revision shown, the cursor kept. Only while on
 * top: the views above point into the model. */
static void complete(struct pd_ui *ui, struct pd_view *view, struct series_data *d)
{
	struct pd_view *list = view->below;
	while (list != NULL && list->ops != &pd_list_ops)
		list = list->below;
	void *tmp = talloc_new(NULL);
	const char **tids = NULL;
	size_t n = 0;
	if (tmp == NULL || ui->top != view ||
	    (list != NULL && !pd_list_series_threads(list, tmp, d->rev->id, &tids, &n))) {
		talloc_free(tmp);
		return;
	}
	d->partial = false;
	const struct pd_series_arg *a = view->arg;
	struct pd_load *load = NULL;
	struct pd_revision *rev = NULL;
	struct pd_err err;
	pd_err_init(&err, tmp);
	if (tids != NULL && !same_threads(a, tids, n) &&
	    pd_load_series_in(&load, &rev, d, ui->store, d->rev->id, tids, n, PD_LOAD_BODIES,
			      &err) == PD_OK) {
		/* The old model stays until the view closes: a question
		 * asked on it (a, s) may still point into it. */
		if (rev->npatches != d->rev->npatches)
			TALLOC_FREE(d->marked);
		d->load = load;
		d->rev = rev;
		d->shown = NULL;
		check(ui, d);
	} else if (tids != NULL && !same_threads(a, tids, n)) {
		pd_ui_error(ui, "%s", pd_err_msg(&err));
	}
	talloc_free(tmp);
	rebuild(ui, view);
}

static void series_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct series_data *d = view->data;
	pd_doc_relayout(ui, view, d->doc);
	/* Back from the patch view: the cursor on the patch last read
	 * there, if it is one of this revision's. */
	for (size_t i = 0; d->shown != NULL && i < d->doc->nlines; i++) {
		if (d->doc->lines[i].kind == KIND_PATCH && d->doc->lines[i].ref == d->shown) {
			view->cursor = pd_doc_row_of(d->doc, i);
			pd_view_clamp(ui, view);
			break;
		}
	}
	d->shown = NULL;
}

static void series_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			bool selected)
{
	struct series_data *d = view->data;
	pd_doc_draw(ui, d->doc, row, y, selected);
}

static char *series_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct series_data *d = view->data;
	return pd_doc_row_text(ctx, d->doc, row);
}

/* Enter and t: a patch row opens the patch (Enter) or its review thread
 * (t); anywhere else, the discussion of the whole series. */
static void open_selected(struct pd_ui *ui, struct pd_view *view, bool thread)
{
	struct series_data *d = view->data;
	const struct pd_doc_line *l = &d->doc->lines[pd_doc_line_at(d->doc, view->cursor)];
	if (l->kind == KIND_MISSING) {
		pd_ui_error(ui, "that patch never arrived; its number is missing from the series");
		return;
	}
	const struct pd_patch *p = l->kind == KIND_PATCH ? l->ref : NULL;
	if (p != NULL && !thread) {
		d->patch_arg = (struct pd_patch_arg){ .load = d->load, .rev = d->rev,
						      .index = (size_t)(p - d->rev->patches),
						      .shown = &d->shown };
		pd_view_open(ui, &pd_patch_ops, &d->patch_arg);
		return;
	}
	d->thread_arg = (struct pd_thread_arg){ .load = d->load, .rev = d->rev, .patch = p };
	pd_view_open(ui, &pd_thread_ops, &d->thread_arg);
}

static const struct pd_patch *selected_patch(struct pd_view *view)
{
	struct series_data *d = view->data;
	const struct pd_doc_line *l = &d->doc->lines[pd_doc_line_at(d->doc, view->cursor)];
	return l->kind == KIND_PATCH ? l->ref : NULL;
}

/* Rebuilds the document, the cursor staying where it was. */
static void rebuild(struct pd_ui *ui, struct pd_view *view)
{
	size_t top = view->top, cursor = view->cursor;
	if (build(ui, view, view->data) != PD_OK)
		pd_ui_error(ui, "out of memory");
	view->top = top;
	view->cursor = cursor;
	pd_view_clamp(ui, view);
}

static void toggle_mark(struct pd_ui *ui, struct pd_view *view)
{
	struct series_data *d = view->data;
	const struct pd_patch *p = selected_patch(view);
	if (p == NULL) {
		pd_ui_error(ui, "m marks a patch: move to a patch row first");
		return;
	}
	if (d->marked == NULL &&
	    (d->marked = talloc_zero_array(d, bool, d->rev->npatches)) == NULL) {
		pd_ui_error(ui, "out of memory");
		return;
	}
	size_t i = (size_t)(p - d->rev->patches), n = 0;
	d->marked[i] = !d->marked[i];
	for (size_t k = 0; k < d->rev->npatches; k++)
		n += d->marked[k];
	rebuild(ui, view);
	pd_ui_message(ui, "%zu patch%s marked; T replies to %s with a trailer", n,
		      n == 1 ? "" : "es", n == 1 ? "it" : n ? "each" : "the series");
}

/* r: the patch under the cursor, else the cover (the series); R: the
 * series; T: the marked patches, else the patch under the cursor, else
 * the series. */
static void reply(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct series_data *d = view->data;
	const struct pd_patch *p = action == PD_ACT_REPLY_SERIES ? NULL : selected_patch(view);
	const char **ids = talloc_array(NULL, const char *, d->rev->npatches + 1);
	size_t n = 0;
	for (size_t i = 0; ids != NULL && action == PD_ACT_TRAILER && d->marked != NULL &&
			   i < d->rev->npatches;
	     i++)
		if (d->marked[i])
			ids[n++] = d->rev->patches[i].mail->message_id;
	if (ids != NULL && n == 0 && p != NULL)
		ids[n++] = p->mail->message_id;
	if (ids == NULL)
		pd_ui_error(ui, "out of memory");
	else if (action != PD_ACT_TRAILER)
		pd_reply_start(ui, d->rev->id, ids, n, -1);
	else
		pd_reply_ask_trailer(ui, d->rev->id, ids, n,
				     n > 1 ? "each marked patch" : n ? "the patch" : "the series");
	talloc_free(ids);
}

static void other_revision(struct pd_ui *ui, struct pd_view *view, int dir)
{
	struct series_data *d = view->data;
	const struct pd_series *s = d->rev->series;
	size_t i = 0;
	while (s != NULL && i < s->nrevisions && s->revisions[i] != d->rev)
		i++;
	if (s == NULL || i == s->nrevisions || (dir < 0 && i == 0) ||
	    (dir > 0 && i + 1 == s->nrevisions)) {
		pd_ui_error(ui, dir < 0 ? "no older revision" : "no newer revision");
		return;
	}
	struct pd_revision *old = d->rev;
	d->rev = s->revisions[dir < 0 ? i - 1 : i + 1];
	check(ui, d);
	/* Marks are per revision's patches. */
	TALLOC_FREE(d->marked);
	if (build(ui, view, d) != PD_OK) {
		d->rev = old;
		pd_ui_error(ui, "out of memory");
		return;
	}
	char *v = version_name(NULL, d->rev);
	pd_ui_message(ui, "%s of %zu revisions", v ? v : "", s->nrevisions);
	talloc_free(v);
}

static bool series_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct series_data *d = view->data;
	switch (action) {
	case PD_ACT_OPEN:
		open_selected(ui, view, false);
		return true;
	case PD_ACT_THREAD:
		open_selected(ui, view, true);
		return true;
	case PD_ACT_APPLY:
		pd_ui_apply_ask(ui, d->rev, false);
		return true;
	case PD_ACT_PREV_REVISION:
		other_revision(ui, view, -1);
		return true;
	case PD_ACT_NEXT_REVISION:
		other_revision(ui, view, +1);
		return true;
	case PD_ACT_RANGEDIFF:
		pd_rangediff_show(ui, d, d->rev);
		return true;
	case PD_ACT_WRAP:
		pd_doc_toggle_wrap(ui, view, d->doc);
		return true;
	case PD_ACT_SET_STATE:
		pd_triage_ask_state(ui, d->rev);
		return true;
	case PD_ACT_REPLY:
	case PD_ACT_REPLY_SERIES:
	case PD_ACT_TRAILER:
		reply(ui, view, action);
		return true;
	case PD_ACT_MARK:
		toggle_mark(ui, view);
		return true;
	default:
		return false;
	}
}

/* Between keys: the already-merged check of a big history, read on;
 * built again, where the reader was, when it moved. */
static bool series_work(struct pd_ui *ui, struct pd_view *view, unsigned budget_ms)
{
	struct series_data *d = view->data;
	bool more = false;
	if (d != NULL && d->partial)
		complete(ui, view, d);
	if (d == NULL || !pd_ui_merged_work(ui, d->rev, d->check, budget_ms, &more))
		return more;
	if (more) {
		(void)set_title(ui, view, d);
	} else {
		size_t top = view->top, cursor = view->cursor;
		if (build(ui, view, d) != PD_OK)
			pd_ui_error(ui, "out of memory");
		view->top = top;
		view->cursor = cursor;
		pd_view_clamp(ui, view);
	}
	return more;
}

void pd_series_states_changed(struct pd_ui *ui)
{
	for (struct pd_view *v = ui->top; v != NULL; v = v->below) {
		if (v->ops != &pd_series_ops)
			continue;
		size_t top = v->top, cursor = v->cursor;
		if (build(ui, v, v->data) != PD_OK)
			pd_ui_error(ui, "out of memory");
		v->top = top;
		v->cursor = cursor;
		pd_view_clamp(ui, v);
	}
}

const struct pd_view_ops pd_series_ops = {
	.name = "series",
	.id = PD_VIEW_SERIES,
	.open = series_open,
	.draw_line = series_draw,
	.line_text = series_text,
	.handle = series_handle,
	.layout = series_layout,
	.work = series_work,
};
