#include "config.h"

#include "changelog.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

/* `v3`, `V3`, `v3.1`: the length of a version token at s, else 0. */
static size_t version_at(const char *s, size_t len)
{
	if (len < 2 || (s[0] != 'v' && s[0] != 'V') || !isdigit((unsigned char)s[1]))
		return 0;
	size_t i = 1;
	while (i < len && (isdigit((unsigned char)s[i]) || s[i] == '.'))
		i++;
	return i;
}

static bool has_version(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((i == 0 || !isalnum((unsigned char)s[i - 1])) && version_at(s + i, len - i) > 0)
			return true;
	return false;
}

/* A line that starts a changelog: "Changes in v4:", "Changes since v3",
 * "Changelog:", "v3 -> v4:", "v2:", "[v2]", "Since v1:", "Changes v1->v2:". */
static bool heading(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len > 60)
		return false;
	bool colon = s[len - 1] == ':';
	if ((len >= 9 && strncasecmp(s, "changelog", 9) == 0) ||
	    (len >= 7 && strncasecmp(s, "changes", 7) == 0 && (colon || has_version(s, len))))
		return colon || has_version(s, len);
	if (len >= 6 && strncasecmp(s, "since ", 6) == 0 && has_version(s, len))
		return true;
	if (*s == '[' || *s == '(')
		s++, len--;
	size_t v = version_at(s, len);
	if (v == 0)
		return false;
	/* `v2:` alone, `v1 -> v2:`, `v1..v2`, `v1 to v2:`, `v2 changes:` */
	const char *rest = s + v;
	size_t rlen = len - v;
	while (rlen > 0 && (rest[rlen - 1] == ':' || rest[rlen - 1] == ']' || rest[rlen - 1] == ')'))
		rlen--;
	while (rlen > 0 && isspace((unsigned char)*rest))
		rest++, rlen--;
	if (rlen == 0)
		return true;
	if (rlen >= 2 && (strncmp(rest, "->", 2) == 0 || strncmp(rest, "..", 2) == 0))
		return true;
	if (rlen >= 3 && strncmp(rest, "\xe2\x86\x92", 3) == 0) /* → */
		return true;
	if (rlen >= 3 && strncasecmp(rest, "to ", 3) == 0 && has_version(rest, rlen))
		return true;
	return rlen >= 7 && strncasecmp(rest, "changes", 7) == 0;
}

static bool item(const char *s, size_t len)
{
	if (len == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t')
		return true;
	if (len >= 2 && strchr("-*+o", s[0]) != NULL && s[1] == ' ')
		return true;
	size_t i = 0;
	while (i < len && isdigit((unsigned char)s[i]))
		i++;
	return i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

/* What ends a changelog outright. */
static bool stop(const char *s, size_t len)
{
	if ((len == 3 && strncmp(s, "-- ", 3) == 0) || (len == 2 && strncmp(s, "--", 2) == 0) ||
	    (len == 3 && strncmp(s, "---", 3) == 0))
		return true;
	if (len >= 12 && strncmp(s, "base-commit:", 12) == 0)
		return true;
	if (len >= 10 && strncmp(s, "change-id:", 10) == 0)
		return true;
	/* a shortlog's `Jane Doe (3):` */
	if (len >= 5 && s[len - 1] == ':' && s[len - 2] == ')' && !isspace((unsigned char)s[0])) {
		size_t i = len - 3;
		while (i > 0 && isdigit((unsigned char)s[i]))
			i--;
		if (s[i] == '(' && i + 1 < len - 2)
			return true;
	}
	/* a diffstat's summary */
	return strstr(s, " changed, ") != NULL && strstr(s, "file") != NULL && s[0] == ' ' &&
	       (size_t)(strstr(s, " changed, ") - s) < len;
}

char *pd_changelog_extract(void *ctx, const char *text)
{
	if (text == NULL)
		return NULL;
	const char *start = NULL, *end = NULL;
	bool gap = false;
	for (const char *s = text; *s;) {
		size_t len = strcspn(s, "\n");
		const char *next = s + len + (s[len] == '\n');
		size_t tl = len > 0 && s[len - 1] == '\r' ? len - 1 : len;
		bool blank = true;
		for (size_t i = 0; i < tl; i++)
			blank = blank && isspace((unsigned char)s[i]);
		if (start == NULL) {
			if (heading(s, tl)) {
				start = s;
				end = next;
				gap = false;
			}
		} else if (stop(s, tl) || (!blank && gap && !heading(s, tl) && !item(s, tl))) {
			/* the end marker, or prose after a blank line */
			break;
		} else if (blank) {
			gap = true;
		} else {
			/* a heading, a list item, or the next line of an entry */
			end = next;
			gap = false;
		}
		s = next;
	}
	if (start == NULL)
		return NULL;
	char *out = talloc_strndup(ctx, start, (size_t)(end - start));
	if (out != NULL && out[0] != '\0' && out[strlen(out) - 1] != '\n')
		out = talloc_strdup_append(out, "\n");
	return out;
}
