/* patchdeck diff [--interdiff] [OLD] NEW: what changed between two
 * revisions (issue 10), as git range-diff prints it, or the interdiff. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "changelog.h"
#include "cli.h"
#include "interdiff.h"
#include "load.h"
#include "rangediff_series.h"
#include "store.h"
#include "visible.h"

/* Text from mail on a terminal: as the reader shows it (pd_visible). */
static void put_text(FILE *out, const char *s)
{
	pd_visible_put(out, s, true);
}

enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* git range-diff's dual colours: the outer marker decides the line's
 * colour (red old, green new, dim context), the inner marker the
 * background (git: reverse) of what the patch itself added or removed. */
static void put_colored(FILE *out, const char *text)
{
	for (const char *s = text; *s;) {
		size_t len = strcspn(s, "\n");
		char *line = talloc_strndup(NULL, s, len);
		const char *color = NULL;
		if (len >= 5 && strncmp(line, "    ", 4) == 0) {
			char outer = line[4], inner = len > 5 ? line[5] : ' ';
			if (outer == '-')
				color = inner == '+' || inner == '-' ? "\033[7;31m" : "\033[31m";
			else if (outer == '+')
				color = inner == '+' || inner == '-' ? "\033[7;32m" : "\033[32m";
			else if (outer == '@' || inner == '@')
				color = "\033[35m";
			else if (inner == '+')
				color = "\033[32m";
			else if (inner == '-')
				color = "\033[31m";
			else if (len > 6 && line[5] == '#' && line[6] == '#')
				color = "\033[1m";
		} else if (len > 0) {
			color = "\033[33m";
		}
		if (color != NULL)
			fputs(color, out);
		put_text(out, line != NULL ? line : "");
		if (color != NULL)
			fputs("\033[m", out);
		putc('\n', out);
		talloc_free(line);
		s += len + (s[len] == '\n');
	}
}

static int usage(const char *why)
{
	fprintf(stderr, "patchdeck diff: %s; usage: patchdeck diff [--interdiff] [OLD] NEW "
			"(Message-IDs of two revisions; NEW alone: against the one before it)\n", why);
	return PD_EXIT_USAGE;
}

/* The revision holding id: in model when it is there, else loaded. */
static int find_rev(struct pd_revision **out, struct pd_cli *cli, struct pd_store *store,
		    const struct pd_load *have, const char *id)
{
	if (have != NULL && (*out = pd_model_find(have->model, id)) != NULL)
		return PD_OK;
	struct pd_load *load = NULL;
	return pd_load_series(&load, out, cli->ctx, store, id, PD_LOAD_BODIES, &cli->err);
}

static void summary(FILE *out, void *ctx, const struct pd_revision *old,
		    const struct pd_revision *new, const struct pd_rangediff *rd)
{
	fprintf(out, "%s <%s> -> %s <%s>: %zu unchanged, %zu changed, %zu new, %zu dropped\n",
		pd_rd_version(ctx, old), old->id, pd_rd_version(ctx, new), new->id, rd->nsame,
		rd->nchanged, rd->nnew, rd->ndropped);
	/* the author's own account: the cover's changelog, else a single
	 * patch's notes below its --- */
	const char *from = "cover letter";
	char *log = new->cover != NULL ? pd_changelog_extract(ctx, new->cover->text) : NULL;
	for (size_t i = 0; log == NULL && i < new->npatches; i++) {
		const struct pd_body *b = new->patches[i].mail->patch;
		if (!new->patches[i].carried && b != NULL && b->notes != NULL) {
			log = pd_changelog_extract(ctx, b->notes);
			from = talloc_asprintf(ctx, "notes of patch %d", new->patches[i].n);
		}
	}
	if (log == NULL)
		return;
	fprintf(out, "\nChangelog (%s of %s):\n", from, pd_rd_version(ctx, new));
	for (const char *s = log; *s;) {
		size_t len = strcspn(s, "\n");
		char *line = talloc_strndup(ctx, s, len);
		fputs(len > 0 ? "    " : "", out);
		put_text(out, line != NULL ? line : "");
		putc('\n', out);
		s += len + (s[len] == '\n');
	}
}

int pd_cmd_diff(struct pd_cli *cli, int argc, char **argv)
{
	enum { OPT_COLOR = 256 };
	static const struct option longopts[] = {
		{ "interdiff", no_argument, NULL, 'i' },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ NULL, 0, NULL, 0 },
	};
	bool interdiff = false;
	enum color color = COLOR_AUTO;
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		if (c == 'i') {
			interdiff = true;
		} else if (c == OPT_COLOR && (optarg == NULL || strcmp(optarg, "always") == 0)) {
			color = COLOR_ALWAYS;
		} else if (c == OPT_COLOR && strcmp(optarg, "never") == 0) {
			color = COLOR_NEVER;
		} else if (c == OPT_COLOR && strcmp(optarg, "auto") == 0) {
			color = COLOR_AUTO;
		} else {
			fprintf(stderr, "patchdeck diff: unknown option '%s'; try 'patchdeck --help'\n",
				argv[optind - 1]);
			return PD_EXIT_USAGE;
		}
	}
	int nargs = argc - optind;
	if (nargs < 1 || nargs > 2)
		return usage(nargs < 1 ? "give the revision to compare" : "too many arguments");
	const char *old_id = nargs == 2 ? argv[optind] : NULL;
	const char *new_id = argv[optind + nargs - 1];

	struct pd_store *store = NULL;
	struct pd_load *load = NULL;
	struct pd_revision *new = NULL, *old = NULL;
	if (pd_store_open(&store, cli->ctx, cli->notmuch_config, &cli->err) != PD_OK ||
	    pd_load_series(&load, &new, cli->ctx, store, new_id, PD_LOAD_BODIES, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	if (old_id != NULL) {
		if (find_rev(&old, cli, store, load, old_id) != PD_OK)
			return PD_EXIT_FAIL;
	} else if ((old = (struct pd_revision *)pd_rd_previous(new)) == NULL) {
		pd_err_set(&cli->err, PD_E_NOT_FOUND,
			   "<%s> is the first revision of its series (%s): there is nothing before it; "
			   "give OLD NEW to compare it with another", new->id,
			   pd_rd_version(cli->ctx, new));
		return PD_EXIT_FAIL;
	}
	if (old == new) {
		pd_err_set(&cli->err, PD_E_USAGE, "<%s> and <%s> are the same revision <%s>: give two "
			   "revisions", old_id, new_id, new->id);
		return PD_EXIT_FAIL;
	}

	if (interdiff) {
		struct pd_repo *repo = NULL;
		char *text = NULL;
		if (pd_cli_open_tree(&repo, cli, new) != PD_EXIT_OK ||
		    pd_interdiff(&text, cli->ctx, repo, old, new, &cli->err) != PD_OK)
			return PD_EXIT_FAIL;
		put_text(cli->out, text);
	} else {
		struct pd_rangediff *rd = NULL;
		if (pd_rd_revisions(&rd, cli->ctx, old, new, &cli->err) != PD_OK)
			return PD_EXIT_FAIL;
		char *text = pd_rangediff_format(cli->ctx, rd);
		if (text == NULL) {
			pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
			return PD_EXIT_FAIL;
		}
		bool colored = color == COLOR_ALWAYS ||
			       (color == COLOR_AUTO && isatty(fileno(cli->out)) && getenv("NO_COLOR") == NULL);
		summary(cli->out, cli->ctx, old, new, rd);
		putc('\n', cli->out);
		if (colored)
			put_colored(cli->out, text);
		else
			put_text(cli->out, text);
	}
	if (fflush(cli->out) != 0 || ferror(cli->out)) {
		pd_err_set(&cli->err, PD_E_IO, "cannot write the diff to standard output");
		return PD_EXIT_FAIL;
	}
	return PD_EXIT_OK;
}
