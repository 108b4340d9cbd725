#include "config.h"

#include "review_state.h"

#include <string.h>
#include <talloc.h>

#include "defer.h"
#include "store.h"
#include "store_tag.h"
#include "strmap.h"

struct pd_states {
	struct pd_strmap *ids;   /* Message-ID -> enum pd_review; keys owned here */
	struct pd_strmap *until; /* Message-ID -> day deferred until + 1 (0: none) */
	long today;
};

const char *pd_state_name(int state)
{
	if (state == PD_STATE_SUPERSEDED)
		return "superseded";
	return state == PD_STATE_DUE ? "due" : pd_review_name((enum pd_review)state);
}

int pd_state_parse(const char *name)
{
	if (name != NULL && strcmp(name, "superseded") == 0)
		return PD_STATE_SUPERSEDED;
	if (name != NULL && strcmp(name, "due") == 0)
		return PD_STATE_DUE;
	return pd_review_parse(name);
}

struct pd_states *pd_states_new(void *ctx)
{
	struct pd_states *st = talloc_zero(ctx, struct pd_states);
	if (st != NULL && ((st->ids = pd_strmap_new(st, 64)) == NULL ||
			   (st->until = pd_strmap_new(st, 16)) == NULL)) {
		talloc_free(st);
		return NULL;
	}
	if (st != NULL)
		st->today = pd_defer_today();
	return st;
}

static int set_in(struct pd_states *st, struct pd_strmap *map, const char *id, size_t v)
{
	/* The map borrows its keys, and a replaced value may take the new
	 * key with it: every key is a copy the map's owner holds. */
	char *key = talloc_strdup(st, id);
	if (key == NULL)
		return PD_E_NOMEM;
	return pd_strmap_set(map, key, strlen(key), v);
}

static int set_one(struct pd_states *st, const char *id, enum pd_review state)
{
	/* A state set by hand ends a deferral, its day with it. */
	if (set_in(st, st->until, id, 0) != PD_OK)
		return PD_E_NOMEM;
	return set_in(st, st->ids, id, (size_t)state);
}

int pd_states_set_until(struct pd_states *st, const char *const *ids, size_t nids, long day)
{
	for (size_t i = 0; i < nids; i++)
		if (set_in(st, st->until, ids[i], day >= 0 ? (size_t)day + 1 : 0) != PD_OK)
			return PD_E_NOMEM;
	return PD_OK;
}

int pd_states_set(struct pd_states *st, const char *const *ids, size_t nids,
		  enum pd_review state)
{
	for (size_t i = 0; i < nids; i++)
		if (set_one(st, ids[i], state) != PD_OK)
			return PD_E_NOMEM;
	return PD_OK;
}

bool pd_states_any(const struct pd_states *st)
{
	return st != NULL && pd_strmap_count(st->ids) > 0;
}

int pd_states_read(struct pd_states **out, void *ctx, const char *notmuch_config,
		   const char *prefix, struct pd_err *err)
{
	void *local = talloc_new(NULL);
	struct pd_states *st = pd_states_new(local);
	struct pd_store *store = NULL;
	int rc = st != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK)
		rc = pd_store_open(&store, local, notmuch_config, err);
	for (int s = 0; rc == PD_OK && s < PD_REVIEW_COUNT; s++) {
		struct pd_store_msg *msgs = NULL;
		size_t n = 0;
		char *tag = pd_review_tag(local, prefix, (enum pd_review)s);
		/* Quoted: a prefix may hold what the query parser would read. */
		char *query = tag != NULL ? talloc_asprintf(local, "tag:\"%s\"", tag) : NULL;
		if (query == NULL) {
			rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
			break;
		}
		rc = pd_store_messages(&msgs, &n, store, local, query, err);
		for (size_t i = 0; rc == PD_OK && i < n; i++)
			rc = set_one(st, msgs[i].message_id, (enum pd_review)s) == PD_OK
				     ? PD_OK
				     : pd_err_set(err, PD_E_NOMEM, "out of memory");
		talloc_free(msgs);
	}
	/* The days of the deferred ones: read after their state tags, as
	 * set_one clears them. */
	char *deferred = pd_review_tag(local, prefix, PD_REVIEW_DEFERRED);
	char *until = pd_defer_tag_prefix(local, prefix);
	char *query = deferred != NULL ? talloc_asprintf(local, "tag:\"%s\"", deferred) : NULL;
	char **ids = NULL, **tags = NULL;
	size_t n = 0;
	if (rc == PD_OK && (query == NULL || until == NULL))
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK)
		rc = pd_store_tags_read(store, local, query, until, &ids, &tags, &n, err);
	for (size_t i = 0; rc == PD_OK && i < n; i++) {
		long day = pd_defer_of_tag(prefix, tags[i]);
		/* Two days on one message (set by hand): the later one. */
		size_t have = 0;
		pd_strmap_get(st->until, ids[i], strlen(ids[i]), &have);
		if (day >= 0 && (size_t)day + 1 > have &&
		    set_in(st, st->until, ids[i], (size_t)day + 1) != PD_OK)
			rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	if (rc == PD_OK)
		*out = talloc_steal(ctx, st);
	talloc_free(local);
	return rc;
}

static long until_of(const struct pd_states *st, const struct pd_mail *m)
{
	size_t v = 0;
	if (st == NULL || m == NULL || m->message_id == NULL ||
	    !pd_strmap_get(st->until, m->message_id, strlen(m->message_id), &v) || v == 0)
		return -1;
	return (long)v - 1;
}

static int tag_of(const struct pd_states *st, const struct pd_mail *m)
{
	size_t v = 0;
	if (st == NULL || m == NULL || m->message_id == NULL ||
	    !pd_strmap_get(st->ids, m->message_id, strlen(m->message_id), &v))
		return -1;
	return (int)v;
}

/* The message whose tag decides rev's state: the cover, else the first
 * own patch with a state tag; NULL when none has one. */
static const struct pd_mail *deciding(const struct pd_states *st, const struct pd_revision *rev)
{
	if (tag_of(st, rev->cover) >= 0)
		return rev->cover;
	for (size_t i = 0; i < rev->npatches; i++)
		if (!rev->patches[i].carried && tag_of(st, rev->patches[i].mail) >= 0)
			return rev->patches[i].mail;
	return NULL;
}

long pd_states_until(const struct pd_states *st, const struct pd_revision *rev)
{
	const struct pd_mail *m = deciding(st, rev);
	return m != NULL && tag_of(st, m) == PD_REVIEW_DEFERRED ? until_of(st, m) : -1;
}

int pd_states_of(const struct pd_states *st, const struct pd_revision *rev, bool *tagged)
{
	const struct pd_mail *m = deciding(st, rev);
	int tag = m != NULL ? tag_of(st, m) : -1;
	if (tagged != NULL)
		*tagged = tag >= 0;
	/* A decision taken stays; work in progress on an old revision is
	 * moot once a new one came. */
	if (tag == PD_REVIEW_ACCEPTED || tag == PD_REVIEW_REJECTED || tag == PD_REVIEW_APPLIED)
		return tag;
	if (rev->superseded_by != NULL)
		return PD_STATE_SUPERSEDED;
	if (tag == PD_REVIEW_DEFERRED) {
		long until = until_of(st, m);
		/* Its day has come: back, without a write; the tags stay
		 * until the user sets a state. */
		if (until >= 0 && until <= st->today)
			return PD_STATE_DUE;
	}
	return tag >= 0 ? tag : PD_REVIEW_NEW;
}

const char **pd_revision_own_ids(void *ctx, const struct pd_revision *rev, size_t *n)
{
	const char **ids = talloc_array(ctx, const char *, rev->npatches + 1);
	*n = 0;
	if (ids == NULL)
		return NULL;
	if (rev->cover != NULL && rev->cover->message_id != NULL)
		ids[(*n)++] = rev->cover->message_id;
	for (size_t i = 0; i < rev->npatches; i++)
		if (!rev->patches[i].carried && rev->patches[i].mail->message_id != NULL)
			ids[(*n)++] = rev->patches[i].mail->message_id;
	return ids;
}
