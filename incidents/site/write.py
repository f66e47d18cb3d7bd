"""Atomic output that recycles the previous site.

The new site is written into a twin of the output folder, kept in the cache
folder beside it: the site as it was two builds ago, or a new folder the
first time. Only files whose bytes differ from what the twin holds are
written; then the twin and the output are exchanged in one step
(renameat2's RENAME_EXCHANGE on Linux, renamex_np's RENAME_SWAP on macOS,
else three renames that recover() completes if cut off: fallback_steps), and
the old output becomes the next build's twin. A failed or killed build has
only touched the twin: the output is the last good site, as it was. A twin
made anew is hard links to the output's files, and a file in the twin is
always replaced, never written through, so the output never changes under it.

What the twin holds is found on disk each time, not taken from the record,
but without listing all its folders (at 100,000 reports, 580,000 files in
164,000 folders: 2 to 15 s). Adding, removing or renaming an entry moves its
folder's times, as git's index relies on: a folder whose times and inode are
those recorded when it held just the recorded files holds them still, and
only the others are listed (_survey). A folder's times are recorded as the
build found them before writing (a site written whole: as it left them),
and only when older than the build by more than a clock tick can hide
(RACY_NS): any change after that, the build's own included, moves them, and
the folder is listed again. Its change time cannot be set back, so a time
put back by hand or a backup copied over the cache is seen too; a copy with
its times but new inodes (actions/cache) is vouched for by the modification
times alone."""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import stat
import time
from collections.abc import Callable, Container
from functools import partial
from pathlib import Path, PurePosixPath

from ..cache import PREVIEW, RACY_NS, Folders, Manifest, Stamp, cache_dir, digest
from ..errors import BuildError
from ..parallel import Later, libc


def check_output(out: Path, root: Path, fix: str = "choose an empty or new folder",
                 marks: tuple[str, ...] = ("index.html", "404.html", "sitemap.xml"), every: bool = True,
                 preview: bool = False) -> None:
    """Refuse an output folder whose removal would lose someone's work (`fix`:
    what to do when it holds something else than a built site; `marks`: what
    a built site holds, where no cache beside it says so, `every` one of them
    or any), and, but to the preview (`preview`), the preview's own folder."""
    out, root = out.resolve(), root.resolve()
    if not preview and (folder := _preview_folder(out, root)):  # a build would pull its pages from under a preview
        where = "is the preview's folder" if folder == out else f"is inside the preview's folder {folder}"
        raise BuildError(f"{out}: {where} (`serve` writes it): choose a folder of its own, "
                         "such as output/ in the archive (the default)")
    if out == root or out in root.parents:
        raise BuildError(f"{out}: the output folder cannot be the archive or a folder that holds it: "
                         "choose a folder of its own, such as output/ in the archive (the default)")
    for keep in ("content", "templates", "static", "tests", ".git"):
        if out == root / keep or (root / keep) in out.parents:
            raise BuildError(f"{out}: the output folder cannot be inside {keep}/: choose a folder of its own, "
                             "such as output/ in the archive (the default)")
    for folder in (out, *out.parents):  # .output.cache/site: the spare copy a build of output/ empties
        if folder.name.startswith(".") and folder.name.endswith(".cache") and (folder / "state.sqlite").is_file():
            raise BuildError(f"{out}: the output folder cannot be inside a build's cache ({folder}): choose a "
                             "folder of its own, such as output/ in the archive (the default)")
    # A built site: where the cache beside it says a build made it, and what a
    # build makes is there (not a folder made again, someone's files in it);
    # without the cache, its home page, its 404 page and its sitemap, all three
    # (a folder of someone's own with an index.html of theirs is not replaced).
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not _ours(out) and not (all if every else any)(
            (out / name).is_file() for name in marks))):
        raise BuildError(f"{out}: exists and is not a built site; {fix}")


def _preview_folder(out: Path, root: Path) -> Path | None:
    """The preview's folder that `out` (resolved) is or is in: this archive's
    .serve/ wherever a link puts it, or the .serve/ of any archive (a folder
    beside a site.yaml), which a preview of that archive empties of what it
    did not make."""
    own = (root / PREVIEW).resolve()
    return next((folder for folder in (out, *out.parents) if folder == own or (
        folder.name == PREVIEW and (folder.parent / "site.yaml").is_file())), None)


def _ours(out: Path) -> bool:
    """Whether a build made `out`, by its cache beside it and what only a build writes there."""
    return (cache_dir(out) / "state.sqlite").is_file() and any(
        (out / name).exists() for name in ("sitemap.xml", "feed.xml", "reports", "events", "404.html"))


def checked_rel(rel: str) -> tuple[str, ...]:
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("..", ".", "") for p in parts):
        raise BuildError(f"refusing to write outside the output folder: {rel!r}")
    return parts


# Below this many recorded files the records are checked here: a process of
# their own would cost more than it saves.
CHECK_APART = 5000


class Output:
    """The output folder, its twin, and what each holds (checked against the disk)."""

    def __init__(self, out: Path, cache: Path, out_record: tuple[Manifest, Folders] | None,
                 twin_record: tuple[Manifest, Folders] | None):
        self.out = out.resolve()
        self.twin = cache / "site"
        self._swap = cache / "swap"
        self._recover()
        out_files, self.out_folders = out_record or (None, {})
        self._out_files = out_files
        self._current: Manifest | None = None
        self._out_known = False
        self._as_recorded = False  # the output holds just what its record says
        # Whether finish() made the twin the output that the record "out" describes,
        # as recorded: then that record is the twin's.
        self.twin_was_out = False
        self._twin_record = twin_record
        # Both records checked against the disk in a process of its own, while this
        # one reads the content back (0.3 s of a one-report edit at 10,000 reports).
        twin_files = (twin_record or ({}, {}))[0]
        self._checks = Later([partial(_disagreeing, self.out, out_files or {},
                                      same_folder(self.out, self.out_folders)),
                              partial(_disagreeing, self.twin, twin_files,
                                      same_folder(self.twin, (twin_record or ({}, {}))[1]))],
                             fork=len(out_files or {}) + len(twin_files) >= CHECK_APART)
        self.twin_files: Manifest = {}
        self.twin_folders: Folders = {}
        self._twin_extra: set[str] = set()    # files in the twin that no record speaks of
        self._twin_empty: list[str] = []      # empty folders in the twin
        self._seen: Folders = {}              # the twin's folders as begin() found them
        self.listed = 0                       # folders listed (the others were vouched for)
        self.files: Manifest = {}   # the new site, file by file
        self.unmade: list[str] = []  # finish(): the old output's files this build does not make, none recorded
        self._made: set[Path] = set()

    @property
    def current(self) -> Manifest:
        """What the output holds, as recorded: the recorded files the disk agrees with."""
        return self._checked_out()

    @current.setter
    def current(self, files: Manifest) -> None:
        self._current = files

    @property
    def out_known(self) -> bool:
        """Whether every file the output held was recorded (as the build found it)."""
        self._checked_out()
        return self._out_known

    def _checked_out(self) -> Manifest:
        """The output's record as the disk agrees with it, taken from the check on first use."""
        if self._current is None:
            changes = self._checks.result(0)
            self._current = _agreed(self._out_files or {}, changes)
            self._as_recorded = self._out_files is not None and not changes
            # Whether every file of the output is recorded: if not, the twin it becomes
            # holds files nobody knows of, and the next build must look for them.
            self._out_known = self._out_files is not None and len(self._current) == len(self._out_files)
        return self._current

    def out_exact(self) -> bool:
        """Whether the output holds just the files recorded, no more (a file put there by hand)."""
        empty: list[str] = []
        found, _, self.listed = _survey(self.out, self.current, self.out_folders, empty,
                                        other=(self._twin_record or ({}, {}))[1])
        return self.out_known and not found and not empty

    def strays(self) -> list[str]:
        """The files in the output no build made (put there by hand), when the
        record knows every file the output held: the exchange moves them with the
        old site into the twin, which the next build empties, so a build says so."""
        if not self.out_known:
            return []
        found, _, _ = _survey(self.out, self.current, self.out_folders, other=(self._twin_record or ({}, {}))[1])
        return sorted(found)

    def begin(self) -> None:
        """Before the first file is written: find out what the twin holds, or make it.
        The record alone is never trusted: a file touched, cut short, replaced,
        or put there (the cache restored without its times, a build killed
        half-way) must not leave a file there that the new site does not have."""
        twin_files, folders = self._twin_record or ({}, {})
        checked = True  # the twin is the folder the record and the check speak of
        if self.twin.is_symlink() or (self.twin.exists() and not self.twin.is_dir()):
            self.twin.unlink()
        if not self.twin.exists():
            twin_files, folders = _linked(self.out, self.twin, self.current) if self.current else {}, {}
            checked = False
        self.twin.mkdir(exist_ok=True)
        found, linked = self._survey_twin(twin_files, folders)
        if linked:
            checked = False  # the check may have found files through a link, where they are no longer
        if not checked:
            self._checks.cancel()
        self.twin_files = (_agreed(twin_files, self._checks.result(1)) if checked
                           else _valid(self.twin, twin_files, same_folder(self.twin, folders)))
        if folders and len(self.twin_files) < len(twin_files):
            # A recorded file gone, or not of the recorded bytes: the twin is not what the record
            # says (an older copy of it put back holds those folders' times, and what a later
            # build removed from them): its folders' times vouch for nothing, all are listed.
            found, _ = self._survey_twin(twin_files, {}, again=True)
        # A recorded file whose bytes are not the recorded ones is in a folder that
        # may not have been listed: it is one more file no record speaks of.
        self._twin_extra = set(found) | (twin_files.keys() - self.twin_files.keys())

    def _survey_twin(self, twin_files: Manifest, folders: Folders, again: bool = False) -> tuple[list[str], bool]:
        """_survey of the twin: the files no record speaks of, once the links among
        them are removed, and whether there were any."""
        self._twin_empty.clear()
        found, self._seen, listed = _survey(self.twin, twin_files, folders, self._twin_empty, other=self.out_folders)
        self.listed = self.listed + listed if again else listed
        links = [rel for rel in found if os.path.islink(self.twin / rel)]
        for rel in links:
            (self.twin / rel).unlink()  # never ours: a file written below a link would land where it points
            found.remove(rel)
        return found, bool(links)

    def _recover(self) -> None:
        recover(self.out, self.twin, self._swap)

    # writing the new site into the twin ----------------------------------------
    def write(self, rel: str, data: bytes) -> Stamp:
        """Put `data` at `rel` in the twin unless it holds those bytes already. Safe in a
        forked worker: it changes nothing the parent relies on; the parent records the stamp."""
        wanted = digest(data)
        had = self.twin_files.get(rel)
        if had is not None and had.digest == wanted:
            return had
        path = self.twin.joinpath(*checked_rel(rel))
        self._folder(path.parent)
        _unlink(path)  # never write through a link into the output's own file
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            st = os.fstat(fd)
        finally:
            os.close(fd)
        return Stamp(wanted, st.st_size, st.st_mtime_ns, st.st_ino)

    def copy(self, rel: str, source: Path, stamp: Stamp) -> Stamp:
        """Put the file `source`, whose bytes have `stamp`'s digest, at `rel` in the twin."""
        had = self.twin_files.get(rel)
        if had is not None and had.digest == stamp.digest:
            return had
        path = self.twin.joinpath(*checked_rel(rel))
        self._folder(path.parent)
        _unlink(path)
        shutil.copyfile(source, path)
        st = path.stat()
        return Stamp(stamp.digest, st.st_size, st.st_mtime_ns, st.st_ino)

    def add(self, rel: str, stamp: Stamp) -> None:
        if rel in self.files:
            raise BuildError(f"two pages claim the same path: /{rel}")
        self.files[rel] = stamp

    def carry(self, rel: str) -> None:
        """Keep the output's `rel`, unchanged, in the new site."""
        stamp = self.current[rel]
        had = self.twin_files.get(rel)  # most often the twin has it already: no path to make
        self.add(rel, had if had is not None and had.digest == stamp.digest else self.copy(rel, self.out / rel, stamp))

    def carry_all(self, rels) -> None:
        for rel in rels:
            self.carry(rel)

    def adopt(self, rel: str) -> None:
        """A file something else (Pagefind) wrote, or left as it was, in the twin: record it."""
        path = self.twin / rel
        st = path.stat()
        had = self.twin_files.get(rel)
        if had is not None and (had.size, had.mtime) == (st.st_size, st.st_mtime_ns):
            self.add(rel, had)
            return
        self.add(rel, Stamp(digest(path.read_bytes()), st.st_size, st.st_mtime_ns, st.st_ino))

    def seed(self, rel: str) -> None:
        """Put the output's `rel` in the twin, where it is not yet part of the new site
        (Pagefind leaves in place the hashed files it would have written alike)."""
        stamp = self.current[rel]
        self.twin_files[rel] = self.copy(rel, self.out / rel, stamp)
        self._twin_extra.discard(rel)

    def drop(self, rel: str) -> None:
        """Remove `rel` from the twin."""
        self.twin_files.pop(rel, None)
        self._twin_extra.discard(rel)
        with contextlib.suppress(FileNotFoundError):
            (self.twin / rel).unlink()

    def listing(self, prefix: str) -> list[str]:
        """The files under `prefix` in the twin, as they are on disk."""
        return sorted(_listing(self.twin / prefix, prefix))

    def clear(self, prefix: str, keep: tuple[str, ...] = (), same: frozenset[str] = frozenset()) -> None:
        """Remove from the twin every file under `prefix` but those under `keep`, and
        those of `same` that hold the bytes the output has."""
        for rel in [r for r in [*self.twin_files, *self._twin_extra] if r.startswith(prefix)
                    and not r.startswith(keep)]:
            had = self.twin_files.get(rel)
            if rel in same and had is not None and had.digest == self.current[rel].digest:
                continue
            self.drop(rel)

    def _folder(self, folder: Path) -> None:
        if folder not in self._made:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError):  # a file where a folder must be
                _clear_way(self.twin, folder)
                folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)

    # finishing ---------------------------------------------------------------------
    def finish(self, atomic: bool = True) -> None:
        """Remove from the twin what the new site does not have, then exchange it with the
        output (`atomic`: in one step where the system can; False forces the three renames)."""
        for rel in sorted((self.twin_files.keys() | self._twin_extra) - self.files.keys()) + self._twin_empty:
            _prune(self.twin / rel, self.twin)
        folders = self._seen  # those the build changed have moved on from these times
        if len(self._made) * 2 > len(folders):
            folders = self._surveyed_again()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if not self.out.exists():
            os.rename(self.twin, self.out)
            # The next build's twin, made now: links to these files.
            self.twin_files, self.current = _linked(self.out, self.twin, self.files), self.files
            self.twin_folders, self.out_folders = {}, folders
            return
        exchange(self.twin, self.out, self._swap, atomic)
        if not self.out_known:
            # No record tells what the old output held (a lost cache): the files of it this
            # build does not make, hand-put or pages of the past alike, said (pipeline.stray_note).
            made = {rel.partition("/")[2] if "/" in rel else rel for rel in self.files} | set(self.files)
            self.unmade = sorted(rel for rel in _all_files(self.twin) if rel not in self.files
                                 and not _made_by_a_build(rel) and rel.partition("/")[2] not in made)
            # The old output, the twin now, holds files no record speaks of (a new
            # generator, a lost cache): rather than let the next build copy every
            # page again, find which of them hold the bytes the new output has.
            self.twin_files, self.current = _recognised(self.twin, self.files), self.files
            self.twin_folders, self.out_folders = {}, folders
            return
        # The old output is the twin now: what it holds is what the output held.
        self.twin_was_out = self._as_recorded
        self.twin_files, self.current = self.current, self.files
        self.twin_folders, self.out_folders = self.out_folders, folders

    def _surveyed_again(self) -> Folders:
        """The times of the twin's folders as this build leaves them, when it wrote in
        most of them (a first build, a new generator): the record begin() made speaks
        of few of them then. Taken now, while the system still holds the folders in
        memory, rather than by listing them all from the disk in the next two builds
        (one as the output, one as the twin: 5 to 16 s each at 100,000 reports); what was
        put there meanwhile is found and removed. Those written within RACY_NS of now
        are recorded UNSURE, as always: a build shorter than that gains nothing."""
        empty: list[str] = []
        strays, folders, _ = _survey(self.twin, self.files, self._seen, empty, other=self.out_folders)
        for rel in strays + empty:  # their folders' times move: those are listed again
            _prune(self.twin / rel, self.twin)
        return folders


def _unlink(path: Path, whole: bool = True) -> bool:
    """Make way for a file at `path`: a folder there is removed whole, or
    (`whole` false) only if it is empty. False if something stayed."""
    try:
        path.unlink()
    except (FileNotFoundError, NotADirectoryError):  # not there, or a file where its folder was
        pass
    except (IsADirectoryError, PermissionError):
        if not path.is_dir():
            raise
        if whole:
            shutil.rmtree(path)
            return True
        try:
            path.rmdir()
        except OSError:
            return False
    return True


def _clear_way(top: Path, folder: Path) -> None:
    """Remove the files standing where `folder`, below `top`, or its parents must be."""
    for parent in [*reversed(folder.relative_to(top).parents), folder.relative_to(top)]:
        path = top / parent
        if path != top and (path.is_symlink() or (path.exists() and not path.is_dir())):
            path.unlink()


def _linked(out: Path, twin: Path, files: Manifest) -> Manifest:
    """A twin made of hard links to the output's files: what it holds at once,
    at the cost of a link each (a file is replaced, never written through).
    Where links cannot be made, an empty twin (every file is then written)."""
    made: set[str] = set()
    linked: Manifest = {}
    base, top = os.fspath(out) + os.sep, os.fspath(twin) + os.sep
    try:
        os.mkdir(twin)
        for rel, stamp in files.items():
            folder = rel.rpartition("/")[0]
            if folder and folder not in made:
                os.makedirs(top + folder, exist_ok=True)
                made.add(folder)
            os.link(base + rel, top + rel)
            linked[rel] = stamp
    except OSError:
        pass  # what was linked is recorded; the rest is written
    return linked


_SITEMAP_PART = re.compile(r"sitemap-[1-9][0-9]*\.xml")  # urls.sitemap_names


def _made_by_a_build(rel: str) -> bool:
    """Whether an output file is of a kind builds make (a page, its citation
    files, the search index, the data): one of an older site, not put by hand."""
    name = rel.rpartition("/")[2]
    return (rel.startswith(("pagefind/", "data/")) or name in ("index.html", "cite.bib", "cite.json", "feed.xml")
            or rel in ("sitemap.xml", "404.html") or _SITEMAP_PART.fullmatch(rel) is not None)


def _all_files(folder: Path) -> list[str]:
    """Every file under `folder`, as paths relative to it (links not followed)."""
    found = []
    for top, _, names in os.walk(folder):
        lead = os.path.relpath(top, folder).replace(os.sep, "/")
        found += [name if lead == "." else f"{lead}/{name}" for name in names]
    return found


def _recognised(folder: Path, files: Manifest) -> Manifest:
    """The files of `folder` that hold the bytes `files` says, read to be sure."""
    found = {}
    top = os.fspath(folder) + os.sep
    for rel, stamp in files.items():
        try:
            with open(top + rel, "rb") as f:
                st = os.fstat(f.fileno())
                if st.st_size != stamp.size or digest(f.read()) != stamp.digest:
                    continue
        except OSError:
            continue
        found[rel] = Stamp(stamp.digest, st.st_size, st.st_mtime_ns, st.st_ino)
    return found


def _valid(folder: Path, files: Manifest, inodes: bool = False) -> Manifest:
    """The entries of `files` that the disk still agrees with. A file of the
    recorded size whose time moved (a cache restored from a tar file, as the
    Pages workflow restores it, keeps times to the microsecond at best) is
    read: if its bytes are the recorded ones, it is kept with its new time,
    rather than rendered again with every other page. With `inodes` (the
    folder is the one recorded, not a copy: same_folder), so is one whose
    inode moved: a tool that writes a new file and puts its time back (`sed
    -i`, then `touch -r`) leaves the size and time a build recorded, not the
    inode. Without, an inode moved is noted (a copy's files all have new ones)."""
    good = {}
    top = os.fspath(folder) + os.sep
    for rel, stamp in files.items():
        try:
            st = os.lstat(top + rel)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue  # a link (to the file it was, perhaps) or a folder: not the file written
        if (st.st_size, st.st_mtime_ns) == (stamp.size, stamp.mtime) and (
                st.st_ino == stamp.inode or not (inodes and stamp.inode)):
            good[rel] = stamp if st.st_ino == stamp.inode else Stamp(stamp.digest, stamp.size, stamp.mtime, st.st_ino)
        elif st.st_size == stamp.size and _digest_of(top + rel) == stamp.digest:
            good[rel] = Stamp(stamp.digest, st.st_size, st.st_mtime_ns, st.st_ino)
    return good


def same_folder(folder: Path, folders: Folders) -> bool:
    """Whether `folder` is the folder its record `folders` describes (its inode
    the one recorded), not a copy of it (a cache restored) nor the other one."""
    try:
        return os.lstat(folder).st_ino == folders.get("", UNSURE)[2]
    except OSError:
        return False


def _disagreeing(folder: Path, files: Manifest, inodes: bool = False) -> dict[str, Stamp | None]:
    """What _valid(folder, files, inodes) changes in `files`: a new stamp, or None for
    an entry it drops. Made in another process, it is all that comes back."""
    good = _valid(folder, files, inodes)
    return {rel: good.get(rel) for rel, stamp in files.items() if good.get(rel) is not stamp}


def _agreed(files: Manifest, changes: dict[str, Stamp | None]) -> Manifest:
    """_valid(folder, files), given _disagreeing(folder, files)."""
    if not changes:
        return dict(files)
    return {rel: new for rel, stamp in files.items() if (new := changes.get(rel, stamp)) is not None}


def _digest_of(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return digest(f.read())
    except OSError:
        return None


def _listing(folder: Path, prefix: str) -> list[str]:
    """Every file under `folder` (a search shard's), as `prefix` + its path there."""
    found: list[str] = []
    stack = [(os.fspath(folder), prefix)]
    while stack:
        top, lead = stack.pop()
        try:
            entries = list(os.scandir(top))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{lead}{entry.name}/"))
            else:
                found.append(lead + entry.name)
    return found


UNSURE = (-1, -1, -1)  # a folder's recorded times that no folder has: it is listed


def _survey(folder: Path, known: Container[str], folders: Folders, empty: list[str] | None = None,
            other: Folders | None = None) -> tuple[list[str], Folders, int]:
    """The files under `folder` that are not `known`, listing only the folders whose
    times or inode moved since `folders` recorded them (a recorded folder holds what
    it held then: the recorded files, and the recorded folders below it). Also the
    times of every folder as seen now, UNSURE for those too recent to vouch for what
    they hold later (a change within RACY_NS of now might not move them), and how
    many folders were listed. Empty folders are added to `empty` when it is given. A
    folder is reached only through folders, never through a link to one.

    The record keeps the inode of the folder it describes (under ""). The same
    folder: each folder's modification and change times and inode must be those
    recorded (the change time, as in git's index, because no one can set it back:
    a backup copied over the cache, or a time put back by hand, moves it). The
    folder that `other` (the record of the output or the twin beside it)
    describes, as a build stopped within an exchange can leave them: nothing is
    vouched for. Another folder, a copy with its times (a cache restored by
    actions/cache into an empty checkout, whose tar keeps them to the nanosecond):
    each folder's modification time alone must be the one recorded."""
    now = time.time_ns()
    top = os.fspath(folder)
    try:
        inode = os.lstat(top).st_ino
    except OSError:
        inode = None
    recorded = folders.get("", UNSURE)[2]
    if recorded == -1 or (inode != recorded and inode == (other or {}).get("", UNSURE)[2]):
        folders = {}
    same = recorded == inode
    below: dict[str, list[str]] = {}
    for rel in folders:
        if rel:
            below.setdefault(rel.rpartition("/")[0], []).append(rel)
    found: list[str] = []
    seen: Folders = {"": (-1, -1, inode)} if inode is not None else {}
    listed = 0
    stack = [""]
    while stack:
        rel = stack.pop()
        path = f"{top}/{rel}" if rel else top
        try:
            st = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise _unreadable(path, exc) from None
        if not stat.S_ISDIR(st.st_mode):
            if rel:
                found.append(rel)   # a file where a recorded folder was
            continue
        times = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        had = folders.get(rel) if rel else None
        if had is not None and (had == times if same else had[0] == times[0]):
            seen[rel] = times
            stack.extend(below.get(rel, ()))
            continue
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise _unreadable(path, exc) from None
        listed += 1
        if rel:  # one too recent to vouch for itself is still recorded, to be reached and listed
            seen[rel] = times if max(st.st_mtime_ns, st.st_ctime_ns) < now - RACY_NS else UNSURE
        if not entries and rel and empty is not None:
            empty.append(rel)
        lead = f"{rel}/" if rel else ""
        for entry in entries:
            name = lead + entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append(name)
            elif name not in known:
                found.append(name)
    return found, seen, listed


def _unreadable(path: str, exc: OSError) -> BuildError:
    return BuildError(f"{path}: cannot be read ({exc.strerror}); remove it, or the folder that holds it, "
                      "and build again")


def _prune(path: Path, top: Path) -> None:
    """Remove `path` (a file, or an empty folder), then its parents up to `top` while they are empty."""
    if not _unlink(path, whole=False):
        return  # a folder the new site has files in
    folder = path.parent
    while folder != top:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def exchange(new: Path, out: Path, swap: Path, atomic: bool = True) -> None:
    """Put the complete site `new` at `out` and the old output at `new`: in one step
    where the system can (`atomic`), else by the renames of fallback_steps, each of
    which leaves a state that recover() turns into the old site or the new one."""
    if atomic and _exchange(new, out):
        return
    for step in fallback_steps(new, out, swap):
        step()


def fallback_steps(new: Path, out: Path, swap: Path) -> list[Callable[[], None]]:
    """The exchange in three renames, for systems without an atomic one (Windows, old
    kernels, some network file systems): the old output moves aside to `swap` only once
    the new site is complete, the new one takes its place, the old one becomes the twin.
    Between the first two there is no output folder, for the time of one rename; a
    build stopped there (killed, a power cut) gets it back at the next build's start."""
    return [lambda: os.rename(out, swap), lambda: os.rename(new, out), lambda: os.rename(swap, new)]


def recover(out: Path, twin: Path, swap: Path) -> None:
    """Before anything else: finish what an exchange cut off between two of its renames
    left. Output moved aside and nothing in its place: the old output comes back (the
    cache describes it). The new site in place: the old one becomes the twin."""
    if not swap.exists():
        return
    if not out.exists():
        os.rename(swap, out)
    elif not twin.exists():
        os.rename(swap, twin)
    else:
        shutil.rmtree(swap, ignore_errors=True)


_RENAME_EXCHANGE = 2   # Linux's renameat2 flag
_RENAME_SWAP = 2       # macOS's renamex_np flag
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2, macOS's renamex_np); False where it cannot."""
    c = libc()
    if hasattr(c, "renameat2"):
        renameat2 = c.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
    if hasattr(c, "renamex_np"):
        renamex_np = c.renamex_np
        renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        return renamex_np(os.fsencode(a), os.fsencode(b), _RENAME_SWAP) == 0
    return False
