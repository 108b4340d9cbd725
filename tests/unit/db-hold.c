/* Check program for tag writes: holds a notmuch database's write lock
 * the way `notmuch new` does while it runs, until its stdin closes.
 *
 *   db-hold CONFIG    opens the database of CONFIG read-write, prints
 *                     "held" once it has the lock, waits for EOF on
 *                     stdin, closes the database
 *
 * Exit 1 when the database cannot be opened (notmuch's message on
 * stderr), 2 on bad usage. */
#include "config.h"

#include <notmuch.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: db-hold CONFIG\n");
		return 2;
	}
	notmuch_database_t *db = NULL;
	char *msg = NULL;
	notmuch_status_t st = notmuch_database_open_with_config(
		NULL, NOTMUCH_DATABASE_MODE_READ_WRITE, argv[1], NULL, &db, &msg);
	if (st != NOTMUCH_STATUS_SUCCESS) {
		fprintf(stderr, "db-hold: %s\n", msg ? msg : notmuch_status_to_string(st));
		free(msg);
		return 1;
	}
	free(msg);
	puts("held");
	fflush(stdout);
	while (getchar() != EOF)
		;
	notmuch_database_destroy(db);
	return 0;
}
