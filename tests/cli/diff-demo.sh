#!/bin/bash
# patchdeck diff on the demo list's multi-revision series and, where it is
# beside us, on the real corpus, against git itself: branches made by
# `git am` of each revision's mails, then git range-diff (ids dropped) and
# git diff on the touched files. On the corpus every revision pair is also
# compared once without error (tests/unit/rangediff-all, one load).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/diff-lib.sh"
pd_try_real_corpus

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
	c=$(rd_carried tree "$b1" old "$b2" new "$old" "$new")
	check_eq "$new: trailers earned on patches git patch-id finds unchanged are carried" \
		"" "$(sed '$d' <<<"$c")"
	ncarried=$((${ncarried:-0} + $(tail -n 1 <<<"$c" | cut -d' ' -f2)))
done <<<"$pairs"
check_eq "some trailers are carried on the demo (ring sizes v2 -> v3)" 1 "$((ncarried > 0))"

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

# ---------------------------------------------------------------- corpus
if $have_corpus; then
	export NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config
	all=$("$(pd_tool rangediff-all)" "$NOTMUCH_CONFIG")
	check_eq "corpus: every revision pair compares without error" \
		"pairs $(rd_pairs | wc -l) errors 0" "$(tail -n 1 <<<"$all")"
	check_eq "corpus: more than 300 revision pairs" 1 "$(($(grep -c ' =' <<<"$all") > 300))"

	git clone -q "$PD_CORPUS_DIR/kmod" kmod || { echo "Bail out! cannot clone kmod"; exit 1; }
	declare -A made=()
	export RD_IDS=$PD_TMP/ids
	branch() { # ID: br="BASE NAME" of revision ID's branch, made once; fails without one
		if [ -z "${made[$1]+x}" ]; then
			local name="r${#made[@]}" base
			base=$(rd_branch kmod "$1" "$name") && made[$1]="$base $name" || made[$1]=""
		fi
		br=${made[$1]}
		[ -n "$br" ]
	}
	bad="" ibad="" refused="" compared=0 nsame=0
	while read -r old new; do
		branch "$old" && o=($br) && branch "$new" && n=($br) || continue
		compared=$((compared + 1))
		want=$(rd_git_range_diff kmod "${o[0]}" "${o[1]}" "${n[0]}" "${n[1]}")
		got=$(rd_patchdeck_range_diff "$old" "$new")
		[ "$(grep '^ *[0-9-]*:  [=!<>] ' <<<"$want")" = "$(grep '^ *[0-9-]*:  [=!<>] ' <<<"$got")" ] ||
			bad+="$old $new"$'\n'
		[ "$want" = "$got" ] && nsame=$((nsame + 1))
		want=$(rd_git_interdiff kmod "${o[0]}" "${o[1]}" "${n[0]}" "${n[1]}")
		if got=$("$PATCHDECK" --tree kmod diff --interdiff "$old" "$new" 2>"$PD_TMP/err"); then
			[ "$want" = "$got" ] || ibad+="$old $new"$'\n'
		else
			refused+="$(cat "$PD_TMP/err")"$'\n'
		fi
	done < <("$PATCHDECK" list --json --all-revisions \
		'subject:kmod or subject:libkmod or subject:depmod or subject:modprobe' | python3 -c '
import json, os, sys
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
revs = json.load(sys.stdin)
for s in revs:
    with open(os.path.join(d, s["id"]), "w") as f:
        f.write("".join(p["id"] + "\n" for p in s["patches"]))
for s in revs:
    if s.get("superseded_by"):
        print(s["id"], s["superseded_by"], flush=True)' "$RD_IDS")
	echo "# corpus: $compared kmod revision pairs git am builds both of, compared with git"
	check_eq "corpus: kmod revision pairs both git am-able, compared with git (at least 10)" \
		1 "$((compared >= 10))"
	check_eq "corpus: the pairing is git range-diff's on each of them" "" "$bad"
	check_eq "corpus: the whole range-diff text is git's on each of them" "$compared" "$nsame"
	check_eq "corpus: the interdiff is git diff's wherever patchdeck applies both" "" "$ibad"
	# libgit2's apply refuses some patches git am takes (issue 5's
	# territory): known, listed, not hidden.
	if [ -n "$refused" ]; then
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - corpus: interdiff where git am applies both # TODO libgit2 refuses: $(head -n 1 <<<"$refused")"
	else
		tap_ok "corpus: interdiff where git am applies both"
	fi
fi
tap_done
