/* Check program for the range-diff on a whole store: every revision that
 * has an older one in its series, compared with it in one load (what
 * `patchdeck diff NEW` does for each, without reopening the store each
 * time).
 *
 *   rangediff-all CONFIG [QUERY]
 *
 * The threads of series with two revisions or more are found first (a
 * load without bodies), then read again with bodies.
 *
 * Output: one line per pair, `OLD NEW =N !N +N -N` (the counts of
 * unchanged, changed, new and dropped patches) or `OLD NEW error: MSG`,
 * then `pairs P errors E`. The range-diff text of every pair is formatted
 * too (and thrown away), so that it is exercised on every pair. */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "changelog.h"
#include "load.h"
#include "rangediff_series.h"
#include "store.h"
#include "strmap.h"

static char *add_thread(void *ctx, char *q, struct pd_strmap *seen, const struct pd_mail *m)
{
	size_t at = 0;
	if (q == NULL || m == NULL || m->thread_id == NULL ||
	    pd_strmap_get(seen, m->thread_id, strlen(m->thread_id), &at))
		return q;
	if (pd_strmap_set(seen, m->thread_id, strlen(m->thread_id), 0) < 0)
		return NULL;
	(void)ctx;
	return talloc_asprintf_append_buffer(q, "%sthread:%s", *q ? " or " : "", m->thread_id);
}

/* "thread:A or thread:B ...": every thread holding a mail of a series
 * with more than one revision. */
static char *threads_of_rerolls(void *ctx, const struct pd_model *model)
{
	struct pd_strmap *seen = pd_strmap_new(ctx, 256);
	char *q = seen != NULL ? talloc_strdup(ctx, "") : NULL;
	for (size_t s = 0; q != NULL && s < model->nseries; s++) {
		const struct pd_series *se = model->series[s];
		for (size_t r = 0; se->nrevisions > 1 && q != NULL && r < se->nrevisions; r++) {
			const struct pd_revision *rev = se->revisions[r];
			q = add_thread(ctx, q, seen, rev->cover);
			for (size_t i = 0; q != NULL && i < rev->npatches; i++)
				q = add_thread(ctx, q, seen, rev->patches[i].mail);
		}
	}
	return q;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: rangediff-all CONFIG [QUERY]\n");
		return 2;
	}
	g_mime_init();
	git_libgit2_init();
	void *ctx = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_store *store = NULL;
	struct pd_load *all = NULL, *load = NULL;
	/* Bodies only for the threads of series with two revisions or more:
	 * a whole archive's bodies would cost the sanitizer builds a
	 * gigabyte. */
	char *query = NULL;
	if (pd_store_open(&store, ctx, argv[1], &err) != PD_OK ||
	    pd_load_query(&all, ctx, store, argc > 2 ? argv[2] : NULL, 0, &err) != PD_OK ||
	    (query = threads_of_rerolls(ctx, all->model)) == NULL ||
	    pd_load_query(&load, ctx, store, query, PD_LOAD_BODIES, &err) != PD_OK) {
		fprintf(stderr, "rangediff-all: %s\n", query == NULL && all != NULL ? "out of memory"
											: pd_err_msg(&err));
		return 1;
	}
	talloc_free(all);
	size_t pairs = 0, errors = 0;
	for (size_t s = 0; s < load->model->nseries; s++) {
		const struct pd_series *se = load->model->series[s];
		for (size_t r = 1; r < se->nrevisions; r++) {
			const struct pd_revision *old = se->revisions[r - 1], *new = se->revisions[r];
			void *tmp = talloc_new(ctx);
			struct pd_rangediff *rd = NULL;
			pairs++;
			printf("%s %s ", old->id, new->id);
			if (pd_rd_revisions(&rd, tmp, old, new, &err) != PD_OK) {
				printf("error: %s\n", pd_err_msg(&err));
				errors++;
			} else if (pd_rangediff_format(tmp, rd) == NULL) {
				printf("error: cannot format\n");
				errors++;
			} else {
				if (new->cover != NULL)
					pd_changelog_extract(tmp, new->cover->text);
				printf("=%zu !%zu +%zu -%zu\n", rd->nsame, rd->nchanged, rd->nnew,
				       rd->ndropped);
			}
			talloc_free(tmp);
		}
	}
	printf("pairs %zu errors %zu\n", pairs, errors);
	talloc_free(ctx);
	git_libgit2_shutdown();
	g_mime_shutdown();
	return errors > 0;
}
