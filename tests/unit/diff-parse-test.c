/* Diffs with empty files created or deleted, which libgit2 alone refuses
 * (src/diff_parse.h): the lines added, as a table, and libgit2 then reads
 * every file of them. */
#include "config.h"

#include <git2.h>
#include <string.h>
#include <talloc.h>

#include "diff_parse.h"
#include "diffstat.h"
#include "tap.h"

#define EMPTY_NEW(p) "diff --git a/" p " b/" p "\nnew file mode 100644\nindex 0000000..e69de29\n"
#define EMPTY_DEL(p) "diff --git a/" p " b/" p "\ndeleted file mode 100644\nindex e69de29..0000000\n"
#define ADD(p)                                                                 \
	"diff --git a/" p " b/" p "\nnew file mode 100644\nindex 0000000..e612900\n" \
	"--- /dev/null\n+++ b/" p "\n@@ -0,0 +1 @@\n+x\n"

int main(void)
{
	git_libgit2_init();
	static const struct {
		const char *name, *in, *out; /* out NULL: nothing to add */
		size_t files;
	} cases[] = {
		{ "an ordinary diff: nothing added", ADD("f"), NULL, 1 },
		{ "an empty new file before another file", EMPTY_NEW("e") ADD("f"),
		  EMPTY_NEW("e") "--- /dev/null\n+++ b/e\n" ADD("f"), 2 },
		{ "an empty new file last", ADD("f") EMPTY_NEW("e"),
		  ADD("f") EMPTY_NEW("e") "--- /dev/null\n+++ b/e\n", 2 },
		{ "an empty file deleted", EMPTY_DEL("e") ADD("f"),
		  EMPTY_DEL("e") "--- a/e\n+++ /dev/null\n" ADD("f"), 2 },
		{ "a path with spaces", EMPTY_NEW("a b/c d") ADD("f"),
		  EMPTY_NEW("a b/c d") "--- /dev/null\n+++ b/a b/c d\n" ADD("f"), 2 },
		{ "a quoted path",
		  "diff --git \"a/t\\303\\251\" \"b/t\\303\\251\"\nnew file mode 100644\nindex 0000000..e69de29\n",
		  "diff --git \"a/t\\303\\251\" \"b/t\\303\\251\"\nnew file mode 100644\nindex 0000000..e69de29\n"
		  "--- /dev/null\n+++ \"b/t\\303\\251\"\n", 1 },
		{ "no newline at the very end", "diff --git a/e b/e\nnew file mode 100644\nindex 0000000..e69de29",
		  "diff --git a/e b/e\nnew file mode 100644\nindex 0000000..e69de29\n--- /dev/null\n+++ b/e\n", 1 },
		{ "a binary new file is left alone",
		  "diff --git a/b b/b\nnew file mode 100644\nindex 0000000..e69de29\nGIT binary patch\nliteral 0\n"
		  "HcmV?d00001\n\nliteral 0\nHcmV?d00001\n\n", NULL, 1 },
		{ "a mode change is left alone", "diff --git a/m b/m\nold mode 100644\nnew mode 100755\n" ADD("f"), NULL, 2 },
		{ "a rename is left alone",
		  "diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\n" ADD("f"), NULL, 2 },
	};
	void *ctx = talloc_new(NULL);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].in);
		tap_str(pd_diff_normalise(ctx, cases[i].in, len), cases[i].out, cases[i].name);
		git_diff *d = NULL;
		int rc = pd_diff_parse(&d, cases[i].in, len);
		tap_int(rc == 0 ? (long long)git_diff_num_deltas(d) : -1, (long long)cases[i].files,
			talloc_asprintf(ctx, "%s: libgit2 reads every file", cases[i].name));
		git_diff_free(d);
	}
	static const struct {
		const char *name, *in, *out;
	} as_git[] = {
		{ "an empty new file: no ---/+++",
		  EMPTY_NEW("e") "--- /dev/null\n+++ b/e\n" ADD("f"), EMPTY_NEW("e") ADD("f") },
		{ "an empty deleted file: no ---/+++", EMPTY_DEL("e") "--- a/e\n+++ /dev/null\n",
		  EMPTY_DEL("e") },
		{ "a binary renamed unchanged: no Binary line",
		  "diff --git a/x.bin b/y.bin\nsimilarity index 100%\nrename from x.bin\nrename to y.bin\n"
		  "Binary files a/x.bin and b/y.bin differ\n",
		  "diff --git a/x.bin b/y.bin\nsimilarity index 100%\nrename from x.bin\nrename to y.bin\n" },
		{ "a binary changed keeps its line",
		  "diff --git a/x.bin b/x.bin\nindex 1111111..2222222 100644\nBinary files a/x.bin and b/x.bin differ\n",
		  "diff --git a/x.bin b/x.bin\nindex 1111111..2222222 100644\nBinary files a/x.bin and b/x.bin differ\n" },
		{ "a new file with content keeps its lines", ADD("f"), ADD("f") },
	};
	for (size_t i = 0; i < sizeof(as_git) / sizeof(as_git[0]); i++)
		tap_str(pd_diff_as_git(ctx, as_git[i].in, strlen(as_git[i].in)), as_git[i].out, as_git[i].name);

	static const struct {
		const char *name, *in, *path;
	} binary[] = {
		{ "a binary deleted without data, ids cut short: refused as git refuses",
		  EMPTY_DEL("e") "diff --git a/x.bin b/x.bin\ndeleted file mode 100644\nindex 7075435..0000000\n"
		  "Binary files a/x.bin and /dev/null differ\n", "x.bin" },
		{ "a binary change with both ids whole: git can apply it",
		  "diff --git a/x.bin b/x.bin\nindex 7075435f6268c4d815aec093d61e26647666ba76.."
		  "556e3c8142d5d85dba5b557474907f9f9dd99dcb 100644\nBinary files a/x.bin and b/x.bin differ\n", NULL },
		{ "a binary patch with its data: applied", "diff --git a/b b/b\nnew file mode 100644\n"
		  "index 0000000..e69de29\nGIT binary patch\nliteral 0\nHcmV?d00001\n\nliteral 0\nHcmV?d00001\n\n", NULL },
		{ "no binary at all", ADD("f"), NULL },
	};
	for (size_t i = 0; i < sizeof(binary) / sizeof(binary[0]); i++)
		tap_str(pd_diff_binary_unappliable(ctx, binary[i].in, strlen(binary[i].in)), binary[i].path,
			binary[i].name);

	/* What a real kmod series sent (two empty index files among others):
	 * its diffstat counts them as git does. */
	const char *real = EMPTY_NEW("modules.builtin.bin") ADD("modules.dep") EMPTY_NEW("modules.devname");
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_diffstat *s = NULL;
	tap_int(pd_diffstat_compute(&s, ctx, real, strlen(real), &err), 0, "the diffstat of a diff with empty files");
	tap_str(s != NULL ? pd_diffstat_render(ctx, s, 80) : NULL,
		" modules.builtin.bin | 0\n modules.dep         | 1 +\n modules.devname     | 0\n"
		" 3 files changed, 1 insertion(+)\n",
		"it names the empty files, as git's does");
	talloc_free(ctx);
	git_libgit2_shutdown();
	return tap_done();
}
