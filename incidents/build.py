"""The build, as a list of steps: load, link, render, write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .errors import ContentError, Problem
from .link import link
from .lint import lint
from .load import load
from .render import HOME, environment, pages, sitemap
from .search import index_site, pagefind_binary
from .urls import output_file
from .write import check_output, write_site


@dataclass
class BuildResult:
    files: int = 0
    reports: int = 0
    events: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def build(root: Path, out: Path, base_url: str | None = None, drafts: bool = False,
          search: bool = True) -> BuildResult:
    """Build the site in `root` into `out`, its search index included unless
    `search` is false; raise ContentError or BuildError, leaving `out` as it was."""
    result = BuildResult()
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.timings[name] = now - clock
        clock = now

    check_output(out, root)
    if search:
        pagefind_binary()  # a missing Pagefind is said before any work is done
    content = load(root, base_url, drafts)
    step("load")
    archive = link(content)
    result.reports, result.events = len(archive.reports), len(archive.events)
    step("link")
    result.warnings = lint(content, archive)
    step("lint")
    env = environment(root)
    try:
        files = list(pages(archive, env))
        files.append(("sitemap.xml", sitemap(env, archive, [rel for rel, _ in files])))
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError([Problem(_template_path(exc.filename, root), exc.lineno, "", exc.message or "")])
    except jinja2.TemplateError as exc:
        raise ContentError([Problem("templates", 1, "", f"template error: {exc}")])
    step("render")
    static = [p for p in dict.fromkeys([root / "static", HOME / "static"]) if p.is_dir()]
    indexed = 0.0

    def index(folder: Path) -> None:
        nonlocal indexed
        start = time.perf_counter()
        index_site(folder)
        indexed = time.perf_counter() - start

    result.files = write_site(out, [(output_file(rel), data) for rel, data in files], static,
                              index if search else None)
    step("write")
    if search:
        result.timings["write"] -= indexed
        result.timings["search"] = indexed
    return result


def check(root: Path, drafts: bool = True) -> list[Problem]:
    """Validate everything, writing nothing: ContentError if anything is
    wrong, else the warnings (lint.py) of content that is valid but suspect."""
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
