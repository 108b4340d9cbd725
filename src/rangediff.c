#include "config.h"

#include "rangediff.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

/* ------------------------------------------------------------ the text */

/* A diff as git range-diff rewrites `git log -p` output (read_patches()
 * in git's range-diff.c): file headers become ` ## NAME ##`, hunk headers
 * lose their line numbers, everything else is kept. */
struct norm {
	void *ctx;
	char *text;       /* the diff part */
	long size;        /* its lines without the blank ones between files */
	char **files;
	size_t nfiles;
	bool nomem;
};

struct fhdr {
	char *old_name, *new_name;
	unsigned old_mode, new_mode;
	bool is_new, is_delete, is_rename, binary, open;
};

static void put(struct norm *n, const char *s, size_t len)
{
	if (n->text != NULL)
		n->text = talloc_strndup_append_buffer(n->text, s, len);
	if (n->text == NULL)
		n->nomem = true;
}

static void puts_(struct norm *n, const char *s)
{
	put(n, s, strlen(s));
}

static void add_file(struct norm *n, const char *name)
{
	if (name == NULL)
		return;
	for (size_t i = 0; i < n->nfiles; i++)
		if (strcmp(n->files[i], name) == 0)
			return;
	char **f = talloc_realloc(n->ctx, n->files, char *, n->nfiles + 1);
	char *copy = talloc_strdup(n->ctx, name);
	if (f == NULL || copy == NULL) {
		n->nomem = true;
		return;
	}
	n->files = f;
	n->files[n->nfiles++] = copy;
}

static bool starts(const char *s, size_t len, const char *prefix)
{
	size_t pl = strlen(prefix);
	return len >= pl && memcmp(s, prefix, pl) == 0;
}

/* A path from a header: C-quoted names unquoted, the first component
 * (`a/`, `b/`) dropped as git apply -p1 does; NULL for /dev/null. */
static char *path_of(void *ctx, const char *s, size_t len, bool strip)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	char *out = talloc_strdup(ctx, "");
	if (len > 0 && s[0] == '"') {
		for (size_t i = 1; out != NULL && i < len && s[i] != '"'; i++) {
			char c = s[i];
			if (c == '\\' && i + 1 < len) {
				c = s[++i];
				if (c >= '0' && c <= '7' && i + 2 < len) {
					c = (char)((s[i] - '0') * 64 + (s[i + 1] - '0') * 8 + (s[i + 2] - '0'));
					i += 2;
				} else if (c == 'n') {
					c = '\n';
				} else if (c == 't') {
					c = '\t';
				}
			}
			out = talloc_strndup_append_buffer(out, &c, 1);
		}
	} else {
		/* `--- a/x\t2024-01-01 ...`: a date after a tab */
		const char *tab = memchr(s, '\t', len);
		out = talloc_strndup(ctx, s, tab != NULL ? (size_t)(tab - s) : len);
	}
	if (out == NULL || strcmp(out, "/dev/null") == 0)
		return NULL;
	if (strip) {
		char *slash = strchr(out, '/');
		if (slash != NULL)
			memmove(out, slash + 1, strlen(slash + 1) + 1);
	}
	return out;
}

/* `diff --git a/NAME b/NAME`: the name when both halves agree. */
static char *git_line_name(void *ctx, const char *s, size_t len)
{
	if (len > 0 && s[0] == '"')
		return path_of(ctx, s, len, true);
	if ((len - 1) % 2 == 0 && len > 4) {
		size_t half = (len - 1) / 2;
		if (s[half] == ' ' && memcmp(s + 2, s + half + 3, half - 2) == 0)
			return path_of(ctx, s, half, true);
	}
	for (size_t i = len; i-- > 1;)
		if (s[i - 1] == ' ' && starts(s + i, len - i, "b/"))
			return path_of(ctx, s + i, len - i, true);
	return path_of(ctx, s, len, true);
}

static void flush_header(struct norm *n, struct fhdr *h)
{
	if (!h->open)
		return;
	h->open = false;
	const char *name = h->new_name != NULL ? h->new_name : h->old_name;
	if (name == NULL)
		name = "";
	if (*n->text != '\0')
		puts_(n, "\n");
	puts_(n, " ## ");
	if (h->is_new)
		puts_(n, talloc_asprintf(n->ctx, "%s (new)", name));
	else if (h->is_delete)
		puts_(n, talloc_asprintf(n->ctx, "%s (deleted)",
					 h->old_name != NULL ? h->old_name : name));
	else if (h->is_rename)
		puts_(n, talloc_asprintf(n->ctx, "%s => %s", h->old_name ? h->old_name : "",
					 name));
	else
		puts_(n, name);
	if (h->old_mode != 0 && h->new_mode != 0 && h->old_mode != h->new_mode)
		puts_(n, talloc_asprintf(n->ctx, " (mode change %06o => %06o)", h->old_mode,
					 h->new_mode));
	puts_(n, " ##\n");
	n->size++;
	add_file(n, h->old_name);
	add_file(n, h->new_name);
	if (h->binary) {
		puts_(n, talloc_asprintf(n->ctx, " Binary files %s and %s differ\n",
					 h->is_new ? "/dev/null" : h->old_name ? h->old_name : name,
					 h->is_delete ? "/dev/null" : name));
		n->size++;
	}
}

static long count_of(const char *s, const char **end)
{
	char *e = NULL;
	long start = strtol(s, &e, 10);
	long cnt = 1;
	(void)start;
	if (*e == ',')
		cnt = strtol(e + 1, &e, 10);
	*end = e;
	return cnt;
}

static unsigned mode_of(const char *s, size_t len)
{
	char *copy = strndup(s, len);
	unsigned m = copy != NULL ? (unsigned)strtoul(copy, NULL, 8) : 0;
	free(copy);
	return m;
}

static void normalize(struct norm *n, const char *diff)
{
	n->text = talloc_strdup(n->ctx, "");
	struct fhdr h = { 0 };
	const char *current = NULL; /* the file hunks belong to */
	long old_left = 0, new_left = 0;
	bool in_binary = false, in_hunk = false;
	for (const char *s = diff != NULL ? diff : ""; *s && !n->nomem;) {
		size_t len = strcspn(s, "\n");
		const char *next = s + len + (s[len] == '\n');
		if (len > 0 && s[len - 1] == '\r')
			len--;
		if (old_left > 0 || new_left > 0 || (in_hunk && len > 0 && s[0] == '\\')) {
			char c = len > 0 ? s[0] : ' ';
			if (c == '\\') {
				puts_(n, " ");
				put(n, s, len);
				puts_(n, "\n");
				n->size++;
				s = next;
				continue;
			}
			if (c == ' ' || c == '-' || c == '+') {
				old_left -= c != '+';
				new_left -= c != '-';
				put(n, len > 0 ? s : " ", len > 0 ? len : 1);
				puts_(n, "\n");
				n->size++;
				s = next;
				continue;
			}
			old_left = new_left = 0; /* a short hunk: read on as headers */
		}
		in_hunk = false;
		if (starts(s, len, "diff --git ")) {
			flush_header(n, &h);
			h = (struct fhdr){ .open = true };
			in_binary = false;
			h.new_name = h.old_name = git_line_name(n->ctx, s + 11, len - 11);
		} else if (in_binary) {
			/* literal and delta data up to the next file */
		} else if (starts(s, len, "@@ ")) {
			const char *p = s + 3, *e = NULL;
			if (*p == '-')
				old_left = count_of(p + 1, &e);
			else
				e = p;
			if (e != NULL && *e == ' ' && e[1] == '+')
				new_left = count_of(e + 2, &e);
			flush_header(n, &h);
			in_hunk = true;
			if (h.is_delete)
				current = h.old_name;
			else
				current = h.new_name != NULL ? h.new_name : h.old_name;
			const char *close = memmem(s + 3, len - 3, "@@", 2);
			puts_(n, "@@");
			if (close != NULL && (size_t)(close - s) + 2 < len) {
				puts_(n, " ");
				puts_(n, current != NULL ? current : "");
				puts_(n, ":");
				put(n, close + 2, len - (size_t)(close - s) - 2);
			}
			puts_(n, "\n");
			n->size++;
		} else if (starts(s, len, "--- ") && starts(next, strcspn(next, "\n"), "+++ ")) {
			if (!h.open) /* a diff without a `diff --git` line */
				h = (struct fhdr){ .open = true };
			size_t nlen = strcspn(next, "\n");
			if (nlen > 0 && next[nlen - 1] == '\r')
				nlen--;
			char *o = path_of(n->ctx, s + 4, len - 4, true);
			char *w = path_of(n->ctx, next + 4, nlen - 4, true);
			if (o == NULL)
				h.is_new = true;
			else
				h.old_name = o;
			if (w == NULL)
				h.is_delete = true;
			else
				h.new_name = w;
			next += strcspn(next, "\n");
			next += *next == '\n';
		} else if (h.open && starts(s, len, "new file mode ")) {
			h.is_new = true;
			h.new_mode = mode_of(s + 14, len - 14);
		} else if (h.open && starts(s, len, "deleted file mode ")) {
			h.is_delete = true;
			h.old_mode = mode_of(s + 18, len - 18);
		} else if (h.open && starts(s, len, "old mode ")) {
			h.old_mode = mode_of(s + 9, len - 9);
		} else if (h.open && starts(s, len, "new mode ")) {
			h.new_mode = mode_of(s + 9, len - 9);
		} else if (h.open && starts(s, len, "rename from ")) {
			h.is_rename = true;
			h.old_name = path_of(n->ctx, s + 12, len - 12, false);
		} else if (h.open && starts(s, len, "rename to ")) {
			h.is_rename = true;
			h.new_name = path_of(n->ctx, s + 10, len - 10, false);
		} else if (h.open && (starts(s, len, "GIT binary patch") ||
				      starts(s, len, "Binary files "))) {
			h.binary = true;
			in_binary = true;
			flush_header(n, &h);
		}
		/* index, similarity, copy lines and stray text: dropped, as
		 * git's header parser consumes them */
		s = next;
	}
	flush_header(n, &h);
	if (n->text == NULL)
		n->nomem = true;
}

/* The commit message as `git log` indents it, trailing blanks cut. */
static char *message_text(void *ctx, const char *msg)
{
	char *out = talloc_strdup(ctx, "");
	for (const char *s = msg != NULL ? msg : ""; out != NULL && *s;) {
		size_t len = strcspn(s, "\n");
		const char *next = s + len + (s[len] == '\n');
		while (len > 0 && strchr(" \t\r\v\f", s[len - 1]) != NULL)
			len--;
		if (len > 0)
			out = talloc_strdup_append_buffer(out, "    ");
		/* git log expands tabs to every 8th column (of the line
		 * without its indent), counting characters, not bytes */
		size_t col = 0;
		for (size_t i = 0; out != NULL && i < len; i++) {
			if (s[i] == '\t') {
				size_t to = 8 - col % 8;
				out = talloc_asprintf_append_buffer(out, "%*s", (int)to, "");
				col += to;
			} else {
				out = talloc_strndup_append_buffer(out, s + i, 1);
				col += ((unsigned char)s[i] & 0xc0) != 0x80;
			}
		}
		if (out != NULL)
			out = talloc_strdup_append_buffer(out, "\n");
		s = next;
	}
	return out;
}

struct side {
	char *text;        /* the whole text */
	const char *diff;  /* its diff part (the whole text without a diff) */
	long size;
	char **files;
	size_t nfiles;
	int match;         /* the paired index on the other side, -1 */
};

static int side_make(struct side *sd, void *ctx, const struct pd_rd_patch *p)
{
	struct norm n = { .ctx = ctx };
	normalize(&n, p->diff);
	char *msg = message_text(ctx, p->message);
	if (n.nomem || msg == NULL)
		return PD_E_NOMEM;
	char *head = talloc_asprintf(ctx, " ## Metadata ##\nAuthor: %s\n\n ## Commit message ##\n%s",
				     p->author != NULL ? p->author : "", msg);
	if (head == NULL)
		return PD_E_NOMEM;
	if (*n.text != '\0') {
		size_t off = strlen(head) + 1;
		sd->text = talloc_asprintf(ctx, "%s\n%s", head, n.text);
		sd->diff = sd->text != NULL ? sd->text + off : NULL;
	} else {
		sd->text = head;
		sd->diff = head;
	}
	if (sd->text == NULL)
		return PD_E_NOMEM;
	sd->size = n.size;
	sd->files = n.files;
	sd->nfiles = n.nfiles;
	sd->match = -1;
	return PD_OK;
}

char *pd_rangediff_patch_text(void *ctx, const struct pd_rd_patch *p)
{
	void *local = talloc_new(NULL);
	struct side sd = { 0 };
	char *out = side_make(&sd, local, p) == PD_OK ? talloc_steal(ctx, sd.text) : NULL;
	talloc_free(local);
	return out;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **pd_rangediff_files(void *ctx, const char *diff, size_t *nout)
{
	struct norm n = { .ctx = ctx };
	normalize(&n, diff);
	*nout = 0;
	if (n.nomem)
		return NULL;
	char **f = n.files != NULL ? n.files : talloc_zero_array(ctx, char *, 1);
	if (f == NULL)
		return NULL;
	qsort(f, n.nfiles, sizeof(*f), cmp_str);
	*nout = n.nfiles;
	talloc_free(n.text);
	return f;
}

/* ------------------------------------------------------------ line diff */

struct counter {
	long lines;
};

static int count_hunk(const git_diff_delta *d, const git_diff_hunk *h, void *payload)
{
	(void)d;
	(void)h;
	((struct counter *)payload)->lines++;
	return 0;
}

static int count_line(const git_diff_delta *d, const git_diff_hunk *h, const git_diff_line *l,
		      void *payload)
{
	(void)d;
	(void)h;
	if (l->origin == GIT_DIFF_LINE_CONTEXT || l->origin == GIT_DIFF_LINE_ADDITION ||
	    l->origin == GIT_DIFF_LINE_DELETION)
		((struct counter *)payload)->lines++;
	return 0;
}

/* git's diffsize(): the lines and hunks of the diff between two texts. */
static int diffsize(long *out, const char *a, const char *b)
{
	git_diff_options o;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 3;
	o.flags |= GIT_DIFF_FORCE_TEXT;
	struct counter c = { 0 };
	int code = git_diff_buffers(a, strlen(a), NULL, b, strlen(b), NULL, &o, NULL, NULL,
				    count_hunk, count_line, &c);
	*out = c.lines;
	return code;
}

/* ------------------------------------------------------------ assignment */

#define COST_MAX ((long long)1 << 50)

/* The least-cost assignment of rows to columns of the square matrix cost
 * (n x n, row-major): the Hungarian method. col_of[i] = the row's column. */
static int assign(void *ctx, size_t n, const long long *cost, int *col_of)
{
	long long *u = talloc_zero_array(ctx, long long, n + 1);
	long long *v = talloc_zero_array(ctx, long long, n + 1);
	long long *minv = talloc_array(ctx, long long, n + 1);
	size_t *p = talloc_zero_array(ctx, size_t, n + 1);
	size_t *way = talloc_zero_array(ctx, size_t, n + 1);
	bool *used = talloc_array(ctx, bool, n + 1);
	if (u == NULL || v == NULL || minv == NULL || p == NULL || way == NULL || used == NULL)
		return PD_E_NOMEM;
	for (size_t i = 1; i <= n; i++) {
		p[0] = i;
		size_t j0 = 0;
		for (size_t j = 0; j <= n; j++) {
			minv[j] = COST_MAX * 4;
			used[j] = false;
		}
		do {
			used[j0] = true;
			size_t i0 = p[j0], j1 = 0;
			long long delta = COST_MAX * 4;
			for (size_t j = 1; j <= n; j++) {
				if (used[j])
					continue;
				long long cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (size_t j = 0; j <= n; j++) {
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0] != 0);
		do {
			size_t j1 = way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0 != 0);
	}
	for (size_t j = 1; j <= n; j++)
		if (p[j] != 0)
			col_of[p[j] - 1] = (int)(j - 1);
	return PD_OK;
}

static bool same_str(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static bool same_files(const struct side *a, const struct side *b)
{
	if (a->nfiles != b->nfiles)
		return false;
	for (size_t i = 0; i < a->nfiles; i++) {
		bool found = false;
		for (size_t k = 0; !found && k < b->nfiles; k++)
			found = strcmp(a->files[i], b->files[k]) == 0;
		if (!found)
			return false;
	}
	return true;
}

static int pair_up(void *ctx, struct side *sa, size_t na, struct side *sb, size_t nb,
		   const struct pd_rd_patch *a, const struct pd_rd_patch *b, int factor,
		   enum pd_rd_how *how_a, struct pd_err *err)
{
	/* Equal patches first, in the new revision's order. */
	for (size_t j = 0; j < nb; j++)
		for (size_t i = 0; i < na && sb[j].match < 0; i++)
			if (sa[i].match < 0 && (same_str(a[i].patchid, b[j].patchid) ||
						strcmp(sa[i].diff, sb[j].diff) == 0)) {
				sa[i].match = (int)j;
				sb[j].match = (int)i;
				how_a[i] = PD_RD_EQUAL;
			}
	size_t n = na + nb;
	if (n == 0)
		return PD_OK;
	long long *cost = talloc_zero_array(ctx, long long, n * n);
	int *col_of = talloc_array(ctx, int, n);
	if (cost == NULL || col_of == NULL)
		return PD_E_NOMEM;
	/* Costs times four: the last two bits hold the tie-breakers. */
	for (size_t i = 0; i < na; i++) {
		for (size_t j = 0; j < nb; j++) {
			long long c;
			if (sa[i].match == (int)j) {
				c = 0;
			} else if (sa[i].match < 0 && sb[j].match < 0) {
				long size = 0;
				int code = diffsize(&size, sa[i].diff, sb[j].diff);
				if (code != 0)
					return pd_err_set(err, PD_E_DIFF, "cannot compare patch %d with %d: %s",
							  a[i].n, b[j].n, git_error_last() ? git_error_last()->message : "libgit2 failed");
				c = (long long)size * 4 + (same_str(a[i].title, b[j].title) ? 0 : 2) +
				    (same_files(&sa[i], &sb[j]) ? 0 : 1);
			} else {
				c = COST_MAX;
			}
			cost[i * n + j] = c;
		}
		long long c = sa[i].match < 0 ? (long long)(sa[i].size * factor / 100) * 4 + 3 : COST_MAX;
		for (size_t j = nb; j < n; j++)
			cost[i * n + j] = c;
	}
	for (size_t j = 0; j < nb; j++) {
		long long c = sb[j].match < 0 ? (long long)(sb[j].size * factor / 100) * 4 + 3 : COST_MAX;
		for (size_t i = na; i < n; i++)
			cost[i * n + j] = c;
	}
	int rc = assign(ctx, n, cost, col_of);
	if (rc != PD_OK)
		return rc;
	for (size_t i = 0; i < na; i++) {
		int j = col_of[i];
		if (sa[i].match >= 0 || j < 0 || (size_t)j >= nb || cost[i * n + (size_t)j] >= COST_MAX)
			continue;
		sa[i].match = j;
		sb[j].match = (int)i;
		how_a[i] = PD_RD_COST;
	}
	return PD_OK;
}

/* Pairs out of their old order: those not on a longest run of pairs
 * whose old indexes rise in the new order. */
static int mark_moved(void *ctx, struct pd_rangediff *rd)
{
	size_t m = rd->npairs;
	int *len = talloc_zero_array(ctx, int, m + 1);
	int *prev = talloc_array(ctx, int, m + 1);
	if (len == NULL || prev == NULL)
		return PD_E_NOMEM;
	int best = -1;
	for (size_t k = 0; k < m; k++) {
		prev[k] = -1;
		if (rd->pairs[k].a < 0 || rd->pairs[k].b < 0)
			continue;
		len[k] = 1;
		for (size_t q = 0; q < k; q++)
			if (rd->pairs[q].a >= 0 && rd->pairs[q].b >= 0 &&
			    rd->pairs[q].a < rd->pairs[k].a && len[q] + 1 > len[k]) {
				len[k] = len[q] + 1;
				prev[k] = (int)q;
			}
		if (best < 0 || len[k] > len[best])
			best = (int)k;
	}
	for (size_t k = 0; k < m; k++)
		rd->pairs[k].moved = rd->pairs[k].a >= 0 && rd->pairs[k].b >= 0;
	for (int k = best; k >= 0; k = prev[k])
		rd->pairs[k].moved = false;
	return PD_OK;
}

int pd_rangediff_compute(struct pd_rangediff **out, void *ctx,
			 const struct pd_rd_patch *a, size_t na,
			 const struct pd_rd_patch *b, size_t nb,
			 int creation_factor, struct pd_err *err)
{
	*out = NULL;
	void *local = talloc_new(NULL);
	struct pd_rangediff *rd = talloc_zero(local, struct pd_rangediff);
	struct side *sa = talloc_zero_array(local, struct side, na + 1);
	struct side *sb = talloc_zero_array(local, struct side, nb + 1);
	enum pd_rd_how *how = talloc_zero_array(local, enum pd_rd_how, na + 1);
	int rc = rd != NULL && sa != NULL && sb != NULL && how != NULL ? PD_OK : PD_E_NOMEM;
	for (size_t i = 0; rc == PD_OK && i < na; i++)
		rc = side_make(&sa[i], local, &a[i]);
	for (size_t j = 0; rc == PD_OK && j < nb; j++)
		rc = side_make(&sb[j], local, &b[j]);
	if (rc == PD_OK)
		rc = pair_up(local, sa, na, sb, nb, a, b, creation_factor, how, err);
	if (rc == PD_OK) {
		rd->a = a;
		rd->b = b;
		rd->na = na;
		rd->nb = nb;
		rd->pairs = talloc_zero_array(rd, struct pd_rd_pair, na + nb + 1);
		rd->atext = talloc_zero_array(rd, char *, na + 1);
		rd->btext = talloc_zero_array(rd, char *, nb + 1);
		bool *shown = talloc_zero_array(local, bool, na + 1);
		if (rd->pairs == NULL || rd->atext == NULL || rd->btext == NULL || shown == NULL)
			rc = PD_E_NOMEM;
		for (size_t i = 0; rc == PD_OK && i < na; i++)
			rd->atext[i] = talloc_steal(rd->atext, sa[i].text);
		for (size_t j = 0; rc == PD_OK && j < nb; j++)
			rd->btext[j] = talloc_steal(rd->btext, sb[j].text);
		/* git's output(): the new order; an old patch without a
		 * partner once every old patch before it was shown. */
		size_t i = 0, j = 0;
		while (rc == PD_OK && (i < na || j < nb)) {
			struct pd_rd_pair pr = { .a = -1, .b = -1 };
			if (i < na && shown[i]) {
				i++;
				continue;
			}
			if (i < na && sa[i].match < 0) {
				pr.a = (int)i++;
				pr.state = PD_RD_DROPPED;
				rd->ndropped++;
			} else if (j < nb && sb[j].match < 0) {
				pr.b = (int)j++;
				pr.state = PD_RD_NEW;
				rd->nnew++;
			} else if (j < nb) {
				pr.a = sb[j].match;
				pr.b = (int)j++;
				shown[pr.a] = true;
				pr.how = how[pr.a];
				bool same = strcmp(sa[pr.a].text, sb[pr.b].text) == 0;
				pr.state = same ? PD_RD_SAME : PD_RD_CHANGED;
				*(same ? &rd->nsame : &rd->nchanged) += 1;
			} else {
				i++; /* cannot happen: every paired old patch was shown */
				continue;
			}
			rd->pairs[rd->npairs++] = pr;
		}
	}
	if (rc == PD_OK)
		rc = mark_moved(local, rd);
	if (rc == PD_E_NOMEM)
		pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK)
		*out = talloc_steal(ctx, rd);
	talloc_free(local);
	return rc;
}
