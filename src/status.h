/* Status codes shared by every layer.
 *
 * Fallible functions return int: PD_OK (0) or a negative PD_E_* code, with
 * results in out-parameters. Codes carry no text of their own beyond a
 * generic phrase; the specific one-line message (which file, what to do)
 * goes into a struct pd_err owned by the caller, because only the caller
 * (main or the UI status line) may talk to the user.
 */
#ifndef PD_STATUS_H
#define PD_STATUS_H

#include <stdarg.h>

/* X(name, generic text). Order only matters for the numeric values. */
#define PD_STATUS_LIST(X)                                                     \
	X(NOMEM, "out of memory")                                              \
	X(USAGE, "bad usage")                                                  \
	X(IO, "input/output error")                                            \
	X(NOT_FOUND, "not found")                                              \
	X(DB_NO_CONFIG, "notmuch configuration not found")                     \
	X(DB_MISSING, "notmuch database not found")                            \
	X(DB_NOT_DB, "not a notmuch database")                                 \
	X(DB_NEWER, "notmuch database has a newer format")                     \
	X(DB_UNREADABLE, "notmuch database cannot be read")                    \
	X(DB_LOCKED, "notmuch database is locked")                             \
	X(DB_QUERY, "notmuch query failed")                                    \
	X(DB, "notmuch error")                                                 \
	X(CONFIG, "configuration error")                                       \
	X(TERMINAL, "terminal error")                                          \
	X(INTERNAL, "internal error")                                          \
	X(DIFF, "the diff does not parse")                                     \
	X(DB_REPLACED, "notmuch database was replaced")

/* Indexes first, then the negative codes derived from them, so the list
 * above is the only place a code is written down and every PD_E_* is a
 * constant expression usable in switch labels. */
#define PD_STATUS_IDX(name, text) PD_I_##name,
enum pd_status_index { PD_STATUS_LIST(PD_STATUS_IDX) PD_STATUS_COUNT };
#undef PD_STATUS_IDX

#define PD_STATUS_NEG(name, text) PD_E_##name = -(PD_I_##name + 1),
enum pd_status { PD_OK = 0, PD_STATUS_LIST(PD_STATUS_NEG) };
#undef PD_STATUS_NEG

/* The generic phrase for a status code ("success" for PD_OK). */
const char *pd_status_text(int status);

/* The symbolic name of a status code ("DB_MISSING"), for logs and tests. */
const char *pd_status_name(int status);

/* One error slot: the code and a specific one-line message.
 * msg is allocated with talloc under the context given to pd_err_init(). */
struct pd_err {
	void *ctx;
	int code;
	char *msg;
};

void pd_err_init(struct pd_err *err, void *ctx);

/* Records code and a printf-style message in err (err may be NULL) and
 * returns code, so that callers can write `return pd_err_set(err, ...)`. */
int pd_err_set(struct pd_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int pd_err_setv(struct pd_err *err, int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* The code comes back through an inline function, where static analysis
 * (clang-tidy) sees it: it does not follow variadic calls, and without
 * this took every `return pd_err_set(err, PD_E_NOMEM, ...)` for a
 * possible PD_OK with the out-parameter unset. code must have no side
 * effects (it is a PD_E_* constant or a variable everywhere). */
static inline int pd_err_code_(int set, int code)
{
	(void)set;
	return code;
}
#define pd_err_set(err, code, ...) pd_err_code_(pd_err_set((err), (code), __VA_ARGS__), (code))

/* The message to show: the specific one if set, else the generic phrase. */
const char *pd_err_msg(const struct pd_err *err);

#endif
