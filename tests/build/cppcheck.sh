#!/bin/bash
# The project's C is cppcheck-clean (issue 8): warnings, performance and
# portability findings, with a reason in the code for each suppression
# (`cppcheck-suppress ID` comments). One check per source directory, so a
# finding names where it is.
. "$top_srcdir/tests/lib.sh"

command -v cppcheck >/dev/null ||
	tap_skip_all "cppcheck not found: install the Debian package cppcheck"

for dir in src src/ui tests/unit tests/fuzz; do
	out=$(cd "$top_srcdir" && cppcheck --enable=warning,performance,portability --std=c11 \
		--quiet --inline-suppr --suppress=missingIncludeSystem -I src -I "$top_builddir" \
		--template='{file}:{line}: {severity}: {message} [{id}]' "$dir"/*.c 2>&1)
	check_eq "cppcheck: nothing to say about $dir/*.c" "" "$out"
done
tap_done
