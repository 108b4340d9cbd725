/* A series list's loading: the store's threads a slice at a time (load.h's
 * job), a fresh model now and then. Each model is built over everything
 * read so far, on a thread of its own (half a second at 100,000 messages,
 * which no key may wait for): the list shows the one before meanwhile.
 * Its cost grows with the store, so builds are spaced to take a third of
 * one processor at most; reading goes on the while. */
#include "config.h"

#include <stdlib.h>
#include <talloc.h>
#include <time.h>

#include "list_load.h"

/* The first slice: enough threads for a first screen, soon enough for
 * the screen to appear at once. */
enum { FIRST_SLICE_MS = 20, WHOLE_SLICE_MS = 1000, MIN_INTERVAL_MS = 300, COST_FACTOR = 3 };

struct pd_list_load {
	struct pd_load_job *job;
	bool done;          /* every thread read */
	bool final;         /* the build running started once done */
	bool finished;      /* the last model handed over */
	bool failed;        /* finished early: what was read stays listed */
	long build_ms;      /* when the last build started */
	long interval_ms;   /* from then until the next one */
	long step_ms;       /* PATCHDECK_LOAD_STEP_MS, or -1 */
};

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int pd_list_load_start(struct pd_list_load **out, void *ctx, struct pd_store *store,
		       const char *query, bool incremental, struct pd_load **first,
		       struct pd_err *err)
{
	struct pd_list_load *l = talloc_zero(ctx, struct pd_list_load);
	if (l == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	const char *step = getenv("PATCHDECK_LOAD_STEP_MS");
	l->step_ms = step != NULL && *step >= '0' && *step <= '9' ? atol(step) : -1;
	if (l->step_ms >= 0)
		incremental = true;
	unsigned first_ms = l->step_ms >= 0 ? (unsigned)l->step_ms : FIRST_SLICE_MS;
	int rc = pd_load_begin(&l->job, l, store, query, 0, err);
	do {
		if (rc == PD_OK)
			rc = pd_load_step(l->job, incremental ? first_ms : WHOLE_SLICE_MS,
					  &l->done, err);
	} while (rc == PD_OK && !incremental && !l->done);
	/* A first slice's model takes a millisecond: built here. */
	if (rc == PD_OK)
		rc = pd_load_result(l->job, first, err);
	l->finished = l->done;
	l->build_ms = now_ms();
	l->interval_ms = MIN_INTERVAL_MS;
	if (rc != PD_OK) {
		talloc_free(l);
		return rc;
	}
	*out = l;
	return PD_OK;
}

int pd_list_load_work(struct pd_list_load *l, unsigned budget_ms, struct pd_load **fresh,
		      bool *more, struct pd_err *err)
{
	*fresh = NULL;
	*more = false;
	if (l->finished)
		return PD_OK;
	int rc = pd_load_built(l->job, fresh, err);
	if (rc == PD_OK && *fresh != NULL) {
		long cost = now_ms() - l->build_ms;
		l->interval_ms = cost * COST_FACTOR > MIN_INTERVAL_MS ? cost * COST_FACTOR
								       : MIN_INTERVAL_MS;
		l->finished = l->final;
	}
	if (rc == PD_OK && !l->done)
		rc = pd_load_step(l->job, l->step_ms >= 0 ? (unsigned)l->step_ms : budget_ms,
				  &l->done, err);
	if (rc == PD_OK && !l->finished && !pd_load_building(l->job) &&
	    (l->done || now_ms() - l->build_ms >= l->interval_ms)) {
		l->final = l->done;
		l->build_ms = now_ms();
		rc = pd_load_build(l->job, err);
	}
	if (rc != PD_OK) {
		/* What was read stays listed; trying again would fail again. */
		l->finished = l->failed = true;
		return rc;
	}
	/* A slice more after the last model: views opened from the list
	 * while it loaded take it up then. */
	*more = !l->finished || *fresh != NULL;
	return PD_OK;
}

char *pd_list_load_progress(void *ctx, const struct pd_list_load *l)
{
	if (l->finished)
		return NULL;
	size_t messages, read, found;
	pd_load_progress(l->job, &messages, &read, &found);
	return talloc_asprintf(ctx, "loading: %zu messages, %zu/%zu threads", messages, read,
			       found);
}

bool pd_list_load_complete(const struct pd_list_load *l)
{
	return l->finished && !l->failed;
}

bool pd_list_load_loading(const struct pd_list_load *l)
{
	return !l->finished;
}
