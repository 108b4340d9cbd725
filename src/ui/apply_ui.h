/* The reader's side of the tree (issue 5): which git tree a series is
 * judged against, whether it applies there (on its base and on HEAD), and
 * `a`, applying it to a new branch after a question on the last line.
 *
 * Checks run when a series view opens (the series is read with its bodies
 * then anyway), when `a` is pressed, and between keys for the list's rows
 * on screen (list_check.h); their verdicts are kept for this session by
 * revision and on disk by the revision's Message-IDs and the tree's HEAD
 * (apply_cache.h), and the series list shows them as a mark. The list
 * never waits for a tree.
 */
#ifndef PD_UI_APPLY_UI_H
#define PD_UI_APPLY_UI_H

#include "apply_check.h"
#include "repo.h"
#include "doc.h"
#include "ui.h"

/* Whether any tree is known (--tree or a `tree` line in the config):
 * without one the views show nothing of trees. */
bool pd_ui_has_tree(const struct pd_ui *ui);

/* The tree for rev, opened once per directory for the session; NULL with
 * a one-line *why (under ctx) when there is none or it does not open. */
struct pd_repo *pd_ui_tree(struct pd_ui *ui, const struct pd_revision *rev, void *ctx,
			   char **why);

/* Checks rev (loaded with bodies) and remembers the verdict for the list
 * mark. NULL with *why when there is no tree or it cannot be read. */
struct pd_check *pd_ui_check(struct pd_ui *ui, const struct pd_revision *rev, void *ctx,
			     char **why);

/* The series view's part: below its header lines (up to the first empty
 * line), "On base:" and "On HEAD:" with the verdicts, or "Tree:" and why
 * there is none; in its table of patches (the rows of kind patch_kind and
 * missing_kind, the header row above the first), a base/HEAD column before
 * the title. Nothing when check and why are both NULL (no tree at all). */
int pd_ui_tree_doc(struct pd_doc *doc, void *tmp, const struct pd_revision *rev,
		   const struct pd_check *check, const char *why, int patch_kind,
		   int missing_kind);

/* The list's mark for rev: "" (not checked), or applies on HEAD, only on
 * its base, on neither (glyphs as the terminal can draw them), or "=":
 * every patch is in HEAD's history already. A rev not checked this
 * session takes what the disk cache kept for its mail and HEAD. */
const char *pd_ui_check_mark(struct pd_ui *ui, const struct pd_revision *rev);

/* `a`: asks on the last line, then applies rev (read again with its
 * bodies when reload: a list's revision) to a new branch as `patchdeck apply` does; the answer and the result (or the
 * one-line failure) on the last line. */
void pd_ui_apply_ask(struct pd_ui *ui, const struct pd_revision *rev, bool reload);

/* The already-merged check of c (a pd_ui_check of rev) while its tree's
 * history is still read: reads on for about budget_ms; true when the
 * progress moved (*more: reading goes on) or c got its answer (build the
 * view again). */
bool pd_ui_merged_work(struct pd_ui *ui, const struct pd_revision *rev, struct pd_check *c,
		       unsigned budget_ms, bool *more);
/* "merged check: 4,000/20,000 commits" under ctx while it is read, else
 * NULL. */
char *pd_ui_merged_progress(struct pd_ui *ui, void *ctx, const struct pd_check *c,
			    const struct pd_revision *rev);

/* Before the list checks rev: reads on in the history of rev's tree for
 * about budget_ms while it is still being read (a cold patch-id cache),
 * true then with *progress ("merged check: 4,000/20,000 commits", under
 * ctx); false when it is read (or there is no tree). */
bool pd_ui_history_work(struct pd_ui *ui, const struct pd_revision *rev, unsigned budget_ms,
			void *ctx, char **progress);

/* While a question of pd_ui_apply_ask is open, every key goes here;
 * returns false when no question is open. */
bool pd_ui_apply_key(struct pd_ui *ui, int key);

/* view_tree_jump.c: from the file under the patch view's cursor (a
 * diffstat line stat[i], or in the diff of the file starting at doc line
 * files[i]) into the tree: PD_ACT_FILE_BASE, FILE_LOG, MAINTAINERS, EDIT. */
void pd_ui_tree_jump(struct pd_ui *ui, struct pd_view *view, enum pd_action action,
		     const struct pd_doc *doc, const size_t *files, size_t nfiles,
		     const size_t *stat, size_t nstat, const struct pd_revision *rev);

/* view_tree_text.c: a pager of text; its arg is a talloc'd pd_tree_text,
 * which the view takes over. */
struct pd_tree_text {
	char *title, *text;
	bool numbered;            /* line numbers: a file */
	bool first_is_title;
	size_t mark_from, mark_to; /* 1-based lines shown marked; 0: none */
};
extern const struct pd_view_ops pd_tree_text_ops;

#endif
