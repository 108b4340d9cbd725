#!/bin/bash
# patchdeck diff on the demo list's multi-revision series, against git
# itself: branches made by `git am` of each revision's mails, then
# git range-diff (ids dropped) and git diff on the touched files.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/diff-lib.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config
export GIT_COMMITTER_NAME=Max GIT_COMMITTER_EMAIL=max@example.org
cd "$PD_TMP" || exit 1
git clone -q "$PD_DEMO/tree" tree || { echo "Bail out! cannot clone the demo tree"; exit 1; }

id_of() { # CASE N: the Message-ID of the CASE's Nth mail in CASES
	awk -v c="$1:" -v n="$2" '$1 == c { on = 1; next } on && /^  </ && --n == 0 {
		gsub(/[<>]/, "", $1); print $1; exit }' "$PD_DEMO/CASES"
}

pairs=$(rd_pairs)
check_eq "the demo has three revision pairs: ring sizes v1->v2->v3, skb_pool v1->v2" \
	"$(id_of revisions-v1 1) $(id_of revisions-v2 1)
$(id_of revisions-v2 1) $(id_of revisions-v3 1)
$(id_of target-prefix-v1 1) $(id_of target-prefix 1)" "$(sort <<<"$pairs")"

while read -r old new; do
	b1=$(rd_branch tree "$old" old) && b2=$(rd_branch tree "$new" new) || {
		tap_not_ok "$old -> $new: git am of both revisions"
		continue
	}
	check_eq "$new: the range-diff is git range-diff's, pairs and inner diffs" \
		"$(rd_git_range_diff tree "$b1" old "$b2" new)" "$(rd_patchdeck_range_diff "$old" "$new")"
	check_eq "$new: the interdiff is git diff of the branches on the touched files" \
		"$(rd_git_interdiff tree "$b1" old "$b2" new)" \
		"$("$PATCHDECK" --tree tree diff --interdiff "$old" "$new")"
done <<<"$pairs"

# NEW alone compares with the previous revision, summary and changelog first.
v2=$(id_of revisions-v2 1) v3=$(id_of revisions-v3 1)
check_eq "NEW alone: the revision before it, the same output" \
	"$("$PATCHDECK" diff "$v2" "$v3")" "$("$PATCHDECK" diff "$v3")"
check_eq "the summary line counts the states" \
	"v2 <$v2> -> v3 <$v3>: 0 unchanged, 3 changed, 0 new, 0 dropped" \
	"$("$PATCHDECK" diff "$v3" | head -n 1)"
check_eq "the v3 cover's changelog, as the cover letter has it" \
	"$(notmuch show --format=raw "id:$v3" | sed -n '/^Changes in v3:/,/^- document/p' | sed 's/^/    /; s/^    $//')" \
	"$("$PATCHDECK" diff "$v3" | sed -n '/^Changelog (cover letter of v3):$/,/^1:  /p' | sed '1d;$d' | sed '$d')"

v1=$(id_of revisions-v1 1)
check_run "the first revision has nothing before it" 1 "" \
	"patchdeck: <$v1> is the first revision of its series (v1): there is nothing before it; give OLD NEW to compare it with another" \
	-- "$PATCHDECK" diff "$v1"
check_run "the same revision twice" 1 "" \
	"patchdeck: <$v1> and <$(id_of revisions-v1 2)> are the same revision <$v1>: give two revisions" \
	-- "$PATCHDECK" diff "$v1" "$(id_of revisions-v1 2)"
check_run "an unknown Message-ID" 1 "" \
	"patchdeck: no message <nope@example.org> in the notmuch database; 'patchdeck list' shows the series and their ids" \
	-- "$PATCHDECK" diff nope@example.org
check_run "no argument" 2 "" \
	"patchdeck diff: give the revision to compare; usage: patchdeck diff [--interdiff] [OLD] NEW (Message-IDs of two revisions; NEW alone: against the one before it)" \
	-- "$PATCHDECK" diff
# Any two revisions, even of two series: the conflict series against clean.
c=$(id_of conflict 1) k=$(id_of clean 1)
check_eq "two unrelated series: every patch dropped or new" \
	"2 0" "$("$PATCHDECK" diff "$c" "$k" | grep -c '^ *-:  > ') $("$PATCHDECK" diff "$c" "$k" | grep -c '^ *[0-9]*:  [=!] ')"
tap_done
