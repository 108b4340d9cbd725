/* The rc file: options, key bindings, colours, saved queries.
 *
 * Pure: no curses, nothing printed. The grammar, one command per line:
 *
 *   set NAME VALUE               an option from PD_OPTION_LIST
 *   bind VIEW KEY ACTION         see actions.h and keymap.h
 *   color AREA FG BG [ATTR...]   an area from PD_AREA_LIST
 *   source FILE                  relative to the including file; ~/ is $HOME
 *   query NAME QUERY             a saved notmuch query (':query NAME')
 *   theme NAME                   plain colours, then themes/NAME.theme
 *   tree [PREFIX] DIR            the git tree (for series aimed at PREFIX)
 *   set theme NAME               the same
 *
 * Words are separated by blanks; "double quotes" allow \" \\ \n \t,
 * 'single quotes' are literal; # outside quotes starts a comment. Errors read
 * "FILE:LINE: message"; a bad line is skipped and the rest still applies.
 * The defaults (keymap and theme) are rc text run through the same code.
 */
#ifndef PD_RC_H
#define PD_RC_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"
#include "status.h"

enum pd_option_type { PD_OPT_BOOL, PD_OPT_INT, PD_OPT_STRING, PD_OPT_CHOICE };

/* X(ID, "name", type, "default", "choices" (CHOICE) or "min max" (INT), "help") */
#define PD_OPTION_LIST(X)                                                     \
	X(DATE_FORMAT, "date-format", PD_OPT_STRING, "%Y-%m-%d", "",            \
	  "strftime(3) format of dates in the thread list and thread view")    \
	X(AUTHOR_WIDTH, "author-width", PD_OPT_INT, "20", "4 200",             \
	  "width of the author column")                                        \
	X(CHARSET, "charset", PD_OPT_CHOICE, "auto", "auto utf-8 ascii",       \
	  "characters for lines and marks; auto picks ascii for non-UTF-8 "    \
	  "locales and vt100-class terminals")                                 \
	X(COLOR, "color", PD_OPT_BOOL, "yes", "",                              \
	  "use colours when the terminal has them and NO_COLOR is not set")    \
	X(WRAP_SEARCH, "wrap-search", PD_OPT_BOOL, "yes", "",                  \
	  "searches continue from the other end of the view")                  \
	X(DEFAULT_QUERY, "default-query", PD_OPT_STRING, "", "",               \
	  "query shown when none is given on the command line")                \
	X(LINK_MASK, "link-mask", PD_OPT_STRING, "https://lore.kernel.org/r/%s", "", \
	  "Link: trailer of mbox --link; %s is the Message-ID")                \
	X(TAG_PREFIX, "tag-prefix", PD_OPT_STRING, "pd/", "",                   \
	  "prefix of the notmuch tags that hold review states (tag)")          \
	X(MARK_READ, "mark-read", PD_OPT_BOOL, "yes", "",                      \
	  "opening a patch or a message takes notmuch's unread tag off it")    \
	X(FROM, "from", PD_OPT_STRING, "", "",                                 \
	  "your \"Name <address>\" for replies and trailers (else git's user)") \
	X(SENDMAIL, "sendmail", PD_OPT_STRING, "sendmail -t -oi", "",           \
	  "command that sends a reply (reads the mail on stdin)")              \
	X(DRAFT_FOLDER, "draft-folder", PD_OPT_STRING, "", "",                 \
	  "maildir where unsent replies are saved (\"\": under the notmuch database, drafts)")

#define PD_OPTION_ENUM(id, name, type, def, range, help) PD_OPTION_##id,
enum pd_option { PD_OPTION_LIST(PD_OPTION_ENUM) PD_OPTION_COUNT };
#undef PD_OPTION_ENUM

enum { PD_CHARSET_AUTO, PD_CHARSET_UTF8, PD_CHARSET_ASCII };

/* X(ID, "name", "help") */
#define PD_AREA_LIST(X)                                                       \
	X(DEFAULT, "default", "everything without an area of its own")         \
	X(CURSOR, "cursor", "the selected line")                               \
	X(STATUS, "status", "the status bar")                                  \
	X(MESSAGE, "message", "messages on the last line")                     \
	X(ERROR, "error", "error messages on the last line")                   \
	X(PROMPT, "prompt", "the command line")                                \
	X(DATE, "date", "dates")                                               \
	X(AUTHOR, "author", "authors")                                         \
	X(COUNTS, "count", "[matched/total] message counts")                    \
	X(SUBJECT, "subject", "subjects")                                      \
	X(UNREAD, "unread", "added to unread lines")                           \
	X(TREE, "tree", "thread tree lines")                                   \
	X(TAGS, "tags", "tags")                                                \
	X(ESCAPE, "escape",                                                    \
	  "control, invisible and bidi characters from mail, as ^X or <U+XXXX>") \
	X(HELP_TITLE, "help-title", "section titles in the help view")         \
	X(HELP_KEY, "help-key", "keys in the help view")                       \
	X(HELP_ACTION, "help-action", "action names in the help view")         \
	X(TITLE, "title", "titles and section headings in the pagers")         \
	X(HEADER, "header", "header names (From:, Date:) in the pagers")       \
	X(MARK, "mark", "marks: missing patches, superseded, newer revision")  \
	X(VERSION, "version", "revision numbers (v2)")                         \
	X(TRAILER, "trailer", "the patch's own trailers (Signed-off-by:)")     \
	X(COLLECTED, "collected", "trailers collected from replies")           \
	X(DIFFSTAT, "diffstat", "diffstat lines")                              \
	X(DIFF_HEADER, "diff-header", "diff --git, index, ---, +++ lines")     \
	X(DIFF_HUNK, "diff-hunk", "@@ hunk headers")                           \
	X(DIFF_ADD, "diff-add", "added lines")                                 \
	X(DIFF_DEL, "diff-del", "removed lines")                               \
	X(WHITESPACE, "whitespace", "whitespace errors in added lines")        \
	X(QUOTE1, "quote1", "quoted text, first level")                        \
	X(QUOTE2, "quote2", "quoted text, second level")                       \
	X(QUOTE3, "quote3", "quoted text, third level and deeper")             \
	X(SIGNATURE, "signature", "signatures below -- ")

#define PD_AREA_ENUM(id, name, help) PD_AREA_##id,
enum pd_area { PD_AREA_LIST(PD_AREA_ENUM) PD_AREA_COUNT };
#undef PD_AREA_ENUM

enum {
	PD_ATTR_BOLD = 1u << 0,
	PD_ATTR_UNDERLINE = 1u << 1,
	PD_ATTR_REVERSE = 1u << 2,
	PD_ATTR_DIM = 1u << 3,
	PD_ATTR_STANDOUT = 1u << 4,
	PD_ATTR_ITALIC = 1u << 5,
};

/* A colour is -1 (the terminal's default) or 0..255 (xterm numbering). */
struct pd_color {
	short fg, bg;
	unsigned attrs;
};

struct pd_saved_query {
	char *name, *query;
};

/* `tree [PREFIX] DIR`: the git tree for series whose subject names the
 * target PREFIX (`[PATCH net-next]`), or with prefix NULL the default. */
struct pd_tree_entry {
	char *prefix, *dir;
};

struct pd_config {
	struct pd_keymap *keymap;
	struct pd_color colors[PD_AREA_COUNT];
	struct pd_saved_query *queries; /* talloc array */
	size_t nqueries;
	struct pd_tree_entry *trees; /* talloc array, in file order */
	size_t ntrees;
	/* Every error of the last pd_config_run_*, "FILE:LINE: message". */
	char **errors;
	size_t nerrors;
	/* private */
	long opt_num[PD_OPTION_COUNT]; /* BOOL 0/1, INT, CHOICE index */
	char *opt_str[PD_OPTION_COUNT];
	int depth;
};

/* A config holding the defaults: the generated keymap, the compiled-in
 * default theme (themes/default.theme) and the option defaults. */
int pd_config_new(struct pd_config **out, void *ctx, struct pd_err *err);

/* Runs rc text. name prefixes error messages ("FILE:LINE: "); NULL means
 * no prefix (the command line). Returns PD_OK, or PD_E_CONFIG with err
 * holding the first error (and a count of the others). */
int pd_config_run_string(struct pd_config *cfg, const char *text,
			 const char *name, struct pd_err *err);

/* Runs an rc file. Relative `source` paths inside resolve against its
 * directory. */
int pd_config_run_file(struct pd_config *cfg, const char *path,
		       struct pd_err *err);

/* The user's rc file: $XDG_CONFIG_HOME/patchdeck/config, by default
 * ~/.config/patchdeck/config. Allocated under ctx. */
char *pd_config_user_path(void *ctx);

/* Where `theme NAME` looks: the user's themes directory, then, unless
 * NAME is one of the shipped themes (compiled in: default, light, mono),
 * the installed one. NAME with a '/' is a path. NULL when there is no
 * such file. */
char *pd_config_theme_path(void *ctx, const char *name);

/* Runs theme NAME as `theme NAME` does. PD_E_NOT_FOUND (nothing
 * changed) when there is no such theme; PD_E_CONFIG, as
 * pd_config_run_file, when lines of it are wrong (the rest applied). */
int pd_config_load_theme(struct pd_config *cfg, const char *name,
			 struct pd_err *err);

/* The man page's list of colour areas (roff), generated from
 * PD_AREA_LIST. */
char *pd_config_areas_man(void *ctx);

/* The compiled-in default theme text. */
const char *pd_config_default_theme(void);

bool pd_config_bool(const struct pd_config *cfg, enum pd_option opt);
long pd_config_int(const struct pd_config *cfg, enum pd_option opt);
const char *pd_config_str(const struct pd_config *cfg, enum pd_option opt);

const char *pd_option_name(enum pd_option opt);
const char *pd_area_name(enum pd_area area);

/* The saved query called name, or NULL. */
const char *pd_config_query(const struct pd_config *cfg, const char *name);

/* Splits one line into words by the rc quoting rules (a comment ends it).
 * *words is a talloc array under ctx. Returns PD_OK or PD_E_CONFIG with a
 * message in err. Also the tokenizer of the scripted mode. */
int pd_config_split(char ***words, size_t *count, void *ctx, const char *line,
		    struct pd_err *err);

#endif
