/* patchdeck reply [--series] [--trailer KIND] MSGID: the reply draft the
 * reader's r, R and quick-trailer keys open in the editor, printed to
 * standard output. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "cli.h"
#include "identity.h"
#include "load.h"
#include "rc.h"
#include "reply.h"
#include "reply_headers.h"

static void usage(void)
{
	fprintf(stderr, "usage: patchdeck reply [--series] [--trailer reviewed|acked|tested] "
			"MESSAGE-ID\n");
}

int pd_cmd_reply(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "series", no_argument, NULL, 's' },
		{ "trailer", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	bool series = false;
	int trailer = PD_TRAILER_NONE, c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		if (c == 's') {
			series = true;
		} else if (c == 't' && (trailer = pd_reply_trailer_parse(optarg)) < 0) {
			fprintf(stderr, "patchdeck reply: --trailer takes reviewed, acked or tested, "
					"not '%s'\n",
				optarg);
			return PD_EXIT_USAGE;
		} else if (c != 't') {
			usage();
			return PD_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		usage();
		return PD_EXIT_USAGE;
	}
	struct pd_config *cfg = pd_cli_config(cli);
	struct pd_addr me;
	struct pd_store *store = NULL;
	struct pd_load *load = NULL;
	struct pd_revision *rev = NULL;
	if (cfg == NULL)
		return pd_err_set(&cli->err, PD_E_NOMEM, "out of memory"), PD_EXIT_FAIL;
	if (pd_identity_get(&me, cli->ctx, pd_config_str(cfg, PD_OPTION_FROM), cli->tree,
			    &cli->err) != PD_OK ||
	    pd_store_open(&store, cli->ctx, cli->notmuch_config, &cli->err) != PD_OK ||
	    pd_load_series(&load, &rev, cli->ctx, store, argv[optind], PD_LOAD_BODIES,
			   &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	const struct pd_mail *m = series ? pd_reply_series_target(rev)
					 : pd_reply_find(rev, argv[optind]);
	if (m == NULL) {
		pd_err_set(&cli->err, PD_E_NOT_FOUND, "<%s> is not a mail of its series", argv[optind]);
		return PD_EXIT_FAIL;
	}
	struct pd_reply_in in = { .orig = m, .me = &me, .trailer = trailer };
	if (pd_reply_recipients(cli->ctx, m, (struct pd_addr **)&in.to, &in.nto,
				(struct pd_addr **)&in.cc, &in.ncc, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	char *draft = pd_reply_draft(cli->ctx, &in);
	if (draft == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	fputs(draft, cli->out);
	if (fflush(cli->out) != 0 || ferror(cli->out)) {
		pd_err_set(&cli->err, PD_E_IO, "cannot write the draft to standard output");
		return PD_EXIT_FAIL;
	}
	return PD_EXIT_OK;
}
