/* What a series was written against (SERIES.md "Base commit"): its
 * `base-commit:` line when the tree has that commit; otherwise the commit
 * whose files hold the blobs the diffs' `index OLD..NEW` lines start from,
 * searched from the newest commit of HEAD's history not after the series'
 * date, back through history.
 */
#ifndef PD_BASE_H
#define PD_BASE_H

#include <stddef.h>

#include "repo.h"
#include "series.h"
#include "status.h"

enum pd_base_how {
	PD_BASE_NONE,   /* no commit holds any of the blobs */
	PD_BASE_LINE,   /* the base-commit: line, found in the tree */
	PD_BASE_EXACT,  /* every preimage blob matched */
	PD_BASE_GUESS,  /* the commit matching the most blobs (newest of equals) */
};

struct pd_base {
	enum pd_base_how how;
	char *id;            /* full hex commit id; NULL for PD_BASE_NONE */
	char *summary;       /* that commit's subject line */
	int matched, total;  /* preimage blobs found in it / named by the diffs */
	/* The base-commit: line's value when the tree lacks that commit (the
	 * guess was used instead), else NULL. */
	char *line_missing;
	size_t walked;       /* commits looked at by the search */
};

/* The name of how ("base-commit", "exact", "guess", "none"). */
const char *pd_base_how_name(enum pd_base_how how);

/* Finds rev's base in repo. *out is allocated under ctx. Returns PD_OK
 * (how may be PD_BASE_NONE), or an error with one line in err when the
 * tree has no HEAD or cannot be read. */
int pd_base_find(struct pd_base **out, void *ctx, struct pd_repo *repo,
		 const struct pd_revision *rev, struct pd_err *err);

#endif
