/* The To: and Cc: of a mail file, which the series model does not keep,
 * for a reply's Cc: (reply.h). */
#ifndef PD_REPLY_HEADERS_H
#define PD_REPLY_HEADERS_H

#include <stddef.h>

#include "mail.h"
#include "reply.h"
#include "status.h"

/* Reads the first readable file of mail. Arrays under ctx; group
 * addresses are flattened. g_mime_init() must have been called. */
int pd_reply_recipients(void *ctx, const struct pd_mail *mail, struct pd_addr **to, size_t *nto,
			struct pd_addr **cc, size_t *ncc, struct pd_err *err);

#endif
