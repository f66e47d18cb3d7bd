"""What a page of a paged list shows around its items: the jump bar (years,
the months of a year cut into months, the parts of a long month, each with
its count) and the way to the next newer and older pages.

The years' counts and the list's total are shown on the list's own page
only: on every page they would make an addition to one year change every
page of the list (paging.jump_counts). The same holds for an index cut by
initial (alphabet.py): its initials' counts are on its own page only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .alphabet import Index, Initial
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

    if span.rel == paged.base and paged.front > 1:  # several periods: "November – December 2025", "2024 – 2025"
        last = paged.front - 1
        oldest = spans[paged.leaves[last]]
        same_year = oldest.year == leaf.year and oldest.month > 0 and leaf.month > 0 and oldest.part == 1
        heading = f"{t.month_name(oldest.month) if same_year else span_label(oldest, t)} – {span_label(leaf, t)}"
        whole = set(oldest.keys) <= set(span.keys)  # else its newest items only: "Older" is that page
        return ListNav(total, True, heading, years, months, parts, None, neighbour(last + 1 if whole else last))
    return ListNav(total, span.rel == paged.base, span_label(leaf, t), years, months, parts, neighbour(at - 1), neighbour(at + 1))


@dataclass(frozen=True)
class Part:
    """A part of an initial, named by its first and last names as a dictionary's
    guide words ("Kabara – Kidal"; one name when it holds one), each with its
    language where it is not the page's (a name not translated)."""

    names: tuple[Link, ...]
    url: str
    count: int
    current: bool


@dataclass(frozen=True)
class InitialNav:
    """What a page of an index cut by initial shows around its names (alphabet.py);
    empty (falsy) for an index of one page."""

    initials: tuple[Jump, ...] = ()  # each initial, its count shown on the index's own page only
    parts: tuple[Part, ...] = ()     # the parts of the shown initial
    first: bool = True               # the index's own page

    def __bool__(self) -> bool:
        return bool(self.initials)


def initial_label(label: str, t: Lang = ENGLISH) -> str:
    """An initial as a page names it: "K", "0–9", or the names in another script's, in its language."""
    return label or t.gettext("Other scripts")


def initial_nav(index: Index, page: Initial | None, urls: Urls, names: Callable[[str], Link],
                t: Lang = ENGLISH) -> InitialNav:
    """The bar of initials of `index` on its page `page` (None: on the index's own
    page, with each initial's count). `names(slug)`: a name as the page shows it."""
    if not index.cut:
        return InitialNav()
    initials = tuple(Jump(initial_label(label, t), urls.page(rel), n,
                          page is not None and rel == index.parts(page.initial)[0].rel)
                     for label, rel, n in index.initials())
    parts = index.parts(page.initial) if page else ()
    shown = tuple(Part(tuple(names(k) for k in dict.fromkeys((p.keys[0], p.keys[-1]))), urls.page(p.rel),
                       len(p.keys), p == page) for p in parts) if len(parts) > 1 else ()
    return InitialNav(initials, shown, page is None)
