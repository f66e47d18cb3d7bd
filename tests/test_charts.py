"""The timeline chart: SVG drawn at build time on the home page and /timeline/,
a mark per event (or per month or year when marks would overlap), each a named
link to a page that exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from chartcheck import SVG, marks, svgs
from conftest import ARCHIVE, ROOT, report
from sitecheck import broken_links

PREFIX = "/archive/"


def build(root: Path, out: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--no-search", "--base-url", f"https://example.org{PREFIX}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def site(shipped_build) -> Path:
    """The shipped archive under /archive/ (conftest.shipped_build, shared: read it only)."""
    return shipped_build


def shipped_events() -> set[str]:
    import yaml
    return {yaml.safe_load(p.read_text().split("---")[1])["event"] for p in (ARCHIVE / "content/reports").glob("*.md")}


@pytest.mark.parametrize("page", ["index.html", "timeline/index.html"])
def test_chart_counts_events_per_month_stacked_by_place_each_bar_a_link(site, page):
    [svg] = svgs((site / page).read_text(encoding="utf-8"), "timeline-chart")
    assert svg.get("data-level") == "month"  # four years: a bar per month
    found = marks(svg)
    events = shipped_events()
    assert sum(int(a.get("data-events")) for a in found) == len(events) == int(svg.get("data-events"))
    # Moura (March 2022), Abeibara (June 2024), Aslagh and the Gao road (February 2025)
    assert [a.get("href") for a in found] == [f"{PREFIX}timeline/#y2022-03", f"{PREFIX}timeline/#y2024-06",
                                              f"{PREFIX}timeline/#y2025-02"]
    assert [int(a.get("data-killed")) for a in found] == [300, 46, 24 + 4]  # the lowest claims added up
    assert [a.get("data-latest") for a in found] == [None, None, ""]
    for a in found:
        assert a.get("aria-label") and a.find(f"{SVG}title").text == a.get("aria-label")
    assert "February 2025: 2 events (" in found[-1].get("aria-label")
    svg_title = svg.find(f"{SVG}title")
    assert svg_title is not None and svg_title.text and svg.find(f"{SVG}desc").text


def bar_heights(a) -> list[float]:
    return [float(r.get("height")) for r in a.iter(f"{SVG}rect") if "bar" in r.get("class", "")]


def test_bar_heights_follow_the_counts(site):
    [svg] = svgs((site / "timeline/index.html").read_text(encoding="utf-8"), "timeline-chart")
    moura, abeibara, february = marks(svg)
    assert len(bar_heights(february)) == 4  # two places, two panels
    events = lambda a: sum(bar_heights(a)[: len(bar_heights(a)) // 2])  # noqa: E731
    killed = lambda a: sum(bar_heights(a)[len(bar_heights(a)) // 2:])  # noqa: E731
    assert events(february) == pytest.approx(2 * events(moura), abs=0.2) and events(moura) == events(abeibara)
    assert killed(moura) > killed(abeibara) > killed(february) > 0
    assert killed(moura) / killed(abeibara) == pytest.approx(300 / 46, rel=0.02)


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


def test_one_year_of_many_events_draws_a_bar_per_month_and_keeps_every_event(make_site, tmp_path):
    root = make_site(many_events(420))
    out = tmp_path / "out"
    build(root, out)
    [svg] = svgs((out / "timeline/index.html").read_text(encoding="utf-8"), "timeline-chart")
    assert svg.get("data-level") == "month"
    found = marks(svg)
    assert sum(int(a.get("data-events")) for a in found) == 420 == int(svg.get("data-events"))
    assert len(found) == 12
    # 420 events: the timeline is cut by month, and each bar leads to its month's page
    assert all(re.match(rf"{PREFIX}timeline/2024/(\d\d)/#y2024-\1$", a.get("href")) for a in found)
    assert broken_links(out, PREFIX) == []  # every bar leads to its section of the timeline
    assert svg.find(f"{SVG}desc").text.startswith("420 events in 2024: ")  # not "from 2024 to 2024"


def test_events_over_many_years_draw_a_bar_per_year(make_site, tmp_path):
    files = {}
    for year in range(1990, 2026):
        files.update(many_events(12, year, prefix=f"y{year}-"))
    root = make_site(files)
    out = tmp_path / "out"
    build(root, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "timeline-chart")
    assert svg.get("data-level") == "year"
    found = marks(svg)
    assert len(found) == 36 and sum(int(a.get("data-events")) for a in found) == 36 * 12
    assert len(html) < 200_000
    assert broken_links(out, PREFIX) == []


def test_actor_page_shows_its_events_stacked_by_role(site):
    html = (site / "actors/wagner-group/index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "timeline-chart")
    assert sum(int(a.get("data-events")) for a in marks(svg)) == 4
    legend = html.split('<ul class="chart-legend"')[1].split("</ul>")[0]
    assert "alleged perpetrator" in legend
    # A sum no source gives is said as what it is, and each event's own toll is beside it to check it by.
    assert re.search(r"\(\d events?, lowest claims add up to \d+ killed\)", legend), legend
    assert "lowest claims add up to" in svg.find(f"{SVG}desc").text
    assert re.search(r'Gao–Algeria road</a> · at least 24 killed · ', html)
    french = (site / "fr/actors/wagner-group/index.html").read_text(encoding="utf-8")
    assert "les chiffres les plus bas totalisent" in french.split('<ul class="chart-legend"')[1].split("</ul>")[0]


def test_an_actor_s_bars_lead_to_its_own_events_of_that_time(make_site, tmp_path, monkeypatch):
    """On an actor's page a bar leads to the actor's events of its month, on the
    page of its list that shows them, not to every event of the month on the timeline."""
    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "5")  # the actor's list cut by year and month
    files = {}
    for i in range(36):
        month = i % 12 + 1
        files[f"content/reports/r{i}.md"] = report(
            event=f"e{i:03d}", date=f"{2023 + i // 24}-{month:02d}-{i % 27 + 1:02d}", location="Gao",
            actors="[{name: Wagner Group, role: alleged perpetrator}]", reported_toll="{killed: 3}")
    root = make_site(files)
    out = tmp_path / "out"
    build(root, out)
    html = (out / "actors/wagner-group/index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "timeline-chart")
    hrefs = [a.get("href") for a in marks(svg)]
    assert len(hrefs) == 24 and all(h.startswith(f"{PREFIX}actors/wagner-group/") and h.endswith("#period")
                                   for h in hrefs), hrefs
    assert f"{PREFIX}actors/wagner-group/2023/05/#period" in hrefs
    may = (out / "actors/wagner-group/2023/05/index.html").read_text(encoding="utf-8")
    assert 'href="/archive/events/e004/"' in may and 'href="/archive/events/e005/"' not in may
    assert "Each bar leads to its month in the list below." in html
    assert broken_links(out, PREFIX) == []


def test_an_actor_s_roles_past_the_busiest_are_other_roles_not_the_role_other(make_site, tmp_path):
    roles = ["alleged perpetrator", "victim", "claimant", "investigator", "witness", "other", None]
    files = {f"content/reports/r{i}.md": report(
        event=f"2025-0{i + 1}-e{i}", date=f"2025-0{i + 1}-10", location="Gao", reported_toll="{killed: 3}",
        actors=f"[{{name: Wagner Group, role: {role}}}]" if role else "[Wagner Group]") for i, role in enumerate(roles)}
    out = tmp_path / "out"
    build(make_site(files), out)
    html = (out / "actors/wagner-group/index.html").read_text(encoding="utf-8")
    legend = html.split('<ul class="chart-legend"')[1].split("</ul>")[0]
    assert "other roles" in legend and ">Other<" not in legend


def test_an_event_where_any_report_calls_an_actor_the_alleged_perpetrator_counts_there(make_site, tmp_path):
    """An event whose first report calls the army "other" and a later one the
    alleged perpetrator is stacked under "alleged perpetrator" (the first of
    its roles in the format's order), so that the chart counts the events the
    events' filter and events.json count (it took the role a first report
    gave: 163 events where they say 198, at 10,000 reports)."""
    files = {"content/reports/a.md": report(date="2025-02-10", reported_toll="{killed: 3}",
                                            actors="[{name: Wagner Group, role: other}]"),
             "content/reports/b.md": report(date="2025-02-11", reported_toll="{killed: 5}",
                                            actors="[{name: Wagner Group, role: alleged perpetrator}]"),
             "content/reports/c.md": report(event="2025-03-other", date="2025-03-10", reported_toll="{killed: 2}",
                                            actors="[{name: Wagner Group, role: victim}]")}
    out = tmp_path / "out"
    build(make_site(files), out)
    html = (out / "actors/wagner-group/index.html").read_text(encoding="utf-8")
    legend = re.sub("<[^>]+>", "", html.split('<ul class="chart-legend"')[1].split("</ul>")[0])
    assert "alleged perpetrator (1 event, lowest claims add up to 3 killed)" in " ".join(legend.split())
    assert "victim (1 event" in " ".join(legend.split()) and "other (" not in legend
    assert "the first it is given of: alleged perpetrator, victim" in html


def range_lines(svg) -> list[str]:
    """Each row's words, its wrapped lines joined again."""
    return [" ".join(span.text for span in t.iter(f"{SVG}tspan")) for t in svg.iter(f"{SVG}text")
            if "range-label" in t.get("class", "")]


def test_event_page_shows_the_spread_of_claimed_tolls_labelled_by_who_claims(site):
    html = (site / "events/2024-06-abeibara-killings/index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "range-chart")
    lines = range_lines(svg)
    assert lines[0] == "All claims: 46 to at least 60"
    assert "Kal Akal: at least 60" in lines and "Hamadine Driss Ag Mohamed, for Abeibara's village chief: 46" in lines
    assert "46 according to Hamadine Driss Ag Mohamed" in svg.get("aria-label")


def test_a_claim_with_no_low_end_is_up_to_its_figure_in_the_chart_and_the_table(make_site, tmp_path):
    """{min: 0, max: 40}, a source's "up to 40": its row says so, as the claims table does, never "0–40"."""
    files = {"content/reports/a.md": report(event="2025-03-x", reported_toll="{killed: {min: 0, max: 40}, "
                                            "according_to: a village chief}"),
             "content/reports/b.md": report(event="2025-03-x", reported_toll="{killed: 12, according_to: Kal Akal}")}
    out = tmp_path / "out"
    build(make_site(files), out)
    html = (out / "events/2025-03-x/index.html").read_text(encoding="utf-8")
    [svg] = svgs(html, "range-chart")
    assert range_lines(svg)[1:] == ["a village chief: up to 40", "Kal Akal: 12"]
    assert '<span class="figure">up to 40 killed</span>' in html and "0–40" not in html


def test_identical_claims_share_one_row_under_the_actor_aliases_fold_to(site):
    """The Gao road: four claims of 24 by the Azawad Liberation Front, once as "FLA": two rows, not four."""
    gao = (site / "events/2025-02-gao-road-killings/index.html").read_text(encoding="utf-8")
    [svg] = svgs(gao, "range-chart")
    rows = range_lines(svg)[1:]
    assert len(rows) == len(set(rows))  # never two identical rows
    assert rows == ["Azawad Liberation Front: 24", "Azawad Liberation Front: at least 24 (3 claims)"]
    table = gao[gao.index('<table class="claims grouped">'):gao.index("</table>")]
    assert table.count("<tbody>") == 1 and table.count('<th scope="rowgroup"') == 1  # one claimant
    assert "3 reports:" in table
    assert len(re.findall(r'<li id="claim-', table)) == 4  # every claim keeps its own address and report


def test_long_claimant_names_wrap_between_words_and_are_never_cut():
    from incidents.site.charts import wrap
    name = "Citizen's Observatory for Monitoring and Defending the Human Rights of the Azawad People: at least 60"
    lines = wrap(name, 30)
    assert " ".join(lines) == name and all(len(x) <= 30 for x in lines) and "…" not in "".join(lines)
    assert wrap("Supercalifragilisticexpialidocious word", 10) == ("Supercalifragilisticexpialidocious", "word")


def test_bar_colours_keep_contrast_on_white():
    css = (ROOT / "static/style.css").read_text()
    colours = set(re.findall(r"\.bar\.c\d \{ fill: (#[0-9a-f]{6}); \}", css))
    assert len(colours) == 6

    def luminance(hex_: str) -> float:
        rgb = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for colour in colours:
        assert 1.05 / (luminance(colour) + 0.05) >= 3, colour  # bars are graphics: WCAG 1.4.11


def test_a_claim_of_zero_killed_still_draws_its_range_bar(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report(reported_toll="{killed: 0, according_to: Test Wire}"),
                      "content/reports/s.md": report(title="Other", reported_toll="{killed: {min: 0}, according_to: Test Wire}")})
    out = tmp_path / "out"
    build(root, out)
    [svg] = svgs((out / "events/2025-02-test-event/index.html").read_text(encoding="utf-8"), "range-chart")
    assert "0 according to Test Wire" in svg.get("aria-label")
    # A toll of 0 is a toll: the timeline's legend and description add it up, not "no toll given".
    home = (out / "index.html").read_text(encoding="utf-8")
    [timeline] = svgs(home, "timeline-chart")
    assert "lowest claims add up to 0 killed" in home.split('<ul class="chart-legend"')[1].split("</ul>")[0]
    assert "no toll given" not in timeline.find(f"{SVG}desc").text
