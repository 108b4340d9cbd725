#!/bin/bash
# The computed diffstat (src/diffstat.c) against real git: commits made here
# with short and very long paths, big and small changes, renames, a
# deletion, a binary file, quoted names; `git diff --stat` (80 columns) and
# `git format-patch` (72) print their stat, mail-dump --diffstat renders
# ours from the same diff text, and the two must be equal.
. "$top_srcdir/tests/lib.sh"

dump=$(pd_tool mail-dump)
repo=$PD_TMP/repo
git init -q "$repo" && cd "$repo" || exit 1
git config user.name T && git config user.email t@example.org
git config core.quotePath true

lines() { seq "$1" "$2" | sed 's/^/line /'; }
deep=drivers/net/ethernet/some-vendor/some-family/with-a-very-long-directory-name/and-more

mkdir -p src docs "$deep"
lines 1 40 >src/main.c
lines 1 10 >src/util.c
lines 1 30 >docs/guide.txt
lines 1 20 >src/old-name.c
lines 1 5 >gone.txt
git add . && git commit -q -m base

# 1: many kinds of change at once.
lines 1 400 >"$deep/driver_main_file_with_long_name.c"
lines 5 60 >src/main.c
echo changed >>src/util.c
git mv src/old-name.c src/new-name.c && echo tail >>src/new-name.c
git mv docs/guide.txt docs/manual.txt
git rm -q gone.txt
printf 'caf\xc3\xa9\n' >"café.txt"
echo spaced >"with space.txt"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 8)' >blob.bin
git add -A && git commit -q -m "many kinds"
# 2: one small change.
echo one >>src/util.c && git commit -q -am small
# 3: one huge change on a long path only.
lines 1 2000 >"$deep/driver_main_file_with_long_name.c" && git commit -q -am huge
# 4: changes of very different sizes side by side (scaling, the 1-mark minimum).
lines 1 300 >src/main.c && echo x >>src/util.c && git commit -q -am scale

for n in 4 3 2 1; do
	rev="HEAD~$((n - 1))"
	git diff -M --binary "$rev~1" "$rev" >"$PD_TMP/$n.diff"
	check_eq "commit $n: git diff --stat (80 columns) and ours agree" \
		"$(git diff -M --stat=80 "$rev~1" "$rev")" \
		"$("$dump" --diffstat=80 "$PD_TMP/$n.diff" 2>&1)"
	check_eq "commit $n: a narrow 40 columns too" \
		"$(git diff -M --stat=40 "$rev~1" "$rev")" \
		"$("$dump" --diffstat=40 "$PD_TMP/$n.diff" 2>&1)"
	# format-patch's block: from after `---` to the blank line, less the
	# create/delete/rename/mode summary lines (not part of the stat).
	git format-patch -M --stdout -1 "$rev" |
		sed -n '/^---$/,/^$/p' | sed '1d;$d' |
		grep -Ev '^ (create|delete) mode |^ rename |^ mode change ' >"$PD_TMP/$n.fp"
	check_eq "commit $n: git format-patch's stat (72 columns) and ours agree" \
		"$(cat "$PD_TMP/$n.fp")" "$("$dump" --diffstat=72 "$PD_TMP/$n.diff" 2>&1)"
done

printf 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n' >"$PD_TMP/bad.diff"
check_run "a diff libgit2 cannot parse: one line, exit 1" 1 "" \
	"mail-dump: $PD_TMP/bad.diff: the diff does not parse: invalid patch hunk, expected 3 old lines and 3 new lines" -- \
	"$dump" --diffstat=80 "$PD_TMP/bad.diff"

tap_done
