#include "config.h"

#include "reply.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "reply_encode.h"
#include "trailer.h"

#define ROW_NAME(id, word, name) [PD_TRAILER_##id] = name,
static const char *const trailer_names[PD_TRAILER_COUNT] = { PD_REPLY_TRAILER_LIST(ROW_NAME) };
#undef ROW_NAME
#define ROW_WORD(id, word, name) [PD_TRAILER_##id] = word,
static const char *const trailer_words[PD_TRAILER_COUNT] = { PD_REPLY_TRAILER_LIST(ROW_WORD) };
#undef ROW_WORD

int pd_reply_trailer_parse(const char *word)
{
	for (int i = 0; word != NULL && i < PD_TRAILER_COUNT; i++)
		if (strcmp(word, trailer_words[i]) == 0)
			return i;
	return -1;
}

const char *pd_reply_trailer_name(enum pd_reply_trailer t)
{
	return (unsigned)t < PD_TRAILER_COUNT ? trailer_names[t] : "";
}

static bool is(const struct pd_mail *m, const char *id, size_t n)
{
	return m != NULL && m->message_id != NULL && strlen(m->message_id) == n &&
	       strncmp(m->message_id, id, n) == 0;
}

static const struct pd_mail *among(const struct pd_mail *const *v, size_t nv, const char *id,
				   size_t n)
{
	for (size_t i = 0; i < nv; i++)
		if (is(v[i], id, n))
			return v[i];
	return NULL;
}

const struct pd_mail *pd_reply_find(const struct pd_revision *rev, const char *id)
{
	if (strncmp(id, "id:", 3) == 0)
		id += 3;
	if (*id == '<')
		id++;
	size_t n = strcspn(id, ">");
	if (is(rev->cover, id, n))
		return rev->cover;
	const struct pd_mail *m = among(rev->replies, rev->nreplies, id, n);
	for (size_t i = 0; m == NULL && i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		m = is(p->mail, id, n) ? p->mail : among(p->replies, p->nreplies, id, n);
	}
	return m;
}

const struct pd_mail *pd_reply_series_target(const struct pd_revision *rev)
{
	if (rev->cover != NULL)
		return rev->cover;
	for (size_t i = 0; i < rev->npatches; i++)
		if (rev->patches[i].n == 1)
			return rev->patches[i].mail;
	return rev->npatches > 0 ? rev->patches[0].mail : NULL;
}

static bool needs_quotes(const char *name)
{
	return strpbrk(name, "()<>[]:;@\\,.\"") != NULL;
}

char *pd_addr_format(void *ctx, const struct pd_addr *a)
{
	const char *name = a->name != NULL ? a->name : "";
	if (*name == '\0')
		return talloc_strdup(ctx, a->email);
	if (!needs_quotes(name))
		return talloc_asprintf(ctx, "%s <%s>", name, a->email);
	char *q = talloc_strdup(ctx, "\"");
	for (const char *s = name; q != NULL && *s; s++)
		q = talloc_asprintf_append(q, "%s%c", *s == '"' || *s == '\\' ? "\\" : "", *s);
	return q != NULL ? talloc_asprintf_append(q, "\" <%s>", a->email) : NULL;
}

static char *trim(void *ctx, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return talloc_strndup(ctx, s, n);
}

int pd_addr_parse(struct pd_addr *out, void *ctx, const char *s, struct pd_err *err)
{
	const char *lt = strrchr(s, '<'), *gt = lt != NULL ? strchr(lt, '>') : NULL;
	char *name, *email;
	if (lt != NULL && gt != NULL) {
		name = trim(ctx, s, (size_t)(lt - s));
		email = trim(ctx, lt + 1, (size_t)(gt - lt - 1));
		size_t n = name != NULL ? strlen(name) : 0;
		if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
			/* Undo the quoting pd_addr_format does. */
			char *d = name;
			for (const char *p = name + 1; p < name + n - 1; p++) {
				if (*p == '\\' && p + 1 < name + n - 1)
					p++;
				*d++ = *p;
			}
			*d = '\0';
		}
	} else {
		name = talloc_strdup(ctx, "");
		email = trim(ctx, s, strlen(s));
	}
	if (name == NULL || email == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (strchr(email, '@') == NULL || strpbrk(email, " \t<>\"") != NULL)
		return pd_err_set(err, PD_E_USAGE,
				  "'%s' is not an address; write it as \"Name <you@example.org>\"", s);
	*out = (struct pd_addr){ .name = name, .email = email };
	return PD_OK;
}

static const char *const wdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static char *rfc_date(void *ctx, time_t t)
{
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL)
		return talloc_strdup(ctx, "?");
	return talloc_asprintf(ctx, "%s, %d %s %d %02d:%02d:%02d +0000", wdays[tm.tm_wday],
			       tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
			       tm.tm_min, tm.tm_sec);
}

char *pd_reply_attribution(void *ctx, time_t date, const char *name)
{
	void *tmp = talloc_new(NULL);
	char *s = talloc_asprintf(ctx, "On %s, %s wrote:", rfc_date(tmp, date), name);
	talloc_free(tmp);
	return s;
}

static bool same(const struct pd_addr *a, const char *email)
{
	return email != NULL && strcasecmp(a->email, email) == 0;
}

/* Appends a to the list unless its address is there already or is one
 * of the skipped ones. */
static int add_addr(void *ctx, struct pd_addr **list, size_t *n, const struct pd_addr *a,
		    const char *skip1, const char *skip2)
{
	if (a->email == NULL || *a->email == '\0' || same(a, skip1) || same(a, skip2))
		return PD_OK;
	for (size_t i = 0; i < *n; i++)
		if (same(&(*list)[i], a->email))
			return PD_OK;
	struct pd_addr *l = talloc_realloc(ctx, *list, struct pd_addr, *n + 1);
	if (l == NULL)
		return PD_E_NOMEM;
	l[(*n)++] = *a;
	*list = l;
	return PD_OK;
}

static struct pd_addr person_addr(const struct pd_person *p)
{
	return (struct pd_addr){ .name = p->name != NULL ? p->name : "",
				 .email = p->address != NULL ? p->address : p->email };
}

/* "Name: a,\n b" */
static char *addr_header(char *s, const char *name, const struct pd_addr *a, size_t n)
{
	void *tmp = talloc_new(NULL);
	for (size_t i = 0; s != NULL && i < n; i++)
		s = talloc_asprintf_append(s, "%s%s", i == 0 ? name : ",\n    ",
					   pd_addr_format(tmp, &a[i]));
	if (s != NULL && n > 0)
		s = talloc_strdup_append(s, "\n");
	talloc_free(tmp);
	return s;
}

/* A line of text (at p, n bytes) that is only c, at least min times. */
static bool line_of(const char *p, size_t n, char c, size_t min)
{
	if (n < min)
		return false;
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return false;
	return true;
}

static bool mentions_list(const char *p)
{
	/* A mailman footer: "LIST mailing list", "LIST@lists...",
	 * ".../listinfo/LIST". */
	return strstr(p, "mailing list") != NULL || strstr(p, "listinfo") != NULL;
}

/* How much of text a reply quotes: not the signature (from the last
 * "-- " line: a patch's diff may hold such a line, its "-- \n2.43.0"
 * comes after) nor a list's footer (a line of underscores over the list's
 * name and address), as mail clients leave them out; nor the blank lines
 * before them. */
static size_t quoted_length(const char *text)
{
	size_t cut = strlen(text), sig = cut;
	/* Lines of a diff hunk still to come (old side, new side): a
	 * removed "- " line reads "-- " and is no signature. */
	long old_left = 0, new_left = 0;
	for (const char *p = text; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		size_t len = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
		long a = 1, b = 1, c = 1, d = 1;
		if ((old_left > 0 || new_left > 0) && *p == '\\') {
			/* "\ No newline at end of file": no line of either side */
		} else if (old_left > 0 || new_left > 0) {
			old_left -= *p != '+';
			new_left -= *p != '-';
		} else if (sscanf(p, "@@ -%ld,%ld +%ld,%ld @@", &a, &b, &c, &d) == 4 ||
			   sscanf(p, "@@ -%ld +%ld,%ld @@", &a, &c, &d) == 3 ||
			   sscanf(p, "@@ -%ld,%ld +%ld @@", &a, &b, &c) == 3 ||
			   sscanf(p, "@@ -%ld +%ld @@", &a, &c) == 2) {
			old_left = b;
			new_left = d;
		} else if (len == 3 && strncmp(p, "-- ", 3) == 0) {
			sig = (size_t)(p - text);
		}
		if (line_of(p, len, '_', 20) && mentions_list(p + n)) {
			/* The footer ends the mail: a signature is above it. */
			cut = (size_t)(p - text);
			break;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	if (sig < cut)
		cut = sig;
	while (cut > 0 && (text[cut - 1] == '\n' || text[cut - 1] == '\r')) {
		size_t start = cut - 1;
		while (start > 0 && text[start - 1] != '\n')
			start--;
		/* The line before ends at cut - 1: empty, or not ours to
		 * drop (" " is a diff's context line). */
		if (strspn(text + start, "\r") < cut - 1 - start)
			break;
		cut = start;
	}
	return cut;
}

static char *quote(char *s, const char *text)
{
	char *own = talloc_strndup(NULL, text, quoted_length(text));
	const char *p = own != NULL ? own : "";
	if (own == NULL) {
		talloc_free(s);
		return NULL;
	}
	while (s != NULL && *p != '\0') {
		size_t n = strcspn(p, "\n");
		s = talloc_asprintf_append(s, ">%s%.*s\n", n > 0 ? " " : "", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
	talloc_free(own);
	return s;
}

char *pd_reply_draft(void *ctx, const struct pd_reply_in *in)
{
	const struct pd_mail *m = in->orig;
	void *tmp = talloc_new(NULL);
	const char *me = in->me != NULL ? in->me->email : NULL;

	/* To the sender; when the list rewrote From: (DMARC), to the author
	 * it names. An author other than the sender (a patch sent for
	 * someone) is copied. */
	struct pd_addr *to = NULL, *cc = NULL;
	size_t nto = 0, ncc = 0;
	struct pd_addr sender = person_addr(m->dmarc_rewritten ? &m->author : &m->sender);
	struct pd_addr author = person_addr(&m->author);
	int rc = add_addr(tmp, &to, &nto, &sender, NULL, NULL);
	const char *to_email = nto > 0 ? to[0].email : NULL;
	if (rc == PD_OK)
		rc = add_addr(tmp, &cc, &ncc, &author, to_email, me);
	for (size_t i = 0; rc == PD_OK && i < in->nto; i++)
		rc = add_addr(tmp, &cc, &ncc, &in->to[i], to_email, me);
	for (size_t i = 0; rc == PD_OK && i < in->ncc; i++)
		rc = add_addr(tmp, &cc, &ncc, &in->cc[i], to_email, me);

	const char *subj = m->subject_raw != NULL ? m->subject_raw : "";
	bool re = strncasecmp(subj, "Re:", 3) == 0;
	char *s = rc == PD_OK ? talloc_strdup(tmp, "") : NULL;
	if (s != NULL && in->me != NULL)
		s = talloc_asprintf_append(s, "From: %s\n", pd_addr_format(tmp, in->me));
	s = addr_header(s, "To: ", to, nto);
	s = addr_header(s, "Cc: ", cc, ncc);
	if (s != NULL)
		s = talloc_asprintf_append(s, "Subject: %s%s\nIn-Reply-To: <%s>\nReferences:",
					   re ? "" : "Re: ", subj, m->message_id);
	/* The original's references, then the original: one per line. */
	for (size_t i = 0; s != NULL && i < m->nreferences; i++)
		s = talloc_asprintf_append(s, "%s<%s>\n", i == 0 ? " " : "    ", m->references[i]);
	if (s != NULL)
		s = talloc_asprintf_append(s, "%s<%s>\n\n", m->nreferences == 0 ? " " : "    ",
					   m->message_id);

	const char *name = m->sender.name != NULL && *m->sender.name ? m->sender.name
			   : m->sender.email != NULL ? m->sender.email : "";
	if (m->dmarc_rewritten && m->author.name != NULL && *m->author.name)
		name = m->author.name;
	if (s != NULL)
		s = talloc_asprintf_append(s, "%s\n", pd_reply_attribution(tmp, m->date, name));
	const char *text = m->text != NULL ? m->text : "";
	if (in->trailer >= 0) {
		/* A review answer quotes what it answers for: the commit
		 * message, not the diff. */
		struct pd_body *b = NULL;
		if (pd_body_split(&b, tmp, text) == PD_OK && b->message != NULL)
			text = b->message;
	}
	s = quote(s, text);
	if (s != NULL && in->trailer >= 0)
		s = talloc_asprintf_append(s, "\n%s: %s\n",
					   pd_reply_trailer_name((enum pd_reply_trailer)in->trailer),
					   in->me != NULL ? pd_addr_format(tmp, in->me) : "");
	char *out = s != NULL ? talloc_strdup(ctx, s) : NULL;
	talloc_free(tmp);
	return out;
}

char *pd_reply_finish(void *ctx, const char *draft, time_t now, const char *unique,
		      const char *from_email)
{
	void *tmp = talloc_new(NULL);
	const char *at = from_email != NULL ? strrchr(from_email, '@') : NULL;
	const char *domain = at != NULL && at[1] != '\0' ? at + 1 : "patchdeck.invalid";
	const char *blank = strstr(draft, "\n\n");
	size_t head = blank != NULL ? (size_t)(blank - draft) + 1 : strlen(draft);
	/* On the wire the headers are ASCII: names and subjects outside it
	 * as RFC 2047 encoded words (the body stays 8bit UTF-8, as git
	 * send-email sends it). */
	char *fields = talloc_strndup(tmp, draft, head);
	char *encoded = fields != NULL ? pd_reply_encode_headers(tmp, fields) : NULL;
	char *s = encoded == NULL ? NULL
		  : talloc_asprintf(ctx, "Date: %s\nMessage-ID: <%s.patchdeck@%s>\n%s"
					 "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
					 "Content-Transfer-Encoding: 8bit\n%s",
				    rfc_date(tmp, now), unique, domain, encoded, draft + head);
	talloc_free(tmp);
	return s;
}
