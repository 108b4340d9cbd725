/* patchdeck tag SERIES STATE: a revision's review state, as a notmuch tag
 * on its cover letter and patches (issue 6). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "cli.h"
#include "defer.h"
#include "load.h"
#include "rc.h"
#include "review.h"
#include "review_state.h"
#include "store_tag.h"

enum { DEFAULT_WAIT_S = 30 };

/* The tag-prefix option of the rc file (default pd/). */
static const char *tag_prefix(struct pd_cli *cli)
{
	struct pd_config *cfg = pd_cli_config(cli);
	return cfg != NULL ? pd_config_str(cfg, PD_OPTION_TAG_PREFIX) : "pd/";
}

static void tell_waiting(void *data, unsigned waited_ms)
{
	const unsigned *wait_s = data;
	if (waited_ms == 0)
		fprintf(stderr, "patchdeck: the notmuch database is locked by another writer "
				"(notmuch new?); waiting up to %u s for it\n",
			*wait_s);
}

int pd_cmd_tag(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "wait", required_argument, NULL, 'w' },
		{ "until", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned wait_s = DEFAULT_WAIT_S;
	const char *until_arg = NULL;
	int c;
	/* Options may follow the operands (tag SERIES deferred --until DAY):
	 * optind 0 makes glibc's getopt start over and permute, where main's
	 * "+" left it in order. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'u') {
			until_arg = optarg;
			continue;
		}
		if (c != 'w' || !pd_cli_wait_seconds(optarg, &wait_s)) {
			fprintf(stderr, "patchdeck tag: %s; try 'patchdeck --help'\n",
				c == 'w' ? "--wait takes whole seconds (0 to 86400)" : "unknown option");
			return PD_EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: patchdeck tag [--wait SECONDS] SERIES STATE [--until DAY]\n"
				"STATE is one of: %s\n",
			pd_review_names(cli->ctx));
		return PD_EXIT_USAGE;
	}
	int state = pd_review_parse(argv[optind + 1]);
	if (state < 0) {
		fprintf(stderr, "patchdeck: no review state '%s'; the states are: %s\n",
			argv[optind + 1], pd_review_names(cli->ctx));
		return PD_EXIT_USAGE;
	}
	long until = -1;
	if (until_arg != NULL && state != PD_REVIEW_DEFERRED) {
		fprintf(stderr, "patchdeck: --until goes with the state deferred, not %s\n",
			argv[optind + 1]);
		return PD_EXIT_USAGE;
	}
	if (until_arg != NULL &&
	    pd_defer_parse(until_arg, pd_defer_today(), &until, &cli->err) != PD_OK) {
		fprintf(stderr, "patchdeck: %s\n", pd_err_msg(&cli->err));
		return PD_EXIT_USAGE;
	}
	struct pd_store *store = NULL;
	struct pd_load *load = NULL;
	struct pd_revision *rev = NULL;
	if (pd_store_open(&store, cli->ctx, cli->notmuch_config, &cli->err) != PD_OK ||
	    pd_load_series(&load, &rev, cli->ctx, store, argv[optind], 0, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;

	const char *prefix = tag_prefix(cli);
	const char *remove[PD_REVIEW_COUNT];
	for (int i = 0; i < PD_REVIEW_COUNT; i++)
		remove[i] = pd_review_tag(cli->ctx, prefix, (enum pd_review)i);
	size_t nids = 0;
	const char **ids = pd_revision_own_ids(cli->ctx, rev, &nids);
	const char *tag = pd_review_tag(cli->ctx, prefix, (enum pd_review)state);
	const char *until_tag = until >= 0 ? pd_defer_tag(cli->ctx, prefix, until) : NULL;
	const char *until_prefix = pd_defer_tag_prefix(cli->ctx, prefix);
	if (ids == NULL || tag == NULL || until_prefix == NULL || (until >= 0 && until_tag == NULL)) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	struct pd_tag_write w = {
		.ids = ids, .nids = nids, .add = tag, .add_extra = until_tag,
		.remove = remove, .nremove = PD_REVIEW_COUNT, .remove_prefix = until_prefix,
	};
	size_t changed = 0;
	if (pd_store_tag(store, &w, wait_s * 1000, tell_waiting, &wait_s, &changed, &cli->err) !=
	    PD_OK)
		return PD_EXIT_FAIL;
	const char *day = until >= 0 ? pd_defer_format(cli->ctx, until) : NULL;
	fprintf(cli->out, "<%s> %s%s%s: %zu of %zu messages retagged %s%s%s\n", rev->id,
		pd_review_name((enum pd_review)state), day ? " until " : "", day ? day : "",
		changed, nids, tag, until_tag ? " " : "", until_tag ? until_tag : "");
	return PD_EXIT_OK;
}
