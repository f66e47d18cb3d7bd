"""The archive in French and in English, as a reader meets it in Chromium:
English at /, French under /fr/, each page switching to the same page in the
other language, French dates, French words, and a French search that finds
"tués" and "massacres" with French stemming. And the same rules without a
browser: hreflang, the sitemap, a missing translation shown in its own
language, the `fr:` blocks validated like any field."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import serving
from conftest import ARCHIVE, ROOT, report
from sitecheck import tree_digest

from incidents.build import build
from incidents.errors import ContentError

PAGE = "events/2025-02-gao-road-killings/"


@pytest.fixture(scope="module")
def served(shipped_build):
    """The shipped archive (both languages) built under a path prefix, and served
    (conftest.shipped_build, shared: read it only)."""
    with serving(shipped_build.parent) as host:
        yield host + "/archive/", shipped_build


def test_the_french_home_is_in_french(page, served):
    base, _ = served
    page.goto(base + "fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.title() == "Archive des incidents au Mali"
    nav = page.get_by_role("navigation", name="Principale")
    expect(nav.get_by_role("link", name="Chronologie")).to_be_visible()
    expect(page.get_by_role("heading", name="Derniers événements")).to_be_visible()


def test_a_french_event_page_has_french_dates_words_and_title(page, served):
    base, _ = served
    page.goto(base + "fr/" + PAGE)
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", level=1)).to_have_text("Meurtres de civils sur la route Gao–Algérie")
    expect(page.locator("dd time").first).to_have_text("17 février 2025")
    expect(page.locator(".toll").first).to_have_text("au moins 24 tués")
    expect(page.get_by_role("heading", name="Bilans avancés")).to_be_visible()
    # The reports are in English, their source's language: marked so.
    report = page.locator("ol.reports a").first
    assert report.get_attribute("lang") == "en"
    # A source's English words are quoted as French quotes: « … », spaced; on the English page “…”.
    marks = "q => getComputedStyle(q).quotes"
    assert page.locator("q[lang=en]").first.evaluate(marks) == '"«\u00a0" "\u00a0»" "“" "”"'
    page.goto(base + PAGE)
    assert page.locator("q").first.evaluate(marks) == '"“" "”" "‘" "’"'


def test_a_stance_is_capitalised_as_french_writes_it(page, served):
    """A stance starting a line takes a capital on its first word alone: "A démenti",
    not "A Démenti" (CSS's capitalize makes every word's)."""
    base, _ = served
    page.goto(base + "fr/" + PAGE)
    stances = page.locator("ul.stances > li").all_inner_texts()
    assert stances and all(re.match(r"[A-ZÀ-Ý][^A-ZÀ-Ý]*$", s.split("(")[0].strip()) for s in stances), stances
    page.goto(base + "fr/actors/malian-armed-forces/")
    inline = page.locator(".stance").all_inner_texts()
    assert "démenti" in " ".join(inline).lower() and not [s for s in inline if re.search(r" [A-ZÀ-Ý]", s)], inline


class FrenchText(HTMLParser):
    """The text of a page that is in French (its element's or an ancestor's lang), the
    names French attributes give (aria-label, title, alt) and its description for search
    engines and social sites: not scripts, code, or text in English."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str]] = []
        self.parts: list[str] = []

    def french(self) -> bool:
        return next((lang for _, lang in reversed(self.open) if lang), "").startswith("fr")

    def handle_starttag(self, tag, attrs):
        given = dict(attrs)
        if tag not in self.VOID:
            self.open.append((tag, given.get("lang") or ""))
        if given.get("lang", "fr" if self.french() else "").startswith("fr"):
            self.parts += [given[k] for k in ("aria-label", "title", "alt") if given.get(k)]
            if tag == "meta" and given.get("content") and given.get("name", given.get("property", "")) in (
                    "description", "og:title", "og:description"):
                self.parts.append(given["content"])

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if self.french() and not (self.open and self.open[-1][0] in ("script", "style", "code", "pre")):
            self.parts.append(data)


def test_french_text_is_spaced_as_french_typography_spaces_it(served):
    """Before ":" and "»", after "«", a no-break space; before ";", "!" and "?", a
    narrow one: in the interface's words, in what the templates and the charts put
    between them ("Gao : 2 événements ; …") and in the curators' French (a
    summary, a profile, a page), so that no line of a phone's screen starts with
    a colon. English titles quoted on French pages keep their own punctuation."""
    _, site = served
    titles = [re.search(r"^title: (.*)$", p.read_text(encoding="utf-8"), re.M).group(1).strip('"')
              for p in (ARCHIVE / "content/reports").glob("*.md")]
    wrong = re.compile(r"[^\s\u00a0\u202f\d/]:(?!//)(?=\s)|[^\s\u00a0\u202f];|(?<=\S) [:;!?»]|« ")
    found = []
    pages = sorted((site / "fr").rglob("*.html"))
    for page in pages:
        reader = FrenchText()
        reader.feed(page.read_text(encoding="utf-8"))
        for part in reader.parts:
            for title in titles:
                part = part.replace(title, "")
            found += [(page.relative_to(site).as_posix(), part[max(0, m.start() - 30):m.end() + 10])
                      for m in wrong.finditer(part)]
    assert len(pages) > 40 and not found, found[:20]


def test_the_language_switch_leads_to_the_same_page_both_ways(page, served):
    base, _ = served
    page.goto(base + PAGE)
    assert page.locator("html").get_attribute("lang") == "en"
    switch = page.get_by_role("navigation", name="Languages")
    switch.get_by_role("link", name="Français").click()
    assert page.url == base + "fr/" + PAGE
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", level=1)).to_have_text("Meurtres de civils sur la route Gao–Algérie")
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    assert page.url == base + PAGE
    expect(page.get_by_role("heading", level=1)).to_have_text("Killing of civilians on the Gao–Algeria road")


def test_the_language_switch_keeps_the_search_and_the_filters(page, served):
    """A search in French switched to English keeps its words and its year (the
    other filters' values are names in the page's language); the events'
    filter keeps its choices but a country, which it names in the page's
    language. Without them the reader searched again from nothing."""
    base, _ = served
    page.goto(base + "fr/search/?q=Moura&year=2022")
    expect(page.locator("#search-results h2 a").first).to_be_visible()
    switch = page.get_by_role("navigation", name="Langues").get_by_role("link", name="English")
    assert switch.get_attribute("href").endswith("/archive/search/?q=Moura&year=2022")
    switch.click()
    assert page.url == base + "search/?q=Moura&year=2022"
    expect(page.locator("#q")).to_have_value("Moura")
    page.goto(base + "events/?role=alleged+perpetrator&toll=20&country=Mali")
    page.wait_for_selector("#event-filter[data-ready]")
    switch = page.get_by_role("navigation", name="Languages").get_by_role("link", name="Français")
    assert switch.get_attribute("href").endswith("/archive/fr/events/?role=alleged%20perpetrator&toll=20")
    page.get_by_label("At least killed").fill("30")
    page.get_by_label("At least killed").dispatch_event("input")
    expect(switch).to_have_attribute("href", re.compile(r"/archive/fr/events/\?role=alleged%20perpetrator&toll=30$"))


def results(page) -> list[tuple[str, str]]:
    links = page.locator("#search-results h2 a")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]


def test_french_search_finds_tues_with_french_stemming(page, served):
    """"tués" finds the events whose toll says "tué(s)"; "massacres" finds "Massacre de Moura";
    the French search page uses the French index, and says so in French."""
    base, _ = served
    page.goto(base + "fr/search/")
    page.get_by_label("Mots à chercher").fill("tués")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.locator("#search-status")).to_contain_text("résultats pour « tués »")
    found = results(page)
    assert found and all("/archive/fr/" in url for _, url in found)
    assert any(url.endswith("fr/" + PAGE) for _, url in found)
    # an English report's title is marked English (a French voice would read it), no other
    links = page.locator("#search-results h2 a")
    langs = {links.nth(i).get_attribute("href"): links.nth(i).get_attribute("lang") for i in range(links.count())}
    assert "en" in langs.values() and set(langs.values()) <= {"en", None}
    # each filter's "any" in its own gender
    assert [page.get_by_label(label, exact=True).locator("option").first.inner_text() for label in ("Page", "Année")
            ] == ["Toutes les pages", "Toutes les années"]
    page.goto(base + "fr/search/?q=massacres")
    expect(page.locator("#search-status")).to_contain_text("pour « massacres »")
    assert ("Massacre de Moura", "/archive/fr/events/2022-03-moura-killings/") in results(page)
    # Filters and their values are French too.
    expect(page.get_by_label("Page", exact=True).locator("option", has_text="Événement")).to_have_count(1)


def test_english_search_stays_in_english(page, served):
    base, _ = served
    page.goto(base + "search/?q=Moura")
    expect(page.locator("#search-status")).to_contain_text("results for “Moura”")
    found = results(page)
    assert ("Killings in Moura", "/archive/events/2022-03-moura-killings/") in found
    assert all("/fr/" not in url for _, url in found)


def test_the_filter_on_french_events_filters_and_speaks_french(page, served):
    """/fr/events/ filters the French titles, with French labels, dates, tolls and counts;
    its rows lead to the French pages."""
    base, _ = served
    page.goto(base + "fr/events/?role=alleged+perpetrator&toll=20")
    page.wait_for_selector("#event-filter[data-ready]")
    expect(page.locator("#filter-box summary")).to_have_text("Filtrer et trier tous les événements")
    expect(page.get_by_label("Son rôle").locator("option:checked")).to_have_text("auteur présumé")
    expect(page.locator("#filter-status")).to_have_text(re.compile(r"^\d+ événements? correspond(ent)?\.$"))
    row = page.locator("#filter-rows tr", has_text="Meurtres de civils sur la route Gao–Algérie")
    expect(row.locator("td").nth(0)).to_have_text("17 février 2025")
    expect(row.locator("td").nth(3)).to_have_text("au moins 24 tués")
    assert row.locator("a").first.get_attribute("href") == "/archive/fr/" + PAGE
    page.get_by_role("button", name="Effacer").click()
    expect(page.locator("#filter-status")).to_have_text("4 événements en tout.")
    expect(page.locator("#paged-list")).to_be_visible()


def test_the_filter_marks_what_is_left_in_english_on_french_pages(page, shipped, tmp_path):
    """An event title without its French, an actor's name without its French (Kal Akal) and a
    tag without its French name stay in English on /fr/events/: the filter's rows and choices say
    so with lang="en", as the pages do, so that a screen reader reads them in English; the English
    page marks nothing. The download keeps the tags as events.csv writes them."""
    moura = shipped / "content/events/2022-03-moura-killings.md"
    moura.write_text(moura.read_text(encoding="utf-8").replace('  title: "Massacre de Moura"\n', ""),
                     encoding="utf-8")
    site = shipped / "site.yaml"
    site.write_text(re.sub(r"^fr:.*\n", lambda m: m.group() + "  tags:\n    mass-graves: fosses communes\n",
                           site.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    build(shipped, tmp_path / "site", base_url="https://example.org/site/", search=False)
    with serving(tmp_path) as host:
        page.goto(host + "/site/fr/events/?sort=date")
        page.wait_for_selector("#event-filter[data-ready]")
        assert page.locator("#filter-rows a", has_text="Killings in Moura").get_attribute("lang") == "en"
        assert page.locator("#filter-rows a", has_text="Tueries à Aslagh").get_attribute("lang") is None
        actors = page.get_by_label("Acteur", exact=True)
        assert actors.locator("option", has_text="Kal Akal").get_attribute("lang") == "en"
        assert actors.locator("option", has_text="Groupe Wagner").get_attribute("lang") is None
        tags = page.get_by_label("Mot-clé")
        assert tags.locator("option", has_text="massacre").get_attribute("lang") == "en"
        assert tags.locator("option", has_text="fosses communes").get_attribute("lang") is None
        tags.select_option(label="fosses communes")
        expect(page.locator("#filter-rows tr")).to_have_count(1)
        with page.expect_download() as download:
            page.click("#f-csv")
        row = next(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
        assert row["tags"] == "executions; looting; mass-graves"
        page.goto(host + "/site/events/?sort=date")
        page.wait_for_selector("#event-filter[data-ready]")
        assert page.locator("#event-filter [lang], #filter-rows [lang]").count() == 0


def test_french_lists_by_period_tags_and_countries(tmp_path, monkeypatch):
    """The lists cut by period have the same pages in French, with French periods, jump bars
    and counts; tag pages and /locations/' countries are French too."""
    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "1")  # every event a page of its own: the shipped archive paged
    out = tmp_path / "out"
    build(ARCHIVE, out, search=False)
    english = sorted(p.parent.relative_to(out).as_posix() for p in out.glob("events/20*/**/index.html")
                     if not (p.parent / "cite.bib").exists())
    french = sorted(p.parent.relative_to(out / "fr").as_posix() for p in (out / "fr").glob("events/20*/**/index.html")
                    if not (p.parent / "cite.bib").exists())
    assert english and french == english
    february = (out / "fr/events/2025/02/index.html").read_text()
    assert "<title>Événements : février 2025" in february.replace("\u00a0", " ")
    assert 'aria-label="Événements par année"' in february and 'aria-label="Événements par mois"' in february
    assert re.search(r'<h2 class="period" id="period">février 2025 <span class="count">· 1 événement</span>',
                     february)
    assert ">Plus récents</span>" in february or ">Plus anciens</span>" in february
    for rel in ("fr/tags/index.html", "fr/tags/executions/index.html", "fr/locations/index.html",
                "fr/events/index.html", "fr/reports/index.html", "fr/timeline/index.html"):
        text = (out / rel).read_text()
        for english_word in (" events", " event<", "newest first", "Newer", "Older", "Atom feed", "by year"):
            assert english_word not in text.split("<main")[1], (rel, english_word)
    tag = (out / "fr/tags/executions/index.html").read_text()
    assert 'lang="en">executions</h1>' in tag or 'lang="en">Executions</h1>' in tag
    assert "Mots-clés" in (out / "fr/tags/index.html").read_text()
    # An actor's pages by period lead back to its own page, which does not lead to itself.
    about = '<a href="/mali-archive/fr/actors/malian-armed-forces/">À propos de Forces armées maliennes</a>'
    assert about in (out / "fr/actors/malian-armed-forces/2024/index.html").read_text()
    assert about not in (out / "fr/actors/malian-armed-forces/index.html").read_text()


def test_hreflang_alternates_and_sitemap(served):
    _, out = served
    for rel, lang in ((PAGE, "en"), ("fr/" + PAGE, "fr")):
        html = (out / rel / "index.html").read_text()
        assert f'<html lang="{lang}">' in html
        assert f'hreflang="en" href="https://example.org/archive/{PAGE}"' in html
        assert f'hreflang="fr" href="https://example.org/archive/fr/{PAGE}"' in html
    sitemap = (out / "sitemap.xml").read_text()
    assert (f'<url><loc>https://example.org/archive/fr/{PAGE}</loc><xhtml:link rel="alternate" hreflang="en" '
            f'href="https://example.org/archive/{PAGE}"/>') in sitemap
    feed = (out / "fr/feed.xml").read_text()
    # no "du" (a month fits no "du"), and no second colon after the publisher's
    assert 'xml:lang="fr"' in feed and "\u00a0: incident (" in feed and "incident\u00a0:" not in feed
    assert not (out / "fr/data/events.json").exists()  # the data files are shared: one copy, at the root
    french_data = (out / "fr/data/index.html").read_text()
    assert "Données ouvertes" in french_data and 'href="/archive/data/events.csv"' in french_data
    # what each column means, in French: not English marked lang="en"
    assert "<td>Tués\u00a0: le plus bas des chiffres avancés par les sources.</td>" in french_data
    assert 'lang="en"' not in french_data.split('class="columns-doc"', 1)[1]
    # and each column's type in words, the data package's name for it beside them
    assert "<td>nombre entier<br><code>integer</code>" in french_data and "<td>texte<br><code>string</code>" in french_data
    assert "<td>whole number<br><code>integer</code>" in (out / "data/index.html").read_text()
    # a row's page is the page in the reader's language, under the site's path (a link made of "/events/" and
    # the slug led to nothing on a site published at example.org/archive/: a reader's review)
    assert "sa page est /<wbr>archive/<wbr>fr/<wbr>events/<wbr>&lt;slug&gt;/<wbr>." in french_data
    assert "its page is /<wbr>archive/<wbr>events/<wbr>&lt;slug&gt;/<wbr>." in (out / "data/index.html").read_text()


SITE = """title: Test archive
base_url: https://example.org/
language: en
languages: [en, fr]
"""


def test_a_missing_translation_shows_the_original_marked_with_its_language(make_site, tmp_path):
    root = make_site({
        "content/reports/a.md": report(event="2025-02-one", title="First report"),
        "content/reports/b.md": report(event="2025-02-two", title="Second report"),
        "content/events/2025-02-one.md": "---\ntitle: Killings in One\nfr:\n  title: Tueries à One\n---\nA summary.\n",
    }, site=SITE)
    build(root, tmp_path / "out", search=False)
    one = (tmp_path / "out/fr/events/2025-02-one/index.html").read_text()
    assert re.search(r'<h1 data-pagefind-weight="10">Tueries à One</h1>', one)
    assert '<div lang="en"><p>A summary.</p>' in one  # its summary is not translated
    two = (tmp_path / "out/fr/events/2025-02-two/index.html").read_text()
    assert '<h1 data-pagefind-weight="10" lang="en">Second report</h1>' in two
    english = (tmp_path / "out/events/2025-02-one/index.html").read_text()
    assert "Killings in One" in english and "Tueries" not in english
    assert 'lang="' not in english.split("<main")[1]  # nothing to mark: all of it is in the page's language


def test_country_names_citations_and_history_are_french_on_french_pages(make_site, tmp_path):
    """What the generator writes around the content is in the page's language: a country's
    name (Babel's), a citation's words and dates, the data the filter reads."""
    root = make_site({
        "content/reports/a.md": report(event="2025-02-one", location="{name: In Guezzam, country: Algeria, "
                                       "lat: 19.57, lon: 5.77}", title="First report"),
        "content/reports/b.md": report(event="2025-02-two", title="Second report"),
    }, site=SITE)
    build(root, tmp_path / "out", search=False)
    out = tmp_path / "out"
    place = (out / "fr/locations/in-guezzam/index.html").read_text()
    assert "<dt data-pagefind-ignore>Pays</dt> <dd>Algérie</dd>" in place
    assert "Algeria" not in re.sub(r'data-country="[^"]*"', "", place.split("<main")[1])  # a key, not a word
    assert '<h2 id="country-1">Algérie</h2>' in (out / "fr/locations/index.html").read_text()
    assert ">Algérie</text>" in (out / "fr/index.html").read_text()  # the map's label
    assert '"countries":["","Algérie"]' in (out / "fr/data/events-filter.json").read_text()
    assert '"countries":["","Algeria"]' in (out / "data/events-filter.json").read_text()
    assert "<dd>Algeria</dd>" in (out / "locations/in-guezzam/index.html").read_text()
    bib = (out / "fr/events/2025-02-one/cite.bib").read_text()
    # French's no-break spaces as LaTeX writes them (pdfLaTeX reads neither U+00A0 nor U+202F)
    assert "note = {Événement~: 17 février 2025, In Guezzam~; 1 rapport dans l'archive}" in bib
    # this event has no French title, and its page shows the English one: an item of two languages
    # is given the one that is not English, as styles change the case of an English item's title and
    # container ("Archive Des Incidents Au Mali") and of no other's (biblatex's langid: babel's name)
    assert "howpublished = {Page d'événement, Test archive}" in bib and "langid = {french}" in bib
    assert '"language": "fr"' in (out / "fr/events/2025-02-one/cite.json").read_text()
    assert "langid = {english}" in (out / "events/2025-02-one/cite.bib").read_text()
    assert '"genre": "Page de rapport"' in (out / "fr/reports/a/cite.json").read_text()
    assert 'data-messages="/fr/cite-messages.json"' in (out / "fr/reports/a/index.html").read_text()
    assert '"bibtex": "Copier le BibTeX"' in (out / "fr/cite-messages.json").read_text()
    english = (out / "events/2025-02-one/cite.bib").read_text()
    assert "note = {Event of 17 February 2025, In Guezzam; 1 report in the archive}" in english


def test_a_site_without_languages_is_english_only(make_site, tmp_path):
    root = make_site({"content/reports/a.md": report()})
    build(root, tmp_path / "out", search=False)
    assert not (tmp_path / "out/fr").exists()
    assert "hreflang" not in (tmp_path / "out/index.html").read_text()


@pytest.mark.parametrize("files, site, message", [
    ({"content/events/2025-02-test-event.md": "---\ntitle: X\nfr:\n  titre: Y\n---\n"}, None,
     'content/events/2025-02-test-event.md:4: fr.titre: unknown field "titre" (did you mean "title"?)'),
    ({"content/events/2025-02-test-event.md": "---\ntitle: X\nfr: Tueries\n---\n"}, None,
     "content/events/2025-02-test-event.md:3: fr: must be a mapping of the text in this language: {title, summary}"),
    ({"content/actors/x.md": "---\nname: X\nfr:\n  name: \"\"\n---\n"}, None,
     "content/actors/x.md:4: fr.name: is empty"),
    ({}, SITE.replace("[en, fr]", "[en, de]"),
     'site.yaml:4: languages[1]: "de": the site has no interface in this language (use one of: en, fr)'),
    ({}, SITE.replace("[en, fr]", "[fr]"),
     'site.yaml:4: languages: does not list the default language "en" (language:): add it, or change language:'),
])
def test_translations_are_validated_with_their_line(make_site, tmp_path, files, site, message):
    root = make_site({"content/reports/a.md": report(), **files}, **({"site": site} if site else {}))
    with pytest.raises(ContentError) as caught:
        build(root, tmp_path / "out", search=False)
    said = [str(p) for p in caught.value.problems]
    assert any(s.startswith(message) for s in said), said


def retitle_in_french(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(fr:\n  title: ).*$", lambda m: m.group(1) + f'"{title}"', text, count=1, flags=re.M),
                    encoding="utf-8")


def test_an_edit_of_a_french_title_renders_french_pages_only(shipped, tmp_path):
    """The build and the preview: one step, the French pages that show the title
    rendered again, no English page; and the bytes of a clean build."""
    from sitecheck import tree_digest

    from incidents.preview.incremental import Incremental

    out = tmp_path / "out"
    build(shipped, out)
    preview = Incremental(shipped, tmp_path / "preview", "http://127.0.0.1:8000/")
    assert preview.rebuild().ok
    event = shipped / "content/events/2025-02-gao-road-killings.md"
    retitle_in_french(event, "Exécutions sur la route Gao–Algérie")
    done = build(shipped, out)
    # the French pages that show the title, their citations and feeds (an actor's and a place's first
    # page's too), and the maps' pictures beside them
    assert done.parsed == 1 and 0 < done.rendered <= 50 and done.indexed == 1, done
    page = (out / "fr" / PAGE / "index.html").read_text()
    assert "Exécutions sur la route Gao–Algérie" in page
    build(shipped, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    outcome = preview.rebuild([event])
    assert outcome.ok and "fr/" + PAGE + "index.html" in outcome.written
    assert all(rel.startswith("fr/") for rel in outcome.written), outcome.written
    assert "Exécutions" in (tmp_path / "preview/fr" / PAGE / "index.html").read_text()


def test_affected_pages_of_a_french_edit_are_french(shipped):
    from incidents.affected import affected_pages
    from incidents.content.link import link
    from incidents.content.load import load
    from incidents.site.render import feed_reports

    before = link(load(shipped, None, False))
    retitle_in_french(shipped / "content/events/2025-02-gao-road-killings.md", "Un autre titre")
    after = link(load(shipped, None, False))
    pages = affected_pages(before, after, feed_reports(before))
    assert "fr/" + PAGE in pages and "fr/events/" in pages
    assert all(p.startswith("fr/") for p in pages), sorted(pages)


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True)


def test_new_keeps_the_article_s_language(shipped):
    french = cli(shipped, "new", "L'armée malienne accusée d'avoir tué 24 civils", "--event", "2025-02-gao-road-killings")
    assert french.returncode == 0, french.stderr
    assert '  language: "fr"' in (shipped / french.stdout.strip()).read_text()
    english = cli(shipped, "new", "Army accused of killing civilians near Gao", "--event", "2025-02-gao-road-killings")
    assert '  language: "en"' in (shipped / english.stdout.strip()).read_text()
    given = cli(shipped, "new", "Wagner", "--event", "2025-02-gao-road-killings", "--language", "fr-ML")
    assert '  language: "fr-ML"' in (shipped / given.stdout.strip()).read_text()
    assert cli(shipped, "check").returncode == 0


ARTICLE = """Mali : au moins douze civils tués dans une attaque près de Gao

GAO, 3 mars 2025 (AFP) – Au moins douze civils ont été tués dimanche dans l'attaque d'un village
de la région de Gao, a déclaré à l'AFP un élu local, qui a requis l'anonymat.

« Les assaillants sont arrivés à moto et ont tiré sur les habitants », selon cet élu. L'armée
malienne n'a pas réagi. Les attaques contre les civils se multiplient dans le nord du pays depuis
le départ de la mission de l'ONU, selon les organisations de défense des droits humains.
"""


def test_import_detects_french_and_writes_its_language(shipped, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = cli(shipped, "import", str(article), "--dry-run", "--published", "2025-03-03")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^  language: fr\b", done.stdout, re.M), done.stdout


def test_each_pages_languages_are_rendered_together_and_the_site_is_the_same(tmp_path, monkeypatch):
    """A build renders a page's languages one after the other ("events/x/", then
    "fr/events/x/"), so that what they share (a report's Markdown) is made once;
    the pages written are byte for byte those of a build in the pages' own order."""
    import incidents.pipeline as building

    orders: list[list[str]] = []
    together = building.languages_together

    def recorded(renderer, rels):
        order = together(renderer, rels)
        orders.append([rels[i] for i in order])
        return order

    monkeypatch.setattr(building, "languages_together", recorded)
    build(ARCHIVE, tmp_path / "together", search=False)
    (rendered,) = orders
    assert sorted(rendered) == sorted(set(rendered))
    french = [i for i, rel in enumerate(rendered) if rel.startswith("fr/")]
    assert len(french) > 50
    assert [rendered[i] for i in french if rendered[i][3:] not in rendered[max(0, i - 1):i + 2]] == []
    monkeypatch.setattr(building, "languages_together", lambda renderer, rels: list(range(len(rels))))
    build(ARCHIVE, tmp_path / "apart", search=False)
    together_files, apart_files = tree_digest(tmp_path / "together"), tree_digest(tmp_path / "apart")
    assert together_files.keys() == apart_files.keys()
    assert [f for f in together_files if together_files[f] != apart_files[f]] == []


FLA = """---
name: Azawad Liberation Front
aliases: [FLA, Front for the Liberation of Azawad]
kind: armed group
fr:
  name: "Front de libération de l'Azawad"
---
"""


def claimant_cells(html: str) -> list[str]:
    """The "According to" cell of each row of a report's table of claims."""
    table = re.search(r'<table class="claims">.*?</table>', html, re.S).group(0)
    return [re.findall(r"<td>(.*?)</td>", row, re.S)[1] for row in re.findall(r"<tr id=.*?</tr>", table, re.S)]


def test_a_claimant_is_shown_by_the_actor_s_name_in_the_page_s_language_or_in_the_source_s_own_words(
        make_site, tmp_path, shipped_build):
    """A claim's claimant that is an actor (by its name or an alias) is the actor, named as the page's
    language names it, in the table, the event's groups and the names of the rows' links; a claimant
    that is no actor ("residents") is the source's words, marked with its language on a page in another."""
    root = make_site({
        "content/actors/fla.md": FLA,
        "content/actors/kal-akal.md": "---\nname: Kal Akal\nkind: human rights organisation\n---\n",
        "content/reports/en.md": report(
            title="English report", reported_toll="[{killed: 24, according_to: Front for the Liberation of Azawad}, "
            "{killed: 20, according_to: residents}, {killed: 21, according_to: Kal Akal}]",
            source="{publisher: Wire, url: 'https://example.org/en', language: en}"),
        "content/reports/fr.md": report(
            title="Rapport en français", reported_toll="[{killed: 22, according_to: des habitants}, "
            "{killed: 25, according_to: FLA}]",
            source="{publisher: Journal, url: 'https://example.org/fr', language: fr}"),
    }, site=SITE)
    build(root, tmp_path / "out", search=False)
    out = tmp_path / "out"
    fla_fr = '<a href="/fr/actors/fla/">Front de libération de l&#39;Azawad</a>'
    assert claimant_cells((out / "fr/reports/en/index.html").read_text()) == [
        fla_fr, '<span lang="en">residents</span>', '<a href="/fr/actors/kal-akal/" lang="en">Kal Akal</a>']
    assert claimant_cells((out / "fr/reports/fr/index.html").read_text()) == ["des habitants", fla_fr]
    assert claimant_cells((out / "reports/en/index.html").read_text()) == [
        '<a href="/actors/fla/">Azawad Liberation Front</a>', "residents", '<a href="/actors/kal-akal/">Kal Akal</a>']
    assert claimant_cells((out / "reports/fr/index.html").read_text()) == [
        '<span lang="fr">des habitants</span>', '<a href="/actors/fla/">Azawad Liberation Front</a>']
    event = (out / "fr/events/2025-02-test-event/index.html").read_text()
    heads = re.findall(r'<th scope="rowgroup"[^>]*class="claimant">(.*?)</th>', event)
    assert sorted(heads) == sorted([fla_fr, '<span lang="en">residents</span>', "des habitants",
                                    '<a href="/fr/actors/kal-akal/" lang="en">Kal Akal</a>']), heads
    names = re.findall(r'<span class="visually-hidden"> vers cette déclaration\u00a0: (.*?)</span></a>', event)
    assert sorted(names) == sorted(["Front de libération de l&#39;Azawad, 24 tués",
                                    "Front de libération de l&#39;Azawad, 25 tués",
                                    '<span lang="en">residents</span>, 20 tués', "des habitants, 22 tués",
                                    '<span lang="en">Kal Akal</span>, 21 tués']), names
    claims = re.search(r'<section aria-labelledby="claims">.*?</section>', event, re.S).group(0)
    assert "Front for the Liberation" not in claims and "FLA" not in claims  # the ids keep the words: lower case
    # The shipped archive: the "Selon" cell of the HumAngle report says what its list of actors says.
    humangle = (shipped_build / "fr/reports/gao-road-killings-inquiry-humangle/index.html").read_text()
    assert claimant_cells(humangle) == [
        '<a href="/archive/fr/actors/azawad-liberation-front/">Front de libération de l&#39;Azawad</a>']
    assert "vers cette déclaration\u00a0: Front de libération de l&#39;Azawad, au moins 24 tués" in humangle


def test_tags_on_a_report_page_are_in_the_archive_s_language_not_the_report_s(make_site, tmp_path):
    """A tag is the archive's word, as its own page says ("looting", no lang on /tags/looting/): a French
    report's tags on an English page are not marked French, and on a French page they are marked English."""
    root = make_site({
        "content/reports/fr.md": report(title="Rapport en français", tags="[looting]",
                                        source="{publisher: Journal, url: 'https://example.org/fr', language: fr}"),
    }, site=SITE)
    build(root, tmp_path / "out", search=False)
    out = tmp_path / "out"
    tags = r'<ul class="inline tags">(.*?)</ul>'
    english = (out / "reports/fr/index.html").read_text()
    assert re.search(tags, english).group(1) == '<li><a href="/tags/looting/">looting</a></li>'
    assert "<h1>looting</h1>" in (out / "tags/looting/index.html").read_text()
    french = (out / "fr/reports/fr/index.html").read_text()
    assert re.search(tags, french).group(1) == '<li lang="en"><a href="/fr/tags/looting/">looting</a></li>'
    assert '<h1 lang="en">looting</h1>' in (out / "fr/tags/looting/index.html").read_text()


def test_a_tag_named_in_french_is_shown_so_on_french_pages_at_its_own_address(make_site, tmp_path):
    """site.yaml's `fr: tags:` names a tag on the French pages (a report's tags, the tag's page, the
    list of tags, in the order of the French names, the filter's choices), unmarked, as the page's
    own words; its address stays its slug, the tag's page also gives it as the reports write it,
    the data files keep it so, and a tag left out is shown as written, marked English."""
    root = make_site({"content/reports/a.md": report(tags="[Mass graves, looting, executions]")},
                     site=SITE + "fr:\n  tags:\n    mass-graves: fosses communes\n    Executions: exécutions\n")
    out = tmp_path / "out"
    build(root, out, search=False)
    tags = r'<ul class="inline tags">(.*?)</ul>'
    assert re.search(tags, (out / "fr/reports/a/index.html").read_text()).group(1) == (
        '<li><a href="/fr/tags/mass-graves/">fosses communes</a></li>'
        '<li lang="en"><a href="/fr/tags/looting/">looting</a></li>'
        '<li><a href="/fr/tags/executions/">exécutions</a></li>')
    assert re.search(tags, (out / "reports/a/index.html").read_text()).group(1) == (
        '<li><a href="/tags/mass-graves/">Mass graves</a></li><li><a href="/tags/looting/">looting</a></li>'
        '<li><a href="/tags/executions/">executions</a></li>')
    page = (out / "fr/tags/mass-graves/index.html").read_text()
    assert "<h1>fosses communes</h1>" in page and "<title>Mot-clé\u00a0: fosses communes · " in page
    assert '<p class="note">Tel que l\'écrivent les rapports\u00a0: <span lang="en">Mass graves</span></p>' in page
    assert "<h1>Mass graves</h1>" in (out / "tags/mass-graves/index.html").read_text()
    assert "Tel que" not in (out / "fr/tags/looting/index.html").read_text()
    listed = re.findall(r'<li><a href="/fr/tags/([^/]+)/"( lang="en")?>([^<]+)</a>', (out / "fr/tags/index.html").read_text())
    assert listed == [("executions", "", "exécutions"), ("mass-graves", "", "fosses communes"),
                      ("looting", ' lang="en"', "looting")]
    choices = json.loads((out / "fr/data/events-filter.json").read_text())["tags"]
    assert choices == [["exécutions", "executions", "executions"], ["looting", "looting"],
                       ["fosses communes", "mass-graves", "Mass graves"]]
    assert json.loads((out / "data/events.json").read_text())[0]["tags"] == ["executions", "looting", "Mass graves"]


def test_a_tag_spelt_anew_by_its_reports_is_said_so_on_its_french_page_after_an_edit(make_site, tmp_path):
    """The French page of a tag gives it as the reports write it: a report that spells it anew
    ("mass-graves" → "Mass graves") makes its pages again, as a clean build would make them."""
    root = make_site({"content/reports/a.md": report(tags="[mass-graves]")},
                     site=SITE + "fr:\n  tags:\n    mass-graves: fosses communes\n")
    out = tmp_path / "out"
    build(root, out, search=False)
    path = root / "content/reports/a.md"
    path.write_text(path.read_text(encoding="utf-8").replace("[mass-graves]", "[Mass graves]"), encoding="utf-8")
    build(root, out, search=False)
    assert '<span lang="en">Mass graves</span>' in (out / "fr/tags/mass-graves/index.html").read_text()
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


@pytest.mark.parametrize("tags, said", [
    ("  tags: [massacre]\n", "site.yaml:6: fr.tags: must be a mapping of each tag, as the reports write it, to its "
     "name in this language (enforced-disappearance: disparition forcée), one a line"),
    ("  tags:\n    \"--\": x\n", 'site.yaml:7: fr.tags.--: "--" has no letter or digit, so no report has it as '
     "a tag: write the tag as the reports write it"),
    ("  tags:\n    looting: pillage\n    Looting: vol\n", 'site.yaml:8: fr.tags.Looting: "Looting" is the tag of '
     "line 7 again (a tag is one tag however it is written: Mass grave, mass-grave): keep one of the two"),
    ("  tags:\n    looting: \"pillage; vol\"\n", 'site.yaml:7: fr.tags.looting: contains "; "'),
    ("  tags:\n    looting:\n", "site.yaml:7: fr.tags.looting: is required"),
])
def test_a_tag_s_french_name_is_checked_on_its_line(make_site, tmp_path, tags, said):
    root = make_site({"content/reports/a.md": report(tags="[looting]")}, site=SITE + "fr:\n" + tags)
    with pytest.raises(ContentError) as caught:
        build(root, tmp_path / "out", search=False)
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(said) for p in problems), problems


def test_a_french_name_for_no_tag_or_for_two_is_a_warning_on_its_line(make_site, tmp_path):
    root = make_site({"content/reports/a.md": report(tags="[looting, Mass graves, killings]")},
                     site=SITE + "fr:\n  tags:\n    lootings: pillage\n    mass-graves: meurtres\n    killings: Meurtres\n")
    assert [str(w) for w in build(root, tmp_path / "out", search=False).warnings] == [
        'content/reports/a.md:7: tags[0]: "looting" has no name in French: add it to site.yaml under fr: tags: '
        "(looting: its name), or the pages in French show it as written (warning)",
        'site.yaml:7: fr.tags.lootings: no report has the tag "lootings" (did you mean "looting"?): write the tag '
        "as the reports write it, or remove the line (warning)",
        'site.yaml:9: fr.tags.killings: "Meurtres" is also the name of the tag "Mass graves" (line 8): on the pages '
        "in this language the two tags read the same; give each a name of its own (warning)"]
    # a name another tag keeps, having none of its own here; the tag named as site.yaml writes it
    root = make_site({"content/reports/a.md": report(tags="[looting, massacre]")},
                     site=SITE + "fr:\n  tags:\n    Looting: Massacre\n")
    assert [str(w) for w in build(root, tmp_path / "out2", search=False).warnings] == [
        'content/reports/a.md:7: tags[1]: "massacre" has no name in French: add it to site.yaml under fr: tags: '
        "(massacre: its name), or the pages in French show it as written (warning)",
        'site.yaml:7: fr.tags.Looting: "Massacre" is also how the tag "massacre" reads, which has no name here: on '
        "the pages in this language the two tags read the same; give each a name of its own (warning)"]


def test_a_place_named_in_french_is_shown_so_on_french_pages(make_site, tmp_path):
    """site.yaml's `fr: places:` names a place, by its name as the reports write it,
    on the French pages (its page, the reports' and events' "where", the lists and
    the filter's choices); the English pages and the data files keep the name as
    written, the address stays its slug, and an edit of the name gives the bytes
    of a clean build."""
    road = "{name: Gao–Algeria road, country: Mali}"
    root = make_site({"content/reports/a.md": report(location=road),
                      "content/reports/b.md": report(event="2025-03-other", location="Gao")},
                     site=SITE + "fr:\n  places:\n    gao–algeria ROAD: route Gao–Algérie\n")
    out = tmp_path / "out"
    build(root, out, search=False)
    place = (out / "fr/locations/gao-algeria-road/index.html").read_text(encoding="utf-8")
    assert "<h1>route Gao–Algérie</h1>" in place
    assert "route Gao–Algérie" in (out / "fr/reports/a/index.html").read_text(encoding="utf-8")
    assert "route Gao–Algérie" in (out / "fr/events/2025-02-test-event/index.html").read_text(encoding="utf-8")
    assert ["route Gao–Algérie", "gao-algeria-road"] in [
        p[:2] for p in json.loads((out / "fr/data/events-filter.json").read_text())["places"]]
    for english in ("locations/gao-algeria-road/index.html", "reports/a/index.html", "data/events.json",
                    "data/events.csv", "fr/data/index.html"):
        assert "Algérie" not in (out / english).read_text(encoding="utf-8"), english
    assert "<h1>Gao</h1>" in (out / "fr/locations/gao/index.html").read_text(encoding="utf-8")
    site = root / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("route Gao–Algérie", "axe Gao–Algérie"), encoding="utf-8")
    build(root, out, search=False)
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    assert "<h1>axe Gao–Algérie</h1>" in (out / "fr/locations/gao-algeria-road/index.html").read_text(encoding="utf-8")


def test_a_french_name_for_no_place_is_a_warning_and_a_place_named_twice_an_error(make_site, tmp_path):
    root = make_site({"content/reports/a.md": report(location="Gao–Algeria road")},
                     site=SITE + "fr:\n  places:\n    Gao-Algerie road: route Gao–Algérie\n")
    assert [str(w) for w in build(root, tmp_path / "out", search=False).warnings] == [
        'site.yaml:7: fr.places.Gao-Algerie road: no report or event has the place "Gao-Algerie road" (did you mean '
        '"Gao–Algeria road"?): write the place\'s name as the reports write it, or remove the line (warning)']
    for places, said in (
            ("  places: [Gao]\n", "site.yaml:6: fr.places: must be a mapping of each place, by its name as the "
             "reports write it, to its name in this language (Gao–Algeria road: route Gao–Algérie), one a line"),
            ("  places:\n    Gao: Gao\n    GAO: Gao\n", 'site.yaml:8: fr.places.GAO: "GAO" is the place of line 7 '
             "again (a place is one place however its name is written: Gao, GAO): keep one of the two")):
        root = make_site({"content/reports/a.md": report()}, site=SITE + "fr:\n" + places)
        with pytest.raises(ContentError) as caught:
            build(root, tmp_path / "out2", search=False)
        assert said in [str(p) for p in caught.value.problems]


def test_a_tag_site_yaml_names_not_is_a_warning_on_its_first_report(make_site, tmp_path):
    """Where site.yaml names the tags in French, a report's new tag would show in
    English on the French pages: said once, on the first report that has it,
    with how many others have it too. An archive that names no tag is not told."""
    files = {"content/reports/a.md": report(tags="[looting, Drone strike]"),
             "content/reports/b.md": report(title="Another", tags="[drone-strike, drone strike]",
                                                     source="{publisher: Test Wire, url: 'https://example.org/b'}"),
             "content/reports/c.md": report(title="A third", tags="[Drone Strike]",
                                                     source="{publisher: Test Wire, url: 'https://example.org/c'}")}
    root = make_site(files, site=SITE + "fr:\n  tags:\n    looting: pillage\n")
    assert [str(w) for w in build(root, tmp_path / "out", search=False).warnings] == [
        'content/reports/a.md:7: tags[1]: "Drone strike" (and 2 other reports) has no name in French: add it to '
        "site.yaml under fr: tags: (drone-strike: its name), or the pages in French show it as written (warning)"]
    root = make_site(files, site=SITE + "fr:\n  title: Archive\n")
    assert build(root, tmp_path / "out2", search=False).warnings == []


def test_a_response_is_dated_as_precisely_as_it_is_given(make_site, tmp_path):
    """"on 3 October 2023", but "in October 2023" and "in 2023": a month or a year is no day to be on."""
    responses = ("[{by: Kal Akal, stance: denied, date: 2023-10-03}, {by: Wagner Group, stance: no comment, "
                 "date: 2023-10}, {by: Malian Armed Forces, stance: denied, date: 2023}]")
    root = make_site({"content/reports/a.md": report(responses=responses)}, site=SITE)
    out = tmp_path / "out"
    build(root, out, search=False)
    dated = r'</strong> (\w+ <time datetime="[^"]+">[^<]+</time>)'
    assert re.findall(dated, (out / "reports/a/index.html").read_text()) == [
        'on <time datetime="2023-10-03">3 October 2023</time>', 'in <time datetime="2023-10">October 2023</time>',
        'in <time datetime="2023">2023</time>']
    assert re.findall(dated, (out / "fr/reports/a/index.html").read_text()) == [
        'le <time datetime="2023-10-03">3 octobre 2023</time>', 'en <time datetime="2023-10">octobre 2023</time>',
        'en <time datetime="2023">2023</time>']


def test_the_not_found_page_a_host_serves_says_so_in_french_too(shipped_build):
    """GitHub Pages answers every address it lacks with the site's root 404.html,
    /fr/… too: it says so in French as well, with the French home page."""
    root = (shipped_build / "404.html").read_text(encoding="utf-8")
    assert '<p lang="fr">Page introuvable · <a href="/archive/fr/" hreflang="fr">Accueil</a></p>' in root
    assert 'lang="en">' not in (shipped_build / "fr/404.html").read_text(encoding="utf-8").split("<main", 1)[1]


def test_a_host_s_not_found_page_under_fr_is_the_french_one(browser, shipped_build):
    """A mistyped or old French address gets the root 404.html from such a
    host: its script puts the French 404 page in its place (text, title,
    links to French pages), the address as typed; an English one stays
    English. No script error, no policy violation (the console's only
    errors are the addresses' own 404 statuses)."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "status of 404" not in m.text
            else None)
    with serving(shipped_build.parent, not_found=shipped_build / "404.html") as host:
        page.goto(f"{host}/archive/fr/evenements/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.title().startswith("Page introuvable")
        assert page.url == f"{host}/archive/fr/evenements/"
        assert page.get_by_role("link", name="Chronologie de tous les événements").get_attribute("href") == (
            "/archive/fr/timeline/")
        page.goto(f"{host}/archive/evenements/")
        page.wait_for_load_state("networkidle")
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        page.goto(f"{host}/archive/fr/reports/gao-road-killings-inquiry-humangle/x")  # no such file: French
        expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    context.close()
    assert problems == []


def test_a_french_actor_page_names_the_actor_s_english_name_among_its_others(shipped_build):
    """Its French name is the page's title: its name in English is among the
    other names (a reader, or a search, with the English name finds the page),
    and an alias that is the French name in other capitals is not said again."""
    aliases = lambda rel: re.findall(r'<span class="alias">([^<]*)</span>',  # noqa: E731
                                     (shipped_build / rel).read_text(encoding="utf-8"))
    assert aliases("fr/actors/malian-armed-forces/index.html") == ["Malian Armed Forces", "FAMa", "Malian army"]
    assert aliases("actors/malian-armed-forces/index.html") == ["FAMa", "Forces Armées Maliennes", "Malian army"]
    assert aliases("fr/actors/azawad-liberation-front/index.html") == [
        "Azawad Liberation Front", "FLA", "Front for the Liberation of Azawad"]


def test_a_publisher_the_article_does_not_name_is_said_in_french(shipped_build):
    """Three shipped reports keep import's words for a publisher the article does
    not name: the French pages, their feed and citations say them in French;
    the open data, shared, as written."""
    french = [p for p in (shipped_build / "fr").rglob("*") if p.suffix in (".html", ".xml", ".bib", ".json")]
    assert not [p for p in french if "Unidentified news website" in p.read_text(encoding="utf-8")]
    page = (shipped_build / "fr/reports/gao-road-killings-army-investigation/index.html").read_text(encoding="utf-8")
    assert "Site d&#39;information non identifié" in page
    assert "Unidentified news website" in (shipped_build / "reports/gao-road-killings-army-investigation/index.html"
                                           ).read_text(encoding="utf-8")
    assert "Unidentified news website" in (shipped_build / "data/reports.json").read_text(encoding="utf-8")


def test_french_names_an_actor_in_quotes_where_it_would_need_its_article(shipped_build):
    """"Bilans attribués à Front de libération…" wants "au Front": the name is
    quoted, as French quotes a name whose article it does not know."""
    page = (shipped_build / "fr/actors/azawad-liberation-front/index.html").read_text(encoding="utf-8")
    assert "Bilans attribués à «\u00a0Front de libération de l&#39;Azawad\u00a0»" in page
    assert "note = {La page de l'archive sur «~Groupe Wagner~», société militaire privée}" in (
        shipped_build / "fr/actors/wagner-group/cite.bib").read_text(encoding="utf-8")


def test_an_actor_s_kind_is_marked_with_its_language_where_it_is_not_the_page_s(make_site, tmp_path):
    """A kind without a French one ("militia") is the archive's words: a screen reader is told
    they are English, on the actor's page and in the list; a kind given in French (its fr: block's kind)
    is not marked."""
    root = make_site({
        "content/reports/r.md": report(actors="[Gao Youth Militia, Malian Armed Forces]"),
        "content/actors/gao-youth-militia.md": "---\nname: Gao Youth Militia\nkind: militia\n---\n",
        "content/actors/malian-armed-forces.md": ("---\nname: Malian Armed Forces\nkind: armed force\n"
                                                  "fr:\n  kind: force armée\n---\n"),
    }, site=SITE)
    build(root, tmp_path / "out", search=False)
    out = tmp_path / "out"
    page = lambda rel: (out / rel / "index.html").read_text(encoding="utf-8")  # noqa: E731
    assert 'Acteur · <span lang="en">militia</span></p>' in page("fr/actors/gao-youth-militia")
    assert "Acteur · force armée</p>" in page("fr/actors/malian-armed-forces")
    assert '<span lang="en">militia</span> · 1' in page("fr/actors") and "force armée · 1" in page("fr/actors")
    assert "Actor · militia</p>" in page("actors/gao-youth-militia") and "<span lang" not in page("actors")


def test_the_events_filter_fetches_its_data_only_once_opened(page, served):
    """A reader who only browses /events/ never fetches data/events-filter.json (142 KB at
    3,000 reports); opening the filter fetches it, once, and fills its lists."""
    base, _ = served
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base + "fr/events/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#filter-box summary")).to_be_visible()
    assert not [url for url in fetched if "events-filter" in url]
    page.locator("#filter-box summary").click()
    page.wait_for_selector("#event-filter[data-ready]")
    expect(page.locator("#filter-status")).to_have_text(re.compile(r"^\d+ événements en tout\.$"))
    assert page.get_by_label("Acteur", exact=True).locator("option").count() > 1
    page.locator("#filter-box summary").click()
    page.locator("#filter-box summary").click()
    assert [url for url in fetched if "events-filter" in url] == [base + "fr/data/events-filter.json"]


def test_on_a_phone_the_search_filters_wait_closed_above_the_results(page, served):
    """At 390 px the four filters filled the first screen and pushed the results below
    it: closed there ("Affiner les résultats" opens them), open on a wide screen or
    when the address chooses a filter."""
    base, _ = served
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "fr/search/?q=tués")
    expect(page.locator("#search-status")).to_contain_text("résultats")
    box = page.locator("details.filters-box")
    assert box.get_attribute("open") is None and not page.get_by_label("Année", exact=True).is_visible()
    assert page.locator("#search-results h2 a").first.bounding_box()["y"] < 844
    box.locator("summary").click()
    expect(page.get_by_label("Année", exact=True)).to_be_visible()
    page.goto(base + "fr/search/?q=tués&year=2025")
    expect(page.get_by_label("Année", exact=True)).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + "fr/search/?q=tués")
    expect(page.get_by_label("Année", exact=True)).to_be_visible()
