#!/bin/bash
# The demo list made by tests/corpus/gen-list holds every case it promises,
# checked with the notmuch CLI and git alone (no patchdeck code involved).
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || {
	echo "Bail out! no demo list at $PD_DEMO: run 'make check' (its check_DATA rule builds it)"
	exit 1
}

nm() { notmuch --config="$PD_DEMO/notmuch-config" "$@"; }
# The Message-IDs that CASES lists for case $1, one per line.
ids() {
	awk -v c="$1:" '$1 == c { on = 1; next }
		on && /^  </ { gsub(/[<>]/, "", $1); print $1; next }
		on { exit }' "$PD_DEMO/CASES"
}
id_of() { ids "$1" | sed -n "${2}p"; }  # CASE N: the Nth id of a case
raw() { nm show --format=raw "id:$1" | tr -d '\r'; }
# Header $2 of message $1 as sent (undecoded), folded lines joined by one space.
hdr() {
	raw "$1" | awk -v want="$2" '
		/^$/ { exit }
		/^[ \t]/ { if (on) { sub(/^[ \t]+/, ""); val = val " " $0 }; next }
		{ if (on) print val; on = 0 }
		tolower(substr($0, 1, length(want) + 1)) == tolower(want) ":" {
			on = 1; val = substr($0, length(want) + 3) }
		END { if (on) print val }'
}
# Decoded header $2 as notmuch shows it.
shown() { nm show --format=text "id:$1" | tr -d '\f' | sed -n "s/^$2: //p" | head -n 1; }
body() { nm show --format=raw --part=1 "id:$1" | tr -d '\r'; }
# The trailer-like lines of a body: own, quoted, or anywhere.
trailers() { grep -E '^(> ?)*[A-Z][a-z]+(-[a-z]+)*-by: ' || true; }
count_files() { nm count --output=files "id:$1"; }
subjects_of() { for i in $(ids "$1"); do shown "$i" Subject; done; }

TREE="$PD_DEMO/tree"

# ------------------------------------------------------------ the store
n_files=$(find "$PD_DEMO/mail/cur" "$PD_DEMO/mail/new" -type f | wc -l)
check_eq "notmuch indexed every file (one duplicate delivery)" \
	"$n_files files, $((n_files - 1)) messages" \
	"$(nm count --output=files '*') files, $(nm count '*') messages"
check_eq "every delivered file carries the list headers" "" \
	"$(grep -L -e '^List-Id: <linux-demo.lists.example.org>' "$PD_DEMO"/mail/cur/* | head -n 3)"
check_eq "maildir has cur/ new/ tmp/" "cur new tmp" "$(cd "$PD_DEMO/mail" && echo */ | tr -d /)"
check_eq "notmuch config: demo user and maildir settings" \
	"Morgan Hale morgan@kernel.example.org unread;inbox; false" \
	"$(nm config get user.name) $(nm config get user.primary_email) $(nm config get new.tags | tr '\n' ';') $(nm config get maildir.synchronize_flags)"
f=$(nm search --output=files id:"$(id_of single 1)")
check_eq "file mtime is the Date header" \
	"$(date -d "$(hdr "$(id_of single 1)" Date)" +%s)" "$(stat -c %Y "$f")"
check_eq "Received from the list server, Delivered-To, Return-Path" \
	"morgan@kernel.example.org|yes|<linux-demo+bounces-" \
	"$(hdr "$(id_of single 1)" Delivered-To)|$(hdr "$(id_of single 1)" Received | grep -q 'by lists.example.org' && echo yes)|$(hdr "$(id_of single 1)" Return-Path | cut -c1-20)"

# ------------------------------------------------------------ the tree
check_eq "tree: branch master, clean work tree" "master|" \
	"$(git -C "$TREE" symbolic-ref --short HEAD)|$(git -C "$TREE" status --porcelain)"
check_eq "tree: MAINTAINERS uses M: R: L: S: F: X: T:" "F: L: M: R: S: T: X:" \
	"$(grep -oE '^[A-Z]:' "$TREE/MAINTAINERS" | sort -u | tr '\n' ' ' | sed 's/ $//')"
check_eq "tree: a section with a glob and an exclusion" \
	"F:	drivers/net/phy/demo_*.c|X:	mm/slab_debug.c" \
	"$(grep -x 'F:.drivers/net/phy/demo_\*\.c' "$TREE/MAINTAINERS")|$(grep -x 'X:.mm/slab_debug.c' "$TREE/MAINTAINERS")"
check_eq "tree: fixed author identity and date of the first commit" \
	"Morgan Hale <morgan@kernel.example.org> 2023-10-02T10:00:00-05:00" \
	"$(git -C "$TREE" log --reverse --format='%an <%ae> %aI' | head -n 1)"

# ------------------------------------------------------------ revisions
v1=$(id_of revisions-v1 1) v2=$(id_of revisions-v2 1) v3=$(id_of revisions-v3 1)
check_eq "v1/v2/v3 cover subjects" \
	"[PATCH 0/3] demo_eth: configurable ring sizes
[PATCH v2 0/3] demo_eth: configurable ring sizes
[PATCH v3 0/3] demo_eth: configurable ring sizes" \
	"$(shown "$v1" Subject; shown "$v2" Subject; shown "$v3" Subject)"
check_eq "v2 cover was sent --in-reply-to the v1 cover" "<$v1>|<$v1>" \
	"$(hdr "$v2" In-Reply-To)|$(hdr "$v2" References)"
check_eq "v2 patches reply to the v2 cover" "<$v2>|<$v1> <$v2>" \
	"$(hdr "$(id_of revisions-v2 3)" In-Reply-To)|$(hdr "$(id_of revisions-v2 3)" References)"
check_eq "v1 and v2 share a thread, v3 starts its own" "same different" \
	"$([ "$(nm search --output=threads id:"$v1")" = "$(nm search --output=threads id:"$v2")" ] && echo same) $([ "$(nm search --output=threads id:"$v1")" != "$(nm search --output=threads id:"$v3")" ] && echo different)"
check_eq "v2 and v3 covers carry a changelog" "Changes in v2:|Changes in v3:
Changes in v2:" \
	"$(body "$v2" | grep '^Changes in v')|$(body "$v3" | grep '^Changes in v')"
base=$(body "$v3" | sed -n 's/^base-commit: //p')
check_eq "v3 base-commit is a commit of the tree (Linux 6.8-rc1)" "Linux 6.8-rc1" \
	"$(git -C "$TREE" log -1 --format=%s "$base" 2>&1)"
check_eq "v3 cover has a change-id line" "change-id: 20240108-demo-ring-sizes-5c1f2a9e0b7d" \
	"$(body "$v3" | grep '^change-id:')"
check_eq "v3 retitled patch 2" "[PATCH v3 2/3] demo_eth: support changing ring sizes with ethtool" \
	"$(shown "$(id_of revisions-v3 3)" Subject)"
# git send-email's <UTC stamp>.<pid>-<counter>-<sender>, the stem shared
stems() { sed -E 's/^([0-9]{14}\.[0-9]+)-([0-9]+)-(.*)$/\1 \3|\2/' | sort -u; }
check_eq "send-email Message-IDs share a stem per series" \
	"1 2 3 4|20240122090000 jane@example.org" \
	"$(ids revisions-v3 | stems | cut -d'|' -f2 | paste -sd' ')|$(ids revisions-v3 | stems | cut -d'|' -f1 | sed 's/\.[0-9]* / /' | sort -u)"
check_eq "Date headers a second apart within a series" \
	"Mon, 22 Jan 2024 10:00:00 +0100|Mon, 22 Jan 2024 10:00:03 +0100" \
	"$(hdr "$v3" Date)|$(hdr "$(id_of revisions-v3 4)" Date)"
check_eq "format-patch diffstat in the v3 cover" \
	" 4 files changed, 44 insertions(+), 2 deletions(-)" "$(body "$v3" | grep 'files changed')"

# ------------------------------------------------------------ threading shapes
nc1=$(id_of no-cover 1)
check_eq "no cover: 1/3 is the root, 2/3 and 3/3 reply to it" "|<$nc1>|<$nc1>" \
	"$(hdr "$nc1" In-Reply-To)|$(hdr "$(id_of no-cover 2)" In-Reply-To)|$(hdr "$(id_of no-cover 3)" In-Reply-To)"
deep_ok=yes
prev=""
for i in $(ids deep-thread | head -n 5); do
	[ "$(hdr "$i" In-Reply-To)" = "${prev:+<$prev>}" ] || deep_ok="no: $i replies to '$(hdr "$i" In-Reply-To)'"
	prev=$i
done
check_eq "deep threading: each patch replies to the previous one" yes "$deep_ok"
check_eq "deep threading: References of 4/4 list the whole chain" \
	"$(ids deep-thread | head -n 4 | sed 's/.*/<&>/' | tr '\n' ' ' | sed 's/ $//')" \
	"$(hdr "$(id_of deep-thread 5)" References)"
un_hdrs=""
for i in $(ids unthreaded); do un_hdrs="$un_hdrs[$(hdr "$i" In-Reply-To)$(hdr "$i" References)]"; done
check_eq "unthreaded: no In-Reply-To or References at all" "[][][]" "$un_hdrs"
check_eq "unthreaded: one sender, one stem, three threads" \
	"Carol Ng <carol@example.com>|1|1 2 3|3" \
	"$(for i in $(ids unthreaded); do shown "$i" From; done | sort -u)|$(ids unthreaded | stems | cut -d'|' -f1 | sort -u | wc -l)|$(ids unthreaded | stems | cut -d'|' -f2 | paste -sd' ')|$(nm count --output=threads "$(ids unthreaded | sed 's/^/id:/' | paste -sd' ' | sed 's/ / or /g')")"

# ------------------------------------------------------------ kinds of mail
check_eq "single patch subject" "[PATCH] demo_eth: Kconfig: depend on HAS_DMA" \
	"$(shown "$(id_of single 1)" Subject)"
check_eq "RFC series" "[RFC PATCH 0/2] mm/vmstat_lite: per-node event counters
[RFC PATCH 1/2] mm/vmstat_lite: keep the event counters per node
[RFC PATCH 2/2] mm/vmstat_lite: sum the nodes when showing the counters" \
	"$(subjects_of rfc | head -n 3)"
check_eq "RESEND: same title, not threaded to the original" \
	"[PATCH] Documentation: mm: page_pool_lite: document the node argument|[PATCH RESEND] Documentation: mm: page_pool_lite: document the node argument|" \
	"$(shown "$(id_of resend 1)" Subject)|$(shown "$(id_of resend 3)" Subject)|$(hdr "$(id_of resend 3)" In-Reply-To)"
check_eq "RESEND: the very same patch" "$(body "$(id_of resend 1)" | git patch-id --stable | cut -d' ' -f1)" \
	"$(body "$(id_of resend 3)" | git patch-id --stable | cut -d' ' -f1)"
pull=$(id_of pull-request 1)
check_eq "GIT PULL: request-pull text, no patch" \
	"[GIT PULL] demo_eth fixes for 6.8-rc5|The following changes since commit|are available in the Git repository at:|      demo_eth: wrap the tx head at the ring size| 1 file changed, 2 insertions(+), 1 deletion(-)|0" \
	"$(shown "$pull" Subject)|$(body "$pull" | grep -o '^The following changes since commit')|$(body "$pull" | grep '^are available')|$(body "$pull" | grep '^      demo_eth: wrap')|$(body "$pull" | grep 'file changed')|$(body "$pull" | grep -c '^diff --git')"
upto=$(body "$pull" | sed -n 's/^for you to fetch changes up to \([0-9a-f]*\):$/\1/p')
check_eq "GIT PULL: the pulled commit was merged into master" "merged" \
	"$(git -C "$TREE" merge-base --is-ancestor "$upto" master 2>&1 && echo merged)"
check_eq "missing patch: 3/5 never arrived" \
	"[PATCH 0/5] lib/crc_lite: small cleanups
[PATCH 1/5] lib/crc_lite: include linux/bitops.h
[PATCH 2/5] lib/crc_lite: use unsigned int for the CRC-16 bit counter
[PATCH 4/5] lib/crc_lite: add kernel-doc for crc16_lite()
[PATCH 5/5] lib/crc_lite: add kernel-doc for crc32_lite()" \
	"$(nm search --output=messages --sort=oldest-first 'from:carol@example.com and subject:crc_lite and not subject:Re' |
		while read -r i; do shown "${i#id:}" Subject; done)"
check_eq "missing patch: its Message-ID is nowhere" "0" "$(nm count id:"$(id_of missing-patch-id 1)")"
dup=$(id_of duplicate 1)
check_eq "duplicate: one Message-ID, two files" "2" "$(count_files "$dup")"
dup_rcv=$(nm search --output=files id:"$dup" | while read -r f; do sed -n '/^Received:/{n;p;q}' "$f"; done | sort -u | wc -l)
check_eq "duplicate: the two copies have different Received headers" "2" "$dup_rcv"

# ------------------------------------------------------------ encodings
att=$(id_of attachment 1)
check_eq "attachment: multipart/mixed with a text/x-patch part" \
	"part{ ID: 1, Content-type: multipart/mixed
part{ ID: 2, Content-type: text/plain
attachment{ ID: 3, Filename: 0001-net-phy-demo-use-PHY_ID_MATCH_MODEL-in-the-device-ta.patch, Content-type: text/x-patch" \
	"$(nm show --format=text id:"$att" | tr -d '\f' | grep -E '^(part|attachment)\{')"
check_eq "attachment: the attached patch applies to the tree" "ok" \
	"$(nm show --format=raw --part=3 id:"$att" | git -C "$TREE" apply --check 2>&1 && echo ok)"
qp=$(id_of quoted-printable 1)
check_eq "quoted-printable: header and encoded body" "quoted-printable|Reported-by: J=C3=BCrgen Wei=C3=9F <juergen@example.de>" \
	"$(hdr "$qp" Content-Transfer-Encoding)|$(raw "$qp" | grep '^Reported-by')"
check_eq "quoted-printable: decodes to a patch that applies to the tip" \
	"Reported-by: Jürgen Weiß <juergen@example.de>|ok" \
	"$(body "$qp" | grep '^Reported-by')|$(body "$qp" | git -C "$TREE" apply --check 2>&1 && echo ok)"
b64=$(id_of base64 1)
check_eq "base64: header, encoded body, decodes to a patch that applies" "base64|0|ok" \
	"$(hdr "$b64" Content-Transfer-Encoding)|$(raw "$b64" | grep -c '^diff --git')|$(body "$b64" | git -C "$TREE" apply --check 2>&1 && echo ok)"
crlf=$(id_of crlf 1)
crlf_file=$(nm search --output=files id:"$crlf")
check_eq "CRLF: every line of the file ends in CRLF" "$(wc -l < "$crlf_file")" \
	"$(grep -c $'\r$' "$crlf_file")"
check_eq "other mail uses LF only" "0" \
	"$(grep -c $'\r$' "$(nm search --output=files id:"$(id_of single 1)")")"
ibf=$(id_of in-body-from 1)
check_eq "in-body From: names the author, the header the sender" \
	"Jane Doe <jane@example.org>|From: Priya Raman <priya@example.in>" \
	"$(shown "$ibf" From)|$(body "$ibf" | head -n 1)"
dm=$(id_of dmarc 1)
check_eq "DMARC: rewritten From, original in X-Original-From and Reply-To" \
	"Oliver Grant via Linux-demo <linux-demo@lists.example.org>|Oliver Grant <oliver@strictmail.example>|Oliver Grant <oliver@strictmail.example>" \
	"$(hdr "$dm" From)|$(hdr "$dm" X-Original-From)|$(hdr "$dm" Reply-To)"
phil=$(id_of encoded-name 1)
check_eq "RFC 2047: encoded on the wire, decoded by notmuch" \
	"=?UTF-8?q?Philippe=20Mathieu-Daud=C3=A9?= <philmd@example.net>|Philippe Mathieu-Daudé <philmd@example.net>" \
	"$(hdr "$phil" From)|$(shown "$phil" From)"
check_eq "folded Subject: two header lines, one subject" \
	"2|[PATCH v2] scripts/decode_lite.sh: use read -r so that backslashes in oops lines survive decoding" \
	"$(raw "$phil" | sed -n '/^Subject:/,/^[^ ]/p' | grep -c -e '^Subject:' -e '^ ')|$(shown "$phil" Subject)"

# ------------------------------------------------------------ subject forms
check_eq "[RFC, PATCH NN/12]: cover and twelve patches" \
	"13|[RFC, PATCH 00/12] treewide: fix misspellings in comments|[RFC, PATCH 01/12] demo_eth: fix spelling of 'separate'|[RFC, PATCH 12/12] Documentation: mm: page_pool_lite: fix spelling of 'occurred'" \
	"$(subjects_of rfc-comma-12 | grep -c '^\[RFC, PATCH')|$(shown "$(id_of rfc-comma-12 1)" Subject)|$(shown "$(id_of rfc-comma-12 2)" Subject)|$(shown "$(id_of rfc-comma-12 13)" Subject)"
check_eq "target prefix" "[PATCH net-next v2 3/5] net: skb_pool: refill from a work item when the pool runs low" \
	"$(shown "$(id_of target-prefix 4)" Subject)"
hg2=$(id_of mercurial 3)
check_eq "Mercurial: 'N of M' subject, replies to the patchbomb intro, hg body" \
	"[PATCH 2 of 3] kernel/printk_ratelimit: suppress everything when the burst is zero|<$(id_of mercurial 1)>|# HG changeset patch" \
	"$(shown "$hg2" Subject)|$(hdr "$hg2" In-Reply-To)|$(body "$hg2" | head -n 1)"
six=$(id_of six-of-five 7)
check_eq "counter above total: 6/5 replies to the cover" \
	"[PATCH 6/5] net: phy: demo: use genphy_soft_reset()|<$(id_of six-of-five 1)>" \
	"$(shown "$six" Subject)|$(hdr "$six" In-Reply-To)"

# ------------------------------------------------------------ reviews
r=$(id_of review-cover 1)
check_eq "review of the v3 cover: Reviewed-by" \
	"<$v3>|Reviewed-by: Anna Schmidt <anna.schmidt@example.de>" \
	"$(hdr "$r" In-Reply-To)|$(body "$r" | trailers)"
check_eq "Tested-by on the v3 cover" "Tested-by: Carol Ng <carol@example.com>" \
	"$(body "$(id_of review-cover 2)" | trailers)"
r=$(id_of review-quoting 1)
check_eq "review quoting the patch: quoted Signed-off-by, own Reviewed-by" \
	"> Signed-off-by: Jane Doe <jane@example.org>
Reviewed-by: Anna Schmidt <anna.schmidt@example.de>" "$(body "$r" | trailers)"
check_eq "review quoting the patch replies to v2 1/3" "<$(id_of revisions-v2 2)>" "$(hdr "$r" In-Reply-To)"
r=$(id_of review-quoted-trailers 1)
check_eq "review quoting trailers of 3/5: quoted Reviewed-by and Signed-off-by, own Reviewed-by" \
	"> Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
> Signed-off-by: Tomasz Nowak <tnowak@example.pl>
Reviewed-by: Dmitry Volkov <dvolkov@example.ru>" "$(body "$r" | trailers)"
r=$(id_of review-mismatch 1)
check_eq "trailer email differs from the sender's" \
	"Robert Baker <rbaker@home.example.net>|Tested-by: Robert Baker <robert.baker@corp.example.com>" \
	"$(shown "$r" From)|$(body "$r" | trailers)"
r=$(id_of review-signature 1)
check_eq "trailer below the '-- ' signature only" \
	"|Tested-by: Dmitry Volkov <dvolkov@example.ru>" \
	"$(body "$r" | sed '/^-- $/,$d' | trailers)|$(body "$r" | sed -n '/^-- $/,$p' | trailers)"
check_eq "Acked-by to a single patch" "Acked-by: Jane Doe <jane@example.org>" \
	"$(body "$(id_of single 2)" | trailers)"

# ------------------------------------------------------------ against the tree
scratch="$PD_TMP/tree"
git clone -q "$TREE" "$scratch"
m1=$(id_of merged 2) m2=$(id_of merged 3)
check_eq "merged series: both commits are in master" \
	"mm/page_pool_lite: free the page array in pp_lite_destroy()
mm/page_pool_lite: free the pool when the page array allocation fails" \
	"$(git -C "$TREE" log --format=%s --grep='^mm/page_pool_lite: free the' master)"
tree_ids=$(git -C "$TREE" log -2 --format=%H --grep='^mm/page_pool_lite: free the' master |
	while read -r c; do git -C "$TREE" show "$c" | git patch-id --stable | cut -d' ' -f1; done | sort)
mail_ids=$(for i in "$m1" "$m2"; do body "$i" | git patch-id --stable | cut -d' ' -f1; done | sort)
check_eq "merged series: same patch-ids in mail and tree" "$mail_ids" "$tree_ids"
check_eq "merged series: committed after the mail was sent" "yes" \
	"$(c=$(git -C "$TREE" log -1 --format=%ct --grep='^mm/page_pool_lite: free the page array'); [ "$c" -gt "$(date -d "$(hdr "$m2" Date)" +%s)" ] && echo yes)"
c1=$(id_of conflict 2)
check_eq "conflicting series: does not apply to the tip" "fails" \
	"$(body "$c1" | git -C "$TREE" apply --check 2>/dev/null || echo fails)"
git -C "$scratch" checkout -q "$(git -C "$TREE" log -1 --format=%H --before=2024-01-25 master)"
check_eq "conflicting series: applied to master as of its mail date" "ok" \
	"$(body "$c1" | git -C "$scratch" apply 2>&1 && body "$(id_of conflict 3)" | git -C "$scratch" apply --check 2>&1 && echo ok)"
git -C "$scratch" checkout -q -f master
check_eq "clean series: both patches apply to the tip, in order" "ok" \
	"$(body "$(id_of clean 2)" | git -C "$scratch" apply 2>&1 && body "$(id_of clean 3)" | git -C "$scratch" apply --check 2>&1 && echo ok)"

# ------------------------------------------------------------ discussions
for d in discussion-1:5 discussion-2:4 discussion-3:6; do
	name=${d%:*} n=${d#*:}
	first=$(id_of "$name" 1)
	check_eq "$name: $n messages in one thread, no patch, with quoting" "$n|0|yes" \
		"$(nm count "thread:$(nm search --output=threads id:"$first" | sed 's/thread://')")|$(for i in $(ids "$name"); do body "$i"; done | grep -c '^diff --git')|$(body "$(id_of "$name" 2)" | grep -q '^> ' && echo yes)"
done

tap_done
