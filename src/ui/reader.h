/* The reader (the TUI) as main sees it. */
#ifndef PD_UI_READER_H
#define PD_UI_READER_H

#include "cli.h"

/* How main starts the reader. script and screen are NULL for a real
 * terminal; with script, keys come from that file and `dump` commands write
 * the virtual screen of size screen ("ROWSxCOLS", default 24x80) to
 * cli->out. */
struct pd_reader_opts {
	const char *script;
	const char *screen;
	const char *theme; /* --theme: applied after the config file, or NULL */
};

/* Runs the reader on the threads matching the query in argv. Returns a
 * PD_EXIT_* code; on PD_EXIT_FAIL cli->err holds the message. */
int pd_reader_main(struct pd_cli *cli, const struct pd_reader_opts *opts,
		   int argc, char **argv);

/* Writes generated text to cli->out: format "man" is the man page KEYS
 * section, "areas" its list of colour areas, "rc" the default keymap,
 * "theme" the compiled-in theme. */
int pd_reader_dump(struct pd_cli *cli, const char *format);

#endif
