#!/bin/sh
# memcheck.sh LOG PROGRAM [ARG...]: runs PROGRAM under valgrind's memcheck
# with the options of every memcheck run of the tests (tests/lib.sh's
# vg_wrap, tests/valgrind-unit.sh), its report in LOG (%p: the process id).
# The status is 99 on an error. The leaks shown are the definite ones: a
# reader killed by a signal dies as it stands, and Xapian's objects held
# through interior pointers then read as "possibly lost" (that all is freed
# at a normal exit, talloc-report.sh checks).
log=$1
shift
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite --errors-for-leak-kinds=definite \
	--suppressions="$(dirname "$0")/valgrind.supp" --log-file="$log" "$@"
