/* Diffstat: libgit2 parses the diff; the rendering follows git's own
 * show_stats() (diff.c) line for line, because maintainers compare it by
 * eye with what format-patch printed into the mail. */
#include "config.h"

#include "diffstat.h"

#include <ctype.h>
#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "diff_parse.h"

/* ---------------------------------------------------------------- compute */

struct git_diff_ref {
	git_diff *diff;
};

static int git_diff_ref_destroy(struct git_diff_ref *r)
{
	git_diff_free(r->diff);
	return 0;
}

struct binary_sizes {
	git_diff *diff;
	struct pd_diffstat_file *files;
	size_t nfiles;
};

static long long literal_size(const git_diff_binary_file *f)
{
	return f->type == GIT_DIFF_BINARY_LITERAL ? (long long)f->inflatedlen : -1;
}

static int binary_cb(const git_diff_delta *delta, const git_diff_binary *binary, void *payload)
{
	struct binary_sizes *b = payload;
	for (size_t i = 0; i < b->nfiles; i++) {
		if (git_diff_get_delta(b->diff, i) != delta)
			continue;
		if (binary->contains_data) {
			b->files[i].new_size = literal_size(&binary->new_file);
			b->files[i].old_size = literal_size(&binary->old_file);
		}
		break;
	}
	return 0;
}

static char status_letter(git_delta_t status)
{
	switch (status) {
	case GIT_DELTA_ADDED: return 'A';
	case GIT_DELTA_DELETED: return 'D';
	case GIT_DELTA_RENAMED: return 'R';
	case GIT_DELTA_COPIED: return 'C';
	case GIT_DELTA_TYPECHANGE: return 'T';
	default: return 'M';
	}
}

static int diff_error(struct pd_err *err, const char *what)
{
	const git_error *e = git_error_last();
	return pd_err_set(err, PD_E_DIFF, "%s: %s", what,
			  e != NULL && e->message != NULL ? e->message : "libgit2 gave no reason");
}

int pd_diffstat_compute(struct pd_diffstat **out, void *ctx, const char *diff, size_t len,
			struct pd_err *err)
{
	*out = NULL;
	int rc = 0;
	void *local = talloc_new(NULL);
	struct pd_diffstat *s = local ? talloc_zero(local, struct pd_diffstat) : NULL;
	struct git_diff_ref *ref = local ? talloc_zero(local, struct git_diff_ref) : NULL;
	if (s == NULL || ref == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	if (pd_diff_parse(&ref->diff, diff, len) != 0) {
		ref->diff = NULL;
		rc = diff_error(err, "the diff does not parse");
		goto done;
	}
	talloc_set_destructor(ref, git_diff_ref_destroy);

	s->nfiles = git_diff_num_deltas(ref->diff);
	if (s->nfiles == 0) {
		rc = pd_err_set(err, PD_E_DIFF, "the diff does not parse: no file in it");
		goto done;
	}
	s->files = talloc_zero_array(s, struct pd_diffstat_file, s->nfiles);
	if (s->files == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < s->nfiles; i++) {
		struct pd_diffstat_file *f = &s->files[i];
		git_patch *patch = NULL;
		if (git_patch_from_diff(&patch, ref->diff, i) != 0) {
			rc = diff_error(err, "a file of the diff does not parse");
			goto done;
		}
		const git_diff_delta *d = git_patch_get_delta(patch);
		size_t adds = 0, dels = 0;
		git_patch_line_stats(NULL, &adds, &dels, patch);
		f->status = status_letter(d->status);
		f->binary = (d->flags & GIT_DIFF_FLAG_BINARY) != 0;
		f->insertions = f->binary ? 0 : adds;
		f->deletions = f->binary ? 0 : dels;
		f->old_size = f->new_size = -1;
		f->old_mode = d->old_file.mode;
		f->new_mode = d->new_file.mode;
		const char *oldp = d->old_file.path, *newp = d->new_file.path;
		f->path = talloc_strdup(s->files, f->status == 'D' && oldp ? oldp : newp ? newp : oldp ? oldp : "");
		if ((f->status == 'R' || f->status == 'C') && oldp != NULL) {
			f->old_path = talloc_strdup(s->files, oldp);
			f->similarity = d->similarity;
		}
		git_patch_free(patch);
		if (f->path == NULL || (f->status == 'R' && f->old_path == NULL)) {
			rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
			goto done;
		}
		s->insertions += f->insertions;
		s->deletions += f->deletions;
	}
	struct binary_sizes b = { .diff = ref->diff, .files = s->files, .nfiles = s->nfiles };
	git_diff_foreach(ref->diff, NULL, binary_cb, NULL, NULL, &b);

	*out = talloc_steal(ctx, s);
done:
	talloc_free(local);
	return rc;
}

/* ---------------------------------------------------------------- render */

/* git's quote_c_style() with core.quotePath on: 0 when name needs no
 * quoting, else appends the quoted form to *buf. */
static bool needs_quote(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			return true;
	return false;
}

static char *quote_c(void *ctx, const char *name)
{
	if (!needs_quote(name))
		return talloc_strdup(ctx, name);
	char *q = talloc_strdup(ctx, "\"");
	for (const unsigned char *p = (const unsigned char *)name; q != NULL && *p; p++) {
		static const char esc[] = "\a\b\t\n\v\f\r";
		static const char letter[] = "abtnvfr";
		const char *e = *p ? strchr(esc, *p) : NULL;
		if (e != NULL)
			q = talloc_asprintf_append_buffer(q, "\\%c", letter[e - esc]);
		else if (*p == '"' || *p == '\\')
			q = talloc_asprintf_append_buffer(q, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			q = talloc_asprintf_append_buffer(q, "\\%03o", *p);
		else
			q = talloc_asprintf_append_buffer(q, "%c", *p);
	}
	return q ? talloc_strdup_append_buffer(q, "\"") : NULL;
}

/* git's pprint_rename(): common leading directories and trailing path
 * components outside the braces. */
static char *pprint_rename(void *ctx, const char *a, const char *b)
{
	if (needs_quote(a) || needs_quote(b)) {
		char *qa = quote_c(ctx, a), *qb = quote_c(ctx, b);
		return qa && qb ? talloc_asprintf(ctx, "%s => %s", qa, qb) : NULL;
	}
	long len_a = (long)strlen(a), len_b = (long)strlen(b);
	long pfx = 0;
	const char *o = a, *n = b;
	while (*o && *n && *o == *n) {
		if (*o == '/')
			pfx = o - a + 1;
		o++;
		n++;
	}
	long sfx = 0, adjust = pfx ? 1 : 0;
	long oi = len_a, ni = len_b; /* indexes, so the walk may stop at -1 */
	while (oi >= pfx - adjust && ni >= pfx - adjust && a[oi] == b[ni]) {
		if (a[oi] == '/')
			sfx = len_a - oi;
		oi--;
		ni--;
	}
	long amid = len_a - pfx - sfx, bmid = len_b - pfx - sfx;
	if (amid < 0)
		amid = 0;
	if (bmid < 0)
		bmid = 0;
	if (pfx + sfx == 0)
		return talloc_asprintf(ctx, "%.*s => %.*s", (int)amid, a, (int)bmid, b);
	return talloc_asprintf(ctx, "%.*s{%.*s => %.*s}%s", (int)pfx, a, (int)amid, a + pfx,
			       (int)bmid, b + pfx, a + len_a - sfx);
}

char *pd_diffstat_name(void *ctx, const struct pd_diffstat_file *f)
{
	if (f->old_path != NULL)
		return pprint_rename(ctx, f->old_path, f->path);
	return quote_c(ctx, f->path);
}

char *pd_diffstat_summary(void *ctx, size_t files, size_t ins, size_t del)
{
	if (files == 0)
		return talloc_strdup(ctx, " 0 files changed");
	char *s = talloc_asprintf(ctx, files == 1 ? " %zu file changed" : " %zu files changed", files);
	if (s != NULL && (ins || del == 0))
		s = talloc_asprintf_append_buffer(s, ins == 1 ? ", %zu insertion(+)" : ", %zu insertions(+)", ins);
	if (s != NULL && (del || ins == 0))
		s = talloc_asprintf_append_buffer(s, del == 1 ? ", %zu deletion(-)" : ", %zu deletions(-)", del);
	return s;
}

static int decimal_width(uintmax_t n)
{
	int w = 1;
	for (; n >= 10; n /= 10)
		w++;
	return w;
}

static long scale_linear(long it, long width, long max_change)
{
	/* max_change is the largest it of the stat: 0 only when every it is. */
	if (it == 0 || max_change <= 0)
		return 0;
	/* At least one mark for any change: scale as if one column shorter,
	 * then add one. */
	return 1 + (it * (width - 1) / max_change);
}

static char *append_graph(char *out, char c, long n)
{
	for (long i = 0; out != NULL && i < n; i++)
		out = talloc_asprintf_append_buffer(out, "%c", c);
	return out;
}

char *pd_diffstat_render(void *ctx, const struct pd_diffstat *s, int width)
{
	if (s == NULL || s->nfiles == 0)
		return talloc_strdup(ctx, "");
	void *local = talloc_new(NULL);
	char **names = local ? talloc_array(local, char *, s->nfiles) : NULL;
	if (names == NULL) {
		talloc_free(local);
		return NULL;
	}
	long max_len = 0, max_change = 0, bin_width = 0, number_width = 0;
	for (size_t i = 0; i < s->nfiles; i++) {
		const struct pd_diffstat_file *f = &s->files[i];
		if ((names[i] = pd_diffstat_name(names, f)) == NULL) {
			talloc_free(local);
			return NULL;
		}
		long len = (long)strlen(names[i]);
		if (max_len < len)
			max_len = len;
		if (f->binary) {
			/* "Bin XXX -> YYY bytes" */
			long w = f->old_size >= 0 && f->new_size >= 0
					 ? 14 + decimal_width((uintmax_t)f->new_size) +
						   decimal_width((uintmax_t)f->old_size)
					 : 3;
			if (bin_width < w)
				bin_width = w;
			number_width = 3;
			continue;
		}
		long change = (long)(f->insertions + f->deletions);
		if (max_change < change)
			max_change = change;
	}
	if (width <= 0)
		width = PD_DIFFSTAT_WIDTH;
	if (decimal_width((uintmax_t)max_change) > number_width)
		number_width = decimal_width((uintmax_t)max_change);
	/* Guarantee 3/8*16 == 6 for the graph and 5/8*16 == 10 for the name. */
	if (width < 16 + 6 + number_width)
		width = (int)(16 + 6 + number_width);
	long graph_width = max_change + 4 > bin_width ? max_change : bin_width - 4;
	long name_width = max_len;
	if (name_width + number_width + 6 + graph_width > width) {
		if (graph_width > width * 3 / 8 - number_width - 6) {
			graph_width = width * 3 / 8 - number_width - 6;
			if (graph_width < 6)
				graph_width = 6;
		}
		if (name_width > width - number_width - 6 - graph_width)
			name_width = width - number_width - 6 - graph_width;
		else
			graph_width = width - number_width - 6 - name_width;
	}

	char *out = talloc_strdup(local, "");
	for (size_t i = 0; out != NULL && i < s->nfiles; i++) {
		const struct pd_diffstat_file *f = &s->files[i];
		const char *prefix = "", *name = names[i];
		long len = name_width, name_len = (long)strlen(name);
		if (name_width < name_len) {
			prefix = "...";
			len -= 3;
			if (len < 0)
				len = 0;
			name += name_len - len;
			const char *slash = strchr(name, '/');
			if (slash != NULL)
				name = slash;
		}
		long padding = len - (long)strlen(name);
		if (padding < 0)
			padding = 0;
		if (f->binary) {
			out = talloc_asprintf_append_buffer(out, " %s%s%*s | %*s", prefix, name,
							    (int)padding, "", (int)number_width, "Bin");
			if (out != NULL && f->old_size >= 0 && f->new_size >= 0 &&
			    (f->old_size || f->new_size))
				out = talloc_asprintf_append_buffer(out, " %lld -> %lld bytes",
								    f->old_size, f->new_size);
			out = out ? talloc_strdup_append_buffer(out, "\n") : NULL;
			continue;
		}
		long add = (long)f->insertions, del = (long)f->deletions;
		if (graph_width <= max_change) {
			long total = scale_linear(add + del, graph_width, max_change);
			if (total < 2 && add && del)
				total = 2;
			if (add < del) {
				add = scale_linear(add, graph_width, max_change);
				del = total - add;
			} else {
				del = scale_linear(del, graph_width, max_change);
				add = total - del;
			}
		}
		out = talloc_asprintf_append_buffer(out, " %s%s%*s | %*zu%s", prefix, name,
						    (int)padding, "", (int)number_width,
						    f->insertions + f->deletions,
						    f->insertions + f->deletions ? " " : "");
		out = append_graph(out, '+', add);
		out = append_graph(out, '-', del);
		out = out ? talloc_strdup_append_buffer(out, "\n") : NULL;
	}
	char *sum = out ? pd_diffstat_summary(local, s->nfiles, s->insertions, s->deletions) : NULL;
	char *res = sum ? talloc_asprintf(ctx, "%s%s\n", out, sum) : NULL;
	talloc_free(local);
	return res;
}

/* ---------------------------------------------------------------- sent */

static bool parse_size(const char **p, size_t *out)
{
	if (!isdigit((unsigned char)**p))
		return false;
	size_t v = 0;
	while (isdigit((unsigned char)**p)) {
		v = v * 10 + (size_t)(**p - '0');
		(*p)++;
	}
	*out = v;
	return true;
}

/* ` 3 files changed, 10 insertions(+), 2 deletions(-)`; also the old
 * `N files changed, N insertions(+), N deletions(-)` spelling. */
static bool parse_summary(const char *line, size_t *files, size_t *ins, size_t *del)
{
	const char *p = line;
	while (*p == ' ')
		p++;
	if (!parse_size(&p, files) || (strncmp(p, " file changed", 13) != 0 && strncmp(p, " files changed", 14) != 0))
		return false;
	*ins = *del = 0;
	for (const char *c = strchr(p, ','); c != NULL; c = strchr(c + 1, ',')) {
		const char *q = c + 1;
		size_t n;
		while (*q == ' ')
			q++;
		if (!parse_size(&q, &n))
			continue;
		if (strncmp(q, " insertion", 10) == 0)
			*ins = n;
		else if (strncmp(q, " deletion", 9) == 0)
			*del = n;
	}
	return true;
}

int pd_diffstat_parse_sent(struct pd_sent_diffstat **out, void *ctx, const char *text)
{
	*out = NULL;
	struct pd_sent_diffstat *s = talloc_zero(ctx, struct pd_sent_diffstat);
	if (s == NULL)
		return PD_E_NOMEM;
	for (const char *line = text ? text : ""; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *l = talloc_strndup(s, line, len);
		if (l == NULL)
			goto nomem;
		line += len + (end != NULL);
		if (len && l[len - 1] == '\r')
			l[--len] = '\0';
		size_t files, ins, del;
		if (parse_summary(l, &files, &ins, &del)) {
			s->has_summary = true;
			s->summary_files = files;
			s->insertions = ins;
			s->deletions = del;
			continue;
		}
		char *bar = strrchr(l, '|');
		if (l[0] != ' ' || bar == NULL)
			continue;
		const char *p = bar + 1;
		while (*p == ' ')
			p++;
		struct pd_sent_file f = { 0 };
		if (strncmp(p, "Bin", 3) == 0) {
			f.binary = true;
		} else if (!parse_size(&p, &f.changes)) {
			continue;
		} else {
			while (*p == ' ' || *p == '+' || *p == '-')
				p++;
			if (*p != '\0')
				continue;
		}
		char *n = l + 1, *e = bar;
		while (*n == ' ')
			n++;
		while (e > n && e[-1] == ' ')
			e--;
		*e = '\0';
		f.abbreviated = strncmp(n, "...", 3) == 0;
		f.name = talloc_strdup(s, f.abbreviated ? n + 3 : n);
		struct pd_sent_file *grown =
			talloc_realloc(s, s->files, struct pd_sent_file, s->nfiles + 1);
		if (f.name == NULL || grown == NULL)
			goto nomem;
		s->files = grown;
		s->files[s->nfiles++] = f;
		talloc_free(l);
	}
	*out = s;
	return 0;
nomem:
	talloc_free(s);
	return PD_E_NOMEM;
}

static bool name_matches(const char *computed, const struct pd_sent_file *f)
{
	if (!f->abbreviated)
		return strcmp(computed, f->name) == 0;
	size_t lc = strlen(computed), ls = strlen(f->name);
	return ls <= lc && strcmp(computed + lc - ls, f->name) == 0;
}

enum pd_diffstat_verdict pd_diffstat_compare(const struct pd_diffstat *c,
					     const struct pd_sent_diffstat *sent, void *ctx,
					     char **why)
{
	if (why != NULL)
		*why = NULL;
	if (sent == NULL || (!sent->has_summary && sent->nfiles == 0))
		return PD_DIFFSTAT_ABSENT;
	size_t nfiles = c ? c->nfiles : 0, ins = c ? c->insertions : 0, del = c ? c->deletions : 0;
	char *reason = NULL;
	if (sent->has_summary && (sent->summary_files != nfiles || sent->insertions != ins ||
				  sent->deletions != del)) {
		reason = talloc_asprintf(ctx, "sent %zu/+%zu/-%zu, computed %zu/+%zu/-%zu",
					 sent->summary_files, sent->insertions, sent->deletions,
					 nfiles, ins, del);
	} else if (sent->nfiles != 0 && sent->nfiles != nfiles) {
		reason = talloc_asprintf(ctx, "sent %zu file lines, computed %zu files",
					 sent->nfiles, nfiles);
	}
	for (size_t i = 0; reason == NULL && i < sent->nfiles; i++) {
		const struct pd_sent_file *f = &sent->files[i];
		const struct pd_diffstat_file *m = NULL;
		for (size_t j = 0; m == NULL && j < nfiles; j++) {
			char *name = pd_diffstat_name(ctx, &c->files[j]);
			if (name != NULL && name_matches(name, f))
				m = &c->files[j];
			talloc_free(name);
		}
		if (m == NULL)
			reason = talloc_asprintf(ctx, "%s%s: not in the diff",
						 f->abbreviated ? "..." : "", f->name);
		else if (f->binary != m->binary ||
			 (!f->binary && f->changes != m->insertions + m->deletions))
			reason = talloc_asprintf(ctx, "%s%s: sent %zu changes, computed %zu",
						 f->abbreviated ? "..." : "", f->name, f->changes,
						 m->insertions + m->deletions);
	}
	if (reason == NULL && !(sent->has_summary || sent->nfiles))
		return PD_DIFFSTAT_ABSENT;
	if (reason == NULL)
		return PD_DIFFSTAT_EQUAL;
	if (why != NULL)
		*why = reason;
	else
		talloc_free(reason);
	return PD_DIFFSTAT_STALE;
}
