"""Reports → events, actors and places: everything pages need, computed once.
Rendering reads this and never changes it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field, replace

from .model import (COUNTS, ActorFile, Claim, Content, Count, Day, EventFile, Location, Page, Report, Response,
                    SiteConfig, record)
from .names import fold, slugify, unique_slug
from ..site.urls import A_Z, row_anchors


@record
class Toll:
    """The range of one count over several claims: lowest low, highest high,
    and whether that high is itself only "at least". A range from 0 to a
    figure reads "up to" it: the words of a source that gives no low end
    ({min: 0, max: 40}), and no less true of a denial beside a figure."""

    low: int
    high: int
    open: bool

    def text(self) -> str:
        if self.low == self.high:
            return f"at least {self.high}" if self.open else str(self.high)
        if self.open:
            return f"{self.low} to at least {self.high}"
        return f"up to {self.high}" if self.low == 0 else f"{self.low}–{self.high}"


def toll_range(counts: list[Count]) -> Toll | None:
    if not counts:
        return None
    high = max(c.min if c.max is None else c.max for c in counts)
    return Toll(min(c.min for c in counts), high, any(c.max is None and c.min >= high for c in counts))


@record
class ClaimRef:
    """A claim with where it comes from: its report, and the actor who made it if known."""

    claim: Claim
    report: str
    actor: str = ""
    anchor: str = ""  # the id of its row on every page that lists it (urls.row_anchors)


@record
class ResponseRef:
    response: Response
    report: str
    actor: str
    event: str
    anchor: str = ""


@record
class Involvement:
    """One actor in one event: its roles, and the reports that give them."""

    actor: str
    event: str
    roles: tuple[str, ...]
    reports: tuple[str, ...]


@record
class Event:
    slug: str
    title: str
    date: Day
    end_date: Day | None
    place: str
    summary: str
    curated: bool
    reports: tuple[str, ...]
    claims: tuple[ClaimRef, ...]
    tolls: tuple[tuple[str, Toll], ...]
    actors: tuple[Involvement, ...]
    responses: tuple[ResponseRef, ...]
    places: tuple[str, ...]
    previous: str = ""
    next: str = ""
    translations: tuple = ()   # model.Translation, from its file's `fr:` block
    langs: tuple[str, str] = ("", "")  # the language of title and summary where not the page's (localize.py)

    def toll(self, kind: str = "killed") -> Toll | None:
        return dict(self.tolls).get(kind)


@record
class Actor:
    slug: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    profile: str
    events: tuple[Involvement, ...]
    responses: tuple[ResponseRef, ...]
    claims: tuple[ClaimRef, ...]
    reports: tuple[str, ...]
    translations: tuple = ()   # model.Translation, from its file's `fr:` block
    langs: tuple[str, str, str] = ("", "", "")  # of name, profile and kind where not the page's (localize.py)


@record
class Place:
    slug: str
    location: Location
    events: tuple[str, ...]
    reports: tuple[str, ...]


@record
class ReportLinks:
    """What a report points at, resolved: its actors, its place, its claims' authors."""

    actors: tuple[tuple[str, str], ...]
    place: str
    claims: tuple[ClaimRef, ...]
    responses: tuple[ResponseRef, ...]


@record
class Archive:
    site: SiteConfig
    reports: dict[str, Report]
    links: dict[str, ReportLinks]
    events: dict[str, Event]
    actors: dict[str, Actor]
    places: dict[str, Place]
    # Folded name → slug, kept so that `relink` can link a changed report alone.
    actor_index: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    place_index: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    pages: dict[str, Page] = field(default_factory=dict)   # pages of prose, by slug
    # The curators' event files, kept so that `link` can lend an unchanged event.
    event_files: dict[str, EventFile] = field(default_factory=dict, compare=False, repr=False)

    def timeline(self) -> list[Event]:
        return list(self.events.values())


def report_order(report: Report) -> tuple:
    return (report.date, report.source.published or Day(9999), report.slug)


def link(content: Content, before: Archive | None = None) -> Archive:
    """The archive of `content`. `before`, the archive of content that shares most of
    its reports (the same objects: cache.Store.parsed), lends those reports' links
    when the names they resolve against are the same (what relink cannot do
    alone: a report added or removed)."""
    reports = {r.slug: r for r in sorted(content.reports, key=report_order)}
    event_files = {e.slug: e for e in content.events}
    actor_of = _actor_index(content)
    place_of, places_loc = _place_index(content)

    lend = before is not None and before.actor_index == actor_of and before.place_index == place_of
    known = before.reports if lend else {}
    if lend:
        lent = before.links
        links = {slug: lent[slug] if known.get(slug) is r else _report_links(r, actor_of, place_of)
                 for slug, r in reports.items()}
    else:
        links = {r.slug: _report_links(r, actor_of, place_of) for r in reports.values()}

    by_event: dict[str, list[Report]] = {}
    for r in reports.values():
        by_event.setdefault(r.event, []).append(r)
    events = []
    for slug, rs in by_event.items():
        # An event whose reports, in the same order, were all lent their links, and whose
        # file is as it was, is the one `before` made (its neighbours are set again below).
        was = before.events.get(slug) if lend else None
        if (was is not None and was.reports == tuple(r.slug for r in rs) and all(known.get(r.slug) is r for r in rs)
                and before.event_files.get(slug) == event_files.get(slug)):
            events.append(was)
        else:
            events.append(_event(slug, rs, event_files.get(slug), links, place_of))
    events.sort(key=lambda e: (e.date, e.slug))
    for i, e in enumerate(events):
        events[i] = replace(e, previous=events[i - 1].slug if i else "",
                            next=events[i + 1].slug if i + 1 < len(events) else "")
    event_map = {e.slug: e for e in events}

    actors = _actors(content.actors, actor_of, event_map, links, reports)
    place_events: dict[str, list[str]] = {}
    for e in events:
        for p in e.places:
            place_events.setdefault(p, []).append(e.slug)
    place_reports: dict[str, list[str]] = {}
    for r in reports:
        place_reports.setdefault(links[r].place, []).append(r)
    places = {slug: Place(slug, loc, tuple(place_events.get(slug, ())), tuple(place_reports.get(slug, ())))
              for slug, loc in sorted(places_loc.items())}
    return Archive(content.site, reports, links, event_map, actors, places, actor_of, place_of,
                   {p.slug: p for p in content.pages}, event_files)


def _report_links(r: Report, actor_of: dict[str, str], place_of: dict[str, str]) -> ReportLinks:
    claim_ids = row_anchors("claim", [_claim_words(c, r) for c in r.claims], r.slug)
    claims = tuple(ClaimRef(c, r.slug, actor_of.get(fold(c.according_to), ""), anchor)
                   for c, anchor in zip(r.claims, claim_ids))
    response_ids = row_anchors("response", [[x.by, x.stance] + ([x.date.iso()] if x.date else [])
                                            for x in r.responses], r.slug)
    responses = tuple(ResponseRef(x, r.slug, actor_of[fold(x.by)], r.event, anchor)
                      for x, anchor in zip(r.responses, response_ids))
    actors = tuple((actor_of[fold(m.name)], m.role) for m in r.actors)
    return ReportLinks(actors, place_of[fold(r.location.name)], claims, responses)


def _claim_words(c: Claim, r: Report) -> list[str]:
    """Who claims it (the publisher when no one is named) and its figures: "Kal Akal killed 60 or more"."""
    words = [c.according_to or r.source.publisher]
    for kind, count in c.counts:
        words += [kind, str(count.min) + (" or more" if count.max is None else
                                          f" {count.max}" if count.max != count.min else "")]
    return words


def claim_order(r: Report) -> Day:
    """When a report's claims were made public: its source's publication date, else the incident's date."""
    return r.source.published or r.date


def _link_shape(r: Report) -> tuple:
    """What of a report reaches beyond its own event when linked: its order
    among reports, its event, its place, the names of its actors."""
    return (r.slug, r.event, r.date, r.end_date, r.source.published, r.location,
            tuple(m.name for m in r.actors), tuple(x.by for x in r.responses))


def relink(old: Content, archive: Archive, new: Content) -> Archive:
    """The same as link(new), given archive = link(old), but in time
    proportional to the change when only reports changed and each kept its
    shape (_link_shape): a new body, title, toll, roles or responses. Anything
    else (a report added or removed, a new date, place or actor name, an event
    or actor file) links everything again, the unchanged reports' links lent
    by `archive` where the names they resolve against are the same."""
    if new.site != old.site or new.events != old.events or new.actors != old.actors:
        return link(new)
    if len(new.reports) != len(old.reports):
        return link(new, archive)
    changed = [(o, n) for o, n in zip(old.reports, new.reports) if o is not n]
    pages = {p.slug: p for p in new.pages}  # pages of prose link nothing: taken as they are
    if not changed:
        return replace(archive, site=new.site, pages=pages)
    if any(_link_shape(o) != _link_shape(n) for o, n in changed):
        return link(new, archive)
    reports, links = dict(archive.reports), dict(archive.links)
    for _, r in changed:
        reports[r.slug] = r
        links[r.slug] = _report_links(r, archive.actor_index, archive.place_index)
    files = {e.slug: e for e in new.events}
    events = dict(archive.events)
    for slug in {r.event for _, r in changed}:
        was = archive.events[slug]
        e = _event(slug, [reports[s] for s in was.reports], files.get(slug), links, archive.place_index)
        events[slug] = replace(e, previous=was.previous, next=was.next)
    touched = {slug for o, n in changed for slug in _actors_of(archive.events[n.event]) | _actors_of(events[n.event])}
    actors = dict(archive.actors)
    if touched:
        position = {slug: i for i, slug in enumerate(events)}
        affected = {n.event for _, n in changed}
        for slug in touched:
            a = archive.actors[slug]
            fresh = [events[e] for e in sorted(affected, key=position.__getitem__)]
            involved = [i for i in a.events if i.event not in affected] + [
                i for e in fresh for i in e.actors if i.actor == slug]
            responses = [x for x in a.responses if x.event not in affected] + [
                x for e in fresh for x in e.responses if x.actor == slug]
            claims = [c for c in a.claims if reports[c.report].event not in affected] + [
                c for e in fresh for c in e.claims if c.actor == slug]
            actors[slug] = replace(
                a, events=tuple(sorted(involved, key=lambda i: position[i.event])),
                responses=tuple(sorted(responses, key=lambda x: position[x.event])),
                claims=tuple(sorted(claims, key=lambda c: position[reports[c.report].event])))
    return replace(archive, site=new.site, reports=reports, links=links, events=events, actors=actors, pages=pages)


def _actors_of(e: Event) -> set[str]:
    return ({i.actor for i in e.actors} | {x.actor for x in e.responses} | {c.actor for c in e.claims if c.actor})


def _earliest(dates: Iterable[Day]) -> Day:
    """The earliest of the reports' dates, a date no more precise than another's that
    falls within it left aside: one report's "January 2013" does not hide
    another's 11 January 2013 (the event would show the month alone)."""
    dates = set(dates)
    return min(d for d in dates if not any(_within(e, d) for e in dates))


def _within(inner: Day, outer: Day) -> bool:
    """Whether `inner` is more precise than `outer` and falls within it."""
    return (inner != outer and inner.year == outer.year and not outer.day
            and (not outer.month or inner.month == outer.month) and (inner.month > 0))


def _event(slug: str, reports: list[Report], file, links: dict[str, ReportLinks], place_of) -> Event:
    first = reports[0]
    date = file.date if file and file.date else _earliest(r.date for r in reports)
    end = file.end_date if file and file.date else first.end_date
    if not file or not file.date:
        # its end: the latest of the reports dated that day, and of the spans given by vaguer reports
        # around it (June to July 2024, and 20 June 2024: 20 June to July)
        ends = [r.end_date or r.date for r in reports if r.date == date] + [
            r.end_date for r in reports if r.end_date and _within(date, r.date)]
        end = max(ends, key=lambda d: d.last()) if max(d.last() for d in ends) > date.last() else None
    location = file.location if file and file.location else first.location
    # Claims as they were made public, the earliest first (reports published alike keep report order).
    claims = tuple(c for r in sorted(reports, key=claim_order) for c in links[r.slug].claims)
    tolls = tuple((kind, t) for kind in COUNTS
                  if (t := toll_range([c for ref in claims if (c := ref.claim.count(kind))])))
    involved: dict[str, tuple[list[str], list[str]]] = {}
    for r in reports:
        for actor, role in links[r.slug].actors:
            roles, rs = involved.setdefault(actor, ([], []))
            if role and role not in roles:
                roles.append(role)
            if r.slug not in rs:
                rs.append(r.slug)
    actors = tuple(Involvement(a, slug, tuple(roles), tuple(rs)) for a, (roles, rs) in involved.items())
    responses = tuple(x for r in reports for x in links[r.slug].responses)
    place = place_of[fold(location.name)]
    places = tuple(dict.fromkeys([place] + [links[r.slug].place for r in reports]))
    return Event(slug, file.title if file and file.title else first.title, date, end, place,
                 file.body if file else "", bool(file), tuple(r.slug for r in reports), claims, tolls,
                 actors, responses, places, translations=file.translations if file else ())


def _actor_index(content: Content) -> dict[str, str]:
    """Folded name or alias → actor slug: actor files first, then every
    other name reports use, each its own actor."""
    index: dict[str, str] = {}
    slugs: set[str] = {A_Z}  # the index's pages by initial: an actor named "A-Z" is at /actors/a-z-2/
    for a in content.actors:
        slugs.add(a.slug)
        for name in (a.name,) + a.aliases:
            index.setdefault(fold(name), a.slug)
    # Its name in another language (fr.name) names it too, when it names no other
    # actor: two countries' "Gendarmerie nationale" are two actors, and neither is named by it.
    french: dict[str, set[str]] = {}
    for a in content.actors:
        for t in a.translations:
            if t.title:
                french.setdefault(fold(t.title), set()).add(a.slug)
    for key, owners in french.items():
        if len(owners) == 1:
            index.setdefault(key, next(iter(owners)))
    for r in content.reports:
        for name in [m.name for m in r.actors] + [x.by for x in r.responses]:
            key = fold(name)
            if key not in index:
                index[key] = unique_slug(slugify(name) or "actor", slugs)
    return index


def _place_index(content: Content) -> tuple[dict[str, str], dict[str, Location]]:
    """Folded place name → place slug, and each place's details merged:
    curated event files first, then reports, the first given value winning."""
    found: list[Location] = [e.location for e in content.events if e.location]
    found += [r.location for r in sorted(content.reports, key=lambda r: r.slug)]
    index: dict[str, str] = {}
    merged: dict[str, Location] = {}
    slugs: set[str] = {A_Z}  # the index's pages by initial: a place named "A-Z" is at /locations/a-z-2/
    for loc in found:
        key = fold(loc.name)
        if key not in index:
            index[key] = unique_slug(slugify(loc.name) or "place", slugs)
            merged[index[key]] = loc
            continue
        have = merged[index[key]]
        merged[index[key]] = Location(
            have.name, have.region or loc.region, have.country or loc.country,
            have.lat if have.lat is not None else loc.lat, have.lon if have.lat is not None else loc.lon,
            have.precision or loc.precision)
    return index, merged


def _actors(files: tuple[ActorFile, ...], actor_of: dict[str, str], events: dict[str, Event],
            links: dict[str, ReportLinks], reports: dict[str, Report]) -> dict[str, Actor]:
    by_slug = {a.slug: a for a in files}
    names: dict[str, str] = {}
    for r in reports.values():
        for m in r.actors:
            names.setdefault(actor_of[fold(m.name)], m.name)
        for x in r.responses:
            names.setdefault(actor_of[fold(x.by)], x.by)
    # One pass each over events and reports, grouping by actor (in event, then report order).
    involved: dict[str, list[Involvement]] = {}
    responses: dict[str, list[ResponseRef]] = {}
    claims: dict[str, list[ClaimRef]] = {}
    for e in events.values():
        for i in e.actors:
            involved.setdefault(i.actor, []).append(i)
        for x in e.responses:
            responses.setdefault(x.actor, []).append(x)
        for c in e.claims:
            if c.actor:
                claims.setdefault(c.actor, []).append(c)
    mentioned: dict[str, list[str]] = {}
    for r in reports:
        for a in dict.fromkeys(a for a, _ in links[r].actors):
            mentioned.setdefault(a, []).append(r)
    out = {}
    for slug in sorted(set(by_slug) | set(names)):
        f = by_slug.get(slug)
        out[slug] = Actor(slug, f.name if f else names[slug], f.aliases if f else (), f.kind if f else "",
                          f.body if f else "", tuple(involved.get(slug, ())), tuple(responses.get(slug, ())),
                          tuple(claims.get(slug, ())), tuple(mentioned.get(slug, ())),
                          f.translations if f else ())
    return out
