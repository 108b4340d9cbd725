#!/bin/bash
# The real binary in tmux on the generated demo list ($PD_DEMO): the numbers
# on screen are checked against notmuch's own answers for the same store.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

[ -f "$PD_DEMO/notmuch-config" ] || tap_skip_all "no demo list at $PD_DEMO (built by make check)"
export NOTMUCH_CONFIG="$PD_DEMO/notmuch-config"

threads=$(notmuch count --output=threads '*')
first=$(notmuch search --output=threads --sort=newest-first '*' | head -n 1)
in_first=$(notmuch count "$first")
subject_first=$(notmuch search --format=json --sort=newest-first --limit=1 '*' |
	sed -n 's/.*"subject": "\([^"]*\)".*/\1/p')

tmux_start 120 40

tm send-keys "clear; '$PATCHDECK'; echo \"exit=\$?\"" Enter
wait_for " list: *" 100 >/dev/null
check_eq "the list shows every thread of the demo" " list: * 1/$threads" "$(status_line)"
check_eq "the first row is notmuch's newest thread" "$subject_first" \
	"$(screen | head -n 1 | sed 's/^.\{42\}//')"

tm send-keys G
wait_for " $threads/$threads" 100 >/dev/null
check_eq "G goes to the last thread" " list: * $threads/$threads" "$(status_line)"

tm send-keys g Enter
wait_for " thread: " 100 >/dev/null
check_eq "the first thread opens with all its messages" "1/$in_first" \
	"$(status_line | awk '{ print $NF }')"

tm send-keys q q
wait_for "exit=" 100 >/dev/null
check_eq "q q quits with status 0" "exit=0" "$(screen | grep '^exit=')"

tap_done
