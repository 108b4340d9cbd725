#include "config.h"

#include "trailer.h"

#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "status.h"
#include "textlines.h"

/* ---------------------------------------------------------------- trailers */

static const struct {
	const char *name;
	bool person;
} known_names[] = {
	{ "Signed-off-by", true }, { "Reviewed-by", true },     { "Acked-by", true },
	{ "Tested-by", true },     { "Reported-by", true },     { "Suggested-by", true },
	{ "Co-developed-by", true }, { "Nacked-by", true },     { "Cc", true },
	{ "Fixes", false },        { "Link", false },           { "Closes", false },
	{ "Message-ID", false },
};
#define NKNOWN (sizeof(known_names) / sizeof(known_names[0]))

static size_t known_index(const char *name, size_t len)
{
	for (size_t k = 0; k < NKNOWN; k++)
		if (strlen(known_names[k].name) == len && strncasecmp(known_names[k].name, name, len) == 0)
			return k;
	return PD_NONE;
}

char *pd_trailer_name(void *ctx, const char *name, size_t len)
{
	size_t k = known_index(name, len);
	if (k != PD_NONE)
		return talloc_strdup(ctx, known_names[k].name);
	char *out = talloc_strndup(ctx, name, len);
	if (out == NULL || len == 0)
		return out;
	/* The case is judged after the first letter, which is raised anyway:
	 * else `wUT` would become `WUT`, and `WUT` `Wut`, never settling. */
	bool upper = false, lower = false;
	for (size_t i = 1; i < len; i++) {
		upper |= out[i] >= 'A' && out[i] <= 'Z';
		lower |= out[i] >= 'a' && out[i] <= 'z';
	}
	for (size_t i = 1; i < len && !(upper && lower); i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

/* `Token: value` at s: the token's length and where the value starts, or
 * false. A URL on its own line (`https://...`) is not a trailer. */
static bool trailer_token(const char *s, size_t len, size_t *toklen, size_t *val)
{
	if (len == 0 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	size_t i = 1;
	while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
			   (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
		i++;
	*toklen = i;
	while (i < len && (s[i] == ' ' || s[i] == '\t')) /* `Reported-by : x`, as git allows */
		i++;
	if (i >= len || s[i] != ':')
		return false;
	for (i++; i < len && pd_is_ws(s[i]);)
		i++;
	if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/')
		return false;
	*val = i;
	return true;
}

static bool ends_by(const char *name)
{
	size_t len = strlen(name);
	return len > 3 && strcasecmp(name + len - 3, "-by") == 0;
}

/* `Name <email> # comment`, `"Name, Jr." <email>`, `email (Name)`, `email`. */
static int parse_person(struct pd_trailer *t, void *owner)
{
	const char *v = t->value, *lt = strchr(v, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	if (lt != NULL && gt != NULL && memchr(lt, '@', (size_t)(gt - lt)) != NULL) {
		t->email = pd_trimmed(owner, lt + 1, (size_t)(gt - lt - 1));
		size_t nlen = (size_t)(lt - v);
		while (nlen > 0 && pd_is_ws(v[nlen - 1]))
			nlen--;
		if (nlen >= 2 && v[0] == '"' && v[nlen - 1] == '"')
			t->person = talloc_strndup(owner, v + 1, nlen - 2);
		else
			t->person = talloc_strndup(owner, v, nlen);
		return t->email && t->person ? PD_OK : PD_E_NOMEM;
	}
	const char *at = strchr(v, '@');
	if (at != NULL) {
		const char *a = at, *e = at;
		while (a > v && !pd_is_ws(a[-1]))
			a--;
		while (*e != '\0' && !pd_is_ws(*e) && *e != ',' && *e != '>')
			e++;
		t->email = talloc_strndup(owner, a, (size_t)(e - a));
		const char *open = strchr(e, '('), *close = open ? strchr(open, ')') : NULL;
		t->person = close ? pd_trimmed(owner, open + 1, (size_t)(close - open - 1)) : talloc_strdup(owner, "");
		return t->email && t->person ? PD_OK : PD_E_NOMEM;
	}
	t->person = talloc_strdup(owner, v);
	return t->person ? PD_OK : PD_E_NOMEM;
}

/* `Fixes: 0123456789ab ("subject")`. */
static int parse_fixes(struct pd_trailer *t, void *owner)
{
	const char *v = t->value;
	size_t hex = strspn(v, "0123456789abcdefABCDEF");
	if (hex == 0)
		return PD_OK;
	if ((t->fixes_sha = talloc_strndup(owner, v, hex)) == NULL)
		return PD_E_NOMEM;
	const char *open = strstr(v + hex, "(\""), *close = NULL;
	for (const char *p = open; p != NULL && (p = strstr(p + 1, "\")")) != NULL;)
		close = p;
	if (open != NULL && close != NULL && close > open) {
		t->fixes_subject = talloc_strndup(owner, open + 2, (size_t)(close - open - 2));
		if (t->fixes_subject == NULL)
			return PD_E_NOMEM;
	}
	t->well_formed = hex >= 12 && t->fixes_subject != NULL;
	return PD_OK;
}

/* Fills t from a name and its (joined, trimmed) value. */
static int fill_trailer(struct pd_trailer *t, void *owner, const char *name, size_t nlen, char *value)
{
	*t = (struct pd_trailer){ .sender = PD_SENDER_UNKNOWN };
	t->name = pd_trailer_name(owner, name, nlen);
	t->value = talloc_steal(owner, value);
	if (t->name == NULL || t->value == NULL)
		return PD_E_NOMEM;
	size_t k = known_index(name, nlen);
	t->known = k != PD_NONE;
	t->is_person = (k != PD_NONE && known_names[k].person) || (k == PD_NONE && ends_by(t->name));
	int rc = PD_OK;
	if (t->is_person) {
		rc = parse_person(t, owner);
		t->well_formed = t->email != NULL;
	} else if (strcmp(t->name, "Fixes") == 0) {
		rc = parse_fixes(t, owner);
	} else {
		t->well_formed = *value != '\0';
	}
	return rc;
}

/* Appends a slot to *v, doubling its size when full (talloc_get_size
 * knows the capacity), so a reply of a million tags stays linear. */
static int push(struct pd_trailer **v, size_t *n, void *owner, struct pd_trailer **slot)
{
	size_t cap = *v ? talloc_get_size(*v) / sizeof(**v) : 0;
	if (*n == cap) {
		struct pd_trailer *grown = talloc_realloc(owner, *v, struct pd_trailer, cap ? 2 * cap : 4);
		if (grown == NULL)
			return PD_E_NOMEM;
		*v = grown;
	}
	*slot = &(*v)[(*n)++];
	return PD_OK;
}

int pd_trailers_parse(struct pd_trailer **out, size_t *count, void *ctx, const char *message)
{
	*out = NULL;
	*count = 0;
	void *local = talloc_new(NULL);
	if (local == NULL)
		return PD_E_NOMEM;
	int rc = PD_E_NOMEM;
	size_t n = 0;
	struct pd_line *v = pd_lines_split(local, message ? message : "", &n);
	if (v == NULL)
		goto done;
	size_t e = n;
	while (e > 0 && pd_line_blank(&v[e - 1]))
		e--;
	size_t a = e;
	while (a > 0 && !pd_line_blank(&v[a - 1]))
		a--;

	size_t tok, val, trailers = 0, known = 0, others = 0;
	bool in_trailer = false;
	for (size_t i = a; i < e; i++) {
		if (in_trailer && pd_is_ws(v[i].s[0]))
			continue;
		in_trailer = trailer_token(v[i].s, v[i].len, &tok, &val);
		if (in_trailer) {
			trailers++;
			known += known_index(v[i].s, tok) != PD_NONE;
		} else {
			others++;
		}
	}
	rc = PD_OK;
	if (trailers == 0 || (others > 0 && (known == 0 || 4 * trailers < trailers + others)))
		goto done;

	rc = PD_E_NOMEM;
	struct pd_trailer *list = NULL;
	size_t nlist = 0;
	for (size_t i = a; i < e; i++) {
		if (!trailer_token(v[i].s, v[i].len, &tok, &val))
			continue;
		const char *name = v[i].s;
		size_t next = i + 1;
		char *value = pd_unfold(local, v[i].s + val, v[i].len - val, v, &next, e);
		i = next - 1;
		struct pd_trailer *t;
		if (value == NULL || push(&list, &nlist, local, &t) < 0 ||
		    fill_trailer(t, list, name, tok, value) < 0)
			goto done;
	}
	*out = talloc_steal(ctx, list);
	*count = nlist;
	rc = PD_OK;
done:
	talloc_free(local);
	return rc;
}

static bool is_quoted(const struct pd_line *l)
{
	size_t i = 0;
	while (i < l->len && pd_is_ws(l->s[i]))
		i++;
	return i < l->len && l->s[i] == '>';
}

int pd_reply_trailers(struct pd_trailer **out, size_t *count, void *ctx, const char *body,
		      const char *sender_email)
{
	*out = NULL;
	*count = 0;
	void *local = talloc_new(NULL);
	if (local == NULL)
		return PD_E_NOMEM;
	int rc = PD_E_NOMEM;
	size_t n = 0;
	struct pd_line *v = pd_lines_split(local, body ? body : "", &n);
	if (v == NULL)
		goto done;
	struct pd_trailer *list = NULL;
	size_t nlist = 0;
	struct pd_diffscan ds = { 0 };
	bool in_diff = false;
	for (size_t i = 0; i < n; i++) {
		const struct pd_line *l = &v[i];
		if (pd_line_signature(l) || pd_line_starts(l, "-----Original Message-----"))
			break;
		if (is_quoted(l))
			continue;
		if (in_diff && pd_diff_line(&ds, l))
			continue;
		in_diff = pd_diff_starts(v, n, i);
		if (in_diff) {
			ds = (struct pd_diffscan){ 0 };
			pd_diff_line(&ds, l);
			continue;
		}
		const char *s = l->s;
		size_t len = l->len, tok, val;
		while (len > 0 && pd_is_ws(*s))
			s++, len--;
		if (!trailer_token(s, len, &tok, &val))
			continue;
		size_t k = known_index(s, tok);
		bool wanted = k != PD_NONE ? (strcmp(known_names[k].name, "Cc") != 0 &&
					   strcmp(known_names[k].name, "Message-ID") != 0)
					: (tok > 3 && strncasecmp(s + tok - 3, "-by", 3) == 0);
		if (!wanted)
			continue;
		char *value = pd_trimmed(local, s + val, len - val);
		/* A client wrapped `Reviewed-by: Long Name` / `<addr>`. */
		bool person = k == PD_NONE || known_names[k].person;
		if (value != NULL && person && strchr(value, '@') == NULL && i + 1 < n &&
		    !is_quoted(&v[i + 1])) {
			char *next = pd_trimmed(local, v[i + 1].s, v[i + 1].len);
			if (next == NULL)
				goto done;
			if (next[0] == '<' && strchr(next, '@') && strchr(next, '>')) {
				value = talloc_asprintf_append(value, " %s", next);
				i++;
			}
		}
		struct pd_trailer *t;
		if (value == NULL || push(&list, &nlist, local, &t) < 0 || fill_trailer(t, list, s, tok, value) < 0)
			goto done;
		if (t->email != NULL && sender_email != NULL)
			t->sender = strcasecmp(t->email, sender_email) == 0 ? PD_SENDER_MATCH : PD_SENDER_MISMATCH;
	}
	*out = talloc_steal(ctx, list);
	*count = nlist;
	rc = PD_OK;
done:
	talloc_free(local);
	return rc;
}

/* a and b equal ignoring ASCII case and how much white space separates
 * words (a folded line, a double space). */
static bool same_text(const char *a, const char *b)
{
	for (;;) {
		while (pd_is_ws(*a) || *a == '\n')
			a++;
		while (pd_is_ws(*b) || *b == '\n')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		bool ga = false, gb = false;
		while (*a != '\0' && !pd_is_ws(*a) && *a != '\n' && *b != '\0' && !pd_is_ws(*b) && *b != '\n') {
			char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
			char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
			if (ca != cb)
				return false;
			a++, b++;
		}
		ga = *a == '\0' || pd_is_ws(*a) || *a == '\n';
		gb = *b == '\0' || pd_is_ws(*b) || *b == '\n';
		if (ga != gb)
			return false;
	}
}

bool pd_trailer_same(const struct pd_trailer *a, const struct pd_trailer *b)
{
	return strcasecmp(a->name, b->name) == 0 && same_text(a->value, b->value);
}
