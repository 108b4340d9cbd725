#include "config.h"

#include <stdio.h>
#include <talloc.h>

#include "series_fmt.h"
#include "series_json.h"

char *pd_fmt_version(void *ctx, const struct pd_revision *rev)
{
	if (rev->version_minor > 0)
		return talloc_asprintf(ctx, "v%d.%d", rev->version, rev->version_minor);
	return talloc_asprintf(ctx, "v%d", rev->version);
}

char *pd_fmt_count(void *ctx, const struct pd_revision *rev)
{
	if (rev->kind == PD_REV_PULL)
		return talloc_strdup(ctx, "pull");
	return talloc_asprintf(ctx, "%zu/%d", pd_revision_received(rev), rev->total);
}

char *pd_fmt_trailers(void *ctx, const struct pd_revision *rev)
{
	return talloc_asprintf(ctx, "A%d R%d T%d", rev->nacked, rev->nreviewed, rev->ntested);
}

static void widen(int *w, int n)
{
	if (n > *w)
		*w = n;
}

void pd_fmt_widths_fit(struct pd_fmt_widths *w, const struct pd_revision *rev)
{
	widen(&w->version, rev->version_minor > 0
		? snprintf(NULL, 0, "v%d.%d", rev->version, rev->version_minor)
		: snprintf(NULL, 0, "v%d", rev->version));
	widen(&w->count, rev->kind == PD_REV_PULL ? 4
		: snprintf(NULL, 0, "%zu/%d", pd_revision_received(rev), rev->total) +
			  (rev->nmissing > 0 ? (int)sizeof(PD_FMT_MISSING) - 1 : 0));
	widen(&w->trailers,
	      snprintf(NULL, 0, "A%d R%d T%d", rev->nacked, rev->nreviewed, rev->ntested));
}

const char *pd_fmt_author(const struct pd_revision *rev)
{
	if (rev->author.name != NULL && *rev->author.name != '\0')
		return rev->author.name;
	return rev->author.email != NULL ? rev->author.email : "";
}
