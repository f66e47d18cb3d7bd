"""Cite, trust, reuse: every event and report page can be cited (text, BibTeX
that parses, CSL-JSON that the CSL schema accepts, the same as files beside
the page); every claim and response has an address of its own that stays put;
the claims read in the order they were published; places carry a precision;
the open data comes as a Frictionless Data Package that validates and as
GeoJSON that the GeoJSON schema accepts."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import bibtexparser
import frictionless
import jsonschema
import pytest
from pylatexenc.latex2text import LatexNodes2Text
from playwright.sync_api import expect

from browser import serving
from conftest import ROOT, copy_shipped, report
from sitecheck import parse

from incidents.site import data
from incidents.site.render import CSP

SCHEMAS = Path(__file__).resolve().parent / "schemas"
BASE = "https://example.org/archive/"


def build(root: Path, out: Path) -> Path:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--no-search", "--base-url", BASE], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def site(shipped_build) -> Path:
    """The shipped archive, built under /archive/ (conftest.shipped_build, shared: read it only)."""
    return shipped_build


def cited_pages(site: Path) -> list[Path]:
    return sorted(site.glob("events/*/index.html")) + sorted(site.glob("reports/*/index.html"))


def url_of(site: Path, page: Path) -> str:
    return BASE + page.parent.relative_to(site).as_posix() + "/"


def block(page_html: str, element_id: str) -> str:
    """The text of the <pre> or <p> with this id, as a reader copies it."""
    found = re.search(rf'<(pre|p)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', page_html, re.S)
    assert found, element_id
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(2)))


def bibtex_entry(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    [entry] = library.entries
    return entry, {f.key: f.value for f in entry.fields}


def csl_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


# citations --------------------------------------------------------------------------------------
def test_every_event_and_report_page_has_its_citation_beside_it(site):
    pages = cited_pages(site)
    assert len(pages) == 4 + 7
    for page in pages:
        assert (page.parent / "cite.bib").is_file() and (page.parent / "cite.json").is_file()
        links = {url for _, url in parse(page).links}
        prefix = "/archive/" + page.parent.relative_to(site).as_posix() + "/"
        assert {prefix + "cite.bib", prefix + "cite.json"} <= links
        html = page.read_text(encoding="utf-8")  # in one order on both kinds of page: the citation, then the history
        assert html.index('<h2 id="cite">') < html.index('aria-labelledby="history"'), page


def test_each_pages_bibtex_parses_and_names_the_page(site):
    for page in cited_pages(site):
        entry, fields = bibtex_entry((page.parent / "cite.bib").read_text(encoding="utf-8"))
        assert entry.entry_type == "misc"
        assert fields["url"] == url_of(site, page)
        assert fields["author"] == "{Mali Incident Archive}"
        assert fields["title"].startswith("{") and fields["title"].endswith("}")


def test_each_pages_csl_json_validates_against_the_csl_schema(site):
    validator = csl_validator()
    keys = set()
    for page in cited_pages(site):
        items = json.loads((page.parent / "cite.json").read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(items)]
        assert not errors, (page, errors)
        [item] = items
        assert item["URL"] == url_of(site, page) and item["container-title"] == "Mali Incident Archive"
        keys.add(item["id"])
    assert len(keys) == len(cited_pages(site))  # one key per page: event and report keys never clash


def test_an_actor_s_and_a_place_s_page_are_cited_as_what_they_are(site):
    """The first page of an actor's or a place's (its profile, its facts) has
    its citation, by its name and what it is, never by a count or a span of its
    events (which a report of an older year changes on that year's page only)."""
    pages = [p for p in sorted(site.glob("actors/*/index.html")) + sorted(site.glob("locations/*/index.html"))
             if p.parent.name != "a-z"]
    assert len(pages) == 6 + 4  # the shipped archive's actors and places
    validator = csl_validator()
    for page in pages:
        _, fields = bibtex_entry((page.parent / "cite.bib").read_text(encoding="utf-8"))
        [item] = json.loads((page.parent / "cite.json").read_text(encoding="utf-8"))
        assert fields["url"] == item["URL"] == url_of(site, page) and not list(validator.iter_errors([item]))
        assert "event-date" not in item and "issued" not in item
        assert f'href="/archive/{page.parent.relative_to(site).as_posix()}/cite.bib" download' in page.read_text(
            encoding="utf-8")
    wagner = (site / "actors/wagner-group/index.html").read_text(encoding="utf-8")
    assert block(wagner, "cite-text") == f"Mali Incident Archive, “Wagner Group” (actor page), {BASE}actors/wagner-group/."
    [item] = json.loads((site / "actors/wagner-group/cite.json").read_text(encoding="utf-8"))
    assert (item["genre"], item["note"]) == ("Actor page", "The archive's page on Wagner Group, private military company")
    [item] = json.loads((site / "fr/locations/moura/cite.json").read_text(encoding="utf-8"))
    assert (item["genre"], item["note"], item["language"]) == (
        "Page de lieu", "La page de l'archive sur les événements à Moura, Mopti, Mali", "fr")


def test_the_data_is_cited_as_a_dataset_by_its_version(site, tmp_path):
    """The data page cites the data: a dataset, by the commit it is of (the
    version the data page and datapackage.json name) and that commit's day; in
    a folder outside git, with neither. Its BibTeX parses, its CSL-JSON
    validates."""
    validator = csl_validator()
    version = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))["version"]
    _, fields = bibtex_entry((site / "data/cite.bib").read_text(encoding="utf-8"))
    [item] = json.loads((site / "data/cite.json").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors([item]))
    assert (item["type"], item["genre"], item["title"], item["URL"], item["version"], fields["version"]) == (
        "dataset", "Dataset", "Open data", f"{BASE}data/", version, version)
    assert item["issued"]["date-parts"][0][:1] == [int(fields["year"])]
    assert block((site / "data/index.html").read_text(encoding="utf-8"), "cite-text").startswith(
        f"Mali Incident Archive, “Open data” (dataset, version {version}), last updated ")
    [item] = json.loads((site / "fr/data/cite.json").read_text(encoding="utf-8"))
    assert (item["genre"], item["title"], item["version"]) == ("Jeu de données", "Données ouvertes", version)
    alone = build(copy_shipped(tmp_path / "archive"), tmp_path / "site")  # outside git: no version, no day
    _, fields = bibtex_entry((alone / "data/cite.bib").read_text(encoding="utf-8"))
    [item] = json.loads((alone / "data/cite.json").read_text(encoding="utf-8"))
    assert "version" not in item and "version" not in fields and "issued" not in item
    assert not list(validator.iter_errors([item]))
    assert block((alone / "data/index.html").read_text(encoding="utf-8"), "cite-text") == (
        f"Mali Incident Archive, “Open data” (dataset), {BASE}data/.")


def test_the_page_points_at_its_files_and_holds_no_second_copy_of_them(site):
    page = site / "events/2024-06-abeibara-killings/index.html"
    text = page.read_text(encoding="utf-8")
    for name in ("cite.bib", "cite.json"):
        address = "/archive/events/2024-06-abeibara-killings/" + name
        assert f'href="{address}" download data-copy=' in text  # its copy button, made by cite.js, fetches it
    assert "@misc{" not in text and "date-parts" not in text  # 2 KB a page that few readers open
    line = block(text, "cite-text")
    # the day it was last updated comes from the repository's history (tests/test_history.py)
    line = re.sub(r", last updated \d{1,2} \w+ \d{4}", "", line)
    assert line == ("Mali Incident Archive, “Killings in the Abeibara area” "
                    "(event of 20–29 June 2024, Abeibara), "
                    f"{BASE}events/2024-06-abeibara-killings/.")
    item = json.loads((page.parent / "cite.json").read_text(encoding="utf-8"))[0]
    assert item["event-date"] == {"date-parts": [[2024, 6, 20], [2024, 6, 29]]}
    # the site's own script, and the page's policy as every other page's
    assert '<script type="module" src="/archive/cite.js"></script>' in text
    # its buttons' names and what it says, in the page's language: one file a language, not in every page
    assert 'data-messages="/archive/cite-messages.json"' in text and "Copy the BibTeX" not in text
    messages = json.loads((site / "cite-messages.json").read_text(encoding="utf-8"))
    assert messages["bibtex"] == "Copy the BibTeX" and messages["accessed"] == ", accessed {date}"
    assert (site / "cite.js").is_file()
    assert parse(page).meta["content-security-policy"] == CSP


def test_a_report_page_cites_the_archive_and_names_its_source(site):
    folder = site / "reports/abeibara-killings-associated-press"
    line = block((folder / "index.html").read_text(encoding="utf-8"), "cite-text")
    assert line.startswith("Mali Incident Archive, “") and "(report by Associated Press" in line
    assert line.endswith(f"{BASE}reports/abeibara-killings-associated-press/.")
    _, fields = bibtex_entry((folder / "cite.bib").read_text(encoding="utf-8"))
    assert "Associated Press" in fields["note"]


def test_the_source_s_own_headline_names_it_on_the_page_in_the_citation_and_the_data(make_site, tmp_path):
    """`source.title`, the article's headline as published, is how a reader finds
    an article the archive has no address for, or one the report's title words
    otherwise: the page gives it beside the publisher (not where it is the
    report's title too), the citation and its files, the JSON-LD and the data."""
    headline = "Mali Junta Probes Alleged Killing of Civilians by Soldiers"
    root = make_site({
        "content/reports/aslagh.md": report(title="FLA reports four killed in Aslagh",
                                            source=f"{{publisher: HumAngle, title: {headline}, published: 2025-02-22}}"),
        "content/reports/same.md": report(event="2025-02-two", title=headline,
                                          source=f"{{publisher: Le Monde, title: {headline}}}")},
        "title: Archive\nbase_url: https://example.org/archive/\nlanguage: en\nlanguages: [en, fr]\n")
    out = build(root, tmp_path / "out")
    page = (out / "reports/aslagh/index.html").read_text()
    assert f">HumAngle, “<cite>{headline}</cite>”, published" in page.replace("</a>", "")
    assert block(page, "cite-text").startswith(
        f"Archive, “FLA reports four killed in Aslagh” (report by HumAngle, “{headline}”, published 22 February 2025)")
    _, fields = bibtex_entry((out / "reports/aslagh/cite.bib").read_text())
    assert headline in fields["note"]
    assert f'"headline":"{headline}"' in page.replace('": "', '":"')
    [row] = [r for r in json.loads((out / "data/reports.json").read_text()) if r["slug"] == "aslagh"]
    assert row["source_title"] == headline
    french = (out / "fr/reports/aslagh/index.html").read_text()
    assert f"<cite lang=\"en\">{headline}</cite>" in french and "rapport de HumAngle, «\u00a0" in block(french, "cite-text")
    # the report's title is the headline: said once on the page, still in the citation's note
    same = (out / "reports/same/index.html").read_text()
    assert "<cite>" not in same and headline in (out / "reports/same/cite.json").read_text()


def test_a_title_that_quotes_someone_nests_its_quotes_inside_the_citation_s(make_site, tmp_path):
    """A title or headline that opens with a quotation ("“They came at dawn”:
    residents recount …") is put inside the citation's own quotation marks
    with its marks made the inner kind, as citation styles nest them: “‘They
    came at dawn’: …” in English, « “Ils sont venus” : … » in French, never
    ““They came at dawn”: …”, which reads as one mark. The citation's files
    keep the title as written (a citation program nests it itself)."""
    title, headline = "“They came at dawn”: residents of Tidi recount", "« Ils sont venus à l’aube », disent les habitants"
    root = make_site({"content/reports/tidi.md": report(
        title=json.dumps(title), source=f"{{publisher: Sahel Dispatch, title: {json.dumps(headline)}, published: 2025-02-22}}")},
        "title: Archive\nbase_url: https://example.org/archive/\nlanguage: en\nlanguages: [en, fr]\n")
    out = build(root, tmp_path / "out")
    page = (out / "reports/tidi/index.html").read_text()
    assert block(page, "cite-text").startswith(
        "Archive, “‘They came at dawn’: residents of Tidi recount” (report by Sahel Dispatch, "
        "“« Ils sont venus à l’aube », disent les habitants”, published 22 February 2025)")
    assert "<cite>« Ils sont venus à l’aube », disent les habitants</cite>" in page
    french = (out / "fr/reports/tidi/index.html").read_text()
    assert block(french, "cite-text").startswith(
        "Archive, «\u00a0“They came at dawn”: residents of Tidi recount\u00a0» (rapport de Sahel Dispatch, "
        "«\u00a0“Ils sont venus à l’aube”, disent les habitants\u00a0»")
    assert ">“Ils sont venus à l’aube”, disent les habitants</cite>" in french
    assert "““" not in page + french and "‘They" not in french
    [item] = json.loads((out / "reports/tidi/cite.json").read_text())
    assert item["title"] == title
    _, fields = bibtex_entry((out / "reports/tidi/cite.bib").read_text())
    assert "“« Ils sont venus" in fields["note"]


HOSTILE = ["Braces {left open and a back\\slash, 100% & $5 #1 under_score ~tilde ^caret",
           "Closed } then { opened", "Balanced {KIDAL} and \"quotes\" and @at", "Ends with a backslash \\"]


def test_titles_with_latex_specials_still_give_bibtex_that_parses(make_site, tmp_path):
    root = make_site({f"content/reports/r{i}.md": report(event=f"2025-02-event-{i}", title=json.dumps(t))
                      for i, t in enumerate(HOSTILE)})
    out = build(root, tmp_path / "out")
    validator = csl_validator()
    for i, title in enumerate(HOSTILE):
        for folder in (out / f"reports/r{i}", out / f"events/2025-02-event-{i}"):
            raw = bibtexparser.parse_string((folder / "cite.bib").read_text(encoding="utf-8"))
            assert not raw.failed_blocks
            # Read back as LaTeX, the title is the title, braces that do not pair too: written as
            # \textbraceleft{} (which pylatexenc does not know: read here as \{, which BibTeX would count),
            # never as another character, which would make an address in the note another address
            # (pylatexenc reads \textasciicircum as the modifier letter ˆ).
            value = raw.entries[0]["title"][1:-1].replace(r"\textbraceleft{}", r"\{").replace(r"\textbraceright{}", r"\}")
            assert LatexNodes2Text().latex_to_text(value).replace("ˆ", "^") == title
            [item] = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
            assert item["title"] == title and not list(validator.iter_errors([item]))


def test_a_month_or_a_year_of_publication_an_arabic_title_and_the_title_s_language(make_site, tmp_path):
    """From a review: "publié le mars 2025" (French puts "en" before a month or a
    year); an Arabic title's quotes jumbled in a line written left to right;
    cite.json's language the interface's, where CSL styles case a title by its own."""
    source = "{publisher: Wire, url: 'https://example.org/a', published: 2025-03, language: %s}"
    root = make_site({"content/reports/month.md": report(event="2025-02-one", source=source % "fr"),
                      "content/reports/arabic.md": report(event="2025-02-two", title='"مقتل مدنيين في غاو «حصري»"',
                                                          source=source.replace("2025-03", "2025") % "ar")},
                     "title: Archive\nbase_url: https://example.org/archive/\nlanguage: en\nlanguages: [en, fr]\n")
    out = build(root, tmp_path / "out")
    assert "report by Wire, published in March 2025" in block((out / "reports/month/index.html").read_text(), "cite-text")
    french = (out / "fr/reports/month/index.html").read_text()
    assert "rapport de Wire, publié en mars 2025" in block(french, "cite-text")
    assert 'publié en <time datetime="2025-03">mars 2025</time>' in french
    assert "publié en 2025" in (out / "fr/reports/index.html").read_text()
    [item] = json.loads((out / "reports/month/cite.json").read_text())
    assert item["language"] == "fr"  # the title's (its source's), not the page's
    page = (out / "reports/arabic/index.html").read_text()
    assert '<h1 lang="ar" dir="rtl">' in page and '<bdi dir="auto" lang="ar">مقتل مدنيين في غاو «حصري»</bdi>' in page
    # the title marked with its language where it is not the page's, as the heading is
    assert '<p id="cite-text">Archive, “<bdi dir="auto" lang="fr">' in (out / "reports/month/index.html").read_text()
    assert re.search('<p id="cite-text">Archive, «.<bdi dir="auto">', french)
    assert "langid = {arabic}" in (out / "reports/arabic/cite.bib").read_text()
    assert block(page, "cite-text").startswith("Archive, “مقتل مدنيين في غاو «حصري»” (report by Wire, published in 2025)")


def test_the_first_of_the_month_is_1er_in_french_as_the_pages_write_it(site, browser):
    """The day of access: "consulté le 1er mai 2026", not Intl's "1 mai 2026"; the 11th stays "11"."""
    with serving(site.parent) as host:
        for day, said in ((1, "consulté le 1er mai 2026"), (11, "consulté le 11 mai 2026")):
            page = browser.new_page()
            page.clock.set_fixed_time(f"2026-05-{day:02d}T12:00:00")
            page.goto(f"{host}/archive/fr/events/2024-06-abeibara-killings/")
            expect(page.locator("#cite-text")).to_contain_text(said)
            page.close()


def test_copying_adds_the_day_of_access_and_works_by_keyboard(site, browser):
    with serving(site.parent) as host:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(f"{host}/archive/events/2024-06-abeibara-killings/")
        expect(page.locator("#cite-text")).to_contain_text(", accessed ")
        page.get_by_role("button", name="Copy the BibTeX").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#cite-status")).to_have_text("Copied, with today's date as the date of access.")
        copied = page.evaluate("navigator.clipboard.readText()")
        _, fields = bibtex_entry(copied)
        assert copied.startswith((site / "events/2024-06-abeibara-killings/cite.bib").read_text(encoding="utf-8")[:40])
        today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
        assert fields["urldate"] == "{:04d}-{:02d}-{:02d}".format(*today)  # the reader's own day
        page.get_by_role("button", name="Copy the CSL-JSON").click()  # no hover or focus first: fetched now
        expect(page.locator("#cite-status")).to_contain_text("Copied")
        for _ in range(50):  # the status says "Copied" again once the JSON is in the clipboard
            copied = page.evaluate("navigator.clipboard.readText()")
            if copied.startswith("["):
                break
            page.wait_for_timeout(100)
        items = json.loads(copied)
        assert not list(csl_validator().iter_errors(items)) and items[0]["accessed"]["date-parts"] == [today]
        # a claim's own link, reached and followed by keyboard
        link = page.locator("table.claims a.self-link").first
        link.focus()
        page.keyboard.press("Enter")
        anchor = link.get_attribute("href")
        assert page.url.endswith(anchor) and anchor.startswith("#claim-")


# claims: their addresses and their order ------------------------------------------------------------
def claim_ids(page: Path) -> list[str]:
    return re.findall(r' id="(claim-[^"]+)"', page.read_text(encoding="utf-8"))


def test_claim_and_response_rows_have_addresses_that_stay_when_claims_are_added(make_site, tmp_path):
    claims = "[{killed: 24, according_to: Kal Akal}, {killed: {min: 30}, according_to: Wire A}, {killed: 24, according_to: Kal Akal}]"
    first = report(title="First", source="{publisher: Wire A, published: 2025-02-20}", reported_toll=claims,
                   responses="[{by: Malian Armed Forces, stance: denied, date: 2025-02-19}]")
    files = {"content/reports/a.md": first}
    before = claim_ids(build(make_site(files), tmp_path / "one") / "reports/a/index.html")  # in the report's order
    assert len(before) == len(set(before)) == 3
    assert before[0].startswith("claim-kal-akal-killed-24-") and before[2] == before[0] + "-2"
    assert before[1].startswith("claim-wire-a-killed-30-or-more-")
    files["content/reports/b.md"] = report(title="Earlier", source="{publisher: Wire B, published: 2025-02-18}",
                                           reported_toll="{killed: 24, according_to: Kal Akal}")
    out = build(make_site(files), tmp_path / "two")
    event = out / "events/2025-02-test-event/index.html"
    after = claim_ids(event)  # grouped by claimant and figure: Kal Akal's three 24s, then Wire A's 30
    assert set(before) < set(after) and len(set(after)) == 4  # the others' ids unchanged
    assert after[3] == before[1] and after.index(before[0]) < after.index(before[2])  # publication order in a group
    assert claim_ids(out / "reports/a/index.html") == before  # the same ids on the report's own page
    # each link named for a screen reader by who claims what, each figure said once with its kind
    assert f'href="#{before[1]}" data-pagefind-ignore>link<span class="visually-hidden"> to this claim: Wire A, at least 30 killed</span>' in (
        out / "reports/a/index.html").read_text(encoding="utf-8")
    text = event.read_text(encoding="utf-8")
    for anchor in after:
        assert f'<a class="self-link" href="#{anchor}" data-pagefind-ignore>link<span class="visually-hidden"> to this claim: ' in text
    [response] = re.findall(r'<li id="(response-[^"]+)"', text)
    assert response.startswith("response-malian-armed-forces-denied-2025-02-19-")
    assert f'href="#{response}"' in text


def test_a_long_claim_s_address_never_passes_to_another_figure(make_site, tmp_path):
    """Two claims of one long-named claimant differ only past the words an id
    keeps: each has an id of its own (not the first's with -2), and removing
    the first leaves the second's as it was, never naming the other figure."""
    who = "Hamadine Driss Ag Mohamed, spokesman for Abeibara's village chief"
    claims = f"[{{killed: 46, according_to: \"{who}\"}}, {{killed: {{min: 60}}, according_to: \"{who}\"}}]"
    files = {"content/reports/a.md": report(reported_toll=claims)}
    both = claim_ids(build(make_site(files), tmp_path / "one") / "reports/a/index.html")
    assert len(both) == 2 and not both[1].startswith(both[0]) and all(len(i) < 80 for i in both), both
    assert both[0].startswith("claim-hamadine-driss-ag-mohamed-spokesman-for-abeibara-s-")
    files["content/reports/a.md"] = report(reported_toll=f"[{{killed: {{min: 60}}, according_to: \"{who}\"}}]")
    assert claim_ids(build(make_site(files), tmp_path / "two") / "reports/a/index.html") == both[1:]


def test_claims_are_listed_in_the_order_their_reports_were_published(make_site, tmp_path):
    root = make_site({
        "content/reports/raised.md": report(title="Raised", source="{publisher: Wire C, published: 2025-03-01}",
                                            reported_toll="{killed: 40, according_to: residents}"),
        "content/reports/first.md": report(title="First", source="{publisher: Wire A, published: 2025-02-18}",
                                           reported_toll="{killed: 12, according_to: officials}"),
        "content/reports/undated.md": report(title="Undated", date="2025-02-16",
                                             source="{publisher: Wire B}",
                                             reported_toll="{killed: 10, according_to: the army}"),
    })
    out = build(root, tmp_path / "out")
    text = (out / "events/2025-02-test-event/index.html").read_text(encoding="utf-8")
    table = text[text.index('<table class="claims grouped">'):text.index("</table>")]
    assert re.findall(r'<span class="figure">(\d+) killed', table) == ["10", "12", "40"]
    assert re.findall(r'<time datetime="([\d-]+)">', table) == ["2025-02-16", "2025-02-18", "2025-03-01"]
    assert "not dated; incident" in table
    # each report named by its publisher and date, its title left to the list of reports
    assert re.findall(r'<a href="[^"]+">(Wire \w)</a>, ', table) == ["Wire B", "Wire A", "Wire C"]
    assert "<cite>" not in table
    [event] = json.loads((out / "data/events.json").read_text(encoding="utf-8"))
    assert "claims" not in event  # each claim is in reports.json, with its report, once
    reports = {r["slug"]: r for r in json.loads((out / "data/reports.json").read_text(encoding="utf-8"))}
    assert reports["raised"]["claims"][0]["published"] == "2025-03-01"
    assert reports["raised"]["claims"][0]["url"].startswith(f"{BASE}reports/raised/#claim-residents-killed-40-")


def test_a_claim_names_its_report_by_title_where_publisher_and_date_are_not_enough(make_site, tmp_path):
    root = make_site({
        f"content/reports/{name}.md": report(title=title, date="2025-02-16", source=f"{{publisher: {publisher}}}",
                                             actors=f"[{{name: {actor}, role: witness}}]",
                                             reported_toll=f"{{killed: {n}, according_to: residents}}")
        for name, title, publisher, n, actor in [("one", "Nine dead at the well", "Local radio", 9, "Kal Akal"),
                                                 ("two", "Dozen killed, say elders", "Local radio", 12, "Kal Akal"),
                                                 ("wire", "Killings reported", "Wire X", 12, "Gao Militia")]})
    out = build(root, tmp_path / "out")
    text = (out / "events/2025-02-test-event/index.html").read_text(encoding="utf-8")
    table = text[text.index('<table class="claims grouped">'):text.index("</table>")]
    assert re.findall(r'">Local radio: <cite>([^<]+)</cite></a>, <span data-pagefind-ignore>not dated', table) == [
        "Nine dead at the well", "Dozen killed, say elders"]
    assert '">Wire X</a>, <span data-pagefind-ignore>not dated' in table
    # an actor's role, named by its reports' publishers and publication dates: titles where those are alike
    # (an actor every report names says "all N reports": Kal Akal is in two of the three)
    role = text[text.index('<ul class="actors">'):].split("</ul>")[0]
    assert re.findall(r'<a href="/archive/reports/\w+/">([^<]+)</a>', role) == [
        "Wire X", "Local radio: Nine dead at the well", "Local radio: Dozen killed, say elders"]


# precision -------------------------------------------------------------------------------------------------
def test_a_places_precision_is_shown_kept_in_the_data_and_drawn_apart(make_site, tmp_path):
    root = make_site({
        # 60 km west of where it was: 1.1° from Kidal were 32 units, less than two marks' tap areas (maps.TAP_RADIUS)
        "content/reports/a.md": report(location="{name: Anefis, country: Mali, lat: 17.9, lon: -0.3, precision: region}",
                                       reported_toll="{killed: 5, according_to: Test Wire}"),
        "content/reports/b.md": report(event="2025-03-other", date="2025-03-02", reported_toll="{killed: 5, according_to: Test Wire}",
                                       location="{name: Kidal, country: Mali, lat: 18.4, lon: 1.4, precision: exact}"),
    })
    out = build(root, tmp_path / "out")
    page = (out / "events/2025-02-test-event/index.html").read_text(encoding="utf-8")
    assert "(precision: somewhere in this region)" in page
    assert 'class="locator-ring approximate"' in page
    assert "(precision: the exact place)" in (out / "reports/b/index.html").read_text(encoding="utf-8")
    # said once, without brackets in brackets
    (root / "content/reports/c.md").write_text(report(
        event="2025-04-tessit", date="2025-04-02", location="{name: Tessit, country: Mali, lat: 15.9, lon: 0.5, "
                                                           "precision: near}"), encoding="utf-8")
    near_out = build(root, tmp_path / "near")
    assert "(precision: near this place, within about 25 km)" in (
        near_out / "events/2025-04-tessit/index.html").read_text(encoding="utf-8")
    place = (near_out / "locations/tessit/index.html").read_text(encoding="utf-8")
    assert re.search(r">Precision</dt> <dd>near this place, within about 25 km</dd>", place)
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO((out / "data/events.csv").read_text(encoding="utf-8")))}
    assert rows["2025-02-test-event"]["location_precision"] == "region"
    assert rows["2025-03-other"]["location_precision"] == "exact"
    reports = {r["slug"]: r for r in json.loads((out / "data/reports.json").read_text(encoding="utf-8"))}
    assert reports["a"]["location_precision"] == "region"
    home = (out / "index.html").read_text(encoding="utf-8")
    [approximate] = re.findall(r'<a href="[^"]*" aria-label="([^"]*)" class="point approximate"', home)
    assert "(approximate place: region)" in approximate
    assert re.search(r'<a href="/archive/events/2025-03-other/" [^>]*class="point"', home)  # the exact one, as before
    assert "a place known only approximately (near, town, region or country)" in home  # the legend


# open data ---------------------------------------------------------------------------------------------------
def test_the_data_package_validates_with_frictionless_and_so_does_events_csv(site):
    descriptor = site / "data/datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == ["events.csv", "events.json", "reports.json",
                                                          "events.geojson"]
    for resource in package["resources"]:
        assert (site / "data" / resource["path"]).is_file()
    report_ = frictionless.validate(str(descriptor))
    assert report_.valid, report_.flatten(["title", "rowNumber", "fieldName", "note"])
    events = frictionless.Package(str(descriptor)).get_resource("events")
    checked = events.validate()
    assert checked.valid and checked.tasks[0].stats["rows"] == 4
    header = next(csv.reader(io.StringIO((site / "data/events.csv").read_text(encoding="utf-8"))))
    assert [f["name"] for f in package["resources"][0]["schema"]["fields"]] == header
    # the licence by its identifier, as CITATION.cff names it, and as site.yaml writes it
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "CC BY 4.0"}]
    assert "license: CC-BY-4.0" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_a_row_that_breaks_the_table_schema_is_caught(site, tmp_path):
    """The Table Schema says something: a wrong precision or a date that is no date fails validation."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("datapackage.json", "events.json", "reports.json", "events.geojson"):
        (folder / name).write_bytes((site / "data" / name).read_bytes())
    text = (site / "data/events.csv").read_text(encoding="utf-8")
    (folder / "events.csv").write_text(text.replace("2024-06-20", "June 2024", 1), encoding="utf-8")
    assert not frictionless.validate(str(folder / "datapackage.json")).valid


def test_the_data_package_carries_the_sites_licence_when_it_has_one():
    assert data._licences(SimpleNamespace()) == []
    assert data._licences(SimpleNamespace(licence="CC-BY-4.0")) == [{"name": "CC-BY-4.0"}]
    assert data._licences(SimpleNamespace(licence={"name": "ODbL-1.0", "path": "https://opendatacommons.org/"})) == [
        {"name": "ODbL-1.0", "path": "https://opendatacommons.org/"}]
    assert data._licences(SimpleNamespace(license="CC BY 4.0")) == [{"name": "CC-BY-4.0", "title": "CC BY 4.0"}]


def test_events_geojson_is_valid_geojson_of_the_located_events(site):
    schema = json.loads((SCHEMAS / "geojson-FeatureCollection.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    geo = json.loads((site / "data/events.geojson").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(geo)
    events = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    located = [e for e in events if e["lat"] is not None]
    assert 0 < len(located) < len(events) or len(located) == len(events)
    assert [f["id"] for f in geo["features"]] == [e["slug"] for e in located]
    for feature, event in zip(geo["features"], located):
        assert feature["geometry"] == {"type": "Point", "coordinates": [event["lon"], event["lat"]]}
        props = feature["properties"]
        for key in ("slug", "title", "date", "end_date", "toll_min", "toll_max", "url", "location_precision"):
            assert props[key] == event[key], key
    page = (site / "data/index.html").read_text(encoding="utf-8")
    assert 'href="/archive/data/events.geojson"' in page and 'href="/archive/data/datapackage.json"' in page
