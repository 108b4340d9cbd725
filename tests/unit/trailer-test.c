/* Body splitting and trailers (SERIES.md "Commit message" and "Trailers").
 * Every row checks the whole result through a one-line description, with
 * line ends shown as \n and \r so that CRLF handling is visible. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "tap.h"
#include "trailer.h"

static char *esc(void *ctx, const char *s)
{
	if (s == NULL)
		return talloc_strdup(ctx, "NULL");
	char *out = talloc_strdup(ctx, "");
	for (; *s != '\0'; s++)
		out = *s == '\n'   ? talloc_strdup_append(out, "\\n")
		      : *s == '\r' ? talloc_strdup_append(out, "\\r")
		      : *s == '\t' ? talloc_strdup_append(out, "\\t")
				   : talloc_asprintf_append(out, "%c", *s);
	return out;
}

static char *describe_body(void *ctx, const struct pd_body *b)
{
	char *prereq = talloc_strdup(ctx, "");
	for (size_t i = 0; i < b->nprereq; i++)
		prereq = talloc_asprintf_append(prereq, "%s%s", i ? "," : "", b->prereq_ids[i]);
	return talloc_asprintf(ctx,
			       "from=%s date=%s subject=%s | message=%s | notes=%s | diffstat=%s | diff=%s | "
			       "sig=%s | base=%s change=%s prereq=%s sep=%d scissors=%d damaged=%d",
			       esc(ctx, b->from), esc(ctx, b->date), esc(ctx, b->subject), esc(ctx, b->message),
			       esc(ctx, b->notes), esc(ctx, b->diffstat), esc(ctx, b->diff),
			       esc(ctx, b->signature), esc(ctx, b->base_commit), esc(ctx, b->change_id),
			       *prereq ? prereq : "-", b->has_separator, b->scissors, b->diff_damaged);
}

static char *describe_trailers(void *ctx, const struct pd_trailer *t, size_t n)
{
	static const char *const sender[] = { "?", "match", "MISMATCH" };
	char *out = talloc_strdup(ctx, "");
	for (size_t i = 0; i < n; i++)
		out = talloc_asprintf_append(out, "%s%s: %s {person=%s email=%s sha=%s subj=%s k=%d p=%d ok=%d %s}",
					     i ? " ; " : "", t[i].name, t[i].value, esc(ctx, t[i].person),
					     esc(ctx, t[i].email), esc(ctx, t[i].fixes_sha),
					     esc(ctx, t[i].fixes_subject), t[i].known, t[i].is_person,
					     t[i].well_formed, sender[t[i].sender]);
	return out;
}

#define DIFF1                                                                  \
	"diff --git a/f.c b/f.c\n"                                             \
	"index 1111111..2222222 100644\n"                                      \
	"--- a/f.c\n"                                                          \
	"+++ b/f.c\n"                                                          \
	"@@ -1,3 +1,3 @@\n"                                                    \
	" int a;\n"                                                            \
	"-int b;\n"                                                            \
	"+long b;\n"                                                           \
	" int c;\n"
#define DIFF1_ESC                                                              \
	"diff --git a/f.c b/f.c\\nindex 1111111..2222222 100644\\n--- a/f.c\\n+++ b/f.c\\n" \
	"@@ -1,3 +1,3 @@\\n int a;\\n-int b;\\n+long b;\\n int c;\\n"
#define STAT1 " f.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n"
#define STAT1_ESC " f.c | 2 +-\\n 1 file changed, 1 insertion(+), 1 deletion(-)\\n"
#define NOHDR "from=NULL date=NULL subject=NULL | "

static const struct {
	const char *name, *in, *want;
} bodies[] = {
	{ "git format-patch body",
	  "Make b long.\n\nSigned-off-by: A U Thor <a@example.org>\n---\n" STAT1 "\n" DIFF1 "-- \n2.43.0\n\n",
	  NOHDR "message=Make b long.\\n\\nSigned-off-by: A U Thor <a@example.org>\\n | notes=NULL | diffstat=" STAT1_ESC
	  " | diff=" DIFF1_ESC " | sig=2.43.0\\n | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "CRLF body: text parts get LF, the diff keeps its bytes",
	  "Make b long.\r\n\r\nSigned-off-by: A <a@x>\r\n---\r\n f.c | 2 +-\r\n 1 file changed\r\n\r\n"
	  "diff --git a/f.c b/f.c\r\n--- a/f.c\r\n+++ b/f.c\r\n@@ -1 +1 @@\r\n-int b;\r\n+long b;\r\n-- \r\n2.43.0\r\n",
	  NOHDR "message=Make b long.\\n\\nSigned-off-by: A <a@x>\\n | notes=NULL | diffstat= f.c | 2 +-\\n 1 file changed\\n"
	  " | diff=diff --git a/f.c b/f.c\\r\\n--- a/f.c\\r\\n+++ b/f.c\\r\\n@@ -1 +1 @@\\r\\n-int b;\\r\\n+long b;\\r\\n"
	  " | sig=2.43.0\\n | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "notes between --- and the diffstat",
	  "msg\n---\nChanges in v2:\n- renamed b\n\n" STAT1 "\n" DIFF1,
	  NOHDR "message=msg\\n | notes=Changes in v2:\\n- renamed b\\n | diffstat=" STAT1_ESC " | diff=" DIFF1_ESC
	  " | sig=NULL | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "text after the diffstat joins the notes",
	  "msg\n---\nv2: x\n" STAT1 "\nlate note\n\n" DIFF1,
	  NOHDR "message=msg\\n | notes=v2: x\\n\\nlate note\\n | diffstat=" STAT1_ESC " | diff=" DIFF1_ESC
	  " | sig=NULL | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "in-body From/Date/Subject, Subject folded",
	  "From: Real Author <real@example.org>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\nSubject: [PATCH] a long\n"
	  " subject\n\nBody.\n---\n" DIFF1,
	  "from=Real Author <real@example.org> date=Mon, 1 Jan 2024 10:00:00 +0000 subject=[PATCH] a long subject | "
	  "message=Body.\\n | notes=NULL | diffstat=NULL | diff=" DIFF1_ESC
	  " | sig=NULL | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "a removed line '- ' inside a hunk is no signature",
	  "msg\n---\ndiff --git a/s b/s\n--- a/s\n+++ b/s\n@@ -1,2 +1 @@\n-- \n sig\n-- \n2.43.0\n",
	  NOHDR "message=msg\\n | notes=NULL | diffstat=NULL | diff=diff --git a/s b/s\\n--- a/s\\n+++ b/s\\n@@ -1,2 +1 @@\\n-- \\n sig\\n"
	  " | sig=2.43.0\\n | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "an emptied context line and '\\ No newline' stay in the diff",
	  "m\n---\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n\\ No newline at end of file\n\nbase-commit: abc123\n",
	  NOHDR "message=m\\n | notes=NULL | diffstat=NULL | diff=--- a/x\\n+++ b/x\\n@@ -1,3 +1,3 @@\\n a\\n\\n-b\\n+c\\n\\ No newline at end of file\\n"
	  " | sig=NULL | base=abc123 change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "no --- line: the diff ends the message",
	  "Hand-made patch.\n\nSigned-off-by: A <a@x>\n" DIFF1,
	  NOHDR "message=Hand-made patch.\\n\\nSigned-off-by: A <a@x>\\n | notes=NULL | diffstat=NULL | diff=" DIFF1_ESC
	  " | sig=NULL | base=NULL change=NULL prereq=- sep=0 scissors=0 damaged=0" },
	{ "svn-style Index: diff",
	  "old style\nIndex: f.c\n===================================================================\n--- f.c\t(rev 1)\n"
	  "+++ f.c\t(rev 2)\n@@ -1 +1 @@\n-a\n+b\n",
	  NOHDR "message=old style\\n | notes=NULL | diffstat=NULL | diff=Index: f.c\\n===================================================================\\n"
	  "--- f.c\\t(rev 1)\\n+++ f.c\\t(rev 2)\\n@@ -1 +1 @@\\n-a\\n+b\\n | sig=NULL | base=NULL change=NULL prereq=- sep=0 scissors=0 damaged=0" },
	{ "'--- ' starts a diff only before '+++ '",
	  "--- not a diff\nstill message\n",
	  NOHDR "message=--- not a diff\\nstill message\\n | notes=NULL | diffstat=NULL | diff=NULL"
	  " | sig=NULL | base=NULL change=NULL prereq=- sep=0 scissors=0 damaged=0" },
	{ "b4 footer: base-commit, prerequisites, change-id, signature",
	  "msg\n---\n" STAT1 "\n" DIFF1 "---\nbase-commit: 0123456789abcdef\nchange-id: 20240101-foo-0123abcd\n"
	  "prerequisite-patch-id: 1111\nprerequisite-patch-id: 2222\n\nBest regards,\n-- \nA U Thor <a@x>\n\n",
	  NOHDR "message=msg\\n | notes=NULL | diffstat=" STAT1_ESC " | diff=" DIFF1_ESC " | sig=A U Thor <a@x>\\n"
	  " | base=0123456789abcdef change=20240101-foo-0123abcd prereq=1111,2222 sep=1 scissors=0 damaged=0" },
	{ "cover letter: diffstat reported and left in the letter",
	  "From: A <a@x>\n\nThis series fixes x.\n\nA (2):\n  f: one\n  f: two\n\n f.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n"
	  " create mode 100644 g.c\n\nbase-commit: feedbeef\n-- \n2.43.0\n",
	  "from=A <a@x> date=NULL subject=NULL | message=This series fixes x.\\n\\nA (2):\\n  f: one\\n  f: two\\n\\n f.c | 2 +-\\n"
	  " 1 file changed, 1 insertion(+), 1 deletion(-)\\n create mode 100644 g.c\\n\\nbase-commit: feedbeef\\n | notes=NULL"
	  " | diffstat= f.c | 2 +-\\n 1 file changed, 1 insertion(+), 1 deletion(-)\\n create mode 100644 g.c\\n | diff=NULL"
	  " | sig=2.43.0\\n | base=feedbeef change=NULL prereq=- sep=0 scissors=0 damaged=0" },
	{ "scissors drop the discussion above them",
	  "Does this help?\n\n-- >8 --\nSubject: [PATCH] f: fix\n\nFix f.\n---\n" DIFF1,
	  "from=NULL date=NULL subject=[PATCH] f: fix | message=Fix f.\\n | notes=NULL | diffstat=NULL | diff=" DIFF1_ESC
	  " | sig=NULL | base=NULL change=NULL prereq=- sep=1 scissors=1 damaged=0" },
	{ "git binary patch",
	  "bin\n---\ndiff --git a/b.bin b/b.bin\nnew file mode 100644\nindex 0000000..e69de29\nGIT binary patch\n"
	  "literal 5\nMcmV?d00001\n\nliteral 0\nHcmV?d00001\n\n-- \n2.43.0\n",
	  NOHDR "message=bin\\n | notes=NULL | diffstat=NULL | diff=diff --git a/b.bin b/b.bin\\nnew file mode 100644\\n"
	  "index 0000000..e69de29\\nGIT binary patch\\nliteral 5\\nMcmV?d00001\\n\\nliteral 0\\nHcmV?d00001\\n\\n"
	  " | sig=2.43.0\\n | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
	{ "a mail with only a signature",
	  "Thanks!\n\n-- \nJ. Random\n",
	  NOHDR "message=Thanks!\\n | notes=NULL | diffstat=NULL | diff=NULL | sig=J. Random\\n"
	  " | base=NULL change=NULL prereq=- sep=0 scissors=0 damaged=0" },
	{ "'--' without its blank is text", "a\n--\nb\n",
	  NOHDR "message=a\\n--\\nb\\n | notes=NULL | diffstat=NULL | diff=NULL | sig=NULL"
	  " | base=NULL change=NULL prereq=- sep=0 scissors=0 damaged=0" },
	{ "empty body", "",
	  NOHDR "message= | notes=NULL | diffstat=NULL | diff=NULL | sig=NULL | base=NULL change=NULL prereq=- sep=0 scissors=0 damaged=0" },
	{ "a hunk claiming more lines takes a '-- ' in, as git apply does, then is damaged",
	  "m\n---\n--- a/x\n+++ b/x\n@@ -1,9 +1,9 @@\n a\n-- \nsig\n",
	  NOHDR "message=m\\n | notes=NULL | diffstat=NULL | diff=--- a/x\\n+++ b/x\\n@@ -1,9 +1,9 @@\\n a\\n-- \\nsig\\n"
	  " | sig=NULL | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=1" },
	{ "a whitespace-damaged hunk runs to the signature (real: mailer ate a leading blank)",
	  "m\n---\n--- a/x\n+++ b/x\n@@ -1,3 +1,4 @@\n\treturn ret;\n }\n+int x;\n \n\n-- \n2.34.1\n",
	  NOHDR "message=m\\n | notes=NULL | diffstat=NULL | diff=--- a/x\\n+++ b/x\\n@@ -1,3 +1,4 @@\\n\\treturn ret;\\n }\\n+int x;\\n \\n"
	  " | sig=2.34.1\\n | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=1" },
	{ "hunk headers without line numbers still count (real: `@@ -XXX,2 +XXX,2 @@`)",
	  "m\n---\n--- a/x\n+++ b/x\n@@ -XXX,2 +XXX,2 @@ f()\n a\n+- \n-- \n-- \n2.39.0\n",
	  NOHDR "message=m\\n | notes=NULL | diffstat=NULL | diff=--- a/x\\n+++ b/x\\n@@ -XXX,2 +XXX,2 @@ f()\\n a\\n+- \\n-- \\n"
	  " | sig=2.39.0\\n | base=NULL change=NULL prereq=- sep=1 scissors=0 damaged=0" },
};

static const struct {
	const char *name, *in, *want;
} messages[] = {
	{ "person trailers",
	  "Fix it.\n\nReviewed-by: R E Viewer <r@x.org>\nSigned-off-by: A U Thor <a@x.org>\n",
	  "Reviewed-by: R E Viewer <r@x.org> {person=R E Viewer email=r@x.org sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Signed-off-by: A U Thor <a@x.org> {person=A U Thor email=a@x.org sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "names are canonicalised",
	  "x\n\nreviewed-by: R <r@x>\nACKED-BY: K <k@x>\nco-developed-by: C <c@x>\nmessage-id: <1@x>\n",
	  "Reviewed-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Acked-by: K <k@x> {person=K email=k@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Co-developed-by: C <c@x> {person=C email=c@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Message-ID: <1@x> {person=NULL email=NULL sha=NULL subj=NULL k=1 p=0 ok=1 ?}" },
	{ "every listed kind",
	  "x\n\nTested-by: T <t@x>\nReported-by: P <p@x>\nSuggested-by: S <s@x>\nNacked-by: N <n@x>\nCc: C <c@x>\n"
	  "Link: https://lore.kernel.org/r/1@x\nCloses: https://bugs.example.org/1\n",
	  "Tested-by: T <t@x> {person=T email=t@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Reported-by: P <p@x> {person=P email=p@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Suggested-by: S <s@x> {person=S email=s@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Nacked-by: N <n@x> {person=N email=n@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Cc: C <c@x> {person=C email=c@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Link: https://lore.kernel.org/r/1@x {person=NULL email=NULL sha=NULL subj=NULL k=1 p=0 ok=1 ?} ; "
	  "Closes: https://bugs.example.org/1 {person=NULL email=NULL sha=NULL subj=NULL k=1 p=0 ok=1 ?}" },
	{ "Fixes: good, short id, no subject, parentheses in the subject",
	  "x\n\nFixes: 0123456789ab (\"module: fix (again)\")\nFixes: 0123abc (\"short\")\nFixes: 0123456789abcdef\n"
	  "Fixes: not-a-sha\n",
	  "Fixes: 0123456789ab (\"module: fix (again)\") {person=NULL email=NULL sha=0123456789ab subj=module: fix (again) k=1 p=0 ok=1 ?} ; "
	  "Fixes: 0123abc (\"short\") {person=NULL email=NULL sha=0123abc subj=short k=1 p=0 ok=0 ?} ; "
	  "Fixes: 0123456789abcdef {person=NULL email=NULL sha=0123456789abcdef subj=NULL k=1 p=0 ok=0 ?} ; "
	  "Fixes: not-a-sha {person=NULL email=NULL sha=NULL subj=NULL k=1 p=0 ok=0 ?}" },
	{ "unknown trailers: *-by is a person, others a value",
	  "x\n\nbisected-by: B <b@x>\nChange-Id: I0123\nSigned-off-by: A <a@x>\n",
	  "Bisected-by: B <b@x> {person=B email=b@x sha=NULL subj=NULL k=0 p=1 ok=1 ?} ; "
	  "Change-Id: I0123 {person=NULL email=NULL sha=NULL subj=NULL k=0 p=0 ok=1 ?} ; "
	  "Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "address forms: comment, quoted name, bare address, (Name), none",
	  "x\n\nCc: <stable@vger.kernel.org> # 5.10.x\nSigned-off-by: \"Doe, John\" <j@x>\n"
	  "Reported-by: j@x (John Doe)\nCc: stable@vger.kernel.org\nTested-by: Someone\n",
	  "Cc: <stable@vger.kernel.org> # 5.10.x {person= email=stable@vger.kernel.org sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Signed-off-by: \"Doe, John\" <j@x> {person=Doe, John email=j@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Reported-by: j@x (John Doe) {person=John Doe email=j@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Cc: stable@vger.kernel.org {person= email=stable@vger.kernel.org sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Tested-by: Someone {person=Someone email=NULL sha=NULL subj=NULL k=1 p=1 ok=0 ?}" },
	{ "continuation lines join the value",
	  "x\n\nLink: https://lore.kernel.org/r/\n  20240101.1@x\nSigned-off-by: A <a@x>\n",
	  "Link: https://lore.kernel.org/r/ 20240101.1@x {person=NULL email=NULL sha=NULL subj=NULL k=1 p=0 ok=1 ?} ; "
	  "Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "a maintainer's [note] inside the block is skipped",
	  "x\n\nSigned-off-by: A <a@x>\n[mcgrof: fixed the typo]\nSigned-off-by: M <m@x>\n",
	  "Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Signed-off-by: M <m@x> {person=M email=m@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "trailers only in the last paragraph",
	  "Signed-off-by: Not <n@x>\n\nMore text.\n\nAcked-by: K <k@x>\n\n\n",
	  "Acked-by: K <k@x> {person=K email=k@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "prose with a colon is no trailer block",
	  "x\n\nNote: this is prose\nthat goes on\nand on\nfor lines.\n", "" },
	{ "a quarter known trailers is a block",
	  "x\n\nSigned-off-by: A <a@x>\nsome words\nmore words\nlast words\n",
	  "Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "less than a quarter is not", "x\n\nSigned-off-by: A <a@x>\na\nb\nc\nd\n", "" },
	{ "a URL line is no trailer", "x\n\nhttps://lore.kernel.org/r/1@x\n", "" },
	{ "CRLF message",
	  "x\r\n\r\nReviewed-by: R <r@x>\r\nSigned-off-by: A <a@x>\r\n",
	  "Reviewed-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "a message of trailers alone", "Signed-off-by: A <a@x>",
	  "Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "a blank before the colon, as git allows (real)",
	  "x\n\nReported-by : kernel test robot <lkp@intel.com>\nSigned-off-by: A <a@x>\n",
	  "Reported-by: kernel test robot <lkp@intel.com> {person=kernel test robot email=lkp@intel.com sha=NULL subj=NULL k=1 p=1 ok=1 ?} ; "
	  "Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "empty message", "", "" },
	{ "an empty value", "x\n\nCc:\n", "Cc:  {person= email=NULL sha=NULL subj=NULL k=1 p=1 ok=0 ?}" },
};

static const struct {
	const char *name, *in, *sender, *want;
} replies[] = {
	{ "a plain review tag from the sender",
	  "On Mon, A wrote:\n> patch\n\nLooks good.\n\nReviewed-by: R <r@x.org>\n", "r@x.org",
	  "Reviewed-by: R <r@x.org> {person=R email=r@x.org sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "quoted trailers do not count; email case does not matter",
	  "> Signed-off-by: A <a@x>\n>> Reviewed-by: Q <q@x>\n  > Acked-by: Q <q@x>\n\nAcked-by: K <K@Example.ORG>\n", "k@example.org",
	  "Acked-by: K <K@Example.ORG> {person=K email=K@Example.ORG sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "below the signature nothing counts",
	  "Tested-by: T <t@x>\n-- \nReviewed-by: T <t@x>\n", "t@x",
	  "Tested-by: T <t@x> {person=T email=t@x sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "someone else's address is flagged, not dropped",
	  "Tested-by: Colleague <c@x>\n", "me@x",
	  "Tested-by: Colleague <c@x> {person=Colleague email=c@x sha=NULL subj=NULL k=1 p=1 ok=1 MISMATCH}" },
	{ "an unquoted copy of the patch does not count",
	  "Reviewed-by: R <r@x>\n\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n"
	  "-Signed-off-by: Old <o@x>\n+Signed-off-by: New <n@x>\n Acked-by: Ctx <c@x>\n\nTested-by: R <r@x>\n", "r@x",
	  "Reviewed-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 match} ; "
	  "Tested-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "anywhere in the reply, indented too",
	  "Reviewed-by: R <r@x>\n\nOne nit below.\n\n> code\n\nnit.\n\n   Tested-by: R <r@x>\nThanks\n", "r@x",
	  "Reviewed-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 match} ; "
	  "Tested-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "a name and its address wrapped by the client",
	  "Reviewed-by: Some Very Long Name Indeed\n<long@x>\n", "long@x",
	  "Reviewed-by: Some Very Long Name Indeed <long@x> {person=Some Very Long Name Indeed email=long@x sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "Cc and Message-ID in a reply are not tags; Fixes is",
	  "Cc: stable@vger.kernel.org\nMessage-ID: <1@x>\nFixes: 0123456789ab (\"a: b\")\nNote: prose\n", "r@x",
	  "Fixes: 0123456789ab (\"a: b\") {person=NULL email=NULL sha=0123456789ab subj=a: b k=1 p=0 ok=1 ?}" },
	{ "nothing below an Outlook original message",
	  "Acked-by: K <k@x>\n\n-----Original Message-----\nFrom: A\nSigned-off-by: A <a@x>\n", "k@x",
	  "Acked-by: K <k@x> {person=K email=k@x sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "no sender given", "Reviewed-by: R <r@x>\n", NULL,
	  "Reviewed-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}" },
	{ "CRLF reply", "> q\r\n\r\nReviewed-by: R <r@x>\r\n", "r@x",
	  "Reviewed-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=1 p=1 ok=1 match}" },
	{ "a tag named in prose is not a tag", "I will add my Reviewed-by: R <r@x> later.\n", "r@x", "" },
	{ "an unknown *-by from the sender counts", "Bisected-by: R <r@x>\nChange-Id: I1\n", "r@x",
	  "Bisected-by: R <r@x> {person=R email=r@x sha=NULL subj=NULL k=0 p=1 ok=1 match}" },
	{ "empty reply", "", "r@x", "" },
};

int main(void)
{
	void *ctx = talloc_new(NULL);

	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		struct pd_body *b;
		if (pd_body_split(&b, ctx, bodies[i].in) != 0) {
			tap_result(0, bodies[i].name);
			continue;
		}
		tap_str(describe_body(ctx, b), bodies[i].want, bodies[i].name);
		/* The diff is a slice of the input, at the offset reported. */
		if (b->diff != NULL)
			tap_int(strncmp(bodies[i].in + b->diff_offset, b->diff, strlen(b->diff)), 0,
				talloc_asprintf(ctx, "%s: the diff is the input's bytes at its offset", bodies[i].name));
	}
	struct pd_body *b;
	tap_int(pd_body_split(&b, ctx, NULL), 0, "NULL body splits");
	tap_str(b->message, "", "NULL body has an empty message");

	for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++) {
		struct pd_trailer *t;
		size_t n;
		if (pd_trailers_parse(&t, &n, ctx, messages[i].in) != 0) {
			tap_result(0, messages[i].name);
			continue;
		}
		tap_str(describe_trailers(ctx, t, n), messages[i].want, messages[i].name);
	}

	for (size_t i = 0; i < sizeof(replies) / sizeof(replies[0]); i++) {
		struct pd_trailer *t;
		size_t n;
		if (pd_reply_trailers(&t, &n, ctx, replies[i].in, replies[i].sender) != 0) {
			tap_result(0, replies[i].name);
			continue;
		}
		tap_str(describe_trailers(ctx, t, n), replies[i].want, replies[i].name);
	}

	/* The body split feeds the trailer parser. */
	pd_body_split(&b, ctx, "Fix.\n\nSigned-off-by: A <a@x>\n---\n" DIFF1);
	struct pd_trailer *t;
	size_t n;
	pd_trailers_parse(&t, &n, ctx, b->message);
	tap_str(describe_trailers(ctx, t, n),
		"Signed-off-by: A <a@x> {person=A email=a@x sha=NULL subj=NULL k=1 p=1 ok=1 ?}",
		"trailers of a split body stop at ---");

	static const struct {
		const char *in, *want;
	} names[] = {
		{ "reviewed-by", "Reviewed-by" }, { "SIGNED-OFF-BY", "Signed-off-by" }, { "cc", "Cc" },
		{ "Message-Id", "Message-ID" },   { "fixes", "Fixes" },                 { "BISECTED-BY", "Bisected-by" },
		{ "bisected-by", "Bisected-by" }, { "Change-Id", "Change-Id" },         { "", "" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		tap_str(pd_trailer_name(ctx, names[i].in, strlen(names[i].in)), names[i].want,
			talloc_asprintf(ctx, "name '%s' canonical", names[i].in));

	static const struct {
		const char *a, *b;
		int same;
	} dups[] = {
		{ "Reviewed-by: R <r@x>", "reviewed-by: r <R@X>", 1 },
		{ "Reviewed-by: R  Q <r@x>", "Reviewed-by: R Q <r@x>", 1 },
		{ "Reviewed-by: R <r@x>", "Acked-by: R <r@x>", 0 },
		{ "Reviewed-by: R <r@x>", "Reviewed-by: R <r@y>", 0 },
		{ "Reviewed-by: R <r@x>", "Reviewed-by: R <r@x> # v2", 0 },
	};
	for (size_t i = 0; i < sizeof(dups) / sizeof(dups[0]); i++) {
		struct pd_trailer *ta, *tb;
		size_t na, nb;
		pd_trailers_parse(&ta, &na, ctx, dups[i].a);
		pd_trailers_parse(&tb, &nb, ctx, dups[i].b);
		tap_int(na == 1 && nb == 1 && pd_trailer_same(ta, tb), dups[i].same,
			talloc_asprintf(ctx, "'%s' %s '%s'", dups[i].a, dups[i].same ? "==" : "!=", dups[i].b));
	}

	/* Big inputs stay linear (and ASan-clean): many trailers, one value
	 * folded over many lines, a long hunk. */
	enum { MANY = 100000 };
	size_t size = 64 * MANY, o;
	char *big = talloc_array(ctx, char, size);
	o = (size_t)sprintf(big, "x\n\n");
	for (int i = 0; i < MANY; i++)
		o += (size_t)sprintf(big + o, "Acked-by: A%d <a%d@x>\n", i, i);
	pd_trailers_parse(&t, &n, ctx, big);
	tap_int(n, MANY, "a hundred thousand trailers");
	tap_str(n == MANY ? t[MANY - 1].email : NULL, "a99999@x", "the last of them intact");
	pd_reply_trailers(&t, &n, ctx, big, "a7@x");
	tap_int(n, MANY, "a reply of a hundred thousand tags");
	tap_int(n == MANY ? (int)t[7].sender : -1, PD_SENDER_MATCH, "the sender's one matches");

	o = (size_t)sprintf(big, "x\n\nLink: a\n");
	for (int i = 0; i < MANY; i++)
		o += (size_t)sprintf(big + o, " b\n");
	pd_trailers_parse(&t, &n, ctx, big);
	tap_int(n == 1 ? (long long)strlen(t[0].value) : -1, 1 + 2 * MANY, "a value folded over a hundred thousand lines");

	o = (size_t)sprintf(big, "m\n---\n--- a/f\n+++ b/f\n@@ -1,%d +1,%d @@\n", MANY / 2, MANY / 2);
	for (int i = 0; i < MANY; i++)
		o += (size_t)sprintf(big + o, i % 2 ? "-- \n" : "+- \n");
	sprintf(big + o, "-- \n2.43.0\n");
	pd_body_split(&b, ctx, big);
	tap_str(b->signature, "2.43.0\n", "a hunk of a hundred thousand '-- ' lines ends where counted");

	talloc_free(ctx);
	return tap_done();
}
