"""What a page of a paged list shows around its items: the jump bar (years,
the months of a year cut into months, the parts of a long month, each with
its count) and the way to the next newer and older pages.

The years' counts and the list's total are shown on the list's own page
only: on every page they would make an addition to one year change every
page of the list (paging.jump_counts)."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import ENGLISH, Lang
from .paging import Paged, Span, month_path, shown_leaf, span_label, spans_by_rel, year_path
from .urls import Urls
from .views import Link


@dataclass(frozen=True)
class Jump:
    text: str
    url: str
    count: int
    current: bool


@dataclass(frozen=True)
class ListNav:
    """Empty (falsy) for a list of one page: small archives get no jump bar."""

    total: int
    first: bool                   # the list's own page: the total and the years' counts are shown
    heading: str                  # the shown period: "March 2024" ("" on a list of one page)
    years: tuple[Jump, ...] = ()
    months: tuple[Jump, ...] = ()  # of the shown year, when it is cut into months
    parts: tuple[Jump, ...] = ()   # of the shown month, when it is cut into parts
    newer: Link | None = None
    older: Link | None = None

    def __bool__(self) -> bool:
        return bool(self.years)


def list_nav(paged: Paged, span: Span, urls: Urls, t: Lang = ENGLISH) -> ListNav:
    total = sum(n for _, n in paged.years) if paged.paged else len(span.keys)
    if not paged.paged:
        return ListNav(total, True, "")
    spans = spans_by_rel(paged)
    leaf = spans[shown_leaf(paged, span)]
    at = paged.leaves.index(leaf.rel)
    years = tuple(Jump(str(y), urls.page(year_path(paged.base, y)), n, y == leaf.year) for y, n in paged.years)
    months: tuple[Jump, ...] = ()
    for y, ms in paged.months:
        if y == leaf.year:
            months = tuple(Jump(t.month_name(m) if m else t.gettext("month not known"),
                                urls.page(month_path(paged.base, y, m)), n, m == leaf.month) for m, n in ms)
    parts: tuple[Jump, ...] = ()
    for (y, m), count in paged.parts:
        if (y, m) == (leaf.year, leaf.month):
            parts = tuple(Jump(t.gettext("part %(n)s") % {"n": p}, urls.page(month_path(paged.base, y, m, p)),
                               len(spans[month_path(paged.base, y, m, p)].keys), p == leaf.part)
                          for p in range(1, count + 1))

    def neighbour(i: int) -> Link | None:
        if 0 <= i < len(paged.leaves):
            return Link(span_label(spans[paged.leaves[i]], t), urls.page(paged.leaves[i]))
        return None

    return ListNav(total, span.rel == paged.base, span_label(leaf, t), years, months, parts, neighbour(at - 1), neighbour(at + 1))
