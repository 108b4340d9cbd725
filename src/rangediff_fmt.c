/* The range-diff printed as git range-diff prints it (range-diff.c's
 * output_pair_header() and patch_diff()): a header line per pair, and for
 * a changed pair the diff of the two patch texts, indented by four spaces,
 * its hunk headers naming the section (`@@ Commit message`,
 * `@@ file.c: function`) instead of line numbers. */
#include "config.h"

#include <git2.h>
#include <string.h>
#include <talloc.h>

#include "rangediff.h"

static int width_of(long v)
{
	int w = 1;
	while (v >= 10) {
		v /= 10;
		w++;
	}
	return w;
}

char *pd_rangediff_header(void *ctx, const struct pd_rangediff *rd, size_t i)
{
	const struct pd_rd_pair *pr = &rd->pairs[i];
	/* git: decimal_width(1 + max(count)); patch numbers may exceed the
	 * count when a revision lacks a patch. */
	long most = (long)(rd->na > rd->nb ? rd->na : rd->nb);
	for (size_t k = 0; k < rd->na; k++)
		most = rd->a[k].n > most ? rd->a[k].n : most;
	for (size_t k = 0; k < rd->nb; k++)
		most = rd->b[k].n > most ? rd->b[k].n : most;
	int w = width_of(most + 1);
	char status = pr->state == PD_RD_NEW ? '>' : pr->state == PD_RD_DROPPED ? '<'
									   : (char)pr->state;
	char *left = pr->a >= 0 ? talloc_asprintf(ctx, "%*d:", w, rd->a[pr->a].n)
				: talloc_asprintf(ctx, "%*s:", w, "-");
	char *right = pr->b >= 0 ? talloc_asprintf(ctx, "%*d:", w, rd->b[pr->b].n)
				 : talloc_asprintf(ctx, "%*s:", w, "-");
	/* git names the old commit when there is one */
	const char *title = pr->a >= 0 ? rd->a[pr->a].title : rd->b[pr->b].title;
	char *s = left != NULL && right != NULL
			  ? talloc_asprintf(ctx, "%s  %c %s  %s", left, status, right,
					    title != NULL ? title : "")
			  : NULL;
	talloc_free(left);
	talloc_free(right);
	return s;
}

struct inner {
	void *ctx;
	char *out;
	const char *old_text;
	const char **old_lines;  /* start of each line of old_text */
	size_t nold;
};

/* The section a hunk is in, as git's funcname for range-diff finds it:
 * the nearest line above the hunk matching `^ ## (.*) ##$` or
 * `^.?@@ (.*)$`, cut to 80 bytes (xdiff's buffer) and trailing blanks. */
static char *section(void *ctx, const struct inner *in, long from)
{
	for (long k = from; k >= 0 && (size_t)k < in->nold; k--) {
		const char *s = in->old_lines[k];
		size_t len = strcspn(s, "\n");
		const char *g = NULL;
		size_t glen = 0;
		if (len >= 7 && memcmp(s, " ## ", 4) == 0 && memcmp(s + len - 3, " ##", 3) == 0) {
			g = s + 4;
			glen = len - 7;
		} else if (len >= 4 && memcmp(s + 1, "@@ ", 3) == 0) {
			g = s + 4;
			glen = len - 4;
		} else if (len >= 3 && memcmp(s, "@@ ", 3) == 0) {
			g = s + 3;
			glen = len - 3;
		}
		if (g == NULL)
			continue;
		if (glen > 80)
			glen = 80;
		while (glen > 0 && (g[glen - 1] == ' ' || g[glen - 1] == '\t'))
			glen--;
		return talloc_strndup(ctx, g, glen);
	}
	return NULL;
}

static int on_hunk(const git_diff_delta *d, const git_diff_hunk *h, void *payload)
{
	(void)d;
	struct inner *in = payload;
	/* xdiff looks above the hunk's first line (old_start is 1-based;
	 * an insertion's old_start is the line it follows). */
	long first = h->old_lines > 0 ? h->old_start - 1 : h->old_start;
	char *name = section(in->ctx, in, first - 1);
	if (in->out != NULL)
		in->out = talloc_asprintf_append_buffer(in->out, "    @@%s%s\n", name ? " " : "",
							name ? name : "");
	talloc_free(name);
	return in->out != NULL ? 0 : -1;
}

static int on_line(const git_diff_delta *d, const git_diff_hunk *h, const git_diff_line *l,
		   void *payload)
{
	(void)d;
	(void)h;
	struct inner *in = payload;
	char mark = l->origin == GIT_DIFF_LINE_ADDITION ? '+'
		  : l->origin == GIT_DIFF_LINE_DELETION ? '-'
		  : l->origin == GIT_DIFF_LINE_CONTEXT  ? ' '
							: 0;
	if (mark == 0 || in->out == NULL)
		return 0;
	size_t len = l->content_len;
	if (len > 0 && l->content[len - 1] == '\n')
		len--;
	in->out = talloc_asprintf_append_buffer(in->out, "    %c%.*s\n", mark, (int)len, l->content);
	return in->out != NULL ? 0 : -1;
}

char *pd_rangediff_inner(void *ctx, const struct pd_rangediff *rd, size_t i)
{
	const struct pd_rd_pair *pr = &rd->pairs[i];
	if (pr->state != PD_RD_CHANGED)
		return talloc_strdup(ctx, "");
	void *local = talloc_new(NULL);
	const char *a = rd->atext[pr->a], *b = rd->btext[pr->b];
	struct inner in = { .ctx = local, .out = talloc_strdup(local, ""), .old_text = a };
	size_t cap = 1;
	for (const char *s = a; *s; s++)
		cap += *s == '\n';
	in.old_lines = talloc_array(local, const char *, cap + 1);
	for (const char *s = a; in.old_lines != NULL && *s;) {
		in.old_lines[in.nold++] = s;
		s += strcspn(s, "\n");
		s += *s == '\n';
	}
	git_diff_options o;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 3;
	o.flags |= GIT_DIFF_FORCE_TEXT | GIT_DIFF_INDENT_HEURISTIC;
	char *out = NULL;
	if (in.old_lines != NULL && in.out != NULL &&
	    git_diff_buffers(a, strlen(a), NULL, b, strlen(b), NULL, &o, NULL, NULL, on_hunk,
			     on_line, &in) == 0)
		out = in.out != NULL ? talloc_steal(ctx, in.out) : NULL;
	talloc_free(local);
	return out;
}

char *pd_rangediff_format(void *ctx, const struct pd_rangediff *rd)
{
	void *local = talloc_new(NULL);
	char *s = talloc_strdup(local, "");
	for (size_t i = 0; s != NULL && i < rd->npairs; i++) {
		char *h = pd_rangediff_header(local, rd, i);
		char *in = pd_rangediff_inner(local, rd, i);
		s = h != NULL && in != NULL ? talloc_asprintf_append_buffer(s, "%s\n%s", h, in) : NULL;
	}
	s = talloc_steal(ctx, s);
	talloc_free(local);
	return s;
}
