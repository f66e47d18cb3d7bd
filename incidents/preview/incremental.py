"""The preview server's build: the last good site kept in memory and on disk,
brought up to date from the files that changed. Only changed files are read
again, linking reuses what did not change (link.relink), and only the pages a
change reaches (affected.py) are rendered and written, in place.

A failed rebuild changes nothing: the last good content, archive and output
stay, and `problems` says what is wrong until a later rebuild succeeds."""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from ..affected import affected_pages, in_every_language
from ..cache import written
from ..confine import Links, files as folder_files
from ..errors import ContentError, Problem
from ..gitrun import run_git
from ..site.templateerrors import (TemplateFailed, every_syntax_problem, once_each, rendered, running_problems,
                                   syntax_problems)
from .watch import ignored
from ..site.history import History, added_dates, git_state, history_pages, read_history
from ..content.link import Archive, link, relink
from ..content.files import folder_problems
from ..inputs import around_links, static_over, theme_problems
from ..content.load import (KINDS, READERS, assemble, checked_files, list_files, load_site, named_pages, read_item,
                            static_clashes, unread_files)
from ..content.model import Content, Report, SiteConfig
from ..site.render import FIXED_PATHS, HOME, Renderer, environments, feed_reports, sitemap, sitemap_names
from ..search.index import indexed_digest, indexed_page
from ..site.urls import output_file
from ..site.write import check_output

# Folders the output keeps between rebuilds though no page makes them.
FOREIGN = ("pagefind",)


@dataclass
class Outcome:
    """What one rebuild did."""

    problems: list[Problem] = field(default_factory=list)
    rendered: int = 0
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    full: bool = False
    recovered: str = ""       # the error an incremental rebuild met before a full one put it right
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


class Incremental:
    """One archive folder built into one output folder, kept up to date by `rebuild`."""

    def __init__(self, root: Path, out: Path, base_url: str, drafts: bool = False):
        # .serve/ is the preview's own name: a site it began to write there (stopped during
        # its first build) is still its, by its home page or its 404 page.
        check_output(out, root, "the preview builds its site there: move what it holds elsewhere, or remove it",
                     ("index.html", "404.html"), every=False, preview=True)
        self.root, self.out, self.base_url, self.drafts = root.resolve(), out.resolve(), base_url, drafts
        self.content: Content | None = None     # the last good content …
        self.archive: Archive | None = None     # … linked
        self.problems: list[Problem] = []       # why the last rebuild failed, if it did
        self._env: dict[str, jinja2.Environment] | None = None  # one per language
        self._site: tuple[SiteConfig | None, list[Problem]] | None = None
        self._files: dict[str, tuple[object, list[Problem]]] = {}    # parsed content files, by path
        self._names: dict[str, set[str]] | None = None  # kind → file names in content/<kind>/
        self._accepted: dict[str, list[tuple[str, Path]]] | None = None  # … those with valid names
        self._name_problems: list[Problem] = []
        self._folder_problems: list[Problem] = []
        self._dirty: set[str] = set()           # content files to read again
        self._since_good: set[str] = set()      # content files read since the last good content
        self._listing_changed = True            # the set of content files changed since then
        self._position: tuple[Content, dict[str, int]] | None = None   # report slug → index in content
        self._paths: list[str] = []             # site paths of the last good site
        self._feed: list = []                   # its feed's reports
        self._digests: dict[str, bytes] = {}    # output file → digest of the bytes written there
        self._static: set[str] = set()          # output files copied from static folders
        self._full = True                       # the next rebuild renders everything
        self._static_dirty = True
        self._static_listed: list[tuple[Path, list[tuple[str, Path]]]] | None = None  # _static_files
        self._pending: set[str] = set()         # site paths left for catch_up()
        self.indexed: dict[str, bytes] = {}     # indexed page → search.index.indexed_digest
        self._links = Links(self.root, written(self.root, self.out))  # links out, or into .serve/ (refused)
        self._git_logs: Path | None = None      # git_logs(), found once
        self._git_behind: tuple[Path, ...] | None = None  # git_behind(), found once
        self._history: History | None = None    # the content's git history, as last read (history.py)

    # which files matter ----------------------------------------------------
    def template_dirs(self) -> list[Path]:
        return [p for p in dict.fromkeys([self.root / "templates", HOME / "templates"])]

    def _static_files(self) -> list[tuple[Path, list[tuple[str, Path]]]]:
        """Each static folder's files, listed again only when one changed (a walk
        of 10,000 files, 0.2 s, at every rebuild otherwise)."""
        if self._static_listed is None or self._static_dirty:
            self._static_listed = [(folder, folder_files(folder) if folder.is_dir() else [])
                                   for folder in self.static_dirs()]
        return self._static_listed

    def static_dirs(self) -> list[Path]:
        return [p for p in dict.fromkeys([self.root / "static", HOME / "static"])]

    def watched(self) -> list[Path]:
        """What the watcher should watch: content, templates, static folders, site.yaml,
        git's log of what HEAD was (a commit alone changes the pages' history), and
        what rewrites the history behind the same commit (git_behind)."""
        return [self.root / "content", *self.template_dirs(), *self.static_dirs(), self.git_logs(),
                *self.git_behind(), self.root / "site.yaml"]

    def git_behind(self) -> tuple[Path, ...]:
        """The files that make the same commit's history another (history._behind): a
        shallow clone's boundary (`git fetch --unshallow`, which the build's note on
        a shallow clone advises, or `--deepen`), grafts and replacements (`git replace`)."""
        if self._git_behind is None:
            done = run_git(self.root, "rev-parse", "--path-format=absolute", "--git-common-dir")
            found = done[0].strip() if done and done[2] == 0 else ""
            common = Path(found) if found else self.root / ".git"
            self._git_behind = (common / "shallow", common / "packed-refs", common / "info" / "grafts",
                                common / "refs" / "replace")
        return self._git_behind

    def git_logs(self) -> Path:
        """Where git logs what HEAD was: the repository's, which may be above the
        archive, or a worktree's own (.git a file); .git/logs in the archive while
        there is none (a repository made later)."""
        if self._git_logs is None:
            done = run_git(self.root, "rev-parse", "--absolute-git-dir")
            found = done[0].strip() if done and done[2] == 0 else ""
            self._git_logs = Path(found) / "logs" if found else self.root / ".git" / "logs"
        return self._git_logs

    def regit(self) -> None:
        """Look for the repository again (one made above the archive since: watch.Sweep)."""
        self._git_logs = self._git_behind = None

    def relevant(self, path: Path) -> bool:
        """Whether a change at `path` can change the site: not the output's, nor an
        editor's temporary file (watch.ignored) but in a static folder, where the
        build publishes every file, whatever its name."""
        if path == self.out or self.out in path.parents:
            return False
        if ignored(str(path)) and not any(top in path.parents for top in self.static_dirs()):
            return False
        if path == self.git_logs():
            return True  # made by a first commit: its HEAD may be written already
        if path.parent == self.git_logs():
            return path.name == "HEAD"  # each commit, checkout or reset adds a line
        behind = self.git_behind()
        if path in behind or behind[-1] in path.parents:
            return True
        return path == self.root / "site.yaml" or any(
            path == top or top in path.parents
            for top in (self.root / "content", *self.template_dirs(), *self.static_dirs()))

    # the rebuild -------------------------------------------------------------
    def rebuild(self, changed: Iterable[Path] = (), defer: Iterable[str] = (),
                soon: Callable[[str], bool] | None = None) -> Outcome:
        """Bring the output up to date after `changed` paths changed (all of them the first time).
        Site paths in `defer` (the big data files), and those `soon` refuses (the long
        lists), are left for catch_up(), so that the page being edited is served first.

        Whatever the incremental path meets that is not the content's fault (a
        bug, files that came and went faster than the watcher could say), the
        state it kept is forgotten and everything is read and rendered again at
        once, so that this save, and every later one, is served; `recovered`
        says what happened. Only an error of the full rebuild itself is raised."""
        full = self._full or self.archive is None
        try:
            return self._rebuild(changed, defer, soon)
        except Exception as exc:
            self.forget()  # see above: start again from the files
            if full:
                raise
            try:
                outcome = self._rebuild((), defer, soon)
            except Exception:
                self.forget()
                raise
            outcome.recovered = repr(exc)
            return outcome

    def forget(self) -> None:
        """Drop what the incremental path keeps: the next rebuild reads and renders all."""
        self._site, self._names, self._accepted = None, None, None
        self._files, self._digests, self.indexed = {}, {}, {}
        self._dirty, self._since_good, self._pending = set(), set(), set()
        self._position, self._env, self._history = None, None, None
        self._paths = []  # so that the full rebuild sweeps the output of what it does not make
        self._full = self._static_dirty = self._listing_changed = True

    def _rebuild(self, changed: Iterable[Path], defer: Iterable[str],
                 soon: Callable[[str], bool] | None) -> Outcome:
        outcome = Outcome()
        clock = time.perf_counter()

        def step(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            outcome.timings[name] = outcome.timings.get(name, 0.0) + now - clock
            clock = now

        changed = list(changed)
        self._note(changed)
        full = outcome.full = self._full or self.archive is None
        try:
            if outside := self._links.problems(changed):  # with the mistakes read around them, as the build says
                raise ContentError(around_links(self.root, outside, written(self.root, self.out), self.base_url,
                                                self.drafts))
            if theme := theme_problems(self.root):
                raise ContentError(theme)
            try:
                content = self._load()
            except ContentError as exc:  # static/'s clashes with the site's own paths said with the content's
                raise ContentError(exc.problems + static_over(self.root, FIXED_PATHS,
                                                              [rel for rel, _ in self._static_files()[0][1]])) from None
            step("load")
            if full or self.content is None or self.archive is None:
                archive = link(content)
            else:
                archive = relink(self.content, self.archive, content)
            step("link")
            if full or self._env is None or set(self._env) != set(archive.site.languages):
                self._env = environments(self.root, archive.site.languages)
            # Commits are read at each rebuild (a commit alone, which changes no watched file, shows at the next save).
            history = read_history(self.root, git_state(self.root)[0], self._history)
            added = added_dates(history)
            renderer = Renderer(archive, self._env, history=history, added=added)
            paths = renderer.paths()
            # The archive's templates compiled up front when they may have changed, as the build does.
            own = [rel for rel, _ in self._static_files()[0][1]]  # static_dirs(): the archive's first
            clashes = static_over(self.root, paths, own) + (syntax_problems(self.root, renderer.env) if full else [])
            if clashes:
                if full:  # and the templates that compile but fail as they run, as the build says them
                    clashes += running_problems(self.root, paths, renderer.render, renderer.kind,
                                                lambda: sitemap(renderer.env, archive, paths), clashes, each=True)
                raise ContentError(clashes)
            if full or self.archive is None:
                todo = list(paths)
            else:
                todo = affected_pages(self.archive, archive, self._feed, added)
                todo = sorted(todo | in_every_language(archive, history_pages(self._history, history, archive, todo)))
                deferred = set(defer)
                later = ({rel for rel in todo if within(archive, rel) in deferred}
                         | ({rel for rel in todo if not soon(rel)} if soon else set()))
                todo = [rel for rel in todo if rel not in later]
                self._pending &= set(paths)  # pages gone since are not made again
            todo = sized_last(renderer, todo)
            step("plan")
            files: dict[str, str | bytes] = {}
            failed: list[tuple[str, Problem]] = []  # every page's failure said in this one rebuild
            for rel in todo:
                try:
                    files[output_file(rel)] = self._render(renderer, rel)
                except TemplateFailed as exc:
                    failed.append((output_file(rel), exc.problems[0]))
            if full or paths != self._paths:
                try:
                    files.update(rendered(lambda: sitemap(renderer.env, archive, paths), self.root, "sitemap.xml"))
                except TemplateFailed as exc:
                    failed.append(("sitemap.xml", exc.problems[0]))
            if failed:
                raise ContentError(once_each(failed))
            feed = feed_reports(archive, added) if "feed.xml" in files else self._feed
            outcome.rendered = len(files)
            step("render")
        except ContentError as exc:  # the files not read among them are said by the server, once each
            self.problems = outcome.problems = [p for p in exc.problems if p.severity == "error"]
            return outcome
        except jinja2.TemplateSyntaxError as exc:
            self.problems = outcome.problems = every_syntax_problem(exc, self.root, next(iter(self._env.values())))
            return outcome
        except jinja2.TemplateError as exc:
            self.problems = outcome.problems = [Problem("templates", 1, "", f"template error: {exc}")]
            return outcome
        # Pages gone go first: once a renamed report's new page is served, its old
        # one is not (with two languages a rebuild writes twice the files, and a
        # reader polling the new page could still find the old one in that time).
        gone = set(self._paths) - set(paths) if paths != self._paths else set()
        gone_files = sorted({output_file(rel) for rel in gone}
                            | (set(sitemap_names(self._paths)) - set(sitemap_names(paths)) if gone else set()))
        for rel in gone_files:
            if self._remove(rel):
                outcome.deleted.append(rel)
        if self._static_dirty:
            copied, removed = self._copy_static(set(files))
            outcome.written += copied
            outcome.deleted += removed  # a style sheet removed: every page reloads, as for one changed
        for rel, text in files.items():
            if self._put(rel, text.encode("utf-8") if isinstance(text, str) else text, full):
                outcome.written.append(rel)
            if indexed_page(rel):
                self.indexed[rel] = indexed_digest(text)
        if full and not self._paths:
            outcome.deleted += self._sweep({output_file(p) for p in paths} | set(sitemap_names(paths)) | self._static)
        step("write")
        if full or self.archive is None:
            self._pending.clear()
        else:
            self._pending |= later
        self.content, self.archive, self._paths, self._feed = content, archive, paths, feed
        self._since_good, self._listing_changed = set(), False
        self._history = history
        self.problems, self._full = [], False
        return outcome

    def _render(self, renderer: Renderer, rel: str) -> str:
        """A page's text; a template that fails while it runs (an archive's own,
        often) is said on its file and line, as the build says it."""
        return rendered(lambda: renderer.render(rel), self.root, output_file(rel))

    def catch_up(self, skip: Iterable[str] = ()) -> list[str]:
        """Render and write what rebuild() deferred but `skip`, from the last good archive."""
        skip = set(skip)
        if self.archive is None or self._env is None:
            return []
        skipped = {rel for rel in self._pending if within(self.archive, rel) in skip}  # in every language
        if not self._pending - skipped:
            return []
        renderer = Renderer(self.archive, self._env, history=self._history)
        written = []
        todo = sized_last(renderer, sorted(self._pending - skipped))
        failed: list[tuple[str, Problem]] = []
        waiting = set()
        for rel in todo:
            try:
                text = self._render(renderer, rel)
            except TemplateFailed as exc:  # said as a rebuild's; the page waits for the next
                failed.append((output_file(rel), exc.problems[0]))
                waiting.add(rel)
                continue
            if self._put(output_file(rel), text.encode("utf-8"), False):
                written.append(output_file(rel))
            if indexed_page(output_file(rel)):
                self.indexed[output_file(rel)] = indexed_digest(text)
        self._pending = skipped | waiting
        if failed:
            self.problems = once_each(failed)
            raise ContentError(self.problems)
        return written

    def tidy(self) -> None:
        """Between rebuilds: collect what the last one left behind, then keep the
        long-lived archive out of the garbage collector's way (at 10,000
        reports a full collection during a rebuild costs more than the rebuild)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def _note(self, changed: Iterable[Path]) -> None:
        content = self.root / "content"
        for path in changed:
            path = Path(os.path.abspath(path))
            if path == self.root / "site.yaml":
                self._site = None
                self._full = True
            elif any(path == d or d in path.parents for d in self.template_dirs()):
                self._full = True
            elif any(path == d or d in path.parents for d in self.static_dirs()):
                self._static_dirty = True
            elif path.suffix == ".md" and path.parent.parent == content and path.parent.name in READERS:
                rel = path.relative_to(self.root).as_posix()
                self._dirty.add(rel)
                if self._accepted is not None and any(p.path == rel for p in self._name_problems):
                    self._accepted = None  # a file not read for its name: its own mistakes read again
                if self._names is not None:
                    names = self._names[path.parent.name]
                    # anything but a folder, as list_files has it (a pipe called x.md is said, not left out)
                    if os.path.lexists(path) and not path.is_dir() and not path.name.startswith("."):
                        if path.name not in names:
                            names.add(path.name)
                            self._accepted = None
                    elif path.name in names:
                        names.discard(path.name)
                        self._accepted = None
            elif path == content or content in path.parents:  # a folder: list and read it all again
                self._names = self._accepted = None
                self._dirty.update(k for k in self._files if (self.root / k).is_relative_to(path))

    def _load(self) -> Content:
        if self._site is None:
            self._site = load_site(self.root, self.base_url)
        site, problems = self._site
        problems = list(problems)
        if self._names is None:
            self._names = {kind: set(list_files(self.root, kind)) for kind, _ in KINDS}
            self._folder_problems = folder_problems(self.root)
        problems += self._folder_problems
        if self._accepted is None:
            self._name_problems = []
            self._accepted = {kind: [(f"content/{kind}/{p.name}", p) for p in checked_files(
                self.root, kind, self._names[kind], self._name_problems)] for kind, _ in KINDS}
            self._listing_changed = True
            self._files = {k: v for k, v in self._files.items()
                           if k.split("/")[1] in self._names and k.split("/")[2] in self._names[k.split("/")[1]]}
        problems += self._name_problems
        for rel in self._dirty:
            self._files.pop(rel, None)
        self._since_good |= self._dirty
        self._dirty = set()
        items = []
        for kind, _ in KINDS:
            for rel, path in self._accepted[kind]:
                got = self._files.get(rel)
                if got is None:
                    got = self._files[rel] = read_item(self.root, kind, path)
                item, found = got
                problems += found
                if item is not None:
                    items.append(item)
        problems += static_clashes(self.root, named_pages(items, problems))
        content = self._reuse(site, problems)
        if content is None:
            # A clash between two files is put on the one edited since the last good content;
            # a report not read (x.markdown) keeps its event's file from being called unnamed.
            content = assemble(site, items, problems, self.drafts, unread_files(self.root),
                               self._since_good.__contains__)
        # What changed since the last good content is forgotten once this content is the
        # good one (rebuild's end): a rebuild that fails later (a template, static/) keeps it.
        return content

    def _reuse(self, site: SiteConfig | None, problems: list[Problem]) -> Content | None:
        """The last good content with changed reports swapped in, when that is all
        that changed: the same files, no problems, each report in the same event,
        draft as before. (Otherwise assemble() checks everything again.)"""
        old = self.content
        if old is None or self._listing_changed or site != old.site or any(p.severity == "error" for p in problems):
            return None
        if any(p.path in self._since_good for p in [*problems, *old.notes]):
            return None  # a changed file's warnings (bodylinks.py), new or gone: assemble() says them again
        if self._position is None or self._position[0] is not old:
            self._position = (old, {r.slug: i for i, r in enumerate(old.reports)})
        position = self._position[1]
        reports = list(old.reports)
        for rel in self._since_good:
            if rel not in self._files:  # came and went between two rebuilds: never part of the content
                continue
            item = self._files[rel][0]
            if not isinstance(item, Report) or item.slug not in position or item.draft:
                return None
            was = reports[position[item.slug]]
            if was.event != item.event:
                return None
            reports[position[item.slug]] = item
        return replace(old, reports=tuple(reports))

    def lost(self, rel: str) -> bool:
        """Whether the output file `rel` was written by this preview and is gone from
        its folder since (removed by hand): a file is written only when its bytes
        change, so no later save would bring it back."""
        return rel in self._digests and not (self.out / rel).is_file()

    def within(self, rel: str) -> str:
        """`rel` within its language's folder, in the last good site."""
        return within(self.archive, rel) if self.archive is not None else rel

    @property
    def history(self) -> History | None:
        """The content's git history, as the pages served show it."""
        return self._history

    def site_files(self) -> tuple[list[str], set[str]]:
        """The last good site's paths, and the files it copied from static folders."""
        return self._paths, self._static

    # the output folder -------------------------------------------------------
    def _put(self, rel: str, data: bytes, compare_disk: bool) -> bool:
        """Write one output file unless it already holds these bytes. True if written."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if self._digests.get(rel) == digest:
            return False
        path = self.out / rel
        if rel not in self._digests and compare_disk:
            try:
                if path.read_bytes() == data:
                    self._digests[rel] = digest
                    return False
            except OSError:
                pass
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():  # a folder where a file of the site goes: .serve/ is ours
            shutil.rmtree(path)
        temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)  # never left behind, to be served
            raise
        self._digests[rel] = digest
        return True

    def _remove(self, rel: str) -> bool:
        self._digests.pop(rel, None)
        self.indexed.pop(rel, None)
        path = self.out / rel
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        folder = path.parent
        while folder != self.out and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
        return True

    def _sweep(self, keep: set[str]) -> list[str]:
        """The first time: remove what an earlier session left that this site no longer has."""
        removed = []
        for folder, dirs, names in os.walk(self.out):
            top = Path(folder)
            if top == self.out:
                dirs[:] = [d for d in dirs if d not in FOREIGN]
            for name in names:
                rel = (top / name).relative_to(self.out).as_posix()
                if rel not in keep and self._remove(rel):
                    removed.append(rel)
        return removed

    def _copy_static(self, pages: set[str]) -> tuple[list[str], list[str]]:
        """Static files as write.write_site copies them: the archive's own first, then the defaults.
        The files written, and those removed (a file of static/ deleted or renamed)."""
        found: dict[str, Path] = {}
        for _, listed in self._static_files():
            for rel, path in listed:
                if rel not in found and rel not in pages:
                    found[rel] = path
        written = [rel for rel, path in found.items() if self._put(rel, path.read_bytes(), True)]
        removed = [rel for rel in sorted(self._static - found.keys()) if self._remove(rel)]
        self._static = set(found)
        self._static_dirty = False
        return written, removed


def sized_last(renderer: Renderer, rels: list[str]) -> list[str]:
    """`rels`, the data page in each language last: made after the data files whose
    sizes it gives, it finds them made (render.Renderer.size_of), not made twice."""
    return sorted(rels, key=renderer.gives_sizes)


def within(archive: Archive, rel: str) -> str:
    """A site path within its language's folder: "fr/data/" is "data/", as is "en-GB/data/"."""
    first, sep, rest = rel.partition("/")
    return rest if sep and first != archive.site.language and first in archive.site.languages else rel
