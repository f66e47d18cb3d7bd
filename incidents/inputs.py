"""What a build reads besides the content files' bytes: site.yaml, the
templates, the static files; and whether the content files are as the last
build found them, by their sizes and times. All that a build with nothing
to do needs, so this module imports none of the parsing and rendering
(YAML, Jinja2, Markdown, the views), which it would spend more time
importing than checking (build.py)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import HOME
from .cache import RACY_NS, Input, LastBuild, Stamp, digest
from .confine import files
from .content.files import FOLDERS, UNREAD_PREFIX, list_files, unread_files



def unchanged(root: Path, last: LastBuild, site_file: Input, static: dict[str, tuple[Path, Stamp]]) -> bool:
    """Whether the content, site.yaml and static files are as the last build found them."""
    if {rel: stamp.digest for rel, (_, stamp) in static.items()} != last.static or last.site_file != site_file:
        return False
    # Paths as strings: making a Path for each file was three fifths of this
    # check (10,000 reports: 73 → 28 ms).
    seen, top = 0, os.fspath(root) + os.sep
    for kind in FOLDERS:
        for name in list_files(root, kind):
            rel = f"content/{kind}/{name}"
            before = last.inputs.get(rel)
            if before is None or not _same_stat(top + rel, before, last.scanned):
                return False
            seen += 1
    return seen == len(last.inputs)


def _same_stat(path: str, before: Input, scanned: int) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    return (st.st_size, st.st_mtime_ns) == (before.size, before.mtime) and st.st_mtime_ns < scanned - RACY_NS


def site_input(root: Path) -> Input:
    """site.yaml, as a digest (it is read whole every time: it is small)."""
    try:
        data = (root / "site.yaml").read_bytes()
    except OSError:
        return Input(b"", -1, 0)
    return Input(digest(data), len(data), 0)


def theme_digest(root: Path) -> bytes:
    """Every template the site may use, in the order they are looked up."""
    h = hashlib.blake2b(digest_size=16)
    for folder in dict.fromkeys([root / "templates", HOME / "templates"]):
        if folder.is_dir():
            for _, path in files(folder):
                h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def static_files(root: Path, known: dict[str, Stamp], scanned: int) -> dict[str, tuple[Path, Stamp]]:
    """The static files to copy: the archive's own first, then the defaults.
    A file's digest is taken again only when its size or time changed (`known`:
    the last build's stamps, by source path)."""
    found: dict[str, tuple[Path, Stamp]] = {}
    for folder in dict.fromkeys([root / "static", HOME / "static"]):
        if not folder.is_dir():
            continue
        for rel, path in files(folder):
            if rel in found:
                continue
            st = path.stat()
            was = known.get(str(path))
            if was and (was.size, was.mtime) == (st.st_size, st.st_mtime_ns) and st.st_mtime_ns < scanned - RACY_NS:
                found[rel] = (path, was)
            else:
                found[rel] = (path, Stamp(digest(path.read_bytes()), st.st_size, st.st_mtime_ns))
    return found


def same_unread(root: Path, last: LastBuild) -> bool:
    """Whether the files under content/ that are not read are those the last build warned of."""
    return set(unread_files(root)) == {w for w in last.warnings if w.message.startswith(UNREAD_PREFIX)}
