"""A template's mistakes said as content's are: `templates/x.html:3: what is
wrong` and what to do, every template's at once. The build, the preview,
`check` and `new` all run templates an archive may have written itself."""

from __future__ import annotations

import linecache
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import jinja2

from .. import HOME
from ..confine import files
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
    """A template that does not compile, on its line. A block left open ({% for
    %} with no {% endfor %}) is said on the line that opens it, where Jinja2
    names the line it noticed (the template's end, or the next block's end)."""
    path, line = template_path(exc.filename, root), exc.lineno or 1
    message = (exc.message or "invalid syntax").rstrip(".")
    innermost = _INNERMOST.search(message)
    ended = message.startswith("Unexpected end of template")
    met = _UNKNOWN.search(message)
    opened = _opened_at(exc, innermost.group(1), None if ended else line, met and met.group(1)) if innermost else None
    if opened is not None:
        met = ("the template ends first" if ended else f"{{% {met.group(1)} %}} on line {line} comes first" if met
               else f"Jinja2 stopped on line {line}")
        return Problem(path, opened, "", f"this {{% {innermost.group(1)} %}} is never closed ({met}): add "
                       f"{{% end{innermost.group(1)} %}} where it should end")
    unknown = _NO_SUCH.match(message)
    if unknown:
        return Problem(path, line, "", f"{message}: correct the {unknown.group(1)}'s name on this line (Jinja2's "
                       "own, or one the site's templates use)")
    return Problem(path, line, "", f"{message}: {SYNTAX_FIX}")


_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")
_UNKNOWN = re.compile(r"Encountered unknown tag '(\w+)'")
_NO_SUCH = re.compile(r"No (filter|test) named '[^']*'")
# Tags that open a block Jinja2 wants closed by end<name>, and the tag names read in a template.
_BLOCKS = frozenset("for if block macro call filter with raw trans autoescape set".split())
_TAG = re.compile(r"\{%[-+]?\s*(\w+)([^%]*?)[-+]?%\}|\{#.*?#\}", re.S)


def _opened_at(exc: jinja2.TemplateSyntaxError, name: str, line: int | None, met: str | None) -> int | None:
    """The line of the {% name %} still open where Jinja2 stopped: at the tag `met`
    on `line` (None: at the template's end), by the template's tags read in order
    (a {% set %} with an "=" closes itself); None if it cannot be told."""
    source = exc.source
    if source is None and exc.filename:
        try:
            source = Path(exc.filename).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    if not source:
        return None
    stack: list[tuple[str, int]] = []
    raw = False
    for m in _TAG.finditer(source):
        at = source.count("\n", 0, m.start()) + 1
        tag = m.group(1)
        if line is not None and (at > line or at == line and tag == met):
            break
        if tag is None:  # a comment
            continue
        if raw and tag != "endraw":
            continue
        if tag in _BLOCKS and not (tag == "set" and "=" in m.group(2)):
            stack.append((tag, at))
            raw = tag == "raw"
        elif tag.startswith("end") and tag[3:] in _BLOCKS:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == tag[3:]:
                    del stack[i:]
                    break
            raw = False
    for tag, at in reversed(stack):
        if tag == name:
            return at
    return None


def failure(exc: Exception, root: Path, writing: str) -> Problem | None:
    """An error raised while a template ran (a name it does not have, a sum by
    zero, a message's %(name)s without its value: often in a template of the
    archive's own), on the template's line: Jinja2 gives each frame of its
    templates their file and line. None if no template is in the traceback."""
    tb, where = exc.__traceback__, None
    folders = None
    seen: dict[tuple[str, int], int] = {}
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(SUFFIXES) and Path(name).is_file():
            where = (name, tb.tb_lineno)
        elif not name.endswith(".py") and Path(name).is_file():  # a part included by any name (note.j2)
            folders = folders or {(root / "templates").resolve(), HOME / "templates"}
            if any(folder in Path(name).resolve().parents for folder in folders):
                where = (name, tb.tb_lineno)
        if where is not None and isinstance(exc, RecursionError):
            seen[where] = seen.get(where, 0) + 1
        tb = tb.tb_next
    if where is None:
        return None
    if isinstance(exc, RecursionError):  # a template that includes itself: the line met most that includes
        top = max(seen.values())
        where = max(seen, key=lambda w: (seen[w] * 2 >= top, bool(_INCLUDES.search(linecache.getline(*w))), seen[w]))
        return Problem(template_path(where[0], root), where[1], "", f"this template failed writing {writing} (it "
                       "includes itself, round and round); include another template on this line, or none")
    what = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else \
        f"{type(exc).__name__}: {exc}"
    what = _OBJECT.sub(_fields, what)
    return Problem(template_path(where[0], root), where[1], "",
                   f"this template failed writing {writing} ({what}); correct the expression on this line")


# Jinja2's words for a name a view does not have: "'incidents.site.views.ReportPage object' has no attribute 'x'".
_OBJECT = re.compile(r"'incidents\.([\w.]+)\.(\w+) object' has no attribute '([^']*)'")


def _fields(found: re.Match) -> str:
    """A view named as its template sees it, with the names it has: a template's
    writer learns what to write, not which Python class it was."""
    import dataclasses
    import importlib
    module, name, missing = found.groups()
    try:
        view = getattr(importlib.import_module(f"{__package__.rpartition('.')[0]}.{module}"), name)
        names = [f.name for f in dataclasses.fields(view)]
    except (ImportError, AttributeError, TypeError):
        return found.group()
    words = re.sub(r"(?<!^)([A-Z])", r" \1", name).lower()
    return f"a {words} has no '{missing}'; it has {', '.join(names)}"


_INCLUDES = re.compile(r"{%-?\s*(?:include|extends|import|from)\b")


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


_OTHER_LANGUAGE = re.compile(r"[a-z]{2}/")


def once_each(failed: Iterable[tuple[str, Problem]], counted: bool = True) -> list[Problem]:
    """What failed, each once: each line's each way of failing (a sum by zero on
    some pages, a missing name on others), on the first page it failed so on,
    with how many others. The build and
    the preview render every page they set out to, whatever fails, so that two
    lines failing on different pages are said in one run, not one run each. A
    line that fails in more than WAYS ways (its messages quoting the data) has
    the rest counted on its last. Not `counted`: a few pages tried (check's),
    whose count would mislead."""
    ways: dict[tuple[str, int], dict[str, list]] = {}  # line → its way of failing → [page, problem, pages]
    # The page named is the first by address, the site's own language before the
    # others' (fr/…): the same whichever worker met which page first, in check and build.
    for page, problem in sorted(failed, key=lambda f: (bool(_OTHER_LANGUAGE.match(f[0])), f[0])):
        way = ways.setdefault((problem.path, problem.line), {})
        key = problem.message.replace(f"writing {page} (", "writing (", 1)
        if key in way:
            way[key][2] += 1
        else:
            way[key] = [page, problem, 1]
    out = []
    for found in ways.values():
        said, rest = list(found.values())[:WAYS], sum(n for _, _, n in list(found.values())[WAYS:])
        for i, (page, problem, pages) in enumerate(said):
            message = problem.message
            if counted and pages > 1:
                message = message.replace(f"writing {page} (", f"writing {page} and {pages - 1} other "
                                          f"page{'s' if pages > 2 else ''} (", 1)
            if rest and i == len(said) - 1:
                message += f"; it failed in other ways on {rest} more page{'s' if rest > 1 else ''}"
            out.append(replace(problem, message=message))
    return out


WAYS = 3


def every_failure(rels: Iterable[str], render: Callable[[str], object], kind: Callable[[str], object],
                  root: Path, each: bool = False, mapper: Callable = map) -> list[Problem]:
    """The failures of one page of each kind among `rels` (`kind`: what chooses a
    page's template): `check`'s look at the templates running, in memory, before
    any build meets them. `each`: of every page (a build whose templates do not
    all compile: the others' failures said with theirs), with `mapper` (the
    build's, on every core)."""
    chosen, tried = [], set()
    for rel in rels:
        if each or (k := kind(rel)) not in tried:
            chosen.append(rel)
            tried.add(None if each else k)

    def attempt(rel: str) -> tuple[str, Problem] | None:
        try:
            rendered(lambda: render(rel), root, output_file(rel))
        except TemplateFailed as exc:
            return output_file(rel), exc.problems[0]
        except Exception:  # noqa: BLE001 - not a template's: the build meets it, and says it
            pass
        return None

    return once_each([f for f in mapper(attempt, chosen) if f], counted=each)


def running_problems(root: Path, rels: Iterable[str], render: Callable[[str], object], kind: Callable[[str], object],
                     sitemap: Callable[[], object], said: Iterable[Problem] = (), each: bool = False,
                     mapper: Callable = map) -> list[Problem]:
    """The templates that fail as they run (a name a page does not have, a sum by
    zero), found by rendering one page of each kind (`each`: every page) and the
    sitemap, in memory: `check` (which pull requests run) says what a build
    would, and a build whose templates do not all compile says these with
    those (`said`: not said twice)."""
    found = every_failure(rels, render, kind, root, each, mapper)
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
    # Links followed where they stay in the archive (confine.files): a template linked out
    # of it is never read, whose mistakes would quote the file it leads to.
    for rel, path in files(folder):
        if not (path.name.endswith(COMPILED) or path.name == NEW_REPORT):
            continue
        try:
            env.get_template(rel)
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

