#!/bin/bash
# apply sets the review state `applied` (issue 6: "set by apply") on the
# revision's cover and patches once the branch holds the commits, and
# only then: a dry run, --no-tag, a conflict and an incomplete series tag
# nothing. notmuch itself is asked what is tagged. A database held by
# another writer is waited for with a message, then tagged. On a private
# copy of the demo list and a clone of its tree.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"

T=$PD_TMP
# The demo's mail indexed again, the database inside the mail root as
# most users have it.
cp -r "$PD_DEMO/mail" "$T/mail" || { echo "Bail out! cannot copy the demo list"; exit 1; }
conf=$T/notmuch-config
printf '[database]\npath=%s\n[new]\ntags=unread;inbox;\n' "$T/mail" >"$conf"
NOTMUCH_CONFIG=$conf notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
export NOTMUCH_CONFIG=$conf HOME=$T/home XDG_CONFIG_HOME=$T/home/.config
mkdir -p "$XDG_CONFIG_HOME"
git clone -q "$PD_DEMO/tree" "$T/tree" && git -C "$T/tree" config user.name "Max Maintainer" &&
	git -C "$T/tree" config user.email max@example.org ||
	{ echo "Bail out! cannot clone the demo tree"; exit 1; }

case_ids() { # CASE: the case's own Message-IDs (the patches and cover), sorted
	awk -v c="$1:" '$1 == c { on = 1; next } /^[^ ]/ { on = 0 }
		on && /^  </ && $2 ~ /^\[PATCH/ { gsub(/[<>]/, "", $1); print $1 }' \
		"$PD_DEMO/CASES" | sort
}
tagged() { # TAG: the Message-IDs notmuch finds with it, sorted
	notmuch search --output=messages "tag:$1" | sed 's/^id://' | sort
}
pd() { "$PATCHDECK" --tree "$T/tree" "$@"; }
clean=$(case_ids clean | head -1)
conflict=$(case_ids conflict | head -1)
missing=$(case_ids missing | head -1)
deep=$(case_ids deep-thread | head -1)

pd apply --dry-run "$clean" >/dev/null
check_eq "apply --dry-run: nothing tagged" "" "$(tagged pd/applied)"
pd apply --no-tag --branch no-tag "$clean" >/dev/null
check_eq "apply --no-tag: the branch made, nothing tagged" \
	"$(git -C "$T/tree" rev-parse --verify -q no-tag >/dev/null && echo made)" "made"
check_eq "apply --no-tag: nothing tagged" "" "$(tagged pd/applied)"

check_run "apply of a conflict on HEAD fails" 1 "" \
	"$(pd apply --base head --dry-run "$conflict" 2>&1 >/dev/null)" -- \
	pd apply --base head "$conflict"
check_run "apply of an incomplete series fails" 1 "" \
	"$(pd apply --dry-run "$missing" 2>&1 >/dev/null)" -- pd apply "$missing"
check_eq "failed applies: nothing tagged" "" "$(tagged pd/applied)"

# A state set before (reviewing) is replaced, as patchdeck tag replaces it.
pd tag "$clean" reviewing >/dev/null
out=$(pd apply --branch applied-1 "$clean" 2>"$T/err"); rc=$?
check_eq "apply: exit 0, the usual report, nothing on stderr" \
	"0
created branch applied-1: 2 commits on $(git -C "$T/tree" rev-parse --short master) (exact) $(git -C "$T/tree" log -1 --format=%s master)
$(git -C "$T/tree" log --oneline -2 applied-1)
" "$rc
$out
$(cat "$T/err")"
check_eq "notmuch search tag:pd/applied: the cover and both patches, nothing else" \
	"$(case_ids clean)" "$(tagged pd/applied)"
check_eq "pd/reviewing taken off" "" "$(tagged pd/reviewing)"
check_eq "patchdeck list --state shows it applied" "applied" \
	"$(pd list --state | grep -F 'kernel/watchdog_lite: configurable threshold' | awk '{ print $(NF - 3) }')"

mkdir -p "$XDG_CONFIG_HOME/patchdeck"
echo 'set tag-prefix review/' >"$XDG_CONFIG_HOME/patchdeck/config"
pd apply --branch applied-2 "$deep" >/dev/null
check_eq "tag-prefix from the config: review/applied" "$(case_ids deep-thread)" \
	"$(tagged review/applied)"
rm "$XDG_CONFIG_HOME/patchdeck/config"

# Another writer holds the database: apply makes the branch, says it
# waits, and tags once the writer is done.
pd_hold_db "db-hold holds the write lock" "$conf"
pd apply --branch applied-3 "$deep" >"$T/wait.out" 2>"$T/wait.err" &
pdpid=$!
pd_wait_nonempty "$T/wait.err"
pd_release_db
wait "$pdpid"
rc=$?
check_eq "locked: the branch made, told, then tagged" \
	"0
created branch applied-3
patchdeck: the notmuch database is locked by another writer (notmuch new?); waiting up to 30 s to tag the series applied" \
	"$rc
$(head -1 "$T/wait.out" | cut -d: -f1)
$(cat "$T/wait.err")"
check_eq "and notmuch sees pd/applied on the second series too" \
	"$( (case_ids clean; case_ids deep-thread) | sort)" "$(tagged pd/applied)"
tap_done
