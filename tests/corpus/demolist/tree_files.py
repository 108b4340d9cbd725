"""The initial content of the demo kernel tree.

Small but kernel-shaped: real directory layout, SPDX headers, kernel coding
style, a MAINTAINERS file in the upstream format.  The series in cases.py
edit these files, so every anchor they replace must stay unique.  Twelve
misspellings are planted on purpose for the 12-patch spelling series.
"""

MAINTAINERS = """\
List of maintainers
===================

Descriptions of section entries and preferred order
---------------------------------------------------

	M: *Mail* patches to: FullName <address@domain>
	R: Designated *Reviewer*: FullName <address@domain>
	   These reviewers should be CCed on patches.
	L: *Mailing list* that is relevant to this area
	S: *Status*, one of the following:
	   Supported:	Someone is actually paid to look after this.
	   Maintained:	Someone actually looks after it.
	   Odd Fixes:	It has a maintainer but they don't have time to do
			much other than throw the odd patch in.
	   Orphan:	No current maintainer.
	F: *Files* and directories wildcard patterns.
	   A trailing slash includes all files and subdirectory files.
	   F:	drivers/net/	all files in and below drivers/net
	   F:	drivers/net/*	all files in drivers/net, but not below
	X: *Excluded* files and directories that are NOT maintained, same
	   rules as F:. Files exclusions are tested before file matches.
	T: *SCM* tree type and location.

Maintainers List
----------------

DEMO ETHERNET DRIVER
M:	Jane Doe <jane@example.org>
R:	Anna Schmidt <anna.schmidt@example.de>
L:	linux-demo@lists.example.org
S:	Maintained
F:	Documentation/networking/demo-eth.rst
F:	drivers/net/ethernet/demo/

DEMO PHY DRIVER
M:	Li Wei <liwei@example.cn>
L:	linux-demo@lists.example.org
S:	Odd Fixes
F:	drivers/net/phy/demo_*.c

DOCUMENTATION
M:	Sam Okafor <sam@example.org>
L:	linux-demo@lists.example.org
S:	Maintained
F:	Documentation/
F:	scripts/*.sh
X:	Documentation/mm/
X:	Documentation/networking/

KERNEL LITE INFRASTRUCTURE
M:	Sam Okafor <sam@example.org>
R:	Yuki Tanaka <yuki@example.jp>
L:	linux-demo@lists.example.org
S:	Supported
F:	kernel/*_lite.c
F:	kernel/printk_ratelimit.c
F:	lib/

MEMORY MANAGEMENT - LITE
M:	Ravi Kumar <ravi.kumar@corp.example.com>
R:	Anna Schmidt <anna.schmidt@example.de>
L:	linux-demo@lists.example.org
S:	Maintained
T:	git git://git.example.org/pub/scm/linux/kernel/git/ravi/mm.git
F:	Documentation/mm/
F:	include/linux/page_pool_lite.h
F:	mm/
X:	mm/slab_debug.c

NETWORKING DRIVERS
M:	Morgan Hale <morgan@kernel.example.org>
L:	linux-demo@lists.example.org
S:	Maintained
T:	git git://git.example.org/pub/scm/linux/kernel/git/netdev/net.git
F:	drivers/net/
X:	drivers/net/ethernet/demo/

NETWORKING [GENERAL]
M:	Morgan Hale <morgan@kernel.example.org>
R:	Tomasz Nowak <tnowak@example.pl>
L:	linux-demo@lists.example.org
S:	Maintained
T:	git git://git.example.org/pub/scm/linux/kernel/git/netdev/net.git
F:	Documentation/networking/
F:	include/linux/skb_pool.h
F:	net/

SLAB DEBUGGING
M:	Anna Schmidt <anna.schmidt@example.de>
L:	linux-demo@lists.example.org
S:	Odd Fixes
F:	mm/slab_debug.c

THE REST
M:	Morgan Hale <morgan@kernel.example.org>
L:	linux-demo@lists.example.org
S:	Buried alive in reporters
F:	*
F:	*/
"""

MAKEFILE = """\
# SPDX-License-Identifier: GPL-2.0
VERSION = 6
PATCHLEVEL = 8
SUBLEVEL = 0
EXTRAVERSION = -rc1
NAME = Demo Lite

obj-y += kernel/ mm/ net/ lib/ drivers/

PHONY := all
all: vmlinux

vmlinux: $(obj-y)
\t@echo "  LD      $@"
"""

README = """\
Demo Lite kernel
================

A tiny tree shaped like Linux, for exercising patch tooling.

See MAINTAINERS for who looks after what, and Documentation/ for the rest.
"""

DEMO_H = """\
/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (C) 2023 Example Networks */
#ifndef _DEMO_H
#define _DEMO_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>

#define DEMO_DRV_NAME		"demo_eth"
#define DEMO_DEF_RX_RING	256
#define DEMO_DEF_TX_RING	256
#define DEMO_MAX_RING		4096
#define DEMO_NAPI_WEIGHT	64

struct demo_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct demo_ring {
	struct demo_desc *desc;
	dma_addr_t dma;
	u32 count;
	u32 head;
	u32 tail;
};

struct demo_priv {
	struct net_device *ndev;
	struct device *dev;
	void __iomem *regs;
	struct napi_struct napi;
	struct demo_ring rx;
	struct demo_ring tx;
	u32 msg_enable;
	/* protects the ring heads against the seperate tx completion path */
	spinlock_t lock;
};

int demo_ring_alloc(struct demo_priv *priv, struct demo_ring *ring, u32 count);
void demo_ring_free(struct demo_priv *priv, struct demo_ring *ring);
void demo_set_ethtool_ops(struct net_device *ndev);

#endif /* _DEMO_H */
"""

DEMO_MAIN_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * Demo Ethernet driver: a small PCI NIC with one rx and one tx ring.
 *
 * Copyright (C) 2023 Example Networks
 */
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/pci.h>

#include "demo.h"

#define DEMO_REG_CTRL		0x00
#define DEMO_REG_STATUS		0x04
#define DEMO_REG_RX_BASE	0x10
#define DEMO_REG_TX_BASE	0x18
#define DEMO_CTRL_RX_EN		BIT(0)
#define DEMO_CTRL_TX_EN		BIT(1)

int demo_ring_alloc(struct demo_priv *priv, struct demo_ring *ring, u32 count)
{
	ring->desc = dma_alloc_coherent(priv->dev, count * sizeof(*ring->desc),
					&ring->dma, GFP_KERNEL);
	if (!ring->desc)
		return -ENOMEM;

	ring->count = count;
	ring->head = 0;
	ring->tail = 0;
	return 0;
}

void demo_ring_free(struct demo_priv *priv, struct demo_ring *ring)
{
	dma_free_coherent(priv->dev, ring->count * sizeof(*ring->desc),
			  ring->desc, ring->dma);
	ring->desc = NULL;
}

static int demo_poll(struct napi_struct *napi, int budget)
{
	struct demo_priv *priv = container_of(napi, struct demo_priv, napi);
	int done = 0;

	while (done < budget && priv->rx.head != priv->rx.tail) {
		/* hand the frame we recieve to the stack */
		priv->rx.tail = (priv->rx.tail + 1) % priv->rx.count;
		done++;
	}

	if (done < budget)
		napi_complete(napi);

	return done;
}

static netdev_tx_t demo_start_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct demo_priv *priv = netdev_priv(ndev);
	struct demo_ring *tx = &priv->tx;

	spin_lock(&priv->lock);
	tx->head++;
	spin_unlock(&priv->lock);

	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static int demo_open(struct net_device *ndev)
{
	struct demo_priv *priv = netdev_priv(ndev);
	int err;

	err = demo_ring_alloc(priv, &priv->rx, DEMO_DEF_RX_RING);
	if (err)
		return err;

	err = demo_ring_alloc(priv, &priv->tx, DEMO_DEF_TX_RING);
	if (err)
		goto err_free_rx;

	napi_enable(&priv->napi);
	writel(DEMO_CTRL_RX_EN | DEMO_CTRL_TX_EN, priv->regs + DEMO_REG_CTRL);
	netif_start_queue(ndev);
	return 0;

err_free_rx:
	demo_ring_free(priv, &priv->rx);
	return err;
}

static int demo_stop(struct net_device *ndev)
{
	struct demo_priv *priv = netdev_priv(ndev);

	netif_stop_queue(ndev);
	writel(0, priv->regs + DEMO_REG_CTRL);
	napi_disable(&priv->napi);
	demo_ring_free(priv, &priv->tx);
	return 0;
}

static const struct net_device_ops demo_netdev_ops = {
	.ndo_open		= demo_open,
	.ndo_stop		= demo_stop,
	.ndo_start_xmit		= demo_start_xmit,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_set_mac_address	= eth_mac_addr,
};

static int demo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *ndev;
	struct demo_priv *priv;
	int err;

	err = pcim_enable_device(pdev);
	if (err)
		return err;

	ndev = devm_alloc_etherdev(&pdev->dev, sizeof(*priv));
	if (!ndev)
		return -ENOMEM;

	priv = netdev_priv(ndev);
	priv->ndev = ndev;
	priv->dev = &pdev->dev;
	spin_lock_init(&priv->lock);

	priv->regs = pcim_iomap(pdev, 0, 0);
	if (!priv->regs)
		return -ENOMEM;

	ndev->netdev_ops = &demo_netdev_ops;
	demo_set_ethtool_ops(ndev);
	netif_napi_add(ndev, &priv->napi, demo_poll);
	eth_hw_addr_random(ndev);

	return devm_register_netdev(&pdev->dev, ndev);
}

static const struct pci_device_id demo_pci_tbl[] = {
	{ PCI_DEVICE(0x1de5, 0x0001) },
	{ }
};
MODULE_DEVICE_TABLE(pci, demo_pci_tbl);

static struct pci_driver demo_driver = {
	.name		= DEMO_DRV_NAME,
	.id_table	= demo_pci_tbl,
	.probe		= demo_probe,
};
module_pci_driver(demo_driver);

MODULE_DESCRIPTION("Demo Ethernet driver");
MODULE_LICENSE("GPL");
"""

DEMO_ETHTOOL_C = """\
// SPDX-License-Identifier: GPL-2.0
/* ethtool support for the demo Ethernet driver */
#include <linux/ethtool.h>

#include "demo.h"

static void demo_get_drvinfo(struct net_device *ndev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, DEMO_DRV_NAME, sizeof(info->driver));
}

static u32 demo_get_msglevel(struct net_device *ndev)
{
	struct demo_priv *priv = netdev_priv(ndev);

	return priv->msg_enable;
}

static void demo_set_msglevel(struct net_device *ndev, u32 level)
{
	struct demo_priv *priv = netdev_priv(ndev);

	priv->msg_enable = level;
}

static void demo_get_ringparam(struct net_device *ndev,
			       struct ethtool_ringparam *ring,
			       struct kernel_ethtool_ringparam *kring,
			       struct netlink_ext_ack *extack)
{
	struct demo_priv *priv = netdev_priv(ndev);

	ring->rx_max_pending = DEMO_MAX_RING;
	ring->tx_max_pending = DEMO_MAX_RING;
	ring->rx_pending = priv->rx.count;
	ring->tx_pending = priv->tx.count;
}

static const struct ethtool_ops demo_ethtool_ops = {
	.get_drvinfo		= demo_get_drvinfo,
	.get_msglevel		= demo_get_msglevel,
	.set_msglevel		= demo_set_msglevel,
	.get_link		= ethtool_op_get_link,
	.get_ringparam		= demo_get_ringparam,
};

/* the ops are shared accross all demo devices */
void demo_set_ethtool_ops(struct net_device *ndev)
{
	ndev->ethtool_ops = &demo_ethtool_ops;
}
"""

DEMO_KCONFIG = """\
# SPDX-License-Identifier: GPL-2.0-only
config DEMO_ETH
	tristate "Demo Ethernet support"
	depends on PCI
	help
	  This driver supports the demo PCI Ethernet controller.

	  To compile this driver as a module, choose M here. The module
	  will be called demo_eth.
"""

DEMO_MAKEFILE = """\
# SPDX-License-Identifier: GPL-2.0
obj-$(CONFIG_DEMO_ETH) += demo_eth.o
demo_eth-y := demo_main.o demo_ethtool.o
"""

DEMO_PHY_C = """\
// SPDX-License-Identifier: GPL-2.0+
/*
 * Driver for the demo 1G PHY.
 */
#include <linux/module.h>
#include <linux/phy.h>

#define DEMO_PHY_ID		0x001cc9a0
#define DEMO_PHY_ID_MASK	0xfffffff0

#define DEMO_PHY_INT_STATUS	0x13
#define DEMO_PHY_INT_MASK	0x12
#define DEMO_PHY_INT_LINK	BIT(4)

static int demo_phy_config_init(struct phy_device *phydev)
{
	/* the strap pins select the adress, nothing to do here */
	return 0;
}

static int demo_phy_config_intr(struct phy_device *phydev)
{
	if (phydev->interrupts == PHY_INTERRUPT_ENABLED)
		return phy_write(phydev, DEMO_PHY_INT_MASK, DEMO_PHY_INT_LINK);

	return phy_write(phydev, DEMO_PHY_INT_MASK, 0);
}

static irqreturn_t demo_phy_handle_interrupt(struct phy_device *phydev)
{
	int status;

	status = phy_read(phydev, DEMO_PHY_INT_STATUS);
	if (status < 0)
		return IRQ_NONE;

	if (!(status & DEMO_PHY_INT_LINK))
		return IRQ_NONE;

	phy_trigger_machine(phydev);
	return IRQ_HANDLED;
}

static struct phy_driver demo_phy_drivers[] = {
	{
		PHY_ID_MATCH_MODEL(DEMO_PHY_ID),
		.name			= "Demo 1G PHY",
		.config_init		= demo_phy_config_init,
		.config_intr		= demo_phy_config_intr,
		.handle_interrupt	= demo_phy_handle_interrupt,
		.suspend		= genphy_suspend,
		.resume			= genphy_resume,
	},
};
module_phy_driver(demo_phy_drivers);

static struct mdio_device_id __maybe_unused demo_phy_tbl[] = {
	{ DEMO_PHY_ID, DEMO_PHY_ID_MASK },
	{ }
};
MODULE_DEVICE_TABLE(mdio, demo_phy_tbl);

MODULE_DESCRIPTION("Demo 1G PHY driver");
MODULE_LICENSE("GPL");
"""

DEV_STATS_C = """\
// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * net/core/dev_stats.c: fold per-device counters into rtnl_link_stats64.
 */
#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>

struct dev_core_stats {
	unsigned long rx_dropped;
	unsigned long tx_dropped;
	unsigned long rx_nohandler;
};

static DEFINE_SPINLOCK(dev_stats_lock);

void dev_stats_rx_dropped(struct net_device *dev)
{
	struct dev_core_stats *stats = dev->core_stats;

	spin_lock(&dev_stats_lock);
	stats->rx_dropped++;
	spin_unlock(&dev_stats_lock);
}
EXPORT_SYMBOL(dev_stats_rx_dropped);

void dev_stats_tx_dropped(struct net_device *dev)
{
	struct dev_core_stats *stats = dev->core_stats;

	spin_lock(&dev_stats_lock);
	stats->tx_dropped++;
	spin_unlock(&dev_stats_lock);
}
EXPORT_SYMBOL(dev_stats_tx_dropped);

void dev_stats_fold(struct net_device *dev, struct rtnl_link_stats64 *s)
{
	struct dev_core_stats *stats = dev->core_stats;

	spin_lock(&dev_stats_lock);
	s->rx_dropped += stats->rx_dropped;
	s->tx_dropped += stats->tx_dropped;
	s->rx_nohandler += stats->rx_nohandler;
	spin_unlock(&dev_stats_lock);
}
EXPORT_SYMBOL(dev_stats_fold);
"""

SKB_POOL_H = """\
/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_SKB_POOL_H
#define _LINUX_SKB_POOL_H

#include <linux/skbuff.h>

struct skb_pool {
	struct sk_buff_head list;
	unsigned int size;
	unsigned int low_watermark;
};

int skb_pool_init(struct skb_pool *pool, unsigned int size);
struct sk_buff *skb_pool_get(struct skb_pool *pool, gfp_t gfp);
void skb_pool_put(struct skb_pool *pool, struct sk_buff *skb);
void skb_pool_destroy(struct skb_pool *pool);

#endif /* _LINUX_SKB_POOL_H */
"""

SKB_POOL_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * A small cache of preallocated skbs for paths that cannot sleep.
 */
#include <linux/skb_pool.h>
#include <linux/slab.h>

#define SKB_POOL_BUF_LEN	2048

static void skb_pool_refill(struct skb_pool *pool, gfp_t gfp)
{
	struct sk_buff *skb;

	while (skb_queue_len(&pool->list) < pool->size) {
		skb = alloc_skb(SKB_POOL_BUF_LEN, gfp);
		if (!skb)
			break;
		skb_queue_tail(&pool->list, skb);
	}
}

int skb_pool_init(struct skb_pool *pool, unsigned int size)
{
	skb_queue_head_init(&pool->list);
	pool->size = size;
	pool->low_watermark = size / 4;
	skb_pool_refill(pool, GFP_KERNEL);

	if (skb_queue_len(&pool->list) < size)
		return -ENOMEM;
	return 0;
}
EXPORT_SYMBOL(skb_pool_init);

struct sk_buff *skb_pool_get(struct skb_pool *pool, gfp_t gfp)
{
	struct sk_buff *skb;

	skb = skb_dequeue(&pool->list);
	if (skb_queue_len(&pool->list) < pool->low_watermark)
		skb_pool_refill(pool, gfp);

	return skb;
}
EXPORT_SYMBOL(skb_pool_get);

void skb_pool_put(struct skb_pool *pool, struct sk_buff *skb)
{
	if (skb_queue_len(&pool->list) >= pool->size) {
		kfree_skb(skb);
		return;
	}
	skb_queue_tail(&pool->list, skb);
}
EXPORT_SYMBOL(skb_pool_put);

/* free everything; the pool must not be used untill skb_pool_init() */
void skb_pool_destroy(struct skb_pool *pool)
{
	skb_queue_purge(&pool->list);
}
EXPORT_SYMBOL(skb_pool_destroy);
"""

PAGE_POOL_LITE_H = """\
/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PAGE_POOL_LITE_H
#define _LINUX_PAGE_POOL_LITE_H

#include <linux/mm_types.h>

/**
 * struct pp_lite - a per-device cache of order-0 pages
 * @pages: the cached pages
 * @count: number of pages in @pages
 * @capacity: size of @pages
 * @nid: NUMA node the pages come from
 */
struct pp_lite {
	struct page **pages;
	unsigned int count;
	unsigned int capacity;
	int nid;
};

struct pp_lite *pp_lite_create(unsigned int capacity, int nid);
struct page *pp_lite_alloc(struct pp_lite *pool, gfp_t gfp);
void pp_lite_recycle(struct pp_lite *pool, struct page *page);
void pp_lite_destroy(struct pp_lite *pool);

#endif /* _LINUX_PAGE_POOL_LITE_H */
"""

PAGE_POOL_LITE_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * mm/page_pool_lite.c: recycle order-0 pages for network drivers.
 */
#include <linux/gfp.h>
#include <linux/page_pool_lite.h>
#include <linux/slab.h>

struct pp_lite *pp_lite_create(unsigned int capacity, int nid)
{
	struct pp_lite *pool;

	pool = kzalloc_node(sizeof(*pool), GFP_KERNEL, nid);
	if (!pool)
		return NULL;

	pool->pages = kcalloc(capacity, sizeof(*pool->pages), GFP_KERNEL);
	if (!pool->pages)
		return NULL;

	pool->capacity = capacity;
	pool->nid = nid;
	return pool;
}
EXPORT_SYMBOL(pp_lite_create);

struct page *pp_lite_alloc(struct pp_lite *pool, gfp_t gfp)
{
	if (pool->count)
		return pool->pages[--pool->count];

	return alloc_pages_node(pool->nid, gfp, 0);
}
EXPORT_SYMBOL(pp_lite_alloc);

void pp_lite_recycle(struct pp_lite *pool, struct page *page)
{
	if (pool->count < pool->capacity) {
		pool->pages[pool->count++] = page;
		return;
	}
	__free_page(page);
}
EXPORT_SYMBOL(pp_lite_recycle);

void pp_lite_destroy(struct pp_lite *pool)
{
	while (pool->count)
		__free_page(pool->pages[--pool->count]);

	kfree(pool);
}
EXPORT_SYMBOL(pp_lite_destroy);
"""

SLAB_DEBUG_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * mm/slab_debug.c: poison and red-zone checks for the lite slab.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>

#define POISON_FREE	0x6b
#define POISON_END	0xa5
#define RED_ACTIVE	0xcc

static bool slab_debug_enabled;

static int __init slab_debug_setup(char *str)
{
	slab_debug_enabled = true;
	return 1;
}
__setup("slab_debug", slab_debug_setup);

void slab_poison(void *obj, size_t size)
{
	if (!slab_debug_enabled)
		return;

	memset(obj, POISON_FREE, size - 1);
	((u8 *)obj)[size - 1] = POISON_END;
}

bool slab_check_poison(const void *obj, size_t size)
{
	const u8 *p = obj;
	size_t i;

	if (!slab_debug_enabled)
		return true;

	for (i = 0; i < size - 1; i++) {
		if (p[i] != POISON_FREE) {
			pr_err("slab: poison overwritten at %px+%zu\\n", obj, i);
			return false;
		}
	}
	return p[size - 1] == POISON_END;
}

void slab_check_redzone(const void *obj, size_t size)
{
	const u8 *rz = (const u8 *)obj + size;

	/* a corrupted red zone means someone wrote past the object lenght */
	if (*rz != RED_ACTIVE)
		pr_err("slab: red zone overwritten after %px\\n", obj);
}
"""

VMSTAT_LITE_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * mm/vmstat_lite.c: per-node event counters exported through /proc.
 */
#include <linux/mm.h>
#include <linux/seq_file.h>

enum vm_lite_item {
	VML_PGALLOC,
	VML_PGFREE,
	VML_PGFAULT,
	VML_PGMAJFAULT,
	NR_VM_LITE_ITEMS,
};

static const char * const vm_lite_names[NR_VM_LITE_ITEMS] = {
	"pgalloc",
	"pgfree",
	"pgfault",
	"pgmajfault",
};

static atomic_long_t vm_lite_events[NR_VM_LITE_ITEMS];

void count_vm_lite_event(enum vm_lite_item item)
{
	atomic_long_inc(&vm_lite_events[item]);
}

static int vm_lite_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < NR_VM_LITE_ITEMS; i++)
		seq_printf(m, "%s %ld\\n", vm_lite_names[i],
			   atomic_long_read(&vm_lite_events[i]));
	return 0;
}

/* the begining of the file is the only record, so single_open() is enough */
static int vm_lite_open(struct inode *inode, struct file *file)
{
	return single_open(file, vm_lite_show, NULL);
}

static const struct proc_ops vm_lite_proc_ops = {
	.proc_open	= vm_lite_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static int __init vm_lite_init(void)
{
	proc_create("vmstat_lite", 0444, NULL, &vm_lite_proc_ops);
	return 0;
}
module_init(vm_lite_init);
"""

WATCHDOG_LITE_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/watchdog_lite.c: a soft lockup detector for small systems.
 */
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/sched/clock.h>

#define WATCHDOG_THRESH_SEC	10

static DEFINE_PER_CPU(unsigned long, watchdog_touch_ts);
static DEFINE_PER_CPU(struct hrtimer, watchdog_hrtimer);

static unsigned long get_timestamp(void)
{
	return running_clock() >> 30LL;
}

void touch_watchdog_lite(void)
{
	__this_cpu_write(watchdog_touch_ts, get_timestamp());
}

static enum hrtimer_restart watchdog_timer_fn(struct hrtimer *timer)
{
	unsigned long touch_ts = __this_cpu_read(watchdog_touch_ts);
	unsigned long now = get_timestamp();

	if (time_after(now, touch_ts + WATCHDOG_THRESH_SEC))
		pr_emerg("BUG: soft lockup - CPU#%d stuck for %lus!\\n",
			 smp_processor_id(), now - touch_ts);

	hrtimer_forward_now(timer, ns_to_ktime(NSEC_PER_SEC));
	return HRTIMER_RESTART;
}

/* start the per-cpu timer once the cpu is online; a succesful start is silent */
static void watchdog_enable(unsigned int cpu)
{
	struct hrtimer *hrtimer = this_cpu_ptr(&watchdog_hrtimer);

	hrtimer_init(hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	hrtimer_start(hrtimer, ns_to_ktime(NSEC_PER_SEC), HRTIMER_MODE_REL_HARD);
	touch_watchdog_lite();
}

static int __init watchdog_lite_init(void)
{
	watchdog_enable(smp_processor_id());
	return 0;
}
early_initcall(watchdog_lite_init);
"""

PRINTK_RATELIMIT_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/printk_ratelimit.c: limit how often a message can be printed.
 */
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/spinlock.h>

#define RL_DEFAULT_INTERVAL	(5 * HZ)
#define RL_DEFAULT_BURST	10

struct rl_state {
	spinlock_t lock;
	unsigned long begin;
	int interval;
	int burst;
	int printed;
	int missed;
};

static struct rl_state printk_rl = {
	.lock		= __SPIN_LOCK_UNLOCKED(printk_rl.lock),
	.interval	= RL_DEFAULT_INTERVAL,
	.burst		= RL_DEFAULT_BURST,
};

/* returns true when the caller may print; no lock is neccessary for reads */
static bool rl_allow(struct rl_state *rs)
{
	unsigned long flags;
	bool ret;

	if (!rs->interval)
		return true;

	spin_lock_irqsave(&rs->lock, flags);
	if (time_is_before_jiffies(rs->begin + rs->interval)) {
		if (rs->missed)
			pr_warn("%d messages suppressed\\n", rs->missed);
		rs->begin = jiffies;
		rs->printed = 0;
		rs->missed = 0;
	}

	if (rs->printed < rs->burst) {
		rs->printed++;
		ret = true;
	} else {
		rs->missed++;
		ret = false;
	}
	spin_unlock_irqrestore(&rs->lock, flags);

	return ret;
}

int printk_ratelimit_lite(void)
{
	return rl_allow(&printk_rl);
}
EXPORT_SYMBOL(printk_ratelimit_lite);
"""

CRC_LITE_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * lib/crc_lite.c: bitwise CRC-16/CCITT and CRC-32, no tables.
 */
#include <linux/export.h>
#include <linux/types.h>

#define CRC16_POLY	0x1021
#define CRC32_POLY	0xedb88320

u16 crc16_lite(u16 crc, const u8 *buf, size_t len)
{
	int i;

	while (len--) {
		crc ^= (u16)*buf++ << 8;
		for (i = 0; i < 8; i++)
			crc = crc & 0x8000 ? (crc << 1) ^ CRC16_POLY : crc << 1;
	}
	return crc;
}
EXPORT_SYMBOL(crc16_lite);

u32 crc32_lite(u32 crc, const u8 *buf, size_t len)
{
	int i;

	while (len--) {
		crc ^= *buf++;
		for (i = 0; i < 8; i++)
			crc = crc & 1 ? (crc >> 1) ^ CRC32_POLY : crc >> 1;
	}
	return crc;
}
EXPORT_SYMBOL(crc32_lite);

/* the caller passes the inverted seed and inverts the result, wich is the
 * usual convention */
u32 crc32_lite_le(const u8 *buf, size_t len)
{
	return ~crc32_lite(~0U, buf, len);
}
EXPORT_SYMBOL(crc32_lite_le);
"""

DECODE_LITE_SH = """\
#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Turn the addresses in an oops into file:line using addr2line.

vmlinux=$1

if [ -z $vmlinux ]; then
	echo "usage: $0 vmlinux < oops.txt"
	exit 1
fi

while read line; do
	addr=$(echo $line | sed -n 's/.*\\[<\\([0-9a-f]*\\)>\\].*/\\1/p')
	if [ -n "$addr" ]; then
		echo "$line $(addr2line -e $vmlinux $addr)"
	else
		echo "$line"
	fi
done
"""

DEMO_ETH_RST = """\
.. SPDX-License-Identifier: GPL-2.0

=============================
Demo Ethernet driver (demo_eth)
=============================

The demo controller has one receive and one transmit ring of DMA
descriptors. The driver allocates them when the interface goes up.

Statistics
==========

The driver reports the standard interface counters. A paramter for
per-queue counters does not exist yet.

Support
=======

Report problems to the demo Ethernet maintainers listed in MAINTAINERS.
"""

PAGE_POOL_LITE_RST = """\
.. SPDX-License-Identifier: GPL-2.0

==============
Page pool lite
==============

The lite page pool keeps a small array of order-0 pages per device so
that drivers can recycle receive buffers without going through the page
allocator each time.

Usage
=====

A driver creates one pool per receive queue with pp_lite_create(),
allocates with pp_lite_alloc() and returns pages with pp_lite_recycle().
A page that occured in a pool must not be freed with put_page().
"""

SUBMITTING_RST = """\
.. SPDX-License-Identifier: GPL-2.0

=====================
Submitting your patch
=====================

Send patches to the list in MAINTAINERS, as plain text, one patch per
mail, generated with git format-patch and sent with git send-email.

Every patch needs a Signed-off-by: line from its author. Reviewers reply
with Reviewed-by:, Acked-by: or Tested-by: tags, which the maintainer
collects when applying the series.
"""


def files():
    """Path -> (content, executable) of the first commit."""
    return {
        "MAINTAINERS": (MAINTAINERS, False),
        "Makefile": (MAKEFILE, False),
        "README": (README, False),
        "Documentation/mm/page_pool_lite.rst": (PAGE_POOL_LITE_RST, False),
        "Documentation/networking/demo-eth.rst": (DEMO_ETH_RST, False),
        "Documentation/process/submitting-patches.rst": (SUBMITTING_RST, False),
        "drivers/net/ethernet/demo/Kconfig": (DEMO_KCONFIG, False),
        "drivers/net/ethernet/demo/Makefile": (DEMO_MAKEFILE, False),
        "drivers/net/ethernet/demo/demo.h": (DEMO_H, False),
        "drivers/net/ethernet/demo/demo_ethtool.c": (DEMO_ETHTOOL_C, False),
        "drivers/net/ethernet/demo/demo_main.c": (DEMO_MAIN_C, False),
        "drivers/net/phy/demo_phy.c": (DEMO_PHY_C, False),
        "include/linux/page_pool_lite.h": (PAGE_POOL_LITE_H, False),
        "include/linux/skb_pool.h": (SKB_POOL_H, False),
        "kernel/printk_ratelimit.c": (PRINTK_RATELIMIT_C, False),
        "kernel/watchdog_lite.c": (WATCHDOG_LITE_C, False),
        "lib/crc_lite.c": (CRC_LITE_C, False),
        "mm/page_pool_lite.c": (PAGE_POOL_LITE_C, False),
        "mm/slab_debug.c": (SLAB_DEBUG_C, False),
        "mm/vmstat_lite.c": (VMSTAT_LITE_C, False),
        "net/core/dev_stats.c": (DEV_STATS_C, False),
        "net/core/skb_pool.c": (SKB_POOL_C, False),
        "scripts/decode_lite.sh": (DECODE_LITE_SH, True),
    }
