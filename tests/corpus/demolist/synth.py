"""Synthetic list traffic for --size: series, revisions, reviews, talk.

Made by templating alone (no git), from a seeded random generator, so it
is fast and the same on every run.  The diffs do not apply to the demo
tree; they are shaped like real ones (index lines, hunk headers,
diffstat) so that parsing and display work on them at scale.
"""

import random

from .mail import MAILER, Mail, sendemail_id
from .people import Person
from .series import post, reply

FIRST = ("Alex Anil Bea Chen Dana Elif Farid Gita Hugo Ines Jonas Kai Lena Marek "
         "Nadia Omar Pia Quentin Rosa Stefan Tara Uwe Vera Wen Xavier Yara Zoltan Ada "
         "Bruno Chloe Diego Emma Felix Hana Ivan Jun Kofi Lukas Maya Nico").split()
LAST = ("Andersen Bauer Costa Dubois Eriksen Fischer Garcia Horvath Ito Jensen Kowalski "
        "Larsen Moreau Nakamura Olsen Petrov Quinn Rossi Silva Takahashi Ueda Varga "
        "Weber Xu Yilmaz Zhang Novak Kim Singh Haddad").split()
DOMAINS = ("example.com example.org example.net corp.example.com lab.example.org "
           "chips.example.com kernel.example.org uni.example.edu").split()
TZS = (0, 60, 120, -300, -420, -480, 330, 480, 540, 180)

SUBSYS = [
    ("net: core", ["net/core/dev.c", "net/core/skbuff.c", "net/core/sock.c"], "dev"),
    ("net: ipv4", ["net/ipv4/tcp.c", "net/ipv4/route.c", "net/ipv4/udp.c"], "inet"),
    ("demo_eth", ["drivers/net/ethernet/demo/demo_main.c",
                  "drivers/net/ethernet/demo/demo_ethtool.c"], "demo"),
    ("net: phy", ["drivers/net/phy/phy.c", "drivers/net/phy/phy_device.c"], "phy"),
    ("mm", ["mm/page_alloc.c", "mm/vmscan.c", "mm/memory.c"], "page"),
    ("mm/slab", ["mm/slub.c", "mm/slab_common.c"], "kmem"),
    ("sched/fair", ["kernel/sched/fair.c", "kernel/sched/core.c"], "sched"),
    ("printk", ["kernel/printk/printk.c"], "printk"),
    ("lib", ["lib/string.c", "lib/bitmap.c", "lib/crc32.c"], "bitmap"),
    ("Documentation", ["Documentation/process/submitting-patches.rst",
                       "Documentation/admin-guide/kernel-parameters.txt"], "doc"),
    ("scripts", ["scripts/checkpatch.pl", "scripts/get_maintainer.pl"], "script"),
    ("include/linux", ["include/linux/skbuff.h", "include/linux/mm.h"], "hdr"),
]
VERBS = ("fix", "drop", "use", "add", "convert", "simplify", "avoid", "remove", "rework",
         "document", "annotate", "check")
THINGS = ("the error path of {f}()", "a NULL dereference in {f}()", "{f}() in the fast path",
          "the unused {v} argument", "READ_ONCE() for {v}", "a lockdep warning in {f}()",
          "an off-by-one in {f}()", "{f}() to the new helper", "the {v} refcount leak",
          "kernel-doc for {f}()", "the open-coded loop in {f}()", "{v} from the hot path")
PROBLEMS = (
    "{f}() returns without releasing {v} when the allocation fails.",
    "syzbot reported a use-after-free of {v} in {f}().",
    "{f}() is called with the lock held, so the extra check is redundant.",
    "The {v} field is read locklessly in {f}(); annotate the data race.",
    "The loop in {f}() can be expressed with the generic helper.",
    "Nothing uses {v} since the last rework of {f}().",
)
FIXES = (
    "Release it on the error path as well.",
    "Take a reference before dropping the lock.",
    "Remove it.",
    "Use READ_ONCE() and WRITE_ONCE() for it.",
    "Convert it, no functional change intended.",
    "Drop the field and its initialisation.",
)
CODE = (
    "\tif (!{v})\n\t\treturn -ENOMEM;",
    "\t{v} = kzalloc(sizeof(*{v}), GFP_KERNEL);",
    "\tspin_lock(&{v}->lock);",
    "\tspin_unlock(&{v}->lock);",
    "\tlist_del_init(&{v}->list);",
    "\tret = {f}({v}, flags);",
    "\tif (ret)\n\t\tgoto out_free;",
    "\tWRITE_ONCE({v}->state, STATE_DONE);",
    "\trcu_read_lock();",
    "\trcu_read_unlock();",
    "\tkfree({v});",
    "\treturn 0;",
)
TALK = ("Is there a reason {f}() still takes the lock here?",
        "Could we get numbers for this? I'd like to see the effect on {v}.",
        "This is the third report of the same problem with {v} this month.",
        "Should we deprecate {f}() altogether?")


class _Ctx:
    def __init__(self):
        self.mails = []
        self.count = 0

    def add(self, m):
        self.mails.append(m)
        self.count += m.copies
        return m


def _people(rng):
    out = []
    for i in range(160):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7 + i // len(FIRST)) % len(LAST)]
        dom = DOMAINS[i % len(DOMAINS)]
        out.append(Person("%s %s" % (first, last), "%s.%s@%s" % (
            first.lower(), last.lower(), dom), TZS[i % len(TZS)]))
    return out


def _hex(rng, n=12):
    return "%0*x" % (n, rng.getrandbits(4 * n))


def _diff(rng, path, f, v):
    start = rng.randint(20, 2000)
    before = [rng.choice(CODE).format(f=f, v=v) for _ in range(3)]
    after = [rng.choice(CODE).format(f=f, v=v) for _ in range(3)]
    old = [rng.choice(CODE).format(f=f, v=v) for _ in range(rng.randint(0, 2))]
    new = [rng.choice(CODE).format(f=f, v=v) for _ in range(rng.randint(1, 3))]
    ctx_lines = "\n".join(before).split("\n"), "\n".join(after).split("\n")
    minus = "\n".join(old).split("\n") if old else []
    plus = "\n".join(new).split("\n")
    n_old = len(ctx_lines[0]) + len(ctx_lines[1]) + len(minus)
    n_new = len(ctx_lines[0]) + len(ctx_lines[1]) + len(plus)
    hunk = ["@@ -%d,%d +%d,%d @@ static int %s(struct %s *%s)" % (
        start, n_old, start, n_new, f, v, v)]
    hunk += [" " + line for line in ctx_lines[0]]
    hunk += ["-" + line for line in minus] + ["+" + line for line in plus]
    hunk += [" " + line for line in ctx_lines[1]]
    text = ("diff --git a/%s b/%s\nindex %s..%s 100644\n--- a/%s\n+++ b/%s\n" % (
        path, path, _hex(rng, 12), _hex(rng, 12), path, path)) + "\n".join(hunk) + "\n"
    return text, len(plus), len(minus)


def _diffstat(files):
    width = max(len(p) for p, _, _ in files)
    lines = []
    ins = sum(a for _, a, _ in files)
    dels = sum(d for _, _, d in files)
    for p, a, d in files:
        lines.append(" %-*s | %d %s%s" % (width, p, a + d, "+" * a, "-" * d))
    summary = " %d file%s changed" % (len(files), "" if len(files) == 1 else "s")
    if ins:
        summary += ", %d insertion%s(+)" % (ins, "" if ins == 1 else "s")
    if dels:
        summary += ", %d deletion%s(-)" % (dels, "" if dels == 1 else "s")
    return "\n".join(lines) + "\n" + summary + "\n"


def _patch(rng, prefix, paths, stem, author):
    f = "%s_%s" % (stem, rng.choice(("init", "alloc", "free", "get", "put", "update",
                                     "flush", "reset", "poll", "destroy")))
    v = rng.choice(("priv", "entry", "pool", "req", "ctx", "node", "desc", "work"))
    title = "%s: %s %s" % (prefix, rng.choice(VERBS), rng.choice(THINGS).format(f=f, v=v))
    k = rng.randrange(len(PROBLEMS))
    msg = "%s %s\n\nSigned-off-by: %s\n" % (PROBLEMS[k].format(f=f, v=v), FIXES[k],
                                          author.addr)
    files = []
    diffs = []
    for path in rng.sample(paths, rng.randint(1, min(2, len(paths)))):
        d, a, r = _diff(rng, path, f, v)
        files.append((path, a, r))
        diffs.append(d)
    body = "%s---\n%s\n%s-- \n2.43.0\n" % (msg, _diffstat(files), "".join(diffs))
    return title, body, (f, v)


def _series(ctx, rng, people, epoch, version=1, prev_cover=None, shape=None):
    author = shape["author"] if shape else rng.choice(people)
    prefix, paths, stem = shape["subsys"] if shape else rng.choice(SUBSYS)
    n = shape["n"] if shape else rng.choice((1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 12))
    tag = shape["tag"] if shape else rng.choice(("PATCH",) * 8 + ("RFC PATCH", "PATCH net-next"))
    vtag = " v%d" % version if version > 1 else ""
    width = len(str(n))
    cover = n > 1 and rng.random() < 0.85
    pid = rng.randint(1000, 99999)
    msgs = []
    seq = 1
    root = None
    if cover:
        ctitle = shape["ctitle"] if shape else "%s: %s" % (prefix, rng.choice(
            ("cleanups", "fixes for the error paths", "speed up the fast path",
             "prepare for the new API", "locking fixes")))
        cbody = "This series %s.\n\n" % rng.choice(
            ("fixes a few problems found by syzbot", "is preparation for the next cycle",
             "removes dead code left over from the last rework",
             "makes the locking easier to follow"))
        if version > 1:
            cbody += "Changes in v%d:\n- address review comments\n- rebase\n\n" % version
        cbody += "-- \n2.43.0\n"
        root = Mail(sendemail_id(epoch, pid, seq, author), epoch, author,
                    "[%s%s %s/%d] %s" % (tag, vtag, "0" * width, n, ctitle), cbody,
                    irt=prev_cover.msgid if prev_cover else None,
                    refs=[prev_cover.msgid] if prev_cover else None, mailer=MAILER)
        ctx.add(root)
        msgs.append(root)
        seq += 1
    else:
        ctitle = None
    deep = rng.random() < 0.1
    titles = []
    for i in range(1, n + 1):
        title, body, fv = _patch(rng, prefix, paths, stem, author)
        titles.append(title)
        counter = "" if n == 1 else " %0*d/%d" % (width, i, n)
        parent = msgs[-1] if deep and msgs else (root or (msgs[0] if msgs else None))
        irt = parent.msgid if parent else (prev_cover.msgid if prev_cover and not cover else None)
        refs = (parent.refs + [parent.msgid]) if parent else ([irt] if irt else None)
        m = Mail(sendemail_id(epoch, pid, seq, author), epoch + seq - 1, author,
                 "[%s%s%s] %s" % (tag, vtag, counter, title), body, irt=irt, refs=refs,
                 mailer=MAILER)
        m.fv = fv
        ctx.add(m)
        msgs.append(m)
        seq += 1
    return {"author": author, "subsys": (prefix, paths, stem), "n": n, "tag": tag,
            "ctitle": ctitle, "root": root, "msgs": msgs, "epoch": epoch}


def _reviews(ctx, rng, people, sent):
    t = sent["epoch"] + rng.randint(1800, 3 * 86400)
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        who = rng.choice(people)
        target = rng.choice(sent["msgs"])
        tag = rng.choice(("Reviewed-by", "Reviewed-by", "Acked-by", "Tested-by"))
        if rng.random() < 0.5 and target.body.count("\n") > 4:
            parts = [(0, 3), rng.choice(("Looks good to me.", "Thanks for fixing this.",
                                          "Makes sense.")), who.trailer(tag)]
        else:
            parts = [who.trailer(tag)]
        reply(ctx, target, who, t, parts)
        t += rng.randint(600, 86400)
    if rng.random() < 0.2:
        who = rng.choice(people)
        target = rng.choice(sent["msgs"])
        q = reply(ctx, target, who, t, [(0, 2), rng.choice(TALK).format(
            f="the helper", v="the counters")])
        reply(ctx, q, sent["author"], t + rng.randint(600, 40000),
              [(0, 2), "Good point, I'll look into it for the next version."])


def build(mails_so_far, target, start):
    """Returns synthetic Mails until about TARGET files exist in total."""
    rng = random.Random(20240310)
    people = _people(rng)
    ctx = _Ctx()
    need = target - mails_so_far
    t = start
    pending = []  # series that will get another revision
    while ctx.count < need:
        t += rng.randint(120, 2400)
        r = rng.random()
        if pending and r < 0.15:
            prev = pending.pop(0)
            v = prev.get("version", 1) + 1
            chained = prev["root"] if rng.random() < 0.4 else None
            s = _series(ctx, rng, people, t, v, chained, prev)
            s["version"] = v
            _reviews(ctx, rng, people, s)
            if v < 4 and rng.random() < 0.4:
                pending.append(s)
        elif r < 0.8:
            s = _series(ctx, rng, people, t)
            _reviews(ctx, rng, people, s)
            if rng.random() < 0.3:
                pending.append(s)
        else:
            who = rng.choice(people)
            prefix, _, stem = rng.choice(SUBSYS)
            d = post(ctx, who, t, "%s: %s" % (prefix, rng.choice(TALK).format(
                f=stem + "_update", v="the stats")),
                "Hi,\n\n%s\n\nThanks,\n%s\n" % (rng.choice(TALK).format(
                    f=stem + "_init", v=stem + " users"), who.first))
            last = d
            for k in range(rng.randint(1, 5)):
                w = rng.choice(people)
                last = reply(ctx, rng.choice((d, last)), w, t + (k + 1) * rng.randint(900, 20000),
                             [(2, 1), rng.choice(("Agreed.", "Not sure, see above.",
                                                  "We hit the same thing last week."))])
    return ctx.mails
