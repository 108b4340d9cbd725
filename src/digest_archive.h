/* The mail a range of a public-inbox archive adds, for `patchdeck digest
 * --archive`: read from the archive itself (pubinbox.h), not from the
 * store, so the digest holds exactly the messages the commits after FROM
 * through TO added, whether or not they were imported. A message the range
 * adds and then removes again (spam a list admin purged) is left out. */
#ifndef PD_DIGEST_ARCHIVE_H
#define PD_DIGEST_ARCHIVE_H

#include <stddef.h>

#include "mail.h"
#include "series.h"
#include "status.h"

struct pd_digest_range {
	struct pd_mail **mails;
	size_t nmails;
	struct pd_model *model;   /* over mails */
	char *start, *end;        /* the two commits, 9 hex digits as in the
				     digests lists send */
};

/* The range (from, to] of the archive at path: from NULL is its start
 * (start is then its first commit), to NULL its tip. *out under ctx. */
int pd_digest_archive(struct pd_digest_range **out, void *ctx, const char *path,
		      const char *from, const char *to, struct pd_err *err);

#endif
