/* The short texts that present a revision in one line, shared by the
 * batch list (cmd_list.c) and the reader's series list (ui/view_list.c),
 * so both say the same thing the same way. */
#ifndef PD_SERIES_FMT_H
#define PD_SERIES_FMT_H

#include "series.h"

/* "v3", or "v2.1" for a minor version. */
char *pd_fmt_version(void *ctx, const struct pd_revision *rev);

/* Patches received / announced, "4/5"; "pull" for a pull request. The
 * missing-patches mark (PD_FMT_MISSING) is left to the caller, which may
 * draw it apart. */
char *pd_fmt_count(void *ctx, const struct pd_revision *rev);
#define PD_FMT_MISSING "!"

/* The review trailer counts, "A1 R2 T0". */
char *pd_fmt_trailers(void *ctx, const struct pd_revision *rev);

/* Widths of the version, count (with its missing mark) and trailer
 * columns: at least the usual ones, wider when a revision shown needs it
 * ("1/9999!", "A12 R10 T3"), so that one odd series never pushes the
 * columns of its line out of step with the others. */
struct pd_fmt_widths {
	int version, count, trailers;
};
void pd_fmt_widths_fit(struct pd_fmt_widths *w, const struct pd_revision *rev);

/* The author's name, else the address, else "". */
const char *pd_fmt_author(const struct pd_revision *rev);

#endif
