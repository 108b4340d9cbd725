/* Inside the loader: the job that src/load.c reads a query with, shared
 * with src/load_cache.c, which takes threads from the series cache
 * (cache.h) instead of their mail files and writes the cache when the
 * walk is done. Not for other modules. */
#ifndef PD_LOAD_INT_H
#define PD_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "cache.h"
#include "load.h"
#include "load_read.h"
#include "strmap.h"

struct build;
struct saver;

struct pd_load_job {
	struct pd_store *store;
	/* The mails and what they point to (thread ids): a build running
	 * when the job is freed takes it over (job_destroy). */
	void *arena;
	unsigned flags;
	struct pd_store_walk *walk;  /* NULL once every thread is read */
	struct pd_reader *reader;    /* NULL between queries */
	struct pd_mail **mails;      /* read so far, in reading order */
	size_t nmails, cap_mails;
	struct pd_strmap *ids;       /* Message-ID -> index (see merge_dup) */
	struct pd_strmap *threads;   /* thread ids taken */
	size_t nthreads;
	size_t nunreadable;
	char *unreadable;            /* "PATH: reason" of the first */
	struct build *build;         /* the model being built, or NULL */

	/* The series cache (cache.h), when on: threads it has, unchanged,
	 * are taken from it instead of their mail files. */
	bool caching;
	char *query;                 /* the query walked */
	char *cache_path, *uuid;
	unsigned long revision;      /* the store's, when the job began */
	struct pd_cache *cache;      /* the file as read, or NULL */
	struct pd_strmap *changed;   /* threads changed since its revision */
	size_t *replay;              /* the store unchanged: the query's threads */
	size_t nreplay, ireplay;
	char **order;                /* the threads taken, in order */
	size_t norder, cap_order;
	/* The new file: each thread read from mail goes to it at once (a
	 * store's records held until the end would be a third of the
	 * peak). Made on the first such thread; NULL when it cannot be. */
	struct pd_cache_writer *writer;
	bool nowrite;                /* it could not be made */
	struct pd_cbuf rec;          /* one thread's record, the buffer reused */
	bool incomplete;             /* a thread read has no record */
	struct saver *saver;         /* finishing the file, on a thread */
};

/* The threads a slice took, with the messages being read. */
struct batch {
	struct pd_store_msg *msgs;
	struct pd_read_task *tasks;
	size_t n;
	char *tid;                   /* the job's copy of the thread id */
	bool cached;                 /* the tasks' mails came from the cache */
};

double pd_load_now_ms(void);

/* Starts walking the threads of q (after those already read). */
int pd_load_job_query(struct pd_load_job *job, const char *q, struct pd_err *err);

/* Takes what a worker (or the cache) made of one message of the thread
 * tid (a string the job owns, shared by the thread's mails). */
int pd_load_adopt(struct pd_load_job *job, struct pd_read_task *t, char *tid, struct pd_err *err);

/* ---- src/load_cache.c ---- */

/* Reads the cache file when the cache is on for this job (query q). */
int pd_load_cache_open(struct pd_load_job *job, const char *q, struct pd_err *err);

/* Notes thread tid taken, in order. 0 or PD_E_NOMEM. */
int pd_load_took(struct pd_load_job *job, char *tid);

/* Fills b's tasks from the cache when it has the thread unchanged. */
bool pd_load_from_cache(struct pd_load_job *job, void *slice, struct batch *b);

/* Keeps the record of a thread read from mail, for the cache file. */
void pd_load_record(struct pd_load_job *job, const struct batch *b);

/* Once the walk is done: the cache file over what was read, finished on
 * a thread of its own (copying the old file's records and writing the
 * index take a while on a large store, and keys must be answered). */
void pd_load_cache_save(struct pd_load_job *job);

/* Waits until the file pd_load_cache_save started is written. */
void pd_load_cache_wait(struct pd_load_job *job);

/* The store unchanged: reads the query's threads from the cache. */
int pd_load_replay_step(struct pd_load_job *job, unsigned budget_ms, bool *done,
			struct pd_err *err);

#endif
