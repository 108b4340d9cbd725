#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "apply.h"
#include "apply_check.h"
#include "apply_tag.h"
#include "cli.h"
#include "rc.h"
#include "store.h"
#include "visible.h"

enum { TAG_WAIT_S = 30 };

static int usage_error(const char *what)
{
	fprintf(stderr, "patchdeck apply: %s; try 'patchdeck --help'\n", what);
	return PD_EXIT_USAGE;
}

static void check_line(FILE *out, const char *label, const char *name,
		       const struct pd_check_on *on, const struct pd_revision *rev, void *ctx)
{
	if (on->id == NULL) {
		fprintf(out, "on %s: none found\n", label);
		return;
	}
	fprintf(out, "on %s %s (%s) %s: ", label, on->short_id, name, on->summary);
	if (on->applies)
		fputs("applies\n", out);
	else
		fprintf(out, "fails at %s\n", pd_check_fail_text(ctx, rev, on));
}

static void tell_waiting(void *data, unsigned waited_ms)
{
	(void)data;
	if (waited_ms == 0)
		fprintf(stderr, "patchdeck: the notmuch database is locked by another writer "
				"(notmuch new?); waiting up to %d s to tag the series applied\n",
			TAG_WAIT_S);
}

/* The branch holds the commits: the series is applied now, for notmuch
 * too. Failing that is a warning, not a failure: the branch stands, and
 * the line says how to set the state by hand. */
static void tag_applied(struct pd_cli *cli, const struct pd_revision *rev)
{
	struct pd_config *cfg = pd_cli_config(cli);
	const char *prefix = cfg != NULL ? pd_config_str(cfg, PD_OPTION_TAG_PREFIX) : NULL;
	struct pd_err err;
	pd_err_init(&err, cli->ctx);
	struct pd_store *store = NULL;
	if (pd_store_open(&store, cli->ctx, cli->notmuch_config, &err) != PD_OK ||
	    pd_apply_tag(store, rev, prefix, TAG_WAIT_S * 1000, tell_waiting, NULL, NULL, NULL,
			 &err) != PD_OK)
		fprintf(stderr, "patchdeck: warning: the branch is made, but the series is not "
				"tagged applied: %s; 'patchdeck tag %s applied' sets it\n",
			pd_err_msg(&err), rev->id);
}

/* apply --check: both commits, then a row per patch. Exit status: whether
 * the series applies where apply would put it (its base, else HEAD). */
static int report_check(struct pd_cli *cli, struct pd_repo *repo, const struct pd_revision *rev)
{
	struct pd_check *c = NULL;
	if (pd_apply_check(&c, cli->ctx, repo, rev, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	FILE *out = cli->out;
	check_line(out, "base", c->on_base.how, &c->on_base, rev, cli->ctx);
	check_line(out, "HEAD", c->head_name, &c->on_head, rev, cli->ctx);
	for (size_t i = 0; i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		const char *title = p->mail->subject && p->mail->subject->title
				    ? p->mail->subject->title : "";
		fprintf(out, "%d/%d %-4s %-4s %s\n", p->n, rev->total,
			c->on_base.id ? pd_check_word(c->on_base.patches[i].state) : "?",
			pd_check_word(c->on_head.patches[i].state), title);
	}
	const struct pd_check_on *used = c->on_base.id != NULL ? &c->on_base : &c->on_head;
	if (used->applies && rev->nmissing == 0)
		return PD_EXIT_OK;
	if (rev->nmissing > 0)
		pd_err_set(&cli->err, PD_E_NOT_FOUND, "<%s> lacks patch %d of %d: find the missing "
			   "mail before applying it", rev->id, rev->missing[0], rev->total);
	else
		pd_err_set(&cli->err, PD_E_DIFF, "<%s> does not apply on %s %s: %s", rev->id,
			   used == &c->on_base ? "its base" : "HEAD", used->short_id,
			   rev->npatches == 0 ? "it has no patches"
					      : pd_check_fail_text(cli->ctx, rev, used));
	return PD_EXIT_FAIL;
}

int pd_cmd_apply(struct pd_cli *cli, int argc, char **argv)
{
	enum { OPT_TREE = 256, OPT_BASE, OPT_BRANCH, OPT_CHECKOUT, OPT_DRY_RUN, OPT_CHECK,
	       OPT_NO_TAG };
	static const struct option longopts[] = {
		{ "tree", required_argument, NULL, OPT_TREE },
		{ "base", required_argument, NULL, OPT_BASE },
		{ "branch", required_argument, NULL, OPT_BRANCH },
		{ "checkout", no_argument, NULL, OPT_CHECKOUT },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "no-tag", no_argument, NULL, OPT_NO_TAG },
		{ NULL, 0, NULL, 0 },
	};
	struct pd_apply_opts opts = { .base = PD_APPLY_BASE_AUTO };
	bool check = false, chosen = false, tag = true;
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TREE:
			cli->tree = optarg;
			break;
		case OPT_CHECK:
			check = true;
			break;
		case OPT_BASE:
			chosen = true;
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
			chosen = true;
			opts.branch = optarg;
			break;
		case OPT_CHECKOUT:
			chosen = true;
			opts.checkout = true;
			break;
		case OPT_DRY_RUN:
			opts.dry_run = true;
			break;
		case OPT_NO_TAG:
			tag = false;
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
	if (check && chosen)
		return usage_error("--check looks at the series' base and HEAD; it takes no "
				   "--base, --branch or --checkout");
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

	if (check)
		return report_check(cli, repo, rev);
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
	if (tag && !opts.dry_run)
		tag_applied(cli, rev);
	return PD_EXIT_OK;
}
