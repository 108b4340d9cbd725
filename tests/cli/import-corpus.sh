#!/bin/bash
# patchdeck import on the real public-inbox archive (../shared/corpus,
# linux-modules.git.bundle mirrored with git clone --mirror): an import
# killed by SIGKILL a few hundred messages in, then run again, leaves all
# 10,569 messages in new/ once each, every file byte-identical to its
# commit's blob, notmuch holding them all; a rerun imports nothing. Then
# digest --archive over a commit range says what the date digest says of a
# store holding exactly that range.
. "$top_srcdir/tests/lib.sh"
[ -n "$PD_CORPUS" ] || tap_skip_all "no real corpus: $(realpath -m "${PD_SHARED:-../shared}/corpus") is absent (put the project's shared/ beside the checkout or set PD_SHARED)"

export XDG_STATE_HOME="$PD_TMP/state"
# Under ASan every allocation libnotmuch and Xapian make while indexing
# 10,569 messages in our process would be unwound slowly (the CI's
# fast_unwind_on_malloc=0): the leak check stays, with shorter stacks.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=1:malloc_context_size=8"
arch="$PD_TMP/linux-modules.git"
git clone -q --mirror "$PD_CORPUS/linux-modules.git.bundle" "$arch" ||
	{ echo "Bail out! git clone --mirror of the bundle failed"; exit 1; }
md="$PD_TMP/mail"
mkdir -p "$md/cur" "$md/new" "$md/tmp"
conf="$PD_TMP/nm.conf"
printf '[database]\npath=%s\n[new]\ntags=unread;inbox\n[maildir]\nsynchronize_flags=false\n' "$md" >"$conf"
notmuch --config="$conf" new --quiet
pd() { "$PATCHDECK" --notmuch-config "$conf" "$@"; }

# What git says the archive adds: "BLOB NAME" per message, oldest first
# (NAME is the file import gives it: TIME.COMMIT.pi).
git -C "$arch" log --reverse --no-renames --raw --no-abbrev --format='C %H %ct' HEAD |
	awk '$1 == "C" { c = $2; t = $3 }
	     /^:/ && $6 == "m" && ($5 == "A" || $5 == "M") { print $4, t "." c ".pi" }' >"$PD_TMP/want"
total=$(wc -l <"$PD_TMP/want")
check_eq "git log counts the archive's 10,569 messages" 10569 "$total"

PATCHDECK_TEST_IMPORT_BATCH=100 PATCHDECK_TEST_IMPORT_KILL_AFTER=250 \
	pd import "$arch" "$md" >/dev/null 2>&1
rc=$?
check_eq "the first import dies by SIGKILL after 250 messages, 200 committed" "137 250 200" \
	"$rc $(ls "$md/new" | wc -l) $(notmuch --config="$conf" count --output=files '*')"
out=$(pd import "$arch" "$md" 2>"$PD_TMP/err")
check_eq "the next run imports the other $((total - 200)) and says so" \
	"patchdeck import: $((total - 200)) messages imported, 0 already there, 0 removed in the archive; $arch is imported through commit $(git -C "$arch" rev-parse --short=12 HEAD)
stderr:" "$out
stderr:$(cat "$PD_TMP/err")"
check_eq "new/ holds exactly the archive's messages, named for their commits" \
	"$(cut -d' ' -f2 "$PD_TMP/want" | sort)" "$(ls "$md/new")"
(cd "$md/new" && cut -d' ' -f2 "$PD_TMP/want" | git hash-object --stdin-paths) >"$PD_TMP/got"
check_eq "every file is byte-identical to its blob (git hash-object of all $total)" \
	"$(cut -d' ' -f1 "$PD_TMP/want")" "$(cat "$PD_TMP/got")"
check_eq "notmuch: every file indexed, 10,565 distinct Message-IDs, all tagged inbox" \
	"$total 10565 10565" \
	"$(notmuch --config="$conf" count --output=files '*') $(notmuch --config="$conf" count '*') $(notmuch --config="$conf" count tag:inbox)"
check_run "a rerun imports nothing" 0 \
	"patchdeck import: 0 messages imported, 0 already there, 0 removed in the archive; $arch is imported through commit $(git -C "$arch" rev-parse --short=12 HEAD)" "" -- \
	pd import "$arch" "$md"

# digest --archive of 200 commits against the date digest of a store that
# holds exactly those messages (imported with --since/--to): the same
# digest below the two heading lines, which name the commits.
md2="$PD_TMP/range"
mkdir -p "$md2/cur" "$md2/new" "$md2/tmp"
printf '[database]\npath=%s\n' "$md2" >"$PD_TMP/range.conf"
notmuch --config="$PD_TMP/range.conf" new --quiet
from=$(git -C "$arch" rev-parse HEAD~300)
to=$(git -C "$arch" rev-parse HEAD~100)
"$PATCHDECK" --notmuch-config "$PD_TMP/range.conf" import --since "$from" --to "$to" "$arch" "$md2" \
	>/dev/null
"$PATCHDECK" --notmuch-config "$PD_TMP/range.conf" digest --list linux-modules >"$PD_TMP/by-date"
"$PATCHDECK" digest --list linux-modules --archive "$arch" --from "$from" --to "$to" \
	>"$PD_TMP/by-commit"
check_eq "digest --archive: the heading names the commits, 9 hex digits" \
	"From ${from:0:9} to ${to:0:9}
linux-modules mailing list update from ${from:0:9} to ${to:0:9}" "$(head -n 2 "$PD_TMP/by-commit")"
check_eq "digest --archive: the rest is the date digest of exactly that range ($(grep -c '^New:  ' "$PD_TMP/by-commit") entries)" \
	"$(tail -n +3 "$PD_TMP/by-date")" "$(tail -n +3 "$PD_TMP/by-commit")"

tap_done
