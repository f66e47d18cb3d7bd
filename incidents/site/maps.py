"""Maps drawn at build time: country outlines from Natural Earth (kept in
geodata/), an equirectangular projection over the countries the archive
covers, and a point per located event. Pure functions; templates print the
numbers."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..content.link import Archive, Event
from ..content.names import fold, slugify
from .i18n import ENGLISH, Lang
from .urls import Urls

OUTLINES = Path(__file__).resolve().parent / "geodata" / "countries.json"
MAX_POINTS = 400  # more located events than this: one point per place instead
MAX_UNLOCATED = 60  # listed beside the map; the rest are counted, with a link to all locations
# The id of every place's list on /locations/ (by country, or A to Z when cut by initial), where
# the maps' places not listed lead: each place without coordinates is marked there.
EVERY_PLACE = "every-place"
# Places listed under the map for one of its marks, the busiest first; the rest are
# counted, with a link to all locations. At 100,000 reports a mark of the overview
# gathered 1,932 places, and the lists were 254 KB of the 294 KB home page.
MAX_GROUPED = 20
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


@functools.lru_cache(maxsize=4)
def load_countries(path: Path = OUTLINES) -> dict[str, Country]:
    """Folded name → Country (read once per process: the file never changes while it runs)."""
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

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The point drawn at (x, y)."""
        return self.west + x / (self.k * self.scale), self.north - y / self.scale


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
class Link:
    text: str
    url: str
    note: str
    count: int = 0  # the events it stands for, where the note gives them
    lang: str = ""  # the text's language where it is not the page's (an event's title not translated)


@dataclass(frozen=True)
class Point:
    """One mark: the events of one place, or of places that would overlap at this scale, with their count."""

    x: float
    y: float
    r: float
    known: bool  # some event here gives a toll; else the mark is hollow
    url: str
    label: str
    count: int  # events in this mark
    approximate: bool = False  # every place in it is known only approximately
    places: tuple[Link, ...] = ()  # the places grouped here, when more than one (the busiest MAX_GROUPED)
    anchor: str = ""  # the id of its list of places below the map
    text: str = ""  # the count written in the mark, in the page's language; a single event's mark has none
    places_more: int = 0  # how many more places are grouped here than are listed

    @property
    def tap(self) -> float:
        """The radius that takes a tap: the disc, or a wider invisible one round a small disc."""
        return max(self.r, TAP_RADIUS)


@dataclass(frozen=True)
class Label:
    name: str
    x: float
    y: float
    url: str  # the country's own map, or ""
    under: bool = False  # no room clear of the marks: drawn under them, so that it hides none


@dataclass(frozen=True)
class MapView:
    width: int
    height: int
    title: str
    desc: str
    unit: str  # "event" or "place": what the list of unlocated ones names
    outlines: tuple[Outline, ...]
    labels: tuple[Label, ...]  # covered countries' names near their centres, clear of the marks
    points: tuple[Point, ...]
    unlocated: tuple[Link, ...]  # events (or places) without coordinates, listed beside the map
    unlocated_more: int  # how many more are not listed
    event_count: int
    locations_url: str  # every place's list on /locations/ (EVERY_PLACE)
    closer: tuple[Link, ...] = ()  # maps of one country each, from the overview
    picture: str = ""  # the URL of its sea and outlines as a file of their own (outlines_path), drawn under it

    @property
    def legend(self) -> tuple[str, ...]:
        """Which marks the map holds, for its legend: "toll", "no toll", "approximate", "group"."""
        kinds = {"toll": any(p.known for p in self.points), "no toll": any(not p.known for p in self.points),
                 "approximate": any(p.approximate for p in self.points),
                 "group": any(p.count > 1 for p in self.points)}
        return tuple(k for k, present in kinds.items() if present)

    @property
    def groups(self) -> tuple[Point, ...]:
        """The marks that gather several places, each listed below the map."""
        return tuple(p for p in self.points if p.anchor)


_DRAWN: dict[tuple, tuple[dict, tuple[Outline, ...]]] = {}


def _outlines(countries: dict[str, Country], proj: Projection, covered: set[str]) -> tuple[Outline, ...]:
    """The countries' outlines in `proj`, drawn once per process for each frame: a
    process that builds again and again (the preview, a test suite) drew the same
    outlines at every build: the shipped archive took 0.39 s to build again, now 0.17 s."""
    key = (id(countries), proj, frozenset(covered))
    if (drawn := _DRAWN.get(key)) is not None and drawn[0] is countries:
        return drawn[1]
    if len(_DRAWN) > 256:
        _DRAWN.clear()
    out = _draw_outlines(countries, proj, covered)
    _DRAWN[key] = (countries, out)
    return out


def _draw_outlines(countries: dict[str, Country], proj: Projection, covered: set[str]) -> tuple[Outline, ...]:
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


MAP_W = 480  # user units; CSS sizes the text so that it stays 11 px or more on a phone
CELL = 24.0  # marks closer than this (in user units) are grouped


def country_slug(name: str) -> str:
    return slugify(name)


# A mark's area says its number of events: a mark of a few events is a disc of MIN_RADIUS,
# of the most events on the map (REF_COUNT at least) one of MAX_RADIUS, and the area in
# between grows in proportion with the count; a single event's mark, which has no number
# written in it, is a dot of ONE_RADIUS; none is smaller than its number needs
# (text_radius). At 10,000 reports every mark of the overview, 27 events or 747, was
# 18.5 units, the room for three digits.
ONE_RADIUS = 6.0
MIN_RADIUS = 15.0
MAX_RADIUS = 34.0
REF_COUNT = 100  # a map whose largest mark holds fewer events draws it smaller than MAX_RADIUS
# The radius that takes a tap, in user units: 24 CSS px across on a 390 px phone, where
# the 480-unit map is drawn 358 px wide (17 units: 25.4 px). A smaller disc is ringed by an
# invisible one this size, and marks are kept apart by it, so that no two tap areas meet.
TAP_RADIUS = 17.0


def text_radius(count: int) -> float:
    """Room for the count written inside (15-unit text on a phone), growing with its digits."""
    return ONE_RADIUS if count == 1 else 8.0 + 3.5 * len(f"{count:,}")


def mark_radius(count: int, most: int) -> float:
    """The disc of `count` events on a map whose largest mark holds `most`."""
    if count == 1:
        return ONE_RADIUS
    share = min(1.0, count / max(most, REF_COUNT))
    return round(max(text_radius(count), math.sqrt(MIN_RADIUS ** 2 + (MAX_RADIUS ** 2 - MIN_RADIUS ** 2) * share)), 1)


def _sized(marks: list[dict]) -> tuple[list[list[dict]], int]:
    """The marks grouped (_cluster), and the count their discs are sized against: first
    against every event of the map (the smallest discs, so the fewest groups), then
    against the largest of those groups. A group gathered larger still is drawn at MAX_RADIUS."""
    total = sum(m["count"] for m in marks)
    groups = _cluster(marks, total)
    most = max((sum(m["count"] for m in g) for g in groups), default=1)
    return (_cluster(marks, most) if most < total else groups), most


def _cluster(marks: list[dict], most: int) -> list[list[dict]]:
    """Grid clustering in projected space (cells of CELL units), then groups whose discs
    (mark_radius against `most`), or tap areas (TAP_RADIUS), would still overlap merged, until none do."""

    def room(n: int) -> float:
        return max(mark_radius(n, most), TAP_RADIUS)

    cells: dict[tuple, list[dict]] = {}
    for m in marks:
        cells.setdefault((int(m["x"] // CELL), int(m["y"] // CELL)), []).append(m)
    groups = [members for _, members in sorted(cells.items())]

    def centre(g: list[dict]) -> tuple[float, float, int]:
        n = sum(m["count"] for m in g)
        return sum(m["x"] * m["count"] for m in g) / n, sum(m["y"] * m["count"] for m in g) / n, n

    centres = [centre(g) for g in groups]
    merged = True
    while merged:  # each pass compares every pair once; a grown disc is compared again at once
        merged = False
        i = 0
        while i < len(groups):
            j = i + 1
            while j < len(groups):
                (x1, y1, n1), (x2, y2, n2) = centres[i], centres[j]
                if math.hypot(x1 - x2, y1 - y2) < room(n1) + room(n2) + 1:
                    groups[i] = groups[i] + groups[j]
                    del groups[j], centres[j]
                    centres[i] = centre(groups[i])
                    merged = True
                    j = i + 1
                else:
                    j += 1
            i += 1
    return groups


def archive_map(archive: Archive, urls: Urls, countries: dict[str, Country], events: list[Event],
                title: str, width: int = MAP_W, max_points: int = MAX_POINTS, country: str = "",
                t: Lang = ENGLISH) -> MapView | None:
    """The countries the events are in, their places as marks with a count
    (overlapping ones grouped), country names above them; events without
    coordinates listed beside it. `country` (folded): a closer map of one country."""
    if not events:
        return None
    locs = {e.slug: archive.places[e.place].location for e in events}
    located = [e for e in events if locs[e.slug].lat is not None and locs[e.slug].lon is not None]
    if country:
        proj = projection([countries[country].bbox()], width, 0.5)
        covered = {country}
    else:
        view = _view(archive, countries, [(locs[e.slug].lon, locs[e.slug].lat) for e in located], width, 1.0,
                     {loc.country for loc in locs.values()})
        if view is None:
            return None
        proj, covered = view
    unit = "event" if len(located) <= max_points else "place"
    by_place: dict[str, list[Event]] = {}
    for e in located:
        by_place.setdefault(e.place, []).append(e)
    _ = t.gettext

    def n_events(n: int) -> str:
        return t.ngettext("%(n)s event", "%(n)s events", n) % {"n": t.number(n)}

    def where_of(loc) -> str:
        return (" " + _("(approximate place: %(precision)s)") % {"precision": _precision(t, loc.precision)}
                if loc.approximate else "")

    marks = []
    for place, evs in by_place.items():
        loc = locs[evs[0].slug]
        x, y = proj.xy(loc.lon, loc.lat)
        marks.append({"place": place, "events": evs, "x": x, "y": y, "count": len(evs),
                      "approximate": loc.approximate})
    points = []
    groups, most = _sized(marks)
    for group in groups:
        evs = [e for m in group for e in m["events"]]
        n = len(evs)
        x = round(sum(m["x"] * m["count"] for m in group) / n, 1)
        y = round(sum(m["y"] * m["count"] for m in group) / n, 1)
        low, known = sum(_low(e) for e in evs), any(e.toll("killed") for e in evs)
        approximate = all(m["approximate"] for m in group)
        toll = ", " + (t.ngettext("lowest claims adding up to %(low)s killed",
                                  "lowest claims adding up to %(low)s killed", low) % {"low": t.number(low)} if known
                       else _("no toll given"))
        places = tuple(Link(archive.places[m["place"]].location.name, urls.place(m["place"]), n_events(m["count"]),
                            m["count"])
                       for m in sorted(group, key=lambda m: (-m["count"], fold(archive.places[m["place"]].location.name))))
        anchor = ""
        if n == 1:
            e = evs[0]
            loc = locs[e.slug]
            killed = e.toll("killed")
            label = (f"{e.title}, {t.span(e.date, e.end_date)}, {loc.name}{where_of(loc)}{t.colon}"
                     + (t.killed(t.toll(killed), killed.high) if killed else _("no toll given")))
            url = urls.event(e.slug)
        elif len(group) == 1:
            loc = locs[evs[0].slug]
            label, url = f"{loc.name}{where_of(loc)}{t.colon}{n_events(n)}{toll}", urls.place(group[0]["place"])
        else:
            anchor = f"group-{slugify(places[0].text)}-{len(places)}"
            label = t.fill(t.ngettext("%(n)s place around %(place)s", "%(n)s places around %(place)s", len(places)),
                           {"n": t.number(len(places)), "place": places[0].text}) + f"{t.colon}{n_events(n)}{toll}"
            url = f"#{anchor}"
        listed = places[:MAX_GROUPED] if len(group) > 1 else ()
        points.append(Point(x, y, mark_radius(n, most), known, url, label, n, approximate, listed, anchor,
                            t.number(n) if n > 1 else "", len(places) - len(listed) if listed else 0))
    points.sort(key=lambda p: (-p.r, p.y, p.x, p.url))  # small marks drawn last, so none hides under a larger one
    on_map = {e.slug for e in located}
    unlocated_events = [e for e in events if e.slug not in on_map]
    if unit == "event":  # the newest first, as every list of events
        items = [Link(e.title, urls.event(e.slug), f"{t.span(e.date, e.end_date)}, {locs[e.slug].name}",
                      lang=e.langs[0]) for e in reversed(unlocated_events)]
    else:  # the places of the most events first, then A to Z
        places_n: dict[str, int] = {}
        for e in unlocated_events:
            places_n[e.place] = places_n.get(e.place, 0) + 1
        items = sorted((Link(archive.places[p].location.name, urls.place(p), n_events(n), n)
                        for p, n in places_n.items()), key=lambda x: (-x.count, fold(x.text), x.url))
    counts: dict[str, int] = {}
    for e in events:
        c = find_country(countries, locs[e.slug].country)
        if c:
            counts[fold(c.name)] = counts.get(fold(c.name), 0) + 1
    labels: list[Label] = []
    for key in sorted(covered):
        name = t.country(countries[key].name)
        own = urls.page(map_path(countries[key].name)) if not country and key in counts else ""
        labels.append(_place_label(name, own, countries[key], proj, points, labels))
    closer = () if country else tuple(
        Link(t.country(countries[k].name), urls.page(map_path(countries[k].name)), n_events(counts[k]))
        for k in sorted(counts, key=lambda k: (-counts[k], k)))
    n_unlocated = len(unlocated_events)
    values = {"countries": ", ".join(t.country(countries[k].name) for k in sorted(covered)) or _("the area"),
              "located": t.number(len(located)), "events": t.number(len(events)), "n": t.number(n_unlocated)}
    desc = (_("Map of %(countries)s: %(located)s of %(events)s events have coordinates; a mark stands for the "
              "events of one place, or of places too close to draw apart, with their number written in it") % values
            + (_(", and a dashed mark a place known only approximately.") if any(
                p.approximate for p in points) else ".")
            + (" " + t.ngettext("%(n)s without coordinates is listed beside the map.",
                                   "%(n)s without coordinates are listed beside the map.", n_unlocated) % values
               if n_unlocated else ""))
    return MapView(proj.width, proj.height, title, desc, unit, _outlines(countries, proj, covered), tuple(labels),
                   tuple(points), tuple(items[:MAX_UNLOCATED]), max(0, len(items) - MAX_UNLOCATED), len(events),
                   urls.page("locations/") + "#" + EVERY_PLACE, closer)


# A country's name as style.css draws it on a phone (the larger size): 15 units, bold
# capitals spaced .04em, with a halo; LABEL_EM is a capital's width with its spacing,
# generous (DejaVu Sans Bold's widest capitals are .84 em, its average .74).
LABEL_SIZE = 15.0
LABEL_EM = 0.8
LABEL_STEP = 4.0  # the places tried for a name: a grid of this step around the country's centre …
LABEL_REACH = 160.0  # … this far from it at most


def label_box(name: str, x: float, y: float) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) a name drawn centred on (x, y), its baseline, covers."""
    half = (len(name) * LABEL_EM * LABEL_SIZE) / 2 + 2
    return x - half, y - 0.9 * LABEL_SIZE, x + half, y + 0.3 * LABEL_SIZE


def _overlap(box: tuple[float, float, float, float], p: Point) -> float:
    """How far mark `p` (and a margin of 2 units) reaches into `box`: 0 when it stays clear."""
    left, top, right, bottom = box
    return max(0.0, p.r + 2 - math.hypot(p.x - min(max(p.x, left), right), p.y - min(max(p.y, top), bottom)))


@functools.cache
def _label_tries() -> tuple[tuple[float, float], ...]:
    """The offsets tried for a name, the nearest first."""
    steps = int(LABEL_REACH // LABEL_STEP)
    grid = [(dx * LABEL_STEP, dy * LABEL_STEP) for dx in range(-steps, steps + 1) for dy in range(-steps, steps + 1)]
    return tuple(sorted((d for d in grid if math.hypot(*d) <= LABEL_REACH), key=lambda d: (math.hypot(*d), d)))


def _place_label(name: str, url: str, c: Country, proj: Projection, points: list[Point],
                 placed: list[Label]) -> Label:
    """The country's name at its centre, or the nearest place to it that covers no mark and
    no other name, on the map, with its middle in the country (BURKINA FASO hid the marks of
    655 and 398 events). Where every such place meets a mark, the name is drawn where it
    meets the marks least, under them: a mark is never hidden, and the name shows around it."""
    west, south, east, north = c.bbox()
    cx, cy = proj.xy((west + east) / 2, (south + north) / 2)
    taken = [label_box(lb.name, lb.x, lb.y) for lb in placed]
    best: tuple[float, float, float] | None = None  # the least overlap, and where
    for dx, dy in _label_tries():
        x, y = round(cx + dx, 1), round(cy + dy, 1)
        box = label_box(name, x, y)
        if box[0] < 0 or box[1] < 0 or box[2] > proj.width or box[3] > proj.height or any(
                box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken):
            continue
        if not c.contains(*proj.lonlat(x, (box[1] + box[3]) / 2)):
            continue
        overlap = sum(_overlap(box, p) for p in points)
        if overlap == 0:
            return Label(name, x, y, url)
        if best is None or overlap < best[0]:
            best = (overlap, x, y)
    return Label(name, best[1], best[2], url, under=True) if best else Label(name, cx, cy, url, under=True)


def has_overview(archive: Archive, countries: dict[str, Country]) -> bool:
    """Whether the overview map is drawn (archive_map): some event has coordinates or a known country."""
    for e in archive.events.values():
        loc = archive.places[e.place].location
        if (loc.lat is not None and loc.lon is not None) or find_country(countries, loc.country):
            return True
    return False


def outlines_path(country: str = "") -> str:
    """The sea and countries under the overview map (or a country's closer map), a picture
    of their own: 12 KB that the home page, /locations/ and the timeline would each carry."""
    return f"map/{country}/outlines.svg" if country else "map/outlines.svg"


def map_path(country: str) -> str:
    """The closer map of one country: "Burkina Faso" → "map/burkina-faso/"."""
    return f"map/{country_slug(country)}/"


def map_countries(archive: Archive, countries: dict[str, Country]) -> dict[str, str]:
    """Country slug → folded key of every country an event's place is in (and that has an outline)."""
    out = {}
    for e in archive.events.values():
        c = find_country(countries, archive.places[e.place].location.country)
        if c:
            out[country_slug(c.name)] = fold(c.name)
    return dict(sorted(out.items()))


def map_of_place(archive: Archive, place: str) -> str:
    """The site path of the closer map a place's events are drawn on ("" when its country has no outline)."""
    c = find_country(load_countries(), archive.places[place].location.country)
    return map_path(c.name) if c else ""


def country_events(archive: Archive, countries: dict[str, Country], key: str) -> list[Event]:
    """The events whose place is in the country of folded name `key`, in date order."""
    return [e for e in archive.events.values()
            if (c := find_country(countries, archive.places[e.place].location.country)) and fold(c.name) == key]


@dataclass(frozen=True)
class Locator:
    width: int
    height: int
    label: str
    outlines: tuple[Outline, ...]
    x: float
    y: float
    approximate: bool = False
    country: str = ""  # the slug of the country drawn ("" for the area around a place outside it)
    picture: str = ""  # the URL of that country's drawing as a file of its own ("" when drawn inline)


def locator_path(country: str) -> str:
    """The locator's country, drawn once for every page that marks a place in it:
    at 10,000 reports, 8 KB inline on each of thousands of event and place pages."""
    return f"map/{country}/locator.svg"


def country_frame(countries: dict[str, Country], c: Country, width: int = 220
                  ) -> tuple[Projection, tuple[Outline, ...]]:
    """A locator's frame: the country and what lies around it, projected to fit `width`."""
    proj = projection([c.bbox()], width, 0.8)
    return proj, _outlines(countries, proj, {fold(c.name)})


def locator_drawing(countries: dict[str, Country], key: str, t: Lang = ENGLISH) -> Locator:
    """The country of folded name `key` as locators draw it, with no place marked:
    the picture their marks lie over (locator_path)."""
    c = countries[key]
    proj, outlines = country_frame(countries, c)
    return Locator(proj.width, proj.height, t.gettext("Map of %(country)s") % {"country": t.country(c.name)}, outlines,
                   0, 0, country=country_slug(c.name))


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
            frames[c.name] = country_frame(countries, c, width)
        proj, outlines = frames[c.name]
        where = t.gettext("on a map of %(country)s") % {"country": t.country(c.name)}
    else:
        proj = projection([(lon - 4, lat - 4, lon + 4, lat + 4)], width, 0.8)
        outlines, where = _outlines(countries, proj, set()), t.gettext("on a map of the area")
    x, y = proj.xy(lon, lat)
    ns, ew = "N" if lat >= 0 else "S", "E" if lon >= 0 else t.gettext("W")
    approximate = bool(precision) and precision != "exact"
    label = (t.gettext("%(place)s %(where)s: %(coordinates)s")
             % {"place": name, "where": where, "coordinates": f"{t.fixed(abs(lat))}° {ns}, {t.fixed(abs(lon))}° {ew}"}
             + (" " + t.gettext("(approximate: %(precision)s)") % {"precision": _precision(t, precision)}
                if approximate else ""))
    return Locator(proj.width, proj.height, label, outlines, x, y, approximate,
                   country_slug(c.name) if c and c.contains(lon, lat) else "")


def _precision(t: Lang, precision: str) -> str:
    from .views import word
    return word(t, precision)


def _low(e: Event) -> int:
    t = e.toll("killed")
    return t.low if t else 0


