#!/bin/bash
# The git tree removed, then rewritten (HEAD moved to an older commit on a
# new branch, the old branch deleted, unreachable commits pruned), while
# the reader is open on a series with tree checks (tmux), issue 8. The
# keys that use the tree (b, L, a and its y, the check when the series
# opens again) each end in one line naming the tree and the fix; nothing
# is created where the tree was, and the rewritten tree's work tree and
# branches are left as they were.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config
T=$PD_TMP
CLEAN=$(awk '$1 == "clean:" { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
	"$PD_DEMO/CASES")
clone() {
	rm -rf "$T/tree"
	git clone -q "$PD_DEMO/tree" "$T/tree" && git -C "$T/tree" config user.name "Max Maintainer" &&
		git -C "$T/tree" config user.email max@example.org
}
clone || { echo "Bail out! cannot clone the demo tree"; exit 1; }

tmux_start 220 40
start() {
	rm -f "$T/err"
	tm send-keys "clear; '$PATCHDECK' --tree '$T/tree' id:$CLEAN 2>'$T/err'; echo \"exit=\$?\"" Enter
	wait_for "(1 series)" 300 >/dev/null
	tm send-keys Enter
	wait_for "On HEAD:" 300 >/dev/null
}
last() { row 40 | sed 's/ *$//'; }
after() { # KEYS TEXT: sends KEYS, waits for TEXT, prints the last line
	tm send-keys "$@"
	wait_for "$gone" 300 >/dev/null
	last
}
to_hunk() { # from the series view to the first hunk of patch 1/2
	tm send-keys / '^  1/2' Enter Enter
	wait_for " patch: 1/2" 300 >/dev/null
	tm send-keys / '^@@' Enter
}
ended() { # NAME STATUS
	wait_for "exit=" 300 >/dev/null
	check_eq "$1: exit status" "exit=$2" "$(screen | grep '^exit=')"
	check_eq "$1: nothing on standard error" "" "$(cat "$T/err")"
}
gone="the git tree $T/tree is gone (removed while patchdeck ran): put it back, or start patchdeck again naming where it is now"

# ---------------------------------------------------------------- removed
start
to_hunk
rm -rf "$T/tree"
check_eq "tree removed, b on a hunk: the tree named, and the fix" "$gone" "$(after b)"
tm send-keys j
wait_for " patch: 1/2" >/dev/null
check_eq "tree removed, L: likewise" "$gone" "$(after L)"
tm send-keys q
wait_for " series: " 300 >/dev/null
check_eq "tree removed, a in the series view: likewise" "$gone" "$(after a)"
tm send-keys q
wait_for " list: " 300 >/dev/null
tm send-keys Enter
wait_for " series: " 300 >/dev/null
check_eq "tree removed, the series opened again: its Tree: line says so" \
	"Tree:       $gone" "$(wait_for "$gone" 300; screen | grep '^Tree:' | sed 's/ *$//')"
check_eq "nothing created where the tree was" "no tree" "$([ -e "$T/tree" ] && ls -A "$T/tree" || echo no tree)"
tm send-keys Q
ended "Q with the tree removed" 0

# The tree goes while a's question is open: y applies nothing, creates
# nothing there.
clone
start
tm send-keys a
wait_for "Apply? (y/n)" 300 >/dev/null
rm -rf "$T/tree"
check_eq "tree removed while a asks, y: the tree named, and the fix" "$gone" "$(after y)"
check_eq "nothing created where the tree was" "no tree" "$([ -e "$T/tree" ] && ls -A "$T/tree" || echo no tree)"
tm send-keys Q
ended "Q after y with the tree removed" 0

# ---------------------------------------------------------------- rewritten
clone
start
title() { screen | grep '^ tree: ' | sed 's/^ //; s/  .*//'; }
to_hunk
tm send-keys b
wait_for " tree: " 900 >/dev/null
at_base=$(title)
tm send-keys q q
wait_for " series: " 300 >/dev/null
git -C "$T/tree" checkout -q -b other master~3 && git -C "$T/tree" branch -q -D master &&
	git -C "$T/tree" reflog expire --expire=now --all && git -C "$T/tree" gc -q --prune=now
before=$(git -C "$T/tree" for-each-ref --format='%(refname) %(objectname)'; git -C "$T/tree" status --porcelain)
tm send-keys q
wait_for " list: " 300 >/dev/null
tm send-keys Enter
wait_for " series: " 300 >/dev/null
head_line="On HEAD:    $(git -C "$T/tree" rev-parse --short other) (other) $(git -C "$T/tree" log -1 --format=%s other): "
check_eq "tree rewritten, the series opened again: On HEAD: the new HEAD, by git" "$head_line" \
	"$(wait_for "(other)" 300; screen | grep '^On HEAD:' | cut -c1-${#head_line})"
to_hunk
tm send-keys b
wait_for " tree: " 900 >/dev/null
# The base is found again in the new history (the same file, where
# HEAD is now): a commit git has on the new branch.
now=$(title)
[ -n "$now" ] || now=$(screen)
sha=${now##* at }
sha=${sha%% *}
check_eq "tree rewritten, b: the file at a commit of the new branch's history" \
	"${at_base% * *} yes" \
	"${now% * *} $(git -C "$T/tree" merge-base --is-ancestor "$sha" other 2>/dev/null && echo yes || screen)"
tm send-keys Q
ended "Q with the tree rewritten" 0
check_eq "the rewritten tree's branches and work tree as they were" "$before" \
	"$(git -C "$T/tree" for-each-ref --format='%(refname) %(objectname)'; git -C "$T/tree" status --porcelain)"
tap_done
