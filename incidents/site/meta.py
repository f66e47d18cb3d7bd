"""What a page says about itself to other programs: a summary and type for
Open Graph (links shared on social media), schema.org JSON-LD, and its feeds."""

from __future__ import annotations

from dataclasses import dataclass

from .data import json_ld, license_value
from ..content.link import Archive, Event
from ..content.model import Location
from .i18n import ENGLISH, Lang
from .urls import Urls, actor_path, event_path, feed_path, place_path, report_path


@dataclass(frozen=True)
class PageMeta:
    description: str
    og_type: str = "website"  # or "article"
    json_ld: str = ""  # ready for a <script type="application/ld+json"> block, "<" escaped
    feeds: tuple[tuple[str, str], ...] = ()  # (title, URL) of the page's own Atom feeds


def _place(loc: Location) -> dict:
    place: dict = {"@type": "Place", "name": loc.name}
    address = {k: v for k, v in (("addressRegion", loc.region), ("addressCountry", loc.country)) if v}
    if address:
        place["address"] = {"@type": "PostalAddress", **address}
    if loc.lat is not None and loc.lon is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": loc.lat, "longitude": loc.lon}
    return place


def _license(archive: Archive) -> dict:
    """schema.org's `license`: the licence's address (or name) of the archive's content."""
    value = license_value(archive.site)
    return {"license": value} if value else {}


def _toll_text(e: Event, t: Lang) -> str:
    toll = e.toll("killed")
    return t.killed(t.toll(toll), toll.high) if toll else t.gettext("no toll given")


def event_meta(archive: Archive, urls: Urls, e: Event, t: Lang = ENGLISH) -> PageMeta:
    loc = archive.places[e.place].location
    n = len(e.reports)
    country = t.country(loc.country, archive.site.language)
    description = (f"{t.span(e.date, e.end_date)}, {loc.name}{', ' + country if country else ''}{t.colon}"
                   + t.ngettext("%(toll)s, according to %(n)s report.", "%(toll)s, according to %(n)s reports.", n)
                   % {"toll": _toll_text(e, t), "n": n})
    # What search engines and citation tools read; what else the page says (its reports, its summary) stays in it.
    data = {
        "@context": "https://schema.org", "@type": "Event", "name": e.title,
        "url": urls.absolute(event_path(e.slug)), "startDate": e.date.iso(),
        **({"endDate": e.end_date.iso()} if e.end_date else {}),
        "location": _place(loc),
        **_license(archive),
    }
    return PageMeta(description, "article", json_ld(data))


def report_meta(archive: Archive, urls: Urls, slug: str, t: Lang = ENGLISH) -> PageMeta:
    r = archive.reports[slug]
    s = r.source
    event = archive.events[r.event]
    description = t.fill(t.gettext("%(publisher)s's account of %(event)s (%(when)s, %(place)s)."), {
        "publisher": s.publisher, "event": event.title, "when": t.span(r.date, r.end_date),
        "place": r.location.name})
    source: dict = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": s.publisher}}
    if s.url:
        source["url"] = s.url
    if s.published:
        source["datePublished"] = s.published.iso()
    if s.author:
        source["author"] = {"@type": "Person", "name": s.author}
    if s.title:
        source["headline"] = s.title
    # The report, its event, place and source for search engines and citation tools; the page says the rest
    # (its actors, tags, the source's language and archived copy) to readers.
    data = {
        "@context": "https://schema.org", "@type": "Report", "name": r.title,
        "url": urls.absolute(report_path(slug)),
        "about": {"@type": "Event", "name": event.title, "url": urls.absolute(event_path(event.slug)),
                  "startDate": event.date.iso()},  # an Event without a start is no Event to search engines
        "contentLocation": _place(r.location),
        "isBasedOn": source,
        **_license(archive),
    }
    return PageMeta(description, "article", json_ld(data))


def actor_meta(archive: Archive, urls: Urls, slug: str, t: Lang = ENGLISH) -> PageMeta:
    a = archive.actors[slug]
    n = len(a.events)
    kind = f" ({a.kind})" if a.kind else ""
    description = f"{a.name}{kind}{t.colon}" + t.ngettext("named in %(n)s event of the archive, with its roles.",
                                                    "named in %(n)s events of the archive, with its roles.", n) % {"n": n}
    return PageMeta(description, feeds=((t.gettext("%(site)s: reports naming %(name)s")
                                         % {"site": archive.site.title, "name": a.name},
                                         urls.page(feed_path(actor_path(slug)))),))


def place_meta(archive: Archive, urls: Urls, slug: str, t: Lang = ENGLISH) -> PageMeta:
    p = archive.places[slug]
    where = ", ".join(x for x in (p.location.name, p.location.region,
                                  t.country(p.location.country, archive.site.language)) if x)
    n = len(p.events)
    description = f"{where}{t.colon}" + t.ngettext("%(n)s event in the archive, with every report.",
                                             "%(n)s events in the archive, with every report.", n) % {"n": n}
    return PageMeta(description, feeds=((t.gettext("%(site)s: reports from %(place)s")
                                         % {"site": archive.site.title, "place": p.location.name},
                                         urls.page(feed_path(place_path(slug)))),))
