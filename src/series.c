/* Threads become series (series.h). The work is split by stage:
 * series_thread.c threads the mails, series_group.c finds postings and
 * links them into series, series_rev.c makes revisions; this file attaches
 * the replies, collects review trailers and assembles the public model.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "series_int.h"
#include "status.h"

/* The model with its id index; pd_model_find() gets back here from the
 * public part, which is its first member. */
struct model_priv {
	struct pd_model pub;
	struct pd_strmap *ids;
	struct pd_revision **revs;
};

static bool is_patch(const struct sm_node *nd)
{
	return nd->role == SM_PATCH || nd->role == SM_SINGLE;
}

/* Replies go to the patch they sit under (a reply to a dropped copy goes
 * to the copy kept), or to the whole revision when they sit under its
 * cover. Thread order is kept. */
static int attach_replies(struct sm *sm)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < sm->npre; k++) {
			int i = sm->pre[k];
			const struct sm_node *nd = &sm->nodes[i];
			if (nd->role != SM_REPLY || nd->owner < 0)
				continue;
			const struct sm_node *o = &sm->nodes[nd->owner];
			struct sm_rev *r = &sm->revs[o->rev];
			struct pd_revision *pub = r->pub;
			if (nd->date > r->activity)
				r->activity = nd->date;
			if (is_patch(o)) {
				struct pd_patch *p = &pub->patches[o->slot];
				if (pass == 1)
					p->replies[p->nreplies] = nd->mail;
				p->nreplies++;
			} else {
				if (pass == 1) {
					pub->replies[pub->nreplies] = nd->mail;
					r->reply_nodes[pub->nreplies] = i;
				}
				pub->nreplies++;
			}
		}
		if (pass == 1)
			break;
		for (size_t ri = 0; ri < sm->nrevs; ri++) {
			struct sm_rev *r = &sm->revs[ri];
			struct pd_revision *pub = r->pub;
			pub->nreplies_total = pub->nreplies;
			pub->replies = talloc_array(pub, const struct pd_mail *, pub->nreplies + 1);
			r->reply_nodes = talloc_array(sm->local, int, pub->nreplies + 1);
			if (pub->replies == NULL || r->reply_nodes == NULL)
				return PD_E_NOMEM;
			pub->nreplies = 0;
			for (size_t j = 0; j < pub->npatches; j++) {
				struct pd_patch *p = &pub->patches[j];
				pub->nreplies_total += p->nreplies;
				p->replies = talloc_array(pub->patches, const struct pd_mail *, p->nreplies + 1);
				if (p->replies == NULL)
					return PD_E_NOMEM;
				p->nreplies = 0;
			}
		}
	}
	return 0;
}

/* Review trailers worth carrying onto a patch: people vouching for it
 * (any `*-by` with an address, as b4 takes them) and Fixes:. A `Cc:` in
 * a reply addresses the mail, and Link:/Closes:/Message-ID: there point
 * at the reviewer's context; a `*-by` without an address is prose
 * ("Acked-by: in order of appearance"). */
static bool collectible(const struct pd_trailer *t)
{
	if (t == NULL || t->name == NULL || t->value == NULL)
		return false;
	if (strcasecmp(t->name, "Fixes") == 0)
		return true;
	return t->is_person && t->email != NULL && t->email[0] != '\0' && strcasecmp(t->name, "Cc") != 0;
}

/* A reply that carries a diff proposes a patch of its own: its sign-offs
 * are that patch's authorship, not a review of ours. */
static bool authorship(const struct pd_trailer *t)
{
	return strcasecmp(t->name, "Signed-off-by") == 0 || strcasecmp(t->name, "Co-developed-by") == 0;
}

/* Collected means new to the patch: one the patch already carries (the
 * author picked it up from an older revision) is not collected again. */
static bool already(const struct pd_patch *p, const struct pd_trailer *t)
{
	for (size_t i = 0; i < p->ncollected; i++)
		if (pd_trailer_same(p->collected[i].trailer, t))
			return true;
	for (size_t i = 0; p->mail->trailers != NULL && i < p->mail->ntrailers; i++)
		if (p->mail->trailers[i].name != NULL && p->mail->trailers[i].value != NULL &&
		    pd_trailer_same(&p->mail->trailers[i], t))
			return true;
	return false;
}

struct adder {
	void *ctx; /* the revision */
	struct pd_patch *p;
	size_t cap;
};

static int add(struct adder *a, const struct pd_collected *c)
{
	if (!collectible(c->trailer) || already(a->p, c->trailer))
		return 0;
	if (a->p->ncollected == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		struct pd_collected *grown = talloc_realloc(a->ctx, a->p->collected,
							    struct pd_collected, a->cap);
		if (grown == NULL)
			return PD_E_NOMEM;
		a->p->collected = grown;
	}
	a->p->collected[a->p->ncollected++] = *c;
	return 0;
}

static int add_from(struct adder *a, const struct pd_mail *reply, bool via_cover)
{
	bool proposes = sm_has_diff(reply);
	for (size_t t = 0; reply->reply_trailers != NULL && t < reply->nreply_trailers; t++) {
		const struct pd_trailer *tr = &reply->reply_trailers[t];
		if (proposes && tr->name != NULL && authorship(tr))
			continue;
		struct pd_collected c = {
			.trailer = tr, .from = reply, .via_cover = via_cover,
			.mismatch = tr->sender == PD_SENDER_MISMATCH,
		};
		if (add(a, &c) < 0)
			return PD_E_NOMEM;
	}
	return 0;
}

static int add_carried(struct adder *a, const struct pd_patch *older)
{
	for (size_t i = 0; i < older->ncollected; i++) {
		struct pd_collected c = older->collected[i];
		c.carried = true;
		if (add(a, &c) < 0)
			return PD_E_NOMEM;
	}
	return 0;
}

/* A reply to the cover vouches for every patch, unless it answered a
 * mail we never saw (a lost patch): then we cannot tell what it is for. */
static int collect_own(struct sm *sm, struct sm_rev *r)
{
	struct pd_revision *pub = r->pub;
	for (size_t j = 0; j < pub->npatches; j++) {
		struct pd_patch *p = &pub->patches[j];
		if (p->carried)
			continue;
		struct adder a = { .ctx = pub, .p = p };
		for (size_t k = 0; k < p->nreplies; k++)
			if (add_from(&a, p->replies[k], false) < 0)
				return PD_E_NOMEM;
		for (size_t k = 0; k < pub->nreplies; k++)
			if (!sm->nodes[r->reply_nodes[k]].via_phantom &&
			    add_from(&a, pub->replies[k], true) < 0)
				return PD_E_NOMEM;
	}
	return 0;
}

struct pid_key {
	int series;
	int pad;
	uint64_t pid;
};

/* Trailers earned on an older revision: by a partial reroll's carried
 * patches, and by any patch whose diff did not change since (the newest
 * older revision with the same patch hash gives them). Revisions are
 * visited oldest first, so what they pass on is complete. Only patches
 * with trailers are remembered, and a diff is hashed only when some older
 * patch of its series has trailers to give. */
static int collect_carried(struct sm *sm)
{
	struct pd_strmap *seen = pd_strmap_new(sm->local, 64);
	struct pid_key *keys = talloc_zero_array(sm->local, struct pid_key, sm->nreal + 1);
	if (seen == NULL || keys == NULL)
		return PD_E_NOMEM;
	int givers_in = -1; /* the last series that registered a patch */
	for (size_t ri = 0; ri < sm->nrevs; ri++) {
		struct sm_rev *r = &sm->revs[ri];
		struct pd_revision *pub = r->pub;
		for (size_t j = 0; j < pub->npatches; j++) {
			struct pd_patch *p = &pub->patches[j];
			struct adder a = { .ctx = pub, .p = p, .cap = p->ncollected };
			if (p->carried) {
				const struct pd_revision *from = sm->revs[r->from].pub;
				for (size_t k = 0; k < from->npatches; k++)
					if (from->patches[k].n == p->n && add_carried(&a, &from->patches[k]) < 0)
						return PD_E_NOMEM;
			}
		}
		for (size_t k = 0; givers_in == r->series && k < r->nown; k++) {
			int i = r->own[k];
			struct sm_node *nd = &sm->nodes[i];
			if (pub->patches[nd->slot].mail != nd->mail || sm_patch_id(nd) == 0)
				continue;
			keys[i] = (struct pid_key){ .series = r->series, .pid = nd->pid };
			size_t old;
			if (pd_strmap_get(seen, (const char *)&keys[i], sizeof(keys[i]), &old)) {
				const struct sm_node *on = &sm->nodes[old];
				struct pd_patch *p = &pub->patches[nd->slot];
				struct adder a = { .ctx = pub, .p = p, .cap = p->ncollected };
				if (add_carried(&a, &sm->revs[on->rev].pub->patches[on->slot]) < 0)
					return PD_E_NOMEM;
			}
		}
		/* registered after the lookups: a revision never feeds itself */
		for (size_t k = 0; k < r->nown; k++) {
			int i = r->own[k];
			struct sm_node *nd = &sm->nodes[i];
			if (pub->patches[nd->slot].mail != nd->mail || pub->patches[nd->slot].ncollected == 0 ||
			    sm_patch_id(nd) == 0)
				continue;
			keys[i] = (struct pid_key){ .series = r->series, .pid = nd->pid };
			if (pd_strmap_set(seen, (const char *)&keys[i], sizeof(keys[i]), (size_t)i) < 0)
				return PD_E_NOMEM;
			givers_in = r->series;
		}
	}
	return 0;
}

static char kind_letter(const char *name)
{
	if (strcasecmp(name, "Acked-by") == 0)
		return 'A';
	if (strcasecmp(name, "Reviewed-by") == 0)
		return 'R';
	if (strcasecmp(name, "Tested-by") == 0)
		return 'T';
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push_key(void *ctx, char ***keys, size_t *n, size_t *cap, const struct pd_trailer *t)
{
	if (!collectible(t))
		return 0;
	char k = kind_letter(t->name);
	if (k == 0)
		return 0;
	const char *who = t->email != NULL && *t->email ? t->email
			  : t->person != NULL && *t->person ? t->person
							    : t->value;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		char **grown = talloc_realloc(ctx, *keys, char *, *cap);
		if (grown == NULL)
			return PD_E_NOMEM;
		*keys = grown;
	}
	char *key = talloc_asprintf(ctx, "%c%s", k, who);
	if (key == NULL)
		return PD_E_NOMEM;
	for (char *c = key; *c; c++)
		if (*c >= 'A' && *c <= 'Z' && c != key)
			*c = (char)(*c - 'A' + 'a');
	(*keys)[(*n)++] = key;
	return 0;
}

/* A/R/T: every person once per kind over the revision's patches (the
 * trailers they carry and those collected) and the replies to its cover:
 * a v3 patch carrying the Reviewed-by it earned on v2 is reviewed. */
static int count_reviews(struct sm *sm, struct sm_rev *r)
{
	void *tmp = talloc_new(sm->local);
	char **keys = NULL;
	size_t n = 0, cap = 0;
	struct pd_revision *pub = r->pub;
	if (tmp == NULL)
		return PD_E_NOMEM;
	for (size_t j = 0; j < pub->npatches; j++) {
		const struct pd_patch *p = &pub->patches[j];
		for (size_t c = 0; c < p->ncollected; c++)
			if (push_key(tmp, &keys, &n, &cap, p->collected[c].trailer) < 0)
				goto nomem;
		for (size_t t = 0; p->mail->trailers != NULL && t < p->mail->ntrailers; t++)
			if (push_key(tmp, &keys, &n, &cap, &p->mail->trailers[t]) < 0)
				goto nomem;
	}
	for (size_t k = 0; k < pub->nreplies; k++) {
		const struct pd_mail *m = pub->replies[k];
		for (size_t t = 0; m->reply_trailers != NULL && t < m->nreply_trailers; t++)
			if (push_key(tmp, &keys, &n, &cap, &m->reply_trailers[t]) < 0)
				goto nomem;
	}
	if (n > 1)
		qsort(keys, n, sizeof(char *), str_cmp);
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && strcmp(keys[k], keys[k - 1]) == 0)
			continue;
		pub->nacked += keys[k][0] == 'A';
		pub->nreviewed += keys[k][0] == 'R';
		pub->ntested += keys[k][0] == 'T';
	}
	talloc_free(tmp);
	return 0;
nomem:
	talloc_free(tmp);
	return PD_E_NOMEM;
}

struct series_order {
	struct pd_series *series;
	time_t activity;
	size_t index;
};

/* Newest activity first; the latest revision's id keeps ties stable. */
static int series_cmp(const void *pa, const void *pb)
{
	const struct series_order *a = pa, *b = pb;
	if (a->activity != b->activity)
		return a->activity > b->activity ? -1 : 1;
	int c = strcmp(pd_series_latest(a->series)->id, pd_series_latest(b->series)->id);
	if (c != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int assemble(struct sm *sm, struct model_priv *mp)
{
	struct pd_model *model = &mp->pub;
	struct series_order *order = talloc_array(sm->local, struct series_order, sm->nseries + 1);
	mp->revs = talloc_array(mp, struct pd_revision *, sm->nrevs + 1);
	if (order == NULL || mp->revs == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < sm->nreal; i++) {
		const struct sm_node *nd = &sm->nodes[i];
		if (nd->rev >= 0 && nd->date > sm->revs[nd->rev].activity)
			sm->revs[nd->rev].activity = nd->date;
	}
	for (size_t s = 0; s < sm->nseries; s++) {
		struct pd_series *ser = talloc_zero(mp, struct pd_series);
		size_t from = sm->rev_start[s], to = sm->rev_start[s + 1];
		if (ser == NULL || (ser->revisions = talloc_array(ser, struct pd_revision *, to - from + 1)) == NULL)
			return PD_E_NOMEM;
		order[s] = (struct series_order){ .series = ser, .index = s };
		for (size_t ri = from; ri < to; ri++) {
			struct pd_revision *pub = sm->revs[ri].pub;
			talloc_steal(ser, pub);
			pub->series = ser;
			pub->superseded_by = ri + 1 < to ? sm->revs[ri + 1].pub : NULL;
			ser->revisions[ser->nrevisions++] = pub;
			mp->revs[ri] = pub;
			if (ri == from || sm->revs[ri].activity > order[s].activity)
				order[s].activity = sm->revs[ri].activity;
		}
	}
	if (sm->nseries > 1)
		qsort(order, sm->nseries, sizeof(*order), series_cmp);
	model->series = talloc_array(mp, struct pd_series *, sm->nseries + 1);
	if (model->series == NULL)
		return PD_E_NOMEM;
	for (size_t s = 0; s < sm->nseries; s++)
		model->series[s] = order[s].series;
	model->nseries = sm->nseries;

	size_t nother = 0;
	for (size_t i = 0; i < sm->nreal; i++)
		nother += sm->nodes[i].role == SM_REPLY && sm->nodes[i].owner < 0;
	model->other = talloc_array(mp, const struct pd_mail *, nother + 1);
	if (model->other == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < sm->nreal; i++)
		if (sm->nodes[i].role == SM_REPLY && sm->nodes[i].owner < 0)
			model->other[model->nother++] = sm->nodes[i].mail;

	/* Message-ID -> revision: covers and patches (every copy) first, so
	 * that a reply sharing an id with a patch cannot shadow it. */
	mp->ids = pd_strmap_new(mp, sm->nreal);
	if (mp->ids == NULL)
		return PD_E_NOMEM;
	for (int replies = 0; replies < 2; replies++) {
		for (size_t i = 0; i < sm->nreal; i++) {
			const struct sm_node *nd = &sm->nodes[i];
			int rev = nd->rev;
			if (replies && nd->role == SM_REPLY && nd->owner >= 0)
				rev = sm->nodes[nd->owner].rev;
			else if (replies)
				continue;
			if (rev >= 0 && nd->idlen > 0 &&
			    pd_strmap_add(mp->ids, nd->id, nd->idlen, (size_t)rev, NULL) < 0)
				return PD_E_NOMEM;
		}
	}
	return 0;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (const struct pd_mail *const *)a;
	uintptr_t y = (uintptr_t) * (const struct pd_mail *const *)b;
	return (x > y) - (x < y);
}

/* The same pd_mail handed over twice (overlapping queries merged by the
 * caller) is one delivery, not a duplicate copy: keep its first place. */
static int unique_mails(void *local, const struct pd_mail *const *mails, size_t n,
			const struct pd_mail ***out, size_t *nout)
{
	const struct pd_mail **sorted = talloc_array(local, const struct pd_mail *, n ? n : 1);
	const struct pd_mail **keep = talloc_array(local, const struct pd_mail *, n ? n : 1);
	if (sorted == NULL || keep == NULL)
		return PD_E_NOMEM;
	/* mails may be NULL when n is 0, which memcpy and qsort must not see. */
	if (n > 0) {
		memcpy(sorted, mails, n * sizeof(*sorted));
		qsort(sorted, n, sizeof(*sorted), cmp_ptr);
	}
	bool *seen = talloc_zero_array(local, bool, n ? n : 1);
	if (seen == NULL)
		return PD_E_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pd_mail *m = mails[i];
		if (m == NULL) {
			keep[k++] = m;
			continue;
		}
		const struct pd_mail **at = bsearch(&m, sorted, n, sizeof(*sorted), cmp_ptr);
		/* bsearch may land on any of equal keys: step to the first. */
		while (at > sorted && at[-1] == m)
			at--;
		size_t slot = (size_t)(at - sorted);
		if (seen[slot])
			continue;
		seen[slot] = true;
		keep[k++] = m;
	}
	*out = keep;
	*nout = k;
	return 0;
}

int pd_series_build(struct pd_model **out, void *ctx, const struct pd_mail *const *mails, size_t nmails)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	if (local == NULL)
		return PD_E_NOMEM;
	int rc = PD_E_NOMEM;
	struct model_priv *mp = talloc_zero(local, struct model_priv);
	if (mp == NULL)
		goto done;
	struct sm sm = { .local = local, .out = mp };
	if (mails == NULL)
		nmails = 0;
	const struct pd_mail **unique = NULL;
	if ((rc = unique_mails(local, mails, nmails, &unique, &nmails)) < 0)
		goto done;
	if ((rc = sm_thread(&sm, unique, nmails)) < 0 || (rc = sm_group(&sm)) < 0 ||
	    (rc = sm_revisions(&sm)) < 0 || (rc = attach_replies(&sm)) < 0)
		goto done;
	for (size_t ri = 0; ri < sm.nrevs; ri++)
		if ((rc = collect_own(&sm, &sm.revs[ri])) < 0)
			goto done;
	if ((rc = collect_carried(&sm)) < 0)
		goto done;
	for (size_t ri = 0; ri < sm.nrevs; ri++)
		if ((rc = count_reviews(&sm, &sm.revs[ri])) < 0)
			goto done;
	if ((rc = assemble(&sm, mp)) < 0)
		goto done;
	*out = talloc_steal(ctx, &mp->pub);
	rc = 0;
done:
	talloc_free(local);
	return rc;
}

struct pd_revision *pd_model_find(const struct pd_model *model, const char *id)
{
	if (model == NULL || id == NULL)
		return NULL;
	const struct model_priv *mp = (const struct model_priv *)model;
	const char *view;
	size_t len, rev;
	sm_id_view(id, &view, &len);
	if (len == 0 || mp->ids == NULL || !pd_strmap_get(mp->ids, view, len, &rev))
		return NULL;
	return mp->revs[rev];
}

struct pd_revision *pd_series_latest(const struct pd_series *series)
{
	if (series == NULL || series->nrevisions == 0)
		return NULL;
	return series->revisions[series->nrevisions - 1];
}
