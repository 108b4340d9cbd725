/* The reader's insides: the one UI context, views and their ops tables.
 *
 * Data flow: a key arrives (from the terminal, or from a script through the
 * same curses input), becomes an action through the keymap, the top view's
 * ops get the first chance to handle it, the generic view code does the
 * rest; then the whole screen is drawn again from the view state.
 */
#ifndef PD_UI_H
#define PD_UI_H

#include "config.h" /* autoconf's: src/ui has no config.h of its own */

#include <curses.h>
#include <regex.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "rc.h"
#include "keymap.h"
#include "status.h"
#include "store.h"

struct pd_ui;
struct pd_view;

/* What a view must provide; the generic code does scrolling, selection,
 * search and the status line once for all of them. */
struct pd_view_ops {
	const char *name;    /* shown in the status bar */
	enum pd_view_id id;  /* its section of the keymap */
	/* Loads view->lines rows into view->data; may fail before anything
	 * is shown, leaving the previous view in place. */
	int (*open)(struct pd_ui *ui, struct pd_view *view, struct pd_err *err);
	/* Draws row at screen line y, columns 0..ui->cols-1. */
	void (*draw_line)(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			  bool selected);
	/* The text searches look at, allocated under ctx. */
	char *(*line_text)(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row);
	/* Whether Tab stops at row; NULL when the view has no unread rows. */
	bool (*is_unread)(struct pd_view *view, size_t row);
	/* Gets each action first; returns true when it handled it. NULL:
	 * only generic actions. */
	bool (*handle)(struct pd_ui *ui, struct pd_view *view, enum pd_action action);
	/* Called before each draw: a view whose rows depend on the screen
	 * width (wrapped text) recomputes view->lines here. NULL: fixed. */
	void (*layout)(struct pd_ui *ui, struct pd_view *view);
	/* Work done between keys (a list reading the rest of the store) for
	 * about budget_ms; returns true while more remains. NULL: none. */
	bool (*work)(struct pd_ui *ui, struct pd_view *view, unsigned budget_ms);
};

struct pd_view {
	const struct pd_view_ops *ops;
	void *data;           /* the ops' own, a talloc child of the view */
	char *title;          /* after the name in the status bar; untrusted */
	void *arg;            /* what open needs: a query, a thread id, ... */
	size_t lines, top, cursor;
	enum pd_view_id about; /* help: the view whose keys it shows */
	struct pd_view *below;
};

/* Glyphs for trees and marks, UTF-8 or ASCII. */
struct pd_glyphs {
	const char *tee, *corner, *vline, *space, *arrow, *more;
};

struct pd_ui {
	void *ctx;
	struct pd_store *store;
	struct pd_config *cfg;
	struct pd_repo *repo;      /* --tree, or NULL */
	struct pd_ui_tree *tree;   /* apply_ui.c: trees, checks, `a` */
	struct pd_view *top;      /* the view on screen; the stack below it */
	int rows, cols;
	bool utf8;                /* draw with UTF-8 glyphs and show non-ASCII text */
	int ncolors;              /* 0 (off), 8, 16 or 256 */
	bool colors_started;
	attr_t attr[PD_AREA_COUNT];
	short pair[PD_AREA_COUNT];
	struct pd_glyphs glyph;

	char *msg;                /* the last line, until the next key */
	bool msg_error;
	char prompt;              /* ':' or '/' while the command line is open, else 0 */
	char *input;              /* what has been typed after it */

	char *search;             /* the last search pattern, or NULL */
	regex_t search_re;

	bool quit;
	/* How long a terminal read waits for a key, in ms; 0: a second.
	 * Short while a list loads between keys (ui.c). */
	int wait_ms;
	volatile sig_atomic_t signal; /* a terminating signal that arrived */
	/* reply_ui.c: the files of replies not yet sent, saved or discarded
	 * (the one being edited and those not started), named on stderr at
	 * exit by pd_reply_say_kept (a signal may end the reader with them). */
	char **draft_kept;
	size_t ndraft_kept;

	/* Scripted mode (see script.c). */
	bool scripted;
	int key_pipe[2];
	FILE *term_in;
	FILE *dump_out;
	FILE *term_out;

	/* A question answered with one key (pd_ui_choose): while it is
	 * open every key goes to it. */
	struct pd_choice *choice;
	/* Review states, tag writes waiting for the database, marked
	 * patches (state_ui.c). */
	struct pd_triage *triage;

	SCREEN *screen;
	struct pd_restore *restore; /* display.c: the terminal back after a crash */
	struct pd_err err;
};

/* display.c: the terminal. */
int pd_display_start(struct pd_ui *ui, const char *term, int rows, int cols,
		     struct pd_err *err);
void pd_display_stop(struct pd_ui *ui);
void pd_display_theme(struct pd_ui *ui);
void pd_display_suspend(struct pd_ui *ui);
void pd_display_resized(struct pd_ui *ui);
/* The next key as a pd key; -1 when none came (timeout, signal, or the
 * end of scripted input), -2 for a key without a pd name. */
int pd_display_key(struct pd_ui *ui);
/* The curses key code for a PD_KEY_* special key, or 0. */
int pd_display_curses_key(int key);

/* Style for pd_put: an area, optionally with the unread area's attributes
 * added. */
enum { PD_STYLE_UNREAD = 0x100 };

/* Draws untrusted text at (y, x), never past column xmax (exclusive):
 * control characters show as ^X in the escape area, non-ASCII as '?' when
 * the terminal is not UTF-8. Returns the column after the text. */
int pd_put(struct pd_ui *ui, int y, int x, int xmax, int style, const char *text);
/* pd_put, then blanks in the same style up to xmax. */
int pd_put_pad(struct pd_ui *ui, int y, int x, int xmax, int style, const char *text);
/* A column: text in width cells (cut with a "more" mark when longer),
 * then gap blanks. Returns the column after the gap. */
int pd_put_col(struct pd_ui *ui, int y, int x, int width, int gap, int style,
	       const char *text);
/* Display width of text as pd_put would draw it. */
int pd_text_width(struct pd_ui *ui, const char *text);
/* How many bytes of text pd_put draws in width cells (at least one
 * character when text is not empty, so wrapping always moves on). */
size_t pd_text_fit(struct pd_ui *ui, const char *text, int width);

/* view.c: the view stack and the generic actions. */
int pd_view_push(struct pd_ui *ui, const struct pd_view_ops *ops, void *arg,
		 struct pd_err *err);
void pd_view_pop(struct pd_ui *ui);
/* pd_view_push from a key: a failure is the message line's error, and
 * the view below stays. Returns whether the view opened. */
bool pd_view_open(struct pd_ui *ui, const struct pd_view_ops *ops, void *arg);
/* Runs an action on the top view; false when it means nothing there. */
bool pd_view_action(struct pd_ui *ui, enum pd_action action);
/* Searches from the cursor for ui->search; dir is +1 or -1. */
void pd_view_find(struct pd_ui *ui, int dir);
void pd_view_clamp(struct pd_ui *ui, struct pd_view *view);
int pd_view_height(const struct pd_ui *ui);
void pd_ui_draw(struct pd_ui *ui);

void pd_ui_message(struct pd_ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pd_ui_error(struct pd_ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ui.c */
void pd_ui_key(struct pd_ui *ui, int key);
/* Asks a question on the last line that one of the letters in keys
 * answers; pick then gets the key (Esc and C-g cancel without calling
 * it). data is taken over (talloc) and freed after the answer. */
typedef void pd_choice_fn(struct pd_ui *ui, void *data, int key);
struct pd_choice {
	char *question;
	char *keys;
	pd_choice_fn *pick;
	void *data;
	/* Esc and C-g: NULL cancels; else this is called instead (a
	 * question that must be answered asks again). */
	void (*cancel)(struct pd_ui *ui, void *data);
};
void pd_ui_choose(struct pd_ui *ui, const char *keys, pd_choice_fn *pick, void *data,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
char *pd_ui_date(void *ctx, struct pd_ui *ui, time_t t);

/* prompt.c: the command line. */
void pd_prompt_open(struct pd_ui *ui, char kind);
void pd_prompt_key(struct pd_ui *ui, int key);
void pd_prompt_command(struct pd_ui *ui, const char *line);

/* script.c */
int pd_script_run(struct pd_ui *ui, const char *path, struct pd_err *err);

/* The views. */
extern const struct pd_view_ops pd_list_ops;    /* view_list.c: series list */
/* Once the list view has read every thread holding a patch: true, and
 * *tids the threads of the series holding revision id (under ctx; NULL
 * when it has none). False while it loads. A list of a query, or whose
 * loading failed, never has them: true, *tids NULL. */
bool pd_list_series_threads(struct pd_view *list, void *ctx, const char *id,
			    const char ***tids, size_t *n);
extern const struct pd_view_ops pd_series_ops;  /* view_series.c */
extern const struct pd_view_ops pd_patch_ops;   /* view_patch.c */
extern const struct pd_view_ops pd_thread_ops;  /* view_thread.c: reply tree */
extern const struct pd_view_ops pd_message_ops; /* view_message.c: one mail */
extern const struct pd_view_ops pd_help_ops;
/* view_rangediff.c: what changed since the previous revision */
extern const struct pd_view_ops pd_rangediff_ops;

/* What each view's open() gets as view->arg.
 *   list:    const char * notmuch query ("" for the threads holding a patch)
 *   series:  struct pd_series_arg *: the view loads the revision (with
 *            PD_LOAD_BODIES) and owns the result
 *   patch:   struct pd_patch_arg *, pointing into the series view below
 *   thread:  struct pd_thread_arg *, likewise
 *   message: struct pd_message_arg *, likewise
 * The pointed-to model lives in the series view, which stays below the
 * views opened from it on the stack. */
struct pd_load;
struct pd_revision;
struct pd_patch;
struct pd_mail;
struct pd_series_arg {
	const char *id;                /* a Message-ID of the revision */
	/* Its series' threads (pd_load_thread_ids), read alone
	 * (pd_load_series_in); NULL: pd_load_series finds them. */
	const char **threads;
	size_t nthreads;
	/* threads are those the list below has read so far (it is still
	 * loading): the view reads the series again once the list is whole
	 * (pd_list_series_threads), older revisions and all. */
	bool partial;
};
struct pd_patch_arg {
	struct pd_load *load;
	struct pd_revision *rev;
	size_t index;                  /* into rev->patches */
	/* Set to the patch shown after n/p or [/], so that the opener's
	 * cursor follows the reader back; NULL: nobody asks. */
	const struct pd_patch **shown;
};
struct pd_thread_arg {
	struct pd_load *load;
	struct pd_revision *rev;
	const struct pd_patch *patch;  /* NULL: the whole series' discussion */
};
struct pd_message_arg {
	const struct pd_mail *const *mails; /* the thread, in tree order */
	size_t nmails;
	size_t index;                  /* the one shown first */
};

/* The range-diff view's arg: two revisions of a model a view below owns. */
struct pd_rangediff_arg {
	const struct pd_revision *old, *new;
};
/* Opens the range-diff view of rev against the revision before it; the
 * arg is allocated under owner, which must outlive the view. */
void pd_rangediff_show(struct pd_ui *ui, void *owner, const struct pd_revision *rev);

/* view_thread.c: mail was shown, so the thread view (when view is one)
 * stops drawing it as unread; the store is not changed. */
void pd_thread_seen(struct pd_view *view, const struct pd_mail *mail);

/* The query of a thread list view, for the views opened from it. */
const char *pd_list_query(const struct pd_view *view);

/* view_list.c: review states changed (a write, a refresh): every list
 * view on the stack lists its rows again. */
void pd_list_states_changed(struct pd_ui *ui);
/* view_list.c: message_id was marked read in the store: every list view
 * stops showing it unread. */
void pd_list_mail_read(struct pd_ui *ui, const char *message_id);
/* view_series.c: the same for every series view (its State: line). */
void pd_series_states_changed(struct pd_ui *ui);
/* Shows only the series in state (review_state.h), or all with -1. */
void pd_list_filter(struct pd_ui *ui, struct pd_view *view, int state);
/* Every series but those in state (:filter !STATE); pd_list_filter ends it. */
void pd_list_hide(struct pd_ui *ui, struct pd_view *view, int state);
/* The revision under the cursor of a list view, or NULL. */
const struct pd_revision *pd_list_selected(const struct pd_view *view);

/* reply_ui.c: replies. Drafts to the mails ids of the revision rev_id
 * (none: the series, its cover else patch 1), with a trailer
 * (reply.h's enum, or -1), each edited, shown and sent or kept. */
void pd_reply_start(struct pd_ui *ui, const char *rev_id, const char *const *ids, size_t nids,
		    int trailer);
/* One line on out naming the draft files kept (ui->draft_kept), if any. */
void pd_reply_say_kept(const struct pd_ui *ui, FILE *out);
/* Asks which trailer, then pd_reply_start; what names the target. */
void pd_reply_ask_trailer(struct pd_ui *ui, const char *rev_id, const char *const *ids,
			  size_t nids, const char *what);
/* r, R and T on one mail (the thread and message views): a reply to
 * mail, to its series, or a trailer reply to mail. rev_id: the revision,
 * NULL to find it from mail. false: action is none of those. */
bool pd_reply_action(struct pd_ui *ui, const char *rev_id, const struct pd_mail *mail,
		     enum pd_action action);

/* state_ui.c: review states in the reader. */
struct pd_states;
/* The states (read from the store the first time); never NULL unless
 * out of memory. */
const struct pd_states *pd_triage_states(struct pd_ui *ui);
/* Asks for a state and sets it on rev's messages. */
void pd_triage_ask_state(struct pd_ui *ui, const struct pd_revision *rev);
/* Reads the states again from the store. */
void pd_triage_refresh(struct pd_ui *ui);
/* Takes notmuch's unread tag off a mail shown (when mark-read is on). */
void pd_triage_seen(struct pd_ui *ui, const struct pd_mail *mail);
/* Tries the writes that waited for the database; true while some wait. */
bool pd_triage_work(struct pd_ui *ui, bool now);
/* At exit: the writes that never got through, one line, or NULL. */
char *pd_triage_unwritten(void *ctx, struct pd_ui *ui);
/* :filter [state:STATE] */
void pd_triage_filter_command(struct pd_ui *ui, const char *arg);
/* :defer [DAY]: the revision `s d` asked about, else the one shown,
 * deferred until DAY (none: until set otherwise). */
void pd_triage_defer_command(struct pd_ui *ui, const char *arg);

/* view_digest.c: `:digest [--list NAME] [--from DAY] [--to DAY] [QUERY]`
 * (rest: the line after the command) opens the digest in a pager view;
 * `:save FILE` (force: `:save!`, over an existing file) writes it. */
void pd_digest_command(struct pd_ui *ui, const char *rest);
void pd_save_command(struct pd_ui *ui, const char *file, bool force);

#endif
