/* The pure guards against hostile mail, as tables: which paths a patch may
 * write (patch_paths) and how mail text is shown (visible). */
#include "config.h"

#include <talloc.h>

#include "patch_paths.h"
#include "tap.h"
#include "visible.h"

/* A one-file diff whose header lines name path (after a/ and b/). */
#define ADD(path)                                                              \
	"diff --git a/" path " b/" path "\nnew file mode 100644\nindex 0000000..257cc56\n" \
	"--- /dev/null\n+++ b/" path "\n@@ -0,0 +1 @@\n+foo\n"
#define LINK(path, target)                                                     \
	"diff --git a/" path " b/" path "\nnew file mode 120000\nindex 0000000..257cc56\n" \
	"--- /dev/null\n+++ b/" path "\n@@ -0,0 +1 @@\n+" target "\n\\ No newline at end of file\n"

int main(void)
{
	static const struct {
		const char *name, *diff, *err;
	} paths[] = {
		{ "a plain new file", ADD("drivers/net/x.c"), NULL },
		{ "a dotfile", ADD(".gitignore"), NULL },
		{ "a name with dots", ADD("a..b/c...d"), NULL },
		{ "..", ADD("../../etc/x"), "the path '../../etc/x' leaves the tree" },
		{ ".. in the middle", ADD("a/../../x"), "the path 'a/../../x' leaves the tree" },
		{ "absolute", ADD("/etc/passwd"), "the path '/etc/passwd' is absolute" },
		{ "into .git", ADD(".git/hooks/post-checkout"),
		  "the path '.git/hooks/post-checkout' writes into .git" },
		{ ".GIT on a case-folding file system", ADD("sub/.GIT/config"),
		  "the path 'sub/.GIT/config' writes into .git" },
		{ "git~1, the 8.3 name", ADD("GIT~1/config"), "the path 'GIT~1/config' writes into .git" },
		{ ".git. with a trailing dot", ADD(".git./config"), "the path '.git./config' writes into .git" },
		{ ".github is not .git", ADD(".github/workflows/x"), NULL },
		{ "an empty component", ADD("a//b"), "the path 'a//b' has an empty component" },
		{ "a . component", ADD("./x"), "the path './x' has a '.' component" },
		{ "only in the --- line",
		  "diff --git a/x b/x\n--- a/../x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
		  "the path '../x' leaves the tree" },
		{ "a quoted path with a newline",
		  "diff --git \"a/x\\ny\" \"b/x\\ny\"\n--- \"a/x\\ny\"\n+++ \"b/x\\ny\"\n@@ -1 +1 @@\n-a\n+b\n",
		  "the path 'x\ny' holds a control character" },
		{ "a quoted path with octal escapes",
		  "diff --git \"a/caf\\303\\251.c\" \"b/caf\\303\\251.c\"\n--- \"a/caf\\303\\251.c\"\n"
		  "+++ \"b/caf\\303\\251.c\"\n@@ -1 +1 @@\n-a\n+b\n", NULL },
		{ "a quoted path whose escapes spell ..",
		  "diff --git \"a/x\" \"b/x\"\n--- \"a/x\"\n+++ \"b/.\\056\\057x\"\n@@ -1 +1 @@\n-a\n+b\n",
		  "the path '../x' leaves the tree" },
		{ "rename to outside",
		  "diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to ../y\n",
		  "the path '../y' leaves the tree" },
		{ "copy from .git",
		  "diff --git a/x b/y\nsimilarity index 100%\ncopy from .git/config\ncopy to y\n",
		  "the path '.git/config' writes into .git" },
		{ "removed lines that look like headers",
		  "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1 @@\n--- /etc/passwd\n-+++ ../x\n a\n", NULL },
		{ "a link in the tree", LINK("include/asm", "../arch/x86/include/asm"), NULL },
		{ "a link to an absolute path", LINK("lnk", "/etc/passwd"),
		  "the path 'lnk' is a symbolic link to an absolute path ('/etc/passwd')" },
		{ "a link out of the tree", LINK("a/lnk", "../../outside"),
		  "the path 'a/lnk' is a symbolic link that leaves the tree ('../../outside')" },
		{ "a link that climbs and comes back", LINK("a/b/lnk", "../../a/../c"), NULL },
		{ "a link into .git", LINK("lnk", ".git/hooks"),
		  "the path 'lnk' is a symbolic link into .git ('.git/hooks')" },
		{ "a file made a link",
		  "diff --git a/f b/f\nold mode 100644\nnew mode 120000\nindex 1111111..2222222\n"
		  "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-text\n+/etc\n",
		  "the path 'f' is a symbolic link to an absolute path ('/etc')" },
		{ "a link retargeted",
		  "diff --git a/l b/l\nindex 1111111..2222222 120000\n--- a/l\n+++ b/l\n@@ -1 +1 @@\n"
		  "-inside\n\\ No newline at end of file\n+../up\n\\ No newline at end of file\n",
		  "the path 'l' is a symbolic link that leaves the tree ('../up')" },
		{ "a link made a file",
		  "diff --git a/f b/f\nold mode 120000\nnew mode 100644\nindex 1111111..2222222\n"
		  "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-/etc\n+text\n", NULL },
		{ "a submodule",
		  "diff --git a/sub b/sub\nnew file mode 160000\nindex 0000000..1234567\n--- /dev/null\n"
		  "+++ b/sub\n@@ -0,0 +1 @@\n+Subproject commit 1234567\n",
		  "the path 'sub' is a submodule: patchdeck applies no submodule changes (use git am)" },
		{ "a deleted file", "diff --git a/x b/x\ndeleted file mode 100644\n--- a/x\n+++ /dev/null\n", NULL },
		{ "CRLF lines", "diff --git a/x b/x\r\n--- a/x\r\n+++ b/../x\r\n", "the path '../x' leaves the tree" },
		{ "no diff at all", "", NULL },
	};
	void *ctx = talloc_new(NULL);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct pd_err err;
		pd_err_init(&err, ctx);
		int rc = pd_patch_paths_check(paths[i].diff, &err);
		tap_str(rc == PD_OK ? NULL : pd_err_msg(&err), paths[i].err, paths[i].name);
	}

	static const struct {
		const char *in, *out, *out_lines;
	} shown[] = {
		{ "plain text", "plain text", "plain text" },
		{ "red \x1b[31mX\x1b[0m", "red ^[[31mX^[[0m", "red ^[[31mX^[[0m" },
		{ "title \x1b]0;pwned\x07", "title ^[]0;pwned^G", "title ^[]0;pwned^G" },
		{ "a\tb\nc\rd", "a^Ib^Jc^Md", "a\tb\nc^Md" },
		{ "del\x7f", "del^?", "del^?" },
		{ "C1 \xc2\x9b" "31m", "C1 <U+009B>31m", "C1 <U+009B>31m" },
		{ "bidi \xe2\x80\xae" "cba", "bidi <U+202E>cba", "bidi <U+202E>cba" },
		{ "isolate \xe2\x81\xa6x", "isolate <U+2066>x", "isolate <U+2066>x" },
		{ "zero\xe2\x80\x8bwidth", "zero<U+200B>width", "zero<U+200B>width" },
		{ "bom \xef\xbb\xbf", "bom <U+FEFF>", "bom <U+FEFF>" },
		{ "soft\xc2\xadhyphen", "soft<U+00AD>hyphen", "soft<U+00AD>hyphen" },
		{ "tag \xf3\xa0\x80\x81", "tag <U+E0001>", "tag <U+E0001>" },
		{ "Dörte Ünicode ☃ 漢字", "Dörte Ünicode ☃ 漢字", "Dörte Ünicode ☃ 漢字" },
		{ "nbsp\xc2\xa0ok", "nbsp\xc2\xa0ok", "nbsp\xc2\xa0ok" },
		{ "bad \xff\xfe bytes", "bad ?? bytes", "bad ?? bytes" },
		{ "overlong \xc0\xaf", "overlong ??", "overlong ??" },
		{ "surrogate \xed\xa0\x80", "surrogate ???", "surrogate ???" },
		{ "cut \xe2\x82", "cut ??", "cut ??" },
	};
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		/* (The raw input would drive the terminal of whoever reads
		 * the log.) */
		const char *name = talloc_asprintf(ctx, "shown: %s", shown[i].out);
		tap_str(pd_visible(ctx, shown[i].in, false), shown[i].out, name);
		tap_str(pd_visible(ctx, shown[i].in, true), shown[i].out_lines,
			talloc_asprintf(ctx, "%s (lines kept)", name));
	}
	talloc_free(ctx);
	return tap_done();
}
