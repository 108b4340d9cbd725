/* Mail text and diffs as coloured pager lines, for every view that shows
 * a mail: the series view (cover letter), the patch view (commit message,
 * diff) and the message view (a reply).
 *
 * Tabs are expanded to 8-column stops here, because the screen code draws
 * a tab as one blank and kernel code is indented with tabs. Colours are
 * theme areas (rc.h); whitespace errors are spans of the whitespace area
 * over just the offending bytes, as `git diff --check` would name them.
 */
#ifndef PD_UI_DIFFVIEW_H
#define PD_UI_DIFFVIEW_H

#include "doc.h"
#include "trailer.h"

/* One line of text (up to its first '\n'), tabs expanded; NULL when out
 * of memory. */
struct pd_doc_line *pd_dv_add(struct pd_doc *doc, int area, const char *text);

/* Every line of text (a final '\n' adds no empty line), tabs expanded.
 * Returns PD_OK or PD_E_NOMEM. */
int pd_dv_add_text(struct pd_doc *doc, int area, const char *text);

/* A mail body as written by people: quoted lines by depth (quote1, quote2,
 * quote3 and deeper), everything below a `-- ` line as signature, review
 * and other trailer lines (`Reviewed-by:`, `Fixes:`, `Link:`) in
 * trailer_area. Returns PD_OK or PD_E_NOMEM. */
int pd_dv_add_mail(struct pd_doc *doc, const char *text, int trailer_area);

/* A commit message with its own trailers (those of its last paragraph that
 * pd_trailers_parse found, continuation lines included) in the trailer
 * area; the rest plain. */
int pd_dv_add_message(struct pd_doc *doc, const char *message,
		      const struct pd_trailer *trailers, size_t ntrailers);

/* A unified diff: file headers, hunk headers, added and removed lines in
 * their areas, whitespace errors of added lines marked. The first line of
 * each file's diff (`diff --git`, else `Index:` or `---`) gets kind
 * file_kind; *files (under ctx, may be NULL) lists their doc line indices
 * in diff order, *nfiles of them. Returns PD_OK or PD_E_NOMEM. */
int pd_dv_add_diff(struct pd_doc *doc, const char *diff, int file_kind, void *ctx,
		   size_t **files, size_t *nfiles);

/* Whitespace errors of the content of an added line (without its '+'),
 * as git's default core.whitespace sees them: blanks (and a CR) at the end,
 * and spaces before a tab in the indent. Writes up to max [start, end)
 * byte ranges of content into spans (pairs), returns how many. */
size_t pd_dv_ws_errors(const char *content, size_t len, size_t (*spans)[2], size_t max);

#endif
