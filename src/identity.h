/* Who the user is, for replies and review trailers: the `from` option,
 * else git's user.name and user.email as git itself would find them for
 * the tree (its repository's config, then the global ones). */
#ifndef PD_IDENTITY_H
#define PD_IDENTITY_H

#include "reply.h"
#include "status.h"

/* from: the option's value ("" or NULL: none). tree_dir: the git tree
 * to ask (NULL: the current directory's repository, if any). Strings
 * under ctx. PD_E_NOT_FOUND with err saying how to set it when neither
 * gives an address; PD_E_USAGE when from is not an address. */
int pd_identity_get(struct pd_addr *out, void *ctx, const char *from, const char *tree_dir,
		    struct pd_err *err);

#endif
