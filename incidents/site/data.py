"""The archive as data for researchers: /data/events.json and .csv,
/data/reports.json, the JSON Schemas that describe them, the located events
as GeoJSON (/data/events.geojson), and a Frictionless Data Package
(/data/datapackage.json) that lists them all."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable

from ..content.link import Archive, ClaimRef, Event
from ..content.model import COUNTS, ROLES, Count, Day, Report, SiteConfig
from .dataschema import EVENT_COLUMNS, REPORT_COLUMNS, datapackage_fields, json_schema
from .history import Commit, utc
from ..content.names import slugify
from .urls import Urls, report_path

COLUMNS = tuple(c.name for c in EVENT_COLUMNS if c.csv)
LISTS = {c.name for c in EVENT_COLUMNS if c.type == "list"}
SEPARATOR = {"source_urls": " "}  # a URL may hold "; ", never a space


def event_row(archive: Archive, urls: Urls, e: Event) -> dict:
    loc = archive.places[e.place].location
    reports = [archive.reports[r] for r in e.reports]
    toll = e.toll("killed")
    row = {
        "slug": e.slug, "title": e.title, "date": e.date.iso(), "date_precision": e.date.precision,
        "end_date": e.end_date.iso() if e.end_date else None,
        "location": loc.name, "region": loc.region or None, "country": loc.country or None,
        "lat": loc.lat, "lon": loc.lon,
        "toll_min": toll.low if toll else None, "toll_max": toll.high if toll else None,
        "toll_max_is_lower_bound": toll.open if toll else None,
        "actors": [archive.actors[i.actor].name for i in e.actors],
        "report_count": len(e.reports), "url": urls.absolute(f"events/{e.slug}/"),
        "location_slug": e.place, "has_coordinates": loc.lat is not None and loc.lon is not None,
    }
    for kind in ("injured", "missing"):
        t = e.toll(kind)
        row[f"{kind}_min"], row[f"{kind}_max"], row[f"{kind}_max_is_lower_bound"] = (
            (t.low, t.high, t.open) if t else (None, None, None))
    row["claim_count"] = len(e.claims)
    row["perpetrators"] = [archive.actors[i.actor].name for i in e.actors if "alleged perpetrator" in i.roles]
    row["victims"] = [archive.actors[i.actor].name for i in e.actors if "victim" in i.roles]
    # roles in the format's order, tags once each by their address, in its order (as
    # the filter's download on /events/ gives them: static/filter.js)
    row["actor_roles"] = [archive.actors[i.actor].name + (": " + ", ".join(sorted(i.roles, key=ROLES.index))
                                                          if i.roles else "") for i in e.actors]
    row["sources"] = list(dict.fromkeys(r.source.publisher for r in reports))
    row["source_urls"] = list(dict.fromkeys(r.source.url for r in reports if r.source.url))
    published = [r.source.published for r in reports if r.source.published]
    row["first_published"] = min(published).iso() if published else None
    named = {}
    for t in (t for r in reports for t in r.tags):
        named.setdefault(slugify(t), t)
    row["tags"] = [named[slug] for slug in sorted(named)]
    row["license"] = license_value(archive.site)
    row["location_precision"] = loc.precision or None
    return row


def license_value(site: SiteConfig) -> str | None:
    """The data's licence as one value: its address, else its name (None when site.yaml names none)."""
    return (site.license.url or site.license.name) if site.license else None


def claim_fields(archive: Archive, ref: ClaimRef, page: str) -> dict:
    """A claim as data: its figures, whose they are, when they were published, its row on `page`."""
    published = archive.reports[ref.report].source.published
    return {"according_to": ref.claim.according_to or None, "actor": ref.actor or None,
            "wording": ref.claim.wording or None, **{kind: _count(ref.claim.count(kind)) for kind in COUNTS},
            "published": published.iso() if published else None, "url": f"{page}#{ref.anchor}"}


def event_feature(row: dict) -> dict | None:
    """An event as a GeoJSON Feature (a Point at [lon, lat]), None if it has no coordinates."""
    if row["lat"] is None or row["lon"] is None:
        return None
    keep = ("slug", "title", "date", "date_precision", "end_date", "location", "location_precision", "region",
            "country", "toll_min", "toll_max", "toll_max_is_lower_bound", "report_count", "url")
    return {"type": "Feature", "id": row["slug"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: row[k] for k in keep}}


# The data files' lines, as a build keeps them for the next: one kind per file.
LINE_KINDS = ("reports", "events.json", "events.csv", "events.geojson")
Kept = Callable[[str], Iterable[tuple[str, str]]]   # kind → (slug, line) of the last build
# kind, the lines made (slug → line), the slugs whose last lines still hold (None: none do)
Put = Callable[[str, dict[str, str], set[str] | None], None]


class DataFiles:
    """events.json, events.csv, events.geojson and reports.json, one line per
    event or report. Each line is made once; for an event or report not named
    stale the last build's line is read back (`kept`, a kind at a time, while
    that file is made), so that an edit makes a few lines again rather than
    the whole archive's, and no build holds every kind's lines at once: with
    `put`, a kind's lines are handed on (to the cache) as soon as its file is
    made, not held through the render (at 100,000 reports, a few hundred
    megabytes)."""

    def __init__(self, archive: Archive, urls: Urls, kept: Kept | None = None,
                 stale_reports: set[str] | None = None, stale_events: set[str] | None = None,
                 put: Put | None = None):
        self.archive, self.urls = archive, urls
        self._kept = kept if stale_reports is not None and stale_events is not None else None
        self._stale = {"reports": stale_reports or set(), **{k: stale_events or set() for k in LINE_KINDS[1:]}}
        self.made: dict[str, dict[str, str]] = {kind: {} for kind in LINE_KINDS}  # kind → slug → line
        self._put = put
        self._given: set[str] = set()

    def _lines(self, kind: str, slugs, make) -> list[str]:
        made = self.made[kind]
        old: dict[str, str] = {}
        if self._kept is not None:
            stale = self._stale[kind]
            old = {slug: line for slug, line in self._kept(kind) if slug not in stale and slug not in made}
        lines = []
        for slug in slugs:
            if slug in made:
                lines.append(made[slug])
            elif slug in old:
                lines.append(old.pop(slug))
            else:
                make(slug)
                lines.append(made[slug])
        if self._put is not None:
            self._put(kind, *self._change(kind))
            self._given.add(kind)
            self.made[kind] = {}
        return lines

    def _report(self, slug: str) -> None:
        self.made["reports"][slug] = _line(report_row(self.archive, self.urls, self.archive.reports[slug]))

    def _event(self, slug: str) -> None:
        row = event_row(self.archive, self.urls, self.archive.events[slug])
        cells = io.StringIO()
        csv.writer(cells, lineterminator="\n").writerow([_cell(c, row[c]) for c in COLUMNS])
        feature = event_feature(row)
        for kind, line in zip(LINE_KINDS[1:], (_line(row), cells.getvalue(), _line(feature) if feature else "")):
            self.made[kind][slug] = line

    def reports_json(self) -> str:
        return _joined(self._lines("reports", self.archive.reports, self._report))

    def events_geojson(self) -> str:
        """The located events as a GeoJSON FeatureCollection, one Feature per line."""
        lines = [line for line in self._lines("events.geojson", self.archive.events, self._event) if line]
        return '{"type":"FeatureCollection","features":' + _joined(lines).rstrip("\n") + "}\n"

    def events_json(self) -> str:
        return _joined(self._lines("events.json", self.archive.events, self._event))

    def events_csv(self) -> str:
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(COLUMNS)
        return header.getvalue() + "".join(self._lines("events.csv", self.archive.events, self._event))

    def changes(self) -> dict[str, tuple[dict[str, str], set[str] | None]]:
        """For the next build, by kind not yet handed to `put`: the lines this
        build made, and the slugs whose last lines still hold (None when none
        do: a build from nothing)."""
        return {kind: self._change(kind) for kind in LINE_KINDS if kind not in self._given}

    def _change(self, kind: str) -> tuple[dict[str, str], set[str] | None]:
        if self._kept is None:
            return self.made[kind], None
        slugs = self.archive.reports if kind == "reports" else self.archive.events
        return self.made[kind], set(slugs) - self._stale[kind]


def _cell(column: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if column in LISTS:
        return _text_cell(SEPARATOR.get(column, "; ").join(value))
    return _text_cell(value) if isinstance(value, str) else str(value)


# What a spreadsheet reads as the start of a formula (OWASP's "CSV injection"):
# a title "=HYPERLINK(...)" from an imported headline would run. Such a text
# cell is written after a "'", which spreadsheets show as text and do not keep
# (so is each part of it after a ";", where a spreadsheet may split it);
# names such as "@MENASTREAM" or "+972 Magazine" are the archive's to hold.
# A text that begins with a "'" itself is given one more, so that removing the
# one in front always gives the text back ("'Nobody survived': …").
FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


# A spreadsheet set to French or German splits a CSV on ";" too: each part of
# a cell after one ("killings; x;=1+2") is a cell of its own there.
_AFTER_SEMICOLON = re.compile(r"(;[ \t]*)(?=[=+\-@\t\r'])")


def _text_cell(text: str) -> str:
    text = _AFTER_SEMICOLON.sub(r"\1'", text) if ";" in text else text
    return "'" + text if text.startswith(FORMULA) else text


def report_row(archive: Archive, urls: Urls, r: Report) -> dict:
    links = archive.links[r.slug]
    loc, s = r.location, r.source
    return {
        "slug": r.slug, "title": r.title, "event": r.event, "event_url": urls.absolute(f"events/{r.event}/"),
        "date": r.date.iso(), "date_precision": r.date.precision, "end_date": r.end_date.iso() if r.end_date else None,
        "location": loc.name, "region": loc.region or None, "country": loc.country or None,
        "lat": loc.lat, "lon": loc.lon, "location_precision": loc.precision or None,
        "publisher": s.publisher, "source_title": s.title or None, "source_url": s.url or None, "published": s.published.iso() if s.published else None,
        "author": s.author or None, "language": s.language or None, "archive_url": s.archive_url or None,
        "claims": [claim_fields(archive, ref, urls.absolute(report_path(r.slug))) for ref in links.claims],
        "actors": [{"name": archive.actors[a].name, "slug": a, "role": role or None} for a, role in links.actors],
        "responses": [{"by": archive.actors[x.actor].name, "slug": x.actor, "stance": x.response.stance,
                       "date": x.response.date.iso() if x.response.date else None,
                       "quote": x.response.quote or None} for x in links.responses],
        "tags": list(r.tags), "url": urls.absolute(f"reports/{r.slug}/"),
        "license": license_value(archive.site),
    }


def _count(count: Count | None) -> dict | None:
    return {"min": count.min, "max": count.max} if count else None


def _line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def _joined(lines: list[str]) -> str:
    """A JSON list, one item per line: a quarter of the indented size, still easy
    to read and to diff, and written by json's C encoder (indent= is pure Python)."""
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def schemas(urls: Urls) -> list[tuple[str, str]]:
    """(site path, text) of the JSON Schemas of events.json (and each CSV row) and reports.json."""
    return [
        ("data/events.schema.json", _json(json_schema(EVENT_COLUMNS, "Events of the archive",
                                                      urls.absolute("data/events.schema.json")))),
        ("data/reports.schema.json", _json(json_schema(REPORT_COLUMNS, "Reports of the archive",
                                                       urls.absolute("data/reports.schema.json")))),
    ]


def datapackage(archive: Archive, urls: Urls, latest: Commit | None = None, modified: bool = False) -> str:
    """/data/datapackage.json: a Frictionless Data Package (v1) of the files
    beside it, events.csv described field by field as a Table Schema. Its
    version is the `latest` commit to change the content (history.py), as the
    data page names it, and "created" that commit's time: a citation of the
    data names them (none outside git). `modified`: the content differs from
    that commit's, and the version says so ("0473a44+modified")."""
    site = archive.site
    package: dict = {
        "profile": "data-package",
        "name": slugify(site.title) or "archive",
        "title": site.title,
        **({"description": site.description} if site.description else {}),
        **({"version": latest.hash[:7] + ("+modified" if modified else ""), "created": utc(latest.date)}
           if latest else {}),
        "homepage": urls.absolute(""),
        **({"licenses": licences} if (licences := _licences(site)) else {}),
        "resources": [
            {"profile": "tabular-data-resource", "name": "events", "path": "events.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "title": "Events: one row per event",
             "description": "Lists are joined with \"; \" (source_urls with a space); an empty cell is a "
                            "value not given (an empty list: none named); a text, or a part of it after a \";\", that "
                            "begins with =, +, -, @ or ' is written after a ' (so that spreadsheets do not run it "
                            "as a formula): remove that one ' to read the text.",
             "schema": {"fields": datapackage_fields(EVENT_COLUMNS), "missingValues": [""],
                        "primaryKey": ["slug"]}},
            {"profile": "data-resource", "name": "events-json", "path": "events.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "title": "Events as JSON",
             "description": "The rows of events.csv, with lists as lists (every claim is in reports.json, "
                            "with its report); described by the JSON Schema events.schema.json beside it."},
            {"profile": "data-resource", "name": "reports", "path": "reports.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "title": "Reports: one object per report",
             "description": "Every report with its source, claims, actors and responses; described by the "
                            "JSON Schema reports.schema.json beside it."},
            {"profile": "data-resource", "name": "events-geojson", "path": "events.geojson", "format": "geojson",
             "mediatype": "application/geo+json", "encoding": "utf-8",
             "title": "Events with coordinates, as GeoJSON points"},
        ],
    }
    return _json(package)


def _licences(site) -> list[dict]:
    """THE LICENCE, for the Data Package: read from the site's settings if they
    have one (site.yaml's licence, another change's), as a name (an SPDX
    identifier such as CC-BY-4.0), a mapping {name, path, title}, or a list of
    these; nothing otherwise."""
    value = getattr(site, "licence", None) or getattr(site, "license", None)
    items = value if isinstance(value, (list, tuple)) else [value] if value else []
    out = []
    for item in items:
        if isinstance(item, str) and item.strip():
            name = re.sub(r"[^-A-Za-z0-9._]+", "-", item.strip()).strip("-")
            out.append({"name": name} if name == item.strip() else {"name": name, "title": item.strip()})
        elif isinstance(item, dict) and (item.get("name") or item.get("path")):
            out.append({k: str(v) for k, v in item.items() if k in ("name", "path", "title") and v})
        elif (name := getattr(item, "name", "") or getattr(item, "id", "")) and isinstance(name, str):
            # "CC BY 4.0" as the identifier the Data Package's spec asks (SPDX's, Open Definition's:
            # CC-BY-4.0, as CITATION.cff gives it), the name as written its title
            entry = {"name": re.sub(r"\s+", "-", name.strip())}
            for key in ("path", "url", "title"):
                if isinstance(got := getattr(item, key, ""), str) and got:
                    entry["path" if key == "url" else key] = got
            if entry["name"] != name.strip():
                entry.setdefault("title", name.strip())
            out.append(entry)
    return out


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def json_ld(value: dict) -> str:
    """JSON for a <script type="application/ld+json"> block: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def atom_time(day: Day) -> str:
    return f"{day.first().isoformat()}T00:00:00Z"
