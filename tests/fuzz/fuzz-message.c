/* libFuzzer target: one mail file (pd_message_parse_flags, src/message.h),
 * headers, MIME structure, charsets and transfer encodings, then the body
 * split, trailers and (without PD_PARSE_NO_CHECKS) the diff check.
 *
 * Built twice: fuzz-message parses with flags 0 (what show and mbox do),
 * fuzz-message-nochecks with PD_PARSE_NO_CHECKS (what the loader does).
 * Both take the shortcut for plain mail (src/message_fields.c). When
 * PD_FUZZ_COMPARE=1 is in the environment, every input is parsed a second
 * time with PD_PARSE_FULL_MIME added, and the mail must be the same both
 * ways, field by field, as tests/cli/parse-shortcut.sh requires of real
 * mail (problems excepted: they are incomplete under PD_PARSE_NO_CHECKS by
 * design). */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <stdbool.h>

#include "fuzz.h"
#include "message.h"

/* -DPD_FUZZ_NO_CHECKS builds fuzz-message-nochecks. */
#ifdef PD_FUZZ_NO_CHECKS
#define PD_FUZZ_PARSE_FLAGS PD_PARSE_NO_CHECKS
#else
#define PD_FUZZ_PARSE_FLAGS 0
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);

static bool compare;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *c = getenv("PD_FUZZ_COMPARE");
	compare = c != NULL && strcmp(c, "1") == 0;
	g_mime_init();
	git_libgit2_init();
	return 0;
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static char *add_trailers(char *d, const char *what, const struct pd_trailer *t, size_t n)
{
	for (size_t i = 0; d != NULL && i < n; i++)
		d = talloc_asprintf_append(d, "%s: %s: %s person=%s email=%s sender=%d\n", what,
					   t[i].name, t[i].value, or_none(t[i].person),
					   or_none(t[i].email), (int)t[i].sender);
	return d;
}

/* Every field but problems, as text. */
static char *describe(void *ctx, const struct pd_mail *m)
{
	char *d = talloc_asprintf(
		ctx,
		"id=%s irt=%s date=%lld\nsubject=%s\nparsed=%s\nsender=%s <%s> %s\n"
		"author=%s <%s> %s dmarc=%d\ntext=%s\npull=%s %s\n",
		or_none(m->message_id), or_none(m->in_reply_to), (long long)m->date,
		or_none(m->subject_raw), pd_subject_describe(ctx, m->subject),
		or_none(m->sender.name), or_none(m->sender.email), or_none(m->sender.address),
		or_none(m->author.name), or_none(m->author.email), or_none(m->author.address),
		m->dmarc_rewritten, or_none(m->text), or_none(m->pull_url),
		or_none(m->pull_branch));
	for (size_t i = 0; d != NULL && i < m->nreferences; i++)
		d = talloc_asprintf_append(d, "ref=%s\n", m->references[i]);
	const struct pd_body *b = m->patch;
	if (d != NULL && b != NULL)
		d = talloc_asprintf_append(
			d,
			"patch attached=%d from=%s date=%s subject=%s\nmessage=%s\nnotes=%s\n"
			"diffstat=%s\ndiff=%s\ndamaged=%d off=%zu sig=%s base=%s change=%s\n",
			m->patch_attached, or_none(b->from), or_none(b->date), or_none(b->subject),
			or_none(b->message), or_none(b->notes), or_none(b->diffstat),
			or_none(b->diff), b->diff_damaged, b->diff_offset, or_none(b->signature),
			or_none(b->base_commit), or_none(b->change_id));
	d = add_trailers(d, "trailer", m->trailers, m->ntrailers);
	d = add_trailers(d, "reply-trailer", m->reply_trailers, m->nreply_trailers);
	PD_FUZZ_CHECK(d != NULL);
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	PD_FUZZ_CHECK(ctx != NULL);
	/* An exact-size copy (the bytes need not end in NUL), so that a
	 * read past the end is caught. */
	char *buf = pd_fuzz_copy(ctx, data, size);
	PD_FUZZ_CHECK(buf != NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);

	struct pd_mail *m = NULL;
	PD_FUZZ_OK(pd_message_parse_flags(&m, ctx, buf, size, PD_FUZZ_PARSE_FLAGS, &err));
	PD_FUZZ_CHECK(m->text != NULL && m->subject != NULL);
	PD_FUZZ_CHECK(m->sender.name != NULL && m->sender.email != NULL);
	PD_FUZZ_CHECK(m->author.name != NULL && m->author.email != NULL);
	char *d = describe(ctx, m);
	if (compare) {
		struct pd_mail *full = NULL;
		PD_FUZZ_OK(pd_message_parse_flags(&full, ctx, buf, size,
						  PD_FUZZ_PARSE_FLAGS | PD_PARSE_FULL_MIME, &err));
		char *f = describe(ctx, full);
		if (strcmp(d, f) != 0) {
			fprintf(stderr, "the shortcut read:\n%s\nGMime read:\n%s\n", d, f);
			PD_FUZZ_CHECK(!"the shortcut and GMime read the same mail");
		}
	}
	talloc_free(ctx);
	return 0;
}
