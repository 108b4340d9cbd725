/* Why the notmuch database did not open, as one line with the fix.
 *
 * libnotmuch 0.37 reports a missing, unreadable or malformed config file
 * with one status and one message ("cannot load config file"), and a
 * missing database, a plain directory and an unreadable database with
 * messages that all look like "No such file" or "Couldn't stat". So the
 * store asks here, after a failure, and this module looks at the files
 * itself to tell the cases apart. Used only by store.c.
 */
#ifndef PD_STORE_DIAG_H
#define PD_STORE_DIAG_H

#include "status.h"

/* Fills err for a failed notmuch_database_open_with_config(): nm_status and
 * nm_msg are what it returned, config_path what it was given. Returns the
 * PD_E_* code recorded. */
int pd_store_diagnose(struct pd_err *err, int nm_status, const char *nm_msg,
		      const char *config_path);

/* Xapian opens its tables lazily, so a database with one unreadable table
 * opens fine and then answers queries with empty rows. Checks that every
 * file of the database under db_path is readable; PD_OK when it is or when
 * the files are not where notmuch keeps them by default. */
int pd_store_check_readable(struct pd_err *err, const char *db_path);

/* The Xapian directory of the database at db_path (notmuch_database_get_path):
 * db_path/.notmuch/xapian when db_path holds the mail too, else (the
 * database kept apart from the mail, database.path beside mail_root)
 * db_path/xapian. NULL when out of memory. */
char *pd_store_xapian_dir(void *ctx, const char *db_path);

#endif
