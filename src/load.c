#include "config.h"

#include "load.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "load_int.h"
#include "load_read.h"
#include "strmap.h"

/* Messages queued ahead of the workers: enough to keep them busy while
 * the index is walked, few enough that a slice ends soon after its time
 * is up. */
#define BACKLOG 64
/* A slice of a load read in one go (read_all). */
#define READ_ALL_SLICE_MS 250

static int job_destroy(struct pd_load_job *job);
static int pick(struct pd_load **out, struct pd_revision **rev, const char *bare,
		struct pd_err *err);

static int nomem(struct pd_err *err)
{
	return pd_err_set(err, PD_E_NOMEM, "out of memory");
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

int pd_load_job_query(struct pd_load_job *job, const char *q, struct pd_err *err)
{
	TALLOC_FREE(job->walk);
	if (job->caching && (job->query = talloc_strdup(job, q)) == NULL)
		return nomem(err);
	int rc = pd_store_walk_begin(&job->walk, job->store, job, q, err);
	if (rc == PD_OK && job->reader == NULL)
		rc = pd_reader_new(&job->reader, job, job->flags, err);
	return rc;
}

static int begin(struct pd_load_job **out, void *ctx, struct pd_store *store,
		 const char *query, unsigned flags, bool cache, struct pd_err *err)
{
	*out = NULL;
	struct pd_load_job *job = talloc_zero(ctx, struct pd_load_job);
	if (job == NULL)
		return nomem(err);
	job->store = store;
	job->flags = flags;
	job->arena = talloc_new(job);
	job->ids = pd_strmap_new(job, 1024);
	job->threads = pd_strmap_new(job, 256);
	if (job->arena == NULL || job->ids == NULL || job->threads == NULL) {
		talloc_free(job);
		return nomem(err);
	}
	talloc_set_destructor(job, job_destroy);
	const char *q = (query == NULL || *query == '\0') ? PD_LOAD_PATCH_QUERY : query;
	int rc = PD_OK;
	if (cache && (job->query = talloc_strdup(job, q)) == NULL)
		rc = nomem(err);
	if (rc == PD_OK && cache)
		rc = pd_load_cache_open(job, q, err);
	if (rc == PD_OK && job->replay == NULL)
		rc = pd_load_job_query(job, q, err);
	if (rc != PD_OK) {
		talloc_free(job);
		return rc;
	}
	*out = job;
	return PD_OK;
}

int pd_load_begin(struct pd_load_job **out, void *ctx, struct pd_store *store,
		  const char *query, unsigned flags, struct pd_err *err)
{
	return begin(out, ctx, store, query, flags, true, err);
}

/* Adds the files of dup to those of into, which no result has seen yet. */
static int merge_paths(struct pd_mail *into, const struct pd_mail *dup)
{
	char **paths = talloc_array(into, char *, into->npaths + dup->npaths);
	if (paths == NULL)
		return PD_E_NOMEM;
	size_t n = 0;
	for (size_t i = 0; i < into->npaths; i++)
		paths[n++] = into->paths[i];
	for (size_t i = 0; i < dup->npaths; i++) {
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(paths[k], dup->paths[i]) == 0;
		if (!seen && (paths[n++] = talloc_strdup(paths, dup->paths[i])) == NULL)
			return PD_E_NOMEM;
	}
	into->paths = paths;
	into->npaths = n;
	into->unread |= dup->unread;
	return PD_OK;
}

/* A second mail with a Message-ID already read: notmuch indexed two files
 * under two ids (it takes the first of two Message-ID fields, GMime the
 * last) that parse to one. The model sees the message once, with every
 * file; the mail kept is the one notmuch files under that id, else the
 * first read. ids maps a Message-ID to 2 * index + (whether notmuch's id
 * is the same). */
static int merge_dup(struct pd_load_job *job, struct pd_mail *mail, bool own, size_t old)
{
	/* A mail once read never changes: a result still shown, or a model
	 * being built on another thread, may be reading it. It is replaced
	 * by a new one and stays allocated. */
	struct pd_mail *had = job->mails[old / 2];
	if (own && !(old & 1)) {
		int rc = merge_paths(mail, had);
		if (rc == PD_OK)
			rc = pd_strmap_set(job->ids, had->message_id, strlen(had->message_id),
					   old | 1);
		if (rc == PD_OK)
			job->mails[old / 2] = mail;
		else
			talloc_free(mail);
		return rc;
	}
	struct pd_mail *copy = talloc(job->arena, struct pd_mail);
	int rc = copy != NULL ? PD_OK : PD_E_NOMEM;
	if (rc == PD_OK) {
		*copy = *had;
		rc = merge_paths(copy, mail);
	}
	if (rc == PD_OK)
		job->mails[old / 2] = copy;
	else
		talloc_free(copy);
	talloc_free(mail);
	return rc;
}

/* The files of sm in one block under ctx: a list holds ten thousands of
 * mails, and each talloc block costs about a hundred bytes. */
static char **pack_paths(void *ctx, const struct pd_store_msg *sm)
{
	size_t size = sm->npaths * sizeof(char *);
	for (size_t i = 0; i < sm->npaths; i++)
		size += strlen(sm->paths[i]) + 1;
	char **paths = talloc_size(ctx, size > 0 ? size : 1);
	if (paths == NULL)
		return NULL;
	talloc_set_name_const(paths, "char *");
	char *at = (char *)(paths + sm->npaths);
	for (size_t i = 0; i < sm->npaths; i++) {
		size_t n = strlen(sm->paths[i]) + 1;
		paths[i] = memcpy(at, sm->paths[i], n);
		at += n;
	}
	return paths;
}

int pd_load_adopt(struct pd_load_job *job, struct pd_read_task *t, char *tid, struct pd_err *err)
{
	const struct pd_store_msg *sm = t->sm;
	if (t->rc == PD_E_IO) {
		if (job->nunreadable++ == 0)
			job->unreadable = talloc_steal(job, t->why);
		else
			talloc_free(t->why);
		return PD_OK;
	}
	if (t->rc != PD_OK)
		return nomem(err);
	struct pd_mail *mail = talloc_steal(job->arena, t->mail);
	if (mail->paths != NULL)
		talloc_free(mail->paths);
	mail->paths = pack_paths(mail, sm);
	mail->npaths = sm->npaths;
	mail->thread_id = tid;
	mail->unread = sm->unread;
	if (mail->paths == NULL) {
		talloc_free(mail);
		return nomem(err);
	}
	size_t old = 0;
	bool own = mail->message_id != NULL && strcmp(mail->message_id, sm->message_id) == 0;
	int added = mail->message_id == NULL ? 0
		: pd_strmap_add(job->ids, mail->message_id, strlen(mail->message_id),
				2 * job->nmails + own, &old);
	if (added == 1)
		return merge_dup(job, mail, own, old) == PD_OK ? PD_OK : nomem(err);
	if (added != 0 || job->nmails == job->cap_mails) {
		size_t cap = job->cap_mails ? 2 * job->cap_mails : 256;
		struct pd_mail **m = added == 0 ? talloc_realloc(job, job->mails, struct pd_mail *, cap)
						: NULL;
		if (m == NULL) {
			talloc_free(mail);
			return nomem(err);
		}
		job->mails = m;
		job->cap_mails = cap;
	}
	job->mails[job->nmails++] = mail;
	return PD_OK;
}

double pd_load_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Takes the next thread of the walk into a new batch under slice; *end
 * when none is left. A thread read before (another query found it) is
 * skipped. */
static int take_thread(struct pd_load_job *job, void *slice, struct batch *b, bool *end,
		       struct pd_err *err)
{
	*b = (struct batch){ 0 };
	for (;;) {
		int rc = pd_store_walk_next(job->walk, &b->msgs, &b->n, slice, end, err);
		if (rc != PD_OK || *end)
			return rc;
		if (b->n == 0)
			continue;
		const char *tid = b->msgs[0].thread_id;
		if (pd_strmap_get(job->threads, tid, strlen(tid), NULL)) {
			TALLOC_FREE(b->msgs);
			b->n = 0;
			continue;
		}
		b->tid = talloc_strdup(job->arena, tid);
		if (b->tid == NULL || pd_strmap_add(job->threads, b->tid, strlen(b->tid), 0, NULL) < 0)
			return nomem(err);
		job->nthreads++;
		b->tasks = talloc_zero_array(slice, struct pd_read_task, b->n);
		if (b->tasks == NULL || pd_load_took(job, b->tid) != PD_OK)
			return nomem(err);
		return PD_OK;
	}
}

int pd_load_step(struct pd_load_job *job, unsigned budget_ms, bool *done,
		 struct pd_err *err)
{
	*done = job->walk == NULL && job->replay == NULL;
	if (*done)
		return PD_OK;
	if (job->replay != NULL) {
		int rrc = pd_load_replay_step(job, budget_ms, done, err);
		if (rrc != PD_OK || job->replay != NULL || *done)
			return rrc;
		/* A bad record: the walk reads the rest. */
	}
	void *slice = talloc_new(job);
	struct batch *batches = NULL;
	size_t nbatches = 0, cap = 0;
	double start = pd_load_now_ms();
	int rc = slice != NULL ? PD_OK : nomem(err);
	bool end = false;
	while (rc == PD_OK) {
		if (nbatches == cap) {
			cap = cap ? 2 * cap : 16;
			struct batch *grown = talloc_realloc(slice, batches, struct batch, cap);
			if (grown == NULL) {
				rc = nomem(err);
				break;
			}
			batches = grown;
		}
		struct batch *b = &batches[nbatches];
		rc = take_thread(job, slice, b, &end, err);
		if (rc != PD_OK || end)
			break;
		nbatches++;
		bool cached = pd_load_from_cache(job, slice, b);
		for (size_t i = 0; rc == PD_OK && !cached && i < b->n; i++) {
			b->tasks[i].sm = &b->msgs[i];
			b->tasks[i].rc = PD_E_NOMEM;
			rc = pd_reader_submit(job->reader, &b->tasks[i], err);
			if (rc != PD_OK)
				b->n = i;
		}
		if (pd_reader_pending(job->reader) > BACKLOG)
			pd_reader_wait(job->reader, BACKLOG / 2);
		if (pd_load_now_ms() - start >= (double)budget_ms)
			break;
	}
	/* Every task submitted must be finished before its batch goes. */
	if (job->reader != NULL)
		pd_reader_wait(job->reader, 0);
	for (size_t i = 0; i < nbatches; i++) {
		if (rc == PD_OK && job->caching && !batches[i].cached)
			pd_load_record(job, &batches[i]);
		for (size_t k = 0; k < batches[i].n; k++) {
			struct pd_read_task *t = &batches[i].tasks[k];
			if (rc == PD_OK) {
				rc = pd_load_adopt(job, t, batches[i].tid, err);
			} else {
				talloc_free(t->mail);
				talloc_free(t->why);
			}
		}
	}
	talloc_free(slice);
	if (rc == PD_OK && end) {
		TALLOC_FREE(job->walk);
		pd_load_cache_save(job);
		/* Idle workers would wait as long as the result lives. */
		TALLOC_FREE(job->reader);
		*done = true;
	}
	return rc;
}

static int cmp_mail(const void *a, const void *b)
{
	const struct pd_mail *x = *(struct pd_mail *const *)a;
	const struct pd_mail *y = *(struct pd_mail *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->message_id ? x->message_id : "", y->message_id ? y->message_id : "");
}

/* A result over the mails read so far, under ctx, its model not built. */
static struct pd_load *snapshot(struct pd_load_job *job, void *ctx)
{
	struct pd_load *res = talloc_zero(ctx, struct pd_load);
	if (res == NULL)
		return NULL;
	res->nmails = job->nmails;
	res->nunreadable = job->nunreadable;
	/* An empty result has no array at all, and qsort's array must not be
	 * NULL even for zero elements. */
	if ((job->nmails > 0 &&
	     (res->mails = talloc_memdup(res, job->mails, job->nmails * sizeof(*job->mails))) == NULL) ||
	    (job->unreadable != NULL &&
	     (res->unreadable = talloc_strdup(res, job->unreadable)) == NULL)) {
		talloc_free(res);
		return NULL;
	}
	return res;
}

/* Sorts the snapshot's mails and builds its model. Reads the mails, and
 * touches nothing else outside res: it may run on a thread of its own. */
static int build_model(struct pd_load *res)
{
	if (res->nmails > 0)
		qsort(res->mails, res->nmails, sizeof(*res->mails), cmp_mail);
	return pd_series_build(&res->model, res, (const struct pd_mail *const *)res->mails,
			       res->nmails);
}

int pd_load_result(struct pd_load_job *job, struct pd_load **out, struct pd_err *err)
{
	*out = NULL;
	struct pd_load *res = snapshot(job, job);
	if (res == NULL || build_model(res) != PD_OK) {
		talloc_free(res);
		return nomem(err);
	}
	*out = res;
	return PD_OK;
}

/* A model built on a thread of its own. The thread owns res (a talloc
 * root) until finished is set; then the job takes it. A job freed while
 * the thread runs hands it its mails (orphan) instead of waiting, and the
 * thread frees them, res and the build when it ends. */
struct build {
	pthread_t thread;
	bool threaded;               /* else built at once, no thread to join */
	pthread_mutex_t mu;
	bool finished;
	bool orphaned;
	int nice;                    /* BUILD_NICE while reading goes on */
	int rc;
	struct pd_load *res;
	void *orphan;                /* the job's arena, once the job is gone */
};

static void build_free(struct build *b)
{
	talloc_free(b->res);
	talloc_free(b->orphan);
	pthread_mutex_destroy(&b->mu);
	free(b);
}

/* How much lower than the reading a build runs (a nice value): the
 * reader's main thread waits for the reading between keys, never for a
 * build, so on a busy machine the build is what yields. The last build,
 * once everything is read, is what the user waits for: it does not. */
#define BUILD_NICE 10

static void *build_main(void *arg)
{
	struct build *b = arg;
#ifdef __linux__
	/* Linux gives each thread a nice value of its own. */
	if (b->nice != 0)
		(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), b->nice);
#endif
	int rc = build_model(b->res);
	pthread_mutex_lock(&b->mu);
	b->rc = rc;
	b->finished = true;
	bool orphaned = b->orphaned;
	pthread_mutex_unlock(&b->mu);
	if (orphaned)
		build_free(b);
	return NULL;
}

static int job_destroy(struct pd_load_job *job)
{
	/* The cache file is worth the wait: the next start reads no mail. */
	pd_load_cache_wait(job);
	struct build *b = job->build;
	if (b == NULL)
		return 0;
	pthread_mutex_lock(&b->mu);
	bool running = !b->finished;
	pthread_t thread = b->thread;
	if (running) {
		/* The job's other children go now; the mails stay for the
		 * thread, which frees them (b may be gone once unlocked). */
		b->orphan = talloc_steal(NULL, job->arena);
		b->orphaned = true;
	}
	pthread_mutex_unlock(&b->mu);
	if (running) {
		pthread_detach(thread);
		return 0;
	}
	if (b->threaded)
		pthread_join(thread, NULL);
	build_free(b);
	return 0;
}

int pd_load_build(struct pd_load_job *job, struct pd_err *err)
{
	if (job->build != NULL)
		return pd_err_set(err, PD_E_INTERNAL, "a model is being built already");
	struct build *b = calloc(1, sizeof(*b));
	if (b == NULL)
		return nomem(err);
	if ((b->res = snapshot(job, NULL)) == NULL) {
		free(b);
		return nomem(err);
	}
	b->nice = job->walk != NULL || job->replay != NULL ? BUILD_NICE : 0;
	pthread_mutex_init(&b->mu, NULL);
	/* Signals are the main thread's (the reader's resize, suspend and
	 * terminate handlers): the thread starts with all of them blocked. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	b->threaded = pthread_create(&b->thread, NULL, build_main, b) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!b->threaded) {
		/* No thread to spare: built here, as pd_load_result would. */
		b->rc = build_model(b->res);
		b->finished = true;
	}
	job->build = b;
	return PD_OK;
}

int pd_load_built(struct pd_load_job *job, struct pd_load **out, struct pd_err *err)
{
	*out = NULL;
	struct build *b = job->build;
	if (b == NULL)
		return PD_OK;
	pthread_mutex_lock(&b->mu);
	bool finished = b->finished;
	pthread_mutex_unlock(&b->mu);
	if (!finished)
		return PD_OK;
	if (b->threaded)
		pthread_join(b->thread, NULL);
	job->build = NULL;
	int rc = b->rc;
	if (rc == PD_OK)
		*out = talloc_steal(job, b->res);
	else
		talloc_free(b->res);
	b->res = NULL;
	build_free(b);
	return rc == PD_OK ? PD_OK : nomem(err);
}

bool pd_load_building(const struct pd_load_job *job)
{
	return job->build != NULL;
}

void pd_load_progress(const struct pd_load_job *job, size_t *messages,
		      size_t *threads_read, size_t *threads_found)
{
	*messages = job->nmails;
	*threads_read = job->nthreads;
	*threads_found = job->nthreads + (job->replay != NULL ? job->nreplay - job->ireplay
				       : job->walk != NULL ? 1 : 0);
}

/* Reads every thread left to read, a slice at a time: what the index
 * said of each message is freed after its slice, not held to the end
 * (a tenth of the peak on a large store). */
static int read_all(struct pd_load_job *job, struct pd_err *err)
{
	bool done = false;
	int rc = PD_OK;
	while (rc == PD_OK && !done)
		rc = pd_load_step(job, READ_ALL_SLICE_MS, &done, err);
	return rc;
}

/* The result, allocated under ctx and owning the job. */
static int final_result(struct pd_load **out, void *ctx, struct pd_load_job *job,
			struct pd_err *err)
{
	int rc = pd_load_result(job, out, err);
	if (rc != PD_OK)
		return rc;
	talloc_steal(ctx, *out);
	talloc_steal(*out, job);
	return PD_OK;
}

int pd_load_query(struct pd_load **out, void *ctx, struct pd_store *store,
		  const char *query, unsigned flags, struct pd_err *err)
{
	*out = NULL;
	struct pd_load_job *job = NULL;
	int rc = pd_load_begin(&job, ctx, store, query, flags, err);
	if (rc == PD_OK)
		rc = read_all(job, err);
	if (rc == PD_OK)
		rc = final_result(out, ctx, job, err);
	if (rc != PD_OK)
		talloc_free(job);
	else
		/* Written while the model was built; whole before the caller
		 * goes on (a command may end without freeing its result). */
		pd_load_cache_wait(job);
	return rc;
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
	void *s = talloc_new(NULL);
	char *bare = s != NULL ? pd_load_bare_id(s, id) : NULL;
	char *qid = bare != NULL ? quoted(s, bare) : NULL;
	char *q = qid != NULL ? talloc_asprintf(s, "id:%s", qid) : NULL;
	struct pd_store_msg *hit = NULL;
	size_t nhit = 0;
	struct pd_load_job *job = NULL;
	int rc = q != NULL ? pd_store_messages(&hit, &nhit, store, s, q, err) : nomem(err);
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
	/* Not from the cache: reading a whole store's file for one thread
	 * and its sender's patches would cost more than it saves. */
	rc = q != NULL ? begin(&job, ctx, store, q, flags, false, err) : nomem(err);
	if (rc == PD_OK)
		rc = read_all(job, err);
	if (rc != PD_OK)
		goto done;
	char *from = talloc_strdup(s, "");
	for (size_t i = 0; from != NULL && i < job->nmails; i++) {
		const struct pd_mail *m = job->mails[i];
		if (!sent_patch(m) || m->sender.email == NULL || *m->sender.email == '\0')
			continue;
		char *who = quoted(s, m->sender.email);
		if (who == NULL || strstr(from, who) != NULL)
			continue;
		from = talloc_asprintf_append(from, "%sfrom:%s", *from ? " or " : "", who);
	}
	if (from == NULL) {
		rc = nomem(err);
		goto done;
	}
	if (*from != '\0') {
		q = talloc_asprintf(s, "(%s) and (%s)", PD_LOAD_PATCH_QUERY, from);
		rc = q != NULL ? pd_load_job_query(job, q, err) : nomem(err);
		if (rc == PD_OK)
			rc = read_all(job, err);
		if (rc != PD_OK)
			goto done;
	}
	rc = final_result(out, ctx, job, err);
	if (rc != PD_OK)
		goto done;
	job = NULL;
	rc = pick(out, rev, bare, err);
done:
	talloc_free(job);
	talloc_free(s);
	return rc;
}

/* Adds tid to the n ids at tids (room for cap) unless it is there. */
static bool add_tid(const char **tids, size_t *n, size_t cap, const char *tid)
{
	if (tid == NULL)
		return true;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(tids[i], tid) == 0)
			return true;
	if (*n == cap)
		return false;
	tids[(*n)++] = tid;
	return true;
}

static size_t rev_mails(const struct pd_revision *r)
{
	size_t n = 1 + r->nreplies;
	for (size_t k = 0; k < r->npatches; k++)
		n += 1 + r->patches[k].nduplicate_mails + r->patches[k].nreplies;
	return n;
}

const char **pd_load_thread_ids(void *ctx, const struct pd_series *series, size_t *n)
{
	*n = 0;
	size_t cap = 0;
	for (size_t i = 0; i < series->nrevisions; i++)
		cap += rev_mails(series->revisions[i]);
	const char **tids = talloc_array(ctx, const char *, cap + 1);
	if (tids == NULL)
		return NULL;
	for (size_t i = 0; i < series->nrevisions; i++) {
		const struct pd_revision *r = series->revisions[i];
		if (r->cover != NULL)
			add_tid(tids, n, cap, r->cover->thread_id);
		for (size_t k = 0; k < r->nreplies; k++)
			add_tid(tids, n, cap, r->replies[k]->thread_id);
		for (size_t k = 0; k < r->npatches; k++) {
			const struct pd_patch *p = &r->patches[k];
			add_tid(tids, n, cap, p->mail->thread_id);
			for (size_t m = 0; m < p->nduplicate_mails; m++)
				add_tid(tids, n, cap, p->duplicates[m]->thread_id);
			for (size_t m = 0; m < p->nreplies; m++)
				add_tid(tids, n, cap, p->replies[m]->thread_id);
		}
	}
	return tids;
}

int pd_load_series_in(struct pd_load **out, struct pd_revision **rev, void *ctx,
		      struct pd_store *store, const char *id, const char *const *tids,
		      size_t ntids, unsigned flags, struct pd_err *err)
{
	*out = NULL;
	*rev = NULL;
	void *s = talloc_new(NULL);
	char *bare = s != NULL ? pd_load_bare_id(s, id) : NULL;
	char *q = bare != NULL ? talloc_strdup(s, "") : NULL;
	for (size_t i = 0; q != NULL && i < ntids; i++) {
		char *t = quoted(s, tids[i]);
		q = t != NULL ? talloc_asprintf_append(q, "%sthread:%s", i ? " or " : "", t) : NULL;
	}
	struct pd_load_job *job = NULL;
	int rc = q != NULL ? PD_OK : nomem(err);
	if (rc == PD_OK && (ntids == 0 || *bare == '\0'))
		rc = pd_err_set(err, PD_E_NOT_FOUND,
				"no message <%s> in the notmuch database; 'patchdeck list' "
				"shows the series and their ids", bare);
	/* Not from the cache: its records have no bodies. */
	if (rc == PD_OK)
		rc = begin(&job, ctx, store, q, flags, false, err);
	if (rc == PD_OK)
		rc = read_all(job, err);
	if (rc == PD_OK)
		rc = final_result(out, ctx, job, err);
	if (rc == PD_OK) {
		job = NULL;
		rc = pick(out, rev, bare, err);
	}
	talloc_free(job);
	talloc_free(s);
	return rc;
}

/* The revision of *out holding bare, or the error saying why there is
 * none (and *out freed). */
static int pick(struct pd_load **out, struct pd_revision **rev, const char *bare,
		struct pd_err *err)
{
	*rev = pd_model_find((*out)->model, bare);
	if (*rev == NULL && (*out)->nunreadable > 0) {
		/* The files went away under the database (mail moved or
		 * deleted, the store replaced): say that, not "no series". */
		int rc = pd_err_set(err, PD_E_IO,
				    "message <%s>: %zu mail file%s of its thread cannot be read (%s); "
				    "if the mail was moved or deleted, run 'notmuch new'", bare,
				    (*out)->nunreadable, (*out)->nunreadable == 1 ? "" : "s",
				    (*out)->unreadable);
		TALLOC_FREE(*out);
		return rc;
	}
	if (*rev == NULL) {
		TALLOC_FREE(*out);
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "message <%s> is not part of a patch series; 'patchdeck list' "
				  "shows the series and their ids", bare);
	}
	return PD_OK;
}
