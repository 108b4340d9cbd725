#!/bin/bash
# Faults around a reply on a real terminal (tmux), issue 8: SIGTERM and
# SIGHUP while the reply editor is open and while the send question is
# shown, also in a T on two marked patches (two drafts), and an editor
# that exits non-zero. Nothing is sent, the terminal is given back as it
# was, the draft files keep what the user wrote and the drafts not yet
# started, and standard error names those files at exit (a signal leaves
# no screen to read it on).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_series_store || tap_skip_all "cannot build the test store with notmuch new"

T=$PD_TMP
mkdir -p "$T/tmp" "$T/sent" "$T/bin"
# The editor says it runs, the user's words go in, then it waits for a
# line on the terminal: "fail" makes it exit 3, as an editor that failed.
cat >"$T/bin/editor" <<'EOS'
#!/bin/sh
echo "my own words" >>"$1"
printf 'EDITING %s\n' "$1"
read -r answer
[ "$answer" = fail ] && exit 3
exit 0
EOS
# The send command records what it is given: nothing may reach it.
cat >"$T/bin/sendmail" <<EOS
#!/bin/sh
cat >"$T/sent/\$\$.eml"
EOS
chmod +x "$T/bin/editor" "$T/bin/sendmail"
cat >"$XDG_CONFIG_HOME/patchdeck/config" <<EOC
set mark-read no
set from "Morgan Hale <morgan@example.org>"
set sendmail "$T/bin/sendmail -t -oi"
set draft-folder $T/drafts
EOC

tmux_start 200 30
start() { # runs the reader in the pane, recording stty before and after
	rm -f "$T/stty.before" "$T/stty.after" "$T/err" "$T"/tmp/*
	tm send-keys "clear; stty -g >'$T/stty.before'; TMPDIR='$T/tmp' EDITOR='$T/bin/editor' '$PATCHDECK' 2>'$T/err'; echo \"exit=\$?\"; stty -g >'$T/stty.after'" Enter
	wait_for "(6 series)" 300 >/dev/null
}
# R on the first series; waits for the editor.
reply() {
	tm send-keys R
	wait_for "EDITING" 300 >/dev/null
}
given_back() { # NAME STATUS: the reader ended with STATUS, the terminal as before
	wait_for "exit=" 300 >/dev/null
	check_eq "$1: exit status" "exit=$2" "$(screen | grep '^exit=')"
	wait_file "$T/stty.after"
	check_stty "$1: stty -g is the same as before"
}
kept() { # NAME: nothing sent, one draft kept with the words, stderr names it
	local f
	f=$(ls "$T"/tmp/patchdeck-reply-*.eml 2>/dev/null)
	check_eq "$1: nothing sent" "0" "$(ls "$T/sent" | wc -l)"
	check_eq "$1: one draft kept, with what the user wrote" "1 1" \
		"$(printf '%s\n' "$f" | grep -c . ) $(cat "$f" 2>/dev/null | grep -c '^my own words$')"
	check_eq "$1: standard error names it" \
		"patchdeck: your reply was not sent; its draft is kept in $f" "$(cat "$T/err")"
}

# SIGTERM to the reader alone while the editor runs: the reader waits for
# the editor (killing it would lose what is typed there), then ends.
start
reply
pid=$(reader_pid)
kill -TERM "$pid"
tm send-keys Enter
given_back "SIGTERM while the editor is open" 143
kept "SIGTERM while the editor is open"

# SIGHUP to the whole foreground job, as when the terminal hangs up: the
# editor dies of it too.
start
reply
pgid=$(ps -o tpgid= -p "$(tm display-message -p '#{pane_pid}')" | tr -d ' ')
kill -HUP -- "-$pgid"
given_back "SIGHUP while the editor is open" 129
kept "SIGHUP while the editor is open"

for sig in TERM HUP; do
	start
	reply
	tm send-keys Enter
	if wait_for "[s]end, [e]dit again" 300; then
		kill -$sig "$(reader_pid)"
	else
		tap_not_ok "the send question is shown" "$(screen)"
	fi
	given_back "SIG$sig at the send question" $([ $sig = TERM ] && echo 143 || echo 129)
	kept "SIG$sig at the send question"
done

# T r on both patches of the first series (marked with m): two drafts,
# both written before the first editor opens; waits for that editor.
reply_two() {
	tm send-keys Enter
	wait_for "mm: walker: batch" 300 >/dev/null
	tm send-keys /
	tm send-keys -l " 1/2"
	tm send-keys Enter m j m
	wait_for "2 patches marked" 300 >/dev/null
	tm send-keys T
	wait_for "[r]eviewed-by" 300 >/dev/null
	tm send-keys r
	wait_for "EDITING" 300 >/dev/null
}
# NAME: nothing sent; the first draft with the words, the second as made
# (the Reviewed-by to patch 2), both named on stderr in that order.
kept_two() {
	local one two
	one=$(grep -l '^my own words$' "$T"/tmp/patchdeck-reply-*.eml 2>/dev/null)
	two=$(grep -L '^my own words$' "$T"/tmp/patchdeck-reply-*.eml 2>/dev/null)
	check_eq "$1: nothing sent" "0" "$(ls "$T/sent" | wc -l)"
	check_eq "$1: two drafts kept: the one edited, and the one not started" "1 1" \
		"$(printf '%s\n' "$one" | grep -c .) $(printf '%s\n' "$two" | grep -c .)"
	check_eq "$1: the one not started: the Reviewed-by reply to patch 2" \
		"Subject: Re: [PATCH v2 2/2] mm: walker: batch
Reviewed-by: Morgan Hale <morgan@example.org>" \
		"$(grep -E '^(Subject|Reviewed-by):' "$two" 2>&1)"
	check_eq "$1: standard error names both" \
		"patchdeck: your 2 replies were not sent; their drafts are kept in $one $two" \
		"$(cat "$T/err")"
}

start
reply_two
kill -TERM "$(reader_pid)"
tm send-keys Enter
given_back "T on two patches, SIGTERM while the first is edited" 143
kept_two "T on two patches, SIGTERM while the first is edited"

start
reply_two
pgid=$(ps -o tpgid= -p "$(tm display-message -p '#{pane_pid}')" | tr -d ' ')
kill -HUP -- "-$pgid"
given_back "T on two patches, SIGHUP while the first is edited" 129
kept_two "T on two patches, SIGHUP while the first is edited"

start
reply_two
tm send-keys Enter
if wait_for "discard (1 of 2)?" 300; then
	kill -TERM "$(reader_pid)"
else
	tap_not_ok "the send question is shown for the first of two" "$(screen)"
fi
given_back "T on two patches, SIGTERM at the first's send question" 143
kept_two "T on two patches, SIGTERM at the first's send question"

# The first discarded, SIGTERM in the second's editor: only that one is
# kept and named, as for a single reply.
start
reply_two
tm send-keys Enter
wait_for "discard (1 of 2)?" 300 >/dev/null
tm send-keys q
# The second editor may open before a capture shows the series again:
# waiting for the series would then wait its whole time out. The draft
# with the words, alone, and the editor's line say the second one runs.
for _ in $(seq $((300 * PD_SLOW))); do
	[ "$(grep -l '^my own words$' "$T"/tmp/*.eml 2>/dev/null | wc -l)" = 1 ] &&
		[ "$(ls "$T"/tmp/*.eml | wc -l)" = 1 ] && screen | grep -q EDITING && break
	sleep 0.1
done
kill -TERM "$(reader_pid)"
tm send-keys Enter
given_back "T on two patches, the first discarded, SIGTERM in the second's editor" 143
kept "T on two patches, the first discarded, SIGTERM in the second's editor"

# The editor exits non-zero: nothing sent, the draft kept and named on the
# last line; the reader goes on.
start
reply
tm send-keys fail Enter
if wait_for "ended with exit status 3" 300; then
	check_eq "an editor exiting 3: the last line names the editor, its status and the draft" \
		"the editor ($T/bin/editor) ended with exit status 3; the draft is kept in $(ls "$T"/tmp/*.eml)" \
		"$(row 30 | sed 's/ *$//')"
else
	tap_not_ok "an editor exiting 3: the last line names the editor, its status and the draft" "$(screen)"
fi
tm send-keys j
wait_for " 2/6" >/dev/null
check_eq "the reader still answers: j moves down" " list: * (6 series) 2/6" "$(status_line)"
tm send-keys Q
given_back "Q after the editor failed" 0
check_eq "an editor exiting 3: nothing sent" "0" "$(ls "$T/sent" | wc -l)"
check_eq "an editor exiting 3: the draft kept, with the words" "1" \
	"$(cat "$T"/tmp/*.eml | grep -c '^my own words$')"
check_eq "an editor exiting 3: said on screen, not again at exit" "" "$(cat "$T/err")"
tap_done
