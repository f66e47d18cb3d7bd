"""Pages from views, with Jinja2 (autoescape on, undefined names are errors)."""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import jinja2

from .. import HOME
from . import data
from .charts import place_group, role_group, timeline_chart, toll_range_bar
from .cite import DATA_PAGE, actor_citation, data_citation, event_citation, place_citation, report_citation
from .maps import (MapView, archive_map, country_events, country_slug, find_country, has_overview, load_countries,
                   locator_drawing, locator_map, locator_path, map_countries, map_path, outlines_path)
from .dataschema import EVENT_COLUMNS, REPORT_COLUMNS
from ..search.tags import actor_tags, event_tags, filter_values, kind_name, place_tags, report_tags
from .history import (History, added_dates, changed_dates, data_version, event_files, first_names, history_view,
                      renamed_into, site_moves)
from .i18n import Lang, template_gettexts, translations
from .localize import localized
from ..content.link import Archive
from ..cache import opened, sealed
from ..content.model import ROLES, Day
from ..content.names import slugify
from .meta import PageMeta, actor_meta, event_meta, place_meta, report_meta
from .urls import (MOVED, Urls, actor_path, cite_files, event_path, feed_path, place_path, prose_path,
                   report_path, sitemap_names, sitemap_urls)
from .filterdata import FILTER_DATA, filter_data
from .alphabet import Index, Initial
from .lists import Lists, Tag
from .listview import initial_label, initial_nav, list_nav
from .markdown import headings
from .paging import Paged, Span, period_of, span_label
from .views import Link, PlaceView, Views, word

# Only the site itself ('self' for styles, fetches, workers and the rest); 'wasm-unsafe-eval' lets Pagefind
# compile its WebAssembly. Written into every page's head as it is (its quotes unescaped: it is our own text).
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'")


# The generator's own templates, compiled, kept with the package's compiled
# modules (its __pycache__, which git ignores and neither the build's digests
# nor the preview's watches read), for the Jinja2 and Python that compiled
# them: a new process that checks or builds an archive of its own (`build.py
# check` in a pull request's CI, a first build) compiled all 29 of them, 0.45 s
# of a 0.75 s check of the shipped archive. Shared by every archive that uses them.
GENERATOR_TEMPLATES = HOME / "templates"
SHARED_COMPILED = Path(__file__).resolve().parent / "__pycache__" / (
    f"templates-jinja2-{jinja2.__version__}-py{sys.version_info[0]}{sys.version_info[1]}")


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, whatever the build: the code of a
    template is kept in memory by its name and the checksum of its source (and in
    `folder`, when given, between processes). A long-lived process that builds
    again and again (the preview's clean builds, a test suite) compiled every
    template anew at each build, a third of a small site's build. Every
    environment of this module has the same settings, so the code is the same;
    the strings are looked up when a page renders, in the page's language.

    The generator's own templates are kept in `shared` too (SHARED_COMPILED for
    every environment of this module), where it can write: read there when
    `folder` lacks them, as an archive's first build or a check finds it. A
    file there of another source (its checksum) or garbled is compiled again,
    as in `folder`; a folder it cannot write, left as it is."""

    _memory: dict[tuple[str, str], object] = {}

    def __init__(self, folder: Path | None = None, shared: Path | None = None):
        self.folder = folder
        self.shared = shared

    def get_bucket(self, environment, name, filename, source):
        """As Jinja2's, the bucket told whether its template is the generator's before it is loaded."""
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, filename),
                                       self.get_source_checksum(source))
        bucket.generator_s = (self.shared is not None and filename is not None
                              and Path(filename).is_relative_to(GENERATOR_TEMPLATES))
        self.load_bytecode(bucket)
        return bucket

    def _folders(self, bucket: jinja2.bccache.Bucket) -> list[Path]:
        return [f for f in (self.folder, self.shared if getattr(bucket, "generator_s", False) else None)
                if f is not None]

    @staticmethod
    def _file(folder: Path, bucket: jinja2.bccache.Bucket) -> Path:
        return folder / f"__jinja2_{bucket.key}.cache"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._memory.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code
            return
        for folder in self._folders(bucket):
            # Sealed with its CRC-32 (cache.sealed): a compiled template changed on the disk
            # ("Page not fOund") still loads, and would be built into every page that uses it.
            try:
                data = opened(self._file(folder, bucket).read_bytes())
                if data is not None:
                    bucket.bytecode_from_string(data)  # of another source (its checksum): left empty
            except Exception:  # noqa: BLE001 - a file of the cache cut short or garbled: compiled again
                bucket.reset()  # (unmarshalling garbage raises almost anything; a cache is never a reason to fail)
            if bucket.code is not None:
                self._memory[(bucket.key, bucket.checksum)] = bucket.code
                if folder != self.folder and self.folder is not None:
                    self._write(self.folder, bucket)  # the archive's cache whole, as if compiled here
                return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._memory[(bucket.key, bucket.checksum)] = bucket.code
        for folder in self._folders(bucket):
            try:
                self._write(folder, bucket)
            except OSError:
                if folder == self.folder:
                    raise
                # the generator's folder read-only (installed for all users) or full: compiled in each process

    def _write(self, folder: Path, bucket: jinja2.bccache.Bucket) -> None:
        if folder != self.folder:
            folder.mkdir(parents=True, exist_ok=True)
        path = self._file(folder, bucket)
        temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        temporary.write_bytes(sealed(bucket.bytecode_to_string()))
        os.replace(temporary, path)


def environment(root: Path, compiled: Path | None = None, lang: str = "en") -> jinja2.Environment:
    """The archive's own templates/ first, then the generator's defaults, so a
    user overrides any template by adding a file of the same name. `compiled`:
    a folder that keeps compiled templates between builds. Its strings are in
    `lang` (Jinja2's i18n extension, with the catalogue of i18n.py).

    A template is read once per environment (auto_reload off): a build makes
    its own, and the preview a new one after a template changed (a template
    saved during a build changes the generator's digest: the next build
    renders everything again). Asking each template's file time at each use
    cost 3.3 µs a template against 0.8, about 15 µs a report page (60,000
    pages at 10,000 reports)."""
    folders = [str(p) for p in dict.fromkeys([root / "templates", HOME / "templates"]) if p.is_dir()]
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        bytecode_cache=CompiledTemplates(compiled, SHARED_COMPILED),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them: a message's lines joined
    # {% trans %} hands its variables to gettext, which formats them (Jinja2's "newstyle"),
    # and gettext is ours (i18n.template_gettexts) rather than the extension's own.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(template_gettexts(translations(lang), Lang(lang).french))
    env.globals["decimal"] = Lang(lang).fixed  # "16.27", "16,27": for macros too, which see no page's context
    env.globals["coordinate"] = Lang(lang).coordinate  # "11.42", not "11.4200"
    env.globals["number"] = Lang(lang).number  # "1,000", "1 000"
    env.globals["colon"] = Lang(lang).colon  # ": ", "\u00a0: " (French)
    env.globals["semicolon"] = Lang(lang).semicolon  # "; ", "\u202f; "
    env.filters["inside_quotes"] = Lang(lang).inside_quotes  # a title's own quotes inside “…”: ‘…’
    return env


def environments(root: Path, languages: tuple[str, ...], compiled: Path | None = None) -> dict[str, jinja2.Environment]:
    """One environment per language of the site (the same templates, compiled once into `compiled`)."""
    return {lang: environment(root, compiled, lang) for lang in languages}


# Actors listed on /actors/ by number of events, the most named first: every actor
# is also listed from A to Z, with the same number, so the list by number need not
# repeat them all (at 100,000 reports the two lists of 2,400 were 630 KB).
MOST_NAMED = 50
# The languages' names, each in its own language, for the switch between them.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
# The files the data page gives the size of, for a reader on a slow connection.
SIZED = ("data/events.csv", "data/events.json", "data/reports.json", "data/events.geojson", "data/datapackage.json")
# The files of the site every language shares: one copy, at the root.
SHARED = frozenset({"data/events.json", "data/events.csv", "data/reports.json", "data/events.schema.json",
                    "data/reports.schema.json", "data/events.geojson", "data/datapackage.json", MOVED})


def lang_dir(archive: Archive, lang: str) -> str:
    """Where a language's pages are: the default language's at the root (so no
    address published before there were languages ever breaks), "fr/" for French."""
    return "" if lang == archive.site.language else f"{lang}/"


class Renderer:
    """Every page of the site, in each of its languages: the default's at the
    site paths, the others' under their folder ("fr/events/x/"). Each language
    is a LangRenderer of the archive localized for it (localize.py)."""

    def __init__(self, archive: Archive, env: jinja2.Environment | dict[str, jinja2.Environment],
                 files: data.DataFiles | None = None, history: History | None = None,
                 added: dict[str, str] | None = None):
        envs = env if isinstance(env, dict) else {archive.site.language: env}
        self.archive = archive
        added = added if added is not None or history is None else added_dates(history)
        self.default = archive.site.language
        self.languages = tuple(lang for lang in archive.site.languages if lang in envs) or (self.default,)
        self.parts = {lang: LangRenderer(localized(archive, lang), envs.get(lang) or envs[self.default],
                                         files if lang == self.default else None, history, lang,
                                         self.languages, added)
                      for lang in self.languages}
        # Each data file's size, as made by this renderer: the data page gives them.
        self.sizes: dict[str, int] = {}
        for part in self.parts.values():
            part.family, part.size_of = self.parts, self.size_of
        main = self.parts[self.default]
        self.env, self.data, self.urls = main.env, main.data, main.urls
        self.history = history  # the content's git history, None outside git (history.py)

    def prepare(self, rels: list[str]) -> None:
        for lang, part in self.parts.items():
            d = lang_dir(self.archive, lang)
            part.prepare([r[len(d):] for r in rels if r.startswith(d)] if d else rels)

    def paths(self) -> list[str]:
        """Every site path, in the order a build writes them (sitemap.xml aside): the
        default language's, then each other language's under its folder. Their pages
        are the same but for the indexes' pages by initial, cut by each language's
        names (alphabet.py)."""
        main = self.parts[self.default]
        own = main.paths()
        indexes = {"actors/": Lists.actor_index, "locations/": Lists.place_index}
        initials = {rel for index in indexes.values() for rel in index(main.lists).rels()}
        out = list(own)
        for lang, part in self.parts.items():
            if lang == self.default:
                continue
            folder = lang_dir(self.archive, lang)
            for rel in own:
                if rel not in SHARED and rel not in initials:
                    out.append(folder + rel)
                    if rel in indexes:
                        out += [folder + r for r in indexes[rel](part.lists).rels()]
        return out

    def part(self, rel: str) -> tuple[LangRenderer, str]:
        """The renderer of the language `rel` is in, and the path within that language."""
        head = rel.split("/", 1)[0]
        if head in self.parts and head != self.default:
            return self.parts[head], rel[len(head) + 1:]
        return self.parts[self.default], rel

    def kind(self, rel: str) -> tuple[str, str, int, str, str]:
        """What chooses the template of the page at `rel`: its language, its
        first folder, its depth ("reports/" a list, "reports/x/" a report), the
        name of a file beside a page ("reports/x/cite.bib"), and whether it is
        a list by period or by initial ("reports/2023/", "actors/a-z/b/")."""
        part, inner = self.part(rel)
        listed = "period" if part.lists.of(inner) else "initial" if part.lists.initial(inner) else ""
        return part.lang, inner.split("/", 1)[0], inner.count("/"), inner.rpartition("/")[2], listed

    def render(self, rel: str) -> str:
        part, inner = self.part(rel)
        if part.lang != self.default and inner in SHARED:
            raise KeyError(rel)
        text = part.render(inner)
        if rel in SIZED:
            self.sizes[rel] = len(text.encode("utf-8"))
        return text

    def gives_sizes(self, rel: str) -> bool:
        """Whether `rel` is the data page, in any language: it gives the data files' sizes."""
        return self.part(rel)[1] == "data/"

    def size_of(self, rel: str) -> int:
        """The size in bytes of the data file `rel`: as this renderer made it, or made
        now. A build makes the data files before the data page (pipeline._render),
        so that they are made once."""
        if rel not in self.sizes:
            self.render(rel)
        return self.sizes[rel]

    def page_url(self, kind: str, slug: str) -> str:
        return self.parts[self.default].page_url(kind, slug)


def twins(archive: Archive, languages: tuple[str, ...], rel: str) -> tuple[tuple[str, str], ...]:
    """(language, site path) of the page `rel` (of the default language) in every language."""
    if rel in SHARED:
        return ((archive.site.language, rel),)
    return tuple((lang, lang_dir(archive, lang) + rel) for lang in languages)


class LangRenderer:
    """Renders any one page of the site in one language by its path (within that
    language), so that the whole site (`pages`) and the preview server (a few
    changed pages) share one code path."""

    def __init__(self, archive: Archive, env: jinja2.Environment, files: data.DataFiles | None = None,
                 history: History | None = None, lang: str | None = None, languages: tuple[str, ...] = (),
                 added: dict[str, str] | None = None):
        self.archive = archive
        self.history = history  # the content's git history, None outside git (history.py)
        self.added = added if added is not None else added_dates(history)  # when each file was first committed
        self.changed = changed_dates(history)  # when each file was last committed
        self.first = first_names(history)  # the commit and name each file came into the archive with
        self.env = env
        self.lang = lang or archive.site.language
        self.t = t = Lang(self.lang)
        self.languages = languages or (self.lang,)
        self.lists = Lists(archive)
        timeline = self.lists.timeline()
        self.urls = urls = Urls(archive.site.base_url, lang_dir(archive, self.lang),
                                frozenset(timeline.rels()) if timeline.paged else frozenset())
        self.data = files or data.DataFiles(archive, Urls(archive.site.base_url))
        self.views = Views(archive, urls, t)
        _ = t.gettext
        nav = [(_("Timeline"), urls.page("timeline/")), (_("Events"), urls.page("events/")),
               (_("Actors"), urls.page("actors/")), (_("Locations"), urls.page("locations/")),
               (_("Reports"), urls.page("reports/"))]
        menu, footer = navigation(archive)
        nav += [(title, urls.prose(slug)) for title, slug in menu]
        # Tags and commit subjects are written once, in the archive's language: marked as such on the
        # other languages' pages.
        self.content_lang = "" if self.lang == archive.site.language else archive.site.language
        self.common = {"site": archive.site, "urls": urls, "nav": nav, "csp": CSP, "lang": self.lang,
                       "content_lang": self.content_lang, "cite_messages": urls.page(CITE_MESSAGES),
                       "footer_links": [(title, urls.prose(slug)) for title, slug in footer]}
        self.family: dict[str, LangRenderer] = {lang: self} if lang else {}  # every language's, set by Renderer
        self.size_of: Callable[[str], int] = lambda rel: len(self.render(rel).encode("utf-8"))  # Renderer's, there
        self._countries: dict | None = None
        self._frames: dict = {}
        self._locators: dict[str, str] = {}
        self._shared: dict[str, str] = {}

    def prepare(self, rels: list[str]) -> None:
        """Before pages are rendered in forked workers: compile every template and
        draw the pictures several of `rels` share, once, rather than once in each."""
        for name in self.env.list_templates():
            if name.endswith((".html", ".xml")):
                self.env.get_template(name)
        wanted = set(rels)
        if wanted & {"", "timeline/"}:
            self.chart()
        if wanted & {"", "timeline/", "locations/"}:
            self.area()

    # Pictures several pages share, drawn once per renderer and only when asked for.

    def chart(self) -> str:
        if "chart" not in self._shared:
            a = self.archive
            self._shared["chart"] = timeline_chart(a, self.urls, list(a.events.values()), place_group(a, self.t),
                                                   self.t.gettext("Every event on a time axis, by place"), t=self.t)
        return self._shared["chart"]

    def countries(self) -> dict:
        if self._countries is None:
            self._countries = load_countries()
        return self._countries

    def area(self) -> MapView | None:
        if "area" not in self._shared:
            a = self.archive
            drawn = archive_map(a, self.urls, self.countries(), list(a.events.values()),
                                self.t.gettext("Where the events happened"), t=self.t)
            self._shared["area"] = drawn and replace(drawn, picture=self.urls.page(outlines_path()))
        return self._shared["area"]

    def closer(self, slug: str) -> MapView | None:
        """The closer map of the country of slug `slug` (one of map_countries)."""
        t = self.t
        key = self.map_countries()[slug]
        name = t.country(self.countries()[key].name)
        drawn = archive_map(self.archive, self.urls, self.countries(), country_events(self.archive, self.countries(), key),
                            t.gettext("Where the events in %(country)s happened") % {"country": name}, country=key, t=t)
        return drawn and replace(drawn, picture=self.urls.page(outlines_path(slug)))

    def locator(self, place: str) -> str:
        if place not in self._locators:
            loc = self.archive.places[place].location
            drawn = locator_map(self.countries(), loc.name, loc.country, loc.lat, loc.lon,
                                frames=self._frames, precision=loc.precision, t=self.t)
            if drawn and drawn.country in self.map_countries():
                drawn = replace(drawn, picture=self.urls.page(locator_path(drawn.country)))
            self._locators[place] = drawn
        return self._locators[place]

    def map_countries(self) -> dict[str, str]:
        if "map_countries" not in self._shared:
            self._shared["map_countries"] = map_countries(self.archive, self.countries())
        return self._shared["map_countries"]

    def paths(self) -> list[str]:
        """Every site path, in the order a build writes them (sitemap.xml aside)."""
        return site_paths(self.archive, self.lists)

    def render(self, rel: str) -> str:
        """The text of the page at site path `rel` (KeyError if there is none)."""
        a, views, site, t = self.archive, self.views, self.archive.site, self.t
        _ = t.gettext
        section, _sep, rest = rel.partition("/")
        slug = rest[:-1] if rest.endswith("/") and "/" not in rest[:-1] else None
        if rel.endswith("/feed.xml") and section in ("actors", "locations"):
            return self.entity_feed(rel)
        if rel.endswith(("/cite.bib", "/cite.json")) and section in ("events", "reports", "actors", "locations", "data"):
            return self.cite_file(rel)
        if rel == "":
            counts = {"reports": len(a.reports), "events": len(a.events),
                      "actors": len(a.actors), "locations": len(a.places)}
            return self.page(rel, "home.html", title=site.title, latest=views.latest(), counts=counts,
                             covered=views.covered(), chart=self.chart(), area=self.area())
        listed = self.lists.of(rel)
        if listed:
            return self.listed(rel, *listed)
        initial = self.lists.initial(rel)
        if initial:
            return self.by_initial(rel, *initial)
        if rel == "actors/":
            actors = [(views.actor_link(s), a.actors[s].kind, len(a.actors[s].events), a.actors[s].langs[2])
                      for s in actor_order(a)]
            index = self.lists.actor_index()
            return self.page(rel, "actors.html", title=_("Actors"), actors=[] if index.cut else actors,
                             total=len(actors), by_count=sorted(actors, key=lambda x: -x[2])[:MOST_NAMED],
                             initials=initial_nav(index, None, self.urls, views.actor_link, t))
        if rel == "locations/":
            index = self.lists.place_index()
            return self.page(rel, "locations.html", title=_("Locations"), area=self.area(),
                             countries=[] if index.cut else by_country(
                                 [(views.place_view(s), len(a.places[s].events)) for s in place_order(a)]),
                             country_counts=self.country_counts() if index.cut else [],
                             initials=initial_nav(index, None, self.urls, views.place_link, t))
        if rel == "tags/":
            return self.page(rel, "tags.html", title=_("Tags"),
                             tags=[(Link(t.name, self.urls.tag(t.slug), "" if t.written else self.content_lang),
                                    len(t.events)) for t in sorted(self.lists.tags().values(), key=_by_name)])
        if rel == "search/":
            values = filter_values(a, t)
            # A filter of more values than an index's page is a box to type in, its values
            # suggested from the index: at 100,000 reports the lists were 360 KB of the page.
            typed = {name for name in ("actor", "location") if len(values[name]) > self.lists.index_size}
            return self.page(rel, "search.html", title=_("Search"), filters=values, typed=typed,
                             kinds={k: kind_name(t, k) for k in ("Event", "Report", "Actor", "Location")},
                             messages=search_messages(t))
        if rel == "404.html":
            # A host serves the site's root 404.html for every address it lacks, /fr/… too: it says
            # so in each of the site's other languages as well, with that language's home page.
            elsewhere = [(lang, Lang(lang).gettext("Page not found"), Lang(lang).gettext("Home"),
                          Urls(a.site.base_url, lang_dir(a, lang)).home)
                         for lang in a.site.languages if lang != self.lang] if self.lang == a.site.language else []
            return self.page(rel, "404.html", title=_("Page not found"), elsewhere=elsewhere)
        if rel == MOVED:
            return json.dumps(site_moves(a, self.history), separators=(",", ":")) + "\n"
        if rel == "feed.xml":
            return self.feed(rel, site.title, feed_reports(a, self.added))
        if rel == "data/":
            return self.page(rel, "data.html", title=_("Open data"), events=EVENT_COLUMNS, reports=REPORT_COLUMNS,
                             sizes={f: t.size(self.size_of(f)) for f in SIZED},
                             version=data_version(self.history, site.repository, self.page_url, t, site.history),
                             cite=self.data_cite(),
                             meta=PageMeta(_("Every event and report of the archive as JSON and CSV, with "
                                             "JSON Schemas.")))
        if rel == "data/reports.json":
            return self.data.reports_json()
        if rel in ("data/events.schema.json", "data/reports.schema.json"):
            return dict(data.schemas(self.urls))[rel]
        if rel == "data/events.json":
            return self.data.events_json()
        if rel == "data/events.csv":
            return self.data.events_csv()
        if rel == FILTER_DATA:
            return filter_data(a, self.urls, self.lists.tags(), t)
        if rel == CITE_MESSAGES:
            return json.dumps(cite_messages(t), ensure_ascii=False, sort_keys=True) + "\n"
        if rel == "data/events.geojson":
            return self.data.events_geojson()
        if rel == "data/datapackage.json":
            return data.datapackage(a, self.urls, self.history.commits[0] if self.history and self.history.commits
                                    else None, modified=bool(self.history and self.history.modified))
        if rel == "sitemap.xml" or rel.startswith("sitemap-") and rel in sitemap_names(self.paths()):
            return sitemap(self.env, a, self.paths())[rel]
        if rel.endswith("/") and rel.count("/") == 1 and rel[:-1] in a.pages:
            p = a.pages[rel[:-1]]
            first = self.family.get(self.languages[0])  # the default language's: its headings' ids are the page's
            original = first.archive.pages[p.slug].body if first is not None and first is not self else ""
            return self.page(rel, "page.html", title=p.title, meta=PageMeta(p.description or site.description),
                             page=ProsePage(p.title, self.views.html(p.body, p.langs[1], sections=headings(original)
                                                                     if original and original != p.body else True),
                                            *p.langs))
        if section == "events" and slug in a.events:
            e = a.events[slug]
            view = views.event_page(e)
            return self.page(rel, "event.html", title=e.title, event=view, search=event_tags(a, e, t),
                             locator=self.locator(e.place), range_bar=toll_range_bar(e.toll("killed"), view.claimants, t),
                             history=history_view(self.history, self.event_files(slug), site.repository, t,
                                                  site.history),
                             meta=event_meta(a, self.urls, e, t),
                             cite=event_citation(a, self.urls, slug, self.updated(self.event_files(slug)), t))
        if section == "reports" and slug in a.reports:
            r = a.reports[slug]
            return self.page(rel, "report.html", title=r.title, report=views.report_page(r),
                             history=history_view(self.history, [r.path], site.repository, t, site.history),
                             search=report_tags(a, slug, t), meta=report_meta(a, self.urls, slug, t),
                             cite=report_citation(a, self.urls, slug, self.updated([r.path]), t))
        if section == "map" and rest.endswith(".svg"):
            return self.picture(rest)
        if section == "map" and slug in self.map_countries():
            area = self.closer(slug)
            name, count = t.country(self.countries()[self.map_countries()[slug]].name), area.event_count if area else 0
            said = t.ngettext("Map of the %(n)s event in %(country)s.", "Map of the %(n)s events in %(country)s.",
                              count) % {"n": t.number(count), "country": name}
            return self.page(rel, "map.html", title=_("Map of %(country)s") % {"country": name}, country=name,
                             area=area, count=count, meta=PageMeta(said))
        raise KeyError(rel)

    def picture(self, rest: str) -> str:
        """A map's sea and outlines under "map/": "outlines.svg" (the overview's),
        "COUNTRY/outlines.svg" (a closer map's), "COUNTRY/locator.svg" (locators')."""
        country, _, name = rest.rpartition("/")
        known = country in self.map_countries() if country else name == "outlines.svg"
        if not known or name not in ("outlines.svg", "locator.svg"):
            raise KeyError(f"map/{rest}")  # "map/locator.svg", "map/nowhere/outlines.svg": no such picture
        if name == "locator.svg":
            drawn = locator_drawing(self.countries(), self.map_countries()[country], self.t)
            title = drawn.label
        else:
            drawn = self.closer(country) if country else self.area()
            if drawn is None:
                raise KeyError(f"map/{rest}")
            title = drawn.title
        return self.env.get_template("outlines.svg").render(width=drawn.width, height=drawn.height, title=title,
                                                            outlines=drawn.outlines)

    def by_initial(self, rel: str, index: Index, page: Initial) -> str:
        """A page of /actors/ or /locations/ cut by initial (alphabet.py): its names A to Z."""
        a, views, t = self.archive, self.views, self.t
        _ = t.gettext
        label = initial_label(page.label, t)
        if page.part > 1:
            label = _("%(period)s, part %(n)s") % {"period": label, "n": page.part}
        if index.base == "actors/":
            return self.page(rel, "actors.html", title=_("%(list)s: %(period)s") % {"list": _("Actors"), "period": label},
                             actors=[(views.actor_link(s), a.actors[s].kind, len(a.actors[s].events),
                                      a.actors[s].langs[2]) for s in page.keys],
                             initials=initial_nav(index, page, self.urls, views.actor_link, t))
        return self.page(rel, "locations.html", title=_("%(list)s: %(period)s") % {"list": _("Locations"),
                                                                                   "period": label},
                         places=[(views.place_view(s), len(a.places[s].events)) for s in page.keys],
                         initials=initial_nav(index, page, self.urls, views.place_link, t))

    def country_counts(self) -> list[tuple[str, str, int]]:
        """(country as this language names it, or "" when not given; its closer map's
        address, or ""; its number of places) of every country, in by_country's order."""
        a, t = self.archive, self.t
        counts: dict[str, list] = {}
        for p in a.places.values():
            entry = counts.setdefault(t.country(p.location.country, a.site.language), [p.location.country, 0])
            entry[1] += 1
        out = []
        for name, (given, n) in sorted(counts.items(), key=lambda g: (not g[0], g[0].casefold())):
            c = find_country(self.countries(), given) if given else None
            shown = c is not None and country_slug(c.name) in self.map_countries()
            out.append((name, self.urls.page(map_path(c.name)) if shown else "", n))
        return out

    def listed(self, rel: str, paged: Paged, span: Span) -> str:
        """A page of a list by period (paging.py), or the first page of one."""
        a, views, t = self.archive, self.views, self.t
        _ = t.gettext
        nav = list_nav(paged, span, self.urls, t)
        first = rel == paged.base
        section, slug = rel.split("/")[:2]
        label = span_label(span, t)
        # A year cut into months shows its newest month: titled so, not by the year (a
        # reader who followed a bar of 434 events found "Timeline: 2024" and 38 of them)
        cut = dict(paged.months).get(span.year) if span.year and span.month < 0 else None
        if cut:
            label = span_label(replace(span, month=cut[0][0]), t)

        def titled(name: str) -> str:
            return _("%(list)s: %(period)s") % {"list": name, "period": label} if label else name

        if section == "timeline":
            return self.page(rel, "timeline.html", title=titled(_("Timeline")), years=views.timeline(span.keys),
                             paging=nav, chart=self.chart() if first else "", area=self.area() if first else "")
        if section == "events":
            return self.page(rel, "events.html", title=titled(_("Events")), paging=nav,
                             events=[views.event_item(s) for s in span.keys],
                             filter_messages=filter_messages(t) if first else None)
        if section == "reports":
            return self.page(rel, "reports.html", title=titled(_("Reports")), paging=nav,
                             reports=[views.report_item(s) for s in span.keys])
        if section == "tags":
            tag = self.lists.tags()[slug]
            return self.page(rel, "tag.html", title=titled(_("Tag: %(tag)s") % {"tag": tag.name}), tag=tag.name,
                             tag_lang="" if tag.written else self.content_lang, written=tag.written,
                             paging=nav, events=[views.event_item(s) for s in span.keys])
        if section == "actors":
            actor = a.actors[slug]
            own = (lambda year, month: self.urls.page(period_of(paged, year, month))
                   + ("#period" if paged.paged else "#events"))  # a bar leads to its time in this list
            chart = timeline_chart(a, self.urls, [a.events[i.event] for i in actor.events], role_group(a, slug, t),
                                   _("Events naming %(name)s, by its role") % {"name": actor.name}, width=720,
                                   compact=True, t=t, link=own,
                                   rest=_("other roles")) if first else ""  # not the role "other"
            return self.page(rel, "actor.html", title=titled(actor.name), paging=nav, chart=chart,
                             actor=views.actor_page(slug, span.keys, profile=first),
                             feed=self.urls.page(feed_path(paged.base)),
                             search=actor_tags(a, slug, t) if first else None,
                             meta=actor_meta(a, self.urls, slug, t) if first else None,
                             cite=actor_citation(a, self.urls, slug, t) if first else None)
        place = a.places[slug]
        return self.page(rel, "location.html", title=titled(place.location.name), paging=nav,
                         place=views.place_page(slug, span.keys), feed=self.urls.page(feed_path(paged.base)),
                         search=place_tags(a, slug, t) if first else None, locator=self.locator(slug),
                         meta=place_meta(a, self.urls, slug, t) if first else None,
                         cite=place_citation(a, self.urls, slug, t) if first else None)

    def page_url(self, kind: str, slug: str) -> str:
        """The page of the content file content/<kind>/<slug>.md, or "" when the site has none."""
        a = self.archive
        found = {"reports": (a.reports, report_path), "events": (a.events, event_path),
                 "actors": (a.actors, actor_path), "pages": (a.pages, prose_path)}.get(kind)
        return self.urls.page(found[1](slug)) if found and slug in found[0] else ""

    def page(self, rel: str, template: str, search=None, meta: PageMeta | None = None, **context) -> str:
        return self.env.get_template(template).render(
            self.common, path=rel, canonical=self.urls.absolute(rel), here=self.urls.page(rel), search=search,
            meta=meta or PageMeta(self.archive.site.description), alternates=self.alternates(rel), **context)

    def alternates(self, rel: str) -> tuple[Alternate, ...]:
        """The same page in every language of the site: the switch, and hreflang in the head."""
        if len(self.languages) < 2:
            return ()
        base = Urls(self.archive.site.base_url)
        out = []
        for lang in self.languages:
            there, twin = rel, True
            other = self.family.get(lang)
            if other is not None and other is not self and self.lists.initial(rel) and not other.lists.initial(rel):
                # an initial that language's names do not have (alphabet.py): its index, and no hreflang
                there, twin = rel.split("/", 1)[0] + "/", False
            path = lang_dir(self.archive, lang) + there
            out.append(Alternate(lang, LANGUAGE_NAMES.get(lang, lang), base.page(path),
                                 base.absolute(path) if twin else "", lang == self.lang))
        return tuple(out)

    @cached_property
    def renamed(self) -> dict[str, tuple[str, ...]]:
        """Each event → its earlier slugs, whose History it keeps (history.renamed_into)."""
        return renamed_into(self.history, self.archive.events)

    def event_files(self, slug: str) -> list[str]:
        return event_files(self.archive, slug, self.renamed.get(slug, ()))

    def updated(self, files: list[str]) -> Day | None:
        """The day of the last commit that changed these content files (None outside git)."""
        commits = self.history.of(files) if self.history else ()
        return commits[0].calendar_day if commits else None

    def data_cite(self):
        """The open data's citation: its version, the latest commit to change the content, and its day."""
        commit = self.history.commits[0] if self.history and self.history.commits else None
        if commit is None:
            return data_citation(self.archive, self.urls, t=self.t)
        return data_citation(self.archive, self.urls, commit.hash[:7] + ("+modified" if self.history.modified else ""),
                             commit.calendar_day, self.t)

    def cite_file(self, rel: str) -> str:
        """cite.bib or cite.json beside an event's, a report's, an actor's or a place's page, or the data page."""
        a = self.archive
        section, slug, name = (rel.split("/") + ["", ""])[:3]
        if rel in cite_files(DATA_PAGE):
            cite = self.data_cite()
            return cite.bibtex if rel.endswith("cite.bib") else cite.csl_json
        if section == "events" and slug in a.events:
            cite = event_citation(a, self.urls, slug, self.updated(self.event_files(slug)), self.t)
        elif section == "reports" and slug in a.reports:
            cite = report_citation(a, self.urls, slug, self.updated([a.reports[slug].path]), self.t)
        elif section == "actors" and slug in a.actors:
            cite = actor_citation(a, self.urls, slug, self.t)
        elif section == "locations" and slug in a.places:
            cite = place_citation(a, self.urls, slug, self.t)
        else:
            raise KeyError(rel)
        return cite.bibtex if name == "cite.bib" else cite.csl_json

    def entity_feed(self, rel: str) -> str:
        """The Atom feed beside an actor's or a location's page."""
        a, site = self.archive, self.archive.site
        section, slug = rel.split("/")[:2]
        if section == "actors" and slug in a.actors:
            actor = a.actors[slug]
            return self.feed(rel, self.t.gettext("%(site)s: reports naming %(name)s")
                             % {"site": site.title, "name": actor.name}, latest(a, actor.reports, self.added))
        if section == "locations" and slug in a.places:
            place = a.places[slug]
            return self.feed(rel, self.t.gettext("%(site)s: reports from %(place)s")
                             % {"site": site.title, "place": place.location.name}, latest(a, place.reports, self.added))
        raise KeyError(rel)

    def feed(self, rel: str, title: str, reports: list) -> str:
        """An Atom feed of these reports (the latest first) at site path `rel`."""
        page_rel = rel[: -len("feed.xml")]
        absolute = self.urls.absolute
        # An entry is published when it came into the archive (a subscriber's reader shows it as new
        # then, whatever its date), else (not committed, or outside git) on its publication date; it
        # is updated when its file was last committed (a correction reaches the subscribers).
        added, changed = self.added or {}, self.changed or {}
        published_of = {r.slug: added.get(r.path) or data.atom_time(r.source.published or r.date) for r in reports}
        updated_of = {r.slug: max(changed.get(r.path, ""), published_of[r.slug]) for r in reports}
        # An entry's id never changes (RFC 4287 4.2.6): renamed, or the site moved, a report is no new
        # entry to a subscriber's reader. Made of the commit that added its file and the name it had then,
        # and the feed's language (an entry of another language's feed is another entry); outside git,
        # or not yet committed, its page's address.
        first = self.first or {}
        id_of = {r.slug: f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ':'.join((*first[r.path], self.lang)))}"
                 if r.path in first else absolute(f"reports/{r.slug}/") for r in reports}
        return self.env.get_template("feed.xml").render(
            self.common, feed_title=title, feed_id=absolute(page_rel), feed_self=absolute(rel),
            feed_alternate=absolute(page_rel), entries=[(self.views.report_item(r.slug), r) for r in reports],
            updated=max(updated_of.values()) if reports else "1970-01-01T00:00:00Z", updated_of=updated_of,
            published_of=published_of, id_of=id_of,
            atom_time=data.atom_time)


def search_messages(t: Lang) -> dict[str, str]:
    """What static/search.js says, in the page's language ({n}, {query}: filled in by the script)."""
    _ = t.gettext
    return {"one": _("1 result"), "many": _("{n} results"), "for": _("for “{query}”"),
            "filtered": _("with the chosen filters"), "none": _("No results"), "searching": _("Searching…"),
            "empty": _("Type a word to search, or choose a filter."),
            "among": _("among the events and reports of {from}–{to}, and every actor and place"),
            "amongOne": _("among the events and reports of {year}, and every actor and place"),
            "older": _("Also search {from}–{to}"), "olderOne": _("Also search {year}"),
            "since": _("among the events and reports since {month}, and every actor and place"),
            "olderBefore": _("Also search before {month}"),
            "latest": _("among the latest events and reports, and every actor and place"),
            "olderEarlier": _("Also search earlier events and reports"),
            "everyYear": _("Searching every year…"),
            "failed": _("The search index could not be loaded. Browse the timeline, actors or locations instead.")}


# What static/cite.js says, in one language: a file of each language's, fetched once by a reader's browser
# (in every event's and report's page they were 420 bytes).
CITE_MESSAGES = "cite-messages.json"


def cite_messages(t: Lang) -> dict:
    """What static/cite.js writes on an event's or a report's page ({date}: filled in by the script): its
    buttons' names (copy what), and what it says once it has copied or could not."""
    _ = t.gettext
    return {"text": _("Copy the citation"), "bibtex": _("Copy the BibTeX"), "csl": _("Copy the CSL-JSON"),
            "copied": _("Copied, with today's date as the date of access."), "accessed": _(", accessed {date}"),
            "failed": _("Could not copy: select the text and copy it yourself."),
            "unfetched": _("Could not fetch the file: use the download link above.")}


def filter_messages(t: Lang) -> dict:
    """What static/filter.js writes, in the page's language ({n}, {toll}…: filled in by the
    script). A pair is [one, other]: the script picks by the count with Intl.PluralRules,
    as gettext's plural rule would (each form asked of ngettext, so pybabel finds both)."""
    _ = t.gettext
    return {"months": [t.month_name(m) for m in range(1, 13)], "first": t.first_day("1", 1),
            "atLeast": _("at least {n}"), "toAtLeast": _("{low} to at least {high}"), "upTo": _("up to {n}"),
            "killed": [t.ngettext("{toll} killed", "{toll} killed", 1),
                       t.ngettext("{toll} killed", "{toll} killed", 2)],
            "all": [t.ngettext("{n} event in all.", "{n} events in all.", 1),
                    t.ngettext("{n} event in all.", "{n} events in all.", 2)],
            "match": [t.ngettext("{n} event matches.", "{n} events match.", 1),
                      t.ngettext("{n} event matches.", "{n} events match.", 2)],
            "more": _("Show {step} more of {left}"), "loading": _("Loading every event…"),
            "failed": _("The events could not be loaded: close the filter and open it again to retry."),
            "reports": [t.ngettext("report", "reports", 1), t.ngettext("report", "reports", 2)],
            "notGiven": _("toll not given"), "roles": {role: word(t, role) for role in ROLES}}


def actor_order(archive: Archive) -> list[str]:
    return [a.slug for a in sorted(archive.actors.values(), key=lambda a: a.name.casefold())]


def by_country(places: list[tuple[PlaceView, int]]) -> list[tuple[str, list[tuple[PlaceView, int]]]]:
    """Places (in country, then name order) under their country: ("Mali", [...]), ("", [...]) last."""
    groups: dict[str, list[tuple[PlaceView, int]]] = {}
    for place, count in places:
        groups.setdefault(place.country, []).append((place, count))
    return sorted(groups.items(), key=lambda g: (not g[0], g[0].casefold()))


def place_order(archive: Archive) -> list[str]:
    return [p.slug for p in sorted(archive.places.values(),
                                   key=lambda p: (p.location.country.casefold(), p.location.name.casefold()))]


def with_citation(page: str) -> tuple[str, str, str]:
    """An event's or a report's page, then its citation files."""
    return (page, *cite_files(page))


def site_paths(a: Archive, lists: Lists | None = None) -> list[str]:
    """Every site path, in the order a build writes them (sitemap.xml aside)."""
    lists = lists or Lists(a)
    return (["", *lists.timeline().rels(), *lists.events().rels()]
            + [p for s in a.events for p in with_citation(event_path(s))]
            + lists.reports().rels() + [p for s in a.reports for p in with_citation(report_path(s))]
            + ["actors/", *lists.actor_index().rels()]
            + [p for s in actor_order(a) for p in (*lists.actor(s).rels(), feed_path(actor_path(s)),
                                                     *cite_files(actor_path(s)))]
            + ["locations/", *lists.place_index().rels()]
            + [p for s in place_order(a) for p in (*lists.place(s).rels(), feed_path(place_path(s)),
                                                     *cite_files(place_path(s)))]
            + ["tags/"] + [p for s in lists.tags() for p in lists.tag(s).rels()]
            + ([outlines_path()] if a.events and has_overview(a, load_countries()) else [])
            + [p for slug in map_countries(a, load_countries())
               for p in (f"map/{slug}/", outlines_path(slug), locator_path(slug))]
            + list(LAST_PATHS) + [prose_path(s) for s in a.pages])


# The site's own files after its lists and pages, whatever its content.
LAST_PATHS = ("search/", "404.html", "feed.xml", CITE_MESSAGES, "data/", *cite_files("data/"), "data/events.json",
              "data/events.csv",
              FILTER_DATA, "data/reports.json", "data/events.schema.json", "data/reports.schema.json",
              "data/events.geojson", "data/datapackage.json", MOVED)
# Every path the site has whatever its content: what static/ cannot take, said
# even when the content cannot be read (a build then says it with the content's
# mistakes, not once they are mended).
FIXED_PATHS = ("", "timeline/", "events/", "reports/", "actors/", "locations/", "tags/", *LAST_PATHS)


# A feed's entries: the newest 20, as feeds commonly carry (a reader polls it and keeps what it saw); 100 made
# the 691 feeds of 10,000 reports 10.5 MB.
FEED_SIZE = 20


@dataclass(frozen=True)
class ProsePage:
    """What page.html sees of a page of prose."""

    title: str
    body_html: str
    title_lang: str = ""  # the language of each where it is not the page's (a missing translation)
    body_lang: str = ""


@dataclass(frozen=True)
class Alternate:
    """The page in one language of the site."""

    lang: str
    name: str        # the language's name in itself: "Français"
    url: str
    absolute: str    # "" where the page has no twin in that language: `url` is then the index it belongs to
    current: bool


def navigation(archive: Archive) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(title, slug) of the pages of prose in the main navigation and in the footer, each in its
    order (menu: and footer:, then the slug): every page shows them, so a change here reaches every page."""
    pages = archive.pages.values()
    return (tuple((p.title, p.slug) for p in sorted((p for p in pages if p.menu is not None),
                                                    key=lambda p: (p.menu, p.slug))),
            tuple((p.title, p.slug) for p in sorted((p for p in pages if p.footer is not None),
                                                    key=lambda p: (p.footer, p.slug))))


def feed_key(r, added: dict[str, str] | None = None) -> tuple:
    """A feed's order, newest first: when the report came into the archive (history.added_dates;
    one not committed yet before any, "~" coming after every date), then its publication
    (else incident) date. Outside git, its publication date alone."""
    return (added.get(r.path, "~") if added is not None else "", r.source.published or r.date, r.slug)


def feed_reports(archive: Archive, added: dict[str, str] | None = None) -> list:
    """The reports last added to the archive (else the newest by publication): the Atom feed's entries."""
    return latest(archive, archive.reports, added)


def latest(archive: Archive, slugs, added: dict[str, str] | None = None) -> list:
    return sorted((archive.reports[s] for s in slugs), key=lambda r: feed_key(r, added), reverse=True)[:FEED_SIZE]


def pages(archive: Archive, env: jinja2.Environment) -> Iterator[tuple[str, str | bytes]]:
    """Every file of the site but the sitemap: (site path, text or bytes)."""
    renderer = Renderer(archive, env)
    for rel in renderer.paths():
        yield rel, renderer.render(rel)


def sitemap(env: jinja2.Environment, archive: Archive, rels: list[str],
            per_file: int | None = None) -> dict[str, str]:
    """Every page, each with its twins in the site's other languages (hreflang):
    {file name: text}, sitemap.xml first (its parts' index where the pages are
    more than `per_file`, sitemap_names)."""
    urls = Urls(archive.site.base_url)
    languages = archive.site.languages
    pages = set(rels)
    out = []
    for rel in rels:
        if not (rel.endswith("/") or rel == ""):
            continue
        head = rel.split("/", 1)[0]
        own = rel[len(head) + 1:] if head in languages and head != archive.site.language else rel
        found = [(lang, urls.absolute(r)) for lang, r in twins(archive, languages, own) if r in pages]
        out.append((urls.absolute(rel), found if len(found) > 1 else []))
    template = env.get_template("sitemap.xml")
    per_file = per_file or sitemap_urls()
    names = sitemap_names(rels, per_file)
    if len(names) == 1:
        return {"sitemap.xml": template.render(locations=out)}
    made = {"sitemap.xml": env.get_template("sitemap-index.xml").render(
        sitemaps=[urls.absolute(name) for name in names[1:]])}
    for i, name in enumerate(names[1:]):
        made[name] = template.render(locations=out[i * per_file:(i + 1) * per_file])
    return made


def _by_name(tag: Tag) -> tuple[str, str]:
    """The tags in the order of the names a page shows (a French name's, once
    its accents are folded: "disparition forcée" among the d's), then by slug."""
    return slugify(tag.name), tag.slug
