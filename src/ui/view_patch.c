/* The patch view: being built (issue 4); the stub keeps the build whole. */
#include "ui.h"

static int patch_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	(void)ui, (void)view;
	return pd_err_set(err, PD_E_USAGE, "the patch view is not built yet");
}

static void patch_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			bool selected)
{
	(void)ui, (void)view, (void)row, (void)y, (void)selected;
}

const struct pd_view_ops pd_patch_ops = {
	.name = "patch",
	.id = PD_VIEW_PATCH,
	.open = patch_open,
	.draw_line = patch_draw,
};
