/* One mail file read into a struct pd_mail (mail.h) with GMime 3.
 *
 * Parsing is total: whatever the bytes are (no headers, broken encodings,
 * a binary attachment, a diff that does not parse, not a mail at all), the
 * result is a struct holding what could be understood and one line per
 * thing that could not in its `problems`. Only an unreadable file and
 * running out of memory are errors.
 *
 * The top-level fields the struct does not hold (Received, To, Cc,
 * DKIM...) are not read at all, so their faults are not among the
 * problems.
 *
 * Transport line ends are undone the way `git am` does (git mailsplit
 * drops the CR of every CRLF line end before decoding); CRs that were
 * encoded (quoted-printable `=0D`, base64) are content and stay in the
 * diff, as git mailinfo keeps them. The diff is not converted from its
 * charset either: it is the byte sequence git apply would see.
 *
 * g_mime_init() must have been called (once, by main or the test).
 */
#ifndef PD_MESSAGE_H
#define PD_MESSAGE_H

#include <stddef.h>

#include "mail.h"
#include "status.h"

/* Reads the mail file at path into *out (allocated under ctx; paths[0] is
 * path). Returns 0, PD_E_IO with one line naming the file when it cannot
 * be read, or PD_E_NOMEM. */
int pd_message_read(struct pd_mail **out, void *ctx, const char *path, struct pd_err *err);

/* Parses len bytes of one RFC 5322 message (need not be NUL-terminated)
 * into *out under ctx. Returns 0 or PD_E_NOMEM. */
int pd_message_parse(struct pd_mail **out, void *ctx, const char *buf, size_t len,
		     struct pd_err *err);

enum {
	/* The caller never reads `problems`: skip the checks that exist only
	 * to fill them (parsing the diff with libgit2). Problems found on the
	 * way may still be listed, but the list is not complete. */
	PD_PARSE_NO_CHECKS = 1 << 0,
	/* GMime parses the whole mail even when it is one plain text part
	 * (whose fields are otherwise read from the header block and whose
	 * body is taken as it stands, see message_fields.h): for tests that
	 * check both ways agree. */
	PD_PARSE_FULL_MIME = 1 << 1,
};

/* pd_message_parse with PD_PARSE_* flags. */
int pd_message_parse_flags(struct pd_mail **out, void *ctx, const char *buf, size_t len,
			   unsigned flags, struct pd_err *err);

/* pd_message_read with PD_PARSE_* flags. */
int pd_message_read_flags(struct pd_mail **out, void *ctx, const char *path, unsigned flags,
			  struct pd_err *err);

#endif
