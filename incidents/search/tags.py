"""What each indexed page tells Pagefind: its kind, filters and metadata.

Report, event, actor and location pages are indexed; lists, the timeline and
home are not, so a word finds the page about it rather than every list that
names it. Event pages weigh more than report pages for the same words.

An actor's page is found by its own name as a filter, a place's by its own:
not by the places of an actor's events or the actors of a place's. Those
grew with the page's events, unseen (80 KB of the largest actor's page at
100,000 reports, 74 KB of the busiest place's), and each change of an
event's actors or places re-indexed the index every search asks; the events
and reports themselves carry both filters."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..content.link import Archive, Event, toll_range
from ..content.names import fold
from ..site.i18n import ENGLISH, Lang

WEIGHTS = {"Event": 3.0, "Report": 1.0, "Actor": 1.0, "Location": 0.5}


def kind_name(t: Lang, kind: str) -> str:
    """The value of the `kind` filter in the page's language: Pagefind indexes each language apart."""
    _ = t.gettext
    return {"Event": _("Event"), "Report": _("Report"), "Actor": _("Actor"), "Location": _("Location")}[kind]


def _events_text(t: Lang, n: int) -> str:
    return t.ngettext("%(n)s event", "%(n)s events", n) % {"n": t.number(n)}


@dataclass(frozen=True)
class SearchTags:
    kind: str
    filters: tuple[tuple[str, str], ...]  # (filter, value), e.g. ("actor", "Wagner Group")
    meta: tuple[tuple[str, str], ...]  # (key, value), e.g. ("date", "17 February 2025")
    date: str  # ISO date to sort by: a filter-only search lists the latest first
    aliases: tuple[str, ...] = ()  # other names of the actors the page names: "FAMa" finds their events too
    # An actor's or a place's own name, as a sort key only they carry: the search
    # page tells their pages from the others by it, with no file to fetch (a
    # sorted search leaves out the pages without the key), to put the page a
    # searched name is the name of among the first results (static/search.js).
    name: str = ""

    @property
    def weight(self) -> str:
        return f"{WEIGHTS[self.kind]:g}"


def _tags(kind: str, actors, places, years, meta, date: str, t: Lang = ENGLISH, aliases=(), name: str = ""
          ) -> SearchTags:
    filters = [("kind", kind_name(t, kind))]
    filters += [("actor", a) for a in dict.fromkeys(actors)]
    filters += [("location", p) for p in dict.fromkeys(places)]
    filters += [("year", str(y)) for y in dict.fromkeys(years)]
    return SearchTags(kind, tuple(filters), tuple((k, v) for k, v in meta if v), date, tuple(dict.fromkeys(aliases)),
                      name)


def _aliases(archive: Archive, slugs) -> list[str]:
    """"FAMa (Malian Armed Forces)": each alias of these actors, with the name it stands for."""
    return [f"{alias} ({archive.actors[s].name})" for s in dict.fromkeys(slugs) for alias in archive.actors[s].aliases]


def _years(start, end) -> range:
    return range(start.year, (end or start).year + 1)


def event_tags(archive: Archive, e: Event, t: Lang = ENGLISH) -> SearchTags:
    toll = e.toll("killed")
    return _tags("Event", [archive.actors[i.actor].name for i in e.actors],
                 [archive.places[p].location.name for p in e.places], _years(e.date, e.end_date),
                 [("kind", kind_name(t, "Event")), ("date", t.span(e.date, e.end_date)),
                  ("toll", t.killed(t.toll(toll), toll.high) if toll else ""), ("lang", e.langs[0])],
                 e.date.iso(), t, _aliases(archive, [i.actor for i in e.actors] + [c.actor for c in e.claims if c.actor]
                                           + [x.actor for x in e.responses]))


def report_tags(archive: Archive, slug: str, t: Lang = ENGLISH) -> SearchTags:
    r, links = archive.reports[slug], archive.links[slug]
    event = archive.events[r.event]
    # its killed figures as its event's are said: the range over its claims ("4–8 killed", "6 killed" for
    # two claims of 6), short for a reader scanning results; the page itself gives each claim
    toll = toll_range([c for claim in r.claims if (c := claim.count("killed"))])
    return _tags("Report", [archive.actors[a].name for a, _ in links.actors],
                 [archive.places[links.place].location.name], _years(r.date, r.end_date),
                 [("kind", kind_name(t, "Report")), ("date", t.span(r.date, r.end_date)),
                  ("source", r.source.publisher), ("event", event.title),
                  ("toll", t.killed(t.toll(toll), toll.high) if toll else ""), ("lang", _report_lang(r, archive, t))],
                 r.date.iso(), t, _aliases(archive, [a for a, _ in links.actors]
                                           + [c.actor for c in links.claims if c.actor]
                                           + [x.actor for x in links.responses]))


def _report_lang(r, archive: Archive, t: Lang) -> str:
    """A report's language (its source's, else the archive's) where it is not the
    page's, as views.report_lang gives it: the search page marks the result's title
    with it (a French voice reading an English title mispronounces every word)."""
    lang = r.source.language or archive.site.language
    return "" if lang.split("-")[0].lower() == t.code else lang


def actor_tags(archive: Archive, slug: str, t: Lang = ENGLISH) -> SearchTags:
    a = archive.actors[slug]
    events = [archive.events[i.event] for i in a.events]
    # its other names, for the search page to know "FAMa" is this page's name: a JSON list, exact whatever they hold
    return _tags("Actor", [a.name], [], [y for e in events for y in _years(e.date, e.end_date)],
                 [("kind", kind_name(t, "Actor")), ("events", _events_text(t, len(events))),
                  ("names", json.dumps(list(a.aliases), ensure_ascii=False) if a.aliases else "")],
                 _latest(events), t, name=a.name)


def place_tags(archive: Archive, slug: str, t: Lang = ENGLISH) -> SearchTags:
    p = archive.places[slug]
    events = [archive.events[e] for e in p.events]
    return _tags("Location", [], [p.location.name], [y for e in events for y in _years(e.date, e.end_date)],
                 [("kind", kind_name(t, "Location")), ("events", _events_text(t, len(events)))],
                 _latest(events), t, name=p.location.name)


def _latest(events: list[Event]) -> str:
    return max((e.date.iso() for e in events), default="0000")


def filter_values(archive: Archive, t: Lang = ENGLISH) -> dict[str, list[str]]:
    """Every value of every filter some indexed page carries, in the order the
    search page offers them (years newest first, names as a reader sorts them):
    written into the page, so that a visitor who only types never fetches the
    filters' indexes (their counts come when a filter is first touched)."""
    kinds = [kind_name(t, k) for k, n in (("Actor", archive.actors), ("Event", archive.events),
                                          ("Location", archive.places), ("Report", archive.reports)) if n]
    years = {y for e in archive.events.values() for y in _years(e.date, e.end_date)}
    years |= {y for r in archive.reports.values() for y in _years(r.date, r.end_date)}
    named = sorted({a.name for a in archive.actors.values()}, key=lambda n: (fold(n), n))
    placed = sorted({p.location.name for p in archive.places.values()}, key=lambda n: (fold(n), n))
    return {"kind": kinds, "actor": named, "location": placed, "year": [str(y) for y in sorted(years, reverse=True)]}
