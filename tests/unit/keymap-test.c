/* Key names, the action table and the keymap, table-driven. */
#include "config.h"

#include <talloc.h>

#include "rc.h"
#include "keymap.h"
#include "tap.h"

static const struct {
	const char *name;
	int key;          /* -1: must not parse */
	const char *canon; /* what pd_key_name gives back */
} keys[] = {
	{ "j", 'j', "j" },
	{ "J", 'J', "J" },
	{ "Down", PD_KEY_DOWN, "Down" },
	{ "<Down>", PD_KEY_DOWN, "Down" },
	{ "down", PD_KEY_DOWN, "Down" },
	{ "PgDn", PD_KEY_PGDN, "PgDn" },
	{ "PageDown", PD_KEY_PGDN, "PgDn" },
	{ "PgUp", PD_KEY_PGUP, "PgUp" },
	{ "Home", PD_KEY_HOME, "Home" },
	{ "End", PD_KEY_END, "End" },
	{ "Space", ' ', "Space" },
	{ " ", ' ', "Space" },
	{ "Enter", PD_KEY_ENTER, "Enter" },
	{ "Return", PD_KEY_ENTER, "Enter" },
	{ "C-m", PD_KEY_ENTER, "Enter" },
	{ "Tab", PD_KEY_TAB, "Tab" },
	{ "C-i", PD_KEY_TAB, "Tab" },
	{ "Esc", PD_KEY_ESC, "Esc" },
	{ "Backspace", PD_KEY_BACKSPACE, "Backspace" },
	{ "C-?", PD_KEY_BACKSPACE, "Backspace" },
	{ "C-l", 12, "C-l" },
	{ "C-L", 12, "C-l" },
	{ "Ctrl-l", 12, "C-l" },
	{ "^L", 12, "C-l" },
	{ "C-z", 26, "C-z" },
	{ "C-[", PD_KEY_ESC, "Esc" },
	{ "^", '^', "^" },
	{ "<", '<', "<" },
	{ "-", '-', "-" },
	{ "#", '#', "#" },
	{ "\xc3\xa9", 0xe9, "\xc3\xa9" },
	{ "F1", PD_KEY_F1, "F1" },
	{ "f12", PD_KEY_F12, "F12" },
	{ "S-Tab", PD_KEY_BTAB, "S-Tab" },
	{ "", -1, NULL },
	{ "jk", -1, NULL },
	{ "C-", -1, NULL },
	{ "C-jk", -1, NULL },
	{ "C-1", -1, NULL },
	{ "Resize", -1, NULL },
	{ "F13", -1, NULL },
	{ "\xc3", -1, NULL },
};

static void test_keys(void)
{
	char name[128];

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int k = 0;
		int rc = pd_key_parse(&k, keys[i].name);
		snprintf(name, sizeof(name), "key '%s' %s", keys[i].name,
			 keys[i].key < 0 ? "is refused" : "parses");
		if (keys[i].key < 0) {
			tap_int(rc, PD_E_USAGE, name);
			continue;
		}
		tap_int(rc == PD_OK ? k : rc, keys[i].key, name);
		char *canon = pd_key_name(NULL, k);
		snprintf(name, sizeof(name), "key '%s' is named '%s'", keys[i].name,
			 keys[i].canon);
		tap_str(canon, keys[i].canon, name);
		talloc_free(canon);
	}
}

/* Every canonical name reads back as its key. */
static void test_round_trip(void)
{
	int bad = 0;
	for (int k = 0; k < PD_KEY_SPECIAL_END; k++) {
		if (k == 0x80)
			k = PD_KEY_SPECIAL_BEFORE + 1; /* past ASCII, then the specials */
		if (k == PD_KEY_RESIZE)
			continue;
		char *n = pd_key_name(NULL, k);
		int back = -1;
		if (pd_key_parse(&back, n) != PD_OK || back != k) {
			printf("# %d -> '%s' -> %d\n", k, n, back);
			bad++;
		}
		talloc_free(n);
	}
	tap_int(bad, 0, "every ASCII and special key name reads back as its key");
}

static void test_actions(void)
{
	enum pd_action a;
	tap_int(pd_action_parse(&a, "move-down"), PD_OK, "action move-down parses");
	tap_int(a, PD_ACT_MOVE_DOWN, "move-down is PD_ACT_MOVE_DOWN");
	tap_int(pd_action_parse(&a, "move_down"), PD_E_USAGE, "action move_down is refused");
	tap_str(pd_action_name(PD_ACT_SUSPEND), "suspend", "PD_ACT_SUSPEND is named suspend");
	/* Names are unique: each parses back to its own row. */
	int bad = 0;
	for (int i = 0; i < PD_ACTION_COUNT; i++)
		if (pd_action_parse(&a, pd_action_name((enum pd_action)i)) != PD_OK ||
		    (int)a != i)
			bad++;
	tap_int(bad, 0, "every action name parses back to its own action");

	enum pd_view_id v;
	tap_int(pd_view_parse(&v, "thread"), PD_OK, "view thread parses");
	tap_int(v, PD_VIEW_THREAD, "thread is PD_VIEW_THREAD");
	tap_int(pd_view_parse(&v, "pager"), PD_E_USAGE, "view pager is refused");
}

static void test_map(void)
{
	struct pd_keymap *km = pd_keymap_new(NULL);

	pd_keymap_bind(km, PD_VIEW_GENERIC, 'j', PD_ACT_MOVE_DOWN);
	pd_keymap_bind(km, PD_VIEW_GENERIC, PD_KEY_DOWN, PD_ACT_MOVE_DOWN);
	pd_keymap_bind(km, PD_VIEW_GENERIC, 'q', PD_ACT_BACK);
	pd_keymap_bind(km, PD_VIEW_THREAD, 'j', PD_ACT_MOVE_UP);
	pd_keymap_bind(km, PD_VIEW_HELP, PD_KEY_DOWN, PD_ACT_NONE);
	pd_keymap_bind(km, PD_VIEW_LIST, 'x', PD_ACT_MOVE_DOWN);

	tap_int(pd_keymap_lookup(km, PD_VIEW_LIST, 'j'), PD_ACT_MOVE_DOWN,
		"a generic binding applies in the list view");
	tap_int(pd_keymap_lookup(km, PD_VIEW_THREAD, 'j'), PD_ACT_MOVE_UP,
		"a view's own binding wins over the generic one");
	tap_int(pd_keymap_lookup(km, PD_VIEW_HELP, PD_KEY_DOWN), PD_ACT_NONE,
		"binding none in a view hides the generic binding");
	tap_int(pd_keymap_lookup(km, PD_VIEW_LIST, 'z'), PD_ACT_NONE,
		"an unbound key does nothing");
	tap_int(pd_keymap_lookup(km, PD_VIEW_THREAD, 'x'), PD_ACT_NONE,
		"a list binding does not leak into the thread view");

	char *s = pd_keymap_keys_for(km, km, PD_VIEW_LIST, PD_ACT_MOVE_DOWN);
	tap_str(s, "x, j, Down", "keys for move-down in the list: own first, then generic");
	s = pd_keymap_keys_for(km, km, PD_VIEW_THREAD, PD_ACT_MOVE_DOWN);
	tap_str(s, "Down", "keys for move-down in the thread view leave out the rebound j");
	s = pd_keymap_keys_for(km, km, PD_VIEW_HELP, PD_ACT_MOVE_DOWN);
	tap_str(s, "j", "keys for move-down in help leave out the unbound Down");

	pd_keymap_bind(km, PD_VIEW_GENERIC, 'j', PD_ACT_QUIT);
	tap_int(pd_keymap_lookup(km, PD_VIEW_LIST, 'j'), PD_ACT_QUIT,
		"binding a key again replaces its action");
	talloc_free(km);
}

static void test_generated(void)
{
	char *rc = pd_keymap_default_rc(NULL);
	tap_result(strstr(rc, "\nbind generic j move-down\nbind generic Down move-down\n") != NULL,
		   "the default rc binds j and Down to move-down, in table order");
	tap_result(strstr(rc, "\nbind list o toggle-sort\n") != NULL,
		   "a list-only action binds in the list view");
	tap_result(strstr(rc, "bind thread o") == NULL && strstr(rc, "bind generic o") == NULL,
		   "a list-only action is not bound in the thread view");
	tap_result(strstr(rc, "bind list Tab next-unread\nbind thread Tab next-unread\n") != NULL,
		   "next-unread binds in each of its views");
	talloc_free(rc);

	char *man = pd_keymap_man(NULL);
	const char *first = ".TP\n.BR j \", \" Down\nmove to the next line\n.RB ( move\\-down )\n";
	tap_result(strncmp(man, first, strlen(first)) == 0,
		   "the man section starts with j, Down for move-down");
	tap_result(strstr(man, ".TP\n.BR PgUp \", \" \\-\n") != NULL,
		   "the man section escapes '-' as a key");
	tap_result(strstr(man, ".TP\n.B Tab\nmove to the next unread line\n.RB ( next\\-unread )\n") != NULL,
		   "a single key is one .B line");
	tap_result(strstr(man, "none") == NULL,
		   "the man section leaves out none, which has no keys");
	talloc_free(man);
}

int main(void)
{
	test_keys();
	test_round_trip();
	test_actions();
	test_map();
	test_generated();
	return tap_done();
}
