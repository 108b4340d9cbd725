#!/bin/bash
# Themes as the terminal gets them: each shipped theme at 256, 16, 8 and no
# colours ('dump colors' reads the colour pairs back from curses), --theme,
# ':theme', 'set theme', NO_COLOR, and the exact messages of a wrong theme.
# Screens are checked only where the generic code draws them (the cursor
# row's and status bar's style, the prompt and the error line), so that the
# views' own layouts can change without this file.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
tui_store || tap_skip_all "cannot build the test store with notmuch new"
export TERM=xterm-256color
unset NO_COLOR ESCDELAY
themes="$XDG_CONFIG_HOME/patchdeck/themes"
mkdir -p "$themes"

# A 16-colour terminal: the test compiles its own terminfo entry, since the
# system may have none (ncurses-term is not always installed).
have16=""
if command -v tic >/dev/null; then
	printf 'pd-16color|16 colours for the themes test,\n\tcolors#16, pairs#256, use=xterm-256color,\n' \
		>"$PD_TMP/pd16.src"
	tic -x -o "$PD_TMP/terminfo" "$PD_TMP/pd16.src" 2>/dev/null && have16=yes
fi

# colors [ENV...] -- [ARGS...]: the 'dump colors' table, only the areas
# that tell the depth apart.
colors() {
	local envs=()
	while [ "$1" != "--" ]; do envs+=("$1"); shift; done
	shift
	printf 'dump colors\n' >"$PD_TMP/colors.script"
	env "${envs[@]}" "$PATCHDECK" --script "$PD_TMP/colors.script" "$@" 2>&1 |
		grep -E '^(colors|cursor|status|error|date|tree|tags|diff-add|diff-del|whitespace|signature) '
}

check_eq "default at 256 colours: the theme's colorN as written" \
'colors 256
cursor 0 110 {}
status 255 24 {bold}
error 203 default {bold}
date 73 default {}
tree 133 default {}
tags 68 default {}
diff-add 78 default {}
diff-del 167 default {}
whitespace default 160 {}
signature 244 default {}' "$(colors TERM=xterm-256color --)"

if [ -n "$have16" ]; then
	check_eq "default at 16 colours: each colour's hue, the bright one when strong" \
'colors 16
cursor 0 14 {}
status 15 4 {bold}
error 9 default {bold}
date 6 default {}
tree 5 default {}
tags 12 default {}
diff-add 10 default {}
diff-del 9 default {}
whitespace default 9 {}
signature 8 default {}' "$(colors TERMINFO="$PD_TMP/terminfo" TERM=pd-16color --)"
else
	tap_skip "default at 16 colours" "tic is not installed"
fi

check_eq "default at 8 colours (TERM=xterm): the basic colour of each hue" \
'colors 8
cursor 0 6 {}
status 7 4 {bold}
error 1 default {bold}
date 6 default {}
tree 5 default {}
tags 4 default {}
diff-add 2 default {}
diff-del 1 default {}
whitespace default 1 {}
signature 7 default {}' "$(colors TERM=xterm --)"

check_eq "TERM=linux has 8 colours too" "colors 8" "$(colors TERM=linux -- | head -n 1)"

check_eq "no colours (TERM=vt100): attributes, and reverse where a background was" \
'colors 0
cursor - - {reverse}
status - - {bold,reverse}
error - - {bold}
date - - {}
tree - - {}
tags - - {}
diff-add - - {}
diff-del - - {}
whitespace - - {reverse}
signature - - {}' "$(colors TERM=vt100 --)"

check_eq "NO_COLOR set: no colours on a 256-colour terminal" \
	"$(colors TERM=vt100 --)" "$(colors NO_COLOR=1 --)"
check_eq "NO_COLOR empty counts as unset (no-color.org)" \
	"$(colors TERM=xterm-256color --)" "$(colors NO_COLOR= --)"

check_eq "--theme light at 256 colours" \
'colors 256
cursor 0 117 {}
status 231 25 {bold}
error 124 default {bold}
date 24 default {}
tree 97 default {}
tags 25 default {}
diff-add 28 default {}
diff-del 124 default {}
whitespace default 210 {}
signature 242 default {}' "$(colors -- --theme light)"

check_eq "--theme light at 8 colours: dark colours stay readable on white" \
'colors 8
cursor 0 6 {}
status 7 4 {bold}
error 1 default {bold}
date 4 default {}
tree 5 default {}
tags 4 default {}
diff-add 2 default {}
diff-del 1 default {}
whitespace default 1 {}
signature 0 default {}' "$(colors TERM=xterm -- --theme light)"

check_eq "--theme mono: the terminal's colours, areas told apart by attributes" \
'colors 256
cursor default default {reverse}
status default default {bold,reverse}
error default default {bold}
date default default {}
tree default default {dim}
tags default default {underline}
diff-add default default {bold}
diff-del default default {dim}
whitespace default default {reverse}
signature default default {dim}' "$(colors -- --theme mono)"

# A theme of the user's, in their themes directory, wins over a shipped
# one of the same name; here under a new name.
cat >"$themes/mine.theme" <<'EOT'
# starts from plain colours
color status yellow color52 underline
color date 200 default
EOT
check_eq "--theme NAME finds NAME.theme in the user's themes directory" \
'colors 256
cursor default default {}
status 3 52 {underline}
error default default {}
date 200 default {}
tree default default {}
tags default default {}
diff-add default default {}
diff-del default default {}
whitespace default default {}
signature default default {}' "$(colors -- --theme mine)"
check_eq "--theme PATH loads a file by its path" \
	"$(colors -- --theme mine)" "$(colors -- --theme "$themes/mine.theme")"

# The config file's theme line applies; --theme wins over it.
plain=$(colors --)
mono=$(colors -- --theme mono)
light=$(colors -- --theme light)
printf 'theme mono\ncolor date red default\n' >"$XDG_CONFIG_HOME/patchdeck/config"
check_eq "'theme mono' in the config file applies, and a color line after it" \
	"$(printf '%s\n' "$mono" | sed 's/^date .*/date 1 default {}/')" "$(colors --)"
check_eq "--theme wins over the config file's theme and colours" \
	"$light" "$(colors -- --theme light)"
check_eq "--theme default undoes the config's theme" "$plain" "$(colors -- --theme default)"
rm "$XDG_CONFIG_HOME/patchdeck/config"

check_run "--theme with no such theme is one line, before the terminal is touched" 1 "" \
	"patchdeck: --theme: no theme 'nosuch'; put nosuch.theme in $themes or PD_THEMEDIR" -- \
	bash -c '"$0" --theme nosuch --script /dev/null 2>&1 >/dev/null |
		sed "s| or /.*/themes\$| or PD_THEMEDIR|" >&2; exit "${PIPESTATUS[0]}"' "$PATCHDECK"
check_run "--theme with a path that is not there says so" 1 "" \
	"patchdeck: --theme: cannot read theme $PD_TMP/none.theme: No such file or directory" -- \
	"$PATCHDECK" --theme "$PD_TMP/none.theme" --script /dev/null
mkdir -p "$PD_TMP/dir.theme"
check_run "--theme with a directory says so" 1 "" \
	"patchdeck: --theme: cannot read theme $PD_TMP/dir.theme: Is a directory" -- \
	"$PATCHDECK" --theme "$PD_TMP/dir.theme" --script /dev/null
check_run "--theme without a NAME is a usage error" 2 "" \
	"patchdeck: --theme needs a NAME (default, light, mono or a theme of yours)
patchdeck: try 'patchdeck --help'" -- "$PATCHDECK" --theme

# A malformed theme: every kind of wrong line, each named FILE:LINE with
# what is allowed; the good lines still apply.
cat >"$themes/bad.theme" <<'EOT'
color status red blue
color status purple blue
color sidebar red blue
color date red
color author green default blink
color tree 256 default
colour tags red default
color title "red default
color error red default bold
EOT
check_eq "a malformed theme: the first error on the last line, the good lines applied" \
"{error,bold}$themes/bad.theme:2: unknown colour 'purple'; use default, black..white, bright-black..bright-white or color0..color255 (and 6 more errors)
colors 256
status 1 4 {}
error 1 default {bold}" \
"$(printf 'dump attrs\ndump colors\n' >"$PD_TMP/bad.script"
   "$PATCHDECK" --theme bad --script "$PD_TMP/bad.script" --screen 4x250 |
	sed -n -e '4p' -e '/^colors /p' -e '/^status /p' -e '/^error /p')"

# Every message of that file, through ':source' one line at a time would
# stop at the first; the unit test checks each message, this the file
# names and line numbers as a user sees them with :theme.
want_line() { # N MESSAGE
	printf '%s:%s: %s' "$themes/bad.theme" "$1" "$2"
}
got_errors=$(for n in 2 3 4 5 6 7 8; do
	sed -n "${n}p" "$themes/bad.theme" >"$themes/one.theme"
	printf 'type :theme one\nkey Enter\ndump\n' >"$PD_TMP/one.script"
	"$PATCHDECK" --script "$PD_TMP/one.script" --screen 3x400 | sed -n '3p'
done)
check_eq "each kind of wrong theme line: FILE:LINE: what is wrong and what is allowed" \
"$themes/one.theme:1: unknown colour 'purple'; use default, black..white, bright-black..bright-white or color0..color255
$themes/one.theme:1: unknown colour area 'sidebar'; use one of: default cursor status message error prompt date author count subject unread tree tags escape help-title help-key help-action title header mark version trailer collected diffstat diff-header diff-hunk diff-add diff-del whitespace quote1 quote2 quote3 signature
$themes/one.theme:1: usage: color AREA FG BG [ATTR...]
$themes/one.theme:1: unknown attribute 'blink'; use bold, underline, reverse, dim, standout, italic or normal
$themes/one.theme:1: unknown colour '256'; use default, black..white, bright-black..bright-white or color0..color255
$themes/one.theme:1: unknown command 'colour'; use set, bind, color, source, query or theme
$themes/one.theme:1: unterminated quote" "$got_errors"

# A theme file that is not text at all is lines of errors, not a crash.
head -c 4096 /dev/urandom >"$themes/noise.theme"
printf 'dump colors\n' >"$PD_TMP/noise.script"
"$PATCHDECK" --theme noise --script "$PD_TMP/noise.script" >"$PD_TMP/noise.out" 2>&1
check_eq "a binary theme file: the reader runs on (status 0, colours table)" \
	"0 colors 256" "$? $(head -n 1 "$PD_TMP/noise.out")"

# Switching at run time, and what the screen shows.
check_eq ":theme light switches colours at once" \
	"$(colors -- --theme light)" \
	"$(printf 'type :theme light\nkey Enter\ndump colors\n' >"$PD_TMP/s.script"
	   "$PATCHDECK" --script "$PD_TMP/s.script" |
		grep -E '^(colors|cursor|status|error|date|tree|tags|diff-add|diff-del|whitespace|signature) ')"
check_eq ":set theme mono is :theme mono" \
	"$(colors -- --theme mono)" \
	"$(printf 'type :set theme mono\nkey Enter\ndump colors\n' >"$PD_TMP/s.script"
	   "$PATCHDECK" --script "$PD_TMP/s.script" |
		grep -E '^(colors|cursor|status|error|date|tree|tags|diff-add|diff-del|whitespace|signature) ')"
check_eq ":theme with a wrong name keeps the colours and says where it looked" \
"{error,bold}no theme 'nosuch'; put nosuch.theme in $themes or PD_THEMEDIR
colors 256
status 255 24 {bold}" \
"$(printf 'type :theme nosuch\nkey Enter\ndump attrs\ndump colors\n' >"$PD_TMP/s.script"
   "$PATCHDECK" --script "$PD_TMP/s.script" --screen 3x200 |
	sed -n -e '3p' -e '/^colors /p' -e '/^status /p' | sed "s| or /.*/themes\$| or PD_THEMEDIR|")"

# The styles on the screen: the cursor row and the status bar under each
# theme, and which areas appear at all without colours.
# (The cursor row's bold, an unread series, is the view's business.)
styles() { # ENV... -- ARGS...
	local envs=()
	while [ "$1" != "--" ]; do envs+=("$1"); shift; done
	shift
	printf 'dump attrs\n' >"$PD_TMP/attrs.script"
	env "${envs[@]}" "$PATCHDECK" --script "$PD_TMP/attrs.script" --screen 6x80 "$@" \
		>"$PD_TMP/attrs.out" 2>&1
	local areas
	areas=$(grep -o '{[^}]*}' "$PD_TMP/attrs.out" | tr -d '{}' | tr ',' '\n' |
		grep -vxE '(bold|underline|reverse|dim|standout|italic)?' | sort -u | tr '\n' ' ')
	printf 'cursor %s status %s areas: %s\n' \
		"$(sed -n '1s/^\({[^}]*}\).*/\1/p' "$PD_TMP/attrs.out" |
			sed -e 's/,bold//' -e 's/{bold,/{/' -e 's/{bold}/{}/')" \
		"$(sed -n '5s/^\({[^}]*}\).*/\1/p' "$PD_TMP/attrs.out")" \
		"${areas:-none}"
}
check_eq "default theme on screen: cursor bar and status bar in their areas" \
	"cursor {cursor} status {status,bold} areas:" "$(styles -- | sed 's/areas: .*/areas:/')"
check_eq "mono on screen: cursor reversed, status bold and reversed" \
	"cursor {cursor,reverse} status {status,bold,reverse} areas:" \
	"$(styles -- --theme mono | sed 's/areas: .*/areas:/')"
check_eq "NO_COLOR on screen: no colour area anywhere, cursor and status reversed" \
	"cursor {reverse} status {bold,reverse} areas: none" "$(styles NO_COLOR=1 --)"
check_eq "TERM=vt100 on screen: the same as NO_COLOR" \
	"cursor {reverse} status {bold,reverse} areas: none" "$(styles TERM=vt100 --)"
check_eq "NO_COLOR with --theme light: still no colours" \
	"cursor {reverse} status {bold,reverse} areas: none" "$(styles NO_COLOR=1 -- --theme light)"

# The man page lists every area, generated ('make update-man-areas').
page="$top_srcdir/man/patchdeck.1"
committed=$(sed -n '/^\.\\" BEGIN AREAS$/,/^\.\\" END AREAS$/p' "$page" | sed '1d;$d')
check_eq "the man page's THEMES areas equal PD_AREA_LIST (run 'make update-man-areas')" \
	"$("$PATCHDECK" --dump-keys=areas)" "$committed"
check_eq "the shipped themes are listed in --help" \
	"  --theme NAME             the reader's colours: default, light, mono, or" \
	"$("$PATCHDECK" --help | grep -e '--theme')"

tap_done
