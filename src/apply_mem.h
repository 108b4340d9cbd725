/* A second handle on a repository whose object store writes to memory:
 * trees and commits built while checking or applying a series reach the
 * repository only when copied there, so a check or a failed apply leaves
 * no object behind (issue 5).
 */
#ifndef PD_APPLY_MEM_H
#define PD_APPLY_MEM_H

#include <git2.h>

#include "repo.h"
#include "status.h"

struct pd_mem_repo {
	git_repository *git;
	git_odb_backend *mem;  /* owned by git's object store */
};

/* Opens repo again with the in-memory store above its own; *out is a
 * talloc child of ctx and frees the handle with it. */
int pd_mem_repo_open(struct pd_mem_repo **out, void *ctx, struct pd_repo *repo,
		     struct pd_err *err);

#endif
