#!/bin/bash
# The series cache directory does not grow without end (issue 7): a file
# whose database has not been opened for 30 days goes when another cache
# file is written, so does a temporary file a killed writer left a day
# ago; the file of a database in use stays however old it was, because
# opening it marks it used. Other files in the directory are not touched.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || tap_skip_all "no demo list at $PD_DEMO (make check builds it)"
conf=$PD_DEMO/notmuch-config
cache=$XDG_CACHE_HOME/patchdeck
mkdir -p "$cache"
want=$(PATCHDECK_CACHE=0 "$PATCHDECK" --notmuch-config "$conf" list)

# The demo's own cache file, written once, then made to look 40 days old.
"$PATCHDECK" --notmuch-config "$conf" list >/dev/null
own=$(ls "$cache" | grep '^index-')
check_eq "one cache file for the demo" "1" "$(printf '%s\n' "$own" | grep -c .)"
touch -d '40 days ago' "$cache/$own"
check_run "an old file of a database in use: read, the list as without a cache" 0 "$want" "" -- \
	"$PATCHDECK" --notmuch-config "$conf" list
age=$(( $(date +%s) - $(stat -c %Y "$cache/$own") ))
check_eq "opening it marked it used (modified within the last hour)" "yes" \
	"$([ "$age" -lt 3600 ] && echo yes || echo no)"

# Forgotten files beside it, and some that are no cache files at all.
for f in index-00000000000000aa index-00000000000000bb.tmpAbCdEf \
	index-00000000000000cc index-00000000000000dd.tmpGhIjKl notes; do
	echo x >"$cache/$f"
done
touch -d '31 days ago' "$cache/index-00000000000000aa" "$cache/notes"
touch -d '2 days ago' "$cache/index-00000000000000bb.tmpAbCdEf"
touch -d '29 days ago' "$cache/index-00000000000000cc"
touch -d '2 hours ago' "$cache/index-00000000000000dd.tmpGhIjKl"
mkdir "$cache/index-00000000000000ee"
touch -d '90 days ago' "$cache/index-00000000000000ee"

# A second store (the demo's mail indexed again elsewhere) writes its own
# cache file, and that write prunes.
store=$PD_TMP/store
cp -r "$PD_DEMO/mail" "$store"
rm -rf "$store/.notmuch"
conf2=$PD_TMP/notmuch-config
printf '[database]\npath=%s\n[new]\ntags=unread\n' "$store" >"$conf2"
NOTMUCH_CONFIG="$conf2" notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
check_run "another store: its list, its cache file written" 0 "$want" "" -- \
	"$PATCHDECK" --notmuch-config "$conf2" list
# The second store's file: the newest one, not the demo's.
other=$(ls -t "$cache" | grep '^index-' | grep -v -x -e "$own" | head -n 1)
check_eq "the second store's cache file is a whole one" "yes" \
	"$([ "$(stat -c %s "$cache/$other")" -gt 1000 ] && echo yes || echo no)"
check_eq "what is left: the two in use, the young ones, what is no cache file" \
	"$(printf '%s\n' index-00000000000000cc index-00000000000000dd.tmpGhIjKl \
		index-00000000000000ee notes "$own" "$other" | sort)" "$(ls "$cache" | sort)"
check_run "the demo's list again, from its cache" 0 "$want" "" -- \
	"$PATCHDECK" --notmuch-config "$conf" list
tap_done
