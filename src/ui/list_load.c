#include "config.h"

#include <talloc.h>

#include "list_load.h"

struct pd_list_load {
	bool done;
};

int pd_list_load_start(struct pd_list_load **out, void *ctx, struct pd_store *store,
		       const char *query, bool incremental, struct pd_load **first,
		       struct pd_err *err)
{
	(void)incremental;
	struct pd_list_load *l = talloc_zero(ctx, struct pd_list_load);
	if (l == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int rc = pd_load_query(first, ctx, store, query, 0, err);
	if (rc != PD_OK) {
		talloc_free(l);
		return rc;
	}
	l->done = true;
	*out = l;
	return PD_OK;
}

int pd_list_load_work(struct pd_list_load *l, unsigned budget_ms, struct pd_load **fresh,
		      bool *more, struct pd_err *err)
{
	(void)budget_ms, (void)err;
	*fresh = NULL;
	*more = !l->done;
	return PD_OK;
}

char *pd_list_load_progress(void *ctx, const struct pd_list_load *l)
{
	(void)ctx, (void)l;
	return NULL;
}
