#include "config.h"

#include "pubinbox.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <talloc.h>

#include "repo.h"

struct epoch {
	git_repository *git;
	char *name;
	unsigned long number;
};

struct pd_pi {
	char *path;
	struct epoch *epochs;
	size_t nepochs;
};

static int pi_destroy(struct pd_pi *pi)
{
	for (size_t i = 0; i < pi->nepochs; i++)
		if (pi->epochs[i].git != NULL)
			git_repository_free(pi->epochs[i].git);
	return 0;
}

const char *pd_pi_path(const struct pd_pi *pi)
{
	return pi->path;
}

size_t pd_pi_nepochs(const struct pd_pi *pi)
{
	return pi->nepochs;
}

const char *pd_pi_epoch_name(const struct pd_pi *pi, size_t epoch)
{
	return pi->epochs[epoch].name;
}

char *pd_pi_short(void *ctx, const git_oid *id, size_t n)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	return talloc_strndup(ctx, hex, n < GIT_OID_HEXSZ ? n : GIT_OID_HEXSZ);
}

/* "12.git" gives 12; anything else is not an epoch. */
static bool epoch_number(const char *name, unsigned long *n)
{
	char *end = NULL;
	if (name[0] < '0' || name[0] > '9')
		return false;
	errno = 0;
	*n = strtoul(name, &end, 10);
	return errno == 0 && strcmp(end, ".git") == 0;
}

static int epoch_cmp(const void *a, const void *b)
{
	const struct epoch *x = a, *y = b;
	return x->number < y->number ? -1 : x->number > y->number;
}

static int add_epoch(struct pd_pi *pi, const char *dir, const char *name, unsigned long number,
		     struct pd_err *err)
{
	struct epoch *e = talloc_realloc(pi, pi->epochs, struct epoch, pi->nepochs + 1);
	if (e == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	pi->epochs = e;
	e = &pi->epochs[pi->nepochs];
	*e = (struct epoch){ .name = talloc_strdup(pi->epochs, name), .number = number };
	char *path = talloc_asprintf(pi, "%s/%s", dir, name);
	if (e->name == NULL || path == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int rc = git_repository_open_ext(&e->git, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc != 0) {
		e->git = NULL;
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "the archive epoch %s is not a git repository (%s); mirror it "
				  "again with 'git clone --mirror'",
				  path, pd_repo_error_text(path, rc));
	}
	pi->nepochs++;
	talloc_free(path);
	return PD_OK;
}

/* The epochs N.git in dir, in number order; none is not an error. */
static int scan_epochs(struct pd_pi *pi, const char *dir, struct pd_err *err)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return PD_OK;
	int rc = PD_OK;
	struct dirent *de;
	while (rc == PD_OK && (de = readdir(d)) != NULL) {
		unsigned long n;
		if (epoch_number(de->d_name, &n))
			rc = add_epoch(pi, dir, de->d_name, n, err);
	}
	closedir(d);
	if (rc == PD_OK && pi->nepochs > 1)
		qsort(pi->epochs, pi->nepochs, sizeof(*pi->epochs), epoch_cmp);
	return rc;
}

int pd_pi_open(struct pd_pi **out, void *ctx, const char *path, struct pd_err *err)
{
	*out = NULL;
	struct pd_pi *pi = talloc_zero(ctx, struct pd_pi);
	if (pi == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	talloc_set_destructor(pi, pi_destroy);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		talloc_free(pi);
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "the archive %s is not a directory; give the path of a "
				  "public-inbox git mirror ('git clone --mirror URL/0 0.git')",
				  path);
	}
	char *abs = realpath(path, NULL);
	pi->path = abs != NULL ? talloc_strdup(pi, abs) : NULL;
	free(abs);
	if (pi->path == NULL) {
		talloc_free(pi);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	git_repository *one = NULL;
	int rc = PD_OK;
	if (git_repository_open_ext(&one, pi->path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		git_repository_free(one);
		rc = add_epoch(pi, pi->path, ".", 0, err);
	} else {
		rc = scan_epochs(pi, pi->path, err);
		char *sub = talloc_asprintf(pi, "%s/git", pi->path);
		if (rc == PD_OK && pi->nepochs == 0)
			rc = sub != NULL ? scan_epochs(pi, sub, err) : PD_E_NOMEM;
		if (rc == PD_OK && pi->nepochs == 0)
			rc = pd_err_set(err, PD_E_NOT_FOUND,
					"the archive %s is not a git repository nor a directory of "
					"public-inbox epochs (0.git, 1.git, ...); give the path of a "
					"'git clone --mirror' of the list archive",
					path);
	}
	if (rc != PD_OK) {
		talloc_free(pi);
		return rc == PD_E_NOMEM ? pd_err_set(err, rc, "out of memory") : rc;
	}
	*out = pi;
	return PD_OK;
}

int pd_pi_resolve(struct pd_pi *pi, const char *spec, struct pd_pi_pos *out,
		  struct pd_err *err)
{
	for (size_t i = 0; i < pi->nepochs; i++) {
		git_object *obj = NULL;
		if (git_revparse_single(&obj, pi->epochs[i].git, spec) != 0)
			continue;
		git_object *commit = NULL;
		int rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
		git_object_free(obj);
		if (rc != 0)
			continue;
		*out = (struct pd_pi_pos){ .epoch = i, .id = *git_object_id(commit) };
		git_object_free(commit);
		return PD_OK;
	}
	return pd_err_set(err, PD_E_NOT_FOUND,
			  "no commit '%s' in the archive %s; give a commit of its history "
			  "('git -C %s log --oneline' lists them)",
			  spec, pi->path,
			  pi->nepochs == 1 ? pi->path
					   : talloc_asprintf(err->ctx, "%s/%s", pi->path,
							     pi->epochs[pi->nepochs - 1].name));
}

static bool epoch_tip(struct pd_pi *pi, size_t e, git_oid *id)
{
	git_object *obj = NULL;
	if (git_revparse_single(&obj, pi->epochs[e].git, "HEAD^{commit}") != 0)
		return false;
	*id = *git_object_id(obj);
	git_object_free(obj);
	return true;
}

int pd_pi_tip(struct pd_pi *pi, struct pd_pi_pos *out, struct pd_err *err)
{
	for (size_t e = pi->nepochs; e-- > 0;) {
		if (epoch_tip(pi, e, &out->id)) {
			out->epoch = e;
			return PD_OK;
		}
	}
	return pd_err_set(err, PD_E_NOT_FOUND,
			  "the archive %s has no commit (its HEAD names none); fetch it "
			  "again ('git fetch' in the mirror)",
			  pi->path);
}

bool pd_pi_after(struct pd_pi *pi, const struct pd_pi_pos *b, const struct pd_pi_pos *a)
{
	if (b->epoch != a->epoch)
		return b->epoch > a->epoch;
	return git_graph_descendant_of(pi->epochs[b->epoch].git, &b->id, &a->id) == 1;
}

bool pd_pi_has(struct pd_pi *pi, const struct pd_pi_pos *pos)
{
	git_commit *c = NULL;
	if (pos->epoch >= pi->nepochs ||
	    git_commit_lookup(&c, pi->epochs[pos->epoch].git, &pos->id) != 0)
		return false;
	git_commit_free(c);
	return true;
}

/* The blob id of `m` in commit's tree; false when it has none. */
static bool message_blob(const git_commit *commit, git_oid *blob)
{
	git_tree *tree = NULL;
	if (git_commit_tree(&tree, commit) != 0)
		return false;
	const git_tree_entry *e = git_tree_entry_byname(tree, "m");
	bool found = e != NULL && git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	if (found)
		*blob = *git_tree_entry_id(e);
	git_tree_free(tree);
	return found;
}

struct walk {
	struct pd_pi_commit *out;
	size_t n, cap, ncommits;
};

static int classify(struct walk *w, git_repository *git, size_t epoch, const git_oid *id)
{
	git_commit *c = NULL, *parent = NULL;
	if (git_commit_lookup(&c, git, id) != 0)
		return PD_E_INTERNAL;
	git_oid mine, theirs;
	bool has = message_blob(c, &mine);
	bool had = git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0 &&
		   message_blob(parent, &theirs);
	struct pd_pi_commit row = { .pos = { .epoch = epoch, .id = *id },
				    .time = (int64_t)git_commit_time(c) };
	git_commit_free(parent);
	git_commit_free(c);
	w->ncommits++;
	if (has && (!had || !git_oid_equal(&mine, &theirs))) {
		row.kind = PD_PI_ADD;
		row.blob = mine;
	} else if (!has && had) {
		row.kind = PD_PI_REMOVE;
		row.blob = theirs;
	} else {
		return PD_OK;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		struct pd_pi_commit *grown = talloc_realloc(NULL, w->out, struct pd_pi_commit, w->cap);
		if (grown == NULL)
			return PD_E_NOMEM;
		w->out = grown;
	}
	w->out[w->n++] = row;
	return PD_OK;
}

static int walk_epoch(struct walk *w, struct pd_pi *pi, size_t e, const git_oid *hide,
		      const git_oid *push, struct pd_err *err)
{
	git_repository *git = pi->epochs[e].git;
	git_oid tip;
	if (push == NULL) {
		if (!epoch_tip(pi, e, &tip))
			return PD_OK;   /* an epoch begun but still empty */
		push = &tip;
	}
	git_revwalk *rw = NULL;
	int rc = git_revwalk_new(&rw, git);
	if (rc == 0)
		rc = git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (rc == 0)
		rc = git_revwalk_push(rw, push);
	if (rc == 0 && hide != NULL)
		rc = git_revwalk_hide(rw, hide);
	git_oid id;
	int st = PD_OK;
	while (rc == 0 && st == PD_OK && (rc = git_revwalk_next(&id, rw)) == 0)
		st = classify(w, git, e, &id);
	git_revwalk_free(rw);
	if (st == PD_E_NOMEM)
		return pd_err_set(err, st, "out of memory");
	if (st != PD_OK || (rc != 0 && rc != GIT_ITEROVER))
		return pd_err_set(err, PD_E_IO, "cannot read the history of %s/%s: %s", pi->path,
				  pi->epochs[e].name, pd_repo_error_text(err->ctx, rc));
	return PD_OK;
}

int pd_pi_walk(struct pd_pi *pi, void *ctx, const struct pd_pi_pos *after,
	       const struct pd_pi_pos *through, struct pd_pi_commit **out, size_t *n,
	       size_t *ncommits, struct pd_err *err)
{
	*out = NULL;
	*n = *ncommits = 0;
	if (after != NULL && through != NULL && !pd_pi_after(pi, through, after) &&
	    !(after->epoch == through->epoch && git_oid_equal(&after->id, &through->id))) {
		void *tmp = talloc_new(NULL);
		int rc = pd_err_set(err, PD_E_USAGE,
				    "commit %s does not come after %s in the archive %s; give the "
				    "older commit first",
				    pd_pi_short(tmp, &through->id, 12), pd_pi_short(tmp, &after->id, 12),
				    pi->path);
		talloc_free(tmp);
		return rc;
	}
	struct walk w = { 0 };
	size_t first = after != NULL ? after->epoch : 0;
	size_t last = through != NULL ? through->epoch : pi->nepochs - 1;
	int rc = PD_OK;
	for (size_t e = first; rc == PD_OK && e <= last; e++)
		rc = walk_epoch(&w, pi, e, after != NULL && e == after->epoch ? &after->id : NULL,
				through != NULL && e == through->epoch ? &through->id : NULL, err);
	if (rc != PD_OK) {
		talloc_free(w.out);
		return rc;
	}
	*out = w.out != NULL ? talloc_steal(ctx, w.out) : talloc_array(ctx, struct pd_pi_commit, 0);
	if (*out == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	*n = w.n;
	*ncommits = w.ncommits;
	return PD_OK;
}

static int blob_destroy(git_blob **b)
{
	git_blob_free(*b);
	return 0;
}

int pd_pi_read(struct pd_pi *pi, void *ctx, const struct pd_pi_commit *c, const char **data,
	       size_t *len, void **keep, struct pd_err *err)
{
	git_blob **b = talloc_zero(ctx, git_blob *);
	if (b == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int rc = git_blob_lookup(b, pi->epochs[c->pos.epoch].git, &c->blob);
	if (rc != 0) {
		talloc_free(b);
		return pd_err_set(err, PD_E_IO, "cannot read message %s of commit %s in %s: %s",
				  pd_pi_short(err->ctx, &c->blob, 12),
				  pd_pi_short(err->ctx, &c->pos.id, 12), pi->path,
				  pd_repo_error_text(err->ctx, rc));
	}
	talloc_set_destructor(b, blob_destroy);
	*data = git_blob_rawcontent(*b);
	*len = (size_t)git_blob_rawsize(*b);
	*keep = b;
	return PD_OK;
}

char *pd_pi_message_id(void *ctx, const char *data, size_t len)
{
	const char *end = data + len;
	for (const char *line = data; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (eol == NULL)
			eol = end;
		if (eol == line || (eol == line + 1 && *line == '\r'))
			break;   /* the blank line: the header block is over */
		if (eol - line > 11 && strncasecmp(line, "Message-ID:", 11) == 0) {
			/* The value runs on over the folded lines below it. */
			const char *v = line + 11, *stop = eol;
			while (stop + 1 < end && (stop[1] == ' ' || stop[1] == '\t')) {
				const char *next = memchr(stop + 1, '\n', (size_t)(end - stop - 1));
				stop = next != NULL ? next : end;
			}
			const char *lt = memchr(v, '<', (size_t)(stop - v));
			const char *gt = lt != NULL ? memchr(lt, '>', (size_t)(stop - lt)) : NULL;
			if (lt != NULL && gt != NULL && gt > lt + 1)
				return talloc_strndup(ctx, lt + 1, (size_t)(gt - lt - 1));
			while (v < stop && (*v == ' ' || *v == '\t'))
				v++;
			while (stop > v && (stop[-1] == ' ' || stop[-1] == '\t' || stop[-1] == '\r' ||
					    stop[-1] == '\n'))
				stop--;
			return stop > v ? talloc_strndup(ctx, v, (size_t)(stop - v)) : NULL;
		}
		line = eol + 1;
	}
	return NULL;
}
