/* Generic view code: the stack, scrolling, selection, search, and drawing
 * the screen (view lines, status bar, message line). */
#include "ui.h"
#include "store_same.h"

#include <stdarg.h>
#include <string.h>
#include <talloc.h>

int pd_view_height(const struct pd_ui *ui)
{
	return ui->rows > 2 ? ui->rows - 2 : 0;
}

int pd_view_push(struct pd_ui *ui, const struct pd_view_ops *ops, void *arg,
		 struct pd_err *err)
{
	struct pd_view *view = talloc_zero(ui->ctx, struct pd_view);
	if (view == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	view->ops = ops;
	view->arg = arg;
	view->below = ui->top;
	view->about = ui->top != NULL ? ui->top->ops->id : PD_VIEW_LIST;
	int rc = ops->open(ui, view, err);
	if (rc != PD_OK) {
		talloc_free(view);
		/* Mail files that cannot be read, a series no longer there: when
		 * the database was replaced under the reader, that is the one
		 * thing to say (its fix is not `notmuch new`). */
		struct pd_err same;
		pd_err_init(&same, NULL);
		if (rc != PD_E_NOMEM && ui->store != NULL &&
		    pd_store_same(ui->store, &same) == PD_E_DB_REPLACED)
			rc = pd_err_set(err, PD_E_DB_REPLACED, "%s", same.msg);
		talloc_free(same.msg);
		return rc;
	}
	ui->top = view;
	pd_view_clamp(ui, view);
	return PD_OK;
}

bool pd_view_open(struct pd_ui *ui, const struct pd_view_ops *ops, void *arg)
{
	struct pd_err err;
	pd_err_init(&err, NULL);
	int rc = pd_view_push(ui, ops, arg, &err);
	if (rc != PD_OK)
		pd_ui_error(ui, "%s", pd_err_msg(&err));
	talloc_free(err.msg);
	return rc == PD_OK;
}

void pd_view_pop(struct pd_ui *ui)
{
	struct pd_view *view = ui->top;
	if (view == NULL)
		return;
	ui->top = view->below;
	talloc_free(view);
	if (ui->top == NULL)
		ui->quit = true;
}

/* Keeps the cursor on a row and in sight. */
void pd_view_clamp(struct pd_ui *ui, struct pd_view *view)
{
	size_t h = (size_t)pd_view_height(ui);

	if (view->lines == 0) {
		view->cursor = view->top = 0;
		return;
	}
	if (view->cursor >= view->lines)
		view->cursor = view->lines - 1;
	if (view->cursor < view->top)
		view->top = view->cursor;
	if (h > 0 && view->cursor >= view->top + h)
		view->top = view->cursor - h + 1;
	/* No empty screen below the last line when it could be full. */
	if (h > 0 && view->top + h > view->lines)
		view->top = view->lines > h ? view->lines - h : 0;
}

static void move_to(struct pd_ui *ui, struct pd_view *view, size_t row)
{
	view->cursor = row;
	pd_view_clamp(ui, view);
}

static void page(struct pd_ui *ui, struct pd_view *view, int dir)
{
	size_t h = (size_t)pd_view_height(ui);
	if (h == 0 || view->lines == 0)
		return;
	if (dir > 0) {
		if (view->top + h >= view->lines) {
			move_to(ui, view, view->lines - 1);
			return;
		}
		view->top += h;
		view->cursor += h;
	} else {
		if (view->top == 0) {
			move_to(ui, view, 0);
			return;
		}
		view->top = view->top > h ? view->top - h : 0;
		view->cursor = view->cursor > h ? view->cursor - h : 0;
	}
	pd_view_clamp(ui, view);
}

static void next_unread(struct pd_ui *ui, struct pd_view *view)
{
	for (size_t i = view->cursor + 1; view->ops->is_unread && i < view->lines; i++) {
		if (view->ops->is_unread(view, i)) {
			move_to(ui, view, i);
			return;
		}
	}
	pd_ui_message(ui, "no unread line below");
}

/* A pattern of ASCII letters, digits, spaces and punctuation that means
 * nothing to an extended regex: a search for it is a plain substring
 * search, ignoring case as REG_ICASE does. regexec costs microseconds a
 * line, too much for a list of 100,000 messages' series. */
static bool plain_pattern(const char *p)
{
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f || strchr(".[]()*+?{}|^$\\", *p))
			return false;
	return true;
}

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool contains_folded(const char *text, const char *p, size_t n)
{
	for (; *text; text++) {
		size_t i = 0;
		while (i < n && text[i] != '\0' && fold(text[i]) == fold(p[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

void pd_view_find(struct pd_ui *ui, int dir)
{
	struct pd_view *view = ui->top;

	if (ui->search == NULL) {
		pd_ui_error(ui, "no search yet; press / to search");
		return;
	}
	if (view->lines == 0 || view->ops->line_text == NULL) {
		pd_ui_error(ui, "not found: %s", ui->search);
		return;
	}
	bool wrap = pd_config_bool(ui->cfg, PD_OPTION_WRAP_SEARCH);
	bool plain = plain_pattern(ui->search);
	size_t plen = strlen(ui->search);
	size_t n = view->lines, row = view->cursor;
	for (size_t step = 1; step <= n; step++) {
		size_t i;
		if (dir > 0) {
			if (!wrap && row + step >= n)
				break;
			i = (row + step) % n;
		} else {
			if (!wrap && step > row)
				break;
			i = (row + n - step % n) % n;
		}
		char *text = view->ops->line_text(NULL, ui, view, i);
		bool hit = text != NULL && (plain ? contains_folded(text, ui->search, plen)
					      : regexec(&ui->search_re, text, 0, NULL, 0) == 0);
		talloc_free(text);
		if (hit) {
			move_to(ui, view, i);
			if ((dir > 0 && i <= row) || (dir < 0 && i >= row))
				pd_ui_message(ui, "search wrapped: %s", ui->search);
			return;
		}
	}
	pd_ui_error(ui, "not found: %s", ui->search);
}

bool pd_view_action(struct pd_ui *ui, enum pd_action action)
{
	struct pd_view *view = ui->top;

	if (view->ops->handle != NULL && view->ops->handle(ui, view, action))
		return true;
	if ((pd_action_views(action) & (1u << view->ops->id)) == 0)
		return false;
	switch (action) {
	case PD_ACT_MOVE_DOWN:
		if (view->cursor + 1 < view->lines)
			move_to(ui, view, view->cursor + 1);
		break;
	case PD_ACT_MOVE_UP:
		if (view->cursor > 0)
			move_to(ui, view, view->cursor - 1);
		break;
	case PD_ACT_PAGE_DOWN:
		page(ui, view, +1);
		break;
	case PD_ACT_PAGE_UP:
		page(ui, view, -1);
		break;
	case PD_ACT_MOVE_FIRST:
		move_to(ui, view, 0);
		break;
	case PD_ACT_MOVE_LAST:
		move_to(ui, view, view->lines ? view->lines - 1 : 0);
		break;
	case PD_ACT_NEXT_UNREAD:
		next_unread(ui, view);
		break;
	case PD_ACT_SEARCH:
		pd_prompt_open(ui, '/');
		break;
	case PD_ACT_FIND_NEXT:
		pd_view_find(ui, +1);
		break;
	case PD_ACT_FIND_PREV:
		pd_view_find(ui, -1);
		break;
	case PD_ACT_PROMPT:
		pd_prompt_open(ui, ':');
		break;
	case PD_ACT_HELP:
		if (view->ops != &pd_help_ops)
			pd_view_open(ui, &pd_help_ops, NULL);
		break;
	case PD_ACT_BACK:
		pd_view_pop(ui);
		break;
	case PD_ACT_QUIT:
		ui->quit = true;
		break;
	case PD_ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case PD_ACT_SUSPEND:
		pd_display_suspend(ui);
		break;
	/* The views' own actions: their handle() takes them. */
	case PD_ACT_OPEN:
	case PD_ACT_SORT:
	case PD_ACT_REVISIONS:
	case PD_ACT_PREV_REVISION:
	case PD_ACT_NEXT_REVISION:
	case PD_ACT_RANGEDIFF:
	case PD_ACT_APPLY:
	case PD_ACT_FILE_BASE:
	case PD_ACT_FILE_LOG:
	case PD_ACT_MAINTAINERS:
	case PD_ACT_EDIT:
	case PD_ACT_NEXT_PATCH:
	case PD_ACT_PREV_PATCH:
	case PD_ACT_NEXT_MESSAGE:
	case PD_ACT_PREV_MESSAGE:
	case PD_ACT_THREAD:
	case PD_ACT_WRAP:
	case PD_ACT_SET_STATE:
	case PD_ACT_CYCLE_STATE:
	case PD_ACT_REFRESH:
	case PD_ACT_REPLY:
	case PD_ACT_REPLY_SERIES:
	case PD_ACT_TRAILER:
	case PD_ACT_MARK:
	case PD_ACT_NONE:
	case PD_ACTION_COUNT:
		return false;
	}
	return true;
}

/* ------------------------------------------------------------ drawing */

static void draw_status(struct pd_ui *ui, int y)
{
	struct pd_view *view = ui->top;
	char *right = talloc_asprintf(NULL, " %zu/%zu ",
				      view->lines ? view->cursor + 1 : 0, view->lines);
	int rw = right ? (int)strlen(right) : 0;
	char *left = talloc_asprintf(NULL, " %s: ", view->ops->name);
	int x = pd_put(ui, y, 0, ui->cols - rw, PD_AREA_STATUS, left ? left : "");
	x = pd_put(ui, y, x, ui->cols - rw, PD_AREA_STATUS, view->title ? view->title : "");
	pd_put_pad(ui, y, x, ui->cols - rw, PD_AREA_STATUS, "");
	pd_put_pad(ui, y, ui->cols - rw > 0 ? ui->cols - rw : 0, ui->cols, PD_AREA_STATUS,
		   right ? right : "");
	talloc_free(left);
	talloc_free(right);
}

static void draw_last_line(struct pd_ui *ui, int y)
{
	if (ui->prompt != 0) {
		char p[2] = { ui->prompt, 0 };
		/* Keep the end of a long input in sight. */
		const char *in = ui->input;
		while (*in != '\0' && pd_text_width(ui, in) + 2 > ui->cols)
			in++;
		int x = pd_put(ui, y, 0, ui->cols, PD_AREA_PROMPT, p);
		pd_put_pad(ui, y, x, ui->cols, PD_AREA_PROMPT, in);
		int cx = 1 + pd_text_width(ui, in);
		move(y, cx < ui->cols ? cx : ui->cols - 1);
		curs_set(1);
		return;
	}
	curs_set(0);
	int style = ui->msg_error ? PD_AREA_ERROR : PD_AREA_MESSAGE;
	const char *msg = ui->msg ? ui->msg : "";
	if (ui->cols < 2 || pd_text_width(ui, msg) <= ui->cols) {
		pd_put_pad(ui, y, 0, ui->cols, style, msg);
		return;
	}
	/* An error names the thing and its fix, often a path: cut at the
	 * screen's edge it says neither. A long one takes the lines above
	 * the last (over the view, until the next key), broken at spaces,
	 * at most a third of the screen (and eight lines), the rest cut
	 * with the more mark. */
	enum { MSG_LINES_MAX = 8 };
	int max = ui->rows / 3 > 1 ? ui->rows / 3 : 1;
	if (max > MSG_LINES_MAX)
		max = MSG_LINES_MAX;
	const char *line[MSG_LINES_MAX];
	size_t len[MSG_LINES_MAX];
	int n = 0;
	while (*msg != '\0' && n < max) {
		size_t fit = pd_text_fit(ui, msg, ui->cols);
		if (msg[fit] != '\0' && n + 1 < max) {
			size_t sp = fit;
			while (sp > 0 && msg[sp] != ' ')
				sp--;
			if (sp > 0)
				fit = sp;
		}
		line[n] = msg;
		len[n++] = fit;
		msg += fit;
		while (*msg == ' ')
			msg++;
	}
	bool cut = *msg != '\0';
	for (int i = 0; i < n; i++) {
		int row = y - (n - 1) + i;
		char *text = talloc_strndup(ui->ctx, line[i], len[i]);
		if (i + 1 == n && cut) {
			int x = pd_put(ui, row, 0, ui->cols - 1, style, text ? text : "");
			x = pd_put(ui, row, x, ui->cols, style, ui->glyph.more);
			pd_put_pad(ui, row, x, ui->cols, style, "");
		} else {
			pd_put_pad(ui, row, 0, ui->cols, style, text ? text : "");
		}
		talloc_free(text);
	}
}

void pd_ui_draw(struct pd_ui *ui)
{
	struct pd_view *view = ui->top;
	int h = pd_view_height(ui);

	erase();
	if (view != NULL) {
		if (view->ops->layout != NULL)
			view->ops->layout(ui, view);
		pd_view_clamp(ui, view);
		for (int y = 0; y < h; y++) {
			size_t row = view->top + (size_t)y;
			if (row >= view->lines)
				break;
			view->ops->draw_line(ui, view, row, y, row == view->cursor);
		}
		if (ui->rows >= 2)
			draw_status(ui, ui->rows - 2);
	}
	if (ui->rows >= 1)
		draw_last_line(ui, ui->rows - 1);
	refresh();
}

static void set_msg(struct pd_ui *ui, bool error, const char *fmt, va_list ap)
{
	talloc_free(ui->msg);
	ui->msg = talloc_vasprintf(ui->ctx, fmt, ap);
	ui->msg_error = error;
}

void pd_ui_message(struct pd_ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_msg(ui, false, fmt, ap);
	va_end(ap);
}

void pd_ui_error(struct pd_ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_msg(ui, true, fmt, ap);
	va_end(ap);
}
