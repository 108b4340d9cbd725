#include "config.h"

#include "patchid.h"

#include <errno.h>
#include <git2.h>
#include <git2/sys/repository.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <talloc.h>
#include <time.h>

#include "diff_parse.h"
#include "strmap.h"
#include "xdg.h"

/* The hex id's length as a size_t, for offsets (GIT_OID_HEXSZ is an int
 * product). */
static const size_t HEX = GIT_OID_HEXSZ;

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
		if (len != 2 * HEX + 2 && !(len == HEX + 3 && line[HEX + 1] == '-'))
			continue;
		line[len - 1] = '\0';
		line[HEX] = '\0';
		char **v = talloc_realloc(ctx, *ids, char *, 2 * (*n + 1));
		if (v == NULL)
			break;
		*ids = v;
		v[2 * *n] = talloc_strdup(v, line);
		v[2 * *n + 1] = talloc_strdup(v, line + HEX + 1);
		if (v[2 * *n] == NULL || v[2 * *n + 1] == NULL ||
		    pd_strmap_add(map, v[2 * *n], HEX, *n, NULL) < 0)
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

struct pd_history_job {
	git_repository *git;
	/* The same object store without a work tree or config, for the
	 * history's diffs: on a work tree libgit2 looks up every file's
	 * attributes on disk (a realpath and a dozen stats per commit, half
	 * of a cold build). The patch-id hashes no hunk header, so a diff
	 * driver changes nothing. */
	git_repository *bare;
	char **all;                 /* HEAD's history, newest first */
	size_t nall, next;          /* commits; the next to look at */
	struct pd_strmap *cached;   /* commit -> index in pairs */
	char **pairs;               /* COMMIT, PATCHID, COMMIT, ... of the cache */
	size_t todo;                /* commits the cache lacks */
	char *dir, *file;
	struct pd_history *h;
	size_t computed;
	bool cache_failed;
	char head[GIT_OID_HEXSZ + 1]; /* HEAD's id, "" when unknown */
	bool from_snapshot;
};

/* A warm start must not walk the history again: after a whole read, the
 * history as read (commit, patch-id, author's address, title; newest
 * first, merges left out) is kept in DIR/snap-HEAD, one file per tree
 * (the one of an older HEAD with the same root is removed). A HEAD that
 * moved finds none and walks, the patch-ids still cached. */
static char *snapshot_file(void *ctx, const char *dir, const char *head)
{
	return talloc_asprintf(ctx, "%s/snap-%s", dir, head);
}

/* Reads the snapshot of HEAD into j->h; false (nothing kept) when there
 * is none or it is damaged. A warm start is this and nothing else, so it
 * is one read of the file and ids pointing into it, the keys side by side
 * in one block: no allocation per commit (bench/patchid.sh). */
static bool read_snapshot(struct pd_history_job *j, const char *file)
{
	FILE *fp = fopen(file, "r");
	struct stat st;
	if (fp == NULL)
		return false;
	void *tmp = talloc_new(NULL);
	struct pd_history *h = talloc_zero(tmp, struct pd_history);
	char *buf = NULL, *keys = NULL;
	size_t size = 0;
	bool ok = h != NULL && fstat(fileno(fp), &st) == 0 && st.st_size > 0;
	if (ok) {
		size = (size_t)st.st_size;
		buf = talloc_array(h, char, size + 1);
		keys = talloc_array(h, char, size + 1);
		ok = buf != NULL && keys != NULL && fread(buf, 1, size, fp) == size &&
		     buf[size - 1] == '\n';
	}
	fclose(fp);
	size_t n = 0, lines = 0;
	for (size_t i = 0; ok && i < size; i++)
		lines += buf[i] == '\n';
	if (ok && ((h->commits = talloc_array(h, char *, lines)) == NULL ||
		   (h->patchids = talloc_array(h, char *, lines)) == NULL ||
		   (h->keys = talloc_array(h, char *, lines)) == NULL))
		ok = false;
	/* ok: buf holds size bytes, the last a '\n', so every line has its end. */
	char *end = ok ? buf + size : NULL, *k = keys;
	char *line = ok ? memchr(buf, '\n', size) : NULL; /* after the root */
	while (ok && line != NULL && ++line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			break;
		*nl = '\0';
		char *email = (size_t)(nl - line) > HEX + 1 ? strchr(line + HEX + 1, '\t') : NULL;
		char *title = email != NULL ? strchr(email + 1, '\t') : NULL;
		if (title == NULL || line[HEX] != ' ') {
			ok = false;
			break;
		}
		line[HEX] = *email = *title = '\0';
		h->commits[n] = line;
		h->patchids[n] = strcmp(line + HEX + 1, "?") != 0 ? line + HEX + 1 : NULL;
		/* "title\nemail", the email lower-cased (key_of). */
		size_t tl = (size_t)(nl - title - 1);
		h->keys[n] = k;
		memcpy(k, title + 1, tl);
		k += tl;
		*k++ = '\n';
		for (const char *e = email + 1; e < title; e++)
			*k++ = (char)(*e >= 'A' && *e <= 'Z' ? *e + 32 : *e);
		*k++ = '\0';
		n++;
		line = nl;
	}
	if (ok && ((h->by_patchid = pd_strmap_new(h, n + 1)) == NULL ||
		   (h->by_key = pd_strmap_new(h, n + 1)) == NULL))
		ok = false;
	for (size_t i = 0; ok && i < n; i++) {
		if (h->patchids[i] != NULL && strcmp(h->patchids[i], "-") != 0)
			pd_strmap_add(h->by_patchid, h->patchids[i], strlen(h->patchids[i]), i, NULL);
		pd_strmap_add(h->by_key, h->keys[i], strlen(h->keys[i]), i, NULL);
	}
	if (ok) {
		h->n = n;
		j->h = talloc_steal(j, h);
		j->nall = j->next = n;
		j->from_snapshot = true;
	}
	talloc_free(tmp);
	return ok;
}

/* Writes the snapshot of j's whole history (a temporary file renamed, so
 * a reader never sees half of one) and removes the older one of the same
 * root. Failing is harmless: the next start walks. */
static void write_snapshot(const struct pd_history_job *j)
{
	const struct pd_history *h = j->h;
	void *tmp = talloc_new(NULL);
	const char *root = j->all[j->nall - 1];
	char *file = snapshot_file(tmp, j->dir, j->head);
	char *part = talloc_asprintf(tmp, "%s.%ld", file, (long)getpid());
	FILE *fp = part != NULL ? fopen(part, "w") : NULL;
	bool ok = fp != NULL && fprintf(fp, "%s\n", root) > 0;
	for (size_t k = 0; ok && k < h->n; k++) {
		const char *key = h->keys[k] != NULL ? h->keys[k] : "\n";
		const char *nl = strchr(key, '\n');
		ok = nl != NULL && fprintf(fp, "%s %s\t%s\t%.*s\n", h->commits[k],
					   h->patchids[k] != NULL ? h->patchids[k] : "?", nl + 1,
					   (int)(nl - key), key) > 0;
	}
	if (fp != NULL && fclose(fp) != 0)
		ok = false;
	if (ok && rename(part, file) == 0) {
		/* The snapshot of an older HEAD of this tree is stale now. */
		DIR *d = opendir(j->dir);
		struct dirent *e;
		while (d != NULL && (e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, "snap-", 5) != 0 || strcmp(e->d_name + 5, j->head) == 0 ||
			    strlen(e->d_name) != 5 + GIT_OID_HEXSZ)
				continue;
			char *old = talloc_asprintf(tmp, "%s/%s", j->dir, e->d_name);
			char first[GIT_OID_HEXSZ + 2] = "";
			FILE *o = old != NULL ? fopen(old, "r") : NULL;
			bool same = o != NULL && fgets(first, sizeof(first), o) != NULL &&
				    strncmp(first, root, GIT_OID_HEXSZ) == 0;
			if (o != NULL)
				fclose(o);
			if (same)
				(void)unlink(old);
		}
		if (d != NULL)
			closedir(d);
	} else if (part != NULL) {
		(void)unlink(part);
	}
	talloc_free(tmp);
}

static int job_destroy(struct pd_history_job *j)
{
	git_repository_free(j->bare);
	return 0;
}

/* git's object store alone, with an empty config; NULL when it cannot be
 * had (the work tree's handle does then, only slower). */
static git_repository *bare_handle(git_repository *git)
{
	git_odb *odb = NULL;
	git_config *cfg = NULL;
	git_repository *bare = NULL;
	if (git_repository_odb(&odb, git) == 0 && git_repository_wrap_odb(&bare, odb) == 0 &&
	    git_config_new(&cfg) == 0)
		git_repository_set_config(bare, cfg);
	git_config_free(cfg);
	git_odb_free(odb);
	git_error_clear();
	return bare;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int pd_history_start(struct pd_history_job **out, void *ctx, struct pd_repo *repo,
		     const char *cache_dir, struct pd_err *err)
{
	*out = NULL;
	git_repository *git = pd_repo_git(repo);
	struct pd_history_job *j = talloc_zero(NULL, struct pd_history_job);
	git_revwalk *walk = NULL;
	int rc = PD_OK;
	if (j == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	j->git = git;
	j->bare = bare_handle(git);
	if (j->bare != NULL)
		talloc_set_destructor(j, job_destroy);
	j->dir = cache_dir ? talloc_strdup(j, cache_dir) : pd_xdg_path(j, "XDG_CACHE_HOME", ".cache", "patchid");
	git_oid head;
	if (j->dir != NULL && git_reference_name_to_id(&head, git, "HEAD") == 0) {
		git_oid_tostr(j->head, sizeof(j->head), &head);
		char *snap = snapshot_file(j, j->dir, j->head);
		if (snap != NULL && read_snapshot(j, snap)) {
			j->file = snap;
			goto done;
		}
	}
	git_error_clear();
	int code = git_revwalk_new(&walk, git);
	if (code == 0)
		code = git_revwalk_push_head(walk);
	if (code != 0) {
		rc = pd_err_set(err, PD_E_NOT_FOUND, "cannot read the history of %s: %s",
				pd_repo_path(repo), pd_repo_error_text(j, code));
		goto done;
	}
	/* First the ids alone (cheap), to find the root that names the
	 * cache; then, step by step, the commits the cache lacks. */
	git_oid id;
	while (git_revwalk_next(&id, walk) == 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &id);
		if (j->nall % 1024 == 0 &&
		    (j->all = talloc_realloc(j, j->all, char *, j->nall + 1024)) == NULL)
			break;
		j->all[j->nall++] = talloc_strdup(j->all, hex);
	}
	git_error_clear();
	if (j->nall == 0 || j->all == NULL) {
		rc = pd_err_set(err, PD_E_NOT_FOUND, "%s has no commits", pd_repo_path(repo));
		goto done;
	}
	j->file = talloc_asprintf(j, "%s/%s", j->dir, j->all[j->nall - 1]);
	j->cached = pd_strmap_new(j, j->nall);
	size_t npairs = 0;
	if (j->file == NULL || j->cached == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	read_cache(j->file, j->cached, &j->pairs, &npairs, j);
	for (size_t i = 0; i < j->nall; i++)
		j->todo += !pd_strmap_get(j->cached, j->all[i], GIT_OID_HEXSZ, NULL);

	struct pd_history *h = j->h = talloc_zero(j, struct pd_history);
	if (h == NULL || (h->commits = talloc_array(h, char *, j->nall)) == NULL ||
	    (h->patchids = talloc_array(h, char *, j->nall)) == NULL ||
	    (h->keys = talloc_array(h, char *, j->nall)) == NULL ||
	    (h->by_patchid = pd_strmap_new(h, j->nall)) == NULL ||
	    (h->by_key = pd_strmap_new(h, j->nall)) == NULL)
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
done:
	git_revwalk_free(walk);
	if (rc == PD_OK)
		*out = talloc_steal(ctx, j);
	else
		talloc_free(j);
	return rc;
}

size_t pd_history_todo(const struct pd_history_job *j)
{
	return j->todo;
}

void pd_history_progress(const struct pd_history_job *j, size_t *done, size_t *total)
{
	*done = j->next;
	*total = j->nall;
}

/* One commit of the history into h; its cache line onto *append when it
 * was computed now. Merges are cached too (as "-", never matched), so that
 * a warm start knows it has nothing to compute. */
static void take(struct pd_history_job *j, const char *hex, char **append)
{
	struct pd_history *h = j->h;
	git_commit *c = NULL;
	git_oid id;
	if (git_oid_fromstr(&id, hex) != 0 || git_commit_lookup(&c, j->git, &id) != 0) {
		git_error_clear();
		return;
	}
	size_t at = 0;
	bool known = pd_strmap_get(j->cached, hex, GIT_OID_HEXSZ, &at);
	if (git_commit_parentcount(c) != 1) {
		if (!known)
			*append = talloc_asprintf_append_buffer(*append, "%s -\n", hex);
		git_commit_free(c);
		return;
	}
	char *pid = known ? j->pairs[2 * at + 1] : NULL;
	if (pid == NULL) {
		pid = commit_patchid(h, j->bare != NULL ? j->bare : j->git, c);
		if (pid != NULL) {
			*append = talloc_asprintf_append_buffer(*append, "%s %s\n", hex, pid);
			j->computed++;
		}
	}
	const git_signature *a = git_commit_author(c);
	size_t k = h->n;
	h->commits[k] = talloc_strdup(h->commits, hex);
	h->patchids[k] = pid != NULL ? talloc_strdup(h->patchids, pid) : NULL;
	h->keys[k] = key_of(h->keys, git_commit_summary(c), a ? a->email : "");
	git_commit_free(c);
	/* Newest first: add() keeps the newest commit for a patch-id. */
	if (h->patchids[k] != NULL && strcmp(h->patchids[k], "-") != 0)
		pd_strmap_add(h->by_patchid, h->patchids[k], strlen(h->patchids[k]), k, NULL);
	if (h->keys[k] != NULL)
		pd_strmap_add(h->by_key, h->keys[k], strlen(h->keys[k]), k, NULL);
	h->n++;
}

bool pd_history_step(struct pd_history_job *j, unsigned budget_ms, size_t max_commits)
{
	long t0 = budget_ms > 0 ? now_ms() : 0;
	char *append = talloc_strdup(NULL, "");
	size_t n = 0;
	while (j->next < j->nall && append != NULL) {
		take(j, j->all[j->next++], &append);
		n++;
		if (max_commits > 0 && n >= max_commits)
			break;
		if (budget_ms > 0 && n % 32 == 0 && now_ms() - t0 >= (long)budget_ms)
			break;
	}
	/* Written at each step: a reader quit half-way keeps what it did. */
	if (append != NULL && *append != '\0' && !j->cache_failed) {
		mkdirs(j->dir);
		FILE *fp = fopen(j->file, "a");
		if (fp == NULL || fputs(append, fp) < 0)
			j->cache_failed = true;
		if (fp != NULL && fclose(fp) != 0)
			j->cache_failed = true;
	}
	talloc_free(append);
	return j->next < j->nall;
}

struct pd_history *pd_history_finish(struct pd_history_job *j, void *ctx,
				     struct pd_history_stats *stats)
{
	if (j->next < j->nall)
		return NULL;
	if (!j->from_snapshot && !j->cache_failed && *j->head != '\0')
		write_snapshot(j);
	if (stats != NULL)
		*stats = (struct pd_history_stats){
			.commits = j->h->n,
			.computed = j->computed,
			.cache = j->cache_failed ? NULL : talloc_strdup(ctx, j->file),
		};
	return talloc_steal(ctx, j->h);
}

int pd_history_load(struct pd_history **out, void *ctx, struct pd_repo *repo,
		    const char *cache_dir, struct pd_history_stats *stats, struct pd_err *err)
{
	*out = NULL;
	*stats = (struct pd_history_stats){ .commits = 0 };
	struct pd_history_job *j = NULL;
	int rc = pd_history_start(&j, NULL, repo, cache_dir, err);
	if (rc != PD_OK)
		return rc;
	while (pd_history_step(j, 0, 0))
		;
	*out = pd_history_finish(j, ctx, stats);
	talloc_free(j);
	return PD_OK;
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
