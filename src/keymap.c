#include "config.h"

#include "keymap.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

struct binding {
	int key;
	enum pd_action action;
};

struct view_map {
	struct binding *b; /* talloc array, in binding order */
	size_t n;
};

struct pd_keymap {
	struct view_map views[PD_VIEW_COUNT];
};

/* ------------------------------------------------------------ tables */

#define ROW_NAME(id, name) [PD_VIEW_##id] = name,
static const char *const view_names[PD_VIEW_COUNT] = { PD_VIEW_LIST(ROW_NAME) };
#undef ROW_NAME

struct action_row {
	const char *name, *keys, *help;
	unsigned views;
};
#define ROW_ACTION(id, nm, k, v, h) \
	[PD_ACT_##id] = { .name = nm, .keys = k, .help = h, .views = v },
static const struct action_row actions[PD_ACTION_COUNT] = {
	PD_ACTION_LIST(ROW_ACTION)
};
#undef ROW_ACTION

struct special_row {
	const char *name, *cap;
};
#define ROW_SPECIAL(id, nm, c) [PD_KEY_##id - PD_KEY_SPECIAL_BEFORE - 1] = { .name = nm, .cap = c },
static const struct special_row specials[] = { PD_SPECIAL_KEY_LIST(ROW_SPECIAL) };
#undef ROW_SPECIAL

/* Names for control characters and aliases that read back as a key. */
static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{ "Space", PD_KEY_SPACE },   { "Enter", PD_KEY_ENTER },
	{ "Return", PD_KEY_ENTER },  { "Tab", PD_KEY_TAB },
	{ "Esc", PD_KEY_ESC },       { "Escape", PD_KEY_ESC },
	{ "Backspace", PD_KEY_BACKSPACE }, { "BS", PD_KEY_BACKSPACE },
	{ "PageUp", PD_KEY_PGUP },   { "PageDown", PD_KEY_PGDN },
	{ "Insert", PD_KEY_INSERT }, { "Delete", PD_KEY_DELETE },
	{ "BackTab", PD_KEY_BTAB },
};

/* ------------------------------------------------------------ keys */

/* Decodes the UTF-8 character at s; returns its length, or 0 for an
 * invalid sequence or the end of the string. */
static size_t utf8_decode(const char *s, int *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	int c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return u[0] ? 1 : 0;
	} else if ((u[0] & 0xE0) == 0xC0) {
		len = 2, c = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3, c = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4, c = u[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ||
	    (len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000))
		return 0;
	*cp = c;
	return len;
}

static int control_of(const char *rest)
{
	int c;

	if (utf8_decode(rest, &c) != 1 || rest[1] != '\0')
		return -1;
	if (strcasecmp(rest, "?") == 0)
		return PD_KEY_BACKSPACE;
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	if (c < '@' || c > '_')
		return -1;
	return c - '@';
}

int pd_key_parse(int *out, const char *name)
{
	size_t len = strlen(name);
	char *inner = NULL;
	int rc = PD_E_USAGE, c;

	*out = 0;
	/* "<Down>" is "Down"; "<" alone is the key '<'. */
	if (len > 2 && name[0] == '<' && name[len - 1] == '>') {
		inner = talloc_strndup(NULL, name + 1, len - 2);
		if (inner == NULL)
			return PD_E_NOMEM;
		name = inner;
		len -= 2;
	}
	if (len > 0 && utf8_decode(name, &c) == len) {
		*out = c;
		rc = PD_OK;
		goto done;
	}
	if (strncasecmp(name, "C-", 2) == 0 || strncasecmp(name, "Ctrl-", 5) == 0 ||
	    (name[0] == '^' && name[1] != '\0')) {
		const char *rest = name + (name[0] == '^' ? 1 : name[1] == '-' ? 2 : 5);
		if (strcasecmp(rest, "Space") == 0)
			c = 0;
		else
			c = control_of(rest);
		if (c >= 0) {
			*out = c;
			rc = PD_OK;
		}
		goto done;
	}
	for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++) {
		if (strcasecmp(name, named_keys[i].name) == 0) {
			*out = named_keys[i].key;
			rc = PD_OK;
			goto done;
		}
	}
	for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
		/* Resize is an event, not something a user can press or bind. */
		if (PD_KEY_SPECIAL_BEFORE + 1 + (int)i == PD_KEY_RESIZE)
			continue;
		if (strcasecmp(name, specials[i].name) == 0) {
			*out = PD_KEY_SPECIAL_BEFORE + 1 + (int)i;
			rc = PD_OK;
			goto done;
		}
	}
done:
	talloc_free(inner);
	return rc;
}

static char *utf8_encode(void *ctx, int cp)
{
	char b[5] = { 0 };

	if (cp < 0x80) {
		b[0] = (char)cp;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
	}
	return talloc_strdup(ctx, b);
}

char *pd_key_name(void *ctx, int key)
{
	switch (key) {
	case PD_KEY_SPACE: return talloc_strdup(ctx, "Space");
	case PD_KEY_ENTER: return talloc_strdup(ctx, "Enter");
	case PD_KEY_TAB: return talloc_strdup(ctx, "Tab");
	case PD_KEY_ESC: return talloc_strdup(ctx, "Esc");
	case PD_KEY_BACKSPACE: return talloc_strdup(ctx, "Backspace");
	case 0: return talloc_strdup(ctx, "C-Space");
	}
	if (key > 0 && key < 32)
		return talloc_asprintf(ctx, "C-%c", key + '@' + (key <= 26 ? 32 : 0));
	if (key > PD_KEY_SPECIAL_BEFORE && key < PD_KEY_SPECIAL_END)
		return talloc_strdup(ctx, specials[key - PD_KEY_SPECIAL_BEFORE - 1].name);
	if (key > 0 && key <= 0x10FFFF && !(key >= 0x80 && key < 0xA0))
		return utf8_encode(ctx, key);
	return talloc_asprintf(ctx, "<U+%04X>", (unsigned)key);
}

const char *pd_key_terminfo(int key)
{
	if (key > PD_KEY_SPECIAL_BEFORE && key < PD_KEY_SPECIAL_END)
		return specials[key - PD_KEY_SPECIAL_BEFORE - 1].cap;
	return NULL;
}

/* ------------------------------------------------------------ names */

int pd_view_parse(enum pd_view_id *out, const char *name)
{
	for (int i = 0; i < PD_VIEW_COUNT; i++) {
		if (strcmp(name, view_names[i]) == 0) {
			*out = (enum pd_view_id)i;
			return PD_OK;
		}
	}
	return PD_E_USAGE;
}

const char *pd_view_name(enum pd_view_id view)
{
	return view_names[view];
}

int pd_action_parse(enum pd_action *out, const char *name)
{
	for (int i = 0; i < PD_ACTION_COUNT; i++) {
		if (strcmp(name, actions[i].name) == 0) {
			*out = (enum pd_action)i;
			return PD_OK;
		}
	}
	return PD_E_USAGE;
}

const char *pd_action_name(enum pd_action a) { return actions[a].name; }
const char *pd_action_help(enum pd_action a) { return actions[a].help; }
const char *pd_action_default_keys(enum pd_action a) { return actions[a].keys; }
unsigned pd_action_views(enum pd_action a) { return actions[a].views; }

/* ------------------------------------------------------------ map */

struct pd_keymap *pd_keymap_new(void *ctx)
{
	return talloc_zero(ctx, struct pd_keymap);
}

static struct binding *find(const struct view_map *vm, int key)
{
	for (size_t i = 0; i < vm->n; i++)
		if (vm->b[i].key == key)
			return &vm->b[i];
	return NULL;
}

int pd_keymap_bind(struct pd_keymap *km, enum pd_view_id view, int key,
		   enum pd_action action)
{
	struct view_map *vm = &km->views[view];
	struct binding *b = find(vm, key);

	if (b != NULL) {
		b->action = action;
		return PD_OK;
	}
	struct binding *nb = talloc_realloc(km, vm->b, struct binding, vm->n + 1);
	if (nb == NULL)
		return PD_E_NOMEM;
	vm->b = nb;
	vm->b[vm->n++] = (struct binding){ .key = key, .action = action };
	return PD_OK;
}

enum pd_action pd_keymap_lookup(const struct pd_keymap *km, enum pd_view_id view,
				int key)
{
	const struct binding *b = find(&km->views[view], key);

	if (b == NULL && view != PD_VIEW_GENERIC)
		b = find(&km->views[PD_VIEW_GENERIC], key);
	return b != NULL ? b->action : PD_ACT_NONE;
}

static char *append_key(char *s, int key)
{
	char *name = pd_key_name(NULL, key);
	s = talloc_asprintf_append(s, "%s%s", *s ? ", " : "", name);
	talloc_free(name);
	return s;
}

char *pd_keymap_keys_for(void *ctx, const struct pd_keymap *km,
			 enum pd_view_id view, enum pd_action action)
{
	char *s = talloc_strdup(ctx, "");
	const struct view_map *own = &km->views[view];

	for (size_t i = 0; s != NULL && i < own->n; i++)
		if (own->b[i].action == action)
			s = append_key(s, own->b[i].key);
	if (view == PD_VIEW_GENERIC)
		return s;
	const struct view_map *gen = &km->views[PD_VIEW_GENERIC];
	for (size_t i = 0; s != NULL && i < gen->n; i++)
		if (gen->b[i].action == action && find(own, gen->b[i].key) == NULL)
			s = append_key(s, gen->b[i].key);
	return s;
}

/* Calls fn for each space-separated key name of an action's defaults. */
static char *each_default_key(char *s, const char *keys,
			      char *(*fn)(char *s, const char *key, int a), int a)
{
	const char *p = keys;

	while (s != NULL && *p != '\0') {
		size_t len = strcspn(p, " ");
		char *k = talloc_strndup(NULL, p, len);
		s = k != NULL ? fn(s, k, a) : NULL;
		talloc_free(k);
		p += len;
		p += strspn(p, " ");
	}
	return s;
}

static char *rc_line(char *s, const char *key, int a)
{
	/* All default actions that make sense everywhere bind generically;
	 * the others bind in each of their views. */
	unsigned views = actions[a].views;
	if ((views & PD_VIEWS_ALL) == PD_VIEWS_ALL)
		return talloc_asprintf_append(s, "bind generic %s %s\n", key,
					      actions[a].name);
	for (int v = 1; s != NULL && v < PD_VIEW_COUNT; v++)
		if (views & (1u << v))
			s = talloc_asprintf_append(s, "bind %s %s %s\n", view_names[v],
						   key, actions[a].name);
	return s;
}

char *pd_keymap_default_rc(void *ctx)
{
	char *s = talloc_strdup(ctx, "# The default keymap, generated from src/actions.h.\n");

	for (int a = 0; s != NULL && a < PD_ACTION_COUNT; a++)
		s = each_default_key(s, actions[a].keys, rc_line, a);
	return s;
}

/* roff: '\' is \e, '-' is \- (a hyphen would do as a minus sign), and a
 * key that is a roff quote or space needs quoting. */
static char *roff_escape(char *s, const char *text)
{
	for (const char *p = text; s != NULL && *p != '\0'; p++) {
		if (*p == '\\')
			s = talloc_strdup_append(s, "\\e");
		else if (*p == '-')
			s = talloc_strdup_append(s, "\\-");
		else if (*p == '"')
			s = talloc_strdup_append(s, "\\(dq");
		else
			s = talloc_asprintf_append(s, "%c", *p);
	}
	return s;
}

/* One key of a ".BR k1 ", " k2" line: bold keys, roman commas. */
static char *man_key(char *s, const char *key, int a)
{
	(void)a;
	/* Not the first key: the line does not end in the macro name yet. */
	if (s[strlen(s) - 1] != ' ')
		s = talloc_strdup_append(s, " \", \" ");
	return roff_escape(s, key);
}

char *pd_keymap_man(void *ctx)
{
	char *s = talloc_strdup(ctx, "");

	for (int a = 1; s != NULL && a < PD_ACTION_COUNT; a++) {
		const char *keys = actions[a].keys;
		if (keys[0] == '\0')
			continue;
		s = talloc_asprintf_append(s, ".TP\n%s", strchr(keys, ' ') ? ".BR " : ".B ");
		s = each_default_key(s, keys, man_key, a);
		s = s != NULL ? talloc_strdup_append(s, "\n") : NULL;
		s = roff_escape(s, actions[a].help);
		s = s != NULL ? talloc_strdup_append(s, "\n.RB ( ") : NULL;
		s = roff_escape(s, actions[a].name);
		s = s != NULL ? talloc_strdup_append(s, " )\n") : NULL;
	}
	return s;
}
