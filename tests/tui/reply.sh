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
 draft: your reply, not sent yet                                                               1/39
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
' draft: your reply, not sent yet                                                               3/39
[s]end, [e]dit again, save as [d]raft, [q] discard?
 draft: your reply, not sent yet                                                               3/39
[s]end, [e]dit again, save as [d]raft, [q] discard? (one of those letters)
 draft: your reply, not sent yet                                                               3/39
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
' draft: your reply, not sent yet                                                               1/40
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
# r, R and T in the thread view and the message view: the mail under the
# cursor, or being read (the thread has the Reviewed-by delivered above:
# six mails).
rm -f "$SENT"/*
check_eq 'thread view: r on Dmitry'\''s reply to patch 1, sent; message view: R (the series), T t (the message read)' \
'To: Dmitry Volkov <dvolkov@example.ru>
[s]end, [e]dit again, save as [d]raft, [q] discard?
 thread: kernel/watchdog_lite: configurable threshold                                           3/6
To: Sam Okafor <sam@example.org>
[s]end, [e]dit again, save as [d]raft, [q] discard?
 message: [5/6] Re: [PATCH 0/2] kernel/watchdog_lite: configurable threshold                    1/8
 message: [5/6] Re: [PATCH 0/2] kernel/watchdog_lite: configurable threshold                    1/8
reply to this message with [r]eviewed-by, [a]cked-by or [t]ested-by?
To: Yuki Tanaka <yuki@example.jp>
[s]end, [e]dit again, save as [d]raft, [q] discard?
sent: 3' "$(tui_run 'key Enter t j j r
dump
key s
dump
key j j Enter R
dump
key s
dump
key T
dump
key t
dump
key s' --screen 6x100 | grep -E '^(To:|\[s\]| thread:| message:|reply to)'
echo "sent: $(sent)")"
check_eq 'the three mails: threaded to what was under the cursor' \
'1.eml In-Reply-To: <93AD810C3xF96C21@example.ru>
1.eml References: <20240304100000.41388-1-sam@example.org>
1.eml     <20240304100000.41388-2-sam@example.org>
1.eml     <93AD810C3xF96C21@example.ru>
1.eml Looks good to me.
2.eml In-Reply-To: <20240304100000.41388-1-sam@example.org>
2.eml References: <20240304100000.41388-1-sam@example.org>
2.eml Looks good to me.
3.eml In-Reply-To: <0A6B472957086625@example.jp>
3.eml References: <20240304100000.41388-1-sam@example.org>
3.eml     <0A6B472957086625@example.jp>
3.eml Tested-by: Morgan Hale <morgan@kernel.example.org>
3.eml Looks good to me.' "$(cd "$SENT" && for f in 1.eml 2.eml 3.eml; do
	sed -n '/^In-Reply-To:/,/^MIME/p; /^Looks/p; /^Tested-by: Morgan/p' "$f" | grep -v '^MIME' | sed "s/^/$f /"
done)"
# Names and subjects outside ASCII: on the wire the headers are ASCII
# (RFC 2047 encoded words, UTF-8) and a mail parser decodes them back to
# exactly what was in the draft. The editor puts UTF-8 into Subject: and
# Cc: (a quoted name with a comma, a long one that folds); the identity
# and Philippe's name are UTF-8 too.
rm -f "$SENT"/*
cat >"$PD_TMP/bin/utf8-editor" <<'EOS'
#!/bin/sh
sed -i 's/^Subject: .*/& (für Daudé, naïve — ok)/
s/^Cc: .*/Cc: "Weiß, Jürgen" <juergen@example.de>, Ünïcode Person with a rather long name indeed <u@example.org>, plain@example.org/' "$1"
echo "Danke schön." >>"$1"
EOS
chmod +x "$PD_TMP/bin/utf8-editor"
cp "$rc" "$PD_TMP/rc.saved"
sed -i 's/^set from .*/set from "Jörg Müller <joerg@kernel.example.org>"/' "$rc"
EDITOR="$PD_TMP/bin/utf8-editor" tui_run 'type /decode_lite.sh: use read
key Enter Enter r s' --screen 4x100 >/dev/null
check_eq 'one mail sent; its header block has no byte outside ASCII' "1 0" \
	"$(sent) $(sed -n '1,/^$/p' "$SENT/1.eml" | LC_ALL=C grep -c '[^ -~	]')"
check_eq 'encoded words, UTF-8' \
'From: =?UTF-8?b?SsO2cmcgTcO8bGxlcg==?= <joerg@kernel.example.org>
To: Philippe =?UTF-8?q?Mathieu-Daud=C3=A9?= <philmd@example.net>' \
	"$(grep -E '^(From|To):' "$SENT/1.eml")"
check_eq 'decoded by Python'\''s email parser: exactly the draft'\''s text; the body 8bit UTF-8' \
'From: Jörg Müller <joerg@kernel.example.org>
To: Philippe Mathieu-Daudé <philmd@example.net>
Cc: "Weiß, Jürgen" <juergen@example.de>, Ünïcode Person with a rather long name indeed <u@example.org>, plain@example.org
Subject: Re: [PATCH v2] scripts/decode_lite.sh: use read -r so that backslashes in oops lines survive decoding (für Daudé, naïve — ok)
In-Reply-To: <20240126101700.24936-1-philmd@example.net>
Content-Type: text/plain; charset="utf-8"
Danke schön.' "$(python3 - "$SENT/1.eml" <<'EOP'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
for h in ('From', 'To', 'Cc', 'Subject', 'In-Reply-To', 'Content-Type'):
    print(h + ': ' + str(m[h]))
print(m.get_content().splitlines()[-1])
EOP
)"
cp "$PD_TMP/rc.saved" "$rc"
tap_done
