"""Search over the whole archive, proven in Chromium: full text, filters,
the query in the address, under a path prefix too; and the index step
failing loudly rather than leaving a half-built site."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from browser import MERGED, axe_violations, serving
from conftest import ARCHIVE, ROOT, copy_shipped, copy_shipped_english, report
from sitecheck import tree_digest

from incidents.content.link import link
from incidents.content.load import load
from incidents.search import pagefindservice
from incidents.search.pagefindservice import indexed_part, pagefind_binary, write_index


def build(root: Path, out: Path, *options: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           *options], capture_output=True, text=True, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module", params=["/", "/archive/", "/sharded/"], ids=["root", "prefix", "sharded"])
def served(request, tmp_path_factory):
    """The shipped archive built for a path prefix and served: yields the site's
    address. "prefix": the session's build in both languages (conftest.shipped_build,
    shared: read it only); "root" and "sharded": built here in English only (the
    searches below are English ones, and each language is indexed apart), "sharded"
    with its index split into shards of 4 pages, as a large archive's is, which the
    search page merges."""
    prefix = request.param
    if prefix == "/archive/":
        site = request.getfixturevalue("shipped_build")
        with serving(site.parent) as host:
            yield host + prefix
        return
    www = tmp_path_factory.mktemp("www")
    out = www / prefix.strip("/") if prefix != "/" else www
    shards = {"INCIDENTS_SHARD_PAGES": "4"} if prefix == "/sharded/" else {}
    root = copy_shipped_english(tmp_path_factory.mktemp("english") / "archive")
    done = build(root, out, "--base-url", f"https://example.org{prefix}", env=shards)
    assert done.returncode == 0, done.stderr
    if shards:
        assert len(json.loads((out / "pagefind/shards.json").read_text())["shards"]) >= 2
    assert done.returncode == 0, done.stderr
    with serving(www) as host:
        yield host + prefix


def results(page) -> list[tuple[str, str]]:
    """(title, address) of every result shown, in order."""
    links = page.locator("#search-results h2 a")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]


def search(page, base: str, address: str = "") -> None:
    page.goto(f"{base}search/{address}")
    if address:
        expect(page.locator("#search-status")).to_contain_text("result")
        every_year(page)


def ask(page, query: str) -> None:
    """`query` typed in the box of the search page open in `page`, and its answer
    awaited (the status says what it searched for): for a test of many searches,
    as a reader asks them, without loading the page and its index again for each."""
    page.fill("#q", query)
    page.press("#q", "Enter")
    expect(page.locator("#search-status")).to_contain_text(f"for “{query}”")


def every_year(page) -> None:
    """In shards, the page searches the latest years first: ask for the others too."""
    older = page.locator("#search-older")
    if older.is_visible():
        older.click()
        expect(page.locator("#search-status")).not_to_contain_text("among the events")
        expect(page.locator("#search-status")).to_contain_text("result")


def test_searching_wagner_lists_reports_and_the_actor_page(page, served):
    page.goto(f"{served}search/")
    page.get_by_label("Words to find").fill("Wagner")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#search-status")).to_contain_text("results for “Wagner”")
    every_year(page)
    found = results(page)
    prefix = "/" + served.split("/", 3)[3]
    assert ("Wagner Group", f"{prefix}actors/wagner-group/") in found
    assert sum(1 for _, url in found if "/reports/" in url) >= 3
    assert page.url.endswith("/search/?q=Wagner")


@pytest.mark.parametrize("served", ["/", "/archive/"], indirect=True)  # ranking in shards: below
def test_abeibara_puts_the_event_first(page, served):
    search(page, served, "?q=Abeibara")
    title, url = results(page)[0]
    assert title == "Killings in the Abeibara area"
    assert url.endswith("events/2024-06-abeibara-killings/")


def test_an_event_s_exact_title_puts_the_event_first(page, served):
    """Pagefind ranks the Moura report above its event for "Killings in Moura"
    (the report says "killing" and "Moura" more often); the page titled so comes first."""
    search(page, served, "?q=killings%20in%20MOURA")
    title, url = results(page)[0]
    assert title == "Killings in Moura" and url.endswith("events/2022-03-moura-killings/")


def test_a_location_filter_narrows_the_results(page, served):
    search(page, served, "?q=Wagner")
    everything = results(page)
    page.get_by_label("Location", exact=True).select_option("Abeibara")
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    narrowed = results(page)
    assert 0 < len(narrowed) < len(everything)
    assert any(url.endswith("events/2024-06-abeibara-killings/") for _, url in narrowed)
    assert not any("moura" in url for _, url in narrowed)
    assert "location=Abeibara" in page.url


def test_filters_offer_every_value_and_fetch_their_counts_only_when_touched(page, served):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, served, "?q=Wagner")
    location = page.get_by_label("Location", exact=True)
    assert location.locator("option").all_inner_texts() == [
        "Any location", "Abeibara", "Aslagh", "Gao–Algeria road", "Moura"]
    assert page.get_by_label("Year", exact=True).locator("option").all_inner_texts() == [
        "Any year", "2025", "2024", "2022"]
    assert not [url for url in fetched if url.endswith(".pf_filter")]  # typing alone never fetches them
    location.focus()
    expect(location.locator('option[value="Abeibara"]')).to_have_text(re.compile(r"^Abeibara \(\d+\)$"))
    assert [url for url in fetched if url.endswith(".pf_filter")]


def test_a_query_in_the_address_runs_on_load(page, served):
    search(page, served, "?q=" + quote("Kal Akal") + "&kind=Actor")
    assert page.get_by_label("Words to find").input_value() == "Kal Akal"
    assert page.get_by_label("Page", exact=True).input_value() == "Actor"
    assert results(page) == [("Kal Akal", results(page)[0][1])]
    assert results(page)[0][1].endswith("actors/kal-akal/")


def test_a_search_asked_while_the_index_loads_is_said_under_way_and_answered(page, served):
    """On a slow connection the index takes seconds: a search asked meanwhile
    said nothing, and Enter reloaded the page (a reader's review at 50 KB/s:
    results at 7.8 s, nothing shown before). It is said under way at once,
    and answered once the index is there."""
    held, free = [], []

    def slow(route):
        route.continue_() if free else held.append(route)

    page.route("**/pagefind/pagefind.js", slow)
    page.goto(f"{served}search/")
    page.get_by_label("Words to find").fill("Moura")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#search-status")).to_have_text("Searching…")
    assert page.url.endswith("/search/")  # not sent, the page kept
    free.append(True)
    for route in held:
        route.continue_()
    expect(page.locator("#search-status")).to_contain_text("results for “Moura”")


def test_the_search_box_on_every_page_leads_to_results(page, served):
    page.goto(f"{served}events/2024-06-abeibara-killings/")
    box = page.get_by_role("searchbox", name="Search")
    box.fill("Moura")
    box.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("results for “Moura”")
    every_year(page)
    assert any(url.endswith("events/2022-03-moura-killings/") for _, url in results(page))


def test_result_links_open_their_pages(page, served):
    search(page, served, "?q=Aslagh")
    page.locator("#search-results h2 a", has_text="Killings in Aslagh").click()
    expect(page.locator("h1")).to_have_text("Killings in Aslagh")


def test_excerpts_quote_the_page_not_the_names_of_its_links_to_claims(page, served):
    """A claim's "link" is named for screen readers ("link to this claim: the
    Malian army, 27 killed"); Pagefind is not given that name, so an excerpt
    around a toll quotes the claim once, as the page shows it."""
    search(page, served, "?q=killed")
    excerpts = page.locator("#search-results .excerpt").all_inner_texts()
    assert excerpts
    assert not [e for e in excerpts if re.search(r"to this (claim|response)|\blink\b", e)], excerpts


def test_excerpts_quote_the_page_not_its_notes_to_readers(page, served):
    """The notes beside a page's facts and figures ("(according to this
    report)", "(language: English)", "not quoted", "(range over 4 claims, below)"),
    "not dated; incident ...", "Reported in", "Printed from" (print only), a
    place's coordinates and an event's number of reports are the same words
    on every page, or numbers no one searches for: Pagefind is not given them, so an
    excerpt quotes what the page says of its event, and a search for
    "quoted" finds the reports that quote someone, not every claim table."""
    notes = (r"according to this report|language: [A-Za-z]|not quoted|range over \d|as one claim gives it"
             r"|not attributed further|publisher's own figure|not dated|incident \d|Printed from|[Rr]eported in [A-Z]"
             r"|-?\d+\.\d+, -?\d+\.\d+")  # and a place's coordinates
    search(page, served)
    for query in ("killed", "according", "language", "quoted", "range", "dated", "incident", "printed",
                  "reported", "Moura", "Abeibara"):
        ask(page, query)
        every_year(page)
        excerpts = page.locator("#search-results .excerpt").all_inner_texts()
        assert not [e for e in excerpts if re.search(notes, e)], (query, excerpts)


def test_a_page_s_facts_are_sentences_of_their_own_in_excerpts(shipped_build):
    """Each fact of a page (its event, date, place, source, actors, tags) is a
    sentence in the text Pagefind quotes: the facts' dt and dd are grouped, as
    Pagefind ends a sentence after a group and never after a bare dd. Without
    them an excerpt read "Killings in Aslagh 16 February 2025 Aslagh, Kidal, Mali
    HumAngle Malian Armed Forces"."""
    def text(url: str) -> str:
        for fragment in (shipped_build / "pagefind" / "fragment").iterdir():
            data = gzip.decompress(fragment.read_bytes())
            page = json.loads(data[data.index(b"{"):])
            if page["url"] == url:
                return page["content"]
        raise AssertionError(f"no fragment of {url}")

    assert ("Killings in Aslagh. 16 February 2025. Aslagh, Kidal, Mali. HumAngle. Malian Armed Forces"
            in text("/reports/aslagh-killings-humangle/"))
    assert "Tueries à Aslagh. 16 février 2025. Aslagh, Kidal, Mali. HumAngle. Forces armées" in text(
        "/fr/reports/aslagh-killings-humangle/")
    assert text("/events/2025-02-aslagh-killings/").startswith(
        "Killings in Aslagh. 16 February 2025. Aslagh, Kidal, Mali. 4 killed. The Azawad")
    assert text("/locations/aslagh/") == "Aslagh. Kidal. Mali."


def test_without_javascript_the_page_says_where_to_browse(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}search/?q=Wagner")
    text = page.locator("main").inner_text()
    assert "needs JavaScript" in text and "timeline" in text and "actors" in text
    expect(page.locator("#q")).to_be_hidden()  # a box that would search nothing is not offered
    context.close()


def test_a_place_written_with_hyphens_is_found_as_written_with_spaces(page, make_site, tmp_path):
    """"Diaga-Hober" for the village the archive writes "Diaga Hober" (a
    relative types either): its page comes second at the latest, as for the
    name as written; before, results matching a stray "diaga" came first and
    the place's page was 12th (a reader's review of a 10,000-report sample)."""
    files = {f"content/reports/r{i}.md": report(
        event=f"2025-0{i + 1}-diaga-hober-killings", date=f"2025-0{i + 1}-10", title=f"Killings {i} near Diaga Hober",
        location="{name: Diaga Hober, region: Mopti}",
        source=f"{{publisher: Wire {i}, url: 'https://example.org/{i}'}}") for i in range(3)}
    files["content/reports/other.md"] = report(event="2025-05-diaga-killings", date="2025-05-10", location="Diaga",
                                               title="Attack at Diaga", source="{publisher: Wire, url: 'https://example.org/x'}")
    out = tmp_path / "www"
    done = build(make_site(files), out, "--base-url", "https://example.org/")
    assert done.returncode == 0, done.stderr
    with serving(out) as host:
        for query in ("Diaga Hober", "Diaga-Hober", "diaga‑hober"):
            search(page, host + "/", f"?q={quote(query)}")
            assert "/locations/diaga-hober/" in [url for _, url in results(page)[:2]], (query, results(page))


def test_a_result_line_says_a_report_s_figures_as_one_range_each_figure_once(page, make_site, tmp_path):
    """A report's result line gives its killed figures as the event's does, the range over its claims:
    "6 killed", not "6; 6 killed" for two claims of 6; "4–8 killed", not "5–8; 4; at least 5 killed".
    Its event's line is the range over every report's claims."""
    root = make_site({
        "content/reports/twice.md": report(event="2021-12-twice", date="2021-12-02", title="Six twice",
                                           reported_toll="[{killed: 6, according_to: residents}, "
                                           "{killed: 6, according_to: the mayor}]"),
        "content/reports/three.md": report(title="Three figures", reported_toll="[{killed: {min: 5, max: 8}}, "
                                           "{killed: 4, according_to: residents}, {killed: {min: 5}}]"),
        "content/reports/open.md": report(title="An open figure", reported_toll="{killed: {min: 24}}",
                                          source="{publisher: Other Wire, url: 'https://example.org/open'}"),
        "content/events/2021-12-twice.md": "---\ntitle: Killings in December\n---\n",
        "content/events/2025-02-test-event.md": "---\ntitle: Killings near Gao\n---\n",
    })
    out = tmp_path / "www"
    done = build(root, out, "--base-url", "https://example.org/")
    assert done.returncode == 0, done.stderr
    with serving(out) as host:
        lines = {kind: result_lines(page, f"{host}/search/?kind={kind}") for kind in ("Report", "Event")}
    assert lines == {
        "Report": {"Six twice": "Report · 2 December 2021 · 6 killed · Test Wire",
                   "Three figures": "Report · 17 February 2025 · 4–8 killed · Test Wire",
                   "An open figure": "Report · 17 February 2025 · at least 24 killed · Other Wire"},
        "Event": {"Killings in December": "Event · 2 December 2021 · 6 killed",
                  "Killings near Gao": "Event · 17 February 2025 · 4 to at least 24 killed"}}, lines


def result_lines(page, address: str) -> dict[str, str]:
    """Each result's title and the line under it (kind, date, toll, source), as search.js writes them."""
    page.goto(address)
    expect(page.locator("#search-status")).to_contain_text("result")
    return dict(zip(page.locator("#search-results h2").all_inner_texts(),
                    page.locator("#search-results .meta").all_inner_texts()))


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """The shipped archive in English, built with its search index in shards of 4
    pages and as if its actors and places were more than an index's page
    (INCIDENTS_LIST_PAGE=2), and served: yields the site's address."""
    www = tmp_path_factory.mktemp("typed")
    root = copy_shipped_english(tmp_path_factory.mktemp("english") / "archive")
    done = build(root, www, "--base-url", "https://example.org/",
                 env={"INCIDENTS_LIST_PAGE": "2", "INCIDENTS_SHARD_PAGES": "4"})
    assert done.returncode == 0, done.stderr
    with serving(www) as host:
        yield host + "/"


def test_a_long_filter_is_a_box_whose_values_are_suggested_and_a_name_typed_as_it_comes_is_found(page, typed):
    """A list of thousands of places would weigh on every visitor (360 KB at 100,000
    reports): a long filter is a box to type in, its values suggested from the
    index's filter files once it is touched, "abeibara" read as "Abeibara"."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, typed, "?q=Wagner")
    everything = results(page)
    box = page.get_by_label("Location", exact=True)
    assert box.evaluate("e => e.tagName") == "INPUT" and page.locator("#filter-location-values option").count() == 0
    assert axe_violations(page, typed.rstrip("/")) == []
    assert not [url for url in fetched if url.endswith(".pf_filter")]
    box.focus()
    expect(page.locator('#filter-location-values option[value="Abeibara"]')).to_have_count(1)
    box.fill("abeibara")
    box.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    expect(box).to_have_value("Abeibara")
    narrowed = results(page)
    assert 0 < len(narrowed) < len(everything) and not any("moura" in url for _, url in narrowed)
    assert "location=Abeibara" in page.url
    box.fill("")  # its ×, or Escape: the filter goes at once
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ results for “Wagner”$"))
    assert "location=" not in page.url and len(results(page)) == len(everything)
    page.goto(f"{typed}search/?q=Wagner&actor=" + quote("wagner group"))
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    expect(page.get_by_label("Actor", exact=True)).to_have_value("Wagner Group")


def test_a_name_in_a_filter_s_box_is_read_as_readers_type_it_and_one_not_known_is_said_at_once(page, typed):
    """Dashes and apostrophes as keyboards type them; a name the index has not gives
    no results without fetching the earlier years' shards."""
    page.goto(f"{typed}search/?q=killed&location=" + quote("gao-algeria road"))
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    box = page.get_by_label("Location", exact=True)
    expect(box).to_have_value("Gao–Algeria road")
    page.goto(f"{typed}search/?q=Wagner")
    expect(page.locator("#search-status")).to_contain_text("result")
    expect(page.locator("#search-older")).to_be_visible()
    entries: list[str] = []
    page.on("request", lambda request: entries.append(request.url) if "pagefind-entry" in request.url else None)
    box.fill("Abei")
    box.press("Enter")
    expect(page.locator("#search-status")).to_have_text("No results for “Wagner” with the chosen filters.")
    assert entries == [] and "location=Abei" in page.url
    expect(page.locator("#search-older")).to_be_hidden()  # every place is in the names' index: no year has it


def test_a_search_started_while_earlier_years_merge_waits_for_them(page, typed):
    """A whole name typed searches at once, and Enter asks again: the earlier years,
    slow to come, are merged by the first search, and the second waits for them."""
    def slowly(route):
        time.sleep(0.8)
        route.continue_()

    page.goto(f"{typed}search/?kind=Event")
    expect(page.locator("#search-status")).to_contain_text("result")
    box = page.get_by_label("Location", exact=True)
    box.focus()
    expect(page.locator('#filter-location-values option[value="Moura"]')).to_have_count(1)
    page.route(re.compile(r"/pagefind/shards/2022_2024/"), slowly)
    box.press_sequentially("Moura", delay=20)
    box.press("Enter")
    expect(page.locator("#search-status")).to_have_text("1 result with the chosen filters", timeout=20_000)
    assert [title for title, _ in results(page)] == ["Killings in Moura"]


def test_filter_files_that_failed_are_asked_again_and_a_name_is_not_called_unknown_meanwhile(browser, typed):
    """Pagefind answers with the filter files it could load (and says the others failed
    in the console): a name missing from a partial list is not called unknown (every
    year is searched), and the next touch asks for the files again."""
    context = browser.new_context()
    page = context.new_page()
    failing, entries = {"on": True}, []
    page.route(re.compile(r"/pagefind/filter/"), lambda route: route.abort() if failing["on"] else route.continue_())
    page.on("request", lambda request: entries.append(request.url) if "pagefind-entry" in request.url else None)
    page.goto(f"{typed}search/?kind=Event")
    expect(page.locator("#search-status")).to_contain_text("result")
    box = page.get_by_label("Location", exact=True)
    box.fill("moura")
    box.press("Enter")
    expect(page.locator("#search-status")).to_have_text("No results with the chosen filters.", timeout=20_000)
    assert any("/shards/2022_2024/" in url for url in entries)  # searched in every year, not called unknown
    failing["on"] = False
    page.get_by_label("Words to find").focus()
    box.focus()
    expect(page.locator('#filter-location-values option[value="Moura"]')).to_have_count(1)
    box.press("Enter")
    expect(page.locator("#search-status")).to_have_text("1 result with the chosen filters", timeout=20_000)
    expect(box).to_have_value("Moura")
    context.close()


def test_a_shard_that_cannot_be_loaded_is_said_not_searched_for_good(browser, typed):
    """A search that must merge the earlier years, one of whose shards fails to
    load, says the index could not be loaded (Pagefind says why in the console)."""
    context = browser.new_context()
    page = context.new_page()
    page.route(re.compile(r"/shards/2022_2024/pagefind-entry"), lambda route: route.abort())
    page.goto(f"{typed}search/?q=zzzz")
    expect(page.locator("#search-status")).to_contain_text("could not be loaded", timeout=20_000)
    context.close()


def test_a_shard_holds_what_the_search_page_fetches_of_it_and_no_script(browser, tmp_path):
    """The search page merges each shard into the main index (mergeIndex), which
    runs on the main index's script, worker and WebAssembly: a shard's own
    (205 KB a shard, 265 KB in two languages) are never fetched, and not
    written. In both languages a search of every year finds what the earlier
    shards hold, and nothing the page asks for is missing."""
    root = copy_shipped(tmp_path / "archive")
    out = tmp_path / "site"
    done = build(root, out, "--base-url", "https://example.org/", env={"INCIDENTS_SHARD_PAGES": "4"})
    assert done.returncode == 0, done.stderr
    shards = sorted((out / "pagefind/shards").iterdir())
    assert len(shards) >= 2
    for folder in shards:
        names = {p.name for p in folder.iterdir()}
        assert "pagefind-entry.json" in names and not names & {"pagefind.js", "pagefind-worker.js"}, folder
        assert not [n for n in names if n.startswith("wasm.")], folder
    main = {p.name for p in (out / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.fr.pagefind"} <= main
    with serving(out) as host:
        for lang, moura in (("", "/events/2022-03-moura-killings/"), ("fr/", "/fr/events/2022-03-moura-killings/")):
            page = browser.new_page()
            failed, asked = [], []
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            page.on("request", lambda r: asked.append(r.url))
            page.goto(f"{host}/{lang}search/?q=Moura")
            status, older = page.locator("#search-status"), page.locator("#search-older")
            expect(status).to_contain_text("Moura")
            if older.is_visible():  # "Also search …": the earlier years' shards
                older.click()
                expect(older).to_be_hidden()
                expect(status).to_contain_text("Moura")
                expect(status).not_to_contain_text(re.compile("among|parmi"))
            assert any(url.endswith(moura) for _, url in results(page)), (lang, results(page))
            assert any("/pagefind/shards/" in url for url in asked)
            assert failed == [], failed
            page.close()


@pytest.fixture(scope="module")
def sharded_sample(sample_build, tmp_path_factory) -> Path:
    """The session's 300-report sample (conftest.sample_build, one index) built
    again with its index in shards of 60 pages, as a large archive's is."""
    out = tmp_path_factory.mktemp("sharded") / "site"
    done = build(sample_build.parent / "content-root", out, "--base-url", "https://example.org/",
                 env={"INCIDENTS_SHARD_PAGES": "60"})
    assert done.returncode == 0, done.stderr
    return out


def test_an_index_in_shards_finds_and_ranks_as_one_index_does(browser, sample_build, sharded_sample):
    """300 reports, as one index and as shards of 60 pages merged in the browser:
    a common word finds the same pages; an event's title finds its event or its
    reports first as often."""
    archive = link(load(sample_build.parent / "content-root"))
    events = sorted(archive.events.values(), key=lambda e: e.slug)[::5]
    queries = ["killed", "village", "investigation"] + [e.title for e in events]
    found = {}
    for name, out in (("one", sample_build), ("shards", sharded_sample)):
        with serving(out) as host:
            page = browser.new_page()
            page.goto(f"{host}/404.html")
            found[name] = page.evaluate(MERGED, queries)
            page.close()
    assert json.loads((sample_build / "pagefind/shards.json").read_text())["shards"] == []  # one index
    assert len(json.loads((sharded_sample / "pagefind/shards.json").read_text())["shards"]) >= 4
    assert [n for n, _ in found["one"][:3]] == [n for n, _ in found["shards"][:3]]  # the same pages match

    def hits(name: str) -> int:  # the event, or one of its reports, in the first five
        return sum(any(url.endswith(f"/{e.slug}/") or url.split("/")[-2] in e.reports for url in top[:5])
                   for e, (_, top) in zip(events, found[name][3:]))

    assert hits("shards") >= hits("one") - 1 and hits("one") >= len(events) - 2


def test_a_name_searched_has_its_page_among_the_first_two_results(browser, sample_build, sharded_sample):
    """An actor's other name ("FAMa") or a place's name searched: the page it is
    the name of comes second at the latest, in one index and in shards, where
    the events and reports that say the name most come first. In shards it came
    far down: each shard weighs a word by its own pages."""
    archive = link(load(sample_build.parent / "content-root"))
    names = {alias: f"/actors/{slug}/" for slug, a in sorted(archive.actors.items()) for alias in a.aliases[:1]}
    busiest = sorted(archive.places.items(), key=lambda item: (-len(item[1].events), item[0]))[:6]
    names.update({p.location.name: f"/locations/{slug}/" for slug, p in busiest})
    assert len(names) >= 12
    for out in (sample_build, sharded_sample):
        with serving(out) as host:
            page = browser.new_page()
            for n, (name, wanted) in enumerate(names.items()):
                if n == 0:  # the first in the address, the others typed in the box of the page it opened
                    page.goto(f"{host}/search/?q={quote(name)}")
                    expect(page.locator("#search-status")).to_contain_text(f"for “{name}”")
                else:
                    ask(page, name)
                first = [a.get_attribute("href") for a in page.locator("#search-results h2 a").all()][:2]
                assert any(url.endswith(wanted) for url in first), (out.name, name, wanted, first)
            page.close()
    sorts = (sharded_sample / "actors" / next(iter(names.values())).split("/")[2] / "index.html").read_text()
    assert 'data-pagefind-meta="names">[&#34;' in sorts  # its other names, for the page to compare


def test_a_common_word_finds_events_and_reports_first_in_shards_as_in_one_index(browser, sample_build,
                                                                                sharded_sample):
    """The actors and places are an index of their own in shards, of few pages:
    a word most events say ("killed", "investigation") is rarer there, and each
    index weighs a word by its own pages, so their pages led the results (an
    actor's profile saying "investigation" once, first of 175 results at 2,000
    reports). The search page weighs that index less: events and reports first."""
    for out in (sample_build, sharded_sample):
        with serving(out) as host:
            page = browser.new_page()
            page.goto(f"{host}/search/")
            for word in ("killed", "investigation", "village", "drone"):
                ask(page, word)
                first = [a.get_attribute("href") for a in page.locator("#search-results h2 a").all()][:3]
                assert all(url.split("/")[-3] in ("events", "reports") for url in first), (out.name, word, first)
            page.close()


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def searched(merged: list[dict], pending: list[dict]) -> tuple[str, str]:
    """What the search page says it searched, and its button the rest, given the
    shards (of shards.json) merged and those left: the years their events start
    ("of 2023–2025"; "Also search 2012–2022"); by month where the latest shards
    begin within a year ("since June 2025"; "Also search before June 2025");
    neither where a month has pages in both."""
    since = min(s["since"] for s in merged)
    if any(s["until"] >= since for s in pending):
        return ("among the latest events and reports, and every actor and place",
                "Also search earlier events and reports")
    if not any(s["until"][:4] == since[:4] for s in pending):
        span = lambda shards: (f"{min(s['from'] for s in shards)}–{max(s['last'] for s in shards)}"  # noqa: E731
                               .replace(f"{shards[0]['last']}–{shards[0]['last']}", f"{shards[0]['last']}"))
        return (f"among the events and reports of {span(merged)}, and every actor and place",
                f"Also search {span(pending)}")
    month = f"{MONTHS[int(since[5:]) - 1]} {since[:4]}"
    return (f"among the events and reports since {month}, and every actor and place", f"Also search before {month}")


def test_a_large_index_merges_the_latest_years_first_and_earlier_ones_when_asked(browser, sample_build,
                                                                                 sharded_sample):
    """Each shard costs a visitor about 25 KB for every word searched: the page
    merges the actors and places and the latest years, and earlier years on
    "Also search …", on a year filter, or when the latest years find nothing."""
    corpus, out = sample_build.parent / "content-root", sharded_sample
    listing = json.loads((out / "pagefind/shards.json").read_text())
    dated = [s for s in listing["shards"] if "from" in s]
    assert listing["first"] == 60 and len(dated) >= 4
    assert [s["to"] for s in dated] == sorted((s["to"] for s in dated), reverse=True)  # newest first
    assert all(s["from"] <= s["last"] <= s["to"] for s in dated)
    first, pages = [], 0
    for shard in dated:
        if pages >= listing["first"]:
            break
        first.append(shard)
        pages += shard["pages"]
    later = dated[len(first):]
    archive = link(load(corpus))
    # a place whose reports all lie in shards not merged at first: as a report, found only there
    oldest = later[-1]
    by_place: dict[str, list[int]] = {}
    for r in archive.reports.values():
        by_place.setdefault(r.location.name, []).append(archive.events[r.event].date.year)
    place = next(name for name, years in sorted(by_place.items())
                 if max(years) < first[-1]["from"] and " " not in name)

    with serving(out) as host:
        page = browser.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(f"{host}/search/?q=village")
        among, also = searched(first, later)
        expect(page.locator("#search-status")).to_contain_text(f"results for “village” {among}")
        metas = lambda: {u.split("/pagefind/")[1].rsplit("/", 1)[0] for u in fetched if u.endswith(".pf_meta")}  # noqa: E731
        merged = {s["path"].rstrip("/") for s in first}
        assert merged < metas() and not {s["path"].rstrip("/") for s in later} & metas()
        count = lambda: int(page.locator("#search-status").inner_text().split()[0])  # noqa: E731
        before = count()
        older = page.get_by_role("button", name=also)
        older.click()
        expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ results for “village”$"))
        expect(older).to_be_hidden()
        assert {s["path"].rstrip("/") for s in dated} <= metas()
        assert count() > before

        # a year filter merges that year's shard and no other earlier one (the latest are merged at once)
        page = browser.new_page()
        fetched.clear()
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(f"{host}/search/?kind=Report&year={oldest['from']}")
        expect(page.locator("#search-status")).to_contain_text("results with the chosen filters")
        assert [s for s in dated if s["path"].rstrip("/") in metas()] == first + [oldest]

        # nothing in the latest years: every year is searched before "No results"
        page.goto(f"{host}/search/?q={quote(place)}&kind=Report")
        expect(page.locator("#search-status")).to_contain_text(f"for “{place}”")
        assert results(page) and "No results" not in page.locator("#search-status").inner_text()


def test_shards_that_begin_within_a_year_are_said_by_the_month_they_begin(browser, sample_build, tmp_path):
    """Shards of 20 pages split the sample's latest year by month: the page
    merges the latest, which begin in a month of that year. It must not say
    it searched the whole year (an event of its first months, not searched,
    would seem not to be in the archive): "since June 2025", and the button
    "Also search before June 2025"."""
    out = tmp_path / "site"
    done = build(sample_build.parent / "content-root", out, "--base-url", "https://example.org/",
                 env={"INCIDENTS_SHARD_PAGES": "20"})
    assert done.returncode == 0, done.stderr
    listing = json.loads((out / "pagefind/shards.json").read_text())
    dated = [s for s in listing["shards"] if "from" in s]
    merged, pages = [], 0
    for shard in dated:  # newest first, until the first pages are reached
        if pages >= listing["first"]:
            break
        merged.append(shard)
        pages += shard["pages"]
    since = min(s["since"] for s in merged)
    pending = dated[len(merged):]
    assert since[5:] not in ("00", "01") and all(s["until"] < since for s in pending)
    assert any(s["since"].startswith(since[:4]) for s in pending)  # the year's first months: not merged
    among, also = searched(merged, pending)
    month = f"{MONTHS[int(since[5:]) - 1]} {since[:4]}"
    assert (among, also) == (f"among the events and reports since {month}, and every actor and place",
                             f"Also search before {month}")
    with serving(out) as host:
        page = browser.new_page()
        page.goto(f"{host}/search/?q=village")
        expect(page.locator("#search-status")).to_contain_text(f"results for “village” {among}")
        older = page.get_by_role("button", name=also)
        expect(older).to_be_visible()
        older.click()
        expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ results for “village”$"))


# The index step, without a browser.

def test_build_writes_the_index_and_marks_up_only_content_pages(tmp_path):
    out = tmp_path / "out"
    assert build(ARCHIVE, out).returncode == 0
    assert (out / "pagefind/pagefind.js").is_file() and list((out / "pagefind/index").iterdir())
    event = (out / "events/2024-06-abeibara-killings/index.html").read_text()
    assert '<main id="main" class="wrap" data-pagefind-body' in event
    for name, value in [("kind", "Event"), ("actor", "Wagner Group"), ("location", "Abeibara"), ("year", "2024")]:
        assert f'<span data-pagefind-filter="{name}">{value}</span>' in event
    for unindexed in ["index.html", "timeline/index.html", "events/index.html", "search/index.html"]:
        assert "data-pagefind-body" not in (out / unindexed).read_text(), unindexed
    # an actor's page is found by its own name, a place's by its own: not by the places
    # of the actor's events nor the actors of the place's, which grow with them
    actor = (out / "actors/wagner-group/index.html").read_text()
    place = (out / "locations/abeibara/index.html").read_text()
    assert re.findall(r'data-pagefind-filter="(actor|location)">([^<]*)<', actor) == [("actor", "Wagner Group")]
    assert re.findall(r'data-pagefind-filter="(actor|location)">([^<]*)<', place) == [("location", "Abeibara")]
    assert all('<span data-pagefind-filter="year">2024</span>' in page for page in (actor, place))


def test_no_search_skips_the_index_and_says_so_of_the_one_it_removes(tmp_path):
    out = tmp_path / "out"
    done = build(ARCHIVE, out, "--no-search")
    assert done.returncode == 0 and "pagefind" not in done.stderr
    assert not (out / "pagefind").exists() and (out / "search/index.html").is_file()
    assert build(ARCHIVE, out).returncode == 0 and (out / "pagefind/pagefind.js").is_file()
    done = build(ARCHIVE, out, "--no-search")
    assert done.returncode == 0 and not (out / "pagefind").exists()
    assert f"warning: {out.resolve()}/pagefind/, the last build's search index, goes with this build made with " \
           "--no-search: build without it to search the site" in done.stderr.splitlines(), done.stderr


@pytest.mark.parametrize("binary, message", [
    ("/nonexistent/pagefind", "PAGEFIND_BINARY_PATH=/nonexistent/pagefind: no such file"),
    ("/bin/false", "Pagefind failed (exit 1)"),
    # a program that answers before it reads, and never reads: both pipes full held the build an hour
    ("answers-garbage", "Pagefind failed (exit -9): an answer that is not Pagefind's service protocol"),
])
def test_a_missing_or_failing_pagefind_leaves_the_last_good_site(tmp_path, binary, message):
    out = tmp_path / "out"
    assert build(ARCHIVE, out, "--no-search").returncode == 0
    before = tree_digest(out)
    if binary == "answers-garbage":
        script = tmp_path / "bin" / "pagefind"
        script.parent.mkdir()
        script.write_text(f"#!{sys.executable}\nimport sys, time\nsys.stdout.write('garbage ' * 250_000)\n"
                          "sys.stdout.flush()\ntime.sleep(600)\n")
        script.chmod(0o755)
        binary = str(script)
    done = build(ARCHIVE, out, env={"PAGEFIND_BINARY_PATH": binary})
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "bin") == [".out.cache", "out"]


@pytest.mark.parametrize("site", ["shipped_build", "sample_build"])
def test_pagefind_given_each_page_s_indexed_part_writes_the_index_it_writes_from_whole_pages(site, request,
                                                                                             tmp_path, monkeypatch):
    built = request.getfixturevalue(site)
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("index.html")
                   if "data-pagefind-body" in p.read_text())
    pages = [(built / rel).read_text() for rel in files]
    assert files and all(len(indexed_part(html)) < len(html) - 1000 for html in pages)  # each one cut
    assert write_index(pagefind_binary(), built, files, tmp_path / "part") is None
    monkeypatch.setattr(pagefindservice, "indexed_part", lambda html: html)
    assert write_index(pagefind_binary(), built, files, tmp_path / "whole") is None
    assert tree_digest(tmp_path / "part") == tree_digest(tmp_path / "whole")


PAGE = ('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>Abeibara</title>\n{head}</head>\n'
        '<body>\n<header>{header}</header>\n{main}\n<footer>site</footer>\n</body>\n</html>\n')
MAIN = '<main id="main" data-pagefind-body>\n<h1>Abeibara</h1>\n<p>Text.</p>\n</main>'


def test_the_indexed_part_is_the_language_the_title_and_the_main_element():
    assert indexed_part(PAGE.format(head="<link rel=icon>\n", header="menu", main=MAIN)) == (
        f'<!DOCTYPE html>\n<html lang="fr">\n<head><title>Abeibara</title></head><body>{MAIN}</body></html>')
    titled = PAGE.format(head="", header="", main=MAIN).replace("<title>", '<title id="t">')
    assert '<head><title id="t">Abeibara</title></head>' in indexed_part(titled)


@pytest.mark.parametrize("head, header, main", [
    ('<meta data-pagefind-meta="image[content]" content="/a.png">', "", MAIN),  # read outside the main element
    ("", '<span data-pagefind-filter="kind">Event</span>', MAIN),
    ("", "", MAIN.replace("<main id=\"main\" data-pagefind-body>", "<main id=\"main\">").replace(
        "<h1>", "<div data-pagefind-body><h1>").replace("</main>", "</div></main>")),  # the body elsewhere
    ("", "", "<main>text</main>"),  # no body marked: Pagefind reads the whole page
    ("", "", MAIN + "\n<main hidden>more</main>"),
    ("", "<h1>Site name</h1>", MAIN),  # Pagefind's title: the page's first <h1>
    ("", '<img src="/badge.png" alt="badge">', MAIN.replace("<h1>Abeibara</h1>", "<p>No title here</p>")),
    ("", '<svg><title>Logo</title></svg>', MAIN),  # a title it cannot tell from the page's
])
def test_a_page_that_marks_anything_else_for_pagefind_is_given_whole(head, header, main):
    html = PAGE.format(head=head, header=header, main=main)
    assert indexed_part(html) == html


def test_an_excerpt_ends_each_claim_before_the_next_claimant(shipped_build):
    """Pagefind ends a cell's or an item's text with a period when its last
    character is a letter or a digit: a space before each claim's (unindexed)
    "link" made it run on ("…17 February 2025 killed four people the army"), as
    if the next claimant were the victims. The Gao road event's claims, as its
    page's index text gives them, each end in a period."""
    import gzip
    fragments = []
    for path in (shipped_build / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(b"pagefind_dcd"):] if data.startswith(b"pagefind_dcd") else data)
        fragments.append(fragment)
    [event] = [f for f in fragments if f["url"] == "/events/2025-02-gao-road-killings/"]
    text = event["content"]
    # a claim's source and words, then the next claim's figure; the last claim, then the list of reports
    assert "the execution of 24 civilians. at least 24 killed" in text, text
    assert "including women and children. Unidentified news website" in text, text


def test_the_pinned_pagefind_is_the_one_installed_and_the_shards_key_names_it(monkeypatch):
    """package.json pins Pagefind; the generator expects that version, and a
    shard's key holds the version installed (and its binary's size): the Pages
    workflow keeps the last run's shards, and a shard indexed by another
    Pagefind is indexed again, not merged with this one's by the search page."""
    from incidents.search import index

    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pagefind"]
    installed = json.loads((pagefind_binary().parent.parent / "package.json").read_text(encoding="utf-8"))
    assert pagefindservice.VERSION == pinned == installed["version"]
    assert pagefindservice.pagefind_identity() == f"{pinned}:{pagefind_binary().stat().st_size}"
    shard = index.Shard("", ("reports/a/index.html",))
    digests = {"reports/a/index.html": b"x"}
    key = index.shard_key(shard, digests)
    monkeypatch.setattr(index, "pagefind_identity", lambda: f"9.9.9:{pagefind_binary().stat().st_size}")
    assert index.shard_key(shard, digests) != key
