/* The changelog an author writes into a cover letter (or below the `---`
 * of a single patch): "Changes in v4:", "v3 -> v4:", "Changes since v2:",
 * "Changelog:", b4's "Changes in v2: ... - Link to v1: ...". Pure text
 * work. */
#ifndef PD_CHANGELOG_H
#define PD_CHANGELOG_H

/* The changelog block of text: from its first heading to the end of its
 * list (a paragraph that is neither a heading nor a list item, a
 * shortlog, a diffstat, base-commit: or a signature ends it), trailing
 * blank lines cut, every line ending in "\n". NULL when text has none (or
 * out of memory). */
char *pd_changelog_extract(void *ctx, const char *text);

#endif
