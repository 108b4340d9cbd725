#!/bin/bash
# `patchdeck list` on the real list archive (../shared/corpus).
. "$top_srcdir/tests/lib.sh"
pd_use_real_corpus

config=$PD_CORPUS_DIR/notmuch-config

all=$("$PATCHDECK" --notmuch-config "$config" list)
rc=$?
check_eq "list over the whole archive exits 0" 0 "$rc"

# `list` prints series, not threads (tests/cli/series-corpus.sh checks
# them against the maildir); here only that a query narrows the listing.
n_all=$(printf '%s\n' "$all" | grep -c .)
words=(subject:module and Reviewed-by)
query="${words[*]}"
some=$("$PATCHDECK" --notmuch-config "$config" list "${words[@]}")
n_some=$(printf '%s\n' "$some" | grep -c .)
if [ "$n_some" -gt 0 ] && [ "$n_some" -lt "$n_all" ]; then
	tap_ok "the query selects part of the archive ($n_some of $n_all series)"
else
	tap_not_ok "the query selects part of the archive" \
		"$n_some of $n_all series matched '$query'"
fi

# The kmod clone is a real tree with a long history; opening it must not
# change what list prints.
check_run "--tree on the real kmod clone leaves the listing as it is" 0 \
	"$some" "" -- \
	"$PATCHDECK" --notmuch-config "$config" --tree "$PD_CORPUS_DIR/kmod" \
	list "${words[@]}"

check_run "a query that matches nothing prints nothing" 0 "" "" -- \
	"$PATCHDECK" --notmuch-config "$config" list id:no-such-message@patchdeck.invalid

tap_done
