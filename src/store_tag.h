/* Writing tags: the database opened read-write for the write alone and
 * closed right after, so that notmuch new and other writers are kept
 * waiting as little as possible; the change made atomically; a writer
 * that holds the lock waited for, never a change dropped silently. */
#ifndef PD_STORE_TAG_H
#define PD_STORE_TAG_H

#include <stddef.h>

#include "status.h"
#include "store.h"
#include "store_lock.h"

struct pd_tag_write {
	const char *const *ids;      /* Message-IDs, without <> */
	size_t nids;
	const char *add;             /* the tag to add, or NULL */
	const char *add_extra;       /* a second tag to add (a deferral's date), or NULL */
	const char *const *remove;   /* tags to take off */
	size_t nremove;
	/* Every tag that starts with this comes off too (the dates of an
	 * earlier deferral), but for those added; NULL: none. */
	const char *remove_prefix;
};

/* Told while another writer holds the database (store_lock.h). */
typedef pd_lock_wait_fn pd_tag_wait_fn;

/* Makes the change w on every message it names, all or nothing. While
 * the database is locked by another writer it retries every 200 ms for
 * up to wait_ms, calling waiting (when not NULL) before each wait.
 * *changed: messages whose tags changed. Errors: PD_E_DB_LOCKED when still
 * locked after wait_ms, PD_E_NOT_FOUND when a message is no longer in the
 * database, others as pd_store_open; nothing was changed then. */
int pd_store_tag(struct pd_store *store, const struct pd_tag_write *w, unsigned wait_ms,
		 pd_tag_wait_fn *waiting, void *data, size_t *changed, struct pd_err *err);

/* The tags starting with tag_prefix on each message of query, read with
 * a read-only handle of its own (tags written by others since store was
 * opened are seen). *ids and *tags: parallel talloc arrays under ctx, one
 * entry per (message, tag) pair. */
int pd_store_tags_read(struct pd_store *store, void *ctx, const char *query,
		       const char *tag_prefix, char ***ids, char ***tags, size_t *n,
		       struct pd_err *err);

#endif
