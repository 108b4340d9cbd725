#!/bin/bash
# The series view through the scripted mode, on the demo list ($PD_DEMO,
# whose CASES file names each case's Message-IDs) and on the real archive
# when it is beside us. Whole screens are compared exactly; the expected
# text was written from the mails themselves (headers, cover letters, which
# numbers arrived, who gave which trailer). On the real archive the
# per-patch +a/-d counts are checked against `git apply --numstat` on each
# mail, and the received numbers against the subjects notmuch has.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config TERM=xterm-256color
unset NO_COLOR

# first_id CASE: the first Message-ID CASES gives for a case (they change
# when the generator gains cases; the screens below say @CASE@ for them).
first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}
V3=$(first_id revisions-v3)
V2=$(first_id revisions-v2)
V1=$(first_id revisions-v1)
MISSING=$(first_id missing)
SIXOFFIVE=$(first_id six-of-five)
PULL=$(first_id pull-request)
ENCODED=$(first_id encoded-name)
FORTY=$(first_id forty)

# sv ID SCRIPT [ARGS...]: the reader with the series of ID opened first;
# the demo's Message-IDs in its screens become @NAME@.
sv() {
	local id=$1 script=$2
	shift 2
	tui_run "open series $id
$script" "$@" | sed -e "s/$V3/@V3@/g; s/$V2/@V2@/g; s/$V1/@V1@/g; s/$MISSING/@MISSING@/g" \
		-e "s/$PULL/@PULL@/g; s/$ENCODED/@ENCODED@/g; s/$SIXOFFIVE/@SIXOFFIVE@/g; s/$FORTY/@FORTY@/g"
}

check_eq 'v3: header with every revision and this one marked, base, change-id, cover letter' \
'demo_eth: configurable ring sizes
From:       Jane Doe <jane@example.org>
Date:       2024-01-22 09:00:00 +0000
Version:    v1 v2 [v3]
Patches:    3/3
Reviews:    Acked-by 0, Reviewed-by 1, Tested-by 2
Replies:    3
Base:       3ac2171f53b35f37c0b4c1801217e17091fa5952
Change-Id:  20240108-demo-ring-sizes-5c1f2a9e0b7d
Message-ID: <@V3@>

Cover letter

The demo NIC supports rings of 64 to 4096 descriptors, but the driver
always uses 256. This series lets users change the ring sizes with
ethtool -G and documents the limits.

Changes in v3:
- restart the interface instead of returning -EBUSY, and reword the title
  of patch 2 to "demo_eth: support changing ring sizes with ethtool"
- collect Reviewed-by and Tested-by tags
- Link to v2: https://lore.example.org/r/@V2@
 series: v3 demo_eth: configurable ring sizes                              1/57

status 0' "$(sv $V3 dump)"

check_eq 'v3: one row per patch with +a/-d, A/R/T, replies; the diffstat of all patches' \
' drivers/net/ethernet/demo/demo_ethtool.c | 26 ++++++++++++++++++++++++
 drivers/net/ethernet/demo/demo_main.c    |  6 ++++--
 4 files changed, 44 insertions(+), 2 deletions(-)


base-commit: 3ac2171f53b35f37c0b4c1801217e17091fa5952
change-id: 20240108-demo-ring-sizes-5c1f2a9e0b7d

Patches
    #     +/-  A/R/T  Re  Title
  1/3   +7/-0  0/1/2   0  demo_eth: add a helper to validate ring sizes
[trailers carried: same diff as before]
  2/3  +30/-2  0/1/1   0  demo_eth: support changing ring sizes with ethtool
  3/3   +7/-0  0/1/1   0  Documentation: networking: demo-eth: describe ring
sizes

Diffstat of all patches
 Documentation/networking/demo-eth.rst    |  7 +++++++
 drivers/net/ethernet/demo/demo.h         |  7 +++++++
 drivers/net/ethernet/demo/demo_ethtool.c | 26 ++++++++++++++++++++++++
 drivers/net/ethernet/demo/demo_main.c    |  6 ++++--
 4 files changed, 44 insertions(+), 2 deletions(-)
 series: v3 demo_eth: configurable ring sizes                             57/57

status 0' "$(sv $V3 'key G
dump')"

check_eq '[ shows v2, then v1, then says there is none older; ] comes back to v3 and stops there' \
'demo_eth: configurable ring sizes
From:       Jane Doe <jane@example.org>
Date:       2024-01-15 10:00:00 +0000
Version:    v1 [v2] v3
Patches:    3/3
Reviews:    Acked-by 0, Reviewed-by 1, Tested-by 1
Replies:    2
Message-ID: <@V2@>
Newer:      v3 exists (press ])
 series: v2 demo_eth: configurable ring sizes                              1/45
v2 of 3 revisions
demo_eth: configurable ring sizes
From:       Jane Doe <jane@example.org>
Date:       2024-01-08 09:30:00 +0000
Version:    [v1] v2 v3
Patches:    3/3
Reviews:    Acked-by 0, Reviewed-by 0, Tested-by 0
Replies:    5
Message-ID: <@V1@>
Newer:      v2 exists (press ])
 series: v1 demo_eth: configurable ring sizes                              1/38
no older revision
demo_eth: configurable ring sizes
From:       Jane Doe <jane@example.org>
Date:       2024-01-22 09:00:00 +0000
Version:    v1 v2 [v3]
Patches:    3/3
Reviews:    Acked-by 0, Reviewed-by 1, Tested-by 2
Replies:    3
Base:       3ac2171f53b35f37c0b4c1801217e17091fa5952
Change-Id:  20240108-demo-ring-sizes-5c1f2a9e0b7d
 series: v3 demo_eth: configurable ring sizes                              1/57
no newer revision
status 0' "$(sv $V3 'key [
dump
key [ [
dump
key ] ] ]
dump' --screen 11x80)"

check_eq 'missing 3/5: said in the header (marked), shown as a row of its own' \
'{cursor}lib/crc_lite: small cleanups                                                    
{header}From:{}       Carol Ng <carol@example.com>
{header}Date:{}       2024-02-07 17:00:00 +0000
{header}Version:{version}    {mark,bold}[v1]
{header}Patches:{}    4/5{mark,bold}, missing 3
{status,bold} series: v1 lib/crc_lite: small cleanups                                   1/36 

{header}    #    +/-  A/R/T  Re  Title
  1/5  {diffstat}+1/-0{}  0/0/0   0  lib/crc_lite: include linux/bitops.h
  2/5  {diffstat}+1/-1{}  0/0/0   0  lib/crc_lite: use unsigned int for the CRC-16 bit
counter
{cursor}  3/5                    missing: never received                                
{status,bold} series: v1 lib/crc_lite: small cleanups                                  30/36 

{header}    #    +/-  A/R/T  Re  Title
  1/5  {diffstat}+1/-0{}  0/0/0   0  lib/crc_lite: include linux/bitops.h
  2/5  {diffstat}+1/-1{}  0/0/0   0  lib/crc_lite: use unsigned int for the CRC-16 bit
counter
{cursor}  3/5                    missing: never received                                
{status,bold} series: v1 lib/crc_lite: small cleanups                                  30/36 
{error,bold}that patch never arrived; its number is missing from the series
{header}    #    +/-  A/R/T  Re  Title
  1/5  {diffstat}+1/-0{}  0/0/0   0  lib/crc_lite: include linux/bitops.h
  2/5  {diffstat}+1/-1{}  0/0/0   0  lib/crc_lite: use unsigned int for the CRC-16 bit
{cursor}counter                                                                         
{mark,bold}  3/5                    missing: never received
{status,bold} series: v1 lib/crc_lite: small cleanups                                  29/36 

status 0' "$(sv $MISSING 'dump attrs
type /^ +3/5
key Enter
dump attrs
key Enter
dump attrs
key k
dump attrs' --screen 7x80)"

check_eq 'Enter on a patch row opens that patch; q comes back to the same place' \
' patch: 2/5 lib/crc_lite: use unsigned int for the CRC-16 bit counter      1/25
 series: v1 lib/crc_lite: small cleanups                                  28/36' \
"$(sv $MISSING 'type /^ +2/5
key Enter Enter
dump
key q
dump' --screen 8x80 | grep -E '^ (patch|series):')"

check_eq 'a patch numbered above the total is flagged; w cuts long lines; resize to 250 columns' \
'  5/5  +1/-0  0/0/0   0  net: phy: demo: add MODULE_AUTHOR
  6/5  +1/-0  0/1/0   1  net: phy: demo: use
 series: v1 net: phy: demo: cleanups                  39/44
  5/5  +1/-0  0/0/0   0  net: phy: demo: add MODULE_AUTHOR
  6/5  +1/-0  0/1/0   1  net: phy: demo: use genphy_soft_res
 series: v1 net: phy: demo: cleanups                  32/36
long lines are cut at the edge
  5/5  +1/-0  0/0/0   0  net: phy: demo: add MODULE_AUTHOR
  6/5  +1/-0  0/1/0   1  net: phy: demo: use genphy_soft_reset()  [extra: numbered above the total]
 series: v1 net: phy: demo: cleanups                                                                                                                                                                                                                32/36
long lines are cut at the edge' \
"$(sv $SIXOFFIVE 'type /^ +6/5
key Enter
dump
key w
dump
resize 30 250
dump' --screen 16x60 | grep -E '^  [56]/5|^ series:|^long')"

check_eq 'the whole screen at 60x15 after w: cut at the edge, status bar intact' \
'
Patches
    #    +/-  A/R/T  Re  Title
  1/5  +3/-3  0/0/0   0  net: phy: demo: rename DEMO_PHY_INT
  2/5  +0/-7  0/0/0   0  net: phy: demo: drop the empty conf
  3/5  +3/-1  0/0/0   0  net: phy: demo: report read errors
  4/5  +1/-1  0/0/0   0  net: phy: demo: constify the MDIO d
  5/5  +1/-0  0/0/0   0  net: phy: demo: add MODULE_AUTHOR
  6/5  +1/-0  0/1/0   1  net: phy: demo: use genphy_soft_res

Diffstat of all patches
 drivers/net/phy/demo_phy.c | 21 +++++++++------------
 1 file changed, 9 insertions(+), 12 deletions(-)
 series: v1 net: phy: demo: cleanups                  36/36

status 0' "$(sv $SIXOFFIVE 'key w G
resize 15 60
dump')"

check_eq 'a pull request: the repository line, the request, no patch rows' \
'[GIT PULL] demo_eth fixes for 6.8-rc5
From:       Jane Doe <jane@example.org>
Date:       2024-02-13 09:05:00 +0000
Version:    [v1]
Pull:       git://git.example.org/pub/scm/linux/kernel/git/jane/demo.git tags/demo-eth-fixes-6.8-rc5
Reviews:    Acked-by 0, Reviewed-by 0, Tested-by 0
Replies:    1
Message-ID: <@PULL@>

Pull request

Hi Morgan,
 series: v1 demo_eth fixes for 6.8-rc5                                                         1/42

Two fixes for leaks and an out-of-bounds index in the
demo Ethernet driver, both present since the driver was added.

----------------------------------------------------------------
Jane Doe (2):
      demo_eth: free the rx ring when the interface goes down
      demo_eth: wrap the tx head at the ring size

 drivers/net/ethernet/demo/demo_main.c | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

No patches: a pull request
 series: v1 demo_eth fixes for 6.8-rc5                                                        42/42

status 0' "$(sv $PULL 'dump
key G
dump' --screen 14x100)"

check_eq 'a single patch without cover letter, encoded author, TERM=vt100 LANG=C: no colours, ASCII' \
'{reverse}scripts/decode_lite.sh: use read -r so that backslashes in oops lines survive   
{bold}decoding
From:       Philippe Mathieu-Daud? <philmd@example.net>
Date:       2024-01-26 10:17:00 +0000
Version:    {bold}[v2]
Patches:    1/1
Reviews:    Acked-by 0, Reviewed-by 1, Tested-by 0
Replies:    1
Message-ID: <@ENCODED@>

{bold}No cover letter

{bold,reverse} series: v2 scripts/decode_lite.sh: use read -r so that backslashes in oop 1/20 

status 0' "$(TERM=vt100 LC_ALL=C sv $ENCODED 'dump attrs' --screen 14x80)"

check_eq 'the same in UTF-8 colours: the name decoded, areas for title, headers, version' \
'{cursor}scripts/decode_lite.sh: use read -r so that backslashes in oops lines survive   
{title,bold}decoding
{header}From:{}       Philippe Mathieu-Daudé <philmd@example.net>
{header}Date:{}       2024-01-26 10:17:00 +0000
{header}Version:{version}    {mark,bold}[v2]' \
"$(sv $ENCODED 'dump attrs' --screen 14x80 | head -5)"

check_eq 'the 40-patch series: the last rows, the diffstat of all 40' \
'  35/40   +1/-0  0/1/0   0  lib/errname_lite: name EDEADLK
  36/40   +1/-0  0/1/0   0  lib/errname_lite: name ENAMETOOLONG
  37/40   +1/-0  0/1/0   0  lib/errname_lite: name ENOLCK
  38/40   +1/-0  0/1/0   0  lib/errname_lite: name ENOSYS
  39/40   +1/-0  0/1/0   0  lib/errname_lite: name ENOTEMPTY
  40/40   +1/-0  0/1/0   1  lib/errname_lite: name ELOOP

Diffstat of all patches
 lib/errname_lite.c | 60 ++++++++++++++++++++++++++++++++++++++++++++++
 1 file changed, 60 insertions(+)
 series: v1 lib: errname_lite, a name for every error code                        112/112

status 0' "$(sv $FORTY 'key G
dump' --screen 12x90)"

check_eq 'n five times in the patch view, then q: the series view'\''s cursor on 6/40' \
'{cursor}   6/40   +1/-0  0/1/0   0  lib/errname_lite: name ENXIO                                  ' \
"$(sv $FORTY 'type /^ +1/40
key Enter Enter n n n n n
key q
dump attrs' --screen 8x90 | grep '^{cursor}')"

check_eq 't on a patch row opens its review thread; Enter on the header the whole series discussion' \
'2023-12-20  Mara Lind                  [PATCH 40/40] lib/errname_lite: name ELOOP
2023-12-21  Morgan Hale                └─>

 thread: [PATCH 40/40] lib/errname_lite: name ELOOP                                   1/2

2023-12-20  Mara Lind                  [PATCH 00/40] lib: errname_lite, a name for every e
2023-12-20  Mara Lind                  ├─>[PATCH 01/40] lib/errname_lite: add errname_lite
2023-12-20  Mara Lind                  ├─>[PATCH 02/40] lib/errname_lite: name ENOENT
 thread: lib: errname_lite, a name for every error code                              1/43

status 0' "$(sv $FORTY 'type /^ +40/40
key Enter t
dump
key q g Enter
dump' --screen 5x90)"

check_eq 'an unknown Message-ID: one line saying so, cut with a mark on 5 lines' \
"no message <nosuch@example.org> in the notmuch database; 'patchdeck list' shows…" \
"$(sv nosuch@example.org dump --screen 5x80 | sed -n 5p)"

# Taller, the message takes the lines it needs above the last, broken at
# spaces, and the list stays below it.
check_eq 'an unknown Message-ID on 12 lines: the whole message, over the list' \
"2024-01-29 Dmitry Volkov    v1    12/12  A6 R0 T0 (7)   [RFC] treewide: fix miss
no message <nosuch@example.org> in the notmuch database; 'patchdeck list' shows
the series and their ids" \
"$(sv nosuch@example.org dump --screen 12x80 | sed -n 10,12p)"

# Enter on a row of the whole list reads only the threads the list has for
# the series (issue 7); `open series ID` and `patchdeck show ID` find the
# other revisions through the senders' patches instead. Every row of the
# demo list, opened both ways: the same screen, and the revisions show
# names.
nrows=$("$PATCHDECK" list | wc -l)
script=
for _ in $(seq "$nrows"); do
	script+=$'echo ====\nkey Enter\ndump\nkey q\nkey j\n'
done
tui_run "$script" --screen 40x200 | sed '/^status /,$d' >"$PD_TMP/entered"
awk '/^====$/ { n++; next } { print > (dir "/entered." n) }' dir="$PD_TMP" "$PD_TMP/entered"
same=0 versions=0 ids=
for i in $(seq "$nrows"); do
	id=$(sed -n 's/^Message-ID: <\(.*\)>$/\1/p' "$PD_TMP/entered.$i")
	ids+="$id "
	[ "$(tui_run "open series $id
dump" --screen 40x200 | sed '/^status /,$d')" = "$(cat "$PD_TMP/entered.$i")" ] &&
		same=$((same + 1))
	want=$("$PATCHDECK" show "$id" | awk '/^Revisions:/ { on = 1; sub(/^Revisions:/, "") }
		on && !NF { exit }
		on { printf "%s%s", sep, ($3 == "(this" ? "[" $1 "]" : $1); sep = " " }')
	[ "$(sed -n 's/^Version: *//p' "$PD_TMP/entered.$i")" = "$want" ] &&
		versions=$((versions + 1))
done
check_eq "Enter on each of the list's $nrows rows: the series view open series gives" \
	"$nrows" "$same"
check_eq "Enter on each of the list's $nrows rows: the revisions patchdeck show names" \
	"$nrows" "$versions"
check_eq 'Enter on each row: one series view per row, each a revision of its own' \
	"$nrows" "$(printf '%s\n' $ids | sort -u | wc -l)"

# ---------------------------------------------------------------- real archive
if [ -n "$PD_CORPUS" ] &&
	PD_CORPUS_DIR=$("$top_srcdir/tests/corpus/real-corpus" --quiet 2>"$PD_TMP/real-corpus.err"); then
	export NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config
	BIG=20260212024725.11264-1-wanjay@amazon.com    # 106 patches, the longest complete series
	GAPS=20260423-submit-dyndbg-classmap-foundation-v14-0-2b809a8019d0@gmail.com # 19 of 92
	RPULL=20260413002616.1966468-2-samitolvanen@google.com

	# The reader's rows as "n +a/-d", and git's own count of each mail.
	sv $BIG 'key G
dump' --screen 1000x200 | awk '$1 ~ /^[0-9]+\/106$/ { sub(/\/106/, "", $1); print $1, $2 }' \
		>"$PD_TMP/rows"
	for id in $("$PATCHDECK" show --json "$BIG" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["patches"]:
    print(p["n"], p["id"])' | tr ' ' ':'); do
		n=${id%%:*}
		notmuch show --format=raw "id:${id#*:}" | git mailinfo "$PD_TMP/msg" "$PD_TMP/patch" >/dev/null
		# Outside any repository: inside one (a build directory in the
		# checkout), git apply ignores paths outside the current directory.
		(cd "$PD_TMP" && GIT_CEILING_DIRECTORIES=${PD_TMP%/*} git apply --numstat patch) |
			awk -v n="$n" '$1 != "-" { a += $1; d += $2 } END { printf "%s +%d/-%d\n", n, a, d }'
	done >"$PD_TMP/git"
	check_eq 'real archive: 106 patch rows, each +a/-d as git apply --numstat counts the mail' \
		"$(cat "$PD_TMP/git")" "$(cat "$PD_TMP/rows")"
	check_eq 'real archive: 106 rows (not a count from the same code)' 106 "$(wc -l <"$PD_TMP/rows")"

	sv $GAPS 'key G
dump' --screen 1000x120 >"$PD_TMP/gaps"
	got=$(awk '$1 ~ /^[0-9]+\/92$/ && $0 !~ /missing: never received/ { sub(/\/92/, "", $1); print $1 }' \
		"$PD_TMP/gaps")
	want=$(notmuch search --output=messages "thread:{id:$GAPS}" | while read -r m; do
		notmuch show --format=raw --entire-thread=false "$m" |
			sed -n 's/^Subject: \[PATCH v14 0*\([1-9][0-9]*\)\/92\].*/\1/p' | head -n 1
	done | sort -n | uniq)
	check_eq 'real archive: the received numbers of a 19-of-92 series are the subjects notmuch has' \
		"$want" "$got"
	check_eq 'real archive: the other 73 numbers are rows marked missing' 73 \
		"$(grep -c '^ *[0-9]*/92 *missing: never received$' "$PD_TMP/gaps")"

	# The oracle: Python's own MIME decoding of the mail (it is
	# quoted-printable), then the line after git request-pull's phrase.
	url=$(notmuch show --format=raw "id:$RPULL" | python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
lines = m.get_body(("plain",)).get_content().splitlines()
i = next(k for k, l in enumerate(lines) if "are available in the Git repository at:" in l)
print(next(l for l in lines[i + 1:] if l.strip()).strip())')
	check_eq 'real archive: a pull request shows the repository line of the mail' \
		"Pull:       $url" "$(sv $RPULL dump --screen 12x200 | grep '^Pull:')"
else
	tap_skip 'real archive: per-patch +a/-d against git apply --numstat' "no real corpus"
	tap_skip 'real archive: 106 rows' "no real corpus"
	tap_skip 'real archive: received numbers of a 19-of-92 series' "no real corpus"
	tap_skip 'real archive: missing rows' "no real corpus"
	tap_skip 'real archive: a pull request' "no real corpus"
fi

tap_done
