"""The search index: Pagefind, called as a command over the written site.

Pagefind is pinned in package.json (npm's 1.6.0 writes the same bytes for
the same pages, where PyPI's 1.5.2 does not) and installed by dev.py into
node_modules/. PAGEFIND_BINARY_PATH points at another binary.

A large archive's index is split into shards that the search page merges
(Pagefind's mergeIndex), so that an edit re-indexes one shard, not every
page, and no one Pagefind run has to hold every page in memory. The main
index, at pagefind/, holds the actor and location pages; each other shard,
at pagefind/shards/<name>/, holds the events of a span of time with their
reports, so a report and its event are always indexed together, and shards
listed newest first keep a search sorted by date in order. An archive of up
to twice SHARD_PAGES indexed pages is one index."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from .errors import BuildError
from .link import Archive
from .parallel import cores
from .urls import actor_path, event_path, output_file, place_path, report_path

HOME = Path(__file__).resolve().parent.parent
VERSION = "1.6.0"
_PLATFORMS = {("Linux", "x86_64"): "linux-x64", ("Linux", "aarch64"): "linux-arm64",
              ("Darwin", "arm64"): "darwin-arm64", ("Darwin", "x86_64"): "darwin-x64",
              ("Windows", "AMD64"): "windows-x64"}
# Pages per shard: small enough that re-indexing one takes about a second here,
# large enough that a search fetches a few files per shard, not hundreds.
SHARD_PAGES = int(os.environ.get("INCIDENTS_SHARD_PAGES", "1000"))
MAIN = "pagefind/"
LISTING = "pagefind/shards.json"


def pagefind_binary() -> Path:
    """The pinned Pagefind binary, or a BuildError that says how to get it."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        path = Path(given)
        if not path.is_file():
            raise BuildError(f"PAGEFIND_BINARY_PATH={given}: no such file")
        return path
    arch = _PLATFORMS.get((platform.system(), platform.machine()), "")
    folder = HOME / "node_modules" / "@pagefind" / arch / "bin"
    for name in ("pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe"):
        if arch and (folder / name).is_file():
            return folder / name
    raise BuildError(f"Pagefind {VERSION} is not installed: run `python3 dev.py setup` (or `npm install --no-save` in {HOME}), "
                     "or build with --no-search")


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: a name ("" for the main index) and the pages it indexes."""

    name: str
    files: tuple[str, ...]

    @property
    def folder(self) -> str:
        """Where its index goes in the site."""
        return MAIN if not self.name else f"{MAIN}shards/{self.name}/"


def plan_shards(archive: Archive, size: int = SHARD_PAGES) -> list[Shard]:
    """The shards of this archive's index: the main one first, then newest first."""
    entities = [output_file(actor_path(s)) for s in sorted(archive.actors)]
    entities += [output_file(place_path(s)) for s in sorted(archive.places)]
    dated = [(e.date, e.slug, [output_file(event_path(e.slug))] + [output_file(report_path(r)) for r in e.reports])
             for e in archive.events.values()]
    if len(entities) + sum(len(files) for *_, files in dated) <= 2 * size:
        return [Shard("", tuple(sorted(entities + [f for *_, files in dated for f in files])))]
    groups: list[tuple[str, list[str]]] = []
    dated.sort(key=lambda d: (d[0], d[1]))
    for year, in_year in groupby(dated, key=lambda d: d[0].year):
        groups += _split(f"{year:04d}", list(in_year), lambda d: d[0].month, size)
    shards, name, files = [], "", []
    for group, pages in groups:  # runs of small groups make one shard
        if files and len(files) + len(pages) > size:
            shards.append(Shard(name, tuple(sorted(files))))
            name, files = "", []
        name = group if not name else f"{name.split('_')[0]}_{group}"
        files += pages
    if files:
        shards.append(Shard(name, tuple(sorted(files))))
    return [Shard("", tuple(entities))] + shards[::-1]


def _split(name: str, events: list, by, size: int) -> list[tuple[str, list[str]]]:
    """A year's events as one group, or by month when it is over twice `size`
    pages, and a month by a stable hash of the event's slug when it is too."""
    pages = [f for *_, files in events for f in files]
    if len(pages) <= 2 * size:
        return [(name, pages)]
    if by is not None:
        out = []
        for month, in_month in groupby(events, key=by):
            out += _split(f"{name}-{month:02d}", list(in_month), None, size)
        return out
    buckets = -(-len(pages) // size)
    parts: dict[int, list[str]] = {}
    for _, slug, files in events:
        parts.setdefault(int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=4).digest(), "big") % buckets,
                         []).extend(files)
    return [(f"{name}-{i}", parts[i]) for i in sorted(parts)]


def shard_key(shard: Shard, digests: dict[str, bytes]) -> bytes:
    """What a shard's index is made from: Pagefind's version, its place, its pages' bytes."""
    h = hashlib.blake2b(f"{VERSION}\0{shard.folder}".encode(), digest_size=16)
    for rel in shard.files:
        h.update(rel.encode() + b"\0" + digests[rel])
    return h.digest()


def index_shards(site: Path, shards: Iterable[Shard], farm: Path | None) -> None:
    """Write each shard's index into `site`, several Pagefind runs at a time.
    Each shard's pages are hard-linked into a folder of their own under `farm`
    for Pagefind to read; without `farm`, the one shard is the whole site."""
    binary = pagefind_binary()
    todo = list(shards)
    running: list[tuple[subprocess.Popen, Shard]] = []
    failures: list[str] = []
    try:
        while todo or running:
            while todo and len(running) < cores() and not failures:
                shard = todo.pop(0)
                if farm is None:
                    command = [str(binary), "--site", str(site)]
                else:
                    folder = farm / (shard.name or "main")
                    _link_pages(site, folder, shard.files)
                    command = [str(binary), "--site", str(folder), "--output-path", str(site / shard.folder)]
                running.append((_start(command + ["--silent"]), shard))
            if not running:
                break
            process, shard = running.pop(0)
            out, err = process.communicate(timeout=3600)
            if process.returncode != 0 or not (site / shard.folder / "pagefind.js").is_file():
                detail = (err or out).strip().splitlines()
                failures.append(f"Pagefind failed (exit {process.returncode})" + (f": {detail[-1]}" if detail else ""))
    except subprocess.TimeoutExpired:
        failures.append("Pagefind took over an hour and was stopped")
    finally:
        for process, _ in running:
            process.kill()
            process.wait()
        if farm is not None:
            shutil.rmtree(farm, ignore_errors=True)
    if failures:
        raise BuildError(failures[0])


def _start(command: list[str]) -> subprocess.Popen:
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "NO_COLOR": "1"})
    except OSError as exc:
        raise BuildError(f"{command[0]}: cannot run Pagefind: {exc.strerror}") from None


def _link_pages(site: Path, folder: Path, files: Iterable[str]) -> None:
    """A folder holding just these pages of `site`, at the same paths (hard links, else copies)."""
    shutil.rmtree(folder, ignore_errors=True)
    made: set[Path] = set()
    for rel in files:
        target = folder / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        try:
            os.link(site / rel, target)
        except OSError:
            shutil.copyfile(site / rel, target)


def index_site(site: Path) -> None:
    """Write site/pagefind/ for every page of `site`, as one index (the preview server's)."""
    index_shards(site, [Shard("", ())], None)
    (site / LISTING).write_bytes(listing([]))


def listing(shards: list[Shard]) -> bytes:
    """pagefind/shards.json: the shards the search page merges into the main index."""
    return json.dumps({"shards": [s.folder[len(MAIN):] for s in shards if s.name]}).encode() + b"\n"
