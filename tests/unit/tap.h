/* A minimal TAP producer for the C unit tests: one `ok`/`not ok` line per
 * check, counted by automake's TAP driver. Header-only on purpose: each test
 * program is one translation unit. */
#ifndef PD_TAP_H
#define PD_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline void tap_result(int pass, const char *name)
{
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%s %d - %s\n", pass ? "ok" : "not ok", tap_count, name);
}

/* Compares two strings exactly; NULL equals only NULL. */
static inline void tap_str(const char *got, const char *want, const char *name)
{
	int pass = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
	tap_result(pass, name);
	if (!pass)
		printf("#   got:  %s%s%s\n#   want: %s%s%s\n", got ? "'" : "",
		       got ? got : "NULL", got ? "'" : "", want ? "'" : "",
		       want ? want : "NULL", want ? "'" : "");
}

static inline void tap_int(long long got, long long want, const char *name)
{
	tap_result(got == want, name);
	if (got != want)
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
}

/* Prints the plan; returns the process exit status. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
