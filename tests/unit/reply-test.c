/* The pure parts of a reply: addresses read and written, the draft's
 * recipients (you never, each once, case-blind), Re: not doubled, the
 * attribution in English in UTC, quoting of empty lines, the trailer
 * reply quoting the commit message only, the headers added for sending,
 * and the review states shown (superseded). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "reply.h"
#include "review_state.h"
#include "tap.h"

static struct pd_person person(const char *name, const char *email)
{
	return (struct pd_person){ .name = (char *)name, .email = (char *)email,
				   .address = (char *)email };
}

int main(void)
{
	void *ctx = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_addr a;

	tap_int(pd_addr_parse(&a, ctx, "Jane Q. Doe <jane@example.org>", &err), PD_OK, "name and address");
	tap_str(pd_addr_format(ctx, &a), "\"Jane Q. Doe\" <jane@example.org>", "a dot: quoted");
	tap_int(pd_addr_parse(&a, ctx, "\"Doe, \\\"JD\\\" Jane\" <jd@example.org>", &err), PD_OK,
		"a quoted name");
	tap_str(a.name, "Doe, \"JD\" Jane", "the quotes undone");
	tap_str(pd_addr_format(ctx, &a), "\"Doe, \\\"JD\\\" Jane\" <jd@example.org>", "and back");
	tap_int(pd_addr_parse(&a, ctx, "  bare@example.org ", &err), PD_OK, "a bare address");
	tap_str(pd_addr_format(ctx, &a), "bare@example.org", "written bare");
	tap_int(pd_addr_parse(&a, ctx, "Just A Name", &err), PD_E_USAGE, "no address");
	tap_str(pd_err_msg(&err), "'Just A Name' is not an address; write it as \"Name <you@example.org>\"",
		"the message says how");

	tap_str(pd_reply_attribution(ctx, 0, "Ann"), "On Thu, 1 Jan 1970 00:00:00 +0000, Ann wrote:",
		"the attribution, UTC, English");

	char *refs[] = { "cover@x" };
	struct pd_mail m = {
		.message_id = "p1@x",
		.references = refs,
		.nreferences = 1,
		.date = 86400 * 365,
		.subject_raw = "RE: [PATCH 1/2] foo",
		.sender = person("Sam", "sam@x"),
		.author = person("Ann Author", "ann@x"),
		.text = "Fix foo.\n\nSigned-off-by: Ann Author <ann@x>\n---\n a | 1 +\n\n"
			"diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -0,0 +1 @@\n+x\n",
	};
	struct pd_addr me = { .name = "Me", .email = "me@x" };
	struct pd_addr to[] = { { .name = "", .email = "list@x" }, { .name = "Me", .email = "ME@x" } };
	struct pd_addr cc[] = { { .name = "Sam again", .email = "SAM@x" }, { .name = "", .email = "list@x" },
				{ .name = "Bo", .email = "bo@x" } };
	struct pd_reply_in in = { .orig = &m, .to = to, .nto = 2, .cc = cc, .ncc = 3, .me = &me,
				  .trailer = PD_TRAILER_TESTED };
	tap_str(pd_reply_draft(ctx, &in),
		"From: Me <me@x>\n"
		"To: Sam <sam@x>\n"
		"Cc: Ann Author <ann@x>,\n    list@x,\n    Bo <bo@x>\n"
		"Subject: RE: [PATCH 1/2] foo\n"
		"In-Reply-To: <p1@x>\n"
		"References: <cover@x>\n    <p1@x>\n"
		"\n"
		"On Fri, 1 Jan 1971 00:00:00 +0000, Sam wrote:\n"
		"> Fix foo.\n>\n> Signed-off-by: Ann Author <ann@x>\n"
		"\n"
		"Tested-by: Me <me@x>\n",
		"a Tested-by reply: sent-for author in Cc, each once, never me; the message quoted, not the diff");

	char *full = pd_reply_finish(ctx, "From: Me <me@x>\nSubject: s\n\nbody\n", 0, "u1", "me@x");
	tap_str(full,
		"Date: Thu, 1 Jan 1970 00:00:00 +0000\nMessage-ID: <u1.patchdeck@x>\n"
		"From: Me <me@x>\nSubject: s\n"
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
		"Content-Transfer-Encoding: 8bit\n\nbody\n",
		"finished for sending: Date, Message-ID, MIME");
	tap_int(pd_reply_trailer_parse("acked"), PD_TRAILER_ACKED, "acked");
	tap_int(pd_reply_trailer_parse("signed"), -1, "no such trailer");

	/* superseded: automatic, a decision stands over it */
	struct pd_revision v1 = { 0 }, v2 = { 0 };
	v1.superseded_by = &v2;
	struct pd_mail c1 = { .message_id = "c1@x" };
	v1.cover = &c1;
	struct pd_states *st = pd_states_new(ctx);
	tap_int(pd_states_of(st, &v2, NULL), PD_REVIEW_NEW, "untagged: new");
	tap_int(pd_states_of(st, &v1, NULL), PD_STATE_SUPERSEDED, "a newer revision: superseded");
	const char *ids[] = { "c1@x" };
	pd_states_set(st, ids, 1, PD_REVIEW_REVIEWING);
	tap_int(pd_states_of(st, &v1, NULL), PD_STATE_SUPERSEDED, "reviewing an old one: superseded");
	pd_states_set(st, ids, 1, PD_REVIEW_ACCEPTED);
	bool tagged = false;
	tap_int(pd_states_of(st, &v1, &tagged), PD_REVIEW_ACCEPTED, "accepted stands");
	tap_int(tagged, 1, "and says it was a tag");
	tap_int(pd_state_parse("superseded"), PD_STATE_SUPERSEDED, "superseded parses for :filter");
	talloc_free(ctx);
	return tap_done();
}
