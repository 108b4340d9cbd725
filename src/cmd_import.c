/* patchdeck import: a public-inbox archive into a maildir and its notmuch
 * database (import.h does the work; this file is the command line, the
 * progress line and the report). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"

struct report {
	FILE *out;
	bool tty;          /* progress goes to stderr, a terminal */
	struct timespec last;
	bool shown;
	unsigned wait_s;   /* --wait */
};

static double since_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void progress(void *data, const struct pd_import_stats *st)
{
	struct report *rep = data;
	if (!rep->tty)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (st->done != st->messages && rep->shown && since_ms(&rep->last, &now) < 100)
		return;
	rep->last = now;
	rep->shown = true;
	fprintf(stderr, "\rpatchdeck import: %zu/%zu messages (%zu%%), %zu new\033[K", st->done,
		st->messages, st->messages ? st->done * 100 / st->messages : 100, st->added);
	fflush(stderr);
}

/* Takes the progress line away before a line of its own is printed. */
static void clear_progress(struct report *rep)
{
	if (rep->shown) {
		fputs("\r\033[K", stderr);
		rep->shown = false;
	}
}

static void removal(void *data, const char *id, const char *commit)
{
	struct report *rep = data;
	clear_progress(rep);
	fprintf(rep->out, "removed in the archive, not imported: <%s> (commit %s)\n",
		id != NULL ? id : "no Message-ID", commit);
}

enum { DEFAULT_WAIT_S = 30 };

static void tell_waiting(void *data, unsigned waited_ms)
{
	struct report *rep = data;
	if (waited_ms != 0)
		return;
	clear_progress(rep);
	fprintf(stderr, "patchdeck: the notmuch database is locked by another writer "
			"(notmuch new?); waiting up to %u s for it\n",
		rep->wait_s);
}

static size_t env_count(const char *name)
{
	const char *v = getenv(name);
	return v != NULL ? strtoul(v, NULL, 10) : 0;
}

int pd_cmd_import(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 't' },
		{ "wait", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	struct report rep = { .out = cli->out, .tty = isatty(STDERR_FILENO),
			      .wait_s = DEFAULT_WAIT_S };
	struct pd_import_opts o = {
		.notmuch_config = cli->notmuch_config,
		.progress = progress,
		.removal = removal,
		.data = &rep,
		.wait_ms = DEFAULT_WAIT_S * 1000,
		.waiting = tell_waiting,
		/* Testing aids: a small transaction, and a kill at a chosen
		 * message (tests/cli/import.sh). */
		.batch = env_count("PATCHDECK_TEST_IMPORT_BATCH"),
		.kill_after = env_count("PATCHDECK_TEST_IMPORT_KILL_AFTER"),
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o.since = optarg;
			break;
		case 't':
			o.to = optarg;
			break;
		case 'w': {
			unsigned secs = 0;
			if (!pd_cli_wait_seconds(optarg, &secs)) {
				fputs("patchdeck import: --wait takes whole seconds (0 to 86400); try "
				      "'patchdeck --help'\n", stderr);
				return PD_EXIT_USAGE;
			}
			o.wait_ms = secs * 1000;
			rep.wait_s = secs;
			break;
		}
		default:
			if (optopt == 'w')
				fputs("patchdeck import: --wait needs SECONDS; try 'patchdeck --help'\n",
				      stderr);
			else if (optopt == 's' || optopt == 't')
				fprintf(stderr, "patchdeck import: %s needs a COMMIT; try 'patchdeck --help'\n",
					argv[optind - 1]);
			else
				fprintf(stderr, "patchdeck import: unknown option '%s'; try 'patchdeck --help'\n",
					argv[optind - 1]);
			return PD_EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		fputs("patchdeck import: give the ARCHIVE (a public-inbox git mirror) and the "
		      "MAILDIR to import into; try 'patchdeck --help'\n", stderr);
		return PD_EXIT_USAGE;
	}
	o.archive = argv[optind];
	o.maildir = argv[optind + 1];
	struct pd_import_stats *st = NULL;
	int rc = pd_import_run(&st, cli->ctx, &o, &cli->err);
	if (rep.shown)
		fputs("\n", stderr);
	if (st != NULL && st->through != NULL)
		fprintf(cli->out,
			"patchdeck import: %zu message%s imported, %zu already there, %zu removed in "
			"the archive; %s is imported through commit %s\n",
			st->added, st->added == 1 ? "" : "s", st->present, st->removed, o.archive,
			st->through);
	if (fflush(cli->out) != 0 && rc == PD_OK)
		return pd_err_set(&cli->err, PD_E_IO, "cannot write to standard output"),
		       PD_EXIT_FAIL;
	return rc == PD_OK ? PD_EXIT_OK : PD_EXIT_FAIL;
}
