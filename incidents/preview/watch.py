"""Watching the archive: watchdog's callback only records which paths
changed; the rebuild loop takes them in one batch once changes go quiet, so a
`git checkout` of a hundred files or an editor's three writes give one rebuild."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..confine import within

QUIET = 0.03      # seconds without a change before a rebuild starts: an editor's or git's writes come closer
EMPTIED = 0.5     # … or, while a changed file is empty, this long: an editor that saves in two steps (the
#                   file emptied, then written 50-300 ms later) showed "the file is empty" on every page meanwhile
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
                quiet = max(self.quiet, EMPTIED) if any(_emptied(p) for p in self._paths) else self.quiet
                due = min(self._last + quiet, self._first + PATIENCE)
                if now >= due:
                    paths, self._paths = self._paths, set()
                    return paths
                self._cond.wait(due - now)
            return None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def _emptied(path: Path) -> bool:
    """Whether `path` is a Markdown file now empty: most often one an editor is saving."""
    try:
        return path.suffix == ".md" and path.stat().st_size == 0
    except OSError:
        return False


class Recorder(FileSystemEventHandler):
    """watchdog's callback: note the paths an event names (moves name two), and
    have a watched folder that appears (made after the server started, or
    removed and made again: `git checkout -- content`) watched again."""

    def __init__(self, changes: Changes, relevant: Callable[[Path], bool]):
        self.changes = changes
        self.relevant = relevant  # whether a path can change the site (editors' temporary files cannot)
        self.appeared: Callable[[Path], list[Path]] = lambda path: []  # set by start_watching
        self.follow: Callable[[Path], None] = lambda path: None    # the same, for a link to a folder
        self.aliases: dict[Path, Path] = {}  # a folder links lead to → the link (start_watching's follow)
        self.files: dict[Path, tuple[Path, ...]] = {}  # a file links lead to → the links (Linked.scan)
        self.watch_files: Callable[[Iterable[Path]], list[Path]] = lambda folders: []  # set by start_watching

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in EVENTS or (event.is_directory and event.event_type in ("modified", "closed")):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = Path(raw.decode() if isinstance(raw, bytes) else raw)
                made = [path] + [link / path.relative_to(real) for real, link in self.aliases.items()
                                 if path == real or real in path.parents] + list(self.files.get(path, ()))
                if event.event_type in ("created", "moved"):  # a link to a folder comes as a file's event
                    made += self.appeared(path)  # before the change is noted: the rebuild then reads the new folder
                    if os.path.islink(path) and os.path.isdir(path):
                        self.follow(path)  # a link made or pointed elsewhere (ln -sfn): watched before it is read
                for each in made:
                    if self.relevant(each):
                        self.changes.add(each)


def start_watching(paths: list[Path], handler: FileSystemEventHandler, root: Path | None = None,
                   refused: Callable[[str], object] = lambda link: None) -> Observer:
    """Watch folders recursively and single files through their folder, and
    each folder's parent, where it may be made, removed and made again. A folder
    of `root` that is a link out of it is watched through its folder only (a
    link to / would otherwise be watched whole; the build refuses it anyway);
    no link the build refuses (`refused`: confine.refusal) is followed."""
    observer = Observer()
    top = os.path.realpath(root) if root is not None else None
    whole = lambda path: path.is_dir() and not (  # noqa: E731
        top is not None and path.is_relative_to(root) and not within(path, top))
    folders: dict[Path, bool] = {}
    links: list[Path] = []  # watched folders that are links: inotify watches a link, not where it leads
    for path in paths:
        if whole(path):
            if os.path.islink(path):
                links.append(path)
            else:
                folders[path] = True
        if path.parent.is_dir():
            folders.setdefault(path.parent, False)
    watches = {folder: observer.schedule(handler, str(folder), recursive=recursive)
               for folder, recursive in folders.items()}

    # The watchdog thread, the rebuild's and the links' all change the watches. watchdog
    # holds this lock of its own while it calls the handler (which may watch a folder
    # made), and schedule() takes it: taken first by every thread, no two wait on each other.
    lock = observer._lock

    def live(folder: Path) -> bool:
        """Whether the watch of `folder` still watches: watchdog's emitter of a folder removed stops
        (the folder made again may even have the same inode number: the disk reuses them)."""
        emitter = observer._emitter_for_watch.get(watches[folder]) if folder in watches else None
        return emitter is not None and emitter.is_alive()

    def rewatch(folder: Path, recursive: bool) -> bool:
        """Watch `folder` afresh (a watch of a folder made again watches nothing); False if it is gone."""
        with contextlib.suppress(KeyError):
            if folder in watches:
                observer.unschedule(watches.pop(folder))
        try:
            watches[folder] = observer.schedule(handler, str(folder), recursive=recursive)
        except OSError:
            return False
        return True

    def appeared(path: Path) -> list[Path]:
        with lock:
            return _appeared(path)

    def _appeared(path: Path) -> list[Path]:
        """Watch a folder just made that is watched, or holds one (.git, then .git/logs):
        the folders it holds already (made before its watch was) are returned, as made too."""
        made: list[Path] = []
        if path in targets and path.is_dir():  # a folder files links lead to are in, made again
            if path in owned and rewatch(path, recursive=False):  # another's watch is that one's to renew
                with contextlib.suppress(OSError):
                    targets[path] = os.stat(path).st_ino
            if isinstance(handler, Recorder):  # what they lead to may have changed unseen
                made += [link for real, links in handler.files.items() if real.parent == path for link in links]
            if path not in followed.values():
                return made
        if path in followed.values() and path.is_dir():  # a folder links lead to, made again
            with contextlib.suppress(KeyError):
                observer.unschedule(watches.pop(path))
            with contextlib.suppress(OSError):
                watches[path] = observer.schedule(handler, str(path), recursive=True)
                followed_inodes[path] = _inode(path)
            return made
        if path in paths and whole(path):
            if path in watches and watches[path].is_recursive:  # the folder it watched is gone
                with contextlib.suppress(KeyError):
                    observer.unschedule(watches.pop(path))
            if os.path.islink(path):  # made, or pointed elsewhere (ln -sfn): watched where it leads
                follow(path)
                return made
            try:
                watches[path] = observer.schedule(handler, str(path), recursive=True)
            except OSError:
                pass  # gone again already: its parent's watch says when it comes back
        elif any(path in p.parents for p in paths) and path.is_dir() and (top is None or within(path, top)):
            if not rewatch(path, recursive=False):
                return made
            for inner in paths:
                if inner.parent == path and inner.is_dir():
                    made += [inner] + _appeared(inner)
        return made

    followed: dict[Path, Path] = {}  # a link to a folder → the folder it leads to, watched
    followed_inodes: dict[Path, int] = {}  # a folder links lead to → its inode when it was watched

    def follow(link: Path) -> None:
        with lock:
            _follow(link)

    def _follow(link: Path) -> None:
        """Watch the folder a link inside a watched one leads to (static/img a link to
        the archive's assets/: the watch above it does not go through links), what
        happens there named as under the link (Recorder.aliases), as the build reads it.
        Not a link into a folder that holds it (a loop), nor one out of the archive."""
        real = Path(os.path.realpath(link))
        if (followed.get(link) == real or not real.is_dir() or real == link or real in link.parents
                or (top is not None and not within(link, top)) or refused(str(link))):
            return
        if isinstance(handler, Recorder):
            handler.aliases = {r: lk for r, lk in handler.aliases.items() if lk != link} | {real: link}
        followed[link] = real
        inode = _inode(real)
        # watched afresh where watch_files' watch of it sees no folder within, or where it was made
        # again since it was watched (while no link led to it, no one watched it again)
        if real not in watches or real in owned or followed_inodes.get(real) != inode or not live(real):
            owned.discard(real)
            rewatch(real, recursive=True)
            followed_inodes[real] = inode
        owned.discard(real.parent)  # needed now by the link too: never let go by watch_files
        if real.parent not in watches:  # where it may be removed and made again (appeared)
            with contextlib.suppress(OSError):
                watches[real.parent] = observer.schedule(handler, str(real.parent), recursive=False)

    targets: dict[Path, int] = {}  # folders watched for the files links lead to → their inode when watched
    # Those of them watch_files watches itself, and alone may let go or watch again: a folder
    # watched for another reason (the archive's own folder, where content/ is made again, and
    # where a removed folder a link leads to becomes a link to no folder) keeps its watch.
    owned: set[Path] = set()

    def watch_files(folders: Iterable[Path]) -> list[Path]:
        with lock:
            return _watch_files(folders)

    def _watch_files(folders: Iterable[Path]) -> list[Path]:
        """Watch the folders of files that links lead to (Linked), each alone,
        unless a watch of the whole folder above sees them already: a change is
        then noted at once, where polling would take up to a round of Linked.
        A folder made again (its inode changed), or made since, is watched
        again; one no link needs any more is let go. Returns the folders
        (re)watched now, whose files may have changed unseen meanwhile."""
        wanted = sorted(set(folders))[:MOST_TARGETS]  # the others are polled
        for folder in set(targets) - set(wanted):
            targets.pop(folder)
            if folder in owned:
                owned.discard(folder)
                with contextlib.suppress(KeyError):
                    observer.unschedule(watches.pop(folder))
        renewed = []
        for folder in wanted:
            try:
                inode = os.stat(folder).st_ino
            except OSError:
                targets[folder] = 0  # not there (yet): looked at again at the next round
                continue
            if targets.get(folder) == inode and (folder not in watches or live(folder)):
                continue  # (a folder made again may have its old inode number: its stopped watch tells)
            others = folder in watches and folder not in owned  # watched for another reason
            if others and targets.get(folder) and not watches[folder].is_recursive:
                rewatch(folder, recursive=False)  # made again, where no one else watches it again
            covered = (top is not None and not within(folder, top)) or others or any(
                w.is_recursive and f in folder.parents for f, w in list(watches.items()))
            if not covered:
                if not rewatch(folder, recursive=False):
                    continue
                owned.add(folder)
            if not covered and folder.parent not in watches and within(folder.parent, top or "/"):
                rewatch(folder.parent, recursive=False)  # where it may be removed and made again (appeared)
            if folder in targets:
                renewed.append(folder)
            targets[folder] = inode
        return renewed

    for link in links:
        follow(link)
    if isinstance(handler, Recorder):
        handler.appeared = appeared
        handler.follow = follow
        handler.watch_files = watch_files
    observer.daemon = True
    observer.start()
    return observer


def _inode(path: Path) -> int:
    try:
        return os.stat(path).st_ino
    except OSError:
        return 0


POLL = 0.5  # seconds between looks at the files reached through links (Linked)
# Links looked at in one look: 10,000 links (a linked folder of drafts) looked
# at every POLL seconds took 8% of a core while nothing changed. Their files'
# folders are watched as well (start_watching's watch_files, up to
# MOST_TARGETS folders): polling is left what a watch cannot see (a link
# between the link and its file pointed elsewhere), at most BATCH / POLL a second.
BATCH = 500
MOST_TARGETS = 256
NEW = (-1, -1, -1)  # the signature of a link found since the first scan: no file's


class Linked:
    """Files a watched folder reaches through a symbolic link (content/reports/x.md
    leading to drafts/x.md, which the build reads): the watcher sees the link,
    never the file it leads to. Their size, time and inode are looked at every
    POLL seconds, and a change is noted as the link's. `scan` finds the links
    again (after each rebuild: a link made since), and gives each link to a
    folder to `follow`, which watches that folder (start_watching)."""

    def __init__(self, places: list[Path], changes: Changes, relevant: Callable[[Path], bool],
                 follow: Callable[[Path], None] = lambda path: None, recorder: Recorder | None = None,
                 refused: Callable[[str], object] = lambda link: None):
        self.places = places  # folders (looked through, and the folders their links lead to) and files
        self.changes = changes
        self.relevant = relevant
        self.follow = follow  # given each link to a folder found (Recorder.follow: watched through it)
        self.recorder = recorder  # told the files links lead to, whose folders it watches
        self.refused = refused  # links the build refuses (out of the archive, into .serve/): never looked through
        self._seen: dict[Path, tuple[int, int, int] | None] = {}
        self._next = 0  # where the next poll starts, in _seen's order
        self._into: dict[Path, list[Path]] = {}  # the folders of the files links lead to → those links
        self._lock = threading.Lock()

    def scan(self, first: bool = False) -> None:
        """Find the links again. A link found after the `first` scan (made since, or
        the file it leads to replaced) may lead to a file changed after the rebuild
        read it: noted as changed at the next poll, so that it is read again."""
        found: list[Path] = []
        folders: list[Path] = []
        for place in self.places:
            if self.refused(str(place)):
                continue
            if os.path.islink(place) and not place.is_dir():
                found.append(place)
            elif place.is_dir():
                _file_links(place, found, folders, self.refused)
        for link in folders:
            self.follow(link)
        if self.recorder is not None:
            files: dict[Path, tuple[Path, ...]] = {}
            into: dict[Path, list[Path]] = {}
            for link in found:
                real = Path(os.path.realpath(link))
                files[real] = files.get(real, ()) + (link,)
                into.setdefault(real.parent, []).append(link)
            self.recorder.files = files
            self._into = into
            self._renewed(self.recorder.watch_files(into), first)
        with self._lock:
            self._seen = {link: self._seen[link] if link in self._seen else _signature(link) if first else NEW
                          for link in found}

    def _renewed(self, folders: list[Path], first: bool = False) -> None:
        """Folders watched again (made again, or made since): their files may have
        changed while no watch saw them, so the links into them are noted."""
        if first:
            return
        for folder in folders:
            for link in self._into.get(folder, ()):
                if self.relevant(link):
                    self.changes.add(link)

    def poll(self) -> None:
        """Look at the next BATCH links, from where the last look stopped, and
        watch again the folders of their files that were made again."""
        if self.recorder is not None and self._into:
            self._renewed(self.recorder.watch_files(self._into))
        with self._lock:
            seen = list(self._seen.items())
            start = self._next if self._next < len(seen) else 0
            seen = seen[start:start + BATCH]
            self._next = start + BATCH
        for link, was in seen:
            now = _signature(link)
            if now != was:
                with self._lock:
                    if link in self._seen:
                        self._seen[link] = now
                if self.relevant(link):
                    self.changes.add(link)


def _file_links(folder: Path, found: list[Path], folders: list[Path], refused: Callable[[str], object],
                seen: set[str] | None = None) -> None:
    """The links under `folder` to files (`found`), and to folders (`folders`, looked
    through in turn, each folder once: links that lead into one another end). Not
    a link the build refuses (out of the archive: never looked through, nor
    polled), but every other, a dot-named one too (static/.well-known/: copied)."""
    seen = seen if seen is not None else {os.path.realpath(folder)}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    if refused(entry.path):
                        continue
                    real = os.path.realpath(entry.path)
                    if not os.path.isdir(real):
                        found.append(Path(entry.path))
                    elif real not in seen and not os.path.realpath(folder).startswith(real + os.sep):
                        seen.add(real)
                        folders.append(Path(entry.path))
                        _file_links(Path(entry.path), found, folders, refused, seen)
                elif entry.is_dir(follow_symlinks=False):
                    _file_links(Path(entry.path), found, folders, refused, seen)
    except OSError:
        pass


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


SWEEP = 2.0  # seconds between looks at every file the site is made of (Sweep)


class Sweep:
    """What the watcher can miss, found by looking: every file the site is made
    of (content's folders, site.yaml, templates, static files) by its inode,
    size and times, every SWEEP seconds. inotify loses events when its queue
    overflows (a checkout or an unzip of thousands of files), and never sees a
    file written through a hard link from another folder; and a repository
    made above the archive after the preview started was never watched. A file
    whose signature moved since it was last seen or rebuilt is noted as a
    change; `seen` is told of the paths each rebuild took, so that a change the
    watcher did report is not rebuilt twice."""

    def __init__(self, root: Path, places: list[Path], changes: Changes, relevant: Callable[[Path], bool],
                 git_logs: Callable[[], Path], regit: Callable[[], None]):
        self.root, self.places, self.changes, self.relevant = root, places, changes, relevant
        self.git_logs = git_logs  # where the build looks for git's log of HEAD
        self.regit = regit        # makes the build look for the repository again
        self._seen: dict[str, tuple[int, int, int, int] | None] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        """The files as they are before the first build: what changes during it is a change."""
        with self._lock:
            self._seen = self._look()

    def seen(self, paths: Iterable[Path]) -> None:
        """The paths a rebuild is taking, as they are now."""
        with self._lock:
            for path in paths:
                key = str(path)
                if key in self._seen or self.relevant(path):
                    self._seen[key] = _sign(key)

    def sweep(self) -> list[Path]:
        """Note each file changed unseen; return them."""
        logs = _logs_above(self.root)
        if logs is not None and logs != self.git_logs().resolve():
            self.regit()  # a repository made since, or another one now
        now = self._look()
        with self._lock:
            missed = [p for p in now.keys() | self._seen.keys() if now.get(p) != self._seen.get(p)]
            self._seen = now
        found = sorted(path for path in map(Path, missed) if self.relevant(path))
        for path in found:
            self.changes.add(path)
        return found

    def _look(self) -> dict[str, tuple[int, int, int, int] | None]:
        """Every file's signature, by its path as text (2,000 reports: 8 ms here)."""
        found: dict[str, tuple[int, int, int, int] | None] = {}
        folders = []
        for place in self.places:
            if place.is_dir():
                folders.append(str(place))
            elif os.path.lexists(place):
                found[str(place)] = _sign(str(place))
        while folders:
            try:
                entries = list(os.scandir(folders.pop()))
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        folders.append(entry.path)
                    continue
                try:
                    s = entry.stat()
                except OSError:
                    found[entry.path] = None
                    continue
                found[entry.path] = (s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)
        head = str(self.git_logs() / "HEAD")
        found[head] = _sign(head)
        return found


def _sign(path: str) -> tuple[int, int, int, int] | None:
    """A file's inode, size and times, through links; None where there is none."""
    try:
        s = os.stat(path)
    except OSError:
        return None
    return s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns


def _logs_above(root: Path) -> Path | None:
    """git's logs folder of the repository `root` is in, found by looking up for
    .git (a folder; a worktree's .git file names its own), or None: no git run."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return (dot / "logs").resolve()
        if dot.is_file():
            try:
                given = dot.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            if given.startswith("gitdir:"):
                return ((folder / given[len("gitdir:"):].strip()).resolve() / "logs")
            return None
    return None
