#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "patch_paths.h"

/* One path of a diff line: a C-quoted "..." path unquoted, else the text up
 * to the end (a tab ends it: what follows is a timestamp). NULL for
 * /dev/null. */
static char *line_path(void *ctx, const char *s, const char *end)
{
	if (s < end && *s == '"') {
		char *out = talloc_strdup(ctx, "");
		for (s++; out != NULL && s < end && *s != '"'; s++) {
			char c = *s;
			if (c == '\\' && s + 1 < end) {
				s++;
				switch (*s) {
				case 'n': c = '\n'; break;
				case 't': c = '\t'; break;
				case 'a': c = '\a'; break;
				case 'b': c = '\b'; break;
				case 'f': c = '\f'; break;
				case 'r': c = '\r'; break;
				case 'v': c = '\v'; break;
				default:
					if (*s >= '0' && *s <= '3' && s + 2 < end) {
						c = (char)((s[0] - '0') << 6 | (s[1] - '0') << 3 | (s[2] - '0'));
						s += 2;
					} else {
						c = *s;
					}
				}
			}
			out = talloc_strndup_append(out, &c, 1);
		}
		return out;
	}
	const char *tab = memchr(s, '\t', (size_t)(end - s));
	if (tab != NULL)
		end = tab;
	char *p = talloc_strndup(ctx, s, (size_t)(end - s));
	return p != NULL && strcmp(p, "/dev/null") == 0 ? NULL : p;
}

/* ".git", and the names that are .git on case-folding or 8.3 file
 * systems: ".GIT", ".git.", ".git ", "git~1". */
static bool is_dotgit(const char *c, size_t n)
{
	if (n == 5 && strncasecmp(c, "git~1", 5) == 0)
		return true;
	if (n < 4 || strncasecmp(c, ".git", 4) != 0)
		return false;
	for (size_t i = 4; i < n; i++)
		if (c[i] != '.' && c[i] != ' ')
			return false;
	return true;
}

/* Why path may not be written, or NULL. */
static const char *bad_path(const char *path)
{
	if (*path == '\0')
		return "is empty";
	if (*path == '/')
		return "is absolute";
	for (const char *c = path; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return "holds a control character";
	for (const char *c = path; *c;) {
		const char *slash = strchr(c, '/');
		size_t n = slash != NULL ? (size_t)(slash - c) : strlen(c);
		if (n == 0)
			return "has an empty component";
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return "leaves the tree";
		if (n == 1 && c[0] == '.')
			return "has a '.' component";
		if (is_dotgit(c, n))
			return "writes into .git";
		c += n + (slash != NULL);
		if (slash != NULL && *c == '\0')
			return "ends with '/'";
	}
	return NULL;
}

/* Whether the symbolic link at path pointing to target stays in the tree. */
static const char *bad_link(const char *path, const char *target)
{
	if (*target == '\0')
		return "is an empty symbolic link";
	if (*target == '/')
		return "is a symbolic link to an absolute path";
	int depth = 0;
	for (const char *c = path; *c; c++)
		if (*c == '/')
			depth++;
	for (const char *c = target; *c;) {
		const char *slash = strchr(c, '/');
		size_t n = slash != NULL ? (size_t)(slash - c) : strlen(c);
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (--depth < 0)
				return "is a symbolic link that leaves the tree";
		} else if (n > 0 && !(n == 1 && c[0] == '.')) {
			if (is_dotgit(c, n))
				return "is a symbolic link into .git";
			depth++;
		}
		c += n + (slash != NULL);
	}
	return NULL;
}

struct check {
	void *ctx;
	struct pd_err *err;
	char *file;      /* the current file's path, after the a/ b/ prefix */
	bool link;       /* it becomes a symbolic link */
	char *target;    /* the link's target, from its hunk */
};

static int refuse(struct check *c, const char *path, const char *why)
{
	return pd_err_set(c->err, PD_E_DIFF, "the path '%s' %s", path, why);
}

/* Checks a path of a line; strip: the a/ or b/ prefix to remove. */
static int check_path(struct check *c, const char *s, const char *end, bool strip)
{
	char *p = line_path(c->ctx, s, end);
	if (p == NULL)
		return PD_OK;
	const char *q = p;
	if (strip && (strncmp(q, "a/", 2) == 0 || strncmp(q, "b/", 2) == 0))
		q += 2;
	const char *why = bad_path(q);
	if (why != NULL)
		return refuse(c, q, why);
	if (!strip || s[0] != '-') {
		talloc_free(c->file);
		c->file = talloc_strdup(c->ctx, q);
	}
	return PD_OK;
}

static int end_file(struct check *c)
{
	int rc = PD_OK;
	if (c->link && c->file != NULL) {
		const char *why = bad_link(c->file, c->target != NULL ? c->target : "");
		if (why != NULL)
			rc = pd_err_set(c->err, PD_E_DIFF, "the path '%s' %s ('%s')", c->file, why,
					c->target != NULL ? c->target : "");
	}
	c->link = false;
	talloc_free(c->target);
	c->target = NULL;
	return rc;
}

static bool starts(const char *s, const char *end, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if ((size_t)(end - s) < n || memcmp(s, prefix, n) != 0)
		return false;
	*rest = s + n;
	return true;
}

int pd_patch_paths_check(const char *diff, struct pd_err *err)
{
	struct check c = { .ctx = talloc_new(NULL), .err = err };
	int rc = c.ctx != NULL ? PD_OK : pd_err_set(err, PD_E_NOMEM, "out of memory");
	bool in_hunk = false;
	for (const char *s = diff; rc == PD_OK && s != NULL && *s;) {
		const char *nl = strchr(s, '\n');
		const char *end = nl != NULL ? nl : s + strlen(s);
		if (end > s && end[-1] == '\r')
			end--;
		const char *r;
		if (starts(s, end, "diff --git ", &r)) {
			rc = end_file(&c);
			in_hunk = false;
			/* "a/X b/Y": the --- and +++ lines name the same paths
			 * unambiguously; here only a quoted or space-free pair
			 * is checked, which is what git itself can split. */
			const char *sp = r < end && *r != '"' ? memchr(r, ' ', (size_t)(end - r)) : NULL;
			if (rc == PD_OK && sp != NULL && memchr(sp + 1, ' ', (size_t)(end - sp - 1)) == NULL) {
				rc = check_path(&c, r, sp, true);
				if (rc == PD_OK)
					rc = check_path(&c, sp + 1, end, true);
			}
		} else if (!in_hunk && (starts(s, end, "--- ", &r) || starts(s, end, "+++ ", &r))) {
			rc = check_path(&c, r, end, true);
		} else if (!in_hunk && (starts(s, end, "rename from ", &r) ||
					starts(s, end, "rename to ", &r) ||
					starts(s, end, "copy from ", &r) || starts(s, end, "copy to ", &r))) {
			rc = check_path(&c, r, end, false);
		} else if (!in_hunk && (starts(s, end, "new file mode ", &r) ||
					starts(s, end, "new mode ", &r) || starts(s, end, "index ", &r) ||
					starts(s, end, "deleted file mode ", &r) ||
					starts(s, end, "old mode ", &r))) {
			/* The mode is the line's last word (index lines carry it
			 * when it does not change). */
			const char *mode = end;
			while (mode > r && mode[-1] != ' ')
				mode--;
			bool sub = end - mode == 6 && memcmp(mode, "160000", 6) == 0;
			bool lnk = end - mode == 6 && memcmp(mode, "120000", 6) == 0;
			/* What the file becomes: the new mode, or the one an
			 * index line keeps. */
			bool becomes = s[0] == 'n' || s[0] == 'i';
			if (sub)
				rc = pd_err_set(err, PD_E_DIFF,
						"the path '%s' is a submodule: patchdeck applies no "
						"submodule changes (use git am)",
						c.file != NULL ? c.file : "?");
			else if (lnk && becomes)
				c.link = true;
		} else if (starts(s, end, "@@ ", &r)) {
			in_hunk = true;
		} else if (in_hunk && c.link && s < end && s[0] == '+') {
			talloc_free(c.target);
			c.target = talloc_strndup(c.ctx, s + 1, (size_t)(end - s - 1));
		}
		s = nl != NULL ? nl + 1 : NULL;
	}
	if (rc == PD_OK)
		rc = end_file(&c);
	talloc_free(c.ctx);
	return rc;
}
