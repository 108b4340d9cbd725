/* The reader's tree: opened repositories, remembered checks, and `a`. */
#include "apply_ui.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "apply.h"
#include "apply_cache.h"
#include "apply_tag.h"
#include "load.h"
#include "patchid.h"
#include "strmap.h"
#include "tree.h"

struct opened {
	char *dir;
	struct pd_repo *repo;  /* NULL: it did not open; why says it */
	char *why;
};

/* HEAD's history with its patch-ids, read once per tree and session
 * (patchid.c keeps them on disk too). A history whose cache lacks more
 * than SYNC_TODO commits is read in steps between keys (job), so that a
 * first look at a big tree never blocks the reader; a smaller one at
 * once, so the view shows its Merged: lines from the first screen. */
struct known_history {
	struct pd_repo *repo;
	struct pd_history *h;
	struct pd_history_job *job;  /* while it is read */
};

enum { SYNC_TODO = 500 };

/* Also the digits of the verdict cache (apply_cache.h): never renumber. */
enum verdict { V_HEAD = 1, V_BASE, V_NONE, V_MERGED, V_EMPTY };

/* A tree's verdicts on disk, for its HEAD when first asked. */
struct tree_cache {
	struct pd_repo *repo;
	struct pd_check_cache *cache;  /* NULL: HEAD unknown, nothing kept */
};

/* A question of `a` while it waits for its answer. */
struct pending {
	struct pd_load *load;           /* the list's series, read with bodies */
	const struct pd_revision *rev;  /* into load, or the series view's model */
	struct pd_repo *repo;
	char *branch;
};

struct pd_ui_tree {
	struct opened *open;
	size_t nopen;
	struct pd_strmap *verdicts;     /* revision id -> enum verdict */
	struct tree_cache *caches;
	size_t ncaches;
	struct known_history *hist;
	size_t nhist;
	struct pending *pending;
};

static struct pd_ui_tree *state(struct pd_ui *ui)
{
	if (ui->tree == NULL)
		ui->tree = talloc_zero(ui->ctx, struct pd_ui_tree);
	return ui->tree;
}

bool pd_ui_has_tree(const struct pd_ui *ui)
{
	return ui->repo != NULL || (ui->cfg != NULL && ui->cfg->ntrees > 0);
}

static struct pd_repo *still_there(struct pd_repo *repo, void *ctx, char **why)
{
	struct pd_err err;
	pd_err_init(&err, ctx);
	if (repo != NULL && pd_repo_check(repo, &err) != PD_OK) {
		*why = err.msg;
		return NULL;
	}
	return repo;
}

struct pd_repo *pd_ui_tree(struct pd_ui *ui, const struct pd_revision *rev, void *ctx,
			   char **why)
{
	*why = NULL;
	if (ui->repo != NULL)
		return still_there(ui->repo, ctx, why);
	struct pd_ui_tree *t = state(ui);
	const char *dir = pd_tree_dir(ui->cfg, rev);
	if (t == NULL || dir == NULL) {
		struct pd_err err;
		pd_err_init(&err, ctx);
		struct pd_repo *none = NULL;
		pd_tree_open(&none, ctx, NULL, NULL, rev, &err);
		*why = err.msg != NULL ? err.msg : talloc_strdup(ctx, "no git tree");
		return NULL;
	}
	for (size_t i = 0; i < t->nopen; i++)
		if (strcmp(t->open[i].dir, dir) == 0) {
			if (t->open[i].repo == NULL)
				*why = talloc_strdup(ctx, t->open[i].why);
			return still_there(t->open[i].repo, ctx, why);
		}
	struct opened *o = talloc_realloc(t, t->open, struct opened, t->nopen + 1);
	if (o == NULL)
		return NULL;
	t->open = o;
	o = &t->open[t->nopen++];
	*o = (struct opened){ .dir = talloc_strdup(t, dir) };
	struct pd_err err;
	pd_err_init(&err, t);
	if (pd_repo_open(&o->repo, t, dir, &err) != PD_OK) {
		o->repo = NULL;
		o->why = err.msg;
		*why = talloc_strdup(ctx, o->why);
	}
	return o->repo;
}

/* The verdicts kept on disk for repo's HEAD (opened once a session). */
static struct pd_check_cache *disk(struct pd_ui *ui, struct pd_repo *repo)
{
	struct pd_ui_tree *t = state(ui);
	if (t == NULL || repo == NULL)
		return NULL;
	for (size_t i = 0; i < t->ncaches; i++)
		if (t->caches[i].repo == repo)
			return t->caches[i].cache;
	struct tree_cache *v = talloc_realloc(t, t->caches, struct tree_cache, t->ncaches + 1);
	if (v == NULL)
		return NULL;
	t->caches = v;
	git_oid head;
	char hex[GIT_OID_HEXSZ + 1];
	struct pd_check_cache *c = NULL;
	if (git_reference_name_to_id(&head, pd_repo_git(repo), "HEAD") == 0) {
		git_oid_tostr(hex, sizeof(hex), &head);
		c = pd_check_cache_open(t, NULL, hex);
	}
	git_error_clear();
	v[t->ncaches++] = (struct tree_cache){ .repo = repo, .cache = c };
	return c;
}

/* Keeps v for the list's mark: for the session, and on disk for the
 * next one when final (nothing still being read). */
static void remember(struct pd_ui *ui, const struct pd_revision *rev, enum verdict v,
		     struct pd_repo *repo, bool final)
{
	struct pd_ui_tree *t = state(ui);
	if (t == NULL)
		return;
	if (t->verdicts == NULL && (t->verdicts = pd_strmap_new(t, 64)) == NULL)
		return;
	/* The map borrows its keys; the list's revisions come and go. */
	char *key = talloc_strdup(t->verdicts, rev->id);
	if (key != NULL)
		(void)pd_strmap_set(t->verdicts, key, strlen(key), (size_t)v);
	struct pd_check_cache *c = final ? disk(ui, repo) : NULL;
	if (c != NULL) {
		char *ck = pd_check_cache_key(NULL, rev);
		pd_check_cache_put(c, ck, (int)v);
		talloc_free(ck);
	}
}

/* The mark of a checked rev: every patch already in HEAD's history, else
 * where it applies. An incomplete series applies nowhere. */
static enum verdict verdict_of(const struct pd_revision *rev, const struct pd_check *c)
{
	if (rev->npatches == 0)
		return V_EMPTY;
	bool complete = rev->nmissing == 0;
	if (complete && c->merged != NULL && c->nmerged == rev->npatches)
		return V_MERGED;
	return complete && c->on_head.applies ? V_HEAD
	       : complete && c->on_base.applies ? V_BASE : V_NONE;
}

/* The commits per step of a history read between keys: the slice's time
 * alone, unless PATCHDECK_MERGED_STEP names a count (the tests' fixed
 * steps, which no clock decides). */
static size_t step_commits(void)
{
	const char *s = getenv("PATCHDECK_MERGED_STEP");
	return s != NULL ? (size_t)strtoul(s, NULL, 10) : 0;
}

static struct known_history *known(struct pd_ui *ui, struct pd_repo *repo)
{
	struct pd_ui_tree *t = ui->tree;
	for (size_t i = 0; t != NULL && i < t->nhist; i++)
		if (t->hist[i].repo == repo)
			return &t->hist[i];
	return NULL;
}

/* The history of repo when it is read; NULL with *pending while it is
 * being read, NULL alone when it cannot be. */
static struct pd_history *history(struct pd_ui *ui, struct pd_repo *repo, bool *pending)
{
	*pending = false;
	struct pd_ui_tree *t = state(ui);
	if (t == NULL)
		return NULL;
	struct known_history *k = known(ui, repo);
	if (k != NULL) {
		*pending = k->job != NULL;
		return k->h;
	}
	struct known_history *v = talloc_realloc(t, t->hist, struct known_history, t->nhist + 1);
	if (v == NULL)
		return NULL;
	t->hist = v;
	k = &v[t->nhist++];
	*k = (struct known_history){ .repo = repo };
	struct pd_err err;
	pd_err_init(&err, NULL);
	if (pd_history_start(&k->job, t, repo, NULL, &err) != PD_OK)
		k->job = NULL;
	talloc_free(err.msg);
	if (k->job != NULL && pd_history_todo(k->job) <= SYNC_TODO) {
		while (pd_history_step(k->job, 0, 0))
			;
		k->h = pd_history_finish(k->job, t, NULL);
		TALLOC_FREE(k->job);
	}
	*pending = k->job != NULL;
	return k->h;
}

static char *thousands(void *ctx, size_t n)
{
	char *s = talloc_asprintf(ctx, "%zu", n);
	for (size_t len = s != NULL ? strlen(s) : 0; s != NULL && len > 3; len -= 3)
		s = talloc_asprintf(ctx, "%.*s,%s", (int)(len - 3), s, s + len - 3);
	return s;
}

char *pd_ui_merged_progress(struct pd_ui *ui, void *ctx, const struct pd_check *c,
			    const struct pd_revision *rev)
{
	if (c == NULL || !c->merged_pending)
		return NULL;
	char *why = NULL;
	struct known_history *k = known(ui, pd_ui_tree(ui, rev, ctx, &why));
	if (k == NULL || k->job == NULL)
		return NULL;
	size_t done = 0, total = 0;
	pd_history_progress(k->job, &done, &total);
	return talloc_asprintf(ctx, "merged check: %s/%s commits", thousands(ctx, done),
			       thousands(ctx, total));
}

bool pd_ui_merged_work(struct pd_ui *ui, const struct pd_revision *rev, struct pd_check *c,
		       unsigned budget_ms, bool *more)
{
	*more = false;
	if (c == NULL || !c->merged_pending)
		return false;
	void *tmp = talloc_new(NULL);
	char *why = NULL;
	struct pd_repo *repo = pd_ui_tree(ui, rev, tmp, &why);
	struct known_history *k = repo != NULL ? known(ui, repo) : NULL;
	bool changed = false;
	if (k != NULL && k->job != NULL) {
		size_t step = step_commits();
		if (pd_history_step(k->job, step > 0 ? 0 : budget_ms, step)) {
			*more = true;
			changed = true; /* the progress */
			goto done;
		}
		k->h = pd_history_finish(k->job, ui->tree, NULL);
		TALLOC_FREE(k->job);
	}
	c->merged_pending = false;
	if (k != NULL && k->h != NULL)
		(void)pd_check_merged(c, k->h, repo, rev);
	remember(ui, rev, verdict_of(rev, c), repo, k != NULL && k->h != NULL);
	changed = true;
done:
	talloc_free(tmp);
	return changed;
}

bool pd_ui_history_work(struct pd_ui *ui, const struct pd_revision *rev, unsigned budget_ms,
			void *ctx, char **progress)
{
	*progress = NULL;
	void *tmp = talloc_new(NULL);
	char *why = NULL;
	bool pending = false, more = false;
	struct pd_repo *repo = pd_ui_tree(ui, rev, tmp, &why);
	if (repo != NULL)
		(void)history(ui, repo, &pending);
	struct known_history *k = pending ? known(ui, repo) : NULL;
	if (k != NULL && k->job != NULL) {
		size_t step = step_commits();
		if (pd_history_step(k->job, step > 0 ? 0 : budget_ms, step)) {
			size_t done = 0, total = 0;
			pd_history_progress(k->job, &done, &total);
			*progress = talloc_asprintf(ctx, "merged check: %s/%s commits",
						    thousands(tmp, done), thousands(tmp, total));
			more = true;
		} else {
			k->h = pd_history_finish(k->job, ui->tree, NULL);
			TALLOC_FREE(k->job);
		}
	}
	talloc_free(tmp);
	return more;
}

struct pd_check *pd_ui_check(struct pd_ui *ui, const struct pd_revision *rev, void *ctx,
			     char **why)
{
	struct pd_repo *repo = pd_ui_tree(ui, rev, ctx, why);
	if (repo == NULL)
		return NULL;
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_check *c = NULL;
	if (pd_apply_check(&c, ctx, repo, rev, &err) != PD_OK) {
		*why = err.msg;
		return NULL;
	}
	/* Already merged? Failing that is no reason to hide the rest; a
	 * big history still being read fills it in later
	 * (pd_ui_merged_work). */
	bool pending = false;
	struct pd_history *h = history(ui, repo, &pending);
	if (h != NULL)
		(void)pd_check_merged(c, h, repo, rev);
	c->merged_pending = pending;
	/* Kept on disk once the already-merged part is known too. */
	remember(ui, rev, verdict_of(rev, c), repo, h != NULL);
	return c;
}

const char *pd_ui_check_mark(struct pd_ui *ui, const struct pd_revision *rev)
{
	struct pd_ui_tree *t = ui->tree;
	size_t v = 0;
	if (t == NULL || t->verdicts == NULL ||
	    !pd_strmap_get(t->verdicts, rev->id, strlen(rev->id), &v)) {
		/* Not checked this session: what an earlier one found for the
		 * same mail and HEAD, if anything (a hash and a lookup). */
		void *tmp = talloc_new(NULL);
		char *why = NULL;
		struct pd_repo *repo = pd_ui_tree(ui, rev, tmp, &why);
		char *key = repo != NULL ? pd_check_cache_key(tmp, rev) : NULL;
		v = (size_t)pd_check_cache_get(disk(ui, repo), key);
		talloc_free(tmp);
		if (v != 0)
			remember(ui, rev, (enum verdict)v, repo, false);
	}
	switch ((enum verdict)v) {
	case V_HEAD:
		return ui->utf8 ? "\u2713" : "+";
	case V_BASE:
		return "~";
	case V_NONE:
		return ui->utf8 ? "\u2717" : "x";
	case V_MERGED:
		return "=";
	case V_EMPTY:
		return " "; /* checked: a pull request, nothing to apply */
	}
	return "";
}

/* ------------------------------------------------------------ series view */

/* A header line (label, value) moved to index at of doc. */
static struct pd_doc_line *insert_line(struct pd_doc *doc, size_t at, const char *label,
				       const char *value, int value_area)
{
	struct pd_doc_line *l = pd_doc_addf(doc, 0, "%-11s %s", label, value);
	if (l == NULL || pd_doc_span(l, 0, strlen(label), PD_AREA_HEADER) != PD_OK ||
	    (value_area != 0 && pd_doc_span(l, 12, strlen(l->text), value_area) != PD_OK))
		return NULL;
	struct pd_doc_line moved = *l;
	memmove(&doc->lines[at + 1], &doc->lines[at], (doc->nlines - 1 - at) * sizeof(moved));
	doc->lines[at] = moved;
	return &doc->lines[at];
}

static char *verdict_text(void *ctx, const struct pd_revision *rev, const struct pd_check_on *on,
			  const char *name)
{
	if (on->id == NULL)
		return talloc_strdup(ctx, "none found (no commit holds the files the diffs start from)");
	return talloc_asprintf(ctx, "%s (%s) %s: %s", on->short_id, name, on->summary,
			       on->applies ? "applies"
			       : rev->npatches == 0 ? "no patches"
			       : talloc_asprintf(ctx, "fails at %s", pd_check_fail_text(ctx, rev, on)));
}

/* Inserts text at byte off of l, moving the spans after it. */
static int insert_text(struct pd_doc_line *l, void *ctx, size_t off, const char *text)
{
	size_t n = strlen(text);
	char *t = talloc_asprintf(ctx, "%.*s%s%s", (int)off, l->text, text, l->text + off);
	if (t == NULL)
		return PD_E_NOMEM;
	/* The spans hang off the text (doc.c): keep them. */
	if (l->spans != NULL)
		talloc_steal(t, l->spans);
	talloc_free(l->text);
	l->text = t;
	for (size_t i = 0; l->spans != NULL && i < l->nspans; i++) {
		if (l->spans[i].start >= off)
			l->spans[i].start += n;
		if (l->spans[i].end > off)
			l->spans[i].end += n;
	}
	return PD_OK;
}

int pd_ui_tree_doc(struct pd_doc *doc, void *tmp, const struct pd_revision *rev,
		   const struct pd_check *check, const char *why, int patch_kind,
		   int missing_kind)
{
	if (check == NULL && why == NULL)
		return PD_OK;
	size_t at = 0;
	while (at < doc->nlines && *doc->lines[at].text != '\0')
		at++;
	if (check == NULL)
		return insert_line(doc, at, "Tree:", why, PD_AREA_MARK) != NULL ? PD_OK : PD_E_NOMEM;
	const struct pd_check_on *b = &check->on_base, *h = &check->on_head;
	if (insert_line(doc, at, "On base:", verdict_text(tmp, rev, b, b->how),
			b->applies ? 0 : PD_AREA_MARK) == NULL ||
	    insert_line(doc, at + 1, "On HEAD:", verdict_text(tmp, rev, h, check->head_name),
			h->applies ? 0 : PD_AREA_MARK) == NULL)
		return PD_E_NOMEM;
	if (check->merged_pending &&
	    insert_line(doc, at + 2, "Merged:", talloc_asprintf(tmp, "being checked against %s's "
								"history (the status line counts)",
								check->head_name),
			0) == NULL)
		return PD_E_NOMEM;
	if (check->nmerged > 0 &&
	    insert_line(doc, at + 2, "Merged:", talloc_asprintf(tmp, "%zu of %zu patches are in %s's "
								"history already",
								check->nmerged, rev->npatches,
								check->head_name),
			PD_AREA_MARK) == NULL)
		return PD_E_NOMEM;
	doc->width = -1;
	/* The table: the title starts where the header row says "Title". */
	size_t first = 0;
	while (first < doc->nlines && doc->lines[first].kind != patch_kind &&
	       doc->lines[first].kind != missing_kind)
		first++;
	if (first == 0 || first == doc->nlines)
		return PD_OK;
	struct pd_doc_line *head = &doc->lines[first - 1];
	const char *title = strstr(head->text, "Title");
	if (title == NULL)
		return PD_OK;
	size_t off = (size_t)(title - head->text);
	if (insert_text(head, doc, off, "base/HEAD  ") != PD_OK)
		return PD_E_NOMEM;
	for (size_t i = first; i < doc->nlines; i++) {
		struct pd_doc_line *l = &doc->lines[i];
		if (l->kind != patch_kind && l->kind != missing_kind)
			continue;
		const struct pd_patch *p = l->kind == patch_kind ? l->ref : NULL;
		char *cell = "";
		if (p != NULL) {
			size_t k = (size_t)(p - rev->patches);
			cell = talloc_asprintf(tmp, "%s/%s", b->id != NULL
					       ? pd_check_word(b->patches[k].state) : "?",
					       pd_check_word(h->patches[k].state));
		}
		char *padded = talloc_asprintf(tmp, "%-9s  ", cell != NULL ? cell : "");
		if (padded == NULL || strlen(l->text) < off ||
		    insert_text(l, doc, off, padded) != PD_OK)
			return PD_E_NOMEM;
		/* Already merged: the commit, after the title. */
		size_t k = p != NULL ? (size_t)(p - rev->patches) : 0;
		if (p != NULL && check->merged != NULL && check->merged[k] != NULL) {
			char *flag = talloc_asprintf(tmp, "  [merged: %s%s]", check->merged[k],
						     check->merged_by_subject[k] ? ", same subject and author" : "");
			size_t len = strlen(l->text);
			if (flag == NULL || insert_text(l, doc, len, flag) != PD_OK ||
			    pd_doc_span(l, len, strlen(l->text), PD_AREA_MARK) != PD_OK)
				return PD_E_NOMEM;
		}
	}
	return PD_OK;
}

/* ------------------------------------------------------------ a */

static const char *base_words(void *ctx, const struct pd_apply_result *r)
{
	return talloc_asprintf(ctx, "%s (%s) %s", r->base_short_id, r->base_how, r->base_summary);
}

void pd_ui_apply_ask(struct pd_ui *ui, const struct pd_revision *rev, bool reload)
{
	struct pd_ui_tree *t = state(ui);
	if (t == NULL)
		return;
	talloc_free(t->pending);
	t->pending = NULL;
	void *tmp = talloc_new(NULL);
	struct pending *p = talloc_zero(t, struct pending);
	char *why = NULL;
	struct pd_err err;
	pd_err_init(&err, tmp);
	if (p == NULL)
		goto done;
	/* The list's revisions are read without bodies: read it again. */
	if (reload) {
		struct pd_revision *full = NULL;
		if (pd_load_series(&p->load, &full, p, ui->store, rev->id, PD_LOAD_BODIES, &err) != PD_OK) {
			pd_ui_error(ui, "%s", pd_err_msg(&err));
			goto done;
		}
		rev = full;
	}
	p->rev = rev;
	p->repo = pd_ui_tree(ui, rev, tmp, &why);
	if (p->repo == NULL) {
		pd_ui_error(ui, "%s", why != NULL ? why : "out of memory");
		goto done;
	}
	/* The list's mark, while the series is at hand. */
	char *ignored = NULL;
	(void)pd_ui_check(ui, rev, tmp, &ignored);
	/* A dry run first: the question names the branch and the base, and
	 * a series that cannot apply says so without a question. */
	struct pd_apply_opts opts = { .base = PD_APPLY_BASE_AUTO, .dry_run = true,
				      .branch_prefix = NULL };
	struct pd_apply_result *res = NULL;
	if (pd_apply(&res, tmp, p->repo, rev, &opts, &err) != PD_OK) {
		remember(ui, rev, V_NONE, p->repo, false);
		pd_ui_error(ui, "%s", pd_err_msg(&err));
		goto done;
	}
	p->branch = talloc_strdup(p, res->branch);
	/* The answer's keys first: a long branch name may not fit. */
	pd_ui_message(ui, "Apply? (y/n) %zu patch%s on %s (%s) to new branch %s", res->ncommits,
		      res->ncommits == 1 ? "" : "es", res->base_short_id, res->base_how,
		      res->branch);
	t->pending = p;
	p = NULL;
done:
	talloc_free(p);
	talloc_free(tmp);
}

/* The series is applied: its state becomes applied (apply_tag.h). The
 * reader does not wait for a locked database here; it says the state was
 * not set and how to set it, so the change is never lost in silence. */
static void tag_applied(struct pd_ui *ui, const struct pd_revision *rev, const char *branch)
{
	struct pd_err err;
	pd_err_init(&err, NULL);
	if (pd_apply_tag(ui->store, rev, pd_config_str(ui->cfg, PD_OPTION_TAG_PREFIX), 0, NULL,
			 NULL, NULL, NULL, &err) == PD_OK) {
		pd_triage_refresh(ui);
		pd_ui_message(ui, "created branch %s; the series is tagged applied", branch);
	} else {
		pd_ui_error(ui, "created branch %s, but the series is not tagged applied: %s "
				"(s then p sets it)", branch, pd_err_msg(&err));
	}
	talloc_free(err.msg);
}

static void apply_now(struct pd_ui *ui, struct pending *p)
{
	void *tmp = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, tmp);
	/* The branch the question named: if it was made meanwhile, say so
	 * rather than pick another name nobody agreed to. */
	struct pd_apply_opts opts = { .base = PD_APPLY_BASE_AUTO, .branch = p->branch };
	struct pd_apply_result *res = NULL;
	/* The tree may have gone while the question was open. */
	if (pd_repo_check(p->repo, &err) != PD_OK ||
	    pd_apply(&res, tmp, p->repo, p->rev, &opts, &err) != PD_OK) {
		pd_ui_error(ui, "%s", pd_err_msg(&err));
	} else {
		remember(ui, p->rev, V_BASE, p->repo, false);
		/* The branch holds the commits whatever the view does next. */
		tag_applied(ui, p->rev, res->branch);
		/* What `patchdeck apply` prints, in a view of its own. */
		struct pd_tree_text *t = talloc_zero(ui->ctx, struct pd_tree_text);
		char *text = t != NULL ? talloc_asprintf(t, "created branch %s: %zu commit%s on %s\n\n",
							   res->branch, res->ncommits,
							   res->ncommits == 1 ? "" : "s",
							   base_words(tmp, res)) : NULL;
		for (size_t i = res->ncommits; text != NULL && i-- > 0;)
			text = talloc_asprintf_append(text, "%s %s\n", res->commits[i].short_id,
						      res->commits[i].summary);
		if (text == NULL) {
			talloc_free(t);
			pd_ui_error(ui, "out of memory");
		} else {
			t->text = text;
			t->title = talloc_asprintf(t, "applied: %s", res->branch);
			t->first_is_title = true;
			if (!pd_view_open(ui, &pd_tree_text_ops, t))
				talloc_free(t);
		}
	}
	talloc_free(tmp);
}

bool pd_ui_apply_key(struct pd_ui *ui, int key)
{
	struct pd_ui_tree *t = ui->tree;
	if (t == NULL || t->pending == NULL)
		return false;
	struct pending *p = t->pending;
	t->pending = NULL;
	talloc_free(ui->msg);
	ui->msg = NULL;
	ui->msg_error = false;
	if (key == 'y' || key == 'Y')
		apply_now(ui, p);
	else
		pd_ui_message(ui, "nothing applied");
	talloc_free(p);
	return true;
}
