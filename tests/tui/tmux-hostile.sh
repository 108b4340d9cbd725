#!/bin/bash
# The hostile mail of tests/cli/hostile-mail.py on a real terminal (tmux):
# its title sequence, screen clears and colours are shown, not obeyed. The
# proof is the terminal itself: the pane's title, which an OSC 0 in the
# subject would change, and the screen, which holds the visible escapes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tmux.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
store=$PD_TMP/store
mkdir -p "$store"
python3 "$top_srcdir/tests/cli/hostile-mail.py" "$store/mail" ||
	{ echo "Bail out! hostile-mail.py failed"; exit 1; }
conf=$store/notmuch-config
printf '[database]\npath=%s\n[new]\ntags=\nignore=\n[maildir]\nsynchronize_flags=false\n' \
	"$store/mail" >"$conf"
NOTMUCH_CONFIG=$conf notmuch new --quiet || tap_skip_all "cannot build the store with notmuch new"

tmux_start 120 30
title() { tm display-message -p '#{pane_title}'; }

# The check can fail: the same bytes printed raw do retitle the pane.
# (The marker is spelt apart so that the typed command does not match.)
tm send-keys "clear; printf '\\033]0;pwned\\007'; echo raw-'done'" Enter
wait_for raw-done >/dev/null
check_eq "control: printed raw, the subject's OSC 0 retitles the pane" "pwned" "$(title)"
tm select-pane -T clean
check_eq "the pane's title set back" "clean" "$(title)"

tm send-keys "clear; '$PATCHDECK' --notmuch-config '$conf'; echo \"exit=\$?\"" Enter
if wait_for "(15 series)" 300; then tap_ok "the list of hostile series appears"; else
	tap_not_ok "the list of hostile series appears" "$(screen)"; fi
check_eq "the list's first row: the escapes visible" \
	"2024-01-01 Mal ^[[31mlory        v1    1/1     A1 R1 T0 (1)   evil: ^[]0;pwned^Gtitle <U+200B>zw <U+202E>bidi<U+202C> en" \
	"$(row 1 | sed 's/ *$//')"
# Into the series, its patch (the body clears the screen and switches it
# to the alternate one, if obeyed), the thread and the forged reply.
tm send-keys Enter
wait_for " series: " >/dev/null
tm send-keys / "^ +1/[0-9]+ " Enter Enter
wait_for " patch: " >/dev/null
check_eq "the patch view shows the body's escapes" \
	"Body ^[[2J clears the screen, ^[[?1049h switches it." \
	"$(screen | grep '^Body' | sed 's/ *$//')"
tm send-keys t
wait_for " thread: " >/dev/null
tm send-keys j Enter
wait_for "Reviewed-by: Test User" >/dev/null
check_eq "the forged reply's trailers are on the screen" \
	"Acked-by: Zoe<U+200B> Zero <zoe@example.org>" \
	"$(screen | grep '^Acked-by' | sed 's/ *$//')"
check_eq "after every view of the hostile mail the pane's title is untouched" "clean" "$(title)"
tm send-keys Q
wait_for "exit=" >/dev/null
check_eq "Q quits with status 0" "exit=0" "$(screen | grep '^exit=')"
check_eq "and the title is still untouched" "clean" "$(title)"
tap_done
