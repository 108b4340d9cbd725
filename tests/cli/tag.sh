#!/bin/bash
# patchdeck tag SERIES STATE: the review state lands as a notmuch tag on
# the revision's cover and patches (and nowhere else), notmuch sees it,
# a new state replaces the old one, tag-prefix is honoured, and a database
# held by another writer is waited for with a message, then either tagged
# or left unchanged with one clear line. On a private copy of the demo
# list, indexed by the real notmuch.
. "$top_srcdir/tests/lib.sh"

store="$PD_TMP/store"
mkdir -p "$store"
cp -r "$PD_DEMO/mail" "$store/mail"
rm -rf "$store/mail/.notmuch"
conf="$PD_TMP/notmuch-config"
printf '[database]\npath=%s\n[new]\ntags=unread\n' "$store/mail" >"$conf"
NOTMUCH_CONFIG="$conf" notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
export HOME="$PD_TMP/home" XDG_CONFIG_HOME="$PD_TMP/home/.config"
mkdir -p "$XDG_CONFIG_HOME/patchdeck"

pd() { "$PATCHDECK" --notmuch-config "$conf" "$@"; }
tagged() { # TAG: the Message-IDs notmuch finds with it, sorted
	notmuch --config="$conf" search --output=messages "tag:$1" | sed 's/^id://' | sort
}

deep=20240111134000.12597-1-anna.schmidt@example.de
deep_ids=$(for i in 1 2 3 4 5; do echo "20240111134000.12597-$i-anna.schmidt@example.de"; done)

check_run "tag: accepted, on the cover and the 4 patches" 0 \
	"<$deep> accepted: 5 of 5 messages retagged pd/accepted" "" -- pd tag "$deep" accepted
check_eq "notmuch sees pd/accepted on exactly the revision's messages (not the Acked-by reply)" \
	"$deep_ids" "$(tagged pd/accepted)"
check_run "tag by a patch's Message-ID, with id: and <>: changes-requested replaces accepted" 0 \
	"<$deep> changes-requested: 5 of 5 messages retagged pd/changes-requested" "" -- \
	pd tag "id:<20240111134000.12597-3-anna.schmidt@example.de>" changes-requested
check_eq "no pd/accepted left; pd/changes-requested on the five" \
	"0
$deep_ids" "$(tagged pd/accepted | wc -l; tagged pd/changes-requested)"
check_run "the same state again changes nothing" 0 \
	"<$deep> changes-requested: 0 of 5 messages retagged pd/changes-requested" "" -- \
	pd tag "$deep" changes-requested
check_eq "other tags are kept (unread from notmuch new)" "5" \
	"$(notmuch --config="$conf" count "tag:unread and tag:pd/changes-requested")"

# A series without a cover letter: the three patches.
check_run "no cover: the three patches" 0 \
	"<20240110021500.11226-1-liwei@example.cn> reviewing: 3 of 3 messages retagged pd/reviewing" "" -- \
	pd tag 20240110021500.11226-2-liwei@example.cn reviewing

check_run "an unknown state: the states named" 2 "" \
	"patchdeck: no review state 'merged'; the states are: new, reviewing, changes-requested, accepted, rejected, applied, deferred" -- \
	pd tag "$deep" merged
check_run "an unknown series" 1 "" \
	"patchdeck: no message <nope@example.org> in the notmuch database; 'patchdeck list' shows the series and their ids" -- \
	pd tag nope@example.org accepted

echo 'set tag-prefix review/' >"$XDG_CONFIG_HOME/patchdeck/config"
check_run "tag-prefix from the config file" 0 \
	"<$deep> rejected: 5 of 5 messages retagged review/rejected" "" -- pd tag "$deep" rejected
rm "$XDG_CONFIG_HOME/patchdeck/config"

# Another writer holds the database (as notmuch new does while it runs).
pd_hold_db "db-hold holds the write lock" "$conf"
check_run "locked, --wait 1: waited with a message, then nothing changed" 1 "" \
	"patchdeck: the notmuch database is locked by another writer (notmuch new?); waiting up to 1 s for it
patchdeck: the notmuch database $store/mail is still locked by another writer (notmuch new?) after 1 s; nothing was changed: try again when it is done" -- \
	pd tag --wait 1 "$deep" accepted
check_eq "still no pd/accepted" "0" "$(tagged pd/accepted | wc -l)"
# The writer finishes while patchdeck waits: the change is made.
pd tag --wait 120 "$deep" accepted >"$PD_TMP/wait.out" 2>"$PD_TMP/wait.err" &
pdpid=$!
pd_wait_nonempty "$PD_TMP/wait.err"
pd_release_db
wait "$pdpid"
rc=$?
check_eq "the lock released while waiting: told, then tagged" \
	"0
<$deep> accepted: 5 of 5 messages retagged pd/accepted
patchdeck: the notmuch database is locked by another writer (notmuch new?); waiting up to 120 s for it" \
	"$rc
$(cat "$PD_TMP/wait.out" "$PD_TMP/wait.err")"
check_eq "and notmuch sees it" "$deep_ids" "$(tagged pd/accepted)"

# The database kept apart from the mail (database.path beside mail_root,
# as the demo's config has it): its lock is in database.path/xapian, and
# it is seen there too, not left for notmuch to fail on.
split="$PD_TMP/split"
mkdir -p "$split/db"
cp -r "$PD_DEMO/mail" "$split/mail"
rm -rf "$split/mail/.notmuch"
sconf="$PD_TMP/split-config"
printf '[database]\npath=%s\nmail_root=%s\n[new]\ntags=unread\n' "$split/db" "$split/mail" >"$sconf"
NOTMUCH_CONFIG="$sconf" notmuch new --quiet || { echo "Bail out! notmuch new (split) failed"; exit 1; }
pd_hold_db "db-hold holds the split database's write lock" "$sconf"
check_run "split database locked, --wait 1: the lock is found, nothing changed" 1 "" \
	"patchdeck: the notmuch database is locked by another writer (notmuch new?); waiting up to 1 s for it
patchdeck: the notmuch database $split/db is still locked by another writer (notmuch new?) after 1 s; nothing was changed: try again when it is done" -- \
	"$PATCHDECK" --notmuch-config "$sconf" tag --wait 1 "$deep" accepted
pd_release_db

# list --state: the column, tagged states read back, superseded for the
# older revisions of a series.
check_eq "list --state: the states just set, new, superseded" \
"2024-01-15  Jane Doe              v2   3/3    A0 R1 T1    superseded demo_eth: c
2024-01-08  Jane Doe              v1   3/3    A0 R0 T0    superseded demo_eth: c
2024-01-22  Tomasz Nowak          v1   3/3    A0 R1 T0    superseded [net-next] 
2024-01-11  Anna Schmidt          v1   4/4    A1 R0 T0    accepted   mm/slab_deb
2024-01-10  Li Wei                v1   3/3    A0 R1 T0    reviewing  net: phy: d" \
	"$(pd list --state --all-revisions | grep -E 'accepted|reviewing|superseded' | cut -c1-80)"
# Deferred until a day: pd/deferred plus pd/until/DAY; the day counts from
# PATCHDECK_TODAY (the test hook for "today"); once it has come the
# revision reads as due with no write; any other state takes the day off.
li=20240110021500.11226-1-liwei@example.cn
li_ids=$(for i in 1 2 3; do echo "20240110021500.11226-$i-liwei@example.cn"; done)
export PATCHDECK_TODAY=2026-11-22
check_run "deferred --until +3d (options after the operands): both tags" 0 \
	"<$li> deferred until 2026-11-25: 3 of 3 messages retagged pd/deferred pd/until/2026-11-25" "" -- \
	pd tag "$li" deferred --until +3d
check_eq "notmuch sees pd/deferred and pd/until/2026-11-25 on the three, reviewing gone" \
	"$li_ids
$li_ids
0" "$(tagged pd/deferred; tagged pd/until/2026-11-25; tagged pd/reviewing | wc -l)"
state_of_li() { pd list --state | grep -o 'T[0-9]*  *[a-z]*  *net: phy: demo: add the' | awk '{ print $2 }'; }
check_eq "before the day: deferred" "deferred" "$(state_of_li)"
check_eq "the day before: still deferred" "deferred" "$(PATCHDECK_TODAY=2026-11-24 state_of_li)"
check_eq "on the day: due, shown in the state column" "due" "$(PATCHDECK_TODAY=2026-11-25 state_of_li)"
check_eq "and later: due; reading wrote nothing (the tags are as they were)" \
	"due
$li_ids" "$(PATCHDECK_TODAY=2027-03-01 state_of_li; tagged pd/until/2026-11-25)"
check_run "deferred again --until +2w: the old day replaced" 0 \
	"<$li> deferred until 2026-12-06: 3 of 3 messages retagged pd/deferred pd/until/2026-12-06" "" -- \
	pd tag --until +2w "$li" deferred
check_eq "one until tag left on each" "$li_ids" \
	"$(tagged pd/until/2026-12-06; tagged pd/until/2026-11-25)"
check_run "a day in a leap year" 0 \
	"<$li> deferred until 2028-02-29: 3 of 3 messages retagged pd/deferred pd/until/2028-02-29" "" -- \
	pd tag "$li" deferred --until 2028-02-29
check_run "the same state and day again: nothing changes" 0 \
	"<$li> deferred until 2028-02-29: 0 of 3 messages retagged pd/deferred pd/until/2028-02-29" "" -- \
	pd tag "$li" deferred --until 2028-02-29
check_run "no such day" 2 "" \
	"patchdeck: '2027-02-29' is not a date to defer to; use YYYY-MM-DD, +Nd (days) or +Nw (weeks), e.g. 2026-12-01 or +2w" -- \
	pd tag "$li" deferred --until 2027-02-29
check_run "not after today" 2 "" \
	"patchdeck: 2026-11-22 is not after today (2026-11-22); defer to a later day" -- \
	pd tag "$li" deferred --until 2026-11-22
check_run "--until with another state" 2 "" \
	"patchdeck: --until goes with the state deferred, not accepted" -- \
	pd tag "$li" accepted --until +1d
check_run "another state takes the day off" 0 \
	"<$li> reviewing: 3 of 3 messages retagged pd/reviewing" "" -- pd tag "$li" reviewing
check_eq "no pd/deferred, no pd/until/ tag left" "0" \
	"$(notmuch --config="$conf" search --output=tags "thread:{id:$li}" | grep -c '^pd/\(deferred\|until/\)')"

# The state in show --json and list --json: "state", "deferred_until".
json_state() { python3 -c 'import json, sys
d = json.load(sys.stdin)
for r in (d if isinstance(d, list) else [d]):
    if r["id"] in sys.argv[1:]:
        print(r["id"].split("-")[0], r["state"], r["deferred_until"])' "$@"; }
check_eq "show --json: reviewing, no day" "20240110021500.11226 reviewing None" \
	"$(pd show --json "$li" | json_state "$li")"
pd tag "$li" deferred --until 2026-12-01 >/dev/null
check_eq "show --json: deferred until the day, due on it" \
"20240110021500.11226 deferred 2026-12-01
20240110021500.11226 due 2026-12-01" \
	"$(pd show --json "$li" | json_state "$li"; PATCHDECK_TODAY=2026-12-01 pd show --json "$li" | json_state "$li")"
check_eq "list --json --all-revisions: accepted, deferred, new, superseded" \
"20240122090000.7113 new None
20240115100000.5742 superseded None
20240111134000.12597 accepted None
20240110021500.11226 deferred 2026-12-01" \
	"$(pd list --json --all-revisions | json_state "$deep" "$li" 20240122090000.7113-1-jane@example.org 20240115100000.5742-1-jane@example.org)"
unset PATCHDECK_TODAY
tap_done
