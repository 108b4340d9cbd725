/* Jumps from a file a patch touches into the tree (issue 5): the file as
 * it is at the series' base with the hunk's lines marked, its history
 * (git log of the path, short), who maintains it (MAINTAINERS), and
 * $EDITOR on the work tree's file at the hunk's line.
 *
 * The file is the one under the cursor in the patch view: a diffstat line,
 * or anywhere in a file's diff (the hunk is the one above the cursor, else
 * the file's first).
 */
#include "apply_ui.h"

#include <errno.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "apply_offset.h"
#include "base.h"
#include "maintainers.h"

struct target {
	char *old_path, *new_path;   /* NULL: /dev/null (new / deleted file) */
	long old_start, old_count, new_start;
};

/* The path of a "--- a/X" or "+++ b/Y" line, NULL for /dev/null. */
static char *diff_path(void *ctx, const char *text)
{
	const char *p = text + 4;
	if (strncmp(p, "/dev/null", 9) == 0)
		return NULL;
	if ((p[0] == 'a' || p[0] == 'b') && p[1] == '/')
		p += 2;
	size_t n = strcspn(p, "\t");
	while (n > 0 && p[n - 1] == ' ')
		n--;
	return talloc_strndup(ctx, p, n);
}

static bool find_target(struct target *t, void *ctx, const struct pd_doc *doc, size_t line,
			const size_t *files, size_t nfiles, const size_t *stat, size_t nstat)
{
	size_t f = nfiles;
	bool on_stat = false;
	for (size_t i = 0; i < nstat && i < nfiles; i++)
		if (stat[i] == line) {
			f = i;
			on_stat = true;
		}
	for (size_t i = 0; !on_stat && i < nfiles; i++)
		if (files[i] <= line)
			f = i;
	if (f == nfiles)
		return false;
	size_t from = files[f], to = f + 1 < nfiles ? files[f + 1] : doc->nlines;
	*t = (struct target){ 0 };
	bool have_old = false;
	size_t hunk = to;
	for (size_t i = from; i < to; i++) {
		const char *s = doc->lines[i].text;
		if (strncmp(s, "--- ", 4) == 0 && !have_old) {
			t->old_path = diff_path(ctx, s);
			have_old = true;
		} else if (strncmp(s, "+++ ", 4) == 0 && t->new_path == NULL) {
			t->new_path = diff_path(ctx, s);
		} else if (strncmp(s, "@@ -", 4) == 0 && (hunk == to || (!on_stat && i <= line))) {
			hunk = i;
		}
	}
	if (!have_old)
		return false;
	if (hunk < to) {
		long a = 0, b = 1, c = 0;
		const char *s = doc->lines[hunk].text;
		if (sscanf(s, "@@ -%ld,%ld +%ld", &a, &b, &c) != 3) {
			b = 1;
			sscanf(s, "@@ -%ld +%ld", &a, &c);
		}
		t->old_start = a;
		t->old_count = b;
		t->new_start = c;
	}
	return true;
}

/* The commit the file is shown at: the series' base, else HEAD. */
static git_commit *at_commit(struct pd_ui *ui, struct pd_repo *repo,
			     const struct pd_revision *rev, void *ctx, char **how)
{
	git_repository *git = pd_repo_git(repo);
	struct pd_base *b = NULL;
	struct pd_err err;
	pd_err_init(&err, ctx);
	git_oid id;
	git_commit *c = NULL;
	(void)ui;
	if (pd_base_find(&b, ctx, repo, rev, &err) == PD_OK && b->how != PD_BASE_NONE &&
	    git_oid_fromstr(&id, b->id) == 0 && git_commit_lookup(&c, git, &id) == 0) {
		*how = talloc_strdup(ctx, pd_base_how_name(b->how));
		return c;
	}
	git_object *obj = NULL;
	if (git_revparse_single(&obj, git, "HEAD") == 0)
		(void)git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	git_error_clear();
	*how = talloc_strdup(ctx, "HEAD: no base found");
	return c;
}

static char *short_id(void *ctx, const git_commit *c)
{
	git_buf sh = { 0 };
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	char *s = git_object_short_id(&sh, (const git_object *)c) == 0 && sh.ptr != NULL
			  ? talloc_strdup(ctx, sh.ptr) : talloc_strndup(ctx, hex, 12);
	git_buf_dispose(&sh);
	return s;
}

static char *blob_at(void *ctx, git_repository *git, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	char *text = NULL;
	if (git_tree_entry_bypath(&e, tree, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_blob_lookup(&blob, git, git_tree_entry_id(e)) == 0)
		text = talloc_strndup(ctx, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_error_clear();
	git_blob_free(blob);
	git_tree_entry_free(e);
	return text;
}

static void show_text(struct pd_ui *ui, struct pd_tree_text *t)
{
	if (t->text == NULL || t->title == NULL) {
		talloc_free(t);
		pd_ui_error(ui, "out of memory");
		return;
	}
	if (!pd_view_open(ui, &pd_tree_text_ops, t))
		talloc_free(t);
}

static void file_at_base(struct pd_ui *ui, struct pd_repo *repo, const struct pd_revision *rev,
			 const struct target *t, void *tmp)
{
	if (t->old_path == NULL) {
		pd_ui_error(ui, "%s is new in this patch: there is no file at the base",
			    t->new_path != NULL ? t->new_path : "the file");
		return;
	}
	char *how = NULL;
	git_commit *c = at_commit(ui, repo, rev, tmp, &how);
	git_tree *tree = NULL;
	char *text = c != NULL && git_commit_tree(&tree, c) == 0
			     ? blob_at(tmp, pd_repo_git(repo), tree, t->old_path) : NULL;
	char *sid = c != NULL ? short_id(tmp, c) : NULL;
	git_tree_free(tree);
	git_commit_free(c);
	if (sid == NULL) {
		pd_ui_error(ui, "%s has no commits", pd_repo_path(repo));
		return;
	}
	if (text == NULL) {
		pd_ui_error(ui, "%s is not in the tree at %s (%s)", t->old_path, sid, how);
		return;
	}
	struct pd_tree_text *v = talloc_zero(ui->ctx, struct pd_tree_text);
	if (v == NULL)
		return;
	v->text = talloc_steal(v, text);
	v->title = talloc_asprintf(v, "%s at %s (%s)", t->old_path, sid, how);
	v->numbered = true;
	if (t->old_count > 0) {
		v->mark_from = (size_t)t->old_start;
		v->mark_to = (size_t)(t->old_start + t->old_count - 1);
	}
	show_text(ui, v);
	if (t->old_count > 0)
		pd_ui_message(ui, "lines %ld-%ld: the hunk's", t->old_start,
			      t->old_start + t->old_count - 1);
}

/* Whether commit c changed path against every parent (git log's rule for
 * a path: a merge that took the file from one side did not change it). */
static bool touches(git_repository *git, git_commit *c, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_oid mine = { { 0 } };
	bool have = git_commit_tree(&tree, c) == 0 && git_tree_entry_bypath(&e, tree, path) == 0;
	if (have)
		git_oid_cpy(&mine, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(tree);
	unsigned n = git_commit_parentcount(c);
	bool changed = true;
	for (unsigned i = 0; i < n && changed; i++) {
		git_commit *p = NULL;
		git_tree *pt = NULL;
		git_tree_entry *pe = NULL;
		bool phave = git_commit_parent(&p, c, i) == 0 && git_commit_tree(&pt, p) == 0 &&
			     git_tree_entry_bypath(&pe, pt, path) == 0;
		if (phave == have && (!have || git_oid_equal(&mine, git_tree_entry_id(pe))))
			changed = false;
		git_tree_entry_free(pe);
		git_tree_free(pt);
		git_commit_free(p);
	}
	git_error_clear();
	return changed && (n > 0 || have);
}

enum { LOG_MAX = 200 };

static void file_log(struct pd_ui *ui, struct pd_repo *repo, const struct target *t, void *tmp)
{
	const char *path = t->old_path != NULL ? t->old_path : t->new_path;
	git_repository *git = pd_repo_git(repo);
	git_revwalk *walk = NULL;
	git_oid id;
	struct pd_tree_text *v = talloc_zero(ui->ctx, struct pd_tree_text);
	if (v == NULL || path == NULL)
		return;
	v->text = talloc_strdup(v, "");
	size_t n = 0;
	if (git_revwalk_new(&walk, git) == 0 && git_revwalk_push_head(walk) == 0) {
		git_revwalk_sorting(walk, GIT_SORT_TIME);
		while (n < LOG_MAX && v->text != NULL && git_revwalk_next(&id, walk) == 0) {
			git_commit *c = NULL;
			if (git_commit_lookup(&c, git, &id) != 0)
				continue;
			if (touches(git, c, path)) {
				/* The author's date in the author's zone, as
				 * git log --date=short. */
				const git_signature *a = git_commit_author(c);
				char date[16];
				struct tm tm;
				time_t when = a != NULL ? (time_t)(a->when.time + (time_t)a->when.offset * 60) : 0;
				gmtime_r(&when, &tm);
				strftime(date, sizeof(date), "%Y-%m-%d", &tm);
				v->text = talloc_asprintf_append(v->text, "%s %s %s: %s\n",
								 short_id(tmp, c), date,
								 a != NULL ? a->name : "?",
								 git_commit_summary(c) ? git_commit_summary(c) : "");
				n++;
			}
			git_commit_free(c);
		}
	}
	git_revwalk_free(walk);
	git_error_clear();
	if (n == 0) {
		talloc_free(v);
		pd_ui_error(ui, "no commit of HEAD's history touches %s", path);
		return;
	}
	v->title = talloc_asprintf(v, "history of %s (HEAD, newest first%s)", path,
				   n == LOG_MAX ? ", the last 200" : "");
	show_text(ui, v);
}

static bool tree_is_dir(void *arg, const char *path)
{
	git_tree *tree = arg;
	git_tree_entry *e = NULL;
	bool dir = git_tree_entry_bypath(&e, tree, path) == 0 &&
		   git_tree_entry_type(e) == GIT_OBJECT_TREE;
	git_tree_entry_free(e);
	git_error_clear();
	return dir;
}

static void maintainers(struct pd_ui *ui, struct pd_repo *repo, const struct target *t, void *tmp)
{
	const char *path = t->new_path != NULL ? t->new_path : t->old_path;
	git_repository *git = pd_repo_git(repo);
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	if (git_revparse_single(&obj, git, "HEAD") == 0 &&
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) == 0)
		(void)git_commit_tree(&tree, c);
	git_object_free(obj);
	git_commit_free(c);
	char *text = tree != NULL ? blob_at(tmp, git, tree, "MAINTAINERS") : NULL;
	if (text == NULL) {
		git_tree_free(tree);
		pd_ui_error(ui, "the tree %s has no MAINTAINERS file at HEAD: nobody to name",
			    pd_repo_path(repo));
		return;
	}
	struct pd_maint_section *s = NULL;
	long n = pd_maintainers_for(&s, tmp, text, path, tree_is_dir, tree);
	git_tree_free(tree);
	if (n <= 0) {
		pd_ui_error(ui, n < 0 ? "out of memory" : "MAINTAINERS names nobody for %s", path);
		return;
	}
	struct pd_tree_text *v = talloc_zero(ui->ctx, struct pd_tree_text);
	if (v == NULL)
		return;
	char *out = talloc_strdup(v, "");
	for (long i = 0; i < n && out != NULL; i++) {
		out = talloc_asprintf_append(out, "%s%s\n", i > 0 ? "\n" : "", s[i].title);
		for (size_t k = 0; k < s[i].nm && out; k++)
			out = talloc_asprintf_append(out, "  M: %s\n", s[i].m[k]);
		for (size_t k = 0; k < s[i].nr && out; k++)
			out = talloc_asprintf_append(out, "  R: %s\n", s[i].r[k]);
		for (size_t k = 0; k < s[i].nl && out; k++)
			out = talloc_asprintf_append(out, "  L: %s\n", s[i].l[k]);
		if (s[i].status != NULL && out != NULL)
			out = talloc_asprintf_append(out, "  S: %s\n", s[i].status);
		if (out != NULL)
			out = talloc_asprintf_append(out, "  (%s)\n", s[i].matched);
	}
	v->text = out;
	v->title = talloc_asprintf(v, "maintainers of %s (MAINTAINERS at HEAD)", path);
	show_text(ui, v);
}

/* The file's text, under ctx; NULL when it cannot be read. */
static char *read_file(void *ctx, const char *file, size_t *size)
{
	FILE *fp = fopen(file, "rb");
	char *text = talloc_strdup(ctx, "");
	size_t n = 0;
	char buf[65536];
	for (size_t got; fp != NULL && text != NULL && (got = fread(buf, 1, sizeof(buf), fp)) > 0;
	     n += got) {
		text = talloc_realloc(ctx, text, char, n + got + 1);
		if (text != NULL)
			memcpy(text + n, buf, got);
	}
	if (fp == NULL || ferror(fp) || text == NULL) {
		if (fp != NULL)
			fclose(fp);
		return NULL;
	}
	fclose(fp);
	text[n] = '\0';
	*size = n;
	return text;
}

/* The line of the work tree's file where t's hunk applies: its context
 * and removed lines found nearest the mail's line, as git apply finds
 * them (lines added or removed above it since the patch was written move
 * it); the mail's line when they are not there. *found: they were. */
static long hunk_line(const struct pd_revision *rev, const struct target *t, const char *file,
		      void *tmp, bool *found)
{
	*found = false;
	size_t size = 0;
	char *text = t->old_path != NULL ? read_file(tmp, file, &size) : NULL;
	for (size_t i = 0; text != NULL && rev != NULL && i < rev->npatches; i++) {
		const struct pd_mail *m = rev->patches[i].mail;
		long at = m != NULL && m->patch != NULL && m->patch->diff != NULL
			? pd_diff_hunk_line(m->patch->diff, t->old_path, t->old_start, t->new_start,
					    text, size)
			: -1;
		if (at > 0) {
			*found = true;
			return at;
		}
	}
	return t->old_start > 0 ? t->old_start : 1;
}

/* $EDITOR on the work tree's file, the curses screen put away meanwhile. */
static void edit(struct pd_ui *ui, struct pd_repo *repo, const struct target *t, void *tmp,
		 const struct pd_revision *rev)
{
	const char *top = pd_repo_workdir(repo);
	const char *path = t->new_path != NULL ? t->new_path : t->old_path;
	if (top == NULL) {
		pd_ui_error(ui, "the tree %s is bare: it has no files to edit", pd_repo_path(repo));
		return;
	}
	char *file = talloc_asprintf(tmp, "%s/%s", top, path);
	if (file == NULL || access(file, F_OK) != 0) {
		pd_ui_error(ui, "%s is not in the work tree %s", path, top);
		return;
	}
	const char *editor = getenv("VISUAL");
	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	bool found = false;
	long line = hunk_line(rev, t, file, tmp, &found);
	long mail = t->old_start > 0 ? t->old_start : 1;
	char *plus = talloc_asprintf(tmp, "+%ld", line);
	def_prog_mode();
	endwin();
	pid_t pid = fork();
	if (pid == 0) {
		/* The editor may be a command with arguments, as git allows. */
		execl("/bin/sh", "sh", "-c", "exec $0 \"$@\"", editor, plus, file, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		pd_ui_error(ui, "the editor '%s' failed on %s (exit %d)", editor, file,
			    pid < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else if (found && line != mail)
		pd_ui_message(ui, "edited %s at line %ld, where the hunk applies (mail: %ld)",
			      path, line, mail);
	else if (!found && t->old_path != NULL && t->old_start > 0)
		pd_ui_message(ui, "edited %s at line %ld, the mail's: the hunk's lines are not "
				  "there", path, line);
	else
		pd_ui_message(ui, "edited %s at line %ld", path, line);
}

void pd_ui_tree_jump(struct pd_ui *ui, struct pd_view *view, enum pd_action action,
		     const struct pd_doc *doc, const size_t *files, size_t nfiles,
		     const size_t *stat, size_t nstat, const struct pd_revision *rev)
{
	void *tmp = talloc_new(NULL);
	struct target t;
	char *why = NULL;
	struct pd_repo *repo = NULL;
	if (!find_target(&t, tmp, doc, pd_doc_line_at(doc, view->cursor), files, nfiles, stat,
			 nstat)) {
		pd_ui_error(ui, "move to a file first: a diffstat line or a file's diff");
	} else if ((repo = pd_ui_tree(ui, rev, tmp, &why)) == NULL) {
		pd_ui_error(ui, "%s", why != NULL ? why : "out of memory");
	} else if (action == PD_ACT_FILE_BASE) {
		file_at_base(ui, repo, rev, &t, tmp);
	} else if (action == PD_ACT_FILE_LOG) {
		file_log(ui, repo, &t, tmp);
	} else if (action == PD_ACT_MAINTAINERS) {
		maintainers(ui, repo, &t, tmp);
	} else {
		edit(ui, repo, &t, tmp, rev);
	}
	talloc_free(tmp);
}
