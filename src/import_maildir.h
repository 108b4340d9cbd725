/* Delivering messages into a maildir the way an MDA does: the bytes go to
 * tmp/, then a hard link makes them appear in new/ whole or not at all,
 * and nothing already there is ever overwritten.
 *
 * An imported message's file name is made from the archive commit that
 * added it, `TIME.COMMIT.pi` (TIME the commit's time, COMMIT its 40 hex
 * digits), the same on every run: a run that was killed halfway delivers
 * the same names again, so what it finished is found, not copied twice.
 */
#ifndef PD_IMPORT_MAILDIR_H
#define PD_IMPORT_MAILDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct pd_maildir;

/* Opens the maildir at path (cur/, new/ and tmp/ must be there and
 * writable) under ctx. On failure err holds one line naming path and the
 * fix. */
int pd_maildir_open(struct pd_maildir **out, void *ctx, const char *path, struct pd_err *err);

/* Its absolute path. */
const char *pd_maildir_path(const struct pd_maildir *md);

/* The file name of the message added by commit (hex id) at time. */
char *pd_maildir_name(void *ctx, int64_t time, const char *commit);

/* Whether new/name exists. */
bool pd_maildir_has(struct pd_maildir *md, const char *name);

/* Writes len bytes as new/name via tmp/name. *delivered is false when
 * new/name was already there (left as it is). */
int pd_maildir_deliver(struct pd_maildir *md, const char *name, const char *data, size_t len,
		       bool *delivered, struct pd_err *err);

/* Flushes what was delivered to the disk, before the caller records it
 * as done. */
int pd_maildir_sync(struct pd_maildir *md, struct pd_err *err);

#endif
