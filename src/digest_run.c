#include "config.h"

#include "digest_run.h"

#include <string.h>
#include <talloc.h>
#include <time.h>

#include "load.h"

/* YYYY-MM-DD as midnight UTC; false when it is not such a date. */
static bool parse_day(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	const char *end = strptime(s, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0' || strlen(s) != 10)
		return false;
	int mon = tm.tm_mon, mday = tm.tm_mday;
	*out = timegm(&tm);
	/* timegm() normalises 2025-02-30 to March: such a day is a typo. */
	gmtime_r(out, &tm);
	return tm.tm_mon == mon && tm.tm_mday == mday;
}

char *pd_digest_day(void *ctx, time_t t)
{
	struct tm tm;
	char buf[16];
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return talloc_strdup(ctx, buf);
}

int pd_digest_run(struct pd_digest **d, struct pd_digest_head *head, void *ctx,
		  struct pd_store *store, const struct pd_digest_args *a, size_t *nunreadable,
		  char **unreadable, struct pd_err *err)
{
	*head = (struct pd_digest_head){ .list = a->list != NULL ? a->list : "The" };
	time_t from = 0, to = 0;
	const char *days[2] = { a->from, a->to };
	for (int i = 0; i < 2; i++) {
		if (days[i] == NULL)
			continue;
		if (!parse_day(days[i], i == 0 ? &from : &to))
			return pd_err_set(err, PD_E_USAGE,
					  "--%s wants a day as YYYY-MM-DD (like 2025-11-10), not '%s'",
					  i == 0 ? "from" : "to", days[i]);
		*(i == 0 ? &head->start : &head->end) = days[i];
	}
	/* --to names the last day of the range, which ends at its midnight. */
	if (to != 0)
		to += (time_t)24 * 60 * 60;
	if (from != 0 && to != 0 && to <= from)
		return pd_err_set(err, PD_E_USAGE,
				  "--to %s is before --from %s; give the earlier day to --from",
				  head->end, head->start);

	void *local = talloc_new(NULL);
	const char *q = a->query != NULL && *a->query ? a->query : PD_LOAD_PATCH_QUERY;
	/* The date only narrows which threads are read; the digest itself
	 * then keeps the mails of the range. */
	char *query = talloc_asprintf(local, "(%s)", q);
	if (query != NULL && (from != 0 || to != 0))
		query = talloc_asprintf_append(
			query, " and date:%s..%s",
			from ? talloc_asprintf(local, "@%lld", (long long)from) : "",
			to ? talloc_asprintf(local, "@%lld", (long long)to - 1) : "");
	if (query == NULL) {
		talloc_free(local);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	struct pd_load *load = NULL;
	int rc = pd_load_query(&load, ctx, store, query, PD_LOAD_BODIES, err);
	talloc_free(local);
	if (rc != PD_OK)
		return rc;
	if (nunreadable != NULL)
		*nunreadable = load->nunreadable;
	if (unreadable != NULL)
		*unreadable = load->unreadable;
	if (pd_digest_build(d, ctx, load->model, from, to) != PD_OK)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	/* Without a day given, an end is the day of the first or last mail. */
	if (head->start == NULL)
		head->start = (*d)->nmails > 0 ? pd_digest_day(ctx, (*d)->mails[0].mail->date) : "-";
	if (head->end == NULL)
		head->end = (*d)->nmails > 0
				    ? pd_digest_day(ctx, (*d)->mails[(*d)->nmails - 1].mail->date)
				    : "-";
	return head->start != NULL && head->end != NULL ? PD_OK
							: pd_err_set(err, PD_E_NOMEM, "out of memory");
}
