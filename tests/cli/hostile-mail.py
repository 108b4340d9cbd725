#!/usr/bin/env python3
"""hostile-mail.py MAILDIR [BIG]: writes a maildir of hostile list mail.

Each mail attacks one thing: the terminal (escape sequences, bidi and
zero-width characters in subjects, names, bodies and trailers), the
parsers (broken MIME, invalid UTF-8, deep nesting, huge diffs, absurd
counters), threading (self and cyclic References, one Message-ID twice),
the tree (paths out of it or into .git, links that lead out, submodules)
and trust (a reply forging the user's own address in a trailer). With BIG,
a 10,000-patch "series" too. The same bytes every run.
"""
import os
import sys

out = sys.argv[1]
big = len(sys.argv) > 2
for d in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(out, d), exist_ok=True)

n = 0


def mail(msgid, subject, body, frm="Ada Hacker <ada@example.org>",
         date=None, headers=b"", name=None,
         ctype=b"Content-Type: text/plain; charset=utf-8\n"):
    global n
    n += 1
    # One minute apart: the list's order is the mails' order here.
    date = date or "Mon, 01 Jan 2024 10:%02d:00 +0000" % (60 - n)
    def b(x):
        return x if isinstance(x, bytes) else x.encode("utf-8")
    data = (b"From: " + b(frm) + b"\nTo: list@example.org\nDate: " + b(date) +
            b"\nMessage-ID: <" + b(msgid) + b">\nSubject: " + b(subject) +
            b"\n" + b(headers) + b"MIME-Version: 1.0\n" + b(ctype) + b"\n" + b(body))
    with open(os.path.join(out, "cur", (name or "m%04d" % n) + ":2,S"), "wb") as f:
        f.write(data)


def add_file(path, lines, mode="100644"):
    plus = "".join("+%s\n" % l for l in lines)
    return ("diff --git a/%s b/%s\nnew file mode %s\nindex 0000000..1111111\n"
            "--- /dev/null\n+++ b/%s\n@@ -0,0 +1,%d @@\n%s" % (path, path, mode, path, len(lines), plus))


def patch(msg, diff, stat=""):
    return "%s\n\nSigned-off-by: Ada Hacker <ada@example.org>\n---\n%s\n%s-- \n2.43.0\n" % (msg, stat, diff)


# The terminal: escapes, bidi, zero-width, in every field a screen shows.
mail("esc@x", "[PATCH] evil: \x1b]0;pwned\x07title \u200bzw \u202ebidi\u202c end",
     patch("Body \x1b[2J clears the screen, \x1b[?1049h switches it.\n\n"
           "Reviewed-by: Eve \x1b[1mBold <eve@example.org>",
           add_file("ok.txt", ["fine", "\x1b[31mred in the diff\x1b[0m"]),
           " ok.txt | 2 ++\n 1 file changed, 2 insertions(+)\n"),
     frm="Mal \x1b[31mlory <mal@evil.example>")
# Trust: a reply that forges the user's own address in a trailer, and one
# with a zero-width space hiding in its trailer's name.
mail("forge@x", "Re: [PATCH] evil", "Reviewed-by: Test User <test@example.org>\n"
     "Acked-by: Zoe\u200b Zero <zoe@example.org>\n",
     frm="Mallory <mallory@evil.example>", date="Mon, 01 Jan 2024 11:00:00 +0000",
     headers="In-Reply-To: <esc@x>\nReferences: <esc@x>\n")

# The tree: each of these must be refused by apply, by name.
mail("dotdot@x", "[PATCH] walk out of the tree",
     patch("Traversal.", add_file("../../outside.txt", ["owned"])))
mail("abs@x", "[PATCH] an absolute path",
     patch("Absolute.", add_file("/tmp/pd-hostile-absolute", ["owned"]).replace("a//", "a//").replace(
         "diff --git a//tmp", "diff --git a//tmp")))
mail("dotgit@x", "[PATCH] plant a hook",
     patch("Hook.", add_file(".git/hooks/post-checkout", ["#!/bin/sh", "echo owned"], "100755")))
mail("link@x", "[PATCH] a link out",
     patch("Link.", add_file("up", ["../../.."], "120000").replace("+../../..\n", "+../../..\n\\ No newline at end of file\n")))
mail("sub@x", "[PATCH] a submodule",
     patch("Submodule.", "diff --git a/sub b/sub\nnew file mode 160000\nindex 0000000..1234567\n"
           "--- /dev/null\n+++ b/sub\n@@ -0,0 +1 @@\n+Subproject commit 1234567890123456789012345678901234567890\n"))

# The parsers.
mail("counter@x", "[PATCH 9999/9999] the last of many", patch("Counter.", add_file("c.txt", ["c"])))
mail("latin1@x", b"[PATCH] caf\xe9 au lait \xff\xfe", patch("Latin-1 \xe9 in a UTF-8 body.", add_file("l.txt", ["l"])).encode("latin-1"))
mail("nomime@x", "[PATCH] a boundary that never comes",
     "no parts here at all\n", ctype=b'Content-Type: multipart/mixed; boundary="nowhere"\n')
mail("b64@x", "[PATCH] base64 that is not",
     "!!!! not base64 ####\n", ctype=b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n")
deep = "".join('--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' % (i, i + 1) for i in range(300))
mail("deep@x", "[PATCH] nested 300 deep", deep + "--b300\nContent-Type: text/plain\n\nbottom\n",
     ctype=b'Content-Type: multipart/mixed; boundary="b0"\n')
mail("huge@x", "[PATCH] a 100000-line diff",
     patch("Huge.", add_file("huge.txt", ["line %d" % i for i in range(100000)]),
           " huge.txt | 100000 ++++++++++\n 1 file changed, 100000 insertions(+)\n"))

# Threading: a patch answering itself, two patches answering each other,
# one Message-ID given to two different files.
mail("self@x", "[PATCH] I answer myself", patch("Self.", add_file("s.txt", ["s"])),
     headers="In-Reply-To: <self@x>\nReferences: <self@x>\n")
mail("cyc1@x", "[PATCH 1/2] cycle", patch("One.", add_file("c1.txt", ["1"])),
     headers="In-Reply-To: <cyc2@x>\nReferences: <cyc2@x>\n")
mail("cyc2@x", "[PATCH 2/2] cycle", patch("Two.", add_file("c2.txt", ["2"])),
     headers="In-Reply-To: <cyc1@x>\nReferences: <cyc1@x>\n")
mail("dup@x", "[PATCH] one Message-ID, two mails", patch("First copy.", add_file("d1.txt", ["1"])), name="dup-a")
mail("dup@x", "[PATCH] one Message-ID, two mails", patch("Second copy.", add_file("d2.txt", ["2"])), name="dup-b",
     date="Mon, 01 Jan 2024 09:00:00 +0000")

if big:
    for i in range(1, 10001):
        mail("big%05d@x" % i, "[PATCH %05d/10000] big: step %d" % (i, i),
             patch("Step %d." % i, add_file("big/%05d" % i, [str(i)])),
             date="Tue, 02 Jan 2024 %02d:%02d:%02d +0000" % (i // 3600, i // 60 % 60, i % 60),
             headers="" if i == 1 else "In-Reply-To: <big00001@x>\nReferences: <big00001@x>\n")
