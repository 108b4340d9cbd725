/* One list message as the series model sees it: plain talloc'd data, no
 * notmuch, GMime or libgit2 objects. The message module fills it from a
 * mail file (src/message.c); the store adds where notmuch found it; the
 * series model (src/series.c) reads it and never changes it.
 *
 * Every string is UTF-8, decoded (RFC 2047, charsets, transfer encodings),
 * owned by the struct (talloc children). Absent values are NULL, except
 * where a comment says "" is used.
 */
#ifndef PD_MAIL_H
#define PD_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "subject.h"
#include "trailer.h"

struct pd_person {
	char *name;  /* display name, "" when none */
	char *email; /* lower-cased address, "" when none */
	/* The address as sent, case kept: what git am records as the author
	 * (mailboxes may be case-sensitive). NULL when none. */
	char *address;
};

struct pd_mail {
	/* Identity and threading, ids without <>. */
	char *message_id;
	char *in_reply_to;  /* the first id of In-Reply-To */
	char **references;  /* References, oldest first */
	size_t nreferences;
	char *thread_id;    /* notmuch's thread id (set by the store) */
	char **paths;       /* every file holding this Message-ID */
	size_t npaths;      /* >1: a duplicate delivery */
	bool unread;        /* tagged unread in the store (set by the store) */

	time_t date;        /* Date: header (in-body Date: when present) */
	char *subject_raw;  /* decoded, unfolded Subject: header */
	struct pd_subject *subject; /* parsed (in-body Subject: when present) */
	struct pd_person sender;    /* the From: header */
	/* Who wrote the patch: in-body From:, else X-Original-From or
	 * Reply-To when the sender was rewritten for DMARC (`Name via List`),
	 * else the sender. */
	struct pd_person author;
	bool dmarc_rewritten;

	/* The text the author typed: the first text/plain part (or the inline
	 * patch), decoded, with LF line ends. "" when there is none. */
	char *text;
	/* When the mail carries a diff (inline, or an attachment of type
	 * text/x-patch, text/x-diff or text/plain with a filename): the patch
	 * text taken apart. NULL when there is no diff. */
	struct pd_body *patch;
	bool patch_attached;       /* the diff came from an attachment */
	struct pd_trailer *trailers;  /* the patch's own (commit message) */
	size_t ntrailers;
	/* A reply's review trailers: only its own unquoted text, each
	 * compared with the sender's address. */
	struct pd_trailer *reply_trailers;
	size_t nreply_trailers;

	/* A pull request's repository line ("are available in the Git
	 * repository at:"), NULL otherwise. */
	char *pull_url;
	char *pull_branch;

	/* What could not be understood (broken encoding, unparsable diff),
	 * one line each; the mail is still listed with the rest. */
	char **problems;
	size_t nproblems;
};

#endif
