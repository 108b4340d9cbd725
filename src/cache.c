#include "config.h"

#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

/* Raised whenever the file or record layout changes: an older file is
 * then ignored and rewritten. */
#define FORMAT_VERSION 1
#define MAGIC "PDCACHE\n"
enum { HEADER = 32 };  /* magic, version, spare, payload length, checksum */

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

struct thread_ent {
	const char *tid;
	size_t tid_len;
	const unsigned char *rec;
	size_t rec_len;
};

struct pd_cache {
	unsigned char *buf;          /* the whole file */
	unsigned long revision;
	struct thread_ent *threads;
	size_t nthreads;
	struct pd_strmap *by_tid;    /* tid -> index */
	struct pd_strmap *queries;   /* query -> offset of its list in buf */
	const char **qtext;          /* the queries, for carrying them over */
	size_t *qlen, *qoff, nqueries;
};

/* The file at path whole, under ctx; NULL when it cannot be read. */
static unsigned char *slurp(void *ctx, const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	unsigned char *buf = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= HEADER &&
	    (buf = talloc_size(ctx, (size_t)st.st_size)) != NULL) {
		size_t got = 0;
		while (got < (size_t)st.st_size) {
			ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got != (size_t)st.st_size)
			TALLOC_FREE(buf);
		*len = got;
	}
	close(fd);
	return buf;
}

/* Indexes the payload of c->buf; false when it is not one. */
static bool index_payload(struct pd_cache *c, const unsigned char *p, size_t len,
			  const char *uuid)
{
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
	c->by_tid = pd_strmap_new(c, (size_t)nt + 16);
	if (c->threads == NULL || c->by_tid == NULL)
		return false;
	for (size_t i = 0; i < nt; i++) {
		struct thread_ent *t = &c->threads[i];
		if (!pd_cread_strn(&r, &t->tid, &t->tid_len, &null) || null)
			return false;
		uint64_t rl = pd_cread_u(&r);
		if (r.bad || rl > (uint64_t)(r.end - r.p))
			return false;
		t->rec = r.p;
		t->rec_len = (size_t)rl;
		r.p += rl;
		if (pd_strmap_add(c->by_tid, t->tid, t->tid_len, i, NULL) != 0)
			return false;  /* a tid twice, or out of memory */
		c->nthreads++;
	}
	uint64_t nq = pd_cread_u(&r);
	if (r.bad || nq > len)
		return false;
	c->queries = pd_strmap_new(c, (size_t)nq + 4);
	c->qtext = talloc_array(c, const char *, (size_t)nq + 1);
	c->qlen = talloc_array(c, size_t, (size_t)nq + 1);
	c->qoff = talloc_array(c, size_t, (size_t)nq + 1);
	if (c->queries == NULL || c->qtext == NULL || c->qlen == NULL || c->qoff == NULL)
		return false;
	for (size_t q = 0; q < nq; q++) {
		if (!pd_cread_strn(&r, &s, &n, &null) || null)
			return false;
		size_t off = (size_t)(r.p - c->buf);
		uint64_t cnt = pd_cread_u(&r);
		if (r.bad || cnt > (uint64_t)(r.end - r.p))
			return false;
		for (uint64_t k = 0; k < cnt; k++)
			if (pd_cread_u(&r) >= c->nthreads || r.bad)
				return false;
		if (pd_strmap_add(c->queries, s, n, off, NULL) != 0)
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
	size_t len = 0;
	c->buf = slurp(c, path, &len);
	if (c->buf == NULL || memcmp(c->buf, MAGIC, 8) != 0 ||
	    get64(c->buf + 8) != FORMAT_VERSION || get64(c->buf + 16) != len - HEADER ||
	    get64(c->buf + 24) != checksum(c->buf + HEADER, len - HEADER) ||
	    !index_payload(c, c->buf + HEADER, len - HEADER, uuid)) {
		talloc_free(c);
		return PD_OK;
	}
	*out = c;
	return PD_OK;
}

unsigned long pd_cache_revision(const struct pd_cache *c)
{
	return c->revision;
}

/* The thread indexes of the list at offset off. */
static size_t *query_list(const struct pd_cache *c, void *ctx, size_t off, size_t *n)
{
	struct pd_cread r = { .p = c->buf + off, .end = c->buf + talloc_get_size(c->buf) };
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
	size_t off;
	*idx = NULL;
	*n = 0;
	if (!pd_strmap_get(c->queries, query, strlen(query), &off))
		return false;
	*idx = query_list(c, ctx, off, n);
	return *idx != NULL;
}

bool pd_cache_find(const struct pd_cache *c, const char *tid, size_t *idx)
{
	return pd_strmap_get(c->by_tid, tid, strlen(tid), idx);
}

const char *pd_cache_tid(const struct pd_cache *c, size_t i, size_t *len)
{
	*len = c->threads[i].tid_len;
	return c->threads[i].tid;
}

int pd_cache_thread(const struct pd_cache *c, size_t i, void *ctx, struct pd_cache_msg **msgs,
		    size_t *n)
{
	return pd_cache_get_thread(msgs, n, ctx, c->threads[i].rec, c->threads[i].rec_len);
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

/* The payload of u into b; the index every kept thread got is in newidx
 * (SIZE_MAX: dropped). */
static void payload(struct pd_cbuf *b, const struct pd_cache_update *u, void *local)
{
	const struct pd_cache *old = u->old;
	size_t nold = old != NULL ? old->nthreads : 0;
	size_t *newidx = talloc_array(local, size_t, nold + 1);
	struct pd_strmap *idx = pd_strmap_new(local, nold + u->nrecs + 16);
	struct pd_strmap *fresh = pd_strmap_new(local, u->nrecs + 16);
	if (newidx == NULL || idx == NULL || fresh == NULL) {
		b->failed = true;
		return;
	}
	for (size_t i = 0; i < u->nrecs; i++)
		if (pd_strmap_add(fresh, u->recs[i].tid, strlen(u->recs[i].tid), i, NULL) < 0)
			b->failed = true;
	size_t nt = 0;
	for (size_t i = 0; i < nold; i++) {
		const struct thread_ent *t = &old->threads[i];
		bool drop = pd_strmap_get(fresh, t->tid, t->tid_len, NULL) ||
			    (u->changed != NULL && pd_strmap_get(u->changed, t->tid, t->tid_len, NULL));
		newidx[i] = drop ? SIZE_MAX : nt++;
	}
	pd_cbuf_str(b, u->uuid);
	pd_cbuf_u(b, u->revision);
	pd_cbuf_u(b, nt + u->nrecs);
	for (size_t i = 0; i < nold; i++) {
		const struct thread_ent *t = &old->threads[i];
		if (newidx[i] == SIZE_MAX)
			continue;
		pd_cbuf_strn(b, t->tid, t->tid_len);
		pd_cbuf_u(b, t->rec_len);
		pd_cbuf_bytes(b, t->rec, t->rec_len);
		if (pd_strmap_add(idx, t->tid, t->tid_len, newidx[i], NULL) < 0)
			b->failed = true;
	}
	for (size_t i = 0; i < u->nrecs; i++) {
		pd_cbuf_str(b, u->recs[i].tid);
		pd_cbuf_u(b, u->recs[i].len);
		pd_cbuf_bytes(b, u->recs[i].data, u->recs[i].len);
		if (pd_strmap_add(idx, u->recs[i].tid, strlen(u->recs[i].tid), nt + i, NULL) < 0)
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

int pd_cache_write(const struct pd_cache_update *u, struct pd_err *err)
{
	void *local = talloc_new(NULL);
	struct pd_cbuf b = { .owner = local };
	unsigned char head[HEADER] = { 0 };
	pd_cbuf_bytes(&b, head, HEADER);
	if (local != NULL)
		payload(&b, u, local);
	if (local == NULL || b.failed) {
		talloc_free(local);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	memcpy(b.data, MAGIC, 8);
	put64(b.data + 8, FORMAT_VERSION);
	put64(b.data + 16, b.len - HEADER);
	put64(b.data + 24, checksum(b.data + HEADER, b.len - HEADER));

	char *path = talloc_strdup(local, u->path);
	char *tmp = talloc_asprintf(local, "%s.tmpXXXXXX", u->path);
	int rc = PD_OK;
	if (path == NULL || tmp == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	make_dirs(path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		rc = pd_err_set(err, PD_E_IO, "cannot write the series cache %s: %s", tmp,
				strerror(errno));
		goto done;
	}
	int e = write_all(fd, b.data, b.len);
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, u->path) != 0)
		e = errno;
	if (e != 0) {
		(void)unlink(tmp);
		rc = pd_err_set(err, PD_E_IO, "cannot write the series cache %s: %s", u->path,
				strerror(e));
	}
done:
	talloc_free(local);
	return rc;
}
