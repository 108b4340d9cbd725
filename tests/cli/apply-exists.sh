#!/bin/bash
# A patch that creates a file the tree already has (a new file, or the
# target of a rename) is refused as git am refuses it, "already exists in
# index", by apply --check and by apply, where libgit2 alone would
# overwrite the file; a type change (a deletion and a creation of one
# path) still applies. The mails are git format-patch's, the verdicts
# compared with git am's on the same commit.
. "$top_srcdir/tests/lib.sh"

command -v git >/dev/null || tap_skip_all "git not found: install the Debian package git"
T=$PD_TMP
export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME="Max Maintainer" GIT_COMMITTER_EMAIL=max@example.org
export GIT_AUTHOR_DATE="2024-01-01 10:00:00 +0000" GIT_COMMITTER_DATE="2024-01-01 10:00:00 +0000"
g() { git -C "$T/tree" "$@"; }
git init -q -b master "$T/tree" || { echo "Bail out! git init failed"; exit 1; }
printf 'readme\n' >"$T/tree/README"
printf 'int lib(void);\n' >"$T/tree/lib.c"
printf 'old\n' >"$T/tree/kind"
g add . && g commit -q -m "base"
base=$(g rev-parse HEAD)

# Each series written on base, on a branch of its own.
series() { # BRANCH SUBJECT: commits what the caller staged, writes BRANCH.mbox
	g commit -q -m "$2" && g format-patch -q --stdout -1 >"$T/$1.mbox" && g checkout -q master
}
g checkout -q -b new "$base" && printf 'int new(void);\n' >"$T/tree/new.c" && g add new.c &&
	series new "add new.c"
g checkout -q -b ren "$base" && g mv lib.c util.c && series ren "rename lib.c to util.c"
g checkout -q -b type "$base" && rm "$T/tree/kind" && ln -s README "$T/tree/kind" && g add kind &&
	series type "kind: a link now"
# Meanwhile master got its own new.c and util.c.
printf 'int other(void);\n' >"$T/tree/new.c"
printf 'int util(void);\n' >"$T/tree/util.c"
g add new.c util.c && g commit -q -m "master: new.c and util.c"

# The mails into a maildir, indexed by notmuch.
python3 - "$T/mail" "$T"/new.mbox "$T"/ren.mbox "$T"/type.mbox <<'PY' || { echo "Bail out! no maildir"; exit 1; }
import mailbox, sys
md = mailbox.Maildir(sys.argv[1], create=True)
for i, path in enumerate(sys.argv[2:]):
    for m in mailbox.mbox(path):
        name = path.rsplit('/', 1)[1].split('.')[0]
        del m['Message-Id']
        m['Message-Id'] = '<%s@example.org>' % name
        m['Date'] = 'Mon, 01 Jan 2024 1%d:00:00 +0000' % (i + 1)
        md.add(m)
PY
conf=$T/notmuch-config
printf '[database]\npath=%s\n[new]\ntags=\n' "$T/mail" >"$conf"
NOTMUCH_CONFIG=$conf notmuch new --quiet || { echo "Bail out! notmuch new failed"; exit 1; }
export NOTMUCH_CONFIG=$conf HOME=$T/home XDG_CONFIG_HOME=$T/home/.config
pd() { "$PATCHDECK" --tree "$T/tree" "$@"; }
state() { g for-each-ref --format='%(refname) %(objectname)'; g status --porcelain; }

# git_am ID REV: what git am says of the mbox on REV ("applies" or its
# error: line).
git_am() {
	rm -rf "$T/am" && g worktree prune && g worktree add -q --detach "$T/am" "$2" || return 1
	local out
	if out=$(pd mbox "$1" | git -C "$T/am" am 2>&1); then
		echo applies
	else
		sed -n 's/^error: //p' <<<"$out" | head -1
		git -C "$T/am" am --abort >/dev/null 2>&1
	fi
}

check_eq "git am of new.c on master: refused" "new.c: already exists in index" \
	"$(git_am new@example.org master)"
check_run "apply --check: applies on its base (found exactly), fails on HEAD as git am does" 0 \
"on base $(g rev-parse --short "$base") (exact) base: applies
on HEAD $(g rev-parse --short master) (master) master: new.c and util.c: fails at patch 1/1: new.c: already exists in index
1/1 ok   FAIL add new.c" "" -- \
	pd apply --check new@example.org
before=$(state)
check_run "apply --base head: refused, naming the file and git's reason" 1 "" \
	"patchdeck: patch 1/1 <new@example.org> does not apply on head $(g rev-parse --short master): new.c: already exists in index; nothing was applied" -- \
	pd apply --base head new@example.org
check_eq "no ref made, no file changed, master's new.c kept" "$before
int other(void);" "$(state; g show master:new.c)"
check_eq "on the commit it was written on, git am and apply take it" "applies
created branch on-base" \
	"$(git_am new@example.org "$base")
$(pd apply --base "$base" --branch on-base new@example.org | head -1 | cut -d: -f1)"
check_eq "and make the same tree" "$(git -C "$T/am" rev-parse 'HEAD^{tree}')" \
	"$(g rev-parse 'on-base^{tree}')"

check_eq "git am of the rename onto util.c on master: refused" "util.c: already exists in index" \
	"$(git_am ren@example.org master)"
check_run "apply: the rename onto util.c refused as git am refuses it" 1 "" \
	"patchdeck: patch 1/1 <ren@example.org> does not apply on head $(g rev-parse --short master): util.c: already exists in index; nothing was applied" -- \
	pd apply --base head ren@example.org

check_eq "git am of the type change on master: applies" "applies" "$(git_am type@example.org master)"
check_eq "apply: the type change (kind deleted and created again) applies, the same tree" \
	"$(git -C "$T/am" rev-parse 'HEAD^{tree}')" \
	"$(pd apply --base head --branch type-change type@example.org >/dev/null; g rev-parse 'type-change^{tree}')"
tap_done
