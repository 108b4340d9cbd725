/* The review state of each revision as the list and the reader show it:
 * the state tags read from the store (review.h), and `superseded`, which
 * no tag holds: it is worked out from the model (a newer revision). */
#ifndef PD_REVIEW_STATE_H
#define PD_REVIEW_STATE_H

#include <stddef.h>

#include "review.h"
#include "series.h"
#include "status.h"

/* The states shown: the tagged ones, then superseded, then due (deferred
 * until a day that has come: back for attention without any write). */
enum { PD_STATE_SUPERSEDED = PD_REVIEW_COUNT, PD_STATE_DUE, PD_STATE_COUNT };

/* "accepted", ..., "superseded", "due"; "" for anything else. */
const char *pd_state_name(int state);
/* The state named name (superseded too); -1 when there is none. */
int pd_state_parse(const char *name);

/* Which messages carry which state tag. */
struct pd_states;

/* Reads the state tags under prefix, and the until/DATE tags of the
 * deferred messages, from the notmuch database of
 * notmuch_config (NULL: notmuch's own lookup) with a handle of its own,
 * so that tags changed by others since the reader started are seen. */
int pd_states_read(struct pd_states **out, void *ctx, const char *notmuch_config,
		   const char *prefix, struct pd_err *err);

/* An empty map under ctx (nothing tagged); NULL when out of memory.
 * Today (pd_defer_today) is taken when the map is made. */
struct pd_states *pd_states_new(void *ctx);

/* Records that ids now carry state (after a write). PD_OK or PD_E_NOMEM. */
int pd_states_set(struct pd_states *st, const char *const *ids, size_t nids,
		  enum pd_review state);

/* Records that ids are deferred until day (-1: no day). */
int pd_states_set_until(struct pd_states *st, const char *const *ids, size_t nids, long day);

/* The day rev is deferred until (from the message that decides its
 * state), -1 when none. */
long pd_states_until(const struct pd_states *st, const struct pd_revision *rev);

/* Whether any message carries a state tag. */
bool pd_states_any(const struct pd_states *st);

/* The state of rev: a tag on its cover or on one of its own patches
 * (accepted, rejected and applied stand even when a newer revision
 * exists); else superseded when there is a newer revision; else the tag
 * (reviewing, changes-requested, deferred: due once its day has come);
 * else new. *tagged: whether a
 * tag decided it (may be NULL). st may be NULL (nothing tagged). */
int pd_states_of(const struct pd_states *st, const struct pd_revision *rev, bool *tagged);

/* The revision's own messages, cover first, then the patches sent with it
 * (not those carried from an older revision): what a state is put on. */
const char **pd_revision_own_ids(void *ctx, const struct pd_revision *rev, size_t *n);

#endif
