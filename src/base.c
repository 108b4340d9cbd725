#include "config.h"

#include "base.h"

#include <git2.h>
#include <string.h>
#include <talloc.h>

#include "diff_parse.h"

/* A file as the series found it: the blob (abbreviated id) its first
 * diff starts from, or "absent" for a file the series creates. */
struct preimage {
	char *path;
	git_oid id;
	size_t abbrev;  /* hex digits of id that count */
	bool absent;
};

struct preimages {
	struct preimage *v;
	size_t n;
	char **touched;   /* paths an earlier patch already wrote */
	size_t ntouched;
};

const char *pd_base_how_name(enum pd_base_how how)
{
	switch (how) {
	case PD_BASE_LINE:
		return "base-commit";
	case PD_BASE_EXACT:
		return "exact";
	case PD_BASE_GUESS:
		return "guess";
	case PD_BASE_NONE:
		break;
	}
	return "none";
}

static bool seen(char *const *v, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], path) == 0)
			return true;
	return false;
}

static int touch(struct preimages *pi, const char *path)
{
	if (seen(pi->touched, pi->ntouched, path))
		return PD_OK;
	char **t = talloc_realloc(pi, pi->touched, char *, pi->ntouched + 1);
	if (t == NULL)
		return PD_E_NOMEM;
	pi->touched = t;
	t[pi->ntouched] = talloc_strdup(t, path);
	return t[pi->ntouched++] != NULL ? PD_OK : PD_E_NOMEM;
}

static int add_delta(struct preimages *pi, const git_diff_delta *d)
{
	const char *path = d->old_file.path;
	bool absent = d->status == GIT_DELTA_ADDED;
	/* Only the first diff of a path says what the tree had: later ones
	 * start from what an earlier patch made. A pure rename carries no
	 * index line, so no blob. */
	if (path != NULL && !seen(pi->touched, pi->ntouched, path) &&
	    (absent || d->old_file.id_abbrev > 0)) {
		struct preimage *v = talloc_realloc(pi, pi->v, struct preimage, pi->n + 1);
		if (v == NULL)
			return PD_E_NOMEM;
		pi->v = v;
		v[pi->n] = (struct preimage){
			.path = talloc_strdup(v, path),
			.id = d->old_file.id,
			.abbrev = d->old_file.id_abbrev,
			.absent = absent,
		};
		if (v[pi->n++].path == NULL)
			return PD_E_NOMEM;
	}
	int rc = path != NULL ? touch(pi, path) : PD_OK;
	if (rc == PD_OK && d->new_file.path != NULL)
		rc = touch(pi, d->new_file.path);
	return rc;
}

/* The preimages of every patch's diff; a diff libgit2 cannot parse adds
 * nothing (apply reports it). */
static int collect(struct preimages *pi, const struct pd_revision *rev)
{
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_body *b = rev->patches[i].mail->patch;
		git_diff *diff = NULL;
		if (b == NULL || b->diff == NULL ||
		    pd_diff_parse(&diff, b->diff, strlen(b->diff)) != 0) {
			git_error_clear();
			continue;
		}
		int rc = PD_OK;
		size_t n = git_diff_num_deltas(diff);
		for (size_t d = 0; rc == PD_OK && d < n; d++)
			rc = add_delta(pi, git_diff_get_delta(diff, d));
		git_diff_free(diff);
		if (rc != PD_OK)
			return rc;
	}
	return PD_OK;
}

static int score(git_commit *commit, const struct preimages *pi)
{
	git_tree *tree = NULL;
	if (git_commit_tree(&tree, commit) != 0) {
		git_error_clear();
		return 0;
	}
	int matched = 0;
	for (size_t i = 0; i < pi->n; i++) {
		git_tree_entry *e = NULL;
		if (git_tree_entry_bypath(&e, tree, pi->v[i].path) != 0) {
			git_error_clear();
			matched += pi->v[i].absent;
			continue;
		}
		if (!pi->v[i].absent &&
		    git_oid_ncmp(git_tree_entry_id(e), &pi->v[i].id, pi->v[i].abbrev) == 0)
			matched++;
		git_tree_entry_free(e);
	}
	git_tree_free(tree);
	return matched;
}

/* The series' date: its latest patch, since a base existed before every
 * mail of it was sent. */
static time_t series_date(const struct pd_revision *rev)
{
	time_t t = rev->date;
	for (size_t i = 0; i < rev->npatches; i++)
		if (rev->patches[i].mail->date > t)
			t = rev->patches[i].mail->date;
	return t;
}

static int fill(struct pd_base *b, git_repository *git, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	b->id = talloc_strdup(b, hex);
	git_commit *c = NULL;
	if (git_commit_lookup(&c, git, id) == 0) {
		b->summary = talloc_strdup(b, git_commit_summary(c) ? git_commit_summary(c) : "");
		git_commit_free(c);
	} else {
		git_error_clear();
		b->summary = talloc_strdup(b, "");
	}
	return b->id != NULL && b->summary != NULL ? PD_OK : PD_E_NOMEM;
}

/* The base-commit: line, when the tree has it as a commit. */
static bool from_line(git_oid *out, git_repository *git, const char *line)
{
	git_object *obj = NULL;
	if (line == NULL || git_revparse_single(&obj, git, line) != 0) {
		git_error_clear();
		return false;
	}
	git_object *peeled = NULL;
	bool ok = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0;
	if (ok)
		git_oid_cpy(out, git_object_id(peeled));
	git_error_clear();
	git_object_free(peeled);
	git_object_free(obj);
	return ok;
}

static int search(struct pd_base *b, struct pd_repo *repo, const struct preimages *pi,
		  time_t date, struct pd_err *err, void *tmp)
{
	git_repository *git = pd_repo_git(repo);
	git_revwalk *walk = NULL;
	int code = git_revwalk_new(&walk, git);
	if (code == 0)
		code = git_revwalk_sorting(walk, GIT_SORT_TIME);
	if (code == 0)
		code = git_revwalk_push_head(walk);
	if (code != 0) {
		git_revwalk_free(walk);
		return pd_err_set(err, PD_E_NOT_FOUND, "cannot read the history of %s: %s",
				  pd_repo_path(repo), pd_repo_error_text(tmp, code));
	}
	git_oid id, best;
	int best_score = 0;
	while (git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, git, &id) != 0) {
			git_error_clear();
			continue;
		}
		/* Newer than the mail: written after it, cannot be its base. */
		if (git_commit_time(c) > date) {
			git_commit_free(c);
			continue;
		}
		b->walked++;
		int s = score(c, pi);
		git_commit_free(c);
		if (s > best_score) {
			best_score = s;
			git_oid_cpy(&best, &id);
			if ((size_t)s == pi->n)
				break;
		}
	}
	git_error_clear();
	git_revwalk_free(walk);
	b->matched = best_score;
	if (best_score == 0)
		return PD_OK;
	b->how = (size_t)best_score == pi->n ? PD_BASE_EXACT : PD_BASE_GUESS;
	return fill(b, git, &best);
}

int pd_base_find(struct pd_base **out, void *ctx, struct pd_repo *repo,
		 const struct pd_revision *rev, struct pd_err *err)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	struct pd_base *b = talloc_zero(local, struct pd_base);
	struct preimages *pi = talloc_zero(local, struct preimages);
	git_repository *git = pd_repo_git(repo);
	int rc = b != NULL && pi != NULL ? collect(pi, rev) : PD_E_NOMEM;
	if (rc != PD_OK) {
		rc = pd_err_set(err, rc, "out of memory");
		goto done;
	}
	b->total = (int)pi->n;

	git_oid id;
	if (from_line(&id, git, rev->base_commit)) {
		b->how = PD_BASE_LINE;
		git_commit *c = NULL;
		if (git_commit_lookup(&c, git, &id) == 0) {
			b->matched = score(c, pi);
			git_commit_free(c);
		}
		git_error_clear();
		rc = fill(b, git, &id);
	} else {
		if (rev->base_commit != NULL)
			b->line_missing = talloc_strdup(b, rev->base_commit);
		rc = pi->n > 0 ? search(b, repo, pi, series_date(rev), err, local) : PD_OK;
	}
	if (rc == PD_E_NOMEM)
		pd_err_set(err, rc, "out of memory");
	if (rc == PD_OK)
		*out = talloc_steal(ctx, b);
done:
	talloc_free(local);
	return rc;
}
