#include "config.h"

#include "store_same.h"

#include <notmuch.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "store_diag.h"

int pd_store_reopen(notmuch_database_t **db, struct pd_store *store, bool write,
		    struct pd_err *err)
{
	*db = NULL;
	char *msg = NULL;
	notmuch_status_t st = notmuch_database_open_with_config(
		NULL, write ? NOTMUCH_DATABASE_MODE_READ_WRITE : NOTMUCH_DATABASE_MODE_READ_ONLY,
		pd_store_config(store), NULL, db, &msg);
	int rc = st == NOTMUCH_STATUS_SUCCESS ? PD_OK
					      : pd_store_diagnose(err, st, msg, pd_store_config(store));
	free(msg);
	if (rc != PD_OK) {
		*db = NULL;
		return rc;
	}
	/* notmuch keeps the UUID it read at open: the store's handle still
	 * says which database the reader has been showing. */
	char *uuid = NULL;
	unsigned long revision = 0;
	rc = pd_store_revision(store, NULL, &uuid, &revision, err);
	const char *now = NULL;
	notmuch_database_get_revision(*db, &now);
	if (rc == PD_OK && *uuid != '\0' && now != NULL && strcmp(uuid, now) != 0)
		rc = pd_err_set(err, PD_E_DB_REPLACED,
				"the notmuch database %s was replaced while patchdeck ran (removed and "
				"made again)%s: quit and start patchdeck again to read the new one",
				pd_store_path(store), write ? "; nothing was changed" : "");
	talloc_free(uuid);
	if (rc != PD_OK) {
		notmuch_database_destroy(*db);
		*db = NULL;
	}
	return rc;
}

int pd_store_same(struct pd_store *store, struct pd_err *err)
{
	notmuch_database_t *db = NULL;
	int rc = pd_store_reopen(&db, store, false, err);
	if (db != NULL)
		notmuch_database_destroy(db);
	return rc;
}
