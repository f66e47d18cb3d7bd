"""Which pages a change can reach: compare the archive before and after a
change, entity by entity, and name the pages whose output may differ.

Every page is a function of the views made from the archive (views.py). A
report page shows its report and the titles and names of what it links to; an
event page the items of its reports; list pages the items of every entity. So
each rule below says: when this part of an entity changes, these pages show it.
The preview server re-renders only these pages; a test checks that the result
equals a clean build."""

from __future__ import annotations

from .content.link import Archive
from .site.filterdata import FILTER_DATA
from .site.alphabet import reached_initials
from .site.lists import Lists
from .site.localize import localized
from .site.paging import Paged, reached
from .site.render import FEED_SIZE, SHARED, SIZED, feed_key, lang_dir, navigation, site_paths
from .search.tags import filter_values
from .site.urls import (RESERVED, Urls, actor_path, cite_files, event_path, feed_path, is_list_page, language_folders,
                        place_path, prose_path, report_path)
from .site.maps import has_overview, load_countries, locator_path, map_countries, map_of_place, outlines_path
from .site.views import Views

# The data files with a line per event, and every page that shows every event:
# lists, the timeline chart, the map on "locations/".
EVENT_DATA = ("data/events.json", "data/events.csv", "data/events.geojson", FILTER_DATA)
LISTS_OF_EVENTS = ("", "timeline/", "events/", "locations/") + EVENT_DATA


def affected_pages(old: Archive, new: Archive, old_feed: list, added: dict[str, str] | None = None) -> set[str]:
    """Site paths to render again after `old` became `new` (same site and templates),
    in every language of the site: each language's pages are compared in the archive
    as that language sees it (localize.py), so an edit of a French title reaches the
    French pages only. `old_feed` is the old feed's reports (render.feed_reports(old, added)), `added`
    when each content file came into the archive (history.added_dates: the feeds' order)."""
    found: set[str] = set()
    for lang in new.site.languages:
        folder = lang_dir(new, lang)
        pages = _affected(localized(old, lang), localized(new, lang), old_feed, added)
        found |= {folder + p for p in pages if not (folder and p in SHARED)}
    if not found.isdisjoint(SIZED):
        # the data files are one for every language, and every language's data page gives their sizes
        found |= {lang_dir(new, lang) + "data/" for lang in new.site.languages}
    return found | _initial_twins(old, new)


def _initial_twins(old: Archive, new: Archive) -> set[str]:
    """A page by initial links its twin in each other language where that language
    has it (render.LangRenderer.alternates): when an index's pages by initial come or
    go in one language, those of every language are made again."""
    languages = new.site.languages
    if len(languages) < 2 or not (_changed(old.actors, new.actors) or _changed(old.places, new.places)):
        return set()
    out: set[str] = set()
    for index in (Lists.actor_index, Lists.place_index):
        rels = {lang: (index(Lists(localized(old, lang))).rels(), index(Lists(localized(new, lang))).rels())
                for lang in languages}
        if any(was != now for was, now in rels.values()):
            out |= {lang_dir(new, lang) + rel for lang, (_, now) in rels.items() for rel in now}
    return out


def in_every_language(archive: Archive, rels: set[str]) -> set[str]:
    """Pages of the default language, and the same pages in the site's other languages."""
    return rels | {lang_dir(archive, lang) + p for lang in archive.site.languages[1:] for p in rels
                   if p not in SHARED}


def _affected(old: Archive, new: Archive, old_feed: list, added: dict[str, str] | None) -> set[str]:
    if navigation(old) != navigation(new):
        return set(site_paths(new))  # a page of prose's title or place in the menu or footer: every page shows them
    lists_old, lists_new = Lists(old), Lists(new)
    if _changed(old.events, new.events) and lists_old.timeline().rels() != lists_new.timeline().rels():
        return set(site_paths(new, lists_new))  # a chart's marks lead to the timeline's pages: every chart changes
    urls = Urls(new.site.base_url)
    was, now = Views(old, urls), Views(new, urls)
    pages: set[str] = {prose_path(slug) for slug in _changed(old.pages, new.pages)}
    items: set[str] = set()   # events whose line in a list changed
    lines: set[str] = set()   # reports whose line in a list changed, or that came or went
    feeds: set[str] = set()   # feeds beside actors' and places' pages whose entries changed alone
    names: dict[str, set[str]] = {"actors/": set(), "locations/": set()}  # actors and places whose line changed

    def event_items(slug: str) -> None:
        """Pages that list event `slug` as an item (title, date, place, toll)."""
        items.add(slug)
        pages.update(LISTS_OF_EVENTS)
        for archive, e in ((old, old.events.get(slug)), (new, new.events.get(slug))):
            if e:
                pages.update(place_path(p) for p in e.places)
                pages.add(map_of_place(archive, e.place))  # the closer map of its country
                pages.update(actor_path(i.actor) for i in e.actors)

    for slug in _changed(old.reports, new.reports) | _changed(old.links, new.links):
        pages.add(report_path(slug))
        o, n = old.reports.get(slug), new.reports.get(slug)
        if o is None or n is None or was.report_item(slug) != now.report_item(slug):
            pages.add("reports/")
            lines.add(slug)
            for archive, r in ((old, o), (new, n)):
                if r:
                    pages.add(event_path(r.event))
                    pages.update(_naming_pages(archive, r.slug))
        elif o.event != n.event:
            # the same line, under another event: its place's and its actors' pages, cut by
            # each event's entries (lists.place_entries, actor_entries), show it elsewhere
            for archive, r in ((old, o), (new, n)):
                pages.update(_naming_pages(archive, r.slug))
        if o is not None and n is not None and was.source_line(slug) != now.source_line(slug):
            # its event's list of reports writes out the source: author, original, archived copy
            pages.update(event_path(r.event) for r in (o, n))
        if o is not None and n is not None and o.location.name != n.location.name and (
                was.report_item(slug) == now.report_item(slug)):
            # the same place spelt anew: the feeds beside its place's and its actors' pages say it as the report does
            for archive, r in ((old, o), (new, n)):
                links = archive.links[r.slug]
                feeds.add(feed_path(place_path(links.place)))
                feeds.update(feed_path(actor_path(a)) for a, _ in links.actors)
        if _in_feed(o, n, old_feed, added):
            pages.add("feed.xml")

    for slug in _changed(old.events, new.events):
        pages.add(event_path(slug))
        o, n = old.events.get(slug), new.events.get(slug)
        if o is None or n is None or was.event_item(slug) != now.event_item(slug):
            event_items(slug)
        if o is None or n is None or (o.title, o.date) != (n.title, n.date):
            # a report page names its event, and gives its start date to search engines (meta.py)
            for e in (o, n):
                if e:
                    pages.update(report_path(r) for r in e.reports)
                    pages.update(event_path(s) for s in (e.previous, e.next) if s)
        pages.update(EVENT_DATA)  # data: every field of an event

    for slug in _changed(old.actors, new.actors):
        pages.add(actor_path(slug))
        o, n = old.actors.get(slug), new.actors.get(slug)
        if o is None or n is None or _actor_line(was, o) != _actor_line(now, n):
            pages.add("actors/")
            names["actors/"].add(slug)
        if o is None or n is None or (o.name, o.aliases) != (n.name, n.aliases):
            # every page naming the actor, as an actor, a claim's author or a response's,
            # names it, and tells search its other names (tags.py)
            pages.update(EVENT_DATA)
            for archive, a in ((old, o), (new, n)):
                if a:
                    pages.update(report_path(r) for r in a.reports)
                    pages.update(report_path(x.report) for x in a.responses)
                    pages.update(report_path(c.report) for c in a.claims)
                    pages.update(event_path(archive.reports[c.report].event) for c in a.claims)
                    pages.update(event_path(i.event) for i in a.events)
                    pages.update(event_path(x.event) for x in a.responses)

    for slug in _changed(old.places, new.places):
        pages.add(place_path(slug))
        o, n = old.places.get(slug), new.places.get(slug)
        moved = o is None or n is None or was.place_view(slug) != now.place_view(slug)
        if moved or len(o.events) != len(n.events):
            pages.add("locations/")
            names["locations/"].add(slug)
        if moved:
            for archive, p in ((old, o), (new, n)):
                if p:
                    pages.update(report_path(r) for r in p.reports)
                    pages.update(event_path(e) for e in p.events)
                    for e in p.events:
                        if archive.events[e].place == slug:
                            event_items(e)

    if list(old.reports) != list(new.reports):
        pages.add("reports/")
    if list(old.events) != list(new.events):
        pages.update(LISTS_OF_EVENTS)
        now = map_countries(new, load_countries())
        pages.update(f"map/{c}/" for c in now)
        # a country's picture never changes: written when it first has an event
        pages.update(locator_path(c) for c in now.keys() - map_countries(old, load_countries()).keys())
    if (len(old.reports), len(old.events), len(old.actors), len(old.places)) != (
            len(new.reports), len(new.events), len(new.actors), len(new.places)):
        pages.add("")
    if _filters_may_differ(old, new) and filter_values(old) != filter_values(new):
        pages.add("search/")  # its filters offer every actor, place and year
    pages |= _paged(old, new, lists_old, lists_new, pages, items, lines)
    # the indexes' pages by initial (alphabet.py) show each name's line
    if names["actors/"]:
        pages |= reached_initials(lists_old.actor_index(), lists_new.actor_index(), names["actors/"])
    if names["locations/"]:
        pages |= reached_initials(lists_old.place_index(), lists_new.place_index(), names["locations/"])
    if pages:
        # the data files carry every report's source, tags and names, and every event's
        pages.update(("data/reports.json",) + EVENT_DATA)
    # A map's sea and outlines are drawn from what its page draws (the projection follows the events).
    pages.update([outlines_path(p[4:-1]) if p.startswith("map/") else outlines_path() for p in pages
                  if p in ("", "locations/") or (p.startswith("map/") and p.endswith("/"))])
    # The feed beside an actor's or a location's page lists what the page lists;
    # the citation beside an event's, a report's, an actor's or a place's (first) page is shown on it.
    pages.update([feed_path(p) for p in pages if p.startswith(("actors/", "locations/")) and p.count("/") == 2
                  and p.endswith("/")])
    pages |= feeds
    pages.update([f for p in pages if p.startswith(("events/", "reports/", "actors/", "locations/"))
                  and p.count("/") == 2 and p.endswith("/") for f in cite_files(p)])
    return {p for p in pages if (lists_new.of(p) is not None or lists_new.initial(p) is not None
                                 if _listed(p) else _exists(new, p))}


def _listed(rel: str) -> bool:
    return is_list_page(rel) or (rel.startswith("tags/") and rel != "tags/")


def _actor_line(views: Views, actor) -> tuple:
    """What the lists of actors show of one (/actors/ and its pages by initial)."""
    return views.actor_link(actor.slug), actor.kind, len(actor.events)


def _naming_pages(archive: Archive, report: str) -> set[str]:
    """The pages of the place and the actors a report names (as actors, figures' authors, responses')."""
    links = archive.links[report]
    return ({place_path(links.place)} | {actor_path(a) for a, _ in links.actors}
            | {actor_path(c.actor) for c in links.claims if c.actor} | {actor_path(x.actor) for x in links.responses})


def _paged(old: Archive, new: Archive, lists_old: Lists, lists_new: Lists, pages: set[str], items: set[str],
           lines: set[str]) -> set[str]:
    """The pages by period of the lists `pages` reach (paging.py): those whose items
    changed, came or went, or whose jump bar's counts changed (paging.jump_counts),
    or every page of a list whose pages came or went. `items`:
    events whose line changed; `lines`: reports whose line changed. An actor's or
    a place's pages show more of an event (the reports naming it, their claims):
    those of every report that changed reach them."""
    events = set(items)
    touched = _changed(old.reports, new.reports) | _changed(old.links, new.links)
    for slug in touched:
        events.update(r.event for r in (old.reports.get(slug), new.reports.get(slug)) if r)
    out: set[str] = set()
    if "reports/" in pages:
        out |= reached(lists_old.reports(), lists_new.reports(), lines)
    for base in ("events/", "timeline/"):
        if base in pages:
            out |= reached(lists_old.events(base), lists_new.events(base), items)
    for rel in pages:
        section, slug = (rel.split("/") + [""])[:2]
        if rel.count("/") != 2 or section not in ("actors", "locations"):
            continue
        if section == "actors":
            o, n = old.actors.get(slug), new.actors.get(slug)
            same = o and n and (o.name, o.kind, o.aliases) == (n.name, n.kind, n.aliases)
            make = Lists.actor
        else:
            o, n = old.places.get(slug), new.places.get(slug)
            same = o and n and o.location == n.location
            make = Lists.place
        was: Paged | None = make(lists_old, slug) if o else None
        now: Paged | None = make(lists_new, slug) if n else None
        out |= reached(was, now, events) if same else reached(was, None, set()) | reached(None, now, set())
    if events:
        tags_old, tags_new = lists_old.tags(), lists_new.tags()
        if [(t.slug, t.name, len(t.events)) for t in tags_old.values()] != [
                (t.slug, t.name, len(t.events)) for t in tags_new.values()]:
            out.add("tags/")
        for slug in tags_old.keys() | tags_new.keys():
            o, n = tags_old.get(slug), tags_new.get(slug)
            if o == n and items.isdisjoint(n.events):
                continue
            if o is not None and n is not None and (o.name, o.written) == (n.name, n.written):
                out |= reached(lists_old.tag(slug), lists_new.tag(slug), items)
            else:  # came, went, or spelt anew (every page of it heads with its name, and the reports' spelling)
                was, now = lists_old.tag(slug) if o else None, lists_new.tag(slug) if n else None
                out |= reached(was, None, set()) | reached(None, now, set())
    return out


def _filters_may_differ(old: Archive, new: Archive) -> bool:
    """Whether an actor or place changed, or a report or event came, went or moved
    in time: else the search page's filter values are as they were (and the
    10 ms of comparing them is spared)."""
    if _changed(old.actors, new.actors) or _changed(old.places, new.places):
        return True
    for was, now in ((old.events, new.events), (old.reports, new.reports)):
        for slug in _changed(was, now):
            o, n = was.get(slug), now.get(slug)
            if o is None or n is None or (o.date, o.end_date) != (n.date, n.end_date):
                return True
    return False


def _changed(old: dict, new: dict) -> set[str]:
    """Keys added, removed, or whose value changed (unchanged values are mostly the same object)."""
    get = old.get
    differ = [k for k, v in new.items() if get(k) is not v]
    return (old.keys() ^ new.keys()) | {k for k in differ if k in old and old[k] != new[k]}


def _in_feed(old, new, old_feed: list, added: dict[str, str] | None) -> bool:
    """Whether a report's change can alter the feed: it was in it, or may now enter it."""
    if old is not None and any(r.slug == old.slug for r in old_feed):
        return True
    if new is None:
        return False
    return len(old_feed) < FEED_SIZE or feed_key(new, added) > feed_key(old_feed[-1], added)


def _exists(archive: Archive, rel: str) -> bool:
    if rel.endswith("/") and rel.count("/") == 1 and rel[:-1] not in RESERVED + language_folders(
            archive.site.languages):
        return rel[:-1] in archive.pages
    for beside in ("feed.xml", "cite.bib", "cite.json"):
        if rel.endswith("/" + beside):
            rel = rel[: -len(beside)]
    section, _, rest = rel.partition("/")
    if rel == outlines_path():
        return bool(archive.events) and has_overview(archive, load_countries())
    if section == "map":
        return rest.partition("/")[0] in map_countries(archive, load_countries())
    if not rest.endswith("/") or "/" in rest[:-1] or section not in ("events", "reports", "actors", "locations"):
        return True
    slug = rest[:-1]
    return slug in {"events": archive.events, "reports": archive.reports, "actors": archive.actors,
                    "locations": archive.places}[section]
