#include "config.h"

#include "reply_headers.h"

#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "message_part.h"

static int add(void *ctx, struct pd_addr **v, size_t *n, InternetAddress *a)
{
	if (INTERNET_ADDRESS_IS_GROUP(a)) {
		InternetAddressList *m = internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a));
		for (int i = 0; m != NULL && i < internet_address_list_length(m); i++)
			if (add(ctx, v, n, internet_address_list_get_address(m, i)) != PD_OK)
				return PD_E_NOMEM;
		return PD_OK;
	}
	const char *email = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
	const char *name = internet_address_get_name(a);
	if (email == NULL || *email == '\0')
		return PD_OK;
	struct pd_addr *w = talloc_realloc(ctx, *v, struct pd_addr, *n + 1);
	if (w == NULL)
		return PD_E_NOMEM;
	*v = w;
	w[*n] = (struct pd_addr){ .name = talloc_strdup(w, name != NULL ? name : ""),
				  .email = talloc_strdup(w, email) };
	if (w[*n].name == NULL || w[*n].email == NULL)
		return PD_E_NOMEM;
	(*n)++;
	return PD_OK;
}

static int list(void *ctx, GMimeMessage *msg, GMimeAddressType type, struct pd_addr **v,
		size_t *n)
{
	*v = NULL;
	*n = 0;
	InternetAddressList *l = g_mime_message_get_addresses(msg, type);
	for (int i = 0; l != NULL && i < internet_address_list_length(l); i++)
		if (add(ctx, v, n, internet_address_list_get_address(l, i)) != PD_OK)
			return PD_E_NOMEM;
	return PD_OK;
}

int pd_reply_recipients(void *ctx, const struct pd_mail *mail, struct pd_addr **to, size_t *nto,
			struct pd_addr **cc, size_t *ncc, struct pd_err *err)
{
	void *local = talloc_new(NULL);
	GMimeMessage *msg = NULL;
	const char *path = NULL;
	for (size_t i = 0; msg == NULL && i < mail->npaths; i++) {
		path = mail->paths[i];
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		GMimeStream *st = pd_gkeep(local, g_mime_stream_fs_new(fd));
		GMimeParser *parser = st != NULL ? pd_gkeep(local, g_mime_parser_new_with_stream(st))
						 : NULL;
		if (parser != NULL)
			msg = pd_gkeep(local, g_mime_parser_construct_message(parser, NULL));
	}
	if (msg == NULL) {
		talloc_free(local);
		return pd_err_set(err, PD_E_IO, "cannot read <%s> from %s: %s", mail->message_id,
				  path != NULL ? path : "(no file)",
				  path != NULL ? strerror(errno) : "it has no file");
	}
	int rc = list(ctx, msg, GMIME_ADDRESS_TYPE_TO, to, nto);
	if (rc == PD_OK)
		rc = list(ctx, msg, GMIME_ADDRESS_TYPE_CC, cc, ncc);
	talloc_free(local);
	return rc == PD_OK ? PD_OK : pd_err_set(err, rc, "out of memory");
}
