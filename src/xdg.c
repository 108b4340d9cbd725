#include "config.h"

#include "xdg.h"

#include <stdlib.h>
#include <talloc.h>

char *pd_xdg_path(void *ctx, const char *var, const char *fallback, const char *sub)
{
	const char *xdg = getenv(var);
	const char *home = getenv("HOME");
	char *dir = xdg != NULL && *xdg == '/'
			    ? talloc_asprintf(ctx, "%s/patchdeck", xdg)
			    : talloc_asprintf(ctx, "%s/%s/patchdeck", home != NULL ? home : "", fallback);
	return dir != NULL && sub != NULL ? talloc_asprintf_append(dir, "/%s", sub) : dir;
}
