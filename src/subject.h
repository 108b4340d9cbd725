/* The subject line of a patch mail, parsed.
 *
 *   Re: [RFC PATCH net-next v3 02/10] net: foo: fix the bar
 *
 * The input is an already decoded (RFC 2047) and unfolded subject. Parsing
 * is total: every string, however malformed, yields a struct; oddities are
 * reported as flags instead of failures, because real lists send them and
 * the series model must still show the mail. See SERIES.md "Subjects".
 */
#ifndef PD_SUBJECT_H
#define PD_SUBJECT_H

#include <stdbool.h>
#include <stddef.h>

/* Kinds named in the bracket groups (a bit set). */
enum pd_subject_kind {
	PD_SUBJ_PATCH = 1 << 0,
	PD_SUBJ_RFC = 1 << 1,
	PD_SUBJ_RFT = 1 << 2,
	PD_SUBJ_RESEND = 1 << 3,
	PD_SUBJ_PULL = 1 << 4, /* GIT PULL */
};

/* Things a well-formed subject does not do (a bit set). */
enum pd_subject_odd {
	PD_SUBJ_ODD_UNBALANCED = 1 << 0,    /* a `[` group never closed */
	PD_SUBJ_ODD_COUNTER_OVER = 1 << 1,  /* n above its total, or total 0 */
	PD_SUBJ_ODD_COUNTER_HUGE = 1 << 2,  /* a counter too long to be one */
	PD_SUBJ_ODD_TWO_COUNTERS = 1 << 3,  /* later counters were ignored */
	PD_SUBJ_ODD_TWO_VERSIONS = 1 << 4,  /* later versions were ignored */
};

struct pd_subject {
	bool is_reply;       /* Re:/Aw:/Fwd:... before the first tag group */
	unsigned kinds;      /* enum pd_subject_kind bits */
	bool has_version;    /* a version token was present */
	int version;         /* major; 1 when absent */
	int version_minor;   /* `v5.1` -> 1; 0 when absent */
	bool has_counter;
	int n;               /* 0 is the cover letter; 0 when no counter */
	int total;           /* 0 when no counter */
	char **targets;      /* tree/list prefixes in order (`net-next`) */
	size_t ntargets;
	unsigned odd;        /* enum pd_subject_odd bits */
	char *title;         /* after the groups, trimmed, white space folded */
};

/* Parses subject (NULL reads as "") into *out, allocated under ctx.
 * Returns 0 or PD_E_NOMEM. */
int pd_subject_parse(struct pd_subject **out, void *ctx, const char *subject);

/* True for a cover letter: counter 0/N. */
bool pd_subject_is_cover(const struct pd_subject *s);

/* True when the tags say this mail carries a patch or a series part:
 * PATCH, RFC, RFT or RESEND, or a counter (patchwork's `[v2,3/5]`). */
bool pd_subject_is_patch(const struct pd_subject *s);

/* Orders two versions: <0, 0, >0 as a is older, the same, newer. */
int pd_subject_version_cmp(const struct pd_subject *a, const struct pd_subject *b);

/* The canonical prefix `[GIT PULL]`, `[RFC PATCH RESEND net-next v3 02/10]`:
 * kinds in a fixed order, targets as given, the version unless it is the
 * default v1, the counter padded to the width of its total like git
 * format-patch. "" when the subject had nothing to render. NULL only when
 * out of memory. */
char *pd_subject_prefix(void *ctx, const struct pd_subject *s);

/* One line describing the whole parse, for tests and the corpus checker:
 * `reply=0 kinds=RFC,PATCH v=3 n=2/10 targets=net-next odd=- prefix=[...] title=...`
 * NULL only when out of memory. */
char *pd_subject_describe(void *ctx, const struct pd_subject *s);

#endif
