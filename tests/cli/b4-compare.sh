#!/bin/bash
# patchdeck against b4 (the kernel's own tool) on the same threads: the
# review trailers collected per patch, the commit messages `git am` gets,
# and the trees `git am` builds from `patchdeck mbox` and from b4's .mbx.
#
# Series compared: every revision of the demo list; on the real archive
# (../shared/corpus) every 8th series with a cover letter and >= 2 patches
# (ordered by Message-ID) and every series for kmod, whose tree the corpus
# carries (so their trees can be built). b4 runs fully offline on the thread
# notmuch exports (`b4 am -m MBOX`), with a private HOME and git config, no
# attestation, and proxies pointing at a closed port.
#
# Each accepted difference is counted by name in the report line and
# applies only where the test checked that it is exactly that case:
#  b4 judged wrong per ../shared/design/SERIES.md --
#  - name-only trailer: b4 takes a reply's trailer whose email is not the
#    sender's when the names match; SERIES.md wants the email (patchdeck
#    flags it as mismatch in show and leaves it out of mbox).
#  - Signed-off-by from a reply (a maintainer's "added to tree" notice):
#    b4 collects it; it is not a review trailer.
#  - a mail header ('Date: ...') in a reply's text taken for a trailer.
#  - a trailer from a NEWER revision carried back by patch-id.
#  - duplicate n/N: b4 keeps the first copy, SERIES.md the later.
#  - review of the other copy of a resent patch: b4 loses it.
#  - hg 'n of N' counters and unthreaded postings: b4 misses patches.
#  - DMARC-rewritten sender: b4 0.12 keeps 'X via List <list@>'.
#  - attached patch: b4 takes the mail's text (and stray headers) for the
#    commit message; the diff and tree are still compared.
#  - 'Name (Company)': b4 writes the From unquoted, git drops the comment.
#  - the last paragraph's indent stripped (' - item' -> '- item').
#  Known, not wrong --
#  - trailer order: the trailers must be equal as a multiset.
#  - a trailer earned in an older revision in another thread: b4 offline
#    reads only the thread it is given.
#  - below the last hunk (ignored by git am): the signature and b4's
#    base-commit:/change-id: footer; blank lines around notes/diffstat.
#  - an incomplete series: b4 writes no mbox, patchdeck the patches it has.
#  - b4 0.12 on Python >= 3.11 stops on a folded Subject: the mbox given
#    to b4 has its headers unfolded (lossless, RFC 5322 2.2.3).
# Any other difference is a failure.
. "$top_srcdir/tests/lib.sh"

command -v b4 >/dev/null || {
	echo "Bail out! b4 is not installed; run ./quickstart (Debian package b4)"
	exit 1
}

# b4 reads git config for its settings: a private one, and no network.
git config --global user.name "B4 Compare"
git config --global user.email b4-compare@example.org
git config --global b4.attestation-policy off
git config --global b4.midmask "http://127.0.0.1:9/%s"
export GIT_CONFIG_NOSYSTEM=1 http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
	HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 no_proxy= NO_PROXY=

# B4_COMPARE_KEEP=DIR keeps every file the comparison made, for debugging.
out=${B4_COMPARE_KEEP:-$PD_TMP}

compare() { # NAME NOTMUCH_CONFIG TREE SELECT
	python3 - "$PATCHDECK" "$2" "$3" "$4" "$out/$1" <<'PY'
import email, email.header, email.utils, json, os, re, subprocess, sys
from collections import Counter

pd, config, tree, select, out = sys.argv[1:6]
os.makedirs(out, exist_ok=True)


def run(*cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def listing(all_revisions):
    args = [pd, '--notmuch-config', config, 'list', '--json']
    if all_revisions:
        args.append('--all-revisions')
    return json.loads(run(*args, check=True).stdout)


if select == 'all':
    series = [r for r in listing(True) if r['kind'] != 'pull']
else:
    every = int(select)
    latest = sorted((r for r in listing(False) if r['kind'] != 'pull'), key=lambda r: r['id'])
    covered = [r for r in latest if r['cover'] and r['total'] >= 2]
    kmod = [r for r in latest if 'kmod' in [p.lower() for p in r['prefixes']]]
    ids = {r['id'] for r in covered[::every]} | {r['id'] for r in kmod}
    series = [r for r in latest if r['id'] in ids]

TRAILER = re.compile(r'^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*\S)\s*$')


def split_message(msg):
    """A commit message: its text without the trailer block, and the
    trailers (lower-case name, value) in order."""
    lines = msg.rstrip('\n').split('\n')
    start = len(lines)
    while start > 0 and lines[start - 1].strip() and \
            (TRAILER.match(lines[start - 1]) or lines[start - 1][:1] in ' \t'):
        start -= 1
    block = lines[start:]
    if not block or not TRAILER.match(block[0]):
        return msg.rstrip('\n'), []
    trailers = []
    for line in block:
        m = TRAILER.match(line)
        if m:
            trailers.append([m.group(1).lower(), m.group(2)])
        else:
            trailers[-1][1] += ' ' + line.strip()
    return '\n'.join(lines[:start]).rstrip('\n'), [tuple(t) for t in trailers]


def unfold(mbox):
    """The mbox with every header unfolded (RFC 5322 2.2.3: drop the line
    break before the white space). b4 0.12 on Python >= 3.11 stops with
    'Header values may not contain linefeed' on a folded Subject; unfolding
    changes no header's meaning."""
    out, inhead = [], False
    for line in mbox.split(b'\n'):
        if line.startswith(b'From ') and (not out or out[-1] == b''):
            inhead = True
        elif inhead and line == b'':
            inhead = False
        elif inhead and line[:1] in (b' ', b'\t') and len(out) > 0:
            out[-1] += line
            continue
        out.append(line)
    return b'\n'.join(out)


FOOTER = re.compile(rb'^(|---|(base-commit|prerequisite-patch-id|change-id): .*|Best regards,)$')


def patch_text(p):
    """What git am takes from a patch, and what is compared: the notes
    and diffstat with blank lines dropped (patchdeck re-lays them out as
    format-patch does), then the diff byte for byte. Not compared: what
    follows the last hunk, which git apply ignores: the signature (b4 keeps
    the sender's, patchdeck writes its own) and b4's own footer
    (base-commit:, change-id:, 'Best regards,') that b4 keeps there."""
    m = re.search(rb'^(diff |Index: )', p, re.M)
    head, diff = (p[:m.start()], p[m.start():]) if m else (p, b'')
    cut = diff.rfind(b'\n-- \n')
    lines = (diff[:cut + 1] if cut >= 0 else diff).split(b'\n')
    while lines and FOOTER.match(lines[-1]):
        lines.pop()
    return [l for l in head.split(b'\n') if l.strip()], lines


def newer_trailers(show, n):
    """The trailers patch n earned in the revisions newer than show's."""
    found = set()
    seen = set()
    nxt = show.get('superseded_by')
    while nxt and nxt not in seen:
        seen.add(nxt)
        newer = json.loads(run(pd, '--notmuch-config', config, 'show', '--json', '<%s>' % nxt).stdout or b'{}')
        for p in newer.get('patches', []):
            if p['n'] == n:
                found |= {(t['name'].lower(), t['value']) for t in p['trailers']}
        nxt = newer.get('superseded_by')
    return found


def older_trailers(show, n):
    """The trailers patch n has in the revisions older than show's."""
    found = set()
    for rid in show['revisions'][:show['revisions'].index(show['id'])]:
        older = json.loads(run(pd, '--notmuch-config', config, 'show', '--json', '<%s>' % rid).stdout or b'{}')
        for p in older.get('patches', []):
            if p['n'] == n:
                found |= {(t['name'].lower(), t['value']) for t in p['trailers'] if not t['mismatch']}
    return found


def lastpara_unindented(text):
    head, sep, last = text.rpartition('\n\n')
    return head + sep + re.sub(r'^[ \t]+', '', last, flags=re.M)


def reviewed_copy(mbox, trailer, copies):
    """Whether a mail of MBOX answering one of COPIES carries TRAILER."""
    line = re.compile(r'^%s:\s*%s\s*$' % (re.escape(trailer[0]), re.escape(trailer[1])), re.M | re.I)
    with open(mbox, 'rb') as f:
        mails = f.read().split(b'\nFrom ')
    for raw in mails:
        # Each piece starts with its From_ line (the split ate 'From ').
        msg = email.message_from_bytes(raw.split(b'\n', 1)[1] if b'\n' in raw else b'')
        irt = re.findall(r'<([^>]*)>', msg.get('In-Reply-To') or '')
        if not irt or irt[0] not in copies:
            continue
        for part in msg.walk():
            if part.get_content_type() == 'text/plain':
                text = (part.get_payload(decode=True) or b'').decode('utf-8', 'replace')
                if line.search(text):
                    return True
    return False


def attached(mbox, mid):
    """Whether the mail MID of MBOX carries its patch as an attachment."""
    with open(mbox, 'rb') as f:
        for raw in f.read().split(b'\nFrom '):
            msg = email.message_from_bytes(raw.split(b'\n', 1)[1] if b'\n' in raw else b'')
            if mid in (msg.get('Message-ID') or '') and msg.is_multipart():
                return any(part.get_content_type() in ('text/x-patch', 'text/x-diff') or
                           (part.get_content_type() == 'text/plain' and part.get_filename())
                           for part in msg.walk())
    return False


def mailinfo(mbox, where):
    """Each mail of an mbox as git am reads it: (info, message, patch)."""
    os.makedirs(where, exist_ok=True)
    run('git', 'mailsplit', '-o' + where, mbox, check=True)
    mails = []
    for name in sorted(os.listdir(where)):
        path = os.path.join(where, name)
        with open(path, 'rb') as f:
            r = run('git', 'mailinfo', '--encoding=UTF-8', path + '.msg', path + '.patch', stdin=f)
        with open(path + '.msg', encoding='utf-8', errors='replace') as f:
            msg = f.read()
        with open(path + '.patch', 'rb') as f:
            patch = f.read()
        info = dict(l.split(': ', 1) for l in r.stdout.decode('utf-8', 'replace').splitlines() if ': ' in l)
        with open(path, 'rb') as f:
            m = re.search(rb'^Message-I[dD]:\s*<([^>]*)>', f.read().split(b'\n\n', 1)[0], re.M | re.I)
        info['Message-Id'] = m.group(1).decode() if m else ''
        mails.append(({k: info.get(k, '') for k in ('Author', 'Email', 'Subject', 'Message-Id')}, msg, patch))
        for n in (path, path + '.msg', path + '.patch'):
            os.unlink(n)
    return mails


def git_am(mbox, base, work):
    """The tree and commit messages git am makes of MBOX on BASE, or None."""
    run('git', '-C', work, 'am', '--abort')
    run('git', '-C', work, 'checkout', '-q', '--detach', base, check=True)
    r = run('git', '-C', work, '-c', 'user.name=T', '-c', 'user.email=t@example.org', 'am', '-q', mbox)
    if r.returncode != 0:
        run('git', '-C', work, 'am', '--abort')
        return None
    head = run('git', '-C', work, 'rev-parse', 'HEAD^{tree}').stdout.decode().strip()
    log = run('git', '-C', work, 'log', '--format=%B%x00', base + '..HEAD').stdout.decode('utf-8', 'replace')
    return head, log


work = os.path.join(out, 'work.git')
run('git', 'clone', '-q', '--shared', '--no-checkout', tree, work, check=True)
commits = set(run('git', '-C', work, 'rev-list', '--all').stdout.decode().split())

skip_log = set()  # series whose b4 commit messages are known wrong
stats = Counter()
findings = []     # differences that are failures
accepted = Counter()
for k, rev in enumerate(series):
    mid = rev['id']
    d = os.path.join(out, '%04d' % k)
    os.makedirs(d)
    # <id>: a Message-ID may start with '-'.
    show = json.loads(run(pd, '--notmuch-config', config, 'show', '--json', '<%s>' % mid, check=True).stdout)
    # Every thread holding a message of the series: b4 then sees an
    # unthreaded posting whole, as it would find it on lore.
    ids = [mid] + [p['id'] for p in show['patches']]
    threads = run('notmuch', '--config=' + config, 'search', '--output=threads',
                  ' or '.join('id:"%s"' % i for i in ids)).stdout.decode().split()
    mbox = run('notmuch', '--config=' + config, 'show', '--format=mbox', '--entire-thread=true',
               ' or '.join(threads), check=True).stdout
    with open(os.path.join(d, 'thread.mbox'), 'wb') as f:
        f.write(unfold(mbox))
    r = run(pd, '--notmuch-config', config, 'mbox', '-o', os.path.join(d, 'pd.mbox'), '<%s>' % mid)
    if r.returncode != 0:
        findings.append('%s: patchdeck mbox failed: %s' % (mid, r.stderr.decode().strip()))
        continue
    version = '%d' % rev['version']
    r = run('b4', 'am', '-m', os.path.join(d, 'thread.mbox'), '-o', d, '-n', 'b4', '-t', '-v', version, '--', mid,
            stdin=subprocess.DEVNULL, cwd=d)
    b4mbx = os.path.join(d, 'b4.mbx')
    if not os.path.exists(b4mbx):
        if not rev['complete']:
            accepted['missing patches'] += 1
            continue
        findings.append('%s: b4 made no mbox: %s' % (mid, r.stderr.decode().strip().split('\n')[-1]))
        continue
    stats['series'] += 1
    ours = mailinfo(os.path.join(d, 'pd.mbox'), os.path.join(d, 'pd.split'))
    theirs = mailinfo(b4mbx, os.path.join(d, 'b4.split'))
    if len(ours) != len(theirs) and len(theirs) == 1 and \
            re.search(r'\[[^]]*\b\d+ of \d+\]', show['patches'][0]['subject']):
        # hg patchbomb counters: b4 reads no 'n of N' and keeps one patch.
        accepted['hg n of N b4 does not read'] += 1
        continue
    if len(theirs) < len(ours) and len(threads) > 1:
        # An unthreaded posting (SERIES.md): b4 follows the thread of the
        # Message-ID only, and misses the patches sent outside it.
        accepted['unthreaded posting, b4 takes one thread'] += 1
        continue
    if len(ours) != len(theirs):
        findings.append('%s: patchdeck has %d patches, b4 %d' % (mid, len(ours), len(theirs)))
        continue
    # Trailers with names only that b4 took and patchdeck flagged.
    flagged = {}
    for p in show['patches']:
        flagged[p['n']] = {(t['name'].lower(), t['value']) for t in p['trailers'] if t['mismatch']}
    for i, ((oi, om, op), (ti, tm, tp), p) in enumerate(zip(ours, theirs, show['patches'])):
        stats['patches'] += 1
        where = '%s patch %d' % (mid, p['n'])
        tid = ti.pop('Message-Id', '')
        oi.pop('Message-Id', '')
        if tid != p['id'] and tid in p['duplicates']:
            # Two copies of n/N: SERIES.md keeps the later, b4 the first.
            accepted['duplicate patch, b4 keeps the first copy'] += 1
            continue
        if oi != ti and ti['Author'].endswith(' via ' + ti['Author'].split(' via ')[-1]) and \
                ' via ' in ti['Author'] and ti['Email'] != oi['Email'] and p['author']['email'] == oi['Email'].lower():
            # A sender the list rewrote for DMARC: b4 0.12 keeps 'X via List
            # <list@>' as the author; SERIES.md wants the real one.
            accepted['DMARC sender b4 keeps'] += 1
            oi, ti = {k: v for k, v in oi.items() if k == 'Subject'}, {k: v for k, v in ti.items() if k == 'Subject'}
        if oi != ti and oi['Email'] == ti['Email'] and oi['Subject'] == ti['Subject'] and \
                re.sub(r'\s*\([^()]*\)$', '', oi['Author']) == ti['Author']:
            # 'Name (Company)' quoted in From:: b4 writes it unquoted and
            # git reads the parenthesis as a comment: b4 loses it.
            accepted['b4 drops a (comment) of the author name'] += 1
            oi = ti
        if oi != ti:
            findings.append('%s: author/subject %r vs b4 %r' % (where, oi, ti))
        if patch_text(op) != patch_text(tp):
            findings.append('%s: the diffs differ' % where)
        otext, otr = split_message(om)
        ttext, ttr = split_message(tm)
        if otext != ttext and attached(os.path.join(d, 'thread.mbox'), p['id']):
            # A patch attached (text/x-patch): b4 takes the mail's text
            # and stray headers for the message; patchdeck the attachment's
            # own (SERIES.md). The diff and tree are still compared.
            accepted['attached patch, b4 takes the mail text'] += 1
            skip_log.add(mid)
        elif otext != ttext and lastpara_unindented(otext) == ttext:
            # b4 strips the indent of the last paragraph's lines (' - item'
            # becomes '- item'), taking it for a trailer block.
            accepted['b4 unindents the last paragraph'] += 1
            skip_log.add(mid)
        elif otext != ttext:
            findings.append('%s: commit messages differ:\n%s\n-- b4:\n%s' % (where, otext[-300:], ttext[-300:]))
        # What show --json says was collected is what mbox appended.
        collected = [(t['name'].lower(), t['value']) for t in p['trailers'] if not t['mismatch']]
        if Counter(collected) - Counter(otr):
            findings.append('%s: show --json trailers missing from mbox: %s' %
                            (where, sorted((Counter(collected) - Counter(otr)).elements())))
        extra_b4 = Counter(ttr) - Counter(otr)
        extra_pd = Counter(otr) - Counter(ttr)
        for t in list(extra_b4.elements()):
            if t in flagged.get(p['n'], set()):
                accepted['name-only trailer b4 takes'] += 1
                extra_b4[t] -= 1
            elif t[0] in ('date', 'subject'):
                # A quoted mail header ('Date: ...') in a reply's text:
                # not a trailer at all.
                accepted['mail header b4 takes for a trailer'] += 1
                extra_b4[t] -= 1
            elif t[0] == 'signed-off-by':
                # A reply carrying the patch again (a maintainer's 'added
                # to tree' notice, a counter-proposal): b4 collects its
                # Signed-off-by, which would sign the commit off for
                # someone who never reviewed it; SERIES.md collects review
                # trailers only.
                accepted['Signed-off-by from a reply b4 collects'] += 1
                extra_b4[t] -= 1
        extra_b4 = +extra_b4
        for t in list(extra_b4.elements()):
            if t in newer_trailers(show, p['n']):
                # b4 carries a trailer by patch-id from a NEWER revision
                # back to this one; SERIES.md: only older to newer.
                accepted['trailer b4 takes from a newer revision'] += 1
                extra_b4[t] -= 1
        extra_b4 = +extra_b4
        for t in list(extra_pd.elements()):
            if t in older_trailers(show, p['n']):
                # Earned by the same patch in an older revision, in another
                # thread: b4 offline sees this thread only.
                accepted['trailer from an older revision b4 does not see'] += 1
                extra_pd[t] -= 1
            elif reviewed_copy(os.path.join(d, 'thread.mbox'), t, p['duplicates']):
                # A review answering another copy of the same patch (sent
                # twice): SERIES.md keeps one copy; b4 sees only the copy
                # it keeps and loses the review.
                accepted['review of a resent copy b4 misses'] += 1
                extra_pd[t] -= 1
        extra_pd = +extra_pd
        stats['trailers'] += sum((Counter(otr) & Counter(ttr)).values())
        stats['trailers b4'] += len(ttr)
        if extra_b4 or extra_pd:
            findings.append('%s: trailers only b4 has %s, only patchdeck has %s' %
                            (where, sorted(extra_b4.elements()), sorted(extra_pd.elements())))
        elif otr != ttr:
            accepted['trailer order'] += 1
        else:
            stats['patches same trailers'] += 1
    # git am of both on the tree of the series' day (or its base-commit).
    with open(os.path.join(d, 'pd.mbox'), encoding='utf-8', errors='replace') as f:
        text = (show.get('cover_letter') or {}).get('body', '') + '\n' + f.read()
    m = re.search(r'^base-commit: ([0-9a-f]{40})$', text, re.M)
    base = None
    if m and m.group(1) in commits:
        base = m.group(1)
    else:
        base = run('git', '-C', work, 'rev-list', '-1', '--before=' + rev['date'], 'HEAD').stdout.decode().strip()
    if not base:
        continue
    # A series for another tree (the corpus list carries kernel patches
    # too): git am is tried only where every file it changes exists.
    with open(os.path.join(d, 'pd.mbox'), encoding='utf-8', errors='replace') as f:
        paths = set(re.findall(r'^--- a/(\S+)', f.read(), re.M))
    known = set(run('git', '-C', work, 'ls-tree', '-r', '--name-only', base).stdout.decode().split('\n'))
    if not paths or not paths <= known:
        stats['trees for another tree'] += 1
        continue
    a = git_am(os.path.join(d, 'pd.mbox'), base, work)
    b = git_am(b4mbx, base, work)
    if a is None and b is None:
        stats['trees not applying'] += 1
        continue
    if a is None or b is None:
        findings.append('%s: git am on %s works only for %s' % (mid, base[:12], 'b4' if a is None else 'patchdeck'))
        continue
    stats['trees compared'] += 1
    if a[0] != b[0]:
        findings.append('%s: git am trees differ: %s vs b4 %s' % (mid, a[0], b[0]))
    else:
        stats['trees identical'] += 1
    # Commit messages after git am: the same, trailers as a multiset.
    for x, y in zip(a[1].split('\0'), b[1].split('\0')) if mid not in skip_log else ():
        xt, xtr = split_message(x.strip('\n'))
        yt, ytr = split_message(y.strip('\n'))
        if xt != yt:
            findings.append('%s: git am commit messages differ: %r vs %r' % (mid, xt[-200:], yt[-200:]))

with open(os.path.join(out, 'stats'), 'w') as f:
    for key in ('series', 'patches', 'patches same trailers', 'trailers', 'trailers b4',
                'trees compared', 'trees identical', 'trees not applying', 'trees for another tree'):
        f.write('%s=%d\n' % (key.replace(' ', '_'), stats[key]))
    f.write('selected=%d\n' % len(series))
    f.write('accepted=%s\n' % ', '.join('%s %d' % kv for kv in sorted(accepted.items())))
with open(os.path.join(out, 'findings'), 'w') as f:
    f.write(''.join(x + '\n' for x in findings))
PY
}

report() { # NAME MIN_SERIES MIN_TREES
	local name=$1 dir=$out/$1
	if [ ! -f "$dir/stats" ]; then
		tap_not_ok "$name: the comparison ran" "the driver stopped early (see above)"
		return
	fi
	local series patches patches_same_trailers trailers trailers_b4 trees_compared \
		trees_identical trees_not_applying trees_for_another_tree selected accepted
	while IFS='=' read -r k v; do printf -v "$k" '%s' "$v"; done <"$dir/stats"
	echo "# $name: $series of $selected series compared ($patches patches); trailers agreeing: $trailers of b4's $trailers_b4; patches with the same trailer list: $patches_same_trailers; trees identical: $trees_identical of $trees_compared (neither applies: $trees_not_applying; for another tree: $trees_for_another_tree); accepted differences: ${accepted:-none}"
	check_eq "$name: patchdeck and b4 agree on every patch (author, subject, message, diff, trailers) and tree" \
		"" "$(head -n 30 "$dir/findings")"
	if [ "$series" -ge "$2" ]; then
		tap_ok "$name: compared $series series with b4 (at least $2)"
	else
		tap_not_ok "$name: compared at least $2 series with b4" "only $series"
	fi
	if [ "$trees_identical" -ge "$3" ]; then
		tap_ok "$name: git am built $trees_identical identical trees (at least $3)"
	else
		tap_not_ok "$name: git am built at least $3 identical trees" "only $trees_identical"
	fi
}

compare demo "$PD_DEMO/notmuch-config" "$PD_DEMO/tree" all
report demo 28 24

if [ -n "$PD_CORPUS" ]; then
	pd_use_real_corpus
	compare corpus "$PD_CORPUS_DIR/notmuch-config" "$PD_CORPUS_DIR/kmod" 8
	report corpus 30 5
else
	tap_skip "corpus: patchdeck and b4 agree" "no real corpus beside the checkout"
fi

tap_done
