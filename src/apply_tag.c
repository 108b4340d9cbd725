#include "config.h"

#include "apply_tag.h"

#include <talloc.h>

#include "review.h"
#include "review_state.h"

int pd_apply_tag(struct pd_store *store, const struct pd_revision *rev, const char *prefix,
		 unsigned wait_ms, pd_tag_wait_fn *waiting, void *data, size_t *changed,
		 size_t *nids, struct pd_err *err)
{
	if (prefix == NULL)
		prefix = "pd/";
	void *local = talloc_new(NULL);
	const char **remove = local != NULL ? talloc_array(local, const char *, PD_REVIEW_COUNT)
					    : NULL;
	for (int i = 0; remove != NULL && i < PD_REVIEW_COUNT; i++)
		if ((remove[i] = pd_review_tag(local, prefix, (enum pd_review)i)) == NULL)
			remove = NULL;
	size_t n = 0;
	const char **ids = local != NULL ? pd_revision_own_ids(local, rev, &n) : NULL;
	const char *add = local != NULL ? pd_review_tag(local, prefix, PD_REVIEW_APPLIED) : NULL;
	if (remove == NULL || ids == NULL || add == NULL) {
		talloc_free(local);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	struct pd_tag_write w = {
		.ids = ids, .nids = n, .add = add, .remove = remove, .nremove = PD_REVIEW_COUNT,
	};
	size_t dummy = 0;
	int rc = pd_store_tag(store, &w, wait_ms, waiting, data, changed ? changed : &dummy, err);
	if (nids != NULL)
		*nids = n;
	talloc_free(local);
	return rc;
}
