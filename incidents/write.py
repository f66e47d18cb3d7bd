"""Atomic output: the site is written into a fresh folder beside the output
and swapped in only once complete, so a failed build leaves the last good site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from .errors import BuildError


def check_output(out: Path, root: Path) -> None:
    """Refuse an output folder whose removal would lose someone's work."""
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents:
        raise BuildError(f"{out}: the output folder cannot be the archive or a folder that holds it")
    for keep in ("content", "templates", "static", "tests", ".git"):
        if out == root / keep or (root / keep) in out.parents:
            raise BuildError(f"{out}: the output folder cannot be inside {keep}/")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "index.html").exists()
                                              and not (out / "404.html").exists())):
        raise BuildError(f"{out}: exists and is not a built site; choose an empty or new folder")


def write_site(out: Path, files: Iterable[tuple[str, str | bytes]], static: list[Path],
               finish: Callable[[Path], None] | None = None) -> int:
    """Write every file into a temporary sibling of `out`, run `finish` on it
    (the search index), then swap it in. Returns the number of files written."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = out.parent / f".{out.name}.new-{os.getpid()}"
    stale = out.parent / f".{out.name}.old-{os.getpid()}"
    for leftover in [fresh, stale, *_abandoned(out)]:
        shutil.rmtree(leftover, ignore_errors=True)
    written: set[str] = set()
    try:
        fresh.mkdir()
        for folder in static:
            for path in sorted(folder.rglob("*")):
                rel = path.relative_to(folder).as_posix()
                if path.is_file() and not path.is_symlink() and rel not in written:
                    _put(fresh, rel, path.read_bytes(), written)
        for rel, content in files:
            data = content.encode("utf-8") if isinstance(content, str) else content
            _put(fresh, rel, data, written)
        if finish:
            finish(fresh)
        if out.exists():
            os.rename(out, stale)
        os.rename(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if stale.exists() and not out.exists():
            os.rename(stale, out)
        raise
    shutil.rmtree(stale, ignore_errors=True)
    return len(written)


def _abandoned(out: Path) -> list[Path]:
    """Half-written folders of builds that were killed: their process is gone."""
    found = []
    for path in out.parent.glob(f".{out.name}.*-*"):
        kind, _, pid = path.name[len(out.name) + 2:].partition("-")
        if kind in ("new", "old") and pid.isdigit() and not _alive(int(pid)):
            found.append(path)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _put(top: Path, rel: str, data: bytes, written: set[str]) -> None:
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("..", ".", "") for p in parts):
        raise BuildError(f"refusing to write outside the output folder: {rel!r}")
    if rel in written:
        raise BuildError(f"two pages claim the same path: /{rel}")
    path = top.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.add(rel)
