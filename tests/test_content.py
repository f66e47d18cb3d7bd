"""The archive this repository ships: its content/ passes check, whatever pull
requests add to it; and the tests' copy of it (conftest.ARCHIVE) is curated as
the contract and the seed articles say, and clean of scraping debris."""

from __future__ import annotations

import re

import pytest

from conftest import ARCHIVE, ROOT
from incidents.build import check
from incidents.errors import ContentError
from incidents.content.link import link
from incidents.content.load import load

REPORTS = sorted((ARCHIVE / "content/reports").glob("*.md"))


def test_the_shipped_archive_passes_check():
    """The repository's own content, as a pull request leaves it, and the tests' copy.
    A mistake is said as check says it (the Check step above gave it on its line),
    not as a traceback."""
    for root in (ROOT, ARCHIVE):
        try:
            check(root)
        except ContentError as exc:
            pytest.fail("build.py check finds:\n" + "\n".join(str(p) for p in exc.problems), pytrace=False)


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_report_bodies_are_clean(path):
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph is repeated"
    assert not re.search(r"Ă|Ã|â€|\ufffd", body), "broken characters"
    for furniture in ["subscribe", "newsletter", "donate", "related articles", "share this", "leave a comment"]:
        assert furniture not in body.lower(), furniture


def test_events_dates_and_tolls_as_the_sources_give_them():
    archive = link(load(ARCHIVE))
    expected = {
        "2025-02-gao-road-killings": ("17 February 2025", "at least 24"),
        "2025-02-aslagh-killings": ("16 February 2025", "4"),
        "2024-06-abeibara-killings": ("20 June 2024", "46 to at least 60"),
        "2022-03-moura-killings": ("March 2022", "at least 300"),
    }
    for slug, (date, toll) in expected.items():
        event = archive.events[slug]
        assert (event.date.text(), event.toll().text()) == (date, toll), slug
    assert archive.events["2024-06-abeibara-killings"].end_date.text() == "29 June 2024"
    gao = archive.events["2025-02-gao-road-killings"]
    responses = {(r.response.stance, r.response.date.iso() if r.response.date else "") for r in gao.responses}
    assert ("investigating", "2025-02-21") in responses and any(s == "denied" for s, _ in responses)
    kal_akal = archive.actors["kal-akal"]
    assert any("Citizen" in alias for alias in kal_akal.aliases)
