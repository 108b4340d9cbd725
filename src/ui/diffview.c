/* Mail text and diffs as coloured pager lines (see diffview.h). */
#include "diffview.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#define TAB_WIDTH 8

/* A span over bytes of the line as sent, before tabs are expanded. */
struct raw_span {
	size_t start, end;
	int area;
};

/* Adds s[0, len) with tabs expanded and spans moved to match. Columns
 * count code points: close enough for tab stops, and never splits a
 * character. */
static struct pd_doc_line *add_raw(struct pd_doc *doc, int area, const char *s, size_t len,
				   const struct raw_span *spans, size_t nspans)
{
	size_t tabs = 0;
	for (size_t i = 0; i < len; i++)
		tabs += s[i] == '\t';
	if (tabs == 0 && nspans == 0) {
		char *copy = talloc_strndup(NULL, s, len);
		struct pd_doc_line *line = copy != NULL ? pd_doc_add(doc, area, copy) : NULL;
		talloc_free(copy);
		return line;
	}
	char *out = talloc_array(NULL, char, len + tabs * (TAB_WIDTH - 1) + 1);
	size_t *map = talloc_array(out, size_t, len + 1);
	if (out == NULL || map == NULL) {
		talloc_free(out);
		return NULL;
	}
	size_t o = 0, col = 0;
	for (size_t i = 0; i < len; i++) {
		map[i] = o;
		if (s[i] == '\t') {
			do
				out[o++] = ' ';
			while (++col % TAB_WIDTH != 0);
			continue;
		}
		out[o++] = s[i];
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	}
	map[len] = o;
	out[o] = '\0';
	struct pd_doc_line *line = pd_doc_add(doc, area, out);
	for (size_t k = 0; line != NULL && k < nspans; k++) {
		size_t a = spans[k].start < len ? spans[k].start : len;
		size_t b = spans[k].end < len ? spans[k].end : len;
		if (pd_doc_span(line, map[a], map[b], spans[k].area) != PD_OK)
			line = NULL;
	}
	talloc_free(out);
	return line;
}

struct pd_doc_line *pd_dv_add(struct pd_doc *doc, int area, const char *text)
{
	const char *nl = strchr(text, '\n');
	return add_raw(doc, area, text, nl != NULL ? (size_t)(nl - text) : strlen(text), NULL, 0);
}

/* The next line of *p into *s and *len (without its '\n'), moving *p
 * past it; false at the end of the text. */
static bool next_line(const char **p, const char **s, size_t *len)
{
	if (*p == NULL || **p == '\0')
		return false;
	const char *nl = strchr(*p, '\n');
	*s = *p;
	*len = nl != NULL ? (size_t)(nl - *p) : strlen(*p);
	*p = nl != NULL ? nl + 1 : *p + *len;
	return true;
}

int pd_dv_add_text(struct pd_doc *doc, int area, const char *text)
{
	const char *p = text, *s;
	size_t len;
	while (next_line(&p, &s, &len)) {
		if (add_raw(doc, area, s, len, NULL, 0) == NULL)
			return PD_E_NOMEM;
	}
	return PD_OK;
}

static bool starts_nocase(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && strncasecmp(s, prefix, n) == 0;
}

/* `Token: value` where Token looks like a trailer people type in mail. */
static bool trailer_like(const char *s, size_t len)
{
	static const char *const names[] = { "fixes:", "link:", "closes:", "cc:" };
	size_t i = 0;
	while (i < len && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9') ||
			   ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
		i++;
	if (i == 0 || i >= len || s[i] != ':' || i + 1 >= len || s[i + 1] != ' ')
		return false;
	if (i > 3 && strncasecmp(s + i - 3, "-by", 3) == 0)
		return true;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (i + 1 == strlen(names[k]) && starts_nocase(s, len, names[k]))
			return true;
	return false;
}

static int quote_depth(const char *s, size_t len)
{
	int depth = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '>')
			depth++;
		else if (s[i] != ' ')
			break;
	}
	return depth;
}

int pd_dv_add_mail(struct pd_doc *doc, const char *text, int trailer_area)
{
	bool sig = false;
	const char *p = text, *s;
	size_t len;
	while (next_line(&p, &s, &len)) {
		size_t l = len > 0 && s[len - 1] == '\r' ? len - 1 : len;
		int area = PD_AREA_DEFAULT;
		if (!sig && l == 3 && memcmp(s, "-- ", 3) == 0)
			sig = true;
		int depth = sig ? 0 : quote_depth(s, l);
		if (sig)
			area = PD_AREA_SIGNATURE;
		else if (depth > 0)
			area = depth == 1 ? PD_AREA_QUOTE1 : depth == 2 ? PD_AREA_QUOTE2 : PD_AREA_QUOTE3;
		else if (trailer_like(s, l))
			area = trailer_area;
		if (add_raw(doc, area, s, len, NULL, 0) == NULL)
			return PD_E_NOMEM;
	}
	return PD_OK;
}

/* Whether the line starts with the name of one of the trailers. */
static bool own_trailer(const char *s, size_t len, const struct pd_trailer *t, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t nl = strlen(t[k].name);
		if (len > nl && strncasecmp(s, t[k].name, nl) == 0 && s[nl] == ':')
			return true;
	}
	return false;
}

int pd_dv_add_message(struct pd_doc *doc, const char *message,
		      const struct pd_trailer *trailers, size_t ntrailers)
{
	/* The trailer block is the last paragraph: find where it starts. */
	const char *last_para = message, *p = message, *s;
	size_t len;
	while (next_line(&p, &s, &len))
		if (len == 0 && *p != '\0')
			last_para = p;
	bool in_trailer = false;
	p = message;
	while (next_line(&p, &s, &len)) {
		int area = PD_AREA_DEFAULT;
		if (s >= last_para && ntrailers > 0) {
			if (own_trailer(s, len, trailers, ntrailers))
				in_trailer = true;
			else if (len == 0 || (s[0] != ' ' && s[0] != '\t'))
				in_trailer = false;
			if (in_trailer)
				area = PD_AREA_TRAILER;
		}
		if (add_raw(doc, area, s, len, NULL, 0) == NULL)
			return PD_E_NOMEM;
	}
	return PD_OK;
}

size_t pd_dv_ws_errors(const char *c, size_t len, size_t (*spans)[2], size_t max)
{
	size_t n = 0, trail = len;
	while (trail > 0 && (c[trail - 1] == ' ' || c[trail - 1] == '\t' || c[trail - 1] == '\r'))
		trail--;
	/* Spaces before a tab in the indent, each run up to its tab, as
	 * git's ws_check colours them; the trailing blanks are their own
	 * error. */
	size_t written = 0;
	for (size_t i = 0; i < trail; i++) {
		if (c[i] == ' ')
			continue;
		if (c[i] != '\t')
			break;
		if (written < i && n < max) {
			spans[n][0] = written;
			spans[n][1] = i;
			n++;
		}
		written = i + 1;
	}
	if (trail < len && n < max) {
		spans[n][0] = trail;
		spans[n][1] = len;
		n++;
	}
	return n;
}

/* `@@ -a[,b] +c[,d] @@`: the line counts b and d (1 when absent). */
static bool hunk_counts(const char *s, size_t len, long *old_n, long *new_n)
{
	if (len < 4 || memcmp(s, "@@ -", 4) != 0)
		return false;
	char *buf = talloc_strndup(NULL, s, len);
	if (buf == NULL)
		return false;
	char *p = buf + 4, *end;
	bool ok = false;
	strtol(p, &end, 10);
	*old_n = 1;
	if (*end == ',')
		*old_n = strtol(end + 1, &end, 10);
	if (end[0] == ' ' && end[1] == '+') {
		strtol(end + 2, &end, 10);
		*new_n = 1;
		if (*end == ',')
			*new_n = strtol(end + 1, &end, 10);
		ok = end[0] == ' ' && *old_n >= 0 && *new_n >= 0;
	}
	talloc_free(buf);
	return ok;
}

static bool push_file(void *ctx, size_t **files, size_t *nfiles, size_t line)
{
	size_t *f = talloc_realloc(ctx, *files, size_t, *nfiles + 1);
	if (f == NULL)
		return false;
	f[(*nfiles)++] = line;
	*files = f;
	return true;
}

int pd_dv_add_diff(struct pd_doc *doc, const char *diff, int file_kind, void *ctx,
		   size_t **files, size_t *nfiles)
{
	long old_left = 0, new_left = 0;
	bool git_header = false; /* a `diff --git` header whose ---/+++ may follow */
	*files = NULL;
	*nfiles = 0;
	const char *p = diff, *s;
	size_t len;
	while (next_line(&p, &s, &len)) {
		int area = PD_AREA_DEFAULT;
		bool file_start = false;
		struct raw_span spans[8];
		size_t nspans = 0;
		if (old_left > 0 || new_left > 0) {
			/* Inside a hunk: its counts say where it ends, so a
			 * removed `-- ` or `--- x` line is never a header. */
			char c = len > 0 ? s[0] : ' ';
			if (c == '+') {
				area = PD_AREA_DIFF_ADD;
				new_left--;
				size_t ws[4][2];
				size_t n = pd_dv_ws_errors(s + 1, len - 1, ws, 4);
				for (size_t k = 0; k < n; k++)
					spans[nspans++] = (struct raw_span){ ws[k][0] + 1, ws[k][1] + 1,
									     PD_AREA_WHITESPACE };
			} else if (c == '-') {
				area = PD_AREA_DIFF_DEL;
				old_left--;
			} else if (c == '\\') {
				area = PD_AREA_DIFF_HUNK;
			} else {
				old_left--;
				new_left--;
			}
		} else if (hunk_counts(s, len, &old_left, &new_left)) {
			area = PD_AREA_DIFF_HUNK;
			git_header = false;
			/* The function name after the second @@ is context. */
			const char *close = len > 4 ? memmem(s + 2, len - 2, "@@", 2) : NULL;
			if (close != NULL)
				spans[nspans++] = (struct raw_span){ (size_t)(close - s) + 2, len,
								     PD_AREA_DEFAULT };
		} else if ((len >= 5 && memcmp(s, "diff ", 5) == 0) ||
			   (len >= 7 && memcmp(s, "Index: ", 7) == 0)) {
			area = PD_AREA_DIFF_HEADER;
			file_start = true;
			git_header = true;
		} else if (len >= 4 && (memcmp(s, "--- ", 4) == 0 || memcmp(s, "+++ ", 4) == 0)) {
			area = PD_AREA_DIFF_HEADER;
			file_start = s[0] == '-' && !git_header;
			git_header = git_header || file_start;
		} else if (git_header && len > 0 && s[0] != ' ') {
			/* index, mode, rename, similarity, Binary files, and
			 * the lines of a GIT binary patch. */
			area = PD_AREA_DIFF_HEADER;
		}
		struct pd_doc_line *line = add_raw(doc, area, s, len, spans, nspans);
		if (line == NULL)
			return PD_E_NOMEM;
		/* Code reads best cut where the screen ends, as less does:
		 * a break at a blank would set tokens adrift. */
		line->code = true;
		if (file_start) {
			line->kind = file_kind;
			if (!push_file(ctx, files, nfiles, doc->nlines - 1))
				return PD_E_NOMEM;
		}
	}
	return PD_OK;
}
