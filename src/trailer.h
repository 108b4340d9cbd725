/* The text of a patch mail: where the commit message ends, what follows
 * it, and the trailers (`Reviewed-by: Name <email>`) in a message or in a
 * review reply. Pure string work on an already decoded text body; CRLF and
 * LF line ends are both read. See SERIES.md "Commit message" and "Trailers".
 */
#ifndef PD_TRAILER_H
#define PD_TRAILER_H

#include <stdbool.h>
#include <stddef.h>

/* A patch body taken apart. Text parts have LF line ends, every line
 * ending in "\n", blank lines trimmed at both ends; absent parts are NULL.
 * The diff alone is a byte-exact slice of the input (CRs kept), because
 * it must apply as sent. */
struct pd_body {
	char *from;          /* in-body `From:` at the top: the real author */
	char *date;          /* in-body `Date:` */
	char *subject;       /* in-body `Subject:` (folded lines joined) */
	char *message;       /* the commit message: up to `---` or the diff ("" if empty) */
	char *notes;         /* between `---` and the diffstat or diff */
	char *diffstat;      /* file lines and the `N files changed` summary */
	char *diff;          /* first diff line up to the last line of the diff */
	size_t diff_offset;  /* where the diff starts in the input */
	bool diff_damaged;   /* a hunk broke off (mangled by a mailer): the diff
			      * then runs to the signature and will not apply */
	char *signature;     /* what follows the `-- ` line */
	char *base_commit;   /* `base-commit:` value */
	char *change_id;     /* `change-id:` value (b4) */
	char **prereq_ids;   /* `prerequisite-patch-id:` values in order */
	size_t nprereq;
	bool has_separator;  /* a `---` line ended the message */
	bool scissors;       /* a `-- >8 --` line dropped the text above it */
};

/* Splits body (NULL reads as "") into *out under ctx. Returns 0 or
 * PD_E_NOMEM.
 *
 * The message ends at the first `---` line or the first diff line (`diff
 * -`, `Index: `, or a `--- ` line followed by `+++ `), whichever comes
 * first, as git am does. Hunks are read with their line counts, so a
 * removed line `- ` (shown as `-- `) is never taken for the signature.
 * A cover letter has no `---`: its diffstat is reported, and also stays
 * in the message it belongs to. */
int pd_body_split(struct pd_body **out, void *ctx, const char *body);

enum pd_sender_match {
	PD_SENDER_UNKNOWN,  /* no email in the trailer, or no sender given */
	PD_SENDER_MATCH,
	PD_SENDER_MISMATCH, /* kept and flagged: someone else's tag, or a typo */
};

struct pd_trailer {
	char *name;          /* canonical spelling: `Reviewed-by`, `Message-ID` */
	char *value;         /* as written, continuation lines joined, trimmed */
	char *person;        /* person trailers: display name ("" if none given) */
	char *email;         /* person trailers: the address, NULL if none */
	char *fixes_sha;     /* Fixes: the leading hex id */
	char *fixes_subject; /* Fixes: the text inside `("...")` */
	bool known;          /* one of the names SERIES.md lists */
	bool is_person;      /* takes `Name <email>`: the known ones and any `*-by` */
	bool well_formed;    /* person: has an email; Fixes: 12+ hex and ("subject") */
	enum pd_sender_match sender;
};

/* Parses the trailers of a commit message (pd_body.message): the lines of
 * its last paragraph, when that paragraph is a trailer block as git
 * interpret-trailers sees one (all `Token: value` lines, or at least one
 * known trailer and a quarter of the lines). Lines such as `[maintainer:
 * note]` inside the block are skipped. *out is an array of *count
 * trailers under ctx (NULL when none). Returns 0 or PD_E_NOMEM. */
int pd_trailers_parse(struct pd_trailer **out, size_t *count, void *ctx, const char *message);

/* Collects the trailers a review reply gives: known trailers and `*-by`
 * ones on the reply's own lines anywhere in it, never on quoted `>` lines,
 * in an unquoted copy of a patch, below a `-- ` signature or below an
 * Outlook `-----Original Message-----`. A name and its `<email>` wrapped
 * onto the next line are joined. Each trailer's email is compared to
 * sender_email (case-insensitive; NULL leaves every one UNKNOWN). */
int pd_reply_trailers(struct pd_trailer **out, size_t *count, void *ctx, const char *body,
		      const char *sender_email);

/* Same trailer for de-duplication: names and values equal ignoring ASCII
 * case and runs of white space. */
bool pd_trailer_same(const struct pd_trailer *a, const struct pd_trailer *b);

/* The canonical spelling of a trailer name: the known ones as SERIES.md
 * writes them, others with the first letter raised and, when written in
 * one case, the rest lowered (`BISECTED-BY` -> `Bisected-by`). NULL only
 * when out of memory. */
char *pd_trailer_name(void *ctx, const char *name, size_t len);

#endif
