"""The preview never sticks: whatever files come, go, move and change, and
however they are batched into rebuilds, the preview's output is after each
rebuild exactly what a clean build of the files as they are gives, and a
rebuild that fails for the content's sake is followed by one that serves.

Hypothesis drives random sequences of file operations against the preview's
engine (incremental.Incremental, as serve.py calls it) on a copy of the
shipped archive, and compares each result with `build` into a new folder."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from conftest import ARCHIVE, ROOT, git
from sitecheck import tree_digest

from incidents.build import build
from incidents.errors import ContentError
from incidents.preview.incremental import Incremental
from incidents.preview.serve import DEFERRED, soon

BASE = "http://127.0.0.1:8000/"
NAMES = ["zz-temp", "a-second-look", "late-report", "gao-road-killings-army-investigation", "renamed"]
EVENTS = ["2022-03-moura-killings", "2025-02-gao-road-killings", "2024-06-abeibara-killings", "2025-01-new-event"]
TITLES = ["A new title", "Another title", "Killings in Moura"]
DATES = ["2022-03-01", "2024-06-19", "2025-02-14", "2025-02-20"]
TAGS = ["executions", "mass graves", "a new tag"]
WORDS = ["One more sentence.", "Ein Satz.", "Une phrase de plus."]


def commit_date(days: int) -> str:
    """The `days`-th commit's date: a day after 1 March 2025, and a second later each time round."""
    return f"2025-03-{1 + days % 28:02d}T12:00:{days // 28 % 60:02d}+00:00"


def tree(folder: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(folder).items() if not k.startswith("pagefind/")}


class PreviewMachine(RuleBasedStateMachine):
    """A contributor (and their editor, and git) at work while the preview runs."""

    def __init__(self) -> None:
        super().__init__()
        assert os.environ.get("INCIDENTS_LIST_PAGE") == "2"
        self.top = Path(tempfile.mkdtemp(prefix="converge-"))
        self.root = self.top / "archive"
        shutil.copytree(ARCHIVE / "content", self.root / "content")
        shutil.copy(ARCHIVE / "site.yaml", self.root / "site.yaml")
        self.reports = self.root / "content" / "reports"
        # An event with no file of its own: its title and dates come from its four reports.
        (self.root / "content/events/2025-02-gao-road-killings.md").unlink()
        self.originals = {p.stem: p.read_text(encoding="utf-8") for p in self.reports.glob("*.md")}
        self.pages = self.root / "content" / "pages"
        # A template of the archive's own that fails as it runs on a title with BOOM in it.
        (self.root / "templates").mkdir()
        (self.root / "templates" / "report.html").write_text((ROOT / "templates" / "report.html").read_text().replace(
            "{% block main %}\n", "{% block main %}\n{% if 'BOOM' in r.item.title %}{{ 1 // 0 }}{% endif %}\n", 1))
        self.pending: set[Path] = set()
        self.builds = 0
        self.commits = 0
        git(self.root, "init", "-q")
        self.commit(0, 0)  # the archive in a repository of its own, so that pages show their History
        self.preview = Incremental(self.root, self.top / "preview", BASE)

    def teardown(self) -> None:
        shutil.rmtree(self.top, ignore_errors=True)

    # helpers ---------------------------------------------------------------
    def files(self) -> list[Path]:
        return sorted(self.reports.glob("*.md"))

    def pick(self, i: int) -> Path:
        files = self.files()
        return files[i % len(files)]

    def write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        self.pending.add(path)

    def clean(self) -> dict[str, str] | None:
        """A clean build's files, or None when the content does not build."""
        self.builds += 1
        out = self.top / f"clean-{self.builds}"
        try:
            build(self.root, out, base_url=BASE, search=False)
        except ContentError:
            return None
        finally:
            shutil.rmtree(self.top / f".clean-{self.builds}.cache", ignore_errors=True)
        try:
            return tree(out)
        finally:
            shutil.rmtree(out)

    # the first build -------------------------------------------------------------
    @initialize()
    def first(self) -> None:
        assert self.preview.rebuild().ok
        self.good = tree(self.preview.out)

    # what a contributor does (each one a change of files; `step` makes a batch of them) --------
    def edit_body(self, i, arg):
        path = self.pick(i)
        self.write(path, path.read_text(encoding="utf-8") + f"\n{WORDS[arg % len(WORDS)]}\n")

    def retitle(self, i, arg):
        path = self.pick(i)
        self.write(path, re.sub(r"^title: .*$", f'title: "{TITLES[arg % len(TITLES)]}"',
                                path.read_text(encoding="utf-8"), count=1, flags=re.M))

    def move_to_event(self, i, arg):
        path = self.pick(i)
        self.write(path, re.sub(r"^event: .*$", f"event: {EVENTS[arg % len(EVENTS)]}",
                                path.read_text(encoding="utf-8"), count=1, flags=re.M))

    def add(self, i, arg):
        name = NAMES[arg % len(NAMES)]
        target = self.reports / f"{name}.md"
        if not target.exists():
            self.write(target, self.pick(i).read_text(encoding="utf-8").replace(
                "source:\n", f"source:\n  url: https://example.org/{name}\n", 1))

    def delete(self, i, arg):
        if len(self.files()) > 1:
            path = self.pick(i)
            path.unlink()
            self.pending.add(path)

    def rename(self, i, arg):
        path, target = self.pick(i), self.reports / f"{NAMES[arg % len(NAMES)]}.md"
        if not target.exists():
            path.rename(target)
            self.pending |= {path, target}

    def come_and_go(self, i, arg):
        """An editor's temporary file, or git: a report made and removed before the rebuild."""
        target = self.reports / f"{NAMES[arg % len(NAMES)]}.md"
        if not target.exists():
            target.write_text(self.pick(i).read_text(encoding="utf-8"), encoding="utf-8")
            target.unlink()
            self.pending.add(target)

    def redate(self, i, arg):
        """A report's date corrected: its event may start on another day."""
        path = self.pick(i)
        self.write(path, re.sub(r"^date: .*$", f"date: {DATES[arg % len(DATES)]}", path.read_text(encoding="utf-8"),
                                count=1, flags=re.M))

    def retag(self, i, arg):
        """A report's tags changed: its event joins one tag's pages and may leave another's."""
        path = self.pick(i)
        text = re.sub(r"^tags:.*\n(?:(?: +|- ).*\n)*", "", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        self.write(path, text.replace("\ntitle:", f"\ntags: [{TAGS[arg % len(TAGS)]}]\ntitle:", 1))

    def break_it(self, i, arg):
        path = self.pick(i)
        self.write(path, re.sub(r"^date: .*$", "date: 2025-02-30", path.read_text(encoding="utf-8"),
                                count=1, flags=re.M))

    def boom(self, i, arg):
        """A title the archive's report.html fails on as it runs: the content reads, the rebuild fails later."""
        path = self.pick(i)
        self.write(path, re.sub(r"^title: .*$", f'title: "BOOM {arg}"', path.read_text(encoding="utf-8"), count=1,
                                flags=re.M))

    def clash(self, i, arg):
        """A static file where a report's page goes, or taken away: the content reads, the rebuild fails later."""
        name = sorted(self.originals)[i % len(self.originals)]
        path = self.root / "static" / "reports" / name / "index.html"
        if path.exists():
            shutil.rmtree(self.root / "static")
        else:
            path.parent.mkdir(parents=True)
            path.write_text("<p>mine</p>\n", encoding="utf-8")
        self.pending.add(path)

    def half_written(self, i, arg):
        """A save caught half-way."""
        path = self.pick(i)
        text = path.read_text(encoding="utf-8")
        self.write(path, text[: len(text) * (arg % 4 + 1) // 5])

    def restore(self, i, arg):
        """A shipped report put back as it was (git checkout)."""
        name = sorted(self.originals)[i % len(self.originals)]
        self.write(self.reports / f"{name}.md", self.originals[name])

    def touch(self, i, arg):
        path = self.pick(i)
        self.write(path, path.read_text(encoding="utf-8"))

    def edit_event_file(self, i, arg):
        events = sorted((self.root / "content/events").glob("*.md"))
        path = events[i % len(events)]
        self.write(path, path.read_text(encoding="utf-8") + "\nA curator's note.\n")

    def edit_actor_file(self, i, arg):
        actors = sorted((self.root / "content/actors").glob("*.md"))
        path = actors[i % len(actors)]
        self.write(path, path.read_text(encoding="utf-8") + "\nMore about them.\n")

    def folder_event(self, i, arg):
        """Some tools (git, file managers) are reported as a change of the whole folder."""
        self.pending.add(self.reports)

    def edit_page(self, i, arg):
        """A page of prose: its text, its title (in the menu or the footer: every page shows it), its place."""
        pages = sorted(self.pages.glob("*.md"))
        if not pages:
            return
        path = pages[i % len(pages)]
        text = path.read_text(encoding="utf-8")
        text = [lambda t: t + "\nOne more line of prose.\n",
                lambda t: re.sub(r"^title: .*$", f"title: {TITLES[i % len(TITLES)]}", t, count=1, flags=re.M),
                lambda t: re.sub(r"^menu: \d+\n", "", t, count=1, flags=re.M) if re.search(r"^menu:", t, re.M)
                else t.replace("\n", "\nmenu: 5\n", 1)][arg % 3](text)  # into the menu, or out of it
        self.write(path, text)

    def add_page(self, i, arg):
        target = self.pages / f"{NAMES[arg % len(NAMES)]}.md"
        if not target.exists():
            self.write(target, f"---\ntitle: {TITLES[i % len(TITLES)]}\n{('menu', 'footer', 'description')[i % 3]}: "
                               f"{i}\n---\nA page of prose.\n")

    def delete_page(self, i, arg):
        pages = sorted(self.pages.glob("*.md"))
        if pages:
            path = pages[i % len(pages)]
            path.unlink()
            self.pending.add(path)

    def commit(self, i, arg):
        """git commits what is there: the pages of the files it touched show it in their History."""
        self.commits += 1
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", f"Change {self.commits}", date=commit_date(self.commits))

    OPERATIONS = ("edit_body", "retitle", "move_to_event", "redate", "retag", "add", "delete", "rename", "come_and_go", "break_it",
                  "boom", "clash",
                  "half_written", "restore", "touch", "edit_event_file", "edit_actor_file", "folder_event",
                  "edit_page", "add_page", "delete_page", "commit")

    # the preview rebuilds after each batch ---------------------------------------------
    @rule(batch=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 20), st.integers(0, 20)),
                         min_size=1, max_size=4),
          data_asked=st.booleans())
    def step(self, batch, data_asked):
        for operation, i, arg in batch:
            getattr(self, operation)(i, arg)
        outcome = self.preview.rebuild(self.pending, defer=DEFERRED, soon=soon)
        self.pending = set()
        assert not outcome.recovered, outcome.recovered  # the quick path must not need rescuing
        if outcome.ok and not outcome.full:
            self.preview.catch_up(skip=DEFERRED)
        if data_asked:  # someone opened a data file
            self.preview.catch_up()
        expected = self.clean()
        if expected is None:
            assert outcome.problems, "the content does not build, but the preview said nothing"
            assert tree(self.preview.out) == self.good, "a failed rebuild changed the preview"
            return
        assert outcome.ok, [str(p) for p in outcome.problems]
        self.preview.catch_up()
        self.good = tree(self.preview.out)
        assert self.good == expected

    @invariant()
    def never_stuck(self):
        assert isinstance(self.preview.problems, list)


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    """Lists in pages of two items: the shipped archive's lists are then cut by year
    and month, and an edit that moves an event or a report moves it between pages;
    the sitemap in parts of 10 pages, as a site of over 50,000 has it (render.sitemap),
    and a report added or removed adds or removes a part."""
    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "2")
    monkeypatch.setenv("INCIDENTS_SITEMAP_URLS", "10")


# Fewer, longer sequences: 12 of up to 12 steps made 121 rebuilds where 20 of up to
# 8 made 126, in 39 s rather than 60 (each sequence starts from a copy, a git
# repository and a full build of its own), and a longer churn before each check.
PreviewMachine.TestCase.settings = settings(
    max_examples=12, stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_the_preview_converges_on_a_clean_build = PreviewMachine.TestCase


@pytest.fixture
def preview(tmp_path) -> tuple[Path, Incremental]:
    root = tmp_path / "archive"
    shutil.copytree(ARCHIVE / "content", root / "content")
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    engine = Incremental(root, tmp_path / "preview", BASE)
    assert engine.rebuild().ok
    return root, engine


def test_a_report_made_and_removed_between_rebuilds_is_no_error(preview):
    """What editors' temporary files and `git checkout` do; it used to stop every later rebuild."""
    root, engine = preview
    temp = root / "content/reports/zz-temp.md"
    temp.write_text((root / "content/reports/moura-killings-humangle.md").read_text())
    temp.unlink()
    other = root / "content/reports/aslagh-killings-humangle.md"
    other.write_text(other.read_text() + "\nOne more sentence.\n")
    outcome = engine.rebuild([temp, other])
    assert outcome.ok and not outcome.recovered
    assert "One more sentence." in (engine.out / "reports/aslagh-killings-humangle/index.html").read_text()


def test_a_quick_rebuild_that_fails_is_put_right_by_a_full_one(preview, monkeypatch):
    """Whatever goes wrong in the incremental path, the save is served, and so is the next."""
    root, engine = preview
    path = root / "content/reports/aslagh-killings-humangle.md"
    path.write_text(path.read_text() + "\nFirst edit.\n")

    reuse, calls = engine._reuse, []

    def fails_once(*args):  # a fault put in the quick path's way, once
        calls.append(args)
        if len(calls) == 1:
            raise KeyError("content/reports/zz-temp.md")
        return reuse(*args)

    monkeypatch.setattr(engine, "_reuse", fails_once)
    outcome = engine.rebuild([path])
    assert outcome.ok and outcome.full and "KeyError" in outcome.recovered
    assert "First edit." in (engine.out / "reports/aslagh-killings-humangle/index.html").read_text()
    monkeypatch.undo()
    path.write_text(path.read_text() + "\nSecond edit.\n")
    outcome = engine.rebuild([path])
    assert outcome.ok and not outcome.full and not outcome.recovered
    assert "Second edit." in (engine.out / "reports/aslagh-killings-humangle/index.html").read_text()


def test_an_event_that_starts_earlier_updates_every_report_page(preview, tmp_path):
    """A report page gives its event's start date (JSON-LD): an event with no
    file of its own starts with its earliest report, so redating one report
    changes the pages of the others, in the preview and in a build."""
    root, engine = preview
    event = root / "content/events/2025-02-gao-road-killings.md"
    event.unlink()
    assert engine.rebuild([event]).ok
    build(root, tmp_path / "site", base_url=BASE, search=False)
    first = root / "content/reports/gao-road-killings-army-investigation.md"
    first.write_text(re.sub(r"^date: .*$", "date: 2020-01-01", first.read_text(), count=1, flags=re.M))
    assert engine.rebuild([first]).ok
    engine.catch_up()
    build(root, tmp_path / "site", base_url=BASE, search=False)
    build(root, tmp_path / "clean", base_url=BASE, search=False)
    page = "reports/gao-road-killings-inquiry-humangle/index.html"
    assert '"startDate":"2020-01-01"' in (tmp_path / "clean" / page).read_text()
    assert tree(engine.out) == tree(tmp_path / "clean")
    assert tree(tmp_path / "site") == tree(tmp_path / "clean")


def test_a_tag_spelt_anew_renders_every_page_of_it(preview, tmp_path):
    """`mass-graves` written `mass graves`: the tag keeps its address, and each of its
    pages heads with the new spelling (found by the machine above)."""
    root, engine = preview
    path = root / "content/reports/abeibara-killings-associated-press.md"
    path.write_text(re.sub(r"^  - mass-graves$", "  - mass graves", path.read_text(), count=1, flags=re.M))
    assert engine.rebuild([path], defer=DEFERRED, soon=soon).ok
    engine.catch_up()
    assert "<h1>mass graves</h1>" in (engine.out / "tags/mass-graves/index.html").read_text()
    build(root, tmp_path / "clean", base_url=BASE, search=False)
    assert tree(engine.out) == tree(tmp_path / "clean")
