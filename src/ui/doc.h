/* A pager's text: the series, patch and message views build one and hand
 * the drawing, wrapping and searching to it.
 *
 * A document is logical lines (one line of the text each, without '\n'),
 * each with an area and optional spans that colour part of it. On screen a
 * line is one row cut at the edge, or, with wrap on, as many rows as it
 * needs; view->lines counts rows, so the generic scrolling, paging and
 * search work on what is seen. Line text is untrusted mail text: pd_put
 * draws it, escapes and all.
 */
#ifndef PD_UI_DOC_H
#define PD_UI_DOC_H

#include "ui.h"

struct pd_doc_span {
	size_t start, end; /* bytes of the line's text, end exclusive */
	int area;          /* enum pd_area */
};

struct pd_doc_line {
	char *text;
	int area;                  /* the area of what no span covers */
	struct pd_doc_span *spans; /* in order, not overlapping */
	size_t nspans;
	int kind;                  /* the view's own tag (a diffstat line, ...) */
	bool code;                 /* wrapped at the edge, not between words */
	const void *ref;           /* what Enter on this line opens, or NULL */
};

struct pd_doc {
	struct pd_doc_line *lines;
	size_t nlines;
	bool wrap;
	/* private: the layout for width, rows as (line, byte offset) */
	size_t *row_line, *row_off;
	size_t nrows, cap, cap_rows;
	int width;
	bool laid_out_wrap;
};

struct pd_doc *pd_doc_new(void *ctx);
/* Adds one line (text up to its first '\n', copied); NULL when out of
 * memory. */
struct pd_doc_line *pd_doc_add(struct pd_doc *doc, int area, const char *text);
struct pd_doc_line *pd_doc_addf(struct pd_doc *doc, int area, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds every line of text (split at '\n'; a final '\n' adds no empty
 * line). Returns PD_OK or PD_E_NOMEM. */
int pd_doc_add_text(struct pd_doc *doc, int area, const char *text);
/* Colours bytes start..end of line with area. */
int pd_doc_span(struct pd_doc_line *line, size_t start, size_t end, int area);

/* Lays the document out for the screen's width; returns its row count
 * (what view->lines must be). Cheap when nothing changed. */
size_t pd_doc_layout(struct pd_ui *ui, struct pd_doc *doc);
/* The line shown on row, the first row of line. */
size_t pd_doc_line_at(const struct pd_doc *doc, size_t row);
size_t pd_doc_row_of(const struct pd_doc *doc, size_t line);
/* Toggles wrapping and keeps view's cursor and top on the same lines. */
void pd_doc_toggle_wrap(struct pd_ui *ui, struct pd_view *view, struct pd_doc *doc);

/* The pager ops' parts: draws
 * row, gives the text of row for searches, re-lays out on resize. */
void pd_doc_draw(struct pd_ui *ui, struct pd_doc *doc, size_t row, int y, bool selected);
char *pd_doc_row_text(void *ctx, const struct pd_doc *doc, size_t row);
void pd_doc_relayout(struct pd_ui *ui, struct pd_view *view, struct pd_doc *doc);

#endif
