#include "config.h"

#include "load_int.h"

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

/* Keeps the record of a thread read from mail, for the cache file. */
void pd_load_record(struct pd_load_job *job, const struct batch *b)
{
	struct pd_mail **mails = talloc_array(NULL, struct pd_mail *, b->n);
	bool ok = mails != NULL;
	for (size_t k = 0; ok && k < b->n; k++)
		ok = b->tasks[k].rc == PD_OK && (mails[k] = b->tasks[k].mail) != NULL;
	if (ok && job->nrecs == job->cap_recs) {
		size_t cap = job->cap_recs ? 2 * job->cap_recs : 256;
		struct pd_cache_rec *r = talloc_realloc(job, job->recs, struct pd_cache_rec, cap);
		ok = r != NULL;
		if (ok) {
			job->recs = r;
			job->cap_recs = cap;
		}
	}
	struct pd_cbuf cb = { .owner = job->recs };
	if (ok) {
		pd_cache_put_thread(&cb, b->msgs, mails, b->n);
		ok = !cb.failed;
	}
	/* The buffer grew by doubling: a copy of its size. */
	unsigned char *data = ok ? talloc_memdup(job->recs, cb.data, cb.len) : NULL;
	talloc_free(cb.data);
	talloc_free(mails);
	if (data == NULL) {
		job->incomplete = true;
		return;
	}
	job->recs[job->nrecs++] = (struct pd_cache_rec){ .tid = b->tid, .data = data,
							 .len = cb.len };
}

/* Once the walk is done: the cache file over what was read. A cache
 * that cannot be written is no failure: the next start reads mail. */
void pd_load_cache_save(struct pd_load_job *job)
{
	if (!job->caching)
		return;
	struct pd_err e;
	pd_err_init(&e, job);
	bool current = job->cache != NULL && pd_cache_revision(job->cache) == job->revision;
	struct pd_cache_update u = {
		.path = job->cache_path,
		.uuid = job->uuid,
		.revision = job->revision,
		.old = job->cache,
		.changed = current ? NULL : job->changed,
		.recs = job->recs,
		.nrecs = job->nrecs,
		.query = job->incomplete ? NULL : job->query,
		.order = job->order,
		.norder = job->norder,
	};
	(void)pd_cache_write(&u, &e);
	talloc_free(e.msg);
	/* Neither is needed again: the job is done. */
	TALLOC_FREE(job->recs);
	job->nrecs = job->cap_recs = 0;
	TALLOC_FREE(job->cache);
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

