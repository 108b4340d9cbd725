"""The fixed cases of December 2023: a long series and a long review thread.

Both branch from master as it was in December 2023 (the 'maint-yuki'
commit) and are dated before every other case, so in a newest-first list
they come last.  They run after all the other cases so that the other
cases keep their Message-IDs (send-email ids carry a running pid).
"""

from .people import (ANNA, CAROL, DMITRY, JUERGEN, LIWEI, MARA, MORGAN, PRIYA,
                     RAVI, SAM, TOMASZ, YUKI, utc)
from .series import Patch, reply, send_series

ERRNAME = "lib/errname_lite.c"
ERRNAME_C = """// SPDX-License-Identifier: GPL-2.0
/*
 * lib/errname_lite.c: the name of an error code, for messages.
 */
#include <linux/errno.h>
#include <linux/export.h>

#define E(err) [err] = #err

static const char * const names[] = {
\tE(EPERM),
\t/* end of table */
};

const char *errname_lite(int err)
{
\tunsigned int i = err < 0 ? -err : err;

\treturn i < ARRAY_SIZE(names) ? names[i] : NULL;
}
EXPORT_SYMBOL(errname_lite);
"""
ERRNOS = ("ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN ENOMEM "
          "EACCES EFAULT ENOTBLK EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL "
          "ENFILE EMFILE ENOTTY ETXTBSY EFBIG ENOSPC ESPIPE EROFS EMLINK EPIPE EDOM "
          "ERANGE EDEADLK ENAMETOOLONG ENOLCK ENOSYS ENOTEMPTY ELOOP").split()
MARA_SOB = "Signed-off-by: Mara Lind <mara@kernel.example.org>\n"


def big_series(ctx):
    """40 patches with a cover letter and base-commit: one line each."""
    patches = [Patch("lib/errname_lite: add errname_lite()", """
Error messages print -22 where EINVAL would be read at a glance. Add a
small table of names, starting with EPERM; the others follow one by one.

""" + MARA_SOB, [(ERRNAME, ERRNAME_C)])]
    for e in ERRNOS:
        patches.append(Patch("lib/errname_lite: name %s" % e, "\n" + MARA_SOB, [
            (ERRNAME, "\t/* end of table */\n", "\tE(%s),\n\t/* end of table */\n" % e)]))
    s = send_series(ctx, branch="errname", base=ctx.labels["maint-yuki"], sender=MARA,
                    when=utc(2023, 12, 20, 10, 0), commit_span=2 * 3600, base_commit=True,
                    cover=("lib: errname_lite, a name for every error code", """
Messages that print an error code as a number send every reader to
errno-base.h. This series adds errname_lite() and the names of the
first forty error codes, one per patch so that each can be checked
against the table in the header.
"""), patches=patches)
    yuki = reply(ctx, s.cover, YUKI, utc(2023, 12, 21, 2, 30), [
        "Checked every name against errno-base.h and errno.h.", YUKI.trailer("Reviewed-by")])
    morgan = reply(ctx, s.patches[39], MORGAN, utc(2023, 12, 21, 15, 0), [
        {"match": "E(ELOOP)", "count": 1},
        "ELOOP is 40, so the table now ends at the first gap of errno.h.\n"
        "Fine with me to stop there.", "Morgan"])
    ctx.case("forty", "cover + 40 one-line patches, base-commit (December 2023, based on "
             "'maint-yuki'); a Reviewed-by on the cover", s.delivered + [yuki, morgan])


# The review thread on patch 2 of PRIYA's series: (parent, sender, text,
# trailer tag or None, options).  Parent 0 is the patch; k > 0 the k-th reply.
THREAD = [
    (0, ANNA, "Reading the counters with %lu hides a negative value, which would\n"
     "be a bug worth seeing. Still, they only ever go up, so:", "Reviewed-by", {}),
    (1, PRIYA, "They can wrap on 32-bit, and %ld prints the wrapped value as a\n"
     "negative number, which is what confused the report.", None, {}),
    (2, ANNA, "Fair, I had not thought of 32-bit boards.", None, {}),
    (3, PRIYA, "Most of the reports come from them, as it happens.", None, {}),
    (4, MORGAN, "Then please mention 32-bit in the commit message when you resend\n"
     "anything; nobody reading the log will guess it.", None, {}),
    (0, RAVI, "Should the array not become atomic64_t while we are at it?", None, {}),
    (6, PRIYA, "That costs a lock on some 32-bit machines for every event; I'd\n"
     "rather not for counters nobody adds up.", None, {}),
    (7, RAVI, "Agreed, wrapping is fine for event counters.", None, {}),
    (8, MORGAN, "Same here, this is fine as it is.", "Acked-by", {}),
    (0, JUERGEN, "Tested the output on an armv7 board: the wrapped counter now reads\n"
     "as a large positive number.", "Reviewed-by", {}),
    (10, PRIYA, "Thanks for testing on real hardware.", None, {}),
    (11, JUERGEN, "Any time, the board sits on my desk anyway.", None, {}),
    (1, CAROL, "Anna, did you mean to give the tag for both patches or just this\n"
     "one?", None, {"whole": True}),
    (13, ANNA, "Just this one; the typo fix needs no review.", None, {}),
    (14, CAROL, "Understood, I'll leave the first one alone then.", None, {}),
    (15, YUKI, "Late to this, but I read it too and it looks right.", "Reviewed-by",
     {"crlf": True}),
    (0, TOMASZ, "seq_put_decimal_ull() would avoid the format string altogether.", None, {}),
    (17, PRIYA, "It would, but the line also prints the name; two calls for one line\n"
     "read worse here.", None, {}),
    (18, TOMASZ, "Fine, not worth a respin.", None, {}),
    (19, SAM, "For what it is worth, net/core uses seq_printf() for the same thing.", None, {}),
    (20, PRIYA, "Good to know it is in line with the rest then.", None, {}),
    (0, LIWEI, "Is there a user-space tool that parses this file and expects signed\n"
     "values?", None, {}),
    (22, PRIYA, "Not that I know of; vmstat_lite-top reads them as unsigned already.", None, {}),
    (6, SAM, "Ravi, the 64-bit counters came up last year too, see the archive.", None, {}),
    (24, RAVI, "I remember now, same conclusion back then.", None, {}),
    (25, SAM, "Then let's not go around that loop again.", "Acked-by", {}),
    (0, DMITRY, "Builds without warnings on riscv32 with W=1.", None, {}),
    (27, PRIYA, "Thanks Dmitry.", None, {}),
    (28, DMITRY, "No problem; I have a riscv32 build running for every series anyway.", None, {}),
    (0, MORGAN, "I'll take both once the discussion settles, no need to resend.", None, {}),
]


def long_thread(ctx):
    """A 2-patch series whose patch 2 gets 30 replies, nested 5 deep."""
    f = "mm/vmstat_lite.c"
    s = send_series(ctx, branch="vmstat-fmt", base=ctx.labels["maint-yuki"], sender=PRIYA,
                    when=utc(2023, 12, 27, 9, 0), base_commit=True,
                    cover=("mm/vmstat_lite: two small fixes", """
A typo, and counters that print as negative numbers once they wrap on
32-bit machines.
"""), patches=[
        Patch("mm/vmstat_lite: fix a typo in a comment", """
Signed-off-by: Priya Raman <priya@example.in>
""", [(f, "the begining of the file", "the beginning of the file")]),
        Patch("mm/vmstat_lite: print the counters as unsigned", """
The event counters only count up; once one wraps on a 32-bit machine,
%ld prints it as a negative number. Print them with %lu.

Signed-off-by: Priya Raman <priya@example.in>
""", [(f, 'seq_printf(m, "%s %ld\\n", vm_lite_names[i],\n\t\t\t   atomic_long_read(',
       'seq_printf(m, "%s %lu\\n", vm_lite_names[i],\n\t\t\t   (unsigned long)atomic_long_read(')]),
    ])
    patch = s.patches[1]
    mails = [patch]
    own = {0: None}
    for k, (parent, sender, text, tag, opt) in enumerate(THREAD, 1):
        p = mails[parent]
        if parent == 0:
            q = {"match": "The event counters only count up", "count": 2}
        elif opt.get("whole"):
            q = {"match": own[parent].split("\n")[0]}
        else:
            q = {"match": own[parent].split("\n")[0], "count": len(own[parent].split("\n"))}
        parts = [q, text] + ([sender.trailer(tag)] if tag else []) + [sender.first]
        own[k] = text
        mails.append(reply(ctx, p, sender, utc(2023, 12, 27, 10, 0) + k * 6300, parts,
                           style=k % 2, crlf=opt.get("crlf", False)))
    ctx.case("long-thread", "cover + 2 patches (December 2023); patch 2 gets 30 replies nested "
             "up to 5 deep, each quoting its parent: Reviewed-by from Anna, Jürgen (RFC 2047 "
             "name) and Yuki (a CRLF mail), Acked-by from Morgan and Sam (depth 4); Carol "
             "quotes Anna's Reviewed-by, which must not count again",
             s.delivered + mails[1:])
