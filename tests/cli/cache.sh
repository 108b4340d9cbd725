#!/bin/bash
# The series cache (src/cache.c): a start on an unchanged store opens no
# mail file, a start after `notmuch new` reads only the changed threads,
# and nothing the cache holds (a missing, truncated or corrupt file,
# another format version, another database's file) ever changes what
# list prints: every check compares with the list made without the cache
# (PATCHDECK_CACHE=0), byte for byte, JSON and text.
#
# A mail file edited in place is what notmuch never notices: a cache used
# when it must not be shows the mail as it was, so each check can fail.
. "$top_srcdir/tests/lib.sh"

s=$PD_TMP/store
mkdir -p "$s"
cp -a "$PD_DEMO/mail" "$PD_DEMO/db" "$s/"
sed -e "s|^path=.*|path=$s/db|" -e "s|^mail_root=.*|mail_root=$s/mail|" \
	"$PD_DEMO/notmuch-config" >"$s/conf"
conf=$s/conf
cdir=$XDG_CACHE_HOME/patchdeck
nm() { notmuch --config="$conf" "$@"; }

# show [ENV...]: list --json --all-revisions and the text list.
show() {
	env "$@" "$PATCHDECK" --notmuch-config "$conf" list --json --all-revisions 2>&1
	env "$@" "$PATCHDECK" --notmuch-config "$conf" list 2>&1
}

# same NAME: the list with the cache equals the list without it.
same() {
	show PATCHDECK_CACHE=0 >"$PD_TMP/want"
	show >"$PD_TMP/got"
	if [ "$(grep -c '"id"' "$PD_TMP/want")" -gt 0 ] && cmp -s "$PD_TMP/want" "$PD_TMP/got"; then
		tap_ok "$1"
	else
		tap_not_ok "$1" "$(diff "$PD_TMP/want" "$PD_TMP/got" | head -n 20)"
	fi
}

# edit FILE OLD NEW: replaces text in a mail file in place (same inode,
# the directory untouched), which notmuch never notices.
edit() {
	python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:]
with open(path, "r+b") as f:
    data = f.read()
    assert old.encode() in data, (path, old)
    data = data.replace(old.encode(), new.encode(), 1)
    f.seek(0)
    f.write(data)
    f.truncate()
PY
}

cachefile() { ls "$cdir"/index-* 2>/dev/null | grep -v '\.tmp'; }

# The oldest patch (its thread is left alone) and the newest.
old_file=$(nm search --output=files --sort=oldest-first 'subject:PATCH and not subject:Re' | head -n 1)
old_id=$(nm search --output=messages --sort=oldest-first 'subject:PATCH and not subject:Re' | head -n 1)
new_id=$(nm search --output=messages --sort=newest-first 'subject:PATCH and not subject:Re' | head -n 1)
old_subject=$(sed -n 's/^Subject: //p' "$old_file" | head -n 1)
[ -n "$old_file" ] && [ -n "$new_id" ] && [ -n "$old_subject" ] ||
	{ echo "Bail out! the demo store has no patches"; exit 1; }

same "no cache file yet: the same list"
check_eq "a cache file was written, no temporary file left" "1 0" \
	"$(cachefile | wc -l) $(ls "$cdir" | grep -c '\.tmp')"
same "the store unchanged: the list from the cache, the same"

# Unchanged store: no mail file is read. With the mail gone the list
# without the cache shows unreadable messages; with it, the same list.
show PATCHDECK_CACHE=0 >"$PD_TMP/before"
mv "$s/mail" "$s/mail.away"
show >"$PD_TMP/away"
show PATCHDECK_CACHE=0 >"$PD_TMP/away.nocache"
"$PATCHDECK" --no-cache --notmuch-config "$conf" list --json --all-revisions >"$PD_TMP/away.opt" 2>&1
"$PATCHDECK" --no-cache --notmuch-config "$conf" list >>"$PD_TMP/away.opt" 2>&1
mv "$s/mail.away" "$s/mail"
check_eq "the mail gone, the store unchanged: the list from the cache alone" \
	"$(cat "$PD_TMP/before")" "$(cat "$PD_TMP/away")"
if cmp -s "$PD_TMP/before" "$PD_TMP/away.nocache"; then
	tap_not_ok "without the cache the gone mail shows" "the same list: this test could not fail"
else
	tap_ok "without the cache the gone mail shows"
fi
check_eq "--no-cache is PATCHDECK_CACHE=0" "$(cat "$PD_TMP/away.nocache")" "$(cat "$PD_TMP/away.opt")"

# After notmuch new: a review arrives on the newest patch. The oldest
# patch's file is edited in place first; its thread did not change, so
# the list keeps it as the cache has it.
show PATCHDECK_CACHE=0 >/dev/null
show >/dev/null
edit "$old_file" "Subject: $old_subject" "Subject: $old_subject EDITED"
cat >"$s/mail/cur/9999999999.review.cache-test:2," <<EOF
From: Rev Iewer <rev@example.org>
To: list@example.org
Subject: Re: the newest patch
Date: Mon, 01 Jul 2024 10:00:00 +0000
Message-ID: <review.cache-test@example.org>
In-Reply-To: <${new_id#id:}>
References: <${new_id#id:}>

Reviewed-by: Rev Iewer <rev@example.org>
EOF
nm new --quiet
show >"$PD_TMP/incr"
edit "$old_file" "Subject: $old_subject EDITED" "Subject: $old_subject"
show PATCHDECK_CACHE=0 >"$PD_TMP/incr.want"
check_eq "after notmuch new: only the changed thread read again (the review shows, the unchanged thread is the cache's)" \
	"$(cat "$PD_TMP/incr.want")" "$(cat "$PD_TMP/incr")"
if grep -q 'Rev Iewer' "$PD_TMP/incr"; then
	tap_ok "the new review is in the list"
else
	tap_not_ok "the new review is in the list" "$(grep -c . "$PD_TMP/incr") lines"
fi
same "after notmuch new, cache written again: the same list"

# A message removed: no message carries a newer lastmod, the thread's
# messages tell.
rm "$s/mail/cur/9999999999.review.cache-test:2,"
nm new --quiet
same "a message removed by notmuch new: the same list"

# A tag changed (unread), and one message's file renamed.
nm tag -unread -- "$old_id"
same "a tag changed: the same list"

# Reindexed (notmuch reindex after an edit in place): the same files and
# tags, only notmuch's lastmod tells. The oldest patch is edited in place
# too, not reindexed: its thread must not be read again.
new_file=$(nm search --output=files "$new_id" | head -n 1)
new_subject=$(sed -n 's/^Subject: //p' "$new_file" | head -n 1)
show >/dev/null
edit "$old_file" "Subject: $old_subject" "Subject: $old_subject EDITED"
edit "$new_file" "Subject: $new_subject" "Subject: $new_subject REINDEXED"
nm reindex "$new_id"
show >"$PD_TMP/reindex"
edit "$old_file" "Subject: $old_subject EDITED" "Subject: $old_subject"
show PATCHDECK_CACHE=0 >"$PD_TMP/reindex.want"
check_eq "a message reindexed: its thread read again (lastmod), no other" \
	"$(cat "$PD_TMP/reindex.want")" "$(cat "$PD_TMP/reindex")"
if grep -q 'REINDEXED' "$PD_TMP/reindex"; then
	tap_ok "the reindexed subject shows"
else
	tap_not_ok "the reindexed subject shows"
fi

# A stale cache: the oldest patch edited in place after the cache was
# written. Each broken file below must be ignored: using it would show
# the old subject.
damaged() { # NAME PYTHON-EXPRESSION-ON-data [COMMAND]
	show >/dev/null
	edit "$old_file" "Subject: $old_subject" "Subject: $old_subject STALE"
	python3 - "$(cachefile)" "$2" <<'PY'
import sys
path, expr = sys.argv[1:]
data = bytearray(open(path, "rb").read())
data = eval(expr, {"data": data})
open(path, "wb").write(bytes(data))
PY
	[ -z "${3:-}" ] || "$3"
	same "$1"
	show >"$PD_TMP/again"
	check_eq "$1: rewritten, the next start the same" "$(cat "$PD_TMP/want")" "$(cat "$PD_TMP/again")"
	edit "$old_file" "Subject: $old_subject STALE" "Subject: $old_subject"
	rm -f "$(cachefile)"
	show >/dev/null
}
# The stale cache is used when intact (what makes the checks below fail
# when a broken file is used).
show >/dev/null
edit "$old_file" "Subject: $old_subject" "Subject: $old_subject STALE"
if show | grep -q "STALE"; then
	tap_not_ok "an intact cache file is used (the in-place edit not seen)"
else
	tap_ok "an intact cache file is used (the in-place edit not seen)"
fi
edit "$old_file" "Subject: $old_subject STALE" "Subject: $old_subject"

damaged "a truncated cache file is ignored" 'data[:len(data) // 2]'
# The index (after the records, at the end of the file) is checked on
# opening; a thread's record when the thread is read. In the index, the
# query's entry for the stale thread is made another thread's (one bit):
# used, the stale thread would be missing and another listed twice.
stale_tid=$(nm search --output=threads "$old_id")
stale_tid=${stale_tid#thread:}
index_bit() {
	python3 - "$(cachefile)" "$stale_tid" <<'PY'
import sys
path, tid = sys.argv[1], sys.argv[2].encode()
data = bytearray(open(path, "rb").read())
ilen, rlen = int.from_bytes(data[16:24], "little"), int.from_bytes(data[32:40], "little")
pos = 40 + rlen
def u():
    global pos
    v, shift = 0, 0
    while True:
        b = data[pos]; pos += 1
        v |= (b & 0x7f) << shift; shift += 7
        if not b & 0x80:
            return v
def s():
    global pos
    n = u() - 1
    pos += n
    return bytes(data[pos - n:pos])
s(); u()
tids = []
for _ in range(u()):
    tids.append(s()); u(); u(); u()
u(); s(); n = u()
for _ in range(n):
    at = pos
    v = u()
    # Another thread's index, the encoding as long.
    bit = next((b for b in range(7) if v ^ (1 << b) < len(tids)), None)
    if tids[v] == tid and bit is not None:
        data[at] ^= 1 << bit
        open(path, "wb").write(bytes(data))
        sys.exit(0)
sys.exit("no entry for the stale thread")
PY
}
damaged "a cache file with a bit of its index changed is ignored (checksum)" 'data' index_bit
# Every record holding the stale message's id (its thread's, and those
# that refer to it) gets a byte changed there.
damaged "a byte changed in a thread's record: that thread is read from mail (checksum)" \
	"data.replace(b'${old_id#id:}', bytes([b'${old_id#id:}'[0] ^ 0x20]) + b'${old_id#id:}'[1:])"
damaged "a cache file of another format version is ignored" 'data[:8] + bytes([data[8] + 1]) + data[9:]'
damaged "an empty cache file is ignored" 'bytearray()'
damaged "a cache file of garbage is ignored" 'bytearray(b"PDCACHE\n" + b"\xff" * 100)'

# Deleting the cache never changes the list.
rm -f "$(cachefile)"
same "the cache file deleted: the same list"

# Another database (a new UUID) over the same mail: the first store's
# file put in its place is ignored.
show >/dev/null
saved=$PD_TMP/a.cache
cp "$(cachefile)" "$saved"
mkdir -p "$PD_TMP/other/db"
sed -e "s|^path=.*|path=$PD_TMP/other/db|" "$conf" >"$PD_TMP/other/conf"
edit "$old_file" "Subject: $old_subject" "Subject: $old_subject OTHER"
notmuch --config="$PD_TMP/other/conf" new --quiet
conf_a=$conf
conf=$PD_TMP/other/conf
ls "$cdir" >"$PD_TMP/files.a"
show >/dev/null
other=$(ls "$cdir" | comm -13 "$PD_TMP/files.a" -)
if [ "$(printf '%s\n' "$other" | grep -c .)" != 1 ]; then
	tap_not_ok "the second database has a cache file of its own" "$other"
else
	cp "$saved" "$cdir/$other"
	same "another database's cache file (another UUID) is ignored"
fi
conf=$conf_a
edit "$old_file" "Subject: $old_subject OTHER" "Subject: $old_subject"

# The real archive: written, read back, read past a truncated file (JSON
# only: the archive is large, and the text is checked on the demo).
pd_try_real_corpus
if $have_corpus; then
	rconf=$PD_CORPUS_DIR/notmuch-config
	rlist() { env "$@" "$PATCHDECK" --notmuch-config "$rconf" list --json --all-revisions 2>&1; }
	rlist PATCHDECK_CACHE=0 >"$PD_TMP/real.want"
	ls "$cdir" >"$PD_TMP/files.r"
	rlist >"$PD_TMP/real.write"
	f=$cdir/$(ls "$cdir" | comm -13 "$PD_TMP/files.r" -)
	rlist >"$PD_TMP/real.read"
	python3 -c 'import sys; p=sys.argv[1]; d=open(p,"rb").read(); open(p,"wb").write(d[:-1])' "$f"
	rlist >"$PD_TMP/real.trunc"
	n=$(grep -c '"id"' "$PD_TMP/real.want")
	for run in write read trunc; do
		if [ "$n" -gt 0 ] && cmp -s "$PD_TMP/real.want" "$PD_TMP/real.$run"; then
			tap_ok "the real archive, cache $run: the same list ($n ids)"
		else
			tap_not_ok "the real archive, cache $run: the same list" \
				"$(diff "$PD_TMP/real.want" "$PD_TMP/real.$run" | head -n 20)"
		fi
	done
else
	tap_skip "the real archive: the same list" "no real corpus"
fi

tap_done
