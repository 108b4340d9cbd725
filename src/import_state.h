/* Where an import of an archive into a maildir got to: the last commit
 * imported, one small text file per (archive, maildir) pair in
 * $XDG_STATE_HOME/patchdeck/import/ (default ~/.local/state/...).
 *
 * Not in the maildir itself: `notmuch new` would read any file there as
 * mail and warn about it on every run. The file is replaced atomically
 * (written aside, then renamed), and only after the messages up to its
 * commit are delivered and committed to the index, so a killed import
 * never skips a message on its next run.
 *
 *   # patchdeck import: the last commit imported from an archive
 *   archive /srv/lore/linux-modules
 *   maildir /home/me/mail/linux-modules
 *   epoch 0.git
 *   commit 2080521e742df305f26854462d7d8f41566969f1
 */
#ifndef PD_IMPORT_STATE_H
#define PD_IMPORT_STATE_H

#include "status.h"

/* The state file of archive and maildir (absolute paths), under ctx. */
char *pd_import_state_path(void *ctx, const char *archive, const char *maildir);

/* The epoch name and commit hex id of the file at path, under ctx; both
 * NULL when it does not exist. A malformed file is PD_E_CONFIG with err
 * naming it and the fix. */
int pd_import_state_read(void *ctx, const char *path, char **epoch, char **commit,
			 struct pd_err *err);

/* Replaces the file at path (making its directories). */
int pd_import_state_write(const char *path, const char *archive, const char *maildir,
			  const char *epoch, const char *commit, struct pd_err *err);

#endif
