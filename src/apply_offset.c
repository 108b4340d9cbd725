#include "config.h"

#include "apply_offset.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "diff_parse.h"

/* A file's lines (pointers into its text, each without its '\n'). */
struct lines {
	const char **s;
	size_t *len;
	size_t n;
};

static int split(struct lines *out, void *ctx, const char *text, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; i < size; i++)
		n += text[i] == '\n';
	n += size > 0 && text[size - 1] != '\n';
	out->s = talloc_array(ctx, const char *, n + 1);
	out->len = talloc_array(ctx, size_t, n + 1);
	if (out->s == NULL || out->len == NULL)
		return -1;
	out->n = 0;
	for (size_t i = 0; i < size;) {
		const char *nl = memchr(text + i, '\n', size - i);
		size_t end = nl != NULL ? (size_t)(nl - text) : size;
		out->s[out->n] = text + i;
		out->len[out->n++] = end - i;
		i = end + 1;
	}
	return 0;
}

/* The line at *pos of the diff text and its length; moves *pos past it. */
static const char *next_line(const char *diff, size_t *pos, size_t *len)
{
	if (diff[*pos] == '\0')
		return NULL;
	const char *l = diff + *pos;
	const char *nl = strchr(l, '\n');
	*len = nl != NULL ? (size_t)(nl - l) : strlen(l);
	*pos += *len + (nl != NULL);
	return l;
}

/* The old and new ranges of the hunk header l, "@@ -a,b +c,d @@"; a
 * count left out (one line) leaves *b or *d as the caller set it. False
 * when l is no hunk header. */
static bool hunk_range(const char *l, size_t len, long *a, long *b, long *c, long *d)
{
	return len > 4 && strncmp(l, "@@ -", 4) == 0 &&
	       (sscanf(l, "@@ -%ld,%ld +%ld,%ld @@", a, b, c, d) == 4 ||
		sscanf(l, "@@ -%ld +%ld,%ld @@", a, c, d) == 3 ||
		sscanf(l, "@@ -%ld,%ld +%ld @@", a, b, c) == 3 ||
		sscanf(l, "@@ -%ld +%ld @@", a, c) == 2);
}

/* The preimage of the hunk whose body starts at pos in diff, b old and d
 * new lines long: its context and removed lines, as the file must hold
 * them. Fewer than b lines when the hunk is cut short; s NULL when out of
 * memory. */
static struct lines preimage(void *tmp, const char *diff, size_t pos, long b, long d)
{
	struct lines pre = { .s = talloc_array(tmp, const char *, (size_t)b + 1),
			     .len = talloc_array(tmp, size_t, (size_t)b + 1) };
	if (pre.s == NULL || pre.len == NULL) {
		pre.s = NULL;
		return pre;
	}
	long old_left = b, new_left = d;
	size_t bl;
	const char *h;
	while ((old_left > 0 || new_left > 0) && (h = next_line(diff, &pos, &bl)) != NULL) {
		if (*h == ' ' || *h == '-' || bl == 0) {
			if (old_left-- <= 0)
				break;
			pre.s[pre.n] = bl > 0 ? h + 1 : h;
			pre.len[pre.n++] = bl > 0 ? bl - 1 : 0;
		}
		if (*h == ' ' || *h == '+' || bl == 0)
			new_left--;
		else if (*h != '-' && *h != '\\')
			break;
	}
	return pre;
}

static bool matches(const struct lines *file, size_t at, const struct lines *pre)
{
	if (at + pre->n > file->n)
		return false;
	for (size_t i = 0; i < pre->n; i++)
		if (file->len[at + i] != pre->len[i] ||
		    memcmp(file->s[at + i], pre->s[i], pre->len[i]) != 0)
			return false;
	return true;
}

/* The nearest place at or after floor where pre matches, from want out in
 * both directions as git apply looks; -1 when none. */
static long nearest(const struct lines *file, size_t floor, size_t want, const struct lines *pre)
{
	if (want < floor)
		want = floor;
	for (size_t d = 0; want + d <= file->n || (d <= want && want - d >= floor); d++) {
		if (want + d <= file->n && matches(file, want + d, pre))
			return (long)(want + d);
		if (d > 0 && d <= want && want - d >= floor && matches(file, want - d, pre))
			return (long)(want - d);
	}
	return -1;
}

/* The path of a "--- a/PATH" line; NULL for /dev/null. */
static char *old_path(void *ctx, const char *l, size_t len)
{
	if (len < 4)
		return NULL;
	const char *p = l + 4;
	size_t n = len - 4;
	const char *tab = memchr(p, '\t', n);
	if (tab != NULL)
		n = (size_t)(tab - p);
	if (n == 9 && memcmp(p, "/dev/null", 9) == 0)
		return NULL;
	if (n > 2 && p[1] == '/')
		p += 2, n -= 2;
	return talloc_strndup(ctx, p, n);
}

static int load_file(struct lines *out, void *ctx, git_repository *git, git_tree *tree,
		     const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int rc = -1;
	if (git_tree_entry_bypath(&e, tree, path) == 0 &&
	    git_blob_lookup(&blob, git, git_tree_entry_id(e)) == 0) {
		size_t size = (size_t)git_blob_rawsize(blob);
		char *copy = talloc_size(ctx, size + 1);
		if (copy != NULL) {
			memcpy(copy, git_blob_rawcontent(blob), size);
			copy[size] = '\0';
		}
		rc = copy != NULL ? split(out, ctx, copy, size) : -1;
	}
	git_error_clear();
	git_blob_free(blob);
	git_tree_entry_free(e);
	return rc;
}

char *pd_diff_relocate(void *ctx, git_repository *git, git_tree *tree, const char *diff)
{
	void *tmp = talloc_new(NULL);
	char *out = talloc_strdup(tmp, "");
	struct lines file = { 0 };
	bool have_file = false, moved = false, failed = false;
	size_t floor = 0;
	long delta = 0, accum = 0;
	size_t pos = 0, len = 0;
	const char *l;
	while (out != NULL && !failed && (l = next_line(diff, &pos, &len)) != NULL) {
		long a, b = 1, c, d = 1;
		if (len > 4 && strncmp(l, "--- ", 4) == 0) {
			char *path = old_path(tmp, l, len);
			have_file = path != NULL && load_file(&file, tmp, git, tree, path) == 0;
			floor = 0;
			delta = accum = 0;
		} else if (have_file && hunk_range(l, len, &a, &b, &c, &d)) {
			struct lines pre = preimage(tmp, diff, pos, b, d);
			/* 0-based: the first old line; for an insertion (b 0) the
			 * line it goes before. */
			long at = b > 0 ? (a > 0 ? a - 1 : 0) : a;
			if (b > 0 && pre.s != NULL && (size_t)b == pre.n) {
				long want = at + delta < 0 ? 0 : at + delta;
				long found = nearest(&file, floor, (size_t)want, &pre);
				if (found < 0) {
					failed = true;
					break;
				}
				delta = found - at;
				at = found;
				floor = (size_t)found + pre.n;
			} else {
				at += delta;
			}
			moved = moved || delta != 0;
			const char *rest = strstr(l + 4, " @@");
			size_t rest_off = rest != NULL ? (size_t)(rest - l) + 3 : len;
			out = talloc_asprintf_append(out, "@@ -%ld,%ld +%ld,%ld @@%.*s\n",
						     b > 0 ? at + 1 : at, b,
						     d > 0 ? at + 1 + accum : at + accum, d,
						     (int)(len - rest_off), l + rest_off);
			accum += d - b;
			continue;
		}
		out = talloc_asprintf_append(out, "%.*s\n", (int)len, l);
	}
	char *res = out != NULL && moved && !failed ? talloc_steal(ctx, out) : NULL;
	talloc_free(tmp);
	return res;
}

int pd_diff_apply_moved(git_index **index, git_repository *git, git_tree *tree,
			const char *diff)
{
	/* The caller reports the first attempt's error: keep it. */
	const git_error *e = git_error_last();
	char *saved = e != NULL && e->message != NULL ? talloc_strdup(NULL, e->message) : NULL;
	int klass = e != NULL ? e->klass : 0;
	char *moved = pd_diff_relocate(NULL, git, tree, diff);
	git_diff *d = NULL;
	int code = moved != NULL ? pd_diff_parse(&d, moved, strlen(moved)) : -1;
	if (code == 0)
		code = git_apply_to_tree(index, git, tree, d, NULL);
	git_diff_free(d);
	talloc_free(moved);
	if (code != 0 && saved != NULL)
		git_error_set_str(klass, saved);
	talloc_free(saved);
	return code;
}

static int on_delta(const git_diff_delta *d, void *payload)
{
	struct pd_apply_where *w = payload;
	w->path = d->new_file.path != NULL && d->status != GIT_DELTA_DELETED ? d->new_file.path
									: d->old_file.path;
	w->hunk = 0;
	TALLOC_FREE(w->header);
	return 0;
}

static int on_hunk(const git_diff_hunk *h, void *payload)
{
	struct pd_apply_where *w = payload;
	w->hunk++;
	size_t len = h->header_len;
	while (len > 0 && (h->header[len - 1] == '\n' || h->header[len - 1] == '\r'))
		len--;
	talloc_free(w->header);
	w->header = talloc_strndup(w->ctx, h->header, len);
	return 0;
}

/* Whether the diff deletes path (a type change is sent as a deletion and
 * a creation of the same path, which git applies). */
static bool deletes(git_diff *diff, const char *path)
{
	for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if ((d->status == GIT_DELTA_DELETED || d->status == GIT_DELTA_RENAMED) &&
		    d->old_file.path != NULL && strcmp(d->old_file.path, path) == 0)
			return true;
	}
	return false;
}

/* The first file the diff creates (new, or the target of a rename or a
 * copy) that tree already has; NULL when none. libgit2 would overwrite
 * it; git apply and git am refuse it ("already exists in index"). */
static const char *creates_existing(git_diff *diff, git_tree *tree)
{
	for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *path = d->new_file.path;
		bool creates = d->status == GIT_DELTA_ADDED ||
			       ((d->status == GIT_DELTA_RENAMED || d->status == GIT_DELTA_COPIED) &&
				path != NULL && d->old_file.path != NULL &&
				strcmp(path, d->old_file.path) != 0);
		git_tree_entry *e = NULL;
		if (!creates || path == NULL || git_tree_entry_bypath(&e, tree, path) != 0) {
			git_error_clear();
			continue;
		}
		git_tree_entry_free(e);
		if (!deletes(diff, path))
			return path;
	}
	return NULL;
}

int pd_apply_diff(git_index **index, git_repository *git, git_tree *tree, git_diff *diff,
		  const char *text, struct pd_apply_where *where)
{
	const char *exists = creates_existing(diff, tree);
	if (exists != NULL) {
		where->path = exists;
		where->hunk = 0;
		git_error_set_str(GIT_ERROR_PATCH, "already exists in index");
		return GIT_EAPPLYFAIL;
	}
	/* git apply refuses it (the result cannot be known); libgit2
	 * would delete or keep the file unchecked. As git am does. */
	char *bin = pd_diff_binary_unappliable(where->ctx, text, strlen(text));
	if (bin != NULL) {
		where->path = bin;
		where->hunk = 0;
		git_error_set_str(GIT_ERROR_PATCH,
				  "a binary change without its data or full index line "
				  "(git apply refuses it too)");
		return GIT_EAPPLYFAIL;
	}
	git_apply_options ao;
	git_apply_options_init(&ao, GIT_APPLY_OPTIONS_VERSION);
	ao.delta_cb = on_delta;
	ao.hunk_cb = on_hunk;
	ao.payload = where;
	int code = git_apply_to_tree(index, git, tree, diff, &ao);
	if (code != 0 && pd_diff_apply_moved(index, git, tree, text) == 0)
		code = 0; /* its hunks moved, as git apply finds them */
	return code;
}

long pd_diff_hunk_line(const char *diff, const char *path, long old_start, long new_start,
		       const char *text, size_t size)
{
	void *tmp = talloc_new(NULL);
	struct lines file = { 0 };
	long result = -1;
	bool in_file = false;
	size_t pos = 0, len = 0;
	const char *l;
	if (tmp == NULL || split(&file, tmp, text, size) != 0)
		goto done;
	while ((l = next_line(diff, &pos, &len)) != NULL) {
		long a, b = 1, c, d = 1;
		if (len > 4 && strncmp(l, "--- ", 4) == 0) {
			char *p = old_path(tmp, l, len);
			in_file = p != NULL && strcmp(p, path) == 0;
			continue;
		}
		if (!in_file || !hunk_range(l, len, &a, &b, &c, &d) || a != old_start ||
		    c != new_start || b <= 0)
			continue;
		/* The hunk's preimage, found where git apply would look. */
		struct lines pre = preimage(tmp, diff, pos, b, d);
		if (pre.s != NULL && (size_t)b == pre.n) {
			long found = nearest(&file, 0, (size_t)(a > 0 ? a - 1 : 0), &pre);
			result = found >= 0 ? found + 1 : -1;
		}
		break;
	}
done:
	talloc_free(tmp);
	return result;
}
