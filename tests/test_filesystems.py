"""The same archive gives the same bytes on every file system, search index
included. tmpfs lists a folder newest first, ext4 by a hash of the names
seeded per file system: Pagefind run over a folder indexed pages in that
order, and 131 of its files differed between the two (pagefindservice.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ARCHIVE, DISK_TEMP, MEMORY, ROOT, git
from sitecheck import tree_digest

TMPFS = MEMORY  # Linux's memory file system, there on every Linux machine


@pytest.fixture
def in_memory() -> Iterator[Path]:
    if not TMPFS.is_dir() or not os.access(TMPFS, os.W_OK):
        pytest.fail(f"{TMPFS} is missing or not writable: this test needs a memory file system (tmpfs) there "
                    "to compare a build on it with one on the disk", pytrace=False)
    folder = Path(tempfile.mkdtemp(prefix="incidents-", dir=TMPFS))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def on_disk(tmp_path: Path, in_memory: Path) -> Path:
    """A folder on another file system than `in_memory`: the temporary folder (the
    system's, when the run's are in memory: conftest.py), else beside the repository."""
    for where in (tmp_path, DISK_TEMP):
        if os.stat(where).st_dev != os.stat(in_memory).st_dev:
            return Path(tempfile.mkdtemp(prefix="incidents-", dir=where))
    return Path(tempfile.mkdtemp(prefix=".filesystems-", dir=ROOT))


def listing_order(folder: Path) -> list[str]:
    """The order in which `folder`'s file system lists 64 files made in order."""
    folder.mkdir()
    for i in range(64):
        (folder / f"{i:02d}").touch()
    return os.listdir(folder)


def built(where: Path, shards: str) -> dict[str, str]:
    root = where / "archive"
    root.mkdir()
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    shutil.copytree(ARCHIVE / "content", root / "content")
    # a repository of its own: beside this one, the archive would be in its work tree (not yet committed)
    git(root, "init", "-q")
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out",
                           str(where / "out")], capture_output=True, text=True,
                          env={**os.environ, "INCIDENTS_SHARD_PAGES": shards})
    assert done.returncode == 0, done.stdout + done.stderr
    return tree_digest(where / "out")


@pytest.mark.parametrize("shards", ["1000", "4"], ids=["one-index", "shards-of-4-pages"])
def test_the_same_archive_gives_the_same_bytes_in_memory_and_on_disk(in_memory: Path, on_disk: Path, shards: str):
    try:
        assert listing_order(in_memory / "order") != listing_order(on_disk / "order"), (
            "both file systems list a folder in the same order: this test would prove nothing")
        memory, disk = built(in_memory, shards), built(on_disk, shards)
    finally:
        shutil.rmtree(on_disk, ignore_errors=True)
    assert any(rel.startswith("pagefind/") and rel.endswith(".pf_index") for rel in memory)
    assert sorted(memory) == sorted(disk)
    assert [rel for rel in memory if memory[rel] != disk[rel]] == []
