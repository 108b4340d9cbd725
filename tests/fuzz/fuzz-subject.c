/* libFuzzer target: the subject parser (src/subject.h).
 *
 * The input is one decoded subject; every function of the header runs on
 * the parse, and a version compares equal to itself. */
#include "config.h"

#include "fuzz.h"
#include "subject.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	PD_FUZZ_CHECK(ctx != NULL);
	char *text = pd_fuzz_str(ctx, data, size);
	PD_FUZZ_CHECK(text != NULL);

	struct pd_subject *s = NULL;
	PD_FUZZ_OK(pd_subject_parse(&s, ctx, text));
	PD_FUZZ_CHECK(s->title != NULL);
	PD_FUZZ_CHECK(s->version >= 0 && s->n >= 0 && s->total >= 0);
	for (size_t i = 0; i < s->ntargets; i++)
		PD_FUZZ_CHECK(s->targets[i] != NULL);
	(void)pd_subject_is_cover(s);
	(void)pd_subject_is_patch(s);
	char *prefix = pd_subject_prefix(ctx, s);
	PD_FUZZ_CHECK(prefix != NULL);
	PD_FUZZ_CHECK(pd_subject_describe(ctx, s) != NULL);

	struct pd_subject *none = NULL;
	PD_FUZZ_OK(pd_subject_parse(&none, ctx, NULL));
	(void)pd_subject_version_cmp(s, none);
	(void)pd_subject_version_cmp(none, s);
	PD_FUZZ_CHECK(pd_subject_version_cmp(s, s) == 0);

	talloc_free(ctx);
	return 0;
}
