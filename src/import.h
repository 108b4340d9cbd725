/* Importing a public-inbox archive (pubinbox.h) into a maildir and its
 * notmuch database: every message a commit of the range adds is delivered
 * (import_maildir.h) and indexed with notmuch_database_index_file() in
 * batches, each batch one Xapian transaction; after each batch the last
 * commit done is remembered (import_state.h) so that the next run starts
 * after it. Messages the range removes are reported, not imported; one the
 * range adds and removes again (purged spam) is not delivered at all.
 *
 * A message counts as already there when its file (named for its commit)
 * is in new/, or when the database knows its Message-ID with a file of
 * that name anywhere (the reader moved it to cur/). Such a file is indexed
 * when the database lacks it (a run killed before its batch committed).
 */
#ifndef PD_IMPORT_H
#define PD_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"
#include "store_lock.h"

struct pd_import_stats {
	size_t commits;    /* commits in the range */
	size_t messages;   /* commits of the range that add or remove one */
	size_t done;       /* of those, handled so far */
	size_t added;      /* delivered and indexed by this run */
	size_t present;    /* already there (the file, or indexed) */
	size_t dup_ids;    /* added, but the database had the Message-ID */
	size_t removed;    /* removals reported */
	char *from;        /* the range: after this commit ("" = start) */
	char *through;     /* through this one; both 12 hex digits */
};

struct pd_import_opts {
	const char *archive;
	const char *maildir;
	const char *notmuch_config;  /* NULL: notmuch's own lookup */
	const char *since;           /* NULL: after the remembered commit */
	const char *to;              /* NULL: the archive's tip */
	size_t batch;                /* messages per transaction; 0: default */
	/* Testing: die by SIGKILL right after this many messages are
	 * delivered and indexed, before their batch commits (0: never). */
	size_t kill_after;
	/* Called after each message; may be NULL. */
	void (*progress)(void *data, const struct pd_import_stats *st);
	/* Called for each removal: its Message-ID (NULL: it has none) and
	 * the commit's 12 hex digits. May be NULL. */
	void (*removal)(void *data, const char *message_id, const char *commit);
	/* While another writer (notmuch new) holds the database, each time
	 * it is opened: waited up to wait_ms, telling waiting (may be NULL),
	 * then PD_E_DB_LOCKED. */
	unsigned wait_ms;
	pd_lock_wait_fn *waiting;
	void *data;
};

/* Runs the import. *st (allocated under ctx) holds the counts, also on
 * failure (what was done before it). On failure err holds one line. */
int pd_import_run(struct pd_import_stats **st, void *ctx, const struct pd_import_opts *o,
		  struct pd_err *err);

#endif
