#!/bin/sh
# LOG_COMPILER of `make check-valgrind` for the unit tests: runs one under
# memcheck. The TAP driver ignores exit codes (a failed check already says
# `not ok`), so an error or a definite leak must be said in TAP: the report
# as comments, then "Bail out!", which the driver counts as an error.
log=$(mktemp "${TMPDIR:-/tmp}/pdvg.XXXXXX") || exit 1
sh "$(dirname "$0")/memcheck.sh" "$log" "$@"
rc=$?
if [ -s "$log" ]; then
	sed 's/^/# /' "$log"
	echo "Bail out! memcheck: an error or a definite leak in $1"
fi
rm -f "$log"
exit $rc
