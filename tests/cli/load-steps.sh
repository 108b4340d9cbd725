#!/bin/bash
# The loader: reading step by step (pd_load_begin/step/result, what the
# reader does) gives exactly what reading in one go gives (pd_load_query,
# what `patchdeck list` does), with or without worker threads; a
# Message-ID that two files parse to is one mail with both files; unread
# comes from the store's tags. tests/unit/load-dump prints the mails read
# and the model (see there).
. "$top_srcdir/tests/lib.sh"

dump=$(pd_tool load-dump)
demo="$PD_DEMO/notmuch-config"
# The steps themselves are checked here: a series cache written by one
# load would let the next one take everything in a single step
# (tests/cli/cache.sh checks the cache).
export PATCHDECK_CACHE=0

# same NAME [--built] ARGS...: load-dump ARGS in one go and in steps of
# 0 ms (one thread per step) print the same; more than one step was taken.
# --built: the models are built on their own thread while the steps go
# on, as the reader builds them (how many are handed over before the last
# depends on the machine's speed).
same() {
	local name=$1 mode=--steps=0 least=2
	shift
	[ "$1" = --built ] && { mode=--built=0; least=1; shift; }
	"$dump" "$@" >"$PD_TMP/whole" 2>"$PD_TMP/whole.err" ||
		{ tap_not_ok "$name" "$(cat "$PD_TMP/whole.err")"; return; }
	"$dump" "$mode" "$@" >"$PD_TMP/steps" 2>"$PD_TMP/steps.err" ||
		{ tap_not_ok "$name" "$(cat "$PD_TMP/steps.err")"; return; }
	local steps results
	steps=$(sed -n 's/^steps //p' "$PD_TMP/steps.err")
	results=$(sed -n 's/^results //p' "$PD_TMP/steps.err")
	if [ "${steps:-0}" -lt 2 ] || [ "${results:-0}" -lt "$least" ]; then
		tap_not_ok "$name" "only ${steps:-0} step(s), ${results:-0} result(s)"
	else
		check_eq "$name ($steps steps, $results results)" "$(cat "$PD_TMP/whole")" \
			"$(cat "$PD_TMP/steps")"
	fi
}

same "the demo list: steps = one go" "$demo"
same "the demo list, every message: steps = one go" "$demo" '*'
same "a query on the demo list: steps = one go" "$demo" 'from:dmarc or subject:v2'
same "the demo list, models built on their thread: = one go" --built "$demo"
same "the demo list, every message, models built on their thread: = one go" --built "$demo" '*'

# A list closed while its model is being built does not wait for it: the
# build frees what it used when it ends (under --enable-sanitizers a leak
# or a use after free fails here).
# The real archive's model takes long enough to be caught building.
orphan_conf=$demo
if [ -n "$PD_CORPUS" ]; then
	pd_use_real_corpus
	orphan_conf=$PD_CORPUS_DIR/notmuch-config
fi
check_run "a job freed while its model is built: no wait, no crash" 0 "orphaned" "" -- \
	"$dump" --orphan "$orphan_conf" '*'

# Threads or not, the same mails and model.
"$dump" "$demo" '*' >"$PD_TMP/threads" 2>&1
PATCHDECK_THREADS=0 "$dump" "$demo" '*' >"$PD_TMP/inline" 2>&1
check_eq "no worker threads: the same result" "$(cat "$PD_TMP/threads")" "$(cat "$PD_TMP/inline")"
PATCHDECK_THREADS=3 "$dump" --steps=1 "$demo" '*' >"$PD_TMP/three" 2>/dev/null
check_eq "three worker threads, 1 ms steps: the same result" \
	"$(cat "$PD_TMP/threads")" "$(cat "$PD_TMP/three")"

# Every message of the store is read once: as many mails as notmuch has
# messages (the demo has no two files parsing to one id).
check_eq "every message read once" \
	"mails $(NOTMUCH_CONFIG=$demo notmuch count '*') unreadable 0" \
	"$(head -n 1 "$PD_TMP/threads")"

# What list reads of a mail is cut short (plain replies read to their
# headers, texts, notes and context lines dropped after parsing);
# PATCHDECK_FULL_PARSE reads and keeps everything. The lists must agree.
full_same() { # NAME CONFIG [QUERY]
	local name=$1 conf=$2
	shift 2
	"$PATCHDECK" --notmuch-config "$conf" list --json --all-revisions "$@" >"$PD_TMP/cut" 2>&1
	PATCHDECK_FULL_PARSE=1 "$PATCHDECK" --notmuch-config "$conf" list --json --all-revisions "$@" \
		>"$PD_TMP/full" 2>&1
	if [ "$(grep -c '"id"' "$PD_TMP/cut")" -gt 0 ] && cmp -s "$PD_TMP/cut" "$PD_TMP/full"; then
		tap_ok "$name"
	else
		tap_not_ok "$name" "$(diff "$PD_TMP/full" "$PD_TMP/cut" | head -n 20)"
	fi
}
full_same "the demo list: parsed in full or cut short, the same" "$demo"
full_same "the demo list, every message: parsed in full or cut short, the same" "$demo" '*'

# A store where two files parse to one Message-ID: notmuch files b under
# the first of its two Message-ID fields, GMime takes the last.
m=$PD_TMP/dup
mkdir -p "$m/cur" "$m/new" "$m/tmp"
mail() { # FILE SUBJECT DATE HEADER...
	local f=$1 subject=$2 date=$3
	shift 3
	{
		printf 'From: Ada Lovelace <ada@example.org>\nSubject: %s\nDate: %s\n' "$subject" "$date"
		printf '%s\n' "$@"
		printf '\nbody\n'
	} >"$m/cur/$f"
}
mail 'a:2,S' '[PATCH] one' 'Mon, 01 Jan 2024 10:00:00 +0000' 'Message-ID: <dup@example.org>'
mail 'b:2,S' '[PATCH] one' 'Mon, 01 Jan 2024 11:00:00 +0000' \
	'Message-ID: <other@example.org>' 'Message-ID: <dup@example.org>'
mail 'c:2,' '[PATCH] two' 'Mon, 01 Jan 2024 12:00:00 +0000' 'Message-ID: <two@example.org>'
printf '[database]\npath=%s\n[new]\ntags=unread\n[maildir]\nsynchronize_flags=true\n' "$m" >"$PD_TMP/dup.conf"
NOTMUCH_CONFIG="$PD_TMP/dup.conf" notmuch new --quiet ||
	{ echo "Bail out! notmuch new failed for $m"; exit 1; }
check_eq "the store holds two ids for a and b (what the loader must merge)" \
	"id:dup@example.org
id:other@example.org
id:two@example.org" \
	"$(NOTMUCH_CONFIG="$PD_TMP/dup.conf" notmuch search --output=messages --sort=oldest-first '*')"

tid() { NOTMUCH_CONFIG="$PD_TMP/dup.conf" notmuch search --output=threads "id:$1" | sed 's/^thread://'; }
"$dump" "$PD_TMP/dup.conf" '*' >"$PD_TMP/dup.out" 2>&1
check_eq "one mail for the two files, in notmuch's thread for the id; unread from the tags" \
	"mails 2 unreadable 0
mail dup@example.org thread $(tid dup@example.org) unread 0 files a:2,S b:2,S
mail two@example.org thread $(tid two@example.org) unread 1 files c:2," \
	"$(sed -n '1,/^\[/p' "$PD_TMP/dup.out" | grep -v '^\[')"
check_run "list: the patch once, not a duplicate of itself" 0 \
	"2024-01-01  Ada Lovelace          v1   1/1    A0 R0 T0    two
2024-01-01  Ada Lovelace          v1   1/1    A0 R0 T0    one" "" -- \
	"$PATCHDECK" --notmuch-config "$PD_TMP/dup.conf" list '*'
same "two files for one id: steps = one go" "$PD_TMP/dup.conf" '*'
same "two files for one id, models built on their thread: = one go" --built "$PD_TMP/dup.conf" '*'

# The real archive, read in slices of 20 ms.
if [ -n "$PD_CORPUS" ]; then
	pd_use_real_corpus
	"$dump" "$PD_CORPUS_DIR/notmuch-config" >"$PD_TMP/real" 2>&1
	"$dump" --steps=20 "$PD_CORPUS_DIR/notmuch-config" >"$PD_TMP/real.steps" 2>"$PD_TMP/real.err"
	steps=$(sed -n 's/^steps //p' "$PD_TMP/real.err")
	if [ "${steps:-0}" -gt 1 ] && cmp -s "$PD_TMP/real" "$PD_TMP/real.steps"; then
		tap_ok "the real archive: $steps slices of 20 ms = one go"
	else
		tap_not_ok "the real archive: slices of 20 ms = one go" \
			"steps: ${steps:-0}" "$(diff "$PD_TMP/real" "$PD_TMP/real.steps" | head -n 20)"
	fi
	"$dump" --built=5 "$PD_CORPUS_DIR/notmuch-config" >"$PD_TMP/real.built" 2>"$PD_TMP/real.err"
	results=$(sed -n 's/^results //p' "$PD_TMP/real.err")
	if [ "${results:-0}" -gt 1 ] && cmp -s "$PD_TMP/real" "$PD_TMP/real.built"; then
		tap_ok "the real archive: slices of 5 ms, $results models built on their thread = one go"
	else
		tap_not_ok "the real archive: slices of 5 ms, models built on their thread = one go" \
			"results: ${results:-0}" "$(diff "$PD_TMP/real" "$PD_TMP/real.built" | head -n 20)"
	fi
	full_same "the real archive: parsed in full or cut short, the same" \
		"$PD_CORPUS_DIR/notmuch-config" '*'
else
	tap_skip "the real archive: slices = one go" "no real corpus"
	tap_skip "the real archive: models built on their thread = one go" "no real corpus"
	tap_skip "the real archive: parsed in full or cut short, the same" "no real corpus"
fi

tap_done
