#!/bin/bash
# Enter on a series while the list is still loading (issue 7): the view
# opens at once on the threads the list has read so far, says that the
# other revisions come after loading, and once the list is whole shows
# exactly what Enter gives on the whole list (older revisions read since
# included). PATCHDECK_LOAD_STEP_MS=0 makes the scripted list load one
# thread per slice, so "while loading" does not depend on timing.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || tap_skip_all "no demo list at $PD_DEMO (make check builds it)"
demo=$PD_DEMO/notmuch-config
# A store of the demo's revisions case alone: v1 and v2 in one thread,
# v3 in a newer one (pinged later): the v3 thread is read first.
mail=$PD_TMP/mail
mkdir -p "$mail/cur" "$mail/new" "$mail/tmp"
printf '[database]\npath=%s\n[new]\ntags=\n' "$mail" >"$PD_TMP/config"
for id in 20240108093000.4371-1-jane@example.org 20240122090000.7113-1-jane@example.org; do
	notmuch --config="$demo" search --output=files "thread:{id:$id}" | while read -r f; do
		cp "$f" "$mail/cur/$(basename "$f" | tr ':' '_')-$id:2,"
	done
done
notmuch --config="$PD_TMP/config" new --quiet
conf=$PD_TMP/config
check_eq "the store: two threads" "2" "$(notmuch --config="$conf" count --output=threads '*')"

run() { # NAME SCRIPT [ENV...]: the reader's screens into $PD_TMP/NAME
	local name=$1 script=$2
	shift 2
	printf '%b' "$script" >"$PD_TMP/$name.script"
	env "$@" "$PATCHDECK" --notmuch-config "$conf" --script "$PD_TMP/$name.script" \
		--screen 24x100 >"$PD_TMP/$name" 2>"$PD_TMP/$name.err"
}
screen() { # NAME N: the Nth dump (from 1) of $PD_TMP/NAME
	awk -v n="$2" 'FNR == 1 || /^-- dump$/ { k++ } k == n && !/^-- dump$/' "$PD_TMP/$1"
}

status() { # the status line of a screen, without its position
	grep '^ \(list\|series\): ' | sed 's/^ *//; s/  *[0-9/]*$//'
}

for mode in no-cache cache; do
	env=(PATCHDECK_CACHE=0)
	[ "$mode" = cache ] && env=(XDG_CACHE_HOME="$PD_TMP/xdg")
	# The reference: Enter once the list is whole.
	run whole 'key Enter\ndump\n' "${env[@]}"
	# And while it loads: the list after one thread, Enter, then work
	# until everything is read.
	run steps 'echo -- dump\ndump\nkey Enter\necho -- dump\ndump\nwork\necho -- dump\ndump\n' \
		"${env[@]}" PATCHDECK_LOAD_STEP_MS=0
	check_eq "$mode: no error" "" "$(cat "$PD_TMP/whole.err" "$PD_TMP/steps.err")"
	check_eq "$mode: whole, the series' three revisions" "Version:    v1 v2 [v3]" \
		"$(grep '^Version:' "$PD_TMP/whole")"
	check_eq "$mode: loading, the list has read one thread of two" \
		"list: *  (1 series, loading: 7 messages, 1/2 threads)" \
		"$(screen steps 1 | status)"
	check_eq "$mode: Enter while loading: v3 at once, the other revisions to come" \
		"Version:    [v3]
series: v3 demo_eth: configurable ring sizes  (other revisions: after loading)" \
		"$(screen steps 2 | grep '^Version:'; screen steps 2 | status)"
	check_eq "$mode: once loaded, the series view is what Enter on the whole list shows" \
		"$(cat "$PD_TMP/whole")" "$(screen steps 3)"
done
tap_done
