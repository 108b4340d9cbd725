/* What every subcommand gets from main: the invocation's talloc context,
 * the global options and the error slot whose message main prints. */
#ifndef PD_CLI_H
#define PD_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "status.h"

struct pd_repo;

struct pd_cli {
	void *ctx;
	const char *notmuch_config; /* --notmuch-config, or NULL */
	const char *tree;           /* --tree, or NULL */
	struct pd_repo *repo;       /* the opened --tree, or NULL */
	const char *program;        /* argv[0] basename, for messages */
	FILE *out;
	struct pd_err err;
};

/* Exit codes: 0 success, 1 a failure reported through cli->err,
 * 2 bad usage. */
enum { PD_EXIT_OK = 0, PD_EXIT_FAIL = 1, PD_EXIT_USAGE = 2 };

/* X(name, function, usage, summary): one row per subcommand; it feeds the
 * dispatcher and the --help text. The TUI is the command with no name. */
#define PD_COMMAND_LIST(X)                                                    \
	X(list, pd_cmd_list, "list [--json] [--all-revisions] [--state] [QUERY...]", \
	  "print the patch series in the threads of a query, newest first")    \
	X(show, pd_cmd_show, "show [--json] SERIES",                           \
	  "print a series: cover letter, patches, trailers, revisions")        \
	X(mbox, pd_cmd_mbox, "mbox [-o FILE] [--link] SERIES",                 \
	  "write a series as a git am-ready mbox with collected trailers")     \
	X(digest, pd_cmd_digest,                                               \
	  "digest [--list NAME] [--from DAY] [--to DAY] [--json] [QUERY...]",  \
	  "print the list digest of a time range: contributors, patch list, series; " \
	  "with --archive ARCHIVE, --from/--to are commits of a public-inbox archive") \
	X(import, pd_cmd_import, "import [--since COMMIT] [--to COMMIT] [--wait SECONDS] ARCHIVE MAILDIR", \
	  "import a public-inbox archive's new messages into a maildir and notmuch") \
	X(base, pd_cmd_base, "base SERIES",                                    \
	  "print the commit a series was written against")                     \
	X(apply, pd_cmd_apply, "apply [OPTIONS] SERIES",                        \
	  "apply a series to a new branch of the tree, in memory")             \
	X(merged, pd_cmd_merged, "merged SERIES",                               \
	  "print which patches of a series the tree already has")              \
	X(tag, pd_cmd_tag, "tag [--wait SECONDS] SERIES STATE",                \
	  "set a series' review state, a notmuch tag on its messages")         \
	X(reply, pd_cmd_reply, "reply [--series] [--trailer reviewed|acked|tested] MESSAGE-ID", \
	  "print a reply draft to a mail of a series (quoted, threaded, Cc'd)")        \
	X(diff, pd_cmd_diff, "diff [--interdiff] [--color[=WHEN]] [OLD] NEW",  \
	  "print what changed between two revisions: range-diff or interdiff")

#define PD_COMMAND_DECL(name, fn, usage, summary)                             \
	int fn(struct pd_cli *cli, int argc, char **argv);
PD_COMMAND_LIST(PD_COMMAND_DECL)
#undef PD_COMMAND_DECL

struct pd_revision;

/* The step `show` and `mbox` share: exactly one SERIES argument left in
 * argv[optind..], the store opened, the revision holding that Message-ID
 * loaded with bodies. Returns PD_EXIT_OK with *out set, PD_EXIT_USAGE after
 * printing the usage line for cmd, or PD_EXIT_FAIL with cli->err set. */
int pd_cli_load_series(struct pd_revision **out, struct pd_cli *cli,
		       const char *cmd, int argc, char **argv);

/* The git tree for rev: --tree, else the config's tree for its target
 * prefix, else its default tree. PD_EXIT_OK with *out set, or
 * PD_EXIT_FAIL with cli->err set. */
int pd_cli_open_tree(struct pd_repo **out, struct pd_cli *cli, const struct pd_revision *rev);

struct pd_config;

/* The user's configuration file read over the defaults (none: the
 * defaults); a bad line is reported on standard error and the rest
 * applies. NULL only when out of memory. */
struct pd_config *pd_cli_config(struct pd_cli *cli);

/* --wait SECONDS of the commands that write to the notmuch database:
 * whole seconds, 0 to 86400. false (and *secs untouched) otherwise. */
bool pd_cli_wait_seconds(const char *arg, unsigned *secs);

/* Joins argv into one notmuch query string ("" when argc is 0). */
char *pd_cli_join_query(void *ctx, int argc, char **argv);

#endif
