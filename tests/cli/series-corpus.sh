#!/bin/bash
# The series engine on the real list archive (../shared/corpus): `list
# --json` over the whole store is valid JSON, every patch mail lands in
# exactly one series, and what git send-email sent together (one
# Message-ID stem, one sender) comes out as one series with its numbers.
# What is a patch is decided here from the maildir alone, with Python's
# email package, not by asking patchdeck.
. "$top_srcdir/tests/lib.sh"
pd_use_real_corpus

config=$PD_CORPUS_DIR/notmuch-config
maildir=$PD_CORPUS_DIR/linux-modules

# Every thread (`*`), not only those the default query's index terms
# find: an untagged root whose diff has no `diff --git` line is a patch too.
"$PATCHDECK" --notmuch-config "$config" list --json --all-revisions '*' \
	>"$PD_TMP/all.json" 2>"$PD_TMP/all.err"
rc=$?
check_eq "list --json --all-revisions '*' over the whole archive exits 0, silent" \
	"0:" "$rc:$(cat "$PD_TMP/all.err")"

if python3 -m json.tool "$PD_TMP/all.json" >/dev/null 2>"$PD_TMP/json.err"; then
	tap_ok "the output is valid JSON"
else
	tap_not_ok "the output is valid JSON" "$(head -n 3 "$PD_TMP/json.err")"
fi

"$PATCHDECK" --notmuch-config "$config" list --json >"$PD_TMP/latest.json" 2>&1
if python3 -m json.tool "$PD_TMP/latest.json" >/dev/null 2>&1; then
	tap_ok "list --json (latest revisions only) is valid JSON"
else
	tap_not_ok "list --json (latest revisions only) is valid JSON" \
		"$(head -c 300 "$PD_TMP/latest.json")"
fi

# One line per finding; the checks below compare the lists with "".
python3 - "$maildir" "$PD_TMP/all.json" "$PD_TMP/latest.json" "$PD_TMP" "$PATCHDECK" "$config" <<'PY'
import email, email.policy, json, os, re, subprocess, sys
from collections import defaultdict

maildir, all_json, latest_json, out, pd, config = sys.argv[1:7]

REPLY = re.compile(r'^\s*((re|aw|fwd?|antw|sv|vs)\s*(\[\d+\])?\s*:\s*)+', re.I)
DIFF = re.compile(r'^(diff --git |diff -r |Index: |--- \S+.*\n\+\+\+ )', re.M)
COUNTER = re.compile(r'(\d+)\s*(?:/|\s+of\s+)\s*(\d+)')

def text_of(msg):
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ct = part.get_content_type()
        if ct in ('text/plain', 'text/x-patch', 'text/x-diff') or \
           (ct.startswith('text/') and part.get_filename()):
            try:
                parts.append(part.get_payload(decode=True).decode('utf-8', 'replace'))
            except Exception:
                pass
    return '\n'.join(parts)

def bracket_groups(subject):
    """The leading [..] groups of a subject, and the rest."""
    groups = []
    s = subject.strip()
    while s.startswith('['):
        end = s.find(']')
        if end < 0:
            break
        groups.append(s[1:end])
        s = s[end + 1:].strip()
    return groups, s

patches = {}      # Message-ID -> (from address, subject counter (n, N) or None, version)
covers = {}       # the same for tagged n/N mails without a diff: 0/N covers
refs = {}         # Message-ID -> the ids it names in In-Reply-To/References
untagged = {}     # Message-ID -> the id it answers, for untagged ones
allids = set()
for sub in ('cur', 'new'):
    d = os.path.join(maildir, sub)
    for name in os.listdir(d):
        with open(os.path.join(d, name), 'rb') as f:
            msg = email.message_from_binary_file(f, policy=email.policy.compat32)
        mid = (msg.get('Message-ID') or '').strip()
        m = re.search(r'<([^>]*)>', mid)
        if not m:
            continue
        mid = m.group(1).strip()
        allids.add(mid)
        subject = str(email.header.make_header(email.header.decode_header(
            msg.get('Subject') or ''))) if msg.get('Subject') else ''
        subject = ' '.join(subject.split())
        if REPLY.match(subject):
            continue
        groups, _ = bracket_groups(subject)
        is_patch = bool(DIFF.search(text_of(msg)))
        if not is_patch and not groups:
            continue
        # Without a [PATCH]-like tag ([..]) only a thread root is a patch
        # (SERIES.md): an untagged mail with a diff answering a mail of
        # the archive is discussion, like a reply that quotes a diff.
        if not groups:
            parent = re.findall(r'<([^>]*)>', msg.get('In-Reply-To') or '') or \
                re.findall(r'<([^>]*)>', msg.get('References') or '')[-1:]
            if parent:
                untagged[mid] = parent[-1].strip()
        counter = None
        for g in groups:
            c = COUNTER.search(g.replace(',', ' '))
            if c:
                counter = (int(c.group(1)), int(c.group(2)))
                break
        addr = email.utils.parseaddr(str(email.header.make_header(
            email.header.decode_header(msg.get('From') or ''))))[1].lower()
        version = 1
        for g in groups:
            v = re.search(r'\bv(\d+)', g, re.I)
            if v:
                version = int(v.group(1))
        refs[mid] = {r.strip() for r in re.findall(r'<([^>]*)>', (msg.get('In-Reply-To') or '') +
                                                     ' ' + (msg.get('References') or ''))}
        if is_patch:
            patches[mid] = (addr, counter, version)
        elif counter is not None and counter[0] == 0:
            covers[mid] = (addr, counter, version)

ndiscussion = 0
for mid, parent in untagged.items():
    if mid in patches and parent in allids:
        del patches[mid]
        ndiscussion += 1

with open(all_json) as f:
    revisions = json.load(f)
where = defaultdict(list)   # Message-ID -> [(revision index, n, total)]
for i, rev in enumerate(revisions):
    if rev['cover']:
        where[rev['id']].append((i, 0, rev['total']))
    for p in rev['patches']:
        if not p.get('carried'):
            for mid in [p['id']] + p['duplicates']:
                where[mid].append((i, p['n'], rev['total']))

bad_count = []
for mid in sorted(patches):
    k = len(where.get(mid, []))
    if k != 1:
        bad_count.append('%s: in %d series' % (mid, k))

# What one git send-email or b4 run sent has one Message-ID stem:
#   send-email <YYYYMMDDhhmmss.PID-K-user@host>  (K = 1.., the cover first)
#   b4         <YYYYMMDD-topic-vN-K-hash@host>   (K = 0 is the cover)
# The stem is the id without K. Threading plays no part: an unthreaded
# posting (each mail a thread of its own) is grouped the same way.
STEMS = (re.compile(r'^(\d{14}\.\d+)-(\d+)-(.+)$'),
         re.compile(r'^(\d{8}-.+-v\d+)-(\d+)-([0-9a-f]+@.+)$'))
def stem_of(mid):
    for kind, rx in enumerate(STEMS):
        m = rx.match(mid)
        if m:
            return ('send-email', 'b4')[kind], m.group(1) + '-*-' + m.group(3)
    return None, None

stems = defaultdict(list)
for table in (patches, covers):
    for mid, (addr, counter, version) in table.items():
        kind, stem = stem_of(mid)
        if stem:
            # One call can send several versions (a stale v1 file next to
            # the v2): the model splits a thread by version (SERIES.md).
            stems[(stem, version)].append(mid)
bad_stem = []
ngroups = {'send-email': 0, 'b4': 0}
nsingles = nsenders = nunthreaded = ncovercopies = ncovertypos = 0
def info(m):
    return patches.get(m) or covers[m]
def place(m):
    return ', '.join('%s n=%d of %d' % (revisions[i]['id'], n, t) for i, n, t in where.get(m, [])) or 'no series'
for (stem, version), mids in sorted(stems.items()):
    if len(mids) < 2:
        continue
    if len({info(m)[0] for m in mids}) != 1:
        nsenders += 1
        continue
    # Patches without n/N sent in one call are separate single patches.
    if all(info(m)[1] is None for m in mids):
        nsingles += 1
        continue
    ngroups[stem_of(mids[0])[0]] += 1
    group = set(mids)
    if sum(1 for m in mids if not refs.get(m, set()) & group) > 1:
        nunthreaded += 1
    for m in mids:
        if m in covers and m not in where:
            # A cover sent twice: the revision keeps one copy and `list`
            # does not name the other; ask `show` where that copy went.
            r = subprocess.run([pd, '--notmuch-config', config, 'show', '--json', '<%s>' % m],
                               capture_output=True)
            shown = json.loads(r.stdout or b'{}').get('id')
            for i, rev in enumerate(revisions):
                if rev['id'] == shown and rev['cover']:
                    where[m].append((i, 0, rev['total']))
                    ncovercopies += 1
    offenders = [m for m in sorted(mids) if len(where.get(m, [])) != 1]
    revs = sorted({where[m][0][0] for m in mids if len(where.get(m, [])) == 1})
    if offenders or len(revs) != 1:
        bad_stem.append('%s v%d: not one series: %s' % (stem, version, '; '.join(
            '%s in %s' % (m, place(m)) for m in sorted(mids))))
        continue
    rev = revisions[revs[0]]
    for m in sorted(mids):
        counter = info(m)[1]
        _, n, total = where[m][0]
        if counter is not None and (counter[0], counter[1]) != (n, total):
            # A cover's n/N typo yields to patches that all say n/M.
            if n == 0 and rev['patches'] and all(
                    (patches.get(p['id']) or (0, None))[1] == (p['n'], total)
                    for p in rev['patches'] if not p.get('carried')):
                ncovertypos += 1
                continue
            bad_stem.append('%s: subject says %d/%d, series says %d/%d'
                            % (m, counter[0], counter[1], n, total))
    # Nothing in the series but this posting and what the same sender sent
    # for it in another run (a posting sent in parts, or resent whole),
    # numbered to fit; carried patches come from an older revision.
    sender = info(mids[0])[0]
    foreign = [p['id'] for p in rev['patches'] if not p.get('carried') and
               not ({p['id']} | set(p['duplicates'])) & group and
               (patches.get(p['id']) or (None, None))[:2] != (sender, (p['n'], rev['total']))]
    if rev['cover'] and rev['id'] not in group and any(m in covers for m in mids) and \
            (covers.get(rev['id']) or (None, None))[:2] != (sender, (0, rev['total'])):
        foreign.insert(0, rev['id'] + ' (cover)')
    if foreign:
        bad_stem.append('%s v%d: series %s also holds %s' % (stem, version, rev['id'], ', '.join(foreign)))

with open(os.path.join(out, 'patches.count'), 'w') as f:
    f.write('%d %d %d %d %d %d %d %d %d\n' % (len(patches), ngroups['send-email'], ngroups['b4'],
                                              nunthreaded, ndiscussion, nsingles, nsenders,
                                              ncovercopies, ncovertypos))
with open(os.path.join(out, 'bad-count'), 'w') as f:
    f.write(''.join(x + '\n' for x in bad_count))
with open(os.path.join(out, 'bad-stem'), 'w') as f:
    f.write(''.join(x + '\n' for x in bad_stem))
PY
read -r npatches nsendemail nb4 nunthreaded ndiscussion nsingles nsenders ncovercopies ncovertypos <"$PD_TMP/patches.count"

if [ "$npatches" -gt 3000 ]; then
	tap_ok "the maildir holds $npatches patch mails (more than 3000)"
else
	tap_not_ok "the maildir holds more than 3000 patch mails" "found $npatches"
fi
# A resent copy under a new Message-ID is in its revision's `duplicates`;
# a cover letter (or pull request) that carries a diff is the revision's
# cover. The findings list every mail that is not in exactly one place.
check_eq "every patch mail lands in exactly one series ($npatches mails; untagged answers with a diff, which are discussion: $ndiscussion)" \
	"" "$(head -n 20 "$PD_TMP/bad-count")"

# What git send-email or b4 sent in one run (one stem, one sender, one
# version) with n/N counters is exactly one series, numbered as the
# subjects say, holding nothing of another posting. Every offender is
# listed.
check_eq "each git send-email or b4 posting is exactly one series with its numbers ($nsendemail send-email and $nb4 b4 postings, $nunthreaded of them unthreaded, $ncovercopies cover copies found by show, $ncovertypos cover n/N typos; not checked: $nsingles stems of uncounted single patches, $nsenders with several senders)" \
	"" "$(cat "$PD_TMP/bad-stem")"
check_eq "... and both kinds are in the archive" "yes" \
	"$([ "$nsendemail" -gt 50 ] && [ "$nb4" -gt 20 ] && [ "$nunthreaded" -gt 0 ] && echo yes || echo "no: $nsendemail $nb4 $nunthreaded")"

tap_done
