"""The fixed cases, second half: late January to March 2024."""

import hashlib

from . import history
from .mail import Mail, name_addr
from .people import (ANNA, CAROL, DMITRY, HELEN, JANE, LIWEI, MORGAN, RAVI, SAM,
                     TOMASZ, YUKI, hg_date, utc)
from .series import Patch, commit_series, mail_series, post, reply, send_series

ETH = "drivers/net/ethernet/demo/"
PHY = "drivers/net/phy/demo_phy.c"

SPELLING = [
    ("demo_eth", ETH + "demo.h", "seperate", "separate"),
    ("demo_eth", ETH + "demo_main.c", "recieve", "receive"),
    ("demo_eth: ethtool", ETH + "demo_ethtool.c", "accross", "across"),
    ("net: phy: demo", PHY, "adress", "address"),
    ("net: skb_pool", "net/core/skb_pool.c", "untill", "until"),
    ("mm/slab_debug", "mm/slab_debug.c", "lenght", "length"),
    ("mm/vmstat_lite", "mm/vmstat_lite.c", "begining", "beginning"),
    ("kernel/watchdog_lite", "kernel/watchdog_lite.c", "succesful", "successful"),
    ("kernel/printk_ratelimit", "kernel/printk_ratelimit.c", "neccessary", "necessary"),
    ("lib/crc_lite", "lib/crc_lite.c", "wich", "which"),
    ("Documentation: networking: demo-eth", "Documentation/networking/demo-eth.rst",
     "paramter", "parameter"),
    ("Documentation: mm: page_pool_lite", "Documentation/mm/page_pool_lite.rst",
     "occured", "occurred"),
]


def spelling(ctx):
    """A real 12-patch series with '[RFC, PATCH 01/12]' subjects."""
    patches = [Patch("%s: fix spelling of '%s'" % (prefix, good), """
Fix the misspelling of '%s' in a comment, found by codespell.

Signed-off-by: Dmitry Volkov <dvolkov@example.ru>
""" % good, [(path, bad, good)]) for prefix, path, bad, good in SPELLING]
    s = send_series(ctx, branch="spelling", sender=DMITRY, when=utc(2024, 1, 29, 7, 0),
                    prefix="RFC, PATCH", patches=patches,
                    cover=("treewide: fix misspellings in comments", """
codespell finds a dozen misspellings in comments across the tree. I have
split the fixes per file so that each maintainer can take their part;
sending as RFC to ask whether one treewide patch would be preferred.
"""))
    sam = reply(ctx, s.cover, SAM, utc(2024, 1, 29, 12, 30), [
        {"match": "I have", "count": 3},
        "Per-file is fine, but please drop the RFC tag and send each part to\n"
        "the right maintainer; a treewide patch only causes conflicts.", "Sam"])
    jane = reply(ctx, s.patches[0], JANE, utc(2024, 1, 29, 13, 5), [
        JANE.trailer("Acked-by")])
    for k, who in ((3, LIWEI), (5, ANNA), (6, RAVI), (7, SAM), (8, YUKI)):
        reply(ctx, s.patches[k], who, utc(2024, 1, 29, 14 + k, 10), [
            {"match": "Fix the misspelling", "count": 1}, who.trailer("Acked-by")])
    ctx.case("rfc-comma-12", "'[RFC, PATCH 00/12]' cover + 12 patches (01/12 .. 12/12)",
             s.delivered + [sam, jane])


def rfc(ctx):
    f = "mm/vmstat_lite.c"
    s = send_series(ctx, branch="vmstat-node", sender=RAVI, when=utc(2024, 1, 31, 6, 0),
                    prefix="RFC PATCH", cover=("mm/vmstat_lite: per-node event counters", """
On NUMA boxes the global counters hide which node is under pressure.
This RFC keeps one array of counters per node. Before I go further: is
MAX_NUMNODES arrays acceptable, or should this be allocated per online
node?
"""), patches=[
        Patch("mm/vmstat_lite: keep the event counters per node", """
Index the counters by the node of the running CPU.

Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>
""", [(f, "static atomic_long_t vm_lite_events[NR_VM_LITE_ITEMS];",
       "static atomic_long_t vm_lite_events[MAX_NUMNODES][NR_VM_LITE_ITEMS];"),
      (f, "\tatomic_long_inc(&vm_lite_events[item]);",
       "\tatomic_long_inc(&vm_lite_events[numa_node_id()][item]);")]),
        Patch("mm/vmstat_lite: sum the nodes when showing the counters", """
Keep the /proc format unchanged: print the sum over the online nodes.

Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>
""", [(f, "\tfor (i = 0; i < NR_VM_LITE_ITEMS; i++)\n"
          "\t\tseq_printf(m, \"%s %ld\\n\", vm_lite_names[i],\n"
          "\t\t\t   atomic_long_read(&vm_lite_events[i]));\n",
       "\tfor (i = 0; i < NR_VM_LITE_ITEMS; i++) {\n\t\tlong sum = 0;\n\t\tint nid;\n\n"
       "\t\tfor_each_online_node(nid)\n"
       "\t\t\tsum += atomic_long_read(&vm_lite_events[nid][i]);\n"
       "\t\tseq_printf(m, \"%s %ld\\n\", vm_lite_names[i], sum);\n\t}\n")]),
    ])
    anna = reply(ctx, s.cover, ANNA, utc(2024, 1, 31, 9, 40), [
        {"match": "Before I go further", "count": 3},
        "MAX_NUMNODES is 1024 on some configs, that is 32K of counters nobody\n"
        "reads. Allocate per online node at init, please.", "Anna"], style=1)
    ravi = reply(ctx, anna, RAVI, utc(2024, 1, 31, 11, 2), [
        {"match": "MAX_NUMNODES is", "count": 2},
        "Fair. Memory hotplug makes that a bit more involved; I'll look at\n"
        "how vmstat proper handles new nodes and come back with a v1.", "Ravi"])
    ctx.case("rfc", "'[RFC PATCH 0/2]' series with a design discussion under the cover",
             s.delivered + [anna, ravi])


def merged(ctx):
    f = "mm/page_pool_lite.c"
    fixes = ctx.labels["pp-node"][:12]
    s = send_series(ctx, branch="pp-errpath", sender=RAVI, when=utc(2024, 2, 1, 4, 30),
                    cover=("mm/page_pool_lite: fix the error paths", """
Two leaks found by kmemleak while testing driver unbinds.
"""), patches=[
        Patch("mm/page_pool_lite: free the pool when the page array allocation fails", """
pp_lite_create() returns NULL without freeing the pool when the page
array cannot be allocated.

Fixes: %s ("mm/page_pool_lite: allocate the page array on the pool's node")
Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>
""" % fixes, [(f, "\tif (!pool->pages)\n\t\treturn NULL;\n",
               "\tif (!pool->pages) {\n\t\tkfree(pool);\n\t\treturn NULL;\n\t}\n")]),
        Patch("mm/page_pool_lite: free the page array in pp_lite_destroy()", """
The array of cached pages is never freed.

Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>
""", [(f, "\tkfree(pool);\n}\nEXPORT_SYMBOL(pp_lite_destroy);",
       "\tkfree(pool->pages);\n\tkfree(pool);\n}\nEXPORT_SYMBOL(pp_lite_destroy);")]),
    ])
    anna = reply(ctx, s.cover, ANNA, utc(2024, 2, 1, 10, 12), [
        {"match": "Two leaks", "count": 1}, ANNA.trailer("Reviewed-by")], style=1)
    morgan = reply(ctx, s.cover, MORGAN, utc(2024, 2, 8, 21, 30), [
        "Applied to master, thanks!", "[1/2] " + s.patches[0].subject_text.split("] ", 1)[1],
        "[2/2] " + s.patches[1].subject_text.split("] ", 1)[1], "Morgan"])
    history.cherry_pick(ctx, "merged", s.commits, utc(2024, 2, 8, 21, 0))
    ctx.case("merged", "cover + 2 patches, later applied to master (same patches, commit "
             "date 2024-02-08)", s.delivered + [anna, morgan])
    ctx.merged = s


def net_next(ctx):
    c = "net/core/skb_pool.c"
    h = "include/linux/skb_pool.h"
    rb = ANNA.trailer("Reviewed-by")
    v1 = _net_next_v1(ctx, c)
    s = send_series(ctx, branch="skb-wm", sender=TOMASZ, when=utc(2024, 2, 2, 13, 15),
                    prefix="PATCH net-next", version=2, cc=[name_addr(MORGAN.name, MORGAN.email)],
                    cover=("net: skb_pool: tunable refill watermark", """
The refill watermark of skb_pool is hard-coded to a quarter of the pool,
which is too late for drivers that burst. Make it tunable and move the
refill out of the fast path.

Changes in v2:
- move the refill to a work item instead of using GFP_ATOMIC (Morgan);
  Anna's Reviewed-by kept on patch 3, the work item was her idea
- new patch 4: count allocation failures
- new patch 5: drop the now unused gfp argument
- collect Reviewed-by tags from Anna
- v1: https://lore.example.org/r/%s
""" % v1.cover.msgid), patches=[
        Patch("net: skb_pool: name the default watermark divisor", """
No functional change.

%s
Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""" % rb, [(c, "#define SKB_POOL_BUF_LEN\t2048\n",
            "#define SKB_POOL_BUF_LEN\t2048\n#define SKB_POOL_DEF_WM_DIV\t4\n"),
           (c, "\tpool->low_watermark = size / 4;\n",
            "\tpool->low_watermark = size / SKB_POOL_DEF_WM_DIV;\n")]),
        Patch("net: skb_pool: add skb_pool_set_watermark()", """
Let drivers that receive in bursts refill earlier.

%s
Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""" % rb, [(c, "struct sk_buff *skb_pool_get(",
            "int skb_pool_set_watermark(struct skb_pool *pool, unsigned int wm)\n{\n"
            "\tif (wm > pool->size)\n\t\treturn -EINVAL;\n\n\tpool->low_watermark = wm;\n"
            "\treturn 0;\n}\nEXPORT_SYMBOL(skb_pool_set_watermark);\n\n"
            "struct sk_buff *skb_pool_get("),
           (h, "void skb_pool_put(", "int skb_pool_set_watermark(struct skb_pool *pool, unsigned int wm);\n"
            "void skb_pool_put(")]),
        Patch("net: skb_pool: refill from a work item when the pool runs low", """
skb_pool_get() refills inline with the caller's gfp flags, which in
atomic context means GFP_ATOMIC allocations that fail under pressure,
exactly when the pool is needed. Schedule a work item instead and let it
refill with GFP_KERNEL.

%s
Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""" % rb, [(h, "\tunsigned int low_watermark;\n",
            "\tunsigned int low_watermark;\n\tstruct work_struct refill_work;\n"),
           (c, "\tif (skb_queue_len(&pool->list) < pool->low_watermark)\n\t\tskb_pool_refill(pool, gfp);\n",
            "\tif (skb_queue_len(&pool->list) < pool->low_watermark)\n"
            "\t\tschedule_work(&pool->refill_work);\n"),
           (c, "int skb_pool_init(",
            "static void skb_pool_refill_work(struct work_struct *work)\n{\n"
            "\tstruct skb_pool *pool = container_of(work, struct skb_pool, refill_work);\n\n"
            "\tskb_pool_refill(pool, GFP_KERNEL);\n}\n\nint skb_pool_init("),
           (c, "\tpool->size = size;\n", "\tpool->size = size;\n"
            "\tINIT_WORK(&pool->refill_work, skb_pool_refill_work);\n"),
           (c, "\tskb_queue_purge(&pool->list);\n",
            "\tcancel_work_sync(&pool->refill_work);\n\tskb_queue_purge(&pool->list);\n")]),
        Patch("net: skb_pool: count allocation failures", """
Expose how often the refill failed, for the drivers' ethtool stats.

Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""", [(h, "\tstruct work_struct refill_work;\n",
       "\tstruct work_struct refill_work;\n\tunsigned long alloc_fail;\n"),
      (c, "\t\tif (!skb)\n\t\t\tbreak;\n",
       "\t\tif (!skb) {\n\t\t\tpool->alloc_fail++;\n\t\t\tbreak;\n\t\t}\n")]),
        Patch("net: skb_pool: drop the gfp argument of skb_pool_get()", """
The refill no longer happens in the caller's context, so the flags are
unused.

Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""", [(c, "struct sk_buff *skb_pool_get(struct skb_pool *pool, gfp_t gfp)",
       "struct sk_buff *skb_pool_get(struct skb_pool *pool)"),
      (h, "struct sk_buff *skb_pool_get(struct skb_pool *pool, gfp_t gfp);",
       "struct sk_buff *skb_pool_get(struct skb_pool *pool);")]),
    ])
    p3 = s.patches[2]
    morgan = reply(ctx, p3, MORGAN, utc(2024, 2, 2, 18, 40), [
        {"match": "+\t\tschedule_work(&pool->refill_work);", "count": 1},
        "What keeps the work from running after skb_pool_destroy() freed the\n"
        "skbs? I see the cancel_work_sync(), but the caller may still call\n"
        "skb_pool_get() concurrently.", "Morgan"])
    dmitry = reply(ctx, p3, DMITRY, utc(2024, 2, 3, 6, 5), [
        {"match": "skb_pool_get() refills inline", "count": 8},
        "Nice, this also fixes the allocation failure splats I reported.",
        DMITRY.trailer("Reviewed-by")])
    tomasz = reply(ctx, morgan, TOMASZ, utc(2024, 2, 3, 9, 12), [
        {"match": "What keeps the work", "count": 3},
        "Destroying a pool that is still in use is a driver bug already, the\n"
        "skb_queue_purge() has the same problem. I can add a comment saying so.",
        "Tomasz"])
    for k in (3, 4):
        reply(ctx, s.patches[k], ANNA, utc(2024, 2, 3, 10 + k, 0), [ANNA.trailer("Reviewed-by")],
              style=1)
    ctx.case("target-prefix", "'[PATCH net-next v2 3/5]': target prefix net-next, v2 of a "
             "5-patch series", s.delivered)
    ctx.case("review-quoted-trailers", "Reviewed-by on 3/5 quoting the commit message: the "
             "quoted '> Reviewed-by: Anna' and '> Signed-off-by:' must not count",
             [dmitry])
    ctx.case("review-discussion", "question on 3/5 and the author's answer (no trailers)",
             [morgan, tomasz])


def _net_next_v1(ctx, c):
    body = "\nSigned-off-by: Tomasz Nowak <tnowak@example.pl>\n"
    s = send_series(ctx, branch="skb-wm-v1", sender=TOMASZ, when=utc(2024, 1, 22, 12, 40),
                    prefix="PATCH net-next", cc=[name_addr(MORGAN.name, MORGAN.email)],
                    cover=("net: skb_pool: tunable refill watermark", """
The refill watermark of skb_pool is hard-coded to a quarter of the pool,
which is too late for drivers that burst. Make it tunable, and refill
with GFP_ATOMIC when called from atomic context.
"""), patches=[
        Patch("net: skb_pool: name the default watermark divisor", "No functional change.\n" + body,
              [(c, "#define SKB_POOL_BUF_LEN\t2048\n",
                "#define SKB_POOL_BUF_LEN\t2048\n#define SKB_POOL_DEF_WM_DIV\t4\n"),
               (c, "\tpool->low_watermark = size / 4;\n",
                "\tpool->low_watermark = size / SKB_POOL_DEF_WM_DIV;\n")]),
        Patch("net: skb_pool: add skb_pool_set_watermark()",
              "Let drivers that receive in bursts refill earlier.\n" + body,
              [(c, "struct sk_buff *skb_pool_get(",
                "int skb_pool_set_watermark(struct skb_pool *pool, unsigned int wm)\n{\n"
                "\tif (wm > pool->size)\n\t\treturn -EINVAL;\n\n\tpool->low_watermark = wm;\n"
                "\treturn 0;\n}\nEXPORT_SYMBOL(skb_pool_set_watermark);\n\n"
                "struct sk_buff *skb_pool_get("),
               ("include/linux/skb_pool.h", "void skb_pool_put(",
                "int skb_pool_set_watermark(struct skb_pool *pool, unsigned int wm);\n"
                "void skb_pool_put(")]),
        Patch("net: skb_pool: refill with GFP_ATOMIC in atomic context", """
Callers in softirq context pass GFP_KERNEL by mistake more often than
not. Pick the flags from the context instead.
""" + body, [(c, "\t\tskb_pool_refill(pool, gfp);\n",
               "\t\tskb_pool_refill(pool, in_task() ? gfp : GFP_ATOMIC);\n")]),
    ])
    for k in (0, 1):
        reply(ctx, s.patches[k], ANNA, utc(2024, 1, 23, 7, 10 + k), [ANNA.trailer("Reviewed-by")],
              style=1)
    morgan = reply(ctx, s.patches[2], MORGAN, utc(2024, 1, 23, 15, 0), [
        {"match": "+\t\tskb_pool_refill(pool, in_task()", "count": 1},
        "GFP_ATOMIC is exactly what fails when memory is tight, which is when\n"
        "the pool runs low. Refill from a work item with GFP_KERNEL instead?", "Morgan"])
    anna = reply(ctx, morgan, ANNA, utc(2024, 1, 23, 16, 30), [
        {"match": "GFP_ATOMIC is exactly", "count": 2},
        "Agreed, a work item is what the other pools do. With that change:",
        ANNA.trailer("Reviewed-by")], style=1)
    ctx.case("target-prefix-v1", "'[PATCH net-next 0/3]': v1 of the net-next series, reviews "
             "ask for a rework of 3/3", s.delivered + [morgan, anna])
    return s


def mercurial(ctx):
    f = "kernel/printk_ratelimit.c"
    s = send_series(ctx, branch="rl-hg", sender=YUKI, when=utc(2024, 2, 5, 8, 0),
                    cover=("kernel/printk_ratelimit: small fixes", """
Three small fixes from our downstream tree, which is kept in Mercurial.
"""), patches=[
        Patch("kernel/printk_ratelimit: return bool from printk_ratelimit_lite()", """
The helper returns a yes/no answer; say so in the type.

Signed-off-by: Yuki Tanaka <yuki@example.jp>
""", [(f, "int printk_ratelimit_lite(void)", "bool printk_ratelimit_lite(void)")]),
        Patch("kernel/printk_ratelimit: suppress everything when the burst is zero", """
A burst of zero is documented to suppress all messages, but the code
lets the first one of each interval through.

Signed-off-by: Yuki Tanaka <yuki@example.jp>
""", [(f, "\tif (!rs->interval)\n\t\treturn true;\n",
       "\tif (!rs->interval)\n\t\treturn true;\n\n\tif (!rs->burst)\n\t\treturn false;\n")]),
        Patch("kernel/printk_ratelimit: raise the default burst to 20", """
Boot on larger machines prints more than ten related lines at once.

Signed-off-by: Yuki Tanaka <yuki@example.jp>
""", [(f, "#define RL_DEFAULT_BURST\t10\n", "#define RL_DEFAULT_BURST\t20\n")]),
    ])
    _hgify(ctx, s, YUKI)
    r = reply(ctx, s.cover, SAM, utc(2024, 2, 5, 14, 0), [
        "Odd-looking mail, but the patches are fine.", SAM.trailer("Acked-by")])
    ctx.case("mercurial", "hg patchbomb: '[PATCH 0 of 3]' .. '[PATCH 3 of 3]', "
             "'# HG changeset patch' bodies, hg Message-IDs", s.delivered + [r])


def _hgify(ctx, sent, who):
    """Rewrites a sent series as Mercurial's patchbomb extension sends it."""
    total = len(sent.patches)
    intro = sent.cover
    intro.msgid = "patchbomb.%d@%s" % (intro.epoch, who.host)
    intro.subject = "[PATCH 0 of %d] %s" % (total, intro.subject_text.split("] ", 1)[1])
    intro.body = intro.body.split("\n-- \n")[0].rstrip("\n") + "\n\n"
    parent = hashlib.sha1(sent.base.encode()).hexdigest()
    series_id = None
    for i, m in enumerate(sent.patches, 1):
        node = hashlib.sha1(m.commit.encode()).hexdigest()
        title = m.subject_text.split("] ", 1)[1]
        msg = ctx.repo.run("log", "-1", "--format=%B", m.commit).rstrip("\n")
        diff = m.body[m.body.index("diff --git"):m.body.rindex("\n-- \n")]
        diff = "\n".join(line for line in diff.split("\n") if not line.startswith("index "))
        m.body = ("# HG changeset patch\n# User %s\n# Date %d %d\n#      %s\n# Node ID %s\n"
                  "# Parent  %s\n%s\n\n%s\n\n" % (
                      who.addr, m.epoch, -who.tz * 60, hg_date(m.epoch, who.tz), node,
                      parent, msg, diff))
        m.msgid = "%s.%d@%s" % (node[:20], m.epoch, who.host)
        series_id = series_id or m.msgid
        m.subject = "[PATCH %d of %d] %s" % (i, total, title)
        m.irt = intro.msgid
        m.refs = [intro.msgid]
        m.extra += [("X-Mercurial-Node", node), ("X-Mercurial-Series-Index", str(i)),
                    ("X-Mercurial-Series-Total", str(total)),
                    ("X-Mercurial-Series-Id", "<%s>" % series_id)]
        parent = node
    for m in [intro] + sent.patches:
        m.mailer = None
        m.ctype = 'text/plain; charset="us-ascii"'
        m.cte = "7bit"
        m.extra.append(("User-Agent", "Mercurial-patchbomb/6.6.3"))


def resend(ctx):
    f = "Documentation/mm/page_pool_lite.rst"
    s = send_series(ctx, branch="pp-doc", sender=LIWEI, when=utc(2024, 1, 9, 3, 20), patches=[
        Patch("Documentation: mm: page_pool_lite: document the node argument", """
Say what the nid argument of pp_lite_create() is for, and what
NUMA_NO_NODE does.

Signed-off-by: Li Wei <liwei@example.cn>
""", [(f, "allocates with pp_lite_alloc() and returns pages with pp_lite_recycle().\n",
       "allocates with pp_lite_alloc() and returns pages with pp_lite_recycle().\n"
       "Pass the NUMA node of the device as ``nid``, or NUMA_NO_NODE to allocate\n"
       "from the node of the running CPU.\n")])])
    ping = reply(ctx, s.patches[0], LIWEI, utc(2024, 1, 30, 2, 0), ["Ping?"])
    again = mail_series(ctx, sender=LIWEI, when=utc(2024, 2, 6, 2, 0), base=s.base,
                        tip=s.commits[0], prefix="PATCH RESEND")
    ctx.case("resend", "a patch, then the same patch four weeks later as '[PATCH RESEND]'",
             s.delivered + [ping] + again.delivered)


def missing(ctx):
    f = "lib/crc_lite.c"
    s = send_series(ctx, branch="crc-cleanup", sender=CAROL, when=utc(2024, 2, 7, 17, 0),
                    drop=(3,), cover=("lib/crc_lite: small cleanups", """
Cleanups from reading this file while adding a CRC-8 variant, which
will come separately.
"""), patches=[
        Patch("lib/crc_lite: include linux/bitops.h", """
The file relies on BIT() through an indirect include.

Signed-off-by: Carol Ng <carol@example.com>
""", [(f, "#include <linux/export.h>\n", "#include <linux/bitops.h>\n#include <linux/export.h>\n")]),
        Patch("lib/crc_lite: use unsigned int for the CRC-16 bit counter", """
Signed-off-by: Carol Ng <carol@example.com>
""", [(f, "u16 crc16_lite(u16 crc, const u8 *buf, size_t len)\n{\n\tint i;",
       "u16 crc16_lite(u16 crc, const u8 *buf, size_t len)\n{\n\tunsigned int i;")]),
        Patch("lib/crc_lite: use unsigned int for the CRC-32 bit counter", """
Signed-off-by: Carol Ng <carol@example.com>
""", [(f, "u32 crc32_lite(u32 crc, const u8 *buf, size_t len)\n{\n\tint i;",
       "u32 crc32_lite(u32 crc, const u8 *buf, size_t len)\n{\n\tunsigned int i;")]),
        Patch("lib/crc_lite: add kernel-doc for crc16_lite()", """
Signed-off-by: Carol Ng <carol@example.com>
""", [(f, "u16 crc16_lite(", "/**\n * crc16_lite() - CRC-16/CCITT, MSB first\n"
       " * @crc: previous CRC value\n * @buf: data\n * @len: length of @buf in bytes\n"
       " *\n * Return: the updated CRC.\n */\nu16 crc16_lite(")]),
        Patch("lib/crc_lite: add kernel-doc for crc32_lite()", """
Signed-off-by: Carol Ng <carol@example.com>
""", [(f, "u32 crc32_lite(u32 crc,", "/**\n * crc32_lite() - CRC-32, LSB first\n"
       " * @crc: previous CRC value\n * @buf: data\n * @len: length of @buf in bytes\n"
       " *\n * Return: the updated CRC.\n */\nu32 crc32_lite(u32 crc,")]),
    ])
    r = reply(ctx, s.cover, SAM, utc(2024, 2, 8, 9, 0), [
        "Patch 3/5 never made it to the list (nor to me). Could you resend it?", "Sam"])
    c = reply(ctx, r, CAROL, utc(2024, 2, 8, 17, 20), [
        {"match": "Patch 3/5 never made it", "count": 1},
        "Odd, git send-email reported it as sent. I'll include it in v2.", "Carol"])
    ctx.case("missing", "cover + 5 patches of which 3/5 was never delivered; Sam asks for "
             "it, Carol answers", s.delivered + [r, c])
    ctx.case("missing-patch-id", "the Message-ID 3/5 would have had (not in the maildir)",
             [m for m in s.all if getattr(m, "dropped", False)])


def duplicate(ctx):
    s = send_series(ctx, branch="wd-comm", sender=YUKI, when=utc(2024, 2, 9, 1, 10), dup=(1,), patches=[
        Patch("kernel/watchdog_lite: print the name of the stuck task", """
The soft lockup report only names the CPU. Print the task too, as the
full watchdog does.

Signed-off-by: Yuki Tanaka <yuki@example.jp>
""", [("kernel/watchdog_lite.c", "\t\t\t smp_processor_id(), now - touch_ts);\n",
       "\t\t\t smp_processor_id(), now - touch_ts,\n"
       "\t\t\t current->comm, task_pid_nr(current));\n"),
      ("kernel/watchdog_lite.c", "stuck for %lus!\\n\",", "stuck for %lus! [%s:%d]\\n\",")])])
    ctx.case("duplicate", "one patch delivered twice: two files, same Message-ID, different "
             "Received headers", s.delivered)


def pull(ctx):
    repo = ctx.repo
    f = ETH + "demo_main.c"
    s_base, commits = commit_series(
        ctx, "demo-eth-fixes", "master", JANE, utc(2024, 2, 13, 8, 0), [
            Patch("demo_eth: free the rx ring when the interface goes down", """
demo_stop() frees the tx ring only, so every down/up cycle leaks the rx
descriptors.

Fixes: %s ("Initial import of the demo lite tree")
Signed-off-by: Jane Doe <jane@example.org>
""" % ctx.labels["initial"][:12], [(f, "\tdemo_ring_free(priv, &priv->tx);\n\treturn 0;\n",
                                    "\tdemo_ring_free(priv, &priv->tx);\n"
                                    "\tdemo_ring_free(priv, &priv->rx);\n\treturn 0;\n")]),
            Patch("demo_eth: wrap the tx head at the ring size", """
The tx head is incremented without bound and indexes past the ring
after the first count packets.

Signed-off-by: Jane Doe <jane@example.org>
""", [(f, "\ttx->head++;\n", "\ttx->head = (tx->head + 1) % tx->count;\n")]),
        ], commit_span=12 * 3600)
    tag = "demo-eth-fixes-6.8-rc5"
    url = "git://git.example.org/pub/scm/linux/kernel/git/jane/demo.git"
    repo.set_committer(JANE, utc(2024, 2, 13, 9, 0))
    repo.run("tag", "-a", "-m", "demo_eth fixes for 6.8-rc5\n\nTwo fixes for leaks and an "
             "out-of-bounds index in the\ndemo Ethernet driver, both present since the "
             "driver was added.", tag, commits[-1])
    text = repo.run("request-pull", s_base, repo.path, tag).replace(repo.path, url)
    body = ("Hi Morgan,\n\nplease pull two fixes for the demo Ethernet driver for the next rc.\n\n"
            + text.rstrip("\n") + "\n")
    m = ctx.add(Mail("%s.%s@kernel.example.org" % ("20240213090500", "pull-demo-eth"),
                     utc(2024, 2, 13, 9, 5), JANE, "[GIT PULL] demo_eth fixes for 6.8-rc5",
                     body, cc=[name_addr(MORGAN.name, MORGAN.email)],
                     extra=[("User-Agent", "Mutt/2.2.12 (2023-09-09)")]))
    history.merge_pull(ctx, commits[-1], url, tag, (
        " - free the rx ring on close, and wrap the tx head at the ring size",
        "  %s\n  %s" % tuple(repo.run("log", "-1", "--format=%s", c).strip() for c in commits)))
    r = reply(ctx, m, MORGAN, utc(2024, 2, 20, 19, 10), [
        {"match": "are available in the Git repository at:", "count": 3},
        "Pulled, thanks.", "Morgan"])
    ctx.case("pull-request", "'[GIT PULL]' made by git request-pull: no patch; merged into "
             "master on 2024-02-20", [m, r])
    ctx.pull = commits


def six_of_five(ctx):
    s_base, commits = commit_series(
        ctx, "phy-cleanup", "master", LIWEI, utc(2024, 2, 14, 3, 0), [
            Patch("net: phy: demo: rename DEMO_PHY_INT_LINK to DEMO_PHY_INT_LINK_CHG", """
The bit signals a link change, not the link state.

Signed-off-by: Li Wei <liwei@example.cn>
""", [(PHY, "#define DEMO_PHY_INT_LINK\tBIT(4)\n", "#define DEMO_PHY_INT_LINK_CHG\tBIT(4)\n"),
      (PHY, "DEMO_PHY_INT_MASK, DEMO_PHY_INT_LINK);", "DEMO_PHY_INT_MASK, DEMO_PHY_INT_LINK_CHG);"),
      (PHY, "if (!(status & DEMO_PHY_INT_LINK))", "if (!(status & DEMO_PHY_INT_LINK_CHG))")]),
            Patch("net: phy: demo: drop the empty config_init", """
phylib does not require the callback.

Signed-off-by: Li Wei <liwei@example.cn>
""", [(PHY, "static int demo_phy_config_init(struct phy_device *phydev)\n{\n"
            "\t/* the strap pins select the adress, nothing to do here */\n\treturn 0;\n}\n\n", ""),
      (PHY, "\t\t.config_init\t\t= demo_phy_config_init,\n", "")]),
            Patch("net: phy: demo: report read errors in the interrupt handler", """
Signed-off-by: Li Wei <liwei@example.cn>
""", [(PHY, "\tif (status < 0)\n\t\treturn IRQ_NONE;\n",
       "\tif (status < 0) {\n\t\tphy_error(phydev);\n\t\treturn IRQ_NONE;\n\t}\n")]),
            Patch("net: phy: demo: constify the MDIO device table", """
Signed-off-by: Li Wei <liwei@example.cn>
""", [(PHY, "static struct mdio_device_id __maybe_unused",
       "static const struct mdio_device_id __maybe_unused")]),
            Patch("net: phy: demo: add MODULE_AUTHOR", """
Signed-off-by: Li Wei <liwei@example.cn>
""", [(PHY, 'MODULE_DESCRIPTION("Demo 1G PHY driver");\n',
       'MODULE_DESCRIPTION("Demo 1G PHY driver");\nMODULE_AUTHOR("Li Wei <liwei@example.cn>");\n')]),
            Patch("net: phy: demo: use genphy_soft_reset()", """
The PHY needs a soft reset after a strap change; the generic helper
does the right thing.

Signed-off-by: Li Wei <liwei@example.cn>
""", [(PHY, '\t\t.name\t\t\t= "Demo 1G PHY",\n',
       '\t\t.name\t\t\t= "Demo 1G PHY",\n\t\t.soft_reset\t\t= genphy_soft_reset,\n')]),
        ])
    when = utc(2024, 2, 14, 3, 0)
    five = mail_series(ctx, sender=LIWEI, when=when, base=s_base, tip=commits[4],
                       cover=("net: phy: demo: cleanups", """
Small cleanups for the demo PHY driver, no functional change intended
except for patch 3.
"""))
    six = mail_series(ctx, sender=LIWEI, when=when + 3 * 3600, base=commits[4], tip=commits[5],
                      in_reply_to=five.cover)
    m6 = six.patches[0]
    m6.subject = m6.subject_text.replace("[PATCH]", "[PATCH 6/5]", 1)
    r = reply(ctx, m6, TOMASZ, utc(2024, 2, 14, 9, 30), [
        "6/5, the classic :) Fine with me.", TOMASZ.trailer("Reviewed-by")])
    ctx.case("six-of-five", "cover + 5 patches, then a forgotten '[PATCH 6/5]' in reply "
             "to the cover", five.delivered + [m6, r])


def clean(ctx):
    f = "kernel/watchdog_lite.c"
    s = send_series(ctx, branch="wd-thresh", sender=SAM, when=utc(2024, 3, 4, 10, 0),
                    cover=("kernel/watchdog_lite: configurable threshold", """
The ten second threshold is too short for some slow emulated machines
and too long for others. Make it a boot parameter.
"""), patches=[
        Patch("kernel/watchdog_lite: turn the threshold into a variable", """
No functional change; prepares for making it configurable.

Signed-off-by: Sam Okafor <sam@example.org>
""", [(f, "#define WATCHDOG_THRESH_SEC\t10\n", "static unsigned int watchdog_thresh = 10;\n"),
      (f, "touch_ts + WATCHDOG_THRESH_SEC", "touch_ts + watchdog_thresh")]),
        Patch("kernel/watchdog_lite: add the watchdog_thresh= boot parameter", """
Signed-off-by: Sam Okafor <sam@example.org>
""", [(f, "static unsigned int watchdog_thresh = 10;\n",
       "static unsigned int watchdog_thresh = 10;\n\n"
       "static int __init watchdog_thresh_setup(char *str)\n{\n"
       "\treturn kstrtouint(str, 0, &watchdog_thresh) == 0;\n}\n"
       "__setup(\"watchdog_thresh=\", watchdog_thresh_setup);\n")]),
    ])
    yuki = reply(ctx, s.cover, YUKI, utc(2024, 3, 4, 13, 20), [
        "Looks good.", YUKI.trailer("Reviewed-by")])
    dmitry = reply(ctx, s.patches[0], DMITRY, utc(2024, 3, 5, 7, 45), [
        {"match": "No functional change", "count": 1},
        "Booted with the series on qemu-system-riscv64, no false positives any\nmore."],
        signature="Dmitry Volkov\nKernel team, Example Systems\n\n%s" % DMITRY.trailer("Tested-by"))
    ctx.case("clean", "cover + 2 patches written against the tip of master: applies cleanly",
             s.delivered)
    ctx.case("review-plain", "Reviewed-by on the cover of the clean series", [yuki])
    ctx.case("review-signature", "a Tested-by that sits below the '-- ' signature "
             "(must not count)", [dmitry])
    ctx.clean = s


def conflict_followup(ctx):
    s = ctx.conflict
    r = reply(ctx, s.cover, MORGAN, utc(2024, 2, 13, 8, 0), [
        "This no longer applies after the per-cpu conversion that went in\n"
        "yesterday, please rebase.", "Morgan"])
    ctx.case("conflict", "cover + 2 patches written against an older master; a later master "
             "commit (2024-02-12) changed the same lines, so they no longer apply",
             s.delivered + [r])


def discussions(ctx):
    d1 = post(ctx, MORGAN, utc(2024, 2, 22, 16, 0),
              "demo_eth: should the driver move to page_pool_lite?", """
Hi all,

demo_eth allocates its receive buffers one by one with the page
allocator. Now that page_pool_lite exists and has had its leaks fixed,
is there any reason not to convert the driver? Jane, Ravi?

Morgan
""")
    jane = reply(ctx, d1, JANE, utc(2024, 2, 22, 17, 30), [
        {"match": "Now that page_pool_lite", "count": 3},
        "None that I know of. The ring size series is still pending though,\n"
        "and both touch demo_open(); I'd rather do the conversion on top.", "Jane"])
    ravi = reply(ctx, jane, RAVI, utc(2024, 2, 23, 4, 15), [
        {"match": "None that I know of", "count": 2},
        "Happy to help with the conversion. One thing to keep in mind: the\n"
        "pool is per device, not per ring, so with resizable rings the\n"
        "capacity has to follow the rx ring size.", "Ravi"])
    anna = reply(ctx, ravi, ANNA, utc(2024, 2, 23, 8, 2), [
        {"match": "pool is per device", "count": 2},
        "Or size the pool for DEMO_MAX_RING once and never think about it\n"
        "again: it only holds pointers.", "Anna"], style=1)
    morgan = reply(ctx, anna, MORGAN, utc(2024, 2, 23, 15, 45), [
        {"match": "Or size the pool", "count": 2},
        "Sounds like a plan. Jane, please send the conversion after the ring\n"
        "size series lands.", "Morgan"])
    ctx.case("discussion-1", "discussion without patches, 5 messages, nested quoting",
             [d1, jane, ravi, anna, morgan])

    d2 = post(ctx, SAM, utc(2024, 2, 27, 11, 0),
              "kernel lite: is anyone still using printk_ratelimit_lite()?", """
I count no callers in the tree any more. Unless someone has out-of-tree
users, I'd like to remove it in the next cycle.

Sam
""")
    yuki = reply(ctx, d2, YUKI, utc(2024, 2, 27, 13, 25), [
        {"match": "I count no callers", "count": 2},
        "Our downstream tree has two callers, but we can switch them to the\n"
        "generic ratelimit helpers. Please give us one release.", "Yuki"])
    dmitry = reply(ctx, d2, DMITRY, utc(2024, 2, 27, 14, 0), [
        "No users here.", "Dmitry"])
    sam = reply(ctx, yuki, SAM, utc(2024, 2, 28, 9, 30), [
        {"match": "Please give us one release", "count": 1},
        "Sure, I'll mark it deprecated now and remove it in 6.10.", "Sam"])
    ctx.case("discussion-2", "discussion without patches, 4 messages, two branches",
             [d2, yuki, dmitry, sam])

    d3 = post(ctx, HELEN, utc(2024, 3, 1, 18, 0),
              "[ANNOUNCE] linux-demo archive moves to lore.example.org", """
Hi everyone,

the list archive moves to lore.example.org next week. Old links keep
working through a redirect. Nothing changes for subscribers; if you
filter on List-Id, it stays <linux-demo.lists.example.org>.

Helen, for the list admins
""")
    a = reply(ctx, d3, MORGAN, utc(2024, 3, 1, 19, 0), [
        {"match": "Old links keep", "count": 1},
        "Will the Link: tags in existing commits keep resolving?", "Morgan"])
    b = reply(ctx, a, HELEN, utc(2024, 3, 1, 20, 15), [
        {"match": "Will the Link: tags", "count": 1}, "Yes, by Message-ID.", "Helen"])
    c = reply(ctx, d3, RAVI, utc(2024, 3, 2, 3, 40), [
        "Does the new archive keep the messages that were held for moderation\n"
        "and released later? Some of those are patches.", "Ravi"])
    d = reply(ctx, c, HELEN, utc(2024, 3, 2, 9, 5), [
        {"match": "Does the new archive", "count": 2},
        "It imports everything the list delivered, including those.", "Helen"])
    e = reply(ctx, b, JANE, utc(2024, 3, 2, 10, 30), [
        {"match": "Yes, by Message-ID.", "count": 1}, "Great, thanks for doing this.", "Jane"])
    ctx.case("discussion-3", "announcement with two sub-threads, 6 messages",
             [d3, a, b, c, d, e])
