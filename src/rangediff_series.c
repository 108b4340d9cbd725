#include "config.h"

#include "rangediff_series.h"

#include <string.h>
#include <talloc.h>

#include "apply_msg.h"
#include "patchid.h"

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (strchr(" \t\r\v\f", s[i]) == NULL)
			return false;
	return true;
}

/* git stripspace, as git am cleans "title\n\nbody" before committing. */
static char *stripspace(void *ctx, const char *text)
{
	char *out = talloc_strdup(ctx, "");
	bool pending = false;
	for (const char *p = text; out != NULL && *p;) {
		size_t len = strcspn(p, "\n");
		const char *next = p + len + (p[len] == '\n');
		if (blank(p, len)) {
			pending = *out != '\0';
		} else {
			while (len > 0 && strchr(" \t\r\v\f", p[len - 1]) != NULL)
				len--;
			if (pending)
				out = talloc_strdup_append_buffer(out, "\n");
			pending = false;
			if (out != NULL)
				out = talloc_asprintf_append_buffer(out, "%.*s\n", (int)len, p);
		}
		p = next;
	}
	return out;
}

struct pd_rd_patch *pd_rd_patches(void *ctx, const struct pd_revision *rev, size_t *n)
{
	struct pd_rd_patch *out = talloc_zero_array(ctx, struct pd_rd_patch, rev->npatches + 1);
	*n = 0;
	for (size_t i = 0; out != NULL && i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		const struct pd_mail *m = p->mail;
		const char *title = m->subject != NULL && m->subject->title != NULL ? m->subject->title
										     : "";
		const char *body = m->patch != NULL && m->patch->message != NULL ? m->patch->message : "";
		char *name = NULL, *email = NULL;
		pd_patch_author(out, p, &name, &email);
		const char *diff = m->patch != NULL ? m->patch->diff : NULL;
		char *all = talloc_asprintf(out, "%s\n\n%s", title, body);
		out[*n] = (struct pd_rd_patch){
			.n = p->n,
			.title = title,
			.author = talloc_asprintf(out, "%s <%s>", name ? name : "", email ? email : ""),
			.message = all != NULL ? stripspace(out, all) : NULL,
			.diff = diff,
			.patchid = diff != NULL && *diff ? pd_patchid_of_diff(out, diff) : NULL,
		};
		if (out[*n].author == NULL || out[*n].message == NULL) {
			talloc_free(out);
			return NULL;
		}
		(*n)++;
	}
	return out;
}

const struct pd_revision *pd_rd_previous(const struct pd_revision *rev)
{
	const struct pd_series *s = rev->series;
	for (size_t i = 1; s != NULL && i < s->nrevisions; i++)
		if (s->revisions[i] == rev)
			return s->revisions[i - 1];
	return NULL;
}

int pd_rd_revisions(struct pd_rangediff **out, void *ctx, const struct pd_revision *old,
		    const struct pd_revision *new, struct pd_err *err)
{
	size_t na = 0, nb = 0;
	struct pd_rd_patch *a = pd_rd_patches(ctx, old, &na);
	struct pd_rd_patch *b = pd_rd_patches(ctx, new, &nb);
	if (a == NULL || b == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int rc = pd_rangediff_compute(out, ctx, a, na, b, nb, PD_RD_CREATION_FACTOR, err);
	if (rc == PD_OK) {
		talloc_steal(*out, a);
		talloc_steal(*out, b);
	}
	return rc;
}

char *pd_rd_version(void *ctx, const struct pd_revision *r)
{
	return r->version_minor > 0 ? talloc_asprintf(ctx, "v%d.%d", r->version, r->version_minor)
				    : talloc_asprintf(ctx, "v%d", r->version);
}
