#include "config.h"

#include "subject.h"

#include <stdarg.h>
#include <string.h>
#include <talloc.h>

#include "status.h"

/* ASCII classification by hand: subjects are UTF-8 and <ctype.h> answers
 * by locale, which must not change how a subject parses. */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* [s, s+len) equals word, ignoring ASCII case. */
static bool word_eq(const char *s, size_t len, const char *word)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (word[i] == '\0' || to_lower(s[i]) != word[i])
			return false;
	return word[i] == '\0';
}

/* Reply and forward markers of the mail clients seen on lists (English,
 * German, Dutch, Scandinavian, Finnish, Polish, French, Portuguese). */
static const char *const reply_words[] = {
	"re", "aw", "fwd", "fw", "antw", "sv", "vs", "odp", "wg", "tr", "res",
};

/* Length of a reply marker at p (`Re:`, `RE :`, `Re[2]:`), 0 if none. */
static size_t reply_marker(const char *p)
{
	size_t w = 0;

	while (is_alpha(p[w]))
		w++;
	bool known = false;
	for (size_t k = 0; k < sizeof(reply_words) / sizeof(reply_words[0]); k++)
		if (word_eq(p, w, reply_words[k]))
			known = true;
	if (!known)
		return 0;
	size_t i = w;
	if (p[i] == '[' || p[i] == '(') {
		char close = p[i] == '[' ? ']' : ')';
		size_t d = ++i;
		while (is_digit(p[i]))
			i++;
		if (i == d || p[i] != close)
			return 0;
		i++;
	}
	while (p[i] == ' ' || p[i] == '\t')
		i++;
	return p[i] == ':' ? i + 1 : 0;
}

/* The `]` closing the group opened at p, counting nested groups; NULL
 * when the group never closes. */
static const char *group_end(const char *p)
{
	int depth = 0;

	for (; *p != '\0'; p++) {
		if (*p == '[')
			depth++;
		else if (*p == ']' && --depth == 0)
			return p;
	}
	return NULL;
}

/* Groups that mail gateways add (`[SPAM]`, `[EXTERNAL]`): not the
 * sender's tags, so they name no tree and are dropped. */
static bool noise_group(const char *s, size_t len)
{
	static const char *const noise[] = {
		"spam", "suspected spam", "possible spam", "probable spam",
		"ext", "external", "external email", "external mail", "caution",
	};
	while (len > 0 && (is_space(*s) || *s == '*'))
		s++, len--;
	while (len > 0 && (is_space(s[len - 1]) || s[len - 1] == '*'))
		len--;
	for (size_t k = 0; k < sizeof(noise) / sizeof(noise[0]); k++)
		if (word_eq(s, len, noise[k]))
			return true;
	return false;
}

/* A decimal number of at most 9 digits, so that it fits an int. */
static bool parse_num(const char *s, size_t len, int *out)
{
	if (len == 0 || len > 9)
		return false;
	int v = 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool all_digits(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* What one token (or one part of a compound token) says. */
struct meaning {
	unsigned kinds;
	bool has_version;
	int major, minor;
	bool has_counter;
	int n, total;
	bool huge;   /* counter-shaped but too long */
	bool git;    /* `GIT`, meaningful only before `PULL` */
};

/* `v3`, `V3`, `-v3`, `v5.1`: a version. */
static bool version_token(const char *s, size_t len, struct meaning *m)
{
	if (len > 0 && *s == '-')
		s++, len--;
	if (len < 2 || (s[0] != 'v' && s[0] != 'V'))
		return false;
	s++, len--;
	const char *dot = memchr(s, '.', len);
	size_t majlen = dot ? (size_t)(dot - s) : len;
	if (!parse_num(s, majlen, &m->major))
		return false;
	m->minor = 0;
	if (dot != NULL && !parse_num(dot + 1, len - majlen - 1, &m->minor))
		return false;
	m->has_version = true;
	return true;
}

/* `02/10`: a counter; a too long one is marked huge but not taken. */
static bool counter_token(const char *s, size_t len, struct meaning *m)
{
	const char *slash = memchr(s, '/', len);
	if (slash == NULL)
		return false;
	size_t nlen = (size_t)(slash - s), tlen = len - nlen - 1;
	if (!all_digits(s, nlen) || !all_digits(slash + 1, tlen))
		return false;
	if (!parse_num(s, nlen, &m->n) || !parse_num(slash + 1, tlen, &m->total)) {
		m->huge = true;
		return false;
	}
	m->has_counter = true;
	return true;
}

static unsigned keyword(const char *s, size_t len)
{
	static const struct {
		const char *word;
		unsigned kind;
	} words[] = {
		{ "patch", PD_SUBJ_PATCH }, { "rfc", PD_SUBJ_RFC },
		{ "rft", PD_SUBJ_RFT },     { "resend", PD_SUBJ_RESEND },
		{ "pull", PD_SUBJ_PULL },
	};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (word_eq(s, len, words[k].word))
			return words[k].kind;
	return 0;
}

/* A keyword, a version, or a keyword with the version glued on
 * (`PATCHv3`, `RFC_v2`). */
static bool simple_token(const char *s, size_t len, struct meaning *m)
{
	unsigned kind = keyword(s, len);
	if (kind != 0) {
		m->kinds |= kind;
		return true;
	}
	if (version_token(s, len, m))
		return true;
	for (size_t cut = 3; cut < len; cut++) {
		kind = keyword(s, cut);
		if (kind == 0)
			continue;
		size_t rest = cut;
		if (s[rest] == '-' || s[rest] == '_')
			rest++;
		if (version_token(s + rest, len - rest, m)) {
			m->kinds |= kind;
			return true;
		}
	}
	return false;
}

/* `PATCH/RFC`, `RFC/RFT`, `PATCH-v3`, `GIT-PULL`: every part must mean
 * something, else the token is a target like `net-next`. */
static bool compound_token(const char *s, size_t len, struct meaning *m)
{
	struct meaning acc = { 0 };
	size_t start = 0, parts = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '/' && s[i] != '-' && s[i] != '_')
			continue;
		size_t plen = i - start;
		if (plen == 0)
			return false;
		if (word_eq(s + start, plen, "git"))
			acc.git = true;
		else if (!simple_token(s + start, plen, &acc))
			return false;
		parts++;
		start = i + 1;
	}
	if (parts < 2 || (acc.git && !(acc.kinds & PD_SUBJ_PULL)))
		return false;
	*m = acc;
	return true;
}

struct token {
	const char *s;
	size_t len;
};

struct parse {
	struct pd_subject *subj;
	void *ctx;
	size_t target_cap;
};

static int add_target(struct parse *ps, const char *s, size_t len)
{
	struct pd_subject *subj = ps->subj;
	/* Doubling: a subject of a million tokens must not cost n^2. */
	if (subj->ntargets == ps->target_cap) {
		size_t cap = ps->target_cap ? 2 * ps->target_cap : 4;
		char **grown = talloc_realloc(subj, subj->targets, char *, cap);
		if (grown == NULL)
			return PD_E_NOMEM;
		subj->targets = grown;
		ps->target_cap = cap;
	}
	char **grown = subj->targets;
	grown[subj->ntargets] = talloc_strndup(grown, s, len);
	if (grown[subj->ntargets] == NULL)
		return PD_E_NOMEM;
	subj->ntargets++;
	return PD_OK;
}

static void apply(struct pd_subject *subj, const struct meaning *m)
{
	subj->kinds |= m->kinds;
	if (m->has_version) {
		if (!subj->has_version) {
			subj->has_version = true;
			subj->version = m->major;
			subj->version_minor = m->minor;
		} else if (subj->version != m->major || subj->version_minor != m->minor) {
			subj->odd |= PD_SUBJ_ODD_TWO_VERSIONS;
		}
	}
	if (m->has_counter) {
		if (subj->has_counter) {
			subj->odd |= PD_SUBJ_ODD_TWO_COUNTERS;
		} else {
			subj->has_counter = true;
			subj->n = m->n;
			subj->total = m->total;
			if (m->n > m->total || m->total == 0)
				subj->odd |= PD_SUBJ_ODD_COUNTER_OVER;
		}
	}
}

static int classify(struct parse *ps, const struct token *t, size_t nt)
{
	for (size_t i = 0; i < nt; i++) {
		struct meaning m = { 0 };
		size_t used = 1;

		if (i + 2 < nt && all_digits(t[i].s, t[i].len) && word_eq(t[i + 1].s, t[i + 1].len, "of") &&
		    parse_num(t[i].s, t[i].len, &m.n) && parse_num(t[i + 2].s, t[i + 2].len, &m.total)) {
			m.has_counter = true; /* Mercurial's `2 of 10` */
			used = 3;
		} else if (i + 1 < nt && word_eq(t[i].s, t[i].len, "git") &&
			   word_eq(t[i + 1].s, t[i + 1].len, "pull")) {
			m.kinds = PD_SUBJ_PULL;
			used = 2;
		} else if (!counter_token(t[i].s, t[i].len, &m) && !simple_token(t[i].s, t[i].len, &m) &&
			   !compound_token(t[i].s, t[i].len, &m)) {
			if (m.huge)
				ps->subj->odd |= PD_SUBJ_ODD_COUNTER_HUGE;
			int rc = add_target(ps, t[i].s, t[i].len);
			if (rc < 0)
				return rc;
			continue;
		}
		apply(ps->subj, &m);
		/* `[GIT PULL REQUEST]`: the noun says nothing more. */
		if ((m.kinds & PD_SUBJ_PULL) && i + used < nt &&
		    word_eq(t[i + used].s, t[i + used].len, "request"))
			used++;
		i += used - 1;
	}
	return PD_OK;
}

/* One bracket group's inside: tokens split on white space, commas and
 * nested brackets (`[PATCH v6,19/24]` is a 24-patch series). */
static int parse_group(struct parse *ps, const char *s, size_t len)
{
	if (noise_group(s, len))
		return PD_OK;
	struct token *toks = talloc_array(ps->ctx, struct token, len / 2 + 1);
	if (toks == NULL)
		return PD_E_NOMEM;
	size_t nt = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && (is_space(s[i]) || s[i] == ',' || s[i] == '[' || s[i] == ']'))
			i++;
		size_t start = i;
		while (i < len && !(is_space(s[i]) || s[i] == ',' || s[i] == '[' || s[i] == ']'))
			i++;
		if (i > start)
			toks[nt++] = (struct token){ .s = s + start, .len = i - start };
	}
	int rc = classify(ps, toks, nt);
	talloc_free(toks);
	return rc;
}

/* Trims and folds every run of white space into one space. */
static char *fold_space(void *ctx, const char *s)
{
	char *out = talloc_array(ctx, char, strlen(s) + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	bool gap = false;
	for (; *s != '\0'; s++) {
		if (is_space(*s)) {
			gap = o > 0;
			continue;
		}
		if (gap)
			out[o++] = ' ';
		gap = false;
		out[o++] = *s;
	}
	out[o] = '\0';
	return out;
}

struct span {
	const char *s;
	size_t len;
};

int pd_subject_parse(struct pd_subject **out, void *ctx, const char *subject)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	if (local == NULL)
		return PD_E_NOMEM;
	int rc = PD_E_NOMEM;
	struct pd_subject *subj = talloc_zero(local, struct pd_subject);
	if (subj == NULL)
		goto done;
	subj->version = 1;
	const char *p = subject ? subject : "";

	/* Groups are only collected while scanning; a reply marker after
	 * some (`[REGRESSION] Re: [PATCH]`) makes those the replier's or a
	 * gateway's tags, not the patch's, so they are forgotten. */
	struct span *groups = NULL;
	size_t ngroups = 0, group_cap = 0;
	for (;;) {
		while (is_space(*p))
			p++;
		size_t m = reply_marker(p);
		if (m > 0) {
			subj->is_reply = true;
			ngroups = 0;
			p += m;
			continue;
		}
		/* b4's thank-you notes answer `Re: (subset) [PATCH ...]`. */
		if (subj->is_reply && strncmp(p, "(subset)", 8) == 0) {
			p += 8;
			continue;
		}
		if (*p != '[')
			break;
		const char *end = group_end(p);
		if (end == NULL) {
			subj->odd |= PD_SUBJ_ODD_UNBALANCED;
			break;
		}
		if (ngroups == group_cap) {
			group_cap = group_cap ? 2 * group_cap : 4;
			struct span *grown = talloc_realloc(local, groups, struct span, group_cap);
			if (grown == NULL)
				goto done;
			groups = grown;
		}
		groups[ngroups++] = (struct span){ .s = p + 1, .len = (size_t)(end - p - 1) };
		p = end + 1;
	}

	struct parse ps = { .subj = subj, .ctx = local };
	for (size_t g = 0; g < ngroups; g++) {
		rc = parse_group(&ps, groups[g].s, groups[g].len);
		if (rc < 0)
			goto done;
	}
	rc = PD_E_NOMEM;
	subj->title = fold_space(subj, p);
	if (subj->title == NULL)
		goto done;
	*out = talloc_steal(ctx, subj);
	rc = PD_OK;
done:
	talloc_free(local);
	return rc;
}

bool pd_subject_is_cover(const struct pd_subject *s)
{
	return s->has_counter && s->n == 0;
}

bool pd_subject_is_patch(const struct pd_subject *s)
{
	return (s->kinds & (PD_SUBJ_PATCH | PD_SUBJ_RFC | PD_SUBJ_RFT | PD_SUBJ_RESEND)) != 0 ||
	       s->has_counter;
}

int pd_subject_version_cmp(const struct pd_subject *a, const struct pd_subject *b)
{
	if (a->version != b->version)
		return a->version < b->version ? -1 : 1;
	if (a->version_minor != b->version_minor)
		return a->version_minor < b->version_minor ? -1 : 1;
	return 0;
}

/* A string built by appending, doubling its buffer: rendering a subject
 * of a million tokens stays linear (talloc's append copies each time
 * under ASan). */
struct sbuf {
	void *ctx;
	char *s;
	size_t len, cap;
	bool failed;
};

static void sb_add(struct sbuf *b, const char *p, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *grown = talloc_realloc(b->ctx, b->s, char, cap);
		if (grown == NULL) {
			b->failed = true;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *p)
{
	sb_add(b, p, strlen(p));
}

/* Appends a formatted piece; the piece itself is short. */
static void sb_fmt(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_fmt(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *piece = talloc_vasprintf(b->ctx, fmt, ap);
	va_end(ap);
	if (piece == NULL)
		b->failed = true;
	else
		sb_str(b, piece);
	talloc_free(piece);
}

/* The built string ("" if nothing was added), or NULL after a failure. */
static char *sb_done(struct sbuf *b)
{
	if (b->failed) {
		talloc_free(b->s);
		return NULL;
	}
	return b->s ? b->s : talloc_strdup(b->ctx, "");
}

static int digits_of(int v)
{
	int d = 1;
	while (v >= 10)
		v /= 10, d++;
	return d;
}

/* The prefix's words, space separated, without the brackets. */
static void prefix_words(struct sbuf *b, const struct pd_subject *s)
{
	size_t start = b->len;
#define WORD(...)                                                              \
	do {                                                                   \
		if (b->len > start)                                            \
			sb_str(b, " ");                                        \
		sb_fmt(b, __VA_ARGS__);                                        \
	} while (0)
	if (s->kinds & PD_SUBJ_PULL)
		WORD("GIT PULL");
	if (s->kinds & PD_SUBJ_RFC)
		WORD("RFC");
	if (s->kinds & PD_SUBJ_RFT)
		WORD("RFT");
	if (s->kinds & PD_SUBJ_PATCH)
		WORD("PATCH");
	if (s->kinds & PD_SUBJ_RESEND)
		WORD("RESEND");
	for (size_t i = 0; i < s->ntargets; i++) {
		if (b->len > start)
			sb_str(b, " ");
		sb_str(b, s->targets[i]);
	}
	if (s->version_minor != 0)
		WORD("v%d.%d", s->version, s->version_minor);
	else if (s->version != 1)
		WORD("v%d", s->version);
	if (s->has_counter)
		WORD("%0*d/%d", digits_of(s->total), s->n, s->total);
#undef WORD
}

char *pd_subject_prefix(void *ctx, const struct pd_subject *s)
{
	struct sbuf b = { .ctx = ctx };

	sb_str(&b, "[");
	prefix_words(&b, s);
	if (b.len == 1)
		b.len = 0; /* nothing inside: no brackets either */
	else
		sb_str(&b, "]");
	if (b.s != NULL)
		b.s[b.len] = '\0';
	return sb_done(&b);
}

char *pd_subject_describe(void *ctx, const struct pd_subject *s)
{
	static const struct {
		unsigned bit;
		const char *name;
	} kinds[] = {
		{ PD_SUBJ_PULL, "PULL" }, { PD_SUBJ_RFC, "RFC" },
		{ PD_SUBJ_RFT, "RFT" },   { PD_SUBJ_PATCH, "PATCH" },
		{ PD_SUBJ_RESEND, "RESEND" },
	}, odds[] = {
		{ PD_SUBJ_ODD_UNBALANCED, "unbalanced" },
		{ PD_SUBJ_ODD_COUNTER_OVER, "over" },
		{ PD_SUBJ_ODD_COUNTER_HUGE, "huge" },
		{ PD_SUBJ_ODD_TWO_COUNTERS, "counters" },
		{ PD_SUBJ_ODD_TWO_VERSIONS, "versions" },
	};
	struct sbuf b = { .ctx = ctx };
	const char *sep = "";

	sb_fmt(&b, "reply=%d kinds=", s->is_reply);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (s->kinds & kinds[i].bit) {
			sb_fmt(&b, "%s%s", sep, kinds[i].name);
			sep = ",";
		}
	if (*sep == '\0')
		sb_str(&b, "-");
	sb_str(&b, s->has_version ? " v=" : " v=(");
	if (s->version_minor != 0)
		sb_fmt(&b, "%d.%d", s->version, s->version_minor);
	else
		sb_fmt(&b, "%d", s->version);
	sb_str(&b, s->has_version ? "" : ")");
	if (s->has_counter)
		sb_fmt(&b, " n=%d/%d", s->n, s->total);
	else
		sb_str(&b, " n=-");
	sb_str(&b, " targets=");
	for (size_t i = 0; i < s->ntargets; i++) {
		sb_str(&b, i ? "," : "");
		sb_str(&b, s->targets[i]);
	}
	if (s->ntargets == 0)
		sb_str(&b, "-");
	sb_str(&b, " odd=");
	sep = "";
	for (size_t i = 0; i < sizeof(odds) / sizeof(odds[0]); i++)
		if (s->odd & odds[i].bit) {
			sb_fmt(&b, "%s%s", sep, odds[i].name);
			sep = ",";
		}
	if (*sep == '\0')
		sb_str(&b, "-");
	sb_str(&b, " prefix=");
	size_t at = b.len;
	sb_str(&b, "[");
	prefix_words(&b, s);
	if (b.len == at + 1) {
		b.len = at;
		sb_str(&b, "-");
	} else {
		sb_str(&b, "]");
	}
	sb_str(&b, " title=");
	sb_str(&b, s->title);
	return sb_done(&b);
}
