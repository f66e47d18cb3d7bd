"""Maps drawn at build time: country outlines from Natural Earth (kept in
geodata/), an equirectangular projection over the countries the archive
covers, and a point per located event. Pure functions; templates print the
numbers."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..content.link import Archive, Event
from ..content.names import fold
from .i18n import ENGLISH, Lang
from .urls import Urls

OUTLINES = Path(__file__).resolve().parent / "geodata" / "countries.json"
MAX_POINTS = 400  # more located events than this: one point per place instead
MAX_UNLOCATED = 60  # listed beside the map; the rest are counted, with a link to all locations
ALIASES = {"ivory coast": "côte d'ivoire", "cote d'ivoire": "côte d'ivoire",
           "central african republic": "central african rep.", "democratic republic of the congo": "dem. rep. congo",
           "dr congo": "dem. rep. congo", "western sahara": "w. sahara", "south sudan": "s. sudan",
           "equatorial guinea": "eq. guinea", "eswatini": "eswatini", "swaziland": "eswatini"}

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Country:
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: its outer ring, then its holes; points are (lon, lat)

    def bbox(self) -> tuple[float, float, float, float]:
        lons = [p[0] for poly in self.polygons for p in poly[0]]
        lats = [p[1] for poly in self.polygons for p in poly[0]]
        return min(lons), min(lats), max(lons), max(lats)

    def contains(self, lon: float, lat: float) -> bool:
        return any(inside(poly[0], lon, lat) and not any(inside(h, lon, lat) for h in poly[1:])
                   for poly in self.polygons)


def inside(ring, x: float, y: float) -> bool:
    """Even-odd ray casting: is (x, y) inside the closed ring of (x, y) points?"""
    result = False
    n = len(ring)
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def load_countries(path: Path = OUTLINES) -> dict[str, Country]:
    """Folded name → Country."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {fold(c["name"]): Country(c["name"], tuple(tuple(tuple((p[0], p[1]) for p in ring) for ring in poly)
                                                     for poly in c["polygons"]))
            for c in data["countries"]}


def find_country(countries: dict[str, Country], name: str) -> Country | None:
    key = fold(name)
    return countries.get(ALIASES.get(key, key)) if key else None


@dataclass(frozen=True)
class Projection:
    west: float
    south: float
    east: float
    north: float
    width: int

    @property
    def scale(self) -> float:
        return self.width / ((self.east - self.west) * self.k)

    @property
    def k(self) -> float:
        return math.cos(math.radians((self.north + self.south) / 2))

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return round((lon - self.west) * self.k * self.scale, 1), round((self.north - lat) * self.scale, 1)


def projection(boxes: list[tuple[float, float, float, float]], width: int, margin: float) -> Projection:
    west = min(b[0] for b in boxes) - margin
    south = min(b[1] for b in boxes) - margin
    east = max(b[2] for b in boxes) + margin
    north = max(b[3] for b in boxes) + margin
    return Projection(west, south, east, north, width)


@dataclass(frozen=True)
class Outline:
    name: str
    d: str  # SVG path data
    covered: bool  # a country the archive's places are in


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    r: float
    known: bool
    url: str
    label: str
    count: int  # events at this point
    approximate: bool = False  # the place is known only approximately (a precision other than exact)


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    note: str


@dataclass(frozen=True)
class MapView:
    width: int
    height: int
    title: str
    desc: str
    unit: str  # "event" or "place": what one point stands for
    outlines: tuple[Outline, ...]
    labels: tuple[tuple[str, float, float], ...]  # covered countries' names at their centres
    points: tuple[Point, ...]
    unlocated: tuple[Link, ...]  # events (or places) without coordinates, listed beside the map
    unlocated_more: int  # how many more are not listed
    event_count: int
    locations_url: str

    @property
    def legend(self) -> tuple[str, ...]:
        """Which marks the map holds, for its legend: "toll", "no toll", "approximate"."""
        kinds = {"toll": any(p.known for p in self.points), "no toll": any(not p.known for p in self.points),
                 "approximate": any(p.approximate for p in self.points)}
        return tuple(k for k, present in kinds.items() if present)


def _outlines(countries: dict[str, Country], proj: Projection, covered: set[str]) -> tuple[Outline, ...]:
    out = []
    for key, c in sorted(countries.items()):
        parts = []
        for poly in c.polygons:
            lons = [p[0] for p in poly[0]]
            lats = [p[1] for p in poly[0]]
            if max(lons) < proj.west or min(lons) > proj.east or max(lats) < proj.south or min(lats) > proj.north:
                continue
            for ring in poly:
                pts = [proj.xy(lon, lat) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
        if parts:
            out.append(Outline(c.name, "".join(parts), key in covered))
    return tuple(sorted(out, key=lambda o: o.covered))  # covered ones drawn last, on top


def _view(archive: Archive, countries: dict[str, Country], located: list[tuple[float, float]],
          width: int, margin: float, names: set[str]) -> tuple[Projection, set[str]] | None:
    covered = {fold(c.name) for n in names if (c := find_country(countries, n))}
    boxes = [countries[k].bbox() for k in covered] + [(lon, lat, lon, lat) for lon, lat in located]
    if not boxes:
        return None
    return projection(boxes, width, margin), covered


def archive_map(archive: Archive, urls: Urls, countries: dict[str, Country], events: list[Event],
                title: str, width: int = 640, max_points: int = MAX_POINTS, t: Lang = ENGLISH) -> MapView | None:
    """The countries the archive covers with a point per located event (or per
    place, when there are many); events without coordinates listed beside it."""
    if not events:
        return None
    locs = {e.slug: archive.places[e.place].location for e in events}
    located = [e for e in events if locs[e.slug].lat is not None and locs[e.slug].lon is not None]
    view = _view(archive, countries, [(locs[e.slug].lon, locs[e.slug].lat) for e in located], width, 1.0,
                 {loc.country for loc in locs.values()})
    if view is None:
        return None
    proj, covered = view
    unit = "event" if len(located) <= max_points else "place"
    groups: dict[str, list[Event]] = {}
    for e in located:
        groups.setdefault(e.slug if unit == "event" else e.place, []).append(e)
    top = max([sum(_low(e) for e in evs) for evs in groups.values()] + [1])
    _, n_ = t.gettext, t.ngettext
    points = []
    for key, evs in groups.items():
        loc = locs[evs[0].slug]
        x, y = proj.xy(loc.lon, loc.lat)
        low, known = sum(_low(e) for e in evs), any(e.toll("killed") for e in evs)
        r = round(3 + 11 * math.sqrt(low / top), 1) if known else 3.0
        where = (" " + _("(approximate place: %(precision)s)") % {"precision": _precision(t, loc.precision)}
                 if loc.approximate else "")
        if unit == "event":
            e = evs[0]
            toll = e.toll("killed")
            label = (f"{e.title}, {t.span(e.date, e.end_date)}, {loc.name}{where}: "
                     + (t.killed(t.toll(toll), toll.high) if toll else _("no toll given")))
            url = urls.event(e.slug)
        else:
            label = (f"{loc.name}{where}: " + n_("%(n)s event", "%(n)s events", len(evs)) % {"n": len(evs)}
                     + ", " + (_("lowest claims adding up to %(low)s killed") % {"low": t.number(low)} if known
                               else _("no toll given")))
            url = urls.place(key)
        points.append(Point(x, y, r, known, url, label, len(evs), loc.approximate))
    points.sort(key=lambda p: (-p.r, p.url))  # small points drawn last, so none hides under a larger one
    on_map = {e.slug for e in located}
    unlocated_events = [e for e in events if e.slug not in on_map]
    if unit == "event":
        items = [Link(e.title, urls.event(e.slug), f"{t.span(e.date, e.end_date)}, {locs[e.slug].name}")
                 for e in unlocated_events]
    else:
        places: dict[str, int] = {}
        for e in unlocated_events:
            places[e.place] = places.get(e.place, 0) + 1
        items = [Link(archive.places[p].location.name, urls.place(p), n_("%(n)s event", "%(n)s events", n) % {"n": n})
                 for p, n in places.items()]
    labels = []
    for key in sorted(covered):
        west, south, east, north = countries[key].bbox()
        lx, ly = proj.xy((west + east) / 2, (south + north) / 2)
        labels.append((countries[key].name, lx, ly))
    n_unlocated = len(unlocated_events)
    values = {"countries": ", ".join(countries[k].name for k in sorted(covered)) or _("the area"),
              "located": t.number(len(located)), "events": t.number(len(events)), "n": t.number(n_unlocated)}
    desc = ((_("Map of %(countries)s with a point per event: %(located)s of %(events)s events have coordinates; "
               "a point's area grows with the lowest claimed toll") if unit == "event" else
             _("Map of %(countries)s with a point per place: %(located)s of %(events)s events have coordinates; "
               "a point's area grows with the lowest claimed toll")) % values
            + (_(", and a dashed hollow point marks a place known only approximately.") if any(
                p.approximate for p in points) else ".")
            + (" " + n_("%(n)s without coordinates is listed beside the map.",
                        "%(n)s without coordinates are listed beside the map.", n_unlocated) % values
               if n_unlocated else ""))
    return MapView(proj.width, proj.height, title, desc, unit, _outlines(countries, proj, covered), tuple(labels),
                   tuple(points), tuple(items[:MAX_UNLOCATED]), max(0, len(items) - MAX_UNLOCATED), len(events),
                   urls.page("locations/"))


@dataclass(frozen=True)
class Locator:
    width: int
    height: int
    label: str
    outlines: tuple[Outline, ...]
    x: float
    y: float
    approximate: bool = False


def locator_map(countries: dict[str, Country], name: str, country: str, lat: float | None, lon: float | None,
                width: int = 220, frames: dict | None = None, precision: str = "", t: Lang = ENGLISH) -> Locator | None:
    """A small map of the place's country (or the area around it) with the place marked.
    `frames` keeps each country's projection and outlines for the next place in it."""
    if lat is None or lon is None:
        return None
    c = find_country(countries, country)
    if c and c.contains(lon, lat):
        frames = {} if frames is None else frames
        if c.name not in frames:
            proj = projection([c.bbox()], width, 0.8)
            frames[c.name] = proj, _outlines(countries, proj, {fold(c.name)})
        proj, outlines = frames[c.name]
        where = t.gettext("on a map of %(country)s") % {"country": c.name}
    else:
        proj = projection([(lon - 4, lat - 4, lon + 4, lat + 4)], width, 0.8)
        outlines, where = _outlines(countries, proj, set()), t.gettext("on a map of the area")
    x, y = proj.xy(lon, lat)
    ns, ew = "N" if lat >= 0 else "S", "E" if lon >= 0 else t.gettext("W")
    approximate = bool(precision) and precision != "exact"
    label = (f"{name} {where}: {t.fixed(abs(lat))}° {ns}, {t.fixed(abs(lon))}° {ew}"
             + (" " + t.gettext("(approximate: %(precision)s)") % {"precision": _precision(t, precision)}
                if approximate else ""))
    return Locator(proj.width, proj.height, label, outlines, x, y, approximate)


def _precision(t: Lang, precision: str) -> str:
    from .views import word
    return word(t, precision)


def _low(e: Event) -> int:
    t = e.toll("killed")
    return t.low if t else 0


