"""The search index: Pagefind, given each shard's pages of the written site
in the shard's order (pagefindservice.py), so that no file system's order of
listing a folder changes a byte of it.

Pagefind is pinned in package.json (npm's 1.6.0 writes the same bytes for
the same pages, where PyPI's 1.5.2 does not) and installed by dev.py into
node_modules/, where pagefindservice.pagefind_binary finds it;
PAGEFIND_BINARY_PATH points at another binary.

A large archive's index is split into shards that the search page merges
(Pagefind's mergeIndex), so that an edit re-indexes one shard, not every
page, and no one Pagefind run has to hold every page in memory. The main
index, at pagefind/, holds the actor and location pages; each other shard,
at pagefind/shards/<name>/, holds the events of a span of time with their
reports, so a report and its event are always indexed together, and shards
listed newest first keep a search sorted by date in order. An archive of up
to ONE_INDEX indexed pages is one index; shard_pages() says how large a
shard is."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

from ..cache import CacheDamaged, file_key
from ..errors import BuildError
from ..content.link import Archive
from .pagefindfiles import HASHED, sound, used_files
from .pagefindservice import built_page, pagefind_binary, pagefind_identity, request, write_index
from ..parallel import cores
from ..site.urls import actor_path, event_path, output_file, place_path, report_path
from ..site.write import Output

# Pages per shard: the smallest of SIZES that makes at most MOST_SHARDS
# shards of the archive's indexed pages (in one language). An edit indexes its
# shard again: Pagefind's service takes about 2 ms a page here, reading and
# writing, so 0.3 s for 160 pages and 0.5 s for 250 (bench/perf.py, README
# "Performance"); a search of every year asks every shard, about 30 KiB
# a word each (bench/search_bytes.py: at 2,000 reports, 393 KiB for shards of
# 250, 497 KiB for 160, 717 KiB for 125). Small archives get small shards, so
# that an edit at 2,000 reports is under a second; large ones no more shards
# than that. The size changes at 3,200, 5,000 and 10,000 pages, where every
# shard is indexed again once.
SIZES = (160, 250, 500, 1000)
MOST_SHARDS = 20
# Up to this many indexed pages (about 700 reports), one index and no shards.
ONE_INDEX = 1000
# Shards of the latest years the search page merges at once, with the actors and
# places: each index asked costs a visitor ~30 KB a word (bench/search_bytes.py:
# two dated shards made a first search at 10,000 reports 101 KiB, one 7x KiB), so
# older years wait until a reader asks.
FIRST = 1


def shard_pages(pages: int) -> int:
    """Pages per shard in an archive of `pages` indexed pages, or
    INCIDENTS_SHARD_PAGES (tests use small shards)."""
    given = os.environ.get("INCIDENTS_SHARD_PAGES")
    if given:
        return max(1, int(given))
    return next((size for size in SIZES if pages <= MOST_SHARDS * size), SIZES[-1])


def _one_index(pages: int, size: int | None) -> bool:
    """Whether `pages` make one index: up to ONE_INDEX, or twice a size that is given."""
    if size is None and not os.environ.get("INCIDENTS_SHARD_PAGES"):
        return pages <= ONE_INDEX
    return pages <= 2 * (size or shard_pages(pages))


MAIN = "pagefind/"
LISTING = "pagefind/shards.json"


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: a name ("" for the main index), the pages it indexes,
    and for a shard of events and reports the years they cover (first, last, and
    the last in which one starts: a December event's end in January is no
    event of that year's lists), by which the search page merges the latest
    first and the others when asked."""

    name: str
    files: tuple[str, ...]
    years: tuple[int, int, int] | None = None

    @property
    def folder(self) -> str:
        """Where its index goes in the site."""
        return MAIN if not self.name else f"{MAIN}shards/{self.name}/"


def plan_shards(archive: Archive, size: int | None = None) -> list[Shard]:
    """The shards of this archive's index: the main one first, then newest first.
    A page's twins in the site's other languages are in its shard: Pagefind
    splits each index by the pages' <html lang> (one index per language, with
    that language's stemming), and a search page loads its own language's."""
    shards = _plan_shards(archive, size)
    folders = [f"{lang}/" for lang in archive.site.languages[1:]]
    if not folders:
        return shards
    return [replace(s, files=tuple(s.files) + tuple(d + f for d in folders for f in s.files)) for s in shards]


def _plan_shards(archive: Archive, given: int | None = None) -> list[Shard]:
    entities = [output_file(actor_path(s)) for s in sorted(archive.actors)]
    entities += [output_file(place_path(s)) for s in sorted(archive.places)]
    dated = [(e.date, e.slug, [output_file(event_path(e.slug))] + [output_file(report_path(r)) for r in e.reports])
             for e in archive.events.values()]
    spans_of = {output_file(event_path(e.slug)): (e.date.year, (e.end_date or e.date).year)
                for e in archive.events.values()}
    spans_of.update({output_file(report_path(r.slug)): (r.date.year, (r.end_date or r.date).year)
                     for r in archive.reports.values()})
    pages = len(entities) + sum(len(files) for *_, files in dated)
    if _one_index(pages, given):
        return [Shard("", tuple(sorted(entities + [f for *_, files in dated for f in files])))]
    # The actors and places are one index, whatever their number: every search
    # asks it (a name is what readers search most), and each index asked costs
    # a visitor a part of its word index. Their pages' lists are not indexed
    # (data-pagefind-ignore): an edit to a report does not reach it.
    shards = [Shard("", tuple(entities))]
    size = given or shard_pages(pages)
    # Years small enough share a shard; a larger year has shards of its own,
    # by month, so that its growth moves no other year's shards.
    spans: list[tuple[str, list[str]]] = []
    small: list[tuple[str, list[str]]] = []
    dated.sort(key=lambda d: (d[0], d[1]))
    for year, in_year in groupby(dated, key=lambda d: d[0].year):
        events = list(in_year)
        pages = [f for *_, files in events for f in files]
        if len(pages) <= size:
            small.append((f"{year:04d}", pages))
            continue
        spans += _packed(small, size) + _packed(_months(f"{year:04d}", events, size), size)
        small = []
    spans += _packed(small, size)
    return shards + [Shard(name, tuple(sorted(files)), (min(spans_of[f][0] for f in files),
                                                       max(spans_of[f][1] for f in files),
                                                       max(spans_of[f][0] for f in files)))
                     for name, files in reversed(spans)]


def _months(year: str, events: list, size: int) -> list[tuple[str, list[str]]]:
    """A year's events by month ("2019-03"); a month of more than `size` pages
    by a stable hash of its events' slugs ("2019-03-0", "2019-03-1")."""
    months: list[tuple[str, list[str]]] = []
    for month, in_month in groupby(events, key=lambda d: d[0].month):
        keyed = [(slug, files) for _, slug, files in in_month]
        if sum(len(files) for _, files in keyed) <= size:
            months.append((f"{year}-{month:02d}", [f for _, files in keyed for f in files]))
        else:
            months += _buckets(f"{year}-{month:02d}", keyed, size)
    return months


def _packed(groups: list[tuple[str, list[str]]], size: int) -> list[tuple[str, list[str]]]:
    """Runs of consecutive groups of at most `size` pages together, named by
    their first and last ("2019-01_2019-04")."""
    packed: list[tuple[str, list[str]]] = []
    first = last = ""
    files: list[str] = []
    for group, pages in groups:
        if files and len(files) + len(pages) > size:
            packed.append((first if first == last else f"{first}_{last}", files))
            files = []
        if not files:
            first = group
        last, files = group, files + pages
    if files:
        packed.append((first if first == last else f"{first}_{last}", files))
    return packed


def _buckets(name: str, keyed: list[tuple[str, list[str]]], size: int) -> list[tuple[str, list[str]]]:
    """(key, pages) shared into buckets of about `size` pages by a stable hash
    of the key, so that a thing stays in its bucket while the count holds."""
    count = max(1, -(-sum(len(files) for _, files in keyed) // size))
    parts: dict[int, list[str]] = {}
    for key, files in keyed:
        parts.setdefault(int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % count,
                         []).extend(files)
    return [(f"{name}-{i}", sorted(parts[i])) for i in sorted(parts)]


_ATTRIBUTE_VALUES = re.compile(r"""=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)""")
_IGNORE = re.compile(r"(?<![\w-])data-pagefind-ignore(?![\w-])")
_TAGGED = re.compile(r"<[^<>]*\bdata-pagefind-(?:filter|meta|sort)\b[^<>]*>[^<]*")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def indexed_digest(html: str) -> bytes:
    """A digest of what Pagefind reads of a page: all of it but the elements marked
    data-pagefind-ignore (save the filters, sorts and metadata in them). A page whose other parts change (an actor's list of
    events, say) leaves its shard as it was. Every "<" in a page comes from a
    template (content is escaped), so tags can be told apart; where the markup
    cannot be followed, nothing is left out."""
    kept, start, at = [], 0, html.find("data-pagefind-ignore")
    while at != -1:
        open_at = html.rfind("<", start, at)
        end = html.find(">", open_at) if open_at != -1 else -1
        # Neither "<" nor ">" is ever in text or in a value (both are escaped): the
        # word is in a tag only if that tag ends after it.
        tag = re.match(r"<([A-Za-z][A-Za-z0-9-]*)", html[open_at:end]) if end > at else None
        name = tag.group(1).lower() if tag else ""
        if not tag or name in _VOID or not _IGNORE.search(_ATTRIBUTE_VALUES.sub("", html[open_at + tag.end():end])):
            at = html.find("data-pagefind-ignore", at + 1)  # a value, a void element: not an ignored element
            continue
        close = _closing(html, name, end + 1)
        if close == -1:  # never closed: keep everything
            return hashlib.blake2b(html.encode(), digest_size=16).digest()
        kept.append(html[start:open_at])
        kept += _TAGGED.findall(html, open_at, close)  # filters, sorts and metadata are read even there
        start = close
        at = html.find("data-pagefind-ignore", start)
    kept.append(html[start:])
    return hashlib.blake2b("".join(kept).encode(), digest_size=16).digest()


def _closing(html: str, name: str, start: int) -> int:
    """Where the element of this name open before `start` ends, nesting counted; -1 if never."""
    depth = 1
    for m in re.finditer(rf"<(/?){name}(?=[\s>/])[^>]*>", html[start:], re.I):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return start + m.end()
    return -1


def shard_key(shard: Shard, digests: dict[str, bytes]) -> bytes:
    """What a shard's index is made from: the Pagefind installed (its version and
    binary), its place, and what Pagefind reads of its pages (indexed_digest)."""
    h = hashlib.blake2b(f"{pagefind_identity()}\0{shard.folder}".encode(), digest_size=16)
    for rel in shard.files:
        h.update(rel.encode() + b"\0" + digests[rel])
    return h.digest()


def update_index(output: Output, shards: list[Shard], indexed: dict[str, bytes],
                 last: dict[str, tuple[bytes, tuple[str, ...]]]) -> tuple[dict[str, tuple[bytes, tuple[str, ...]]], int]:
    """Index again the shards whose pages changed for Pagefind (`indexed`: each
    page's indexed_digest), keeping the others' files as they are. Returns each
    shard's key and files, for the next build, and how many were indexed."""
    return index_meanwhile(output, shards, indexed, last)()


def index_meanwhile(output: Output, shards: list[Shard], indexed: dict[str, bytes],
                    last: dict[str, tuple[bytes, tuple[str, ...]]], early: bool = False
                    ) -> Callable[..., tuple[dict[str, tuple[bytes, tuple[str, ...]]], int]]:
    """update_index in two halves: Pagefind starts on the stale shards in a
    thread of its own, and the function returned waits for it and records what
    it wrote (update_index's answer). Meanwhile this thread may write other
    files of the site, not the shards' pages or anything under pagefind/, and
    must call the function returned, even when it fails (with abandon=True:
    so that no Pagefind writes into the site after the build has ended).
    `early`: what Pagefind is sent is made here, before the thread starts (an
    edit's few shards: made beside this thread's Python, it took five times as
    long; a full build's shards are made one by one in their threads, not all
    held at once)."""
    keys = {s.name: shard_key(s, indexed) for s in shards}
    nested = ("pagefind/shards/", LISTING)
    done: dict[str, tuple[bytes, tuple[str, ...]]] = {}
    stale: list[Shard] = []
    for s in shards:
        key, files = last.get(s.name, (b"", ()))
        if key == keys[s.name] and files and all(f in output.current for f in files):
            output.carry_all(files)
            done[s.name] = (key, files)
        else:
            stale.append(s)
    # A stale shard is indexed over its last index's hashed files, which Pagefind
    # leaves as they are where it would write them alike (pagefindfiles.py).
    kept = {s.name: frozenset(f for f in last.get(s.name, (b"", ()))[1] if HASHED.search(f) and f in output.current)
            for s in stale}
    for s in stale:
        output.clear(s.folder, keep=nested if not s.name else (), same=kept[s.name])
        for rel in kept[s.name] - output.twin_files.keys():
            output.seed(rel)
    failed: list[BaseException] = []

    sent = {s.name: request(output.twin, s.files, output.twin / s.folder) for s in stale} if early else {}

    def run() -> None:
        try:
            index_shards(output.twin, stale, sent)
        except BaseException as exc:  # noqa: BLE001 - raised again by finish(), in the build's thread
            failed.append(exc)

    worker = threading.Thread(target=run, name="pagefind", daemon=True)
    if stale:
        worker.start()

    def finish(abandon: bool = False) -> tuple[dict[str, tuple[bytes, tuple[str, ...]]], int]:
        """Wait for Pagefind, and record what it wrote (`abandon`: the build
        failed meanwhile, only wait)."""
        if stale:
            worker.join()
        if abandon:
            return {}, 0
        if failed:
            raise failed[0]
        # Which hashed files the new index uses, where the last one's were kept (None: all)
        used = {s.name: used_files(output.twin / s.folder) if kept[s.name] else None for s in stale}
        unread = [s for s in stale if kept[s.name] and used[s.name] is None]
        for s in unread:  # metadata this code cannot read: index it again from nothing
            output.clear(s.folder, keep=nested if not s.name else ())
        if unread:
            index_shards(output.twin, unread)
        for s in stale:
            made = []
            for rel in output.listing(s.folder):
                if s.name or not rel.startswith(nested):
                    if used[s.name] is not None and HASHED.search(rel) and rel[len(s.folder):] not in used[s.name]:
                        output.drop(rel)  # of the last index only
                    else:
                        output.adopt(rel)
                        made.append(rel)
            done[s.name] = (keys[s.name], tuple(made))
        output.add(LISTING, output.write(LISTING, listing(shards)))
        return done, len(stale)

    return finish


def index_shards(site: Path, shards: Iterable[Shard], sent: dict[str, bytes] | None = None) -> None:
    """Write each shard's index into `site`, several Pagefind runs at a time, each
    given its shard's pages in the shard's order (pagefindservice.py): the same
    pages give the same index on any file system. `sent`: what some shards'
    runs are sent, made already (pagefindservice.request)."""
    binary = pagefind_binary()
    todo = list(shards)
    sent = sent or {}
    with ThreadPoolExecutor(max_workers=max(1, min(cores(), len(todo)))) as pool:
        failures = [f for f in pool.map(lambda s: write_index(binary, site, s.files, site / s.folder,
                                                              sent.pop(s.name, None), merged=bool(s.name)),
                                        todo) if f]
    if failures:
        raise BuildError(failures[0])


_INDEXED = re.compile(r"(?:[a-z]{2}/)?(?:reports|events|actors|locations)/[^/]+/index\.html")


def indexed_page(file: str) -> bool:
    """Whether Pagefind indexes this output file (search/tags.py marks these pages up)."""
    return _INDEXED.fullmatch(file) is not None


class LiveIndex:
    """The preview server's search index, kept up to date shard by shard in the
    folder it serves: after an edit, only the shards whose pages changed for
    Pagefind are indexed again (seconds at 10,000 reports, not a whole run)."""

    # The key of each shard the folder's index holds, written once an update has
    # ended and removed as one begins: a preview stopped while it indexed (Ctrl-C,
    # a kill) leaves none, and the next one indexes every shard again, where it
    # would have served the half-made index for good.
    KEYS = "pagefind/preview-keys.json"

    def __init__(self, site: Path):
        self.site = site
        self.keys: dict[str, bytes] = self._kept()
        # The hashed files found sound, by path, with the size and cache.file_key they had then;
        # every shard's are checked at the first update, a stale shard's at each.
        self._sound: dict[str, tuple[int, int]] = {}
        self._checked = False

    def _kept(self) -> dict[str, bytes]:
        try:
            kept = json.loads((self.site / self.KEYS).read_text(encoding="utf-8"))
            return {str(name): bytes.fromhex(key) for name, key in kept.items()}
        except (OSError, ValueError, AttributeError, TypeError):  # none, or not as written: every shard is stale
            return {}

    def update(self, archive: Archive, digests: dict[str, bytes],
               now: Callable[[str], bytes | None] | None = None) -> int:
        """Bring the index up to date with `archive`, whose indexed pages have these
        indexed_digests; returns how many shards were indexed. `now`: a page's
        digest as the preview last wrote it (it may write again meanwhile).
        NotWritten where a page of the archive has no digest (not yet written)."""
        shards = plan_shards(archive)
        if any(f not in digests for s in shards for f in s.files):
            raise NotWritten("the site's pages are not all written yet")
        keys = {s.name: shard_key(s, digests) for s in shards}
        if not self._checked:  # the preview's first update: every shard's kept files
            for s in shards:
                if self._damaged(s):
                    self.keys.pop(s.name, None)
            self._checked = True
        stale = [s for s in shards if self.keys.get(s.name) != keys[s.name]
                 or not (self.site / s.folder / "pagefind-entry.json").is_file()]
        if not stale and self.keys.keys() == keys.keys():
            return 0
        (self.site / self.KEYS).unlink(missing_ok=True)
        nested = ("shards", "shards.json")
        # Indexed over the last index's files, as in update_index: its hashed files, and the
        # others (pagefind.js, pagefind-entry.json), which Pagefind writes again. They are
        # served meanwhile (a search page loaded while Pagefind works), and those it did
        # not write again removed after.
        last = {}
        for s in stale:
            last.update(_unhashed(self.site / s.folder, keep=() if s.name else nested))
            self._damaged(s)
        # The shards no longer planned; with no record (a preview stopped while it indexed),
        # every folder of shards/ the plan does not name, whatever the last plan was.
        folder = self.site / MAIN / "shards"
        gone = self.keys.keys() - keys.keys() if self.keys else {
            p.name for p in (folder.iterdir() if folder.is_dir() else ()) if p.is_dir()} - keys.keys()
        for name in gone:
            shutil.rmtree(self.site / Shard(name, ()).folder, ignore_errors=True)
        if stale:
            try:
                self._as_written(stale, digests, now)
                index_shards(self.site, stale)
            except CacheDamaged:
                # A page gone or written again by a rebuild since `digests` (a report added,
                # then deleted a moment later) is no damage: the rebuild asks for another run.
                if now is not None and any(now(f) != digests.get(f) for s in stale for f in s.files):
                    raise NotWritten("pages written again while they were indexed") from None
                raise
        for path, mtime in last.items():
            with contextlib.suppress(OSError):
                if os.stat(path).st_mtime_ns == mtime:  # not written again: not the new index's
                    os.unlink(path)
        used = {s.name: used_files(self.site / s.folder) for s in stale}
        unread = [s for s in stale if used[s.name] is None]
        for s in unread:  # indexed again from nothing: every file is the new index's
            _clear(self.site / s.folder, keep=() if s.name else nested)
        if unread:
            index_shards(self.site, unread)
        for s in stale:
            folder, names = self.site / s.folder, used[s.name]
            if names is None:
                continue
            for path in [p for p in folder.rglob("*") if HASHED.search(p.name)]:
                rel = path.relative_to(folder).as_posix()
                if rel not in names and (s.name or rel.partition("/")[0] != "shards"):
                    path.unlink()
        (self.site / LISTING).write_bytes(listing(shards))
        self.keys = keys
        (self.site / self.KEYS).write_text(json.dumps({name: key.hex() for name, key in keys.items()}),
                                           encoding="utf-8")
        return len(stale)


    def _damaged(self, shard: Shard) -> bool:
        """Remove the shard's hashed files that no longer hold what their names
        say (pagefindfiles.sound), and say whether there were any: Pagefind
        leaves a file of the name it would write as it is, so a fragment cut
        short or edited by hand would be served for good. A file is read once
        while its size and file_key (times and inode) stay those it was found sound with."""
        folder = self.site / shard.folder
        damaged = False
        for path in folder.rglob("*.pf_*") if folder.is_dir() else ():
            rel = path.relative_to(folder).as_posix()
            if not HASHED.search(rel) or (not shard.name and rel.partition("/")[0] == "shards"):
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            key = os.fspath(path)
            if self._sound.get(key) == (st.st_size, file_key(st)):
                continue
            if path.is_file() and sound(path):
                self._sound[key] = (st.st_size, file_key(st))
                continue
            self._sound.pop(key, None)
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            damaged = True
        return damaged

    def _as_written(self, shards: list[Shard], digests: dict[str, bytes],
                    now: Callable[[str], bytes | None] | None) -> None:
        """CacheDamaged unless each page Pagefind is to read is what the preview
        wrote (`digests`, or since: `now`, a rebuild having written it again):
        one changed by hand would be indexed as it now is. A page written again
        since `digests` is indexed as it now is, and its shard again next time."""
        for s in shards:
            for rel in s.files:
                wrote = digests.get(rel)
                if wrote is not None and (found := indexed_digest(built_page(self.site / rel))) != wrote:
                    if now is None or now(rel) != found:
                        raise CacheDamaged(f"{self.site / rel}: not the page the preview wrote (changed since)")


class NotWritten(Exception):
    """The preview has not written every page of its archive (a rebuild after
    forget() not yet done, or failed), or wrote some again while they were
    indexed: the index waits for the next run."""


def _unhashed(folder: Path, keep: tuple[str, ...]) -> dict[str, int]:
    """The files of `folder` and its folders that are not Pagefind's hashed
    files, but for the entries of `keep`, each with its modification time."""
    found: dict[str, int] = {}
    if folder.is_dir():
        for entry in os.scandir(folder):
            if entry.name in keep:
                continue
            if entry.is_dir(follow_symlinks=False):
                found.update(_unhashed(Path(entry.path), ()))
            elif not HASHED.search(entry.name):
                with contextlib.suppress(OSError):
                    found[entry.path] = entry.stat(follow_symlinks=False).st_mtime_ns
    return found


def _clear(folder: Path, keep: tuple[str, ...]) -> None:
    """Empty `folder` but for the entries named in `keep`."""
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _one_language(files: tuple[str, ...]) -> int:
    """A shard's pages in the default language: a visitor's search loads one language's index."""
    return sum(1 for f in files if not re.match(r"[a-z]{2}/", f))


def listing(shards: list[Shard]) -> bytes:
    """pagefind/shards.json: the shards the search page may merge into the main
    index, with their pages and, for shards of events and reports, their years
    (newest first): the page merges the latest at once, the rest when asked. A
    year filter merges the shards whose pages it may find ("from" to "to"); the
    buttons name them by the years their events start ("from" to "last"), or
    by month where a year is split ("since" to "until": months_of)."""
    pages = sum(_one_language(s.files) for s in shards)
    return json.dumps({"first": FIRST * shard_pages(pages),
                       "shards": [{"path": s.folder[len(MAIN):], "pages": _one_language(s.files),
                                   **({"from": s.years[0], "to": s.years[1], "last": s.years[2],
                                       **dict(zip(("since", "until"), months_of(s.name)))}
                                      if s.years else {})}
                                  for s in shards if s.name]}).encode() + b"\n"


def months_of(name: str) -> tuple[str, str]:
    """The first and last month a shard of events and reports holds events
    starting in, by its name ("2025-07_2025-08", "2012_2014", "2019-03-1"): a
    year begins in January and ends in December. The search page says "since
    July 2025" when the shards it merged begin within a year."""
    first, _, last = name.partition("_")
    last = last or first
    return (first[:7] if len(first) >= 7 else f"{first[:4]}-01", last[:7] if len(last) >= 7 else f"{last[:4]}-12")
