/* Every user action of the reader, once.
 *
 * One row per action feeds the action enum, the names `bind` accepts, the
 * compiled-in default keymap (as rc text, see pd_keymap_default_rc), the help
 * view and the KEYS section of the man page. Adding an action means adding a
 * row here and a case where a view handles it; nothing else lists actions.
 *
 * X(ID, "name", "default keys", views, "help text")
 *   default keys: key names as `bind` reads them, separated by spaces;
 *   views: the PD_VIEWBIT_* where the action means something (the help view
 *   lists only those).
 */
#ifndef PD_ACTIONS_H
#define PD_ACTIONS_H

/* The views a binding can target. GENERIC bindings apply in every view
 * unless the view binds the same key itself (tig's rule). */
#define PD_VIEW_LIST(X)                                                       \
	X(GENERIC, "generic")                                                  \
	X(LIST, "list")                                                        \
	X(SERIES, "series")                                                    \
	X(PATCH, "patch")                                                      \
	X(THREAD, "thread")                                                    \
	X(MESSAGE, "message")                                                  \
	X(HELP, "help")

#define PD_VIEW_ENUM(id, name) PD_VIEW_##id,
enum pd_view_id { PD_VIEW_LIST(PD_VIEW_ENUM) PD_VIEW_COUNT };
#undef PD_VIEW_ENUM

#define PD_VIEWBIT(id) (1u << PD_VIEW_##id)
#define PD_VIEWS_ALL                                                          \
	(PD_VIEWBIT(LIST) | PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH) |           \
	 PD_VIEWBIT(THREAD) | PD_VIEWBIT(MESSAGE) | PD_VIEWBIT(HELP))
/* The pagers: views of one text (a series, a patch, a message). */
#define PD_VIEWS_PAGER (PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH) | PD_VIEWBIT(MESSAGE))
#define PD_VIEWS_LINES PD_VIEWS_ALL

#define PD_ACTION_LIST(X)                                                     \
	X(NONE, "none", "", 0u,                                                \
	  "do nothing (bind a key to it to unbind the key)")                   \
	X(MOVE_DOWN, "move-down", "j Down", PD_VIEWS_LINES,                    \
	  "move to the next line")                                             \
	X(MOVE_UP, "move-up", "k Up", PD_VIEWS_LINES,                          \
	  "move to the previous line")                                         \
	X(PAGE_DOWN, "page-down", "PgDn Space", PD_VIEWS_LINES,                \
	  "move one screen down")                                              \
	X(PAGE_UP, "page-up", "PgUp -", PD_VIEWS_LINES,                        \
	  "move one screen up")                                                \
	X(MOVE_FIRST, "move-first", "g Home", PD_VIEWS_LINES,                  \
	  "move to the first line")                                            \
	X(MOVE_LAST, "move-last", "G End", PD_VIEWS_LINES,                     \
	  "move to the last line")                                             \
	X(NEXT_UNREAD, "next-unread", "Tab", PD_VIEWBIT(LIST) | PD_VIEWBIT(THREAD), \
	  "move to the next unread line")                                      \
	X(OPEN, "open", "Enter", PD_VIEWBIT(LIST) | PD_VIEWBIT(SERIES) |       \
	  PD_VIEWBIT(PATCH) | PD_VIEWBIT(THREAD),                              \
	  "open the selected line: a series, a patch, a file's diff, a reply") \
	X(SORT, "toggle-sort", "o", PD_VIEWBIT(LIST),                          \
	  "sort series by date or by latest activity")                         \
	X(REVISIONS, "toggle-revisions", "v", PD_VIEWBIT(LIST),               \
	  "show older revisions folded under the newest, or hide them")       \
	X(PREV_REVISION, "prev-revision", "[", PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH), \
	  "show the previous (older) revision of the series")                  \
	X(NEXT_REVISION, "next-revision", "]", PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH), \
	  "show the next (newer) revision of the series")                      \
	X(RANGEDIFF, "range-diff", "D", PD_VIEWBIT(SERIES),                    \
	  "show what changed since the previous revision (range-diff)")        \
	X(APPLY, "apply", "a", PD_VIEWBIT(LIST) | PD_VIEWBIT(SERIES),          \
	  "apply the series to a new branch of its tree (asks first)")         \
	X(FILE_BASE, "file-at-base", "b", PD_VIEWBIT(PATCH),                   \
	  "show the file under the cursor at the series' base, the hunk marked") \
	X(FILE_LOG, "file-log", "L", PD_VIEWBIT(PATCH),                        \
	  "show the history of the file under the cursor (git log, short)")    \
	X(MAINTAINERS, "maintainers", "M", PD_VIEWBIT(PATCH),                  \
	  "show who maintains the file under the cursor (MAINTAINERS)")        \
	X(EDIT, "edit", "e", PD_VIEWBIT(PATCH),                                \
	  "open the file under the cursor in $EDITOR at the hunk's line")      \
	X(NEXT_PATCH, "next-patch", "n", PD_VIEWBIT(PATCH),                    \
	  "show the next patch of the series (after a search here: next match)") \
	X(PREV_PATCH, "prev-patch", "p", PD_VIEWBIT(PATCH),                    \
	  "show the previous patch of the series")                             \
	X(NEXT_MESSAGE, "next-message", "J", PD_VIEWBIT(MESSAGE),              \
	  "show the next message of the thread")                               \
	X(PREV_MESSAGE, "prev-message", "K", PD_VIEWBIT(MESSAGE),              \
	  "show the previous message of the thread")                           \
	X(THREAD, "thread", "t", PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH),       \
	  "show the review thread of the series or of the selected patch")     \
	X(SET_STATE, "set-state", "s", PD_VIEWBIT(LIST) | PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH), \
	  "set the review state of the series revision (asks for one letter)") \
	X(CYCLE_STATE, "filter-state", "S", PD_VIEWBIT(LIST),            \
	  "show only the series in the next review state; after the last, all") \
	X(REFRESH, "refresh", "$", PD_VIEWBIT(LIST),                           \
	  "read the review states again from notmuch (tags set elsewhere)")    \
	X(REPLY, "reply", "r", PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH) | PD_VIEWBIT(THREAD) | \
	  PD_VIEWBIT(MESSAGE),                                                 \
	  "reply to the patch, cover letter or message under the cursor (or read)") \
	X(REPLY_SERIES, "reply-series", "R", PD_VIEWBIT(LIST) | PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH) | \
	  PD_VIEWBIT(THREAD) | PD_VIEWBIT(MESSAGE),                            \
	  "reply to the whole series: its cover letter, else patch 1")         \
	X(TRAILER, "reply-trailer", "T", PD_VIEWBIT(LIST) | PD_VIEWBIT(SERIES) | PD_VIEWBIT(PATCH) | \
	  PD_VIEWBIT(THREAD) | PD_VIEWBIT(MESSAGE),                            \
	  "reply with Reviewed-by, Acked-by or Tested-by (asks which)") \
	X(MARK, "toggle-mark", "m", PD_VIEWBIT(SERIES),                        \
	  "mark the patch under the cursor for a trailer reply, or unmark it") \
	X(WRAP, "toggle-wrap", "w", PD_VIEWS_PAGER,                            \
	  "wrap long lines or cut them at the screen's edge")                  \
	X(BACK, "back", "q", PD_VIEWS_ALL,                                     \
	  "close this view; quit from the first one")                          \
	X(QUIT, "quit", "Q", PD_VIEWS_ALL,                                     \
	  "quit patchdeck")                                                    \
	X(SEARCH, "search", "/", PD_VIEWS_LINES,                               \
	  "search forward for a regular expression")                           \
	X(FIND_NEXT, "find-next", "n", PD_VIEWS_LINES,                         \
	  "move to the next match of the search")                              \
	X(FIND_PREV, "find-prev", "N", PD_VIEWS_LINES,                         \
	  "move to the previous match of the search")                          \
	X(PROMPT, "prompt", ":", PD_VIEWS_ALL,                                 \
	  "open the command line")                                             \
	X(HELP, "help", "?", PD_VIEWS_ALL,                                     \
	  "show the keys and commands")                                        \
	X(REDRAW, "redraw", "C-l", PD_VIEWS_ALL,                               \
	  "redraw the screen")                                                 \
	X(SUSPEND, "suspend", "C-z", PD_VIEWS_ALL,                             \
	  "suspend patchdeck (resume with fg)")

#define PD_ACTION_ENUM(id, name, keys, views, help) PD_ACT_##id,
enum pd_action { PD_ACTION_LIST(PD_ACTION_ENUM) PD_ACTION_COUNT };
#undef PD_ACTION_ENUM

#endif
