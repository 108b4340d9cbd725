#include "config.h"

#include "apply_msg.h"

#include <stdbool.h>
#include <string.h>
#include <talloc.h>

#include "series_json.h"

/* mask with each %s replaced by id and %% by %. */
static char *link_for(void *ctx, const char *mask, const char *id)
{
	char *s = talloc_strdup(ctx, "");
	for (const char *p = mask; s != NULL && *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			s = talloc_strdup_append(s, id);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			s = talloc_strdup_append(s, "%");
			p++;
		} else {
			s = talloc_strndup_append(s, p, 1);
		}
	}
	return s;
}

char *pd_patch_message_body(void *ctx, const struct pd_patch *p, const char *link_mask)
{
	const struct pd_mail *m = p->mail;
	const char *msg = m->patch != NULL && m->patch->message != NULL ? m->patch->message : "";
	void *local = talloc_new(NULL);
	char *s = talloc_strdup(local, msg);

	size_t n = 0;
	const struct pd_collected **c = pd_patch_new_trailers(local, p, &n);
	/* The collected trailers join the message's own trailer block, or
	 * start one after a blank line. */
	bool added = false;
	for (size_t i = 0; s != NULL && i < n; i++) {
		/* A trailer naming someone other than its sender is shown
		 * flagged, never applied: nobody vouched for it (SERIES.md). */
		if (c[i]->mismatch)
			continue;
		if (!added && *msg && m->ntrailers == 0)
			s = talloc_strdup_append(s, "\n");
		added = true;
		s = talloc_asprintf_append(s, "%s: %s\n", c[i]->trailer->name, c[i]->trailer->value);
	}
	if (s != NULL && link_mask != NULL) {
		if (!added && *msg && m->ntrailers == 0)
			s = talloc_strdup_append(s, "\n");
		char *link = link_for(local, link_mask, m->message_id);
		s = link != NULL ? talloc_asprintf_append(s, "Link: %s\n", link) : NULL;
	}
	s = talloc_steal(ctx, s);
	talloc_free(local);
	return s;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\v\f", s[i]))
			return false;
	return true;
}

/* git's strbuf_stripspace() without comment stripping: what git am does
 * to "title\n\nbody" before it commits. */
static char *stripspace(void *ctx, const char *text)
{
	char *out = talloc_strdup(ctx, "");
	bool pending_blank = false;
	for (const char *p = text; out != NULL && *p;) {
		size_t len = strcspn(p, "\n");
		const char *next = p + len + (p[len] == '\n');
		if (blank(p, len)) {
			pending_blank = *out != '\0';
		} else {
			while (len > 0 && strchr(" \t\r\v\f", p[len - 1]))
				len--;
			if (pending_blank)
				out = talloc_strdup_append(out, "\n");
			pending_blank = false;
			out = out != NULL ? talloc_strndup_append(out, p, len) : NULL;
			out = out != NULL ? talloc_strdup_append(out, "\n") : NULL;
		}
		p = next;
	}
	return out;
}

char *pd_patch_commit_message(void *ctx, const struct pd_patch *p, const char *link_mask)
{
	const struct pd_mail *m = p->mail;
	void *local = talloc_new(NULL);
	const char *title = m->subject != NULL && m->subject->title != NULL ? m->subject->title : "";
	char *body = pd_patch_message_body(local, p, link_mask);
	char *all = body != NULL ? talloc_asprintf(local, "%s\n\n%s", title, body) : NULL;
	char *s = all != NULL ? stripspace(ctx, all) : NULL;
	talloc_free(local);
	return s;
}

void pd_patch_author(void *ctx, const struct pd_patch *p, char **name, char **email)
{
	const struct pd_person *a = &p->mail->author;
	const char *n = a->name != NULL ? a->name : "";
	const char *e = a->address != NULL ? a->address : a->email != NULL ? a->email : "";
	size_t len = strlen(n);
	if (len < 3 || len > 60 || strpbrk(n, "@<>") != NULL)
		n = e;
	*name = talloc_strdup(ctx, n);
	*email = talloc_strdup(ctx, e);
}
