#!/bin/bash
# The project's C under clang-tidy (issue 8): the static analyzer and the
# bugprone checks. One clang-tidy run per file, $PD_TIDY_JOBS (default: the
# number of CPUs) at a time, each into its own file; then one check per
# file, so a finding names where it is.
#
# Left out, and why:
#   clang-analyzer-security.insecureAPI.*  flags memcpy/strcpy/sprintf by
#       name, whatever the bounds (C11 Annex K is not used here)
#   bugprone-easily-swappable-parameters   every (ctx, ..., err) signature
#   bugprone-macro-parentheses             the X-macro tables paste their
#       arguments as declarators and initialisers; parentheses break them
#   bugprone-sizeof-expression             sizeof(*q) where q is T **: the
#       element of a pointer array, flagged as "sizeof(A*)"
#   bugprone-narrowing-conversions         (char)(c + '@'), tolower() into a
#       char: values known to fit, the C idiom for them
#
# Files that still have findings are listed in `todo` below with the area
# that owns them: their checks are TAP TODO (counted, not failing), and one
# that becomes clean reports XPASS, which fails the suite until it is taken
# off the list. Every other file must stay clean.
. "$top_srcdir/tests/lib.sh"

command -v clang-tidy >/dev/null ||
	tap_skip_all "clang-tidy not found: install the Debian package clang-tidy"
pkgs="gmime-3.0 glib-2.0 talloc libgit2 ncursesw"
# shellcheck disable=SC2086
pkg-config --exists $pkgs || tap_skip_all "pkg-config does not know all of: $pkgs"

checks="-*,clang-analyzer-*,-clang-analyzer-security.insecureAPI.*,bugprone-*"
checks="$checks,-bugprone-easily-swappable-parameters,-bugprone-macro-parentheses"
checks="$checks,-bugprone-sizeof-expression,-bugprone-narrowing-conversions"
# shellcheck disable=SC2086
flags="-std=c11 -D_GNU_SOURCE -I$top_builddir -I$top_srcdir/src -I$top_srcdir/src/ui $(pkg-config --cflags $pkgs)"

# Known findings, by the area that owns the file (issue 8's report has
# each one).
todo=" $(sed -e 's/#.*//' <<'EOF' | tr '\n' ' '
EOF
) "

# Each run writes its own files: parallel runs never interleave their
# lines. .rc holds its exit status: a run that did not finish, or that could
# not compile the file, fails the file's check below with what it said.
mkdir "$PD_TMP/tidy"
export checks flags PD_TMP
(cd "$top_srcdir" && printf '%s\n' src/*.c src/ui/*.c |
	xargs -P "${PD_TIDY_JOBS:-$(nproc)}" -I{} sh -c '
		out="$PD_TMP/tidy/$(printf %s "$1" | tr / _)"
		# shellcheck disable=SC2086
		clang-tidy --quiet -checks="$checks" "$1" -- $flags >"$out" 2>"$out.err"
		echo $? >"$out.rc"' sh {})

for dir in src src/ui; do
	for f in "$top_srcdir/$dir"/*.c; do
		f=${f#"$top_srcdir/"}
		out="$PD_TMP/tidy/$(printf %s "$f" | tr / _)"
		if [ "$(cat "$out.rc" 2>/dev/null)" = 0 ]; then
			found=$(grep -E '(warning|error):' "$out" | sed "s|^$top_srcdir/||" |
				awk -v f="$f:" 'index($0, f) == 1')
		else
			found="clang-tidy failed on $f: $(cat "$out" "$out.err" 2>&1 | grep -v '^ ' | tail -n 3)"
		fi
		name="clang-tidy: nothing to say about $f"
		case $todo in
		*" $f "*)
			if [ -n "$found" ]; then
				echo "not ok $((tap_n + 1)) - $name # TODO known findings"
				printf '%s\n' "$found" | sed 's/^/# /'
			else
				echo "ok $((tap_n + 1)) - $name # TODO known findings"
			fi
			tap_n=$((tap_n + 1))
			;;
		*) check_eq "$name" "" "$found" ;;
		esac
	done
done
tap_done
