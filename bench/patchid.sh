#!/bin/bash
# The already-merged check on a big history (issue 5): a generated,
# deterministic 20,000-commit history (tests/cli/patchid-history.py into
# git fast-import), its patch-id cache built cold, then the check of every
# patch of every series of the demo list against it with the cache warm;
# `git log -p | git patch-id --stable` over the same history for scale.
# Not part of make check.
#
# usage: bench/patchid.sh [BUILD_DIR] [COMMITS] [RUNS]
#
# bench/patchid-time.c (compiled here against BUILD_DIR's library) does
# the timing in process, the mail loaded first and not timed: history
# load = the revision walk, the cache read and every patch-id it lacks
# computed (cold) or none (warm: the snapshot of HEAD's history read, no
# walk; HEAD moved: walked, nothing computed); find = every patch looked
# up. Warm runs
# RUNS times (default 5), the median reported.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
commits=${2:-20000}
runs=${3:-5}
demo=$build/tests/.work/demo
[ -f "$build/src/libpatchdeck.a" ] || { echo "bench: no $build/src/libpatchdeck.a; build first or name the build directory" >&2; exit 1; }
make -s -C "$build" tests/.work/demo/.complete >/dev/null ||
	{ echo "bench: cannot build the demo list in $build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$srcdir/bench/lib.sh"

# The library's flags as the build uses them.
flag() { printf 'pd-print-flag:\n\t@echo $(%s)\n' "$1" | make -s -C "$build" -f Makefile -f - pd-print-flag | tail -n 1; }
# shellcheck disable=SC2046
${CC:-cc} -O2 -I"$build" -I"$srcdir/src" $(flag PD_DEP_CFLAGS) -o "$tmp/patchid-time" \
	"$srcdir/bench/patchid-time.c" "$build/src/libpatchdeck.a" $(flag PD_DEP_LIBS) ||
	{ echo "bench: cannot build bench/patchid-time.c" >&2; exit 1; }

t0=$(date +%s.%N)
git init -q -b master "$tmp/tree"
python3 "$srcdir/tests/cli/patchid-history.py" "$commits" | git -C "$tmp/tree" fast-import --quiet
git -C "$tmp/tree" checkout -q master
gen=$(echo "$(date +%s.%N) - $t0" | bc)

conf=$demo/notmuch-config
cold=$("$tmp/patchid-time" "$conf" "$tmp/tree" "$tmp/cache")
: >"$tmp/load.t"
: >"$tmp/find.t"
for _ in $(seq "$runs"); do
	read -r n computed load find patches found < <("$tmp/patchid-time" "$conf" "$tmp/tree" "$tmp/cache")
	[ "$computed" = 0 ] || { echo "bench: the warm run computed $computed patch-ids" >&2; exit 1; }
	echo "$load" >>"$tmp/load.t"
	echo "$find" >>"$tmp/find.t"
done
# HEAD moved on (the snapshot of HEAD's history gone): the patch-ids
# cached, the history walked again.
: >"$tmp/walk.t"
for _ in $(seq "$runs"); do
	rm -f "$tmp/cache"/snap-*
	read -r n computed load find patches found < <("$tmp/patchid-time" "$conf" "$tmp/tree" "$tmp/cache")
	echo "$load $find" >>"$tmp/walk.t"
done
t0=$(date +%s.%N)
git -C "$tmp/tree" log -p --no-renames | git patch-id --stable >/dev/null
git_s=$(echo "$(date +%s.%N) - $t0" | bc)

read -r n computed load find patches found <<<"$cold"
wload=$(median <"$tmp/load.t")
wfind=$(median <"$tmp/find.t")
printf 'history: %s commits (fast-import %.1f s), cache and snapshot %s\n' "$n" "$gen" \
	"$(du -ch "$tmp/cache"/* | tail -n 1 | cut -f1)"
printf '%-34s %10s %10s %12s\n' "" "history" "find" "total"
printf '%-34s %8.1f ms %8.1f ms %10.1f ms\n' "cold: $computed patch-ids computed" "$load" "$find" \
	"$(echo "$load + $find" | bc)"
printf '%-34s %8.1f ms %8.1f ms %10.1f ms\n' "warm: cached (median of $runs)" "$wload" "$wfind" \
	"$(echo "$wload + $wfind" | bc)"
wwalk=$(cut -d' ' -f1 "$tmp/walk.t" | median)
wwfind=$(cut -d' ' -f2 "$tmp/walk.t" | median)
printf '%-34s %8.1f ms %8.1f ms %10.1f ms\n' "warm, HEAD moved: cache, walked" "$wwalk" "$wwfind" \
	"$(echo "$wwalk + $wwfind" | bc)"
printf '%-34s %11s %10s %10.1f ms\n' "git log -p | git patch-id --stable" "" "" \
	"$(echo "$git_s * 1000" | bc)"
printf 'demo list: %s patches of every revision looked up, %s found in the history\n' "$patches" "$found"
