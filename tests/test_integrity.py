"""The output is always what a clean build gives, whatever happened to the
build cache and the twin folder beside it: files touched, cut short, filled
with garbage, deleted, the cache copied back without its times, its database
damaged or another program's. A damaged cache is thrown away with one line
of warning, never a failed build; a deleted report never comes back."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ARCHIVE, ROOT
from sitecheck import tree_digest

from incidents.build import build
import incidents.cache
from incidents.cache import Stamp, Store, code_key, digest
from incidents.sample import write_sample
from incidents.parallel import Later
from incidents.site import write
from incidents.site.write import Output

# Its tests wait out the clock's doubt (conftest.short_clock_doubt) in a tenth of the time.
pytestmark = pytest.mark.usefixtures("short_clock_doubt")

GONE = "reports/a-report-deleted-later/index.html"


def archive(folder: Path) -> Path:
    root = folder / "archive"
    shutil.copytree(ARCHIVE / "content", root / "content")
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    return root


def add_report(root: Path) -> Path:
    path = root / "content/reports/a-report-deleted-later.md"
    path.write_text((root / "content/reports/moura-killings-humangle.md").read_text().replace(
        "title:", "title: Later", 1).replace("source:\n", "source:\n  url: https://example.org/later\n", 1))
    return path


def edit_another(root: Path) -> None:
    path = root / "content/reports/aslagh-killings-humangle.md"
    path.write_text(path.read_text() + "\nOne more sentence.\n")


@pytest.fixture(scope="module")
def clean_tree(tmp_path_factory) -> dict[str, str]:
    """What a clean build of the final content gives."""
    top = tmp_path_factory.mktemp("clean")
    root = archive(top)
    edit_another(root)
    build(root, top / "site")
    return tree_digest(top / "site")


def twin_files(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "site").rglob("*") if p.is_file())


def out_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())


def some(files: list[Path]) -> list[Path]:
    """A spread of files: pages, the search index, the data, the deleted report's page."""
    return list(dict.fromkeys(files[::7] + [p for p in files if p.as_posix().endswith(GONE)]))


def copy_without_times(folder: Path) -> None:
    """As `cp -r` or a cache restored by a tool that keeps no times would leave it."""
    copy = folder.with_name(folder.name + ".copy")
    shutil.copytree(folder, copy, copy_function=shutil.copyfile)
    shutil.rmtree(folder)
    copy.rename(folder)


def restored_from_tar(*folders: Path) -> None:
    """Saved in a tar file and extracted again, as actions/cache does between two
    runs of the Pages workflow: the times come back to the microsecond at best."""
    saved = folders[0].parent / "saved.tar"
    with tarfile.open(saved, "w") as tar:
        for folder in folders:
            tar.add(folder, arcname=folder.name)
    for folder in folders:
        shutil.rmtree(folder)
    with tarfile.open(saved) as tar:
        tar.extractall(folders[0].parent, filter="tar")
    saved.unlink()


def garbage_inside(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(min(4096, size // 2))
        f.write(os.urandom(64 * 1024))


def corrupt_pickles(cache: Path) -> None:
    db = sqlite3.connect(cache / "state.sqlite")
    db.execute("UPDATE parsed SET item = ?", (b"\x80\x05garbage that is no pickle",))
    db.commit()
    db.close()


def changed_in_database(cache: Path, table: str, column: str, old: bytes, new: bytes) -> None:
    """Bytes of the cache's rows changed where they are (a bad sector, a tool): each
    row still reads as what it was (a pickle, a line), with other words in it."""
    db = sqlite3.connect(cache / "state.sqlite")
    rows = db.execute(f"SELECT rowid, {column} FROM {table}").fetchall()
    changed = [(value.replace(old, new) if isinstance(value, bytes) else value.replace(old.decode(), new.decode()),
                rowid) for rowid, value in rows if old in (value if isinstance(value, bytes) else value.encode())]
    assert changed
    db.executemany(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", changed)
    db.commit()
    db.close()


def swapped_in_database(cache: Path, table: str, column: str, where: str) -> None:
    """Two rows' values swapped (a tool, a hand): each still as written, for another row."""
    db = sqlite3.connect(cache / "state.sqlite")
    (a, x), (b, y) = db.execute(f"SELECT rowid, {column} FROM {table} WHERE {where} ORDER BY rowid LIMIT 2").fetchall()
    db.executemany(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [(y, a), (x, b)])
    db.commit()
    db.close()


def in_database(cache: Path, statement: str) -> None:
    db = sqlite3.connect(cache / "state.sqlite")
    db.execute(statement)
    db.commit()
    db.close()


def foreign_database(cache: Path) -> None:
    (cache / "state.sqlite").unlink()
    db = sqlite3.connect(cache / "state.sqlite")
    db.execute("CREATE TABLE records (something TEXT)")
    db.execute("CREATE TABLE parsed (a, b)")
    db.commit()
    db.close()


def changed_in_place(path: Path) -> None:
    """A byte of `path` made one no UTF-8 text has, its size and time as they were
    (the twin shares the file: both change)."""
    was = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] = 0xDF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))


def rewritten_by_a_tool(path: Path) -> None:
    """As `sed -i` then `touch -r` leave it: a new file of the same size in its place,
    its old time put back. Only its inode tells it from the file a build wrote."""
    was = path.stat()
    data = path.read_bytes().replace(b"<title>", b"<title>X", 1).replace(b"</title>", b"</title", 1)
    assert len(data) == was.st_size and data != path.read_bytes()
    new = path.with_name(path.name + ".sed")
    new.write_bytes(data)
    new.rename(path)
    os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))


def folder_for_file(cache: Path) -> None:
    page = next(p for p in twin_files(cache) if p.as_posix().endswith(GONE))
    page.unlink()
    (page / "index.html").mkdir(parents=True)
    (cache / "site/reports/moura-killings-humangle").rename(cache / "site/moved-away")
    (cache / "site/reports/moura-killings-humangle").write_text("a file where a folder was")


FOLDER = "reports/moura-killings-humangle"


def linked_to_output(cache: Path, out: Path, rel: str) -> None:
    """The twin's `rel` replaced by a link to the output's: a build must not write through it."""
    twin = cache / "site" / rel
    shutil.rmtree(twin) if twin.is_dir() else twin.unlink()
    twin.symlink_to(out / rel)


DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "twin touched": lambda cache, out: [os.utime(p) for p in twin_files(cache)],
    "twin cut short": lambda cache, out: [os.truncate(p, p.stat().st_size // 2) for p in some(twin_files(cache))],
    "twin filled with garbage": lambda cache, out: [p.write_bytes(os.urandom(100)) for p in some(twin_files(cache))],
    "twin files deleted": lambda cache, out: [p.unlink() for p in some(twin_files(cache))],
    "twin deleted": lambda cache, out: shutil.rmtree(cache / "site"),
    "twin: a folder where a file was and the other way round": lambda cache, out: folder_for_file(cache),
    "cache copied without times": lambda cache, out: copy_without_times(cache),
    "cache and output copied without times": lambda cache, out: (copy_without_times(cache),
                                                                 copy_without_times(out)),
    "cache and output restored from a tar file": lambda cache, out: restored_from_tar(cache, out),
    "garbage inside the database": lambda cache, out: garbage_inside(cache / "state.sqlite"),
    "parsed files that do not unpickle": lambda cache, out: corrupt_pickles(cache),
    "data file lines that are not text": lambda cache, out: in_database(cache, "UPDATE lines SET line = x'00ff'"),
    "data file lines lost": lambda cache, out: in_database(cache, "DELETE FROM lines WHERE rowid % 2 = 0"),
    "a parsed file's words changed": lambda cache, out: changed_in_database(cache, "parsed", "item", b"Moura", b"MOURA"),
    "a data file line's words changed": lambda cache, out: changed_in_database(cache, "lines", "line", b"Moura",
                                                                              b"MOURA"),
    "two parsed files' rows swapped": lambda cache, out: swapped_in_database(
        cache, "parsed", "item", "rel LIKE 'content/reports/%'"),
    "two data file lines swapped": lambda cache, out: swapped_in_database(cache, "lines", "line", "kind = 'events.csv'"),
    "the record of the index's pages changed": lambda cache, out: changed_in_database(
        cache, "records", "value", b"reports/moura-killings-humangle/index.html",
        b"reports/moura-killings-humangle/index.htmL"),
    "another program's database": lambda cache, out: foreign_database(cache),
    "the database a folder": lambda cache, out: ((cache / "state.sqlite").unlink(),
                                                 (cache / "state.sqlite").mkdir()),
    "the compiled templates' folder a file": lambda cache, out: (shutil.rmtree(cache / "templates"),
                                                                (cache / "templates").write_text("x")),
    "the lock a folder": lambda cache, out: ((cache / "lock").unlink(), (cache / "lock").mkdir()),
    "the cache a file": lambda cache, out: (shutil.rmtree(cache), cache.write_text("x")),
    "a file put in the output by hand": lambda cache, out: (out / "reports/stray.html").write_text("stray"),
    "output files cut short": lambda cache, out: [os.truncate(p, p.stat().st_size // 2) for p in some(out_files(out))],
    "output files deleted": lambda cache, out: [p.unlink() for p in some(out_files(out))],
    "an output page changed in place, its time put back, no longer UTF-8": lambda cache, out: changed_in_place(
        out / "reports/moura-killings-humangle/index.html"),
    "a twin page rewritten by a tool, its size and time put back": lambda cache, out: rewritten_by_a_tool(
        cache / "site/reports/moura-killings-humangle/index.html"),
    "an output page rewritten by a tool, its size and time put back": lambda cache, out: rewritten_by_a_tool(
        out / "reports/moura-killings-humangle/index.html"),
    "the cache deleted": lambda cache, out: shutil.rmtree(cache),
    "a folder of the twin a link to the output's": lambda cache, out: linked_to_output(cache, out, FOLDER),
    "a file of the twin a link to the output's": lambda cache, out: linked_to_output(cache, out, f"{FOLDER}/index.html"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_after_any_damage_the_next_build_is_a_clean_build(damage, tmp_path, clean_tree):
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    report = add_report(root)
    build(root, out)
    report.unlink()
    build(root, out)  # the deleted report's page is in the twin now: the output of the build before
    assert (cache / "site" / GONE).exists() and not (out / GONE).exists()
    DAMAGE[damage](cache, out)
    edit_another(root)
    build(root, out)
    assert tree_digest(out) == clean_tree
    build(root, out)  # and the build after it: nothing comes back from the twin
    assert tree_digest(out) == clean_tree
    edit_another(root)
    build(root, out)
    assert not (out / GONE).exists()


# Damage to the files the records speak of, found by checks made in a process of
# their own (write.Output: for sites of CHECK_APART files or more).
APART = ["twin touched", "twin cut short", "twin files deleted", "twin deleted", "output files cut short",
         "output files deleted", "cache and output restored from a tar file",
         "a file of the twin a link to the output's", "a twin page rewritten by a tool, its size and time put back"]


@pytest.mark.parametrize("damage", APART)
def test_after_damage_found_by_checks_made_apart_the_next_build_is_a_clean_build(damage, tmp_path, clean_tree,
                                                                                 monkeypatch):
    monkeypatch.setattr(write, "CHECK_APART", 0)
    forked = []
    monkeypatch.setattr(write, "Later", lambda funcs, fork: forked.append(fork) or Later(funcs, fork))
    test_after_any_damage_the_next_build_is_a_clean_build(damage, tmp_path, clean_tree)
    assert forked and all(forked)


@pytest.mark.parametrize("damage", ["garbage inside the database", "parsed files that do not unpickle",
                                    "data file lines that are not text", "another program's database", "the database a folder",
                                    "the compiled templates' folder a file", "a parsed file's words changed",
                                    "a data file line's words changed", "the record of the index's pages changed"])
def test_a_damaged_cache_is_thrown_away_with_one_line(damage, tmp_path, clean_tree):
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    build(root, out)
    DAMAGE[damage](cache, out)
    edit_another(root)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    warned = [line for line in done.stderr.splitlines() if "cache" in line]
    assert len(warned) == 1 and warned[0].startswith("warning: the build cache was damaged"), done.stderr
    assert tree_digest(out) == clean_tree
    again = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out)],
                           capture_output=True, text=True)
    assert again.returncode == 0 and "cache" not in again.stderr, again.stderr  # a sound cache again
    assert tree_digest(out) == clean_tree


def test_a_cache_emptied_to_no_bytes_is_said_as_why_every_page_is_made_again(tmp_path, clean_tree):
    """SQLite reads a file of no bytes as an empty cache: the build after it made
    every page with no word of why (a helper's review)."""
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    build(root, out)
    (cache / "state.sqlite").write_bytes(b"")
    edit_another(root)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"every page made again: the build cache was empty ({cache / 'state.sqlite'} was 0 bytes long)" in \
        done.stdout.splitlines()
    assert tree_digest(out) == clean_tree


def test_a_cache_another_program_holds_is_said_held_and_kept_not_thrown_away(tmp_path, clean_tree):
    """An sqlite3 shell holding the cache's database was said "damaged", and the
    cache thrown away: the next build made every page (a helper's review). It is
    said held, the build fails with the last site intact, and once the other
    program lets go the cache serves again."""
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    build(root, out)
    before = tree_digest(out)
    edit_another(root)
    holder = sqlite3.connect(cache / "state.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out",
                               str(out)], capture_output=True, text=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"error: {cache / 'state.sqlite'}: the build cache is held by another program (database is locked): close "
        f"it (an sqlite3 shell, a backup or sync tool) and build again; the last site in {out} is intact"]
    assert tree_digest(out) == before
    again = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out)],
                           capture_output=True, text=True)
    assert again.returncode == 0 and "cache" not in again.stderr and "parsed 1 file" in again.stdout, again.stdout
    assert tree_digest(out) == clean_tree


@pytest.mark.parametrize("shape, said", [("file", "was a file, where the build keeps its cache: it was removed"),
                                         ("lock", "was a folder, where the build keeps its lock: it was removed")])
def test_a_file_where_the_cache_goes_or_a_folder_where_its_lock_goes_is_taken_away_and_said(tmp_path, shape, said):
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    build(root, out, search=False)
    if shape == "file":
        shutil.rmtree(cache)
        cache.write_text("x")
    else:
        (cache / "lock").unlink()
        (cache / "lock").mkdir()
    edit_another(root)
    result = build(root, out, search=False)
    assert len(result.notes) == 1 and said in result.notes[0], result.notes
    assert not build(root, out, search=False).notes


def test_an_older_copy_of_the_twin_put_back_brings_no_deleted_page_back(tmp_path):
    """A copy keeps the folders' times the record vouched for (taken before the build
    that removed a page from them) and what was in them: a recorded file of other
    bytes says the twin is not what the record speaks of, and all of it is listed."""
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    gone = add_report(root)
    for step in ("first", "backup", "deleted", "edited", "put back"):
        if step == "backup":
            shutil.copytree(cache / "site", tmp_path / "backup", symlinks=True)  # times kept
            continue
        if step == "deleted":
            gone.unlink()
        if step == "edited":
            edit_another(root)
        if step == "put back":
            shutil.rmtree(cache / "site")
            shutil.copytree(tmp_path / "backup", cache / "site", symlinks=True)
            edit_another(root)
        build(root, out, search=False)
        time.sleep(incidents.cache.RACY_NS / 1e9 + 0.1)  # the folders' times old enough to vouch for what they hold
    assert not (out / GONE).exists()
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


@pytest.mark.parametrize("damage", [lambda data: data[:15], lambda data: data[:15] + b"garbage" * 9,
                                    lambda data: data.replace(b"according to this report", b"according to this rEport")])
def test_compiled_templates_cut_short_or_garbled_are_compiled_again(damage, tmp_path, clean_tree):
    """Jinja2's files of compiled templates, in the cache: unpickled, they raised
    EOFError or ValueError at every build until the cache was removed by hand;
    one whose words changed still loaded, and was built into every page."""
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out)]
    subprocess.run(command, capture_output=True, check=True)  # a process of its own: it compiles, and keeps
    compiled = sorted((cache / "templates").glob("*.cache"))
    assert compiled
    for path in compiled:
        path.write_bytes(damage(path.read_bytes()))
    edit_another(root)
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert tree_digest(out) == clean_tree


def test_a_file_put_in_the_output_by_hand_is_no_unchanged_build(tmp_path, clean_tree):
    root, out = archive(tmp_path), tmp_path / "site"
    edit_another(root)
    for path in root.rglob("*.md"):  # older than a clock tick, so that an unchanged file is trusted by its time
        os.utime(path, ns=(path.stat().st_mtime_ns - 10**10,) * 2)
    build(root, out)
    (out / "stray.html").write_text("stray")
    assert not build(root, out).unchanged
    assert tree_digest(out) == clean_tree
    assert build(root, out).unchanged


def test_a_cache_restored_from_a_tar_file_in_a_fresh_checkout_renders_only_what_changed(tmp_path, clean_tree):
    # The Pages workflow: a new checkout (every content file a new time) and the
    # last run's cache and output restored by actions/cache.
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    first = build(root, out)
    restored_from_tar(cache, out)
    for path in root.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes())
    edit_another(root)
    again = build(root, out)
    assert tree_digest(out) == clean_tree
    assert again.parsed == 1 and again.rendered < first.rendered / 2, (again.rendered, first.rendered)


# --- a twin whose folders' times vouch for what they hold ------------------------------
# A build lists only the twin's folders whose time or inode moved since a build
# recorded them holding just the files it knew of; these cases damage such a twin.

def a_while_later() -> None:
    """Past the time within which a folder's times cannot vouch for it (a change in
    the same clock tick might not move them), as for a site built a while ago. A
    wait, not times put back: a folder's change time cannot be put back."""
    time.sleep(incidents.cache.RACY_NS / 1e9 + 0.2)


def vouched_twin(root: Path, out: Path, cache: Path) -> None:
    """Three builds: a report added, deleted, another edited. The twin is then the
    site of the second, which its third recorded as it found it, a while later."""
    report = add_report(root)
    build(root, out)
    a_while_later()
    report.unlink()
    build(root, out)  # lists the whole twin (nothing recorded), records the folders it did not touch
    edit_another(root)
    build(root, out)  # the twin is the second build's site again


def put_back_the_deleted_page(cache: Path, out: Path) -> None:
    (cache / "site" / GONE).parent.mkdir()
    (cache / "site" / GONE).write_text("a deleted report")


def replaced_under_its_name(cache: Path, out: Path) -> None:
    page = cache / "site/reports/moura-killings-humangle/index.html"
    page.unlink()
    page.write_text("another file of the same name")


def restored_by_gnu_tar(cache: Path, out: Path) -> None:
    """As actions/cache saves and restores them (`tar --posix`): every time to the nanosecond, new inodes."""
    saved = cache.parent / "saved.tar"
    subprocess.run(["tar", "--posix", "-cf", saved, "-C", cache.parent, cache.name, out.name], check=True)
    shutil.rmtree(cache)
    shutil.rmtree(out)
    subprocess.run(["tar", "-xf", saved, "-C", cache.parent], check=True)
    saved.unlink()


def swapped(cache: Path, out: Path) -> None:
    """The output and the twin each where the other was, the records as they were."""
    out.rename(out.with_name("aside"))
    (cache / "site").rename(out)
    out.with_name("aside").rename(cache / "site")


def folder_for_file_in_vouched_twin(cache: Path, out: Path) -> None:
    page = cache / "site/reports/moura-killings-humangle/index.html"
    page.unlink()
    (page / "index.html").mkdir(parents=True)
    folder = next(p for p in sorted((cache / "site/events").iterdir()) if p.is_dir())
    folder.rename(cache / "site/moved-away")
    folder.write_text("a file where a folder was")


VOUCHED_DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "the deleted report's page put back in the twin": put_back_the_deleted_page,
    "a file put in a folder of the twin": lambda cache, out: (
        cache / "site/reports/moura-killings-humangle/stray.html").write_text("stray"),
    "a file put in a folder of the twin's French pages": lambda cache, out: (
        cache / "site/fr/about/stray.html").write_text("stray"),
    "a twin's file replaced by another of its name": replaced_under_its_name,
    "a twin page rewritten by a tool, its size and time put back": DAMAGE[
        "a twin page rewritten by a tool, its size and time put back"],
    "a folder put in the twin": lambda cache, out: (cache / "site/locations/stray").mkdir(),
    "the compiled templates' folder a file": lambda cache, out: (shutil.rmtree(cache / "templates"),
                                                                (cache / "templates").write_text("x")),
    "the lock a folder": lambda cache, out: ((cache / "lock").unlink(), (cache / "lock").mkdir()),
    "the cache a file": lambda cache, out: (shutil.rmtree(cache), cache.write_text("x")),
    "a file put in the output by hand": lambda cache, out: (
        out / "reports/moura-killings-humangle/stray.html").write_text("stray"),
    "twin: a folder where a file was and the other way round": folder_for_file_in_vouched_twin,
    "cache and output restored by GNU tar, then a file put in a folder of the twin": lambda cache, out: (
        restored_by_gnu_tar(cache, out), (cache / "site/reports/moura-killings-humangle/stray.html").write_text("x")),
    "the output and the twin swapped": swapped,
    **{name: DAMAGE[name] for name in ("twin files deleted", "cache and output restored from a tar file", "twin deleted")},
}


@pytest.mark.parametrize("damage", VOUCHED_DAMAGE)
def test_a_twin_whose_folders_vouch_for_it_is_still_checked_against_the_disk(damage, tmp_path):
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    vouched_twin(root, out, cache)
    VOUCHED_DAMAGE[damage](cache, out)
    edit_another(root)
    build(root, out)
    build(root, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    assert folders(out) == folders(tmp_path / "clean")
    assert not (out / GONE).exists()
    edit_another(root)
    build(root, out)  # and the build after it, over the other folder
    build(root, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    assert folders(out) == folders(tmp_path / "clean")


def folders(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


@pytest.mark.parametrize("restored", [False, True], ids=["in place", "restored by GNU tar"])
def test_an_edit_lists_only_the_twins_folders_whose_times_moved(tmp_path, restored):
    # Restored as actions/cache does (every time to the nanosecond, new inodes),
    # the folders' times alone vouch for them.
    root, out, cache = tmp_path / "sample", tmp_path / "site", tmp_path / ".site.cache"
    write_sample(root, 60)
    build(root, out, search=False)
    a_while_later()
    reports = sorted((root / "content/reports").glob("*.md"))
    listed = []
    for i, report in enumerate(reports[:4]):
        if restored and i == 3:
            restored_by_gnu_tar(cache, out)
        report.write_text(report.read_text() + "\nOne more sentence.\n")
        listed.append(build(root, out, search=False).listed)
    folders = sum(1 for p in (cache / "site").rglob("*") if p.is_dir())
    # The first build lists the twin whole (made of links as the full build ended:
    # every folder new); the second the full build's site, all of it too recent to
    # vouch for itself if that build took under RACY_NS; then only the folders of
    # the few pages an edit changes, and those of the edit before.
    assert listed[0] > folders / 2, (listed, folders)
    assert max(listed[2:]) < folders / 10, (listed, folders)
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_site_written_whole_is_recorded_as_it_was_left_so_the_next_builds_list_little(tmp_path):
    # A first build takes longer than RACY_NS at 100,000 reports: all but its last
    # folders are old enough to vouch for themselves when it ends. What it wrote
    # before then is not listed again, neither to see that nothing changed nor
    # (once the twin made of links to it has been listed) when it is the twin.
    out, cache = tmp_path / "site", tmp_path / ".site.cache"
    cache.mkdir()
    pages = [f"reports/r{i}/index.html" for i in range(40)]
    first = Output(out, cache, None, None)
    first.begin()
    for rel in pages:
        first.add(rel, first.write(rel, rel.encode()))
    a_while_later()
    first.add("index.html", first.write("index.html", b"home"))
    (cache / "site/reports/r3/stray.html").write_text("put there while the build ran")
    (cache / "site/reports/r4/empty").mkdir()
    first.finish()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(
        [*pages, "index.html"])
    assert folders(out) == {"reports", *(f"reports/r{i}" for i in range(40))}

    def edit(last: Output) -> Output:
        output = Output(out, cache, (last.current, last.out_folders), (last.twin_files, last.twin_folders))
        output.begin()
        for rel in last.current:
            output.carry(rel)
        output.finish()
        return output

    unchanged = Output(out, cache, (first.current, first.out_folders), (first.twin_files, first.twin_folders))
    assert unchanged.out_exact()
    assert unchanged.listed <= 3, unchanged.listed  # the top, and the two folders changed at the end
    second = edit(first)
    assert second.listed == 42  # the twin of links, made at the end of the first build: every folder new
    a_while_later()
    third = edit(second)
    assert third.listed <= 3, third.listed  # the first build's site, as it left it
    (out / "reports/r7/stray.html").write_text("put there by hand")
    assert not Output(out, cache, (third.current, third.out_folders), (third.twin_files, third.twin_folders)
                      ).out_exact()


def test_a_folder_changed_a_moment_before_a_build_is_listed_at_the_next(tmp_path):
    # Its time cannot vouch for it (a change in the same clock tick might not move
    # it), but its parent's can: what is put in it later must still be found.
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    vouched_twin(root, out, cache)
    a_while_later()
    (cache / "site/reports/moura-killings-humangle/stray.html").write_text("stray")
    edit_another(root)
    build(root, out)   # the twin's folders recorded, but for the one just changed
    edit_another(root)
    build(root, out)
    (cache / "site/reports/moura-killings-humangle/stray.html").write_text("stray")  # the same folder, now the twin again
    edit_another(root)
    build(root, out)
    build(root, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_backup_of_the_cache_copied_over_it_brings_no_deleted_report_back(tmp_path):
    # Copied over the cache as it is (`cp -a backup/. .site.cache/`): the folders'
    # modification times are the backup's again, with what builds since put in them.
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    build(root, out, search=False)
    a_while_later()
    for _ in range(2):
        edit_another(root)
        build(root, out, search=False)
    shutil.copytree(cache, tmp_path / "backup")
    report = add_report(root)
    build(root, out, search=False)
    edit_another(root)
    build(root, out, search=False)  # the report's page is in the output and the twin
    report.unlink()
    shutil.copytree(tmp_path / "backup", cache, dirs_exist_ok=True)
    edit_another(root)
    build(root, out, search=False)
    build(root, tmp_path / "clean", search=False)
    assert not (out / GONE).exists()
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_folder_too_deep_to_be_read_in_the_twin_is_said_and_the_site_left_as_it_was(tmp_path):
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    build(root, out, search=False)
    edit_another(root)
    build(root, out, search=False)
    before = tree_digest(out)
    folder = os.open(cache / "site", os.O_RDONLY)
    for _ in range(25):  # 5,000 characters of path: more than the system's limit
        os.mkdir("d" * 200, dir_fd=folder)
        below = os.open("d" * 200, os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = below
    os.close(os.open("stray.html", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder))
    os.close(folder)
    edit_another(root)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--no-search"], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"error: {cache / 'site'}/{'d' * 200}/") and "cannot be read" in done.stderr
    assert tree_digest(out) == before


# The records of what the output and the twin hold (cache.py: "out", "twin").

def test_a_folder_s_record_reads_back_as_written_and_anything_else_as_absent(tmp_path):
    store = Store(tmp_path / "cache", code_key())
    files = {"index.html": Stamp(digest(b"a"), 1, 1_733_000_000_123_456_789),
             "reports/mopti/cite.json": Stamp(digest(b"b"), 2, -3), "été/x y.html": Stamp(digest(b""), 0, 0)}
    folders = {"": (1, 2, 3), "reports": (4, 5, 6)}
    for value in [(files, folders), ({}, {}), ({"a": files["index.html"]}, {})]:
        store.put_record("out", value)
        assert store.record("out") == value
    store.put_record("out", (files, folders))
    plain = pickle.loads(store._db.execute("SELECT value FROM records WHERE name = 'out'").fetchone()[0])
    for broken in [{"files": {rel: (s.digest, s.size, s.mtime) for rel, s in files.items()}, "folders": folders},
                   {**plain, "sizes": plain["sizes"][:-1]}, {**plain, "digests": plain["digests"][:-16]},
                   {**plain, "names": plain["names"] + "\0more"}, {**plain, "mtimes": "not bytes"},
                   {**plain, "names": "a\0a\0a"}, {**plain, "folders": {"": (1, 2)}}, [plain]]:
        store._db.execute("UPDATE records SET value = ? WHERE name = 'out'", (pickle.dumps(broken),))
        assert store.record("out") is None, broken
    store.close()


def recorded(cache: Path, name: str):
    store = Store(cache, code_key())
    try:
        return store.record(name)
    finally:
        store.close()


def test_the_output_a_build_found_as_recorded_is_the_next_twin_as_recorded(tmp_path):
    root, out, cache = archive(tmp_path), tmp_path / "site", tmp_path / ".site.cache"
    build(root, out)
    first = recorded(cache, "out")
    edit_another(root)
    build(root, out)
    assert recorded(cache, "twin") == first and recorded(cache, "out") != first
    # An output that is not as recorded: the twin's record says what was found there.
    cut = out / "reports/moura-killings-humangle/index.html"
    os.truncate(cut, cut.stat().st_size // 2)
    edit_another(root)
    build(root, out)
    twin, _ = recorded(cache, "twin")
    assert twin and "reports/moura-killings-humangle/index.html" not in twin
    for rel, stamp in twin.items():
        st = (cache / "site" / rel).stat()
        assert (st.st_size, st.st_mtime_ns) == (stamp.size, stamp.mtime)


@pytest.mark.parametrize("apart", [True, False])
def test_a_folder_of_the_twin_that_is_a_link_is_not_taken_for_the_files_it_leads_to(tmp_path, monkeypatch, apart):
    """The twin's record checked (apart or here) through a folder that is a link to
    copies of its files: the link is removed before anything is written, and the
    files it led to are written again, not taken as there."""
    monkeypatch.setattr(write, "CHECK_APART", 0 if apart else 10**9)
    out, cache, elsewhere = tmp_path / "out", tmp_path / "cache", tmp_path / "elsewhere"
    page = b"<p>report</p>"
    (elsewhere / "reports").mkdir(parents=True)
    (elsewhere / "reports/x.html").write_bytes(page)
    (cache / "site").mkdir(parents=True)
    (cache / "site/reports").symlink_to(elsewhere / "reports")
    out.mkdir()
    (out / "index.html").write_bytes(b"home")
    stamp = lambda path, data: Stamp(digest(data), path.stat().st_size, path.stat().st_mtime_ns,  # noqa: E731
                                     path.stat().st_ino)
    output = Output(out, cache, ({"index.html": stamp(out / "index.html", b"home")}, {}),
                    ({"reports/x.html": stamp(elsewhere / "reports/x.html", page)}, {}))
    if apart:
        assert output._checks.result(1) == {}  # checked at once: the file found, through the link
    output.begin()
    for rel, data in [("reports/x.html", page), ("index.html", b"home")]:
        output.add(rel, output.write(rel, data))
    output.finish()
    assert (out / "reports/x.html").read_bytes() == page and (elsewhere / "reports/x.html").read_bytes() == page
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(output.current)


def test_the_cache_key_reads_each_library_s_version_as_importlib_metadata_does():
    """cache.installed reads the dist-info folders on sys.path, without importing
    importlib.metadata: the same versions, whatever the spelling of the names."""
    from importlib import metadata

    from incidents.cache import LIBRARIES, installed

    assert installed(LIBRARIES) == {name: metadata.version(name) for name in LIBRARIES}
    assert installed(("jinja2", "Markdown_It.Py", "no-such-library")) == {
        "jinja2": metadata.version("Jinja2"), "Markdown_It.Py": metadata.version("markdown-it-py")}


def test_the_cache_key_holds_every_library_the_build_imports_and_what_they_need():
    """A library that shapes the pages (anyascii makes the addresses of names in
    other scripts; mdurl, markdown-it-py's, the links) upgraded alone must make
    every page again: a build kept the last addresses ("nothing changed") where a
    clean build made new ones. Every import of the build's modules (the import
    of articles and the preview left out), read from their source, with the
    libraries each needs, is in LIBRARIES."""
    import ast
    import re
    import sys
    from importlib import metadata

    from incidents.cache import LIBRARIES, PACKAGE

    owners = metadata.packages_distributions()
    wanted: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] in ("importer", "preview", "sample"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for top in (n.split(".")[0] for n in names):
                if top not in sys.stdlib_module_names and top != "incidents":
                    wanted.update(owners[top])
    todo = list(wanted)
    while todo:  # and what each needs (its requirements without an extra)
        for need in metadata.requires(todo.pop()) or ():
            if "extra ==" not in need:
                name = re.match(r"[A-Za-z0-9._-]+", need).group(0)
                if name not in wanted:
                    wanted.add(name)
                    todo.append(name)
    norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
    assert {"anyascii", "mdurl", "jinja2", "babel"} <= {norm(n) for n in wanted}
    assert {norm(n) for n in wanted} <= {norm(n) for n in LIBRARIES}


def test_the_cache_key_reads_an_egg_info_first_on_the_path_as_importlib_metadata_does(tmp_path, monkeypatch):
    """A `setup.py develop` install leaves `name.egg-info` (its version inside) or
    `Name-version.egg-info`: an upgrade there must change the cache key too."""
    import sys
    from importlib import metadata

    from incidents.cache import installed

    (tmp_path / "markdown_it_py.egg-info").mkdir()
    (tmp_path / "markdown_it_py.egg-info/PKG-INFO").write_text(
        "Metadata-Version: 2.1\nName: markdown-it-py\nVersion: 5.0.0.dev0\n\nA long description.\n")
    (tmp_path / "Jinja2-9.9.9-py3.11.egg-info").mkdir()
    (tmp_path / "Jinja2-9.9.9-py3.11.egg-info/PKG-INFO").write_text("Metadata-Version: 2.1\nName: Jinja2\nVersion: 9.9.9\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    names = ("markdown-it-py", "Jinja2", "PyYAML")
    assert installed(names) == {name: metadata.version(name) for name in names} == {
        "markdown-it-py": "5.0.0.dev0", "Jinja2": "9.9.9", "PyYAML": metadata.version("PyYAML")}


# The generator's own templates, compiled once for every archive and process
# (site.render.SHARED_COMPILED, in the package's __pycache__): garbled there, or
# of another source, they are compiled again, never built into pages.


def compiled_templates(root: Path, monkeypatch) -> list[str]:
    """The templates a new process would compile to render `root`'s pages (every
    template, as Renderer.prepare loads them): none kept in memory from this one."""
    import jinja2
    from incidents.site import render

    monkeypatch.setattr(render.CompiledTemplates, "_memory", {})
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return real(self, source, name, filename, raw, defer_init)

    with monkeypatch.context() as inside:
        inside.setattr(jinja2.Environment, "compile", compile)
        env = render.environment(root)
        for name in env.list_templates():
            if name.endswith((".html", ".xml")):
                env.get_template(name)
    return sorted(compiled)


def test_the_generator_s_templates_are_compiled_once_for_every_process_and_archive(tmp_path, monkeypatch):
    from incidents.site import render

    shared = tmp_path / "shared"
    monkeypatch.setattr(render, "SHARED_COMPILED", shared)
    root = archive(tmp_path)
    (root / "templates").mkdir()
    (root / "templates/report.html").write_text((ROOT / "templates/report.html").read_text().replace(
        "The report</h2>", "The text</h2>"))
    first = compiled_templates(root, monkeypatch)
    assert "report.html" in first and "event.html" in first
    kept = sorted(shared.glob("*.cache"))
    assert len(kept) == len(first) - 1  # the archive's own report.html is kept in its build's cache alone
    assert compiled_templates(root, monkeypatch) == ["report.html"]
    other = tmp_path / "other"
    other.mkdir()
    shutil.copytree(root / "content", other / "content")
    shutil.copy(root / "site.yaml", other / "site.yaml")
    # another archive: the generator's templates as the first left them, but its report.html, never used there
    assert compiled_templates(other, monkeypatch) == ["report.html"]
    assert compiled_templates(other, monkeypatch) == []


@pytest.mark.parametrize("damage", ["cut short", "garbage", "another template's", "a folder a file"])
def test_the_generator_s_compiled_templates_damaged_are_compiled_again(damage, tmp_path, monkeypatch, clean_tree):
    """As in a build's cache: a file cut short or garbled, or one a tool put under
    another template's name (sealed as the generator seals them, of another
    source), is compiled again, and the site is a clean build's; a file where
    the folder would be is no error."""
    from incidents.site import render

    shared = tmp_path / "shared"
    monkeypatch.setattr(render, "SHARED_COMPILED", shared)
    root = archive(tmp_path)
    every = compiled_templates(root, monkeypatch)
    kept = sorted(shared.glob("*.cache"))
    assert len(kept) == len(every)
    if damage == "cut short":
        for path in kept:
            path.write_bytes(path.read_bytes()[:15])
    elif damage == "garbage":
        for path in kept:
            path.write_bytes(path.read_bytes()[:15] + b"garbage" * 9)
    elif damage == "another template's":
        for path, other in zip(kept, kept[1:] + kept[:1]):
            path.with_suffix(".other").write_bytes(other.read_bytes())
        for path in kept:
            path.with_suffix(".other").rename(path)
    else:
        shutil.rmtree(shared)
        shared.write_text("x")
    assert compiled_templates(root, monkeypatch) == every
    monkeypatch.setattr(render.CompiledTemplates, "_memory", {})
    edit_another(root)
    build(root, tmp_path / "site")
    assert tree_digest(tmp_path / "site") == clean_tree
