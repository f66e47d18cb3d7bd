"""Watching the archive: watchdog's callback only records which paths
changed; the rebuild loop takes them in one batch once changes go quiet, so a
`git checkout` of a hundred files or an editor's three writes give one rebuild."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..confine import within

QUIET = 0.03      # seconds without a change before a rebuild starts: an editor's or git's writes come closer
PATIENCE = 2.0    # … but never wait longer than this once a change is pending
EVENTS = {"created", "modified", "deleted", "moved", "closed"}


def ignored(path: str) -> bool:
    """Editors' temporary files: vim's .swp and 4913, emacs' .#x and x~, our own .x.tmp-PID."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return (name.endswith(("~", ".swp", ".swx", ".swo", ".tmp")) or name.startswith(".#")
            or name == "4913" or ".tmp-" in name or name.startswith(".goutputstream"))


class Changes:
    """Paths changed and not yet rebuilt; filled by watchdog's thread, emptied by `take`."""

    def __init__(self, quiet: float = QUIET):
        self.quiet = quiet
        self._paths: set[Path] = set()
        self._first = self._last = 0.0
        self._closed = False
        self._cond = threading.Condition()

    def add(self, path: Path) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.add(path)
            self._last = now
            self._cond.notify_all()

    def take(self) -> set[Path] | None:
        """Block until something changed and then nothing for `quiet` seconds;
        return every path changed meanwhile. None once closed."""
        with self._cond:
            while not self._closed:
                if not self._paths:
                    self._cond.wait()
                    continue
                now = time.monotonic()
                due = min(self._last + self.quiet, self._first + PATIENCE)
                if now >= due:
                    paths, self._paths = self._paths, set()
                    return paths
                self._cond.wait(due - now)
            return None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class Recorder(FileSystemEventHandler):
    """watchdog's callback: note the paths an event names (moves name two), nothing more."""

    def __init__(self, changes: Changes, relevant: Callable[[Path], bool]):
        self.changes = changes
        self.relevant = relevant

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in EVENTS or (event.is_directory and event.event_type in ("modified", "closed")):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                text = raw.decode() if isinstance(raw, bytes) else raw
                if not ignored(text) and self.relevant(Path(text)):
                    self.changes.add(Path(text))


def start_watching(paths: list[Path], handler: FileSystemEventHandler, root: Path | None = None) -> Observer:
    """Watch folders recursively and single files through their folder. A folder
    of `root` that is a link out of it is watched through its folder only (a
    link to / would otherwise be watched whole; the build refuses it anyway)."""
    observer = Observer()
    folders: dict[Path, bool] = {}
    top = os.path.realpath(root) if root is not None else None
    for path in paths:
        if path.is_dir() and not (top is not None and path.is_relative_to(root) and not within(path, top)):
            folders[path] = True
        elif path.parent.is_dir():
            folders.setdefault(path.parent, False)
    for folder, recursive in folders.items():
        observer.schedule(handler, str(folder), recursive=recursive)
    observer.daemon = True
    observer.start()
    return observer

