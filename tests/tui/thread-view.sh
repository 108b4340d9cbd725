#!/bin/bash
# The thread and message views on the generated demo list ($PD_DEMO),
# reached as a user reaches them: the series view of a revision (`open
# series ID`, as Enter on its list row), `t` for the discussion of the
# whole series or of the selected patch, Enter for a message, J/K through
# the thread. Whole screens are compared exactly, with their areas where
# the colouring is the point. Each expectation was written from the mail
# itself (CASES names the traps): a quoted or signature trailer is not
# marked, the reply's own one is; nested quotes get deeper areas; an
# encoded or DMARC-rewritten author shows as the person.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config
export TERM=xterm-256color
unset NO_COLOR

# case_id CASE N: the Nth Message-ID CASES gives for a case.
case_id() {
	awk -v c="$1:" -v n="$2" '$1 == c { on = 1; next }
		on && /^  </ { if (++k == n) { gsub(/[<>]/, "", $1); print $1; exit } next }
		on { exit }' "$PD_DEMO/CASES"
}

# case_names: every Message-ID of CASES in the input becomes CASE#N (the
# Nth of its case), so screens do not depend on the generator's numbering.
case_names() {
	awk 'NR == FNR {
		if ($1 ~ /:$/) { c = substr($1, 1, length($1) - 1); k = 0 }
		else if ($1 ~ /^</) { id = $1; gsub(/[<>]/, "", id); name[id] = c "#" (++k) }
		next
	}
	{
		for (id in name)
			while ((i = index($0, id)) > 0)
				$0 = substr($0, 1, i - 1) name[id] substr($0, i + length(id))
		print
	}' "$PD_DEMO/CASES" -
}

netnext=$(case_id target-prefix 1)
v2=$(case_id revisions-v2 1)
clean=$(case_id clean 1)
v1=$(case_id revisions-v1 1)
dmarc=$(case_id dmarc 1)
encoded=$(case_id encoded-name 1)
crlf=$(case_id crlf 1)
attachment=$(case_id attachment 1)
long=$(case_id long-thread 1)

# Bold rows need the loader to mark mail unread (pd_mail.unread; every demo
# mail is tagged unread). Until it does, the checks that show them skip;
# the series list, not these views, says which it is.
unread_known=no
tui_run 'dump attrs' --screen 3x100 "id:$netnext" | grep -q '^{cursor,bold}' && unread_known=yes
check_unread() {
	if [ "$unread_known" = yes ]; then
		check_eq "$@"
	else
		tap_skip "$1" "the loader does not mark unread mail yet"
	fi
}

check_unread 't on the series view: cover, patches by number, replies as a tree; R marks the replies giving Reviewed-by; unread rows bold' \
'{cursor,bold}2024-02-02  Tomasz Nowak               [PATCH net-next v2 0/5] net: skb_pool: tunable refill waterma
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}├─>{subject,bold}[PATCH net-next v2 1/5] net: skb_pool: name the default wa
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}├─>{subject,bold}[PATCH net-next v2 2/5] net: skb_pool: add skb_pool_set_wa
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}├─>{subject,bold}[PATCH net-next v2 3/5] net: skb_pool: refill from a work
{date,bold}2024-02-02  {author,bold}Morgan Hale           {bold}     {tree,bold}│ ├─>
{date,bold}2024-02-03  {author,bold}Tomasz Nowak          {bold}     {tree,bold}│ │ └─>
{date,bold}2024-02-03  {author,bold}Dmitry Volkov         {collected,bold}R    {tree,bold}│ └─>
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}├─>{subject,bold}[PATCH net-next v2 4/5] net: skb_pool: count allocation fa
{date,bold}2024-02-03  {author,bold}Anna Schmidt          {collected,bold}R    {tree,bold}│ └─>
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}└─>{subject,bold}[PATCH net-next v2 5/5] net: skb_pool: drop the gfp argume
{date,bold}2024-02-03  {author,bold}Anna Schmidt          {collected,bold}R    {tree,bold}  └─>

{status,bold} thread: net: skb_pool: tunable refill watermark                                               1/11 

status 0' \
"$(tui_run 'open series '"$netnext"'
key t
dump attrs' --screen 14x100 | case_names)"

check_eq 't on a patch row: that patch and the replies below it' \
'2024-02-02  Tomasz Nowak               [PATCH net-next v2 3/5] net: skb_pool: refill from
2024-02-02  Morgan Hale                ├─>
2024-02-03  Tomasz Nowak               │ └─>
2024-02-03  Dmitry Volkov         R    └─>

 thread: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool 1/4

status 0' \
"$(tui_run 'open series '"$netnext"'
key /
type ^  3/5
key Enter
key t
dump' --screen 7x90 | case_names)"

check_eq 'review-quoted-trailers: the quoted Reviewed-by and Signed-off-by stay quote1, the reply'\''s own Reviewed-by is marked' \
'{cursor}From: Dmitry Volkov <dvolkov@example.ru>                                                  
{header}Date:{date} Sat, 03 Feb 2024 06:05:00 +0000
{header}Subject:{title,bold} Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool
{title,bold}runs low
{header}Message-ID:{} <review-quoted-trailers#1>

On Fri, Feb 02, 2024 at 02:15:03PM +0100, Tomasz Nowak wrote:
{quote1}> skb_pool_get() refills inline with the caller'\''s gfp flags, which in
{quote1}> atomic context means GFP_ATOMIC allocations that fail under pressure,
{quote1}> exactly when the pool is needed. Schedule a work item instead and let it
{quote1}> refill with GFP_KERNEL.
{quote1}>
{quote1}> Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
{quote1}> Signed-off-by: Tomasz Nowak <tnowak@example.pl>
{quote1}> ---

Nice, this also fixes the allocation failure splats I reported.

{collected,bold}Reviewed-by: Dmitry Volkov <dvolkov@example.ru>



{status,bold} message: [4/4] Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item w 1/19 

status 0' \
"$(tui_run 'open series '"$netnext"'
key /
type ^  3/5
key Enter
key t
key G
key Enter
dump attrs' --screen 24x90 | case_names)"

check_eq 'review-quoting: a quoted Signed-off-by and a quoted diff line are quotes; tabs expand to 8 columns; review-mismatch: t for a Tested-by naming another address' \
'2024-01-15  Jane Doe                   [PATCH v2 0/3] demo_eth: configurable rin
2024-01-15  Jane Doe                   ├─>[PATCH v2 1/3] demo_eth: add a helper
2024-01-16  Anna Schmidt          R    │ └─>
2024-01-15  Jane Doe                   ├─>[PATCH v2 2/3] demo_eth: implement eth
2024-01-15  Jane Doe                   ├─>[PATCH v2 3/3] Documentation: networki
2024-01-17  Robert Baker          t    └─>














 thread: demo_eth: configurable ring sizes                                  1/6

{cursor}From: Anna Schmidt <anna.schmidt@example.de>                                    
{header}Date:{date} Tue, 16 Jan 2024 07:55:00 +0000
{header}Subject:{title,bold} Re: [PATCH v2 1/3] demo_eth: add a helper to validate ring sizes
{header}Message-ID:{} <review-quoting#1>

On Mon, Jan 15, 2024 at 11:00:01AM +0100, Jane Doe wrote:
{quote1}> The ring sizes are fixed at DEMO_DEF_RX_RING and DEMO_DEF_TX_RING today.
{quote1}> Before letting user space change them, add the lower bound the hardware
{quote1}> needs and a helper that checks a requested size against both bounds.
{quote1}>
{quote1}> The hardware wraps the head and tail pointers with a mask, so the number
{quote1}> of descriptors must also be a power of two.
{quote1}>
{quote1}> Signed-off-by: Jane Doe <jane@example.org>

The power-of-two check is a nice touch.

{quote1}> +            is_power_of_2(count);

{collected,bold}Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
{status,bold} message: [2/2] Re: [PATCH v2 1/3] demo_eth: add a helper to validate ring 1/20 

status 0' \
"$(tui_run 'open series '"$v2"'
key t
dump
key q
key /
type ^  1/3
key Enter
key t
key j
key Enter
dump attrs' --screen 22x80 | case_names)"

check_eq 'review-signature: everything below the '\''-- '\'' line is signature, its Tested-by included' \
'{cursor}From: Dmitry Volkov <dvolkov@example.ru>                                        
{header}Date:{date} Tue, 05 Mar 2024 07:45:00 +0000
{header}Subject:{title,bold} Re: [PATCH 1/2] kernel/watchdog_lite: turn the threshold into a
{title,bold}variable
{header}Message-ID:{} <review-signature#1>

On Mon, Mar 04, 2024 at 10:00:01AM +0000, Sam Okafor wrote:
{quote1}> No functional change; prepares for making it configurable.

Booted with the series on qemu-system-riscv64, no false positives any
more.

{signature}--
{signature}Dmitry Volkov
{signature}Kernel team, Example Systems

{signature}Tested-by: Dmitry Volkov <dvolkov@example.ru>
{status,bold} message: [2/2] Re: [PATCH 1/2] kernel/watchdog_lite: turn the threshold i 1/17 

status 0' \
"$(tui_run 'open series '"$clean"'
key /
type ^  1/2
key Enter
key t
key G
key Enter
dump attrs' --screen 19x80 | case_names)"

check_eq 'nested quoting: '\''> >'\'' lines are quote2 inside quote1' \
'2024-01-08  Jane Doe                   [PATCH 2/3] demo_eth: implement ethtool s
2024-01-09  Anna Schmidt               └─>
2024-01-09  Jane Doe                     └─>



















 thread: [PATCH 2/3] demo_eth: implement ethtool set_ringparam              1/3

{cursor}From: Jane Doe <jane@example.org>                                               
{header}Date:{date} Tue, 09 Jan 2024 10:40:00 +0000
{header}Subject:{title,bold} Re: [PATCH 2/3] demo_eth: implement ethtool set_ringparam
{header}Message-ID:{} <3B3C0203B8029CC5@example.org>

On Tue, Jan 09, 2024 at 09:14:00AM +0100, Anna Schmidt wrote:
{quote1}> On Mon, Jan 08, 2024 at 10:30:02AM +0100, Jane Doe wrote:
{quote2}> > +   priv->rx.count = ring->rx_pending;
{quote2}> > +   priv->tx.count = ring->tx_pending;
{quote2}> > +   return 0;
{quote1}>
{quote1}> demo_open() still allocates DEMO_DEF_RX_RING and DEMO_DEF_TX_RING
{quote1}> descriptors, so the new sizes are never used. And what happens when
{quote1}> this is called while the interface is up? The rings are live then.
{quote1}>
{quote1}> Anna
{quote1}>

Oops, right on both counts. I'\''ll use the counts in demo_open() and
refuse the change while the interface is running in v2.

Jane
{status,bold} message: [3/3] Re: [PATCH 2/3] demo_eth: implement ethtool set_ringparam  1/22 

status 0' \
"$(tui_run 'open series '"$v1"'
key /
type ^  2/3
key Enter
key t
dump
key G
key Enter
dump attrs' --screen 24x80 | case_names)"

check_eq 'dmarc: the tree names the person, the message shows the rewritten From and the Original-From' \
'2024-01-25  Oliver Grant               [PATCH] net: skb_pool: read the queue len
2024-01-25  Tomasz Nowak          R    └─>
2024-01-25  Oliver Grant                 └─>









 thread: net: skb_pool: read the queue length locklessly                    1/3

{cursor}From: Oliver Grant via Linux-demo <linux-demo@lists.example.org>                
{header}Original-From:{author} Oliver Grant <oliver@strictmail.example>
{header}Date:{date} Thu, 25 Jan 2024 12:30:00 +0000
{header}Subject:{title,bold} Re: [PATCH] net: skb_pool: read the queue length locklessly
{header}Message-ID:{} <dmarc#3>

On Thu, Jan 25, 2024 at 12:00:00PM +0100, Tomasz Nowak wrote:
{quote1}> Reviewed-by: Tomasz Nowak <tnowak@example.pl>

Thanks Tomasz!

Oliver
{status,bold} message: [3/3] Re: [PATCH] net: skb_pool: read the queue length locklessl 1/12 

status 0' \
"$(tui_run 'open series '"$dmarc"'
key t
dump
key G
key Enter
dump attrs' --screen 14x80 | case_names)"

check_eq 'encoded-name: the decoded name in the tree and the From header; the folded subject is one line, wrapped' \
'2024-01-26  Philippe Mathieu-Da…       [PATCH v2] scripts/decode_lite.sh: use re
2024-01-26  Carol Ng              R    └─>








 thread: scripts/decode_lite.sh: use read -r so that backslashes in oops li 1/2

From: Philippe Mathieu-Daudé <philmd@example.net>
Date: Fri, 26 Jan 2024 10:17:00 +0000
Subject: [PATCH v2] scripts/decode_lite.sh: use read -r so that backslashes in
oops lines survive decoding
Message-ID: <encoded-name#1>

From: Philippe Mathieu-Daudé <philmd@example.net>

Without -r, read drops the backslashes of Windows-style paths that some
firmware prints in its oops banners, and IFS trims the leading spaces
 message: [1/2] [PATCH v2] scripts/decode_lite.sh: use read -r so that bac 1/34

status 0' \
"$(tui_run 'open series '"$encoded"'
key t
dump
key Enter
dump' --screen 12x80 | case_names)"

check_eq 'crlf: a patch in the message view: trailers, diffstat, the diff coloured, the signature' \
'
Add kernel-doc for the pool structure; the watermark semantics in
particular were only documented in a commit message.

{trailer}Signed-off-by: Brian Walsh <bwalsh@corp.example.com>
---
{diffstat} include/linux/skb_pool.h | 6 ++++++
{diffstat} 1 file changed, 6 insertions(+)

{diff-header,bold}diff --git a/include/linux/skb_pool.h b/include/linux/skb_pool.h
{diff-header,bold}index 95026b4..86b42d4 100644
{diff-header,bold}--- a/include/linux/skb_pool.h
{diff-header,bold}+++ b/include/linux/skb_pool.h
{diff-hunk}@@ -4,6 +4,12 @@

 #include <linux/skbuff.h>

{diff-add}+/**
{diff-add}+ * struct skb_pool - preallocated skbs for atomic context
{diff-add}+ * @list: the free skbs
{diff-add}+ * @size: how many skbs the pool holds when full
{diff-add}+ * @low_watermark: refill when fewer than this many are left
{diff-add}+ */
 struct skb_pool {{
        struct sk_buff_head list;
        unsigned int size;
{signature}--
{cursor}2.43.0                                                                          
{status,bold} message: [1/2] [PATCH] include/linux/skb_pool.h: document struct skb_poo 32/32 

status 0' \
"$(tui_run 'open series '"$crlf"'
key t
key Enter
key G
dump attrs' --screen 30x80 | case_names)"

check_eq 'attachment: the attached patch follows the text, its diff coloured' \
'{mark,bold}[-- the attached patch --]
The driver matches on the model, the device table should do the same so
that module autoloading agrees with the driver core.

{trailer}Signed-off-by: Tomasz Nowak <tnowak@example.pl>
---
{diffstat} drivers/net/phy/demo_phy.c | 2 +-
{diffstat} 1 file changed, 1 insertion(+), 1 deletion(-)

{diff-header,bold}diff --git a/drivers/net/phy/demo_phy.c b/drivers/net/phy/demo_phy.c
{diff-header,bold}index 800dadf..dd53f46 100644
{diff-header,bold}--- a/drivers/net/phy/demo_phy.c
{diff-header,bold}+++ b/drivers/net/phy/demo_phy.c
{diff-hunk}@@ -55,7 +55,7 @@{} static struct phy_driver demo_phy_drivers[] = {{
 module_phy_driver(demo_phy_drivers);

 static struct mdio_device_id __maybe_unused demo_phy_tbl[] = {{
{diff-del}-       {{ DEMO_PHY_ID, DEMO_PHY_ID_MASK },
{diff-add}+       {{ PHY_ID_MATCH_MODEL(DEMO_PHY_ID) },
        {{ }
 };
{cursor} MODULE_DEVICE_TABLE(mdio, demo_phy_tbl);                                       
{status,bold} message: [1/2] [PATCH] net: phy: demo: use PHY_ID_MATCH_MODEL() in the d 34/34 

status 0' \
"$(tui_run 'open series '"$attachment"'
key t
key Enter
key /
type attached patch
key Enter
key G
dump attrs' --screen 24x80 | case_names)"

check_eq 'J and K walk the thread in tree order; K on the first says so; q puts the cursor on the last message shown' \
'From: Tomasz Nowak <tnowak@example.pl>
Date: Sat, 03 Feb 2024 09:12:00 +0000
Subject: Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool runs low
Message-ID: <review-discussion#2>

On Fri, Feb 02, 2024 at 01:40:00PM -0500, Morgan Hale wrote:
> What keeps the work from running after skb_pool_destroy() freed the
> skbs? I see the cancel_work_sync(), but the caller may still call
> skb_pool_get() concurrently.

Destroying a pool that is still in use is a driver bug already, the
 message: [6/11] Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the p 1/14

From: Morgan Hale <morgan@kernel.example.org>
Date: Fri, 02 Feb 2024 18:40:00 +0000
Subject: Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool runs low
Message-ID: <review-discussion#1>

On Fri, Feb 02, 2024 at 02:15:03PM +0100, Tomasz Nowak wrote:
> +             schedule_work(&pool->refill_work);

What keeps the work from running after skb_pool_destroy() freed the
skbs? I see the cancel_work_sync(), but the caller may still call
skb_pool_get() concurrently.
 message: [5/11] Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the p 1/13

From: Tomasz Nowak <tnowak@example.pl>
Date: Fri, 02 Feb 2024 13:15:00 +0000
Subject: [PATCH net-next v2 0/5] net: skb_pool: tunable refill watermark
Message-ID: <target-prefix#1>

The refill watermark of skb_pool is hard-coded to a quarter of the pool,
which is too late for drivers that burst. Make it tunable and move the
refill out of the fast path.

Changes in v2:
- move the refill to a work item instead of using GFP_ATOMIC (Morgan);
 message: [1/11] [PATCH net-next v2 0/5] net: skb_pool: tunable refill watermark               1/30

2024-02-02  Tomasz Nowak               [PATCH net-next v2 0/5] net: skb_pool: tunable refill waterma
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 1/5] net: skb_pool: name the default wa
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 2/5] net: skb_pool: add skb_pool_set_wa
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 3/5] net: skb_pool: refill from a work
2024-02-02  Morgan Hale                │ ├─>
2024-02-03  Tomasz Nowak               │ │ └─>
2024-02-03  Dmitry Volkov         R    │ └─>
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 4/5] net: skb_pool: count allocation fa
2024-02-03  Anna Schmidt          R    │ └─>
2024-02-02  Tomasz Nowak               └─>[PATCH net-next v2 5/5] net: skb_pool: drop the gfp argume
2024-02-03  Anna Schmidt          R      └─>
 thread: net: skb_pool: tunable refill watermark                                               1/11

status 0' \
"$(tui_run 'open series '"$netnext"'
key t
key j
key j
key j
key Enter
key J
key J
dump
key K
dump
key g
key K
key K
key K
key K
dump
key q
dump' --screen 13x100 | case_names)"

check_unread 'messages shown are no longer bold in the tree, so Tab skips them; at the end Tab says so' \
'{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {subject,bold}[PATCH net-next v2 0/5] net: skb_pool: tunable refill waterma
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}├─>{subject,bold}[PATCH net-next v2 1/5] net: skb_pool: name the default wa
{date}2024-02-02  {author}Tomasz Nowak          {}     {tree}├─>{subject}[PATCH net-next v2 2/5] net: skb_pool: add skb_pool_set_wa
{date}2024-02-02  {author}Tomasz Nowak          {}     {tree}├─>{subject}[PATCH net-next v2 3/5] net: skb_pool: refill from a work
{cursor}2024-02-02  Morgan Hale                │ ├─>                                                        
{date,bold}2024-02-03  {author,bold}Tomasz Nowak          {bold}     {tree,bold}│ │ └─>
{date,bold}2024-02-03  {author,bold}Dmitry Volkov         {collected,bold}R    {tree,bold}│ └─>
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}├─>{subject,bold}[PATCH net-next v2 4/5] net: skb_pool: count allocation fa
{date,bold}2024-02-03  {author,bold}Anna Schmidt          {collected,bold}R    {tree,bold}│ └─>
{date,bold}2024-02-02  {author,bold}Tomasz Nowak          {bold}     {tree,bold}└─>{subject,bold}[PATCH net-next v2 5/5] net: skb_pool: drop the gfp argume
{date,bold}2024-02-03  {author,bold}Anna Schmidt          {collected,bold}R    {tree,bold}  └─>
{status,bold} thread: net: skb_pool: tunable refill watermark                                               5/11 

2024-02-02  Tomasz Nowak               [PATCH net-next v2 0/5] net: skb_pool: tunable refill waterma
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 1/5] net: skb_pool: name the default wa
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 2/5] net: skb_pool: add skb_pool_set_wa
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 3/5] net: skb_pool: refill from a work
2024-02-02  Morgan Hale                │ ├─>
2024-02-03  Tomasz Nowak               │ │ └─>
2024-02-03  Dmitry Volkov         R    │ └─>
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 4/5] net: skb_pool: count allocation fa
2024-02-03  Anna Schmidt          R    │ └─>
2024-02-02  Tomasz Nowak               └─>[PATCH net-next v2 5/5] net: skb_pool: drop the gfp argume
2024-02-03  Anna Schmidt          R      └─>
 thread: net: skb_pool: tunable refill watermark                                               6/11

2024-02-02  Tomasz Nowak               [PATCH net-next v2 0/5] net: skb_pool: tunable refill waterma
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 1/5] net: skb_pool: name the default wa
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 2/5] net: skb_pool: add skb_pool_set_wa
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 3/5] net: skb_pool: refill from a work
2024-02-02  Morgan Hale                │ ├─>
2024-02-03  Tomasz Nowak               │ │ └─>
2024-02-03  Dmitry Volkov         R    │ └─>
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 4/5] net: skb_pool: count allocation fa
2024-02-03  Anna Schmidt          R    │ └─>
2024-02-02  Tomasz Nowak               └─>[PATCH net-next v2 5/5] net: skb_pool: drop the gfp argume
2024-02-03  Anna Schmidt          R      └─>
 thread: net: skb_pool: tunable refill watermark                                              11/11
no unread line below
status 0' \
"$(tui_run 'open series '"$netnext"'
key t
key Tab
key Tab
key Enter
key J
key J
key q
dump attrs
key g
key Tab
key Tab
dump
key G
key Tab
dump' --screen 13x100 | case_names)"

check_eq 'w cuts long lines at the edge and wraps them again' \
'From: Philippe Mathieu-Daudé <philmd@example.net>
Date: Fri, 26 Jan 2024 10:17:00 +0000
Subject: [PATCH v2] scripts/decode_lite.sh: use read -r so t
Message-ID: <encoded-name#1>

From: Philippe Mathieu-Daudé <philmd@example.net>
 message: [1/2] [PATCH v2] scripts/decode_lite.sh: use 1/33
long lines are cut at the edge
From: Philippe Mathieu-Daudé <philmd@example.net>
Date: Fri, 26 Jan 2024 10:17:00 +0000
Subject: [PATCH v2] scripts/decode_lite.sh: use read -r so
that backslashes in oops lines survive decoding
Message-ID: <encoded-name#1>

 message: [1/2] [PATCH v2] scripts/decode_lite.sh: use 1/37
long lines wrap
status 0' \
"$(tui_run 'open series '"$encoded"'
key t
key Enter
key w
dump
key w
dump' --screen 8x60 | case_names)"

check_eq 'resize to 60x15 and 250x70 in the thread and message views' \
'2024-02-02  Tomasz Nowak               [PATCH net-next v2 0/
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2
2024-02-02  Morgan Hale                │ ├─>
2024-02-03  Tomasz Nowak               │ │ └─>
2024-02-03  Dmitry Volkov         R    │ └─>
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2
2024-02-03  Anna Schmidt          R    │ └─>
2024-02-02  Tomasz Nowak               └─>[PATCH net-next v2
2024-02-03  Anna Schmidt          R      └─>
 thread: net: skb_pool: tunable refill watermark       5/11
From: Morgan Hale <morgan@kernel.example.org>
Date: Fri, 02 Feb 2024 18:40:00 +0000
Subject: Re: [PATCH net-next v2 3/5] net: skb_pool: refill
from a work item when the pool runs low
Message-ID: <review-discussion#1>
On Fri, Feb 02, 2024 at 02:15:03PM +0100, Tomasz Nowak
wrote:
> +             schedule_work(&pool->refill_work);
What keeps the work from running after skb_pool_destroy()
freed the
skbs? I see the cancel_work_sync(), but the caller may still
 message: [5/11] Re: [PATCH net-next v2 3/5] net: skb_ 1/17
From: Morgan Hale <morgan@kernel.example.org>
Date: Fri, 02 Feb 2024 18:40:00 +0000
Subject: Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool runs low
Message-ID: <review-discussion#1>
On Fri, Feb 02, 2024 at 02:15:03PM +0100, Tomasz Nowak wrote:
> +             schedule_work(&pool->refill_work);
What keeps the work from running after skb_pool_destroy() freed the
skbs? I see the cancel_work_sync(), but the caller may still call
skb_pool_get() concurrently.
Morgan
 message: [5/11] Re: [PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool runs low                                                                                                                                           1/13
2024-02-02  Tomasz Nowak               [PATCH net-next v2 0/5] net: skb_pool: tunable refill watermark
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 1/5] net: skb_pool: name the default watermark divisor
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 2/5] net: skb_pool: add skb_pool_set_watermark()
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool runs low
2024-02-02  Morgan Hale                │ ├─>
2024-02-03  Tomasz Nowak               │ │ └─>
2024-02-03  Dmitry Volkov         R    │ └─>
2024-02-02  Tomasz Nowak               ├─>[PATCH net-next v2 4/5] net: skb_pool: count allocation failures
2024-02-03  Anna Schmidt          R    │ └─>
2024-02-02  Tomasz Nowak               └─>[PATCH net-next v2 5/5] net: skb_pool: drop the gfp argument of skb_pool_get()
2024-02-03  Anna Schmidt          R      └─>
 thread: net: skb_pool: tunable refill watermark                                                                                                                                                                                                     5/11
status 0' \
"$(tui_run 'open series '"$netnext"'
key t
key j
key j
key j
key j
resize 15 60
dump
key Enter
dump
resize 70 250
dump
key q
dump' --screen 24x80 | case_names | sed "/^\$/d")"

check_eq 'TERM=vt100 LC_ALL=C: ASCII tree lines, '\''?'\'' for what ASCII lacks' \
'2024-01-26  Philippe Mathieu-Da~       [PATCH v2] scripts/decode_lite.sh: use re
2024-01-26  Carol Ng              R    `->




 thread: scripts/decode_lite.sh: use read -r so that backslashes in oops li 1/2

From: Philippe Mathieu-Daud? <philmd@example.net>
Date: Fri, 26 Jan 2024 10:17:00 +0000
Subject: [PATCH v2] scripts/decode_lite.sh: use read -r so that backslashes in
oops lines survive decoding
Message-ID: <encoded-name#1>

 message: [1/2] [PATCH v2] scripts/decode_lite.sh: use read -r so that bac 1/34

status 0' \
"$(TERM=vt100 LC_ALL=C tui_run 'open series '"$encoded"'
key t
dump
key Enter
dump' --screen 8x80 | case_names)"

# long-thread: 30 replies to one patch, nested five deep (skipped on a
# demo list made before the case existed).
if [ -n "$long" ]; then
	check_eq 'long-thread: 33 rows, replies five deep; R from Anna, Juergen (encoded name) and Yuki (a CRLF mail), A from Morgan (four deep) and Sam; Carol quoting Anna'\''s tag gives none' \
'2023-12-27  Priya Raman                [PATCH 0/2] mm/vmstat_lite: two small fixes
2023-12-27  Priya Raman                ├─>[PATCH 1/2] mm/vmstat_lite: fix a typo in a comment
2023-12-27  Priya Raman                └─>[PATCH 2/2] mm/vmstat_lite: print the counters as unsigned
2023-12-27  Anna Schmidt          R      ├─>
2023-12-27  Priya Raman                  │ ├─>
2023-12-27  Anna Schmidt                 │ │ └─>
2023-12-27  Priya Raman                  │ │   └─>
2023-12-27  Morgan Hale                  │ │     └─>
2023-12-28  Carol Ng                     │ └─>
2023-12-28  Anna Schmidt                 │   └─>
2023-12-28  Carol Ng                     │     └─>
2023-12-28  Yuki Tanaka           R      │       └─>
2023-12-27  Ravi Kumar                   ├─>
2023-12-27  Priya Raman                  │ ├─>
2023-12-28  Ravi Kumar                   │ │ └─>
2023-12-28  Morgan Hale           A      │ │   └─>
2023-12-29  Sam Okafor                   │ └─>
2023-12-29  Ravi Kumar                   │   └─>
2023-12-29  Sam Okafor            A      │     └─>
2023-12-28  Jürgen Weiß           R      ├─>
2023-12-28  Priya Raman                  │ └─>
2023-12-28  Jürgen Weiß                  │   └─>
2023-12-28  Tomasz Nowak                 ├─>
2023-12-28  Priya Raman                  │ └─>
2023-12-28  Tomasz Nowak                 │   └─>
2023-12-28  Sam Okafor                   │     └─>
2023-12-28  Priya Raman                  │       └─>
2023-12-29  Li Wei                       ├─>
2023-12-29  Priya Raman                  │ └─>
2023-12-29  Dmitry Volkov                ├─>
2023-12-29  Priya Raman                  │ └─>
2023-12-29  Dmitry Volkov                │   └─>
2023-12-29  Morgan Hale                  └─>





 thread: mm/vmstat_lite: two small fixes                                                       1/33

status 0' \
	"$(tui_run 'open series '"$long"'
key t
dump' --screen 40x100 | case_names)"

	check_eq 'long-thread: Carol'\''s quoted Reviewed-by is quote1, not marked' \
'{cursor}From: Carol Ng <carol@example.com>                                                        
{header}Date:{date} Thu, 28 Dec 2023 08:45:00 +0000
{header}Subject:{title,bold} Re: [PATCH 2/2] mm/vmstat_lite: print the counters as unsigned
{header}Message-ID:{} <long-thread#16>

Anna Schmidt wrote:
{quote1}> Reading the counters with %lu hides a negative value, which would
{quote1}> be a bug worth seeing. Still, they only ever go up, so:
{quote1}>
{quote1}> Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
{quote1}>
{quote1}> Anna
{quote1}>

Anna, did you mean to give the tag for both patches or just this
one?
{status,bold} message: [9/33] Re: [PATCH 2/2] mm/vmstat_lite: print the counters as unsigned      1/18 

status 0' \
	"$(tui_run 'open series '"$long"'
key t
key /
type Carol
key Enter
key Enter
dump attrs' --screen 18x90 | case_names)"

	check_eq 'long-thread: Yuki'\''s CRLF reply reads like the others, its Reviewed-by marked' \
'{cursor}From: Yuki Tanaka <yuki@example.jp>                                                       
{header}Date:{date} Thu, 28 Dec 2023 14:00:00 +0000
{header}Subject:{title,bold} Re: [PATCH 2/2] mm/vmstat_lite: print the counters as unsigned
{header}Message-ID:{} <long-thread#19>

On Thu, Dec 28, 2023 at 04:15:00AM -0800, Carol Ng wrote:
{quote1}> Understood, I'\''ll leave the first one alone then.

Late to this, but I read it too and it looks right.

{collected,bold}Reviewed-by: Yuki Tanaka <yuki@example.jp>

Yuki
{status,bold} message: [12/33] Re: [PATCH 2/2] mm/vmstat_lite: print the counters as unsigned     1/13 

status 0' \
	"$(tui_run 'open series '"$long"'
key t
key /
type Yuki
key Enter
key Enter
dump attrs' --screen 15x90 | case_names)"

	check_eq 'long-thread: J and K across the 30 replies in tree order' \
'From: Li Wei <liwei@example.cn>
Date: Fri, 29 Dec 2023 00:30:00 +0000
Subject: Re: [PATCH 2/2] mm/vmstat_lite: print the counters as unsigned
Message-ID: <long-thread#25>

On Wed, Dec 27, 2023 at 02:30:02PM +0530, Priya Raman wrote:
 message: [28/33] Re: [PATCH 2/2] mm/vmstat_lite: print the counters as unsigned               1/13

2023-12-29  Li Wei                       ├─>
2023-12-29  Priya Raman                  │ └─>
2023-12-29  Dmitry Volkov                ├─>
2023-12-29  Priya Raman                  │ └─>
2023-12-29  Dmitry Volkov                │   └─>
2023-12-29  Morgan Hale                  └─>
 thread: mm/vmstat_lite: two small fixes                                                      30/33

status 0' \
	"$(tui_run 'open series '"$long"'
key t
key G
key Enter
key K
key K
key K
key K
key K
dump
key J
key J
key q
dump' --screen 8x100 | case_names)"

else
	for what in "the tree" "a quoted tag" "a CRLF reply" "J and K"; do
		tap_skip "long-thread: $what" "the demo list has no long-thread case"
	done
fi

# The real archive: a 160-message series whose first patch has replies nested
# twelve deep, three quote levels, and a reply that pastes a commit message
# (its trailers name other people: lower-case marks, nothing marked in the
# text because they are indented).
if [ -n "$PD_CORPUS" ]; then
	pd_use_real_corpus
	check_eq 'real archive: a long discussion as a tree, deep nesting, lower-case marks for trailers naming others' \
'2023-05-01  Suren Baghdasaryan         [PATCH 00/40] Memory allocation profiling
2023-05-01  Kent Overstreet            ├─>[PATCH 01/40] lib/string_helpers: Drop space in string_get
2023-05-01  Davidlohr Bueso            │ ├─>
2023-05-01  Kent Overstreet            │ │ └─>
2023-05-01  Andy Shevchenko            │ │   ├─>
2023-05-01  Kent Overstreet            │ │   │ ├─>
2023-05-01  Liam R. Howlett            │ │   │ ├─>
2023-05-02  Kent Overstreet            │ │   │ │ └─>
2023-05-02  Kent Overstreet            │ │   │ └─>
2023-05-02  James Bottomley            │ │   └─>
2023-05-02  Kent Overstreet            │ │     └─>
2023-05-02  Andy Shevchenko            │ │       ├─>
2023-05-02  Kent Overstreet            │ │       │ └─>
2023-05-02  Andy Shevchenko            │ │       │   └─>
2023-05-03  Kent Overstreet            │ │       │     └─>
2023-05-03  Andy Shevchenko            │ │       │       └─>
2023-05-03  Kent Overstreet            │ │       │         └─>
2023-05-03  Andy Shevchenko            │ │       │           └─>
2023-05-03  Kent Overstreet            │ │       │             └─>
2023-05-02  James Bottomley            │ │       └─>
2023-05-02  Dave Chinner          art  │ │         └─>
2023-05-03  Vlastimil Babka            │ │           ├─>
2023-05-03  Andy Shevchenko            │ │           │ └─>
2023-05-03  James Bottomley            │ │           └─>
2023-05-02  Jani Nikula                │ └─>
2023-05-01  Kent Overstreet            ├─>[PATCH 02/40] scripts/kallysms: Always include __start and
2023-05-01  Kent Overstreet            ├─>[PATCH 03/40] fs: Convert alloc_inode_sb() to a macro
2023-05-02  Petr Tesařík               │ └─>
 thread: Memory allocation profiling                                                          1/160

status 0' \
	"$(NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config tui_run 'open series 20230501165450.15352-1-surenb@google.com
key t
dump' --screen 30x100 'id:20230501165450.15352-1-surenb@google.com')"

	check_eq 'real archive: the last reply, three quote levels' \
'{cursor}From: Kent Overstreet <kent.overstreet@linux.dev>                                                   
{header}Date:{date} Mon, 08 May 2023 20:48:27 +0000
{header}Subject:{title,bold} Re: [PATCH 00/40] Memory allocation profiling
{header}Message-ID:{} <ZFlgG02A87qPNIn1@moria.home.lan>

On Mon, May 08, 2023 at 08:59:39PM +0200, Petr Tesařík wrote:
{quote1}> On Mon, 8 May 2023 12:28:52 -0400
{quote1}> Kent Overstreet <kent.overstreet@linux.dev> wrote:
{quote1}>
{quote2}> > On Mon, May 08, 2023 at 06:09:13PM +0200, Petr Tesařík wrote:
{quote3}> > > Sure, although AFAIK the index does not cover all possible config
{quote3}> > > options (so non-x86 arch code is often forgotten). However, that'\''s the
{quote3}> > > less important part.
{quote3}> > >
{quote3}> > > What do you do if you need to hook something that does conflict with an
{quote3}> > > existing identifier?
{quote2}> >
{quote2}> > As already happens in this patchset, rename the other identifier.
{quote2}> >
{quote2}> > But this is C, we avoid these kinds of conflicts already because the
{quote2}> > language has no namespacing
{quote1}>
{status,bold} message: [160/160] Re: [PATCH 00/40] Memory allocation profiling                              1/70 

status 0' \
	"$(NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config tui_run 'open series 20230501165450.15352-1-surenb@google.com
key t
key G
key Enter
dump attrs' --screen 24x100 'id:20230501165450.15352-1-surenb@google.com')"

	check_eq 'real archive: the pasted commit message'\''s trailers are indented, so not marked' \
'    Cc: Johannes Weiner <hannes@cmpxchg.org>
    Cc: Kees Cook <keescook@chromium.org>
    Reviewed-by: Petr Mladek <pmladek@suse.com>
{cursor}    Tested-by: Petr Mladek <pmladek@suse.com>                                                       
    Reported-by: kernel test robot <lkp@intel.com>
    Acked-by: Andy Shevchenko <andy.shevchenko@gmail.com>
{status,bold} message: [21/160] Re: [PATCH 01/40] lib/string_helpers: Drop space in string_get_size'\''s ou 158/169 

status 0' \
	"$(NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config tui_run 'open series 20230501165450.15352-1-surenb@google.com
key t
key /
type Dave Chinner
key Enter
key Enter
key /
type ^    Acked-by:
key Enter
key k
key k
dump attrs' --screen 8x100 'id:20230501165450.15352-1-surenb@google.com')"

else
	for what in "a long discussion as a tree" "the last reply, three quote levels" "a pasted commit message"; do
		tap_skip "real archive: $what" "no real corpus beside the checkout"
	done
fi
# Broken threading, in a store of its own: D answers a mail that never
# arrived but names the patch in References, so it hangs below the patch;
# A and B answer each other and C answers itself: the model places none of
# them below the patch, so the view must not invent a place for them.
hostile_msg() { # FILE FROM DATE MSGID IN-REPLY-TO REFERENCES BODY
	{
		printf 'From: %s\nTo: list@example.org\nDate: %s\nMessage-ID: <%s>\n' "$2" "$3" "$4"
		printf 'Subject: %s\n' "$([ "$4" = p@x ] && echo '[PATCH] one' || echo 'Re: [PATCH] one')"
		[ -n "$5" ] && printf 'In-Reply-To: <%s>\nReferences: %s\n' "$5" "$6"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n%s\n' "$7"
	} > "$PD_TMP/hostile/cur/$1:2,S"
}
mkdir -p "$PD_TMP/hostile/cur" "$PD_TMP/hostile/new" "$PD_TMP/hostile/tmp"
printf '[database]\npath=%s\n[new]\ntags=\nignore=\n[maildir]\nsynchronize_flags=false\n' \
	"$PD_TMP/hostile" > "$PD_TMP/hostile-config"
hostile_msg p 'Ada <ada@example.org>' 'Mon, 01 Jan 2024 10:00:00 +0000' p@x '' '' \
	"$(printf 'Body.\n---\n a | 1 +\n\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -0,0 +1 @@\n+x')"
hostile_msg a 'Bob <bob@example.org>' 'Mon, 01 Jan 2024 11:00:00 +0000' a@x b@x '<p@x> <b@x>' 'A answers B.'
hostile_msg b 'Cy <cy@example.org>' 'Mon, 01 Jan 2024 12:00:00 +0000' b@x a@x '<p@x> <a@x>' 'B answers A.'
hostile_msg c 'Di <di@example.org>' 'Mon, 01 Jan 2024 13:00:00 +0000' c@x c@x '<c@x>' 'C answers itself.'
hostile_msg d 'Ed <ed@example.org>' 'Mon, 01 Jan 2024 14:00:00 +0000' d@x gone@x '<p@x> <gone@x>' 'D answers a lost mail.'
if NOTMUCH_CONFIG="$PD_TMP/hostile-config" notmuch new --quiet; then
	check_eq 'broken threading: a reply to a lost mail hangs below the nearest ancestor it names; answers to each other are not invented a place' \
'2024-01-01  Ada                        [PATCH] one
2024-01-01  Ed                         └─>




 thread: one                                                                1/2

status 0' \
	"$(NOTMUCH_CONFIG="$PD_TMP/hostile-config" tui_run 'open series p@x
key t
dump' --screen 8x80 id:p@x)"
else
	tap_not_ok 'broken threading: a reply to a lost mail hangs below the nearest ancestor it names; answers to each other are not invented a place' "notmuch new failed"
fi


tap_done
