/* Line-oriented scanning of a mail text, shared by the body split
 * (src/body.c) and the trailer parser (src/trailer.c): the input cut into
 * lines, the line kinds git am knows (`---`, `-- `, scissors), and a diff
 * followed hunk by hunk so its content is never read as anything else.
 * Internal to those two modules; pure string work.
 */
#ifndef PD_TEXTLINES_H
#define PD_TEXTLINES_H

#include <stdbool.h>
#include <stddef.h>

/* "No such line": an index past every array. */
#define PD_NONE ((size_t)-1)

/* One line of the input: len excludes the "\n" and a "\r" before it;
 * off and next are byte offsets of its start and of the next line. */
struct pd_line {
	const char *s;
	size_t len;
	size_t off, next;
};

/* Follows a diff line by line. Hunk bodies are counted from their `@@`
 * header, so their content is never mistaken for anything else. */
struct pd_diffscan {
	long old_left, new_left;
	bool binary;
	bool tolerant; /* a damaged hunk makes the rest, to the signature, diff */
	bool damaged;
};

/* The lines of text (NULL reads as ""), as an array under ctx; *count
 * lines. NULL only when out of memory. */
struct pd_line *pd_lines_split(void *ctx, const char *text, size_t *count);

bool pd_is_ws(char c);
bool pd_line_starts(const struct pd_line *l, const char *prefix);
bool pd_line_starts_nocase(const struct pd_line *l, const char *prefix);
bool pd_line_blank(const struct pd_line *l);
/* `---` alone (trailing blanks allowed): the end of the commit message. */
bool pd_line_separator(const struct pd_line *l);
/* `-- `: a signature follows. */
bool pd_line_signature(const struct pd_line *l);
/* `-- >8 --`, `--8<--`: git am's scissors. */
bool pd_line_scissors(const struct pd_line *l);

/* Lines [a, b) joined with "\n" after each, blank lines trimmed at both
 * ends; "" when nothing is left. */
char *pd_lines_join(void *ctx, const struct pd_line *v, size_t a, size_t b);
/* s[0, len) with white space trimmed at both ends. */
char *pd_trimmed(void *ctx, const char *s, size_t len);
/* Folded lines as one value from *i on, below end; advances *i. */
char *pd_unfold(void *ctx, const char *s, size_t len, const struct pd_line *v,
		size_t *i, size_t end);

/* Where a diff starts, as git am sees it. */
bool pd_diff_starts(const struct pd_line *v, size_t n, size_t i);
/* True when l belongs to the diff being scanned. */
bool pd_diff_line(struct pd_diffscan *d, const struct pd_line *l);

#endif
