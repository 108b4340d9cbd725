/* Review states and unread marks in the reader: the states read from the
 * store, the key that sets one, and the tag writes behind both.
 *
 * A write never blocks the reader: it is tried at once without waiting;
 * when another writer (notmuch new) holds the database it is queued, the
 * user is told, and it is tried again at every key and, on a terminal,
 * every RETRY_MS between keys. What is still queued at exit is named on
 * standard error (pd_triage_unwritten), never dropped in silence.
 */
#include "ui.h"

#include <string.h>
#include <talloc.h>
#include <time.h>

#include "defer.h"
#include "review_state.h"
#include "series.h"
#include "store_same.h"
#include "store_tag.h"
#include "strmap.h"

enum { RETRY_MS = 200 };

struct pending {
	struct pd_tag_write w;
	int state;        /* enum pd_review, or -1 for an unread mark */
	long until;       /* deferred until this day, or -1 */
	char *series;     /* the revision's Message-ID, for messages */
};

struct ask {
	char *series;
	const char **ids;
	size_t nids;
};

struct pd_triage {
	struct pd_states *states;
	struct pending **queue; /* talloc array, oldest first */
	size_t nqueue;
	long last_try_ms;
	struct pd_strmap *seen; /* Message-IDs marked read already */
	const char **remove;    /* every state's tag, for a write */
	char *until_prefix;     /* every until/DAY tag starts with it */
	/* `s d` opens ":defer " for the day: the revision it was asked for,
	 * until that command line is answered (or another key comes). */
	struct ask *defer_ask;
	/* `:defer DAY` typed alone: the day, while the view says which
	 * revision it is on (pd_triage_ask_state); -2 when not asked. */
	long defer_day;
};

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *prefix(struct pd_ui *ui)
{
	return pd_config_str(ui->cfg, PD_OPTION_TAG_PREFIX);
}

static struct pd_triage *triage(struct pd_ui *ui)
{
	if (ui->triage == NULL) {
		struct pd_triage *t = talloc_zero(ui->ctx, struct pd_triage);
		if (t == NULL || (t->seen = pd_strmap_new(t, 16)) == NULL) {
			talloc_free(t);
			return NULL;
		}
		t->defer_day = -2;
		ui->triage = t;
	}
	return ui->triage;
}

static void read_states(struct pd_ui *ui, struct pd_triage *t)
{
	struct pd_err err;
	pd_err_init(&err, NULL);
	struct pd_states *st = NULL;
	/* A database made again under the reader holds other mail: its
	 * states would be set on a list they do not belong to. */
	if (pd_store_same(ui->store, &err) != PD_OK ||
	    pd_states_read(&st, t, pd_store_config(ui->store), prefix(ui), &err) != PD_OK) {
		/* The list still works; the states just all read as new. */
		pd_ui_error(ui, "review states not read: %s", pd_err_msg(&err));
		st = pd_states_new(t);
	}
	talloc_free(err.msg);
	if (st != NULL) {
		talloc_free(t->states);
		t->states = st;
	}
}

const struct pd_states *pd_triage_states(struct pd_ui *ui)
{
	struct pd_triage *t = triage(ui);
	if (t == NULL)
		return NULL;
	if (t->states == NULL)
		read_states(ui, t);
	return t->states;
}

void pd_triage_refresh(struct pd_ui *ui)
{
	struct pd_triage *t = triage(ui);
	if (t == NULL)
		return;
	read_states(ui, t);
	pd_list_states_changed(ui);
	pd_series_states_changed(ui);
}

/* ------------------------------------------------------------ writes */

static void done(struct pd_ui *ui, struct pending *p, size_t changed)
{
	struct pd_triage *t = ui->triage;
	if (p->state < 0) {
		/* An unread mark taken off: the list's bold follows now. */
		for (size_t i = 0; i < p->w.nids; i++)
			pd_list_mail_read(ui, p->w.ids[i]);
		return;
	}
	if (t->states != NULL &&
	    (pd_states_set(t->states, p->w.ids, p->w.nids, (enum pd_review)p->state) != PD_OK ||
	     pd_states_set_until(t->states, p->w.ids, p->w.nids, p->until) != PD_OK))
		pd_ui_error(ui, "out of memory");
	pd_list_states_changed(ui);
	pd_series_states_changed(ui);
	char *day = p->until >= 0 ? pd_defer_format(NULL, p->until) : NULL;
	pd_ui_message(ui, "<%s> %s%s%s: %zu of %zu messages retagged %s%s%s", p->series,
		      pd_review_name((enum pd_review)p->state), day ? " until " : "",
		      day ? day : "", changed, p->w.nids, p->w.add, p->w.add_extra ? " " : "",
		      p->w.add_extra ? p->w.add_extra : "");
	talloc_free(day);
}

/* One try without waiting: PD_OK (written), PD_E_DB_LOCKED (try again)
 * or another error (told; the write is given up). */
static int try_write(struct pd_ui *ui, struct pending *p)
{
	struct pd_err err;
	pd_err_init(&err, NULL);
	size_t changed = 0;
	int rc = pd_store_tag(ui->store, &p->w, 0, NULL, NULL, &changed, &err);
	if (rc == PD_OK)
		done(ui, p, changed);
	else if (rc != PD_E_DB_LOCKED)
		pd_ui_error(ui, "%s", pd_err_msg(&err));
	talloc_free(err.msg);
	return rc;
}

static void locked_message(struct pd_ui *ui)
{
	pd_ui_error(ui, "the notmuch database is locked (notmuch new?): %zu change%s "
			"waiting, retried until it is free",
		    ui->triage->nqueue, ui->triage->nqueue == 1 ? "" : "s");
}

static void submit(struct pd_ui *ui, struct pending *p)
{
	struct pd_triage *t = ui->triage;
	/* Behind a queued write, not past it: the last state set wins. */
	int rc = t->nqueue == 0 ? try_write(ui, p) : PD_E_DB_LOCKED;
	if (rc != PD_E_DB_LOCKED) {
		talloc_free(p);
		return;
	}
	struct pending **q = talloc_realloc(t, t->queue, struct pending *, t->nqueue + 1);
	if (q == NULL) {
		pd_ui_error(ui, "out of memory: the change was not made");
		talloc_free(p);
		return;
	}
	t->queue = q;
	q[t->nqueue++] = talloc_steal(t, p);
	t->last_try_ms = now_ms();
	locked_message(ui);
}

bool pd_triage_work(struct pd_ui *ui, bool now)
{
	struct pd_triage *t = ui->triage;
	/* A key outside the command line: a ":defer " left with Esc is
	 * over, and a later :defer is about the revision shown then. */
	if (t != NULL && now) {
		talloc_free(t->defer_ask);
		t->defer_ask = NULL;
	}
	if (t == NULL || t->nqueue == 0)
		return false;
	if (!now && now_ms() - t->last_try_ms < RETRY_MS)
		return true;
	t->last_try_ms = now_ms();
	while (t->nqueue > 0) {
		int rc = try_write(ui, t->queue[0]);
		if (rc == PD_E_DB_LOCKED) {
			if (now)
				locked_message(ui);
			return true;
		}
		talloc_free(t->queue[0]);
		memmove(t->queue, t->queue + 1, (t->nqueue - 1) * sizeof(*t->queue));
		t->nqueue--;
	}
	return false;
}

char *pd_triage_unwritten(void *ctx, struct pd_ui *ui)
{
	struct pd_triage *t = ui->triage;
	if (t == NULL || t->nqueue == 0)
		return NULL;
	/* A last try: the writer may be done by now. */
	t->last_try_ms = 0;
	if (!pd_triage_work(ui, false))
		return NULL;
	char *s = talloc_strdup(ctx, "the notmuch database stayed locked by another writer; "
				     "not written:");
	size_t unread = 0;
	for (size_t i = 0; s != NULL && i < t->nqueue; i++) {
		const struct pending *p = t->queue[i];
		if (p->state < 0)
			unread += p->w.nids;
		else if (p->until >= 0)
			s = talloc_asprintf_append(s, " 'patchdeck tag %s deferred --until %s';",
						   p->series, p->w.add_extra + strlen(t->until_prefix));
		else
			s = talloc_asprintf_append(s, " 'patchdeck tag %s %s';", p->series,
						   pd_review_name((enum pd_review)p->state));
	}
	if (s != NULL && unread > 0)
		s = talloc_asprintf_append(s, " %zu message%s left unread;", unread,
					   unread == 1 ? "" : "s");
	if (s != NULL)
		s[strlen(s) - 1] = '\0';
	return s;
}

/* ------------------------------------------------------------ states */

/* What the state question offers: one letter each, in PD_REVIEW_LIST's
 * order. */
static const char state_keys[PD_REVIEW_COUNT + 1] = "nrcajpd";

/* Queues the write of state (and its day, for deferred; -1: none) on the
 * revision a asked about; a is taken over. */
static void write_state(struct pd_ui *ui, struct ask *a, int state, long until)
{
	struct pd_triage *t = triage(ui);
	struct pending *p = t != NULL ? talloc_zero(NULL, struct pending) : NULL;
	if (p == NULL) {
		talloc_free(a);
		pd_ui_error(ui, "out of memory");
		return;
	}
	p->state = state;
	p->until = until;
	if (t->remove == NULL) {
		t->remove = talloc_array(t, const char *, PD_REVIEW_COUNT);
		for (int i = 0; t->remove != NULL && i < PD_REVIEW_COUNT; i++)
			t->remove[i] = pd_review_tag(t->remove, prefix(ui), (enum pd_review)i);
	}
	if (t->until_prefix == NULL)
		t->until_prefix = pd_defer_tag_prefix(t, prefix(ui));
	p->series = talloc_steal(p, a->series);
	p->w = (struct pd_tag_write){
		.ids = talloc_steal(p, a->ids),
		.nids = a->nids,
		.add = pd_review_tag(p, prefix(ui), (enum pd_review)p->state),
		.add_extra = until >= 0 ? pd_defer_tag(p, prefix(ui), until) : NULL,
		.remove = t->remove,
		.nremove = t->remove != NULL ? PD_REVIEW_COUNT : 0,
		/* The day of an earlier deferral goes with any new state. */
		.remove_prefix = t->until_prefix,
	};
	talloc_free(a);
	if (p->w.add == NULL || t->remove == NULL || t->until_prefix == NULL ||
	    (until >= 0 && p->w.add_extra == NULL)) {
		talloc_free(p);
		pd_ui_error(ui, "out of memory");
		return;
	}
	submit(ui, p);
}

static void picked_state(struct pd_ui *ui, void *data, int key)
{
	struct ask *a = data;
	struct pd_triage *t = triage(ui);
	const char *k = strchr(state_keys, key);
	if (k == NULL || t == NULL) {
		pd_ui_error(ui, "out of memory");
		return;
	}
	/* data is freed after the answer: what the write needs moves to a
	 * copy of the ask. */
	struct ask *copy = talloc_zero(NULL, struct ask);
	if (copy == NULL) {
		pd_ui_error(ui, "out of memory");
		return;
	}
	copy->series = talloc_steal(copy, a->series);
	copy->ids = talloc_steal(copy, a->ids);
	copy->nids = a->nids;
	if (k - state_keys != PD_REVIEW_DEFERRED) {
		write_state(ui, copy, (int)(k - state_keys), -1);
		return;
	}
	/* Deferred: until which day, on the command line (Enter alone:
	 * no day, deferred until set otherwise). */
	talloc_free(t->defer_ask);
	t->defer_ask = talloc_steal(t, copy);
	pd_prompt_open(ui, ':');
	if (ui->input != NULL)
		ui->input = talloc_strdup_append(ui->input, "defer ");
}

static struct ask *make_ask(struct pd_ui *ui, const struct pd_revision *rev)
{
	/* The revision may be gone by the answer (a list that reads on):
	 * what the write needs is copied now. */
	struct ask *a = talloc_zero(NULL, struct ask);
	size_t n = 0;
	const char **ids = a != NULL ? pd_revision_own_ids(a, rev, &n) : NULL;
	for (size_t i = 0; ids != NULL && i < n; i++)
		if ((ids[i] = talloc_strdup(ids, ids[i])) == NULL)
			ids = NULL;
	if (ids == NULL || (a->series = talloc_strdup(a, rev->id)) == NULL) {
		talloc_free(a);
		pd_ui_error(ui, "out of memory");
		return NULL;
	}
	a->ids = ids;
	a->nids = n;
	return a;
}

void pd_triage_ask_state(struct pd_ui *ui, const struct pd_revision *rev)
{
	struct pd_triage *t = triage(ui);
	if (rev == NULL) {
		pd_ui_error(ui, "no series here to set the state of");
		return;
	}
	struct ask *a = make_ask(ui, rev);
	if (a == NULL || t == NULL) {
		talloc_free(a);
		return;
	}
	if (t->defer_day != -2) {
		/* :defer DAY, typed alone: this is the revision. */
		write_state(ui, a, PD_REVIEW_DEFERRED, t->defer_day);
		return;
	}
	int now = pd_states_of(pd_triage_states(ui), rev, NULL);
	pd_ui_choose(ui, state_keys, picked_state, a,
		     "%s -> [n]ew [r]eviewing [c]hanges-requested [a]ccepted re[j]ected "
		     "a[p]plied [d]eferred?",
		     pd_state_name(now));
}

void pd_triage_defer_command(struct pd_ui *ui, const char *arg)
{
	struct pd_triage *t = triage(ui);
	if (t == NULL) {
		pd_ui_error(ui, "out of memory");
		return;
	}
	long day = -1;
	struct pd_err err;
	pd_err_init(&err, NULL);
	if (arg != NULL && *arg != '\0' &&
	    pd_defer_parse(arg, pd_defer_today(), &day, &err) != PD_OK) {
		/* Nothing written; `s d` (or :defer) again to retry. */
		pd_ui_error(ui, "%s", pd_err_msg(&err));
		talloc_free(err.msg);
		talloc_free(t->defer_ask);
		t->defer_ask = NULL;
		return;
	}
	struct ask *a = t->defer_ask;
	t->defer_ask = NULL;
	if (a != NULL) {
		write_state(ui, talloc_steal(NULL, a), PD_REVIEW_DEFERRED, day);
		return;
	}
	t->defer_day = day;
	if (!pd_view_action(ui, PD_ACT_SET_STATE))
		pd_ui_error(ui, ":defer works where s does: in the list, series and patch views");
	t->defer_day = -2;
}

void pd_triage_seen(struct pd_ui *ui, const struct pd_mail *mail)
{
	struct pd_triage *t = triage(ui);
	if (t == NULL || mail == NULL || !mail->unread || mail->message_id == NULL ||
	    !pd_config_bool(ui->cfg, PD_OPTION_MARK_READ) ||
	    pd_strmap_get(t->seen, mail->message_id, strlen(mail->message_id), NULL))
		return;
	static const char *const unread[] = { "unread" };
	struct pending *p = talloc_zero(NULL, struct pending);
	const char **ids = p != NULL ? talloc_array(p, const char *, 1) : NULL;
	char *key = talloc_strdup(t, mail->message_id);
	if (ids == NULL || key == NULL ||
	    (ids[0] = talloc_strdup(ids, mail->message_id)) == NULL ||
	    (p->series = talloc_strdup(p, mail->message_id)) == NULL ||
	    pd_strmap_set(t->seen, key, strlen(key), 1) != PD_OK) {
		talloc_free(p);
		talloc_free(key);
		return;
	}
	p->state = -1;
	p->until = -1;
	p->w = (struct pd_tag_write){ .ids = ids, .nids = 1, .remove = unread, .nremove = 1 };
	submit(ui, p);
}

void pd_triage_filter_command(struct pd_ui *ui, const char *arg)
{
	if (ui->top == NULL || ui->top->ops != &pd_list_ops) {
		pd_ui_error(ui, ":filter works in the series list");
		return;
	}
	if (arg == NULL || *arg == '\0') {
		pd_list_filter(ui, ui->top, -1);
		return;
	}
	/* !STATE (or -STATE): every series but those. */
	bool hide = *arg == '!' || *arg == '-';
	if (hide)
		arg++;
	const char *name = strncmp(arg, "state:", 6) == 0 ? arg + 6 : arg;
	int state = pd_state_parse(name);
	if (state < 0) {
		char *names = pd_review_names(NULL);
		pd_ui_error(ui, "no review state '%s'; use :filter state:STATE with one of %s, "
				"superseded, due (:filter alone shows all)",
			    name, names ? names : "");
		talloc_free(names);
		return;
	}
	if (hide)
		pd_list_hide(ui, ui->top, state);
	else
		pd_list_filter(ui, ui->top, state);
}
