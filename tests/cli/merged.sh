#!/bin/bash
# merged SERIES: which patches the tree already has, checked against git
# itself: `git patch-id --stable` of each patch of the mbox against that of
# every commit of `git log -p --no-renames`, on the demo list and on real
# kmod series; the subject-and-author fallback against git log; the
# patch-id cache on disk.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
T=$PD_TMP

# expected TREE ID: what git says for each patch of ID, one line each:
# `N/M COMMIT12 patch-id` when a commit has its patch-id, else `N/M ? -`.
expected() {
	local tree=$1 id=$2 root
	root=$(git -C "$tree" rev-list --max-parents=0 HEAD)
	git -C "$tree" log -p --no-renames --format='commit %H' HEAD --not $root |
		git patch-id --stable >"$T/history"
	"$PATCHDECK" mbox "$id" 2>/dev/null | git patch-id --stable | cut -d' ' -f1 |
		while read -r pid; do
			c=$(awk -v p="$pid" '$1 == p { print substr($2, 1, 12); exit }' "$T/history")
			if [ -n "$c" ]; then echo "$c patch-id"; else echo "? -"; fi
		done
}

# compare TREE ID: "" when merged agrees with git, else the difference.
compare() {
	local tree=$1 id=$2 got want
	got=$("$PATCHDECK" --tree "$tree" merged "$id") || { echo "$id: merged failed"; return; }
	want=$(expected "$tree" "$id")
	# Rows git finds no patch-id for may be found by subject and author:
	# check those against git log instead.
	paste -d'|' <(cut -d' ' -f2,3 <<<"$got") <(printf '%s\n' "$want") <(printf '%s\n' "$got") |
		while IFS='|' read -r g w line; do
			[ "$g" = "$w" ] && continue
			if [ "$w" = "? -" ] && [ "${g#* }" = "-" ]; then
				continue
			fi
			if [ "$w" = "? -" ] && [ "${g#* }" = subject ]; then
				c=${g%% *} title=${line#* * * }
				[ "$(git -C "$tree" log -1 --format=%s "$c")" = "$title" ] && continue
			fi
			# Known gap, counted apart: a patch git matches by patch-id
			# that libgit2's patch-id of the mail misses, still found
			# through its subject in the same commit.
			if [ "$g" = "${w% *} subject" ] && [ -n "${gap_file:-}" ]; then
				echo "$id $line" >>"$gap_file"
				continue
			fi
			echo "$id: patchdeck '$line', git '$w'"
		done
}

# ---------------------------------------------------------------- demo
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config
git clone -q "$PD_DEMO/tree" "$T/tree"
ids=$("$PATCHDECK" list --json --all-revisions | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s["kind"] != "pull":
        print(s["id"])')
bad="" n=0
for id in $ids; do
	bad+=$(compare "$T/tree" "$id")
	n=$((n + 1))
done
check_eq "demo: merged agrees with git patch-id --stable on every series" "" "$bad"
id=$(awk '$1 == "merged:" { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' "$PD_DEMO/CASES")
check_eq "demo: the merged case is found, commit by commit" \
	"$(git -C "$T/tree" log --reverse --format='%h' -2 "$(git -C "$T/tree" log --format=%H -1 --grep='pp_lite_destroy')")" \
	"$("$PATCHDECK" --tree "$T/tree" merged "$id" | cut -d' ' -f2,3 | sed 's/^\(.\{7\}\)[0-9a-f]* patch-id$/\1/')"

cache=$XDG_CACHE_HOME/patchdeck/patchid/$(git -C "$T/tree" rev-list --max-parents=0 HEAD)
check_eq "cache: one line per commit, a merge or the root as '-' (nothing to compute next time)" \
	"$(git -C "$T/tree" rev-list --count HEAD) $(git -C "$T/tree" rev-list --min-parents=1 --max-parents=1 --count HEAD)" \
	"$(wc -l <"$cache") $(grep -c -v ' -$' "$cache")"
sum=$(md5sum <"$cache")
out=$("$PATCHDECK" --tree "$T/tree" merged "$id")
check_eq "cache: a second run reads it and adds nothing" "$sum" "$(md5sum <"$cache")"
c2=$(sed -n '2s/^[^ ]* \([0-9a-f]*\) .*/\1/p' <<<"$out")
snap=$XDG_CACHE_HOME/patchdeck/patchid/snap-$(git -C "$T/tree" rev-parse HEAD)
check_eq "snapshot of HEAD's history: the root, then a line per commit with a single parent" \
	"$(git -C "$T/tree" rev-list --max-parents=0 HEAD) $(git -C "$T/tree" rev-list --min-parents=1 --max-parents=1 --count HEAD)" \
	"$(head -n 1 "$snap") $(($(wc -l <"$snap") - 1))"
sed -i "s/^\($c2[0-9a-f]*\) [0-9a-f]*\t/\1 0000000000000000000000000000000000000000\t/" "$snap"
check_eq "snapshot: it is what a warm start reads, no walk (a wrong patch-id there leaves only the subject)" \
	"$c2 subject" "$("$PATCHDECK" --tree "$T/tree" merged "$id" | sed -n 2p | cut -d' ' -f2,3)"
rm "$snap"
sed -i "s/^\($c2[0-9a-f]*\) .*/\1 0000000000000000000000000000000000000000/" "$cache"
check_eq "cache: without the snapshot (HEAD moved) it is what is used (a wrong patch-id there leaves only the subject)" \
	"$c2 subject" "$("$PATCHDECK" --tree "$T/tree" merged "$id" | sed -n 2p | cut -d' ' -f2,3)"
rm "$cache" "$snap"

# ---------------------------------------------------------------- real corpus
if [ -z "$PD_CORPUS" ]; then
	tap_skip "kmod: merged agrees with git patch-id --stable" "no real corpus (../shared/corpus)"
	tap_done
	exit
fi
pd_use_real_corpus
export NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config
git clone -q "$PD_CORPUS_DIR/kmod" "$T/kmod"
ids=$("$PATCHDECK" list --json 'subject:kmod' | python3 -c '
import json, sys
for s in json.load(sys.stdin)[:25]:
    if s["kind"] != "pull":
        print(s["id"])')
bad="" merged=0 gap_file=$T/gaps
: >"$gap_file"
for id in $ids; do
	bad+=$(compare "$T/kmod" "$id")
	merged=$((merged + $("$PATCHDECK" --tree "$T/kmod" merged "$id" | grep -c ' patch-id ')))
done
check_eq "kmod: merged agrees with git patch-id --stable on 25 real series (gaps apart)" "" "$bad"
check_eq "kmod: real merged patches found by patch-id (at least 20), at most 1 in 10 only by subject" \
	"1 1" "$((merged >= 20)) $(($(wc -l <"$gap_file") * 10 <= merged))"
sed 's/^/# known gap: /' "$gap_file"

tap_done
