# Shared by the TUI tests: a small notmuch store built inside the test.
#
# Four threads, newest first:
#   2024-03-04  Dörte Ünicode   Wochenbericht (UTF-8 name)
#   2024-03-03  Mallory         a subject with a raw ESC and a BEL in it
#   2024-03-02  Alice, Bob      [PATCH 0/2] with two patches and a review (unread)
#   2024-02-28  Carol           [RFC] a lone message
# `notmuch new` gives no tags; the review reply alone is tagged unread.

tui_msg() { # FILE FROM DATE MSGID SUBJECT [IN-REPLY-TO]
	{
		printf 'From: %s\n' "$2"
		printf 'To: list@example.org\n'
		printf 'Date: %s\n' "$3"
		printf 'Message-ID: <%s>\n' "$4"
		printf 'Subject: %s\n' "$5"
		if [ -n "${6:-}" ]; then
			printf 'In-Reply-To: <%s>\n' "$6"
			printf 'References: <%s>\n' "$6"
		fi
		printf 'MIME-Version: 1.0\n'
		printf 'Content-Type: text/plain; charset=utf-8\n'
		printf 'Content-Transfer-Encoding: 8bit\n\n'
		printf 'Body of %s.\n' "$4"
	} > "$PD_MAIL/cur/$1:2,S"
}

tui_store() {
	PD_MAIL="$PD_TMP/mail"
	NOTMUCH_CONFIG="$PD_TMP/notmuch-config"
	export NOTMUCH_CONFIG
	mkdir -p "$PD_MAIL/cur" "$PD_MAIL/new" "$PD_MAIL/tmp"
	cat > "$NOTMUCH_CONFIG" <<EOC
[database]
path=$PD_MAIL
[user]
name=Test User
primary_email=test@example.org
[new]
tags=
ignore=
[maildir]
synchronize_flags=false
EOC
	tui_msg m1 'Carol Coder <carol@example.org>' 'Wed, 28 Feb 2024 09:00:00 +0000' \
		rfc@example.org '[RFC] rework the frobnicator'
	tui_msg m2 'Alice Author <alice@example.org>' 'Sat, 02 Mar 2024 10:00:00 +0000' \
		cover@example.org '[PATCH 0/2] foo: add bar support'
	tui_msg m3 'Alice Author <alice@example.org>' 'Sat, 02 Mar 2024 10:00:01 +0000' \
		p1@example.org '[PATCH 1/2] foo: prepare for bar' cover@example.org
	tui_msg m4 'Alice Author <alice@example.org>' 'Sat, 02 Mar 2024 10:00:02 +0000' \
		p2@example.org '[PATCH 2/2] foo: add bar' cover@example.org
	tui_msg m5 '"Bob Reviewer" <bob@example.org>' 'Sat, 02 Mar 2024 12:30:00 +0000' \
		review@example.org 'Re: [PATCH 1/2] foo: prepare for bar' p1@example.org
	tui_msg m6 'Mallory <mallory@example.org>' 'Sun, 03 Mar 2024 08:00:00 +0000' \
		evil@example.org "$(printf 'totally \033[31mred\033[0m text\007')"
	tui_msg m7 'Dörte Ünicode <doerte@example.org>' 'Mon, 04 Mar 2024 07:15:00 +0000' \
		weekly@example.org 'Wochenbericht für März'
	notmuch new --quiet >/dev/null 2>&1 || { echo "notmuch new failed" >&2; return 1; }
	notmuch tag +unread -- id:review@example.org
}

# tui_run SCRIPT-TEXT [ARGS...]: runs the reader with the script given as
# text; prints the dumps exactly, then "status N" and any stderr.
tui_run() {
	local script=$1
	shift
	printf '%s\n' "$script" > "$PD_TMP/script"
	"$PATCHDECK" --script "$PD_TMP/script" "$@" >"$PD_TMP/tui-out" 2>"$PD_TMP/tui-err"
	local rc=$?
	cat "$PD_TMP/tui-out"
	echo "status $rc"
	cat "$PD_TMP/tui-err"
}

# One mail of tui_series_store.
tui_smsg() { # FILE FROM DATE MSGID SUBJECT IN-REPLY-TO BODY
	{
		printf 'From: %s\nTo: list@example.org\nDate: %s\n' "$2" "$3"
		printf 'Message-ID: <%s>\nSubject: %s\n' "$4" "$5"
		[ -n "$6" ] && printf 'In-Reply-To: <%s>\nReferences: <%s>\n' "$6" "$6"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n'
		printf 'Content-Transfer-Encoding: 8bit\n\n%s\n' "$7"
	} > "$PD_SMAIL/cur/$1:2,S"
}

# tui_series_store: a store of series (the series list's), in
# $PD_TMP/smail, NOTMUCH_CONFIG exported. Six series, newest first by date:
#   2024-05-10  Carol  v2 (v1 of 05-03 before it), tested by Erin; unread
#   2024-05-08  Grace  [RFC] two patches without a cover, no reply
#   2024-05-06  Frank  one patch; Bob's reply of 05-20 (the latest activity) unread
#   2024-05-01  Alice  [net-next] 2 of 3 patches (2/3 never came); Bob's review
#   2024-04-25  Mallory  a title with a raw ESC and a BEL in it
#   2024-04-20  Dörte  a UTF-8 name and title
# Carol's v2 2/2 and Bob's reply to Frank alone are tagged unread.
tui_series_store() {
	PD_SMAIL="$PD_TMP/smail"
	export NOTMUCH_CONFIG="$PD_TMP/notmuch-config"
	mkdir -p "$PD_SMAIL/cur" "$PD_SMAIL/new" "$PD_SMAIL/tmp"
	printf '[database]\npath=%s\n[new]\ntags=\nignore=\n[maildir]\nsynchronize_flags=false\n' \
		"$PD_SMAIL" > "$NOTMUCH_CONFIG"
	local al='Alice Author <alice@example.org>' bob='Bob Reviewer <bob@example.org>'
	local carol='Carol Coder <carol@example.org>' dave='Dave Acker <dave@example.org>'
	local erin='Erin Tester <erin@example.org>' frank='Frank Single <frank@example.org>'
	local grace='Grace Nocover <grace@example.org>'
	tui_smsg a0 "$al" 'Wed, 01 May 2024 10:00:00 +0000' a0@x '[PATCH net-next 0/3] net: fix the frobs' '' 'The frobs.'
	tui_smsg a1 "$al" 'Wed, 01 May 2024 10:00:01 +0000' a1@x '[PATCH net-next 1/3] net: frob one' a0@x 'One.'
	tui_smsg a3 "$al" 'Wed, 01 May 2024 10:00:03 +0000' a3@x '[PATCH net-next 3/3] net: frob three' a0@x 'Three.'
	tui_smsg ra1 "$bob" 'Thu, 02 May 2024 09:00:00 +0000' ra1@x 'Re: [PATCH net-next 1/3] net: frob one' a1@x \
		"$(printf 'Fine.\n\nReviewed-by: Bob Reviewer <bob@example.org>')"
	tui_smsg b0 "$carol" 'Fri, 03 May 2024 10:00:00 +0000' b0@x '[PATCH 0/2] mm: speed up the walker' '' 'Faster.'
	tui_smsg b1 "$carol" 'Fri, 03 May 2024 10:00:01 +0000' b1@x '[PATCH 1/2] mm: walker: skip holes' b0@x 'Holes.'
	tui_smsg b2 "$carol" 'Fri, 03 May 2024 10:00:02 +0000' b2@x '[PATCH 2/2] mm: walker: batch' b0@x 'Batch.'
	tui_smsg rb0 "$dave" 'Sat, 04 May 2024 09:00:00 +0000' rb0@x 'Re: [PATCH 0/2] mm: speed up the walker' b0@x \
		'Acked-by: Dave Acker <dave@example.org>'
	tui_smsg c0 "$carol" 'Fri, 10 May 2024 10:00:00 +0000' c0@x '[PATCH v2 0/2] mm: speed up the walker' '' 'Faster, v2.'
	tui_smsg c1 "$carol" 'Fri, 10 May 2024 10:00:01 +0000' c1@x '[PATCH v2 1/2] mm: walker: skip holes' c0@x 'Holes.'
	tui_smsg c2 "$carol" 'Fri, 10 May 2024 10:00:02 +0000' c2@x '[PATCH v2 2/2] mm: walker: batch' c0@x 'Batch.'
	tui_smsg rc1 "$erin" 'Sat, 11 May 2024 09:00:00 +0000' rc1@x 'Re: [PATCH v2 1/2] mm: walker: skip holes' c1@x \
		'Tested-by: Erin Tester <erin@example.org>'
	tui_smsg f1 "$frank" 'Mon, 06 May 2024 10:00:00 +0000' f1@x '[PATCH] lib: tidy the strings' '' 'Tidy.'
	tui_smsg rf1 "$bob" 'Mon, 20 May 2024 09:00:00 +0000' rf1@x 'Re: [PATCH] lib: tidy the strings' f1@x 'Why?'
	tui_smsg g1 "$grace" 'Wed, 08 May 2024 10:00:00 +0000' g1@x '[RFC PATCH 1/2] doc: explain the thing' '' 'Doc.'
	tui_smsg g2 "$grace" 'Wed, 08 May 2024 10:00:01 +0000' g2@x '[RFC PATCH 2/2] doc: explain it more' g1@x 'More.'
	tui_smsg m1 'Mallory <mallory@example.org>' 'Thu, 25 Apr 2024 08:00:00 +0000' m1@x \
		"$(printf '[PATCH] totally \033[31mred\033[0m text\007')" '' 'Evil.'
	tui_smsg d1 'Dörte Ünicode <doerte@example.org>' 'Sat, 20 Apr 2024 07:15:00 +0000' d1@x \
		'[PATCH] Wochenbericht für März' '' 'Bericht.'
	notmuch new --quiet >/dev/null 2>&1 || return 1
	notmuch tag +unread -- id:c2@x or id:rf1@x
}

# check_unread NAME EXPECTED ACTUAL: check_eq for a screen that shows
# unread mail bold, skipped while the loader does not mark mail unread
# (pd_mail.unread): run after tui_series_store.
check_unread() {
	if [ -z "${tui_unread_known:-}" ]; then
		tui_unread_known=no
		tui_run 'dump attrs' --screen 3x80 tag:unread | grep -q '^{cursor,bold}' &&
			tui_unread_known=yes
	fi
	if [ "$tui_unread_known" = yes ]; then
		check_eq "$@"
	else
		tap_skip "$1" "the loader does not mark unread mail yet"
	fi
}
