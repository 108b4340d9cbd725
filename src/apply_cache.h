/* The verdicts of the reader's list marks (applies on HEAD, only on its
 * base, on neither, already merged) kept on disk, so that a second start
 * shows them at once (issue 5).
 *
 * One file per tree HEAD, $XDG_CACHE_HOME/patchdeck/check/HEAD, of lines
 * `KEY VERDICT` where KEY is the SHA-1 of the revision's Message-IDs (cover
 * letter, then every patch in order, missing ones as "-"): a patch that
 * arrives later, a new revision or a HEAD that moved all ask again. Lines
 * are only appended; a damaged one is skipped.
 */
#ifndef PD_APPLY_CACHE_H
#define PD_APPLY_CACHE_H

#include "series.h"

struct pd_check_cache;

/* The verdicts for the tree whose HEAD is head (hex), read from dir
 * (NULL: $XDG_CACHE_HOME/patchdeck/check); an empty cache when there is no
 * file. NULL only when out of memory. Under ctx. */
struct pd_check_cache *pd_check_cache_open(void *ctx, const char *dir, const char *head);

/* rev's key (hex) under ctx; NULL when out of memory. */
char *pd_check_cache_key(void *ctx, const struct pd_revision *rev);

/* The verdict kept for key, 0 when none. */
int pd_check_cache_get(const struct pd_check_cache *c, const char *key);

/* Keeps verdict (1..9) for key, in memory and on disk; a file that
 * cannot be written is no error (the next start checks again). */
void pd_check_cache_put(struct pd_check_cache *c, const char *key, int verdict);

#endif
