"""The build, as a list of steps: load, link, lint, render, search, write
(pipeline.py), after a look at whether anything changed at all (here).

Each build leaves a cache beside its output (cache.py) and the next one
redoes only what changed (reuse.py): content files parsed again only when
their bytes changed, pages rendered again only where a change can reach
them, files written only where their bytes differ, search shards indexed
again only where what Pagefind reads of their pages changed. Nothing
changed, nothing is done. A clean build and an incremental one give the
same bytes."""

from __future__ import annotations

import errno
import gc
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import (CacheDamaged, Input, LastBuild, Stamp, Store, cache_dir, code_key, discard, locked, misshapen,
                    written)
from .confine import outside_links
from .content.files import folder_problems
from .errors import BuildError, ContentError, Problem
from .inputs import (around_links, same_unread, site_input, static_files, static_names, static_over, theme_digest,
                     theme_problems, unchanged)
from .search.pagefindservice import pagefind_binary
from .site.history import git_state, note_problems, read_history, site_moves
from .site.write import Output, check_output, recover


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
    all_pages: bool = False   # every page made (no last build to build on, or none that could be)
    # why every page was made again though a build had been made before ("" if none was, or no reason is known)
    why_every_page: str = ""
    timings: dict[str, float] = field(default_factory=dict)


def build(root: Path, out: Path, base_url: str | None = None, drafts: bool = False,
          search: bool = True, repository: str | None = None) -> BuildResult:
    """Build the site in `root` into `out`, its search index included unless
    `search` is false; raise ContentError or BuildError, leaving `out` as it was.
    `base_url` and `repository`, given, stand for site.yaml's (a site published
    by its repository's workflow: build --base-url, --repository)."""
    check_output(out, root)
    folder = cache_dir(out)
    if (folder / "swap").exists():
        # A build cut off inside a three-rename exchange left the old site aside: it
        # comes back before anything may fail (a link out of the archive, a missing
        # Pagefind), or a failed build would leave no site at all.
        with locked(folder):
            recover(out.resolve(), folder / "site", folder / "swap")
    if search:
        pagefind_binary()  # a missing Pagefind is said before any work is done
    made = written(root, out)
    if refused := outside_links(root, made):  # before the theme, the static files or the content are read
        raise ContentError(around_links(root, refused, made, base_url, drafts, repository))
    taken = misshapen(folder)
    collecting = gc.isenabled()
    # A build makes millions of objects and almost no cycles (rendering makes
    # none): the collector would spend a third of the time finding nothing.
    gc.disable()
    try:
        with locked(folder):
            options = (base_url, drafts, search, repository)
            try:
                try:
                    result = _with_store(root, out, folder, options)
                    result.notes[:0] = [taken] if taken else []
                    return result
                except OSError as exc:
                    if not _in_cache(exc, folder) or exc.errno in (errno.ENOSPC, errno.EDQUOT):
                        raise  # a full disk is no damage to the cache: said, and the cache kept for the next build
                    # A file where the cache keeps a folder (its compiled templates), and the like.
                    raise CacheDamaged(f"{exc.filename}: {exc.strerror}") from None
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


# The cache's own files: its database, its compiled templates, its lock. Not the
# twin (site/) nor the output set aside while it is exchanged (swap/): the site
# is written there, and an error writing it (a full disk) is no damage to throw
# away, nor is swap/ anything to delete (write.recover puts it back).
OWN = ("state.sqlite", "templates", "lock")


def _in_cache(exc: OSError, folder: Path) -> bool:
    """Whether a system error names the cache's folder or one of its own files."""
    for name in (exc.filename, exc.filename2):
        if isinstance(name, str):
            path = Path(name)
            if path == folder or (folder in path.parents
                                  and path.relative_to(folder).parts[0].startswith(OWN)):
                return True
    return False


def _with_store(root: Path, out: Path, folder: Path, options: tuple) -> BuildResult:
    store = Store(folder, code_key())
    try:
        return _build(root, out, store, options)
    finally:
        store.close()


def _build(root: Path, out: Path, store: Store, options: tuple) -> BuildResult:
    result = BuildResult()
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.timings[name] = result.timings.get(name, 0.0) + now - clock
        clock = now

    scanned = time.time_ns()
    problems = theme_problems(root)
    if problems:  # said with the content's own problems, all in one run
        from .content.load import load
        try:
            load(root, options[0], options[1], repository=options[3])
        except ContentError as exc:
            problems += exc.problems
        raise ContentError(problems)
    last: LastBuild | None = store.record("last")
    output = Output(out, store.folder, store.record("out"), store.record("twin"))
    theme, site_file = theme_digest(root), site_input(root)
    same = last is not None and last.options == options and last.theme == theme
    static = static_files(root, store.record("static") or {}, last.scanned if last else 0)
    state, note = git_state(root)
    if note:
        result.notes.append(note)
    # The content files are looked at first: meanwhile the output is checked (write.Output).
    if (same and last.git == state and last.warnings_hold() and unchanged(root, last, site_file, static)
            and output.out_known and output.out_exact() and same_unread(root, last) and not folder_problems(root)):
        result.unchanged, result.files, result.warnings = True, len(output.current), list(last.warnings)
        result.listed = output.listed
        result.reports, result.events = last.counts
        step("check")
        return result

    # YAML, Jinja2, Markdown, the views and the search index: imported only now
    # that there is something to do (without them, a build with nothing to do at
    # 1,000 reports took 0.18-0.26 s instead of 0.31 s).
    from .pipeline import build_changes
    found = Found(root, options, scanned, last, theme, site_file, same, static, state)
    result = build_changes(found, store, output, result, step)
    if result.all_pages:
        result.why_every_page = _why_every_page(store, last, options, theme, site_file)
    return result


def _why_every_page(store: Store, last: LastBuild | None, options: tuple, theme: bytes, site_file: Input) -> str:
    """Why a build made every page again though a build had been made before: a slow
    build after `git pull` is then no mystery. "" where there was none to build on."""
    if store.renewed:
        return ("the generator changed since the last build (its code, Python or a library it uses, "
                "or a setting such as INCIDENTS_SHARD_PAGES)")
    if last is None:
        return (f"the build cache was empty ({store.folder / 'state.sqlite'} was 0 bytes long)"
                if store.emptied else "")
    if last.options != options:
        return ("the build's options changed since the last build (the base URL, the repository, --drafts or "
                "--no-search)")
    if last.theme != theme:
        return "the templates changed since the last build"
    if last.site_file != site_file:
        return "site.yaml changed since the last build"
    return ""


@dataclass(frozen=True)
class Found:
    """What a build found before it knew it had something to do (pipeline.py)."""

    root: Path
    options: tuple            # (base_url, drafts, search, repository)
    scanned: int              # when this build began to look at the files (ns)
    last: LastBuild | None
    theme: bytes              # inputs.theme_digest
    site_file: Input          # site.yaml
    same: bool                # the same options and templates as the last build
    static: dict[str, tuple[Path, Stamp]]
    state: object             # site.history.git_state


def _published(content):
    """`content` without its drafts, as a build without --drafts reads it (itself, with none)."""
    reports = tuple(r for r in content.reports if not r.draft)
    if len(reports) == len(content.reports):
        return content
    named = {r.event for r in reports}
    return replace(content, reports=reports, events=tuple(e for e in content.events if e.slug in named))


def _warnings_of(read, said: list[Problem], unsettled: set[str] | None) -> tuple[list[Problem], list[str]]:
    """The warnings of the content that could be read, beside its errors: a
    date after today is said with a wrong date elsewhere, not first once that
    is mended (--strict: one run, not two). Not a toll compared with an
    event's other reports where some are not read (those of `unsettled`;
    None: any event's): it would be compared with the wrong ones; nor a name
    near another, nor an event one report alone names, nor a tag's French name
    no report has, while any report is in error (which is the slip is told by
    the reports that use each; the tag may be an erring report's), but for a
    name near an actor's that its file gives, where the name itself is no
    file's (the file's spelling is the one meant, however many reports use
    each; while every actor's file is read). What cannot be linked has no
    warnings to give. Returns the warnings said and the kinds of those held
    back (which check names in a line of its own, so that none waits unsaid)."""
    from .content.lint import lint
    from .content.link import link
    from .content.names import fold
    if read is None:
        return [], []
    try:
        found = lint(read, link(read))
    except Exception:  # noqa: BLE001 - content with errors may not link; its errors are said
        return [], []
    event = {r.path: r.event for r in read.reports}
    # Which of two near names is the slip is told by how many reports use each: not
    # while some reports, whose names are not read, are in error.
    near = unsettled is None or bool(unsettled)
    curated = set() if any(p.severity == "error" and p.path.startswith("content/actors/") for p in said) else {
        fold(name) for a in read.actors for name in (a.name, *a.aliases)}

    def certain(w: Problem) -> bool:
        m = _NEAR_ACTOR.match(w.message)
        return bool(m) and fold(m.group(2)) in curated and fold(m.group(1)) not in curated

    def held(w: Problem) -> str:
        """The kind of warning `w` is, if it waits for the errors to be mended ("" if not)."""
        if w.field == "reported_toll" and (unsettled is None or event.get(w.path) in unsettled):
            return "a toll against its event's other reports"
        if not near:
            return ""
        if re.search(r'" (?:is \w+ letters? away from|looks like) the ', w.message) and not certain(w):
            return "a name a letter or two from another"
        if w.field == "event" and "this report alone names it" in w.message:
            return "an event that one report alone names"
        if w.path == "site.yaml" and "no report has the tag" in w.message:
            return "a tag's name in site.yaml that no report uses"
        if w.path == "site.yaml" and "no report or event has the place" in w.message:
            return "a place's name in site.yaml that no report gives"
        return ""

    kinds = [(w, held(w)) for w in found if w not in said]
    return [w for w, kind in kinds if not kind], list(dict.fromkeys(kind for _, kind in kinds if kind))


# lint.near_names' warning of a name near an actor's: the name, and the actor's
_NEAR_ACTOR = re.compile(r'"(.+?)" is (?:one letter|two letters) away from the actor "(.+?)" \(')


def check(root: Path, drafts: bool = True) -> list[Problem]:
    """Validate everything, writing nothing: ContentError if anything is
    wrong, else the warnings (lint.py) of content that is valid but suspect."""
    from .content.lint import lint
    from .content.link import link
    from .content.load import load
    from .site.render import FIXED_PATHS, Renderer, environment, environments, sitemap
    from .site.sitelinks import prose_sections, site_link_warnings
    from .parallel import fork_map
    from .site.templateerrors import running_problems, syntax_problems
    made = written(root)
    if refused := outside_links(root, made):
        raise ContentError(around_links(root, refused, made, None, drafts))
    problems = theme_problems(root) + syntax_problems(root, environment(root))
    try:
        content = load(root, None, drafts)
    except ContentError as exc:
        said, held = _warnings_of(exc.read, exc.problems, exc.unsettled)
        error = ContentError(problems + exc.problems + said + static_over(root, FIXED_PATHS))
        error.held = held
        raise error from None
    archive = link(content)
    # The pages a build makes, drafts left out as it leaves them out (the drafts' content is
    # checked all the same), with the content's history: what check says of the templates
    # running is then what the build says, page for page.
    published = _published(content)
    renderer = Renderer(archive if published is content else link(published),
                        environments(root, archive.site.languages), history=read_history(root, git_state(root)[0]))
    paths = renderer.paths()
    problems += static_over(root, paths)  # the build's own paths
    # Every page, in memory and on every core: a template line may fail on some
    # pages alone (a field a few reports give), and the build would stop there.
    if len(paths) > 100 and not problems:
        renderer.prepare(paths)  # compiled and drawn once, before the workers fork
    problems += running_problems(root, paths, renderer.render, renderer.kind,
                                 lambda: sitemap(renderer.env, renderer.archive, paths), problems, each=True,
                                 mapper=fork_map)
    if problems:
        raise ContentError(problems)
    return sorted(lint(content, archive) + site_link_warnings(content.notes, paths, static_names(root),
                                                              archive.site.base_url, prose_sections(archive),
                                                              site_moves(archive, renderer.history))
                  + note_problems(archive.site, renderer.history))



