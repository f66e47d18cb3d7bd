"""Atom feeds: the site's, and one per actor and per location, parse with no
error and list the reports their pages list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from conftest import ARCHIVE, ROOT

BASE = "https://example.github.io/archive/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("feeds") / "site"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(ARCHIVE), "build", "--out", str(out),
                           "--no-search", "--base-url", BASE], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def parse(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    assert feed.version == "atom10"
    return feed


def test_every_feed_parses_without_error(site):
    feeds = sorted(site.rglob("feed.xml"))
    actors = list((site / "actors").glob("*/index.html"))
    places = list((site / "locations").glob("*/index.html"))
    assert len(feeds) == 2 * (1 + len(actors) + len(places))  # in English, and in French under fr/
    for path in feeds:
        feed = parse(path)
        assert feed.feed.id and feed.feed.title and feed.feed.updated
        for entry in feed.entries:
            assert entry.id.startswith(BASE) and entry.link.startswith(BASE) and entry.updated and entry.title


def test_site_feed_lists_every_report(site):
    feed = parse(site / "feed.xml")
    assert len(feed.entries) == len(list((ARCHIVE / "content/reports").glob("*.md")))


def test_actor_and_location_feeds_list_their_reports_and_are_linked_from_their_pages(site):
    wagner = parse(site / "actors/wagner-group/feed.xml")
    html = (site / "actors/wagner-group/index.html").read_text()
    assert 'type="application/atom+xml"' in html and 'href="/archive/actors/wagner-group/feed.xml"' in html
    assert "Wagner Group" in wagner.feed.title
    assert wagner.feed.link == f"{BASE}actors/wagner-group/"
    assert {e.link for e in wagner.entries} >= {f"{BASE}reports/abeibara-killings-associated-press/",
                                                f"{BASE}reports/moura-killings-humangle/"}
    abeibara = parse(site / "locations/abeibara/feed.xml")
    assert [e.link for e in abeibara.entries] == [f"{BASE}reports/abeibara-killings-associated-press/"]
    assert 'href="/archive/locations/abeibara/feed.xml"' in (site / "locations/abeibara/index.html").read_text()
