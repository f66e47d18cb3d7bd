"""The events as the filter on /events/ reads them (static/filter.js): one
small JSON file, names written once in tables and events as rows of numbers
pointing into them, so that 10,000 events load and filter in the browser
without a server. /data/events.json says more about each event, at ten times
the bytes."""

from __future__ import annotations

import json

from ..content.link import Archive
from ..content.model import ROLES
from .lists import Tag
from .i18n import ENGLISH, Lang
from .urls import Urls

FILTER_DATA = "data/events-filter.json"
# Each event: [slug, title, date, end date or "", place, killed low, high, high is "at least" (0/1),
#              reports, [[actor, roles as bits of ROLES], ...], [tag, ...]] (None: no figure), and a
#              last 1 where the title is the original, in the archive's language ("other"), not the page's;
# an actor: [name, slug], and a last 1 where the name is the original; a tag: [name, slug], and the
# tag as the reports write it where the name is its translation (site.yaml's fr: tags:), for the CSV.
FIELDS = ("slug", "title", "date", "end_date", "place", "toll_min", "toll_max", "toll_open", "reports",
          "actors", "tags")


def filter_data(archive: Archive, urls: Urls, tags: dict[str, Tag], t: Lang = ENGLISH) -> str:
    """The filter's data in the language of `t`: the events' titles as archive gives them (localize.py),
    the countries' names in that language; what is left in the archive's own language (an untranslated
    title or name, the tags) is marked, for filter.js to give it its `lang` as the pages do."""
    a = archive
    actor_at = {slug: i for i, slug in enumerate(a.actors)}
    place_at = {slug: i for i, slug in enumerate(a.places)}
    named = {c: t.country(c, a.site.language) for c in {p.location.country for p in a.places.values()} - {""}}
    order = sorted(named, key=lambda c: named[c].casefold())
    country_at = {c: i + 1 for i, c in enumerate(order)}  # 0: no country given
    tag_at = {slug: i for i, slug in enumerate(tags)}
    event_tags: dict[str, list[int]] = {}
    for slug, tag in tags.items():
        for e in tag.events:
            event_tags.setdefault(e, []).append(tag_at[slug])
    rows = []
    for e in a.events.values():
        toll = e.toll("killed")
        rows.append([e.slug, e.title, e.date.iso(), e.end_date.iso() if e.end_date else "", place_at[e.place],
                     toll.low if toll else None, toll.high if toll else None, int(bool(toll and toll.open)),
                     len(e.reports),
                     [[actor_at[i.actor], sum(1 << ROLES.index(r) for r in i.roles if r in ROLES)]
                      for i in e.actors],
                     sorted(event_tags.get(e.slug, ())), *((1,) if e.langs[0] else ())])
    data = {
        "fields": FIELDS,
        "prefix": urls.page(""), "site": urls.absolute(""), "roles": ROLES,
        **({"other": a.site.language} if a.site.language != t.code else {}),  # the tags', and the originals'
        
        "actors": [[x.name, x.slug, *((1,) if x.langs[0] else ())] for x in a.actors.values()],
        "places": [[p.location.name, p.slug, country_at.get(p.location.country, 0)] for p in a.places.values()],
        "countries": ["", *(named[c] for c in order)],
        "tags": [[t.name, t.slug, *((t.written,) if t.written else ())] for t in tags.values()],
        "events": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
