/* Tables for the message parser on mails built in memory: headers,
 * threading ids, DMARC senders, format=flowed, encoded CRs, attachments,
 * and the one error (an unreadable file). The demo list and the real
 * archive are checked by tests/cli/message-*.sh. */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <talloc.h>

#include "message.h"
#include "tap.h"

static struct pd_mail *parse(void *ctx, const char *text)
{
	struct pd_mail *m = NULL;
	struct pd_err err;
	pd_err_init(&err, ctx);
	int rc = pd_message_parse(&m, ctx, text, strlen(text), &err);
	tap_int(rc, 0, "parses");
	return m;
}

static const char *problems(void *ctx, const struct pd_mail *m)
{
	char *s = talloc_strdup(ctx, "");
	for (size_t i = 0; m && i < m->nproblems; i++)
		s = talloc_asprintf_append(s, "%s%s", i ? "|" : "", m->problems[i]);
	return s;
}

static void headers(void *ctx)
{
	struct pd_mail *m = parse(ctx,
		"From: \"Doe, Jane\" <Jane.Doe@Example.ORG>\n"
		"Subject: Re: [PATCH v2 3/5] foo:\n"
		"  =?UTF-8?Q?caf=C3=A9?= bar\n"
		"Message-ID: <abc@host>\n"
		"In-Reply-To: <first@host> <second@host>\n"
		"References: <r1@host>\n <r2@host>\t<first@host>\n"
		"Date: Tue, 02 Jan 2024 03:04:05 +0100\n"
		"\n"
		"Reviewed-by: Jane Doe <jane.doe@example.org>\n");
	tap_str(m->message_id, "abc@host", "Message-ID without <>");
	tap_str(m->in_reply_to, "first@host", "the first In-Reply-To id");
	tap_int((long long)m->nreferences, 3, "three References");
	tap_str(m->nreferences == 3 ? m->references[2] : NULL, "first@host", "in order");
	tap_str(m->subject_raw, "Re: [PATCH v2 3/5] foo:  café bar",
		"subject unfolded (the folding blank kept, RFC 5322) and decoded");
	tap_int(m->subject->n, 3, "subject parsed");
	tap_str(m->sender.name, "Doe, Jane", "quoted display name");
	tap_str(m->sender.email, "jane.doe@example.org", "email lower-cased");
	tap_int((long long)m->date, 1704161045, "date in UTC");
	tap_result(m->patch == NULL, "no diff, no patch");
	tap_int((long long)m->nreply_trailers, 1, "the reply's trailer");
	tap_int(m->nreply_trailers ? (int)m->reply_trailers[0].sender : -1, PD_SENDER_MATCH,
		"matches the sender (case-insensitive)");
	tap_str(problems(ctx, m), "", "no problem");
}

static void dmarc(void *ctx)
{
	struct pd_mail *m = parse(ctx,
		"From: Oliver Grant via Linux-demo <linux-demo@lists.example.org>\n"
		"Reply-To: Oliver Grant <Oliver@strictmail.example>\n"
		"Subject: x\nMessage-ID: <d@x>\n\nbody\n");
	tap_int(m->dmarc_rewritten, 1, "via: DMARC rewritten");
	tap_str(m->author.email, "oliver@strictmail.example", "author from Reply-To");
	tap_str(m->sender.email, "linux-demo@lists.example.org", "sender kept");
	m = parse(ctx, "From: 'Ann Lee' via Group <group@googlegroups.com>\n"
		       "Subject: x\nMessage-ID: <d2@x>\n\nbody\n");
	tap_str(m->author.name, "Ann Lee", "nothing names the address: the name at least");
	tap_str(problems(ctx, m),
		"sender rewritten by the list (group@googlegroups.com) and no Reply-To or "
		"X-Original-From names the author",
		"and said so");
	m = parse(ctx, "From: Jo <jo@x.org>\nReply-To: list@x.org\nSubject: x\n\nb\n");
	tap_str(m->author.email, "jo@x.org", "a plain Reply-To does not make an author");
}

static void bodies(void *ctx)
{
	/* format=flowed, DelSp=yes: soft breaks joined, stuffing removed. */
	struct pd_mail *m = parse(ctx,
		"From: a@b.c\nSubject: f\nMessage-ID: <f@x>\n"
		"Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\n\n"
		"one long  \nline\n >not quoted\n-- \nsig\n");
	tap_str(m->text, "one long line\n>not quoted\n-- \nsig\n", "format=flowed undone");

	/* Encoded CRs are content: kept in the diff, not in the text. */
	m = parse(ctx,
		"From: a@b.c\nSubject: [PATCH] crlf file\nMessage-ID: <q@x>\n"
		"Content-Transfer-Encoding: quoted-printable\n\n"
		"Fix.=0D\n---=0D\ndiff --git a/w.bat b/w.bat=0D\n--- a/w.bat=0D\n+++ b/w.bat=0D\n"
		"@@ -1 +1 @@=0D\n-a=0D\n+b=0D\n");
	tap_str(m->text, "Fix.\n---\ndiff --git a/w.bat b/w.bat\n--- a/w.bat\n+++ b/w.bat\n"
			 "@@ -1 +1 @@\n-a\n+b\n", "text: LF");
	tap_str(m->patch ? m->patch->diff : NULL,
		"diff --git a/w.bat b/w.bat\r\n--- a/w.bat\r\n+++ b/w.bat\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n",
		"diff: the encoded CRs kept");

	/* Transport CRLF is dropped everywhere, as git mailsplit does. */
	m = parse(ctx, "From: a@b.c\r\nSubject: [PATCH] t\r\nMessage-ID: <t@x>\r\n\r\nFix.\r\n---\r\n"
		       "diff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n");
	tap_str(m->patch ? m->patch->diff : NULL,
		"diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", "transport CRLF dropped");

	/* A bare diff as application/octet-stream named *.diff, after the text. */
	m = parse(ctx,
		"From: a@b.c\nSubject: [PATCH] att\nMessage-ID: <a@x>\nMIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"Z\"\n\n--Z\nContent-Type: text/plain\n\n"
		"Explain.\n\nSigned-off-by: A <a@b.c>\n--Z\n"
		"Content-Type: application/octet-stream; name=\"fix.diff\"\n"
		"Content-Transfer-Encoding: base64\n\n"
		"LS0tIGEvZgorKysgYi9mCkBAIC0xICsxIEBACi1hCitiCg==\n--Z--\n");
	tap_int(m->patch_attached, 1, "octet-stream *.diff: attached patch");
	tap_str(m->patch ? m->patch->diff : NULL, "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
		"its diff decoded");
	tap_str(m->patch ? m->patch->message : NULL, "Explain.\n\nSigned-off-by: A <a@b.c>\n",
		"the text before it is the message");
	tap_int((long long)m->ntrailers, 1, "with its trailer");
	tap_str(m->text, "Explain.\n\nSigned-off-by: A <a@b.c>\n",
		"text: the text part, its last line end back from the boundary");

	/* A pull request. */
	m = parse(ctx, "From: a@b.c\nSubject: [GIT PULL] x\nMessage-ID: <p@x>\n\n"
		       "are available in the Git repository at:\n\n"
		       "  https://git.example.org/x.git tags/for-linus\n\nfor you to fetch\n");
	tap_str(m->pull_url, "https://git.example.org/x.git", "pull URL");
	tap_str(m->pull_branch, "tags/for-linus", "pull branch");
}

static void reading(void *ctx)
{
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_mail *m = (void *)1;
	tap_int(pd_message_read(&m, ctx, "/nonexistent/mail", &err), PD_E_IO, "missing file: PD_E_IO");
	tap_str(pd_err_msg(&err), "cannot read mail file /nonexistent/mail: No such file or directory",
		"one line naming it");
	tap_result(m == NULL, "no result");
}

int main(void)
{
	g_mime_init();
	git_libgit2_init();
	void *ctx = talloc_new(NULL);
	headers(ctx);
	dmarc(ctx);
	bodies(ctx);
	reading(ctx);
	talloc_free(ctx);
	git_libgit2_shutdown();
	g_mime_shutdown();
	return tap_done();
}
