"""A git work tree driven with fixed identities and dates.

Git runs with a private HOME and GIT_CONFIG_NOSYSTEM=1 so that nothing of the
user's configuration (format.*, user.*, signing, hooks) reaches the output,
and every commit gets its author and committer from the environment so that
commit ids are the same on every run.
"""

import os
import subprocess

from .people import Person

# What a git of the time would print; fixed so the running git's version
# never leaks into the mail.
SIGNATURE = "2.43.0"


class GitError(Exception):
    pass


class Repo:
    def __init__(self, path, home):
        self.path = path
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.path.join(home, ".gitconfig"),
            "LC_ALL": "C",
            "TZ": "UTC",
            "GIT_TERMINAL_PROMPT": "0",
        }
        self.set_committer(Person("Demo Builder", "builder@example.invalid", 0), 0)

    def set_committer(self, who, epoch):
        self.env["GIT_COMMITTER_NAME"] = who.name
        self.env["GIT_COMMITTER_EMAIL"] = who.email
        self.env["GIT_COMMITTER_DATE"] = who.gitdate(epoch)

    def run(self, *args, env=None, check=True, cwd=None):
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        proc = subprocess.run(
            ["git", *args], cwd=cwd or self.path, env=full_env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and proc.returncode != 0:
            raise GitError("git %s failed: %s" % (
                " ".join(args), proc.stderr.decode(errors="replace").strip()))
        return proc.stdout.decode("utf-8")

    def init(self):
        os.makedirs(self.path, exist_ok=True)
        self.run("init", "-q", "-b", "master")

    # ------------------------------------------------------------ work tree
    def write(self, rel, content, executable=False):
        full = os.path.join(self.path, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
        os.chmod(full, 0o755 if executable else 0o644)

    def read(self, rel):
        with open(os.path.join(self.path, rel), encoding="utf-8") as f:
            return f.read()

    def edit(self, rel, old, new):
        """Replaces the one occurrence of OLD in REL by NEW."""
        text = self.read(rel)
        n = text.count(old)
        if n != 1:
            raise GitError("edit of %s: anchor found %d times: %r" % (rel, n, old[:60]))
        self.write(rel, text.replace(old, new), os.access(
            os.path.join(self.path, rel), os.X_OK))

    def apply_edits(self, edits):
        for e in edits:
            if len(e) == 2:  # (path, full new content): a new file
                self.write(e[0], e[1])
            else:
                self.edit(*e)

    # ------------------------------------------------------------ history
    def commit(self, author, epoch, message, committer=None, cepoch=None):
        """Commits everything in the work tree; returns the new commit id."""
        self.run("add", "-A")
        committer = committer or author
        env = {
            "GIT_AUTHOR_NAME": author.name,
            "GIT_AUTHOR_EMAIL": author.email,
            "GIT_AUTHOR_DATE": author.gitdate(epoch),
            "GIT_COMMITTER_NAME": committer.name,
            "GIT_COMMITTER_EMAIL": committer.email,
            "GIT_COMMITTER_DATE": committer.gitdate(cepoch if cepoch is not None else epoch),
        }
        proc = subprocess.run(
            ["git", "commit", "-q", "--no-verify", "-F", "-"], cwd=self.path,
            env={**self.env, **env}, input=message.encode("utf-8"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise GitError("git commit failed: " + proc.stderr.decode(errors="replace"))
        return self.head()

    def head(self, rev="HEAD"):
        return self.run("rev-parse", rev).strip()

    def checkout(self, rev, new_branch=None):
        if new_branch:
            self.run("checkout", "-q", "-b", new_branch, rev)
        else:
            self.run("checkout", "-q", rev)

    def cherry_pick(self, commits, committer, epoch):
        for i, c in enumerate(commits):
            self.set_committer(committer, epoch + 60 * i)
            self.run("cherry-pick", "--allow-empty-message", c)

    def format_patch(self, outdir, revrange, *opts):
        """Runs git format-patch into OUTDIR; returns the file texts in order."""
        os.makedirs(outdir, exist_ok=True)
        self.run("format-patch", "-q", "-o", outdir, "--signature", SIGNATURE,
                 "--no-attach", "--no-numbered-files", "--encode-email-headers",
                 *opts, revrange)
        texts = []
        for name in sorted(os.listdir(outdir)):
            with open(os.path.join(outdir, name), encoding="utf-8") as f:
                texts.append((name, f.read()))
        return texts
