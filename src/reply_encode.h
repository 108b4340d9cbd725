/* The header block of a reply as it goes on the wire: every field with
 * text outside ASCII (a name, a subject) encoded as RFC 2047 encoded
 * words in UTF-8, addresses through GMime's address parser so that only
 * the display names are encoded; ASCII fields are left byte for byte. */
#ifndef PD_REPLY_ENCODE_H
#define PD_REPLY_ENCODE_H

/* head: header lines, each ending in "\n" (continuation lines start with
 * a space or a tab). The encoded block under ctx; NULL when out of
 * memory. */
char *pd_reply_encode_headers(void *ctx, const char *head);

#endif
