#include "config.h"

#include "load_int.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

static int nomem(struct pd_err *err)
{
	return pd_err_set(err, PD_E_NOMEM, "out of memory");
}

/* Reads the cache file when the cache is on for this job: the threads
 * query found (the store unchanged since the file was written), or those
 * changed since (the store changed). A file that cannot serve is left
 * alone, and replaced once the walk is done. */
int pd_load_cache_open(struct pd_load_job *job, const char *q, struct pd_err *err)
{
	if (!pd_cache_enabled() || job->flags != 0 || getenv("PATCHDECK_FULL_PARSE") != NULL)
		return PD_OK;
	int rc = pd_store_revision(job->store, job, &job->uuid, &job->revision, err);
	if (rc != PD_OK)
		return rc;
	job->cache_path = pd_cache_path(job, pd_store_path(job->store));
	if (job->cache_path == NULL || *job->uuid == '\0')
		return PD_OK;
	job->caching = true;
	if (pd_cache_read(&job->cache, job, job->cache_path, job->uuid) != PD_OK)
		return nomem(err);
	if (job->cache == NULL)
		return PD_OK;
	unsigned long rev = pd_cache_revision(job->cache);
	if (rev == job->revision) {
		if (pd_cache_query(job->cache, job, q, &job->replay, &job->nreplay) &&
		    job->nreplay == 0)
			TALLOC_FREE(job->replay);
		return PD_OK;
	}
	void *tmp = talloc_new(NULL);
	char *lq = talloc_asprintf(tmp, "lastmod:%lu..%lu", rev + 1, job->revision);
	struct pd_store_msg *msgs = NULL;
	size_t n = 0;
	struct pd_err e;
	pd_err_init(&e, tmp);
	job->changed = pd_strmap_new(job, 64);
	if (rev > job->revision || lq == NULL || job->changed == NULL ||
	    pd_store_messages(&msgs, &n, job->store, tmp, lq, &e) != PD_OK)
		TALLOC_FREE(job->cache);  /* cannot tell what changed */
	for (size_t i = 0; job->cache != NULL && i < n; i++) {
		char *tid = talloc_strdup(job->changed, msgs[i].thread_id);
		if (tid == NULL || pd_strmap_add(job->changed, tid, strlen(tid), 0, NULL) < 0)
			TALLOC_FREE(job->cache);
	}
	talloc_free(tmp);
	return PD_OK;
}

/* Notes thread tid taken, for the cache's list of the query's threads. */
int pd_load_took(struct pd_load_job *job, char *tid)
{
	if (!job->caching)
		return PD_OK;
	if (job->norder == job->cap_order) {
		size_t cap = job->cap_order ? 2 * job->cap_order : 256;
		char **o = talloc_realloc(job, job->order, char *, cap);
		if (o == NULL)
			return PD_E_NOMEM;
		job->order = o;
		job->cap_order = cap;
	}
	job->order[job->norder++] = tid;
	return PD_OK;
}

static bool same_msg(const struct pd_store_msg *a, const struct pd_store_msg *b)
{
	if (strcmp(a->message_id, b->message_id) != 0 || a->npaths != b->npaths ||
	    a->unread != b->unread || a->date != b->date)
		return false;
	for (size_t i = 0; i < a->npaths; i++)
		if (strcmp(a->paths[i], b->paths[i]) != 0)
			return false;
	return true;
}

/* Fills b's tasks from the cache when it has the thread as the index has
 * it now: no message of it changed since, the same messages with the same
 * files and tags, in the same order. */
bool pd_load_from_cache(struct pd_load_job *job, void *slice, struct batch *b)
{
	size_t i, n = 0;
	struct pd_cache_msg *cm = NULL;
	if (job->cache == NULL || !pd_cache_find(job->cache, b->tid, &i) ||
	    (job->changed != NULL && pd_strmap_get(job->changed, b->tid, strlen(b->tid), NULL)) ||
	    pd_cache_thread(job->cache, i, slice, &cm, &n) != PD_OK)
		return false;
	bool same = n == b->n;
	for (size_t k = 0; same && k < n; k++)
		same = same_msg(&cm[k].sm, &b->msgs[k]);
	if (!same) {
		talloc_free(cm);
		return false;
	}
	for (size_t k = 0; k < n; k++)
		b->tasks[k] = (struct pd_read_task){ .sm = &b->msgs[k], .rc = PD_OK,
						     .mail = cm[k].mail };
	b->cached = true;
	return true;
}

/* Writes the record of a thread read from mail to the new cache file. */
void pd_load_record(struct pd_load_job *job, const struct batch *b)
{
	if (job->writer == NULL && !job->nowrite) {
		struct pd_err e;
		pd_err_init(&e, job);
		/* A cache that cannot be written is no failure: the next
		 * start reads mail. */
		job->nowrite = pd_cache_writer_new(&job->writer, job, job->cache_path, &e) != PD_OK;
		talloc_free(e.msg);
		job->rec.owner = job;
	}
	if (job->writer == NULL)
		return;
	struct pd_mail **mails = talloc_array(NULL, struct pd_mail *, b->n);
	bool ok = mails != NULL;
	for (size_t k = 0; ok && k < b->n; k++)
		ok = b->tasks[k].rc == PD_OK && (mails[k] = b->tasks[k].mail) != NULL;
	job->rec.len = 0;
	if (ok) {
		pd_cache_put_thread(&job->rec, b->msgs, mails, b->n);
		ok = !job->rec.failed;
	}
	talloc_free(mails);
	if (ok)
		pd_cache_writer_add(job->writer, b->tid, job->rec.data, job->rec.len);
	else
		job->incomplete = true;
	job->rec.failed = false;
}

/* The file being finished on a thread of its own. The thread owns what
 * is under the saver, a talloc context apart from the job's (the writer,
 * the old file, the changed threads, a copy of the query's thread list),
 * and frees it at the end; the job joins the thread and frees the saver.
 * With PATCHDECK_THREADS=0 (set when talloc's null tracking is on, which
 * is not thread-safe) it is written at once. (The saver is one block with
 * its fields: an empty talloc_new context's pointer is one past the end of
 * its block, which memcheck counts as no pointer at all, so a reader killed
 * by a signal while it was kept read as a definite leak.) */
struct saver {
	pthread_t thread;
	bool threaded;
	struct pd_cache_writer *w;
	struct pd_cache_update u;
};

static void *save_main(void *arg)
{
	struct saver *s = arg;
	struct pd_err e;
	pd_err_init(&e, s);
	(void)pd_cache_writer_finish(s->w, &s->u, &e);
	talloc_free_children(s);
	return NULL;
}

/* The n strings at v copied into one block under ctx. */
static char **pack(void *ctx, char *const *v, size_t n)
{
	size_t size = (n + 1) * sizeof(char *);
	for (size_t i = 0; i < n; i++)
		size += strlen(v[i]) + 1;
	char **c = talloc_size(ctx, size);
	if (c == NULL)
		return NULL;
	char *at = (char *)(c + n + 1);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(v[i]) + 1;
		c[i] = memcpy(at, v[i], len);
		at += len;
	}
	c[n] = NULL;
	return c;
}

/* Once the walk is done: the cache file over what was read. */
void pd_load_cache_save(struct pd_load_job *job)
{
	if (!job->caching || job->saver != NULL)
		return;
	if (job->writer == NULL && !job->nowrite) {
		/* Nothing read from mail (every thread the cache's): a new
		 * file all the same, for this revision and query. */
		struct pd_err e;
		pd_err_init(&e, job);
		job->nowrite = pd_cache_writer_new(&job->writer, job, job->cache_path, &e) != PD_OK;
		talloc_free(e.msg);
	}
	TALLOC_FREE(job->rec.data);
	job->rec = (struct pd_cbuf){ 0 };
	struct saver *s = talloc_zero(NULL, struct saver);
	bool current = job->cache != NULL && pd_cache_revision(job->cache) == job->revision;
	char **order = s != NULL ? pack(s, job->order, job->norder) : NULL;
	char *uuid = s != NULL ? talloc_strdup(s, job->uuid) : NULL;
	char *query = s != NULL && job->query != NULL ? talloc_strdup(s, job->query) : NULL;
	if (job->writer == NULL || order == NULL || uuid == NULL || query == NULL) {
		talloc_free(s);
		TALLOC_FREE(job->writer);
		TALLOC_FREE(job->cache);
		return;
	}
	s->w = talloc_steal(s, job->writer);
	s->u = (struct pd_cache_update){
		.uuid = uuid,
		.revision = job->revision,
		.old = talloc_steal(s, job->cache),
		.changed = current ? NULL : talloc_steal(s, job->changed),
		.query = job->incomplete ? NULL : query,
		.order = order,
		.norder = job->norder,
	};
	job->writer = NULL;
	job->cache = NULL;
	if (!current)
		job->changed = NULL;
	/* Signals are the main thread's (see pd_load_build). */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	const char *threads = getenv("PATCHDECK_THREADS");
	s->threaded = (threads == NULL || strcmp(threads, "0") != 0) &&
		      pthread_create(&s->thread, NULL, save_main, s) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!s->threaded)
		save_main(s);
	job->saver = s;
}

void pd_load_cache_wait(struct pd_load_job *job)
{
	struct saver *s = job->saver;
	if (s == NULL)
		return;
	if (s->threaded)
		pthread_join(s->thread, NULL);
	talloc_free(s);
	job->saver = NULL;
}

/* Reads the store unchanged since the cache was written: the query's
 * threads from the cache, in its order. A record that does not decode
 * hands the rest over to the walk (which skips the threads taken). */
int pd_load_replay_step(struct pd_load_job *job, unsigned budget_ms, bool *done,
		       struct pd_err *err)
{
	double start = pd_load_now_ms();
	int rc = PD_OK;
	while (rc == PD_OK && job->ireplay < job->nreplay) {
		size_t i = job->replay[job->ireplay++], len, n = 0;
		const char *t = pd_cache_tid(job->cache, i, &len);
		void *tmp = talloc_new(NULL);
		struct pd_cache_msg *cm = NULL;
		int drc = tmp != NULL ? pd_cache_thread(job->cache, i, tmp, &cm, &n) : PD_E_NOMEM;
		if (drc == PD_E_IO) {
			talloc_free(tmp);
			TALLOC_FREE(job->replay);
			TALLOC_FREE(job->cache);
			return pd_load_job_query(job, job->query, err);
		}
		char *tid = drc == PD_OK ? talloc_strndup(job->arena, t, len) : NULL;
		int added = tid != NULL ? pd_strmap_add(job->threads, tid, len, 0, NULL) : -1;
		if (added < 0 || (added == 0 && pd_load_took(job, tid) != PD_OK))
			rc = nomem(err);
		if (added == 0)
			job->nthreads++;
		for (size_t k = 0; rc == PD_OK && added == 0 && k < n; k++) {
			struct pd_read_task task = { .sm = &cm[k].sm, .rc = PD_OK,
						     .mail = cm[k].mail };
			rc = pd_load_adopt(job, &task, tid, err);
		}
		talloc_free(tmp);
		if (pd_load_now_ms() - start >= (double)budget_ms)
			break;
	}
	if (rc == PD_OK && job->ireplay == job->nreplay) {
		TALLOC_FREE(job->replay);
		TALLOC_FREE(job->cache);
		*done = true;
	}
	return rc;
}

