#!/bin/bash
# The series list, the reader's first screen: one row per series (its
# latest revision), through the scripted mode, whole screens compared
# exactly. On a store built here with one series of each kind, and on the
# demo list ($PD_DEMO, whose CASES names every case), where each row must
# say what `patchdeck list` says.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
export TERM=xterm-256color
unset NO_COLOR

tui_series_store || tap_skip_all "cannot build the test store with notmuch new"

check_eq 'the list: one row per series, newest first: date, author, version (+: older revisions exist), received/total (! patches missing), A/R/T, (replies), [prefix] title' \
'2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-01 Alice Author     v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the
2024-04-25 Mallory          v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m t
2024-04-20 Dörte Ünicode    v1    1/1    A0 R0 T0       Wochenbericht für März
 list: *  (6 series)                                                        1/6

status 0' \
"$(tui_run 'dump' --screen 8x80)"

check_unread 'attributes: unread series bold (Carol'\''s v2 2/2, Bob'\''s reply to Frank), marks in the mark area, tags apart' \
'{cursor,bold}2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker 
{date}2024-05-08 {author}Grace Nocover    {version}v1    {count}2/2    {trailer}A0 R0 T0 {count}      {tags}[RFC]{subject} doc: explain the t
{date,bold}2024-05-06 {author,bold}Frank Single     {version,bold}v1    {count,bold}1/1    {trailer,bold}A0 R0 T0 {count,bold}(1)   {subject,bold}lib: tidy the strings
{date}2024-05-01 {author}Alice Author     {version}v1    {count}2/3{mark,bold}!{count}   {trailer}A0 R1 T0 {count}(1)   {tags}[net-next]{subject} net: fix the
{date}2024-04-25 {author}Mallory          {version}v1    {count}1/1    {trailer}A0 R0 T0 {count}      {subject}totally {escape,reverse}^[{subject}[31mred{escape,reverse}^[{subject}[0m t
{date}2024-04-20 {author}Dörte Ünicode    {version}v1    {count}1/1    {trailer}A0 R0 T0 {count}      {subject}Wochenbericht für März
{status,bold} list: *  (6 series)                                                        1/6 

status 0' \
"$(tui_run 'dump attrs' --screen 8x80)"

check_eq 'o sorts by latest activity (Bob'\''s reply puts Frank first), o again by date; the cursor stays on its series' \
'2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
2024-05-01 Alice Author     v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the
2024-04-25 Mallory          v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m t
2024-04-20 Dörte Ünicode    v1    1/1    A0 R0 T0       Wochenbericht für März
 list: *  (6 series)                                                        1/6
sorted by latest activity
2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-01 Alice Author     v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the
2024-04-25 Mallory          v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m t
2024-04-20 Dörte Ünicode    v1    1/1    A0 R0 T0       Wochenbericht für März
 list: *  (6 series)                                                        3/6
sorted by date
status 0' \
"$(tui_run 'key j j
key o
dump
key o
dump' --screen 8x80)"

check_unread 'v shows older revisions under the newest, marked superseded; v again folds them' \
'{cursor,bold}2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker 
{date}2024-05-03 {author}Carol Coder      {version}v1{mark,bold}↑{version}   {count}2/2    {trailer}A1 R0 T0 {count}(1)   {tree}└─{subject}mm: speed up the walke
{date}2024-05-08 {author}Grace Nocover    {version}v1    {count}2/2    {trailer}A0 R0 T0 {count}      {tags}[RFC]{subject} doc: explain the t
{date,bold}2024-05-06 {author,bold}Frank Single     {version,bold}v1    {count,bold}1/1    {trailer,bold}A0 R0 T0 {count,bold}(1)   {subject,bold}lib: tidy the strings
{date}2024-05-01 {author}Alice Author     {version}v1    {count}2/3{mark,bold}!{count}   {trailer}A0 R1 T0 {count}(1)   {tags}[net-next]{subject} net: fix the
{date}2024-04-25 {author}Mallory          {version}v1    {count}1/1    {trailer}A0 R0 T0 {count}      {subject}totally {escape,reverse}^[{subject}[31mred{escape,reverse}^[{subject}[0m t
{date}2024-04-20 {author}Dörte Ünicode    {version}v1    {count}1/1    {trailer}A0 R0 T0 {count}      {subject}Wochenbericht für März
{status,bold} list: *  (6 series)                                                        1/7 
{message}older revisions shown
2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-01 Alice Author     v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the
2024-04-25 Mallory          v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m t
2024-04-20 Dörte Ünicode    v1    1/1    A0 R0 T0       Wochenbericht für März

 list: *  (6 series)                                                        1/6
older revisions hidden
status 0' \
"$(tui_run 'key v
dump attrs
key v
dump' --screen 9x80)"

check_eq 'v keeps the cursor on its series when rows move' \
'2024-05-01 Alice Author     v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the
2024-04-25 Mallory          v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m t
2024-04-20 Dörte Ünicode    v1    1/1    A0 R0 T0       Wochenbericht für März
 list: *  (6 series)                                                        7/7
older revisions shown
2024-05-01 Alice Author     v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the
2024-04-25 Mallory          v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m t
2024-04-20 Dörte Ünicode    v1    1/1    A0 R0 T0       Wochenbericht für März
 list: *  (6 series)                                                        5/6
older revisions hidden
status 0' \
"$(tui_run 'key G v
dump
key k v
dump' --screen 5x80)"

check_unread 'Tab moves to the next unread series, then says there is none' \
'2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
 list: *  (6 series)                                                        3/6

2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
 list: *  (6 series)                                                        3/6
no unread line below
status 0' \
"$(tui_run 'key Tab
dump
key Tab
dump' --screen 4x80)"

check_eq '/ searches authors, addresses, versions, prefixes and titles; n and N move between matches' \
'2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
 list: *  (6 series)                                                        2/6

2024-05-01 Alice Author     v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the
 list: *  (6 series)                                                        4/6

2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
 list: *  (6 series)                                                        2/6

2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
 list: *  (6 series)                                                        1/6
search wrapped: v2
status 0' \
"$(tui_run 'type /net-next|bob@|grace
key Enter
dump
key n
dump
key N
dump
type /v2
key Enter
dump' --screen 3x80)"

# A pattern without regex characters is a plain substring search; it must
# find what the regex would: any case, across the columns' text.
check_eq '/ with a plain pattern: any case, across author and address; one space too many is a miss' \
'2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
 list: *  (6 series)                                                        2/6

2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
 list: *  (6 series)                                                        2/6
not found: nocover  <grace
status 0' \
"$(tui_run 'type /NOCOVER <GRACE
key Enter
dump
type /nocover  <grace
key Enter
dump' --screen 3x80)"

check_eq 'a narrow screen (60x15) narrows the author, then drops replies and date' \
'Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
Grace Noc…  v1    2/2    A0 R0 T0 [RFC] doc: explain the thi
Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings
Alice Aut…  v1    2/3!   A0 R1 T0 [net-next] net: fix the fr
Mallory     v1    1/1    A0 R0 T0 totally ^[[31mred^[[0m tex
Dörte Üni…  v1    1/1    A0 R0 T0 Wochenbericht für März







 list: *  (6 series)                                    6/6

status 0' \
"$(tui_run 'key G
resize 15 60
dump' --screen 24x80)"

check_eq 'a wide screen (250x70) shows every column in full' \
'2024-05-10 Carol Coder           v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
2024-05-08 Grace Nocover         v1    2/2    A0 R0 T0       [RFC] doc: explain the thing
2024-05-06 Frank Single          v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-01 Alice Author          v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the frobs
2024-04-25 Mallory               v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m text^G
2024-04-20 Dörte Ünicode         v1    1/1    A0 R0 T0       Wochenbericht für März






























































 list: *  (6 series)                                                                                                                                                                                                                                  1/6

status 0' \
"$(tui_run 'resize 70 250
dump' --screen 24x80)"

check_unread 'TERM=vt100 LANG=C: ASCII marks and tree, non-ASCII as ?, attributes only' \
'{bold,reverse}2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker 
2024-05-03 Carol Coder      v1{bold}^{}   2/2    A1 R0 T0 (1)   `-mm: speed up the walke
2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
{bold}2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-01 Alice Author     v1    2/3{bold}!{}   A0 R1 T0 (1)   [net-next] net: fix the
2024-04-25 Mallory          v1    1/1    A0 R0 T0       totally {reverse}^[{}[31mred{reverse}^[{}[0m t
2024-04-20 D?rte ?nicode    v1    1/1    A0 R0 T0       Wochenbericht f?r M?rz

{bold,reverse} list: *  (6 series)                                                        1/7 
older revisions shown
status 0' \
"$(TERM=vt100 LANG=C LC_ALL=C tui_run 'key v
dump attrs' --screen 10x80)"

check_eq ':query opens a list on a notmuch query; q returns to the first list' \
'2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t

 list: from:grace  (1 series)                                               1/1

2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
 list: *  (6 series)                                                        1/6

status 0' \
"$(tui_run 'type :query from:grace
key Enter
dump
key q
dump' --screen 4x80)"

check_eq 'a query without series says so; Enter there is one line' \
'

 list: from:nobody  (0 series)                                              0/0
no series in from:nobody
status 0' \
"$(tui_run 'type :query from:nobody
key Enter
key Enter
dump' --screen 4x80)"

# Enter hands the selected revision's Message-ID to the series view.
out=$(tui_run 'key j Enter
dump
key q
dump' --screen 4x80)
if printf '%s\n' "$out" | grep -q 'series view is not built yet'; then
	tap_skip 'Enter opens the selected series; q comes back to it' 'the series view is not built yet'
else
	check_eq 'Enter opens the selected series; q comes back to it' \
'series view of doc: explain the thing
 list: * (6 series) 2/6' \
	"$(printf '%s\n' "$out" | grep -E '^ (series|list): ' | sed -e 's/  */ /g' \
		-e 's/^ series: .*\(doc: explain the thing\).*/series view of \1/')"
fi

# ---------------------------------------------------------------- the demo
[ -f "$PD_DEMO/notmuch-config" ] || { tap_skip 'the demo list' "no demo list at $PD_DEMO"; tap_done; exit; }
export NOTMUCH_CONFIG="$PD_DEMO/notmuch-config"
nseries=$("$PATCHDECK" list | wc -l)

# Each row's facts as `patchdeck list` prints them (same order once sorted
# by activity): date|version|count|A/R/T|[prefix] title.
"$PATCHDECK" list | sed -E 's/^([^ ]+)  .*  (v[0-9.]+) +([^ ]+) +(A[0-9]+ R[0-9]+ T[0-9]+) +(.*)$/\1|\2|\3|\4|\5/' \
	> "$PD_TMP/cli-rows"
check_eq 'demo: every row says what patchdeck list says' \
"$(cat "$PD_TMP/cli-rows")
 list: * ($nseries series) 1/$nseries" \
"$(tui_run 'key o
dump' --screen "$((nseries + 2))x250" | sed -n "1,$((nseries + 1))p" |
	sed -E -e 's/^([^ ]+) .*  (v[0-9.]+)\+? +([^ ]+) +(A[0-9]+ R[0-9]+ T[0-9]+) +(\([0-9]+\))? +(.*)$/\1|\2|\3|\4|\6/' \
		-e 's/  */ /g')"

check_eq 'demo: revisions-v1..v3 as one series, its older revisions folded under v3' \
'2024-01-22 Jane Doe              v3+   3/3    A0 R1 T2 (3)   demo_eth: configurable ring sizes
2024-01-15 Jane Doe              v2↑   3/3    A0 R1 T1 (2)   ├─demo_eth: configurable ring sizes
2024-01-08 Jane Doe              v1↑   3/3    A0 R0 T0 (5)   └─demo_eth: configurable ring sizes' \
"$(tui_run 'type /ring sizes
key Enter v j j
dump' --screen 5x120 | sed -n 1,3p)"

check_eq 'demo: missing patches, a target prefix, a pull request, a 12-patch RFC' \
'2024-02-07 Carol Ng              v1    4/5!   A0 R0 T0 (2)   lib/crc_lite: small cleanups
2024-02-02 Tomasz Nowak          v2+   5/5    A0 R2 T0 (5)   [net-next] net: skb_pool: tunable refill watermark
2024-02-13 Jane Doe              v1    pull   A0 R0 T0 (1)   [GIT PULL] demo_eth fixes for 6.8-rc5
2024-01-29 Dmitry Volkov         v1    12/12  A6 R0 T0 (7)   [RFC] treewide: fix misspellings in comments' \
"$(tui_run 'type /crc_lite
key Enter
dump
type /tunable
key Enter
dump
type /GIT PULL
key Enter
dump
type /treewide
key Enter
dump' --screen 3x120 | sed -n '1~3p' | grep -v '^status')"

tap_done
