/* The commit a patch mail becomes: its message with the review's trailers
 * appended, and its author as git am records them. `patchdeck mbox` writes
 * the same text into its mails and `patchdeck apply` commits it, so that
 * both give the same commit (SERIES.md "Trailers").
 */
#ifndef PD_APPLY_MSG_H
#define PD_APPLY_MSG_H

#include "series.h"

/* The patch's commit message below the title: its own text and trailers,
 * then the collected trailers not yet there (mismatched ones left out),
 * then `Link: ` with link_mask's %s replaced by the Message-ID when
 * link_mask is not NULL. "" for an empty message; NULL when out of
 * memory. */
char *pd_patch_message_body(void *ctx, const struct pd_patch *p, const char *link_mask);

/* The full commit message git am makes of that: the title, a blank line
 * and the body, cleaned as `git stripspace` does (trailing blanks cut,
 * blank lines squeezed, one final newline). */
char *pd_patch_commit_message(void *ctx, const struct pd_patch *p, const char *link_mask);

/* The author's name and address as git mailinfo reads them from the
 * patch's From: (a name shorter than 3 or longer than 60 characters, or
 * holding '@', '<' or '>', becomes the address). Strings under ctx. */
void pd_patch_author(void *ctx, const struct pd_patch *p, char **name, char **email);

#endif
