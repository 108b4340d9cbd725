#!/bin/bash
# patchdeck digest --archive ARCHIVE --from COMMIT --to COMMIT on a
# public-inbox-shaped archive made here with plain git: exactly the patch
# mails the commits after FROM through TO add (not the mail before FROM,
# not the spam the range adds and removes again), the commits in the
# heading as the real digests print them, and the same digest as the date
# digest of a store holding exactly that range (imported with
# import --since/--to). Errors are one line.
. "$top_srcdir/tests/lib.sh"

export XDG_STATE_HOME="$PD_TMP/state"
arch="$PD_TMP/arch"
git init -q "$arch"
n=0
# add FROM SUBJECT ID [IN-REPLY-TO] < BODY: a commit whose m is that mail.
add() {
	n=$((n + 1))
	{
		printf 'From: %s\nTo: linux-modules@vger.kernel.org\nSubject: %s\n' "$1" "$2"
		printf 'Date: Tue, 02 Jan 2024 10:%02d:00 +0000\nMessage-ID: <%s>\n' "$n" "$3"
		[ -z "${4:-}" ] || printf 'In-Reply-To: <%s>\nReferences: <%s>\n' "$4" "$4"
		printf '\n'
		cat
	} >"$arch/m"
	git -C "$arch" add m
	GIT_COMMITTER_DATE="@$((1704189600 + n * 60)) +0000" \
		git -C "$arch" -c user.name=pi -c user.email=pi@example.org commit -q -m "$2"
}
patch() { # FILE: a commit message and a one-line diff of FILE
	printf 'Change %s.\n\nSigned-off-by: Ada Lovelace <ada@example.org>\n---\n' "$1"
	printf ' %s | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n' "$1"
	printf 'diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n@@ -1 +1 @@\n-old\n+new\n-- \n2.43.0\n' \
		"$1" "$1" "$1" "$1"
}
ada="Ada Lovelace <ada@example.org>"
add "$ada" "[PATCH] kmod: before the range" before@x < <(patch before.c)
from=$(git -C "$arch" rev-parse HEAD)
add "$ada" "[PATCH 0/2] module: two fixes" cover@x <<'EOF'
Two fixes.

Ada Lovelace (2):
  module: one
  module: two

 a.c | 2 +-
 b.c | 2 +-
 2 files changed, 2 insertions(+), 2 deletions(-)
EOF
add "$ada" "[PATCH 1/2] module: one" p1@x cover@x < <(patch a.c)
add "$ada" "[PATCH 2/2] module: two" p2@x cover@x < <(patch b.c)
add "Spam <spam@spam.example>" "[PATCH] buy now" spam@x <<<'spam'
git -C "$arch" rm -q m
GIT_COMMITTER_DATE="@1704200000 +0000" git -C "$arch" -c user.name=pi -c user.email=pi@example.org \
	commit -q -m "remove spam"
add "Linus <linus@kernel.example>" "Re: [PATCH 1/2] module: one" r1@x p1@x <<<'Reviewed-by: Linus <linus@kernel.example>'
add "Grace Hopper <grace@navy.example>" "[PATCH kmod] depmod: single" single@x < <(patch depmod.c)
to=$(git -C "$arch" rev-parse HEAD)
add "$ada" "[PATCH] kmod: after the range" after@x < <(patch after.c)

digest() { "$PATCHDECK" digest --list linux-modules --archive "$arch" "$@"; }
digest --from "$from" --to "$to" >"$PD_TMP/got"
check_eq "heading, tables and patch list: the range's four patch mails, not the spam" \
"From ${from:0:9} to ${to:0:9}
linux-modules mailing list update from ${from:0:9} to ${to:0:9}

Top 15 contributor Email domains (Based on Email Body)

      3 example.org
      1 navy.example

Top 15 contributors (Based on Email Body)

      3  Ada Lovelace <ada@example.org>
      1  Grace Hopper <grace@navy.example>

===== Patch list in this time period =====

v1 2/2  module: two fixes -- Ada Lovelace <ada@example.org>
v1 1/1  depmod: single -- Grace Hopper <grace@navy.example>" "$(sed -n '1,/^===== Patch Commit/p' "$PD_TMP/got" | sed '$d')"
check_eq "entries: the cover, patch 1 and the single patch, in order" \
"[PATCH 0/2] module: two fixes
[PATCH 1/2] module: one
[PATCH kmod] depmod: single" "$(grep -A1 '^New:  ' "$PD_TMP/got" | grep '^\[')"

# The same range imported into a store of its own: the date digest of that
# store is the archive digest below its heading.
mkdir -p "$PD_TMP/md/cur" "$PD_TMP/md/new" "$PD_TMP/md/tmp"
printf '[database]\npath=%s\n' "$PD_TMP/md" >"$PD_TMP/nm.conf"
notmuch --config="$PD_TMP/nm.conf" new --quiet
"$PATCHDECK" --notmuch-config "$PD_TMP/nm.conf" import --since "$from" --to "$to" "$arch" \
	"$PD_TMP/md" >/dev/null
"$PATCHDECK" --notmuch-config "$PD_TMP/nm.conf" digest --list linux-modules >"$PD_TMP/by-date"
check_eq "the date digest of a store holding exactly the range says the same" \
	"$(tail -n +3 "$PD_TMP/by-date")" "$(tail -n +3 "$PD_TMP/got")"

check_eq "--json: the mails are the range's patch mails" \
	"before@x
cover@x p1@x p2@x single@x
after@x" \
	"$(digest --to "$from" --json | python3 -c 'import json,sys; print(" ".join(m["id"] for m in json.load(sys.stdin)["mails"]))')
$(digest --from "$from" --to "$to" --json | python3 -c 'import json,sys; print(" ".join(m["id"] for m in json.load(sys.stdin)["mails"]))')
$(digest --from "$to" --json | python3 -c 'import json,sys; print(" ".join(m["id"] for m in json.load(sys.stdin)["mails"]))')"
check_eq "without --from: from the first commit" "From ${from:0:9} to ${to:0:9}" \
	"$(digest --to "$to" | head -n 1)"

check_run "an unknown commit: one line" 1 "" \
"patchdeck: no commit 'feedface' in the archive $arch; give a commit of its history ('git -C $arch log --oneline' lists them)" -- \
	digest --from feedface --to "$to"
check_run "--to before --from: one line" 1 "" \
"patchdeck: commit ${from:0:12} does not come after ${to:0:12} in the archive $arch; give the older commit first" -- \
	digest --from "$to" --to "$from"
check_run "--archive with a QUERY: usage" 2 "" \
"patchdeck digest: --archive reads the archive's range, not the store: give no QUERY with it" -- \
	digest --from "$from" tag:inbox
check_run "--archive of something that is no archive" 1 "" \
"patchdeck: the archive $PD_TMP/md is not a git repository nor a directory of public-inbox epochs (0.git, 1.git, ...); give the path of a 'git clone --mirror' of the list archive" -- \
	"$PATCHDECK" digest --archive "$PD_TMP/md"

tap_done
