#!/bin/bash
# base and apply on real list mail (../shared/corpus: linux-modules and the
# kmod tree), checked against git: where patchdeck applies a series, `git
# am` of `patchdeck mbox` on the same base gives the same tree, authors,
# dates and messages; where it refuses, git am fails on the same patch and
# file; a base-commit: line the tree has is the base reported.
. "$top_srcdir/tests/lib.sh"

command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
pd_use_real_corpus
export NOTMUCH_CONFIG=$PD_CORPUS_DIR/notmuch-config
T=$PD_TMP
cd "$T" || exit 1
git clone -q "$PD_CORPUS_DIR/kmod" kmod && git -C kmod config user.name "Max Maintainer" &&
	git -C kmod config user.email max@example.org ||
	{ echo "Bail out! cannot clone the kmod tree"; exit 1; }
head=$(git -C kmod rev-parse HEAD)

ids_of() { # QUERY: complete patch series of the threads matching QUERY
	"$PATCHDECK" list --json "$1" | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s["complete"] and s["kind"] != "pull":
        print(s["id"])'
}

# ---------------------------------------------------------------- base-commit:
bad="" nline=0
for id in $(ids_of 'body:"base-commit:" and (subject:kmod or subject:libkmod or subject:depmod or subject:modprobe)'); do
	# The revision's own cover letter and patches, not the whole thread
	# (a later revision may sit in it with a base of its own).
	line=$("$PATCHDECK" show --json "$id" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print(s["id"])
for p in s["patches"]:
    print(p["id"])' | while read -r m; do
		notmuch show --format=raw "id:$m" | sed -n 's/^base-commit: *\([0-9a-f]\{40\}\).*/\1/p'
	done | sort -u)
	[ "$(wc -w <<<"$line")" = 1 ] && git -C kmod cat-file -e "$line^{commit}" 2>/dev/null || continue
	got=$("$PATCHDECK" --tree kmod base "$id" | cut -d' ' -f1,2)
	[ "$got" = "$line base-commit" ] || bad+="$id: base-commit: $line, base says $got"$'\n'
	nline=$((nline + 1))
done
check_eq "base: the base-commit: line wherever the tree has it" "" "$bad"
check_eq "base: series with a base-commit: the tree has (at least 5)" 1 "$((nline >= 5))"

# ---------------------------------------------------------------- apply
# as_git_am ID BRANCH N BASE: git am of the mbox on BASE against BRANCH.
as_git_am() {
	local id=$1 br=$2 n=$3 base=$4
	rm -rf am && git -C kmod worktree prune && git -C kmod worktree add -q --detach "$T/am" "$base" ||
		return 1
	"$PATCHDECK" mbox "$id" 2>/dev/null | git -C am am -q >/dev/null 2>&1 ||
		{ echo "$id: git am failed where apply did not"; git -C am am --abort; return; }
	[ "$(git -C am rev-parse 'HEAD^{tree}')" = "$(git -C kmod rev-parse "$br^{tree}")" ] ||
		echo "$id: tree differs"
	diff <(git -C am log --format='%an <%ae> %ad%n%B' --date=raw "$base..HEAD") \
		<(git -C kmod log --format='%an <%ae> %ad%n%B' --date=raw "$base..$br") >/dev/null ||
		echo "$id: author, date or message differs"
}

# git_am_fails ID BASE N FILE: git am of the mbox on BASE stops at patch N
# naming FILE (a hunk that fails, a file missing, or a binary change it
# cannot apply).
git_am_fails() {
	local id=$1 base=$2 n=$3 file=$4 out
	rm -rf am && git -C kmod worktree prune && git -C kmod worktree add -q --detach "$T/am" "$base" ||
		return 1
	out=$("$PATCHDECK" mbox "$id" 2>/dev/null | git -C am am 2>&1)
	git -C am am --abort >/dev/null 2>&1
	grep -q "^error: \(patch failed: $file:\|$file: does not exist in index\|$file: patch does not apply\)" <<<"$out" ||
		{ echo "$id: git am does not fail on $file: $(head -3 <<<"$out")"; return; }
}

bad="" napplied=0 nfailed=0
# The series that say kmod in the subject: patches for kmod, and some
# for the kernel's kmod.c that this tree cannot take.
# Newest first, until enough of both kinds were seen: loading a real
# series costs most of a second.
for id in $(ids_of 'subject:kmod'); do
	[ "$napplied" -ge 15 ] && [ "$nfailed" -ge 5 ] && break
	s0=$(git -C kmod for-each-ref; git -C kmod status --porcelain)
	if out=$("$PATCHDECK" apply --no-tag --tree kmod "$id" 2>&1); then
		br=$(sed -n '1s/^created branch \([^:]*\): .*/\1/p' <<<"$out")
		n=$(sed -n '1s/^created branch [^:]*: \([0-9]*\) commits\{0,1\} on .*/\1/p' <<<"$out")
		bad+=$(as_git_am "$id" "$br" "$n" "$(git -C kmod rev-parse "$br~$n")")
		napplied=$((napplied + 1))
		continue
	fi
	[ "$s0" = "$(git -C kmod for-each-ref; git -C kmod status --porcelain)" ] ||
		bad+="$id: a failed apply changed refs or files"$'\n'
	re='^patchdeck: patch \([0-9]*\)/[0-9]* <[^>]*> does not apply on [a-z-]* \([0-9a-f]*\): \([^,:]*\)[,:].*; nothing was applied$'
	if [ -n "$(sed -n "s|$re|x|p" <<<"$out")" ]; then
		bad+=$(git_am_fails "$id" "$(sed -n "s|$re|\2|p" <<<"$out")" \
			"$(sed -n "s|$re|\1|p" <<<"$out")" "$(sed -n "s|$re|\3|p" <<<"$out")")
		nfailed=$((nfailed + 1))
	fi
done
check_eq "apply: same tree, author, date and message as git am; conflicts where git am has them" "" "$bad"
check_eq "apply: real kmod series applied (at least 15) and refused as git am refuses (at least 5)" \
	"1 1" "$((napplied >= 15)) $((nfailed >= 5))"
check_eq "apply: the kmod HEAD was never moved, the work tree never touched" "$head" \
	"$(git -C kmod rev-parse HEAD)$(git -C kmod status --porcelain)"

tap_done
