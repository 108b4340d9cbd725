#include "config.h"

#include "tree.h"

#include <strings.h>
#include <talloc.h>
#include <unistd.h>

const char *pd_tree_dir(const struct pd_config *cfg, const struct pd_revision *rev)
{
	if (cfg == NULL)
		return NULL;
	/* The first target the subject names that has a tree wins: in
	 * `[PATCH bpf-next net-next]` the author listed the closer tree
	 * first. */
	for (size_t t = 0; rev != NULL && t < rev->ntargets; t++)
		for (size_t i = 0; i < cfg->ntrees; i++)
			if (cfg->trees[i].prefix != NULL &&
			    strcasecmp(cfg->trees[i].prefix, rev->targets[t]) == 0)
				return cfg->trees[i].dir;
	for (size_t i = 0; i < cfg->ntrees; i++)
		if (cfg->trees[i].prefix == NULL)
			return cfg->trees[i].dir;
	return NULL;
}

int pd_tree_open(struct pd_repo **out, void *ctx, struct pd_repo *given,
		 const struct pd_config *cfg, const struct pd_revision *rev,
		 struct pd_err *err)
{
	*out = NULL;
	if (given != NULL) {
		*out = given;
		return PD_OK;
	}
	const char *dir = pd_tree_dir(cfg, rev);
	if (dir == NULL) {
		if (rev != NULL && rev->ntargets > 0)
			return pd_err_set(err, PD_E_NOT_FOUND,
					  "no git tree for <%s> (target %s): pass --tree DIR, or "
					  "add 'tree %s DIR' or 'tree DIR' to the config",
					  rev->id, rev->targets[0], rev->targets[0]);
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "no git tree: pass --tree DIR or add 'tree DIR' to the config");
	}
	return pd_repo_open(out, ctx, dir, err);
}

int pd_tree_load_config(struct pd_config **out, void *ctx, struct pd_err *err)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	struct pd_config *cfg = NULL;
	int rc = pd_config_new(&cfg, local, err);
	if (rc == PD_OK) {
		char *path = pd_config_user_path(local);
		if (path != NULL && access(path, F_OK) == 0) {
			struct pd_err ignored;
			pd_err_init(&ignored, local);
			(void)pd_config_run_file(cfg, path, &ignored);
		}
		*out = talloc_steal(ctx, cfg);
	}
	talloc_free(local);
	return rc;
}
