#!/bin/bash
# The program's own help, version and usage errors.
. "$top_srcdir/tests/lib.sh"

check_run "--version prints the version" 0 "patchdeck 0.1.0" "" -- \
	"$PATCHDECK" --version

out=$("$PATCHDECK" --help)
check_eq "--help starts with the usage line" \
	"usage: patchdeck [OPTIONS] [QUERY...]" "$(printf '%s\n' "$out" | head -n 1)"

check_run "unknown option is a usage error" 2 "" \
	"patchdeck: unknown option '--bogus'
patchdeck: try 'patchdeck --help'" -- "$PATCHDECK" --bogus

tap_done
