"""What anyone may paste does not make the import run for minutes. Each input
below is shaped against one pattern that read the same characters in several
ways, so that its time doubled with each repetition (a byline of particles, a
page opening with many comments, "quatre-vingt-" over and over) or grew with
the cube of a line (a run of hyphened number words, of backticks). Sizes are
those at which the old patterns took from seconds to minutes; each is read as
it must be, and in the time of any other article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ARCHIVE
from incidents.content.bodylinks import _CODE_SPAN, body_link_warnings
from incidents.content.frontmatter import split
from incidents.content.link import link
from incidents.content.load import load
from incidents.importer import french
from incidents.importer.command import make_drafts, read_raw
from incidents.importer.knowledge import knowledge
from incidents.importer.page import looks_like_html, read_page
from incidents.importer.source import _BYLINE

ARTICLE = ("Gunmen kill 12 in Ogossagou\n\nGunmen killed 12 villagers in the village of Ogossagou on Monday, "
           "residents said.\n\n")


@pytest.fixture(scope="module")
def known():
    return knowledge(link(load(ARCHIVE, None, drafts=True)))


def draft(known, text: str, name: str = "pasted.txt"):
    (imported,) = make_drafts([(Path(name), text)], known, dt.date(2025, 3, 4))
    return imported


def test_a_byline_of_particles(known):
    assert _BYLINE.match("By Xx" + " De" * 40 + " x") is None
    assert _BYLINE.match("By Jean de La Fontaine, Reuters").group("who") == "Jean de La Fontaine"
    assert draft(known, ARTICLE + "By Xx" + " De" * 40 + " x\n").text


def test_a_text_opening_with_many_comments(tmp_path, known):
    assert not looks_like_html("a.txt", "<!-- -->\n" * 40 + ARTICLE)
    assert looks_like_html("a.txt", "<!-- saved from url=x -->\n<!-- more -->\n<!DOCTYPE html><html>")
    page = tmp_path / "page.html"
    page.write_text("<!-- saved from url=x -->\n<html><head>\n" + "<!-- x -->\n" * 40 + "<title>Gunmen kill 12</title>"
                    "</head><body><article><h1>Gunmen kill 12</h1><p>Gunmen killed 12 villagers in the village of "
                    "Ogossagou on Monday, residents said.</p></article></body></html>", encoding="utf-8")
    assert "Ogossagou" in read_raw(page)
    svg = tmp_path / "drawing.svg.txt"
    svg.write_text("<!-- a -->\n<!-- b -->\n<svg xmlns='http://www.w3.org/2000/svg'></svg>", encoding="utf-8")
    with pytest.raises(Exception, match="SVG"):
        read_raw(svg)


@pytest.mark.parametrize("words", ["quatre-vingt-" * 30 + "quatre-vingt soldats.", "cinquante-" * 800 + "x"])
def test_runs_of_french_number_words(known, words):
    assert draft(known, ARTICLE + words + "\n").text


def test_french_numbers_still_read():
    assert french.number("quatre-vingt-dix-neuf") == 99
    assert french.number("neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf") == 999999


def test_a_run_of_backticks_in_a_body():
    doc, problems = split("content/reports/x.md", "---\ntitle: x\n---\n[a](www.example.org/a) " + "`" * 8000 + "x\n")
    assert problems == [] and doc is not None
    assert body_link_warnings(doc)  # the link is still looked at: no code span holds it
    # code spans as CommonMark reads them: a run closed by a run of as many backticks, no longer
    assert _CODE_SPAN.sub("", "a `code` b ``x`y`` c ``` d") == "a  b  c ``` d"


def test_a_line_of_spaces_in_a_french_body():
    """French typography's spaces before « : ; ! ? »: a run of spaces is tried from its first only."""
    from incidents.site.typography import french_spaces
    assert french_spaces("a" + " " * 8000 + "b") == "a" + " " * 8000 + "b"
    assert french_spaces("Gao : 24 tués ; « au moins »  !") == "Gao\u00a0: 24 tués\u202f; «\u00a0au moins\u00a0»\u202f!"


def test_a_page_whose_json_ld_nests_thousands_deep_or_lists_a_hundred_thousand():
    """JSON-LD of 3,000 "[" nested stopped the whole import with a traceback
    (RecursionError, which json.loads raises); a flat list of 100,000 items
    took seconds, each taken from a list's front. The first is read as no
    JSON-LD, the second at once; the article is read from the page either way."""
    body = "<h1>Gunmen kill 12</h1>" + "".join(
        f"<p>Gunmen killed 12 villagers in the village of Ogossagou on Monday, residents said ({n}). The army "
        "said it had sent troops to the area, and a local official said the village had been attacked before.</p>"
        for n in range(6))
    for data in ("[" * 3000 + "]" * 3000, "[" + ",".join(['{"a": 1}'] * 100_000) + "]"):
        read = read_page(f'<html><head><script type="application/ld+json">{data}</script></head><body><article>'
                         f"{body}</article></body></html>")
        assert "Ogossagou" in read.text
