/* Which git tree a series is judged against: --tree, else the config's
 * `tree PREFIX DIR` whose PREFIX the series' subject names as its target
 * (`[PATCH net-next v2 1/3]`), else the config's plain `tree DIR`.
 */
#ifndef PD_TREE_H
#define PD_TREE_H

#include "rc.h"
#include "repo.h"
#include "series.h"
#include "status.h"

/* The configured directory for rev (NULL rev: the default tree), from the
 * config's tree lines; NULL when none fits. Never opens anything. */
const char *pd_tree_dir(const struct pd_config *cfg, const struct pd_revision *rev);

/* Opens the tree for rev: given (the --tree repository) when not NULL,
 * else the configured one from cfg (which may be NULL: no config). The
 * repository is a talloc child of ctx, or given itself. One line in err
 * when no tree is configured or it does not open. */
int pd_tree_open(struct pd_repo **out, void *ctx, struct pd_repo *given,
		 const struct pd_config *cfg, const struct pd_revision *rev,
		 struct pd_err *err);

/* The user's config with its tree lines (and everything else); errors in
 * it are not fatal here (the reader reports them), so this fails only
 * when out of memory. */
int pd_tree_load_config(struct pd_config **out, void *ctx, struct pd_err *err);

#endif
