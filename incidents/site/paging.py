"""Long lists cut into pages by period, newest first, at addresses that stay
put when reports are added: a year's page is /events/2024/ for good, and a
year too long for one page is cut into months (/events/2024/03/), a month too
long into parts (/events/2024/03/2/). Page numbers counted from the newest
item would move every item at every addition; periods move none.

A list of at most one page's worth stays one page, with no jump bar: small
archives look as they did. The list's own page (/events/) shows the newest
periods, as many as fill a page (a month of one event early in the month
would leave it nearly empty), and the jump bar to all the others."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..content.model import Day
from .i18n import ENGLISH, Lang

PAGE = 100  # items on a page at most: about 20 screens of a phone, well under 100 KB


def page_size(size: int = PAGE) -> int:
    """`size`, or at most INCIDENTS_LIST_PAGE (tests page small archives with it)."""
    return max(1, min(size, int(os.environ.get("INCIDENTS_LIST_PAGE") or size)))


@dataclass(frozen=True)
class Span:
    """One page of a list: its site path, its period and the keys of its items, newest first."""

    rel: str
    year: int = 0        # 0: the whole list (a list of one page)
    month: int = -1      # -1: the whole year; 0: the year's items of no known month
    part: int = 1
    keys: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return span_label(self)


@dataclass(frozen=True)
class Paged:
    """A list's pages. `spans` holds every page, the list's own first; `leaves`
    the pages in reading order, newest first (a year cut into months is not one:
    its page shows its newest month)."""

    base: str
    spans: tuple[Span, ...]
    leaves: tuple[str, ...]
    years: tuple[tuple[int, int], ...]                          # (year, items), newest first
    months: tuple[tuple[int, tuple[tuple[int, int], ...]], ...]  # year cut into months: ((month, items), ...)
    parts: tuple[tuple[tuple[int, int], int], ...]               # ((year, month), parts) of months cut in parts
    front: int = 1                                              # leaves the list's own page shows (the last maybe in part)

    @property
    def paged(self) -> bool:
        return len(self.spans) > 1

    def rels(self) -> list[str]:
        return [s.rel for s in self.spans]


def month_label(year: int, month: int, t: Lang = ENGLISH) -> str:
    """"March 2024", "mars 2024"; "2024, month not known" for a year's items of no known month."""
    return t.day(Day(year, month)) if month else t.gettext("%(year)s, month not known") % {"year": year}


def span_label(span: Span, t: Lang = ENGLISH) -> str:
    """"2024", "March 2024", "2024, month not known", "March 2024, part 2", in the page's
    language ("" for a list of one page)."""
    if not span.year:
        return ""
    text = str(span.year) if span.month < 0 else month_label(span.year, span.month, t)
    return t.gettext("%(period)s, part %(n)s") % {"period": text, "n": span.part} if span.part > 1 else text


def year_path(base: str, year: int) -> str:
    return f"{base}{year}/"


def month_path(base: str, year: int, month: int, part: int = 1) -> str:
    return f"{base}{year}/{month:02d}/" + (f"{part}/" if part > 1 else "")


def paginate(base: str, items: Iterable[tuple[Day, str]], size: int = PAGE,
             weight: Mapping[str, int] | None = None) -> Paged:
    """Pages of a list whose `items` (day, key) come newest first, each page
    holding at most `size` entries. An item is one entry, or `weight[key]`
    where a page shows more of it (an event on a place's page with the reports
    naming the place): a page is cut by what it shows, not by its items alone.
    An item of more than `size` entries has a page of its own; a list or a year
    of one item, however large, is one page: cutting it would only repeat it."""
    items = list(items)
    w = (lambda key: 1) if weight is None else (lambda key: weight.get(key, 1))
    if len(items) <= 1 or sum(w(k) for _, k in items) <= size:
        return Paged(base, (Span(base, keys=tuple(k for _, k in items)),), (base,), (), (), ())
    by_year: dict[int, list[tuple[Day, str]]] = {}
    for day, key in items:
        by_year.setdefault(day.year, []).append((day, key))
    spans: list[Span] = []
    leaves: list[str] = []
    months_of: list = []
    parts_of: list = []
    for year, these in by_year.items():
        if len(these) == 1 or sum(w(k) for _, k in these) <= size:
            spans.append(Span(year_path(base, year), year, keys=tuple(k for _, k in these)))
            leaves.append(spans[-1].rel)
            continue
        by_month: dict[int, list[str]] = {}
        for day, key in these:
            by_month.setdefault(day.month, []).append(key)
        year_at = len(spans)
        for month, keys in by_month.items():
            chunks = _chunks(keys, size, w)
            if len(chunks) > 1:
                parts_of.append(((year, month), len(chunks)))
            for part, chunk in enumerate(chunks, 1):
                spans.append(Span(month_path(base, year, month, part), year, month, part, chunk))
                leaves.append(spans[-1].rel)
        spans.insert(year_at, Span(year_path(base, year), year, keys=spans[year_at].keys))
        months_of.append((year, tuple((m, len(k)) for m, k in by_month.items())))
    # The list's own page: the newest pages' items, as many whole pages as its entries allow; under half a
    # page so, the next page's newest items too (a month of 3 reports before one of 100)
    by_rel = {s.rel: s for s in spans}
    front: list[str] = []
    keys: list[str] = []
    entries = 0
    for rel in leaves:
        more = sum(w(k) for k in by_rel[rel].keys)
        if front and entries + more > size:
            if entries * 2 < size:
                for key in by_rel[rel].keys:
                    if entries + w(key) > size:
                        break
                    keys.append(key)
                    entries += w(key)
                front.append(rel)
            break
        front.append(rel)
        keys += by_rel[rel].keys
        entries += more
    return Paged(base, (Span(base, keys=tuple(keys)), *spans), tuple(leaves),
                 tuple((y, len(t)) for y, t in by_year.items()), tuple(months_of), tuple(parts_of), len(front))


def _chunks(keys: list[str], size: int, w: Callable[[str], int]) -> list[tuple[str, ...]]:
    """`keys` in order, cut into runs of at most `size` entries (an item larger alone)."""
    chunks: list[tuple[str, ...]] = []
    run: list[str] = []
    entries = 0
    for key in keys:
        if run and entries + w(key) > size:
            chunks.append(tuple(run))
            run, entries = [], 0
        run.append(key)
        entries += w(key)
    if run:
        chunks.append(tuple(run))
    return chunks


def period_of(paged: Paged, year: int, month: int = 0) -> str:
    """The page of the list that shows a month's items (`month` 0: a year's):
    the month's first page, else its year's, else the list's own."""
    found: dict[tuple[int, int], str] = {}
    for s in paged.spans:
        found.setdefault((s.year, s.month), s.rel)
    return (month and found.get((year, month))) or found.get((year, -1)) or paged.base


def spans_by_rel(paged: Paged) -> dict[str, Span]:
    return {s.rel: s for s in paged.spans}


def shown_leaf(paged: Paged, span: Span) -> str:
    """The page in reading order whose items `span` shows (itself, or the newest within it)."""
    if span.rel in paged.leaves or not paged.leaves:
        return span.rel
    if not span.year:
        return paged.leaves[0]
    prefix = year_path(paged.base, span.year)
    return next(r for r in paged.leaves if r.startswith(prefix))


def jump_counts(paged: Paged) -> dict[str, tuple]:
    """The counts the jump bar of each page shows (listview.py): every year's on
    the list's own page, the months' of its year and the parts' of its month on
    every page. A report added to 2024 changes the counts of the list's own page
    and of 2024's pages, not those of other years' pages."""
    spans = spans_by_rel(paged)
    months = dict(paged.months)
    parts = {(y, m): tuple(len(spans[month_path(paged.base, y, m, p)].keys) for p in range(1, count + 1))
             for (y, m), count in paged.parts}
    counts = {}
    for span in paged.spans:
        leaf = spans[shown_leaf(paged, span)]
        counts[span.rel] = (paged.years if span.rel == paged.base else (), months.get(leaf.year, ()),
                            parts.get((leaf.year, leaf.month), ()))
    return counts


def reached(old: Paged | None, new: Paged | None, changed: set[str]) -> set[str]:
    """The pages of a list to render again: all of them when its pages came or went
    (every jump bar links them all), else those whose items changed, hold an item
    in `changed`, or whose jump bar's counts changed (jump_counts)."""
    olds = {s.rel: s.keys for s in old.spans} if old else {}
    news = {s.rel: s.keys for s in new.spans} if new else {}
    if old is None or new is None or olds.keys() != news.keys():
        return set(olds) | set(news)
    counts_old, counts_new = jump_counts(old), jump_counts(new)
    return {rel for rel, keys in news.items() if keys != olds[rel] or not changed.isdisjoint(keys)
            or not changed.isdisjoint(olds[rel]) or counts_old[rel] != counts_new[rel]}
