/* The series cache's record of one thread (src/cache.c): for each of its
 * messages what the index said of it (pd_store_msg) and what the loader
 * made of its file (the slimmed pd_mail), so that a later load can take
 * the thread without opening a mail file.
 *
 * A record is bytes: unsigned LEB128 numbers, signed ones zigzagged first,
 * strings as length + 1 (0: NULL) and their bytes, arrays as count + 1 (0:
 * NULL) and their elements. Each mail is preceded by the size of the one
 * talloc block it is decoded into (a list holds hundreds of thousands of
 * strings, and a talloc block for each costs about a hundred bytes).
 * Decoding checks every length against the record's end: a record that
 * does not parse exactly is refused, never half-used.
 */
#ifndef PD_CACHE_MAIL_H
#define PD_CACHE_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mail.h"
#include "store.h"

/* A growable byte buffer (a talloc child of its owner). */
struct pd_cbuf {
	void *owner;
	unsigned char *data;
	size_t len, cap;
	bool failed;               /* out of memory: the contents are unusable */
};

void pd_cbuf_bytes(struct pd_cbuf *b, const void *p, size_t n);
void pd_cbuf_u(struct pd_cbuf *b, uint64_t v);
/* A string, NULL allowed. */
void pd_cbuf_str(struct pd_cbuf *b, const char *s);
void pd_cbuf_strn(struct pd_cbuf *b, const char *s, size_t n);

/* A reader over [p, end); bad once anything did not fit. */
struct pd_cread {
	const unsigned char *p, *end;
	bool bad;
};

uint64_t pd_cread_u(struct pd_cread *r);
/* A string in place: *s points into the buffer (not NUL-terminated). */
bool pd_cread_strn(struct pd_cread *r, const char **s, size_t *n, bool *null);

/* One message of a thread record. */
struct pd_cache_msg {
	struct pd_store_msg sm;
	struct pd_mail *mail;      /* a talloc child of the ctx decoded under */
};

/* Appends the record of a thread's n messages: sms[i] as the index gave
 * it and mails[i] as read (the fields the store sets are not kept). */
void pd_cache_put_thread(struct pd_cbuf *b, const struct pd_store_msg *sms,
			 struct pd_mail *const *mails, size_t n);

/* m as a record would give it back: one talloc block (a new root, no
 * store fields), a fraction of the size of the parser's many small ones.
 * NULL when out of memory. */
struct pd_mail *pd_cache_compact(const struct pd_mail *m);

/* Decodes a thread record (exactly [p, p + len)) under ctx. Returns 0,
 * PD_E_NOMEM, or PD_E_IO when the bytes are not a record. */
int pd_cache_get_thread(struct pd_cache_msg **out, size_t *n, void *ctx,
			const unsigned char *p, size_t len);

#endif
