#include "config.h"

#include "trailer.h"

#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "status.h"

#define NONE ((size_t)-1)

/* ---------------------------------------------------------------- lines */

/* One line of the input: len excludes the "\n" and a "\r" before it;
 * off and next are byte offsets of its start and of the next line. */
struct line {
	const char *s;
	size_t len;
	size_t off, next;
};

static struct line *split_lines(void *ctx, const char *text, size_t *count)
{
	size_t total = strlen(text), cap = 1;
	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
		cap++;
	struct line *v = talloc_array(ctx, struct line, cap);
	if (v == NULL)
		return NULL;
	size_t k = 0;
	for (size_t off = 0; off < total;) {
		const char *nl = memchr(text + off, '\n', total - off);
		size_t end = nl ? (size_t)(nl - text) : total;
		size_t len = end - off;
		if (len > 0 && text[off + len - 1] == '\r')
			len--;
		v[k] = (struct line){ .s = text + off, .len = len, .off = off, .next = nl ? end + 1 : end };
		off = v[k++].next;
	}
	*count = k;
	return v;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool starts(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && memcmp(l->s, prefix, n) == 0;
}

static bool starts_nocase(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && strncasecmp(l->s, prefix, n) == 0;
}

static bool is_blank(const struct line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!is_ws(l->s[i]))
			return false;
	return true;
}

/* `---` alone (trailing blanks allowed): the end of the commit message. */
static bool is_separator(const struct line *l)
{
	if (!starts(l, "---"))
		return false;
	for (size_t i = 3; i < l->len; i++)
		if (!is_ws(l->s[i]))
			return false;
	return true;
}

static bool is_signature(const struct line *l)
{
	return l->len == 3 && memcmp(l->s, "-- ", 3) == 0;
}

/* `-- >8 --`, `--8<--`: git am's scissors. Dashes around, nothing else. */
static bool is_scissors(const struct line *l)
{
	size_t dashes = 0, marks = 0;
	for (size_t i = 0; i < l->len; i++) {
		char c = l->s[i];
		if (c == '-')
			dashes++;
		else if ((c == '>' && i + 1 < l->len && l->s[i + 1] == '8') ||
			 (c == '8' && i + 1 < l->len && l->s[i + 1] == '<'))
			marks++, i++;
		else if (!is_ws(c))
			return false;
	}
	return marks == 1 && dashes >= 2;
}

/* Lines [a, b) joined with "\n" after each, blank lines trimmed at both
 * ends; "" when nothing is left. */
static char *join(void *ctx, const struct line *v, size_t a, size_t b)
{
	while (a < b && is_blank(&v[a]))
		a++;
	while (b > a && is_blank(&v[b - 1]))
		b--;
	size_t size = 1;
	for (size_t i = a; i < b; i++)
		size += v[i].len + 1;
	char *out = talloc_array(ctx, char, size);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t i = a; i < b; i++) {
		memcpy(out + o, v[i].s, v[i].len);
		o += v[i].len;
		out[o++] = '\n';
	}
	out[o] = '\0';
	return out;
}

/* s[0, len) with white space trimmed at both ends. */
static char *trimmed(void *ctx, const char *s, size_t len)
{
	while (len > 0 && is_ws(*s))
		s++, len--;
	while (len > 0 && is_ws(s[len - 1]))
		len--;
	return talloc_strndup(ctx, s, len);
}

/* Folded lines as one value: s[0, len) followed by the continuation lines
 * (those starting with white space) from *i on, below end, each trimmed
 * and joined by one space. Advances *i past them. Two passes, so a value
 * folded over many lines costs linear time. */
static char *unfold(void *ctx, const char *s, size_t len, const struct line *v, size_t *i, size_t end)
{
	while (len > 0 && is_ws(*s))
		s++, len--;
	while (len > 0 && is_ws(s[len - 1]))
		len--;
	size_t last = *i, size = len + 1;
	while (last < end && v[last].len > 0 && is_ws(v[last].s[0]))
		size += v[last++].len + 1;
	char *out = talloc_array(ctx, char, size);
	if (out == NULL)
		return NULL;
	memcpy(out, s, len);
	size_t o = len;
	for (size_t k = *i; k < last; k++) {
		const char *p = v[k].s;
		size_t n = v[k].len;
		while (n > 0 && is_ws(*p))
			p++, n--;
		while (n > 0 && is_ws(p[n - 1]))
			n--;
		if (n == 0)
			continue;
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, p, n);
		o += n;
	}
	out[o] = '\0';
	*i = last;
	return out;
}

/* ---------------------------------------------------------------- diffs */

/* Where a diff starts, as git am sees it. */
static bool diff_starts(const struct line *v, size_t n, size_t i)
{
	return starts(&v[i], "diff -") || starts(&v[i], "Index: ") ||
	       (starts(&v[i], "--- ") && i + 1 < n && starts(&v[i + 1], "+++ "));
}

/* Follows a diff line by line. Hunk bodies are counted from their `@@`
 * header, so their content is never mistaken for anything else. */
struct diffscan {
	long old_left, new_left;
	bool binary;
	bool tolerant; /* a damaged hunk makes the rest, to the signature, diff */
	bool damaged;
};

/* `start,count` of a hunk header; the start is skipped unread, since
 * hand-edited patches write `@@ -XXX,9 +XXX,12 @@`. */
static long hunk_count(const char **p)
{
	const char *s = *p;
	while (*s != '\0' && *s != ',' && *s != ' ')
		s++;
	long count = 1;
	if (*s == ',') {
		s++;
		count = 0;
		while (*s >= '0' && *s <= '9') {
			if (count < 1000000000L)
				count = count * 10 + (*s - '0');
			s++;
		}
	}
	*p = s;
	return count;
}

static bool base85_line(const struct line *l)
{
	static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "!#$%&()*+-;<=>?@^_`{|}~";
	if (l->len < 2 || !((l->s[0] >= 'A' && l->s[0] <= 'Z') || (l->s[0] >= 'a' && l->s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < l->len; i++)
		if (strchr(alphabet, l->s[i]) == NULL)
			return false;
	return true;
}

/* True when l belongs to the diff being scanned. */
static bool diff_line(struct diffscan *d, const struct line *l)
{
	if (d->damaged)
		return !is_signature(l);
	static const char *const structural[] = {
		"diff ", "index ", "--- ", "+++ ", "new file mode ", "deleted file mode ",
		"old mode ", "new mode ", "similarity index ", "dissimilarity index ",
		"rename from ", "rename to ", "copy from ", "copy to ", "Binary files ",
		"Index: ", "=====", "\\ ", "literal ", "delta ",
	};
	if (d->old_left > 0 || d->new_left > 0) {
		/* Mailers strip the blank of an empty context line. */
		char c = l->len > 0 ? l->s[0] : ' ';
		if (c == ' ' || c == '-' || c == '+' || c == '\\') {
			if (c != '+' && c != '\\')
				d->old_left--;
			if (c != '-' && c != '\\')
				d->new_left--;
			return true;
		}
		/* A hunk cut short: a mailer ate the leading blank of a line
		 * or wrapped it. git apply refuses such a patch, but a reader
		 * should still see all of it, up to the signature. */
		d->old_left = d->new_left = 0;
		if (d->tolerant) {
			d->damaged = true;
			return true;
		}
	}
	if (starts(l, "@@ -")) {
		const char *p = l->s + 4;
		d->old_left = hunk_count(&p);
		while (*p == ' ')
			p++;
		if (*p == '+') {
			p++;
			d->new_left = hunk_count(&p);
		}
		d->binary = false;
		return true;
	}
	if (starts(l, "GIT binary patch")) {
		d->binary = true;
		return true;
	}
	for (size_t k = 0; k < sizeof(structural) / sizeof(structural[0]); k++)
		if (starts(l, structural[k]))
			return true;
	if (d->binary && (l->len == 0 || base85_line(l)))
		return true;
	d->binary = false;
	return false;
}

/* ---------------------------------------------------------------- body */

/* `base-commit:` and friends: first word after the colon. */
static int meta_line(struct pd_body *b, const struct line *l)
{
	static const char *const keys[] = { "base-commit:", "change-id:", "prerequisite-patch-id:" };
	for (size_t k = 0; k < 3; k++) {
		if (!starts(l, keys[k]))
			continue;
		size_t i = strlen(keys[k]);
		while (i < l->len && is_ws(l->s[i]))
			i++;
		size_t e = i;
		while (e < l->len && !is_ws(l->s[e]))
			e++;
		if (e == i)
			return PD_OK;
		char *word = talloc_strndup(b, l->s + i, e - i);
		if (word == NULL)
			return PD_E_NOMEM;
		if (k == 0 && b->base_commit == NULL)
			b->base_commit = word;
		else if (k == 1 && b->change_id == NULL)
			b->change_id = word;
		else if (k == 2) {
			size_t cap = b->prereq_ids ? talloc_get_size(b->prereq_ids) / sizeof(char *) : 0;
			if (b->nprereq == cap) {
				char **grown = talloc_realloc(b, b->prereq_ids, char *, cap ? 2 * cap : 4);
				if (grown == NULL)
					return PD_E_NOMEM;
				b->prereq_ids = grown;
			}
			b->prereq_ids[b->nprereq++] = talloc_steal(b->prereq_ids, word);
		} else
			talloc_free(word);
	}
	return PD_OK;
}

/* In-body `From:`/`Date:`/`Subject:` lines at the top of the message,
 * folded continuation lines included; returns the first line after them. */
static size_t inbody_headers(struct pd_body *b, const struct line *v, size_t i, size_t end, int *rc)
{
	static const char *const keys[] = { "from:", "date:", "subject:" };
	while (i < end && is_blank(&v[i]))
		i++;
	for (;;) {
		size_t k = 0;
		while (k < 3 && !(i < end && starts_nocase(&v[i], keys[k])))
			k++;
		if (k == 3)
			break;
		size_t klen = strlen(keys[k]), at = i++;
		char *val = unfold(b, v[at].s + klen, v[at].len - klen, v, &i, end);
		if (val == NULL) {
			*rc = PD_E_NOMEM;
			return i;
		}
		char **slot = k == 0 ? &b->from : k == 1 ? &b->date : &b->subject;
		talloc_free(*slot);
		*slot = val;
	}
	return i;
}

/* The diffstat block in [a, b): file lines ` path | 3 +-`, the summary
 * ` N files changed`, then mode lines. Sets *ds_a, *ds_b or leaves NONE. */
static void find_diffstat(const struct line *v, size_t a, size_t b, size_t *ds_a, size_t *ds_b)
{
	static const char *const after[] = { " create mode ", " delete mode ", " rename ", " mode change ",
					     " copy " };
	size_t sum = NONE;
	for (size_t i = a; i < b; i++) {
		const char *p = v[i].s, *e = v[i].s + v[i].len;
		if (v[i].len < 2 || p[0] != ' ' || !(p[1] >= '0' && p[1] <= '9'))
			continue;
		p++;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
		size_t rest = (size_t)(e - p);
		if ((rest >= 13 && memcmp(p, " file changed", 13) == 0) ||
		    (rest >= 14 && memcmp(p, " files changed", 14) == 0))
			sum = i;
	}
	if (sum == NONE)
		return;
	size_t first = sum;
	while (first > a && starts(&v[first - 1], " ") &&
	       memmem(v[first - 1].s, v[first - 1].len, " | ", 3) != NULL)
		first--;
	size_t last = sum + 1;
	for (bool more = true; more && last < b;) {
		more = false;
		for (size_t k = 0; k < sizeof(after) / sizeof(after[0]); k++)
			if (starts(&v[last], after[k]))
				more = true;
		if (more)
			last++;
	}
	*ds_a = first;
	*ds_b = last;
}

int pd_body_split(struct pd_body **out, void *ctx, const char *text)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	if (local == NULL)
		return PD_E_NOMEM;
	int rc = PD_E_NOMEM;
	if (text == NULL)
		text = "";
	struct pd_body *b = talloc_zero(local, struct pd_body);
	size_t n = 0;
	struct line *v = split_lines(local, text, &n);
	if (b == NULL || v == NULL)
		goto done;

	enum { S_MSG, S_NOTES, S_DIFF } state = S_MSG;
	size_t sep = NONE, dstart = NONE, dend = NONE, sig = NONE, scis = NONE;
	struct diffscan ds = { .tolerant = true };
	for (size_t i = 0; i < n; i++) {
		const struct line *l = &v[i];
		if (state == S_DIFF && diff_line(&ds, l)) {
			if (!(ds.damaged && l->len == 0))
				dend = i + 1;
			continue;
		}
		if (is_signature(l)) {
			sig = i;
			break;
		}
		if (state != S_DIFF && diff_starts(v, n, i)) {
			state = S_DIFF;
			dstart = i;
			diff_line(&ds, l);
			dend = i + 1;
			continue;
		}
		if (state == S_MSG && is_separator(l)) {
			sep = i;
			state = S_NOTES;
			continue;
		}
		if (state == S_MSG && is_scissors(l))
			scis = i;
		if ((rc = meta_line(b, l)) < 0)
			goto done;
		rc = PD_E_NOMEM;
	}

	size_t end = sig != NONE ? sig : n;
	size_t msg_a = scis != NONE ? scis + 1 : 0;
	size_t msg_b = sep != NONE ? sep : dstart != NONE ? dstart : end;
	size_t rest_b = dstart != NONE ? dstart : end;
	b->scissors = scis != NONE;
	b->has_separator = sep != NONE;
	int hrc = PD_OK;
	msg_a = inbody_headers(b, v, msg_a, msg_b, &hrc);
	if (hrc < 0 || (b->message = join(b, v, msg_a, msg_b)) == NULL)
		goto done;

	size_t ds_a = NONE, ds_b = NONE;
	if (sep != NONE) {
		find_diffstat(v, sep + 1, rest_b, &ds_a, &ds_b);
		size_t notes_b = ds_a != NONE ? ds_a : rest_b;
		char *notes = join(b, v, sep + 1, notes_b);
		if (notes == NULL)
			goto done;
		/* Text after the diffstat is rare but still the sender's. */
		char *tail = ds_b != NONE ? join(local, v, ds_b, rest_b) : talloc_strdup(local, "");
		if (tail == NULL)
			goto done;
		if (*tail != '\0')
			notes = talloc_asprintf_append(notes, "%s%s", *notes ? "\n" : "", tail);
		if (notes == NULL)
			goto done;
		b->notes = *notes ? notes : NULL;
	} else {
		find_diffstat(v, msg_a, msg_b, &ds_a, &ds_b);
	}
	if (ds_a != NONE && (b->diffstat = join(b, v, ds_a, ds_b)) == NULL)
		goto done;
	if (dstart != NONE) {
		b->diff_damaged = ds.damaged;
		b->diff_offset = v[dstart].off;
		b->diff = talloc_strndup(b, text + v[dstart].off, v[dend - 1].next - v[dstart].off);
		if (b->diff == NULL)
			goto done;
	}
	if (sig != NONE && (b->signature = join(b, v, sig + 1, n)) == NULL)
		goto done;
	*out = talloc_steal(ctx, b);
	rc = PD_OK;
done:
	talloc_free(local);
	return rc;
}

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
	return NONE;
}

char *pd_trailer_name(void *ctx, const char *name, size_t len)
{
	size_t k = known_index(name, len);
	if (k != NONE)
		return talloc_strdup(ctx, known_names[k].name);
	char *out = talloc_strndup(ctx, name, len);
	if (out == NULL || len == 0)
		return out;
	bool upper = false, lower = false;
	for (size_t i = 0; i < len; i++) {
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
	for (i++; i < len && is_ws(s[i]);)
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
		t->email = trimmed(owner, lt + 1, (size_t)(gt - lt - 1));
		size_t nlen = (size_t)(lt - v);
		while (nlen > 0 && is_ws(v[nlen - 1]))
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
		while (a > v && !is_ws(a[-1]))
			a--;
		while (*e != '\0' && !is_ws(*e) && *e != ',' && *e != '>')
			e++;
		t->email = talloc_strndup(owner, a, (size_t)(e - a));
		const char *open = strchr(e, '('), *close = open ? strchr(open, ')') : NULL;
		t->person = close ? trimmed(owner, open + 1, (size_t)(close - open - 1)) : talloc_strdup(owner, "");
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
	t->known = k != NONE;
	t->is_person = (k != NONE && known_names[k].person) || (k == NONE && ends_by(t->name));
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
	struct line *v = split_lines(local, message ? message : "", &n);
	if (v == NULL)
		goto done;
	size_t e = n;
	while (e > 0 && is_blank(&v[e - 1]))
		e--;
	size_t a = e;
	while (a > 0 && !is_blank(&v[a - 1]))
		a--;

	size_t tok, val, trailers = 0, known = 0, others = 0;
	bool in_trailer = false;
	for (size_t i = a; i < e; i++) {
		if (in_trailer && is_ws(v[i].s[0]))
			continue;
		in_trailer = trailer_token(v[i].s, v[i].len, &tok, &val);
		if (in_trailer) {
			trailers++;
			known += known_index(v[i].s, tok) != NONE;
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
		char *value = unfold(local, v[i].s + val, v[i].len - val, v, &next, e);
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

static bool is_quoted(const struct line *l)
{
	size_t i = 0;
	while (i < l->len && is_ws(l->s[i]))
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
	struct line *v = split_lines(local, body ? body : "", &n);
	if (v == NULL)
		goto done;
	struct pd_trailer *list = NULL;
	size_t nlist = 0;
	struct diffscan ds = { 0 };
	bool in_diff = false;
	for (size_t i = 0; i < n; i++) {
		const struct line *l = &v[i];
		if (is_signature(l) || starts(l, "-----Original Message-----"))
			break;
		if (is_quoted(l))
			continue;
		if (in_diff && diff_line(&ds, l))
			continue;
		in_diff = diff_starts(v, n, i);
		if (in_diff) {
			ds = (struct diffscan){ 0 };
			diff_line(&ds, l);
			continue;
		}
		const char *s = l->s;
		size_t len = l->len, tok, val;
		while (len > 0 && is_ws(*s))
			s++, len--;
		if (!trailer_token(s, len, &tok, &val))
			continue;
		size_t k = known_index(s, tok);
		bool wanted = k != NONE ? (strcmp(known_names[k].name, "Cc") != 0 &&
					   strcmp(known_names[k].name, "Message-ID") != 0)
					: (tok > 3 && strncasecmp(s + tok - 3, "-by", 3) == 0);
		if (!wanted)
			continue;
		char *value = trimmed(local, s + val, len - val);
		/* A client wrapped `Reviewed-by: Long Name` / `<addr>`. */
		bool person = k == NONE || known_names[k].person;
		if (value != NULL && person && strchr(value, '@') == NULL && i + 1 < n &&
		    !is_quoted(&v[i + 1])) {
			char *next = trimmed(local, v[i + 1].s, v[i + 1].len);
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
		while (is_ws(*a) || *a == '\n')
			a++;
		while (is_ws(*b) || *b == '\n')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		bool ga = false, gb = false;
		while (*a != '\0' && !is_ws(*a) && *a != '\n' && *b != '\0' && !is_ws(*b) && *b != '\n') {
			char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
			char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
			if (ca != cb)
				return false;
			a++, b++;
		}
		ga = *a == '\0' || is_ws(*a) || *a == '\n';
		gb = *b == '\0' || is_ws(*b) || *b == '\n';
		if (ga != gb)
			return false;
	}
}

bool pd_trailer_same(const struct pd_trailer *a, const struct pd_trailer *b)
{
	return strcasecmp(a->name, b->name) == 0 && same_text(a->value, b->value);
}
