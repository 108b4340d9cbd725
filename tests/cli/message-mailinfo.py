#!/usr/bin/env python3
"""Compares the message parser with git's own reading of the same mails.

usage: message-mailinfo.py MAIL-DUMP LISTFILE WORKDIR

LISTFILE names one mail file per line. The parser's result for the Nth one
is written by `mail-dump --out=WORKDIR` as N.msg / N.diff. git's reference
is what `git am` does with the mail: git mailsplit (which drops the CR of
CRLF line ends), then `git mailinfo msg patch`. When the patch travels as
an attachment that is itself a `git format-patch` file (it starts with the
`From <sha> Mon Sep 17 00:00:00 2001` line), the reference is `git
mailinfo` of that attachment, because that is the file a maintainer feeds
to `git am`; mailinfo of the whole mail would take the covering note and
the attachment's header lines for the commit message. An attachment holding
several such patches is cut before the second, as git mailsplit would.

Compared, for every mail where either side finds a diff:
  message  both through `git stripspace`, git's cut at a `-- ` signature
           line (SERIES.md ends the message there; mailinfo does not)
  diff     byte-exact: ours must be exactly git's patch from its first diff
           line, up to where git's goes on with no diff line (the `-- `
           signature, a list footer)

Prints one line per mail that disagrees (`N<TAB>what<TAB>Message-ID<TAB>file`)
and last a line `checked N agree N`.
"""
import email
import email.policy
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

FORMAT_PATCH = re.compile(rb"^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n")
FORMAT_PATCH_LINE = re.compile(rb"^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n", re.M)
DIFF_START = re.compile(rb"^(diff -|Index: |--- \S.*\n\+\+\+ )", re.M)
DIFF_LINE = re.compile(rb"^(diff -|@@ -\d|\+\+\+ \S|Index: )", re.M)


def attachment_patch(raw):
    """The decoded format-patch attachment of a multipart mail, or None."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    if not msg.is_multipart():
        return None
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() == "message":
            continue
        data = (part.get_payload(decode=True) or b"").replace(b"\r\n", b"\n")
        if FORMAT_PATCH.match(data):
            # Several patches in one file: git am (mailsplit) makes them
            # separate mails; the first is this mail's patch.
            more = FORMAT_PATCH_LINE.search(data, 1)
            return data[:more.start()] if more else data
    return None


def stripspace(data):
    return subprocess.run(["git", "stripspace"], input=data, capture_output=True,
                          check=True).stdout


def cut_signature(msg):
    m = re.search(rb"^-- \n", msg, re.M)
    return msg[:m.start()] if m else msg


def mailinfo(data, work, n):
    msgf, patchf = os.path.join(work, "%d.gmsg" % n), os.path.join(work, "%d.gpatch" % n)
    r = subprocess.run(["git", "mailinfo", "--scissors", msgf, patchf], input=data, capture_output=True)
    if r.returncode != 0:
        return None, None
    with open(msgf, "rb") as f:
        msg = f.read()
    with open(patchf, "rb") as f:
        patch = f.read()
    return msg, patch


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def compare(n, path, work):
    with open(path, "rb") as f:
        raw = f.read()
    # git mailsplit: CRLF line ends become LF before anything else.
    data = raw.replace(b"\r\n", b"\n")
    ref = attachment_patch(data)
    msg, patch = mailinfo(ref if ref is not None else data, work, n)
    ours_msg = read(os.path.join(work, "%d.msg" % n)) or b""
    ours_diff = read(os.path.join(work, "%d.diff" % n))
    if msg is None:
        return None if ours_diff is None else "mailinfo failed"
    start = DIFF_START.search(patch)
    theirs = patch[start.start():] if start else None
    if theirs is not None and not DIFF_LINE.search(theirs):
        theirs = None
    if theirs is None and ours_diff is None:
        return None  # not a patch mail for either side
    problems = []
    if theirs is None:
        problems.append("diff found by us only")
    elif ours_diff is None:
        problems.append("diff found by git only")
    elif not theirs.startswith(ours_diff):
        problems.append("diff bytes differ")
    elif DIFF_LINE.search(theirs[len(ours_diff):]):
        problems.append("diff shorter than git's")
    if stripspace(cut_signature(msg)) != stripspace(ours_msg):
        problems.append("message differs")
    return ", ".join(problems) if problems else ""


def main():
    dump, listfile, work = sys.argv[1:4]
    with open(listfile) as f:
        paths = [l.rstrip("\n") for l in f if l.strip()]
    r = subprocess.run([dump, "--out=" + work, "-"], input="\n".join(paths) + "\n",
                       text=True, capture_output=True)
    if r.returncode != 0:
        sys.exit("mail-dump failed: " + r.stderr.strip())
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda a: compare(a[0] + 1, a[1], work), enumerate(paths)))
    checked = agree = 0
    for n, (path, res) in enumerate(zip(paths, results), 1):
        if res is None:
            continue
        checked += 1
        if res == "":
            agree += 1
        else:
            with open(path, "rb") as f:
                hdr = email.message_from_bytes(f.read(), policy=email.policy.compat32)
            mid = str(hdr.get("Message-ID", "")).strip().strip("<>")
            print("%d\t%s\t%s\t%s" % (n, res, mid, path))
    print("checked %d agree %d" % (checked, agree))


if __name__ == "__main__":
    main()
