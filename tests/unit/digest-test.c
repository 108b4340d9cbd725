/* The digest's pure parts on plain structs: how a mail's text is cut into
 * the message and the stat an entry prints, how people are written and
 * ordered in the tables, which mails a model gives and in what order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "digest.h"
#include "digest_fmt.h"
#include "tap.h"

static void split(void *ctx, const char *text, bool cover, const char *want_msg,
		  const char *want_stat, const char *name)
{
	char *msg = NULL, *stat = NULL;
	tap_int(pd_digest_split(ctx, text, cover, &msg, &stat), 0, name);
	tap_str(msg, want_msg, name);
	tap_str(stat, want_stat, name);
}

static void test_split(void *ctx)
{
	split(ctx, "From: Kai Huang <kai.huang@intel.com>\n\nFix it.\n\nSigned-off-by: K\n---\n"
		   " a.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n create mode 100644 a.c\n\n"
		   "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n",
	      false, "\nFix it.\n\nSigned-off-by: K\n",
	      " a.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n",
	      "patch with in-body From: the blank line kept, stat through the summary");
	split(ctx, "Text.\n---\n v1 -> v2:\n   more\n\n a.c | 1 +\n 1 file changed, 1 insertion(+)\n",
	      false, "Text.\n", " v1 -> v2:\n   more\n\n a.c | 1 +\n 1 file changed, 1 insertion(+)\n",
	      "notes before the diffstat stay");
	split(ctx, "Text.\n\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n", false, "Text.\n", "",
	      "no --- line: the message ends at the diff, no stat sent");
	split(ctx, "Cover.\n---\nv1: link\n\nA (1):\n  x\n\n a | 1 +\n 1 file changed, 1 insertion(+)\n"
		   " create mode 100644 a\n\nbase-commit: 123\n-- \n2.51.0\n",
	      true, "Cover.\n---\nv1: link\n\nA (1):\n  x\n\n a | 1 +\n 1 file changed, 1 insertion(+)\n",
	      NULL, "cover: its own --- stays, cut after the last summary line");
	split(ctx, "Hi,\n\nno stat here.\n\n-- \nsig\n", true, "Hi,\n\nno stat here.\n", NULL,
	      "cover without a diffstat: up to the signature");
}

static void test_people(void *ctx)
{
	struct pd_person a = { .name = "Kirill A. Shutemov", .email = "k@x.com", .address = "k@X.com" };
	tap_str(pd_digest_person(ctx, &a), "\"Kirill A. Shutemov\" <k@X.com>",
		"a name with a dot is quoted, the address kept as sent");
	struct pd_person b = { .name = "Philippe Mathieu-Daudé", .email = "p@l.org", .address = NULL };
	tap_str(pd_digest_person(ctx, &b), "Philippe Mathieu-Daudé <p@l.org>", "a plain name is not");
	struct pd_person c = { .name = "", .email = "n@x.org" };
	tap_str(pd_digest_person(ctx, &c), "<n@x.org>", "no name: the address alone");

	/* The originals' tie order: letters only, case folded, descending. */
	struct pd_digest_count rows[] = {
		{ .key = "Chao Gao <c@i.com>", .count = 1 },
		{ .key = "\"Kirill A. Shutemov\" <k@l.com>", .count = 1 },
		{ .key = "fuqiang wang <f@g.com>", .count = 1 },
		{ .key = "Lu Baolu <l@l.com>", .count = 2 },
		{ .key = "Nikita Kalyazin <n@a.com>", .count = 1 },
	};
	qsort(rows, 5, sizeof(rows[0]), pd_digest_count_cmp);
	char *got = talloc_strdup(ctx, "");
	for (size_t i = 0; i < 5; i++)
		got = talloc_asprintf_append(got, "%zu %s\n", rows[i].count, rows[i].key);
	tap_str(got, "2 Lu Baolu <l@l.com>\n1 Nikita Kalyazin <n@a.com>\n"
		     "1 \"Kirill A. Shutemov\" <k@l.com>\n1 fuqiang wang <f@g.com>\n1 Chao Gao <c@i.com>\n",
		"counts first, ties as sort -rn left them");

	struct pd_mail cover = { .text = "From: \"Mike Rapoport (Microsoft)\" <RPPT@kernel.org>\n\nHi\n",
				 .author = { .name = "Mike Rapoport", .email = "rppt@kernel.org" } };
	struct pd_person w = pd_digest_author(ctx, &cover);
	tap_str(pd_digest_person(ctx, &w), "\"Mike Rapoport (Microsoft)\" <RPPT@kernel.org>",
		"a cover letter's in-body From: is its author");
	tap_str(w.email, "rppt@kernel.org", "its email lower-cased");
	cover.text = "Hi\n";
	w = pd_digest_author(ctx, &cover);
	tap_str(w.name, "Mike Rapoport", "without one, the mail's author");
}

static struct pd_mail *mail(void *ctx, const char *id, const char *subject, time_t date,
			    const char *who, const char *parent)
{
	struct pd_mail *m = talloc_zero(ctx, struct pd_mail);
	m->message_id = talloc_strdup(m, id);
	m->subject_raw = talloc_strdup(m, subject);
	pd_subject_parse(&m->subject, m, subject);
	m->date = date;
	m->sender = m->author = (struct pd_person){ .name = talloc_strdup(m, who),
		.email = talloc_asprintf(m, "%s@ex.org", who), .address = NULL };
	m->text = talloc_strdup(m, "Text.\n---\n a | 1 +\n 1 file changed, 1 insertion(+)\n");
	/* The store gives notmuch's thread: the series' thread, or the mail's own. */
	m->thread_id = talloc_strdup(m, parent != NULL || strcmp(id, "c") == 0 ? "t-c" : id);
	if (parent != NULL) {
		m->in_reply_to = talloc_strdup(m, parent);
		m->references = talloc_array(m, char *, 1);
		m->references[0] = m->in_reply_to;
		m->nreferences = 1;
	}
	return m;
}

static void test_build(void *ctx)
{
	/* Ann sends patch 2, which Bob wrote (its in-body From:). */
	struct pd_mail *p2 = mail(ctx, "p2", "[PATCH 2/3] thing: two", 101, "bob", "c");
	p2->sender = (struct pd_person){ .name = "ann", .email = "ann@ex.org" };
	const struct pd_mail *mails[] = {
		mail(ctx, "c", "[PATCH 0/3] Thing", 100, "ann", NULL),
		mail(ctx, "p1", "[PATCH 1/3] thing: one", 90, "ann", "c"),
		p2,
		mail(ctx, "p3", "[PATCH 3/3] thing: three", 500, "ann", "c"),
		mail(ctx, "r", "Re: [PATCH 1/3] thing: one", 102, "cat", "p1"),
		mail(ctx, "s", "[PATCH] thing: one", 103, "dan", NULL),
	};
	struct pd_model *model = NULL;
	tap_int(pd_series_build(&model, ctx, mails, 6), 0, "model built");
	struct pd_digest *d = NULL;
	tap_int(pd_digest_build(&d, ctx, model, 0, 200), 0, "digest built");
	char *got = talloc_strdup(ctx, "");
	for (size_t i = 0; i < d->nmails; i++)
		got = talloc_asprintf_append(got, "%s:%d:%s ", d->mails[i].mail->message_id,
					     d->mails[i].role,
					     d->mails[i].exists ? d->mails[i].exists->mail->message_id : "-");
	tap_str(got, "p1:1:- c:2:- p2:0:- s:1:p1 ",
		"patch mails of the range by date, no reply, roles, a title seen before");
	tap_int((long long)d->npeople, 3, "three authors");
	tap_str(d->people[0].key, "ann <ann@ex.org>", "the most mails first");
	tap_int((long long)d->people[0].count, 2, "cover and patch 1 in range; patch 3 is not");
	tap_int((long long)d->nseries, 2, "two revisions in the patch list");
	tap_int((long long)d->series[0].npatches, 2, "two of its patches in range");
	tap_int(d->series[0].cover, 1, "and its cover");
}

int main(void)
{
	void *ctx = talloc_new(NULL);
	test_split(ctx);
	test_people(ctx);
	test_build(ctx);
	talloc_free(ctx);
	return tap_done();
}
