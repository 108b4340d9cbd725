#!/bin/bash
# patchdeck digest against the real digests in shared/reference: a store of
# mail like the mail each one summarises (tests/corpus/digest-mail rebuilds
# it from the digest and tests/corpus/digest/NNN.spec), indexed by notmuch,
# must give that digest line for line with its defects fixed (the fixes are
# listed in digest-mail). Then the JSON agrees with the text, and the usage
# errors are one line each.
. "$top_srcdir/tests/lib.sh"

ref="${PD_SHARED:-}/reference"
[ -d "$ref" ] || tap_skip_all "no reference digests: $(realpath -m "${PD_SHARED:-../shared}/reference") is absent (put the project's shared/ beside the checkout or set PD_SHARED)"
gen="$top_srcdir/tests/corpus/digest-mail"

# store N: the maildir and notmuch config for reference N in $PD_TMP/N.
store() {
	local dir="$PD_TMP/$1"
	mkdir -p "$dir"
	"$gen" mail "$ref/$1"_*.txt "$top_srcdir/tests/corpus/digest/$1.spec" "$dir/mail" || return 1
	printf '[database]\npath=%s\n[new]\ntags=unread;inbox\n' "$dir/mail" >"$dir/nm.conf"
	notmuch --config="$dir/nm.conf" new >/dev/null 2>&1
}

for n in 000 001 002 004; do
	spec="$top_srcdir/tests/corpus/digest/$n.spec"
	if ! store "$n"; then
		tap_not_ok "digest $n: the store could not be built"
		continue
	fi
	set -- $(awk '$1 == "range" { print $2, $3 }' "$spec")
	"$gen" expected "$ref/$n"_*.txt "$spec" >"$PD_TMP/$n.want"
	"$PATCHDECK" --notmuch-config "$PD_TMP/$n/nm.conf" digest --list KVM \
		--from "$1" --to "$2" >"$PD_TMP/$n.got" 2>&1
	echo "exit $?" >>"$PD_TMP/$n.got"
	echo "exit 0" >>"$PD_TMP/$n.want"
	# Byte for byte, trailing blank lines included (the . keeps them).
	check_eq "digest $n: the reference's layout, its defects fixed" \
		"$(cat "$PD_TMP/$n.want"; echo .)" "$(cat "$PD_TMP/$n.got"; echo .)"
done

# The JSON of the same digest says what the text says.
conf="$PD_TMP/002/nm.conf"
"$PATCHDECK" --notmuch-config "$conf" digest --list KVM --from 2025-11-24 --to 2025-11-30 \
	>"$PD_TMP/002.txt"
"$PATCHDECK" --notmuch-config "$conf" digest --list KVM --from 2025-11-24 --to 2025-11-30 \
	--json >"$PD_TMP/002.json"
check_eq "digest --json: mail counts, tables and entries agree with the text" \
"mails 70, people 70, domains 70
contributors 52 Philippe Mathieu-Daudé <philmd@linaro.org>
entries 12 (2 skipped), all in the text in order: True
skipped point at an earlier entry: True" \
"$(python3 - "$PD_TMP/002.json" "$PD_TMP/002.txt" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read().split("\n")
print("mails %d, people %d, domains %d" % (len(d["mails"]),
      sum(r["count"] for r in d["contributors"]), sum(r["count"] for r in d["domains"])))
top = d["contributors"][0]
print("contributors %d %s" % (top["count"], top["person"]))
subjects = [l for i, l in enumerate(text) if i > 0 and
            (text[i - 1].startswith("New:  ") or l.startswith(" Skip: "))]
ours = [(" Skip: " if e["exists"] else "") + e["subject"] for e in d["entries"]]
print("entries %d (%d skipped), all in the text in order: %s" % (
      len(d["entries"]), sum(1 for e in d["entries"] if e["exists"]), subjects == ours))
ids = [e["id"] for e in d["entries"]]
print("skipped point at an earlier entry: %s" % all(
      ids.index(e["exists"]) < i for i, e in enumerate(d["entries"]) if e["exists"]))
EOF
)"

# Only the days asked for: a range with none of the mail is the bare layout.
check_eq "digest of a range without mail: headings, empty tables, no entries" \
"From 2020-01-01 to 2020-01-31
KVM mailing list update from 2020-01-01 to 2020-01-31

Top 15 contributor Email domains (Based on Email Body)


Top 15 contributors (Based on Email Body)


===== Patch list in this time period =====


===== Patch Commit Messages ====

." "$("$PATCHDECK" --notmuch-config "$conf" digest --list KVM --from 2020-01-01 --to 2020-01-31; echo .)"

# A QUERY narrows the threads: Jim Mattson's series alone.
check_eq "digest QUERY: only the matching threads are read" \
"      3  Jim Mattson <jmattson@google.com>
v2 2/2  KVM: SVM: Handle EferLmsleUnsupported -- Jim Mattson <jmattson@google.com>" \
"$("$PATCHDECK" --notmuch-config "$conf" digest from:jmattson@google.com | grep -E '^ +[0-9]+  |^v[0-9]')"

check_run "digest --from with a bad day: one line, usage status" 2 "" \
"patchdeck digest: --from wants a day as YYYY-MM-DD (like 2025-11-10), not '2025-02-30'" -- \
	"$PATCHDECK" --notmuch-config "$conf" digest --from 2025-02-30
check_run "digest --to before --from: one line, usage status" 2 "" \
"patchdeck digest: --to 2025-01-01 is before --from 2025-02-01; give the earlier day to --from" -- \
	"$PATCHDECK" --notmuch-config "$conf" digest --from 2025-02-01 --to 2025-01-01
check_run "digest --list without a value: one line, usage status" 2 "" \
"patchdeck digest: --list needs a value; try 'patchdeck --help'" -- \
	"$PATCHDECK" --notmuch-config "$conf" digest --list
check_run "digest with an unknown option: one line, usage status" 2 "" \
"patchdeck digest: unknown option '--since'; try 'patchdeck --help'" -- \
	"$PATCHDECK" --notmuch-config "$conf" digest --since 2025-01-01

tap_done
