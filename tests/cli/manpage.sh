#!/bin/bash
# The man page renders without a groff warning and documents every option
# and command that `patchdeck --help` offers.
. "$top_srcdir/tests/lib.sh"

command -v groff >/dev/null ||
	tap_skip_all "groff not found: install the Debian package groff-base"

page=$top_srcdir/man/patchdeck.1

warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
check_eq "groff renders the page without warnings" "" "$warnings"

# The page as plain text, and one of its sections (headings start a line).
text=$(groff -man -Tascii -P-cbou "$page" 2>/dev/null)
section() { # NAME
	printf '%s\n' "$text" | awk -v want="$1" '
		/^[A-Z][A-Z ]*$/ { on = ($0 == want); next }
		on'
}

for name in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS KEYS FILES \
	ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	if [ -n "$(section "$name" | tr -d '[:space:]')" ]; then
		tap_ok "section $name is there and not empty"
	else
		tap_not_ok "section $name is there and not empty"
	fi
done

help=$("$PATCHDECK" --help)

# Long options of --help, each described by an entry of OPTIONS: a line
# that starts (after the indent) with the option.
want=$(printf '%s\n' "$help" | sed -n '/^Options:/,$p' |
	grep -o -- '^ *\(-[A-Za-z], \)\?--[a-z][a-z-]*' | grep -o -- '--[a-z-]*' | sort)
have=$(section OPTIONS | grep -o -- '^ *\(-[A-Za-z], \)\?--[a-z][a-z-]*' |
	grep -o -- '--[a-z-]*' | sort)
check_eq "OPTIONS describes exactly the options of --help" "$want" "$have"

# Commands of --help (first word of each line of its Commands: block), each
# an entry of COMMANDS.
want=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | sed '1d;/^$/d' |
	awk '{ print $1 }' | sort)
have=$(section COMMANDS | grep -E '^ {7}[a-z]' | awk '{ print $1 }' | sort)
check_eq "COMMANDS describes exactly the commands of --help" "$want" "$have"

if grep -qx '\.\\" BEGIN KEYS' "$page" && grep -qx '\.\\" END KEYS' "$page"; then
	tap_ok "KEYS keeps the markers its generated body goes between"
else
	tap_not_ok "KEYS keeps the markers its generated body goes between"
fi

tap_done
