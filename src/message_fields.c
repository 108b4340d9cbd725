/* Top-level fields of a plain mail without GMime objects; see
 * message_fields.h for why. */
#include "config.h"

#include "message_fields.h"
#include "message_part.h"

#include <string.h>
#include <strings.h>
#include <talloc.h>

void pd_fields_from_message(struct pd_fields *f, GMimeMessage *msg)
{
	GMimeObject *obj = GMIME_OBJECT(msg);
	*f = (struct pd_fields){
		.message_id = g_mime_message_get_message_id(msg),
		.in_reply_to = g_mime_object_get_header(obj, "In-Reply-To"),
		.references = g_mime_object_get_header(obj, "References"),
		.subject = g_mime_message_get_subject(msg),
		.date = g_mime_message_get_date(msg),
		.has_date = g_mime_object_get_header(obj, "Date") != NULL,
		.from = g_mime_message_get_from(msg),
		.has_from = g_mime_object_get_header(obj, "From") != NULL,
		.from_raw = g_mime_object_get_header(obj, "From"),
		.reply_to = g_mime_message_get_reply_to(msg),
		.x_original_from = g_mime_object_get_header(obj, "X-Original-From"),
	};
}

/* ---------------------------------------------------------------- raw fields */

enum field {
	F_MESSAGE_ID, F_IN_REPLY_TO, F_REFERENCES, F_SUBJECT, F_DATE, F_FROM, F_REPLY_TO,
	F_X_ORIGINAL_FROM, F_CONTENT_TYPE, F_CONTENT_TRANSFER_ENCODING, F_CONTENT_DISPOSITION,
	F_COUNT
};

static const char *const field_names[F_COUNT] = {
	[F_MESSAGE_ID] = "message-id",
	[F_IN_REPLY_TO] = "in-reply-to",
	[F_REFERENCES] = "references",
	[F_SUBJECT] = "subject",
	[F_DATE] = "date",
	[F_FROM] = "from",
	[F_REPLY_TO] = "reply-to",
	[F_X_ORIGINAL_FROM] = "x-original-from",
	[F_CONTENT_TYPE] = "content-type",
	[F_CONTENT_TRANSFER_ENCODING] = "content-transfer-encoding",
	[F_CONTENT_DISPOSITION] = "content-disposition",
};

struct span {
	const char *start;  /* just after the colon */
	size_t len;         /* up to the field's last line end, folds included */
};

static int field_of(const char *name, size_t n)
{
	/* Most lines are fields nobody reads (Received, DKIM, To...): the
	 * first letter and the length turn nearly all of them away. */
	char c = (char)(name[0] | 0x20);
	if (c != 'm' && c != 'i' && c != 'r' && c != 's' && c != 'd' && c != 'f' && c != 'x' &&
	    c != 'c')
		return -1;
	for (int i = 0; i < F_COUNT; i++)
		if (field_names[i][0] == c && strlen(field_names[i]) == n &&
		    strncasecmp(name, field_names[i], n) == 0)
			return i;
	return -1;
}

/* Cuts the header block into the fields read; false when one is given
 * twice (GMime's answer then depends on which accessor asks). */
static bool find_fields(struct span spans[F_COUNT], const char *buf, size_t hend)
{
	const char *end = buf + hend, *p = buf;
	int cur = -1;
	while (p < end && *p != '\n') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return false;
		if (*p == ' ' || *p == '\t') {
			if (cur >= 0)
				spans[cur].len = (size_t)(nl - spans[cur].start);
		} else {
			const char *colon = memchr(p, ':', (size_t)(nl - p));
			if (colon == NULL)
				return false;
			cur = field_of(p, (size_t)(colon - p));
			if (cur >= 0) {
				if (spans[cur].start != NULL)
					return false;
				spans[cur] = (struct span){ .start = colon + 1,
							    .len = (size_t)(nl - colon - 1) };
			}
		}
		p = nl + 1;
	}
	return true;
}

/* Whether a one-line value is printable ASCII without encoded words:
 * GMime's unfolding and decoding would then only trim it. */
static bool simple(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < ' ' ? s[i] != '\t' : (unsigned char)s[i] >= 127 ||
							     (s[i] == '=' && i + 1 < len && s[i + 1] == '?'))
			return false;
	return true;
}

/* The field's value as g_mime_object_get_header gives it: unfolded,
 * encoded words decoded. */
static char *value(void *ctx, GMimeParserOptions *o, const struct span *s, bool *nomem)
{
	if (s->start == NULL)
		return NULL;
	const char *b = s->start, *e = s->start + s->len;
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (simple(b, (size_t)(e - b))) {
		char *v = talloc_strndup(ctx, b, (size_t)(e - b));
		*nomem |= v == NULL;
		return v;
	}
	char *raw = g_strndup(s->start, s->len);
	char *unfolded = g_mime_utils_header_unfold(raw);
	char *decoded = g_mime_utils_header_decode_text(o, unfolded);
	char *v = talloc_strdup(ctx, decoded ? decoded : "");
	g_free(raw);
	g_free(unfolded);
	g_free(decoded);
	*nomem |= v == NULL;
	return v;
}

/* A copy of the raw value (folds kept), for GMime's parsers. */
static char *raw_value(void *ctx, const struct span *s, bool *nomem)
{
	if (s->start == NULL)
		return NULL;
	char *v = talloc_strndup(ctx, s->start, s->len);
	*nomem |= v == NULL;
	return v;
}

/* pd_gkeep, noting when it failed for want of memory. */
static void *keep_object(void *ctx, gpointer obj, bool *nomem)
{
	void *kept = pd_gkeep(ctx, obj);
	*nomem |= obj != NULL && kept == NULL;
	return kept;
}

static int date_destroy(GDateTime **d)
{
	g_date_time_unref(*d);
	return 0;
}

static bool starts_word(const char *s, const char *word)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(word);
	return strncasecmp(s, word, n) == 0 &&
	       (s[n] == '\0' || s[n] == ';' || s[n] == ' ' || s[n] == '\t');
}

/* The part's Content-* fields: true when it is unencoded text/plain and
 * not an attachment; its charset and format=flowed noted. */
static bool plain_part(struct pd_fields *f, void *ctx, GMimeParserOptions *o,
		       const struct span spans[F_COUNT], bool *nomem)
{
	char *ct = value(ctx, o, &spans[F_CONTENT_TYPE], nomem);
	if (ct != NULL) {
		if (!starts_word(ct, "text/plain"))
			return false;
		GMimeContentType *type = keep_object(ctx, g_mime_content_type_parse(o, ct), nomem);
		if (type == NULL || !g_mime_content_type_is_type(type, "text", "plain") ||
		    g_mime_content_type_get_parameter(type, "name") != NULL)
			return false;
		const char *cs = g_mime_content_type_get_parameter(type, "charset");
		const char *format = g_mime_content_type_get_parameter(type, "format");
		const char *delsp = g_mime_content_type_get_parameter(type, "delsp");
		f->charset = cs;
		f->flowed = format != NULL && strcasecmp(format, "flowed") == 0;
		f->delsp = delsp != NULL && strcasecmp(delsp, "yes") == 0;
	}
	char *cte = value(ctx, o, &spans[F_CONTENT_TRANSFER_ENCODING], nomem);
	if (cte != NULL) {
		switch (g_mime_content_encoding_from_string(cte)) {
		case GMIME_CONTENT_ENCODING_DEFAULT:
		case GMIME_CONTENT_ENCODING_7BIT:
		case GMIME_CONTENT_ENCODING_8BIT:
		case GMIME_CONTENT_ENCODING_BINARY:
			break;
		default:
			return false;
		}
	}
	char *cd = value(ctx, o, &spans[F_CONTENT_DISPOSITION], nomem);
	if (cd != NULL) {
		GMimeContentDisposition *d =
			keep_object(ctx, g_mime_content_disposition_parse(o, cd), nomem);
		const char *disp = d ? g_mime_content_disposition_get_disposition(d) : NULL;
		if (d == NULL || (disp != NULL && strcasecmp(disp, "attachment") == 0) ||
		    g_mime_content_disposition_get_parameter(d, "filename") != NULL)
			return false;
	}
	return !*nomem;
}

bool pd_fields_read(struct pd_fields *f, void *ctx, GMimeParserOptions *options,
		    const char *buf, size_t hend, bool *nomem)
{
	*f = (struct pd_fields){ 0 };
	struct span spans[F_COUNT] = { { 0 } };
	if (!find_fields(spans, buf, hend) || !plain_part(f, ctx, options, spans, nomem))
		return false;

	/* A field read with bytes that are not UTF-8, or a NUL, is left to
	 * GMime: it reads such a header in its fallback charset (Latin-1)
	 * before it parses addresses or a date, where the shortcut would
	 * hand the raw bytes on (found by fuzz-message with
	 * PD_FUZZ_COMPARE=1: an 0xA9 in From's address, a NUL and 0x93
	 * after Date's zone). */
	for (int k = 0; k < F_COUNT; k++)
		if (spans[k].start != NULL &&
		    !g_utf8_validate(spans[k].start, (gssize)spans[k].len, NULL))
			return false;
	/* GMime reads 8-bit bytes in a Message-ID as Latin-1, not through
	 * g_mime_utils_decode_message_id: leave such a mail to GMime. */
	for (size_t i = 0; i < spans[F_MESSAGE_ID].len; i++)
		if ((unsigned char)spans[F_MESSAGE_ID].start[i] >= 0x80)
			return false;
	char *mid = raw_value(ctx, &spans[F_MESSAGE_ID], nomem);
	if (mid != NULL) {
		char *unfolded = g_mime_utils_header_unfold(mid);
		char *decoded = g_mime_utils_decode_message_id(unfolded);
		f->message_id = talloc_strdup(ctx, decoded ? decoded : "");
		*nomem |= f->message_id == NULL;
		g_free(unfolded);
		g_free(decoded);
	}
	f->in_reply_to = value(ctx, options, &spans[F_IN_REPLY_TO], nomem);
	f->references = value(ctx, options, &spans[F_REFERENCES], nomem);
	f->subject = value(ctx, options, &spans[F_SUBJECT], nomem);
	f->x_original_from = value(ctx, options, &spans[F_X_ORIGINAL_FROM], nomem);

	char *date = raw_value(ctx, &spans[F_DATE], nomem);
	f->has_date = date != NULL;
	GDateTime *d = date ? g_mime_utils_header_decode_date(date) : NULL;
	GDateTime **slot = d ? talloc(ctx, GDateTime *) : NULL;
	if (d != NULL && slot == NULL) {
		g_date_time_unref(d);
		*nomem = true;
	} else if (slot != NULL) {
		*slot = d;
		talloc_set_destructor(slot, date_destroy);
		f->date = d;
	}

	char *from = raw_value(ctx, &spans[F_FROM], nomem);
	f->has_from = from != NULL;
	f->from_raw = from;
	f->from = from ? keep_object(ctx, internet_address_list_parse(options, from), nomem) : NULL;
	char *reply_to = raw_value(ctx, &spans[F_REPLY_TO], nomem);
	f->reply_to =
		reply_to ? keep_object(ctx, internet_address_list_parse(options, reply_to), nomem) : NULL;
	return !*nomem;
}
