"""The master branch of the demo tree: what the maintainer committed.

initial() lays the history before the first mail; the later functions are
called by the cases at their dates, so that master moves on between the
series the way a real tree does (a merged series, a conflicting change,
a merged pull request, a release commit).
"""

from . import tree_files
from .people import JANE, MORGAN, RAVI, SAM, TOMASZ, utc


def master_commit(ctx, label, author, epoch, title, body, edits, cepoch=None):
    repo = ctx.repo
    repo.checkout("master")
    repo.apply_edits(edits)
    sha = repo.commit(author, epoch, title + "\n\n" + body.strip("\n") + "\n",
                      committer=MORGAN, cepoch=cepoch)
    ctx.labels[label] = sha
    return sha


def initial(ctx):
    repo = ctx.repo
    repo.init()
    for path, (content, executable) in sorted(tree_files.files().items()):
        if path == "Makefile":
            content = content.replace("PATCHLEVEL = 8", "PATCHLEVEL = 7") \
                             .replace("EXTRAVERSION = -rc1", "EXTRAVERSION =")
        if path == "MAINTAINERS":
            content = content.replace("R:\tYuki Tanaka <yuki@example.jp>\n", "")
        repo.write(path, content, executable)
    ctx.labels["initial"] = repo.commit(
        MORGAN, utc(2023, 10, 2, 15, 0),
        "Initial import of the demo lite tree\n\n"
        "A small tree laid out like the kernel, for trying out patch tools.\n\n"
        "Signed-off-by: Morgan Hale <morgan@kernel.example.org>\n")

    master_commit(ctx, "napi-done", JANE, utc(2023, 10, 23, 9, 12),
                  "demo_eth: use napi_complete_done()", """
napi_complete() is a wrapper that passes 0 as the work done, which keeps
GRO from flushing at the right time and hides the poll statistics. Pass
the real amount of work instead.

Signed-off-by: Jane Doe <jane@example.org>
""", [("drivers/net/ethernet/demo/demo_main.c",
       "\t\tnapi_complete(napi);\n", "\t\tnapi_complete_done(napi, done);\n")],
                  cepoch=utc(2023, 10, 25, 18, 40))

    master_commit(ctx, "pp-node", RAVI, utc(2023, 11, 14, 6, 30),
                  "mm/page_pool_lite: allocate the page array on the pool's node", """
The pool itself is allocated on the requested node but the page array
is not, so every recycle touches remote memory on NUMA machines.

Signed-off-by: Ravi Kumar <ravi.kumar@corp.example.com>
""", [("mm/page_pool_lite.c",
       "\tpool->pages = kcalloc(capacity, sizeof(*pool->pages), GFP_KERNEL);\n",
       "\tpool->pages = kcalloc_node(capacity, sizeof(*pool->pages), GFP_KERNEL,\n"
       "\t\t\t\t   nid);\n")],
                  cepoch=utc(2023, 11, 20, 16, 2))

    master_commit(ctx, "nohandler", TOMASZ, utc(2023, 12, 5, 11, 45),
                  "net: dev_stats: add dev_stats_rx_nohandler()", """
Protocol handlers that drop a frame because nobody is bound to its
ethertype have no way to account for it. Add a helper next to the
dropped counters.

Signed-off-by: Tomasz Nowak <tnowak@example.pl>
""", [("net/core/dev_stats.c", "EXPORT_SYMBOL(dev_stats_tx_dropped);\n",
       "EXPORT_SYMBOL(dev_stats_tx_dropped);\n\n"
       "void dev_stats_rx_nohandler(struct net_device *dev)\n{\n"
       "\tstruct dev_core_stats *stats = dev->core_stats;\n\n"
       "\tspin_lock(&dev_stats_lock);\n\tstats->rx_nohandler++;\n"
       "\tspin_unlock(&dev_stats_lock);\n}\n"
       "EXPORT_SYMBOL(dev_stats_rx_nohandler);\n")],
                  cepoch=utc(2023, 12, 7, 20, 15))

    master_commit(ctx, "maint-yuki", SAM, utc(2023, 12, 18, 10, 0),
                  "MAINTAINERS: add Yuki Tanaka as kernel lite reviewer", """
Yuki has been reviewing most of the changes to the lite infrastructure
for a while; make it official so that get_maintainer.pl Cc's her.

Signed-off-by: Sam Okafor <sam@example.org>
""", [("MAINTAINERS", "M:\tSam Okafor <sam@example.org>\nL:\tlinux-demo@lists.example.org\n"
       "S:\tSupported\n",
       "M:\tSam Okafor <sam@example.org>\nR:\tYuki Tanaka <yuki@example.jp>\n"
       "L:\tlinux-demo@lists.example.org\nS:\tSupported\n")],
                  cepoch=utc(2023, 12, 19, 14, 30))

    master_commit(ctx, "rc1", MORGAN, utc(2024, 1, 7, 22, 0), "Linux 6.8-rc1", """
Signed-off-by: Morgan Hale <morgan@kernel.example.org>
""", [("Makefile", "PATCHLEVEL = 7\n", "PATCHLEVEL = 8\n"),
      ("Makefile", "EXTRAVERSION =\n", "EXTRAVERSION = -rc1\n")])


def dev_stats_percpu(ctx):
    """The master change that makes the 'conflict' series stop applying."""
    return master_commit(ctx, "percpu", MORGAN, utc(2024, 2, 12, 15, 20),
                         "net: dev_stats: switch to per-cpu counters", """
The global spinlock shows up at the top of the profile with many rx
queues dropping at once. Keep the counters per cpu and sum them when
they are read, like the other core statistics do.

Signed-off-by: Morgan Hale <morgan@kernel.example.org>
""", [("net/core/dev_stats.c",
       "struct dev_core_stats {\n\tunsigned long rx_dropped;\n\tunsigned long tx_dropped;\n"
       "\tunsigned long rx_nohandler;\n};\n\nstatic DEFINE_SPINLOCK(dev_stats_lock);\n",
       "struct dev_core_stats {\n\tlocal_t rx_dropped;\n\tlocal_t tx_dropped;\n"
       "\tlocal_t rx_nohandler;\n};\n"),
      ("net/core/dev_stats.c",
       "\tstruct dev_core_stats *stats = dev->core_stats;\n\n\tspin_lock(&dev_stats_lock);\n"
       "\tstats->rx_dropped++;\n\tspin_unlock(&dev_stats_lock);\n",
       "\tlocal_inc(&this_cpu_ptr(dev->core_stats)->rx_dropped);\n"),
      ("net/core/dev_stats.c",
       "\tstruct dev_core_stats *stats = dev->core_stats;\n\n\tspin_lock(&dev_stats_lock);\n"
       "\tstats->tx_dropped++;\n\tspin_unlock(&dev_stats_lock);\n",
       "\tlocal_inc(&this_cpu_ptr(dev->core_stats)->tx_dropped);\n"),
      ("net/core/dev_stats.c",
       "\tstruct dev_core_stats *stats = dev->core_stats;\n\n\tspin_lock(&dev_stats_lock);\n"
       "\tstats->rx_nohandler++;\n\tspin_unlock(&dev_stats_lock);\n",
       "\tlocal_inc(&this_cpu_ptr(dev->core_stats)->rx_nohandler);\n"),
      ("net/core/dev_stats.c",
       "\tstruct dev_core_stats *stats = dev->core_stats;\n\n\tspin_lock(&dev_stats_lock);\n"
       "\ts->rx_dropped += stats->rx_dropped;\n\ts->tx_dropped += stats->tx_dropped;\n"
       "\ts->rx_nohandler += stats->rx_nohandler;\n\tspin_unlock(&dev_stats_lock);\n",
       "\tint cpu;\n\n\tfor_each_possible_cpu(cpu) {\n"
       "\t\tstruct dev_core_stats *p = per_cpu_ptr(dev->core_stats, cpu);\n\n"
       "\t\ts->rx_dropped += local_read(&p->rx_dropped);\n"
       "\t\ts->tx_dropped += local_read(&p->tx_dropped);\n"
       "\t\ts->rx_nohandler += local_read(&p->rx_nohandler);\n\t}\n")],
                         cepoch=utc(2024, 2, 12, 15, 20))


def merge_pull(ctx, tip, url, tag, summary):
    repo = ctx.repo
    repo.checkout("master")
    when = MORGAN.gitdate(utc(2024, 2, 20, 19, 5))
    msg = ("Merge tag '%s' of %s\n\nPull demo_eth fixes from Jane Doe:\n\n%s\n\n"
           "* tag '%s' of %s:\n%s" % (tag, url, summary[0], tag, url, summary[1]))
    repo.run("merge", "-q", "--no-ff", "--no-log", "-m", msg, tip, env={
        "GIT_AUTHOR_NAME": MORGAN.name, "GIT_AUTHOR_EMAIL": MORGAN.email,
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_NAME": MORGAN.name,
        "GIT_COMMITTER_EMAIL": MORGAN.email, "GIT_COMMITTER_DATE": when})
    ctx.labels["pull-merge"] = repo.head()


def release_rc6(ctx):
    master_commit(ctx, "rc6", MORGAN, utc(2024, 2, 25, 23, 10), "Linux 6.8-rc6", """
Signed-off-by: Morgan Hale <morgan@kernel.example.org>
""", [("Makefile", "EXTRAVERSION = -rc1\n", "EXTRAVERSION = -rc6\n")])


def cherry_pick(ctx, label, commits, epoch):
    ctx.repo.checkout("master")
    ctx.repo.cherry_pick(commits, MORGAN, epoch)
    ctx.labels[label] = ctx.repo.head()

