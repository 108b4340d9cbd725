#!/bin/bash
# The already-merged check of a big history in the reader: the first
# look at a tree whose patch-id cache is cold does not block the series
# view; it reads the history between keys, the status line counting
# ("merged check: 500/1,501 commits"), keys answered meanwhile, and the
# Merged: line and [merged: COMMIT] marks appear when it is done, the
# commit the one git patch-id --stable finds. A second session finds the
# cache warm and shows them at once. The scripted reader runs the work
# between keys only when told (`work`), in fixed steps of
# PATCHDECK_MERGED_STEP commits, so no clock decides what a dump shows.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
T=$PD_TMP
export XDG_CACHE_HOME=$T/cache HOME=$T/home XDG_CONFIG_HOME=$T/home/.config TERM=xterm-256color
unset NO_COLOR
git init -q -b master "$T/tree" &&
	python3 "$top_srcdir/tests/cli/patchid-history.py" 1500 | git -C "$T/tree" fast-import --quiet &&
	git -C "$T/tree" checkout -q master ||
	{ echo "Bail out! cannot make the history"; exit 1; }
g() { git -C "$T/tree" "$@"; }
# A series of two: change 700 as it went in, then one that never did.
c700=$(g log --format=%H --grep='^d00: change 700$' -1)
export GIT_AUTHOR_DATE="2024-05-01 10:00:00 +0000" GIT_COMMITTER_DATE="2024-05-01 10:00:00 +0000"
export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL=ann@example.org GIT_COMMITTER_NAME="Ann Author" GIT_COMMITTER_EMAIL=ann@example.org
g checkout -q -b side "$c700" && echo "int side(void);" >"$T/tree/side.c" && g add side.c &&
	g commit -q -m "d00: a side change" &&
	g format-patch -q --thread -o "$T/out" -2 side && g checkout -q master ||
	{ echo "Bail out! cannot write the series"; exit 1; }
g branch -q -D side
mkdir -p "$T/mail/cur" "$T/mail/new" "$T/mail/tmp"
for f in "$T"/out/*.patch; do sed 1d "$f" >"$T/mail/cur/$(basename "$f"):2,S"; done
printf '[database]\npath=%s\n[new]\ntags=\n' "$T/mail" >"$T/notmuch-config"
export NOTMUCH_CONFIG=$T/notmuch-config
notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
id=$(sed -n 's/^Message-I[dD]: <\(.*\)>$/\1/p' "$T"/out/0001-*.patch)
short=$(g rev-parse --short "$c700")
total=$(g rev-list --count master)

tv() { PATCHDECK_MERGED_STEP=500 tui_run "$1" --tree "$T/tree" --screen 30x120; }
status_line() { grep -E '^ series: ' | sed 's/  */ /g'; }

out=$(tv "open series $id
echo @1
dump
key j j
echo @2
dump
work 1
echo @3
dump
work
echo @4
dump")
screen() { awk -v n="@$1" '/^@[0-9]$/ { on = $0 == n; next } /^status / { on = 0 } on' <<<"$out"; }
check_eq "cold cache: the view opens at once, the Merged: line says it is being checked" \
	"Merged:     being checked against master's history (the status line counts)" \
	"$(screen 1 | grep '^Merged:')"
check_eq "the status line counts the commits read: none, then 500, in steps" \
" series: v1 d00: change 700 (merged check: 0/1,500 commits) 1/
 series: v1 d00: change 700 (merged check: 0/1,500 commits) 3/
 series: v1 d00: change 700 (merged check: 500/1,500 commits) 3/
 series: v1 d00: change 700 3/" \
	"$(status_line <<<"$out" | sed 's|[0-9]*$||')"
check_eq "keys answered meanwhile (j j moved the cursor), and kept when the view is built again" \
	"3 3 3" "$(status_line <<<"$out" | sed -n '2,4s|.* \([0-9]*\)/[0-9]*$|\1|p' | tr '\n' ' ' | sed 's/ $//')"
final=$(screen 4)
check_eq "when done: the Merged: line and the patch's commit" \
"Merged:     1 of 2 patches are in master's history already
[merged: $short]" \
	"$(grep -E '^Merged:' <<<"$final"; grep -oE '\[merged: [0-9a-f]+\]$' <<<"$final")"
check_eq "the commit is the one git patch-id --stable finds for patch 1" \
	"$(g show "$c700" | git patch-id --stable | cut -d' ' -f1)" \
	"$(git patch-id --stable <"$(ls "$T"/out/0001-*.patch)" | cut -d' ' -f1)"
check_eq "the cache holds a line per commit, the snapshot of HEAD's history the root, then each commit with a parent" \
	"$total $total" \
	"$(wc -l <"$XDG_CACHE_HOME/patchdeck/patchid/$(g rev-list --max-parents=0 master)") $(wc -l <"$XDG_CACHE_HOME/patchdeck/patchid/snap-$(g rev-parse master)")"

warm=$(tv "open series $id
dump")
check_eq "warm cache: the Merged: line from the first screen, nothing counted" \
"Merged:     1 of 2 patches are in master's history already
 series: v1 d00: change 700" \
	"$(grep -E '^Merged:' <<<"$warm"; status_line <<<"$warm" | sed 's| [0-9]*/[0-9]*$||')"
tap_done
