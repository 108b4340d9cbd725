#include "config.h"

#include "import_state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

/* FNV-1a: the file name only has to tell pairs apart, not resist anyone. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *pd_import_state_path(void *ctx, const char *archive, const char *maildir)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir = xdg != NULL && *xdg == '/'
			    ? talloc_asprintf(ctx, "%s/patchdeck/import", xdg)
			    : talloc_asprintf(ctx, "%s/.local/state/patchdeck/import",
					      home != NULL ? home : ".");
	uint64_t h = fnv(0xcbf29ce484222325ULL, archive, strlen(archive) + 1);
	h = fnv(h, maildir, strlen(maildir));
	const char *base = strrchr(archive, '/');
	base = base != NULL && base[1] ? base + 1 : archive;
	char *path = dir != NULL ? talloc_asprintf(ctx, "%s/%s-%016llx", dir, base,
						   (unsigned long long)h)
				 : NULL;
	talloc_free(dir);
	return path;
}

int pd_import_state_read(void *ctx, const char *path, char **epoch, char **commit,
			 struct pd_err *err)
{
	*epoch = *commit = NULL;
	FILE *fp = fopen(path, "re");
	if (fp == NULL) {
		if (errno == ENOENT)
			return PD_OK;
		return pd_err_set(err, PD_E_IO, "cannot read the import state %s: %s", path,
				  strerror(errno));
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, fp)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (strncmp(line, "epoch ", 6) == 0)
			*epoch = talloc_strdup(ctx, line + 6);
		else if (strncmp(line, "commit ", 7) == 0)
			*commit = talloc_strdup(ctx, line + 7);
	}
	free(line);
	fclose(fp);
	if (*epoch == NULL || *commit == NULL || strlen(*commit) != 40 ||
	    strspn(*commit, "0123456789abcdef") != 40) {
		talloc_free(*epoch);
		talloc_free(*commit);
		*epoch = *commit = NULL;
		return pd_err_set(err, PD_E_CONFIG,
				  "the import state %s is damaged (no 'epoch' and 'commit' line); "
				  "remove it and import again with --since COMMIT",
				  path);
	}
	return PD_OK;
}

/* mkdir -p of the directories above path. */
static int make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		int rc = mkdir(path, 0700);
		*s = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

int pd_import_state_write(const char *path, const char *archive, const char *maildir,
			  const char *epoch, const char *commit, struct pd_err *err)
{
	char *tmp = talloc_asprintf(NULL, "%s.tmp", path);
	if (tmp == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	char *text = talloc_asprintf(tmp,
				     "# patchdeck import: the last commit imported from an archive\n"
				     "archive %s\nmaildir %s\nepoch %s\ncommit %s\n",
				     archive, maildir, epoch, commit);
	int fd = -1;
	if (text != NULL && make_parents(tmp) == 0)
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = fd >= 0;
	size_t len = ok ? strlen(text) : 0;
	ok = ok && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	ok = ok && rename(tmp, path) == 0;
	int rc = PD_OK;
	if (!ok) {
		rc = pd_err_set(err, PD_E_IO,
				"cannot write the import state %s: %s; the messages are imported, "
				"the next run checks them again",
				path, strerror(errno));
		unlink(tmp);
	}
	talloc_free(tmp);
	return rc;
}
