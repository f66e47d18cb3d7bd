"""Shared fixtures: tiny archives written to disk, and the shipped one copied."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SITE = """\
title: Test Archive
description: A tiny archive for tests.
base_url: https://example.org/archive/
language: en
"""


def report(event: str = "2025-02-test-event", **fields: str) -> str:
    """A valid report's text; keyword arguments replace or add front matter lines."""
    lines = {
        "title": "Test report",
        "event": event,
        "date": "2025-02-17",
        "location": "Gao",
        "source": f"{{publisher: Test Wire, url: 'https://example.org/{event}'}}",
    }
    lines.update(fields)
    front = "\n".join(f"{key}: {value}" for key, value in lines.items() if value is not None)
    return f"---\n{front}\n---\nBody text.\n"


def write_site(root: Path, files: dict[str, str], site: str | None = SITE) -> Path:
    """Write an archive: `files` maps paths under root to their text."""
    root.mkdir(parents=True, exist_ok=True)
    if site is not None:
        (root / "site.yaml").write_text(site, encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path):
    """make_site({"content/reports/x.md": "..."}) → the archive's root folder."""

    def make(files: dict[str, str], site: str | None = SITE) -> Path:
        return write_site(tmp_path / "site", files, site)

    return make


@pytest.fixture
def shipped(tmp_path) -> Path:
    """A copy of the archive this repository ships, to change freely."""
    return copy_shipped(tmp_path / "shipped")


@pytest.fixture
def shipped_english(tmp_path) -> Path:
    """A copy of the shipped archive in English only (copy_shipped_english), to change freely."""
    return copy_shipped_english(tmp_path / "shipped")


def copy_shipped(root: Path) -> Path:
    """site.yaml and content/ of this repository, copied into `root`."""
    root.mkdir()
    shutil.copy(ROOT / "site.yaml", root / "site.yaml")
    shutil.copytree(ROOT / "content", root / "content")
    return root


def copy_shipped_english(root: Path) -> Path:
    """copy_shipped, with the site in English only: for tests of what one language does
    (each language's pages are built and indexed apart, so a second one only costs time)."""
    copy_shipped(root)
    site = root / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "languages: [en, fr]" in text
    site.write_text(text.replace("languages: [en, fr]", "languages: [en]"), encoding="utf-8")
    return root


SHIPPED_BASE = "https://example.org/archive/"


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory) -> Path:
    """The archive this repository ships, both its languages, built once per session with
    its search index for SHIPPED_BASE (https://example.org/archive/): the site is the folder
    returned, and its parent serves it at /archive/ as a host would. Read it, never change it:
    the modules that check the shipped archive's pages share it (each built its own before,
    eight builds of two languages). Built by `build.py` in a process of its own, with none of
    the tests' INCIDENTS_* settings (list pages, shards) that a test may have set."""
    out = tmp_path_factory.mktemp("shipped-www") / "archive"
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCIDENTS_")}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(ROOT), "build", "--out", str(out),
                           "--base-url", SHIPPED_BASE], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


BIG = 3000  # reports in the big sample corpus


@pytest.fixture(scope="session")
def big_site(tmp_path_factory) -> Path:
    """A 3,000-report sample corpus built once per session (search index included),
    at the root of its host: the output folder. Its content is beside it, in
    `big_site.parent / "content-root"`. Read it, never change it: other tests share it."""
    from incidents.build import build
    from incidents.sample import write_sample

    top = tmp_path_factory.mktemp("big")
    root = top / "content-root"
    write_sample(root, BIG)
    out = top / "site"
    build(root, out, base_url="http://127.0.0.1/")
    return out


def git(root: Path, *args: str, date: str = "2025-03-01T10:00:00+00:00") -> str:
    """git in `root` as a fixed author at a fixed time, nothing read from the machine's configuration."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(root), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "A Curator", "GIT_AUTHOR_EMAIL": "curator@example.org", "GIT_AUTHOR_DATE": date,
           "GIT_COMMITTER_NAME": "A Curator", "GIT_COMMITTER_EMAIL": "curator@example.org",
           "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()
