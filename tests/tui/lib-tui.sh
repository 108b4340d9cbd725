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
