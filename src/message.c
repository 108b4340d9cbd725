/* Mail file -> struct pd_mail. GMime does the RFC 5322/MIME work; the
 * choices about which part is the text and which the patch, and what the
 * diff's bytes are, follow what `git am` (mailsplit + mailinfo) would
 * apply, because that is what a maintainer does with the mail next. */
#include "config.h"

#include "message.h"

#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "diffstat.h"
#include "message_fields.h"
#include "message_part.h"

/* ---------------------------------------------------------------- helpers */

struct gref {
	gpointer obj;
};

static int gref_destroy(struct gref *r)
{
	g_object_unref(r->obj);
	return 0;
}

/* Ties a GObject reference to ctx: freeing ctx drops the reference. */
void *pd_gkeep(void *ctx, gpointer obj)
{
	if (obj == NULL)
		return NULL;
	struct gref *r = talloc(ctx, struct gref);
	if (r == NULL) {
		g_object_unref(obj);
		return NULL;
	}
	r->obj = obj;
	talloc_set_destructor(r, gref_destroy);
	return obj;
}

void pd_problem(struct pd_parse *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = talloc_vasprintf(p->m, fmt, ap);
	va_end(ap);
	char **grown = line ? talloc_realloc(p->m, p->m->problems, char *, p->m->nproblems + 1) : NULL;
	if (grown == NULL) {
		p->nomem = true;
		return;
	}
	p->m->problems = grown;
	grown[p->m->nproblems++] = line;
}

/* A header string made fit for the struct: valid UTF-8, unfolded, trimmed;
 * NULL stays NULL. */
static char *clean_header(struct pd_parse *p, const char *s)
{
	if (s == NULL)
		return NULL;
	char *v = pd_utf8_valid(p->m, s, strlen(s));
	if (v == NULL) {
		p->nomem = true;
		return NULL;
	}
	char *w = v;
	for (const char *r = v; *r; r++)
		if (*r != '\r' && *r != '\n')
			*w++ = *r == '\t' ? ' ' : *r;
	*w = '\0';
	char *start = v;
	while (*start == ' ')
		start++;
	while (w > start && w[-1] == ' ')
		*--w = '\0';
	return start == v ? v : talloc_strdup(p->m, start);
}

static char *lower_dup(struct pd_parse *p, const char *s)
{
	char *v = clean_header(p, s ? s : "");
	for (char *c = v; c && *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return v;
}

/* The first mailbox of a list (a group's first member). */
static InternetAddressMailbox *first_mailbox(InternetAddressList *list)
{
	for (int i = 0; list != NULL && i < internet_address_list_length(list); i++) {
		InternetAddress *a = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			return INTERNET_ADDRESS_MAILBOX(a);
		if (INTERNET_ADDRESS_IS_GROUP(a)) {
			InternetAddressMailbox *mb =
				first_mailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)));
			if (mb != NULL)
				return mb;
		}
	}
	return NULL;
}

static bool person_from_list(struct pd_parse *p, struct pd_person *who, InternetAddressList *list)
{
	InternetAddressMailbox *mb = first_mailbox(list);
	if (mb == NULL)
		return false;
	const char *name = internet_address_get_name(INTERNET_ADDRESS(mb));
	who->name = clean_header(p, name ? name : "");
	who->email = lower_dup(p, internet_address_mailbox_get_addr(mb));
	who->address = clean_header(p, internet_address_mailbox_get_addr(mb));
	return true;
}

/* Parses an address header value ("Name <a@b>") into *who. */
static bool person_from_text(struct pd_parse *p, struct pd_person *who, const char *text)
{
	if (text == NULL)
		return false;
	InternetAddressList *list = internet_address_list_parse(p->options, text);
	bool ok = person_from_list(p, who, list);
	if (list != NULL)
		g_object_unref(list);
	return ok;
}

/* A From: that GMime cannot parse (a control character in the name, a
 * broken quote): the address between the last <> holding an '@', else
 * the first word holding one, and the decoded text before it as the name.
 * Without it the mail would show no sender at all, which hides who sent
 * something hostile. */
static bool person_salvage(struct pd_parse *p, struct pd_person *who, const char *raw)
{
	if (raw == NULL)
		return false;
	const char *open = strrchr(raw, '<');
	const char *close = open != NULL ? strchr(open, '>') : NULL;
	const char *at = NULL, *start = NULL, *end = NULL;
	if (close != NULL && (at = memchr(open, '@', (size_t)(close - open))) != NULL) {
		start = open + 1, end = close;
	} else if ((at = strchr(raw, '@')) != NULL) {
		start = at, end = at;
		while (start > raw && !strchr(" \t<>\"(),;", start[-1]))
			start--;
		while (*end != '\0' && !strchr(" \t<>\"(),;", *end))
			end++;
		open = start;
	}
	if (at == NULL || end - start < 3)
		return false;
	char *addr = talloc_strndup(p->m, start, (size_t)(end - start));
	char *name = talloc_strndup(p->m, raw, (size_t)(open - raw));
	if (addr == NULL || name == NULL) {
		p->nomem = true;
		return false;
	}
	char *decoded = g_mime_utils_header_decode_text(p->options, name);
	who->name = clean_header(p, decoded != NULL ? decoded : name);
	g_free(decoded);
	/* Quotes around the name are syntax, not part of it. */
	size_t n = who->name != NULL ? strlen(who->name) : 0;
	if (n >= 2 && who->name[0] == '"' && who->name[n - 1] == '"' &&
	    (who->name = talloc_strndup(p->m, who->name + 1, n - 2)) == NULL)
		p->nomem = true;
	who->email = lower_dup(p, addr);
	who->address = clean_header(p, addr);
	return who->name != NULL && who->email != NULL && who->address != NULL;
}

/* `Name via List`, `'Name' via List`: the list rewrote the sender so that
 * the mail passes DMARC; the name before " via " is the real sender's. */
static const char *dmarc_via(const char *name)
{
	for (const char *v = name ? strstr(name, " via ") : NULL; v; v = strstr(v + 1, " via "))
		if (v > name)
			return v;
	return NULL;
}

static void set_author(struct pd_parse *p, const struct pd_fields *f)
{
	struct pd_mail *m = p->m;
	m->author = m->sender;
	const char *via = dmarc_via(m->sender.name);
	if (via == NULL)
		return;
	m->dmarc_rewritten = true;
	struct pd_person who = { 0 };
	if (person_from_text(p, &who, f->x_original_from) || person_from_list(p, &who, f->reply_to)) {
		m->author = who;
		return;
	}
	/* Nothing names the real address: keep the name at least. */
	char *name = talloc_strndup(m, m->sender.name, (size_t)(via - m->sender.name));
	if (name != NULL && name[0] == '\'' && strlen(name) > 1 && name[strlen(name) - 1] == '\'') {
		name[strlen(name) - 1] = '\0';
		memmove(name, name + 1, strlen(name));
	}
	m->author.name = name;
	pd_problem(p, "sender rewritten by the list (%s) and no Reply-To or X-Original-From names the author",
		   m->sender.email);
}

static char **id_list(struct pd_parse *p, const char *text, size_t *count)
{
	*count = 0;
	GMimeReferences *refs = text ? g_mime_references_parse(p->options, text) : NULL;
	if (refs == NULL)
		return NULL;
	int n = g_mime_references_length(refs);
	char **ids = n > 0 ? talloc_array(p->m, char *, (size_t)n) : NULL;
	for (int i = 0; ids != NULL && i < n; i++) {
		char *id = clean_header(p, g_mime_references_get_message_id(refs, i));
		if (id != NULL && *id)
			ids[(*count)++] = id;
	}
	g_mime_references_free(refs);
	return ids;
}

static void read_headers(struct pd_parse *p, const struct pd_fields *f)
{
	struct pd_mail *m = p->m;
	m->message_id = f->message_id && *f->message_id ? clean_header(p, f->message_id) : NULL;
	if (m->message_id != NULL && *m->message_id == '\0')
		m->message_id = NULL;
	size_t n = 0;
	char **irt = id_list(p, f->in_reply_to, &n);
	m->in_reply_to = n ? irt[0] : NULL;
	m->references = id_list(p, f->references, &m->nreferences);

	m->subject_raw = clean_header(p, f->subject);
	if (f->date != NULL)
		m->date = (time_t)g_date_time_to_unix(f->date);
	else if (f->has_date)
		pd_problem(p, "unreadable Date: header");

	m->sender = (struct pd_person){ .name = talloc_strdup(m, ""), .email = talloc_strdup(m, "") };
	if (!person_from_list(p, &m->sender, f->from) && f->has_from) {
		if (person_salvage(p, &m->sender, f->from_raw))
			pd_problem(p, "malformed From: header; its address read as <%s>",
				   m->sender.address);
		else
			pd_problem(p, "unreadable From: header");
	}
	set_author(p, f);

	if (m->message_id == NULL)
		pd_problem(p, "no Message-ID");
	if (m->subject_raw == NULL)
		pd_problem(p, "no Subject");
	if (m->message_id == NULL && m->subject_raw == NULL && f->date == NULL && !f->has_from)
		pd_problem(p, "no mail headers: this does not look like a mail");
}

/* ---------------------------------------------------------------- body */

/* `are available in the Git repository at:` then, after blank lines, an
 * indented `URL branch` line (git request-pull). Quoted lines do not
 * count: a reply quoting the pull request is not one. */
static void find_pull(struct pd_parse *p, const char *text)
{
	static const char marker[] = "available in the git repository at";
	for (const char *hit = strcasestr(text, marker); hit != NULL;
	     hit = strcasestr(hit + 1, marker)) {
		const char *line = hit;
		while (line > text && line[-1] != '\n')
			line--;
		if (*line == '>')
			continue;
		const char *u = strchrnul(hit, '\n');
		while (*u == '\n' || *u == ' ' || *u == '\t')
			u++;
		const char *ue = u;
		while (*ue && *ue != ' ' && *ue != '\t' && *ue != '\n')
			ue++;
		if (ue == u)
			return;
		p->m->pull_url = talloc_strndup(p->m, u, (size_t)(ue - u));
		const char *b = ue;
		while (*b == ' ' || *b == '\t')
			b++;
		const char *be = strchrnul(b, '\n');
		while (be > b && (be[-1] == ' ' || be[-1] == '\t'))
			be--;
		if (be > b)
			p->m->pull_branch = talloc_strndup(p->m, b, (size_t)(be - b));
		return;
	}
}

/* The in-body header overrides of the patch: author, date, subject. */
static void apply_inbody(struct pd_parse *p, const struct pd_body *b)
{
	struct pd_mail *m = p->m;
	if (b->from != NULL) {
		struct pd_person who = { 0 };
		if (person_from_text(p, &who, b->from))
			m->author = who;
		else
			pd_problem(p, "unreadable in-body From: %s", b->from);
	}
	if (b->date != NULL) {
		GDateTime *d = g_mime_utils_header_decode_date(b->date);
		if (d != NULL) {
			m->date = (time_t)g_date_time_to_unix(d);
			g_date_time_unref(d);
		} else {
			pd_problem(p, "unreadable in-body Date: %s", b->date);
		}
	}
	if (b->subject != NULL) {
		char *s = clean_header(p, b->subject);
		struct pd_subject *parsed = NULL;
		if (s == NULL || pd_subject_parse(&parsed, m, s) != 0)
			p->nomem = true;
		else
			m->subject = parsed;
	}
}

static void check_diff(struct pd_parse *p, const struct pd_body *b)
{
	struct pd_err err;
	pd_err_init(&err, p->m);
	struct pd_diffstat *stat = NULL;
	int rc = pd_diffstat_compute(&stat, p->m, b->diff, strlen(b->diff), &err);
	if (rc == PD_E_NOMEM)
		p->nomem = true;
	else if (rc != 0)
		pd_problem(p, "%s", pd_err_msg(&err));
	talloc_free(stat);
	if (err.msg != NULL)
		talloc_free(err.msg);
	if (b->diff_damaged)
		pd_problem(p, "the diff is damaged (a hunk breaks off): it will not apply");
}

/* Either msg (GMime has parsed the whole mail) or plain, the body bytes of
 * a mail that pd_fields_read() accepted, whose text part f describes. */
static void read_body(struct pd_parse *p, GMimeMessage *msg, const struct pd_fields *f,
		      const char *plain, size_t plain_len)
{
	struct pd_mail *m = p->m;
	struct pd_content text = { 0 }, patch = { 0 };
	if (msg != NULL)
		pd_find_parts(p, msg, &text, &patch);
	else
		pd_find_parts_plain(p, f->charset, f->flowed, f->delsp, plain, plain_len, &text,
				    &patch);
	if (p->nomem)
		return;
	/* No text part: the patch (a mail that is only an attachment) is it. */
	const struct pd_content *shown = text.utf8 != NULL ? &text : &patch;
	m->text = pd_lf_dup(m, shown->utf8 ? shown->utf8 : "");
	if (m->text == NULL) {
		p->nomem = true;
		return;
	}
	if (patch.body != NULL) {
		m->patch = patch.body;
		m->patch_attached = patch.attached;
		talloc_steal(m, patch.body);
	}
	if (m->patch != NULL) {
		apply_inbody(p, m->patch);
		if (pd_trailers_parse(&m->trailers, &m->ntrailers, m, m->patch->message) != 0)
			p->nomem = true;
		if (m->patch->diff != NULL && !p->no_checks)
			check_diff(p, m->patch);
	}
	find_pull(p, m->text);
}

/* ---------------------------------------------------------------- entry */

static void warn_cb(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
	struct pd_parse *p = data;
	const char *what;
	switch (code) {
	case GMIME_WARN_INVALID_CONTENT_TYPE: what = "invalid Content-Type"; break;
	case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: what = "invalid RFC 2047 encoded header"; break;
	case GMIME_WARN_MALFORMED_MULTIPART: what = "multipart without parts"; break;
	case GMIME_WARN_TRUNCATED_MESSAGE: what = "truncated message"; break;
	case GMIME_WARN_MALFORMED_MESSAGE: what = "malformed message"; break;
	case GMIME_CRIT_INVALID_HEADER_NAME: what = "invalid header name"; break;
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: what = "multipart without boundary"; break;
	case GMIME_CRIT_NESTING_OVERFLOW: what = "MIME nesting too deep"; break;
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: what = "MIME part without headers or content"; break;
	default: return;
	}
	/* Once per kind: a broken mail repeats the same fault many times. */
	unsigned bit = 1u << ((unsigned)code & 31u);
	if (p->warned & bit)
		return;
	p->warned |= bit;
	pd_problem(p, "%s%s%s", what, item && *item ? ": " : "", item && *item && strlen(item) < 200 ? item : "");
}

/* git mailsplit drops the CR of each CRLF line end (unless --keep-cr):
 * do the same before MIME decoding, so that unencoded text and diffs
 * come out as `git am` applies them. NULL when there is no CRLF: the
 * bytes can then be parsed where they are. */
static guint8 *strip_transport_cr(const char *buf, size_t len, size_t *outlen)
{
	const char *cr = memchr(buf, '\r', len);
	while (cr != NULL && !(cr + 1 < buf + len && cr[1] == '\n'))
		cr = memchr(cr + 1, '\r', (size_t)(buf + len - cr - 1));
	if (cr == NULL)
		return NULL;
	guint8 *out = g_malloc(len + 1);
	size_t o = (size_t)(cr - buf);
	memcpy(out, buf, o);
	for (size_t i = o; i < len; i++)
		if (!(buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n'))
			out[o++] = (guint8)buf[i];
	*outlen = o;
	return out;
}

/* The top-level fields the parse reads (with MIME's Content-*, which
 * GMime hands to the body part). */
static bool field_wanted(const char *name, size_t n)
{
	static const char *const keep[] = {
		"from", "reply-to", "x-original-from", "message-id", "in-reply-to",
		"references", "subject", "date", "mime-version",
	};
	if (n > 8 && strncasecmp(name, "content-", 8) == 0)
		return true;
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (strlen(keep[i]) == n && strncasecmp(name, keep[i], n) == 0)
			return true;
	return false;
}

/* Length of the field name when line starts a well-formed `Name:`
 * field, else 0. */
static size_t field_name(const char *line, const char *end)
{
	const char *c = line;
	while (c < end && *c > ' ' && *c < 127 && *c != ':')
		c++;
	return c > line && c < end && *c == ':' ? (size_t)(c - line) : 0;
}

/* A copy of the mail without the top-level fields nobody reads
 * (Received, DKIM, To, Cc, ...): GMime makes an object of each and
 * parses address lists, most of the work on a list's mail. NULL when
 * the header block is anything but plain fields, so that GMime sees an
 * odd mail exactly as it is. */
static guint8 *drop_unread_fields(const char *buf, size_t len, size_t *outlen)
{
	const char *end = buf + len, *p = buf;
	while (p < end && *p != '\n') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL || (*p != ' ' && *p != '\t' && field_name(p, nl) == 0))
			return NULL;
		p = nl + 1;
	}
	guint8 *out = g_malloc(len + 1);
	size_t o = 0;
	bool keep = true;
	for (p = buf; p < end && *p != '\n';) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (*p != ' ' && *p != '\t')
			keep = field_wanted(p, field_name(p, nl));
		if (keep) {
			memcpy(out + o, p, (size_t)(nl + 1 - p));
			o += (size_t)(nl + 1 - p);
		}
		p = nl + 1;
	}
	memcpy(out + o, p, (size_t)(end - p));
	*outlen = o + (size_t)(end - p);
	return out;
}

/* A memory stream over bytes the caller keeps: neither copied nor freed
 * by the stream. */
struct borrowed {
	GByteArray *arr;
};

static int borrowed_destroy(struct borrowed *b)
{
	/* The array's bytes are not its own: free only the array. */
	g_byte_array_free(b->arr, FALSE);
	return 0;
}

/* A stream over bytes that outlive it, or over a copy without the
 * unread fields, which the stream owns. Their problems (a bad address in
 * Cc, say) go unreported: nothing of the struct comes from them. */
static GMimeStream *stream_over(struct pd_parse *p, const char *buf, size_t len)
{
	size_t n = 0;
	guint8 *data = drop_unread_fields(buf, len, &n);
	if (data != NULL)
		return g_mime_stream_mem_new_with_byte_array(g_byte_array_new_take(data, n));
	struct borrowed *b = talloc(p->local, struct borrowed);
	if (b == NULL || len > G_MAXUINT) {
		talloc_free(b);
		data = g_malloc(len + 1);
		memcpy(data, buf, len);
		return g_mime_stream_mem_new_with_byte_array(g_byte_array_new_take(data, len));
	}
	b->arr = g_byte_array_new();
	b->arr->data = (guint8 *)buf;
	b->arr->len = (guint)len;
	talloc_set_destructor(b, borrowed_destroy);
	GMimeStream *s = g_mime_stream_mem_new_with_byte_array(b->arr);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(s), FALSE);
	return s;
}

struct gbytes {
	guint8 *data;
};

static int gbytes_destroy(struct gbytes *g)
{
	g_free(g->data);
	return 0;
}

/* The mail's bytes as git mailsplit leaves them (see strip_transport_cr):
 * buf itself, or a copy that lives as long as ctx. NULL when out of
 * memory. */
static const char *mail_bytes(void *ctx, const char *buf, size_t len, size_t *n)
{
	*n = len;
	guint8 *data = strip_transport_cr(buf, len, n);
	if (data == NULL)
		return buf;
	struct gbytes *g = talloc(ctx, struct gbytes);
	if (g == NULL) {
		g_free(data);
		return NULL;
	}
	g->data = data;
	talloc_set_destructor(g, gbytes_destroy);
	return (const char *)data;
}

/* Where the body starts (just after the empty line) when the header
 * block is plain fields, else 0. A block that starts with a continuation
 * line is not: GMime reads no fields at all from it. */
static size_t plain_header_end(const char *buf, size_t len)
{
	const char *end = buf + len, *p = buf;
	if (p < end && (*p == ' ' || *p == '\t'))
		return 0;
	while (p < end && *p != '\n') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL || (*p != ' ' && *p != '\t' && field_name(p, nl) == 0))
			return 0;
		p = nl + 1;
	}
	return p < end ? (size_t)(p + 1 - buf) : 0;
}

static GMimeMessage *construct(struct pd_parse *p, GMimeStream *stream)
{
	GMimeParser *parser = stream ? pd_gkeep(p->local, g_mime_parser_new_with_stream(stream)) : NULL;
	if (parser == NULL)
		return NULL;
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	return pd_gkeep(p->local, g_mime_parser_construct_message(parser, p->options));
}

int pd_message_parse(struct pd_mail **out, void *ctx, const char *buf, size_t len,
		     struct pd_err *err)
{
	return pd_message_parse_flags(out, ctx, buf, len, 0, err);
}

int pd_message_parse_flags(struct pd_mail **out, void *ctx, const char *buf, size_t len,
			   unsigned flags, struct pd_err *err)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	struct pd_parse p = { .local = local, .no_checks = (flags & PD_PARSE_NO_CHECKS) != 0 };
	p.m = local ? talloc_zero(local, struct pd_mail) : NULL;
	if (p.m == NULL) {
		talloc_free(local);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	struct pd_mail *m = p.m;
	m->text = talloc_strdup(m, "");

	p.options = g_mime_parser_options_new();
	g_mime_parser_options_set_warning_callback(p.options, warn_cb, &p);
	GMimeMessage *msg = NULL;
	struct pd_fields fields = { 0 };
	const char *plain = NULL;   /* the body of a plain text mail, or NULL */
	size_t plain_len = 0;
	if (len == 0) {
		pd_problem(&p, "empty file: not a mail");
	} else {
		size_t n = 0;
		const char *bytes = mail_bytes(local, buf, len, &n);
		/* Most of a list's mail is one plain text part: its fields are
		 * read without GMime, its body taken as it stands. */
		size_t hend = bytes != NULL && !(flags & PD_PARSE_FULL_MIME)
				      ? plain_header_end(bytes, n)
				      : 0;
		if (hend > 0 && pd_fields_read(&fields, local, p.options, bytes, hend, &p.nomem)) {
			plain = bytes + hend;
			plain_len = n - hend;
		} else if (bytes != NULL && !p.nomem) {
			msg = construct(&p, pd_gkeep(local, stream_over(&p, bytes, n)));
			if (msg == NULL)
				pd_problem(&p, "not a mail: no message could be read");
			else
				pd_fields_from_message(&fields, msg);
		} else {
			p.nomem = true;
		}
	}
	if (msg != NULL || plain != NULL) {
		read_headers(&p, &fields);
		read_body(&p, msg, &fields, plain, plain_len);
	}
	if (m->subject == NULL && pd_subject_parse(&m->subject, m, m->subject_raw) != 0)
		p.nomem = true;
	if (m->sender.name == NULL) {
		m->sender = (struct pd_person){ .name = talloc_strdup(m, ""), .email = talloc_strdup(m, "") };
		m->author = m->sender;
	}
	/* A review's trailers: in replies (which may offer a fixup diff too),
	 * and in answers whose subject lost its `Re:`. */
	if (m->subject != NULL &&
	    (m->subject->is_reply ||
	     (m->patch == NULL && m->in_reply_to != NULL && !pd_subject_is_patch(m->subject))) &&
	    pd_reply_trailers(&m->reply_trailers, &m->nreply_trailers, m, m->text,
			      m->author.email) != 0)
		p.nomem = true;

	/* Drop GMime objects before the options their headers point to. */
	int rc = 0;
	if (p.nomem || m->text == NULL || m->sender.name == NULL || m->sender.email == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	} else {
		talloc_steal(ctx, m);
		*out = m;
	}
	talloc_free(local);
	g_mime_parser_options_free(p.options);
	return rc;
}

int pd_message_read(struct pd_mail **out, void *ctx, const char *path, struct pd_err *err)
{
	return pd_message_read_flags(out, ctx, path, 0, err);
}

int pd_message_read_flags(struct pd_mail **out, void *ctx, const char *path, unsigned flags,
			  struct pd_err *err)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = fd < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : errno;
		if (fd >= 0)
			close(fd);
		return pd_err_set(err, PD_E_IO, "cannot read mail file %s: %s", path,
				  e ? strerror(e) : "not a regular file");
	}
	void *local = talloc_new(NULL);
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = local ? talloc_size(local, cap) : NULL;
	int rc = 0;
	while (buf != NULL) {
		if (len + 1 >= cap) {
			char *grown = talloc_realloc_size(local, buf, cap *= 2);
			if (grown == NULL) {
				buf = NULL;
				break;
			}
			buf = grown;
		}
		/* cppcheck-suppress nullPointerArithmeticRedundantCheck
		 * (buf is not NULL inside the loop) */
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = pd_err_set(err, PD_E_IO, "cannot read mail file %s: %s", path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (buf == NULL && rc == 0)
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	struct pd_mail *m = NULL;
	if (rc == 0)
		rc = pd_message_parse_flags(&m, local, buf, len, flags, err);
	if (rc == 0) {
		m->paths = talloc_array(m, char *, 1);
		if (m->paths != NULL)
			m->paths[0] = talloc_strdup(m->paths, path);
		if (m->paths == NULL || m->paths[0] == NULL) {
			rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		} else {
			m->npaths = 1;
			*out = talloc_steal(ctx, m);
		}
	}
	talloc_free(local);
	return rc;
}
