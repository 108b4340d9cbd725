/* The message view: one mail of a thread as a pager document.
 *
 *   From: Name <address>
 *   Date: Mon, 08 Jan 2024 09:30:00 +0000
 *   Subject: ...
 *   Message-ID: <...>
 *
 *   the text, quote levels coloured, the reply's own review trailers
 *   marked, a diff coloured, the signature dimmed
 *
 * J and K move through the thread (the thread view below keeps the
 * list); what is shown stops being unread in the thread view. */
#include "ui.h"

#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <time.h>

#include "diffview.h"
#include "doc.h"
#include "mail.h"
#include "series.h"
#include "textlines.h"

struct message_data {
	struct pd_message_arg *arg;
	struct pd_doc *doc;
	bool wrap;
};

/* ------------------------------------------------------------ headers */

static char *person(void *ctx, const struct pd_person *p)
{
	const char *name = p->name ? p->name : "", *email = p->email ? p->email : "";
	if (*name && *email)
		return talloc_asprintf(ctx, "%s <%s>", name, email);
	return talloc_strdup(ctx, *name ? name : email);
}

static bool same_person(const struct pd_person *a, const struct pd_person *b)
{
	return strcmp(a->name ? a->name : "", b->name ? b->name : "") == 0 &&
	       strcasecmp(a->email ? a->email : "", b->email ? b->email : "") == 0;
}

static int header(struct pd_doc *doc, const char *name, const char *value, int area)
{
	struct pd_doc_line *l = pd_doc_addf(doc, area, "%s: %s", name, value ? value : "");
	if (l == NULL || pd_doc_span(l, 0, strlen(name) + 1, PD_AREA_HEADER) != PD_OK)
		return PD_E_NOMEM;
	return PD_OK;
}

static char *full_date(void *ctx, time_t t)
{
	struct tm tm;
	char buf[64];
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S %z", &tm) == 0)
		return talloc_strdup(ctx, "?");
	return talloc_strdup(ctx, buf);
}

static int add_headers(struct pd_doc *doc, const struct pd_mail *m)
{
	void *tmp = talloc_new(NULL);
	int rc = PD_E_NOMEM;
	char *from = person(tmp, &m->sender);
	char *date = full_date(tmp, m->date);
	if (from == NULL || date == NULL || header(doc, "From", from, PD_AREA_DEFAULT))
		goto out;
	/* Who wrote it when the list rewrote the sender (DMARC) or the
	 * patch says so in its body. */
	if (!same_person(&m->sender, &m->author)) {
		char *author = person(tmp, &m->author);
		if (author == NULL ||
		    header(doc, m->dmarc_rewritten ? "Original-From" : "Author", author,
			   PD_AREA_AUTHOR))
			goto out;
	}
	if (header(doc, "Date", date, PD_AREA_DATE) ||
	    header(doc, "Subject", m->subject_raw, PD_AREA_TITLE))
		goto out;
	if (m->message_id != NULL) {
		char *id = talloc_asprintf(tmp, "<%s>", m->message_id);
		if (id == NULL || header(doc, "Message-ID", id, PD_AREA_DEFAULT))
			goto out;
	}
	for (size_t i = 0; i < m->nproblems; i++)
		if (header(doc, "Problem", m->problems[i], PD_AREA_MARK))
			goto out;
	rc = pd_doc_add(doc, PD_AREA_DEFAULT, "") ? PD_OK : PD_E_NOMEM;
out:
	talloc_free(tmp);
	return rc;
}

/* ------------------------------------------------------------ the text */

enum region { R_TEXT, R_NOTES, R_SIGNATURE, R_OUTLOOK };

struct scan {
	struct pd_doc *doc;
	const struct pd_mail *mail;
	bool in_diff;
	struct pd_diffscan ds;
	enum region region;
};

/* Depth of a '>' quote: "> > x" and ">> x" are 2. */
static int quote_depth(const struct pd_line *l)
{
	int depth = 0;
	for (size_t i = 0; i < l->len; i++) {
		if (l->s[i] == '>')
			depth++;
		else if (l->s[i] != ' ' || depth == 0)
			break;
	}
	return depth;
}

/* Whether l is one of trailers as written: `Name: value`, the value as
 * the parser joined it (so a wrapped one matches on its first line). */
static bool is_trailer_line(const struct pd_line *l, const struct pd_trailer *t, size_t n)
{
	const char *colon = memchr(l->s, ':', l->len);
	if (colon == NULL || colon == l->s)
		return false;
	size_t nlen = (size_t)(colon - l->s);
	const char *v = colon + 1;
	const char *end = l->s + l->len;
	while (v < end && pd_is_ws(*v))
		v++;
	while (end > v && pd_is_ws(end[-1]))
		end--;
	size_t vlen = (size_t)(end - v);
	for (size_t i = 0; i < n; i++) {
		const char *tv = t[i].value ? t[i].value : "";
		if (strlen(t[i].name) == nlen && strncasecmp(t[i].name, l->s, nlen) == 0 &&
		    strlen(tv) >= vlen && strncmp(tv, v, vlen) == 0)
			return true;
	}
	return false;
}

static bool diffstat_line(const struct pd_line *l)
{
	return (l->len > 1 && l->s[0] == ' ' && memmem(l->s, l->len, " | ", 3) != NULL) ||
	       (memmem(l->s, l->len, " changed", 8) != NULL &&
		(memmem(l->s, l->len, " file changed", 13) != NULL ||
		 memmem(l->s, l->len, " files changed", 14) != NULL));
}

/* The area of a line outside any diff. */
static int text_area(struct scan *s, const struct pd_line *l)
{
	if (s->region == R_SIGNATURE)
		return PD_AREA_SIGNATURE;
	if (s->region == R_OUTLOOK)
		return PD_AREA_QUOTE1;
	if (pd_line_signature(l)) {
		s->region = R_SIGNATURE;
		return PD_AREA_SIGNATURE;
	}
	if (pd_line_starts(l, "-----Original Message-----")) {
		s->region = R_OUTLOOK;
		return PD_AREA_QUOTE1;
	}
	int q = quote_depth(l);
	if (q > 0)
		return q == 1 ? PD_AREA_QUOTE1 : q == 2 ? PD_AREA_QUOTE2 : PD_AREA_QUOTE3;
	const struct pd_mail *m = s->mail;
	if (s->region == R_TEXT && m->patch != NULL && pd_line_separator(l)) {
		s->region = R_NOTES;
		return PD_AREA_DEFAULT;
	}
	if (s->region == R_NOTES)
		return diffstat_line(l) ? PD_AREA_DIFFSTAT : PD_AREA_DEFAULT;
	/* Only the reply's own unquoted lines above its signature: a quoted
	 * or signed-off-below trailer gives nothing. */
	if (is_trailer_line(l, m->reply_trailers, m->nreply_trailers))
		return PD_AREA_COLLECTED;
	if (is_trailer_line(l, m->trailers, m->ntrailers))
		return PD_AREA_TRAILER;
	return PD_AREA_DEFAULT;
}

/* The lines [a, b) of v, without their CRs, as one text. */
static char *join_lines(void *ctx, const struct pd_line *v, size_t a, size_t b)
{
	char *s = talloc_strdup(ctx, "");
	for (size_t i = a; s != NULL && i < b; i++) {
		s = talloc_strndup_append_buffer(s, v[i].s, v[i].len);
		if (s != NULL)
			s = talloc_strdup_append_buffer(s, "\n");
	}
	return s;
}

/* Whether line i is part of a diff, following the diff from its start
 * hunk by hunk as the body parser does. */
static bool diff_line(struct scan *s, const struct pd_line *v, size_t n, size_t i)
{
	const struct pd_line *l = &v[i];
	if (!s->in_diff && s->region != R_OUTLOOK && quote_depth(l) == 0 &&
	    pd_diff_starts(v, n, i)) {
		s->in_diff = true;
		s->ds = (struct pd_diffscan){ .tolerant = true };
	}
	if (s->in_diff && !pd_diff_line(&s->ds, l))
		s->in_diff = false;
	return s->in_diff;
}

/* A run of diff lines, coloured by the shared diff code (diffview.c). */
static int add_diff(struct pd_doc *doc, const struct pd_line *v, size_t a, size_t b)
{
	void *tmp = talloc_new(NULL);
	char *diff = tmp ? join_lines(tmp, v, a, b) : NULL;
	size_t *files = NULL, nfiles = 0;
	int rc = diff ? pd_dv_add_diff(doc, diff, 0, tmp, &files, &nfiles) : PD_E_NOMEM;
	talloc_free(tmp);
	return rc;
}

static int add_text(struct pd_doc *doc, const struct pd_mail *m, const char *text)
{
	size_t n = 0;
	struct pd_line *v = pd_lines_split(doc, text, &n);
	struct scan s = { .doc = doc, .mail = m };
	if (v == NULL)
		return PD_E_NOMEM;
	while (n > 0 && pd_line_blank(&v[n - 1]))
		n--;
	int rc = PD_OK;
	for (size_t i = 0; rc == PD_OK && i < n;) {
		size_t j = i;
		while (j < n && diff_line(&s, v, n, j))
			j++;
		if (j > i) {
			rc = add_diff(doc, v, i, j);
			i = j;
			continue;
		}
		int area = text_area(&s, &v[i]);
		char *line = talloc_strndup(doc, v[i].s, v[i].len);
		if (line == NULL || pd_dv_add(doc, area, line) == NULL)
			rc = PD_E_NOMEM;
		talloc_free(line);
		i++;
	}
	talloc_free(v);
	return rc;
}

/* Whether the text already shows the diff (a mail that is only the
 * attachment has it as its text). */
static bool text_has_diff(const char *text, const char *diff)
{
	const char *nl = strchr(diff, '\n');
	size_t len = nl ? (size_t)(nl - diff) : strlen(diff);
	return text != NULL && len > 0 && memmem(text, strlen(text), diff, len) != NULL;
}

static int build(struct message_data *d, struct pd_view *view)
{
	const struct pd_message_arg *a = d->arg;
	const struct pd_mail *m = a->mails[a->index];
	struct pd_doc *doc = pd_doc_new(d);
	if (doc == NULL)
		return PD_E_NOMEM;
	doc->wrap = d->wrap;
	int rc = add_headers(doc, m);
	/* The header block already ends in a blank line. */
	const char *text = m->text ? m->text : "";
	while (*text == '\n')
		text++;
	if (rc == PD_OK)
		rc = add_text(doc, m, text);
	/* An attached patch is not in the text part: show it after. */
	if (rc == PD_OK && m->patch_attached && m->patch != NULL && m->patch->diff != NULL &&
	    !text_has_diff(m->text, m->patch->diff)) {
		const struct pd_body *b = m->patch;
		/* As git format-patch lays it out; the parts end in "\n". */
		char *patch = talloc_asprintf(doc, "%s---\n%s%s%s",
					      b->message ? b->message : "",
					      b->diffstat ? b->diffstat : "",
					      b->diffstat ? "\n" : "", b->diff);
		if (patch == NULL || pd_doc_add(doc, PD_AREA_DEFAULT, "") == NULL ||
		    pd_doc_add(doc, PD_AREA_MARK, "[-- the attached patch --]") == NULL)
			rc = PD_E_NOMEM;
		if (rc == PD_OK)
			rc = add_text(doc, m, patch);
		talloc_free(patch);
	}
	char *title = talloc_asprintf(view, "[%zu/%zu] %s", a->index + 1, a->nmails,
				      m->subject_raw ? m->subject_raw : "");
	if (rc != PD_OK || title == NULL) {
		talloc_free(doc);
		talloc_free(title);
		return PD_E_NOMEM;
	}
	talloc_free(d->doc);
	d->doc = doc;
	talloc_free(view->title);
	view->title = title;
	view->top = view->cursor = 0;
	view->lines = doc->nlines;
	pd_thread_seen(view->below, m);
	return PD_OK;
}

static int message_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	(void)ui;
	struct message_data *d = talloc_zero(view, struct message_data);
	if (d == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	d->arg = view->arg;
	d->wrap = true;
	if (d->arg->nmails == 0 || d->arg->index >= d->arg->nmails) {
		talloc_free(d);
		return pd_err_set(err, PD_E_USAGE, "no message to show");
	}
	if (build(d, view) != PD_OK) {
		talloc_free(d);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	view->data = d;
	return PD_OK;
}

static void message_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct message_data *d = view->data;
	pd_doc_relayout(ui, view, d->doc);
}

static void message_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			 bool selected)
{
	struct message_data *d = view->data;
	pd_doc_draw(ui, d->doc, row, y, selected);
}

static char *message_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct message_data *d = view->data;
	return pd_doc_row_text(ctx, d->doc, row);
}

static void step(struct pd_ui *ui, struct pd_view *view, int dir)
{
	struct message_data *d = view->data;
	size_t old = d->arg->index;
	if (dir > 0 ? old + 1 >= d->arg->nmails : old == 0) {
		pd_ui_message(ui, dir > 0 ? "no next message in this thread"
					  : "no previous message in this thread");
		return;
	}
	d->arg->index = dir > 0 ? old + 1 : old - 1;
	if (build(d, view) != PD_OK) {
		d->arg->index = old;
		pd_ui_error(ui, "out of memory");
		return;
	}
	pd_doc_relayout(ui, view, d->doc);
}

/* The revision of the thread view below, NULL when none says. */
static const char *thread_rev_id(const struct pd_view *view)
{
	const struct pd_view *t = view->below;
	const struct pd_thread_arg *a = t != NULL && t->ops == &pd_thread_ops ? t->arg : NULL;
	return a != NULL && a->rev != NULL ? a->rev->id : NULL;
}

static bool message_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct message_data *d = view->data;
	switch (action) {
	case PD_ACT_NEXT_MESSAGE:
		step(ui, view, +1);
		return true;
	case PD_ACT_PREV_MESSAGE:
		step(ui, view, -1);
		return true;
	case PD_ACT_WRAP:
		pd_doc_toggle_wrap(ui, view, d->doc);
		d->wrap = d->doc->wrap;
		return true;
	default:
		/* r, R, T: the mail being read, in the thread view's revision. */
		return pd_reply_action(ui, thread_rev_id(view), d->arg->mails[d->arg->index],
				       action);
	}
}

const struct pd_view_ops pd_message_ops = {
	.name = "message",
	.id = PD_VIEW_MESSAGE,
	.open = message_open,
	.draw_line = message_draw,
	.line_text = message_text,
	.handle = message_handle,
	.layout = message_layout,
};
