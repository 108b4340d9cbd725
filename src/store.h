/* The mail store: a notmuch database opened read-only.
 *
 * The store copies what callers need into plain talloc'd structs and never
 * hands out notmuch objects, so the model and the UI do not depend on
 * libnotmuch and queries are destroyed as soon as they are read.
 */
#ifndef PD_STORE_H
#define PD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "status.h"

struct pd_store;

/* Opens the database read-only. config_path is the notmuch config file to
 * use; NULL means notmuch's own lookup (NOTMUCH_CONFIG, then the default
 * locations). The store is a talloc child of ctx; freeing it closes the
 * database. On failure err holds one line naming the thing and the fix. */
int pd_store_open(struct pd_store **out, void *ctx, const char *config_path,
		  struct pd_err *err);

/* The database directory actually opened. */
const char *pd_store_path(const struct pd_store *store);

/* The notmuch configuration it was opened with (NULL: notmuch's own
 * default), for a second, writing handle (store_tag.h). */
const char *pd_store_config(const struct pd_store *store);

/* The database's identity and state: its UUID (under ctx) and its
 * revision, which every change (a message added or removed, a tag, a file)
 * raises. The series cache (src/cache.c) is keyed by both. */
int pd_store_revision(struct pd_store *store, void *ctx, char **uuid, unsigned long *revision,
		      struct pd_err *err);

/* One notmuch thread, as the thread list shows it. */
struct pd_thread_row {
	char *thread_id;
	time_t newest;   /* date of the newest message */
	time_t oldest;
	char *authors;   /* notmuch's author list, matched authors first */
	char *subject;   /* subject of the thread's first message */
	int total;       /* messages in the thread */
	int matched;     /* messages matching the query */
	bool unread;     /* any matched message tagged unread */
};

/* Runs query (notmuch syntax; "" or NULL means every message) and returns
 * its threads, newest first, as an array allocated under ctx. */
int pd_store_threads(struct pd_thread_row **out, size_t *count,
		     struct pd_store *store, void *ctx, const char *query,
		     struct pd_err *err);

/* One message of a thread, as the thread view shows it. */
struct pd_message_row {
	char *message_id;
	time_t date;
	char *from;      /* the From: header, decoded by notmuch */
	char *subject;
	char *tags;      /* space-separated, sorted */
	int depth;       /* 0 for a thread's roots */
	long parent;     /* index of the parent row, -1 for a root */
	bool matched;    /* matches the query the thread was found by */
	bool unread;
};

/* The messages of thread_id in thread order (depth first, replies oldest
 * first) as an array under ctx. query (may be NULL or "") only decides
 * which rows are `matched`. */
int pd_store_thread_messages(struct pd_message_row **out, size_t *count,
			     struct pd_store *store, void *ctx,
			     const char *thread_id, const char *query,
			     struct pd_err *err);

/* ---- messages for the series model (src/load.c) ---- */

/* One message as the index knows it, without reading its file. */
struct pd_store_msg {
	char *message_id;
	char *thread_id;
	char **paths;     /* every file with this Message-ID (duplicates) */
	size_t npaths;
	time_t date;
	bool unread;      /* tagged unread */
};

/* The messages matching query (notmuch syntax; "" or NULL means every
 * message), appended to the talloc array *msgs (under ctx; *msgs may be
 * NULL at first) whose length is *count. Order is the index's own. */
int pd_store_messages(struct pd_store_msg **msgs, size_t *count,
		      struct pd_store *store, void *ctx, const char *query,
		      struct pd_err *err);

/* The threads of a query, newest first (by their newest matching
 * message), walked one at a time: the reader loads a large store a slice
 * at a time. notmuch finds the matching messages when the walk begins but
 * reads each thread only when asked for it. */
struct pd_store_walk;

/* Starts walking the threads of query ("" or NULL: every message) under
 * ctx. A bad query fails here, with err naming it. */
int pd_store_walk_begin(struct pd_store_walk **out, struct pd_store *store, void *ctx,
			const char *query, struct pd_err *err);

/* Every message of the next thread (matching the query or not), oldest
 * first, appended to the talloc array *msgs under ctx (as
 * pd_store_messages). *end becomes true, and nothing is appended, when no
 * thread is left. */
int pd_store_walk_next(struct pd_store_walk *walk, struct pd_store_msg **msgs, size_t *count,
		       void *ctx, bool *end, struct pd_err *err);

#endif
