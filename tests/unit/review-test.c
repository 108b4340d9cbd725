/* The review states and their tags, as a table. */
#include "config.h"

#include <talloc.h>

#include "review.h"
#include "tap.h"

int main(void)
{
	static const struct {
		const char *in;
		int state;
	} names[] = {
		{ "new", PD_REVIEW_NEW },
		{ "reviewing", PD_REVIEW_REVIEWING },
		{ "changes-requested", PD_REVIEW_CHANGES_REQUESTED },
		{ "accepted", PD_REVIEW_ACCEPTED },
		{ "rejected", PD_REVIEW_REJECTED },
		{ "applied", PD_REVIEW_APPLIED },
		{ "deferred", PD_REVIEW_DEFERRED },
		{ "Accepted", -1 },      /* tags are case-sensitive in notmuch */
		{ "accepted ", -1 },
		{ "", -1 },
		{ "superseded", -1 },    /* automatic, never set by hand */
		{ NULL, -1 },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		tap_int(pd_review_parse(names[i].in), names[i].state,
			names[i].in ? names[i].in : "(null)");

	void *ctx = talloc_new(NULL);
	tap_str(pd_review_names(ctx),
		"new, reviewing, changes-requested, accepted, rejected, applied, deferred",
		"every state named, in order");
	tap_str(pd_review_tag(ctx, "pd/", PD_REVIEW_CHANGES_REQUESTED), "pd/changes-requested",
		"tag under the default prefix");
	tap_str(pd_review_tag(ctx, "", PD_REVIEW_NEW), "new", "an empty prefix");

	static const struct {
		const char *prefix, *tag;
		int state;
	} tags[] = {
		{ "pd/", "pd/accepted", PD_REVIEW_ACCEPTED },
		{ "pd/", "accepted", -1 },
		{ "pd/", "pd/", -1 },
		{ "pd/", "pd/unknown", -1 },
		{ "review/", "review/deferred", PD_REVIEW_DEFERRED },
		{ "", "rejected", PD_REVIEW_REJECTED },
		{ "pd/", NULL, -1 },
	};
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		tap_int(pd_review_of_tag(tags[i].prefix, tags[i].tag), tags[i].state,
			tags[i].tag ? tags[i].tag : "(null tag)");
	talloc_free(ctx);
	return tap_done();
}
