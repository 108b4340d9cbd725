#include "config.h"

#include "patchid.h"

#include <errno.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <talloc.h>

#include "diff_parse.h"
#include "strmap.h"

struct pd_history {
	char **commits;     /* hex ids, HEAD's history, newest first */
	char **patchids;    /* the same order; "-" for an empty diff */
	char **keys;        /* "title\nauthor email", lower-cased email */
	size_t n;
	struct pd_strmap *by_patchid;
	struct pd_strmap *by_key;
};

char *pd_patchid_of_diff(void *ctx, const char *text)
{
	git_diff *diff = NULL;
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];
	if (text == NULL || pd_diff_parse(&diff, text, strlen(text)) != 0 ||
	    git_diff_patchid(&id, diff, NULL) != 0) {
		git_error_clear();
		git_diff_free(diff);
		return NULL;
	}
	git_diff_free(diff);
	git_oid_tostr(hex, sizeof(hex), &id);
	return talloc_strdup(ctx, hex);
}

/* The patch-id `git log -p --no-renames | git patch-id --stable` gives
 * for a commit against its parent. */
static char *commit_patchid(void *ctx, git_repository *git, git_commit *c)
{
	git_commit *parent = NULL;
	git_tree *a = NULL, *b = NULL;
	git_diff *diff = NULL;
	char *out = NULL;
	if (git_commit_parent(&parent, c, 0) == 0 && git_commit_tree(&a, parent) == 0 &&
	    git_commit_tree(&b, c) == 0 && git_diff_tree_to_tree(&diff, git, a, b, NULL) == 0) {
		git_oid id;
		if (git_diff_num_deltas(diff) == 0) {
			out = talloc_strdup(ctx, "-");
		} else if (git_diff_patchid(&id, diff, NULL) == 0) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid_tostr(hex, sizeof(hex), &id);
			out = talloc_strdup(ctx, hex);
		}
	}
	git_error_clear();
	git_diff_free(diff);
	git_tree_free(b);
	git_tree_free(a);
	git_commit_free(parent);
	return out;
}

static char *default_dir(void *ctx)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg != NULL && *xdg == '/')
		return talloc_asprintf(ctx, "%s/patchdeck/patchid", xdg);
	const char *home = getenv("HOME");
	return talloc_asprintf(ctx, "%s/.cache/patchdeck/patchid", home ? home : "");
}

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			(void)mkdir(path, 0755);
			*p = '/';
		}
	}
	(void)mkdir(path, 0755);
}

/* The cached COMMIT PATCHID lines of file, into map (commit -> index in
 * *ids). A damaged line is skipped: it is computed again. */
static void read_cache(const char *file, struct pd_strmap *map, char ***ids, size_t *n, void *ctx)
{
	FILE *fp = fopen(file, "r");
	if (fp == NULL)
		return;
	char line[128];
	while (fgets(line, sizeof(line), fp) != NULL) {
		size_t len = strlen(line);
		if (len != 2 * GIT_OID_HEXSZ + 2 && !(len == GIT_OID_HEXSZ + 3 && line[GIT_OID_HEXSZ + 1] == '-'))
			continue;
		line[len - 1] = '\0';
		line[GIT_OID_HEXSZ] = '\0';
		char **v = talloc_realloc(ctx, *ids, char *, 2 * (*n + 1));
		if (v == NULL)
			break;
		*ids = v;
		v[2 * *n] = talloc_strdup(v, line);
		v[2 * *n + 1] = talloc_strdup(v, line + GIT_OID_HEXSZ + 1);
		if (v[2 * *n] == NULL || v[2 * *n + 1] == NULL ||
		    pd_strmap_add(map, v[2 * *n], GIT_OID_HEXSZ, *n, NULL) < 0)
			break;
		(*n)++;
	}
	fclose(fp);
}

static char *key_of(void *ctx, const char *title, const char *email)
{
	char *k = talloc_asprintf(ctx, "%s\n%s", title ? title : "", email ? email : "");
	for (char *p = k ? strchr(k, '\n') : NULL; p && *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	return k;
}

int pd_history_load(struct pd_history **out, void *ctx, struct pd_repo *repo,
		    const char *cache_dir, struct pd_history_stats *stats, struct pd_err *err)
{
	*out = NULL;
	*stats = (struct pd_history_stats){ .commits = 0 };
	git_repository *git = pd_repo_git(repo);
	void *local = talloc_new(NULL);
	struct pd_history *h = talloc_zero(local, struct pd_history);
	git_revwalk *walk = NULL;
	int rc = PD_OK;
	int code = git_revwalk_new(&walk, git);
	if (code == 0)
		code = git_revwalk_push_head(walk);
	if (code != 0) {
		rc = pd_err_set(err, PD_E_NOT_FOUND, "cannot read the history of %s: %s",
				pd_repo_path(repo), pd_repo_error_text(local, code));
		goto done;
	}
	/* First the ids alone (cheap), to find the root that names the
	 * cache; then the commits the cache lacks. */
	git_oid id;
	char **all = NULL;
	size_t nall = 0;
	while (git_revwalk_next(&id, walk) == 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &id);
		if (nall % 1024 == 0 && (all = talloc_realloc(local, all, char *, nall + 1024)) == NULL)
			break;
		all[nall++] = talloc_strdup(all, hex);
	}
	git_error_clear();
	if (nall == 0 || all == NULL) {
		rc = pd_err_set(err, PD_E_NOT_FOUND, "%s has no commits", pd_repo_path(repo));
		goto done;
	}
	char *dir = cache_dir ? talloc_strdup(local, cache_dir) : default_dir(local);
	char *file = talloc_asprintf(local, "%s/%s", dir, all[nall - 1]);
	struct pd_strmap *cached = pd_strmap_new(local, nall);
	char **pairs = NULL;
	size_t npairs = 0;
	read_cache(file, cached, &pairs, &npairs, local);

	h->commits = talloc_array(h, char *, nall);
	h->patchids = talloc_array(h, char *, nall);
	h->keys = talloc_array(h, char *, nall);
	h->by_patchid = pd_strmap_new(h, nall);
	h->by_key = pd_strmap_new(h, nall);
	char *append = talloc_strdup(local, "");
	for (size_t i = 0; i < nall; i++) {
		git_commit *c = NULL;
		git_oid_fromstr(&id, all[i]);
		if (git_commit_lookup(&c, git, &id) != 0) {
			git_error_clear();
			continue;
		}
		if (git_commit_parentcount(c) != 1) {
			git_commit_free(c);
			continue;
		}
		size_t at = 0;
		char *pid = pd_strmap_get(cached, all[i], GIT_OID_HEXSZ, &at) ? pairs[2 * at + 1] : NULL;
		if (pid == NULL) {
			pid = commit_patchid(h, git, c);
			if (pid != NULL) {
				append = talloc_asprintf_append(append, "%s %s\n", all[i], pid);
				stats->computed++;
			}
		}
		const git_signature *a = git_commit_author(c);
		size_t k = h->n;
		h->commits[k] = talloc_steal(h->commits, all[i]);
		h->patchids[k] = pid != NULL ? talloc_strdup(h->patchids, pid) : NULL;
		h->keys[k] = key_of(h->keys, git_commit_summary(c), a ? a->email : "");
		git_commit_free(c);
		/* Newest first: add() keeps the newest commit for a patch-id. */
		if (pid != NULL && strcmp(pid, "-") != 0)
			pd_strmap_add(h->by_patchid, h->patchids[k], strlen(h->patchids[k]), k, NULL);
		if (h->keys[k] != NULL)
			pd_strmap_add(h->by_key, h->keys[k], strlen(h->keys[k]), k, NULL);
		h->n++;
	}
	stats->commits = h->n;
	if (append != NULL && *append) {
		mkdirs(dir);
		FILE *fp = fopen(file, "a");
		if (fp != NULL) {
			fputs(append, fp);
			if (fclose(fp) == 0)
				stats->cache = talloc_strdup(ctx, file);
		}
	} else {
		stats->cache = talloc_strdup(ctx, file);
	}
	*out = talloc_steal(ctx, h);
done:
	git_revwalk_free(walk);
	talloc_free(local);
	return rc;
}

enum pd_merged_how pd_history_find(const struct pd_history *h, void *ctx,
				   const struct pd_patch *p, char **commit)
{
	*commit = NULL;
	size_t at = 0;
	const struct pd_mail *m = p->mail;
	char *pid = m->patch != NULL ? pd_patchid_of_diff(ctx, m->patch->diff) : NULL;
	if (pid != NULL && pd_strmap_get(h->by_patchid, pid, strlen(pid), &at)) {
		*commit = talloc_strdup(ctx, h->commits[at]);
		return PD_MERGED_PATCHID;
	}
	char *key = key_of(ctx, m->subject ? m->subject->title : "",
			   m->author.email ? m->author.email : "");
	if (key != NULL && pd_strmap_get(h->by_key, key, strlen(key), &at)) {
		*commit = talloc_strdup(ctx, h->commits[at]);
		return PD_MERGED_SUBJECT;
	}
	return PD_MERGED_NO;
}
