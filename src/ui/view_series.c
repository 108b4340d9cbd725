/* The series view: being built (issue 4); the stub keeps the build whole. */
#include "ui.h"

static int series_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	(void)ui, (void)view;
	return pd_err_set(err, PD_E_USAGE, "the series view is not built yet");
}

static void series_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			bool selected)
{
	(void)ui, (void)view, (void)row, (void)y, (void)selected;
}

const struct pd_view_ops pd_series_ops = {
	.name = "series",
	.id = PD_VIEW_SERIES,
	.open = series_open,
	.draw_line = series_draw,
};
