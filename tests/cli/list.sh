#!/bin/bash
# `patchdeck list [--json] [--all-revisions] [QUERY...]` on a small store
# built here and indexed by the real notmuch under a private config: a
# two-patch series with a cover letter and a review, its v2 in a new
# thread, an RFC patch, a pull request and a discussion without patches.
. "$top_srcdir/tests/lib.sh"

command -v notmuch >/dev/null ||
	tap_skip_all "notmuch not found: install the Debian package notmuch"

M=$PD_TMP/mail
mkdir -p "$M/cur" "$M/new" "$M/tmp"
n=0
# msg BODY HEADERS...: one message in the maildir.
msg() {
	n=$((n + 1))
	local body=$1
	shift
	{ printf '%s\n' "$@"; printf '\n%s\n' "$body"; } >"$M/cur/$n:2,"
}
# diff_for FILE: a one-line patch body.
diff_for() {
	printf 'Change %s.\n\nSigned-off-by: Ada Lovelace <ada@example.org>\n---\n %s | 1 +\n 1 file changed, 1 insertion(+)\n\ndiff --git a/%s b/%s\nindex 0000001..0000002 100644\n--- a/%s\n+++ b/%s\n@@ -1 +1,2 @@\n line\n+added\n' \
		"$1" "$1" "$1" "$1" "$1" "$1"
}

msg "The widget needs two fixes." \
	"From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH 0/2] net: fix the widget" \
	"Date: Mon, 01 Jan 2024 10:00:00 +0000" "Message-ID: <cover@example.org>"
msg "$(diff_for a.c)" \
	"From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH 1/2] net: widget: check the length" \
	"Date: Mon, 01 Jan 2024 10:00:01 +0000" "Message-ID: <p1@example.org>" \
	"In-Reply-To: <cover@example.org>" "References: <cover@example.org>"
msg "$(diff_for b.c)" \
	"From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH 2/2] net: widget: free on error" \
	"Date: Mon, 01 Jan 2024 10:00:02 +0000" "Message-ID: <p2@example.org>" \
	"In-Reply-To: <cover@example.org>" "References: <cover@example.org>"
msg "$(printf 'Looks good.\n\nReviewed-by: Bob Reviewer <bob@example.org>')" \
	"From: Bob Reviewer <bob@example.org>" "To: netdev@example.org" \
	"Subject: Re: [PATCH 1/2] net: widget: check the length" \
	"Date: Tue, 02 Jan 2024 09:00:00 +0000" "Message-ID: <r1@example.org>" \
	"In-Reply-To: <p1@example.org>" \
	"References: <cover@example.org> <p1@example.org>"
msg "$(diff_for c.c)" \
	"From: Carol Example <carol@example.org>" "To: linux-mm@example.org" \
	"Subject: [RFC PATCH] mm: tidy the page cache" \
	"Date: Wed, 03 Jan 2024 12:00:00 +0000" "Message-ID: <rfc@example.org>"
msg "$(printf 'The following changes since commit 0123456789abcdef0123456789abcdef01234567:\n\n  drivers: start (2023-12-01 10:00:00 +0000)\n\nare available in the Git repository at:\n\n  https://git.example.org/dave/linux.git tags/drivers-6.8\n\nfor you to fetch changes up to 89abcdef0123456789abcdef0123456789abcdef:\n\n  drivers: fix (2023-12-19 10:00:00 +0000)\n')" \
	"From: Dave Puller <dave@example.org>" "To: netdev@example.org" \
	"Subject: [GIT PULL] drivers for 6.8" \
	"Date: Wed, 20 Dec 2023 08:00:00 +0000" "Message-ID: <pull@example.org>"
msg "Should we drop the widget?" \
	"From: Eve Asker <eve@example.org>" "To: netdev@example.org" \
	"Subject: widget questions" \
	"Date: Thu, 04 Jan 2024 08:00:00 +0000" "Message-ID: <talk@example.org>"
msg "The widget, fixed again." \
	"From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH v2 0/2] net: fix the widget" \
	"Date: Fri, 05 Jan 2024 10:00:00 +0000" "Message-ID: <v2cover@example.org>"
msg "$(diff_for a.c)" \
	"From: Ada Lovelace <ada@example.org>" "To: netdev@example.org" \
	"Subject: [PATCH v2 1/2] net: widget: check the length" \
	"Date: Fri, 05 Jan 2024 10:00:01 +0000" "Message-ID: <v2p1@example.org>" \
	"In-Reply-To: <v2cover@example.org>" "References: <v2cover@example.org>"

cfg=$PD_TMP/notmuch-config
printf '[database]\npath=%s\n[new]\ntags=unread;inbox\n' "$M" >"$cfg"
NOTMUCH_CONFIG=$cfg notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
export NOTMUCH_CONFIG=$cfg

# Series with the newest activity first; the latest revision only. v2 lacks
# its patch 2 ("1/2!"); Bob's review counts for v1 alone (R1) because v2's
# patch 1 is unchanged and keeps the trailer it earned (carried), hence R1
# there too. The discussion is no series.
check_run "list: the latest revision of every series" 0 \
"2024-01-05  Ada Lovelace          v2   1/2!   A0 R1 T0    net: fix the widget
2024-01-03  Carol Example         v1   1/1    A0 R0 T0    [RFC] mm: tidy the page cache
2023-12-20  Dave Puller           v1   pull   A0 R0 T0    [GIT PULL] drivers for 6.8" "" -- \
	"$PATCHDECK" list

check_run "list --all-revisions: older revisions after the latest" 0 \
"2024-01-05  Ada Lovelace          v2   1/2!   A0 R1 T0    net: fix the widget
2024-01-01  Ada Lovelace          v1   2/2    A0 R1 T0    net: fix the widget
2024-01-03  Carol Example         v1   1/1    A0 R0 T0    [RFC] mm: tidy the page cache
2023-12-20  Dave Puller           v1   pull   A0 R0 T0    [GIT PULL] drivers for 6.8" "" -- \
	"$PATCHDECK" list --all-revisions

check_run "list QUERY: the series in the threads of the matching messages" 0 \
"2024-01-01  Ada Lovelace          v1   2/2    A0 R1 T0    net: fix the widget" "" -- \
	"$PATCHDECK" list from:bob

check_run "list QUERY...: words are joined into one query" 0 \
"2024-01-03  Carol Example         v1   1/1    A0 R0 T0    [RFC] mm: tidy the page cache
2023-12-20  Dave Puller           v1   pull   A0 R0 T0    [GIT PULL] drivers for 6.8" "" -- \
	"$PATCHDECK" list not from:ada and not from:bob and not from:eve

check_run "list QUERY: a date range" 0 \
"2023-12-20  Dave Puller           v1   pull   A0 R0 T0    [GIT PULL] drivers for 6.8" "" -- \
	"$PATCHDECK" list date:2023-12-01..2023-12-31

check_run "list QUERY: a thread without patches lists nothing" 0 "" "" -- \
	"$PATCHDECK" list from:eve

check_run "list QUERY: nothing matches" 0 "" "" -- \
	"$PATCHDECK" list from:nobody@example.org

check_run "list --notmuch-config beats NOTMUCH_CONFIG" 0 \
"2024-01-03  Carol Example         v1   1/1    A0 R0 T0    [RFC] mm: tidy the page cache" "" -- \
	env NOTMUCH_CONFIG="$PD_TMP/nowhere" "$PATCHDECK" --notmuch-config "$cfg" list from:carol

check_run "list --json QUERY: the schema of patchdeck(1)" 0 \
'[
  {
    "id": "pull@example.org",
    "title": "drivers for 6.8",
    "kind": "pull",
    "version": 1,
    "version_minor": 0,
    "total": 0,
    "received": 0,
    "missing": [],
    "complete": true,
    "cover": true,
    "rfc": false,
    "resend": false,
    "prefixes": [],
    "author": {
      "name": "Dave Puller",
      "email": "dave@example.org"
    },
    "date": "2023-12-20T08:00:00Z",
    "patches": [],
    "replies": 0,
    "trailers": {
      "reviewed-by": 0,
      "acked-by": 0,
      "tested-by": 0
    },
    "revisions": [
      "pull@example.org"
    ],
    "superseded_by": null,
    "state": "new",
    "deferred_until": null,
    "pull_url": "https://git.example.org/dave/linux.git",
    "pull_branch": "tags/drivers-6.8"
  }
]' "" -- "$PATCHDECK" list --json from:dave

check_run "list with a bad query: one line" 1 "" \
	"patchdeck: bad query 'date:2024-01-01..someday': Didn't understand date specification 'someday'; see notmuch-search-terms(7)" -- \
	"$PATCHDECK" list date:2024-01-01..someday

check_run "list with an unknown option: usage error" 2 "" \
	"patchdeck list: unknown option '--bogus'; try 'patchdeck --help'" -- \
	"$PATCHDECK" list --bogus

tap_done
