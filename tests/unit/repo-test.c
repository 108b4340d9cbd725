/* pd_repo_open on real repositories made with git: what path and workdir
 * say for an ordinary tree, a bare repository and a linked worktree, and
 * that the repository belongs to the talloc context it was opened under. */
#include "config.h"

#include <git2.h>
#include <stdlib.h>
#include <talloc.h>

#include "repo.h"
#include "tap.h"

static int sh(void *ctx, const char *dir, const char *cmd)
{
	char *line = talloc_asprintf(ctx, "cd '%s' && { %s; } >/dev/null 2>&1", dir, cmd);
	int rc = line != NULL ? system(line) : -1;
	talloc_free(line);
	return rc;
}

int main(void)
{
	void *ctx = talloc_new(NULL);
	char tmpl[] = "/tmp/pd-repo-test.XXXXXX";
	const char *tmp = mkdtemp(tmpl);
	if (tmp == NULL || sh(ctx, tmp, "git --version") != 0) {
		printf("1..0 # SKIP git not found: install the Debian package git\n");
		return 0;
	}
	if (sh(ctx, tmp,
	       "export GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.org "
	       "GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.org && "
	       "git init -q tree && git -C tree commit -q --allow-empty -m one && "
	       "git clone -q --bare tree bare.git && "
	       "git -C tree worktree add -q ../linked && mkdir plain") != 0) {
		printf("Bail out! cannot build the test repositories in %s\n", tmp);
		return 1;
	}
	git_libgit2_init();

	static const struct {
		const char *dir, *path, *workdir;
	} table[] = {
		{ .dir = "tree", .path = "tree/.git", .workdir = "tree" },
		{ .dir = "tree/", .path = "tree/.git", .workdir = "tree" },
		{ .dir = "bare.git", .path = "bare.git", .workdir = NULL },
		{ .dir = "linked", .path = "tree/.git/worktrees/linked", .workdir = "linked" },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		void *local = talloc_new(ctx);
		char *dir = talloc_asprintf(local, "%s/%s", tmp, table[i].dir);
		struct pd_err err;
		pd_err_init(&err, local);
		struct pd_repo *repo = NULL;
		int rc = pd_repo_open(&repo, local, dir, &err);
		tap_int(rc, PD_OK, talloc_asprintf(local, "%s opens", table[i].dir));
		if (repo == NULL) {
			printf("# %s\n", pd_err_msg(&err));
			talloc_free(local);
			continue;
		}
		tap_str(pd_repo_path(repo), talloc_asprintf(local, "%s/%s", tmp, table[i].path),
			talloc_asprintf(local, "%s: path", table[i].dir));
		tap_str(pd_repo_workdir(repo),
			table[i].workdir ? talloc_asprintf(local, "%s/%s", tmp, table[i].workdir) : NULL,
			talloc_asprintf(local, "%s: workdir", table[i].dir));
		tap_result(pd_repo_git(repo) != NULL && talloc_parent(repo) == local,
			   talloc_asprintf(local, "%s: handle owned by the caller's context",
					   table[i].dir));
		talloc_free(local);
	}

	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_repo *repo = (struct pd_repo *)ctx; /* must be reset to NULL */
	char *plain = talloc_asprintf(ctx, "%s/plain", tmp);
	tap_int(pd_repo_open(&repo, ctx, plain, &err), PD_E_NOT_FOUND, "plain directory fails");
	tap_result(repo == NULL, "plain directory: out stays NULL");
	tap_str(pd_err_msg(&err),
		talloc_asprintf(ctx, "git tree %s is not a git repository: pass the top of "
				"your tree to --tree, or run 'git init' there", plain),
		"plain directory: message");

	sh(ctx, "/", talloc_asprintf(ctx, "rm -rf '%s'", tmp));
	talloc_free(ctx);
	git_libgit2_shutdown();
	return tap_done();
}
