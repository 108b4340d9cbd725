/* git apply finds a hunk whose lines moved (an offset: lines were added or
 * removed above it since the patch was written); libgit2's apply looks only
 * at the line the hunk header names. This rewrites the headers of a diff to
 * where each hunk's preimage (context and removed lines, matched exactly,
 * no fuzz) is nearest in the files of a tree, as git apply searches, so
 * that git_apply_to_tree applies what git am applies.
 */
#ifndef PD_APPLY_OFFSET_H
#define PD_APPLY_OFFSET_H

#include <git2.h>

/* The diff with its hunks moved to where they match in tree, under ctx;
 * NULL when nothing moved or a hunk matches nowhere (the caller keeps the
 * diff and its failure). */
char *pd_diff_relocate(void *ctx, git_repository *git, git_tree *tree, const char *diff);

/* git_apply_to_tree of the relocated diff: 0 with *index set when it
 * applied, else non-zero (nothing moved, a hunk matches nowhere, or it
 * still fails). Leaves libgit2's last error as it was. */
int pd_diff_apply_moved(git_index **index, git_repository *git, git_tree *tree,
			const char *diff);

/* Where libgit2 was when an apply failed: both of its callbacks run
 * before the file or hunk is tried, so the last ones seen failed. */
struct pd_apply_where {
	void *ctx;          /* owns header */
	const char *path;   /* libgit2's, valid while the diff is */
	int hunk;           /* 1-based; 0: the file itself failed */
	char *header;       /* the hunk's @@ line */
};

/* Applies diff (parsed from text) to tree as git apply would: as it
 * stands, else with its hunks moved (pd_diff_apply_moved). 0 with *index
 * set, else libgit2's code of the first try, *where naming what failed. */
int pd_apply_diff(git_index **index, git_repository *git, git_tree *tree, git_diff *diff,
		  const char *text, struct pd_apply_where *where);

/* Where the hunk of diff on path whose header starts "@@ -OLD_START,N
 * +NEW_START" applies in a file holding text (size bytes): the 1-based
 * line where its context and removed lines match, nearest to OLD_START
 * as git apply searches; -1 when they match nowhere, or the diff has no
 * such hunk. */
long pd_diff_hunk_line(const char *diff, const char *path, long old_start, long new_start,
		       const char *text, size_t size);

#endif
