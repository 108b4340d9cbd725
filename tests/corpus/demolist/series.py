"""Turning branches into list mail: format-patch, then send-email's wrapping.

send_series() commits the patches on a branch, runs git format-patch with
the options a contributor would use, and rewrites the result the way git
send-email and the list would: send-email Message-IDs with one stem per
series, threading headers mapped onto them, Date headers a second apart.
reply() writes a reviewer's answer, quoting the parent when asked.
"""

import hashlib
import os
import re

from .mail import LIST_ADDR, MAILER, Mail, name_addr, reply_subject, \
    parse_format_patch, sendemail_id, unfold
from .people import mutt_date


class Patch:
    def __init__(self, title, body, edits, author=None):
        self.title = title
        self.body = body
        self.edits = edits
        self.author = author


class Sent:
    """What one git send-email run put on the list."""

    def __init__(self):
        self.cover = None
        self.patches = []  # None for a patch the list never delivered
        self.all = []      # every generated message, delivered or not
        self.commits = []
        self.base = None
        self.files = []    # raw format-patch texts, in order

    @property
    def delivered(self):
        return [m for m in self.all if m is not None and not getattr(m, "dropped", False)]


class Ctx:
    def __init__(self, repo, scratch):
        self.repo = repo
        self.scratch = scratch
        self.mails = []
        self.cases = []     # (name, description, [message ids])
        self.labels = {}    # name -> commit id in the tree
        self._fp = 0
        self._pid = 3000

    def add(self, mail):
        self.mails.append(mail)
        return mail

    def case(self, name, description, mails):
        ids = [m if isinstance(m, str) else m.msgid for m in mails if m is not None]
        self.cases.append((name, description, ids))

    def next_pid(self):
        self._pid += 1371
        return self._pid

    def outdir(self):
        self._fp += 1
        return os.path.join(self.scratch, "fp-%03d" % self._fp)


def commit_series(ctx, branch, base, sender, when, patches, commit_span=6 * 3600):
    """Commits PATCHES on a new BRANCH from BASE, in the hours before WHEN."""
    repo = ctx.repo
    repo.checkout(base, new_branch=branch)
    base_sha = repo.head()
    commits = []
    n = len(patches)
    for i, p in enumerate(patches):
        repo.apply_edits(p.edits)
        author = p.author or sender
        epoch = when - commit_span + i * (commit_span // max(n, 1))
        commits.append(repo.commit(author, epoch, p.title + "\n\n" + p.body.strip("\n") + "\n",
                                   committer=sender))
    repo.checkout("master")
    return base_sha, commits


def send_series(ctx, *, branch, base="master", patches, commit_span=6 * 3600, **kw):
    """Commits the patches, then mails them (see mail_series)."""
    base_sha, commits = commit_series(ctx, branch, base, kw["sender"], kw["when"],
                                      patches, commit_span)
    sent = mail_series(ctx, base=base_sha, tip=commits[-1], **kw)
    sent.commits = commits
    return sent


def mail_series(ctx, *, sender, when, base, tip, prefix="PATCH", version=None,
                cover=None, thread="shallow", in_reply_to=None, base_commit=False,
                change_id=None, drop=(), dup=(), cc=(), host=None):
    """git format-patch BASE..TIP, sent by SENDER at WHEN.

    cover is (title, blurb).  drop/dup name message numbers (0 = cover)
    that the list lost or delivered twice.
    """
    repo = ctx.repo
    sent = Sent()
    sent.base = base
    opts = ["--from=" + name_addr(sender.name, sender.email), "--to=" + LIST_ADDR]
    opts += ["--cc=" + c for c in cc]
    if prefix != "PATCH":
        opts.append("--subject-prefix=" + prefix)
    if version:
        opts.append("-v%d" % version)
    if cover:
        opts.append("--cover-letter")
    if base_commit:
        opts.append("--base=" + base)
    if thread == "deep":
        opts.append("--thread=deep")
    elif thread:
        opts.append("--thread")
    else:
        opts.append("--no-thread")
    if in_reply_to:
        opts.append("--in-reply-to=<%s>" % in_reply_to.msgid)
    files = repo.format_patch(ctx.outdir(), "%s..%s" % (base, tip), *opts)

    pid = ctx.next_pid()
    idmap = {}
    parsed = []
    for k, (name, text) in enumerate(files):
        sha, headers, body = parse_format_patch(text)
        new_id = sendemail_id(when, pid, k + 1, sender)
        if "Message-Id" in headers:
            idmap[headers["Message-Id"].strip("<>")] = new_id
        parsed.append((sha, headers, body, new_id))
        sent.files.append((name, _strip_thread_headers(text)))

    first = 0 if cover else 1
    for k, (sha, headers, body, new_id) in enumerate(parsed):
        number = k + first
        subject = headers["Subject"]
        if cover and number == 0:
            subject = unfold(subject).replace("*** SUBJECT HERE ***", cover[0])
            body = body.replace("*** BLURB HERE ***", cover[1].rstrip("\n"))
            if change_id:
                body = re.sub(r"(base-commit: [0-9a-f]+\n)",
                              r"\1change-id: %s\n" % change_id, body)
        irt = headers.get("In-Reply-To")
        refs = headers.get("References")
        irt = idmap.get(irt.strip("<>"), irt.strip("<>")) if irt else None
        refs = [idmap.get(r.strip("<>"), r.strip("<>"))
                for r in refs.split()] if refs else None
        mail = Mail(new_id, when + k, sender, subject, body, irt=irt, refs=refs,
                    cc=cc, mailer=MAILER, copies=2 if number in dup else 1,
                    host=host)
        mail.number = number
        mail.commit = sha
        sent.all.append(mail)
        if number in drop:
            mail.dropped = True
            if number:
                sent.patches.append(None)
            continue
        ctx.add(mail)
        if number == 0:
            sent.cover = mail
        else:
            sent.patches.append(mail)
    return sent


def _strip_thread_headers(text):
    """A format-patch file as it sits on disk without --thread: git's
    Message-Ids carry the current time, which must not reach the mail."""
    head, sep, rest = text.partition("\n\n")
    head = re.sub(r"^(Message-Id|In-Reply-To|References): .*\n(?:[ \t].*\n)*", "",
                  head + "\n", flags=re.M).rstrip("\n")
    return head + sep + rest


def _reply_id(parent, sender, epoch):
    h = hashlib.sha1(("%s|%s|%d" % (parent.msgid if parent else "", sender.email,
                                    epoch)).encode()).hexdigest()
    domain = sender.email.split("@")[1]
    style = int(h[0], 16) % 3
    if style == 0:  # mutt
        return "%s@%s" % (h[:16].upper().replace("E", "x"), domain)
    if style == 1:  # thunderbird
        return "%s-%s-%s-%s-%s@%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32], domain)
    return "%s.%s@%s" % (h[:12], h[12:20], sender.host)


def quote(parent, start=None, count=None, *, match=None):
    """The parent's body lines (from the one containing MATCH), '> '-quoted."""
    lines = parent.body.split("\n")
    if "\n-- \n" in parent.body:
        lines = parent.body[:parent.body.rindex("\n-- \n")].split("\n")
    if match is not None:
        start = next(i for i, line in enumerate(lines) if match in line)
    start = start or 0
    end = len(lines) if count is None else start + count
    return "\n".join((">" + (" " + line if line else "")) for line in lines[start:end])


def attribution(parent, style=0):
    if style == 0:  # mutt
        return "On %s, %s wrote:" % (mutt_date(parent.epoch, parent.tz), parent.sender.name)
    return "%s wrote:" % parent.sender.name


def reply(ctx, parent, sender, epoch, parts, *, subject=None, extra=(),
          style=0, copies=1, agent=None, signature=None, crlf=False):
    """A reply to PARENT.  PARTS: own text (str) and quotes ((start, count)
    or {'match': text, 'count': n}) of the parent's body, in order."""
    body_parts = []
    quoted = False
    for p in parts:
        if isinstance(p, str):
            body_parts.append(p.strip("\n"))
        else:
            if isinstance(p, dict):
                q = quote(parent, match=p["match"], count=p.get("count"))
            else:
                q = quote(parent, p[0], p[1])
            if not quoted:
                body_parts.append(attribution(parent, style) + "\n" + q)
                quoted = True
            else:
                body_parts.append(q)
    body = "\n\n".join(body_parts) + "\n"
    if signature:
        body += "\n-- \n" + signature.strip("\n") + "\n"
    refs = (parent.refs or []) + [parent.msgid]
    if len(refs) > 10:  # as MUAs do: keep the root and the recent ones
        refs = refs[:1] + refs[-9:]
    mail = Mail(_reply_id(parent, sender, epoch), epoch, sender,
                subject or reply_subject(parent), body, irt=parent.msgid,
                refs=refs, cc=[name_addr(parent.sender.name, parent.sender.email)]
                if parent.sender.email != sender.email else (),
                extra=list(extra) + [("User-Agent", agent or _agent(sender))],
                copies=copies, crlf=crlf)
    return ctx.add(mail)


def post(ctx, sender, epoch, subject, body, *, extra=()):
    """A new thread that is not a patch."""
    mail = Mail(_reply_id(None, sender, epoch), epoch, sender, subject,
                body.strip("\n") + "\n",
                extra=list(extra) + [("User-Agent", _agent(sender))])
    return ctx.add(mail)


def _agent(sender):
    agents = ("Mutt/2.2.12 (2023-09-09)", "Mozilla Thunderbird",
              "NeoMutt/20231103", "alpine 2.26 (DEB 649 2022-06-02)")
    return agents[int(hashlib.sha1(sender.email.encode()).hexdigest()[:2], 16) % len(agents)]
