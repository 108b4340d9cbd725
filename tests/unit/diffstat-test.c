/* Tables for the diffstat: computed from diff text, rendered like git
 * (the full comparison with real git output is tests/cli/message-diffstat.sh),
 * and the sent diffstat parsed and compared. */
#include "config.h"

#include <git2.h>
#include <talloc.h>

#include "diffstat.h"
#include "tap.h"

#define DIFF_AC                                                                                    \
	"diff --git a/a.c b/a.c\n"                                                                 \
	"index 1111111..2222222 100644\n"                                                          \
	"--- a/a.c\n"                                                                              \
	"+++ b/a.c\n"                                                                              \
	"@@ -1,3 +1,4 @@\n"                                                                        \
	" one\n"                                                                                   \
	"-two\n"                                                                                   \
	"+TWO\n"                                                                                   \
	"+2.5\n"                                                                                   \
	" three\n"

#define DIFF_RENAME                                                                                \
	"diff --git a/lib/old/name.c b/lib/new/name.c\n"                                           \
	"similarity index 100%\n"                                                                  \
	"rename from lib/old/name.c\n"                                                             \
	"rename to lib/new/name.c\n"

#define DIFF_DELETE                                                                                \
	"diff --git a/gone.txt b/gone.txt\n"                                                       \
	"deleted file mode 100644\n"                                                               \
	"index 3333333..0000000\n"                                                                 \
	"--- a/gone.txt\n"                                                                         \
	"+++ /dev/null\n"                                                                          \
	"@@ -1 +0,0 @@\n"                                                                          \
	"-bye\n"

#define DIFF_BINARY                                                                                \
	"diff --git a/img.png b/img.png\n"                                                         \
	"index 4444444..5555555 100644\n"                                                          \
	"Binary files a/img.png and b/img.png differ\n"

static void render_table(void *ctx)
{
	static const struct {
		const char *name, *diff, *want;
		int width;
	} table[] = {
		{ "one file, plural and singular", DIFF_AC,
		  " a.c | 3 ++-\n 1 file changed, 2 insertions(+), 1 deletion(-)\n", 80 },
		{ "pure rename: braces around the changed middle, 0 and no graph", DIFF_RENAME,
		  " lib/{old => new}/name.c | 0\n 1 file changed, 0 insertions(+), 0 deletions(-)\n", 80 },
		{ "deletion only: no insertions part", DIFF_DELETE,
		  " gone.txt | 1 -\n 1 file changed, 1 deletion(-)\n", 80 },
		{ "binary without sizes: Bin, not counted in the totals", DIFF_BINARY,
		  " img.png | Bin\n 1 file changed, 0 insertions(+), 0 deletions(-)\n", 80 },
		{ "several files: names padded to the longest", DIFF_AC DIFF_DELETE,
		  " a.c      | 3 ++-\n gone.txt | 1 -\n 2 files changed, 2 insertions(+), 2 deletions(-)\n", 80 },
		{ "too narrow: the name becomes .../tail from a slash", DIFF_RENAME,
		  " .../name.c       | 0\n 1 file changed, 0 insertions(+), 0 deletions(-)\n", 20 },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct pd_diffstat *s = NULL;
		int rc = pd_diffstat_compute(&s, ctx, table[i].diff, strlen(table[i].diff), NULL);
		tap_int(rc, 0, table[i].name);
		tap_str(rc == 0 ? pd_diffstat_render(ctx, s, table[i].width) : NULL, table[i].want,
			table[i].name);
	}
}

static void summary_table(void *ctx)
{
	static const struct {
		size_t f, i, d;
		const char *want;
	} table[] = {
		{ 0, 0, 0, " 0 files changed" },
		{ 1, 1, 1, " 1 file changed, 1 insertion(+), 1 deletion(-)" },
		{ 3, 10, 0, " 3 files changed, 10 insertions(+)" },
		{ 2, 0, 7, " 2 files changed, 7 deletions(-)" },
		{ 1, 0, 0, " 1 file changed, 0 insertions(+), 0 deletions(-)" },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		tap_str(pd_diffstat_summary(ctx, table[i].f, table[i].i, table[i].d), table[i].want,
			table[i].want);
}

static void compare_table(void *ctx)
{
	static const char *const verdict[] = { "absent", "equal", "stale" };
	static const struct {
		const char *name, *diff, *sent, *want;
	} table[] = {
		{ "no sent diffstat", DIFF_AC, NULL, "absent" },
		{ "the same", DIFF_AC, " a.c | 3 ++-\n 1 file changed, 2 insertions(+), 1 deletion(-)\n",
		  "equal" },
		{ "old git's plural spelling, CRLF", DIFF_AC,
		  " a.c |    3 ++-\r\n 1 files changed, 2 insertions(+), 1 deletions(-)\r\n", "equal" },
		{ "totals edited by hand", DIFF_AC,
		  " a.c | 3 ++-\n 1 file changed, 3 insertions(+), 1 deletion(-)\n",
		  "stale: sent 1/+3/-1, computed 1/+2/-1" },
		{ "a file line that the diff lacks", DIFF_AC,
		  " b.c | 3 ++-\n 1 file changed, 2 insertions(+), 1 deletion(-)\n",
		  "stale: b.c: not in the diff" },
		{ "a file line with another count", DIFF_AC DIFF_DELETE,
		  " a.c      | 4 +++-\n gone.txt | 1 -\n 2 files changed, 2 insertions(+), 2 deletions(-)\n",
		  "stale: a.c: sent 4 changes, computed 3" },
		{ "an abbreviated name matches its tail", DIFF_RENAME,
		  " .../{old => new}/name.c | 0\n 1 file changed, 0 insertions(+), 0 deletions(-)\n",
		  "equal" },
		{ "binary Bin line", DIFF_BINARY,
		  " img.png | Bin 1234 -> 2345 bytes\n 1 file changed, 0 insertions(+), 0 deletions(-)\n",
		  "equal" },
		{ "file lines without the summary", DIFF_AC DIFF_DELETE, " a.c      | 3 ++-\n",
		  "stale: sent 1 file lines, computed 2 files" },
		{ "create mode lines are skipped", DIFF_DELETE,
		  " gone.txt | 1 -\n 1 file changed, 1 deletion(-)\n delete mode 100644 gone.txt\n", "equal" },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct pd_diffstat *s = NULL;
		struct pd_sent_diffstat *sent = NULL;
		char *why = NULL;
		pd_diffstat_compute(&s, ctx, table[i].diff, strlen(table[i].diff), NULL);
		pd_diffstat_parse_sent(&sent, ctx, table[i].sent);
		enum pd_diffstat_verdict v = pd_diffstat_compare(s, sent, ctx, &why);
		tap_str(talloc_asprintf(ctx, "%s%s%s", verdict[v], why ? ": " : "", why ? why : ""),
			table[i].want, table[i].name);
	}
}

static void errors(void *ctx)
{
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_diffstat *s = (void *)1;
	static const char broken[] = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n";
	tap_int(pd_diffstat_compute(&s, ctx, broken, strlen(broken), &err), PD_E_DIFF,
		"a broken hunk is PD_E_DIFF");
	tap_str(pd_err_msg(&err),
		"the diff does not parse: invalid patch hunk, expected 3 old lines and 3 new lines",
		"with libgit2's reason");
	tap_result(s == NULL, "and no result");
	tap_int(pd_diffstat_compute(&s, ctx, "just words\n", 11, &err), PD_E_DIFF,
		"text without a diff is PD_E_DIFF");
	tap_str(pd_status_name(PD_E_DIFF), "DIFF", "the code has its name");
}

int main(void)
{
	git_libgit2_init();
	void *ctx = talloc_new(NULL);
	render_table(ctx);
	summary_table(ctx);
	compare_table(ctx);
	errors(ctx);
	talloc_free(ctx);
	git_libgit2_shutdown();
	return tap_done();
}
