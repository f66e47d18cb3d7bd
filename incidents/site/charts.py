"""Charts drawn at build time, as views for templates: the timeline (events,
and the lowest claimed killed, per month or year, stacked by country, region
or role) and an event's toll range bars. Pure functions over the linked
archive; the templates only print the numbers (no JavaScript, no inline style).

Sizes are chosen so that no text is drawn under 11 px on a 390 px phone: the
timeline keeps its natural size and scrolls sideways in its own frame (opening
on the latest years), the range bars are narrow enough to show at full size."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..content.link import Archive, Event, Toll, toll_range
from ..content.model import ROLES, Count, Day
from .i18n import ENGLISH, Lang
from .views import word
from .urls import Urls

PALETTE_SIZE = 6  # classes c0..c5 in style.css; the last is kept for "Other"
MONTHLY_YEARS = 5  # events spanning this many years or fewer: a bar per month, else per year
PLOT_W = 840.0  # the plot's least width: the chart's 900 fits a desktop's column
MIN_BAR = {"month": 14.0, "year": 30.0}  # below this a bin's width makes the chart wider (and scroll)
PANEL_H = 110.0


@dataclass(frozen=True)
class Segment:
    """One group's part of a bar."""

    y: float
    h: float
    colour: int


@dataclass(frozen=True)
class Column:
    """One month or year: its bar of events and its bar of killed, one link to that time on the timeline."""

    x: float
    w: float
    url: str
    label: str
    events: int
    killed: int
    event_bars: tuple[Segment, ...]
    killed_bars: tuple[Segment, ...]
    latest: bool  # the last bin that holds an event


@dataclass(frozen=True)
class Series:
    label: str
    colour: int
    events: int
    killed: int   # the lowest claims added up
    known: bool   # some event of it gives a toll ("0 killed" is one)


@dataclass(frozen=True)
class Panel:
    title: str
    top: float
    bottom: float
    ticks: tuple[tuple[float, str], ...]  # (y, value) on the right-hand axis


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    left: float
    right: float
    title: str
    desc: str
    level: str  # "month" or "year": what one bar stands for
    series: tuple[Series, ...]
    panels: tuple[Panel, Panel]
    columns: tuple[Column, ...]
    ticks: tuple[tuple[float, float, str], ...]  # (tick x, label x, label) on the time axis
    axis_y: float
    event_count: int
    not_drawn: int  # events known only by year, on a chart by month
    timeline_url: str
    own: bool = False  # each bar leads to its time in the page's own list (an actor's), not the timeline

    @property
    def wide(self) -> bool:
        """Wider than a desktop's column: it scrolls there too."""
        return self.width > 928


def place_group(archive: Archive, t: Lang = ENGLISH) -> Callable[[Event], str]:
    """Stacks by country when the events span several, else by region (or place)."""
    countries = {archive.places[e.place].location.country for e in archive.events.values()}

    def group(e: Event) -> str:
        loc = archive.places[e.place].location
        if len(countries) > 1:
            return t.country(loc.country, archive.site.language) or t.gettext("Country not given")
        return loc.region or loc.name

    return group


def role_group(archive: Archive, actor: str, t: Lang = ENGLISH) -> Callable[[Event], str]:
    """Stacks by the actor's role in each event: the first it is given in the
    format's order (ROLES), so that "alleged perpetrator" counts every event
    where any report gives it, as the events' filter and events.json do (the
    role a first report gave undercounted it: 163 events where they say 198)."""
    def group(e: Event) -> str:
        roles = next((i.roles for i in e.actors if i.actor == actor), ())
        return word(t, min(roles, key=_ROLE_ORDER.get)) if roles else t.gettext("no role given")

    return group


_ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}


def _groups(events: list[Event], group: Callable[[Event], str], other: str = "Other"
            ) -> tuple[list[str], dict[str, str]]:
    """The groups, busiest first, the last one "Other" when there are too many, and each event's group."""
    counts: dict[str, int] = {}
    for e in events:
        counts[group(e)] = counts.get(group(e), 0) + 1
    names = sorted(counts, key=lambda k: (-counts[k], k.casefold()))
    if len(names) > PALETTE_SIZE:
        kept = names[: PALETTE_SIZE - 1]
        return kept + [other], {e.slug: group(e) if group(e) in kept else other for e in events}
    return names, {e.slug: group(e) for e in events}


def _low(e: Event) -> int:
    t = e.toll("killed")
    return t.low if t else 0


def nice_ticks(top: int, most: int = 4) -> list[int]:
    """0 and round steps up to the first at or past `top`, at most `most` + 1 values."""
    top = max(top, 1)
    magnitude = 1
    while True:
        for mult in (1, 2, 5):
            step = mult * magnitude
            if top <= step * most:
                return list(range(0, step * -(-top // step) + 1, step))
        magnitude *= 10


def _added_up(t: Lang, killed: int) -> str:
    """"lowest claims add up to 12 killed", in the number's grammar ("0 tué", "2 tués")."""
    return t.ngettext("lowest claims add up to %(n)s killed", "lowest claims add up to %(n)s killed",
                      killed) % {"n": t.number(killed)}


def _events(t: Lang, n: int) -> str:
    return t.ngettext("%(n)s event", "%(n)s events", n) % {"n": t.number(n)}


def timeline_chart(archive: Archive, urls: Urls, events: list[Event], group: Callable[[Event], str],
                   title: str, width: int = 900, compact: bool = False, t: Lang = ENGLISH,
                   link: Callable[[int, int], str] | None = None, rest: str = "") -> TimelineChart | None:
    """Events and the lowest claimed killed per month (over a few years) or
    per year, each bar stacked by group. None when there is no event. `link`:
    where the bar of a month (year, month) or a year (year, 0) leads, if not
    to its time on the timeline (an actor's chart: to its own list). `rest`:
    the name of the groups past the busiest ("Other" unless given)."""
    if not events:
        return None
    _ = t.gettext
    names, group_of = _groups(events, group, rest or _("Other"))
    colour = {n: min(i, PALETTE_SIZE - 1) for i, n in enumerate(names)}
    first, last = min(e.date.year for e in events), max(e.date.year for e in events)
    level = "month" if last - first + 1 <= MONTHLY_YEARS else "year"
    keys = ([(y, m) for y in range(first, last + 1) for m in range(1, 13)] if level == "month"
            else [(y, 0) for y in range(first, last + 1)])
    bins: dict[tuple[int, int], list[Event]] = {k: [] for k in keys}
    not_drawn = 0
    for e in events:
        key = (e.date.year, e.date.month if level == "month" else 0)
        if key in bins:
            bins[key].append(e)
        else:
            not_drawn += 1  # known only by year, on a chart by month
    plot_w = max(PLOT_W if not compact else 600.0, len(keys) * MIN_BAR[level])
    left, right = 12.0, 12.0 + plot_w
    width = int(right + 52)
    step = plot_w / len(keys)
    gap = max(1.0, step * 0.18)
    top_events = max(len(v) for v in bins.values())
    top_killed = max(sum(_low(e) for e in v) for v in bins.values())
    p1 = 34.0
    ev_ticks, kd_ticks = nice_ticks(top_events), nice_ticks(top_killed)
    titles = ((_("Events per month"), _("Killed per month (lowest claims)")) if level == "month"
              else (_("Events per year"), _("Killed per year (lowest claims)")))
    panels = (_panel(titles[0], p1, ev_ticks, t), _panel(titles[1], p1 + PANEL_H + 44, kd_ticks, t))
    latest_key = max(k for k, v in bins.items() if v) if any(bins.values()) else None
    columns = []
    for i, key in enumerate(keys):
        evs = bins[key]
        if not evs:
            continue
        x = round(left + i * step + gap / 2, 1)
        per_group = [(n, [e for e in evs if group_of[e.slug] == n]) for n in names]
        per_group = [(n, g) for n, g in per_group if g]
        killed = sum(_low(e) for e in evs)
        year, month = key
        when = t.day(Day(year, month))
        parts = ", ".join(f"{n} {t.number(len(g))}" for n, g in per_group)
        label = (f"{when}{t.colon}{_events(t, len(evs))} ({parts}){t.semicolon}"
                 + (_added_up(t, killed) if any(e.toll('killed') for e in evs) else _("no toll given")))
        url = (link or urls.timeline_month)(year, month)
        columns.append(Column(x, round(step - gap, 1), url, label, len(evs), killed,
                              _stack(panels[0], ev_ticks[-1], [(colour[n], len(g)) for n, g in per_group]),
                              _stack(panels[1], kd_ticks[-1], [(colour[n], sum(_low(e) for e in g))
                                                               for n, g in per_group]),
                              key == latest_key))
    series = tuple(Series(n, colour[n], len(g), sum(_low(e) for e in g), any(e.toll("killed") for e in g))
                   for n in names for g in [[e for e in events if group_of[e.slug] == n]])
    axis_y = panels[1].bottom
    ticks = _time_ticks(first, last, level, left, step)
    how = {("month", False): _("a bar per month counts the events, a second bar adds up the lowest claimed "
                                "number killed, each stacked by place"),
           ("month", True): _("a bar per month counts the events, a second bar adds up the lowest claimed "
                               "number killed, each stacked by role (an event under the first it is given of: "
                               "alleged perpetrator, victim, claimant, investigator, witness, other)"),
           ("year", False): _("a bar per year counts the events, a second bar adds up the lowest claimed "
                              "number killed, each stacked by place"),
           ("year", True): _("a bar per year counts the events, a second bar adds up the lowest claimed "
                             "number killed, each stacked by role (an event under the first it is given of: alleged "
                             "perpetrator, victim, claimant, investigator, witness, other)")}[level, compact]
    span = (t.fill(t.ngettext("%(n)s event from %(start)s to %(end)s", "%(n)s events from %(start)s to %(end)s",
                              len(events)), {"n": t.number(len(events)), "start": first, "end": last})
            if first != last else
            t.ngettext("%(n)s event in %(year)s", "%(n)s events in %(year)s", len(events))
            % {"n": t.number(len(events)), "year": first})
    desc = (_("%(span)s: %(how)s: %(series)s.") % {"span": span, "how": how, "series": t.semicolon.join(
                f"{s.label}, {_events(t, s.events)}, " + (_added_up(t, s.killed) if s.known else _("no toll given"))
                for s in series)}
            + (" " + t.ngettext("%(n)s event known only by year is not drawn.",
                                "%(n)s events known only by year are not drawn.", not_drawn)
               % {"n": t.number(not_drawn)} if not_drawn else ""))
    return TimelineChart(width, int(axis_y + 34), left, right, title, desc, level, series, panels, tuple(columns),
                         ticks, axis_y, len(events), not_drawn, urls.page("timeline/"), link is not None)


def _panel(title: str, top: float, ticks: list[int], t: Lang = ENGLISH) -> Panel:
    bottom = top + PANEL_H
    return Panel(title, top, bottom, tuple((round(bottom - v / ticks[-1] * PANEL_H, 1), t.number(v)) for v in ticks))


def _stack(panel: Panel, top: int, parts: list[tuple[int, int]]) -> tuple[Segment, ...]:
    """Segments from the panel's floor up, one per group with a value."""
    out, y = [], panel.bottom
    for colour, value in parts:
        if value <= 0:
            continue
        h = value / top * (panel.bottom - panel.top)
        out.append(Segment(round(y - h, 1), round(h, 1), colour))
        y -= h
    return tuple(out)


def _time_ticks(first: int, last: int, level: str, left: float, step: float) -> tuple[tuple[float, float, str], ...]:
    per_year = step * (12 if level == "month" else 1)
    every = next(s for s in (1, 2, 5, 10, 20, 50, 100) if per_year * s >= 44)
    out = []
    for i, year in enumerate(range(first, last + 1)):
        x = round(left + i * per_year, 1)
        label = str(year) if (last - year) % every == 0 else ""  # the latest year always labelled
        out.append((x, round(x + per_year / 2, 1), label))
    return tuple(out)


# Toll range bars ----------------------------------------------------------------------------------

MAX_RANGE_ROWS = 24
RANGE_W = 360  # user units: shown at about its own size on a phone, so 12-unit text stays readable
LINE_H = 15.0
CHARS_PER_LINE = 48  # of 12-unit text in RANGE_W


@dataclass(frozen=True)
class RangeRow:
    lines: tuple[str, ...]  # who claims what, wrapped at word boundaries
    text_y: float  # the first line's baseline
    y: float  # the bar's centre
    x1: float  # the low figure
    x2: float  # the high figure; x1 == x2: an exact figure
    open: bool  # the high figure is "at least": a dashed arrow runs on from x2 to the edge
    words: str  # the row in words, for the chart's name


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


def wrap(text: str, limit: int = CHARS_PER_LINE) -> tuple[str, ...]:
    """Lines of at most `limit` characters, broken between words only (a longer word keeps its own line),
    never at a no-break space ("Kal Akal\u00a0: 46", as French writes it)."""
    lines: list[str] = []
    for word in re.split(r"[ \t\n]+", text.strip(" \t\n")):
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def toll_range_bar(toll: Toll | None, claimants, t: Lang = ENGLISH) -> RangeBar | None:
    """The spread of the claimed "killed" figures: the event's range on top,
    then one row per claimant and distinct figure (views.Claimant rows),
    identical claims counted, not repeated."""
    if toll is None:
        return None
    entries: list[tuple[str, Toll, int, str]] = []  # (claimant, its span, claims, the span in words)
    for g in claimants:
        figures: dict[Count, int] = {}  # the chart shows killed only: rows alike in it are one
        for row in g.rows:
            if row.killed is not None:
                figures[row.killed] = figures.get(row.killed, 0) + len(row.sources)
        entries += [(g.name, toll_range([c]), n, t.count(c)) for c, n in figures.items()]  # "up to 40", not 0–40
    if not entries:
        return None
    if len(entries) > MAX_RANGE_ROWS:  # too many to read: a row per claimant, over the span of its figures
        spans: dict[str, list[tuple[Count, int]]] = {}
        for g in claimants:
            for row in g.rows:
                if row.killed is not None:
                    spans.setdefault(g.name, []).append((row.killed, len(row.sources)))
        entries = [(who, x, sum(n for _, n in cs), t.toll(x)) for who, cs in spans.items()
                   if (x := toll_range([c for c, _ in cs]))]
    top = max(x.high for _, x, _, _ in entries)
    values = nice_ticks(max(1, round(top * 1.15)), 5)  # room past the highest figure for an "at least" arrow
    end = values[-1]
    left, right = 10.0, RANGE_W - 14.0

    def x_of(v: int) -> float:
        return round(left + v / end * (right - left), 1)

    y = 8.0

    def row(text: str, words: str, low: int, high: int, open_: bool) -> RangeRow:
        nonlocal y
        lines = wrap(text)
        text_y = y + 12
        bar_y = y + LINE_H * len(lines) + 8
        y = bar_y + 14
        return RangeRow(lines, text_y, bar_y, x_of(low), x_of(high), open_, words)

    gettext = t.gettext
    overall = row(gettext("All claims: %(toll)s") % {"toll": t.toll(toll)}, "", toll.low, toll.high, toll.open)
    rows = []
    for who, x, n, figure in entries:
        claims_n = " " + gettext("(%(n)s claims)") % {"n": t.number(n)} if n > 1 else ""
        rows.append(row(gettext("%(who)s: %(figure)s") % {"who": who, "figure": figure} + claims_n,
                        gettext("%(figure)s according to %(who)s") % {"figure": figure, "who": who} + claims_n,
                        x.low, x.high, x.open))
    axis_y = y + 2
    ticks = tuple((x_of(v), t.number(v)) for v in values)
    claims = sum(n for _, _, n, _ in entries)
    # (the claims that give a number killed: the page's count of claims has those of the injured alone too)
    label = t.ngettext("Claimed tolls (killed), %(toll)s over the %(n)s claim that gives a number killed: %(words)s.",
                       "Claimed tolls (killed), %(toll)s over the %(n)s claims that give a number killed: %(words)s.",
                       claims) % {
        "toll": t.toll(toll), "n": t.number(claims), "words": t.semicolon.join(r.words for r in rows)}
    return RangeBar(RANGE_W, int(axis_y + 24), left, right, axis_y, label, overall, tuple(rows), ticks)
