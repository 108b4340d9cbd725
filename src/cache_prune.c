#include "config.h"

#include "cache_prune.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

void pd_cache_touch(int fd)
{
	/* A file another user owns (a shared cache) cannot be touched; it
	 * is then pruned as unused, which costs a cold start, no more. */
	(void)futimens(fd, NULL);
}

void pd_cache_prune(const char *kept, time_t now)
{
	const char *slash = strrchr(kept, '/');
	if (slash == NULL)
		return;
	void *local = talloc_new(NULL);
	char *dir = talloc_strndup(local, kept, (size_t)(slash - kept));
	DIR *d = dir != NULL ? opendir(dir) : NULL;
	if (d == NULL) {
		talloc_free(local);
		return;
	}
	const struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "index-", 6) != 0)
			continue;
		char *path = talloc_asprintf(local, "%s/%s", dir, de->d_name);
		struct stat st;
		if (path == NULL || strcmp(path, kept) == 0 || lstat(path, &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		/* pd_cache_write's temporary files are index-HASH.tmpXXXXXX. */
		time_t days = strstr(de->d_name, ".tmp") != NULL ? 1 : PD_CACHE_PRUNE_DAYS;
		if (now - st.st_mtime > days * 24 * 3600)
			(void)unlink(path);
	}
	closedir(d);
	talloc_free(local);
}
