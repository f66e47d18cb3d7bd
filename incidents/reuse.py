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
from .cache import Input, LastBuild, Store, digest
from .errors import Problem
from .link import Archive, link, relink
from .load import Item, assemble, parse_item, read_bytes
from .model import Content
from .parallel import fork_map
from .render import feed_reports


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
        todo: list[tuple[int, str, str, bytes, Input]] = []
        for i, (kind, path) in enumerate(files):
            rel = path.relative_to(root).as_posix()
            try:
                st = os.stat(path)
            except OSError as exc:
                results[i] = (None, [Problem(rel, 1, "", f"cannot be read: {exc.strerror}")])
                continue
            sha = self.store.known(rel, st.st_size, st.st_mtime_ns, self.scanned)
            if sha is None:
                data, problems = read_bytes(path, rel, st.st_size)
                if data is None:
                    results[i] = (None, problems)
                    continue
                sha = digest(data)
                stamp = Input(sha, st.st_size, st.st_mtime_ns)
                results[i] = self.store.parsed(rel, sha)
                if results[i] is None:
                    todo.append((i, kind, rel, data, stamp))
                else:
                    self.touched[rel] = stamp
            else:
                stamp = Input(sha, st.st_size, st.st_mtime_ns)
                results[i] = self.store.parsed(rel, sha)
            self.inputs[rel] = stamp
        for (i, _, rel, _, stamp), blob in zip(todo, fork_map(_parse, todo)):
            results[i] = pickle.loads(blob)
            self.store.add_parsed(rel, stamp.sha, stamp.size, stamp.mtime, results[i], blob)
        self.parsed = len(todo)
        return results


def _parse(job: tuple[int, str, str, bytes, Input]) -> bytes:
    """In a worker: parse one file, sent back pickled (the form the cache keeps it in)."""
    _, kind, rel, data, _ = job
    return pickle.dumps(parse_item(kind, rel, data), protocol=pickle.HIGHEST_PROTOCOL)


def plan(store: Store, last: LastBuild | None, content: Content, same_build: bool,
         drafts: bool) -> tuple[Archive, set[str] | None]:
    """The new archive, and the site paths to render: those the change from the
    last build can reach, or None (all) when there is no comparable last build."""
    if last is None or not same_build or last.site != content.site:
        return link(content), None
    items = []
    for rel, stamp in last.inputs.items():
        got = store.parsed(rel, stamp.sha)
        if got is None or got[0] is None:
            return link(content), None
        items.append(got[0])
    old = assemble(last.site, items, [], drafts)
    before = link(old)
    archive = relink(old, before, content)
    return archive, affected_pages(before, archive, feed_reports(before))
