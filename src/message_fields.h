/* The top-level fields of a mail that is one plain text part, read
 * straight from its header block.
 *
 * GMime makes an object of every field and of every address it parses,
 * and frees them all again: for the loader, which reads thousands of
 * short mails for a handful of fields each, that is most of the time
 * spent. For the common mail (plain fields, each given once, one
 * unencoded text/plain part) the same values come from GMime's own
 * decoding functions applied to the raw field values; for any other mail
 * pd_fields_read says no and the caller lets GMime parse it whole.
 * tests/cli/parse-shortcut.sh checks that both ways give the same struct
 * on every mail of the demo list and of the real archive. */
#ifndef PD_MESSAGE_FIELDS_H
#define PD_MESSAGE_FIELDS_H

#include <gmime/gmime.h>
#include <stdbool.h>
#include <stddef.h>

/* What read_headers() needs of a mail, whichever way it was read. All
 * strings are as GMime's accessors would return them; NULL when the field
 * is absent. */
struct pd_fields {
	const char *message_id;        /* g_mime_message_get_message_id */
	const char *in_reply_to;       /* g_mime_object_get_header values */
	const char *references;
	const char *subject;           /* g_mime_message_get_subject */
	GDateTime *date;               /* NULL when absent or unreadable */
	bool has_date;                 /* a Date: field exists */
	InternetAddressList *from;
	bool has_from;
	const char *from_raw;          /* the field's text, for a From: GMime
					* cannot parse */
	InternetAddressList *reply_to;
	const char *x_original_from;
	/* the text part (pd_fields_read only) */
	const char *charset;
	bool flowed, delsp;
};

/* Fills *f from a GMime message. */
void pd_fields_from_message(struct pd_fields *f, GMimeMessage *msg);

/* Reads the header block buf[0..hend) (plain `Name: value` fields and
 * their continuation lines, ending with the empty line) of a mail whose
 * body follows it. Returns true and fills *f (strings and objects owned
 * by ctx) when the mail is one text/plain part without a transfer
 * encoding and no field it reads is given twice; false otherwise, or when
 * out of memory (*nomem set). */
bool pd_fields_read(struct pd_fields *f, void *ctx, GMimeParserOptions *options,
		    const char *buf, size_t hend, bool *nomem);

#endif
