/* A public-inbox git archive read with libgit2: one epoch repository (a
 * `git clone --mirror` of a list's 0.git, or a bundle cloned), or a
 * directory of epochs 0.git, 1.git, ... (also under a git/ subdirectory,
 * as public-inbox v2 and lore mirrors lay them out) read in number order.
 *
 * Each commit of an epoch's history holds at most one message, the file
 * `m` of its tree. A commit whose `m` differs from its parent's adds that
 * message; a commit whose tree lost the parent's `m` (public-inbox-learn
 * rm, -purge) removes it; any other commit carries no message. Positions
 * in the archive are commits; a range (after, through] is walked oldest
 * first, epoch after epoch, the way public-inbox itself appends.
 *
 * The caller initialises libgit2 (main does).
 */
#ifndef PD_PUBINBOX_H
#define PD_PUBINBOX_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct pd_pi;

/* A commit of the archive: the epoch it is in and its id. */
struct pd_pi_pos {
	size_t epoch;
	git_oid id;
};

enum pd_pi_kind {
	PD_PI_ADD,     /* blob is the message added */
	PD_PI_REMOVE,  /* blob is the message removed (the parent's `m`) */
};

/* One commit that adds or removes a message. */
struct pd_pi_commit {
	struct pd_pi_pos pos;
	enum pd_pi_kind kind;
	git_oid blob;
	int64_t time;   /* committer time: when the archive took it */
};

/* Opens the archive at path under ctx. On failure err holds one line
 * naming path and the fix. */
int pd_pi_open(struct pd_pi **out, void *ctx, const char *path, struct pd_err *err);

/* The archive's absolute path, and the number and name of its epochs
 * ("0.git"; "." for a single repository). */
const char *pd_pi_path(const struct pd_pi *pi);
size_t pd_pi_nepochs(const struct pd_pi *pi);
const char *pd_pi_epoch_name(const struct pd_pi *pi, size_t epoch);

/* The commit spec names (a full or abbreviated id, a ref, any git
 * revision), in whichever epoch has it. PD_E_NOT_FOUND with err naming
 * spec and the archive when none does. */
int pd_pi_resolve(struct pd_pi *pi, const char *spec, struct pd_pi_pos *out,
		  struct pd_err *err);

/* The newest commit of the last epoch that has one. PD_E_NOT_FOUND when
 * every epoch is empty. */
int pd_pi_tip(struct pd_pi *pi, struct pd_pi_pos *out, struct pd_err *err);

/* Whether b comes after a in the archive (a later epoch, or a descendant
 * in the same one); a position never comes after itself. */
bool pd_pi_after(struct pd_pi *pi, const struct pd_pi_pos *b, const struct pd_pi_pos *a);

/* Whether pos is a commit of epoch pos->epoch (a remembered position may
 * be gone after a history rewrite). */
bool pd_pi_has(struct pd_pi *pi, const struct pd_pi_pos *pos);

/* The commits adding or removing a message after `after` (NULL: from the
 * start) through `through` (NULL: the tip), oldest first, as a talloc
 * array under ctx; *ncommits counts the commits walked, messages or not.
 * through must not come before after (PD_E_USAGE with err saying so). */
int pd_pi_walk(struct pd_pi *pi, void *ctx, const struct pd_pi_pos *after,
	       const struct pd_pi_pos *through, struct pd_pi_commit **out, size_t *n,
	       size_t *ncommits, struct pd_err *err);

/* The bytes of a message blob, valid until *keep is freed (a talloc
 * object under ctx that holds the blob). */
int pd_pi_read(struct pd_pi *pi, void *ctx, const struct pd_pi_commit *c, const char **data,
	       size_t *len, void **keep, struct pd_err *err);

/* The Message-ID of a raw message (len bytes, need not end in NUL),
 * without its <>, under ctx; NULL when the header block has none. The
 * header is unfolded; comments and other junk around the <...> are
 * dropped, as notmuch drops them. */
char *pd_pi_message_id(void *ctx, const char *data, size_t len);

/* The first 12 (or n) hex digits of a commit id, under ctx. */
char *pd_pi_short(void *ctx, const git_oid *id, size_t n);

#endif
