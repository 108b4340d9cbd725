# Helpers of tests/cli/diff-*.sh (sourced after tests/lib.sh): a branch made
# by `git am` of a revision's own mails as sent, and git range-diff / git
# diff between two such branches, to check `patchdeck diff` against.

# rd_pairs: the revisions that have an older one in their series, one
# `OLD NEW` line each (from list --all-revisions' superseded_by).
rd_pairs() {
	"$PATCHDECK" list --json --all-revisions | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s.get("superseded_by"):
        print(s["id"], s["superseded_by"])'
}

# rd_branch TREE ID NAME: branch NAME of TREE = git am of revision ID's patch
# mails (raw, as the list sent them) on the base patchdeck finds (HEAD when
# none). Prints the base; fails when git am does.
rd_branch() {
	local tree=$1 id=$2 name=$3 base m n=0
	base=$("$PATCHDECK" --tree "$tree" base "$id" 2>/dev/null | cut -d' ' -f1)
	[ -n "$base" ] || base=$(git -C "$tree" rev-parse HEAD)
	rm -rf "$PD_TMP/mails" && mkdir "$PD_TMP/mails" || return 1
	for m in $("$PATCHDECK" show --json "$id" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["patches"]:
    print(p["id"])'); do
		n=$((n + 1))
		notmuch show --format=raw "id:$m" >"$PD_TMP/mails/$(printf %04d $n)" || return 1
	done
	[ "$n" -gt 0 ] || return 1
	git -C "$tree" checkout -q --detach "$base" &&
		if git -C "$tree" am -q "$PD_TMP"/mails/* >/dev/null 2>&1; then
			git -C "$tree" branch -f "$name" HEAD && echo "$base"
		else
			git -C "$tree" am --abort >/dev/null 2>&1
			return 1
		fi
}

# git range-diff with the commit ids taken out, as patchdeck prints it.
rd_git_range_diff() { # TREE BASE1 BRANCH1 BASE2 BRANCH2
	git -C "$1" range-diff --no-color "$2..$3" "$4..$5" |
		sed -E 's/^( *[0-9-]+:)  [0-9a-f-]+ (.) ( *[0-9-]+:)  [0-9a-f-]+ /\1  \2 \3  /'
}

# patchdeck diff without its summary and changelog: from the first pair.
rd_patchdeck_range_diff() { # OLD NEW
	"$PATCHDECK" diff "$1" "$2" | sed -n '/^ *[0-9-]*:  [=!<>] *[0-9-]*:  /,$p'
}

# git diff of the two branches on every file either revision touches.
rd_git_interdiff() { # TREE BASE1 BRANCH1 BASE2 BRANCH2
	local files=()
	mapfile -t files < <( (git -C "$1" log --format= --name-only --no-renames "$2..$3"
		git -C "$1" log --format= --name-only --no-renames "$4..$5") | sort -u | sed '/^$/d')
	git -C "$1" diff "$3" "$5" -- "${files[@]}"
}
