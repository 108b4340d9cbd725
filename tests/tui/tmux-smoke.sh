#!/bin/bash
# The real binary on a real terminal: tmux runs it in a pane, send-keys
# types, capture-pane reads the screen. Checks what the scripted mode
# cannot: the terminal is left as it was found (alternate screen, stty) on
# quit and on SIGTERM, escape sequences from real keys, resize.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_series_store || tap_skip_all "cannot build the test store with notmuch new"

tmux_start 100 30

start() { # runs patchdeck in the pane, recording stty before and after
	tm send-keys "clear; stty -g >'$PD_TMP/stty.before'; '$PATCHDECK'; echo \"exit=\$?\"; stty -g >'$PD_TMP/stty.after'" Enter
}

start
# The list loads step by step; "(6 series)" is in the status bar once all
# is read (a sanitizer build can take a while).
if wait_for "(6 series)" 300; then tap_ok "the series list appears"; else
	tap_not_ok "the series list appears" "$(screen)"; fi
check_eq "the first row is the newest series" \
	"2024-05-10 Carol Coder           v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker" "$(row 1)"
check_eq "the status bar is on the second-last row" " list: * (6 series) 1/6" "$(row 29 | sed 's/  */ /g')"

tm send-keys j
wait_for " 2/6" >/dev/null
check_eq "j moves down" " list: * (6 series) 2/6" "$(status_line)"

tm send-keys Down
wait_for " 3/6" >/dev/null
check_eq "the Down arrow (an escape sequence) moves down" " list: * (6 series) 3/6" "$(status_line)"

tm send-keys v
wait_for " 4/7" >/dev/null
check_eq "v shows Carol's v1 under her v2; the cursor stays on its series" \
	" list: * (6 series) 4/7" "$(status_line)"
check_eq "the older revision is drawn as a branch of the tree" \
	"2024-05-03 Carol Coder           v1↑   2/2    A1 R0 T0 (1)   └─mm: speed up the walker" "$(row 2)"

tm resize-window -x 60 -y 15
narrow_status=" list: *  (6 series)                                    4/7"
wait_for "$narrow_status" >/dev/null
check_eq "after a resize the status bar moves to the new second-last row" \
	"$narrow_status" "$(row 14)"
check_eq "a narrow screen drops columns, not the title" \
	"Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings" "$(row 4)"
tm resize-window -x 100 -y 30
wait_for "$(printf '%50s4/7' '')" >/dev/null

tm send-keys q
wait_for "exit=" >/dev/null
check_eq "q on the list quits with status 0" "exit=0" "$(screen | grep '^exit=')"
check_eq "the shell's screen is back: the alternate screen was left" "" \
	"$(screen | grep -E 'walker| list: ')"
sleep 0.2
check_stty "stty -g is the same before and after"

# SIGTERM while the list is up.
rm -f "$PD_TMP/stty.before" "$PD_TMP/stty.after"
start
wait_for " list: *" >/dev/null
pid=$(reader_pid)
if [ -n "$pid" ]; then
	kill -TERM "$pid"
	wait_for "exit=" >/dev/null
	check_eq "SIGTERM ends the reader with the signal's status" "exit=143" \
		"$(screen | grep '^exit=')"
	check_eq "after SIGTERM the shell's screen is back" "" \
		"$(screen | grep -E 'walker| list: ')"
	sleep 0.2
	check_stty "after SIGTERM stty -g is the same as before"
else
	tap_not_ok "the reader's process is found in the pane" "$(screen)"
fi

tap_done
