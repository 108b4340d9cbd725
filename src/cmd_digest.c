/* patchdeck digest: the list digest of a time range (DIGEST.md). The
 * store and the series engine give the model; digest.c picks the mails,
 * digest_fmt.c writes them. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "cli.h"
#include "digest.h"
#include "digest_archive.h"
#include "digest_fmt.h"
#include "digest_run.h"
#include "json.h"
#include "load.h"
#include "series_fmt.h"
#include "store.h"

static char *day(void *ctx, time_t t)
{
	return pd_digest_day(ctx, t);
}

static void json_person(struct pd_json *j, const char *key, const struct pd_person *p)
{
	pd_json_key(j, key);
	pd_json_begin_object(j);
	pd_json_kstring(j, "name", p->name != NULL ? p->name : "");
	pd_json_kstring(j, "email", p->address != NULL && *p->address ? p->address : p->email);
	pd_json_end_object(j);
}

static void json_table(struct pd_json *j, const char *key, const char *field,
		       const struct pd_digest_count *rows, size_t n)
{
	pd_json_key(j, key);
	pd_json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		pd_json_begin_object(j);
		pd_json_kstring(j, field, rows[i].key);
		pd_json_kint(j, "count", (long long)rows[i].count);
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
}

static const char *role_name(enum pd_digest_role r)
{
	return r == PD_DIGEST_COVER ? "cover" : r == PD_DIGEST_FIRST ? "patch" : "other";
}

static int write_json(struct pd_cli *cli, const struct pd_digest *d,
		      const struct pd_digest_head *head)
{
	void *tmp = talloc_new(cli->ctx);
	struct pd_json *j = pd_json_new(tmp, cli->out);
	if (j == NULL)
		return PD_E_NOMEM;
	pd_json_begin_object(j);
	pd_json_kstring(j, "list", head->list);
	pd_json_kstring(j, "from", head->start);
	pd_json_kstring(j, "to", head->end);
	pd_json_key(j, "mails");
	pd_json_begin_array(j);
	for (size_t i = 0; i < d->nmails; i++) {
		const struct pd_digest_mail *e = &d->mails[i];
		pd_json_begin_object(j);
		pd_json_kstring(j, "id", e->mail->message_id);
		pd_json_kstring(j, "date", day(tmp, e->mail->date));
		pd_json_kstring(j, "kind", role_name(e->role));
		pd_json_kstring(j, "author", pd_digest_person(tmp, &e->author));
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
	json_table(j, "domains", "domain", d->domains, d->ndomains);
	json_table(j, "contributors", "person", d->people, d->npeople);
	pd_json_key(j, "series");
	pd_json_begin_array(j);
	for (size_t i = 0; i < d->nseries; i++) {
		const struct pd_revision *r = d->series[i].rev;
		pd_json_begin_object(j);
		pd_json_kstring(j, "id", r->id);
		pd_json_kstring(j, "version", pd_fmt_version(tmp, r));
		pd_json_kstring(j, "title", r->title);
		json_person(j, "author", &d->series[i].author);
		pd_json_kint(j, "total", r->total);
		pd_json_kint(j, "patches", (long long)d->series[i].npatches);
		pd_json_kbool(j, "cover", d->series[i].cover);
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
	pd_json_key(j, "entries");
	pd_json_begin_array(j);
	for (size_t i = 0; i < d->nmails; i++) {
		const struct pd_digest_mail *e = &d->mails[i];
		if (e->role == PD_DIGEST_OTHER)
			continue;
		const struct pd_mail *m = e->mail;
		char *msg = NULL, *stat = NULL;
		if (pd_digest_split(tmp, m->text, e->role == PD_DIGEST_COVER, &msg, &stat) != 0)
			return PD_E_NOMEM;
		if (e->role != PD_DIGEST_COVER)
			stat = pd_digest_stat(tmp, m, stat);
		pd_json_begin_object(j);
		pd_json_kstring(j, "kind", role_name(e->role));
		pd_json_kstring(j, "id", m->message_id);
		pd_json_kstring(j, "date", day(tmp, m->date));
		pd_json_kstring(j, "title", m->subject != NULL ? m->subject->title : NULL);
		pd_json_kstring(j, "subject", m->subject_raw);
		json_person(j, "sender", &m->sender);
		json_person(j, "author", &e->author);
		pd_json_kstring(j, "exists", e->exists != NULL ? e->exists->mail->message_id : NULL);
		pd_json_kstring(j, "message", msg);
		pd_json_kstring(j, "stat", stat);
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
	pd_json_end_object(j);
	int rc = pd_json_finish(j) == 0 ? PD_OK : PD_E_NOMEM;
	talloc_free(tmp);
	return rc;
}

/* Prints the digest d: as JSON, or as the text report. */
static int print(struct pd_cli *cli, const struct pd_digest *d, const struct pd_digest_head *head,
		 bool json)
{
	if (json) {
		if (write_json(cli, d, head) != PD_OK) {
			pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
			return PD_EXIT_FAIL;
		}
	} else {
		char *text = pd_digest_format(cli->ctx, d, head);
		if (text == NULL) {
			pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
			return PD_EXIT_FAIL;
		}
		fputs(text, cli->out);
	}
	if (fflush(cli->out) != 0 || ferror(cli->out)) {
		pd_err_set(&cli->err, PD_E_IO, "cannot write the digest to standard output");
		return PD_EXIT_FAIL;
	}
	return PD_EXIT_OK;
}

/* digest --archive: the messages the commits (from, to] of a public-inbox
 * archive add, read from the archive; the title names the two commits. */
static int digest_archive(struct pd_cli *cli, const char *archive, const char *from,
			  const char *to, const char *list, bool json, int nquery)
{
	if (nquery > 0) {
		fputs("patchdeck digest: --archive reads the archive's range, not the store: "
		      "give no QUERY with it\n", stderr);
		return PD_EXIT_USAGE;
	}
	struct pd_digest_range *r = NULL;
	struct pd_digest *d = NULL;
	if (pd_digest_archive(&r, cli->ctx, archive, from, to, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	if (pd_digest_build(&d, cli->ctx, r->model, 0, 0) != PD_OK) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	struct pd_digest_head head = { .list = list, .start = r->start, .end = r->end };
	return print(cli, d, &head, json);
}

int pd_cmd_digest(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "list", required_argument, NULL, 'l' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "archive", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct pd_digest_args args = { .list = "The" };
	bool json = false;
	const char *archive = NULL, *from_arg = NULL, *to_arg = NULL;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			args.list = optarg;
			break;
		case 'a':
			archive = optarg;
			break;
		case 'f':
		case 't':
			/* With --archive they are commits, read once all options are. */
			*(c == 'f' ? &from_arg : &to_arg) = optarg;
			break;
		case 'j':
			json = true;
			break;
		default:
			if (optopt == 'l' || optopt == 'f' || optopt == 't' || optopt == 'a')
				fprintf(stderr, "patchdeck digest: %s needs a value; try 'patchdeck --help'\n",
					argv[optind - 1]);
			else
				fprintf(stderr, "patchdeck digest: unknown option '%s'; try 'patchdeck --help'\n",
					argv[optind - 1]);
			return PD_EXIT_USAGE;
		}
	}
	if (archive != NULL)
		return digest_archive(cli, archive, from_arg, to_arg, args.list, json,
				      argc - optind);
	args.from = from_arg;
	args.to = to_arg;
	args.query = pd_cli_join_query(cli->ctx, argc - optind, argv + optind);
	if (args.query == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	struct pd_store *store = NULL;
	struct pd_digest *d = NULL;
	struct pd_digest_head head;
	size_t nunreadable = 0;
	char *unreadable = NULL;
	if (pd_store_open(&store, cli->ctx, cli->notmuch_config, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	int rc = pd_digest_run(&d, &head, cli->ctx, store, &args, &nunreadable, &unreadable,
			       &cli->err);
	if (rc == PD_E_USAGE) {
		fprintf(stderr, "patchdeck digest: %s\n", pd_err_msg(&cli->err));
		return PD_EXIT_USAGE;
	}
	if (rc != PD_OK)
		return PD_EXIT_FAIL;
	if (nunreadable > 0)
		fprintf(stderr, "patchdeck: skipped %zu message%s that could not be read (%s)\n",
			nunreadable, nunreadable == 1 ? "" : "s", unreadable);
	return print(cli, d, &head, json);
}
