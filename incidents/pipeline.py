"""The build's steps once it knows it has something to do (build.py decides):
load (each changed file parsed again), history, link, lint, plan (the pages a
change can reach), render and write, search (the shards whose pages changed
for Pagefind: for an edit's few pages, started once the pages it reads are
made, while the others are), and what the next build needs kept. The build
reaches the modules these need (YAML, Jinja2, Markdown, the views) only
through this one, which it imports once it has something to do."""

from __future__ import annotations

import datetime as dt
from collections import ChainMap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from . import HOME, cldr
from .affected import in_every_language
from .cache import CacheDamaged, LastBuild, Stamp, Store
from .content.lint import lint
from .content.load import load
from .errors import ContentError, Problem
from .inputs import same_unread, static_over
from .parallel import fork_map, give_back_memory
from .reuse import CachedReader, plan, stale_rows
from .search.index import index_meanwhile, indexed_digest, plan_shards, update_index
from .site.data import DataFiles
from .site.history import History, added_dates, history_pages, note_problems, read_history, site_moves
from .site.i18n import named_languages
from .site.render import FIXED_PATHS, SIZED, Renderer, environment, environments, sitemap, sitemap_names
from .site.sitelinks import prose_sections, site_link_warnings
from .site.templateerrors import (TemplateFailed, every_syntax_problem, once_each, rendered, running_problems,
                                  syntax_problems)
from .site.urls import Urls, output_file
from .site.write import Output

if TYPE_CHECKING:
    from .build import BuildResult, Found

# A build that renders fewer than one page in FORK_SHARE renders them in this
# process alone. A forked worker soon touches most of the archive it shares
# with this process (reference counts are written into the objects), and each
# page of memory touched is then held twice: at 100,000 reports a worker
# costs about 1.3 GB, to save a few seconds of a build that renders a few
# thousand pages.
FORK_SHARE = 10
# Made in this process: the data files, from the lines the last build kept
# (data.DataFiles), and datapackage.json; then the data page, with their sizes.
DATA_FILES = frozenset(SIZED)


def build_changes(found: Found, store: Store, output: Output, result: BuildResult,
                  step: Callable[[str], None]) -> BuildResult:
    """Build what changed since the last build (everything, without one) into `output`."""
    root, options, scanned, last = found.root, found.options, found.scanned, found.last
    theme, site_file, same, static, state = found.theme, found.site_file, found.same, found.static, found.state
    base_url, drafts, search, repository = options
    # Babel's month names, country names and numbers, as the last build read them (cldr.py)
    kept = store.record("cldr")
    held = cldr.signature(kept)
    cldr.remember(kept)
    reader = CachedReader(store, last.scanned if last else 0)
    try:
        content = load(root, base_url, drafts, reader, repository=repository,
                       changed=(lambda rel: _changed(rel, last, reader)) if last else None)
    except ContentError as exc:  # the templates' mistakes said with the content's, in one run, and static/'s
        raise ContentError(exc.problems + syntax_problems(root, environment(root))
                           + static_over(root, FIXED_PATHS)) from None
    result.parsed = reader.parsed
    give_back_memory()  # the pickles the workers sent
    step("load")
    if (same and last.git == state and last.warnings_hold() and output.out_known
            and _same_bytes(last, reader, site_file, static)
            and output.out_exact() and same_unread(root, last)):
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
    known = store.record("history") if last is not None and last.git is not None else None
    history = read_history(root, state, known if isinstance(known, History) else None)
    added = added_dates(history)
    archive, todo = plan(store, last, content, same, drafts, added)
    if todo is not None:
        todo |= in_every_language(archive, history_pages(known if isinstance(known, History) else None, history,
                                                         archive, todo))
    step("history")
    result.reports, result.events = len(archive.reports), len(archive.events)
    step("link")
    pairs: dict = {}

    everything = todo is None
    result.all_pages = everything
    renderer = Renderer(archive, environments(root, archive.site.languages, store.folder / "templates"),
                        DataFiles(archive, Urls(archive.site.base_url), store.lines,
                                  *((None, None) if todo is None else stale_rows(archive, todo)),
                                  put=store.put_lines),
                        history, added)
    paths = renderer.paths()
    # Said before anything is written: a static file where the site puts pages of its own;
    # a template that does not compile, when the templates changed (compiled now, for the pages).
    clashes = static_over(root, paths) + ([] if same else syntax_problems(root, renderer.env))
    if clashes and not same:  # and the templates that compile but fail as they run: all in this one run
        clashes += running_problems(root, paths, renderer.render, renderer.kind,
                                    lambda: sitemap(renderer.env, archive, paths), clashes, each=True,
                                    mapper=fork_map)
    if clashes:
        raise ContentError(clashes)
    todo = set(paths) if todo is None else (todo & set(paths)) | {
        p for p in paths if output_file(p) not in output.current}
    shards = plan_shards(archive) if search else []
    known = {} if everything else store.record("indexed")
    if not isinstance(known, dict):  # a record not as written (cache.opened): every page's digest is wanted
        raise CacheDamaged(f"{store.folder / 'state.sqlite'}: the record of the search index's pages is not as "
                           "written")
    indexed: dict[str, bytes] = dict(known)
    step("plan")
    output.begin()
    result.listed = output.listed
    named_languages(archive)
    store.commit()  # the files parsed, kept even if the build stops here
    step("twin")
    shard_files = {f for s in shards for f in s.files}
    alone = len(todo) * FORK_SHARE < len(paths)
    last_shards = (store.record("shards") or {}) if last and same else {}

    failed: list[tuple[str, Problem]] = []  # (page, what failed): said once every page is rendered

    def make_pages(rels: list[str]) -> None:
        for file, stamp, read in _render(root, renderer, rels, output, shard_files, failed, alone=alone):
            output.add(file, stamp)
            if read is not None:
                indexed[file] = read

    finish_index = None
    rest, carried = sorted(todo), set()
    if search and not everything and alone:
        # A few pages (an edit's): first those Pagefind reads, then Pagefind indexes
        # their shards in a thread while this one makes the others (lists, feeds,
        # the data files) and what the next build keeps.
        make_pages([rel for rel in rest if output_file(rel) in shard_files])
        if not failed:
            carried = {output_file(rel) for rel in paths if rel not in todo} & shard_files
            output.carry_all(sorted(carried))
            finish_index = index_meanwhile(output, shards, indexed, last_shards, early=True)
        rest = [rel for rel in rest if output_file(rel) not in shard_files]
        step("render")
    try:
        # The warnings: nothing rendered depends on them, so an edit's are
        # found while Pagefind indexes its shard (0.25 s at 10,000 reports).
        result.warnings = sorted(lint(content, archive, ChainMap(pairs, store.record("lint") or {}))
                                 + site_link_warnings(content.notes, paths, static, archive.site.base_url,
                                                      prose_sections(archive), site_moves(archive, history))
                                 + note_problems(archive.site, history))
        step("lint")
        make_pages(rest)
        made = None
        maps = sitemap_names(paths)
        if everything or last is None or paths != list(last.paths) or not all(m in output.current for m in maps):
            try:
                made = rendered(lambda: sitemap(renderer.env, archive, paths), root, "sitemap.xml")
            except TemplateFailed as exc:
                failed.append(("sitemap.xml", exc.problems[0]))
        if failed:
            raise ContentError(once_each(failed))
        output.carry_all(file for file in (output_file(rel) for rel in paths if rel not in todo)
                         if file not in carried)
        if made is not None:
            for name, text in made.items():
                output.add(name, output.write(name, text.encode()))
        else:
            output.carry_all(maps)
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
        record = LastBuild(options, theme, content.site, reader.inputs, site_file, tuple(paths),
                           {rel: stamp.digest for rel, (_, stamp) in static.items()}, (result.reports, result.events),
                           tuple(result.warnings), scanned, state, dt.date.today().isoformat())
        touched = reader.touched
        del renderer, archive, content, reader
        store.forget_items()
        give_back_memory()
        # What the next build needs and Pagefind does not change: recorded (not yet
        # committed) while an edit's Pagefind runs, where this thread would wait.
        store.put_record("last", record)
        store.put_record("static", {str(path): stamp for path, stamp in static.values()})
        store.put_record("lint", pairs)
        store.put_record("history", history)
        store.put_record("indexed", {f: indexed[f] for s in shards for f in s.files})
        store.keep_parsed({(rel, i.sha) for rel, i in record.inputs.items()}, touched)
    except BaseException:
        if finish_index is not None:
            finish_index(abandon=True)  # no Pagefind left writing into the twin
        raise
    # While an edit's Pagefind runs: files put into the output by hand, said before they go.
    strays = output.strays()
    if strays:
        result.notes.append(stray_note(output.out, output.twin, strays))
    indexes: dict = {}
    if not search and any(rel.startswith("pagefind/") for rel in output.current):
        result.notes.append(f"{output.out}/pagefind/, the last build's search index, goes with this build "
                            "made with --no-search: build without it to search the site")
    if search:
        if finish_index is None:
            indexes, result.indexed = update_index(output, shards, indexed, last_shards)
        else:
            indexes, result.indexed = finish_index()
        step("search")
    output.finish()
    if output.unmade:
        result.notes.append(stray_note(output.out, output.twin, output.unmade, known=False))
    store.put_record("shards", indexes)
    if cldr.signature(cldr.known()) != held:
        store.put_record("cldr", cldr.known())
    if output.twin_was_out:  # recorded already: the last build's output is the twin now
        store.rename_record("out", "twin")
    else:
        store.put_record("twin", (output.twin_files, output.twin_folders))
    store.put_record("out", (output.current, output.out_folders))
    store.commit()
    result.files = len(output.current)
    step("write")
    return result


def stray_note(out: Path, twin: Path, strays: list[str], shown: int = 5, known: bool = True) -> str:
    """What a build says of files it did not make that it finds in its output
    (`known`: the record of the last build tells them from its pages; without
    it, the old output's files this build does not make)."""
    named = ", ".join(strays[:shown]) + (f" and {len(strays) - shown} more" if len(strays) > shown else "")
    one = len(strays) == 1
    held = (f"{out}/ held {len(strays)} file{'' if one else 's'} no build made ({named})" if known else
            f"{out}/ held {len(strays)} file{'' if one else 's'} this build does not make ({named}), and the record "
            "of what the last build made there does not match it (the build cache lost, or a file of it changed by "
            "hand)")
    return (f"{held}: the output holds the site alone, so {'it' if one else 'they'} went with the old site to "
            f"{twin}/, which the next build that changes the site empties; move out what you need (files to "
            "publish go in static/)")


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
            failed: list[tuple[str, Problem]], alone: bool = False) -> list[tuple[str, Stamp, bytes | None]]:
    """Render and write pages on every core: (output file, its stamp, and for a
    page in `indexed` the digest of what Pagefind reads of it) for each. The
    data files are made here (in this process, which holds their lines for the
    next build) while the workers start on the pages. A page whose template
    fails is put in `failed` (the page, the problem) and rendering goes on."""
    def one(rel: str) -> tuple[str, Stamp | None, bytes | Problem | None]:
        file = output_file(rel)
        try:  # a failure located here, in the worker: the traceback does not travel back with the error
            text = rendered(lambda: renderer.render(rel), root, file)
        except TemplateFailed as exc:
            return file, None, exc.problems[0]
        return file, output.write(file, text.encode("utf-8")), indexed_digest(text) if file in indexed else None

    try:
        if len(rels) > 100:
            renderer.prepare(rels)
        data: list = []
        # The data files, then the data page that gives their sizes, made here; the rest on every core.
        files = [rel for rel in rels if rel in DATA_FILES]
        sized = [rel for rel in rels if renderer.gives_sizes(rel)]
        pages = [rel for rel in rels if rel not in DATA_FILES and rel not in sized]
        order = languages_together(renderer, pages)
        done = fork_map(one, [pages[i] for i in order], jobs=1 if alone else None,
                        first=lambda: data.extend(one(rel) for rel in files + sized))
        results: list = [None] * len(pages)
        for i, result in zip(order, done):
            results[i] = result
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError(every_syntax_problem(exc, root, renderer.env)) from None
    except jinja2.TemplateError as exc:
        raise ContentError([Problem("templates", 1, "", f"template error: {exc}")]) from None
    made = []
    for file, stamp, more in results + data:
        if stamp is None:
            failed.append((file, more))
        else:
            made.append((file, stamp, more))
    return made


def languages_together(renderer: Renderer, rels: list[str]) -> list[int]:
    """The indexes of `rels`, each page's languages one after the other ("events/x/",
    "fr/events/x/"), in the order of their first: what a page's languages share
    (its report's Markdown) is then made once, while it is still remembered."""
    same: dict[str, list[int]] = {}
    for i, rel in enumerate(rels):
        same.setdefault(renderer.part(rel)[1], []).append(i)
    return [i for group in same.values() for i in group]
