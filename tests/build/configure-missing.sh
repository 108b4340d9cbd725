#!/bin/bash
# configure names every missing library and its Debian package in one
# `configure: error:` line and fails. Libraries are hidden for real: an
# empty or partial pkg-config directory, and the cached answer for
# notmuch.h (libnotmuch has no .pc file).
. "$top_srcdir/tests/lib.sh"

[ -x "$top_srcdir/configure" ] ||
	tap_skip_all "no generated configure in $top_srcdir: run 'autoreconf -fi' there first"
# configure refuses another build directory for a tree configured in place.
[ -f "$top_srcdir/config.status" ] &&
	tap_skip_all "$top_srcdir is configured in place: run these checks from an out-of-tree build ('make distclean' there first)"
command -v pkg-config >/dev/null ||
	tap_skip_all "pkg-config not found: install the Debian package pkg-config"

# try NAME WANT_STDERR PKG_CONFIG_LIBDIR [VAR=VALUE...]: configure fails with
# exactly WANT_STDERR and prints nothing else.
try() {
	local name=$1 want=$2 libdir=$3
	shift 3
	local dir
	dir=$(mktemp -d "$PD_TMP/configure.XXXXXX")
	check_run "$name" 1 "" "$want" -- \
		env -u PKG_CONFIG_PATH -u CONFIG_SITE PKG_CONFIG_LIBDIR="$libdir" "$@" \
		sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" \
		"$top_srcdir/configure" --cache-file=/dev/null -q
}

fix="install them (or run ./quickstart) and re-run configure"
mkdir "$PD_TMP/no-pc"

try "every library missing" \
	"configure: error: missing libraries: ncursesw (Debian package libncurses-dev), libgit2 >= 1.1 (Debian package libgit2-dev), talloc (Debian package libtalloc-dev), GMime 3 (Debian package libgmime-3.0-dev), libnotmuch >= 0.32 (Debian package libnotmuch-dev); $fix" \
	"$PD_TMP/no-pc" ac_cv_header_notmuch_h=no

# Every .pc file this machine has, but libgit2's.
mkdir "$PD_TMP/pc"
IFS=: read -r -a pc_dirs <<<"$(pkg-config --variable pc_path pkg-config)"
for d in "${pc_dirs[@]}"; do
	for pc in "$d"/*.pc; do
		[ -e "$pc" ] || continue
		case ${pc##*/} in libgit2.pc) continue ;; esac
		[ -e "$PD_TMP/pc/${pc##*/}" ] || ln -s "$pc" "$PD_TMP/pc/"
	done
done

if PKG_CONFIG_LIBDIR="$PD_TMP/pc" pkg-config --exists ncursesw talloc gmime-3.0; then
	try "only libgit2 missing" \
		"configure: error: missing libraries: libgit2 >= 1.1 (Debian package libgit2-dev); $fix" \
		"$PD_TMP/pc"
	try "libgit2 and libnotmuch missing" \
		"configure: error: missing libraries: libgit2 >= 1.1 (Debian package libgit2-dev), libnotmuch >= 0.32 (Debian package libnotmuch-dev); $fix" \
		"$PD_TMP/pc" ac_cv_header_notmuch_h=no
else
	tap_skip "only libgit2 missing" "the other libraries are not installed here either"
	tap_skip "libgit2 and libnotmuch missing" "the other libraries are not installed here either"
fi

tap_done
