#!/bin/bash
# The disk fills while the series cache is written (issue 8): simulated
# with a file-size limit (ulimit -f, SIGXFSZ ignored, so writes past it
# fail with EFBIG as on a full disk). What is listed does not change, no
# half-written cache file is left or used, and the next run with room
# writes a whole one.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || tap_skip_all "no demo list at $PD_DEMO (make check builds it)"
conf=$PD_DEMO/notmuch-config
cache=$XDG_CACHE_HOME/patchdeck
want=$(PATCHDECK_CACHE=0 "$PATCHDECK" --notmuch-config "$conf" list --all-revisions)

full() { # CMD...: CMD with 16 KB of file size left
	(ulimit -f 16 && trap '' XFSZ && "$@")
}
check_run "disk full while the cache is written: the list as without a cache" 0 "$want" "" -- \
	full "$PATCHDECK" --notmuch-config "$conf" list --all-revisions
check_eq "no cache file and no temporary file left behind" "" \
	"$(ls -A "$cache" 2>/dev/null)"
printf 'dump\n' >"$PD_TMP/script"
check_eq "the reader, disk full: the same first screen as with room" \
	"$("$PATCHDECK" --notmuch-config "$conf" --no-cache --script "$PD_TMP/script" --screen 10x100 2>&1)" \
	"$(full "$PATCHDECK" --notmuch-config "$conf" --script "$PD_TMP/script" --screen 10x100 2>&1)"

check_run "then with room: the list again" 0 "$want" "" -- \
	"$PATCHDECK" --notmuch-config "$conf" list --all-revisions
check_eq "a whole cache file written" "1" "$(ls "$cache" | grep -c '^index-')"
check_run "and read back: the same list" 0 "$want" "" -- \
	"$PATCHDECK" --notmuch-config "$conf" list --all-revisions

# A cache cut short by a full disk in an earlier run is never used.
f=$(ls "$cache"/index-* | head -n 1)
head -c 4000 "$f" >"$PD_TMP/cut" && cp "$PD_TMP/cut" "$f"
check_run "a cache file cut short: ignored, the list as without a cache" 0 "$want" "" -- \
	"$PATCHDECK" --notmuch-config "$conf" list --all-revisions
tap_done
