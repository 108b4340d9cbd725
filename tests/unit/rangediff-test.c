/* Tables for the range-diff: how patches of two revisions pair up, the
 * text each patch is compared as, and the output beside what git
 * range-diff 2.39 printed for the same commits (made with git commit and
 * compared with `git range-diff --no-color`; the comparison with live git
 * on real series is tests/cli/diff-demo.sh and diff-corpus.sh). */
#include "config.h"

#include <git2.h>
#include <stdio.h>
#include <talloc.h>

#include "changelog.h"
#include "rangediff.h"
#include "tap.h"

/* A hunk of a 30-line file `line 1`..`line 30` changing line N to TEXT. */
#define HUNK(file, n, prev, a, b, c, old, new, d, e, f)                                            \
	"diff --git a/" file " b/" file "\n"                                                       \
	"index 1111111..2222222 100644\n"                                                          \
	"--- a/" file "\n"                                                                         \
	"+++ b/" file "\n"                                                                         \
	"@@ -" n ",7 +" n ",7 @@ " prev "\n"                                                       \
	" " a "\n " b "\n " c "\n-" old "\n+" new "\n " d "\n " e "\n " f "\n"

#define BIG_V1                                                                                     \
	HUNK("big.c", "7", "line 6", "line 7", "line 8", "line 9", "line 10", "line 10 changed",   \
	     "line 11", "line 12", "line 13")                                                      \
	"@@ -17,7 +17,7 @@ line 16\n line 17\n line 18\n line 19\n-line 20\n+line 20 x\n"          \
	" line 21\n line 22\n line 23\n"

#define BIG_V2                                                                                     \
	HUNK("big.c", "7", "line 6", "line 7", "line 8", "line 9", "line 10",                      \
	     "line 10 changed again", "line 11", "line 12", "line 13")                             \
	"@@ -17,7 +17,7 @@ line 16\n line 17\n line 18\n line 19\n-line 20\n+line 20 x\n"          \
	" line 21\n line 22\n line 23\n"

#define RENAME                                                                                     \
	"diff --git a/big.c b/big2.c\nsimilarity index 100%\nrename from big.c\nrename to big2.c\n"

#define NEWFILE(file, line)                                                                        \
	"diff --git a/" file " b/" file "\nnew file mode 100644\nindex 0000000..3333333\n"        \
	"--- /dev/null\n+++ b/" file "\n@@ -0,0 +1 @@\n+" line "\n"

#define A "A <a@b>"

static const struct pd_rd_patch big1[] = {
	{ 1, "sub: change big", A, "sub: change big\n\nFirst body.\n", BIG_V1, NULL },
};
static const struct pd_rd_patch big2[] = {
	{ 1, "sub: change big", A, "sub: change big\n\nFirst body, reworded.\n\nSecond para.\n",
	  BIG_V2, NULL },
	{ 2, "rename", A, "rename\n", RENAME, NULL },
};

/* git range-diff --no-color master..w1 master..w2 */
static const char big_want[] =
	"1:  ! 1:  sub: change big\n"
	"    @@ Metadata\n"
	"      ## Commit message ##\n"
	"         sub: change big\n"
	"     \n"
	"    -    First body.\n"
	"    +    First body, reworded.\n"
	"    +\n"
	"    +    Second para.\n"
	"     \n"
	"      ## big.c ##\n"
	"     @@ big.c: line 6\n"
	"    @@ big.c: line 6\n"
	"      line 8\n"
	"      line 9\n"
	"     -line 10\n"
	"    -+line 10 changed\n"
	"    ++line 10 changed again\n"
	"      line 11\n"
	"      line 12\n"
	"      line 13\n"
	"-:  > 2:  rename\n";

static void git_output(void *ctx)
{
	struct pd_rangediff *rd = NULL;
	struct pd_err err;
	pd_err_init(&err, ctx);
	int rc = pd_rangediff_compute(&rd, ctx, big1, 1, big2, 2, PD_RD_CREATION_FACTOR, &err);
	tap_int(rc, 0, "git's own example computes");
	tap_str(rc == 0 ? pd_rangediff_format(ctx, rd) : NULL, big_want,
		"changed message and hunk, a new rename: git range-diff's output");
}

static void patch_text(void *ctx)
{
	static const struct {
		const char *name, *diff, *want;
	} table[] = {
		{ "a new file: (new), its hunk without a function",
		  NEWFILE("n.c", "x"),
		  " ## n.c (new) ##\n@@\n+x\n" },
		{ "a pure rename: old => new, no hunk", RENAME, " ## big.c => big2.c ##\n" },
		{ "a deletion: (deleted) under the old name",
		  "diff --git a/g.c b/g.c\ndeleted file mode 100644\nindex 3..0\n--- a/g.c\n"
		  "+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n",
		  " ## g.c (deleted) ##\n@@\n-bye\n" },
		{ "a mode change",
		  "diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\n",
		  " ## s.sh (mode change 100644 => 100755) ##\n" },
		{ "two files: a blank line between; a removed `-- ` line stays in its hunk",
		  "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,2 +1 @@ f()\n a\n--- \n"
		  "diff --git a/b b/b\n--- a/b\n+++ b/b\n@@ -1 +1 @@\n-b\n+c\n\\ No newline at end of file\n",
		  " ## a ##\n@@ a: f()\n a\n--- \n\n ## b ##\n@@\n-b\n+c\n \\ No newline at end of file\n" },
		{ "CRLF line ends and an empty context line read as git am reads them",
		  "diff --git a/c b/c\r\n--- a/c\r\n+++ b/c\r\n@@ -1,2 +1,2 @@\r\n\r\n-x\r\n+y\r\n",
		  " ## c ##\n@@\n \n-x\n+y\n" },
		{ "a diff without a diff --git line",
		  "--- a/old.txt\t2024-01-01\n+++ b/old.txt\t2024-01-02\n@@ -1 +1 @@\n-1\n+2\n",
		  " ## old.txt ##\n@@\n-1\n+2\n" },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct pd_rd_patch p = { 1, "t", A, "t\n\n  body  \n\xc3\xa9\tx\tyz\n", table[i].diff, NULL };
		/* tabs expanded as git log does, é one column */
		char *want = talloc_asprintf(ctx,
					     " ## Metadata ##\nAuthor: " A "\n\n ## Commit message ##\n"
					     "    t\n\n      body\n    \xc3\xa9       x       yz\n\n%s",
					     table[i].want);
		tap_str(pd_rangediff_patch_text(ctx, &p), want, table[i].name);
	}
}

#define D(f, l) NEWFILE(f, l)

/* The pairing: what each case gives as header lines. */
static void pairing(void *ctx)
{
	static const struct pd_rd_patch same_a[] = {
		{ 1, "one", A, "one\n", D("1.c", "one"), NULL },
		{ 2, "two", A, "two\n", D("2.c", "two"), NULL },
		{ 3, "three", A, "three\n", D("3.c", "three"), NULL },
	};
	static const struct pd_rd_patch reordered[] = {
		{ 1, "three", A, "three\n", D("3.c", "three"), NULL },
		{ 2, "one", A, "one\n", D("1.c", "one"), NULL },
		{ 3, "two", A, "two: reworded\n", D("2.c", "two"), NULL },
	};
	static const struct pd_rd_patch dropped[] = {
		{ 1, "one", A, "one\n", D("1.c", "one"), NULL },
		{ 2, "three", A, "three\n", D("3.c", "three"), NULL },
		{ 3, "four", A, "four\n", D("4.c", "four and more"), NULL },
	};
	/* Different diffs, equal patch-ids (as whitespace-only changes give). */
	static const struct pd_rd_patch by_id_a[] = {
		{ 1, "x", A, "x\n", D("x.c", "int x;"), "abc" },
	};
	static const struct pd_rd_patch by_id_b[] = {
		{ 1, "x", A, "x\n", D("x.c", "int  x;"), "abc" },
	};
	/* A patch split in two: the larger half keeps the pair. */
	static const struct pd_rd_patch split_a[] = {
		{ 1, "big", A, "big\n", BIG_V1, NULL },
	};
	static const struct pd_rd_patch split_b[] = {
		{ 1, "big: line 10", A, "big: line 10\n",
		  HUNK("big.c", "7", "line 6", "line 7", "line 8", "line 9", "line 10", "line 10 changed",
		       "line 11", "line 12", "line 13"), NULL },
		{ 2, "big: line 20", A, "big: line 20\n",
		  HUNK("big.c", "17", "line 16", "line 17", "line 18", "line 19", "line 20",
		       "line 20 x", "line 21", "line 22", "line 23"), NULL },
	};
	static const struct {
		const char *name;
		const struct pd_rd_patch *a, *b;
		size_t na, nb;
		const char *want;
		size_t moved;
	} table[] = {
		{ "unchanged revision: all =", same_a, same_a, 3, 3,
		  "1:  = 1:  one\n2:  = 2:  two\n3:  = 3:  three\n", 0 },
		{ "reordered, one message reworded: new order, ! for the message", same_a, reordered, 3, 3,
		  "3:  = 1:  three\n1:  = 2:  one\n2:  ! 3:  two\n", 1 },
		{ "a patch dropped after its predecessor, one added", same_a, dropped, 3, 3,
		  "1:  = 1:  one\n2:  < -:  two\n3:  = 2:  three\n-:  > 3:  four\n", 0 },
		{ "equal patch-ids pair even when the diffs differ", by_id_a, by_id_b, 1, 1,
		  "1:  ! 1:  x\n", 0 },
		{ "a split patch: the first half pairs, the second is new", split_a, split_b, 1, 2,
		  "1:  ! 1:  big\n-:  > 2:  big: line 20\n", 0 },
		{ "nothing on one side: all new", NULL, same_a, 0, 3,
		  "-:  > 1:  one\n-:  > 2:  two\n-:  > 3:  three\n", 0 },
		{ "nothing on the other: all dropped", same_a, NULL, 3, 0,
		  "1:  < -:  one\n2:  < -:  two\n3:  < -:  three\n", 0 },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct pd_rangediff *rd = NULL;
		struct pd_err err;
		pd_err_init(&err, ctx);
		char *got = NULL;
		size_t moved = 0;
		if (pd_rangediff_compute(&rd, ctx, table[i].a, table[i].na, table[i].b, table[i].nb,
					 PD_RD_CREATION_FACTOR, &err) == 0) {
			got = talloc_strdup(ctx, "");
			for (size_t k = 0; k < rd->npairs; k++) {
				got = talloc_asprintf_append(got, "%s\n", pd_rangediff_header(ctx, rd, k));
				moved += rd->pairs[k].moved;
			}
		}
		tap_str(got, table[i].want, table[i].name);
		tap_int((long long)moved, (long long)table[i].moved,
			talloc_asprintf(ctx, "%s: moved pairs", table[i].name));
	}
}

static void files(void *ctx)
{
	size_t n = 0;
	char **f = pd_rangediff_files(ctx, D("b.c", "x") RENAME BIG_V1, &n);
	char *got = talloc_strdup(ctx, "");
	for (size_t i = 0; f != NULL && i < n; i++)
		got = talloc_asprintf_append(got, "%s ", f[i]);
	tap_str(got, "b.c big.c big2.c ", "files: old and new names, sorted, once");
}

static void changelog(void *ctx)
{
	static const struct {
		const char *name, *text, *want;
	} table[] = {
		{ "b4: Changes in vN, Link to, up to the signature",
		  "Intro.\n\n---\nChanges in v2:\n- fix a\n- Link to v1: https://x/r/1\n\n"
		  "---\nJane Doe (2):\n      a\n\n base-commit: 1234\n",
		  "Changes in v2:\n- fix a\n- Link to v1: https://x/r/1\n" },
		{ "b4's layout: changes after the intro, then the shortlog",
		  "Intro.\n\nChanges in v3:\n- one\n  continued\n\nChanges in v2:\n- two\n\n"
		  "Jane Doe (2):\n  x: y\n\n include/x.h | 2 +-\n",
		  "Changes in v3:\n- one\n  continued\n\nChanges in v2:\n- two\n" },
		{ "v3 -> v4: and v2->v3 headings, numbered items",
		  "Hi,\n\nv3 -> v4:\n1. rebased\n2) renamed\nv2->v3:\n * typo\n\nThanks,\nJane\n",
		  "v3 -> v4:\n1. rebased\n2) renamed\nv2->v3:\n * typo\n" },
		{ "Changes since v1 and a paragraph that ends it",
		  "Changes since v1:\n- a\n\nThis series does x.\n",
		  "Changes since v1:\n- a\n" },
		{ "Changelog: and [v2] headings",
		  "Changelog:\n[v2]\n- b\n", "Changelog:\n[v2]\n- b\n" },
		{ "a sentence about changes is not a heading",
		  "This changes the driver so that it works.\nIt is v2 of nothing.\n", NULL },
		{ "no text", "", NULL },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		tap_str(pd_changelog_extract(ctx, table[i].text), table[i].want, table[i].name);
}

int main(void)
{
	git_libgit2_init();
	void *ctx = talloc_new(NULL);
	git_output(ctx);
	patch_text(ctx);
	pairing(ctx);
	files(ctx);
	changelog(ctx);
	talloc_free(ctx);
	git_libgit2_shutdown();
	return tap_done();
}
