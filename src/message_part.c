/* MIME parts of a mail: which one is the text, which one the patch, and
 * their bytes after transfer decoding, format=flowed and charsets. */
#include "config.h"

#include "message_part.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "trailer.h"

/* Deeper than any real mail nests; GMime has its own limit as well. */
#define MAX_DEPTH 32

struct raw {
	char *bytes;     /* NUL-terminated */
	size_t len;
	const char *charset;
	bool top;        /* the message's only part */
};

/* g_utf8_validate_len (which refuses NULs too), with the ASCII that most
 * of a list's text is checked a word at a time first: this runs over
 * every byte the loader reads. */
static bool utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((w | ((w - 0x0101010101010101ULL) & ~w)) & 0x8080808080808080ULL)
			break;
	}
	return g_utf8_validate_len(s + i, len - i, NULL);
}

char *pd_utf8_valid(void *ctx, const char *s, size_t len)
{
	if (utf8_valid(s, len))
		return talloc_strndup(ctx, s, len);
	gchar *v = g_utf8_make_valid(s, (gssize)len);
	char *r = talloc_strdup(ctx, v);
	g_free(v);
	return r;
}

char *pd_lf_dup(void *ctx, const char *s)
{
	char *out = talloc_strdup(ctx, s);
	char *cr = out ? strchr(out, '\r') : NULL;
	if (cr == NULL)
		return out;
	char *w = cr;
	for (const char *r = cr; *r; r++)
		if (!(r[0] == '\r' && r[1] == '\n'))
			*w++ = *r;
	*w = '\0';
	return out;
}

static bool is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
	       strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

/* Converts with iconv, one U+FFFD for each byte it cannot read. */
static char *iconv_utf8(struct pd_parse *p, iconv_t cd, const char *in, size_t len)
{
	size_t cap = len * 2 + 16, used = 0;
	char *out = talloc_size(p->local, cap);
	char *ip = (char *)in;
	size_t left = len;
	bool bad = false;
	while (out != NULL && left > 0) {
		char *op = out + used;
		size_t room = cap - used - 1;
		size_t r = iconv(cd, &ip, &left, &op, &room);
		used = (size_t)(op - out);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG || cap - used < 8) {
			out = talloc_realloc_size(p->local, out, cap *= 2);
			continue;
		}
		/* EILSEQ or EINVAL: a byte the charset does not have. */
		/* cppcheck-suppress nullPointerArithmeticRedundantCheck
		 * (out is not NULL inside the loop) */
		memcpy(out + used, "\xef\xbf\xbd", 3);
		used += 3;
		ip++;
		left--;
		bad = true;
	}
	if (out == NULL) {
		p->nomem = true;
		return NULL;
	}
	out[used] = '\0';
	if (bad)
		pd_problem(p, "bytes invalid in the declared charset were replaced");
	return pd_utf8_valid(p->local, out, used);
}

static char *to_utf8(struct pd_parse *p, const struct raw *r)
{
	const char *cs = r->charset;
	bool valid = utf8_valid(r->bytes, r->len);
	if (cs == NULL || *cs == '\0' || is_utf8_name(cs)) {
		if (valid)
			return talloc_strndup(p->local, r->bytes, r->len);
		if (cs != NULL && *cs) {
			pd_problem(p, "invalid %s text: bad bytes replaced", cs);
			return pd_utf8_valid(p->local, r->bytes, r->len);
		}
		/* Undeclared 8-bit text: most often Latin-1 from old mailers. */
		cs = "ISO-8859-1";
	}
	iconv_t cd = g_mime_iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1) {
		pd_problem(p, "unknown charset %s: read as UTF-8", cs);
		return pd_utf8_valid(p->local, r->bytes, r->len);
	}
	char *out = iconv_utf8(p, cd, r->bytes, r->len);
	g_mime_iconv_close(cd);
	return out;
}

/* RFC 3676 format=flowed undone as git mailinfo does it: space-stuffing
 * removed, soft breaks joined (with DelSp=yes, the space before them
 * too), the `-- ` signature line kept. */
static void unflow(struct pd_parse *p, struct raw *r, bool delsp)
{
	char *out = talloc_size(p->local, r->len + 1);
	char *prev = talloc_size(p->local, r->len + 1);
	if (out == NULL || prev == NULL) {
		p->nomem = true;
		return;
	}
	size_t o = 0, pl = 0;
	for (size_t i = 0; i < r->len;) {
		const char *line = r->bytes + i;
		const char *nl = memchr(line, '\n', r->len - i);
		size_t full = nl ? (size_t)(nl - line) + 1 : r->len - i;
		size_t len = full;
		i += full;
		if (len && line[len - 1] == '\n')
			len--;
		if (len && line[len - 1] == '\r')
			len--;
		if (len == 3 && memcmp(line, "-- ", 3) == 0) {
			memcpy(out + o, prev, pl);
			o += pl;
			pl = 0;
			memcpy(out + o, line, full);
			o += full;
			continue;
		}
		if (len && line[0] == ' ') {
			line++;
			len--;
			full--;
		}
		if (len && line[len - 1] == ' ') {
			size_t keep = len - (delsp ? 1 : 0);
			memcpy(prev + pl, line, keep);
			pl += keep;
			continue;
		}
		memcpy(out + o, prev, pl);
		o += pl;
		pl = 0;
		memcpy(out + o, line, full);
		o += full;
	}
	memcpy(out + o, prev, pl);
	o += pl;
	out[o] = '\0';
	r->bytes = out;
	r->len = o;
}

static bool param_is(GMimeObject *obj, const char *name, const char *value)
{
	const char *v = g_mime_object_get_content_type_parameter(obj, name);
	return v != NULL && strcasecmp(v, value) == 0;
}

/* The part's content after transfer decoding (and format=flowed). */
static bool decode(struct pd_parse *p, GMimePart *part, bool in_multipart, struct raw *r)
{
	GMimeObject *obj = GMIME_OBJECT(part);
	*r = (struct raw){ .charset = g_mime_object_get_content_type_parameter(obj, "charset") };
	GMimeDataWrapper *dw = g_mime_part_get_content(part);
	GMimeStream *s = g_mime_stream_mem_new();
	if (dw != NULL)
		g_mime_data_wrapper_write_to_stream(dw, s);
	GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s));
	r->len = ba ? ba->len : 0;
	r->bytes = talloc_size(p->local, r->len + 1);
	if (r->bytes != NULL) {
		if (r->len)
			memcpy(r->bytes, ba->data, r->len);
		r->bytes[r->len] = '\0';
	}
	g_object_unref(s);
	if (r->bytes == NULL) {
		p->nomem = true;
		return false;
	}
	/* MIME gives the line end before a boundary to the boundary; git
	 * mailinfo reads it as the last line's end, which a diff needs. */
	GMimeContentEncoding enc = g_mime_part_get_content_encoding(part);
	if (in_multipart && r->len && r->bytes[r->len - 1] != '\n' &&
	    enc != GMIME_CONTENT_ENCODING_BASE64 && enc != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE &&
	    enc != GMIME_CONTENT_ENCODING_UUENCODE) {
		char *grown = talloc_realloc_size(p->local, r->bytes, r->len + 2);
		if (grown == NULL) {
			p->nomem = true;
			return false;
		}
		grown[r->len++] = '\n';
		grown[r->len] = '\0';
		r->bytes = grown;
	}
	if (param_is(obj, "format", "flowed"))
		unflow(p, r, param_is(obj, "delsp", "yes"));
	return !p->nomem;
}

/* Where the text after the first `-- ` signature line starts, or NULL. */
static const char *after_signature(const char *s)
{
	for (const char *l = s; l != NULL && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (strncmp(l, "-- \n", 4) == 0)
			return l + 4;
		if (strncmp(l, "-- \r\n", 5) == 0)
			return l + 5;
	}
	return NULL;
}

/* A diff below the signature (`-- \nThanks\n\ndiff --git ...`, a fixup
 * offered in a reply) is still one: git am applies it, so it is taken. */
static void diff_below_signature(struct pd_parse *p, struct pd_body *b, const char *text)
{
	const char *rest = b->diff == NULL && b->signature != NULL ? after_signature(text) : NULL;
	struct pd_body *sb = NULL;
	if (rest == NULL)
		return;
	if (pd_body_split(&sb, p->local, rest) != 0) {
		p->nomem = true;
		return;
	}
	if (sb->diff == NULL)
		return;
	b->diff = talloc_steal(b, sb->diff);
	b->diff_offset = (size_t)(rest - text) + sb->diff_offset;
	b->diff_damaged = sb->diff_damaged;
}

/* Splits a decoded text. The text parts come from its UTF-8 form, the
 * diff from the bytes as sent (git applies those, not a conversion). */
static struct pd_body *split(struct pd_parse *p, const struct raw *r, const char *utf8)
{
	struct pd_body *b = NULL, *rb = NULL;
	if (pd_body_split(&b, p->local, utf8) != 0) {
		p->nomem = true;
		return NULL;
	}
	diff_below_signature(p, b, utf8);
	if (b->diff == NULL || (strlen(utf8) == r->len && memcmp(utf8, r->bytes, r->len) == 0))
		return b;
	if (memchr(r->bytes, '\0', r->len) != NULL) {
		pd_problem(p, "NUL bytes in the diff: replaced, the diff is not as sent");
		return b;
	}
	if (pd_body_split(&rb, p->local, r->bytes) != 0) {
		p->nomem = true;
		return NULL;
	}
	diff_below_signature(p, rb, r->bytes);
	if (rb->diff != NULL) {
		b->diff = talloc_steal(b, rb->diff);
		b->diff_offset = rb->diff_offset;
		b->diff_damaged = rb->diff_damaged;
	}
	return b;
}

/* ---------------------------------------------------------------- attachments */

/* An attachment that is a whole `git format-patch` file: `From <sha>`
 * mbox line, or headers right away. */
static bool looks_like_mail(const struct raw *r)
{
	static const char *const heads[] = { "From: ", "Subject: ", "Date: ", "Message-Id: ",
					     "Message-ID: " };
	if (strncmp(r->bytes, "From ", 5) == 0)
		return true;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (strncmp(r->bytes, heads[i], strlen(heads[i])) == 0)
			return true;
	return false;
}

static char *header_dup(void *ctx, GMimeObject *obj, const char *name)
{
	const char *v = g_mime_object_get_header(obj, name);
	return v ? talloc_strdup(ctx, v) : NULL;
}

/* A format-patch file sent as an attachment: its headers are the patch's
 * in-body ones (what `git am FILE` would take), its body the patch. */
static struct pd_body *split_attached_mail(struct pd_parse *p, const struct raw *r)
{
	const char *start = r->bytes;
	if (strncmp(start, "From ", 5) == 0) {
		const char *nl = strchr(start, '\n');
		start = nl ? nl + 1 : start + r->len;
	}
	size_t len = r->len - (size_t)(start - r->bytes);
	GMimeStream *s = pd_gkeep(p->local, g_mime_stream_mem_new_with_buffer(start, len));
	GMimeParser *parser = s ? pd_gkeep(p->local, g_mime_parser_new_with_stream(s)) : NULL;
	GMimeMessage *msg = NULL;
	if (parser != NULL) {
		g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
		msg = pd_gkeep(p->local, g_mime_parser_construct_message(parser, p->options));
	}
	GMimeObject *body = msg ? g_mime_message_get_mime_part(msg) : NULL;
	if (body == NULL || !GMIME_IS_PART(body))
		return NULL;
	struct raw inner;
	if (!decode(p, GMIME_PART(body), false, &inner))
		return NULL;
	if (inner.charset == NULL)
		inner.charset = r->charset;
	char *utf8 = to_utf8(p, &inner);
	struct pd_body *b = utf8 ? split(p, &inner, utf8) : NULL;
	if (b == NULL || b->diff == NULL)
		return b;
	const char *subject = g_mime_message_get_subject(msg);
	if (b->from == NULL)
		b->from = header_dup(b, GMIME_OBJECT(msg), "From");
	if (b->date == NULL)
		b->date = header_dup(b, GMIME_OBJECT(msg), "Date");
	if (b->subject == NULL && subject != NULL)
		b->subject = talloc_strdup(b, subject);
	return b;
}

/* ---------------------------------------------------------------- walk */

struct walk {
	struct pd_parse *p;
	GMimePart *text;
	GMimePart **cands;      /* possible patch attachments, in order */
	bool *sniff;            /* only when the content looks like a patch */
	size_t ncands;
	bool too_deep;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && strcasecmp(s + ls - lx, suffix) == 0;
}

enum cand { NOT_PATCH, PATCH, SNIFF };

static enum cand patch_type(const char *type, const char *sub, const char *fname, bool later_text)
{
	if (fname != NULL && (ends_with(fname, ".patch") || ends_with(fname, ".diff")))
		return PATCH;
	/* Webmail sends `0003-module-fix-foo-v3` as application/octet-stream. */
	if (strcasecmp(type, "application") == 0 && strcasecmp(sub, "octet-stream") == 0)
		return fname != NULL ? SNIFF : NOT_PATCH;
	if (strcasecmp(type, "text") != 0)
		return NOT_PATCH;
	if (strcasecmp(sub, "plain") == 0)
		return fname != NULL || later_text ? PATCH : NOT_PATCH;
	return strcasestr(sub, "patch") != NULL || strcasestr(sub, "diff") != NULL ? PATCH : NOT_PATCH;
}

static void walk(struct walk *w, GMimeObject *obj, int depth)
{
	if (depth > MAX_DEPTH) {
		if (!w->too_deep)
			pd_problem(w->p, "MIME parts nested deeper than %d: the rest was skipped", MAX_DEPTH);
		w->too_deep = true;
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			walk(w, g_mime_multipart_get_part(mp, i), depth + 1);
		return;
	}
	/* message/rfc822 (a forwarded mail) is someone else's text. */
	if (!GMIME_IS_PART(obj))
		return;
	GMimePart *part = GMIME_PART(obj);
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	const char *type = ct ? g_mime_content_type_get_media_type(ct) : NULL;
	const char *sub = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
	type = type ? type : "text";
	sub = sub ? sub : "plain";
	const char *fname = g_mime_part_get_filename(part);
	const char *disp = g_mime_object_get_disposition(obj);
	bool attachment = fname != NULL || (disp != NULL && strcasecmp(disp, "attachment") == 0);
	if (w->text == NULL && !attachment && strcasecmp(type, "text") == 0 &&
	    strcasecmp(sub, "plain") == 0) {
		w->text = part;
		return;
	}
	enum cand kind = patch_type(type, sub, fname, w->text != NULL);
	if (kind == NOT_PATCH)
		return;
	GMimePart **grown = talloc_realloc(w->p->local, w->cands, GMimePart *, w->ncands + 1);
	bool *sgrown = talloc_realloc(w->p->local, w->sniff, bool, w->ncands + 1);
	if (grown == NULL || sgrown == NULL) {
		w->p->nomem = true;
		return;
	}
	w->cands = grown;
	w->sniff = sgrown;
	w->sniff[w->ncands] = kind == SNIFF;
	w->cands[w->ncands++] = part;
}

/* Same title as the mail's subject: the attachment is the patch the mail
 * is about, not another one sent along. */
static bool same_title(struct pd_parse *p, const char *subject)
{
	struct pd_subject *a = NULL, *b = NULL;
	if (subject == NULL || p->m->subject_raw == NULL ||
	    pd_subject_parse(&a, p->local, subject) != 0 ||
	    pd_subject_parse(&b, p->local, p->m->subject_raw) != 0)
		return false;
	return strcmp(a->title, b->title) == 0;
}

/* The diff of candidate attachment c, if it has one. A bare diff is split
 * together with the text before it, as git mailinfo reads the parts one
 * after the other (the text's last line end, which MIME gives to the
 * boundary, put back). only_mail: format-patch files only. */
static struct pd_body *try_attachment(struct pd_parse *p, GMimePart *c, bool in_multipart, bool sniff,
				      const struct raw *traw, const char *tutf8, bool only_mail,
				      char **autf8)
{
	struct raw a;
	if (!decode(p, c, in_multipart, &a))
		return NULL;
	bool mail = looks_like_mail(&a);
	if ((only_mail && !mail) ||
	    (sniff && !mail && strncmp(a.bytes, "diff ", 5) != 0 && strncmp(a.bytes, "Index: ", 7) != 0 &&
	     strncmp(a.bytes, "--- ", 4) != 0))
		return NULL;
	if ((*autf8 = to_utf8(p, &a)) == NULL) {
		p->nomem = true;
		return NULL;
	}
	if (mail)
		return split_attached_mail(p, &a);
	const char *sep = traw->len ? "\n" : "";
	struct raw both = { .len = traw->len + strlen(sep) + a.len };
	both.bytes = talloc_asprintf(p->local, "%s%s%s", traw->bytes, sep, a.bytes);
	char *butf8 = talloc_asprintf(p->local, "%s%s%s", tutf8 ? tutf8 : "", sep, *autf8);
	if (both.bytes == NULL || butf8 == NULL) {
		p->nomem = true;
		return NULL;
	}
	if (memchr(a.bytes, '\0', a.len) != NULL)
		both.len = strlen(both.bytes);
	return split(p, &both, butf8);
}

void pd_find_parts(struct pd_parse *p, GMimeMessage *msg, struct pd_content *text,
		   struct pd_content *patch)
{
	*text = (struct pd_content){ 0 };
	*patch = (struct pd_content){ 0 };
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	if (top == NULL)
		return;
	struct walk w = { .p = p };
	walk(&w, top, 0);
	if (p->nomem)
		return;

	struct raw traw = { .bytes = (char *)"", .charset = NULL };
	struct pd_body *inl = NULL;
	if (w.text != NULL) {
		if (!decode(p, w.text, GMIME_IS_MULTIPART(top), &traw) ||
		    (text->utf8 = to_utf8(p, &traw)) == NULL) {
			p->nomem = true;
			return;
		}
		inl = split(p, &traw, text->utf8);
	}
	/* An inline diff, unless the same patch is also attached as git
	 * format-patch wrote it: the mailer's copy may be mangled (wrapped,
	 * tabs lost), the attached file is what the author's git produced. */
	bool only_mail = inl != NULL && inl->diff != NULL;
	for (size_t i = 0; i < w.ncands && !p->nomem; i++) {
		char *autf8 = NULL;
		struct pd_body *b = try_attachment(p, w.cands[i], GMIME_IS_MULTIPART(top), w.sniff[i], &traw, text->utf8,
						   only_mail, &autf8);
		if (b == NULL || b->diff == NULL || (only_mail && !same_title(p, b->subject)))
			continue;
		*patch = (struct pd_content){ .body = b, .utf8 = autf8, .attached = true };
		return;
	}
	if (only_mail)
		*patch = (struct pd_content){ .body = inl, .utf8 = text->utf8 };
	else if (w.text == NULL && w.ncands > 0 && !p->nomem)
		try_attachment(p, w.cands[0], GMIME_IS_MULTIPART(top), w.sniff[0], &traw, NULL, false, &patch->utf8);
}

void pd_find_parts_plain(struct pd_parse *p, const char *charset, bool flowed, bool delsp,
			 const char *bytes, size_t len, struct pd_content *text,
			 struct pd_content *patch)
{
	*text = (struct pd_content){ 0 };
	*patch = (struct pd_content){ 0 };
	struct raw traw = { .charset = charset, .len = len };
	traw.bytes = talloc_size(p->local, len + 1);
	if (traw.bytes == NULL) {
		p->nomem = true;
		return;
	}
	memcpy(traw.bytes, bytes, len);
	traw.bytes[len] = '\0';
	if (flowed)
		unflow(p, &traw, delsp);
	if (p->nomem || (text->utf8 = to_utf8(p, &traw)) == NULL) {
		p->nomem = true;
		return;
	}
	struct pd_body *inl = split(p, &traw, text->utf8);
	if (inl != NULL && inl->diff != NULL)
		*patch = (struct pd_content){ .body = inl, .utf8 = text->utf8 };
}
