"""Symbolic links in the archive: followed while they stay inside it, refused
when they lead out of it. A pull request can add `static` as a link to a
system folder, or a template or a report as a link to a file outside the
archive; `outside_links` finds every such link (files and folders, at any
depth, site.yaml too) before anything is read, so that `build`, `check` and
the preview refuse them rather than publish what the archive does not hold."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import ContentError, Problem

FOLDERS = ("content", "templates", "static")
OUTSIDE = "links outside the archive"


def outside_links(root: Path) -> list[Problem]:
    """A problem for each link under content/, templates/ and static/ (or
    site.yaml itself) whose target resolves outside `root`, in path order."""
    top = os.path.realpath(root)
    found = ["site.yaml"] if _leads_out(os.path.join(root, "site.yaml"), top) else []
    for name in FOLDERS:
        _walk(os.path.join(root, name), name, top, found, None)
    return [Problem(rel, 1, "", OUTSIDE) for rel in sorted(found)]


def refuse_outside_links(root: Path) -> None:
    """ContentError listing every link out of the archive, if there is one."""
    problems = outside_links(root)
    if problems:
        raise ContentError(problems)


def files(folder: Path) -> list[tuple[str, Path]]:
    """The files under an archive's folder (its static/ or templates/), as (path
    relative to it, path), in order: links followed where they stay inside the
    archive that holds the folder, never where they lead out of it."""
    found: list[tuple[str, str]] = []
    _walk(os.fspath(folder), "", os.path.realpath(folder.parent), [], found)
    return sorted((rel, Path(path)) for rel, path in found)


class Links:
    """The preview's view of the links out of its archive: every one found at
    first, then only the changed content files looked at again when nothing
    else changed (a folder, a template, a static file, site.yaml: all again)."""

    def __init__(self, root: Path):
        self.root = root
        self._top = os.path.realpath(root)
        self._found: set[str] | None = None

    def problems(self, changed: Iterable[Path]) -> list[Problem]:
        content = self.root / "content"
        for path in map(Path, map(os.path.abspath, changed)):
            if self._found is None:
                break
            if path.suffix == ".md" and path.parent.parent == content and not os.path.isdir(path):
                rel = path.relative_to(self.root).as_posix()
                self._found.discard(rel)
                if _leads_out(os.fspath(path), self._top):
                    self._found.add(rel)
            else:
                self._found = None
        if self._found is None:
            self._found = {p.path for p in outside_links(self.root)}
        return [Problem(rel, 1, "", OUTSIDE) for rel in sorted(self._found)]


def _walk(folder: str, rel: str, top: str, outside: list[str], files: list[tuple[str, str]] | None,
          chain: frozenset[str] = frozenset()) -> None:
    """Note in `outside` the links under `folder` (itself included) that lead out
    of `top`, and in `files` (unless None) the files, following the other links
    (a link to a folder that holds it, once). `rel`: how `folder` is named."""
    if os.path.islink(folder):
        if _leads_out(folder, top):
            outside.append(rel)
            return
    real = os.path.realpath(folder)
    if real in chain:
        return
    chain = chain | {real}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_symlink():
                    if _leads_out(entry.path, top):
                        outside.append(name)
                    elif os.path.isdir(entry.path):
                        _walk(entry.path, name, top, outside, files, chain)
                    elif files is not None and os.path.isfile(entry.path):
                        files.append((name, entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    _walk(entry.path, name, top, outside, files, chain)
                elif files is not None and entry.is_file(follow_symlinks=False):
                    files.append((name, entry.path))
    except OSError:
        return  # missing or unreadable: the stage that reads it says so


def within(path: str | Path, top: str) -> bool:
    """Whether `path`, every link on the way followed, is the real folder `top` or under it."""
    real = os.path.realpath(path)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _leads_out(path: str, top: str) -> bool:
    """Whether `path` is a link whose target is outside `top`."""
    return os.path.islink(path) and not within(path, top)
