#include "config.h"

#include <getopt.h>
#include <git2.h>
#include <gmime/gmime.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "rc.h"
#include "repo.h"
#include "status.h"
#include "store.h"
#include "ui/reader.h"
#include "visible.h"

struct command {
	const char *name;
	int (*run)(struct pd_cli *cli, int argc, char **argv);
	const char *usage;
	const char *summary;
};

#define PD_COMMAND_ROW(n, fn, u, s) { .name = #n, .run = fn, .usage = u, .summary = s },
static const struct command commands[] = {
	PD_COMMAND_LIST(PD_COMMAND_ROW)
};
#undef PD_COMMAND_ROW

static void usage(FILE *fp)
{
	fputs("usage: patchdeck [OPTIONS] [QUERY...]\n"
	      "       patchdeck [OPTIONS] COMMAND [ARGS...]\n"
	      "\n"
	      "A terminal reader for patch series in a notmuch mail store.\n"
	      "Without a command, opens the reader on the threads matching QUERY.\n"
	      "\n"
	      "Commands:\n",
	      fp);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-24s %s\n", commands[i].usage, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  --notmuch-config FILE    notmuch config to use (default: $NOTMUCH_CONFIG,\n"
	      "                           then notmuch's own lookup)\n"
	      "  --tree DIR               the git tree patches apply to (its top\n"
	      "                           directory, a bare repository or a worktree)\n"
	      "  --theme NAME             the reader's colours: default, light, mono, or\n"
	      "                           NAME.theme in ~/.config/patchdeck/themes\n"
	      "  --no-cache               read every mail file, neither reading nor\n"
	      "                           writing the series cache (PATCHDECK_CACHE=0)\n"
	      "  -h, --help               show this help and exit\n"
	      "  -V, --version            show the version and exit\n"
	      "\n"
	      "Testing aid:\n"
	      "  --script FILE            run the reader on a virtual screen with keys\n"
	      "                           from FILE ('key j', 'type :quit', 'resize 30 100',\n"
	      "                           'dump', 'dump attrs', 'echo TEXT'); dumps go to\n"
	      "                           standard output; no terminal needed\n"
	      "  --screen ROWSxCOLS       size of that screen (default 24x80)\n"
	      "\n"
	      "See patchdeck(1) for keys, configuration and examples.\n",
	      fp);
}

struct pd_config *pd_cli_config(struct pd_cli *cli)
{
	struct pd_config *cfg = NULL;
	struct pd_err err;
	pd_err_init(&err, cli->ctx);
	if (pd_config_new(&cfg, cli->ctx, &err) != PD_OK)
		return NULL;
	char *path = pd_config_user_path(cli->ctx);
	if (path != NULL && access(path, F_OK) == 0 &&
	    pd_config_run_file(cfg, path, &err) != PD_OK)
		fprintf(stderr, "patchdeck: %s\n", pd_err_msg(&err));
	return cfg;
}

bool pd_cli_wait_seconds(const char *arg, unsigned *secs)
{
	char *end = NULL;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || v < 0 || v > 86400)
		return false;
	*secs = (unsigned)v;
	return true;
}

char *pd_cli_join_query(void *ctx, int argc, char **argv)
{
	char *q = talloc_strdup(ctx, "");
	for (int i = 0; q != NULL && i < argc; i++)
		q = talloc_asprintf_append(q, "%s%s", i ? " " : "", argv[i]);
	return q;
}

int pd_cli_load_series(struct pd_revision **out, struct pd_cli *cli,
		       const char *cmd, int argc, char **argv)
{
	*out = NULL;
	if (argc - optind != 1) {
		fprintf(stderr, "patchdeck %s: give one SERIES (a Message-ID of the series); "
				"'patchdeck list' shows them\n", cmd);
		return PD_EXIT_USAGE;
	}
	struct pd_store *store = NULL;
	struct pd_load *load = NULL;
	if (pd_store_open(&store, cli->ctx, cli->notmuch_config, &cli->err) != PD_OK ||
	    pd_load_series(&load, out, cli->ctx, store, argv[optind], PD_LOAD_BODIES,
			   &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	return PD_EXIT_OK;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	enum { OPT_NOTMUCH_CONFIG = 256, OPT_TREE, OPT_SCRIPT, OPT_SCREEN, OPT_DUMP_KEYS,
	       OPT_THEME, OPT_NO_CACHE };
	static const struct option longopts[] = {
		{ "notmuch-config", required_argument, NULL, OPT_NOTMUCH_CONFIG },
		{ "tree", required_argument, NULL, OPT_TREE },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "script", required_argument, NULL, OPT_SCRIPT },
		{ "screen", required_argument, NULL, OPT_SCREEN },
		/* Hidden: generated text (the man page's KEYS section). */
		{ "dump-keys", required_argument, NULL, OPT_DUMP_KEYS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};

	setlocale(LC_ALL, "");
	/* PATCHDECK_TALLOC_REPORT=1: what is still allocated under talloc's
	 * null context at exit goes to stderr; the tests require nothing. */
	const char *report = getenv("PATCHDECK_TALLOC_REPORT");
	bool talloc_report = report != NULL && strcmp(report, "1") == 0;
	/* Null tracking links every talloc_new(NULL) into one list, which
	 * is not thread-safe: the mail files are then read without worker
	 * threads (a concurrent insert once made the final free loop). */
	if (talloc_report) {
		setenv("PATCHDECK_THREADS", "0", 1);
		talloc_enable_null_tracking();
	}
	void *ctx = talloc_new(NULL);
	struct pd_cli cli = {
		.ctx = ctx,
		.notmuch_config = NULL,
		.program = "patchdeck",
		.out = stdout,
	};
	pd_err_init(&cli.err, ctx);
	struct pd_reader_opts reader = { .script = NULL, .screen = NULL, .theme = NULL };
	const char *dump_keys = NULL;

	/* '+' stops at the first non-option so that subcommands parse their
	 * own options. */
	/* Our own messages, so that they name the program the same way
	 * whatever path it was started by. */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_NOTMUCH_CONFIG:
			cli.notmuch_config = optarg;
			break;
		case OPT_TREE:
			cli.tree = optarg;
			break;
		case OPT_SCRIPT:
			reader.script = optarg;
			break;
		case OPT_THEME:
			reader.theme = optarg;
			break;
		case OPT_NO_CACHE:
			/* The loader's switch (src/cache.h), for this process. */
			setenv("PATCHDECK_CACHE", "0", 1);
			break;
		case OPT_SCREEN:
			reader.screen = optarg;
			break;
		case OPT_DUMP_KEYS:
			dump_keys = optarg;
			break;
		case 'h':
			usage(stdout);
			talloc_free(ctx);
			return PD_EXIT_OK;
		case 'V':
			printf("patchdeck %s\n", PACKAGE_VERSION);
			talloc_free(ctx);
			return PD_EXIT_OK;
		default:
			if (optopt == OPT_NOTMUCH_CONFIG)
				fprintf(stderr, "patchdeck: --notmuch-config needs a FILE\n");
			else if (optopt == OPT_TREE)
				fprintf(stderr, "patchdeck: --tree needs a DIR\n");
			else if (optopt == OPT_SCRIPT)
				fprintf(stderr, "patchdeck: --script needs a FILE\n");
			else if (optopt == OPT_SCREEN)
				fprintf(stderr, "patchdeck: --screen needs ROWSxCOLS\n");
			else if (optopt == OPT_THEME)
				fprintf(stderr, "patchdeck: --theme needs a NAME (default, light, "
						"mono or a theme of yours)\n");
			else if (optopt != 0)
				fprintf(stderr, "patchdeck: unknown option '-%c'\n", optopt);
			else
				fprintf(stderr, "patchdeck: unknown option '%s'\n",
					argv[optind - 1]);
			fputs("patchdeck: try 'patchdeck --help'\n", stderr);
			talloc_free(ctx);
			return PD_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;

	g_mime_init();
	git_libgit2_init();

	int rc;
	const struct command *cmd = argc > 0 ? find_command(argv[0]) : NULL;
	if (dump_keys != NULL) {
		rc = pd_reader_dump(&cli, dump_keys);
	} else if (cli.tree != NULL &&
	    pd_repo_open(&cli.repo, ctx, cli.tree, &cli.err) != PD_OK) {
		rc = PD_EXIT_FAIL;
	} else if (cmd != NULL) {
		optind = 1;
		rc = cmd->run(&cli, argc, argv);
	} else {
		/* The reader opens the store before it touches the terminal,
		 * so a bad set-up is one line on a normal screen. */
		rc = pd_reader_main(&cli, &reader, argc, argv);
	}
	if (rc == PD_EXIT_FAIL) {
		/* The line can quote mail (a path in a diff, a title). */
		fputs("patchdeck: ", stderr);
		pd_visible_put(stderr, pd_err_msg(&cli.err), false);
		putc('\n', stderr);
	}

	g_mime_shutdown();
	/* The repository's destructor still needs libgit2. */
	talloc_free(ctx);
	git_libgit2_shutdown();
	if (talloc_report && talloc_total_blocks(NULL) > 1)
		talloc_report_full(NULL, stderr);
	/* The null context itself is an empty block, whose pointer memcheck
	 * cannot see (one past its end): a leak, it says, unless freed. */
	if (talloc_report)
		talloc_disable_null_tracking();
	return rc;
}
