"""What a build takes from the last one: the content files it parsed (read
again only when their bytes changed, and then on every core), and the pages
a change can reach (affected.py) rather than every page.

The last build's content is put together again from the cache, linked, and
compared with the new: the same comparison the preview server makes in
memory, so both rest on affected.py and its test against clean builds."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from .affected import affected_pages
from .cache import Input, LastBuild, Store, digest, file_key, settled
from .content.files import UNREAD_PREFIX
from .errors import ContentError, Problem
from .content.link import Archive, link, relink
from .content.load import Item, assemble, parse_item, read_bytes
from .content.model import Content
from .parallel import fork_map
from .site.render import feed_reports


class CachedReader:
    """A load.Reader: each content file parsed once for its bytes, the rest from the cache."""

    def __init__(self, store: Store, scanned: int):
        self.store = store
        self.scanned = scanned                 # when the last build's scan began
        self.inputs: dict[str, Input] = {}     # every file read, as read now
        self.touched: dict[str, Input] = {}    # files whose time changed but not their bytes
        self.parsed = 0                        # files parsed anew

    def __call__(self, root: Path, files: list[tuple[str, Path]]) -> list[tuple[Item | None, list[Problem]]]:
        results: list = [None] * len(files)
        todo: list[tuple[int, str, str, Path, os.stat_result]] = []
        self.store.rows()  # read here, before workers are forked, who must not use the database
        for i, (kind, path) in enumerate(files):
            rel = f"content/{kind}/{path.name}"  # as load.content_files made it: cheaper than relative_to
            try:
                st = os.stat(path)
            except OSError as exc:
                results[i] = (None, [Problem(rel, 1, "", f"cannot be read: {exc.strerror}")])
                continue
            sha = self.store.known(rel, st.st_size, file_key(st), settled(st, self.scanned))
            if sha is None:
                todo.append((i, kind, rel, path, st))
            else:
                results[i] = self.store.parsed(rel, sha)
                self.inputs[rel] = Input(sha, st.st_size, file_key(st))
        # Files that may have changed are read, hashed and (if new) parsed on every core.
        for (i, _, rel, _, st), (sha, blob) in zip(todo, fork_map(self._read, todo, died=_crashed)):
            if sha is None:  # unreadable, or too large: not kept
                results[i] = pickle.loads(blob)
                continue
            stamp = self.inputs[rel] = Input(sha, st.st_size, file_key(st))
            if blob is None:
                results[i] = self.store.parsed(rel, sha)
                self.touched[rel] = stamp
            else:
                results[i] = pickle.loads(blob)
                self.store.add_parsed(rel, sha, st.st_size, file_key(st), results[i], blob)
                self.parsed += 1
        return results

    def _read(self, job: tuple[int, str, str, Path, os.stat_result]) -> tuple[bytes | None, bytes | None]:
        """In a worker: (hash, None) for bytes parsed before, else (hash, the parsed item
        pickled: the form the cache keeps it in); (None, problems pickled) if unreadable."""
        _, kind, rel, path, st = job
        data, problems = read_bytes(path, rel, st)
        if data is None:
            return None, pickle.dumps((None, problems))
        sha = digest(data)
        if self.store.has(rel, sha):
            return sha, None
        return sha, pickle.dumps(parse_item(kind, rel, data), protocol=pickle.HIGHEST_PROTOCOL)


def _crashed(job: tuple[int, str, str, Path, os.stat_result], why: str) -> tuple[None, bytes]:
    """_read's answer for a file whose parsing killed the worker (yamlbounds.py is meant to prevent it)."""
    rel = job[2]
    return None, pickle.dumps((None, [Problem(rel, 1, "", f"reading this file crashed the parser ({why}); "
                                              "look for deeply nested brackets or indentation in its front matter")]))


def plan(store: Store, last: LastBuild | None, content: Content, same_build: bool,
         drafts: bool, added: dict[str, str] | None = None) -> tuple[Archive, set[str] | None]:
    """The new archive, and the site paths to render: those the change from the
    last build can reach, or None (all) when there is no comparable last build.
    `added`: when each content file came into the archive (history.added_dates)."""
    if last is None or not same_build or last.site != content.site:
        return link(content), None
    items = []
    for rel, stamp in last.inputs.items():
        got = store.parsed(rel, stamp.sha)
        if got is None or got[0] is None:
            return link(content), None
        items.append(got[0])
    # The last build's content as it built it: with the files it did not read (a report
    # in content/reports/sub/ may name an event, and no event is then called unnamed).
    unread = [w for w in last.warnings if w.message.startswith(UNREAD_PREFIX)]
    try:
        old = assemble(last.site, items, [], drafts, unread)
    except ContentError:  # what built then cannot be put together again: every page made anew
        return link(content), None
    before = link(old)
    archive = relink(old, before, content)
    return archive, affected_pages(before, archive, feed_reports(before, added), added)


def stale_rows(archive: Archive, todo: set[str]) -> tuple[set[str], set[str]]:
    """The reports and events whose lines in the data files may have changed:
    a report's line shows what its page shows, an event's line what its page
    and its reports' pages show, and affected.py names those pages."""
    reports = {rel[len("reports/"):-1] for rel in todo if rel.startswith("reports/") and rel.count("/") == 2}
    events = {rel[len("events/"):-1] for rel in todo if rel.startswith("events/") and rel.count("/") == 2}
    return reports, events | {archive.reports[r].event for r in reports if r in archive.reports}
