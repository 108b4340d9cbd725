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
 *   load-dump --built=MS CONFIG [QUERY]   the same, the results built on
 *                                         their own thread as the reader
 *                                         does (pd_load_build, taken with
 *                                         pd_load_built between steps; the
 *                                         last one started once done)
 *
 *   load-dump --orphan CONFIG [QUERY]     reads everything, starts a build
 *                                         and frees the job at once, which
 *                                         leaves the build to free what it
 *                                         used (for the sanitizers); prints
 *                                         `orphaned` and waits a second
 *
 *   load-dump --time=MS CONFIG [QUERY]    for bench/first-screen.sh: loads
 *                                         as the reader does (steps of MS
 *                                         ms, models built on their thread)
 *                                         and prints timings instead */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "load.h"
#include "series_json.h"
#include "store.h"
#include "ui/list_load.h"

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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The reader's way (ui/list_load.h): the first screen after one slice,
 * then slices of work, which hand over models built on their own thread.
 * Times in milliseconds from the start of main; a slice is what a key
 * pressed meanwhile waits for at most. */
static int timed(void *ctx, const char *config, const char *query, unsigned budget,
		 double t0, struct pd_err *err)
{
	struct pd_store *store = NULL;
	if (pd_store_open(&store, ctx, config, err) != PD_OK)
		return -1;
	double t_open = now_ms();
	struct pd_list_load *l = NULL;
	struct pd_load *res = NULL;
	if (pd_list_load_start(&l, ctx, store, query, true, &res, err) != PD_OK)
		return -1;
	double t_first = now_ms();
	printf("first result %.1f ms after start (open %.1f ms): %zu messages, %zu series\n",
	       t_first - t0, t_open - t0, res->nmails, res->model->nseries);
	size_t nslices = 0, cap = 1024, nresults = 0;
	double *slices = talloc_array(ctx, double, cap), sum = 0, t_read = 0;
	for (bool more = true; more;) {
		struct pd_load *fresh = NULL;
		double a = now_ms();
		if (slices == NULL || pd_list_load_work(l, budget, &fresh, &more, err) != PD_OK)
			return -1;
		double took = now_ms() - a;
		if (nslices == cap && (slices = talloc_realloc(ctx, slices, double, cap *= 2)) == NULL)
			return -1;
		slices[nslices++] = took;
		sum += took;
		char *progress = pd_list_load_progress(ctx, l);
		/* "loading: M messages, R/F threads": all read once R = F. */
		const char *th = progress != NULL ? strrchr(progress, ',') : NULL;
		size_t nread = 0, found = 1;
		if (th == NULL || sscanf(th, ", %zu/%zu", &nread, &found) != 2 || nread == found)
			t_read = t_read == 0 ? now_ms() : t_read;
		talloc_free(progress);
		if (fresh != NULL) {
			nresults++;
			talloc_free(res);
			res = fresh;
		}
		/* The reader waits for a key between slices. */
		if (more && took < 2)
			usleep(10000);
	}
	qsort(slices, nslices, sizeof(*slices), cmp_double);
	printf("%zu slices of %u ms: median %.1f, p95 %.1f, worst %.1f ms (mean %.1f); "
	       "%zu models handed over\n", nslices, budget, slices[nslices / 2],
	       slices[(nslices * 95) / 100], slices[nslices - 1], sum / (double)nslices,
	       nresults);
	printf("all read at %.1f ms, its model shown at %.1f ms: %zu messages, %zu series\n",
	       t_read - t0, now_ms() - t0, res->nmails, res->model->nseries);
	return 0;
}

/* The next result of a job read step by step: built at once, or (built)
 * the one a build started earlier gives, if ready (else NULL); a build is
 * started whenever none runs. Once done, waits for a build over
 * everything. */
static int next_result(struct pd_load_job *job, bool built, bool done, struct pd_load **res,
		       struct pd_err *err)
{
	if (!built)
		return pd_load_result(job, res, err);
	int rc = pd_load_built(job, res, err);
	if (rc != PD_OK)
		return rc;
	if (done) {
		/* The one running may predate the last step. */
		while (pd_load_building(job) && *res == NULL && (rc = pd_load_built(job, res, err)) == PD_OK)
			usleep(1000);
		talloc_free(*res);
		*res = NULL;
		if (rc == PD_OK)
			rc = pd_load_build(job, err);
		while (rc == PD_OK && *res == NULL && (rc = pd_load_built(job, res, err)) == PD_OK)
			usleep(1000);
		return rc;
	}
	return pd_load_building(job) ? PD_OK : pd_load_build(job, err);
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
	bool built = false, orphan = false;
	int a = 1;
	if (a < argc && strncmp(argv[a], "--steps=", 8) == 0)
		steps_ms = strtol(argv[a++] + 8, NULL, 10);
	else if (a < argc && strncmp(argv[a], "--built=", 8) == 0)
		built = true, steps_ms = strtol(argv[a++] + 8, NULL, 10);
	else if (a < argc && strcmp(argv[a], "--orphan") == 0)
		orphan = true, a++;
	else if (a < argc && strncmp(argv[a], "--time=", 7) == 0)
		time_ms = strtol(argv[a++] + 7, NULL, 10);
	if (a >= argc || argc - a > 2) {
		fprintf(stderr, "usage: load-dump [--steps=MS|--built=MS|--orphan|--time=MS] CONFIG [QUERY]\n");
		return 2;
	}
	const char *query = a + 1 < argc ? argv[a + 1] : NULL;
	if (time_ms >= 0)
		return timed(ctx, argv[a], query, (unsigned)time_ms, t0, &err) == 0 ? 0 : fail(&err);
	struct pd_store *store = NULL;
	if (pd_store_open(&store, ctx, argv[a], &err) != PD_OK)
		return fail(&err);
	int rc = 0;
	if (orphan) {
		struct pd_load_job *job = NULL;
		bool done = false;
		while (rc == 0 && !done)
			rc = job == NULL && pd_load_begin(&job, ctx, store, query, 0, &err) != PD_OK ? 1
			     : pd_load_step(job, 1000, &done, &err) != PD_OK ? 1 : 0;
		if (rc != 0 || pd_load_build(job, &err) != PD_OK)
			return fail(&err);
		talloc_free(job);
		printf("orphaned\n");
		/* The build ends on its own meanwhile, freeing what it used:
		 * what the leak check at exit sees. */
		sleep(1);
	} else if (steps_ms < 0) {
		struct pd_load *load = NULL;
		if (pd_load_query(&load, ctx, store, query, 0, &err) != PD_OK)
			return fail(&err);
		dump(load, ctx);
	} else {
		struct pd_load_job *job = NULL;
		if (pd_load_begin(&job, ctx, store, query, 0, &err) != PD_OK)
			return fail(&err);
		struct pd_load *last = NULL;
		size_t steps = 0, results = 0, before = 0, read_before = 0;
		for (bool done = false; !done;) {
			if (pd_load_step(job, (unsigned)steps_ms, &done, &err) != PD_OK)
				return fail(&err);
			steps++;
			struct pd_load *res = NULL;
			if (next_result(job, built, done, &res, &err) != PD_OK)
				return fail(&err);
			if (res == NULL)
				continue;
			results++;
			size_t msgs = 0, nread = 0, found = 0;
			pd_load_progress(job, &msgs, &nread, &found);
			fprintf(stderr, "messages %zu threads %zu/%zu series %zu\n", msgs, nread, found,
				res->model->nseries);
			/* A model built on its thread may lag what is read. */
			if (res->nmails < before || nread < read_before || found < nread ||
			    (built ? msgs < res->nmails : msgs != res->nmails) ||
			    (done && (found != nread || msgs != res->nmails))) {
				fprintf(stderr, "load-dump: step %zu went backwards\n", steps);
				rc = 1;
			}
			before = res->nmails;
			read_before = nread;
			talloc_free(last);
			last = res;
		}
		fprintf(stderr, "steps %zu\nresults %zu\n", steps, results);
		dump(last, ctx);
	}
	talloc_free(ctx);
	g_mime_shutdown();
	git_libgit2_shutdown();
	return rc;
}
