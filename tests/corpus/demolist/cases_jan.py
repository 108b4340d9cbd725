"""The fixed cases, first half: January 2024.

Each function makes one case (a series, its reviews) and records it with
ctx.case() for the CASES file.  They run in date order from cases.build(),
because every series branches from master as it is at that date.
"""

from .mail import LIST_ADDR, name_addr
from .people import (ANNA, BRIAN, CAROL, JANE, JUERGEN, LIWEI, MORGAN, OLIVER,
                     PHILMD, PRIYA, RAVI, ROBERT_HOME, ROBERT_WORK, SAM, TOMASZ,
                     YUKI, utc)
from .series import Patch, reply, send_series

ETH = "drivers/net/ethernet/demo/"
SOB = "Signed-off-by: "

# ---------------------------------------------------------------- ring sizes
RING_1 = Patch("demo_eth: add a helper to validate ring sizes", """
The ring sizes are fixed at DEMO_DEF_RX_RING and DEMO_DEF_TX_RING today.
Before letting user space change them, add the lower bound the hardware
needs and a helper that checks a requested size against both bounds.

The hardware wraps the head and tail pointers with a mask, so the number
of descriptors must also be a power of two.

Signed-off-by: Jane Doe <jane@example.org>
""", [(ETH + "demo.h", "#define DEMO_MAX_RING\t\t4096\n",
       "#define DEMO_MAX_RING\t\t4096\n#define DEMO_MIN_RING\t\t64\n"),
      (ETH + "demo.h", "int demo_ring_alloc(",
       "static inline bool demo_ring_size_valid(u32 count)\n{\n"
       "\treturn count >= DEMO_MIN_RING && count <= DEMO_MAX_RING &&\n"
       "\t       is_power_of_2(count);\n}\n\nint demo_ring_alloc(")])

SET_RING_HEAD = (
    "static int demo_set_ringparam(struct net_device *ndev,\n"
    "\t\t\t      struct ethtool_ringparam *ring,\n"
    "\t\t\t      struct kernel_ethtool_ringparam *kring,\n"
    "\t\t\t      struct netlink_ext_ack *extack)\n{\n"
    "\tstruct demo_priv *priv = netdev_priv(ndev);\n")
SET_RING_CHECK = (
    "\tif (!demo_ring_size_valid(ring->rx_pending) ||\n"
    "\t    !demo_ring_size_valid(ring->tx_pending)) {\n"
    "\t\tNL_SET_ERR_MSG(extack, \"ring sizes must be a power of two between 64 and 4096\");\n"
    "\t\treturn -EINVAL;\n\t}\n\n")


def _set_ring(fn_body):
    return [(ETH + "demo_ethtool.c", "static const struct ethtool_ops demo_ethtool_ops = {\n",
             SET_RING_HEAD + fn_body + "}\n\nstatic const struct ethtool_ops demo_ethtool_ops = {\n"),
            (ETH + "demo_ethtool.c", "\t.get_ringparam\t\t= demo_get_ringparam,\n",
             "\t.get_ringparam\t\t= demo_get_ringparam,\n"
             "\t.set_ringparam\t\t= demo_set_ringparam,\n")]


USE_COUNT = [
    (ETH + "demo_main.c", "demo_ring_alloc(priv, &priv->rx, DEMO_DEF_RX_RING);",
     "demo_ring_alloc(priv, &priv->rx, priv->rx.count);"),
    (ETH + "demo_main.c", "demo_ring_alloc(priv, &priv->tx, DEMO_DEF_TX_RING);",
     "demo_ring_alloc(priv, &priv->tx, priv->tx.count);"),
    (ETH + "demo_main.c", "\tspin_lock_init(&priv->lock);\n",
     "\tspin_lock_init(&priv->lock);\n\tpriv->rx.count = DEMO_DEF_RX_RING;\n"
     "\tpriv->tx.count = DEMO_DEF_TX_RING;\n")]

RING_1_V3 = Patch(RING_1.title, RING_1.body.replace(
    "\nSigned-off-by: Jane Doe <jane@example.org>\n",
    "\nReviewed-by: Anna Schmidt <anna.schmidt@example.de>\n"
    "Signed-off-by: Jane Doe <jane@example.org>\n"), RING_1.edits)

RING_2_V1 = Patch("demo_eth: implement ethtool set_ringparam", """
Let user space pick the ring sizes with ethtool -G. The new sizes are
validated with demo_ring_size_valid() and take effect the next time the
interface is brought up.

Signed-off-by: Jane Doe <jane@example.org>
""", _set_ring("\n" + SET_RING_CHECK +
               "\tpriv->rx.count = ring->rx_pending;\n"
               "\tpriv->tx.count = ring->tx_pending;\n\treturn 0;\n"))

RING_2_V2 = Patch("demo_eth: implement ethtool set_ringparam", """
Let user space pick the ring sizes with ethtool -G. The new sizes are
validated with demo_ring_size_valid() and used by demo_open() from now
on; changing them while the interface is up is refused with -EBUSY, as
the rings are in use by the hardware.

Signed-off-by: Jane Doe <jane@example.org>
""", _set_ring("\n\tif (netif_running(ndev))\n\t\treturn -EBUSY;\n\n" + SET_RING_CHECK +
               "\tpriv->rx.count = ring->rx_pending;\n"
               "\tpriv->tx.count = ring->tx_pending;\n\treturn 0;\n") + USE_COUNT)

RING_2_V3 = Patch("demo_eth: support changing ring sizes with ethtool", """
Let user space pick the ring sizes with ethtool -G. The new sizes are
validated with demo_ring_size_valid() and used by demo_open() from now
on. When the interface is up it is closed and opened again around the
change, which is what users expect from other drivers.

Signed-off-by: Jane Doe <jane@example.org>
""", _set_ring("\tbool running = netif_running(ndev);\n\n" + SET_RING_CHECK +
               "\tif (running)\n\t\tdev_close(ndev);\n\n"
               "\tpriv->rx.count = ring->rx_pending;\n"
               "\tpriv->tx.count = ring->tx_pending;\n\n"
               "\tif (running)\n\t\treturn dev_open(ndev, extack);\n\treturn 0;\n") + USE_COUNT)


def _ring_doc(text):
    return Patch("Documentation: networking: demo-eth: describe ring sizes", """
Document the ring size limits and how to change them.

Signed-off-by: Jane Doe <jane@example.org>
""", [("Documentation/networking/demo-eth.rst", "Statistics\n==========\n",
       "Ring sizes\n==========\n\n" + text + "\nStatistics\n==========\n")])


RING_3_V1 = _ring_doc("Both rings default to 256 descriptors. Use ``ethtool -G`` to pick\n"
                      "a power of two between 64 and 4096.\n")
RING_3_V2 = _ring_doc("Both rings default to 256 descriptors. Use ``ethtool -G`` to pick\n"
                      "a power of two between 64 and 4096 while the interface is down.\n")
RING_3_V3 = _ring_doc("Both rings default to 256 descriptors. Use ``ethtool -G`` to pick\n"
                      "a power of two between 64 and 4096. When the interface is up it is\n"
                      "restarted, which drops the link for a moment.\n")

V1_BLURB = """\
The demo NIC supports rings of 64 to 4096 descriptors, but the driver
always uses 256. This series lets users change the ring sizes with
ethtool -G and documents the limits.
"""


def ring_sizes(ctx):
    """v1, v2 (in reply to the v1 cover) and v3 (base-commit, change-id)."""
    v1 = send_series(ctx, branch="ring-v1", sender=JANE, when=utc(2024, 1, 8, 9, 30),
                     patches=[RING_1, RING_2_V1, RING_3_V1],
                     cover=("demo_eth: configurable ring sizes", V1_BLURB),
                     cc=[name_addr(ANNA.name, ANNA.email)])
    morgan_v1 = reply(ctx, v1.cover, MORGAN, utc(2024, 1, 8, 16, 2), [
        (0, 3), "Thanks Jane. Is there a reason to keep the default at 256? Most\n"
        "users of this NIC I know run with the maximum anyway.", "Morgan"])
    anna_v1 = reply(ctx, v1.patches[1], ANNA, utc(2024, 1, 9, 8, 14), [
        {"match": "priv->rx.count = ring->rx_pending;", "count": 3},
        "demo_open() still allocates DEMO_DEF_RX_RING and DEMO_DEF_TX_RING\n"
        "descriptors, so the new sizes are never used. And what happens when\n"
        "this is called while the interface is up? The rings are live then.",
        "Anna"])
    reply(ctx, v1.patches[0], ANNA, utc(2024, 1, 9, 8, 2), [
        {"match": "+static inline bool demo_ring_size_valid", "count": 5},
        "Nit: the hardware manual calls these descriptors, not entries, but\n"
        "the helper itself looks fine.", "Anna"])
    reply(ctx, anna_v1, JANE, utc(2024, 1, 9, 10, 40), [
        (0, None), "Oops, right on both counts. I'll use the counts in demo_open() and\n"
        "refuse the change while the interface is running in v2.", "Jane"])
    reply(ctx, morgan_v1, JANE, utc(2024, 1, 9, 10, 52), [
        {"match": "Is there a reason", "count": 2},
        "Memory: the rings are allocated from DMA memory on small boards too.\n"
        "I'd rather keep the default and let people raise it.", "Jane"])

    v2 = send_series(ctx, branch="ring-v2", sender=JANE, when=utc(2024, 1, 15, 10, 0),
                     patches=[RING_1, RING_2_V2, RING_3_V2], version=2,
                     in_reply_to=v1.cover,
                     cover=("demo_eth: configurable ring sizes", V1_BLURB + """
Changes in v2:
- use the configured counts in demo_open() (Anna)
- return -EBUSY while the interface is up instead of touching live rings (Anna)
- document that the interface must be down
"""), cc=[name_addr(ANNA.name, ANNA.email)])
    anna_v2 = reply(ctx, v2.patches[0], ANNA, utc(2024, 1, 16, 7, 55), [
        (0, 8), "The power-of-two check is a nice touch.",
        {"match": "is_power_of_2", "count": 1},
        ANNA.trailer("Reviewed-by")])
    robert = reply(ctx, v2.cover, ROBERT_HOME, utc(2024, 1, 17, 20, 31), [
        "Ran v2 on the two boards I have here, switching between 64 and 4096\n"
        "descriptors a few hundred times with the link down. No leaks, no\n"
        "warnings.", ROBERT_WORK.trailer("Tested-by"), "Robert"])

    v3 = send_series(ctx, branch="ring-v3", sender=JANE, when=utc(2024, 1, 22, 9, 0),
                     patches=[RING_1_V3, RING_2_V3, RING_3_V3], version=3, base_commit=True,
                     change_id="20240108-demo-ring-sizes-5c1f2a9e0b7d",
                     cover=("demo_eth: configurable ring sizes", V1_BLURB + """
Changes in v3:
- restart the interface instead of returning -EBUSY, and reword the title
  of patch 2 to "demo_eth: support changing ring sizes with ethtool"
- collect Reviewed-by and Tested-by tags
- Link to v2: https://lore.example.org/r/%s

Changes in v2:
- use the configured counts in demo_open() (Anna)
- return -EBUSY while the interface is up instead of touching live rings (Anna)
- document that the interface must be down
""" % v2.cover.msgid), cc=[name_addr(ANNA.name, ANNA.email)])
    anna_v3 = reply(ctx, v3.cover, ANNA, utc(2024, 1, 23, 8, 20), [
        "For the whole series:", ANNA.trailer("Reviewed-by")], style=1)
    carol_v3 = reply(ctx, v3.cover, CAROL, utc(2024, 1, 23, 17, 45), [
        {"match": "This series lets users", "count": 2},
        "Resized the rings with traffic running, the link comes back in about\n"
        "a second as expected.", CAROL.trailer("Tested-by"), "Carol"])

    ping = reply(ctx, v3.cover, JANE, utc(2024, 2, 5, 9, 30), [
        "Gentle ping: is anything missing for this to go in?", "Jane"])
    ctx.case("revisions-v1", "v1 with cover letter (3 patches); Morgan and Anna review, Jane answers",
             v1.delivered)
    ctx.case("revisions-v2", "v2 sent with --in-reply-to the v1 cover; cover has 'Changes in v2:'",
             v2.delivered)
    ctx.case("revisions-v3", "v3: new thread, base-commit: and change-id: in the cover, "
             "patch 2 retitled", v3.delivered)
    ctx.case("review-quoting", "Reviewed-by on v2 1/3 that quotes the patch (a quoted "
             "'> Signed-off-by:' must not count)", [anna_v2])
    ctx.case("review-mismatch", "Tested-by sent from rbaker@home.example.net with the trailer "
             "naming robert.baker@corp.example.com", [robert])
    ctx.case("ping", "the author pings her v3 cover two weeks later", [ping])
    ctx.case("review-cover", "Reviewed-by and Tested-by given to the v3 cover (whole series)",
             [anna_v3, carol_v3])
    ctx.v1_ring, ctx.v3_ring = v1, v3


# ---------------------------------------------------------------- threading
def no_cover(ctx):
    phy = "drivers/net/phy/demo_phy.c"
    s = send_series(ctx, branch="phy-mdix", sender=LIWEI, when=utc(2024, 1, 10, 2, 15), patches=[
        Patch("net: phy: demo: add the control register definitions", """
The control register holds the MDI-X and loopback bits. Add the
definitions used by the following patches.

Signed-off-by: Li Wei <liwei@example.cn>
""", [(phy, "#define DEMO_PHY_INT_LINK\tBIT(4)\n",
       "#define DEMO_PHY_INT_LINK\tBIT(4)\n\n#define DEMO_PHY_CTRL\t\t0x10\n"
       "#define DEMO_PHY_CTRL_AUTOMDIX\tBIT(6)\n")]),
        Patch("net: phy: demo: enable automatic MDI-X in config_init", """
The strap default leaves automatic MDI-X off, so a straight cable to a
switch without auto MDI-X gets no link. Turn it on at init time.

Signed-off-by: Li Wei <liwei@example.cn>
""", [(phy, "\treturn 0;\n}\n\nstatic int demo_phy_config_intr",
       "\treturn phy_set_bits(phydev, DEMO_PHY_CTRL, DEMO_PHY_CTRL_AUTOMDIX);\n}\n\n"
       "static int demo_phy_config_intr")]),
        Patch("net: phy: demo: clear pending interrupts before enabling them", """
A link change that happened while interrupts were masked is latched in
the status register and fires as soon as the mask is written. Read the
status first to clear it.

Signed-off-by: Li Wei <liwei@example.cn>
""", [(phy, "\tif (phydev->interrupts == PHY_INTERRUPT_ENABLED)\n"
       "\t\treturn phy_write(phydev, DEMO_PHY_INT_MASK, DEMO_PHY_INT_LINK);\n",
       "\tint err;\n\n\tif (phydev->interrupts == PHY_INTERRUPT_ENABLED) {\n"
       "\t\terr = phy_read(phydev, DEMO_PHY_INT_STATUS);\n\t\tif (err < 0)\n\t\t\treturn err;\n"
       "\t\treturn phy_write(phydev, DEMO_PHY_INT_MASK, DEMO_PHY_INT_LINK);\n\t}\n")]),
    ])
    r = reply(ctx, s.patches[1], TOMASZ, utc(2024, 1, 10, 9, 3), [
        {"match": "The strap default", "count": 2},
        "Makes sense, the reference board has the same problem.",
        TOMASZ.trailer("Reviewed-by")])
    ctx.case("no-cover", "3 patches without cover letter: 2/3 and 3/3 reply to 1/3; "
             "Reviewed-by on 2/3", s.delivered + [r])


def deep(ctx):
    mm = "mm/slab_debug.c"
    s = send_series(ctx, branch="slab-debug", sender=ANNA, when=utc(2024, 1, 11, 13, 40),
                    thread="deep", cover=("mm/slab_debug: cheaper checks when disabled", """
slab_debug is compiled in on most distribution kernels but enabled on
few machines, so the disabled case should cost as little as possible.
This series moves the switch to a static key and makes the checks a bit
more useful while at it.
"""), patches=[
        Patch("mm/slab_debug: use a static key for the enable switch", """
Every poison and red zone check reads slab_debug_enabled, which costs a
load and a branch on every free even when debugging is off. Use a static
key so that the disabled case is a single nop.

Signed-off-by: Anna Schmidt <anna.schmidt@example.de>
""", [(mm, "#include <linux/kernel.h>\n", "#include <linux/jump_label.h>\n#include <linux/kernel.h>\n"),
      (mm, "static bool slab_debug_enabled;\n", "static DEFINE_STATIC_KEY_FALSE(slab_debug_key);\n"),
      (mm, "\tslab_debug_enabled = true;\n", "\tstatic_branch_enable(&slab_debug_key);\n"),
      (mm, "\tif (!slab_debug_enabled)\n\t\treturn;\n",
       "\tif (!static_branch_unlikely(&slab_debug_key))\n\t\treturn;\n"),
      (mm, "\tif (!slab_debug_enabled)\n\t\treturn true;\n",
       "\tif (!static_branch_unlikely(&slab_debug_key))\n\t\treturn true;\n")]),
        Patch("mm/slab_debug: print the byte found in place of the poison", """
Knowing what overwrote the poison often identifies the culprit right
away (a stray zero, a list pointer, ...). Print it.

Signed-off-by: Anna Schmidt <anna.schmidt@example.de>
""", [(mm, 'pr_err("slab: poison overwritten at %px+%zu\\n", obj, i);',
       'pr_err("slab: poison overwritten at %px+%zu (0x%02x)\\n",\n'
       '\t\t\t       obj, i, p[i]);')]),
        Patch("mm/slab_debug: return the result of the red zone check", """
Callers want to stop using a corrupted object, so tell them.

Signed-off-by: Anna Schmidt <anna.schmidt@example.de>
""", [(mm, "void slab_check_redzone(", "bool slab_check_redzone("),
      (mm, "\tif (*rz != RED_ACTIVE)\n\t\tpr_err(\"slab: red zone overwritten after %px\\n\", obj);\n",
       "\tif (*rz != RED_ACTIVE) {\n\t\tpr_err(\"slab: red zone overwritten after %px\\n\", obj);\n"
       "\t\treturn false;\n\t}\n\treturn true;\n")]),
        Patch("mm/slab_debug: add the inactive red zone value", """
The allocator marks the red zone of free objects with 0xbb; name the
value next to the active one instead of open coding it in the callers.

Signed-off-by: Anna Schmidt <anna.schmidt@example.de>
""", [(mm, "#define RED_ACTIVE\t0xcc\n", "#define RED_ACTIVE\t0xcc\n#define RED_INACTIVE\t0xbb\n")]),
    ])
    r = reply(ctx, s.cover, RAVI, utc(2024, 1, 12, 4, 10), [
        {"match": "slab_debug is compiled in", "count": 3},
        "Yes please, this shows up in our fleet profiles.", RAVI.trailer("Acked-by"), "Ravi"])
    ctx.case("deep-thread", "cover + 4 patches sent with --thread=deep: each replies to the "
             "previous one; Acked-by on the cover", s.delivered + [r])


def unthreaded(ctx):
    sh = "scripts/decode_lite.sh"
    s = send_series(ctx, branch="decode-lite", sender=CAROL, when=utc(2024, 1, 12, 18, 5),
                    thread=None, patches=[
        Patch("scripts/decode_lite.sh: quote the variables", """
A vmlinux path with a space in it breaks the script in two places.

Signed-off-by: Carol Ng <carol@example.com>
""", [(sh, 'if [ -z $vmlinux ]; then', 'if [ -z "$vmlinux" ]; then'),
      (sh, "addr2line -e $vmlinux $addr", 'addr2line -e "$vmlinux" "$addr"')]),
        Patch("scripts/decode_lite.sh: print the usage to stderr", """
The usage message ends up in the decoded output when stdout is
redirected.

Signed-off-by: Carol Ng <carol@example.com>
""", [(sh, '\techo "usage: $0 vmlinux < oops.txt"\n', '\techo "usage: $0 vmlinux < oops.txt" >&2\n')]),
        Patch("scripts/decode_lite.sh: check that addr2line is installed", """
Without addr2line every line is printed with an error appended. Fail
early with a hint instead.

Signed-off-by: Carol Ng <carol@example.com>
""", [(sh, "\texit 1\nfi\n\nwhile",
       "\texit 1\nfi\n\nif ! command -v addr2line >/dev/null; then\n"
       "\techo \"$0: addr2line not found, install binutils\" >&2\n\texit 1\nfi\n\nwhile")]),
    ])
    sam = reply(ctx, s.patches[1], SAM, utc(2024, 1, 13, 9, 0), [SAM.trailer("Acked-by")])
    ctx.case("unthreaded-ack", "Acked-by on 2/3 of the unthreaded series", [sam])
    ctx.case("unthreaded", "3 patches with --no-thread: no In-Reply-To/References, same "
             "Message-ID stem", s.delivered)


# ---------------------------------------------------------------- single patches
def single(ctx):
    s = send_series(ctx, branch="kconfig-dma", sender=SAM, when=utc(2024, 1, 16, 11, 20), patches=[
        Patch("demo_eth: Kconfig: depend on HAS_DMA", """
The driver allocates its rings with dma_alloc_coherent() and does not
link on architectures without DMA support.

Signed-off-by: Sam Okafor <sam@example.org>
""", [(ETH + "Kconfig", "\tdepends on PCI\n", "\tdepends on PCI && HAS_DMA\n")])])
    r = reply(ctx, s.patches[0], JANE, utc(2024, 1, 16, 13, 0), [
        {"match": "The driver allocates", "count": 2}, JANE.trailer("Acked-by")])
    ctx.case("single", "one patch, [PATCH] without counter; Acked-by reply", s.delivered + [r])


def attachment(ctx):
    s = send_series(ctx, branch="phy-tbl", sender=TOMASZ, when=utc(2024, 1, 17, 12, 0), patches=[
        Patch("net: phy: demo: use PHY_ID_MATCH_MODEL() in the device table", """
The driver matches on the model, the device table should do the same so
that module autoloading agrees with the driver core.

Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""", [("drivers/net/phy/demo_phy.c", "\t{ DEMO_PHY_ID, DEMO_PHY_ID_MASK },\n",
       "\t{ PHY_ID_MATCH_MODEL(DEMO_PHY_ID) },\n")])])
    m = s.patches[0]
    name, text = s.files[0]
    boundary = "------------4Dq3x8Jr2ZvDxw1Uk0cP7TfA"
    m.body = (
        "This is a multi-part message in MIME format.\n--%s\n"
        "Content-Type: text/plain; charset=UTF-8; format=flowed\n"
        "Content-Transfer-Encoding: 7bit\n\n"
        "Hi,\n\nmy mail setup at work mangles inline patches, so the patch is\n"
        "attached. Sorry about that.\n\nTomasz\n\n--%s\n"
        "Content-Type: text/x-patch; charset=UTF-8;\n name=\"%s\"\n"
        "Content-Disposition: attachment;\n filename=\"%s\"\n"
        "Content-Transfer-Encoding: 7bit\n\n%s\n--%s--\n" % (
            boundary, boundary, name, name, text.rstrip("\n"), boundary))
    m.ctype = 'multipart/mixed; boundary="%s"' % boundary
    m.cte = None
    m.mailer = None
    m.extra.append(("User-Agent", "Mozilla Thunderbird"))
    r = reply(ctx, m, LIWEI, utc(2024, 1, 18, 1, 30), [
        "Looks right to me.", LIWEI.trailer("Reviewed-by"),
        "Next time please try git send-email, attachments are hard to apply\nfor some people."])
    ctx.case("attachment", "patch attached as text/x-patch in a multipart/mixed mail", [m, r])


def quoted_printable(ctx):
    f = "mm/vmstat_lite.c"
    s = send_series(ctx, branch="vmstat-steal", sender=RAVI, when=utc(2024, 1, 18, 5, 12), patches=[
        Patch("mm/vmstat_lite: count pages stolen by reclaim", """
Reclaim activity is invisible in vmstat_lite, which makes the memory
pressure reports from small boards hard to read. Add a pgsteal counter.

Reported-by: %s
Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>
""" % JUERGEN.addr, [
            (f, "enum vm_lite_item {\n",
             "/* keep in sync with vm_lite_names[] below: the order is ABI for tools parsing it */\n"
             "enum vm_lite_item {\n"),
            (f, "\tVML_PGMAJFAULT,\n", "\tVML_PGMAJFAULT,\n\tVML_PGSTEAL,\n"),
            (f, '\t"pgmajfault",\n', '\t"pgmajfault",\n\t"pgsteal",\n')])])
    m = s.patches[0]
    m.cte = "quoted-printable"
    reply(ctx, m, ANNA, utc(2024, 1, 18, 9, 30), [
        {"match": "Reported-by", "count": 2}, "Thanks for picking this up, Jürgen's report\n"
        "was hard to read without it.", ANNA.trailer("Reviewed-by")], style=1)
    ctx.case("quoted-printable", "patch body sent quoted-printable (non-ASCII Reported-by, "
             "long lines, '=' in C code)", [m])


def base64_body(ctx):
    s = send_series(ctx, branch="rl-caller", sender=YUKI, when=utc(2024, 1, 19, 0, 40), patches=[
        Patch("kernel/printk_ratelimit: name the caller in the suppression message", """
"5 messages suppressed" does not say whose messages were dropped. Print
the caller so that the noisy site can be found.

Signed-off-by: Yuki Tanaka <yuki@example.jp>
""", [("kernel/printk_ratelimit.c", 'pr_warn("%d messages suppressed\\n", rs->missed);',
       'pr_warn("%ps: %d messages suppressed\\n",\n'
       '\t\t\t\t__builtin_return_address(0), rs->missed);')])])
    m = s.patches[0]
    m.cte = "base64"
    reply(ctx, m, SAM, utc(2024, 1, 19, 9, 0), [SAM.trailer("Acked-by")])
    ctx.case("base64", "patch body sent base64-encoded", [m])


def crlf(ctx):
    s = send_series(ctx, branch="skb-pool-doc", sender=BRIAN, when=utc(2024, 1, 19, 15, 22), patches=[
        Patch("include/linux/skb_pool.h: document struct skb_pool", """
Add kernel-doc for the pool structure; the watermark semantics in
particular were only documented in a commit message.

Signed-off-by: Brian Walsh <bwalsh@corp.example.com>
""", [("include/linux/skb_pool.h", "struct skb_pool {\n",
       "/**\n * struct skb_pool - preallocated skbs for atomic context\n"
       " * @list: the free skbs\n * @size: how many skbs the pool holds when full\n"
       " * @low_watermark: refill when fewer than this many are left\n */\n"
       "struct skb_pool {\n")])])
    m = s.patches[0]
    m.crlf = True
    reply(ctx, m, TOMASZ, utc(2024, 1, 20, 10, 0), [
        {"match": "Add kernel-doc", "count": 2}, TOMASZ.trailer("Reviewed-by")])
    m.extra.append(("X-MS-Exchange-Organization-AuthAs", "Internal"))
    ctx.case("crlf", "a patch delivered with CRLF line ends throughout", [m])


def in_body_from(ctx):
    s = send_series(ctx, branch="demo-mtu", sender=JANE, when=utc(2024, 1, 24, 14, 10), patches=[
        Patch("demo_eth: set the MTU limits", """
The controller supports jumbo frames up to 9000 bytes, but the netdev
keeps the default limits of 68 and 1500.

Signed-off-by: Priya Raman <priya@example.in>
Signed-off-by: Jane Doe <jane@example.org>
""", [(ETH + "demo_main.c", "\tndev->netdev_ops = &demo_netdev_ops;\n",
       "\tndev->netdev_ops = &demo_netdev_ops;\n\tndev->min_mtu = ETH_MIN_MTU;\n"
       "\tndev->max_mtu = 9000;\n")], author=PRIYA)])
    reply(ctx, s.patches[0], ANNA, utc(2024, 1, 24, 16, 0), [ANNA.trailer("Reviewed-by")])
    ctx.case("in-body-from", "sent by Jane on behalf of Priya Raman: in-body 'From:' line",
             s.delivered)


def dmarc(ctx):
    s = send_series(ctx, branch="skb-lockless", sender=OLIVER, when=utc(2024, 1, 25, 8, 45), patches=[
        Patch("net: skb_pool: read the queue length locklessly", """
skb_pool_get() checks the watermark without holding the queue lock, so
use skb_queue_len_lockless() to make the data race explicit and keep
KCSAN quiet.

Signed-off-by: Oliver Grant <oliver@strictmail.example>
""", [("net/core/skb_pool.c", "\tif (skb_queue_len(&pool->list) < pool->low_watermark)\n",
       "\tif (skb_queue_len_lockless(&pool->list) < pool->low_watermark)\n")])])
    m = s.patches[0]
    m.from_ = "Oliver Grant via Linux-demo <%s>" % LIST_ADDR
    m.extra += [("Reply-To", OLIVER.addr), ("X-Original-From", OLIVER.addr)]
    r = reply(ctx, m, TOMASZ, utc(2024, 1, 25, 11, 0), [
        {"match": "skb_pool_get() checks", "count": 3}, TOMASZ.trailer("Reviewed-by")])
    o = reply(ctx, r, OLIVER, utc(2024, 1, 25, 12, 30), [
        {"match": "Reviewed-by", "count": 1}, "Thanks Tomasz!", "Oliver"])
    o.from_ = m.from_
    o.extra = [("Reply-To", OLIVER.addr), ("X-Original-From", OLIVER.addr)] + o.extra
    ctx.case("dmarc", "sender rewritten by the list for DMARC ('Oliver Grant via Linux-demo'), "
             "with Reply-To and X-Original-From; his answer is rewritten too", [m, r, o])


def encoded_name(ctx):
    s = send_series(ctx, branch="decode-read-r", sender=PHILMD, when=utc(2024, 1, 26, 10, 17),
                    version=2, patches=[
        Patch("scripts/decode_lite.sh: use read -r so that backslashes in oops lines survive decoding",
              """
Without -r, read drops the backslashes of Windows-style paths that some
firmware prints in its oops banners, and IFS trims the leading spaces
that keep the call trace readable.

Signed-off-by: Philippe Mathieu-Daudé <philmd@example.net>
---
v2: also clear IFS (Carol)
""", [("scripts/decode_lite.sh", "while read line; do", "while IFS= read -r line; do")])])
    r = reply(ctx, s.patches[0], CAROL, utc(2024, 1, 26, 17, 3), [
        {"match": "Without -r", "count": 3}, CAROL.trailer("Reviewed-by")])
    ctx.case("encoded-name", "author name RFC 2047 encoded (Philippe Mathieu-Daudé), folded "
             "Subject, [PATCH v2] single patch", s.delivered + [r])


def conflict(ctx):
    f = "net/core/dev_stats.c"
    s = send_series(ctx, branch="dev-stats-u64", sender=TOMASZ, when=utc(2024, 1, 25, 16, 30),
                    cover=("net: dev_stats: small cleanups", """
Two small cleanups for the core drop counters, found while looking at
the counter wrap reports on 32-bit machines.
"""), patches=[
        Patch("net: dev_stats: use u64 for the core counters", """
unsigned long wraps after 4G drops on 32-bit machines, which a busy
router reaches in days. The fold already writes into u64 fields.

Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""", [(f, "\tunsigned long rx_dropped;\n\tunsigned long tx_dropped;\n\tunsigned long rx_nohandler;\n",
       "\tu64 rx_dropped;\n\tu64 tx_dropped;\n\tu64 rx_nohandler;\n")]),
        Patch("net: dev_stats: take the lock with bottom halves disabled", """
The counters are bumped from softirq context, so reading them from
process context with a plain spin_lock() can deadlock.

Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""", [(f, "\tspin_lock(&dev_stats_lock);\n\ts->rx_dropped",
       "\tspin_lock_bh(&dev_stats_lock);\n\ts->rx_dropped"),
      (f, "\ts->rx_nohandler += stats->rx_nohandler;\n\tspin_unlock(&dev_stats_lock);\n",
       "\ts->rx_nohandler += stats->rx_nohandler;\n\tspin_unlock_bh(&dev_stats_lock);\n")]),
    ])
    ctx.conflict = s
    return s
