"""Pages from views, with Jinja2 (autoescape on, undefined names are errors)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2

from . import data
from .searchtags import actor_tags, event_tags, place_tags, report_tags
from .link import Archive
from .urls import Urls, actor_path, event_path, place_path, report_path
from .views import Views

HOME = Path(__file__).resolve().parent.parent
# Only the site itself; 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly.
CSP = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; "
       "form-action 'self'")


def environment(root: Path) -> jinja2.Environment:
    """The archive's own templates/ first, then the generator's defaults, so a
    user overrides any template by adding a file of the same name."""
    folders = [str(p) for p in dict.fromkeys([root / "templates", HOME / "templates"]) if p.is_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def pages(archive: Archive, env: jinja2.Environment) -> Iterator[tuple[str, str | bytes]]:
    """Every file of the site: (site path, text or bytes)."""
    urls = Urls(archive.site.base_url)
    views = Views(archive, urls)
    site = archive.site
    nav = [("Timeline", urls.page("timeline/")), ("Events", urls.page("events/")),
           ("Actors", urls.page("actors/")), ("Locations", urls.page("locations/")),
           ("Reports", urls.page("reports/"))]
    common = {"site": site, "urls": urls, "nav": nav, "csp": CSP}

    def page(rel: str, template: str, search=None, **context) -> tuple[str, str]:
        html = env.get_template(template).render(common, path=rel, canonical=urls.absolute(rel),
                                                 here=urls.page(rel), search=search, **context)
        return rel, html

    events = [views.event_item(s) for s in archive.events]
    counts = {"reports": len(archive.reports), "events": len(archive.events),
              "actors": len(archive.actors), "locations": len(archive.places)}
    yield page("", "home.html", title=site.title, latest=views.latest(), counts=counts,
               first=events[0] if events else None, last=events[-1] if events else None)
    yield page("timeline/", "timeline.html", title="Timeline", years=views.timeline())
    yield page("events/", "events.html", title="Events", events=events)
    for e in archive.events.values():
        yield page(event_path(e.slug), "event.html", title=e.title, event=views.event_page(e),
                   search=event_tags(archive, e))
    yield page("reports/", "reports.html", title="Reports",
               reports=[views.report_item(s) for s in archive.reports])
    for r in archive.reports.values():
        yield page(report_path(r.slug), "report.html", title=r.title, report=views.report_page(r),
                   search=report_tags(archive, r.slug))
    actors = sorted(archive.actors.values(), key=lambda a: a.name.casefold())
    yield page("actors/", "actors.html", title="Actors",
               actors=[(views.actor_link(a.slug), a.kind, len(a.events)) for a in actors])
    for a in actors:
        yield page(actor_path(a.slug), "actor.html", title=a.name, actor=views.actor_page(a.slug),
                   search=actor_tags(archive, a.slug))
    places = sorted(archive.places.values(), key=lambda p: (p.location.country.casefold(),
                                                             p.location.name.casefold()))
    yield page("locations/", "locations.html", title="Locations",
               places=[(views.place_view(p.slug), len(p.events)) for p in places])
    for p in places:
        yield page(place_path(p.slug), "location.html", title=p.location.name, place=views.place_page(p.slug),
                   search=place_tags(archive, p.slug))
    yield page("search/", "search.html", title="Search")
    yield page("404.html", "404.html", title="Page not found")
    feed = sorted(archive.reports.values(), key=lambda r: (r.source.published or r.date, r.slug), reverse=True)
    yield "feed.xml", env.get_template("feed.xml").render(
        common, entries=[(views.report_item(r.slug), r) for r in feed[:100]],
        updated=data.atom_time(feed[0].source.published or feed[0].date) if feed else "1970-01-01T00:00:00Z",
        atom_time=data.atom_time)
    yield "data/events.json", data.events_json(archive, urls)
    yield "data/events.csv", data.events_csv(archive, urls)


def sitemap(env: jinja2.Environment, archive: Archive, rels: list[str]) -> str:
    urls = Urls(archive.site.base_url)
    return env.get_template("sitemap.xml").render(
        locations=[urls.absolute(r) for r in rels if r.endswith("/") or r == ""])
