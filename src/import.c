#include "config.h"

#include "import.h"

#include <notmuch.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "import_maildir.h"
#include "import_state.h"
#include "pubinbox.h"
#include "store_diag.h"

enum { DEFAULT_BATCH = 2000 };

/* Everything one run holds; freed with it. */
struct run {
	const struct pd_import_opts *o;
	struct pd_import_stats *st;
	struct pd_pi *pi;
	struct pd_maildir *md;
	notmuch_database_t *db;
	notmuch_indexopts_t *indexopts;
	bool sync_flags;
	char **tags;
	size_t ntags;
	char *state;          /* the state file */
	bool have_old;
	struct pd_pi_pos old; /* where the state file says the last run got */
	struct pd_err *err;
};

static int run_destroy(struct run *r)
{
	if (r->indexopts != NULL)
		notmuch_indexopts_destroy(r->indexopts);
	/* Without a commit, closing drops the open transaction: what it
	 * held is found again by the next run. */
	if (r->db != NULL)
		notmuch_database_destroy(r->db);
	return 0;
}

static int nm_error(struct run *r, notmuch_status_t st, const char *what)
{
	return pd_err_set(r->err, PD_E_DB, "cannot %s the notmuch database %s: %s", what,
			  notmuch_database_get_path(r->db), notmuch_status_to_string(st));
}

/* notmuch would wait for another writer's lock without a word, for as
 * long as it is held; here the wait is told and bounded. The database's
 * path comes from a read-only open, which takes no lock. */
static int wait_for_writers(struct run *r)
{
	notmuch_database_t *ro = NULL;
	char *msg = NULL;
	notmuch_status_t st = notmuch_database_open_with_config(
		NULL, NOTMUCH_DATABASE_MODE_READ_ONLY, r->o->notmuch_config, NULL, &ro, &msg);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		int rc = pd_store_diagnose(r->err, st, msg, r->o->notmuch_config);
		free(msg);
		return rc;
	}
	free(msg);
	char *path = talloc_strdup(r, notmuch_database_get_path(ro));
	notmuch_database_destroy(ro);
	if (path == NULL)
		return pd_err_set(r->err, PD_E_NOMEM, "out of memory");
	int rc = pd_store_wait_unlocked(path, r->o->wait_ms, r->o->waiting, r->o->data);
	if (rc == PD_E_DB_LOCKED)
		pd_err_set(r->err, rc,
			   "the notmuch database %s is still locked by another writer (notmuch "
			   "new?) after %u s: run the import again when it is done (it goes on "
			   "where this one stopped)",
			   path, r->o->wait_ms / 1000);
	else if (rc != PD_OK)
		pd_err_set(r->err, rc, "out of memory");
	talloc_free(path);
	return rc;
}

/* Opens the database for writing, or again after a commit. */
static int connect_db(struct run *r)
{
	int rc = wait_for_writers(r);
	if (rc != PD_OK)
		return rc;
	char *msg = NULL;
	notmuch_status_t st = notmuch_database_open_with_config(
		NULL, NOTMUCH_DATABASE_MODE_READ_WRITE, r->o->notmuch_config, NULL, &r->db, &msg);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		rc = pd_store_diagnose(r->err, st, msg, r->o->notmuch_config);
		free(msg);
		r->db = NULL;
		return rc;
	}
	free(msg);
	r->indexopts = notmuch_database_get_default_indexopts(r->db);
	if (r->indexopts == NULL)
		return pd_err_set(r->err, PD_E_NOMEM, "out of memory");
	return PD_OK;
}

static int open_db(struct run *r)
{
	int rc = connect_db(r);
	if (rc != PD_OK)
		return rc;
	/* notmuch finds files by their path under the mail root; a file
	 * outside it would be indexed where `notmuch new` never looks. */
	const char *root = notmuch_config_get(r->db, NOTMUCH_CONFIG_MAIL_ROOT);
	char *abs = root != NULL ? realpath(root, NULL) : NULL;
	const char *md = pd_maildir_path(r->md);
	size_t n = abs != NULL ? strlen(abs) : 0;
	bool inside = abs != NULL && strncmp(md, abs, n) == 0 &&
		      (md[n] == '/' || md[n] == '\0' || (n == 1 && abs[0] == '/'));
	rc = inside ? PD_OK
		    : pd_err_set(r->err, PD_E_CONFIG,
				     "the maildir %s is outside the notmuch mail root %s; give a "
				     "maildir under it (or the notmuch config of its database "
				     "with --notmuch-config)",
				     md, root != NULL ? root : "(none)");
	free(abs);
	if (rc != PD_OK)
		return rc;
	notmuch_bool_t sync = FALSE;
	if (notmuch_config_get_bool(r->db, NOTMUCH_CONFIG_SYNC_MAILDIR_FLAGS, &sync) ==
	    NOTMUCH_STATUS_SUCCESS)
		r->sync_flags = sync;
	notmuch_config_values_t *v = notmuch_config_get_values(r->db, NOTMUCH_CONFIG_NEW_TAGS);
	for (; v != NULL && notmuch_config_values_valid(v); notmuch_config_values_move_to_next(v)) {
		const char *t = notmuch_config_values_get(v);
		if (*t == '\0')
			continue;
		char **grown = talloc_realloc(r, r->tags, char *, r->ntags + 1);
		if (grown == NULL || (grown[r->ntags] = talloc_strdup(grown, t)) == NULL) {
			notmuch_config_values_destroy(v);
			return pd_err_set(r->err, PD_E_NOMEM, "out of memory");
		}
		r->tags = grown;
		r->ntags++;
	}
	if (v != NULL)
		notmuch_config_values_destroy(v);
	return PD_OK;
}

/* Whether message holds a file named name (in new/ or, moved by a
 * reader, in cur/ with flags after a colon). */
static bool has_file(notmuch_message_t *m, const char *name)
{
	size_t n = strlen(name);
	bool found = false;
	notmuch_filenames_t *f = notmuch_message_get_filenames(m);
	for (; !found && f != NULL && notmuch_filenames_valid(f); notmuch_filenames_move_to_next(f)) {
		const char *path = notmuch_filenames_get(f);
		const char *base = strrchr(path, '/');
		base = base != NULL ? base + 1 : path;
		found = strncmp(base, name, n) == 0 && (base[n] == '\0' || base[n] == ':');
	}
	if (f != NULL)
		notmuch_filenames_destroy(f);
	return found;
}

static int add_tags(struct run *r, notmuch_message_t *m)
{
	notmuch_status_t st = notmuch_message_freeze(m);
	for (size_t i = 0; st == NOTMUCH_STATUS_SUCCESS && i < r->ntags; i++)
		st = notmuch_message_add_tag(m, r->tags[i]);
	if (st == NOTMUCH_STATUS_SUCCESS && r->sync_flags)
		st = notmuch_message_maildir_flags_to_tags(m);
	if (st == NOTMUCH_STATUS_SUCCESS)
		st = notmuch_message_thaw(m);
	return st == NOTMUCH_STATUS_SUCCESS ? PD_OK : nm_error(r, st, "tag a message in");
}

/* Indexes path; a new Message-ID gets the configured new tags, as
 * `notmuch new` gives them. */
static int index_file(struct run *r, const char *path, bool *dup)
{
	notmuch_message_t *m = NULL;
	notmuch_status_t st = notmuch_database_index_file(r->db, path, r->indexopts, &m);
	*dup = st == NOTMUCH_STATUS_DUPLICATE_MESSAGE_ID;
	if (st == NOTMUCH_STATUS_FILE_NOT_EMAIL) {
		/* The archive holds it; notmuch cannot take it. Kept, counted. */
		return PD_OK;
	}
	if (st != NOTMUCH_STATUS_SUCCESS && !*dup)
		return pd_err_set(r->err, PD_E_DB, "cannot index %s into the notmuch database %s: %s",
				  path, notmuch_database_get_path(r->db),
				  notmuch_status_to_string(st));
	int rc = *dup ? PD_OK : add_tags(r, m);
	notmuch_message_destroy(m);
	return rc;
}

/* Orders removals by blob, then by their place in the walk. */
struct removal {
	git_oid blob;
	size_t at;
};

static int removal_cmp(const void *a, const void *b)
{
	const struct removal *x = a, *y = b;
	int c = git_oid_cmp(&x->blob, &y->blob);
	return c != 0 ? c : x->at < y->at ? -1 : x->at > y->at;
}

/* Whether the message cs[i] adds is removed again later in the walk (spam
 * a list admin purged): then it is not delivered at all. */
static bool removed_later(const struct removal *rm, size_t nrm, const git_oid *blob, size_t i)
{
	size_t lo = 0, hi = nrm;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = git_oid_cmp(&rm[mid].blob, blob);
		if (c < 0 || (c == 0 && rm[mid].at <= i))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nrm && git_oid_equal(&rm[lo].blob, blob);
}

static int import_one(struct run *r, void *tmp, const struct pd_pi_commit *c)
{
	const char *data;
	size_t len;
	void *keep;
	int rc = pd_pi_read(r->pi, tmp, c, &data, &len, &keep, r->err);
	if (rc != PD_OK)
		return rc;
	char *id = pd_pi_message_id(tmp, data, len);
	if (c->kind == PD_PI_REMOVE) {
		r->st->removed++;
		if (r->o->removal != NULL)
			r->o->removal(r->o->data, id, pd_pi_short(tmp, &c->pos.id, 12));
		return PD_OK;
	}
	char *name = pd_maildir_name(tmp, c->time, pd_pi_short(tmp, &c->pos.id, 40));
	char *path = talloc_asprintf(tmp, "%s/new/%s", pd_maildir_path(r->md), name);
	if (name == NULL || path == NULL)
		return pd_err_set(r->err, PD_E_NOMEM, "out of memory");
	notmuch_message_t *m = NULL;
	bool delivered = false;
	if (pd_maildir_has(r->md, name)) {
		if (notmuch_database_find_message_by_filename(r->db, path, &m) ==
			    NOTMUCH_STATUS_SUCCESS && m != NULL) {
			notmuch_message_destroy(m);
			r->st->present++;
			return PD_OK;
		}
	} else {
		bool there = false;
		if (id != NULL && notmuch_database_find_message(r->db, id, &m) ==
					  NOTMUCH_STATUS_SUCCESS && m != NULL) {
			there = has_file(m, name);
			notmuch_message_destroy(m);
		}
		if (there) {
			r->st->present++;
			return PD_OK;
		}
		rc = pd_maildir_deliver(r->md, name, data, len, &delivered, r->err);
		if (rc != PD_OK)
			return rc;
	}
	bool dup = false;
	rc = index_file(r, path, &dup);
	if (rc == PD_OK) {
		r->st->added++;
		r->st->dup_ids += dup;
	}
	return rc;
}

static int remember(struct run *r, const struct pd_pi_pos *pos)
{
	if (r->have_old && !pd_pi_after(r->pi, pos, &r->old))
		return PD_OK;
	void *tmp = talloc_new(NULL);
	int rc = pd_import_state_write(r->state, pd_pi_path(r->pi), pd_maildir_path(r->md),
				       pd_pi_epoch_name(r->pi, pos->epoch),
				       pd_pi_short(tmp, &pos->id, 40), r->err);
	talloc_free(tmp);
	if (rc == PD_OK) {
		r->old = *pos;
		r->have_old = true;
	}
	return rc;
}

/* Ends a batch: its files on disk, its index committed, then its last
 * commit remembered, in that order. notmuch's atomic sections are Xapian
 * transactions that are not flushed, and libnotmuch has no commit call:
 * only closing the database writes them to disk, so it is closed and
 * opened again. */
static int commit_batch(struct run *r, const struct pd_pi_pos *pos, bool reopen)
{
	int rc = pd_maildir_sync(r->md, r->err);
	if (rc != PD_OK)
		return rc;
	notmuch_status_t st = notmuch_database_end_atomic(r->db);
	if (st == NOTMUCH_STATUS_SUCCESS)
		st = notmuch_database_close(r->db);
	if (st != NOTMUCH_STATUS_SUCCESS)
		return nm_error(r, st, "commit to");
	notmuch_indexopts_destroy(r->indexopts);
	r->indexopts = NULL;
	notmuch_database_destroy(r->db);
	r->db = NULL;
	if (reopen) {
		rc = connect_db(r);
		st = rc == PD_OK ? notmuch_database_begin_atomic(r->db) : NOTMUCH_STATUS_SUCCESS;
		if (rc == PD_OK && st != NOTMUCH_STATUS_SUCCESS)
			rc = nm_error(r, st, "write to");
		if (rc != PD_OK)
			return rc;
	}
	return pos != NULL ? remember(r, pos) : PD_OK;
}

/* The remembered position, checked against the archive. */
static int load_state(struct run *r, void *tmp)
{
	char *epoch = NULL, *commit = NULL;
	int rc = pd_import_state_read(tmp, r->state, &epoch, &commit, r->err);
	if (rc != PD_OK || epoch == NULL)
		return rc;
	for (size_t e = 0; e < pd_pi_nepochs(r->pi); e++) {
		if (strcmp(pd_pi_epoch_name(r->pi, e), epoch) != 0)
			continue;
		r->old.epoch = e;
		if (git_oid_fromstr(&r->old.id, commit) == 0 && pd_pi_has(r->pi, &r->old)) {
			r->have_old = true;
			return PD_OK;
		}
	}
	return pd_err_set(r->err, PD_E_NOT_FOUND,
			  "the last commit imported, %.12s (epoch %s), is no longer in the archive "
			  "%s (history rewritten?); say where to go on with --since COMMIT",
			  commit, epoch, pd_pi_path(r->pi));
}

static int run_range(struct run *r, void *tmp)
{
	const struct pd_import_opts *o = r->o;
	struct pd_pi_pos since, to;
	int rc = PD_OK;
	if (o->since != NULL)
		rc = pd_pi_resolve(r->pi, o->since, &since, r->err);
	if (rc == PD_OK)
		rc = o->to != NULL ? pd_pi_resolve(r->pi, o->to, &to, r->err)
				   : pd_pi_tip(r->pi, &to, r->err);
	if (rc != PD_OK)
		return rc;
	const struct pd_pi_pos *after = o->since != NULL ? &since : r->have_old ? &r->old : NULL;
	/* Past the end already (--to before the remembered commit, or the
	 * tip itself): nothing to walk. */
	if (o->since == NULL && after != NULL && !pd_pi_after(r->pi, &to, after))
		after = &to;
	struct pd_import_stats *st = r->st;
	struct pd_pi_commit *cs = NULL;
	rc = pd_pi_walk(r->pi, tmp, after, &to, &cs, &st->messages, &st->commits, r->err);
	if (rc != PD_OK)
		return rc;
	st->from = after != NULL ? pd_pi_short(st, &after->id, 12) : talloc_strdup(st, "");
	st->through = pd_pi_short(st, &to.id, 12);
	struct removal *rm = talloc_array(tmp, struct removal, st->messages + 1);
	size_t nrm = 0;
	if (rm == NULL)
		return pd_err_set(r->err, PD_E_NOMEM, "out of memory");
	for (size_t i = 0; i < st->messages; i++)
		if (cs[i].kind == PD_PI_REMOVE)
			rm[nrm++] = (struct removal){ .blob = cs[i].blob, .at = i };
	qsort(rm, nrm, sizeof(*rm), removal_cmp);
	size_t batch = o->batch ? o->batch : DEFAULT_BATCH, inbatch = 0;
	notmuch_status_t nst = notmuch_database_begin_atomic(r->db);
	if (nst != NOTMUCH_STATUS_SUCCESS)
		return nm_error(r, nst, "write to");
	for (size_t i = 0; rc == PD_OK && i < st->messages; i++) {
		void *one = talloc_new(tmp);
		if (cs[i].kind == PD_PI_REMOVE || !removed_later(rm, nrm, &cs[i].blob, i))
			rc = import_one(r, one, &cs[i]);
		talloc_free(one);
		if (rc != PD_OK)
			break;
		st->done++;
		if (o->kill_after != 0 && st->added == o->kill_after)
			raise(SIGKILL);
		if (o->progress != NULL)
			o->progress(o->data, st);
		if (++inbatch == batch && i + 1 < st->messages) {
			rc = commit_batch(r, &cs[i].pos, true);
			inbatch = 0;
		}
	}
	if (rc == PD_OK)
		rc = commit_batch(r, &to, false);
	return rc;
}

int pd_import_run(struct pd_import_stats **stp, void *ctx, const struct pd_import_opts *o,
		  struct pd_err *err)
{
	void *tmp = talloc_new(NULL);
	struct run *r = talloc_zero(tmp, struct run);
	*stp = talloc_zero(ctx, struct pd_import_stats);
	if (r == NULL || *stp == NULL) {
		talloc_free(tmp);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	talloc_set_destructor(r, run_destroy);
	*r = (struct run){ .o = o, .st = *stp, .err = err };
	int rc = pd_maildir_open(&r->md, r, o->maildir, err);
	if (rc == PD_OK)
		rc = pd_pi_open(&r->pi, r, o->archive, err);
	if (rc == PD_OK) {
		r->state = pd_import_state_path(r, pd_pi_path(r->pi), pd_maildir_path(r->md));
		rc = r->state != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	if (rc == PD_OK)
		rc = load_state(r, tmp);
	if (rc == PD_OK)
		rc = open_db(r);
	if (rc == PD_OK)
		rc = run_range(r, tmp);
	talloc_free(tmp);
	return rc;
}
