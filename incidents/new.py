"""`build.py new`: a ready-to-fill report that passes `check` as written,
stays a draft until a curator finishes it, and never overwrites a file."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path

import jinja2
import yaml

from .confine import refuse_outside_links
from .errors import BuildError, ContentError, Problem, UsageError, cannot_write
from .content.frontmatter import FORBIDDEN, spaced, split, unwritable
from .content.model import PLACEHOLDER
from .content.lint import place_and_more
from .content.names import fold, slugify
from .site.render import HOME
from .site.templateerrors import NEW_REPORT, failure, syntax_problem
from .site.urls import is_year_slug
from .content.validate import read_report
from .importer.source import title_language

# Which option gave each field, to name it in an error.
OPTIONS = {"title": "TITLE", "event": "--event", "date": "--date", "location": "--location",
           "source.publisher": "--publisher", "source.url": "--url", "source.language": "--language"}


# What an option left out gives, said when it is given empty.
EMPTY = {"--date": "give the day of the events (YYYY-MM-DD, YYYY-MM or YYYY; without it the event's, or today's)",
         "--location": "give where the events took place (FILL IN without it)",
         "--publisher": "give who published the article (FILL IN without it)",
         "--url": "give the article's address (FILL IN without it)",
         "--language": "give the article's language, such as fr (the title's without it)"}


def report_slug(title: str, date: str) -> str:
    """The date and title as a slug; never a year alone ("2025" for a title of
    no letter), which is the address of a year's list."""
    base = slugify(f"{date} {title}")[:80].rstrip("-")
    return f"{base}-report" if is_year_slug(base) else base or "report"


_EVENT_LINE = re.compile(r"""^event:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.M)
_DATE_LINE = re.compile(r"""^date:[ \t]*(["']?)(\d{4}(?:-\d{2}(?:-\d{2})?)?)\1[ \t]*(?:#.*)?$""", re.M)


def reports_of_events(root: Path) -> dict[str, list[str]]:
    """Each event slug the reports name, with the dates they give ("" for none),
    read from the files' first lines without parsing the archive."""
    named: dict[str, list[str]] = {}
    for path in sorted((root / "content" / "reports").glob("*.md")):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4000].split("\n---", 1)[0]
        except OSError:
            continue
        if found := _EVENT_LINE.search(head):
            day = _DATE_LINE.search(head)
            named.setdefault(found.group(2), []).append(day.group(2) if day else "")
    return named


def event_note(root: Path, event: str, reports: dict[str, list[str]]) -> str:
    """What to tell a curator whose --event no event file or report names yet
    (`reports`: reports_of_events'): the report starts an event, and the known
    event it most likely meant where one is a letter or two away
    ("2022-03-moura-killing"), said before the report splits one incident in
    two. "" for a known event."""
    files = {path.stem for path in (root / "content" / "events").glob("*.md")}
    if event in files or event in reports:
        return ""
    near = difflib.get_close_matches(event, sorted(files | reports.keys()), n=1, cutoff=0.9)
    if not near:
        return f'--event: no file or report names the event "{event}" yet: this report starts it'
    slug, count = near[0], len(reports.get(near[0], ()))
    has = ([f"its file content/events/{slug}.md"] if slug in files else []) + (
        [f"{count} report{'s' * (count > 1)}"] if count else [])
    return (f'--event: no file or report names the event "{event}" yet, so this report starts it: did you mean '
            f'"{slug}" ({" and ".join(has)})? If so, write event: {slug} in the report')


def event_place(root: Path, event: str) -> str:
    """The name of the place the event's file gives, or "" (no file, or none read)."""
    try:
        head = (root / "content" / "events" / f"{event}.md").read_text(encoding="utf-8", errors="replace")
        data = yaml.safe_load(head.lstrip("\ufeff").split("---", 2)[1])
    except (OSError, IndexError, yaml.YAMLError):
        return ""
    where = data.get("location") if isinstance(data, dict) else None
    name = where.get("name") if isinstance(where, dict) else where
    return name if isinstance(name, str) else ""


def default_date(root: Path, event: str, reports: dict[str, list[str]]) -> tuple[str, str]:
    """The date a report of `event` gets when --date is not given, and what to
    tell the curator of it: the event's own (its file's date, else the
    earliest its reports give (`reports`: reports_of_events'): a report of a
    known event is of its day more often than of today's), else today's.
    Read from the files' lines, without parsing the archive; said, so that
    no day is written in silence."""
    file = root / "content" / "events" / f"{event}.md"
    try:
        head = file.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
    except OSError:
        head = ""
    if found := _DATE_LINE.search(head):
        return found.group(2), (f"--date not given: the event's date in {file.relative_to(root).as_posix()}, "
                                f"{found.group(2)}, written: check it against the article")
    dates = [day for day in reports.get(event, ()) if day]
    if dates:
        return min(dates), (f"--date not given: the earliest date the event's {len(dates)} "
                            f"report{'s give' if len(dates) > 1 else ' gives'}, {min(dates)}, written: check it "
                            "against the article")
    today = dt.date.today().isoformat()
    return today, (f"--date not given: today's date, {today}, written: write the day of the events, as the article "
                   "gives it")


def new_report(root: Path, title: str, event: str, date: str | None = None, location: str | None = None,
               publisher: str | None = None, url: str | None = None, language: str | None = None) -> Path:
    """Write content/reports/<date>-<title>.md (-2, -3… if taken) and return
    its path; UsageError, and nothing written, if an option is invalid. The
    article's language is `language`, else the title's when it tells (a
    report keeps its source's language: its pages mark it so)."""
    refuse_outside_links(root)  # the template read, the folder written: both inside the archive
    # An option given empty (--date "" from a script whose variable was unset) is a
    # mistake, not the option left out: today's date or FILL IN would hide it.
    empty = [f"{option}: is empty: {EMPTY[option]}, or leave the option out"
             for option, value in (("--date", date), ("--location", location), ("--publisher", publisher),
                                   ("--url", url), ("--language", language)) if value is not None and not value.strip()]
    if empty:
        raise UsageError(empty)
    date = date or dt.date.today().isoformat()
    language = language if language is not None else title_language(title)
    # A character no report may hold, pasted into an option: said of the option, before any template runs.
    given = {"TITLE": title, "--event": event, "--date": date, "--location": location, "--publisher": publisher,
             "--url": url, "--language": language}
    messages = [f"{option}: {why}" for option, value in given.items() if value and (why := unwritable(value))]
    if messages:
        raise UsageError(messages)
    # "Moura, Mopti" of the event at Moura: its place, with its region (a bare "Moura, Mopti" is a place of its own)
    split = place_and_more(location, {fold(place): place}) if location and (place := event_place(root, event)) \
        else None
    text = render(root, title, event, date, location, publisher, url, language, split)
    problems = _report_problems(text)
    given = {"location": location, "publisher": publisher, "url": url, "language": language}
    if problems and (root / "templates" / NEW_REPORT).is_file() and (
            wrong := _template_wrong(root, problems, given, text.split("\n"))):
        raise ContentError(wrong)  # the archive's template at fault, not the values given
    messages = [f"{OPTIONS.get(p.field, p.field or 'template')}: {p.message}" for p in problems]
    if is_year_slug(event):
        messages.append(f'--event: "{event}" is the address of a year\'s list (/events/{event}/): add a word, '
                        f'such as {event}-attack')
    if messages:
        raise UsageError(messages)
    folder = root / "content" / "reports"
    base = report_slug(title, date)
    n = 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        while True:
            path = folder / (f"{base}.md" if n == 1 else f"{base}-{n}.md")
            try:
                with open(path, "x", encoding="utf-8", newline="\n") as f:
                    f.write(text)
                return path
            except FileExistsError:
                n += 1
    except OSError as exc:
        raise BuildError(cannot_write(root, folder, exc)) from None



def _report_problems(text: str) -> list[Problem]:
    """The errors of a report's text as `new` made it (lines and fields of that text)."""
    doc, problems = split("new", text)
    if doc is not None:
        problems = problems + [p for p in doc.own(read_report(doc, "new")[1]) if p.severity == "error"]
    return problems


# Values no report refuses: what the archive's template makes of them shows its own mistakes.
SAMPLE = {"title": "A report", "event": "2025-01-01-sample-event", "date": "2025-01-01", "location": "Gao",
          "publisher": "A publisher", "url": "https://example.org/article", "language": "en"}


def _template_wrong(root: Path, found: list[Problem], given: dict[str, str | None],
                    made: list[str]) -> list[Problem]:
    """The mistakes of the archive's templates/new-report.md, which give a
    report no one could write whatever the values (`event: {{ event }}-Bad`,
    `title:` twice, `titel:`): those of `found` (the report made of the values
    given) whose fields are wrong with SAMPLE's too, each on the template's
    line that writes its field (the first line else), rather than blamed on
    the values. SAMPLE's options are left out where `given`'s are, so that the
    template takes the same branches ({% if location == placeholder %}).
    Lines of the report made are not the template's: not said."""
    sample = {**SAMPLE, **{option: None for option, value in given.items() if not value}}
    fields = {p.field for p in _report_problems(render(root, **sample))}
    lines = (root / "templates" / NEW_REPORT).read_text(encoding="utf-8").split("\n")

    def line(problem: Problem) -> int:
        """The template's line that wrote the report's line of `problem`: of those
        that write its field, the one whose text, its {{ … }} aside, is that line's
        (a field written in two branches); else the first (the last: given twice)."""
        field = problem.field
        key = re.compile(rf"\s*-?\s*{re.escape(field.split('.')[-1].split('[')[0])}\s*:")
        found = [i for i, text in enumerate(lines, 1) if key.match(text)] if field else []
        wrote = made[problem.line - 1].rstrip() if 0 < problem.line <= len(made) else None
        for i in (found[::-1] if "given twice" in problem.message else found):
            shape = "".join(".*" if part.startswith("{{") else re.escape(part)
                            for part in re.split(r"({{.*?}})", lines[i - 1].rstrip()))
            if wrote is not None and re.fullmatch(shape, wrote):
                return i
        return (found[-1] if "given twice" in problem.message else found[0]) if found else 1

    return [Problem(f"templates/{NEW_REPORT}", line(p), p.field, _ON_LINE.sub("", p.message))
            for p in found if p.field in fields]


_ON_LINE = re.compile(r" \((?:first )?on line \d+\)")


def _template_problems(root: Path) -> list[Problem]:
    """What in the archive's templates/new-report.md no report could be written
    from: bytes that are not UTF-8, control characters; each on its line."""
    path = root / "templates" / NEW_REPORT
    if not path.is_file():
        return []
    data = path.read_bytes()
    rel = f"templates/{NEW_REPORT}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [Problem(rel, data.count(b"\n", 0, exc.start) + 1, "", "is not UTF-8 text: save it as UTF-8")]
    return spaced(rel, text, FORBIDDEN, 1)[1]


def render(root: Path, title: str, event: str, date: str, location: str | None, publisher: str | None,
           url: str | None, language: str = "", split: tuple[str, str, str] | None = None) -> str:
    if problems := _template_problems(root):
        raise ContentError(problems)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(
        [str(p) for p in (root / "templates", HOME / "templates") if p.is_dir()]),
        autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)

    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string

    try:
        return env.get_template("new-report.md").render(
            title=quoted(title), event=quoted(event), date=quoted(date),
            location=f"{{name: {quoted(split[0])}, {split[1]}: {quoted(split[2])}}}" if split else
            quoted(location or PLACEHOLDER), publisher=quoted(publisher or PLACEHOLDER),
            url=quoted(url) if url else "", placeholder=quoted(PLACEHOLDER),
            language=quoted(language) if language else "")
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError([syntax_problem(exc, root)]) from None
    except Exception as exc:  # noqa: BLE001 - a name the template does not have, and the like: said on its line
        problem = failure(exc, root, "the new report")
        if problem is None:
            raise
        raise ContentError([problem]) from None
