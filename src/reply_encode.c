#include "config.h"

#include "reply_encode.h"

#include <gmime/gmime.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

static bool ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

static bool is_address_field(const char *name, size_t n)
{
	static const char *const fields[] = { "From", "To", "Cc", "Bcc", "Reply-To", "Sender" };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i]) == n && strncasecmp(name, fields[i], n) == 0)
			return true;
	return false;
}

/* Encoded words in UTF-8 for every name, in groups too, whatever
 * smaller charset GMime would pick: the reply is UTF-8 throughout. */
static void utf8_names(InternetAddressList *list)
{
	for (int i = 0; list != NULL && i < internet_address_list_length(list); i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		internet_address_set_charset(ia, "utf-8");
		if (INTERNET_ADDRESS_IS_GROUP(ia))
			utf8_names(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)));
	}
}

/* "Name: value" unfolded (value without the line ends of the folds),
 * encoded and folded again, ending in "\n"; a g_malloc'd string. */
static char *encode_field(const char *name, size_t nlen, const char *value)
{
	if (is_address_field(name, nlen)) {
		InternetAddressList *list = internet_address_list_parse(NULL, value);
		if (list != NULL && internet_address_list_length(list) > 0) {
			utf8_names(list);
			GString *s = g_string_new(NULL);
			g_string_append_len(s, name, (gssize)nlen);
			g_string_append(s, ": ");
			internet_address_list_encode(list, NULL, s);
			g_object_unref(list);
			return g_string_free(s, FALSE);
		}
		if (list != NULL)
			g_object_unref(list);
		/* Not addresses GMime can read: encoded as text, not lost. */
	}
	char *enc = g_mime_utils_header_encode_text(NULL, value, "utf-8");
	char *line = g_strdup_printf("%.*s: %s", (int)nlen, name, enc != NULL ? enc : "");
	char *folded = g_mime_utils_unstructured_header_fold(NULL, NULL, line);
	g_free(enc);
	g_free(line);
	if (folded == NULL)
		return NULL;
	size_t n = strlen(folded);
	if (n > 0 && folded[n - 1] == '\n')
		return folded;
	char *withnl = g_strconcat(folded, "\n", NULL);
	g_free(folded);
	return withnl;
}

char *pd_reply_encode_headers(void *ctx, const char *head)
{
	char *out = talloc_strdup(ctx, "");
	const char *p = head;
	while (out != NULL && *p != '\0') {
		/* One field: its first line and the continuation lines. */
		const char *end = p;
		do {
			const char *nl = strchr(end, '\n');
			end = nl != NULL ? nl + 1 : end + strlen(end);
		} while (*end == ' ' || *end == '\t');
		const char *colon = memchr(p, ':', (size_t)(end - p));
		if (ascii(p, (size_t)(end - p)) || colon == NULL) {
			out = talloc_strndup_append(out, p, (size_t)(end - p));
			p = end;
			continue;
		}
		/* The value unfolded: line ends of the folds dropped. */
		const char *v = colon + 1;
		v += strspn(v, " \t");
		char *value = talloc_strndup(NULL, v, (size_t)(end - v));
		size_t w = 0;
		for (size_t r = 0; value != NULL && value[r] != '\0'; r++)
			if (value[r] != '\n' && value[r] != '\r')
				value[w++] = value[r];
		if (value != NULL)
			value[w] = '\0';
		char *field = value != NULL ? encode_field(p, (size_t)(colon - p), value) : NULL;
		out = field != NULL ? talloc_strdup_append(out, field) : (talloc_free(out), NULL);
		g_free(field);
		talloc_free(value);
		p = end;
	}
	return out;
}
