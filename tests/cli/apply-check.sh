#!/bin/bash
# apply --check on the demo list and its tree ($PD_DEMO/tree): per patch,
# whether it applies on the series' base and on HEAD, computed in memory.
# git am of `patchdeck mbox` on the same commits is the judge of what
# applies; the check must leave refs, objects, index and work tree as they
# were.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config

first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}

T=$PD_TMP
cd "$T" || exit 1
git clone -q "$PD_DEMO/tree" tree || { echo "Bail out! cannot clone the demo tree"; exit 1; }
git -C tree config user.name "Max Maintainer" && git -C tree config user.email max@example.org

state() {
	git -C "$1" for-each-ref --format='%(refname) %(objectname)'
	git -C "$1" symbolic-ref -q HEAD || git -C "$1" rev-parse HEAD
	git -C "$1" status --porcelain=v1 --untracked-files=all
	git -C "$1" diff HEAD
	find "$1/.git/objects" -type f | sort
}

# am_stops_at ID REV: the patch number git am stops at on REV, or "none",
# in a clone of its own (git am writes objects; the tree must stay as it was).
am_stops_at() {
	rm -rf amtree && git clone -q "$PD_DEMO/tree" amtree &&
		git -C amtree checkout -q --detach "$2" && git -C amtree config user.name M &&
		git -C amtree config user.email m@example.org || return 1
	"$PATCHDECK" mbox "$1" 2>/dev/null > "$T/am.mbox"
	if git -C amtree am -q "$T/am.mbox" >/dev/null 2>&1; then
		echo none
	else
		git -C amtree am --show-current-patch=raw 2>/dev/null |
			sed -n 's/^Subject: \[PATCH.* \([0-9]*\)\/[0-9]*\].*/\1/p' | head -n 1
	fi
}

short() { git -C tree rev-parse --short "$1"; }
subj() { git -C tree log -1 --format=%s "$1"; }
master=$(git -C tree rev-parse master)
rc1=$(git -C tree log --format=%H --grep='^Linux 6.8-rc1$' -1)

s0=$(state tree)

# A series whose base-commit: is older than master: master added a line
# above patch 2's second hunk in demo_main.c, and git apply finds the hunk
# one line down (libgit2 alone would not).
id=$(first_id revisions-v3)
check_run "check: v3 applies on its base-commit and, a hunk moved by a line, on HEAD" 0 \
"on base $(short "$rc1") (base-commit) $(subj "$rc1"): applies
on HEAD $(short master) (master) $(subj master): applies
1/3 ok   ok   demo_eth: add a helper to validate ring sizes
2/3 ok   ok   demo_eth: support changing ring sizes with ethtool
3/3 ok   ok   Documentation: networking: demo-eth: describe ring sizes" "" -- \
	"$PATCHDECK" --tree tree apply --check "$id"
check_eq "check: git am agrees (applies on the base and on master)" "none none" \
	"$(am_stops_at "$id" "$rc1") $(am_stops_at "$id" master)"

id=$(first_id conflict)
check_run "check: the conflict series fails at its first patch on HEAD, exits 0 (its base is fine)" 0 \
"on base $(short "$rc1") (exact) $(subj "$rc1"): applies
on HEAD $(short master) (master) $(subj master): fails at patch 1/2: net/core/dev_stats.c hunk 1 (@@ -6,9 +6,9 @@): hunk at line 6 did not apply
1/2 ok   FAIL net: dev_stats: use u64 for the core counters
2/2 ok   -    net: dev_stats: take the lock with bottom halves disabled" "" -- \
	"$PATCHDECK" --tree tree apply --check "$id"
check_eq "check: git am agrees on the conflict series" "none 1" \
	"$(am_stops_at "$id" "$rc1") $(am_stops_at "$id" master)"

id=$(first_id clean)
check_run "check: the clean series applies on both (its base is HEAD)" 0 \
"on base $(short master) (exact) $(subj master): applies
on HEAD $(short master) (master) $(subj master): applies
1/2 ok   ok   kernel/watchdog_lite: turn the threshold into a variable
2/2 ok   ok   kernel/watchdog_lite: add the watchdog_thresh= boot parameter" "" -- \
	"$PATCHDECK" --tree tree apply --check "$id"

id=$(first_id mercurial)
check_run "check: no base found (hg patches have no index lines): HEAD decides" 0 \
"on base: none found
on HEAD $(short master) (master) $(subj master): applies
1/3 ?    ok   kernel/printk_ratelimit: return bool from printk_ratelimit_lite()
2/3 ?    ok   kernel/printk_ratelimit: suppress everything when the burst is zero
3/3 ?    ok   kernel/printk_ratelimit: raise the default burst to 20" "" -- \
	"$PATCHDECK" --tree tree apply --check "$id"

id=$(first_id missing)
out=$("$PATCHDECK" --tree tree apply --check "$id" 2>"$T/err"); rc=$?
check_eq "check: an incomplete series: the rows it has, exit 1, one line naming the gap" \
"1
1/5 ok   ok   lib/crc_lite: include linux/bitops.h
2/5 ok   ok   lib/crc_lite: use unsigned int for the CRC-16 bit counter
4/5 ok   ok   lib/crc_lite: add kernel-doc for crc16_lite()
5/5 FAIL FAIL lib/crc_lite: add kernel-doc for crc32_lite()
patchdeck: <$id> lacks patch 3 of 5: find the missing mail before applying it" \
	"$rc
$(sed 1,2d <<<"$out")
$(cat "$T/err")"

check_run "check: --check with --branch is refused in one line" 2 "" \
	"patchdeck apply: --check looks at the series' base and HEAD; it takes no --base, --branch or --checkout; try 'patchdeck --help'" -- \
	"$PATCHDECK" --tree tree apply --check --branch x "$(first_id clean)"

check_eq "check: refs, HEAD, index, work tree and object store as they were" "$s0" "$(state tree)"

# A dirty work tree is of no concern to a check: it reads commits only.
echo "local change" >> tree/README 2>/dev/null || echo "local change" > tree/LOCAL
s1=$(state tree)
"$PATCHDECK" --tree tree apply --check "$(first_id clean)" >/dev/null
check_eq "check: a dirty work tree is left exactly as it was" "$s1" "$(state tree)"

# apply builds what git am builds where a hunk moved.
id=$(first_id revisions-v3)
am_stops_at "$id" master >/dev/null
"$PATCHDECK" --tree tree apply --no-tag --base head --branch v3-on-head "$id" >/dev/null
check_eq "apply --base head: a moved hunk lands where git am puts it (same tree)" \
	"$(git -C amtree rev-parse 'HEAD^{tree}')" "$(git -C tree rev-parse 'v3-on-head^{tree}')"

tap_done
