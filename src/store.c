#include "config.h"

#include "store.h"
#include "store_diag.h"

#include <errno.h>
#include <notmuch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>

struct pd_store {
	notmuch_database_t *db;
	char *path;
	char *config;   /* as given to pd_store_open, NULL for notmuch's default */
};

static int store_destroy(struct pd_store *store)
{
	if (store->db != NULL)
		notmuch_database_destroy(store->db);
	return 0;
}

int pd_store_open(struct pd_store **out, void *ctx, const char *config_path,
		  struct pd_err *err)
{
	*out = NULL;

	struct pd_store *store = talloc_zero(ctx, struct pd_store);
	if (store == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	talloc_set_destructor(store, store_destroy);

	char *nm_msg = NULL;
	notmuch_status_t st = notmuch_database_open_with_config(
		NULL, NOTMUCH_DATABASE_MODE_READ_ONLY, config_path, NULL,
		&store->db, &nm_msg);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		int rc = pd_store_diagnose(err, st, nm_msg, config_path);
		free(nm_msg);
		store->db = NULL;
		talloc_free(store);
		return rc;
	}
	free(nm_msg);

	store->path = talloc_strdup(store, notmuch_database_get_path(store->db));
	store->config = config_path ? talloc_strdup(store, config_path) : NULL;
	if (store->path == NULL || (config_path != NULL && store->config == NULL)) {
		talloc_free(store);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	int rc = pd_store_check_readable(err, store->path);
	if (rc != PD_OK) {
		talloc_free(store);
		return rc;
	}
	*out = store;
	return PD_OK;
}

const char *pd_store_path(const struct pd_store *store)
{
	return store->path;
}

const char *pd_store_config(const struct pd_store *store)
{
	return store->config;
}

int pd_store_revision(struct pd_store *store, void *ctx, char **uuid, unsigned long *revision,
		      struct pd_err *err)
{
	const char *u = NULL;
	*revision = notmuch_database_get_revision(store->db, &u);
	*uuid = talloc_strdup(ctx, u != NULL ? u : "");
	return *uuid != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");
}

/* Owns a notmuch query so that an early return cannot leak it. */
static int query_destroy(notmuch_query_t **q)
{
	if (*q != NULL)
		notmuch_query_destroy(*q);
	return 0;
}

/* notmuch parses the query only when it runs it, and leaves Xapian's reason
 * ("Didn't understand date specification 'foo'") in the status string. */
static int query_error(struct pd_err *err, struct pd_store *store,
		       const char *qs, notmuch_status_t st)
{
	const char *why = notmuch_database_status_string(store->db);
	const char *colon = why != NULL ? strstr(why, "parsing query: ") : NULL;
	if (colon == NULL)
		return pd_err_set(err, PD_E_DB_QUERY, "query '%s' failed: %s", qs,
				  notmuch_status_to_string(st));
	colon += strlen("parsing query: ");
	return pd_err_set(err, PD_E_DB_QUERY,
			  "bad query '%s': %.*s; see notmuch-search-terms(7)", qs,
			  (int)strcspn(colon, "\n"), colon);
}

/* Runs qs as a thread search, newest first. The query is owned by a talloc
 * object under owner, so the threads stay valid until owner is freed and an
 * early return cannot leak them. */
static int search_threads(notmuch_threads_t **out, struct pd_store *store,
			  void *owner, const char *qs, struct pd_err *err)
{
	*out = NULL;
	notmuch_query_t **qh = talloc(owner, notmuch_query_t *);
	if (qh == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	*qh = NULL;
	talloc_set_destructor(qh, query_destroy);

	notmuch_status_t st = notmuch_query_create_with_syntax(
		store->db, qs, NOTMUCH_QUERY_SYNTAX_XAPIAN, qh);
	if (st != NOTMUCH_STATUS_SUCCESS)
		return query_error(err, store, qs, st);
	notmuch_query_set_sort(*qh, NOTMUCH_SORT_NEWEST_FIRST);
	st = notmuch_query_search_threads(*qh, out);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		*out = NULL;
		return query_error(err, store, qs, st);
	}
	return PD_OK;
}

int pd_store_threads(struct pd_thread_row **out, size_t *count,
		     struct pd_store *store, void *ctx, const char *query,
		     struct pd_err *err)
{
	*out = NULL;
	*count = 0;

	void *local = talloc_new(NULL);
	const char *qs = (query == NULL || *query == '\0') ? "*" : query;
	notmuch_threads_t *threads = NULL;
	int rc = search_threads(&threads, store, local, qs, err);
	if (rc != PD_OK)
		goto done;

	size_t n = 0, cap = 64;
	struct pd_thread_row *rows = talloc_array(local, struct pd_thread_row, cap);
	bool nomem = rows == NULL;
	for (; !nomem && notmuch_threads_valid(threads); notmuch_threads_move_to_next(threads)) {
		notmuch_thread_t *t = notmuch_threads_get(threads);
		if (n == cap) {
			struct pd_thread_row *grown =
				talloc_realloc(local, rows, struct pd_thread_row, cap * 2);
			if (grown == NULL) {
				nomem = true;
				break;
			}
			rows = grown;
			cap *= 2;
		}
		const char *authors = notmuch_thread_get_authors(t);
		const char *subject = notmuch_thread_get_subject(t);
		bool unread = false;
		notmuch_tags_t *tags = notmuch_thread_get_tags(t);
		for (; notmuch_tags_valid(tags); notmuch_tags_move_to_next(tags))
			if (strcmp(notmuch_tags_get(tags), "unread") == 0)
				unread = true;
		rows[n] = (struct pd_thread_row){
			.thread_id = talloc_strdup(rows, notmuch_thread_get_thread_id(t)),
			.newest = notmuch_thread_get_newest_date(t),
			.oldest = notmuch_thread_get_oldest_date(t),
			.authors = talloc_strdup(rows, authors ? authors : ""),
			.subject = talloc_strdup(rows, subject ? subject : ""),
			.total = notmuch_thread_get_total_messages(t),
			.matched = notmuch_thread_get_matched_messages(t),
			.unread = unread,
		};
		n++;
		notmuch_thread_destroy(t);
	}
	if (nomem) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	*out = talloc_steal(ctx, rows);
	*count = n;
done:
	talloc_free(local);
	return rc;
}

struct msg_walk {
	struct pd_message_row *rows;
	size_t n, cap;
};

static bool walk_messages(struct msg_walk *w, notmuch_messages_t *msgs, int depth,
			  long parent)
{
	for (; notmuch_messages_valid(msgs); notmuch_messages_move_to_next(msgs)) {
		notmuch_message_t *m = notmuch_messages_get(msgs);
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 32;
			struct pd_message_row *r =
				talloc_realloc(NULL, w->rows, struct pd_message_row, w->cap);
			if (r == NULL)
				return false;
			w->rows = r;
		}
		const char *from = notmuch_message_get_header(m, "from");
		const char *subject = notmuch_message_get_header(m, "subject");
		char *tags = talloc_strdup(w->rows, "");
		bool unread = false;
		notmuch_tags_t *tl = notmuch_message_get_tags(m);
		for (; tags != NULL && notmuch_tags_valid(tl); notmuch_tags_move_to_next(tl)) {
			const char *t = notmuch_tags_get(tl);
			unread |= strcmp(t, "unread") == 0;
			tags = talloc_asprintf_append(tags, "%s%s", *tags ? " " : "", t);
		}
		notmuch_bool_t match = FALSE;
		notmuch_message_get_flag_st(m, NOTMUCH_MESSAGE_FLAG_MATCH, &match);
		long self = (long)w->n;
		w->rows[w->n++] = (struct pd_message_row){
			.message_id = talloc_strdup(w->rows, notmuch_message_get_message_id(m)),
			.date = notmuch_message_get_date(m),
			.from = talloc_strdup(w->rows, from ? from : ""),
			.subject = talloc_strdup(w->rows, subject ? subject : ""),
			.tags = tags,
			.depth = depth,
			.parent = parent,
			.matched = match,
			.unread = unread,
		};
		notmuch_messages_t *replies = notmuch_message_get_replies(m);
		bool ok = tags != NULL && w->rows[self].message_id != NULL &&
			  w->rows[self].from != NULL && w->rows[self].subject != NULL &&
			  (replies == NULL || walk_messages(w, replies, depth + 1, self));
		notmuch_message_destroy(m);
		if (!ok)
			return false;
	}
	return true;
}

int pd_store_thread_messages(struct pd_message_row **out, size_t *count,
			     struct pd_store *store, void *ctx,
			     const char *thread_id, const char *query,
			     struct pd_err *err)
{
	*out = NULL;
	*count = 0;

	void *local = talloc_new(NULL);
	struct msg_walk w = { .rows = NULL };
	int rc = PD_OK;
	/* Quoting the id keeps any query syntax in it inert. */
	char *qs = (query == NULL || *query == '\0')
		? talloc_asprintf(local, "thread:\"%s\"", thread_id)
		: talloc_asprintf(local, "thread:\"%s\" and (%s)", thread_id, query);
	notmuch_threads_t *threads = NULL;
	if (qs == NULL)
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	else
		rc = search_threads(&threads, store, local, qs, err);
	if (rc != PD_OK)
		goto done;
	if (!notmuch_threads_valid(threads)) {
		rc = pd_err_set(err, PD_E_NOT_FOUND,
				"thread %s is no longer in the database; reload the list",
				thread_id);
		goto done;
	}
	notmuch_thread_t *t = notmuch_threads_get(threads);
	bool ok = walk_messages(&w, notmuch_thread_get_toplevel_messages(t), 0, -1);
	notmuch_thread_destroy(t);
	if (!ok) {
		talloc_free(w.rows);
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	*out = talloc_steal(ctx, w.rows);
	*count = w.n;
done:
	talloc_free(local);
	return rc;
}

/* ---- messages for the series model ---- */

static int copy_message(struct pd_store_msg *row, void *owner, notmuch_message_t *m)
{
	const char *id = notmuch_message_get_message_id(m);
	const char *tid = notmuch_message_get_thread_id(m);
	*row = (struct pd_store_msg){
		.message_id = talloc_strdup(owner, id != NULL ? id : ""),
		.thread_id = talloc_strdup(owner, tid != NULL ? tid : ""),
		.date = notmuch_message_get_date(m),
	};
	if (row->message_id == NULL || row->thread_id == NULL)
		return PD_E_NOMEM;
	/* The tags go with the message (destroyed by the caller), not here:
	 * notmuch hands them out holding a talloc reference, and freeing them
	 * one by one cost time growing with the thread (talloc_is_parent):
	 * 10 s instead of 0.6 for a 10,000-patch thread. */
	notmuch_tags_t *tags = notmuch_message_get_tags(m);
	for (; tags != NULL && notmuch_tags_valid(tags); notmuch_tags_move_to_next(tags))
		row->unread |= strcmp(notmuch_tags_get(tags), "unread") == 0;
	size_t cap = 0;
	notmuch_filenames_t *fn = notmuch_message_get_filenames(m);
	for (; fn != NULL && notmuch_filenames_valid(fn); notmuch_filenames_move_to_next(fn)) {
		if (row->npaths == cap) {
			cap = cap ? 2 * cap : 1;
			char **p = talloc_realloc(owner, row->paths, char *, cap);
			if (p == NULL)
				return PD_E_NOMEM;
			row->paths = p;
		}
		row->paths[row->npaths] = talloc_strdup(row->paths, notmuch_filenames_get(fn));
		if (row->paths[row->npaths++] == NULL)
			return PD_E_NOMEM;
	}
	if (fn != NULL)
		notmuch_filenames_destroy(fn);
	return PD_OK;
}

/* Appends the messages of ms to the talloc array *msgs under ctx. */
static int copy_messages(struct pd_store_msg **msgs, size_t *count, void *ctx,
			 notmuch_messages_t *ms, struct pd_err *err)
{
	size_t n = *count, cap = n;
	struct pd_store_msg *rows = *msgs;
	int rc = PD_OK;
	for (; notmuch_messages_valid(ms); notmuch_messages_move_to_next(ms)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			struct pd_store_msg *r = talloc_realloc(ctx, rows, struct pd_store_msg, cap);
			if (r == NULL) {
				rc = PD_E_NOMEM;
				break;
			}
			rows = r;
		}
		notmuch_message_t *m = notmuch_messages_get(ms);
		rc = copy_message(&rows[n], rows, m);
		notmuch_message_destroy(m);
		if (rc != PD_OK)
			break;
		n++;
	}
	*msgs = rows;
	*count = n;
	if (rc != PD_OK)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	return PD_OK;
}

int pd_store_messages(struct pd_store_msg **msgs, size_t *count,
		      struct pd_store *store, void *ctx, const char *query,
		      struct pd_err *err)
{
	void *local = talloc_new(NULL);
	const char *qs = (query == NULL || *query == '\0') ? "*" : query;
	int rc = PD_OK;
	notmuch_query_t **qh = talloc(local, notmuch_query_t *);
	if (qh == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	*qh = NULL;
	talloc_set_destructor(qh, query_destroy);
	notmuch_status_t st = notmuch_query_create_with_syntax(
		store->db, qs, NOTMUCH_QUERY_SYNTAX_XAPIAN, qh);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		rc = query_error(err, store, qs, st);
		goto done;
	}
	/* The caller orders what it needs; sorting here would cost a value
	 * lookup per message for nothing. */
	notmuch_query_set_sort(*qh, NOTMUCH_SORT_UNSORTED);
	notmuch_messages_t *ms = NULL;
	st = notmuch_query_search_messages(*qh, &ms);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		rc = query_error(err, store, qs, st);
		goto done;
	}
	rc = copy_messages(msgs, count, ctx, ms, err);
done:
	talloc_free(local);
	return rc;
}

/* ---- threads walked one at a time ---- */

struct pd_store_walk {
	notmuch_threads_t *threads;  /* owned by the query under the walk */
};

int pd_store_walk_begin(struct pd_store_walk **out, struct pd_store *store, void *ctx,
			const char *query, struct pd_err *err)
{
	*out = NULL;
	struct pd_store_walk *w = talloc_zero(ctx, struct pd_store_walk);
	if (w == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	const char *qs = (query == NULL || *query == '\0') ? "*" : query;
	int rc = search_threads(&w->threads, store, w, qs, err);
	if (rc != PD_OK) {
		talloc_free(w);
		return rc;
	}
	*out = w;
	return PD_OK;
}

int pd_store_walk_next(struct pd_store_walk *walk, struct pd_store_msg **msgs, size_t *count,
		       void *ctx, bool *end, struct pd_err *err)
{
	*end = walk->threads == NULL || !notmuch_threads_valid(walk->threads);
	if (*end)
		return PD_OK;
	notmuch_thread_t *t = notmuch_threads_get(walk->threads);
	notmuch_threads_move_to_next(walk->threads);
	if (t == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int rc = copy_messages(msgs, count, ctx, notmuch_thread_get_messages(t), err);
	notmuch_thread_destroy(t);
	return rc;
}
