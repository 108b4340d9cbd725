/* What happens to a reply draft outside patchdeck: the editor, the send
 * command, a maildir for drafts. No curses: the reader suspends the
 * screen around pd_compose_edit itself. */
#ifndef PD_COMPOSE_H
#define PD_COMPOSE_H

#include <stdbool.h>

#include "status.h"

/* Writes text to a new private file in $TMPDIR (else /tmp); *path under
 * ctx. */
int pd_compose_tmpfile(char **path, void *ctx, const char *text, struct pd_err *err);

/* Runs `$EDITOR PATH` (else $VISUAL, else vi) through sh. quiet: stdin
 * from /dev/null and stdout to stderr (the scripted reader's). Returns
 * PD_OK, or PD_E_IO with err saying how the editor ended. */
int pd_compose_edit(const char *path, bool quiet, struct pd_err *err);

/* Pipes text to the shell command cmd (`sendmail -t -oi`). PD_OK when it
 * exits 0; else PD_E_IO with err naming cmd and how it ended. */
int pd_compose_send(const char *cmd, const char *text, struct pd_err *err);

/* Delivers text into maildir dir as a new message, the maildir way:
 * written and synced under dir/tmp, then linked into dir/new (tmp, new
 * and cur are made when missing). *path (under ctx): the file in new. */
int pd_compose_save(char **path, void *ctx, const char *dir, const char *text,
		    struct pd_err *err);

/* The whole file at path, under ctx. */
int pd_compose_read(char **text, void *ctx, const char *path, struct pd_err *err);

#endif
