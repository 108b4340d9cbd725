/* The patch view: one patch mail as a pager document.
 *
 *   From (the author, in-body From: honoured), Date, Subject, Message-ID
 *   the commit message, its own trailers marked
 *   "Collected from replies:" the trailers others gave, who gave each
 *   the notes below ---, the diffstat as computed from the diff
 *   the diff: file headers, hunks, added and removed lines, whitespace
 *   errors of added lines
 *
 * The model is the series view's (view->arg points into it; that view
 * stays below this one). n and p walk the patches of the revision, [ and
 * ] the same patch number in the other revisions. After a search made in
 * this view, n finds the next match instead, until another patch is shown:
 * one key cannot mean both at once, and less(1) habits win while reading.
 */
#include "ui.h"

#include <string.h>
#include <talloc.h>

#include "diffstat.h"
#include "apply_ui.h"
#include "diffview.h"
#include "doc.h"
#include "load.h"
#include "series.h"
#include "series_json.h"

enum { KIND_FILE = 1, KIND_STAT };

struct patch_data {
	struct pd_patch_arg at;   /* what is shown */
	struct pd_doc *doc;
	size_t *files;            /* doc line of each file's diff, in diff order */
	size_t nfiles;
	size_t *stat_lines;       /* doc line of each diffstat file line */
	size_t nstat;
	bool searched;            /* a / search was made on this patch */
	struct pd_thread_arg thread_arg;
};

static char *person(void *ctx, const struct pd_person *p)
{
	bool name = p->name != NULL && *p->name;
	bool email = p->email != NULL && *p->email;
	if (name && email)
		return talloc_asprintf(ctx, "%s <%s>", p->name, p->email);
	return talloc_strdup(ctx, name ? p->name : email ? p->email : "(unknown)");
}

static char *version_name(void *ctx, const struct pd_revision *r)
{
	return r->version_minor > 0 ? talloc_asprintf(ctx, "v%d.%d", r->version, r->version_minor)
				    : talloc_asprintf(ctx, "v%d", r->version);
}

static struct pd_doc_line *header(struct pd_doc *doc, const char *label, const char *value)
{
	struct pd_doc_line *l = pd_doc_addf(doc, 0, "%-11s %s", label, value ? value : "");
	if (l != NULL && pd_doc_span(l, 0, strlen(label), PD_AREA_HEADER) != PD_OK)
		return NULL;
	return l;
}

static char *full_date(void *ctx, time_t t)
{
	struct tm tm;
	char buf[64];
	if (localtime_r(&t, &tm) == NULL || strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %z", &tm) == 0)
		return talloc_strdup(ctx, "?");
	return talloc_strdup(ctx, buf);
}

static int add_headers(struct pd_doc *doc, void *tmp, const struct pd_revision *rev,
		       const struct pd_patch *p)
{
	const struct pd_mail *m = p->mail;
	const char *subject = m->subject_raw != NULL ? m->subject_raw : "";
	if (pd_doc_add(doc, PD_AREA_TITLE, subject) == NULL ||
	    header(doc, "From:", person(tmp, &m->author)) == NULL)
		return PD_E_NOMEM;
	/* Who sent it, when that is not the author: a patch sent on
	 * someone's behalf, or a sender the list rewrote. */
	if (m->sender.email != NULL && m->author.email != NULL &&
	    strcmp(m->sender.email, m->author.email) != 0 &&
	    header(doc, "Sender:", person(tmp, &m->sender)) == NULL)
		return PD_E_NOMEM;
	if (header(doc, "Date:", full_date(tmp, m->date)) == NULL ||
	    (m->patch != NULL && m->patch->subject != NULL &&
	     header(doc, "Subject:", m->patch->subject) == NULL) ||
	    header(doc, "Message-ID:", talloc_asprintf(tmp, "<%s>", m->message_id)) == NULL)
		return PD_E_NOMEM;
	char *where = talloc_asprintf(tmp, "%d/%d of %s", p->n, rev->total, version_name(tmp, rev));
	const char *flags[] = {
		m->patch_attached ? "sent as an attachment" : NULL,
		p->carried ? "carried: not resent in this revision" : NULL,
		p->extra ? "extra: numbered above the total" : NULL,
		p->nduplicates > 0 ? "received more than once" : NULL,
		m->patch != NULL && m->patch->diff_damaged ? "the diff is damaged and will not apply"
							    : NULL,
	};
	size_t plain = where != NULL ? strlen(where) : 0;
	for (size_t i = 0; where != NULL && i < sizeof(flags) / sizeof(flags[0]); i++)
		if (flags[i] != NULL)
			where = talloc_asprintf_append(where, ", %s", flags[i]);
	struct pd_doc_line *l = where != NULL ? header(doc, "Patch:", where) : NULL;
	if (l == NULL || pd_doc_span(l, 12 + plain, strlen(l->text), PD_AREA_MARK) != PD_OK ||
	    header(doc, "Replies:", talloc_asprintf(tmp, "%zu", p->nreplies)) == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < m->nproblems; i++)
		if ((l = header(doc, "Problem:", m->problems[i])) == NULL ||
		    pd_doc_span(l, 12, strlen(l->text), PD_AREA_MARK) != PD_OK)
			return PD_E_NOMEM;
	return PD_OK;
}

static int add_collected(struct pd_doc *doc, void *tmp, const struct pd_patch *p)
{
	size_t n = 0;
	const struct pd_collected **c = pd_patch_new_trailers(tmp, p, &n);
	if (n == 0)
		return PD_OK;
	if (pd_doc_add(doc, 0, "") == NULL ||
	    pd_doc_add(doc, PD_AREA_TITLE, "Collected from replies:") == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct pd_mail *from = c[i]->from;
		/* The name is enough: the trailer shows the address. */
		const char *who = from == NULL ? "?"
				  : from->sender.name != NULL && *from->sender.name ? from->sender.name
				  : from->sender.email != NULL ? from->sender.email : "?";
		char *text = talloc_asprintf(tmp, "  %s: %s", c[i]->trailer->name, c[i]->trailer->value);
		size_t tlen = text != NULL ? strlen(text) : 0;
		text = talloc_asprintf_append(text, "  (from %s%s%s)", who,
					      c[i]->via_cover ? ", to the cover letter" : "",
					      c[i]->carried ? ", on an older revision" : "");
		size_t mark = text != NULL ? strlen(text) : 0;
		if (c[i]->mismatch && from != NULL && text != NULL)
			text = talloc_asprintf_append(text, "  [sent from %s, not the trailer's address]",
						      from->sender.email ? from->sender.email : "?");
		struct pd_doc_line *l = text != NULL ? pd_doc_add(doc, PD_AREA_COLLECTED, text) : NULL;
		if (l == NULL || pd_doc_span(l, tlen, mark, PD_AREA_DEFAULT) != PD_OK ||
		    pd_doc_span(l, mark, strlen(l->text), PD_AREA_MARK) != PD_OK)
			return PD_E_NOMEM;
	}
	return PD_OK;
}

static int add_stat(struct pd_doc *doc, void *tmp, struct patch_data *d, const struct pd_body *b)
{
	struct pd_diffstat *ds = NULL;
	struct pd_err err;
	pd_err_init(&err, tmp);
	if (pd_diffstat_compute(&ds, tmp, b->diff, strlen(b->diff), &err) != PD_OK) {
		struct pd_doc_line *l = pd_doc_addf(doc, PD_AREA_MARK, "No diffstat: %s",
						    pd_err_msg(&err));
		return l != NULL ? PD_OK : PD_E_NOMEM;
	}
	char *stat = pd_diffstat_render(tmp, ds, PD_DIFFSTAT_MAIL_WIDTH);
	if (stat == NULL)
		return PD_E_NOMEM;
	size_t first = doc->nlines;
	if (pd_dv_add_text(doc, PD_AREA_DIFFSTAT, stat) != PD_OK)
		return PD_E_NOMEM;
	/* One line per file, in diff order, then the summary. */
	d->nstat = ds->nfiles <= doc->nlines - first ? ds->nfiles : 0;
	d->stat_lines = talloc_array(d, size_t, d->nstat ? d->nstat : 1);
	if (d->stat_lines == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < d->nstat; i++) {
		d->stat_lines[i] = first + i;
		doc->lines[first + i].kind = KIND_STAT;
	}
	/* A diffstat the mail carried that disagrees with the diff: the
	 * author edited the patch by hand, or the list mangled it. */
	struct pd_sent_diffstat *sent = NULL;
	char *why = NULL;
	if (b->diffstat != NULL && pd_diffstat_parse_sent(&sent, tmp, b->diffstat) == PD_OK &&
	    pd_diffstat_compare(ds, sent, tmp, &why) == PD_DIFFSTAT_STALE &&
	    pd_doc_addf(doc, PD_AREA_MARK, "The mail's own diffstat differs: %s",
			why ? why : "?") == NULL)
		return PD_E_NOMEM;
	return PD_OK;
}

/* Builds the document of d->at, replacing the one shown. */
static int build(struct pd_ui *ui, struct pd_view *view, struct patch_data *d)
{
	const struct pd_revision *rev = d->at.rev;
	const struct pd_patch *p = &rev->patches[d->at.index];
	const struct pd_mail *m = p->mail;
	const struct pd_body *b = m->patch;
	void *tmp = talloc_new(NULL);
	struct pd_doc *doc = pd_doc_new(d);
	size_t *old_stat = d->stat_lines, old_nstat = d->nstat;
	size_t *files = NULL, nfiles = 0;
	int rc = PD_E_NOMEM;
	d->stat_lines = NULL;
	d->nstat = 0;
	if (tmp == NULL || doc == NULL)
		goto fail;
	doc->wrap = d->doc != NULL && d->doc->wrap;
	if ((rc = add_headers(doc, tmp, rev, p)) != PD_OK)
		goto fail;
	rc = PD_E_NOMEM;
	if (pd_doc_add(doc, 0, "") == NULL)
		goto fail;
	if (b == NULL) {
		if (pd_doc_add(doc, PD_AREA_MARK, "This mail carries no diff.") == NULL ||
		    pd_doc_add(doc, 0, "") == NULL ||
		    pd_dv_add_mail(doc, m->text != NULL ? m->text : "", PD_AREA_TRAILER) != PD_OK)
			goto fail;
	} else if (pd_dv_add_message(doc, b->message, m->trailers, m->ntrailers) != PD_OK) {
		goto fail;
	}
	if ((rc = add_collected(doc, tmp, p)) != PD_OK)
		goto fail;
	rc = PD_E_NOMEM;
	if (b != NULL && b->notes != NULL &&
	    (pd_doc_add(doc, 0, "") == NULL || pd_doc_add(doc, PD_AREA_HEADER, "---") == NULL ||
	     pd_dv_add_text(doc, 0, b->notes) != PD_OK))
		goto fail;
	if (b != NULL && b->diff != NULL) {
		if (pd_doc_add(doc, 0, "") == NULL || (rc = add_stat(doc, tmp, d, b)) != PD_OK)
			goto fail;
		rc = PD_E_NOMEM;
		if (pd_doc_add(doc, 0, "") == NULL ||
		    pd_dv_add_diff(doc, b->diff, KIND_FILE, d, &files, &nfiles) != PD_OK)
			goto fail;
	}
	char *title = talloc_asprintf(view, "%d/%d %s", p->n, rev->total,
				      m->subject != NULL && m->subject->title ? m->subject->title : "");
	if (title == NULL)
		goto fail;
	talloc_free(view->title);
	view->title = title;
	talloc_free(d->doc);
	talloc_free(d->files);
	talloc_free(old_stat);
	d->doc = doc;
	d->files = files;
	d->nfiles = nfiles;
	d->searched = false;
	view->cursor = view->top = 0;
	pd_doc_relayout(ui, view, d->doc);
	talloc_free(tmp);
	return PD_OK;
fail:
	talloc_free(files);
	talloc_free(d->stat_lines);
	d->stat_lines = old_stat;
	d->nstat = old_nstat;
	talloc_free(doc);
	talloc_free(tmp);
	return rc;
}

static int patch_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	const struct pd_patch_arg *arg = view->arg;
	struct patch_data *d = talloc_zero(view, struct patch_data);
	if (d == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (arg == NULL || arg->rev == NULL || arg->index >= arg->rev->npatches) {
		talloc_free(d);
		return pd_err_set(err, PD_E_USAGE, "no such patch in this revision");
	}
	d->at = *arg;
	if (build(ui, view, d) != PD_OK) {
		talloc_free(d);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	view->data = d;
	pd_triage_seen(ui, arg->rev->patches[arg->index].mail);
	return PD_OK;
}

static void patch_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct patch_data *d = view->data;
	pd_doc_relayout(ui, view, d->doc);
}

static void patch_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y, bool selected)
{
	struct patch_data *d = view->data;
	pd_doc_draw(ui, d->doc, row, y, selected);
}

static char *patch_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct patch_data *d = view->data;
	return pd_doc_row_text(ctx, d->doc, row);
}

/* Shows another patch; the old one stays when that fails. */
static void show(struct pd_ui *ui, struct pd_view *view, struct pd_revision *rev, size_t index)
{
	struct patch_data *d = view->data;
	struct pd_patch_arg old = d->at;
	d->at.rev = rev;
	d->at.index = index;
	if (build(ui, view, d) != PD_OK) {
		d->at = old;
		pd_ui_error(ui, "out of memory");
		return;
	}
	pd_triage_seen(ui, rev->patches[index].mail);
	const struct pd_patch_arg *arg = view->arg;
	if (arg->shown != NULL)
		*arg->shown = &rev->patches[index];
}

static void step_patch(struct pd_ui *ui, struct pd_view *view, int dir)
{
	struct patch_data *d = view->data;
	struct pd_revision *rev = d->at.rev;
	if ((dir < 0 && d->at.index == 0) || (dir > 0 && d->at.index + 1 >= rev->npatches)) {
		pd_ui_error(ui, dir < 0 ? "this is the first patch" : "this is the last patch");
		return;
	}
	int from = rev->patches[d->at.index].n;
	show(ui, view, rev, dir < 0 ? d->at.index - 1 : d->at.index + 1);
	/* Say so when the step jumped over a number that never arrived. */
	int to = rev->patches[d->at.index].n;
	int gap = dir > 0 ? to - from - 1 : from - to - 1;
	if (gap == 1)
		pd_ui_message(ui, "patch %d/%d is missing", dir > 0 ? from + 1 : from - 1, rev->total);
	else if (gap > 1)
		pd_ui_message(ui, "%d patches are missing before this one", gap);
}

static void other_revision(struct pd_ui *ui, struct pd_view *view, int dir)
{
	struct patch_data *d = view->data;
	const struct pd_revision *rev = d->at.rev;
	const struct pd_series *s = rev->series;
	size_t i = 0;
	while (s != NULL && i < s->nrevisions && s->revisions[i] != rev)
		i++;
	if (s == NULL || i == s->nrevisions || (dir < 0 && i == 0) ||
	    (dir > 0 && i + 1 == s->nrevisions)) {
		pd_ui_error(ui, dir < 0 ? "no older revision" : "no newer revision");
		return;
	}
	struct pd_revision *other = s->revisions[dir < 0 ? i - 1 : i + 1];
	int n = rev->patches[d->at.index].n;
	for (size_t k = 0; k < other->npatches; k++) {
		if (other->patches[k].n == n) {
			show(ui, view, other, k);
			char *v = version_name(NULL, other);
			pd_ui_message(ui, "patch %d of %s", n, v ? v : "");
			talloc_free(v);
			return;
		}
	}
	char *v = version_name(NULL, other);
	pd_ui_error(ui, "%s has no patch %d", v ? v : "that revision", n);
	talloc_free(v);
}

static void jump(struct pd_ui *ui, struct pd_view *view, size_t line)
{
	struct patch_data *d = view->data;
	view->cursor = view->top = pd_doc_row_of(d->doc, line);
	pd_view_clamp(ui, view);
}

/* Enter: from a diffstat line to its file's diff, and from a file's diff
 * header back to its diffstat line. */
static void open_line(struct pd_ui *ui, struct pd_view *view)
{
	struct patch_data *d = view->data;
	size_t line = pd_doc_line_at(d->doc, view->cursor);
	for (size_t i = 0; i < d->nstat; i++)
		if (d->stat_lines[i] == line) {
			if (i < d->nfiles)
				jump(ui, view, d->files[i]);
			else
				pd_ui_error(ui, "the diff has no file %zu", i + 1);
			return;
		}
	for (size_t i = 0; i < d->nfiles; i++)
		if (i < d->nstat && d->files[i] == line) {
			jump(ui, view, d->stat_lines[i]);
			return;
		}
	pd_ui_error(ui, "Enter jumps from a diffstat line to its file's diff");
}

static bool patch_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct patch_data *d = view->data;
	switch (action) {
	case PD_ACT_SEARCH:
		/* Let the generic code open the prompt; from now on n is
		 * find-next on this patch. */
		d->searched = true;
		return false;
	case PD_ACT_NEXT_PATCH:
		if (d->searched && ui->search != NULL)
			pd_view_find(ui, +1);
		else
			step_patch(ui, view, +1);
		return true;
	case PD_ACT_PREV_PATCH:
		step_patch(ui, view, -1);
		return true;
	case PD_ACT_PREV_REVISION:
		other_revision(ui, view, -1);
		return true;
	case PD_ACT_NEXT_REVISION:
		other_revision(ui, view, +1);
		return true;
	case PD_ACT_OPEN:
		open_line(ui, view);
		return true;
	case PD_ACT_FILE_BASE:
	case PD_ACT_FILE_LOG:
	case PD_ACT_MAINTAINERS:
	case PD_ACT_EDIT:
		pd_ui_tree_jump(ui, view, action, d->doc, d->files, d->nfiles, d->stat_lines,
				d->nstat, d->at.rev);
		return true;
	case PD_ACT_THREAD: {
		d->thread_arg = (struct pd_thread_arg){ .load = d->at.load, .rev = d->at.rev,
							.patch = &d->at.rev->patches[d->at.index] };
		pd_view_open(ui, &pd_thread_ops, &d->thread_arg);
		return true;
	}
	case PD_ACT_WRAP:
		pd_doc_toggle_wrap(ui, view, d->doc);
		return true;
	case PD_ACT_SET_STATE:
		pd_triage_ask_state(ui, d->at.rev);
		return true;
	case PD_ACT_REPLY:
	case PD_ACT_TRAILER: {
		const char *id = d->at.rev->patches[d->at.index].mail->message_id;
		if (action == PD_ACT_REPLY)
			pd_reply_start(ui, d->at.rev->id, &id, 1, -1);
		else
			pd_reply_ask_trailer(ui, d->at.rev->id, &id, 1, "this patch");
		return true;
	}
	case PD_ACT_REPLY_SERIES:
		pd_reply_start(ui, d->at.rev->id, NULL, 0, -1);
		return true;
	default:
		return false;
	}
}

const struct pd_view_ops pd_patch_ops = {
	.name = "patch",
	.id = PD_VIEW_PATCH,
	.open = patch_open,
	.draw_line = patch_draw,
	.line_text = patch_text,
	.handle = patch_handle,
	.layout = patch_layout,
};
