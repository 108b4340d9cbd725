#!/bin/bash
# The reader's screens, through the scripted mode: real curses rendering on
# a virtual screen, keys through the curses input path, whole screens
# compared exactly. The store is built here (tests/tui/lib-tui.sh).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_store || tap_skip_all "cannot build the test store with notmuch new"
export TERM=xterm-256color
unset NO_COLOR

check_eq 'the thread list: newest first, counts, control characters escaped' \
'2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text^G
2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for bar
2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator


 list: *                                                                    1/4

status 0' \
"$(tui_run 'dump' --screen 8x80)"

check_eq 'attributes: cursor bar, unread line bold, escapes reversed, status bar' \
'{cursor}2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März                
{date}2024-03-03  {author}Mallory               {count}[1/1]   {subject}totally {escape,reverse}^[{subject}[31mred{escape,reverse}^[{subject}[0m text{escape,reverse}^G
{date,bold}2024-03-02  {author,bold}Alice Author, Bob R…  {count,bold}[4/4]   {subject,bold}[PATCH 1/2] foo: prepare for bar
{date}2024-02-28  {author}Carol Coder           {count}[1/1]   {subject}[RFC] rework the frobnicator
{status,bold} list: *                                                                    1/4 

status 0' \
"$(tui_run 'dump attrs' --screen 6x80)"

check_eq 'j, k, G, g, End, Home move the cursor; the status bar shows row/total' \
'2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for
 list: *                                                          3/4

2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text
 list: *                                                          2/4

2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator
 list: *                                                          4/4

2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                          1/4

2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator
 list: *                                                          4/4

2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                          1/4

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

check_eq 'Tab goes to the next unread thread, then says there is none' \
'{date}2024-03-04  {author}Dörte Ünicode         {count}[1/1]   {subject}Wochenbericht für März
{date}2024-03-03  {author}Mallory               {count}[1/1]   {subject}totally {escape,reverse}^[{subject}[31mred{escape,reverse}^[{subject}[0m text{escape,reverse}^G
{cursor,bold}2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for bar      
{date}2024-02-28  {author}Carol Coder           {count}[1/1]   {subject}[RFC] rework the frobnicator
{status,bold} list: *                                                                    3/4 

{date}2024-03-04  {author}Dörte Ünicode         {count}[1/1]   {subject}Wochenbericht für März
{date}2024-03-03  {author}Mallory               {count}[1/1]   {subject}totally {escape,reverse}^[{subject}[31mred{escape,reverse}^[{subject}[0m text{escape,reverse}^G
{cursor,bold}2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for bar      
{date}2024-02-28  {author}Carol Coder           {count}[1/1]   {subject}[RFC] rework the frobnicator
{status,bold} list: *                                                                    3/4 
{message}no unread line below
status 0' \
"$(tui_run 'key Tab
dump attrs
key Tab
dump attrs' --screen 6x80)"

check_eq 'Space, PgDn and - page on a 3-line view' \
'2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text
2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for
2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator
 list: *                                                          4/4

--
2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text
2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for
 list: *                                                          1/4

--
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text
2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for
2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator
 list: *                                                          4/4

status 0' \
"$(tui_run 'key Space
dump
echo --
key -
dump
echo --
key PgDn PgDn
dump' --screen 5x70)"

check_eq 'Enter opens the thread as a mutt-like tree; q goes back to the same line' \
'2024-03-02  Alice Author          [PATCH 0/2] foo: add bar support
2024-03-02  Alice Author          ├─>[PATCH 1/2] foo: prepare for bar
2024-03-02  Bob Reviewer          │ └─>
2024-03-02  Alice Author          └─>[PATCH 2/2] foo: add bar


 thread: [PATCH 0/2] foo: add bar support                                   1/4

--
2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text^G
2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for bar
2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator


 list: *                                                                    3/4

status 0' \
"$(tui_run 'key j j Enter
dump
echo --
key q
dump' --screen 8x80)"

check_eq 'the unread reply is bold in the thread view' \
'{cursor}2024-03-02  Alice Author          [PATCH 0/2] foo: add bar support              
{date}2024-03-02  {author}Alice Author          {tree}├─>{subject}[PATCH 1/2] foo: prepare for bar
{date,bold}2024-03-02  {author,bold}Bob Reviewer          {tree,bold}│ └─>
{date}2024-03-02  {author}Alice Author          {tree}└─>{subject}[PATCH 2/2] foo: add bar


{status,bold} thread: [PATCH 0/2] foo: add bar support                                   1/4 

status 0' \
"$(tui_run 'key j j Enter
dump attrs' --screen 8x80)"

check_eq 'q on the first view quits' \
'status 0' \
"$(tui_run 'key q' )"

check_eq 'Q quits from anywhere' \
'status 0' \
"$(tui_run 'key Enter ? Q' )"

check_eq 'the help view lists the keys of the view it was opened from' \
'Keys in the thread view
  j, Down      move-down    move to the next line
  k, Up        move-up      move to the previous line
  PgDn, Space  page-down    move one screen down
  PgUp, -      page-up      move one screen up
  g, Home      move-first   move to the first line
  G, End       move-last    move to the last line
  Tab          next-unread  move to the next unread line
  Enter        open         open the selected line: a series, a patch, a file'\''s diff, a reply
  q            back         close this view; quit from the first one
  Q            quit         quit patchdeck
  /            search       search forward for a regular expression
  n            find-next    move to the next match of the search
  N            find-prev    move to the previous match of the search
  :            prompt       open the command line
  ?            help         show the keys and commands
  C-l          redraw       redraw the screen
  C-z          suspend      suspend patchdeck (resume with fg)

Commands (type : first)
  :query QUERY                 list the threads matching QUERY (or a saved query'\''s name)
  :set NAME VALUE              change an option
 help: thread                                                                             1/37

status 0' \
"$(tui_run 'key Enter ?
dump' --screen 24x95)"

check_eq 'the help view shows keys rebound at the command line' \
'Keys in the list view
  j, Down, x   move-down         move to the next line
  k, Up        move-up           move to the previous line
  PgDn, Space  page-down         move one screen down
 help: list                                            1/39

status 0' \
"$(tui_run 'type :bind generic x move-down
key Enter
key ?
dump' --screen 6x60)"

check_eq '/ searches (case-insensitive regex), n wraps, a miss says so' \
'2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                          1/4
/Bob
2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for
 list: *                                                          3/4

2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for
 list: *                                                          3/4
search wrapped: Bob
2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                          1/4
not found: nomatch
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text
 list: *                                                          2/4
bad search pattern '\''('\'': Unmatched ( or \(
status 0' \
"$(tui_run 'type /Bob
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
'2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text
 list: *                                                          2/4

status 0' \
"$(tui_run 'type /m
key Enter G N
dump' --screen 3x70)"

check_eq ':query opens a list on another query; q returns to the first' \
'2024-03-02  Bob Reviewer, Alice…  [1/4]   [PATCH 1/2] foo: prepare for

 list: tag:unread                                                 1/1

--
2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text
 list: *                                                          1/4

status 0' \
"$(tui_run 'type :query tag:unread
key Enter
dump
echo --
key q
dump' --screen 4x70)"

check_eq 'a bad :query is one line and keeps the list' \
'2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                          1/4
bad query '\''thread:{'\'': missing } in '\''{'\''; see notmuch-search-terms(7)
status 0' \
"$(tui_run 'type :query thread:{
key Enter
dump' --screen 3x70)"

check_eq 'the command line while typing; Backspace edits, Esc cancels' \
'2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                          1/4
:query ta
2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                          1/4

status 0' \
"$(tui_run 'type :query tagx
key Backspace Backspace
dump
key Esc
dump' --screen 3x70)"

check_eq 'unknown keys and commands are one line each' \
'2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                                              1/4
key x is not bound; press ? for the keys
2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
 list: *                                                                              1/4
unknown command '\''frob'\''; use quit, query, set, bind, color, theme, source or help
Keys in the list view
 help: list                                                                          1/39
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
'2024-02-28  Carol Coder           [1/1]   [RFC] rework
 list: *                                           4/4

--
2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text^G
2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for bar
2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator

 list: *                                                                              4/4

status 0' \
"$(tui_run 'key G
resize 3 55
dump
echo --
resize 7 90
dump' --screen 10x80)"

check_eq 'TERM=vt100: ASCII tree and marks, non-ASCII text as ?, no colours' \
'2024-03-04  D?rte ?nicode         [1/1]   Wochenbericht f?r M?rz
2024-03-03  Mallory               [1/1]   totally ^[[31mred^[[0m text^G
2024-03-02  Alice Author, Bob R~  [4/4]   [PATCH 1/2] foo: prepare for bar
2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator


 list: *                                                                    1/4

2024-03-02  Alice Author          [PATCH 0/2] foo: add bar support
2024-03-02  Alice Author          |->[PATCH 1/2] foo: prepare for bar
{bold}2024-03-02  Bob Reviewer          | `->
{reverse}2024-03-02  Alice Author          `->[PATCH 2/2] foo: add bar                   


{bold,reverse} thread: [PATCH 0/2] foo: add bar support                                   4/4 

status 0' \
"$(TERM=vt100 tui_run 'dump
key j j Enter G
dump attrs' --screen 8x80)"

check_eq 'NO_COLOR: attributes only' \
'{reverse}2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für März                
2024-03-03  Mallory               [1/1]   totally {reverse}^[{}[31mred{reverse}^[{}[0m text{reverse}^G
{bold}2024-03-02  Alice Author, Bob R…  [4/4]   [PATCH 1/2] foo: prepare for bar
2024-02-28  Carol Coder           [1/1]   [RFC] rework the frobnicator
{bold,reverse} list: *                                                                    1/4 

status 0' \
"$(NO_COLOR=1 tui_run 'dump attrs' --screen 6x80)"

check_eq 'TERM=xterm (8 colours) keeps the colour areas' \
'{date}2024-03-04  {author}Dörte Ünicode         {count}[1/1]   {subject}Wochenbericht für März
{cursor}2024-03-03  Mallory               [1/1]   totally {cursor,reverse}^[{cursor}[31mred{cursor,reverse}^[{cursor}[0m text{cursor,reverse}^G{cursor}         
{status,bold} list: *                                                                    2/4 

status 0' \
"$(TERM=xterm tui_run 'key j
dump attrs' --screen 4x80)"

check_eq 'C-l redraws; C-z in scripted mode only says so' \
'2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für
 list: *                                                1/4

2024-03-04  Dörte Ünicode         [1/1]   Wochenbericht für
 list: *                                                1/4
suspend: not in scripted mode
status 0' \
"$(tui_run 'key C-l
dump
key C-z
dump' --screen 3x60)"

tap_done
