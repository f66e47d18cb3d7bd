"""Pages from views, with Jinja2 (autoescape on, undefined names are errors)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2

from . import data
from .charts import place_group, role_group, timeline_chart, toll_range_bar
from .maps import archive_map, load_countries, locator_map
from .schema import EVENT_COLUMNS, REPORT_COLUMNS
from .searchtags import actor_tags, event_tags, place_tags, report_tags
from .link import Archive
from .meta import PageMeta, actor_meta, event_meta, place_meta, report_meta
from .urls import Urls, actor_path, event_path, feed_path, place_path, report_path
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

    def page(rel: str, template: str, search=None, meta: PageMeta | None = None, **context) -> tuple[str, str]:
        html = env.get_template(template).render(common, path=rel, canonical=urls.absolute(rel),
                                                 here=urls.page(rel), search=search,
                                                 meta=meta or PageMeta(site.description), **context)
        return rel, html

    def feed(rel: str, title: str, slugs) -> tuple[str, str]:
        """The Atom feed at `rel` of these reports, the latest 100 first."""
        latest = sorted((archive.reports[s] for s in slugs), key=lambda r: (r.source.published or r.date, r.slug),
                        reverse=True)[:100]
        page_rel = rel[: -len("feed.xml")]
        return rel, env.get_template("feed.xml").render(
            common, feed_title=title, feed_id=urls.absolute(page_rel), feed_self=urls.absolute(rel),
            feed_alternate=urls.absolute(page_rel), entries=[(views.report_item(r.slug), r) for r in latest],
            updated=data.atom_time(latest[0].source.published or latest[0].date) if latest
            else "1970-01-01T00:00:00Z", atom_time=data.atom_time)

    events = [views.event_item(s) for s in archive.events]
    counts = {"reports": len(archive.reports), "events": len(archive.events),
              "actors": len(archive.actors), "locations": len(archive.places)}
    chart = timeline_chart(archive, urls, list(archive.events.values()), place_group(archive),
                           "Every event on a time axis, by place")
    countries = load_countries()
    area = archive_map(archive, urls, countries, list(archive.events.values()), "Where the events happened")
    frames: dict = {}
    locators = {p.slug: locator_map(countries, p.location.name, p.location.country, p.location.lat, p.location.lon,
                                    frames=frames) for p in archive.places.values()}
    yield page("", "home.html", title=site.title, latest=views.latest(), counts=counts,
               first=events[0] if events else None, last=events[-1] if events else None, chart=chart, area=area)
    yield page("timeline/", "timeline.html", title="Timeline", years=views.timeline(), chart=chart)
    yield page("events/", "events.html", title="Events", events=events)
    for e in archive.events.values():
        yield page(event_path(e.slug), "event.html", title=e.title, event=views.event_page(e), locator=locators[e.place],
                   range_bar=toll_range_bar(archive, e),
                   search=event_tags(archive, e), meta=event_meta(archive, urls, e))
    yield page("reports/", "reports.html", title="Reports",
               reports=[views.report_item(s) for s in archive.reports])
    for r in archive.reports.values():
        yield page(report_path(r.slug), "report.html", title=r.title, report=views.report_page(r),
                   search=report_tags(archive, r.slug), meta=report_meta(archive, urls, r.slug))
    actors = sorted(archive.actors.values(), key=lambda a: a.name.casefold())
    yield page("actors/", "actors.html", title="Actors",
               actors=[(views.actor_link(a.slug), a.kind, len(a.events)) for a in actors])
    for a in actors:
        actor_chart = timeline_chart(archive, urls, [archive.events[i.event] for i in a.events],
                                     role_group(archive, a.slug), f"Events naming {a.name}, by its role",
                                     width=720, compact=True)
        yield page(actor_path(a.slug), "actor.html", title=a.name, actor=views.actor_page(a.slug), chart=actor_chart,
                   search=actor_tags(archive, a.slug), meta=actor_meta(archive, urls, a.slug))
        yield feed(feed_path(actor_path(a.slug)), f"{site.title}: reports naming {a.name}", a.reports)
    places = sorted(archive.places.values(), key=lambda p: (p.location.country.casefold(),
                                                             p.location.name.casefold()))
    yield page("locations/", "locations.html", title="Locations",
               places=[(views.place_view(p.slug), len(p.events)) for p in places], area=area)
    for p in places:
        yield page(place_path(p.slug), "location.html", title=p.location.name, place=views.place_page(p.slug),
                   locator=locators[p.slug],
                   search=place_tags(archive, p.slug), meta=place_meta(archive, urls, p.slug))
        yield feed(feed_path(place_path(p.slug)), f"{site.title}: reports from {p.location.name}", p.reports)
    yield page("search/", "search.html", title="Search")
    yield page("404.html", "404.html", title="Page not found")
    yield feed("feed.xml", site.title, archive.reports)
    yield page("data/", "data.html", title="Open data", events=EVENT_COLUMNS, reports=REPORT_COLUMNS,
               meta=PageMeta("Every event and report of the archive as JSON and CSV, with JSON Schemas."))
    yield "data/events.json", data.events_json(archive, urls)
    yield "data/events.csv", data.events_csv(archive, urls)
    yield "data/reports.json", data.reports_json(archive, urls)
    yield from data.schemas(urls)


def sitemap(env: jinja2.Environment, archive: Archive, rels: list[str]) -> str:
    urls = Urls(archive.site.base_url)
    return env.get_template("sitemap.xml").render(
        locations=[urls.absolute(r) for r in rels if r.endswith("/") or r == ""])
