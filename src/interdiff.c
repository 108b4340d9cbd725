#include "config.h"

#include "interdiff.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "apply_mem.h"
#include "apply_offset.h"
#include "base.h"
#include "diff_parse.h"
#include "rangediff.h"

static int fail(struct pd_err *err, void *tmp, int code, const char *what)
{
	return pd_err_set(err, PD_E_IO, "%s: %s", what, pd_repo_error_text(tmp, code));
}

static char *label(void *ctx, const struct pd_revision *rev)
{
	return rev->version_minor > 0
		       ? talloc_asprintf(ctx, "v%d.%d <%s>", rev->version, rev->version_minor, rev->id)
		       : talloc_asprintf(ctx, "v%d <%s>", rev->version, rev->id);
}

/* The tree rev gives on its base; *out owned by the caller (git_tree_free). */
static int apply_rev(git_tree **out, struct pd_mem_repo *m, struct pd_repo *repo,
		     const struct pd_revision *rev, struct pd_err *err, void *tmp)
{
	*out = NULL;
	char *name = label(tmp, rev);
	if (rev->kind == PD_REV_PULL || rev->npatches == 0)
		return pd_err_set(err, PD_E_NOT_FOUND, "%s has no patches to apply", name);
	if (rev->nmissing > 0)
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "%s lacks patch %d of %d: no interdiff without it; find the "
				  "missing mail first", name, rev->missing[0], rev->total);
	struct pd_base *base = NULL;
	int rc = pd_base_find(&base, tmp, repo, rev, err);
	if (rc != PD_OK)
		return rc;
	git_object *obj = NULL;
	int code = git_revparse_single(&obj, m->git, base->id != NULL ? base->id : "HEAD^{commit}");
	git_tree *tree = NULL;
	if (code == 0)
		code = git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE);
	git_object_free(obj);
	if (code != 0)
		return fail(err, tmp, code, talloc_asprintf(tmp, "the base of %s", name));
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		const char *text = p->mail->patch != NULL ? p->mail->patch->diff : NULL;
		if (text == NULL || *text == '\0')
			continue; /* nothing to apply: git am would stop, the trees do not change */
		git_diff *diff = NULL;
		git_index *index = NULL;
		git_oid id;
		code = pd_diff_parse(&diff, text, strlen(text));
		/* As apply does it: hunks that moved are found as git apply
		 * finds them. */
		struct pd_apply_where w = { .ctx = tmp };
		if (code == 0)
			code = pd_apply_diff(&index, m->git, tree, diff, text, &w);
		if (code == 0)
			code = git_index_write_tree_to(&id, index, m->git);
		git_index_free(index);
		git_diff_free(diff);
		git_tree_free(tree);
		tree = NULL;
		if (code == 0)
			code = git_tree_lookup(&tree, m->git, &id);
		if (code != 0)
			return pd_err_set(err, PD_E_DIFF,
					  "patch %d of %s does not apply on %s %.12s: %s; try "
					  "'patchdeck apply' for the details", p->n, name,
					  pd_base_how_name(base->how), base->id ? base->id : "HEAD",
					  pd_repo_error_text(tmp, code));
	}
	*out = tree;
	return PD_OK;
}

static int add_paths(char ***paths, size_t *n, void *ctx, const struct pd_revision *rev)
{
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_mail *m = rev->patches[i].mail;
		size_t k = 0;
		char **f = pd_rangediff_files(ctx, m->patch != NULL ? m->patch->diff : NULL, &k);
		if (f == NULL)
			return PD_E_NOMEM;
		char **grown = talloc_realloc(ctx, *paths, char *, *n + k + 1);
		if (grown == NULL)
			return PD_E_NOMEM;
		*paths = grown;
		for (size_t j = 0; j < k; j++)
			(*paths)[(*n)++] = f[j];
	}
	return PD_OK;
}

int pd_interdiff(char **out, void *ctx, struct pd_repo *repo, const struct pd_revision *old,
		 const struct pd_revision *new, struct pd_err *err)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	struct pd_mem_repo *m = NULL;
	git_tree *a = NULL, *b = NULL;
	git_diff *diff = NULL;
	git_buf buf = { 0 };
	char **paths = NULL;
	size_t npaths = 0;
	int rc = pd_mem_repo_open(&m, local, repo, err);
	if (rc == PD_OK)
		rc = apply_rev(&a, m, repo, old, err, local);
	if (rc == PD_OK)
		rc = apply_rev(&b, m, repo, new, err, local);
	if (rc == PD_OK && (add_paths(&paths, &npaths, local, old) != PD_OK ||
			    add_paths(&paths, &npaths, local, new) != PD_OK))
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK && npaths == 0) {
		*out = talloc_strdup(ctx, "");
		goto done;
	}
	if (rc == PD_OK) {
		git_diff_options o;
		git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
		o.pathspec.strings = paths;
		o.pathspec.count = npaths;
		/* the paths as they are, not as patterns */
		o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH | GIT_DIFF_INDENT_HEURISTIC;
		int code = git_diff_tree_to_tree(&diff, m->git, a, b, &o);
		/* git diff finds renames by default (diff.renames) */
		if (code == 0)
			code = git_diff_find_similar(diff, NULL);
		if (code == 0)
			code = git_diff_to_buf(&buf, diff, GIT_DIFF_FORMAT_PATCH);
		if (code != 0)
			rc = fail(err, local, code, "the interdiff");
		/* As git diff prints it, which the interdiff is compared with. */
		else if ((*out = pd_diff_as_git(ctx, buf.ptr != NULL ? buf.ptr : "", buf.size)) == NULL)
			rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
done:
	git_buf_dispose(&buf);
	git_diff_free(diff);
	git_tree_free(a);
	git_tree_free(b);
	talloc_free(local);
	return rc;
}
