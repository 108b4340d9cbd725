#include "config.h"

#include "review.h"

#include <string.h>
#include <talloc.h>

#define ROW_NAME(id, name, help) [PD_REVIEW_##id] = name,
static const char *const names[PD_REVIEW_COUNT] = { PD_REVIEW_LIST(ROW_NAME) };
#undef ROW_NAME

int pd_review_parse(const char *name)
{
	for (int i = 0; name != NULL && i < PD_REVIEW_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

const char *pd_review_name(enum pd_review state)
{
	return (unsigned)state < PD_REVIEW_COUNT ? names[state] : "";
}

char *pd_review_names(void *ctx)
{
	char *s = talloc_strdup(ctx, "");
	for (int i = 0; s != NULL && i < PD_REVIEW_COUNT; i++)
		s = talloc_asprintf_append(s, "%s%s", i ? ", " : "", names[i]);
	return s;
}

char *pd_review_tag(void *ctx, const char *prefix, enum pd_review state)
{
	return talloc_asprintf(ctx, "%s%s", prefix ? prefix : "", pd_review_name(state));
}

int pd_review_of_tag(const char *prefix, const char *tag)
{
	size_t n = prefix ? strlen(prefix) : 0;
	if (tag == NULL || (n && strncmp(tag, prefix, n) != 0))
		return -1;
	return pd_review_parse(tag + n);
}
