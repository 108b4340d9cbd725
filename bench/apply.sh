#!/bin/bash
# Times `patchdeck apply` of a series against `git am` of the mbox
# `patchdeck mbox` writes for it, on the same tree and base; not part of
# make check.
#
# usage: bench/apply.sh [BUILD_DIR] [RUNS]
#
# Series: the first 20 patches of the demo's 40-patch series `forty`
# (copied into a store of their own as a 20-patch series, subjects NN/20),
# and the whole `forty`, on a clone of the demo tree; and, when the real
# corpus is there, an 8-patch kmod series on a clone of the kmod tree.
# apply is timed from the command line (loading the mail from notmuch
# included) with a new branch each run, and pd_apply alone
# (tests/unit/apply-time: the series loaded once, then applied RUNS times);
# git am is timed alone on the mbox file, from a clean checkout of the base
# each run (the checkout not timed). Everything runs RUNS times (default
# 5); medians are reported, and git am's time divided by each.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
runs=${2:-5}
patchdeck=$build/src/patchdeck
demo=$build/tests/.work/demo
[ -x "$patchdeck" ] || { echo "bench: no $patchdeck; build first or name the build directory" >&2; exit 1; }
make -s -C "$build" tests/.work/demo/.complete tests/unit/apply-time >/dev/null ||
	{ echo "bench: cannot build the demo list in $build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org

. "$srcdir/bench/lib.sh"

# bench NAME CONFIG TREE SERIES: one result line.
bench() {
	local name=$1 conf=$2 tree=$3 id=$4 out n base t0 t1
	out=$("$patchdeck" --notmuch-config "$conf" apply --tree "$tree" --dry-run "$id")
	n=$(sed -n '1s/^would create branch [^:]*: \([0-9]*\) commit.*/\1/p' <<<"$out")
	base=$(sed -n '1s/.* on \([0-9a-f]*\) .*/\1/p' <<<"$out")
	"$patchdeck" --notmuch-config "$conf" mbox "$id" >"$tmp/series.mbox"
	base=$(git -C "$tree" rev-parse "$base")
	: >"$tmp/apply.t"
	: >"$tmp/am.t"
	for r in $(seq "$runs"); do
		t0=$(now)
		"$patchdeck" --notmuch-config "$conf" apply --no-tag --tree "$tree" --base "$base" \
			--branch "bench-${name//[^a-z0-9]/-}-$r" "$id" >/dev/null
		t1=$(now)
		echo "$t1 - $t0" | bc >>"$tmp/apply.t"

		git -C "$tree" checkout -q -f --detach "$base"
		t0=$(now)
		git -C "$tree" am -q "$tmp/series.mbox" >/dev/null
		t1=$(now)
		echo "$t1 - $t0" | bc >>"$tmp/am.t"
		[ "$(git -C "$tree" rev-parse 'HEAD^{tree}')" = \
		  "$(git -C "$tree" rev-parse "bench-${name//[^a-z0-9]/-}-$r^{tree}")" ] ||
			{ echo "bench: $name: git am and apply gave different trees" >&2; exit 1; }
	done
	local a m core
	a=$(median <"$tmp/apply.t")
	m=$(median <"$tmp/am.t")
	core=$("$build/tests/unit/apply-time" "$conf" "$tree" "$id" "$base" "$runs")
	printf '%-26s %2d patches  git am %6.1f ms  patchdeck apply %6.1f ms (%4.1fx)  pd_apply %5.1f ms (%4.1fx)\n' \
		"$name" "$n" "$(echo "$m * 1000" | bc)" "$(echo "$a * 1000" | bc)" "$(echo "$m / $a" | bc -l)" \
		"$core" "$(echo "$m * 1000 / $core" | bc -l)"
}

forty=$(demo_twenty "$demo" "$tmp/m20")
git clone -q "$demo/tree" "$tmp/demo-tree"
bench "demo forty, first 20" "$tmp/m20.conf" "$tmp/demo-tree" "$forty"
bench "demo forty" "$demo/notmuch-config" "$tmp/demo-tree" "$forty"

if corpus=$("$srcdir/tests/corpus/real-corpus" --quiet 2>/dev/null); then
	git clone -q "$corpus/kmod" "$tmp/kmod"
	bench "kmod depmod modules.modinfo" "$corpus/notmuch-config" "$tmp/kmod" \
		20220216075533.185693-1-lucas.demarchi@intel.com
else
	echo "kmod: skipped, no real corpus (../shared/corpus)"
fi
