"""What an article really says, and how close an import comes to it.

A folder of articles holds `NAME.txt` (the raw text, as copied from a news
page) or `NAME.html` (the page saved from a browser) beside `NAME.expected.yaml` (the full truth of the article: the report a
curator would write from it, and what the cleaning must keep, cut and repair).
The format is described in tests/fixtures/articles/README.md. `score` compares
one import with its expected file field by field; the tests ask for a perfect
score where the importer handles the article's shapes, and
bench/import_accuracy.py prints precision and recall over a whole folder.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from ..content.frontmatter import Document, parse_yaml
from ..content.model import COUNTS, Count, Day, Lines, Report
from ..content.names import fold
from ..content.validate import read_report
from .clean import DEK, HEADING, TEXT, Cleaned, clean
from .extract import PLACEHOLDER_PLACE, PLACEHOLDER_PUBLISHER, Guesses, extract
from .knowledge import Knowledge
from .page import Page, read_page

FIELDS = ("title", "published", "publisher", "url", "date", "location", "places", "event", "tolls",
          "claimants", "vague tolls", "actors", "new organisations", "roles", "responses", "other incidents",
          "paragraphs", "cut", "repairs")
KEYS = ("report", "places", "vague_tolls", "aliases", "also_named", "other_incidents", "paragraphs", "cut",
        "repairs")
CUT_REASONS = ("repeated title", "repeated paragraph", "related articles", "comment form", "newsletter box",
               "donation appeal", "share buttons", "advertisement", "stray button", "byline", "dateline",
               "photo caption", "credits", "tags")
SUFFIX = ".expected.yaml"
TODAY = dt.date(2030, 1, 1)   # "today" for an import scored: a date standing in for the incident's is never right


@dataclass(frozen=True)
class Other:
    """Another incident the article mentions in passing."""

    location: str
    date: Day | None
    counts: tuple[tuple[str, Count], ...]
    according_to: str


@dataclass(frozen=True)
class Expected:
    path: str
    report: Report                              # the report a curator would write from the article
    places: tuple[str, ...]                     # every place given for where it happened, but the country
    vague_tolls: tuple[str, ...]                # figures with no number, in the article's words
    aliases: tuple[tuple[str, str], ...]        # (other name, actor's name) for actors the archive lacks
    also_named: tuple[str, ...]                 # organisations named in passing
    others: tuple[Other, ...]
    paragraphs: tuple[tuple[str, str], ...]     # (kind, text), every paragraph of the article, in order
    cut: tuple[tuple[str, str], ...]            # (reason, text), every other line of the raw text
    repairs: tuple[tuple[str, str], ...]        # (broken, repaired) words


@dataclass(frozen=True)
class Article:
    name: str
    raw: Path
    expected: Expected

    def text(self) -> str:
        return self.raw.read_text(encoding="utf-8")

    @property
    def is_page(self) -> bool:
        return self.raw.suffix == ".html"

    def page(self) -> Page | None:
        return read_page(self.text()) if self.is_page else None

    def pasted(self) -> str:
        """The text the cleaning reads: the file's, or a saved page's article as trafilatura finds it."""
        page = self.page()
        return page.text if page else self.text()


@dataclass(frozen=True)
class Score:
    got: tuple[str, ...]       # what the import found, normalised
    want: tuple[str, ...]      # what the expected file says
    correct: int               # how many of `got` match one of `want`, one to one
    wrong: tuple[str, ...] = ()    # found, and not in the truth
    missed: tuple[str, ...] = ()   # in the truth, and not found

    @property
    def perfect(self) -> bool:
        return self.correct == len(self.got) == len(self.want)

    def explain(self) -> str:
        return "; ".join(part for part in (f"wrong {list(self.wrong)}" if self.wrong else "",
                                           f"missed {list(self.missed)}" if self.missed else "") if part)


def articles(folder: Path) -> list[Article]:
    """Every NAME.txt or NAME.html with its NAME.expected.yaml; an article
    without one (or an expected file without its article), or a wrong
    expected file, is an error."""
    problems: list[Problem] = []
    out = []
    texts = {p.name.removesuffix(".txt"): p for p in folder.glob("*.txt")}
    texts |= {p.name.removesuffix(".html"): p for p in folder.glob("*.html")}
    expected = {p.name.removesuffix(SUFFIX): p for p in folder.glob(f"*{SUFFIX}")}
    for name in sorted(texts.keys() | expected.keys()):
        if name not in expected:
            problems.append(Problem(str(texts[name]), 1, "", f"has no {name}{SUFFIX} beside it"))
        elif name not in texts:
            problems.append(Problem(str(expected[name]), 1, "", f"has no article {name}.txt (or .html) beside it"))
        else:
            try:
                out.append(Article(name, texts[name], read_expected(expected[name])))
            except ContentError as exc:
                problems += exc.problems
    if problems:
        raise ContentError(problems)
    return out


def read_expected(path: Path) -> Expected:
    where_name = str(path)
    data, where, problems, _ = parse_yaml(where_name, path.read_text(encoding="utf-8"))
    if problems:
        raise ContentError(problems)
    if not isinstance(data, dict) or not isinstance(data.get("report"), dict):
        raise ContentError([Problem(where_name, 1, "report", "is required: the report's front matter")])
    problems = [Problem(where_name, where.get((key,), 1), key, f"is not a field (use one of: {', '.join(KEYS)})")
                for key in data if key not in KEYS]
    lines = Lines({at[1:]: line for at, line in where.items() if at[:1] == ("report",) and len(at) > 1})
    report, more = read_report(Document(where_name, data["report"], lines, "", 1), path.name.removesuffix(SUFFIX))
    problems += more
    reader = _Reader(where_name, where, problems)
    expected = Expected(
        path=where_name,
        report=report,  # type: ignore[arg-type]  # None only with problems, raised below
        places=tuple(reader.strings("places", data.get("places"))),
        vague_tolls=tuple(reader.strings("vague_tolls", data.get("vague_tolls"))),
        aliases=tuple(reader.pairs("aliases", data.get("aliases"))),
        also_named=tuple(reader.strings("also_named", data.get("also_named"))),
        others=tuple(reader.others(data.get("other_incidents"))),
        paragraphs=tuple(reader.paragraphs(data.get("paragraphs"))),
        cut=tuple(reader.cut(data.get("cut"))),
        repairs=tuple(reader.repairs(data.get("repairs"))),
    )
    if problems or report is None:
        raise ContentError(problems)
    return expected


class _Reader:
    """The import's own sections of an expected file, every problem collected."""

    def __init__(self, path: str, where: dict, problems: list[Problem]):
        self.path, self.where, self.problems = path, where, problems

    def problem(self, at: tuple, message: str) -> None:
        line = next((self.where[at[:n]] for n in range(len(at), 0, -1) if at[:n] in self.where), 1)
        self.problems.append(Problem(self.path, line, ".".join(map(str, at)), message))

    def items(self, key: str, value: Any) -> list[tuple[tuple, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem((key,), "must be a list")
            return []
        return [((key, i), item) for i, item in enumerate(value)]

    def strings(self, key: str, value: Any) -> Iterable[str]:
        for at, item in self.items(key, value):
            if isinstance(item, str) and item.strip():
                yield item
            else:
                self.problem(at, "must be a text")

    def pairs(self, key: str, value: Any) -> Iterable[tuple[str, str]]:
        if value is None:
            return
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in (*value, *value.values())):
            self.problem((key,), "must map each other name to the actor's name: {JNIM: Group for …}")
            return
        yield from value.items()

    def one_key(self, at: tuple, item: Any, keys: tuple[str, ...]) -> tuple[str, str] | None:
        if isinstance(item, dict) and len(item) == 1:
            ((key, text),) = item.items()
            if key in keys and isinstance(text, str):
                return key, text
        self.problem(at, f"must be {{reason: text}} with a reason among: {', '.join(keys)}")
        return None

    def paragraphs(self, value: Any) -> Iterable[tuple[str, str]]:
        for at, item in self.items("paragraphs", value):
            if isinstance(item, str):
                yield TEXT, item
            elif pair := self.one_key(at, item, (DEK, HEADING)):
                yield pair

    def cut(self, value: Any) -> Iterable[tuple[str, str]]:
        for at, item in self.items("cut", value):
            if pair := self.one_key(at, item, CUT_REASONS):
                yield pair

    def repairs(self, value: Any) -> Iterable[tuple[str, str]]:
        for at, item in self.items("repairs", value):
            if isinstance(item, list) and len(item) == 2 and all(isinstance(w, str) for w in item):
                yield item[0], item[1]
            else:
                self.problem(at, "must be [broken, repaired]")

    def others(self, value: Any) -> Iterable[Other]:
        for at, item in self.items("other_incidents", value):
            if not isinstance(item, dict) or not isinstance(item.get("location"), str):
                self.problem(at, "must be {location, date, killed|injured|missing, according_to}")
                continue
            counts = []
            for kind in COUNTS:
                if kind in item:
                    count = _count(item[kind])
                    if count is None:
                        self.problem(at + (kind,), "must be a number, {min} or {min, max}")
                    else:
                        counts.append((kind, count))
            date = _day(item.get("date"))
            if item.get("date") is not None and date is None:
                self.problem(at + ("date",), "must be a date: 2025-02-17, 2025-02 or 2025")
            yield Other(item["location"], date, tuple(counts), str(item.get("according_to") or ""))


def _count(value: Any) -> Count | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return Count(value, value)
    if isinstance(value, dict) and isinstance(value.get("min"), int):
        return Count(value["min"], value.get("max"))
    return None


def _day(value: Any) -> Day | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", str(value)) if value is not None else None
    return Day(*(int(g) for g in m.groups() if g)) if m else None


@dataclass(frozen=True)
class Imported:
    cleaned: Cleaned
    guesses: Guesses
    scores: dict[str, Score]


def run(article: Article, known: Knowledge, published: bool = True) -> Imported:
    """Import the article as `build.py import` does, with --published set to the
    expected publication date (as a curator would give it) when `published`."""
    given = article.expected.report.source.published if published else None
    page = article.page()
    cleaned = clean(page.text, page.description) if page else clean(article.text())
    guesses = extract(cleaned, known, given.first() if given and given.day else None, TODAY, page=page)
    return Imported(cleaned, guesses, score(article.expected, cleaned, guesses, known, published))


# --- scoring ---------------------------------------------------------------------------------------

def score(expected: Expected, cleaned: Cleaned, g: Guesses, known: Knowledge,
          published_given: bool = True) -> dict[str, Score]:
    """Each field of `expected` against what the import found. A stand-in (the
    placeholder publisher or place, a date standing in for the incident's)
    counts as no guess; in an expected file it says the text does not tell.
    The publication date is scored only when it was not given (with
    --published it is the curator's, not the import's)."""
    r = expected.report
    names = _Names(known, expected)
    out: dict[str, Score] = {}
    out["title"] = _equal([fold(cleaned.title)] if cleaned.title else [], [fold(r.title)])
    out["published"] = _equal([] if published_given or g.published is None else [g.published.iso()],
                              [] if published_given or r.source.published is None else [r.source.published.iso()])
    out["publisher"] = _equal(_unless(PLACEHOLDER_PUBLISHER, g.publisher),
                              _unless(PLACEHOLDER_PUBLISHER, r.source.publisher))
    url = getattr(g, "url", "")
    out["url"] = _equal([url] if url else [], [r.source.url] if r.source.url else [])
    out["date"] = _equal([] if g.date is None or "stands in" in g.date_how else [_span(g.date, g.end_date)],
                         [_span(r.date, r.end_date)])
    out["location"] = _equal(_unless(PLACEHOLDER_PLACE, g.location.name),
                             _unless(PLACEHOLDER_PLACE, r.location.name))
    found_places = _unless(PLACEHOLDER_PLACE, g.location.name) + list(map(fold, g.candidate_places))
    out["places"] = _equal(dict.fromkeys(found_places),
                           dict.fromkeys(map(fold, expected.places)))
    out["event"] = _equal([] if "unknown-place" in g.event else [g.event], [r.event])
    out["tolls"] = _match([(t.kind, t.count, t.according_to) for t in g.tolls if t.count],
                          [(kind, c, claim.according_to) for claim in r.claims for kind, c in claim.counts],
                          lambda a, b: a[:2] == b[:2] and names.same_claimant(a[2], b[2]), _toll_text)
    out["claimants"] = _match(list(dict.fromkeys(t.according_to for t in g.tolls if t.count and t.according_to)),
                              list(dict.fromkeys(c.according_to for c in r.claims if c.according_to)),
                              names.same_claimant, str)
    out["vague tolls"] = _equal(dict.fromkeys(map(fold, g.vague_tolls)),
                                dict.fromkeys(map(fold, expected.vague_tolls)))
    known_actors = [names.canonical(a.name) for a in r.actors if names.known(a.name)]
    out["actors"] = _equal(dict.fromkeys(names.canonical(a.name) for a in g.actors), dict.fromkeys(known_actors))
    new = [names.canonical(a.name) for a in r.actors if not names.known(a.name)]
    suggested = [names.canonical(s) for s in g.suggested_actors if not names.in_passing(s)]
    out["new organisations"] = _equal(dict.fromkeys(suggested), dict.fromkeys(new))
    proposed = tuple(g.actors) + tuple(getattr(g, "new_actors", ()))
    out["roles"] = _equal(dict.fromkeys(f"{names.canonical(a.name)}: {a.role}" for a in proposed if a.role),
                          dict.fromkeys(f"{names.canonical(a.name)}: {a.role}" for a in r.actors if a.role))
    responses = getattr(g, "responses", ())
    out["responses"] = _equal(dict.fromkeys(f"{names.canonical(x.by)}: {x.stance}" for x in responses),
                              dict.fromkeys(f"{names.canonical(x.by)}: {x.stance}" for x in r.responses))
    out["other incidents"] = _match(list(g.others), list(expected.others), _other_found,
                                    lambda x: x if isinstance(x, str) else _other_text(x))
    out["paragraphs"] = _equal([f"{p.kind}: {p.text}" for p in cleaned.paragraphs],
                               [f"{kind}: {text}" for kind, text in expected.paragraphs])
    out["cut"] = _equal([f"{c.reason}: {c.text}" for c in cleaned.cut],
                        [f"{reason}: {text}" for reason, text in expected.cut])
    out["repairs"] = _equal(dict.fromkeys(f"{_word(a)} → {_word(b)}" for a, b in cleaned.repairs),
                            dict.fromkeys(f"{_word(a)} → {_word(b)}" for a, b in expected.repairs))
    return out


class _Names:
    """Actor names as one key: the archive's name for its actors (by any alias),
    the expected file's name for the others (by its aliases, or a part of it)."""

    def __init__(self, known: Knowledge, expected: Expected):
        self.archive = {fold(n): a.name for a in known.actors for n in a.names}
        self.article = {fold(a.name): a.name for a in expected.report.actors if fold(a.name) not in self.archive}
        self.article |= {fold(other): name for other, name in expected.aliases}
        self.passing = [fold(n) for n in expected.also_named]

    def known(self, name: str) -> bool:
        return fold(name) in self.archive

    def canonical(self, name: str) -> str:
        key = fold(name)
        if key in self.archive:
            return self.archive[key]
        if key in self.article:
            return self.article[key]
        return next((full for k, full in self.article.items() if _part(key, k)), name)

    def in_passing(self, name: str) -> bool:
        key = fold(name)
        return any(key == p or _part(key, p) for p in self.passing)

    def same_claimant(self, got: str, want: str) -> bool:
        a, b = fold(self.canonical(got)), fold(self.canonical(want))
        return a == b or _part(a, b) or (_lead(a) == _lead(b) != "")


def _part(a: str, b: str) -> bool:
    """One name a part of the other, words whole: "group for the support of islam" of its full name."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def _lead(name: str) -> str:
    """The name before an apposition: "hamadine driss ag mohamed, for …" → "hamadine driss ag mohamed"."""
    return name.split(",")[0].strip()


def _equal(got: Iterable[str], want: Iterable[str]) -> Score:
    return _match(list(got), list(want), lambda a, b: a == b, str)


def _match(got: list, want: list, same: Callable[[Any, Any], bool], text: Callable[[Any], str]) -> Score:
    free = list(range(len(want)))
    wrong = []
    for item in got:
        hit = next((i for i in free if same(item, want[i])), None)
        if hit is None:
            wrong.append(text(item))
        else:
            free.remove(hit)
    return Score(tuple(map(text, got)), tuple(map(text, want)), len(got) - len(wrong), tuple(wrong),
                 tuple(text(want[i]) for i in free))


def _unless(placeholder: str, value: str) -> list[str]:
    """The value folded, or nothing for a stand-in (in an expected file: the text does not say)."""
    return [] if value == placeholder else [fold(value)]


def _span(start: Day, end: Day | None) -> str:
    return start.iso() + (f" to {end.iso()}" if end and end != start else "")


def _toll_text(toll: tuple) -> str:
    kind, count, who = toll
    return f"{kind} {count.text()}" + (f" according to {who}" if who else " (nobody named)")


def _other_found(line: str, other: Other) -> bool:
    return fold(other.location) in fold(line) and all(c.text() in line for _, c in other.counts)


def _other_text(other: Other) -> str:
    counts = ", ".join(f"{kind} {c.text()}" for kind, c in other.counts)
    return f"{counts} at {other.location}" + (f" ({other.date.iso()})" if other.date else "")


def _word(text: str) -> str:
    return text.strip(" ,.;:!?\"“”‘’'()")
