#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <talloc.h>

#include "diff_parse.h"

static bool starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/* The end of the line at s (after its newline), or end. */
static const char *line_end(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	return nl != NULL ? nl + 1 : end;
}

char *pd_diff_normalise(void *ctx, const char *text, size_t len)
{
	const char *end = text + len;
	char *out = NULL;
	const char *copied = text; /* text before this is in out */
	for (const char *s = text; s < end;) {
		const char *next = line_end(s, end);
		if (!starts(s, end, "diff --git ")) {
			s = next;
			continue;
		}
		/* One file's section: its header lines, up to the next
		 * section. */
		const char *head = s, *head_end = next, *sec_end = next;
		bool created = false, deleted = false, content = false;
		for (const char *t = next; t < end; t = line_end(t, end)) {
			if (starts(t, end, "diff --git "))
				break;
			if (starts(t, end, "new file mode "))
				created = true;
			else if (starts(t, end, "deleted file mode "))
				deleted = true;
			else if (starts(t, end, "--- ") || starts(t, end, "@@ ") ||
				 starts(t, end, "GIT binary patch") || starts(t, end, "Binary files "))
				content = true;
			if (!content)
				head_end = line_end(t, end);
			sec_end = line_end(t, end);
		}
		if ((created || deleted) && !content) {
			/* "diff --git a/P b/P": a created or deleted file has one
			 * name, so the line's two halves are its a/ and b/ forms
			 * (quoted or not, spaces or not). */
			const char *names = head + strlen("diff --git ");
			const char *stop = names;
			while (stop < end && *stop != '\n' && *stop != '\r')
				stop++;
			size_t half = (size_t)(stop - names - 1) / 2;
			const char *a = names, *b = names + half + 1;
			out = out != NULL ? out : talloc_strdup(ctx, "");
			if (out == NULL)
				return NULL;
			out = talloc_strndup_append_buffer(out, copied, (size_t)(head_end - copied));
			if (head_end > text && head_end[-1] != '\n')
				out = talloc_strdup_append_buffer(out, "\n");
			out = created ? talloc_asprintf_append_buffer(out, "--- /dev/null\n+++ %.*s\n",
								      (int)half, b)
				      : talloc_asprintf_append_buffer(out, "--- %.*s\n+++ /dev/null\n",
								      (int)half, a);
			if (out == NULL)
				return NULL;
			copied = head_end;
		}
		s = sec_end;
	}
	if (out != NULL)
		out = talloc_strndup_append_buffer(out, copied, (size_t)(end - copied));
	return out;
}

char *pd_diff_as_git(void *ctx, const char *text, size_t len)
{
	const char *end = text + len;
	char *out = talloc_strdup(ctx, "");
	for (const char *s = text; out != NULL && s < end;) {
		const char *next = line_end(s, end);
		if (!starts(s, end, "diff --git ")) {
			out = talloc_strndup_append_buffer(out, s, (size_t)(next - s));
			s = next;
			continue;
		}
		const char *sec_end = next;
		bool whole = false, unchanged = false, hunks = false;
		for (const char *t = next; t < end; t = line_end(t, end)) {
			if (starts(t, end, "diff --git "))
				break;
			if (starts(t, end, "new file mode ") || starts(t, end, "deleted file mode "))
				whole = true;
			else if (starts(t, end, "similarity index 100%"))
				unchanged = true;
			else if (starts(t, end, "@@ ") || starts(t, end, "GIT binary patch"))
				hunks = true;
			sec_end = line_end(t, end);
		}
		for (const char *t = s; out != NULL && t < sec_end;) {
			const char *e = line_end(t, sec_end);
			bool drop = (whole && !hunks && (starts(t, e, "--- ") || starts(t, e, "+++ "))) ||
				    (unchanged && starts(t, e, "Binary files "));
			if (!drop)
				out = talloc_strndup_append_buffer(out, t, (size_t)(e - t));
			t = e;
		}
		s = sec_end;
	}
	return out;
}

/* Whether the index line "index OLD..NEW[ MODE]" gives both ids whole. */
static bool full_index(const char *s, const char *end)
{
	const char *p = s + strlen("index ");
	size_t a = 0, b = 0;
	while (p < end && strchr("0123456789abcdef", *p) != NULL && *p != '\0')
		p++, a++;
	if (end - p < 2 || p[0] != '.' || p[1] != '.')
		return false;
	for (p += 2; p < end && *p != '\0' && strchr("0123456789abcdef", *p) != NULL; p++)
		b++;
	return a == 40 && b == 40;
}

char *pd_diff_binary_unappliable(void *ctx, const char *text, size_t len)
{
	const char *end = text + len, *head = NULL;
	bool full = false;
	for (const char *s = text; s < end; s = line_end(s, end)) {
		const char *e = line_end(s, end);
		if (starts(s, e, "diff --git ")) {
			head = s;
			full = false;
		} else if (head != NULL && starts(s, e, "index ")) {
			full = full_index(s, e);
		} else if (head != NULL && !full && starts(s, e, "Binary files ")) {
			/* The a/ and b/ halves of the header, as above; the
			 * name without its a/ or b/. */
			const char *names = head + strlen("diff --git ");
			const char *stop = names;
			while (stop < end && *stop != '\n' && *stop != '\r')
				stop++;
			size_t half = (size_t)(stop - names - 1) / 2;
			const char *b = names + half + 1;
			if (half > 2 && b[0] == 'b' && b[1] == '/')
				return talloc_strndup(ctx, b + 2, half - 2);
			return talloc_strndup(ctx, b, half);
		}
	}
	return NULL;
}

int pd_diff_parse(git_diff **out, const char *text, size_t len)
{
	char *fixed = pd_diff_normalise(NULL, text, len);
	int rc = fixed != NULL ? git_diff_from_buffer(out, fixed, strlen(fixed))
			       : git_diff_from_buffer(out, text, len);
	talloc_free(fixed);
	return rc;
}
