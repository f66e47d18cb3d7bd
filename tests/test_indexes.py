"""The indexes of actors and places at scale (site/alphabet.py): an index of
at most a page's worth is one page, as the shipped archive has it; a longer
one keeps its summary on /actors/ or /locations/ and lists its names on a page
per initial (/actors/a-z/k/), a long initial cut into even parts named by their
first and last names. Every name is reached by links; the pages are valid,
accessible and fit a phone; an incremental build gives a clean build's bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import axe_violations, serving
from conftest import report
from sitecheck import parse, target, tree_digest
from validator import nu_errors

from incidents.content.link import link
from incidents.content.load import load
from incidents.site.alphabet import Index, Initial, by_initial, reached_initials

SMALL = 3  # names on a page of an index in the archive below (INCIDENTS_LIST_PAGE)


# Cutting an index, as a pure function ---------------------------------------------------

def names(*slugs: str) -> list[tuple[str, str]]:
    return [(s.replace("-", " ").title(), s) for s in slugs]


def test_an_index_of_at_most_a_page_is_one_page():
    assert by_initial("actors/", names("b", "a"), size=2) == Index("actors/")
    assert not by_initial("actors/", names("b", "a"), size=2).cut


def test_a_longer_index_has_a_page_per_initial_digits_first_other_scripts_last_each_ordered_by_name():
    index = by_initial("locations/", [("Kidal", "kidal"), ("Gao", "gao"), ("Ber", "ber"), ("Ébangui", "ebangui"),
                                      ("2e Rue", "2e-rue"), ("Gabero", "gabero"), ("الخليل", "place"),
                                      ("Œuvre", "uvre"), ("“Katiba” Macina", "katiba-macina")], size=3)
    assert index.pages == (Initial("locations/a-z/0-9/", "0-9", 1, ("2e-rue",)),
                           Initial("locations/a-z/b/", "b", 1, ("ber",)),
                           Initial("locations/a-z/e/", "e", 1, ("ebangui",)),
                           Initial("locations/a-z/g/", "g", 1, ("gabero", "gao")),
                           Initial("locations/a-z/k/", "k", 1, ("katiba-macina", "kidal")),
                           Initial("locations/a-z/o/", "o", 1, ("uvre",)),
                           Initial("locations/a-z/other/", "other", 1, ("place",)))
    assert [p.label for p in index.pages] == ["0–9", "B", "E", "G", "K", "O", ""]  # "": "Other scripts"
    assert index.initials()[3] == ("G", "locations/a-z/g/", 2)


def test_an_initial_longer_than_a_page_is_cut_into_as_few_even_parts_as_hold_it():
    index = by_initial("actors/", names(*(f"k{i:02d}" for i in range(7)), "a"), size=3)
    assert [(p.rel, p.keys) for p in index.parts("k")] == [
        ("actors/a-z/k/", ("k00", "k01", "k02")), ("actors/a-z/k/2/", ("k03", "k04")),
        ("actors/a-z/k/3/", ("k05", "k06"))]
    assert index.initials() == (("A", "actors/a-z/a/", 1), ("K", "actors/a-z/k/", 7))


def test_a_name_added_reaches_its_initial_s_pages_and_a_new_initial_every_page():
    before = by_initial("actors/", names("a1", "a2", "k1", "k2", "k3", "m1"), size=2)
    added = by_initial("actors/", names("a1", "a2", "k1", "k2", "k3", "k4", "m1"), size=2)
    assert reached_initials(before, added, {"k4"}) == {"actors/a-z/k/", "actors/a-z/k/2/"}
    assert reached_initials(before, before, {"m1"}) == {"actors/a-z/m/"}
    assert reached_initials(before, before, set()) == set()
    new_initial = by_initial("actors/", names("a1", "a2", "k1", "k2", "k3", "m1", "z1"), size=2)
    assert reached_initials(before, new_initial, {"z1"}) == set(before.rels()) | {"actors/a-z/z/"}


# A built archive whose indexes are cut ----------------------------------------------------

@pytest.fixture(scope="module")
def cut_site(tmp_path_factory) -> Path:
    """A 150-report sample in English and French built with SMALL names on an
    index's page, for the root of its host: the site is the folder returned, its content in `cut_site.parent / "content-root"`."""
    from incidents.build import build
    from incidents.sample import write_sample

    top = tmp_path_factory.mktemp("indexes")
    write_sample(top / "content-root", 150)
    site = top / "content-root/site.yaml"
    site.write_text(site.read_text().replace("languages: [en]", "languages: [en, fr]"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("INCIDENTS_LIST_PAGE", str(SMALL))
        build(top / "content-root", top / "site", base_url="http://127.0.0.1/", search=False)
    return top / "site"


@pytest.fixture(scope="module")
def cut_archive(cut_site):
    return link(load(cut_site.parent / "content-root", "http://127.0.0.1/"))


def links_from(out: Path, rel: str) -> set[str]:
    """The site paths of the pages `rel` links to."""
    found = set()
    for _, url in parse(out / rel / "index.html").links:
        hit = target(out, "/", url) if url.startswith("/") else None
        if hit and hit[0].name == "index.html":
            found.add(hit[0].parent.relative_to(out).as_posix() + "/")
    return found


@pytest.mark.parametrize("section", ["actors", "locations"])
def test_every_name_is_reached_from_its_index_through_its_initial_s_pages(cut_site, cut_archive, section):
    everyone = {"actors": cut_archive.actors, "locations": cut_archive.places}[section]
    assert len(everyone) > 3 * SMALL
    initials = {r for r in links_from(cut_site, f"{section}/") if r.startswith(f"{section}/a-z/")}
    pages = set(initials)
    for rel in initials:
        pages |= {r for r in links_from(cut_site, rel) if r.startswith(f"{section}/a-z/")}
    assert section == "locations" or any(r.count("/") == 4 for r in pages)  # an initial in parts
    reached = set().union(*(links_from(cut_site, rel) for rel in pages))
    assert {f"{section}/{s}/" for s in everyone} <= reached
    sizes = [len(re.findall(r"<li><a href=\"/" + section + r"/(?!a-z/)[^/\"]+/\"", (cut_site / r / "index.html")
                            .read_text())) for r in pages]
    assert max(sizes) <= SMALL and sum(sizes) == len(everyone)


def test_the_index_s_own_page_counts_each_initial_and_its_pages_name_their_parts(cut_site, cut_archive):
    index = (cut_site / "actors/index.html").read_text()
    bar = re.search(r'<nav class="jump" aria-label="Actors from A to Z">(.*?)</nav>', index, re.S).group(1)
    counts = [int(n) for n in re.findall(r'<span class="count">\((\d+)\)</span>', bar)]
    assert sum(counts) == len(cut_archive.actors) and 'id="by-count"' in index
    assert '<ul class="columns">' not in index  # the names are on the pages by initial
    part = next(p for p in sorted((cut_site / "actors/a-z").glob("*/2/index.html")))
    page = part.read_text()
    initial = part.parent.parent.name
    assert f"<title>Actors: {initial.upper()}, part 2 · " in page
    assert f'<a href="/actors/a-z/{initial}/" aria-current="true">{initial.upper()}</a></li>' in page
    parts = re.search(r'aria-label="Actors: parts of this initial">(.*?)</nav>', page, re.S).group(1)
    assert re.search(rf'<a href="/actors/a-z/{initial}/2/" aria-current="true">[^<]+ – [^<]+</a>', parts)
    places = (cut_site / "locations/index.html").read_text()
    assert '<h2 id="by-country">By country</h2>' in places and '<a href="/map/mali/">Mali</a>' in places
    assert (cut_site / "fr/locations/index.html").read_text().count('aria-label="Lieux de A à Z"') == 1
    initial = (cut_site / "locations/a-z/k/index.html").read_text()
    shown = re.findall(r'<li><a href="/locations/[^/"]+/">([^<]+)</a> <span class="meta">([^<]+)</span>', initial)
    assert shown and [n for n, _ in shown] == sorted((n for n, _ in shown), key=str.casefold)
    assert all(re.fullmatch(r"([^,·]+, )?[^,·]+ · \d+ events?( · not on the map)?", meta) for _, meta in shown), shown


def test_the_pages_by_initial_are_valid_accessible_and_fit_a_phone(cut_site, browser):
    part = sorted((cut_site / "actors/a-z").glob("*/2/index.html"))[0].parent.relative_to(cut_site).as_posix()
    rels = ["actors/", "locations/", "locations/a-z/i/", f"{part}/", f"fr/{part}/"]
    assert nu_errors(*(cut_site / rel / "index.html" for rel in rels)) == []
    found, wide = {}, {}
    with serving(cut_site) as host:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for rel in rels:
            assert page.goto(f"{host}/{rel}").ok, rel
            width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if width > client:
                wide[rel] = width
            violations = axe_violations(page, host)
            if violations:
                found[rel] = violations
    assert (found, wide) == ({}, {})


def test_a_name_under_a_new_initial_reaches_every_page_of_the_index_as_a_clean_build_has_it(
        make_site, tmp_path, monkeypatch):
    from incidents.build import build

    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "2")
    files = {f"content/reports/r{i}.md": report(event=f"e{i}", title=f"R{i}", actors=f"[{name}]", location=place)
             for i, (name, place) in enumerate([("Alpha", "Gao"), ("Beta", "Kidal"), ("Kilo", "Menaka")])}
    root = make_site(files)
    out = tmp_path / "out"
    build(root, out, search=False)
    assert (out / "actors/a-z/k/index.html").exists() and not (out / "actors/a-z/z").exists()
    (root / "content/reports/r3.md").write_text(report(event="e3", title="R3", actors="[Zulu, Kilo Two]",
                                                       location="Zinder"))
    build(root, out, search=False)
    assert "/actors/a-z/z/" in (out / "actors/a-z/a/index.html").read_text()
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    (root / "content/reports/r3.md").unlink()
    build(root, out, search=False)
    build(root, tmp_path / "clean2", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean2") and not (out / "actors/a-z/z").exists()


def test_no_actor_or_place_takes_the_address_of_the_pages_by_initial(make_site):
    from incidents.errors import ContentError

    archive = link(load(make_site({"content/reports/r.md": report(actors="[A-Z]", location="A–Z")})))
    assert set(archive.actors) == {"a-z-2"} and set(archive.places) == {"a-z-2"}
    root = make_site({"content/reports/r.md": report(actors="[A to Z]"),
                      "content/actors/a-z.md": "---\nname: A to Z\n---\n"})
    with pytest.raises(ContentError) as error:
        load(root)
    assert [str(p) for p in error.value.problems] == [
        'content/actors/a-z.md:1: "a-z" is the folder of the actors\' pages by initial (/actors/a-z/k/): name the '
        'file otherwise, such as "a-z-group.md"']


def test_each_language_files_its_own_names_and_a_page_without_a_twin_leads_to_the_index(
        make_site, tmp_path, monkeypatch):
    """"Groupe Wagner" is under G in French, "Wagner Group" under W in English: a page
    by initial links its twin where the other language has it, else that language's
    index, with no hreflang. A French name changed alone reaches the English pages
    whose twins came or went, as a clean build has them."""
    from incidents.build import build

    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "1")
    wagner = "---\nname: Wagner Group\nfr:\n  name: {fr}\n---\n"
    root = make_site({"content/reports/r1.md": report(event="e1", title="R1",
                                                      actors="[Wagner Group, Kel Ansar, Kilo Force]"),
                      "content/actors/wagner-group.md": wagner.format(fr="Groupe Wagner")},
                     site="title: T\nbase_url: http://127.0.0.1/\nlanguages: [en, fr]\n")
    out = tmp_path / "out"
    build(root, out, search=False)
    assert {p.parent.name for p in (out / "actors/a-z").glob("*/index.html")} == {"k", "w"}
    assert {p.parent.name for p in (out / "fr/actors/a-z").glob("*/index.html")} == {"g", "k"}
    page = (out / "actors/a-z/w/index.html").read_text()
    assert '<a href="/fr/actors/" hreflang="fr" lang="fr" rel="alternate">Français</a>' in page
    assert 'hreflang="fr" href' not in page.split("</head>")[0]
    kel = (out / "actors/a-z/k/index.html").read_text()
    assert '<link rel="alternate" hreflang="fr" href="http://127.0.0.1/fr/actors/a-z/k/">' in kel
    # a name not translated keeps its language, in the list and in the parts' names
    french = (out / "fr/actors/a-z/k/2/index.html").read_text()
    assert '<a href="/fr/actors/a-z/k/"><span lang="en">Kel Ansar</span></a>' in french
    assert '<a href="/fr/actors/kilo-force/" lang="en">Kilo Force</a>' in french
    (root / "content/actors/wagner-group.md").write_text(wagner.format(fr="Wagner (groupe)"))
    build(root, out, search=False)
    assert '<link rel="alternate" hreflang="fr" href="http://127.0.0.1/fr/actors/a-z/w/">' in (
        out / "actors/a-z/w/index.html").read_text()
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
