/* A small streaming JSON writer.
 *
 * Output is laid out the way Python's json.dumps(obj, indent=2,
 * ensure_ascii=False) lays it out, so that tests can build the expected
 * text from plain data and compare byte for byte. Strings from mail are
 * untrusted: control characters are escaped and invalid UTF-8 is replaced
 * by U+FFFD, so the output is valid JSON whatever the input.
 *
 * Calls must nest properly (a key before each value inside an object);
 * the writer does not check the caller's grammar beyond that.
 */
#ifndef PD_JSON_H
#define PD_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pd_json;

/* A writer to fp, allocated under ctx. NULL only when out of memory. */
struct pd_json *pd_json_new(void *ctx, FILE *fp);

void pd_json_begin_object(struct pd_json *j);
void pd_json_end_object(struct pd_json *j);
void pd_json_begin_array(struct pd_json *j);
void pd_json_end_array(struct pd_json *j);

/* The key of the next value inside an object. */
void pd_json_key(struct pd_json *j, const char *key);

/* s NULL writes null. */
void pd_json_string(struct pd_json *j, const char *s);
void pd_json_stringn(struct pd_json *j, const char *s, size_t len);
void pd_json_int(struct pd_json *j, long long v);
void pd_json_bool(struct pd_json *j, bool v);
void pd_json_null(struct pd_json *j);

/* Shorthands for a key and its value. */
void pd_json_kstring(struct pd_json *j, const char *key, const char *s);
void pd_json_kint(struct pd_json *j, const char *key, long long v);
void pd_json_kbool(struct pd_json *j, const char *key, bool v);

/* Ends the document with a newline. Returns 0, or -1 when the nesting was
 * not closed or memory ran out on the way. */
int pd_json_finish(struct pd_json *j);

#endif
