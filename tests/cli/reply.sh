#!/bin/bash
# patchdeck reply: the draft the reader's r, R and T keys open, on the demo
# list, compared whole: threading headers, Re: subject, To the sender (the
# author a DMARC-rewriting list names), Cc everyone else once and never
# you, the attribution line and quoting, the quick trailers, identity from
# the config else git.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
export NOTMUCH_CONFIG="$PD_DEMO/notmuch-config"
rc="$XDG_CONFIG_HOME/patchdeck/config"
p1=20240304100000.41388-2-sam@example.org

check_run 'no identity anywhere: one line saying how to set it' 1 "" \
"patchdeck: no identity for the reply: put 'set from \"Name <you@example.org>\"' in the config, or set git's user.name and user.email" -- \
	"$PATCHDECK" reply "$p1"

git config --global user.name "Morgan Hale"
git config --global user.email morgan@kernel.example.org
check_eq 'a patch: To the sender, Cc the list, threaded under the cover, quoted whole but the signature' \
'From: Morgan Hale <morgan@kernel.example.org>
To: Sam Okafor <sam@example.org>
Cc: linux-demo@lists.example.org
Subject: Re: [PATCH 1/2] kernel/watchdog_lite: turn the threshold into a variable
In-Reply-To: <20240304100000.41388-2-sam@example.org>
References: <20240304100000.41388-1-sam@example.org>
    <20240304100000.41388-2-sam@example.org>

On Mon, 4 Mar 2024 10:00:01 +0000, Sam Okafor wrote:
> No functional change; prepares for making it configurable.
>
> Signed-off-by: Sam Okafor <sam@example.org>
> ---
>  kernel/watchdog_lite.c | 4 ++--
>  1 file changed, 2 insertions(+), 2 deletions(-)
>
> diff --git a/kernel/watchdog_lite.c b/kernel/watchdog_lite.c
> index 57ea669..0296f6f 100644
> --- a/kernel/watchdog_lite.c
> +++ b/kernel/watchdog_lite.c
> @@ -6,7 +6,7 @@
>  #include <linux/kernel.h>
>  #include <linux/sched/clock.h>
>  
> -#define WATCHDOG_THRESH_SEC	10
> +static unsigned int watchdog_thresh = 10;
>  
>  static DEFINE_PER_CPU(unsigned long, watchdog_touch_ts);
>  static DEFINE_PER_CPU(struct hrtimer, watchdog_hrtimer);
> @@ -26,7 +26,7 @@ static enum hrtimer_restart watchdog_timer_fn(struct hrtimer *timer)
>  	unsigned long touch_ts = __this_cpu_read(watchdog_touch_ts);
>  	unsigned long now = get_timestamp();
>  
> -	if (time_after(now, touch_ts + WATCHDOG_THRESH_SEC))
> +	if (time_after(now, touch_ts + watchdog_thresh))
>  		pr_emerg("BUG: soft lockup - CPU#%d stuck for %lus!\n",
>  			 smp_processor_id(), now - touch_ts);
>  ' "$("$PATCHDECK" reply "id:<$p1>")"

echo 'set from "Morgan Hale (maintainer) <mhale@kernel.example.org>"' >"$rc"
check_eq '--series --trailer reviewed: the cover quoted without a diff, the trailer last; from the config, quoted' \
'From: "Morgan Hale (maintainer)" <mhale@kernel.example.org>
To: Sam Okafor <sam@example.org>
Cc: linux-demo@lists.example.org
Subject: Re: [PATCH 0/2] kernel/watchdog_lite: configurable threshold
In-Reply-To: <20240304100000.41388-1-sam@example.org>
References: <20240304100000.41388-1-sam@example.org>

On Mon, 4 Mar 2024 10:00:00 +0000, Sam Okafor wrote:
> The ten second threshold is too short for some slow emulated machines
> and too long for others. Make it a boot parameter.
>
> Sam Okafor (2):
>   kernel/watchdog_lite: turn the threshold into a variable
>   kernel/watchdog_lite: add the watchdog_thresh= boot parameter
>
>  kernel/watchdog_lite.c | 10 ++++++++--
>  1 file changed, 8 insertions(+), 2 deletions(-)

Reviewed-by: "Morgan Hale (maintainer)" <mhale@kernel.example.org>' \
	"$("$PATCHDECK" reply --series --trailer reviewed "$p1")"

echo 'set from "Sam Okafor <SAM@example.org>"' >"$rc"
check_eq 'a reply with Cc: the sender To, the rest Cc once, you (any case) left out; --trailer acked' \
'From: Sam Okafor <SAM@example.org>
To: Dmitry Volkov <dvolkov@example.ru>
Cc: linux-demo@lists.example.org
Subject: Re: [PATCH 1/2] kernel/watchdog_lite: turn the threshold into a variable
In-Reply-To: <93AD810C3xF96C21@example.ru>
References: <20240304100000.41388-1-sam@example.org>
    <20240304100000.41388-2-sam@example.org>
    <93AD810C3xF96C21@example.ru>

On Tue, 5 Mar 2024 07:45:00 +0000, Dmitry Volkov wrote:
> On Mon, Mar 04, 2024 at 10:00:01AM +0000, Sam Okafor wrote:
> > No functional change; prepares for making it configurable.
>
> Booted with the series on qemu-system-riscv64, no false positives any
> more.

Acked-by: Sam Okafor <SAM@example.org>' "$("$PATCHDECK" reply --trailer acked 93AD810C3xF96C21@example.ru)"
rm "$rc"

check_eq 'DMARC: From: "X via List" rewritten; the reply goes to the author, the list in Cc' \
'To: Oliver Grant <oliver@strictmail.example>
Cc: linux-demo@lists.example.org
Subject: Re: [PATCH] net: skb_pool: read the queue length locklessly
On Thu, 25 Jan 2024 08:45:00 +0000, Oliver Grant wrote:' \
	"$("$PATCHDECK" reply 20240125084500.23565-1-oliver@strictmail.example | grep -E '^(To|Cc|Subject|On):? ')"

check_run 'a bad --trailer' 2 "" \
	"patchdeck reply: --trailer takes reviewed, acked or tested, not 'signed'" -- \
	"$PATCHDECK" reply --trailer signed "$p1"
check_run 'an unknown message' 1 "" \
	"patchdeck: no message <nope@example.org> in the notmuch database; 'patchdeck list' shows the series and their ids" -- \
	"$PATCHDECK" reply nope@example.org
# The quote leaves out the signature and a list's footer, as mail clients
# do: from the last "-- " line outside a diff hunk (a removed "- " line
# reads "-- "; this patch has no signature, only the footer), and a
# mailman footer; the blank lines before them too.
mail="$PD_TMP/sig/cur"
mkdir -p "$mail" "$PD_TMP/sig/new" "$PD_TMP/sig/tmp"
printf '[database]\npath=%s\n[new]\ntags=\n' "$PD_TMP/sig" >"$PD_TMP/sig-config"
{
	printf 'From: Ana Lima <ana@example.org>\nTo: list@example.org\n'
	printf 'Date: Mon, 04 Mar 2024 10:00:00 +0000\nMessage-ID: <sig1@example.org>\n'
	printf 'Subject: [PATCH] doc: drop the dash list\n\nThe dashes go.\n\n'
	printf 'Signed-off-by: Ana Lima <ana@example.org>\n---\n doc/x.txt | 1 -\n'
	printf ' 1 file changed, 1 deletion(-)\n\n'
	printf 'diff --git a/doc/x.txt b/doc/x.txt\nindex 1111111..2222222 100644\n'
	printf -- '--- a/doc/x.txt\n+++ b/doc/x.txt\n@@ -1,2 +1 @@\n-- \n keep\n'
	printf '_______________________________________________\n'
	printf 'linux-demo mailing list\nlinux-demo@lists.example.org\n'
	printf 'https://lists.example.org/mailman/listinfo/linux-demo\n'
} >"$mail/sig1:2,S"
{
	printf 'From: Bo Chen <bo@example.org>\nTo: list@example.org\n'
	printf 'Date: Mon, 04 Mar 2024 12:00:00 +0000\nMessage-ID: <sig2@example.org>\n'
	printf 'In-Reply-To: <sig1@example.org>\nReferences: <sig1@example.org>\n'
	printf 'Subject: Re: [PATCH] doc: drop the dash list\n\nFine by me.\n\n\n'
	printf -- '-- \nBo Chen\nExample Systems\n'
	printf '_______________________________________________\n'
	printf 'linux-demo mailing list\nhttps://lists.example.org/mailman/listinfo/linux-demo\n'
} >"$mail/sig2:2,S"
NOTMUCH_CONFIG="$PD_TMP/sig-config" notmuch new --quiet
echo 'set from "Morgan Hale <morgan@kernel.example.org>"' >"$rc"
check_eq 'a patch: the diff'\''s own "-- " line kept (no signature); the mailman footer left out' \
'On Mon, 4 Mar 2024 10:00:00 +0000, Ana Lima wrote:
> The dashes go.
>
> Signed-off-by: Ana Lima <ana@example.org>
> ---
>  doc/x.txt | 1 -
>  1 file changed, 1 deletion(-)
>
> diff --git a/doc/x.txt b/doc/x.txt
> index 1111111..2222222 100644
> --- a/doc/x.txt
> +++ b/doc/x.txt
> @@ -1,2 +1 @@
> -- 
>  keep' "$(NOTMUCH_CONFIG="$PD_TMP/sig-config" "$PATCHDECK" reply sig1@example.org | sed -n '/^On /,$p')"
check_eq 'a reply: the signature and the footer after it left out, and the blank lines before' \
'On Mon, 4 Mar 2024 12:00:00 +0000, Bo Chen wrote:
> Fine by me.' "$(NOTMUCH_CONFIG="$PD_TMP/sig-config" "$PATCHDECK" reply sig2@example.org | sed -n '/^On /,$p')"
rm "$rc"
tap_done
