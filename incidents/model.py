"""The archive's nouns, as plain frozen dataclasses passed from stage to stage."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field

MONTHS = ("January February March April May June July August September October November December").split()

ROLES = ("alleged perpetrator", "victim", "claimant", "investigator", "witness", "other")
STANCES = ("denied", "acknowledged", "investigating", "no comment", "other")
COUNTS = ("killed", "injured", "missing")
# What `new` writes for a required value it was not given: valid, so the new
# file passes `check`, but only in a draft (validate.read_report).
PLACEHOLDER = "FILL IN"


@dataclass(frozen=True, order=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Location:
    name: str
    region: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Source:
    publisher: str
    url: str = ""
    published: Day | None = None
    author: str = ""
    language: str = ""
    archive_url: str = ""


@dataclass(frozen=True)
class Claim:
    """One claimed toll: the counts, whose figure it is, in the source's words."""

    counts: tuple[tuple[str, Count], ...]
    according_to: str = ""
    wording: str = ""

    def count(self, kind: str) -> Count | None:
        return dict(self.counts).get(kind)


@dataclass(frozen=True)
class ActorMention:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Response:
    by: str
    stance: str
    date: Day | None = None
    quote: str = ""


@dataclass(frozen=True)
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
    lines: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def body(self) -> str:
        """The Markdown body."""
        return zlib.decompress(self.text).decode("utf-8")


def pack_text(body: str) -> bytes:
    return zlib.compress(body.encode("utf-8"), 1)


@dataclass(frozen=True)
class Unfinished:
    """A report too wrong to build, kept for the event it names, so that its
    event's file is not also called unnamed while the report is being fixed."""

    path: str
    event: str


@dataclass(frozen=True)
class EventFile:
    """What a curator adds to an event: a title, dates, a place, a summary."""

    slug: str
    path: str
    title: str = ""
    date: Day | None = None
    end_date: Day | None = None
    location: Location | None = None
    body: str = ""
    lines: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class ActorFile:
    slug: str
    path: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    body: str = ""
    lines: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    base_url: str
    language: str = "en"


@dataclass(frozen=True)
class Content:
    """Everything read and validated, before linking."""

    site: SiteConfig
    reports: tuple[Report, ...]
    events: tuple[EventFile, ...]
    actors: tuple[ActorFile, ...]
