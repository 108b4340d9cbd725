#include "config.h"

#include <getopt.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "cli.h"
#include "diffstat.h"
#include "json.h"
#include "load.h"
#include "rc.h"
#include "review_state.h"
#include "series_json.h"
#include "store.h"
#include "visible.h"

/* Text from mail on a terminal: as the reader shows it (pd_visible), so
 * that a mail cannot drive the terminal or hide what it says. */
static void put_text(FILE *out, const char *s)
{
	pd_visible_put(out, s, true);
}

/* Every line of text, indented. */
static void put_block(FILE *out, const char *text, const char *indent)
{
	const char *s = text;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		char *line = talloc_strndup(NULL, s, len);
		fputs(len > 0 ? indent : "", out);
		put_text(out, line != NULL ? line : "");
		putc('\n', out);
		talloc_free(line);
		s += len + (nl != NULL);
	}
}

static void put_person(FILE *out, const struct pd_person *p)
{
	if (p->name != NULL && *p->name)
		put_text(out, p->name);
	if (p->email != NULL && *p->email) {
		fputs(p->name != NULL && *p->name ? " <" : "<", out);
		put_text(out, p->email);
		putc('>', out);
	}
}

static const char *version(void *ctx, const struct pd_revision *r)
{
	return r->version_minor > 0 ? talloc_asprintf(ctx, "v%d.%d", r->version, r->version_minor)
				    : talloc_asprintf(ctx, "v%d", r->version);
}

static void put_trailers(FILE *out, void *ctx, const struct pd_patch *p)
{
	size_t n = 0;
	const struct pd_collected **c = pd_patch_new_trailers(ctx, p, &n);
	for (size_t i = 0; i < n; i++) {
		fputs("    + ", out);
		put_text(out, c[i]->trailer->name);
		fputs(": ", out);
		put_text(out, c[i]->trailer->value);
		if (c[i]->via_cover)
			fputs(" (given to the cover letter)", out);
		if (c[i]->carried)
			fputs(" (earned on an older revision)", out);
		if (c[i]->mismatch && c[i]->from != NULL) {
			fputs(" (sent by ", out);
			put_text(out, c[i]->from->sender.email != NULL ? c[i]->from->sender.email : "?");
			fputs(", not the trailer's address)", out);
		}
		putc('\n', out);
	}
}

static void put_patch(FILE *out, void *ctx, const struct pd_revision *rev,
		      const struct pd_patch *p)
{
	const struct pd_mail *m = p->mail;
	fprintf(out, "\n[%d/%d] ", p->n, rev->total);
	put_text(out, m->subject != NULL && m->subject->title != NULL ? m->subject->title : "");
	fprintf(out, "\n    Id:       <%s>\n    Author:   ", m->message_id);
	put_person(out, &m->author);
	fprintf(out, "\n    Replies:  %zu\n", p->nreplies);
	if (p->carried)
		fputs("    Carried:  not resent in this revision; taken from the one before\n", out);
	if (p->extra)
		fprintf(out, "    Extra:    numbered above the series' total of %d\n", rev->total);
	const char *msg = m->patch != NULL ? m->patch->message : m->text;
	if (msg != NULL && *msg) {
		putc('\n', out);
		put_block(out, msg, "    ");
	}
	put_trailers(out, ctx, p);
	char *stat = NULL;
	if (m->patch != NULL && m->patch->diff != NULL) {
		struct pd_diffstat *ds = NULL;
		if (pd_diffstat_compute(&ds, ctx, m->patch->diff, strlen(m->patch->diff),
					NULL) == 0)
			stat = pd_diffstat_render(ctx, ds, PD_DIFFSTAT_MAIL_WIDTH);
	}
	if (stat == NULL && m->patch != NULL)
		stat = m->patch->diffstat;
	if (stat != NULL && *stat) {
		putc('\n', out);
		put_block(out, stat, "    ");
	}
}

static void show_text(FILE *out, void *ctx, const struct pd_revision *rev)
{
	char *tags = pd_revision_tags(ctx, rev);
	char date[40];
	struct tm tm;
	gmtime_r(&rev->date, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S UTC", &tm);

	if (tags != NULL && *tags)
		fprintf(out, "%s ", tags);
	put_text(out, rev->title != NULL ? rev->title : "");
	fprintf(out, "\nId:        <%s>\nVersion:   %s\nAuthor:    ", rev->id, version(ctx, rev));
	put_person(out, &rev->author);
	fprintf(out, "\nDate:      %s\n", date);
	if (rev->kind == PD_REV_PULL) {
		const struct pd_mail *m = rev->cover != NULL ? rev->cover
				: rev->npatches > 0 ? rev->patches[0].mail : NULL;
		fputs("Pull:      ", out);
		put_text(out, m != NULL && m->pull_url != NULL ? m->pull_url : "?");
		if (m != NULL && m->pull_branch != NULL) {
			putc(' ', out);
			put_text(out, m->pull_branch);
		}
		putc('\n', out);
	} else {
		fprintf(out, "Patches:   %zu/%d", pd_revision_received(rev), rev->total);
		for (size_t i = 0; i < rev->nmissing; i++)
			fprintf(out, "%s%d", i == 0 ? ", missing " : " ", rev->missing[i]);
		putc('\n', out);
	}
	fprintf(out, "Reviews:   Acked-by %d, Reviewed-by %d, Tested-by %d\n", rev->nacked,
		rev->nreviewed, rev->ntested);
	fprintf(out, "Replies:   %zu\n", rev->nreplies_total);
	for (size_t i = 0; rev->series != NULL && i < rev->series->nrevisions; i++) {
		const struct pd_revision *r = rev->series->revisions[i];
		fprintf(out, "%s%-5s <%s>%s\n", i == 0 ? "Revisions: " : "           ",
			version(ctx, r), r->id, r == rev ? " (this one)" : "");
	}
	if (rev->cover != NULL) {
		fprintf(out, "\nCover letter <%s>\n", rev->cover->message_id);
		if (rev->cover->text != NULL && *rev->cover->text) {
			putc('\n', out);
			put_block(out, rev->cover->text, "    ");
		}
	}
	for (size_t i = 0; i < rev->npatches; i++)
		put_patch(out, ctx, rev, &rev->patches[i]);
}

int pd_cmd_show(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		if (c != 'j') {
			fprintf(stderr, "patchdeck show: unknown option '%s'; try 'patchdeck --help'\n",
				argv[optind - 1]);
			return PD_EXIT_USAGE;
		}
		json = true;
	}

	struct pd_revision *rev = NULL;
	int rc = pd_cli_load_series(&rev, cli, "show", argc, argv);
	if (rc != PD_EXIT_OK)
		return rc;
	if (json) {
		struct pd_json *j = pd_json_new(cli->ctx, cli->out);
		struct pd_config *cfg = pd_cli_config(cli);
		struct pd_states *st = NULL;
		if (j == NULL || cfg == NULL) {
			pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
			return PD_EXIT_FAIL;
		}
		if (pd_states_read(&st, cli->ctx, cli->notmuch_config,
				   pd_config_str(cfg, PD_OPTION_TAG_PREFIX), &cli->err) != PD_OK)
			return PD_EXIT_FAIL;
		pd_series_json_state(j, rev, PD_SJ_BODIES, st);
		pd_json_finish(j);
	} else {
		show_text(cli->out, cli->ctx, rev);
	}
	if (fflush(cli->out) != 0 || ferror(cli->out)) {
		pd_err_set(&cli->err, PD_E_IO, "cannot write the series to standard output");
		return PD_EXIT_FAIL;
	}
	return PD_EXIT_OK;
}
