#!/bin/bash
# Every bad notmuch set-up gives one line on stderr that names the path and
# the fix, exit status 1 and nothing on stdout. The cases are made for real
# and the messages were checked against what libnotmuch 0.37 returns.
. "$top_srcdir/tests/lib.sh"

command -v notmuch >/dev/null ||
	tap_skip_all "notmuch not found: install the Debian package notmuch"

T=$PD_TMP
# Readable by the unprivileged user of the permission cases below.
chmod 755 "$T"

# make_store NAME: a one-message maildir $T/NAME indexed by notmuch, with its
# config in $T/NAME.conf.
make_store() {
	local dir="$T/$1"
	one_patch_store "$dir" "$T/$1.conf"
	chmod -R a+rX "$dir"
	chmod a+r "$T/$1.conf"
}

# config NAME DBPATH: $T/NAME.conf naming DBPATH as the database.
config() {
	printf '[database]\npath=%s\n' "$2" >"$T/$1.conf"
	chmod a+r "$T/$1.conf"
}

# fails NAME STDERR -- CMD...: status 1, empty stdout, exactly STDERR.
fails() {
	local name=$1 want=$2
	shift 3
	check_run "$name" 1 "" "patchdeck: $want" -- "$@"
}

make_store good
check_run "the good store lists its thread" 0 \
	"2024-01-01  Ada Lovelace          v1   1/1    A0 R0 T0    one" "" -- \
	"$PATCHDECK" --notmuch-config "$T/good.conf" list

# The mail files vanish under the database (moved, deleted, the store
# replaced without notmuch new): show says so, not "no such series".
make_store gone
rm "$T/gone/cur/"*
fails "the thread's mail files removed under the database" \
	"message <one@example.org>: 1 mail file of its thread cannot be read ($T/gone/cur/1:2,: No such file or directory); if the mail was moved or deleted, run 'notmuch new'" -- \
	"$PATCHDECK" --notmuch-config "$T/gone.conf" show one@example.org

# ---------------------------------------------------------------- config
fails "--notmuch-config naming a missing file" \
	"notmuch config $T/nope.conf (from --notmuch-config) does not exist: check the path, or create it with 'notmuch --config=$T/nope.conf setup'" -- \
	"$PATCHDECK" --notmuch-config "$T/nope.conf" list

fails "NOTMUCH_CONFIG naming a missing file" \
	"notmuch config $T/nope.conf (from NOTMUCH_CONFIG) does not exist: fix or unset NOTMUCH_CONFIG, or create the file with 'notmuch setup'" -- \
	env NOTMUCH_CONFIG="$T/nope.conf" "$PATCHDECK" list

fails "NOTMUCH_CONFIG set but empty" \
	"NOTMUCH_CONFIG is set but empty: unset it or set it to your notmuch config file" -- \
	env NOTMUCH_CONFIG= "$PATCHDECK" list

no_config="no notmuch config found (looked for $HOME/.config/notmuch/default/config and $HOME/.notmuch-config): run 'notmuch setup' or pass --notmuch-config FILE"
fails "no config anywhere" "$no_config" -- "$PATCHDECK" list
fails "no config anywhere, no command (the reader)" "$no_config" -- "$PATCHDECK"
fails "no config anywhere, reader with a query" "$no_config" -- "$PATCHDECK" tag:inbox

fails "no config anywhere, with a profile" \
	"no notmuch config found (looked for $HOME/.config/notmuch/work/config and $HOME/.notmuch-config.work): run 'notmuch setup' or pass --notmuch-config FILE" -- \
	env NOTMUCH_PROFILE=work "$PATCHDECK" list

mkdir "$T/confdir"
fails "--notmuch-config naming a directory" \
	"notmuch config $T/confdir (from --notmuch-config) is a directory: name the config file itself" -- \
	"$PATCHDECK" --notmuch-config "$T/confdir" list

printf '[database]\npath=%s\nthis line is no key\n' "$T/good" >"$T/broken.conf"
fails "config that is not valid" \
	"notmuch config $T/broken.conf (from --notmuch-config) is not valid: Key file contains line “this line is no key” which is not a key-value pair, group, or comment; fix it (see notmuch-config(1))" -- \
	"$PATCHDECK" --notmuch-config "$T/broken.conf" list

# ---------------------------------------------------------------- database
config nodb "$T/nowhere"
fails "database path that does not exist" \
	"notmuch database path $T/nowhere does not exist: fix database.path in $T/nodb.conf, or create that mail directory and run 'notmuch new'" -- \
	"$PATCHDECK" --notmuch-config "$T/nodb.conf" list
fails "database path that does not exist, no command" \
	"notmuch database path $T/nowhere does not exist: fix database.path in $T/nodb.conf, or create that mail directory and run 'notmuch new'" -- \
	"$PATCHDECK" --notmuch-config "$T/nodb.conf"

# notmuch falls back to ~/mail when the config names no database.
printf '[user]\nname=Ada\n' >"$T/nopath.conf"
fails "config without database.path and no ~/mail" \
	"notmuch database path $HOME/mail does not exist: fix database.path in $T/nopath.conf, or create that mail directory and run 'notmuch new'" -- \
	"$PATCHDECK" --notmuch-config "$T/nopath.conf" list

mkdir -p "$T/plain/cur"
config plain "$T/plain"
fails "a directory that is not a notmuch database" \
	"$T/plain is not a notmuch database (it has no .notmuch directory): index it with 'notmuch new', or fix database.path in $T/plain.conf" -- \
	env NOTMUCH_CONFIG="$T/plain.conf" "$PATCHDECK" list

echo "not a directory" >"$T/afile"
config afile "$T/afile"
fails "a database path that is a file" \
	"notmuch database path $T/afile is not a directory: fix database.path in $T/afile.conf" -- \
	"$PATCHDECK" --notmuch-config "$T/afile.conf" list

mkdir -p "$T/junk/.notmuch/xapian"
echo junk >"$T/junk/.notmuch/xapian/iamglass"
config junk "$T/junk"
fails "a .notmuch that holds no Xapian database" \
	"$T/junk/.notmuch holds no usable notmuch database (Couldn't read enough (EOF)): move it aside and run 'notmuch new' to rebuild it" -- \
	"$PATCHDECK" --notmuch-config "$T/junk.conf" list

mkdir -p "$T/empty/.notmuch"
config empty "$T/empty"
fails "an empty .notmuch" \
	"$T/empty/.notmuch holds no usable notmuch database (Couldn't stat '$T/empty/.notmuch/xapian'): move it aside and run 'notmuch new' to rebuild it" -- \
	"$PATCHDECK" --notmuch-config "$T/empty.conf" list

# ---------------------------------------------------------------- newer format
# Made by bumping the Xapian metadata keys that notmuch checks on open.
if command -v xapian-metadata >/dev/null; then
	make_store newer
	xapian-metadata set "$T/newer/.notmuch/xapian" version 99
	fails "a database of a newer format version" \
		"notmuch database $T/newer has format version 99 but this libnotmuch reads only up to 3: upgrade notmuch and libnotmuch (Debian package libnotmuch5)" -- \
		"$PATCHDECK" --notmuch-config "$T/newer.conf" list

	make_store feature
	features=$(xapian-metadata get "$T/feature/.notmuch/xapian" features)
	xapian-metadata set "$T/feature/.notmuch/xapian" features \
		"$features"$'\n'"time travel	r"
	fails "a database that needs an unknown feature" \
		"notmuch database $T/feature needs features this libnotmuch lacks (time travel): upgrade notmuch and libnotmuch (Debian package libnotmuch5)" -- \
		"$PATCHDECK" --notmuch-config "$T/feature.conf" list
else
	tap_skip "a database of a newer format version" \
		"xapian-metadata not found: install the Debian package xapian-tools"
	tap_skip "a database that needs an unknown feature" \
		"xapian-metadata not found: install the Debian package xapian-tools"
fi

# ---------------------------------------------------------------- permissions
# As root every file is readable, so these run as nobody on files that only
# their owner (root) may read; anyone else takes the permissions away from
# themselves.
as_other_user
fmode=000 dmode=000
if [ "$(id -u)" -eq 0 ]; then
	fmode=600 dmode=700
fi

perm_cases=(
	"an unreadable config"
	"an unreadable database directory"
	"an unreadable .notmuch"
	"one unreadable Xapian table"
	"an unreadable database, no command"
)
if [ -n "$why_not" ]; then
	for c in "${perm_cases[@]}"; do tap_skip "$c" "$why_not"; done
else
	cp "$T/good.conf" "$T/secret.conf"
	chmod $fmode "$T/secret.conf"
	fails "${perm_cases[0]}" \
		"cannot read notmuch config $T/secret.conf (from --notmuch-config): permission denied; run patchdeck as its owner or give this user read access" -- \
		"${as_other[@]}" "$PATCHDECK" --notmuch-config "$T/secret.conf" list

	make_store private
	chmod $dmode "$T/private"
	fails "${perm_cases[1]}" \
		"cannot read notmuch database $T/private: permission denied; run patchdeck as its owner or give this user read access" -- \
		"${as_other[@]}" "$PATCHDECK" --notmuch-config "$T/private.conf" list

	make_store hidden
	chmod $dmode "$T/hidden/.notmuch"
	fails "${perm_cases[2]}" \
		"cannot read notmuch database $T/hidden: permission denied on $T/hidden/.notmuch; run patchdeck as its owner or give this user read access" -- \
		"${as_other[@]}" "$PATCHDECK" --notmuch-config "$T/hidden.conf" list

	# notmuch opens this one without complaint and then returns empty
	# threads ("thread:(null) 1970-01-01"); patchdeck must not.
	make_store table
	chmod $fmode "$T/table/.notmuch/xapian/termlist.glass"
	fails "${perm_cases[3]}" \
		"cannot read notmuch database $T/table: permission denied on $T/table/.notmuch/xapian/termlist.glass; run patchdeck as its owner or give this user read access" -- \
		"${as_other[@]}" "$PATCHDECK" --notmuch-config "$T/table.conf" list

	fails "${perm_cases[4]}" \
		"cannot read notmuch database $T/hidden: permission denied on $T/hidden/.notmuch; run patchdeck as its owner or give this user read access" -- \
		"${as_other[@]}" "$PATCHDECK" --notmuch-config "$T/hidden.conf"
	# So that the cleanup can remove them when not root.
	chmod -R u+rwX "$T"
fi

tap_done
