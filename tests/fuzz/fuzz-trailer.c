/* libFuzzer target: the trailer parsers (src/trailer.h).
 *
 * The input's first line is the sender's address, the rest a text: read
 * as a commit message (pd_trailers_parse) and as a review reply
 * (pd_reply_trailers). Every trailer found is canonically named again and
 * compared with the others. */
#include "config.h"

#include "fuzz.h"
#include "trailer.h"

static void check_trailers(void *ctx, const struct pd_trailer *t, size_t n)
{
	PD_FUZZ_CHECK(n == 0 || t != NULL);
	for (size_t i = 0; i < n; i++) {
		PD_FUZZ_CHECK(t[i].name != NULL && t[i].value != NULL);
		PD_FUZZ_CHECK(!t[i].is_person || t[i].person != NULL);
		char *again = pd_trailer_name(ctx, t[i].name, strlen(t[i].name));
		PD_FUZZ_CHECK(again != NULL);
		/* A canonical name is a fixed point. */
		PD_FUZZ_CHECK(strcmp(again, t[i].name) == 0);
		PD_FUZZ_CHECK(pd_trailer_same(&t[i], &t[i]));
		if (i > 0)
			(void)pd_trailer_same(&t[i - 1], &t[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	PD_FUZZ_CHECK(ctx != NULL);
	char *text = pd_fuzz_str(ctx, data, size);
	PD_FUZZ_CHECK(text != NULL);
	char *body = strchr(text, '\n');
	const char *sender = NULL;
	if (body != NULL) {
		*body++ = '\0';
		sender = text;
	} else {
		body = text;
	}

	struct pd_trailer *t = NULL;
	size_t n = 0;
	PD_FUZZ_OK(pd_trailers_parse(&t, &n, ctx, body));
	check_trailers(ctx, t, n);
	PD_FUZZ_OK(pd_reply_trailers(&t, &n, ctx, body, sender));
	check_trailers(ctx, t, n);
	for (size_t i = 0; i < n; i++)
		PD_FUZZ_CHECK(sender != NULL || t[i].sender == PD_SENDER_UNKNOWN);
	PD_FUZZ_CHECK(pd_trailer_name(ctx, text, strlen(text)) != NULL);

	talloc_free(ctx);
	return 0;
}
