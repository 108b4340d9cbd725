/* Does it apply? Each patch of a series, in order, on the series' base and
 * on the tree's HEAD, computed in memory (git_diff_from_buffer and
 * git_apply_to_tree on a repository handle that writes to memory): neither
 * the work tree, the index nor the object store is touched (issue 5).
 */
#ifndef PD_APPLY_CHECK_H
#define PD_APPLY_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "base.h"
#include "repo.h"
#include "series.h"
#include "status.h"

enum pd_check_state {
	PD_CHECK_APPLIES,
	PD_CHECK_FAILS,
	PD_CHECK_NOT_TRIED,  /* an earlier patch failed: nothing to apply it on */
};

struct pd_check_patch {
	enum pd_check_state state;
	/* PD_CHECK_FAILS: the file, the hunk (1-based, 0: the file itself, e.g.
	 * it does not exist) and its @@ line; why is libgit2's reason, or
	 * "no diff" / "the diff does not parse". */
	char *path, *hunk_header, *why;
	int hunk;
};

/* The series on one commit. */
struct pd_check_on {
	char *id, *short_id, *summary;  /* NULL id: there is no such commit */
	const char *how;                /* pd_base_how_name() or "HEAD" */
	struct pd_check_patch *patches; /* one per rev->patches */
	size_t first_fail;              /* index of the first failure, npatches if none */
	bool applies;                   /* every patch applied (and there was one) */
};

struct pd_check {
	struct pd_base *base;   /* the detection (how may be PD_BASE_NONE) */
	struct pd_check_on on_base, on_head;
	char *head_name;        /* the branch HEAD is on, or "HEAD" when detached */
	/* Already merged, per patch (pd_check_merged; NULL until then): the
	 * short id of HEAD's commit with the patch's patch-id, else with its
	 * title and author; NULL for a patch not found. */
	char **merged;
	bool *merged_by_subject;
	size_t nmerged;         /* patches found */
	bool merged_pending;    /* the reader is still reading HEAD's history */
};

struct pd_history;

/* Fills c's merged fields for rev from h (patchid.h: HEAD's history with
 * its patch-ids); short ids as repo abbreviates them. PD_OK or
 * PD_E_NOMEM. */
int pd_check_merged(struct pd_check *c, const struct pd_history *h, struct pd_repo *repo,
		    const struct pd_revision *rev);

/* Checks rev on its base and on HEAD of repo. *out under ctx. Fails
 * (one line in err) only when the tree cannot be read or has no HEAD. */
int pd_apply_check(struct pd_check **out, void *ctx, struct pd_repo *repo,
		   const struct pd_revision *rev, struct pd_err *err);

/* One line for a failed patch: "patch 2/3: FILE hunk 1 (@@ ...): why". */
char *pd_check_fail_text(void *ctx, const struct pd_revision *rev, const struct pd_check_on *on);

/* A short word for a patch: "ok", "FAIL", "-" (not tried). */
const char *pd_check_word(enum pd_check_state state);

#endif
