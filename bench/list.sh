#!/bin/bash
# Times `patchdeck list` against `notmuch search --output=threads '*'` on
# the same store, and measures peak memory; not part of make check.
#
# usage: bench/list.sh [BUILD_DIR] [RUNS]
#
# Stores: the real corpus (../shared/corpus, prepared once by
# tests/corpus/real-corpus) and a generated list of about 10,000 messages
# (tests/corpus/gen-list --size 10000, kept in the same cache). "cold" first
# evicts the store's files (database and mail) from the page cache with
# posix_fadvise, which needs no privileges and leaves the rest of the
# machine alone; "warm" is the best of RUNS runs (default 3) right after.
# Peak memory is the maximum resident set size from /usr/bin/time.
#
# Each store also gets the step-by-step load the reader does (warm, slices
# of 30 ms): when the first result is there and the longest slice; see
# bench/first-screen.sh for the details and the 100,000-message store.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
runs=${2:-3}
patchdeck=$build/src/patchdeck
[ -x "$patchdeck" ] || { echo "bench: no $patchdeck; build first or name the build directory" >&2; exit 1; }
make -s -C "$build" tests/unit/load-dump >/dev/null ||
	{ echo "bench: cannot build tests/unit/load-dump in $build" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found; install the Debian package time" >&2; exit 1; }
cache=${PD_CORPUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patchdeck}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$srcdir/bench/lib.sh"

row() { # STORE MODE NM_T NM_KB PD_T PD_KB
	python3 -c '
import sys
store, mode, nt, nk, pt, pk = sys.argv[1:]
nt, pt = float(nt), float(pt)
print("%-14s %-5s %9.2f %9.2f %6.2fx %9.1f %9.1f" % (store, mode, nt, pt,
      pt / nt if nt else 0, int(nk) / 1024, int(pk) / 1024))' "$@"
}

bench_store() { # NAME CONFIG DIR...
	local name=$1 config=$2
	shift 2
	local nm=(notmuch --config="$config" search --output=threads '*')
	local pd=("$patchdeck" --notmuch-config "$config" list)
	evict "$@"
	read -r nt nk < <(run "${nm[@]}")
	evict "$@"
	read -r pt pk < <(run "${pd[@]}")
	row "$name" cold "$nt" "$nk" "$pt" "$pk"
	read -r nt nk < <(best "${nm[@]}")
	read -r pt pk < <(best "${pd[@]}")
	row "$name" warm "$nt" "$nk" "$pt" "$pk"
	echo "  $(notmuch --config="$config" count '*') messages, $(wc -l <"$tmp/out") series listed" >&2
	# load-dump --time prints the first result, the slices and when all
	# was read and shown, one line each.
	"$build/tests/unit/load-dump" --time=30 "$config" 2>/dev/null |
		sed -n 's/^first result /  step by step: first result /p
			s/^\([0-9]* slices of 30 ms: \)/  \1/p
			s/^all read at /  all read at /p' >&2
}

printf '%-14s %-5s %9s %9s %7s %9s %9s\n' store run "notmuch s" "list s" ratio \
	"nm MB" "list MB"

if corpus=$("$srcdir/tests/corpus/real-corpus" --quiet 2>"$tmp/rc.err"); then
	bench_store real-corpus "$corpus/notmuch-config" "$corpus/db" "$corpus/linux-modules"
else
	echo "bench: skipping the real corpus: $(tail -n 1 "$tmp/rc.err")" >&2
fi

gen=$cache/bench-10000
mkdir -p "$cache"
python3 "$srcdir/tests/corpus/gen-list" --quiet --size 10000 "$gen"
bench_store generated-10k "$gen/notmuch-config" "$gen/db" "$gen/mail"
