/* The table of tests/unit/series-test.c: one row per rule of SERIES.md
 * "From a thread to a series", "Revisions" and "Trailers", and per trap
 * found on real lists. Each row is a small list, one mail per string (the
 * syntax is described at add_mail() in series-test.c), and the whole
 * model it must give, rendered by describe_model(). Included once. */
#ifndef PD_SERIES_CASES_H
#define PD_SERIES_CASES_H

struct row {
	const char *name;
	const char *mails[24];
	const char *want;
};

static const struct row rows[] = {
	{ "cover-rooted: replies to a patch are its own, an Ack on the cover goes to every patch",
	  { "c  | - | [PATCH 0/3] demo: ring sizes | jane@x | 0 | ",
	    "p1 | c | [PATCH 1/3] demo: add a helper | jane@x | 1 | diff",
	    "p2 | c | [PATCH 2/3] demo: implement it | jane@x | 1 | diff",
	    "p3 | c | [PATCH 3/3] doc: describe it | jane@x | 1 | diff",
	    "r1 | p2 | Re: [PATCH 2/3] demo: implement it | bob@y | 60 | R=bob@y",
	    "r2 | r1 | Re: [PATCH 2/3] demo: implement it | jane@x | 90 | ",
	    "r3 | c | Re: [PATCH 0/3] demo: ring sizes | ann@z | 70 | A=ann@z" },
	  "S1\n"
	  "v1 series \"demo: ring sizes\" id=c by=jane@x 3/3 missing=- A1 R1 T0 cover=c replies=r3 all=3 sup=-\n"
	  "  1 p1 tr=A:ann@z+cover\n"
	  "  2 p2 replies=r1,r2 tr=R:bob@y,A:ann@z+cover\n"
	  "  3 p3 tr=A:ann@z+cover\n" },
	{ "no cover: patches reply to 1/N; the series is named by patch 1",
	  { "p1 | - | [PATCH 1/3] phy: add registers | li@cn | 0 | diff",
	    "p2 | p1 | [PATCH 2/3] phy: enable mdix | li@cn | 1 | diff",
	    "p3 | p1 | [PATCH 3/3] phy: clear irqs | li@cn | 1 | diff",
	    "r1 | p2 | Re: [PATCH 2/3] phy: enable mdix | tom@pl | 30 | R=tom@pl" },
	  "S1\n"
	  "v1 series \"phy: add registers\" id=p1 by=li@cn 3/3 missing=- A0 R1 T0 cover=- all=1 sup=-\n"
	  "  1 p1\n"
	  "  2 p2 replies=r1 tr=R:tom@pl\n"
	  "  3 p3\n" },
	{ "deep threading: each patch answers the previous one, a review deep down stays with its patch",
	  { "c  | -  | [PATCH 0/4] slab: cheaper checks | anna@de | 0 | ",
	    "p1 | c  | [PATCH 1/4] slab: static key | anna@de | 1 | diff",
	    "p2 | p1 | [PATCH 2/4] slab: print byte | anna@de | 1 | diff",
	    "p3 | p2 | [PATCH 3/4] slab: return result | anna@de | 1 | diff",
	    "p4 | p3 | [PATCH 4/4] slab: inactive value | anna@de | 1 | diff",
	    "r1 | p2 | Re: [PATCH 2/4] slab: print byte | sam@org | 50 | T=sam@org",
	    "r2 | c  | Re: [PATCH 0/4] slab: cheaper checks | kees@org | 60 | A=kees@org" },
	  "S1\n"
	  "v1 series \"slab: cheaper checks\" id=c by=anna@de 4/4 missing=- A1 R0 T1 cover=c replies=r2 all=2 sup=-\n"
	  "  1 p1 tr=A:kees@org+cover\n"
	  "  2 p2 replies=r1 tr=T:sam@org,A:kees@org+cover\n"
	  "  3 p3 tr=A:kees@org+cover\n"
	  "  4 p4 tr=A:kees@org+cover\n" },
	{ "unthreaded: git send-email stems join the pieces; another sender's stem does not",
	  { "20240112180500.13968-1-carol@com | - | [PATCH 1/3] decode: quote vars | carol@com | 0 | diff",
	    "20240112180500.13968-2-carol@com | - | [PATCH 2/3] decode: usage to stderr | carol@com | 0 | diff",
	    "20240112180500.13968-3-carol@com | - | [PATCH 3/3] decode: check addr2line | carol@com | 1 | diff",
	    "ack | 20240112180500.13968-2-carol@com | Re: [PATCH 2/3] decode: usage to stderr | sam@org | 40 | A=sam@org",
	    "20240112180500.13968-4-eve@com | - | [PATCH 3/3] other: thing | eve@com | 1 | diff" },
	  "S1\n"
	  "v1 series \"decode: quote vars\" id=20240112180500.13968-1-carol@com by=carol@com 3/3 missing=- A1 R0 T0 cover=- all=1 sup=-\n"
	  "  1 20240112180500.13968-1-carol@com\n"
	  "  2 20240112180500.13968-2-carol@com replies=ack tr=A:sam@org\n"
	  "  3 20240112180500.13968-3-carol@com\n"
	  "S2\n"
	  "v1 series \"other: thing\" id=20240112180500.13968-4-eve@com by=eve@com 1/3 missing=1,2 A0 R0 T0 cover=- all=0 sup=-\n"
	  "  3 20240112180500.13968-4-eve@com\n" },
	{ "unthreaded with b4 Message-IDs and an unthreaded cover",
	  { "20240102-ring-v3-0-a1b2c3@kernel.org | - | [PATCH v3 0/2] ring: sizes | jane@x | 0 | ",
	    "20240102-ring-v3-1-a1b2c3@kernel.org | - | [PATCH v3 1/2] ring: helper | jane@x | 0 | diff",
	    "20240102-ring-v3-2-a1b2c3@kernel.org | - | [PATCH v3 2/2] ring: use it | jane@x | 0 | diff" },
	  "S1\n"
	  "v3 series \"ring: sizes\" id=20240102-ring-v3-0-a1b2c3@kernel.org by=jane@x 2/2 missing=- A0 R0 T0 "
	  "cover=20240102-ring-v3-0-a1b2c3@kernel.org all=0 sup=-\n"
	  "  1 20240102-ring-v3-1-a1b2c3@kernel.org\n"
	  "  2 20240102-ring-v3-2-a1b2c3@kernel.org\n" },
	{ "unthreaded without a stem: same sender, version and total within minutes; a repeated number starts another",
	  { "AAA@mua | - | [PATCH 1/2] foo: one | ted@x | 0 | diff",
	    "BBB@mua | - | [PATCH 2/2] foo: two | ted@x | 3 | diff",
	    "CCC@mua | - | [PATCH 1/2] bar: one | ted@x | 60 | diff",
	    "DDD@mua | - | [PATCH 2/2] bar: two | ted@x | 61 | diff" },
	  "S1\n"
	  "v1 series \"bar: one\" id=CCC@mua by=ted@x 2/2 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 CCC@mua\n"
	  "  2 DDD@mua\n"
	  "S2\n"
	  "v1 series \"foo: one\" id=AAA@mua by=ted@x 2/2 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 AAA@mua\n"
	  "  2 BBB@mua\n" },
	{ "one series sent unthreaded in three runs (own stems): complementary numbers within the hour join",
	  { "20240422082619.3509958-1-rppt@k | - | [PATCH v5 0/3] mm: execmem | rppt@k | 0 | ",
	    "20240422084717.3602332-1-rppt@k | - | [PATCH v5 1/3] arm64: one | rppt@k | 21 | diff",
	    "20240422084717.3602332-2-rppt@k | 20240422084717.3602332-1-rppt@k | [PATCH v5 2/3] mips: two | rppt@k | 21 | diff",
	    "20240422085028.3602777-1-rppt@k | - | [PATCH v5 3/3] x86: three | rppt@k | 24 | diff",
	    "20240422120000.1111-1-rppt@k | - | [PATCH v5 3/3] late: three | rppt@k | 200 | diff" },
	  "S1\n"
	  "v5 series \"late: three\" id=20240422120000.1111-1-rppt@k by=rppt@k 1/3 missing=1,2 A0 R0 T0 cover=- all=0 sup=-\n"
	  "  3 20240422120000.1111-1-rppt@k\n"
	  "S2\n"
	  "v5 series \"mm: execmem\" id=20240422082619.3509958-1-rppt@k by=rppt@k 3/3 missing=- A0 R0 T0 "
	  "cover=20240422082619.3509958-1-rppt@k all=0 sup=-\n"
	  "  1 20240422084717.3602332-1-rppt@k\n"
	  "  2 20240422084717.3602332-2-rppt@k\n"
	  "  3 20240422085028.3602777-1-rppt@k\n" },
	{ "a cover left at v9 over v10 patches: one sending by its stem, the patches' version wins",
	  { "20240906144506.1151789-1-k@o | - | [PATCH v9 0/2] ranges: builtin | k@o | 0 | ",
	    "20240906144506.1151789-2-k@o | 20240906144506.1151789-1-k@o | [PATCH v10 1/2] kbuild: a | k@o | 0 | diff",
	    "20240906144506.1151789-3-k@o | 20240906144506.1151789-1-k@o | [PATCH v10 2/2] kbuild: b | k@o | 0 | diff" },
	  "S1\n"
	  "v10 series \"ranges: builtin\" id=20240906144506.1151789-1-k@o by=k@o 2/2 missing=- A0 R0 T0 "
	  "cover=20240906144506.1151789-1-k@o all=0 sup=-\n"
	  "  1 20240906144506.1151789-2-k@o\n"
	  "  2 20240906144506.1151789-3-k@o\n" },
	{ "B4 Relay: one rewritten From: for cover and patches, whose in-body authors differ",
	  { "c  | - | [PATCH 0/2] kmod: polish | devnull+emil@k~emil@gmail | 0 | ",
	    "p1 | c | [PATCH 1/2] configure: tweak | devnull+emil@k~emil@collabora | 0 | diff",
	    "p2 | c | [PATCH 2/2] make: symlinks | devnull+emil@k~emil@collabora | 0 | diff" },
	  "S1\n"
	  "v1 series \"kmod: polish\" id=c by=emil@gmail 2/2 missing=- A0 R0 T0 cover=c all=0 sup=-\n"
	  "  1 p1\n"
	  "  2 p2\n" },
	{ "naked cover: a fresh subject without counter or diff by the patches' sender",
	  { "n  | -  | demo: configurable rings | jane@x | 0 | ",
	    "p1 | n  | [PATCH 1/2] demo: helper | jane@x | 1 | diff",
	    "p2 | n  | [PATCH 2/2] demo: use it | jane@x | 1 | diff",
	    "r1 | n  | Re: demo: configurable rings | bob@y | 20 | R=bob@y",
	    "q  | -  | question: rings? | bob@y | 100 | ",
	    "q1 | q  | [PATCH 1/1] demo: answer with code | jane@x | 101 | diff" },
	  "S1\n"
	  "v1 series \"demo: answer with code\" id=q1 by=jane@x 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 q1\n"
	  "S2\n"
	  "v1 series \"demo: configurable rings\" id=n by=jane@x 2/2 missing=- A0 R1 T0 cover=n naked replies=r1 all=1 sup=-\n"
	  "  1 p1 tr=R:bob@y+cover\n"
	  "  2 p2 tr=R:bob@y+cover\n"
	  "other=q\n" },
	{ "several revisions in one thread: v2 --in-reply-to the v1 cover is split off by version",
	  { "c1 | -  | [PATCH 0/2] ring: sizes | jane@x | 0 | ",
	    "a1 | c1 | [PATCH 1/2] ring: helper | jane@x | 1 | diff",
	    "a2 | c1 | [PATCH 2/2] ring: use it | jane@x | 1 | diff",
	    "r1 | a1 | Re: [PATCH 1/2] ring: helper | bob@y | 60 | R=bob@y",
	    "c2 | c1 | [PATCH v2 0/2] ring: sizes, reworked | jane@x | 1000 | ",
	    "b1 | c2 | [PATCH v2 1/2] ring: helper | jane@x | 1001 | diff=b1",
	    "b2 | c2 | [PATCH v2 2/2] ring: use it | jane@x | 1001 | diff=b2",
	    "r2 | c2 | Re: [PATCH v2 0/2] ring: sizes, reworked | bob@y | 1100 | " },
	  "S1\n"
	  "v1 series \"ring: sizes\" id=c1 by=jane@x 2/2 missing=- A0 R1 T0 cover=c1 all=1 sup=c2\n"
	  "  1 a1 replies=r1 tr=R:bob@y\n"
	  "  2 a2\n"
	  "v2 series \"ring: sizes, reworked\" id=c2 by=jane@x 2/2 missing=- A0 R0 T0 cover=c2 replies=r2 all=1 sup=-\n"
	  "  1 b1\n"
	  "  2 b2\n" },
	{ "duplicates: one Message-ID twice, and a copy answering a review; the in-place later copy is kept",
	  { "c  | -  | [PATCH 0/3] wd: stuck task | yuki@jp | 0 | ",
	    "p1 | c  | [PATCH 1/3] wd: name | yuki@jp | 1 | diff paths=2",
	    "p2 | c  | [PATCH 2/3] wd: print | yuki@jp | 1 | diff",
	    "p2 | c  | [PATCH 2/3] wd: print | yuki@jp | 2 | diff",
	    "p3 | c  | [PATCH 3/3] wd: doc | yuki@jp | 1 | diff",
	    "r3 | p3 | Re: [PATCH 3/3] wd: doc | bob@y | 30 | R=bob@y",
	    "x3 | r3 | [PATCH 3/3] wd: doc | yuki@jp | 40 | diff" },
	  "S1\n"
	  "v1 series \"wd: stuck task\" id=c by=yuki@jp 3/3 missing=- A0 R1 T0 cover=c all=1 sup=-\n"
	  "  1 p1 dups=1\n"
	  "  2 p2 dups=1\n"
	  "  3 p3 dups=1 dupids=x3 replies=r3 tr=R:bob@y\n" },
	{ "missing patches are listed; a review of the lost patch is the revision's but vouches for no other",
	  { "c  | - | [PATCH 0/5] crc: cleanups | carol@com | 0 | ",
	    "p1 | c | [PATCH 1/5] crc: include | carol@com | 1 | diff",
	    "p2 | c | [PATCH 2/5] crc: unsigned | carol@com | 1 | diff",
	    "p4 | c | [PATCH 4/5] crc: doc16 | carol@com | 1 | diff",
	    "p5 | c | [PATCH 5/5] crc: doc32 | carol@com | 1 | diff",
	    "r3 | refs:c,p3 | Re: [PATCH 3/5] crc: lost | sam@org | 30 | R=sam@org",
	    "ask | c | Re: [PATCH 0/5] crc: cleanups | sam@org | 40 | " },
	  "S1\n"
	  "v1 series \"crc: cleanups\" id=c by=carol@com 4/5 missing=3 A0 R1 T0 cover=c replies=r3,ask all=2 sup=-\n"
	  "  1 p1\n"
	  "  2 p2\n"
	  "  4 p4\n"
	  "  5 p5\n" },
	{ "a lost cover: patches answering a phantom still form one series",
	  { "p1 | lost | [PATCH 1/2] mm: one | ravi@corp | 1 | diff",
	    "p2 | lost | [PATCH 2/2] mm: two | ravi@corp | 1 | diff",
	    "r2 | p2 | Re: [PATCH 2/2] mm: two | sam@org | 5 | " },
	  "S1\n"
	  "v1 series \"mm: one\" id=p1 by=ravi@corp 2/2 missing=- A0 R0 T0 cover=- all=1 sup=-\n"
	  "  1 p1\n"
	  "  2 p2 replies=r2\n" },
	{ "extra patch: a forgotten 6/5 sent later in reply to the cover is kept and flagged",
	  { "c  | - | [PATCH 0/5] phy: cleanups | li@cn | 0 | ",
	    "p1 | c | [PATCH 1/5] phy: a | li@cn | 1 | diff",
	    "p2 | c | [PATCH 2/5] phy: b | li@cn | 1 | diff",
	    "p3 | c | [PATCH 3/5] phy: c | li@cn | 1 | diff",
	    "p4 | c | [PATCH 4/5] phy: d | li@cn | 1 | diff",
	    "p5 | c | [PATCH 5/5] phy: e | li@cn | 1 | diff",
	    "p6 | c | [PATCH 6/5] phy: f | li@cn | 180 | diff" },
	  "S1\n"
	  "v1 series \"phy: cleanups\" id=c by=li@cn 6/5 missing=- A0 R0 T0 cover=c all=0 sup=-\n"
	  "  1 p1\n  2 p2\n  3 p3\n  4 p4\n  5 p5\n"
	  "  6 p6 extra\n" },
	{ "cover total typo: a cover 0/3 over patches that all say n/4 (linux-modules, 2024-01-29): the patches' total",
	  { "c  | - | [PATCH v2 0/3] mod: alignment fixes | luis@org | 0 | ",
	    "p1 | c | [PATCH v2 1/4] mod: selftests | luis@org | 1 | diff",
	    "p2 | c | [PATCH v2 2/4] mod: align ksymtab | luis@org | 1 | diff",
	    "p3 | c | [PATCH v2 3/4] mod: align crcs | luis@org | 1 | diff",
	    "p4 | c | [PATCH v2 4/4] mod: ex_table | luis@org | 1 | diff" },
	  "S1\n"
	  "v2 series \"mod: alignment fixes\" id=c by=luis@org 4/4 missing=- A0 R0 T0 cover=c all=0 sup=-\n"
	  "  1 p1\n  2 p2\n  3 p3\n  4 p4\n" },
	{ "pull requests are their own kind; two with one title are not revisions of each other",
	  { "pr | - | [GIT PULL] net fixes for 6.8-rc5 | dave@kernel | 0 | ",
	    "re | pr | Re: [GIT PULL] net fixes for 6.8-rc5 | linus@foundation | 60 | ",
	    "pr2 | - | [GIT PULL] net fixes for 6.8-rc5 | dave@kernel | 5000 | " },
	  "S1\n"
	  "v1 pull \"net fixes for 6.8-rc5\" id=pr2 by=dave@kernel 0/0 missing=- A0 R0 T0 cover=pr2 all=0 sup=-\n"
	  "S2\n"
	  "v1 pull \"net fixes for 6.8-rc5\" id=pr by=dave@kernel 0/0 missing=- A0 R0 T0 cover=pr replies=re all=1 sup=-\n" },
	{ "single patch and its RESEND weeks later: one revision, the later copy kept, replies kept",
	  { "s1 | - | [PATCH] mm: document node | liwei@cn | 0 | diff=doc",
	    "r1 | s1 | Re: [PATCH] mm: document node | sam@org | 60 | A=sam@org",
	    "s2 | - | [PATCH RESEND] mm: document node | liwei@cn | 40000 | diff=doc" },
	  "S1\n"
	  "v1 single \"mm: document node\" id=s2 by=liwei@cn 1/1 missing=- A1 R0 T0 cover=- resend all=1 sup=-\n"
	  "  1 s2 dups=1 dupids=s1 replies=r1 tr=A:sam@org\n" },
	{ "same version sent again: identical diffs are a copy; changed diffs a new revision of that version",
	  { "a1 | - | [PATCH 1/1] io: fix | kim@x | 0 | diff=io",
	    "b1 | - | [PATCH 1/1] io: fix | kim@x | 1000 | diff=io",
	    "c1 | - | [PATCH 1/1] io: fix | kim@x | 2000 | diff=io2" },
	  "S1\n"
	  "v1 series \"io: fix\" id=b1 by=kim@x 1/1 missing=- A0 R0 T0 cover=- all=0 sup=c1\n"
	  "  1 b1 dups=1 dupids=a1\n"
	  "v1 series \"io: fix\" id=c1 by=kim@x 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 c1\n" },
	{ "change-id links retitled revisions; a different change-id keeps a same-titled series apart",
	  { "v1 | - | [PATCH 0/1] net: tune | tom@pl | 0 | change=20240101-tune-1",
	    "v1p | v1 | [PATCH 1/1] net: tune it | tom@pl | 0 | diff",
	    "v2 | - | [PATCH v2 0/1] net: tunable watermark | tom@pl | 100 | change=20240101-tune-1 base=abc123",
	    "v2p | v2 | [PATCH v2 1/1] net: tune it | tom@pl | 100 | diff=v2p",
	    "w1 | - | [PATCH 0/1] net: tune | tom@pl | 200 | change=20240105-other",
	    "w1p | w1 | [PATCH 1/1] net: tune other | tom@pl | 200 | diff" },
	  "S1\n"
	  "v1 series \"net: tune\" id=w1 by=tom@pl 1/1 missing=- A0 R0 T0 cover=w1 all=0 change=20240105-other sup=-\n"
	  "  1 w1p\n"
	  "S2\n"
	  "v1 series \"net: tune\" id=v1 by=tom@pl 1/1 missing=- A0 R0 T0 cover=v1 all=0 change=20240101-tune-1 sup=v2\n"
	  "  1 v1p\n"
	  "v2 series \"net: tunable watermark\" id=v2 by=tom@pl 1/1 missing=- A0 R0 T0 cover=v2 all=0 "
	  "change=20240101-tune-1 base=abc123 sup=-\n"
	  "  1 v2p\n" },
	{ "a changelog's link names the older revision: retitled, new thread, no change-id; not another person's",
	  { "c1@x | -    | [PATCH 0/1] mod: first name | ann@z | 0 | ",
	    "p1@x | c1@x | [PATCH 1/1] mod: a | ann@z | 0 | diff",
	    "c2@x | -    | [PATCH v2 0/1] mod: better name | ann@z | 900 | X=Changes_in_v2:_renamed. X=v1:_https://lore.kernel.org/all/c1@x/",
	    "q1@x | c2@x | [PATCH v2 1/1] mod: a | ann@z | 900 | diff",
	    "o0@x | -    | [PATCH v2 0/1] other: thing | bob@y | 950 | X=see_https://lore.kernel.org/r/c1@x",
	    "o1@x | o0@x | [PATCH v2 1/1] other: a | bob@y | 950 | diff" },
	  "S1\n"
	  "v2 series \"other: thing\" id=o0@x by=bob@y 1/1 missing=- A0 R0 T0 cover=o0@x all=0 sup=-\n"
	  "  1 o1@x\n"
	  "S2\n"
	  "v1 series \"mod: first name\" id=c1@x by=ann@z 1/1 missing=- A0 R0 T0 cover=c1@x all=0 sup=c2@x\n"
	  "  1 p1@x\n"
	  "v2 series \"mod: better name\" id=c2@x by=ann@z 1/1 missing=- A0 R0 T0 cover=c2@x all=0 sup=-\n"
	  "  1 q1@x\n" },
	{ "same title and author address link threads; another author's same title does not; "
	  "the highest version is latest even when sent earlier",
	  { "a | - | [PATCH v3] ata: quirk | jo@x | 0 | diff",
	    "b | - | [PATCH v2] ata: quirk | Jo Other>jo@x | 10 | diff",
	    "c | - | [PATCH] ata: quirk | max@y | 20 | diff" },
	  "S1\n"
	  "v1 single \"ata: quirk\" id=c by=max@y 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 c\n"
	  "S2\n"
	  "v2 single \"ata: quirk\" id=b by=jo@x 1/1 missing=- A0 R0 T0 cover=- all=0 sup=a\n"
	  "  1 b\n"
	  "v3 single \"ata: quirk\" id=a by=jo@x 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 a\n" },
	{ "partial reroll: v2 of one patch answers the v1 patch; the others are carried with their trailers",
	  { "c  | -  | [PATCH 0/3] skb: watermark | tom@pl | 0 | ",
	    "p1 | c  | [PATCH 1/3] skb: name divisor | tom@pl | 1 | diff",
	    "p2 | c  | [PATCH 2/3] skb: add setter | tom@pl | 1 | diff",
	    "p3 | c  | [PATCH 3/3] skb: atomic refill | tom@pl | 1 | diff",
	    "r1 | p1 | Re: [PATCH 1/3] skb: name divisor | ann@z | 30 | R=ann@z",
	    "r3 | p3 | Re: [PATCH 3/3] skb: atomic refill | ann@z | 30 | ",
	    "q3 | r3 | [PATCH v2 3/3] skb: refill from work | tom@pl | 90 | diff" },
	  "S1\n"
	  "v1 series \"skb: watermark\" id=c by=tom@pl 3/3 missing=- A0 R1 T0 cover=c all=2 sup=q3\n"
	  "  1 p1 replies=r1 tr=R:ann@z\n"
	  "  2 p2\n"
	  "  3 p3 replies=r3\n"
	  "v2 series \"skb: watermark\" id=q3 by=tom@pl 3/3 missing=- A0 R1 T0 cover=- all=0 sup=-\n"
	  "  1 p1 carried tr=R:ann@z+carried\n"
	  "  2 p2 carried\n"
	  "  3 q3\n" },
	{ "a v5.1 respin of one patch replaces that patch of v5",
	  { "c  | -  | [PATCH v5 0/3] gpio: rework | ida@x | 0 | ",
	    "p1 | c  | [PATCH v5 1/3] gpio: one | ida@x | 1 | diff",
	    "p2 | c  | [PATCH v5 2/3] gpio: two | ida@x | 1 | diff",
	    "p3 | c  | [PATCH v5 3/3] gpio: three | ida@x | 1 | diff",
	    "n2 | p2 | [PATCH v5.1] gpio: two, fixed | ida@x | 50 | diff" },
	  "S1\n"
	  "v5 series \"gpio: rework\" id=c by=ida@x 3/3 missing=- A0 R0 T0 cover=c all=0 sup=n2\n"
	  "  1 p1\n  2 p2\n  3 p3\n"
	  "v5.1 series \"gpio: rework\" id=n2 by=ida@x 3/3 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 p1 carried\n  2 n2\n  3 p3 carried\n" },
	{ "an unchanged patch keeps the trailers it earned on the older revision",
	  { "c1 | -  | [PATCH 0/2] fs: lazy time | amir@x | 0 | ",
	    "a1 | c1 | [PATCH 1/2] fs: helper | amir@x | 1 | diff=helper",
	    "a2 | c1 | [PATCH 2/2] fs: use it | amir@x | 1 | diff=use1",
	    "r1 | a1 | Re: [PATCH 1/2] fs: helper | jan@suse | 60 | R=jan@suse",
	    "r2 | a2 | Re: [PATCH 2/2] fs: use it | jan@suse | 60 | R=jan@suse",
	    "c2 | -  | [PATCH v2 0/2] fs: lazy time | amir@x | 2000 | ",
	    "b1 | c2 | [PATCH v2 1/2] fs: helper | amir@x | 2001 | diff=helper",
	    "b2 | c2 | [PATCH v2 2/2] fs: use it | amir@x | 2001 | diff=use2" },
	  "S1\n"
	  "v1 series \"fs: lazy time\" id=c1 by=amir@x 2/2 missing=- A0 R1 T0 cover=c1 all=2 sup=c2\n"
	  "  1 a1 replies=r1 tr=R:jan@suse\n"
	  "  2 a2 replies=r2 tr=R:jan@suse\n"
	  "v2 series \"fs: lazy time\" id=c2 by=amir@x 2/2 missing=- A0 R1 T0 cover=c2 all=0 sup=-\n"
	  "  1 b1 tr=R:jan@suse+carried\n"
	  "  2 b2\n" },
	{ "trailers: a mismatching address is kept and flagged, a repeat is kept once, A/R/T count people",
	  { "c  | - | [PATCH 0/2] eth: mtu | jane@x | 0 | ",
	    "p1 | c | [PATCH 1/2] eth: a | jane@x | 1 | diff",
	    "p2 | c | [PATCH 2/2] eth: b | jane@x | 1 | diff",
	    "r1 | p1 | Re: [PATCH 1/2] eth: a | rb@home | 10 | T=robert@corp",
	    "r2 | p1 | Re: [PATCH 1/2] eth: a | bob@y | 20 | R=bob@y",
	    "r3 | r2 | Re: [PATCH 1/2] eth: a | bob@y | 25 | R=bob@y",
	    "r4 | p2 | Re: [PATCH 2/2] eth: b | bob@y | 30 | R=bob@y A=bob@y" },
	  "S1\n"
	  "v1 series \"eth: mtu\" id=c by=jane@x 2/2 missing=- A1 R1 T1 cover=c all=4 sup=-\n"
	  "  1 p1 replies=r1,r2,r3 tr=T:robert@corp!mismatch,R:bob@y\n"
	  "  2 p2 replies=r4 tr=R:bob@y,A:bob@y\n" },
	{ "trailers: one the patch already carries is not collected again, but counts in A/R/T",
	  { "p1 | - | [PATCH v2] eth: d | jane@x | 0 | diff R=bob@y",
	    "r1 | p1 | Re: [PATCH v2] eth: d | bob@y | 10 | R=bob@y",
	    "r2 | p1 | Re: [PATCH v2] eth: d | ann@z | 11 | T=ann@z" },
	  "S1\n"
	  "v2 single \"eth: d\" id=p1 by=jane@x 1/1 missing=- A0 R1 T1 cover=- all=2 sup=-\n"
	  "  1 p1 replies=r1,r2 tr=T:ann@z\n" },
	{ "trailers: another address under the sender's own name is still flagged (SERIES.md: the email must match)",
	  { "p1 | - | [PATCH] eth: c | jane@x | 0 | diff",
	    "r1 | p1 | Re: [PATCH] eth: c | Dan Gomez <dan@samsung> | 10 | R=Dan_Gomez_<dan@kernel>",
	    "r2 | p1 | Re: [PATCH] eth: c | Dan Gomez <dan@samsung> | 11 | A=Dan_Gomez_<dan@samsung>" },
	  "S1\n"
	  "v1 single \"eth: c\" id=p1 by=jane@x 1/1 missing=- A1 R1 T0 cover=- all=2 sup=-\n"
	  "  1 p1 replies=r1,r2 tr=R:dan@kernel!mismatch,A:dan@samsung\n" },
	{ "replies: a *-by without an address is prose; a reply proposing its own diff gives no sign-off",
	  { "p1 | -  | [PATCH] fs: x | jane@x | 0 | diff",
	    "r1 | p1 | Re: [PATCH] fs: x | bob@y | 5 | X=Acked-by:_in_order_of_appearance",
	    "r2 | p1 | Re: [PATCH] fs: x | bob@y | 6 | diff R=bob@y" },
	  "S1\n"
	  "v1 single \"fs: x\" id=p1 by=jane@x 1/1 missing=- A0 R1 T0 cover=- all=2 sup=-\n"
	  "  1 p1 replies=r1,r2 tr=R:bob@y\n" },
	{ "a reviewer's own [PATCH] answering a patch is a series of its own, not a copy",
	  { "p1 | -  | [PATCH 1/2] usb: one | greg@x | 0 | diff",
	    "p2 | p1 | [PATCH 2/2] usb: two | greg@x | 0 | diff",
	    "alt | p2 | [PATCH 2/2] usb: two, simpler | alan@y | 30 | diff",
	    "re | alt | Re: [PATCH 2/2] usb: two, simpler | greg@x | 40 | " },
	  "S1\n"
	  "v1 series \"usb: two, simpler\" id=alt by=alan@y 1/2 missing=1 A0 R0 T0 cover=- all=1 sup=-\n"
	  "  2 alt replies=re\n"
	  "S2\n"
	  "v1 series \"usb: one\" id=p1 by=greg@x 2/2 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 p1\n"
	  "  2 p2\n" },
	{ "no patch at all: discussions and replies to unknown mails go to other; an untagged root diff is a patch",
	  { "d1 | -  | should we move to page_pool? | ann@z | 0 | ",
	    "d2 | d1 | Re: should we move to page_pool? | bob@y | 5 | ",
	    "lost | nowhere | Re: [PATCH 3/9] something we never saw | bob@y | 6 | R=bob@y",
	    "raw | - | mm: fix the obvious leak | ann@z | 7 | diff",
	    "snip | d1 | Re: should we move to page_pool? | ann@z | 8 | diff" },
	  "S1\n"
	  "v1 single \"mm: fix the obvious leak\" id=raw by=ann@z 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 raw\n"
	  "other=d1,d2,lost,snip\n" },
	{ "newest activity first: an old series with a fresh review sorts before a newer quiet one",
	  { "old | - | [PATCH] a: old | x@x | 0 | diff",
	    "new | - | [PATCH] b: new | y@y | 100 | diff",
	    "rev | old | Re: [PATCH] a: old | z@z | 500 | R=z@z" },
	  "S1\n"
	  "v1 single \"a: old\" id=old by=x@x 1/1 missing=- A0 R1 T0 cover=- all=1 sup=-\n"
	  "  1 old replies=rev tr=R:z@z\n"
	  "S2\n"
	  "v1 single \"b: new\" id=new by=y@y 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 new\n" },
	{ "RFC, targets and a DMARC-rewritten sender: grouped by the recovered address",
	  { "c  | - | [RFC PATCH net-next v2 0/2] skb: lockless | list@lists~oliver@strict | 0 | ",
	    "p1 | c | [RFC PATCH net-next v2 1/2] skb: one | list@lists~oliver@strict | 1 | diff",
	    "p2 | c | [RFC PATCH net-next v2 2/2] skb: two | list@lists~oliver@strict | 1 | diff",
	    "x  | c | [PATCH 1/1] other: from another rewritten sender | list@lists~mia@strict | 2 | diff" },
	  "S1\n"
	  "v1 series \"other: from another rewritten sender\" id=x by=mia@strict 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 x\n"
	  "S2\n"
	  "v2 series \"skb: lockless\" id=c by=oliver@strict 2/2 missing=- A0 R0 T0 cover=c rfc [net-next] all=0 sup=-\n"
	  "  1 p1\n"
	  "  2 p2\n" },
	{ "mercurial '0 of N' covers and hg Message-IDs thread like any other",
	  { "patchbomb.1707120000@jp | - | [PATCH 0 of 2] printk: fixes | yuki@jp | 0 | ",
	    "a8de85.1707120001@jp | patchbomb.1707120000@jp | [PATCH 1 of 2] printk: bool | yuki@jp | 0 | diff",
	    "253a46.1707120002@jp | patchbomb.1707120000@jp | [PATCH 2 of 2] printk: burst | yuki@jp | 0 | diff" },
	  "S1\n"
	  "v1 series \"printk: fixes\" id=patchbomb.1707120000@jp by=yuki@jp 2/2 missing=- A0 R0 T0 "
	  "cover=patchbomb.1707120000@jp all=0 sup=-\n"
	  "  1 a8de85.1707120001@jp\n"
	  "  2 253a46.1707120002@jp\n" },
	{ "cycles: two patches answering each other, a self reference, phantoms citing each other",
	  { "p1 | p2 | [PATCH 1/2] loop: one | a@x | 0 | diff",
	    "p2 | p1 | [PATCH 2/2] loop: two | a@x | 1 | diff",
	    "s  | s  | [PATCH] self: reference | a@x | 2 | diff",
	    "m1 | refs:x,y,x | Re: [PATCH] self: reference | b@y | 3 | ",
	    "m2 | refs:y,x,y | Re: [PATCH] self: reference | b@y | 4 | " },
	  "S1\n"
	  "v1 single \"self: reference\" id=s by=a@x 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 s\n"
	  "S2\n"
	  "v1 series \"loop: one\" id=p1 by=a@x 2/2 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 p1\n"
	  "  2 p2\n"
	  "other=m1,m2\n" },
	{ "one Message-ID on two mails: a cover and a reply each seen twice",
	  { "c  | - | [PATCH 0/1] twin: cover | a@x | 0 | ",
	    "c  | - | [PATCH 0/1] twin: cover | a@x | 0 | ",
	    "p1 | c | [PATCH 1/1] twin: patch | a@x | 1 | diff",
	    "r  | p1 | Re: [PATCH 1/1] twin: patch | b@y | 5 | R=b@y",
	    "r  | p1 | Re: [PATCH 1/1] twin: patch | b@y | 5 | R=b@y" },
	  "S1\n"
	  "v1 series \"twin: cover\" id=c by=a@x 1/1 missing=- A0 R1 T0 cover=c all=2 sup=-\n"
	  "  1 p1 replies=r,r tr=R:b@y\n" },
	{ "absurd counters: 9999/9999 alone, 1/999999999, 3/0",
	  { "big | - | [PATCH 9999/9999] huge: last | a@x | 0 | diff",
	    "inf | - | [PATCH 1/999999999] absurd: total | b@y | 1 | diff",
	    "zero | - | [PATCH 3/0] zero: total | c@z | 2 | diff" },
	  "S1\n"
	  "v1 series \"zero: total\" id=zero by=c@z 1/0 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  3 zero extra\n"
	  "S2\n"
	  "v1 series \"absurd: total\" id=inf by=b@y 1/1 missing=- A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 inf\n"
	  "S3\n"
	  "v1 series \"huge: last\" id=big by=a@x 1/9999 "
	  "missing=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,...(9998) A0 R0 T0 cover=- all=0 sup=-\n"
	  "  9999 big\n" },
	{ "one Message-ID on an unnumbered patch and a 1/3: a series lacking 2 and 3 (fuzz-series)",
	  { "s | - | [PATCH] kmod: add flags | a@x | 0 | diff",
	    "s | - | [PATCH 1/3] kmod: add flags | a@x | 1 | diff" },
	  "S1\n"
	  "v1 series \"kmod: add flags\" id=s by=a@x 1/3 missing=2,3 A0 R0 T0 cover=- all=0 sup=-\n"
	  "  1 s dups=1\n" },
	{ "a subject that is missing altogether: the mail is still placed",
	  { "x | - | - | a@x | 0 | nosubject",
	    "y | x | - | b@y | 1 | nosubject diff" },
	  "other=x,y\n" },
};

#endif
