"""The archive's nouns, as plain frozen dataclasses passed from stage to stage."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from array import array
from dataclasses import dataclass, field, fields
from sys import intern

MONTHS = ("January February March April May June July August September October November December").split()

ROLES = ("alleged perpetrator", "victim", "claimant", "investigator", "witness", "other")
STANCES = ("denied", "acknowledged", "investigating", "no comment", "other")
COUNTS = ("killed", "injured", "missing")
# How precisely a place is known, as UCDP codes it: the spot itself, near it
# (within about 25 km), only the town or village, only the region, only the country.
PRECISIONS = ("exact", "near", "town", "region", "country")
# The languages a file may give its text in besides its own (a `fr:` block):
# those the interface has a catalogue for (site/locales/).
TRANSLATED = ("fr",)
# What `new` writes for a required value it was not given: valid, so the new
# file passes `check`, but only in a draft (validate.read_report).
PLACEHOLDER = "FILL IN"
# What `import` writes where the article does not say: likewise only in a draft.
IMPORT_PLACE = "Unknown place"            # location.name
IMPORT_EVENT = "unknown-place"            # in the slug of the event it makes for it
IMPORT_NO_TEXT = "(The import found no article text.)"   # the body
# The publisher of an article that does not name one (import writes it, a curator
# may keep it): a publisher the site names in each page's language.
UNNAMED_PUBLISHER = "Unidentified news website"
NEW_TEXT = "The text of the report, or a summary with quotes."  # how new's body begins (templates/new-report.md)
# What CONTRIBUTING.md's report to paste in the browser says until it is filled in
# (tests/test_new.py holds the two to the same words).
TEMPLATE_TITLE = "The article's headline"
TEMPLATE_URL = "https://example.org/the-article"
TEMPLATE_TEXT = "A summary of the article, with quotes."
CHECK_MARK = "# check:"  # the comment import puts after each guess, until a curator has checked it
PUBLISHED_STANDS_IN = "the publication date stands in"  # its words on a date the article did not give


# A string this long or shorter is interned as it is read back (record): names, roles, places.
SHORT = 64

FieldPath = tuple  # ("actors", 2, "role"): where a value stands in a file's front matter

_SHAPES: dict[tuple[FieldPath, ...], tuple[FieldPath, ...]] = {}
_PATHS: dict[FieldPath, FieldPath] = {}


class Lines:
    """Where each field of a file stands, read-only: a dict's lookups at a tenth
    of its size. Files of one shape (the same fields in the same order) share
    one tuple of field paths, and every file the same path ("actors", 2,
    "role"): a 100,000-report archive keeps 3 million of them, and as tuples
    of their own with strings of their own they were a third of its memory."""

    __slots__ = ("paths", "numbers")

    def __init__(self, where: dict[FieldPath, int]):
        self.paths = _shared(tuple(where))
        self.numbers = array("I", where.values())

    def __contains__(self, at: FieldPath) -> bool:
        return at in self.paths

    def __getitem__(self, at: FieldPath) -> int:
        return self.numbers[self.paths.index(at)]

    def get(self, at: FieldPath, default: int = 1) -> int:
        return self[at] if at in self.paths else default

    def __getstate__(self):
        return self.paths, self.numbers

    def __setstate__(self, state) -> None:
        paths, self.numbers = state
        self.paths = _shared(paths)


def _shared(paths: tuple[FieldPath, ...]) -> tuple[FieldPath, ...]:
    shape = _SHAPES.get(paths)
    if shape is not None:
        return shape
    if len(_PATHS) < 100_000:
        paths = tuple([_PATHS.setdefault(at, at) for at in paths])
    else:
        paths = tuple([_PATHS.get(at, at) for at in paths])
    if len(_SHAPES) < 10_000:
        _SHAPES[paths] = paths
    return paths


def record(cls=None, /, **options):
    """@dataclass(frozen=True, slots=True), with pickling by slot: dataclasses'
    own __setstate__ looks up fields() for every object, which was half the
    time an edit spends reading 100,000 objects back from the cache. A short
    string read back is interned: the country, a role, a publisher, an actor's
    name come back once per file that gives them, and are one string after."""
    def make(cls):
        cls = dataclass(frozen=True, slots=True, **options)(cls)
        slots = tuple(cls.__dict__[f.name] for f in fields(cls))

        def __getstate__(self):
            return tuple([slot.__get__(self) for slot in slots])

        def __setstate__(self, state) -> None:  # the first one read back: written out now, and kept
            cls.__setstate__ = fast = _setstate(cls, slots)
            fast(self, state)

        cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
        return cls
    return make if cls is None else make(cls)


def _setstate(cls, slots: tuple) -> object:
    """__setstate__ for a record, written out field by field (a loop over the
    fields took longer: 100,000 reports are 1.2 million records), the
    interning asked of the fields that may hold a string. Made when first
    needed: compiling all at import took 1.7 ms of every command."""
    lines = ["def __setstate__(self, state):", "    pass"]
    if slots:
        lines.append(f"    {', '.join(f'v{i}' for i in range(len(slots)))}, = state")
    for i, f in enumerate(fields(cls)):
        stringy = f.type is str or "str" in re.findall(r"\w+", str(f.type))
        value = f"intern(v{i}) if type(v{i}) is str and len(v{i}) <= {SHORT} else v{i}" if stringy else f"v{i}"
        lines.append(f"    set{i}(self, {value})")
    names = {f"set{i}": slot.__set__ for i, slot in enumerate(slots)} | {"intern": intern}
    exec("\n".join(lines), names)  # noqa: S102 - made here, of the fields' names alone
    return names["__setstate__"]


@record(order=True)
class Day:
    """A date as precise as its source: a day, a month or only a year."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def text(self) -> str:
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        if self.day:
            return self.first()
        if self.month:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)


def span_text(start: Day, end: Day | None) -> str:
    """"20–29 June 2024", "17 February 2025", "March 2022"."""
    if end is None or end == start:
        return start.text()
    if start.day and end.day and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    if start.day and end.day and start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {end.text()}"
    return f"{start.text()} – {end.text()}"


@record
class Count:
    """A figure as a source gives it: exact (min == max), a range, or "at least" (max None)."""

    min: int
    max: int | None

    def text(self) -> str:
        if self.max is None:
            return f"at least {self.min}"
        if self.max == self.min:
            return str(self.min)
        return f"{self.min}–{self.max}"


@record
class Location:
    name: str
    region: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: str = ""  # one of PRECISIONS, or "" when not given

    @property
    def approximate(self) -> bool:
        """Whether the place is only approximately where it happened (a precision other than exact)."""
        return bool(self.precision) and self.precision != "exact"


@record
class Source:
    publisher: str
    url: str = ""
    published: Day | None = None
    author: str = ""
    language: str = ""
    archive_url: str = ""
    title: str = ""  # the article's own headline, as the source published it


@record
class Claim:
    """One claimed toll: the counts, whose figure it is, in the source's words."""

    counts: tuple[tuple[str, Count], ...]
    according_to: str = ""
    wording: str = ""

    def count(self, kind: str) -> Count | None:
        return dict(self.counts).get(kind)


@record
class ActorMention:
    name: str
    role: str = ""


@record
class Response:
    by: str
    stance: str
    date: Day | None = None
    quote: str = ""


@record
class Report:
    slug: str
    path: str
    title: str
    event: str
    date: Day
    end_date: Day | None
    location: Location
    source: Source
    claims: tuple[Claim, ...]
    actors: tuple[ActorMention, ...]
    responses: tuple[Response, ...]
    tags: tuple[str, ...]
    draft: bool
    text: bytes  # the body, packed (pack_text): at 100,000 reports bodies would be half the memory
    lines: Lines = field(default_factory=lambda: Lines({}), compare=False, repr=False)

    @property
    def body(self) -> str:
        """The Markdown body."""
        return zlib.decompress(self.text).decode("utf-8")


def pack_text(body: str) -> bytes:
    return zlib.compress(body.encode("utf-8"), 1)


@record
class Unfinished:
    """A report too wrong to build, kept for the event it names, so that its
    event's file is not also called unnamed while the report is being fixed."""

    path: str
    event: str
    line: int = 1  # of its event: field
    waiting: int = 0  # the line of a draft's date still FILL IN, which keeps it off the site (0: none)


@record
class Translation:
    """A file's text in another language (its `fr:` block): every field optional,
    a missing one showing the original, marked with its language."""

    lang: str
    title: str = ""        # an event's or a page's title, an actor's name
    summary: str = ""      # an event's summary, an actor's profile, a page's body (Markdown)
    description: str = ""  # a page's description, an actor's kind, the site's description
    names: tuple = ()      # the site's: each tag's name in this language, ((slug, name, line, tag as written), …)
    history: tuple = ()    # the site's: what commits did, in this language, ((hash's start, text, line, lang), …)
    places: tuple = ()     # the site's: places' names in this language, ((name as written, name, line), …)


Translations = tuple  # of Translation, one per language, in the order of TRANSLATED


@record
class EventFile:
    """What a curator adds to an event: a title, dates, a place, a summary."""

    slug: str
    path: str
    title: str = ""
    date: Day | None = None
    end_date: Day | None = None
    location: Location | None = None
    body: str = ""
    translations: Translations = ()
    lines: Lines = field(default_factory=lambda: Lines({}), compare=False, repr=False)


@record
class ActorFile:
    slug: str
    path: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    body: str = ""
    translations: Translations = ()
    lines: Lines = field(default_factory=lambda: Lines({}), compare=False, repr=False)


@record
class Page:
    """A page of the archive's own prose (content/pages/<slug>.md), published at /<slug>/."""

    slug: str
    path: str
    title: str
    description: str = ""
    menu: int | None = None      # its place in the main navigation (lowest first); None: not there
    footer: int | None = None    # its place among the footer's links; None: not there
    body: str = ""
    translations: Translations = ()
    langs: tuple[str, str] = ("", "")  # the language of title and body where not the page's
    lines: Lines = field(default_factory=lambda: Lines({}), compare=False, repr=False)


@record
class License:
    """The licence of the archive's content and data (site.yaml's `license`)."""

    name: str
    url: str = ""


@record
class SiteConfig:
    title: str
    description: str
    base_url: str
    language: str = "en"
    license: License | None = None
    repository: str = ""  # the repository's address on its host: pages link their commits there
    languages: tuple[str, ...] = ("en",)  # the site's languages, the default (`language`) first
    translations: Translations = ()  # its title and description in other languages (a `fr:` block)
    tag_names: tuple = ()  # ((slug, name), …): the tags' names on one language's pages (localize.py)
    # What commits did, in readers' words: ((hash's start, text, line, lang or ""), …), on one language's
    # pages that language's first (localize.py); history.told
    history: tuple = ()


@record
class Content:
    """Everything read and validated, before linking."""

    site: SiteConfig
    reports: tuple[Report, ...]
    events: tuple[EventFile, ...]
    actors: tuple[ActorFile, ...]
    unread: tuple = ()   # warnings (errors.Problem) naming the files under content/ that are not read
    pages: tuple[Page, ...] = ()
    notes: tuple = ()    # warnings found as the files were read (bodylinks.py)
