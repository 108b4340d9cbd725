#!/bin/bash
# patchdeck digest on the real archive (../shared/corpus, linux-modules),
# September 2024, checked against notmuch and against itself: the mails it
# counts are exactly the bracket-subject mails notmuch dates in that month
# (no reply, no announcement there), the tables add up to them, the text
# and the JSON list the same entries and table rows in the same order.
. "$top_srcdir/tests/lib.sh"
pd_use_real_corpus
conf="$PD_CORPUS_DIR/notmuch-config"
range=(--from 2024-09-01 --to 2024-09-30)

"$PATCHDECK" --notmuch-config "$conf" digest --list linux-modules "${range[@]}" >"$PD_TMP/d.txt"
rc_text=$?
"$PATCHDECK" --notmuch-config "$conf" digest --list linux-modules "${range[@]}" --json \
	>"$PD_TMP/d.json"
rc_json=$?
check_eq "digest and digest --json succeed" "0 0" "$rc_text $rc_json"

notmuch --config="$conf" search --output=messages \
	'date:2024-09-01..2024-09-30 and subject:"/^\[/"' | sed 's/^id://' | sort >"$PD_TMP/nm.ids"
python3 -c 'import json, sys
for m in json.load(open(sys.argv[1]))["mails"]: print(m["id"])' "$PD_TMP/d.json" |
	sort >"$PD_TMP/pd.ids"
check_eq "the mails counted are the bracket-subject mails notmuch dates in the range ($(wc -l <"$PD_TMP/nm.ids"))" \
	"$(cat "$PD_TMP/nm.ids")" "$(cat "$PD_TMP/pd.ids")"

check_eq "text and JSON agree: heading, tables, patch list, entries" \
"heading: True
tables add up to the mails: True
table rows in the text: True
patch list lines: True
entries in the text, in order: True
entries in date order: True" \
"$(python3 - "$PD_TMP/d.json" "$PD_TMP/d.txt" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read().split("\n")
print("heading: %s" % (text[:2] == ["From 2024-09-01 to 2024-09-30",
      "linux-modules mailing list update from 2024-09-01 to 2024-09-30"]))
n = len(d["mails"])
print("tables add up to the mails: %s" % (
      sum(r["count"] for r in d["contributors"]) == n == sum(r["count"] for r in d["domains"])))
def block(title):
    i = text.index(title) + 2
    j = text.index("", i)
    return text[i:j]
doms = ["%7d %s" % (r["count"], r["domain"]) for r in d["domains"][:15]]
ppl = ["%7d  %s" % (r["count"], r["person"]) for r in d["contributors"][:15]]
print("table rows in the text: %s" % (
      block("Top 15 contributor Email domains (Based on Email Body)") == doms and
      block("Top 15 contributors (Based on Email Body)") == ppl))
pl = block("===== Patch list in this time period =====")
print("patch list lines: %s" % (len(pl) == len(d["series"]) and all(
      l.split()[0] == s["version"] and (" %s -- " % s["title"]) in l
      for l, s in zip(pl, d["series"]))))
subjects = [l for i, l in enumerate(text) if i > 0 and
            (text[i - 1].startswith("New:  ") or l.startswith(" Skip: "))]
ours = [(" Skip: " if e["exists"] else "") + e["subject"] for e in d["entries"]]
print("entries in the text, in order: %s" % (subjects == ours and len(ours) > 0))
dates = [m["date"] for m in d["mails"]]
print("entries in date order: %s" % (dates == sorted(dates)))
EOF
)"

tap_done
