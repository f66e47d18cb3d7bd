"""Symbolic links in the archive: followed while they stay inside it, refused
when they lead out of it. A pull request can add `static` as a link to a
system folder, or a template or a report as a link to a file outside the
archive; `outside_links` finds every such link (files and folders, at any
depth, site.yaml too) before anything is read, so that `build`, `check` and
the preview refuse them rather than publish what the archive does not hold."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import ContentError, Problem

FOLDERS = ("content", "templates", "static")
OUTSIDE = ("links outside the archive, so nothing is read through it: put the file or folder itself in the "
           "archive, or remove the link")


def outside_links(root: Path, made: Iterable[Path] = ()) -> list[Problem]:
    """A problem for each link under content/, templates/ and static/ (or
    site.yaml itself) whose target resolves outside `root`, in path order; and
    for each that leads into a folder the build writes (`made`: its output, its
    cache), or to a folder holding one: the site would be copied into itself,
    one level deeper at each build, and its pages would depend on the last
    build's rather than on the archive."""
    top = os.path.realpath(root)
    guard = _Guard(top, root, made)
    found: dict[str, str] = {}
    if why := guard.why(os.path.join(root, "site.yaml")):
        found["site.yaml"] = why
    for name in FOLDERS:
        _walk(os.path.join(root, name), name, guard, found, None)
    return [Problem(rel, 1, "", why) for rel, why in sorted(found.items())]


def to_nothing(path: str | Path, what: str = "a file") -> str:
    """What is said of a link that leads to nothing, or round a loop of links
    (`what`: what it should lead to), rather than "cannot be read"."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"is a link to nothing ({target}), or round a loop of links: point it at {what}, or remove it"


def nowhere(path: str | Path) -> bool:
    """Whether `path` is a link that leads to nothing, or round a loop."""
    return os.path.islink(path) and not os.path.exists(path)


def refusal(root: Path, made: Iterable[Path] = ()) -> Callable[[str], str | None]:
    """Why the build refuses a link (a path) of the archive at `root`, or None:
    out of it, or into what builds write (`made`). For the preview's watcher."""
    return _Guard(os.path.realpath(root), root, made).why


def refuse_outside_links(root: Path, made: Iterable[Path] = ()) -> None:
    """ContentError listing every link out of the archive or into what the build writes, if there is one."""
    problems = outside_links(root, made)
    if problems:
        raise ContentError(problems)


class _Guard:
    """What is wrong with where a link leads, if anything: out of the archive
    (`top`), or into (or over) a folder the build writes."""

    def __init__(self, top: str, root: Path, made: Iterable[Path] = ()):
        self.top = top
        self.made = [(os.path.realpath(m), _named(Path(m), root)) for m in made]
        self._reals: dict[str, str] = {}  # folders links lead into → their real paths, for one walk

    def why(self, path: str, folder: str | None = None) -> str | None:
        """Why the link `path` is refused, or None (None too for what is not a link).
        `folder`: the real folder that holds it, if known (then `path` is a link)."""
        if folder is None and not os.path.islink(path):
            return None
        real = self.real(path, folder)
        if not _under(real, self.top):
            return OUTSIDE
        for folder, name in self.made:
            if _under(real, folder):
                return (f"a link into {name}, which the build writes: the site would hold copies of itself, "
                        "one level deeper at each build; remove the link")
            if _under(folder, real):
                return (f"a link to a folder that holds {name}, which the build writes: the site would hold "
                        "copies of itself, one level deeper at each build; link to a folder of its own")
        inner = os.path.relpath(real, self.top).split(os.sep)
        if real == self.top or any(part.startswith(".") and part != ".." for part in inner):
            # the archive's own folder holds .git (its configuration, a token in it) and the caches
            return ("a link to the archive's folder or into a hidden one (.git, a cache), which no build "
                    "publishes: link to the file or folder meant")
        if inner[0] == "content" and within(os.path.dirname(path), os.path.join(self.top, "static")):
            return ("a link from static/ into content/: the site would publish the archive's sources as they "
                    "are, drafts included; remove the link")
        return None


    def real(self, link: str, folder: str | None = None) -> str:
        """Where `link` leads, every link on the way followed: os.path.realpath,
        which lstat()s each part of the path (10,000 links in static/: 1.8 s of
        a preview's rebuild). Given the real `folder` that holds the link, a
        target of "../" parts then names is taken from there, and the real path
        of the folder it names found once for every link into that folder."""
        if folder is None:
            return os.path.realpath(link)
        try:
            target = os.readlink(link)
        except OSError:
            return os.path.realpath(link)
        parts = target.split("/")
        ups = next((i for i, part in enumerate(parts) if part != ".."), len(parts))
        if target.startswith("/") or ".." in parts[ups:]:
            return os.path.realpath(link)  # a "..", after a name that may be a link, is that link's parent
        # `folder` is real: its own ".." are its parents, and no link is on the way there.
        head, tail = os.path.split(os.path.normpath(os.path.join(folder, target)))
        if (base := self._reals.get(head)) is None:
            base = self._reals[head] = os.path.realpath(head)
        found = os.path.join(base, tail)
        return os.path.realpath(found) if os.path.islink(found) else found


def _named(folder: Path, root: Path) -> str:
    """A folder the build writes, as its readers know it: under the archive if it is there."""
    try:
        return Path(os.path.abspath(folder)).relative_to(os.path.abspath(root)).as_posix() + "/"
    except ValueError:
        return f"{folder}/"


def files(folder: Path) -> list[tuple[str, Path]]:
    """The files under an archive's folder (its static/ or templates/), as (path
    relative to it, path), in order: links followed where they stay inside the
    archive that holds the folder, never where they lead out of it."""
    found: list[tuple[str, str]] = []
    _walk(os.fspath(folder), "", _Guard(os.path.realpath(folder.parent), folder.parent), {}, found)
    return sorted((rel, Path(path)) for rel, path in found)


class Links:
    """The preview's view of the links out of its archive: every one found at
    first, then only the changed content files looked at again when nothing
    else changed (a folder, a template, a static file, site.yaml: all again)."""

    def __init__(self, root: Path, made: Iterable[Path] = ()):
        self.root = root
        self._made = tuple(made)
        self._guard = _Guard(os.path.realpath(root), root, self._made)
        self._found: dict[str, str] | None = None

    def problems(self, changed: Iterable[Path]) -> list[Problem]:
        content = self.root / "content"
        for path in map(Path, map(os.path.abspath, changed)):
            if self._found is None:
                break
            if path.suffix == ".md" and path.parent.parent == content and not os.path.isdir(path):
                rel = path.relative_to(self.root).as_posix()
                self._found.pop(rel, None)
                if why := self._guard.why(os.fspath(path)):
                    self._found[rel] = why
            else:
                self._found = None
        if self._found is None:
            self._found = {p.path: p.message for p in outside_links(self.root, self._made)}
        return [Problem(rel, 1, "", why) for rel, why in sorted(self._found.items())]


def _walk(folder: str, rel: str, guard: _Guard, refused: dict[str, str], files: list[tuple[str, str]] | None,
          chain: frozenset[str] = frozenset()) -> None:
    """Note in `refused` the links under `folder` (itself included) that the
    guard refuses, with why, and in `files` (unless None) the files, following
    the other links (a link to a folder that holds it, once). `rel`: how
    `folder` is named."""
    if why := guard.why(folder):
        refused[rel] = why
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
                    if why := guard.why(entry.path, real):
                        refused[name] = why
                    elif os.path.isdir(entry.path):
                        _walk(entry.path, name, guard, refused, files, chain)
                    elif files is not None and os.path.isfile(entry.path):
                        files.append((name, entry.path))
                    elif (files is None and not name.startswith("content/") and not entry.name.startswith(".#")
                          and not os.path.exists(entry.path)):
                        # A static file or a template that is a link to nothing would be left out in silence
                        # (a report that is one is said as it is read; Emacs's lock, .#x, is one by design).
                        refused[name] = to_nothing(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    _walk(entry.path, name, guard, refused, files, chain)
                elif files is not None and entry.is_file(follow_symlinks=False):
                    files.append((name, entry.path))
    except OSError:
        return  # missing or unreadable: the stage that reads it says so


def within(path: str | Path, top: str) -> bool:
    """Whether `path`, every link on the way followed, is the real folder `top` or under it."""
    return _under(os.path.realpath(path), top)


def _under(real: str, top: str) -> bool:
    """Whether the real path `real` is the real folder `top` or under it."""
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)
