#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "apply.h"
#include "cli.h"
#include "visible.h"

static int usage_error(const char *what)
{
	fprintf(stderr, "patchdeck apply: %s; try 'patchdeck --help'\n", what);
	return PD_EXIT_USAGE;
}

int pd_cmd_apply(struct pd_cli *cli, int argc, char **argv)
{
	enum { OPT_TREE = 256, OPT_BASE, OPT_BRANCH, OPT_CHECKOUT, OPT_DRY_RUN };
	static const struct option longopts[] = {
		{ "tree", required_argument, NULL, OPT_TREE },
		{ "base", required_argument, NULL, OPT_BASE },
		{ "branch", required_argument, NULL, OPT_BRANCH },
		{ "checkout", no_argument, NULL, OPT_CHECKOUT },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ NULL, 0, NULL, 0 },
	};
	struct pd_apply_opts opts = { .base = PD_APPLY_BASE_AUTO };
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TREE:
			cli->tree = optarg;
			break;
		case OPT_BASE:
			if (strcmp(optarg, "auto") == 0) {
				opts.base = PD_APPLY_BASE_AUTO;
			} else if (strcmp(optarg, "head") == 0) {
				opts.base = PD_APPLY_BASE_HEAD;
			} else {
				opts.base = PD_APPLY_BASE_REV;
				opts.rev = optarg;
			}
			break;
		case OPT_BRANCH:
			opts.branch = optarg;
			break;
		case OPT_CHECKOUT:
			opts.checkout = true;
			break;
		case OPT_DRY_RUN:
			opts.dry_run = true;
			break;
		default:
			if (optopt == OPT_TREE || optopt == OPT_BASE || optopt == OPT_BRANCH)
				return usage_error(optopt == OPT_TREE ? "--tree needs a DIR"
						   : optopt == OPT_BASE ? "--base needs auto, head or a REV"
						   : "--branch needs a NAME");
			return usage_error(talloc_asprintf(cli->ctx, "unknown option '%s'",
							   argv[optind - 1]));
		}
	}
	/* --tree after the command: the same as before it. */
	if (cli->tree != NULL && cli->repo == NULL &&
	    pd_repo_open(&cli->repo, cli->ctx, cli->tree, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	struct pd_revision *rev = NULL;
	struct pd_repo *repo = NULL;
	int rc = pd_cli_load_series(&rev, cli, "apply", argc, argv);
	if (rc == PD_EXIT_OK)
		rc = pd_cli_open_tree(&repo, cli, rev);
	if (rc != PD_EXIT_OK)
		return rc;

	struct pd_apply_result *res = NULL;
	if (pd_apply(&res, cli->ctx, repo, rev, &opts, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	if (res->base != NULL && res->base->line_missing != NULL)
		fprintf(stderr, "patchdeck: warning: base-commit %s is not in the tree; used the "
				"%s base instead\n", res->base->line_missing, res->base_how);
	FILE *out = cli->out;
	/* Summaries are titles from mail: shown as the reader shows them. */
	fprintf(out, "%s %s: %zu commit%s on %s (%s) ",
		opts.dry_run ? "would create branch" : "created branch", res->branch,
		res->ncommits, res->ncommits == 1 ? "" : "s", res->base_short_id, res->base_how);
	pd_visible_put(out, res->base_summary, false);
	putc('\n', out);
	/* Newest first, as git log --oneline lists them. */
	for (size_t i = res->ncommits; i-- > 0;)
	{
		fprintf(out, "%s ", res->commits[i].short_id);
		pd_visible_put(out, res->commits[i].summary, false);
		putc('\n', out);
	}
	if (res->checked_out)
		fprintf(out, "checked out %s\n", res->branch);
	return PD_EXIT_OK;
}
