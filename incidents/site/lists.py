"""Which lists the site pages by period (paging.py), and what each holds:
reports, events and the timeline; an actor's and a place's events; a tag's
events. And the indexes of actors and places, by initial at scale (alphabet.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.link import Archive
from ..content.names import slugify
from .alphabet import INDEX_PAGE, Index, Initial, by_initial
from .paging import PAGE, Paged, Span, page_size, paginate, spans_by_rel
from .urls import A_Z, actor_path, place_path, tag_path

# Entries on a page of an actor's or a place's events: an event is one, and
# each report, figure and response the page shows with it one more. A page is
# cut by what it shows, so that an event told by forty reports does not make a
# page four times the others. At 10,000 reports (bench/bytes.py), the largest
# place's page over the median and the site: 40 entries 2.6, 272.7 MB; 60
# entries 2.8, 267.3 MB; 100 entries 3.9, 262.9 MB (30 events, before the
# search filters left places' pages: 6.2, 262.5 MB).
ENTITY_PAGE = 60


def place_entries(archive: Archive, slug: str) -> dict[str, int]:
    """Each event's entries on a place's pages: itself and the reports naming the place."""
    entries = dict.fromkeys(archive.places[slug].events, 1)
    for r in archive.places[slug].reports:
        event = archive.reports[r].event
        entries[event] = entries.get(event, 1) + 1
    return entries


def actor_entries(archive: Archive, slug: str) -> dict[str, int]:
    """Each event's entries on an actor's pages: itself, the reports naming the
    actor in it, and the figures and responses the actor gives there."""
    actor = archive.actors[slug]
    entries = {i.event: 1 + len(i.reports) for i in actor.events}
    for c in actor.claims:
        event = archive.reports[c.report].event
        entries[event] = entries.get(event, 1) + 1
    for x in actor.responses:
        entries[x.event] = entries.get(x.event, 1) + 1
    return entries


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str                 # its name in the pages' language (site.yaml's fr: tags:), else as first written
    events: tuple[str, ...]   # in event order (oldest first)
    written: str = ""         # as first written in a report, where `name` is its translation


def tags(archive: Archive) -> dict[str, Tag]:
    """Every tag of the reports, by slug ("Mass grave" and "mass grave" are one tag), sorted by slug."""
    names: dict[str, str] = {}
    events: dict[str, dict[str, None]] = {}
    for r in archive.reports.values():
        for t in r.tags:
            slug = slugify(t)
            if slug:
                names.setdefault(slug, t)
                events.setdefault(slug, {})[r.event] = None
    order = {e: i for i, e in enumerate(archive.events)}
    told = dict(archive.site.tag_names)
    return {s: Tag(s, told.get(s, names[s]), tuple(sorted(events[s], key=order.__getitem__)),
                   names[s] if s in told else "") for s in sorted(names)}


def event_tags(archive: Archive, slug: str) -> tuple[str, ...]:
    """An event's tags (the union of its reports'), in report order, as written first."""
    return tuple(dict.fromkeys(t for r in archive.events[slug].reports for t in archive.reports[r].tags))


class Lists:
    """Every paged list of one archive, each computed when first asked for."""

    def __init__(self, archive: Archive):
        self.a = archive
        self._paged: dict[str, Paged] = {}
        self._spans: dict[str, dict[str, Span]] = {}
        self._tags: dict[str, Tag] | None = None
        self.size, self.entity_size, self.index_size = page_size(PAGE), page_size(ENTITY_PAGE), page_size(INDEX_PAGE)
        self._indexes: dict[str, Index] = {}

    def _get(self, base: str, make) -> Paged:
        if base not in self._paged:
            self._paged[base] = make()
        return self._paged[base]

    def reports(self) -> Paged:
        a = self.a
        return self._get("reports/", lambda: paginate(
            "reports/", ((a.reports[s].date, s) for s in reversed(a.reports)), self.size))

    def events(self, base: str = "events/") -> Paged:
        """The events, newest first: at "events/" as a table, at "timeline/" by month."""
        a = self.a
        return self._get(base, lambda: paginate(base, ((a.events[s].date, s) for s in reversed(a.events)), self.size))

    def timeline(self) -> Paged:
        return self.events("timeline/")

    def actor(self, slug: str) -> Paged:
        a = self.a
        return self._get(actor_path(slug), lambda: paginate(
            actor_path(slug), ((a.events[i.event].date, i.event) for i in reversed(a.actors[slug].events)),
            self.entity_size, actor_entries(a, slug)))

    def place(self, slug: str) -> Paged:
        a = self.a
        return self._get(place_path(slug), lambda: paginate(
            place_path(slug), ((a.events[e].date, e) for e in reversed(a.places[slug].events)), self.entity_size,
            place_entries(a, slug)))

    def tags(self) -> dict[str, Tag]:
        if self._tags is None:
            self._tags = tags(self.a)
        return self._tags

    def tag(self, slug: str) -> Paged:
        a, events = self.a, self.tags()[slug].events
        return self._get(tag_path(slug), lambda: paginate(
            tag_path(slug), ((a.events[e].date, e) for e in reversed(events)), self.size))

    def actor_index(self) -> Index:
        """/actors/ at scale, by initial (alphabet.py)."""
        if "actors/" not in self._indexes:
            self._indexes["actors/"] = by_initial("actors/", ((a.name, a.slug) for a in self.a.actors.values()),
                                                  self.index_size)
        return self._indexes["actors/"]

    def place_index(self) -> Index:
        """/locations/ at scale, by initial (alphabet.py)."""
        if "locations/" not in self._indexes:
            self._indexes["locations/"] = by_initial(
                "locations/", ((p.location.name, p.slug) for p in self.a.places.values()), self.index_size)
        return self._indexes["locations/"]

    def initial(self, rel: str) -> tuple[Index, Initial] | None:
        """The index and its page by initial at site path `rel`, None when `rel` is none."""
        section = rel.partition("/")[0]
        if section not in ("actors", "locations") or rel.split("/")[1:2] != [A_Z]:
            return None
        index = self.actor_index() if section == "actors" else self.place_index()
        page = index.of(rel)
        return (index, page) if page else None

    def of(self, rel: str) -> tuple[Paged, Span] | None:
        """The list and the page of it at site path `rel`, None when `rel` is no list's page."""
        parts = rel.split("/")
        if not rel.endswith("/") or len(parts) < 2:
            return None
        section = parts[0]
        if section in ("reports", "events", "timeline"):
            if len(parts) > 2 and not parts[1].isdigit():
                return None
            paged = {"reports": self.reports, "events": self.events, "timeline": self.timeline}[section]()
        elif section in ("actors", "locations", "tags") and len(parts) > 2:
            found = {"actors": self.a.actors, "locations": self.a.places, "tags": self.tags()}[section]
            if parts[1] not in found:
                return None
            paged = {"actors": self.actor, "locations": self.place, "tags": self.tag}[section](parts[1])
        else:
            return None
        if paged.base not in self._spans:
            self._spans[paged.base] = spans_by_rel(paged)
        span = self._spans[paged.base].get(rel)
        return (paged, span) if span else None
