/* The series cache: what the loader read of each thread, kept in a file so
 * that the next start on the same notmuch database opens no mail file for
 * a thread that has not changed (issue 7).
 *
 * One file per database, $XDG_CACHE_HOME/patchdeck/index-HASH (HASH: of the
 * database's path), holding the database's UUID and the revision it was
 * written at, the thread records (cache_mail.h) and, per query, the
 * threads it found at that revision in walking order. The index (UUID,
 * revision, where each thread's record is and its checksum, the query
 * lists) follows the records and is read and checked on opening: its magic,
 * format version, lengths and checksum must be right and its UUID the
 * database's, else the file is ignored (and replaced by the next write).
 * A record is read and checked only when its thread is wanted, so that a
 * first screen waits for a few records, not for the whole file; a record
 * that fails its checksum is refused, and its thread read from mail.
 * Writes go to a temporary file renamed over the old one, so a reader
 * sees the old file or the new one, never a part. The cache is an
 * optimisation only: PATCHDECK_CACHE=0 (the --no-cache option) turns it
 * off, and what is shown never depends on it.
 */
#ifndef PD_CACHE_H
#define PD_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "cache_mail.h"
#include "status.h"
#include "strmap.h"

/* Whether the cache is on: PATCHDECK_CACHE unset or not "0". */
bool pd_cache_enabled(void);

/* The cache file of the database at store_path, under ctx; NULL when
 * neither XDG_CACHE_HOME nor HOME is set (or out of memory). */
char *pd_cache_path(void *ctx, const char *store_path);

struct pd_cache;

/* Reads the cache file at path for the database uuid, under ctx. *out is
 * NULL, and PD_OK returned, when there is no usable file: missing,
 * truncated, corrupt, another format version or another database. Only
 * PD_E_NOMEM is an error. */
int pd_cache_read(struct pd_cache **out, void *ctx, const char *path, const char *uuid);

/* The revision the file was written at. */
unsigned long pd_cache_revision(const struct pd_cache *c);

/* The threads query found at that revision (indexes of pd_cache_tid), or
 * false when the file does not have it. *idx is allocated under ctx. */
bool pd_cache_query(const struct pd_cache *c, void *ctx, const char *query, size_t **idx,
		    size_t *n);

/* The index of thread tid, or false. */
bool pd_cache_find(struct pd_cache *c, const char *tid, size_t *idx);

/* The thread id of index i (len bytes, not NUL-terminated). */
const char *pd_cache_tid(const struct pd_cache *c, size_t i, size_t *len);

/* Reads and decodes the record of thread i under ctx: 0, PD_E_NOMEM, or
 * PD_E_IO when the record cannot be read, fails its checksum or does not
 * decode (then the thread is read from mail). */
int pd_cache_thread(struct pd_cache *c, size_t i, void *ctx, struct pd_cache_msg **msgs,
		    size_t *n);

/* A new cache file, written as the load goes: each record as its thread
 * is read from mail (so a whole store's records are never held), then the
 * old file's records still good, the index and the header, and only then
 * renamed into place. Until then it is a temporary file beside the cache
 * file, which freeing the writer removes. */
struct pd_cache_writer;

/* Starts the file for path under ctx. PD_E_IO (err naming it) when it
 * cannot be made. */
int pd_cache_writer_new(struct pd_cache_writer **out, void *ctx, const char *path,
			struct pd_err *err);

/* Appends the record (len bytes at data) of thread tid. A failure is
 * kept, and reported by pd_cache_writer_finish. */
void pd_cache_writer_add(struct pd_cache_writer *w, const char *tid, const unsigned char *data,
			 size_t len);

/* What a load hands the writer at the end. */
struct pd_cache_update {
	const char *uuid;
	unsigned long revision;
	struct pd_cache *old;              /* the file read before, or NULL */
	/* Thread ids with a message changed since old's revision: their old
	 * records are dropped. NULL: none (old is of this revision). */
	const struct pd_strmap *changed;
	/* The query and every thread it found, in walking order; NULL when
	 * some thread has no record (its mail could not be read). */
	const char *query;
	char *const *order;
	size_t norder;
};

/* Finishes w's file: old's records (minus changed and replaced ones, and
 * those that do not read back), the index (the records added, the query's
 * thread list and, when old is of the same revision, old's query lists),
 * the header; renames it into place. 0 or PD_E_IO / PD_E_NOMEM, with err
 * naming the file; the old file stays as it was on failure. Reads old,
 * which must not be used meanwhile; the caller frees w after. */
int pd_cache_writer_finish(struct pd_cache_writer *w, const struct pd_cache_update *u,
			   struct pd_err *err);

#endif
