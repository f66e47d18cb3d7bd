"""Loading and validation: every rule of the contract, each bad input with its
exact `path:line: field: message`, all problems in one run."""

from __future__ import annotations

import pytest

from conftest import report
from incidents.build import check
from incidents.errors import ContentError
from incidents.load import load

R = "content/reports/r.md"


def problems(root) -> list[str]:
    try:
        check(root)
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


BAD_REPORTS = {
    "impossible date": (report(date="2025-02-30"), f'{R}:4: date: "2025-02-30" is not a date'),
    "missing title": (report(title=None), f"{R}:1: title: is required"),
    "unknown role": (
        report(actors="\n  - name: Wagner Group\n    role: perpetrator"),
        f'{R}:9: actors[0].role: "perpetrator" is not a role (use one of: alleged perpetrator, victim, '
        "claimant, investigator, witness, other)",
    ),
    "end_date before date": (
        report(end_date="2025-02-01"), f'{R}:7: end_date: "2025-02-01" is before the date "2025-02-17"'),
    "negative count": (
        report(reported_toll="{killed: -3}"), f"{R}:7: reported_toll.killed: -3 is negative; counts are 0 or more"),
    "fractional count": (
        report(reported_toll="{killed: 2.5}"), f"{R}:7: reported_toll.killed: 2.5 is not a whole number"),
    "min above max": (
        report(reported_toll="\n  killed: {min: 9, max: 3}"), f"{R}:8: reported_toll.killed.min: min 9 is above max 3"),
    "javascript url": (
        report(source="\n  publisher: X\n  url: javascript:alert(1)"),
        f'{R}:8: source.url: "javascript:alert(1)" is not an http or https URL'),
    "location without name": (report(location="{region: Gao}"), f"{R}:5: location.name: is required"),
    "mapping for a string": (report(title="{a: 1}"), f"{R}:2: title: must be text, not a mapping"),
    "unknown field": (report(tittle="x"), f'{R}:7: tittle: unknown field "tittle" (did you mean "title"?)'),
    "unknown stance": (
        report(responses="\n  - by: Malian Armed Forces\n    stance: denies"),
        f'{R}:9: responses[0].stance: "denies" is not a stance (use one of: denied, acknowledged, '
        "investigating, no comment, other)"),
    "event not a slug": (
        report(event="Bad Slug"),
        f'{R}:3: event: "Bad Slug" is not a slug: use lowercase letters a-z, digits and single hyphens'),
    "yaml syntax": ("---\ntitle: [unclosed\nevent: x\n---\n",
                    f"{R}:3: YAML syntax error: did not find expected ',' or ']'"),
    "never closes": ("---\ntitle: x\n", f"{R}:1: the front matter never closes: add a '---' line after it"),
    "empty file": ("", f"{R}:1: the file is empty; it needs front matter between two '---' lines"),
    "alias bomb": ("---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: t\n---\n",
                   f"{R}:3: b[0]: YAML anchors and aliases (&, *) are not allowed"),
}


@pytest.mark.parametrize("case", BAD_REPORTS, ids=list(BAD_REPORTS))
def test_bad_report_names_file_line_and_field(make_site, case):
    text, expected = BAD_REPORTS[case]
    root = make_site({R: text})
    assert expected in problems(root)


def test_every_problem_is_reported_in_one_run(make_site):
    root = make_site({
        "content/reports/a.md": report(date="2025-13-01"),
        "content/reports/b.md": report(title=None, actors="[{name: X, role: boss}]"),
    })
    found = problems(root)
    assert 'content/reports/a.md:4: date: "2025-13-01" is not a date: there is no month 13' in found
    assert "content/reports/b.md:1: title: is required" in found
    assert any(p.startswith("content/reports/b.md:6: actors[0].role:") for p in found)


def test_contract_example_report_is_valid(make_site):
    text = """---
title: Mali army opens inquiry into killing of 24 civilians near Gao
event: 2025-02-gao-road-killings
date: 2025-02-17
end_date: 2025-02-17
location:
  name: Gao–Algeria road
  region: Gao
  country: Mali
  lat: 16.27
  lon: -0.04
source:
  publisher: HumAngle
  url: https://example.org/article
  published: 2025-02-22
  author: Jane Doe
  language: en
  archive_url: https://web.archive.org/web/2025/https://example.org/article
reported_toll:
  killed: 24
  injured: {min: 3, max: 5}
  missing: {min: 2}
  according_to: Azawad Liberation Front
  wording: at least 24 civilians, including women and children
actors:
  - name: Malian Armed Forces
    role: alleged perpetrator
  - Wagner Group
  - name: Azawad Liberation Front
    role: claimant
responses:
  - by: Malian Armed Forces
    stance: denied
    date: 2025-02-18
    quote: fabrications propagated by terrorist networks
tags: [executions, investigation]
draft: false
---
Body in Markdown.
"""
    root = make_site({"content/reports/gao.md": text})
    assert problems(root) == []
    (loaded,) = load(root).reports
    assert loaded.date.text() == "17 February 2025"
    assert [c.count("killed").text() for c in loaded.claims] == ["24"]
    assert loaded.claims[0].count("injured").text() == "3–5"
    assert loaded.claims[0].count("missing").text() == "at least 2"
    assert [(a.name, a.role) for a in loaded.actors] == [
        ("Malian Armed Forces", "alleged perpetrator"), ("Wagner Group", ""), ("Azawad Liberation Front", "claimant")]


def test_month_and_year_precision_dates_are_kept_as_given(make_site):
    root = make_site({"content/reports/a.md": report(date='"2022-03"'), "content/reports/b.md": report(date="2022")})
    dates = {r.slug: r.date for r in load(root).reports}
    assert (dates["a"].text(), dates["a"].precision) == ("March 2022", "month")
    assert (dates["b"].text(), dates["b"].precision) == ("2022", "year")


def test_bom_and_crlf_are_accepted(make_site):
    root = make_site({R: "\ufeff" + report(title="With BOM").replace("\n", "\r\n")})
    assert problems(root) == []
    assert load(root).reports[0].title == "With BOM"


def test_not_utf8_is_an_error_with_its_line(make_site):
    root = make_site({})
    path = root / R
    path.parent.mkdir(parents=True)
    path.write_bytes(report().encode() + b"caf\xe9\n")
    (found,) = problems(root)
    assert found.startswith(f"{R}:9: ") and "UTF-8" in found


def test_alias_claimed_by_two_actors(make_site):
    root = make_site({
        R: report(),
        "content/actors/a.md": "---\nname: Azawad Liberation Front\naliases: [FLA]\n---\n",
        "content/actors/b.md": "---\nname: Front Libre\naliases: [fla, Other]\n---\n",
    })
    assert problems(root) == [
        'content/actors/b.md:3: aliases[0]: "fla" is already claimed by content/actors/a.md ("FLA"); '
        "a name or alias belongs to one actor"]


def test_event_file_that_no_report_names(make_site):
    root = make_site({R: report(), "content/events/2024-01-nothing.md": "---\ntitle: Nothing\n---\n"})
    assert problems(root) == [
        'content/events/2024-01-nothing.md:1: no report names the event "2024-01-nothing" '
        "(a report's event: field must match this file's name)"]


@pytest.mark.parametrize("name, suggestion", [("Bad Name.md", "bad-name.md"), ("a..b.md", "a-b.md"),
                                              ("x.y.md", "x-y.md")])
def test_file_names_must_be_slugs(make_site, name, suggestion):
    root = make_site({f"content/reports/{name}": report()})
    assert problems(root) == [
        f'content/reports/{name}:1: "{name}" is not a valid file name: use lowercase letters a-z, digits and '
        f"hyphens, then .md (such as {suggestion})"]


def test_slugs_that_differ_only_in_case(make_site):
    root = make_site({"content/reports/abc.md": report(), "content/reports/ABC.md": report()})
    assert problems(root) == ["content/reports/ABC.md:1: has the same name as abc.md but for case; on macOS and "
                              "Windows they are one file: rename or remove one"]


def test_site_yaml_base_url_must_be_a_url(make_site):
    root = make_site({R: report()}, site="title: X\nbase_url: not a url\n")
    assert problems(root) == ['site.yaml:2: base_url: "not a url" is not an http or https URL']


def test_drafts_are_validated_but_left_out_unless_asked(make_site):
    root = make_site({R: report(draft="true"), "content/reports/ok.md": report()})
    assert [r.slug for r in load(root).reports] == ["ok"]
    assert sorted(r.slug for r in load(root, drafts=True).reports) == ["ok", "r"]
    bad = make_site({R: report(draft="true", date="2025-02-30")})
    assert problems(bad) == [f'{R}:4: date: "2025-02-30" is not a date']
