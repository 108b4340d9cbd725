#!/bin/bash
# The tree in the reader, on the demo list and a clone of its tree: the
# series view's On base:/On HEAD: lines and base/HEAD column (the same
# verdicts `apply --check` prints, which tests/cli/apply-check.sh holds
# against git am), the list's mark once a series was checked, and `a`:
# the question naming branch and base, n applying nothing, y making the
# branch `patchdeck apply` makes and tagging the series pd/applied, a
# dirty work tree left alone. Whole screens are compared exactly. On a
# private copy of the demo's database, since `a` writes tags.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib-tui.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
# The database and mail copied as they are: notmuch keeps the files'
# paths relative to mail_root.
cp -r "$PD_DEMO/db" "$PD_DEMO/mail" "$PD_TMP/" || { echo "Bail out! cannot copy the demo list"; exit 1; }
sed -e "s|^path=.*|path=$PD_TMP/db|" -e "s|^mail_root=.*|mail_root=$PD_TMP/mail|" \
	"$PD_DEMO/notmuch-config" >"$PD_TMP/notmuch-config"
export NOTMUCH_CONFIG=$PD_TMP/notmuch-config TERM=xterm-256color
unset NO_COLOR

first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}
T=$PD_TMP
git clone -q "$PD_DEMO/tree" "$T/tree" && git -C "$T/tree" config user.name "Max Maintainer" &&
	git -C "$T/tree" config user.email max@example.org ||
	{ echo "Bail out! cannot clone the demo tree"; exit 1; }
short() { git -C "$T/tree" rev-parse --short "$1"; }
subj() { git -C "$T/tree" log -1 --format=%s "$1"; }
rc1=$(git -C "$T/tree" log --format=%H --grep='^Linux 6.8-rc1$' -1)
CONFLICT=$(first_id conflict)
CLEAN=$(first_id clean)
MISSING=$(first_id missing)

# tv SCRIPT [ARGS]: the reader on the clone.
tv() { local s=$1; shift; tui_run "$s" --tree "$T/tree" "$@"; }

check_eq 'series view: On base:/On HEAD: below the header, base/HEAD per patch; a conflict on HEAD' \
"Message-ID: <$CONFLICT>
On base:    $(short "$rc1") (exact) $(subj "$rc1"): applies
On HEAD:    $(short master) (master) $(subj master): fails at patch 1/2: net/core/dev_stats.c hunk 1 (@@ -6,9 +6,9 @@): hunk at line 6 did not apply

Cover letter
--
    #    +/-  A/R/T  Re  base/HEAD  Title
  1/2  +3/-3  0/0/0   0  ok/FAIL    net: dev_stats: use u64 for the core counters
  2/2  +2/-2  0/0/0   0  ok/-       net: dev_stats: take the lock with bottom halves disabled" \
"$(tv "open series $CONFLICT
dump" --screen 60x200 | sed -n '/^Message-ID:/,/^Cover letter/p;/^    #/,/^  2\/2/{s/^    #/--\n&/;p}')"

check_eq 'list: a series opened gets its mark (applies on HEAD), the others none' \
"2024-03-04 Sam Okafor            v1    2/2    ✓ A0 R1 T0 (2)   kernel/watchdog_lite: configurable th
2024-02-14 Li Wei                v1    6/5      A0 R1 T0 (1)   net: phy: demo: cleanups
 list: *  (26 series)                                                                          1/26

status 0" \
"$(tv "open series $CLEAN
key q
dump" --screen 4x100)"

# Already merged: per patch the commit of HEAD's history with its patch-id,
# found here with git patch-id --stable over master.
MERGED=$(first_id merged)
pid_commits=$(git -C "$T/tree" log --format=%H master | while read -r c; do
	git -C "$T/tree" show "$c" | git patch-id --stable; done)
want=""
while read -r pid _; do
	c=$(awk -v p="$pid" '$1 == p { print $2; exit }' <<<"$pid_commits")
	want+="[merged: $(git -C "$T/tree" rev-parse --short "$c")]"$'\n'
done < <("$PATCHDECK" mbox "$MERGED" | git patch-id --stable)
check_eq 'merged: the Merged: line and each patch with its commit, as git patch-id --stable finds it on master' \
"Merged:     2 of 2 patches are in master's history already
$want" \
"$(tv "open series $MERGED
dump" --screen 60x200 | grep -E '^Merged:')
$(tv "open series $MERGED
dump" --screen 60x200 | grep -oE '\[merged: [0-9a-f]+\]$')
"

# A dirty work tree: `a` never touches it.
echo "my own change" >> "$T/tree/README"
dirty=$(git -C "$T/tree" status --porcelain=v1; git -C "$T/tree" diff)
refs=$(git -C "$T/tree" for-each-ref --format='%(refname) %(objectname)')

check_eq 'a in the list: the question names the patches, the base and the branch; n applies nothing' \
"Apply? (y/n) 2 patches on $(short master) (exact) to new branch pd/2024-03-04-kernel-watchdog-lite-configurable-v1
nothing applied
$refs" \
"$(tv 'key a
dump
key n
dump' --screen 2x130 | sed -n '2p;4p')
$(git -C "$T/tree" for-each-ref --format='%(refname) %(objectname)')"

br=pd/2024-03-04-kernel-watchdog-lite-configurable-v1
out=$(tv 'key a y
dump' --screen 8x130)
check_eq 'a, y: the branch is made and shown as patchdeck apply prints it' \
"created branch $br: 2 commits on $(short master) (exact) $(subj master)

$(git -C "$T/tree" log --oneline -2 "$br")


$(printf ' %-125s%s' "tree: applied: $br" 1/4)
created branch $br; the series is tagged applied
status 0" "$out"
own_ids() { # CASE: its patches and cover, sorted
	awk -v c="$1:" '$1 == c { on = 1; next } /^[^ ]/ { on = 0 }
		on && /^  </ && $2 ~ /^\[PATCH/ { gsub(/[<>]/, "", $1); print $1 }' "$PD_DEMO/CASES" | sort
}
tagged() { notmuch search --output=messages tag:pd/applied | sed 's/^id://' | sort; }
check_eq 'a, y: notmuch search tag:pd/applied finds the series (cover and patches), nothing else' \
	"$(own_ids clean)" "$(tagged)"
check_eq 'a, y: the list shows the state applied (a new session), and the mark kept on disk (HEAD did not move)' \
"2024-03-04 Sam Okafor            v1    2/2    ✓ A0 R1 T0 (2)   applied    kernel/watchdog_lite: conf" \
"$(tv 'dump' --screen 4x100 | sed -n 1p)"
check_eq 'a, y: the same commits patchdeck apply --dry-run builds (tree), master not moved' \
"$("$PATCHDECK" --tree "$T/tree" apply --dry-run --branch x "$CLEAN" >/dev/null; git -C "$T/tree" rev-parse "$br^{tree}") $(git -C "$T/tree" rev-parse master)" \
"$(git -C "$T/tree" rev-parse "$br^{tree}") $(git -C "$T/tree" rev-parse origin/master)"
check_eq 'a, y: the dirty work tree and the index are as they were, HEAD still on master' \
"$dirty
refs/heads/master" \
"$(git -C "$T/tree" status --porcelain=v1; git -C "$T/tree" diff; git -C "$T/tree" symbolic-ref HEAD)"

check_eq 'a again: a new name (-2), the first branch kept' \
"Apply? (y/n) 2 patches on $(short master) (exact) to new branch $br-2" \
"$(tv 'key a
dump' --screen 2x130 | sed -n '2p')"

check_eq 'a on an incomplete series: one line, no question' \
"<$MISSING> lacks patch 3 of 5: an incomplete series is not applied; find the missing mail first" \
"$(tv "open series $MISSING
key a
dump" --screen 2x200 | sed -n '2p')"
check_eq 'a, y on the incomplete series: nothing applied, nothing more tagged' \
"$(own_ids clean)" \
"$(tv "open series $MISSING
key a y" --screen 2x200 >/dev/null; tagged)"

check_eq 'no tree: the series view as before, a says how to name one' \
"no git tree: pass --tree DIR or add 'tree DIR' to the config" \
"$(tui_run 'key a
dump' --screen 2x100 | sed -n '2p')"
check_eq 'no tree: no On base: line and no base/HEAD column' "0" \
"$(tui_run "open series $CONFLICT
dump" --screen 60x200 | grep -c -E '^On |base/HEAD')"

check_eq 'a tree that is not a repository: the series view says so in one line' \
"Tree:       git tree $T/nothing is not a git repository: pass the top of your tree to --tree, or run 'git init' there" \
"$(mkdir -p "$T/nothing" "$T/cfg/patchdeck"
	printf 'tree %s\n' "$T/nothing" > "$T/cfg/patchdeck/config"
	XDG_CONFIG_HOME=$T/cfg tui_run "open series $CONFLICT
dump" --screen 60x200 | grep '^Tree:')"

tap_done
