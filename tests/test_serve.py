"""The preview server (`build.py serve`): incremental rebuilds, live reload,
errors in the page, and serving only what is under its output folder."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import git

from incidents.build import build, check
from incidents.preview.incremental import Incremental
import incidents.preview.serve
from incidents.preview.serve import DEFERRED, Preview, resolve, serve, soon
from incidents.search.index import LiveIndex
from incidents.preview.watch import BATCH, Changes, Linked, Recorder, ignored, start_watching

REPO = Path(__file__).resolve().parent.parent
REPORT = "abeibara-killings-associated-press"      # the only report of a curated event
OTHER = "gao-road-killings-rising-tensions-analysis"   # one of four reports of its event


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A private copy of the shipped archive."""
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    for folder in ("content", "templates", "static"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture
def preview(archive: Path):
    said: list[str] = []
    p = Preview(archive, port=0, say=said.append)
    p.said = said  # type: ignore[attr-defined]
    p.start()
    yield p
    p.stop()


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One preview for the tests that only read from it."""
    root = tmp_path_factory.mktemp("shared") / "archive"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content", root / "content")
    p = Preview(root, port=0, say=lambda text: None)
    p.start()
    yield p
    p.stop()


@contextlib.contextmanager
def serving(archive: Path):
    """A preview of `archive` of its own (its first build done), stopped after."""
    p = Preview(archive, port=0, say=lambda text: None)
    p.start()
    try:
        yield p
    finally:
        p.stop()


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def raw_get(preview: Preview, target: str) -> tuple[int, bytes]:
    """A request with the path exactly as given (urllib would normalise it)."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    connection.putrequest("GET", target, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def poll(check, timeout: float = 10.0, every: float = 0.01):
    """Call `check` until it returns something true; return it (None after `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(every)
    return None


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_field(path: Path, key: str, make) -> None:
    """Give the first `key:` line of a file a new value: make(old value) → new, written as a YAML string."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^(\s*){key}: (.*)$", text, re.M)
    assert match, key
    old = yaml.safe_load(match.group(2))
    line = f"{match.group(1)}{key}: {json.dumps(make(str(old)), ensure_ascii=False)}"
    path.write_text(text[:match.start()] + line + text[match.end():], encoding="utf-8")


def retitle(path: Path, prefix: str) -> None:
    set_field(path, "title", lambda old: prefix + old)


def title_of(root: Path, slug: str) -> str:
    text = (root / "content" / "reports" / f"{slug}.md").read_text(encoding="utf-8")
    return str(yaml.safe_load(re.search(r"^title: (.*)$", text, re.M).group(1)))


# --- live and incremental ------------------------------------------------------

def test_changed_report_is_served_within_one_second(preview: Preview, archive: Path):
    url = f"{preview.url}reports/{REPORT}/"
    assert get(url)[0] == 200
    started = time.monotonic()
    retitle(archive / "content/reports" / f"{REPORT}.md", "Freshly edited: ")
    served = poll(lambda: b"Freshly edited:" in get(url)[2], timeout=5)
    took = time.monotonic() - started
    assert served, "the edited page was never served"
    assert took < 1.0, f"took {took:.2f} s"


def test_data_files_are_brought_up_to_date_when_asked_for(preview: Preview, archive: Path):
    page = f"{preview.url}reports/{REPORT}/"
    retitle(archive / "content/reports" / f"{REPORT}.md", "Retitled for the data: ")
    assert poll(lambda: b"Retitled for the data:" in get(page)[2], timeout=5)
    assert (preview.out / "data/reports.json").read_bytes().count(b"Retitled for the data:") == 0  # deferred
    status, _, body = get(f"{preview.url}data/reports.json")
    assert status == 200 and b"Retitled for the data:" in body


def test_a_page_removed_from_the_preview_s_folder_by_hand_is_made_again_when_asked_for(preview: Preview):
    """The preview writes a file only when its bytes change: no save would bring it back."""
    url = f"{preview.url}reports/{REPORT}/"
    assert get(url)[0] == 200
    page = preview.out / "reports" / REPORT / "index.html"
    before = page.read_bytes()
    page.unlink()
    status, _, body = get(url)
    assert status == 200 and page.read_bytes() == before and b"<h1>" in body
    rebuilds = preview.rebuilds
    assert get(f"{preview.url}reports/no-such-report/")[0] == 404
    assert preview.rebuilds == rebuilds  # a page the site never had: nothing to make again
    # Asked for by several requests at once (a page and its pieces): each waits for it, none is told 404.
    page.unlink()
    statuses: list[int] = []
    asking = [threading.Thread(target=lambda: statuses.append(get(url)[0])) for _ in range(4)]
    for thread in asking:
        thread.start()
    for thread in asking:
        thread.join()
    assert statuses == [200] * 4 and page.read_bytes() == before
    assert get(f"{preview.url}reports//{REPORT}/")[0] == 200  # read as resolve() reads it


def test_the_data_page_gives_the_sizes_of_the_data_files_served_with_it(preview: Preview, archive: Path):
    """Made with the data files it gives the size of, when it is asked for."""
    from incidents.site.i18n import Lang

    (archive / "content/reports" / f"{OTHER}.md").unlink()
    assert poll(lambda: get(f"{preview.url}reports/{OTHER}/")[0] == 404)
    for folder, lang in (("", "en"), ("fr/", "fr")):
        status, _, body = get(f"{preview.url}{folder}data/")
        assert status == 200
        for name in ("events.csv", "events.json", "reports.json", "events.geojson", "datapackage.json"):
            size = Lang(lang).size(len(get(f"{preview.url}data/{name}")[2]))
            assert f">{name}</a>&nbsp;({size})".encode() in body, (folder, name, size)


def test_a_failure_met_again_on_each_data_request_reloads_no_page(preview: Preview, archive: Path):
    """A list's template failing on a page the rebuild left for later: said once
    when a data file is first asked for; asked again (each page that loads a
    data file asks), with nothing new since, no page reloads: it would ask
    again, and every open page would reload without end."""
    (archive / "templates" / "tag.html").write_text((REPO / "templates" / "tag.html").read_text().replace(
        "{% block main %}\n", "{% block main %}\n{% if tag == 'boom' %}{{ nope.x }}{% endif %}\n", 1))
    assert poll(lambda: preview.last is not None and preview.last.ok and preview.rebuilds >= 2, timeout=10)
    path = archive / "content/reports" / f"{REPORT}.md"
    before = len(preview.said)
    path.write_text(path.read_text(encoding="utf-8").replace("tags:\n", "tags:\n  - boom\n", 1), encoding="utf-8")
    # The rebuild's own line, not its count, which it adds before it says what it did:
    # on a busy machine that line came after the data file was asked for, one line more.
    assert poll(lambda: any(line.startswith("rebuilt: ") for line in preview.said[before:]), timeout=10)
    get(f"{preview.url}data/events-filter.json")
    generation, said = preview.generation, len(preview.said)
    assert any("'nope' is undefined" in line for line in preview.said)
    for _ in range(3):
        assert get(f"{preview.url}data/events-filter.json")[0] == 200
    assert (preview.generation, len(preview.said)) == (generation, said)


def test_a_body_edit_rerenders_only_the_report_page(preview: Preview, archive: Path):
    before = preview.rebuilds
    path = archive / "content/reports" / f"{REPORT}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    assert poll(lambda: preview.rebuilds > before)
    assert preview.last is not None and preview.last.ok
    # in English and in French: the French page shows the report as its source wrote it
    assert preview.last.written == [f"fr/reports/{REPORT}/index.html", f"reports/{REPORT}/index.html"]


def test_burst_of_100_writes_gives_one_rebuild(archive: Path):
    # A wider quiet window than the default 30 ms, so that a busy test machine
    # pausing this loop cannot split the burst; the mechanism is the same.
    p = Preview(archive, port=0, quiet=0.3, say=lambda text: None)
    p.start()
    try:
        before = p.rebuilds
        files = sorted((archive / "content/reports").glob("*.md"))[:5]
        texts = {f: f.read_text(encoding="utf-8") for f in files}
        pauses, last = 0, time.monotonic()
        for i in range(100):
            f = files[i % len(files)]
            f.write_text(texts[f] + f"\nWrite number {i}.\n", encoding="utf-8")
            now = time.monotonic()
            pauses += now - last >= 0.25  # a write held up by a busy disk ends one burst and starts another
            last = now
        assert poll(lambda: p.rebuilds > before)
        time.sleep(1.0)  # anything left over would rebuild again by now
        assert p.rebuilds - before <= 1 + pauses, pauses  # one rebuild a burst (a single one on a quiet machine)
        assert p.last is not None and p.last.ok and len(p.last.written) == 2 * 5  # each in English and in French
    finally:
        p.stop()


def test_changes_wait_for_quiet_and_come_in_one_batch():
    changes = Changes(quiet=0.05)
    for i in range(100):
        changes.add(Path(f"/x/{i % 7}.md"))
    assert changes.take() == {Path(f"/x/{i}.md") for i in range(7)}
    changes.close()
    assert changes.take() is None


def test_a_file_saved_in_two_steps_is_rebuilt_once_written(tmp_path):
    """An editor that empties the file, then writes it 50-300 ms later: the
    rebuild waits for the text (not "the file is empty" on every page
    meanwhile); a file left empty is rebuilt as it is, half a second on."""
    report = tmp_path / "a.md"
    report.write_text("")
    changes = Changes(quiet=0.03)
    changes.add(report)
    threading.Timer(0.2, lambda: (report.write_text("---\ntitle: T\n---\n"), changes.add(report))).start()
    start = time.monotonic()
    assert changes.take() == {report} and report.read_text()  # after the text, not before
    assert time.monotonic() - start >= 0.2
    report.write_text("")
    changes.add(report)
    start = time.monotonic()
    assert changes.take() == {report} and 0.45 <= time.monotonic() - start < 2.0


@pytest.mark.parametrize("name", ["a.md.swp", "a.md~", ".#a.md", "4913", ".index.html.tmp-42", "x.swx"])
def test_editor_temporary_files_are_ignored(name: str):
    assert ignored(f"/archive/content/reports/{name}")
    assert not ignored("/archive/content/reports/a.md")


def holding(folder: Path, data: bytes) -> list[Path] | None:
    """The files under `folder` that hold `data`; None when one went away as it was
    read: a running preview writes each file beside it first, then renames it
    (".index.html.tmp-123"), and a listing may see the one a rename takes away."""
    try:
        return [p for p in folder.rglob("*") if p.is_file() and data in p.read_bytes()]
    except FileNotFoundError:
        return None


def test_deleting_a_report_removes_its_page_and_every_link_to_it(preview: Preview, archive: Path):
    url = f"{preview.url}reports/{OTHER}/"
    assert get(url)[0] == 200
    (archive / "content/reports" / f"{OTHER}.md").unlink()
    assert poll(lambda: get(url)[0] == 404)
    out = preview.out
    assert not (out / "reports" / OTHER).exists()

    def linking() -> list[Path] | None:  # the lists and place pages follow just after the reload
        found = holding(out, f"reports/{OTHER}/".encode())
        # (the data files and pages of DEFERRED are brought up to date when asked for)
        return None if found is None else [p for p in found if p.relative_to(out).as_posix() not in DEFERRED]
    assert poll(lambda: linking() == [], timeout=5), linking()
    for data in sorted(DEFERRED):
        assert f"reports/{OTHER}/".encode() not in get(f"{preview.url}{data}")[2]


def test_renaming_a_report_moves_its_page(preview: Preview, archive: Path):
    old = archive / "content/reports" / f"{OTHER}.md"
    old.rename(old.with_name("gao-road-killings-renamed.md"))
    assert poll(lambda: get(f"{preview.url}reports/gao-road-killings-renamed/")[0] == 200)
    assert get(f"{preview.url}reports/{OTHER}/")[0] == 404

    def listed() -> bool:  # the list follows just after the reload
        body = get(f"{preview.url}reports/")[2]
        return b"gao-road-killings-renamed/" in body and f"/reports/{OTHER}/".encode() not in body
    assert poll(listed, timeout=5)


def test_the_data_page_waits_with_the_data_files_in_every_language_s_folder(archive: Path, tmp_path: Path):
    """A second language without a catalogue of its own (en-GB) has its folder too: its data
    page, which makes the data files to measure them, is made when asked for, not at each save."""
    site = archive / "site.yaml"
    site.write_text(re.sub(r"(?m)^languages:.*\n", "", site.read_text(encoding="utf-8")).replace(
        "language: en\n", "language: fr\nlanguages: [fr, en-GB]\n", 1), encoding="utf-8")
    inc = Incremental(archive, tmp_path / "serve-out", "http://127.0.0.1:8000/")
    assert inc.rebuild().ok
    assert (tmp_path / "serve-out/en-GB/data/index.html").is_file()
    retitle(archive / "content/reports" / f"{REPORT}.md", "Retitled at length: " * 40)  # reports.json 0.8 kB more
    outcome = inc.rebuild([archive / "content/reports" / f"{REPORT}.md"], defer=DEFERRED, soon=soon)
    assert outcome.ok and f"reports/{REPORT}/index.html" in outcome.written
    assert not {"data/index.html", "en-GB/data/index.html", "data/reports.json"} & set(outcome.written)
    assert not {"data/index.html", "en-GB/data/index.html"} & set(inc.catch_up(skip=DEFERRED))
    assert {"data/index.html", "en-GB/data/index.html", "data/reports.json"} <= set(inc.catch_up())


def test_incremental_output_equals_a_clean_build(archive: Path, tmp_path: Path):
    """After edits, additions, deletions and renames of every kind of file, the
    preview's folder holds the same bytes as a clean build with the same base_url."""
    base = "http://127.0.0.1:8000/"
    out = tmp_path / "serve-out"
    inc = Incremental(archive, out, base)
    assert inc.rebuild().ok
    reports = archive / "content/reports"

    def compare() -> None:
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        build(archive, clean, base, search=False)
        want = {p.relative_to(clean).as_posix(): p.read_bytes() for p in clean.rglob("*") if p.is_file()}
        have = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert sorted(have) == sorted(want)
        assert [k for k in want if want[k] != have[k]] == []

    def step(*changed: Path) -> None:
        outcome = inc.rebuild(changed, defer=DEFERRED)  # as the preview does: the data files after
        assert outcome.ok, outcome.problems
        inc.catch_up()
        compare()

    r = reports / f"{REPORT}.md"
    retitle(r, "Retitled: ")                       # title of an event's first report
    step(r)
    r.write_text(r.read_text(encoding="utf-8") + "\nMore body.\n", encoding="utf-8")  # body only
    step(r)
    o = reports / f"{OTHER}.md"
    set_field(o, "publisher", lambda old: "The " + old)                      # shown in lists and on the event
    step(o)
    text = o.read_text(encoding="utf-8")
    new = reports / "moura-killings-copy.md"                       # a new report
    new.write_text(text, encoding="utf-8")
    retitle(new, "A second account: ")
    step(new)
    new.rename(reports / "moura-killings-copy-renamed.md")        # renamed
    step(new, reports / "moura-killings-copy-renamed.md")
    set_field(reports / "moura-killings-copy-renamed.md", "date", lambda old: "2021" + old)  # an unparseable date …
    assert not inc.rebuild([reports / "moura-killings-copy-renamed.md"]).ok
    (reports / "moura-killings-copy-renamed.md").unlink()          # … then the file deleted
    step(reports / "moura-killings-copy-renamed.md")
    o.unlink()                                                     # a shipped report deleted
    step(o)
    for kind in ("actors", "events"):                              # curated files edited
        f = sorted((archive / "content" / kind).glob("*.md"))[0]
        f.write_text(f.read_text(encoding="utf-8") + "\nAn added sentence.\n", encoding="utf-8")
        step(f)
    actor = sorted((archive / "content/actors").glob("*.md"))[0]
    set_field(actor, "name", lambda old: "Renamed " + old)
    step(actor)
    for f in sorted(reports.glob("*.md"))[:3]:                     # a toll changed everywhere
        text = f.read_text(encoding="utf-8")
        if "killed: " in text:
            f.write_text(text.replace("killed: ", "killed: 1", 1), encoding="utf-8")
    step(*sorted(reports.glob("*.md"))[:3])
    set_field(archive / "site.yaml", "title", lambda old: "Preview of " + old)   # site settings
    step(archive / "site.yaml")
    template = archive / "templates/report.html"
    template.write_text(template.read_text(encoding="utf-8").replace("</article>", "<p>t</p></article>", 1),
                        encoding="utf-8")
    step(template)


# --- what the watcher must follow -------------------------------------------------------

def test_a_templates_folder_made_after_the_start_is_watched(archive: Path):
    """Made after the server started, then filled: its templates override the theme's."""
    shutil.rmtree(archive / "templates")
    with serving(archive) as p:
        url = f"{p.url}reports/{REPORT}/"
        (archive / "templates").mkdir()
        time.sleep(0.3)  # the folder first, its file later: as a curator makes them
        theme = (REPO / "templates/report.html").read_text(encoding="utf-8")
        (archive / "templates/report.html").write_text(theme.replace("</article>", "<p>MARK-T</p></article>", 1),
                                                       encoding="utf-8")
        assert poll(lambda: b"MARK-T" in get(url)[2])


def test_a_content_folder_removed_and_made_again_is_still_watched(preview: Preview, archive: Path):
    """`rm -rf content; git checkout -- content`: the new folder is watched as the old one was."""
    url = f"{preview.url}reports/{REPORT}/"
    saved = archive.parent / "saved-content"
    shutil.copytree(archive / "content", saved)
    shutil.rmtree(archive / "content")
    shutil.copytree(saved, archive / "content")
    time.sleep(0.5)
    retitle(archive / "content/reports" / f"{REPORT}.md", "Again: ")
    assert poll(lambda: b"Again: " in get(url)[2])


def test_a_static_file_named_like_an_editors_temporary_file_is_served_as_built(preview: Preview, archive: Path):
    """The build publishes every file of static/: backup.tmp is no editor's to the preview either."""
    (archive / "static/backup.tmp").write_text("first", encoding="utf-8")
    assert poll(lambda: get(f"{preview.url}backup.tmp")[2] == b"first")
    (archive / "static/backup.tmp").write_text("second", encoding="utf-8")
    assert poll(lambda: get(f"{preview.url}backup.tmp")[2] == b"second")


def test_a_style_sheet_removed_reloads_every_page(preview: Preview, archive: Path):
    """`mv static/extra.css elsewhere`: removed from the site, and every open page
    reloads (as when it changes), not only once it is put back."""
    (archive / "static/extra.css").write_text("p { color: teal; }\n", encoding="utf-8")
    assert poll(lambda: get(f"{preview.url}extra.css")[0] == 200)
    generation = preview.generation
    (archive / "static/extra.css").unlink()
    assert poll(lambda: get(f"{preview.url}extra.css")[0] == 404)
    assert poll(lambda: preview.last is not None and "extra.css" in preview.last.deleted)
    assert preview.generation > generation and preview.changed_since(generation, f"reports/{REPORT}/index.html")


def test_a_report_reached_through_a_link_is_served_as_its_file_changes(preview: Preview, archive: Path):
    """content/reports/x.md a link to drafts/x.md: saving drafts/x.md changes the page."""
    url = f"{preview.url}reports/{REPORT}/"
    report = archive / "content/reports" / f"{REPORT}.md"
    (archive / "drafts").mkdir()
    target = archive / "drafts" / f"{REPORT}.md"
    shutil.move(report, target)
    report.symlink_to(Path("../../drafts") / target.name)
    retitle(report, "Linked: ")
    assert poll(lambda: b"Linked: " in get(url)[2])
    retitle(target, "Through: ")  # the file itself, never named by the watcher
    assert poll(lambda: b"Through: Linked: " in get(url)[2])


class Noted:
    """Where the watcher notes the paths it sees change (as Changes does, without the wait)."""

    def __init__(self):
        self.paths: list[Path] = []

    def add(self, path: Path) -> None:
        self.paths.append(path)


def test_files_many_links_lead_to_are_watched_and_polled_a_batch_at_a_time(tmp_path: Path):
    """content/reports/ full of links to drafts/ (more than one poll looks at):
    a saved draft is noted as its link at once, by its folder's watch, with no
    poll; a link on the way pointed elsewhere (no watch sees it) by the polls,
    within as many as the links make batches."""
    reports, drafts = tmp_path / "content" / "reports", tmp_path / "drafts"
    reports.mkdir(parents=True)
    drafts.mkdir()
    count = BATCH + 10
    for i in range(count):
        (drafts / f"d{i}.md").write_text(f"draft {i}\n", encoding="utf-8")
        (reports / f"d{i}.md").symlink_to(Path("../../drafts") / f"d{i}.md")
    (tmp_path / "hops").mkdir()
    (tmp_path / "hops" / "hop.md").symlink_to(Path("../drafts/d0.md"))
    (reports / "chain.md").symlink_to(Path("../../hops/hop.md"))
    noted = Noted()
    recorder = Recorder(noted, lambda path: True)  # type: ignore[arg-type]
    observer = start_watching([tmp_path / "content"], recorder, tmp_path)
    linked = Linked([tmp_path / "content"], noted, lambda path: True, recorder.follow, recorder)  # type: ignore[arg-type]
    linked.scan(first=True)
    try:
        (drafts / f"d{count - 1}.md").write_text("saved\n", encoding="utf-8")
        assert poll(lambda: reports / f"d{count - 1}.md" in noted.paths)
        assert reports / "chain.md" not in noted.paths  # d0.md did not change
        (tmp_path / "hops" / "hop.md").unlink()
        (tmp_path / "hops" / "hop.md").symlink_to(Path("../drafts/d1.md"))
        time.sleep(0.3)
        assert reports / "chain.md" not in noted.paths  # no watch sees the way change
        for _ in range(-(-(count + 1) // BATCH)):
            linked.poll()
        assert reports / "chain.md" in noted.paths
    finally:
        observer.stop()
        observer.join(timeout=5)


def test_a_folder_a_link_leads_to_made_again_between_two_scans_is_still_seen(tmp_path: Path):
    """static/img a link to assets/, which is removed: the link then leads to no
    folder, and the links' scan after the rebuild takes it for a link to a file in
    the archive's own folder. That folder's watch, which sees assets/ made again,
    is not the scan's to renew or let go: assets/ made again just before the next
    scan is seen, and so is a file saved in it once it is removed and made again
    at once, noted as under the link."""
    (tmp_path / "content").mkdir()
    (tmp_path / "static").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "static" / "img").symlink_to(Path("../assets"))
    noted = Noted()
    recorder = Recorder(noted, lambda path: True)  # type: ignore[arg-type]
    observer = start_watching([tmp_path / "content", tmp_path / "static"], recorder, tmp_path)
    linked = Linked([tmp_path / "static"], noted, lambda path: True, recorder.follow, recorder)  # type: ignore[arg-type]
    linked.scan(first=True)
    img = tmp_path / "static" / "img"
    try:
        shutil.rmtree(tmp_path / "assets")
        assert poll(lambda: img in noted.paths)
        linked.scan()  # the rebuild's: img leads to no folder
        noted.paths.clear()
        (tmp_path / "assets").mkdir()
        linked.scan()  # the next rebuild's, before the watcher has said so: img leads to a folder again
        assert poll(lambda: img in noted.paths, timeout=3), "assets/ made again, not seen"
        time.sleep(0.2)
        noted.paths.clear()
        shutil.rmtree(tmp_path / "assets")  # and at once made again: no scan between
        (tmp_path / "assets").mkdir()
        assert poll(lambda: img in noted.paths, timeout=3)
        time.sleep(0.2)
        (tmp_path / "assets" / "new.svg").write_text("<svg>new</svg>\n", encoding="utf-8")
        assert poll(lambda: img / "new.svg" in noted.paths, timeout=3), "a file saved in assets/ made again, not seen"
    finally:
        observer.stop()
        observer.join(timeout=5)


def test_a_folder_made_again_while_no_link_led_to_it_is_watched_when_one_does_again(tmp_path: Path):
    """static/img pointed from assets2/ to assets/ (ln -sfn), assets2/ removed and made
    again meanwhile, then img pointed back at it: a file saved in assets2/ is seen
    (its old watch, of the folder removed, watched nothing)."""
    for name in ("content", "static", "assets", "assets2"):
        (tmp_path / name).mkdir()
    img = tmp_path / "static" / "img"
    img.symlink_to(Path("../assets2"))
    noted = Noted()
    recorder = Recorder(noted, lambda path: True)  # type: ignore[arg-type]
    observer = start_watching([tmp_path / "content", tmp_path / "static"], recorder, tmp_path)
    linked = Linked([tmp_path / "static"], noted, lambda path: True, recorder.follow, recorder)  # type: ignore[arg-type]
    linked.scan(first=True)

    def point(target: str) -> None:
        (tmp_path / "static" / "img.new").symlink_to(Path(target))
        os.replace(tmp_path / "static" / "img.new", img)
        assert poll(lambda: img in noted.paths, timeout=3)
        linked.scan()
        time.sleep(0.2)
        noted.paths.clear()

    try:
        point("../assets")
        shutil.rmtree(tmp_path / "assets2")
        (tmp_path / "assets2").mkdir()
        (tmp_path / "assets2" / "b.svg").write_text("one", encoding="utf-8")
        time.sleep(0.3)
        point("../assets2")
        (tmp_path / "assets2" / "b.svg").write_text("two", encoding="utf-8")
        assert poll(lambda: img / "b.svg" in noted.paths, timeout=3), "a file saved in assets2/ made again, not seen"
    finally:
        observer.stop()
        observer.join(timeout=5)


def test_a_link_out_of_the_archive_is_never_looked_through_by_the_watcher(archive: Path, tmp_path: Path):
    """static/etc a link out (refused by the build): nothing under it is listed,
    polled or watched, however many links it holds."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for i in range(50):
        (elsewhere / f"f{i}").write_text("secret\n", encoding="utf-8")
        (elsewhere / f"l{i}").symlink_to(elsewhere / f"f{i}")
    (archive / "static" / "etc").symlink_to(elsewhere, target_is_directory=True)
    with serving(archive) as p:
        assert p._linked is not None and p._linked.recorder is not None
        assert not [link for link in p._linked._seen if "elsewhere" in os.path.realpath(link)]
        assert not [real for real in p._linked.recorder.files if str(real).startswith(str(elsewhere))]


def test_what_links_lead_to_is_served_when_the_link_is_pointed_elsewhere_or_its_folder_made_again(archive: Path):
    """static/img pointed elsewhere (ln -sfn), a file added there at once; a dot-named
    link (static/.well-known/); the folder a file link leads into removed and made
    again, its file then edited: each served as the build would copy it."""
    for name in ("a1", "a2", "assets"):
        (archive / name).mkdir()
    (archive / "a1" / "x.txt").write_text("a1", encoding="utf-8")
    (archive / "a2" / "x.txt").write_text("a2", encoding="utf-8")
    (archive / "assets" / "security.txt").write_text("Contact: old\n", encoding="utf-8")
    (archive / "static" / "img").symlink_to(Path("../a1"))
    (archive / "static" / ".well-known").mkdir()
    (archive / "static" / ".well-known" / "security.txt").symlink_to(Path("../../assets/security.txt"))
    with serving(archive) as p:
        assert poll(lambda: get(f"{p.url}img/x.txt")[2] == b"a1")
        (archive / "static" / "img-new").symlink_to(Path("../a2"))
        os.replace(archive / "static" / "img-new", archive / "static" / "img")  # as ln -sfn does
        time.sleep(0.1)
        (archive / "a2" / "late.txt").write_text("late", encoding="utf-8")
        assert poll(lambda: get(f"{p.url}img/late.txt")[2] == b"late")
        (archive / "assets" / "security.txt").write_text("Contact: new\n", encoding="utf-8")
        assert poll(lambda: get(f"{p.url}.well-known/security.txt")[2] == b"Contact: new\n")
        shutil.rmtree(archive / "assets")
        (archive / "assets").mkdir()
        (archive / "assets" / "security.txt").write_text("Contact: again\n", encoding="utf-8")
        time.sleep(1)  # a round of polls: the folder watched again
        (archive / "assets" / "security.txt").write_text("Contact: last\n", encoding="utf-8")
        assert poll(lambda: get(f"{p.url}.well-known/security.txt")[2] == b"Contact: last\n")


def test_files_in_a_folder_reached_through_a_link_are_served_as_they_change(archive: Path):
    """static/img a link to assets/ (inside the archive): the build publishes assets'
    files as img/…, and the preview follows them there."""
    (archive / "assets").mkdir()
    (archive / "assets/logo.svg").write_text("<svg>one</svg>\n", encoding="utf-8")
    (archive / "static/img").symlink_to(Path("../assets"))
    (archive / "static/again").symlink_to(Path("."))  # a loop, not followed
    with serving(archive) as p:
        assert poll(lambda: get(f"{p.url}img/logo.svg")[2] == b"<svg>one</svg>\n")
        (archive / "assets/logo.svg").write_text("<svg>two</svg>\n", encoding="utf-8")
        assert poll(lambda: get(f"{p.url}img/logo.svg")[2] == b"<svg>two</svg>\n")
        shutil.rmtree(archive / "assets")  # removed and made again: followed again
        time.sleep(0.5)
        (archive / "assets").mkdir()
        time.sleep(0.5)
        (archive / "assets/new.svg").write_text("<svg>new</svg>\n", encoding="utf-8")
        assert poll(lambda: get(f"{p.url}img/new.svg")[2] == b"<svg>new</svg>\n")


def test_a_static_folder_that_is_a_link_is_followed_where_it_leads_even_pointed_elsewhere(archive: Path):
    """static/ a link to skins/a, then pointed at skins/b (ln -sfn): skins/b's files are served, and their edits."""
    for skin in "ab":
        shutil.copytree(archive / "static", archive / "skins" / skin)
        (archive / "skins" / skin / "skin.css").write_text(f"/* {skin} */", encoding="utf-8")
    shutil.rmtree(archive / "static")
    (archive / "static").symlink_to(Path("skins/a"))
    with serving(archive) as p:
        assert poll(lambda: get(f"{p.url}skin.css")[2] == b"/* a */")
        (archive / "skins/a/skin.css").write_text("/* a, edited */", encoding="utf-8")
        assert poll(lambda: get(f"{p.url}skin.css")[2] == b"/* a, edited */")
        (archive / "static.new").symlink_to(Path("skins/b"))
        os.rename(archive / "static.new", archive / "static")
        assert poll(lambda: get(f"{p.url}skin.css")[2] == b"/* b */")
        (archive / "skins/b/skin.css").write_text("/* b, edited */", encoding="utf-8")
        assert poll(lambda: get(f"{p.url}skin.css")[2] == b"/* b, edited */")


def test_a_repository_made_after_the_start_brings_the_history_with_its_first_commit(archive: Path):
    with serving(archive) as p:
        url = f"{p.url}reports/{REPORT}/"
        assert poll(lambda: get(url)[0] == 200)
        git(archive, "init", "-q")
        git(archive, "add", "-A")
        git(archive, "commit", "-qm", "First MARK-FIRST")
        assert poll(lambda: b"MARK-FIRST" in get(url)[2])


def test_a_commit_in_a_repository_above_the_archive_brings_the_history_up_to_date(tmp_path: Path):
    """The archive a folder of a larger repository: its log of HEAD is the repository's (git rev-parse)."""
    top = tmp_path / "repository"
    root = top / "archive"
    root.mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content", root / "content")
    (top / ".gitignore").write_text(".serve/\n")
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "First")
    retitle(root / "content/reports" / f"{REPORT}.md", "Uncommitted: ")
    with serving(root) as p:
        url = f"{p.url}reports/{REPORT}/"
        assert poll(lambda: b"Uncommitted: " in get(url)[2])
        git(top, "commit", "-qam", "Retitled MARK-ABOVE", date="2025-03-02T10:00:00+00:00")
        assert poll(lambda: b"MARK-ABOVE" in get(url)[2])


def test_a_commit_alone_brings_the_pages_history_up_to_date(archive: Path):
    """A commit changes no file the preview reads, but every page's history."""
    git(archive, "init", "-q")
    git(archive, "add", "-A")
    git(archive, "commit", "-qm", "First")
    path = archive / "content/reports" / f"{REPORT}.md"
    retitle(path, "Uncommitted: ")
    with serving(archive) as p:
        url = f"{p.url}reports/{REPORT}/"
        assert poll(lambda: b"Uncommitted: " in get(url)[2])
        git(archive, "commit", "-qam", "Retitled MARK-COMMIT", date="2025-03-02T10:00:00+00:00")
        assert poll(lambda: b"MARK-COMMIT" in get(url)[2])


def test_a_shallow_clone_deepened_or_a_commit_replaced_brings_the_history_up_to_date(tmp_path: Path):
    """`git fetch --unshallow` (as the build's note on a shallow clone advises) and
    `git replace` change no file the preview reads, nor HEAD, but the history behind it."""
    full = tmp_path / "full"
    shutil.copytree(REPO / "content", full / "content")
    shutil.copy(REPO / "site.yaml", full / "site.yaml")
    (full / ".gitignore").write_text(".serve/\n")
    git(full, "init", "-q")
    git(full, "add", "-A")
    git(full, "commit", "-qm", "First MARK-DEEP", date="2025-03-01T10:00:00+00:00")
    retitle(full / "content/reports" / f"{REPORT}.md", "Later: ")
    git(full, "commit", "-qam", "Second", date="2025-03-02T10:00:00+00:00")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{full}", str(shallow))
    with serving(shallow) as p:
        url = f"{p.url}reports/{REPORT}/"
        assert poll(lambda: b"Later: " in get(url)[2])
        assert b'class="history"' not in get(url)[2]  # no History in a shallow clone: its dates would be false
        git(shallow, "fetch", "-q", "--unshallow")
        assert poll(lambda: b"MARK-DEEP" in get(url)[2])
        head = git(shallow, "rev-parse", "HEAD").strip()
        other = git(shallow, "commit-tree", f"{head}^{{tree}}", "-p", f"{head}^", "-m", "Replaced MARK-REPLACED")
        git(shallow, "replace", "-f", head, other.strip())
        assert poll(lambda: b"MARK-REPLACED" in get(url)[2])


# --- errors ------------------------------------------------------------------------

def test_bad_content_is_shown_in_the_terminal_and_the_page_then_cleared(preview: Preview, archive: Path):
    url = f"{preview.url}reports/{REPORT}/"
    title = title_of(archive, REPORT).encode()
    path = archive / "content/reports" / f"{REPORT}.md"
    good = path.read_text(encoding="utf-8")
    set_field(path, "date", lambda old: "2025-02-30")
    status, _, body = poll(lambda: (got := get(url)) and b"serve-errors" in got[2] and got) or (0, {}, b"")
    assert status == 200
    assert b'role="alert"' in body
    assert f"content/reports/{REPORT}.md:".encode() in body and b"is not a date" in body
    assert title in body                                 # the last good page, still served
    # the terminal is told by the rebuild thread just after the page can show it: waited for, not raced
    assert poll(lambda: any(f"content/reports/{REPORT}.md:" in line and "is not a date" in line
                            for line in preview.said))
    path.write_text(good, encoding="utf-8")
    assert poll(lambda: b"serve-errors" not in get(url)[2])
    assert preview.build is not None and preview.build.problems == []


def test_a_preview_whose_first_build_fails_does_not_claim_a_last_good_site(archive: Path):
    """Nothing was ever built: the terminal and the banner say so, not "the last good site"."""
    path = archive / "content/reports" / f"{REPORT}.md"
    set_field(path, "date", lambda old: "2025-02-30")
    said: list[str] = []
    p = Preview(archive, port=0, say=said.append)
    p.start()
    try:
        assert poll(lambda: any("nothing could be built yet; fix and save to build" in line for line in said)), said
        assert not any("last good" in line for line in said)
        body = p.decorate(b"<html><head></head><body></body></html>")  # as every page is served meanwhile
        assert b"Nothing could be built yet. Fix the file and save" in body and b"last good" not in body
        assert b"The site could not be built: 1 problem</h2>" in body and b"rebuilt" not in body
    finally:
        p.stop()


def test_a_file_no_build_reads_is_named_in_the_terminal_and_the_page(preview: Preview, archive: Path):
    # A report saved as .markdown, or in a sub-folder, would otherwise vanish from the preview in silence:
    # content by its looks that no build reads is an error, said in the terminal and on the page served.
    url = f"{preview.url}reports/{REPORT}/"
    source = (archive / "content/reports" / f"{REPORT}.md").read_text(encoding="utf-8")
    (archive / "content/reports/later.markdown").write_text(source, encoding="utf-8")
    (archive / "content/reports/2025").mkdir()
    (archive / "content/reports/2025/nested.md").write_text(source, encoding="utf-8")
    said = lambda: [line for line in preview.said if line.startswith("content/reports/")]  # noqa: E731
    assert poll(lambda: len(said()) >= 2)
    assert said()[0].startswith("content/reports/2025/nested.md:1: is not read: ")
    assert said()[1].startswith("content/reports/later.markdown:1: ") and "later.md" in said()[1]
    assert not any(line.endswith(" (warning)") for line in said())
    body = poll(lambda: (got := get(url)[2]) and b"serve-errors" in got and got) or b""
    assert b"later.markdown" in body and b"nested.md" in body
    (archive / "content/reports/later.markdown").unlink()
    (archive / "content/reports/2025/nested.md").unlink()
    retitle(archive / "content/reports" / f"{REPORT}.md", "Fixed: ")
    assert poll(lambda: b"Fixed: " in (got := get(url)[2]) and b"serve-errors" not in got)


def test_check_s_warnings_are_said_as_the_content_is_saved_each_once(preview: Preview, archive: Path):
    """A name a letter from an actor's is what `check` warns of: the preview says
    it in the terminal once the rebuild is served, as check words it, once
    while it stays, and again if it comes back after a fix, or once an error
    met meanwhile is fixed."""
    path = archive / "content/reports" / f"{REPORT}.md"
    right = path.read_text(encoding="utf-8")
    path.write_text(right.replace('name: "Wagner Group"', 'name: "Wagner Grop"'), encoding="utf-8")
    warned = lambda: [line for line in preview.said if "Wagner Grop" in line]  # noqa: E731
    assert poll(warned), preview.said
    [line] = warned()
    at = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "Wagner Grop" in text)
    assert line.startswith(f"content/reports/{REPORT}.md:{at}: actors[1].name: ") and line.endswith(" (warning)")
    assert line in [str(w) for w in check(archive)]
    before = preview.rebuilds
    retitle(path, "Again: ")  # another save, the name still misspelt: not said again
    assert poll(lambda: preview.rebuilds > before)
    time.sleep(0.3)
    assert len(warned()) == 1
    path.write_text(right, encoding="utf-8")
    assert poll(lambda: preview.rebuilds > before + 1)
    path.write_text(right.replace('name: "Wagner Group"', 'name: "Wagner Grop"'), encoding="utf-8")
    assert poll(lambda: len(warned()) == 2), preview.said
    other = archive / "content/reports" / f"{OTHER}.md"
    good = other.read_text(encoding="utf-8")
    other.write_text(good.replace("date: 2025-02-17", "date: 2025-02-30"), encoding="utf-8")  # an error meanwhile
    assert poll(lambda: any("is not a date" in line for line in preview.said)), preview.said
    other.write_text(good, encoding="utf-8")  # fixed: the warnings of the site served again, said again
    assert poll(lambda: len(warned()) == 3), preview.said
    template = archive / "templates" / "report.html"
    kept = template.read_text(encoding="utf-8")
    template.write_text(kept.replace("{% endblock %}", "{% endblok %}", 1), encoding="utf-8")  # a template's error
    assert poll(lambda: any(line.startswith("templates/report.html:") for line in preview.said)), preview.said
    template.write_text(kept, encoding="utf-8")  # fixed, no content saved: said again all the same
    assert poll(lambda: len(warned()) == 4), preview.said


def test_a_history_note_that_names_no_commit_is_said_as_site_yaml_is_saved_or_a_commit_made(tmp_path: Path):
    """site.yaml's history: notes name commits: a note no commit begins with is
    said by the preview as check says it, when site.yaml is saved, and when a
    commit takes away the one it named (an amend), not first at the next edit
    of a report."""
    root = tmp_path / "archive"
    shutil.copytree(REPO / "tests/fixtures/archive", root)  # the shipped archive, without its notes
    site = root / "site.yaml"
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The archive")
    said: list[str] = []
    preview = Preview(root, port=0, say=said.append)
    preview.start()
    try:
        kept = site.read_text(encoding="utf-8")
        site.write_text(kept + "history:\n  abcdef0: A note on no commit.\n", encoding="utf-8")
        assert poll(lambda: any("history.abcdef0: no commit" in line for line in said)), said
        head = git(root, "rev-parse", "HEAD")
        before = preview.rebuilds
        site.write_text(kept + f"history:\n  {head[:7]}: The archive is published.\n", encoding="utf-8")
        assert poll(lambda: preview.rebuilds > before), said
        assert not any(f"history.{head[:7]}" in line for line in said)  # a note of a commit there: nothing said
        (root / "content/reports" / f"{REPORT}.md").touch()
        git(root, "commit", "-q", "--amend", "-m", "The archive, again", date="2025-03-02T10:00:00+00:00")
        assert poll(lambda: any(f"history.{head[:7]}: no commit" in line for line in said)), said
    finally:
        preview.stop()


def test_a_link_to_a_page_the_site_does_not_have_is_said_as_it_is_saved(preview: Preview, archive: Path):
    """A body's link to the site's own address that leads nowhere ("/methodolgy/")
    is said as check says it, once the page is served; and a page removed that
    a body links to is said when the page goes."""
    path = archive / "content/reports" / f"{REPORT}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee the [method](/methodolgy/) and [about](/about/).\n",
                    encoding="utf-8")
    warned = lambda: [line for line in preview.said if "which this site does not have" in line]  # noqa: E731
    assert poll(warned), preview.said
    [line] = warned()
    assert line.startswith(f"content/reports/{REPORT}.md:") and "did you mean /methodology/?" in line
    assert line in [str(w) for w in check(archive)]
    (archive / "content/pages/about.md").unlink()
    assert poll(lambda: any('links to "/about/"' in line for line in warned())), preview.said


@pytest.mark.parametrize("nesting", ["[" * 50_000 + "]" * 50_000, "{a: " * 50_000 + "1" + "}" * 50_000,
                                     "\n  " + "- " * 50_000 + "x"], ids=["brackets", "braces", "dashes"])
def test_a_save_nested_50000_deep_is_an_error_and_the_next_good_save_is_served(preview: Preview, archive: Path,
                                                                                nesting: str):
    # Parsed as it is, such a file is a segmentation fault in PyYAML's C parser: the server itself would die.
    url = f"{preview.url}reports/{REPORT}/"
    path = archive / "content/reports" / f"{REPORT}.md"
    good = path.read_text(encoding="utf-8")
    line = good.split("\n").index("---", 1) + 1 + nesting.count("\n")  # where it goes too deep
    path.write_text(good.replace("\n---\n", f"\ntags: {nesting}\n---\n", 1), encoding="utf-8")
    message = f"content/reports/{REPORT}.md:{line}: tags: nested 50001 levels deep; the format allows at most 16"
    body = poll(lambda: (got := get(url)[2]) and b"serve-errors" in got and got) or b""
    assert message.encode() in body
    assert poll(lambda: any(message in said for said in preview.said))
    path.write_text(good, encoding="utf-8")
    retitle(path, "Fixed: ")
    assert poll(lambda: b"Fixed: " in (got := get(url)[2]) and b"serve-errors" not in got)


# --- what is served, and what is not ---------------------------------------------

TRAVERSALS = [
    "/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fsite.yaml",
    "/reports/..%2F..%2Fsite.yaml", "/..\\site.yaml", "/%5c..%5csite.yaml", "/%00", "/index.html%00",
    "/reports/%2e%2e/%2e%2e/content/reports/", "/./../site.yaml", "/%252e%252e/site.yaml",
    "/%ff%fe", "/leak", "/leak-dir/site.yaml", "/no/such/page/",
]


def test_traversal_attempts_get_the_sites_404(shared: Preview):
    if not (shared.out / "leak").is_symlink():
        (shared.out / "leak").symlink_to(shared.root / "site.yaml")
        (shared.out / "leak-dir").symlink_to(shared.root)
    for target in TRAVERSALS:
        status, body = raw_get(shared, target)
        assert status == 404, target
        assert b"Page not found" in body and b"base_url" not in body, target


def test_resolve_keeps_to_the_output_folder(tmp_path: Path):
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a" / "index.html").write_text("x")
    (out / "f.css").write_text("x")
    (tmp_path / "secret").write_text("x")
    (out / "s").symlink_to(tmp_path / "secret")
    assert resolve(out, "/a/") == (out / "a" / "index.html").resolve()
    assert resolve(out, "/f.css?x=1") == (out / "f.css").resolve()
    for target in ("/../secret", "/%2e%2e/secret", "/s", "/a/..%2f..%2fsecret", "/a\\..\\..\\secret", "/f.css%00"):
        assert resolve(out, target) is None, target


def test_content_types_and_no_caching(shared: Preview):
    preview = shared
    (preview.out / "pagefind").mkdir(exist_ok=True)
    (preview.out / "pagefind" / "wasm.en.pagefind").write_bytes(b"\0asm")
    (preview.out / "pagefind" / "x.pf_fragment").write_bytes(b"\0")
    (preview.out / "pagefind" / "m.wasm").write_bytes(b"\0asm")
    want = {
        "": "text/html; charset=utf-8", "style.css": "text/css; charset=utf-8",
        "favicon.svg": "image/svg+xml", "feed.xml": "application/atom+xml; charset=utf-8",
        "sitemap.xml": "application/xml; charset=utf-8", "data/events.json": "application/json",
        "data/events.csv": "text/csv; charset=utf-8", "pagefind/m.wasm": "application/wasm",
        "pagefind/x.pf_fragment": "application/octet-stream",
        "__serve/reload.js": "text/javascript; charset=utf-8",
    }
    for rel, kind in want.items():
        status, headers, _ = get(preview.url + rel)
        assert (status, headers["Content-Type"]) == (200, kind), rel
        assert headers["Cache-Control"] == "no-store"
    status, headers, _ = get(preview.url + "no-such-page/")
    assert (status, headers["Content-Type"]) == (404, "text/html; charset=utf-8")


def test_only_the_preview_gets_the_reload_script(preview: Preview, archive: Path, tmp_path: Path):
    _, _, served = get(preview.url + f"reports/{REPORT}/")
    assert b'<script src="/__serve/reload.js?v=' in served and b" defer></script>" in served
    assert b"<script>" not in served                      # nothing inline: the CSP forbids it
    assert poll(lambda: holding(preview.out, b"__serve") == [])
    built = tmp_path / "built"
    build(archive, built, search=False)
    assert [p for p in built.rglob("*") if p.is_file() and b"__serve" in p.read_bytes()] == []


def test_the_search_index_runs_in_the_background_without_holding_up_reloads(archive: Path):
    calls: list[float] = []
    release = threading.Event()

    def slow_search(out: Path) -> None:
        calls.append(time.monotonic())
        release.wait(10)

    p = Preview(archive, port=0, search=slow_search, say=lambda text: None)
    p.start()
    try:
        assert poll(lambda: calls)                        # after the first build
        url = f"{p.url}reports/{REPORT}/"
        retitle(archive / "content/reports" / f"{REPORT}.md", "While indexing: ")
        assert poll(lambda: b"While indexing:" in get(url)[2], timeout=5)   # served while search still runs
        assert len(calls) == 1
        release.set()
        assert poll(lambda: len(calls) == 2)              # then brought up to date once more
    finally:
        release.set()
        p.stop()


def test_a_search_index_left_half_made_is_made_again_at_the_next_start(archive: Path):
    """A preview stopped while it indexed (Ctrl-C, a kill) leaves no record of a
    whole index: the next one indexes again, even with no page to write, where
    it served the half-made index for good. With the record, it indexes nothing."""
    with socket.socket() as free:  # one port for the three: the pages name it
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]

    def started() -> tuple[Preview, list[str]]:
        said: list[str] = []
        p = Preview(archive, port=port, say=said.append)
        p.search = p.index_search
        p.start()
        assert poll(lambda: any(line.startswith("search index ready") for line in said), timeout=60), said
        return p, said

    p, said = started()
    p.stop()
    index = archive / ".serve" / "pagefind"
    assert (index / "pagefind.js").is_file() and (archive / ".serve" / LiveIndex.KEYS).is_file()
    p, said = started()  # whole: kept
    p.stop()
    assert "search index ready: the last preview's, whole and up to date" in said, said
    (archive / ".serve" / LiveIndex.KEYS).unlink()  # as a stop in the middle of indexing leaves it
    (index / "pagefind.js").unlink()
    p, said = started()
    try:
        assert any(line.startswith("search index ready: 1 shard indexed") for line in said), said
        assert (index / "pagefind.js").is_file() and get(f"{p.url}pagefind/pagefind.js")[0] == 200
        assert get(f"{p.url}{LiveIndex.KEYS}")[0] == 404  # the preview's record, not the site's
    finally:
        p.stop()


def not_utf8(page: Path) -> str:
    """A byte no UTF-8 text has, in the middle of the page, its size and time put back."""
    good, was = page.read_bytes(), page.stat()
    page.write_bytes(good[:len(good) // 2] + b"\xdf" + good[len(good) // 2 + 1:])
    os.utime(page, ns=(was.st_atime_ns, was.st_mtime_ns))
    return "not the page a build wrote (it is not UTF-8 text)"


def hand_edited(page: Path) -> str:
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " EDITED BY HAND</h1>", 1), encoding="utf-8")
    return "not the page the preview wrote (changed since)"


def deleted(page: Path) -> str:
    page.unlink()
    return "the page a build wrote cannot be read (No such file or directory)"


def made_a_folder(page: Path) -> str:
    page.unlink()
    (page / "notes").mkdir(parents=True)
    return "the page a build wrote cannot be read (Is a directory)"


@pytest.mark.parametrize("damage", [not_utf8, hand_edited, deleted, made_a_folder], ids=lambda f: f.__name__)
def test_a_page_of_the_folder_changed_by_hand_is_written_again_and_the_index_follows(archive: Path, damage):
    """A page of .serve/ changed, removed or replaced by hand: Pagefind would
    index it as it now is, or could not read it; the preview says so, writes
    its pages again, and indexes them; every later edit is indexed as before,
    where each search update failed until the preview was restarted."""
    said: list[str] = []
    p = Preview(archive, port=0, say=said.append)
    p.search = p.index_search
    p.start()
    try:
        assert poll(lambda: any(line.startswith("search index ready") for line in said), timeout=60), said
        page = archive / ".serve" / "reports" / REPORT / "index.html"
        good = page.read_bytes()
        why = damage(page)
        retitle(archive / "content/reports/moura-killings-humangle.md", "Edited beside a damaged page: ")
        assert poll(lambda: any("search index not updated" in line for line in said), timeout=60), said
        failed = next(line for line in said if "search index not updated" in line)
        assert failed == (f"search index not updated: {page.resolve()}: {why}; the preview writes its pages again, "
                          "then the index")
        assert poll(lambda: any(line.startswith("search index updated") for line in said[said.index(failed):]),
                    timeout=60), said
        assert page.read_bytes() == good and get(f"{p.url}pagefind/pagefind.js")[0] == 200
        assert not [f for f in page.parent.iterdir() if f.name != "index.html" and f.name.startswith(".")]
        retitle(archive / "content/reports/aslagh-killings-humangle.md", "Edited after: ")
        assert poll(lambda: sum(line.startswith("search index updated") for line in said[said.index(failed):]) == 2,
                    timeout=60), said
        assert sum("search index not updated" in line for line in said) == 1, said
    finally:
        p.stop()


def open_stream(preview: Preview) -> tuple[socket.socket, bytes]:
    """A reload stream, as a page opens it: the socket, and the status line and headers."""
    s = socket.create_connection(("127.0.0.1", preview.port), timeout=5)
    s.sendall(b"GET /__serve/events?since=0&page=/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    head = b""
    while b"\r\n\r\n" not in head:
        got = s.recv(4096)
        if not got:
            break
        head += got
    return s, head


def test_reload_streams_are_capped_and_pages_still_served(preview: Preview, monkeypatch):
    monkeypatch.setattr(incidents.preview.serve, "STREAMS", 10)
    streams = [open_stream(preview) for _ in range(15)]
    try:
        assert [head.split(b" ")[1] for _, head in streams] == [b"200"] * 10 + [b"503"] * 5
        assert preview.listeners == 10
        started = time.monotonic()
        assert get(f"{preview.url}reports/{REPORT}/")[0] == 200
        assert time.monotonic() - started < 2.0
    finally:
        for s, _ in streams:
            s.close()
    assert poll(lambda: preview.listeners == 0)
    s, head = open_stream(preview)  # the places are free again
    s.close()
    assert head.startswith(b"HTTP/1.1 200")


# --- the command ---------------------------------------------------------------------

def test_port_in_use_is_one_clear_line_and_status_1(archive: Path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve(archive, "127.0.0.1", port, False) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"port {port} on 127.0.0.1 is already in use" in err
    assert "Traceback" not in err


def test_a_second_preview_of_one_archive_is_refused_and_the_first_serves_on(preview: Preview, archive: Path,
                                                                          capsys):
    """Two previews of one archive would write their sites (drafts, addresses)
    over each other's in .serve/: the second is refused before it writes a file."""
    before = {p: p.stat().st_mtime_ns for p in preview.out.rglob("*") if p.is_file()}
    assert serve(archive, "127.0.0.1", 0, True) == 1
    err = capsys.readouterr().err
    assert err == (f"error: another preview of this archive is running (it writes {preview.out}): stop it (Ctrl-C in "
                   "its terminal) and start this one again, or use its address\n")
    assert {p: p.stat().st_mtime_ns for p in preview.out.rglob("*") if p.is_file()} == before
    assert get(preview.url)[0] == 200
    preview.stop()  # let go: the next one may have it
    with serving(archive) as again:
        assert get(again.url)[0] == 200


@pytest.mark.parametrize("host, status", [("127.0.0.1:{port}", 200), ("localhost:{port}", 200),
                                          ("[::1]:{port}", 200), ("app.localhost", 200),
                                          ("attacker.example:{port}", 421), ("127.0.0.1.nip.io", 421),
                                          ("[::1", 421)])
def test_a_request_for_another_host_is_refused(shared: Preview, host: str, status: int):
    """A page of another site whose name is pointed at 127.0.0.1 (DNS rebinding)
    would read the preview, drafts and all, in its visitor's browser: its Host
    header names that site, and gets nothing, the reload stream neither."""
    for target in ("/data/reports.json", "/__serve/events?since=0"):
        connection = http.client.HTTPConnection("127.0.0.1", shared.port, timeout=10)
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host.format(port=shared.port))
        connection.endheaders()
        response = connection.getresponse()
        got = response.status
        connection.close()
        assert got == status, (target, host)
        if status == 200:
            break  # (the stream, allowed, would stay open)


@pytest.mark.parametrize("given, host, loopback", [("0", "0.0.0.0", False), ("127.1", "127.0.0.1", True),
                                                   ("::ffff:127.0.0.1", "::ffff:127.0.0.1", True)])
def test_a_host_is_said_as_the_system_reads_it(given: str, host: str, loopback: bool):
    """"--host 0" listens on 0.0.0.0, and is said so (not "http://0:8000/");
    IPv4's loopback written in IPv6 is loopback, with no note of other machines."""
    from incidents.cli import parser
    assert parser().parse_args(["serve", "--host", given]).host == host
    assert incidents.preview.serve._loopback(host) is loopback


def test_changes_the_watcher_never_sees_are_found_by_looking(archive: Path, tmp_path: Path):
    """inotify loses events when its queue overflows, and never sees a file
    written through a hard link kept in another folder; a repository made above
    the archive after the start was not watched. Each is found by the sweep of
    every file's signature (here every 0.2 s), and served as a clean build has it."""
    mono = tmp_path / "mono"
    mono.mkdir()
    shutil.move(str(archive), mono / "archive")
    root = mono / "archive"
    kept = tmp_path / "moura.md"
    os.link(root / "content/reports/moura-killings-humangle.md", kept)
    p = Preview(root, port=0, say=lambda text: None)
    p.every = 0.2
    p.start()
    try:
        kept.write_text(kept.read_text(encoding="utf-8").replace("title: ", "title: Linked ", 1), encoding="utf-8")
        page = f"{p.url}reports/moura-killings-humangle/"
        assert poll(lambda: b"<h1>Linked " in get(page)[2]), "the edit through the hard link"
        (mono / ".gitignore").write_text(".serve/\n", encoding="utf-8")
        git(mono, "init", "-q")
        git(mono, "add", "-A")
        git(mono, "commit", "-q", "-m", "The archive")
        head = git(mono, "rev-parse", "HEAD")
        assert poll(lambda: f"<code>{head[:7]}</code>".encode() in get(f"{p.url}data/")[2]), "the commit above"
        build(root, tmp_path / "clean", base_url=p.url, search=False)
        for rel in ("reports/moura-killings-humangle/index.html", "data/index.html"):
            served = re.sub(rb'<script src="[^"]*__serve/reload\.js[^"]*" defer></script>\n', b"", get(p.url + rel)[2])
            assert served == (tmp_path / "clean" / rel).read_bytes(), rel
    finally:
        p.stop()


def test_ctrl_c_stops_cleanly(archive: Path):
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(archive), "serve",
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               cwd=archive)
    try:
        lines = []
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if line.startswith("serving http://127.0.0.1:"):
                break
        url = lines[-1].split()[1]
        assert get(url)[0] == 200
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in rest and "stopped" in rest


def test_ctrl_c_stops_it_even_when_started_with_sigint_ignored(archive: Path):
    # A process started with SIGINT ignored keeps it so in Python: without a handler of
    # its own, the server would never stop on Ctrl-C (as in a full test run here).
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(archive), "serve",
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               cwd=archive, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        for line in process.stdout:  # type: ignore[union-attr]
            if line.startswith("serving http://127.0.0.1:"):
                break
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0 and "stopped" in rest


# --- in the browser ------------------------------------------------------------------

def test_an_open_page_reloads_by_itself_in_chromium(preview: Preview, archive: Path, browser):
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{preview.url}reports/{REPORT}/")
    assert poll(lambda: preview.listeners > 0)
    page.evaluate("() => { window.notReloaded = true; }")
    retitle(archive / "content/reports" / f"{REPORT}.md", "Reloaded by itself: ")
    page.wait_for_function("() => document.querySelector('h1').textContent.includes('Reloaded by itself')",
                           timeout=10_000)
    assert page.evaluate("() => window.notReloaded === undefined")
    # bad content: the banner appears by itself, and goes once fixed
    path = archive / "content/reports" / f"{REPORT}.md"
    good = path.read_text(encoding="utf-8")
    set_field(path, "date", lambda old: "2025-02-30")
    page.wait_for_selector("[role=alert].serve-errors", timeout=10_000)
    assert "is not a date" in page.inner_text("[role=alert]")
    path.write_text(good, encoding="utf-8")
    page.wait_for_selector("[role=alert]", state="detached", timeout=10_000)
    assert [m for m in problems if "Content Security Policy" in m] == []


def test_only_the_pages_an_edit_changed_reload_the_list_just_after(preview: Preview, archive: Path, browser):
    """A title edit reloads its report page and the list of reports (rendered
    just after the reload, so the edited page is served first); a page the edit
    leaves as it was stays as it is."""
    edited, listing, other = browser.new_page(), browser.new_page(), browser.new_page()
    edited.goto(f"{preview.url}reports/{REPORT}/")
    listing.goto(f"{preview.url}reports/")
    other.goto(f"{preview.url}reports/{OTHER}/")
    assert poll(lambda: preview.listeners >= 3)
    for page in (edited, listing, other):
        page.evaluate("() => { window.notReloaded = true; }")
    retitle(archive / "content/reports" / f"{REPORT}.md", "Only where it shows: ")
    edited.wait_for_function("() => document.querySelector('h1').textContent.includes('Only where it shows')",
                             timeout=10_000)
    listing.wait_for_function("() => document.body.textContent.includes('Only where it shows')",
                              timeout=10_000)
    time.sleep(1.0)  # time enough for a reload that should not come
    assert other.evaluate("() => window.notReloaded === true")
    assert edited.evaluate("() => window.notReloaded === undefined")


def test_a_hidden_page_lets_go_of_its_stream_and_reloads_when_shown(preview: Preview, archive: Path, browser):
    """Browsers open six connections to a host at most: hidden tabs must not keep
    theirs, or the seventh tab of the preview would never load."""
    page = browser.new_page()
    page.goto(f"{preview.url}reports/{REPORT}/")
    assert poll(lambda: preview.listeners == 1)
    page.evaluate("""() => { window.notReloaded = true;
        Object.defineProperty(document, "hidden", {value: true, configurable: true});
        document.dispatchEvent(new Event("visibilitychange")); }""")
    assert poll(lambda: preview.listeners == 0)
    retitle(archive / "content/reports" / f"{REPORT}.md", "Edited while hidden: ")
    assert poll(lambda: b"Edited while hidden:" in get(f"{preview.url}reports/{REPORT}/")[2], timeout=5)
    time.sleep(0.3)
    assert page.evaluate("() => window.notReloaded === true")       # no stream, no reload yet
    page.evaluate("""() => { Object.defineProperty(document, "hidden", {value: false, configurable: true});
        document.dispatchEvent(new Event("visibilitychange")); }""")
    page.wait_for_function("() => document.querySelector('h1').textContent.includes('Edited while hidden')",
                           timeout=10_000)
