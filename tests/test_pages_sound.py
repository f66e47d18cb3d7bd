"""Every page sound: valid HTML by the Nu HTML Checker, no axe-core
violations in Chromium on one page of each kind, no broken links or anchors;
on the shipped archive (in English and in French) and on a generated corpus
of a few hundred reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import AXE, axe_violations, serving
from conftest import ROOT
from sitecheck import broken_alternates, broken_links
from validator import nu_errors


def need(path: Path) -> None:
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `python3 dev.py setup` (npm installs it)")


@pytest.fixture(scope="module")
def sites(shipped_build, sample_build) -> dict[str, Path]:
    """The shipped archive under /archive/, and a 300-report corpus at the root."""
    return {"shipped": shipped_build, "corpus": sample_build}


def test_nu_html_checker_finds_no_errors(sites):
    assert nu_errors(*sites.values()) == []


def test_the_nu_html_checker_sees_a_mistake_in_a_file_and_in_a_folder(tmp_path):
    """What makes the check above worth something."""
    (tmp_path / "good.html").write_text('<!DOCTYPE html><html lang="en"><title>x</title><p>Fine.</p></html>')
    (tmp_path / "bad.html").write_text("<p>No doctype<div></p>")
    errors = nu_errors(tmp_path)  # one run of Java, seconds: both files at once
    assert errors and all("/bad.html:" in e for e in errors)


@pytest.mark.parametrize("name, prefix", [("shipped", "/archive/"), ("corpus", "/")])
def test_no_broken_internal_links_or_anchors(sites, name, prefix):
    assert broken_links(sites[name], prefix) == []


def test_every_page_names_its_twin_in_the_other_language_and_is_named_back(sites):
    assert (sites["shipped"] / "fr/index.html").is_file()
    assert broken_alternates(sites["shipped"], "https://example.org/archive/") == []


PAGES = ["", "timeline/", "events/", "events/2024-06-abeibara-killings/", "reports/",
         "reports/abeibara-killings-associated-press/", "actors/", "actors/wagner-group/", "locations/",
         "locations/abeibara/", "map/mali/", "tags/", "tags/executions/", "search/?q=Wagner", "404.html"]
# And each in French (the shipped archive has both languages), the pages of prose and open data too.
PAGES += ["fr/" + p for p in PAGES if not p.startswith("search/")] + ["fr/search/?q=tués", "fr/about/", "fr/data/"]


def test_axe_finds_no_violations_on_each_kind_of_page(sites, browser):
    need(AXE)
    site = sites["shipped"]
    found = {}
    with serving(site.parent) as host:
        page = browser.new_page()
        for path in PAGES:
            page.goto(f"{host}/archive/{path}")
            if "search/" in path:
                expect(page.locator("#search-status")).to_contain_text("résultat" if path[:3] == "fr/" else "result")
            violations = axe_violations(page, host)
            if violations:
                found[path or "/"] = violations
    assert found == {}


# The links that stand alone, not in a sentence (WCAG 2.2's target size asks 24 by 24 CSS px of them):
# a claim's and a response's "link" to itself. (A timeline chart's bar is a month's link that the jump bar
# and the lists give too, WCAG's "equivalent" exception: bars of 24 px would make a desktop scroll the
# chart of four years, hiding the earliest.)
TARGETS = """() => [...document.querySelectorAll('a.self-link')].map(a => {
  const r = a.getBoundingClientRect();
  return [a.getAttribute('class'), a.getAttribute('href'), Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10];
})"""


def most_self_links(site: Path) -> str:
    pages = (site / "events").glob("*/index.html")
    return max(pages, key=lambda p: p.read_text(encoding="utf-8").count('class="self-link"')).parent.name


@pytest.mark.parametrize("width", [390, 1280])
def test_row_links_are_at_least_24_px_square(sites, width, browser):
    shipped = ["", "timeline/", "events/2025-02-gao-road-killings/", "actors/wagner-group/"]
    pages = {"shipped": [f"archive/{p}" for p in shipped + ["fr/" + p for p in shipped]],
             "corpus": ["", "timeline/", f"events/{most_self_links(sites['corpus'])}/"]}
    found = {}
    page = browser.new_page(viewport={"width": width, "height": 844})
    for name, paths in pages.items():
        with serving(sites[name].parent if name == "shipped" else sites[name]) as host:
            for path in paths:
                assert page.goto(f"{host}/{path}").ok, path
                found[f"{name}: /{path}"] = page.evaluate(TARGETS)
    assert sum(len(x) for x in found.values()) > 40
    assert {p: small for p, x in found.items() if (small := [t for t in x if t[2] < 24 or t[3] < 24])} == {}
