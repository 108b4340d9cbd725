/* Text from mail made safe for a terminal, the same way on the screen and
 * on the command line (issue 8).
 *
 * Mail is written by strangers: a subject can carry an escape sequence that
 * retitles or clears the terminal, a bidi override that shows a title
 * backwards, a zero-width space that makes two different titles look equal.
 * None of them may reach the terminal as it is, and none may vanish: each
 * is shown as a visible stand-in the reader marks.
 */
#ifndef PD_VISIBLE_H
#define PD_VISIBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum pd_visible_kind {
	PD_VISIBLE_PLAIN,     /* shown as it is */
	PD_VISIBLE_CONTROL,   /* a C0 control or DEL: ^X (^? for DEL) */
	PD_VISIBLE_CODEPOINT, /* C1, bidi or invisible: <U+XXXX> */
};

/* How code point c is shown. Tab and newline are controls here; the
 * callers that keep them check for them first. */
enum pd_visible_kind pd_visible_kind(uint32_t c);

/* The length of the well-formed UTF-8 sequence at s (at most left bytes)
 * and its code point in *c; 0 when s does not start one (a stray byte, an
 * overlong form, a surrogate, a cut sequence). */
size_t pd_utf8_decode(const char *s, size_t left, uint32_t *c);

/* s as it is shown: controls as ^X, C1/bidi/invisible code points as
 * <U+XXXX>, every byte that is not UTF-8 as '?'. Tabs and newlines stay
 * when keep_lines, else they are controls too. NULL only without memory. */
char *pd_visible(void *ctx, const char *s, bool keep_lines);

/* The same, written to out. */
void pd_visible_put(FILE *out, const char *s, bool keep_lines);

#endif
