/* The digest in the reader: `:digest [--list NAME] [--from DAY] [--to DAY]
 * [QUERY]` opens the text `patchdeck digest` prints in a pager view,
 * `:save FILE` writes it (never over an existing file but with
 * `:save! FILE`). */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "digest_run.h"
#include "doc.h"

struct digest_arg {
	char *text;
	char *title;
};

struct digest_data {
	struct pd_doc *doc;
	const char *text;
};

static int digest_open(struct pd_ui *ui, struct pd_view *view, struct pd_err *err)
{
	const struct digest_arg *a = view->arg;
	struct digest_data *d = talloc_zero(view, struct digest_data);
	if (d == NULL || (d->doc = pd_doc_new(d)) == NULL ||
	    pd_doc_add_text(d->doc, 0, a->text) != PD_OK)
		return pd_err_set(err, PD_E_NOMEM, "out of memory");
	/* A digest has fixed columns: cut at the edge, not wrapped. */
	d->doc->wrap = false;
	d->text = a->text;
	view->data = d;
	view->title = talloc_strdup(view, a->title);
	pd_doc_relayout(ui, view, d->doc);
	return PD_OK;
}

static void digest_layout(struct pd_ui *ui, struct pd_view *view)
{
	struct digest_data *d = view->data;
	pd_doc_relayout(ui, view, d->doc);
}

static void digest_draw(struct pd_ui *ui, struct pd_view *view, size_t row, int y,
			bool selected)
{
	struct digest_data *d = view->data;
	pd_doc_draw(ui, d->doc, row, y, selected);
}

static char *digest_text(void *ctx, struct pd_ui *ui, struct pd_view *view, size_t row)
{
	(void)ui;
	struct digest_data *d = view->data;
	return pd_doc_row_text(ctx, d->doc, row);
}

static bool digest_handle(struct pd_ui *ui, struct pd_view *view, enum pd_action action)
{
	struct digest_data *d = view->data;
	if (action != PD_ACT_WRAP)
		return false;
	pd_doc_toggle_wrap(ui, view, d->doc);
	return true;
}

static const struct pd_view_ops digest_ops = {
	.name = "digest",
	.id = PD_VIEW_MESSAGE,
	.open = digest_open,
	.draw_line = digest_draw,
	.line_text = digest_text,
	.handle = digest_handle,
	.layout = digest_layout,
};

/* The next word of *s (up to a space or '='), under ctx; *s moves past
 * it and the one separator. */
static char *word(void *ctx, const char **s)
{
	size_t n = strcspn(*s, " \t=");
	char *w = talloc_strndup(ctx, *s, n);
	*s += n;
	if (**s != '\0')
		(*s)++;
	return w;
}

void pd_digest_command(struct pd_ui *ui, const char *rest)
{
	void *local = talloc_new(NULL);
	struct pd_digest_args a = { 0 };
	const char *s = rest != NULL ? rest : "";
	for (;;) {
		s += strspn(s, " \t");
		if (strncmp(s, "--", 2) != 0)
			break;
		char *opt = word(local, &s);
		s += strspn(s, " \t");
		const char **slot = opt == NULL                   ? NULL
				    : strcmp(opt, "--list") == 0 ? &a.list
				    : strcmp(opt, "--from") == 0 ? &a.from
				    : strcmp(opt, "--to") == 0   ? &a.to
								 : NULL;
		if (slot == NULL || *s == '\0') {
			pd_ui_error(ui, slot == NULL ? "unknown :digest option '%s'; use --list NAME, "
						       "--from DAY, --to DAY, then a query"
						     : "%s needs a value",
				    opt != NULL ? opt : "");
			talloc_free(local);
			return;
		}
		*slot = word(local, &s);
	}
	a.query = s;
	struct pd_err err;
	pd_err_init(&err, local);
	struct pd_digest *d = NULL;
	struct pd_digest_head head;
	size_t nunreadable = 0;
	char *unreadable = NULL;
	struct digest_arg *arg = talloc_zero(ui->ctx, struct digest_arg);
	if (arg == NULL ||
	    pd_digest_run(&d, &head, local, ui->store, &a, &nunreadable, &unreadable, &err) !=
		    PD_OK) {
		pd_ui_error(ui, "%s", arg == NULL ? "out of memory" : pd_err_msg(&err));
		talloc_free(arg);
		talloc_free(local);
		return;
	}
	arg->text = pd_digest_format(arg, d, &head);
	arg->title = talloc_asprintf(arg, "%s %s..%s%s%s (%zu mails; :save FILE)", head.list,
				     head.start, head.end, *a.query ? ", " : "", a.query,
				     d->nmails);
	talloc_free(local);
	if (arg->text == NULL || arg->title == NULL) {
		pd_ui_error(ui, "out of memory");
		talloc_free(arg);
		return;
	}
	if (!pd_view_open(ui, &digest_ops, arg))
		talloc_free(arg);
	else
		talloc_steal(ui->top, arg);
	if (nunreadable > 0 && ui->top->ops == &digest_ops)
		pd_ui_error(ui, "skipped %zu message%s that could not be read", nunreadable,
			    nunreadable == 1 ? "" : "s");
}

/* Writes text to path: a new file, or (force) over one, through a
 * temporary file renamed into place so that a failure leaves the old. */
static int save(const char *path, const char *text, bool force, struct pd_err *err)
{
	/* The temporary file beside it: one pid has one reader. */
	char *tmp = force ? talloc_asprintf(NULL, "%s.patchdeck-%ld", path, (long)getpid()) : NULL;
	int fd = force && tmp == NULL ? -1
				      : open(force ? tmp : path,
					     O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		int e = errno;
		talloc_free(tmp);
		if (e == EEXIST)
			return pd_err_set(err, PD_E_IO, "%s exists; :save! %s writes over it", path,
					  path);
		return pd_err_set(err, PD_E_IO, "cannot write %s: %s", path, strerror(e));
	}
	size_t n = strlen(text), done = 0;
	while (done < n) {
		ssize_t w = write(fd, text + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int e = done < n ? errno : 0;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && force && rename(tmp, path) != 0)
		e = errno;
	if (e != 0) {
		unlink(force ? tmp : path);
		talloc_free(tmp);
		return pd_err_set(err, PD_E_IO, "cannot write %s: %s; nothing was saved", path,
				  strerror(e != 0 ? e : EIO));
	}
	talloc_free(tmp);
	return PD_OK;
}

void pd_save_command(struct pd_ui *ui, const char *file, bool force)
{
	if (ui->top == NULL || ui->top->ops != &digest_ops) {
		pd_ui_error(ui, ":save writes the digest: open it with :digest first");
		return;
	}
	if (file == NULL || *file == '\0') {
		pd_ui_error(ui, "usage: :save FILE (:save! FILE writes over an existing one)");
		return;
	}
	const struct digest_data *d = ui->top->data;
	const char *home = getenv("HOME");
	char *path = strncmp(file, "~/", 2) == 0 && home != NULL
			     ? talloc_asprintf(NULL, "%s/%s", home, file + 2)
			     : talloc_strdup(NULL, file);
	struct pd_err err;
	pd_err_init(&err, path);
	if (path == NULL)
		pd_ui_error(ui, "out of memory");
	else if (save(path, d->text, force, &err) != PD_OK)
		pd_ui_error(ui, "%s", pd_err_msg(&err));
	else
		pd_ui_message(ui, "digest saved to %s", path);
	talloc_free(path);
}
