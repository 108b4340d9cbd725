#!/bin/bash
# tests/corpus/gen-list is reproducible, idempotent, and careful with
# directories that are not its own.
. "$top_srcdir/tests/lib.sh"

GEN="$top_srcdir/tests/corpus/gen-list"
gen() { "${PYTHON3:-python3}" "$GEN" "$@"; }
now_ms() { date +%s%3N; }
# name, size, inode and mtime of every file under $1
snapshot() { (cd "$1" && find . -type f -printf '%p %s %i %T@\n' | sort); }

a="$PD_TMP/a" b="$PD_TMP/b"
t0=$(now_ms)
out_a=$(gen --size 400 "$a" 2>&1)
t1=$(now_ms)
out_b=$(gen --size 400 "$b" 2>&1)
n=$(find "$a/mail/cur" "$a/mail/new" -type f | wc -l)

check_eq "first run prints the summary line" \
	"$n messages in $a/mail; tree in $a/tree; notmuch config $a/notmuch-config" "$out_a"
check_eq "--size 400 makes about 400 messages" "yes" \
	"$([ "$n" -ge 400 ] && [ "$n" -le 420 ] && echo yes || echo "no: $n")"
check_eq "same maildir file names" "$(cd "$a/mail" && find . -type f | sort)" \
	"$(cd "$b/mail" && find . -type f | sort)"
check_eq "same maildir bytes" "" "$(diff -r "$a/mail" "$b/mail" 2>&1 | head -n 5)"
check_eq "same tree history (commit and tree ids)" \
	"$(git -C "$a/tree" log --format='%H %T' master)" "$(git -C "$b/tree" log --format='%H %T' master)"
check_eq "same CASES and notmuch config (but for the path)" "" \
	"$(diff "$a/CASES" "$b/CASES"; diff <(sed "s|$a|DIR|" "$a/notmuch-config") <(sed "s|$b|DIR|" "$b/notmuch-config"))"
check_eq ".complete holds the generator's sha256 and the size" "yes" \
	"$(grep -qE '^[0-9a-f]{64} 400$' "$a/.complete" && echo yes || cat "$a/.complete")"
check_eq "the index counts what the maildir holds" "$n" \
	"$(notmuch --config="$a/notmuch-config" count --output=files '*')"
check_eq "no temporary directories left beside the store" "a b home" \
	"$(ls "$PD_TMP" | tr '\n' ' ' | sed 's/ $//')"
# (tests/lib.sh's own patchdeck config, which keeps the reader from
# marking the shared demo list read, is all there may be.)
check_eq "the user's git and notmuch configuration were not touched" "patchdeck/config" \
	"$(cd "$HOME" && find . -mindepth 1 \( -type f -o -type l \) | sed 's|^\./\.config/||')"

before=$(snapshot "$a")
t2=$(now_ms)
out=$(gen --size 400 "$a" 2>&1)
t3=$(now_ms)
check_eq "second run without --force prints the same summary" "$out_a" "$out"
check_eq "second run rewrites nothing" "$before" "$(snapshot "$a")"
check_eq "second run is fast (under half the first run)" "yes" \
	"$([ $((t3 - t2)) -lt $(((t1 - t0) / 2)) ] && echo yes || echo "no: $((t3 - t2)) ms vs $((t1 - t0)) ms")"

ino=$(stat -c %i "$a/mail")
check_run "--force --quiet rebuilds silently" 0 "" "" -- gen --force --quiet --size 400 "$a"
check_eq "--force made a new store with the same bytes" "rebuilt|" \
	"$([ "$(stat -c %i "$a/mail")" != "$ino" ] && echo rebuilt)|$(diff -r "$a/mail" "$b/mail" 2>&1 | head -n 5)"
check_eq "--force gives the same tree" "$(git -C "$b/tree" rev-parse HEAD)" \
	"$(git -C "$a/tree" rev-parse HEAD)"

check_run "another size rebuilds" 0 "" "" -- gen --quiet "$a"
check_eq "default size: only the fixed cases" "yes" \
	"$(n0=$(find "$a/mail/cur" -type f | wc -l); [ "$n0" -lt "$n" ] && [ "$n0" -ge 140 ] && echo yes || echo "no: $n0")"

mkdir -p "$PD_TMP/mine" && echo precious > "$PD_TMP/mine/notes.txt"
check_run "refuses to replace a directory that is not a demo list" 1 "" \
	"gen-list: $PD_TMP/mine exists and is not a demo list; remove it or choose another DIR" -- \
	gen --quiet "$PD_TMP/mine"
check_eq "... and leaves it alone" "precious" "$(cat "$PD_TMP/mine/notes.txt")"

tap_done
