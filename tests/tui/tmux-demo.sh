#!/bin/bash
# The real binary in tmux on the generated demo list ($PD_DEMO): what the
# series list shows is checked against `patchdeck list` on the same store.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

[ -f "$PD_DEMO/notmuch-config" ] || tap_skip_all "no demo list at $PD_DEMO (built by make check)"
export NOTMUCH_CONFIG="$PD_DEMO/notmuch-config"

# A row's facts: date|version|count|A/R/T|[prefix] title, from list's
# output or from the reader's screen.
cli_facts() { sed -E 's/^([^ ]+)  .*  (v[0-9.]+) +([^ ]+) +(A[0-9]+ R[0-9]+ T[0-9]+) +(.*)$/\1|\2|\3|\4|\5/'; }
ui_facts() { sed -E 's/^([^ ]+) .*  (v[0-9.]+)[+↑]? +([^ ]+) +(A[0-9]+ R[0-9]+ T[0-9]+) +(\([0-9]+\))? +(.*)$/\1|\2|\3|\4|\6/'; }
nseries=$("$PATCHDECK" list | wc -l)
first=$("$PATCHDECK" list | head -n 1 | cli_facts)
last=$("$PATCHDECK" list | tail -n 1 | cli_facts)

tmux_start 160 12

tm send-keys "clear; '$PATCHDECK'; echo \"exit=\$?\"" Enter
# The list loads step by step; its status says "(N series)" once all is
# read (a sanitizer build can take seconds).
wait_for "($nseries series)" 300 >/dev/null
check_eq "the list shows every series of the demo" " list: * ($nseries series) 1/$nseries" \
	"$(status_line)"

tm send-keys o
wait_for "sorted by latest activity" 100 >/dev/null
check_eq "sorted by activity, the first row is patchdeck list's first" "$first" "$(row 1 | ui_facts)"

tm send-keys G
wait_for " $nseries/$nseries" 100 >/dev/null
check_eq "G goes to the last series" " list: * ($nseries series) $nseries/$nseries" "$(status_line)"
check_eq "the last row is patchdeck list's last" "$last" \
	"$(screen | grep -B1 '^ list: ' | head -n 1 | ui_facts)"

tm send-keys q
wait_for "exit=" 100 >/dev/null
check_eq "q quits with status 0" "exit=0" "$(screen | grep '^exit=')"

tap_done
