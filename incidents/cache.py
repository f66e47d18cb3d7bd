"""What one build leaves for the next, in a dot-folder beside the output
(`output/` → `.output.cache/`): every content file parsed, what the last
build was made of, and what the output folder and its recycled twin hold.

Nothing here is trusted blindly, and nothing here can stop a build: a
cache that cannot be read as ours (a torn write, garbage, another program's
file) raises CacheDamaged, and the build throws the cache away, says so in
one line and starts again from nothing. A parsed file is reused only while its size
and modification time are those it was read with (or, when they changed or
are too recent to tell, while its bytes hash the same); an output file's
record only while its size and time are those it was written with. The
store's key, made from the generator's own code and the libraries it runs
on, empties it when any of those changed: a code change invalidates what it
must. Only what the output folder and its twin hold is kept then, as plain
values: facts about files on disk, checked against the disk before use, which
spare a new generator's first build rewriting every file. Templates are not
in the key: a template change re-renders the pages and reuses every parsed file."""

from __future__ import annotations

import datetime as dt
import contextlib
import errno
import hashlib
import os
import pickle
import shutil
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError, Problem
from .content.model import SiteConfig, record

PACKAGE = Path(__file__).resolve().parent
# The libraries whose versions change what a build writes: the templates, the
# Markdown and the links in it (mdurl), the YAML, the escaping, look-alike
# names, the addresses of names in other scripts (anyascii), dates and numbers.
LIBRARIES = ("Jinja2", "markdown-it-py", "mdurl", "PyYAML", "MarkupSafe", "confusable-homoglyphs", "anyascii", "Babel")
# A file changed within this long of the scan that read it may have changed
# again without its time moving (coarse clocks): its bytes are hashed.
RACY_NS = 2_000_000_000


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def file_key(st: os.stat_result) -> int:
    """Beside its size, what says an input is the file last read: its times and
    inode. Its modification time alone can be put back (touch -r, tar, cp -p)
    and two files can share it (swapped by renaming); the kernel sets the
    change time on every write, rename or touch, and nothing sets it back (git
    trusts its index the same way). Kept where a stamp keeps a time."""
    return hash((st.st_mtime_ns, st.st_ctime_ns, st.st_ino))


def settled(st: os.stat_result, scanned: int) -> bool:
    """Whether a file was last written or touched RACY_NS before `scanned`, the
    scan that read it: sooner, it may have changed again with no time moving."""
    return max(st.st_mtime_ns, st.st_ctime_ns) < scanned - RACY_NS


@record  # with slots: an output of 100,000 reports has 580,000 files, each with a Stamp in every manifest
class Stamp:
    """A file as written: its bytes' digest, and the size, time and inode it was left
    with (0: not known). A tool that writes a new file and puts the old time back
    (`sed -i` then `touch -r`) leaves a new inode (write._valid)."""

    digest: bytes
    size: int
    mtime: int
    inode: int = 0


Manifest = dict[str, Stamp]  # output file (relative path) → stamp
# Output folder (relative path) → (modification time, change time, inode) when it held
# just what its manifest says (write.py: a folder whose times have not moved need not be listed).
Folders = dict[str, tuple[int, int, int]]
# Records of what folders on disk hold, kept when the generator changes.
DISK = ("out", "twin")
_MANIFESTS = ("out", "twin")


@record
class Input:
    """A content file as last read."""

    sha: bytes
    size: int
    mtime: int


@dataclass(frozen=True)
class LastBuild:
    """What the last good build was made of, to tell what the next one must redo."""

    options: tuple
    theme: bytes                      # digest of every template
    site: SiteConfig
    inputs: dict[str, Input]          # content file → as read
    site_file: Input                  # site.yaml, as read
    paths: tuple[str, ...]            # the site's pages
    static: dict[str, bytes]          # static file → digest
    counts: tuple[int, int]           # reports, events
    warnings: tuple[Problem, ...]
    scanned: int                      # time.time_ns() when its scan began
    git: object = None                # history.GitState of the checkout, None outside git
    day: str = ""                     # the day its warnings were found (ISO), which "after today" speaks of

    def warnings_hold(self) -> bool:
        """Whether its warnings are still true with nothing changed: one that a date
        is "after today" (lint.impossible_dates) may not be, the next day."""
        return self.day == dt.date.today().isoformat() or not any(" is after today (" in w.message
                                                                  for w in self.warnings)


# What each named record holds; one of another type is as good as absent.
RECORD_TYPES: dict[str, type | tuple[type, ...]] = {
    "key": str, "last": LastBuild, "out": dict, "twin": dict, "static": dict,
    "lint": dict, "indexed": dict, "history": object,
    "shards": dict,  # search shard → (search.index.shard_key, its files)
    "cldr": dict}  # locale → cldr.Facts


class CacheDamaged(Exception):
    """The cache holds what this generator cannot read back."""


# Settings read from the environment that change what a build writes: a change
# to one is a change of the generator (every page made again, the index too).
SETTINGS = ("INCIDENTS_SHARD_PAGES", "INCIDENTS_LIST_PAGE", "INCIDENTS_SITEMAP_URLS", "PAGEFIND_BINARY_PATH")


def code_key() -> str:
    """The generator as it is: its modules and data, Python's and the libraries'
    versions, and the settings of the environment it reads (SETTINGS)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(sys.version.encode())
    for name in SETTINGS:
        h.update(f"{name}={os.environ.get(name, '')}\0".encode())
    versions = installed(LIBRARIES)
    for name in LIBRARIES:
        if name in versions:
            h.update(f"{name}={versions[name]}".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def installed(names: tuple[str, ...]) -> dict[str, str]:
    """The version of each distribution of `names` that Python would import, read
    from its `<name>-<version>.dist-info` (or `.egg-info`) on sys.path: what
    importlib.metadata.version says, without its import (19 ms here, of the
    150 ms a build spends importing). A name without its version (an
    `.egg-info` of `setup.py develop`) is read from its metadata."""
    wanted = {_normal(n): n for n in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            stem, dot, kind = entry.rpartition(".")
            if not dot or kind not in ("dist-info", "egg-info"):
                continue
            dist, _, version = stem.partition("-")
            name = wanted.get(_normal(dist))
            if name is None or name in found:
                continue
            version = version.partition("-")[0] or _metadata_version(Path(folder or ".", entry))
            if version:
                found[name] = version
    return found


def _metadata_version(path: Path) -> str:
    """The Version: line of a dist-info's METADATA, an egg-info's PKG-INFO, or an egg-info file."""
    for file in (path / "METADATA", path / "PKG-INFO", path):
        try:
            with open(file, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("Version:"):
                        return line[len("Version:"):].strip()
                    if not line.strip():
                        break  # the headers end at the first empty line
        except OSError:
            continue
    return ""


def _normal(name: str) -> str:
    """A distribution's name as packaging compares them: "markdown-it-py", "Markdown_It.py" alike."""
    return name.lower().replace("-", "_").replace(".", "_")


def cache_dir(out: Path) -> Path:
    out = out.resolve()
    return out.parent / f".{out.name}.cache"


PREVIEW = ".serve"  # the preview's output folder, in the archive: `serve` writes it, no build does


def written(root: Path, out: Path | None = None) -> list[Path]:
    """The folders builds of the archive at `root` write, which no link in it may
    lead into (confine.py): `out` and its cache, the default output/ and its
    cache, and the preview's .serve/ (PREVIEW)."""
    outs = dict.fromkeys([*([out] if out else []), root / "output", root / PREVIEW])
    return [f for o in outs for f in (o, cache_dir(o))]


class Store:
    """The cache's SQLite file: parsed content files, and a few named records."""

    def __init__(self, folder: Path, key: str):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        state = folder / "state.sqlite"
        # A file of no bytes is an empty cache to SQLite: emptied by something (a disk
        # full, a tool), said as the reason a build after it makes every page.
        self.emptied = state.is_file() and state.stat().st_size == 0
        self._db = _connect(state)
        with self.reading():
            previous = self.record("key")
            # a cache another generator made (its code, Python, a library, a setting): nothing of it is used
            self.renewed = previous is not None and previous != key
            if previous != key:
                self._db.execute("DELETE FROM parsed")
                self._db.execute("DELETE FROM lines")
                self._db.execute(f"DELETE FROM records WHERE name NOT IN ({', '.join('?' * len(DISK))})", DISK)
                self.put_record("key", key)
                self._db.commit()
        self._rows: dict[str, list[list]] | None = None   # rel → [sha, size, mtime, pickled item]
        self._items: dict[tuple[str, bytes], object] = {}

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """The database's own errors, as CacheDamaged; a full disk as the OSError it is."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise _unwritten(exc, self.folder / "state.sqlite") from None

    # named records -------------------------------------------------------------
    def record(self, name: str):
        """A named record, or None when there is none of the type it must have
        (one from another version of the generator is as good as absent)."""
        with self.reading():
            row = self._db.execute("SELECT value FROM records WHERE name = ?", (name,)).fetchone()
        if row is None or (data := opened(row[0])) is None:  # a record changed since it was written: as if absent
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - unreadable: as if absent
            return None
        if not isinstance(value, RECORD_TYPES[name]):
            return None
        return _disk(value) if name in _MANIFESTS else value

    def put_record(self, name: str, value) -> None:
        if name in _MANIFESTS:  # plain values, readable by any version (see DISK)
            value = _plain(*value)
        with self.reading():
            self._db.execute("INSERT OR REPLACE INTO records VALUES (?, ?)",
                             (name, sealed(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))))

    def rename_record(self, source: str, target: str) -> None:
        """Make the record `source` the record `target`, its bytes left where they
        are (the output's manifest, when the output the last build left is the
        twin now: at 10,000 reports, made again, it took 0.13 s)."""
        with self.reading():
            self._db.execute("DELETE FROM records WHERE name = ?", (target,))
            self._db.execute("UPDATE records SET name = ? WHERE name = ?", (target, source))

    # the data files' lines (site/data.py), a row each ------------------------------
    def lines(self, kind: str) -> Iterator[tuple[str, str]]:
        """(slug, line) of each line of `kind` the last build kept. A row at a time:
        at 100,000 reports they are a quarter of a gigabyte."""
        with self.reading():
            for slug, line in self._db.execute("SELECT slug, line FROM lines WHERE kind = ?", (kind,)):
                if not (isinstance(slug, str) and isinstance(line, str)
                        and line[:8] == _line_check(kind, slug, line[8:])):
                    raise CacheDamaged(f"{self.folder / 'state.sqlite'}: a data file's line is not as written")
                yield slug, line[8:]

    def put_lines(self, kind: str, made: dict[str, str], keep: set[str] | None) -> None:
        """Keep the lines `made`, and of the others only those of the slugs in `keep`."""
        db = self._db
        with self.reading():
            if keep is None:
                db.execute("DELETE FROM lines WHERE kind = ?", (kind,))
            else:
                gone = [(kind, slug) for (slug,) in db.execute("SELECT slug FROM lines WHERE kind = ?", (kind,))
                        if slug not in keep and slug not in made]
                db.executemany("DELETE FROM lines WHERE kind = ? AND slug = ?", gone)
            db.executemany("INSERT OR REPLACE INTO lines VALUES (?, ?, ?)",  # each line with its checksum first
                           ((kind, slug, f"{_line_check(kind, slug, line)}{line}") for slug, line in made.items()))

    # parsed content files --------------------------------------------------------
    def rows(self) -> dict[str, list[list]]:
        if self._rows is None:
            rows: dict[str, list[list]] = {}
            with self.reading():
                for rel, sha, size, mtime, blob in self._db.execute("SELECT rel, sha, size, mtime, item FROM parsed"):
                    if not (isinstance(rel, str) and isinstance(sha, bytes) and isinstance(blob, bytes)):
                        raise CacheDamaged(f"{self.folder / 'state.sqlite'}: a parsed file's row is not ours")
                    rows.setdefault(rel, []).append([sha, size, mtime, blob])
            self._rows = rows
        return self._rows

    def known(self, rel: str, size: int, key: int, settled: bool) -> bytes | None:
        """The hash of `rel` as parsed before, if its size and file_key say it is
        unchanged (`settled`: and it was not changed just before the last scan)."""
        if not settled:
            return None
        for sha, s, m, _ in self.rows().get(rel, ()):
            if (s, m) == (size, key):
                return sha
        return None

    def has(self, rel: str, sha: bytes) -> bool:
        return any(s == sha for s, *_ in self.rows().get(rel, ()))

    def parsed(self, rel: str, sha: bytes):
        """(item, problems) parsed from `rel` when its bytes hashed `sha`, or None.
        The same object each time, so that unchanged items are one object in the
        old content and the new (link.relink and affected.py rely on it)."""
        key = (rel, sha)
        if key not in self._items:
            for row in self.rows().get(rel, ()):
                if row[0] == sha:
                    self._items[key] = _unpickled(row[3], rel, sha, self.folder)
                    row[3] = None  # a 100,000-report archive's pickles are 600 MB
                    break
            else:
                return None
        return self._items[key]

    def forget_items(self) -> None:
        """Let the parsed items go (the records about them stay)."""
        self._items.clear()

    def add_parsed(self, rel: str, sha: bytes, size: int, mtime: int, parsed, blob: bytes) -> None:
        """Keep `parsed` (pickled: `blob`), read from `rel` when its bytes hashed `sha`:
        in memory as it is, on disk pickled."""
        self._items[(rel, sha)] = parsed
        with self.reading():
            self._db.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?, ?, ?)",
                             (rel, sha, size, mtime, sealed(blob, _row_key(rel, sha))))

    def keep_parsed(self, wanted: set[tuple[str, bytes]], stamps: dict[str, Input]) -> None:
        """Forget every parsed file not in `wanted`; note the new times of `stamps`."""
        db = self._db
        with self.reading():
            for rel, rows in self.rows().items():
                for sha, *_ in rows:
                    if (rel, sha) not in wanted:
                        db.execute("DELETE FROM parsed WHERE rel = ? AND sha = ?", (rel, sha))
            for rel, stamp in stamps.items():  # a file touched but unchanged: its new time
                db.execute("UPDATE parsed SET size = ?, mtime = ? WHERE rel = ? AND sha = ?",
                           (stamp.size, stamp.mtime, rel, stamp.sha))
        self._rows = None

    def commit(self) -> None:
        with self.reading():
            self._db.commit()


def discard(folder: Path) -> None:
    """Throw a cache away but for its lock (held by the build that calls this)."""
    for child in folder.iterdir() if folder.is_dir() else ():
        if child.name == "lock":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                child.unlink()


def _row_key(rel: str, sha: bytes) -> bytes:
    """What a parsed file's row is the row of, which its checksum covers with its
    bytes: a row holding another's (two swapped by a tool or a hand) is found,
    not read as that file (a report vanished from a site built on it)."""
    return rel.encode("utf-8", "surrogatepass") + b"\0" + sha


def _line_check(kind: str, slug: str, line: str) -> str:
    """A data file's line's checksum, over its kind and slug too (as _row_key)."""
    key = zlib.crc32(f"{kind}\0{slug}\0".encode("utf-8", "surrogatepass"))
    return f"{zlib.crc32(line.encode('utf-8', 'surrogatepass'), key):08x}"


def _unpickled(blob: bytes | None, rel: str, sha: bytes, folder: Path):
    """A parsed file as the cache keeps it; garbage is CacheDamaged (unpickling
    garbage can raise almost anything)."""
    data = opened(blob, _row_key(rel, sha)) if blob is not None else None
    if data is None:
        raise CacheDamaged(f"{folder / 'state.sqlite'}: {rel} is not as it was written (its checksum)")
    try:
        value = pickle.loads(data)
    except Exception as exc:  # noqa: BLE001
        raise CacheDamaged(f"{folder / 'state.sqlite'}: {rel} cannot be read back ({type(exc).__name__})") from None
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], list)):
        raise CacheDamaged(f"{folder / 'state.sqlite'}: {rel} is not a parsed file")
    return value


def sealed(data: bytes, key: bytes = b"") -> bytes:
    """`data` and its CRC-32 after it: a byte of the cache changed on the disk
    (a bad sector, a tool, a hand) is found, not built into pages that a clean
    build would not make (a pickle so changed often still loads). `key`, what
    the bytes are the bytes of, is covered too (not stored)."""
    return data + zlib.crc32(data, zlib.crc32(key)).to_bytes(4, "little")


def opened(blob: bytes, key: bytes = b"") -> bytes | None:
    """What sealed() sealed with `key`, or None if it is not as written."""
    data = blob[:-4]
    return data if len(blob) >= 4 and zlib.crc32(data, zlib.crc32(key)).to_bytes(4, "little") == blob[-4:] else None


DIGEST = 16  # bytes of a digest()


def _plain(files: Manifest, folders: Folders) -> dict:
    """A manifest and its folders' times as plain values: the files' names
    joined by NUL (which no name holds), their digests end to end, their sizes
    and times as 8-byte integers. At 10,000 reports (59,000 files) made,
    pickled and written in a quarter of the time a tuple per file took
    (0.137 -> 0.037 s), and read back a little faster."""
    stamps = list(files.values())
    return {"names": "\0".join(files), "digests": b"".join([s.digest for s in stamps]),
            "sizes": _numbers([s.size for s in stamps]), "mtimes": _numbers([s.mtime for s in stamps]),
            "inodes": _numbers([s.inode for s in stamps]), "folders": dict(folders)}


def _numbers(values: list[int]) -> bytes:
    """Integers as 8 bytes each, little-endian (a cache may move to another machine)."""
    numbers = array("q", values)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def _disk(value) -> tuple[Manifest, Folders] | None:
    """What a folder holds (a manifest and its folders' times) from its plain form
    (_plain), or None if it is not that: both come from one record, so that one
    is never trusted without the other."""
    if not (isinstance(value, dict) and isinstance(value.get("names"), str) and isinstance(value.get("folders"), dict)
            and all(isinstance(value.get(k), bytes) for k in ("digests", "sizes", "mtimes"))
            and isinstance(value.get("inodes", b""), bytes)):
        return None
    names = value["names"].split("\0") if value["names"] else []
    sizes, mtimes, inodes, digests = array("q"), array("q"), array("q"), value["digests"]
    try:
        sizes.frombytes(value["sizes"])
        mtimes.frombytes(value["mtimes"])
        inodes.frombytes(value.get("inodes") or bytes(len(value["sizes"])))  # before 7 Dec 2026: none known
    except ValueError:  # not a whole number of integers
        return None
    if sys.byteorder == "big":
        sizes.byteswap()
        mtimes.byteswap()
        inodes.byteswap()
    if (not len(names) == len(sizes) == len(mtimes) == len(inodes) == len(digests) // DIGEST
            or len(digests) % DIGEST):
        return None
    files = {rel: Stamp(digests[i:i + DIGEST], size, mtime, inode)
             for rel, i, size, mtime, inode in zip(names, range(0, len(digests), DIGEST), sizes, mtimes, inodes)}
    if len(files) != len(names):  # a name twice
        return None
    for rel, times in value["folders"].items():
        if not (isinstance(rel, str) and isinstance(times, tuple) and len(times) == 3
                and all(isinstance(t, int) for t in times)):
            return None
    return files, value["folders"]


def _connect(path: Path) -> sqlite3.Connection:
    """The store's database; one that cannot be opened as ours is CacheDamaged."""
    try:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE IF NOT EXISTS records (name TEXT PRIMARY KEY, value BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS parsed (rel TEXT, sha BLOB, size INTEGER, mtime INTEGER, "
                   "item BLOB, PRIMARY KEY (rel, sha))")
        db.execute("CREATE TABLE IF NOT EXISTS lines (kind TEXT, slug TEXT, line TEXT, PRIMARY KEY (kind, slug))")
        db.commit()
        return db
    except sqlite3.DatabaseError as exc:
        raise _unwritten(exc, path) from None


def _unwritten(exc: sqlite3.DatabaseError, path: Path) -> Exception:
    """SQLite's error as the build says it: a disk too full to write the database
    is no damage to the cache (thrown away, the next build would make every page
    again), but an OSError like any other write's, said as a full disk."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        # Another program holds the database (the build's own builds wait on its lock file):
        # nothing is wrong with the cache, which is kept, and the site is left as it was.
        return BuildError(f"{path}: the build cache is held by another program ({exc}): close it (an sqlite3 "
                          "shell, a backup or sync tool) and build again")
    return CacheDamaged(f"{path}: {exc}")


def misshapen(folder: Path) -> str:
    """Take away a file where the cache's folder goes, or a folder where its lock
    goes (neither is anything a build left: the names are the cache's own), and
    say what was taken ("" if nothing was)."""
    lock = folder / "lock"
    if os.path.lexists(folder) and not folder.is_dir():
        folder.unlink()
        return f"{folder} was a file, where the build keeps its cache: it was removed, and the site built from nothing"
    if lock.is_dir() and not lock.is_symlink():
        shutil.rmtree(lock)
        return f"{lock} was a folder, where the build keeps its lock: it was removed"
    return ""


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One build at a time per output folder."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / "lock"
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; builds there must not overlap
        yield
        return
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
