"""Atom feeds: the site's, and one per actor and per location, parse with no
error and list the reports their pages list."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from conftest import ARCHIVE, ROOT, git
from sitecheck import tree_digest

from incidents.build import build

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
        for entry in feed.entries:  # (the archive is in git: each entry's id is its file's first commit's)
            assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.id) and entry.link.startswith(BASE)
            assert entry.updated and entry.title
        assert len({e.id for e in feed.entries}) == len(feed.entries)


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


def test_a_report_added_to_the_archive_leads_its_feeds_whatever_its_date(tmp_path):
    """In git, the feeds list reports by when each came into the archive (its
    first commit), newest first: a report of an incident of 2022 committed
    today is the first entry of the site's feed and of its place's, published
    and updated when it was committed; the other entries keep their order. A
    correction updates its entry, in place. The build that follows each commit
    writes what a clean build of that commit writes."""
    root = tmp_path / "archive"
    shutil.copytree(ARCHIVE / "content", root / "content")
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The first reports", date="2025-03-01T10:00:00+00:00")
    out = tmp_path / "site"
    build(root, out, search=False)
    before = [e.id for e in parse(out / "feed.xml").entries]
    moura = (root / "content/reports/moura-killings-humangle.md").read_text(encoding="utf-8")
    (root / "content/reports/moura-killings-second-account.md").write_text(
        moura.replace('title: "', 'title: "A second account: ', 1), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Moura: a second account", date="2025-04-01T11:30:00+01:00")
    build(root, out, search=False)
    for feed_file in ("feed.xml", "fr/feed.xml", "locations/moura/feed.xml"):
        feed = parse(out / feed_file)
        assert feed.entries[0].link.endswith("/reports/moura-killings-second-account/"), feed_file
        assert feed.entries[0].updated == "2025-04-01T10:30:00Z"
        assert feed.feed.updated == "2025-04-01T10:30:00Z"
    assert [e.id for e in parse(out / "feed.xml").entries][1:] == before  # then as before, by publication
    clean = tmp_path / "clean"
    build(root, clean, search=False)
    assert tree_digest(out) == tree_digest(clean)
    # a correction: the entry keeps its place and when it was published, and is updated when corrected
    path = root / "content/reports/moura-killings-humangle.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Moura: a correction", date="2025-05-02T09:00:00+00:00")
    build(root, out, search=False)
    for feed_file in ("feed.xml", "locations/moura/feed.xml"):
        feed = parse(out / feed_file)
        entry = next(e for e in feed.entries if e.link.endswith("/reports/moura-killings-humangle/"))
        assert (entry.published, entry.updated) == ("2025-03-01T10:00:00Z", "2025-05-02T09:00:00Z"), feed_file
        assert feed.feed.updated == "2025-05-02T09:00:00Z"
    assert [e.id for e in parse(out / "feed.xml").entries][1:] == before
    shutil.rmtree(clean)
    build(root, clean, search=False)
    assert tree_digest(out) == tree_digest(clean)
    # renamed, and the site moved: each entry keeps its id (RFC 4287: an id never changes), so that a
    # subscriber's reader does not show it again as new; the French feed's entries are others
    ids = {e.link.rsplit("/reports/", 1)[1]: e.id for e in parse(out / "feed.xml").entries}
    git(root, "mv", "content/reports/moura-killings-humangle.md", "content/reports/moura-humangle.md")
    git(root, "commit", "-q", "-m", "Moura: a shorter name", date="2025-05-03T09:00:00+00:00")
    build(root, out, search=False, base_url="https://archive.example.org/")
    moved = {e.link.rsplit("/reports/", 1)[1]: e.id for e in parse(out / "feed.xml").entries}
    assert moved.pop("moura-humangle/") == ids.pop("moura-killings-humangle/") and moved == ids
    assert not set(ids.values()) & {e.id for e in parse(out / "fr/feed.xml").entries}
    shutil.rmtree(clean)
    build(root, clean, search=False, base_url="https://archive.example.org/")
    assert tree_digest(out) == tree_digest(clean)


def test_outside_git_an_entry_s_id_is_its_page_s_address(tmp_path):
    """No history to say which commit brought a report in: its page's address."""
    root = tmp_path / "archive"
    shutil.copytree(ARCHIVE / "content", root / "content")
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    build(root, tmp_path / "site", search=False)
    assert {e.id for e in parse(tmp_path / "site/feed.xml").entries} == {
        e.link for e in parse(tmp_path / "site/feed.xml").entries}


def test_outside_git_a_feed_lists_reports_by_publication(site):
    """No history to say when a report came in: the newest by publication (else incident) date first."""
    updated = [e.updated for e in parse(site / "feed.xml").entries]
    assert updated == sorted(updated, reverse=True)
