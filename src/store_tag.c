#include "config.h"

#include "store_tag.h"

#include <errno.h>
#include <fcntl.h>
#include <notmuch.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "store_diag.h"

enum { RETRY_MS = 200 };

/* Whether another process holds Xapian's write lock on the database
 * below path. notmuch itself would wait for it without a word (it opens
 * with Xapian's DB_RETRY_LOCK), so the wait is done here, where it can be
 * told. */
static bool locked(const char *lockfile)
{
	int fd = open(lockfile, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
#ifdef F_OFD_GETLK
	int rc = fcntl(fd, F_OFD_GETLK, &fl);
#else
	int rc = fcntl(fd, F_GETLK, &fl);
#endif
	close(fd);
	return rc == 0 && fl.l_type != F_UNLCK;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int db_destroy(notmuch_database_t **db)
{
	if (*db != NULL)
		notmuch_database_destroy(*db);
	return 0;
}

/* Tags of m after the change, compared with before: whether it changes. */
static bool changes(notmuch_message_t *m, const struct pd_tag_write *w)
{
	bool has_add = false, has_removed = false;
	notmuch_tags_t *tags = notmuch_message_get_tags(m);
	for (; tags != NULL && notmuch_tags_valid(tags); notmuch_tags_move_to_next(tags)) {
		const char *t = notmuch_tags_get(tags);
		if (w->add != NULL && strcmp(t, w->add) == 0)
			has_add = true;
		for (size_t i = 0; i < w->nremove; i++)
			if (strcmp(t, w->remove[i]) == 0 && (w->add == NULL || strcmp(t, w->add) != 0))
				has_removed = true;
	}
	if (tags != NULL)
		notmuch_tags_destroy(tags);
	return has_removed || (w->add != NULL && !has_add);
}

static int write_one(notmuch_database_t *db, const char *id, const struct pd_tag_write *w,
		     size_t *changed, struct pd_err *err)
{
	notmuch_message_t *m = NULL;
	notmuch_status_t st = notmuch_database_find_message(db, id, &m);
	if (st != NOTMUCH_STATUS_SUCCESS || m == NULL)
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "<%s> is no longer in the notmuch database; nothing was changed "
				  "(run 'notmuch new', then try again)",
				  id);
	if (!changes(m, w)) {
		notmuch_message_destroy(m);
		return PD_OK;
	}
	st = notmuch_message_freeze(m);
	for (size_t i = 0; st == NOTMUCH_STATUS_SUCCESS && i < w->nremove; i++)
		if (w->add == NULL || strcmp(w->remove[i], w->add) != 0)
			st = notmuch_message_remove_tag(m, w->remove[i]);
	if (st == NOTMUCH_STATUS_SUCCESS && w->add != NULL)
		st = notmuch_message_add_tag(m, w->add);
	if (st == NOTMUCH_STATUS_SUCCESS)
		st = notmuch_message_thaw(m);
	notmuch_message_destroy(m);
	if (st != NOTMUCH_STATUS_SUCCESS)
		return pd_err_set(err, PD_E_DB, "cannot tag <%s>: %s; nothing was changed", id,
				  notmuch_status_to_string(st));
	(*changed)++;
	return PD_OK;
}

int pd_store_tag(struct pd_store *store, const struct pd_tag_write *w, unsigned wait_ms,
		 pd_tag_wait_fn *waiting, void *data, size_t *changed, struct pd_err *err)
{
	*changed = 0;
	void *local = talloc_new(NULL);
	char *lockfile = talloc_asprintf(local, "%s/.notmuch/xapian/flintlock", pd_store_path(store));
	notmuch_database_t **db = talloc_zero(local, notmuch_database_t *);
	if (lockfile == NULL || db == NULL) {
		talloc_free(local);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	talloc_set_destructor(db, db_destroy);
	for (unsigned waited = 0; locked(lockfile); waited += RETRY_MS) {
		if (waited >= wait_ms) {
			talloc_free(local);
			return pd_err_set(err, PD_E_DB_LOCKED,
					  "the notmuch database %s is still locked by another writer "
					  "(notmuch new?) after %u s; nothing was changed: try again "
					  "when it is done",
					  pd_store_path(store), wait_ms / 1000);
		}
		if (waiting != NULL)
			waiting(data, waited);
		sleep_ms(RETRY_MS);
	}
	char *msg = NULL;
	notmuch_status_t st = notmuch_database_open_with_config(
		NULL, NOTMUCH_DATABASE_MODE_READ_WRITE, pd_store_config(store), NULL, db, &msg);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		int rc = pd_store_diagnose(err, st, msg, pd_store_config(store));
		free(msg);
		*db = NULL;
		talloc_free(local);
		return rc;
	}
	free(msg);
	int rc = notmuch_database_begin_atomic(*db) == NOTMUCH_STATUS_SUCCESS
			 ? PD_OK
			 : pd_err_set(err, PD_E_DB, "cannot write to the notmuch database %s",
				      pd_store_path(store));
	for (size_t i = 0; rc == PD_OK && i < w->nids; i++)
		rc = write_one(*db, w->ids[i], w, changed, err);
	/* On an error the atomic section is never ended: closing the database
	 * then throws the half-made change away. */
	if (rc == PD_OK && (notmuch_database_end_atomic(*db) != NOTMUCH_STATUS_SUCCESS ||
			    notmuch_database_close(*db) != NOTMUCH_STATUS_SUCCESS))
		rc = pd_err_set(err, PD_E_DB, "cannot commit the tags to the notmuch database %s",
				pd_store_path(store));
	if (rc != PD_OK)
		*changed = 0;
	talloc_free(local);
	return rc;
}
