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


class Renderer:
    """Renders any one page of the site by its path, so that the whole site
    (`pages`) and the preview server (a few changed pages) share one code path."""

    def __init__(self, archive: Archive, env: jinja2.Environment):
        self.archive = archive
        self.env = env
        self.urls = urls = Urls(archive.site.base_url)
        self.views = Views(archive, urls)
        nav = [("Timeline", urls.page("timeline/")), ("Events", urls.page("events/")),
               ("Actors", urls.page("actors/")), ("Locations", urls.page("locations/")),
               ("Reports", urls.page("reports/"))]
        self.common = {"site": archive.site, "urls": urls, "nav": nav, "csp": CSP}

    def actor_order(self) -> list[str]:
        return [a.slug for a in sorted(self.archive.actors.values(), key=lambda a: a.name.casefold())]

    def place_order(self) -> list[str]:
        return [p.slug for p in sorted(self.archive.places.values(),
                                       key=lambda p: (p.location.country.casefold(), p.location.name.casefold()))]

    def paths(self) -> list[str]:
        """Every site path, in the order a build writes them (sitemap.xml aside)."""
        a = self.archive
        return (["", "timeline/", "events/"] + [event_path(s) for s in a.events]
                + ["reports/"] + [report_path(s) for s in a.reports]
                + ["actors/"] + [actor_path(s) for s in self.actor_order()]
                + ["locations/"] + [place_path(s) for s in self.place_order()]
                + ["search/", "404.html", "feed.xml", "data/events.json", "data/events.csv"])

    def render(self, rel: str) -> str:
        """The text of the page at site path `rel` (KeyError if there is none)."""
        a, views, site = self.archive, self.views, self.archive.site
        section, _, rest = rel.partition("/")
        slug = rest[:-1] if rest.endswith("/") and "/" not in rest[:-1] else None
        if rel == "":
            events = list(a.events)
            counts = {"reports": len(a.reports), "events": len(a.events),
                      "actors": len(a.actors), "locations": len(a.places)}
            return self.page(rel, "home.html", title=site.title, latest=views.latest(), counts=counts,
                             first=views.event_item(events[0]) if events else None,
                             last=views.event_item(events[-1]) if events else None)
        if rel == "timeline/":
            return self.page(rel, "timeline.html", title="Timeline", years=views.timeline())
        if rel == "events/":
            return self.page(rel, "events.html", title="Events", events=[views.event_item(s) for s in a.events])
        if rel == "reports/":
            return self.page(rel, "reports.html", title="Reports",
                             reports=[views.report_item(s) for s in a.reports])
        if rel == "actors/":
            return self.page(rel, "actors.html", title="Actors",
                             actors=[(views.actor_link(s), a.actors[s].kind, len(a.actors[s].events))
                                     for s in self.actor_order()])
        if rel == "locations/":
            return self.page(rel, "locations.html", title="Locations",
                             places=[(views.place_view(s), len(a.places[s].events)) for s in self.place_order()])
        if rel == "search/":
            return self.page(rel, "search.html", title="Search")
        if rel == "404.html":
            return self.page(rel, "404.html", title="Page not found")
        if rel == "feed.xml":
            feed = feed_reports(a)
            return self.env.get_template("feed.xml").render(
                self.common, entries=[(views.report_item(r.slug), r) for r in feed],
                updated=data.atom_time(feed[0].source.published or feed[0].date) if feed
                else "1970-01-01T00:00:00Z", atom_time=data.atom_time)
        if rel == "data/events.json":
            return data.events_json(a, self.urls)
        if rel == "data/events.csv":
            return data.events_csv(a, self.urls)
        if rel == "sitemap.xml":
            return sitemap(self.env, a, self.paths())
        if section == "events" and slug in a.events:
            e = a.events[slug]
            return self.page(rel, "event.html", title=e.title, event=views.event_page(e), search=event_tags(a, e))
        if section == "reports" and slug in a.reports:
            r = a.reports[slug]
            return self.page(rel, "report.html", title=r.title, report=views.report_page(r),
                             search=report_tags(a, slug))
        if section == "actors" and slug in a.actors:
            return self.page(rel, "actor.html", title=a.actors[slug].name, actor=views.actor_page(slug),
                             search=actor_tags(a, slug))
        if section == "locations" and slug in a.places:
            return self.page(rel, "location.html", title=a.places[slug].location.name,
                             place=views.place_page(slug), search=place_tags(a, slug))
        raise KeyError(rel)

    def page(self, rel: str, template: str, search=None, **context) -> str:
        return self.env.get_template(template).render(self.common, path=rel, canonical=self.urls.absolute(rel),
                                                      here=self.urls.page(rel), search=search, **context)


FEED_SIZE = 100


def feed_key(r) -> tuple:
    return (r.source.published or r.date, r.slug)


def feed_reports(archive: Archive) -> list:
    """The newest reports by publication (else incident) date: the Atom feed's entries."""
    return sorted(archive.reports.values(), key=feed_key, reverse=True)[:FEED_SIZE]


def pages(archive: Archive, env: jinja2.Environment) -> Iterator[tuple[str, str | bytes]]:
    """Every file of the site but the sitemap: (site path, text or bytes)."""
    renderer = Renderer(archive, env)
    for rel in renderer.paths():
        yield rel, renderer.render(rel)


def sitemap(env: jinja2.Environment, archive: Archive, rels: list[str]) -> str:
    urls = Urls(archive.site.base_url)
    return env.get_template("sitemap.xml").render(
        locations=[urls.absolute(r) for r in rels if r.endswith("/") or r == ""])
