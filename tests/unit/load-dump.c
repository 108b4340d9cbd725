/* Check program for the loader: prints what it read and the model it built,
 * so shell tests can compare loading in one go with loading step by step.
 *
 *   load-dump CONFIG [QUERY]              pd_load_query
 *   load-dump --steps=MS CONFIG [QUERY]   pd_load_begin, then pd_load_step
 *                                         with a budget of MS milliseconds
 *                                         and pd_load_result after each,
 *                                         until done; prints the last result
 *
 * Output: `mails N unreadable K`, one line per mail (oldest first: id,
 * thread, unread, its files), then every revision of every series as the
 * JSON of `list --json --all-revisions`. With --steps, stderr gets
 * `steps S` and one line per result `messages M threads R/F series N`; a
 * result that holds fewer mails than the one before, or progress that goes
 * backwards, is an error (exit 1).
 *
 *   load-dump --time=MS CONFIG [QUERY]    for bench/first-screen.sh: loads
 *                                         as the reader does (steps of MS
 *                                         ms, a result after each) and
 *                                         prints timings instead */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "json.h"
#include "load.h"
#include "series_json.h"
#include "store.h"

static void dump(const struct pd_load *load, void *ctx)
{
	printf("mails %zu unreadable %zu\n", load->nmails, load->nunreadable);
	for (size_t i = 0; i < load->nmails; i++) {
		const struct pd_mail *m = load->mails[i];
		printf("mail %s thread %s unread %d files", m->message_id ? m->message_id : "(none)",
		       m->thread_id ? m->thread_id : "(none)", m->unread);
		for (size_t p = 0; p < m->npaths; p++) {
			const char *slash = strrchr(m->paths[p], '/');
			printf(" %s", slash ? slash + 1 : m->paths[p]);
		}
		printf("\n");
	}
	fflush(stdout);
	struct pd_json *j = pd_json_new(ctx, stdout);
	pd_json_begin_array(j);
	const struct pd_model *model = load->model;
	for (size_t s = 0; s < model->nseries; s++)
		for (size_t r = model->series[s]->nrevisions; r-- > 0;)
			pd_series_json(j, model->series[s]->revisions[r], 0);
	pd_json_end_array(j);
	pd_json_finish(j);
	fflush(stdout);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The reader's way: the first screen after one slice, then slices with a
 * result after each. Times in milliseconds from the start of main. */
static int timed(void *ctx, const char *config, const char *query, unsigned budget,
		 double t0, struct pd_err *err)
{
	struct pd_store *store = NULL;
	if (pd_store_open(&store, ctx, config, err) != PD_OK)
		return -1;
	double t_open = now_ms();
	struct pd_load_job *job = NULL;
	if (pd_load_begin(&job, ctx, store, query, 0, err) != PD_OK)
		return -1;
	double t_begin = now_ms();
	size_t slices = 0, msgs = 0, nread = 0, found = 0;
	double worst_step = 0, worst_result = 0, worst_both = 0, sum_step = 0, t_first = 0;
	double last_result = 0;
	struct pd_load *res = NULL;
	for (bool done = false; !done;) {
		double a = now_ms();
		if (pd_load_step(job, budget, &done, err) != PD_OK)
			return -1;
		double b = now_ms();
		talloc_free(res);
		if (pd_load_result(job, &res, err) != PD_OK)
			return -1;
		double c = now_ms();
		if (slices++ == 0) {
			t_first = c;
			pd_load_progress(job, &msgs, &nread, &found);
			printf("first slice: %zu threads, %zu messages, %zu series; "
			       "read in %.1f ms, model in %.1f ms\n",
			       nread, msgs, res->model->nseries, b - a, c - b);
		}
		sum_step += b - a;
		worst_step = b - a > worst_step ? b - a : worst_step;
		worst_result = c - b > worst_result ? c - b : worst_result;
		worst_both = c - a > worst_both ? c - a : worst_both;
		last_result = c - b;
	}
	pd_load_progress(job, &msgs, &nread, &found);
	printf("open %.1f ms, query %.1f ms, first result %.1f ms after start\n",
	       t_open - t0, t_begin - t_open, t_first - t0);
	printf("%zu slices of %u ms: step worst %.1f ms (mean %.1f); model worst %.1f ms "
	       "(last %.1f); step+model worst %.1f ms\n", slices, budget, worst_step,
	       sum_step / (double)slices, worst_result, last_result, worst_both);
	printf("all read at %.1f ms: %zu messages, %zu threads, %zu series\n", now_ms() - t0,
	       msgs, nread, res->model->nseries);
	return 0;
}

static int fail(struct pd_err *err)
{
	fprintf(stderr, "load-dump: %s\n", pd_err_msg(err));
	return 1;
}

int main(int argc, char **argv)
{
	double t0 = now_ms();
	g_mime_init();
	git_libgit2_init();
	void *ctx = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);
	long steps_ms = -1, time_ms = -1;
	int a = 1;
	if (a < argc && strncmp(argv[a], "--steps=", 8) == 0)
		steps_ms = strtol(argv[a++] + 8, NULL, 10);
	else if (a < argc && strncmp(argv[a], "--time=", 7) == 0)
		time_ms = strtol(argv[a++] + 7, NULL, 10);
	if (a >= argc || argc - a > 2) {
		fprintf(stderr, "usage: load-dump [--steps=MS|--time=MS] CONFIG [QUERY]\n");
		return 2;
	}
	const char *query = a + 1 < argc ? argv[a + 1] : NULL;
	if (time_ms >= 0)
		return timed(ctx, argv[a], query, (unsigned)time_ms, t0, &err) == 0 ? 0 : fail(&err);
	struct pd_store *store = NULL;
	if (pd_store_open(&store, ctx, argv[a], &err) != PD_OK)
		return fail(&err);
	int rc = 0;
	if (steps_ms < 0) {
		struct pd_load *load = NULL;
		if (pd_load_query(&load, ctx, store, query, 0, &err) != PD_OK)
			return fail(&err);
		dump(load, ctx);
	} else {
		struct pd_load_job *job = NULL;
		if (pd_load_begin(&job, ctx, store, query, 0, &err) != PD_OK)
			return fail(&err);
		struct pd_load *last = NULL;
		size_t steps = 0, before = 0, read_before = 0;
		for (bool done = false; !done;) {
			if (pd_load_step(job, (unsigned)steps_ms, &done, &err) != PD_OK)
				return fail(&err);
			steps++;
			struct pd_load *res = NULL;
			if (pd_load_result(job, &res, &err) != PD_OK)
				return fail(&err);
			size_t msgs = 0, nread = 0, found = 0;
			pd_load_progress(job, &msgs, &nread, &found);
			fprintf(stderr, "messages %zu threads %zu/%zu series %zu\n", msgs, nread, found,
				res->model->nseries);
			if (res->nmails < before || nread < read_before || found < nread ||
			    msgs != res->nmails || (done && found != nread)) {
				fprintf(stderr, "load-dump: step %zu went backwards\n", steps);
				rc = 1;
			}
			before = res->nmails;
			read_before = nread;
			talloc_free(last);
			last = res;
		}
		fprintf(stderr, "steps %zu\n", steps);
		dump(last, ctx);
	}
	talloc_free(ctx);
	g_mime_shutdown();
	git_libgit2_shutdown();
	return rc;
}
