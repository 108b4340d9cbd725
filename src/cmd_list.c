#include "config.h"

#include <getopt.h>
#include <string.h>
#include <talloc.h>
#include <time.h>
#include <wchar.h>

#include "cli.h"
#include "json.h"
#include "load.h"
#include "rc.h"
#include "review_state.h"
#include "series_fmt.h"
#include "series_json.h"
#include "store.h"
#include "visible.h"

#define AUTHOR_WIDTH 20

/* Columns of the code point starting at s (n bytes long), at least 1: a
 * name from mail must not break the columns whatever it holds. */
static int cp_width(const char *s, size_t *n)
{
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	wchar_t wc;
	size_t len = mbrtowc(&wc, s, strlen(s), &st);
	if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
		*n = 1;
		return 1;
	}
	*n = len;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* s as the reader shows it (pd_visible), in exactly width columns: cut or
 * padded with blanks. */
static void put_column(FILE *out, const char *text, int width)
{
	char *shown = pd_visible(NULL, text, false);
	const char *s = shown != NULL ? shown : "";
	int used = 0;
	while (*s != '\0') {
		size_t n;
		int w = cp_width(s, &n);
		if (used + w > width)
			break;
		fwrite(s, 1, n, out);
		used += w;
		s += n;
	}
	for (; used < width; used++)
		putc(' ', out);
	talloc_free(shown);
}

/* The --state column: as the reader's (changes-requested cut to its
 * first word, which says it), "new" written out. */
static const char *state_text(const struct pd_states *st, const struct pd_revision *rev)
{
	int s = pd_states_of(st, rev, NULL);
	return s == PD_REVIEW_CHANGES_REQUESTED ? "changes" : pd_state_name(s);
}

static void put_line(FILE *out, void *ctx, const struct pd_revision *rev,
		     const struct pd_states *st, const struct pd_fmt_widths *w)
{
	char day[16];
	struct tm tm;
	gmtime_r(&rev->date, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);

	void *tmp = talloc_new(ctx);
	char *ver = pd_fmt_version(tmp, rev);
	char *count = pd_fmt_count(tmp, rev);
	if (count != NULL && rev->nmissing > 0)
		count = talloc_strdup_append(count, PD_FMT_MISSING);
	char *revs = pd_fmt_trailers(tmp, rev);
	char *tags = pd_revision_tags(tmp, rev);

	fprintf(out, "%s  ", day);
	put_column(out, pd_fmt_author(rev), AUTHOR_WIDTH);
	fprintf(out, "  %-*s %-*s %-*s ", w->version, ver ? ver : "", w->count, count ? count : "",
		w->trailers, revs ? revs : "");
	if (st != NULL)
		fprintf(out, "%-10s ", state_text(st, rev));
	if (tags != NULL && *tags != '\0')
		fprintf(out, "%s ", tags);
	pd_visible_put(out, rev->title, false);
	putc('\n', out);
	talloc_free(tmp);
}

int pd_cmd_list(struct pd_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "all-revisions", no_argument, NULL, 'a' },
		{ "state", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, all = false, state = false;
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'a':
			all = true;
			break;
		case 's':
			state = true;
			break;
		default:
			fprintf(stderr, "patchdeck list: unknown option '%s'; try 'patchdeck --help'\n",
				argv[optind - 1]);
			return PD_EXIT_USAGE;
		}
	}

	struct pd_store *store = NULL;
	struct pd_load *load = NULL;
	if (pd_store_open(&store, cli->ctx, cli->notmuch_config, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	char *query = pd_cli_join_query(cli->ctx, argc - optind, argv + optind);
	if (query == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	if (pd_load_query(&load, cli->ctx, store, query, 0, &cli->err) != PD_OK)
		return PD_EXIT_FAIL;
	struct pd_states *st = NULL;
	/* The JSON always has the review state. */
	bool states = state || json;
	struct pd_config *cfg = states ? pd_cli_config(cli) : NULL;
	if (states && (cfg == NULL ||
		      pd_states_read(&st, cli->ctx, cli->notmuch_config,
				     pd_config_str(cfg, PD_OPTION_TAG_PREFIX), &cli->err) != PD_OK))
		return cfg == NULL ? pd_err_set(&cli->err, PD_E_NOMEM, "out of memory"), PD_EXIT_FAIL
				   : PD_EXIT_FAIL;
	if (load->nunreadable > 0)
		fprintf(stderr, "patchdeck: skipped %zu message%s that could not be read (%s)\n",
			load->nunreadable, load->nunreadable == 1 ? "" : "s", load->unreadable);

	struct pd_json *j = json ? pd_json_new(cli->ctx, cli->out) : NULL;
	if (json && j == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	if (j != NULL)
		pd_json_begin_array(j);
	const struct pd_model *model = load->model;
	/* "A10 R10 T10" was the widest the trailer column allowed for. */
	struct pd_fmt_widths w = { .version = 4, .count = 6, .trailers = 11 };
	for (size_t i = 0; j == NULL && i < model->nseries; i++) {
		const struct pd_series *s = model->series[i];
		for (size_t r = s->nrevisions; r-- > 0;) {
			pd_fmt_widths_fit(&w, s->revisions[r]);
			if (!all)
				break;
		}
	}
	for (size_t i = 0; i < model->nseries; i++) {
		const struct pd_series *s = model->series[i];
		/* Newest first; older revisions only when asked for. */
		for (size_t r = s->nrevisions; r-- > 0;) {
			const struct pd_revision *rev = s->revisions[r];
			if (j != NULL)
				pd_series_json_state(j, rev, 0, st);
			else
				put_line(cli->out, cli->ctx, rev, state ? st : NULL, &w);
			if (!all)
				break;
		}
	}
	if (j != NULL)
		pd_json_end_array(j);
	if (j != NULL && pd_json_finish(j) != 0) {
		pd_err_set(&cli->err, PD_E_INTERNAL, "JSON output was cut short");
		return PD_EXIT_FAIL;
	}
	if (fflush(cli->out) != 0 || ferror(cli->out)) {
		pd_err_set(&cli->err, PD_E_IO, "cannot write the list to standard output");
		return PD_EXIT_FAIL;
	}
	return PD_EXIT_OK;
}
