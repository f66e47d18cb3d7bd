"""The timeline chart: SVG drawn at build time on the home page and /timeline/,
a mark per event (or per month or year when marks would overlap), each a named
link to a page that exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from chartcheck import marks, page_of, svgs
from conftest import ROOT, report
from sitecheck import broken_links

PREFIX = "/archive/"


def build(root: Path, out: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--no-search", "--base-url", f"https://example.org{PREFIX}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("charts") / "site"
    build(ROOT, out)
    return out


def shipped_events() -> set[str]:
    import yaml
    return {yaml.safe_load(p.read_text().split("---")[1])["event"] for p in (ROOT / "content/reports").glob("*.md")}


@pytest.mark.parametrize("page", ["index.html", "timeline/index.html"])
def test_chart_has_a_mark_linking_to_each_event(site, page):
    [svg] = svgs((site / page).read_text(encoding="utf-8"), "timeline-chart")
    assert svg.get("data-level") == "event"
    found = marks(svg)
    events = shipped_events()
    assert len(found) == len(events) == int(svg.get("data-events"))
    assert {a.get("href") for a in found} == {f"{PREFIX}events/{slug}/" for slug in events}
    for a in found:
        assert page_of(site, PREFIX, a.get("href")).is_file()
        assert a.get("aria-label") and a.find("{http://www.w3.org/2000/svg}title").text == a.get("aria-label")
    svg_title = svg.find("{http://www.w3.org/2000/svg}title")
    assert svg_title is not None and svg_title.text and svg.find("{http://www.w3.org/2000/svg}desc").text


def test_mark_sizes_follow_the_low_toll_and_show_the_range(site):
    [svg] = svgs((site / "timeline/index.html").read_text(encoding="utf-8"), "timeline-chart")
    by_event = {a.get("href").split("/")[-2]: a for a in marks(svg)}

    def radii(slug):
        circles = {c.get("class"): c for c in by_event[slug].iter("{http://www.w3.org/2000/svg}circle")}
        return {k: float(c.get("r")) for k, c in circles.items()}, circles

    moura, _ = radii("2022-03-moura-killings")  # at least 300
    aslagh, _ = radii("2025-02-aslagh-killings")  # 4, exactly
    abeibara, circles = radii("2024-06-abeibara-killings")  # 46 to at least 60
    assert moura["low"] > abeibara["low"] > aslagh["low"]
    assert abeibara["high"] > abeibara["low"] and circles["high"].get("stroke-dasharray")
    assert "high" not in aslagh  # an exact figure has no range ring
    assert "46 to at least 60 killed" in by_event["2024-06-abeibara-killings"].get("aria-label")


def many_events(n: int, year: int = 2024, prefix: str = "") -> dict[str, str]:
    files = {}
    for i in range(n):
        month, day = i % 12 + 1, i % 27 + 1
        place = ["Gao", "Kidal", "Mopti"][i % 3]
        files[f"content/reports/{prefix}r{i}.md"] = report(
            event=f"{prefix}e{i:03d}", title=f"Report {i}", date=f"{year}-{month:02d}-{day:02d}", location=place,
            reported_toll=f"{{killed: {i % 40}, according_to: Test Wire}}" if i % 5 else
            "{killed: {min: 3}, according_to: Test Wire}")
    return files


def test_a_crowded_chart_aggregates_by_month_and_keeps_every_event(make_site, tmp_path):
    root = make_site(many_events(420))
    out = tmp_path / "out"
    build(root, out)
    [svg] = svgs((out / "timeline/index.html").read_text(encoding="utf-8"), "timeline-chart")
    assert svg.get("data-level") == "month"
    found = marks(svg)
    assert sum(int(a.get("data-count")) for a in found) == 420 == int(svg.get("data-events"))
    assert len(found) <= 3 * 12
    # 420 events: the timeline is cut by month, and each mark leads to its month's page
    assert all(re.match(rf"{PREFIX}timeline/2024/(\d\d)/#y2024-\1$", a.get("href")) for a in found)
    assert broken_links(out, PREFIX) == []  # every month mark leads to its section of the timeline


def test_events_over_many_years_aggregate_by_year(make_site, tmp_path):
    files = {}
    for year in range(1990, 2026):
        files.update(many_events(12, year, prefix=f"y{year}-"))
    root = make_site(files)
    out = tmp_path / "out"
    build(root, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "timeline-chart")
    assert svg.get("data-level") == "year"
    assert sum(int(a.get("data-count")) for a in marks(svg)) == 36 * 12
    assert len(html) < 200_000
    assert broken_links(out, PREFIX) == []


def test_actor_page_shows_its_events_as_a_small_timeline(site):
    html = (site / "actors/wagner-group/index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "timeline-chart")
    hrefs = [a.get("href") for a in marks(svg)]
    listed = set(re.findall(r'<li>\s*<a href="(/archive/events/[^"/]+/)"', html))
    assert sorted(hrefs) == sorted(listed) and len(hrefs) == 4
    assert all(page_of(site, PREFIX, h).is_file() for h in hrefs)
    assert "alleged perpetrator" in "".join(svg.itertext())


def test_event_page_shows_the_spread_of_claimed_tolls_labelled_by_who_claims(site):
    html = (site / "events/2024-06-abeibara-killings/index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "range-chart")
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "All claims" in texts and "Kal Akal" in texts and any(t.startswith("Hamadine Driss") for t in texts)
    assert "46 to at least 60" in texts and "46" in texts and "at least 60" in texts
    assert "46 according to Hamadine Driss Ag Mohamed" in svg.get("aria-label")
    gao = (site / "events/2025-02-gao-road-killings/index.html").read_text(encoding="utf-8")
    [svg] = svgs(gao, "range-chart")
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text") if "range-label" == t.get("class")]
    assert len(labels) == 1 + gao.count('<tr id="claim-')  # the range, then one row per claim in the table


def test_chart_colours_keep_text_contrast_on_white():
    css = (ROOT / "static/style.css").read_text()
    colours = set(re.findall(r"\.mark\.c\d circle \{ stroke: (#[0-9a-f]{6}); \}", css))
    colours |= set(re.findall(r"\.chart text\.c\d \{ fill: (#[0-9a-f]{6}); \}", css))
    assert len(colours) == 6

    def luminance(hex_: str) -> float:
        rgb = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for colour in colours:
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour  # lane labels are text: WCAG AA


def test_a_claim_of_zero_killed_still_draws_its_range_bar(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report(reported_toll="{killed: 0, according_to: Test Wire}"),
                      "content/reports/s.md": report(title="Other", reported_toll="{killed: {min: 0}, according_to: Test Wire}")})
    out = tmp_path / "out"
    build(root, out)
    [svg] = svgs((out / "events/2025-02-test-event/index.html").read_text(encoding="utf-8"), "range-chart")
    assert "0 according to Test Wire" in svg.get("aria-label")
