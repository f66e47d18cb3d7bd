"""The build, as a list of steps: load, link, render, write, search.

Each build leaves a cache beside its output (cache.py) and the next one
redoes only what changed: content files parsed again only when their bytes
changed, pages rendered again only where a change can reach them
(reuse.plan), files written only where their bytes differ, search shards
indexed again only where their pages changed. Nothing changed, nothing is
done. A clean build and an incremental one give the same bytes."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .cache import RACY_NS, Input, LastBuild, Stamp, Store, cache_dir, code_key, digest, locked
from .errors import ContentError, Problem
from .lint import lint
from .load import KINDS, list_files, load
from .parallel import fork_map
from .render import HOME, Renderer, environment, sitemap
from .reuse import CachedReader, plan
from .search import LISTING, Shard, index_shards, listing, pagefind_binary, plan_shards, shard_key
from .urls import output_file
from .write import Output, check_output


@dataclass
class BuildResult:
    files: int = 0
    reports: int = 0
    events: int = 0
    rendered: int = 0         # pages rendered (the rest were the same as the last build's)
    parsed: int = 0           # content files parsed (the rest came from the cache)
    indexed: int = 0          # search shards indexed
    unchanged: bool = False   # nothing changed since the last build: nothing was done
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def build(root: Path, out: Path, base_url: str | None = None, drafts: bool = False,
          search: bool = True) -> BuildResult:
    """Build the site in `root` into `out`, its search index included unless
    `search` is false; raise ContentError or BuildError, leaving `out` as it was."""
    check_output(out, root)
    if search:
        pagefind_binary()  # a missing Pagefind is said before any work is done
    folder = cache_dir(out)
    with locked(folder):
        store = Store(folder, code_key())
        try:
            return _build(root, out, store, (base_url, drafts, search))
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
    output = Output(out, store.folder, store.record("out"), store.record("twin"),
                    store.record("twin_dirty") is not False)
    theme = theme_digest(root)
    site_file = _site_input(root)
    same = last is not None and last.options == options and last.theme == theme
    static = static_files(root, store, last.scanned if last else 0)
    if same and output.out_known and _unchanged(root, last, site_file, static):
        result.unchanged, result.files, result.warnings = True, len(output.current), list(last.warnings)
        result.reports, result.events = last.counts
        step("check")
        return result

    reader = CachedReader(store, last.scanned if last else 0)
    content = load(root, base_url, drafts, reader)
    result.parsed = reader.parsed
    step("load")
    archive, todo = plan(store, last, content, same, drafts)
    result.reports, result.events = len(archive.reports), len(archive.events)
    step("link")
    result.warnings = lint(content, archive)
    step("lint")

    renderer = Renderer(archive, environment(root, store.folder / "templates"))
    paths = renderer.paths()
    everything = todo is None
    todo = set(paths) if todo is None else (todo & set(paths)) | {
        p for p in paths if output_file(p) not in output.current}
    store.put_record("twin_dirty", True)  # from here on the twin holds what no record says
    store.commit()
    for rel, stamp in _render(root, renderer, sorted(todo), output):
        output.add(rel, stamp)
    for rel in paths:
        if rel not in todo:
            output.carry(output_file(rel))
    if everything or last is None or paths != list(last.paths) or "sitemap.xml" not in output.current:
        output.add("sitemap.xml", output.write("sitemap.xml", sitemap(renderer.env, archive, paths).encode()))
    else:
        output.carry("sitemap.xml")
    result.rendered = len(todo)
    step("render")
    for rel, (path, stamp) in static.items():
        output.add(rel, output.copy(rel, path, stamp))

    shards: dict[str, tuple[bytes, tuple[str, ...]]] = {}
    if search:
        step("write")
        shards, result.indexed = _search(output, archive, last.shards if last and same else {})
        step("search")
    output.finish()
    step("write")

    store.put_record("last", LastBuild(options, theme, content.site, reader.inputs, site_file, tuple(paths),
                                       shards, {rel: stamp.digest for rel, (_, stamp) in static.items()},
                                       (result.reports, result.events), tuple(result.warnings), scanned))
    store.put_record("out", output.current)
    store.put_record("twin", output.twin_files)
    store.put_record("twin_dirty", not output.out_known)
    store.put_record("static", {str(path): stamp for path, stamp in static.values()})
    store.keep_parsed({(rel, i.sha) for rel, i in reader.inputs.items()}, reader.touched)
    store.commit()
    result.files = len(output.current)
    step("write")
    return result


def _render(root: Path, renderer: Renderer, rels: list[str], output: Output) -> list[tuple[str, Stamp]]:
    """Render and write pages on every core: (output file, stamp) for each."""
    def one(rel: str) -> tuple[str, Stamp]:
        file = output_file(rel)
        return file, output.write(file, renderer.render(rel).encode("utf-8"))

    try:
        if len(rels) > 100:
            renderer.prepare(rels)
        return fork_map(one, rels)
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError([Problem(_template_path(exc.filename, root), exc.lineno, "",
                                    exc.message or "")]) from None
    except jinja2.TemplateError as exc:
        raise ContentError([Problem("templates", 1, "", f"template error: {exc}")]) from None


def _search(output: Output, archive, last: dict[str, tuple[bytes, tuple[str, ...]]]
            ) -> tuple[dict[str, tuple[bytes, tuple[str, ...]]], int]:
    """Index the shards whose pages changed; keep the others' files as they are."""
    shards = plan_shards(archive)
    keys = {s.name: shard_key(s, {rel: output.files[rel].digest for rel in s.files}) for s in shards}
    nested = tuple(s.folder for s in shards if s.name) + ("pagefind/shards/", LISTING)
    done: dict[str, tuple[bytes, tuple[str, ...]]] = {}
    stale: list[Shard] = []
    for s in shards:
        key, files = last.get(s.name, (b"", ()))
        if key == keys[s.name] and files and all(f in output.current for f in files):
            for f in files:
                output.carry(f)
            done[s.name] = (key, files)
        else:
            stale.append(s)
    for s in stale:
        output.clear(s.folder, keep=nested if not s.name else ())
    if stale:
        index_shards(output.twin, stale, output.twin.parent / "farm")
    for s in stale:
        made = [rel for rel in output.listing(s.folder) if s.name or not rel.startswith(nested)]
        for rel in made:
            output.adopt(rel)
        done[s.name] = (keys[s.name], tuple(made))
    output.add(LISTING, output.write(LISTING, listing(shards)))
    return done, len(stale)


def _unchanged(root: Path, last: LastBuild, site_file: Input, static: dict[str, tuple[Path, Stamp]]) -> bool:
    """Whether the content, site.yaml and static files are as the last build found them."""
    if {rel: stamp.digest for rel, (_, stamp) in static.items()} != last.static:
        return False
    seen = 0
    for kind, _ in KINDS:
        for name in list_files(root, kind):
            rel = f"content/{kind}/{name}"
            before = last.inputs.get(rel)
            if before is None or not _same_stat(root / rel, before, last.scanned):
                return False
            seen += 1
    return seen == len(last.inputs) and last.site_file == site_file


def _same_stat(path: Path, before: Input, scanned: int) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    return (st.st_size, st.st_mtime_ns) == (before.size, before.mtime) and st.st_mtime_ns < scanned - RACY_NS


def _site_input(root: Path) -> Input:
    try:
        data = (root / "site.yaml").read_bytes()
    except OSError:
        return Input(b"", -1, 0)
    return Input(digest(data), len(data), 0)


def theme_digest(root: Path) -> bytes:
    """Every template the site may use, in the order they are looked up."""
    h = hashlib.blake2b(digest_size=16)
    for folder in dict.fromkeys([root / "templates", HOME / "templates"]):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def static_files(root: Path, store: Store, scanned: int) -> dict[str, tuple[Path, Stamp]]:
    """The static files to copy: the archive's own first, then the defaults.
    A file's digest is taken again only when its size or time changed."""
    known: dict[str, Stamp] = store.record("static") or {}
    found: dict[str, tuple[Path, Stamp]] = {}
    for folder in dict.fromkeys([root / "static", HOME / "static"]):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if rel in found or not path.is_file() or path.is_symlink():
                continue
            st = path.stat()
            was = known.get(str(path))
            if was and (was.size, was.mtime) == (st.st_size, st.st_mtime_ns) and st.st_mtime_ns < scanned - RACY_NS:
                found[rel] = (path, was)
            else:
                found[rel] = (path, Stamp(digest(path.read_bytes()), st.st_size, st.st_mtime_ns))
    return found


def check(root: Path, drafts: bool = True) -> list[Problem]:
    """Validate everything, writing nothing: ContentError if anything is
    wrong, else the warnings (lint.py) of content that is valid but suspect."""
    from .link import link
    content = load(root, None, drafts)
    return lint(content, link(content))


def _template_path(filename: str | None, root: Path) -> str:
    if not filename:
        return "templates"
    path = Path(filename).resolve()
    for base in (root.resolve(), HOME):
        if base in path.parents:
            return path.relative_to(base).as_posix()
    return filename
