"""Readers at scale, proven in Chromium at 1280 and 390 px on the shipped
archive and on a 3,000-report sample corpus (built once per session): no
page overflows sideways outside the charts' own frames, no chart or map text
is drawn under 11 px, the timeline opens on its latest year on a phone, an
event with many claims shows one row per claimant and figure, marks on the
maps never overlap and each country has a closer map, and a search for an
alias finds the actor's events (real Pagefind)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from browser import MERGED, axe_violations, serving
from validator import nu_errors

from incidents.content.link import link
from incidents.content.load import load
from incidents.sample import write_sample
from incidents.site.views import claimant_key

WIDTHS = (1280, 390)


@pytest.fixture(scope="session")
def big_readers_site(big_site) -> tuple[Path, Path]:
    """The session's 3,000-report sample archive (conftest.big_site): its content, and its site."""
    return big_site.parent / "content-root", big_site


@pytest.fixture(scope="module")
def shipped_site(shipped_build) -> Path:
    """The shipped archive, search index included, under /archive/ (conftest.shipped_build,
    shared: read it only)."""
    return shipped_build


def served_at(site: Path, shipped: Path) -> tuple[Path, str]:
    """The folder to serve and the site's path on that host: the shipped archive is
    built for /archive/ (its parent serves it there), the big corpus for the root."""
    return (site.parent, "/archive/") if site == shipped else (site, "/")


def biggest_event(root: Path) -> tuple[object, object]:
    archive = link(load(root))
    return archive, max(archive.events.values(), key=lambda e: (len(e.claims), e.slug))


# What the browser measures: every visible text of a chart or map, at its drawn size
# (computed font size times the SVG's scale), and how far the page overflows sideways.
SMALL_TEXT = """() => {
  const out = [];
  for (const t of document.querySelectorAll('svg text')) {
    if (!t.getClientRects().length || !t.textContent.trim()) continue;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < 11) out.push(`${t.textContent.trim().slice(0, 30)}: ${px.toFixed(1)} px`);
  }
  return out;
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
CHART_TEXT = "() => [...document.querySelectorAll('svg text')].filter(t => t.getClientRects().length).length"


def pages_of(site: str, root: Path | None) -> list[str]:
    if site == "shipped":  # and in French, whose words are longer
        return ["", "timeline/", "events/2025-02-gao-road-killings/", "events/2024-06-abeibara-killings/",
                "locations/", "map/mali/", "actors/wagner-group/", "locations/abeibara/", "fr/", "fr/timeline/",
                "fr/events/2025-02-gao-road-killings/", "fr/events/", "fr/actors/wagner-group/", "data/", "fr/data/"]
    _, event = biggest_event(root)
    return ["", "timeline/", f"events/{event.slug}/", "locations/", "map/mali/", "map/burkina-faso/"]


@pytest.mark.parametrize("width", WIDTHS + (320,))  # and, for the overflow alone, the narrowest phones in use
@pytest.mark.parametrize("which", ["shipped", "big"])
def test_no_sideways_overflow_and_no_chart_text_under_11_px(which, width, shipped_site, big_readers_site, browser):
    root, site = (None, shipped_site) if which == "shipped" else big_readers_site
    folder, prefix = served_at(site, shipped_site)
    found, measured = {}, {}
    with serving(folder) as host:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in pages_of(which, root):
            assert page.goto(f"{host}{prefix}{path}").ok, path
            small, overflow = page.evaluate(SMALL_TEXT) if width in WIDTHS else [], page.evaluate(OVERFLOW)
            measured[path] = page.evaluate(CHART_TEXT)
            if small or overflow > 0:
                found[path or "/"] = (overflow, small[:5])
        page.close()
    assert found == {}
    assert measured["timeline/"] > 0 and measured["map/mali/"] > 0  # there was chart text to measure


@pytest.mark.parametrize("which", ["shipped", "big"])
def test_the_timeline_opens_on_its_latest_year_on_a_phone(which, shipped_site, big_readers_site, browser):
    site = shipped_site if which == "shipped" else big_readers_site[1]
    folder, prefix = served_at(site, shipped_site)
    with serving(folder) as host:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in ("", "timeline/"):
                page.goto(f"{host}{prefix}{path}")
                frame = page.locator(".timeline-chart .chart-scroll")
                box, latest = frame.bounding_box(), page.locator(".timeline-chart [data-latest]").bounding_box()
                scrolls = frame.evaluate("f => f.scrollWidth > f.clientWidth")
                assert box["x"] - 0.5 <= latest["x"] and latest["x"] + latest["width"] <= box["x"] + box["width"] + 0.5
                labels = page.locator(".timeline-chart text.tick-label").all()
                last_year = max(int(t.text_content()) for t in labels if re.fullmatch(r"\d{4}", t.text_content()))
                year_label = page.locator(".timeline-chart text.tick-label", has_text=str(last_year)).bounding_box()
                assert box["x"] <= year_label["x"] and year_label["x"] + year_label["width"] <= box["x"] + box["width"]
                cue = page.locator(".timeline-chart .scroll-cue")
                if width == 390:
                    assert scrolls and cue.is_visible()  # more lies to the left, and the page says so
                    assert frame.evaluate("f => Math.abs(f.scrollLeft)") < 1  # not scrolled by hand: opened there
                else:
                    assert not scrolls and not cue.is_visible()  # a desktop sees every year at once
            page.close()


def test_an_event_with_many_claims_shows_a_row_per_claimant_and_figure(big_readers_site, browser):
    root, site = big_readers_site
    archive, event = biggest_event(root)
    assert len(event.claims) >= 40
    wanted: dict[tuple, dict[tuple, int]] = {}
    for ref in event.claims:
        rows = wanted.setdefault(claimant_key(ref, archive), {})
        rows[ref.claim.counts] = rows.get(ref.claim.counts, 0) + 1
    with serving(site) as host:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{host}/events/{event.slug}/")
        table = page.locator("table.claims.grouped")
        assert table.locator("tbody").count() == len(wanted)  # one group per claimant, aliases folded
        rows = table.locator("tbody tr")
        assert rows.count() == sum(len(r) for r in wanted.values()) < len(event.claims)
        counts = sorted(len(row.locator("ul.claim-sources > li").all()) for row in rows.all())
        assert counts == sorted(n for r in wanted.values() for n in r.values())
        # every claim keeps its address, and its row leads to the report that gives it
        ids = table.evaluate("t => [...t.querySelectorAll('li[id^=claim-]')].map(li => li.id)")
        assert sorted(ids) == sorted(ref.anchor for ref in event.claims)
        for ref in event.claims[:5]:
            link = page.locator(f"li[id='{ref.anchor}'] > a").first
            assert link.get_attribute("href") == f"/reports/{ref.report}/"
        # rows sorted by the killed figure within each claimant, those without one last
        for body in table.locator("tbody").all():
            figures = [killed_low(cell.text_content()) for cell in body.locator("tr > td:first-of-type").all()]
            assert figures == sorted(figures)
        # the range bars: never two identical rows
        lines = page.evaluate("() => [...document.querySelectorAll('.range-chart text.range-label')].map(t => t.textContent)")
        assert len(lines) == len(set(lines)) and len(lines) <= 1 + 24
        page.close()


def killed_low(figures: str) -> float:
    """The low end of the killed figure of a row's "Figure" cell ("at least 6 killed, 13 injured" → 6)."""
    found = re.search(r"(\d+)(?:–\d+)? killed", figures)
    return int(found.group(1)) if found else float("inf")


MARKS = """() => [...document.querySelectorAll('figure.map a.point')].map(a => {
  const c = a.querySelector('circle');
  const tap = Math.max(...[...a.querySelectorAll('circle')].map(c => +c.getAttribute('r')));
  return [+c.getAttribute('cx'), +c.getAttribute('cy'), tap, +a.dataset.count, +c.getAttribute('r')];
})"""
# Each country's name and each mark as drawn, in CSS px: the name's box; the mark's
# disc (its centre and radius) and the box of what can be tapped.
DRAWN = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const labels = [...document.querySelectorAll('figure.map .country-labels text')].map(t => [t.textContent, box(t),
    t.closest('g').classList.contains('under')]);
  const marks = [...document.querySelectorAll('figure.map a.point')].map(a => {
    const r = a.querySelector('circle').getBoundingClientRect();
    return [a.dataset.count, (r.left + r.right) / 2, (r.top + r.bottom) / 2, r.width / 2, box(a)];
  });
  return [labels, marks];
}"""


def disc_meets_box(cx: float, cy: float, r: float, box: list[float]) -> bool:
    left, top, right, bottom = box
    return math.hypot(cx - min(max(cx, left), right), cy - min(max(cy, top), bottom)) < r


@pytest.mark.parametrize("path", ["", "map/mali/", "map/burkina-faso/"])
@pytest.mark.parametrize("width", WIDTHS)
def test_country_names_leave_every_mark_readable_and_marks_are_sized_by_count_and_easy_to_tap(
        path, width, big_readers_site, browser):
    """No country's name is drawn over a mark or its number (on the overview, BURKINA FASO
    covered the marks of 655 and 398 events): it is placed clear of them, or where no
    place is, drawn under them; a mark's area grows with its number of events (every mark
    was 18.5 units whatever it held), and each can be tapped over 24 px."""
    _, site = big_readers_site
    with serving(site) as host:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{host}/{path}")
        labels, marks = page.evaluate(DRAWN)
        assert labels and len(marks) > 3
        above = [(name, box) for name, box, under in labels if not under]
        assert len(above) >= len(labels) - 1  # this sample leaves one name at most no room clear of the marks
        for name, box in above:
            for count, cx, cy, r, _ in marks:
                assert not disc_meets_box(cx, cy, r + 1, box), (name, count, width)
        order = page.evaluate("() => [...document.querySelector('figure.map svg').children].map(g => g.getAttribute('class'))")
        assert order.index("points") < order.index("country-labels")
        assert "country-labels under" not in order or order.index("country-labels under") < order.index("points")
        for count, cx, cy, r, (left, top, right, bottom) in marks:
            assert right - left >= 24 and bottom - top >= 24, (count, width)
        by_count = sorted((int(count), r) for count, _, _, r, _ in marks)
        assert all(r1 <= r2 for (_, r1), (_, r2) in zip(by_count, by_count[1:]))
        (least, r_least), (most, r_most) = by_count[0], by_count[-1]
        assert r_most > 1.5 * r_least and most > 3 * least
        page.close()


@pytest.mark.parametrize("path", ["", "map/mali/", "map/niger/"])
def test_map_marks_never_overlap_and_count_every_located_event(path, big_readers_site, browser):
    _, site = big_readers_site
    with serving(site) as host:
        page = browser.new_page(viewport={"width": 390, "height": 900})
        page.goto(f"{host}/{path}")
        marks = page.evaluate(MARKS)
        for i, (x1, y1, r1, *_) in enumerate(marks):
            for x2, y2, r2, *_ in marks[i + 1:]:
                assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2
        located = page.evaluate("() => +document.querySelector('figure.map svg').dataset.events")
        unit = page.evaluate("() => document.querySelector('figure.map svg').dataset.unit")
        notes = page.locator(".unlocated li .note").all_text_contents()
        beside = len(notes) if unit == "event" else sum(int(n.split()[0]) for n in notes)
        if not page.locator(".unlocated", has_text=re.compile(r"And [0-9,]+ more,")).count():
            assert sum(m[3] for m in marks) + beside == located
        # country names are drawn after (above) the marks, and each leads to its closer map on the overview
        order = page.evaluate("() => [...document.querySelector('figure.map svg').children].map(g => g.getAttribute('class'))")
        assert order.index("country-labels") > order.index("points")
        if path == "":
            hrefs = page.evaluate("() => [...document.querySelectorAll('.country-labels a')].map(a => a.getAttribute('href'))")
            assert "/map/mali/" in hrefs and all((site / h.strip("/") / "index.html").is_file() for h in hrefs)
        # a group of places leads to the list of its places below the map
        for anchor in page.evaluate("() => [...document.querySelectorAll('a.point[href^=\"#\"]')].map(a => a.getAttribute('href'))"):
            assert page.locator(f"li{anchor} a").count() >= 2
        page.close()


def test_an_alias_finds_the_actors_events_and_reports_and_excerpts_carry_no_field_labels(shipped_site, browser):
    with serving(shipped_site.parent) as host:  # the site is built for /archive/
        page = browser.new_page()
        page.goto(f"{host}/archive/search/")
        [(count, urls)] = page.evaluate(MERGED.replace("'/pagefind/", "'/archive/pagefind/")
                                        .replace("baseUrl: '/'", "baseUrl: '/archive/'"), ["FAMa"])
        assert count > 1
        assert any(u.startswith("/archive/events/") for u in urls) and any(u.startswith("/archive/reports/")
                                                                            for u in urls)
        contents = page.evaluate("""async () => {
          const pf = await import('/archive/pagefind/pagefind.js');
          const found = await pf.search('Gao');
          return Promise.all(found.results.map(async r => { const d = await r.data(); return [d.url, d.content, d.excerpt]; }));
        }""")
        assert contents
        for url, content, excerpt in contents:
            for label in ("Where", "Source", "Actors", "Reported toll"):
                assert not re.search(rf"\b{label}\b", content), (url, label)
        page.close()


def test_the_big_corpus_pages_stay_valid_and_accessible(big_readers_site, browser, tmp_path):
    root, site = big_readers_site
    paths = pages_of("big", root)
    assert nu_errors(*(site / p / "index.html" for p in paths)) == []
    found = {}
    with serving(site) as host:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                page.goto(f"{host}/{path}")
                violations = axe_violations(page, host)
                if violations:
                    found[(width, path)] = violations
            page.close()
    assert found == {}
