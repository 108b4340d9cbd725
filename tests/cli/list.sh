#!/bin/bash
# `patchdeck list [QUERY...]` on a small store built here: a two-patch
# series with a cover letter and a review reply, an RFC and a pull request,
# indexed by the real notmuch under a private config.
. "$top_srcdir/tests/lib.sh"

command -v notmuch >/dev/null ||
	tap_skip_all "notmuch not found: install the Debian package notmuch"

M=$PD_TMP/mail
mkdir -p "$M/cur" "$M/new" "$M/tmp"
n=0
# msg HEADERS...: one message in the maildir; the body is one line.
msg() {
	n=$((n + 1))
	{ printf '%s\n' "$@"; printf '\nbody %d\n' "$n"; } >"$M/cur/$n:2,"
}

msg "From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH 0/2] net: fix the widget" \
	"Date: Mon, 01 Jan 2024 10:00:00 +0000" "Message-ID: <cover@example.org>"
msg "From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH 1/2] net: widget: check the length" \
	"Date: Mon, 01 Jan 2024 10:00:01 +0000" "Message-ID: <p1@example.org>" \
	"In-Reply-To: <cover@example.org>" "References: <cover@example.org>"
msg "From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH 2/2] net: widget: free on error" \
	"Date: Mon, 01 Jan 2024 10:00:02 +0000" "Message-ID: <p2@example.org>" \
	"In-Reply-To: <cover@example.org>" "References: <cover@example.org>"
msg "From: Bob Reviewer <bob@example.org>" "To: netdev@example.org" \
	"Subject: Re: [PATCH 1/2] net: widget: check the length" \
	"Date: Tue, 02 Jan 2024 09:00:00 +0000" "Message-ID: <r1@example.org>" \
	"In-Reply-To: <p1@example.org>" \
	"References: <cover@example.org> <p1@example.org>"
msg "From: Carol Example <carol@example.org>" "To: linux-mm@example.org" \
	"Subject: [RFC PATCH] mm: tidy the page cache" \
	"Date: Wed, 03 Jan 2024 12:00:00 +0000" "Message-ID: <rfc@example.org>"
msg "From: Dave Puller <dave@example.org>" "To: netdev@example.org" \
	"Subject: [GIT PULL] drivers for 6.8" \
	"Date: Wed, 20 Dec 2023 08:00:00 +0000" "Message-ID: <pull@example.org>"

cfg=$PD_TMP/notmuch-config
printf '[database]\npath=%s\n[new]\ntags=unread;inbox\n' "$M" >"$cfg"
NOTMUCH_CONFIG=$cfg notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
export NOTMUCH_CONFIG=$cfg

# Newest thread first; [matched/total]; notmuch lists the matched authors,
# then '|' and the others, and takes the date and the subject from the
# newest matched message (the subject without its "Re: ").
check_run "list: every thread, newest first" 0 \
"2024-01-03  [1/1]  Carol Example; [RFC PATCH] mm: tidy the page cache
2024-01-02  [4/4]  Ada Lovelace, Bob Reviewer; [PATCH 1/2] net: widget: check the length
2023-12-20  [1/1]  Dave Puller; [GIT PULL] drivers for 6.8" "" -- \
	"$PATCHDECK" list

check_run "list QUERY: matched messages of a thread" 0 \
"2024-01-01  [3/4]  Ada Lovelace| Bob Reviewer; [PATCH 2/2] net: widget: free on error" "" -- \
	"$PATCHDECK" list from:ada

check_run "list QUERY: the reviewer's message" 0 \
"2024-01-02  [1/4]  Bob Reviewer| Ada Lovelace; [PATCH 1/2] net: widget: check the length" "" -- \
	"$PATCHDECK" list from:bob@example.org

check_run "list QUERY...: words are joined into one query" 0 \
"2024-01-03  [1/1]  Carol Example; [RFC PATCH] mm: tidy the page cache
2023-12-20  [1/1]  Dave Puller; [GIT PULL] drivers for 6.8" "" -- \
	"$PATCHDECK" list not from:ada and not from:bob

check_run "list QUERY: a date range" 0 \
"2023-12-20  [1/1]  Dave Puller; [GIT PULL] drivers for 6.8" "" -- \
	"$PATCHDECK" list date:2023-12-01..2023-12-31

check_run "list QUERY: nothing matches" 0 "" "" -- \
	"$PATCHDECK" list from:nobody@example.org

check_run "list --notmuch-config beats NOTMUCH_CONFIG" 0 \
"2024-01-03  [1/1]  Carol Example; [RFC PATCH] mm: tidy the page cache" "" -- \
	env NOTMUCH_CONFIG="$PD_TMP/nowhere" "$PATCHDECK" --notmuch-config "$cfg" list from:carol

check_run "list with a bad query: one line" 1 "" \
	"patchdeck: bad query 'date:2024-01-01..someday': Didn't understand date specification 'someday'; see notmuch-search-terms(7)" -- \
	"$PATCHDECK" list date:2024-01-01..someday

tap_done
