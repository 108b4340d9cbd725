#!/bin/bash
# list, show and mbox on every case of the generated demo list ($PD_DEMO;
# CASES names each case's Message-IDs). The expected values below were
# written from the mail itself (subjects, dates, senders, who replied to
# what with which trailer, and the traps CASES describes: a quoted or
# signature Tested-by does not count, a mismatched address is flagged, a
# cover's trailer goes to every patch, an unchanged patch keeps what it
# earned on v2). The mbox is checked against git's own reading of the
# original mail: same diff byte for byte, same commit message plus the
# collected trailers, and `git am` gives the same tree.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config

# first_id CASE: the first Message-ID CASES gives for a case.
first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}
# case_ids CASE: every Message-ID of a case.
case_ids() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; next } on { exit }' \
		"$PD_DEMO/CASES"
}

check_run "list: the latest revision of each series, newest activity first" 0 \
"2024-03-04  Sam Okafor            v1   2/2    A0 R1 T0    kernel/watchdog_lite: configurable threshold
2024-02-13  Jane Doe              v1   pull   A0 R0 T0    [GIT PULL] demo_eth fixes for 6.8-rc5
2024-02-14  Li Wei                v1   6/5    A0 R1 T0    net: phy: demo: cleanups
2024-01-25  Tomasz Nowak          v1   2/2    A0 R0 T0    net: dev_stats: small cleanups
2024-02-09  Yuki Tanaka           v1   1/1    A0 R0 T0    kernel/watchdog_lite: print the name of the stuck task
2024-02-01  Ravi Kumar            v1   2/2    A0 R1 T0    mm/page_pool_lite: fix the error paths
2024-02-07  Carol Ng              v1   4/5!   A0 R0 T0    lib/crc_lite: small cleanups
2024-01-09  Li Wei                v1   1/1    A0 R0 T0    [RESEND] Documentation: mm: page_pool_lite: document the node argument
2024-02-05  Yuki Tanaka           v1   3/3    A1 R0 T0    kernel/printk_ratelimit: small fixes
2024-01-22  Jane Doe              v3   3/3    A0 R1 T2    demo_eth: configurable ring sizes
2024-02-02  Tomasz Nowak          v2   5/5    A0 R2 T0    [net-next] net: skb_pool: tunable refill watermark
2024-01-31  Ravi Kumar            v1   2/2    A0 R0 T0    [RFC] mm/vmstat_lite: per-node event counters
2024-01-29  Dmitry Volkov         v1   12/12  A6 R0 T0    [RFC] treewide: fix misspellings in comments
2024-01-26  Philippe Mathieu-Dau  v2   1/1    A0 R1 T0    scripts/decode_lite.sh: use read -r so that backslashes in oops lines survive decoding
2024-01-25  Oliver Grant          v1   1/1    A0 R1 T0    net: skb_pool: read the queue length locklessly
2024-01-24  Priya Raman           v1   1/1    A0 R1 T0    demo_eth: set the MTU limits
2024-01-19  Brian Walsh           v1   1/1    A0 R1 T0    include/linux/skb_pool.h: document struct skb_pool
2024-01-19  Yuki Tanaka           v1   1/1    A1 R0 T0    kernel/printk_ratelimit: name the caller in the suppression message
2024-01-18  Ravi Kumar            v1   1/1    A0 R1 T0    mm/vmstat_lite: count pages stolen by reclaim
2024-01-17  Tomasz Nowak          v1   1/1    A0 R1 T0    net: phy: demo: use PHY_ID_MATCH_MODEL() in the device table
2024-01-16  Sam Okafor            v1   1/1    A1 R0 T0    demo_eth: Kconfig: depend on HAS_DMA
2024-01-12  Carol Ng              v1   3/3    A1 R0 T0    scripts/decode_lite.sh: quote the variables
2024-01-11  Anna Schmidt          v1   4/4    A1 R0 T0    mm/slab_debug: cheaper checks when disabled
2024-01-10  Li Wei                v1   3/3    A0 R1 T0    net: phy: demo: add the control register definitions
2023-12-27  Priya Raman           v1   2/2    A2 R3 T0    mm/vmstat_lite: two small fixes
2023-12-20  Mara Lind             v1   40/40  A0 R1 T0    lib: errname_lite, a name for every error code" "" -- \
	"$PATCHDECK" list

check_run "list --all-revisions: older revisions follow the latest" 0 \
"$("$PATCHDECK" list | sed '/demo_eth: configurable ring sizes/a\
2024-01-15  Jane Doe              v2   3/3    A0 R1 T1    demo_eth: configurable ring sizes\
2024-01-08  Jane Doe              v1   3/3    A0 R0 T0    demo_eth: configurable ring sizes
/tunable refill watermark/a\
2024-01-22  Tomasz Nowak          v1   3/3    A0 R1 T0    [net-next] net: skb_pool: tunable refill watermark')" "" -- \
	"$PATCHDECK" list --all-revisions

"$PATCHDECK" list --json --all-revisions >"$PD_TMP/all.json"
if python3 -m json.tool "$PD_TMP/all.json" >/dev/null; then
	tap_ok "list --json --all-revisions is valid JSON"
else
	tap_not_ok "list --json --all-revisions is valid JSON"
fi

# Every revision and every patch as the JSON gives them, one line each.
project() {
	python3 -c '
import json, sys
for r in json.load(sys.stdin):
    print("%s v%d %s/%s missing=%s cover=%d rfc=%d resend=%d prefixes=%s author=%s <%s> date=%s R%d A%d T%d revisions=%s superseded_by=%s" % (r["id"], r["version"], r["received"], r["total"], ",".join(map(str, r["missing"])) or "-", r["cover"], r["rfc"], r["resend"], ",".join(r["prefixes"]) or "-", r["author"]["name"], r["author"]["email"], r["date"], r["trailers"]["reviewed-by"], r["trailers"]["acked-by"], r["trailers"]["tested-by"], ",".join(x.split("@")[0] for x in r["revisions"]), r["superseded_by"] or "-"))
    for p in r["patches"]:
        print("  %d %s%s%s" % (p["n"], p["id"], "".join(" | %s: %s%s" % (t["name"], t["value"], " (mismatch)" if t["mismatch"] else "") for t in p["trailers"]), " (carried)" if p["carried"] else ""))
'
}
check_eq "list --json: every revision, patch and collected trailer" \
"$(cat <<'JSON'
20240304100000.41388-1-sam@example.org v1 2/2 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Sam Okafor <sam@example.org> date=2024-03-04T10:00:00Z R1 A0 T0 revisions=20240304100000.41388-1-sam superseded_by=-
  1 20240304100000.41388-2-sam@example.org | Reviewed-by: Yuki Tanaka <yuki@example.jp>
  2 20240304100000.41388-3-sam@example.org | Reviewed-by: Yuki Tanaka <yuki@example.jp>
20240213090500.pull-demo-eth@kernel.example.org v1 0/0 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Jane Doe <jane@example.org> date=2024-02-13T09:05:00Z R0 A0 T0 revisions=20240213090500.pull-demo-eth superseded_by=-
20240214030000.38646-1-liwei@example.cn v1 6/5 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Li Wei <liwei@example.cn> date=2024-02-14T03:00:00Z R1 A0 T0 revisions=20240214030000.38646-1-liwei superseded_by=-
  1 20240214030000.38646-2-liwei@example.cn
  2 20240214030000.38646-3-liwei@example.cn
  3 20240214030000.38646-4-liwei@example.cn
  4 20240214030000.38646-5-liwei@example.cn
  5 20240214030000.38646-6-liwei@example.cn
  6 20240214060000.40017-1-liwei@example.cn | Reviewed-by: Tomasz Nowak <tnowak@example.pl>
20240125163000.26307-1-tnowak@example.pl v1 2/2 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Tomasz Nowak <tnowak@example.pl> date=2024-01-25T16:30:00Z R0 A0 T0 revisions=20240125163000.26307-1-tnowak superseded_by=-
  1 20240125163000.26307-2-tnowak@example.pl
  2 20240125163000.26307-3-tnowak@example.pl
20240209011000.37275-1-yuki@example.jp v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Yuki Tanaka <yuki@example.jp> date=2024-02-09T01:10:00Z R0 A0 T0 revisions=20240209011000.37275-1-yuki superseded_by=-
  1 20240209011000.37275-1-yuki@example.jp
20240201043000.30420-1-ravi.kumar@corp.example.com v1 2/2 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Ravi Kumar <ravi.kumar@corp.example.com> date=2024-02-01T04:30:00Z R1 A0 T0 revisions=20240201043000.30420-1-ravi.kumar superseded_by=-
  1 20240201043000.30420-2-ravi.kumar@corp.example.com | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
  2 20240201043000.30420-3-ravi.kumar@corp.example.com | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
20240207170000.35904-1-carol@example.com v1 4/5 missing=3 cover=1 rfc=0 resend=0 prefixes=- author=Carol Ng <carol@example.com> date=2024-02-07T17:00:00Z R0 A0 T0 revisions=20240207170000.35904-1-carol superseded_by=-
  1 20240207170000.35904-2-carol@example.com
  2 20240207170000.35904-3-carol@example.com
  4 20240207170000.35904-5-carol@example.com
  5 20240207170000.35904-6-carol@example.com
20240206020000.9855-1-liwei@example.cn v1 1/1 missing=- cover=0 rfc=0 resend=1 prefixes=- author=Li Wei <liwei@example.cn> date=2024-01-09T03:20:00Z R0 A0 T0 revisions=20240206020000.9855-1-liwei superseded_by=-
  1 20240206020000.9855-1-liwei@example.cn
patchbomb.1707120000@mail.example.jp v1 3/3 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Yuki Tanaka <yuki@example.jp> date=2024-02-05T08:00:00Z R0 A1 T0 revisions=patchbomb.1707120000 superseded_by=-
  1 a8de85114808b806905f.1707120001@mail.example.jp | Acked-by: Sam Okafor <sam@example.org>
  2 253a46d5999cdb24f60e.1707120002@mail.example.jp | Acked-by: Sam Okafor <sam@example.org>
  3 edf6bb20c9b3b7cc96ff.1707120003@mail.example.jp | Acked-by: Sam Okafor <sam@example.org>
20240122090000.7113-1-jane@example.org v3 3/3 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Jane Doe <jane@example.org> date=2024-01-22T09:00:00Z R1 A0 T2 revisions=20240108093000.4371-1-jane,20240115100000.5742-1-jane,20240122090000.7113-1-jane superseded_by=-
  1 20240122090000.7113-2-jane@example.org | Tested-by: Carol Ng <carol@example.com> | Tested-by: Robert Baker <robert.baker@corp.example.com> (mismatch)
  2 20240122090000.7113-3-jane@example.org | Reviewed-by: Anna Schmidt <anna.schmidt@example.de> | Tested-by: Carol Ng <carol@example.com>
  3 20240122090000.7113-4-jane@example.org | Reviewed-by: Anna Schmidt <anna.schmidt@example.de> | Tested-by: Carol Ng <carol@example.com>
20240115100000.5742-1-jane@example.org v2 3/3 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Jane Doe <jane@example.org> date=2024-01-15T10:00:00Z R1 A0 T1 revisions=20240108093000.4371-1-jane,20240115100000.5742-1-jane,20240122090000.7113-1-jane superseded_by=20240122090000.7113-1-jane@example.org
  1 20240115100000.5742-2-jane@example.org | Reviewed-by: Anna Schmidt <anna.schmidt@example.de> | Tested-by: Robert Baker <robert.baker@corp.example.com> (mismatch)
  2 20240115100000.5742-3-jane@example.org | Tested-by: Robert Baker <robert.baker@corp.example.com> (mismatch)
  3 20240115100000.5742-4-jane@example.org | Tested-by: Robert Baker <robert.baker@corp.example.com> (mismatch)
20240108093000.4371-1-jane@example.org v1 3/3 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Jane Doe <jane@example.org> date=2024-01-08T09:30:00Z R0 A0 T0 revisions=20240108093000.4371-1-jane,20240115100000.5742-1-jane,20240122090000.7113-1-jane superseded_by=20240115100000.5742-1-jane@example.org
  1 20240108093000.4371-2-jane@example.org
  2 20240108093000.4371-3-jane@example.org
  3 20240108093000.4371-4-jane@example.org
20240202131500.33162-1-tnowak@example.pl v2 5/5 missing=- cover=1 rfc=0 resend=0 prefixes=net-next author=Tomasz Nowak <tnowak@example.pl> date=2024-02-02T13:15:00Z R2 A0 T0 revisions=20240122124000.31791-1-tnowak,20240202131500.33162-1-tnowak superseded_by=-
  1 20240202131500.33162-2-tnowak@example.pl
  2 20240202131500.33162-3-tnowak@example.pl
  3 20240202131500.33162-4-tnowak@example.pl | Reviewed-by: Dmitry Volkov <dvolkov@example.ru>
  4 20240202131500.33162-5-tnowak@example.pl | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
  5 20240202131500.33162-6-tnowak@example.pl | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
20240122124000.31791-1-tnowak@example.pl v1 3/3 missing=- cover=1 rfc=0 resend=0 prefixes=net-next author=Tomasz Nowak <tnowak@example.pl> date=2024-01-22T12:40:00Z R1 A0 T0 revisions=20240122124000.31791-1-tnowak,20240202131500.33162-1-tnowak superseded_by=20240202131500.33162-1-tnowak@example.pl
  1 20240122124000.31791-2-tnowak@example.pl | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
  2 20240122124000.31791-3-tnowak@example.pl | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
  3 20240122124000.31791-4-tnowak@example.pl | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
20240131060000.29049-1-ravi.kumar@corp.example.com v1 2/2 missing=- cover=1 rfc=1 resend=0 prefixes=- author=Ravi Kumar <ravi.kumar@corp.example.com> date=2024-01-31T06:00:00Z R0 A0 T0 revisions=20240131060000.29049-1-ravi.kumar superseded_by=-
  1 20240131060000.29049-2-ravi.kumar@corp.example.com
  2 20240131060000.29049-3-ravi.kumar@corp.example.com
20240129070000.27678-1-dvolkov@example.ru v1 12/12 missing=- cover=1 rfc=1 resend=0 prefixes=- author=Dmitry Volkov <dvolkov@example.ru> date=2024-01-29T07:00:00Z R0 A6 T0 revisions=20240129070000.27678-1-dvolkov superseded_by=-
  1 20240129070000.27678-2-dvolkov@example.ru | Acked-by: Jane Doe <jane@example.org>
  2 20240129070000.27678-3-dvolkov@example.ru
  3 20240129070000.27678-4-dvolkov@example.ru
  4 20240129070000.27678-5-dvolkov@example.ru | Acked-by: Li Wei <liwei@example.cn>
  5 20240129070000.27678-6-dvolkov@example.ru
  6 20240129070000.27678-7-dvolkov@example.ru | Acked-by: Anna Schmidt <anna.schmidt@example.de>
  7 20240129070000.27678-8-dvolkov@example.ru | Acked-by: Ravi Kumar <ravi.kumar@corp.example.com>
  8 20240129070000.27678-9-dvolkov@example.ru | Acked-by: Sam Okafor <sam@example.org>
  9 20240129070000.27678-10-dvolkov@example.ru | Acked-by: Yuki Tanaka <yuki@example.jp>
  10 20240129070000.27678-11-dvolkov@example.ru
  11 20240129070000.27678-12-dvolkov@example.ru
  12 20240129070000.27678-13-dvolkov@example.ru
20240126101700.24936-1-philmd@example.net v2 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Philippe Mathieu-Daudé <philmd@example.net> date=2024-01-26T10:17:00Z R1 A0 T0 revisions=20240126101700.24936-1-philmd superseded_by=-
  1 20240126101700.24936-1-philmd@example.net | Reviewed-by: Carol Ng <carol@example.com>
20240125084500.23565-1-oliver@strictmail.example v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Oliver Grant <oliver@strictmail.example> date=2024-01-25T08:45:00Z R1 A0 T0 revisions=20240125084500.23565-1-oliver superseded_by=-
  1 20240125084500.23565-1-oliver@strictmail.example | Reviewed-by: Tomasz Nowak <tnowak@example.pl>
20240124141000.22194-1-jane@example.org v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Priya Raman <priya@example.in> date=2024-01-24T14:10:00Z R1 A0 T0 revisions=20240124141000.22194-1-jane superseded_by=-
  1 20240124141000.22194-1-jane@example.org | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
20240119152200.20823-1-bwalsh@corp.example.com v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Brian Walsh <bwalsh@corp.example.com> date=2024-01-19T15:22:00Z R1 A0 T0 revisions=20240119152200.20823-1-bwalsh superseded_by=-
  1 20240119152200.20823-1-bwalsh@corp.example.com | Reviewed-by: Tomasz Nowak <tnowak@example.pl>
20240119004000.19452-1-yuki@example.jp v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Yuki Tanaka <yuki@example.jp> date=2024-01-19T00:40:00Z R0 A1 T0 revisions=20240119004000.19452-1-yuki superseded_by=-
  1 20240119004000.19452-1-yuki@example.jp | Acked-by: Sam Okafor <sam@example.org>
20240118051200.18081-1-ravi.kumar@corp.example.com v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Ravi Kumar <ravi.kumar@corp.example.com> date=2024-01-18T05:12:00Z R1 A0 T0 revisions=20240118051200.18081-1-ravi.kumar superseded_by=-
  1 20240118051200.18081-1-ravi.kumar@corp.example.com | Reviewed-by: Anna Schmidt <anna.schmidt@example.de>
20240117120000.16710-1-tnowak@example.pl v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Tomasz Nowak <tnowak@example.pl> date=2024-01-17T06:00:00Z R1 A0 T0 revisions=20240117120000.16710-1-tnowak superseded_by=-
  1 20240117120000.16710-1-tnowak@example.pl | Reviewed-by: Li Wei <liwei@example.cn>
20240116112000.15339-1-sam@example.org v1 1/1 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Sam Okafor <sam@example.org> date=2024-01-16T11:20:00Z R0 A1 T0 revisions=20240116112000.15339-1-sam superseded_by=-
  1 20240116112000.15339-1-sam@example.org | Acked-by: Jane Doe <jane@example.org>
20240112180500.13968-1-carol@example.com v1 3/3 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Carol Ng <carol@example.com> date=2024-01-12T18:05:00Z R0 A1 T0 revisions=20240112180500.13968-1-carol superseded_by=-
  1 20240112180500.13968-1-carol@example.com
  2 20240112180500.13968-2-carol@example.com | Acked-by: Sam Okafor <sam@example.org>
  3 20240112180500.13968-3-carol@example.com
20240111134000.12597-1-anna.schmidt@example.de v1 4/4 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Anna Schmidt <anna.schmidt@example.de> date=2024-01-11T13:40:00Z R0 A1 T0 revisions=20240111134000.12597-1-anna.schmidt superseded_by=-
  1 20240111134000.12597-2-anna.schmidt@example.de | Acked-by: Ravi Kumar <ravi.kumar@corp.example.com>
  2 20240111134000.12597-3-anna.schmidt@example.de | Acked-by: Ravi Kumar <ravi.kumar@corp.example.com>
  3 20240111134000.12597-4-anna.schmidt@example.de | Acked-by: Ravi Kumar <ravi.kumar@corp.example.com>
  4 20240111134000.12597-5-anna.schmidt@example.de | Acked-by: Ravi Kumar <ravi.kumar@corp.example.com>
20240110021500.11226-1-liwei@example.cn v1 3/3 missing=- cover=0 rfc=0 resend=0 prefixes=- author=Li Wei <liwei@example.cn> date=2024-01-10T02:15:00Z R1 A0 T0 revisions=20240110021500.11226-1-liwei superseded_by=-
  1 20240110021500.11226-1-liwei@example.cn
  2 20240110021500.11226-2-liwei@example.cn | Reviewed-by: Tomasz Nowak <tnowak@example.pl>
  3 20240110021500.11226-3-liwei@example.cn
20231227090000.44130-1-priya@example.in v1 2/2 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Priya Raman <priya@example.in> date=2023-12-27T09:00:00Z R3 A2 T0 revisions=20231227090000.44130-1-priya superseded_by=-
  1 20231227090000.44130-2-priya@example.in
  2 20231227090000.44130-3-priya@example.in | Reviewed-by: Anna Schmidt <anna.schmidt@example.de> | Reviewed-by: Yuki Tanaka <yuki@example.jp> | Acked-by: Morgan Hale <morgan@kernel.example.org> | Acked-by: Sam Okafor <sam@example.org> | Reviewed-by: Jürgen Weiß <juergen@example.de>
20231220100000.42759-1-mara@kernel.example.org v1 40/40 missing=- cover=1 rfc=0 resend=0 prefixes=- author=Mara Lind <mara@kernel.example.org> date=2023-12-20T10:00:00Z R1 A0 T0 revisions=20231220100000.42759-1-mara superseded_by=-
JSON
# forty: Yuki's Reviewed-by on the cover goes to each of the 40 patches.
for n in $(seq 1 40); do
	echo "  $n 20231220100000.42759-$((n + 1))-mara@kernel.example.org | Reviewed-by: Yuki Tanaka <yuki@example.jp>"
done
)" "$(project <"$PD_TMP/all.json")"

check_run "list --json: the latest revisions only, same objects" 0 \
	"$(python3 -c '
import json, sys
print(json.dumps([r for r in json.load(open(sys.argv[1])) if r["superseded_by"] is None], indent=2, ensure_ascii=False))' "$PD_TMP/all.json")" "" -- \
	"$PATCHDECK" list --json

# show: every message of a case (cover, patch, reply) names the same
# revision; its Id: line is the revision id of the JSON above.
cases=$(awk '/^[a-z0-9-]+: / { sub(":", "", $1); print $1 }' "$PD_DEMO/CASES" |
	grep -v -e '^discussion' -e '^missing-patch-id$' -e '^tree$' -e '^synthetic$')
bad=""
for c in $cases; do
	ref=$("$PATCHDECK" show "$(first_id "$c")" 2>&1)
	for id in $(case_ids "$c"); do
		got=$("$PATCHDECK" show "<$id>" 2>&1)
		[ "$got" = "$ref" ] || bad="$bad $c:$id"
	done
done
check_eq "show: any message of a revision shows that revision" "" "$bad"

ids=$(for c in $cases; do "$PATCHDECK" show "id:$(first_id "$c")" | sed -n 's/^Id: *<\(.*\)>$/\1/p'; done | sort -u)
check_eq "show: each case's revision is one the JSON lists" \
	"$(python3 -c 'import json,sys; print("\n".join(sorted({r["id"] for r in json.load(open(sys.argv[1]))})))' "$PD_TMP/all.json")" "$ids"

check_run "show: an unknown id is one line naming it" 1 "" \
	"patchdeck: no message <nobody@example.org> in the notmuch database; 'patchdeck list' shows the series and their ids" -- \
	"$PATCHDECK" show '<nobody@example.org>'
check_run "show: a discussion is no series" 1 "" \
	"patchdeck: message <$(first_id discussion-1)> is not part of a patch series; 'patchdeck list' shows the series and their ids" -- \
	"$PATCHDECK" show "$(first_id discussion-1)"
check_run "mbox: an unknown id is one line naming it" 1 "" \
	"patchdeck: no message <nobody@example.org> in the notmuch database; 'patchdeck list' shows the series and their ids" -- \
	"$PATCHDECK" mbox nobody@example.org
check_run "show without SERIES: usage" 2 "" \
	"patchdeck show: give one SERIES (a Message-ID of the series); 'patchdeck list' shows them" -- \
	"$PATCHDECK" show

# mbox of every case against git's reading of the original mail.
tree=$PD_DEMO/tree
files_of() { # Message-ID: the first maildir file holding it
	grep -rl -m1 -F "Message-ID: <$1>" "$PD_DEMO/mail" | sort | head -n 1
}
bad_msg="" bad_diff="" bad_am="" nam=0
for c in $cases; do
	[ "$c" = pull-request ] && continue
	rev=$("$PATCHDECK" show "$(first_id "$c")" | sed -n 's/^Id: *<\(.*\)>$/\1/p')
	out=$PD_TMP/mbox-$c
	mkdir -p "$out/ours" "$out/orig"
	"$PATCHDECK" mbox --link -o "$out/mbox" "$rev" 2>"$out/err" || { bad_msg="$bad_msg $c(mbox failed)"; continue; }
	git mailsplit -o"$out/ours" "$out/mbox" >/dev/null
	# The patches and the trailers each should get, from the JSON.
	python3 - "$PD_TMP/all.json" "$rev" >"$out/want" <<'PY'
import json, sys
revs = json.load(open(sys.argv[1]))
r = next(r for r in revs if sys.argv[2] in [r["id"]] + [p["id"] for p in r["patches"]])
for p in r["patches"]:
    # A trailer whose address is not its sender's is shown, not applied.
    print(p["id"] + "\t" + "\t".join("%s: %s" % (t["name"], t["value"]) for t in p["trailers"]
                                      if not t["mismatch"]))
PY
	i=0
	while IFS=$'\t' read -r id trailers; do
		i=$((i + 1))
		piece=$(printf '%s/%04d' "$out/ours" "$i")
		orig=$(files_of "$id")
		# As git am reads a mail: mailsplit (CRLF undone), then mailinfo.
		rm -rf "$out/split" && mkdir "$out/split"
		{ echo "From 0 Mon Sep 17 00:00:00 2001"; cat "$orig"; } |
			git mailsplit -o"$out/split" >/dev/null
		git mailinfo "$out/o.msg" "$out/o.patch" <"$out/split/0001" >/dev/null 2>&1
		git mailinfo "$out/m.msg" "$out/m.patch" <"$piece" >/dev/null 2>&1
		# git am reads neither case as sent: an attachment's text and
		# hg's header lines end up elsewhere; ours must still apply.
		[ "$c" = attachment ] || [ "$c" = mercurial ] ||
		cmp -s <(sed -n '/^diff \|^Index: /,$p' "$out/o.patch" | sed '/^-- $/,$d') \
			<(sed -n '/^diff \|^Index: /,$p' "$out/m.patch" | sed '/^-- $/,$d') || bad_diff="$bad_diff $id"
		# An attached patch: git am would take the mail's text as the
		# message; patchdeck takes the attachment's own (checked above
		# through the diff and in show).
		[ "$c" = attachment ] && continue
		# hg's `# HG changeset patch` header stays in the message (as git
		# am keeps it), but git's trailer parser treats its `#` lines as
		# comments, so the expected message cannot be derived from it.
		[ "$c" = mercurial ] && continue
		# The original message, its trailer block extended.
		{
			cat "$out/o.msg"
			[ -n "$(printf 'title\n\n%s\n' "$(cat "$out/o.msg")" | git interpret-trailers --parse)" ] || echo
			[ -z "$trailers" ] || printf '%s\n' "$trailers" | tr '\t' '\n'
			echo "Link: https://lore.kernel.org/r/$id"
		} >"$out/want.msg"
		cmp -s "$out/want.msg" "$out/m.msg" ||
			bad_msg="$bad_msg $id($(diff "$out/want.msg" "$out/m.msg" | grep '^[<>]' | head -n 2 | tr '\n' ' '))"
		cp "$out/split/0001" "$(printf '%s/%04d' "$out/orig" "$i")"
	done <"$out/want"
	# git am of ours and of the original mails onto the master of the
	# series' day: the same trees.
	day=$(python3 -c 'import json,sys; print(next(r["date"] for r in json.load(open(sys.argv[1])) if r["id"] == sys.argv[2] or sys.argv[2] in [p["id"] for p in r["patches"]]))' "$PD_TMP/all.json" "$rev")
	base=$(git -C "$tree" rev-list -1 --before="$day" master)
	for kind in orig ours; do
		rm -rf "$out/$kind.git"
		git clone -q "$tree" "$out/$kind.git" && git -C "$out/$kind.git" checkout -q "$base"
		if [ "$kind" = orig ]; then
			set -- "$out"/orig/*
		else
			set -- "$out/mbox"
		fi
		git -C "$out/$kind.git" -c user.name=T -c user.email=t@example.org am -q "$@" \
			>/dev/null 2>&1 || echo failed >"$out/$kind.am"
	done
	if [ "$c" = attachment ] || [ "$c" = mercurial ]; then
		# git am of the original takes the mail's text for the message
		# and the attachment for the patch; only ours is compared.
		[ ! -f "$out/ours.am" ] || bad_am="$bad_am $c(ours failed)"
	elif [ -f "$out/orig.am" ] && [ -f "$out/ours.am" ]; then
		# Both stop where a patch is missing (the missing case).
		[ "$c" = missing ] || bad_am="$bad_am $c(both failed)"
	elif [ -f "$out/orig.am" ] || [ -f "$out/ours.am" ]; then
		bad_am="$bad_am $c($(ls "$out"/*.am | sed 's|.*/||') failed)"
	elif [ "$(git -C "$out/orig.git" rev-parse HEAD^{tree})" != "$(git -C "$out/ours.git" rev-parse HEAD^{tree})" ]; then
		bad_am="$bad_am $c"
	else
		nam=$((nam + 1))
	fi
done
check_eq "mbox: each patch's diff is the one sent, byte for byte" "" "$bad_diff"
check_eq "mbox: each commit message is the sent one with the collected trailers and Link:" "" "$bad_msg"
check_eq "mbox: git am gives the tree git am of the original mails gives" "" "$bad_am"
if [ "$nam" -ge 20 ]; then
	tap_ok "git am applied $nam cases"
else
	tap_not_ok "git am applied at least 20 cases" "only $nam"
fi

# The merged case was cherry-picked into master: applying the mbox on the
# commit before the cherry-picks gives master's tree at 'merged'.
merged=$(awk '$1 == "merged" && NF == 2 { print $2 }' "$PD_DEMO/CASES")
check_eq "mbox of the merged series rebuilds master's 'merged' tree" \
	"$(git -C "$tree" rev-parse "$merged^{tree}")" \
	"$(git -C "$PD_TMP/mbox-merged/ours.git" rev-parse HEAD^{tree} 2>&1)"

check_run "mbox of a pull request: one line" 1 "" \
	"patchdeck: <$(first_id pull-request)> is a pull request, not patches; fetch it with git instead" -- \
	"$PATCHDECK" mbox "$(first_id pull-request)"
check_run "mbox of an incomplete series warns and writes the rest" 0 \
	"4" "patchdeck: warning: the series lacks patch 3 of 5; the mbox holds the others" -- \
	sh -c "'$PATCHDECK' mbox '$(first_id missing)' | grep -c '^From 0000'"
check_run "mbox --link-mask: the mask with the Message-ID" 0 \
	"Link: https://lore.example.org/linux-demo/20240116112000.15339-1-sam@example.org/" "" -- \
	sh -c "'$PATCHDECK' mbox --link-mask 'https://lore.example.org/linux-demo/%s/' '$(first_id single)' | grep '^Link:'"

tap_done
