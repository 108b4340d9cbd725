/* A reply to a list mail as the kernel lists expect it: threading
 * headers, Re: subject, To the sender and Cc everyone the mail went to
 * (not you), the mail quoted under an attribution line, and for a quick
 * review answer a trailer with your identity. Pure: builds text from the
 * model and plain addresses; reading the To:/Cc: of the mail file is
 * reply_headers.h, sending and saving are the caller's. */
#ifndef PD_REPLY_H
#define PD_REPLY_H

#include <stddef.h>
#include <time.h>

#include "mail.h"
#include "series.h"
#include "status.h"

struct pd_addr {
	char *name;  /* "" when none */
	char *email; /* as written */
};

/* X(ID, "option word", "trailer") */
#define PD_REPLY_TRAILER_LIST(X)                                              \
	X(REVIEWED, "reviewed", "Reviewed-by")                                 \
	X(ACKED, "acked", "Acked-by")                                          \
	X(TESTED, "tested", "Tested-by")

#define PD_REPLY_TRAILER_ENUM(id, word, name) PD_TRAILER_##id,
enum pd_reply_trailer { PD_TRAILER_NONE = -1, PD_REPLY_TRAILER_LIST(PD_REPLY_TRAILER_ENUM) PD_TRAILER_COUNT };
#undef PD_REPLY_TRAILER_ENUM

/* The mail of rev whose Message-ID is id (with or without <> or id:):
 * the cover, a patch or a reply; NULL when none is. */
const struct pd_mail *pd_reply_find(const struct pd_revision *rev, const char *id);
/* What a reply to the whole series answers: the cover, else patch 1
 * (else the first patch there is). */
const struct pd_mail *pd_reply_series_target(const struct pd_revision *rev);

/* "reviewed" -> PD_TRAILER_REVIEWED; -1 when none matches. */
int pd_reply_trailer_parse(const char *word);
/* "Reviewed-by" */
const char *pd_reply_trailer_name(enum pd_reply_trailer t);

struct pd_reply_in {
	const struct pd_mail *orig;   /* with its text (PD_LOAD_BODIES) */
	const struct pd_addr *to;     /* the original's To: */
	size_t nto;
	const struct pd_addr *cc;     /* and Cc: */
	size_t ncc;
	const struct pd_addr *me;     /* the user: From:, left out of Cc: */
	int trailer;                  /* enum pd_reply_trailer, or PD_TRAILER_NONE */
};

/* The draft: headers (From, To, Cc, Subject, In-Reply-To, References; no
 * Date or Message-ID, which are the sender's to add), a blank line, the
 * body. A quick review answer quotes the commit message only (not the
 * diff) and ends with the trailer. NULL when out of memory. */
char *pd_reply_draft(void *ctx, const struct pd_reply_in *in);

/* "Name <address>", a bare address, or "<address>". PD_E_USAGE with err
 * naming s when there is no address. */
int pd_addr_parse(struct pd_addr *out, void *ctx, const char *s, struct pd_err *err);

/* "Name <address>", the name quoted when RFC 5322 wants it. */
char *pd_addr_format(void *ctx, const struct pd_addr *a);

/* "On Mon, 4 Mar 2024 10:00:01 +0000, Name wrote:" in English whatever
 * the locale, the date in UTC. */
char *pd_reply_attribution(void *ctx, time_t date, const char *name);

/* Adds Date: (now) and Message-ID: (<unique.patchdeck@DOMAIN>, the
 * domain of from_email) at the top of draft, for sending or saving; the
 * MIME headers for UTF-8 text after the others. unique must differ for
 * every mail (time with nanoseconds and the pid, say). */
char *pd_reply_finish(void *ctx, const char *draft, time_t now, const char *unique,
		      const char *from_email);

#endif
