"""Pages carry their history from git: a report's and an event's first
publication, last update and the commits that changed their files (renames
followed), the data page its version and changelog. The shipped archive is
built inside a repository the test makes, with commits at fixed dates; outside
git the section is left out without a word; a shallow clone is said in one
line; a new commit re-renders only the pages of the files it touched, and the
result is a clean build's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARCHIVE, ROOT, git
from sitecheck import pages, tree_digest

from incidents.build import build, check
from incidents.site.history import Commit, GitState, commit_view, merged_title, parse_log

REPOSITORY = "https://github.com/example/mali-archive"
GAO = "content/reports/gao-road-killings-inquiry-humangle.md"
OLD_GAO = "content/reports/gao-road-inquiry-humangle.md"


def copy_shipped(root: Path) -> Path:
    shutil.copytree(ARCHIVE / "content", root / "content")
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The shipped archive in a repository of five commits, one a rename; its commits by subject."""
    root = copy_shipped(tmp_path_factory.mktemp("history") / "archive")
    (root / GAO).rename(root / OLD_GAO)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add the first reports", date="2025-03-01T10:00:00+00:00")
    path = root / OLD_GAO
    path.write_text(path.read_text(encoding="utf-8") + "\nThe army later confirmed the inquiry.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Gao inquiry: the army's confirmation", date="2025-03-05T09:30:00+01:00")
    git(root, "mv", OLD_GAO, GAO)
    git(root, "commit", "-q", "-m", "Rename the HumAngle inquiry report", date="2025-03-10T08:00:00+00:00")
    event = root / "content/events/2025-02-gao-road-killings.md"
    event.write_text(event.read_text(encoding="utf-8") + "\nA curator's note.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Gao road: a curator's note", date="2025-03-12T18:00:00+00:00")
    moura = root / "content/reports/moura-killings-humangle.md"
    moura.write_text(moura.read_text(encoding="utf-8") + "\nMore on Moura.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Moura: more of the report", date="2025-03-15T12:00:00+00:00")
    log = git(root, "log", "--format=%H %s")
    return root, {line.split(" ", 1)[1]: line.split(" ", 1)[0] for line in log.splitlines()}


@pytest.fixture(scope="module")
def built(repo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    result = build(repo[0], out, search=False)
    assert result.notes == []
    return out


def history(out: Path, rel: str) -> str:
    text = (out / rel / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<section class="history".*?</section>', text, re.S)
    assert found, f"{rel} has no History"
    return found.group()


def listed(section: str) -> list[tuple[str, str, str]]:
    """(day, subject, link) of each commit a History lists, in order."""
    return re.findall(r'<li><time datetime="[-0-9]+">([^<]+)</time> · <a href="([^"]+)">([^<]+)</a>', section)


def test_a_report_shows_when_it_was_first_published_and_last_updated(built):
    section = history(built, "reports/gao-road-killings-inquiry-humangle/")
    assert "<dt>First published</dt> <dd><time datetime=\"2025-03-01\">1 March 2025</time></dd>" in section
    assert "<dt>Last updated</dt> <dd><time datetime=\"2025-03-10\">10 March 2025</time></dd>" in section
    # and its citation says so, in every form
    page = (built / "reports/gao-road-killings-inquiry-humangle/index.html").read_text(encoding="utf-8")
    assert "last updated 10 March 2025" in page
    assert "date = {2025-03-10}" in (built / "reports/gao-road-killings-inquiry-humangle/cite.bib").read_text()
    csl = json.loads((built / "reports/gao-road-killings-inquiry-humangle/cite.json").read_text())
    assert csl[0]["issued"] == {"date-parts": [[2025, 3, 10]]}


def test_a_report_s_history_follows_its_rename(built, repo):
    _, commits = repo
    subjects = ["Rename the HumAngle inquiry report", "Gao inquiry: the army&#39;s confirmation", "Add the first reports"]
    got = listed(history(built, "reports/gao-road-killings-inquiry-humangle/"))
    assert [(day, subject) for day, _, subject in got] == list(zip(
        ["10 March 2025", "5 March 2025", "1 March 2025"], subjects))
    assert [url for _, url, _ in got] == [f"{REPOSITORY}/commit/{commits[s.replace('&#39;', chr(39))]}"
                                          for s in subjects]


def test_an_event_s_history_is_that_of_its_reports_and_its_file(built):
    section = history(built, "events/2025-02-gao-road-killings/")
    assert [subject for _, _, subject in listed(section)] == [
        "Gao road: a curator&#39;s note", "Rename the HumAngle inquiry report",
        "Gao inquiry: the army&#39;s confirmation", "Add the first reports"]
    assert 'datetime="2025-03-01">1 March 2025' in section and 'datetime="2025-03-12">12 March 2025' in section
    assert [s for _, _, s in listed(history(built, "events/2022-03-moura-killings/"))] == [
        "Moura: more of the report", "Add the first reports"]


def test_an_event_s_history_has_the_commits_that_took_reports_out_of_it(repo, tmp_path):
    """A report deleted, another moved to an event of its own: the event's page
    changed (its reports, its toll, its place), and its History and citation
    say when, though none of the files it is now made of changed then."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    git(root, "rm", "-q", "content/reports/gao-road-killings-rising-tensions-analysis.md")
    git(root, "commit", "-q", "-m", "Remove the analysis", date="2025-04-01T10:00:00+00:00")
    army = root / "content/reports/gao-road-killings-army-investigation.md"
    army.write_text(army.read_text(encoding="utf-8").replace("event: 2025-02-gao-road-killings\n",
                                                            "event: '2025-02-gao-road-inquiry'\n"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "The army's inquiry, an event of its own", date="2025-05-01T10:00:00+00:00")
    build(root, out, search=False)  # built on the last build: the same as a clean build
    section = history(out, "events/2025-02-gao-road-killings/")
    assert [s for _, _, s in listed(section)][:2] == ["The army&#39;s inquiry, an event of its own",
                                                      "Remove the analysis"]
    assert "date = {2025-05-01}" in (out / "events/2025-02-gao-road-killings/cite.bib").read_text()
    assert [s for _, _, s in listed(history(out, "events/2025-02-gao-road-inquiry/"))][0] == (
        "The army&#39;s inquiry, an event of its own")
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    # a line rewritten to the same event ("event: x" to "event: 'x'") takes nothing out
    army.write_text(army.read_text(encoding="utf-8").replace("event: '2025-02-gao-road-inquiry'",
                                                            'event: "2025-02-gao-road-inquiry"  # quoted'),
                    encoding="utf-8")
    git(root, "commit", "-q", "-am", "Quotes", date="2025-06-01T10:00:00+00:00")
    build(root, out, search=False)
    assert "Quotes" not in history(out, "events/2025-02-gao-road-killings/")


def test_an_event_s_history_keeps_a_report_s_commits_from_while_it_was_in_it_and_never_earlier(repo, tmp_path):
    """A report moved to another event (its `event:` changed): the event it left
    keeps the commits it showed of it (its History, and the day it was last
    updated, never lose a commit a reader may have cited), and the event it
    went to has it from that commit on, not from before that event was. An
    event renamed by its reports' `event:` keeps its History under the new name."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    gao_before = [s for _, _, s in listed(history(out, "events/2025-02-gao-road-killings/"))]
    assert "Gao inquiry: the army&#39;s confirmation" in gao_before
    path = root / GAO
    path.write_text(path.read_text(encoding="utf-8").replace(
        "event: 2025-02-gao-road-killings", "event: 2025-04-gao-second-vehicle"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "The HumAngle inquiry is another event", date="2025-04-01T10:00:00+00:00")
    build(root, out, search=False)
    gao = [s for _, _, s in listed(history(out, "events/2025-02-gao-road-killings/"))]
    assert gao == ["The HumAngle inquiry is another event"] + gao_before
    second = history(out, "events/2025-04-gao-second-vehicle/")
    assert [s for _, _, s in listed(second)] == ["The HumAngle inquiry is another event"]
    assert 'First published</dt> <dd><time datetime="2025-04-01">' in second
    # the report's own page keeps all of its commits
    assert len(listed(history(out, "reports/gao-road-killings-inquiry-humangle/"))) == 4
    # the event renamed (it has no file: its report's event: line is its name) keeps its History
    path.write_text(path.read_text(encoding="utf-8").replace(
        "event: 2025-04-gao-second-vehicle", "event: 2025-04-gao-vehicle"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "The second vehicle's event renamed", date="2025-04-05T10:00:00+00:00")
    build(root, out, search=False)
    assert [s for _, _, s in listed(history(out, "events/2025-04-gao-vehicle/"))] == [
        "The second vehicle&#39;s event renamed", "The HumAngle inquiry is another event"]
    assert [s for _, _, s in listed(history(out, "events/2025-02-gao-road-killings/"))] == gao
    assert "date = {2025-04-01}" in (out / "events/2025-02-gao-road-killings/cite.bib").read_text()
    clean = tmp_path / "clean"
    build(root, clean, search=False)
    assert tree_digest(out) == tree_digest(clean)


def test_a_report_removed_then_restored_leaves_its_event_s_history_whole(repo, tmp_path):
    """A report removed keeps its commits on its event's page (they changed it
    then); restored, it is a new file to git, and its event still has them all."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    before = listed(history(out, "events/2025-02-gao-road-killings/"))
    git(root, "rm", "-q", GAO)
    git(root, "commit", "-q", "-m", "The HumAngle inquiry is withdrawn", date="2025-04-01T10:00:00+00:00")
    build(root, out, search=False)
    assert listed(history(out, "events/2025-02-gao-road-killings/"))[1:] == before
    git(root, "checkout", "HEAD~1", "--", GAO)
    git(root, "commit", "-q", "-m", "The HumAngle inquiry is back", date="2025-04-02T10:00:00+00:00")
    build(root, out, search=False)
    event = history(out, "events/2025-02-gao-road-killings/")
    assert listed(event)[2:] == before and 'First published</dt> <dd><time datetime="2025-03-01">' in event
    clean = tmp_path / "clean"
    build(root, clean, search=False)
    assert tree_digest(out) == tree_digest(clean)


def test_an_event_renamed_by_its_reports_event_lines_leads_to_where_they_went(repo, tmp_path):
    """An event without a file of its own has the name its reports give it: renamed
    one report a commit (GitHub's web editor), its old address leads to the event
    most of them went to; a name then renamed again leads to the last; an event
    whose reports were deleted leads nowhere. Built on the last build, a clean
    build's bytes."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    git(root, "rm", "-q", "content/events/2025-02-gao-road-killings.md", "content/events/2022-03-moura-killings.md")
    git(root, "commit", "-q", "-m", "Two events without a file", date="2025-04-01T10:00:00+00:00")
    gao = sorted((root / "content/reports").glob("gao-road-*.md"))
    assert len(gao) == 4

    def move(path: Path, before: str, after: str, day: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert f"event: {before}\n" in text
        path.write_text(text.replace(f"event: {before}\n", f"event: {after}\n"), encoding="utf-8")
        git(root, "commit", "-q", "-am", f"{path.name}: event {after}", date=f"2025-04-{day}T10:00:00+00:00")

    for day, path in zip(("02", "03", "04"), [p for p in gao if "army" not in p.name]):
        move(path, "2025-02-gao-road-killings", "2025-02-gao-road-attack", day)
    army = next(p for p in gao if "army" in p.name)
    move(army, "2025-02-gao-road-killings", "2025-02-gao-road-inquiry", "05")
    move(army, "2025-02-gao-road-inquiry", "2025-02-gao-army-inquiry", "06")
    git(root, "rm", "-q", "content/reports/moura-killings-humangle.md")
    git(root, "commit", "-q", "-m", "Moura removed", date="2025-04-07T10:00:00+00:00")
    build(root, out, search=False)
    moved = json.loads((out / "moved.json").read_text())
    assert {k: v for k, v in moved.items() if k.startswith("events/")} == {
        "events/2025-02-gao-road-inquiry/": "events/2025-02-gao-army-inquiry/",
        "events/2025-02-gao-road-killings/": "events/2025-02-gao-road-attack/"}
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    # the old name given again to a report: its own page, nothing leads away from it
    move(army, "2025-02-gao-army-inquiry", "2025-02-gao-road-killings", "08")
    build(root, out, search=False)
    moved = json.loads((out / "moved.json").read_text())
    assert {k: v for k, v in moved.items() if k.startswith("events/")} == {
        "events/2025-02-gao-army-inquiry/": "events/2025-02-gao-road-killings/",
        "events/2025-02-gao-road-inquiry/": "events/2025-02-gao-road-killings/"}


def test_a_report_s_address_before_its_file_was_renamed_leads_to_its_page(repo, tmp_path, browser):
    """Renamed twice, its two earlier addresses lead to its page now (the 404
    page's script reads moved.json), in each language, its #fragment kept; so
    does an event's whose file was renamed;
    an earlier name a report has again, or of a report deleted, leads nowhere.
    Built on the last build, the same bytes as a clean build."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    moura, gao = "content/reports/moura-killings-humangle.md", "content/reports/gao-road-killings-rising-tensions-analysis.md"
    git(root, "mv", moura, "content/reports/moura-2022.md")
    git(root, "mv", gao, "content/reports/gao-analysis.md")
    git(root, "commit", "-q", "-m", "Rename two reports", date="2025-04-01T10:00:00+00:00")
    git(root, "mv", "content/reports/moura-2022.md", "content/reports/moura-2022-humangle.md")
    git(root, "rm", "-q", "content/reports/gao-analysis.md")
    # an event renamed: its file, and its report's event:
    git(root, "mv", "content/events/2025-02-aslagh-killings.md", "content/events/2025-02-aslagh-civilian-killings.md")
    aslagh = root / "content/reports/aslagh-killings-humangle.md"
    aslagh.write_text(aslagh.read_text(encoding="utf-8").replace("event: 2025-02-aslagh-killings",
                                                                 "event: 2025-02-aslagh-civilian-killings"),
                      encoding="utf-8")
    git(root, "commit", "-q", "-am", "Moura again; the Gao analysis removed; Aslagh's event renamed",
        date="2025-04-02T10:00:00+00:00")
    build(root, out, search=False)
    assert json.loads((out / "moved.json").read_text()) == {
        "events/2025-02-aslagh-killings/": "events/2025-02-aslagh-civilian-killings/",
        "reports/gao-road-inquiry-humangle/": "reports/gao-road-killings-inquiry-humangle/",  # the fixture's
        "reports/moura-2022/": "reports/moura-2022-humangle/",
        "reports/moura-killings-humangle/": "reports/moura-2022-humangle/"}
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    (root / "content/reports/moura-2022.md").write_text(  # a report of that name again: its own page
        (root / "content/reports/moura-2022-humangle.md").read_text(encoding="utf-8"), encoding="utf-8")
    build(root, out, search=False)
    assert "reports/moura-2022/" not in json.loads((out / "moved.json").read_text())
    (root / "content/reports/moura-2022.md").unlink()
    build(root, out, search=False)
    from browser import serving
    (tmp_path / "host").mkdir()
    (tmp_path / "host/mali-archive").symlink_to(out)
    with serving(tmp_path / "host", not_found=out / "404.html") as host:
        page = browser.new_page()
        for asked, reached in [("reports/moura-killings-humangle/#claims", "reports/moura-2022-humangle/#claims"),
                               ("fr/reports/moura-2022", "fr/reports/moura-2022-humangle/"),
                               ("fr/events/2025-02-aslagh-killings/cite.bib",
                                "fr/events/2025-02-aslagh-civilian-killings/cite.bib"),
                               ("reports/gao-road-killings-rising-tensions-analysis/",
                                "reports/gao-road-killings-rising-tensions-analysis/")]:
            page.goto(f"{host}/mali-archive/{asked}")
            page.wait_for_url(f"{host}/mali-archive/{reached}")
            page.wait_for_load_state("networkidle")
            assert page.url == f"{host}/mali-archive/{reached}"
        assert page.title().startswith("Page not found")  # the deleted report's: nowhere to go


def test_the_data_page_states_its_version_and_what_each_commit_changed(built, repo):
    _, commits = repo
    text = (built / "data/index.html").read_text(encoding="utf-8")
    moura = commits["Moura: more of the report"]
    assert f'as of commit <a href="{REPOSITORY}/commit/{moura}"><code>{moura[:7]}</code></a>' in text
    assert '<time datetime="2025-03-15">15 March 2025</time>' in text
    # a rename gives both names; a report renamed since is linked where it is now, by the name it had
    assert ('1 report renamed: <a href="/mali-archive/reports/gao-road-killings-inquiry-humangle/">'
            'gao-road-inquiry-humangle → gao-road-killings-inquiry-humangle</a>') in text
    assert ('1 report changed: <a href="/mali-archive/reports/gao-road-killings-inquiry-humangle/">'
            'gao-road-inquiry-humangle</a>') in text
    assert "7 reports added:" in text and "4 events added:" in text and "2 pages added:" in text
    # the data package names the same version, and when it was made (UTC)
    package = json.loads((built / "data/datapackage.json").read_text(encoding="utf-8"))
    assert (package["version"], package["created"]) == (moura[:7], "2025-03-15T12:00:00Z")


def test_data_made_from_content_not_yet_committed_says_so(repo, tmp_path):
    """A build from a changed working tree is not the data of the commit it names:
    the data page says so, in each language, and the data package's version is
    the commit's "+modified"; once committed, the commit's own. An incremental
    build gives the bytes of a clean one each time."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    head = git(root, "rev-parse", "--short=7", "HEAD")

    def said() -> tuple[bool, bool, str]:
        version = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))["version"]
        # the data's citation names the same version, in each language
        assert f"  version = {{{version}}},\n" in (out / "data/cite.bib").read_text(encoding="utf-8")
        assert json.loads((out / "fr/data/cite.json").read_text(encoding="utf-8"))[0]["version"] == version
        return ("Not yet committed" in (out / "data/index.html").read_text(encoding="utf-8"),
                "Pas encore dans un commit" in (out / "fr/data/index.html").read_text(encoding="utf-8"), version)

    assert said() == (False, False, head)
    report = root / "content/reports/aslagh-killings-humangle.md"
    report.write_text(report.read_text(encoding="utf-8").replace("Aslagh", "Aslag", 1), encoding="utf-8")
    for made in ("changed", "untracked"):
        build(root, out, search=False)
        assert said() == (True, True, f"{head}+modified"), made
        build(root, tmp_path / f"clean-{made}", search=False)
        assert tree_digest(out) == tree_digest(tmp_path / f"clean-{made}")
        git(root, "checkout", "-q", "--", ".")
        (root / "content/pages/new.md").write_text("---\ntitle: New\n---\nText.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "A new page", date="2025-04-01T10:00:00+00:00")
    build(root, out, search=False)
    assert said() == (False, False, git(root, "rev-parse", "--short=7", "HEAD"))


def test_a_link_to_a_report_s_address_before_its_rename_is_told_the_address_now(repo, tmp_path):
    """Renamed in git, a report's old address reaches its page only through the
    page not found, with JavaScript (moved.js): a link in a text to it is said,
    with the address now, by check and by the build."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    aslagh = root / "content/reports/aslagh-killings-humangle.md"
    aslagh.write_text(aslagh.read_text(encoding="utf-8") + "\nSee [the inquiry](/reports/gao-road-inquiry-humangle/"
                      "#claims).\n", encoding="utf-8")
    line = aslagh.read_text(encoding="utf-8").split("\n").index("See [the inquiry](/reports/gao-road-inquiry-"
                                                                 "humangle/#claims).") + 1
    said = (f'content/reports/aslagh-killings-humangle.md:{line}: links to "/reports/gao-road-inquiry-humangle/'
            '#claims", the address of a page since renamed, which readers reach only through the page not found '
            "(with JavaScript): write /reports/gao-road-killings-inquiry-humangle/#claims (warning)")
    assert [str(w) for w in check(root) if "renamed" in w.message] == [said]
    assert [str(w) for w in build(root, tmp_path / "site", search=False).warnings if "renamed" in w.message] == [said]


def test_the_changes_name_only_what_the_site_has_now(repo, tmp_path):
    """A draft's slug (its title, often a name) and a report taken down (for a
    witness's safety, it may be) are counted in the changes, never named."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    draft = root / "content/reports/witness-amadou-speaks.md"
    draft.write_text((root / "content/reports/aslagh-killings-humangle.md").read_text(encoding="utf-8").replace(
        "---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "A draft", date="2025-04-01T10:00:00+00:00")
    git(root, "rm", "-q", "content/reports/moura-killings-humangle.md", "content/events/2022-03-moura-killings.md")
    git(root, "commit", "-q", "-m", "Taken down", date="2025-04-02T10:00:00+00:00")
    build(root, tmp_path / "site", search=False)
    text = (tmp_path / "site/data/index.html").read_text(encoding="utf-8")
    assert "<li>1 report added</li>" in text and "<li>1 report removed</li>" in text
    assert "<li>1 event removed</li>" in text
    assert "witness-amadou" not in text and "moura-killings" not in text
    assert '1 report renamed: <a href="/mali-archive/reports/gao-road-killings-inquiry-humangle/">' in text


def test_a_build_given_its_repository_links_it_wherever_site_yaml_names_another(repo, built, tmp_path):
    """The Pages workflow builds with --repository (its own repository's address): a
    fork published by its workflow links the fork's commits, not site.yaml's."""
    root, commits = repo
    fork, out = "https://github.com/fork/archive", tmp_path / "site"
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out), "--no-search"]
    done = subprocess.run(command + ["--repository", fork + "/"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    moura = commits["Moura: more of the report"]
    assert f'as of commit <a href="{fork}/commit/{moura}">' in (out / "data/index.html").read_text(encoding="utf-8")
    assert [url for _, url, _ in listed(history(out, "events/2022-03-moura-killings/"))] == [
        f"{fork}/commit/{moura}", f"{fork}/commit/{commits['Add the first reports']}"]
    every = [path.read_text(encoding="utf-8") for path in pages(out)]
    assert all(REPOSITORY not in text for text in every)
    assert all(f'<a href="{fork}">' in text for text in every if "<footer" in text)  # Source and history
    assert sum("<footer" in text for text in every) > 50
    # without it, site.yaml's again: every page made again, as a clean build of it makes them
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0 and "every page made again: the build's options changed" in done.stdout
    assert tree_digest(out) == tree_digest(built)


def test_the_same_commits_give_the_same_bytes_in_another_clone(repo, built, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo[0]), str(clone))
    build(clone, tmp_path / "site", search=False)
    assert tree_digest(tmp_path / "site") == tree_digest(built)


def test_a_merged_pull_request_is_one_commit_dated_when_it_was_merged_and_named_by_its_title(repo, tmp_path):
    """A pull request merged with a merge commit (GitHub's default) published its
    branch's commits on the day it was merged: pages list the merge, by the
    request's title (GitHub puts it under "Merge pull request #7 from …") or its
    History line, never the contributor's "WIP" commits of the days before."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    git(root, "checkout", "-q", "-b", "segou")
    new = root / "content/reports/segou-killings.md"
    new.write_text((root / GAO).read_text(encoding="utf-8").replace(
        "event: 2025-02-gao-road-killings", "event: 2025-04-segou-killings"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "WIP segou", date="2025-03-20T10:00:00+00:00")
    new.write_text(new.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    moura = root / "content/reports/moura-killings-humangle.md"
    moura.write_text(moura.read_text(encoding="utf-8") + "\nEven more on Moura.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "fixup! WIP segou", date="2025-03-21T10:00:00+00:00")
    git(root, "checkout", "-q", "-")
    aslagh = root / "content/reports/aslagh-killings-humangle.md"
    aslagh.write_text(aslagh.read_text(encoding="utf-8") + "\nMeanwhile on main.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Aslagh: meanwhile", date="2025-03-22T10:00:00+00:00")
    git(root, "merge", "-q", "--no-ff", "segou", "-m", "Merge pull request #7 from someone/segou",
        "-m", "A report of the killings in Ségou", date="2025-04-01T10:00:00+00:00")
    out = tmp_path / "site"
    assert build(root, out, search=False).notes == []
    segou = history(out, "reports/segou-killings/")
    assert [(day, subject) for day, _, subject in listed(segou)] == [
        ("1 April 2025", "A report of the killings in Ségou")], segou
    assert [(day, subject) for day, _, subject in listed(history(out, "reports/moura-killings-humangle/"))][:2] == [
        ("1 April 2025", "A report of the killings in Ségou"), ("15 March 2025", "Moura: more of the report")]
    assert "WIP" not in (out / "data/index.html").read_text(encoding="utf-8")
    entry = (out / "feed.xml").read_text(encoding="utf-8").split("<entry>")[1]
    assert "reports/segou-killings/" in entry and "<published>2025-04-01T10:00:00Z</published>" in entry
    # a History line in the merge's message says it, as in any commit's
    git(root, "commit", "-q", "--amend", "-m", "Merge pull request #7 from someone/segou\n\n"
        "A report of the killings in Ségou\n\nHistory: The Ségou killings are added.", date="2025-04-01T10:00:00+00:00")
    build(root, out, search=False)
    assert [s for _, _, s in listed(history(out, "reports/segou-killings/"))] == ["The Ségou killings are added."]


def test_outside_git_there_is_no_history_and_no_error(tmp_path):
    root = copy_shipped(tmp_path / "archive")
    result = build(root, tmp_path / "site", search=False)
    assert result.notes == []
    for page in pages(tmp_path / "site"):
        text = page.read_text(encoding="utf-8")
        assert 'class="history"' not in text and "Not yet committed" not in text, page
    assert "as of commit" not in (tmp_path / "site/data/index.html").read_text(encoding="utf-8")
    assert not {"version", "created"} & json.loads((tmp_path / "site/data/datapackage.json").read_text()).keys()


def test_a_file_not_yet_committed_says_so(repo, tmp_path):
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    (root / "content/reports/late-report.md").write_text(
        (root / GAO).read_text(encoding="utf-8").replace("event: 2025-02-gao-road-killings",
                                                         "event: 2025-03-late-event"), encoding="utf-8")
    build(root, tmp_path / "site", search=False)
    assert "Not yet committed" in history(tmp_path / "site", "reports/late-report/")
    assert "Not yet committed" in history(tmp_path / "site", "events/2025-03-late-event/")


def test_check_runs_the_history_section_as_the_build_does(repo, tmp_path):
    """A template of the History section that fails as it runs is said by check
    (a pull request's), not first by the Pages build: check renders with the history."""
    from incidents.build import check
    from incidents.errors import ContentError
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    (root / "templates" / "partials").mkdir(parents=True)
    (root / "templates" / "partials" / "history.html").write_text(
        (ROOT / "templates" / "partials" / "history.html").read_text(encoding="utf-8").replace(
            '<h2 id="history">', '{{ 1 // 0 }}<h2 id="history">', 1), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check(root)
    [problem] = raised.value.problems
    assert problem.path == "templates/partials/history.html" and "ZeroDivisionError" in problem.message


def test_a_shallow_clone_is_said_in_one_line_and_its_pages_give_no_false_dates(repo, tmp_path):
    """git shows a shallow clone's oldest commit as adding every file it holds:
    each report would be first published that day, by that commit. Its pages
    have no History, as outside git; once the whole history is fetched they have."""
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo[0]}", str(clone))
    site = tmp_path / "site"
    result = build(clone, site, search=False)
    assert len(result.notes) == 1 and "shallow clone" in result.notes[0] and "no History" in result.notes[0]
    for page in pages(site):
        assert 'class="history"' not in page.read_text(encoding="utf-8"), page
    assert "as of commit" not in (site / "data/index.html").read_text(encoding="utf-8")
    git(clone, "fetch", "-q", "--unshallow")
    assert build(clone, site, search=False).notes == []
    assert [s for _, _, s in listed(history(site, "events/2022-03-moura-killings/"))] == [
        "Moura: more of the report", "Add the first reports"]
    clean = tmp_path / "clean"
    build(clone, clean, search=False)
    assert tree_digest(site) == tree_digest(clean)


def test_a_new_commit_renders_only_the_pages_of_the_files_it_touched(repo, tmp_path):
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(repo[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    path = root / "content/reports/aslagh-killings-humangle.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA later sentence.\n", encoding="utf-8")
    build(root, out, search=False)  # the edit, not yet committed
    git(root, "commit", "-q", "-am", "Aslagh: a later sentence", date="2025-04-01T10:00:00+00:00")
    done = build(root, out, search=False)
    assert not done.unchanged and done.parsed == 0
    # the report, its event and the data page (each with its citation's two files: the data's names its
    # version), the feeds that list the report (the site's, its place's, its three actors': its entry's
    # updated date); in English and in French; and moved.json and datapackage.json, which the languages share
    # (a commit may rename a report; the data's version is the latest commit)
    assert done.rendered == 2 * (9 + 5) + 2, done
    assert "Aslagh: a later sentence" in history(out, "reports/aslagh-killings-humangle/")
    package = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    latest = git(root, "log", "-1", "--format=%H").strip()
    assert (package["version"], package["created"]) == (latest[:7], "2025-04-01T10:00:00Z")
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_history_rewritten_behind_the_same_commit_is_read_again(repo, tmp_path):
    """A shallow clone deepened (`git fetch --deepen`, then --unshallow), then a commit replaced (`git replace`):
    HEAD is the same commit each time, the history is another, and the next build writes what
    a clean build writes (its pages' History, their first publication, the feeds' dates)."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo[0]}", str(clone))
    out = tmp_path / "site"
    build(clone, out, search=False)
    git(clone, "fetch", "-q", "--deepen=3")
    build(clone, out, search=False)
    build(clone, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    git(clone, "fetch", "-q", "--unshallow")
    build(clone, out, search=False)
    shutil.rmtree(tmp_path / "clean")
    build(clone, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    moura = git(clone, "log", "-1", "--format=%H", "--", "content/reports/moura-killings-humangle.md")
    tree = git(clone, "log", "-1", "--format=%T", moura)
    parent = git(clone, "log", "-1", "--format=%P", moura)
    other = git(clone, "commit-tree", tree, "-p", parent, "-m", "Moura: more of the report, redated",
                date="2025-05-20T10:00:00+00:00")
    git(clone, "replace", moura, other)
    build(clone, out, search=False)
    shutil.rmtree(tmp_path / "clean")
    build(clone, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    assert "Moura: more of the report, redated" in history(out, "reports/moura-killings-humangle/")


def test_renames_are_followed_in_one_pass_over_the_log():
    log = ("\x00\x01c3\x002025-03-10T08:00:00+00:00\x00Rename\x00\x00\x02\n\nR100\tcontent/reports/a.md\t"
           "content/reports/b.md\nA\tcontent/reports/a.md\n"
           "\x00\x01c2\x002025-03-05T08:00:00+00:00\x00Edit\x00\x00\x02\n\nM\tcontent/reports/a.md\n"
           "\x00\x01c1\x002025-03-01T08:00:00+00:00\x00Add\x00\x00\x02\n\nA\tcontent/reports/a.md\n"
           "\x00\x01c0\x002025-02-01T08:00:00+00:00\x00An older a, removed\x00\x00\x02\n\nD\tcontent/reports/a.md\n")
    h = parse_log(GitState("c3", False), log)
    assert h.hashes(["content/reports/b.md"]) == ("c3", "c2", "c1")  # the renamed file keeps its past
    assert h.hashes(["content/reports/a.md"]) == ("c3",)             # a new a, added with the rename


def test_a_host_s_merge_subject_gives_way_to_the_pull_request_s_title():
    assert merged_title("Merge pull request #7 from someone/segou", "Add Ségou\n\nMore.") == "Add Ségou"
    assert merged_title("Merge branch 'segou' into 'main'", "Add Ségou\n\nSee merge request a/b!12") == "Add Ségou"
    # no title under it, or only its History line or GitLab's reference: the subject stays
    assert merged_title("Merge pull request #7 from someone/segou", "") == "Merge pull request #7 from someone/segou"
    assert merged_title("Merge branch 'x' into 'main'", "See merge request a/b!1") == "Merge branch 'x' into 'main'"
    assert merged_title("Merge pull request #7 from a/b", "History: Added.") == "Merge pull request #7 from a/b"
    # a merge made by hand says what it says
    assert merged_title("Merge branch 'segou'", "Add Ségou") == "Merge branch 'segou'"


def test_a_long_commit_subject_is_shown_cut_at_a_word_the_commit_s_link_has_it_all():
    """git's subject is the message's first paragraph, however long (one of 677
    characters filled a phone's screen on the data page)."""
    words = "Values: a text written empty or blank is an error, required or not; counts whole, finite " * 4
    view = commit_view(Commit("c" * 40, "2026-12-01T10:00:00+00:00", words.strip()), "https://github.com/o/r")
    assert view.subject == "Values: a text written empty or blank is an error, required or not; counts whole, finite Values: a…"
    assert view.url == "https://github.com/o/r/commit/" + "c" * 40
    assert commit_view(Commit("c" * 40, "2026-12-01T10:00:00+00:00", "Add the Moura report"), "").subject == (
        "Add the Moura report")


# What a commit did, in readers' words ----------------------------------------------------------------
def with_history(site_yaml: str, history: str, french: str = "") -> str:
    """site.yaml with `history:` (lines "  hash: text") and, in its fr: block, `french`'s."""
    text = site_yaml.rstrip("\n") + "\nhistory:\n" + history
    if french:
        text = re.sub(r"^fr:.*$", lambda m: m.group() + "\n  history:\n" + french, text, count=1, flags=re.M)
    return text


@pytest.fixture(scope="module")
def told(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The shipped archive committed as a developer would ("Generator: …"), then
    two edits whose messages end in History trailers, one in French too."""
    root = copy_shipped(tmp_path_factory.mktemp("told") / "archive")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Generator: load, validate, link and render; the shipped archive",
        date="2025-03-01T10:00:00+00:00")
    moura = root / "content/reports/moura-killings-humangle.md"
    moura.write_text(moura.read_text(encoding="utf-8") + "\nMore on Moura.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Values: a blank text is an error, counts at most 1,000,000\n\n"
        "Also the schemas.\n\nHistory: The report's account of the second day is added.\n"
        "History-fr: Le récit du second jour est ajouté.\nCo-authored-by: A Reviewer <r@example.org>",
        date="2025-03-05T10:00:00+00:00")
    aslagh = root / "content/reports/aslagh-killings-humangle.md"
    aslagh.write_text(aslagh.read_text(encoding="utf-8") + "\nA later sentence.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Tidy the Aslagh report\n\nHistory: A witness's words\n  are quoted.",
        date="2025-03-07T10:00:00+00:00")
    log = git(root, "log", "--format=%H %s")
    return root, {line.split(" ", 1)[1]: line.split(" ", 1)[0] for line in log.splitlines()}


def test_a_commit_s_history_trailer_says_what_it_did_in_place_of_its_subject(told, tmp_path):
    """A message's last paragraph may hold `History:` (and `History-fr:`): the
    words a reader sees. The subject, written for the repository, is shown only
    where no one gave them."""
    out = tmp_path / "site"
    build(told[0], out, search=False)
    moura = listed(history(out, "reports/moura-killings-humangle/"))
    assert [subject for _, _, subject in moura] == ["The report&#39;s account of the second day is added.",
                                                     "Generator: load, validate, link and render; the shipped archive"]
    french = history(out, "fr/reports/moura-killings-humangle/")
    assert ">Le récit du second jour est ajouté.</a>" in french  # in the page's language: no lang="en"
    assert ' lang="en">Generator: load, validate' in french
    # a trailer folded over two lines is one; on French pages, without History-fr, it is shown marked as English
    assert "A witness&#39;s words are quoted." in history(out, "reports/aslagh-killings-humangle/")
    assert ' lang="en">A witness&#39;s words are quoted.</a>' in history(out, "fr/reports/aslagh-killings-humangle/")
    data = (out / "data/index.html").read_text(encoding="utf-8")
    assert "A witness&#39;s words are quoted." in data and "Tidy the Aslagh report" not in data


def test_site_yaml_history_says_what_a_commit_did_where_its_message_cannot_be_changed(told, tmp_path):
    """A commit made already keeps its message: site.yaml's `history:` names it by
    the start of its hash and says what it did, in each language (`fr: history:`),
    over the message's trailer in that language and its subject, on the pages
    and the data page; a page's own language first (a note in English leaves a
    commit's History-fr: on French pages). A note is shown whole."""
    root, commits = told
    first, values = commits["Generator: load, validate, link and render; the shipped archive"], commits[
        "Values: a blank text is an error, counts at most 1,000,000"]
    site = root / "site.yaml"
    before = site.read_text(encoding="utf-8")
    try:
        site.write_text(with_history(before, f"  {first[:7].upper()}: First published in the archive.\n"
                                             f"  {values[:12]}: The second day's account.\n",
                                     f"    {first[:9]}: \"Publié dans l'archive : « premier jet ».\"\n"),
                        encoding="utf-8")
        out = tmp_path / "site"
        done = build(root, out, search=False)
        assert done.warnings == []
        moura = history(out, "reports/moura-killings-humangle/")
        assert [s for _, _, s in listed(moura)] == ["The second day&#39;s account.", "First published in the archive."]
        french = history(out, "fr/reports/moura-killings-humangle/")
        # its French words, spaced as French spaces them (no line breaks inside « » or before ":")
        assert ">Publié dans l&#39;archive\u00a0: «\u00a0premier jet\u00a0».</a>" in french
        # words in the page's language first: the commit's History-fr:, over the English note
        assert ">Le récit du second jour est ajouté.</a>" in french
        assert "First published in the archive." in (out / "data/index.html").read_text(encoding="utf-8")
    finally:
        site.write_text(before, encoding="utf-8")


def test_a_history_note_that_names_no_commit_is_said_where_it_is_written(told, tmp_path):
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(told[0]), str(root))
    site = root / "site.yaml"
    site.write_text(with_history(site.read_text(encoding="utf-8"), "  abcdef0: A note on no commit.\n"),
                    encoding="utf-8")
    line = site.read_text(encoding="utf-8").splitlines().index("  abcdef0: A note on no commit.") + 1
    done = build(root, tmp_path / "site", search=False)
    assert [str(w) for w in done.warnings] == [
        f"site.yaml:{line}: history.abcdef0: no commit that changed content/ has a hash that begins so, and the "
        "note is shown nowhere: give the hash as `git log --oneline --first-parent -- content` shows it (warning)"]
    checked = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "check"],
                             capture_output=True, text=True)
    assert f"site.yaml:{line}: history.abcdef0: no commit" in checked.stdout + checked.stderr


@pytest.mark.parametrize("lines, said", [
    ("  8f1d9c: Too short.\n", '"8f1d9c" is too short to name one commit: give 7 characters of its hash or more, '
                               "as `git log --oneline --first-parent -- content` shows it"),
    ("  8f1d9cz: Not hex.\n", '"8f1d9cz" is not the start of a commit\'s hash, which is digits and the letters a to f'),
    ("  8f1d9c8:\n", "is empty: write what the commit did, in a sentence for the archive's readers, or remove the line"),
    ('  8f1d9c8: ""\n', "is empty: write what the commit did"),
    (f"  {'8f1d9c8' * 6}: Too long.\n", f'"{"8f1d9c8" * 6}" is longer than a commit\'s hash (40 characters)'),
    ("  8f1d9c8: Once.\n  8F1D9C8AB: Twice.\n", '"8F1D9C8AB" names the commit of line'),
])
def test_a_history_note_s_mistakes_are_said_on_their_lines(tmp_path, lines, said):
    root = copy_shipped(tmp_path / "archive")
    site = root / "site.yaml"
    site.write_text(with_history(site.read_text(encoding="utf-8"), lines), encoding="utf-8")
    checked = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "check"],
                             capture_output=True, text=True)
    assert checked.returncode == 1
    last = len(site.read_text(encoding="utf-8").splitlines())
    assert re.search(rf"^site\.yaml:{last}: history\.\w+: {re.escape(said)}", checked.stdout + checked.stderr, re.M), (
        checked.stdout + checked.stderr)


def test_a_new_commit_with_a_trailer_and_a_note_added_build_as_a_clean_build_would(told, tmp_path):
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(told[0]), str(root))
    out = tmp_path / "site"
    build(root, out, search=False)
    gao = root / "content/reports/gao-road-killings-army-investigation.md"
    gao.write_text(gao.read_text(encoding="utf-8") + "\nThe army's statement, quoted.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Gao: statement\n\nHistory: The army's statement is quoted.",
        date="2025-04-01T10:00:00+00:00")
    build(root, out, search=False)
    assert "The army&#39;s statement is quoted." in history(out, "reports/gao-road-killings-army-investigation/")
    first = git(root, "rev-list", "--max-parents=0", "HEAD")
    site = root / "site.yaml"
    site.write_text(with_history(site.read_text(encoding="utf-8"), f"  {first[:7]}: First published.\n"),
                    encoding="utf-8")
    build(root, out, search=False)
    assert "First published." in history(out, "events/2025-02-gao-road-killings/")
    build(root, tmp_path / "clean", search=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_history_line_anywhere_in_a_message_is_read_and_no_character_of_a_message_loses_its_commit(told, tmp_path):
    """A helper's review: a `History:` line git does not count as a trailer (among
    other lines of a paragraph; GitHub's squash merge with its "---------" before
    Co-authored-by) was dropped; a subject or body holding U+001E or U+001F (the
    log's separators then) lost its commit from every History; a History of
    invisible characters made a link with no text; a long note was cut with its
    end shown nowhere."""
    root = tmp_path / "archive"
    git(tmp_path, "clone", "-q", str(told[0]), str(root))
    gao = root / "content/reports/gao-road-killings-army-investigation.md"
    messages = ["Squash (#12)\n\n* commit one\n\nHistory: The army's denial is quoted.\n\n---------\n\n"
                "Co-authored-by: X <x@example.org>",
                "Fix\n\nFixed the count as asked.\nHistory: The count is the source's.\n",
                "Subject with \x1f a unit separator\n\nHistory: a\x1eb",
                "Invisible\n\nHistory: \u200b\u00ad"]
    for i, message in enumerate(messages):
        gao.write_text(gao.read_text(encoding="utf-8") + f"\nLine {i}.\n", encoding="utf-8")
        git(root, "commit", "-q", "--cleanup=verbatim", "-am", message, date=f"2025-04-0{i + 1}T10:00:00+00:00")
    first = git(root, "rev-list", "--max-parents=0", "HEAD")
    long = "The first reports and events are published, each with its source, its figures and who gives them, " \
           "and the date made precise to the day."
    site = root / "site.yaml"
    site.write_text(with_history(site.read_text(encoding="utf-8"), f"  {first[:7]}: {long}\n"), encoding="utf-8")
    out = tmp_path / "site"
    build(root, out, search=False)
    shown = [s for _, _, s in listed(history(out, "reports/gao-road-killings-army-investigation/"))]
    assert shown == ["Invisible", "(subject not shown)", "The count is the source&#39;s.",
                     "The army&#39;s denial is quoted.", long]
    # said in the page's language, as the generator's own words
    assert '">(sujet non affiché)</a>' in history(out, "fr/reports/gao-road-killings-army-investigation/")
