#include "config.h"

#include "cache_mail.h"

#include <string.h>
#include <talloc.h>

#include "status.h"

/* Every piece of a decoded mail is 8-aligned inside its block. */
#define R8(n) (((n) + 7u) & ~(size_t)7u)

/* ---------------------------------------------------------------- bytes */

void pd_cbuf_bytes(struct pd_cbuf *b, const void *p, size_t n)
{
	if (b->failed)
		return;
	if (b->cap - b->len < n) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap - b->len < n)
			cap *= 2;
		unsigned char *d = talloc_realloc_size(b->owner, b->data, cap);
		if (d == NULL) {
			b->failed = true;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
}

void pd_cbuf_u(struct pd_cbuf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;
	do {
		tmp[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			tmp[n] |= 0x80;
		n++;
	} while (v != 0);
	pd_cbuf_bytes(b, tmp, n);
}

void pd_cbuf_strn(struct pd_cbuf *b, const char *s, size_t n)
{
	if (s == NULL) {
		pd_cbuf_u(b, 0);
		return;
	}
	pd_cbuf_u(b, (uint64_t)n + 1);
	pd_cbuf_bytes(b, s, n);
}

void pd_cbuf_str(struct pd_cbuf *b, const char *s)
{
	pd_cbuf_strn(b, s, s != NULL ? strlen(s) : 0);
}

uint64_t pd_cread_u(struct pd_cread *r)
{
	uint64_t v = 0;
	for (unsigned shift = 0; !r->bad; shift += 7) {
		if (r->p >= r->end || shift > 63) {
			r->bad = true;
			break;
		}
		unsigned char c = *r->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	return 0;
}

bool pd_cread_strn(struct pd_cread *r, const char **s, size_t *n, bool *null)
{
	uint64_t len = pd_cread_u(r);
	*s = NULL;
	*n = 0;
	*null = len == 0;
	if (r->bad)
		return false;
	if (len == 0)
		return true;
	if (len - 1 > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return false;
	}
	*s = (const char *)r->p;
	*n = (size_t)(len - 1);
	r->p += len - 1;
	return true;
}

/* ---------------------------------------------------------------- encoding */

/* The encoder counts, besides the bytes, the block the decoder will need. */
struct enc {
	struct pd_cbuf *b;
	size_t need;
};

static uint64_t zz(int64_t v)
{
	/* The sign spread over all bits without shifting a signed value
	 * (implementation-defined): all ones for a negative v. */
	return ((uint64_t)v << 1) ^ (0 - ((uint64_t)v >> 63));
}

static void e_u(struct enc *e, uint64_t v) { pd_cbuf_u(e->b, v); }
static void e_s(struct enc *e, int64_t v) { pd_cbuf_u(e->b, zz(v)); }

static void e_str(struct enc *e, const char *s)
{
	pd_cbuf_str(e->b, s);
	if (s != NULL)
		e->need += R8(strlen(s) + 1);
}

/* A string array: count + 1, 0 for a NULL array. */
static void e_strv(struct enc *e, char *const *v, size_t n)
{
	if (v == NULL) {
		e_u(e, 0);
		return;
	}
	e_u(e, (uint64_t)n + 1);
	e->need += R8(n * sizeof(char *) + (n == 0));
	for (size_t i = 0; i < n; i++)
		e_str(e, v[i]);
}

static void e_person(struct enc *e, const struct pd_person *p)
{
	e_str(e, p->name);
	e_str(e, p->email);
	e_str(e, p->address);
}

static void e_subject(struct enc *e, const struct pd_subject *s)
{
	e_u(e, s != NULL);
	if (s == NULL)
		return;
	e->need += R8(sizeof(*s));
	e_u(e, (uint64_t)s->is_reply | (uint64_t)s->has_version << 1 |
	       (uint64_t)s->has_counter << 2);
	e_u(e, s->kinds);
	e_s(e, s->version);
	e_s(e, s->version_minor);
	e_s(e, s->n);
	e_s(e, s->total);
	e_strv(e, s->targets, s->ntargets);
	e_u(e, s->odd);
	e_str(e, s->title);
}

static void e_body(struct enc *e, const struct pd_body *b)
{
	e_u(e, b != NULL);
	if (b == NULL)
		return;
	e->need += R8(sizeof(*b));
	e_str(e, b->from);
	e_str(e, b->date);
	e_str(e, b->subject);
	e_str(e, b->message);
	e_str(e, b->notes);
	e_str(e, b->diffstat);
	e_str(e, b->diff);
	e_u(e, b->diff_offset);
	e_u(e, (uint64_t)b->diff_damaged | (uint64_t)b->has_separator << 1 |
	       (uint64_t)b->scissors << 2);
	e_str(e, b->signature);
	e_str(e, b->base_commit);
	e_str(e, b->change_id);
	e_strv(e, b->prereq_ids, b->nprereq);
}

static void e_trailers(struct enc *e, const struct pd_trailer *t, size_t n)
{
	if (t == NULL) {
		e_u(e, 0);
		return;
	}
	e_u(e, (uint64_t)n + 1);
	e->need += R8(n * sizeof(*t) + (n == 0));
	for (size_t i = 0; i < n; i++) {
		e_str(e, t[i].name);
		e_str(e, t[i].value);
		e_str(e, t[i].person);
		e_str(e, t[i].email);
		e_str(e, t[i].fixes_sha);
		e_str(e, t[i].fixes_subject);
		e_u(e, (uint64_t)t[i].known | (uint64_t)t[i].is_person << 1 |
		       (uint64_t)t[i].well_formed << 2);
		e_u(e, (uint64_t)t[i].sender);
	}
}

/* The mail, without what the store sets (thread id, files, unread). */
static void e_mail(struct enc *e, const struct pd_mail *m)
{
	e->need += R8(sizeof(*m));
	e_str(e, m->message_id);
	e_str(e, m->in_reply_to);
	e_strv(e, m->references, m->nreferences);
	e_s(e, (int64_t)m->date);
	e_str(e, m->subject_raw);
	e_subject(e, m->subject);
	e_person(e, &m->sender);
	e_person(e, &m->author);
	e_u(e, (uint64_t)m->dmarc_rewritten | (uint64_t)m->patch_attached << 1);
	e_str(e, m->text);
	e_body(e, m->patch);
	e_trailers(e, m->trailers, m->ntrailers);
	e_trailers(e, m->reply_trailers, m->nreply_trailers);
	e_str(e, m->pull_url);
	e_str(e, m->pull_branch);
	e_strv(e, m->problems, m->nproblems);
}

void pd_cache_put_thread(struct pd_cbuf *b, const struct pd_store_msg *sms,
			 struct pd_mail *const *mails, size_t n)
{
	pd_cbuf_u(b, n);
	struct pd_cbuf mb = { .owner = b->owner };
	for (size_t i = 0; i < n; i++) {
		const struct pd_store_msg *sm = &sms[i];
		pd_cbuf_str(b, sm->message_id);
		pd_cbuf_u(b, sm->npaths);
		for (size_t k = 0; k < sm->npaths; k++)
			pd_cbuf_str(b, sm->paths[k]);
		pd_cbuf_u(b, sm->unread);
		pd_cbuf_u(b, zz((int64_t)sm->date));
		/* The mail's bytes go after its block size, which is known
		 * only once they are written. */
		mb.len = 0;
		struct enc e = { .b = &mb };
		e_mail(&e, mails[i]);
		pd_cbuf_u(b, e.need);
		pd_cbuf_u(b, mb.len);
		if (mb.failed)
			b->failed = true;
		else
			pd_cbuf_bytes(b, mb.data, mb.len);
	}
	talloc_free(mb.data);
}

/* ---------------------------------------------------------------- decoding */

struct dec {
	struct pd_cread r;
	char *blk;
	size_t used, need;
};

static void *d_alloc(struct dec *d, size_t n)
{
	n = R8(n);
	if (d->r.bad || n > d->need - d->used) {
		d->r.bad = true;
		return NULL;
	}
	void *p = d->blk + d->used;
	d->used += n;
	return p;
}

static uint64_t d_u(struct dec *d) { return pd_cread_u(&d->r); }

static int64_t d_s(struct dec *d)
{
	uint64_t v = pd_cread_u(&d->r);
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static int d_int(struct dec *d) { return (int)d_s(d); }

static char *d_str(struct dec *d)
{
	const char *s;
	size_t n;
	bool null;
	if (!pd_cread_strn(&d->r, &s, &n, &null) || null)
		return NULL;
	char *c = d_alloc(d, n + 1);
	if (c == NULL)
		return NULL;
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

/* A count + 1 (0: NULL); false when NULL or bad. */
static bool d_count(struct dec *d, size_t *n)
{
	uint64_t c = d_u(d);
	*n = 0;
	if (d->r.bad || c == 0)
		return false;
	/* Each element takes at least a byte of the record. */
	if (c - 1 > (uint64_t)(d->r.end - d->r.p)) {
		d->r.bad = true;
		return false;
	}
	*n = (size_t)(c - 1);
	return true;
}

static char **d_strv(struct dec *d, size_t *count)
{
	size_t n;
	*count = 0;
	if (!d_count(d, &n))
		return NULL;
	char **v = d_alloc(d, n * sizeof(char *) + (n == 0));
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = d_str(d);
	*count = n;
	return v;
}

static void d_person(struct dec *d, struct pd_person *p)
{
	p->name = d_str(d);
	p->email = d_str(d);
	p->address = d_str(d);
}

static struct pd_subject *d_subject(struct dec *d)
{
	if (d_u(d) == 0)
		return NULL;
	struct pd_subject *s = d_alloc(d, sizeof(*s));
	if (s == NULL)
		return NULL;
	uint64_t bits = d_u(d);
	s->is_reply = bits & 1;
	s->has_version = bits & 2;
	s->has_counter = bits & 4;
	s->kinds = (unsigned)d_u(d);
	s->version = d_int(d);
	s->version_minor = d_int(d);
	s->n = d_int(d);
	s->total = d_int(d);
	s->targets = d_strv(d, &s->ntargets);
	s->odd = (unsigned)d_u(d);
	s->title = d_str(d);
	return s;
}

static struct pd_body *d_body(struct dec *d)
{
	if (d_u(d) == 0)
		return NULL;
	struct pd_body *b = d_alloc(d, sizeof(*b));
	if (b == NULL)
		return NULL;
	b->from = d_str(d);
	b->date = d_str(d);
	b->subject = d_str(d);
	b->message = d_str(d);
	b->notes = d_str(d);
	b->diffstat = d_str(d);
	b->diff = d_str(d);
	b->diff_offset = (size_t)d_u(d);
	uint64_t bits = d_u(d);
	b->diff_damaged = bits & 1;
	b->has_separator = bits & 2;
	b->scissors = bits & 4;
	b->signature = d_str(d);
	b->base_commit = d_str(d);
	b->change_id = d_str(d);
	b->prereq_ids = d_strv(d, &b->nprereq);
	return b;
}

static struct pd_trailer *d_trailers(struct dec *d, size_t *count)
{
	size_t n;
	*count = 0;
	if (!d_count(d, &n))
		return NULL;
	struct pd_trailer *t = d_alloc(d, n * sizeof(*t) + (n == 0));
	if (t == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		t[i].name = d_str(d);
		t[i].value = d_str(d);
		t[i].person = d_str(d);
		t[i].email = d_str(d);
		t[i].fixes_sha = d_str(d);
		t[i].fixes_subject = d_str(d);
		uint64_t bits = d_u(d);
		t[i].known = bits & 1;
		t[i].is_person = bits & 2;
		t[i].well_formed = bits & 4;
		t[i].sender = (enum pd_sender_match)d_u(d);
	}
	*count = n;
	return t;
}

static void d_mail(struct dec *d, struct pd_mail *m)
{
	m->message_id = d_str(d);
	m->in_reply_to = d_str(d);
	m->references = d_strv(d, &m->nreferences);
	m->date = (time_t)d_s(d);
	m->subject_raw = d_str(d);
	m->subject = d_subject(d);
	d_person(d, &m->sender);
	d_person(d, &m->author);
	uint64_t bits = d_u(d);
	m->dmarc_rewritten = bits & 1;
	m->patch_attached = bits & 2;
	m->text = d_str(d);
	m->patch = d_body(d);
	m->trailers = d_trailers(d, &m->ntrailers);
	m->reply_trailers = d_trailers(d, &m->nreply_trailers);
	m->pull_url = d_str(d);
	m->pull_branch = d_str(d);
	m->problems = d_strv(d, &m->nproblems);
}

/* One mail of need bytes from the next len bytes of r. */
static struct pd_mail *get_mail(struct pd_cread *r, void *ctx, uint64_t need, uint64_t len)
{
	if (r->bad || len > (uint64_t)(r->end - r->p) || need < sizeof(struct pd_mail) ||
	    need > 64 * len + 4096) {
		r->bad = true;
		return NULL;
	}
	char *blk = talloc_zero_size(ctx, (size_t)need);
	if (blk == NULL)
		return NULL;
	talloc_set_name_const(blk, "struct pd_mail");
	struct dec d = { .r = { .p = r->p, .end = r->p + len }, .blk = blk, .need = (size_t)need };
	struct pd_mail *m = d_alloc(&d, sizeof(*m));
	if (m != NULL)
		d_mail(&d, m);
	r->p += len;
	if (d.r.bad || d.r.p != d.r.end) {
		r->bad = true;
		talloc_free(blk);
		return NULL;
	}
	return m;
}

struct pd_mail *pd_cache_compact(const struct pd_mail *m)
{
	struct pd_cbuf mb = { .owner = NULL };
	struct enc e = { .b = &mb };
	e_mail(&e, m);
	struct pd_mail *out = NULL;
	if (!mb.failed && mb.data != NULL) {
		struct pd_cread r = { .p = mb.data, .end = mb.data + mb.len };
		out = get_mail(&r, NULL, e.need, mb.len);
	}
	talloc_free(mb.data);
	return out;
}

int pd_cache_get_thread(struct pd_cache_msg **out, size_t *count, void *ctx,
			const unsigned char *p, size_t len)
{
	*out = NULL;
	*count = 0;
	struct pd_cread r = { .p = p, .end = p + len };
	uint64_t n = pd_cread_u(&r);
	if (r.bad || n == 0 || n > len)
		return PD_E_IO;
	struct pd_cache_msg *msgs = talloc_zero_array(ctx, struct pd_cache_msg, (size_t)n);
	if (msgs == NULL)
		return PD_E_NOMEM;
	int rc = PD_OK;
	for (size_t i = 0; i < n && rc == PD_OK && !r.bad; i++) {
		struct pd_store_msg *sm = &msgs[i].sm;
		const char *s;
		size_t sl;
		bool null;
		if (!pd_cread_strn(&r, &s, &sl, &null) || null)
			break;
		sm->message_id = talloc_strndup(msgs, s, sl);
		uint64_t np = pd_cread_u(&r);
		if (r.bad || np > (uint64_t)(r.end - r.p))
			break;
		sm->paths = talloc_zero_array(msgs, char *, (size_t)np + 1);
		if (sm->message_id == NULL || sm->paths == NULL) {
			rc = PD_E_NOMEM;
			break;
		}
		for (size_t k = 0; k < np; k++) {
			if (!pd_cread_strn(&r, &s, &sl, &null) || null)
				break;
			if ((sm->paths[k] = talloc_strndup(sm->paths, s, sl)) == NULL) {
				rc = PD_E_NOMEM;
				break;
			}
			sm->npaths++;
		}
		if (rc != PD_OK || sm->npaths != np)
			break;
		sm->unread = pd_cread_u(&r) != 0;
		uint64_t d = pd_cread_u(&r);
		sm->date = (time_t)((int64_t)(d >> 1) ^ -(int64_t)(d & 1));
		uint64_t need = pd_cread_u(&r);
		uint64_t mlen = pd_cread_u(&r);
		msgs[i].mail = get_mail(&r, msgs, need, mlen);
		if (msgs[i].mail == NULL && !r.bad)
			rc = PD_E_NOMEM;
	}
	if (rc == PD_OK && (r.bad || r.p != r.end || msgs[n - 1].mail == NULL))
		rc = PD_E_IO;
	if (rc != PD_OK) {
		talloc_free(msgs);
		return rc;
	}
	*out = msgs;
	*count = (size_t)n;
	return PD_OK;
}
