/* What changed between two revisions of a series (issue 10): which patch
 * of the old revision became which of the new one, and the diff of each
 * pair's commit messages and diffs, in the form `git range-diff` prints.
 *
 * Pure: plain strings in, plain strings out; libgit2's line diff is the
 * only engine used (the same xdiff git uses), no store, no tree.
 *
 * Pairing follows git range-diff (range-diff.c) so that both tools agree
 * on real series: first equal patches (the same stable patch-id, or the
 * same diff once line numbers are dropped); then the assignment of least
 * total cost, where pairing two patches costs the size of the diff between
 * their diffs and leaving one unpaired costs creation_factor percent of
 * its own size (git's default 60). Equal costs are settled by the title,
 * then by the files touched: a patch whose diff grew but kept its title
 * and files stays paired. A pair whose whole text (author, message, diff)
 * is equal is unchanged `=`, else changed `!`; unpaired patches are new
 * `+` or dropped `-`.
 */
#ifndef PD_RANGEDIFF_H
#define PD_RANGEDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* One patch of a revision as the range-diff sees it. */
struct pd_rd_patch {
	int n;                /* the patch number (1..N) */
	const char *title;
	const char *author;   /* "Name <address>", as git log prints it */
	const char *message;  /* the commit message, title line first */
	const char *diff;     /* the diff as sent; NULL or "" when none */
	const char *patchid;  /* stable patch-id (hex), NULL when unknown */
};

enum pd_rd_state {
	PD_RD_SAME = '=',
	PD_RD_CHANGED = '!',
	PD_RD_NEW = '+',
	PD_RD_DROPPED = '-',
};

/* How a pair was found. */
enum pd_rd_how {
	PD_RD_UNPAIRED,
	PD_RD_EQUAL,   /* same patch-id or the same diff */
	PD_RD_COST,    /* the least-cost assignment */
};

struct pd_rd_pair {
	int a, b;              /* indexes into the old and new patches, -1: none */
	enum pd_rd_state state;
	enum pd_rd_how how;
	bool moved;            /* paired, but its place in the series changed */
};

struct pd_rangediff {
	/* In git range-diff's order: the new revision's order, a dropped
	 * patch after the pairs of the old patches before it. */
	struct pd_rd_pair *pairs;
	size_t npairs;
	size_t nsame, nchanged, nnew, ndropped;
	/* The text each patch is compared as (git's form: ` ## Metadata ##`,
	 * ` ## Commit message ##`, ` ## FILE ##`, `@@ FILE: function`). */
	char **atext, **btext;
	const struct pd_rd_patch *a, *b;  /* the input arrays (not copied) */
	size_t na, nb;
};

/* git range-diff's default creation factor. */
#define PD_RD_CREATION_FACTOR 60

/* Pairs the patches a[0..na) of the old revision with b[0..nb) of the new
 * one. The input must outlive *out (allocated under ctx). Returns 0,
 * PD_E_NOMEM, or PD_E_DIFF with err set when libgit2 fails. */
int pd_rangediff_compute(struct pd_rangediff **out, void *ctx,
			 const struct pd_rd_patch *a, size_t na,
			 const struct pd_rd_patch *b, size_t nb,
			 int creation_factor, struct pd_err *err);

/* The text a patch is compared as (see above), under ctx. */
char *pd_rangediff_patch_text(void *ctx, const struct pd_rd_patch *p);

/* A pair's header line as git range-diff prints it, the patch numbers in
 * place of the commits: `1:  = 1:  title`, `2:  ! 3:  title`,
 * `-:  > 4:  title` (new), `3:  < -:  title` (dropped); the title is the
 * old patch's when there is one, as git prints it. No newline. */
char *pd_rangediff_header(void *ctx, const struct pd_rangediff *rd, size_t i);

/* A changed pair's diff of the two patch texts, each line indented by four
 * spaces as git range-diff prints it ("" for other pairs); every line ends
 * in "\n". NULL when out of memory or libgit2 fails. */
char *pd_rangediff_inner(void *ctx, const struct pd_rangediff *rd, size_t i);

/* Every header and inner diff in order: `git range-diff --no-color`'s
 * output. NULL when out of memory. */
char *pd_rangediff_format(void *ctx, const struct pd_rangediff *rd);

/* The file paths a diff touches (old and new names), sorted, without
 * duplicates; *n set. NULL only when out of memory (an empty array for no
 * diff). */
char **pd_rangediff_files(void *ctx, const char *diff, size_t *n);

#endif
