#!/bin/bash
# patchdeck import ARCHIVE MAILDIR on a public-inbox-shaped archive made
# here with plain git (one commit per message, the message as the file m,
# one removal, one commit that carries no message): every message lands
# once in new/, byte for byte the archive's blob, indexed by notmuch with
# the configured new tags; a rerun imports nothing; a later run only the
# new commits; --since/--to ranges; an import killed by SIGKILL halfway
# finishes on the next run without a duplicate; a lost state file or a
# message moved to cur/ is found, not copied again; a directory of epochs
# is read in order; every error is one line.
. "$top_srcdir/tests/lib.sh"

export XDG_STATE_HOME="$PD_TMP/state"
arch="$PD_TMP/arch"
git init -q "$arch"
gitc() { git -C "$arch" -c user.name=pi -c user.email=pi@example.org "$@"; }
n=0
# add SUBJECT [MSGID]: a commit whose m is a new message.
add() {
	n=$((n + 1))
	printf 'From: Ada Lovelace <ada@example.org>\nTo: list@example.org\nSubject: %s\nDate: Mon, 01 Jan 2024 10:%02d:00 +0000\nMessage-ID: <%s>\n\nbody %d\n' \
		"$1" "$n" "${2:-m$n@example.org}" "$n" >"$arch/m"
	gitc add m && GIT_COMMITTER_DATE="@$((1704103200 + n * 60)) +0000" gitc commit -q -m "$1"
}
add "[PATCH 0/2] engine: cover"
add "[PATCH 1/2] engine: one"
add "[PATCH 2/2] engine: two"
add "Re: [PATCH 1/2] engine: one"
c_m4=$(git -C "$arch" rev-parse HEAD)
gitc rm -q m && GIT_COMMITTER_DATE="@1704200000 +0000" gitc commit -q -m "removal"
gitc commit -q --allow-empty -m "no message"
add "[PATCH] loom: single"
add "[PATCH] loom: single (resent, same Message-ID)" "m5@example.org"
c_removal=$(git -C "$arch" rev-parse HEAD~3)

# store NAME: a maildir and notmuch config (database in the maildir).
store() {
	mkdir -p "$PD_TMP/$1/cur" "$PD_TMP/$1/new" "$PD_TMP/$1/tmp"
	printf '[database]\npath=%s\n[new]\ntags=unread;inbox\n[maildir]\nsynchronize_flags=false\n' \
		"$PD_TMP/$1" >"$PD_TMP/$1.conf"
	notmuch --config="$PD_TMP/$1.conf" new --quiet
}
imp() { # STORE ARGS...: patchdeck import into STORE
	local s=$1
	shift
	"$PATCHDECK" --notmuch-config "$PD_TMP/$s.conf" import "$@"
}
# adds [REV]: the commits of the archive that add a message (through REV),
# as the file names import gives them, oldest first; not m4's, which the
# archive removes again (every range that holds it holds its removal).
adds() {
	git -C "$arch" log --reverse --format='%H %ct' "${1:-HEAD}" | while read -r c t; do
		git -C "$arch" cat-file -e "$c:m" 2>/dev/null && [ "$c" != "$c_m4" ] || continue
		[ "$(git -C "$arch" rev-parse "$c:m")" != "$(git -C "$arch" rev-parse "$c~1:m" 2>/dev/null)" ] ||
			continue
		echo "$t.$c.pi"
	done
}
# same STORE: every file of new/ byte-identical to its commit's m ("ok"),
# else the first one that is not.
same() {
	local f c
	for f in $(ls "$PD_TMP/$1/new"); do
		c=${f#*.}
		c=${c%.pi}
		git -C "$arch" show "$c:m" | cmp -s - "$PD_TMP/$1/new/$f" || { echo "differs: $f"; return; }
	done
	echo ok
}
short() { git -C "$arch" rev-parse --short=12 "$1"; }
summary() { # ADDED PRESENT REMOVED ARCHIVE THROUGH
	echo "patchdeck import: $1 message$([ "$1" = 1 ] || echo s) imported, $2 already there, $3 removed in the archive; $4 is imported through commit $(short "$5")"
}
removal="removed in the archive, not imported: <m4@example.org> (commit $(short "$c_removal"))"

store a
check_run "first import: 5 messages, the removal reported, the summary" 0 \
"$removal
$(summary 5 0 1 "$arch" HEAD)" "" -- imp a "$arch" "$PD_TMP/a"
check_eq "new/ holds one file per commit adding a message, named for it" \
	"$(adds)" "$(ls "$PD_TMP/a/new")"
check_eq "every file is byte-identical to its commit's m" ok "$(same a)"
check_eq "tmp/ and cur/ are left empty" "" "$(find "$PD_TMP/a/tmp" "$PD_TMP/a/cur" -type f)"
check_eq "notmuch indexed all: 4 messages (one Message-ID twice), 5 files, new tags" \
	"4 5 4" "$(notmuch --config="$PD_TMP/a.conf" count '*') $(notmuch --config="$PD_TMP/a.conf" count --output=files '*') $(notmuch --config="$PD_TMP/a.conf" count tag:inbox and tag:unread)"
check_eq "the message the archive removes again is not imported at all" \
	"0" "$(notmuch --config="$PD_TMP/a.conf" count id:m4@example.org)"
state=$(ls "$XDG_STATE_HOME"/patchdeck/import/arch-*)

check_eq "the state file names the archive, the maildir and the last commit" \
"# patchdeck import: the last commit imported from an archive
archive $arch
maildir $PD_TMP/a
epoch .
commit $(git -C "$arch" rev-parse HEAD)" "$(cat "$state")"

check_run "a rerun imports nothing" 0 "$(summary 0 0 0 "$arch" HEAD)" "" -- \
	imp a "$arch" "$PD_TMP/a"
add "[PATCH v2 0/1] engine: again"
add "[PATCH v2 1/1] engine: one"
check_run "a later run imports exactly the two new commits" 0 "$(summary 2 0 0 "$arch" HEAD)" "" -- \
	imp a "$arch" "$PD_TMP/a"
check_eq "new/ has them too, byte-identical" "$(adds) ok" "$(ls "$PD_TMP/a/new") $(same a)"

# The state is lost: everything is found, nothing delivered twice; a file
# a reader moved to cur/ (with flags) is found by its Message-ID.
first=$(adds | head -n 1)
mv "$PD_TMP/a/new/$first" "$PD_TMP/a/cur/$first:2,S"
notmuch --config="$PD_TMP/a.conf" new --quiet
rm "$state"
check_run "state lost: every message already there, none delivered" 0 \
"$removal
$(summary 0 7 1 "$arch" HEAD)" "" -- imp a "$arch" "$PD_TMP/a"
check_eq "no file came back to new/" "$(adds | tail -n +2)" "$(ls "$PD_TMP/a/new")"

# Ranges: --to stops early, the next run goes on from there; --since
# starts after a commit.
store b
check_run "--to HEAD~7: the first three messages" 0 "$(summary 3 0 0 "$arch" HEAD~7)" "" -- \
	imp b --to HEAD~7 "$arch" "$PD_TMP/b"
check_eq "... exactly those files" "$(adds HEAD~7)" "$(ls "$PD_TMP/b/new")"
check_run "the next run: the rest (not m4, removed again)" 0 "$removal
$(summary 4 0 1 "$arch" HEAD)" "" -- imp b "$arch" "$PD_TMP/b"
check_eq "... all of them, once, byte-identical" "$(adds) ok" "$(ls "$PD_TMP/b/new") $(same b)"
store c
check_run "--since HEAD~2: the two after it" 0 "$(summary 2 0 0 "$arch" HEAD)" "" -- \
	imp c --since HEAD~2 "$arch" "$PD_TMP/c"
check_eq "... exactly those files" "$(adds | tail -n 2)" "$(ls "$PD_TMP/c/new")"

# Killed midway (SIGKILL after the 5th message, transactions of 2 commits):
# three batches were committed and remembered (through the 4th message),
# the 5th file delivered, its index lost. The next run finishes without a
# duplicate.
store d
PATCHDECK_TEST_IMPORT_BATCH=2 PATCHDECK_TEST_IMPORT_KILL_AFTER=5 \
	imp d "$arch" "$PD_TMP/d" >"$PD_TMP/killed.out" 2>&1
rc=$?
check_eq "the import was killed: status 137, 5 files, 4 indexed" "137 5 4" \
	"$rc $(ls "$PD_TMP/d/new" | wc -l) $(notmuch --config="$PD_TMP/d.conf" count --output=files '*')"
check_eq "the state is the 4th message's commit" "commit $(adds | sed -n 4p | cut -d. -f2)" \
	"$(grep -lx "maildir $PD_TMP/d" "$XDG_STATE_HOME"/patchdeck/import/* | xargs grep '^commit')"
check_run "the next run finishes: the 5th indexed, 2 more" 0 "$(summary 3 0 0 "$arch" HEAD)" "" -- \
	imp d "$arch" "$PD_TMP/d"
check_eq "every message once, byte-identical; the index complete" "$(adds) ok 7 6" \
	"$(ls "$PD_TMP/d/new") $(same d) $(notmuch --config="$PD_TMP/d.conf" count --output=files '*') $(notmuch --config="$PD_TMP/d.conf" count '*')"

# Errors: one line each.
mkdir -p "$PD_TMP/plain" "$PD_TMP/notmd"
check_run "an archive that is no git repository" 1 "" \
"patchdeck: the archive $PD_TMP/plain is not a git repository nor a directory of public-inbox epochs (0.git, 1.git, ...); give the path of a 'git clone --mirror' of the list archive" -- \
	imp a "$PD_TMP/plain" "$PD_TMP/a"
check_run "an archive that does not exist" 1 "" \
"patchdeck: the archive $PD_TMP/nowhere is not a directory; give the path of a public-inbox git mirror ('git clone --mirror URL/0 0.git')" -- \
	imp a "$PD_TMP/nowhere" "$PD_TMP/a"
check_run "a MAILDIR that is no maildir" 1 "" \
"patchdeck: $PD_TMP/notmd is not a maildir (it has no cur/ directory); create it with 'mkdir -p $PD_TMP/notmd/cur $PD_TMP/notmd/new $PD_TMP/notmd/tmp'" -- \
	imp a "$arch" "$PD_TMP/notmd"
check_run "an unknown --since commit" 1 "" \
"patchdeck: no commit 'deadbeef' in the archive $arch; give a commit of its history ('git -C $arch log --oneline' lists them)" -- \
	imp a --since deadbeef "$arch" "$PD_TMP/a"
check_run "--to before --since" 1 "" \
"patchdeck: commit $(short HEAD~3) does not come after $(short HEAD~1) in the archive $arch; give the older commit first" -- \
	imp a --since HEAD~1 --to HEAD~3 "$arch" "$PD_TMP/a"
mkdir -p "$PD_TMP/outside/cur" "$PD_TMP/outside/new" "$PD_TMP/outside/tmp"
check_run "a maildir outside the notmuch mail root" 1 "" \
"patchdeck: the maildir $PD_TMP/outside is outside the notmuch mail root $PD_TMP/a; give a maildir under it (or the notmuch config of its database with --notmuch-config)" -- \
	imp a "$arch" "$PD_TMP/outside"
check_run "one argument: usage" 2 "" \
"patchdeck import: give the ARCHIVE (a public-inbox git mirror) and the MAILDIR to import into; try 'patchdeck --help'" -- \
	imp a "$arch"
check_run "--since without a value: usage" 2 "" \
"patchdeck import: --since needs a COMMIT; try 'patchdeck --help'" -- imp a --since
echo "archive $arch" >"$state"
check_run "a damaged state file" 1 "" \
"patchdeck: the import state $state is damaged (no 'epoch' and 'commit' line); remove it and import again with --since COMMIT" -- \
	imp a "$arch" "$PD_TMP/a"
printf 'epoch .\ncommit %040d\n' 0 >"$state"
check_run "a state commit the archive no longer has" 1 "" \
"patchdeck: the last commit imported, 000000000000 (epoch .), is no longer in the archive $arch (history rewritten?); say where to go on with --since COMMIT" -- \
	imp a "$arch" "$PD_TMP/a"
check_run "--wait that is not whole seconds: usage" 2 "" \
"patchdeck import: --wait takes whole seconds (0 to 86400); try 'patchdeck --help'" -- \
	imp a --wait soon "$arch" "$PD_TMP/a"

# Another writer holds the database (notmuch new running): the import
# says so and waits, gives up after --wait with nothing imported, and
# goes ahead once the lock is let go.
store g
pd_hold_db "db-hold holds the write lock of g's database" "$PD_TMP/g.conf"
check_run "locked, --wait 1: told, then nothing imported" 1 "" \
"patchdeck: the notmuch database is locked by another writer (notmuch new?); waiting up to 1 s for it
patchdeck: the notmuch database $PD_TMP/g is still locked by another writer (notmuch new?) after 1 s: run the import again when it is done (it goes on where this one stopped)" -- \
	imp g --wait 1 "$arch" "$PD_TMP/g"
check_eq "... new/ is empty" "" "$(ls "$PD_TMP/g/new")"
imp g "$arch" "$PD_TMP/g" >"$PD_TMP/g.out" 2>"$PD_TMP/g.err" &
pdpid=$!
pd_wait_nonempty "$PD_TMP/g.err"
pd_release_db
wait "$pdpid"
rc=$?
check_eq "the lock let go while waiting: told, then imported" \
"0
$removal
$(summary 7 0 1 "$arch" HEAD)
patchdeck: the notmuch database is locked by another writer (notmuch new?); waiting up to 30 s for it" \
	"$rc
$(cat "$PD_TMP/g.out" "$PD_TMP/g.err")"
check_eq "... every message there, byte-identical" ok "$(same g)"

as_other_user
if [ -n "$why_not" ] || [ "$(id -u)" -ne 0 ]; then
	tap_skip "a maildir that is not writable" "${why_not:-needs root to drop to nobody}"
else
	chmod a+rx "$PD_TMP" && chmod -R a+rX "$arch" "$PD_TMP/a" && chmod a+r "$PD_TMP/a.conf"
	check_run "a maildir that is not writable" 1 "" \
"patchdeck: the maildir $PD_TMP/a is not writable (new/: Permission denied); import as its owner or give this user write access" -- \
		"${as_other[@]}" env HOME=/nonexistent "$PATCHDECK" --notmuch-config "$PD_TMP/a.conf" import "$arch" "$PD_TMP/a"
fi

# A directory of epochs: 0.git then 1.git, in number order (10.git after 2.git).
ep="$PD_TMP/epochs"
mkdir -p "$ep"
git clone -q --mirror "$arch" "$ep/0.git"
git init -q --bare "$ep/1.git"
git -C "$arch" checkout -q --orphan next
add "[PATCH] epoch one: first"
git -C "$arch" push -q "$ep/1.git" next:master
git -C "$ep/1.git" symbolic-ref HEAD refs/heads/master
store e
check_run "epochs 0.git and 1.git: 8 messages in order" 0 "$removal
$(summary 8 0 1 "$ep" next)" "" -- imp e "$ep" "$PD_TMP/e"
check_eq "... the epoch 1 message is there, byte-identical" ok "$(same e)"

# On a terminal, a progress line on standard error ends at 100%; the
# summary and the removal still go to standard output.
store f
script -q -e -c "'$PATCHDECK' --notmuch-config '$PD_TMP/f.conf' import '$ep' '$PD_TMP/f' 2>&1 >'$PD_TMP/f.out'" \
	/dev/null >"$PD_TMP/tty" 2>&1
rc=$?
check_eq "on a terminal: the progress line ends at 10/10, 8 new; stdout as ever" \
"0
patchdeck import: 10/10 messages (100%), 8 new
$removal
$(summary 8 0 1 "$ep" next)" \
	"$rc
$(tr '\r' '\n' <"$PD_TMP/tty" | sed 's/\x1b\[K//g' | grep -a 'messages (' | tail -n 1)
$(cat "$PD_TMP/f.out")"

tap_done
