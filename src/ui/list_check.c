#include "list_check.h"

#include <string.h>
#include <talloc.h>

#include "apply_ui.h"
#include "load.h"
#include "strmap.h"

struct pd_list_check {
	struct pd_strmap *tried;  /* revision ids checked (keys under it) */
	size_t done, total;       /* of the rows asked for last */
	char *history;            /* the history's progress while it is read */
};

static bool tried(const struct pd_list_check *s, const struct pd_revision *rev)
{
	return pd_strmap_get(s->tried, rev->id, strlen(rev->id), NULL);
}

/* Reads rev with its bodies and checks it: the verdict is the mark. A
 * row that cannot be read or has no tree keeps no mark; it is not tried
 * again this session. */
static void check_row(struct pd_ui *ui, struct pd_list_check *s, const struct pd_revision *rev,
		      bool threads_known)
{
	char *key = talloc_strdup(s->tried, rev->id);
	if (key != NULL)
		(void)pd_strmap_set(s->tried, key, strlen(key), 1);
	void *tmp = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, tmp);
	struct pd_load *load = NULL;
	struct pd_revision *full = NULL;
	char *why = NULL;
	/* No tree for it (a `tree PREFIX DIR` of another target): nothing
	 * to read. */
	if (pd_ui_tree(ui, rev, tmp, &why) == NULL) {
		talloc_free(tmp);
		return;
	}
	/* As the list opens a series: its own threads alone when the list
	 * knows them all (a sender's other patches on a big store are
	 * thousands of mails). */
	size_t ntids = 0;
	const char **tids = threads_known ? pd_load_thread_ids(tmp, rev->series, &ntids) : NULL;
	int rc = tids != NULL ? pd_load_series_in(&load, &full, tmp, ui->store, rev->id, tids, ntids,
						  PD_LOAD_BODIES, &err)
			      : pd_load_series(&load, &full, tmp, ui->store, rev->id, PD_LOAD_BODIES,
					       &err);
	if (rc == PD_OK)
		(void)pd_ui_check(ui, full, tmp, &why);
	talloc_free(tmp);
}

bool pd_list_check_work(struct pd_ui *ui, struct pd_list_check **state, void *ctx,
			const struct pd_revision *const *revs, size_t n, bool threads_known,
			unsigned budget_ms)
{
	struct pd_list_check *s = *state;
	if (s == NULL) {
		if ((s = talloc_zero(ctx, struct pd_list_check)) == NULL ||
		    (s->tried = pd_strmap_new(s, 64)) == NULL) {
			talloc_free(s);
			return false;
		}
		*state = s;
	}
	TALLOC_FREE(s->history);
	const struct pd_revision *next = NULL;
	s->total = n;
	s->done = 0;
	for (size_t i = 0; i < n; i++) {
		if (*pd_ui_check_mark(ui, revs[i]) != '\0' || tried(s, revs[i]))
			s->done++;
		else if (next == NULL)
			next = revs[i];
	}
	if (next == NULL)
		return false;
	/* The already-merged part needs the tree's history: read it first,
	 * in steps, so that no verdict is kept without it. */
	if (pd_ui_history_work(ui, next, budget_ms, s, &s->history))
		return true;
	check_row(ui, s, next, threads_known);
	s->done++;
	return s->done < s->total;
}

char *pd_list_check_progress(void *ctx, const struct pd_list_check *s)
{
	if (s == NULL || s->done >= s->total)
		return NULL;
	if (s->history != NULL)
		return talloc_strdup(ctx, s->history);
	return talloc_asprintf(ctx, "apply check: %zu/%zu", s->done, s->total);
}
