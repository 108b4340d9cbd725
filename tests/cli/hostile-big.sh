#!/bin/bash
# A 10,000-patch "series" (tests/cli/hostile-mail.py BIG) among the hostile
# mails: listed, shown, written as an mbox and opened in the reader, whole
# and without a crash. (How long it takes is bench/'s business; a thread
# this size once took 10 s where it now takes well under one.)
. "$top_srcdir/tests/lib.sh"

store=$PD_TMP/store
mkdir -p "$store"
python3 "$top_srcdir/tests/cli/hostile-mail.py" "$store/mail" big ||
	{ echo "Bail out! hostile-mail.py failed"; exit 1; }
conf=$store/notmuch-config
printf '[database]\npath=%s\n[new]\ntags=\nignore=\n[maildir]\nsynchronize_flags=false\n' \
	"$store/mail" >"$conf"
NOTMUCH_CONFIG=$conf notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
pd() { timeout $((900 * PD_SLOW)) "$PATCHDECK" --notmuch-config "$conf" "$@"; }

pd list >"$PD_TMP/list" 2>"$PD_TMP/list.err"
check_eq "list exits 0, silent on stderr" "0:" "$?:$(cat "$PD_TMP/list.err")"
check_eq "list: the big series first (newest), all 10,000 patches there; 16 series" \
"2024-01-02  Ada Hacker            v1   10000/10000 A0 R0 T0    big: step 1
16" "$(head -n 1 "$PD_TMP/list"; wc -l <"$PD_TMP/list")"

pd show big00001@x >"$PD_TMP/show"
check_eq "show: the header, the first and the last patch" \
"big: step 1
Patches:   10000/10000
[1/10000] big: step 1
[10000/10000] big: step 10000" \
	"$(sed -n '1p;/^Patches:/p' "$PD_TMP/show"; grep -E '^\[(1|10000)/10000\]' "$PD_TMP/show")"
check_eq "show: the last patch's diffstat closes it" \
" big/10000 | 1 +
 1 file changed, 1 insertion(+)" "$(tail -n 2 "$PD_TMP/show" | sed 's/^    //')"

pd mbox big05000@x >"$PD_TMP/mbox"
check_eq "mbox: 10,000 mails in order, any patch's id names the series" \
"10000
Subject: [PATCH 00001/10000] big: step 1
Subject: [PATCH 10000/10000] big: step 10000" \
	"$(grep -c '^From ' "$PD_TMP/mbox"; grep '^Subject:' "$PD_TMP/mbox" | sed -n '1p;$p')"

printf 'open series big00001@x\nkey G\ndump\n' >"$PD_TMP/script"
pd --script "$PD_TMP/script" --screen 6x80 >"$PD_TMP/screen" 2>&1
check_eq "reader: the series view's end: the combined diffstat of 10,000 files" \
" big/09998 | 1 +
 big/09999 | 1 +
 big/10000 | 1 +
 10000 files changed, 10000 insertions(+)
 series: v1 big: step 1                                             20016/20016" \
	"$(sed -n 1,5p "$PD_TMP/screen")"
tap_done
