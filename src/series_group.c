/* Patch mails -> postings -> series (series_int.h).
 *
 * A posting is what one `git send-email` run sent: a cover and patches.
 * In a thread, a patch belongs with the nearest cover or patch above it
 * sent by the same address with the same version; that covers
 * cover-rooted, reply-to-1/N and deep threading alike, and splits a v2
 * sent --in-reply-to the v1 cover from v1. Unthreaded pieces of one
 * sending are merged afterwards by their Message-ID stem (or, without a
 * stem, by sender, version, total and a few minutes). Postings are then
 * linked into series by, in order of trust, b4's change-id, a newer
 * version threaded under an older posting, a changelog linking to an
 * older posting, and the same title from the same address; a more
 * trusted rule's answer (two different change-ids) is never overridden by
 * a weaker one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "series_int.h"
#include "status.h"

/* How far up a thread to look for the posting a mail belongs to: more
 * than any real thread nests, and a bound on hostile ones. */
enum { WALK_LIMIT = 256 };

/* Unthreaded pieces of one sending: a stem is trusted over a day (its
 * time is in it), a bare sender/version/total match over an hour. */
enum { STEM_WINDOW = 24 * 3600, PIECE_WINDOW = 3600 };

int sm_find(struct sm_posting *posts, int i)
{
	while (posts[i].merged != i) {
		posts[i].merged = posts[posts[i].merged].merged;
		i = posts[i].merged;
	}
	return i;
}

int sm_find_link(struct sm_posting *posts, int i)
{
	while (posts[i].link != i) {
		posts[i].link = posts[posts[i].link].link;
		i = posts[i].link;
	}
	return i;
}

static void merge(struct sm_posting *posts, int a, int b)
{
	a = sm_find(posts, a);
	b = sm_find(posts, b);
	if (a != b) {
		/* the older posting stays the representative: stable output */
		if (b < a) {
			int t = a;
			a = b;
			b = t;
		}
		posts[b].merged = a;
	}
}

int sm_rank_cmp(const struct sm_node *a, const struct sm_node *b)
{
	if (a->in_place != b->in_place)
		return a->in_place ? 1 : -1;
	if (a->date != b->date)
		return a->date > b->date ? 1 : -1;
	if (a->order != b->order)
		return a->order > b->order ? 1 : -1;
	return 0;
}

/* Index keys, built without printf: pieces joined by NULs (strings
 * hold none), strings folded to lower case, numbers as their bytes. The
 * indexes borrow their keys, so they live in chunks under sm->local. */
struct piece {
	const void *p;
	size_t len;
	bool fold;
};

#define STR(s, n) ((struct piece){ .p = (s), .len = (n), .fold = true })
#define NUM(x) ((struct piece){ .p = &(x), .len = sizeof(x) })

struct keys {
	void *ctx;
	char *chunk;
	size_t used, cap;
};

static const char *make_key(struct keys *kb, const struct piece *pc, size_t n, size_t *len)
{
	size_t need = 0;
	for (size_t i = 0; i < n; i++)
		need += pc[i].len + 1;
	if (kb->cap - kb->used < need) {
		size_t cap = need > 65536 ? need : 65536;
		if ((kb->chunk = talloc_size(kb->ctx, cap)) == NULL)
			return NULL;
		kb->used = 0;
		kb->cap = cap;
	}
	char *out = kb->chunk + kb->used, *w = out;
	for (size_t i = 0; i < n; i++) {
		const char *src = pc[i].p;
		for (size_t k = 0; k < pc[i].len; k++) {
			char c = src[k];
			*w++ = pc[i].fold && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
		*w++ = '\0';
	}
	kb->used += need;
	*len = need;
	return out;
}

static bool same_key(const struct sm_node *a, const struct sm_node *b)
{
	return strcasecmp(a->poster, b->poster) == 0 && a->version == b->version &&
	       a->minor == b->minor;
}

static bool is_cover(const struct sm_node *nd)
{
	return nd->role == SM_COVER || nd->role == SM_NAKED;
}

static int up(const struct sm *sm, int a)
{
	int p = sm->nodes[a].parent;
	return p >= 0 ? sm->nodes[p].owner : -1;
}

static int new_posting(struct sm *sm)
{
	int i = (int)sm->nposts++;
	sm->posts[i] = (struct sm_posting){ .merged = i, .link = i, .top = -1 };
	return i;
}

/* Every cover and patch gets a posting. */
static int assign_postings(struct sm *sm)
{
	struct pd_strmap *orphans = pd_strmap_new(sm->local, 64);
	struct keys kb = { .ctx = sm->local };
	if (orphans == NULL)
		return PD_E_NOMEM;
	for (size_t k = 0; k < sm->npre; k++) {
		int i = sm->pre[k];
		struct sm_node *nd = &sm->nodes[i];
		if (nd->role == SM_PHANTOM || nd->role == SM_REPLY)
			continue;
		/* a second mail with this Message-ID: a copy of the first */
		if (nd->twin_of >= 0 && sm->nodes[nd->twin_of].role != SM_REPLY)
			continue;
		if (nd->role != SM_PATCH) {
			nd->posting = new_posting(sm);
			continue;
		}
		int a = up(sm, i);
		for (int steps = 0; a >= 0 && steps < WALK_LIMIT; steps++, a = up(sm, a)) {
			const struct sm_node *an = &sm->nodes[a];
			if (an->role != SM_SINGLE && an->posting >= 0 && same_key(an, nd)) {
				nd->posting = an->posting;
				break;
			}
		}
		if (nd->posting >= 0)
			continue;
		if (nd->parent < 0) {
			nd->posting = new_posting(sm);
			continue;
		}
		/* Patches of one sending with nothing of theirs above: siblings
		 * under a lost cover, or a partial reroll answering the old
		 * patches one by one. */
		struct piece pc[] = { NUM(nd->root), STR(nd->poster, strlen(nd->poster)),
				      NUM(nd->version), NUM(nd->minor) };
		size_t len, old;
		const char *key = make_key(&kb, pc, 4, &len);
		int rc = key != NULL ? pd_strmap_add(orphans, key, len, sm->nposts, &old) : PD_E_NOMEM;
		if (rc < 0)
			return PD_E_NOMEM;
		nd->posting = rc == 1 ? (int)old : new_posting(sm);
	}
	for (size_t i = 0; i < sm->nreal; i++) {
		struct sm_node *nd = &sm->nodes[i];
		if (nd->posting >= 0 || nd->role == SM_REPLY)
			continue;
		nd->posting = nd->twin_of >= 0 && sm->nodes[nd->twin_of].posting >= 0
			? sm->nodes[nd->twin_of].posting
			: new_posting(sm);
	}
	return 0;
}

static size_t digits(const char *s, size_t i, size_t end)
{
	size_t j = i;
	while (j < end && s[j] >= '0' && s[j] <= '9')
		j++;
	return j - i;
}

/* Where the per-message counter sits in a Message-ID made by git
 * send-email (`20201106164416.326787-3-maz@kernel.org`, older
 * `1352226434-1234-2-git-send-email-a@b`) or b4
 * (`20240102-topic-v3-2-a1b2c3d4e5f6@kernel.org`): [*cs, *ce). */
static bool stem_counter(const char *id, size_t len, size_t *cs, size_t *ce)
{
	const char *at = memchr(id, '@', len);
	size_t local = at != NULL ? (size_t)(at - id) : len;
	size_t d1 = digits(id, 0, local);
	if (d1 > 0 && d1 < local && (id[d1] == '.' || id[d1] == '-')) {
		size_t d2 = digits(id, d1 + 1, local);
		size_t c = d1 + 1 + d2;
		size_t d3 = d2 > 0 && c < local && id[c] == '-' ? digits(id, c + 1, local) : 0;
		if (d3 > 0 && c + 1 + d3 < local && id[c + 1 + d3] == '-' &&
		    (id[d1] == '.' || strncmp(id + c + 1 + d3, "-git-send-email-", 16) == 0)) {
			*cs = c + 1;
			*ce = c + 1 + d3;
			return true;
		}
	}
	/* b4: ...-vN-COUNTER-UNIQ before the @ */
	size_t j = local;
	while (j > 0 && ((id[j - 1] >= '0' && id[j - 1] <= '9') || (id[j - 1] >= 'a' && id[j - 1] <= 'z') ||
			 (id[j - 1] >= 'A' && id[j - 1] <= 'Z')))
		j--;
	if (j == local || j == 0 || id[j - 1] != '-')
		return false;
	size_t e = j - 1, s = e;
	while (s > 0 && id[s - 1] >= '0' && id[s - 1] <= '9')
		s--;
	if (s == e || s == 0 || id[s - 1] != '-')
		return false;
	size_t v = s - 1;
	while (v > 0 && id[v - 1] >= '0' && id[v - 1] <= '9')
		v--;
	if (v == s - 1 || v < 2 || (id[v - 1] != 'v' && id[v - 1] != 'V') || id[v - 2] != '-')
		return false;
	*cs = s;
	*ce = e;
	return true;
}

static bool counted(const struct sm_node *nd)
{
	return nd->mail != NULL && (nd->role == SM_PATCH || (nd->role == SM_COVER && nd->subj->has_counter));
}

static int total_of(const struct sm_node *nd)
{
	return nd->subj->has_counter ? nd->subj->total : 1;
}

/* Pieces of one sending left in separate threads (--no-thread, or
 * threading lost on the way), or split by a cover that names another
 * version than its patches: the same Message-ID stem and sender. */
static int merge_stems(struct sm *sm)
{
	struct pd_strmap *stems = pd_strmap_new(sm->local, 64);
	struct keys kb = { .ctx = sm->local };
	if (stems == NULL)
		return PD_E_NOMEM;
	for (size_t k = 0; k < sm->npre; k++) {
		int i = sm->pre[k];
		const struct sm_node *nd = &sm->nodes[i];
		size_t cs, ce;
		if (!counted(nd) || !stem_counter(nd->id, nd->idlen, &cs, &ce))
			continue;
		/* Not the version or total: one run of git send-email is one
		 * sending even when its cover says v9 and its patches v10. */
		struct piece pc[] = { STR(nd->id, cs), STR(nd->id + ce, nd->idlen - ce),
				      STR(nd->poster, strlen(nd->poster)) };
		size_t len, old;
		const char *key = make_key(&kb, pc, 3, &len);
		int rc = key != NULL ? pd_strmap_add(stems, key, len, (size_t)i, &old) : PD_E_NOMEM;
		if (rc < 0)
			return PD_E_NOMEM;
		if (rc == 1) {
			const struct sm_node *first = &sm->nodes[old];
			time_t d = nd->date - first->date;
			if (d <= STEM_WINDOW && d >= -STEM_WINDOW)
				merge(sm->posts, first->posting, nd->posting);
		}
	}
	return 0;
}

static int piece_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sm_posting *posts = arg;
	const struct sm_posting *a = &posts[*(const int *)pa], *b = &posts[*(const int *)pb];
	int c = strcasecmp(a->poster, b->poster);
	if (c != 0)
		return c;
	if (a->version != b->version)
		return a->version < b->version ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (a->total != b->total)
		return a->total < b->total ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return *(const int *)pa - *(const int *)pb;
}

/* Pieces of one series sent unthreaded by separate runs (a cover, then
 * 1-9, then 10-15) or by a mailer with its own Message-IDs: postings that
 * start a thread, from one sender with one version and total, within an
 * hour, whose numbers complete each other. A number seen twice means
 * another sending. */
static int merge_pieces(struct sm *sm, bool *merged_any)
{
	int *cand = talloc_array(sm->local, int, sm->nposts + 1);
	size_t *start = talloc_zero_array(sm->local, size_t, sm->nposts + 2);
	int *nums = talloc_array(sm->local, int, sm->nreal + 1);
	if (cand == NULL || start == NULL || nums == NULL)
		return PD_E_NOMEM;
	size_t n = 0;
	for (size_t r = 0; r < sm->nposts; r++) {
		const struct sm_posting *p = &sm->posts[r];
		if (p->merged == (int)r && sm->nodes[p->top].parent < 0 && counted(&sm->nodes[p->top]))
			cand[n++] = (int)r;
	}
	if (n < 2)
		return 0;
	/* the numbers of every posting (counting sort by representative) */
	for (size_t i = 0; i < sm->nreal; i++)
		if (counted(&sm->nodes[i]) && sm->nodes[i].posting >= 0)
			start[sm_find(sm->posts, sm->nodes[i].posting) + 1]++;
	for (size_t r = 0; r < sm->nposts; r++)
		start[r + 1] += start[r];
	size_t *fill = talloc_memdup(sm->local, start, (sm->nposts + 1) * sizeof(size_t));
	if (fill == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < sm->nreal; i++)
		if (counted(&sm->nodes[i]) && sm->nodes[i].posting >= 0)
			nums[fill[sm_find(sm->posts, sm->nodes[i].posting)]++] = sm->nodes[i].n;
	talloc_free(fill);

	qsort_r(cand, n, sizeof(int), piece_cmp, sm->posts);
	struct seen {
		int group, n;
	} *keys = talloc_zero_array(sm->local, struct seen, start[sm->nposts] + 1);
	struct pd_strmap *used = pd_strmap_new(sm->local, start[sm->nposts]);
	if (keys == NULL || used == NULL)
		return PD_E_NOMEM;
	size_t group = 0;
	for (size_t k = 0; k < n; k++) {
		const struct sm_posting *g = &sm->posts[cand[group]], *c = &sm->posts[cand[k]];
		bool join = k > 0 && strcasecmp(g->poster, c->poster) == 0 && g->version == c->version &&
			    g->minor == c->minor && g->total == c->total && c->date - g->date <= PIECE_WINDOW;
		for (size_t j = start[cand[k]]; join && j < start[cand[k] + 1]; j++) {
			keys[j] = (struct seen){ .group = (int)group, .n = nums[j] };
			join = !pd_strmap_get(used, (const char *)&keys[j], sizeof(keys[j]), NULL);
		}
		if (!join)
			group = k;
		for (size_t j = start[cand[k]]; j < start[cand[k] + 1]; j++) {
			keys[j] = (struct seen){ .group = (int)group, .n = nums[j] };
			if (pd_strmap_add(used, (const char *)&keys[j], sizeof(keys[j]), j, NULL) < 0)
				return PD_E_NOMEM;
		}
		if (join) {
			merge(sm->posts, cand[group], cand[k]);
			*merged_any = true;
		}
	}
	talloc_free(keys);
	talloc_free(cand);
	talloc_free(start);
	talloc_free(nums);
	return 0;
}

struct vote {
	int rep, version, minor;
};

static int vote_cmp(const void *pa, const void *pb)
{
	const struct vote *a = pa, *b = pb;
	if (a->rep != b->rep)
		return a->rep < b->rep ? -1 : 1;
	if (a->version != b->version)
		return a->version < b->version ? -1 : 1;
	return a->minor < b->minor ? -1 : a->minor > b->minor;
}

/* A posting's version: its top's, unless its mails disagree (a cover
 * left at v9 over v10 patches); then what most patches say, the higher
 * on a tie. */
static int majority_version(struct sm *sm)
{
	bool *mixed = talloc_zero_array(sm->local, bool, sm->nposts + 1);
	struct vote *votes = talloc_array(sm->local, struct vote, sm->nreal + 1);
	if (mixed == NULL || votes == NULL)
		return PD_E_NOMEM;
	for (size_t r = 0; r < sm->nposts; r++) {
		struct sm_posting *p = &sm->posts[r];
		if (p->merged == (int)r) {
			p->version = sm->nodes[p->top].version;
			p->minor = sm->nodes[p->top].minor;
		}
	}
	size_t n = 0;
	for (size_t i = 0; i < sm->nreal; i++) {
		const struct sm_node *nd = &sm->nodes[i];
		if (nd->posting < 0)
			continue;
		int r = sm_find(sm->posts, nd->posting);
		mixed[r] |= nd->version != sm->posts[r].version || nd->minor != sm->posts[r].minor;
		if (!is_cover(nd))
			votes[n++] = (struct vote){ .rep = r, .version = nd->version, .minor = nd->minor };
	}
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (mixed[votes[k].rep])
			votes[m++] = votes[k];
	if (m > 1)
		qsort(votes, m, sizeof(*votes), vote_cmp);
	for (size_t k = 0, best = 0, run = 0; k < m; k++) {
		bool same = k > 0 && vote_cmp(&votes[k], &votes[k - 1]) == 0;
		run = same ? run + 1 : 1;
		if (k == 0 || votes[k].rep != votes[k - 1].rep)
			best = 0;
		if (run >= best) {
			best = run;
			sm->posts[votes[k].rep].version = votes[k].version;
			sm->posts[votes[k].rep].minor = votes[k].minor;
		}
	}
	talloc_free(votes);
	talloc_free(mixed);
	return 0;
}

/* The representative's top, resend flag, total, change-id and date. */
static int summarise(struct sm *sm)
{
	int *lowest = talloc_array(sm->local, int, sm->nposts + 1);
	if (lowest == NULL)
		return PD_E_NOMEM;
	/* run again after more postings were merged: start afresh */
	for (size_t p = 0; p < sm->nposts; p++) {
		lowest[p] = -1;
		sm->posts[p].top = -1;
		sm->posts[p].nodes = 0;
		sm->posts[p].change_id = NULL;
	}
	for (size_t i = 0; i < sm->nreal; i++) {
		const struct sm_node *nd = &sm->nodes[i];
		if (nd->posting < 0)
			continue;
		int r = sm_find(sm->posts, nd->posting);
		struct sm_posting *p = &sm->posts[r];
		if (p->nodes++ == 0 || nd->date < p->date)
			p->date = nd->date;
		if (is_cover(nd)) {
			if (p->top < 0 || sm_rank_cmp(nd, &sm->nodes[p->top]) > 0)
				p->top = (int)i;
			continue;
		}
		int *l = &lowest[r];
		if (*l < 0 || nd->n < sm->nodes[*l].n ||
		    (nd->n == sm->nodes[*l].n && sm_rank_cmp(nd, &sm->nodes[*l]) > 0))
			*l = (int)i;
	}
	for (size_t r = 0; r < sm->nposts; r++) {
		struct sm_posting *p = &sm->posts[r];
		if (p->merged != (int)r)
			continue;
		const struct sm_node *low = lowest[r] >= 0 ? &sm->nodes[lowest[r]] : NULL;
		if (p->top < 0)
			p->top = lowest[r];
		const struct sm_node *top = &sm->nodes[p->top];
		p->poster = top->poster;
		p->resend = (top->subj->kinds & PD_SUBJ_RESEND) != 0;
		p->total = top->subj->has_counter ? top->subj->total : low != NULL ? total_of(low) : 1;
		const char *base;
		if (sm_cover_ids(sm, top->mail, &p->change_id, &base) < 0)
			return PD_E_NOMEM;
		if (p->change_id == NULL && low != NULL && low != top && low->mail->patch != NULL)
			p->change_id = low->mail->patch->change_id;
	}
	talloc_free(lowest);
	return majority_version(sm);
}

struct linker {
	struct sm *sm;
	const char **change_id; /* per link root */
};

static bool link(struct linker *l, int a, int b)
{
	a = sm_find_link(l->sm->posts, a);
	b = sm_find_link(l->sm->posts, b);
	if (a == b)
		return true;
	const char *ca = l->change_id[a], *cb = l->change_id[b];
	if (ca != NULL && cb != NULL && strcmp(ca, cb) != 0)
		return false;
	if (b < a) {
		int t = a;
		a = b;
		b = t;
	}
	l->sm->posts[b].link = a;
	if (l->change_id[a] == NULL)
		l->change_id[a] = ca != NULL ? ca : cb;
	return true;
}

static bool same_person(const struct sm_node *a, const struct sm_node *b)
{
	return sm_same_email(a->poster, b->poster) ||
	       sm_same_email(a->mail->author.email, b->mail->author.email);
}

/* The posting a URL's path names by a Message-ID (a path piece holding
 * an @), -1 when none. */
static int linked_posting(struct sm *sm, const char *url, size_t len)
{
	const char *end = url + len, *piece = memchr(url, '/', len);
	while (piece != NULL && piece < end) {
		piece++;
		const char *next = memchr(piece, '/', (size_t)(end - piece));
		size_t plen = (size_t)((next != NULL ? next : end) - piece);
		size_t node;
		if (memchr(piece, '@', plen) != NULL && pd_strmap_get(sm->ids, piece, plen, &node) &&
		    sm->nodes[node].posting >= 0)
			return sm_find(sm->posts, sm->nodes[node].posting);
		piece = next;
	}
	return -1;
}

static int link_series(struct sm *sm, const int *reps, size_t nreps)
{
	struct linker l = { .sm = sm, .change_id = talloc_zero_array(sm->local, const char *, sm->nposts + 1) };
	struct pd_strmap *cids = pd_strmap_new(sm->local, nreps);
	struct pd_strmap *titles = pd_strmap_new(sm->local, nreps);
	struct keys kb = { .ctx = sm->local };
	if (l.change_id == NULL || cids == NULL || titles == NULL)
		return PD_E_NOMEM;
	for (size_t k = 0; k < nreps; k++) {
		const struct sm_posting *p = &sm->posts[reps[k]];
		l.change_id[reps[k]] = p->change_id;
		size_t old;
		int rc = p->change_id == NULL ? 0
			 : pd_strmap_add(cids, p->change_id, strlen(p->change_id), (size_t)reps[k], &old);
		if (rc < 0)
			return PD_E_NOMEM;
		if (rc == 1)
			link(&l, (int)old, reps[k]);
	}
	/* A newer version (or a resend) answering an older posting of the
	 * same person: v2 --in-reply-to the v1 cover, partial rerolls. */
	for (size_t k = 0; k < nreps; k++) {
		int q = reps[k];
		const struct sm_node *top = &sm->nodes[sm->posts[q].top];
		int a = up(sm, sm->posts[q].top);
		for (int steps = 0; a >= 0 && steps < WALK_LIMIT &&
				    sm_find(sm->posts, sm->nodes[a].posting) == q; steps++)
			a = up(sm, a);
		if (a < 0 || sm_find(sm->posts, sm->nodes[a].posting) == q)
			continue;
		int p = sm_find(sm->posts, sm->nodes[a].posting);
		const struct sm_node *ptop = &sm->nodes[sm->posts[p].top];
		const struct sm_posting *pq = &sm->posts[q], *pp = &sm->posts[p];
		int cmp = pq->version != pp->version ? (pq->version > pp->version ? 1 : -1)
			  : pq->minor != pp->minor   ? (pq->minor > pp->minor ? 1 : -1)
						     : 0;
		if (same_person(top, ptop) && (cmp > 0 || (cmp == 0 && sm->posts[q].resend)))
			link(&l, p, q);
	}
	/* The changelog of a newer revision names an older one by its link
	 * (`Link to v1: https://lore.kernel.org/r/ID`, `v2: .../all/ID/`). */
	for (size_t k = 0; k < nreps; k++) {
		int q = reps[k];
		const struct sm_node *top = &sm->nodes[sm->posts[q].top];
		const struct pd_mail *m = top->mail;
		const char *text = m->patch != NULL ? m->patch->notes : m->text;
		for (const char *u = text != NULL ? strstr(text, "://") : NULL; u != NULL; u = strstr(u, "://")) {
			u += 3;
			size_t len = strcspn(u, " \t\r\n<>()[]\"'");
			int p = linked_posting(sm, u, len);
			if (p < 0 || p == q)
				continue;
			const struct sm_posting *pq = &sm->posts[q], *pp = &sm->posts[p];
			if (same_person(top, &sm->nodes[pp->top]) &&
			    (pq->version > pp->version || (pq->version == pp->version && pq->minor > pp->minor)))
				link(&l, p, q);
		}
	}
	/* The same title from the same address. Pull requests repeat their
	 * titles ("net fixes") without being revisions of each other. */
	for (size_t k = 0; k < nreps; k++) {
		const struct sm_node *top = &sm->nodes[sm->posts[reps[k]].top];
		const char *email = top->mail->author.email;
		if ((top->subj->kinds & PD_SUBJ_PULL) || top->subj->title == NULL ||
		    top->subj->title[0] == '\0' || email == NULL || *email == '\0')
			continue;
		struct piece pc[] = { STR(top->subj->title, strlen(top->subj->title)),
				      STR(email, strlen(email)) };
		size_t len, old;
		const char *key = make_key(&kb, pc, 2, &len);
		int rc = key != NULL ? pd_strmap_add(titles, key, len, (size_t)reps[k], &old) : PD_E_NOMEM;
		if (rc < 0)
			return PD_E_NOMEM;
		if (rc == 1)
			link(&l, (int)old, reps[k]);
	}
	return 0;
}

int sm_group(struct sm *sm)
{
	sm->posts = talloc_array(sm->local, struct sm_posting, sm->nreal + 1);
	if (sm->posts == NULL)
		return PD_E_NOMEM;
	sm->nposts = 0;
	int rc;
	bool again = false;
	if ((rc = assign_postings(sm)) < 0 || (rc = merge_stems(sm)) < 0 || (rc = summarise(sm)) < 0 ||
	    (rc = merge_pieces(sm, &again)) < 0 || (again && (rc = summarise(sm)) < 0))
		return rc;

	int *reps = talloc_array(sm->local, int, sm->nposts + 1);
	if (reps == NULL)
		return PD_E_NOMEM;
	size_t nreps = 0;
	for (size_t p = 0; p < sm->nposts; p++)
		if (sm->posts[p].merged == (int)p)
			reps[nreps++] = (int)p;
	if ((rc = link_series(sm, reps, nreps)) < 0)
		return rc;

	/* Representatives grouped by series (counting sort on the link root,
	 * series numbered by their oldest posting). */
	int *series_of = talloc_array(sm->local, int, sm->nposts + 1);
	sm->series_start = talloc_zero_array(sm->local, size_t, nreps + 2);
	sm->series_posts = talloc_array(sm->local, int, nreps + 1);
	if (series_of == NULL || sm->series_start == NULL || sm->series_posts == NULL)
		return PD_E_NOMEM;
	sm->nseries = 0;
	for (size_t k = 0; k < nreps; k++) {
		int root = sm_find_link(sm->posts, reps[k]);
		if (root == reps[k])
			series_of[root] = (int)sm->nseries++;
	}
	for (size_t k = 0; k < nreps; k++)
		sm->series_start[series_of[sm_find_link(sm->posts, reps[k])] + 1]++;
	for (size_t s = 0; s < sm->nseries; s++)
		sm->series_start[s + 1] += sm->series_start[s];
	size_t *fill = talloc_memdup(sm->local, sm->series_start, (sm->nseries + 1) * sizeof(size_t));
	if (fill == NULL)
		return PD_E_NOMEM;
	for (size_t k = 0; k < nreps; k++)
		sm->series_posts[fill[series_of[sm_find_link(sm->posts, reps[k])]]++] = reps[k];
	talloc_free(fill);
	talloc_free(series_of);
	talloc_free(reps);
	return 0;
}
