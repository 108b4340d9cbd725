/* Postings -> revisions (series_int.h). Postings of one series with the
 * same version are one revision when the later one is a RESEND or sends
 * the very same diffs (a copy, not a new version); otherwise each posting
 * is a revision of its own. Duplicated patches keep one copy and count
 * the rest; a partial reroll takes its missing patches from the revision
 * before it. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "series_int.h"
#include "status.h"

/* A total past this is a typo or an attack, not a series: the revision
 * then counts up to the highest number it received instead of listing
 * millions of missing patches. */
enum { MAX_TOTAL = 65536 };

/* What `git patch-id` hashes, roughly: file names and changed lines with
 * white space removed, so a rebase (new line numbers, new context, new
 * index blobs) keeps the hash. 0: no diff. */
static uint64_t patch_hash(const struct pd_mail *m)
{
	if (!sm_has_diff(m))
		return 0;
	uint64_t h = 1469598103934665603ull;
	const char *p = m->patch->diff;
	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t len = eol != NULL ? (size_t)(eol - p) : strlen(p);
		bool keep = (len > 0 && (p[0] == '+' || p[0] == '-')) || strncmp(p, "diff --git ", 11) == 0;
		if (keep) {
			for (size_t i = 0; i < len; i++) {
				if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r')
					continue;
				h ^= (unsigned char)p[i];
				h *= 1099511628211ull;
			}
			h ^= '\n';
			h *= 1099511628211ull;
		}
		p += len + (eol != NULL);
	}
	return h != 0 ? h : 1;
}

uint64_t sm_patch_id(struct sm_node *nd)
{
	if (!nd->pid_done) {
		nd->pid = patch_hash(nd->mail);
		nd->pid_done = true;
	}
	return nd->pid;
}

int sm_cover_ids(struct sm *sm, const struct pd_mail *m, const char **change_id,
		 const char **base_commit)
{
	*change_id = *base_commit = NULL;
	if (m == NULL)
		return 0;
	if (m->patch != NULL) {
		*change_id = m->patch->change_id;
		*base_commit = m->patch->base_commit;
		return 0;
	}
	/* Only a line starting with one of them is worth splitting the text
	 * for (strchr hops line to line; strstr is slow on huge texts). */
	bool any = false;
	for (const char *p = m->text; p != NULL && !any; p = strchr(p, '\n'), p = p != NULL ? p + 1 : NULL)
		any = strncmp(p, "change-id:", 10) == 0 || strncmp(p, "base-commit:", 12) == 0;
	if (!any)
		return 0;
	/* A cover letter carries no diff, so the parser left its text whole:
	 * b4 and format-patch --base put these lines at its end. */
	struct pd_body *b;
	if (pd_body_split(&b, sm->local, m->text) < 0)
		return PD_E_NOMEM;
	if (b->change_id != NULL && (*change_id = talloc_strdup(sm->out, b->change_id)) == NULL)
		return PD_E_NOMEM;
	if (b->base_commit != NULL && (*base_commit = talloc_strdup(sm->out, b->base_commit)) == NULL)
		return PD_E_NOMEM;
	talloc_free(b);
	return 0;
}

static int n_rank_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sm_node *a = &((const struct sm_node *)arg)[*(const int *)pa];
	const struct sm_node *b = &((const struct sm_node *)arg)[*(const int *)pb];
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return sm_rank_cmp(a, b);
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

static bool is_patch(const struct sm_node *nd)
{
	return nd->role == SM_PATCH || nd->role == SM_SINGLE;
}

/* Nodes bucketed by a key (counting sort): bucket b is
 * nodes[start[b] .. start[b+1]). */
struct buckets {
	int *nodes;
	size_t *start;
};

static int bucket(struct sm *sm, struct buckets *out, size_t nb, int (*key)(struct sm *, int))
{
	out->start = talloc_zero_array(sm->local, size_t, nb + 2);
	out->nodes = talloc_array(sm->local, int, sm->nreal + 1);
	if (out->start == NULL || out->nodes == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < sm->nreal; i++) {
		int k = key(sm, (int)i);
		if (k >= 0)
			out->start[k + 1]++;
	}
	for (size_t b = 0; b < nb; b++)
		out->start[b + 1] += out->start[b];
	size_t *fill = talloc_memdup(sm->local, out->start, (nb + 1) * sizeof(size_t));
	if (fill == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < sm->nreal; i++) {
		int k = key(sm, (int)i);
		if (k >= 0)
			out->nodes[fill[k]++] = (int)i;
	}
	talloc_free(fill);
	return 0;
}

static int patch_rep(struct sm *sm, int i)
{
	const struct sm_node *nd = &sm->nodes[i];
	return nd->posting >= 0 && is_patch(nd) ? sm_find(sm->posts, nd->posting) : -1;
}

static int node_rev(struct sm *sm, int i)
{
	return sm->nodes[i].rev;
}

/* Two postings of one version send the same diffs for every number they
 * share (at least one): a copy of the sending. */
static bool same_diffs(struct sm *sm, const struct buckets *b, int p, int q)
{
	size_t i = b->start[p], ie = b->start[p + 1], j = b->start[q], je = b->start[q + 1];
	size_t common = 0;
	while (i < ie && j < je) {
		struct sm_node *x = &sm->nodes[b->nodes[i]], *y = &sm->nodes[b->nodes[j]];
		if (x->n < y->n) {
			i++;
		} else if (x->n > y->n) {
			j++;
		} else {
			uint64_t px = sm_patch_id(x);
			if (px == 0 || px != sm_patch_id(y))
				return false;
			common++;
			i++, j++;
		}
	}
	return common > 0;
}

static int version_cmp(const struct sm_posting *a, const struct sm_posting *b)
{
	if (a->version != b->version)
		return a->version < b->version ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	return 0;
}

static int posting_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sm *sm = arg;
	int p = *(const int *)pa, q = *(const int *)pb;
	int c = version_cmp(&sm->posts[p], &sm->posts[q]);
	if (c != 0)
		return c;
	if (sm->posts[p].date != sm->posts[q].date)
		return sm->posts[p].date < sm->posts[q].date ? -1 : 1;
	return p < q ? -1 : p > q;
}

static char *id_of(struct sm *sm, const struct sm_node *nd)
{
	const char *mid = nd->mail->message_id;
	if (mid != NULL && strlen(mid) == nd->idlen && strncmp(mid, nd->id, nd->idlen) == 0)
		return (char *)mid;
	return talloc_strndup(sm->out, nd->id, nd->idlen);
}

static char *or_empty(struct sm *sm, char *s)
{
	return s != NULL ? s : talloc_strdup(sm->out, "");
}

/* The revision as series.h shows it, but for its patches. */
static int describe(struct sm *sm, struct sm_rev *r)
{
	struct pd_revision *pub = talloc_zero(sm->out, struct pd_revision);
	if (pub == NULL)
		return PD_E_NOMEM;
	r->pub = pub;
	const struct sm_node *cover = r->cover >= 0 ? &sm->nodes[r->cover] : NULL;
	const struct sm_node *low = NULL;
	time_t first = 0;
	for (size_t k = 0; k < r->nown; k++) {
		const struct sm_node *nd = &sm->nodes[r->own[k]];
		if (low == NULL || nd->n == low->n)
			low = nd; /* the kept copy of the lowest number sorts last */
		if (k == 0 || nd->date < first)
			first = nd->date;
	}
	const struct sm_node *top = cover != NULL ? cover : low;
	if (top == NULL)
		return PD_E_INTERNAL; /* a revision is made of at least one mail */
	pub->version = r->version;
	pub->version_minor = r->minor;
	pub->kinds = top->subj->kinds;
	pub->targets = top->subj->targets;
	pub->ntargets = top->subj->targets != NULL ? top->subj->ntargets : 0;
	pub->title = or_empty(sm, top->subj->title);
	pub->id = id_of(sm, top);
	pub->author.name = or_empty(sm, top->mail->author.name);
	pub->author.email = or_empty(sm, top->mail->author.email);
	pub->date = cover != NULL ? cover->date : first;
	pub->cover = cover != NULL ? cover->mail : NULL;
	pub->naked_cover = cover != NULL && cover->role == SM_NAKED;
	if (pub->title == NULL || pub->id == NULL || pub->author.name == NULL || pub->author.email == NULL)
		return PD_E_NOMEM;
	if (sm_cover_ids(sm, top->mail, &pub->change_id, &pub->base_commit) < 0)
		return PD_E_NOMEM;
	if (low != NULL && low != top && low->mail->patch != NULL) {
		if (pub->change_id == NULL)
			pub->change_id = low->mail->patch->change_id;
		if (pub->base_commit == NULL)
			pub->base_commit = low->mail->patch->base_commit;
	}
	/* The total the cover announces, else the one most patches carry
	 * (the larger on a tie: a `6/5` must not shrink the series). A
	 * cover `0/3` over patches that all say `n/4` and reach past 3 is
	 * the cover's typo: the patches win. */
	int total = 0;
	bool patches_agree = r->nown > 0;
	for (size_t k = 1; k < r->nown; k++) {
		const struct pd_subject *a = sm->nodes[r->own[0]].subj, *b = sm->nodes[r->own[k]].subj;
		if (!a->has_counter || !b->has_counter || a->total != b->total)
			patches_agree = false;
	}
	const struct pd_subject *p1 = r->nown > 0 ? sm->nodes[r->own[0]].subj : NULL;
	if (cover != NULL && cover->subj->has_counter && patches_agree && p1->has_counter &&
	    p1->total > cover->subj->total && sm->nodes[r->own[r->nown - 1]].n > cover->subj->total) {
		total = p1->total;
	} else if (cover != NULL && cover->subj->has_counter) {
		total = cover->subj->total;
	} else if (r->nown > 0) {
		int *t = talloc_array(sm->local, int, r->nown);
		if (t == NULL)
			return PD_E_NOMEM;
		for (size_t k = 0; k < r->nown; k++) {
			const struct pd_subject *ps = sm->nodes[r->own[k]].subj;
			t[k] = ps->has_counter ? ps->total : 1;
		}
		qsort(t, r->nown, sizeof(int), int_cmp);
		size_t best = 0;
		for (size_t k = 0, run = 1; k < r->nown; k++, run++) {
			if (k + 1 < r->nown && t[k + 1] == t[k])
				continue;
			if (run >= best)
				best = run, total = t[k];
			run = 0;
		}
		talloc_free(t);
	}
	int highest = r->nown > 0 ? sm->nodes[r->own[r->nown - 1]].n : 0;
	pub->total = total > MAX_TOTAL && total > highest ? highest : total;
	return 0;
}

/* The patch a partial reroll answers: its own patches reply to the
 * older revision's patches (not to its cover). -1 when it is no reroll. */
static int reroll_anchor(struct sm *sm, const struct sm_rev *r, int ri, int pi)
{
	if (r->cover >= 0)
		return -1;
	for (size_t k = 0; k < r->nown; k++) {
		int a = sm->nodes[r->own[k]].parent;
		a = a >= 0 ? sm->nodes[a].owner : -1;
		for (int steps = 0; a >= 0 && sm->nodes[a].rev == ri && steps < 256; steps++) {
			a = sm->nodes[a].parent;
			a = a >= 0 ? sm->nodes[a].owner : -1;
		}
		if (a >= 0 && sm->nodes[a].rev == pi && is_patch(&sm->nodes[a]))
			return a;
	}
	return -1;
}

static size_t copies(const struct pd_mail *m)
{
	return m->npaths > 1 ? m->npaths : 1;
}

/* Whether one of the nodes idx[0..n) has nd's Message-ID: the same mail
 * given twice is not a copy of its own. */
static bool id_seen(const struct sm *sm, const int *idx, size_t n, const struct sm_node *nd)
{
	for (size_t i = 0; i < n; i++) {
		const struct sm_node *o = &sm->nodes[idx[i]];
		if (o->idlen == nd->idlen && memcmp(o->id, nd->id, nd->idlen) == 0)
			return true;
	}
	return false;
}

/* The patches array (own and carried, by number), the slots of every
 * copy, missing numbers, and the kind. */
static int finish(struct sm *sm, struct sm_rev *r, int ri, const struct sm_rev *prev, int pi)
{
	struct pd_revision *pub = r->pub;
	int anchor = prev != NULL ? reroll_anchor(sm, r, ri, pi) : -1;
	if (anchor >= 0) {
		r->from = pi;
		/* `[PATCH v5.1]` answering v5 3/7: the new patch 3 */
		if (r->nown > 0 && sm->nodes[r->own[0]].role == SM_SINGLE &&
		    sm->nodes[r->own[r->nown - 1]].role == SM_SINGLE && sm->nodes[anchor].role == SM_PATCH) {
			for (size_t k = 0; k < r->nown; k++)
				sm->nodes[r->own[k]].n = sm->nodes[anchor].n;
			pub->total = prev->pub->total;
		}
		if (prev->pub->title[0] != '\0')
			pub->title = prev->pub->title;
	}
	size_t runs = 0;
	for (size_t k = 0; k < r->nown; k++)
		runs += k == 0 || sm->nodes[r->own[k]].n != sm->nodes[r->own[k - 1]].n;
	const struct pd_revision *pp = anchor >= 0 ? prev->pub : NULL;
	size_t ncarry = pp != NULL ? pp->npatches : 0;
	pub->patches = talloc_zero_array(pub, struct pd_patch, runs + ncarry + 1);
	if (pub->patches == NULL)
		return PD_E_NOMEM;
	size_t k = 0, j = 0, out = 0;
	while (k < r->nown || j < ncarry) {
		int own_n = k < r->nown ? sm->nodes[r->own[k]].n : INT_MAX;
		if (j < ncarry) {
			const struct pd_patch *c = &pp->patches[j];
			if (c->n < own_n) {
				j++;
				if (c->n >= 1 && c->n <= pub->total)
					pub->patches[out++] = (struct pd_patch){
						.n = c->n, .mail = c->mail, .carried = true,
					};
				continue;
			}
			if (c->n == own_n)
				j++; /* the reroll's own patch replaces it */
		}
		size_t end = k, dups = 0;
		while (end < r->nown && sm->nodes[r->own[end]].n == own_n) {
			sm->nodes[r->own[end]].slot = (int)out;
			dups += copies(sm->nodes[r->own[end]].mail);
			end++;
		}
		const struct pd_mail **dmails = NULL;
		size_t ndmails = 0;
		if (end - k > 1) {
			dmails = talloc_array(pub->patches, const struct pd_mail *, end - k);
			if (dmails == NULL)
				return PD_E_NOMEM;
			for (size_t d = k; d + 1 < end; d++)
				if (!id_seen(sm, r->own + d + 1, end - d - 1, &sm->nodes[r->own[d]]))
					dmails[ndmails++] = sm->nodes[r->own[d]].mail;
		}
		pub->patches[out++] = (struct pd_patch){
			.n = own_n, .mail = sm->nodes[r->own[end - 1]].mail, .nduplicates = dups - 1,
			.duplicates = dmails, .nduplicate_mails = ndmails,
			.extra = own_n > pub->total,
		};
		k = end;
	}
	pub->npatches = out;

	size_t nmissing = 0;
	for (size_t i = 0, p = 0; pub->total > 0 && (int)i < pub->total; i++) {
		while (p < out && pub->patches[p].n < (int)i + 1)
			p++;
		nmissing += !(p < out && pub->patches[p].n == (int)i + 1);
	}
	pub->missing = talloc_array(pub, int, nmissing + 1);
	if (pub->missing == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0, p = 0; pub->total > 0 && (int)i < pub->total; i++) {
		while (p < out && pub->patches[p].n < (int)i + 1)
			p++;
		if (!(p < out && pub->patches[p].n == (int)i + 1))
			pub->missing[pub->nmissing++] = (int)i + 1;
	}

	/* A single patch: every mail of it unnumbered. (One Message-ID given
	 * to both `[PATCH]` and `[PATCH 1/3]` is a series that lacks 2 and
	 * 3, not a single patch whose total is 1 and that lacks 2 and 3:
	 * found by fuzz-series.) */
	bool unnumbered = r->nown > 0;
	for (size_t i = 0; i < r->nown; i++)
		unnumbered &= sm->nodes[r->own[i]].role == SM_SINGLE;
	const struct sm_node *cover = r->cover >= 0 ? &sm->nodes[r->cover] : NULL;
	if (cover != NULL && (cover->subj->kinds & PD_SUBJ_PULL) && out == 0)
		pub->kind = PD_REV_PULL;
	else if (cover == NULL && out == 1 && unnumbered && r->from < 0)
		pub->kind = PD_REV_SINGLE;
	else
		pub->kind = PD_REV_SERIES;
	if (pub->kind == PD_REV_SINGLE)
		pub->total = 1;
	if (pub->kind == PD_REV_PULL)
		pub->total = 0, pub->nmissing = 0;
	return 0;
}

static int rev_cmp(const void *pa, const void *pb)
{
	const struct sm_rev *a = pa, *b = pb;
	if (a->series != b->series)
		return a->series < b->series ? -1 : 1;
	const struct pd_revision *x = a->pub, *y = b->pub;
	if (x->version != y->version)
		return x->version < y->version ? -1 : 1;
	if (x->version_minor != y->version_minor)
		return x->version_minor < y->version_minor ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	/* creation order, kept in `from` until the sort is done */
	return a->from < b->from ? -1 : a->from > b->from;
}

int sm_revisions(struct sm *sm)
{
	struct buckets by_rep;
	if (bucket(sm, &by_rep, sm->nposts, patch_rep) < 0)
		return PD_E_NOMEM;
	for (size_t p = 0; p < sm->nposts; p++) {
		size_t n = by_rep.start[p + 1] - by_rep.start[p];
		if (n > 1)
			qsort_r(by_rep.nodes + by_rep.start[p], n, sizeof(int), n_rank_cmp, sm->nodes);
	}

	/* Postings of one series by version: one revision per version unless
	 * a later posting is a new sending rather than a copy. */
	int *rev_of = talloc_array(sm->local, int, sm->nposts + 1);
	sm->revs = talloc_zero_array(sm->local, struct sm_rev, sm->nposts + 1);
	if (rev_of == NULL || sm->revs == NULL)
		return PD_E_NOMEM;
	sm->nrevs = 0;
	for (size_t s = 0; s < sm->nseries; s++) {
		int *list = sm->series_posts + sm->series_start[s];
		size_t n = sm->series_start[s + 1] - sm->series_start[s];
		qsort_r(list, n, sizeof(int), posting_cmp, sm);
		int first = -1; /* first posting of the current revision */
		for (size_t k = 0; k < n; k++) {
			int q = list[k];
			if (first >= 0 && version_cmp(&sm->posts[first], &sm->posts[q]) == 0 &&
			    sm->posts[first].total == sm->posts[q].total &&
			    (sm->posts[q].resend || same_diffs(sm, &by_rep, first, q))) {
				rev_of[q] = rev_of[first];
				continue;
			}
			first = q;
			int ri = (int)sm->nrevs++;
			rev_of[q] = ri;
			sm->revs[ri] = (struct sm_rev){
				.series = (int)s, .cover = -1, .from = ri,
				.version = sm->posts[q].version, .minor = sm->posts[q].minor,
			};
		}
	}
	for (size_t i = 0; i < sm->nreal; i++)
		if (sm->nodes[i].posting >= 0)
			sm->nodes[i].rev = rev_of[sm_find(sm->posts, sm->nodes[i].posting)];

	struct buckets by_rev;
	if (bucket(sm, &by_rev, sm->nrevs, node_rev) < 0)
		return PD_E_NOMEM;
	for (size_t ri = 0; ri < sm->nrevs; ri++) {
		struct sm_rev *r = &sm->revs[ri];
		size_t from = by_rev.start[ri], to = by_rev.start[ri + 1];
		r->own = talloc_array(sm->local, int, to - from + 1);
		if (r->own == NULL)
			return PD_E_NOMEM;
		for (size_t k = from; k < to; k++) {
			int i = by_rev.nodes[k];
			const struct sm_node *nd = &sm->nodes[i];
			if (is_patch(nd))
				r->own[r->nown++] = i;
			else if (r->cover < 0 || sm_rank_cmp(nd, &sm->nodes[r->cover]) > 0)
				r->cover = i;
		}
		if (r->nown > 1)
			qsort_r(r->own, r->nown, sizeof(int), n_rank_cmp, sm->nodes);
		if (describe(sm, r) < 0)
			return PD_E_NOMEM;
	}

	/* Revisions in order within each series (highest version last, dates
	 * breaking ties), then numbered again. */
	if (sm->nrevs > 1)
		qsort(sm->revs, sm->nrevs, sizeof(*sm->revs), rev_cmp);
	int *renum = talloc_array(sm->local, int, sm->nrevs + 1);
	sm->rev_start = talloc_zero_array(sm->local, size_t, sm->nseries + 2);
	if (renum == NULL || sm->rev_start == NULL)
		return PD_E_NOMEM;
	for (size_t ri = 0; ri < sm->nrevs; ri++) {
		renum[sm->revs[ri].from] = (int)ri;
		sm->revs[ri].from = -1;
		sm->rev_start[sm->revs[ri].series + 1]++;
	}
	for (size_t s = 0; s < sm->nseries; s++)
		sm->rev_start[s + 1] += sm->rev_start[s];
	for (size_t i = 0; i < sm->nreal; i++)
		if (sm->nodes[i].rev >= 0)
			sm->nodes[i].rev = renum[sm->nodes[i].rev];
	for (size_t ri = 0; ri < sm->nrevs; ri++) {
		struct sm_rev *r = &sm->revs[ri];
		bool first = ri == sm->rev_start[r->series];
		if (finish(sm, r, (int)ri, first ? NULL : &sm->revs[ri - 1], first ? -1 : (int)ri - 1) < 0)
			return PD_E_NOMEM;
	}
	talloc_free(renum);
	talloc_free(rev_of);
	return 0;
}
