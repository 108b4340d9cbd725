/* A second handle on the store's database, and whether the database at the
 * store's path is still the one it opened.
 *
 * The reader keeps its read-only handle for as long as it runs. When the
 * database is removed and made again under it (a new `notmuch new` from
 * scratch, a restore), the old handle still reads the old files while the
 * path holds another database: another UUID. A fresh handle there would
 * read states of other mail and write tags into it, and the reader's
 * list no longer matches the mail files, so such a handle is refused with
 * one line that says what happened and the fix (start again).
 */
#ifndef PD_STORE_SAME_H
#define PD_STORE_SAME_H

#include <stdbool.h>

#include "status.h"
#include "store.h"

struct _notmuch_database; /* notmuch_database_t, without notmuch.h */

/* Opens the store's database again, read-write when write. *db is NULL
 * on failure, with err saying why as pd_store_open would, or
 * PD_E_DB_REPLACED when the database there is not the one the store
 * opened (for a write the line says that nothing was changed). */
int pd_store_reopen(struct _notmuch_database **db, struct pd_store *store, bool write,
		    struct pd_err *err);

/* PD_OK when the store's path still holds the database it opened;
 * PD_E_DB_REPLACED when another database is there; the open error when
 * none can be opened there. */
int pd_store_same(struct pd_store *store, struct pd_err *err);

#endif
