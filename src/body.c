#include "config.h"

#include "trailer.h"

#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "status.h"
#include "textlines.h"

/* ---------------------------------------------------------------- body */

/* `base-commit:` and friends: first word after the colon. */
static int meta_line(struct pd_body *b, const struct pd_line *l)
{
	static const char *const keys[] = { "base-commit:", "change-id:", "prerequisite-patch-id:" };
	for (size_t k = 0; k < 3; k++) {
		if (!pd_line_starts(l, keys[k]))
			continue;
		size_t i = strlen(keys[k]);
		while (i < l->len && pd_is_ws(l->s[i]))
			i++;
		size_t e = i;
		while (e < l->len && !pd_is_ws(l->s[e]))
			e++;
		if (e == i)
			return PD_OK;
		char *word = talloc_strndup(b, l->s + i, e - i);
		if (word == NULL)
			return PD_E_NOMEM;
		if (k == 0 && b->base_commit == NULL)
			b->base_commit = word;
		else if (k == 1 && b->change_id == NULL)
			b->change_id = word;
		else if (k == 2) {
			size_t cap = b->prereq_ids ? talloc_get_size(b->prereq_ids) / sizeof(char *) : 0;
			if (b->prereq_ids == NULL || b->nprereq == cap) {
				char **grown = talloc_realloc(b, b->prereq_ids, char *, cap ? 2 * cap : 4);
				if (grown == NULL)
					return PD_E_NOMEM;
				b->prereq_ids = grown;
			}
			b->prereq_ids[b->nprereq++] = talloc_steal(b->prereq_ids, word);
		} else
			talloc_free(word);
	}
	return PD_OK;
}

/* In-body `From:`/`Date:`/`Subject:` lines at the top of the message,
 * folded continuation lines included; returns the first line after them. */
static size_t inbody_headers(struct pd_body *b, const struct pd_line *v, size_t i, size_t end, int *rc)
{
	static const char *const keys[] = { "from:", "date:", "subject:" };
	while (i < end && pd_line_blank(&v[i]))
		i++;
	for (;;) {
		size_t k = 0;
		while (k < 3 && !(i < end && pd_line_starts_nocase(&v[i], keys[k])))
			k++;
		if (k == 3)
			break;
		size_t klen = strlen(keys[k]), at = i++;
		char *val = pd_unfold(b, v[at].s + klen, v[at].len - klen, v, &i, end);
		if (val == NULL) {
			*rc = PD_E_NOMEM;
			return i;
		}
		char **slot = k == 0 ? &b->from : k == 1 ? &b->date : &b->subject;
		talloc_free(*slot);
		*slot = val;
	}
	return i;
}

/* The diffstat block in [a, b): file lines ` path | 3 +-`, the summary
 * ` N files changed`, then mode lines. Sets *ds_a, *ds_b or leaves PD_NONE. */
static void find_diffstat(const struct pd_line *v, size_t a, size_t b, size_t *ds_a, size_t *ds_b)
{
	static const char *const after[] = { " create mode ", " delete mode ", " rename ", " mode change ",
					     " copy " };
	size_t sum = PD_NONE;
	for (size_t i = a; i < b; i++) {
		const char *p = v[i].s, *e = v[i].s + v[i].len;
		if (v[i].len < 2 || p[0] != ' ' || !(p[1] >= '0' && p[1] <= '9'))
			continue;
		p++;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
		size_t rest = (size_t)(e - p);
		if ((rest >= 13 && memcmp(p, " file changed", 13) == 0) ||
		    (rest >= 14 && memcmp(p, " files changed", 14) == 0))
			sum = i;
	}
	if (sum == PD_NONE)
		return;
	size_t first = sum;
	while (first > a && pd_line_starts(&v[first - 1], " ") &&
	       memmem(v[first - 1].s, v[first - 1].len, " | ", 3) != NULL)
		first--;
	size_t last = sum + 1;
	for (bool more = true; more && last < b;) {
		more = false;
		for (size_t k = 0; k < sizeof(after) / sizeof(after[0]); k++)
			if (pd_line_starts(&v[last], after[k]))
				more = true;
		if (more)
			last++;
	}
	*ds_a = first;
	*ds_b = last;
}

int pd_body_split(struct pd_body **out, void *ctx, const char *text)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	if (local == NULL)
		return PD_E_NOMEM;
	int rc = PD_E_NOMEM;
	if (text == NULL)
		text = "";
	struct pd_body *b = talloc_zero(local, struct pd_body);
	size_t n = 0;
	struct pd_line *v = pd_lines_split(local, text, &n);
	if (b == NULL || v == NULL)
		goto done;

	enum { S_MSG, S_NOTES, S_DIFF } state = S_MSG;
	size_t sep = PD_NONE, dstart = PD_NONE, dend = PD_NONE, sig = PD_NONE, scis = PD_NONE;
	struct pd_diffscan ds = { .tolerant = true };
	for (size_t i = 0; i < n; i++) {
		const struct pd_line *l = &v[i];
		if (state == S_DIFF && pd_diff_line(&ds, l)) {
			if (!(ds.damaged && l->len == 0))
				dend = i + 1;
			continue;
		}
		if (pd_line_signature(l)) {
			sig = i;
			break;
		}
		if (state != S_DIFF && pd_diff_starts(v, n, i)) {
			state = S_DIFF;
			dstart = i;
			pd_diff_line(&ds, l);
			dend = i + 1;
			continue;
		}
		if (state == S_MSG && pd_line_separator(l)) {
			sep = i;
			state = S_NOTES;
			continue;
		}
		if (state == S_MSG && pd_line_scissors(l))
			scis = i;
		if ((rc = meta_line(b, l)) < 0)
			goto done;
		rc = PD_E_NOMEM;
	}

	size_t end = sig != PD_NONE ? sig : n;
	size_t msg_a = scis != PD_NONE ? scis + 1 : 0;
	size_t msg_b = sep != PD_NONE ? sep : dstart != PD_NONE ? dstart : end;
	size_t rest_b = dstart != PD_NONE ? dstart : end;
	b->scissors = scis != PD_NONE;
	b->has_separator = sep != PD_NONE;
	int hrc = PD_OK;
	msg_a = inbody_headers(b, v, msg_a, msg_b, &hrc);
	if (hrc < 0 || (b->message = pd_lines_join(b, v, msg_a, msg_b)) == NULL)
		goto done;

	size_t ds_a = PD_NONE, ds_b = PD_NONE;
	if (sep != PD_NONE) {
		find_diffstat(v, sep + 1, rest_b, &ds_a, &ds_b);
		size_t notes_b = ds_a != PD_NONE ? ds_a : rest_b;
		char *notes = pd_lines_join(b, v, sep + 1, notes_b);
		if (notes == NULL)
			goto done;
		/* Text after the diffstat is rare but still the sender's. */
		char *tail = ds_b != PD_NONE ? pd_lines_join(local, v, ds_b, rest_b) : talloc_strdup(local, "");
		if (tail == NULL)
			goto done;
		if (*tail != '\0')
			notes = talloc_asprintf_append(notes, "%s%s", *notes ? "\n" : "", tail);
		if (notes == NULL)
			goto done;
		b->notes = *notes ? notes : NULL;
	} else {
		find_diffstat(v, msg_a, msg_b, &ds_a, &ds_b);
	}
	if (ds_a != PD_NONE && (b->diffstat = pd_lines_join(b, v, ds_a, ds_b)) == NULL)
		goto done;
	if (dstart != PD_NONE) {
		b->diff_damaged = ds.damaged;
		b->diff_offset = v[dstart].off;
		b->diff = talloc_strndup(b, text + v[dstart].off, v[dend - 1].next - v[dstart].off);
		if (b->diff == NULL)
			goto done;
	}
	if (sig != PD_NONE && (b->signature = pd_lines_join(b, v, sig + 1, n)) == NULL)
		goto done;
	*out = talloc_steal(ctx, b);
	rc = PD_OK;
done:
	talloc_free(local);
	return rc;
}
