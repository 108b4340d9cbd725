/* Diffs from mail handed to libgit2's patch parser.
 *
 * libgit2 1.5 refuses a file section that creates or deletes an empty
 * file ("invalid patch header"): git writes it with no ---/+++ lines and
 * no hunk, which real series do (an empty placeholder, a test fixture).
 * One such file made a whole patch impossible to apply, count or
 * patch-id. Every diff goes to libgit2 through pd_diff_parse, which adds
 * the ---/+++ lines those sections lack; git apply reads both forms alike.
 */
#ifndef PD_DIFF_PARSE_H
#define PD_DIFF_PARSE_H

#include <git2.h>
#include <stddef.h>

/* text (len bytes) with the ---/+++ lines added where a section creates
 * or deletes a file without them; NULL when nothing needs adding (or out
 * of memory: the caller then parses text as it is). Pure. */
char *pd_diff_normalise(void *ctx, const char *text, size_t len);

/* The other way: text libgit2 printed (git_diff_to_buf) as git diff
 * prints it, which differs in two places: a file created or deleted empty
 * has no ---/+++ lines, and a binary file renamed unchanged no "Binary
 * files ... differ" line. Under ctx; NULL only without memory. */
char *pd_diff_as_git(void *ctx, const char *text, size_t len);

/* The first file of text that git apply refuses as "cannot apply binary
 * patch to 'PATH' without full index line": a "Binary files ... differ"
 * section (no data) whose index line abbreviates the ids, so the result
 * cannot be known. Its path under ctx, or NULL when there is none. */
char *pd_diff_binary_unappliable(void *ctx, const char *text, size_t len);

/* git_diff_from_buffer of the normalised text. */
int pd_diff_parse(git_diff **out, const char *text, size_t len);

#endif
