/* Which paths a patch from mail may write (issue 8).
 *
 * A patch is text written by a stranger; applying it must not write
 * outside the tree, into .git, or through a symbolic link it plants. git
 * refuses the same things (verify_path in git's read-cache.c); patchdeck
 * checks them itself, before libgit2 sees the diff, so the refusal names
 * the path and the reason instead of a failed hunk. Pure: no libgit2.
 */
#ifndef PD_PATCH_PATHS_H
#define PD_PATCH_PATHS_H

#include "status.h"

/* Checks every path a git diff names (diff --git, ---/+++, rename and copy
 * lines) and every symbolic link or submodule it creates or changes.
 * PD_OK when all may be written; else PD_E_DIFF with err holding what and
 * why, e.g. "the path '../x' leaves the tree". */
int pd_patch_paths_check(const char *diff, struct pd_err *err);

#endif
