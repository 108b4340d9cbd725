#!/bin/bash
# Times `patchdeck import` of the real public-inbox archive
# (../shared/corpus/linux-modules.git.bundle, 10,569 messages, mirrored
# with git clone --mirror) into an empty maildir and notmuch database,
# against `notmuch new` on the same messages already extracted to a
# maildir (the extraction not timed); not part of make check.
#
# usage: bench/import.sh [BUILD_DIR] [RUNS] [SHARED_DIR]
#
# Both start without mail in the database (import's made by `notmuch new`
# on the empty maildir, notmuch new's made by that run itself), with the
# same config (new.tags unread;inbox, no maildir flag
# sync), and run alternately RUNS times (default 3) so that a busy machine
# weighs on both alike; the page cache is dropped (posix_fadvise) for the
# archive and the extracted maildir before each run. Medians are reported,
# and import's time divided by notmuch new's (the target is <= 1.2).
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
runs=${2:-3}
shared=${3:-$srcdir/../shared}
patchdeck=$build/src/patchdeck
bundle=$shared/corpus/linux-modules.git.bundle
[ -x "$patchdeck" ] || { echo "bench: no $patchdeck; build first or name the build directory" >&2; exit 1; }
[ -r "$bundle" ] || { echo "bench: no $bundle; give the shared directory as the third argument" >&2; exit 1; }
. "$srcdir/bench/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME=$tmp/state

git clone -q --mirror "$bundle" "$tmp/archive.git"
# The messages as files, the way the corpus's unpack script writes them.
mkdir -p "$tmp/extracted/cur" "$tmp/extracted/new" "$tmp/extracted/tmp"
git -C "$tmp/archive.git" log --reverse --no-renames --raw --no-abbrev --format='C %H' HEAD |
	awk '$1 == "C" { c = $2 } /^:/ && $6 == "m" && ($5 == "A" || $5 == "M") { print $4, c }' |
	python3 -c '
import subprocess, sys
git, out = sys.argv[1], sys.argv[2]
rows = [l.split() for l in sys.stdin]
cat = subprocess.Popen(["git", "-C", git, "cat-file", "--batch"], stdin=subprocess.PIPE,
                       stdout=subprocess.PIPE)
for blob, commit in rows:
    cat.stdin.write((blob + "\n").encode()); cat.stdin.flush()
    size = int(cat.stdout.readline().split()[2])
    with open("%s/cur/%s:2," % (out, commit), "wb") as f:
        f.write(cat.stdout.read(size))
    cat.stdout.read(1)
cat.stdin.close(); cat.wait()' "$tmp/archive.git" "$tmp/extracted"
n=$(ls "$tmp/extracted/cur" | wc -l)

# fresh NAME MAILDIR: no database yet for MAILDIR, its config NAME.conf.
fresh() {
	rm -rf "$tmp/$1.db" "$tmp/state"
	mkdir -p "$tmp/$1.db"
	printf '[database]\npath=%s\nmail_root=%s\n[new]\ntags=unread;inbox\n[maildir]\nsynchronize_flags=false\n' \
		"$tmp/$1.db" "$2" >"$tmp/$1.conf"
}

for i in $(seq "$runs"); do
	rm -rf "$tmp/imported" && mkdir -p "$tmp/imported/cur" "$tmp/imported/new" "$tmp/imported/tmp"
	fresh imp "$tmp/imported"
	# import needs a database: made on the empty maildir, not timed.
	notmuch --config="$tmp/imp.conf" new --quiet
	evict "$tmp/archive.git"
	t0=$(now)
	"$patchdeck" --notmuch-config "$tmp/imp.conf" import "$tmp/archive.git" "$tmp/imported" >/dev/null
	t1=$(now)
	echo "$t1 - $t0" | bc >>"$tmp/t.import"
	got=$(notmuch --config="$tmp/imp.conf" count --output=files '*')
	[ "$got" = "$n" ] || { echo "bench: import indexed $got files, not $n" >&2; exit 1; }

	fresh nm "$tmp/extracted"
	evict "$tmp/extracted"
	t0=$(now)
	notmuch --config="$tmp/nm.conf" new --quiet
	t1=$(now)
	echo "$t1 - $t0" | bc >>"$tmp/t.new"
	got=$(notmuch --config="$tmp/nm.conf" count --output=files '*')
	[ "$got" = "$n" ] || { echo "bench: notmuch new indexed $got files, not $n" >&2; exit 1; }
	printf 'run %d: import %.1f s, notmuch new %.1f s\n' "$i" "$(tail -n 1 "$tmp/t.import")" \
		"$(tail -n 1 "$tmp/t.new")"
done
imp=$(median <"$tmp/t.import")
new=$(median <"$tmp/t.new")
printf '%d messages, median of %d runs: patchdeck import %.1f s (archive -> maildir + index), notmuch new %.1f s (extracted maildir -> index), ratio %.2f\n' \
	"$n" "$runs" "$imp" "$new" "$(echo "$imp / $new" | bc -l)"
