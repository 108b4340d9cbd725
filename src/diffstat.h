/* The diffstat of a patch: computed from the diff text with libgit2,
 * rendered the way `git diff --stat` and `git format-patch` print it, and
 * compared with the diffstat the mail carried (which can be stale: the
 * author edited the patch by hand, or the list mangled it). See SERIES.md
 * "Commit message, authorship, diffstat".
 */
#ifndef PD_DIFFSTAT_H
#define PD_DIFFSTAT_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct pd_diffstat_file {
	char *path;          /* the new path; the old one for a deletion */
	char *old_path;      /* renames and copies: where it came from; else NULL */
	char status;         /* 'A', 'D', 'M', 'R', 'C', 'T' (type change) */
	unsigned old_mode, new_mode; /* 0 when the diff does not say */
	size_t insertions;
	size_t deletions;
	bool binary;
	/* Binary sizes as `GIT binary patch` literal blocks give them, -1 when
	 * the diff does not tell (a delta, or `Binary files ... differ`). */
	long long old_size, new_size;
	int similarity;      /* renames and copies: the percentage, else 0 */
};

struct pd_diffstat {
	struct pd_diffstat_file *files; /* in diff order */
	size_t nfiles;
	size_t insertions;   /* text files only, as git counts them */
	size_t deletions;
};

/* Computes the diffstat of diff (len bytes, need not be NUL-terminated)
 * into *out under ctx. Returns 0, PD_E_NOMEM, or PD_E_DIFF with libgit2's
 * reason in err when the text does not parse as a patch. */
int pd_diffstat_compute(struct pd_diffstat **out, void *ctx, const char *diff, size_t len,
			struct pd_err *err);

/* The width git uses when nothing else is said (`git diff --stat` into a
 * pipe); `git format-patch` uses 72, the mail wrap width. */
#define PD_DIFFSTAT_WIDTH 80
#define PD_DIFFSTAT_MAIL_WIDTH 72

/* The stat block exactly as git prints it for a total width: one
 * ` path | 12 +++---` line per file, names shortened to `.../tail` when
 * they do not fit, then the summary line; every line ends in "\n". "" for
 * an empty diffstat. NULL only when out of memory. */
char *pd_diffstat_render(void *ctx, const struct pd_diffstat *s, int width);

/* ` 2 files changed, 1 insertion(+), 3 deletions(-)` with git's singular
 * forms and omissions, no newline. NULL only when out of memory. */
char *pd_diffstat_summary(void *ctx, size_t files, size_t insertions, size_t deletions);

/* How a path appears in a stat line: C-quoted like git when it holds
 * control or non-ASCII bytes; renames as `dir/{old => new}/tail`. */
char *pd_diffstat_name(void *ctx, const struct pd_diffstat_file *f);

/* A diffstat as it was sent in a mail (pd_body.diffstat). */
struct pd_sent_file {
	char *name;          /* as printed, maybe `.../tail`, maybe a rename */
	bool abbreviated;    /* started with `...` */
	bool binary;         /* `Bin ...` */
	size_t changes;      /* the number after `|` (0 for binary) */
};

struct pd_sent_diffstat {
	struct pd_sent_file *files;
	size_t nfiles;
	bool has_summary;    /* the `N files changed` line was there */
	size_t summary_files, insertions, deletions;
};

/* Parses a sent diffstat (NULL or "" gives an empty one). Lines that are
 * neither file lines nor the summary (`create mode ...`) are skipped.
 * Returns 0 or PD_E_NOMEM. */
int pd_diffstat_parse_sent(struct pd_sent_diffstat **out, void *ctx, const char *text);

enum pd_diffstat_verdict {
	PD_DIFFSTAT_ABSENT,  /* the mail sent none */
	PD_DIFFSTAT_EQUAL,   /* the same files, counts and totals */
	PD_DIFFSTAT_STALE,   /* it disagrees with the diff */
};

/* Compares a sent diffstat with the computed one: the summary's file
 * count, insertions and deletions, and each file line's change count
 * against the computed file of that name (an abbreviated `.../tail` name
 * matches the computed name ending in that tail). When why is not NULL
 * and the verdict is STALE, *why is one line saying the first difference
 * (allocated under ctx). */
enum pd_diffstat_verdict pd_diffstat_compare(const struct pd_diffstat *computed,
					     const struct pd_sent_diffstat *sent, void *ctx,
					     char **why);

#endif
