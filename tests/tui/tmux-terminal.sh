#!/bin/bash
# The reader on real terminals, through tmux: what each TERM shows equals
# the scripted mode's screen of the same size (so resizes leave no garbage),
# colours reach the terminal, Esc and arrow keys are told apart, C-z and fg,
# and the terminal is given back as it was after q, SIGTERM and the crash
# signals (modes, alternate screen, cursor, keypad mode, colours).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_store || tap_skip_all "cannot build the test store with notmuch new"
unset NO_COLOR ESCDELAY

tmux_start 100 30
# The crashes below are on purpose: no core files.
tm send-keys "ulimit -c 0" Enter

# dump_of ROWSxCOLS SCRIPT-TEXT [ENV...]: the scripted mode's screen.
dump_of() {
	local size=$1
	printf '%s\n' "$2" >"$PD_TMP/t.script"
	shift 2
	env "$@" "$PATCHDECK" --script "$PD_TMP/t.script" --screen "$size" 2>&1
}

# settle EXPECTED: waits (up to 10 s) until the pane shows EXPECTED; the
# check after it then compares whatever is there.
settle() {
	for _ in $(seq $((100 * PD_SLOW))); do
		[ "$(screen)" = "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# run ENV...: starts the reader in the pane with ENV, recording stty -g
# before and after, and the exit status.
run() {
	rm -f "$PD_TMP/stty.before" "$PD_TMP/stty.after"
	tm send-keys "clear; stty -g >'$PD_TMP/stty.before'; env $* '$PATCHDECK'; echo \"exit=\$?\"; stty -g >'$PD_TMP/stty.after'" Enter
}

# The terminal's state as tmux sees it: alternate screen, cursor visible,
# application cursor keys, keypad mode.
modes() {
	tm display-message -p 'alternate=#{alternate_on} cursor=#{cursor_flag} keys=#{keypad_cursor_flag} keypad=#{keypad_flag}'
}
normal_modes="alternate=0 cursor=1 keys=0 keypad=0"

# given_back NAME EXIT [SHELL-LINE]: after the reader ended with exit status
# EXIT, the shell's screen is back as it was: nothing of the reader's, no
# colours left on, the same stty, the same modes.
given_back() {
	local name=$1 want="${3:+$3
}exit=$2
\$"
	wait_for "exit=" 100 >/dev/null
	wait_file "$PD_TMP/stty.after"
	sleep 0.1
	if [ "${3:-}" = "-" ]; then
		check_eq "$name: exit status $2" "exit=$2" "$(screen | grep '^exit=')"
	else
		check_eq "$name: the shell's screen is back, exit status $2" "$want" \
			"$(screen | sed '/^$/d')"
	fi
	check_eq "$name: no colour or attribute left on" "" \
		"$(tm capture-pane -p -e | grep -F "$(printf '\033')" | cat -v)"
	check_eq "$name: alternate screen left, cursor shown, keypad mode off" \
		"$normal_modes" "$(modes)"
	check_stty "$name: stty -g is the same as before"
}

# ---------------------------------------------------------------- TERMs
for term in xterm-256color screen-256color tmux-256color linux; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		tap_skip "TERM=$term" "no terminfo entry for it here"
		continue
	fi
	want=$(dump_of 30x100 'dump' TERM="$term")
	run TERM="$term"
	settle "$want"
	check_eq "TERM=$term: the screen is the scripted mode's" "$want" "$(screen)"
	case $term in
	linux) sgr=$(printf '\033[37m\033[44m') ;; # 8 colours: white on blue
	*) sgr=$(printf '\033[38;5;255m\033[48;5;24m') ;;
	esac
	if tm capture-pane -p -e | grep -qF "$sgr"; then
		tap_ok "TERM=$term: the status bar's colours reach the terminal"
	else
		tap_not_ok "TERM=$term: the status bar's colours reach the terminal" \
			"$(tm capture-pane -p -e | tail -n 2 | cat -v)"
	fi
	tm send-keys q
	if [ "$term" = linux ]; then
		# No alternate screen on the console: the list stays, the
		# shell goes on below it.
		wait_for "exit=" >/dev/null
		sleep 0.2
		check_eq "TERM=linux: q exits 0 and the shell goes on below the screen" \
			"exit=0
\$" "$(screen | sed '/^$/d' | tail -n 2)"
		check_eq "TERM=linux: cursor shown, keypad mode off" \
			"alternate=0 cursor=1 keys=0 keypad=0" "$(modes)"
		tm send-keys clear Enter
	else
		given_back "TERM=$term, q" 0
	fi
done

# vt100 in the C locale: no colours, ASCII only, and still the same screen.
want=$(dump_of 30x100 'dump' TERM=vt100 LC_ALL=C LANG=C)
run TERM=vt100 LC_ALL=C LANG=C
settle "$want"
check_eq "TERM=vt100 LANG=C: the screen is the scripted mode's" "$want" "$(screen)"
check_eq "TERM=vt100 LANG=C: nothing but ASCII on the screen" "" \
	"$(screen | LC_ALL=C grep -n '[^ -~]')"
# SGR parameters tmux reproduces: 39 and 49 are "default colour", the
# rest of 30..49 and 90..107 would be colours.
sgr=$(tm capture-pane -p -e | grep -o "$(printf '\033')\[[0-9;]*m" | tr -d '\033[m' |
	tr ';' '\n' | sed 's/^0*\([0-9]\)/\1/' | sort -un | tr '\n' ' ')
check_eq "TERM=vt100: attributes only (bold, reverse), no colours" "" \
	"$(printf '%s\n' $sgr | grep -xE '3[0-8]|4[0-8]|9[0-7]|10[0-7]')"
case " $sgr " in
*" 7 "*) tap_ok "TERM=vt100: the status bar is reversed" ;;
*) tap_not_ok "TERM=vt100: the status bar is reversed" "SGR parameters: $sgr" ;;
esac
tm send-keys q
wait_for "exit=" >/dev/null
check_eq "TERM=vt100: q exits 0" "exit=0" "$(screen | grep '^exit=')"
check_eq "TERM=vt100: cursor shown, keypad mode off" "$normal_modes" "$(modes)"
tm send-keys clear Enter

# ---------------------------------------------------------------- resize
export TERM=tmux-256color
run TERM=tmux-256color
settle "$(dump_of 30x100 'dump')"
# Each size in a few states: the list, the help view, the command line
# half typed. Every screen must equal the scripted one of that size.
step=0
for state in list help prompt; do
	case $state in
	help) tm send-keys '?'; keys='key ?' ;;
	prompt) tm send-keys q ':quer'; keys='type :quer' ;;
	*) keys='' ;;
	esac
	for size in 15x60 70x250 30x100; do
		rows=${size%x*} cols=${size#*x}
		tm resize-window -x "$cols" -y "$rows"
		want=$(dump_of "$size" "$keys
dump")
		settle "$want"
		check_eq "resize to ${cols}x$rows in the $state state: no garbage" "$want" "$(screen)"
		step=$((step + 1))
	done
done

# Resizes in a burst, faster than the reader draws: the last one counts.
for size in 20x70 40x120 12x50 50x200 24x80; do
	tm resize-window -x "${size#*x}" -y "${size%x*}"
done
want=$(dump_of 24x80 'type :quer
dump')
settle "$want"
check_eq "a burst of resizes ends on the last size's screen" "$want" "$(screen)"
tm resize-window -x 100 -y 30

# ---------------------------------------------------------------- keys
# Esc cancels the command line; the Down arrow (Esc O B in keypad mode)
# right after it is still an arrow, not a second Esc and letters.
tm send-keys Escape
want=$(dump_of 30x100 'dump')
settle "$want"
check_eq "Esc cancels the command line" "$want" "$(screen)"
tm send-keys ':abc' Escape Down Down
want=$(dump_of 30x100 'type :abc
key Esc
key Down Down
dump')
settle "$want"
check_eq "Esc then arrows sent together: the prompt closes, the arrows move" "$want" "$(screen)"
tm send-keys Up
want=$(dump_of 30x100 'key Down Down Up
dump')
settle "$want"
check_eq "Up moves back" "$want" "$(screen)"

tm send-keys q
given_back "q after resizes and keys" 0
tm send-keys clear Enter

# C-z and fg: the shell gets a normal terminal, fg gets the screen back.
# (Not through run: bash would go on with the rest of the line when the
# job stops.)
# memcheck never stops on SIGTSTP's default action (`valgrind sleep 100`
# ignores C-z as well), so under PD_VALGRIND this part cannot be run.
if [ -n "${PD_VALGRIND:-}" ]; then
	tap_skip "C-z and fg" "memcheck does not stop a program on SIGTSTP"
else
	tm send-keys "stty -g >'$PD_TMP/stty.before'; clear" Enter
	sleep 0.3
	tm send-keys "'$PATCHDECK'" Enter
	want=$(dump_of 30x100 'key Down Down Up
dump')
	settle "$(dump_of 30x100 'dump')"
	tm send-keys Down Down Up
	settle "$want"
	tm send-keys C-z
	wait_for "Stopped" >/dev/null
	check_eq "C-z: the shell's screen, alternate screen left, cursor shown, keypad off" \
		"$normal_modes" "$(modes)"
	tm send-keys "stty -g >'$PD_TMP/stty.stopped'" Enter
	sleep 0.3
	check_stty "C-z: stty -g while stopped is the shell's" "$PD_TMP/stty.stopped"
	tm send-keys fg Enter
	settle "$want"
	check_eq "fg: the reader's screen comes back as it was" "$want" "$(screen)"
	tm resize-window -x 80 -y 20
	want=$(dump_of 20x80 'key Down Down Up
dump')
	settle "$want"
	check_eq "after fg a resize still works" "$want" "$(screen)"
	tm resize-window -x 100 -y 30
	settle "$(dump_of 30x100 'key Down Down Up
dump')"
	tm send-keys q
	sleep 0.3
	tm send-keys "echo \"exit=\$?\"; stty -g >'$PD_TMP/stty.after'" Enter
	given_back "q after C-z and fg" 0 -
	tm send-keys clear Enter
fi

# ---------------------------------------------------------------- signals
# SIGTERM and SIGHUP end the loop, which gives the terminal back and dies
# of the signal; the crash signals (what a failed assertion or a bad
# pointer raise) are caught, the terminal restored from the saved
# sequences, and the signal raised again.
for sig in TERM HUP ABRT SEGV BUS FPE; do
	want=$(dump_of 30x100 'dump')
	run TERM=tmux-256color
	settle "$want"
	pid=$(reader_pid)
	if [ -z "$pid" ]; then
		tap_not_ok "SIG$sig: the reader's process is found" "$(screen)"
		continue
	fi
	kill -"$sig" "$pid"
	num=$(kill -l "$sig")
	case $sig in
	TERM) msg="Terminated" ;;
	HUP) msg="Hangup" ;;
	ABRT) msg="Aborted" ;;
	SEGV) msg="Segmentation fault" ;;
	BUS) msg="Bus error" ;;
	FPE) msg="Floating point exception" ;;
	esac
	given_back "SIG$sig" $((128 + num)) "$msg"
	tm send-keys clear Enter
done

# Real crashes, through the program's test hook (PATCHDECK_TEST_HOOK_CRASH,
# read by src/ui/display.c at the first key): a failed assert() and a
# write through a null pointer. The assertion's message, written while the
# screen was the reader's, shows on the shell's screen afterwards.
for hook in assert segv; do
	run TERM=tmux-256color PATCHDECK_TEST_HOOK_CRASH=$hook
	settle "$(dump_of 30x100 'dump')"
	tm send-keys j
	case $hook in
	assert)
		given_back "a failed assertion" 134 -
		check_eq "a failed assertion: its message is on the shell's screen, after the reader's" \
"patchdeck: SRC:NNN: test_hook_crash: Assertion \`strcmp(hook, \"assert\") != 0 && \"PATCHDECK_TEST_HOOK_CRASH=assert\"' failed.
Aborted
exit=134
\$" "$(tm capture-pane -p -J | sed -e 's/ *$//' -e '/^$/d' | sed 's|^patchdeck: [^ ]*display\.c:[0-9]*:|patchdeck: SRC:NNN:|')"
		;;
	segv) given_back "a bad pointer write" 139 "Segmentation fault" ;;
	esac
	tm send-keys clear Enter
done

tap_done
