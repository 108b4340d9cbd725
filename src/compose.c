#include "config.h"

#include "compose.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int pd_compose_tmpfile(char **path, void *ctx, const char *text, struct pd_err *err)
{
	const char *dir = getenv("TMPDIR");
	char *p = talloc_asprintf(ctx, "%s/patchdeck-reply-XXXXXX.eml",
				  dir != NULL && *dir ? dir : "/tmp");
	if (p == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	int fd = mkstemps(p, 4);
	if (fd < 0 || write_all(fd, text, strlen(text)) != 0 || close(fd) != 0) {
		int e = errno;
		if (fd >= 0)
			unlink(p);
		return pd_err_set(err, PD_E_IO, "cannot write the draft to %s: %s", p, strerror(e));
	}
	*path = p;
	return PD_OK;
}

static char *how(void *ctx, int status)
{
	if (WIFEXITED(status))
		return talloc_asprintf(ctx, "exit status %d", WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return talloc_asprintf(ctx, "signal %d", WTERMSIG(status));
	return talloc_strdup(ctx, "an unknown way");
}

/* fork, exec sh -c cmd with the arguments, wait; stdin from in_fd (-1:
 * unchanged), stdout to stderr when quiet. Returns the wait status, or
 * -1 when fork failed. */
static int run(const char *cmd, const char *arg, int in_fd, bool quiet)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (in_fd >= 0)
			dup2(in_fd, 0);
		if (quiet)
			dup2(2, 1);
		execl("/bin/sh", "sh", "-c", cmd, "sh", arg, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

int pd_compose_edit(const char *path, bool quiet, struct pd_err *err)
{
	const char *ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = getenv("VISUAL");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	void *tmp = talloc_new(NULL);
	/* The editor's own words may hold arguments ("emacs -nw"). */
	char *cmd = talloc_asprintf(tmp, "%s \"$1\"", ed);
	int in = quiet ? open("/dev/null", O_RDONLY | O_CLOEXEC) : -1;
	int status = cmd != NULL ? run(cmd, path, in, quiet) : -1;
	if (in >= 0)
		close(in);
	int rc = PD_OK;
	if (status != 0)
		rc = pd_err_set(err, PD_E_IO, "the editor (%s) ended with %s", ed,
				status < 0 ? "no start" : how(tmp, status));
	talloc_free(tmp);
	return rc;
}

int pd_compose_send(const char *cmd, const char *text, struct pd_err *err)
{
	void *tmp = talloc_new(NULL);
	char *path = NULL;
	int rc = pd_compose_tmpfile(&path, tmp, text, err);
	int fd = rc == PD_OK ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (rc == PD_OK && fd < 0)
		rc = pd_err_set(err, PD_E_IO, "cannot read %s back: %s", path, strerror(errno));
	if (rc == PD_OK) {
		/* A file, not a pipe: the command may read as it likes. */
		int status = run(cmd, "", fd, true);
		if (status != 0)
			rc = pd_err_set(err, PD_E_IO, "the send command '%s' ended with %s; "
						      "nothing is known to be sent",
					cmd, status < 0 ? "no start" : how(tmp, status));
	}
	if (fd >= 0)
		close(fd);
	if (path != NULL)
		unlink(path);
	talloc_free(tmp);
	return rc;
}

static int mkdir_p(const char *dir)
{
	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

int pd_compose_save(char **path, void *ctx, const char *dir, const char *text,
		    struct pd_err *err)
{
	void *tmp = talloc_new(NULL);
	char *sub[3] = { talloc_asprintf(tmp, "%s/tmp", dir), talloc_asprintf(tmp, "%s/new", dir),
			 talloc_asprintf(tmp, "%s/cur", dir) };
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	char host[256] = "localhost";
	gethostname(host, sizeof(host) - 1);
	host[strcspn(host, "/:")] = '\0';
	/* The maildir spec's unique name: time, pid and nanoseconds, host. */
	char *name = talloc_asprintf(tmp, "%lld.P%ldN%ld.%s", (long long)ts.tv_sec, (long)getpid(),
				     ts.tv_nsec, host);
	int rc = PD_OK;
	if (sub[0] == NULL || sub[1] == NULL || sub[2] == NULL || name == NULL)
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK && (mkdir_p(dir) != 0 || mkdir_p(sub[0]) != 0 || mkdir_p(sub[1]) != 0 ||
			    mkdir_p(sub[2]) != 0))
		rc = pd_err_set(err, PD_E_IO, "cannot make the draft folder %s: %s (set draft-folder "
					      "to a directory you can write)",
				dir, strerror(errno));
	char *t = rc == PD_OK ? talloc_asprintf(tmp, "%s/%s", sub[0], name) : NULL;
	char *n = rc == PD_OK ? talloc_asprintf(ctx, "%s/%s", sub[1], name) : NULL;
	if (rc == PD_OK && (t == NULL || n == NULL))
		rc = pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (rc == PD_OK) {
		int fd = open(t, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0 ||
		    close(fd) != 0 || link(t, n) != 0) {
			rc = pd_err_set(err, PD_E_IO, "cannot save the draft in %s: %s", dir,
					strerror(errno));
			if (fd >= 0)
				close(fd);
		}
		unlink(t);
	}
	if (rc == PD_OK)
		*path = n;
	else
		talloc_free(n);
	talloc_free(tmp);
	return rc;
}

int pd_compose_read(char **text, void *ctx, const char *path, struct pd_err *err)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return pd_err_set(err, PD_E_IO, "cannot read the draft %s: %s", path, strerror(errno));
	char *s = talloc_strdup(ctx, "");
	char buf[4096];
	size_t n;
	while (s != NULL && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		s = talloc_strndup_append_buffer(s, buf, n);
	bool bad = ferror(fp) != 0;
	fclose(fp);
	if (s == NULL)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	if (bad) {
		talloc_free(s);
		return pd_err_set(err, PD_E_IO, "cannot read the draft %s", path);
	}
	*text = s;
	return PD_OK;
}
