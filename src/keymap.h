/* Keys, key names and the key → action map.
 *
 * Pure: no curses. A key is an int: a Unicode code point (control keys are
 * their control codes: Tab 9, Enter 13, Esc 27, Backspace 127) or one of the
 * PD_KEY_* values above Unicode for keys that have no character. The UI
 * translates curses input into these, so the map and its tests need no
 * terminal.
 */
#ifndef PD_KEYMAP_H
#define PD_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "status.h"

enum {
	PD_KEY_TAB = 9,
	PD_KEY_ENTER = 13,
	PD_KEY_ESC = 27,
	PD_KEY_SPACE = 32,
	PD_KEY_BACKSPACE = 127,
};

/* X(ID, "name", "terminfo capability" or NULL). The capability is what the
 * scripted mode sends for the key; its order matters to nothing. */
#define PD_SPECIAL_KEY_LIST(X)                                                \
	X(UP, "Up", "kcuu1")                                                   \
	X(DOWN, "Down", "kcud1")                                               \
	X(LEFT, "Left", "kcub1")                                               \
	X(RIGHT, "Right", "kcuf1")                                             \
	X(PGUP, "PgUp", "kpp")                                                 \
	X(PGDN, "PgDn", "knp")                                                 \
	X(HOME, "Home", "khome")                                               \
	X(END, "End", "kend")                                                  \
	X(INSERT, "Ins", "kich1")                                              \
	X(DELETE, "Del", "kdch1")                                              \
	X(BTAB, "S-Tab", "kcbt")                                               \
	X(F1, "F1", "kf1")                                                     \
	X(F2, "F2", "kf2")                                                     \
	X(F3, "F3", "kf3")                                                     \
	X(F4, "F4", "kf4")                                                     \
	X(F5, "F5", "kf5")                                                     \
	X(F6, "F6", "kf6")                                                     \
	X(F7, "F7", "kf7")                                                     \
	X(F8, "F8", "kf8")                                                     \
	X(F9, "F9", "kf9")                                                     \
	X(F10, "F10", "kf10")                                                  \
	X(F11, "F11", "kf11")                                                  \
	X(F12, "F12", "kf12")                                                  \
	X(RESIZE, "Resize", NULL)

#define PD_SPECIAL_KEY_ENUM(id, name, cap) PD_KEY_##id,
enum pd_special_key {
	PD_KEY_SPECIAL_BEFORE = 0x10FFFF, /* the first special key is 0x110000 */
	PD_SPECIAL_KEY_LIST(PD_SPECIAL_KEY_ENUM)
	PD_KEY_SPECIAL_END
};
#undef PD_SPECIAL_KEY_ENUM

/* Parses a key name: a single character ("j", "é"), a name ("Down",
 * "PgDn", "Space", "Enter", "Tab", "Esc", "Backspace", "F5", ...; any case,
 * optionally in <angle brackets>) or a control key ("C-l", "Ctrl-L", "^L").
 * Returns PD_OK or PD_E_USAGE. */
int pd_key_parse(int *out, const char *name);

/* The canonical name of key, the one pd_key_parse reads back ("C-l",
 * "Space", "PgDn", "j"), allocated under ctx. */
char *pd_key_name(void *ctx, int key);

/* The terminfo capability a terminal sends for a special key, or NULL. */
const char *pd_key_terminfo(int key);

int pd_view_parse(enum pd_view_id *out, const char *name);
const char *pd_view_name(enum pd_view_id view);

int pd_action_parse(enum pd_action *out, const char *name);
const char *pd_action_name(enum pd_action action);
const char *pd_action_help(enum pd_action action);
const char *pd_action_default_keys(enum pd_action action);
unsigned pd_action_views(enum pd_action action);

struct pd_keymap;

struct pd_keymap *pd_keymap_new(void *ctx);

/* Binds key in view, replacing what the key did there before. Binding to
 * PD_ACT_NONE hides a generic binding in that view. */
int pd_keymap_bind(struct pd_keymap *km, enum pd_view_id view, int key,
		   enum pd_action action);

/* What key does in view: the view's own binding, else the generic one,
 * else PD_ACT_NONE. */
enum pd_action pd_keymap_lookup(const struct pd_keymap *km, enum pd_view_id view,
				int key);

/* The keys that run action in view, as "j, Down" (empty when none),
 * allocated under ctx. */
char *pd_keymap_keys_for(void *ctx, const struct pd_keymap *km,
			 enum pd_view_id view, enum pd_action action);

/* The default keymap as rc text ("bind generic j move-down\n..."), generated
 * from the action table; the config runs it like any rc file. */
char *pd_keymap_default_rc(void *ctx);

/* The man page KEYS section body (roff), generated from the action table. */
char *pd_keymap_man(void *ctx);

#endif
