#include "config.h"

#include "repo.h"

#include <errno.h>
#include <git2.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#define UNREADABLE_FIX "run patchdeck as its owner or give this user read access"

struct pd_repo {
	git_repository *git;
	char *path;
	char *workdir;
};

static int repo_destroy(struct pd_repo *repo)
{
	if (repo->git != NULL)
		git_repository_free(repo->git);
	return 0;
}

char *pd_repo_error_text(void *ctx, int code)
{
	const git_error *e = git_error_last();
	if (e != NULL && e->message != NULL && *e->message != '\0')
		return talloc_strdup(ctx, e->message);
	return talloc_asprintf(ctx, "libgit2 error %d", code);
}

/* libgit2 ends directory names with '/'; messages and callers do not. */
static char *dir_name(void *ctx, const char *dir)
{
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	return talloc_strndup(ctx, dir, len);
}

/* path holds no repository of its own: say whether it sits inside one, so
 * that the message can name the path to pass instead. */
static int not_a_repo(struct pd_err *err, void *tmp, const char *path)
{
	git_buf found = { 0 };
	char *top = NULL;

	if (git_repository_discover(&found, path, 0, NULL) == 0) {
		git_repository *outer = NULL;
		if (git_repository_open(&outer, found.ptr) == 0) {
			const char *wd = git_repository_workdir(outer);
			top = dir_name(tmp, wd != NULL ? wd : git_repository_path(outer));
			git_repository_free(outer);
		}
		git_buf_dispose(&found);
	}
	git_error_clear();
	if (top != NULL)
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "git tree %s is inside the repository %s, not at its "
				  "top: pass --tree %s",
				  path, top, top);
	return pd_err_set(err, PD_E_NOT_FOUND,
			  "git tree %s is not a git repository: pass the top of "
			  "your tree to --tree, or run 'git init' there",
			  path);
}

static int open_error(struct pd_err *err, void *tmp, const char *path, int code)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		if (errno == EACCES)
			return pd_err_set(err, PD_E_IO,
					  "cannot read git tree %s: permission denied; "
					  UNREADABLE_FIX,
					  path);
		if (errno == ENOENT || errno == ENOTDIR)
			return pd_err_set(err, PD_E_NOT_FOUND,
					  "git tree %s does not exist: check the path "
					  "given to --tree",
					  path);
		return pd_err_set(err, PD_E_IO, "cannot open git tree %s: %s", path,
				  strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "git tree %s is not a directory: pass the top "
				  "directory of a git repository to --tree",
				  path);
	if (access(path, R_OK | X_OK) != 0)
		return pd_err_set(err, PD_E_IO,
				  "cannot read git tree %s: permission denied; "
				  UNREADABLE_FIX,
				  path);
	if (code == GIT_EOWNER || code == GIT_ENOTFOUND) {
		/* libgit2 1.5 refuses a repository owned by another user with
		 * GIT_ENOTFOUND when no safe.directory is configured at all, so
		 * look at the owner here rather than trust the code. */
		char *dotgit = talloc_asprintf(tmp, "%s/.git", path);
		char *head = talloc_asprintf(tmp, "%s/HEAD", path);
		const char *own = NULL;
		if (lstat(dotgit, &sb) == 0) {
			if (access(dotgit, S_ISDIR(sb.st_mode) ? R_OK | X_OK : R_OK) != 0)
				return pd_err_set(err, PD_E_IO,
						  "cannot read git tree %s: permission "
						  "denied on %s; " UNREADABLE_FIX,
						  path, dotgit);
			own = dotgit;
		} else if (access(head, F_OK) == 0) {
			own = path; /* bare */
		}
		if (own != NULL && stat(own, &sb) == 0 && sb.st_uid != geteuid()) {
			char *abs = realpath(path, NULL);
			int rc = pd_err_set(err, PD_E_IO,
					    "git tree %s belongs to another user: run "
					    "patchdeck as its owner, or trust it with "
					    "'git config --global --add safe.directory %s'",
					    path, abs != NULL ? abs : path);
			free(abs);
			return rc;
		}
		if (own == NULL)
			return not_a_repo(err, tmp, path);
	}
	return pd_err_set(err, PD_E_IO, "cannot open git tree %s: %s", path,
			  pd_repo_error_text(tmp, code));
}

int pd_repo_open(struct pd_repo **out, void *ctx, const char *path,
		 struct pd_err *err)
{
	*out = NULL;

	void *local = talloc_new(NULL);
	struct pd_repo *repo = talloc_zero(local, struct pd_repo);
	int rc;
	if (repo == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	talloc_set_destructor(repo, repo_destroy);

	/* NO_SEARCH: the tree is the directory named, not whatever repository
	 * happens to contain it (a build directory inside another checkout). */
	int code = git_repository_open_ext(&repo->git, path,
					   GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (code != 0) {
		repo->git = NULL;
		rc = open_error(err, local, path, code);
		goto done;
	}
	const char *wd = git_repository_workdir(repo->git);
	repo->path = dir_name(repo, git_repository_path(repo->git));
	repo->workdir = wd != NULL ? dir_name(repo, wd) : NULL;
	if (repo->path == NULL || (wd != NULL && repo->workdir == NULL)) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	*out = talloc_steal(ctx, repo);
	rc = PD_OK;
done:
	talloc_free(local);
	return rc;
}

const char *pd_repo_path(const struct pd_repo *repo)
{
	return repo->path;
}

int pd_repo_check(const struct pd_repo *repo, struct pd_err *err)
{
	const char *top = repo->workdir != NULL ? repo->workdir : repo->path;
	struct stat st;
	char *head = talloc_asprintf(NULL, "%s/HEAD", repo->path);
	bool there = head != NULL && stat(head, &st) == 0 &&
		     (repo->workdir == NULL || stat(repo->workdir, &st) == 0);
	talloc_free(head);
	if (!there)
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "the git tree %s is gone (removed while patchdeck ran): put it "
				  "back, or start patchdeck again naming where it is now",
				  top);
	return PD_OK;
}

const char *pd_repo_workdir(const struct pd_repo *repo)
{
	return repo->workdir;
}

struct git_repository *pd_repo_git(const struct pd_repo *repo)
{
	return repo->git;
}
