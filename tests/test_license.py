"""The licence of the content and the data, as site.yaml names it, is on
every page's footer, on the data page, in every row of the JSON data files,
in the Atom feeds (<rights>) and in the JSON-LD (license)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, report
from sitecheck import pages

from incidents.build import build

LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture
def built(shipped, tmp_path) -> Path:
    build(shipped, tmp_path / "site", search=False)
    return tmp_path / "site"


def test_the_licence_is_on_every_page(built):
    for page in pages(built):
        text = page.read_text(encoding="utf-8")
        assert '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in text, page


def test_the_data_feeds_and_json_ld_carry_the_licence(built):
    licence = LICENCE
    for name in ("events.json", "reports.json"):
        rows = json.loads((built / "data" / name).read_text(encoding="utf-8"))
        assert rows and all(row["license"] == licence for row in rows), name
    assert f"<rights>CC BY 4.0: {licence}</rights>" in (built / "feed.xml").read_text(encoding="utf-8")
    assert f"<rights>CC BY 4.0: {licence}</rights>" in (built / "actors/wagner-group/feed.xml").read_text()
    for rel in ("events/2025-02-gao-road-killings/", "reports/moura-killings-humangle/"):
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                          (built / rel / "index.html").read_text(encoding="utf-8")).group(1)
        assert json.loads(block)["license"] == licence
    assert 'rel="license"' in (built / "data/index.html").read_text(encoding="utf-8").split('<h2 id="license">')[1]


def test_the_citation_file_names_the_licence_site_yaml_names():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    site = yaml.safe_load((ROOT / "site.yaml").read_text(encoding="utf-8"))
    assert (data["license"], site["license"]) == ("CC-BY-4.0", {"name": "CC BY 4.0", "url": LICENCE})
    assert data["repository-code"] == site["repository"] and data["url"] == site["base_url"]


def test_without_a_licence_the_site_claims_none(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report()})
    build(root, tmp_path / "out", search=False)
    for page in pages(tmp_path / "out"):
        assert 'rel="license"' not in page.read_text(encoding="utf-8"), page
    assert "<rights>" not in (tmp_path / "out/feed.xml").read_text(encoding="utf-8")
    assert all(row["license"] is None for row in json.loads((tmp_path / "out/data/events.json").read_text()))
