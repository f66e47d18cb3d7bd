"""Shared fixtures: tiny archives written to disk, and the shipped one copied."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The test modules' assertions, rewritten by pytest, are kept compiled in
# tests/__pycache__ even where PYTHONDONTWRITEBYTECODE is set (as on our
# machines): otherwise each worker rewrote all of them at every run, 4.5 s of
# CPU each. Only this process: the builds the tests start read the package's
# compiled copies, which `dev.py` makes.
sys.dont_write_bytecode = False
# The archive the tests read as "the shipped archive": content/ and site.yaml as
# they were when the tests were written. The repository's own content/ grows by
# pull requests, which must not change what a test expects (a report added would
# fail every test that counts the events); the tests that hold for any content
# read content/ itself (test_content's check of it, the schemas, the YAML bounds).
ARCHIVE = ROOT / "tests" / "fixtures" / "archive"

# The run's temporary folders (tmp_path, tempfile, and the builds, Pagefind and
# Chromium the tests start) go in memory where Linux has a memory file system
# with room: the suite writes and removes some 340,000 files, and on this
# machine's disk (ext4 with discard) that cost 3 of its 9.5 minutes
# (9 min 28 s, then 7 min 17 s in memory; sys CPU 4 min 53 s, then 1 min 41 s).
# A build on the disk is still tested against one in memory (test_filesystems).
DISK_TEMP = Path(tempfile.gettempdir())  # where temporary folders would have gone
MEMORY = Path("/dev/shm")
MEMORY_ROOM = 4 << 30  # the run at its fullest held 0.3 GB there (README); leave the machine the rest


def in_memory_if_room() -> None:
    try:
        room = os.statvfs(MEMORY)
    except OSError:
        return
    if room.f_bavail * room.f_frsize >= MEMORY_ROOM and os.access(MEMORY, os.W_OK):
        os.environ["TMPDIR"] = str(MEMORY)  # for the processes the tests start
        tempfile.tempdir = None  # read again: pytest's own folders follow


in_memory_if_room()

SITE = """\
title: Test Archive
description: A tiny archive for tests.
base_url: https://example.org/archive/
language: en
"""


# The test files that take longest, longest first (--durations, summed per file, on
# a 2-core machine), run before all others: each file runs whole in one of two
# workers, each worker asks for the next file as it is free, so starting with the
# longest ends the two together. test_lists builds the run's 3,000-report site
# (big_site) first; test_readers, which shares it, comes once it is made.
LONGEST_FIRST = ["test_lists", "test_incremental", "test_preview_converges", "test_search", "test_readers",
                 "test_integrity", "test_invalid_fixtures", "test_serve", "test_pages_sound", "test_nothing_lost",
                 "test_mistakes", "test_charts", "test_french", "test_site", "test_cite", "test_hostile"]


def pytest_collection_modifyitems(items) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))  # stable: each file's tests in order


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
    """site.yaml and content/ of the tests' archive (ARCHIVE), copied into `root`."""
    root.mkdir()
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    shutil.copytree(ARCHIVE / "content", root / "content")
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


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` done once per test run into `folder`, however many xdist workers
    ask for it: the first takes a lock and makes it, the others wait and share it. A
    3,000-report build made by each of two workers cost the run a minute of one core."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed half-way left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def build_alone(root: Path, out: Path, base_url: str) -> None:
    """`build.py build` of `root` into `out`, in a process of its own, with none of
    the tests' INCIDENTS_* settings (list pages, shards) that a test may have set:
    the sites built once per run are the same whichever test asks first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCIDENTS_")}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--base-url", base_url], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory) -> Path:
    """The archive this repository ships, both its languages, built once per run with
    its search index for SHIPPED_BASE (https://example.org/archive/): the site is the folder
    returned, and its parent serves it at /archive/ as a host would. Read it, never change it:
    the modules that check the shipped archive's pages share it (each built its own before,
    eight builds of two languages)."""
    return once_per_run(tmp_path_factory, "shipped-www",
                        lambda top: build_alone(ARCHIVE, top / "archive", SHIPPED_BASE)) / "archive"


SAMPLE = 300  # reports in the sample corpus built once per run


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """A 300-report sample corpus built once per run by `build.py`, with its search
    index (one index at this size), for https://example.org/ (the root of its host):
    the site is the folder returned, its content beside it, in
    `sample_build.parent / "content-root"`. Read both, never change them: the
    modules that check pages and search at this size share them."""
    def make(top: Path) -> None:
        from incidents.sample import write_sample

        write_sample(top / "content-root", SAMPLE)
        build_alone(top / "content-root", top / "site", "https://example.org/")
    return once_per_run(tmp_path_factory, "sample", make) / "site"


BIG = 3000  # reports in the big sample corpus


@pytest.fixture(scope="session")
def big_site(tmp_path_factory) -> Path:
    """A 3,000-report sample corpus built once per run, at the root of its host: the
    output folder. Its content is beside it, in `big_site.parent / "content-root"`.
    Read it, never change it: other tests share it. Built without its search index,
    which none of them reads (the index at scale: test_search.py, bench/)."""
    def make(top: Path) -> None:
        from incidents.build import build
        from incidents.sample import write_sample

        write_sample(top / "content-root", BIG)
        with pytest.MonkeyPatch.context() as env:  # the same site whichever test asks first
            for name in [k for k in os.environ if k.startswith("INCIDENTS_")]:
                env.delenv(name)
            build(top / "content-root", top / "site", base_url="http://127.0.0.1/", search=False)
    return once_per_run(tmp_path_factory, "big", make) / "site"


# The clock's doubt, for the tests that wait it out: a file or folder changed
# within cache.RACY_NS (2 s) of a scan may change again without its times moving,
# so it is hashed or listed, not taken at its times. 2 s allows for file systems
# whose clocks tick in seconds; the tests' folders are in memory or on ext4, whose
# times move every few milliseconds, so a tenth of the wait proves the same.
# Twenty-six waits of 2 s were 55 s of the suite's 18 minutes of tests.
SHORT_DOUBT_NS = 300_000_000


@pytest.fixture
def short_clock_doubt(monkeypatch) -> int:
    """cache.RACY_NS made SHORT_DOUBT_NS in every module of the package that holds it,
    for a test that waits for files to be out of its doubt; the wait's length returned (ns)."""
    import incidents.cache

    holders = [m for name, m in list(sys.modules.items())
               if name.split(".")[0] == "incidents" and getattr(m, "RACY_NS", None) == incidents.cache.RACY_NS]
    assert len(holders) >= 2, holders  # the cache, and the output's writer (site.write)
    for module in holders:
        monkeypatch.setattr(module, "RACY_NS", SHORT_DOUBT_NS)
    return SHORT_DOUBT_NS


# Chromium is launched once per worker and lent to each test (browser.Lent): a
# launch costs 3 s of CPU, 4 with Playwright's driver, and the run launched it 23
# times, for a module or a test each. Each test's pages are in contexts of their
# own (no cookie, storage or cache shared), closed when it ends.
_CHROMIUM: dict = {}


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright
    _CHROMIUM.clear()


@pytest.fixture
def browser(_playwright):
    """Chromium, for this test: what it opens is closed at its end."""
    from browser import Lent, launch

    chromium = _CHROMIUM.get("chromium")
    if chromium is None or not chromium.is_connected():  # the first test, or one after a crash
        chromium = _CHROMIUM["chromium"] = launch(_playwright)
    lent = Lent(chromium)
    yield lent
    lent.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any script error or CSP violation."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert problems == []


def git(root: Path, *args: str, date: str = "2025-03-01T10:00:00+00:00") -> str:
    """git in `root` as a fixed author at a fixed time, nothing read from the machine's configuration."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(root), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "A Curator", "GIT_AUTHOR_EMAIL": "curator@example.org", "GIT_AUTHOR_DATE": date,
           "GIT_COMMITTER_NAME": "A Curator", "GIT_COMMITTER_EMAIL": "curator@example.org",
           "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()
