#include "config.h"

#include "import_maildir.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

struct pd_maildir {
	char *path;
	int tmp, new_;   /* directory descriptors */
};

static int md_destroy(struct pd_maildir *md)
{
	if (md->tmp >= 0)
		close(md->tmp);
	if (md->new_ >= 0)
		close(md->new_);
	return 0;
}

const char *pd_maildir_path(const struct pd_maildir *md)
{
	return md->path;
}

int pd_maildir_open(struct pd_maildir **out, void *ctx, const char *path, struct pd_err *err)
{
	*out = NULL;
	struct pd_maildir *md = talloc_zero(ctx, struct pd_maildir);
	if (md == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	md->tmp = md->new_ = -1;
	talloc_set_destructor(md, md_destroy);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		talloc_free(md);
		return pd_err_set(err, PD_E_NOT_FOUND,
				  "the maildir %s does not exist; create it with "
				  "'mkdir -p %s/cur %s/new %s/tmp'",
				  path, path, path, path);
	}
	char *abs = realpath(path, NULL);
	md->path = abs != NULL ? talloc_strdup(md, abs) : NULL;
	free(abs);
	if (md->path == NULL) {
		talloc_free(md);
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	}
	static const char *const sub[] = { "cur", "new", "tmp" };
	for (size_t i = 0; i < 3; i++) {
		char *d = talloc_asprintf(md, "%s/%s", md->path, sub[i]);
		if (d == NULL || stat(d, &st) != 0 || !S_ISDIR(st.st_mode)) {
			talloc_free(md);
			return pd_err_set(err, PD_E_NOT_FOUND,
					  "%s is not a maildir (it has no %s/ directory); create it "
					  "with 'mkdir -p %s/cur %s/new %s/tmp'",
					  path, sub[i], path, path, path);
		}
		if (i > 0 && access(d, W_OK | X_OK) != 0) {
			talloc_free(md);
			return pd_err_set(err, PD_E_IO,
					  "the maildir %s is not writable (%s/: %s); import as its "
					  "owner or give this user write access",
					  path, sub[i], strerror(errno));
		}
		int fd = i == 0 ? -1 : open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (i > 0 && fd < 0) {
			talloc_free(md);
			return pd_err_set(err, PD_E_IO, "cannot open %s: %s", d, strerror(errno));
		}
		if (i == 1)
			md->new_ = fd;
		else if (i == 2)
			md->tmp = fd;
	}
	*out = md;
	return PD_OK;
}

char *pd_maildir_name(void *ctx, int64_t time, const char *commit)
{
	return talloc_asprintf(ctx, "%" PRId64 ".%s.pi", time, commit);
}

bool pd_maildir_has(struct pd_maildir *md, const char *name)
{
	struct stat st;
	return fstatat(md->new_, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		data += w;
		len -= (size_t)w;
	}
	return true;
}

int pd_maildir_deliver(struct pd_maildir *md, const char *name, const char *data, size_t len,
		       bool *delivered, struct pd_err *err)
{
	*delivered = false;
	/* A tmp/ file of this name is a leftover of a killed run: it was
	 * never linked, so it is ours to write over. */
	int fd = openat(md->tmp, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return pd_err_set(err, PD_E_IO, "cannot write %s/tmp/%s: %s", md->path, name,
				  strerror(errno));
	bool ok = write_all(fd, data, len);
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		unlinkat(md->tmp, name, 0);
		return pd_err_set(err, PD_E_IO, "cannot write %s/tmp/%s: %s", md->path, name,
				  strerror(saved));
	}
	if (linkat(md->tmp, name, md->new_, name, 0) == 0) {
		*delivered = true;
	} else if (errno != EEXIST) {
		saved = errno;
		unlinkat(md->tmp, name, 0);
		return pd_err_set(err, PD_E_IO, "cannot deliver %s/new/%s: %s", md->path, name,
				  strerror(saved));
	}
	unlinkat(md->tmp, name, 0);
	return PD_OK;
}

int pd_maildir_sync(struct pd_maildir *md, struct pd_err *err)
{
	/* One syncfs() for a whole batch costs what one fsync() per file
	 * would cost for a handful of them. */
	if (syncfs(md->new_) != 0 || fsync(md->new_) != 0)
		return pd_err_set(err, PD_E_IO, "cannot flush the maildir %s to disk: %s", md->path,
				  strerror(errno));
	return PD_OK;
}
