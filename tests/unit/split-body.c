/* Reads one decoded mail body on stdin and prints one part of its split
 * (pd_body_split), so shell tests can compare it with git's own tools:
 *   split-body message    the commit message
 *   split-body trailers   its trailers, one `Name: value` per line
 *   split-body diff       the diff, byte-exact (and a note on stderr
 *                         when a mailer damaged it)
 *   split-body reply EMAIL  the reply trailers, with match/MISMATCH/?
 * Exit 1 on a read or memory failure, 2 on bad usage. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "trailer.h"

static char *read_all(void *ctx, FILE *f)
{
	size_t len = 0, cap = 4096;
	char *buf = talloc_array(ctx, char, cap);
	size_t n;
	while (buf != NULL && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0)
			buf = talloc_realloc(ctx, buf, char, cap *= 2);
	}
	if (buf == NULL || ferror(f))
		return NULL;
	buf[len] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	static const char *const match[] = { "?", "match", "MISMATCH" };
	const char *mode = argc > 1 ? argv[1] : "";
	if (!(argc == 2 && (strcmp(mode, "message") == 0 || strcmp(mode, "trailers") == 0 ||
			    strcmp(mode, "diff") == 0)) &&
	    !(argc == 3 && strcmp(mode, "reply") == 0)) {
		fprintf(stderr, "usage: split-body message|trailers|diff|reply EMAIL < BODY\n");
		return 2;
	}
	void *ctx = talloc_new(NULL);
	char *text = ctx ? read_all(ctx, stdin) : NULL;
	struct pd_body *b = NULL;
	struct pd_trailer *t = NULL;
	size_t n = 0;
	int rc = text == NULL ? -1 : pd_body_split(&b, ctx, text);
	if (rc == 0 && strcmp(mode, "trailers") == 0)
		rc = pd_trailers_parse(&t, &n, ctx, b->message);
	if (rc == 0 && strcmp(mode, "reply") == 0)
		rc = pd_reply_trailers(&t, &n, ctx, text, argv[2]);
	if (rc != 0) {
		fprintf(stderr, "split-body: cannot read or split standard input\n");
		talloc_free(ctx);
		return 1;
	}
	if (strcmp(mode, "message") == 0)
		fputs(b->message, stdout);
	else if (strcmp(mode, "diff") == 0 && b->diff != NULL)
		fputs(b->diff, stdout);
	if (strcmp(mode, "diff") == 0 && b->diff_damaged)
		fprintf(stderr, "split-body: damaged diff\n");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(mode, "reply") == 0)
			printf("%s ", match[t[i].sender]);
		printf("%s: %s\n", t[i].name, t[i].value);
	}
	talloc_free(ctx);
	return 0;
}
