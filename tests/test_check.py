"""`build.py check`: errors as GitHub annotations, warnings for likely mistakes, --strict."""

from __future__ import annotations

import itertools
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARCHIVE
from incidents.cli import annotation, main
from incidents.errors import Problem
from incidents.content.lint import _by_deletions, _by_trigrams, distance, near_pairs

ROOT = Path(__file__).resolve().parent.parent
REPORT = "content/reports/gao-road-killings-inquiry-humangle.md"
ABEIBARA = "content/reports/abeibara-killings-associated-press.md"


@pytest.fixture
def archive(tmp_path) -> Path:
    """A copy of the shipped archive, to spoil one file at a time."""
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    shutil.copytree(ARCHIVE / "content", root / "content")
    for folder in ("templates", "static"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(root: Path, rel: str, text: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def run(root: Path, *args: str, capsys) -> tuple[int, list[str], str]:
    status = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_shipped_archive_has_no_errors_and_no_warnings(archive, capsys):
    status, out, err = run(archive, "check", "--strict", capsys=capsys)
    assert (status, out) == (0, [])
    assert "no problems found" in err


def test_one_bad_report_gives_one_annotation_on_its_line(archive):
    """The issue's test: the real command, in the archive's folder."""
    edit(archive, REPORT, "date: 2025-02-17", "date: 2025-02-30")
    line = line_of(archive, REPORT, "date: 2025-02-30")
    before = sorted(p.relative_to(archive) for p in archive.rglob("*"))
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--format", "github"],
                          cwd=archive, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f'::error file={REPORT},line={line}::date: "2025-02-30" is not a date: '
                                        "February 2025 has 28 days"]
    assert sorted(p.relative_to(archive) for p in archive.rglob("*")) == before  # nothing written


def test_a_tag_s_french_name_is_not_said_unused_while_the_report_that_has_it_is_in_error(archive, capsys):
    """Abeibara's report alone has the tags looting and mass-graves, which
    site.yaml names in French: its mistake keeps it from being read, not its
    tags from being used (a contributor told so would delete good names)."""
    site = archive / "site.yaml"
    site.write_text(re.sub(r"^fr:.*$", lambda m: m.group() + "\n  tags:\n    looting: pillage\n"
                           "    mass-graves: fosses communes", site.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0 and [line for line in out if line.startswith("site.yaml")] == []  # the names are good
    assert all("has no name in French" in line for line in out), out  # the other tags are named nowhere
    edit(archive, ABEIBARA, "date: 2024-06-20", "date: 2024-13-20")
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 1
    assert [line for line in out if line.startswith("site.yaml")] == []
    assert any(line.startswith(f"{ABEIBARA}:") and "2024-13" in line for line in out), out


def test_text_format_names_file_line_and_field(archive, capsys):
    edit(archive, REPORT, "role: witness", "role: bystander")
    status, out, _ = run(archive, "check", capsys=capsys)
    line = line_of(archive, REPORT, "role: bystander")
    assert status == 1
    assert out == [f'{REPORT}:{line}: actors[3].role: "bystander" is not a role (use one of: alleged perpetrator, '
                   "victim, claimant, investigator, witness, other)"]


def test_annotations_escape_what_github_would_misread():
    problem = Problem("content/reports/a,b.md", 3, "title", "50% done\nsecond line: here", "warning")
    assert annotation(problem) == ("::warning file=content/reports/a%2Cb.md,line=3::"
                                   "title: 50%25 done%0Asecond line: here")
    assert annotation(Problem("site.yaml", 1, "", "missing")) == "::error file=site.yaml,line=1::missing"


def test_more_annotations_than_github_marks_are_said_to_be_in_the_log(archive, capsys):
    """GitHub marks ten errors (and ten warnings) a step gives on the pull
    request's lines: with more, a notice says that every one is in the log,
    where a contributor would take the unmarked lines for right."""
    for path in sorted((archive / "content/reports").glob("*.md")):
        edit(archive, str(path.relative_to(archive)), "date: ", "date: 20250230 # ", count=1)
    for i in range(5):
        (archive / "content/reports" / f"bad-{i}.md").write_text("---\ntitle: t\n---\n", encoding="utf-8")
    status, out, _ = run(archive, "check", "--format", "github", capsys=capsys)
    errors = [line for line in out if line.startswith("::error ")]
    assert status == 1 and len(errors) > 10
    assert out[-1] == (f"::notice::{len(errors)} errors in all: GitHub marks the first 10 on their lines; every one "
                       "is in this step's log (the Check step, above)")
    assert not [line for line in out if "warnings in all" in line]


def test_warns_on_an_actor_name_a_letter_from_another(archive, capsys):
    edit(archive, ABEIBARA, 'name: "Wagner Group"', 'name: "Wagner Grop"')
    line = line_of(archive, ABEIBARA, "Wagner Grop")
    status, out, err = run(archive, "check", capsys=capsys)
    assert status == 0
    assert out == [f'{ABEIBARA}:{line}: actors[1].name: "Wagner Grop" is one letter away from the actor "Wagner Group" '
                   "(content/actors/wagner-group.md:2); if it is the same actor, fix the spelling or add it to the "
                   "aliases in content/actors/wagner-group.md (warning)"]
    assert "1 warning found" in err


def test_strict_turns_warnings_into_errors(archive, capsys):
    edit(archive, ABEIBARA, 'name: "Wagner Group"', 'name: "Wagner Grp"')
    status, out, _ = run(archive, "check", "--strict", "--format", "github", capsys=capsys)
    assert status == 1
    assert len(out) == 1 and out[0].startswith(f"::error file={ABEIBARA},line=")
    assert '"Wagner Grp" is two letters away from the actor "Wagner Group"' in out[0]
    status, out, _ = run(archive, "check", "--format", "github", capsys=capsys)
    assert status == 0 and out[0].startswith("::warning file=")


def test_warnings_are_said_beside_errors_and_strict_counts_them(archive, capsys):
    """A date after today in one report and a wrong date in another: check says
    both in one run, the warning as a warning; --strict says both as errors,
    and a curator fixes both before the next run, not one after the other. So
    is a name a letter from the name an actor's file gives (the file's is the
    one meant); a name a letter from another that no file gives waits for the
    errors to be fixed: which of the two is the slip is told by the reports
    that use each, some unread."""
    edit(archive, ABEIBARA, "date: 2024-06-20", "date: 2094-06-20")
    edit(archive, ABEIBARA, "end_date: 2024-06-29", "end_date: 2094-06-29")
    edit(archive, REPORT, "date: 2025-02-17", "date: 2025-02-30")
    status, out, err = run(archive, "check", "--format", "github", capsys=capsys)
    assert status == 1 and err.strip() == "1 error found."
    assert [line.split("::")[1] for line in out] == [f"warning file={ABEIBARA},line=4",
                                                     f"error file={REPORT},line={line_of(archive, REPORT, '02-30')}"]
    status, out, err = run(archive, "check", "--strict", "--format", "github", capsys=capsys)
    assert status == 1 and err.strip() == "2 errors found (--strict)." and all(o.startswith("::error ") for o in out)
    edit(archive, ABEIBARA, "date: 2094-06-20", "date: 2024-06-20")
    edit(archive, ABEIBARA, "end_date: 2094-06-29", "end_date: 2024-06-29")
    status, out, err = run(archive, "check", "--strict", capsys=capsys)  # an error alone: not one of --strict's
    assert status == 1 and err.strip() == "1 error found." and len(out) == 1
    edit(archive, ABEIBARA, 'name: "Wagner Group"', 'name: "Wagner Grp"')
    assert [line.split(": ", 1)[1] for line in run(archive, "check", capsys=capsys)[1] if "Wagner Grp" in line] == [
        'actors[1].name: "Wagner Grp" is two letters away from the actor "Wagner Group" '
        "(content/actors/wagner-group.md:2); if it is the same actor, fix the spelling or add it to the aliases in "
        "content/actors/wagner-group.md (warning)"]
    edit(archive, REPORT, 'name: "Kal Akal"', 'name: "Ansar Dine"')  # two names no file gives: it waits
    edit(archive, ABEIBARA, 'name: "Kal akal"', 'name: "Ansar Dine"')
    edit(archive, ABEIBARA, 'by: "Malian Armed Forces"', 'by: "Ansar Dinne"')
    status, out, err = run(archive, "check", capsys=capsys)
    assert not [line for line in out if "Ansar Dinne" in line]
    assert err.splitlines()[-1] == (  # held back, not unsaid
        "note: while there are errors, check holds back the warnings that the files in error could change (a name a "
        "letter or two from another): run check again once the errors are mended")
    status, out, err = run(archive, "check", "--format", "github", capsys=capsys)
    assert out[-1].startswith("::notice::while there are errors, check holds back")


def test_no_toll_is_compared_with_an_event_s_other_reports_while_some_are_not_read(archive, capsys):
    """3 killed in one report of an event, at least 40 in another, at least 24 in
    the other two: no warning. With those two in error, the first two alone
    are not called ten times apart beside the errors: the comparison waits
    for every report of the event."""
    edit(archive, "content/reports/gao-road-killings-army-investigation.md", "killed: 24", "killed: 3")
    edit(archive, "content/reports/gao-road-killings-army-investigation.md", "of 24 civilians", "of 3 civilians")
    edit(archive, "content/reports/gao-road-killings-rising-tensions-analysis.md", "min: 24", "min: 40")
    edit(archive, "content/reports/gao-road-killings-rising-tensions-analysis.md", "least 24 civ", "least 40 civ")
    assert run(archive, "check", "--strict", capsys=capsys)[0] == 0
    for name in ("gao-road-killings-inquiry-humangle", "gao-road-killings-mali-launches-inquiry"):
        edit(archive, f"content/reports/{name}.md", "date: 2025-02-17", "date: 2025-02-30")
    status, out, err = run(archive, "check", "--strict", capsys=capsys)
    assert status == 1 and err.splitlines() == [  # no warning made one, and the one held back is said to wait
        "2 errors found.",
        "note: while there are errors, check holds back the warnings that the files in error could change (a toll "
        "against its event's other reports): run check again once the errors are mended"], out
    assert all("is not a date" in line for line in out)


def test_warns_on_one_actor_named_twice_by_two_of_its_names(archive, capsys):
    """"FAMa" is an alias of the Malian Armed Forces, whom the report names
    already with the same role: its page would list them twice. The same
    actor in another role is another item."""
    edit(archive, ABEIBARA, '  - name: "Wagner Group"\n', '  - name: FAMa\n    role: alleged perpetrator\n'
                                                          '  - name: "Malian army"\n    role: claimant\n'
                                                          '  - name: "Wagner Group"\n')
    status, out, _ = run(archive, "check", capsys=capsys)
    assert (status, out) == (0, [
        f'{ABEIBARA}:{line_of(archive, ABEIBARA, "FAMa")}: actors[1].name: "FAMa" and "Malian Armed Forces" '
        f'(actors[0], line {line_of(archive, ABEIBARA, "Malian Armed Forces")}) are both the actor "Malian Armed '
        'Forces" (content/actors/malian-armed-forces.md), which the page would list twice: remove one of them '
        "(warning)"])


def test_warns_between_two_actors_no_file_knows(archive, capsys):
    """The rarer spelling is the suspect: one response against two mentions."""
    edit(archive, REPORT, 'name: "Kal Akal"', 'name: "Ansar Dine"')
    edit(archive, ABEIBARA, 'name: "Kal akal"', 'name: "Ansar Dine"')
    edit(archive, ABEIBARA, 'by: "Malian Armed Forces"', 'by: "Ansar Dinne"')
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0
    out = [o for o in out if "leave out" not in o]  # Kal Akal, a claimant, is no longer among the actors
    assert len(out) == 1 and out[0].startswith(f"{ABEIBARA}:{line_of(archive, ABEIBARA, 'Ansar Dinne')}: "
                                               'responses[0].by: "Ansar Dinne" is one letter away')


def test_a_mistake_in_site_yaml_does_not_hide_the_content_s_warnings(archive, capsys):
    """site.yaml's error and a report's warning, in one run: not the warning once site.yaml is mended."""
    edit(archive, REPORT, 'name: "Gao–Algeria road"', 'name: "Gao-Algeria road"')
    edit(archive, "site.yaml", "language: en\n", "language: de\n")
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 1 and out == [
        f'{REPORT}:{line_of(archive, REPORT, "Gao-Algeria")}: location.name: "Gao-Algeria road" is one letter away '
        'from the place "Gao–Algeria road" (content/events/2025-02-gao-road-killings.md:5); if it is the same '
        "place, use one spelling (warning)",
        'site.yaml:4: language: "de": the site has no interface in this language (use one of: en, fr)'], out


def test_warns_on_a_place_name_a_letter_from_another(archive, capsys):
    edit(archive, REPORT, 'name: "Gao–Algeria road"', 'name: "Gao-Algeria road"')
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0
    assert out == [f'{REPORT}:{line_of(archive, REPORT, "Gao-Algeria")}: location.name: "Gao-Algeria road" is one '
                   'letter away from the place "Gao–Algeria road" (content/events/2025-02-gao-road-killings.md:5); '
                   "if it is the same place, use one spelling (warning)"]


def test_warns_on_a_short_place_name_with_a_letter_doubled(archive, capsys):
    """Names under six letters are too short for a letter's difference to say a
    slip ("Niono", "Nioro" are two towns); a letter typed twice says one."""
    moura = "content/reports/moura-killings-humangle.md"
    edit(archive, moura, "name: Moura", "name: Mourra")
    status, out, _ = run(archive, "check", capsys=capsys)
    assert (status, out) == (0, [
        f'{moura}:{line_of(archive, moura, "Mourra")}: location.name: "Mourra" is one letter away from the place '
        '"Moura" (content/events/2022-03-moura-killings.md:5); if it is the same place, use one spelling (warning)'])
    edit(archive, moura, "name: Mourra", "name: Moula")
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])


def test_warns_on_coordinates_outside_the_country_the_place_names(archive, capsys):
    """Latitude and longitude swapped put Moura in the Gulf of Guinea's south,
    a sign lost puts it in Niger: said where the maps know the country's
    outline, with the swap where it lands inside; a town a little outside
    the simplified outline is not."""
    moura = "content/reports/moura-killings-humangle.md"
    edit(archive, moura, "lat: 14.03\n  lon: -4.53", "lat: -4.53\n  lon: 14.03")
    line = line_of(archive, moura, "lat:")
    assert run(archive, "check", capsys=capsys)[:2] == (0, [
        f"{moura}:{line}: location.lat: lat -4.53, lon 14.03 is not in Mali, the country of Moura: are latitude and "
        "longitude swapped? lat: 14.03, lon: -4.53 is in it (warning)"])
    edit(archive, moura, "lat: -4.53\n  lon: 14.03", "lat: 14.03\n  lon: 4.53")
    assert run(archive, "check", capsys=capsys)[1] == [
        f"{moura}:{line}: location.lat: lat 14.03, lon 4.53 is not in Mali, the country of Moura: check the "
        "coordinates (west and south are negative), or the country (warning)"]
    edit(archive, moura, "lat: 14.03\n  lon: 4.53", "lat: 12.33\n  lon: -4.53")  # 0.1° south of Mali's outline
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])


@pytest.mark.parametrize("rel, old, new, at, warning", [
    # a report that gives Moura's coordinates, a sign lost, and not its country: Mali, as the event's file gives it
    ("content/reports/moura-killings-humangle.md", "  region: Mopti\n  country: Mali\n  lat: 14.03\n  lon: -4.53",
     "  lat: 14.03\n  lon: 4.53", "lat:",
     "location.lat: lat 14.03, lon 4.53 is not in Mali, the country of Moura (as the archive's other files give it): "
     "check the coordinates (west and south are negative), or the country (warning)"),
    # "Burkina", as French says Burkina Faso, would be a country of its own on the site
    ("content/events/2022-03-moura-killings.md", "country: Mali", "country: Burkina", "Burkina",
     'location.country: "Burkina" is no country\'s name, and the start of "Burkina Faso": if that country is '
     'meant, write "Burkina Faso" (the site lists "Burkina" as a country of its own) (warning)'),
])
def test_warns_on_a_place_s_country_left_out_or_cut_short(archive, capsys, rel, old, new, at, warning):
    edit(archive, rel, old, new)
    assert run(archive, "check", capsys=capsys)[:2] == (0, [f"{rel}:{line_of(archive, rel, at)}: {warning}"])


def test_warns_on_an_event_split_by_a_slug_mistyped_or_left_behind(archive, capsys):
    """One report naming an event a letter from its event's slug makes an event
    of its own, on the same day at the same place; so does a report left
    naming the old slug when the event's file is renamed. Both are said on
    that report's event: line. Two events of one day and place that are
    named by several reports each, or have files, are left alone."""
    gao = "content/reports/gao-road-killings-army-investigation.md"
    edit(archive, gao, "event: 2025-02-gao-road-killings\n", "event: 2025-02-gao-road-killing\n")
    status, out, _ = run(archive, "check", "--strict", capsys=capsys)
    assert (status, out) == (1, [
        f'{gao}:3: event: "2025-02-gao-road-killing" is one letter away from "2025-02-gao-road-killings", an event '
        "of the same place and day (its file content/events/2025-02-gao-road-killings.md and 3 reports), and this "
        'report alone names it: if they are one event, write "2025-02-gao-road-killings"; if they are two '
        "incidents, give this one a file, content/events/2025-02-gao-road-killing.md"])
    edit(archive, gao, "event: 2025-02-gao-road-killing\n", "event: 2025-02-gao-road-killings\n")
    events = archive / "content/events"
    (events / "2025-02-gao-road-killings.md").rename(events / "2025-02-gao-algeria-road-killings.md")
    others = [r.relative_to(archive).as_posix() for r in sorted((archive / "content/reports").glob("gao-road-*.md"))]
    for rel in others:
        if rel != gao:
            edit(archive, rel, "event: 2025-02-gao-road-killings\n", "event: 2025-02-gao-algeria-road-killings\n")
    status, out, _ = run(archive, "check", "--strict", capsys=capsys)
    assert (status, out) == (1, [
        f'{gao}:3: event: "2025-02-gao-road-killings" is an event of its own, on the same day and at the same place '
        'as "2025-02-gao-algeria-road-killings" (its file content/events/2025-02-gao-algeria-road-killings.md and 3 '
        'reports), and this report alone names it: if they are one event, write "2025-02-gao-algeria-road-killings"; '
        "if they are two incidents, give this one a file, content/events/2025-02-gao-road-killings.md"])
    for rel in [rel for rel in others if rel != gao][:1]:  # two events of that day and place, two reports each
        edit(archive, rel, "event: 2025-02-gao-algeria-road-killings\n", "event: 2025-02-gao-road-killings\n")
    (events / "2025-02-gao-algeria-road-killings.md").unlink()
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])


def test_warns_on_an_event_split_by_a_slug_mistyped_and_its_place_written_another_way(archive, capsys):
    """A report naming "2025-02-gao-road-kilings" at "Gao", where the curated
    event "2025-02-gao-road-killings" is at "Gao–Algeria road": a place of its
    own, so not seen beside the event of that place; a letter from a curated
    event of its month is said all the same (a report `new` made, published)."""
    gao = "content/reports/gao-road-killings-army-investigation.md"
    edit(archive, gao, "event: 2025-02-gao-road-killings\n", "event: 2025-02-gao-road-kilings\n")
    edit(archive, gao, 'name: "Gao–Algeria road"', 'name: "Gao"')
    status, out, _ = run(archive, "check", capsys=capsys)
    assert (status, out) == (0, [
        f'{gao}:3: event: "2025-02-gao-road-kilings" is one letter away from "2025-02-gao-road-killings", an event of '
        "the same month (its file content/events/2025-02-gao-road-killings.md), and this report alone names it: if "
        'they are one event, write "2025-02-gao-road-killings" (and the place as its other reports write it); if '
        "they are two incidents, give this one a file, content/events/2025-02-gao-road-kilings.md (warning)"])
    # two villages a letter apart, their slugs apart by the places' names alone: two incidents, no warning
    (archive / "content/events/2025-02-mofa-killings.md").write_text("---\ntitle: Killings in Mofa\n---\n")
    for name, place in (("mofa", "Mofa"), ("mofa-2", "Mofa"), ("mota", "Mota")):
        (archive / f"content/reports/{name}.md").write_text(
            f"---\ntitle: Killings in {place}\nevent: 2025-02-{place.lower()}-killings\ndate: 2025-02-10\n"
            f"location: {place}\nsource: {{publisher: Wire {name}, url: 'https://example.org/{name}'}}\n---\nText.\n")
    status, out, _ = run(archive, "check", capsys=capsys)
    assert not [line for line in out if "mota" in line], out


def test_warns_on_an_event_split_by_a_slug_two_reports_mistype(archive, capsys):
    """Two reports naming a slug a letter or two from a curated event of their
    place and month make an event of their own: said on each one's event: line."""
    reports = sorted((archive / "content/reports").glob("gao-road-*.md"))[:2]
    for path in reports:
        edit(archive, path.relative_to(archive).as_posix(), "event: 2025-02-gao-road-killings\n",
             "event: 2025-02-gao-raod-killings\n")
    status, out, _ = run(archive, "check", capsys=capsys)
    assert (status, out) == (0, [
        f'{path.relative_to(archive).as_posix()}:3: event: "2025-02-gao-raod-killings" is two letters away from '
        '"2025-02-gao-road-killings", an event of the same place and day (its file '
        "content/events/2025-02-gao-road-killings.md and 2 reports), and 2 reports name it and no file curates it: "
        'if they are one event, write "2025-02-gao-road-killings"; if they are two incidents, give this one a file, '
        "content/events/2025-02-gao-raod-killings.md (warning)" for path in reports])
    # a slug of their own, not a letter or two away: a second incident of that day and place, on purpose
    for path in reports:
        edit(archive, path.relative_to(archive).as_posix(), "event: 2025-02-gao-raod-killings\n",
             "event: 2025-02-gao-road-convoy-ambush\n")
    assert run(archive, "check", capsys=capsys)[:2] == (0, [])


def test_no_split_is_said_of_events_told_apart_by_their_day(archive, capsys):
    """Attacks at Tessit on the 10th and on the 11th, slugs with the day in them:
    a digit apart, two incidents, no warning."""
    reports = archive / "content/reports"
    for name, day in (("t1", "10"), ("t2", "10"), ("t3", "11")):
        (reports / f"{name}.md").write_text(
            f"---\ntitle: Attack {name}\nevent: 2025-02-{day}-tessit-attack\ndate: 2025-02-{day}\nlocation: Tessit\n"
            f"source: {{publisher: Wire {name}, url: 'https://example.org/{name}'}}\n---\nText.\n")
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])


def test_warns_on_an_actor_named_by_its_file_s_name(archive, capsys):
    """content/actors/jnim.md gives its actor the name "Group for the Support of
    Islam and Muslims": a report naming "JNIM" names another actor, with a page
    of its own (/actors/jnim-2/), unless the name is an alias."""
    (archive / "content/actors/jnim.md").write_text("---\nname: Group for the Support of Islam and Muslims\n---\n")
    edit(archive, ABEIBARA, 'name: "Wagner Group"', 'name: "JNIM"')
    status, out, _ = run(archive, "check", capsys=capsys)
    assert (status, out) == (0, [
        f'{ABEIBARA}:{line_of(archive, ABEIBARA, "JNIM")}: actors[1].name: "JNIM" is the file name of '
        'content/actors/jnim.md, whose actor is "Group for the Support of Islam and Muslims", not a name or alias of '
        'it: if it is that actor, write "Group for the Support of Islam and Muslims" or add "JNIM" to its aliases; '
        "if it is another, give it a file of its own (content/actors/<another-name>.md, with name: JNIM) (warning)"])
    (archive / "content/actors/jnim.md").write_text("---\nname: Group for the Support of Islam and Muslims\n"
                                                    "aliases: [JNIM]\n---\n")
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])
    (archive / "content/actors/msa-d.md").write_text('---\nname: "MSA-D"\n---\n')  # an en dash, as articles print it
    edit(archive, ABEIBARA, 'name: "JNIM"', 'name: "MSA–D"')
    edit(archive, REPORT, 'according_to: "Front for the Liberation of Azawad"', 'according_to: "MSA D"')
    status, out, _ = run(archive, "check", capsys=capsys)  # in actors and in a claim's according_to alike
    assert [(line.split(":")[0], line.split(": ", 3)[2][:20]) for line in out] == [
        (ABEIBARA, '"MSA–D" is the file '), (REPORT, '"MSA D" is the file ')], out


def test_no_warning_for_names_of_one_actor_or_short_names(archive, capsys):
    # "Wagner" is an alias of the Wagner Group: near, but the same actor.
    edit(archive, ABEIBARA, 'name: "Wagner Group"', 'name: "Wagner"')
    # Short names a letter apart are often different groups (FLA, FLN).
    edit(archive, ABEIBARA, 'name: "Kal akal"', 'name: "FLN"')
    edit(archive, ABEIBARA, 'according_to: "Kal Akal"', 'according_to: "FLN"')  # the claimant still listed
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])


def test_warns_on_one_url_in_two_reports_of_one_event(archive, capsys):
    url = "  url: https://example.org/news/gao\n"
    edit(archive, REPORT, "  publisher: HumAngle\n", "  publisher: HumAngle\n" + url)
    other = "content/reports/gao-road-killings-army-investigation.md"
    edit(archive, other, '  publisher: "Unidentified news website"\n',
         '  publisher: "Unidentified news website"\n  url: http://www.example.org/news/gao/\n')
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0
    assert out == [f"{REPORT}:{line_of(archive, REPORT, 'url:')}: source.url: {other}:{line_of(archive, other, 'url:')} "
                   "has the same URL and the same event: is this report a duplicate? (an article about two "
                   "incidents makes two reports, each with its own event) (warning)"]


def test_a_report_copied_with_its_headline_is_said_on_both(archive, capsys):
    """A copy saved under a new name to start another report, never changed:
    one event, one publisher, one headline. Which is the copy no file says, so
    each is told of the other; reports that give two addresses are two articles."""
    aslagh = "content/reports/aslagh-killings-humangle.md"
    copy = "content/reports/2025-02-16-aslagh-humangle.md"
    (archive / copy).write_text((archive / aslagh).read_text(encoding="utf-8"), encoding="utf-8")
    status, out, _ = run(archive, "check", capsys=capsys)
    line = line_of(archive, aslagh, "title:")  # its title: it gives no headline of the article's (source.title)
    said = ("has the same event, publisher and title: is one of the two a duplicate? (a report copied to start "
            "another keeps them: write the new article's own) (warning)")
    assert (status, out) == (0, [f"{copy}:{line}: title: {aslagh}:{line} {said}",
                                 f"{aslagh}:{line}: title: {copy}:{line} {said}"])
    edit(archive, copy, "  publisher: HumAngle\n", "  publisher: HumAngle\n  url: https://example.org/a\n")
    edit(archive, aslagh, "  publisher: HumAngle\n", "  publisher: HumAngle\n  url: https://example.org/b\n")
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])


def test_one_url_for_two_events_is_a_warning_too(archive, capsys):
    """The same article filed twice, under two events, is as likely a slip as an article about two incidents."""
    url = "  url: https://example.org/news/mali\n"
    edit(archive, REPORT, "  publisher: HumAngle\n", "  publisher: HumAngle\n" + url)
    aslagh = "content/reports/aslagh-killings-humangle.md"
    edit(archive, aslagh, "  publisher: HumAngle\n", "  publisher: HumAngle\n" + url)
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0
    assert out == [f"{REPORT}:{line_of(archive, REPORT, 'url:')}: source.url: {aslagh}:{line_of(archive, aslagh, 'url:')} "
                   'has the same URL, for the event "2025-02-aslagh-killings": is this the same article filed twice? '
                   "(an article about two incidents makes two reports, one for each event: then leave both) (warning)"]


def test_warns_on_two_tags_the_site_shows_as_one(archive, capsys):
    """A tag's page is its slug's: "киллингс" transliterates to the address of
    "killings", and the two would be one tag under the name the reports write
    first (Moura's report, before Aslagh's in the archive's order). Said on the
    first report of each spelling, so that the report that brought the other
    spelling in is told; case, accents and punctuation aside, tags are meant
    as one and not said."""
    aslagh = "content/reports/aslagh-killings-humangle.md"
    moura = "content/reports/moura-killings-humangle.md"
    edit(archive, REPORT, "tags:\n", "tags:\n  - Killíngs\n  - Mass graves\n")
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])
    edit(archive, moura, "tags:\n", "tags:\n  - киллингс\n")
    edit(archive, ABEIBARA, "tags:\n", "tags:\n  - киллингс\n")
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0
    killings = f"{aslagh}:{line_of(archive, aslagh, '- killings')}"
    cyrillic = f"{moura}:{line_of(archive, moura, '- киллингс')}"
    shown = "are one tag on the site, its page /tags/killings/ named \"киллингс\": if they are one tag, write them " \
            "alike; if not, tell them apart (warning)"
    assert out == [f'{killings}: tags[0]: "killings" and "киллингс" ({cyrillic}) {shown}',
                   f'{cyrillic}: tags[0]: "киллингс" and "killings" ({killings}) {shown}']


def test_warns_on_a_toll_tenfold_off_the_other_reports(archive, capsys):
    edit(archive, REPORT, "wording: \"at least 24 ", "wording: \"")  # the figure's words aside (wording_warnings)
    edit(archive, REPORT, "    min: 24", "    min: 239")  # short of ten times: fine
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])
    edit(archive, REPORT, "    min: 239", "    min: 240")  # a zero too many: ten times exactly
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0
    assert out == [f"{REPORT}:{line_of(archive, REPORT, 'reported_toll:')}: reported_toll: 240 killed is ten times "
                   "or more above the 24 of the other reports (the middle of 24, 24, 24) of the event "
                   "2025-02-gao-road-killings: check the figure (warning)"]


def test_warns_below_the_only_other_report(archive, capsys):
    edit(archive, ABEIBARA, "event: 2024-06-abeibara-killings", "event: 2025-02-gao-road-killings")
    edit(archive, ABEIBARA, "  - killed: 46", "  - killed: 1")
    edit(archive, ABEIBARA, "min: 60", "min: 2")
    edit(archive, ABEIBARA, "\"46 civilians", "\"1 civilian")
    edit(archive, ABEIBARA, "least 60 civilians", "least 2 civilians")
    for rel in ("content/reports/gao-road-killings-inquiry-humangle.md",
                "content/reports/gao-road-killings-mali-launches-inquiry.md",
                "content/reports/gao-road-killings-rising-tensions-analysis.md"):
        (archive / rel).unlink()
    (archive / "content/events/2024-06-abeibara-killings.md").unlink()
    status, out, _ = run(archive, "check", capsys=capsys)
    assert status == 0
    assert out == [f"{ABEIBARA}:{line_of(archive, ABEIBARA, 'reported_toll:')}: reported_toll: 2 killed is ten "
                   "times or more below the 24 of the other report of the event 2025-02-gao-road-killings: "
                   "check the figure (warning)",
                   "content/reports/gao-road-killings-army-investigation.md:14: reported_toll: 24 killed is ten "
                   "times or more above the 2 of the other report of the event 2025-02-gao-road-killings: "
                   "check the figure (warning)"]


def test_a_denial_of_any_deaths_is_no_outlier(archive, capsys):
    edit(archive, REPORT, "    min: 24", "    min: 0")
    edit(archive, REPORT, "killed:\n    min: 0", "killed: 0")
    edit(archive, REPORT, "at least 24 passengers", "no passengers")
    assert run(archive, "check", "--strict", capsys=capsys)[:2] == (0, [])


def test_build_prints_warnings_and_still_builds(archive, capsys):
    edit(archive, ABEIBARA, 'name: "Wagner Group"', 'name: "Wagner Grop"')
    status = main(["--root", str(archive), "build", "--out", str(archive / "site-out")])
    out, err = capsys.readouterr()
    assert status == 0
    assert '"Wagner Grop" is one letter away' in err and "(warning)" in err
    assert (archive / "site-out" / "index.html").exists()


@pytest.mark.parametrize("a, b, limit, expected", [
    ("wagner group", "wagner grop", 2, 1),
    ("wagner group", "wagner grp", 2, 2),
    ("wagner group", "wagnr grp", 2, 3),
    ("kal akal", "kal-akal", 1, 1),
    ("moura", "moura", 1, 0),
])
def test_distance_stops_past_its_limit(a, b, limit, expected):
    assert distance(a, b, limit) == expected


def test_near_pairs_needs_long_enough_names():
    names = ["fla", "fln", "niono", "nioro", "kal akal", "kal akel", "battalion 33", "battalion 34",
             "wagner group", "wagner grp"]
    assert sorted(near_pairs(names)) == [("kal akal", "kal akel", 1), ("wagner group", "wagner grp", 2)]


def test_near_pairs_finds_what_comparing_every_pair_finds():
    rng = random.Random(5)
    words = ["".join(rng.choice("abcdeilmnorstu") for _ in range(rng.randint(2, 8))) for _ in range(60)]
    names = [" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(100)]
    for name in names[:40]:  # misspell some: a letter changed, dropped or added, once or twice
        for _ in range(rng.randint(1, 2)):
            k = rng.randrange(len(name))
            name = rng.choice([name[:k] + "x" + name[k + 1:], name[:k] + name[k + 1:], name[:k] + "y" + name[k:]])
        names.append(name)
    names = list(dict.fromkeys(names))
    expected = set()
    for a, b in itertools.combinations(names, 2):
        shorter = min(len(a), len(b))
        limit = 2 if shorter >= 10 else 1 if shorter >= 6 else 0
        if limit and 1 <= distance(a, b, limit) <= limit:
            expected.add(frozenset((a, b)))
    found = {frozenset((a, b)) for a, b, _ in near_pairs(names)}
    assert found == expected and len(found) > 10
    # either way of finding the pairs to compare finds them all
    numbers = [tuple(re.findall(r"\d+", name)) for name in names]
    for candidates in (_by_trigrams(names, numbers, budget=10**9), _by_deletions(names, numbers)):
        assert {frozenset((names[i], names[j])) for i, j in candidates} >= expected


def test_near_pairs_stay_few_when_no_trigram_is_rare():
    """Names made of a few syllables share every trigram: the trigram filter
    would compare most pairs (10 million at 20,000 names); past its budget the
    deletions' index compares a few per name."""
    rng = random.Random(2)
    syllables = ["ka", "lo", "mi", "ta", "ne", "sou", "ba", "di", "ga", "ma", "ko", "ri", "fa", "ze", "bu"]
    names = sorted({" ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(2))
                    for _ in range(5000)})
    numbers = [()] * len(names)
    assert _by_trigrams(names, numbers, budget=20 * len(names) + 20_000) is None
    stats: dict = {}
    pairs = near_pairs(names, stats)
    assert stats["compared"] < len(names) and len(pairs) > 50
    assert all(1 <= distance(a, b, 2) <= 2 for a, b, _ in pairs)
