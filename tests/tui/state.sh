#!/bin/bash
# Review states in the reader, on a private copy of the demo list indexed
# by the real notmuch: `s` asks for a state and writes it as a notmuch tag
# (notmuch sees it, a restart shows it), the list grows a state column and
# counts once anything is triaged, S and :filter show one state, `v`
# shows older revisions superseded, tags set outside are read, a locked
# database is retried and what never got written is said at exit, and
# opening a patch takes its unread tag off when mark-read is on.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
hold="$top_builddir/tests/unit/db-hold"
store="$PD_TMP/store"
mkdir -p "$store"
cp -r "$PD_DEMO/mail" "$store/mail"
rm -rf "$store/mail/.notmuch"
conf="$PD_TMP/notmuch-config"
printf '[database]\npath=%s\n[new]\ntags=unread\n' "$store/mail" >"$conf"
NOTMUCH_CONFIG="$conf" notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
export NOTMUCH_CONFIG="$conf" TERM=xterm-256color
rc="$XDG_CONFIG_HOME/patchdeck/config"

tagged() { # TAG: the Message-IDs notmuch finds with it, sorted
	notmuch search --output=messages "tag:$1" | sed 's/^id://' | sort
}
sam=20240304100000.41388-1-sam@example.org
sam_ids=$(for i in 1 2 3; do echo "20240304100000.41388-$i-sam@example.org"; done)
li=20240214030000.38646-1-liwei@example.cn

check_eq 'nothing triaged: no state column, no counts' \
'2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   kernel/watchdog_lite: configurable thre
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   net: phy: demo: cleanups
 list: *  (26 series)                                                                          1/26

status 0' "$(tui_run 'dump' --screen 4x100)"

check_eq 's asks for one letter; a sets accepted: column, counts, the write said' \
'2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   kernel/watchdog_lite: configurable thre
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   net: phy: demo: cleanups
 list: *  (26 series)                                                                          1/26
new -> [n]ew [r]eviewing [c]hanges-requested [a]ccepted re[j]ected a[p]plied [d]eferred?
2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   accepted   kernel/watchdog_lite: config
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)              net: phy: demo: cleanups
 list: *  (26 series)  new 25, accepted 1, superseded 3                                        1/26
<20240304100000.41388-1-sam@example.org> accepted: 3 of 3 messages retagged pd/accepted
status 0' "$(tui_run 'key s
dump
key a
dump' --screen 4x100)"
check_eq 'notmuch sees pd/accepted on exactly the cover and the two patches' "$sam_ids" "$(tagged pd/accepted)"

check_eq 'a restart reads the state back; Esc cancels the question' \
'2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   accepted   kernel/watchdog_lite: config
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)              net: phy: demo: cleanups
 list: *  (26 series)  new 25, accepted 1, superseded 3                                        2/26
cancelled
status 0' "$(tui_run 'key j s Esc
dump' --screen 4x100)"

check_eq 'the series view: State: line; s there sets changes-requested; the list follows' \
'State:      accepted (s sets it)
State:      changes-requested (s sets it)
<20240304100000.41388-1-sam@example.org> changes-requested: 3 of 3 messages retagged pd/changes-requested
2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   changes    kernel/watchdog_lite: configurable thr
 list: *  (26 series)  new 25, changes-requested 1, superseded 3                                         1/26
status 0' "$(tui_run 'key Enter
dump
key s c
dump
key q
dump' --screen 16x110 | grep -E '^(State:|<|status| list|2024-03-04)')"
check_eq 'accepted is gone, changes-requested on the three' "0
$sam_ids" "$(tagged pd/accepted | wc -l; tagged pd/changes-requested)"

notmuch tag +pd/rejected -- "id:$li"
check_eq 'a tag set by notmuch is read; S cycles through the states in use; :filter' \
'2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   changes    kernel/watchdog_lite: config
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   rejected   net: phy: demo: cleanups
 list: *  (26 series)  new 24, changes-requested 1, rejected 1, superseded 3                   1/26

2024-02-13 Jane Doe              v1    pull   A0 R0 T0 (1)              [GIT PULL] demo_eth fixes fo
2024-02-09 Yuki Tanaka           v1    1/1    A0 R0 T0                  kernel/watchdog_lite: print
 list: *  (26 series)  *new 24, changes-requested 1, rejected 1, superseded 3                  1/24
only new series shown (24); :filter shows all
2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   changes    kernel/watchdog_lite: config

 list: *  (26 series)  new 24, *changes-requested 1, rejected 1, superseded 3                   1/1
only changes-requested series shown (1); :filter shows all
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   rejected   net: phy: demo: cleanups

 list: *  (26 series)  new 24, changes-requested 1, *rejected 1, superseded 3                   1/1
only rejected series shown (1); :filter shows all
2024-01-22 Tomasz Nowak          v1↑   3/3    A0 R1 T0 (4)   superseded └─[net-next] net: skb_pool:
2024-01-15 Jane Doe              v2↑   3/3    A0 R1 T1 (2)   superseded ├─demo_eth: configurable rin
 list: *  (26 series)  new 24, changes-requested 1, rejected 1, *superseded 3                   1/3
only superseded series shown (3); :filter shows all
2024-02-02 Tomasz Nowak          v2+   5/5    A0 R2 T0 (5)              [net-next] net: skb_pool: tu
2024-02-01 Ravi Kumar            v1    2/2    A0 R1 T0 (2)              mm/page_pool_lite: fix the e
 list: *  (26 series)  new 24, changes-requested 1, rejected 1, superseded 3                   7/26
all series shown
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   rejected   net: phy: demo: cleanups

 list: *  (26 series)  new 24, changes-requested 1, *rejected 1, superseded 3                   1/1
only rejected series shown (1); :filter shows all
2024-01-22 Tomasz Nowak          v1↑   3/3    A0 R1 T0 (4)   superseded └─[net-next] net: skb_pool:
2024-01-15 Jane Doe              v2↑   3/3    A0 R1 T1 (2)   superseded ├─demo_eth: configurable rin
 list: *  (26 series)  new 24, changes-requested 1, rejected 1, *superseded 3                   1/3
only superseded series shown (3); :filter shows all
2024-01-22 Tomasz Nowak          v1↑   3/3    A0 R1 T0 (4)   superseded └─[net-next] net: skb_pool:
2024-01-15 Jane Doe              v2↑   3/3    A0 R1 T1 (2)   superseded ├─demo_eth: configurable rin
 list: *  (26 series)  new 24, changes-requested 1, rejected 1, *superseded 3                   1/3
no review state '\''merged'\''; use :filter state:STATE with one of new, reviewing
status 0' "$(tui_run 'dump
key S
dump
key S
dump
key S
dump
key S
dump
key S
dump
type :filter state:rejected
key Enter
dump
type :filter superseded
key Enter
dump
type :filter state:merged
key Enter
dump' --screen 4x100 | sed 's/^\(no review state .merged.; use :filter state:STATE with one of new, reviewing\).*/\1/')"

# Another writer holds the database (as notmuch new does while it runs):
# the reader does not wait; it says so, tries again at every key, and at
# exit names what was never written.
coproc HOLD { "$hold" "$conf"; }
hold_pid=$HOLD_PID
read -r held <&"${HOLD[0]}"
check_eq 'db-hold holds the write lock' "held" "$held"
check_eq 'locked: told, retried at the next key, named at exit; exit status 1' \
'the notmuch database is locked (notmuch new?): 1 change waiting, retried until it is free
the notmuch database is locked (notmuch new?): 1 change waiting, retried until it is free
status 1
patchdeck: the notmuch database stayed locked by another writer; not written: '\''patchdeck tag 20240304100000.41388-1-sam@example.org accepted'\''' \
"$(tui_run 'key s a
dump
key j
dump
key Q' --screen 4x100 | grep -v '^20\| list')"
eval "exec ${HOLD[1]}>&-"
wait "$hold_pid" 2>/dev/null
check_eq 'nothing was written while locked' "0" "$(tagged pd/accepted | wc -l)"

# Opening a patch takes its unread tag off when mark-read is on (it is
# off in every test's config, tests/lib.sh), and only that patch's.
unread_sam() { notmuch search --output=messages "tag:unread and thread:{id:$sam}" | sed 's/^id://' | sort; }
check_eq 'before: the whole thread unread' \
'0A6B472957086625@example.jp
20240304100000.41388-1-sam@example.org
20240304100000.41388-2-sam@example.org
20240304100000.41388-3-sam@example.org
93AD810C3xF96C21@example.ru' "$(unread_sam)"
tui_run 'key Enter
type /  1/2
key Enter Enter' >/dev/null
check_eq 'mark-read off: opening patch 1 leaves it unread' "5" "$(unread_sam | wc -l)"
echo 'set mark-read yes' >"$rc"
check_eq 'mark-read on: patch 1 opened (then n to patch 2): both read, nothing else' \
' patch: 1/2 kernel/watchdog_lite: turn the threshold into a variable
 patch: 2/2 kernel/watchdog_lite: add the watchdog_thresh= boot parameter
0A6B472957086625@example.jp
20240304100000.41388-1-sam@example.org
93AD810C3xF96C21@example.ru' "$(tui_run 'key Enter
type /  1/2
key Enter Enter
dump
key n
dump' --screen 3x100 | sed -n 's/ *[0-9]*\/[0-9]* *$//; /^ patch:/p'; unread_sam)"
check_eq 'mark-read on: the list'\''s bold goes as soon as the one unread patch of a series is opened' \
'{cursor,bold}2024-02-09 Yuki Tanaka           v1    1/1    A0 R0 T0                  kernel/watchdog_lite: print
 patch: 1/1 kernel/watchdog_lite: print
{cursor}2024-02-09 Yuki Tanaka           v1    1/1    A0 R0 T0                  kernel/watchdog_lite: print
not unread in notmuch: 0' "$(tui_run 'type /print the name
key Enter
dump attrs
key Enter
type /^  1/1
key Enter
key Enter
dump
key q q
dump attrs' --screen 3x100 | grep -E '^(\{cursor| patch:)' | sed 's/ *[0-9]*\/[0-9]* *$//; s/print .*/print/'
echo "not unread in notmuch: $(notmuch count 'tag:unread and subject:"print the name"')")"

# Deferred until a day: `s d` opens ":defer " for the day; PATCHDECK_TODAY
# is the test hook for today. Once the day has come the series is due, on
# its own: nothing is written.
export PATCHDECK_TODAY=2026-11-22
# The revision's own messages: the cover, the five patches and the 6/5
# sent apart.
li_ids=$(for i in 1 2 3 4 5 6; do echo "20240214030000.38646-$i-liwei@example.cn"; done
	echo 20240214060000.40017-1-liwei@example.cn)
check_eq 's d asks for the day on the command line; +2w defers Li Wei until 2026-12-06' \
'2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   rejected
:defer
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   deferred
 list: *  (26 series)  new 24, changes-requested 1, deferred 1, superseded 3
<20240214030000.38646-1-liwei@example.cn> deferred until 2026-12-06: 7 of 7 messages retagged pd/deferred pd/until/2026-12-06' \
"$(tui_run 'key j s d
dump
type +2w
key Enter
dump' --screen 4x200 | sed -n 's/ *$//; /^2024-02-14/{s/\(.\{72\}\).*/\1/;s/ *$//;p}; /^:/p; /^<2024/p; / list:.*deferred/{s/ *[0-9]*\/[0-9]*$//;p}')"
check_eq 'notmuch sees pd/deferred and pd/until/2026-12-06 where pd/rejected was; rejected is gone' \
"$li_ids
$li_ids
0" "$(tagged pd/deferred; tagged pd/until/2026-12-06; tagged pd/rejected | wc -l)"

check_eq 'the series view says until when; :filter !deferred hides it; a bad day is one line' \
'State:      deferred until 2026-12-06 (s sets it)
 list: *  (26 series)  new 24, changes-requested 1, !deferred 1, superseded 3
deferred series hidden (25 shown); :filter shows all
 list: *  (26 series)  new 24, changes-requested 1, !deferred 1, superseded 3
'\''2026-13-01'\'' is not a date to defer to; use YYYY-MM-DD, +Nd (days) or +Nw (weeks), e.g. 2026-12-01 or +2w
status 0' "$(tui_run 'key j Enter
dump
key q
type :filter !deferred
key Enter
dump
type :defer 2026-13-01
key Enter
dump' --screen 16x200 | grep -E '^(State:|status| list|deferred|.2026)' | sed 's/ *[0-9]*\/[0-9]* *$//; s/ *$//')"

export PATCHDECK_TODAY=2026-12-06
check_eq 'on the day it is due, in the column, the counts and the series view; :filter !deferred shows it' \
'2024-03-04 Sam Okafor            v1    2/2    A0 R1 T0 (2)   changes    kernel/watchdog_lite: config
2024-02-14 Li Wei                v1    6/5    A0 R1 T0 (1)   due        net: phy: demo: cleanups
 list: *  (26 series)  new 24, changes-requested 1, !deferred 0, superseded 3, due 1           1/26
deferred series hidden (26 shown); :filter shows all
status 0
State:      due since 2026-12-06 (s sets it)' "$(tui_run 'type :filter !deferred
key Enter
dump
key j Enter
dump' --screen 4x100 | grep -v '^ series:\|^From:\|^Date:\|^$\|^net: phy')
$(tui_run 'key j Enter
dump' --screen 16x100 | grep '^State:')"
check_eq 'reading wrote nothing: the tags are as they were' "$li_ids
$li_ids" "$(tagged pd/deferred; tagged pd/until/2026-12-06)"

check_eq ':defer DAY alone defers the series under the cursor' \
'<20240304100000.41388-1-sam@example.org> deferred until 2026-12-09: 3 of 3 messages retagged pd/deferred pd/until/2026-12-09
status 0' "$(tui_run 'type :defer +3d
key Enter
dump' --screen 3x200 | grep -v '^20\| list' | sed 's/ *$//')"
check_eq 'pd/until/2026-12-09 on Sam'\''s three' "$sam_ids" "$(tagged pd/until/2026-12-09)"

# A deferral the locked database never took is named at exit with its day.
coproc HOLD { "$hold" "$conf"; }
hold_pid=$HOLD_PID
read -r held <&"${HOLD[0]}"
check_eq 'locked: the deferral named at exit as the command that makes it' \
'status 1
patchdeck: the notmuch database stayed locked by another writer; not written: '\''patchdeck tag 20240304100000.41388-1-sam@example.org deferred --until 2026-12-20'\''' \
"$(tui_run 'type :defer 2026-12-20
key Enter
key Q' --screen 4x100 | grep -v '^20\| list\|^the notmuch database is locked\|^$')"
eval "exec ${HOLD[1]}>&-"
wait "$hold_pid" 2>/dev/null
check_eq 'and nothing was written' "0" "$(tagged pd/until/2026-12-20 | wc -l)"
unset PATCHDECK_TODAY
tap_done
