#include "config.h"

#include "review_state.h"

#include <string.h>
#include <talloc.h>

#include "store.h"
#include "strmap.h"

struct pd_states {
	struct pd_strmap *ids; /* Message-ID -> enum pd_review; keys owned here */
};

const char *pd_state_name(int state)
{
	return state == PD_STATE_SUPERSEDED ? "superseded" : pd_review_name((enum pd_review)state);
}

int pd_state_parse(const char *name)
{
	if (name != NULL && strcmp(name, "superseded") == 0)
		return PD_STATE_SUPERSEDED;
	return pd_review_parse(name);
}

struct pd_states *pd_states_new(void *ctx)
{
	struct pd_states *st = talloc_zero(ctx, struct pd_states);
	if (st != NULL && (st->ids = pd_strmap_new(st, 64)) == NULL) {
		talloc_free(st);
		return NULL;
	}
	return st;
}

static int set_one(struct pd_states *st, const char *id, enum pd_review state)
{
	/* The map borrows its keys, and a replaced value may take the new
	 * key with it: every key is a copy the map's owner holds. */
	char *key = talloc_strdup(st, id);
	if (key == NULL)
		return PD_E_NOMEM;
	return pd_strmap_set(st->ids, key, strlen(key), (size_t)state);
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
	if (rc == PD_OK)
		*out = talloc_steal(ctx, st);
	talloc_free(local);
	return rc;
}

static int tag_of(const struct pd_states *st, const struct pd_mail *m)
{
	size_t v = 0;
	if (st == NULL || m == NULL || m->message_id == NULL ||
	    !pd_strmap_get(st->ids, m->message_id, strlen(m->message_id), &v))
		return -1;
	return (int)v;
}

int pd_states_of(const struct pd_states *st, const struct pd_revision *rev, bool *tagged)
{
	int tag = tag_of(st, rev->cover);
	for (size_t i = 0; tag < 0 && i < rev->npatches; i++)
		if (!rev->patches[i].carried)
			tag = tag_of(st, rev->patches[i].mail);
	if (tagged != NULL)
		*tagged = tag >= 0;
	/* A decision taken stays; work in progress on an old revision is
	 * moot once a new one came. */
	if (tag == PD_REVIEW_ACCEPTED || tag == PD_REVIEW_REJECTED || tag == PD_REVIEW_APPLIED)
		return tag;
	if (rev->superseded_by != NULL)
		return PD_STATE_SUPERSEDED;
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
