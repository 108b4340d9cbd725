#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "digest.h"
#include "status.h"
#include "strmap.h"

static char *trim(void *ctx, const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return talloc_strndup(ctx, s, len);
}

struct pd_person pd_digest_author(void *ctx, const struct pd_mail *m)
{
	const char *t = m->text;
	if (m->patch != NULL || t == NULL || strncasecmp(t, "From:", 5) != 0)
		return m->author;
	t += 5;
	size_t len = strcspn(t, "\n");
	const char *lt = memchr(t, '<', len);
	const char *gt = lt != NULL ? memchr(lt, '>', len - (size_t)(lt - t)) : NULL;
	char *name = lt != NULL && gt != NULL ? trim(ctx, t, (size_t)(lt - t)) : talloc_strdup(ctx, "");
	char *addr = lt != NULL && gt != NULL ? trim(ctx, lt + 1, (size_t)(gt - lt - 1))
					      : trim(ctx, t, len);
	if (name == NULL || addr == NULL || *addr == '\0')
		return m->author;
	size_t n = strlen(name);
	if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
		/* "Mike Rapoport (Microsoft)": the quotes are syntax, \" a quote. */
		char *w = name;
		for (size_t i = 1; i + 1 < n; i++) {
			if (name[i] == '\\' && i + 2 < n)
				i++;
			*w++ = name[i];
		}
		*w = '\0';
	}
	char *email = talloc_strdup(ctx, addr);
	for (char *c = email; c != NULL && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return (struct pd_person){ .name = name, .email = email, .address = addr };
}

char *pd_digest_person(void *ctx, const struct pd_person *p)
{
	const char *addr = p->address != NULL && *p->address ? p->address
			 : p->email != NULL ? p->email : "";
	const char *name = p->name != NULL ? p->name : "";
	if (*name == '\0')
		return talloc_asprintf(ctx, "<%s>", addr);
	if (strpbrk(name, "()<>[]:;@\\,.\"") == NULL)
		return talloc_asprintf(ctx, "%s <%s>", name, addr);
	char *q = talloc_strdup(ctx, "\"");
	for (const char *s = name; q != NULL && *s; s++)
		q = *s == '"' || *s == '\\' ? talloc_asprintf_append(q, "\\%c", *s)
					    : talloc_strndup_append(q, s, 1);
	return q != NULL ? talloc_asprintf_append(q, "\" <%s>", addr) : NULL;
}

/* The next byte that collation looks at first: letters (case folded),
 * digits and anything non-ASCII; punctuation and blanks are skipped. */
static const char *next_alnum(const char *s)
{
	while (*s) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return s;
		s++;
	}
	return s;
}

static int fold(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : (unsigned char)c;
}

int pd_digest_count_cmp(const void *a, const void *b)
{
	const struct pd_digest_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	const char *s = next_alnum(x->key), *t = next_alnum(y->key);
	while (*s && *t) {
		if (fold(*s) != fold(*t))
			return fold(*t) - fold(*s);
		s = next_alnum(s + 1);
		t = next_alnum(t + 1);
	}
	if (*s || *t)
		return *s ? -1 : 1;
	return -strcmp(x->key, y->key);
}

static int mail_cmp(const void *a, const void *b)
{
	const struct pd_digest_mail *x = a, *y = b;
	if (x->mail->date != y->mail->date)
		return x->mail->date < y->mail->date ? -1 : 1;
	return strcmp(x->mail->message_id ? x->mail->message_id : "",
		      y->mail->message_id ? y->mail->message_id : "");
}

struct build {
	struct pd_digest *d;
	struct pd_strmap *seen;  /* Message-IDs already taken */
	size_t cap;
};

static int take(struct build *b, const struct pd_mail *m, const struct pd_revision *rev,
		enum pd_digest_role role)
{
	struct pd_digest *d = b->d;
	if (m == NULL || (d->from != 0 && m->date < d->from) || (d->to != 0 && m->date >= d->to))
		return PD_OK;
	const char *id = m->message_id != NULL ? m->message_id : "";
	int rc = pd_strmap_add(b->seen, id, strlen(id), d->nmails, NULL);
	if (rc != 0)
		return rc < 0 ? rc : PD_OK;
	if (d->nmails == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		d->mails = talloc_realloc(d, d->mails, struct pd_digest_mail, b->cap);
		if (d->mails == NULL)
			return PD_E_NOMEM;
	}
	d->mails[d->nmails++] = (struct pd_digest_mail){
		.mail = m, .rev = rev, .role = role, .author = pd_digest_author(d, m),
	};
	return PD_OK;
}

static int take_revision(struct build *b, const struct pd_revision *rev)
{
	int rc = take(b, rev->cover, rev, PD_DIGEST_COVER);
	for (size_t i = 0; rc == PD_OK && i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		if (p->carried)
			continue;
		enum pd_digest_role role = rev->kind == PD_REV_PULL ? PD_DIGEST_COVER
				: p->n == 1 || rev->kind == PD_REV_SINGLE ? PD_DIGEST_FIRST
				: PD_DIGEST_OTHER;
		rc = take(b, p->mail, rev, role);
	}
	return rc;
}

/* Adds one to the row of key (copied under d) in a table indexed by map. */
static int count(struct pd_digest *d, struct pd_strmap *map, struct pd_digest_count **rows,
		 size_t *nrows, char *key)
{
	if (key == NULL)
		return PD_E_NOMEM;
	size_t at;
	if (pd_strmap_get(map, key, strlen(key), &at)) {
		(*rows)[at].count++;
		return PD_OK;
	}
	/* Rows never outnumber mails, so the table was sized once. */
	(*rows)[*nrows] = (struct pd_digest_count){ .key = talloc_steal(d, key), .count = 1 };
	return pd_strmap_add(map, key, strlen(key), (*nrows)++, NULL);
}

static int tables(struct pd_digest *d, void *tmp)
{
	struct pd_strmap *dom = pd_strmap_new(tmp, d->nmails);
	struct pd_strmap *ppl = pd_strmap_new(tmp, d->nmails);
	d->domains = talloc_array(d, struct pd_digest_count, d->nmails + 1);
	d->people = talloc_array(d, struct pd_digest_count, d->nmails + 1);
	if (dom == NULL || ppl == NULL || d->domains == NULL || d->people == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < d->nmails; i++) {
		const struct pd_person *a = &d->mails[i].author;
		int rc = count(d, ppl, &d->people, &d->npeople, pd_digest_person(tmp, a));
		const char *at = a->email != NULL ? strrchr(a->email, '@') : NULL;
		if (rc == PD_OK && at != NULL && at[1] != '\0')
			rc = count(d, dom, &d->domains, &d->ndomains, talloc_strdup(tmp, at + 1));
		if (rc != PD_OK)
			return rc;
	}
	qsort(d->domains, d->ndomains, sizeof(*d->domains), pd_digest_count_cmp);
	qsort(d->people, d->npeople, sizeof(*d->people), pd_digest_count_cmp);
	return PD_OK;
}

/* Entries whose title came before, and the revisions in arrival order. */
static int order(struct pd_digest *d, void *tmp)
{
	struct pd_strmap *titles = pd_strmap_new(tmp, d->nmails);
	struct pd_strmap *revs = pd_strmap_new(tmp, d->nmails);
	d->series = talloc_array(d, struct pd_digest_series, d->nmails + 1);
	if (titles == NULL || revs == NULL || d->series == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < d->nmails; i++) {
		struct pd_digest_mail *e = &d->mails[i];
		/* The map keys pointers by their bytes: revisions are unique
		 * objects, so their addresses are their identity. */
		size_t at;
		if (!pd_strmap_get(revs, (const char *)&e->rev, sizeof(e->rev), &at)) {
			at = d->nseries++;
			const struct pd_revision *r = e->rev;
			d->series[at] = (struct pd_digest_series){
				.rev = r,
				.author = r->cover != NULL ? pd_digest_author(d, r->cover) : r->author,
			};
			if (pd_strmap_add(revs, (const char *)&e->rev, sizeof(e->rev), at, NULL) < 0)
				return PD_E_NOMEM;
		}
		if (e->rev->cover != NULL && e->mail == e->rev->cover)
			d->series[at].cover = true;
		else
			d->series[at].npatches++;
		if (e->role == PD_DIGEST_OTHER)
			continue;
		const char *t = e->mail->subject != NULL && e->mail->subject->title != NULL
				? e->mail->subject->title : "";
		size_t first;
		int rc = pd_strmap_add(titles, t, strlen(t), i, &first);
		if (rc < 0)
			return rc;
		if (rc == 1)
			e->exists = &d->mails[first];
	}
	return PD_OK;
}

int pd_digest_build(struct pd_digest **out, void *ctx, const struct pd_model *model,
		    time_t from, time_t to)
{
	*out = NULL;
	void *tmp = talloc_new(NULL);
	struct pd_digest *d = talloc_zero(tmp, struct pd_digest);
	struct build b = { .d = d, .seen = pd_strmap_new(tmp, 256) };
	if (d == NULL || b.seen == NULL) {
		talloc_free(tmp);
		return PD_E_NOMEM;
	}
	d->from = from;
	d->to = to;
	int rc = PD_OK;
	for (size_t s = 0; rc == PD_OK && s < model->nseries; s++)
		for (size_t r = 0; rc == PD_OK && r < model->series[s]->nrevisions; r++)
			rc = take_revision(&b, model->series[s]->revisions[r]);
	if (rc == PD_OK && d->nmails > 0)
		qsort(d->mails, d->nmails, sizeof(*d->mails), mail_cmp);
	if (rc == PD_OK)
		rc = order(d, tmp);
	if (rc == PD_OK)
		rc = tables(d, tmp);
	if (rc == PD_OK)
		*out = talloc_steal(ctx, d);
	talloc_free(tmp);
	return rc;
}
