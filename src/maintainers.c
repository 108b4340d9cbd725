#include "config.h"

#include "maintainers.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

static size_t slashes(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '/';
	return k;
}

/* Whether pattern p (n bytes: '*' any run, '?' one character) matches a
 * prefix of path ending at some point; as get_maintainer's regex ^P. */
static bool prefix_glob(const char *p, size_t n, const char *path, size_t *end)
{
	if (n == 0) {
		*end = 0;
		return true;
	}
	if (*p == '*') {
		/* Longest first, as a greedy .* would settle, though any end
		 * will do for the callers' tests. */
		size_t len = strlen(path);
		for (size_t i = len + 1; i-- > 0;) {
			size_t e;
			if (prefix_glob(p + 1, n - 1, path + i, &e)) {
				*end = i + e;
				return true;
			}
		}
		return false;
	}
	if (*path == '\0' || (*p != '?' && *p != *path))
		return false;
	size_t e;
	if (!prefix_glob(p + 1, n - 1, path + 1, &e))
		return false;
	*end = e + 1;
	return true;
}

static bool file_match(const char *pattern, const char *path,
		       bool (*is_dir)(void *, const char *), void *arg)
{
	size_t n = strlen(pattern);
	while (n > 0 && (pattern[n - 1] == ' ' || pattern[n - 1] == '\t'))
		n--;
	if (n == 0)
		return false;
	size_t end;
	if (pattern[n - 1] == '/')
		return prefix_glob(pattern, n, path, &end);
	/* A directory named without its '/': get_maintainer adds one. */
	if (is_dir != NULL && strpbrk(pattern, "*?") == NULL) {
		char *p = talloc_strndup(NULL, pattern, n);
		bool dir = p != NULL && is_dir(arg, p);
		talloc_free(p);
		if (dir)
			return strncmp(path, pattern, n) == 0 && path[n] == '/';
	}
	return prefix_glob(pattern, n, path, &end) && slashes(path, strlen(path)) == slashes(pattern, n);
}

/* get_maintainer.pl's rank of an F: pattern: its '/'s, one more for a
 * file pattern, -1 for one starting with a wildcard (THE REST's). */
static int pattern_depth(const char *value)
{
	size_t n = strlen(value);
	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t'))
		n--;
	if (n > 0 && value[0] == '*')
		return -1;
	return (int)slashes(value, n) + (n > 0 && value[n - 1] != '/');
}

static bool regex_match(const char *pattern, const char *path)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	bool m = regexec(&re, path, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

static bool push(const char ***v, size_t *n, void *ctx, const char *s)
{
	const char **nv = talloc_realloc(ctx, *v, const char *, *n + 1);
	if (nv == NULL)
		return false;
	nv[(*n)++] = s;
	*v = nv;
	return true;
}

static int by_depth(const void *a, const void *b)
{
	const struct pd_maint_section *x = a, *y = b;
	return (y->depth > x->depth) - (y->depth < x->depth);
}

long pd_maintainers_for(struct pd_maint_section **out, void *ctx, const char *text,
			const char *path, bool (*is_dir)(void *arg, const char *path),
			void *arg)
{
	*out = NULL;
	void *tmp = talloc_new(NULL);
	char *copy = talloc_strdup(tmp, text);
	struct pd_maint_section *v = talloc_array(tmp, struct pd_maint_section, 1);
	size_t n = 0;
	if (copy == NULL || v == NULL)
		goto nomem;
	struct pd_maint_section cur = { 0 };
	bool in = false, excluded = false;
	char *prev = NULL;
	for (char *line = copy; line != NULL;) {
		char *nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		bool tag = line[0] >= 'A' && line[0] <= 'Z' && line[1] == ':';
		if (tag && !in) {
			cur = (struct pd_maint_section){ .title = prev != NULL ? prev : "", .depth = -2 };
			in = true;
			excluded = false;
		}
		if (tag) {
			char *value = line + 2;
			while (*value == ' ' || *value == '\t')
				value++;
			bool ok = true;
			switch (line[0]) {
			case 'M':
				ok = push(&cur.m, &cur.nm, tmp, value);
				break;
			case 'R':
				ok = push(&cur.r, &cur.nr, tmp, value);
				break;
			case 'L':
				ok = push(&cur.l, &cur.nl, tmp, value);
				break;
			case 'S':
				cur.status = value;
				break;
			case 'F':
				if (file_match(value, path, is_dir, arg) &&
				    pattern_depth(value) > cur.depth) {
					cur.depth = pattern_depth(value);
					cur.matched = line;
				}
				break;
			case 'N':
				if (cur.depth < 0 && regex_match(value, path)) {
					cur.depth = 0;
					cur.matched = line;
				}
				break;
			case 'X':
				excluded = excluded || file_match(value, path, is_dir, arg);
				break;
			default:
				break;
			}
			if (!ok)
				goto nomem;
		}
		if ((!tag || nl == NULL) && in) {
			in = false;
			if (cur.matched != NULL && !excluded) {
				struct pd_maint_section *nv =
					talloc_realloc(tmp, v, struct pd_maint_section, n + 1);
				if (nv == NULL)
					goto nomem;
				v = nv;
				v[n++] = cur;
			}
		}
		prev = tag ? prev : line;
		line = nl != NULL ? nl + 1 : NULL;
	}
	/* Stable: equal depths keep the file's order. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && by_depth(&v[j - 1], &v[j]) > 0; j--) {
			struct pd_maint_section t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*out = talloc_steal(ctx, v);
	talloc_steal(*out, tmp);
	return (long)n;
nomem:
	talloc_free(tmp);
	return -1;
}
