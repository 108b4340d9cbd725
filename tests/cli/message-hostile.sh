#!/bin/bash
# Malformed mail never crashes the message parser: each file below is built
# here, read with mail-dump (also under the sanitizer build), and what it
# understood and the problem lines it gave are compared exactly.
. "$top_srcdir/tests/lib.sh"

dump=$(pd_tool mail-dump)
cd "$PD_TMP" || exit 1

# fields FILE REGEX: the dump lines whose field names match, and the exit
# status last.
fields() {
	local out rc
	out=$(timeout $((60 * PD_SLOW)) "$dump" "$1" 2>"$PD_TMP/err")
	rc=$?
	printf '%s\n' "$out" | grep -E "^($2): "
	echo "exit $rc$(sed 's/^/ /' "$PD_TMP/err")"
}

: >empty.eml
check_eq "empty file: nothing understood, said so" \
"message-id: (none)
subject-raw: (none)
patch: none
problem: empty file: not a mail
exit 0" "$(fields empty.eml 'message-id|subject-raw|patch|problem')"

printf 'hello world\nthis is not a mail, just text\n' >text.eml
check_eq "plain text without headers: not a mail" \
"message-id: (none)
problem: invalid header name: hello world
problem: not a mail: no message could be read
exit 0" "$(fields text.eml 'message-id|problem')"

python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 64)' >binary.eml
check_eq "binary bytes: not a mail" \
"message-id: (none)
problem: invalid header name
problem: not a mail: no message could be read
exit 0" "$(fields binary.eml 'message-id|problem')"

printf 'From: A <a@b.c>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nno subject, no id\n' >noid.eml
check_eq "no Subject, no Message-ID: nothing synthesized" \
"message-id: (none)
date: 2024-01-01T00:00:00Z
subject-raw: (none)
sender: A <a@b.c>
text-first: no subject, no id
problem: no Message-ID
problem: no Subject
exit 0" "$(fields noid.eml 'message-id|date|subject-raw|sender|text-first|problem')"

printf 'From: =?UTF-8?B?###?= <X@Example.COM>\nSubject: =?x-unknown?Q?abc?= =?UTF-8?Q?caf=C3=A9?= =?UTF-8?B?broken\nMessage-ID: <bad@x>\nDate: not a date\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nbroken =ZZ escape and invalid \xff\xfe bytes=\nsoft\n' >enc.eml
check_eq "broken encodings: what decodes is decoded, the rest kept, email lower-cased" \
"date: (none)
subject-raw: abccafé =?UTF-8?B?broken
sender:  <x@example.com>
text-first: broken =ZZ escape and invalid �� bytessoft
problem: unreadable Date: header
problem: invalid utf-8 text: bad bytes replaced
exit 0" "$(fields enc.eml 'date|subject-raw|sender|text-first|problem')"

printf 'From: a@b.c\nSubject: latin1\nMessage-ID: <l1@x>\nContent-Type: text/plain; charset=iso-8859-1\n\ncaf\xe9 Wei\xdf\n' >latin1.eml
check_eq "ISO-8859-1 body converted to UTF-8" \
"text-first: café Weiß
exit 0" "$(fields latin1.eml 'text-first|problem')"

printf 'From: a@b.c\nSubject: x\nMessage-ID: <u@x>\nContent-Type: text/plain; charset=x-nonexistent\n\ncaf\xe9\n' >unknown.eml
check_eq "unknown charset: read as UTF-8, bad bytes replaced, said so" \
"text-first: caf�
problem: unknown charset x-nonexistent: read as UTF-8
exit 0" "$(fields unknown.eml 'text-first|problem')"

printf 'From: a@b.c\nSubject: b64\nMessage-ID: <b@x>\nContent-Transfer-Encoding: base64\n\n!!!!not base64 at all****\n' >b64.eml
check_eq "garbage base64: decoded as far as it goes, no crash" \
"message-id: b@x
patch: none
exit 0" "$(fields b64.eml 'message-id|patch|problem')"

python3 - <<'PY'
line = "x" * (1024 * 1024)
with open("long.eml", "w") as f:
    f.write("From: a@b.c\nSubject: [PATCH] long\nMessage-ID: <long@x>\n\n" + line +
            "\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-" + line + "\n+z\n")
PY
check_eq "a 1 MB line in the text and in the diff" \
"patch: inline
diff: 1048628 bytes, blob $(sed -n '/^diff --git/,$p' long.eml | git hash-object --stdin)
diffstat: 1 file changed, 1 insertion(+), 1 deletion(-)
exit 0" "$(fields long.eml 'patch|diff|diffstat|problem')"

{
	printf 'From: a@b.c\nSubject: [PATCH] with a binary attachment\nMessage-ID: <bin@x>\n'
	printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n--B\n'
	printf 'Content-Type: text/plain\n\nFix it.\n\nSigned-off-by: A <a@b.c>\n---\n'
	printf 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n--B\n'
	printf 'Content-Type: application/octet-stream; name="blob.bin"\n'
	printf 'Content-Disposition: attachment; filename="blob.bin"\nContent-Transfer-Encoding: base64\n\n'
	python3 -c 'import base64, sys; sys.stdout.write(base64.encodebytes(bytes(range(256)) * 40).decode())'
	printf -- '--B--\n'
} >binatt.eml
check_eq "binary attachment beside an inline patch: skipped, the patch is whole" \
"patch: inline
diff: 53 bytes, blob $(printf 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n' | git hash-object --stdin)
diffstat: 1 file changed, 1 insertion(+), 1 deletion(-)
trailer: Signed-off-by: A <a@b.c>
exit 0" "$(fields binatt.eml 'patch|diff|diffstat|trailer|problem')"

printf 'From: a@b.c\nSubject: [PATCH] a broken diff\nMessage-ID: <badpatch@x>\n\nBroken.\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+b\n' >badpatch.eml
check_eq "a diff that does not parse: kept, and the reason given" \
"subject-raw: [PATCH] a broken diff
patch: inline
problem: the diff does not parse: invalid patch hunk, expected 3 old lines and 3 new lines
exit 0" "$(fields badpatch.eml 'subject-raw|patch|problem')"

python3 - <<'PY'
body = "Content-Type: text/plain\n\ninnermost text\n"
for i in range(60, 0, -1):
    body = 'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n%s\n--b%d--\n' % (i, i, body, i)
with open("nested.eml", "w") as f:
    f.write("From: a@b.c\nSubject: nested\nMessage-ID: <nest@x>\nMIME-Version: 1.0\n" + body)
PY
check_eq "multiparts nested 60 deep: the parts beyond the limit skipped" \
"message-id: nest@x
problem: MIME parts nested deeper than 32: the rest was skipped
exit 0" "$(fields nested.eml 'message-id|problem')"

printf 'From: a@b.c\nSubject: nb\nMessage-ID: <nb@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nhi\n--x--\n' >noboundary.eml
check_eq "multipart without boundary: said so" \
"message-id: nb@x
problem: multipart without boundary: mixed
exit 0" "$(fields noboundary.eml 'message-id|problem')"

# Only a file that cannot be read is an error: one line naming it.
check_run "a missing file: one line naming it, exit 1" 1 "" \
	"mail-dump: cannot read mail file $PD_TMP/nope.eml: No such file or directory" -- \
	"$dump" "$PD_TMP/nope.eml"
mkdir adir
check_run "a directory: one line naming it, exit 1" 1 "" \
	"mail-dump: cannot read mail file $PD_TMP/adir: Is a directory" -- \
	"$dump" "$PD_TMP/adir"

tap_done
