#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <talloc.h>

#include "base.h"
#include "cli.h"
#include "patchid.h"
#include "tree.h"
#include "visible.h"

int pd_cli_open_tree(struct pd_repo **out, struct pd_cli *cli, const struct pd_revision *rev)
{
	struct pd_config *cfg = NULL;
	if (cli->repo == NULL && pd_tree_load_config(&cfg, cli->ctx, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	return pd_tree_open(out, cli->ctx, cli->repo, cfg, rev, &cli->err) == PD_OK
		       ? PD_EXIT_OK : PD_EXIT_FAIL;
}

int pd_cmd_base(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	if (getopt_long(argc, argv, "+", longopts, NULL) != -1) {
		fprintf(stderr, "patchdeck base: unknown option '%s'; try 'patchdeck --help'\n",
			argv[optind - 1]);
		return PD_EXIT_USAGE;
	}
	struct pd_revision *rev = NULL;
	struct pd_repo *repo = NULL;
	int rc = pd_cli_load_series(&rev, cli, "base", argc, argv);
	if (rc == PD_EXIT_OK)
		rc = pd_cli_open_tree(&repo, cli, rev);
	if (rc != PD_EXIT_OK)
		return rc;
	struct pd_base *b = NULL;
	if (pd_base_find(&b, cli->ctx, repo, rev, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	if (b->line_missing != NULL)
		fprintf(stderr, "patchdeck: warning: base-commit %s of <%s> is not in %s; "
				"guessing from the diffs' blobs\n",
			b->line_missing, rev->id, pd_repo_path(repo));
	if (b->how == PD_BASE_NONE) {
		pd_err_set(&cli->err, PD_E_NOT_FOUND,
			   "no base for <%s> in %s: no commit before the mail holds any of the "
			   "%d files its diffs start from; apply with --base REV",
			   rev->id, pd_repo_path(repo), b->total);
		return PD_EXIT_FAIL;
	}
	fprintf(cli->out, "%s %s %d/%d %s\n", b->id, pd_base_how_name(b->how), b->matched,
		b->total, b->summary);
	return PD_EXIT_OK;
}

int pd_cmd_merged(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	if (getopt_long(argc, argv, "+", longopts, NULL) != -1) {
		fprintf(stderr, "patchdeck merged: unknown option '%s'; try 'patchdeck --help'\n",
			argv[optind - 1]);
		return PD_EXIT_USAGE;
	}
	struct pd_revision *rev = NULL;
	struct pd_repo *repo = NULL;
	int rc = pd_cli_load_series(&rev, cli, "merged", argc, argv);
	if (rc == PD_EXIT_OK)
		rc = pd_cli_open_tree(&repo, cli, rev);
	if (rc != PD_EXIT_OK)
		return rc;
	struct pd_history *h = NULL;
	struct pd_history_stats st;
	if (pd_history_load(&h, cli->ctx, repo, NULL, &st, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		char *commit = NULL;
		enum pd_merged_how how = pd_history_find(h, cli->ctx, p, &commit);
		const char *title = p->mail->subject && p->mail->subject->title
				    ? p->mail->subject->title : "";
		fprintf(cli->out, "%d/%d %.12s %s ", p->n, rev->total, commit ? commit : "-",
			how == PD_MERGED_PATCHID ? "patch-id" : how == PD_MERGED_SUBJECT ? "subject" : "-");
		pd_visible_put(cli->out, title, false);
		putc('\n', cli->out);
	}
	return PD_EXIT_OK;
}
