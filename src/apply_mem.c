#include "config.h"

#include "apply_mem.h"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <talloc.h>

static int mem_destroy(struct pd_mem_repo *s)
{
	if (s->git != NULL)
		git_repository_free(s->git);
	return 0;
}

int pd_mem_repo_open(struct pd_mem_repo **out, void *ctx, struct pd_repo *repo,
		     struct pd_err *err)
{
	*out = NULL;
	struct pd_mem_repo *s = talloc_zero(ctx, struct pd_mem_repo);
	if (s == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	talloc_set_destructor(s, mem_destroy);
	const char *where = pd_repo_workdir(repo) ? pd_repo_workdir(repo) : pd_repo_path(repo);
	git_odb *odb = NULL;
	int code = git_repository_open_ext(&s->git, where, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (code == 0)
		code = git_repository_odb(&odb, s->git);
	if (code == 0)
		code = git_mempack_new(&s->mem);
	/* Above the loose and pack stores (priority 1 and 2): every write
	 * lands here, reads still find the repository's objects. */
	if (code == 0 && (code = git_odb_add_backend(odb, s->mem, 999)) != 0)
		s->mem->free(s->mem);
	git_odb_free(odb);
	if (code != 0) {
		int rc = pd_err_set(err, PD_E_IO, "%s: %s", pd_repo_path(repo),
				    pd_repo_error_text(s, code));
		talloc_free(s);
		return rc;
	}
	*out = s;
	return PD_OK;
}
