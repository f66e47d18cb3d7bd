"""A template's mistakes said as content's are: `templates/x.html:3: what is
wrong` and what to do, every template's at once. The build, the preview,
`check` and `new` all run templates an archive may have written itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import jinja2

from .. import HOME
from ..errors import ContentError, Problem
from .urls import output_file

# What Jinja2 runs: the site's templates, and `new`'s report (new-report.md).
SUFFIXES = (".html", ".xml", ".svg", ".txt", ".json", ".md")
# The archive's files of templates/ compiled up front: those the theme's are
# (not a README.md or notes.txt kept beside them, which no page loads).
COMPILED = (".html", ".xml", ".svg")
NEW_REPORT = "new-report.md"
T = TypeVar("T")
SYNTAX_FIX = "correct the template's syntax on this line ({{ … }}, {% … %}, each opened one closed)"


def template_path(filename: str | None, root: Path) -> str:
    """A template's file as errors name it: under the archive, or under the generator."""
    if not filename:
        return "templates"
    path = Path(filename).resolve()
    for base in (root.resolve(), HOME):
        if base in path.parents:
            return path.relative_to(base).as_posix()
    return filename


def syntax_problem(exc: jinja2.TemplateSyntaxError, root: Path) -> Problem:
    return Problem(template_path(exc.filename, root), exc.lineno or 1, "", f"{exc.message or 'invalid syntax'}: "
                   f"{SYNTAX_FIX}")


def failure(exc: Exception, root: Path, writing: str) -> Problem | None:
    """An error raised while a template ran (a name it does not have, a sum by
    zero, a message's %(name)s without its value: often in a template of the
    archive's own), on the template's line: Jinja2 gives each frame of its
    templates their file and line. None if no template is in the traceback."""
    tb, where = exc.__traceback__, None
    folders = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(SUFFIXES) and Path(name).is_file():
            where = (name, tb.tb_lineno)
        elif not name.endswith(".py") and Path(name).is_file():  # a part included by any name (note.j2)
            folders = folders or {(root / "templates").resolve(), HOME / "templates"}
            if any(folder in Path(name).resolve().parents for folder in folders):
                where = (name, tb.tb_lineno)
        tb = tb.tb_next
    if where is None:
        return None
    what = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else \
        f"{type(exc).__name__}: {exc}"
    return Problem(template_path(where[0], root), where[1], "",
                   f"this template failed writing {writing} ({what}); correct the expression on this line")


class TemplateFailed(ContentError):
    """A template failed while it ran, said by failure(): that page stops there;
    the build and the preview go on with the others (once_each)."""


def rendered(make: Callable[[], T], root: Path, writing: str) -> T:
    """make(), which runs templates to write `writing`; a template's failure
    raised as TemplateFailed, on its line: one that fails as it runs, or a
    part it includes that does not compile (syntax_problems compiles the
    pages' templates, not every file they may include, note.txt)."""
    try:
        return make()
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailed([syntax_problem(exc, root)]) from None
    except Exception as exc:
        problem = failure(exc, root, writing)
        if problem is None:
            raise
        raise TemplateFailed([problem]) from None


def once_each(failed: Iterable[tuple[str, Problem]], counted: bool = True) -> list[Problem]:
    """The lines that failed, each once: from the first page it failed on (of
    (page, problem) in the order met), with how many others it failed on. The
    build and the preview render every page they set out to, whatever fails,
    so that two lines failing on different pages (on reports with no author,
    and on reports with two claims) are said in one run, not one run each.
    Not `counted`: a few pages tried (check's), whose count would mislead."""
    first: dict[tuple[str, int], tuple[str, Problem]] = {}
    more: dict[tuple[str, int], int] = {}
    for page, problem in failed:
        key = (problem.path, problem.line)
        if key in first:
            more[key] += 1
        else:
            first[key], more[key] = (page, problem), 0
    return [replace(problem, message=problem.message.replace(
        f"writing {page} (", f"writing {page} and {more[key]} other page{'s' if more[key] > 1 else ''} (", 1))
        if more[key] and counted else problem for key, (page, problem) in first.items()]


def every_failure(rels: Iterable[str], render: Callable[[str], object], kind: Callable[[str], object],
                  root: Path) -> list[Problem]:
    """The failures of one page of each kind among `rels` (`kind`: what chooses a
    page's template): `check`'s look at the templates running, in memory, before
    any build meets them. A line that fails on many pages is said once."""
    failed: list[tuple[str, Problem]] = []
    tried: set = set()
    for rel in rels:
        if (k := kind(rel)) in tried:
            continue
        tried.add(k)
        try:
            rendered(lambda: render(rel), root, output_file(rel))  # noqa: B023 (called at once)
        except TemplateFailed as exc:
            failed.append((output_file(rel), exc.problems[0]))
        except Exception:  # not a template's: the build meets it, and says it
            continue
    return once_each(failed, counted=False)


def running_problems(root: Path, rels: Iterable[str], render: Callable[[str], object], kind: Callable[[str], object],
                     sitemap: Callable[[], object], said: Iterable[Problem] = ()) -> list[Problem]:
    """The templates that fail as they run (a name a page does not have, a sum by
    zero), found by rendering one page of each kind and the sitemap, in memory:
    `check` (which pull requests run) says what a build would, and a build whose
    templates do not all compile says these with those (`said`: not said twice)."""
    found = every_failure(rels, render, kind, root)
    try:
        rendered(sitemap, root, "sitemap.xml")
    except TemplateFailed as exc:
        found += exc.problems
    known = {(p.path, p.line) for p in said}
    return [p for p in found if (p.path, p.line) not in known]


def syntax_problems(root: Path, env: jinja2.Environment) -> list[Problem]:
    """Every syntax error of the archive's own templates (templates/ in `root`),
    compiled by `env` (whose loader looks there first, and which keeps them
    compiled for the pages): said together, where rendering stops at the first,
    and even for a template no page uses yet. The generator's are tested."""
    folder = root / "templates"
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and (p.name.endswith(COMPILED)
                                                                         or p.name == NEW_REPORT)):
        try:
            env.get_template(path.relative_to(folder).as_posix())
        except jinja2.TemplateSyntaxError as exc:
            problems.append(syntax_problem(exc, root))
        except (OSError, UnicodeDecodeError, jinja2.TemplateNotFound):
            continue  # said by inputs.theme_problems
    return problems



def every_syntax_problem(exc: jinja2.TemplateSyntaxError, root: Path, env: jinja2.Environment) -> list[Problem]:
    """The template mistake rendering stopped at, with every other of the archive's templates."""
    first = syntax_problem(exc, root)
    others = syntax_problems(root, env)
    return others if first in others else [first] + others

