#!/usr/bin/env python3
"""A deterministic linear git history for git fast-import: N commits, each
changing one of 200 files (a line added, every third commit a line changed
too), authors and dates fixed. Used by tests/tui/tree-merged.sh and
bench/patchid.sh.

usage: patchid-history.py N | git fast-import --quiet
"""
import sys

n = int(sys.argv[1])
out = sys.stdout.buffer
files = {}
authors = ['Ann Author', 'Bob Builder', 'Cho Chen', 'Dee Dev', 'Eli Egg',
           'Fay Fix', 'Gus Git', 'Hal Hack', 'Ida Ink', 'Jo Jit']
t0 = 1600000000
for i in range(1, n + 1):
    path = 'drivers/d%02d/f%03d.c' % (i % 20, (i * 7) % 200)
    lines = files.setdefault(path, [])
    lines.append('int f%d(void) { return %d; }' % (i, i * 31 % 1000))
    if i % 3 == 0 and len(lines) > 2:
        k = (i * 13) % (len(lines) - 1)
        lines[k] = lines[k].replace('return', 'return -') if 'return -' not in lines[k] \
            else lines[k].replace('return -', 'return')
    body = ('\n'.join(lines) + '\n').encode()
    a = authors[i % len(authors)]
    email = a.split()[0].lower() + '@example.org'
    msg = ('d%02d: change %d\n\nThe %dth change of the history.\n' % (i % 20, i, i)).encode()
    when = '%d +0000' % (t0 + i * 600)
    out.write(b'commit refs/heads/master\n')
    out.write(b'mark :%d\n' % i)
    out.write(('author %s <%s> %s\n' % (a, email, when)).encode())
    out.write(('committer %s <%s> %s\n' % (a, email, when)).encode())
    out.write(b'data %d\n%s\n' % (len(msg), msg))
    if i > 1:
        out.write(b'from :%d\n' % (i - 1))
    out.write(('M 100644 inline %s\n' % path).encode())
    out.write(b'data %d\n%s\n' % (len(body), body))
