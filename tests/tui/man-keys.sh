#!/bin/bash
# The man page's KEYS section is generated from src/actions.h: the committed
# page must hold exactly what the table generates ('make update-man').
. "$top_srcdir/tests/lib.sh"

page="$top_srcdir/man/patchdeck.1"

check_eq "the man page has one BEGIN KEYS and one END KEYS marker, in order" \
	'.\" BEGIN KEYS
.\" END KEYS' "$(grep -E '^\.\\" (BEGIN|END) KEYS$' "$page")"

committed=$(sed -n '/^\.\\" BEGIN KEYS$/,/^\.\\" END KEYS$/p' "$page" | sed '1d;$d')
generated=$("$PATCHDECK" --dump-keys=man)
check_eq "the KEYS section equals the action table (run 'make update-man')" \
	"$generated" "$committed"

# Every action with default keys is in the section, so a new row cannot be
# left out by the generator without this test seeing it.
missing=""
for action in $(sed -n 's/^\tX([A-Z_]*, "\([a-z-]*\)", "[^"]\{1,\}".*/\1/p' \
		"$top_srcdir/src/actions.h"); do
	grep -qF "$(printf '%s' "$action" | sed 's/-/\\-/g')" <<<"$committed" ||
		missing="$missing $action"
done
check_eq "every action with default keys is in the man page" "" "$missing"

tap_done
