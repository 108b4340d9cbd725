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
python3 - "$maildir" "$PD_TMP/all.json" "$PD_TMP/latest.json" "$PD_TMP" <<'PY'
import email, email.policy, json, os, re, sys
from collections import defaultdict

maildir, all_json, latest_json, out = sys.argv[1:5]

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

patches = {}      # Message-ID -> (from address, subject counter (n, N) or None)
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
        if not DIFF.search(text_of(msg)):
            continue
        groups, _ = bracket_groups(subject)
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
        patches[mid] = (addr, counter, version)

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

# git send-email ids: <YYYYMMDDhhmmss.PID-N-user@host>; one call, one stem.
STEM = re.compile(r'^(\d{14}\.\d+)-(\d+)-(.*)$')
stems = defaultdict(list)
for mid in patches:
    m = STEM.match(mid)
    if m:
        # One call can send several versions (a stale v1 file next to
        # the v2): the model splits a thread by version (SERIES.md).
        stems[(m.group(1), m.group(3), patches[mid][2])].append(mid)
bad_stem = []
ngroups = 0
nsingles = 0
for key, mids in sorted(stems.items()):
    if len(mids) < 2 or len({patches[m][0] for m in mids}) != 1:
        continue
    # Patches without n/N sent in one call are separate single patches.
    if all(patches[m][1] is None for m in mids):
        nsingles += 1
        continue
    ngroups += 1
    revs = {where[m][0][0] for m in mids if len(where.get(m, [])) == 1}
    if len(revs) != 1 or any(len(where.get(m, [])) != 1 for m in mids):
        bad_stem.append('%s-*-%s: split over %d series' % (key[0], key[1], len(revs)))
        continue
    for m in sorted(mids):
        counter = patches[m][1]
        _, n, total = where[m][0]
        if counter is not None and (counter[0], counter[1]) != (n, total):
            bad_stem.append('%s: subject says %d/%d, series says %d/%d'
                            % (m, counter[0], counter[1], n, total))

with open(os.path.join(out, 'patches.count'), 'w') as f:
    f.write('%d %d %d %d\n' % (len(patches), ngroups, ndiscussion, nsingles))
with open(os.path.join(out, 'bad-count'), 'w') as f:
    f.write(''.join(x + '\n' for x in bad_count))
with open(os.path.join(out, 'bad-stem'), 'w') as f:
    f.write(''.join(x + '\n' for x in bad_stem))
PY
read -r npatches ngroups ndiscussion nsingles <"$PD_TMP/patches.count"

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

# What git send-email sent in one call (one stem, one sender, one version)
# with n/N counters is one series numbered as the subjects say.
check_eq "each git send-email stem with one sender and version is one series with its numbers ($ngroups groups; stems of uncounted single patches: $nsingles)" \
	"" "$(head -n 20 "$PD_TMP/bad-stem")"

tap_done
