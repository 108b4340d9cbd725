#!/bin/bash
# The message parser on each case of the generated demo list
# ($PD_DEMO/CASES): what `mail-dump` prints for the mail, compared exactly
# with what the case is about (encoded author, folded subject, QP, base64,
# CRLF, attachment, in-body From, DMARC, pull request, review trailers).
. "$top_srcdir/tests/lib.sh"

dump=$(pd_tool mail-dump)
config="$PD_DEMO/notmuch-config"

file_of() { # MESSAGE-ID: the first file notmuch has for it
	notmuch --config="$config" search --output=files "id:$1" | head -n 1
}

# fields ID REGEX: the dump lines of the mail whose field names match.
fields() {
	"$dump" "$(file_of "$1")" | grep -E "^($2): "
}

# The diff as an independent decoder sees it: Python's email module
# decodes the body (CRLF line ends dropped first, as git mailsplit does);
# the diff runs from `diff --git` to the `-- ` signature line.
python_diff_blob() { # MESSAGE-ID
	python3 - "$(file_of "$1")" <<'PY' | git hash-object --stdin
import email, email.policy, re, sys
raw = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\n")
msg = email.message_from_bytes(raw, policy=email.policy.compat32)
parts = [p for p in msg.walk() if not p.is_multipart()]
body = b"\n".join(p.get_payload(decode=True) for p in parts)
start = body.index(b"diff --git")
end = body.find(b"\n-- \n", start)
sys.stdout.buffer.write(body[start:end + 1] if end >= 0 else body[start:])
PY
}

ours_diff_blob() { # MESSAGE-ID
	"$dump" --part=diff "$(file_of "$1")" | git hash-object --stdin
}

check_eq "encoded-name: RFC 2047 author, in-body From, folded subject joined" \
"subject-raw: [PATCH v2] scripts/decode_lite.sh: use read -r so that backslashes in oops lines survive decoding
sender: Philippe Mathieu-Daudé <philmd@example.net>
author: Philippe Mathieu-Daudé <philmd@example.net>
in-body-from: Philippe Mathieu-Daudé <philmd@example.net>
trailer: Signed-off-by: Philippe Mathieu-Daudé <philmd@example.net>" \
	"$(fields 20240126101700.24936-1-philmd@example.net 'subject-raw|sender|author|in-body-from|trailer')"

id=20240118051200.18081-1-ravi.kumar@corp.example.com
check_eq "quoted-printable: non-ASCII trailer decoded, diff inline" \
"patch: inline
diffstat: 1 file changed, 3 insertions(+)
diffstat-verdict: equal
trailer: Reported-by: Jürgen Weiß <juergen@example.de>
trailer: Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>" \
	"$(fields $id 'patch|diffstat|diffstat-verdict|trailer')"
check_eq "quoted-printable: the diff equals Python's decoding of the body" \
	"$(python_diff_blob $id)" "$(ours_diff_blob $id)"
"$dump" --part=diff "$(file_of $id)" >"$PD_TMP/qp.diff"
check_eq "quoted-printable: no soft line break or =XX escape left in the diff" \
	"0" "$(grep -cE '=$|=[0-9A-F]{2}' "$PD_TMP/qp.diff")"

id=20240119004000.19452-1-yuki@example.jp
check_eq "base64: decoded, trailers found" \
"patch: inline
diff-first: diff --git a/kernel/printk_ratelimit.c b/kernel/printk_ratelimit.c
trailer: Signed-off-by: Yuki Tanaka <yuki@example.jp>" \
	"$(fields $id 'patch|diff-first|trailer')"
check_eq "base64: the diff equals Python's decoding of the body" \
	"$(python_diff_blob $id)" "$(ours_diff_blob $id)"

id=20240119152200.20823-1-bwalsh@corp.example.com
check_eq "crlf: the diff equals Python's decoding with CRLF made LF" \
	"$(python_diff_blob $id)" "$(ours_diff_blob $id)"
check_eq "crlf: no CR left in the text or the diff" "0 0" \
	"$("$dump" --part=text "$(file_of $id)" | grep -c $'\r') $("$dump" --part=diff "$(file_of $id)" | grep -c $'\r')"
check_eq "crlf: subject and trailers read without CR" \
"subject-raw: [PATCH] include/linux/skb_pool.h: document struct skb_pool
trailer: Signed-off-by: Brian Walsh <bwalsh@corp.example.com>" \
	"$(fields $id 'subject-raw|trailer')"

id=20240117120000.16710-1-tnowak@example.pl
check_eq "attachment: the patch comes from the text/x-patch part, its headers are in-body ones" \
"text-first: Hi,
patch: attached
in-body-from: Tomasz Nowak <tnowak@example.pl>
in-body-subject: [PATCH] net: phy: demo: use PHY_ID_MATCH_MODEL() in the device table
diff-first: diff --git a/drivers/net/phy/demo_phy.c b/drivers/net/phy/demo_phy.c
diffstat-verdict: equal
trailer: Signed-off-by: Tomasz Nowak <tnowak@example.pl>" \
	"$(fields $id 'text-first|patch|in-body-from|in-body-subject|diff-first|diffstat-verdict|trailer')"
check_eq "attachment: the diff equals Python's decoding of the attachment" \
	"$(python_diff_blob $id)" "$(ours_diff_blob $id)"

check_eq "in-body-from: the author is Priya, the sender Jane" \
"sender: Jane Doe <jane@example.org>
author: Priya Raman <priya@example.in>
trailer: Signed-off-by: Priya Raman <priya@example.in>
trailer: Signed-off-by: Jane Doe <jane@example.org>" \
	"$(fields 20240124141000.22194-1-jane@example.org 'sender|author|trailer')"

check_eq "dmarc: the rewritten sender is recovered from X-Original-From" \
"sender: Oliver Grant via Linux-demo <linux-demo@lists.example.org>
author: Oliver Grant <oliver@strictmail.example>
dmarc-rewritten: yes" \
	"$(fields 20240125084500.23565-1-oliver@strictmail.example 'sender|author|dmarc-rewritten')"
check_eq "dmarc: his rewritten answer is recovered too" \
"author: Oliver Grant <oliver@strictmail.example>
dmarc-rewritten: yes" \
	"$(fields 317FD63Fx5A06CDx@strictmail.example 'author|dmarc-rewritten')"

check_eq "pull-request: repository URL and tag, no patch" \
"patch: none
pull-url: git://git.example.org/pub/scm/linux/kernel/git/jane/demo.git
pull-branch: tags/demo-eth-fixes-6.8-rc5" \
	"$(fields 20240213090500.pull-demo-eth@kernel.example.org 'patch|pull-url|pull-branch')"
check_eq "pull-request: a reply quoting it is no pull request" \
	"pull-url: (none)" "$(fields C4A7x5xxC9684996@kernel.example.org 'pull-url')"

check_eq "review-quoting: the quoted Signed-off-by does not count" \
	"reply-trailer: Reviewed-by: Anna Schmidt <anna.schmidt@example.de> (matches sender)" \
	"$(fields efb48cf20743.74cfd0b5@mail.example.de 'reply-trailer')"
check_eq "review-quoted-trailers: quoted Reviewed-by and Signed-off-by do not count" \
	"reply-trailer: Reviewed-by: Dmitry Volkov <dvolkov@example.ru> (matches sender)" \
	"$(fields 2d4258dd3bc8.44971f7b@mail.example.ru 'reply-trailer')"
check_eq "review-mismatch: a Tested-by for another address is kept and flagged" \
	"reply-trailer: Tested-by: Robert Baker <robert.baker@corp.example.com> (NOT the sender)" \
	"$(fields F77B47Dx68202800@home.example.net 'reply-trailer')"
check_eq "review-signature: a Tested-by below the signature does not count" \
	"" "$(fields 93AD810C3xF96C21@example.ru 'reply-trailer')"
check_eq "dmarc: the review of the rewritten patch matches its own sender" \
	"reply-trailer: Reviewed-by: Tomasz Nowak <tnowak@example.pl> (matches sender)" \
	"$(fields C2A6094C2xx2Cx96@example.pl 'reply-trailer')"

check_eq "threading: message-id, first In-Reply-To, References in order" \
"message-id: efb48cf20743.74cfd0b5@mail.example.de
in-reply-to: 20240115100000.5742-2-jane@example.org
references: 20240108093000.4371-1-jane@example.org 20240115100000.5742-1-jane@example.org 20240115100000.5742-2-jane@example.org" \
	"$(fields efb48cf20743.74cfd0b5@mail.example.de 'message-id|in-reply-to|references')"

check_eq "revisions-v3: the cover's base-commit and change-id are in its text" \
	"2" "$("$dump" --part=text "$(file_of 20240122090000.7113-1-jane@example.org)" |
		grep -cE '^(base-commit|change-id): ')"

# Every mail of the demo parses without a problem line: the demo is
# well-formed mail, so a problem is a parser fault.
find "$PD_DEMO/mail" -type f | sort >"$PD_TMP/all"
"$dump" - <"$PD_TMP/all" >"$PD_TMP/all.dump" 2>"$PD_TMP/all.err"
check_eq "every demo mail parses (exit 0, no message)" "0 ''" "$? '$(cat "$PD_TMP/all.err")'"
check_eq "no demo mail has a problem line" "" "$(grep '^problem: ' "$PD_TMP/all.dump")"
check_eq "one dump per mail file" "$(wc -l <"$PD_TMP/all")" "$(grep -c '^message-id: ' "$PD_TMP/all.dump")"

tap_done
