#!/bin/bash
# The list's apply mark on every row (issue 5), worked out between keys:
# the rows on screen, then the next screen, one row per slice of work (the
# scripted `work` command, so no clock decides what a dump shows); the
# status line counts; each mark is what `patchdeck apply --check` and
# `patchdeck merged` say of the series (held against git am and git
# patch-id --stable by tests/cli/apply-check.sh and merged.sh): = every
# patch already merged, ✓ applies on HEAD, ~ only on its base, ✗ neither
# (or patches missing), nothing for a pull request. A second start shows
# the marks kept on disk at once; a HEAD that moved asks again. Then the
# same on the real corpus (linux-modules mail, the kmod tree).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
pd_try_real_corpus
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config TERM=xterm-256color
unset NO_COLOR
T=$PD_TMP
git clone -q "$PD_DEMO/tree" "$T/tree" && git -C "$T/tree" config user.name "Max Maintainer" &&
	git -C "$T/tree" config user.email max@example.org ||
	{ echo "Bail out! cannot clone the demo tree"; exit 1; }

# ids_by_date [QUERY]: the latest revision of every series, as the reader lists
# them (newest first, ties in the model's order): ID KIND COMPLETE TITLE.
ids_by_date() {
	"$PATCHDECK" list --json "$@" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
rows = sorted(rows, key=lambda s: s["date"], reverse=True)
for s in rows:
    print(s["id"], s["kind"], s["complete"], s["title"])'
}
# expect_mark ID KIND COMPLETE TREE: the mark the CLI's verdicts call for.
expect_mark() {
	if [ "$2" = pull ]; then echo " "; return; fi
	local chk mg total found
	chk=$("$PATCHDECK" --tree "$4" apply --check "$1" 2>/dev/null)
	mg=$("$PATCHDECK" --tree "$4" merged "$1" 2>/dev/null)
	total=$(grep -cE '^[0-9]+/[0-9]+ ' <<<"$mg")
	found=$(grep -cE '^[0-9]+/[0-9]+ [0-9a-f]{7,} ' <<<"$mg")
	if [ "$3" = True ] && [ "$total" -gt 0 ] && [ "$found" = "$total" ]; then
		echo "="
	elif [ "$3" = True ] && grep -qE '^on HEAD .*: applies$' <<<"$chk"; then
		echo "✓"
	elif [ "$3" = True ] && grep -qE '^on base .*: applies$' <<<"$chk"; then
		echo "~"
	else
		echo "✗"
	fi
}
# marks BEFORE AFTER: the column where two dumps of the same rows differ
# (the mark), one character per row, "." where AFTER has none; fails when
# anything else on the rows differs. The column is kept in $T/col for
# marks_at FILE, the marks of a dump read there.
marks() {
	python3 - "$1" "$2" "$T/col" <<'EOF'
import sys
a, b = (open(f, encoding="utf-8").read().split("\n") for f in sys.argv[1:3])
col = None
for x, y in zip(a, b):
    if x != y:
        col = next(i for i, (p, q) in enumerate(zip(x, y)) if p != q)
        break
out = []
for x, y in zip(a, b):
    if col is None or len(y) <= col:
        continue
    if x[:col] + x[col + 1:] != y[:col] + y[col + 1:] or x[col] != " ":
        sys.exit("rows differ beyond the mark: %r / %r" % (x, y))
    out.append(y[col] if y[col] != " " else ".")
if col is not None:
    open(sys.argv[3], "w").write("%s\n" % col)
print("".join(out))
EOF
}
marks_at() {
	python3 - "$1" "$(cat "$T/col")" <<'EOF'
import sys
col = int(sys.argv[2])
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if len(l) > col]
print("".join(l[col] if l[col] != " " else "." for l in lines))
EOF
}

# 10 rows on screen, so 20 checked; the list has more.
tv() { tui_run "$1" --tree "$T/tree" --screen 12x200; }
screen() { awk -v n="@$1" '/^@[0-9]+$/ { on = $0 == n; next } /^status / { on = 0 } on' <<<"$out"; }
rows() { screen "$1" | head -n 10 >"$T/rows.$1"; }
title() { screen "$1" | sed -n 11p | sed 's/  */ /g'; }

out=$(tv "echo @1
dump
work 1
echo @2
dump
work
echo @3
dump
key PgDn
echo @4
dump
work
echo @5
dump")
rows 1; rows 2; rows 3; rows 4; rows 5
ids_by_date >"$T/ids"
total=$(wc -l <"$T/ids")
want=""
while read -r id kind complete _; do
	want+=$(expect_mark "$id" "$kind" "$complete" "$T/tree")
done < <(head -n 20 "$T/ids")
want=$(sed 's/ /./g' <<<"$want")

check_eq "the first screen: no mark yet, the list as it always was" \
	" list: * ($total series) 1/$total" "$(title 1)"
check_eq "one slice: the first row checked, the status line counts the 20 rows of two screens" \
	"${want:0:1}......... | list: * ($total series, apply check: 1/20) 1/$total" \
	"$(marks "$T/rows.1" "$T/rows.2") |$(title 2)"
check_eq "done: every row on screen marked as apply --check and merged say, the count gone" \
	"${want:0:10} | list: * ($total series) 1/$total" \
	"$(marks "$T/rows.1" "$T/rows.3") |$(title 3)"
check_eq "the next screen was checked too: marked as soon as it is shown, nothing left to count" \
	"${want:10:10} | list: * ($total series) 11/$total" "$(marks_at "$T/rows.4") |$(title 4)"
check_eq "work there: the screen after it is checked, this one unchanged" \
	"$(cat "$T/rows.4") | list: * ($total series) 11/$total" "$(cat "$T/rows.5") |$(title 5)"
check_eq "the marks cover the kinds the demo has: merged, applies on HEAD, only on base, neither, pull" \
	"= ✓ ~ ✗ ." "$(for m in = ✓ '~' ✗ .; do grep -qF -- "$m" <<<"$want" && printf '%s ' "$m"; done | sed 's/ $//')"

# A second start: the marks from disk on the first screen, no work.
second=$(tv "dump")
screen_rows() { sed -n 1,10p; }
check_eq "a second start shows the kept marks at once" \
	"$(cat "$T/rows.3")" "$(screen_rows <<<"$second")"
check_eq "kept on disk: one line per checked row (all $total: three screens were shown), for the tree's HEAD" \
	"$total" "$(wc -l <"$XDG_CACHE_HOME/patchdeck/check/$(git -C "$T/tree" rev-parse HEAD)")"

# HEAD moves: the kept marks are for another HEAD; nothing shown until checked.
git -C "$T/tree" commit -q --allow-empty -m "an empty commit"
moved=$(tv "dump")
check_eq "HEAD moved: no mark until the rows are checked again" \
	"$(cat "$T/rows.1")" "$(screen_rows <<<"$moved")"

# Only a `tree net-next DIR` in the config: the net-next series is checked
# against it, the rows of other targets have no tree and no mark (and are
# not read for nothing).
cp "$XDG_CONFIG_HOME/patchdeck/config" "$T/config.saved"
printf 'tree net-next %s\n' "$T/tree" >>"$XDG_CONFIG_HOME/patchdeck/config"
rm -rf "$XDG_CACHE_HOME/patchdeck/check"
named=$(tui_run "work
dump" --screen 12x200 | sed -n 1,10p)
printf '%s\n' "$named" >"$T/rows.named"
check_eq "tree net-next DIR alone: the [net-next] row marked as with --tree, the others not" \
	"$(paste -d' ' <(grep -o . <<<"${want:0:10}") "$T/rows.3" | while read -r m rest; do
		if [[ $rest == *"[net-next]"* ]]; then printf '%s' "$m"; else printf .; fi; done)" \
	"$(marks_at "$T/rows.named")"
cp "$T/config.saved" "$XDG_CONFIG_HOME/patchdeck/config"
# The real corpus: the kmod series of linux-modules against the kmod tree,
# its patch-id history read cold between keys first.
if $have_corpus; then
	export NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config
	git clone -q "$PD_CORPUS_DIR/kmod" "$T/kmod" || { echo "Bail out! cannot clone the kmod tree"; exit 1; }
	q='subject:kmod or subject:libkmod or subject:depmod or subject:modprobe'
	out=$(tui_run "echo @1
dump
work 1
echo @2
dump
work
echo @3
dump" --tree "$T/kmod" --screen 12x200 "$q")
	rows 1; rows 2; rows 3
	want=""
	while read -r id kind complete _; do
		want+=$(expect_mark "$id" "$kind" "$complete" "$T/kmod")
	done < <(ids_by_date "$q" | head -n 10)
	want=$(sed 's/ /./g' <<<"$want")
	check_eq "kmod: the first slice reads the cold patch-id history, counted on the status line" \
		"merged check: 0/$(git -C "$T/kmod" rev-list --count HEAD | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') commits" \
		"$(title 2 | grep -oE 'merged check: [0-9,]+/[0-9,]+ commits' | sed 's|check: [0-9,]*/|check: 0/|')"
	check_eq "kmod: every row on screen marked as apply --check and merged say" \
		"$want" "$(marks "$T/rows.1" "$T/rows.3")"
	check_eq "kmod: real series that apply and real ones that do not" \
		"yes" "$(grep -q '[✓~=]' <<<"$want" && grep -q '✗' <<<"$want" && echo yes)"
else
	for n in "history counted" "marks" "kinds"; do
		tap_skip "kmod: $n" "no real corpus beside the checkout"
	done
fi
tap_done
