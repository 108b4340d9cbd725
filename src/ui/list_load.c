/* A series list's loading: the store's threads a slice at a time (load.h's
 * job), a fresh model now and then. Each result rebuilds the model over
 * everything read so far, so its cost grows with the store: results are
 * spaced so that building them takes a fifth of the time at most. */
#include "config.h"

#include <talloc.h>
#include <time.h>

#include "list_load.h"

/* The first slice: enough threads for a first screen, soon enough for
 * the screen to appear at once. */
enum { FIRST_SLICE_MS = 40, WHOLE_SLICE_MS = 1000, MIN_INTERVAL_MS = 300 };

struct pd_list_load {
	struct pd_load_job *job;
	bool done;
	long last_ms;       /* when the last result was handed over */
	long interval_ms;   /* until the next one */
};

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int result(struct pd_list_load *l, struct pd_load **out, struct pd_err *err)
{
	long t0 = now_ms();
	int rc = pd_load_result(l->job, out, err);
	long cost = now_ms() - t0;
	l->last_ms = now_ms();
	l->interval_ms = cost * 5 > MIN_INTERVAL_MS ? cost * 5 : MIN_INTERVAL_MS;
	return rc;
}

int pd_list_load_start(struct pd_list_load **out, void *ctx, struct pd_store *store,
		       const char *query, bool incremental, struct pd_load **first,
		       struct pd_err *err)
{
	struct pd_list_load *l = talloc_zero(ctx, struct pd_list_load);
	if (l == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int rc = pd_load_begin(&l->job, l, store, query, 0, err);
	do {
		if (rc == PD_OK)
			rc = pd_load_step(l->job, incremental ? FIRST_SLICE_MS : WHOLE_SLICE_MS,
					  &l->done, err);
	} while (rc == PD_OK && !incremental && !l->done);
	if (rc == PD_OK)
		rc = result(l, first, err);
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
	if (l->done)
		return PD_OK;
	int rc = pd_load_step(l->job, budget_ms, &l->done, err);
	if (rc != PD_OK) {
		/* What was read stays listed; trying again would fail again. */
		l->done = true;
		return rc;
	}
	if (l->done || now_ms() - l->last_ms >= l->interval_ms)
		rc = result(l, fresh, err);
	*more = !l->done;
	return rc;
}

char *pd_list_load_progress(void *ctx, const struct pd_list_load *l)
{
	if (l->done)
		return NULL;
	size_t messages, read, found;
	pd_load_progress(l->job, &messages, &read, &found);
	return talloc_asprintf(ctx, "loading: %zu messages, %zu/%zu threads", messages, read,
			       found);
}
