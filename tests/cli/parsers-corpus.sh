#!/bin/bash
# The subject parser on every subject of the real list archive
# ($PD_CORPUS/linux-modules.git.bundle: one commit per message, the commit
# subject is the message's decoded Subject), checked against independent
# greps and awk scripts over the same subjects. No count is written down
# here: each is computed both ways and compared.
. "$top_srcdir/tests/lib.sh"

[ -n "$PD_CORPUS" ] ||
	tap_skip_all "no real corpus: ${PD_SHARED:-../shared}/corpus is absent (put the project's shared/ beside the checkout or set PD_SHARED)"
bundle=$PD_CORPUS/linux-modules.git.bundle
[ -f "$bundle" ] || tap_skip_all "no list archive: $bundle is missing"

parse=$(pd_tool parse-subjects)
if ! git clone -q --bare "$bundle" "$PD_TMP/list.git" 2>"$PD_TMP/clone.err"; then
	echo "Bail out! cannot clone $bundle: $(tail -n 1 "$PD_TMP/clone.err")"
	exit 1
fi
subjects=$PD_TMP/subjects
parsed=$PD_TMP/parsed
git --git-dir="$PD_TMP/list.git" log --format=%s >"$subjects"
total=$(wc -l <"$subjects")

# Every subject parses; one line out per line in.
"$parse" <"$subjects" >"$parsed" 2>"$PD_TMP/parse.err"
check_eq "parse-subjects reads all $total subjects and exits 0" \
	"0 ''" "$? '$(cat "$PD_TMP/parse.err")'"
check_eq "one parse line per subject" "$total" "$(wc -l <"$parsed")"
check_eq "every parse line has every field" "0" \
	"$(grep -Evc '^reply=[01] kinds=[A-Z,-]+ v=[0-9.()]+ n=(-|[0-9]+/[0-9]+) targets=[^ ]+ odd=[a-z,-]+ prefix=.* title=' "$parsed")"

# Subject and parse side by side, tab separated (subjects hold no tabs:
# git log joins a folded header with spaces).
paste "$subjects" "$parsed" >"$PD_TMP/both"
check_eq "subjects hold no tab" "$total" "$(awk -F'\t' 'NF == 2' "$PD_TMP/both" | wc -l)"

reply_re='^ *(\[[^]]*\] *)*(re|aw|fwd?|antw|sv|vs|odp|wg|tr|res) *(\[[0-9]+\])? *:'

# Replies: an independent grep for a leading marker (after gateway tags).
check_eq "replies: parser and grep agree" \
	"$(grep -Eic "$reply_re" "$subjects")" "$(grep -c '^reply=1 ' "$parsed")"

# Cover letters: not a reply, a leading bracket group ending in 0/N.
covers_grep=$(grep -Eiv "$reply_re" "$subjects" |
	grep -Ec '^ *(\[[^]]*\] *)*\[[^]]*[ ,]0+/[0-9]+\]')
covers_parser=$(grep -c '^reply=0 .* n=0/[0-9]* ' "$parsed")
check_eq "cover letters (0/N, not replies): parser and grep agree" "$covers_grep" "$covers_parser"
[ "$covers_grep" -gt 0 ] && tap_ok "the archive has cover letters ($covers_grep)" ||
	tap_not_ok "the archive has cover letters" "grep found none: is the corpus the list archive?"

# git format-patch counters: every subject whose leading groups (after
# reply markers and b4's `(subset)`) hold `[PATCH ... n/N]` gets that n/N.
awk -F'\t' '
{
	s = tolower($1)
	if (!match(s, /^ *((re|aw|fwd?|antw|sv) *: *)*(\(subset\) *)?(\[[^]]*\] *)*\[[^]]*patch[^]]* [0-9]+\/[0-9]+\]/))
		next
	g = substr(s, RSTART, RLENGTH)
	sub(/\]$/, "", g)
	k = split(g, w, " ")
	split(w[k], c, "/")
	want = "n=" (c[1] + 0) "/" (c[2] + 0)
	checked++
	if (index($2, " " want " ") == 0)
		print $1 " => " $2 " (want " want ")"
}
END { print checked > "/dev/stderr" }' "$PD_TMP/both" >"$PD_TMP/counter.bad" 2>"$PD_TMP/counter.n"
n_counter=$(cat "$PD_TMP/counter.n")
check_eq "format-patch counters: all $n_counter found by awk parse the same" \
	"" "$(head -n 20 "$PD_TMP/counter.bad")"
[ "$n_counter" -gt 1000 ] && tap_ok "counters compared on a real share of the archive ($n_counter of $total)" ||
	tap_not_ok "counters compared on a real share of the archive" "only $n_counter of $total"

# Counters above their total are flagged, and only those.
over_awk=$(awk -F'\t' '
{
	s = tolower($1)
	if (!match(s, /^ *((re|aw|fwd?|antw|sv) *: *)*(\(subset\) *)?(\[[^]]*\] *)*\[[^]]*[ ,][0-9]+\/[0-9]+\]/))
		next
	g = substr(s, RSTART, RLENGTH)
	sub(/\]$/, "", g)
	k = split(g, w, /[ ,]/)
	split(w[k], c, "/")
	if (c[1] + 0 > c[2] + 0 || c[2] + 0 == 0)
		n++
}
END { print n + 0 }' "$PD_TMP/both")
check_eq "counters above their total: parser flags as many as awk finds" \
	"$over_awk" "$(grep -c ' odd=[a-z,]*over' "$parsed")"

# Versions: `[PATCH vN` and `[RFC PATCH vN` give vN.
awk -F'\t' '
{
	s = tolower($1)
	if (!match(s, /^ *((re|aw|fwd?) *: *)*(\[[^]]*\] *)*\[(rfc )?patch v[0-9]+[] ]/))
		next
	g = substr(s, RSTART, RLENGTH)
	sub(/.* v/, "", g)
	sub(/[] ]$/, "", g)
	checked++
	if (index($2, " v=" (g + 0) " ") == 0)
		print $1 " => " $2
}
END { print checked > "/dev/stderr" }' "$PD_TMP/both" >"$PD_TMP/version.bad" 2>"$PD_TMP/version.n"
check_eq "versions: all $(cat "$PD_TMP/version.n") [PATCH vN] subjects parse as vN" \
	"" "$(head -n 20 "$PD_TMP/version.bad")"

# Titles: for the plainest shape `[PATCH( vN)?( n/N)?] title` (one group)
# the title is the rest of the subject with runs of blanks folded.
awk -F'\t' '
$1 ~ /^\[PATCH( v[0-9]+)?( [0-9]+\/[0-9]+)?\] +[^[ ]/ {
	t = $1
	sub(/^\[[^]]*\] +/, "", t)
	gsub(/[ \t]+/, " ", t)
	sub(/ $/, "", t)
	checked++
	if (substr($2, index($2, " title=") + 7) != t)
		print $1 " => " $2
}
END { print checked > "/dev/stderr" }' "$PD_TMP/both" >"$PD_TMP/title.bad" 2>"$PD_TMP/title.n"
check_eq "titles: all $(cat "$PD_TMP/title.n") plain [PATCH ...] subjects keep their folded title" \
	"" "$(head -n 20 "$PD_TMP/title.bad")"

# The canonical prefix renders git format-patch's own prefixes back
# unchanged (counter padded to the width of its total, no v1).
awk -F'\t' '
{
	if (!match($1, /^\[(RFC )?PATCH( v[0-9]+)?( [0-9]+\/[0-9]+)?\] +[^[ ]/))
		next
	g = $1
	sub(/\].*/, "]", g)
	if (g ~ /v1[] ]/ || g ~ /v0/)
		next
	if (match(g, /[0-9]+\/[0-9]+/)) {
		split(substr(g, RSTART, RLENGTH), c, "/")
		if (length(c[1]) != length(c[2]))
			next
	}
	checked++
	if (index($2, " prefix=" g " title=") == 0)
		print $1 " => " $2
}
END { print checked > "/dev/stderr" }' "$PD_TMP/both" >"$PD_TMP/prefix.bad" 2>"$PD_TMP/prefix.n"
check_eq "prefixes: all $(cat "$PD_TMP/prefix.n") canonical prefixes render back unchanged" \
	"" "$(head -n 20 "$PD_TMP/prefix.bad")"

# Target prefixes are kept: every `[PATCH kmod ...]` names kmod.
check_eq "every [PATCH kmod ...] subject keeps the kmod target" \
	"$(grep -Ec '^ *((Re|RE): *)*\[PATCH( v[0-9]+)? kmod[] ]' "$subjects")" \
	"$(paste -d'\t' "$subjects" "$parsed" | grep -E '^ *((Re|RE): *)*\[PATCH( v[0-9]+)? kmod[] ]' |
		grep -c 'targets=\([^ ]*,\)\{0,1\}kmod[ ,]')"

# ---------------------------------------------------------------- bodies
# Every patch mail of the archive (subject starting `[PATCH`) whose body
# travels as plain text (not quoted-printable, base64, multipart or
# format=flowed: the message layer decodes those first) is split and
# compared with git's own reading of the same mail: `git mailinfo` for the
# commit message and the patch, `git interpret-trailers --parse` for the
# trailers, `git patch-id` to compare the diffs. Two things differ on
# purpose and are adjusted in git's output: mailinfo leaves the `-- `
# signature of a mail without `---` (a cover letter) in the message, where
# SERIES.md ends it; and interpret-trailers reads a commit message whose
# first line is the subject, so a `Subject` line is put before the body.
split=$(pd_tool split-body)
git --git-dir="$PD_TMP/list.git" log --format='%H%x09%s' |
	grep -E $'^[0-9a-f]+\t\\[PATCH' | cut -f1 >"$PD_TMP/bodies"

# compare_bodies LIST DIR: compares the mails of LIST, leaving counts in
# DIR/counts and the commits that differ in DIR/{msg,trailers,diff}.bad.
# The diffs of all mails go through one `git patch-id` run per side.
compare_bodies() {
	local d=$2 c checked=0 encoded=0 with_trailers=0 damaged=0
	: >"$d/msg.bad"; : >"$d/trailers.bad"; : >"$d/ours.all"; : >"$d/theirs.all"
	while read -r c; do
		git --git-dir="$PD_TMP/list.git" cat-file blob "$c:m" >"$d/m"
		if sed '/^$/q' "$d/m" | grep -qiE '^content-transfer-encoding: *(quoted-printable|base64)|^content-type: *multipart|format=flowed'; then
			encoded=$((encoded + 1))
			continue
		fi
		sed '1,/^$/d' "$d/m" >"$d/body"
		if ! git mailinfo "$d/msg" "$d/patch" <"$d/m" >/dev/null 2>&1; then
			echo "$c: git mailinfo failed" >>"$d/msg.bad"
			continue
		fi
		checked=$((checked + 1))
		"$split" message <"$d/body" | git stripspace >"$d/ours"
		sed '/^-- $/,$d' "$d/msg" | git stripspace | cmp -s - "$d/ours" || echo "$c" >>"$d/msg.bad"
		"$split" trailers <"$d/body" | tr 'A-Z' 'a-z' >"$d/ours"
		{ echo "Subject"; echo; sed '/^-- $/,$d' "$d/msg"; } | git interpret-trailers --parse |
			tr 'A-Z' 'a-z' | cmp -s - "$d/ours" || echo "$c" >>"$d/trailers.bad"
		[ -s "$d/ours" ] && with_trailers=$((with_trailers + 1))
		"$split" diff <"$d/body" >"$d/ours" 2>"$d/err"
		# A hunk a mailer broke cannot apply, and git patch-id counts
		# its lines differently: such diffs are only counted.
		if [ -s "$d/err" ]; then
			damaged=$((damaged + 1))
			continue
		fi
		{ echo "commit $c"; cat "$d/ours"; } >>"$d/ours.all"
		{ echo "commit $c"; cat "$d/patch"; } >>"$d/theirs.all"
	done <"$1"
	git patch-id --stable <"$d/ours.all" | sort >"$d/ours.ids"
	git patch-id --stable <"$d/theirs.all" | sort >"$d/theirs.ids"
	diff "$d/theirs.ids" "$d/ours.ids" | grep '^[<>]' >"$d/diff.bad"
	echo "$checked $encoded $(wc -l <"$d/theirs.ids") $with_trailers $damaged" >"$d/counts"
}

# Two workers, one per core of the test machines.
split -n l/2 "$PD_TMP/bodies" "$PD_TMP/part."
for part in "$PD_TMP"/part.*; do
	mkdir -p "$part.d"
	compare_bodies "$part" "$part.d" &
done
wait
checked=0 encoded=0 with_diff=0 with_trailers=0 damaged=0
for part in "$PD_TMP"/part.*.d; do
	read -r a b c e f <"$part/counts"
	checked=$((checked + a)) encoded=$((encoded + b))
	with_diff=$((with_diff + c)) with_trailers=$((with_trailers + e)) damaged=$((damaged + f))
done
all=$(wc -l <"$PD_TMP/bodies")
check_eq "bodies: every plain-text patch mail was compared ($checked of $all; $encoded encoded ones left to the message layer)" \
	"$all" "$((checked + encoded))"
check_eq "bodies: the commit message equals git mailinfo's (after git stripspace) in all $checked" \
	"" "$(cat "$PD_TMP"/part.*.d/msg.bad | head -n 5)"
check_eq "bodies: the trailers equal git interpret-trailers' in all $checked ($with_trailers have some)" \
	"" "$(cat "$PD_TMP"/part.*.d/trailers.bad | head -n 5)"
check_eq "bodies: the diff has git mailinfo's patch-id in all $checked ($with_diff carry a diff, $damaged damaged by a mailer)" \
	"" "$(cat "$PD_TMP"/part.*.d/diff.bad | head -n 5)"

tap_done
