#!/bin/bash
# The disk fills while a reply draft is written (issue 8), in the scripted
# reader: simulated with a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored,
# so a write past it fails with EFBIG as on a full disk). The user is told
# on the last line, the draft being edited is kept, nothing half-written
# is left in the draft folder, and once there is room the same draft is
# saved whole.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
command -v prlimit >/dev/null || tap_skip_all "prlimit not found: install the Debian package util-linux"
tui_series_store || tap_skip_all "cannot build the test store with notmuch new"

T=$PD_TMP
mkdir -p "$T/tmp" "$T/bin"
# The editor writes the user's line, then sets the reader's file-size
# limit to the next line of $LIMIT_FILE: bytes, or "unlimited" (room).
cat >"$T/bin/editor" <<'EOS'
#!/bin/sh
prlimit --pid $$ --fsize=unlimited: # its own, inherited from the reader
echo "my own words" >>"$1"
p=$PPID # the reader, or sh -c below it; under valgrind the process is memcheck
case $(cat /proc/$p/comm) in patchdeck | memcheck*) ;; *) p=$(cut -d' ' -f4 /proc/$p/stat) ;; esac
limit=$(head -n 1 "$LIMIT_FILE")
sed -i 1d "$LIMIT_FILE"
prlimit --pid "$p" --fsize="$limit":
EOS
chmod +x "$T/bin/editor"
cat >"$XDG_CONFIG_HOME/patchdeck/config" <<EOC
set mark-read no
set from "Morgan Hale <morgan@example.org>"
set draft-folder $T/drafts
EOC
export EDITOR="$T/bin/editor" TMPDIR="$T/tmp" LIMIT_FILE="$T/limit"
# The reader with SIGXFSZ ignored (inherited through exec); its output
# goes through a pipe, which the file-size limit does not cut. FSIZE: a
# limit from the start, in blocks.
reader() { # SCRIPT-TEXT ARGS...: the dumps, then "status N" and stderr
	printf '%s\n' "$1" >"$T/script"
	shift
	{ (trap '' XFSZ && ulimit -S -f "${FSIZE:-unlimited}" && "$PATCHDECK" --script "$T/script" "$@" 2>"$T/stderr"; echo "status $?"); } | cat
	cat "$T/stderr"
}
folder() { find "$T/drafts" -type f 2>/dev/null | sed "s|^$T/drafts/||" | sort; }

# The disk fills while the draft folder is written: 64 bytes left.
echo 64 >"$T/limit"
out=$(reader 'key R
key d
dump
key q' --screen 4x250)
check_eq "save as draft on a full disk: the last line says so, names the draft kept" \
	"cannot save the draft in $T/drafts: File too large; the draft is in $T/tmp/patchdeck-reply-XXXXXX.eml: s, e, d or q?" \
	"$(printf '%s\n' "$out" | sed -n 4p | sed 's/ *$//; s/patchdeck-reply-[A-Za-z0-9]*\.eml/patchdeck-reply-XXXXXX.eml/')"
check_eq "nothing half-written left in the draft folder" "" "$(folder)"
check_eq "q then discards the draft: none left, nothing on stderr" "0 status 0" \
	"$(ls "$T/tmp" | wc -l) $(printf '%s\n' "$out" | sed -n '/^status/,$p')"

# Full first, then room: e edits again (the editor gives the room back),
# d saves the same draft whole.
printf '64\nunlimited\n' >"$T/limit"
out=$(reader 'key R
key d
key e
key d
dump
key q' --screen 4x250)
saved=$(folder)
check_eq "then with room: saved as a draft, named on the last line" \
	"saved as a draft: $T/drafts/$saved" \
	"$(printf '%s\n' "$out" | sed -n 4p | sed 's/ *$//')"
check_eq "one file, in new/" "new/" "${saved%%[0-9]*}"
check_eq "the draft whole: headers, the quote and the user's words, twice edited" \
	"Subject: Re: [PATCH v2 0/2] mm: speed up the walker
2" "$(grep '^Subject:' "$T/drafts/$saved"; grep -c '^my own words$' "$T/drafts/$saved")"
check_eq "and its temporary file gone" "0" "$(ls "$T/tmp" | wc -l)"

# The disk is full before the draft is first written (TMPDIR): said, and
# no empty or partial file is left there.
rm -rf "$T/drafts"
if [ -n "${PD_VALGRIND:-}" ]; then
	# valgrind writes files of its own as it starts.
	tap_skip "no room for the draft at all: the last line says so, nothing left in TMPDIR" \
		"valgrind cannot start with no room for a file"
else
out=$(FSIZE=0 reader 'key R
dump' --screen 4x250)
check_eq "no room for the draft at all: the last line says so, nothing left in TMPDIR" \
	"cannot write the draft to $T/tmp/patchdeck-reply-XXXXXX.eml: File too large
0" "$(printf '%s\n' "$out" | sed -n 4p | sed 's/ *$//; s/patchdeck-reply-[A-Za-z0-9]*\.eml/patchdeck-reply-XXXXXX.eml/'
ls "$T/tmp" | wc -l)"
fi
tap_done
