#!/bin/bash
# ./quickstart as a new user meets it: in a real terminal (tmux), it opens
# the reader on the demo; q leaves the terminal as it found it. Prints TAP.
#
# usage: tests/ci/quickstart-tmux.sh DEMO_DIR
# Run by .ci/run after `./quickstart check` has installed and built, so
# quickstart here only checks and opens. Not part of make check: it runs
# quickstart, which runs make in build/.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
demo=${1:?usage: $0 DEMO_DIR}
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n - $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/# /'
}
check() { # NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1" "expected: $2
actual:   $3"
	fi
}

if ! command -v tmux >/dev/null; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
sock="pd-quickstart-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
tm() { tmux -L "$sock" "$@"; }
tm -f /dev/null new-session -d -x 120 -y 40 -c "$top" \
	"env PS1='$ ' TERM=screen-256color bash --norc --noprofile"
screen() { tm capture-pane -p; }
wait_for() { # TEXT [TENTHS]
	for _ in $(seq "${2:-600}"); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

tm send-keys "stty -g > '$demo.stty-before'; clear" Enter
# The marker is split on the typed line so only the echo's output matches.
tm send-keys "./quickstart --dir '$demo'; echo \"qs\"\"-exit=\$?\"; stty -g > '$demo.stty-after'" Enter

if wait_for " list: "; then
	ok "./quickstart opens the reader on the demo"
else
	not_ok "./quickstart opens the reader on the demo" "$(screen)"
fi
# The reader lists the store's series: as many as `patchdeck list` prints.
want=$("$top/build/src/patchdeck" --notmuch-config="$demo/notmuch-config" list | wc -l)
# The list loads step by step: "(N series)" once everything is read.
wait_for "($want series)" 100 || true
got=$(screen | grep -E '^ list: ' | sed 's/  */ /g')
check "the reader lists every series of the demo" " list: * ($want series) 1/$want" "$got"

tm send-keys q
if wait_for "qs-exit=" 100; then
	check "q quits and quickstart exits 0" "qs-exit=0" \
		"$(screen | grep -o 'qs-exit=[0-9]*')"
else
	not_ok "q quits and quickstart exits 0" "$(screen)"
fi
sleep 0.3
check "the terminal modes are as before" "$(cat "$demo.stty-before" 2>/dev/null)" \
	"$(cat "$demo.stty-after" 2>/dev/null)"
# Leaving the alternate screen brings the shell's own lines back.
if screen | grep -q "stty -g > "; then
	ok "the alternate screen is left: the shell's screen is back"
else
	not_ok "the alternate screen is left: the shell's screen is back" "$(screen)"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
