#include "config.h"

#include <talloc.h>
#include <time.h>

#include "cli.h"
#include "store.h"

int pd_cmd_list(struct pd_cli *cli, int argc, char **argv)
{
	struct pd_store *store = NULL;
	struct pd_thread_row *rows = NULL;
	size_t n = 0;

	if (pd_store_open(&store, cli->ctx, cli->notmuch_config, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	char *query = pd_cli_join_query(cli->ctx, argc - 1, argv + 1);
	if (pd_store_threads(&rows, &n, store, cli->ctx, query, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	for (size_t i = 0; i < n; i++) {
		struct tm tm;
		char date[32];
		gmtime_r(&rows[i].newest, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		fprintf(cli->out, "%s  [%d/%d]  %s; %s\n", date, rows[i].matched,
			rows[i].total, rows[i].authors, rows[i].subject);
	}
	return PD_EXIT_OK;
}
