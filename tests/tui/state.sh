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
no review state '\''merged'\''; use :filter state:STATE with one of new, reviewing, changes-requested, ac…
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
dump' --screen 4x100)"

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
tap_done
