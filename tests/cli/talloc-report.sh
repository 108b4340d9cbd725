#!/bin/bash
# Everything patchdeck allocates is freed by exit (issue 8: "talloc report
# empty at exit"): with PATCHDECK_TALLOC_REPORT=1 it prints what is left
# under talloc's null context, and for every command and a tour of the
# reader that must be nothing. (Leaks outside talloc are valgrind's and
# LeakSanitizer's: make check-valgrind, --enable-sanitizers.)
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || tap_skip_all "no demo list at $PD_DEMO (make check builds it)"
export PATCHDECK_TALLOC_REPORT=1
conf=$PD_DEMO/notmuch-config
first=$(awk '$1 == "revisions-v3:" { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
	"$PD_DEMO/CASES")
[ -n "$first" ] || { echo "Bail out! no case in $PD_DEMO/CASES"; exit 1; }
git clone -q "$PD_DEMO/tree" "$PD_TMP/tree"

# report NAME CMD...: CMD's stderr holds no talloc report (its own
# messages are allowed: a report starts with "full talloc report").
report() {
	local name=$1
	shift
	"$@" >/dev/null 2>"$PD_TMP/err"
	check_eq "nothing left at exit: $name" "" "$(grep -A3 'talloc report' "$PD_TMP/err")"
}
report "list" "$PATCHDECK" --notmuch-config "$conf" list
report "list --json --all-revisions" "$PATCHDECK" --notmuch-config "$conf" list --json --all-revisions
report "show" "$PATCHDECK" --notmuch-config "$conf" show "$first"
report "show --json" "$PATCHDECK" --notmuch-config "$conf" show --json "$first"
report "mbox" "$PATCHDECK" --notmuch-config "$conf" mbox "$first"
report "base" "$PATCHDECK" --notmuch-config "$conf" --tree "$PD_TMP/tree" base "$first"
report "apply --check" "$PATCHDECK" --notmuch-config "$conf" --tree "$PD_TMP/tree" apply --check "$first"
report "apply --dry-run" "$PATCHDECK" --notmuch-config "$conf" --tree "$PD_TMP/tree" apply --dry-run "$first"
report "merged" "$PATCHDECK" --notmuch-config "$conf" --tree "$PD_TMP/tree" merged "$first"
report "digest" "$PATCHDECK" --notmuch-config "$conf" digest
report "diff (range-diff with the previous revision)" "$PATCHDECK" --notmuch-config "$conf" diff "$first"
report "diff --interdiff" "$PATCHDECK" --notmuch-config "$conf" --tree "$PD_TMP/tree" diff --interdiff "$first"
report "an unknown series (an error path)" "$PATCHDECK" --notmuch-config "$conf" show nope@example.org
report "a missing database (an error path)" "$PATCHDECK" --notmuch-config "$PD_TMP/none" list
printf 'open series %s\nkey Enter Enter\nkey t\nkey Enter\nkey q q q\nkey ?\nkey q\ntype :query from:jane\nkey Enter\ntype /net\nkey Enter\nkey v o\ndump\n' \
	"$first" >"$PD_TMP/script"
report "the reader: series, patch, thread, message, help, :query, search, toggles" \
	"$PATCHDECK" --notmuch-config "$conf" --tree "$PD_TMP/tree" --script "$PD_TMP/script" --screen 24x80
tap_done
