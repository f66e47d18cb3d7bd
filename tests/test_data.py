"""Open data: the CSV and JSON agree with each other, with their JSON Schemas
and with the pages; event and report pages carry JSON-LD and Open Graph tags."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from browser import serving
from conftest import ARCHIVE, ROOT, SHIPPED_BASE, report

BASE = SHIPPED_BASE


def run_build(root: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--no-search", *options], capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(shipped_build) -> Path:
    """The shipped archive under /archive/ (conftest.shipped_build, shared: read it only)."""
    return shipped_build


def load(site: Path, name: str):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def from_csv(cell: str, column: dict):
    """A CSV cell back to its JSON value, by the column's schema."""
    types = column.get("type")
    types = types if isinstance(types, list) else [types]
    if "array" in types:
        sep = " " if column["description"].startswith("The addresses") else "; "
        return cell.split(sep) if cell else []
    if cell == "" and "null" in types:
        return None
    if "boolean" in types:
        return {"true": True, "false": False}[cell]
    if "integer" in types:
        return int(cell)
    if "number" in types:
        return float(cell)
    return cell


def test_events_csv_and_json_round_trip_the_shipped_events(site):
    events = load(site, "events.json")
    schema = load(site, "events.schema.json")
    columns = schema["items"]["properties"]
    json_only = {name for name, column in columns.items() if column["description"].startswith("events.json only")}
    assert json_only == set()  # the claims are in reports.json, once
    rows = list(csv.DictReader(io.StringIO((site / "data/events.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == [c for c in columns if c not in json_only]  # the CSV header is the schema's order
    assert [{k: from_csv(v, columns[k]) for k, v in row.items()} for row in rows] == [
        {k: v for k, v in e.items() if k not in json_only} for e in events]
    assert {e["slug"] for e in events} == {p.parent.name for p in (site / "events").glob("*/index.html")}
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)


def test_events_json_keeps_the_contract_columns_and_adds_researchers_ones(site):
    abeibara = {e["slug"]: e for e in load(site, "events.json")}["2024-06-abeibara-killings"]
    assert abeibara["toll_min"] == 46 and abeibara["toll_max"] == 60 and abeibara["toll_max_is_lower_bound"]
    assert (abeibara["date"], abeibara["date_precision"], abeibara["end_date"]) == ("2024-06-20", "day", "2024-06-29")
    assert (abeibara["lat"], abeibara["lon"], abeibara["has_coordinates"]) == (19.12, 1.75, True)
    assert abeibara["perpetrators"] == ["Malian Armed Forces", "Wagner Group"]
    assert "Kal Akal: claimant" in abeibara["actor_roles"]
    assert abeibara["sources"] == ["Associated Press"] and abeibara["claim_count"] == 2
    assert abeibara["url"] == f"{BASE}events/2024-06-abeibara-killings/"
    moura = {e["slug"]: e for e in load(site, "events.json")}["2022-03-moura-killings"]
    assert (moura["date"], moura["date_precision"]) == ("2022-03", "month")


def test_every_toll_keeps_its_at_least_in_the_data(make_site):
    """"At least 21 injured" is not "21 injured": each kind's range says when its
    highest figure is itself a lower bound, in events.json and events.csv alike."""
    root = make_site({"content/reports/a.md": report(reported_toll="{killed: 3, injured: {min: 21}, missing: 5}"),
                      "content/reports/b.md": report(reported_toll="{killed: {min: 4}, injured: 2, missing: 5}",
                                                     source="{publisher: Other Wire, url: 'https://example.org/b'}")})
    assert run_build(root, root / "output", "--no-search").returncode == 0
    [event] = load(root / "output", "events.json")
    assert [event[k] for k in ("toll_min", "toll_max", "toll_max_is_lower_bound")] == [3, 4, True]
    assert [event[k] for k in ("injured_min", "injured_max", "injured_max_is_lower_bound")] == [2, 21, True]
    assert [event[k] for k in ("missing_min", "missing_max", "missing_max_is_lower_bound")] == [5, 5, False]
    [row] = csv.DictReader(io.StringIO((root / "output/data/events.csv").read_text(encoding="utf-8")))
    assert (row["injured_max_is_lower_bound"], row["missing_max_is_lower_bound"]) == ("true", "false")


def test_actor_roles_split_at_each_item_s_last_colon_whatever_the_names_hold(make_site):
    """A name may hold ": " and ", " (only "; " is refused); a role holds neither:
    each item of actor_roles split at its last ": " gives the name and its roles."""
    actors = ('[{name: "Front: Azawad, Union", role: alleged perpetrator}, {name: "Front: Azawad, Union", '
              "role: claimant}, {name: Wagner Group, role: victim}]")
    root = make_site({"content/reports/a.md": report(actors=actors)})
    assert run_build(root, root / "output", "--no-search").returncode == 0
    [row] = csv.DictReader(io.StringIO((root / "output/data/events.csv").read_text(encoding="utf-8")))
    split = [item.rsplit(": ", 1) for item in row["actor_roles"].split("; ")]
    assert sorted((name, tuple(roles.split(", "))) for name, roles in split) == [
        ("Front: Azawad, Union", ("alleged perpetrator", "claimant")), ("Wagner Group", ("victim",))]


def test_a_text_a_spreadsheet_would_run_is_written_after_a_quote_in_the_csv(make_site):
    """A title "=HYPERLINK(...)" (an imported headline can hold one) would run as a
    formula in a spreadsheet; names such as "@MENASTREAM" and "+972 Magazine" are
    real. Each is accepted, kept as written in events.json, and written after a
    "'" in events.csv, which spreadsheets show as text (each part after a ";"
    too, where a spreadsheet set to French splits); numbers are left alone."""
    root = make_site({"content/reports/a.md": report(
        title="'=HYPERLINK(\"https://evil.example\",\"click\")'", location="{name: Gao, lat: 16.27, lon: -0.04}",
        source="{publisher: +972 Magazine, url: 'https://example.org/a'}", actors="['@MENASTREAM']",
        tags="[killings, 'x;=1+2']")})
    assert run_build(root, root / "output", "--no-search").returncode == 0
    [event] = load(root / "output", "events.json")
    assert event["title"].startswith("=HYPERLINK(") and event["sources"] == ["+972 Magazine"]
    [row] = csv.DictReader(io.StringIO((root / "output/data/events.csv").read_text(encoding="utf-8")))
    assert row["title"] == "'=HYPERLINK(\"https://evil.example\",\"click\")"
    assert (row["sources"], row["actors"], row["lon"]) == ("'+972 Magazine", "'@MENASTREAM", "-0.04")
    # a spreadsheet set to French splits on ";" too: each part after one is guarded as well
    assert row["tags"] == "killings; x;'=1+2"
    # a text that begins with "'" itself is given one more: removing the one in front always gives it back
    (root / "content/reports/a.md").write_text(report(title="\"'Nobody survived': 12 dead\"",
                                                      tags="[killings, \"x;'y\"]"), encoding="utf-8")
    assert run_build(root, root / "output", "--no-search").returncode == 0
    [row] = csv.DictReader(io.StringIO((root / "output/data/events.csv").read_text(encoding="utf-8")))
    assert (row["title"], row["tags"]) == ("''Nobody survived': 12 dead", "killings; x;''y")


def test_data_files_validate_against_their_json_schemas(site):
    for data, schema in [("events.json", "events.schema.json"), ("reports.json", "reports.schema.json")]:
        jsonschema.Draft202012Validator.check_schema(load(site, schema))
        jsonschema.validate(load(site, data), load(site, schema), cls=jsonschema.Draft202012Validator)


def test_reports_json_has_every_report_with_its_claims_and_sources(site):
    reports = {r["slug"]: r for r in load(site, "reports.json")}
    assert set(reports) == {p.stem for p in (ARCHIVE / "content/reports").glob("*.md")}
    ap = reports["abeibara-killings-associated-press"]
    assert ap["publisher"] == "Associated Press" and ap["event"] == "2024-06-abeibara-killings"
    assert [c["killed"] for c in ap["claims"]] == [{"min": 46, "max": 46}, {"min": 60, "max": None}]
    assert ap["claims"][1]["actor"] == "kal-akal"
    assert {"name": "Wagner Group", "slug": "wagner-group", "role": "alleged perpetrator"} in ap["actors"]
    events = {e["slug"]: e for e in load(site, "events.json")}
    for slug, event in events.items():
        assert event["report_count"] == sum(r["event"] == slug for r in reports.values())


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.props: dict[str, str] = {}
        self.ld: list[str] = []
        self.alternates: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.props[a.get("property") or a.get("name")] = a.get("content") or ""
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.ld.append("")
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a["href"])

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_event_and_report_pages_carry_json_ld_and_open_graph(site):
    event = head(site / "events/2024-06-abeibara-killings/index.html")
    assert event.props["og:title"] == "Killings in the Abeibara area"
    assert "46 to at least 60 killed" in event.props["description"]
    assert event.props["og:url"] == f"{BASE}events/2024-06-abeibara-killings/"
    assert "og:description" not in event.props  # social sites read the description: no copy of it
    [ld] = [json.loads(x) for x in event.ld]
    assert ld["@type"] == "Event" and ld["startDate"] == "2024-06-20" and ld["endDate"] == "2024-06-29"
    assert ld["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 19.12, "longitude": 1.75}
    rep = head(site / "reports/abeibara-killings-associated-press/index.html")
    [ld] = [json.loads(x) for x in rep.ld]
    assert ld["@type"] == "Report" and ld["about"]["url"] == f"{BASE}events/2024-06-abeibara-killings/"
    assert ld["isBasedOn"]["publisher"]["name"] == "Associated Press"
    assert rep.props["og:type"] == "article" and rep.props["og:title"]
    home = head(site / "index.html")
    assert home.props["og:title"] and home.props["description"] and not home.ld


def test_json_ld_cannot_close_its_script_element(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report(title='"</script><script>alert(1)</script> <!-- x"')})
    out = tmp_path / "out"
    assert run_build(root, out).returncode == 0
    html = (out / "reports/r/index.html").read_text()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script> <!-- x"


def test_data_page_documents_every_column(site):
    html = (site / "data/index.html").read_text(encoding="utf-8").replace("<wbr>", "")
    for column in load(site, "events.schema.json")["items"]["properties"]:
        assert f"<code>{column}</code>" in html


SIZED = ("events.csv", "events.json", "reports.json", "events.geojson", "datapackage.json")


@pytest.mark.parametrize("folder, lang", [("", "en"), ("fr/", "fr")])
def test_the_data_page_gives_each_file_s_size_before_it_is_downloaded(site, folder, lang):
    """A reader on a slow connection sees how big a file is before fetching it."""
    from incidents.site.i18n import Lang

    html = (site / folder / "data/index.html").read_text(encoding="utf-8")
    for name in SIZED:
        assert f">{name}</a>&nbsp;({Lang(lang).size((site / 'data' / name).stat().st_size)})" in html


NBSP = "\u00a0"


@pytest.mark.parametrize("n, en, fr", [
    (1, "1 byte", "1 octet"), (812, "812 bytes", "812 octets"), (1000, "1 kB", "1 ko"),
    (5866, "5.9 kB", "5,9 ko"), (9949, "9.9 kB", "9,9 ko"), (9950, "10 kB", "10 ko"), (96_296, "96 kB", "96 ko"),
    (1050, "1.1 kB", "1,1 ko"), (1250, "1.3 kB", "1,3 ko"), (10_500, "11 kB", "11 ko"), (12_500, "13 kB", "13 ko"),
    (999_499, "999 kB", "999 ko"), (999_500, "1 MB", "1 Mo"), (2_983_034, "3 MB", "3 Mo"),
    (15_198_500, "15 MB", "15 Mo"), (3_120_000_000, "3.1 GB", "3,1 Go"),
])
def test_a_size_is_written_in_decimal_units_with_one_decimal_below_ten(n, en, fr):
    """As phones and browsers count a download; a half rounded up; "1,000 kB" is "1 MB";
    a no-break space keeps the figure with its unit on a narrow screen."""
    from incidents.site.i18n import Lang

    assert Lang("en").size(n) == en.replace(" ", NBSP)
    assert Lang("fr").size(n) == fr.replace(" ", NBSP)


def test_an_edit_s_data_page_gives_the_data_files_new_sizes(make_site, tmp_path):
    """Each edit changes the data files, so the data page is made again with them,
    and the site is the one a build from nothing makes."""
    from sitecheck import tree_digest
    from incidents.site.i18n import Lang

    root = make_site({"content/reports/one.md": report(), "content/reports/two.md": report("2024-01-other")})
    out = tmp_path / "out"
    assert run_build(root, out).returncode == 0
    before = (out / "data/reports.json").stat().st_size
    path = root / "content/reports/two.md"
    path.write_text(report("2024-01-other", title="A title long enough to change the size of reports.json " * 3),
                    encoding="utf-8")
    assert run_build(root, out).returncode == 0
    after = (out / "data/reports.json").stat().st_size
    assert Lang("en").size(after) != Lang("en").size(before)
    html = (out / "data/index.html").read_text(encoding="utf-8")
    assert f">reports.json</a>&nbsp;({Lang('en').size(after)})" in html
    assert run_build(root, tmp_path / "clean").returncode == 0
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_an_edit_the_french_pages_do_not_show_makes_the_french_data_page_again(shipped, tmp_path):
    """An English title the French pages do not show (the event has its own) changes the
    data files, which are every language's: so does each language's data page (outside
    git too, where no commit names the data page)."""
    from sitecheck import tree_digest

    out = tmp_path / "out"
    assert run_build(shipped, out).returncode == 0
    path = shipped / "content/events/2022-03-moura-killings.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "Killings in Moura"', 'title: "Killings in Moura, ' + "a longer title " * 20
                                 + '"', 1), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != text
    assert run_build(shipped, out).returncode == 0
    assert run_build(shipped, tmp_path / "clean").returncode == 0
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_each_data_file_s_lines_are_handed_to_the_cache_as_soon_as_it_is_made(make_site):
    """A build keeps each line of the data files for the next one; it hands
    them on as each file is made rather than holding every kind's through the
    render (at 100,000 reports, a few hundred megabytes)."""
    from incidents.content.link import link
    from incidents.content.load import load as load_archive
    from incidents.site.data import DataFiles
    from incidents.site.urls import Urls

    root = make_site({"content/reports/one.md": report(), "content/reports/two.md": report("2024-01-other")})
    archive = link(load_archive(root))
    given: list = []
    files = DataFiles(archive, Urls(archive.site.base_url), put=lambda *kept: given.append(kept))
    files.reports_json()
    assert [(kind, sorted(made), keep) for kind, made, keep in given] == [("reports", ["one", "two"], None)]
    files.events_json()
    assert [kind for kind, *_ in given] == ["reports", "events.json"]
    assert sorted(files.changes()) == ["events.csv", "events.geojson"]
    assert all(not files.made[kind] for kind in ("reports", "events.json"))


# Each downloadable file's link, and whether its size starts on the line the link ends on.
SIZE_LINES = """() => [...document.querySelectorAll('section[aria-labelledby=files] li > a')]
  .filter(a => a.nextSibling && a.nextSibling.nodeType === 3 && /^[ \\u00a0]\\(/.test(a.nextSibling.data))
  .map(a => {
    const rects = a.getClientRects(), range = document.createRange();
    range.setStart(a.nextSibling, 1);
    range.setEnd(a.nextSibling, 2);
    return [a.textContent, Math.abs(range.getClientRects()[0].top - rects[rects.length - 1].top) < 2];
  })"""


def test_a_file_s_size_stays_beside_its_link_on_a_phone(site, browser):
    """"events.json" at a line's end, "(4.3 kB)" at the next one's start, would read as the next sentence's."""
    found = {}
    with serving(site.parent) as host:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for rel in ("data/", "fr/data/"):
            page.goto(f"{host}/archive/{rel}")
            found[rel] = page.evaluate(SIZE_LINES)
    for rel, links in found.items():
        assert sorted(name for name, _ in links) == sorted(SIZED), rel
        assert [name for name, beside in links if not beside] == [], rel


# Where each column name's lines end on the page: a break after any character but "_" cuts a word.
NAME_LINES = """() => [...document.querySelectorAll('.columns-doc th code')].map(code => {
  const lines = [''];
  let top = null;
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const y = range.getClientRects()[0].top;
      if (top !== null && y > top + 2) lines.push('');
      top = y;
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_data_page_column_names_break_only_after_an_underscore(site, width, browser):
    """A phone shows "toll_max_is_" over "lower_bound", never "toll_max_is_lo" over "wer_bound";
    a desktop keeps each name on one line; the tables fit the screen."""
    found, names = {}, {}
    with serving(site.parent) as host:
        page = browser.new_page(viewport={"width": width, "height": 844})
        for rel in ("data/", "fr/data/"):
            page.goto(f"{host}/archive/{rel}")
            names[rel] = page.evaluate(NAME_LINES)
            found[rel] = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                                       " ...[...document.querySelectorAll('.columns-doc')].map("
                                       "  t => t.parentElement.scrollWidth - t.parentElement.clientWidth)]")
    for rel, lines in names.items():
        assert len(lines) > 20, rel
        cut = ["/".join(x) for x in lines if any(not line.endswith("_") for line in x[:-1])]
        assert cut == [], rel
        if width >= 1280:
            assert [x for x in lines if len(x) > 1] == [], rel
        page_width, screen, *beyond = found[rel]
        assert page_width <= screen, rel
        assert beyond == [0, 0], rel  # each table fits its frame: no sideways scroll to reach a meaning
