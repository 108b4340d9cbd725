/* Inside the message module (src/message.c, src/message_part.c): the MIME
 * parts of a mail, their decoding, and where the patch is. Not for other
 * modules: they read struct pd_mail. */
#ifndef PD_MESSAGE_PART_H
#define PD_MESSAGE_PART_H

#include <gmime/gmime.h>
#include <stdbool.h>
#include <stddef.h>

#include "mail.h"

/* One parse in progress. */
struct pd_parse {
	void *local;                 /* scratch, freed when the parse ends */
	struct pd_mail *m;
	GMimeParserOptions *options;
	unsigned warned;             /* GMime warnings already reported */
	bool nomem;
	bool no_checks;              /* PD_PARSE_NO_CHECKS: problems not wanted */
};

/* A decoded text: UTF-8 for reading, and for a patch its split (diff
 * bytes as sent, see message.h). */
struct pd_content {
	char *utf8;
	struct pd_body *body;        /* NULL unless it holds a diff */
	bool attached;               /* the diff came from an attachment */
};

/* Finds the text (first text/plain part that is no attachment) and the
 * patch (a diff inline in the text, else in an attachment), both under
 * p->local. */
void pd_find_parts(struct pd_parse *p, GMimeMessage *msg, struct pd_content *text,
		   struct pd_content *patch);

/* pd_find_parts for a mail whose only part is text/plain without a
 * transfer encoding, given its body bytes as they stand and its charset
 * (NULL when not given) and format=flowed parameters. */
void pd_find_parts_plain(struct pd_parse *p, const char *charset, bool flowed, bool delsp,
			 const char *bytes, size_t len, struct pd_content *text,
			 struct pd_content *patch);

/* A copy of s[0..len) with invalid UTF-8 and NULs replaced by U+FFFD. */
char *pd_utf8_valid(void *ctx, const char *s, size_t len);

/* A copy of s with CRLF line ends made LF. */
char *pd_lf_dup(void *ctx, const char *s);

/* Ties a GObject reference to ctx (freeing ctx unrefs it); returns obj,
 * or NULL (and unrefs obj) when out of memory. */
void *pd_gkeep(void *ctx, gpointer obj);

/* Adds one line to p->m->problems. */
void pd_problem(struct pd_parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
