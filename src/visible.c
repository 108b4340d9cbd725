#include "config.h"

#include <string.h>
#include <talloc.h>

#include "visible.h"

/* Code points that draw nothing or change the direction of what follows:
 * a title that holds one looks like another title, or reads backwards. The
 * ranges are Unicode's bidi controls, the format characters (Cf) that draw
 * nothing, the fillers that draw blank, and the tag characters that can
 * hide ASCII text. Variation selectors are left alone: emoji need them. */
static const struct {
	uint32_t lo, hi;
} hidden[] = {
	{ 0x00AD, 0x00AD },   /* soft hyphen */
	{ 0x034F, 0x034F },   /* combining grapheme joiner */
	{ 0x061C, 0x061C },   /* Arabic letter mark */
	{ 0x115F, 0x1160 },   /* Hangul fillers */
	{ 0x17B4, 0x17B5 },   /* Khmer inherent vowels */
	{ 0x180B, 0x180E },   /* Mongolian selectors, vowel separator */
	{ 0x200B, 0x200F },   /* zero-width space/joiners, LRM, RLM */
	{ 0x2028, 0x202E },   /* line/paragraph separators, embeddings, overrides */
	{ 0x2060, 0x206F },   /* word joiner, invisible operators, isolates */
	{ 0x3164, 0x3164 },   /* Hangul filler */
	{ 0xFEFF, 0xFEFF },   /* zero-width no-break space, BOM */
	{ 0xFFA0, 0xFFA0 },   /* halfwidth Hangul filler */
	{ 0xFFF9, 0xFFFB },   /* interlinear annotation */
	{ 0x1D173, 0x1D17A }, /* musical formatting */
	{ 0xE0000, 0xE007F }, /* tags */
};

enum pd_visible_kind pd_visible_kind(uint32_t c)
{
	if (c < 0x20 || c == 0x7f)
		return PD_VISIBLE_CONTROL;
	if (c >= 0x80 && c < 0xa0)
		return PD_VISIBLE_CODEPOINT;
	if (c < 0xad)
		return PD_VISIBLE_PLAIN;
	for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
		if (c >= hidden[i].lo && c <= hidden[i].hi)
			return PD_VISIBLE_CODEPOINT;
	return PD_VISIBLE_PLAIN;
}

size_t pd_utf8_decode(const char *s, size_t left, uint32_t *c)
{
	const unsigned char *u = (const unsigned char *)s;
	if (left == 0)
		return 0;
	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		n = 2, v = u[0] & 0x1f, min = 0x80;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		n = 3, v = u[0] & 0x0f, min = 0x800;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		n = 4, v = u[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (u[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*c = v;
	return n;
}

/* Calls put(arg, bytes, len) for each piece of s as it is shown. */
static void walk(const char *s, bool keep_lines, void (*put)(void *, const char *, size_t),
		 void *arg)
{
	size_t left = strlen(s);
	while (left > 0) {
		/* The common run of plain ASCII in one piece. */
		size_t run = 0;
		while (run < left && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7f)
			run++;
		if (run > 0) {
			put(arg, s, run);
			s += run, left -= run;
			continue;
		}
		uint32_t c = 0;
		size_t n = pd_utf8_decode(s, left, &c);
		char buf[16];
		if (n == 0) {
			put(arg, "?", 1);
			n = 1;
		} else if (keep_lines && (c == '\n' || c == '\t')) {
			put(arg, s, n);
		} else {
			switch (pd_visible_kind(c)) {
			case PD_VISIBLE_CONTROL:
				buf[0] = '^', buf[1] = c == 0x7f ? '?' : (char)(c + '@');
				put(arg, buf, 2);
				break;
			case PD_VISIBLE_CODEPOINT:
				put(arg, buf, (size_t)snprintf(buf, sizeof(buf), "<U+%04X>", (unsigned)c));
				break;
			case PD_VISIBLE_PLAIN:
				put(arg, s, n);
				break;
			}
		}
		s += n, left -= n;
	}
}

static void put_talloc(void *arg, const char *p, size_t n)
{
	char **out = arg;
	if (*out != NULL)
		*out = talloc_strndup_append_buffer(*out, p, n);
}

static void put_file(void *arg, const char *p, size_t n)
{
	fwrite(p, 1, n, (FILE *)arg);
}

char *pd_visible(void *ctx, const char *s, bool keep_lines)
{
	char *out = talloc_strdup(ctx, "");
	walk(s != NULL ? s : "", keep_lines, put_talloc, &out);
	return out;
}

void pd_visible_put(FILE *out, const char *s, bool keep_lines)
{
	walk(s != NULL ? s : "", keep_lines, put_file, out);
}
