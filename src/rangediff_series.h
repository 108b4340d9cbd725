/* The range-diff between two revisions of the series model: their patches
 * read as git am would commit them (title, author, message as sent, without
 * the trailers collected since), with their stable patch-ids. Shared by
 * `patchdeck diff` and the reader's range-diff view. */
#ifndef PD_RANGEDIFF_SERIES_H
#define PD_RANGEDIFF_SERIES_H

#include "rangediff.h"
#include "series.h"
#include "status.h"

/* The patches of rev as the range-diff reads them, *n set; an array
 * under ctx (NULL only when out of memory). Carried patches of a partial
 * reroll are part of the revision and are included. */
struct pd_rd_patch *pd_rd_patches(void *ctx, const struct pd_revision *rev, size_t *n);

/* The revision before rev in its series, NULL for the first. */
const struct pd_revision *pd_rd_previous(const struct pd_revision *rev);

/* Pairs old's patches with new's. *out under ctx. */
int pd_rd_revisions(struct pd_rangediff **out, void *ctx, const struct pd_revision *old,
		    const struct pd_revision *new, struct pd_err *err);

/* "v3", "v2.1" */
char *pd_rd_version(void *ctx, const struct pd_revision *rev);

#endif
