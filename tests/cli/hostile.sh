#!/bin/bash
# A maildir of hostile list mail (tests/cli/hostile-mail.py: escapes, bidi
# and zero-width characters, broken MIME, invalid UTF-8, a 100,000-line
# diff, a 9999/9999 counter, cyclic threads, one Message-ID twice, paths
# out of the tree, links that lead out, a submodule, a forged trailer) is
# listed, shown, opened in the reader and applied to a real git tree:
# nothing crashes, no raw control or bidi character reaches the output,
# and apply refuses what it must, by name, writing nothing anywhere.
. "$top_srcdir/tests/lib.sh"

store=$PD_TMP/store
mkdir -p "$store"
python3 "$top_srcdir/tests/cli/hostile-mail.py" "$store/mail" ||
	{ echo "Bail out! hostile-mail.py failed"; exit 1; }
conf=$store/notmuch-config
printf '[database]\npath=%s\n[user]\nname=Test User\nprimary_email=test@example.org\n[new]\ntags=\nignore=\n[maildir]\nsynchronize_flags=false\n' \
	"$store/mail" >"$conf"
NOTMUCH_CONFIG=$conf notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
pd() { timeout $((300 * PD_SLOW)) "$PATCHDECK" --notmuch-config "$conf" "$@"; }
# The bytes that must never reach a terminal from mail: C0 controls but
# tab and newline, DEL, C1 (as UTF-8), the bidi controls, zero-width ones.
raw_controls() { # FILE: how many lines hold one
	LC_ALL=C grep -c -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf' "$1"
}

check_run "list: every series, escapes shown, nothing crashes" 0 \
'2024-01-01  Mal ^[[31mlory        v1   1/1     A1 R1 T0    evil: ^[]0;pwned^Gtitle <U+200B>zw <U+202E>bidi<U+202C> end
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    walk out of the tree
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    an absolute path
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    plant a hook
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    a link out
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    a submodule
2024-01-01  Ada Hacker            v1   1/9999! A0 R0 T0    the last of many
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    café au lait ÿþ
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    a boundary that never comes
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    base64 that is not
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    nested 300 deep
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    a 100000-line diff
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    I answer myself
2024-01-01  Ada Hacker            v1   2/2     A0 R0 T0    cycle
2024-01-01  Ada Hacker            v1   1/1     A0 R0 T0    one Message-ID, two mails' "" -- pd list

# Every series shown whole: no raw control character in any of it.
ids="esc dotdot abs dotgit link sub counter latin1 nomime b64 deep huge self cyc1 dup"
: >"$PD_TMP/all-shown"
fails=""
for id in $ids; do
	pd show "$id@x" >>"$PD_TMP/all-shown" 2>>"$PD_TMP/show.err" || fails="$fails $id"
done
check_eq "show: every series exits 0" "" "$fails"
check_eq "show: no raw control, C1, bidi or zero-width character in any output" \
	"0" "$(raw_controls "$PD_TMP/all-shown")"
check_eq "show: the escapes are there, made visible (title, author, body, trailer)" "6" \
	"$(grep -c -F '^[' "$PD_TMP/all-shown")"

check_run "show: the hostile series, every field made visible; forged and hidden trailers flagged" 0 \
'evil: ^[]0;pwned^Gtitle <U+200B>zw <U+202E>bidi<U+202C> end
Id:        <esc@x>
Version:   v1
Author:    Mal ^[[31mlory <mal@evil.example>
Date:      2024-01-01 10:59:00 UTC
Patches:   1/1
Reviews:   Acked-by 1, Reviewed-by 1, Tested-by 0
Replies:   1
Revisions: v1    <esc@x> (this one)

[1/1] evil: ^[]0;pwned^Gtitle <U+200B>zw <U+202E>bidi<U+202C> end
    Id:       <esc@x>
    Author:   Mal ^[[31mlory <mal@evil.example>
    Replies:  1

    Body ^[[2J clears the screen, ^[[?1049h switches it.

    Reviewed-by: Eve ^[[1mBold <eve@example.org>

    Signed-off-by: Ada Hacker <ada@example.org>
    + Reviewed-by: Test User <test@example.org> (sent by mallory@evil.example, not the trailer'"'"'s address)
    + Acked-by: Zoe<U+200B> Zero <zoe@example.org> (sent by mallory@evil.example, not the trailer'"'"'s address)

     ok.txt | 2 ++
     1 file changed, 2 insertions(+)' "" -- pd show esc@x

check_eq "show: the 100,000-line diff counted whole" \
" huge.txt | 100000 $(printf '%.0s+' $(seq 52))
 1 file changed, 100000 insertions(+)" "$(pd show huge@x | tail -n 2 | sed 's/^    //')"

pd mbox esc@x >"$PD_TMP/esc.mbox"
check_eq "mbox: the forged trailers are not applied, the patch's own are" \
"Reviewed-by: Eve $(printf '\033')[1mBold <eve@example.org>
Signed-off-by: Ada Hacker <ada@example.org>" \
	"$(grep -E '^(Reviewed|Acked|Signed-off)-by:' "$PD_TMP/esc.mbox")"

# The reader, scripted: the list, the series, the patch, the end of the
# huge diff; its screens hold no raw control character either.
printf 'dump\nopen series esc@x\ntype /^ +1/[0-9]+ \nkey Enter Enter\ndump\nkey q q\nopen series huge@x\ntype /^ +1/[0-9]+ \nkey Enter Enter\nkey G\ndump\n' \
	>"$PD_TMP/script"
pd --script "$PD_TMP/script" --screen 12x100 >"$PD_TMP/screens" 2>"$PD_TMP/screens.err"
check_eq "reader: exits 0, nothing on stderr" "0:" "$?:$(cat "$PD_TMP/screens.err")"
check_eq "reader: no raw control character on any screen" "0" "$(raw_controls "$PD_TMP/screens")"
check_eq "reader: list, patch view of the hostile patch, end of the huge diff" \
'2024-01-01 Mal ^[[31mlory        v1    1/1     A1 R1 T0 (1)   evil: ^[]0;pwned^Gtitle <U+200B>zw
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       walk out of the tree
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       an absolute path
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       plant a hook
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       a link out
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       a submodule
2024-01-01 Ada Hacker            v1    1/9999! A0 R0 T0       the last of many
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       café au lait ÿþ
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       a boundary that never comes
2024-01-01 Ada Hacker            v1    1/1     A0 R0 T0       base64 that is not
 list: *  (15 series)                                                                          1/15

[PATCH] evil: ^[]0;pwned^Gtitle <U+200B>zw <U+202E>bidi<U+202C> end
From:       Mal ^[[31mlory <mal@evil.example>
Date:       2024-01-01 10:59:00 +0000
Message-ID: <esc@x>
Patch:      1/1 of v1
Replies:    1
Problem:    malformed From: header; its address read as <mal@evil.example>

Body ^[[2J clears the screen, ^[[?1049h switches it.

 patch: 1/1 evil: ^[]0;pwned^Gtitle <U+200B>zw <U+202E>bidi<U+202C> end                        1/29

+line 99990
+line 99991
+line 99992
+line 99993
+line 99994
+line 99995
+line 99996
+line 99997
+line 99998
+line 99999
 patch: 1/1 a 100000-line diff                                                        100020/100020' \
	"$(cat "$PD_TMP/screens")"

# The tree: a real git repository with one commit, beside a directory the
# traversal would reach.
tree=$PD_TMP/work/tree
mkdir -p "$tree"
git -C "$tree" init -q -b master
git -C "$tree" config user.name "Test User"
git -C "$tree" config user.email test@example.org
echo base >"$tree/README"
git -C "$tree" add README
git -C "$tree" commit -q -m base --date "2023-12-01 10:00:00 +0000"
refs() { git -C "$tree" for-each-ref --format='%(refname)'; }
before=$(refs)
snapshot() { (cd "$PD_TMP" && find . -path ./home -prune -o -print | sort); }
files_before=$(snapshot)

refused() { # NAME ID MESSAGE [OPTION...]
	check_run "apply refuses $1" 1 "" "patchdeck: patch 1/1 <$2@x>: $3: refused, nothing was applied" -- \
		pd --tree "$tree" apply --base HEAD "${@:4}" "$2@x"
}
refused "a path out of the tree" dotdot "the path '../../outside.txt' leaves the tree"
refused "an absolute path" abs "the path '/tmp/pd-hostile-absolute' is absolute"
refused "a path into .git" dotgit "the path '.git/hooks/post-checkout' writes into .git"
refused "a link that leads out" link "the path 'up' is a symbolic link that leaves the tree ('../../..')"
refused "a submodule" sub "the path 'sub' is a submodule: patchdeck applies no submodule changes (use git am)"
refused "with --checkout too" dotdot "the path '../../outside.txt' leaves the tree" --checkout
check_eq "no branch was made by the refusals" "$before" "$(refs)"
check_eq "no file was written anywhere under the test's directory" "$files_before" "$(snapshot)"
check_eq "nothing written at the absolute path" "absent" \
	"$([ -e /tmp/pd-hostile-absolute ] && echo present || echo absent)"
check_eq "the work tree is as it was" "" "$(git -C "$tree" status --porcelain)"

# The commits' ids hang on the time they are made.
masked() { "$@" | sed -E 's/^[0-9a-f]{7,40} /@COMMIT@ /'; return "${PIPESTATUS[0]}"; }
check_run "the hostile but harmless patch applies, its title made visible" 0 \
	"created branch pd/2024-01-01-evil-0-pwned-title-zw-bidi-end-v1: 1 commit on $(git -C "$tree" rev-parse --short HEAD) (rev) base
@COMMIT@ evil: ^[]0;pwned^Gtitle <U+200B>zw <U+202E>bidi<U+202C> end" "" -- \
	masked pd --tree "$tree" apply --base HEAD esc@x
check_eq "its file holds the diff's bytes as sent" "fine
$(printf '\033[31mred in the diff\033[0m')" \
	"$(git -C "$tree" show pd/2024-01-01-evil-0-pwned-title-zw-bidi-end-v1:ok.txt)"
check_run "the 100,000-line diff applies (dry run)" 0 \
	"would create branch pd/2024-01-01-a-100000-line-diff-v1: 1 commit on $(git -C "$tree" rev-parse --short HEAD) (rev) base
@COMMIT@ a 100000-line diff" "" -- \
	masked pd --tree "$tree" apply --dry-run --base HEAD huge@x
tap_done
