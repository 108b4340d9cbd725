#!/bin/bash
# Jumps from a file of a patch into the tree, on the demo list and a clone
# of its tree: b (the file at the series' base, the hunk's lines marked),
# L (its history), M (its maintainers from MAINTAINERS), e ($EDITOR at the
# hunk's line). The expected screens come from git itself (git show of the
# file at the base, git log -- PATH) and from the tree's MAINTAINERS.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config TERM=xterm-256color
unset NO_COLOR

first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}
T=$PD_TMP
git clone -q "$PD_DEMO/tree" "$T/tree" && git -C "$T/tree" config user.name "Max Maintainer" &&
	git -C "$T/tree" config user.email max@example.org ||
	{ echo "Bail out! cannot clone the demo tree"; exit 1; }
V3=$(first_id revisions-v3)
F=drivers/net/ethernet/demo/demo_main.c
base=$(git -C "$T/tree" log -1 --format=%H "$(notmuch show --format=raw "id:$V3" | sed -n 's/^base-commit: //p')")

# v3's patch 2/3, the cursor on the diffstat line of demo_main.c.
to_stat="open series $V3
type /^  2.3 
key Enter Enter
type /^ drivers.*demo_main
key Enter"
# ... and on the hunk header of its second hunk.
to_hunk="open series $V3
type /^  2.3 
key Enter Enter
type /^@@ -128
key Enter"
tj() { local s=$1; shift; tui_run "$s" --tree "$T/tree" "$@"; }
# numbered REV PATH FROM TO: the file as the view shows it, lines FROM..TO.
numbered() {
	git -C "$T/tree" show "$1:$2" | awk '{ printf "%6d %s\n", NR, $0 }' | expand -t 8 |
		sed -e 's/ *$//' -n -e "$3,$4p"
}
n=$(git -C "$T/tree" show "$base:$F" | wc -l)

check_eq 'b on a diffstat line: the file at the base (base-commit), its first hunk marked, opened there' \
"$(numbered "$base" "$F" 70 81)
$(printf ' %-102s%s' "tree: $F at $(git -C "$T/tree" rev-parse --short "$base") (base-commit)" "73/$n")
lines 73-83: the hunk's
status 0" \
"$(tj "$to_stat
key b
dump" --screen 14x110)"

check_eq 'b on a hunk: that hunk (128, 6 lines) in the mark area, the cursor on its first line' \
"{cursor}   128  priv->ndev = ndev;
{header}   129{mark,bold}  priv->dev = &pdev->dev;
{header}   133{mark,bold}  if (!priv->regs)
{header}   134{}          return -ENOMEM;
{message}lines 128-133: the hunk's" \
"$(tj "$to_hunk
key b
dump attrs" --screen 14x110 | grep -E '^\{(header|cursor)\} +(128|129|133|134)[ {]|^\{message\}' | sed 's/ *$//')"

check_eq 'L: the history of the file as git log -- PATH lists it (HEAD, newest first)' \
"$(git -C "$T/tree" log --format='%h %ad %an: %s' --date=short -- "$F")" \
"$(tj "$to_stat
key L
dump" --screen 30x110 | sed -n '1,/^$/p' | sed '/^$/d')"

check_eq 'M: the sections covering the file, most specific first; X: drivers/net/ethernet/demo/ keeps NETWORKING DRIVERS out' \
"DEMO ETHERNET DRIVER
  M: Jane Doe <jane@example.org>
  R: Anna Schmidt <anna.schmidt@example.de>
  L: linux-demo@lists.example.org
  S: Maintained
  (F:   drivers/net/ethernet/demo/)

THE REST
  M: Morgan Hale <morgan@kernel.example.org>
  L: linux-demo@lists.example.org
  S: Buried alive in reporters
  (F:   */)" \
"$(tj "$to_stat
key M
dump" --screen 20x110 | sed -n '1,12p')"

check_eq 'M: sections in MAINTAINERS order agree with its F: lines (grep), N: regexes match too' \
"DEMO ETHERNET DRIVER
DEMO BY NAME
THE REST" \
"$(git -C "$T/tree" checkout -q -b with-n && printf '\nDEMO BY NAME\nM:\tNed <ned@example.org>\nS:\tMaintained\nN:\tdemo_ma[i]n\n' >> "$T/tree/MAINTAINERS" &&
	git -C "$T/tree" commit -q -am 'MAINTAINERS: an N: entry' &&
	tj "$to_stat
key M
dump" --screen 40x110 | grep -E '^[A-Z]')"

cat > "$T/ed" <<EOF
#!/bin/sh
echo "\$@" > "$T/edited"
EOF
chmod +x "$T/ed"
# hunk2 DIR: where git apply puts v3 2/3's second hunk in DIR's work tree.
hunk2() {
	notmuch show --format=raw "id:$(sed -n 's/^  <\(.*\)>  \[PATCH v3 2\/3\].*/\1/p' "$PD_DEMO/CASES")" |
		git -C "$1" apply --check -v - 2>&1 |
		sed -n 's/^Hunk #2 succeeded at \([0-9]*\).*/applies at \1/p'
}
check_eq 'e: $EDITOR on the work tree file at the line where the hunk applies (as git apply finds it), the screen back after' \
"+129 $T/tree/$F
@@ -128,6 +128,8 @@ static int demo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
edited $F at line 129, where the hunk applies (mail: 128)
applies at 129" \
"$(VISUAL= EDITOR="$T/ed" tj "$to_hunk
key e
dump" --screen 3x110 >"$T/out"; cat "$T/edited"; sed -n '1p;3p' "$T/out"; hunk2 "$T/tree")"

# Five lines added at the top since the patch was written: the hunk
# applies five lines further down, and that is where the editor opens.
check_eq 'e: the line where the hunk applies now (after an offset), not the mail'"'"'s' \
"+134 $T/tree/$F
edited $F at line 134, where the hunk applies (mail: 128)
applies at 134" \
"$( (printf '/* 1 */\n/* 2 */\n/* 3 */\n/* 4 */\n/* 5 */\n'; cat "$T/tree/$F") >"$T/f.new" &&
	mv "$T/f.new" "$T/tree/$F" && git -C "$T/tree" commit -q -a -m 'five lines on top'
	VISUAL= EDITOR="$T/ed" tj "$to_hunk
key e
dump" --screen 3x110 >"$T/out"; cat "$T/edited"; sed -n '3p' "$T/out"; hunk2 "$T/tree")"
check_eq 'e: the hunk'"'"'s lines gone from the work tree: the mail'"'"'s line, and it says so' \
"+128 $T/tree/$F
edited $F at line 128, the mail's: the hunk's lines are not there" \
"$(sed -i '/spin_lock_init(&priv->lock);/d' "$T/tree/$F" && git -C "$T/tree" commit -q -a -m 'no lock'
	VISUAL= EDITOR="$T/ed" tj "$to_hunk
key e
dump" --screen 3x110 >"$T/out"; cat "$T/edited"; sed -n '3p' "$T/out")"

check_eq 'no MAINTAINERS: one line' \
"the tree $T/tree/.git has no MAINTAINERS file at HEAD: nobody to name" \
"$(git -C "$T/tree" rm -q MAINTAINERS && git -C "$T/tree" commit -q -m 'no MAINTAINERS' &&
	tj "$to_stat
key M
dump" --screen 3x110 | sed -n 3p)"

git clone -q --bare "$PD_DEMO/tree" "$T/bare.git"
check_eq 'e in a bare tree: one line, no editor' \
"the tree $T/bare.git is bare: it has no files to edit" \
"$(VISUAL= EDITOR=false tui_run "$to_hunk
key e
dump" --tree "$T/bare.git" --screen 3x110 | sed -n 3p)"
check_eq 'b in a bare tree works (read from the object store)' \
"lines 128-133: the hunk's" \
"$(tui_run "$to_hunk
key b
dump" --tree "$T/bare.git" --screen 3x110 | sed -n 3p)"

check_eq 'b away from any file: says where to go' \
"move to a file first: a diffstat line or a file's diff" \
"$(tj "open series $V3
type /^  2.3 
key Enter Enter
key b
dump" --screen 3x110 | sed -n 3p)"

check_eq 'no tree: L says how to name one' \
"no git tree: pass --tree DIR or add 'tree DIR' to the config" \
"$(tui_run "$to_stat
key L
dump" --screen 3x110 | sed -n 3p)"

tap_done
