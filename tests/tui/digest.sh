#!/bin/bash
# The digest in the reader: `:digest ARGS` opens what `patchdeck digest
# ARGS` prints in a pager view, `:save FILE` writes it byte for byte,
# never over an existing file (`:save! FILE` does, whole or not at all);
# a bad day, an unknown option and :save outside the digest are one line
# each. On the demo list (read only).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
export NOTMUCH_CONFIG="$PD_DEMO/notmuch-config" TERM=xterm-256color
out="$PD_TMP/out"
mkdir -p "$out"
echo old >"$out/kept.txt"

check_eq ':digest opens the digest: its first lines, the range and count in the status bar' \
'From 2024-03-01 to 2024-03-31
Demo mailing list update from 2024-03-01 to 2024-03-31

Top 15 contributor Email domains (Based on Email Body)
 digest: Demo 2024-03-01..2024-03-31 (3 mails; :save FILE)                                     1/47

status 0' "$(tui_run 'type :digest --list Demo --from 2024-03-01 --to 2024-03-31
key Enter
dump' --screen 6x100)"

check_eq ':save writes it; an existing file is refused and kept; :save! writes over it' \
"digest saved to $out/new.txt
$out/kept.txt exists; :save! $out/kept.txt writes over it
kept: old
digest saved to $out/kept.txt
status 0" "$(tui_run "type :digest --list Demo --from 2024-03-01 --to 2024-03-31
key Enter
type :save $out/new.txt
key Enter
dump
type :save $out/kept.txt
key Enter
dump
echo kept: $(cat "$out/kept.txt")
type :save! $out/kept.txt
key Enter
dump" --screen 3x200 | grep -v '^ digest:\|^From \|^Demo ' | sed 's/ *$//')"
"$PATCHDECK" digest --list Demo --from 2024-03-01 --to 2024-03-31 >"$out/cli.txt"
check_eq 'both files are what patchdeck digest prints, byte for byte (47 lines)' "47 same same" \
	"$(wc -l <"$out/cli.txt") $(cmp -s "$out/cli.txt" "$out/new.txt" && echo same) $(cmp -s "$out/cli.txt" "$out/kept.txt" && echo same)"
check_eq 'nothing else left in the directory (no temporary file)' "cli.txt
kept.txt
new.txt" "$(ls "$out")"

check_eq 'a QUERY and no range: the days of the first and last mail' \
' digest: The 2024-02-02..2024-02-02, from:tomasz and date:2024-02-02 (6 mails; :save FILE)' \
	"$(tui_run 'type :digest from:tomasz and date:2024-02-02
key Enter
dump' --screen 3x100 | grep '^ digest:' | sed 's/ *[0-9]*\/[0-9]* *$//')"

check_eq 'a bad day, an unknown option, :save outside the digest, :save alone: one line each' \
"--from wants a day as YYYY-MM-DD (like 2025-11-10), not '2024-13-01'
unknown :digest option '--frm'; use --list NAME, --from DAY, --to DAY, then a query
:save writes the digest: open it with :digest first
usage: :save FILE (:save! FILE writes over an existing one)" "$(tui_run 'type :digest --from 2024-13-01
key Enter
dump
type :digest --frm 2024-01-01
key Enter
dump
type :save x
key Enter
dump
type :digest --from 2024-03-01
key Enter
type :save
key Enter
dump' --screen 3x200 | grep -v '^20\|^ \|^From \|^Demo \|^The \|^status' | sed 's/ *$//')"
tap_done
