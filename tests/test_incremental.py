"""A build redoes only what changed since the last one, and gives exactly the
bytes a clean build of the same content gives, search index included."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT
from sitecheck import tree_digest

import incidents.build
import incidents.cache
import incidents.pipeline
import incidents.search.index
from incidents.build import build
from incidents.cache import CacheDamaged
from incidents.errors import ContentError
from incidents.content.link import link
from incidents.content.load import load
from incidents.preview.incremental import Incremental
from incidents.search.pagefindfiles import sound, used_files
from incidents.search.index import LiveIndex, NotWritten, indexed_digest, plan_shards, shard_pages
from incidents.sample import write_sample


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "archive"
    write_sample(folder, 80)
    return folder


@pytest.fixture
def corpus(corpus_files, tmp_path, monkeypatch) -> Path:
    """A copy of an 80-report corpus, its index in shards of 40 pages, its lists
    in pages of 8 items (so that every list is cut by year and month), its
    sitemap in parts of 40 pages (as a site of over 50,000 pages has it)."""
    monkeypatch.setenv("INCIDENTS_SHARD_PAGES", "40")
    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "8")
    monkeypatch.setenv("INCIDENTS_SITEMAP_URLS", "40")
    root = tmp_path / "archive"
    shutil.copytree(corpus_files, root)
    return root


def reports(root: Path) -> list[Path]:
    return sorted((root / "content/reports").glob("*.md"))


def retitle(path: Path, title: str) -> None:
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", path.read_text(), count=1, flags=re.M))


def tagged(text: str, tag: str) -> str:
    """A report's text with `tag` as its only tag."""
    if re.search(r"^tags:", text, flags=re.M):
        text = re.sub(r"^tags:.*(\n(?: +|- ).*)*", "tags: [x]", text, count=1, flags=re.M)
        return text.replace("tags: [x]", f"tags: [{tag}]", 1)
    return re.sub(r"^(title: .*)$", rf"\1\ntags: [{tag}]", text, count=1, flags=re.M)


def clean(root: Path, folder: Path):
    """A build from nothing, into a new folder."""
    return build(root, folder)


def edits(root: Path):
    """Changes of every kind, one after the other: (what, change)."""
    r = reports(root)
    events = sorted((root / "content/events").glob("*.md"))
    actors = sorted((root / "content/actors").glob("*.md"))
    yield "a body", lambda: r[10].write_text(r[10].read_text() + "\nOne more sentence.\n")
    yield "a title", lambda: retitle(r[20], "A new title for this report")
    yield "a report added", lambda: (root / "content/reports/zz-new-report.md").write_text(
        re.sub(r"^title: .*$", "title: A report added later", r[30].read_text(), count=1, flags=re.M)
        .replace("example.org/", "example.org/added/"))
    yield "a report deleted", lambda: r[40].unlink()
    yield "a report renamed", lambda: r[50].rename(r[50].with_name("renamed-report.md"))
    yield "a report's date", lambda: r[60].write_text(
        re.sub(r"^date: .*$", "date: 2011-01-05", r[60].read_text(), count=1, flags=re.M))
    hame = root / "content/reports/2022-04-hame-market-attack-menaka-herald.md"
    yield "a report's place renamed", lambda: hame.write_text(  # its actors' pages tell search where they acted
        hame.read_text().replace("location: {name: Hamé,", "location: {name: Hamé-Nord,", 1))
    kelnadia = root / "content/reports/2021-08-kelnadia-killings-west-africa-monitor.md"
    # the feeds beside its place's and its actors' pages spell the place as the report does
    yield "a report's place spelt anew, the same place", lambda: kelnadia.write_text(
        kelnadia.read_text().replace("location: {name: Kelnadia,", "location: {name: KELNADIA,", 1))
    road = root / "content/reports/2025-06-yakankel-habeou-road-market-attack-field-notes-africa.md"
    # its place's page lists the actors to search in order
    yield "a report's actors in another order", lambda: road.write_text(
        road.read_text().replace("    role: alleged perpetrator\n  - name: Nigerien Armed Forces\n    role: investigator\n",
                                 "    role: alleged perpetrator\n", 1)
        .replace("actors:\n", "actors:\n  - name: Nigerien Armed Forces\n    role: investigator\n", 1))
    yield "a tag added", lambda: r[70].write_text(tagged(r[70].read_text(), "a tag added later"))
    # its event's list of reports writes the source out: author, original, archived copy
    sourced = next(p for p in r[1:] if p not in r[10::10] and p.exists() and "\n  url: " in p.read_text())
    yield "a source's address and author", lambda: sourced.write_text(re.sub(
        r"^  url: .*$", '  url: "https://example.org/moved"\n  author: A. New\n  archive_url: "https://web.archive.org/x"',
        re.sub(r"^  (author|archive_url): .*\n", "", sourced.read_text(), flags=re.M), count=1, flags=re.M))
    yield "an event moved to another year", lambda: events[1].write_text(
        re.sub(r"^date: .*$", "date: 2019-11-20", events[1].read_text(), count=1, flags=re.M))
    yield "an event file", lambda: events[0].write_text(
        re.sub(r"^title: .*$", "title: A curated title", events[0].read_text(), count=1, flags=re.M))
    yield "an actor's name", lambda: actors[0].write_text(
        re.sub(r"^name: .*$", "name: A Renamed Actor", actors[0].read_text(), count=1, flags=re.M))
    yield "an actor's other names", lambda: actors[1].write_text(  # the pages naming it tell search its aliases
        re.sub(r"^(name: .*)$", r"\1\naliases: [XYZ]", re.sub(r"^aliases: .*\n", "", actors[1].read_text(), flags=re.M),
               count=1, flags=re.M))
    page = root / "content/pages/about-the-sample.md"
    yield "a page of prose added", lambda: (root / "content/pages").mkdir(exist_ok=True) or page.write_text(
        "---\ntitle: About the sample\nmenu: 2\n---\nWho made it, and why.\n")
    yield "a page's text", lambda: page.write_text(page.read_text() + "\nA second paragraph.\n")
    yield "a page moved from the menu to the footer", lambda: page.write_text(
        page.read_text().replace("menu: 2", "footer: 1"))
    yield "a page deleted", lambda: page.unlink()
    yield "a template", lambda: (root / "templates").mkdir() or (root / "templates/report.html").write_text(
        (ROOT / "templates/report.html").read_text().replace("The report</h2>", "The text</h2>"))
    yield "a static file", lambda: (root / "static").mkdir() or (root / "static/extra.txt").write_text("x\n")
    yield "site.yaml", lambda: (root / "site.yaml").write_text(
        (root / "site.yaml").read_text().replace("title: ", "title: Renamed ", 1))
    yield "the template removed", lambda: shutil.rmtree(root / "templates")


def test_incremental_builds_give_the_bytes_of_clean_builds(corpus, tmp_path):
    out = tmp_path / "site"
    first = build(corpus, out)
    assert first.indexed > 3  # the index is in shards
    for i, (what, change) in enumerate(edits(corpus)):
        change()
        done = build(corpus, out)
        assert not done.unchanged, what
        fresh = clean(corpus, tmp_path / f"clean-{i}")
        assert tree_digest(out) == tree_digest(tmp_path / f"clean-{i}"), what
        assert done.files == fresh.files, what
        shutil.rmtree(tmp_path / f"clean-{i}")  # before it reaches the disk
        if what in ("a body", "a title"):  # a title: also the pages by period of the lists that show it
            assert done.parsed == 1 and done.rendered < 40 and done.indexed <= 2, (what, done)
        if what == "a page's text":  # only the page itself (and the data files, which it leaves as they were)
            assert done.parsed == 1 and done.rendered < 10 and done.indexed == 0, (what, done)
        if what.startswith(("a page of prose added", "a page moved", "a page deleted")):
            assert done.rendered >= done.reports + done.events, (what, done)  # every page shows menu and footer


def test_a_note_not_read_may_name_an_event_for_the_next_builds_too(corpus, tmp_path):
    """Every report of an event with a file taken away, and a note in
    content/reports/ (not read, a warning: it may be what names the event):
    the event is said unnamed "unless" the note names it, as a clean build
    says, in the next builds too (which put the last build's content together
    again), and when the reports come back."""
    event = sorted((corpus / "content/events").glob("*.md"))[0].stem
    away = tmp_path / "away"
    away.mkdir()
    for path in reports(corpus):
        if re.search(rf"^event: {event}$", path.read_text(), flags=re.M):
            path.rename(away / path.name)
    (corpus / "content/reports/notes.txt").write_text("to do", encoding="utf-8")
    out = tmp_path / "site"
    said = [str(w) for w in build(corpus, out, search=False).warnings]
    assert any("unless content/reports/notes.txt, which the build does not read, names it" in w for w in said)
    for i, change in enumerate([lambda: retitle(reports(corpus)[0], "A new title"),
                                lambda: [path.rename(corpus / "content/reports" / path.name) for path in away.glob("*.md")]]):
        change()
        done = build(corpus, out, search=False)
        clean = build(corpus, tmp_path / f"clean-{i}", search=False)
        assert tree_digest(out) == tree_digest(tmp_path / f"clean-{i}")
        assert [str(w) for w in done.warnings] == [str(w) for w in clean.warnings]


def test_a_warning_that_a_date_is_after_today_is_not_said_again_the_next_day(corpus, tmp_path):
    """A build with nothing changed says the last build's warnings again; one that
    a date is "after today" may be false by the next day. The last build's record
    made as yesterday's would have been (a report dated today, warned of as after
    yesterday): the next build finds the warnings again, and does not say it."""
    import datetime as dt
    from dataclasses import replace
    from incidents.cache import Store, cache_dir, code_key
    from incidents.errors import Problem

    out = tmp_path / "site"
    today, yesterday = dt.date.today(), dt.date.today() - dt.timedelta(days=1)
    path = reports(corpus)[0]
    path.write_text(re.sub(r"^date: .*$", f"date: {today.isoformat()}", path.read_text(), count=1, flags=re.M))
    first = build(corpus, out, search=False)
    assert not any("after today" in str(w) for w in first.warnings)
    store = Store(cache_dir(out), code_key())
    stale = Problem(f"content/reports/{path.name}", 4, "date",
                    f"{today.isoformat()} is after today ({yesterday.isoformat()}): check the year", "warning")
    last = store.record("last")
    store.put_record("last", replace(last, warnings=last.warnings + (stale,), day=yesterday.isoformat()))
    store.commit()
    store.close()
    again = build(corpus, out, search=False)
    assert stale not in again.warnings and [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
    assert build(corpus, out, search=False).unchanged  # and the day after that, nothing to do again


def test_a_build_with_nothing_changed_does_nothing(corpus, tmp_path):
    out = tmp_path / "site"
    build(corpus, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    done = build(corpus, out)
    assert done.unchanged and done.rendered == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_a_build_that_makes_every_page_again_says_why(shipped, tmp_path, monkeypatch, capsys):
    """A build ten times an edit's time after `git pull` is no mystery: one that
    makes every page again though a build was made before says why (the
    generator, the options, the templates, site.yaml); the first build, or an
    edit, says nothing of the kind."""
    from incidents.cli import main

    out = tmp_path / "site"
    first = build(shipped, out, search=False)
    assert first.all_pages and first.why_every_page == ""  # nothing to build on
    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "2")  # a setting of the generator (cache.SETTINGS)
    assert build(shipped, out, search=False).why_every_page.startswith("the generator changed since the last build")
    assert build(shipped, out, search=False).unchanged
    assert build(shipped, out, drafts=True, search=False).why_every_page.startswith("the build's options changed")
    (shipped / "templates").mkdir(exist_ok=True)
    base = (ROOT / "templates/base.html").read_text()
    (shipped / "templates/base.html").write_text(base.replace('<footer class="site">', '<footer class="site"> '))
    assert build(shipped, out, drafts=True, search=False).why_every_page == "the templates changed since the last build"
    site = shipped / "site.yaml"
    site.write_text(re.sub(r"(?m)^title: .*$", "title: Another title", site.read_text()))
    assert build(shipped, out, drafts=True, search=False).why_every_page == "site.yaml changed since the last build"
    report = sorted((shipped / "content/reports").glob("*.md"))[0]
    retitle(report, "Retitled")
    edited = build(shipped, out, drafts=True, search=False)
    assert not edited.all_pages and edited.why_every_page == "" and edited.rendered
    site.write_text(site.read_text().replace("title: Another title", "title: A third title"))
    capsys.readouterr()
    assert main(["--root", str(shipped), "build", "--out", str(out), "--drafts", "--no-search"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "every page made again: site.yaml changed since the last build" and said[1].startswith("built ")


def out_of_the_clock_s_doubt() -> None:
    """Wait until every file changed so far is older than the clock's doubt
    (cache.RACY_NS, shorter in a test that asks for short_clock_doubt): its
    change time, which no utime() puts back, included."""
    time.sleep(incidents.cache.RACY_NS / 1e9 + 0.1)


def test_files_rewritten_with_the_same_bytes_change_nothing(corpus, tmp_path, short_clock_doubt):
    """A branch switched and back, a save with no change: the files' times are new,
    their bytes are not. Nothing is rendered or written, and the build after that
    knows them by their times again (it parses nothing)."""
    for path in corpus.rglob("*"):  # every file older than the clock's doubt, not only the rewritten ones
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 5_000_000_000))
    out_of_the_clock_s_doubt()
    out = tmp_path / "site"
    build(corpus, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    for path in reports(corpus)[:5]:
        path.write_bytes(path.read_bytes())
    out_of_the_clock_s_doubt()
    done = build(corpus, out)
    assert done.unchanged and done.rendered == 0 and done.parsed == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert build(corpus, out).timings.keys() == {"check"}  # taken at a glance: not even loaded
    path = reports(corpus)[0]
    path.write_text(path.read_text() + "\nOne more sentence.\n")
    done = build(corpus, out)
    assert not done.unchanged and done.parsed == 1
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_a_body_edit_renders_its_report_and_indexes_its_shard(corpus, tmp_path):
    out = tmp_path / "site"
    build(corpus, out)
    path = reports(corpus)[10]
    path.write_text(path.read_text() + "\nOne more sentence.\n")
    done = build(corpus, out)
    assert done.parsed == 1 and done.indexed == 1
    # its page and its two citation files, the four data files that carry every report and event and
    # events-filter.json, and the data page that gives their sizes
    assert done.rendered == 9


def test_a_build_that_renders_few_pages_forks_no_worker(corpus, tmp_path, monkeypatch):
    """A worker would soon hold a copy of most of the archive (at 100,000
    reports, 1.3 GB) to save a small part of a small render."""
    real, asked = incidents.pipeline.fork_map, []
    monkeypatch.setattr(incidents.pipeline, "fork_map", lambda func, items, jobs=None, **kw: (
        asked.append((len(items), jobs)), real(func, items, jobs, **kw))[1])
    out = tmp_path / "site"
    first = build(corpus, out, search=False)
    path = reports(corpus)[10]
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    done = build(corpus, out, search=False)
    # Made in this process: the data files and datapackage.json, then the data page (one language) ...
    assert asked[0] == (first.rendered - len(incidents.pipeline.DATA_FILES) - 1, None)  # every core for the whole site
    # ... of which an edit makes the four data files again, and the data page
    assert asked[1] == (done.rendered - 5, 1) and done.rendered * incidents.pipeline.FORK_SHARE < asked[0][0]


def test_a_build_with_nothing_to_do_imports_no_parser_or_renderer(corpus, tmp_path):
    """Importing Jinja2, Markdown and the views took two thirds of such a build."""
    import subprocess
    import sys
    out_of_the_clock_s_doubt()  # files just written are hashed again, not taken at a glance (cache.RACY_NS)
    out = tmp_path / "site"
    build(corpus, out, search=False)
    script = ("import sys; from pathlib import Path; from incidents.build import build; "
              f"done = build(Path({str(corpus)!r}), Path({str(out)!r}), search=False); "
              "print(done.unchanged, sorted(m for m in ('jinja2', 'markdown_it', 'incidents.pipeline', "
              "'incidents.site.render') if m in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ran.stdout.split("\n")[0] == "True []", ran.stdout + ran.stderr


def test_an_edit_within_the_clock_s_resolution_is_seen(corpus, tmp_path):
    """A file changed again in the same instant, at the same size, is read
    again: its time is too close to the last build's to be trusted."""
    out = tmp_path / "site"
    path = reports(corpus)[5]
    path.write_text(path.read_text().replace("title: ", "title: A", 1))
    stat = path.stat()
    build(corpus, out)
    path.write_text(path.read_text().replace("title: A", "title: B", 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert build(corpus, out).parsed == 1


def test_an_edit_whose_time_was_put_back_or_two_files_swapped_are_seen(corpus, tmp_path, short_clock_doubt):
    """Same size, and the modification time a tool put back (touch -r, tar,
    cp -p) or shared (two files swapped by renaming, both of one time): the
    change time and the inode still say it, and the site is a clean build's.
    A static file alike."""
    out = tmp_path / "site"
    (corpus / "static").mkdir()
    css = corpus / "static/extra.css"
    css.write_text("p { color: red; }\n")
    first, second = reports(corpus)[3], reports(corpus)[4]
    for n, path in enumerate((first, second)):
        retitle(path, f"Swapped report number {n}")
        os.utime(path, (1_700_000_000, 1_700_000_000))
    out_of_the_clock_s_doubt()
    build(corpus, out)
    edited = reports(corpus)[10]
    title = re.search(r"^title: ...", edited.read_text(), re.M).group(0)
    for path, old, new in ((edited, title, "title: Qzx"), (css, "red", "tan")):
        was = path.stat()
        text = path.read_text()
        path.write_text(text.replace(old, new, 1))  # the same size
        assert path.stat().st_size == was.st_size and path.read_text() != text
        os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))
    parked = first.with_name("parked.md")
    first.rename(parked), second.rename(first), parked.rename(second)
    out_of_the_clock_s_doubt()
    done = build(corpus, out)
    assert not done.unchanged and done.parsed == 3
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)
    assert "Swapped report number 1" in (out / "reports" / first.stem / "index.html").read_text()
    assert "tan" in (out / "extra.css").read_text()


def test_a_changed_output_file_is_put_right(corpus, tmp_path):
    out = tmp_path / "site"
    build(corpus, out)
    page = out / "events/index.html"
    page.write_text("tampered")
    (out / "timeline/index.html").unlink()
    done = build(corpus, out)
    assert not done.unchanged and done.rendered == 2
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_templates_are_compiled_once_per_process_and_again_when_they_change(make_site, tmp_path, monkeypatch):
    """A clean build in a process that built before compiles no template again (a third of a
    small build's time), and a template whose source changed is compiled anew, never served
    from what was compiled before."""
    import jinja2

    from conftest import report
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    root = make_site({"content/reports/a.md": report()})
    build(root, tmp_path / "one", search=False)
    compiled.clear()
    build(root, tmp_path / "two", search=False)  # from nothing, into a new folder: no cache on disk
    assert compiled == [] and tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")
    page = (ROOT / "templates/404.html").read_text(encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates/404.html").write_text(page.replace("</h1>", " (overridden)</h1>", 1), encoding="utf-8")
    build(root, tmp_path / "three", search=False)
    assert compiled == ["404.html"]
    assert "(overridden)</h1>" in (tmp_path / "three/404.html").read_text(encoding="utf-8")


def test_a_new_generator_version_builds_everything_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "site"
    first = build(corpus, out)
    monkeypatch.setattr(incidents.build, "code_key", lambda: "another version")
    done = build(corpus, out)
    assert done.parsed == first.parsed and done.rendered == first.rendered and done.indexed == first.indexed
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_a_new_generator_version_rewrites_no_file_whose_bytes_are_the_same(corpus, tmp_path, monkeypatch):
    """What the output and its twin hold outlives the generator's version: its
    first build renders everything but writes only the files that differ."""
    out = tmp_path / "site"
    build(corpus, out)
    old = {f.relative_to(out): f.stat().st_mtime_ns for f in out.rglob("*") if f.is_file()}
    monkeypatch.setattr(incidents.build, "code_key", lambda: "another version")
    build(corpus, out)
    pages = [f for f in out.rglob("*") if f.is_file() and f.relative_to(out).parts[0] != "pagefind"]
    assert all(old.get(f.relative_to(out)) == f.stat().st_mtime_ns for f in pages)  # the index is made anew
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_after_a_lost_cache_an_edit_copies_no_page_again(corpus, tmp_path):
    """With the cache gone, the old output, kept as the next build's twin, is
    recognised file by file: the edit after it writes its few pages into it,
    not the whole site again."""
    out = tmp_path / "site"
    build(corpus, out)
    old = {f.relative_to(out): f.stat().st_mtime_ns for f in out.rglob("*") if f.is_file()}
    shutil.rmtree(tmp_path / ".site.cache")
    build(corpus, out)
    path = reports(corpus)[10]
    path.write_text(path.read_text() + "\nOne more sentence.\n")
    build(corpus, out)
    files = [f for f in out.rglob("*") if f.is_file()]
    assert sum(old.get(f.relative_to(out)) == f.stat().st_mtime_ns for f in files) > 0.9 * len(files)
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_a_shard_indexed_again_keeps_just_the_files_its_index_uses(corpus, tmp_path):
    """Pagefind leaves the last index's hashed files in place; those the new
    metadata does not name are removed, so the index is the clean build's."""
    out = tmp_path / "site"
    build(corpus, out)
    for i in (10, 40, 70):
        path = reports(corpus)[i]
        path.write_text(retitle_text(path.read_text(), f"Retitled report {i}") + "\nWords nobody used before: zyxtrel.\n")
        done = build(corpus, out)
        assert done.indexed >= 1
        for entry in out.glob("pagefind/**/pagefind-entry.json"):
            folder = entry.parent
            hashed = {f.relative_to(folder).as_posix() for f in folder.rglob("*.pf_*")
                      if "shards" not in f.relative_to(folder).parts}
            assert used_files(folder) == hashed
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_a_shard_whose_metadata_cannot_be_read_is_indexed_from_nothing(corpus, tmp_path, monkeypatch):
    """Should a future Pagefind write metadata pagefindfiles.py cannot read, a
    stale shard is indexed again from an empty folder: still the clean bytes."""
    out = tmp_path / "site"
    build(corpus, out)
    monkeypatch.setattr(incidents.search.index, "used_files", lambda folder: None)
    path = reports(corpus)[10]
    path.write_text(path.read_text() + "\nWords nobody used before: zyxtrel.\n")
    assert build(corpus, out).indexed >= 1
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_an_index_whose_metadata_cannot_be_read_is_named_so(tmp_path):
    assert used_files(tmp_path) is None
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_1"}}}')
    (tmp_path / "pagefind.en_1.pf_meta").write_bytes(b"not gzip")
    assert used_files(tmp_path) is None


def retitle_text(text: str, title: str) -> str:
    return re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)


def test_the_cache_lives_beside_the_output(corpus, tmp_path):
    build(corpus, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.cache", "archive", "site"]
    assert sorted(p.name for p in corpus.iterdir()) == ["content", "site.yaml"]


def tree_digest_of_clean(root: Path, tmp_path: Path) -> dict:
    folder = tmp_path / f"clean-{time.monotonic_ns()}"
    clean(root, folder)
    return tree_digest(folder)


# The shards ------------------------------------------------------------------

def test_shards_keep_each_report_with_its_event_and_cover_every_page(corpus):
    archive = link(load(corpus))
    shards = plan_shards(archive, 40)
    assert shards[0].name == "" and len(shards) > 3
    where = {f: s.name for s in shards for f in s.files}
    assert len(where) == sum(len(s.files) for s in shards)  # no page in two shards
    for e in archive.events.values():
        assert {where[f"reports/{r}/index.html"] for r in e.reports} == {where[f"events/{e.slug}/index.html"]}
    assert {f for f in where if f.startswith(("actors/", "locations/"))} == {
        f for s in shards if s.name == "" for f in s.files}  # one index of names, however many
    assert plan_shards(archive, 40) == shards  # the same content, the same shards
    assert plan_shards(archive, 10_000) == [type(shards[0])("", tuple(sorted(where)))]  # small: one index


def test_a_shard_knows_the_years_its_events_start_and_those_its_pages_reach(corpus, tmp_path):
    """"from" to "to" for a year filter (an event of December that ends in January
    is found under both years); "from" to "last" for the years the search page names."""
    archive = link(load(corpus))
    event = max(archive.events.values(), key=lambda e: e.date)
    report = archive.reports[event.reports[0]]  # one of its reports says it ran into the next year
    path = corpus / "content/reports" / f"{report.slug}.md"
    text = re.sub(r"^end_date: .*\n", "", path.read_text(), flags=re.M)
    path.write_text(re.sub(r"^(date: .*)$", rf"\1\nend_date: {event.date.year + 1}-01-03", text, count=1, flags=re.M))
    newest = plan_shards(link(load(corpus)))[1]
    assert newest.years == (newest.years[0], event.date.year + 1, event.date.year)


def test_a_shard_is_as_small_as_twenty_shards_allow(corpus, monkeypatch):
    """An edit indexes its shard again (about 2 ms of Pagefind's time a page) and
    a search of every year asks every shard: shards of 160 pages while 20 hold
    the archive, then 250, then 500, then 1,000 however many; up to 1,000
    pages, one index."""
    monkeypatch.delenv("INCIDENTS_SHARD_PAGES")
    sizes = {pages: shard_pages(pages) for pages in (1_001, 2_800, 3_200, 3_201, 5_000, 5_001, 10_000, 10_001,
                                                     140_000)}
    assert sizes == {1_001: 160, 2_800: 160, 3_200: 160, 3_201: 250, 5_000: 250, 5_001: 500, 10_000: 500,
                     10_001: 1000, 140_000: 1000}
    archive = link(load(corpus))  # 150 reports: one index
    assert [s.name for s in plan_shards(archive)] == [""]


def test_indexed_digest_leaves_out_what_pagefind_ignores_and_nothing_else():
    page = '<main><p>{}</p><section data-pagefind-ignore><section>{}</section></section><p>z</p></main>'
    assert indexed_digest(page.format("a", "b")) == indexed_digest(page.format("a", "c"))
    assert indexed_digest(page.format("a", "b")) != indexed_digest(page.format("x", "b"))
    # Pagefind reads filters, sorts and metadata inside ignored elements too
    tagged = '<main><p>a</p><div hidden data-pagefind-ignore><span data-pagefind-{}="x">{}</span></div></main>'
    for kind in ("filter", "meta", "sort"):
        assert indexed_digest(tagged.format(kind, "Wagner")) != indexed_digest(tagged.format(kind, "FAMa")), kind
    # the word in a value or in text is no mark; an element never closed leaves nothing out
    for text in ['<main><a href="/data-pagefind-ignore">{}</a></main>', "<main>data-pagefind-ignore {}</main>",
                 "<main><p data-pagefind-ignore>{}<p>z</main>", "<main><br data-pagefind-ignore>{}</main>"]:
        assert indexed_digest(text.format("a")) != indexed_digest(text.format("b")), text


def test_a_build_that_fails_half_way_leaves_the_output_as_it_was(corpus, tmp_path):
    """The twin a build writes into is made of hard links to the output's
    files: it replaces them, never writes through them."""
    out = tmp_path / "site"
    build(corpus, out)
    before = tree_digest(out)
    for path in reports(corpus)[:20]:
        path.write_text(path.read_text() + "\nEdited.\n")
    (corpus / "templates").mkdir()
    (corpus / "templates/search.html").write_text((ROOT / "templates/search.html").read_text().replace(
        "<h1>{{ _(\"Search\") }}</h1>", "<h1>Search{{ no_such_thing }}</h1>"))
    with pytest.raises(ContentError):
        build(corpus, out)  # every page is written before the search page fails (pages go in order)
    assert (tmp_path / ".site.cache/site/reports").is_dir()
    assert tree_digest(out) == before
    shutil.rmtree(corpus / "templates")
    build(corpus, out)
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def test_a_list_that_fails_while_pagefind_indexes_leaves_the_output_as_it_was(corpus, tmp_path, monkeypatch):
    """An edit's pages that Pagefind reads are made first, and Pagefind indexes
    their shard while the other pages (lists, feeds, data files) are made. When
    one of those fails, the build waits for Pagefind, then stops: the output
    stays as it was, and the next good build is a clean build's."""
    real, ended = incidents.search.index.index_shards, []

    def slow(site, shards, sent=None):  # still indexing when the list fails
        time.sleep(0.5)
        real(site, shards, sent)
        ended.append(True)

    monkeypatch.setattr(incidents.search.index, "index_shards", slow)
    out = tmp_path / "site"
    (corpus / "templates").mkdir()
    (corpus / "templates/reports.html").write_text((ROOT / "templates/reports.html").read_text().replace(
        "{% block main %}\n", "{% block main %}\n{% for r in reports if 'Boom' in r.title %}{{ 1 // 0 }}{% endfor %}\n"))
    build(corpus, out)
    before = tree_digest(out)
    retitle(reports(corpus)[10], "Boom in the market")
    ended.clear()
    with pytest.raises(ContentError) as failed:
        build(corpus, out)
    assert ended == [True]  # no Pagefind left writing into the site's twin
    [problem] = failed.value.problems
    assert problem.path == "templates/reports.html" and "ZeroDivisionError" in problem.message
    assert tree_digest(out) == before
    retitle(reports(corpus)[10], "Calm in the market")
    done = build(corpus, out)
    assert done.indexed == 1 and done.rendered * incidents.pipeline.FORK_SHARE < len(list(out.rglob("*.html")))
    assert tree_digest(out) == tree_digest_of_clean(corpus, tmp_path)


def search_index(folder: Path) -> dict:
    """The search index of a built or previewed site, file by file (not the preview's own record)."""
    return {k: v for k, v in tree_digest(folder).items() if k.startswith("pagefind/") and k != LiveIndex.KEYS}


def indexed_preview(corpus: Path, tmp_path: Path) -> tuple[Incremental, LiveIndex, str]:
    """A preview of `corpus` built and its search index made (LiveIndex), and its address."""
    base = "http://127.0.0.1:8000/"
    preview = Incremental(corpus, tmp_path / "preview", base)
    assert preview.rebuild().ok
    live = LiveIndex(preview.out)
    assert live.update(preview.archive, dict(preview.indexed)) >= 3
    return preview, live, base


def clean_index(corpus: Path, folder: Path, base: str) -> dict:
    """The search index of a clean build of `corpus` into `folder`."""
    build(corpus, folder, base_url=base)
    return search_index(folder)


def test_the_preview_s_index_after_edits_is_a_clean_build_s(corpus, tmp_path):
    """The preview server's index (LiveIndex), brought up to date shard by shard
    over its last files, holds exactly what a clean build's index holds."""
    base = "http://127.0.0.1:8000/"
    preview = Incremental(corpus, tmp_path / "preview", base)
    live = LiveIndex(preview.out)
    for i in (None, 10, 70):
        if i is not None:
            path = reports(corpus)[i]
            path.write_text(retitle_text(path.read_text(), f"Retitled report {i}") + "\nWords nobody used: zyxtrel.\n")
            assert preview.rebuild([path]).ok
        else:
            assert preview.rebuild().ok
        assert live.update(preview.archive, dict(preview.indexed)) >= 1
        clean_out = tmp_path / f"clean-{i}"
        assert search_index(preview.out) == clean_index(corpus, clean_out, base)
        assert (preview.out / LiveIndex.KEYS).is_file()  # its record of what it indexed, for the next preview
    # A preview stopped while it indexed leaves no record, and maybe shards of another plan: the next
    # one's index is a clean build's again, those shards gone.
    (preview.out / LiveIndex.KEYS).unlink()
    (preview.out / "pagefind/shards/1999").mkdir(parents=True)
    (preview.out / "pagefind/shards/1999/pagefind-entry.json").write_text("{}")
    assert LiveIndex(preview.out).update(preview.archive, dict(preview.indexed)) >= 1
    assert search_index(preview.out) == search_index(clean_out)


def test_the_preview_s_index_is_served_whole_while_it_is_made_again(corpus, tmp_path, monkeypatch):
    """A search page loaded while the preview indexes again finds each index's
    entry, and the main index's pagefind.js (a shard has none: the search page
    merges it), the last index's until Pagefind writes the new one over them:
    they were removed before Pagefind began, 404 for the second it took. What
    the new index does not write again is removed after."""
    preview, live, base = indexed_preview(corpus, tmp_path)
    path = reports(corpus)[10]
    shard = next(s for s in plan_shards(preview.archive) if f"reports/{path.stem}/index.html" in s.files)
    stray = preview.out / shard.folder / "pagefind-ui.js"  # as a Pagefind of another version left it
    stray.write_text("// not ours")
    seen = []
    real = incidents.search.index.index_shards

    def watched(site, shards, sent=None):
        for s in shards:
            seen.append([(site / s.folder / name).is_file()
                         for name in ("pagefind-entry.json", *(() if s.name else ("pagefind.js",)))])
        return real(site, shards, sent)

    monkeypatch.setattr(incidents.search.index, "index_shards", watched)
    retitle(path, "Retitled while a reader searches")
    assert preview.rebuild([path]).ok
    assert live.update(preview.archive, dict(preview.indexed)) >= 1
    assert seen and all(all(found) for found in seen), seen
    assert not stray.exists()
    assert search_index(preview.out) == clean_index(corpus, tmp_path / "clean", base)


def test_a_page_the_preview_writes_again_while_it_indexes_is_no_damage(corpus, tmp_path):
    """The search thread takes the pages' digests, then reads the pages: a save
    meanwhile has the preview write a page again, which is not a page changed
    by hand (every page was rendered again for it, about once in fifteen quick
    saves). A page of the plan not written yet (the pages forgotten, a rebuild
    still to come) is NotWritten, where a KeyError was said in the terminal."""
    preview, live, base = indexed_preview(corpus, tmp_path)
    path = reports(corpus)[10]
    retitle(path, "Saved once")
    assert preview.rebuild([path]).ok
    taken = dict(preview.indexed)  # the search thread's copy
    retitle(path, "Saved again while the index is made")
    assert preview.rebuild([path]).ok  # the preview writes the page again meanwhile
    with pytest.raises(CacheDamaged):
        LiveIndex(preview.out).update(preview.archive, taken)  # without `now`: taken for a hand's change
    assert live.update(preview.archive, taken, now=preview.indexed.get) >= 1
    assert live.update(preview.archive, dict(preview.indexed), now=preview.indexed.get) >= 1  # again, as it is
    assert search_index(preview.out) == clean_index(corpus, tmp_path / "clean", base)
    preview.forget()
    with pytest.raises(NotWritten):
        live.update(preview.archive, dict(preview.indexed))


def test_a_page_a_rebuild_removes_while_the_index_reads_it_is_no_damage(corpus, tmp_path):
    """A report added and deleted a moment later: the search thread took the
    digests with its page, the next rebuild removed it. Not a page damaged (which
    made the preview forget every page, say links to pages it has as missing,
    and render all again): NotWritten, and the next run indexes what is there."""
    preview, live, base = indexed_preview(corpus, tmp_path)
    source = reports(corpus)[10]
    added = source.with_name("added-then-deleted.md")
    added.write_text(retitle_text(source.read_text(), "Added a moment ago"))
    assert preview.rebuild([added]).ok
    archive, taken = preview.archive, dict(preview.indexed)  # the search thread's copies, with the new page
    added.unlink()
    assert preview.rebuild([added]).ok  # its page removed meanwhile
    with pytest.raises(NotWritten):
        live.update(archive, taken, now=preview.indexed.get)
    live.update(preview.archive, dict(preview.indexed), now=preview.indexed.get)  # the run the rebuild asked for
    assert search_index(preview.out) == clean_index(corpus, tmp_path / "clean", base)


def test_the_preview_s_index_files_damaged_by_hand_are_made_again(corpus, tmp_path):
    """Pagefind names a fragment, a word index, a filter or a metadata file by the
    SHA-1 of what it holds, and leaves a file of the name it would write as it
    is: one cut short, edited or swapped with another in .serve/ was served for
    good. The preview checks them: a stale shard's at each update, every shard's
    at its start; the index is a clean build's again."""
    base = "http://127.0.0.1:8000/"
    preview = Incremental(corpus, tmp_path / "preview", base)
    assert preview.rebuild().ok
    assert LiveIndex(preview.out).update(preview.archive, dict(preview.indexed)) >= 3
    clean = clean_index(corpus, tmp_path / "clean", base)
    assert search_index(preview.out) == clean
    hashed = sorted(p for p in (preview.out / "pagefind").rglob("*.pf_*") if p.is_file())
    assert hashed and all(sound(p) for p in hashed)
    fragments = [p for p in hashed if p.suffix == ".pf_fragment"]
    swapped, other = fragments[0], next(p for p in fragments if p.parent != fragments[0].parent)
    cut = next(p for p in hashed if p.suffix == ".pf_index" and p.parent.parent != swapped.parent.parent)
    meta = next(p for p in hashed if p.suffix == ".pf_meta" and p.parent not in (swapped.parent.parent, cut.parent.parent))
    swapped.write_bytes(other.read_bytes())  # gzip, Pagefind's mark, another fragment's data
    cut.write_bytes(cut.read_bytes()[:-20])
    meta.write_bytes(meta.read_bytes() + b"!")
    assert not any(sound(p) for p in (swapped, cut, meta))
    # A new preview over the damaged folder, nothing else changed: every shard checked.
    live = LiveIndex(preview.out)
    assert live.update(preview.archive, dict(preview.indexed)) == 3
    assert search_index(preview.out) == clean
    # Damaged while the preview runs: found where an edit's shard is indexed again.
    shard = next(s for s in plan_shards(preview.archive) if s.name)
    edited = next(f for f in shard.files if f.startswith("reports/"))
    source = next(p for p in reports(corpus) if p.stem == edited.split("/")[1])
    kept = sorted((preview.out / shard.folder / "fragment").iterdir())
    kept[0].write_bytes(b"not gzip")
    was = kept[1].stat()  # the same size, its time put back (touch -r): its change time says it
    kept[1].write_bytes(os.urandom(was.st_size))
    os.utime(kept[1], ns=(was.st_atime_ns, was.st_mtime_ns))
    retitle(source, "Retitled beside a damaged fragment")
    assert preview.rebuild([source]).ok
    assert live.update(preview.archive, dict(preview.indexed)) == 1
    assert search_index(preview.out) == clean_index(corpus, tmp_path / "clean", base)


def test_a_setting_of_the_environment_changed_is_no_unchanged_build(shipped, tmp_path, monkeypatch):
    """INCIDENTS_SHARD_PAGES (and the other settings cache.SETTINGS names) change what
    a build writes: changed, they are a new generator, whose build gives a clean build's bytes."""
    out = tmp_path / "site"
    monkeypatch.setenv("INCIDENTS_SHARD_PAGES", "10")
    assert build(shipped, out).indexed > 1
    monkeypatch.delenv("INCIDENTS_SHARD_PAGES")
    assert not build(shipped, out).unchanged
    build(shipped, tmp_path / "clean")
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
