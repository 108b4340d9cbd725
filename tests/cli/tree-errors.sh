#!/bin/bash
# --tree DIR: every kind of git repository opens; anything else gives one
# line naming the path and the fix, exit status 1 and nothing on stdout.
. "$top_srcdir/tests/lib.sh"

command -v notmuch >/dev/null ||
	tap_skip_all "notmuch not found: install the Debian package notmuch"
command -v git >/dev/null ||
	tap_skip_all "git not found: install the Debian package git"

T=$PD_TMP
chmod 755 "$T"
cd "$T" || exit 1

# A one-thread store, so that a command that opened its tree has output.
one_patch_store "$T/mail" "$T/notmuch.conf"
export NOTMUCH_CONFIG="$T/notmuch.conf"
listed="2024-01-01  Ada Lovelace          v1   1/1    A0 R0 T0    one"

export GIT_AUTHOR_NAME=Ada GIT_AUTHOR_EMAIL=ada@example.org \
	GIT_COMMITTER_NAME=Ada GIT_COMMITTER_EMAIL=ada@example.org
git init -q repo && git -C repo commit -q --allow-empty -m init &&
	mkdir -p repo/drivers/net &&
	git clone -q --bare repo bare.git &&
	git -C repo worktree add -q "$T/linked" ||
	{ echo "Bail out! cannot build the test repositories"; exit 1; }
mkdir plain
echo "not a directory" >afile

# fails NAME STDERR -- CMD...: status 1, empty stdout, exactly STDERR.
fails() {
	local name=$1 want=$2
	shift 3
	check_run "$name" 1 "" "patchdeck: $want" -- "$@"
}

fails "a path that does not exist" \
	"git tree nowhere does not exist: check the path given to --tree" -- \
	"$PATCHDECK" --tree nowhere list
fails "a plain directory" \
	"git tree plain is not a git repository: pass the top of your tree to --tree, or run 'git init' there" -- \
	"$PATCHDECK" --tree plain list
fails "a file" \
	"git tree afile is not a directory: pass the top directory of a git repository to --tree" -- \
	"$PATCHDECK" --tree afile list
fails "a directory inside a tree names the tree's top" \
	"git tree repo/drivers/net is inside the repository $T/repo, not at its top: pass --tree $T/repo" -- \
	"$PATCHDECK" --tree repo/drivers/net list
fails "a bad tree fails before the reader opens" \
	"git tree plain is not a git repository: pass the top of your tree to --tree, or run 'git init' there" -- \
	"$PATCHDECK" --tree plain
check_run "--tree without DIR is a usage error" 2 "" \
	"patchdeck: --tree needs a DIR
patchdeck: try 'patchdeck --help'" -- "$PATCHDECK" --tree

check_run "an ordinary repository opens" 0 "$listed" "" -- \
	"$PATCHDECK" --tree repo list
check_run "an ordinary repository by absolute path, trailing slash" 0 "$listed" "" -- \
	"$PATCHDECK" --tree "$T/repo/" list
check_run "a bare repository opens" 0 "$listed" "" -- \
	"$PATCHDECK" --tree bare.git list
check_run "a linked worktree opens" 0 "$listed" "" -- \
	"$PATCHDECK" --tree linked list

# ---------------------------------------------------------------- permissions
# As root every file is readable, so these run as nobody on trees that only
# root may read; anyone else takes the permissions away from themselves
# (and cannot make a tree owned by someone else).
as_other_user
dmode=000
if [ "$(id -u)" -eq 0 ]; then
	dmode=700
fi

if [ -n "$why_not" ]; then
	for c in "an unreadable tree" "a tree whose .git is unreadable"; do
		tap_skip "$c" "$why_not"
	done
else
	chmod -R a+rX mail repo bare.git linked
	chmod a+r notmuch.conf
	cp -a repo closed && chmod $dmode closed
	fails "an unreadable tree" \
		"cannot read git tree closed: permission denied; run patchdeck as its owner or give this user read access" -- \
		"${as_other[@]}" "$PATCHDECK" --tree closed list
	cp -a repo closedgit && chmod $dmode closedgit/.git
	fails "a tree whose .git is unreadable" \
		"cannot read git tree closedgit: permission denied on closedgit/.git; run patchdeck as its owner or give this user read access" -- \
		"${as_other[@]}" "$PATCHDECK" --tree closedgit list
	chmod -R u+rwX closed closedgit
fi

if [ -n "$why_not" ] || [ ${#as_other[@]} -eq 0 ]; then
	for c in "a tree owned by another user" "a tree trusted through safe.directory"; do
		tap_skip "$c" "${why_not:-not root: no repository owned by another user can be made}"
	done
else
	fails "a tree owned by another user" \
		"git tree repo belongs to another user: run patchdeck as its owner, or trust it with 'git config --global --add safe.directory $T/repo'" -- \
		"${as_other[@]}" "$PATCHDECK" --tree repo list
	# The fix that message gives must work.
	printf '[safe]\n\tdirectory = %s\n' "$T/repo" >"$HOME/.gitconfig"
	chmod a+r "$HOME/.gitconfig"
	check_run "a tree trusted through safe.directory" 0 "$listed" "" -- \
		"${as_other[@]}" "$PATCHDECK" --tree repo list
	rm -f "$HOME/.gitconfig"
fi

tap_done
