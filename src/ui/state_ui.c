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

#include "review_state.h"
#include "series.h"
#include "store_tag.h"
#include "strmap.h"

enum { RETRY_MS = 200 };

struct pending {
	struct pd_tag_write w;
	int state;        /* enum pd_review, or -1 for an unread mark */
	char *series;     /* the revision's Message-ID, for messages */
};

struct pd_triage {
	struct pd_states *states;
	struct pending **queue; /* talloc array, oldest first */
	size_t nqueue;
	long last_try_ms;
	struct pd_strmap *seen; /* Message-IDs marked read already */
	const char **remove;    /* every state's tag, for a write */
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
		ui->triage = t;
	}
	return ui->triage;
}

static void read_states(struct pd_ui *ui, struct pd_triage *t)
{
	struct pd_err err;
	pd_err_init(&err, NULL);
	struct pd_states *st = NULL;
	if (pd_states_read(&st, t, pd_store_config(ui->store), prefix(ui), &err) != PD_OK) {
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
	if (p->state < 0)
		return;
	if (t->states != NULL && pd_states_set(t->states, p->w.ids, p->w.nids,
					       (enum pd_review)p->state) != PD_OK)
		pd_ui_error(ui, "out of memory");
	pd_list_states_changed(ui);
	pd_series_states_changed(ui);
	pd_ui_message(ui, "<%s> %s: %zu of %zu messages retagged %s", p->series,
		      pd_review_name((enum pd_review)p->state), changed, p->w.nids, p->w.add);
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

struct ask {
	char *series;
	const char **ids;
	size_t nids;
};

static void picked_state(struct pd_ui *ui, void *data, int key)
{
	struct ask *a = data;
	struct pd_triage *t = triage(ui);
	const char *k = strchr(state_keys, key);
	struct pending *p = t != NULL ? talloc_zero(NULL, struct pending) : NULL;
	if (k == NULL || p == NULL) {
		talloc_free(p);
		pd_ui_error(ui, "out of memory");
		return;
	}
	p->state = (int)(k - state_keys);
	if (t->remove == NULL) {
		t->remove = talloc_array(t, const char *, PD_REVIEW_COUNT);
		for (int i = 0; t->remove != NULL && i < PD_REVIEW_COUNT; i++)
			t->remove[i] = pd_review_tag(t->remove, prefix(ui), (enum pd_review)i);
	}
	p->series = talloc_steal(p, a->series);
	p->w = (struct pd_tag_write){
		.ids = talloc_steal(p, a->ids),
		.nids = a->nids,
		.add = pd_review_tag(p, prefix(ui), (enum pd_review)p->state),
		.remove = t->remove,
		.nremove = t->remove != NULL ? PD_REVIEW_COUNT : 0,
	};
	if (p->w.add == NULL || t->remove == NULL) {
		talloc_free(p);
		pd_ui_error(ui, "out of memory");
		return;
	}
	submit(ui, p);
}

void pd_triage_ask_state(struct pd_ui *ui, const struct pd_revision *rev)
{
	if (rev == NULL) {
		pd_ui_error(ui, "no series here to set the state of");
		return;
	}
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
		return;
	}
	a->ids = ids;
	a->nids = n;
	int now = pd_states_of(pd_triage_states(ui), rev, NULL);
	pd_ui_choose(ui, state_keys, picked_state, a,
		     "%s -> [n]ew [r]eviewing [c]hanges-requested [a]ccepted re[j]ected "
		     "a[p]plied [d]eferred?",
		     pd_state_name(now));
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
	const char *name = strncmp(arg, "state:", 6) == 0 ? arg + 6 : arg;
	int state = pd_state_parse(name);
	if (state < 0) {
		char *names = pd_review_names(NULL);
		pd_ui_error(ui, "no review state '%s'; use :filter state:STATE with one of %s, "
				"superseded (:filter alone shows all)",
			    name, names ? names : "");
		talloc_free(names);
		return;
	}
	pd_list_filter(ui, ui->top, state);
}
