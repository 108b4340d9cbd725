#include "config.h"

#include "json.h"

#include <string.h>
#include <talloc.h>

struct level {
	char close;  /* ']' or '}' */
	bool items;  /* something was written at this level */
};

struct pd_json {
	FILE *fp;
	struct level *stack; /* talloc array */
	size_t depth, cap;
	bool after_key;      /* the next value completes a key: no separator */
	bool failed;
};

struct pd_json *pd_json_new(void *ctx, FILE *fp)
{
	struct pd_json *j = talloc_zero(ctx, struct pd_json);
	if (j == NULL)
		return NULL;
	j->fp = fp;
	j->cap = 8;
	j->stack = talloc_array(j, struct level, j->cap);
	if (j->stack == NULL) {
		talloc_free(j);
		return NULL;
	}
	return j;
}

static void indent(struct pd_json *j, size_t depth)
{
	putc('\n', j->fp);
	for (size_t i = 0; i < depth; i++)
		fputs("  ", j->fp);
}

/* Whatever goes before a value or a key at the current level. */
static void separate(struct pd_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	struct level *l = &j->stack[j->depth - 1];
	if (l->items)
		putc(',', j->fp);
	l->items = true;
	indent(j, j->depth);
}

static void begin(struct pd_json *j, char open, char close)
{
	separate(j);
	putc(open, j->fp);
	if (j->depth == j->cap) {
		struct level *s = talloc_realloc(j, j->stack, struct level, j->cap * 2);
		if (s == NULL) {
			j->failed = true;
			return;
		}
		j->stack = s;
		j->cap *= 2;
	}
	j->stack[j->depth++] = (struct level){ .close = close, .items = false };
}

static void end(struct pd_json *j, char close)
{
	if (j->depth == 0 || j->stack[j->depth - 1].close != close) {
		j->failed = true;
		return;
	}
	bool items = j->stack[--j->depth].items;
	if (items)
		indent(j, j->depth);
	putc(close, j->fp);
}

void pd_json_begin_object(struct pd_json *j) { begin(j, '{', '}'); }
void pd_json_end_object(struct pd_json *j) { end(j, '}'); }
void pd_json_begin_array(struct pd_json *j) { begin(j, '[', ']'); }
void pd_json_end_array(struct pd_json *j) { end(j, ']'); }

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf; /* range of the second byte */
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;   /* overlong */
		else if (c == 0xed)
			hi = 0x9f;   /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;   /* above U+10FFFF */
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

static void write_string(FILE *fp, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	putc('"', fp);
	size_t run = 0; /* bytes of s[i - run .. i) still to copy as they are */
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		const char *esc = NULL;
		char hex[8];
		size_t len = 1;
		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\r')
			esc = "\\r";
		else if (c == '\t')
			esc = "\\t";
		else if (c == '\b')
			esc = "\\b";
		else if (c == '\f')
			esc = "\\f";
		else if (c < 0x20) {
			snprintf(hex, sizeof(hex), "\\u%04x", c);
			esc = hex;
		} else if (c >= 0x80) {
			len = utf8_len(s + i, n - i);
			if (len == 0) {
				esc = "\xef\xbf\xbd"; /* U+FFFD for a byte that is no UTF-8 */
				len = 1;
			}
		}
		if (esc != NULL) {
			fwrite(s + i - run, 1, run, fp);
			run = 0;
			fputs(esc, fp);
		} else {
			run += len;
		}
		i += len;
	}
	fwrite(s + n - run, 1, run, fp);
	putc('"', fp);
}

void pd_json_key(struct pd_json *j, const char *key)
{
	separate(j);
	write_string(j->fp, key, strlen(key));
	fputs(": ", j->fp);
	j->after_key = true;
}

void pd_json_stringn(struct pd_json *j, const char *s, size_t len)
{
	separate(j);
	if (s == NULL)
		fputs("null", j->fp);
	else
		write_string(j->fp, s, len);
}

void pd_json_string(struct pd_json *j, const char *s)
{
	pd_json_stringn(j, s, s != NULL ? strlen(s) : 0);
}

void pd_json_int(struct pd_json *j, long long v)
{
	separate(j);
	fprintf(j->fp, "%lld", v);
}

void pd_json_bool(struct pd_json *j, bool v)
{
	separate(j);
	fputs(v ? "true" : "false", j->fp);
}

void pd_json_null(struct pd_json *j)
{
	separate(j);
	fputs("null", j->fp);
}

void pd_json_kstring(struct pd_json *j, const char *key, const char *s)
{
	pd_json_key(j, key);
	pd_json_string(j, s);
}

void pd_json_kint(struct pd_json *j, const char *key, long long v)
{
	pd_json_key(j, key);
	pd_json_int(j, v);
}

void pd_json_kbool(struct pd_json *j, const char *key, bool v)
{
	pd_json_key(j, key);
	pd_json_bool(j, v);
}

int pd_json_finish(struct pd_json *j)
{
	putc('\n', j->fp);
	return (j->failed || j->depth != 0) ? -1 : 0;
}
