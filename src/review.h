/* Review states of a series revision, as notmuch tags (issue 6): the
 * names, and the tag that holds each under a prefix. Pure: no notmuch. */
#ifndef PD_REVIEW_H
#define PD_REVIEW_H

#include <stddef.h>

/* X(ID, "name", "help") */
#define PD_REVIEW_LIST(X)                                                     \
	X(NEW, "new", "not looked at yet")                                     \
	X(REVIEWING, "reviewing", "being reviewed")                            \
	X(CHANGES_REQUESTED, "changes-requested", "answered, a new revision is wanted") \
	X(ACCEPTED, "accepted", "good to go in")                               \
	X(REJECTED, "rejected", "will not go in")                              \
	X(APPLIED, "applied", "applied to a branch")                           \
	X(DEFERRED, "deferred", "put off for later")

#define PD_REVIEW_ENUM(id, name, help) PD_REVIEW_##id,
enum pd_review { PD_REVIEW_LIST(PD_REVIEW_ENUM) PD_REVIEW_COUNT };
#undef PD_REVIEW_ENUM

/* The state named name; -1 when there is none. */
int pd_review_parse(const char *name);

const char *pd_review_name(enum pd_review state);

/* "NAME, NAME, ..." of every state, for messages. */
char *pd_review_names(void *ctx);

/* The tag of state under prefix ("pd/" + "accepted"). */
char *pd_review_tag(void *ctx, const char *prefix, enum pd_review state);

/* The state whose tag is tag under prefix; -1 when tag is none of them. */
int pd_review_of_tag(const char *prefix, const char *tag);

#endif
