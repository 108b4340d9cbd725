/* The git tree patches are read against: a libgit2 repository in a talloc
 * object, so that freeing its parent context frees the repository.
 *
 * The caller initialises libgit2 (git_libgit2_init) before the first open
 * and shuts it down after the last repository is freed; main does both.
 */
#ifndef PD_REPO_H
#define PD_REPO_H

#include "status.h"

struct pd_repo;
struct git_repository;

/* Opens the repository whose top directory (or bare git directory, or
 * linked worktree) is path; a subdirectory of a tree is refused with the
 * tree's top in the message. The repo is a talloc child of ctx. On failure
 * err holds one line naming path and the fix. */
int pd_repo_open(struct pd_repo **out, void *ctx, const char *path,
		 struct pd_err *err);

/* The repository's git directory (".../.git" or the bare repository),
 * without a trailing slash. */
const char *pd_repo_path(const struct pd_repo *repo);

/* The working tree's top directory without a trailing slash, or NULL for a
 * bare repository. */
const char *pd_repo_workdir(const struct pd_repo *repo);

/* The libgit2 handle, owned by repo: do not free it. */
struct git_repository *pd_repo_git(const struct pd_repo *repo);

/* PD_OK while the repository is still where it was opened; else
 * PD_E_NOT_FOUND and one line saying so. libgit2 keeps working on a tree
 * removed under it and then fails with misleading words ("reference
 * 'HEAD' not found", no commits), and a write could recreate parts of
 * it: callers check before each use that may outlive the tree. */
int pd_repo_check(const struct pd_repo *repo, struct pd_err *err);

/* libgit2's message for its last failure (code is what the call returned),
 * as a talloc string under ctx; never NULL unless out of memory. */
char *pd_repo_error_text(void *ctx, int code);

#endif
