"""Lists that serve readers at thousands of reports: newest first, cut by
period at addresses that stay put, a jump bar with counts; every report and
event reachable by links alone; no list page over 100 KB; the filter on
/events/ finds the right rows, writes them as the lists do and downloads them
as CSV. Over the shipped archive and the session's 3,000-report corpus
(conftest.big_site)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import axe_violations, serving
from conftest import report
from sitecheck import list_pages, parse, target
from validator import nu_errors

from incidents.content.link import link
from incidents.content.load import load
from incidents.site.listview import list_nav
from incidents.site.paging import Span, paginate, reached
from incidents.site.urls import Urls
from incidents.content.model import Day

LIMIT = 100_000  # bytes of HTML a list page may take


@pytest.fixture(scope="module")
def shipped_site(shipped_build) -> Path:
    """The shipped archive under /archive/ (conftest.shipped_build, shared: read it only)."""
    return shipped_build


@pytest.fixture(scope="module")
def big_archive(big_site):
    return link(load(big_site.parent / "content-root", "http://127.0.0.1/"))


def crawl(out: Path, start: str, within) -> set[str]:
    """The site paths reached from `start` following links between pages for which `within(rel)` holds."""
    seen, todo, reached_ = {start}, [start], set()
    while todo:
        rel = todo.pop()
        for _, url in parse(out / rel / "index.html" if rel else out / "index.html").links:
            found = target(out, "/", url) if url.startswith("/") else None
            if not found or found[0].name != "index.html":
                continue
            link_rel = found[0].parent.relative_to(out).as_posix() + "/"
            reached_.add(link_rel)
            if within(link_rel) and link_rel not in seen:
                seen.add(link_rel)
                todo.append(link_rel)
    return reached_


def is_period(section: str):
    def within(rel: str) -> bool:
        parts = rel.split("/")
        return parts[0] == section and (rel == f"{section}/" or parts[1].isdigit())
    return within


# Paging, as a pure function ------------------------------------------------------

def days(*spec: tuple[int, int, int]) -> list[tuple[Day, str]]:
    """Items newest first, each named by its date."""
    return [(Day(*d), "-".join(map(str, d))) for d in spec]


def test_a_short_list_is_one_page_with_no_jump_bar():
    paged = paginate("events/", days((2025, 2, 1), (2024, 6, 1)), size=5)
    assert paged.spans == (Span("events/", keys=("2025-2-1", "2024-6-1")),) and not paged.paged


def test_a_long_list_pages_by_year_and_a_long_year_by_month_and_part():
    items = days(*[(2025, 3, d) for d in range(9, 0, -1)], (2025, 1, 1), (2024, 5, 1), (2024, 0, 0))
    paged = paginate("events/", items, size=4)
    assert paged.rels() == ["events/", "events/2025/", "events/2025/03/", "events/2025/03/2/", "events/2025/03/3/",
                            "events/2025/01/", "events/2024/"]
    assert paged.years == ((2025, 10), (2024, 2))
    assert paged.spans[0].keys == paged.spans[1].keys == ("2025-3-9", "2025-3-8", "2025-3-7", "2025-3-6")
    assert paged.spans[-1].keys == ("2024-5-1", "2024-0-0") and paged.spans[4].label == "March 2025, part 3"


def test_the_lists_own_page_shows_the_newest_periods_as_many_as_fill_a_page():
    """A month of one event (early in the month) would leave /events/ nearly
    empty: the list's own page adds the months before it while they fit."""
    items = days((2025, 12, 1), *[(2025, 11, d) for d in range(3, 0, -1)], (2025, 10, 2), (2025, 10, 1), (2024, 5, 1))
    paged = paginate("events/", items, size=4)
    assert paged.rels() == ["events/", "events/2025/", "events/2025/12/", "events/2025/11/", "events/2025/10/",
                            "events/2024/"]
    assert paged.spans[0].keys == ("2025-12-1", "2025-11-3", "2025-11-2", "2025-11-1")  # October would not fit
    nav = list_nav(paged, paged.spans[0], Urls("https://example.org/"))
    assert (nav.heading, nav.newer, nav.older.text) == ("November – December 2025", None, "October 2025")
    assert list_nav(paged, paged.spans[2], Urls("https://example.org/")).older.text == "November 2025"
    # the newest month alone under half a page before a full one: the full one's newest items fill it
    thin = paginate("events/", days((2025, 12, 1), *[(2025, 11, d) for d in range(6, 0, -1)]), size=4)
    assert [s.rel for s in thin.spans[2:]] == ["events/2025/12/", "events/2025/11/", "events/2025/11/2/"]
    assert thin.spans[0].keys == ("2025-12-1", "2025-11-6", "2025-11-5", "2025-11-4")
    assert list_nav(thin, thin.spans[0], Urls("https://example.org/")).older.text == "November 2025"
    # an item added to November moves October's first item nowhere, but the list's own page changes
    grown = paginate("events/", [items[0], ((Day(2025, 11, 4)), "2025-11-4"), *items[1:]], size=4)
    assert grown.spans[0].keys == ("2025-12-1", "2025-11-4", "2025-11-3", "2025-11-2")
    assert reached(paged, grown, set()) >= {"events/", "events/2025/11/"}


def test_an_item_added_to_a_year_leaves_the_other_years_pages_as_they_were():
    before = paginate("reports/", days((2025, 1, 2), (2024, 1, 1), (2023, 1, 1)), size=2)
    after = paginate("reports/", days((2025, 1, 3), (2025, 1, 2), (2024, 1, 1), (2023, 1, 1)), size=2)
    assert "reports/2024/" in before.rels() and before.rels() == after.rels()
    # the list's own page shows the years' counts; the other years' pages show none of 2025's
    assert reached(before, after, set()) == {"reports/", "reports/2025/"}
    assert reached(after, after, {"2024-1-1"}) == {"reports/2024/"}


def test_an_item_added_to_a_month_reaches_its_years_pages_whose_jump_bar_counts_its_months():
    march = [(2025, 3, d) for d in range(9, 0, -1)]
    before = paginate("events/", days(*march, (2025, 1, 1), (2024, 5, 2), (2024, 5, 1)), size=4)
    after = paginate("events/", days(*march, (2025, 1, 2), (2025, 1, 1), (2024, 5, 2), (2024, 5, 1)), size=4)
    assert before.rels() == after.rels()
    # 2025's months show their counts on 2025's pages; the list's own page counts the years
    assert reached(before, after, set()) == {"events/", "events/2025/", "events/2025/03/", "events/2025/03/2/",
                                             "events/2025/03/3/", "events/2025/01/"}
    # a part of March that grows moves items between parts: the month's pages
    grown = paginate("events/", days((2025, 3, 10), *march, (2025, 1, 1), (2024, 5, 2), (2024, 5, 1)), size=4)
    assert reached(before, grown, set()) == {"events/", "events/2025/", "events/2025/03/", "events/2025/03/2/",
                                             "events/2025/03/3/", "events/2025/01/"}
    # a new month is a new page: every page's jump bar links it
    new_month = paginate("events/", days(*march, (2025, 2, 1), (2025, 1, 1), (2024, 5, 2), (2024, 5, 1)), size=4)
    assert reached(before, new_month, set()) == set(before.rels()) | set(new_month.rels())



def test_a_page_holds_at_most_its_entries_and_an_item_counts_what_the_page_shows_of_it():
    """An event on a place's page brings the reports naming the place: a page is cut
    by what it shows (lists.place_entries), and an item larger than a page has one alone."""
    items = days((2025, 3, 9), (2025, 3, 8), (2025, 3, 7), (2025, 1, 1), (2024, 5, 1))
    assert not paginate("locations/x/", items, size=5).paged  # five items, one entry each
    weighted = paginate("locations/x/", items, size=5, weight={"2025-3-8": 3, "2025-3-7": 9})
    assert weighted.rels() == ["locations/x/", "locations/x/2025/", "locations/x/2025/03/",
                               "locations/x/2025/03/2/", "locations/x/2025/01/", "locations/x/2024/"]
    assert [s.keys for s in weighted.spans[2:4]] == [("2025-3-9", "2025-3-8"), ("2025-3-7",)]
    # a year whose entries fit is one page, whatever its number of items
    assert paginate("actors/y/", items, size=6, weight={"2025-3-8": 3}).rels() == [
        "actors/y/", "actors/y/2025/", "actors/y/2024/"]


def test_a_place_page_shows_at_most_its_entries_each_event_with_the_reports_naming_the_place(
        make_site, tmp_path, monkeypatch):
    """A place named by one event's twelve reports and by six events of one report
    each, on pages of at most 10 entries: the event told twelve times has a page of
    its own, the others share theirs, and every report is on one of them. So for an
    actor named by all of them."""
    from incidents.build import build

    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "10")
    files = {f"content/reports/big-{i:02d}.md": report(event="2025-03-big", title=f"Big {i}", date="2025-03-02",
                                                       location="Tinzaouaten", actors="[FAMa]") for i in range(12)}
    files.update({f"content/reports/small-{i}.md": report(event=f"2025-03-small-{i}", title=f"Small {i}",
                                                          date=f"2025-03-1{i}", location="Tinzaouaten",
                                                          actors="[FAMa]") for i in range(6)})
    out = tmp_path / "out"
    build(make_site(files), out, search=False)
    shown = {}
    for path in sorted((out / "locations/tinzaouaten").rglob("index.html")):
        main = path.read_text().split("<main")[1].split("</main>")[0]
        shown[path.relative_to(out).parent.as_posix() + "/"] = (
            re.findall(r'<li>\n<a href="/archive/events/([^/]+)/', main),
            re.findall(r'<li>\n<a href="/archive/reports/([^/]+)/', main))
    leaves = ["locations/tinzaouaten/2025/03/", "locations/tinzaouaten/2025/03/2/", "locations/tinzaouaten/2025/03/3/"]
    assert [len(shown[rel][0]) + len(shown[rel][1]) for rel in leaves] == [10, 2, 13]
    assert shown[leaves[2]] == (["2025-03-big"], [f"big-{i:02d}" for i in range(11, -1, -1)])
    assert shown["locations/tinzaouaten/"] == shown[leaves[0]]  # the place's own page: its newest entries
    assert {r for rel in leaves for r in shown[rel][1]} == {p.split("/")[-1][:-3] for p in files}
    # the actor named by every report: its pages are cut alike (lists.actor_entries)
    events = {rel: re.findall(r'<li>\n<a href="/archive/events/([^/]+)/', (out / rel / "index.html").read_text())
              for rel in [leaf.replace("locations/tinzaouaten/", "actors/fama/") for leaf in leaves]}
    assert list(events.values()) == [[f"2025-03-small-{i}" for i in range(5, 0, -1)], ["2025-03-small-0"],
                                     ["2025-03-big"]]

# The shipped archive: one page, as before -------------------------------------------

def test_the_shipped_archive_keeps_its_lists_on_one_page_with_no_jump_bar(shipped_site):
    for section in ("reports", "events", "timeline"):
        text = (shipped_site / section / "index.html").read_text()
        assert 'class="jumps"' not in text and "rel=\"next\"" not in text, section
        assert not [p for p in (shipped_site / section).iterdir() if p.name.isdigit()], section
    events = (shipped_site / "events/index.html").read_text()
    assert events.index("2025-02-gao-road-killings") < events.index("2022-03-moura-killings")  # newest first


def test_tags_are_links_to_tag_pages_and_feeds_are_visible(shipped_site):
    report = (shipped_site / "reports/moura-killings-humangle/index.html").read_text()
    assert '<a href="/archive/tags/' in report
    for tag in (shipped_site / "tags").iterdir():
        if tag.is_dir():
            assert '<ol class="events">' in (tag / "index.html").read_text()
    for page in ("index.html", "actors/wagner-group/index.html", "locations/moura/index.html"):
        assert 'type="application/atom+xml">Atom feed</a>' in (shipped_site / page).read_text(), page


def test_locations_are_grouped_by_country_and_actors_ordered_by_count(shipped_site):
    places = (shipped_site / "locations/index.html").read_text()
    assert '<h2 id="country-1">Mali</h2>' in places
    actors = (shipped_site / "actors/index.html").read_text()
    assert 'id="by-count"' in actors and 'id="by-name"' in actors


def test_actors_by_number_of_events_stop_at_the_most_named_and_a_to_z_has_them_all(make_site, tmp_path):
    """/actors/ lists the MOST_NAMED actors named in the most events, then says that all
    are in the list from A to Z, which has every actor with the same number."""
    from incidents.build import build
    from incidents.site.render import MOST_NAMED

    many = MOST_NAMED + 7
    files = {f"content/reports/r{i:03d}.md": report(
        event=f"e{i:03d}", title=f"R {i}",
        actors="[" + ", ".join(f"Group {k:03d}" for k in range(many) if k <= i or k == many - 1) + "]")
        for i in range(many)}
    build(make_site(files), tmp_path / "out", search=False)
    page = (tmp_path / "out/actors/index.html").read_text()
    by_count = re.search(r'<ol class="columns">(.*?)</ol>', page, re.S).group(1)
    a_to_z = re.search(r'<ul class="columns">(.*?)</ul>', page, re.S).group(1)
    ranked = re.findall(r'<a href="/archive/actors/([^/]+)/">', by_count)
    assert len(ranked) == MOST_NAMED and ranked[:3] == ["group-000", "group-056", "group-001"]
    assert "group-055" not in ranked and f"{many} events" in by_count.split("</li>")[0]
    assert len(re.findall(r"<li>", a_to_z)) == many and "group-055/" in a_to_z
    assert (f'<p>The {MOST_NAMED} actors named in the most events; all {many} are listed '
            '<a href="#by-name">from A to Z</a>, each with its number of events.</p>') in page


# The 3,000-report corpus -----------------------------------------------------------------

def test_every_report_and_event_is_reachable_from_its_list_by_links(big_site, big_archive):
    reports = {r for r in crawl(big_site, "reports/", is_period("reports")) if r.count("/") == 2}
    assert {f"reports/{s}/" for s in big_archive.reports} <= reports
    for section in ("events", "timeline"):
        events = {r for r in crawl(big_site, f"{section}/", is_period(section)) if r.startswith("events/")}
        assert {f"events/{s}/" for s in big_archive.events} <= events, section


def test_every_event_of_a_big_actor_is_reachable_from_its_page(big_site, big_archive):
    actor = max(big_archive.actors.values(), key=lambda a: len(a.events))
    assert len(actor.events) > 100
    base = f"actors/{actor.slug}/"
    reached_ = crawl(big_site, base, lambda rel: rel.startswith(base))
    assert {f"events/{i.event}/" for i in actor.events} <= reached_


def test_the_years_counts_and_the_total_are_on_the_lists_own_page_the_months_counts_on_their_years(big_site):
    """A report added to one year changes the list's own page and that year's pages,
    not the pages of every other year (paging.jump_counts)."""
    def bars(rel: str) -> tuple[str, str]:
        page = (big_site / rel / "index.html").read_text()
        years = re.search(r'<nav class="jump" aria-label="Reports by year">(.*?)</nav>', page, re.S).group(1)
        months = re.search(r'<nav class="jump" aria-label="Reports by month">(.*?)</nav>', page, re.S)
        return page.split("<main")[1].split('<div class="jumps">')[0], years, months.group(1) if months else ""

    intro, years, _ = bars("reports")
    assert re.search(r"\d[\d,]* reports, newest first", intro)
    counted = re.findall(r'<a href="/reports/(\d{4})/"[^>]*>\d{4}</a> <span class="count">\(([\d,]+)\)', years)
    assert len(counted) == years.count("<li>") > 1
    oldest = counted[-1][0]
    months = sorted(p.parent.name for p in (big_site / "reports" / oldest).glob("*/index.html"))
    rel = f"reports/{oldest}/{months[0]}" if months else f"reports/{oldest}"
    intro, years, in_year = bars(rel)
    assert "Newest first by date of the incident." in intro and "reports, newest first" not in intro
    assert years.count("<li>") == len(counted) and 'class="count"' not in years
    if months:
        assert in_year.count('class="count"') == len(months)


def test_a_year_cut_into_months_is_titled_by_the_month_its_page_shows(big_site):
    """A year too long for a page shows its newest month, the others a page
    each: its page is titled by that month ("Reports: December 2024"), not by
    the year, which a reader who followed the year's bar read as the whole of
    it (a reader's review: "Timeline: 2024" over 38 of 434 events). A year of
    one page keeps the year."""
    cut = [p.parent for p in (big_site / "reports").glob("*/*/index.html") if p.parent.name.isdigit()]
    years = sorted({folder.parent.name for folder in cut})
    assert years
    for year in years:
        page = (big_site / "reports" / year / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?) · ", page).group(1)
        heading = re.search(r'<h2[^>]*>([A-Z][a-z]+ ' + year + r'|' + year + r', month not known)', page)
        assert heading and title == f"Reports: {heading.group(1)}", (year, title)
    whole = [p.parent.name for p in (big_site / "reports").glob("*/index.html")
             if p.parent.name.isdigit() and p.parent.name not in years]
    for year in whole:
        assert re.search(r"<title>(.*?) · ", (big_site / "reports" / year / "index.html").read_text()).group(1) \
            == f"Reports: {year}"


def test_no_list_page_is_over_100_kb(big_site):
    pages = list_pages(big_site)
    assert len(pages) > 100
    sizes = {p.relative_to(big_site).as_posix(): p.stat().st_size for p in pages}
    assert {p: n for p, n in sizes.items() if n > LIMIT} == {}


def overflow_and_height(page, host: str, rels: list[str]) -> dict[str, tuple[int, int, int]]:
    out = {}
    for rel in rels:
        assert page.goto(f"{host}/{rel}").ok, rel
        out[rel] = tuple(page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                                       " document.documentElement.scrollHeight]"))
    return out


def sample_list_pages(out: Path, archive) -> list[str]:
    actor = max(archive.actors.values(), key=lambda a: len(a.events)).slug
    place = max(archive.places.values(), key=lambda p: len(p.events)).slug
    year = max(e.date.year for e in archive.events.values())
    tag = sorted(p.name for p in (out / "tags").iterdir() if p.is_dir())[0]
    rels = ["reports/", "events/", "timeline/", "actors/", "locations/", "tags/", f"tags/{tag}/",
            f"actors/{actor}/", f"locations/{place}/"]
    for base in ("reports/", "events/", "timeline/", f"actors/{actor}/"):
        folder = out / base / str(year - 1)
        rels.append(f"{base}{year - 1}/")
        months = sorted(p.name for p in folder.iterdir() if p.is_dir())
        if months:
            rels.append(f"{base}{year - 1}/{months[0]}/")
    return rels


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_list_pages_fit_the_screen_and_stay_short(big_site, big_archive, width, height, browser):
    rels = sample_list_pages(big_site, big_archive)
    with serving(big_site) as host:
        page = browser.new_page(viewport={"width": width, "height": height})
        found = overflow_and_height(page, host, rels)
    assert {rel: (w, c) for rel, (w, c, _) in found.items() if w > c} == {}
    # about 20 screens at most (the first page of the timeline also holds its chart and map)
    assert {rel: h for rel, (_, _, h) in found.items() if h > 22 * height} == {}


ROWS = """() => [...document.querySelectorAll('#paged-list table.list tbody tr')].slice(0, 5).map(tr => {
  const [date, title] = tr.querySelectorAll('td'), region = tr.closest('.scroll');
  const unit = tr.querySelector('.unit');
  return [title.getBoundingClientRect().bottom <= date.getBoundingClientRect().top,
          getComputedStyle(unit).display !== 'none' && /^ \\d*\\s*reports?$/.test(' ' + unit.parentElement.innerText.replace(/^[\\d,]+/, '').trim()),
          region.scrollWidth <= region.clientWidth];
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_events_table_is_a_card_a_row_on_a_phone_and_a_table_on_a_desktop(big_site, width, browser):
    """At 390 px the five columns made a title a word a line and hid the toll off-screen: a row is
    the event's title, then its date, place, toll and "N reports" on a line; a desktop keeps the table."""
    with serving(big_site) as host:
        page = browser.new_page(viewport={"width": width, "height": 844})
        assert page.goto(f"{host}/events/").ok
        rows = page.evaluate(ROWS)
        head = page.locator("#paged-list thead").evaluate("h => h.getBoundingClientRect().height")
    assert len(rows) == 5 and all(fits for *_, fits in rows)
    phone = width == 390
    assert all(above == phone and unit == phone for above, unit, _ in rows), rows
    assert (head <= 1) == phone  # on a phone the header row is for screen readers only


def expected_rows(archive, actor: str, role: str, first: int, last: int, toll: int) -> list[str]:
    """The events the filter must show, newest first, computed from the content."""
    rows = []
    for e in reversed(list(archive.events.values())):
        start, end = e.date.year, (e.end_date or e.date).year
        t = e.toll("killed")
        if start > last or end < first or not t or t.low < toll:
            continue
        if not any(i.actor == actor and role in i.roles for i in e.actors):
            continue
        rows.append(e.slug)
    return rows


def test_the_filter_on_events_finds_the_right_rows_and_downloads_them(big_site, big_archive, tmp_path, browser):
    actor = max(big_archive.actors.values(), key=lambda a: len(a.events)).slug
    want = expected_rows(big_archive, actor, "alleged perpetrator", 2015, 2022, 5)
    assert 10 < len(want) < 1000
    query = f"?actor={actor}&role=alleged+perpetrator&from=2015&to=2022&toll=5"
    with serving(big_site) as host:
        page = browser.new_page(accept_downloads=True)
        page.goto(f"{host}/events/{query}")
        page.wait_for_selector("#event-filter[data-ready]")
        assert page.locator("#paged-list").is_hidden()
        shown = []
        while True:
            shown = page.eval_on_selector_all("#filter-rows tr td:nth-child(2) a",
                                              "links => links.map(a => a.getAttribute('href'))")
            if page.locator("#f-more").is_hidden():
                break
            page.click("#f-more")
        assert shown == [f"/events/{s}/" for s in want]
        assert page.locator("#filter-status").inner_text() == f"{len(want)} events match."
        assert float(page.get_attribute("#event-filter", "data-ms")) < 100
        with page.expect_download() as download:
            page.click("#f-csv")
        text = Path(download.value.path()).read_text(encoding="utf-8")
        # the state is in the address: a changed field changes it, and clearing shows the lists again
        page.select_option("#f-sort", "toll")
        assert "sort=toll" in page.url
        page.click("button[type=reset]")
        # polled from here: a predicate given as a string is run with eval, which the page's CSP forbids
        expect(page).to_have_url(re.compile(r"/events/$"))
        assert page.locator("#paged-list").is_visible()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["slug"] for r in rows] == want
    first = big_archive.events[want[0]]
    assert rows[0]["title"] == first.title and rows[0]["date"] == first.date.iso()
    assert int(rows[0]["toll_min"]) == first.toll("killed").low
    assert big_archive.actors[actor].name + ": alleged perpetrator" in rows[0]["actor_roles"]
    assert rows[0]["url"] == f"http://127.0.0.1/events/{want[0]}/"
    # events.csv's own rows, its columns that the download has, written alike
    data = (big_site / "data/events.csv").read_text(encoding="utf-8")
    whole = {r["slug"]: r for r in csv.DictReader(io.StringIO(data))}
    assert rows and list(rows[0]) == [c for c in next(iter(whole.values())) if c in rows[0]]
    assert sorted({c for r in rows for c, v in r.items() if v != whole[r["slug"]][c]}) == []
    assert "\r" not in text and "\r" not in data


def test_the_filter_data_is_compact(big_site, big_archive):
    data = (big_site / "data/events-filter.json").read_bytes()
    assert len(json.loads(data)["events"]) == len(big_archive.events)
    # under an eighth of events.json (a tenth while events.json repeated reports.json's claims)
    assert len(data) < (big_site / "data/events.json").stat().st_size / 8


def test_new_page_kinds_are_valid_and_accessible(big_site, big_archive, browser):
    rels = sample_list_pages(big_site, big_archive)
    assert nu_errors(*(big_site / rel / "index.html" for rel in rels)) == []
    found = {}
    with serving(big_site) as host:
        page = browser.new_page()
        for rel in rels + ["events/?tag=massacre"]:
            page.goto(f"{host}/{rel}")
            if rel.startswith("events/?"):
                page.wait_for_selector("#event-filter[data-ready]")
            violations = axe_violations(page, host)
            if violations:
                found[rel] = violations
    assert found == {}


def test_a_slug_of_digits_alone_is_refused_for_it_is_a_year_s_list(make_site):
    from incidents.errors import ContentError

    root = make_site({"content/reports/2024.md": report(), "content/reports/ok.md": report(event="2025"),
                      "content/reports/2025.md": report()})
    with pytest.raises(ContentError) as error:
        load(root)
    assert [str(p) for p in error.value.problems] == [
        'content/reports/2024.md:1: "2024" is the address of a year\'s list (/reports/2024/): name the file with a '
        'word in it, such as "2024-2025-02-test-event.md"',
        'content/reports/2025.md:1: "2025" is the address of a year\'s list (/reports/2025/): name the file with a '
        'word in it, such as "2025-02-test-event.md"',  # the event's slug, its year not given twice
        'content/reports/ok.md:3: event: "2025" is the address of a year\'s list (/events/2025/): add a word, such '
        'as "2025-killings"']
    # said with the report's own mistakes, not once they are mended
    (root / "content/reports/ok.md").unlink()
    (root / "content/reports/2025.md").unlink()
    (root / "content/reports/2024.md").write_text(report(date="2024-02-31"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(root)
    assert [str(p) for p in error.value.problems] == [
        'content/reports/2024.md:1: "2024" is the address of a year\'s list (/reports/2024/): name the file with a '
        'word in it, such as "2024-2025-02-test-event.md"',
        'content/reports/2024.md:4: date: "2024-02-31" is not a date: February 2024 has 29 days']


def test_reports_that_swap_events_move_on_their_place_s_and_actor_s_pages_as_a_clean_build_has_them(
        make_site, tmp_path, monkeypatch):
    """Two reports trade events in one change: no event's line changes (each keeps
    its number of reports), but a place's and an actor's pages are cut by each
    event's entries, and show each report under its event."""
    from incidents.build import build
    from sitecheck import tree_digest

    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "3")
    event = "---\ntitle: {t}\ndate: 2025-03-{d}\nlocation: Gao\n---\n"
    files = {f"content/events/e{i}.md": event.format(t=f"Event {i}", d=d) for i, d in ((3, 20), (2, 10), (1, "01"))}
    claim = "[{injured: 3, according_to: Wagner}]"
    for slug, ev, place, day, extra in [("r5", "e3", "Kidal", 20, {}), ("r4", "e2", "Gao", 10, {"actors": "[Wagner]"}),
                                        ("r2", "e2", "Kidal", 11, {"reported_toll": claim}),
                                        ("r1", "e1", "Gao", "01", {}), ("r3", "e1", "Gao", "02", {"actors": "[Wagner]"})]:
        files[f"content/reports/{slug}.md"] = report(event=ev, title=slug.upper(), date=f"2025-03-{day}",
                                                     location=place, **extra)
    root = make_site(files)
    out = tmp_path / "out"
    build(root, out, search=False)
    for slug, ev in (("r1", "e2"), ("r2", "e1")):
        path = root / f"content/reports/{slug}.md"
        path.write_text(path.read_text().replace("event: e", f"event: {ev}  #", 1))
    build(root, out, search=False)
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_place_named_by_one_event_of_many_reports_is_one_page():
    """Cutting a list of one item would only repeat it: no pages by period, no jump bar."""
    one = paginate("locations/moura/", days((2022, 3, 27)), size=60, weight={"2022-3-27": 61})
    assert one.rels() == ["locations/moura/"] and not one.paged
    two_years = paginate("locations/moura/", days((2024, 1, 5), (2022, 3, 27)), size=60,
                         weight={"2022-3-27": 61})
    assert two_years.rels() == ["locations/moura/", "locations/moura/2024/", "locations/moura/2022/"]


def test_an_actor_s_event_counts_the_reports_figures_and_responses_its_page_shows(make_site):
    """lists.actor_entries: an event, each report naming the actor in it, each figure
    the actor gives there and each response it makes; lists.place_entries: an event
    and each report naming the place."""
    from incidents.site.lists import actor_entries, place_entries

    said = "[{by: FAMa, stance: denied}, {by: FAMa, stance: other, quote: no comment today}]"
    root = make_site({
        "content/reports/a.md": report(event="2025-03-x", actors="[FAMa]", responses=said,
                                       reported_toll="[{killed: 4, according_to: FAMa}]"),
        "content/reports/b.md": report(event="2025-03-x", title="B", actors="[FAMa]"),
        "content/reports/c.md": report(event="2025-03-y", title="C", date="2025-03-20",
                                       reported_toll="[{killed: 2, according_to: FAMa}]")})
    archive = link(load(root, "http://127.0.0.1/"))
    assert actor_entries(archive, "fama") == {"2025-03-x": 1 + 2 + 1 + 2, "2025-03-y": 1 + 1}
    assert place_entries(archive, "gao") == {"2025-03-x": 3, "2025-03-y": 2}


CELLS = """(selector) => [...document.querySelectorAll(selector + ' tr')].map(
  tr => [...tr.querySelectorAll('td')].map(td => td.innerHTML))"""


def test_the_filter_writes_each_row_as_the_list_does_in_both_languages(make_site, tmp_path, browser):
    """Dates as the site writes them ("9–13 January 2012", "1er–5 mars 2024", "30 June – 2 July 2024",
    "30 December 2024 – 2 January 2025"), tolls, places, titles and counts: each filtered row is the
    server's row for that event, cell for cell, in English and in French."""
    from incidents.build import build

    spans = [("2012-01-09", "2012-01-13", "[{killed: 12, according_to: A}]"),
             ("2024-06-30", "2024-07-02", "[{killed: 20, according_to: A}, {killed: 30, according_to: B}]"),
             ("2024-12-30", "2025-01-02", "[{killed: {min: 1200}, according_to: A}]"),
             ("2024-03-01", "2024-03-05", "[{killed: 1, according_to: A}]"),
             ("2024-08-01", None, None),
             ("2023-04-01", "2023-05-01", "[{killed: 46, according_to: A}, {killed: {min: 60}, according_to: B}]"),
             ("'2022-03'", "'2022-05'", "[{killed: {min: 3, max: 5}, according_to: A}]"),
             ("'2019'", None, "[{injured: 2, according_to: A}]")]
    files = {}
    for i, (start, end, toll) in enumerate(spans):
        slug = f"{start.strip(chr(39))[:7]}-event-{i}"
        files[f"content/reports/r{i}.md"] = report(event=slug, title=f"Report {i}", date=start, end_date=end,
                                                   reported_toll=toll, location="Gao" if i % 2 else "Kidal")
    root = make_site(files, site="title: T\nbase_url: http://127.0.0.1/\nlanguage: en\nlanguages: [en, fr]\n")
    out = tmp_path / "out"
    build(root, out, search=False)
    found = {}
    with serving(out) as host:
        page = browser.new_page()
        for prefix in ("", "fr/"):
            page.goto(f"{host}/{prefix}events/?from=1900")
            page.wait_for_selector("#event-filter[data-ready]")
            found[prefix] = page.evaluate(CELLS, "#paged-list tbody"), page.evaluate(CELLS, "#filter-rows")
    for prefix, (listed, filtered) in found.items():
        assert len(listed) == len(spans)
        assert filtered == listed, prefix
    dates = [re.sub("<[^>]+>", "", row[0]) for row in found["fr/"][0]]
    assert "1er–5 mars 2024" in dates and "30 décembre 2024 – 2 janvier 2025" in dates
    assert "1er avril – 1er mai 2023" in dates
    assert "9–13 January 2012" in [re.sub("<[^>]+>", "", row[0]) for row in found[""][0]]
