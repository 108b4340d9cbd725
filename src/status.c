#include "config.h"

#include "status.h"

#include <stdio.h>
#include <talloc.h>

#define PD_STATUS_TEXT(name, text) [PD_I_##name] = text,
static const char *const status_text[PD_STATUS_COUNT] = {
	PD_STATUS_LIST(PD_STATUS_TEXT)
};
#undef PD_STATUS_TEXT

#define PD_STATUS_NAME(name, text) [PD_I_##name] = #name,
static const char *const status_name[PD_STATUS_COUNT] = {
	PD_STATUS_LIST(PD_STATUS_NAME)
};
#undef PD_STATUS_NAME

static int status_index(int status)
{
	int idx = -status - 1;

	return (idx >= 0 && idx < PD_STATUS_COUNT) ? idx : -1;
}

const char *pd_status_text(int status)
{
	if (status == PD_OK)
		return "success";
	int idx = status_index(status);
	return idx < 0 ? "unknown error" : status_text[idx];
}

const char *pd_status_name(int status)
{
	if (status == PD_OK)
		return "OK";
	int idx = status_index(status);
	return idx < 0 ? "UNKNOWN" : status_name[idx];
}

void pd_err_init(struct pd_err *err, void *ctx)
{
	*err = (struct pd_err){ .ctx = ctx, .code = PD_OK, .msg = NULL };
}

int pd_err_setv(struct pd_err *err, int code, const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	talloc_free(err->msg);
	err->code = code;
	err->msg = talloc_vasprintf(err->ctx, fmt, ap);
	return code;
}

/* In parentheses: status.h has a macro of the same name. */
int (pd_err_set)(struct pd_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pd_err_setv(err, code, fmt, ap);
	va_end(ap);
	return code;
}

const char *pd_err_msg(const struct pd_err *err)
{
	if (err->msg != NULL)
		return err->msg;
	return pd_status_text(err->code);
}
