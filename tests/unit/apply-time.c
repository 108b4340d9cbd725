/* For bench/apply.sh: the time pd_apply itself takes, without loading the
 * mail from notmuch (which `git am` of an mbox file does not do either).
 *
 *   apply-time CONFIG TREE SERIES BASE RUNS
 *
 * Loads SERIES once, then applies it RUNS times on BASE, each to a new
 * branch apply-time-PID-N, and prints the median in milliseconds. */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "apply.h"
#include "load.h"
#include "repo.h"
#include "store.h"

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: apply-time CONFIG TREE SERIES BASE RUNS\n");
		return 2;
	}
	g_mime_init();
	git_libgit2_init();
	void *ctx = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_store *store = NULL;
	struct pd_load *load = NULL;
	struct pd_revision *rev = NULL;
	struct pd_repo *repo = NULL;
	int runs = atoi(argv[5]), rc = 1;
	double *ms = talloc_array(ctx, double, runs > 0 ? runs : 1);
	if (pd_store_open(&store, ctx, argv[1], &err) != PD_OK ||
	    pd_load_series(&load, &rev, ctx, store, argv[3], PD_LOAD_BODIES, &err) != PD_OK ||
	    pd_repo_open(&repo, ctx, argv[2], &err) != PD_OK)
		goto out;
	for (int r = 0; r < runs; r++) {
		struct pd_apply_opts opts = {
			.base = PD_APPLY_BASE_REV,
			.rev = argv[4],
			.branch = talloc_asprintf(ctx, "apply-time-%d-%d", (int)getpid(), r + 1),
		};
		struct pd_apply_result *res = NULL;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (pd_apply(&res, ctx, repo, rev, &opts, &err) != PD_OK)
			goto out;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms[r] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		talloc_free(res);
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp);
	printf("%.1f\n", ms[(runs - 1) / 2]);
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "apply-time: %s\n", pd_err_msg(&err));
	g_mime_shutdown();
	talloc_free(ctx);
	git_libgit2_shutdown();
	return rc;
}
