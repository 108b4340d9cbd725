/* The list digest (DIGEST.md): which patch mails of a time range it
 * counts and prints, worked out from the series model alone (no notmuch,
 * no output), so that it is unit-tested on plain structs.
 *
 * The digest counts every patch mail of the range (cover letters too,
 * replies never) under its author as the body says it (in-body From:,
 * else the header), and prints two entries per series revision, its
 * patch 1 and its cover letter (a single patch or a pull request: one),
 * in the order the mails arrived (their Date:).
 */
#ifndef PD_DIGEST_H
#define PD_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "series.h"

/* The two tables print this many rows. */
#define PD_DIGEST_TOP 15

enum pd_digest_role {
	PD_DIGEST_OTHER,   /* counted, not printed (patches 2..N) */
	PD_DIGEST_FIRST,   /* patch 1, or a patch by itself */
	PD_DIGEST_COVER,   /* cover letter, or a pull request */
};

struct pd_digest_mail {
	const struct pd_mail *mail;
	const struct pd_revision *rev;
	enum pd_digest_role role;
	struct pd_person author;  /* pd_digest_author() */
	/* An entry whose title an earlier entry already had (a resent or
	 * older revision arriving late): printed as Exist/Skip, not again. */
	const struct pd_digest_mail *exists;
};

/* One row of a table: a domain, or a person as `Name <address>`. */
struct pd_digest_count {
	char *key;
	size_t count;
};

/* A revision with mail in the range, for the patch list. */
struct pd_digest_series {
	const struct pd_revision *rev;
	size_t npatches;   /* its patches (not the cover) in the range */
	bool cover;        /* its cover letter is in the range */
	struct pd_person author;  /* of its cover letter, else of its patch 1 */
};

struct pd_digest {
	time_t from, to;   /* [from, to); 0 leaves that side open */
	struct pd_digest_mail *mails;    /* every counted mail, arrival order */
	size_t nmails;
	struct pd_digest_count *domains; /* most mails first; every row */
	size_t ndomains;
	struct pd_digest_count *people;
	size_t npeople;
	struct pd_digest_series *series; /* by their first mail's arrival */
	size_t nseries;
};

/* The digest of the patch mails of model dated in [from, to) (0: open).
 * *out is allocated under ctx and points into model. Returns 0 or
 * PD_E_NOMEM. */
int pd_digest_build(struct pd_digest **out, void *ctx, const struct pd_model *model,
		    time_t from, time_t to);

/* Who wrote m, as its body says: the in-body From: of a cover letter
 * too (the mail parser reads it for patches only), else m->author. The
 * strings point into m or are allocated under ctx. */
struct pd_person pd_digest_author(void *ctx, const struct pd_mail *m);

/* A person the way the digest tables write one: `Name <address>`, the
 * name in double quotes when it holds a character RFC 5322 reserves
 * (`"Kirill A. Shutemov" <...>`), only `<address>` without a name. */
char *pd_digest_person(void *ctx, const struct pd_person *p);

/* Orders two table rows: more mails first; equal counts as `sort -rn`
 * left them in the originals (letters and digits only, case folded,
 * descending), then the bytes, descending, so the order never depends on
 * the locale. */
int pd_digest_count_cmp(const void *a, const void *b);

#endif
