#!/bin/bash
# The reader's configuration as a user meets it: the rc file, saved
# queries, themes, ':' commands, and the errors of each; plus the reader's
# own usage errors. Screens through the scripted mode, compared exactly.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_series_store || tap_skip_all "cannot build the test store with notmuch new"
export TERM=xterm-256color
unset NO_COLOR

mkdir -p "$XDG_CONFIG_HOME/patchdeck/themes" "$PD_TMP/bad/patchdeck"
cp "$top_srcdir/themes/mono.theme" "$XDG_CONFIG_HOME/patchdeck/themes/"
cat > "$XDG_CONFIG_HOME/patchdeck/config" <<'EOC'
# The user's config: a binding, an unbinding, an option, a saved query.
bind list x move-down
bind generic j none
set author-width 12
query unread "tag:unread"
EOC
cat > "$XDG_CONFIG_HOME/patchdeck/extra.rc" <<'EOC'
set date-format "%d %b"
EOC
cat > "$PD_TMP/bad/patchdeck/config" <<'EOC'
set author-width 12
bind list x jump
color status red blue
EOC

check_eq 'a bind in the config file takes effect; j bound to none is unbound' \
'2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
2024-05-08 Grace Noc…  v1    2/2    A0 R0 T0 [RFC] doc: explain the th
 list: *  (6 series)                                              2/6

2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
2024-05-08 Grace Noc…  v1    2/2    A0 R0 T0 [RFC] doc: explain the th
 list: *  (6 series)                                              2/6
key j is not bound; press ? for the keys
status 0' \
"$(tui_run 'key x
dump
key j
dump' --screen 4x70)"

# apply-bumped
check_eq 'the help view shows the config'\''s bindings' \
'Keys in the list view
  x, Down      move-down         move to the next line
  k, Up        move-up           move to the previous line
 help: list                                            1/55

status 0' \
"$(tui_run 'key ?
dump' --screen 5x60)"

check_eq 'a saved query from the config opens by name' \
'2024-05-10 Carol Cod…  v2    2/2    A0 R0 T1 mm: speed up the walker
 list: tag:unread  (2 series)                                     1/2

status 0' \
"$(tui_run 'dump' --screen 3x70 unread)"

check_eq ':query NAME opens a saved query' \
'2024-05-10 Carol Cod…  v2    2/2    A0 R0 T1 mm: speed up the walker
 list: tag:unread  (2 series)                                     1/2

status 0' \
"$(tui_run 'type :query unread
key Enter
dump' --screen 3x70)"

check_unread 'a config error shows as FILE:LINE on the last line; the rest applies' \
'{cursor,bold}2024-05-10 Carol Coder   v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker                                            
{date}2024-05-08 {author}Grace Nocov…  {version}v1    {count}2/2    {trailer}A0 R0 T0 {count}      {tags}[RFC]{subject} doc: explain the thing
{status} list: *  (6 series)                                                                                                1/6 
{error,bold}TMP/bad/patchdeck/config:2: unknown action '\''jump'\''; the help view (?) lists them
status 0' \
"$(XDG_CONFIG_HOME=$PD_TMP/bad tui_run 'dump attrs' --screen 4x120 | sed "s|$PD_TMP|TMP|")"

check_unread ':theme mono switches to attributes only' \
'{cursor,bold,reverse}2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker  
{date}2024-05-08 {author}Grace Noc…  {version}v1    {count}2/2    {trailer,underline}A0 R0 T0 {tags,underline}[RFC]{subject} doc: explain the th
{status,bold,reverse} list: *  (6 series)                                              1/6 

status 0' \
"$(tui_run 'type :theme mono
key Enter
dump attrs' --screen 4x70)"

check_eq ':theme with an unknown name says where it looked' \
'2024-05-10 Carol Coder   v2+   2/2    A0 R0 T1 (1)   mm: speed up the walker
 list: *  (6 series)                                                                                                                                        1/6
no theme '\''nosuch'\''; put nosuch.theme in TMP/home/.config/patchdeck/themes or PD_THEMEDIR
status 0' \
"$(tui_run 'type :theme nosuch
key Enter
dump' --screen 3x160 | sed -e "s|$PD_TMP|TMP|" -e "s| or /.*/themes\$| or PD_THEMEDIR|")"

check_eq ':set charset ascii switches the marks and the tree to ASCII' \
'2024-05-10 Carol Cod~  v2+   2/2    A0 R0 T1 mm: speed up the walker
2024-05-03 Carol Cod~  v1^   2/2    A1 R0 T0 `-mm: speed up the walker
2024-05-08 Grace Noc~  v1    2/2    A0 R0 T0 [RFC] doc: explain the th
 list: *  (6 series)                                              1/7
older revisions shown
status 0' \
"$(tui_run 'type :set charset ascii
key Enter
key v
dump' --screen 5x70)"

check_eq ':set with a bad value is one error line' \
'2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6
author-width takes a number from 4 to 200, not '\''1000'\''
status 0' \
"$(tui_run 'type :set author-width 1000
key Enter
dump' --screen 3x70)"

check_eq ':source runs an rc file' \
'10 May Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6

status 0' \
"$(tui_run 'type :source ~/.config/patchdeck/extra.rc
key Enter
dump' --screen 3x70 | sed "s|$PD_TMP|TMP|")"

check_eq 'the script names its bad line' \
'2024-05-10 Carol Cod…  v2+   2/2    A0 R0 T1 mm: speed up the walker
 list: *  (6 series)                                              1/6

status 1
patchdeck: TMP/script:2: unknown key '\''Hyper-x'\''' \
"$(tui_run 'dump
key Hyper-x
dump' --screen 3x70 | sed "s|$PD_TMP|TMP|")"

check_eq 'an unknown script command is an error' \
'status 1
patchdeck: TMP/script:1: unknown script command '\''frobnicate'\''; use key, type, resize, work, dump or echo' \
"$(tui_run 'frobnicate' --screen 3x70 | sed "s|$PD_TMP|TMP|")"

check_run "--screen without --script is a usage error" 2 "" \
	"patchdeck: --screen only applies with --script FILE" -- "$PATCHDECK" --screen 24x80

printf 'dump\n' > "$PD_TMP/one.script"
check_run "a malformed --screen is a usage error" 2 "" \
	"patchdeck: --screen takes ROWSxCOLS (e.g. 24x80), not '24by80'" -- \
	"$PATCHDECK" --script "$PD_TMP/one.script" --screen 24by80

check_run "a missing script is one line" 1 "" \
	"patchdeck: cannot read script $PD_TMP/nope: No such file or directory" -- \
	"$PATCHDECK" --script "$PD_TMP/nope"

check_run "without a terminal the reader says what to do" 1 "" \
	"patchdeck: the reader needs a terminal on standard input and output; use 'patchdeck list' to print threads" -- \
	"$PATCHDECK" </dev/null

check_run "a bad query stops the reader before the screen is touched" 1 "" \
	"patchdeck: bad query 'thread:{': missing } in '{'; see notmuch-search-terms(7)" -- \
	"$PATCHDECK" 'thread:{' </dev/null

check_eq "--dump-keys=theme is themes/default.theme" \
	"$(cat "$top_srcdir/themes/default.theme")" "$("$PATCHDECK" --dump-keys=theme)"

check_eq "--dump-keys=rc starts with the generated default keymap" \
"# The default keymap, generated from src/actions.h.
bind generic j move-down
bind generic Down move-down
bind generic k move-up" "$("$PATCHDECK" --dump-keys=rc | head -n 4)"

tap_done
