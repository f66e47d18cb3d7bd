"""Which of two content files changed last, when no earlier build says so.

A name two actor files claim is an error on the file whose change made the
clash (load._claim_order). A build knows what changed since its last good
build; `check`, and a first build, ask git instead: a file with changes not
yet committed (or never committed) is the latest of all, then the later a
file's last commit, the later its change. That is what a contributor's own
checkout has, and what a pull request's check has (the whole history is
fetched). Outside git (a folder copied or unpacked), the later a file was
last modified, to the second: a file added or edited in a copy is newer
than those copied with it; files of one second rank the same, and the
other rules decide."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..gitrun import run_git

UNCOMMITTED = float("inf")


def git_recency(root: Path) -> Callable[[str], float]:
    """How late the file at `rel` (relative to `root`) changed, by git; asked
    only of the files in a clash, so git runs only when there is one."""
    @cache
    def recency(rel: str) -> float:
        log = run_git(root, "log", "-1", "--format=%ct", "--", rel)
        if log is None or log[2] != 0:      # no git, or not a checkout
            try:
                return float(int((root / rel).stat().st_mtime))
            except OSError:
                return 0.0
        if not log[0].strip():
            return UNCOMMITTED              # never committed
        diff = run_git(root, "diff", "--quiet", "HEAD", "--", rel)
        if diff is not None and diff[2] == 1:
            return UNCOMMITTED              # edited since its last commit
        return float(log[0].split()[0])
    return recency
