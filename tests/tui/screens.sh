#!/bin/bash
# The reader's screens, through the scripted mode: real curses rendering on
# a virtual screen, keys through the curses input path, whole screens
# compared exactly: moving, paging, searching, the command line, the help
# view, resizing, terminals without colours. The store is built here
# (tui_series_store in tests/tui/lib-tui.sh); the series list's own
# columns and keys are tests/tui/series-list.sh.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_series_store || tap_skip_all "cannot build the test store with notmuch new"
export TERM=xterm-256color
unset NO_COLOR

check_eq 'j, k, G, g, End, Home move the cursor; the status bar shows row/total' \
'2024-05-06 Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings
 list: *  (6 series)                                              3/6

2024-05-08 Grace Noc…  v1    2/2    A0 R0 T0 [RFC] doc: explain the th
 list: *  (6 series)                                              2/6

2024-04-20 Dörte Üni…  v1    1/1    A0 R0 T0 Wochenbericht für März
 list: *  (6 series)                                              6/6

2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6

2024-04-20 Dörte Üni…  v1    1/1    A0 R0 T0 Wochenbericht für März
 list: *  (6 series)                                              6/6

2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6

status 0' \
"$(tui_run 'key j j
dump
key k
dump
key G
dump
key g
dump
key End
dump
key Home
dump' --screen 3x70)"

check_eq 'Space, PgDn and - page on a 3-line view' \
'2024-05-01 Alice Aut…  v1    2/3!   A0 R1 T0 [net-next] net: fix the f
2024-04-25 Mallory     v1    1/1    A0 R0 T0 totally ^[[31mred^[[0m te
2024-04-20 Dörte Üni…  v1    1/1    A0 R0 T0 Wochenbericht für März
 list: *  (6 series)                                              4/6

--
2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
2024-05-08 Grace Noc…  v1    2/2    A0 R0 T0 [RFC] doc: explain the th
2024-05-06 Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings
 list: *  (6 series)                                              1/6

--
2024-05-01 Alice Aut…  v1    2/3!   A0 R1 T0 [net-next] net: fix the f
2024-04-25 Mallory     v1    1/1    A0 R0 T0 totally ^[[31mred^[[0m te
2024-04-20 Dörte Üni…  v1    1/1    A0 R0 T0 Wochenbericht für März
 list: *  (6 series)                                              6/6

status 0' \
"$(tui_run 'key Space
dump
echo --
key -
dump
echo --
key PgDn PgDn
dump' --screen 5x70)"

check_eq 'q on the first view quits' \
'status 0' \
"$(tui_run 'key q' )"

check_eq 'Q quits from anywhere' \
'status 0' \
"$(tui_run 'key ? Q' )"

check_eq 'the help view lists the keys of the view it was opened from' \
'Keys in the list view
  j, Down      move-down         move to the next line
  k, Up        move-up           move to the previous line
  PgDn, Space  page-down         move one screen down
  PgUp, -      page-up           move one screen up
  g, Home      move-first        move to the first line
  G, End       move-last         move to the last line
  Tab          next-unread       move to the next unread line
  Enter        open              open the selected line: a series, a patch, a file'\''s diff, a re
  o            toggle-sort       sort series by date or by latest activity
  v            toggle-revisions  show older revisions folded under the newest, or hide them
  a            apply             apply the series to a new branch of its tree (asks first)
  s            set-state         set the review state of the series revision (asks for one lett
  S            filter-state      show only the series in the next review state; after the last,
  $            refresh           read the review states again from notmuch (tags set elsewhere)
  R            reply-series      reply to the whole series: its cover letter, else patch 1
  T            reply-trailer     reply with Reviewed-by, Acked-by or Tested-by (asks which)
  q            back              close this view; quit from the first one
  Q            quit              quit patchdeck
  /            search            search forward for a regular expression
  n            find-next         move to the next match of the search
  N            find-prev         move to the previous match of the search
  :            prompt            open the command line
  ?            help              show the keys and commands
 help: list                                                                               1/55

status 0' \
"$(tui_run 'key ?
dump' --screen 26x95)"

check_eq 'the help view shows keys rebound at the command line' \
'Keys in the list view
  j, Down, x   move-down         move to the next line
  k, Up        move-up           move to the previous line
  PgDn, Space  page-down         move one screen down
 help: list                                            1/55

status 0' \
"$(tui_run 'type :bind generic x move-down
key Enter
key ?
dump' --screen 6x60)"

check_eq '/ searches (case-insensitive regex), n wraps, a miss says so' \
'2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6
/FRANK
2024-05-06 Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings
 list: *  (6 series)                                              3/6

2024-05-06 Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings
 list: *  (6 series)                                              3/6
search wrapped: FRANK
2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6
not found: nomatch
2024-05-08 Grace Noc…  v1    2/2    A0 R0 T0 [RFC] doc: explain the th
 list: *  (6 series)                                              2/6
bad search pattern '\''('\'': Unmatched ( or \(
status 0' \
"$(tui_run 'type /FRANK
dump
key Enter
dump
key n
dump
key g
type /nomatch
key Enter
dump
key j
type /(
key Enter
dump' --screen 3x70)"

check_eq 'N searches backwards' \
'2024-04-25 Mallory     v1    1/1    A0 R0 T0 totally ^[[31mred^[[0m te
 list: *  (6 series)                                              5/6

status 0' \
"$(tui_run 'type /r
key Enter G N
dump' --screen 3x70)"

check_eq ':query opens a list on another query; q returns to the first' \
'2024-05-10 Carol Cod…  v2    2/2    A0 R0 T1 mm: speed up the walker
2024-05-06 Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings

 list: tag:unread  (2 series)                                     1/2

--
2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
2024-05-08 Grace Noc…  v1    2/2    A0 R0 T0 [RFC] doc: explain the th
2024-05-06 Frank Sin…  v1    1/1    A0 R0 T0 lib: tidy the strings
 list: *  (6 series)                                              1/6

status 0' \
"$(tui_run 'type :query tag:unread
key Enter
dump
echo --
key q
dump' --screen 5x70)"

check_eq 'a bad :query is one line and keeps the list' \
'2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6
bad query '\''thread:{'\'': missing } in '\''{'\''; see notmuch-search-terms(7)
status 0' \
"$(tui_run 'type :query thread:{
key Enter
dump' --screen 3x70)"

check_eq 'the command line while typing; Backspace edits, Esc cancels' \
'2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6
:query ta
2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6

status 0' \
"$(tui_run 'type :query tagx
key Backspace Backspace
dump
key Esc
dump' --screen 3x70)"

check_eq 'unknown keys and commands are one line each' \
'2024-05-10 Carol Coder           v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
 list: *  (6 series)                                                                  1/6
key x is not bound; press ? for the keys
2024-05-10 Carol Coder           v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
 list: *  (6 series)                                                                  1/6
unknown command '\''frob'\''; use quit, query, filter, defer, digest, save, set, bind, color, t…
Keys in the list view
 help: list                                                                          1/55
key Enter is not bound; press ? for the keys
status 0' \
"$(tui_run 'key x
dump
type :frob
key Enter
dump
key ? Enter
dump' --screen 3x90)"

check_eq 'resize: the screen follows and the cursor stays in sight' \
'Dörte Üni…  v1    1/1    Wochenbericht für März
 list: *  (6 series)                               6/6

--
2024-05-10 Carol Coder           v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
2024-05-08 Grace Nocover         v1    2/2    A0 R0 T0       [RFC] doc: explain the thing
2024-05-06 Frank Single          v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-01 Alice Author          v1    2/3!   A0 R1 T0 (1)   [net-next] net: fix the frobs
2024-04-25 Mallory               v1    1/1    A0 R0 T0       totally ^[[31mred^[[0m text^G
2024-04-20 Dörte Ünicode         v1    1/1    A0 R0 T0       Wochenbericht für März

 list: *  (6 series)                                                                  6/6

status 0' \
"$(tui_run 'key G
resize 3 55
dump
echo --
resize 9 90
dump' --screen 10x80)"

check_unread 'NO_COLOR: attributes only' \
'{bold,reverse}2024-05-10 Carol Coder      v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker 
2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
{bold}2024-05-06 Frank Single     v1    1/1    A0 R0 T0 (1)   lib: tidy the strings
2024-05-01 Alice Author     v1    2/3{bold}!{}   A0 R1 T0 (1)   [net-next] net: fix the
{bold,reverse} list: *  (6 series)                                                        1/6 

status 0' \
"$(NO_COLOR=1 tui_run 'dump attrs' --screen 6x80)"

check_unread 'TERM=xterm (8 colours) keeps the colour areas' \
'{date,bold}2024-05-10 {author,bold}Carol Coder      {version,bold}v2{mark,bold}+{version,bold}   {count,bold}2/2    {trailer,bold}A0 R0 T1 {count,bold}(1)   {subject,bold}mm: speed up the walker
{cursor}2024-05-08 Grace Nocover    v1    2/2    A0 R0 T0       [RFC] doc: explain the t
{status,bold} list: *  (6 series)                                                        2/6 

status 0' \
"$(TERM=xterm tui_run 'key j
dump attrs' --screen 4x80)"

check_eq 'C-l redraws; C-z in scripted mode only says so' \
'Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                    1/6

Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                    1/6
suspend: not in scripted mode
status 0' \
"$(tui_run 'key C-l
dump
key C-z
dump' --screen 3x60)"

check_eq ':bind in the help view names every view a key can be bound in' \
'  :bind VIEW KEY ACTION        bind a key (VIEW: generic list series patch thread message help)' \
"$(tui_run 'key ? G
dump' --screen 30x120 | grep ':bind')"

tap_done
