/* libFuzzer target: series assembly (src/series.h) over mails made from
 * the input.
 *
 * The input is several mail files, each ended by a line holding one form
 * feed ("\n\f\n" between them). Each is parsed as the loader does
 * (PD_PARSE_NO_CHECKS), then the model is built from all of them, and
 * everything the list, show and --json read from it is produced: the
 * columns, the new trailers of each patch, the JSON of each revision with
 * its bodies, and pd_model_find for every message id. */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>

#include "fuzz.h"
#include "json.h"
#include "message.h"
#include "series.h"
#include "series_fmt.h"
#include "series_json.h"

/* More mails slow each run down without reaching new code. */
#define MAX_MAILS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_mime_init();
	git_libgit2_init();
	return 0;
}

static void walk_revision(void *ctx, const struct pd_revision *rev)
{
	PD_FUZZ_CHECK(pd_fmt_version(ctx, rev) != NULL);
	PD_FUZZ_CHECK(pd_fmt_count(ctx, rev) != NULL);
	PD_FUZZ_CHECK(pd_fmt_trailers(ctx, rev) != NULL);
	(void)pd_fmt_author(rev);
	PD_FUZZ_CHECK(pd_revision_tags(ctx, rev) != NULL);
	PD_FUZZ_CHECK(pd_revision_received(rev) <= rev->npatches);
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		PD_FUZZ_CHECK(p->mail != NULL);
		size_t n = 0;
		(void)pd_patch_new_trailers(ctx, p, &n);
		PD_FUZZ_CHECK(n <= p->ncollected);
	}
	for (size_t i = 0; i < rev->nmissing; i++)
		PD_FUZZ_CHECK(rev->missing[i] >= 1 && rev->missing[i] <= rev->total);

	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	PD_FUZZ_CHECK(fp != NULL);
	struct pd_json *j = pd_json_new(ctx, fp);
	PD_FUZZ_CHECK(j != NULL);
	pd_series_json(j, rev, PD_SJ_BODIES);
	PD_FUZZ_OK(pd_json_finish(j));
	PD_FUZZ_CHECK(fclose(fp) == 0);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	PD_FUZZ_CHECK(ctx != NULL);
	const struct pd_mail **mails = talloc_array(ctx, const struct pd_mail *, MAX_MAILS);
	PD_FUZZ_CHECK(mails != NULL);
	size_t nmails = 0;
	const char *p = (const char *)data, *end = p + size;
	while (nmails < MAX_MAILS) {
		const char *sep = memmem(p, (size_t)(end - p), "\n\f\n", 3);
		const char *stop = sep ? sep + 1 : end;
		/* Each mail an exact-size copy, so that a read past it is caught. */
		size_t len = (size_t)(stop - p);
		char *buf = pd_fuzz_copy(ctx, p, len);
		PD_FUZZ_CHECK(buf != NULL);
		struct pd_mail *m = NULL;
		PD_FUZZ_OK(pd_message_parse_flags(&m, ctx, buf, len, PD_PARSE_NO_CHECKS, NULL));
		mails[nmails++] = m;
		if (sep == NULL)
			break;
		p = sep + 3;
	}

	struct pd_model *model = NULL;
	PD_FUZZ_OK(pd_series_build(&model, ctx, mails, nmails));
	for (size_t s = 0; s < model->nseries; s++) {
		const struct pd_series *series = model->series[s];
		PD_FUZZ_CHECK(series->nrevisions > 0);
		PD_FUZZ_CHECK(pd_series_latest(series) != NULL);
		for (size_t r = 0; r < series->nrevisions; r++) {
			PD_FUZZ_CHECK(series->revisions[r]->series == series);
			walk_revision(ctx, series->revisions[r]);
		}
	}
	for (size_t i = 0; i < nmails; i++)
		if (mails[i]->message_id != NULL)
			(void)pd_model_find(model, mails[i]->message_id);
	(void)pd_model_find(model, "");

	talloc_free(ctx);
	return 0;
}
