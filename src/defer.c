#include "config.h"

#include "defer.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

/* Howard Hinnant's days_from_civil and civil_from_days: exact for every
 * Gregorian date, with no struct tm, so no time zone moves a day. */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* YYYY-MM-DD exactly, a real day of a year 1970..9999; -1 else. */
static long parse_iso(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return -1;
	if (s[10] != '\0')
		return -1;
	long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	long day = days_from_civil(y, m, d);
	long y2, m2, d2;
	civil_from_days(day, &y2, &m2, &d2);
	/* 2026-02-30 would come back as March: not a day. */
	return y2 == y && m2 == m && d2 == d ? day : -1;
}

long pd_defer_today(void)
{
	const char *env = getenv("PATCHDECK_TODAY");
	long day = env != NULL ? parse_iso(env) : -1;
	if (day >= 0)
		return day;
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm) == NULL)
		return (long)(now / 86400);
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1L, tm.tm_mday);
}

int pd_defer_parse(const char *s, long today, long *day, struct pd_err *err)
{
	long d = -1;
	if (s != NULL && s[0] == '+' && isdigit((unsigned char)s[1])) {
		char *end = NULL;
		errno = 0;
		long n = strtol(s + 1, &end, 10);
		long unit = end != NULL && strcmp(end, "d") == 0   ? 1
			    : end != NULL && strcmp(end, "w") == 0 ? 7
								   : 0;
		/* Ten years is far enough to put anything off. */
		if (errno == 0 && unit > 0 && n >= 1 && n * unit <= 3660)
			d = today + n * unit;
	} else if (s != NULL) {
		d = parse_iso(s);
	}
	if (d < 0 || d > days_from_civil(9999, 12, 31))
		return pd_err_set(err, PD_E_USAGE,
				  "'%s' is not a date to defer to; use YYYY-MM-DD, +Nd (days) or "
				  "+Nw (weeks), e.g. 2026-12-01 or +2w",
				  s ? s : "");
	if (d <= today) {
		char *t = pd_defer_format(NULL, today);
		int rc = pd_err_set(err, PD_E_USAGE,
				    "%s is not after today (%s); defer to a later day", s,
				    t ? t : "");
		talloc_free(t);
		return rc;
	}
	*day = d;
	return PD_OK;
}

char *pd_defer_format(void *ctx, long day)
{
	long y, m, d;
	civil_from_days(day, &y, &m, &d);
	return talloc_asprintf(ctx, "%04ld-%02ld-%02ld", y, m, d);
}

char *pd_defer_tag_prefix(void *ctx, const char *prefix)
{
	return talloc_asprintf(ctx, "%suntil/", prefix ? prefix : "");
}

char *pd_defer_tag(void *ctx, const char *prefix, long day)
{
	char *date = pd_defer_format(NULL, day);
	char *tag = date != NULL ? talloc_asprintf(ctx, "%suntil/%s", prefix ? prefix : "", date)
				 : NULL;
	talloc_free(date);
	return tag;
}

long pd_defer_of_tag(const char *prefix, const char *tag)
{
	size_t n = prefix ? strlen(prefix) : 0;
	if (tag == NULL || (n && strncmp(tag, prefix, n) != 0) ||
	    strncmp(tag + n, "until/", 6) != 0)
		return -1;
	return parse_iso(tag + n + 6);
}
