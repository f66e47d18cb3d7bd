"""Read the archive folder: site.yaml and every content file, validated.
The only stage that reads content from disk."""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..confine import nowhere, outside_links, refusal, to_nothing
from ..errors import ContentError, Problem, visible
from .bodylinks import SITE_LINK
from .fields import MAX_NAME, SLUG
from .files import FOLDERS, folder_problems, list_files, unread_files
from .frontmatter import FORBIDDEN, SEPARATORS, Document, Lines, parse_yaml, spaced, split
from .recency import git_recency
from .model import PLACEHOLDER, ActorFile, Content, EventFile, Page, Report, SiteConfig, Unfinished
from .names import fold, slugify
from ..site.urls import A_Z, RESERVED, is_year_slug
from .validate import read_actor, read_event, read_page, read_report, read_site

# A report is an article's text: 2 MB is twenty times the longest article, and
# refusing more keeps a pasted data dump or a binary from stalling the build.
MAX_BYTES = 2 * 1024 * 1024
KINDS = tuple(zip(FOLDERS, (read_report, read_event, read_actor, read_page)))
READERS = dict(KINDS)


Item = Report | EventFile | ActorFile | Page
Reader = Callable[[Path, list[tuple[str, Path]]], list[tuple[Item | None, list[Problem]]]]


def load(root: Path, base_url: str | None = None, drafts: bool = False, reader: Reader | None = None,
         changed: Callable[[str], float] | None = None, made: Iterable[Path] = (),
         repository: str | None = None) -> Content:
    """Everything under `root`, or ContentError with every problem found.
    `reader` reads the content files (by default one by one, with read_item);
    the build's reads them from its cache and in parallel. A link out of the
    archive (or into what the build writes, `made`) is refused, and nothing read
    through it; the other files are, so that their mistakes are said in the same
    run (confine.py). `changed` tells
    how late a file changed (True for changed since the last good build, or
    git's word: recency.py), to put a clash between two files on the one
    that changed last (_cross_checks); without it, git's. `base_url` and
    `repository`, given, stand for site.yaml's (build --base-url, --repository)."""
    refused = outside_links(root, made)
    off = {p.path for p in refused}
    problems: list[Problem] = refused + [p for p in folder_problems(root) if _reached(p.path, off)]
    site, site_problems = load_site(root, base_url, repository) if "site.yaml" not in off else (None, [])
    problems += site_problems
    files = [(kind, path) for kind, _ in KINDS if _reached(f"content/{kind}", off)
             for path in content_files(root, kind, problems) if f"content/{kind}/{path.name}" not in off]
    items: list = []
    for item, found in (reader or read_items)(root, files):
        problems += found
        if item is not None:
            items.append(item)
    problems += static_clashes(root, named_pages(items, problems), off)
    unread = [p for p in unread_files(root) if _reached(p.path, off)] if _reached("content", off) else []
    return assemble(site, items, problems, drafts, unread,
                    changed or git_recency(root), "" if site is not None else _language_line(root))


@dataclass(frozen=True)
class NamedPage:
    """A page of prose in error, by its file: its address is checked all the same."""

    path: str
    slug: str


def named_pages(items: list, problems: list[Problem]) -> list:
    """The pages of prose read, and those whose mistakes kept them from being
    read, by their files' names: a name the site or a static file takes is
    said with a field's mistake (content/pages/events.md, menu: 10000), not
    once it is mended."""
    pages = [i for i in items if isinstance(i, Page)]
    read = {p.path for p in pages}
    erring = sorted({p.path for p in problems if p.severity == "error" and p.path.startswith("content/pages/")
                     and p.path.endswith(".md") and p.path.count("/") == 2 and p.path not in read})
    return pages + [NamedPage(path, path[len("content/pages/"):-3]) for path in erring
                    if SLUG.match(path[len("content/pages/"):-3])]


def static_clashes(root: Path, pages: list, off: Iterable[str] = ()) -> list[Problem]:
    """A page of prose whose address a static file or folder already takes
    (static/<slug>/). Nothing is listed through a link out of the archive
    (`off`: those refused, static/ itself among them): its names would say
    what the folder it leads to holds (static -> /etc: "shadow")."""
    off = set(off)
    own = root / "static"
    why = refusal(root)
    taken = set()
    for folder in (own, Path(__file__).resolve().parents[2] / "static"):
        if (folder == own and "static" in off) or not folder.is_dir():
            continue
        taken |= {entry for entry in os.listdir(folder) if folder != own or not why(os.fspath(own / entry))}
    return [Problem(p.path, 1, "", f'"{p.slug}" is the name of a static file or folder (static/{p.slug}): '
                    "name the page otherwise") for p in pages if p.slug in taken]


def read_items(root: Path, files: list[tuple[str, Path]]) -> list[tuple[Item | None, list[Problem]]]:
    return [read_item(root, kind, path) for kind, path in files]


def read_item(root: Path, kind: str, path: Path) -> tuple[Item | None, list[Problem]]:
    """One content file of `kind` ("reports", "events", "actors"), validated on its own."""
    rel = path.relative_to(root).as_posix()
    data, problems = read_bytes(path, rel)
    if data is None:
        return None, problems
    return parse_item(kind, rel, data)


def parse_item(kind: str, rel: str, data: bytes) -> tuple[Item | None, list[Problem]]:
    """A content file's bytes → its item, or the problems that keep it from being one."""
    text, problems = decode(data, rel)
    if text is None:
        return None, problems
    doc, problems = split(rel, text)
    if doc is None:  # a report whose front matter YAML cannot read still names its event, most often
        return (_event_line(rel, text) if kind == "reports" else None), problems
    if kind != "reports" and isinstance(doc.data, dict) and (given := _report_fields(doc.data)):
        # A report uploaded into the wrong folder: one error that says so, not its every field unknown here
        name = rel.rsplit("/", 1)[-1]
        return None, problems + [Problem(rel, 1, "", (
            f"is a report (it gives {given[0]}: and {given[1]}:, a report's fields) in content/{kind}/, which "
            f"holds {_HOLDS[kind]}: move it to content/reports/{name}"))]
    if kind == "reports" and isinstance(doc.data, dict) and (other := _other_file(doc.data)):
        # An actor's or an event's file uploaded among the reports: where it goes, not a report's every field missing
        name, (folder, why) = rel.rsplit("/", 1)[-1], other
        return None, problems + [Problem(rel, 1, "", (
            f"is {why}, in content/reports/, which holds reports: move it to content/{folder}/{name}"
            + (" (named by the slug its reports give in event:); if it is a report, give its event: and source:"
               if folder == "events" else "")))]
    item, more = READERS[kind](doc, rel.rsplit("/", 1)[-1][:-3])
    if doc.mended:  # read past its YAML mistakes for the others: said, and never built
        more = doc.own(more)
        named = item.event if isinstance(item, (Report, Unfinished)) else ""
        item = (Unfinished(rel, named, doc.line("event")) if named else
                _event_line(rel, text) if kind == "reports" else None)
    return item, problems + more if problems else more


_HOLDS = {"events": "the curated events' files", "actors": "the actors' files", "pages": "prose pages"}


def _report_fields(data: dict) -> list[str]:
    """The fields only a report has that `data` gives, where it names its event and
    gives another (no other file names an event): it is one."""
    given = [k for k in ("event", "source", "reported_toll", "responses") if k in data]
    return given if len(given) >= 2 and given[0] == "event" else []


def _other_file(data: dict) -> tuple[str, str] | None:
    """(its folder, what it is) for front matter that is an actor's or an event's
    file, not a report's: no report gives `name:`, and every report names its
    event and its source."""
    if any(k in data for k in ("event", "source", "reported_toll", "actors", "responses")):
        return None
    if "name" in data and "title" not in data:
        return "actors", "an actor's file (it gives name:, an actor's field, and no event:)"
    if "title" in data and ("date" in data or "location" in data):
        return "events", (f"like an event's file (it gives title: and {'date' if 'date' in data else 'location'}:, "
                          "and no event: nor source:, which every report gives)")
    return None


_EVENT_LINE = re.compile(r"""event:[ \t]*(["']?)([a-z0-9-]+)\1[ \t]*(?:#.*)?""")


def _event_line(rel: str, text: str) -> Unfinished | None:
    """The event a report names on an `event:` line of its front matter, read
    as text where YAML could not read the front matter (an unclosed quote on
    another line): its event's file is then not called unnamed meanwhile."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Not the last line, which no line break ends: a file cut short may end in the middle of its slug.
    for n, line in enumerate(lines[1:-1] if lines and lines[0].strip() == "---" else (), start=2):
        if line.rstrip() in ("---", "..."):
            break
        found = _EVENT_LINE.fullmatch(line)
        if found and SLUG.match(found.group(2)):
            return Unfinished(rel, found.group(2), n)
    return None


def assemble(site: SiteConfig | None, items: list, problems: list[Problem], drafts: bool,
             unread: list[Problem] | None = None, changed: Callable[[str], float] | None = None,
             language: str = "") -> Content:
    """Files read one by one → Content, after the checks that span files.
    `language`: site.yaml's, read as text where site.yaml is in error (the
    stand-in settings' own language, for the content's warnings)."""
    reports = [i for i in items if isinstance(i, Report)]
    events = [i for i in items if isinstance(i, EventFile)]
    actors = sorted((i for i in items if isinstance(i, ActorFile)), key=lambda a: a.slug)
    naming = [i for i in items if isinstance(i, (Report, Unfinished))]
    pages = sorted((i for i in items if isinstance(i, Page)), key=lambda p: p.slug)
    # A report that cannot be read (its front matter broken, its event: line cut
    # short) may be the one that names an event: no event file is called unnamed
    # while its error stands. A file in content/reports/ that is not read
    # (notes.txt, x.markdown, a sub-folder) may be too, but the build goes on
    # without it: an event file no report read names is then a warning that
    # names those files, not passed over in silence.
    # A report in error and not read (misnamed, empty, a twin of another's name) is such a file too:
    # the event file is said, as a warning that names it, in the same run as the report's error.
    # Said so of an event file changed since such a report was, at the earliest: one no one
    # touched is not blamed for another file's mistake (where the report was new, so was it).
    read = {i.path for i in naming}
    blind = any(p.path in ("content", "content/reports") for p in [*problems, *(unread or ())])
    aside = sorted(w.path for w in unread or () if w.path.startswith("content/reports/"))
    erring = sorted({p.path for p in problems if p.severity == "error" and p.path not in read
                     and p.path.startswith("content/reports/") and p.path.count("/") == 2} - set(aside))
    unsure = sorted(aside + erring)
    newest = max(map(changed, erring)) if erring and not aside and changed is not None else None
    # An event file of digits only is said as the address it would take, not as one no report names.
    years = [e for e in events if is_year_slug(e.slug)]
    problems = problems + [p for p in _cross_checks(None if blind else naming, [e for e in events if e not in years],
                                                    actors, changed, unsure)
                           if newest is None or not p.path.startswith("content/events/") or changed(p.path) >= newest
                           ] + _reserved(named_pages(pages, problems),
                                                                            site.languages[1:] if site else ())
    problems += _year_slugs(reports, [u for u in naming if isinstance(u, Unfinished)]) + [
        Problem(e.path, 1, "", f'"{e.slug}" is the address of a year\'s list (/events/{e.slug}/): name the file with '
                f'a word in it, such as "{e.slug}-killings.md", and its reports\' event: the same') for e in years] + [
        Problem(a.path, 1, "", f'"{A_Z}" is the folder of the actors\' pages by initial (/actors/{A_Z}/k/): name the '
                "file otherwise, such as \"a-z-group.md\"") for a in actors if a.slug == A_Z]
    if drafts:  # a draft --drafts cannot show, said, not left out in silence
        problems += [Problem(u.path, u.waiting, "date", f'is still "{PLACEHOLDER}": this draft is left out of the '
                             "site, --drafts too, until its date is written (YYYY-MM-DD, or YYYY-MM or YYYY when the "
                             "source is no more precise)", severity="warning")
                     for u in naming if isinstance(u, Unfinished) and u.waiting]
    named = {r.event for r in reports if drafts or not r.draft}
    content = Content(
        # Without a site.yaml that reads, a stand-in: the content's own warnings
        # are said with its errors all the same (check lints what could be read).
        site=site or SiteConfig("", "", "http://localhost/", language or "en"),
        reports=tuple(sorted((r for r in reports if drafts or not r.draft), key=lambda r: r.slug)),
        events=tuple(sorted((e for e in events if e.slug in named), key=lambda e: e.slug)),
        actors=tuple(actors),
        unread=tuple(unread or ()),
        pages=tuple(pages),
        notes=tuple(sorted(problems)),  # warnings alone, here
    )
    if site is None or any(p.severity == "error" for p in [*problems, *(unread or ())]):
        # The files not read are said with the errors: one of them may be why (a report saved as x.markdown).
        error = ContentError([p for p in problems if p.severity != SITE_LINK] + list(unread or ()))
        error.read = replace(content, unread=(), notes=())  # what could be read: check lints it
        # The events whose reports are not all read (None: a report whose event is not known either).
        error.unsettled = None if blind else {i.event for i in naming if isinstance(i, Unfinished)}
        raise error
    return content


def _reserved(pages: list, languages: tuple[str, ...] = ()) -> list[Problem]:
    """A page of prose is published at /<slug>/: not where the site's own sections
    are, nor the folder of one of `languages`, the site's others (/en/ where
    French is its first)."""
    taken = tuple(dict.fromkeys(RESERVED + tuple(code.lower() for code in languages)))
    return [Problem(p.path, 1, "", f'"{p.slug}" is a path the site uses itself (/{p.slug}/): name the file '
                    f'otherwise (the site uses {", ".join(taken)})') for p in pages if p.slug in taken]


def _year_slugs(reports: list[Report], unfinished: list[Unfinished] = ()) -> list[Problem]:
    """A report or event slug of digits only would take the address of a year's list
    (/reports/2024/): said of a report in error too, with its other mistakes."""
    out = []
    for r in [*reports, *unfinished]:
        slug = r.path.rsplit("/", 1)[-1][:-3]
        if is_year_slug(slug):
            named = r.event if r.event.startswith(f"{slug}-") else f"{slug}-{r.event}"  # not 2025-2025-02-…
            out.append(Problem(r.path, 1, "", f'"{slug}" is the address of a year\'s list (/reports/{slug}/): '
                               "name the file with a word in it, such as " + f'"{named}.md"'))
        if not isinstance(r, Report):
            continue
        if is_year_slug(r.event):
            out.append(Problem(r.path, r.lines.get(("event",), 1), "event", (
                f'"{r.event}" is the address of a year\'s list (/events/{r.event}/): add a word, such as '
                f'"{r.event}-killings"')))
    return out


def _reached(rel: str, off: set[str]) -> bool:
    """Whether the folder `rel` is read: not through a refused link (content/ or content/reports/ one)."""
    return not any(rel == link or rel.startswith(link + "/") for link in off)


def _language_line(root: Path) -> str:
    """The `language:` site.yaml gives, read as a line of text: "" where none reads."""
    try:
        text = (root / "site.yaml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    found = re.search(r"""(?m)^language:[ \t]*(["']?)([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\1[ \t]*(?:#.*)?$""", text)
    return found.group(2) if found else ""


def load_site(root: Path, base_url: str | None, repository: str | None = None
              ) -> tuple[SiteConfig | None, list[Problem]]:
    path = root / "site.yaml"
    if not path.exists():
        return None, [Problem("site.yaml", 1, "", "missing: the archive needs a site.yaml with at least a title")]
    text, problems = read_text(path, "site.yaml")
    if text is None:
        return None, problems
    # Lines as content files count them (frontmatter.split): a lone CR ends a line, as YAML reads it.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text, refused = spaced("site.yaml", text, FORBIDDEN, 1)
    text, separated = spaced("site.yaml", text, SEPARATORS, 1)
    data, lines, problems, mended = parse_yaml("site.yaml", text)
    problems = refused + separated + problems
    if problems and data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, problems + [Problem("site.yaml", 1, "", "must be a mapping of settings (title: …)")]
    doc = Document("site.yaml", data, Lines(lines), "", 1, mended)
    site, more = read_site(doc, base_url, repository)
    return (None, problems + doc.own(more)) if problems else (site, more)


def content_files(root: Path, kind: str, problems: list[Problem]) -> list[Path]:
    """The Markdown files of one content folder, in a stable order, with
    names checked (slugs, and slugs that only differ in case)."""
    return checked_files(root, kind, list_files(root, kind), problems)


def checked_files(root: Path, kind: str, names: Iterable[str], problems: list[Problem]) -> list[Path]:
    """The files of `names` whose names are valid slugs, in order; a problem for each other."""
    folder = root / "content" / kind
    out = []
    names = sorted(names)
    present = set(names)
    for name in names:
        rel = f"content/{kind}/{name}"
        stem = name[:-3]
        if len(stem) > MAX_NAME:
            problems.append(Problem(rel, 1, "", f"the file name is {len(stem)} characters long before .md; the "
                                    f"limit is {MAX_NAME}: shorten it (date and a few words of the title)"))
            continue
        if stem.lower() in ("readme", "lisezmoi"):  # notes on the folder, not content of its kind
            problems.append(Problem(rel, 1, "", f"is read as one of the archive's {kind}, which it is not: notes "
                                    "about the archive go outside content/ (beside site.yaml, or in the repository's "
                                    "README.md)"))
            continue
        twin = name.lower()
        if twin != name and twin in present:
            problems.append(Problem(rel, 1, "", f"has the same name as {twin} but for case; on macOS and "
                                    "Windows they are one file: rename or remove one"))
            continue
        if not SLUG.match(stem):
            problems.append(Problem(rel, 1, "", f'"{visible(name)}" is not a valid file name: use lowercase letters '
                                    f"a-z, digits and hyphens, then .md (such as "
                                    f"{_suggest(re.sub(r'(?:[.](?:md|markdown|txt))+$', '', stem, flags=re.I))}.md)"))
            # Its own mistakes said with its name's, in the same run (a file uploaded as
            # "Bad_Name.md" with a wrong date: both, not the date once it is renamed); never
            # built, and never read through a link out of the archive (said as such elsewhere).
            if not refusal(root)(os.fspath(folder / name)):
                problems += read_item(root, kind, folder / name)[1]
            continue
        out.append(folder / name)
    return out


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    data, problems = read_bytes(path, rel)
    if data is None:
        return None, problems
    return decode(data, rel)


def read_bytes(path: Path, rel: str, st: os.stat_result | None = None) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, unless it cannot be read, is too large to be a report, or
    is not a file at all (a named pipe would stop the build, waiting to be written)."""
    try:
        st = path.stat() if st is None else st
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "a named pipe, a socket or a device"
            if rel == "site.yaml":
                return None, [Problem(rel, 1, "", f"is not a file ({what}): the archive's settings are a YAML "
                                      "file of that name, with at least a title")]
            return None, [Problem(rel, 1, "", f"is not a file ({what}): a report is a Markdown file; remove it, "
                                  "or save the report as a file of that name")]
        size = st.st_size
        if size > MAX_BYTES:
            shown = f"{size / 1024 / 1024:.1f} MB"
            if shown == f"{MAX_BYTES / 1024 / 1024:.1f} MB":  # "2.0 MB; the limit is 2 MB" would say no excess
                shown = f"{size:,} bytes, {size - MAX_BYTES:,} more than {MAX_BYTES:,}"
            return None, [Problem(rel, 1, "", f"the file is {shown}; the limit is "
                                  f"{MAX_BYTES // 1024 // 1024} MB: keep a report to the text of its article")]
        return path.read_bytes(), []
    except OSError as exc:
        if nowhere(path):
            return None, [Problem(rel, 1, "", to_nothing(path, "the settings file" if rel == "site.yaml" else
                                                           "a Markdown file of the archive"))]
        return None, [Problem(rel, 1, "", f"cannot be read: {exc.strerror}")]


def decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    if _utf16(data):
        return None, [Problem(rel, 1, "", "is UTF-16 text, not UTF-8 (as an editor's \"Unicode\" or \"UTF-16\" "
                                         "saves it): save it again with the encoding UTF-8")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "", f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")]


def _utf16(data: bytes) -> bool:
    """Whether `data` is UTF-16: its mark (FF FE, FE FF), or without it zero
    bytes at its start on one side of each pair, as ASCII letters are (which
    UTF-8 would read as text full of U+0000, a mistake said on every line)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:1000]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    # UTF-8 has no zero byte but U+0000's: a front matter's ASCII (its names, its '---')
    # puts one beside each letter, on one side, whatever script its values are in
    return max(even, odd) >= 8 and min(even, odd) * 10 <= max(even, odd)


def _cross_checks(naming: list | None, events: list, actors: list, changed: Callable[[str], float] | None = None,
                  unsure: list[str] = ()) -> list[Problem]:
    """An event file no report names (unless `naming`, the reports read, is None:
    content/reports/ could not be read), and a name or alias two actor files
    claim. `unsure`: files in content/reports/ not read, any of which may name
    the event: an event file no other names is then a warning that names them."""
    problems = _unnamed(naming, events, changed) if naming is not None else []
    if unsure:
        named = unsure[:3] + ([f"{len(unsure) - 3} other files"] if len(unsure) > 3 else [])
        shown = " and ".join(named) if len(named) < 3 else ", ".join(named[:-1]) + " and " + named[-1]
        problems = [replace(p, message=f"{p.message}; unless {shown}, which the build does not read, "
                            f"{'names' if len(unsure) == 1 else 'name'} it", severity="warning") for p in problems]
    claims: dict[str, list[tuple[ActorFile, str, str, int]]] = {}
    for actor in actors:
        names = [(("name",), actor.name)] + [(("aliases", i), a) for i, a in enumerate(actor.aliases)]
        for at, name in ((at, name) for at, name in names if name):  # a name in error is read as ""
            field = "name" if at == ("name",) else f"aliases[{at[1]}]"
            claims.setdefault(fold(name), []).append((actor, field, name, actor.lines.get(at, 1)))
    for key, found in claims.items():
        if len({actor.path for actor, *_ in found}) < 2:
            continue
        owner = min(found, key=lambda c: _claim_order(c, changed))
        for actor, field, name, line in found:
            if actor.path != owner[0].path:
                problems.append(Problem(actor.path, line, field, (
                    f'"{name}" is already claimed by {owner[0].path}:{owner[3]} ("{owner[2]}"); '
                    "a name or alias belongs to one actor")))
    return problems + _translated_names(actors, claims)


def _translated_names(actors: list, claims: dict) -> list[Problem]:
    """An actor's name in another language (`fr: {name: …}`) that is another
    actor's name or alias: on that language's pages the two would read the same
    (the accused and the claimant of a claim). Two actors may share a name in
    French ("Gendarmerie nationale", Mali's and Burkina Faso's): each is its
    English name's translation, and a report names neither by it."""
    problems = []
    for actor in actors:
        for t in (t for t in actor.translations if t.title):
            other = next((c for c in claims.get(fold(t.title), ()) if c[0].path != actor.path), None)
            if other is not None:
                problems.append(Problem(actor.path, actor.lines.get((t.lang, "name"), 1), f"{t.lang}.name", (
                    f'"{t.title}" is already the {other[1]} of {other[0].path}:{other[3]}: an actor\'s name in another '
                    "language is its own; write the name this actor goes by in that language, or leave it out")))
    return problems


def _unnamed(naming: list, events: list, changed: Callable[[str], float] | None) -> list[Problem]:
    """An event file no report names. When one report alone names a slug a letter
    or two from it that has no file ("2022-03-moura-killing"), the two are one
    mistake, said once, on the file changed last (else on the event file), naming the other."""
    by_event: dict[str, list] = {}
    for r in naming:
        by_event.setdefault(r.event, []).append(r)
    filed = {e.slug for e in events}
    loose = [slug for slug in by_event if slug not in filed]
    problems = []
    for event in events:
        if event.slug in by_event:
            continue
        near = difflib.get_close_matches(event.slug, loose, n=1, cutoff=0.9) or _same_month_and_place(event.slug, loose)
        if not near:
            problems.append(Problem(event.path, 1, "", f'no report names the event "{event.slug}" '
                                    f"(a report's event: field must match this file's name): if its reports "
                                    "were removed or moved to another event, remove this file too"))
            continue
        report = by_event[near[0]][0]
        line = report.lines.get(("event",), 1) if isinstance(report, Report) else report.line
        if len(by_event[near[0]]) > 1:  # the file renamed, or misnamed, under the reports that name the event
            more = len(by_event[near[0]]) - 1
            problems.append(Problem(event.path, 1, "", (
                f'no report names the event "{event.slug}"; {report.path}:{line} and {more} other '
                f'report{"s" if more > 1 else ""} name "{report.event}": rename this file to {report.event}.md, or '
                "correct their event: fields")))
            continue
        if changed and changed(report.path) > changed(event.path):
            problems.append(Problem(report.path, line, "event", (
                f'"{report.event}" has no event file, and {event.path} is the file of an event no report names: '
                f'did you mean "{event.slug}"?')))
        else:
            problems.append(Problem(event.path, 1, "", (
                f'no report names the event "{event.slug}"; {report.path}:{line} names "{report.event}": rename '
                f"this file to {report.event}.md, or correct that report's event: field")))
    return problems


def _same_month_and_place(slug: str, loose: list[str]) -> list[str]:
    """The one slug of `loose` that begins as `slug` does, month and place
    ("2024-06-abeibara-"), where the rest differs: an event file renamed
    ("…-killings" to "…-massacre") under the reports that name it still."""
    start = "-".join(slug.split("-")[:3]) + "-"
    found = [other for other in loose if other.startswith(start)]
    return found if len(found) == 1 and slug.count("-") > 2 else []


def _claim_order(claim: tuple, changed: Callable[[str], float] | None) -> tuple:
    """Which of the files claiming one name keeps it, the others being in error:
    a file that changed earlier before one that changed later (the later
    change made the clash), then an actor's name before another's alias, then
    the first file in sorted order."""
    actor, field, _, _ = claim
    return (changed(actor.path) if changed else 0, field != "name", actor.path)


def _suggest(stem: str) -> str:
    return slugify(stem) or "a-report"
