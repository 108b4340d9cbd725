/* The series list's apply marks for every row (issue 5), worked out
 * between keys: the rows on screen first, top to bottom, then the next
 * screen below them; never the rest of a big store, so a list of 100,000
 * series costs what two screens cost. A row is read with its bodies and
 * checked as the series view checks it (apply_ui.h: applies on HEAD, only
 * on its base, on neither, already merged), one row per slice, so a key
 * waits for one check at most. A tree whose patch-id history is still
 * cold is read first, in steps (the status line counts). A row whose
 * verdict an earlier session kept on disk is shown at once and never
 * checked again.
 */
#ifndef PD_UI_LIST_CHECK_H
#define PD_UI_LIST_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "series.h"
#include "ui.h"

struct pd_list_check;

/* One slice: the first of revs (the rows to check, in order) without a
 * mark that was not tried yet, or a step of its tree's history. The rows
 * are read as the list opens them: threads_known when the list holds every
 * thread of their series (pd_load_series_in), else by Message-ID. *state
 * is made under ctx when NULL. True while rows remain. */
bool pd_list_check_work(struct pd_ui *ui, struct pd_list_check **state, void *ctx,
			const struct pd_revision *const *revs, size_t n, bool threads_known,
			unsigned budget_ms);

/* For the status line while rows remain: "apply check: 3/48", or the
 * history's "merged check: 4,000/20,000 commits"; NULL when done. Under
 * ctx. */
char *pd_list_check_progress(void *ctx, const struct pd_list_check *state);

#endif
