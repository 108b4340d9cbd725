/* Deferred until a date (issue 6): the date a deferred revision comes
 * back, kept as a second notmuch tag beside PREFIX"deferred":
 * PREFIX"until/YYYY-MM-DD". Days are counted from 1970-01-01 in the
 * proleptic Gregorian calendar, so no time zone or DST enters the sums.
 * Pure: no notmuch. */
#ifndef PD_DEFER_H
#define PD_DEFER_H

#include "status.h"

/* Today, as a day number: the local date, or the PATCHDECK_TODAY
 * environment variable (YYYY-MM-DD; a test hook) when it is set and
 * valid. */
long pd_defer_today(void);

/* The day named by s: YYYY-MM-DD, or +N followed by d (days) or w
 * (weeks) counted from today. A date before today is refused (a deferral
 * into the past is a typo). Errors: PD_E_USAGE with one line in err. */
int pd_defer_parse(const char *s, long today, long *day, struct pd_err *err);

/* "YYYY-MM-DD" of day, under ctx. */
char *pd_defer_format(void *ctx, long day);

/* The tag that holds day under prefix ("pd/until/2026-12-01"). */
char *pd_defer_tag(void *ctx, const char *prefix, long day);

/* The start of every such tag under prefix ("pd/until/"). */
char *pd_defer_tag_prefix(void *ctx, const char *prefix);

/* The day of an until tag under prefix; -1 when tag is none. */
long pd_defer_of_tag(const char *prefix, const char *tag);

#endif
