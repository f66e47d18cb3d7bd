"""The sample archive generator (python -m incidents.sample): the same bytes
for the same seed, an archive that checks without a problem, every field of
the schemas in use, drafts among the reports, and its Hugo twin."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from sitecheck import tree_digest

from incidents.build import check
from incidents.content.frontmatter import split
from incidents.content.model import ROLES, STANCES
from incidents.sample import write_sample
from incidents.sample.yamltext import BLOCK, FLOW, INNER_FLOW, document

KINDS = {"report": "content/reports", "event": "content/events", "actor": "content/actors"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "archive"
    write_sample(root, 300, seed=1, hugo_site=root.parent / "hugo")
    return root


def front_matters(root: Path) -> dict[str, list[dict]]:
    """Every file's front matter, parsed as the build parses it, by kind."""
    out: dict[str, list[dict]] = {"site": [yaml.safe_load((root / "site.yaml").read_text())]}
    for kind, folder in KINDS.items():
        docs = [split(p.name, p.read_text(encoding="utf-8")) for p in sorted((root / folder).glob("*.md"))]
        assert all(not problems for _, problems in docs)
        out[kind] = [doc.data for doc, _ in docs]
    return out


def schema_fields(node: dict, at: str = "") -> set[str]:
    """Every property the schema allows, as dotted paths (lists see through to their items)."""
    found = set()
    for name, sub in node.get("properties", {}).items():
        found |= {f"{at}{name}"} | schema_fields(sub, f"{at}{name}.")
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key, []):
            found |= schema_fields(sub, at)
    if isinstance(node.get("items"), dict):
        found |= schema_fields(node["items"], at)
    return found


def used_fields(value, at: str = "") -> set[str]:
    if isinstance(value, list):
        return set().union(*(used_fields(v, at) for v in value))
    if isinstance(value, dict):
        return set().union(*({f"{at}{k}"} | used_fields(v, f"{at}{k}.") for k, v in value.items()))
    return set()


def test_the_same_seed_gives_the_same_bytes_and_another_seed_others(tmp_path):
    write_sample(tmp_path / "a", 40, seed=7, hugo_site=tmp_path / "a-hugo")
    write_sample(tmp_path / "b", 40, seed=7, hugo_site=tmp_path / "b-hugo")
    write_sample(tmp_path / "c", 40, seed=8)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert tree_digest(tmp_path / "a-hugo") == tree_digest(tmp_path / "b-hugo")
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "c")


def test_a_sample_checks_without_errors_or_warnings(sample, tmp_path):
    assert check(sample) == []
    write_sample(tmp_path / "small", 10)  # the fewest the command allows
    assert check(tmp_path / "small") == []


def test_every_field_of_the_schemas_is_used(sample):
    used = {kind: set().union(*map(used_fields, docs)) for kind, docs in front_matters(sample).items()}
    for kind in ("report", "event", "actor", "site"):
        schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text())
        assert schema_fields(schema) - used[kind] == set(), kind


def test_every_form_of_a_value_is_used(sample):
    """Dates to the day, month and year; places with and without coordinates;
    one claim and several; exact figures, ranges and lower bounds; actors by
    name alone and with each role; each stance of a response."""
    reports = front_matters(sample)["report"]
    dates = {len(str(r["date"])) for r in reports}
    assert dates == {4, 7, 10} and any(isinstance(r["date"], int) for r in reports)
    assert sum("end_date" in r for r in reports) >= 3
    places = [r["location"] for r in reports]
    assert any(isinstance(p, str) for p in places)
    assert any(isinstance(p, dict) and "lat" in p for p in places)
    assert any(isinstance(p, dict) and "region" in p and "lat" not in p for p in places)
    tolls = [r["reported_toll"] for r in reports if "reported_toll" in r]
    assert any(isinstance(t, dict) for t in tolls) and any(isinstance(t, list) and len(t) >= 2 for t in tolls)
    claims = [c for t in tolls for c in (t if isinstance(t, list) else [t])]
    figures = [c[k] for c in claims for k in ("killed", "injured", "missing") if k in c]
    assert {type(f).__name__ if isinstance(f, int) else tuple(f) for f in figures} == {"int", ("min",), ("min", "max")}
    assert not [f for f in figures if f == {"min": 0}]  # "at least 0 injured" says nothing: a reader saw it
    mentions = [m for r in reports for m in r["actors"]]
    assert any(isinstance(m, str) for m in mentions)
    assert {m["role"] for m in mentions if isinstance(m, dict)} == set(ROLES)
    assert {x["stance"] for r in reports for x in r.get("responses", [])} == set(STANCES)
    actors = front_matters(sample)["actor"]
    assert len(actors) >= 20 and sum(bool(a.get("aliases")) for a in actors) >= 10


def test_a_headline_s_figure_is_one_its_own_report_claims(sample):
    """"Death toll … rises to 38" over claims of 33 to 42 killed was a reader's
    first question: every figure in a title is a count of the killed its report gives."""
    said = 0
    for report in front_matters(sample)["report"]:
        figure = re.search(r"\b\d+\b", report["title"])
        if figure is None:
            continue
        said += 1
        toll = report.get("reported_toll")
        killed = [c["killed"] for c in (toll if isinstance(toll, list) else [toll] if toll else []) if "killed" in c]
        counts = {n for k in killed for n in ([k] if isinstance(k, int) else k.values())}
        assert int(figure.group()) in counts, report["title"]
        assert " ied " not in f" {report['title'].lower()} " or "IED" in report["title"], report["title"]
    assert said >= 30


def test_a_few_reports_are_drafts_and_sort_last(sample):
    names = sorted(p.name for p in (sample / "content/reports").glob("*.md"))
    drafts = [n for n in names if "\ndraft: true\n" in (sample / "content/reports" / n).read_text()]
    assert len(drafts) == 3 and drafts == names[-3:]  # tests and benches edit published reports by position


def test_sizes_are_proportioned_as_an_archive_s(sample):
    reports = front_matters(sample)["report"]
    events = Counter(r["event"] for r in reports)
    assert len(reports) == 300 and 90 <= len(events) <= 110 and max(events.values()) >= 3
    assert 10 <= len(list((sample / "content/events").glob("*.md"))) <= 35
    assert 600 * 300 * 0.7 < sum(len(p.read_text().split()) for p in (sample / "content/reports").glob("*.md"))


def test_the_hugo_twin_has_a_page_per_report_event_and_actor(sample):
    hugo = sample.parent / "hugo"
    assert (hugo / "hugo.toml").is_file() and (hugo / "layouts/page.html").is_file()
    for kind in ("reports", "events", "actors"):
        ours = {p.stem for p in (sample / "content" / kind).glob("*.md")}
        twin = ({p.stem for p in (hugo / "content/reports").glob("*.md")} - {"_index"} if kind == "reports"
                else {p.parent.name for p in (hugo / "content" / kind).glob("*/_index.md")})
        assert twin == ours, kind


@pytest.mark.parametrize("value", ["plain", "a: colon", "yes", "2025-02-17", "2025-02-gao", "12", "1e5", "#hash",
                                   "L'Écho de Mopti", "Gao–Algeria road", "“quoted”", " space", "null",
                                   "- dash", "1-2", "0x1f"])
@pytest.mark.parametrize("style", [BLOCK, INNER_FLOW, FLOW])
def test_front_matter_text_reads_back_as_written(value, style):
    data = {"title": value, "source": {"publisher": value, "url": None}, "tags": [value, 3],
            "reported_toll": [{"killed": {"min": 1, "max": 2}, "according_to": value}], "draft": True}
    doc, problems = split("x.md", document(data, "Body.\n", {k: style for k in data}))
    assert problems == [] and doc.data == data and doc.body == "Body.\n"


def test_the_command_writes_a_sample_and_refuses_a_folder_in_use(tmp_path):
    command = [sys.executable, "-m", "incidents.sample", str(tmp_path / "new"), "--reports", "12"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("reports=12 "), done.stderr
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 2 and "is not empty" in again.stderr and "Traceback" not in again.stderr
    # --french: the site in English and French, the same files otherwise (a reader trying the sample never
    # saw the French pages: languages: [en] alone)
    french = subprocess.run([*command[:3], str(tmp_path / "fr"), "--reports", "12", "--french"], cwd=ROOT,
                            capture_output=True, text=True)
    assert french.returncode == 0, french.stderr
    assert yaml.safe_load((tmp_path / "fr/site.yaml").read_text())["languages"] == ["en", "fr"]
    assert yaml.safe_load((tmp_path / "new/site.yaml").read_text())["languages"] == ["en"]
    (tmp_path / "fr/site.yaml").write_text((tmp_path / "fr/site.yaml").read_text().replace("[en, fr]", "[en]"))
    assert tree_digest(tmp_path / "fr") == tree_digest(tmp_path / "new")
    assert check(tmp_path / "new") == []
