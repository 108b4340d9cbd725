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
# mails (raw, as the list sent them) on the base patchdeck finds (TREE's HEAD
# when none), in a worktree of its own: TREE's HEAD never moves. Prints the
# base; fails when git am does.
rd_branch() {
	local tree=$1 id=$2 name=$3 base m n=0 wt=$PD_TMP/am-$3
	base=$("$PATCHDECK" --tree "$tree" base "$id" 2>/dev/null | cut -d' ' -f1)
	[ -n "$base" ] || base=$(git -C "$tree" rev-parse HEAD)
	rm -rf "$PD_TMP/mails" "$wt" && mkdir "$PD_TMP/mails" && git -C "$tree" worktree prune || return 1
	# the patches' ids: from $RD_IDS/ID when a list wrote them there
	for m in $(cat "${RD_IDS:-/nonexistent}/$id" 2>/dev/null ||
		"$PATCHDECK" show --json "$id" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["patches"]:
    print(p["id"])'); do
		n=$((n + 1))
		notmuch show --format=raw "id:$m" >"$PD_TMP/mails/$(printf %04d $n)" || return 1
	done
	[ "$n" -gt 0 ] && git -C "$tree" worktree add -q --detach "$wt" "$base" || return 1
	git -C "$wt" am -q "$PD_TMP"/mails/* >/dev/null 2>&1 || return 1
	git -C "$tree" branch -f "$name" "$(git -C "$wt" rev-parse HEAD)" && echo "$base"
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

# rd_carried TREE BASE1 BRANCH1 BASE2 BRANCH2 OLD NEW: for every patch of
# NEW whose diff git patch-id --stable finds unchanged in OLD, each trailer
# OLD's patch earned (its collected trailers) is in NEW's patch message or
# among its trailers marked carried. Prints what is not; the last line is
# `carried N` (the trailers found carried).
rd_carried() {
	local t=$1
	git -C "$t" log --reverse -p "$2..$3" | git -C "$t" patch-id --stable | cut -d' ' -f1 >"$PD_TMP/pid-old"
	git -C "$t" log --reverse -p "$4..$5" | git -C "$t" patch-id --stable | cut -d' ' -f1 >"$PD_TMP/pid-new"
	"$PATCHDECK" show --json "$6" >"$PD_TMP/old.json"
	"$PATCHDECK" show --json "$7" >"$PD_TMP/new.json"
	python3 - "$PD_TMP" <<'PY'
import json, sys
d = sys.argv[1]
old, new = (json.load(open(f"{d}/{n}.json"))["patches"] for n in ("old", "new"))
pold, pnew = (open(f"{d}/pid-{n}").read().split() for n in ("old", "new"))
carried = 0
for k, q in enumerate(new):
    if k >= len(pnew) or pnew[k] not in pold:
        continue
    p = old[pold.index(pnew[k])]
    for t in p["trailers"]:
        line = "%s: %s" % (t["name"], t["value"])
        if any(u["name"] == t["name"] and u["value"] == t["value"] and u["carried"] for u in q["trailers"]):
            carried += 1
        elif line not in q["message"]:
            print("patch %d: %s not carried from patch %d" % (q["n"], line, p["n"]))
print("carried", carried)
PY
}
