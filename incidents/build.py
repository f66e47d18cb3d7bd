"""The build, as a list of steps: load, link, lint, render, search, write.

Each build leaves a cache beside its output (cache.py) and the next one
redoes only what changed (reuse.py): content files parsed again only when
their bytes changed, pages rendered again only where a change can reach
them, files written only where their bytes differ, search shards indexed
again only where what Pagefind reads of their pages changed. Nothing
changed, nothing is done. A clean build and an incremental one give the
same bytes."""

from __future__ import annotations

import gc
import time
from collections import ChainMap
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from .cache import CacheDamaged, LastBuild, Stamp, Store, cache_dir, code_key, discard, locked
from .confine import refuse_outside_links
from .site.data import DataFiles
from .errors import BuildError, ContentError, Problem
from .site.history import History, git_state, history_pages, read_history
from .content.lint import lint
from .content.link import link
from .content.load import UNREAD_PREFIX, load, unread_files
from .parallel import fork_map, give_back_memory
from .affected import in_every_language
from .site.render import HOME, Renderer, environments, sitemap
from .reuse import CachedReader, plan, site_input, stale_rows, static_files, theme_digest, unchanged
from .search.index import indexed_digest, pagefind_binary, plan_shards, update_index
from .site.urls import Urls, output_file
from .site.write import Output, check_output

# A build that renders fewer than one page in FORK_SHARE renders them in this
# process alone. A forked worker soon touches most of the archive it shares
# with this process (reference counts are written into the objects), and each
# page of memory touched is then held twice: at 100,000 reports a worker
# costs about 1.3 GB, to save a few seconds of a build that renders a few
# thousand pages.
FORK_SHARE = 10
# Made in this process from the lines the last build kept (data.DataFiles).
DATA_FILES = frozenset({"data/reports.json", "data/events.json", "data/events.csv", "data/events.geojson"})


@dataclass
class BuildResult:
    files: int = 0
    reports: int = 0
    events: int = 0
    rendered: int = 0         # pages rendered (the rest were as the last build left them)
    parsed: int = 0           # content files parsed (the rest came from the cache)
    indexed: int = 0          # search shards indexed
    listed: int = 0           # folders listed (the twin's, the output's if nothing changed); the rest vouched for
    unchanged: bool = False   # nothing changed since the last build: nothing was done
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # about the build itself (a cache thrown away)
    timings: dict[str, float] = field(default_factory=dict)


def build(root: Path, out: Path, base_url: str | None = None, drafts: bool = False,
          search: bool = True) -> BuildResult:
    """Build the site in `root` into `out`, its search index included unless
    `search` is false; raise ContentError or BuildError, leaving `out` as it was."""
    check_output(out, root)
    if search:
        pagefind_binary()  # a missing Pagefind is said before any work is done
    refuse_outside_links(root)  # before the theme, the static files or the content are read
    folder = cache_dir(out)
    collecting = gc.isenabled()
    # A build makes millions of objects and almost no cycles (rendering makes
    # none): the collector would spend a third of the time finding nothing.
    gc.disable()
    try:
        with locked(folder):
            options = (base_url, drafts, search)
            try:
                return _with_store(root, out, folder, options)
            except CacheDamaged as exc:
                # A cache is a convenience: one that cannot be read is thrown away, never a reason to fail.
                discard(folder)
                try:
                    result = _with_store(root, out, folder, options)
                except CacheDamaged as again:
                    raise BuildError(f"{folder}: the build cache cannot be used ({again}); "
                                     f"remove that folder and build again") from None
                result.notes.append(f"the build cache was damaged and was thrown away ({exc}); "
                                    f"the site was built from nothing")
                return result
    finally:
        if collecting:
            gc.enable()


def _with_store(root: Path, out: Path, folder: Path, options: tuple) -> BuildResult:
    store = Store(folder, code_key())
    try:
        return _build(root, out, store, options)
    finally:
        store.close()


def _build(root: Path, out: Path, store: Store, options: tuple) -> BuildResult:
    base_url, drafts, search = options
    result = BuildResult()
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.timings[name] = result.timings.get(name, 0.0) + now - clock
        clock = now

    scanned = time.time_ns()
    last: LastBuild | None = store.record("last")
    output = Output(out, store.folder, store.record("out"), store.record("twin"))
    theme, site_file = theme_digest(root), site_input(root)
    same = last is not None and last.options == options and last.theme == theme
    static = static_files(root, store.record("static") or {}, last.scanned if last else 0)
    state, note = git_state(root)
    if note:
        result.notes.append(note)
    if (same and last.git == state and output.out_known and unchanged(root, last, site_file, static)
            and output.out_exact() and _same_unread(root, last)):
        result.unchanged, result.files, result.warnings = True, len(output.current), list(last.warnings)
        result.listed = output.listed
        result.reports, result.events = last.counts
        step("check")
        return result

    reader = CachedReader(store, last.scanned if last else 0)
    content = load(root, base_url, drafts, reader, changed=(lambda rel: _changed(rel, last, reader)) if last else None)
    result.parsed = reader.parsed
    give_back_memory()  # the pickles the workers sent
    step("load")
    if (same and last.git == state and output.out_known and _same_bytes(last, reader, site_file, static)
            and output.out_exact() and _same_unread(root, last)):
        # Files rewritten with the bytes they had (a branch switched and back, a save
        # with no change): nothing to do but note their new times, which the next
        # build then takes at a glance.
        store.put_record("last", replace(last, inputs=dict(reader.inputs), scanned=scanned))
        store.keep_parsed({(rel, i.sha) for rel, i in reader.inputs.items()}, reader.touched)
        store.commit()
        result.unchanged, result.files, result.warnings = True, len(output.current), list(last.warnings)
        result.listed = output.listed
        result.reports, result.events = last.counts
        step("check")
        return result
    archive, todo = plan(store, last, content, same, drafts)
    known = store.record("history") if last is not None and last.git is not None else None
    history = read_history(root, state, known if isinstance(known, History) else None)
    if todo is not None:
        todo |= in_every_language(archive, history_pages(known if isinstance(known, History) else None, history,
                                                         archive, todo))
    step("history")
    result.reports, result.events = len(archive.reports), len(archive.events)
    step("link")
    pairs: dict = {}
    result.warnings = lint(content, archive, ChainMap(pairs, store.record("lint") or {}))
    step("lint")

    everything = todo is None
    renderer = Renderer(archive, environments(root, archive.site.languages, store.folder / "templates"),
                        DataFiles(archive, Urls(archive.site.base_url), store.lines,
                                  *((None, None) if todo is None else stale_rows(archive, todo)),
                                  put=store.put_lines),
                        history)
    paths = renderer.paths()
    todo = set(paths) if todo is None else (todo & set(paths)) | {
        p for p in paths if output_file(p) not in output.current}
    shards = plan_shards(archive) if search else []
    indexed: dict[str, bytes] = {} if everything else dict(store.record("indexed") or {})
    step("plan")
    output.begin()
    result.listed = output.listed
    store.commit()  # the files parsed, kept even if the build stops here
    step("twin")
    for file, stamp, read in _render(root, renderer, sorted(todo), output, {f for s in shards for f in s.files},
                                     alone=len(todo) * FORK_SHARE < len(paths)):
        output.add(file, stamp)
        if read is not None:
            indexed[file] = read
    output.carry_all(output_file(rel) for rel in paths if rel not in todo)
    if everything or last is None or paths != list(last.paths) or "sitemap.xml" not in output.current:
        output.add("sitemap.xml", output.write("sitemap.xml", sitemap(renderer.env, archive, paths).encode()))
    else:
        output.carry("sitemap.xml")
    for rel, (path, stamp) in static.items():
        output.add(rel, output.copy(rel, path, stamp))
    result.rendered = len(todo)
    step("render")

    # What the next build needs of this one's content (the lines of the data
    # files it did not make: those it made were kept as it made them); then
    # the content is let go, for Pagefind's runs (at 100,000 reports the
    # content is a gigabyte).
    for kind, (made, keep) in renderer.data.changes().items():
        store.put_lines(kind, made, keep)
    record = LastBuild(options, theme, content.site, reader.inputs, site_file, tuple(paths), {},
                       {rel: stamp.digest for rel, (_, stamp) in static.items()}, (result.reports, result.events),
                       tuple(result.warnings), scanned, state)
    touched = reader.touched
    del renderer, archive, content, reader
    store.forget_items()
    give_back_memory()
    if search:
        made, result.indexed = update_index(output, shards, indexed, last.shards if last and same else {})
        record = replace(record, shards=made)
        step("search")
    output.finish()
    store.put_record("last", record)
    store.put_record("out", (output.current, output.out_folders))
    store.put_record("twin", (output.twin_files, output.twin_folders))
    store.put_record("static", {str(path): stamp for path, stamp in static.values()})
    store.put_record("lint", pairs)
    store.put_record("history", history)
    store.put_record("indexed", {f: indexed[f] for s in shards for f in s.files})
    store.keep_parsed({(rel, i.sha) for rel, i in record.inputs.items()}, touched)
    store.commit()
    result.files = len(output.current)
    step("write")
    return result


def _same_unread(root: Path, last: LastBuild) -> bool:
    """Whether the files under content/ that are not read are those the last build warned of."""
    return set(unread_files(root)) == {w for w in last.warnings if w.message.startswith(UNREAD_PREFIX)}


def _same_bytes(last: LastBuild, reader: CachedReader, site_file, static: dict) -> bool:
    """Whether every content file, site.yaml and every static file hold the bytes the last build read."""
    return (last.site_file == site_file and {rel: stamp.digest for rel, (_, stamp) in static.items()} == last.static
            and reader.inputs.keys() == last.inputs.keys()
            and all(last.inputs[rel].sha == i.sha for rel, i in reader.inputs.items()))


def _changed(rel: str, last: LastBuild, reader: CachedReader) -> bool:
    """Whether a content file is new or changed since the last good build."""
    was = last.inputs.get(rel)
    now = reader.inputs.get(rel)
    return was is None or now is None or was.sha != now.sha


def _render(root: Path, renderer: Renderer, rels: list[str], output: Output, indexed: set[str],
            alone: bool = False) -> list[tuple[str, Stamp, bytes | None]]:
    """Render and write pages on every core: (output file, its stamp, and for a
    page in `indexed` the digest of what Pagefind reads of it) for each. The
    data files are made here (in this process, which holds their lines for the
    next build) while the workers start on the pages."""
    def one(rel: str) -> tuple[str, Stamp, bytes | None]:
        file = output_file(rel)
        try:
            text = renderer.render(rel)
        except jinja2.TemplateSyntaxError:
            raise
        except Exception as exc:
            # Located here, in the worker: the traceback does not travel back with the error.
            problem = _template_failure(exc, root, file)
            if problem is None:
                raise
            raise ContentError([problem]) from None
        return file, output.write(file, text.encode("utf-8")), indexed_digest(text) if file in indexed else None

    try:
        if len(rels) > 100:
            renderer.prepare(rels)
        data: list[tuple[str, Stamp, bytes | None]] = []
        pages = [rel for rel in rels if rel not in DATA_FILES]
        order = languages_together(renderer, pages)
        done = fork_map(one, [pages[i] for i in order], jobs=1 if alone else None,
                        first=lambda: data.extend(one(rel) for rel in rels if rel in DATA_FILES))
        results: list = [None] * len(pages)
        for i, result in zip(order, done):
            results[i] = result
        return results + data
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError([Problem(_template_path(exc.filename, root), exc.lineno, "",
                                    exc.message or "")]) from None
    except jinja2.TemplateError as exc:
        raise ContentError([Problem("templates", 1, "", f"template error: {exc}")]) from None


def languages_together(renderer: Renderer, rels: list[str]) -> list[int]:
    """The indexes of `rels`, each page's languages one after the other ("events/x/",
    "fr/events/x/"), in the order of their first: what a page's languages share
    (its report's Markdown) is then made once, while it is still remembered."""
    same: dict[str, list[int]] = {}
    for i, rel in enumerate(rels):
        same.setdefault(renderer.part(rel)[1], []).append(i)
    return [i for group in same.values() for i in group]


def check(root: Path, drafts: bool = True) -> list[Problem]:
    """Validate everything, writing nothing: ContentError if anything is
    wrong, else the warnings (lint.py) of content that is valid but suspect."""
    content = load(root, None, drafts)
    return lint(content, link(content))


def _template_failure(exc: Exception, root: Path, file: str) -> Problem | None:
    """An error raised while a template ran (a name it does not have, a sum by
    zero, a message's %(name)s without its value: often in a template of the
    archive's own), on the template's line: Jinja2 gives each frame of its
    templates their file and line. None if no template is in the traceback."""
    tb, where = exc.__traceback__, None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt", ".json")) and Path(name).is_file():
            where = (name, tb.tb_lineno)
        tb = tb.tb_next
    if where is None:
        return None
    what = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else \
        f"{type(exc).__name__}: {exc}"
    return Problem(_template_path(where[0], root), where[1], "",
                   f"this template failed writing {file} ({what}); correct the expression on this line")


def _template_path(filename: str | None, root: Path) -> str:
    if not filename:
        return "templates"
    path = Path(filename).resolve()
    for base in (root.resolve(), HOME):
        if base in path.parents:
            return path.relative_to(base).as_posix()
    return filename
