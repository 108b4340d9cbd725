/* A revision of a series as JSON (the schema of patchdeck(1), JSON SCHEMA)
 * and the helpers list, show and mbox share to present one. */
#ifndef PD_SERIES_JSON_H
#define PD_SERIES_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "json.h"
#include "series.h"

enum pd_series_json_flags {
	/* show: the cover letter's text, each patch's commit message and
	 * diffstat. */
	PD_SJ_BODIES = 1 << 0,
};

void pd_series_json(struct pd_json *j, const struct pd_revision *rev, unsigned flags);

/* The same with "state" and "deferred_until" from st, the review states
 * (review_state.h); NULL leaves both out. */
struct pd_states;
void pd_series_json_state(struct pd_json *j, const struct pd_revision *rev, unsigned flags,
			  const struct pd_states *st);

/* The collected trailers of p that are worth adding: not already among
 * the patch's own, each once (case-insensitive, pd_trailer_same). An array
 * of pointers into p under ctx; NULL with *n 0 when there are none. */
const struct pd_collected **pd_patch_new_trailers(void *ctx, const struct pd_patch *p,
						  size_t *n);

/* Patches received in this revision (not carried over from an older one). */
size_t pd_revision_received(const struct pd_revision *rev);

/* `[RFC RESEND net-next]`-style tag for a title: the kinds other than
 * PATCH, then the targets; "" when there are none. Versions and counters
 * are left out: list and show print them in their own place. */
char *pd_revision_tags(void *ctx, const struct pd_revision *rev);

/* "2024-01-22T09:00:00Z" into buf (at least 21 bytes). */
void pd_iso_date(char *buf, size_t size, time_t t);

#endif
