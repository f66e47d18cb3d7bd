"""Nothing a user wrote is lost: a build writes only its output folder, and a
build killed half-way leaves the last good site in place."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from sitecheck import tree_digest

from incidents.sample import write_sample
from incidents.site.write import exchange, fallback_steps, recover


def build_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out)]


def test_build_changes_nothing_but_its_output(shipped):
    before = tree_digest(shipped)
    subprocess.run(build_command(shipped, shipped / "output"), check=True, capture_output=True)
    after = {rel: digest for rel, digest in tree_digest(shipped).items()
             if not rel.startswith(("output/", ".output.cache/"))}
    assert after == before
    assert sorted(p.name for p in shipped.iterdir()) == [".output.cache", "content", "output", "site.yaml"]


def test_a_file_put_into_the_output_by_hand_is_said_before_it_goes(shipped):
    """output/NOTES.txt: the next build says it did not make it and where it went
    (with the old site, into the cache's spare copy), and the next that changes
    the site removes it."""
    out = shipped / "output"
    command = build_command(shipped, out) + ["--no-search"]
    subprocess.run(command, check=True, capture_output=True)
    (out / "NOTES.txt").write_text("my notes\n", encoding="utf-8")
    (out / "reports" / "CNAME").write_text("example.org\n", encoding="utf-8")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    twin = shipped / ".output.cache" / "site"
    assert done.stderr.splitlines() == [
        f"warning: {out}/ held 2 files no build made (NOTES.txt, reports/CNAME): the output holds the site alone, "
        f"so they went with the old site to {twin}/, which the next build that changes the site empties; move out "
        "what you need (files to publish go in static/)"]
    assert not (out / "NOTES.txt").exists() and (twin / "NOTES.txt").read_text() == "my notes\n"
    report = next((shipped / "content" / "reports").glob("*.md"))
    report.write_text(report.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    assert done.stderr == "" and not (twin / "NOTES.txt").exists()


def test_an_output_that_lost_its_home_and_404_pages_is_still_the_build_s(shipped, tmp_path):
    """index.html and 404.html removed by hand: the cache beside the folder says a
    build made it, so the next build makes it again (a clean build's bytes);
    a folder of someone else's, without that cache, is still refused."""
    out = shipped / "output"
    command = build_command(shipped, out) + ["--no-search"]
    subprocess.run(command, check=True, capture_output=True)
    (out / "index.html").unlink()
    (out / "404.html").unlink()
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    subprocess.run(build_command(shipped, tmp_path / "clean") + ["--no-search"], check=True, capture_output=True)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine\n", encoding="utf-8")
    done = subprocess.run(build_command(shipped, mine), capture_output=True, text=True)
    assert done.returncode == 2 and "exists and is not a built site" in done.stderr
    (mine / "index.html").write_text("<h1>my page</h1>\n", encoding="utf-8")  # a home page of someone's own
    done = subprocess.run(build_command(shipped, mine), capture_output=True, text=True)
    assert done.returncode == 2 and "exists and is not a built site" in done.stderr
    assert (mine / "index.html").read_text(encoding="utf-8") == "<h1>my page</h1>\n"
    shutil.rmtree(out)  # made again, with someone's files in it: the cache beside it does not make it the build's
    out.mkdir()
    (out / "precious.txt").write_text("mine\n", encoding="utf-8")
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 2 and "exists and is not a built site" in done.stderr
    assert (out / "precious.txt").read_text(encoding="utf-8") == "mine\n"


def test_files_in_the_output_after_the_cache_was_lost_are_said_too(shipped):
    """No record says what the output held: the files of it this build does not
    make (a hand-put file, a page of the past) are named, not lost in silence."""
    out = shipped / "output"
    command = build_command(shipped, out) + ["--no-search"]
    subprocess.run(command, check=True, capture_output=True)
    (out / "NOTES.txt").write_text("my notes\n", encoding="utf-8")
    shutil.rmtree(shipped / ".output.cache")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    twin = shipped / ".output.cache" / "site"
    assert done.stderr.splitlines() == [
        f"warning: {out}/ held 1 file this build does not make (NOTES.txt), and the record of what the last build "
        "made there does not match it (the build cache lost, or a file of it changed by hand): the output holds the "
        f"site alone, so it went with the old site to {twin}/, which the next build that changes the site empties; "
        "move out what you need (files to publish go in static/)"]
    assert (twin / "NOTES.txt").read_text() == "my notes\n"


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


# --- the exchange without renameat2 --------------------------------------------------

def sites(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An output holding the old site, a twin holding the new one, and where the old one goes aside."""
    out, cache = tmp_path / "site", tmp_path / ".site.cache"
    for folder, text in ((out, "old"), (cache / "site", "new")):
        (folder / "reports/r").mkdir(parents=True)
        (folder / "index.html").write_text(text)
        (folder / "reports/r/index.html").write_text(text)
    return out, cache / "site", cache / "swap"


def holds(folder: Path) -> str:
    texts = {(folder / rel).read_text() for rel in ("index.html", "reports/r/index.html")}
    assert len(texts) == 1, f"{folder} holds parts of two sites"
    return texts.pop()


@pytest.mark.parametrize("done", [0, 1, 2, 3])
def test_the_fallback_exchange_cut_off_after_any_rename_leaves_the_old_site_or_the_new(tmp_path, done):
    out, twin, swap = sites(tmp_path)
    for step in fallback_steps(twin, out, swap)[:done]:
        step()
    # killed here: only after the first rename is there no output, for the time of one rename
    assert out.exists() == (done != 1)
    recover(out, twin, swap)  # what the next build does first
    assert holds(out) == ("old" if done < 2 else "new")
    assert holds(twin) == ("new" if done < 2 else "old") and not swap.exists()
    recover(out, twin, swap)  # and again: nothing left to do
    assert holds(out) == ("old" if done < 2 else "new")


def test_the_fallback_exchange_whole(tmp_path):
    out, twin, swap = sites(tmp_path)
    exchange(twin, out, swap, atomic=False)
    assert (holds(out), holds(twin), swap.exists()) == ("new", "old", False)


@pytest.mark.parametrize("done", [1, 2])
def test_a_build_killed_inside_the_fallback_exchange_is_made_whole_by_the_next(shipped, tmp_path, done):
    out = tmp_path / "site"
    subprocess.run(build_command(shipped, out) + ["--no-search"], check=True, capture_output=True)
    old = tree_digest(out)
    report = next((shipped / "content/reports").iterdir())
    report.write_text(report.read_text() + "\nEdited.\n")
    new = tmp_path / "new"
    subprocess.run(build_command(shipped, new) + ["--no-search"], check=True, capture_output=True)
    twin, swap = tmp_path / ".site.cache/site", tmp_path / ".site.cache/swap"
    shutil.rmtree(twin)
    shutil.copytree(new, twin)  # the new site, complete in the twin, as a build leaves it before the exchange
    killed = subprocess.run([sys.executable, "-c", "import os, signal, sys; from pathlib import Path; "
                             "from incidents.site.write import fallback_steps; "
                             f"[step() for step in fallback_steps(*map(Path, sys.argv[1:]))[:{done}]]; "
                             "os.kill(os.getpid(), signal.SIGKILL)", str(twin), str(out), str(swap)], cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    assert (tree_digest(out) if out.exists() else None) == (None if done == 1 else tree_digest(new))
    subprocess.run(build_command(shipped, out) + ["--no-search"], check=True, capture_output=True)
    assert tree_digest(out) == tree_digest(new) != old and not swap.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".new.cache", ".site.cache", "new", "shipped", "site"]


def test_a_build_that_fails_after_one_killed_inside_the_exchange_puts_the_old_site_back(shipped, tmp_path):
    """Killed after the first rename (the site set aside, nothing in its place):
    the next build puts it back first, even one that then fails on a link out
    of the archive, before it reads anything."""
    out = tmp_path / "site"
    subprocess.run(build_command(shipped, out) + ["--no-search"], check=True, capture_output=True)
    old = tree_digest(out)
    swap = tmp_path / ".site.cache/swap"
    fallback_steps(tmp_path / ".site.cache/site", out, swap)[0]()  # killed here
    assert not out.exists()
    (shipped / "static").mkdir(exist_ok=True)
    (shipped / "static/host.txt").symlink_to("/etc/hostname")
    failed = subprocess.run(build_command(shipped, out) + ["--no-search"], capture_output=True, text=True)
    assert failed.returncode == 1 and "nothing was written" in failed.stderr, failed.stderr
    assert tree_digest(out) == old and not swap.exists()


def test_a_build_into_the_preview_s_folder_is_refused(shipped, tmp_path):
    """.serve/ is the preview's: a build there (--out ARCHIVE/.serve, as a
    maintainer might to publish what they see) would replace its pages and
    their cache under a running preview; a folder in it the preview would
    later remove as not its own. Refused, wherever a link puts .serve/ and
    for any archive's, the preview's files kept."""
    from incidents.preview.serve import Preview

    preview = Preview(shipped, port=0, say=lambda text: None)
    preview.start()
    try:
        served = shipped / ".serve"
        before = tree_digest(served)
        for out in (served, shipped / "content" / ".." / ".serve"):
            done = subprocess.run(build_command(shipped, out), capture_output=True, text=True)
            assert (done.returncode, done.stderr) == (2, f"error: --out: {served.resolve()}: is the preview's folder "
                                                         "(`serve` writes it): choose a folder of its own, such as "
                                                         "output/ in the archive (the default)\n")
        assert tree_digest(served) == before and not (shipped / ".serve.cache").exists()
        done = subprocess.run(build_command(shipped, served / "sub"), capture_output=True, text=True)
        assert done.returncode == 2 and done.stderr == (
            f"error: --out: {(served / 'sub').resolve()}: is inside the preview's folder {served.resolve()} (`serve` "
            "writes it): choose a folder of its own, such as output/ in the archive (the default)\n")
        other = tmp_path / "other"  # another archive's preview folder, built into from this one
        shutil.copytree(shipped, other, ignore=shutil.ignore_patterns(".serve*"))
        (other / ".serve").mkdir()
        done = subprocess.run(build_command(shipped, other / ".serve"), capture_output=True, text=True)
        assert done.returncode == 2 and "is the preview's folder" in done.stderr
    finally:
        preview.stop()
    linked = tmp_path / "elsewhere"  # the archive's .serve/ a link to a folder elsewhere: the preview builds there
    shutil.rmtree(served)
    linked.mkdir()
    served.symlink_to(linked)
    done = subprocess.run(build_command(shipped, served), capture_output=True, text=True)
    assert done.returncode == 2 and f"{linked}: is the preview's folder" in done.stderr, done.stderr
    assert list(linked.iterdir()) == []
