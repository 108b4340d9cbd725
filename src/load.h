/* From the store to the series model: which messages to read for a query
 * or a series, reading them, building the model.
 *
 * A series never stops at a query's edge: its replies carry the review
 * state and may not match. So a query selects threads, and every message
 * of those threads is read. Without a query the threads are those holding
 * a patch, found by the index alone (PD_LOAD_PATCH_QUERY); the model then
 * decides what really is a patch.
 */
#ifndef PD_LOAD_H
#define PD_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "mail.h"
#include "series.h"
#include "status.h"
#include "store.h"

/* Messages that hold or announce a patch, as the index sees them: a
 * subject naming PATCH (any case, `[PATCHv2]` too) or a pull request, an
 * attached text/x-patch or text/x-diff, or a git or Mercurial diff in the
 * text. */
#define PD_LOAD_PATCH_QUERY                                                   \
	"subject:\"/[Pp][Aa][Tt][Cc][Hh]|GIT PULL|\\[PULL/\" or "             \
	"mimetype:text/x-patch or mimetype:text/x-diff or "                    \
	"body:\"diff --git\" or body:\"HG changeset patch\""

enum pd_load_flags {
	/* Keep what only show and mbox print: texts, diffs, notes. Without
	 * it they are dropped right after parsing, which keeps a whole
	 * archive in a few tens of megabytes. */
	PD_LOAD_BODIES = 1 << 0,
};

struct pd_load {
	struct pd_mail **mails;  /* every message read, oldest first */
	size_t nmails;
	struct pd_model *model;
	/* Messages none of whose files could be read (deleted since they
	 * were indexed, no permission): skipped, counted, the first named. */
	size_t nunreadable;
	char *unreadable;        /* "PATH: reason" of the first, or NULL */
};

/* The series in the threads of query ("" or NULL: the threads holding a
 * patch). *out is allocated under ctx. */
int pd_load_query(struct pd_load **out, void *ctx, struct pd_store *store,
		  const char *query, unsigned flags, struct pd_err *err);

/* The revision that holds message id (with or without <> or `id:`), with
 * what is needed to place it among its other revisions: its thread and
 * the patch threads of the people who sent patches in it. *rev points
 * into (*out)->model. An id the store lacks, or that belongs to no series,
 * is PD_E_NOT_FOUND with err naming it. */
int pd_load_series(struct pd_load **out, struct pd_revision **rev, void *ctx,
		   struct pd_store *store, const char *id, unsigned flags,
		   struct pd_err *err);

/* The threads of every mail of every revision of series (covers, patches,
 * resent copies, replies), each once, under ctx; NULL when out of memory.
 * The strings are the mails'. */
const char **pd_load_thread_ids(void *ctx, const struct pd_series *series, size_t *n);

/* pd_load_series for a caller that has the series already (the reader's
 * list): reads only the ntids threads tids (pd_load_thread_ids of the
 * series in a model over the threads holding a patch), not the senders'
 * other patches, which on a large store are thousands of mails. Over the
 * whole store's patch threads it finds the revisions pd_load_series
 * finds. */
int pd_load_series_in(struct pd_load **out, struct pd_revision **rev, void *ctx,
		      struct pd_store *store, const char *id, const char *const *tids,
		      size_t ntids, unsigned flags, struct pd_err *err);

/* ---- Step by step, for the reader (issue 4) ----
 *
 * The reader must show its first screen long before a large store is
 * read, and answer keys while the rest loads. A job reads the threads of
 * a query newest first, a slice at a time; between slices the caller
 * draws and reads keys. Each pd_load_result() builds the model over what
 * has been read so far (series whose older revisions are not read yet
 * simply lack them until a later result). pd_load_query() is the same
 * job read in one step: once done, the last result equals its result.
 *
 * A message is read whole with its thread, so a slice may run over its
 * budget by one thread. Mail files are parsed on worker threads that run
 * only inside pd_load_step(). A model over a large store takes long to
 * build (half a second for 100,000 messages): pd_load_build() builds it
 * on a thread of its own while the caller reads on and answers keys. A
 * mail once read is never changed (a later file of the same Message-ID
 * makes a new one), so that thread and the results shown share them. */
struct pd_load_job;

/* Starts a job on query (as pd_load_query). Reads nothing yet. *out is
 * allocated under ctx; freeing it frees every result it gave. */
int pd_load_begin(struct pd_load_job **out, void *ctx, struct pd_store *store,
		  const char *query, unsigned flags, struct pd_err *err);

/* Reads more threads, for about budget_ms milliseconds (at least one
 * thread). *done becomes true when every thread of the query is read. */
int pd_load_step(struct pd_load_job *job, unsigned budget_ms, bool *done,
		 struct pd_err *err);

/* The model over every message read so far. *out is allocated under the
 * job; the caller frees an older result (talloc_free) once it no longer
 * shows it; the mails belong to the job and stay. */
int pd_load_result(struct pd_load_job *job, struct pd_load **out, struct pd_err *err);

/* Starts building, on a thread of its own, the result pd_load_result()
 * would give now; pd_load_built() hands it over. One at a time: starting
 * another before the last is handed over is PD_E_INTERNAL. Freeing the job
 * meanwhile does not wait for the thread (it frees what it used). */
int pd_load_build(struct pd_load_job *job, struct pd_err *err);

/* The result of pd_load_build() once it is ready (allocated under the
 * job, as pd_load_result's), else *out is NULL: still building, or no
 * build started. */
int pd_load_built(struct pd_load_job *job, struct pd_load **out, struct pd_err *err);

/* Whether a build was started and not handed over yet. */
bool pd_load_building(const struct pd_load_job *job);

/* Messages read so far, and threads read / threads found so far (found
 * grows while the query is walked: the threads read, plus one while any
 * may be left; it is final, and equal to threads read, once done). */
void pd_load_progress(const struct pd_load_job *job, size_t *messages,
		      size_t *threads_read, size_t *threads_found);

/* id without `id:` and without its <>, under ctx. */
char *pd_load_bare_id(void *ctx, const char *id);

#endif
