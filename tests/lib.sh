# Shell test library: sourced by every tests/*/*.sh. Speaks TAP.
#
# Environment (set by `make check`): top_srcdir, top_builddir, PD_SHARED.
# Tests run from the build directory; scratch files go under $PD_TMP, which
# is removed when the test exits.

set -u
: "${top_srcdir:?run through make check}"
: "${top_builddir:?run through make check}"

PATCHDECK="$top_builddir/src/patchdeck"
PD_TMP=$(mktemp -d "${TMPDIR:-/tmp}/pdtest.XXXXXX")
trap 'rm -rf "$PD_TMP" "$PD_TMP.vg"' EXIT
# PD_VALGRIND=1 (make check-valgrind): every patchdeck the tests run, and
# the test programs taken with pd_tool, go through valgrind's memcheck
# (tests/memcheck.sh). Its report goes to a file of its own per run (not
# stderr: not every check compares stderr, and a run in the background or
# killed by a signal has nobody reading it), and tap_done adds one check
# that every report is empty. The reports sit beside $PD_TMP, whose listing
# some tests compare.
#
# vg_wrap NAME PROGRAM: prints the path of a script that runs PROGRAM so.
vg_wrap() {
	# A permission test runs patchdeck as nobody (as_other_user), whose
	# report must be written here too.
	mkdir -p "$PD_TMP.vg/valgrind"
	chmod 755 "$PD_TMP.vg"
	chmod 1777 "$PD_TMP.vg/valgrind"
	printf '#!/bin/sh\necho "%s $*" >"%s/$$.cmd"\nexec sh "%s" "%s/%%p.log" "%s" "$@"\n' \
		"$1" "$PD_TMP.vg/valgrind" "$top_srcdir/tests/memcheck.sh" "$PD_TMP.vg/valgrind" "$2" \
		>"$PD_TMP.vg/$1"
	chmod +x "$PD_TMP.vg/$1"
	echo "$PD_TMP.vg/$1"
}
[ -n "${PD_VALGRIND:-}" ] && PATCHDECK=$(vg_wrap patchdeck "$PATCHDECK")
# pd_tool NAME: the test program tests/unit/NAME (mail-dump, load-dump...),
# under memcheck too with PD_VALGRIND.
pd_tool() {
	if [ -n "${PD_VALGRIND:-}" ]; then
		vg_wrap "$1" "$top_builddir/tests/unit/$1"
	else
		echo "$top_builddir/tests/unit/$1"
	fi
}
# How much longer than usual a test waits for the reader, or lets it run
# before it calls it hung: memcheck runs it tens of times slower.
PD_SLOW=1
[ -n "${PD_VALGRIND:-}" ] && PD_SLOW=20
# Keep the user's own notmuch and patchdeck settings out of every test.
export HOME="$PD_TMP/home" XDG_CONFIG_HOME="$PD_TMP/home/.config" \
	XDG_CACHE_HOME="$PD_TMP/home/.cache" LC_ALL=C.UTF-8 TZ=UTC
unset NOTMUCH_CONFIG NOTMUCH_PROFILE MAILDIR
mkdir -p "$HOME"
# The reader takes `unread` off what it shows; tests share one demo list
# and must not change it under each other. Tests of mark-read set it.
mkdir -p "$XDG_CONFIG_HOME/patchdeck"
echo 'set mark-read no' >"$XDG_CONFIG_HOME/patchdeck/config"

tap_n=0
tap_failed=0

tap_ok() { # NAME
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

tap_not_ok() { # NAME [DIAGNOSTIC...]
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}

tap_skip() { # NAME REASON
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# valgrind_check: under PD_VALGRIND, one check over every memcheck report
# the test's runs left: all empty, or the command and the start of each that
# is not.
valgrind_check() {
	local runs bad
	runs=$(find "$PD_TMP.vg/valgrind" -name '*.log' | wc -l)
	bad=$(find "$PD_TMP.vg/valgrind" -name '*.log' -size +0c | sort)
	if [ "$runs" -eq 0 ]; then
		tap_skip "memcheck" "no program of the project ran"
	elif [ -z "$bad" ]; then
		tap_ok "memcheck: no error and no definite leak in $runs runs"
	else
		# shellcheck disable=SC2086
		tap_not_ok "memcheck: errors in $(echo "$bad" | wc -l) of $runs runs" \
			"$(for f in $bad; do cat "${f%.log}.cmd"; head -n 40 "$f"; done)"
	fi
}

# Skips the whole file (must be called before any check).
tap_skip_all() { # REASON
	echo "1..0 # SKIP $1"
	exit 0
}

tap_done() {
	[ -n "${PD_VALGRIND:-}" ] && valgrind_check
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# check_eq NAME EXPECTED ACTUAL: exact comparison, unified diff on failure.
check_eq() {
	if [ "$2" = "$3" ]; then
		tap_ok "$1"
	else
		tap_not_ok "$1" "$(diff -u --label expected --label actual \
			<(printf '%s\n' "$2") <(printf '%s\n' "$3"))"
	fi
}

# check_run NAME EXPECTED_STATUS EXPECTED_STDOUT EXPECTED_STDERR -- CMD...
# Runs CMD and compares its exit status, stdout and stderr exactly.
check_run() {
	local name=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 5
	local out err rc
	out=$("$@" 2>"$PD_TMP/stderr")
	rc=$?
	err=$(cat "$PD_TMP/stderr")
	local got="status $rc
stdout:
$out
stderr:
$err"
	local want="status $want_rc
stdout:
$want_out
stderr:
$want_err"
	check_eq "$name" "$want" "$got"
}

# The generated demo store shared by all tests of one `make check`
# (built once by the check_DATA rule).
PD_DEMO="$top_builddir/tests/.work/demo"

# The real corpus (../shared/corpus), or empty when it is not beside us.
PD_CORPUS=""
if [ -d "${PD_SHARED:-}/corpus" ]; then
	PD_CORPUS="$PD_SHARED/corpus"
fi

# Prepares the real corpus once (tests/corpus/real-corpus caches it under
# $PD_CORPUS_CACHE, which make check passes in because HOME is private here)
# and sets PD_CORPUS_DIR to it. Skips the whole file where the corpus is
# absent, so call it before any check.
pd_use_real_corpus() {
	[ -n "$PD_CORPUS" ] || tap_skip_all "no real corpus: $(realpath -m "${PD_SHARED:-../shared}/corpus") is absent (put the project's shared/ beside the checkout or set PD_SHARED)"
	PD_CORPUS_DIR=$("$top_srcdir/tests/corpus/real-corpus" --quiet 2>"$PD_TMP/real-corpus.err") || {
		echo "Bail out! $(tail -n 1 "$PD_TMP/real-corpus.err")"
		exit 1
	}
}

# pd_try_real_corpus: pd_use_real_corpus where the corpus is beside us;
# where it is not, skips nothing (the file's other checks still run).
# Sets have_corpus to true or false.
pd_try_real_corpus() {
	have_corpus=false
	if [ -n "$PD_CORPUS" ]; then
		pd_use_real_corpus
		have_corpus=true
	fi
}

# one_patch_store MAILDIR CONF: a maildir holding one `[PATCH] one` mail
# from Ada, a notmuch config CONF whose database is MAILDIR, indexed.
# Bails out of the test file when notmuch new fails.
one_patch_store() {
	mkdir -p "$1/cur" "$1/new" "$1/tmp"
	cat >"$1/cur/1:2," <<-EOF
		From: Ada Lovelace <ada@example.org>
		To: list@example.org
		Subject: [PATCH] one
		Date: Mon, 01 Jan 2024 10:00:00 +0000
		Message-ID: <one@example.org>

		body
	EOF
	printf '[database]\npath=%s\n' "$1" >"$2"
	NOTMUCH_CONFIG="$2" notmuch new --quiet ||
		{ echo "Bail out! notmuch new failed for $1"; exit 1; }
}

# as_other_user: how a permission test runs patchdeck as someone who may
# not read a file. Sets as_other (a command prefix: setpriv to nobody when
# we are root, empty otherwise) and why_not (non-empty: the reason those
# checks must skip). Root reads everything, so only nobody can be refused.
as_other_user() {
	as_other=()
	why_not=""
	if [ "$(id -u)" -eq 0 ]; then
		if ! command -v setpriv >/dev/null; then
			why_not="running as root without setpriv (Debian package util-linux) to drop to nobody"
		else
			as_other=(setpriv --reuid=65534 --regid=65534 --clear-groups)
			"${as_other[@]}" "$PATCHDECK" --version >/dev/null 2>&1 ||
				why_not="user nobody cannot run $PATCHDECK (a build directory under a private home?)"
		fi
	fi
}

# pd_hold_db CHECK CONFIG: another writer holds the write lock of CONFIG's
# notmuch database, as notmuch new does while it runs (tests/unit/db-hold),
# until pd_release_db; CHECK names the check that it got the lock. One at
# a time.
pd_hold_db() {
	local held=""
	coproc PD_HOLD { "$top_builddir/tests/unit/db-hold" "$2"; }
	pd_hold_pid=$PD_HOLD_PID
	read -r held <&"${PD_HOLD[0]}"
	check_eq "$1" "held" "$held"
}
# pd_wait_nonempty FILE: until FILE has something in it (two minutes at most):
# a command in the background has said it waits.
pd_wait_nonempty() {
	for _ in $(seq 1200); do
		[ -s "$1" ] && return
		sleep 0.1
	done
}
pd_release_db() {
	eval "exec ${PD_HOLD[1]}>&-"
	wait "$pd_hold_pid" 2>/dev/null
}
