#include "config.h"

#include "store_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "status.h"
#include "store_diag.h"

enum { RETRY_MS = 200 };

/* Whether another process holds Xapian's write lock (a POSIX record lock
 * on flintlock). Asking does not take it. */
static bool locked(const char *lockfile)
{
	int fd = open(lockfile, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
#ifdef F_OFD_GETLK
	int rc = fcntl(fd, F_OFD_GETLK, &fl);
#else
	int rc = fcntl(fd, F_GETLK, &fl);
#endif
	close(fd);
	return rc == 0 && fl.l_type != F_UNLCK;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int pd_store_wait_unlocked(const char *db_path, unsigned wait_ms, pd_lock_wait_fn *waiting,
			   void *data)
{
	char *xdir = pd_store_xapian_dir(NULL, db_path);
	char *lockfile = xdir != NULL ? talloc_asprintf(xdir, "%s/flintlock", xdir) : NULL;
	if (lockfile == NULL) {
		talloc_free(xdir);
		return PD_E_NOMEM;
	}
	int rc = PD_OK;
	for (unsigned waited = 0; locked(lockfile); waited += RETRY_MS) {
		if (waited >= wait_ms) {
			rc = PD_E_DB_LOCKED;
			break;
		}
		if (waiting != NULL)
			waiting(data, waited);
		sleep_ms(RETRY_MS);
	}
	talloc_free(xdir);
	return rc;
}
