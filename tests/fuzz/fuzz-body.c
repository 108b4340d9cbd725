/* libFuzzer target: the body splitter (pd_body_split, src/body.c) and
 * what the message module does with its parts: the commit message's
 * trailers and the sent diffstat.
 *
 * trailer.h promises that the diff is a byte-exact slice of the input at
 * diff_offset, and that the text parts end every line in "\n"; both are
 * checked. */
#include "config.h"

#include "diffstat.h"
#include "fuzz.h"
#include "trailer.h"

static void check_text(const char *t)
{
	if (t == NULL)
		return;
	size_t len = strlen(t);
	PD_FUZZ_CHECK(len == 0 || t[len - 1] == '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	PD_FUZZ_CHECK(ctx != NULL);
	char *text = pd_fuzz_str(ctx, data, size);
	PD_FUZZ_CHECK(text != NULL);
	size_t len = strlen(text);

	struct pd_body *b = NULL;
	PD_FUZZ_OK(pd_body_split(&b, ctx, text));
	PD_FUZZ_CHECK(b->message != NULL);
	check_text(b->message);
	check_text(b->notes);
	check_text(b->diffstat);
	check_text(b->signature);
	if (b->diff != NULL) {
		size_t dlen = strlen(b->diff);
		PD_FUZZ_CHECK(b->diff_offset <= len && dlen <= len - b->diff_offset);
		PD_FUZZ_CHECK(memcmp(text + b->diff_offset, b->diff, dlen) == 0);
	}
	for (size_t i = 0; i < b->nprereq; i++)
		PD_FUZZ_CHECK(b->prereq_ids[i] != NULL && b->prereq_ids[i][0] != '\0');

	struct pd_trailer *t = NULL;
	size_t n = 0;
	PD_FUZZ_OK(pd_trailers_parse(&t, &n, ctx, b->message));
	struct pd_sent_diffstat *sent = NULL;
	PD_FUZZ_OK(pd_diffstat_parse_sent(&sent, ctx, b->diffstat));
	PD_FUZZ_CHECK(sent->nfiles == 0 || sent->files != NULL);

	talloc_free(ctx);
	return 0;
}
