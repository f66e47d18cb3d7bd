"""Bad content gets a clear error and nothing else. Each folder under
fixtures/invalid/ is an archive with one mistake and its expected.txt: the
exact `path:line: field: message` lines `build` must print, and no others
(one mistake, one error: never one against a file nobody touched). Every one
exits 1, prints no traceback, and leaves the previous output as it was."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SITE, report
from sitecheck import tree_digest

from incidents.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    """A last good site, to be left untouched by every failed build."""
    out = tmp_path_factory.mktemp("good") / "site"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--no-search", "--out", str(out)], check=True,
                   capture_output=True)
    return out


def failed_build(root: Path, good_site: Path, tmp_path: Path, alone: bool = True) -> list[str]:
    """`build.py build` of `root` over a copy of the last good site: what it printed.
    `alone`: in a process of its own; otherwise its `main` in this one, the same code
    without the half second of a Python's start (the fixtures below: 83 builds)."""
    out = tmp_path / "out"
    shutil.copytree(good_site, out)
    before = tree_digest(out)
    argv = ["--root", str(root), "build", "--no-search", "--out", str(out)]
    if alone:
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), *argv], capture_output=True, text=True)
        code, printed, errors = done.returncode, done.stdout, done.stderr
    else:
        with contextlib.redirect_stdout(io.StringIO()) as stdout, contextlib.redirect_stderr(io.StringIO()) as stderr:
            code = main(argv)  # an exception would fail the test with its traceback
        printed, errors = stdout.getvalue(), stderr.getvalue()
    assert code == 1, printed + errors
    assert "Traceback" not in errors
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.cache", "archive", "out"]  # and the build's cache
    return (printed + errors).splitlines()


@pytest.mark.parametrize("case", CASES)
def test_invalid_fixture_gives_its_message(case, good_site, tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(FIXTURES / case, root, ignore=shutil.ignore_patterns("expected.txt", "NO-SITE"))
    for path in root.rglob("*"):  # one time for all: outside git a clash is on the file modified last
        os.utime(path, (1_700_000_000, 1_700_000_000), follow_symlinks=False)
    if not (root / "site.yaml").exists() and not (FIXTURES / case / "NO-SITE").exists():
        (root / "site.yaml").write_text(SITE)
    expected = (FIXTURES / case / "expected.txt").read_text().splitlines()
    printed = failed_build(root, good_site, tmp_path, alone=False)
    problems = [line for line in printed if not SUMMARY.fullmatch(line)]
    assert problems == expected


SUMMARY = re.compile(r"\d+ problems?; nothing was written\.")


def test_a_file_that_is_not_utf8(good_site, tmp_path):
    root = tmp_path / "archive"
    (root / "content/reports").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE)
    (root / "content/reports/r.md").write_bytes(report().encode() + "caf\xe9\n".encode("latin-1"))
    assert "content/reports/r.md:9: is not UTF-8 text (byte 0xe9); save it as UTF-8" in failed_build(
        root, good_site, tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("title", ["Test report", "مقتل مدنيين في موبتي وفق شهود عيان من القرية", "测试报告😀😀😀"])
def test_a_file_saved_as_utf16_is_said_to_be_so_once(good_site, tmp_path, encoding, title):
    """Saved by an editor as "Unicode": with its mark (FF FE) it was "not UTF-8
    (byte 0xff)"; without it, a U+0000 on every line of the file (or, with a
    title in Arabic or Chinese, "not UTF-8 (byte 0x9a)")."""
    root = tmp_path / "archive"
    (root / "content/reports").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE)
    (root / "content/reports/r.md").write_bytes(report(title=f'"{title}"').encode(encoding))
    assert failed_build(root, good_site, tmp_path, alone=False) == [
        'content/reports/r.md:1: is UTF-16 text, not UTF-8 (as an editor\'s "Unicode" or "UTF-16" saves it): save '
        "it again with the encoding UTF-8", "1 problem; nothing was written."]


def test_a_10_mb_body(good_site, tmp_path):
    root = tmp_path / "archive"
    (root / "content/reports").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE)
    (root / "content/reports/r.md").write_text(report() + ("word " * 2_000_000))
    assert ("content/reports/r.md:1: the file is 9.5 MB; the limit is 2 MB: keep a report to the text of its "
            "article") in failed_build(root, good_site, tmp_path)

    shutil.rmtree(tmp_path / "out")
    (root / "content/reports/r.md").write_text(report() + "a" * (2 * 1024 * 1024))  # just over: said in bytes
    size = (root / "content/reports/r.md").stat().st_size
    assert (f"content/reports/r.md:1: the file is {size:,} bytes, {size - 2 * 1024 * 1024:,} more than 2,097,152; "
            "the limit is 2 MB: keep a report to the text of its article") in failed_build(root, good_site, tmp_path)
