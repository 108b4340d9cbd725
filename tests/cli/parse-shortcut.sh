#!/bin/bash
# The parser's shortcut for plain mail gives what GMime gives. When a mail
# is one text/plain part without a transfer encoding, its fields are read
# from the header block with GMime's decoding functions and its body bytes
# taken as they stand (src/message_fields.c). Every mail here is read both
# ways (mail-dump with and without --full-mime, as the loader and as the
# views read them) and the dumps must be equal, field by field: the demo
# list, the real archive, and edge cases made here (charsets,
# format=flowed, CRLF, no final newline, encoded and attached parts that
# must not take the shortcut, hostile header blocks).
. "$top_srcdir/tests/lib.sh"

# Before any check: bails out if the corpus exists and cannot be prepared.
pd_try_real_corpus

dump=$(pd_tool mail-dump)
cd "$PD_TMP" || exit 1

# both NAME LIST: compares the dumps of the files named in LIST, as the
# loader reads them (--no-checks: problems are incomplete by design, see
# message.h, and not compared) and as the views read them (every field
# and every problem line).
both() {
	"$dump" --no-checks - <"$2" 2>"$1.err1" | grep -v '^problem: ' >"$1.short"
	"$dump" --no-checks --full-mime - <"$2" 2>"$1.err2" | grep -v '^problem: ' >"$1.full"
	check_eq "$1: $(wc -l <"$2") mails read the same with and without the shortcut" \
		"" "$(diff "$1.full" "$1.short" | head -n 40; cat "$1.err1" "$1.err2")"
	"$dump" - <"$2" >"$1.checked.short" 2>"$1.err3"
	"$dump" --full-mime - <"$2" >"$1.checked.full" 2>"$1.err4"
	check_eq "$1: the same with checks, problems included" \
		"" "$(diff "$1.checked.full" "$1.checked.short" | head -n 40; cat "$1.err3" "$1.err4")"
}

# ---------------------------------------------------------------- made here
mkdir -p edge
mail() { # FILE HEADERS... -- BODY (printf format, no arguments)
	local f=edge/$1
	shift
	: >"$f"
	while [ "$1" != -- ]; do
		printf '%s\n' "$1" >>"$f"
		shift
	done
	printf '\n' >>"$f"
	printf -- "$2" >>"$f"
}
H=('From: Zoë Doe <zoe@example.org>' 'Subject: [PATCH] x: fix y' 'Message-ID: <e@x>'
	'Date: Mon, 01 Jan 2024 10:00:00 +0000')
PATCH='Fix it.\n\nSigned-off-by: Zoë Doe <zoe@example.org>\n---\n a | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\ndiff --git a/a b/a\nindex 1111111..2222222 100644\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-old\n+new\n-- \n2.43.0\n'
mail plain "${H[@]}" -- "$PATCH"
mail nomime "${H[@]}" 'Content-Type: text/plain' -- "$PATCH"
mail utf8 "${H[@]}" 'MIME-Version: 1.0' 'Content-Type: text/plain; charset="UTF-8"' \
	'Content-Transfer-Encoding: 8bit' -- "$PATCH"
mail latin1 "${H[@]}" 'MIME-Version: 1.0' 'Content-Type: text/plain; charset=iso-8859-1' \
	-- 'Gr\xfc\xdfe\n\nReviewed-by: J\xfcrgen <j@example.org>\n'
mail badutf8 "${H[@]}" 'Content-Type: text/plain; charset=utf-8' -- 'bad \xff\xfe bytes\n'
mail undeclared8bit "${H[@]}" -- 'caf\xe9\n'
mail flowed "${H[@]}" 'Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes' \
	-- 'a long line that was  \nsoft broken\n> quoted\n-- \nsig\n'
mail folded "${H[@]}" 'Content-Type: text/plain;' '	charset=utf-8;' '	format=flowed' \
	-- 'one \ntwo\n'
mail crlf "${H[@]}" -- "$PATCH"
sed -i 's/$/\r/' edge/crlf
mail nofinalnl "${H[@]}" -- 'no newline at the end'
mail emptybody "${H[@]}" -- ''
printf '%s\n' "${H[@]}" >edge/headersonly
mail base64 "${H[@]}" 'Content-Type: text/plain' 'Content-Transfer-Encoding: base64' \
	-- 'Rml4IGl0LgoKLS0tCmRpZmYgLS1naXQgYS9hIGIvYQo=\n'
mail qp "${H[@]}" 'Content-Type: text/plain; charset=utf-8' 'Content-Transfer-Encoding: quoted-printable' \
	-- 'caf=C3=A9 and a soft=\n break\n'
mail attached "${H[@]}" 'Content-Type: text/plain; name=0001-x.patch' \
	'Content-Disposition: attachment; filename=0001-x.patch' -- "$PATCH"
mail multipart "${H[@]}" 'MIME-Version: 1.0' 'Content-Type: multipart/mixed;' '	boundary="b"' \
	-- '--b\nContent-Type: text/plain\n\nhello\n--b\nContent-Type: text/x-patch; name=a.patch\n\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n--b--\n'
mail html "${H[@]}" 'Content-Type: text/html' -- '<p>hi</p>\n'
mail reply 'From: R <r@example.org>' 'Subject: Re: [PATCH] x: fix y' 'Message-ID: <r@x>' \
	'In-Reply-To: <e@x>' -- '> quoted\n\nReviewed-by: R <r@example.org>\n'
mail oddheader "${H[@]}" 'Not a header line' -- 'body\n'
mail spaces 'From:   "Doe,  Zoë"   <zoe@example.org>  ' 'Subject:  [PATCH]  two  spaces	and a tab  ' \
	'Message-ID:   <s@x>  ' 'Date:  Mon,  01 Jan 2024 10:00:00 +0000  ' 'In-Reply-To:  <e@x>  ' -- 'x\n'
mail encoded 'From: =?utf-8?q?Zo=C3=AB?= <zoe@example.org>' \
	'Subject: =?iso-8859-1?q?Gr=FC=DFe?= =?utf-8?b?8J+Ygw==?= [PATCH] x' 'Message-ID: <enc@x>' -- 'x\n'
mail folded2 'From: Zoe' ' <zoe@example.org>' 'Subject: [PATCH v2 3/7] a subject that was' \
	'  folded twice' '	over three lines' 'Message-ID:' ' <fold@x>' 'References: <a@x>' '	<b@x>' -- 'x\n'
mail raw8bit 'From: Zoë Doe <zoe@example.org>' 'Subject: [PATCH] Grüße' 'Message-ID: <8@x>' -- 'x\n'
printf 'From: J\xfcrgen <j@example.org>\nSubject: [PATCH] Gr\xfc\xdfe\nMessage-ID: <l1@x>\n\nx\n' >edge/latin1head
# hostile header blocks: NULs, a 1 MB field, empty values and names
printf 'From: a\0b <a@x>\nSubject: [PATCH] n\0ul\nMessage-ID: <n@x>\n\nbody\0here\n' >edge/nul
{ printf 'From: a <a@x>\nSubject: [PATCH] '; head -c 1048576 /dev/zero | tr '\0' 'x'
  printf '\nMessage-ID: <big@x>\n\nx\n'; } >edge/hugefield
printf 'From:\nSubject:\nMessage-ID:\nDate:\nContent-Type:\n\nx\n' >edge/emptyvalues
printf ': no name\nSubject: x\n\nx\n' >edge/emptyname
printf 'Subject: x\n\n' >edge/nobody
printf 'Subject: x\n \n\nx\n' >edge/blankfold
# found by tests/fuzz/fuzz-message with PD_FUZZ_COMPARE=1
printf ' x\nSubject: hi\n\nbody\n' >edge/leadingfold
printf '\t\n\n\n' >edge/leadingtab
printf 'From: a <a@x>\nSubject: [PATCH] x\nMessage-ID: <a\xffb@c>\n\nx\n' >edge/8bitid
printf 'From: Helen Park <helen@kernel.exa\xa9mple.org>\nSubject: [ANNOUNCE] x\nMessage-ID: <h@x>\n\nx\n' >edge/8bitaddr
printf 'From: L <l@x>\nReply-To: Oli <o\xc1\xc1@x>\nSubject: [PATCH] x\nMessage-ID: <rt@x>\n\nx\n' >edge/8bitreplyto
printf 'From: Y <y@x>\nDate: Thu, 28 Dec 2023 23:00:00 +0900\r\x93<\x16\0\xe0`\nSubject: x\nMessage-ID: <d@x>\n\nx\n' >edge/8bitdate
ls edge | sed 's|^|edge/|' >edge.list
both edge edge.list
check_eq "edge: each case gives its own facts (spot checks of the shortcut's results)" \
"edge/flowed: a long line that was soft broken
edge/latin1: Grüße
edge/nofinalnl: no newline at the end
edge/undeclared8bit: café" \
	"$(for f in flowed latin1 nofinalnl undeclared8bit; do
		printf 'edge/%s: %s\n' "$f" "$("$dump" --no-checks --part=text "edge/$f" | head -n 1)"
	done)"

# ---------------------------------------------------------------- demo
find "$PD_DEMO/mail" -type f ! -name '.*' | sort >demo.list
both demo demo.list
check_eq "demo: the patch mails are among them" "yes" \
	"$([ "$(grep -c '^patch: inline' demo.short)" -gt 100 ] && echo yes || grep -c '^patch: inline' demo.short)"

# ---------------------------------------------------------------- real archive
if $have_corpus; then
	find "$PD_CORPUS_DIR/linux-modules" -type f ! -name '.*' | sort >corpus.list
	both corpus corpus.list
else
	tap_skip "real archive" "no ../shared/corpus beside the checkout"
fi
tap_done
