/* The terminal: curses setup and teardown, signals, colours, glyphs, input
 * and the one function that puts untrusted text on the screen. */
#include "ui.h"

#include <assert.h>
#include <errno.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "visible.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

/* The one global: a signal handler cannot be handed the UI context, so the
 * context registers itself here while the terminal is ours. */
static struct pd_ui *signal_ui;

static void on_signal(int sig)
{
	if (signal_ui != NULL)
		signal_ui->signal = sig;
}

static const int exit_signals[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT };

/* Signals after which nothing of ours can be trusted to run: a failed
 * assertion and the crashes. */
static const int fatal_signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL };

/* What a dying process needs to give the terminal back, prepared while
 * all is well: a handler of SIGSEGV may only write(2) and tcsetattr(3). */
struct pd_restore {
	int fd;
	bool have_tty;
	struct termios tty;  /* the modes before curses changed them */
	char *seq;           /* sgr0 cnorm rmkx rmcup, as terminfo has them */
	size_t len;
	stack_t stack;       /* a stack overflow still gets a handler */
	/* While the screen is ours, standard error goes to an unlinked file
	 * (capture_fd): a library's warning would garble the screen, and a
	 * failed assertion's message would vanish with the alternate screen.
	 * It is written to the real one (err_fd) once the terminal is back. */
	int err_fd, capture_fd;
};

static void write_all_fd(int fd, const char *p, size_t left)
{
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w <= 0 && errno != EINTR)
			return;
		if (w > 0)
			p += w, left -= (size_t)w;
	}
}

/* Async-signal-safe: only dup2, lseek, read, write. */
static void replay_stderr(const struct pd_restore *r)
{
	char buf[512];
	ssize_t n;

	if (r->capture_fd < 0 || dup2(r->err_fd, STDERR_FILENO) < 0)
		return;
	if (lseek(r->capture_fd, 0, SEEK_SET) != 0)
		return;
	while ((n = read(r->capture_fd, buf, sizeof(buf))) > 0)
		write_all_fd(STDERR_FILENO, buf, (size_t)n);
}

/* Async-signal-safe. */
static void restore_now(void)
{
	const struct pd_restore *r = signal_ui != NULL ? signal_ui->restore : NULL;
	if (r != NULL) {
		write_all_fd(r->fd, r->seq, r->len);
		if (r->have_tty)
			tcsetattr(r->fd, TCSANOW, &r->tty);
		replay_stderr(r);
	}
}

static void on_fatal(int sig)
{
	restore_now();
	/* SA_RESETHAND put the default action back: this ends the process
	 * as the signal would have (a core dump, the shell's message). */
	raise(sig);
}

static void catch_signals(struct pd_ui *ui, bool on)
{
	/* No SA_RESTART: a signal interrupts the blocking read, so the loop
	 * sees it at once instead of at the next key. */
	struct sigaction sa = { .sa_handler = on ? on_signal : SIG_DFL };
	sigemptyset(&sa.sa_mask);
	signal_ui = on ? ui : NULL;
	for (size_t i = 0; i < sizeof(exit_signals) / sizeof(exit_signals[0]); i++)
		sigaction(exit_signals[i], &sa, NULL);
	if (ui->restore == NULL)
		return;
	struct sigaction fatal = {
		.sa_handler = on ? on_fatal : SIG_DFL,
		.sa_flags = on ? SA_RESETHAND | SA_ONSTACK : 0,
	};
	sigemptyset(&fatal.sa_mask);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaction(fatal_signals[i], &fatal, NULL);
#ifdef __SANITIZE_ADDRESS__
	/* In a sanitizer build the sanitizers take the crash, print their
	 * report and _exit: this gives the terminal back, and the report. */
	__sanitizer_set_death_callback(on ? restore_now : NULL);
#endif
}

static char *append_cap(char *s, const char *name)
{
	char *cap = tigetstr(name);
	if (s == NULL || cap == NULL || cap == (char *)-1)
		return s;
	return talloc_strdup_append(s, cap);
}

/* Records how to give the terminal back (see struct pd_restore). Called
 * after newterm, with the modes from before it. */
static void prepare_restore(struct pd_ui *ui, int fd, const struct termios *tty,
			    bool have_tty)
{
	struct pd_restore *r = talloc_zero(ui, struct pd_restore);
	if (r == NULL)
		return;
	r->fd = fd;
	r->have_tty = have_tty;
	if (have_tty)
		r->tty = *tty;
	r->seq = talloc_strdup(r, "");
	r->seq = append_cap(r->seq, "sgr0");
	r->seq = append_cap(r->seq, "cnorm");
	r->seq = append_cap(r->seq, "rmkx");
	char *ca = tigetstr("rmcup");
	if (ca != NULL && ca != (char *)-1)
		r->seq = append_cap(r->seq, "rmcup");
	else if (r->seq != NULL)
		/* No alternate screen: at least the shell starts on a new line. */
		r->seq = talloc_strdup_append(r->seq, "\r\n");
	r->len = r->seq != NULL ? strlen(r->seq) : 0;
	long size = sysconf(_SC_SIGSTKSZ);
	r->stack.ss_size = size > 65536 ? (size_t)size : 65536;
	r->stack.ss_sp = talloc_size(r, r->stack.ss_size);
	r->stack.ss_flags = 0;
	if (r->stack.ss_sp != NULL && sigaltstack(&r->stack, NULL) != 0) {
		talloc_free(r->stack.ss_sp);
		r->stack.ss_sp = NULL;
	}
	r->err_fd = r->capture_fd = -1;
	const char *tmp = getenv("TMPDIR");
	char *path = talloc_asprintf(r, "%s/patchdeck-stderr.XXXXXX",
				     tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	int cfd = path != NULL ? mkstemp(path) : -1;
	if (cfd >= 0) {
		unlink(path);
		r->err_fd = dup(STDERR_FILENO);
		if (r->err_fd >= 0 && dup2(cfd, STDERR_FILENO) >= 0) {
			r->capture_fd = cfd;
		} else {
			close(cfd);
			if (r->err_fd >= 0)
				close(r->err_fd);
			r->err_fd = -1;
		}
	}
	talloc_free(path);
	ui->restore = r;
}

static void drop_restore(struct pd_ui *ui)
{
	struct pd_restore *r = ui->restore;
	if (r == NULL)
		return;
	if (r->stack.ss_sp != NULL) {
		stack_t off = { .ss_flags = SS_DISABLE };
		sigaltstack(&off, NULL);
	}
	if (r->capture_fd >= 0) {
		fflush(stderr);
		replay_stderr(r);
		close(r->capture_fd);
		close(r->err_fd);
	}
	ui->restore = NULL;
	talloc_free(r);
}

static const struct pd_glyphs utf8_glyphs = {
	.tee = "\u251c\u2500", .corner = "\u2514\u2500", .vline = "\u2502 ",
	.space = "  ", .arrow = ">", .more = "\u2026",
};
static const struct pd_glyphs ascii_glyphs = {
	.tee = "|-", .corner = "`-", .vline = "| ", .space = "  ", .arrow = ">",
	.more = "~",
};

/* Terminals from before Unicode: their line drawing is not UTF-8 even
 * when the locale is. */
static bool old_terminal(const char *term)
{
	static const char *const prefixes[] = { "vt", "dumb", "ansi", "cons25" };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(term, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

static void choose_charset(struct pd_ui *ui, const char *term)
{
	long cs = pd_config_int(ui->cfg, PD_OPTION_CHARSET);
	bool utf8_locale = strcasecmp(nl_langinfo(CODESET), "UTF-8") == 0;

	if (cs == PD_CHARSET_AUTO)
		ui->utf8 = utf8_locale && !old_terminal(term);
	else
		ui->utf8 = cs == PD_CHARSET_UTF8 && utf8_locale;
	ui->glyph = ui->utf8 ? utf8_glyphs : ascii_glyphs;
}

int pd_display_start(struct pd_ui *ui, const char *term, int rows, int cols,
		     struct pd_err *err)
{
	FILE *in = stdin, *out = stdout;

	if (!ui->scripted && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return pd_err_set(err, PD_E_TERMINAL,
				  "the reader needs a terminal on standard input and "
				  "output; use 'patchdeck list' to print threads");
	if (term == NULL || *term == '\0')
		return pd_err_set(err, PD_E_TERMINAL,
				  "TERM is not set; set it to your terminal type, "
				  "e.g. TERM=xterm-256color");
	if (ui->scripted) {
		/* Keys go into a pipe that curses reads like a keyboard; the
		 * escape sequences go nowhere, the screen is read back from
		 * curses' own idea of it. */
		if (pipe(ui->key_pipe) != 0)
			return pd_err_set(err, PD_E_IO, "cannot create a pipe: %s",
					  strerror(errno));
		in = ui->term_in = fdopen(ui->key_pipe[0], "r");
		out = ui->term_out = fopen("/dev/null", "w");
		if (in == NULL || out == NULL)
			return pd_err_set(err, PD_E_IO, "cannot open /dev/null: %s",
					  strerror(errno));
	}
	struct termios tty;
	bool have_tty = !ui->scripted && tcgetattr(STDOUT_FILENO, &tty) == 0;
	ui->screen = newterm(term, out, in);
	if (ui->screen == NULL)
		return pd_err_set(err, PD_E_TERMINAL,
				  "unknown terminal type '%s'; set TERM to one in "
				  "terminfo, e.g. TERM=xterm-256color",
				  term);
	set_term(ui->screen);
	if (!ui->scripted)
		prepare_restore(ui, STDOUT_FILENO, &tty, have_tty);
	catch_signals(ui, true);
	if (ui->scripted) {
		resize_term(rows, cols);
		set_escdelay(10);
	} else if (getenv("ESCDELAY") == NULL) {
		/* curses waits this long after an Esc for the rest of an
		 * arrow key's sequence. Its default, a second, makes Esc feel
		 * broken; a sequence from a terminal or tmux arrives whole,
		 * and 100 ms covers a slow SSH link. ESCDELAY (read by curses)
		 * overrides. */
		set_escdelay(100);
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	pd_display_theme(ui);
	ui->rows = LINES;
	ui->cols = COLS;
	return PD_OK;
}

void pd_display_stop(struct pd_ui *ui)
{
	if (ui->screen == NULL)
		return;
	curs_set(1);
	endwin();
	catch_signals(ui, false);
	drop_restore(ui);
	delscreen(ui->screen);
	ui->screen = NULL;
	if (ui->scripted) {
		close(ui->key_pipe[1]);
		if (ui->term_in != NULL)
			fclose(ui->term_in);
		if (ui->term_out != NULL)
			fclose(ui->term_out);
	}
}

void pd_display_resized(struct pd_ui *ui)
{
	ui->rows = LINES;
	ui->cols = COLS;
	for (struct pd_view *v = ui->top; v != NULL; v = v->below)
		pd_view_clamp(ui, v);
	clearok(curscr, TRUE);
}

void pd_display_suspend(struct pd_ui *ui)
{
	if (ui->scripted) {
		pd_ui_message(ui, "suspend: not in scripted mode");
		return;
	}
	def_prog_mode();
	endwin();
	struct sigaction dfl = { .sa_handler = SIG_DFL }, old;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);
	/* Here again after fg. */
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
}

/* ------------------------------------------------------------ colours */

/* The xterm 256-colour cube's six levels of each of red, green, blue. */
static const int cube_level[6] = { 0, 95, 135, 175, 215, 255 };

/* A grey of value v (0..255) among the first n colours: black, then (16
 * colours) bright black, white, bright white. */
static short downgrade_grey(int v, int n)
{
	if (n == 8)
		return (short)(v < 128 ? 0 : 7);
	return (short)(v < 48 ? 0 : v < 144 ? 8 : v < 224 ? 7 : 15);
}

/* A colour of the first `n` (8 or 16) for an xterm colour. Not the nearest
 * by distance, which turns most of the cube into greys: the hue is kept
 * (a channel counts when it is more than half the strongest one), and
 * with 16 colours a strong colour becomes the bright one. A theme's dark
 * blue stays blue rather than turning black. */
static short downgrade(short c, int n)
{
	if (c < 0 || c < n)
		return c;
	if (c < 16)
		return (short)(c - 8);
	if (c >= 232)
		return downgrade_grey(8 + 10 * (c - 232), n);
	int i = c - 16, r = i / 36, g = (i / 6) % 6, b = i % 6;
	int m = r > g ? (r > b ? r : b) : (g > b ? g : b);
	if (r == g && g == b)
		return downgrade_grey(cube_level[r], n);
	short base = (short)((2 * r > m) | (2 * g > m) << 1 | (2 * b > m) << 2);
	if (n == 16 && m >= 4)
		base = (short)(base + 8);
	return base;
}

static attr_t curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & PD_ATTR_BOLD) r |= A_BOLD;
	if (a & PD_ATTR_UNDERLINE) r |= A_UNDERLINE;
	if (a & PD_ATTR_REVERSE) r |= A_REVERSE;
	if (a & PD_ATTR_DIM) r |= A_DIM;
	if (a & PD_ATTR_STANDOUT) r |= A_STANDOUT;
#ifdef A_ITALIC
	if (a & PD_ATTR_ITALIC) r |= A_ITALIC;
#endif
	return r;
}

void pd_display_theme(struct pd_ui *ui)
{
	const char *no_color = getenv("NO_COLOR");
	bool want = pd_config_bool(ui->cfg, PD_OPTION_COLOR) &&
		    (no_color == NULL || *no_color == '\0');

	choose_charset(ui, termname());
	ui->ncolors = 0;
	if (want && has_colors() && !ui->colors_started && start_color() == OK) {
		use_default_colors();
		ui->colors_started = true;
	}
	if (want && ui->colors_started) {
		ui->ncolors = COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : COLORS >= 8 ? 8 : 0;
		if (COLOR_PAIRS <= PD_AREA_COUNT)
			ui->ncolors = 0;
	}
	for (int a = 0; a < PD_AREA_COUNT; a++) {
		const struct pd_color *c = &ui->cfg->colors[a];
		ui->attr[a] = curses_attrs(c->attrs);
		ui->pair[a] = 0;
		if (ui->ncolors > 0) {
			init_pair((short)(a + 1), downgrade(c->fg, ui->ncolors),
				  downgrade(c->bg, ui->ncolors));
			ui->pair[a] = (short)(a + 1);
		} else if (c->bg >= 0 && (c->attrs & PD_ATTR_REVERSE) == 0) {
			/* Without colours an area set apart by its background
			 * (status bar, cursor) would vanish; reverse keeps it. */
			ui->attr[a] |= A_REVERSE;
		}
	}
	bkgdset((chtype)' ' | COLOR_PAIR(ui->pair[PD_AREA_DEFAULT]) | ui->attr[PD_AREA_DEFAULT]);
}

static void style_attr(struct pd_ui *ui, int style, attr_t *attr, short *pair)
{
	int area = style & 0xff;
	*attr = ui->attr[area];
	*pair = ui->pair[area];
	if (style & PD_STYLE_UNREAD) {
		const struct pd_color *u = &ui->cfg->colors[PD_AREA_UNREAD];
		*attr |= ui->attr[PD_AREA_UNREAD];
		if (area != PD_AREA_CURSOR && ui->ncolors > 0 && (u->fg >= 0 || u->bg >= 0))
			*pair = ui->pair[PD_AREA_UNREAD];
	}
}

/* ------------------------------------------------------------ text */

/* The length of the UTF-8 sequence at p (lead byte and the continuation
 * bytes that follow it, up to four), at least 1. */
static size_t utf8_len(const char *p, size_t left)
{
	unsigned char c = (unsigned char)p[0];
	size_t want = c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (c >= 0xf8)
		want = 1;
	size_t n = 1;
	while (n < want && n < left && ((unsigned char)p[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Calls emit for each cell group of text as it must be shown: the
 * printable characters themselves, everything else as a visible escape. */
static int walk_text(struct pd_ui *ui, const char *text,
		     bool (*emit)(void *arg, const wchar_t *ws, int width, bool escape),
		     void *arg, const char **stop)
{
	mbstate_t st = { 0 };
	const char *p = text;
	size_t left = strlen(text);
	int total = 0;

	while (left > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, left, &st);
		wchar_t buf[16];
		int w;
		bool esc = false;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			/* Mail text is UTF-8 whatever the locale: in the C locale
			 * one character is one '?', not one per byte. */
			n = utf8_len(p, left);
			buf[0] = L'?', buf[1] = 0, w = 1;
		} else {
			if (n == 0)
				break;
			int cw = wcwidth(wc);
			if (wc == L'\t') {
				buf[0] = L' ', buf[1] = 0, w = 1;
			} else if (wc < 0x20 || wc == 0x7f) {
				buf[0] = L'^', buf[1] = wc == 0x7f ? L'?' : wc + L'@', buf[2] = 0;
				w = 2, esc = true;
			} else if (pd_visible_kind((uint32_t)wc) == PD_VISIBLE_CODEPOINT) {
				swprintf(buf, 16, L"<U+%04X>", (unsigned)wc);
				w = (int)wcslen(buf), esc = true;
			} else if ((wc >= 0x80 && !ui->utf8) || cw < 0) {
				/* Not shown in this locale, or not printable. */
				buf[0] = L'?', buf[1] = 0, w = 1;
			} else if (cw == 0) {
				/* Combining marks would need the cell before them;
				 * dropping them keeps the columns right. */
				p += n, left -= n;
				continue;
			} else {
				buf[0] = wc, buf[1] = 0, w = cw;
			}
		}
		if (emit != NULL && !emit(arg, buf, w, esc))
			break;
		p += n, left -= n;
		total += w;
	}
	if (stop != NULL)
		*stop = p;
	return total;
}

struct put_state {
	struct pd_ui *ui;
	int y, x, xmax;
	attr_t attr, esc_attr;
	short pair, esc_pair;
};

static bool put_cells(void *arg, const wchar_t *ws, int width, bool escape)
{
	struct put_state *ps = arg;

	if (ps->x + width > ps->xmax)
		return false;
	if (escape)
		attr_set(ps->esc_attr, ps->esc_pair, NULL);
	else
		attr_set(ps->attr, ps->pair, NULL);
	mvaddnwstr(ps->y, ps->x, ws, -1);
	ps->x += width;
	return true;
}

int pd_put(struct pd_ui *ui, int y, int x, int xmax, int style, const char *text)
{
	struct put_state ps = { .ui = ui, .y = y, .x = x, .xmax = xmax };

	if (xmax > ui->cols)
		ps.xmax = xmax = ui->cols;
	if (y < 0 || y >= ui->rows || x >= xmax)
		return x;
	style_attr(ui, style, &ps.attr, &ps.pair);
	/* Escapes keep the line's colours but stand out from the text. */
	style_attr(ui, style, &ps.esc_attr, &ps.esc_pair);
	ps.esc_attr |= ui->attr[PD_AREA_ESCAPE];
	if (ui->ncolors > 0 && (ui->cfg->colors[PD_AREA_ESCAPE].fg >= 0 ||
				ui->cfg->colors[PD_AREA_ESCAPE].bg >= 0) &&
	    (style & 0xff) != PD_AREA_CURSOR)
		ps.esc_pair = ui->pair[PD_AREA_ESCAPE];
	walk_text(ui, text, put_cells, &ps, NULL);
	attr_set(A_NORMAL, 0, NULL);
	return ps.x;
}

int pd_put_pad(struct pd_ui *ui, int y, int x, int xmax, int style, const char *text)
{
	x = pd_put(ui, y, x, xmax, style, text);
	if (xmax > ui->cols)
		xmax = ui->cols;
	if (y < 0 || y >= ui->rows)
		return x;
	attr_t attr;
	short pair;
	style_attr(ui, style, &attr, &pair);
	attr_set(attr, pair, NULL);
	for (; x < xmax; x++)
		mvaddch(y, x, ' ');
	attr_set(A_NORMAL, 0, NULL);
	return x;
}

int pd_put_col(struct pd_ui *ui, int y, int x, int width, int gap, int style,
	       const char *text)
{
	int end = x + width;
	if (pd_text_width(ui, text) > width && width > 1) {
		/* Cut one column early and say so. */
		int nx = pd_put(ui, y, x, end - 1, style, text);
		nx = pd_put(ui, y, nx, end, style, ui->glyph.more);
		pd_put_pad(ui, y, nx, end, style, "");
	} else {
		pd_put_pad(ui, y, x, end, style, text);
	}
	/* The gap keeps the style, so a selected line stays one bar. */
	return pd_put_pad(ui, y, end, end + gap, style, "");
}

int pd_text_width(struct pd_ui *ui, const char *text)
{
	return walk_text(ui, text, NULL, NULL, NULL);
}

struct fit_state {
	int width, used;
};

static bool fit_cells(void *arg, const wchar_t *ws, int width, bool escape)
{
	(void)ws, (void)escape;
	struct fit_state *fs = arg;
	/* The first cell group always goes, or a row could hold nothing. */
	if (fs->used > 0 && fs->used + width > fs->width)
		return false;
	fs->used += width;
	return true;
}

size_t pd_text_fit(struct pd_ui *ui, const char *text, int width)
{
	struct fit_state fs = { .width = width };
	const char *stop = text;
	walk_text(ui, text, fit_cells, &fs, &stop);
	return (size_t)(stop - text);
}

/* ------------------------------------------------------------ input */

static const struct {
	int pd, curses;
} key_codes[] = {
	{ PD_KEY_UP, KEY_UP },       { PD_KEY_DOWN, KEY_DOWN },
	{ PD_KEY_LEFT, KEY_LEFT },   { PD_KEY_RIGHT, KEY_RIGHT },
	{ PD_KEY_PGUP, KEY_PPAGE },  { PD_KEY_PGDN, KEY_NPAGE },
	{ PD_KEY_HOME, KEY_HOME },   { PD_KEY_END, KEY_END },
	{ PD_KEY_INSERT, KEY_IC },   { PD_KEY_DELETE, KEY_DC },
	{ PD_KEY_BTAB, KEY_BTAB },   { PD_KEY_RESIZE, KEY_RESIZE },
	{ PD_KEY_F1, KEY_F(1) },     { PD_KEY_F2, KEY_F(2) },
	{ PD_KEY_F3, KEY_F(3) },     { PD_KEY_F4, KEY_F(4) },
	{ PD_KEY_F5, KEY_F(5) },     { PD_KEY_F6, KEY_F(6) },
	{ PD_KEY_F7, KEY_F(7) },     { PD_KEY_F8, KEY_F(8) },
	{ PD_KEY_F9, KEY_F(9) },     { PD_KEY_F10, KEY_F(10) },
	{ PD_KEY_F11, KEY_F(11) },   { PD_KEY_F12, KEY_F(12) },
	{ PD_KEY_ENTER, KEY_ENTER }, { PD_KEY_BACKSPACE, KEY_BACKSPACE },
	{ PD_KEY_HOME, KEY_A1 },     { PD_KEY_PGUP, KEY_A3 },
	{ PD_KEY_END, KEY_C1 },      { PD_KEY_PGDN, KEY_C3 },
};

int pd_display_curses_key(int key)
{
	for (size_t i = 0; i < sizeof(key_codes) / sizeof(key_codes[0]); i++)
		if (key_codes[i].pd == key)
			return key_codes[i].curses;
	return 0;
}

/* A test hook, for tests/tui/tmux-terminal.sh only: with
 * PATCHDECK_TEST_HOOK_CRASH=assert or =segv the first key on a real
 * terminal fails an assertion or writes through a bad pointer, so that
 * the test sees the terminal given back after real crashes (kill(1) can
 * only send the signals). Nothing else reads the variable. */
static void test_hook_crash(void)
{
	const char *hook = getenv("PATCHDECK_TEST_HOOK_CRASH");
	if (hook == NULL)
		return;
	assert(strcmp(hook, "assert") != 0 && "PATCHDECK_TEST_HOOK_CRASH=assert");
	if (strcmp(hook, "segv") == 0) {
		/* Not NULL: UBSan would stop a null store before it faults. */
		volatile int *volatile nowhere = (volatile int *)16;
		*nowhere = 1;
	}
}

int pd_display_key(struct pd_ui *ui)
{
	wint_t wc;

	/* Scripted input is all there before we read: not waiting is how
	 * the script knows the keys so far have been handled. A terminal
	 * read wakes up now and then so a signal is never missed, and soon
	 * when the UI has work to do between keys (ui->wait_ms). */
	timeout(ui->scripted ? 0 : ui->wait_ms > 0 ? ui->wait_ms : 1000);
	int r = get_wch(&wc);
	if (r == ERR)
		return -1;
	if (!ui->scripted)
		test_hook_crash();
	if (r == KEY_CODE_YES) {
		for (size_t i = 0; i < sizeof(key_codes) / sizeof(key_codes[0]); i++)
			if (key_codes[i].curses == (int)wc)
				return key_codes[i].pd;
		return -2; /* a key we have no name for */
	}
	if (wc == L'\n' || wc == L'\r')
		return PD_KEY_ENTER;
	if (wc == 8)
		return PD_KEY_BACKSPACE;
	return (int)wc;
}
