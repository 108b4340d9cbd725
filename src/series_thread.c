/* Mails -> a thread forest (series_int.h): each mail gets a parent from
 * In-Reply-To/References, as JWZ threading does, with a phantom node for
 * every referred-to Message-ID we never saw, so that patches answering a
 * lost cover letter still share a parent. Cycles (hostile or broken
 * headers) are cut; then every node gets its role and its owner, the
 * nearest cover or patch above it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "series_int.h"
#include "status.h"

const char *sm_str(const char *s)
{
	return s != NULL ? s : "";
}

bool sm_has_diff(const struct pd_mail *m)
{
	return m != NULL && m->patch != NULL && m->patch->diff != NULL && m->patch->diff[0] != '\0';
}

bool sm_same_email(const char *a, const char *b)
{
	return a != NULL && b != NULL && *a != '\0' && strcasecmp(a, b) == 0;
}

void sm_id_view(const char *s, const char **p, size_t *len)
{
	s = sm_str(s);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (strncmp(s, "id:", 3) == 0)
		s += 3;
	if (*s == '<')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
			 s[n - 1] == '\r' || s[n - 1] == '>'))
		n--;
	*p = s;
	*len = n;
}

/* Who sent the mail: its From: address. A DMARC rewrite puts the list's
 * address there for everyone, but keeps the person in the display name
 * (`Jane Doe via Linux-demo`, `Jane via B4 Relay`), so then the name
 * counts too. Not the author: a cover and its patches share a sender,
 * while each patch may carry another author in an in-body From:. */
static const char *poster_of(void *ctx, const struct pd_mail *m)
{
	const char *s = m->sender.email, *a = m->author.email;
	if (s == NULL || *s == '\0')
		return sm_str(a);
	if (m->dmarc_rewritten)
		return talloc_asprintf(ctx, "%s %s", sm_str(m->sender.name), s);
	return s;
}

/* The node for id, a new phantom when nobody has it; -1 for an empty id. */
static int node_for(struct sm *sm, const char *raw)
{
	const char *id;
	size_t len;
	sm_id_view(raw, &id, &len);
	if (len == 0)
		return -1;
	size_t found;
	if (pd_strmap_get(sm->ids, id, len, &found))
		return (int)found;
	int i = (int)sm->nnodes++;
	sm->nodes[i] = (struct sm_node){
		.id = id, .idlen = len, .poster = "", .role = SM_PHANTOM, .parent = -1,
		.first_child = -1, .next_sibling = -1, .twin_of = -1, .root = -1, .owner = -1,
		.posting = -1, .rev = -1, .slot = -1, .order = SIZE_MAX,
	};
	if (pd_strmap_add(sm->ids, id, len, (size_t)i, NULL) < 0)
		return -2;
	return i;
}

static enum sm_role basic_role(const struct pd_subject *s, const struct pd_mail *m)
{
	if (s->is_reply)
		return SM_REPLY;
	if ((s->kinds & PD_SUBJ_PULL) && (!s->has_counter || s->n == 0))
		return SM_COVER;
	if (s->has_counter && pd_subject_is_patch(s))
		return s->n == 0 ? SM_COVER : SM_PATCH;
	if (pd_subject_is_patch(s))
		return SM_SINGLE;
	return SM_REPLY;
}

static int date_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sm_node *nodes = arg;
	const struct sm_node *a = &nodes[*(const int *)pa], *b = &nodes[*(const int *)pb];
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	/* phantoms: keep creation order */
	return *(const int *)pa - *(const int *)pb;
}

/* Gives parents from the headers: In-Reply-To first, then References from
 * the newest, skipping the mail's own id (self references happen). A
 * phantom learns its parent from the References chains of the mails that
 * cite it; a real mail only from its own headers. */
static int link_parents(struct sm *sm)
{
	for (size_t i = 0; i < sm->nreal; i++) {
		const struct pd_mail *m = sm->nodes[i].mail;
		for (size_t k = 1; m->references != NULL && k < m->nreferences; k++) {
			int child = node_for(sm, m->references[k]);
			if (child == -2)
				return PD_E_NOMEM;
			if (child < 0 || sm->nodes[child].role != SM_PHANTOM ||
			    sm->nodes[child].parent != -1)
				continue;
			int parent = node_for(sm, m->references[k - 1]);
			if (parent == -2)
				return PD_E_NOMEM;
			if (parent != child)
				sm->nodes[child].parent = parent;
		}
	}
	for (size_t i = 0; i < sm->nreal; i++) {
		struct sm_node *nd = &sm->nodes[i];
		const struct pd_mail *m = nd->mail;
		size_t k = m->references != NULL ? m->nreferences : 0;
		const char *cand = m->in_reply_to;
		for (;;) {
			const char *id;
			size_t len;
			sm_id_view(cand, &id, &len);
			if (len > 0 && !(len == nd->idlen && memcmp(id, nd->id, len) == 0)) {
				int p = node_for(sm, cand);
				if (p == -2)
					return PD_E_NOMEM;
				/* the twin of the mail itself is no parent either */
				if (p != (int)i && p != nd->twin_of) {
					nd->parent = p;
					break;
				}
			}
			if (k == 0)
				break;
			cand = m->references[--k];
		}
	}
	return 0;
}

/* Cuts every parent cycle at its earliest real mail, which becomes a
 * root: that is the message the others most likely answered. */
static int break_cycles(struct sm *sm)
{
	size_t n = sm->nnodes;
	unsigned char *state = talloc_zero_array(sm->local, unsigned char, n);
	int *path = talloc_array(sm->local, int, n);
	if (n > 0 && (state == NULL || path == NULL))
		return PD_E_NOMEM;
	for (size_t i = 0; i < n; i++) {
		size_t len = 0;
		int j = (int)i;
		while (j != -1 && state[j] == 0) {
			state[j] = 1;
			path[len++] = j;
			j = sm->nodes[j].parent;
		}
		if (j != -1 && state[j] == 1) {
			size_t from = len;
			while (path[from - 1] != j)
				from--;
			from--;
			int cut = path[from];
			for (size_t k = from; k < len; k++) {
				const struct sm_node *c = &sm->nodes[path[k]], *b = &sm->nodes[cut];
				bool better = b->mail == NULL
					? c->mail != NULL
					: c->mail != NULL && (c->date < b->date ||
							      (c->date == b->date && c->order < b->order));
				if (better)
					cut = path[k];
			}
			sm->nodes[cut].parent = -1;
		}
		for (size_t k = 0; k < len; k++)
			state[path[k]] = 2;
	}
	talloc_free(state);
	talloc_free(path);
	return 0;
}

/* A root-level mail with a fresh subject and no counter or diff, from the
 * sender of a numbered patch answering it, is that series' cover letter.
 * Nodes are visited by date so the earliest such patch sets its version. */
static void find_naked_covers(struct sm *sm, const int *by_date)
{
	for (size_t k = 0; k < sm->nnodes; k++) {
		const struct sm_node *c = &sm->nodes[by_date[k]];
		if (c->role != SM_PATCH || c->parent < 0)
			continue;
		struct sm_node *p = &sm->nodes[c->parent];
		if ((p->role != SM_REPLY && p->role != SM_SINGLE) || p->subj->is_reply ||
		    p->subj->has_counter || sm_has_diff(p->mail) || !sm_same_email(p->poster, c->poster))
			continue;
		p->role = SM_NAKED;
		p->version = c->version;
		p->minor = c->minor;
		p->n = 0;
	}
}

static bool is_owner_role(enum sm_role r)
{
	return r == SM_COVER || r == SM_NAKED || r == SM_PATCH || r == SM_SINGLE;
}

/* Children in date order, then every node in thread order (preorder,
 * without recursion: deep threading makes chains thousands long). */
static int order_threads(struct sm *sm, const int *by_date)
{
	for (size_t k = sm->nnodes; k-- > 0;) {
		int i = by_date[k];
		int p = sm->nodes[i].parent;
		if (p >= 0) {
			sm->nodes[i].next_sibling = sm->nodes[p].first_child;
			sm->nodes[p].first_child = i;
		}
	}
	sm->pre = talloc_array(sm->local, int, sm->nnodes);
	if (sm->pre == NULL && sm->nnodes > 0)
		return PD_E_NOMEM;
	sm->npre = 0;
	for (size_t k = 0; k < sm->nnodes; k++) {
		int root = by_date[k];
		if (sm->nodes[root].parent != -1)
			continue;
		int cur = root;
		while (cur != -1) {
			sm->pre[sm->npre++] = cur;
			if (sm->nodes[cur].first_child != -1) {
				cur = sm->nodes[cur].first_child;
				continue;
			}
			while (cur != root && sm->nodes[cur].next_sibling == -1)
				cur = sm->nodes[cur].parent;
			cur = cur == root ? -1 : sm->nodes[cur].next_sibling;
		}
	}
	for (size_t k = 0; k < sm->npre; k++) {
		struct sm_node *nd = &sm->nodes[sm->pre[k]];
		const struct sm_node *p = nd->parent >= 0 ? &sm->nodes[nd->parent] : NULL;
		nd->root = p != NULL ? p->root : sm->pre[k];
		bool owns = is_owner_role(nd->role);
		nd->owner = owns ? sm->pre[k] : p != NULL ? p->owner : -1;
		nd->via_phantom = nd->role == SM_PHANTOM || (!owns && p != NULL && p->via_phantom);
		nd->in_place = p == NULL || p->role == SM_PHANTOM || is_owner_role(p->role);
	}
	return 0;
}

int sm_thread(struct sm *sm, const struct pd_mail *const *mails, size_t nmails)
{
	size_t cap = 0, nreal = 0;
	for (size_t i = 0; i < nmails; i++) {
		if (mails[i] == NULL)
			continue;
		nreal++;
		size_t refs = mails[i]->references != NULL ? mails[i]->nreferences : 0;
		cap += 2 + refs;
	}
	sm->nodes = talloc_array(sm->local, struct sm_node, cap + 1);
	/* phantoms are few: the map grows when they come */
	sm->ids = pd_strmap_new(sm->local, nreal + nreal / 4);
	if (sm->nodes == NULL || sm->ids == NULL)
		return PD_E_NOMEM;

	for (size_t i = 0; i < nmails; i++) {
		const struct pd_mail *m = mails[i];
		if (m == NULL)
			continue;
		const struct pd_subject *s = m->subject;
		if (s == NULL) {
			struct pd_subject *parsed;
			if (pd_subject_parse(&parsed, sm->out, m->subject_raw) < 0)
				return PD_E_NOMEM;
			s = parsed;
		}
		int idx = (int)sm->nnodes++;
		struct sm_node *nd = &sm->nodes[idx];
		const char *poster = poster_of(sm->local, m);
		if (poster == NULL)
			return PD_E_NOMEM;
		*nd = (struct sm_node){
			.mail = m, .subj = s, .poster = poster, .date = m->date, .order = i,
			.parent = -1, .first_child = -1, .next_sibling = -1, .twin_of = -1,
			.root = -1, .owner = -1, .posting = -1, .rev = -1, .slot = -1,
			.role = basic_role(s, m), .version = s->version, .minor = s->version_minor,
		};
		/* A fresh subject without tags that carries a diff and answers
		 * nothing is a patch sent without [PATCH] (settled below, once
		 * we know what it answers). */
		sm_id_view(m->message_id, &nd->id, &nd->idlen);
		if (nd->idlen > 0) {
			size_t old;
			int rc = pd_strmap_add(sm->ids, nd->id, nd->idlen, (size_t)idx, &old);
			if (rc < 0)
				return PD_E_NOMEM;
			if (rc == 1)
				nd->twin_of = (int)old;
		}
	}
	sm->nreal = sm->nnodes;
	int rc = link_parents(sm);
	if (rc < 0)
		return rc;
	if ((rc = break_cycles(sm)) < 0)
		return rc;
	for (size_t i = 0; i < sm->nreal; i++) {
		struct sm_node *nd = &sm->nodes[i];
		bool answers = nd->parent >= 0 && sm->nodes[nd->parent].mail != NULL;
		if (nd->role == SM_REPLY && !nd->subj->is_reply && !answers && sm_has_diff(nd->mail))
			nd->role = SM_SINGLE;
		nd->n = nd->role == SM_PATCH ? nd->subj->n : nd->role == SM_SINGLE ? 1 : 0;
	}

	int *by_date = talloc_array(sm->local, int, sm->nnodes);
	if (by_date == NULL && sm->nnodes > 0)
		return PD_E_NOMEM;
	for (size_t i = 0; i < sm->nnodes; i++)
		by_date[i] = (int)i;
	if (sm->nnodes > 1)
		qsort_r(by_date, sm->nnodes, sizeof(int), date_cmp, sm->nodes);
	find_naked_covers(sm, by_date);
	rc = order_threads(sm, by_date);
	talloc_free(by_date);
	return rc;
}
