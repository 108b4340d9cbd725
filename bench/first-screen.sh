#!/bin/bash
# Times step-by-step loading as the reader does it (ui/list_load.h: a
# first slice and its model, then slices of work between keys, the models
# built on a thread of their own): when the first result is there, and how
# long a slice keeps a key waiting (median, p95, worst). Not part of make
# check.
#
# usage: bench/first-screen.sh [BUILD_DIR] [SLICE_MS] [SIZE]
#
# Stores: the real corpus (../shared/corpus, prepared once by
# tests/corpus/real-corpus) and a generated list of SIZE messages (default
# 100000; tests/corpus/gen-list builds it once into the cache, which takes
# minutes for 100,000). Each store is run warm (after one untimed run) and
# cold (its files evicted from the page cache first, as bench/list.sh
# does). The program is tests/unit/load-dump --time, built here if needed.
#
# "first result" counts from the start of main (store opened, query run,
# one slice read, its model built): the reader's first screen is that plus
# drawing. A "slice" is one pd_list_load_work (reading, handing over a
# model built meanwhile, starting the next build), what a key pressed
# during loading waits for at most; "its model shown" is when the model
# over everything read is handed over.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
slice=${2:-15}
size=${3:-100000}
cache=${PD_CORPUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patchdeck}
[ -f "$build/Makefile" ] || { echo "bench: no $build/Makefile; configure first or name the build directory" >&2; exit 1; }
make -s -C "$build" tests/unit/load-dump >/dev/null
dump=$build/tests/unit/load-dump
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$srcdir/bench/lib.sh"

bench_store() { # NAME CONFIG DIR...
	local name=$1 config=$2
	shift 2
	echo "== $name ($(notmuch --config="$config" count '*') messages), slices of $slice ms"
	evict "$@"
	echo "-- cold"
	"$dump" --time="$slice" "$config" | sed 's/^/   /'
	echo "-- warm"
	"$dump" --time="$slice" "$config" >/dev/null
	"$dump" --time="$slice" "$config" | sed 's/^/   /'
}

if corpus=$("$srcdir/tests/corpus/real-corpus" --quiet 2>"$tmp/rc.err"); then
	bench_store real-corpus "$corpus/notmuch-config" "$corpus/db" "$corpus/linux-modules"
else
	echo "bench: skipping the real corpus: $(tail -n 1 "$tmp/rc.err")" >&2
fi

gen=$cache/bench-$size
mkdir -p "$cache"
[ -f "$gen/notmuch-config" ] || echo "bench: generating $size messages into $gen (minutes)..." >&2
python3 "$srcdir/tests/corpus/gen-list" --quiet --size "$size" "$gen"
bench_store "generated-$size" "$gen/notmuch-config" "$gen/db" "$gen/mail"
