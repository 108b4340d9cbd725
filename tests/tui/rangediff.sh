#!/bin/bash
# The range-diff view (D in the series view) through the scripted reader
# on the demo list: its pairs and unfolded diffs are what `patchdeck diff`
# prints (itself checked against git range-diff in tests/cli/diff-demo.sh),
# coloured by the outer marker, and [ compares with an older revision.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config TERM=xterm-256color
unset NO_COLOR

first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}
V1=$(first_id revisions-v1) V2=$(first_id revisions-v2) V3=$(first_id revisions-v3)
TP=$(first_id target-prefix)

# pairs OLD NEW: the pair lines of patchdeck diff, as the view marks them
# (> folded, v unfolded, blank: nothing to unfold).
pairs() {
	"$PATCHDECK" diff "$1" "$2" | grep -E '^ *[0-9-]+:  [=!<>] ' |
		sed -E 's/^( *[0-9-]+:  !)/> \1/; t; s/^/  /'
}
screen() { # the screen's text without the status line and trailing blank rows
	sed '/^ range-diff: /,$d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

out=$(tui_run "open series $V3
key D
dump" --screen 40x100)
check_eq "D on v3: the summary, the cover's changelog, one folded row per pair" \
	"$("$PATCHDECK" diff "$V3" | sed -E '/^ *[0-9-]+:  [=!<>] /,$d; s/^    //; 1s/ <[^>]*>//g')

$(pairs "$V2" "$V3")" "$(screen <<<"$out")"
check_eq "the status line names both revisions, the cursor is on the first pair" \
	" range-diff: v2 -> v3 demo_eth: configurable ring sizes 15/17" \
	"$(grep '^ range-diff:' <<<"$out" | tr -s ' ')"

# Enter unfolds pair 1: patchdeck diff's inner lines for it, then pair 2.
out=$(tui_run "open series $V3
key D
key Enter
dump" --screen 60x100)
inner=$("$PATCHDECK" diff "$V2" "$V3" | sed -n '/^1:  ! /,/^2:  ! /p' | sed '1d;$d; s/ *$//')
check_eq "Enter unfolds the pair's diff below it, as patchdeck diff prints it" \
	"v $("$PATCHDECK" diff "$V2" "$V3" | grep '^1:  ! ')
$inner
$(pairs "$V2" "$V3" | sed -n 2,3p)" "$(screen <<<"$out" | sed -n '/^v 1:/,$p')"

attrs=$(tui_run "open series $V3
key D
key Enter
dump attrs" --screen 60x100)
check_eq "colours: the outer marker colours the line, a section header and hunk their own" \
	"{diff-hunk}    @@ Commit message
{diff-add}    +    Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
     {diff-header,bold} ## drivers/net/ethernet/demo/demo.h ##
{mark,bold}> 2:  ! 2:  demo_eth: implement ethtool set_ringparam" \
	"$(grep -E '^\{diff-hunk\}|^\{diff-add\}|diff-header|^\{mark,bold\}> 2' <<<"$attrs" | sed 's/ *$//')"

check_eq "Enter again folds it" \
	"$(pairs "$V2" "$V3")" \
	"$(tui_run "open series $V3
key D
key Enter
key Enter
dump" --screen 40x100 | screen | grep -E '^[>v ] +[0-9-]+:  ')"

# New and dropped patches: the net-next series' v1 -> v2.
out=$(tui_run "open series $TP
key D
key G
key Enter
dump" --screen 40x100)
check_eq "new and dropped patches: < and > rows, only changed pairs fold" \
	"$(pairs "$(first_id target-prefix-v1)" "$TP")" "$(screen <<<"$out" | grep -E '^[>v ] +[0-9-]+:  ')"
check_eq "Enter on a new patch says there is nothing to compare it with" \
	"a new patch: it has no older counterpart" "$(tail -n 2 <<<"$out" | head -n 1)"

# [ compares with the revision before the old one.
out=$(tui_run "open series $V3
key D
key [
dump" --screen 40x100)
check_eq "[: v1 against v3 instead" \
	"$(pairs "$V1" "$V3")" "$(screen <<<"$out" | grep -E '^[>v ] +[0-9-]+:  ')"
check_eq "[ says which revision it compares with" "compared with v1" \
	"$(tail -n 2 <<<"$out" | head -n 1)"
check_eq "D on the first revision: one line saying there is nothing before it" \
	"this is the first revision of the series: nothing to compare it with" \
	"$(tui_run "open series $V1
key D
dump" --screen 20x100 | grep -o 'this is the first revision.*with')"
tap_done
