#include "config.h"

#include "rc.h"

#include <errno.h>
#include <getopt.h>
#include <gmime/gmime.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "apply_msg.h"
#include "cli.h"
#include "load.h"
#include "series_json.h"
#include "store.h"

static bool ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* A header value git mailinfo reads back as it was: RFC 2047 when it is
 * not ASCII. */
static char *encode_text(void *ctx, const char *s, bool phrase)
{
	if (ascii(s)) {
		/* A display name with specials must be a quoted string. */
		if (phrase && strpbrk(s, "()<>[]:;@\\,.\"") != NULL) {
			char *q = talloc_strdup(ctx, "\"");
			for (; q != NULL && *s; s++)
				q = talloc_asprintf_append(q, "%s%c", (*s == '"' || *s == '\\') ? "\\" : "",
							   *s);
			return q != NULL ? talloc_strdup_append(q, "\"") : NULL;
		}
		return talloc_strdup(ctx, s);
	}
	char *g = phrase ? g_mime_utils_header_encode_phrase(NULL, s, "utf-8")
			 : g_mime_utils_header_encode_text(NULL, s, "utf-8");
	char *t = talloc_strdup(ctx, g != NULL ? g : s);
	g_free(g);
	return t;
}

/* RFC 5322 date in UTC, with English names whatever the locale. */
static char *mail_date(void *ctx, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	gmtime_r(&t, &tm);
	return talloc_asprintf(ctx, "%s, %02d %s %d %02d:%02d:%02d +0000", days[tm.tm_wday],
			       tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
			       tm.tm_min, tm.tm_sec);
}

/* One patch as git format-patch would have mailed it, its commit message
 * ending in the trailers the review collected. */
static char *patch_mail(void *ctx, const struct pd_patch *p, const char *mask)
{
	const struct pd_mail *m = p->mail;
	const struct pd_body *b = m->patch;
	const char *title = m->subject != NULL && m->subject->title != NULL ? m->subject->title : "";
	char *prefix = m->subject != NULL ? pd_subject_prefix(ctx, m->subject) : NULL;
	/* git am drops the leading [...] groups, so there must be one before
	 * a title that itself starts with a bracket. */
	char *subject = talloc_asprintf(ctx, "%s %s",
					prefix != NULL && *prefix ? prefix : "[PATCH]", title);
	const char *name = m->author.name != NULL ? m->author.name : "";
	const char *email = m->author.address != NULL ? m->author.address
			    : m->author.email != NULL ? m->author.email : "";
	char *from = *name ? talloc_asprintf(ctx, "%s <%s>", encode_text(ctx, name, true), email)
			   : talloc_asprintf(ctx, "<%s>", email);

	char *s = talloc_asprintf(ctx,
		"From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
		"From: %s\nDate: %s\nSubject: %s\nMessage-ID: <%s>\n"
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
		"Content-Transfer-Encoding: 8bit\n\n",
		from, mail_date(ctx, m->date), encode_text(ctx, subject, false), m->message_id);
	char *msg = pd_patch_message_body(ctx, p, mask);
	s = s != NULL && msg != NULL ? talloc_strdup_append(s, msg) : NULL;
	if (s != NULL)
		s = talloc_asprintf_append(s, "---\n%s%s%s\n%s", b->notes ? b->notes : "",
					   b->notes && b->diffstat ? "\n" : "",
					   b->diffstat ? b->diffstat : "", b->diff ? b->diff : "");
	if (s != NULL && b->diff != NULL && *b->diff && s[strlen(s) - 1] != '\n')
		s = talloc_strdup_append(s, "\n");
	/* A signature line as git format-patch writes one, so that the blank
	 * line between messages is not taken for part of the diff. */
	return s != NULL ? talloc_strdup_append(s, "-- \npatchdeck " PACKAGE_VERSION "\n\n") : NULL;
}

/* The link mask: --link-mask, else the rc file's link-mask option. */
static const char *config_mask(struct pd_cli *cli)
{
	struct pd_config *cfg = pd_cli_config(cli);
	return cfg != NULL ? pd_config_str(cfg, PD_OPTION_LINK_MASK) : NULL;
}

int pd_cmd_mbox(struct pd_cli *cli, int argc, char **argv)
{
	enum { OPT_LINK = 256, OPT_LINK_MASK };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "link", no_argument, NULL, OPT_LINK },
		{ "link-mask", required_argument, NULL, OPT_LINK_MASK },
		{ NULL, 0, NULL, 0 },
	};
	const char *outpath = NULL, *mask = NULL;
	bool link = false;
	int c;
	while ((c = getopt_long(argc, argv, "+o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			outpath = optarg;
			break;
		case OPT_LINK:
			link = true;
			break;
		case OPT_LINK_MASK:
			mask = optarg;
			link = true;
			break;
		default:
			if (optopt == 'o' || optopt == OPT_LINK_MASK)
				fprintf(stderr, "patchdeck mbox: %s needs a value; try 'patchdeck --help'\n",
					optopt == 'o' ? "-o" : "--link-mask");
			else
				fprintf(stderr, "patchdeck mbox: unknown option '%s'; try 'patchdeck --help'\n",
					argv[optind - 1]);
			return PD_EXIT_USAGE;
		}
	}
	struct pd_revision *rev = NULL;
	int rc = pd_cli_load_series(&rev, cli, "mbox", argc, argv);
	if (rc != PD_EXIT_OK)
		return rc;
	if (link && mask == NULL)
		mask = config_mask(cli);
	if (link && (mask == NULL || strstr(mask, "%s") == NULL)) {
		pd_err_set(&cli->err, PD_E_USAGE, "the link mask '%s' has no %%s for the Message-ID; "
			   "set --link-mask or link-mask in the config", mask ? mask : "");
		return PD_EXIT_FAIL;
	}
	if (rev->kind == PD_REV_PULL || rev->npatches == 0) {
		pd_err_set(&cli->err, PD_E_NOT_FOUND,
			   "<%s> is a pull request, not patches; fetch it with git instead", rev->id);
		return PD_EXIT_FAIL;
	}

	char *text = talloc_strdup(cli->ctx, "");
	for (size_t i = 0; text != NULL && i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		if (p->mail->patch == NULL)
			continue;
		char *one = patch_mail(text, p, link ? mask : NULL);
		text = one != NULL ? talloc_strdup_append(text, one) : NULL;
	}
	if (text == NULL) {
		pd_err_set(&cli->err, PD_E_NOMEM, "out of memory");
		return PD_EXIT_FAIL;
	}
	if (rev->nmissing > 0) {
		char *nums = talloc_strdup(cli->ctx, "");
		for (size_t i = 0; nums != NULL && i < rev->nmissing; i++)
			nums = talloc_asprintf_append(nums, "%s%d", i ? ", " : "", rev->missing[i]);
		fprintf(stderr, "patchdeck: warning: the series lacks patch%s %s of %d; "
				"the mbox holds the others\n",
			rev->nmissing == 1 ? "" : "es", nums ? nums : "?", rev->total);
	}

	FILE *out = cli->out;
	if (outpath != NULL && (out = fopen(outpath, "w")) == NULL) {
		pd_err_set(&cli->err, PD_E_IO, "cannot write %s: %s; choose another -o FILE",
			   outpath, strerror(errno));
		return PD_EXIT_FAIL;
	}
	fputs(text, out);
	bool bad = fflush(out) != 0 || ferror(out);
	if (out != cli->out)
		bad |= fclose(out) != 0;
	if (bad) {
		pd_err_set(&cli->err, PD_E_IO, "cannot write %s: %s", outpath ? outpath : "the mbox",
			   strerror(errno));
		return PD_EXIT_FAIL;
	}
	return PD_EXIT_OK;
}
