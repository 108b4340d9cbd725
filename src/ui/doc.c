/* Pager documents: lines with areas, cut or wrapped to the screen. */
#include "doc.h"

#include <stdarg.h>
#include <string.h>
#include <talloc.h>

struct pd_doc *pd_doc_new(void *ctx)
{
	return talloc_zero(ctx, struct pd_doc);
}

struct pd_doc_line *pd_doc_add(struct pd_doc *doc, int area, const char *text)
{
	if (doc->nlines == doc->cap) {
		size_t cap = doc->cap ? 2 * doc->cap : 64;
		struct pd_doc_line *l = talloc_realloc(doc, doc->lines, struct pd_doc_line, cap);
		if (l == NULL)
			return NULL;
		doc->lines = l;
		doc->cap = cap;
	}
	const char *nl = strchr(text, '\n');
	char *copy = talloc_strndup(doc, text, nl ? (size_t)(nl - text) : strlen(text));
	if (copy == NULL)
		return NULL;
	doc->width = -1; /* the layout is stale */
	struct pd_doc_line *line = &doc->lines[doc->nlines++];
	*line = (struct pd_doc_line){ .text = copy, .area = area };
	return line;
}

struct pd_doc_line *pd_doc_addf(struct pd_doc *doc, int area, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = talloc_vasprintf(doc, fmt, ap);
	va_end(ap);
	if (s == NULL)
		return NULL;
	struct pd_doc_line *line = pd_doc_add(doc, area, s);
	talloc_free(s);
	return line;
}

int pd_doc_add_text(struct pd_doc *doc, int area, const char *text)
{
	const char *p = text;
	while (*p != '\0') {
		if (pd_doc_add(doc, area, p) == NULL)
			return PD_E_NOMEM;
		const char *nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return PD_OK;
}

int pd_doc_span(struct pd_doc_line *line, size_t start, size_t end, int area)
{
	size_t len = strlen(line->text);
	if (end > len)
		end = len;
	if (start >= end)
		return PD_OK;
	struct pd_doc_span *s = talloc_realloc(line->text, line->spans, struct pd_doc_span,
					       line->nspans + 1);
	if (s == NULL)
		return PD_E_NOMEM;
	line->spans = s;
	s[line->nspans++] = (struct pd_doc_span){ .start = start, .end = end, .area = area };
	return PD_OK;
}

static bool add_row(struct pd_doc *doc, size_t line, size_t off)
{
	if (doc->nrows == doc->cap_rows) {
		size_t cap = doc->cap_rows ? 2 * doc->cap_rows : 64;
		size_t *rl = talloc_realloc(doc, doc->row_line, size_t, cap);
		if (rl == NULL)
			return false;
		doc->row_line = rl;
		size_t *ro = talloc_realloc(doc, doc->row_off, size_t, cap);
		if (ro == NULL)
			return false;
		doc->row_off = ro;
		doc->cap_rows = cap;
	}
	doc->row_line[doc->nrows] = line;
	doc->row_off[doc->nrows] = off;
	doc->nrows++;
	return true;
}

size_t pd_doc_layout(struct pd_ui *ui, struct pd_doc *doc)
{
	int width = ui->cols > 0 ? ui->cols : 1;
	if (doc->width == width && doc->laid_out_wrap == doc->wrap)
		return doc->nrows;
	doc->nrows = 0;
	for (size_t i = 0; i < doc->nlines; i++) {
		const char *text = doc->lines[i].text;
		size_t off = 0;
		if (!add_row(doc, i, 0))
			goto nomem;
		if (!doc->wrap)
			continue;
		for (;;) {
			size_t n = pd_text_fit(ui, text + off, width);
			if (n == 0 || text[off + n] == '\0')
				break;
			/* Break after the row's last blank, as prose is read; a
			 * row without one (a path, a URL) and code are cut at
			 * the edge. */
			if (!doc->lines[i].code && text[off + n] != ' ') {
				size_t b = n;
				while (b > 1 && text[off + b - 1] != ' ')
					b--;
				if (b > 1)
					n = b;
			}
			off += n;
			if (!add_row(doc, i, off))
				goto nomem;
		}
	}
	doc->width = width;
	doc->laid_out_wrap = doc->wrap;
	return doc->nrows;
nomem:
	/* Out of memory: show one row per line, the rows made so far. */
	doc->width = -1;
	return doc->nrows;
}

size_t pd_doc_line_at(const struct pd_doc *doc, size_t row)
{
	if (doc->nrows == 0)
		return 0;
	return doc->row_line[row < doc->nrows ? row : doc->nrows - 1];
}

size_t pd_doc_row_of(const struct pd_doc *doc, size_t line)
{
	/* Rows are in line order: the first row of line by bisection. */
	size_t lo = 0, hi = doc->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->row_line[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->nrows ? lo : (doc->nrows ? doc->nrows - 1 : 0);
}

void pd_doc_relayout(struct pd_ui *ui, struct pd_view *view, struct pd_doc *doc)
{
	size_t cur = pd_doc_line_at(doc, view->cursor);
	size_t top = pd_doc_line_at(doc, view->top);
	bool stale = doc->width != (ui->cols > 0 ? ui->cols : 1) ||
		     doc->laid_out_wrap != doc->wrap;
	view->lines = pd_doc_layout(ui, doc);
	if (stale) {
		view->cursor = pd_doc_row_of(doc, cur);
		view->top = pd_doc_row_of(doc, top);
	}
}

void pd_doc_toggle_wrap(struct pd_ui *ui, struct pd_view *view, struct pd_doc *doc)
{
	doc->wrap = !doc->wrap;
	pd_doc_relayout(ui, view, doc);
	pd_view_clamp(ui, view);
	pd_ui_message(ui, doc->wrap ? "long lines wrap" : "long lines are cut at the edge");
}

/* Draws bytes [from, to) of line in its areas from column x. */
static int draw_piece(struct pd_ui *ui, const struct pd_doc_line *line, size_t from,
		      size_t to, int y, int x, bool selected)
{
	size_t pos = from;
	size_t s = 0;
	while (pos < to && x < ui->cols) {
		while (s < line->nspans && line->spans[s].end <= pos)
			s++;
		int area = line->area;
		size_t end = to;
		if (s < line->nspans && line->spans[s].start <= pos) {
			area = line->spans[s].area;
			if (line->spans[s].end < end)
				end = line->spans[s].end;
		} else if (s < line->nspans && line->spans[s].start < end) {
			end = line->spans[s].start;
		}
		char *piece = talloc_strndup(NULL, line->text + pos, end - pos);
		if (piece == NULL)
			break;
		x = pd_put(ui, y, x, ui->cols, selected ? PD_AREA_CURSOR : area, piece);
		talloc_free(piece);
		pos = end;
	}
	return x;
}

void pd_doc_draw(struct pd_ui *ui, struct pd_doc *doc, size_t row, int y, bool selected)
{
	if (row >= doc->nrows)
		return;
	const struct pd_doc_line *line = &doc->lines[doc->row_line[row]];
	size_t from = doc->row_off[row];
	size_t to = row + 1 < doc->nrows && doc->row_line[row + 1] == doc->row_line[row]
			    ? doc->row_off[row + 1]
			    : strlen(line->text);
	int x = draw_piece(ui, line, from, to, y, 0, selected);
	pd_put_pad(ui, y, x, ui->cols, selected ? PD_AREA_CURSOR : line->area, "");
}

char *pd_doc_row_text(void *ctx, const struct pd_doc *doc, size_t row)
{
	if (row >= doc->nrows)
		return talloc_strdup(ctx, "");
	/* Searches match the whole line, so a match split by wrapping is
	 * still found (on the line's first row). */
	if (doc->row_off[row] != 0)
		return talloc_strdup(ctx, "");
	return talloc_strdup(ctx, doc->lines[doc->row_line[row]].text);
}
