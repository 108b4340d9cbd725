/* The series model (SERIES.md "From a thread to a series", "Revisions",
 * "Trailers"). Each row is a small synthetic list written one mail per
 * string, built through the real subject and trailer parsers, and the
 * whole model is compared as text. Then hostile input: cycles, shared
 * Message-IDs, absurd counters, NULL fields, and size. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "series.h"
#include "tap.h"

/* 2024-01-01 00:00 UTC; mails give their time in minutes after it. */
#define T0 1704067200

/* ------------------------------------------------------------ building */

struct list {
	void *ctx;
	struct pd_mail **mails;
	size_t n;
};

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static const struct pd_mail *by_id(const struct list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->mails[i]->message_id != NULL && strcmp(l->mails[i]->message_id, id) == 0)
			return l->mails[i];
	return NULL;
}

/* `a@x` (named `a`) or `Name <a@x>`. */
static void person(void *ctx, struct pd_person *p, const char *spec)
{
	const char *lt = strchr(spec, '<');
	if (lt != NULL) {
		p->name = talloc_strndup(ctx, spec, (size_t)(lt - spec));
		while (*p->name && p->name[strlen(p->name) - 1] == ' ')
			p->name[strlen(p->name) - 1] = '\0';
		p->email = talloc_strndup(ctx, lt + 1, strcspn(lt + 1, ">"));
		return;
	}
	p->email = talloc_strdup(ctx, spec);
	const char *at = strchr(spec, '@');
	p->name = talloc_strndup(ctx, spec, at ? (size_t)(at - spec) : strlen(spec));
}

static const char *trailer_name(char k)
{
	return k == 'R' ? "Reviewed-by" : k == 'A' ? "Acked-by" : k == 'T' ? "Tested-by" : "Fixes";
}

/* One mail: "ID | PARENT | SUBJECT | FROM | MINUTES | EXTRAS".
 * ID `-`: none. PARENT `-`: none; an id: In-Reply-To it, References its
 *   chain; `refs:a,b,c`: References as given, In-Reply-To the last.
 * FROM `a@x`, `Name <a@x>`; `a@x>b@y` sent by a for the in-body author b;
 *   `list@x~b@y` rewritten for DMARC, b recovered.
 * EXTRAS: `diff` (a diff of its own), `diff=K` (the diff named K, for
 *   identical resends), `R=e`/`A=e`/`T=e` (a Reviewed/Acked/Tested-by
 *   line for e in the text; `R=Some_Name_<e>` names someone; `X=Any:_line`
 *   is written as it is), `change=C`, `base=B`, `paths=N`, `nosubject`. */
static void add_mail(struct list *l, const char *spec)
{
	void *ctx = l->ctx;
	char *buf = talloc_strdup(ctx, spec);
	char *f[6] = { 0 };
	for (int i = 0; i < 6; i++) {
		char *bar = strchr(buf, '|');
		if (bar != NULL && i < 5)
			*bar = '\0';
		f[i] = trim(buf);
		buf = bar != NULL ? bar + 1 : buf + strlen(buf);
	}
	struct pd_mail *m = talloc_zero(ctx, struct pd_mail);
	if (strcmp(f[0], "-") != 0)
		m->message_id = talloc_strdup(m, f[0]);
	if (strncmp(f[1], "refs:", 5) == 0) {
		char *save = NULL;
		for (char *r = strtok_r(f[1] + 5, ",", &save); r; r = strtok_r(NULL, ",", &save)) {
			m->references = talloc_realloc(m, m->references, char *, m->nreferences + 1);
			m->references[m->nreferences++] = talloc_strdup(m, r);
		}
		if (m->nreferences > 0)
			m->in_reply_to = talloc_strdup(m, m->references[m->nreferences - 1]);
	} else if (strcmp(f[1], "-") != 0) {
		const struct pd_mail *p = by_id(l, f[1]);
		size_t n = p != NULL ? p->nreferences : 0;
		m->references = talloc_array(m, char *, n + 1);
		for (size_t i = 0; i < n; i++)
			m->references[i] = talloc_strdup(m, p->references[i]);
		m->references[n] = talloc_strdup(m, f[1]);
		m->nreferences = n + 1;
		m->in_reply_to = talloc_strdup(m, f[1]);
	}
	char *from = f[3], *inbody = strchr(from, '>'), *dmarc = strchr(from, '~');
	if (inbody != NULL)
		*inbody++ = '\0';
	if (dmarc != NULL)
		*dmarc++ = '\0';
	person(m, &m->sender, from);
	person(m, &m->author, inbody ? inbody : dmarc ? dmarc : from);
	if (dmarc != NULL) /* the list keeps the person in the display name */
		m->sender.name = talloc_asprintf(m, "%s via List", m->author.name);
	m->dmarc_rewritten = dmarc != NULL;
	m->date = T0 + 60 * (time_t)atol(f[4]);

	bool diff = false, nosubject = false;
	char *diffkey = talloc_strdup(m, f[0]);
	char *trailers = talloc_strdup(m, ""), *ids = talloc_strdup(m, "");
	char *save = NULL;
	for (char *x = strtok_r(f[5], " ", &save); x; x = strtok_r(NULL, " ", &save)) {
		if (strcmp(x, "diff") == 0) {
			diff = true;
		} else if (strncmp(x, "diff=", 5) == 0) {
			diff = true;
			diffkey = talloc_strdup(m, x + 5);
		} else if (x[1] == '=' && strchr("RATF", x[0]) != NULL) {
			for (char *u = x; *u; u++)
				if (*u == '_')
					*u = ' ';
			const char *at = strchr(x + 2, '@');
			if (strchr(x, '<') != NULL)
				trailers = talloc_asprintf_append(trailers, "%s: %s\n", trailer_name(x[0]), x + 2);
			else
				trailers = talloc_asprintf_append(trailers, "%s: %.*s <%s>\n", trailer_name(x[0]),
								  at ? (int)(at - x - 2) : 1, x + 2, x + 2);
		} else if (strncmp(x, "X=", 2) == 0) {
			for (char *u = x; *u; u++)
				if (*u == '_')
					*u = ' ';
			trailers = talloc_asprintf_append(trailers, "%s\n", x + 2);
		} else if (strncmp(x, "change=", 7) == 0) {
			ids = talloc_asprintf_append(ids, "change-id: %s\n", x + 7);
		} else if (strncmp(x, "base=", 5) == 0) {
			ids = talloc_asprintf_append(ids, "base-commit: %s\n", x + 5);
		} else if (strncmp(x, "paths=", 6) == 0) {
			m->npaths = (size_t)atoi(x + 6);
		} else if (strcmp(x, "nosubject") == 0) {
			nosubject = true;
		} else {
			printf("# bad extra token %s\n", x);
		}
	}
	if (!nosubject) {
		m->subject_raw = talloc_strdup(m, f[2]);
		pd_subject_parse(&m->subject, m, f[2]);
	}
	if (diff) {
		m->text = talloc_asprintf(m,
					  "Change %s.\n\n%sSigned-off-by: %s <%s>\n---\n%s"
					  " %s.c | 2 +-\n 1 file changed\n\n"
					  "diff --git a/%s.c b/%s.c\n--- a/%s.c\n+++ b/%s.c\n"
					  "@@ -1 +1 @@\n-old %s\n+new %s\n-- \n2.43.0\n",
					  diffkey, trailers, m->author.name, m->author.email, ids, diffkey, diffkey,
					  diffkey, diffkey, diffkey, diffkey, diffkey);
		pd_body_split(&m->patch, m, m->text);
		pd_trailers_parse(&m->trailers, &m->ntrailers, m, m->patch->message);
	} else {
		m->text = talloc_asprintf(m, "Some words.\n\n%s%s", trailers, ids);
	}
	pd_reply_trailers(&m->reply_trailers, &m->nreply_trailers, m, m->text, m->sender.email);
	l->mails = talloc_realloc(ctx, l->mails, struct pd_mail *, l->n + 1);
	l->mails[l->n++] = m;
}

/* ------------------------------------------------------------ rendering */

static const char *id_or_dash(const struct pd_mail *m)
{
	return m == NULL ? "-" : m->message_id ? m->message_id : "(noid)";
}

static char *mail_list(void *ctx, const struct pd_mail *const *v, size_t n)
{
	char *out = talloc_strdup(ctx, "");
	for (size_t i = 0; i < n; i++)
		out = talloc_asprintf_append(out, "%s%s", i ? "," : "", id_or_dash(v[i]));
	return out;
}

static char *describe_collected(void *ctx, const struct pd_patch *p)
{
	char *out = talloc_strdup(ctx, "");
	for (size_t i = 0; i < p->ncollected; i++) {
		const struct pd_collected *c = &p->collected[i];
		const char *name = c->trailer->name;
		char k = strcmp(name, "Reviewed-by") == 0 ? 'R'
			 : strcmp(name, "Acked-by") == 0  ? 'A'
			 : strcmp(name, "Tested-by") == 0 ? 'T'
							  : '?';
		out = talloc_asprintf_append(out, "%s%c:%s%s%s%s", i ? "," : "", k,
					     c->trailer->email ? c->trailer->email : c->trailer->value,
					     c->via_cover ? "+cover" : "", c->carried ? "+carried" : "",
					     c->mismatch ? "!mismatch" : "");
	}
	return out;
}

static char *describe_revision(void *ctx, const struct pd_revision *r)
{
	static const char *const kinds[] = { "series", "single", "pull" };
	char *missing = talloc_strdup(ctx, r->nmissing ? "" : "-");
	for (size_t i = 0; i < r->nmissing && i < 20; i++)
		missing = talloc_asprintf_append(missing, "%s%d", i ? "," : "", r->missing[i]);
	if (r->nmissing > 20)
		missing = talloc_asprintf_append(missing, ",...(%zu)", r->nmissing);
	char *out = talloc_asprintf(ctx, "v%d", r->version);
	if (r->version_minor)
		out = talloc_asprintf_append(out, ".%d", r->version_minor);
	out = talloc_asprintf_append(out, " %s \"%s\" id=%s by=%s %zu/%d missing=%s A%d R%d T%d cover=%s",
				     kinds[r->kind], r->title, r->id, r->author.email, r->npatches, r->total,
				     missing, r->nacked, r->nreviewed, r->ntested, id_or_dash(r->cover));
	if (r->naked_cover)
		out = talloc_strdup_append(out, " naked");
	if (r->kinds & PD_SUBJ_RFC)
		out = talloc_strdup_append(out, " rfc");
	if (r->kinds & PD_SUBJ_RESEND)
		out = talloc_strdup_append(out, " resend");
	for (size_t i = 0; i < r->ntargets; i++)
		out = talloc_asprintf_append(out, " [%s]", r->targets[i]);
	if (r->nreplies)
		out = talloc_asprintf_append(out, " replies=%s", mail_list(ctx, r->replies, r->nreplies));
	out = talloc_asprintf_append(out, " all=%zu", r->nreplies_total);
	if (r->change_id)
		out = talloc_asprintf_append(out, " change=%s", r->change_id);
	if (r->base_commit)
		out = talloc_asprintf_append(out, " base=%s", r->base_commit);
	out = talloc_asprintf_append(out, " sup=%s\n", r->superseded_by ? r->superseded_by->id : "-");
	for (size_t i = 0; i < r->npatches; i++) {
		const struct pd_patch *p = &r->patches[i];
		out = talloc_asprintf_append(out, "  %d %s", p->n, id_or_dash(p->mail));
		if (p->nduplicates)
			out = talloc_asprintf_append(out, " dups=%zu", p->nduplicates);
		if (p->nduplicate_mails)
			out = talloc_asprintf_append(out, " dupids=%s",
						     mail_list(ctx, p->duplicates, p->nduplicate_mails));
		if (p->extra)
			out = talloc_strdup_append(out, " extra");
		if (p->carried)
			out = talloc_strdup_append(out, " carried");
		if (p->nreplies)
			out = talloc_asprintf_append(out, " replies=%s", mail_list(ctx, p->replies, p->nreplies));
		if (p->ncollected)
			out = talloc_asprintf_append(out, " tr=%s", describe_collected(ctx, p));
		out = talloc_strdup_append(out, "\n");
	}
	return out;
}

static char *describe_model(void *ctx, const struct pd_model *model)
{
	char *out = talloc_strdup(ctx, "");
	for (size_t s = 0; s < model->nseries; s++) {
		const struct pd_series *ser = model->series[s];
		out = talloc_asprintf_append(out, "S%zu\n", s + 1);
		for (size_t r = 0; r < ser->nrevisions; r++) {
			if (ser->revisions[r]->series != ser)
				out = talloc_strdup_append(out, "(series back pointer wrong)\n");
			out = talloc_strdup_append(out, describe_revision(ctx, ser->revisions[r]));
		}
	}
	if (model->nother)
		out = talloc_asprintf_append(out, "other=%s\n", mail_list(ctx, model->other, model->nother));
	return out;
}

#include "series-cases.h"

static struct pd_model *build(void *ctx, struct list *l)
{
	struct pd_model *model = NULL;
	int rc = pd_series_build(&model, ctx, (const struct pd_mail *const *)l->mails, l->n);
	if (rc != 0)
		printf("# pd_series_build: %d\n", rc);
	return model;
}

static void run_rows(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		void *ctx = talloc_new(NULL);
		struct list l = { .ctx = ctx };
		for (size_t k = 0; k < 24 && rows[i].mails[k] != NULL; k++)
			add_mail(&l, rows[i].mails[k]);
		struct pd_model *model = build(ctx, &l);
		char *got = model ? describe_model(ctx, model) : NULL;
		tap_str(got, rows[i].want, rows[i].name);
		/* The same list in reverse order gives the same model. */
		for (size_t k = 0; k < l.n / 2; k++) {
			struct pd_mail *t = l.mails[k];
			l.mails[k] = l.mails[l.n - 1 - k];
			l.mails[l.n - 1 - k] = t;
		}
		model = build(ctx, &l);
		char *again = model ? describe_model(ctx, model) : NULL;
		/* `other` keeps input order: compare the series alone */
		char *o1 = got ? strstr(got, "other=") : NULL, *o2 = again ? strstr(again, "other=") : NULL;
		if (o1)
			*o1 = '\0';
		if (o2)
			*o2 = '\0';
		tap_str(again, got, talloc_asprintf(ctx, "%s (input reversed)", rows[i].name));
		talloc_free(ctx);
	}
}

/* Every input mail is either in `other` or found by its Message-ID, and
 * every copy of a patch mail is counted exactly once by some revision. */
static void check_accounting(const struct pd_model *model, struct pd_mail **mails, size_t n,
			     const char *name)
{
	size_t lost = 0, patch_copies = 0, counted = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pd_mail *m = mails[i];
		if (m == NULL)
			continue;
		bool other = false;
		for (size_t k = 0; k < model->nother; k++)
			other |= model->other[k] == m;
		bool found = m->message_id != NULL && pd_model_find(model, m->message_id) != NULL;
		if (other == found && m->message_id != NULL)
			lost++;
		/* a patch: tagged as one, or (the model's rule) an untagged diff
		 * with a fresh subject that answers nothing */
		bool diff = m->patch != NULL && m->patch->diff != NULL;
		if (m->subject != NULL && !m->subject->is_reply && !pd_subject_is_cover(m->subject) &&
		    (pd_subject_is_patch(m->subject) || (diff && m->in_reply_to == NULL)))
			patch_copies += m->npaths > 1 ? m->npaths : 1;
	}
	for (size_t s = 0; s < model->nseries; s++)
		for (size_t r = 0; r < model->series[s]->nrevisions; r++) {
			const struct pd_revision *rev = model->series[s]->revisions[r];
			for (size_t p = 0; p < rev->npatches; p++)
				if (!rev->patches[p].carried)
					counted += 1 + rev->patches[p].nduplicates;
		}
	tap_int((long long)lost, 0, talloc_asprintf(model, "%s: every mail placed once", name));
	tap_int((long long)counted, (long long)patch_copies,
		talloc_asprintf(model, "%s: every patch copy counted once", name));
}

static void test_find(void)
{
	void *ctx = talloc_new(NULL);
	struct list l = { .ctx = ctx };
	add_mail(&l, "c1 | -  | [PATCH 0/1] f: one | a@x | 0 | ");
	add_mail(&l, "p1 | c1 | [PATCH 1/1] f: one | a@x | 0 | diff");
	add_mail(&l, "r1 | p1 | Re: [PATCH 1/1] f: one | b@y | 5 | ");
	add_mail(&l, "c2 | c1 | [PATCH v2 0/1] f: one | a@x | 50 | ");
	add_mail(&l, "q1 | c2 | [PATCH v2 1/1] f: one | a@x | 50 | diff");
	add_mail(&l, "d  | -  | chatter | b@y | 60 | ");
	struct pd_model *model = build(ctx, &l);
	const struct pd_series *ser = model->nseries == 1 ? model->series[0] : NULL;
	tap_result(ser != NULL && pd_series_latest(ser) == ser->revisions[1] &&
			   pd_series_latest(ser)->version == 2,
		   "pd_series_latest is the newest revision");
	tap_result(pd_model_find(model, "<p1>") == ser->revisions[0], "find <id>: a patch");
	tap_result(pd_model_find(model, "id:r1") == ser->revisions[0], "find id:id: a reply");
	tap_result(pd_model_find(model, " c2 ") == ser->revisions[1], "find a cover");
	tap_result(pd_model_find(model, "q1") == ser->revisions[1], "find a v2 patch");
	tap_result(pd_model_find(model, "d") == NULL, "a discussion belongs to no revision");
	tap_result(pd_model_find(model, "nope") == NULL && pd_model_find(model, "") == NULL &&
			   pd_model_find(model, NULL) == NULL && pd_model_find(NULL, "p1") == NULL,
		   "unknown, empty and NULL ids find nothing");
	tap_result(pd_series_latest(NULL) == NULL, "pd_series_latest(NULL)");
	check_accounting(model, l.mails, l.n, "find");
	talloc_free(ctx);
}

/* Mails as a careless producer may leave them: NULL everywhere. */
static void test_null_fields(void)
{
	void *ctx = talloc_new(NULL);
	struct pd_mail *v[6] = { 0 };
	v[0] = talloc_zero(ctx, struct pd_mail); /* nothing at all */
	v[1] = talloc_zero(ctx, struct pd_mail); /* a raw subject only */
	v[1]->message_id = talloc_strdup(v[1], "<raw@x>");
	v[1]->subject_raw = talloc_strdup(v[1], "[PATCH] raw: subject only");
	v[2] = NULL;                             /* a hole in the array */
	v[3] = talloc_zero(ctx, struct pd_mail); /* NULL references, NULL trailer fields */
	v[3]->message_id = talloc_strdup(v[3], "rep@x");
	v[3]->in_reply_to = talloc_strdup(v[3], "raw@x");
	v[3]->references = talloc_zero_array(v[3], char *, 3);
	v[3]->nreferences = 3;
	v[3]->references[1] = talloc_strdup(v[3], "raw@x");
	v[3]->reply_trailers = talloc_zero_array(v[3], struct pd_trailer, 2);
	v[3]->nreply_trailers = 2;
	v[3]->reply_trailers[1].name = talloc_strdup(v[3], "Acked-by");
	v[3]->reply_trailers[1].value = talloc_strdup(v[3], "Someone <some@one>");
	v[3]->reply_trailers[1].email = talloc_strdup(v[3], "some@one");
	v[3]->reply_trailers[1].is_person = true;
	pd_subject_parse(&v[3]->subject, v[3], "Re: [PATCH] raw: subject only");
	v[4] = talloc_zero(ctx, struct pd_mail); /* a patch with NULL people and a NULL diff */
	v[4]->message_id = talloc_strdup(v[4], "np@x");
	pd_subject_parse(&v[4]->subject, v[4], "[PATCH 1/2] np: nobody");
	v[4]->patch = talloc_zero(v[4], struct pd_body);
	v[5] = talloc_zero(ctx, struct pd_mail); /* "" everywhere */
	v[5]->message_id = talloc_strdup(v[5], "");
	v[5]->in_reply_to = talloc_strdup(v[5], "<>");
	v[5]->subject_raw = talloc_strdup(v[5], "");
	struct pd_model *model = NULL;
	int rc = pd_series_build(&model, ctx, (const struct pd_mail *const *)v, 6);
	tap_int(rc, 0, "NULL fields: built");
	if (model != NULL) {
		tap_str(describe_model(ctx, model),
			"S1\n"
			"v1 series \"np: nobody\" id=np@x by= 1/2 missing=2 A0 R0 T0 cover=- all=0 sup=-\n"
			"  1 np@x\n"
			"S2\n"
			"v1 single \"raw: subject only\" id=raw@x by= 1/1 missing=- A1 R0 T0 cover=- all=1 sup=-\n"
			"  1 <raw@x> replies=rep@x tr=A:some@one\n"
			"other=(noid),\n",
			"NULL fields: what could be understood is placed");
	}
	rc = pd_series_build(&model, ctx, NULL, 5);
	tap_result(rc == 0 && model != NULL && model->nseries == 0 && model->nother == 0,
		   "no mails at all: an empty model");
	talloc_free(ctx);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* A quick mail without going through the text parsers (their cost is
 * not the model's). */
static struct pd_mail *quick(void *ctx, const char *id, const char *parent, const char *subject,
			     const char *from, time_t date, bool diff)
{
	struct pd_mail *m = talloc_zero(ctx, struct pd_mail);
	m->message_id = talloc_strdup(m, id);
	if (parent != NULL) {
		m->in_reply_to = talloc_strdup(m, parent);
		m->references = talloc_array(m, char *, 1);
		m->references[0] = m->in_reply_to;
		m->nreferences = 1;
	}
	m->subject_raw = talloc_strdup(m, subject);
	pd_subject_parse(&m->subject, m, subject);
	m->sender.email = m->author.email = talloc_strdup(m, from);
	m->sender.name = m->author.name = talloc_strdup(m, "");
	m->date = date;
	if (diff) {
		m->patch = talloc_zero(m, struct pd_body);
		m->patch->diff = talloc_asprintf(m->patch, "diff --git a/%s b/%s\n+%s\n", id, id, id);
	}
	return m;
}

/* 10,000 patches deep-threaded: one revision, no recursion limit hit. */
static void test_ten_thousand(void)
{
	void *ctx = talloc_new(NULL);
	enum { N = 10000 };
	struct pd_mail **v = talloc_array(ctx, struct pd_mail *, N + 1);
	v[0] = quick(ctx, "big-0", NULL, "[PATCH 00000/10000] big: series", "a@x", T0, false);
	for (int i = 1; i <= N; i++) {
		char id[32], parent[32], subject[64];
		snprintf(id, sizeof(id), "big-%d", i);
		snprintf(parent, sizeof(parent), "big-%d", i - 1);
		snprintf(subject, sizeof(subject), "[PATCH %05d/10000] big: part %d", i, i);
		v[i] = quick(ctx, id, parent, subject, "a@x", T0 + i, true);
	}
	struct pd_model *model = NULL;
	double t = now_ms();
	int rc = pd_series_build(&model, ctx, (const struct pd_mail *const *)v, N + 1);
	t = now_ms() - t;
	printf("# 10,001 mails deep-threaded: %.1f ms of CPU\n", t);
	const struct pd_revision *r = rc == 0 && model != NULL && model->nseries == 1
					      ? pd_series_latest(model->series[0]) : NULL;
	tap_result(r != NULL && r->npatches == N && r->total == N && r->nmissing == 0 &&
			   r->patches[N - 1].n == N && r->cover == v[0],
		   "10,000 deep-threaded patches: one complete revision");
	if (model != NULL)
		check_accounting(model, v, N + 1, "10,000 patches");
	talloc_free(ctx);
}

/* 100,000 mails: 10,000 series of two revisions (v2 sent in reply to the
 * v1 cover), each with replies, and every tenth v1 unthreaded. */
static void test_scale(void)
{
	void *ctx = talloc_new(NULL);
	enum { SERIES = 10000, PER = 10 };
	size_t n = 0;
	struct pd_mail **v = talloc_array(ctx, struct pd_mail *, SERIES * PER);
	for (int s = 0; s < SERIES; s++) {
		char from[32], c1[64], c2[64], id[64], par[64], subj[96];
		time_t d = T0 + (time_t)s * 600;
		snprintf(from, sizeof(from), "dev%d@x", s % 997);
		snprintf(c1, sizeof(c1), "20240101%06d.%d-1-dev@x", s, s);
		snprintf(c2, sizeof(c2), "20240201%06d.%d-1-dev@x", s, s);
		bool unthreaded = s % 10 == 0;
		snprintf(subj, sizeof(subj), "[PATCH 0/3] sub%d: feature %d", s, s);
		v[n++] = quick(ctx, c1, NULL, subj, from, d, false);
		for (int p = 1; p <= 3; p++) {
			snprintf(id, sizeof(id), "20240101%06d.%d-%d-dev@x", s, s, p + 1);
			snprintf(subj, sizeof(subj), "[PATCH %d/3] sub%d: part %d", p, s, p);
			v[n++] = quick(ctx, id, unthreaded ? NULL : c1, subj, from, d + 1, true);
		}
		snprintf(par, sizeof(par), "20240101%06d.%d-3-dev@x", s, s);
		snprintf(id, sizeof(id), "rev%d@y", s);
		snprintf(subj, sizeof(subj), "Re: [PATCH 2/3] sub%d: part 2", s);
		v[n++] = quick(ctx, id, par, subj, "rev@y", d + 50, false);
		snprintf(subj, sizeof(subj), "[PATCH v2 0/3] sub%d: feature %d", s, s);
		v[n++] = quick(ctx, c2, c1, subj, from, d + 300, false);
		for (int p = 1; p <= 3; p++) {
			snprintf(id, sizeof(id), "20240201%06d.%d-%d-dev@x", s, s, p + 1);
			snprintf(subj, sizeof(subj), "[PATCH v2 %d/3] sub%d: part %d", p, s, p);
			v[n++] = quick(ctx, id, c2, subj, from, d + 301, true);
		}
		snprintf(id, sizeof(id), "ack%d@y", s);
		snprintf(subj, sizeof(subj), "Re: [PATCH v2 0/3] sub%d: feature %d", s, s);
		v[n++] = quick(ctx, id, c2, subj, "rev@y", d + 400, false);
	}
	struct pd_model *model = NULL;
	double t = now_ms();
	int rc = pd_series_build(&model, ctx, (const struct pd_mail *const *)v, n);
	t = now_ms() - t;
	printf("# %zu mails: pd_series_build %.1f ms of CPU\n", n, t);
	size_t good = 0;
	for (size_t s = 0; rc == 0 && s < model->nseries; s++) {
		const struct pd_series *ser = model->series[s];
		const struct pd_revision *r = pd_series_latest(ser);
		good += ser->nrevisions == 2 && r->version == 2 && r->npatches == 3 && r->nmissing == 0 &&
			ser->revisions[0]->npatches == 3 && ser->revisions[0]->superseded_by == r &&
			ser->revisions[0]->patches[1].nreplies == 1 && r->nreplies == 1;
	}
	tap_int(rc == 0 && model != NULL ? (long long)model->nseries : -1, SERIES,
		"100,000 mails: 10,000 series");
	tap_int((long long)good, SERIES, "100,000 mails: every series has v1 and v2, complete, replies attached");
	/* Generous: a quadratic step would take minutes, not seconds, even
	 * under the sanitizers; the real figure is printed above. */
	tap_result(t < 20000.0, "100,000 mails: no quadratic blow-up");
	if (model != NULL)
		check_accounting(model, v, n, "100,000 mails");
	talloc_free(ctx);
}

/* Random lists from a fixed seed: subjects, senders, parents and ids
 * drawn from small pools so that everything collides (shared ids, cycles
 * through phantoms, duplicate numbers, mixed versions). Whatever comes
 * out, every mail is placed once and every patch copy counted once. */
static unsigned lcg(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

/* With ids shared at random, only what holds whatever the roles: a mail
 * with an id of its own is in `other` or found, never both; no mail is
 * kept twice as a patch; every numbered patch mail is found; and no more
 * copies are counted than were given. Returns the number of breaches. */
static size_t random_accounting(const struct pd_model *model, struct pd_mail **v, size_t n)
{
	size_t bad = 0, copies = 0, counted = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pd_mail *m = v[i];
		copies += m->npaths > 1 ? m->npaths : 1;
		bool unique = m->message_id != NULL;
		for (size_t j = 0; unique && j < n; j++)
			unique = j == i || v[j]->message_id == NULL || strcmp(v[j]->message_id, m->message_id) != 0;
		bool other = false;
		for (size_t k = 0; k < model->nother; k++)
			other |= model->other[k] == m;
		bool found = m->message_id != NULL && pd_model_find(model, m->message_id) != NULL;
		if (unique && other == found)
			bad++;
		struct pd_subject *subj = m->subject;
		if (subj == NULL)
			pd_subject_parse(&subj, (void *)model, m->subject_raw);
		if (m->message_id != NULL && !subj->is_reply && subj->has_counter && subj->n > 0 && !found)
			bad++;
	}
	for (size_t s = 0; s < model->nseries; s++)
		for (size_t r = 0; r < model->series[s]->nrevisions; r++) {
			const struct pd_revision *rev = model->series[s]->revisions[r];
			for (size_t p = 0; p < rev->npatches; p++) {
				if (rev->patches[p].carried)
					continue;
				counted += 1 + rev->patches[p].nduplicates;
				for (size_t t = 0; t < model->nseries; t++)
					for (size_t q = 0; q < model->series[t]->nrevisions; q++) {
						const struct pd_revision *o = model->series[t]->revisions[q];
						for (size_t k = 0; k < o->npatches; k++)
							bad += o != rev && !o->patches[k].carried &&
							       o->patches[k].mail == rev->patches[p].mail;
					}
			}
		}
	return bad + (counted > copies);
}

static void test_random(void)
{
	static const char *const subjects[] = {
		"[PATCH 0/3] r: cover", "[PATCH 1/3] r: one", "[PATCH 2/3] r: two", "[PATCH 3/3] r: three",
		"[PATCH v2 0/3] r: cover", "[PATCH v2 2/3] r: two", "[PATCH 4/3] r: four", "[PATCH] r: one",
		"[PATCH RESEND 1/3] r: one", "Re: [PATCH 2/3] r: two", "r: naked", "[GIT PULL] r",
		"[PATCH 1/0] r: zero", "[PATCH v3.1] r: one", "", NULL,
	};
	static const char *const senders[] = { "a@x", "b@y", "", NULL };
	unsigned state = 20240101u;
	size_t bad = 0;
	for (int round = 0; round < 200; round++) {
		void *ctx = talloc_new(NULL);
		size_t n = 1 + lcg(&state) % 40;
		struct pd_mail **v = talloc_zero_array(ctx, struct pd_mail *, n);
		for (size_t i = 0; i < n; i++) {
			struct pd_mail *m = v[i] = talloc_zero(ctx, struct pd_mail);
			if (lcg(&state) % 10)
				m->message_id = talloc_asprintf(m, "20240101000000.%u-%u-a@x", lcg(&state) % 3,
								lcg(&state) % 30);
			if (lcg(&state) % 3) {
				m->in_reply_to = talloc_asprintf(m, "20240101000000.%u-%u-a@x", lcg(&state) % 3,
								 lcg(&state) % 30);
				m->nreferences = lcg(&state) % 3;
				m->references = talloc_array(m, char *, m->nreferences + 1);
				for (size_t k = 0; k < m->nreferences; k++)
					m->references[k] = talloc_asprintf(m, "20240101000000.%u-%u-a@x",
									   lcg(&state) % 3, lcg(&state) % 30);
			}
			const char *subject = subjects[lcg(&state) % (sizeof(subjects) / sizeof(*subjects))];
			if (subject != NULL && lcg(&state) % 4)
				pd_subject_parse(&m->subject, m, subject);
			else
				m->subject_raw = talloc_strdup(m, subject);
			const char *from = senders[lcg(&state) % 4];
			m->sender.email = m->author.email = from ? talloc_strdup(m, from) : NULL;
			m->dmarc_rewritten = lcg(&state) % 5 == 0;
			m->date = T0 + (time_t)(lcg(&state) % 5000);
			m->npaths = lcg(&state) % 3;
			if (lcg(&state) % 2) {
				m->patch = talloc_zero(m, struct pd_body);
				m->patch->diff = talloc_asprintf(m->patch, "diff --git a/f b/f\n+%u\n", lcg(&state) % 3);
			}
			if (lcg(&state) % 4 == 0) {
				m->text = talloc_strdup(m, "v1: https://lore.kernel.org/r/20240101000000.1-2-a@x/\n");
				pd_reply_trailers(&m->reply_trailers, &m->nreply_trailers, m,
						  "Reviewed-by: B <b@y>\nAcked-by: A <a@x>\n", from);
			}
		}
		struct pd_model *model = NULL;
		if (pd_series_build(&model, ctx, (const struct pd_mail *const *)v, n) != 0)
			bad++;
		else
			bad += random_accounting(model, v, n);
		talloc_free(ctx);
	}
	tap_int((long long)bad, 0, "200 random hostile lists: every mail placed once, each patch kept once");
}

/* Every table row is also checked for placing each mail once. */
static void run_accounting(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		void *ctx = talloc_new(NULL);
		struct list l = { .ctx = ctx };
		for (size_t k = 0; k < 24 && rows[i].mails[k] != NULL; k++)
			add_mail(&l, rows[i].mails[k]);
		struct pd_model *model = build(ctx, &l);
		if (model != NULL)
			check_accounting(model, l.mails, l.n, talloc_asprintf(ctx, "row %zu", i + 1));
		talloc_free(ctx);
	}
}

/* The same pd_mail handed over twice (a caller merging two queries that
 * overlap) is one mail: no duplicate delivery, no second patch. */
static void test_same_mail(void)
{
	void *ctx = talloc_new(NULL);
	struct pd_mail *c = quick(ctx, "c", NULL, "[PATCH 0/2] twice: cover", "ann@z", 0, false);
	struct pd_mail *p1 = quick(ctx, "p1", "c", "[PATCH 1/2] twice: one", "ann@z", 1, true);
	struct pd_mail *p2 = quick(ctx, "p2", "c", "[PATCH 2/2] twice: two", "ann@z", 2, true);
	const struct pd_mail *v[] = { c, p1, p2, p1, c, p2 };
	struct pd_model *model = NULL;
	int rc = pd_series_build(&model, ctx, v, sizeof(v) / sizeof(v[0]));
	tap_int(rc, 0, "the same mail twice: built");
	if (model != NULL)
		tap_str(describe_model(ctx, model),
			"S1\n"
			"v1 series \"twice: cover\" id=c by=ann@z 2/2 missing=- A0 R0 T0 cover=c all=0 sup=-\n"
			"  1 p1\n"
			"  2 p2\n",
			"the same mail twice: one cover, one patch each, no duplicates");
	talloc_free(ctx);
}

int main(void)
{
	run_rows();
	run_accounting();
	test_find();
	test_null_fields();
	test_same_mail();
	test_random();
	test_ten_thousand();
	test_scale();
	return tap_done();
}
