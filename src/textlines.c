#include "config.h"

#include "textlines.h"

#include <string.h>
#include <strings.h>
#include <talloc.h>

/* ---------------------------------------------------------------- lines */


struct pd_line *pd_lines_split(void *ctx, const char *text, size_t *count)
{
	size_t total = strlen(text), cap = 1;
	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
		cap++;
	struct pd_line *v = talloc_array(ctx, struct pd_line, cap);
	if (v == NULL)
		return NULL;
	size_t k = 0;
	for (size_t off = 0; off < total;) {
		const char *nl = memchr(text + off, '\n', total - off);
		size_t end = nl ? (size_t)(nl - text) : total;
		size_t len = end - off;
		if (len > 0 && text[off + len - 1] == '\r')
			len--;
		v[k] = (struct pd_line){ .s = text + off, .len = len, .off = off, .next = nl ? end + 1 : end };
		off = v[k++].next;
	}
	*count = k;
	return v;
}

bool pd_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool pd_line_starts(const struct pd_line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && memcmp(l->s, prefix, n) == 0;
}

bool pd_line_starts_nocase(const struct pd_line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && strncasecmp(l->s, prefix, n) == 0;
}

bool pd_line_blank(const struct pd_line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!pd_is_ws(l->s[i]))
			return false;
	return true;
}

/* `---` alone (trailing blanks allowed): the end of the commit message. */
bool pd_line_separator(const struct pd_line *l)
{
	if (!pd_line_starts(l, "---"))
		return false;
	for (size_t i = 3; i < l->len; i++)
		if (!pd_is_ws(l->s[i]))
			return false;
	return true;
}

bool pd_line_signature(const struct pd_line *l)
{
	return l->len == 3 && memcmp(l->s, "-- ", 3) == 0;
}

/* `-- >8 --`, `--8<--`: git am's scissors. Dashes around, nothing else. */
bool pd_line_scissors(const struct pd_line *l)
{
	size_t dashes = 0, marks = 0;
	for (size_t i = 0; i < l->len; i++) {
		char c = l->s[i];
		if (c == '-')
			dashes++;
		else if ((c == '>' && i + 1 < l->len && l->s[i + 1] == '8') ||
			 (c == '8' && i + 1 < l->len && l->s[i + 1] == '<'))
			marks++, i++;
		else if (!pd_is_ws(c))
			return false;
	}
	return marks == 1 && dashes >= 2;
}

/* Lines [a, b) joined with "\n" after each, blank lines trimmed at both
 * ends; "" when nothing is left. */
char *pd_lines_join(void *ctx, const struct pd_line *v, size_t a, size_t b)
{
	while (a < b && pd_line_blank(&v[a]))
		a++;
	while (b > a && pd_line_blank(&v[b - 1]))
		b--;
	size_t size = 1;
	for (size_t i = a; i < b; i++)
		size += v[i].len + 1;
	char *out = talloc_array(ctx, char, size);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t i = a; i < b; i++) {
		memcpy(out + o, v[i].s, v[i].len);
		o += v[i].len;
		out[o++] = '\n';
	}
	out[o] = '\0';
	return out;
}

/* s[0, len) with white space trimmed at both ends. */
char *pd_trimmed(void *ctx, const char *s, size_t len)
{
	while (len > 0 && pd_is_ws(*s))
		s++, len--;
	while (len > 0 && pd_is_ws(s[len - 1]))
		len--;
	return talloc_strndup(ctx, s, len);
}

/* Folded lines as one value: s[0, len) followed by the continuation lines
 * (those starting with white space) from *i on, below end, each trimmed
 * and joined by one space. Advances *i past them. Two passes, so a value
 * folded over many lines costs linear time. */
char *pd_unfold(void *ctx, const char *s, size_t len, const struct pd_line *v, size_t *i, size_t end)
{
	while (len > 0 && pd_is_ws(*s))
		s++, len--;
	while (len > 0 && pd_is_ws(s[len - 1]))
		len--;
	size_t last = *i, size = len + 1;
	while (last < end && v[last].len > 0 && pd_is_ws(v[last].s[0]))
		size += v[last++].len + 1;
	char *out = talloc_array(ctx, char, size);
	if (out == NULL)
		return NULL;
	memcpy(out, s, len);
	size_t o = len;
	for (size_t k = *i; k < last; k++) {
		const char *p = v[k].s;
		size_t n = v[k].len;
		while (n > 0 && pd_is_ws(*p))
			p++, n--;
		while (n > 0 && pd_is_ws(p[n - 1]))
			n--;
		if (n == 0)
			continue;
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, p, n);
		o += n;
	}
	out[o] = '\0';
	*i = last;
	return out;
}

/* ---------------------------------------------------------------- diffs */

/* Where a diff starts, as git am sees it. */
bool pd_diff_starts(const struct pd_line *v, size_t n, size_t i)
{
	return pd_line_starts(&v[i], "diff -") || pd_line_starts(&v[i], "Index: ") ||
	       (pd_line_starts(&v[i], "--- ") && i + 1 < n && pd_line_starts(&v[i + 1], "+++ "));
}


/* `start,count` of a hunk header; the start is skipped unread, since
 * hand-edited patches write `@@ -XXX,9 +XXX,12 @@`. */
static long hunk_count(const char **p)
{
	const char *s = *p;
	while (*s != '\0' && *s != ',' && *s != ' ')
		s++;
	long count = 1;
	if (*s == ',') {
		s++;
		count = 0;
		while (*s >= '0' && *s <= '9') {
			if (count < 1000000000L)
				count = count * 10 + (*s - '0');
			s++;
		}
	}
	*p = s;
	return count;
}

static bool base85_line(const struct pd_line *l)
{
	static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "!#$%&()*+-;<=>?@^_`{|}~";
	if (l->len < 2 || !((l->s[0] >= 'A' && l->s[0] <= 'Z') || (l->s[0] >= 'a' && l->s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < l->len; i++)
		if (strchr(alphabet, l->s[i]) == NULL)
			return false;
	return true;
}

/* True when l belongs to the diff being scanned. */
bool pd_diff_line(struct pd_diffscan *d, const struct pd_line *l)
{
	if (d->damaged)
		return !pd_line_signature(l);
	static const char *const structural[] = {
		"diff ", "index ", "--- ", "+++ ", "new file mode ", "deleted file mode ",
		"old mode ", "new mode ", "similarity index ", "dissimilarity index ",
		"rename from ", "rename to ", "copy from ", "copy to ", "Binary files ",
		"Index: ", "=====", "\\ ", "literal ", "delta ",
	};
	if (d->old_left > 0 || d->new_left > 0) {
		/* Mailers strip the blank of an empty context line. */
		char c = l->len > 0 ? l->s[0] : ' ';
		if (c == ' ' || c == '-' || c == '+' || c == '\\') {
			if (c != '+' && c != '\\')
				d->old_left--;
			if (c != '-' && c != '\\')
				d->new_left--;
			return true;
		}
		/* A hunk cut short: a mailer ate the leading blank of a line
		 * or wrapped it. git apply refuses such a patch, but a reader
		 * should still see all of it, up to the signature. */
		d->old_left = d->new_left = 0;
		if (d->tolerant) {
			d->damaged = true;
			return true;
		}
	}
	if (pd_line_starts(l, "@@ -")) {
		const char *p = l->s + 4;
		d->old_left = hunk_count(&p);
		while (*p == ' ')
			p++;
		if (*p == '+') {
			p++;
			d->new_left = hunk_count(&p);
		}
		d->binary = false;
		return true;
	}
	if (pd_line_starts(l, "GIT binary patch")) {
		d->binary = true;
		return true;
	}
	for (size_t k = 0; k < sizeof(structural) / sizeof(structural[0]); k++)
		if (pd_line_starts(l, structural[k]))
			return true;
	if (d->binary && (l->len == 0 || base85_line(l)))
		return true;
	d->binary = false;
	return false;
}
