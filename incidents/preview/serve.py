"""`build.py serve`: the local preview. Builds into .serve/ (the preview's own
folder, separate from `build`'s output/), serves it, rebuilds what changed
(incremental.py) when the watcher (watch.py) reports a change, and tells open
pages to reload. Everything the server knows lives in one Preview object."""

from __future__ import annotations

import errno
import html
import http.server
import ipaddress
import mimetypes
import os
import re
import select
import signal
import socket
import sys
import threading
import time
from collections import ChainMap
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..cache import PREVIEW, CacheDamaged, written
from ..confine import refusal
from ..content.files import UNREAD_PREFIX
from ..content.lint import lint
from ..content.load import unread_files
from ..errors import ContentError
from .incremental import Incremental, Outcome
from ..search.index import LiveIndex, NotWritten
from ..search.pagefindservice import stop_all
from ..site.filterdata import FILTER_DATA
from ..site.history import note_problems, site_moves
from ..site.i18n import available
from ..site.sitelinks import prose_sections, site_link_warnings
from ..site.urls import Urls, is_list_page
from .watch import POLL, SWEEP, Changes, Linked, Recorder, Sweep, start_watching

OUT = PREVIEW             # the preview's output folder, in the archive
# The banner's words over a page while the content has errors (Preview._serving).
SERVING = {"good": "This is the last good version.", "earlier": "This is what an earlier preview built.",
           "none": "Nothing could be built yet."}
ENDPOINTS = "__serve/"    # under the site's prefix: reload.js, overlay.css, events
PING = 15.0               # seconds between keep-alive comments on the event stream
BACKLOG = 256             # connections the system queues before the server takes them: a page's
                          # requests times a few hundred clients, never a 30 s wait for a full queue
IDLE = 30.0               # seconds a connection may keep the server waiting (a request, a write)
STREAMS = 100             # reload streams open at once; more get 503 (their pages just do not reload)
LOOK = 1.0                # seconds between looks at whether a reload stream's page has gone

TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".bib": "application/x-bibtex; charset=utf-8", ".geojson": "application/geo+json",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/x-icon",
    ".webp": "image/webp", ".woff2": "font/woff2", ".wasm": "application/wasm",
    ".pf_fragment": "application/octet-stream", ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream", ".pf_filter": "application/octet-stream",
}
NAMED_TYPES = {"feed.xml": "application/atom+xml; charset=utf-8"}

RELOAD_JS = b"""// Preview only (never in a built site): reload this page when the site is rebuilt.
// A hidden tab lets go of its stream (a browser opens six connections to a host at
// most, and each open stream holds one) and asks again, from the same version, when shown.
(function () {
  var script = document.currentScript;
  var since = new URL(script.src).searchParams.get("v") || "";
  var url = new URL("events?since=" + encodeURIComponent(since) +
                    "&page=" + encodeURIComponent(location.pathname), script.src);
  var source = null;
  function open() {
    if (source) { return; }
    source = new EventSource(url);
    source.addEventListener("reload", function () { source.close(); location.reload(); });
  }
  function close() {
    if (source) { source.close(); source = null; }
  }
  document.addEventListener("visibilitychange", function () { if (document.hidden) { close(); } else { open(); } });
  if (!document.hidden) { open(); }
})();
"""
OVERLAY_CSS = b"""/* Preview only: the banner that lists content errors. */
.serve-errors { position: sticky; top: 0; z-index: 1000; margin: 0; padding: 1em 1.5em;
  background: #fff4f4; color: #5c0000; border-bottom: 4px solid #b00020; font: 16px/1.5 system-ui, sans-serif; }
.serve-errors h2 { margin: 0 0 .25em; font-size: 1.15em; }
.serve-errors ul { margin: .5em 0 0; padding-left: 1.25em; }
.serve-errors code { font: 14px/1.4 ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
"""
NOT_FOUND = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Page not found</h1></body></html>
"""


def resolve(out: Path, target: str) -> Path | None:
    """The file under `out` a request path names, or None: refused are `..`
    and `.` segments (also percent-encoded), backslashes, NUL, anything whose
    real path (symlinks followed) is outside `out`, and the preview's record of
    its search index (LiveIndex.KEYS). A folder means its index.html."""
    path = urlsplit(target).path
    if "\\" in path or "\x00" in path:
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not decoded.startswith("/") or "\\" in decoded or "\x00" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p in (".", "..") for p in parts) or "/".join(parts) == LiveIndex.KEYS:  # the preview's, not the site's
        return None
    top = os.path.realpath(out)
    real = os.path.realpath(os.path.join(top, *parts))
    if real != top and not real.startswith(top + os.sep):
        return None
    if os.path.isdir(real):
        real = os.path.join(real, "index.html")
        if os.path.realpath(real) != real:
            return None
    return Path(real) if os.path.isfile(real) else None


def content_type(path: Path) -> str:
    return NAMED_TYPES.get(path.name) or TYPES.get(path.suffix.lower()) or (
        mimetypes.guess_type(path.name)[0] or "application/octet-stream")


# Large files nobody looks at while editing: brought up to date when asked for,
# with the data page, which gives their sizes (each in every language's folder).
DEFERRED = frozenset({"data/reports.json", "data/events.json", "data/events.csv", "data/events.geojson",
                      FILTER_DATA, "data/"})
# Pages rendered just after the reload, not before: the lists, and the actor and
# place pages (an actor may have thousands of events), so that the report or
# event being edited is served at once, whatever the size of the archive.
LISTS = frozenset({"", "reports/", "events/", "timeline/", "actors/", "locations/", "tags/", "search/"})


SETTLE = 0.1  # seconds between the reload and the rendering of the lists


def soon(rel: str) -> bool:
    """Whether a site path is rendered before the reload (else right after it):
    in each language's folder as in the default's ("fr/actors/x/" as "actors/x/")."""
    first, _, rest = rel.partition("/")
    if first in available():
        rel = rest
    return rel not in LISTS and not is_list_page(rel) and not (
        rel.startswith(("actors/", "locations/", "tags/")) and rel.endswith("/"))


def _page_file(path: str) -> str:
    return path + "index.html" if not path or path.endswith("/") else path


class Preview:
    """The preview server's whole state: the incremental build, the watcher,
    the rebuild loop, the HTTP server and the reload signal."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
                 out: Path | None = None, search: Callable[[Path], None] | None = None,
                 quiet: float | None = None, say: Callable[[str], None] | None = None):
        self.root, self.host, self.port, self.drafts = root.resolve(), host, port, drafts
        self.out = (out or self.root / OUT).resolve()
        self.search = search      # run after rebuilds, in the background (the search index)
        self.say = say or (lambda text: print(text, flush=True))
        self.changes = Changes() if quiet is None else Changes(quiet)
        self.generation = int(time.time() * 1000)   # bumped on every rebuild that changed something
        self._changed: list[tuple[int, frozenset[str] | None]] = []  # generation → output files (None: all)
        self._late: tuple[int, list[str]] | None = None  # the generation that said catch_up's problems, and them
        self.rebuilds = 0
        self._unread: set[str] = set()  # warnings about files no build reads, already said
        self._warned: set[str] = set()  # check's other warnings (lint.py) of the content served, already said
        self._pairs: dict = {}          # lint's near names found, kept from one rebuild to the next
        self.listeners = 0        # pages connected to the reload stream now
        self.last: Outcome | None = None
        self.build: Incremental | None = None
        self._signal = threading.Condition()
        self._stopping = False
        self._threads: list[threading.Thread] = []
        self._search_due = threading.Event()
        self._build_lock = threading.Lock()  # the rebuild loop, fresh_data() from requests, index_search()
        self._restoring = threading.Lock()   # restore(): one request writes back what was removed by hand
        self._index: LiveIndex | None = None
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self._observer = None
        self._linked: Linked | None = None
        self._on_loopback = _loopback(host)
        self._held: int | None = None  # the preview's folder, open and locked while this preview runs (claim)
        self._sweep: Sweep | None = None
        self.every = SWEEP  # seconds between the sweep's looks

    # starting and stopping ---------------------------------------------------
    def bind(self) -> None:
        """Open the listening socket (OSError if the port is taken), before the first build."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self._httpd = type("Server", (Server,), {"address_family": family})((self.host, self.port), Handler)
        self._httpd.preview = self  # type: ignore[attr-defined]
        self.port = self._httpd.server_address[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def prefix(self) -> str:
        return Urls(self.url).prefix

    def host_allowed(self, given: str) -> bool:
        """Whether a request's Host names this preview: on loopback, only a loopback
        address or localhost (a name of another site, pointed at 127.0.0.1, is a
        page of that site reading this one); listening elsewhere, any (other
        machines were let in, by whatever name they know this one)."""
        if not self._on_loopback or not given:
            return True  # (no Host at all: no browser's request, which always names one)
        try:
            name = urlsplit(f"//{given}").hostname or ""
        except ValueError:  # "[::1" and the like
            return False
        if name == "localhost" or name.endswith(".localhost"):
            return True
        try:
            return _loopback_address(name)
        except ValueError:
            return False

    def claim(self) -> bool:
        """Hold the preview's folder for as long as this preview runs: False if
        another preview of the archive holds it (each would write its own site,
        its drafts and its address, over the other's). Where there are no
        advisory locks (Windows), or the folder cannot be opened as one (a file
        there: the build says so), True."""
        if self._held is not None:
            return True
        try:
            import fcntl
        except ImportError:
            return True
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.out, os.O_RDONLY)
        except OSError:
            return True
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            return False
        self._held = handle
        return True

    def start(self) -> None:
        """Bind if not yet bound, watch, build everything once, then serve and rebuild in the background."""
        if not self.claim():
            raise InUse(self.out)
        if self._httpd is None:
            self.bind()
        self.build = Incremental(self.root, self.out, self.url, self.drafts)
        recorder = Recorder(self.changes, self.build.relevant)
        refused = refusal(self.root, written(self.root, self.out))
        self._observer = start_watching(self.build.watched(), recorder, self.root, refused)
        self._linked = Linked([self.root / "content", self.root / "templates", self.root / "static",
                               self.root / "site.yaml"], self.changes, self.build.relevant, recorder.follow,
                              recorder, refused)
        self._linked.scan(first=True)
        self._sweep = Sweep(self.root, [self.root / "content", *self.build.template_dirs(), *self.build.static_dirs(),
                                        self.root / "site.yaml"], self.changes, self.build.relevant,
                            self.build.git_logs, self.build.regit)
        self._sweep.start()
        self._rebuild(None)
        self.build.tidy()
        self._spawn(self._rebuild_loop, "rebuild")
        self._spawn(self._links_loop, "links")
        self._spawn(self._sweep_loop, "sweep")
        self._spawn(self._search_loop, "search")
        self._spawn(lambda: self._httpd.serve_forever(poll_interval=0.05), "http")  # type: ignore[union-attr]

    def stop(self) -> None:
        with self._signal:
            self._stopping = True
            self._signal.notify_all()
        self.changes.close()
        self._search_due.set()
        stop_all()  # an index half made is made again at the next start
        if self._observer is not None:
            self._observer.stop()
        if self._httpd is not None:
            if any(t.name == "http" for t in self._threads):
                self._httpd.shutdown()
            self._httpd.server_close()
        # Five seconds in all, not each: a thread still indexing or rendering is a
        # daemon, and goes with the process; Ctrl-C must not wait on every one.
        deadline = time.monotonic() + 5
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        if self._observer is not None:
            self._observer.join(timeout=max(0.0, deadline - time.monotonic()))
        self.release()

    def release(self) -> None:
        """Let the preview's folder go (claim): another preview may have it."""
        if self._held is not None:
            os.close(self._held)
            self._held = None

    def _spawn(self, target: Callable[[], object], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    # rebuilding ----------------------------------------------------------------
    def _rebuild_loop(self) -> None:
        while True:
            paths = self.changes.take()
            if paths is None:
                return
            self._sweep.seen(paths)  # as they are now: not noted again by the sweep
            self._rebuild(paths)
            self.build.tidy() if self.last and self.last.full else None  # type: ignore[union-attr]
            self._linked.scan()  # a link made since

    def _links_loop(self) -> None:
        """Files reached through links, looked at every POLL seconds (watch.Linked)."""
        while True:
            with self._signal:
                if self._signal.wait_for(lambda: self._stopping, POLL):
                    return
            self._linked.poll()

    def _sweep_loop(self) -> None:
        """What the watcher missed, looked for every SWEEP seconds (watch.Sweep)."""
        while True:
            with self._signal:
                if self._signal.wait_for(lambda: self._stopping, self.every):
                    return
            self._sweep.sweep()

    def _rebuild(self, paths: set[Path] | None) -> None:
        assert self.build is not None
        before = list(self.build.problems)
        try:
            with self._build_lock:
                outcome = self.build.rebuild(paths or (), defer=DEFERRED, soon=soon)
        except Exception as exc:  # a bug or a full disk: say so, keep serving the last good site
            self.say(f"error: rebuild failed: {exc!r}")
            return
        self.rebuilds += 1
        self.last = outcome
        self._say_unread(paths)
        if outcome.recovered:
            self.say(f"note: the quick rebuild met {outcome.recovered}; everything was read and rendered again")
        if outcome.problems:
            self._warned = set()  # the warnings of the content served once this is fixed: said again then
            for problem in outcome.problems:
                self.say(str(problem))
            self.say(f"{len(outcome.problems)} problem{'s' if len(outcome.problems) != 1 else ''}: "
                     + {"good": "still serving the last good site; fix and save to rebuild",
                        "earlier": "serving what an earlier preview built; fix and save to rebuild",
                        "none": "nothing could be built yet; fix and save to build"}[self._serving()])
        elif paths is None or outcome.written or outcome.deleted or before:
            what = "built" if paths is None else "rebuilt"
            self.say(f"{what}: {outcome.rendered} pages rendered, {len(outcome.written)} files written, "
                     f"{len(outcome.deleted)} removed in {outcome.seconds * 1000:.0f} ms")
        if outcome.written or outcome.deleted or outcome.problems != before:
            files = outcome.written + outcome.deleted
            every = paths is None or outcome.full or outcome.problems != before or any(
                not f.endswith((".html", ".xml", ".json", ".csv", ".bib", ".geojson"))
                for f in files)  # a style sheet or a script: every page
            self._bump(None if every else frozenset(files))
        later: list[str] = []
        if outcome.ok and not outcome.full:
            if outcome.written or outcome.deleted:
                time.sleep(SETTLE)  # the reloading pages are served first, without the lists' work beside them
            try:
                with self._build_lock:
                    later = self.build.catch_up(skip=DEFERRED)
            except ContentError as exc:  # a template that fails on a list page: said as a rebuild's problems
                self._said_late(exc.problems)
            except Exception as exc:  # a bug: say so, keep serving
                self.say(f"error: rebuild failed: {exc!r}")
            if later:
                self._bump(frozenset(later))
        if outcome.ok and (paths is None or outcome.written or outcome.deleted or later) and self.search is not None:
            self._search_due.set()  # at the start too: the index an earlier preview left may be half made
        # Said as content changes (site.yaml's history: notes with the commits too), and once an error
        # is fixed (a template's too: _warned was emptied then).
        if outcome.ok and (paths is None or before or any(
                self.root / "content" in p.parents or p == self.root / "site.yaml"
                or self.build.git_logs() in p.parents or p in self.build.git_behind() for p in paths)):
            self._say_warnings()

    def _say_warnings(self) -> None:
        """What `check` warns of in the content now served (a name a letter from
        an actor's, a date after its article), each said once when it appears,
        once the pages are served: a curator sees it as they save, not first in
        the pull request."""
        build = self.build
        try:
            with self._build_lock:
                if build is None or build.content is None or build.archive is None or not build.site_files()[0]:
                    return  # nothing served yet, or its pages forgotten (every link would look missing)
                pairs: dict = {}
                found = lint(build.content, build.archive, ChainMap(pairs, self._pairs))
                found += site_link_warnings(build.content.notes, *build.site_files(),
                                            build.archive.site.base_url, prose_sections(build.archive),
                                            site_moves(build.archive, build.history))
                found += note_problems(build.archive.site, build.history)
        except Exception as exc:  # a bug: say so, keep serving
            self.say(f"error: the warnings could not be found: {exc!r}")
            return
        self._pairs = pairs
        now = {str(w) for w in found if not w.message.startswith(UNREAD_PREFIX)}  # those: _say_unread
        for line in sorted(now - self._warned):
            self.say(line)
        self._warned = now

    def _say_unread(self, paths: set[Path] | None) -> None:
        """Files under content/ that no build reads, each said once when it appears:
        a report saved as x.markdown or in a sub-folder would otherwise vanish in silence."""
        content = self.root / "content"
        if paths is not None and not any(content in p.parents for p in paths):
            return
        now = {str(w) for w in unread_files(self.root)}
        for line in sorted(now - self._unread):
            self.say(line)  # "… (warning)", as check says it
        self._unread = now

    def _bump(self, files: frozenset[str] | None) -> None:
        """A new generation of the site, in which these output files changed (None: any)."""
        with self._signal:
            self.generation += 1
            self._changed = self._changed[-255:] + [(self.generation, files)]
            self._signal.notify_all()

    def changed_since(self, since: int, file: str | None) -> bool:
        """Whether output file `file` (None: unknown) may have changed after generation `since`."""
        with self._signal:
            if file is None or not self._changed or self._changed[0][0] > since + 1:
                return True
            return any(files is None or file in files for generation, files in self._changed if generation > since)


    def _search_loop(self) -> None:
        """The search index, brought up to date after rebuilds without holding up
        reloads; edits made while it runs give one more run, not one each."""
        rewrote = False  # the pages were written again for a damaged one, and not yet indexed since
        while True:
            self._search_due.wait()
            if self._stopping:
                return
            self._search_due.clear()
            if self.search is None:
                continue
            try:
                self.search(self.out)
                rewrote = False
            except NotWritten:  # pages forgotten and not all written again yet: the next rebuild asks again
                continue
            except CacheDamaged as exc:  # a page of the folder changed by hand: every page written again
                if rewrote or self.build is None:  # once: written again, and still not as written
                    self.say(f"search index not updated: {exc}")
                    continue
                self.say(f"search index not updated: {exc}; the preview writes its pages again, then the index")
                rewrote = True
                with self._build_lock:
                    self.build.forget()  # the next rebuild renders all and rewrites what differs on disk
                self.changes.add(self.root / "site.yaml")  # any path: it rebuilds, and indexes after
            except Exception as exc:
                if not self._stopping:  # Pagefind killed as the preview stops: nothing to say
                    self.say(f"search index not updated: {exc}")

    def index_search(self, out: Path) -> None:
        """The search index of the last good site, shard by shard (search.LiveIndex)."""
        if self.build is None or self.build.archive is None:
            return
        with self._build_lock:
            archive, digests = self.build.archive, dict(self.build.indexed)
        first = self._index is None
        if self._index is None:
            self._index = LiveIndex(out)
        start = time.perf_counter()

        def now(rel: str) -> bytes | None:
            with self._build_lock:
                return self.build.indexed.get(rel) if self.build is not None else None

        done = self._index.update(archive, digests, now)
        if done:
            self.say(f"search index {'ready' if first else 'updated'}: {done} shard{'s' if done != 1 else ''} "
                     f"indexed in {time.perf_counter() - start:.1f} s")
        elif first:
            self.say("search index ready: the last preview's, whole and up to date")

    def deferred(self, rel: str) -> bool:
        """Whether the file at site path `rel` is one the rebuilds leave until asked for."""
        rel = rel.removesuffix("index.html")
        return (self.build.within(rel) if self.build is not None else rel) in DEFERRED

    def restore(self, path: str) -> None:
        """Where the request path `path` names a file this preview wrote and that was
        removed from its folder since, by hand: everything read and rendered again, as
        at the start, which writes what is missing. Returns once it is written, or once
        another request's restoring, which this one waited for, has written it."""
        parts = [p for p in unquote(path)[len(self.prefix):].split("/") if p]  # as resolve() reads it
        rel = "/".join(parts)
        wanted = (rel, f"{rel}/index.html") if rel and not path.endswith("/") else (f"{rel}/index.html".lstrip("/"),)
        with self._restoring:  # a request for a file being written back waits for it, then finds it
            with self._build_lock:
                gone = [w for w in wanted if self.build is not None and self.build.lost(w)]
                if not gone:
                    return
                self.build.forget()
            self.say(f"note: {self.out / gone[0]} was removed by hand: the site is read and rendered again to "
                     "write back what is missing")
            self._rebuild(None)

    def fresh_data(self) -> None:
        """Bring the deferred data files up to date; called when one is asked for,
        so that edits never wait for files nobody previewing is looking at."""
        if self.build is None:
            return
        with self._build_lock:
            try:
                self.build.catch_up()
            except ContentError as exc:
                self._said_late(exc.problems)
            except Exception as exc:  # a bug: say so, serve what is there
                self.say(f"error: data files not updated: {exc!r}")

    def _said_late(self, problems: list) -> None:
        """Problems met rendering the pages a rebuild left for later (catch_up):
        said in the terminal, and on every page's banner. Said once: asked again
        (each page that loads a data file asks) with nothing new since, they
        would reload every open page, which would ask again, and so on."""
        said = [str(problem) for problem in problems]
        with self._signal:
            if self._late == (self.generation, said):
                return
        for problem in problems:
            self.say(str(problem))
        self.say(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}: "
                 "still serving the last good site; fix and save to rebuild")
        self._bump(None)
        with self._signal:
            self._late = (self.generation, said)

    def wait_for_change(self, since: int, timeout: float) -> int:
        """Block until the generation differs from `since` (or timeout, or stop); return it."""
        with self._signal:
            self._signal.wait_for(lambda: self.generation != since or self._stopping, timeout)
            return self.generation

    def _serving(self) -> str:
        """What is served while the content has errors: the last good site of this
        session, what an earlier session left in the folder, or nothing at all."""
        if self.build is not None and self.build.archive is not None:
            return "good"
        return "earlier" if self.build is not None and (self.build.out / "index.html").is_file() else "none"

    # what pages get in preview ------------------------------------------------
    def decorate(self, page: bytes, generation: int | None = None) -> bytes:
        """An HTML page as the preview serves it: the reload script (and, while
        the content has errors, a banner listing them). Never part of a build.
        `generation`: the site's when the page was read."""
        endpoint = self.prefix + ENDPOINTS
        generation = self.generation if generation is None else generation
        head = f'<script src="{endpoint}reload.js?v={generation}" defer></script>\n'
        problems = self.build.problems if self.build else []
        body = ""
        if problems:
            head += f'<link rel="stylesheet" href="{endpoint}overlay.css">\n'
            items = "".join(f"<li><code>{html.escape(str(p))}</code></li>\n" for p in problems)
            serving = self._serving()  # "rebuilt" over this session's good site, "built" before it has one
            body = (f'\n<section class="serve-errors" role="alert" aria-labelledby="serve-errors-title">\n'
                    f'<h2 id="serve-errors-title">The site could not be {"rebuilt" if serving == "good" else "built"}: '
                    f'{len(problems)} problem{"s" if len(problems) != 1 else ""}</h2>\n'
                    f'<p>{SERVING[serving]} Fix the file and save: this page reloads.</p>\n'
                    f'<ul>\n{items}</ul>\n</section>\n')
        # In bytes: a static page in another encoding (Latin-1) is served as it is, but for what is added.
        added, banner = head.encode("utf-8"), body.encode("utf-8")
        at = page.find(b"</head>")
        page = page[:at] + added + page[at:] if at >= 0 else added + page
        if banner:
            match = re.search(rb"<body[^>]*>", page)
            at = match.end() if match else 0
            page = page[:at] + banner + page[at:]
        return page


class InUse(Exception):
    """Another preview of the archive holds its folder (Preview.claim)."""


class Server(http.server.ThreadingHTTPServer):
    """A thread per connection, never waited for on the way out; a queue for a
    few hundred clients arriving at once; a client that goes away says nothing."""

    daemon_threads = True
    block_on_close = False    # stopping never waits for a browser's idle connection
    request_queue_size = BACKLOG

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)) or (
                isinstance(error, OSError) and error.errno in GONE):
            return  # the client closed or reset its connection, or stalled: nothing to say
        self.preview.say(f"error: a request failed: {error!r}")  # type: ignore[attr-defined]


GONE = {errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.ENOTCONN, errno.ESHUTDOWN, errno.ETIMEDOUT}


class Handler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for files under the output folder, and the preview's own endpoints."""

    server_version = "incidents-preview"
    protocol_version = "HTTP/1.1"
    timeout = IDLE

    @property
    def preview(self) -> Preview:
        return self.server.preview  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self.respond(body=True)

    def do_HEAD(self) -> None:
        self.respond(body=False)

    def respond(self, body: bool) -> None:
        preview = self.preview
        if not preview.host_allowed(self.headers.get("Host", "")):
            # A page of another site whose name was pointed at this machine (DNS rebinding) would
            # read the preview, drafts and all, through the visitor's browser: its Host gives it away.
            return self.send(421, "text/plain; charset=utf-8",
                             b"This preview answers only to its own address.\n", body)
        path = urlsplit(self.path).path
        endpoint = preview.prefix + ENDPOINTS
        if path == endpoint + "events":
            return self.events()
        if path == endpoint + "reload.js":
            return self.send(200, "text/javascript; charset=utf-8", RELOAD_JS, body)
        if path == endpoint + "overlay.css":
            return self.send(200, "text/css; charset=utf-8", OVERLAY_CSS, body)
        if path.startswith(preview.prefix) and preview.deferred(path[len(preview.prefix):]):
            preview.fresh_data()
        file = resolve(preview.out, self.path)
        if file is None and path.startswith(preview.prefix):
            preview.restore(path)
            file = resolve(preview.out, self.path)
        if file is None:
            return self.not_found(body)
        if not path.endswith("/") and file.name == "index.html" and not path.endswith("/index.html"):
            query = urlsplit(self.path).query
            self.send_response(301)
            self.send_header("Location", path + "/" + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        generation = preview.generation  # before the read: a page written after it reloads
        try:
            data = file.read_bytes()
        except OSError:
            return self.not_found(body)
        kind = content_type(file)
        if kind.startswith("text/html"):
            data = preview.decorate(data, generation)
        return self.send(200, kind, data, body)

    def not_found(self, body: bool) -> None:
        page = self.preview.out / "404.html"
        try:
            data = self.preview.decorate(page.read_bytes())
        except OSError:
            data = self.preview.decorate(NOT_FOUND)
        self.send(404, "text/html; charset=utf-8", data, body)

    def send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def events(self) -> None:
        """Server-Sent Events: `reload` once the site differs from the one the page was served from."""
        preview = self.preview
        query = parse_qs(urlsplit(self.path).query)
        since_text = query.get("since", [""])[0]
        since = int(since_text) if since_text.isdigit() else -1
        page = query.get("page", [None])[0]
        file = _page_file(unquote(page[len(preview.prefix):])) if page and page.startswith(preview.prefix) else None
        self.close_connection = True
        with preview._signal:
            full = preview.listeners >= STREAMS
            if not full:
                preview.listeners += 1
        if full:  # a thread and a socket each: enough of them (EventSource does not retry a 503)
            return self.send(503, "text/plain; charset=utf-8", b"too many open pages\n", True)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            ping = time.monotonic() + PING
            while not preview._stopping:
                now = preview.wait_for_change(since, LOOK)
                if preview._stopping:
                    return
                if now != since:
                    if preview.changed_since(since, file):  # else nothing this page shows changed
                        self.wfile.write(f"event: reload\ndata: {now}\n\n".encode())
                        self.wfile.flush()
                    since = now
                elif select.select([self.connection], [], [], 0)[0]:
                    return  # closed (or talking, which a page never does): its place is freed now
                elif time.monotonic() >= ping:
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
                    ping = time.monotonic() + PING
        except OSError:  # the page went away
            return
        finally:
            with preview._signal:
                preview.listeners -= 1

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the terminal is for rebuilds and content errors


def _openable(preview: Preview) -> str:
    """The address to open: on every address of the machine (0.0.0.0, ::), its loopback one, which a
    browser can open (http://0.0.0.0:8000/ is no address on Windows or macOS), saying so."""
    if preview.host in ("0.0.0.0", "::"):
        loopback = "127.0.0.1" if preview.host == "0.0.0.0" else "[::1]"
        return f"http://{loopback}:{preview.port}/ and every address of this machine"
    return preview.url


def serve(root: Path, host: str, port: int, drafts: bool, search: bool = True) -> int:
    """The command: 0 when stopped with Ctrl-C, 1 when the port is taken or the address cannot be
    used, 2 when --host names no address of this machine.
    `search`: keep a search index (Pagefind is there)."""
    preview = Preview(root, host, port, drafts)
    if search:
        preview.search = preview.index_search
    if not preview.claim():
        print(f"error: another preview of this archive is running (it writes {preview.out}): stop it (Ctrl-C "
              "in its terminal) and start this one again, or use its address", file=sys.stderr)
        return 1
    try:
        preview.bind()
    except OSError as exc:
        preview.release()
        if exc.errno == errno.EADDRINUSE:
            print(f"error: port {port} on {host} is already in use; stop the other server "
                  f"or choose another port: --port {port + 1}", file=sys.stderr)
        elif exc.errno == errno.EADDRNOTAVAIL:
            print(f"error: --host {host}: is not an address of this machine: use 127.0.0.1 (this machine "
                  f"only, the default), ::1, or one of its own addresses", file=sys.stderr)
            return 2
        else:
            print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not _loopback(host):
        preview.say(f"note: listening on {host}, not on loopback: other machines that can reach it can read "
                    f"the preview and its drafts")
    # A terminal closed (SIGHUP) or a polite kill (SIGTERM) stops the server as Ctrl-C does; and
    # Ctrl-C itself, even when the process was started with SIGINT ignored (Python then leaves
    # it so: a server started by another program's child could not be stopped with Ctrl-C).
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    previous = {sig: signal.signal(sig, _interrupt)
                for sig in (getattr(signal, name) for name in names if hasattr(signal, name))}
    try:
        preview.say(f"building {preview.root} into {preview.out} …")
        preview.start()
        preview.say(f"serving {_openable(preview)} (watching content/, templates/, static/ and site.yaml; "
                    f"Ctrl-C stops)")
        while True:  # wake now and then: a signal the kernel gives another thread is seen here too
            time.sleep(0.25)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    preview.say("stopped")
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _loopback(host: str) -> bool:
    """Whether every address `host` stands for is this machine's loopback."""
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError):
        return False
    return bool(found) and all(_loopback_address(a.split("%")[0]) for a in found)


def _loopback_address(text: str) -> bool:
    """127.0.0.0/8, ::1, and ::ffff:127.0.0.1 (IPv4's loopback written in IPv6)."""
    address = ipaddress.ip_address(text)
    return (getattr(address, "ipv4_mapped", None) or address).is_loopback
