/* Already merged? (SERIES.md "Base commit"): a patch's stable patch-id
 * (git_diff_patchid, the same as `git patch-id --stable`) against those
 * of every commit in HEAD's history, else the same subject and author.
 *
 * The history's patch-ids are cached on disk, one line per commit
 * (`COMMIT PATCHID`), in $XDG_CACHE_HOME/patchdeck/patchid/ROOT where ROOT
 * is the id of the history's first commit, so that clones of one project
 * share it and a second run computes only the new commits.
 */
#ifndef PD_PATCHID_H
#define PD_PATCHID_H

#include <stdbool.h>
#include <stddef.h>

#include "repo.h"
#include "series.h"
#include "status.h"

struct pd_history;

struct pd_history_stats {
	size_t commits;   /* non-merge commits with a parent */
	size_t computed;  /* patch-ids computed now (not in the cache) */
	char *cache;      /* the cache file, NULL when it could not be written */
};

/* Reads HEAD's history of repo with every commit's patch-id, from the
 * cache and by diffing what it lacks; appends what it computed. cache_dir
 * NULL means $XDG_CACHE_HOME/patchdeck/patchid (~/.cache/...). Under ctx. */
int pd_history_load(struct pd_history **out, void *ctx, struct pd_repo *repo,
		    const char *cache_dir, struct pd_history_stats *stats, struct pd_err *err);

/* The same in steps, for a reader that must not wait (issue 5: the first
 * load of a big history works in the background). */
struct pd_history_job;

/* Walks HEAD's history (ids only) and reads the cache. *out under ctx. */
int pd_history_start(struct pd_history_job **out, void *ctx, struct pd_repo *repo,
		     const char *cache_dir, struct pd_err *err);
/* How many commits the cache lacks: what the steps must compute. */
size_t pd_history_todo(const struct pd_history_job *j);
/* Commits looked at so far, of total. */
void pd_history_progress(const struct pd_history_job *j, size_t *done, size_t *total);
/* Goes on for about budget_ms (0: no limit) or max_commits (0: no limit),
 * appending what it computed to the cache; whether more remains. */
bool pd_history_step(struct pd_history_job *j, unsigned budget_ms, size_t max_commits);
/* The history once no step remains (NULL before), under ctx; stats may be
 * NULL. The job can be freed after. */
struct pd_history *pd_history_finish(struct pd_history_job *j, void *ctx,
				     struct pd_history_stats *stats);

/* The stable patch-id of a diff text as hex, under ctx; NULL when the
 * diff does not parse. */
char *pd_patchid_of_diff(void *ctx, const char *diff);

enum pd_merged_how { PD_MERGED_NO, PD_MERGED_PATCHID, PD_MERGED_SUBJECT };

/* Whether p is in the history: *commit (hex, under ctx) is the commit
 * with its patch-id, else one with its title and author's address. */
enum pd_merged_how pd_history_find(const struct pd_history *h, void *ctx,
				   const struct pd_patch *p, char **commit);

#endif
