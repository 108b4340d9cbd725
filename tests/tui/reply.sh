#!/bin/bash
# Replies in the reader, on a private copy of the demo list: EDITOR is a
# script that adds a line, the send command a script that records what it
# is given. r, R and T build the draft, the editor runs, the draft is
# shown with one question, and nothing reaches the send command before
# `s`; `e` edits again, `d` saves into the draft maildir (tmp, then new),
# `q` discards; an editor that fails leaves the draft in its file and says
# where. A Reviewed-by sent to the cover letter and delivered back is
# collected by patchdeck for every patch of the series (round trip).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
store="$PD_TMP/store"
mkdir -p "$store" "$PD_TMP/sent" "$PD_TMP/tmp" "$PD_TMP/bin"
cp -r "$PD_DEMO/mail" "$store/mail"
rm -rf "$store/mail/.notmuch"
conf="$PD_TMP/notmuch-config"
printf '[database]\npath=%s\n[new]\ntags=unread\n' "$store/mail" >"$conf"
NOTMUCH_CONFIG="$conf" notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
export NOTMUCH_CONFIG="$conf" TERM=xterm-256color TMPDIR="$PD_TMP/tmp"
export EDITOR="$PD_TMP/bin/editor" SENT="$PD_TMP/sent"
cat >"$EDITOR" <<'EOS'
#!/bin/sh
# the user writes one line at the end
echo "Looks good to me." >>"$1"
EOS
cat >"$PD_TMP/bin/sendmail" <<'EOS'
#!/bin/sh
# records each mail and its arguments: SENT/N.args, SENT/N.eml
n=$(ls "$SENT" | grep -c '\.eml$')
n=$((n + 1))
echo "$*" >"$SENT/$n.args"
cat >"$SENT/$n.eml"
EOS
chmod +x "$EDITOR" "$PD_TMP/bin/sendmail"
rc="$XDG_CONFIG_HOME/patchdeck/config"
cat >"$rc" <<EOC
set mark-read no
set from "Morgan Hale <morgan@kernel.example.org>"
set sendmail "$PD_TMP/bin/sendmail -t -oi"
set draft-folder $PD_TMP/drafts
EOC
sent() { ls "$SENT" | grep -c '\.eml$'; }

check_eq 'r on patch 1: the editor ran, the draft and the question; nothing sent' \
'Subject: Re: [PATCH 1/2] kernel/watchdog_lite: turn the threshold into a variable
In-Reply-To: <20240304100000.41388-2-sam@example.org>
 draft: your reply, not sent yet                                                               1/42
[s]end, [e]dit again, save as [d]raft, [q] discard?
q: discarded, back in the series view
 series: v1 kernel/watchdog_lite: configurable threshold                                      24/29
discarded
sent: 0, left in TMPDIR: 0' "$(tui_run 'key Enter
type /  1/2
key Enter r
dump
echo q: discarded, back in the series view
key q
dump' --screen 8x100 | grep -E '^(Subject|In-Reply|q:| draft| series|\[s\]|discarded)'
echo "sent: $(sent), left in TMPDIR: $(ls "$PD_TMP/tmp" | wc -l)")"

check_eq 'keys other than the answers: scrolling moves, others say what to press; Esc asks again' \
' draft: your reply, not sent yet                                                               3/42
[s]end, [e]dit again, save as [d]raft, [q] discard?
 draft: your reply, not sent yet                                                               3/42
[s]end, [e]dit again, save as [d]raft, [q] discard? (one of those letters)
 draft: your reply, not sent yet                                                               3/42
[s]end, [e]dit again, save as [d]raft, [q] discard?
sent: 0' "$(tui_run 'key Enter
type /  1/2
key Enter r j j
dump
key x
dump
key Esc
dump
key q' --screen 4x100 | grep -E '^( draft|\[s\])'
echo "sent: $(sent)")"

check_eq 'e edits again (the line twice), d saves into the draft maildir: new, nothing in tmp' \
' draft: your reply, not sent yet                                                               1/43
sent: 0, drafts: new 1 tmp 0 cur 0, TMPDIR: 0
Looks good to me.
Looks good to me.' "$(tui_run 'key Enter
type /  1/2
key Enter r e
dump
key d' --screen 4x100 | grep -E '^ draft'
echo "sent: $(sent), drafts: new $(ls "$PD_TMP/drafts/new" | wc -l) tmp $(ls "$PD_TMP/drafts/tmp" | wc -l) cur $(ls "$PD_TMP/drafts/cur" | wc -l), TMPDIR: $(ls "$PD_TMP/tmp" | wc -l)"
grep '^Looks' "$PD_TMP"/drafts/new/*)"
check_eq 'the saved draft: Date and Message-ID added, then the reply headers and MIME' \
'Date: 
Message-ID: <
From: Morgan Hale <morgan@kernel.example.org>
To: Sam Okafor <sam@example.org>
Cc: linux-demo@lists.example.org
Subject: Re: [PATCH 1/2] kernel/watchdog_lite: turn the threshold into a variable
In-Reply-To: <20240304100000.41388-2-sam@example.org>
References: <20240304100000.41388-1-sam@example.org>
    <20240304100000.41388-2-sam@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit' "$(sed -n '1,/^$/p' "$PD_TMP"/drafts/new/* | sed 's/^\(Date: \).*/\1/; s/^\(Message-ID: <\).*/\1/')"

cat >"$PD_TMP/bin/bad-editor" <<'EOS'
#!/bin/sh
echo "half a sentence" >>"$1"
exit 3
EOS
chmod +x "$PD_TMP/bin/bad-editor"
check_eq 'an editor that fails: the draft stays in its file, the last line says where' \
'the editor ('"$PD_TMP"'/bin/bad-editor) ended with exit status 3; the draft is kept in TMPDIR/patchdeck-reply-XXXXXX.eml
kept: 1, with the half sentence: 1, sent: 0' "$(EDITOR="$PD_TMP/bin/bad-editor" tui_run 'key R
dump' --screen 3x200 | sed -n 's|'"$PD_TMP"'/tmp/patchdeck-reply-[A-Za-z0-9]*\.eml|TMPDIR/patchdeck-reply-XXXXXX.eml|; /^the editor/p'
echo "kept: $(ls "$PD_TMP/tmp" | wc -l), with the half sentence: $(cat "$PD_TMP"/tmp/*.eml | grep -c 'half a sentence'), sent: $(sent)")"
rm -f "$PD_TMP"/tmp/*

check_eq 'T r in the list: a Reviewed-by to the cover, sent only with s, through the command' \
'reply to the series with [r]eviewed-by, [a]cked-by or [t]ested-by?
[s]end, [e]dit again, save as [d]raft, [q] discard?
sent: 0
sent with '\'"$PD_TMP"'/bin/sendmail -t -oi'\''
sent: 1, args: -t -oi' "$(tui_run 'key T
dump
key r
dump
key s
dump' --screen 3x100 | grep -vE '^ (list|draft)|^20|^From|^>|^$|^status' | sed '2a sent: 0'
echo "sent: $(sent), args: $(cat "$SENT/1.args")")"
check_eq 'the mail sent: threaded to the cover, the trailer last' \
'In-Reply-To: <20240304100000.41388-1-sam@example.org>
References: <20240304100000.41388-1-sam@example.org>
Reviewed-by: Morgan Hale <morgan@kernel.example.org>
Looks good to me.' "$(grep -E '^(In-Reply-To|References|Reviewed-by|Looks)' "$SENT/1.eml")"

# Round trip: the list delivers it back; patchdeck collects the
# Reviewed-by given to the cover for both patches.
cp "$SENT/1.eml" "$store/mail/new/reviewed.eml"
notmuch new --quiet
check_eq 'delivered back: the Reviewed-by counts for every patch of the series' \
'Reviews:   Acked-by 0, Reviewed-by 2, Tested-by 0
    + Reviewed-by: Yuki Tanaka <yuki@example.jp> (given to the cover letter)
    + Reviewed-by: Morgan Hale <morgan@kernel.example.org> (given to the cover letter)
    + Reviewed-by: Yuki Tanaka <yuki@example.jp> (given to the cover letter)
    + Reviewed-by: Morgan Hale <morgan@kernel.example.org> (given to the cover letter)' \
	"$("$PATCHDECK" show 20240304100000.41388-1-sam@example.org | grep -E 'Reviews:|Reviewed-by')"

rm -f "$SENT"/*
check_eq 'm marks patches 1 and 2, T a: one Acked-by reply to each, each asked for' \
'* 1/2  +2/-2  0/2/0   1  kernel/watchdog_lite: turn the threshold into a variable
* 2/2  +6/-0  0/2/0   0  kernel/watchdog_lite: add the watchdog_thresh= boot parameter
2 patches marked; T replies to each with a trailer
reply to each marked patch with [r]eviewed-by, [a]cked-by or [t]ested-by?
[s]end, [e]dit again, save as [d]raft, [q] discard (1 of 2)?
[s]end, [e]dit again, save as [d]raft, [q] discard (2 of 2)?
2 sent, 0 saved as drafts, 0 discarded
1.eml In-Reply-To: <20240304100000.41388-2-sam@example.org>
1.eml Acked-by: Morgan Hale <morgan@kernel.example.org>
2.eml In-Reply-To: <20240304100000.41388-3-sam@example.org>
2.eml Acked-by: Morgan Hale <morgan@kernel.example.org>' "$(tui_run 'key Enter
type /  1/2
key Enter m j m
dump
key T
dump
key a
dump
key s
dump
key s
dump' --screen 16x100 | grep -E '^\*|marked|^reply|^\[s\]|sent,' | awk '!/^\*/ || !seen[$0]++'
cd "$SENT" && grep -E '^(In-Reply-To|Acked-by)' 1.eml 2.eml | sed 's/:/ /')"
tap_done
