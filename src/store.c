#include "config.h"

#include "store.h"

#include <errno.h>
#include <notmuch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>

struct pd_store {
	notmuch_database_t *db;
	char *path;
};

static int store_destroy(struct pd_store *store)
{
	if (store->db != NULL)
		notmuch_database_destroy(store->db);
	return 0;
}

/* notmuch reports several distinct failures with one status code and a
 * multi-line message; the first line is the useful part. */
static char *first_line(void *ctx, const char *msg)
{
	if (msg == NULL)
		return talloc_strdup(ctx, "");
	while (*msg == ' ' || *msg == '\t')
		msg++;
	if (strncmp(msg, "Error: ", 7) == 0)
		msg += 7;
	size_t len = strcspn(msg, "\n");
	while (len > 0 && (msg[len - 1] == ' ' || msg[len - 1] == '.'))
		len--;
	return talloc_strndup(ctx, msg, len);
}

static const char *config_name(const char *config_path)
{
	if (config_path != NULL)
		return config_path;
	const char *env = getenv("NOTMUCH_CONFIG");
	return env != NULL && *env != '\0' ? env : "the default notmuch config";
}

static int map_open_error(struct pd_err *err, notmuch_status_t st,
			  const char *config_path, const char *nm_msg)
{
	void *tmp = talloc_new(NULL);
	const char *line = first_line(tmp, nm_msg);
	const char *cfg = config_name(config_path);
	int rc;

	if (st == NOTMUCH_STATUS_NO_CONFIG) {
		rc = pd_err_set(err, PD_E_DB_NO_CONFIG,
				"no notmuch configuration at %s: run 'notmuch setup' "
				"or pass --notmuch-config FILE",
				cfg);
	} else if (nm_msg != NULL && (strstr(nm_msg, "newer database format") ||
				      strstr(nm_msg, "features"))) {
		rc = pd_err_set(err, PD_E_DB_NEWER,
				"%s: the database was written by a newer notmuch; "
				"upgrade libnotmuch to read it",
				line);
	} else if (st == NOTMUCH_STATUS_NO_DATABASE ||
		   (nm_msg != NULL && strstr(nm_msg, "No such file"))) {
		rc = pd_err_set(err, PD_E_DB_MISSING,
				"no notmuch database (%s): create it with "
				"'notmuch new' or point --notmuch-config at another config",
				*line ? line : cfg);
	} else if (nm_msg != NULL && strstr(nm_msg, "ermission")) {
		rc = pd_err_set(err, PD_E_DB_UNREADABLE,
				"%s: make the database readable by this user", line);
	} else if (st == NOTMUCH_STATUS_XAPIAN_EXCEPTION) {
		rc = pd_err_set(err, PD_E_DB_NOT_DB,
				"%s: not a usable notmuch database; check the path "
				"in %s or rebuild it with 'notmuch new'",
				line, cfg);
	} else {
		rc = pd_err_set(err, PD_E_DB, "cannot open the notmuch database: %s",
				*line ? line : notmuch_status_to_string(st));
	}
	talloc_free(tmp);
	return rc;
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
		int rc = map_open_error(err, st, config_path, nm_msg);
		free(nm_msg);
		store->db = NULL;
		talloc_free(store);
		return rc;
	}
	free(nm_msg);

	store->path = talloc_strdup(store, notmuch_database_get_path(store->db));
	*out = store;
	return PD_OK;
}

const char *pd_store_path(const struct pd_store *store)
{
	return store->path;
}

/* Owns a notmuch query so that an early return cannot leak it. */
static int query_destroy(notmuch_query_t **q)
{
	if (*q != NULL)
		notmuch_query_destroy(*q);
	return 0;
}

int pd_store_threads(struct pd_thread_row **out, size_t *count,
		     struct pd_store *store, void *ctx, const char *query,
		     struct pd_err *err)
{
	*out = NULL;
	*count = 0;

	void *local = talloc_new(NULL);
	int rc = PD_OK;
	notmuch_query_t **qh = talloc(local, notmuch_query_t *);
	if (qh == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	*qh = NULL;
	talloc_set_destructor(qh, query_destroy);

	const char *qs = (query == NULL || *query == '\0') ? "*" : query;
	notmuch_status_t st = notmuch_query_create_with_syntax(
		store->db, qs, NOTMUCH_QUERY_SYNTAX_XAPIAN, qh);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		rc = pd_err_set(err, PD_E_DB_QUERY, "query '%s': %s", qs,
				notmuch_status_to_string(st));
		goto done;
	}
	notmuch_query_set_sort(*qh, NOTMUCH_SORT_NEWEST_FIRST);

	notmuch_threads_t *threads = NULL;
	st = notmuch_query_search_threads(*qh, &threads);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		rc = pd_err_set(err, PD_E_DB_QUERY, "query '%s': %s", qs,
				notmuch_status_to_string(st));
		goto done;
	}

	size_t n = 0, cap = 64;
	struct pd_thread_row *rows = talloc_array(local, struct pd_thread_row, cap);
	for (; rows != NULL && notmuch_threads_valid(threads);
	     notmuch_threads_move_to_next(threads)) {
		notmuch_thread_t *t = notmuch_threads_get(threads);
		if (n == cap) {
			cap *= 2;
			rows = talloc_realloc(local, rows, struct pd_thread_row, cap);
			if (rows == NULL)
				break;
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
	if (rows == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	*out = talloc_steal(ctx, rows);
	*count = n;
done:
	talloc_free(local);
	return rc;
}
