#include "config.h"

#include "load_read.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "cache_mail.h"
#include "load.h"
#include "message.h"

/* Beyond a few workers the index walk on the main thread is the limit. */
#define MAX_WORKERS 4

struct pd_reader {
	unsigned flags;
	bool full;                   /* PATCHDECK_FULL_PARSE: parse all, keep all */
	bool hint;                   /* PATCHDECK_READAHEAD unset or not 0 */
	unsigned nwanted;            /* workers to start; 0: read inline */
	pthread_t threads[MAX_WORKERS];
	unsigned nthreads;           /* started */
	pthread_mutex_t mu;
	pthread_cond_t work;         /* a task was queued, or quit */
	pthread_cond_t done;         /* a task was finished */
	struct pd_read_task **queue; /* submitted since the queue was last empty */
	size_t cap, nqueued, ntaken, nfinished;
	size_t nhinted;              /* tasks whose file was announced to the kernel */
	bool quit;
	char *buf;                   /* the inline reader's file buffer */
	size_t cap_buf;
};

/* ---------------------------------------------------------------- reading */

/* The lines of a diff the series model reads in a list: the file lines
 * and the changed lines, which it hashes to know a patch resent under
 * another subject. The context lines and hunk headers go (a third of a
 * list's diffs). The first line stays whatever it is, so that a diff is
 * never emptied. PATCHDECK_FULL_PARSE keeps diffs whole, and the tests
 * compare both lists. */
static void keep_changed_lines(struct pd_body *b)
{
	char *w = b->diff, *p = b->diff;
	for (bool first = true; *p != '\0'; first = false) {
		char *eol = strchrnul(p, '\n');
		size_t len = (size_t)(eol - p) + (*eol == '\n');
		if (first || *p == '+' || *p == '-' || strncmp(p, "diff ", 5) == 0) {
			memmove(w, p, len);
			w += len;
		}
		p += len;
	}
	*w = '\0';
	/* A copy rather than a realloc: shrinking in place leaves holes
	 * between the mails that are kept. */
	char *copy = talloc_strndup(b, b->diff, (size_t)(w - b->diff));
	if (copy != NULL) {
		talloc_free(b->diff);
		b->diff = copy;
	}
}

/* The References of m in one block: a list holds tens of thousands of
 * them, and each talloc block costs about a hundred bytes. */
static void pack_references(struct pd_mail *m)
{
	if (m->references == NULL || m->nreferences == 0)
		return;
	size_t size = m->nreferences * sizeof(char *);
	for (size_t i = 0; i < m->nreferences; i++)
		size += strlen(m->references[i]) + 1;
	char **refs = talloc_size(m, size);
	if (refs == NULL)
		return;
	talloc_set_name_const(refs, "char *");
	char *at = (char *)(refs + m->nreferences);
	for (size_t i = 0; i < m->nreferences; i++) {
		size_t n = strlen(m->references[i]) + 1;
		refs[i] = memcpy(at, m->references[i], n);
		at += n;
		/* Only the array points to them (the parser makes each
		 * string on its own). */
		if (m->references[i] != m->in_reply_to && m->references[i] != m->message_id)
			talloc_free(m->references[i]);
	}
	talloc_free(m->references);
	m->references = refs;
}

/* What list does not print goes right after parsing: the text of replies
 * (their trailers are parsed already) and of patches (kept in pieces),
 * and the diffstat and signature around the diff. Covers and pull
 * requests keep their text, and patches their notes: the model reads
 * revision changelogs there. */
static void slim(struct pd_mail *m)
{
	bool reply = m->subject != NULL && m->subject->is_reply;
	if ((reply || m->patch != NULL) && m->text != NULL && *m->text != '\0') {
		talloc_free(m->text);
		m->text = talloc_strdup(m, "");
	}
	if (m->patch != NULL) {
		TALLOC_FREE(m->patch->diffstat);
		TALLOC_FREE(m->patch->signature);
		if (m->patch->diff != NULL)
			keep_changed_lines(m->patch);
	}
	pack_references(m);
}

/* Reads path into *buf (a talloc root, grown as needed, capacity *cap);
 * *len is its size. Returns 0 or an errno. */
static int read_file(char **buf, size_t *cap, const char *path, size_t *len)
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
		if (*cap < *len + 2 || *cap < (size_t)st.st_size + 2) {
			size_t c = *cap ? *cap : 65536;
			while (c < *len + 2 || c < (size_t)st.st_size + 2)
				c *= 2;
			char *b = talloc_realloc_size(NULL, *buf, c);
			if (b == NULL) {
				e = ENOMEM;
				break;
			}
			*buf = b;
			*cap = c;
		}
		ssize_t n = read(fd, *buf + *len, *cap - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : 0;
			break;
		}
		*len += (size_t)n;
		if (*len + 1 >= *cap)
			st.st_size = (off_t)(*len * 2);
	}
	close(fd);
	if (e == 0)
		(*buf)[*len] = '\0';
	return e;
}

/* Where the body starts (after the blank line ending the headers), or
 * len when there is none. */
static size_t body_start(const char *buf, size_t len)
{
	for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + len - p))) != NULL; p++) {
		size_t i = (size_t)(p - buf);
		if (i + 1 >= len)
			break;
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

/* Whether the line [q, eol) names a git repository (a pull request's
 * "are available in the Git repository at:"). */
static bool names_repository(const char *q, const char *eol)
{
	for (const char *k = q; k + 14 <= eol; k++)
		if ((*k == 'g' || *k == 'G') && starts_ci(k, eol, "git repository"))
			return true;
	return false;
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
			if (names_repository(q, eol))
				return false;
		}
		p = eol + 1;
	}
	return true;
}

/* Reads one message, trying each of its files in turn: a duplicate's
 * other copy stands in for a file gone missing. */
static void read_task(const struct pd_reader *r, char **buf, size_t *cap, struct pd_read_task *t)
{
	const struct pd_store_msg *sm = t->sm;
	struct pd_err e;
	pd_err_init(&e, NULL);
	t->rc = PD_E_IO;
	t->mail = NULL;
	t->why = NULL;
	for (size_t p = 0; p < sm->npaths; p++) {
		size_t len = 0;
		int err = read_file(buf, cap, sm->paths[p], &len);
		if (err == ENOMEM) {
			t->rc = PD_E_NOMEM;
			break;
		}
		if (err != 0) {
			talloc_free(t->why);
			t->why = talloc_asprintf(NULL, "%s: %s", sm->paths[p], strerror(err));
			continue;
		}
		unsigned pf = 0;
		if (!r->full && !(r->flags & PD_LOAD_BODIES)) {
			size_t body = body_start(*buf, len);
			if (header_only(*buf, len, body))
				len = body;
			/* Nothing reads a loaded mail's problems. */
			pf = PD_PARSE_NO_CHECKS;
		}
		t->rc = pd_message_parse_flags(&t->mail, NULL, *buf, len, pf, &e);
		if (t->rc == PD_OK && !r->full && !(r->flags & PD_LOAD_BODIES)) {
			slim(t->mail);
			/* A whole store's mails are held at once: each in the
			 * one block the series cache would give (a third of
			 * the parser's many small ones). */
			struct pd_mail *c = pd_cache_compact(t->mail);
			if (c != NULL) {
				talloc_free(t->mail);
				t->mail = c;
			}
		}
		break;
	}
	if (t->rc == PD_E_IO && sm->npaths == 0)
		t->why = talloc_asprintf(NULL, "<%s>: the index names no file", sm->message_id);
	if (t->rc == PD_E_IO && t->why == NULL)
		t->rc = PD_E_NOMEM;
	if (t->rc != PD_E_IO)
		TALLOC_FREE(t->why);
	if (e.msg != NULL)
		talloc_free(e.msg);
}

/* ---------------------------------------------------------------- workers */

/* How many queued files ahead of the workers the kernel is asked to
 * read: with the store out of the page cache, the workers would otherwise
 * wait for the disk one small file at a time each. */
enum { HINT_AHEAD = 32 };

/* Called with r->mu held, which it drops while it asks. */
static void hint_ahead(struct pd_reader *r)
{
	const char *paths[HINT_AHEAD];
	size_t n = 0;
	size_t end = r->ntaken + HINT_AHEAD < r->nqueued ? r->ntaken + HINT_AHEAD : r->nqueued;
	if (r->nhinted < r->ntaken)
		r->nhinted = r->ntaken;
	for (; r->nhinted < end; r->nhinted++) {
		const struct pd_store_msg *sm = r->queue[r->nhinted]->sm;
		if (sm->npaths > 0)
			paths[n++] = sm->paths[0];
	}
	if (n == 0)
		return;
	pthread_mutex_unlock(&r->mu);
	for (size_t i = 0; i < n; i++) {
		int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
			close(fd);
		}
	}
	pthread_mutex_lock(&r->mu);
}

static void *worker(void *arg)
{
	struct pd_reader *r = arg;
	char *buf = NULL;
	size_t cap = 0;
	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (!r->quit && r->ntaken == r->nqueued)
			pthread_cond_wait(&r->work, &r->mu);
		if (r->quit)
			break;
		struct pd_read_task *t = r->queue[r->ntaken++];
		if (r->hint)
			hint_ahead(r);
		pthread_mutex_unlock(&r->mu);
		read_task(r, &buf, &cap, t);
		pthread_mutex_lock(&r->mu);
		r->nfinished++;
		pthread_cond_broadcast(&r->done);
	}
	pthread_mutex_unlock(&r->mu);
	talloc_free(buf);
	return NULL;
}

static int reader_destroy(struct pd_reader *r)
{
	if (r->nthreads > 0) {
		pthread_mutex_lock(&r->mu);
		r->quit = true;
		pthread_cond_broadcast(&r->work);
		pthread_mutex_unlock(&r->mu);
		for (unsigned i = 0; i < r->nthreads; i++)
			pthread_join(r->threads[i], NULL);
	}
	pthread_cond_destroy(&r->work);
	pthread_cond_destroy(&r->done);
	pthread_mutex_destroy(&r->mu);
	talloc_free(r->buf);
	free(r->queue);
	return 0;
}

/* Workers: one per CPU, PATCHDECK_THREADS if set (0: none). */
static unsigned workers_wanted(void)
{
	const char *env = getenv("PATCHDECK_THREADS");
	long n = env != NULL && *env != '\0' ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	if (env == NULL && n < 2)
		n = 0;  /* one CPU: a worker would only add hand-overs */
	return n < 0 ? 0 : n > MAX_WORKERS ? MAX_WORKERS : (unsigned)n;
}

int pd_reader_new(struct pd_reader **out, void *ctx, unsigned flags, struct pd_err *err)
{
	*out = NULL;
	struct pd_reader *r = talloc_zero(ctx, struct pd_reader);
	if (r == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	r->flags = flags;
	r->full = getenv("PATCHDECK_FULL_PARSE") != NULL;
	const char *ra = getenv("PATCHDECK_READAHEAD");
	r->hint = ra == NULL || strcmp(ra, "0") != 0;
	r->nwanted = workers_wanted();
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->work, NULL);
	pthread_cond_init(&r->done, NULL);
	talloc_set_destructor(r, reader_destroy);
	*out = r;
	return PD_OK;
}

/* Starts the workers with every signal blocked: signals are the main
 * thread's (the reader's resize, suspend and terminate handlers). */
static void start_workers(struct pd_reader *r)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	while (r->nthreads < r->nwanted &&
	       pthread_create(&r->threads[r->nthreads], NULL, worker, r) == 0)
		r->nthreads++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	/* None could start: read inline. */
	r->nwanted = r->nthreads;
}

int pd_reader_submit(struct pd_reader *r, struct pd_read_task *task, struct pd_err *err)
{
	if (r->nthreads < r->nwanted)
		start_workers(r);
	if (r->nthreads == 0) {
		read_task(r, &r->buf, &r->cap_buf, task);
		return PD_OK;
	}
	pthread_mutex_lock(&r->mu);
	/* An empty queue starts over, so it grows only with a slice's
	 * backlog. */
	if (r->nfinished == r->nqueued)
		r->nqueued = r->ntaken = r->nfinished = r->nhinted = 0;
	if (r->nqueued == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 256;
		struct pd_read_task **q = realloc(r->queue, cap * sizeof(*q));
		if (q == NULL) {
			pthread_mutex_unlock(&r->mu);
			return pd_err_set(err, PD_E_NOMEM, "out of memory");
		}
		r->queue = q;
		r->cap = cap;
	}
	r->queue[r->nqueued++] = task;
	pthread_cond_signal(&r->work);
	pthread_mutex_unlock(&r->mu);
	return PD_OK;
}

void pd_reader_wait(struct pd_reader *r, size_t left)
{
	if (r->nthreads == 0)
		return;
	pthread_mutex_lock(&r->mu);
	while (r->nqueued - r->nfinished > left)
		pthread_cond_wait(&r->done, &r->mu);
	pthread_mutex_unlock(&r->mu);
}

size_t pd_reader_pending(struct pd_reader *r)
{
	if (r->nthreads == 0)
		return 0;
	pthread_mutex_lock(&r->mu);
	size_t n = r->nqueued - r->nfinished;
	pthread_mutex_unlock(&r->mu);
	return n;
}
