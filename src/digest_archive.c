#include "config.h"

#include "digest_archive.h"

#include <string.h>
#include <talloc.h>

#include "message.h"
#include "pubinbox.h"

enum { SHORT = 9 };

static bool removed_later(const struct pd_pi_commit *cs, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n; j++)
		if (cs[j].kind == PD_PI_REMOVE && git_oid_equal(&cs[j].blob, &cs[i].blob))
			return true;
	return false;
}

int pd_digest_archive(struct pd_digest_range **out, void *ctx, const char *path,
		      const char *from, const char *to, struct pd_err *err)
{
	*out = NULL;
	void *tmp = talloc_new(NULL);
	struct pd_digest_range *r = talloc_zero(tmp, struct pd_digest_range);
	struct pd_pi *pi = NULL;
	struct pd_pi_pos after, through;
	int rc = r != NULL ? pd_pi_open(&pi, tmp, path, err) : PD_E_NOMEM;
	if (rc == PD_OK && from != NULL)
		rc = pd_pi_resolve(pi, from, &after, err);
	if (rc == PD_OK)
		rc = to != NULL ? pd_pi_resolve(pi, to, &through, err) : pd_pi_tip(pi, &through, err);
	struct pd_pi_commit *cs = NULL;
	size_t n = 0, ncommits = 0;
	if (rc == PD_OK)
		rc = pd_pi_walk(pi, tmp, from != NULL ? &after : NULL, &through, &cs, &n, &ncommits,
				err);
	if (rc == PD_OK) {
		r->mails = talloc_array(r, struct pd_mail *, n + 1);
		r->end = pd_pi_short(r, &through.id, SHORT);
		r->start = from != NULL ? pd_pi_short(r, &after.id, SHORT)
			 : n > 0 ? pd_pi_short(r, &cs[0].pos.id, SHORT) : talloc_strdup(r, "-");
		if (r->mails == NULL || r->end == NULL || r->start == NULL)
			rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; rc == PD_OK && i < n; i++) {
		if (cs[i].kind != PD_PI_ADD || removed_later(cs, n, i))
			continue;
		const char *data;
		size_t len;
		void *keep = NULL;
		rc = pd_pi_read(pi, tmp, &cs[i], &data, &len, &keep, err);
		if (rc == PD_OK)
			rc = pd_message_parse(&r->mails[r->nmails], r->mails, data, len, err);
		if (rc == PD_OK)
			r->nmails++;
		talloc_free(keep);
	}
	if (rc == PD_OK &&
	    pd_series_build(&r->model, r, (const struct pd_mail *const *)r->mails, r->nmails) != PD_OK)
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK)
		*out = talloc_steal(ctx, r);
	else if (rc == PD_E_NOMEM && err != NULL && err->msg == NULL)
		pd_err_set(err, rc, "out of memory");
	talloc_free(tmp);
	return rc;
}
