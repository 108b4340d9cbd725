/* Interdiff: what the new revision of a series does differently in the
 * code. Each revision is applied in memory on its base (as `patchdeck
 * apply` finds it, HEAD when none is found), and the two resulting trees
 * are diffed on the files either revision touches: the same text as
 * `git diff OLD NEW -- FILES` between branches made by `git am` of each.
 * Nothing is written to the repository. */
#ifndef PD_INTERDIFF_H
#define PD_INTERDIFF_H

#include "repo.h"
#include "series.h"
#include "status.h"

/* *out (under ctx): the diff, "" when the trees agree on those files. On
 * failure err names the revision and the patch, file and hunk that did not
 * apply. */
int pd_interdiff(char **out, void *ctx, struct pd_repo *repo, const struct pd_revision *old,
		 const struct pd_revision *new, struct pd_err *err);

#endif
