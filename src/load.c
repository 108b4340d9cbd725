#include "config.h"

#include "load.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "message.h"

/* Thread ids per query: one query per thread would pay Xapian's set-up
 * each time, one for all of them grows without bound. */
#define THREADS_PER_QUERY 400

struct loader {
	struct pd_load *res;
	void *scratch;               /* freed when loading ends */
	struct pd_store *store;
	unsigned flags;
	struct pd_err *err;
	struct pd_store_msg *msgs;   /* found, not yet read */
	size_t nmsgs;
	char **threads;              /* threads already taken, sorted */
	size_t nthreads;
	size_t cap_mails;
	char *buf;                   /* the file being read, reused */
	size_t cap_buf;
	bool full;                   /* PATCHDECK_FULL_PARSE: no header-only reads */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool have_thread(const struct loader *L, const char *tid)
{
	return L->nthreads > 0 &&
	       bsearch(&tid, L->threads, L->nthreads, sizeof(char *), cmp_str) != NULL;
}

static int nomem(struct loader *L)
{
	return pd_err_set(L->err, PD_E_NOMEM, "out of memory");
}

/* notmuch's quoting: a phrase in double quotes, quotes inside doubled. */
static char *quoted(void *ctx, const char *s)
{
	char *q = talloc_strdup(ctx, "\"");
	for (const char *p = s; q != NULL && *p; p++)
		q = *p == '"' ? talloc_strdup_append(q, "\"\"")
			      : talloc_strndup_append(q, p, 1);
	return q != NULL ? talloc_strdup_append(q, "\"") : NULL;
}

/* Takes the threads of the messages matching q1, and every other message
 * of those threads, skipping threads taken before. whole is true when q1
 * already selects whole threads. */
static int take_threads(struct loader *L, const char *q1, bool whole)
{
	void *local = talloc_new(L->scratch);
	struct pd_store_msg *found = NULL;
	size_t nfound = 0;
	int rc = pd_store_messages(&found, &nfound, L->store, local, q1, L->err);
	if (rc != PD_OK)
		goto done;

	char **fresh = talloc_array(local, char *, nfound + 1);
	size_t nfresh = 0;
	if (fresh == NULL) {
		rc = nomem(L);
		goto done;
	}
	for (size_t i = 0; i < nfound; i++)
		if (!have_thread(L, found[i].thread_id))
			fresh[nfresh++] = found[i].thread_id;
	qsort(fresh, nfresh, sizeof(char *), cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < nfresh; i++)
		if (u == 0 || strcmp(fresh[u - 1], fresh[i]) != 0)
			fresh[u++] = fresh[i];
	nfresh = u;

	/* The messages of q1 in fresh threads, then the rest of them. */
	struct pd_store_msg *msgs = talloc_realloc(L->scratch, L->msgs, struct pd_store_msg,
						   L->nmsgs + nfound + 1);
	if (msgs == NULL) {
		rc = nomem(L);
		goto done;
	}
	L->msgs = msgs;
	for (size_t i = 0; i < nfound; i++) {
		if (have_thread(L, found[i].thread_id))
			continue;
		msgs[L->nmsgs] = found[i];
		talloc_steal(msgs, found[i].message_id);
		talloc_steal(msgs, found[i].thread_id);
		talloc_steal(msgs, found[i].paths);
		L->nmsgs++;
	}
	for (size_t i = 0; !whole && i < nfresh; i += THREADS_PER_QUERY) {
		char *q = talloc_strdup(local, "(");
		for (size_t k = i; q != NULL && k < nfresh && k < i + THREADS_PER_QUERY; k++)
			q = talloc_asprintf_append(q, "%sthread:%s", k > i ? " or " : "", fresh[k]);
		if (q != NULL)
			q = talloc_asprintf_append(q, ") and not (%s)", q1);
		if (q == NULL) {
			rc = nomem(L);
			goto done;
		}
		rc = pd_store_messages(&L->msgs, &L->nmsgs, L->store, L->scratch, q, L->err);
		talloc_free(q);
		if (rc != PD_OK)
			goto done;
	}

	char **all = talloc_realloc(L->scratch, L->threads, char *, L->nthreads + nfresh + 1);
	if (all == NULL) {
		rc = nomem(L);
		goto done;
	}
	for (size_t i = 0; i < nfresh; i++)
		all[L->nthreads++] = talloc_strdup(all, fresh[i]);
	L->threads = all;
	qsort(all, L->nthreads, sizeof(char *), cmp_str);
done:
	talloc_free(local);
	return rc;
}

/* What list does not print goes right after parsing: the text of replies
 * (their trailers are parsed already) and of patches (kept in pieces),
 * and the diff and what surrounds it. Covers and pull requests keep their
 * text: the model reads revision changelogs there. */
static void slim(struct pd_mail *m)
{
	bool reply = m->subject != NULL && m->subject->is_reply;
	if ((reply || m->patch != NULL) && m->text != NULL && *m->text != '\0') {
		talloc_free(m->text);
		m->text = talloc_strdup(m, "");
	}
	if (m->patch != NULL) {
		TALLOC_FREE(m->patch->notes);
		TALLOC_FREE(m->patch->diffstat);
		TALLOC_FREE(m->patch->signature);
	}
}

/* Reads path into L->buf; *len is its size. Returns 0 or an errno. */
static int read_file(struct loader *L, const char *path, size_t *len)
{
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : errno ? errno : EINVAL;
		close(fd);
		return e;
	}
	int e = 0;
	for (;;) {
		if (L->cap_buf < *len + 2 || L->cap_buf < (size_t)st.st_size + 2) {
			size_t cap = L->cap_buf ? L->cap_buf : 65536;
			while (cap < *len + 2 || cap < (size_t)st.st_size + 2)
				cap *= 2;
			char *b = talloc_realloc_size(L->scratch, L->buf, cap);
			if (b == NULL) {
				e = ENOMEM;
				break;
			}
			L->buf = b;
			L->cap_buf = cap;
		}
		ssize_t n = read(fd, L->buf + *len, L->cap_buf - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : 0;
			break;
		}
		*len += (size_t)n;
		if (*len + 1 >= L->cap_buf)
			st.st_size = (off_t)(*len * 2);
	}
	close(fd);
	if (e == 0)
		L->buf[*len] = '\0';
	return e;
}

/* Where the body starts (after the blank line ending the headers), or
 * len when there is none. */
static size_t body_start(const char *buf, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (buf[i + 1] == '\n')
			return i + 2;
		if (buf[i + 1] == '\r' && i + 2 < len && buf[i + 2] == '\n')
			return i + 3;
	}
	return len;
}

/* The raw header field name (with the colon), or NULL: field lines at
 * the start of a line, folded lines included in what follows. */
static const char *raw_header(const char *hdr, size_t len, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = hdr; p < hdr + len;) {
		if ((size_t)(hdr + len - p) > n && strncasecmp(p, name, n) == 0)
			return p + n;
		const char *nl = memchr(p, '\n', (size_t)(hdr + len - p));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return NULL;
}

static bool starts_ci(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - p) >= n && strncasecmp(p, word, n) == 0;
}

/* A plain reply that the list learns nothing from beyond its headers: a
 * `Re:` subject, one text part in 7bit or 8bit, and, outside quoted
 * lines, no trailer-like `Token:` line, no diff, no pull request. For
 * such a mail the message parser would find no patch, no trailers and no
 * repository, so its headers alone give the same struct; most replies on
 * a list are like this, and skipping their bodies halves the load time. */
static bool header_only(const char *buf, size_t blen, size_t body)
{
	const char *subj = raw_header(buf, body, "subject:");
	if (subj == NULL)
		return false;
	while (*subj == ' ' || *subj == '\t')
		subj++;
	if (strncasecmp(subj, "re:", 3) != 0 && strncasecmp(subj, "aw:", 3) != 0)
		return false;
	const char *ct = raw_header(buf, body, "content-type:");
	const char *cte = raw_header(buf, body, "content-transfer-encoding:");
	const char *hend = buf + body;
	if (ct != NULL) {
		while (ct < hend && (*ct == ' ' || *ct == '\t'))
			ct++;
		if (!starts_ci(ct, hend, "text/plain"))
			return false;
	}
	if (cte != NULL) {
		while (cte < hend && (*cte == ' ' || *cte == '\t'))
			cte++;
		if (!starts_ci(cte, hend, "7bit") && !starts_ci(cte, hend, "8bit"))
			return false;
	}
	const char *end = buf + blen;
	for (const char *p = buf + body; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl != NULL ? nl : end;
		const char *q = p;
		while (q < eol && (*q == ' ' || *q == '\t'))
			q++;
		if (q < eol && *q != '>') {
			if (starts_ci(q, eol, "diff") || starts_ci(q, eol, "---") ||
			    starts_ci(q, eol, "+++") || starts_ci(q, eol, "@@") ||
			    starts_ci(q, eol, "# HG"))
				return false;
			const char *t = q;
			while (t < eol && (isalnum((unsigned char)*t) || *t == '-'))
				t++;
			if (t > q && t < eol && *t == ':')
				return false;
			for (const char *k = q; k + 14 <= eol; k++)
				if ((*k == 'g' || *k == 'G') && starts_ci(k, eol, "git repository"))
					return false;
		}
		p = eol + 1;
	}
	return true;
}

/* Reads one message, trying each of its files in turn: a duplicate's
 * other copy stands in for a file gone missing. */
static int read_one(struct loader *L, struct pd_mail **out, const struct pd_store_msg *sm,
		    struct pd_err *e)
{
	*out = NULL;
	int err = ENOENT;
	for (size_t p = 0; p < sm->npaths; p++) {
		size_t len = 0;
		err = read_file(L, sm->paths[p], &len);
		if (err == ENOMEM)
			return PD_E_NOMEM;
		if (err != 0) {
			pd_err_set(e, PD_E_IO, "%s: %s", sm->paths[p], strerror(err));
			continue;
		}
		unsigned pf = 0;
		if (!L->full && !(L->flags & PD_LOAD_BODIES)) {
			size_t body = body_start(L->buf, len);
			if (header_only(L->buf, len, body))
				len = body;
			/* Nothing reads a loaded mail's problems. */
			pf = PD_PARSE_NO_CHECKS;
		}
		return pd_message_parse_flags(out, L->res, L->buf, len, pf, e);
	}
	if (sm->npaths == 0)
		pd_err_set(e, PD_E_IO, "<%s>: the index names no file", sm->message_id);
	return PD_E_IO;
}

/* Reads the messages found so far into the result. */
static int read_found(struct loader *L)
{
	struct pd_load *res = L->res;
	struct pd_err e;
	pd_err_init(&e, L->scratch);
	for (size_t i = 0; i < L->nmsgs; i++) {
		struct pd_store_msg *sm = &L->msgs[i];
		struct pd_mail *mail = NULL;
		int rc = read_one(L, &mail, sm, &e);
		if (rc == PD_E_NOMEM)
			return nomem(L);
		if (rc != PD_OK) {
			if (res->nunreadable++ == 0)
				res->unreadable = talloc_strdup(res, pd_err_msg(&e));
			continue;
		}
		if (mail->paths != NULL)
			talloc_free(mail->paths);
		mail->paths = talloc_steal(mail, sm->paths);
		mail->npaths = sm->npaths;
		mail->thread_id = talloc_steal(mail, sm->thread_id);
		if (!(L->flags & PD_LOAD_BODIES))
			slim(mail);
		if (res->nmails == L->cap_mails) {
			L->cap_mails = L->cap_mails ? 2 * L->cap_mails : 256;
			struct pd_mail **m = talloc_realloc(res, res->mails, struct pd_mail *,
							    L->cap_mails);
			if (m == NULL)
				return nomem(L);
			res->mails = m;
		}
		res->mails[res->nmails++] = mail;
	}
	talloc_free(L->msgs);
	L->msgs = NULL;
	L->nmsgs = 0;
	return PD_OK;
}

static int cmp_mail(const void *a, const void *b)
{
	const struct pd_mail *x = *(struct pd_mail *const *)a;
	const struct pd_mail *y = *(struct pd_mail *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->message_id ? x->message_id : "", y->message_id ? y->message_id : "");
}

static int build(struct loader *L)
{
	struct pd_load *res = L->res;
	/* An empty result has no array at all, and qsort's array must not be
	 * NULL even for zero elements. */
	if (res->nmails > 0)
		qsort(res->mails, res->nmails, sizeof(*res->mails), cmp_mail);
	if (pd_series_build(&res->model, res, (const struct pd_mail *const *)res->mails,
			    res->nmails) != PD_OK)
		return nomem(L);
	return PD_OK;
}

static int loader_init(struct loader *L, void *ctx, struct pd_store *store,
		       unsigned flags, struct pd_err *err)
{
	*L = (struct loader){
		.res = talloc_zero(ctx, struct pd_load),
		.scratch = talloc_new(NULL),
		.store = store,
		.flags = flags,
		.err = err,
		.full = getenv("PATCHDECK_FULL_PARSE") != NULL,
	};
	if (L->res == NULL || L->scratch == NULL) {
		talloc_free(L->res);
		talloc_free(L->scratch);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	return PD_OK;
}

int pd_load_query(struct pd_load **out, void *ctx, struct pd_store *store,
		  const char *query, unsigned flags, struct pd_err *err)
{
	*out = NULL;
	struct loader L;
	int rc = loader_init(&L, ctx, store, flags, err);
	if (rc != PD_OK)
		return rc;
	const char *q = (query == NULL || *query == '\0') ? PD_LOAD_PATCH_QUERY : query;
	rc = take_threads(&L, q, false);
	if (rc == PD_OK)
		rc = read_found(&L);
	if (rc == PD_OK)
		rc = build(&L);
	talloc_free(L.scratch);
	if (rc != PD_OK) {
		talloc_free(L.res);
		return rc;
	}
	*out = L.res;
	return PD_OK;
}

char *pd_load_bare_id(void *ctx, const char *id)
{
	if (strncmp(id, "id:", 3) == 0)
		id += 3;
	size_t len = strlen(id);
	if (len >= 2 && id[0] == '<' && id[len - 1] == '>') {
		id++;
		len -= 2;
	}
	return talloc_strndup(ctx, id, len);
}

/* Whether the sender of m sent a patch (or a cover or pull request): the
 * people whose other threads may hold the series' other revisions. */
static bool sent_patch(const struct pd_mail *m)
{
	if (m->patch != NULL)
		return true;
	return m->subject != NULL && !m->subject->is_reply &&
	       pd_subject_is_patch(m->subject);
}

int pd_load_series(struct pd_load **out, struct pd_revision **rev, void *ctx,
		   struct pd_store *store, const char *id, unsigned flags,
		   struct pd_err *err)
{
	*out = NULL;
	*rev = NULL;
	struct loader L;
	int rc = loader_init(&L, ctx, store, flags, err);
	if (rc != PD_OK)
		return rc;
	void *s = L.scratch;
	char *bare = pd_load_bare_id(s, id);
	char *qid = bare != NULL ? quoted(s, bare) : NULL;
	char *q = qid != NULL ? talloc_asprintf(s, "id:%s", qid) : NULL;
	struct pd_store_msg *hit = NULL;
	size_t nhit = 0;
	if (q == NULL) {
		rc = nomem(&L);
		goto done;
	}
	rc = pd_store_messages(&hit, &nhit, store, s, q, err);
	if (rc != PD_OK)
		goto done;
	if (nhit == 0 || *bare == '\0') {
		rc = pd_err_set(err, PD_E_NOT_FOUND,
				"no message <%s> in the notmuch database; 'patchdeck list' "
				"shows the series and their ids", bare);
		goto done;
	}

	/* Its thread first: who sent patches there says where the other
	 * revisions may be (a new thread, or unthreaded patches). */
	q = talloc_asprintf(s, "thread:%s", hit[0].thread_id);
	rc = q != NULL ? take_threads(&L, q, true) : nomem(&L);
	if (rc == PD_OK)
		rc = read_found(&L);
	if (rc != PD_OK)
		goto done;
	char *from = talloc_strdup(s, "");
	for (size_t i = 0; from != NULL && i < L.res->nmails; i++) {
		const struct pd_mail *m = L.res->mails[i];
		if (!sent_patch(m) || m->sender.email == NULL || *m->sender.email == '\0')
			continue;
		char *who = quoted(s, m->sender.email);
		if (who == NULL || strstr(from, who) != NULL)
			continue;
		from = talloc_asprintf_append(from, "%sfrom:%s", *from ? " or " : "", who);
	}
	if (from == NULL) {
		rc = nomem(&L);
		goto done;
	}
	if (*from != '\0') {
		q = talloc_asprintf(s, "(%s) and (%s)", PD_LOAD_PATCH_QUERY, from);
		rc = q != NULL ? take_threads(&L, q, false) : nomem(&L);
		if (rc == PD_OK)
			rc = read_found(&L);
		if (rc != PD_OK)
			goto done;
	}
	rc = build(&L);
	if (rc != PD_OK)
		goto done;
	*rev = pd_model_find(L.res->model, bare);
	if (*rev == NULL)
		rc = pd_err_set(err, PD_E_NOT_FOUND,
				"message <%s> is not part of a patch series; 'patchdeck list' "
				"shows the series and their ids", bare);
done:
	talloc_free(L.scratch);
	if (rc != PD_OK) {
		talloc_free(L.res);
		*rev = NULL;
		return rc;
	}
	*out = L.res;
	return PD_OK;
}
