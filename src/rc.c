#include "config.h"

#include "rc.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "xdg.h"

/* The shipped themes, compiled in: themes/NAME.theme as string literals,
 * generated at build time so that they cannot drift apart. */
static const struct {
	const char *name, *text;
} builtin_themes[] = {
#include "src/builtin-themes.inc"
};

static const char *builtin_theme(const char *name)
{
	for (size_t i = 0; i < sizeof(builtin_themes) / sizeof(builtin_themes[0]); i++)
		if (strcmp(builtin_themes[i].name, name) == 0)
			return builtin_themes[i].text;
	return NULL;
}

/* A source chain deeper than this is a loop. */
enum { MAX_DEPTH = 16 };

struct option_row {
	const char *name, *def, *range, *help;
	enum pd_option_type type;
};
#define ROW_OPTION(id, nm, t, d, r, h) \
	[PD_OPTION_##id] = { .name = nm, .type = t, .def = d, .range = r, .help = h },
static const struct option_row options[PD_OPTION_COUNT] = {
	PD_OPTION_LIST(ROW_OPTION)
};
#undef ROW_OPTION

#define ROW_AREA(id, nm, h) [PD_AREA_##id] = nm,
static const char *const area_names[PD_AREA_COUNT] = { PD_AREA_LIST(ROW_AREA) };
#undef ROW_AREA
#define ROW_AREA(id, nm, h) [PD_AREA_##id] = h,
static const char *const area_help[PD_AREA_COUNT] = { PD_AREA_LIST(ROW_AREA) };
#undef ROW_AREA

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "normal", 0 },
	{ "bold", PD_ATTR_BOLD },
	{ "underline", PD_ATTR_UNDERLINE },
	{ "reverse", PD_ATTR_REVERSE },
	{ "dim", PD_ATTR_DIM },
	{ "standout", PD_ATTR_STANDOUT },
	{ "italic", PD_ATTR_ITALIC },
};

/* Where a line comes from, for messages and for relative `source`. */
struct origin {
	const char *name; /* NULL: no "FILE:LINE: " prefix */
	const char *dir;  /* base of relative paths; NULL: the working directory */
	int line;
};

/* ------------------------------------------------------------ words */

int pd_config_split(char ***words, size_t *count, void *ctx, const char *line,
		    struct pd_err *err)
{
	*words = NULL;
	*count = 0;
	char **w = talloc_array(ctx, char *, 1);
	size_t n = 0;
	const char *p = line;

	while (w != NULL) {
		p += strspn(p, " \t\r\n");
		if (*p == '\0' || *p == '#')
			break;
		char *word = talloc_strdup(w, "");
		while (word != NULL && *p != '\0' && strchr(" \t\r\n", *p) == NULL) {
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');
				if (end == NULL)
					goto unterminated;
				word = talloc_strndup_append(word, p + 1, (size_t)(end - p - 1));
				p = end + 1;
			} else if (*p == '"') {
				for (p++; word != NULL && *p != '"'; p++) {
					if (*p == '\0')
						goto unterminated;
					char c = *p;
					if (c == '\\') {
						p++;
						c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
						if (c == '\0')
							goto unterminated;
					}
					word = talloc_asprintf_append(word, "%c", c);
				}
				p++;
			} else {
				word = talloc_asprintf_append(word, "%c", *p++);
			}
		}
		w = word != NULL ? talloc_realloc(ctx, w, char *, n + 2) : NULL;
		if (w != NULL)
			w[n++] = talloc_steal(w, word);
	}
	if (w == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	w[n] = NULL;
	*words = w;
	*count = n;
	return PD_OK;
unterminated:
	talloc_free(w);
	return pd_err_set(err, PD_E_CONFIG, "unterminated quote");
}

/* ------------------------------------------------------------ values */

static int parse_long(long *out, const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* The index of word in a space-separated list, or -1. */
static long choice_index(const char *list, const char *word)
{
	long i = 0;
	for (const char *p = list; *p != '\0'; i++) {
		size_t len = strcspn(p, " ");
		if (strlen(word) == len && strncmp(p, word, len) == 0)
			return i;
		p += len;
		p += strspn(p, " ");
	}
	return -1;
}

static int set_option(struct pd_config *cfg, enum pd_option opt, const char *value,
		      struct pd_err *err)
{
	const struct option_row *o = &options[opt];
	long v = 0;

	switch (o->type) {
	case PD_OPT_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 ||
		    strcmp(value, "on") == 0)
			v = 1;
		else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 ||
			 strcmp(value, "off") == 0)
			v = 0;
		else
			return pd_err_set(err, PD_E_CONFIG,
					  "%s takes yes or no, not '%s'", o->name, value);
		break;
	case PD_OPT_INT: {
		long lo = 0, hi = 0;
		sscanf(o->range, "%ld %ld", &lo, &hi);
		if (parse_long(&v, value) != 0 || v < lo || v > hi)
			return pd_err_set(err, PD_E_CONFIG,
					  "%s takes a number from %ld to %ld, not '%s'",
					  o->name, lo, hi, value);
		break;
	}
	case PD_OPT_CHOICE:
		v = choice_index(o->range, value);
		if (v < 0)
			return pd_err_set(err, PD_E_CONFIG, "%s takes one of: %s; not '%s'",
					  o->name, o->range, value);
		break;
	case PD_OPT_STRING:
		break;
	}
	char *s = talloc_strdup(cfg, value);
	if (s == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	talloc_free(cfg->opt_str[opt]);
	cfg->opt_str[opt] = s;
	cfg->opt_num[opt] = v;
	return PD_OK;
}

static int parse_color(short *out, const char *s)
{
	long n;

	if (strcmp(s, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (int i = 0; i < 8; i++) {
		if (strcmp(s, color_names[i]) == 0) {
			*out = (short)i;
			return 0;
		}
		if (strncmp(s, "bright-", 7) == 0 && strcmp(s + 7, color_names[i]) == 0) {
			*out = (short)(i + 8);
			return 0;
		}
	}
	if (strncmp(s, "color", 5) == 0)
		s += 5;
	if (parse_long(&n, s) == 0 && n >= 0 && n <= 255) {
		*out = (short)n;
		return 0;
	}
	return -1;
}

/* ------------------------------------------------------------ commands */

static int run_text(struct pd_config *cfg, const char *text, struct origin *org,
		    struct pd_err *err);

static char *expand_path(void *ctx, const char *path, const char *dir)
{
	if (strncmp(path, "~/", 2) == 0) {
		const char *home = getenv("HOME");
		return talloc_asprintf(ctx, "%s/%s", home ? home : "", path + 2);
	}
	if (path[0] == '/' || dir == NULL)
		return talloc_strdup(ctx, path);
	return talloc_asprintf(ctx, "%s/%s", dir, path);
}

static int run_path(struct pd_config *cfg, const char *path, struct pd_err *err)
{
	if (cfg->depth >= MAX_DEPTH)
		return pd_err_set(err, PD_E_CONFIG,
				  "%s: sourced or themed more than %d levels deep; is there a loop?",
				  path, MAX_DEPTH);
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return pd_err_set(err, PD_E_CONFIG, "cannot read %s: %s", path,
				  strerror(errno));
	void *local = talloc_new(NULL);
	char *text = talloc_strdup(local, "");
	char buf[4096];
	size_t n;
	errno = 0;
	while (text != NULL && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		text = talloc_strndup_append(text, buf, n);
	int failed = ferror(fp) ? (errno != 0 ? errno : EIO) : 0;
	fclose(fp);
	int rc;
	if (text == NULL) {
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	} else if (failed) {
		rc = pd_err_set(err, PD_E_CONFIG, "cannot read %s: %s", path, strerror(failed));
	} else {
		char *slash = strrchr(path, '/');
		struct origin org = {
			.name = path,
			.dir = slash ? talloc_strndup(local, path, (size_t)(slash - path)) : NULL,
			.line = 0,
		};
		cfg->depth++;
		/* Errors inside the file are recorded line by line there; the
		 * `source` line itself succeeded. */
		run_text(cfg, text, &org, NULL);
		cfg->depth--;
		rc = PD_OK;
	}
	talloc_free(local);
	return rc;
}

/* Finds theme NAME: *path is its file, or NULL for a compiled-in one.
 * PD_E_NOT_FOUND when there is nothing readable by that name. */
static int theme_find(char **path, void *ctx, const char *name, struct pd_err *err)
{
	*path = pd_config_theme_path(ctx, name);
	if (*path == NULL && builtin_theme(name) == NULL) {
		char *user = pd_config_theme_path(ctx, "/");
		/* Not inside the call: pd_err_set is a macro (status.h), and a
		 * directive among a macro's arguments is undefined behaviour. */
#ifdef PD_THEMEDIR
		const char *also = " or " PD_THEMEDIR;
#else
		const char *also = "";
#endif
		return pd_err_set(err, PD_E_NOT_FOUND, "no theme '%s'; put %s.theme in %s%s", name,
				  name, user ? user : "~/.config/patchdeck/themes", also);
	}
	struct stat st;
	if (*path != NULL && (access(*path, R_OK) != 0 || stat(*path, &st) != 0))
		return pd_err_set(err, PD_E_NOT_FOUND, "cannot read theme %s: %s", *path,
				  strerror(errno));
	if (*path != NULL && S_ISDIR(st.st_mode))
		return pd_err_set(err, PD_E_NOT_FOUND, "cannot read theme %s: %s", *path,
				  strerror(EISDIR));
	return PD_OK;
}

static int cmd_theme(struct pd_config *cfg, const char *name, struct pd_err *err)
{
	void *local = talloc_new(NULL);
	char *path;
	/* Looked up before the colours are reset, so that a mistyped name
	 * leaves the screen as it was. */
	int rc = theme_find(&path, local, name, err);

	if (rc == PD_OK) {
		for (int a = 0; a < PD_AREA_COUNT; a++)
			cfg->colors[a] = (struct pd_color){ .fg = -1, .bg = -1, .attrs = 0 };
		if (path == NULL) {
			char *label = talloc_asprintf(local, "themes/%s.theme", name);
			struct origin org = { .name = label ? label : name };
			run_text(cfg, builtin_theme(name), &org, NULL);
		} else {
			rc = run_path(cfg, path, err);
		}
	}
	talloc_free(local);
	return rc;
}

static int cmd_color(struct pd_config *cfg, char **w, size_t n, struct pd_err *err)
{
	if (n < 4)
		return pd_err_set(err, PD_E_CONFIG, "usage: color AREA FG BG [ATTR...]");
	int area = -1;
	for (int a = 0; a < PD_AREA_COUNT; a++)
		if (strcmp(w[1], area_names[a]) == 0)
			area = a;
	if (area < 0) {
		char *all = talloc_strdup(NULL, "");
		for (int a = 0; all != NULL && a < PD_AREA_COUNT; a++)
			all = talloc_asprintf_append(all, "%s%s", a ? " " : "", area_names[a]);
		pd_err_set(err, PD_E_CONFIG, "unknown colour area '%s'; use one of: %s", w[1],
			   all ? all : "(out of memory)");
		talloc_free(all);
		return PD_E_CONFIG;
	}
	struct pd_color c = { .attrs = 0 };
	if (parse_color(&c.fg, w[2]) != 0 || parse_color(&c.bg, w[3]) != 0)
		return pd_err_set(err, PD_E_CONFIG,
				  "unknown colour '%s'; use default, black..white, "
				  "bright-black..bright-white or color0..color255",
				  parse_color(&c.fg, w[2]) != 0 ? w[2] : w[3]);
	for (size_t i = 4; i < n; i++) {
		size_t k;
		for (k = 0; k < sizeof(attr_names) / sizeof(attr_names[0]); k++)
			if (strcmp(w[i], attr_names[k].name) == 0)
				break;
		if (k == sizeof(attr_names) / sizeof(attr_names[0]))
			return pd_err_set(err, PD_E_CONFIG,
					  "unknown attribute '%s'; use bold, underline, "
					  "reverse, dim, standout, italic or normal",
					  w[i]);
		c.attrs |= attr_names[k].bit;
	}
	cfg->colors[area] = c;
	return PD_OK;
}

static int cmd_bind(struct pd_config *cfg, char **w, size_t n, struct pd_err *err)
{
	enum pd_view_id view;
	enum pd_action action;
	int key;

	if (n != 4)
		return pd_err_set(err, PD_E_CONFIG, "usage: bind VIEW KEY ACTION");
	if (pd_view_parse(&view, w[1]) != PD_OK)
		return pd_err_set(err, PD_E_CONFIG,
				  "unknown view '%s'; use generic, list, thread or help", w[1]);
	if (pd_key_parse(&key, w[2]) != PD_OK)
		return pd_err_set(err, PD_E_CONFIG, "unknown key '%s'", w[2]);
	if (pd_action_parse(&action, w[3]) != PD_OK)
		return pd_err_set(err, PD_E_CONFIG,
				  "unknown action '%s'; the help view (?) lists them", w[3]);
	if (pd_keymap_bind(cfg->keymap, view, key, action) != PD_OK)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	return PD_OK;
}

static int cmd_query(struct pd_config *cfg, char **w, size_t n, struct pd_err *err)
{
	if (n != 3)
		return pd_err_set(err, PD_E_CONFIG, "usage: query NAME \"notmuch query\"");
	for (size_t i = 0; i < cfg->nqueries; i++) {
		if (strcmp(cfg->queries[i].name, w[1]) == 0) {
			talloc_free(cfg->queries[i].query);
			cfg->queries[i].query = talloc_strdup(cfg->queries, w[2]);
			return PD_OK;
		}
	}
	struct pd_saved_query *q =
		talloc_realloc(cfg, cfg->queries, struct pd_saved_query, cfg->nqueries + 1);
	if (q == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	cfg->queries = q;
	q[cfg->nqueries++] = (struct pd_saved_query){
		.name = talloc_strdup(q, w[1]),
		.query = talloc_strdup(q, w[2]),
	};
	return PD_OK;
}

static int cmd_tree(struct pd_config *cfg, char **w, size_t n,
		    const struct origin *org, struct pd_err *err)
{
	if (n != 2 && n != 3)
		return pd_err_set(err, PD_E_CONFIG, "usage: tree [PREFIX] DIR");
	const char *prefix = n == 3 ? w[1] : NULL;
	struct pd_tree_entry *t = cfg->trees;
	size_t i = 0;
	/* A later line for the same prefix replaces the earlier one. */
	while (i < cfg->ntrees && !(prefix == NULL ? t[i].prefix == NULL
				    : t[i].prefix != NULL && strcasecmp(t[i].prefix, prefix) == 0))
		i++;
	if (i == cfg->ntrees) {
		t = talloc_realloc(cfg, cfg->trees, struct pd_tree_entry, cfg->ntrees + 1);
		if (t == NULL)
			return pd_err_set(err, PD_E_NOMEM, "out of memory");
		cfg->trees = t;
		t[cfg->ntrees++] = (struct pd_tree_entry){
			.prefix = prefix ? talloc_strdup(t, prefix) : NULL,
		};
	}
	talloc_free(t[i].dir);
	t[i].dir = expand_path(t, w[n - 1], org->dir);
	if (t[i].dir == NULL || (prefix != NULL && t[i].prefix == NULL))
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	return PD_OK;
}

static int run_words(struct pd_config *cfg, char **w, size_t n,
		     const struct origin *org, struct pd_err *err)
{
	const char *cmd = w[0];

	if (strcmp(cmd, "set") == 0) {
		if (n != 3)
			return pd_err_set(err, PD_E_CONFIG, "usage: set NAME VALUE");
		/* Not an option row: a theme is a set of colour lines, so there
		 * is no value to keep, only the lines to run. */
		if (strcmp(w[1], "theme") == 0)
			return cmd_theme(cfg, w[2], err);
		for (int o = 0; o < PD_OPTION_COUNT; o++)
			if (strcmp(w[1], options[o].name) == 0)
				return set_option(cfg, (enum pd_option)o, w[2], err);
		return pd_err_set(err, PD_E_CONFIG, "unknown option '%s'", w[1]);
	}
	if (strcmp(cmd, "bind") == 0)
		return cmd_bind(cfg, w, n, err);
	if (strcmp(cmd, "color") == 0)
		return cmd_color(cfg, w, n, err);
	if (strcmp(cmd, "query") == 0)
		return cmd_query(cfg, w, n, err);
	if (strcmp(cmd, "tree") == 0)
		return cmd_tree(cfg, w, n, org, err);
	if (strcmp(cmd, "source") == 0 || strcmp(cmd, "theme") == 0) {
		if (n != 2)
			return pd_err_set(err, PD_E_CONFIG, "usage: %s %s", cmd,
					  cmd[0] == 's' ? "FILE" : "NAME");
		if (cmd[0] == 't')
			return cmd_theme(cfg, w[1], err);
		char *path = expand_path(NULL, w[1], org->dir);
		int rc = path ? run_path(cfg, path, err)
			      : pd_err_set(err, PD_E_NOMEM, "out of memory");
		talloc_free(path);
		return rc;
	}
	return pd_err_set(err, PD_E_CONFIG,
			  "unknown command '%s'; use set, bind, color, source, query or theme",
			  cmd);
}

static void record(struct pd_config *cfg, const struct origin *org, const char *msg)
{
	char **e = talloc_realloc(cfg, cfg->errors, char *, cfg->nerrors + 1);
	if (e == NULL)
		return;
	cfg->errors = e;
	e[cfg->nerrors++] = org->name != NULL
		? talloc_asprintf(e, "%s:%d: %s", org->name, org->line, msg)
		: talloc_strdup(e, msg);
}

static int run_text(struct pd_config *cfg, const char *text, struct origin *org,
		    struct pd_err *err)
{
	void *local = talloc_new(NULL);
	struct pd_err lerr;
	pd_err_init(&lerr, local);
	const char *p = text;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");
		char *line = talloc_strndup(local, p, len);
		char **w = NULL;
		size_t n = 0;
		org->line++;
		p += len + (p[len] == '\n');
		if (line == NULL) {
			record(cfg, org, "out of memory");
			break;
		}
		if (pd_config_split(&w, &n, local, line, &lerr) != PD_OK ||
		    (n > 0 && run_words(cfg, w, n, org, &lerr) != PD_OK))
			record(cfg, org, pd_err_msg(&lerr));
		talloc_free(line);
		talloc_free(w);
	}
	talloc_free(local);
	(void)err;
	return PD_OK;
}

static int run_top(struct pd_config *cfg, struct pd_err *err,
		   int (*fn)(struct pd_config *, const void *, const char *, struct pd_err *),
		   const void *arg, const char *name)
{
	talloc_free(cfg->errors);
	cfg->errors = NULL;
	cfg->nerrors = 0;
	struct pd_err lerr;
	pd_err_init(&lerr, cfg);
	int rc = fn(cfg, arg, name, &lerr);
	if (rc != PD_OK) {
		struct origin org = { .name = NULL };
		record(cfg, &org, pd_err_msg(&lerr));
	}
	talloc_free(lerr.msg);
	if (cfg->nerrors == 0)
		return PD_OK;
	if (cfg->nerrors == 1)
		return pd_err_set(err, PD_E_CONFIG, "%s", cfg->errors[0]);
	return pd_err_set(err, PD_E_CONFIG, "%s (and %zu more errors)", cfg->errors[0],
			  cfg->nerrors - 1);
}

static int string_fn(struct pd_config *cfg, const void *text, const char *name,
		     struct pd_err *err)
{
	struct origin org = { .name = name, .dir = NULL, .line = 0 };
	return run_text(cfg, text, &org, err);
}

static int file_fn(struct pd_config *cfg, const void *path, const char *name,
		   struct pd_err *err)
{
	(void)name;
	return run_path(cfg, path, err);
}

int pd_config_run_string(struct pd_config *cfg, const char *text,
			 const char *name, struct pd_err *err)
{
	return run_top(cfg, err, string_fn, text, name);
}

int pd_config_run_file(struct pd_config *cfg, const char *path, struct pd_err *err)
{
	return run_top(cfg, err, file_fn, path, path);
}

static int theme_fn(struct pd_config *cfg, const void *name, const char *unused,
		    struct pd_err *err)
{
	(void)unused;
	return cmd_theme(cfg, name, err);
}

int pd_config_load_theme(struct pd_config *cfg, const char *name, struct pd_err *err)
{
	void *local = talloc_new(NULL);
	char *path;
	/* A theme that is not there at all is the caller's to refuse; one
	 * with bad lines still applies, like any rc file. */
	int rc = theme_find(&path, local, name, err);
	talloc_free(local);
	if (rc != PD_OK)
		return rc;
	return run_top(cfg, err, theme_fn, name, NULL);
}

/* ------------------------------------------------------------ setup */

int pd_config_new(struct pd_config **out, void *ctx, struct pd_err *err)
{
	*out = NULL;
	struct pd_config *cfg = talloc_zero(ctx, struct pd_config);
	if (cfg == NULL || (cfg->keymap = pd_keymap_new(cfg)) == NULL)
		goto nomem;
	for (int o = 0; o < PD_OPTION_COUNT; o++)
		if (set_option(cfg, (enum pd_option)o, options[o].def, err) != PD_OK)
			goto fail;
	char *keys = pd_keymap_default_rc(cfg);
	if (keys == NULL)
		goto nomem;
	/* The defaults are ours: an error in them is a bug, not a user's
	 * typo, and must not go unnoticed. */
	if (pd_config_run_string(cfg, keys, "(default keymap)", err) != PD_OK ||
	    pd_config_run_string(cfg, "theme default", "(default theme)", err) != PD_OK)
		goto fail;
	talloc_free(keys);
	*out = cfg;
	return PD_OK;
nomem:
	pd_err_set(err, PD_E_NOMEM, "out of memory");
fail:
	talloc_free(cfg);
	return err != NULL ? err->code : PD_E_NOMEM;
}

static char *user_dir(void *ctx)
{
	return pd_xdg_path(ctx, "XDG_CONFIG_HOME", ".config", NULL);
}

char *pd_config_user_path(void *ctx)
{
	char *dir = user_dir(NULL);
	char *path = dir ? talloc_asprintf(ctx, "%s/config", dir) : NULL;
	talloc_free(dir);
	return path;
}

char *pd_config_theme_path(void *ctx, const char *name)
{
	char *dir = user_dir(NULL);
	char *path = NULL;

	if (dir == NULL)
		return NULL;
	if (strcmp(name, "/") == 0) {
		/* Asked for the user's themes directory itself, for messages. */
		path = talloc_asprintf(ctx, "%s/themes", dir);
	} else if (strchr(name, '/') != NULL) {
		path = talloc_strdup(ctx, name);
	} else {
		path = talloc_asprintf(ctx, "%s/themes/%s.theme", dir, name);
		if (path != NULL && access(path, R_OK) != 0) {
			talloc_free(path);
			path = NULL;
#ifdef PD_THEMEDIR
			/* The shipped themes are compiled in; the installed
			 * copies are there to be copied and changed. */
			if (builtin_theme(name) == NULL) {
				path = talloc_asprintf(ctx, "%s/%s.theme", PD_THEMEDIR, name);
				if (path != NULL && access(path, R_OK) != 0) {
					talloc_free(path);
					path = NULL;
				}
			}
#endif
		}
	}
	talloc_free(dir);
	return path;
}

/* Text for roff: backslashes and minus signs escaped, a leading dot or
 * quote defused. */
static char *roff_append(char *s, const char *text)
{
	if (s != NULL && (text[0] == '.' || text[0] == '\''))
		s = talloc_strdup_append(s, "\\&");
	for (const char *p = text; s != NULL && *p != '\0'; p++) {
		if (*p == '\\')
			s = talloc_strdup_append(s, "\\e");
		else if (*p == '-')
			s = talloc_strdup_append(s, "\\-");
		else
			s = talloc_asprintf_append(s, "%c", *p);
	}
	return s;
}

char *pd_config_areas_man(void *ctx)
{
	char *s = talloc_strdup(ctx, "");
	for (int a = 0; s != NULL && a < PD_AREA_COUNT; a++) {
		s = talloc_strdup_append(s, ".TP\n.B ");
		s = roff_append(s, area_names[a]);
		s = s != NULL ? talloc_strdup_append(s, "\n") : NULL;
		s = roff_append(s, area_help[a]);
		s = s != NULL ? talloc_strdup_append(s, "\n") : NULL;
	}
	return s;
}

const char *pd_config_default_theme(void)
{
	return builtin_theme("default");
}

bool pd_config_bool(const struct pd_config *cfg, enum pd_option opt)
{
	return cfg->opt_num[opt] != 0;
}

long pd_config_int(const struct pd_config *cfg, enum pd_option opt)
{
	return cfg->opt_num[opt];
}

const char *pd_config_str(const struct pd_config *cfg, enum pd_option opt)
{
	return cfg->opt_str[opt];
}

const char *pd_option_name(enum pd_option opt)
{
	return options[opt].name;
}

const char *pd_area_name(enum pd_area area)
{
	return area_names[area];
}

const char *pd_config_query(const struct pd_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nqueries; i++)
		if (strcmp(cfg->queries[i].name, name) == 0)
			return cfg->queries[i].query;
	return NULL;
}
