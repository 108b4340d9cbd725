#!/bin/bash
# `patchdeck list` on the real list archive (../shared/corpus), checked
# against what notmuch itself says about the same database.
. "$top_srcdir/tests/lib.sh"
pd_use_real_corpus

config=$PD_CORPUS_DIR/notmuch-config

# notmuch's own JSON for QUERY, laid out as `patchdeck list` lays out a row:
# newest date (UTC), [matched/total], authors; subject.
notmuch_rows() { # QUERY
	notmuch --config="$config" search --format=json --sort=newest-first "$1" |
		python3 -c '
import json, sys, time
for t in json.load(sys.stdin):
    day = time.strftime("%Y-%m-%d", time.gmtime(t["timestamp"]))
    sys.stdout.write("%s  [%d/%d]  %s; %s\n" % (day, t["matched"], t["total"],
                     t["authors"], t["subject"]))
'
}

all=$("$PATCHDECK" --notmuch-config "$config" list)
rc=$?
check_eq "list over the whole archive exits 0" 0 "$rc"

threads=$(notmuch --config="$config" search --output=threads '*' | wc -l)
check_eq "list prints one row per notmuch thread" \
	"$threads" "$(printf '%s\n' "$all" | grep -c .)"

check_eq "every row matches notmuch's date, counts, authors and subject" \
	"$(notmuch_rows '*')" "$all"

# A query that selects part of the archive, with a word in the body so that
# some threads match only in part (matched < total).
words=(subject:module and Reviewed-by)
query="${words[*]}"
some=$("$PATCHDECK" --notmuch-config "$config" list "${words[@]}")
check_eq "a query lists exactly notmuch's threads for it" \
	"$(notmuch_rows "$query")" "$some"

n_some=$(printf '%s\n' "$some" | grep -c .)
if [ "$n_some" -gt 0 ] && [ "$n_some" -lt "$threads" ]; then
	tap_ok "the query selects part of the archive ($n_some of $threads threads)"
else
	tap_not_ok "the query selects part of the archive" \
		"$n_some of $threads threads matched '$query'"
fi

# The kmod clone is a real tree with a long history; opening it must not
# change what list prints.
check_run "--tree on the real kmod clone leaves the listing as it is" 0 \
	"$some" "" -- \
	"$PATCHDECK" --notmuch-config "$config" --tree "$PD_CORPUS_DIR/kmod" \
	list "${words[@]}"

check_run "a query that matches nothing prints nothing" 0 "" "" -- \
	"$PATCHDECK" --notmuch-config "$config" list id:no-such-message@patchdeck.invalid

tap_done
