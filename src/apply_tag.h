/* After a series is applied: its revision's review state becomes
 * `applied` (issue 6: "set by apply"), a notmuch tag written through
 * store_tag.h like any other state, so that notmuch search tag:pd/applied
 * finds it and the list shows it. Only ever called once the branch holds
 * the commits: a failed or dry-run apply tags nothing. */
#ifndef PD_APPLY_TAG_H
#define PD_APPLY_TAG_H

#include <stddef.h>

#include "series.h"
#include "status.h"
#include "store.h"
#include "store_tag.h"

/* Puts PREFIX"applied" on rev's own messages (review_state.h:
 * pd_revision_own_ids) and takes every other state tag off, as
 * `patchdeck tag SERIES applied` does. prefix NULL: "pd/". Waits for a
 * locked database as pd_store_tag does. *changed, *nids (may be NULL):
 * messages retagged, messages named. */
int pd_apply_tag(struct pd_store *store, const struct pd_revision *rev, const char *prefix,
		 unsigned wait_ms, pd_tag_wait_fn *waiting, void *data, size_t *changed,
		 size_t *nids, struct pd_err *err);

#endif
