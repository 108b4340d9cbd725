/* libFuzzer target: the subject parser (src/subject.h).
 *
 * The input is one decoded subject; every function of the header runs on
 * the parse, and a version compares equal to itself. The same text as the
 * screen shows it (src/visible.h) holds no control character, no byte that
 * is not UTF-8 and no invisible or bidi code point. */
#include "config.h"

#include "fuzz.h"
#include "subject.h"
#include "visible.h"

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

	for (int keep = 0; keep < 2; keep++) {
		char *shown = pd_visible(ctx, text, keep);
		PD_FUZZ_CHECK(shown != NULL);
		size_t left = strlen(shown);
		for (const char *c = shown; left > 0;) {
			uint32_t cp = 0;
			size_t n = pd_utf8_decode(c, left, &cp);
			PD_FUZZ_CHECK(n > 0);
			PD_FUZZ_CHECK((keep && (cp == '\n' || cp == '\t')) ||
				      pd_visible_kind(cp) == PD_VISIBLE_PLAIN);
			c += n, left -= n;
		}
	}

	talloc_free(ctx);
	return 0;
}
