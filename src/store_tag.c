#include "config.h"

#include "store_tag.h"

#include <notmuch.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "store_lock.h"
#include "store_same.h"

static int db_destroy(notmuch_database_t **db)
{
	if (*db != NULL)
		notmuch_database_destroy(*db);
	return 0;
}

static bool is_added(const struct pd_tag_write *w, const char *t)
{
	return (w->add != NULL && strcmp(t, w->add) == 0) ||
	       (w->add_extra != NULL && strcmp(t, w->add_extra) == 0);
}

static bool is_removed(const struct pd_tag_write *w, const char *t)
{
	if (is_added(w, t))
		return false;
	for (size_t i = 0; i < w->nremove; i++)
		if (strcmp(t, w->remove[i]) == 0)
			return true;
	return w->remove_prefix != NULL &&
	       strncmp(t, w->remove_prefix, strlen(w->remove_prefix)) == 0;
}

/* The tags of m that the change takes off (a talloc array of copies
 * under ctx), and whether it changes m at all. */
static bool changes(void *ctx, notmuch_message_t *m, const struct pd_tag_write *w,
		    char ***gone, size_t *ngone)
{
	bool has_add = false, has_extra = false;
	*gone = NULL;
	*ngone = 0;
	notmuch_tags_t *tags = notmuch_message_get_tags(m);
	for (; tags != NULL && notmuch_tags_valid(tags); notmuch_tags_move_to_next(tags)) {
		const char *t = notmuch_tags_get(tags);
		if (w->add != NULL && strcmp(t, w->add) == 0)
			has_add = true;
		if (w->add_extra != NULL && strcmp(t, w->add_extra) == 0)
			has_extra = true;
		if (is_removed(w, t)) {
			char **g = talloc_realloc(ctx, *gone, char *, *ngone + 1);
			if (g != NULL) {
				*gone = g;
				g[(*ngone)++] = talloc_strdup(g, t);
			}
		}
	}
	if (tags != NULL)
		notmuch_tags_destroy(tags);
	return *ngone > 0 || (w->add != NULL && !has_add) || (w->add_extra != NULL && !has_extra);
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
	char **gone = NULL;
	size_t ngone = 0;
	if (!changes(NULL, m, w, &gone, &ngone)) {
		notmuch_message_destroy(m);
		return PD_OK;
	}
	st = notmuch_message_freeze(m);
	for (size_t i = 0; st == NOTMUCH_STATUS_SUCCESS && i < ngone; i++)
		st = gone[i] != NULL ? notmuch_message_remove_tag(m, gone[i])
				     : NOTMUCH_STATUS_OUT_OF_MEMORY;
	talloc_free(gone);
	if (st == NOTMUCH_STATUS_SUCCESS && w->add != NULL)
		st = notmuch_message_add_tag(m, w->add);
	if (st == NOTMUCH_STATUS_SUCCESS && w->add_extra != NULL)
		st = notmuch_message_add_tag(m, w->add_extra);
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
	notmuch_database_t **db = talloc_zero(local, notmuch_database_t *);
	if (db == NULL) {
		talloc_free(local);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	talloc_set_destructor(db, db_destroy);
	int rc = pd_store_wait_unlocked(pd_store_path(store), wait_ms, waiting, data);
	if (rc != PD_OK) {
		talloc_free(local);
		return rc == PD_E_DB_LOCKED
			? pd_err_set(err, rc,
				     "the notmuch database %s is still locked by another writer "
				     "(notmuch new?) after %u s; nothing was changed: try again "
				     "when it is done",
				     pd_store_path(store), wait_ms / 1000)
			: pd_err_set(err, rc, "out of memory");
	}
	/* A handle of its own: the reader's stays read-only, and a write
	 * holds the lock only while it writes. */
	rc = pd_store_reopen(db, store, true, err);
	if (rc != PD_OK) {
		talloc_free(local);
		return rc;
	}
	if (notmuch_database_begin_atomic(*db) != NOTMUCH_STATUS_SUCCESS)
		rc = pd_err_set(err, PD_E_DB, "cannot write to the notmuch database %s",
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

static int query_destroy(notmuch_query_t **q)
{
	if (*q != NULL)
		notmuch_query_destroy(*q);
	return 0;
}

int pd_store_tags_read(struct pd_store *store, void *ctx, const char *query,
		       const char *tag_prefix, char ***ids, char ***tags, size_t *n,
		       struct pd_err *err)
{
	void *local = talloc_new(NULL);
	notmuch_database_t **db = talloc_zero(local, notmuch_database_t *);
	notmuch_query_t **q = talloc_zero(local, notmuch_query_t *);
	char **out_ids = talloc_array(local, char *, 0);
	char **out_tags = talloc_array(local, char *, 0);
	size_t count = 0, plen = strlen(tag_prefix);
	if (db == NULL || q == NULL || out_ids == NULL || out_tags == NULL) {
		talloc_free(local);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	talloc_set_destructor(db, db_destroy);
	/* Freed before the database: local's children go last-made first. */
	talloc_set_destructor(q, query_destroy);
	int rc = pd_store_reopen(db, store, false, err);
	if (rc != PD_OK) {
		talloc_free(local);
		return rc;
	}
	notmuch_messages_t *msgs = NULL;
	*q = notmuch_query_create(*db, query);
	if (*q == NULL || notmuch_query_search_messages(*q, &msgs) != NOTMUCH_STATUS_SUCCESS) {
		talloc_free(local);
		return pd_err_set(err, PD_E_DB_QUERY, "cannot search the notmuch database for %s",
				  query);
	}
	for (; rc == PD_OK && notmuch_messages_valid(msgs); notmuch_messages_move_to_next(msgs)) {
		notmuch_message_t *m = notmuch_messages_get(msgs);
		notmuch_tags_t *t = notmuch_message_get_tags(m);
		for (; rc == PD_OK && t != NULL && notmuch_tags_valid(t);
		     notmuch_tags_move_to_next(t)) {
			const char *tag = notmuch_tags_get(t);
			if (strncmp(tag, tag_prefix, plen) != 0)
				continue;
			char **a = talloc_realloc(local, out_ids, char *, count + 1);
			char **b = a != NULL ? talloc_realloc(local, out_tags, char *, count + 1) : NULL;
			if (a != NULL)
				out_ids = a;
			if (b != NULL)
				out_tags = b;
			if (a == NULL || b == NULL ||
			    (a[count] = talloc_strdup(a, notmuch_message_get_message_id(m))) == NULL ||
			    (b[count] = talloc_strdup(b, tag)) == NULL)
				rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
			else
				count++;
		}
		notmuch_message_destroy(m);
	}
	if (rc == PD_OK) {
		*ids = talloc_steal(ctx, out_ids);
		*tags = talloc_steal(ctx, out_tags);
		*n = count;
	}
	talloc_free(local);
	return rc;
}
