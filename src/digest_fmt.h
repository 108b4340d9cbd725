/* The list digest as text, in the layout of the real digests in
 * shared/reference (DIGEST.md), and the pieces of a mail it prints. Pure
 * formatting: a struct pd_digest (digest.h) in, a string out.
 */
#ifndef PD_DIGEST_FMT_H
#define PD_DIGEST_FMT_H

#include <stdbool.h>

#include "digest.h"

/* What the report is about: the list's name and the two ends of the
 * range, printed as given. */
struct pd_digest_head {
	const char *list;
	const char *start;
	const char *end;
};

/* A mail's text as an entry prints it. The in-body header lines (From:,
 * Date:, Subject: at the top) are dropped, the blank line after them
 * kept. A patch: *message is the text up to the `---` line (or the diff),
 * *stat what follows it through the `N files changed` line (the notes and
 * the diffstat as sent). A cover letter or a pull request (cover true):
 * *message is the text through its last `N files changed` line (else up
 * to the signature), *stat NULL. Lines keep their "\n"; trailing blank
 * lines are dropped. Returns 0 or PD_E_NOMEM. */
int pd_digest_split(void *ctx, const char *text, bool cover, char **message, char **stat);

/* The stat block an entry prints for mail m: the sent one, else one
 * computed from its diff, else "". NULL only when out of memory. */
char *pd_digest_stat(void *ctx, const struct pd_mail *m, const char *sent);

/* The whole report. NULL only when out of memory. */
char *pd_digest_format(void *ctx, const struct pd_digest *d, const struct pd_digest_head *head);

/* The patch list line of one revision, without "\n", with the version
 * and count padded to the given widths (0: not padded). */
char *pd_digest_series_line(void *ctx, const struct pd_digest_series *s, int vwidth,
			    int cwidth);

#endif
