#!/bin/bash
# apply and base on the demo list and its tree ($PD_DEMO/tree), checked
# against git itself: every series patchdeck applies gives the tree,
# authors, dates and messages `git am` of `patchdeck mbox` gives on the
# same base; a conflict names the file and hunk git names and leaves the
# repository as it was; uncommitted changes and the user's branch are never
# touched.
. "$top_srcdir/tests/lib.sh"

[ -f "$PD_DEMO/.complete" ] || { echo "Bail out! no demo list in $PD_DEMO"; exit 1; }
command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
export NOTMUCH_CONFIG=$PD_DEMO/notmuch-config

first_id() {
	awk -v c="$1:" '$1 == c { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$PD_DEMO/CASES"
}

T=$PD_TMP
cd "$T" || exit 1
export GIT_AUTHOR_NAME=Max GIT_AUTHOR_EMAIL=max@example.org
git clone -q "$PD_DEMO/tree" tree && git -C tree config user.name "Max Maintainer" &&
	git -C tree config user.email max@example.org ||
	{ echo "Bail out! cannot clone the demo tree"; exit 1; }

# state DIR: everything apply must not change when it fails (refs, HEAD,
# index, work tree, the object store).
state() {
	git -C "$1" for-each-ref --format='%(refname) %(objectname)'
	git -C "$1" symbolic-ref -q HEAD || git -C "$1" rev-parse HEAD
	git -C "$1" status --porcelain=v1 --untracked-files=all
	git -C "$1" diff HEAD
	git -C "$1" count-objects -v | grep -v '^size'
	find "$1/.git/objects" -type f | sort
}

# as_git_am ID BRANCH N: the last N commits of BRANCH against `git am` of
# `patchdeck mbox ID` on BRANCH~N; prints nothing when tree, author, date
# and message are the same, else what differs.
as_git_am() {
	local id=$1 br=$2 n=$3 base
	base=$(git -C tree rev-parse "$br~$n")
	rm -rf amtree && git -C tree worktree prune &&
		git -C tree worktree add -q --detach "$T/amtree" "$base" || return 1
	"$PATCHDECK" mbox "$id" 2>/dev/null | git -C amtree am -q >/dev/null 2>&1 ||
		{ echo "$id: git am failed on $base"; return; }
	[ "$(git -C amtree rev-parse 'HEAD^{tree}')" = "$(git -C tree rev-parse "$br^{tree}")" ] ||
		echo "$id: tree differs"
	diff <(git -C amtree log --format='%an <%ae> %ad%n%B' --date=raw "$base..HEAD") \
		<(git -C tree log --format='%an <%ae> %ad%n%B' --date=raw "$base..$br") >/dev/null ||
		echo "$id: author, date or message differs"
}

master=$(git -C tree rev-parse master)

# ---------------------------------------------------------------- base
# base-commit: lines as the mails carry them.
for c in revisions-v3 forty; do
	id=$(first_id "$c")
	line=$(notmuch show --format=raw "id:$id" | sed -n 's/^base-commit: //p')
	check_eq "base: $c takes the base-commit: line of its cover" \
		"$line base-commit $(git -C tree log -1 --format=%s "$line")" \
		"$("$PATCHDECK" --tree tree base "$id" | cut -d' ' -f1,2,4-)"
done

# Without a base-commit: the commit holding every preimage blob; git apply
# agrees it applies there and the newest commit before the mail is it or
# holds the same files.
id=$(first_id conflict)
out=$("$PATCHDECK" --tree tree base "$id")
b=${out%% *}
check_eq "base: the conflict series was written on 6.8-rc1 (exact, 1 file)" \
	"$(git -C tree log --format=%H --grep='^Linux 6.8-rc1$' -1) exact 1/1 Linux 6.8-rc1" \
	"$out"
check_run "base: git apply --check agrees the series applies there" 0 "" "" -- \
	bash -c "rm -rf chk && git -C tree worktree add -q --detach '$T/chk' $b &&
		'$PATCHDECK' mbox '$id' | git -C chk am -q >/dev/null && echo -n"

id=$(first_id mercurial)
check_run "base: hg patches have no index lines, so no base" 1 "" \
	"patchdeck: no base for <$id> in $T/tree/.git: no commit before the mail holds any of the 0 files its diffs start from; apply with --base REV" -- \
	"$PATCHDECK" --tree tree base "$id"

# ---------------------------------------------------------------- same as git am
# Every complete series of the demo, on the base apply picks itself.
ids=$("$PATCHDECK" list --json --all-revisions | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s["complete"] and s["kind"] != "pull":
        print(s["id"])')
bad="" napplied=0
for id in $ids; do
	out=$("$PATCHDECK" apply --no-tag --tree tree "$id" 2>&1) || { bad+="$id: $out"$'\n'; continue; }
	br=$(sed -n '1s/^created branch \([^:]*\): .*/\1/p' <<<"$out")
	n=$(sed -n '1s/^created branch [^:]*: \([0-9]*\) commits\{0,1\} on .*/\1/p' <<<"$out")
	bad+=$(as_git_am "$id" "$br" "$n")
	napplied=$((napplied + 1))
done
check_eq "apply: tree, author, date and message as git am of the mbox, every series" "" "$bad"
check_eq "apply: every complete series of the demo applied" \
	"$(wc -w <<<"$ids") (at least 25)" "$napplied (at least $((napplied >= 25 ? 25 : 0)))"
check_eq "apply: master was never moved, HEAD still on it" "$master refs/heads/master" \
	"$(git -C tree rev-parse master) $(git -C tree symbolic-ref HEAD)"
check_eq "apply: the work tree and index were never touched" "" \
	"$(git -C tree status --porcelain=v1 --untracked-files=all)"

# The output: the branch, the base, git log --oneline of the commits.
id=$(first_id clean)
br=$(git -C tree branch --list 'pd/2024-03-04-*' --format='%(refname:short)')
before=$(git -C tree rev-parse "$br")
out=$("$PATCHDECK" apply --no-tag --tree tree "$id")
check_eq "apply twice: a new branch with -2, the first one kept" \
	"created branch $br-2: 2 commits on $(git -C tree rev-parse --short master) (exact) Linux 6.8-rc6
$(git -C tree log --oneline -2 "$br-2")
$before" \
	"$out
$(git -C tree rev-parse "$br")"
check_eq "apply twice: same tree both times" "$(git -C tree rev-parse "$br^{tree}")" \
	"$(git -C tree rev-parse "$br-2^{tree}")"

s0=$(state tree)
check_run "--branch that exists: refused, nothing changed" 1 "" \
	"patchdeck: branch $br already exists: pick another name with --branch; nothing was applied" -- \
	"$PATCHDECK" apply --no-tag --tree tree --branch "$br" "$id"
check_eq "--branch that exists: refs, tree and objects as they were" "$s0" "$(state tree)"

check_run "--dry-run: says what it would do" 0 \
	"would create branch topic: 2 commits on $(git -C tree rev-parse --short master) (exact) Linux 6.8-rc6
ID12 $(git -C tree log --format=%s -1 "$br")
ID12 $(git -C tree log --format=%s -1 "$br~")" "" -- \
	bash -c '"$0" "$@" | sed "2,\$s/^[0-9a-f]\{12\} /ID12 /"' \
	"$PATCHDECK" apply --no-tag --tree tree --branch topic --dry-run "$id"
check_eq "--dry-run: nothing changed" "$s0" "$(state tree)"

# ---------------------------------------------------------------- conflict
id=$(first_id conflict)
gitsays=$("$PATCHDECK" mbox "$id" | git -C tree apply --check - 2>&1 | sed -n 's/^error: patch failed: //p' | head -1)
file=${gitsays%:*} line=${gitsays##*:}
hunk=$("$PATCHDECK" mbox "$id" | awk -v f="$file" -v l="$line" '
	/^diff --git / { on = ($4 == "b/" f); n = 0 }
	on && /^@@ / { n++; split($2, a, ","); if (substr(a[1], 2) == l) { print n " (" $0 ")"; exit } }')
check_eq "conflict: git names a file and the line of a hunk" "net/core/dev_stats.c 1" "$file ${hunk%% *}"
s0=$(state tree)
check_run "conflict: one line naming the patch, the file and the hunk git names" 1 "" \
	"patchdeck: patch 1/2 <$(awk '/^conflict:/ { on = 1; next } on { n++ } n == 2 { gsub(/[<>]/, "", $1); print $1; exit }' "$PD_DEMO/CASES")> does not apply on head $(git -C tree rev-parse --short master): $file, hunk $hunk; nothing was applied" -- \
	"$PATCHDECK" apply --no-tag --tree tree --base head "$id"
check_eq "conflict: no ref, no object, no file changed" "$s0" "$(state tree)"

# ---------------------------------------------------------------- safety
# Uncommitted changes: a modified file, a staged one, an untracked one.
echo "local edit" >>tree/MAINTAINERS
echo "staged" >>tree/Makefile && git -C tree add Makefile
echo "new" >tree/untracked.txt
s0=$(state tree)
id=$(first_id single)
out=$("$PATCHDECK" apply --no-tag --tree tree --branch single-1 "$id")
check_eq "dirty tree: apply without --checkout works and leaves the changes" \
	"$(git -C tree status --porcelain=v1 --untracked-files=all; git -C tree diff HEAD)" \
	"$(state tree | sed -n '/^[ MADRCU?][ MADRCU?] /,$p' | sed '/^count:/,$d')"
check_eq "dirty tree: only the new branch and its objects came" \
	"$(sed '/^count:/,$d' <<<"$s0" | grep -v '^refs/heads/single-1 ')" \
	"$(state tree | sed '/^count:/,$d' | grep -v '^refs/heads/single-1 ')"
s0=$(state tree)
check_run "dirty tree: --checkout refused, naming a changed file" 1 "" \
	"patchdeck: the tree $T/tree has uncommitted changes (MAINTAINERS): commit or stash them, or apply without --checkout; nothing was applied" -- \
	"$PATCHDECK" apply --no-tag --tree tree --checkout --branch single-2 "$id"
check_eq "dirty tree: nothing changed by the refused --checkout" "$s0" "$(state tree)"
git -C tree checkout -q -- MAINTAINERS && git -C tree reset -q --hard && rm tree/untracked.txt

git -C tree checkout -q --detach master
s0=$(state tree)
check_run "detached HEAD: --checkout refused" 1 "" \
	"patchdeck: HEAD of $T/tree is detached: check out a branch first or apply without --checkout; nothing was applied" -- \
	"$PATCHDECK" apply --no-tag --tree tree --checkout --branch single-2 "$id"
check_eq "detached HEAD: nothing changed" "$s0" "$(state tree)"
git -C tree checkout -q master

# A git am stopped half-way.
cid=$(first_id conflict)
"$PATCHDECK" mbox "$cid" | git -C tree am -q >/dev/null 2>&1
s0=$(state tree)
check_run "git am in progress: refused" 1 "" \
	"patchdeck: the tree $T/tree is in the middle of a git am: run git am --continue or git am --abort first; nothing was applied" -- \
	"$PATCHDECK" apply --no-tag --tree tree --branch single-2 "$id"
check_eq "git am in progress: nothing changed" "$s0" "$(state tree)"
git -C tree am --abort

out=$("$PATCHDECK" apply --no-tag --tree tree --checkout "$(first_id revisions-v3)")
br=$(sed -n '1s/^created branch \([^:]*\): .*/\1/p' <<<"$out")
check_eq "--checkout on a clean tree: on the new branch, work tree is its tree" \
	"refs/heads/$br
checked out $br" \
	"$(git -C tree symbolic-ref HEAD; git -C tree status --porcelain=v1 --untracked-files=all; tail -n 1 <<<"$out")"
check_eq "--checkout: master not moved" "$master" "$(git -C tree rev-parse master)"
git -C tree checkout -q master

# ---------------------------------------------------------------- trees
git clone -q --bare tree bare.git
git -C tree worktree add -q "$T/linked" -b linked-wt master
git -C bare.git config user.name Max && git -C bare.git config user.email max@example.org
id=$(first_id clean)
check_eq "a bare repository: apply makes the branch there" "created branch b1: 2 commits" \
	"$("$PATCHDECK" apply --no-tag --tree bare.git --branch b1 "$id" | head -1 | cut -d' ' -f1-5)"
check_run "a bare repository: --checkout refused" 1 "" \
	"patchdeck: the tree $T/bare.git is bare: it has no work tree to check out; apply without --checkout" -- \
	"$PATCHDECK" apply --no-tag --tree bare.git --checkout --branch b2 "$id"
out=$("$PATCHDECK" apply --no-tag --tree linked --checkout --branch wt1 "$id" | tail -n 1)
check_eq "a linked worktree: --checkout moves that worktree only" \
	"checked out wt1 refs/heads/wt1 refs/heads/master" \
	"$out $(git -C linked symbolic-ref HEAD) $(git -C tree symbolic-ref HEAD)"

# `tree DIR` and `tree PREFIX DIR` in the config.
git clone -q tree nn && git -C nn config user.name Max && git -C nn config user.email max@example.org
mkdir -p "$XDG_CONFIG_HOME/patchdeck"
id=$(first_id target-prefix)
check_run "no tree anywhere: one line" 1 "" \
	"patchdeck: no git tree for <$("$PATCHDECK" show --json "$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')> (target net-next): pass --tree DIR, or add 'tree net-next DIR' or 'tree DIR' to the config" -- \
	"$PATCHDECK" apply --no-tag "$id"
printf 'tree %s\ntree NET-NEXT %s\n' "$T/tree" "$T/nn" >"$XDG_CONFIG_HOME/patchdeck/config"
"$PATCHDECK" apply --no-tag --branch via-prefix "$id" >/dev/null
"$PATCHDECK" apply --no-tag --branch via-default "$(first_id clean)" >/dev/null
check_eq "config: the net-next series goes to the net-next tree, others to the default" \
	"nn:via-prefix tree:via-default" \
	"nn:$(git -C nn branch --list via-prefix --format='%(refname:short)') tree:$(git -C tree branch --list via-default --format='%(refname:short)')"
printf 'tree plain\n' >"$XDG_CONFIG_HOME/patchdeck/config"
mkdir -p "$XDG_CONFIG_HOME/patchdeck/plain"
check_run "config: a tree that is no repository, one line" 1 "" \
	"patchdeck: git tree $XDG_CONFIG_HOME/patchdeck/plain is not a git repository: pass the top of your tree to --tree, or run 'git init' there" -- \
	"$PATCHDECK" base "$(first_id clean)"
rm "$XDG_CONFIG_HOME/patchdeck/config"

tap_done
