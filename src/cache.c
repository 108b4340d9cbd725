#include "config.h"

#include "cache.h"
#include "cache_prune.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

/* Raised whenever the file or record layout changes: an older file is
 * then ignored and rewritten. */
#define FORMAT_VERSION 2
/* Eight bytes, no NUL. */
static const unsigned char MAGIC[8] = { 'P', 'D', 'C', 'A', 'C', 'H', 'E', '\n' };
/* magic, version, index length, index checksum, records length; the
 * records follow, then the index */
enum { HEADER = 40 };
/* Records are read this much at a time: a replay takes them in the order
 * they were written. */
enum { WINDOW = 1 << 20 };

bool pd_cache_enabled(void)
{
	const char *env = getenv("PATCHDECK_CACHE");
	return env == NULL || strcmp(env, "0") != 0;
}

/* FNV-1a over bytes: names the file of a database path. */
static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

/* The payload's checksum, a word at a time: a 100,000-message cache is a
 * hundred megabytes, checked at every start. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3u;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h ^ (h >> 32);
}

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

char *pd_cache_path(void *ctx, const char *store_path)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *dir = xdg != NULL && *xdg == '/' ? talloc_asprintf(ctx, "%s/patchdeck", xdg)
		  : home != NULL && *home != '\0' ? talloc_asprintf(ctx, "%s/.cache/patchdeck", home)
		  : NULL;
	if (dir == NULL)
		return NULL;
	char *path = talloc_asprintf(ctx, "%s/index-%016llx", dir,
				     (unsigned long long)fnv(store_path, strlen(store_path)));
	talloc_free(dir);
	return path;
}

/* ---------------------------------------------------------------- reading */

/* A file is the records, then an index (the database, its revision, each
 * thread's id and where its record is with the record's checksum, the
 * query lists), written last. Opening reads and checks the index alone, a few
 * percent of the file: the first screen needs a few records, not all of
 * them. A record is checked when it is read; one that fails is refused
 * (its thread is read from mail) and the rest of the file stays usable. */
struct thread_ent {
	const char *tid;
	size_t tid_len;
	uint64_t off, len, sum;      /* in the records section */
};

struct pd_cache {
	int fd;
	unsigned char *index;        /* the index section */
	size_t index_len;
	uint64_t rec_base, rec_len;  /* the records section in the file */
	unsigned char *win;          /* records [win_off, win_off + win_len) */
	uint64_t win_off;
	size_t win_len;
	unsigned long revision;
	struct thread_ent *threads;
	size_t nthreads;
	struct pd_strmap *by_tid;    /* tid -> index, made on the first find */
	const char **qtext;          /* the queries */
	size_t *qlen, *qoff, nqueries; /* qoff: of its list in index */
};

static int cache_destroy(struct pd_cache *c)
{
	if (c->fd >= 0)
		close(c->fd);
	return 0;
}

/* n bytes at off of c's file into p; false when they cannot be read. */
static bool read_at(const struct pd_cache *c, unsigned char *p, size_t n, uint64_t off)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(c->fd, p + got, n - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

/* Indexes the index section; false when it is not one. */
static bool parse_index(struct pd_cache *c, const char *uuid)
{
	const unsigned char *p = c->index;
	size_t len = c->index_len;
	struct pd_cread r = { .p = p, .end = p + len };
	const char *s;
	size_t n;
	bool null;
	if (!pd_cread_strn(&r, &s, &n, &null) || null || n != strlen(uuid) ||
	    memcmp(s, uuid, n) != 0)
		return false;
	c->revision = (unsigned long)pd_cread_u(&r);
	uint64_t nt = pd_cread_u(&r);
	if (r.bad || nt > len)
		return false;
	c->threads = talloc_array(c, struct thread_ent, (size_t)nt + 1);
	if (c->threads == NULL)
		return false;
	for (size_t i = 0; i < nt; i++) {
		struct thread_ent *t = &c->threads[i];
		if (!pd_cread_strn(&r, &t->tid, &t->tid_len, &null) || null)
			return false;
		t->off = pd_cread_u(&r);
		t->len = pd_cread_u(&r);
		t->sum = pd_cread_u(&r);
		if (r.bad || t->off > c->rec_len || t->len > c->rec_len - t->off)
			return false;
		c->nthreads++;
	}
	uint64_t nq = pd_cread_u(&r);
	if (r.bad || nq > len)
		return false;
	c->qtext = talloc_array(c, const char *, (size_t)nq + 1);
	c->qlen = talloc_array(c, size_t, (size_t)nq + 1);
	c->qoff = talloc_array(c, size_t, (size_t)nq + 1);
	if (c->qtext == NULL || c->qlen == NULL || c->qoff == NULL)
		return false;
	for (size_t q = 0; q < nq; q++) {
		if (!pd_cread_strn(&r, &s, &n, &null) || null)
			return false;
		size_t off = (size_t)(r.p - p);
		uint64_t cnt = pd_cread_u(&r);
		if (r.bad || cnt > (uint64_t)(r.end - r.p))
			return false;
		for (uint64_t k = 0; k < cnt; k++)
			if (pd_cread_u(&r) >= c->nthreads || r.bad)
				return false;
		c->qtext[c->nqueries] = s;
		c->qlen[c->nqueries] = n;
		c->qoff[c->nqueries++] = off;
	}
	return r.p == r.end;
}

int pd_cache_read(struct pd_cache **out, void *ctx, const char *path, const char *uuid)
{
	*out = NULL;
	struct pd_cache *c = talloc_zero(ctx, struct pd_cache);
	if (c == NULL)
		return PD_E_NOMEM;
	c->fd = open(path, O_RDONLY | O_CLOEXEC);
	talloc_set_destructor(c, cache_destroy);
	unsigned char head[HEADER];
	struct stat st;
	if (c->fd < 0 || fstat(c->fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HEADER || !read_at(c, head, HEADER, 0) ||
	    memcmp(head, MAGIC, sizeof(MAGIC)) != 0 || get64(head + 8) != FORMAT_VERSION) {
		talloc_free(c);
		return PD_OK;
	}
	uint64_t ilen = get64(head + 16), rlen = get64(head + 32);
	uint64_t size = (uint64_t)st.st_size - HEADER;
	if (ilen > size || rlen != size - ilen) {
		talloc_free(c);
		return PD_OK;
	}
	c->index_len = (size_t)ilen;
	c->rec_base = HEADER;
	c->rec_len = rlen;
	c->index = talloc_size(c, c->index_len + 1);
	if (c->index == NULL) {
		talloc_free(c);
		return PD_E_NOMEM;
	}
	if (!read_at(c, c->index, c->index_len, HEADER + rlen) ||
	    get64(head + 24) != checksum(c->index, c->index_len) || !parse_index(c, uuid)) {
		talloc_free(c);
		return PD_OK;
	}
	pd_cache_touch(c->fd);
	*out = c;
	return PD_OK;
}

unsigned long pd_cache_revision(const struct pd_cache *c)
{
	return c->revision;
}

/* The thread indexes of the list at offset off of the index. */
static size_t *query_list(const struct pd_cache *c, void *ctx, size_t off, size_t *n)
{
	struct pd_cread r = { .p = c->index + off, .end = c->index + c->index_len };
	size_t cnt = (size_t)pd_cread_u(&r);
	size_t *idx = talloc_array(ctx, size_t, cnt + 1);
	if (idx == NULL)
		return NULL;
	for (size_t k = 0; k < cnt; k++)
		idx[k] = (size_t)pd_cread_u(&r);
	*n = cnt;
	return idx;
}

bool pd_cache_query(const struct pd_cache *c, void *ctx, const char *query, size_t **idx,
		    size_t *n)
{
	*idx = NULL;
	*n = 0;
	size_t len = strlen(query);
	for (size_t q = 0; q < c->nqueries; q++)
		if (c->qlen[q] == len && memcmp(c->qtext[q], query, len) == 0) {
			*idx = query_list(c, ctx, c->qoff[q], n);
			return *idx != NULL;
		}
	return false;
}

bool pd_cache_find(struct pd_cache *c, const char *tid, size_t *idx)
{
	if (c->by_tid == NULL) {
		/* Only a store changed since the file needs it. */
		c->by_tid = pd_strmap_new(c, c->nthreads + 16);
		for (size_t i = 0; c->by_tid != NULL && i < c->nthreads; i++)
			if (pd_strmap_add(c->by_tid, c->threads[i].tid, c->threads[i].tid_len, i,
					  NULL) < 0)
				TALLOC_FREE(c->by_tid);
		if (c->by_tid == NULL)
			return false;
	}
	return pd_strmap_get(c->by_tid, tid, strlen(tid), idx);
}

const char *pd_cache_tid(const struct pd_cache *c, size_t i, size_t *len)
{
	*len = c->threads[i].tid_len;
	return c->threads[i].tid;
}

/* The record of thread i, checked, pointing into c's window (valid until
 * the next call); NULL when it cannot be read or is not what was
 * written, or out of memory (*nomem). */
static const unsigned char *record(struct pd_cache *c, size_t i, bool *nomem)
{
	const struct thread_ent *t = &c->threads[i];
	*nomem = false;
	if (c->win == NULL || t->off < c->win_off || t->off + t->len > c->win_off + c->win_len) {
		uint64_t want = t->len > WINDOW ? t->len : WINDOW;
		if (want > c->rec_len - t->off)
			want = c->rec_len - t->off;
		if (talloc_get_size(c->win) < want + 1) {
			unsigned char *w = talloc_realloc_size(c, c->win, (size_t)want + 1);
			if (w == NULL) {
				*nomem = true;
				return NULL;
			}
			c->win = w;
		}
		c->win_len = 0;
		if (!read_at(c, c->win, (size_t)want, c->rec_base + t->off))
			return NULL;
		c->win_off = t->off;
		c->win_len = (size_t)want;
	}
	const unsigned char *p = c->win + (t->off - c->win_off);
	return checksum(p, (size_t)t->len) == t->sum ? p : NULL;
}

int pd_cache_thread(struct pd_cache *c, size_t i, void *ctx, struct pd_cache_msg **msgs,
		    size_t *n)
{
	bool nomem;
	const unsigned char *p = record(c, i, &nomem);
	if (p == NULL)
		return nomem ? PD_E_NOMEM : PD_E_IO;
	return pd_cache_get_thread(msgs, n, ctx, p, (size_t)c->threads[i].len);
}

/* ---------------------------------------------------------------- writing */

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* mkdir -p of the directory of path. */
static void make_dirs(char *path)
{
	for (char *s = path + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		(void)mkdir(path, 0700);
		*s = '/';
	}
}

/* Records go to the file as they come, through a buffer of a window's
 * size: a whole store's records are as large as the mails' headers, and
 * the loader holds them once already. */
struct sink {
	int fd;
	struct pd_cbuf buf;
	uint64_t len;                /* written and buffered */
	int err;                     /* an errno */
};

static void sink_flush(struct sink *k)
{
	if (k->err == 0 && k->buf.len > 0)
		k->err = write_all(k->fd, k->buf.data, k->buf.len);
	k->buf.len = 0;
}

static void sink_put(struct sink *k, const void *p, size_t n)
{
	if (k->buf.len + n > WINDOW)
		sink_flush(k);
	if (n >= WINDOW) {
		if (k->err == 0)
			k->err = write_all(k->fd, p, n);
	} else {
		pd_cbuf_bytes(&k->buf, p, n);
	}
	k->len += n;
}

/* A record written this time; its thread id is at tid in the writer's
 * tids (offsets: the buffer moves as it grows). */
struct new_ent {
	size_t tid;
	uint64_t off, len, sum;
};

struct pd_cache_writer {
	char *path, *tmp;
	struct sink rb;
	struct pd_cbuf tids;         /* the new records' ids, NUL-terminated */
	struct new_ent *ents;
	size_t nents, cap;
	bool nomem;
	bool renamed;                /* else the temporary file goes */
};

static int writer_destroy(struct pd_cache_writer *w)
{
	if (w->rb.fd >= 0)
		close(w->rb.fd);
	if (!w->renamed)
		(void)unlink(w->tmp);
	return 0;
}

int pd_cache_writer_new(struct pd_cache_writer **out, void *ctx, const char *path,
			struct pd_err *err)
{
	*out = NULL;
	struct pd_cache_writer *w = talloc_zero(ctx, struct pd_cache_writer);
	char *dirs = w != NULL ? talloc_strdup(w, path) : NULL;
	if (dirs == NULL || (w->path = talloc_strdup(w, path)) == NULL ||
	    (w->tmp = talloc_asprintf(w, "%s.tmpXXXXXX", path)) == NULL) {
		talloc_free(w);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	make_dirs(dirs);
	w->rb = (struct sink){ .fd = mkstemp(w->tmp), .buf = { .owner = w } };
	w->tids.owner = w;
	if (w->rb.fd < 0) {
		int rc = pd_err_set(err, PD_E_IO, "cannot write the series cache %s: %s", w->tmp,
				    strerror(errno));
		talloc_free(w);
		return rc;
	}
	talloc_set_destructor(w, writer_destroy);
	/* The header last, once the lengths are known: until then the file
	 * is no cache file (and it is renamed into place only whole). */
	unsigned char head[HEADER] = { 0 };
	w->rb.err = write_all(w->rb.fd, head, HEADER);
	*out = w;
	return PD_OK;
}

void pd_cache_writer_add(struct pd_cache_writer *w, const char *tid, const unsigned char *data,
			 size_t len)
{
	if (w->nents == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 1024;
		struct new_ent *e = talloc_realloc(w, w->ents, struct new_ent, cap);
		if (e == NULL) {
			w->nomem = true;
			return;
		}
		w->ents = e;
		w->cap = cap;
	}
	w->ents[w->nents++] = (struct new_ent){ .tid = w->tids.len, .off = w->rb.len, .len = len,
						.sum = checksum(data, len) };
	pd_cbuf_bytes(&w->tids, tid, strlen(tid) + 1);
	sink_put(&w->rb, data, len);
}

/* The index of the file w wrote, into b: the records added, then (copied
 * after them) old's kept ones, and the query lists. The index every old
 * thread got is in newidx (SIZE_MAX: dropped, or its record does not read
 * back). */
static void index_into(struct pd_cbuf *b, struct pd_cache_writer *w,
		       const struct pd_cache_update *u, void *local)
{
	struct sink *rb = &w->rb;
	struct pd_cache *old = u->old;
	size_t nold = old != NULL ? old->nthreads : 0, nnew = w->nents;
	size_t *newidx = talloc_array(local, size_t, nold + 1);
	uint64_t *newoff = talloc_array(local, uint64_t, nold + 1);
	struct pd_strmap *idx = pd_strmap_new(local, nold + nnew + 16);
	if (newidx == NULL || newoff == NULL || idx == NULL || w->tids.failed) {
		b->failed = true;
		return;
	}
	/* No record is added now: the ids stay where they are. */
	for (size_t i = 0; i < nnew; i++) {
		const char *tid = (const char *)w->tids.data + w->ents[i].tid;
		if (pd_strmap_add(idx, tid, strlen(tid), i, NULL) < 0)
			b->failed = true;
	}
	size_t nt = nnew;
	for (size_t i = 0; i < nold; i++) {
		const struct thread_ent *t = &old->threads[i];
		bool drop = pd_strmap_get(idx, t->tid, t->tid_len, NULL) ||
			    (u->changed != NULL && pd_strmap_get(u->changed, t->tid, t->tid_len, NULL));
		bool nomem = false;
		const unsigned char *rec = drop ? NULL : record(old, i, &nomem);
		if (nomem)
			b->failed = true;
		newidx[i] = rec == NULL ? SIZE_MAX : nt++;
		if (rec != NULL) {
			newoff[i] = rb->len;
			sink_put(rb, rec, (size_t)t->len);
		}
	}
	pd_cbuf_str(b, u->uuid);
	pd_cbuf_u(b, u->revision);
	pd_cbuf_u(b, nt);
	for (size_t i = 0; i < nnew; i++) {
		pd_cbuf_str(b, (const char *)w->tids.data + w->ents[i].tid);
		pd_cbuf_u(b, w->ents[i].off);
		pd_cbuf_u(b, w->ents[i].len);
		pd_cbuf_u(b, w->ents[i].sum);
	}
	for (size_t i = 0; i < nold; i++) {
		const struct thread_ent *t = &old->threads[i];
		if (newidx[i] == SIZE_MAX)
			continue;
		pd_cbuf_strn(b, t->tid, t->tid_len);
		pd_cbuf_u(b, newoff[i]);
		pd_cbuf_u(b, t->len);
		pd_cbuf_u(b, t->sum);
		if (pd_strmap_add(idx, t->tid, t->tid_len, newidx[i], NULL) < 0)
			b->failed = true;
	}
	/* The query lists: this load's, then (same revision only) the old
	 * file's others whose threads are all kept. */
	struct pd_cbuf q = { .owner = local };
	size_t nq = 0;
	if (u->query != NULL) {
		size_t *list = talloc_array(local, size_t, u->norder + 1);
		bool whole = list != NULL;
		for (size_t k = 0; whole && k < u->norder; k++)
			whole = pd_strmap_get(idx, u->order[k], strlen(u->order[k]), &list[k]);
		if (whole) {
			pd_cbuf_str(&q, u->query);
			pd_cbuf_u(&q, u->norder);
			for (size_t k = 0; k < u->norder; k++)
				pd_cbuf_u(&q, list[k]);
			nq++;
		}
	}
	for (size_t i = 0; old != NULL && old->revision == u->revision && i < old->nqueries; i++) {
		if (u->query != NULL && strlen(u->query) == old->qlen[i] &&
		    memcmp(u->query, old->qtext[i], old->qlen[i]) == 0)
			continue;
		size_t n = 0;
		size_t *list = query_list(old, local, old->qoff[i], &n);
		bool whole = list != NULL;
		for (size_t k = 0; whole && k < n; k++)
			whole = (list[k] = newidx[list[k]]) != SIZE_MAX;
		if (!whole)
			continue;
		pd_cbuf_strn(&q, old->qtext[i], old->qlen[i]);
		pd_cbuf_u(&q, n);
		for (size_t k = 0; k < n; k++)
			pd_cbuf_u(&q, list[k]);
		nq++;
	}
	pd_cbuf_u(b, nq);
	pd_cbuf_bytes(b, q.data, q.len);
	if (q.failed)
		b->failed = true;
}

int pd_cache_writer_finish(struct pd_cache_writer *w, const struct pd_cache_update *u,
			   struct pd_err *err)
{
	/* Under w: this may run on a thread of its own (load_cache.c). */
	void *local = talloc_new(w);
	struct pd_cbuf ib = { .owner = local };
	if (local == NULL)
		ib.failed = true;
	else
		index_into(&ib, w, u, local);
	sink_flush(&w->rb);
	uint64_t rlen = w->rb.len;
	int e = w->rb.err;
	bool nomem = w->nomem || ib.failed || w->rb.buf.failed;
	if (e == 0 && !nomem)
		e = write_all(w->rb.fd, ib.data, ib.len);
	if (e == 0 && !nomem) {
		unsigned char head[HEADER];
		memcpy(head, MAGIC, sizeof(MAGIC));
		put64(head + 8, FORMAT_VERSION);
		put64(head + 16, ib.len);
		put64(head + 24, checksum(ib.data, ib.len));
		put64(head + 32, rlen);
		if (pwrite(w->rb.fd, head, HEADER, 0) != HEADER)
			e = errno ? errno : EIO;
	}
	if (close(w->rb.fd) != 0 && e == 0)
		e = errno;
	w->rb.fd = -1;
	if (e == 0 && !nomem && rename(w->tmp, w->path) == 0)
		w->renamed = true;
	else if (e == 0 && !nomem)
		e = errno;
	talloc_free(local);
	if (w->renamed) {
		pd_cache_prune(w->path, time(NULL));
		return PD_OK;
	}
	return nomem ? pd_err_set(err, PD_E_NOMEM, "out of memory")
		     : pd_err_set(err, PD_E_IO, "cannot write the series cache %s: %s", w->path,
				  strerror(e));
}
