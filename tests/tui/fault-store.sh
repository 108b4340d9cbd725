#!/bin/bash
# The notmuch database removed, then replaced by another one (its UUID
# changed), while the reader runs on a real terminal (tmux), issue 8.
# Refresh ($), opening a series and setting a state each end in one line
# naming what is wrong and the fix; the reader keeps answering, creates
# nothing where the database was, and changes no tag it should not, in
# either database.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_series_store || tap_skip_all "cannot build the test store with notmuch new"
T=$PD_TMP
notmuch tag +pd/accepted -- id:f1@x
tags() { # CONFIG: every message's id and tags, sorted
	NOTMUCH_CONFIG=$1 notmuch search --output=messages '*' | sort | while read -r id; do
		printf '%s %s\n' "$id" "$(NOTMUCH_CONFIG=$1 notmuch search --output=tags "$id" | tr '\n' ' ')"
	done
}

tmux_start 240 30
start() {
	rm -f "$T/err"
	tm send-keys "clear; '$PATCHDECK' 2>'$T/err'; echo \"exit=\$?\"" Enter
	wait_for "(6 series)" 300 >/dev/null
}
last() { row 30 | sed 's/ *$//'; }
# KEYS TEXT: sends KEYS, waits for TEXT on the screen, prints the last line.
after() {
	tm send-keys "$1"
	wait_for "$2" 300 >/dev/null
	last
}
ended() { # NAME STATUS
	wait_for "exit=" 300 >/dev/null
	check_eq "$1: exit status" "exit=$2" "$(screen | grep '^exit=')"
}

# ---------------------------------------------------------------- removed
start
mv "$PD_SMAIL" "$T/gone"
gone="notmuch database path $PD_SMAIL does not exist: fix database.path in $NOTMUCH_CONFIG, or create that mail directory and run 'notmuch new'"
check_eq "database removed, \$: the review states not read, the path and the fix" \
	"review states not read: $gone" "$(after '$' 'not read')"
check_eq "database removed, Enter: the series' mail cannot be read, named with the fix" \
	"message <c0@x>: 8 mail files of its thread cannot be read ($PD_SMAIL/cur/c0:2,S: No such file or directory); if the mail was moved or deleted, run 'notmuch new'" \
	"$(after Enter 'cannot be read')"
tm send-keys s
wait_for "[a]ccepted" 300 >/dev/null
check_eq "database removed, s a: nothing written, the path and the fix" \
	"$gone" "$(after a 'does not exist')"
check_eq "the reader still answers: j moves down" " list: * (6 series) 2/6" \
	"$(tm send-keys j; wait_for ' 2/6' >/dev/null; status_line)"
tm send-keys Q
ended "Q with the database removed" 0
check_eq "nothing created where the database was" "" "$(ls -A "$PD_SMAIL" 2>&1 | grep -v 'No such file')"
printf '[database]\npath=%s\n' "$T/gone" >"$T/gone.conf"
check_eq "the removed database, put back elsewhere: its tags as before" \
	"id:a0@x 
id:a1@x 
id:a3@x 
id:b0@x 
id:b1@x 
id:b2@x 
id:c0@x 
id:c1@x 
id:c2@x unread 
id:d1@x 
id:f1@x pd/accepted 
id:g1@x 
id:g2@x 
id:m1@x 
id:ra1@x 
id:rb0@x 
id:rc1@x 
id:rf1@x unread " "$(tags "$T/gone.conf")"

# ---------------------------------------------------------------- replaced
# Another database at the same path: Grace's two mails, tagged `keep`.
mv "$T/gone" "$PD_SMAIL"
start
mv "$PD_SMAIL" "$T/old"
mkdir -p "$PD_SMAIL/cur" "$PD_SMAIL/new" "$PD_SMAIL/tmp"
cp "$T/old/cur/g1:2,S" "$T/old/cur/g2:2,S" "$PD_SMAIL/cur/"
notmuch new --quiet >/dev/null 2>&1
notmuch tag +keep -- '*'
# Not "run 'notmuch new'": the list is of the old database, so the fix is
# to start again; its states are not read from the new one either.
replaced="the notmuch database $PD_SMAIL was replaced while patchdeck ran (removed and made again)"
check_eq "database replaced, \$: the new one's states not read, the replacement and the fix" \
	"review states not read: $replaced: quit and start patchdeck again to read the new one" \
	"$(after '$' 'not read')"
tm send-keys s
wait_for "[a]ccepted" 300 >/dev/null
check_eq "database replaced, s a: nothing changed, the replacement and the fix" \
	"$replaced; nothing was changed: quit and start patchdeck again to read the new one" \
	"$(after a 'nothing was changed')"
check_eq "database replaced, Enter: the replacement and the fix, not 'notmuch new'" \
	"$replaced: quit and start patchdeck again to read the new one" \
	"$(after Enter 'made again): quit')"
tm send-keys Q
ended "Q with the database replaced" 0
check_eq "the new database's tags untouched" \
	"id:g1@x keep 
id:g2@x keep " "$(tags "$NOTMUCH_CONFIG")"
printf '[database]\npath=%s\n' "$T/old" >"$T/old.conf"
check_eq "the old database's tags untouched" \
	"id:c0@x 
id:f1@x pd/accepted " "$(tags "$T/old.conf" | grep -E '^id:(c0|f1)@x')"
check_eq "nothing on standard error" "" "$(cat "$T/err")"
tap_done
