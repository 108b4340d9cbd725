#!/bin/bash
# Issue 7's table: patchdeck with its series cache against notmuch on the
# same store, cold and warm, and the reader's first screen; not part of
# make check.
#
# usage: bench/scale.sh [BUILD_DIR] [RUNS] [SIZES]
#
# Stores: the real corpus (../shared/corpus, prepared once by
# tests/corpus/real-corpus) and generated lists of SIZES messages (default
# "10000 100000"; tests/corpus/gen-list builds each once into
# $PD_CORPUS_CACHE, minutes for 100,000). For each store and query '*':
#
#   notmuch    notmuch search --output=threads '*'
#   list       patchdeck list '*' with the series cache (the default)
#   no cache   patchdeck --no-cache list '*' (every mail file parsed)
#   first      the reader's first screen in a pseudo-terminal
#              (bench/reader.py: start to the status bar drawn; its
#              query is the threads holding a patch)
#
# "fill" is the first run with no cache file (it parses every mail and
# writes the file); "cold" evicts the store (database, mail) and the cache
# file from the page cache first (posix_fadvise, no privileges, the rest of
# the machine untouched); "warm" is the best of RUNS (default 3) right
# after. MB is the peak resident set (/usr/bin/time). The cache file lives
# in a scratch XDG_CACHE_HOME, removed at the end. Numbers from a loaded
# machine mean little: the load average is printed with the table.
#
# Then the keys of the reader on each store (bench/reader.py: median, p95
# and the slowest answer, while the store loads and after), `patchdeck
# mbox` against `b4 am` (bench/mbox.sh) and `patchdeck apply` against
# `git am` (bench/apply.sh) on the same series, each with its ratio.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
runs=${2:-3}
sizes=${3-10000 100000}
patchdeck=$build/src/patchdeck
[ -x "$patchdeck" ] || { echo "bench: no $patchdeck; build first or name the build directory" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found; install the Debian package time" >&2; exit 1; }
store_cache=${PD_CORPUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patchdeck}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/xdg PD_CORPUS_CACHE=$store_cache

. "$srcdir/bench/lib.sh"

# first CONFIG: the reader's first screen in seconds (one key, then quit).
first() {
	python3 "$srcdir/bench/reader.py" "$patchdeck" "$1" 1 2>&1 |
		sed -n 's/^first screen: \([0-9.]*\) ms$/\1/p' | python3 -c 'import sys; print(float(sys.stdin.read() or "nan") / 1000)'
}

row() { # STORE MODE NM_T NM_KB PD_T PD_KB NC_T FIRST
	python3 -c '
import sys
store, mode, nt, nk, pt, pk, ct, ft = sys.argv[1:]
nt, pt, ct, ft = float(nt), float(pt), float(ct), float(ft)
print("%-14s %-5s %9.3f %9.3f %6.2fx %9.3f %8.3f %7.1f %7.1f" % (store, mode, nt, pt,
      pt / nt if nt else 0, ct, ft, int(nk) / 1024, int(pk) / 1024))' "$@"
}

bench_store() { # NAME CONFIG DIR...
	local name=$1 config=$2
	shift 2
	local nm=(notmuch --config="$config" search --output=threads '*')
	local pd=("$patchdeck" --notmuch-config "$config" list '*')
	local nc=("$patchdeck" --no-cache --notmuch-config "$config" list '*')
	rm -rf "$XDG_CACHE_HOME"
	# fill: no cache file yet, the store cold.
	evict "$@"
	read -r nt nk < <(run "${nm[@]}")
	evict "$@"
	read -r pt pk < <(run "${pd[@]}")
	evict "$@"
	read -r ct _ < <(run "${nc[@]}")
	rm -rf "$XDG_CACHE_HOME"
	evict "$@"
	ft=$(first "$config")
	row "$name" fill "$nt" "$nk" "$pt" "$pk" "$ct" "$ft"
	# The cache file for '*' and for the reader's own query (the threads
	# holding a patch: what list without a query reads).
	run "${pd[@]}" >/dev/null
	run "$patchdeck" --notmuch-config "$config" list >/dev/null
	# cold: the cache file written, everything evicted.
	evict "$@" "$XDG_CACHE_HOME"
	read -r nt nk < <(run "${nm[@]}")
	evict "$@" "$XDG_CACHE_HOME"
	read -r pt pk < <(run "${pd[@]}")
	evict "$@" "$XDG_CACHE_HOME"
	read -r ct _ < <(run "${nc[@]}")
	evict "$@" "$XDG_CACHE_HOME"
	ft=$(first "$config")
	row "$name" cold "$nt" "$nk" "$pt" "$pk" "$ct" "$ft"
	# warm.
	read -r nt nk < <(best "${nm[@]}")
	read -r pt pk < <(best "${pd[@]}")
	read -r ct _ < <(best "${nc[@]}")
	local f bf=999
	for _ in $(seq "$runs"); do
		f=$(first "$config")
		bf=$(python3 -c "print(min($bf, $f))")
	done
	row "$name" warm "$nt" "$nk" "$pt" "$pk" "$ct" "$bf"
	echo "  $(notmuch --config="$config" count '*') messages, $(wc -l <"$tmp/out") series," \
		"cache file $(du -m "$XDG_CACHE_HOME"/patchdeck/index-* | cut -f1 | head -n 1) MB" >&2
}

echo "load: $(uptime | sed 's/.*load average/load average/')"
printf '%-14s %-5s %9s %9s %7s %9s %8s %7s %7s\n' store run "notmuch s" "list s" ratio \
	"nocache s" "first s" "nm MB" "list MB"

if corpus=$("$srcdir/tests/corpus/real-corpus" --quiet 2>"$tmp/rc.err"); then
	bench_store real-corpus "$corpus/notmuch-config" "$corpus/db" "$corpus/linux-modules"
else
	echo "bench: skipping the real corpus: $(tail -n 1 "$tmp/rc.err")" >&2
fi

configs=()
[ -n "${corpus:-}" ] && configs+=("real-corpus $corpus/notmuch-config")
for size in $sizes; do
	gen=$store_cache/bench-$size
	mkdir -p "$store_cache"
	[ -f "$gen/notmuch-config" ] || echo "bench: generating $size messages into $gen (minutes)..." >&2
	python3 "$srcdir/tests/corpus/gen-list" --quiet --size "$size" "$gen"
	bench_store "generated-$size" "$gen/notmuch-config" "$gen/db" "$gen/mail"
	configs+=("generated-$size $gen/notmuch-config")
done

# Keys in the reader (bench/reader.py, 120x30, a key every 100 ms: j,
# PgDn, Enter, q, Tab over and over), while the store loads and once it
# is read (after 12 s), with the cache file of the runs above.
echo
printf '%-16s %-8s %5s %9s %9s %9s\n' store keys n "median ms" "p95 ms" "max ms"
for c in "${configs[@]}"; do
	name=${c%% *} config=${c#* }
	for wait in 0 12; do
		python3 "$srcdir/bench/reader.py" "$patchdeck" "$config" 60 "$wait" j,PgDn,Enter,q,Tab 2>&1 |
			sed -n 's/^keys: \([0-9]*\), median \([0-9.]*\) ms, p95 \([0-9.]*\) ms, max \([0-9.]*\) ms.*/\1 \2 \3 \4/p' |
			while read -r n med p95 max; do
				printf '%-16s %-8s %5s %9s %9s %9s\n' "$name" "$([ "$wait" = 0 ] && echo loading || echo loaded)" \
					"$n" "$med" "$p95" "$max"
			done
	done
done

# The series against the tools a maintainer would use instead.
echo
"$srcdir/bench/mbox.sh" "$build" "$runs"
echo
"$srcdir/bench/apply.sh" "$build" "$runs"
echo "load: $(uptime | sed 's/.*load average/load average/')"
