#include "config.h"

#include <talloc.h>

#include "status.h"
#include "tap.h"

int main(void)
{
	static const struct {
		int code;
		const char *name;
		const char *text;
	} table[] = {
		{ .code = PD_OK, .name = "OK", .text = "success" },
		{ .code = PD_E_NOMEM, .name = "NOMEM", .text = "out of memory" },
		{ .code = PD_E_DB_MISSING, .name = "DB_MISSING", .text = "notmuch database not found" },
		{ .code = PD_E_INTERNAL, .name = "INTERNAL", .text = "internal error" },
		{ .code = 1, .name = "UNKNOWN", .text = "unknown error" },
		{ .code = -1000, .name = "UNKNOWN", .text = "unknown error" },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		tap_str(pd_status_name(table[i].code), table[i].name, table[i].name);
		tap_str(pd_status_text(table[i].code), table[i].text, table[i].text);
	}
	tap_int(PD_E_NOMEM, -1, "first code is -1");

	void *ctx = talloc_new(NULL);
	struct pd_err err;
	pd_err_init(&err, ctx);
	tap_str(pd_err_msg(&err), "success", "fresh slot reads success");
	tap_int(pd_err_set(&err, PD_E_DB_MISSING, "no database at %s", "/x"),
		PD_E_DB_MISSING, "pd_err_set returns its code");
	tap_str(pd_err_msg(&err), "no database at /x", "specific message kept");
	pd_err_set(&err, PD_E_IO, "second %d", 2);
	tap_str(pd_err_msg(&err), "second 2", "later message replaces earlier");
	tap_int(pd_err_set(NULL, PD_E_USAGE, "ignored"), PD_E_USAGE, "NULL slot still returns code");
	talloc_free(ctx);
	return tap_done();
}
