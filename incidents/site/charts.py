"""Charts drawn at build time: the geometry of SVG timelines and toll range
bars, as views for templates. Pure functions over the linked archive; the
templates only print the numbers (no JavaScript, no inline style)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from ..content.link import Archive, Event
from ..content.model import Day
from .i18n import ENGLISH, Lang
from .views import word
from .urls import Urls

PALETTE_SIZE = 6  # classes c0..c5 in style.css; the last is kept for "Other"
MAX_LANES = PALETTE_SIZE
MIN_SPACING = 8.0  # px: closer than this on average in a lane, marks are aggregated
R_MIN, R_MAX = 2.5, 14.0


@dataclass(frozen=True)
class Mark:
    """One disc on a chart: one event, or every event of a month or a year in one lane."""

    x: float
    y: float
    r: float  # area grows with the low end of the toll (the sum of low ends, for a group)
    r_high: float  # the ring shows the high end: the range is the gap between disc and ring
    open: bool  # the high end is itself "at least": the ring is dashed
    known: bool  # any toll given at all; unknown ones are hollow
    colour: int
    url: str
    label: str  # the link's accessible name
    count: int  # events in this mark


@dataclass(frozen=True)
class Lane:
    label: str
    y: float
    colour: int
    count: int


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    label_x: float


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    left: float
    right: float
    axis_y: float
    title: str
    desc: str
    level: str  # "event", "month" or "year": what one mark stands for
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    event_count: int
    timeline_url: str


def place_group(archive: Archive, t: Lang = ENGLISH) -> Callable[[Event], str]:
    """Lanes by country when the events span several, else by region (or place)."""
    countries = {archive.places[e.place].location.country for e in archive.events.values()}

    def group(e: Event) -> str:
        loc = archive.places[e.place].location
        if len(countries) > 1:
            return loc.country or t.gettext("Country not given")
        return loc.region or loc.name

    return group


def role_group(archive: Archive, actor: str, t: Lang = ENGLISH) -> Callable[[Event], str]:
    """Lanes by the actor's role in each event."""
    def group(e: Event) -> str:
        roles = next((i.roles for i in e.actors if i.actor == actor), ())
        return word(t, roles[0]) if roles else t.gettext("no role given")

    return group


def _mid(day: Day) -> dt.date:
    first, last = day.first(), day.last()
    return first + (last - first) / 2


def _lanes(events: list[Event], group: Callable[[Event], str], other: str = "Other"
           ) -> tuple[list[str], dict[str, str]]:
    """The lanes, busiest first, the last one "Other" when there are too many, and each event's lane."""
    counts: dict[str, int] = {}
    for e in events:
        counts[group(e)] = counts.get(group(e), 0) + 1
    names = sorted(counts, key=lambda k: (-counts[k], k.casefold()))
    if len(names) > MAX_LANES:
        kept = names[: MAX_LANES - 1]
        lane_of = {e.slug: group(e) if group(e) in kept else other for e in events}
        return kept + [other], lane_of
    return names, {e.slug: group(e) for e in events}


def _level(events: list[Event], lane_of: dict[str, str], plot_w: float) -> str:
    """The finest of event, month, year at which no lane holds marks closer than MIN_SPACING on average."""
    limit = plot_w / MIN_SPACING
    for level in ("event", "month"):
        per_lane: dict[str, set] = {}
        for e in events:
            per_lane.setdefault(lane_of[e.slug], set()).add(_bin(e, level))
        if max(len(v) for v in per_lane.values()) <= limit:
            return level
    return "year"


def _bin(e: Event, level: str) -> tuple:
    if level == "event":
        return (e.slug,)
    if level == "month":
        return (e.date.year, e.date.month)
    return (e.date.year,)


def _sum_toll(events: list[Event]) -> tuple[int, int, bool, bool]:
    low = high = 0
    open_ = known = False
    for e in events:
        t = e.toll("killed")
        if t:
            low, high, open_, known = low + t.low, high + t.high, open_ or t.open, True
    return low, high, open_, known


def timeline_chart(archive: Archive, urls: Urls, events: list[Event], group: Callable[[Event], str],
                   title: str, width: int = 960, compact: bool = False, t: Lang = ENGLISH) -> TimelineChart | None:
    """Every event on a time axis, one lane per group: a mark per event, or per
    month or year when marks would overlap. None when there is no event."""
    if not events:
        return None
    _, n_ = t.gettext, t.ngettext
    names, lane_of = _lanes(events, group, _("Other"))
    left, right = (170.0 if compact else 150.0), width - 16.0
    plot_w = right - left
    level = _level(events, lane_of, plot_w)
    start_year = min(e.date.year for e in events)
    end_year = max(e.date.year for e in events)
    start, end = dt.date(start_year, 1, 1), dt.date(end_year + 1, 1, 1)
    span = (end - start).days

    def x_of(day: dt.date) -> float:
        return round(left + (day - start).days / span * plot_w, 1)

    bins: dict[tuple, list[Event]] = {}
    for e in events:
        bins.setdefault((lane_of[e.slug],) + _bin(e, level), []).append(e)
    units = {"event": max(len({b for b in bins if b[0] == n}) for n in names),
             "month": 12 * (end_year - start_year + 1), "year": end_year - start_year + 1}[level]
    r_max = max(5.0, min(R_MAX if not compact else 9.0, plot_w / units * 0.45))
    top = max(_sum_toll(evs)[1] for evs in bins.values()) or 1
    lane_h = 2 * r_max + 12
    lane_y = {n: round(8 + lane_h * (i + 0.5), 1) for i, n in enumerate(names)}
    colour = {n: min(i, PALETTE_SIZE - 1) for i, n in enumerate(names)}  # at most 6 lanes: one colour each

    def radius(v: int) -> float:
        return round(R_MIN + (r_max - R_MIN) * math.sqrt(v / top), 1)

    marks = []
    for key, evs in sorted(bins.items(), key=lambda kv: (names.index(kv[0][0]), kv[1][0].date, kv[0])):
        lane = key[0]
        low, high, open_, known = _sum_toll(evs)
        if level == "event":
            e = evs[0]
            x, url = x_of(_mid(e.date)), urls.event(e.slug)
            toll = e.toll("killed")
            label = f"{e.title}, {t.span(e.date, e.end_date)}, {lane}: " + (
                t.killed(t.toll(toll), toll.high) if toll else _("no toll given"))
        else:
            year, month = key[1], (key[2] if level == "month" else 0)
            period = Day(year, month)
            x, url = x_of(_mid(period)), urls.timeline_month(year, month)
            when = t.day(period)
            values = {"low": t.number(low), "high": t.number(high)}
            total = ((_("lowest claims add up to %(low)s killed, highest to at least %(high)s") if open_ else
                      _("lowest claims add up to %(low)s killed, highest to %(high)s")) % values
                     if known else _("no toll given"))
            label = f"{when}, {lane}: " + n_("%(n)s event", "%(n)s events", len(evs)) % {"n": len(evs)} + f"; {total}"
        r = radius(low) if known else R_MIN
        r_high = radius(high) if known else R_MIN
        if open_:
            r_high = max(r_high, r + 3)  # "at least": a dashed ring beyond the disc says there may be more
        marks.append(Mark(x, lane_y[lane], r, r_high, open_, known, colour[lane], url, label, len(evs)))

    marks.sort(key=lambda m: (m.y, -m.r_high, m.x))  # in each lane the larger first, so none hides a smaller one
    axis_y = round(8 + lane_h * len(names) + 4, 1)
    ticks = _year_ticks(start_year, end_year, x_of, plot_w)
    lanes = tuple(Lane(n if len(n) <= 22 else n[:21] + "…", lane_y[n], colour[n],
                       sum(1 for e in events if lane_of[e.slug] == n)) for n in names)
    what = {"event": _("one mark per event"), "month": _("one mark per month and lane, events added up"),
            "year": _("one mark per year and lane, events added up")}[level]
    desc = (n_("%(n)s event from %(start)s to %(end)s", "%(n)s events from %(start)s to %(end)s", len(events))
            % {"n": t.number(len(events)), "start": start_year, "end": end_year} + f", {what}. "
            + _("The area of a disc grows with the lowest claimed toll, its ring with the highest "
                "(dashed when that is only \"at least\"). Lanes: %(lanes)s.") % {"lanes": ", ".join(lanes_text(lanes))})
    return TimelineChart(width, int(axis_y + 24), left, right, axis_y, title, desc, level, lanes, ticks,
                         tuple(marks), len(events), urls.page("timeline/"))


def lanes_text(lanes: tuple[Lane, ...]) -> list[str]:
    return [f"{lane.label} ({lane.count})" for lane in lanes]


def _year_ticks(start_year: int, end_year: int, x_of, plot_w: float) -> tuple[Tick, ...]:
    years = end_year - start_year + 1
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if plot_w / years * s >= 40)
    ticks = []
    for y in range(start_year, end_year + 1):
        x = x_of(dt.date(y, 1, 1))
        label = str(y) if (y - start_year) % step == 0 else ""
        mid = x_of(dt.date(y, 7, 1)) if step == 1 else x
        ticks.append(Tick(x, label, mid))
    return tuple(ticks)


@dataclass(frozen=True)
class RangeRow:
    label: str  # who claims it
    text: str  # the figure as the source gives it
    y: float
    x1: float  # the low figure
    x2: float  # the high figure; x1 == x2: an exact figure
    open: bool  # the high figure is "at least": a dashed arrow runs on from x2 to the edge


@dataclass(frozen=True)
class RangeBar:
    width: int
    height: int
    left: float
    right: float
    axis_y: float
    label: str  # the whole chart in words
    overall: RangeRow
    rows: tuple[RangeRow, ...]
    ticks: tuple[tuple[float, str], ...]


def toll_range_bar(archive: Archive, e: Event, t: Lang = ENGLISH, width: int = 640) -> RangeBar | None:
    """The spread of the claimed "killed" figures: the event's range on top,
    then one row per claim, labelled by who made it."""
    toll = e.toll("killed")
    if toll is None:
        return None
    claims = [(ref, c) for ref in e.claims if (c := ref.claim.count("killed"))]
    top = max(max(c.min, c.max or 0) for _, c in claims)
    step = _nice_step(top)
    end = max(1, math.ceil(top * 1.2 / step)) * step  # room past the highest figure for an "at least" arrow
    left, right = 250.0, width - 20.0

    def x_of(v: int) -> float:
        return round(left + v / end * (right - left), 1)

    def row(label: str, text: str, i: int, low: int, high: int, open_: bool) -> RangeRow:
        return RangeRow(label if len(label) <= 32 else label[:31] + "…", text, 26.0 + 30 * i, x_of(low),
                        x_of(high), open_)

    _ = t.gettext
    overall = row(_("All claims"), t.toll(toll), 0, toll.low, toll.high, toll.open)
    rows = []
    for i, (ref, c) in enumerate(claims, start=1):
        who = ref.claim.according_to or archive.reports[ref.report].source.publisher
        rows.append(row(who, t.count(c), i, c.min, c.min if c.max is None else c.max, c.max is None))
    axis_y = 26.0 + 30 * len(claims) + 14
    ticks = tuple((x_of(v), t.number(v)) for v in range(0, end + 1, step))
    words = "; ".join(_("%(figure)s according to %(who)s") % {"figure": r.text, "who": r.label} for r in rows)
    label = t.ngettext("Claimed tolls (killed), %(toll)s over %(n)s claim: %(words)s.",
                       "Claimed tolls (killed), %(toll)s over %(n)s claims: %(words)s.", len(rows)) % {
        "toll": t.toll(toll), "n": len(rows), "words": words}
    return RangeBar(width, int(axis_y + 22), left, right, axis_y, label, overall, tuple(rows), ticks)


def _nice_step(top: int) -> int:
    """A round step giving at most six ticks from 0 past `top`."""
    magnitude = 10 ** max(0, len(str(max(top, 1))) - 1)
    for mult in (1, 2, 5, 10, 20, 50):
        if top / (mult * magnitude / 10 or 1) <= 5:
            return max(1, mult * magnitude // 10)
    return magnitude * 10
