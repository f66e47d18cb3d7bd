"""Nothing a user wrote is lost: a build writes only its output folder, and a
build killed half-way leaves the last good site in place."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT
from sitecheck import tree_digest

from incidents.sample import write_sample


def build_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out)]


def test_build_changes_nothing_but_its_output(shipped):
    before = tree_digest(shipped)
    subprocess.run(build_command(shipped, shipped / "output"), check=True, capture_output=True)
    after = {rel: digest for rel, digest in tree_digest(shipped).items()
             if not rel.startswith(("output/", ".output.cache/"))}
    assert after == before
    assert sorted(p.name for p in shipped.iterdir()) == [".output.cache", "content", "output", "site.yaml"]


def test_a_build_killed_half_way_leaves_the_last_good_site(tmp_path):
    corpus = tmp_path / "corpus"
    write_sample(corpus, 400)
    out = tmp_path / "site"
    subprocess.run(build_command(corpus, out) + ["--no-search"], check=True, capture_output=True)
    before = tree_digest(out)
    first = corpus / "content/reports" / sorted(os.listdir(corpus / "content/reports"))[0]
    first.write_text(first.read_text() + "\nEdited.\n")
    (corpus / "templates").mkdir()  # a template change: every page is rendered again
    (corpus / "templates/404.html").write_text((ROOT / "templates/404.html").read_text() + "\n")
    victim = subprocess.Popen(build_command(corpus, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    half_written = tmp_path / ".site.cache" / "site"  # the twin the new site is written into
    page = f"reports/{first.stem}/index.html"  # the edited report's page
    linked = (out / page).stat().st_ino  # the twin starts as links to the site's files

    def writing() -> bool:  # the build has replaced the twin's copy of the edited page
        try:
            return (half_written / page).stat().st_ino != linked
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 60
    while not writing() and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert victim.poll() is None, "the build finished before it could be interrupted"
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert tree_digest(out) == before
    assert half_written.exists()  # what the killed build left, in the cache beside the site
    subprocess.run(build_command(corpus, out) + ["--no-search"], check=True, capture_output=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.cache", "corpus", "site"]
    clean = tmp_path / "clean"
    subprocess.run(build_command(corpus, clean) + ["--no-search"], check=True, capture_output=True)
    assert tree_digest(out) == tree_digest(clean) != before  # the next build is whole, as if none was killed
