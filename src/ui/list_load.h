/* Reading a series list's store for the reader: all at once, or a slice
 * at a time between keys (load.h's job interface), handing over a fresh
 * pd_load to show now and then. */
#ifndef PD_UI_LIST_LOAD_H
#define PD_UI_LIST_LOAD_H

#include <stdbool.h>

#include "load.h"

struct pd_list_load;

/* Starts reading the series of query. With incremental, *first holds what
 * a first slice read (enough for a first screen); without, everything.
 * PATCHDECK_LOAD_STEP_MS=N (a test hook: the scripted reader reads
 * everything at once) makes it incremental, each slice N ms (0: a single
 * thread).
 * *out and *first are allocated under ctx. */
int pd_list_load_start(struct pd_list_load **out, void *ctx, struct pd_store *store,
		       const char *query, bool incremental, struct pd_load **first,
		       struct pd_err *err);

/* Reads on for about budget_ms; hands over a model built meanwhile and
 * starts the next when due. *fresh: a newer pd_load to show (the caller
 * frees the one it replaces), or NULL when there is none yet, also with
 * an error; *more: whether anything is left to read or build (or a
 * fresh model was just handed over). */
int pd_list_load_work(struct pd_list_load *l, unsigned budget_ms, struct pd_load **fresh,
		      bool *more, struct pd_err *err);

/* "loading: 1200 messages, 40/310 threads" under ctx, or NULL when
 * everything is read. */
char *pd_list_load_progress(void *ctx, const struct pd_list_load *l);

/* Whether the model shown is over every thread of the query. */
bool pd_list_load_complete(const struct pd_list_load *l);

/* Whether more is still to be read (neither complete nor failed). */
bool pd_list_load_loading(const struct pd_list_load *l);

#endif
