/* The subject grammar of SERIES.md, one table row per rule or real oddity.
 * Each row checks the whole parse through pd_subject_describe, so a wrong
 * field anywhere fails the row. Rows marked "real" are subjects (or their
 * shape) seen on the linux-modules list. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "subject.h"
#include "tap.h"

struct row {
	const char *in;
	const char *want;
};

#define P(prefix, title) " prefix=" prefix " title=" title

static const struct row rows[] = {
	/* The example of the design notes, every field at once. */
	{ "Re: [RFC PATCH net-next v3 02/10] net: foo: fix the bar",
	  "reply=1 kinds=RFC,PATCH v=3 n=2/10 targets=net-next odd=-" P("[RFC PATCH net-next v3 02/10]", "net: foo: fix the bar") },

	/* Replies: the markers of many clients, any case, repeated. */
	{ "RE: [PATCH] module: fix", "reply=1 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "module: fix") },
	{ "Aw: [PATCH 1/2] a", "reply=1 kinds=PATCH v=(1) n=1/2 targets=- odd=-" P("[PATCH 1/2]", "a") },
	{ "Fwd: [PATCH v2] a", "reply=1 kinds=PATCH v=2 n=- targets=- odd=-" P("[PATCH v2]", "a") },
	{ "FW: modules list", "reply=1 kinds=- v=(1) n=- targets=- odd=-" P("-", "modules list") },
	{ "Antw: [PATCH] a", "reply=1 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "a") },
	{ "SV: [PATCH] a", "reply=1 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "a") },
	{ "re: Re: RE: rE: [PATCH] a", "reply=1 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "a") },
	{ "Re:[PATCH]a", "reply=1 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "a") },
	{ "Re[2]: [PATCH] a", "reply=1 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "a") },
	{ "Re : [PATCH] a", "reply=1 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "a") },
	{ " Re: [PATCH v2] audit,module: restore", /* real: leading blank */
	  "reply=1 kinds=PATCH v=2 n=- targets=- odd=-" P("[PATCH v2]", "audit,module: restore") },
	{ "Re:", "reply=1 kinds=- v=(1) n=- targets=- odd=-" P("-", "") },
	{ "[SPAM] Re: [PATCH 1/2] a", "reply=1 kinds=PATCH v=(1) n=1/2 targets=- odd=-" P("[PATCH 1/2]", "a") },
	{ "[REGRESSION] Re: [PATCH v7 8/8] x86/module: enable ROX", /* real */
	  "reply=1 kinds=PATCH v=7 n=8/8 targets=- odd=-" P("[PATCH v7 8/8]", "x86/module: enable ROX") },
	{ "RE: [EXTERNAL] [PATCH 38/61] net: Prefer IS_ERR_OR_NULL", /* real */
	  "reply=1 kinds=PATCH v=(1) n=38/61 targets=- odd=-" P("[PATCH 38/61]", "net: Prefer IS_ERR_OR_NULL") },
	{ "Re: [EXT]Re: When adding a module", /* real */
	  "reply=1 kinds=- v=(1) n=- targets=- odd=-" P("-", "When adding a module") },
	{ "Re: (subset) [PATCH 51/61] leds: Prefer", /* real: b4 ty */
	  "reply=1 kinds=PATCH v=(1) n=51/61 targets=- odd=-" P("[PATCH 51/61]", "leds: Prefer") },
	{ "[SPAM] [PATCH 1/2] a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=- odd=-" P("[PATCH 1/2]", "a") },
	{ "Accusé d'envoi : Nous contacter", /* real: not a marker */
	  "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "Accusé d'envoi : Nous contacter") },
	{ "Ree", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "Ree") },
	{ "Reply: a", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "Reply: a") },
	{ "[PATCH] Re: a", "reply=1 kinds=- v=(1) n=- targets=- odd=-" P("-", "a") },

	/* Kinds, in any order and case. */
	{ "[RFC PATCH] a", "reply=0 kinds=RFC,PATCH v=(1) n=- targets=- odd=-" P("[RFC PATCH]", "a") },
	{ "[PATCH RFC v2 3/5] a", "reply=0 kinds=RFC,PATCH v=2 n=3/5 targets=- odd=-" P("[RFC PATCH v2 3/5]", "a") },
	{ "[RFC][PATCH 1/3] a", "reply=0 kinds=RFC,PATCH v=(1) n=1/3 targets=- odd=-" P("[RFC PATCH 1/3]", "a") },
	{ "[PATCH RESEND v2 1/3] a", "reply=0 kinds=PATCH,RESEND v=2 n=1/3 targets=- odd=-" P("[PATCH RESEND v2 1/3]", "a") },
	{ "[RESEND PATCH] a", "reply=0 kinds=PATCH,RESEND v=(1) n=- targets=- odd=-" P("[PATCH RESEND]", "a") },
	{ "[PATCH resend] a", "reply=0 kinds=PATCH,RESEND v=(1) n=- targets=- odd=-" P("[PATCH RESEND]", "a") },
	{ "[RFT 2/6] a", "reply=0 kinds=RFT v=(1) n=2/6 targets=- odd=-" P("[RFT 2/6]", "a") },
	{ "[GIT PULL] Modules changes for v6.10-rc1", /* real: v6.10 is the title's */
	  "reply=0 kinds=PULL v=(1) n=- targets=- odd=-" P("[GIT PULL]", "Modules changes for v6.10-rc1") },
	{ "[git pull v2] a", "reply=0 kinds=PULL v=2 n=- targets=- odd=-" P("[GIT PULL v2]", "a") },
	{ "[GIT PULL REQUEST] a", "reply=0 kinds=PULL v=(1) n=- targets=- odd=-" P("[GIT PULL]", "a") },
	{ "[GIT-PULL] a", "reply=0 kinds=PULL v=(1) n=- targets=- odd=-" P("[GIT PULL]", "a") },
	{ "[PULL] a", "reply=0 kinds=PULL v=(1) n=- targets=- odd=-" P("[GIT PULL]", "a") },
	{ "[PATCH git] a", "reply=0 kinds=PATCH v=(1) n=- targets=git odd=-" P("[PATCH git]", "a") },
	{ "[PATCH/RFC] a", "reply=0 kinds=RFC,PATCH v=(1) n=- targets=- odd=-" P("[RFC PATCH]", "a") },
	{ "[RFC/RFT,V2] CFI: Add support", /* real */
	  "reply=0 kinds=RFC,RFT v=2 n=- targets=- odd=-" P("[RFC RFT v2]", "CFI: Add support") },
	{ "[nf PATCH] a", "reply=0 kinds=PATCH v=(1) n=- targets=nf odd=-" P("[PATCH nf]", "a") },

	/* Versions. */
	{ "[PATCH v3] a", "reply=0 kinds=PATCH v=3 n=- targets=- odd=-" P("[PATCH v3]", "a") },
	{ "[PATCH V3] a", "reply=0 kinds=PATCH v=3 n=- targets=- odd=-" P("[PATCH v3]", "a") },
	{ "[PATCHv3 bpf-next 1/2] a", "reply=0 kinds=PATCH v=3 n=1/2 targets=bpf-next odd=-" P("[PATCH bpf-next v3 1/2]", "a") },
	{ "[PATCH-v3] a", "reply=0 kinds=PATCH v=3 n=- targets=- odd=-" P("[PATCH v3]", "a") },
	{ "[PATCH_V4 2/2] a", "reply=0 kinds=PATCH v=4 n=2/2 targets=- odd=-" P("[PATCH v4 2/2]", "a") },
	{ "[RFCv2 PATCH] a", "reply=0 kinds=RFC,PATCH v=2 n=- targets=- odd=-" P("[RFC PATCH v2]", "a") },
	{ "[PATCH -v2 6/7] a", "reply=0 kinds=PATCH v=2 n=6/7 targets=- odd=-" P("[PATCH v2 6/7]", "a") },
	{ "[PATCH v5.1] a", "reply=0 kinds=PATCH v=5.1 n=- targets=- odd=-" P("[PATCH v5.1]", "a") },
	{ "[PATCH v3.5 25/28] kprobes: Use RCU", /* real */
	  "reply=0 kinds=PATCH v=3.5 n=25/28 targets=- odd=-" P("[PATCH v3.5 25/28]", "kprobes: Use RCU") },
	{ "[MODALTS v0.1 4/4] add deps", /* real */
	  "reply=0 kinds=- v=0.1 n=4/4 targets=MODALTS odd=-" P("[MODALTS v0.1 4/4]", "add deps") },
	{ "[PATCH v1] a", "reply=0 kinds=PATCH v=1 n=- targets=- odd=-" P("[PATCH]", "a") },
	{ "[PATCH] [v2] a", /* real */
	  "reply=0 kinds=PATCH v=2 n=- targets=- odd=-" P("[PATCH v2]", "a") },
	{ "[PATCH v2] [v3] a", "reply=0 kinds=PATCH v=2 n=- targets=- odd=versions" P("[PATCH v2]", "a") },
	{ "[PATCH v2 v2] a", "reply=0 kinds=PATCH v=2 n=- targets=- odd=-" P("[PATCH v2]", "a") },
	{ "[PATCH v2.6.39] a", "reply=0 kinds=PATCH v=(1) n=- targets=v2.6.39 odd=-" P("[PATCH v2.6.39]", "a") },
	{ "[PATCH vfs] a", "reply=0 kinds=PATCH v=(1) n=- targets=vfs odd=-" P("[PATCH vfs]", "a") },
	{ "[PATCH v] a", "reply=0 kinds=PATCH v=(1) n=- targets=v odd=-" P("[PATCH v]", "a") },
	{ "[PATCH v99999999999] a", "reply=0 kinds=PATCH v=(1) n=- targets=v99999999999 odd=-" P("[PATCH v99999999999]", "a") },

	/* Counters. */
	{ "[PATCH 02/10] a", "reply=0 kinds=PATCH v=(1) n=2/10 targets=- odd=-" P("[PATCH 02/10]", "a") },
	{ "[PATCH 2/10] a", "reply=0 kinds=PATCH v=(1) n=2/10 targets=- odd=-" P("[PATCH 02/10]", "a") },
	{ "[PATCH 2 of 10] a", "reply=0 kinds=PATCH v=(1) n=2/10 targets=- odd=-" P("[PATCH 02/10]", "a") },
	{ "[PATCH 0 of 3 v2] a", "reply=0 kinds=PATCH v=2 n=0/3 targets=- odd=-" P("[PATCH v2 0/3]", "a") },
	{ "[PATCH 0/3] a", "reply=0 kinds=PATCH v=(1) n=0/3 targets=- odd=-" P("[PATCH 0/3]", "a") },
	{ "[PATCH v16 8/7] pkcs7: Change", /* real */
	  "reply=0 kinds=PATCH v=16 n=8/7 targets=- odd=over" P("[PATCH v16 8/7]", "pkcs7: Change") },
	{ "[PATCH 0/0] a", "reply=0 kinds=PATCH v=(1) n=0/0 targets=- odd=over" P("[PATCH 0/0]", "a") },
	{ "[PATCH 9999/9999] a", "reply=0 kinds=PATCH v=(1) n=9999/9999 targets=- odd=-" P("[PATCH 9999/9999]", "a") },
	{ "[PATCH 99999999999/1] a", "reply=0 kinds=PATCH v=(1) n=- targets=99999999999/1 odd=huge" P("[PATCH 99999999999/1]", "a") },
	{ "[PATCH 1/99999999999] a", "reply=0 kinds=PATCH v=(1) n=- targets=1/99999999999 odd=huge" P("[PATCH 1/99999999999]", "a") },
	{ "[PATCH 999999999/999999999] a", "reply=0 kinds=PATCH v=(1) n=999999999/999999999 targets=- odd=-" P("[PATCH 999999999/999999999]", "a") },
	{ "[PATCH 1/2] [PATCH 2/2] a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=- odd=counters" P("[PATCH 1/2]", "a") },
	{ "[PATCH v6,19/24] a", "reply=0 kinds=PATCH v=6 n=19/24 targets=- odd=-" P("[PATCH v6 19/24]", "a") },
	{ "[RFC, PATCH 01/12] a", "reply=0 kinds=RFC,PATCH v=(1) n=1/12 targets=- odd=-" P("[RFC PATCH 01/12]", "a") },
	{ "Re: [v2,0/3] module: Add check", /* real: patchwork's form */
	  "reply=1 kinds=- v=2 n=0/3 targets=- odd=-" P("[v2 0/3]", "module: Add check") },
	{ "[PATCH 1/2/3] a", "reply=0 kinds=PATCH v=(1) n=- targets=1/2/3 odd=-" P("[PATCH 1/2/3]", "a") },
	{ "[PATCH /3] a", "reply=0 kinds=PATCH v=(1) n=- targets=/3 odd=-" P("[PATCH /3]", "a") },

	/* Target prefixes, kept in order. */
	{ "[PATCH bpf] a", "reply=0 kinds=PATCH v=(1) n=- targets=bpf odd=-" P("[PATCH bpf]", "a") },
	{ "[LTP] [PATCH v2] a", "reply=0 kinds=PATCH v=2 n=- targets=LTP odd=-" P("[PATCH LTP v2]", "a") },
	{ "[PATCH liburing 1/2] a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=liburing odd=-" P("[PATCH liburing 1/2]", "a") },
	{ "[kvm-unit-tests PATCH v2 3/4] a", "reply=0 kinds=PATCH v=2 n=3/4 targets=kvm-unit-tests odd=-" P("[PATCH kvm-unit-tests v2 3/4]", "a") },
	{ "[PATCH kmod v2 1/3] a", "reply=0 kinds=PATCH v=2 n=1/3 targets=kmod odd=-" P("[PATCH kmod v2 1/3]", "a") },
	{ "[PATCH] [net-next] a", "reply=0 kinds=PATCH v=(1) n=- targets=net-next odd=-" P("[PATCH net-next]", "a") },
	{ "[PATCH -next 1/2] a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=-next odd=-" P("[PATCH -next 1/2]", "a") },
	{ "[PATCH AUTOSEL 6.19-5.15] module: Fix", /* real: a stable range, not a version */
	  "reply=0 kinds=PATCH v=(1) n=- targets=AUTOSEL,6.19-5.15 odd=-" P("[PATCH AUTOSEL 6.19-5.15]", "module: Fix") },
	{ "[PATCH 5.10 1/2] a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=5.10 odd=-" P("[PATCH 5.10 1/2]", "a") },
	{ "[Intel-wired-lan] [PATCH iwl-next v2 1/3] a",
	  "reply=0 kinds=PATCH v=2 n=1/3 targets=Intel-wired-lan,iwl-next odd=-" P("[PATCH Intel-wired-lan iwl-next v2 1/3]", "a") },
	{ "[syzbot] [modules?] KASAN: slab-use-after-free", /* real */
	  "reply=0 kinds=- v=(1) n=- targets=syzbot,modules? odd=-" P("[syzbot modules?]", "KASAN: slab-use-after-free") },
	{ "[PATCH 1/2 module-testing] a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=module-testing odd=-" P("[PATCH module-testing 1/2]", "a") },
	{ "[for-next][PATCH 1/2] a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=for-next odd=-" P("[PATCH for-next 1/2]", "a") },
	{ "[linux-next:master] [modpost] a", "reply=0 kinds=- v=(1) n=- targets=linux-next:master,modpost odd=-" P("[linux-next:master modpost]", "a") },

	/* The title: after the groups, trimmed, white space folded. */
	{ "[PATCH] x86/[foo]: bar", "reply=0 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "x86/[foo]: bar") },
	{ "[PATCH]   a \t b  \n c  ", "reply=0 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "a b c") },
	{ "[PATCH v7 8/8] x86/module: enable ROX caches for  module text", /* real: unfolded header */
	  "reply=0 kinds=PATCH v=7 n=8/8 targets=- odd=-" P("[PATCH v7 8/8]", "x86/module: enable ROX caches for module text") },
	{ "[PATCH 2/2] livepatch: Free klp_{object,func}_ext data", /* real: commas in the title */
	  "reply=0 kinds=PATCH v=(1) n=2/2 targets=- odd=-" P("[PATCH 2/2]", "livepatch: Free klp_{object,func}_ext data") },
	{ "Bisected: [PATCH v5 8/8] x86/module", /* real: a report, not a patch */
	  "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "Bisected: [PATCH v5 8/8] x86/module") },
	{ "[PATCH]", "reply=0 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "") },
	{ "[PATCH] \xc3\xa9t\xc3\xa9", "reply=0 kinds=PATCH v=(1) n=- targets=- odd=-" P("[PATCH]", "\xc3\xa9t\xc3\xa9") },

	/* Nested and malformed groups never crash. */
	{ "[RFC [PATCH 1/3]] a", "reply=0 kinds=RFC,PATCH v=(1) n=1/3 targets=- odd=-" P("[RFC PATCH 1/3]", "a") },
	{ "[[[]]] a", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "a") },
	{ "", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "") },
	{ "   ", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "") },
	{ "[", "reply=0 kinds=- v=(1) n=- targets=- odd=unbalanced" P("-", "[") },
	{ "[]", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "") },
	{ "[][]", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "") },
	{ "]]", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "]]") },
	{ "[PATCH", "reply=0 kinds=- v=(1) n=- targets=- odd=unbalanced" P("-", "[PATCH") },
	{ "Re: [PATCH 1/2 net: foo", "reply=1 kinds=- v=(1) n=- targets=- odd=unbalanced" P("-", "[PATCH 1/2 net: foo") },
	{ "[PATCH 1/2] [oops a", "reply=0 kinds=PATCH v=(1) n=1/2 targets=- odd=unbalanced" P("[PATCH 1/2]", "[oops a") },
	{ "[ , ,, ] a", "reply=0 kinds=- v=(1) n=- targets=- odd=-" P("-", "a") },
};

/* pd_subject_prefix renders what git format-patch and b4 write back
 * unchanged: parse, render, compare. */
static const char *const canonical[] = {
	"[PATCH]", "[PATCH 1/2]", "[PATCH v2 03/12]", "[RFC PATCH net-next v3 02/10]",
	"[PATCH RESEND bpf-next v4 0/7]", "[GIT PULL]", "[RFC PATCH v5.1]", "[PATCH 9999/9999]",
};

int main(void)
{
	void *ctx = talloc_new(NULL);
	struct pd_subject *s;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *name = talloc_asprintf(ctx, "parse '%s'", rows[i].in);
		if (pd_subject_parse(&s, ctx, rows[i].in) != 0) {
			tap_result(0, name);
			continue;
		}
		tap_str(pd_subject_describe(ctx, s), rows[i].want, name);
	}

	for (size_t i = 0; i < sizeof(canonical) / sizeof(canonical[0]); i++) {
		char *in = talloc_asprintf(ctx, "%s title", canonical[i]);
		pd_subject_parse(&s, ctx, in);
		tap_str(pd_subject_prefix(ctx, s), canonical[i],
			talloc_asprintf(ctx, "canonical %s renders back unchanged", canonical[i]));
	}

	tap_int(pd_subject_parse(&s, ctx, NULL), 0, "NULL subject parses");
	tap_str(s->title, "", "NULL subject has an empty title");
	tap_str(pd_subject_prefix(ctx, s), "", "nothing to render is the empty prefix");

	/* Predicates the series model builds on. */
	static const struct {
		const char *in;
		int cover, patch;
	} preds[] = {
		{ "[PATCH 0/3] a", 1, 1 },    { "[PATCH 1/3] a", 0, 1 }, { "[PATCH] a", 0, 1 },
		{ "[RFC] a", 0, 1 },          { "[v2,0/3] a", 1, 1 },    { "[GIT PULL] a", 0, 0 },
		{ "[ANNOUNCE] kmod 31", 0, 0 }, { "a", 0, 0 },           { "[PATCH 00/11] a", 1, 1 },
	};
	for (size_t i = 0; i < sizeof(preds) / sizeof(preds[0]); i++) {
		pd_subject_parse(&s, ctx, preds[i].in);
		tap_int(pd_subject_is_cover(s), preds[i].cover, talloc_asprintf(ctx, "is_cover '%s'", preds[i].in));
		tap_int(pd_subject_is_patch(s), preds[i].patch, talloc_asprintf(ctx, "is_patch '%s'", preds[i].in));
	}

	static const struct {
		const char *a, *b;
		int cmp;
	} vers[] = {
		{ "[PATCH] a", "[PATCH v1] a", 0 },   { "[PATCH] a", "[PATCH v2] a", -1 },
		{ "[PATCH v5.1] a", "[PATCH v5] a", 1 }, { "[PATCH v10] a", "[PATCH v9] a", 1 },
		{ "[PATCH v3.5] a", "[PATCH v3.10] a", -1 }, { "[PATCH v0.1] a", "[PATCH] a", -1 },
	};
	for (size_t i = 0; i < sizeof(vers) / sizeof(vers[0]); i++) {
		struct pd_subject *b;
		pd_subject_parse(&s, ctx, vers[i].a);
		pd_subject_parse(&b, ctx, vers[i].b);
		int c = pd_subject_version_cmp(s, b);
		tap_int(c < 0 ? -1 : c > 0, vers[i].cmp,
			talloc_asprintf(ctx, "version of '%s' vs '%s'", vers[i].a, vers[i].b));
	}

	/* Size does not matter: a megabyte of brackets or of reply markers
	 * parses (and quickly: each group is scanned once). */
	size_t big = 1 << 20;
	char *buf = talloc_array(ctx, char, big + 1);
	memset(buf, '[', big);
	buf[big] = '\0';
	pd_subject_parse(&s, ctx, buf);
	tap_int(s->odd, PD_SUBJ_ODD_UNBALANCED, "a megabyte of '[' is one unbalanced group");
	for (size_t i = 0; i < big; i++)
		buf[i] = "[]"[i % 2];
	pd_subject_parse(&s, ctx, buf);
	tap_str(s->title, "", "half a million empty groups leave an empty title");
	for (size_t i = 0; i + 4 <= big; i += 4)
		memcpy(buf + i, "Re: ", 4);
	pd_subject_parse(&s, ctx, buf);
	tap_int(s->is_reply, 1, "a quarter million 'Re:' is a reply");
	for (size_t i = 0; i < big; i++)
		buf[i] = "[v1 "[i % 4];
	buf[big - 1] = ']';
	pd_subject_parse(&s, ctx, buf);
	tap_int(s->version, 1, "nested groups of a megabyte keep their version");

	talloc_free(ctx);
	return tap_done();
}
