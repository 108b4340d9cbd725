#!/bin/bash
# The honest byte-exactness check of the message parser: for every patch
# mail of the demo list and of the real archive, the commit message and the
# diff must equal what git itself (git mailsplit + git mailinfo, as git am
# runs them) takes from the same file. See message-mailinfo.py for how the
# two are compared.
. "$top_srcdir/tests/lib.sh"

# Before any check: bails out if the corpus exists and cannot be prepared.
pd_try_real_corpus

dump=$(pd_tool mail-dump)
compare="$top_srcdir/tests/cli/message-mailinfo.py"

# run_compare NAME DIR...: compares every mail file under DIR, leaving the
# disagreements in $PD_TMP/NAME.bad and setting checked/agree.
run_compare() {
	local name=$1
	shift
	find "$@" -type f ! -name '.*' | sort >"$PD_TMP/$name.list"
	mkdir -p "$PD_TMP/$name"
	python3 "$compare" "$dump" "$PD_TMP/$name.list" "$PD_TMP/$name" \
		>"$PD_TMP/$name.out" 2>"$PD_TMP/$name.err"
	check_eq "$name: the comparison ran over $(wc -l <"$PD_TMP/$name.list") files" \
		"0 ''" "$? '$(cat "$PD_TMP/$name.err")'"
	read -r _ checked _ agree < <(tail -n 1 "$PD_TMP/$name.out")
	head -n -1 "$PD_TMP/$name.out" >"$PD_TMP/$name.bad"
}

# ---------------------------------------------------------------- demo
run_compare demo "$PD_DEMO/mail"
check_eq "demo: all $checked patch mails agree with git mailinfo (message and diff bytes)" \
	"" "$(cut -f2,3 "$PD_TMP/demo.bad")"
# Every numbered, non-cover patch the generator lists must have been one of
# them (a parser that found no diff at all must not pass by checking none).
patches=$(grep -E '^  <[^>]+>  \[[^]]*PATCH[^]]*\]' "$PD_DEMO/CASES" |
	grep -Ev '\[[^]]*( 0+/[0-9]+| 0 of [0-9]+)\]' | wc -l)
if [ "$checked" -ge "$patches" ] && [ "$patches" -gt 0 ]; then
	tap_ok "demo: the $patches patch mails of CASES were all compared ($checked mails with a diff)"
else
	tap_not_ok "demo: the patch mails of CASES were all compared" \
		"CASES lists $patches patch mails, only $checked were compared"
fi

# ---------------------------------------------------------------- corpus
if ! $have_corpus; then
	tap_skip "real archive: every patch mail agrees with git mailinfo" \
		"no real corpus: ${PD_SHARED:-../shared}/corpus is absent (put the project's shared/ beside the checkout or set PD_SHARED)"
	tap_done
	exit
fi

# Where patchdeck and git read a mail differently on purpose, or where the
# cause lies in the body splitter's rules; each Message-ID with the reason.
documented=$(cat <<'LIST'
YaMYJv539OEBz5B/@google.com	two different patches: the kernel patch named by the Subject inline, and a kmod format-patch attached; we keep the inline one the mail is about, the reference takes the attachment
Y1MOq6VZQRFT3Uib@bongo.bofh.it	a `diff -U 0 \` shell command in prose: git's patch runs on over the rest of the mail; ours stops where that non-diff ends (both are not patches; the parser reports it)
CA+icZUW_K-f-ATDuvtsjXokx7aWUcfh7XpW2JhxBeegXp3V4xw@mail.gmail.com	a damaged inline diff (context lines lost their leading space): git's patch also swallows the two text attachments that follow; neither applies, ours is flagged damaged
87r0qbmy14.fsf@all.your.base.are.belong.to.us	a 6-character `--8<--` line: the body splitter (src/trailer.c) takes it for scissors, git requires a mark of at least 8 characters; git is right here
Z0ffD62YLuVVrCGR@bombadil.infradead.org	two format-patch files pasted into one reply: git's patch runs on through both (git apply would make one commit of them); ours ends at the first one's `-- ` signature, so each patch stays itself
20240517154632.GA320@willie-the-truck	a 5-character `--->8` line: the body splitter (src/trailer.c) takes it for scissors, git requires a mark of at least 8 characters; git is right here
LIST
)
run_compare corpus "$PD_CORPUS_DIR/linux-modules"
known=$(printf '%s\n' "$documented" | cut -f1 | sort)
undocumented=$(cut -f3 "$PD_TMP/corpus.bad" | sort | comm -23 - <(printf '%s\n' "$known"))
check_eq "real archive: $agree of $checked patch mails agree with git mailinfo; the others are the documented ones" \
	"" "$(grep -F -f <(printf '%s\n' "$undocumented" | grep .) "$PD_TMP/corpus.bad" | cut -f2,3)"
# A documented difference that went away must leave the list too.
check_eq "real archive: every documented difference still occurs" \
	"$known" "$(cut -f3 "$PD_TMP/corpus.bad" | sort | comm -12 - <(printf '%s\n' "$known"))"
printf '%s\n' "$documented" | while IFS=$'\t' read -r id why; do
	echo "# documented: <$id>: $why"
done
n_patch=$(grep -c . "$PD_TMP/corpus.list")
if [ "$checked" -gt 1000 ]; then
	tap_ok "real archive: a real share of the $n_patch files was compared ($checked with a diff)"
else
	tap_not_ok "real archive: a real share of the files was compared" "only $checked of $n_patch"
fi

tap_done
