"""What the archive already knows that helps read an article: actor names
and aliases, places, events with their dates and places."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.link import Archive
from ..content.model import Day, Location


@dataclass(frozen=True)
class KnownActor:
    name: str                    # the canonical name
    names: tuple[str, ...]       # the name and every alias


@dataclass(frozen=True)
class KnownEvent:
    slug: str
    date: Day
    end_date: Day | None
    places: tuple[str, ...]      # place names


@dataclass(frozen=True)
class KnownReport:
    """A report already in the archive, as the duplicate check needs it."""

    path: str
    title: str
    publisher: str
    url: str
    body: str


@dataclass(frozen=True)
class Knowledge:
    actors: tuple[KnownActor, ...] = ()
    places: tuple[Location, ...] = ()
    events: tuple[KnownEvent, ...] = ()
    reports: tuple[str, ...] = ()   # report slugs taken
    sources: tuple[KnownReport, ...] = ()

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.region for p in self.places if p.region))

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.country for p in self.places if p.country))


def knowledge(archive: Archive) -> Knowledge:
    actors = tuple(KnownActor(a.name, (a.name,) + tuple(a.aliases)) for a in archive.actors.values())
    places = tuple(p.location for p in archive.places.values())
    events = tuple(KnownEvent(e.slug, e.date, e.end_date,
                              tuple(archive.places[p].location.name for p in e.places if p in archive.places))
                   for e in archive.events.values())
    sources = tuple(KnownReport(r.path, r.title, r.source.publisher, r.source.url, r.body)
                    for r in archive.reports.values())
    return Knowledge(actors, places, events, tuple(archive.reports), sources)
