"""Mail as the list delivers it, and the maildir it lands in.

A Mail holds what the sender wrote (headers and body); render() adds what
the list and the receiving server add (Received, Delivered-To, List-*,
Return-Path) and applies the transfer encoding.  Everything is derived
from the message itself, so two runs write the same bytes.
"""

import base64
import hashlib
import os
import quopri

from .people import MORGAN, postfix_date, rfc2822, stamp

LIST_ADDR = "linux-demo@lists.example.org"
LIST_ID = "<linux-demo.lists.example.org>"
LIST_HOST = "lists.example.org"
MX_HOST = "mx.kernel.example.org"
RCPT = MORGAN.email
MAILER = "git-send-email 2.43.0"


def q_encode_word(text):
    """RFC 2047 Q encoding as git writes it (=?UTF-8?q?...?=)."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        if b < 128 and (c.isalnum() or c in "!*+-/"):
            out.append(c)
        else:
            out.append("=%02X" % b)
    return "=?UTF-8?q?" + "".join(out) + "?="


def name_addr(name, email):
    if all(ord(c) < 128 for c in name):
        if any(c in name for c in ",.;:\"()<>@[]"):
            name = '"' + name.replace('"', '\\"') + '"'
        return "%s <%s>" % (name, email)
    return "%s <%s>" % (q_encode_word(name), email)


def unfold(value):
    return value.replace("\n ", " ").replace("\n\t", " ")


def fold(name, value, width=78):
    """Folds an unfolded header value at spaces, the way git does."""
    if "\n" in value:
        return value
    line_len = len(name) + 2
    out = []
    cur = ""
    for word in value.split(" "):
        add = (1 if cur else 0) + len(word)
        if cur and line_len + len(cur) + add > width:
            out.append(cur)
            cur = word
            line_len = 1
        else:
            cur = cur + " " + word if cur else word
    out.append(cur)
    return "\n ".join(out)


def sendemail_id(epoch, pid, n, sender):
    """<20240105103000.12345-3-jane@example.org>, without the brackets."""
    return "%s.%d-%d-%s" % (stamp(epoch), pid, n, sender.email)


def _hex(*parts, n=10):
    return hashlib.sha1("\0".join(str(p) for p in parts).encode()).hexdigest()[:n].upper()


def _ip(host):
    h = int(hashlib.sha1(host.encode()).hexdigest()[:4], 16)
    return "203.0.113.%d" % (h % 250 + 1)


class Mail:
    """One message. subject is the raw header value (possibly folded)."""

    def __init__(self, msgid, epoch, sender, subject, body, *, from_=None,
                 to=None, cc=(), irt=None, refs=None, extra=(),
                 ctype="text/plain; charset=UTF-8", cte="8bit", crlf=False,
                 copies=1, mailer=None, host=None):
        self.msgid = msgid
        self.epoch = epoch
        self.sender = sender
        self.tz = sender.tz
        self.subject = subject
        self.body = body
        self.from_ = from_ or name_addr(sender.name, sender.email)
        self.to = to or LIST_ADDR
        self.cc = list(cc)
        self.irt = irt
        self.refs = list(refs) if refs is not None else ([irt] if irt else [])
        self.extra = list(extra)
        self.ctype = ctype
        self.cte = cte
        self.crlf = crlf
        self.copies = copies
        self.mailer = mailer
        self.host = host or sender.host

    @property
    def subject_text(self):
        return unfold(self.subject)

    # ------------------------------------------------------------ rendering
    def _body_bytes(self):
        raw = self.body.encode("utf-8")
        if self.cte == "quoted-printable":
            return quopri.encodestring(raw)
        if self.cte == "base64":
            return base64.encodebytes(raw)
        return raw

    def _trace(self, seq, copy):
        """The headers the list server and our MX prepend."""
        delay = 2 + copy * 97
        got = self.epoch + 1 + copy * 95
        bounce = "linux-demo+bounces-%d-%s=%s@%s" % (
            seq, RCPT.split("@")[0], RCPT.split("@")[1], LIST_HOST)
        return [
            ("Return-Path", "<%s>" % bounce),
            ("Delivered-To", RCPT),
            ("Received", "from %s (%s [198.51.100.7])\n"
                         "\tby %s (Postfix) with ESMTPS id %s\n"
                         "\tfor <%s>; %s" % (
                             LIST_HOST, LIST_HOST, MX_HOST,
                             _hex(self.msgid, copy, "mx"), RCPT,
                             postfix_date(self.epoch + delay))),
            ("Received", "from %s (%s [%s])\n"
                         "\tby %s (Postfix) with ESMTPS id %s\n"
                         "\tfor <%s>; %s" % (
                             self.host, self.host, _ip(self.host), LIST_HOST,
                             _hex(self.msgid, copy, "list"), LIST_ADDR,
                             postfix_date(got))),
        ]

    def headers(self):
        h = [("From", self.from_), ("To", self.to)]
        if self.cc:
            h.append(("Cc", ",\n\t".join(self.cc) if len(self.cc) > 2 else ", ".join(self.cc)))
        h.append(("Subject", fold("Subject", self.subject)))
        h.append(("Date", rfc2822(self.epoch, self.tz)))
        h.append(("Message-ID", "<%s>" % self.msgid))
        if self.irt:
            h.append(("In-Reply-To", "<%s>" % self.irt))
        if self.refs:
            h.append(("References", "\n ".join("<%s>" % r for r in self.refs)))
        h.extend(self.extra)
        if self.mailer:
            h.append(("X-Mailer", self.mailer))
        h.append(("MIME-Version", "1.0"))
        h.append(("Content-Type", self.ctype))
        if self.cte:
            h.append(("Content-Transfer-Encoding", self.cte))
        return h

    def render(self, seq, copy=0):
        h = self._trace(seq, copy) + self.headers() + [
            ("X-Mailing-List", LIST_ADDR),
            ("List-Id", LIST_ID),
            ("List-Subscribe", "<mailto:linux-demo+subscribe@%s>" % LIST_HOST),
            ("List-Unsubscribe", "<mailto:linux-demo+unsubscribe@%s>" % LIST_HOST),
            ("List-Post", "<mailto:%s>" % LIST_ADDR),
            ("Precedence", "bulk"),
        ]
        head = "".join("%s: %s\n" % (n, v) for n, v in h).encode("utf-8")
        data = head + b"\n" + self._body_bytes()
        if self.crlf:
            data = data.replace(b"\n", b"\r\n")
        return data


def reply_subject(parent):
    s = parent.subject_text
    return s if s.lower().startswith("re:") else "Re: " + s


def parse_format_patch(text):
    """Splits one git format-patch file into (sha, {header: raw value}, body)."""
    lines = text.split("\n")
    if not lines[0].startswith("From "):
        raise ValueError("not a format-patch file")
    sha = lines[0].split()[1]
    headers = {}
    last = None
    i = 1
    while lines[i] != "":
        if lines[i][0] in " \t":
            headers[last] += "\n" + lines[i]
        else:
            name, value = lines[i].split(": ", 1)
            headers[name] = value
            last = name
        i += 1
    return sha, headers, "\n".join(lines[i + 1:])


def write_maildir(root, mails):
    """Writes every delivery of every mail; returns the number of files."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    order = sorted(range(len(mails)), key=lambda i: (mails[i].epoch, i))
    seq = 0
    cur = os.path.join(root, "cur")
    for i in order:
        m = mails[i]
        for copy in range(m.copies):
            seq += 1
            name = "%d.M%06dP4242Q%d.mx.kernel.example.org:2," % (
                m.epoch + 2 + copy * 97, seq, copy + 1)
            path = os.path.join(cur, name)
            with open(path, "wb") as f:
                f.write(m.render(seq, copy))
            os.utime(path, (m.epoch, m.epoch))
    return seq
