#!/bin/bash
# The real binary on a real terminal: tmux runs it in a pane, send-keys
# types, capture-pane reads the screen. Checks what the scripted mode
# cannot: the terminal is left as it was found (alternate screen, stty) on
# quit and on SIGTERM, escape sequences from real keys, resize.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_store || tap_skip_all "cannot build the test store with notmuch new"

tmux_start 100 30

start() { # runs patchdeck in the pane, recording stty before and after
	tm send-keys "clear; stty -g >'$PD_TMP/stty.before'; '$PATCHDECK'; echo \"exit=\$?\"; stty -g >'$PD_TMP/stty.after'" Enter
}

start
if wait_for " list: *"; then tap_ok "the thread list appears"; else
	tap_not_ok "the thread list appears" "$(screen)"; fi
check_eq "the first row is the newest thread" \
	"2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März" "$(row 1)"
check_eq "the status bar is on the second-last row" " list: * 1/4" "$(row 29 | sed 's/  */ /g')"

tm send-keys j
wait_for " 2/4" >/dev/null
check_eq "j moves down" " list: * 2/4" "$(status_line)"

tm send-keys Down
wait_for " 3/4" >/dev/null
check_eq "the Down arrow (an escape sequence) moves down" " list: * 3/4" "$(status_line)"

tm send-keys Enter
wait_for " thread: " >/dev/null
check_eq "Enter opens the thread" " thread: [PATCH 0/2] foo: add bar support 1/4" "$(status_line)"
check_eq "the thread view draws the tree" \
	"2024-03-02  Bob Reviewer          │ └─>" "$(row 3)"

tm resize-window -x 60 -y 15
wait_for "$(printf ' thread: [PATCH 0/2] foo: add bar support%15s1/4' '')" >/dev/null
check_eq "after a resize the status bar moves to the new second-last row" \
	" thread: [PATCH 0/2] foo: add bar support               1/4" "$(row 14)"
tm resize-window -x 100 -y 30
wait_for "$(printf '%50s1/4' '')" >/dev/null

tm send-keys q
wait_for " list: " >/dev/null
check_eq "q goes back to the list, on the same row" " list: * 3/4" "$(status_line)"

tm send-keys q
wait_for "exit=" >/dev/null
check_eq "q on the list quits with status 0" "exit=0" "$(screen | grep '^exit=')"
check_eq "the shell's screen is back: the alternate screen was left" "" \
	"$(screen | grep -E 'Wochenbericht| list: ')"
sleep 0.2
if cmp -s "$PD_TMP/stty.before" "$PD_TMP/stty.after"; then
	tap_ok "stty -g is the same before and after"
else
	tap_not_ok "stty -g is the same before and after" \
		"$(cat "$PD_TMP/stty.before" "$PD_TMP/stty.after")"
fi

# SIGTERM while the list is up.
rm -f "$PD_TMP/stty.before" "$PD_TMP/stty.after"
start
wait_for " list: *" >/dev/null
pid=$(pgrep -P "$(tm display-message -p '#{pane_pid}')" -x patchdeck)
if [ -n "$pid" ]; then
	kill -TERM "$pid"
	wait_for "exit=" >/dev/null
	check_eq "SIGTERM ends the reader with the signal's status" "exit=143" \
		"$(screen | grep '^exit=')"
	check_eq "after SIGTERM the shell's screen is back" "" \
		"$(screen | grep -E 'Wochenbericht| list: ')"
	sleep 0.2
	if cmp -s "$PD_TMP/stty.before" "$PD_TMP/stty.after"; then
		tap_ok "after SIGTERM stty -g is the same as before"
	else
		tap_not_ok "after SIGTERM stty -g is the same as before" \
			"$(cat "$PD_TMP/stty.before" "$PD_TMP/stty.after" 2>&1)"
	fi
else
	tap_not_ok "the reader's process is found in the pane" "$(screen)"
fi

tap_done
