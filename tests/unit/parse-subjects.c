/* Reads one subject per line on stdin and prints its parse as one line
 * (pd_subject_describe), so shell tests can check the parser against
 * independent greps over a real archive. Exit 1 only on a read or memory
 * failure: every subject, however odd, parses. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "subject.h"

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int status = 0;

	while ((len = getline(&line, &cap, stdin)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		void *ctx = talloc_new(NULL);
		struct pd_subject *s;
		char *desc = NULL;
		if (ctx == NULL || pd_subject_parse(&s, ctx, line) < 0 ||
		    (desc = pd_subject_describe(ctx, s)) == NULL) {
			fprintf(stderr, "parse-subjects: out of memory\n");
			status = 1;
			talloc_free(ctx);
			break;
		}
		printf("%s\n", desc);
		talloc_free(ctx);
	}
	if (ferror(stdin)) {
		fprintf(stderr, "parse-subjects: cannot read standard input\n");
		status = 1;
	}
	free(line);
	return status;
}
