#include "config.h"

#include "series_json.h"

#include <string.h>
#include <talloc.h>

#include "defer.h"
#include "diffstat.h"
#include "review_state.h"

void pd_iso_date(char *buf, size_t size, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

size_t pd_revision_received(const struct pd_revision *rev)
{
	size_t n = 0;
	for (size_t i = 0; i < rev->npatches; i++)
		n += !rev->patches[i].carried;
	return n;
}

const struct pd_collected **pd_patch_new_trailers(void *ctx, const struct pd_patch *p,
						  size_t *n)
{
	*n = 0;
	if (p->ncollected == 0)
		return NULL;
	const struct pd_collected **out = talloc_array(ctx, const struct pd_collected *,
						       p->ncollected);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < p->ncollected; i++) {
		const struct pd_trailer *t = p->collected[i].trailer;
		bool dup = false;
		for (size_t k = 0; !dup && k < p->mail->ntrailers; k++)
			dup = pd_trailer_same(t, &p->mail->trailers[k]);
		for (size_t k = 0; !dup && k < *n; k++)
			dup = pd_trailer_same(t, out[k]->trailer);
		if (!dup)
			out[(*n)++] = &p->collected[i];
	}
	return out;
}

char *pd_revision_tags(void *ctx, const struct pd_revision *rev)
{
	static const struct {
		unsigned bit;
		const char *word;
	} kinds[] = {
		{ PD_SUBJ_PULL, "GIT PULL" },
		{ PD_SUBJ_RFC, "RFC" },
		{ PD_SUBJ_RFT, "RFT" },
		{ PD_SUBJ_RESEND, "RESEND" },
	};
	char *s = talloc_strdup(ctx, "");
	for (size_t i = 0; s != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (rev->kinds & kinds[i].bit)
			s = talloc_asprintf_append(s, "%s%s", *s ? " " : "", kinds[i].word);
	for (size_t i = 0; s != NULL && i < rev->ntargets; i++)
		s = talloc_asprintf_append(s, "%s%s", *s ? " " : "", rev->targets[i]);
	if (s != NULL && *s != '\0')
		s = talloc_asprintf(ctx, "[%s]", s);
	return s;
}

static void person(struct pd_json *j, const char *key, const struct pd_person *p)
{
	pd_json_key(j, key);
	pd_json_begin_object(j);
	pd_json_kstring(j, "name", p->name != NULL ? p->name : "");
	pd_json_kstring(j, "email", p->email != NULL ? p->email : "");
	pd_json_end_object(j);
}

static void date(struct pd_json *j, const char *key, time_t t)
{
	char buf[32];
	pd_iso_date(buf, sizeof(buf), t);
	pd_json_kstring(j, key, buf);
}

static const char *kind_name(enum pd_revision_kind k)
{
	switch (k) {
	case PD_REV_SINGLE:
		return "single";
	case PD_REV_PULL:
		return "pull";
	case PD_REV_SERIES:
		break;
	}
	return "series";
}

/* show prefers the diffstat computed from the diff; the one sent may be
 * stale or absent. */
static void diffstat(struct pd_json *j, void *ctx, const struct pd_mail *m)
{
	char *text = NULL;
	if (m->patch != NULL && m->patch->diff != NULL) {
		struct pd_diffstat *ds = NULL;
		if (pd_diffstat_compute(&ds, ctx, m->patch->diff, strlen(m->patch->diff),
					NULL) == 0)
			text = pd_diffstat_render(ctx, ds, PD_DIFFSTAT_MAIL_WIDTH);
	}
	if (text == NULL && m->patch != NULL)
		text = m->patch->diffstat;
	pd_json_kstring(j, "diffstat", text);
}

static void patch(struct pd_json *j, void *ctx, const struct pd_patch *p, unsigned flags)
{
	const struct pd_mail *m = p->mail;
	pd_json_begin_object(j);
	pd_json_kint(j, "n", p->n);
	pd_json_kstring(j, "id", m->message_id);
	pd_json_kstring(j, "subject", m->subject_raw != NULL ? m->subject_raw : "");
	person(j, "author", &m->author);
	pd_json_key(j, "trailers");
	pd_json_begin_array(j);
	size_t n = 0;
	const struct pd_collected **c = pd_patch_new_trailers(ctx, p, &n);
	for (size_t i = 0; i < n; i++) {
		pd_json_begin_object(j);
		pd_json_kstring(j, "name", c[i]->trailer->name);
		pd_json_kstring(j, "value", c[i]->trailer->value);
		pd_json_kbool(j, "mismatch", c[i]->mismatch);
		pd_json_kbool(j, "carried", c[i]->carried);
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
	pd_json_kint(j, "replies", (long long)p->nreplies);
	pd_json_kbool(j, "carried", p->carried);
	pd_json_kbool(j, "extra", p->extra);
	pd_json_key(j, "duplicates");
	pd_json_begin_array(j);
	for (size_t i = 0; i < p->nduplicate_mails; i++)
		pd_json_string(j, p->duplicates[i]->message_id);
	pd_json_end_array(j);
	if (flags & PD_SJ_BODIES) {
		date(j, "date", m->date);
		pd_json_kstring(j, "message", m->patch != NULL ? m->patch->message : m->text);
		diffstat(j, ctx, m);
	}
	pd_json_end_object(j);
}

static void cover_letter(struct pd_json *j, const struct pd_mail *c)
{
	pd_json_key(j, "cover_letter");
	if (c == NULL) {
		pd_json_null(j);
		return;
	}
	pd_json_begin_object(j);
	pd_json_kstring(j, "id", c->message_id);
	pd_json_kstring(j, "subject", c->subject_raw != NULL ? c->subject_raw : "");
	person(j, "author", &c->sender);
	date(j, "date", c->date);
	pd_json_kstring(j, "body", c->text != NULL ? c->text : "");
	pd_json_end_object(j);
}

void pd_series_json(struct pd_json *j, const struct pd_revision *rev, unsigned flags)
{
	pd_series_json_state(j, rev, flags, NULL);
}

void pd_series_json_state(struct pd_json *j, const struct pd_revision *rev, unsigned flags,
			  const struct pd_states *st)
{
	void *local = talloc_new(NULL);
	pd_json_begin_object(j);
	pd_json_kstring(j, "id", rev->id);
	pd_json_kstring(j, "title", rev->title != NULL ? rev->title : "");
	pd_json_kstring(j, "kind", kind_name(rev->kind));
	pd_json_kint(j, "version", rev->version);
	pd_json_kint(j, "version_minor", rev->version_minor);
	pd_json_kint(j, "total", rev->total);
	pd_json_kint(j, "received", (long long)pd_revision_received(rev));
	pd_json_key(j, "missing");
	pd_json_begin_array(j);
	for (size_t i = 0; i < rev->nmissing; i++)
		pd_json_int(j, rev->missing[i]);
	pd_json_end_array(j);
	pd_json_kbool(j, "complete", rev->nmissing == 0);
	pd_json_kbool(j, "cover", rev->cover != NULL);
	pd_json_kbool(j, "rfc", (rev->kinds & PD_SUBJ_RFC) != 0);
	pd_json_kbool(j, "resend", (rev->kinds & PD_SUBJ_RESEND) != 0);
	pd_json_key(j, "prefixes");
	pd_json_begin_array(j);
	for (size_t i = 0; i < rev->ntargets; i++)
		pd_json_string(j, rev->targets[i]);
	pd_json_end_array(j);
	person(j, "author", &rev->author);
	date(j, "date", rev->date);
	pd_json_key(j, "patches");
	pd_json_begin_array(j);
	for (size_t i = 0; i < rev->npatches; i++)
		patch(j, local, &rev->patches[i], flags);
	pd_json_end_array(j);
	pd_json_kint(j, "replies", (long long)rev->nreplies_total);
	pd_json_key(j, "trailers");
	pd_json_begin_object(j);
	pd_json_kint(j, "reviewed-by", rev->nreviewed);
	pd_json_kint(j, "acked-by", rev->nacked);
	pd_json_kint(j, "tested-by", rev->ntested);
	pd_json_end_object(j);
	pd_json_key(j, "revisions");
	pd_json_begin_array(j);
	for (size_t i = 0; rev->series != NULL && i < rev->series->nrevisions; i++)
		pd_json_string(j, rev->series->revisions[i]->id);
	pd_json_end_array(j);
	pd_json_kstring(j, "superseded_by",
			rev->superseded_by != NULL ? rev->superseded_by->id : NULL);
	if (st != NULL) {
		int state = pd_states_of(st, rev, NULL);
		long until = state == PD_REVIEW_DEFERRED || state == PD_STATE_DUE
				     ? pd_states_until(st, rev)
				     : -1;
		pd_json_kstring(j, "state", pd_state_name(state));
		pd_json_kstring(j, "deferred_until",
				until >= 0 ? pd_defer_format(local, until) : NULL);
	}
	if (rev->kind == PD_REV_PULL) {
		const struct pd_mail *m = rev->cover != NULL ? rev->cover
				: rev->npatches > 0 ? rev->patches[0].mail : NULL;
		pd_json_kstring(j, "pull_url", m != NULL ? m->pull_url : NULL);
		pd_json_kstring(j, "pull_branch", m != NULL ? m->pull_branch : NULL);
	}
	if (flags & PD_SJ_BODIES)
		cover_letter(j, rev->cover);
	pd_json_end_object(j);
	talloc_free(local);
}
