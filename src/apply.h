/* Applying a series: the commits built in memory on a base, a new branch
 * pointing at the last one, all or nothing (issue 5).
 *
 * Every object is written to an in-memory object store first and reaches
 * the repository only when every patch applied, so a failed
 * apply leaves no ref, no object and no file behind. The work tree and the
 * index are only written with checkout, and only when the tree is clean,
 * on a branch and in no rebase/merge/am. No ref that exists is moved.
 */
#ifndef PD_APPLY_H
#define PD_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "base.h"
#include "repo.h"
#include "series.h"
#include "status.h"

enum pd_apply_base {
	PD_APPLY_BASE_AUTO,  /* pd_base_find's answer, HEAD when it has none */
	PD_APPLY_BASE_HEAD,
	PD_APPLY_BASE_REV,   /* opts.rev */
};

struct pd_apply_opts {
	enum pd_apply_base base;
	const char *rev;            /* PD_APPLY_BASE_REV: any git revision */
	const char *branch;         /* NULL: PREFIX<date>-<slug>-vN, with -2, -3..
				     * added when that exists */
	const char *branch_prefix;  /* NULL: "pd/" */
	const char *link_mask;      /* a Link: trailer as mbox --link, or NULL */
	bool checkout;              /* check the new branch out */
	bool dry_run;               /* apply, then create nothing */
};

struct pd_applied {
	char *id;        /* full hex commit id */
	char *short_id;  /* as git log --oneline abbreviates it */
	char *summary;
};

struct pd_apply_result {
	char *branch;               /* the branch made (or that would be) */
	char *base_id;              /* full hex id of the base commit */
	char *base_short_id;
	char *base_summary;
	const char *base_how;       /* pd_base_how_name(), "head" or "rev" */
	struct pd_base *base;       /* the detection, for auto; else NULL */
	struct pd_applied *commits; /* in order, first patch first */
	size_t ncommits;
	bool checked_out;
};

/* Applies rev to repo as opts asks. *out under ctx. On failure nothing
 * was changed and err holds one line: which patch, file and hunk did not
 * apply, or why the tree was left alone. */
int pd_apply(struct pd_apply_result **out, void *ctx, struct pd_repo *repo,
	     const struct pd_revision *rev, const struct pd_apply_opts *opts,
	     struct pd_err *err);

/* The default branch name for rev: prefix (NULL: "pd/"), the series'
 * date as YYYY-MM-DD, a slug of its title, -vN. */
char *pd_apply_branch_name(void *ctx, const struct pd_revision *rev, const char *prefix);

#endif
