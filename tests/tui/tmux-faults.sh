#!/bin/bash
# Faults while the reader runs on a real terminal (tmux): its mail store
# deleted under it, SIGHUP (the SSH link drops) and SIGTERM in a view deep
# in the stack. It must say what happened in one line and keep answering,
# or end with the signal's status, leaving the terminal as it found it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_series_store || tap_skip_all "cannot build the test store with notmuch new"

# Wide enough for the whole of the message line.
tmux_start 240 30
start() { # runs patchdeck in the pane, recording stty before and after
	rm -f "$PD_TMP/stty.before" "$PD_TMP/stty.after"
	tm send-keys "clear; stty -g >'$PD_TMP/stty.before'; '$PATCHDECK'; echo \"exit=\$?\"; stty -g >'$PD_TMP/stty.after'" Enter
	wait_for "(6 series)" 300 >/dev/null
}
given_back() { # NAME STATUS: the reader ended with STATUS, the terminal as before
	wait_for "exit=" 300 >/dev/null
	check_eq "$1: exit status" "exit=$2" "$(screen | grep '^exit=')"
	check_eq "$1: the shell's screen is back" "" "$(screen | grep -E 'walker| list: | series: ')"
	wait_file "$PD_TMP/stty.after"
	check_stty "$1: stty -g is the same as before"
}

# SIGHUP: what the terminal's end of an SSH session sends when it drops.
start
pid=$(reader_pid)
if [ -n "$pid" ]; then
	kill -HUP "$pid"
	given_back "SIGHUP on the list" 129
else
	tap_not_ok "the reader's process is found in the pane" "$(screen)"
fi

# SIGTERM with the series, its patch and the thread stacked on the list.
start
tm send-keys Enter
wait_for " series: " >/dev/null
tm send-keys t
wait_for " thread: " >/dev/null
pid=$(reader_pid)
if [ -n "$pid" ]; then
	kill -TERM "$pid"
	given_back "SIGTERM in the thread view" 143
else
	tap_not_ok "the reader's process is found in the pane" "$(screen)"
fi

# The store deleted under the running reader: opening a series names the
# file that is gone and the fix; the reader keeps answering.
start
rm -rf "$PD_SMAIL/cur" "$PD_SMAIL/new"
tm send-keys Enter
if wait_for "cannot be read" 300; then
	check_eq "a series whose mail is gone: one line naming the file and the fix" \
		"message <c0@x>: 8 mail files of its thread cannot be read ($PD_SMAIL/cur/c0:2,S: No such file or directory); if the mail was moved or deleted, run 'notmuch new'" \
		"$(row 30 | sed 's/ *$//')"
else
	tap_not_ok "a series whose mail is gone: one line naming the file and the fix" "$(screen)"
fi
tm send-keys j
wait_for " 2/6" >/dev/null
check_eq "the reader still answers: j moves down" " list: * (6 series) 2/6" "$(status_line)"
tm send-keys Q
given_back "Q after the store went away" 0
tap_done
