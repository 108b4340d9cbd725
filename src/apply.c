#include "config.h"

#include "apply.h"

#include <ctype.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "apply_mem.h"
#include "apply_msg.h"
#include "apply_offset.h"
#include "diff_parse.h"
#include "patch_paths.h"

static int git_fail(struct pd_err *err, void *tmp, int code, const char *what)
{
	return pd_err_set(err, PD_E_IO, "%s: %s", what, pd_repo_error_text(tmp, code));
}

/* Copies id (a tree: with what it holds) from the session's memory to the
 * repository's own store unless that has it. A tree already there holds
 * nothing new, so only the paths the series changed are walked. Objects
 * go in as loose objects, as git am writes them: a pack would spend most
 * of the apply on delta search. Children first, so that no object in the
 * store ever names a missing one. */
static int copy_missing(git_odb *disk, struct pd_mem_repo *s, const git_oid *id)
{
	if (git_odb_exists(disk, id))
		return 0;
	git_odb *mem = NULL;
	git_odb_object *obj = NULL;
	int code = git_repository_odb(&mem, s->git);
	if (code == 0)
		code = git_odb_read(&obj, mem, id);
	git_odb_free(mem);
	if (code != 0)
		return code;
	if (git_odb_object_type(obj) == GIT_OBJECT_TREE) {
		git_tree *tree = NULL;
		code = git_tree_lookup(&tree, s->git, id);
		size_t n = code == 0 ? git_tree_entrycount(tree) : 0;
		for (size_t i = 0; code == 0 && i < n; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(tree, i);
			/* A submodule's commit lives in another repository. */
			if (git_tree_entry_type(e) != GIT_OBJECT_COMMIT)
				code = copy_missing(disk, s, git_tree_entry_id(e));
		}
		git_tree_free(tree);
	}
	git_oid written;
	if (code == 0)
		code = git_odb_write(&written, disk, git_odb_object_data(obj),
				     git_odb_object_size(obj), git_odb_object_type(obj));
	git_odb_object_free(obj);
	return code;
}

/* The new commits, oldest first, with their trees and blobs, written to
 * the repository. */
static int session_save(struct pd_mem_repo *s, struct pd_repo *repo,
			const struct pd_apply_result *res, struct pd_err *err, void *tmp)
{
	git_odb *disk = NULL;
	int code = git_repository_odb(&disk, pd_repo_git(repo));
	for (size_t i = 0; code == 0 && i < res->ncommits; i++) {
		git_oid id;
		git_commit *c = NULL;
		code = git_oid_fromstr(&id, res->commits[i].id);
		if (code == 0)
			code = git_commit_lookup(&c, s->git, &id);
		if (code == 0)
			code = copy_missing(disk, s, git_commit_tree_id(c));
		if (code == 0)
			code = copy_missing(disk, s, &id);
		git_commit_free(c);
	}
	git_odb_free(disk);
	return code == 0 ? PD_OK : git_fail(err, tmp, code, "cannot write the new commits");
}

/* ------------------------------------------------------------ checks */

static const char *state_name(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_MERGE:
		return "merge";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		return "revert";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return "cherry-pick";
	case GIT_REPOSITORY_STATE_BISECT:
		return "bisect";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
		return "git am";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
		return "git am or rebase";
	default:
		return "rebase";
	}
}

static const char *state_fix(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_BISECT:
		return "git bisect reset";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
		return "git am --continue or git am --abort";
	case GIT_REPOSITORY_STATE_MERGE:
		return "git commit or git merge --abort";
	default:
		return "finish it or abort it";
	}
}

/* Whatever would make checking out unsafe, said in one line. */
static int check_tree(struct pd_repo *repo, const struct pd_apply_opts *opts,
		      struct pd_err *err, void *tmp)
{
	git_repository *git = pd_repo_git(repo);
	const char *name = pd_repo_workdir(repo) ? pd_repo_workdir(repo) : pd_repo_path(repo);
	int state = git_repository_state(git);
	/* Even a branch of its own would meet a half-done operation's state
	 * on the next checkout: leave such a tree to its user. */
	if (state != GIT_REPOSITORY_STATE_NONE)
		return pd_err_set(err, PD_E_USAGE,
				  "the tree %s is in the middle of a %s: run %s first; nothing "
				  "was applied", name, state_name(state), state_fix(state));
	if (!opts->checkout || opts->dry_run)
		return PD_OK;
	if (git_repository_is_bare(git))
		return pd_err_set(err, PD_E_USAGE,
				  "the tree %s is bare: it has no work tree to check out; apply "
				  "without --checkout", name);
	int detached = git_repository_head_detached(git);
	if (detached == 1)
		return pd_err_set(err, PD_E_USAGE,
				  "HEAD of %s is detached: check out a branch first or apply "
				  "without --checkout; nothing was applied", name);
	git_status_options so;
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	git_status_list *st = NULL;
	int code = git_status_list_new(&st, git, &so);
	if (code != 0)
		return git_fail(err, tmp, code, name);
	size_t n = git_status_list_entrycount(st);
	const char *first = NULL;
	for (size_t i = 0; i < n && first == NULL; i++) {
		const git_status_entry *e = git_status_byindex(st, i);
		const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
		if (e->status != GIT_STATUS_CURRENT && d != NULL)
			first = talloc_strdup(tmp, d->new_file.path ? d->new_file.path : d->old_file.path);
	}
	git_status_list_free(st);
	if (first != NULL)
		return pd_err_set(err, PD_E_USAGE,
				  "the tree %s has uncommitted changes (%s): commit or stash them, "
				  "or apply without --checkout; nothing was applied", name, first);
	return PD_OK;
}

/* ------------------------------------------------------------ base */

static int resolve(git_commit **out, git_repository *git, const char *spec)
{
	git_object *obj = NULL;
	int code = git_revparse_single(&obj, git, spec);
	if (code == 0) {
		code = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
		git_object_free(obj);
	}
	return code;
}

static int pick_base(git_commit **out, struct pd_apply_result *res, struct pd_repo *repo,
		     const struct pd_revision *rev, const struct pd_apply_opts *opts,
		     struct pd_err *err, void *tmp)
{
	git_repository *git = pd_repo_git(repo);
	const char *spec = "HEAD";
	res->base_how = "head";
	if (opts->base == PD_APPLY_BASE_REV) {
		spec = opts->rev;
		res->base_how = "rev";
	} else if (opts->base == PD_APPLY_BASE_AUTO) {
		int rc = pd_base_find(&res->base, res, repo, rev, err);
		if (rc != PD_OK)
			return rc;
		if (res->base->how != PD_BASE_NONE) {
			spec = res->base->id;
			res->base_how = pd_base_how_name(res->base->how);
		}
	}
	int code = resolve(out, git, spec);
	if (code != 0) {
		if (opts->base == PD_APPLY_BASE_REV)
			return pd_err_set(err, PD_E_NOT_FOUND,
					  "--base %s is not a commit of %s: give a branch, tag or "
					  "commit id", spec, pd_repo_path(repo));
		if (code == GIT_EUNBORNBRANCH || code == GIT_ENOTFOUND)
			return pd_err_set(err, PD_E_NOT_FOUND,
					  "%s has no commits yet: apply with --base REV or commit "
					  "something first", pd_repo_path(repo));
		return git_fail(err, tmp, code, pd_repo_path(repo));
	}
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), git_commit_id(*out));
	git_buf sh = { 0 };
	git_object_short_id(&sh, (git_object *)*out);
	res->base_id = talloc_strdup(res, hex);
	res->base_short_id = talloc_strdup(res, sh.ptr ? sh.ptr : hex);
	res->base_summary = talloc_strdup(res, git_commit_summary(*out) ? git_commit_summary(*out) : "");
	git_buf_dispose(&sh);
	return PD_OK;
}

/* ------------------------------------------------------------ patches */

static int committer(git_signature **out, git_repository *git, struct pd_err *err, void *tmp)
{
	/* As git commits: the environment first, then the tree's config. */
	const char *name = getenv("GIT_COMMITTER_NAME"), *email = getenv("GIT_COMMITTER_EMAIL");
	git_signature *def = NULL;
	int code = 0;
	if (name == NULL || email == NULL) {
		code = git_signature_default(&def, git);
		if (code != 0)
			return pd_err_set(err, PD_E_CONFIG,
					  "no committer identity for %s: set it with 'git config "
					  "user.name NAME' and 'git config user.email ADDRESS'",
					  git_repository_path(git));
	}
	code = git_signature_now(out, name ? name : def->name, email ? email : def->email);
	git_signature_free(def);
	return code == 0 ? PD_OK : git_fail(err, tmp, code, "bad committer identity");
}

static char *patch_label(void *ctx, const struct pd_revision *rev, const struct pd_patch *p)
{
	return talloc_asprintf(ctx, "patch %d/%d <%s>", p->n, rev->total, p->mail->message_id);
}

static int apply_one(git_oid *out, git_commit **parent, git_repository *git,
		     const struct pd_revision *rev, const struct pd_patch *p,
		     const git_signature *com, const struct pd_apply_opts *opts,
		     const char *base_name, struct pd_err *err, void *tmp)
{
	const struct pd_body *b = p->mail->patch;
	char *label = patch_label(tmp, rev, p);
	git_diff *diff = NULL;
	git_tree *tree = NULL, *newtree = NULL;
	git_index *index = NULL;
	git_signature *author = NULL;
	git_oid tree_id;
	int rc = PD_OK;

	if (b == NULL || b->diff == NULL || *b->diff == '\0') {
		rc = pd_err_set(err, PD_E_DIFF, "%s has no diff: nothing of the series was applied",
				label);
		goto done;
	}
	/* Before libgit2 reads it: a path out of the tree or into .git, or a
	 * link planted to lead out of it, is refused by name. */
	if (pd_patch_paths_check(b->diff, err) != PD_OK) {
		char *why = talloc_strdup(tmp, pd_err_msg(err));
		rc = pd_err_set(err, PD_E_DIFF, "%s: %s: refused, nothing was applied", label,
				why != NULL ? why : "unsafe path");
		goto done;
	}
	int code = pd_diff_parse(&diff, b->diff, strlen(b->diff));
	if (code != 0) {
		rc = pd_err_set(err, PD_E_DIFF, "%s: the diff does not parse (%s)%s; nothing was "
				"applied", label, pd_repo_error_text(tmp, code),
				b->diff_damaged ? ", the mailer damaged it" : "");
		goto done;
	}
	struct pd_apply_where w = { .ctx = tmp };
	code = git_commit_tree(&tree, *parent);
	bool tried = code == 0;
	if (tried)
		code = pd_apply_diff(&index, git, tree, diff, b->diff, &w);
	if (tried && code != 0) {
		char *why = pd_repo_error_text(tmp, code);
		if (w.hunk > 0)
			rc = pd_err_set(err, PD_E_DIFF,
					"%s does not apply on %s: %s, hunk %d (%s)%s; nothing was applied",
					label, base_name, w.path, w.hunk, w.header ? w.header : "?",
					b->diff_damaged ? ", the mailer damaged the diff" : "");
		else
			rc = pd_err_set(err, PD_E_DIFF,
					"%s does not apply on %s: %s: %s; nothing was applied", label,
					base_name, w.path ? w.path : "?", why);
		goto done;
	}
	if (code == 0)
		code = git_index_write_tree_to(&tree_id, index, git);
	if (code == 0)
		code = git_tree_lookup(&newtree, git, &tree_id);
	char *name = NULL, *email = NULL;
	pd_patch_author(tmp, p, &name, &email);
	if (code == 0 && (code = git_signature_new(&author, name, email, p->mail->date, 0)) != 0) {
		rc = pd_err_set(err, PD_E_DIFF, "%s: its author '%s <%s>' is not one git accepts "
				"(%s); nothing was applied", label, name, email,
				pd_repo_error_text(tmp, code));
		goto done;
	}
	char *msg = pd_patch_commit_message(tmp, p, opts->link_mask);
	if (code == 0 && msg == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	if (code == 0)
		code = git_commit_create(out, git, NULL, author, com, NULL, msg, newtree, 1,
					 (const git_commit **)parent);
	if (code == 0) {
		git_commit *next = NULL;
		code = git_commit_lookup(&next, git, out);
		if (code == 0) {
			git_commit_free(*parent);
			*parent = next;
		}
	}
	if (code != 0)
		rc = git_fail(err, tmp, code, label);
done:
	git_signature_free(author);
	git_tree_free(newtree);
	git_index_free(index);
	git_tree_free(tree);
	git_diff_free(diff);
	return rc;
}

/* ------------------------------------------------------------ branch */

char *pd_apply_branch_name(void *ctx, const struct pd_revision *rev, const char *prefix)
{
	char date[16];
	struct tm tm;
	time_t t = rev->date;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	char *slug = talloc_strdup(ctx, "");
	const char *title = rev->title ? rev->title : "";
	/* ASCII words joined by '-', at most 40 characters, cut at a word. */
	bool dash = false;
	for (const unsigned char *c = (const unsigned char *)title; slug && *c; c++) {
		if (isalnum(*c) && *c < 0x80) {
			if (dash && *slug)
				slug = talloc_strdup_append(slug, "-");
			dash = false;
			char ch = (char)tolower(*c);
			slug = slug ? talloc_strndup_append(slug, &ch, 1) : NULL;
		} else {
			dash = true;
		}
		if (slug && strlen(slug) >= 40) {
			char *cut = strrchr(slug, '-');
			if (cut != NULL && cut != slug)
				*cut = '\0';
			break;
		}
	}
	if (slug == NULL)
		return NULL;
	return talloc_asprintf(ctx, "%s%s-%s-v%d", prefix ? prefix : "pd/", date,
			       *slug ? slug : "series", rev->version);
}

/* The branch to make: name itself, or for a default name the first of
 * name-2, name-3, ... that does not exist. Chosen before anything is
 * written, so that a taken name costs nothing. */
static int pick_branch(char **out, git_repository *git, const char *name, bool numbered,
		       struct pd_err *err, void *tmp)
{
	for (int n = 1; n < 1000; n++) {
		char *try = n == 1 ? talloc_strdup(tmp, name) : talloc_asprintf(tmp, "%s-%d", name, n);
		char *ref = talloc_asprintf(tmp, "refs/heads/%s", try);
		int valid = 0;
		if (git_reference_name_is_valid(&valid, ref) != 0 || !valid)
			return pd_err_set(err, PD_E_USAGE,
					  "'%s' is not a valid branch name: pick another with --branch",
					  try);
		git_reference *r = NULL;
		int code = git_reference_lookup(&r, git, ref);
		git_reference_free(r);
		if (code == GIT_ENOTFOUND) {
			git_error_clear();
			*out = try;
			return PD_OK;
		}
		if (code != 0)
			return git_fail(err, tmp, code, ref);
		if (!numbered)
			return pd_err_set(err, PD_E_USAGE,
					  "branch %s already exists: pick another name with --branch; "
					  "nothing was applied", try);
	}
	return pd_err_set(err, PD_E_USAGE, "branches %s-2 to %s-999 all exist: pick a name "
			  "with --branch", name, name);
}

/* Never forced: a branch made meanwhile by someone else stays theirs. */
static int make_branch(git_repository *git, const git_oid *tip, const char *name,
		       const char *logmsg, struct pd_err *err, void *tmp)
{
	git_reference *r = NULL;
	int code = git_reference_create(&r, git, talloc_asprintf(tmp, "refs/heads/%s", name), tip,
					0, logmsg);
	git_reference_free(r);
	if (code == GIT_EEXISTS)
		return pd_err_set(err, PD_E_USAGE, "branch %s was created meanwhile: apply again",
				  name);
	return code == 0 ? PD_OK : git_fail(err, tmp, code, name);
}

static int checkout(struct pd_repo *repo, const git_oid *tip, const char *branch,
		    struct pd_err *err, void *tmp)
{
	git_repository *git = pd_repo_git(repo);
	git_commit *c = NULL;
	git_checkout_options co;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	int code = git_commit_lookup(&c, git, tip);
	if (code == 0)
		code = git_checkout_tree(git, (git_object *)c, &co);
	git_commit_free(c);
	if (code == 0)
		code = git_repository_set_head(git, talloc_asprintf(tmp, "refs/heads/%s", branch));
	return code == 0 ? PD_OK : git_fail(err, tmp, code, "cannot check the new branch out");
}

/* ------------------------------------------------------------ apply */

/* As git log --oneline abbreviates them: the in-memory store cannot
 * tell which prefixes are unique, so ask the repository once the objects
 * are written; a dry run shows 12 digits. */
static void short_ids(struct pd_apply_result *res, struct pd_repo *repo, bool dry_run)
{
	for (size_t i = 0; i < res->ncommits; i++) {
		struct pd_applied *a = &res->commits[i];
		git_oid id;
		git_object *obj = NULL;
		git_buf sh = { 0 };
		if (!dry_run && git_oid_fromstr(&id, a->id) == 0 &&
		    git_object_lookup(&obj, pd_repo_git(repo), &id, GIT_OBJECT_COMMIT) == 0 &&
		    git_object_short_id(&sh, obj) == 0 && sh.ptr != NULL && *sh.ptr)
			a->short_id = talloc_strdup(res->commits, sh.ptr);
		else
			a->short_id = talloc_strndup(res->commits, a->id, 12);
		git_error_clear();
		git_buf_dispose(&sh);
		git_object_free(obj);
	}
}

static int patches_complete(const struct pd_revision *rev, struct pd_err *err)
{
	if (rev->kind == PD_REV_PULL || rev->npatches == 0)
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "<%s> is a pull request, not patches; fetch it with git instead",
				  rev->id);
	if (rev->nmissing > 0)
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "<%s> lacks patch %d of %d: an incomplete series is not applied; "
				  "find the missing mail first", rev->id, rev->missing[0], rev->total);
	return PD_OK;
}

int pd_apply(struct pd_apply_result **out, void *ctx, struct pd_repo *repo,
	     const struct pd_revision *rev, const struct pd_apply_opts *opts,
	     struct pd_err *err)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	struct pd_apply_result *res = talloc_zero(local, struct pd_apply_result);
	struct pd_mem_repo *s = NULL;
	git_commit *parent = NULL;
	git_signature *com = NULL;
	int rc = res != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");

	if (rc == PD_OK)
		rc = patches_complete(rev, err);
	if (rc == PD_OK)
		rc = check_tree(repo, opts, err, local);
	if (rc == PD_OK)
		rc = pick_base(&parent, res, repo, rev, opts, err, local);
	if (rc == PD_OK)
		rc = pd_mem_repo_open(&s, local, repo, err);
	if (rc == PD_OK)
		rc = committer(&com, s->git, err, local);
	/* The base seen through the session's handle. */
	if (rc == PD_OK) {
		git_oid base_id;
		git_oid_cpy(&base_id, git_commit_id(parent));
		git_commit_free(parent);
		parent = NULL;
		int code = git_commit_lookup(&parent, s->git, &base_id);
		if (code != 0)
			rc = git_fail(err, local, code, res->base_id);
	}
	if (rc == PD_OK) {
		res->commits = talloc_zero_array(res, struct pd_applied, rev->npatches);
		rc = res->commits != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	char *base_name = rc == PD_OK ? talloc_asprintf(local, "%s %s", res->base_how,
							 res->base_short_id) : NULL;
	git_oid tip;
	for (size_t i = 0; rc == PD_OK && i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		rc = apply_one(&tip, &parent, s->git, rev, p, com, opts, base_name, err, local);
		if (rc != PD_OK)
			break;
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &tip);
		res->commits[i] = (struct pd_applied){
			.id = talloc_strdup(res->commits, hex),
			.summary = talloc_strdup(res->commits, git_commit_summary(parent)),
		};
		res->ncommits++;
	}
	if (rc == PD_OK) {
		const char *name = opts->branch;
		if (name == NULL)
			name = pd_apply_branch_name(local, rev, opts->branch_prefix);
		rc = pick_branch(&res->branch, s->git, name, opts->branch == NULL, err, local);
		/* The objects first: a ref must never name a missing commit. */
		if (rc == PD_OK && !opts->dry_run)
			rc = session_save(s, repo, res, err, local);
		char *logmsg = talloc_asprintf(local, "patchdeck apply: <%s>", rev->id);
		if (rc == PD_OK && !opts->dry_run)
			rc = make_branch(pd_repo_git(repo), &tip, res->branch, logmsg, err, local);
		if (rc == PD_OK)
			talloc_steal(res, res->branch);
		if (rc == PD_OK)
			short_ids(res, repo, opts->dry_run);
	}
	if (rc == PD_OK && opts->checkout && !opts->dry_run) {
		rc = checkout(repo, &tip, res->branch, err, local);
		if (rc != PD_OK) {
			/* All or nothing: the branch goes again. */
			git_reference *r = NULL;
			if (git_reference_lookup(&r, s->git,
						 talloc_asprintf(local, "refs/heads/%s", res->branch)) == 0)
				git_reference_delete(r);
			git_reference_free(r);
		}
		res->checked_out = rc == PD_OK;
	}
	git_signature_free(com);
	git_commit_free(parent);
	if (rc == PD_OK)
		*out = talloc_steal(ctx, res);
	talloc_free(local);
	return rc;
}
