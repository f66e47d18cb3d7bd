"""Where the team's shared folder is: make_corpus.py.

It sits beside the project (../shared); a clone made elsewhere finds it by
INCIDENTS_SHARED, or at /work/shared where the team's machines keep it."""

from __future__ import annotations

import os
from pathlib import Path

HOME = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    candidates = [Path(os.environ["INCIDENTS_SHARED"])] if os.environ.get("INCIDENTS_SHARED") else []
    candidates += [HOME.parent / "shared", Path("/work/shared")]
    for folder in candidates:
        if (folder / "bench" / "make_corpus.py").is_file():
            return folder
    return candidates[0]


SHARED = shared_dir()
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
