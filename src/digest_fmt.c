#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "diffstat.h"
#include "digest_fmt.h"
#include "series_fmt.h"
#include "status.h"
#include "visible.h"

#define RULE "----------------------------------------------------------------------"

/* Text from mail, safe to print on a terminal and showing all it holds,
 * as the reader shows it (pd_visible); tabs and newlines kept. */
static char *clean(void *ctx, const char *s)
{
	return pd_visible(ctx, s, true);
}

static bool starts(const char *line, const char *prefix)
{
	return strncmp(line, prefix, strlen(prefix)) == 0;
}

/* ` 3 files changed, 19 insertions(+), 13 deletions(-)` */
static bool is_summary(const char *line, size_t len)
{
	size_t i = 0;
	if (len < 2 || line[i++] != ' ' || !isdigit((unsigned char)line[i]))
		return false;
	while (i < len && isdigit((unsigned char)line[i]))
		i++;
	return (len - i >= 13 && strncmp(line + i, " file changed", 13) == 0) ||
	       (len - i >= 14 && strncmp(line + i, " files changed", 14) == 0);
}

struct lines {
	const char **at;   /* start of each line */
	size_t *len;       /* its length without "\n" */
	size_t n;
};

static int split_lines(void *ctx, const char *text, struct lines *l)
{
	size_t cap = 1;
	for (const char *s = text; *s; s++)
		cap += *s == '\n';
	l->at = talloc_array(ctx, const char *, cap);
	l->len = talloc_array(ctx, size_t, cap);
	l->n = 0;
	if (l->at == NULL || l->len == NULL)
		return PD_E_NOMEM;
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		l->at[l->n] = s;
		l->len[l->n++] = len;
		s += len + (nl != NULL);
	}
	return PD_OK;
}

static bool blank(const struct lines *l, size_t i)
{
	for (size_t k = 0; k < l->len[i]; k++)
		if (!isspace((unsigned char)l->at[i][k]))
			return false;
	return true;
}

/* Where git am would see the diff begin. */
static bool diff_start(const struct lines *l, size_t i)
{
	return starts(l->at[i], "diff -") || starts(l->at[i], "Index: ") ||
	       (starts(l->at[i], "--- ") && i + 1 < l->n && starts(l->at[i + 1], "+++ "));
}

/* Lines [from, to) joined, each with its "\n", trailing blank lines off. */
static char *join(void *ctx, const struct lines *l, size_t from, size_t to)
{
	while (to > from && blank(l, to - 1))
		to--;
	char *out = talloc_strdup(ctx, "");
	for (size_t i = from; out != NULL && i < to; i++) {
		out = talloc_strndup_append(out, l->at[i], l->len[i]);
		out = out != NULL ? talloc_strdup_append(out, "\n") : NULL;
	}
	return out;
}

int pd_digest_split(void *ctx, const char *text, bool cover, char **message, char **stat)
{
	*message = *stat = NULL;
	void *tmp = talloc_new(NULL);
	struct lines l;
	if (tmp == NULL || split_lines(tmp, text != NULL ? text : "", &l) != PD_OK) {
		talloc_free(tmp);
		return PD_E_NOMEM;
	}
	/* git am takes these as the commit's own headers; what follows them
	 * (normally a blank line) is the text. */
	size_t first = 0;
	while (first < l.n && (strncasecmp(l.at[first], "From:", 5) == 0 ||
			       strncasecmp(l.at[first], "Date:", 5) == 0 ||
			       strncasecmp(l.at[first], "Subject:", 8) == 0)) {
		first++;
		while (first < l.n && l.len[first] > 0 && (*l.at[first] == ' ' || *l.at[first] == '\t'))
			first++;
	}
	size_t end = first;
	int rc = PD_E_NOMEM;
	if (cover) {
		size_t last = l.n;
		for (size_t i = first; i < l.n; i++)
			if (is_summary(l.at[i], l.len[i]))
				last = i;
		if (last < l.n) {
			end = last + 1;
		} else {
			while (end < l.n && !(l.len[end] == 3 && starts(l.at[end], "-- ")))
				end++;
		}
		*message = join(ctx, &l, first, end);
		rc = *message != NULL ? PD_OK : PD_E_NOMEM;
	} else {
		while (end < l.n && !diff_start(&l, end) &&
		       !(l.len[end] >= 3 && starts(l.at[end], "---") &&
			 (l.len[end] == 3 || isspace((unsigned char)l.at[end][3]))))
			end++;
		*message = join(ctx, &l, first, end);
		size_t s = end;
		if (end < l.n && !diff_start(&l, end)) {
			size_t k = ++s;
			while (k < l.n && !diff_start(&l, k) && !is_summary(l.at[k], l.len[k]))
				k++;
			*stat = join(ctx, &l, s, k < l.n && is_summary(l.at[k], l.len[k]) ? k + 1 : k);
		} else {
			*stat = talloc_strdup(ctx, "");
		}
		rc = *message != NULL && *stat != NULL ? PD_OK : PD_E_NOMEM;
	}
	talloc_free(tmp);
	return rc;
}

char *pd_digest_stat(void *ctx, const struct pd_mail *m, const char *sent)
{
	struct lines l;
	void *tmp = talloc_new(NULL);
	if (tmp == NULL || split_lines(tmp, sent != NULL ? sent : "", &l) != PD_OK) {
		talloc_free(tmp);
		return NULL;
	}
	bool has_summary = false;
	for (size_t i = 0; i < l.n; i++)
		has_summary |= is_summary(l.at[i], l.len[i]);
	char *out = talloc_strdup(ctx, sent != NULL ? sent : "");
	/* No diffstat sent (or only notes): git's own, from the diff. */
	struct pd_diffstat *ds = NULL;
	if (!has_summary && out != NULL && m->patch != NULL && m->patch->diff != NULL &&
	    pd_diffstat_compute(&ds, tmp, m->patch->diff, strlen(m->patch->diff), NULL) == 0) {
		char *r = pd_diffstat_render(tmp, ds, PD_DIFFSTAT_MAIL_WIDTH);
		if (r == NULL)
			out = NULL;
		else if (*r)
			out = talloc_asprintf_append(out, "%s%s", *out ? "\n" : "", r);
	}
	talloc_free(tmp);
	return out;
}

static char *count_text(void *ctx, const struct pd_digest_series *s)
{
	return s->rev->kind == PD_REV_PULL ? talloc_strdup(ctx, "pull")
	       : talloc_asprintf(ctx, "%zu/%d", s->npatches, s->rev->total);
}

char *pd_digest_series_line(void *ctx, const struct pd_digest_series *s, int vwidth,
			    int cwidth)
{
	void *tmp = talloc_new(NULL);
	const struct pd_revision *r = s->rev;
	char *ver = pd_fmt_version(tmp, r);
	char *count = count_text(tmp, s);
	char *who = clean(tmp, pd_digest_person(tmp, &s->author));
	char *title = clean(tmp, r->title != NULL ? r->title : "");
	char *out = ver != NULL && count != NULL && who != NULL && title != NULL
		? talloc_asprintf(ctx, "%-*s %*s  %s -- %s", vwidth, ver, cwidth, count, title, who)
		: NULL;
	talloc_free(tmp);
	return out;
}

/* One line per revision, the version and count columns as wide as the
 * widest. */
static char *patch_list(void *ctx, const struct pd_digest *d)
{
	int vw = 0, cw = 0;
	void *tmp = talloc_new(NULL);
	char *out = talloc_strdup(ctx, "");
	for (size_t i = 0; out != NULL && i < d->nseries; i++) {
		char *v = pd_fmt_version(tmp, d->series[i].rev);
		char *c = count_text(tmp, &d->series[i]);
		if (v == NULL || c == NULL)
			out = NULL;
		else if ((int)strlen(v) > vw)
			vw = (int)strlen(v);
		if (c != NULL && (int)strlen(c) > cw)
			cw = (int)strlen(c);
	}
	for (size_t i = 0; out != NULL && i < d->nseries; i++) {
		char *line = pd_digest_series_line(tmp, &d->series[i], vw, cw);
		out = line != NULL ? talloc_asprintf_append(out, "%s\n", line) : NULL;
	}
	talloc_free(tmp);
	return out;
}

static char *sender(void *ctx, const struct pd_person *p)
{
	const char *addr = p->address != NULL && *p->address ? p->address
			 : p->email != NULL ? p->email : "";
	if (p->name == NULL || *p->name == '\0')
		return clean(ctx, addr);
	char *s = talloc_asprintf(ctx, "%s <%s>", p->name, addr);
	return s != NULL ? clean(ctx, s) : NULL;
}

static char *subject(void *ctx, const struct pd_mail *m)
{
	return clean(ctx, m->subject_raw != NULL ? m->subject_raw : "");
}

static char *entry(void *ctx, const struct pd_digest_mail *e)
{
	void *tmp = talloc_new(NULL);
	const struct pd_mail *m = e->mail;
	char *out;
	if (e->exists != NULL) {
		out = talloc_asprintf(ctx, "Exist: %s\n Skip: %s\n", subject(tmp, e->exists->mail),
				      subject(tmp, m));
		talloc_free(tmp);
		return out;
	}
	char *msg = NULL, *stat = NULL;
	if (pd_digest_split(tmp, m->text, e->role == PD_DIGEST_COVER, &msg, &stat) != PD_OK) {
		talloc_free(tmp);
		return NULL;
	}
	char *sep = "";
	if (e->role != PD_DIGEST_COVER) {
		stat = pd_digest_stat(tmp, m, stat);
		sep = stat != NULL ? talloc_asprintf(tmp, "---\n%s", stat) : NULL;
	}
	const char *title = m->subject != NULL && m->subject->title != NULL ? m->subject->title : "";
	char *t = clean(tmp, title), *s = subject(tmp, m), *a = sender(tmp, &m->sender);
	char *body = clean(tmp, msg);
	char *tail = sep != NULL ? clean(tmp, sep) : NULL;
	out = t != NULL && s != NULL && a != NULL && body != NULL && tail != NULL
		? talloc_asprintf(ctx, "New:  %s\n%s\nAuthor: %s\n\n%s%s\n" RULE "\n\n", t, s, a,
				  body, tail)
		: NULL;
	talloc_free(tmp);
	return out;
}

static char *table(char *out, const struct pd_digest_count *rows, size_t n, const char *gap)
{
	for (size_t i = 0; out != NULL && i < n && i < PD_DIGEST_TOP; i++) {
		char *key = clean(NULL, rows[i].key);
		out = key != NULL ? talloc_asprintf_append(out, "%7zu%s%s\n", rows[i].count, gap, key)
				  : NULL;
		talloc_free(key);
	}
	return out;
}

char *pd_digest_format(void *ctx, const struct pd_digest *d, const struct pd_digest_head *head)
{
	void *tmp = talloc_new(NULL);
	char *list = clean(tmp, head->list), *a = clean(tmp, head->start),
	     *b = clean(tmp, head->end);
	char *out = list != NULL && a != NULL && b != NULL
		? talloc_asprintf(tmp, "From %s to %s\n%s mailing list update from %s to %s\n\n"
				       "Top %d contributor Email domains (Based on Email Body)\n\n",
				  a, b, list, a, b, PD_DIGEST_TOP)
		: NULL;
	out = table(out, d->domains, d->ndomains, " ");
	if (out != NULL)
		out = talloc_asprintf_append(out, "\nTop %d contributors (Based on Email Body)\n\n",
					     PD_DIGEST_TOP);
	out = table(out, d->people, d->npeople, "  ");
	char *pl = patch_list(tmp, d);
	out = out != NULL && pl != NULL
		? talloc_asprintf_append(out, "\n===== Patch list in this time period =====\n\n%s\n"
					      "===== Patch Commit Messages ====\n\n", pl)
		: NULL;
	for (size_t i = 0; out != NULL && i < d->nmails; i++) {
		if (d->mails[i].role == PD_DIGEST_OTHER)
			continue;
		char *e = entry(tmp, &d->mails[i]);
		out = e != NULL ? talloc_strdup_append(out, e) : NULL;
	}
	if (out != NULL)
		talloc_steal(ctx, out);
	talloc_free(tmp);
	return out;
}
