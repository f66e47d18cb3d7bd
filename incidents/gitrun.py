"""Running git on the archive's folder, for its history and for telling which
of two files changed last. Without git, or outside a checkout, there is no
answer rather than an error: git is a help here, never a requirement."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def run_git(root: Path, *args: str) -> tuple[str, str, int] | None:
    """Run git in `root`: (stdout, stderr, exit status), or None without git."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # the folder's repository, not a hook's
    env["LC_ALL"] = "C"
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, env=env, timeout=600)
    except (OSError, subprocess.SubprocessError):
        return None
    return (done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), done.returncode)
