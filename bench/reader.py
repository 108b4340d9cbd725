#!/usr/bin/env python3
"""Times the reader as a user meets it, in a pseudo-terminal: from start to
the first screen (the status bar drawn), then the time from each key to the
first byte of the screen's answer, while the store is still loading and
after. Not part of make check.

usage: bench/reader.py PATCHDECK NOTMUCH_CONFIG [KEYS [WAIT]]

KEYS j presses are sent 100 ms apart (default 20), WAIT seconds after the
first screen (default 0: while the store loads); then the reader is told
to quit. The terminal is 120x30, TERM=xterm-256color.
"""
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

exe, conf = sys.argv[1], sys.argv[2]
nkeys = int(sys.argv[3]) if len(sys.argv) > 3 else 20
wait = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
env = dict(os.environ, NOTMUCH_CONFIG=conf, TERM='xterm-256color')
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execve(exe, [exe, '--notmuch-config', conf], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 120, 0, 0))
buf = b''


def read_until(pat, timeout=60):
    global buf
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        m = re.search(pat, buf)
        if m:
            buf = buf[m.end():]
            return m
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                return None
    return None


if read_until(rb'list: ') is None:
    sys.exit('bench: the reader drew no list within 60 s')
print(f"first screen: {(time.monotonic() - t0) * 1000:.0f} ms")
end = time.monotonic() + wait
while time.monotonic() < end:
    if select.select([fd], [], [], 0.1)[0]:
        os.read(fd, 65536)
lat = []
for _ in range(nkeys):
    t = time.monotonic()
    os.write(fd, b'j')
    select.select([fd], [], [], 10)
    lat.append((time.monotonic() - t) * 1000)
    time.sleep(0.1)
    while select.select([fd], [], [], 0)[0]:
        os.read(fd, 65536)
lat.sort()
print(f"keys: {len(lat)}, median {lat[len(lat) // 2]:.1f} ms, max {lat[-1]:.1f} ms "
      f"(sent during the first {(time.monotonic() - t0) * 1000:.0f} ms)")
os.write(fd, b'Q')
os.waitpid(pid, 0)
