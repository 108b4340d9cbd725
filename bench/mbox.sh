#!/bin/bash
# Times `patchdeck mbox` against `b4 am` (the kernel's own tool, offline,
# from an mbox of the thread) for the same series; not part of make check.
#
# usage: bench/mbox.sh [BUILD_DIR] [RUNS]
#
# Series: the demo's `forty` cut to 20 patches (bench/lib.sh demo_twenty,
# the series bench/apply.sh uses), the whole `forty`, and, when the real
# corpus is there, its complete series nearest 20 patches. b4 reads the thread
# as `notmuch show --format=mbox` exports it (headers unfolded: b4 0.12 on
# Python 3.11 stops on a folded Subject), with a private HOME, no network
# and attestation off, and writes its .mbx; patchdeck reads the same
# thread from notmuch and writes its mbox. Each runs RUNS times (default
# 5): the median wall time, the largest peak resident set
# (/usr/bin/time), and b4's time divided by patchdeck's.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
runs=${2:-5}
patchdeck=$build/src/patchdeck
demo=$build/tests/.work/demo
[ -x "$patchdeck" ] || { echo "bench: no $patchdeck; build first or name the build directory" >&2; exit 1; }
command -v b4 >/dev/null || { echo "bench: b4 not found; install the Debian package b4" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found; install the Debian package time" >&2; exit 1; }
make -s -C "$build" tests/.work/demo/.complete >/dev/null ||
	{ echo "bench: cannot build the demo list in $build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$srcdir/bench/lib.sh"

# b4 offline, as tests/cli/b4-compare.sh runs it.
export HOME=$tmp/home GIT_CONFIG_NOSYSTEM=1 http_proxy=http://127.0.0.1:9 \
	https_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
mkdir -p "$HOME"
git config --global user.name Bench
git config --global user.email bench@example.org
git config --global b4.attestation-policy off
git config --global b4.midmask "http://127.0.0.1:9/%s"

# timed NAME CMD...: appends "SECONDS KB" of one run to $tmp/NAME.t (the
# time to the nanosecond from date, /usr/bin/time's is in 10 ms steps).
timed() {
	local name=$1 t0 t1
	shift
	t0=$(now)
	/usr/bin/time -f '%M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
		{ echo "bench: '$*' failed: $(tail -n 1 "$tmp/err")" >&2; exit 1; }
	t1=$(now)
	echo "$(echo "$t1 - $t0" | bc) $(cat "$tmp/time")" >>"$tmp/$name.t"
}

bench() { # NAME CONFIG ID
	local name=$1 conf=$2 id=$3 n
	notmuch --config="$conf" show --format=mbox --entire-thread=true "id:$id" |
		python3 -c 'import re, sys
# Unfold header lines (RFC 5322 2.2.3), nothing else.
out, head = [], False
for line in sys.stdin.buffer.read().split(b"\n"):
    if line.startswith(b"From "):
        head = True
    elif head and line == b"":
        head = False
    elif head and line[:1] in (b" ", b"\t") and out:
        out[-1] += b" " + line.lstrip()
        continue
    out.append(line)
sys.stdout.buffer.write(b"\n".join(out))' >"$tmp/thread.mbox"
	rm -f "$tmp/b4.t" "$tmp/pd.t"
	for _ in $(seq "$runs"); do
		rm -rf "$tmp/b4out" && mkdir "$tmp/b4out"
		timed b4 b4 -q am -m "$tmp/thread.mbox" -o "$tmp/b4out" -n series "$id"
		timed pd "$patchdeck" --notmuch-config "$conf" mbox -o "$tmp/pd.mbox" "$id"
	done
	n=$(grep -c '^From ' "$tmp/pd.mbox")
	[ "$n" = "$(grep -c '^From ' "$tmp/b4out/series.mbx")" ] ||
		{ echo "bench: $name: b4 and patchdeck wrote different numbers of patches" >&2; exit 1; }
	local bt pt bk pk
	bt=$(cut -d' ' -f1 "$tmp/b4.t" | median)
	pt=$(cut -d' ' -f1 "$tmp/pd.t" | median)
	bk=$(cut -d' ' -f2 "$tmp/b4.t" | sort -n | tail -n 1)
	pk=$(cut -d' ' -f2 "$tmp/pd.t" | sort -n | tail -n 1)
	printf '%-28s %2d patches  b4 am %7.1f ms %5.1f MB  patchdeck mbox %6.1f ms %5.1f MB  (%4.1fx)\n' \
		"$name" "$n" "$(echo "$bt * 1000" | bc)" "$(echo "$bk / 1024" | bc -l)" \
		"$(echo "$pt * 1000" | bc)" "$(echo "$pk / 1024" | bc -l)" "$(echo "$bt / $pt" | bc -l)"
}

forty=$(demo_twenty "$demo" "$tmp/m20")
bench "demo forty, first 20" "$tmp/m20.conf" "$forty"
bench "demo forty" "$demo/notmuch-config" "$forty"
if corpus=$("$srcdir/tests/corpus/real-corpus" --quiet 2>/dev/null); then
	id=$("$patchdeck" --notmuch-config "$corpus/notmuch-config" list --json | python3 -c '
import json, sys
s = [r for r in json.load(sys.stdin) if r["complete"] and r["kind"] != "pull"]
print(min(s, key=lambda r: (abs(r["total"] - 20), r["id"]))["id"])')
	bench "real corpus, nearest to 20" "$corpus/notmuch-config" "$id"
else
	echo "real corpus: skipped, no ../shared/corpus"
fi
