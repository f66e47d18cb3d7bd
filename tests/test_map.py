"""The maps: Natural Earth outlines kept in the project, a point per located
event inside the right country, events without coordinates listed beside the
map, and a locator map on event and location pages with coordinates."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chartcheck import SVG, page_of, svgs
from conftest import ARCHIVE, ROOT, SITE, report, write_site
from incidents.content.link import link
from incidents.content.load import load
from incidents.site import maps
from incidents.site.maps import archive_map, inside, load_countries, locator_map
from incidents.site.urls import Urls

PREFIX = "/archive/"
ABEIBARA = (1.75, 19.12)  # lon, lat


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("map") / "site"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(ARCHIVE), "build", "--out", str(out),
                           "--no-search", "--base-url", f"https://example.org{PREFIX}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def rings(d: str) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in part.split("L")] for part in re.findall(r"M([^Z]*)Z", d)]


def inside_path(d: str, x: float, y: float) -> bool:
    """Even-odd over every ring of an SVG path, as the browser fills it."""
    return sum(inside(r, x, y) for r in rings(d)) % 2 == 1


def test_abeibara_lies_inside_malis_outline():
    countries = load_countries()
    assert countries["mali"].contains(*ABEIBARA)
    assert not countries["niger"].contains(*ABEIBARA) and not countries["algeria"].contains(*ABEIBARA)
    assert countries["burkina faso"].contains(-1.5, 12.4)  # Ouagadougou


def test_outlines_drawn_once_are_the_outlines_drawn_afresh():
    """A process draws each frame's outlines once (the preview and the tests build
    again and again): a map drawn after others is the one drawn first, and
    another frame, or other countries covered, get outlines of their own."""
    countries = load_countries()
    gao = locator_map(countries, "Gao", "Mali", 16.27, -0.04)
    sea = locator_map(countries, "At sea", "Mali", 0.0, -20.0)  # outside its country: the area around it
    dakar = locator_map(countries, "Dakar", "Mali", 14.69, -17.44)  # the same: another frame, no country covered
    niamey = locator_map(countries, "Niamey", "Niger", 13.51, 2.11)
    maps._DRAWN.clear()
    assert locator_map(countries, "Niamey", "Niger", 13.51, 2.11) == niamey
    assert locator_map(countries, "Dakar", "Mali", 14.69, -17.44) == dakar
    assert locator_map(countries, "At sea", "Mali", 0.0, -20.0) == sea
    assert locator_map(countries, "Gao", "Mali", 16.27, -0.04) == gao
    assert len({gao.outlines, sea.outlines, dakar.outlines, niamey.outlines}) == 4


@pytest.mark.parametrize("page", ["index.html", "locations/index.html"])
def test_map_draws_each_located_event_inside_its_country_and_lists_the_rest(site, page):
    html = (site / page).read_text(encoding="utf-8")
    [svg] = svgs(html, "map")
    # the sea and the countries are a picture of their own, the same size, under the marks
    picture = re.search(r'<div class="map-frame">\s*<img src="([^"]+)" alt="" width="(\d+)" height="(\d+)">', html)
    assert picture.group(1) == f"{PREFIX}map/outlines.svg" and "<path" not in ET.tostring(svg, encoding="unicode")
    drawn = ET.parse(site / "map/outlines.svg").getroot()
    assert drawn.get("viewBox") == svg.get("viewBox") == f"0 0 {picture.group(2)} {picture.group(3)}"
    mali = next(p for p in drawn.iter(f"{SVG}path") if p.get("data-country") == "Mali")
    assert "covered" in mali.get("class")
    points = {a.get("href"): a for a in svg.iter(f"{SVG}a") if "point" in a.get("class", "")}
    # the country's name is drawn above the marks, and leads to its closer map
    [label] = [a for a in svg.iter(f"{SVG}a") if "point" not in a.get("class", "")]
    assert label.get("href") == f"{PREFIX}map/mali/" and (site / "map/mali/index.html").is_file()
    assert set(points) == {f"{PREFIX}events/{s}/" for s in
                           ["2022-03-moura-killings", "2024-06-abeibara-killings", "2025-02-gao-road-killings"]}
    for url, a in points.items():
        assert page_of(site, PREFIX, url).is_file() and a.get("aria-label")
        circle = a.find(f"{SVG}circle")
        assert inside_path(mali.get("d"), float(circle.get("cx")), float(circle.get("cy"))), url
    others = [p for p in drawn.iter(f"{SVG}path") if p.get("data-country") in ("Niger", "Algeria")]
    abeibara = points[f"{PREFIX}events/2024-06-abeibara-killings/"].find(f"{SVG}circle")
    assert others and not any(inside_path(p.get("d"), float(abeibara.get("cx")), float(abeibara.get("cy")))
                              for p in others)
    # the event without coordinates is not dropped: it is listed beside the map
    beside = html.split('<div class="unlocated">')[1].split("</div>")[0]
    assert f'href="{PREFIX}events/2025-02-aslagh-killings/"' in beside
    assert len(points) + beside.count("<li>") == int(svg.get("data-events")) == 4


def test_locator_maps_on_pages_with_coordinates_only(site):
    for page in ["events/2024-06-abeibara-killings/index.html", "locations/abeibara/index.html"]:
        html = (site / page).read_text(encoding="utf-8")
        assert '<figure class="locator" data-pagefind-ignore>' in html and "Abeibara on a map of Mali: 19.12° N, 1.75° E" in html
        # the country is one picture every page of a place in it shares; the page draws the mark over it
        figure = re.search(r'<figure class="locator" data-pagefind-ignore>(.*?)</figure>', html, re.S).group(1)
        picture = re.search(r'<img src="([^"]+)" alt="" width="220" height="(\d+)">', figure)
        assert picture.group(1) == f"{PREFIX}map/mali/locator.svg"
        svg = re.search(r"<svg .*?</svg>", figure, re.S).group(0)
        assert f'viewBox="0 0 220 {picture.group(2)}"' in svg and "<path" not in svg
        root = ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))
        drawn = ET.parse(site / picture.group(1).removeprefix(PREFIX)).getroot()
        assert drawn.get("viewBox") == root.get("viewBox")
        mali = next(p for p in drawn.iter(f"{SVG}path") if p.get("data-country") == "Mali")
        dot = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "locator-dot"][0]
        assert inside_path(mali.get("d"), float(dot.get("cx")), float(dot.get("cy")))
    for page in ["events/2025-02-aslagh-killings/index.html", "locations/aslagh/index.html"]:
        assert '<figure class="locator" data-pagefind-ignore>' not in (site / page).read_text(encoding="utf-8")


def test_a_place_outside_its_country_is_drawn_with_the_area_around_it(make_site, tmp_path):
    # Coordinates off the country named (a slip, or a border place): no country picture
    # fits, so the area around the place is drawn in the page itself.
    root = make_site({"content/reports/a.md": report(event="a", title="A",
                                                     location="{name: Abidjan, country: Mali, lat: 5.3, lon: -4.0}"),
                      "content/reports/b.md": report(event="b", title="B",
                                                     location="{name: Gao, country: Mali, lat: 16.27, lon: -0.04}")})
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--no-search"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    off = (out / "events/a/index.html").read_text(encoding="utf-8")
    assert "Abidjan on a map of the area" in off and "<img" not in off.split('class="locator"')[1].split("</figure>")[0]
    assert 'class="country' in off.split('class="locator"')[1]
    gao = (out / "events/b/index.html").read_text(encoding="utf-8")
    assert 'map/mali/locator.svg" alt=""' in gao and (out / "map/mali/locator.svg").is_file()
    assert sorted(p.name for p in (out / "map").iterdir()) == ["mali", "outlines.svg"]


def test_events_at_one_place_are_one_mark_and_marks_that_would_overlap_are_grouped(make_site):
    files = {f"content/reports/r{i}.md": report(
        event=f"e{i}", title=f"R {i}", location=f"{{name: Place {i % 7}, country: Mali, lat: {14 + (i % 7) * 0.05}, lon: -2}}")
        for i in range(30)}
    files.update({f"content/reports/f{i}.md": report(
        event=f"f{i}", title=f"F {i}", location="{name: Far, country: Mali, lat: 20, lon: 1}") for i in range(3)})
    files["content/reports/x.md"] = report(event="ex", title="X", location="{name: Nowhere, country: Mali}")
    archive = link(load(make_site(files)))
    urls = Urls(archive.site.base_url)
    m = archive_map(archive, urls, load_countries(), list(archive.events.values()), "Map")
    assert sorted(p.count for p in m.points) == [3, 30]  # seven places a few km apart: one group; "Far": one mark
    far = next(p for p in m.points if p.count == 3)
    assert far.url == "/archive/locations/far/" and far.text == "3" and not far.places
    group = next(p for p in m.points if p.count == 30)
    assert group.url == f"#{group.anchor}" and len(group.places) == 7 and group.text == "30"
    assert sum(int(x.note.split()[0]) for x in group.places) == 30
    assert [x.url for x in m.unlocated] == ["/archive/events/ex/"]
    assert [(c.text, c.url) for c in m.closer] == [("Mali", "/archive/map/mali/")]
    closer = archive_map(archive, urls, load_countries(), list(archive.events.values()), "Mali", country="mali")
    assert closer.width == m.width and sum(p.count for p in closer.points) == 33


def test_a_mark_gathering_many_places_lists_the_busiest_and_counts_the_rest(make_site, tmp_path):
    """Under the map, a mark's places are listed busiest first, at most MAX_GROUPED of
    them, and the rest counted with a link to the list of every place: at 100,000 reports one
    mark gathered 1,932 places, and their list made most of the home page."""
    from incidents.build import build

    many = maps.MAX_GROUPED + 5
    files = {f"content/reports/r{i}.md": report(
        event=f"e{i}", title=f"R {i}",
        location=f"{{name: Hamlet {i:02d}, country: Mali, lat: {14 + i * 0.001:.3f}, lon: -2}}")
        for i in range(many)}
    files.update({f"content/reports/b{i}.md": report(
        event=f"b{i}", title=f"B {i}", location="{name: Hamlet 07, country: Mali, lat: 14.007, lon: -2}")
        for i in range(2)})
    root = make_site(files)
    archive = link(load(root))
    m = archive_map(archive, Urls(archive.site.base_url), load_countries(), list(archive.events.values()), "Map")
    (group,) = m.groups
    assert group.count == many + 2 and group.label.startswith(f"{many} places around Hamlet 07")
    assert len(group.places) == maps.MAX_GROUPED and group.places_more == 5
    assert group.places[0].text == "Hamlet 07" and group.places[0].count == 3
    build(root, tmp_path / "out", search=False)
    home = (tmp_path / "out/index.html").read_text()
    item = re.search(rf'<li id="{group.anchor}">(.*?)</li>', home, re.S).group(1)
    assert item.count('<a href="/archive/locations/hamlet-') == maps.MAX_GROUPED
    assert item.endswith('. And 5 more, in the <a href="/archive/locations/#every-place">list of locations</a>.')


def test_places_not_on_the_map_are_listed_busiest_first_then_by_name(make_site, monkeypatch):
    """Beside the map, places without coordinates come with the most events first, then
    A to Z (not in the order their events happen to come), at most MAX_UNLOCATED of them;
    events without coordinates come newest first."""
    counts = {"Zinder": 1, "Ayorou": 1, "Kidal": 4, "Tessit": 2, "Ber": 4, "Menaka": 2}
    files = {}
    for i, (place, n) in enumerate(counts.items()):
        files.update({f"content/reports/{place.lower()}{j}.md": report(
            event=f"e-{place.lower()}-{j}", title=f"{place} {j}", date=f"2024-{i + 1:02d}-{j + 1:02d}",
            location=f"{{name: {place}, country: Mali}}") for j in range(n)})
    files["content/reports/gao.md"] = report(event="gao", title="Gao",
                                             location="{name: Gao, country: Mali, lat: 16.27, lon: -0.04}")
    archive = link(load(make_site(files)))
    urls, events = Urls(archive.site.base_url), list(archive.events.values())
    monkeypatch.setattr(maps, "MAX_UNLOCATED", 4)
    m = archive_map(archive, urls, load_countries(), events, "Map", max_points=0)
    assert m.unit == "place"
    assert [(x.text, x.count) for x in m.unlocated] == [("Ber", 4), ("Kidal", 4), ("Menaka", 2), ("Tessit", 2)]
    assert m.unlocated_more == 2
    by_event = archive_map(archive, urls, load_countries(), events, "Map")
    assert by_event.unit == "event"
    assert [x.url for x in by_event.unlocated] == [f"/archive/events/e-menaka-{j}/" for j in (1, 0)] + [
        f"/archive/events/e-ber-{j}/" for j in (3, 2)]


def test_the_places_not_listed_beside_the_map_are_marked_in_the_list_of_locations_it_links(
        make_site, tmp_path, monkeypatch):
    """"And 3 more" leads to where every place is listed (on /locations/ cut by initial,
    its A to Z), and each place without coordinates is marked there: /locations/ itself
    does not list its places once they are cut by initial."""
    from incidents.build import build

    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "20")  # the index of places cut by initial
    monkeypatch.setattr(maps, "MAX_UNLOCATED", 30)
    files = {f"content/reports/h{i}.md": report(event=f"h{i}", title=f"H {i}",
                                                location=f"{{name: Hamlet {i:02d}, country: Mali}}")
             for i in range(33)}
    files["content/reports/gao.md"] = report(event="gao", title="Gao",
                                             location="{name: Gao, country: Mali, lat: 16.27, lon: -0.04}")
    root = make_site(files)
    out = tmp_path / "out"
    build(root, out, search=False)
    index = (out / "locations/index.html").read_text()
    assert 'id="every-place"' in index and 'href="/archive/locations/a-z/h/"' in index
    for page in ("index.html", "timeline/index.html", "locations/index.html", "map/mali/index.html"):
        html = (out / page).read_text()
        assert ('And 3 more, at places marked “not on the map” in the '
                '<a href="/archive/locations/#every-place">list of locations</a>.') in html, page
    lines = {m.group(1): m.group(2) for path in (out / "locations/a-z").rglob("index.html")
             for m in re.finditer(r'<li><a href="/archive/locations/[^"]+/">([^<]+)</a> <span class="meta">(.*?)</span></li>',
                                    path.read_text())}
    assert len(lines) == 34
    assert all("not on the map" in lines[f"Hamlet {i:02d}"] for i in range(33)), lines
    assert "not on the map" not in lines["Gao"]


def test_beside_the_map_the_first_ten_of_many_not_on_it_show_and_the_others_fold_under_their_number(tmp_path):
    """Up to 60 entries a line each made a phone's reader scroll past a list
    as long as three screens under the map: more than 12, the first 10 show
    (the busiest) and the others fold under "5 more places without
    coordinates", opened by a tap, without JavaScript; 12 or fewer all show."""
    from incidents.build import build

    def listed(n: int) -> tuple[list[str], str, list[str]]:
        files = {f"content/reports/h{i}.md": report(event=f"h{i}", title=f"H {i}",
                                                    location=f"{{name: Hamlet {i:02d}, country: Mali}}")
                 for i in range(n)}
        files["content/reports/gao.md"] = report(event="gao", title="Gao",
                                                 location="{name: Gao, country: Mali, lat: 16.27, lon: -0.04}")
        out = tmp_path / f"out{n}"
        build(write_site(tmp_path / f"site{n}", files, SITE), out, search=False)
        beside = (out / "index.html").read_text().split('<div class="unlocated">')[1].split("</div>")[0]
        shown, _, folded = beside.partition("<details>")
        summary = re.search(r"<summary>(.*?)</summary>", folded)
        names = lambda html: re.findall(r'<li><a href="/archive/[^"]+/">([^<]+)</a>', html)  # noqa: E731
        return names(shown), summary.group(1) if summary else "", names(folded)

    shown, summary, folded = listed(15)
    assert len(shown) == 10 and len(folded) == 5
    assert re.fullmatch(r"5 more (places|events) without coordinates", summary), summary
    assert set(shown + folded) in ({f"Hamlet {i:02d}" for i in range(15)}, {f"H {i}" for i in range(15)})
    shown, summary, folded = listed(12)
    assert len(shown) == 12 and not summary and not folded


def test_a_marks_area_says_its_number_of_events_and_its_number_fits_in_it(make_site):
    """Marks far apart, of 1, 2, 9, 36 and 144 events: the largest is drawn at maps.MAX_RADIUS,
    and past the disc of a few events (MIN_RADIUS) the area grows in proportion with the count;
    a single event is a dot; none is smaller than its number needs, and each can be tapped
    over at least TAP_RADIUS (24 CSS px on a phone). Every mark was 18.5 units, 27 events or 747."""
    spots = {"Kayes": (14.45, -11.43, 1), "Gao": (16.27, -0.04, 2), "Kidal": (18.44, 1.41, 9),
             "Mopti": (14.49, -4.19, 36), "Taoudenni": (22.68, -3.98, 144)}
    files = {f"content/reports/{place.lower()}-{i}.md": report(
        event=f"{place.lower()}-{i}", title=f"{place} {i}", location=f"{{name: {place}, country: Mali, lat: {lat}, lon: {lon}}}")
        for place, (lat, lon, n) in spots.items() for i in range(n)}
    archive = link(load(make_site(files)))
    m = archive_map(archive, Urls(archive.site.base_url), load_countries(), list(archive.events.values()), "Map")
    r = {p.count: p.r for p in m.points}
    assert sorted(r) == [1, 2, 9, 36, 144]
    assert r[144] == maps.MAX_RADIUS and r[1] == maps.ONE_RADIUS
    above = {n: r[n] ** 2 - maps.MIN_RADIUS ** 2 for n in r}
    for n in (2, 9, 36):
        assert above[n] / above[144] == pytest.approx(n / 144, abs=0.01), n
    assert r[1] < r[2] < r[9] < r[36] < r[144]
    assert all(p.r >= maps.text_radius(p.count) and p.tap >= maps.TAP_RADIUS for p in m.points)
