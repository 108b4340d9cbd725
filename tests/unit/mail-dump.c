/* Check program for the message parser: prints what pd_message_read made
 * of mail files, so shell tests can compare it exactly.
 *
 *   mail-dump FILE...            every field as a `name: value` line; the
 *                                commit message, notes and diffstat in full
 *                                (`  | ` lines), the diff as its size, git blob
 *                                id and first/last lines; a blank line
 *                                between mails
 *   mail-dump --part=P FILE      one part raw: message, diff, text, notes
 *   mail-dump --out=DIR FILE...  for the Nth file: DIR/N.msg (the commit
 *                                message), DIR/N.diff (when a diff was
 *                                found), DIR/N.author (`Name <email>`)
 *   mail-dump --bench FILE...    parse only; prints `N mails in S s (R/s)`
 *   mail-dump --diffstat=WIDTH DIFF  DIFF is a diff, not a mail: prints its
 *                                computed diffstat rendered for WIDTH columns
 *
 * Before the mode, --no-checks parses as the loader does
 * (PD_PARSE_NO_CHECKS), --full-mime adds PD_PARSE_FULL_MIME (GMime reads
 * the whole mail, no shortcut for plain mail).
 *
 * A FILE `-` reads the file names from stdin, one per line. Exit 1 when a
 * file cannot be read (its one-line message on stderr), 2 on bad usage. */
#include "config.h"

#include <git2.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "diffstat.h"
#include "message.h"

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static void blob_id(const char *buf, size_t len, char out[GIT_OID_HEXSZ + 1])
{
	git_oid oid;
	if (git_odb_hash(&oid, buf, len, GIT_OBJECT_BLOB) != 0)
		strcpy(out, "?");
	else
		git_oid_tostr(out, GIT_OID_HEXSZ + 1, &oid);
}

static void print_block(const char *name, const char *text)
{
	if (text == NULL) {
		printf("%s: (none)\n", name);
		return;
	}
	printf("%s:\n", name);
	for (const char *l = text; *l;) {
		const char *e = strchrnul(l, '\n');
		printf("  | %.*s\n", (int)(e - l), l);
		l = *e ? e + 1 : e;
	}
}

/* First and last line of a text, without their line ends. */
static void print_ends(const char *name, const char *text)
{
	size_t len = strlen(text);
	const char *first_end = strchrnul(text, '\n');
	const char *end = text + len;
	if (end > text && end[-1] == '\n')
		end--;
	const char *last = end;
	while (last > text && last[-1] != '\n')
		last--;
	char id[GIT_OID_HEXSZ + 1];
	blob_id(text, len, id);
	printf("%s: %zu bytes, blob %s\n", name, len, id);
	printf("%s-first: %.*s\n", name, (int)(first_end - text), text);
	printf("%s-last: %.*s\n", name, (int)(end - last), last);
}

static void print_trailers(const char *name, const struct pd_trailer *t, size_t n)
{
	static const char *const match[] = { "", " (sender unknown)", " (matches sender)",
					     " (NOT the sender)" };
	for (size_t i = 0; i < n; i++)
		printf("%s: %s: %s%s\n", name, t[i].name, t[i].value,
		       strcmp(name, "reply-trailer") == 0 ? match[t[i].sender + 1] : "");
}

static void dump(void *ctx, const struct pd_mail *m)
{
	printf("message-id: %s\n", or_none(m->message_id));
	printf("in-reply-to: %s\n", or_none(m->in_reply_to));
	printf("references:");
	for (size_t i = 0; i < m->nreferences; i++)
		printf(" %s", m->references[i]);
	printf("%s\n", m->nreferences ? "" : " (none)");
	char date[32] = "(none)";
	struct tm tm;
	if (m->date != 0 && gmtime_r(&m->date, &tm) != NULL)
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("date: %s\n", date);
	printf("subject-raw: %s\n", or_none(m->subject_raw));
	printf("subject: %s\n", pd_subject_describe(ctx, m->subject));
	printf("sender: %s <%s>\n", m->sender.name, m->sender.email);
	printf("author: %s <%s>\n", m->author.name, m->author.email);
	printf("dmarc-rewritten: %s\n", m->dmarc_rewritten ? "yes" : "no");
	print_ends("text", m->text);
	const struct pd_body *b = m->patch;
	printf("patch: %s\n", b == NULL ? "none" : m->patch_attached ? "attached" : "inline");
	if (b != NULL) {
		printf("in-body-from: %s\n", or_none(b->from));
		printf("in-body-date: %s\n", or_none(b->date));
		printf("in-body-subject: %s\n", or_none(b->subject));
		print_block("message", b->message);
		print_block("notes", b->notes);
		print_block("diffstat-sent", b->diffstat);
		print_ends("diff", b->diff);
		printf("diff-damaged: %s\n", b->diff_damaged ? "yes" : "no");
		struct pd_diffstat *s = NULL;
		struct pd_sent_diffstat *sent = NULL;
		if (pd_diffstat_compute(&s, ctx, b->diff, strlen(b->diff), NULL) == 0 &&
		    pd_diffstat_parse_sent(&sent, ctx, b->diffstat) == 0) {
			char *why = NULL;
			static const char *const verdict[] = { "absent", "equal", "stale" };
			enum pd_diffstat_verdict v = pd_diffstat_compare(s, sent, ctx, &why);
			printf("diffstat:%s\n", pd_diffstat_summary(ctx, s->nfiles, s->insertions, s->deletions));
			printf("diffstat-verdict: %s%s%s\n", verdict[v], why ? ": " : "", why ? why : "");
		}
		printf("base-commit: %s\n", or_none(b->base_commit));
		printf("change-id: %s\n", or_none(b->change_id));
		for (size_t i = 0; i < b->nprereq; i++)
			printf("prerequisite-patch-id: %s\n", b->prereq_ids[i]);
	}
	print_trailers("trailer", m->trailers, m->ntrailers);
	print_trailers("reply-trailer", m->reply_trailers, m->nreply_trailers);
	printf("pull-url: %s\n", or_none(m->pull_url));
	printf("pull-branch: %s\n", or_none(m->pull_branch));
	for (size_t i = 0; i < m->nproblems; i++)
		printf("problem: %s\n", m->problems[i]);
}

static int write_file(const char *dir, size_t n, const char *ext, const char *text)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%zu.%s", dir, n, ext);
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		fprintf(stderr, "mail-dump: cannot write %s\n", path);
		return 1;
	}
	return 0;
}

static int diffstat_file(void *ctx, int width, const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = talloc_size(ctx, 1);
	size_t len = 0, got;
	char chunk[65536];
	while (f != NULL && buf != NULL && (got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf = talloc_realloc_size(ctx, buf, len + got + 1);
		if (buf != NULL)
			memcpy(buf + len, chunk, got);
		len += got;
	}
	if (f == NULL || buf == NULL) {
		fprintf(stderr, "mail-dump: cannot read %s\n", path);
		if (f != NULL)
			fclose(f);
		return 1;
	}
	fclose(f);
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_diffstat *s = NULL;
	if (pd_diffstat_compute(&s, ctx, buf, len, &err) != 0) {
		fprintf(stderr, "mail-dump: %s: %s\n", path, pd_err_msg(&err));
		return 1;
	}
	fputs(pd_diffstat_render(ctx, s, width), stdout);
	return 0;
}

static int one(void *ctx, const char *mode, const char *arg, unsigned flags, size_t n,
	       const char *path)
{
	if (strcmp(mode, "diffstat") == 0)
		return diffstat_file(ctx, atoi(arg), path);
	struct pd_err err;
	pd_err_init(&err, ctx);
	struct pd_mail *m = NULL;
	if (pd_message_read_flags(&m, ctx, path, flags, &err) != 0) {
		fprintf(stderr, "mail-dump: %s\n", pd_err_msg(&err));
		return 1;
	}
	const struct pd_body *b = m->patch;
	if (strcmp(mode, "dump") == 0) {
		if (n > 1)
			putchar('\n');
		dump(ctx, m);
	} else if (strcmp(mode, "part") == 0) {
		const char *t = strcmp(arg, "text") == 0 ? m->text
				: b == NULL		 ? NULL
				: strcmp(arg, "message") == 0 ? b->message
				: strcmp(arg, "notes") == 0   ? b->notes
							      : b->diff;
		fputs(t ? t : "", stdout);
	} else if (strcmp(mode, "out") == 0) {
		char *author = talloc_asprintf(ctx, "%s <%s>\n", m->author.name, m->author.email);
		if (write_file(arg, n, "msg", b ? b->message : m->text) ||
		    (b && b->diff && write_file(arg, n, "diff", b->diff)) ||
		    write_file(arg, n, "author", author))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = "dump", *arg = NULL;
	unsigned flags = 0;
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--no-checks") == 0; i++)
		flags |= PD_PARSE_NO_CHECKS;
	for (; i < argc && strcmp(argv[i], "--full-mime") == 0; i++)
		flags |= PD_PARSE_FULL_MIME;
	if (i < argc && strncmp(argv[i], "--part=", 7) == 0)
		mode = "part", arg = argv[i++] + 7;
	else if (i < argc && strncmp(argv[i], "--out=", 6) == 0)
		mode = "out", arg = argv[i++] + 6;
	else if (i < argc && strncmp(argv[i], "--diffstat=", 11) == 0)
		mode = "diffstat", arg = argv[i++] + 11;
	else if (i < argc && strcmp(argv[i], "--bench") == 0)
		mode = "bench", i++;
	if (i >= argc || (strcmp(mode, "part") == 0 && argc - i != 1)) {
		fprintf(stderr, "usage: mail-dump [--no-checks] [--full-mime] [--part=message|diff|text|notes | --out=DIR | --bench | --diffstat=WIDTH] FILE...\n");
		return 2;
	}
	g_mime_init();
	git_libgit2_init();
	void *top = talloc_new(NULL);
	int rc = 0;
	size_t n = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (; i < argc; i++) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		bool from_stdin = strcmp(argv[i], "-") == 0;
		while (from_stdin ? (len = getline(&line, &cap, stdin)) > 0 : n < (size_t)-1) {
			void *ctx = talloc_new(top);
			const char *path = argv[i];
			if (from_stdin) {
				if (line[len - 1] == '\n')
					line[len - 1] = '\0';
				path = line;
			}
			rc |= one(ctx, mode, arg, flags, ++n, path);
			talloc_free(ctx);
			if (!from_stdin)
				break;
		}
		free(line);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (strcmp(mode, "bench") == 0) {
		double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		printf("%zu mails in %.2f s (%.0f/s)\n", n, s, s > 0 ? (double)n / s : 0.0);
	}
	fflush(stdout);
	talloc_free(top);
	git_libgit2_shutdown();
	g_mime_shutdown();
	return rc;
}
