/* Who maintains a file: the sections of a kernel-style MAINTAINERS file
 * whose F: (files) or N: (regex) entries match the path and whose X:
 * (excluded) entries do not, matched as scripts/get_maintainer.pl does:
 * F: patterns are prefixes with * and ? as wildcards; one ending in '/'
 * covers everything below, one without covers its own directory level
 * only (or, naming a directory, everything below it).
 */
#ifndef PD_MAINTAINERS_H
#define PD_MAINTAINERS_H

#include <stdbool.h>
#include <stddef.h>

struct pd_maint_section {
	const char *title;
	const char **m, **r, **l;   /* M: maintainers, R: reviewers, L: lists */
	size_t nm, nr, nl;
	const char *status;         /* S:, or NULL */
	const char *matched;        /* the F: or N: entry that matched */
	int depth;                  /* how specific, as get_maintainer.pl ranks */
};

/* The sections of text (a MAINTAINERS file) that cover path, most
 * specific first as get_maintainer.pl orders them (an F: pattern's '/'s,
 * one more for a file pattern, -1 for one starting with '*', 0 for an N:
 * regex), equals in file order, under ctx.
 * is_dir tells whether a path of the tree is a directory (for F: entries
 * naming one without a trailing '/'); may be NULL. Returns the count;
 * -1 when out of memory. */
long pd_maintainers_for(struct pd_maint_section **out, void *ctx, const char *text,
			const char *path, bool (*is_dir)(void *arg, const char *path),
			void *arg);

#endif
