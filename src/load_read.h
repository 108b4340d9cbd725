/* Reading the mail files of the messages the loader found (src/load.c),
 * on a few worker threads: parsing is most of the loader's work, and the
 * main thread walks the index meanwhile.
 *
 * Threads share nothing but the queue. A worker reads a file into its own
 * buffer and parses it into a new talloc root (no parent, so no talloc
 * tree is touched by two threads; talloc's null tracking must stay off);
 * only the main thread moves it under its owner, once the task is done.
 * GMime objects never leave the worker that made them.
 */
#ifndef PD_LOAD_READ_H
#define PD_LOAD_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "mail.h"
#include "status.h"
#include "store.h"

/* One message to read. The caller owns the task and what sm points to,
 * and leaves both alone from pd_reader_submit() until pd_reader_wait()
 * has seen it done. */
struct pd_read_task {
	const struct pd_store_msg *sm;
	/* Results. mail is a talloc root the caller adopts (talloc_steal);
	 * why is a talloc root too ("PATH: reason") when rc is PD_E_IO. */
	int rc;
	struct pd_mail *mail;
	char *why;
};

struct pd_reader;

/* A reader under ctx for PD_LOAD_* flags. Threads start on the first
 * submit and stop when the reader is freed; with PATCHDECK_THREADS=0 (or
 * one CPU) every task is read right away on the caller's thread. */
int pd_reader_new(struct pd_reader **out, void *ctx, unsigned flags, struct pd_err *err);

/* Queues task (or reads it at once when there are no workers). */
int pd_reader_submit(struct pd_reader *r, struct pd_read_task *task, struct pd_err *err);

/* Waits until at most `left` of the submitted tasks are not done yet;
 * pd_reader_wait(r, 0) waits for all of them. */
void pd_reader_wait(struct pd_reader *r, size_t left);

/* Tasks submitted and not done yet. */
size_t pd_reader_pending(struct pd_reader *r);

#endif
