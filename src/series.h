/* Threads become series: the pure series model (SERIES.md).
 *
 * Input: the messages of some threads as struct pd_mail (mail.h). Output:
 * series, each a list of revisions (v1, v2, ...), each revision a cover
 * letter and patches 1..N with their replies and collected review
 * trailers, plus what is not a patch at all (discussions). No notmuch, no
 * GMime, no libgit2, no curses: built and unit-tested on plain structs.
 *
 * Everything the model returns is allocated under the ctx given to
 * pd_series_build() and points into the input mails, which must outlive
 * it (they are normally talloc children of the same ctx).
 */
#ifndef PD_SERIES_H
#define PD_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mail.h"

struct pd_series;
struct pd_revision;

/* A review trailer collected from a reply (or carried from an older
 * revision whose patch did not change). */
struct pd_collected {
	const struct pd_trailer *trailer;
	const struct pd_mail *from;  /* the reply that gave it */
	bool via_cover;              /* given to the cover: applies to every patch */
	bool carried;                /* earned on an older revision */
	bool mismatch;               /* the trailer's email is not the sender's */
};

struct pd_patch {
	int n;                       /* 1..total; may exceed total (flagged) */
	const struct pd_mail *mail;  /* the copy kept (non-reply, later one) */
	size_t nduplicates;          /* other copies seen and dropped */
	/* The dropped copies that are mails of their own (a resend under a
	 * new Message-ID), least preferred first; pd_model_find() finds them. */
	const struct pd_mail **duplicates;
	size_t nduplicate_mails;
	bool extra;                  /* n above the revision's total */
	bool carried;                /* partial reroll: taken from the older revision */
	const struct pd_mail **replies; /* every reply below this patch, thread order */
	size_t nreplies;
	struct pd_collected *collected; /* own replies' trailers, then the cover's */
	size_t ncollected;
};

enum pd_revision_kind {
	PD_REV_SERIES,   /* patches (with or without a cover) */
	PD_REV_SINGLE,   /* one patch without a counter */
	PD_REV_PULL,     /* [GIT PULL]: no patches, a repository URL */
};

struct pd_revision {
	struct pd_series *series;
	enum pd_revision_kind kind;
	int version;                 /* 1 when untagged */
	int version_minor;
	unsigned kinds;              /* enum pd_subject_kind of the cover/patch 1 */
	char **targets;              /* subject prefixes (`net-next`) */
	size_t ntargets;
	char *title;                 /* the cover's title, else patch 1's */
	const char *id;              /* Message-ID of the cover, else of the first patch */
	struct pd_person author;
	time_t date;                 /* the cover's date, else the earliest patch's */
	const struct pd_mail *cover; /* NULL without one */
	bool naked_cover;            /* a root without a counter or a diff */
	int total;                   /* N of n/N (1 for a single patch) */
	struct pd_patch *patches;    /* received (and carried) patches by n */
	size_t npatches;
	int *missing;                /* numbers in 1..total with no patch */
	size_t nmissing;
	const struct pd_mail **replies; /* replies to the cover (whole series) */
	size_t nreplies;
	size_t nreplies_total;       /* every reply in the revision */
	const char *change_id;       /* b4 change-id:, NULL if none */
	const char *base_commit;     /* base-commit:, NULL if none */
	struct pd_revision *superseded_by; /* the next newer revision, NULL if latest */
	/* Review trailers over the whole revision, counted once per person
	 * and kind (for the list's A/R/T columns). */
	int nacked, nreviewed, ntested;
};

struct pd_series {
	struct pd_revision **revisions; /* oldest first; the last is the latest */
	size_t nrevisions;
};

struct pd_model {
	struct pd_series **series;   /* newest activity first */
	size_t nseries;
	const struct pd_mail **other; /* mails that belong to no series */
	size_t nother;
};

/* Builds the model from mails (any order). Returns 0 or PD_E_NOMEM. */
int pd_series_build(struct pd_model **out, void *ctx,
		    const struct pd_mail *const *mails, size_t nmails);

/* The revision that holds the message id (with or without <>, or `id:`),
 * as cover, patch or reply; NULL when no revision does. */
struct pd_revision *pd_model_find(const struct pd_model *model, const char *id);

/* The latest revision of a series. */
struct pd_revision *pd_series_latest(const struct pd_series *series);

#endif
