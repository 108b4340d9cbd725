/* What the fuzz targets (tests/fuzz) found, each fixed and kept here as an
 * exact check of the fixed output, so that it cannot come back unnoticed.
 * Each case names the target that found it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "tap.h"
#include "trailer.h"

/* The trailers of a message as `Name: value` lines. */
static char *trailer_lines(void *ctx, const char *message)
{
	struct pd_trailer *t = NULL;
	size_t n = 0;
	if (pd_trailers_parse(&t, &n, ctx, message) != 0)
		return NULL;
	char *s = talloc_strdup(ctx, "");
	for (size_t i = 0; s != NULL && i < n; i++)
		s = talloc_asprintf_append(s, "%s: %s\n", t[i].name, t[i].value);
	return s;
}

static void trailer_names(void *ctx)
{
	/* fuzz-trailer: `wUT` became `WUT`, which became `Wut` when named
	 * again, so a canonical name was not a fixed point. */
	static const struct {
		const char *in, *want;
	} names[] = {
		{ "wUT", "Wut" },           { "WUT", "Wut" },
		{ "Wut", "Wut" },           { "wut", "Wut" },
		{ "rEVIEWED-BY", "Reviewed-by" }, { "bISECTED-BY", "Bisected-by" },
		{ "wUt", "WUt" },           { "x-Foo-By", "X-Foo-By" },
		{ "w", "W" },               { "1AB", "1ab" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *in = names[i].in;
		char *once = pd_trailer_name(ctx, in, strlen(in));
		tap_str(once, names[i].want, talloc_asprintf(ctx, "trailer name '%s' canonical", in));
		char *twice = once ? pd_trailer_name(ctx, once, strlen(once)) : NULL;
		tap_str(twice, names[i].want,
			talloc_asprintf(ctx, "trailer name '%s' canonical when named again", in));
	}
	tap_str(trailer_lines(ctx, "Fix.\n\nwUT: x\nsIGNED-OFF-BY: A <a@x>\n"),
		"Wut: x\nSigned-off-by: A <a@x>\n", "trailers of a message named canonically");
}

int main(void)
{
	void *ctx = talloc_new(NULL);
	trailer_names(ctx);
	talloc_free(ctx);
	return tap_done();
}
