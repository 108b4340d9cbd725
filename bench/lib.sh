# Shared by the bench scripts (sourced).

# evict DIR...: drops the files below each DIR from the page cache with
# posix_fadvise, which needs no privileges and leaves the rest of the
# machine alone, so the next run reads them cold.
evict() {
	python3 - "$@" <<'PY'
import os, sys
for top in sys.argv[1:]:
    for d, _, files in os.walk(top):
        for f in files:
            try:
                fd = os.open(os.path.join(d, f), os.O_RDONLY)
            except OSError:
                continue
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.close(fd)
PY
}

# run CMD...: "SECONDS KB" of one run (wall time, peak resident set), its
# output left in $tmp/out and $tmp/err; stops the bench when CMD fails.
run() {
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" ||
		{ echo "bench: '$*' failed: $(tail -n 1 "$tmp/err")" >&2; exit 1; }
	cat "$tmp/time"
}

# best CMD...: the fastest of $runs runs, with the largest peak seen.
best() {
	local t m bt=999999 bm=0
	for _ in $(seq "$runs"); do
		read -r t m < <(run "$@")
		bt=$(python3 -c "print(min($bt, $t))")
		[ "$m" -gt "$bm" ] && bm=$m
	done
	echo "$bt $bm"
}

# now: the time in seconds, for differences; median: of the numbers on
# standard input, one a line.
now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# demo_twenty DEMO DIR: a store of its own in DIR (config DIR.conf) holding
# the cover and patches 1..20 of DEMO's 40-patch series `forty`, their
# subjects renumbered NN/20: the 20-patch series issue 7 times against b4
# and git am. Prints the series' Message-ID.
demo_twenty() {
	local demo=$1 dir=$2 forty stem host
	forty=$(awk '$1 == "forty:" { on = 1; next } on && /^  </ { gsub(/[<>]/, "", $1); print $1; exit }' \
		"$demo/CASES")
	mkdir -p "$dir/cur" "$dir/new" "$dir/tmp"
	stem=${forty%-1-*}
	host=${forty#*-1-}
	for i in $(seq 1 21); do
		notmuch --config="$demo/notmuch-config" show --format=raw "id:$stem-$i-$host" |
			sed '1,/^$/ s,^\(Subject: .*\)/40\],\1/20],' >"$dir/cur/$i:2,"
	done
	printf '[database]\npath=%s\n' "$dir" >"$dir.conf"
	notmuch --config="$dir.conf" new --quiet
	echo "$forty"
}
