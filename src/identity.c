#include "config.h"

#include "identity.h"

#include <git2.h>
#include <string.h>
#include <talloc.h>

static char *get(void *ctx, git_config *cfg, const char *name)
{
	git_buf buf = { 0 };
	if (cfg == NULL || git_config_get_string_buf(&buf, cfg, name) != 0)
		return NULL;
	char *s = buf.ptr != NULL && *buf.ptr ? talloc_strdup(ctx, buf.ptr) : NULL;
	git_buf_dispose(&buf);
	return s;
}

int pd_identity_get(struct pd_addr *out, void *ctx, const char *from, const char *tree_dir,
		    struct pd_err *err)
{
	if (from != NULL && *from != '\0') {
		int rc = pd_addr_parse(out, ctx, from, err);
		if (rc == PD_E_USAGE)
			return pd_err_set(err, rc, "set from: %s", pd_err_msg(err));
		return rc;
	}
	git_libgit2_init();
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	if (git_repository_open_ext(&repo, tree_dir != NULL ? tree_dir : ".", 0, NULL) == 0)
		git_repository_config_snapshot(&cfg, repo);
	if (cfg == NULL) {
		git_config *live = NULL;
		if (git_config_open_default(&live) == 0) {
			git_config_snapshot(&cfg, live);
			git_config_free(live);
		}
	}
	char *name = get(ctx, cfg, "user.name");
	char *email = get(ctx, cfg, "user.email");
	git_config_free(cfg);
	git_repository_free(repo);
	git_libgit2_shutdown();
	if (email == NULL)
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "no identity for the reply: put 'set from \"Name <you@example.org>\"' "
				  "in the config, or set git's user.name and user.email");
	*out = (struct pd_addr){ .name = name != NULL ? name : talloc_strdup(ctx, ""),
				 .email = email };
	return out->name != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");
}
