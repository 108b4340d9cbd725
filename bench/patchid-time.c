/* For bench/patchid.sh: the already-merged check without the mail loading
 * around it, as the reader does it.
 *
 *   patchid-time CONFIG TREE CACHE_DIR
 *
 * Loads every series of the store (with bodies), then times
 * pd_history_load of TREE's history with its patch-id cache in CACHE_DIR
 * (cold when the caller emptied it), and pd_history_find of every patch
 * of every revision. Prints "commits computed load_ms find_ms patches". */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <talloc.h>
#include <time.h>

#include "load.h"
#include "patchid.h"
#include "repo.h"
#include "store.h"

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: patchid-time CONFIG TREE CACHE_DIR\n");
		return 2;
	}
	g_mime_init();
	git_libgit2_init();
	void *ctx = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_store *store = NULL;
	struct pd_load *load = NULL;
	struct pd_repo *repo = NULL;
	struct pd_history *h = NULL;
	struct pd_history_stats st;
	int rc = 1;
	if (pd_store_open(&store, ctx, argv[1], &err) != PD_OK ||
	    pd_load_query(&load, ctx, store, "", PD_LOAD_BODIES, &err) != PD_OK ||
	    pd_repo_open(&repo, ctx, argv[2], &err) != PD_OK)
		goto out;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (pd_history_load(&h, ctx, repo, argv[3], &st, &err) != PD_OK)
		goto out;
	double load_ms = ms_since(&t0);
	size_t patches = 0, found = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	void *tmp = talloc_new(ctx);
	const struct pd_model *m = load->model;
	for (size_t s = 0; s < m->nseries; s++)
		for (size_t r = 0; r < m->series[s]->nrevisions; r++) {
			const struct pd_revision *rev = m->series[s]->revisions[r];
			for (size_t p = 0; p < rev->npatches; p++) {
				char *commit = NULL;
				found += pd_history_find(h, tmp, &rev->patches[p], &commit) != PD_MERGED_NO;
				patches++;
			}
		}
	double find_ms = ms_since(&t0);
	printf("%zu %zu %.1f %.1f %zu %zu\n", st.commits, st.computed, load_ms, find_ms, patches,
	       found);
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "patchid-time: %s\n", pd_err_msg(&err));
	g_mime_shutdown();
	talloc_free(ctx);
	git_libgit2_shutdown();
	return rc;
}
