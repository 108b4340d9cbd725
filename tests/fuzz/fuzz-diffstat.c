/* libFuzzer target: diff parsing and the diffstat (src/diffstat.h).
 *
 * The input is read twice: as a diff (pd_diffstat_compute, libgit2's
 * patch parser under it; the bytes need not end in NUL, so they are
 * handed over as they are) rendered at several widths, and as the
 * diffstat a mail sent, which is then compared with the computed one.
 * The path guard apply runs (src/patch_paths.h) reads it too: it answers
 * yes or no with a reason, and a refusal names a path. */
#include "config.h"

#include <git2.h>

#include "diffstat.h"
#include "fuzz.h"
#include "patch_paths.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	git_libgit2_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	PD_FUZZ_CHECK(ctx != NULL);
	/* An exact-size copy, so that a read past the end is caught. */
	char *diff = pd_fuzz_copy(ctx, data, size);
	PD_FUZZ_CHECK(diff != NULL);

	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_diffstat *s = NULL;
	int rc = pd_diffstat_compute(&s, ctx, diff, size, &err);
	PD_FUZZ_CHECK(rc == 0 || rc == PD_E_DIFF);
	if (rc == 0) {
		size_t ins = 0, del = 0;
		for (size_t i = 0; i < s->nfiles; i++) {
			const struct pd_diffstat_file *f = &s->files[i];
			PD_FUZZ_CHECK(f->path != NULL);
			PD_FUZZ_CHECK(pd_diffstat_name(ctx, f) != NULL);
			if (!f->binary)
				ins += f->insertions, del += f->deletions;
		}
		PD_FUZZ_CHECK(ins == s->insertions && del == s->deletions);
		static const int widths[] = { PD_DIFFSTAT_WIDTH, PD_DIFFSTAT_MAIL_WIDTH, 20, 1, 0 };
		for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
			char *r = pd_diffstat_render(ctx, s, widths[w]);
			PD_FUZZ_CHECK(r != NULL);
			PD_FUZZ_CHECK(r[0] == '\0' || r[strlen(r) - 1] == '\n');
		}
		PD_FUZZ_CHECK(pd_diffstat_summary(ctx, s->nfiles, s->insertions, s->deletions) != NULL);
	} else {
		PD_FUZZ_CHECK(pd_err_msg(&err) != NULL);
	}

	char *text = pd_fuzz_str(ctx, data, size);
	PD_FUZZ_CHECK(text != NULL);
	struct pd_sent_diffstat *sent = NULL;
	PD_FUZZ_OK(pd_diffstat_parse_sent(&sent, ctx, text));
	struct pd_err perr;
	pd_err_init(&perr, ctx);
	int prc = pd_patch_paths_check(text, &perr);
	PD_FUZZ_CHECK(prc == PD_OK || (prc == PD_E_DIFF && strncmp(pd_err_msg(&perr), "the path '", 10) == 0));
	if (rc == 0) {
		char *why = NULL;
		enum pd_diffstat_verdict v = pd_diffstat_compare(s, sent, ctx, &why);
		PD_FUZZ_CHECK((v == PD_DIFFSTAT_STALE) == (why != NULL));
	}

	talloc_free(ctx);
	return 0;
}
