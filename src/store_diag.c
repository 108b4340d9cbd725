#include "config.h"

#include "store_diag.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <notmuch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#define UNREADABLE_FIX "run patchdeck as its owner or give this user read access"
#define UPGRADE_FIX "upgrade notmuch and libnotmuch (Debian package libnotmuch5)"

/* The config file notmuch tried, and where that name came from. */
struct config_where {
	const char *path;
	const char *origin;   /* " (from --notmuch-config)", ... or "" */
	const char *fallback; /* the other default file, when path is one */
};

/* Mirrors libnotmuch 0.37's lookup (lib/config.cc, _load_key_file): the
 * explicit file, else $NOTMUCH_CONFIG, else the XDG file when readable,
 * else ~/.notmuch-config[.PROFILE]. */
static struct config_where find_config(void *tmp, const char *config_path)
{
	if (config_path != NULL)
		return (struct config_where){ .path = config_path,
					      .origin = " (from --notmuch-config)" };
	const char *env = getenv("NOTMUCH_CONFIG");
	if (env != NULL)
		return (struct config_where){ .path = env,
					      .origin = " (from NOTMUCH_CONFIG)" };

	const char *home = getenv("HOME");
	const char *profile = getenv("NOTMUCH_PROFILE");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	char *xdg_dir = (xdg != NULL && *xdg != '\0')
		? talloc_strdup(tmp, xdg)
		: talloc_asprintf(tmp, "%s/.config", home ? home : "");
	char *xdg_file = talloc_asprintf(tmp, "%s/notmuch/%s/config", xdg_dir,
					 profile ? profile : "default");
	char *home_file = talloc_asprintf(tmp, "%s/.notmuch-config%s%s",
					  home ? home : "", profile ? "." : "",
					  profile ? profile : "");
	struct stat sb;
	if (stat(xdg_file, &sb) == 0)
		return (struct config_where){ .path = xdg_file, .origin = "",
					      .fallback = home_file };
	return (struct config_where){ .path = home_file, .origin = "",
				      .fallback = xdg_file };
}

static int config_error(struct pd_err *err, void *tmp, const char *config_path)
{
	struct config_where w = find_config(tmp, config_path);
	struct stat sb;

	if (*w.path == '\0')
		return pd_err_set(err, PD_E_DB_NO_CONFIG,
				  "NOTMUCH_CONFIG is set but empty: unset it or set it "
				  "to your notmuch config file");
	if (stat(w.path, &sb) != 0) {
		int e = errno;
		if (e == EACCES)
			return pd_err_set(err, PD_E_DB_NO_CONFIG,
					  "cannot read notmuch config %s%s: permission "
					  "denied; " UNREADABLE_FIX,
					  w.path, w.origin);
		if (e != ENOENT && e != ENOTDIR)
			return pd_err_set(err, PD_E_DB_NO_CONFIG,
					  "cannot read notmuch config %s%s: %s",
					  w.path, w.origin, strerror(e));
		if (config_path != NULL)
			return pd_err_set(err, PD_E_DB_NO_CONFIG,
					  "notmuch config %s%s does not exist: check "
					  "the path, or create it with 'notmuch "
					  "--config=%s setup'",
					  w.path, w.origin, w.path);
		if (*w.origin != '\0')
			return pd_err_set(err, PD_E_DB_NO_CONFIG,
					  "notmuch config %s%s does not exist: fix or "
					  "unset NOTMUCH_CONFIG, or create the file "
					  "with 'notmuch setup'",
					  w.path, w.origin);
		return pd_err_set(err, PD_E_DB_NO_CONFIG,
				  "no notmuch config found (looked for %s and %s): "
				  "run 'notmuch setup' or pass --notmuch-config FILE",
				  w.fallback, w.path);
	}
	if (S_ISDIR(sb.st_mode))
		return pd_err_set(err, PD_E_DB_NO_CONFIG,
				  "notmuch config %s%s is a directory: name the "
				  "config file itself",
				  w.path, w.origin);
	if (access(w.path, R_OK) != 0)
		return pd_err_set(err, PD_E_DB_NO_CONFIG,
				  "cannot read notmuch config %s%s: %s; " UNREADABLE_FIX,
				  w.path, w.origin,
				  errno == EACCES ? "permission denied" : strerror(errno));

	/* notmuch drops GLib's parse error; load the file again to get it. */
	GKeyFile *kf = g_key_file_new();
	GError *gerr = NULL;
	int rc;
	if (!g_key_file_load_from_file(kf, w.path, G_KEY_FILE_NONE, &gerr)) {
		rc = pd_err_set(err, PD_E_DB_NO_CONFIG,
				"notmuch config %s%s is not valid: %s; fix it (see "
				"notmuch-config(1))",
				w.path, w.origin,
				gerr != NULL ? gerr->message : "unreadable");
		g_clear_error(&gerr);
	} else {
		rc = pd_err_set(err, PD_E_DB_NO_CONFIG,
				"notmuch cannot load config %s%s: check it with "
				"'notmuch --config=%s config list'",
				w.path, w.origin, w.path);
	}
	g_key_file_free(kf);
	return rc;
}

/* The text inside the parentheses that follow key in msg, or NULL. */
static char *paren_after(void *tmp, const char *msg, const char *key)
{
	const char *p = strstr(msg, key);
	if (p == NULL || (p = strchr(p, '(')) == NULL)
		return NULL;
	const char *end = strchr(++p, ')');
	return end == NULL ? NULL : talloc_strndup(tmp, p, (size_t)(end - p));
}

/* notmuch's first line, without "Error: " or a trailing full stop. */
static char *first_line(void *tmp, const char *msg)
{
	if (msg == NULL)
		return talloc_strdup(tmp, "");
	msg += strspn(msg, " \t");
	if (strncmp(msg, "Error: ", 7) == 0)
		msg += 7;
	size_t len = strcspn(msg, "\n");
	while (len > 0 && (msg[len - 1] == ' ' || msg[len - 1] == '.'))
		len--;
	return talloc_strndup(tmp, msg, len);
}

/* The database directory the config names, resolved the way notmuch does
 * (relative to $HOME, defaulting to ~/mail), or NULL. */
static char *database_path(void *tmp, const char *config_path)
{
	notmuch_database_t *db = NULL;
	char *msg = NULL;
	char *path = NULL;

	notmuch_database_load_config(NULL, config_path, NULL, &db, &msg);
	free(msg);
	if (db != NULL) {
		const char *p = notmuch_config_get(db, NOTMUCH_CONFIG_DATABASE_PATH);
		if (p != NULL && *p != '\0')
			path = talloc_strdup(tmp, p);
		notmuch_database_destroy(db);
	}
	return path;
}

static int unreadable(struct pd_err *err, const char *db, const char *what)
{
	if (strcmp(db, what) == 0)
		return pd_err_set(err, PD_E_DB_UNREADABLE,
				  "cannot read notmuch database %s: permission "
				  "denied; " UNREADABLE_FIX,
				  db);
	return pd_err_set(err, PD_E_DB_UNREADABLE,
			  "cannot read notmuch database %s: permission denied "
			  "on %s; " UNREADABLE_FIX,
			  db, what);
}

/* The first file of the Xapian directory this user cannot read, or NULL. */
static char *unreadable_table(void *tmp, const char *xdir)
{
	DIR *d = opendir(xdir);
	if (d == NULL)
		return NULL;
	char *bad = NULL;
	struct dirent *de;
	while (bad == NULL && (de = readdir(d)) != NULL) {
		/* Only writers take the lock file. */
		if (de->d_name[0] == '.' || strcmp(de->d_name, "flintlock") == 0)
			continue;
		char *f = talloc_asprintf(tmp, "%s/%s", xdir, de->d_name);
		if (access(f, R_OK) != 0 && errno == EACCES)
			bad = f;
	}
	closedir(d);
	return bad;
}

/* Walks from the database directory down to the Xapian tables and reports
 * the first thing that is missing or unreadable. */
static int database_error(struct pd_err *err, void *tmp, int nm_status,
			  const char *nm_msg, const char *config_path)
{
	const char *cfg = find_config(tmp, config_path).path;
	const char *line = first_line(tmp, nm_msg);
	const char *db = database_path(tmp, config_path);
	struct stat sb;

	if (db == NULL)
		return pd_err_set(err, PD_E_DB, "cannot open the notmuch database: %s",
				  *line ? line : notmuch_status_to_string(nm_status));

	/* These two are the only failures notmuch words unambiguously. */
	if (nm_msg != NULL && strstr(nm_msg, "newer database format") != NULL) {
		char *have = paren_after(tmp, nm_msg, "format version");
		char *max = paren_after(tmp, nm_msg, "version of notmuch");
		if (have != NULL && max != NULL)
			return pd_err_set(err, PD_E_DB_NEWER,
					  "notmuch database %s has format version %s "
					  "but this libnotmuch reads only up to %s: "
					  UPGRADE_FIX,
					  db, have, max);
		return pd_err_set(err, PD_E_DB_NEWER,
				  "notmuch database %s has a newer format than this "
				  "libnotmuch reads: " UPGRADE_FIX,
				  db);
	}
	if (nm_msg != NULL && strstr(nm_msg, "requires features") != NULL) {
		char *feat = paren_after(tmp, nm_msg, "requires features");
		return pd_err_set(err, PD_E_DB_NEWER,
				  "notmuch database %s needs features this libnotmuch "
				  "lacks (%s): " UPGRADE_FIX,
				  db, feat ? feat : "unknown");
	}

	if (stat(db, &sb) != 0) {
		if (errno == EACCES)
			return unreadable(err, db, db);
		return pd_err_set(err, PD_E_DB_MISSING,
				  "notmuch database path %s does not exist: fix "
				  "database.path in %s, or create that mail directory "
				  "and run 'notmuch new'",
				  db, cfg);
	}
	if (!S_ISDIR(sb.st_mode))
		return pd_err_set(err, PD_E_DB_NOT_DB,
				  "notmuch database path %s is not a directory: fix "
				  "database.path in %s",
				  db, cfg);
	if (access(db, R_OK | X_OK) != 0)
		return unreadable(err, db, db);

	char *nmdir = talloc_asprintf(tmp, "%s/.notmuch", db);
	if (stat(nmdir, &sb) != 0 && errno == ENOENT)
		return pd_err_set(err, PD_E_DB_NOT_DB,
				  "%s is not a notmuch database (it has no .notmuch "
				  "directory): index it with 'notmuch new', or fix "
				  "database.path in %s",
				  db, cfg);
	if (access(nmdir, R_OK | X_OK) != 0 && errno == EACCES)
		return unreadable(err, db, nmdir);
	char *xdir = talloc_asprintf(tmp, "%s/xapian", nmdir);
	if (access(xdir, R_OK | X_OK) != 0 && errno == EACCES)
		return unreadable(err, db, xdir);
	char *table = unreadable_table(tmp, xdir);
	if (table != NULL)
		return unreadable(err, db, table);

	if (nm_status == NOTMUCH_STATUS_XAPIAN_EXCEPTION ||
	    nm_status == NOTMUCH_STATUS_PATH_ERROR) {
		/* Xapian's own reason is the last ": " part of the line. */
		const char *why = line;
		for (const char *p = strstr(line, ": "); p != NULL;
		     p = strstr(p + 2, ": "))
			why = p + 2;
		return pd_err_set(err, PD_E_DB_NOT_DB,
				  "%s holds no usable notmuch database (%s): move "
				  "it aside and run 'notmuch new' to rebuild it",
				  nmdir, *why ? why : notmuch_status_to_string(nm_status));
	}
	return pd_err_set(err, PD_E_DB, "cannot open notmuch database %s: %s", db,
			  *line ? line : notmuch_status_to_string(nm_status));
}

int pd_store_diagnose(struct pd_err *err, int nm_status, const char *nm_msg,
		      const char *config_path)
{
	void *tmp = talloc_new(NULL);
	int rc = nm_status == NOTMUCH_STATUS_NO_CONFIG
		? config_error(err, tmp, config_path)
		: database_error(err, tmp, nm_status, nm_msg, config_path);
	talloc_free(tmp);
	return rc;
}

char *pd_store_xapian_dir(void *ctx, const char *db_path)
{
	struct stat sb;
	char *dot = talloc_asprintf(ctx, "%s/.notmuch", db_path);
	if (dot == NULL)
		return NULL;
	if (stat(dot, &sb) == 0 && S_ISDIR(sb.st_mode))
		return talloc_asprintf_append(dot, "/xapian");
	talloc_free(dot);
	return talloc_asprintf(ctx, "%s/xapian", db_path);
}

int pd_store_check_readable(struct pd_err *err, const char *db_path)
{
	void *tmp = talloc_new(NULL);
	char *xdir = pd_store_xapian_dir(tmp, db_path);
	char *table = unreadable_table(tmp, xdir);
	int rc = table != NULL ? unreadable(err, db_path, table) : PD_OK;
	talloc_free(tmp);
	return rc;
}
