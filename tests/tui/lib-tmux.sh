# The real binary in a real terminal: a private tmux server per test file,
# always killed at exit. Sourced after tests/lib.sh.
#
# tmux_start COLS ROWS: starts a plain bash in a pane of that size (skips the
# file when tmux is missing or cannot start here). Then: tm (tmux on the
# private socket), screen (the pane's text), row N, wait_for TEXT [TENTHS],
# status_line (the reader's status line, blanks folded).

tmux_start() {
	command -v tmux >/dev/null || tap_skip_all "tmux is not installed"
	sock="pdtest-$$-$RANDOM"
	trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$PD_TMP" "$PD_TMP.vg"' EXIT
	tm -f /dev/null new-session -d -x "$1" -y "$2" \
		"env PS1='$ ' TERM=screen bash --norc --noprofile" ||
		tap_skip_all "tmux cannot start a session here"
	tm set-option -g window-size manual >/dev/null 2>&1
}

tm() { tmux -L "$sock" "$@"; }
screen() { tm capture-pane -p; }
row() { screen | sed -n "$1p"; } # 1-based

# Waits up to TENTHS/10 s (default 5 s; PD_SLOW times that under
# memcheck) for the screen to contain TEXT (a fixed string).
wait_for() {
	for _ in $(seq $((${2:-50} * PD_SLOW))); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

# The reader's process: the pane's shell's child (under PD_VALGRIND the
# child is memcheck, whose name the kernel cuts to 15 characters; the
# signals sent to it are the reader's).
reader_pid() {
	local name=patchdeck
	[ -n "${PD_VALGRIND:-}" ] && name=memcheck-amd64-
	pgrep -P "$(tm display-message -p '#{pane_pid}')" -x "$name"
}

# wait_file FILE: until FILE has something in it (5 s at most, PD_SLOW
# times that under memcheck).
wait_file() {
	for _ in $(seq $((50 * PD_SLOW))); do
		[ -s "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# check_stty NAME [FILE]: the check that stty -g saved in FILE (default
# $PD_TMP/stty.after) is what it was in $PD_TMP/stty.before.
check_stty() {
	local after=${2:-$PD_TMP/stty.after}
	if [ -s "$PD_TMP/stty.before" ] && cmp -s "$PD_TMP/stty.before" "$after"; then
		tap_ok "$1"
	else
		tap_not_ok "$1" "$(cat "$PD_TMP/stty.before" "$after" 2>&1)"
	fi
}

status_line() { screen | grep -E '^ (list|thread|help): ' | sed 's/  */ /g'; }
