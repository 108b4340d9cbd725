#include "config.h"

#include "apply_cache.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>

#include "mail.h"
#include "strmap.h"
#include "xdg.h"

/* The hex id's length as a size_t (GIT_OID_HEXSZ is an int product). */
static const size_t HEX = GIT_OID_HEXSZ;

struct pd_check_cache {
	char *dir, *file;
	struct pd_strmap *map;  /* key -> verdict; keys live in keys */
	char **keys;
	size_t nkeys;
	bool write_failed;
};

/* Keeps key -> verdict in memory, the key copied under c. */
static void keep(struct pd_check_cache *c, const char *key, int verdict)
{
	if (c->nkeys % 64 == 0) {
		char **v = talloc_realloc(c, c->keys, char *, c->nkeys + 64);
		if (v == NULL)
			return;
		c->keys = v;
	}
	char *k = talloc_strdup(c->keys, key);
	if (k != NULL && pd_strmap_set(c->map, k, strlen(k), (size_t)verdict) == 0)
		c->keys[c->nkeys++] = k;
}

struct pd_check_cache *pd_check_cache_open(void *ctx, const char *dir, const char *head)
{
	struct pd_check_cache *c = talloc_zero(ctx, struct pd_check_cache);
	if (c == NULL)
		return NULL;
	c->dir = dir != NULL ? talloc_strdup(c, dir) : pd_xdg_path(c, "XDG_CACHE_HOME", ".cache", "check");
	c->file = c->dir != NULL ? talloc_asprintf(c, "%s/%s", c->dir, head) : NULL;
	c->map = pd_strmap_new(c, 256);
	if (c->file == NULL || c->map == NULL) {
		talloc_free(c);
		return NULL;
	}
	FILE *fp = fopen(c->file, "r");
	char line[128];
	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL) {
		/* KEY (40 hex) SPACE DIGIT NEWLINE; anything else is skipped. */
		if (strlen(line) != HEX + 3 || line[HEX] != ' ' ||
		    line[HEX + 1] < '1' || line[HEX + 1] > '9' ||
		    line[HEX + 2] != '\n')
			continue;
		line[HEX] = '\0';
		keep(c, line, line[HEX + 1] - '0');
	}
	if (fp != NULL)
		fclose(fp);
	return c;
}

char *pd_check_cache_key(void *ctx, const struct pd_revision *rev)
{
	const struct pd_mail *cover = rev->cover;
	char *text = talloc_asprintf(ctx, "%s\n", cover != NULL && cover->message_id != NULL
					   ? cover->message_id : "-");
	int next = 1;
	for (size_t i = 0; text != NULL && i < rev->npatches; i++) {
		const struct pd_patch *p = &rev->patches[i];
		for (; next < p->n && text != NULL; next++)
			text = talloc_asprintf_append_buffer(text, "-\n");
		text = talloc_asprintf_append_buffer(text, "%d %s\n", p->n,
						     p->mail->message_id ? p->mail->message_id : "");
		next = p->n + 1;
	}
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];
	if (text == NULL || git_odb_hash(&id, text, strlen(text), GIT_OBJECT_BLOB) != 0) {
		git_error_clear();
		talloc_free(text);
		return NULL;
	}
	talloc_free(text);
	git_oid_tostr(hex, sizeof(hex), &id);
	return talloc_strdup(ctx, hex);
}

int pd_check_cache_get(const struct pd_check_cache *c, const char *key)
{
	size_t v = 0;
	if (c == NULL || key == NULL || !pd_strmap_get(c->map, key, strlen(key), &v))
		return 0;
	return (int)v;
}

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			(void)mkdir(path, 0755);
			*p = '/';
		}
	}
	(void)mkdir(path, 0755);
}

void pd_check_cache_put(struct pd_check_cache *c, const char *key, int verdict)
{
	if (c == NULL || key == NULL || strlen(key) != HEX || verdict < 1 || verdict > 9 ||
	    pd_check_cache_get(c, key) == verdict)
		return;
	keep(c, key, verdict);
	if (c->write_failed)
		return;
	mkdirs(c->dir);
	/* One short line in one write: readers never see half of one. */
	FILE *fp = fopen(c->file, "a");
	if (fp == NULL || fprintf(fp, "%s %d\n", key, verdict) < 0)
		c->write_failed = true;
	if (fp != NULL && fclose(fp) != 0)
		c->write_failed = true;
}
