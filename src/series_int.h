/* Internals of the series model (series.h), shared by its files:
 * series_thread.c (mails -> a thread forest with roles), series_group.c
 * (patch mails -> postings -> series), series_rev.c (postings ->
 * revisions) and series.c (replies, trailers, the public model).
 *
 * Everything is indexed by int into flat arrays and built under sm->local,
 * which is freed when the model is done; only what series.h describes is
 * allocated under sm->out.
 */
#ifndef PD_SERIES_INT_H
#define PD_SERIES_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "series.h"
#include "strmap.h"

enum sm_role {
	SM_PHANTOM, /* a Message-ID others refer to, never seen */
	SM_REPLY,   /* anything that is not a patch mail */
	SM_COVER,   /* 0/N, or a [GIT PULL] without a counter */
	SM_NAKED,   /* a cover without counter or diff, found by its patches */
	SM_PATCH,   /* n/N, n >= 1 */
	SM_SINGLE,  /* a patch without a counter */
};

struct sm_node {
	const struct pd_mail *mail;    /* NULL for a phantom */
	const struct pd_subject *subj; /* never NULL for a real node */
	const char *id;                /* Message-ID without <> (not terminated) */
	size_t idlen;
	const char *poster;            /* who sent it (lower-case compare), never NULL */
	time_t date;
	size_t order;                  /* index in the input */
	int parent, first_child, next_sibling;
	int twin_of;                   /* an earlier node with the same Message-ID */
	int root;                      /* top of its thread */
	int owner;                     /* nearest cover/patch at or above it, -1 */
	enum sm_role role;
	bool via_phantom;              /* a phantom lies between it and its owner */
	bool in_place;                 /* not a reply to a reply: see sm_rank_cmp */
	int version, minor;            /* a naked cover takes its patches' */
	int n;                         /* patch number; 1 for a single, 0 for a cover */
	int posting;                   /* cover/patch: its posting, -1 */
	int rev;                       /* cover/patch: its revision, -1 */
	int slot;                      /* patch: index of its kept copy in rev's patches */
	uint64_t pid;                  /* patch: sm_patch_id(), once asked */
	bool pid_done;
};

/* One sending of a series: a cover and/or patches sent together. */
struct sm_posting {
	int merged;           /* union-find: postings found to be one sending */
	int link;             /* union-find: postings found to be one series */
	/* Valid on the representative of `merged` once summarised. */
	int top;              /* the cover, else the lowest patch */
	const char *poster;   /* the top's */
	bool resend;
	const char *change_id;
	int total;            /* of the top */
	int version, minor;   /* what most of its patches say (a cover may lag) */
	time_t date;          /* earliest mail */
	int nodes;            /* how many covers and patches */
};

/* A revision under construction. */
struct sm_rev {
	struct pd_revision *pub;
	int series;
	int cover;            /* the cover kept, -1 */
	int *own;             /* its own patch mails (every copy), by n then rank */
	size_t nown;
	int version, minor;
	int from;             /* partial reroll: the revision missing patches came from */
	int *reply_nodes;     /* the nodes of pub->replies */
	time_t activity;      /* its newest mail, replies included */
};

struct sm {
	void *local;
	void *out;            /* the model's ctx: what series.h promises */
	struct sm_node *nodes;
	size_t nnodes, nreal;
	struct pd_strmap *ids;
	int *pre;             /* every node in thread order */
	size_t npre;
	struct sm_posting *posts;
	size_t nposts;
	/* sm_group: representatives of the merged postings, grouped by series */
	int *series_posts;    /* posting reps, series after series */
	size_t *series_start; /* series s holds series_posts[start[s] .. start[s+1]) */
	size_t nseries;
	/* sm_revisions: revisions, series after series, oldest first */
	struct sm_rev *revs;
	size_t nrevs;
	size_t *rev_start;    /* series s: revs[rev_start[s] .. rev_start[s+1]) */
};

/* series_thread.c: nodes, parents (cycles broken), roles, preorder. */
int sm_thread(struct sm *sm, const struct pd_mail *const *mails, size_t nmails);

/* series_group.c: postings, unthreaded merges, series linking. */
int sm_group(struct sm *sm);
int sm_find(struct sm_posting *posts, int i);      /* merged root */
int sm_find_link(struct sm_posting *posts, int i); /* series root */

/* series_rev.c: revisions of each series, their covers and patches. */
int sm_revisions(struct sm *sm);

/* A whitespace-blind hash of a patch's diff (0: none), computed on
 * first use: most patches are never compared. */
uint64_t sm_patch_id(struct sm_node *nd);

/* The copy of a duplicated patch to keep sorts last: in place (not a reply
 * to a discussion mail), then later, then later in the input. */
int sm_rank_cmp(const struct sm_node *a, const struct sm_node *b);

/* Small helpers. */
bool sm_has_diff(const struct pd_mail *m);
bool sm_same_email(const char *a, const char *b); /* both non-empty, equal ignoring case */
const char *sm_str(const char *s);                /* NULL -> "" */
/* `<id>`, ` id:x `: the bare Message-ID as a view into s. */
void sm_id_view(const char *s, const char **p, size_t *len);
/* The posting's cover letter text fields: change-id, base-commit. */
int sm_cover_ids(struct sm *sm, const struct pd_mail *m, const char **change_id,
		 const char **base_commit);

#endif
