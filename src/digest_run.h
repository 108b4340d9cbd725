/* The digest of the store for a range and a query, as `patchdeck digest`
 * and the reader's `:digest` make it: the days checked, the threads read,
 * the mails of the range kept, the heading's ends filled in. */
#ifndef PD_DIGEST_RUN_H
#define PD_DIGEST_RUN_H

#include "digest.h"
#include "digest_fmt.h"
#include "status.h"
#include "store.h"

struct pd_digest_args {
	const char *list;  /* the heading's list name; NULL: "The" */
	const char *from;  /* YYYY-MM-DD or NULL */
	const char *to;    /* YYYY-MM-DD or NULL (included) */
	const char *query; /* notmuch query or NULL/"": the patch threads */
};

/* *d and *head (whose strings live under ctx or in a) for a. A bad day
 * is PD_E_USAGE with err saying which and how (no program name). The
 * loader's skipped files: *nunreadable and *unreadable (may be NULL). */
int pd_digest_run(struct pd_digest **d, struct pd_digest_head *head, void *ctx,
		  struct pd_store *store, const struct pd_digest_args *a, size_t *nunreadable,
		  char **unreadable, struct pd_err *err);

/* "YYYY-MM-DD" of t in UTC, under ctx. */
char *pd_digest_day(void *ctx, time_t t);

#endif
