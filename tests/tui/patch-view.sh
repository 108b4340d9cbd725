#!/bin/bash
# The patch view through the scripted mode: on the demo list ($PD_DEMO,
# CASES names the Message-IDs), on a small store built here for whitespace
# errors (the demo has none), and on the real archive when it is beside us.
# Whole screens are compared exactly; the expected text was written from
# the mails themselves. On the real archive the whitespace errors marked
# are checked against `git apply --whitespace=error-all` on the same mail.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v notmuch >/dev/null || tap_skip_all "notmuch is not installed"
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config TERM=xterm-256color
unset NO_COLOR

first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}
V3=$(first_id revisions-v3)
MISSING=$(first_id missing)
ATTACH=$(first_id attachment)
B64=$(first_id base64)
QP=$(first_id quoted-printable)
CRLF=$(first_id crlf)
INBODY=$(first_id in-body-from)
DMARC=$(first_id dmarc)

# pv ID N SCRIPT [ARGS...]: the reader on patch N of the series of ID
# (opened with Enter on its row); Message-IDs in its screens become @ID@.
pv() {
	local id=$1 n=$2 script=$3
	shift 3
	tui_run "open series $id
type /^ +$n/[0-9]+ 
key Enter Enter
$script" "$@" | sed -E 's/(Message-ID:(\{\})? +)<[^>]*>/\1<@ID@>/'
}

check_eq 'v3 2/3: headers, commit message with its trailer marked, collected trailers apart with who gave them' \
'{cursor}[PATCH v3 2/3] demo_eth: support changing ring sizes with ethtool                                   
{header}From:{}       Jane Doe <jane@example.org>
{header}Date:{}       2024-01-22 09:00:02 +0000
{header}Message-ID:{} <@ID@>
{header}Patch:{}      2/3 of v3
{header}Replies:{}    0

Let user space pick the ring sizes with ethtool -G. The new sizes are
validated with demo_ring_size_valid() and used by demo_open() from now
on. When the interface is up it is closed and opened again around the
change, which is what users expect from other drivers.

{trailer}Signed-off-by: Jane Doe <jane@example.org>

{title,bold}Collected from replies:
{collected,bold}  Reviewed-by: Anna Schmidt <anna.schmidt@example.de>{}  (from Anna Schmidt, to the cover letter)
{collected,bold}  Tested-by: Carol Ng <carol@example.com>{}  (from Carol Ng, to the cover letter)

{diffstat} drivers/net/ethernet/demo/demo_ethtool.c | 26 ++++++++++++++++++++++++
{diffstat} drivers/net/ethernet/demo/demo_main.c    |  6 ++++--
{diffstat} 2 files changed, 30 insertions(+), 2 deletions(-)

{status,bold} patch: 2/3 demo_eth: support changing ring sizes with ethtool                                 1/92 

status 0' "$(pv $V3 2 'dump attrs' --screen 24x100)"

check_eq 'v3 2/3: the diff coloured: hunk header, context, added lines' \
'{diff-hunk}@@ -37,12 +37,38 @@{} static void demo_get_ringparam(struct net_device *ndev,
        ring->tx_pending = priv->tx.count;
 }

{diff-add}+static int demo_set_ringparam(struct net_device *ndev,
{diff-add}+                             struct ethtool_ringparam *ring,
{diff-add}+                             struct kernel_ethtool_ringparam *kring,
{diff-add}+                             struct netlink_ext_ack *extack)
{diff-add}+{{
{diff-add}+       struct demo_priv *priv = netdev_priv(ndev);
{diff-add}+       bool running = netif_running(ndev);
{diff-add}+
{diff-add}+       if (!demo_ring_size_valid(ring->rx_pending) ||
{cursor}+           !demo_ring_size_valid(ring->tx_pending)) {{                                              
{status,bold} patch: 2/3 demo_eth: support changing ring sizes with ethtool                                40/92 

status 0' "$(pv $V3 2 'type /^@@
key Enter
key j j j j j j j j j j j j j
dump attrs' --screen 16x100)"

check_eq 'n and p walk the patches and say where the series ends' \
'[PATCH v3 3/3] Documentation: networking: demo-eth: describe ring sizes
 patch: 3/3 Documentation: networking: demo-eth: describe ring sizes       1/36

[PATCH v3 3/3] Documentation: networking: demo-eth: describe ring sizes
 patch: 3/3 Documentation: networking: demo-eth: describe ring sizes       1/36
this is the last patch
[PATCH v3 1/3] demo_eth: add a helper to validate ring sizes
 patch: 1/3 demo_eth: add a helper to validate ring sizes                  1/49

[PATCH v3 1/3] demo_eth: add a helper to validate ring sizes
 patch: 1/3 demo_eth: add a helper to validate ring sizes                  1/49
this is the first patch
status 0' "$(pv $V3 2 'key n
dump
key n
dump
key p p
dump
key p
dump' --screen 3x80)"

check_eq 'n over a missing number says so' \
'[PATCH 4/5] lib/crc_lite: add kernel-doc for crc16_lite()
 patch: 4/5 lib/crc_lite: add kernel-doc for crc16_lite()                  1/31
patch 3/5 is missing
status 0' "$(pv $MISSING 2 'key n
dump' --screen 3x80)"

check_eq 'after a / search in the view n is the next match, N the previous; p leaves it for the next patch' \
'Let user space pick the ring sizes with ethtool -G. The new sizes are
 patch: 2/3 demo_eth: support changing ring sizes with ethtool             8/92

validated with demo_ring_size_valid() and used by demo_open() from now
 patch: 2/3 demo_eth: support changing ring sizes with ethtool             9/92

Let user space pick the ring sizes with ethtool -G. The new sizes are
 patch: 2/3 demo_eth: support changing ring sizes with ethtool             8/92

[PATCH v3 2/3] demo_eth: support changing ring sizes with ethtool
 patch: 2/3 demo_eth: support changing ring sizes with ethtool             1/92

status 0' "$(pv $V3 2 'type /ring
key Enter
dump
key n
dump
key N
dump
key p
key n
dump' --screen 3x80)"

check_eq 'Enter on a diffstat line jumps to its diff, Enter on the diff line comes back' \
'diff --git a/drivers/net/ethernet/demo/demo_main.c b/drivers/net/ethernet/demo/demo_main.c
index 8a67560..aa41cea 100644
 patch: 2/3 demo_eth: support changing ring sizes with ethtool                                66/92

 drivers/net/ethernet/demo/demo_main.c    |  6 ++++--
 2 files changed, 30 insertions(+), 2 deletions(-)
 patch: 2/3 demo_eth: support changing ring sizes with ethtool                                20/92

status 0' "$(pv $V3 2 'type /demo_main.c +\|
key Enter Enter
dump
key Enter
dump' --screen 4x100)"

check_eq '[ and ] show the same patch number in the older and newer revisions' \
'[PATCH v2 2/3] demo_eth: implement ethtool set_ringparam
 patch: 2/3 demo_eth: implement ethtool set_ringparam                      1/87
patch 2 of v2
[PATCH 2/3] demo_eth: implement ethtool set_ringparam
 patch: 2/3 demo_eth: implement ethtool set_ringparam                      1/52
patch 2 of v1
[PATCH 2/3] demo_eth: implement ethtool set_ringparam
 patch: 2/3 demo_eth: implement ethtool set_ringparam                      1/52
no older revision
[PATCH v3 2/3] demo_eth: support changing ring sizes with ethtool
 patch: 2/3 demo_eth: support changing ring sizes with ethtool             1/92
no newer revision
status 0' "$(pv $V3 2 'key [
dump
key [
dump
key [
dump
key ] ] ]
dump' --screen 3x80)"

check_eq 'w wraps long lines; resize to 60x15 and to 250x70 keeps the screen whole' \
' }
+static int demo_set_ringparam(struct net_device *ndev,
+                             struct ethtool_ringparam *ring
+                             struct kernel_ethtool_ringpara
+                             struct netlink_ext_ack *extack
+{
+       struct demo_priv *priv = netdev_priv(ndev);
+       bool running = netif_running(ndev);
+
+       if (!demo_ring_size_valid(ring->rx_pending) ||
+           !demo_ring_size_valid(ring->tx_pending)) {
+               NL_SET_ERR_MSG(extack, "ring sizes must be a
 patch: 2/3 demo_eth: support changing ring sizes wit 41/92
+                             struct ethtool_ringparam *ring
,
+                             struct kernel_ethtool_ringpara
m *kring,
+                             struct netlink_ext_ack *extack
)
+{
+       struct demo_priv *priv = netdev_priv(ndev);
+       bool running = netif_running(ndev);
+
+       if (!demo_ring_size_valid(ring->rx_pending) ||
+           !demo_ring_size_valid(ring->tx_pending)) {
+               NL_SET_ERR_MSG(extack, "ring sizes must be a
 patch: 2/3 demo_eth: support changing ring sizes wi 53/112
long lines wrap
--- a/drivers/net/ethernet/demo/demo_ethtool.c
+++ b/drivers/net/ethernet/demo/demo_ethtool.c
@@ -37,12 +37,38 @@ static void demo_get_ringparam(struct net_device *ndev,
        ring->tx_pending = priv->tx.count;
 }
+static int demo_set_ringparam(struct net_device *ndev,
+                             struct ethtool_ringparam *ring,
+                             struct kernel_ethtool_ringparam *kring,
+                             struct netlink_ext_ack *extack)
+{
+       struct demo_priv *priv = netdev_priv(ndev);
+       bool running = netif_running(ndev);
+
+       if (!demo_ring_size_valid(ring->rx_pending) ||
+           !demo_ring_size_valid(ring->tx_pending)) {
+               NL_SET_ERR_MSG(extack, "ring sizes must be a power of two between 64 and 4096");
+               return -EINVAL;
+       }
+
+       if (running)
+               dev_close(ndev);
+
+       priv->rx.count = ring->rx_pending;
+       priv->tx.count = ring->tx_pending;
+
+       if (running)
+               return dev_open(ndev, extack);
+       return 0;
+}
+
 static const struct ethtool_ops demo_ethtool_ops = {
        .get_drvinfo            = demo_get_drvinfo,
        .get_msglevel           = demo_get_msglevel,
        .set_msglevel           = demo_set_msglevel,
        .get_link               = ethtool_op_get_link,
        .get_ringparam          = demo_get_ringparam,
+       .set_ringparam          = demo_set_ringparam,
 };
 /* the ops are shared accross all demo devices */
diff --git a/drivers/net/ethernet/demo/demo_main.c b/drivers/net/ethernet/demo/demo_main.c
index 8a67560..aa41cea 100644
--- a/drivers/net/ethernet/demo/demo_main.c
+++ b/drivers/net/ethernet/demo/demo_main.c
@@ -73,11 +73,11 @@ static int demo_open(struct net_device *ndev)
        struct demo_priv *priv = netdev_priv(ndev);
        int err;
-       err = demo_ring_alloc(priv, &priv->rx, DEMO_DEF_RX_RING);
+       err = demo_ring_alloc(priv, &priv->rx, priv->rx.count);
        if (err)
                return err;
-       err = demo_ring_alloc(priv, &priv->tx, DEMO_DEF_TX_RING);
+       err = demo_ring_alloc(priv, &priv->tx, priv->tx.count);
        if (err)
                goto err_free_rx;
@@ -128,6 +128,8 @@ static int demo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
        priv->ndev = ndev;
        priv->dev = &pdev->dev;
        spin_lock_init(&priv->lock);
+       priv->rx.count = DEMO_DEF_RX_RING;
+       priv->tx.count = DEMO_DEF_TX_RING;
        priv->regs = pcim_iomap(pdev, 0, 0);
        if (!priv->regs)
 patch: 2/3 demo_eth: support changing ring sizes with ethtool                                                                                                                                                                                      41/92
long lines wrap
status 0' "$(pv $V3 2 'type /NL_SET_ERR_MSG
key Enter
resize 15 60
dump
key w
dump
resize 70 250
dump' --screen 24x80 | sed -e '/^ patch:/!{/^$/d}')"

check_eq 'TERM=vt100 LANG=C: attributes only, non-ASCII as ?' \
'{reverse}[PATCH] mm/vmstat_lite: count pages stolen by reclaim                           
From:       Ravi Kumar <ravi.kumar@corp.example.com>
Date:       2024-01-18 05:12:00 +0000
Message-ID: <@ID@>
Patch:      1/1 of v1
Replies:    1

Reclaim activity is invisible in vmstat_lite, which makes the memory
pressure reports from small boards hard to read. Add a pgsteal counter.

Reported-by: J?rgen Wei? <juergen@example.de>
Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>

{bold,reverse} patch: 1/1 mm/vmstat_lite: count pages stolen by reclaim                  1/45 

status 0' "$(TERM=vt100 LC_ALL=C pv $QP 1 'dump attrs' --screen 15x80)"

check_eq 'an attachment patch, a base64 body, CRLF line ends, an in-body From, a DMARC-rewritten sender' \
'[PATCH] net: phy: demo: use PHY_ID_MATCH_MODEL() in the device table
From:       Tomasz Nowak <tnowak@example.pl>
Date:       2024-01-17 06:00:00 +0000
Subject:    [PATCH] net: phy: demo: use PHY_ID_MATCH_MODEL() in the device table
Message-ID: <@ID@>
Patch:      1/1 of v1, sent as an attachment
Replies:    1

The driver matches on the model, the device table should do the same so
that module autoloading agrees with the driver core.

Signed-off-by: Tomasz Nowak <tnowak@example.pl>
 patch: 1/1 net: phy: demo: use PHY_ID_MATCH_MODEL() in the device table             1/32

status 0
[PATCH] kernel/printk_ratelimit: name the caller in the suppression message
From:       Yuki Tanaka <yuki@example.jp>
Date:       2024-01-19 00:40:00 +0000
Message-ID: <@ID@>
Patch:      1/1 of v1
Replies:    1

"5 messages suppressed" does not say whose messages were dropped. Print
the caller so that the noisy site can be found.

Signed-off-by: Yuki Tanaka <yuki@example.jp>

 patch: 1/1 kernel/printk_ratelimit: name the caller in the suppression message      1/32

status 0
[PATCH] include/linux/skb_pool.h: document struct skb_pool
From:       Brian Walsh <bwalsh@corp.example.com>
Date:       2024-01-19 15:22:00 +0000
Message-ID: <@ID@>
Patch:      1/1 of v1
Replies:    1

Add kernel-doc for the pool structure; the watermark semantics in
particular were only documented in a commit message.

Signed-off-by: Brian Walsh <bwalsh@corp.example.com>

 patch: 1/1 include/linux/skb_pool.h: document struct skb_pool                       1/35

status 0
[PATCH] demo_eth: set the MTU limits
From:       Priya Raman <priya@example.in>
Sender:     Jane Doe <jane@example.org>
Date:       2024-01-24 14:10:00 +0000
Message-ID: <@ID@>
Patch:      1/1 of v1
Replies:    1

The controller supports jumbo frames up to 9000 bytes, but the netdev
keeps the default limits of 68 and 1500.

Signed-off-by: Priya Raman <priya@example.in>
 patch: 1/1 demo_eth: set the MTU limits                                             1/33

status 0
[PATCH] net: skb_pool: read the queue length locklessly
From:       Oliver Grant <oliver@strictmail.example>
Sender:     Oliver Grant via Linux-demo <linux-demo@lists.example.org>
Date:       2024-01-25 08:45:00 +0000
Message-ID: <@ID@>
Patch:      1/1 of v1
Replies:    2

skb_pool_get() checks the watermark without holding the queue lock, so
use skb_queue_len_lockless() to make the data race explicit and keep
KCSAN quiet.

 patch: 1/1 net: skb_pool: read the queue length locklessly                          1/33

status 0' "$(for id in $ATTACH $B64 $CRLF $INBODY $DMARC; do pv $id 1 'dump' --screen 14x90; done)"

# ---------------------------------------------------------- whitespace errors
PD_MAIL=$PD_TMP/ws-mail
mkdir -p "$PD_MAIL/cur" "$PD_MAIL/new" "$PD_MAIL/tmp"
cat >"$PD_TMP/ws-config" <<EOC
[database]
path=$PD_MAIL
[new]
tags=
EOC
{
	printf 'From: Wes Space <wes@example.org>\nTo: list@example.org\n'
	printf 'Date: Mon, 04 Mar 2024 07:15:00 +0000\nMessage-ID: <ws@example.org>\n'
	printf 'Subject: [PATCH] ws: add three counters\nMIME-Version: 1.0\n'
	printf 'Content-Type: text/plain; charset=utf-8\n\n'
	printf 'Three more counters.\n\nSigned-off-by: Wes Space <wes@example.org>\n---\n'
	printf ' ws.c | 4 +++-\n 1 file changed, 3 insertions(+), 1 deletion(-)\n\n'
	printf 'diff --git a/ws.c b/ws.c\nindex 1111111..2222222 100644\n--- a/ws.c\n+++ b/ws.c\n'
	printf '@@ -1,3 +1,5 @@\n int a;\n-int x; \n+int b;   \n+ \tint c;\n+int d;\t\n int e;\n'
	printf -- '-- \n2.43.0\n'
} >"$PD_MAIL/cur/ws:2,S"
NOTMUCH_CONFIG=$PD_TMP/ws-config notmuch new --quiet >/dev/null 2>&1
check_eq 'whitespace errors of added lines on just those bytes: trailing blanks, a space before a tab' \
'{diff-header,bold}+++ b/ws.c
{diff-hunk}@@ -1,3 +1,5 @@
 int a;
{diff-del}-int x;
{diff-add}+int b;{whitespace}   
{diff-add}+{whitespace} {diff-add}      int c;
{diff-add}+int d;{whitespace} 
{cursor} int e;                                                     
{status,bold} patch: 1/1 ws: add three counters                    25/25 

status 0' "$(NOTMUCH_CONFIG=$PD_TMP/ws-config pv ws@example.org 1 'key G
dump attrs' --screen 10x60)"

# ---------------------------------------------------------------- real archive
if [ -n "$PD_CORPUS" ] &&
	PD_CORPUS_DIR=$("$top_srcdir/tests/corpus/real-corpus" --quiet 2>"$PD_TMP/real-corpus.err"); then
	export NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config
	WS=20260418002032.2877-14-wanjay@amazon.com  # [PATCH v2 13/19], tabs alone on + lines
	pv $WS 13 'key G
dump attrs' --screen 1000x250 >"$PD_TMP/ws.dump"
	notmuch show --format=raw "id:$WS" | git mailinfo "$PD_TMP/msg" "$PD_TMP/patch" >/dev/null
	# Outside any repository, where git apply reads every path.
	(cd "$PD_TMP" && GIT_CEILING_DIRECTORIES=${PD_TMP%/*} git apply --check --whitespace=error-all patch) 2>&1 |
		grep -c ': trailing whitespace\.$\|: space before tab in indent\.$' >"$PD_TMP/git.count"
	check_eq 'real archive: as many lines with whitespace errors marked as git apply finds' \
		"$(cat "$PD_TMP/git.count")" "$(grep -c '^{diff-add}.*{whitespace}' "$PD_TMP/ws.dump")"
else
	tap_skip 'real archive: whitespace errors against git apply' "no real corpus"
fi

tap_done
