#!/usr/bin/env python3
"""Times the reader as a user meets it, in a pseudo-terminal: from start to
the first screen (the status bar drawn), then the time from each key to the
first byte of the screen's answer, while the store is still loading and
after. Not part of make check.

usage: bench/reader.py PATCHDECK NOTMUCH_CONFIG [KEYS [WAIT [SEQ]]]

KEYS presses are sent 100 ms apart (default 20), WAIT seconds after the
first screen (default 0: while the store loads); then the reader is told
to quit. The keys are SEQ over and over: key names separated by commas
(default j): a character, or Tab, Enter, Esc, PgDn, PgUp, Down, Up, Home,
End. A `/` search is typed as /,x,Enter: each character is a key answered
by the prompt's echo. The terminal is 120x30, TERM=xterm-256color.

Prints the first screen time, then per key name and over all keys: the
median, the 95th and 99th percentiles and the maximum latency.
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

NAMES = {
    'Tab': b'\t', 'Enter': b'\r', 'Esc': b'\x1b', 'PgDn': b'\x1b[6~',
    'PgUp': b'\x1b[5~', 'Down': b'\x1b[B', 'Up': b'\x1b[A', 'Home': b'\x1b[H',
    'End': b'\x1b[F', 'comma': b',',
}

exe, conf = sys.argv[1], sys.argv[2]
nkeys = int(sys.argv[3]) if len(sys.argv) > 3 else 20
wait = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
seq = (sys.argv[5] if len(sys.argv) > 5 else 'j').split(',')
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


def drain(seconds):
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return
        try:
            os.read(fd, 65536)
        except OSError:  # the reader has gone
            return


if read_until(rb'list: ') is None:
    sys.exit('bench: the reader drew no list within 60 s')
print(f"first screen: {(time.monotonic() - t0) * 1000:.0f} ms")
drain(wait)
lat = {}
unanswered = 0
for i in range(nkeys):
    name = seq[i % len(seq)]
    t = time.monotonic()
    os.write(fd, NAMES.get(name, name.encode()))
    if select.select([fd], [], [], 10)[0]:
        lat.setdefault(name, []).append((time.monotonic() - t) * 1000)
    else:
        unanswered += 1
    drain(0.1)


def stats(v):
    v = sorted(v)
    def pct(p):
        return v[min(len(v) - 1, (len(v) * p + 99) // 100 - 1)]
    return (f"median {v[len(v) // 2]:.1f} ms, p95 {pct(95):.1f} ms, "
            f"p99 {pct(99):.1f} ms, max {v[-1]:.1f} ms")


every = [x for v in lat.values() for x in v]
if len(lat) > 1:
    for name, v in lat.items():
        print(f"  {name}: {len(v)} keys, {stats(v)}")
print(f"keys: {len(every)}, {stats(every) if every else 'none answered'} "
      f"(sent during the first {(time.monotonic() - t0) * 1000:.0f} ms)"
      + (f"; {unanswered} unanswered within 10 s" if unanswered else ""))
# C-g leaves a prompt the keys may have left open.
os.write(fd, b'\x07Q')
end = time.monotonic() + 10
while os.waitpid(pid, os.WNOHANG) == (0, 0):
    if time.monotonic() > end:
        os.kill(pid, 15)
        sys.exit('bench: the reader did not quit within 10 s of Q')
    drain(0.05)
