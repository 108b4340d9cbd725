#include "config.h"

#include "apply_check.h"

#include <git2.h>
#include <string.h>
#include <talloc.h>

#include "apply_mem.h"
#include "apply_offset.h"
#include "diff_parse.h"
#include "patchid.h"

const char *pd_check_word(enum pd_check_state state)
{
	switch (state) {
	case PD_CHECK_APPLIES:
		return "ok";
	case PD_CHECK_FAILS:
		return "FAIL";
	case PD_CHECK_NOT_TRIED:
		break;
	}
	return "-";
}

/* Applies p on *tree; on success *tree is the result (in memory). */
static void check_one(struct pd_check_patch *out, void *ctx, git_repository *git,
		      git_tree **tree, const struct pd_patch *p)
{
	const struct pd_body *b = p->mail->patch;
	void *tmp = talloc_new(NULL);
	git_diff *diff = NULL;
	git_index *index = NULL;
	git_tree *next = NULL;
	git_oid id;
	*out = (struct pd_check_patch){ .state = PD_CHECK_FAILS };
	if (b == NULL || b->diff == NULL || *b->diff == '\0') {
		out->why = talloc_strdup(ctx, "it has no diff");
		goto done;
	}
	int code = pd_diff_parse(&diff, b->diff, strlen(b->diff));
	if (code != 0) {
		out->why = talloc_asprintf(ctx, "the diff does not parse (%s)",
					   pd_repo_error_text(tmp, code));
		goto done;
	}
	struct pd_apply_where w = { .ctx = tmp };
	code = pd_apply_diff(&index, git, *tree, diff, b->diff, &w);
	if (code != 0) {
		char *first_why = pd_repo_error_text(tmp, code);
		out->path = w.path != NULL ? talloc_strdup(ctx, w.path) : NULL;
		out->hunk = w.hunk;
		out->hunk_header = w.header != NULL ? talloc_strdup(ctx, w.header) : NULL;
		out->why = talloc_asprintf(ctx, "%s%s", first_why,
					   b->diff_damaged ? "; the mailer damaged the diff" : "");
		goto done;
	}
	/* The session's store is in memory: the tree is written there. */
	if (git_index_write_tree_to(&id, index, git) != 0 || git_tree_lookup(&next, git, &id) != 0) {
		out->why = pd_repo_error_text(ctx, -1);
		goto done;
	}
	git_tree_free(*tree);
	*tree = next;
	out->state = PD_CHECK_APPLIES;
done:
	git_index_free(index);
	git_diff_free(diff);
	talloc_free(tmp);
}

static int check_on(struct pd_check_on *on, void *ctx, struct pd_mem_repo *s,
		    const char *spec, const struct pd_revision *rev, struct pd_err *err)
{
	git_object *obj = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int code = git_revparse_single(&obj, s->git, spec);
	if (code == 0)
		code = git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (code == GIT_ENOTFOUND || code == GIT_EUNBORNBRANCH) {
		git_error_clear();
		return pd_err_set(err, PD_E_NOT_FOUND, "%s has no commit %s: commit something "
				  "first", git_repository_path(s->git), spec);
	}
	if (code == 0)
		code = git_commit_tree(&tree, commit);
	if (code != 0) {
		git_commit_free(commit);
		return pd_err_set(err, PD_E_IO, "%s: %s", spec, pd_repo_error_text(ctx, code));
	}
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), git_commit_id(commit));
	git_buf sh = { 0 };
	git_object_short_id(&sh, (git_object *)commit);
	on->id = talloc_strdup(ctx, hex);
	on->short_id = talloc_strdup(ctx, sh.ptr != NULL ? sh.ptr : hex);
	on->summary = talloc_strdup(ctx, git_commit_summary(commit) ? git_commit_summary(commit) : "");
	git_buf_dispose(&sh);
	git_commit_free(commit);
	on->patches = talloc_zero_array(ctx, struct pd_check_patch, rev->npatches + 1);
	if (on->patches == NULL || on->id == NULL || on->short_id == NULL || on->summary == NULL) {
		git_tree_free(tree);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	on->first_fail = rev->npatches;
	for (size_t i = 0; i < rev->npatches; i++) {
		if (on->first_fail < rev->npatches) {
			on->patches[i].state = PD_CHECK_NOT_TRIED;
			continue;
		}
		check_one(&on->patches[i], ctx, s->git, &tree, &rev->patches[i]);
		if (on->patches[i].state == PD_CHECK_FAILS)
			on->first_fail = i;
	}
	on->applies = rev->npatches > 0 && on->first_fail == rev->npatches;
	git_tree_free(tree);
	return PD_OK;
}

static char *head_name(void *ctx, git_repository *git)
{
	git_reference *head = NULL;
	char *name = NULL;
	if (git_repository_head(&head, git) == 0 && git_reference_is_branch(head))
		name = talloc_strdup(ctx, git_reference_shorthand(head));
	git_reference_free(head);
	git_error_clear();
	return name != NULL ? name : talloc_strdup(ctx, "HEAD");
}

int pd_apply_check(struct pd_check **out, void *ctx, struct pd_repo *repo,
		   const struct pd_revision *rev, struct pd_err *err)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	struct pd_check *c = talloc_zero(local, struct pd_check);
	struct pd_mem_repo *s = NULL;
	int rc = c != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK)
		rc = pd_base_find(&c->base, c, repo, rev, err);
	if (rc == PD_OK)
		rc = pd_mem_repo_open(&s, local, repo, err);
	if (rc == PD_OK)
		rc = check_on(&c->on_head, c, s, "HEAD", rev, err);
	if (rc == PD_OK)
		c->on_head.how = "HEAD";
	if (rc == PD_OK && c->base->how != PD_BASE_NONE) {
		c->on_base.how = pd_base_how_name(c->base->how);
		if (strcmp(c->base->id, c->on_head.id) == 0) {
			/* The same commit: the same answer. */
			struct pd_check_on head = c->on_head;
			c->on_base = head;
			c->on_base.how = pd_base_how_name(c->base->how);
		} else {
			rc = check_on(&c->on_base, c, s, c->base->id, rev, err);
		}
	} else if (rc == PD_OK) {
		c->on_base.how = "none";
	}
	if (rc == PD_OK) {
		c->head_name = head_name(c, pd_repo_git(repo));
		*out = talloc_steal(ctx, c);
	}
	talloc_free(local);
	return rc;
}

char *pd_check_fail_text(void *ctx, const struct pd_revision *rev, const struct pd_check_on *on)
{
	if (on->first_fail >= rev->npatches)
		return NULL;
	const struct pd_patch *p = &rev->patches[on->first_fail];
	const struct pd_check_patch *f = &on->patches[on->first_fail];
	if (f->path == NULL)
		return talloc_asprintf(ctx, "patch %d/%d: %s", p->n, rev->total, f->why);
	if (f->hunk == 0)
		return talloc_asprintf(ctx, "patch %d/%d: %s: %s", p->n, rev->total, f->path, f->why);
	return talloc_asprintf(ctx, "patch %d/%d: %s hunk %d (%s): %s", p->n, rev->total, f->path,
			       f->hunk, f->hunk_header ? f->hunk_header : "?", f->why);
}

int pd_check_merged(struct pd_check *c, const struct pd_history *h, struct pd_repo *repo,
		    const struct pd_revision *rev)
{
	c->merged = talloc_zero_array(c, char *, rev->npatches + 1);
	c->merged_by_subject = talloc_zero_array(c, bool, rev->npatches + 1);
	c->nmerged = 0;
	if (c->merged == NULL || c->merged_by_subject == NULL)
		return PD_E_NOMEM;
	for (size_t i = 0; i < rev->npatches; i++) {
		char *hex = NULL;
		enum pd_merged_how how = pd_history_find(h, c, &rev->patches[i], &hex);
		if (how == PD_MERGED_NO || hex == NULL)
			continue;
		git_oid id;
		git_object *obj = NULL;
		git_buf sh = { 0 };
		if (git_oid_fromstr(&id, hex) == 0 &&
		    git_object_lookup(&obj, pd_repo_git(repo), &id, GIT_OBJECT_COMMIT) == 0 &&
		    git_object_short_id(&sh, obj) == 0 && sh.ptr != NULL)
			c->merged[i] = talloc_strdup(c->merged, sh.ptr);
		else
			c->merged[i] = talloc_strndup(c->merged, hex, 12);
		git_buf_dispose(&sh);
		git_object_free(obj);
		git_error_clear();
		talloc_free(hex);
		if (c->merged[i] == NULL)
			return PD_E_NOMEM;
		c->merged_by_subject[i] = how == PD_MERGED_SUBJECT;
		c->nmerged++;
	}
	return PD_OK;
}
