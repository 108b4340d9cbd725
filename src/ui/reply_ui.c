/* Replies in the reader: r, R and the quick trailers build drafts
 * (reply.h), each is opened in $EDITOR, then shown in a draft view with
 * one question: [s]end, [e]dit again, save as [d]raft, [q] discard.
 * Nothing reaches the send command before `s`; a draft the editor failed
 * on stays in its file, and the user is told where. Every draft of a job
 * (T on marked patches makes one per patch) is written to its file before
 * the first editor opens, so a signal that ends the reader loses none.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "compose.h"
#include "doc.h"
#include "identity.h"
#include "load.h"
#include "reply.h"
#include "reply_headers.h"

struct reply_job {
	char **paths;        /* each draft's file, written before the first edit */
	size_t ndrafts, at;
	char *path;          /* paths[at], the draft being edited or asked about */
	char *from_email;
	size_t sent, saved, discarded;
};

struct draft_data {
	struct pd_doc *doc;
};

static const struct pd_view_ops draft_ops;

/* The draft files the user has not decided on: job's from the draft
 * `from` on (none when job is NULL). pd_reply_say_kept names them on
 * stderr at exit, so a signal that ends the reader does not hide them. */
static void kept(struct pd_ui *ui, const struct reply_job *job, size_t from)
{
	talloc_free(ui->draft_kept);
	ui->draft_kept = NULL;
	ui->ndraft_kept = 0;
	size_t n = job != NULL && from < job->ndrafts ? job->ndrafts - from : 0;
	if (n == 0 || (ui->draft_kept = talloc_array(ui, char *, n)) == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		if ((ui->draft_kept[i] = talloc_strdup(ui->draft_kept, job->paths[from + i])) == NULL)
			return;
		ui->ndraft_kept = i + 1;
	}
}

void pd_reply_say_kept(const struct pd_ui *ui, FILE *out)
{
	if (ui->ndraft_kept == 1)
		fprintf(out, "patchdeck: your reply was not sent; its draft is kept in %s\n",
			ui->draft_kept[0]);
	if (ui->ndraft_kept <= 1)
		return;
	fprintf(out, "patchdeck: your %zu replies were not sent; their drafts are kept in",
		ui->ndraft_kept);
	for (size_t i = 0; i < ui->ndraft_kept; i++)
		fprintf(out, " %s", ui->draft_kept[i]);
	fputc('\n', out);
}

/* ------------------------------------------------------------ the view */

static int draft_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	struct draft_data *d = talloc_zero(view, struct draft_data);
	if (d == NULL || (d->doc = pd_doc_new(d)) == NULL ||
	    pd_doc_add_text(d->doc, 0, view->arg) != PD_OK)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	/* Header names as in the message view. */
	for (size_t i = 0; i < d->doc->nlines && *d->doc->lines[i].text; i++) {
		struct pd_doc_line *l = &d->doc->lines[i];
		const char *colon = strchr(l->text, ':');
		if (colon != NULL && l->text[0] != ' ' &&
		    pd_doc_span(l, 0, (size_t)(colon - l->text) + 1, PD_AREA_HEADER) != PD_OK)
			return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	view->data = d;
	view->title = talloc_strdup(view, "your reply, not sent yet");
	pd_doc_relayout(ui, view, d->doc);
	return PD_OK;
}

static void draft_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct draft_data *d = view->data;
	pd_doc_relayout(ui, view, d->doc);
}

static void draft_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y, bool selected)
{
	struct draft_data *d = view->data;
	pd_doc_draw(ui, d->doc, row, y, selected);
}

static char *draft_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct draft_data *d = view->data;
	return pd_doc_row_text(ctx, d->doc, row);
}

static const struct pd_view_ops draft_ops = {
	.name = "draft",
	.id = PD_VIEW_MESSAGE,
	.open = draft_open,
	.draw_line = draft_draw,
	.line_text = draft_text,
	.layout = draft_layout,
};

static void close_draft_view(struct pd_ui *ui)
{
	if (ui->top != NULL && ui->top->ops == &draft_ops)
		pd_view_pop(ui);
}

/* ------------------------------------------------------------ the flow */

static void next_draft(struct pd_ui *ui, struct reply_job *job);
static void edit(struct pd_ui *ui, struct reply_job *job);

static void ask(struct pd_ui *ui, struct reply_job *job, const char *error);

static void reask(struct pd_ui *ui, void *data)
{
	/* Esc: the draft still waits for a decision; nothing is dropped. */
	ask(ui, talloc_steal(NULL, data), NULL);
}

/* Date and a Message-ID no other reply of this process or another has. */
static char *finish(struct reply_job *job, const char *text)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	char *unique = talloc_asprintf(job, "%lld.%09ld.%ld", (long long)ts.tv_sec, ts.tv_nsec,
				       (long)getpid());
	return unique != NULL ? pd_reply_finish(job, text, ts.tv_sec, unique, job->from_email)
			      : NULL;
}

static void picked(struct pd_ui *ui, void *data, int key)
{
	struct reply_job *job = talloc_steal(NULL, data);
	struct pd_err err;
	pd_err_init(&err, job);
	char *text = NULL, *full = NULL, *saved = NULL;
	switch (key) {
	case 'e':
		edit(ui, job);
		return;
	case 'q':
		unlink(job->path);
		kept(ui, job, job->at + 1);
		job->discarded++;
		pd_ui_message(ui, "discarded");
		break;
	case 's':
	case 'd':
		if (pd_compose_read(&text, job, job->path, &err) != PD_OK ||
		    (full = finish(job, text)) == NULL) {
			ask(ui, job, full == NULL && text != NULL ? "out of memory" : pd_err_msg(&err));
			return;
		}
		if (key == 's') {
			const char *cmd = pd_config_str(ui->cfg, PD_OPTION_SENDMAIL);
			if (pd_compose_send(cmd, full, &err) != PD_OK) {
				ask(ui, job, pd_err_msg(&err));
				return;
			}
			job->sent++;
			pd_ui_message(ui, "sent with '%s'", cmd);
		} else {
			const char *dir = pd_config_str(ui->cfg, PD_OPTION_DRAFT_FOLDER);
			char *def = *dir ? NULL : talloc_asprintf(job, "%s/drafts", pd_store_path(ui->store));
			if (pd_compose_save(&saved, job, *dir ? dir : def, full, &err) != PD_OK) {
				ask(ui, job, pd_err_msg(&err));
				return;
			}
			job->saved++;
			pd_ui_message(ui, "saved as a draft: %s", saved);
		}
		unlink(job->path);
		kept(ui, job, job->at + 1);
		break;
	default:
		break;
	}
	job->at++;
	next_draft(ui, job);
}

/* The question; after a failure (error), the failure and a short one. */
static void ask(struct pd_ui *ui, struct reply_job *job, const char *error)
{
	const char *sub = job->ndrafts > 1 ? talloc_asprintf(job, " (%zu of %zu)", job->at + 1,
							     job->ndrafts)
					   : "";
	char *msg = error != NULL ? talloc_strdup(NULL, error) : NULL;
	if (msg != NULL)
		pd_ui_choose(ui, "sedq", picked, job, "%s; the draft is in %s: s, e, d or q?", msg,
			     job->path);
	else
		pd_ui_choose(ui, "sedq", picked, job, "[s]end, [e]dit again, save as [d]raft, "
						      "[q] discard%s?", sub != NULL ? sub : "");
	if (ui->choice != NULL)
		ui->choice->cancel = reask;
	if (msg != NULL && ui->choice != NULL)
		ui->msg_error = true;
	talloc_free(msg);
}

static void edit(struct pd_ui *ui, struct reply_job *job)
{
	struct pd_err err;
	pd_err_init(&err, job);
	kept(ui, job, job->at);
	if (!ui->scripted) {
		def_prog_mode();
		endwin();
	}
	int rc = pd_compose_edit(job->path, ui->scripted, &err);
	if (!ui->scripted) {
		reset_prog_mode();
		clearok(curscr, TRUE);
	}
	char *text = NULL;
	if (rc == PD_OK)
		rc = pd_compose_read(&text, job, job->path, &err);
	if (rc != PD_OK) {
		close_draft_view(ui);
		size_t left = job->ndrafts - job->at - 1;
		pd_ui_error(ui, "%s; the draft is kept in %s%s", pd_err_msg(&err), job->path,
			    left > 0 ? talloc_asprintf(job, " (%zu more not started)", left) : "");
		/* Said on the screen, unless a signal ends the reader first
		 * (a hangup kills the editor too): then every file is kept
		 * and named at exit. The ones not started can be made again. */
		if (ui->signal == 0) {
			for (size_t i = job->at + 1; i < job->ndrafts; i++)
				unlink(job->paths[i]);
			kept(ui, NULL, 0);
		}
		talloc_free(job);
		return;
	}
	close_draft_view(ui);
	if (!pd_view_open(ui, &draft_ops, text)) {
		talloc_free(job);
		return;
	}
	talloc_steal(ui->top, text);
	ask(ui, job, NULL);
}

static void next_draft(struct pd_ui *ui, struct reply_job *job)
{
	if (job->at == job->ndrafts) {
		close_draft_view(ui);
		kept(ui, NULL, 0);
		if (job->ndrafts > 1)
			pd_ui_message(ui, "%zu sent, %zu saved as drafts, %zu discarded", job->sent,
				      job->saved, job->discarded);
		talloc_free(job);
		return;
	}
	job->path = job->paths[job->at];
	edit(ui, job);
}

/* The tree whose git config names the user: the config's default one. */
static const char *default_tree(const struct pd_config *cfg)
{
	for (size_t i = 0; i < cfg->ntrees; i++)
		if (cfg->trees[i].prefix == NULL)
			return cfg->trees[i].dir;
	return NULL;
}

void pd_reply_start(struct pd_ui *ui, const char *rev_id, const char *const *ids, size_t nids,
		    int trailer)
{
	struct reply_job *job = talloc_zero(NULL, struct reply_job);
	struct pd_err err;
	pd_err_init(&err, job);
	struct pd_addr me;
	struct pd_load *load = NULL;
	struct pd_revision *rev = NULL;
	if (job == NULL ||
	    pd_identity_get(&me, job, pd_config_str(ui->cfg, PD_OPTION_FROM), default_tree(ui->cfg),
			    &err) != PD_OK ||
	    pd_load_series(&load, &rev, job, ui->store, rev_id, PD_LOAD_BODIES, &err) != PD_OK) {
		pd_ui_error(ui, "%s", job != NULL ? pd_err_msg(&err) : "out of memory");
		talloc_free(job);
		return;
	}
	job->from_email = me.email;
	size_t n = nids > 0 ? nids : 1;
	char **drafts = talloc_zero_array(job, char *, n);
	job->paths = talloc_zero_array(job, char *, n);
	if (drafts == NULL || job->paths == NULL) {
		pd_ui_error(ui, "out of memory");
		talloc_free(job);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct pd_mail *m = nids > 0 ? pd_reply_find(rev, ids[i])
						   : pd_reply_series_target(rev);
		struct pd_reply_in in = { .orig = m, .me = &me, .trailer = trailer };
		if (m == NULL) {
			pd_ui_error(ui, "<%s> is not in the series any more", nids > 0 ? ids[i] : rev_id);
			talloc_free(job);
			return;
		}
		if (pd_reply_recipients(job, m, (struct pd_addr **)&in.to, &in.nto,
					(struct pd_addr **)&in.cc, &in.ncc, &err) != PD_OK ||
		    (drafts[i] = pd_reply_draft(job, &in)) == NULL) {
			pd_ui_error(ui, "%s", err.msg != NULL ? pd_err_msg(&err) : "out of memory");
			talloc_free(job);
			return;
		}
	}
	/* The model is not needed any more: only the drafts' texts are. */
	talloc_free(load);
	for (size_t i = 0; i < n; i++)
		if (pd_compose_tmpfile(&job->paths[i], job->paths, drafts[i], &err) != PD_OK) {
			while (i-- > 0)
				unlink(job->paths[i]);
			pd_ui_error(ui, "%s", pd_err_msg(&err));
			talloc_free(job);
			return;
		}
	talloc_free(drafts);
	job->ndrafts = n;
	next_draft(ui, job);
}

struct trailer_ask {
	char *rev_id;
	char **ids;
	size_t nids;
};

static void picked_trailer(struct pd_ui *ui, void *data, int key)
{
	struct trailer_ask *a = data;
	int t = key == 'r' ? PD_TRAILER_REVIEWED : key == 'a' ? PD_TRAILER_ACKED : PD_TRAILER_TESTED;
	pd_reply_start(ui, a->rev_id, (const char *const *)a->ids, a->nids, t);
}

void pd_reply_ask_trailer(struct pd_ui *ui, const char *rev_id, const char *const *ids,
			  size_t nids, const char *what)
{
	struct trailer_ask *a = talloc_zero(NULL, struct trailer_ask);
	if (a == NULL || (a->rev_id = talloc_strdup(a, rev_id)) == NULL ||
	    (a->ids = talloc_zero_array(a, char *, nids + 1)) == NULL) {
		talloc_free(a);
		pd_ui_error(ui, "out of memory");
		return;
	}
	for (size_t i = 0; i < nids; i++)
		if ((a->ids[i] = talloc_strdup(a->ids, ids[i])) == NULL) {
			talloc_free(a);
			pd_ui_error(ui, "out of memory");
			return;
		}
	a->nids = nids;
	pd_ui_choose(ui, "rat", picked_trailer, a, "reply to %s with [r]eviewed-by, [a]cked-by "
						   "or [t]ested-by?",
		     what);
}

bool pd_reply_action(struct pd_ui *ui, const char *rev_id, const struct pd_mail *mail,
		     enum pd_action action)
{
	if (action != PD_ACT_REPLY && action != PD_ACT_REPLY_SERIES && action != PD_ACT_TRAILER)
		return false;
	if (mail == NULL || mail->message_id == NULL) {
		pd_ui_error(ui, "no message here to reply to");
		return true;
	}
	/* The revision that holds the mail is found from the mail itself
	 * when the view has none (a reply's Message-ID names it too). */
	const char *series = rev_id != NULL ? rev_id : mail->message_id;
	const char *id = mail->message_id;
	if (action == PD_ACT_REPLY_SERIES)
		pd_reply_start(ui, series, NULL, 0, -1);
	else if (action == PD_ACT_TRAILER)
		pd_reply_ask_trailer(ui, series, &id, 1, "this message");
	else
		pd_reply_start(ui, series, &id, 1, -1);
	return true;
}
