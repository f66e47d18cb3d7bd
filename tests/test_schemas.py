"""The JSON Schemas in schemas/ and the validator are one source of truth:
every fixture below, good or bad (one rule each), is accepted by both or
refused by both. A few rules no JSON Schema can state are listed in
SCHEMA_CANNOT, and the test checks that the schema indeed lets them through
while the validator refuses them. Rules across files (an event file no
report names, an alias two actors claim) are `check`'s alone and are not
front matter rules at all."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from incidents.content import schema as schemas
from incidents.content.frontmatter import split
from incidents.content.model import ROLES, STANCES
from incidents.new import new_report
from incidents.content.validate import read_actor, read_event, read_report, read_site

ROOT = Path(__file__).resolve().parent.parent
DELETE = object()

REPORT = {
    "title": "Mali army opens inquiry into killing of 24 civilians near Gao",
    "event": "2025-02-gao-road-killings",
    "date": "2025-02-17",
    "location": "Gao–Algeria road",
    "source": {"publisher": "HumAngle"},
}
FULL_REPORT = {
    **REPORT,
    "end_date": "2025-02-18",
    "location": {"name": "Gao–Algeria road", "region": "Gao", "country": "Mali", "lat": 16.27, "lon": -0.04},
    "source": {"publisher": "HumAngle", "url": "https://example.org/a", "published": "2025-02-22",
               "author": "Jane Doe", "language": "en", "archive_url": "https://web.archive.org/web/2025/x"},
    "reported_toll": [{"killed": 24, "injured": {"min": 3, "max": 5}, "missing": {"min": 2},
                       "according_to": "Azawad Liberation Front", "wording": "at least 24 civilians"},
                      {"killed": {"min": 20}, "according_to": "HumAngle"}],
    "actors": [{"name": "Malian Armed Forces", "role": "alleged perpetrator"}, "Wagner Group"],
    "responses": [{"by": "Malian Armed Forces", "stance": "denied", "date": "2025-02-18", "quote": "lies"}],
    "tags": ["executions", "investigation"],
    "draft": False,
}

# (name, changes to REPORT as {dotted.path: value or DELETE}, accepted?)
REPORT_CASES = [
    ("minimal", {}, True),
    ("every field", {"": FULL_REPORT}, True),
    ("month precision", {"date": "2022-03"}, True),
    ("year precision", {"date": "2022"}, True),
    ("year as a YAML number", {"date": 2022}, True),
    ("a numeric title", {"title": 1984}, True),
    ("a numeric event slug", {"event": 2025}, True),
    ("optional fields left empty", {"end_date": None, "source.url": None, "source.author": None,
                                    "source.language": None, "reported_toll": None, "actors": None,
                                    "responses": None, "tags": None, "draft": None}, True),
    ("an empty url", {"source.url": ""}, False),
    ("an empty author", {"source.author": ""}, False),
    ("an invisible title", {"title": "\u200b\u2060"}, False),
    ("a place name of invisible characters", {"location": "\u200b"}, False),
    ("an upper-case scheme", {"source.url": "HTTPS://example.org/a"}, True),
    ("one claim, not a list", {"reported_toll": {"killed": {"min": 24}, "according_to": "FLA"}}, True),
    ("an empty list of claims", {"reported_toll": []}, True),
    ("a whole number written 24.0", {"reported_toll": {"killed": 24.0, "according_to": "FLA"}}, True),
    ("a million", {"reported_toll": {"killed": 1_000_000, "according_to": "FLA"}}, True),
    ("a role left empty", {"actors": [{"name": "FAMa", "role": None}]}, True),
    ("a role written empty", {"actors": [{"name": "FAMa", "role": ""}]}, False),
    ("a draft's claim that names nobody", {"reported_toll": {"killed": 3}, "draft": True}, True),
    ("a claim that names nobody: the publisher's own", {"reported_toll": {"killed": 3}}, True),
    ("a claim in a list that names nobody", {"reported_toll": [{"killed": 3, "according_to": "FLA"}, {"killed": 4}]},
     True),
    ("according_to written empty", {"reported_toll": {"killed": 3, "according_to": ""}}, False),
    ("a count above a million", {"reported_toll": {"killed": 1_000_001, "according_to": "FLA"}}, False),
    ("a count of 1.0e+300", {"reported_toll": {"killed": 1.0e300, "according_to": "FLA"}}, False),
    ("an infinite count", {"reported_toll": {"killed": float("inf"), "according_to": "FLA"}}, False),
    ("a count that is not a number", {"reported_toll": {"killed": float("nan"), "according_to": "FLA"}}, False),
    ("an event slug of 121 characters", {"event": "a" * 121}, False),
    ("an actor's name of 121 characters", {"actors": ["x" * 121]}, False),
    ("a place's name of 121 characters", {"location": {"name": "x" * 121}}, False),
    ("201 actors", {"actors": ["FAMa"] * 201}, False),
    ("201 claims", {"reported_toll": [{"killed": 1, "according_to": "FLA"} for _ in range(201)]}, False),
    ("a tag that is a number", {"tags": [2025, "x"]}, True),
    ("a tag left empty", {"tags": ["x", None]}, False),
    ("a draft keeping import's unknown date", {"date": "FILL IN", "draft": True}, True),
    ("a published report with import's unknown date", {"date": "FILL IN"}, False),
    ("a draft keeping new's placeholders", {"location": "FILL IN", "source.publisher": "FILL IN",
                                            "draft": True}, True),
    ("no title", {"title": DELETE}, False),
    ("no event", {"event": DELETE}, False),
    ("no date", {"date": DELETE}, False),
    ("no location", {"location": DELETE}, False),
    ("no source", {"source": DELETE}, False),
    ("an unknown field", {"titel": "x"}, False),
    ("a blank title", {"title": "  "}, False),
    ("a title that is a list", {"title": ["a"]}, False),
    ("a title that is true", {"title": True}, False),
    ("an event that is not a slug", {"event": "Gao Killings"}, False),
    ("an event with a double hyphen", {"event": "gao--killings"}, False),
    ("a negative event number", {"event": -5}, False),
    ("month 13", {"date": "2025-13-01"}, False),
    ("day 00", {"date": "2025-02-00"}, False),
    ("single-digit month", {"date": "2025-2-17"}, False),
    ("a date in words", {"date": "17 February 2025"}, False),
    ("a year before 1000", {"date": "0999"}, False),
    ("a date that is a fraction", {"date": 2025.5}, False),
    ("a date with too many digits", {"date": 20250217}, False),
    ("an empty date", {"date": None}, False),
    ("a bad end date", {"end_date": "soon"}, False),
    ("an empty location", {"location": ""}, False),
    ("a location that is a number", {"location": 5}, False),
    ("a location that is a list", {"location": ["Gao"]}, False),
    ("a location without a name", {"location": {"region": "Gao"}}, False),
    ("a location with an unknown field", {"location": {"name": "Gao", "town": "Gao"}}, False),
    ("lat without lon", {"location": {"name": "Gao", "lat": 16.2}}, False),
    ("lat out of range", {"location": {"name": "Gao", "lat": 91, "lon": 0}}, False),
    ("lon as text", {"location": {"name": "Gao", "lat": 16, "lon": "west"}}, False),
    ("lat true", {"location": {"name": "Gao", "lat": True, "lon": 0}}, False),
    ("a place's precision", {"location": {"name": "Gao", "lat": 16.2, "lon": -0.1, "precision": "town"}}, True),
    ("a precision written empty", {"location": {"name": "Gao", "precision": ""}}, False),
    ("an unknown precision", {"location": {"name": "Gao", "precision": "village"}}, False),
    ("a precision that is a number", {"location": {"name": "Gao", "precision": 3}}, False),
    ("a source without a publisher", {"source": {"url": "https://example.org/a"}}, False),
    ("a source that is text", {"source": "HumAngle"}, False),
    ("a source with an unknown field", {"source.site": "x"}, False),
    ("an ftp url", {"source.url": "ftp://example.org/a"}, False),
    ("a url without a host", {"source.url": "https://"}, False),
    ("a url without a scheme", {"source.url": "example.org/a"}, False),
    ("a url with a space", {"source.url": "https://example.org/a b"}, False),
    ("a url that is a number", {"source.url": 12}, False),
    ("a bad publication date", {"source.published": "yesterday"}, False),
    ("a language in words", {"source.language": "English"}, False),
    ("a language that is a number", {"source.language": 12}, False),
    ("a bad archive url", {"source.archive_url": "web.archive.org/x"}, False),
    ("a toll that is text", {"reported_toll": "24 killed"}, False),
    ("a claim without a count", {"reported_toll": {"according_to": "FLA"}}, False),
    ("a negative count", {"reported_toll": {"killed": -1, "according_to": "FLA"}}, False),
    ("a fractional count", {"reported_toll": {"killed": 2.5, "according_to": "FLA"}}, False),
    ("a count as text", {"reported_toll": {"killed": "24", "according_to": "FLA"}}, False),
    ("a count that is true", {"reported_toll": {"killed": True, "according_to": "FLA"}}, False),
    ("an empty count", {"reported_toll": {"killed": None, "according_to": "FLA"}}, False),
    ("a range without min", {"reported_toll": {"killed": {"max": 3}, "according_to": "FLA"}}, False),
    ("a range with an unknown field", {"reported_toll": {"killed": {"min": 1, "about": 2}, "according_to": "FLA"}}, False),
    ("a claim with an unknown field", {"reported_toll": {"killed": 1, "dead": 2, "according_to": "FLA"}}, False),
    ("a list of claims holding text", {"reported_toll": ["24"]}, False),
    ("actors that are not a list", {"actors": "Wagner Group"}, False),
    ("an empty actor", {"actors": [None]}, False),
    ("an actor that is true", {"actors": [True]}, False),
    ("an actor without a name", {"actors": [{"role": "victim"}]}, False),
    ("an unknown role", {"actors": [{"name": "FAMa", "role": "perpetrator"}]}, False),
    ("an actor with an unknown field", {"actors": [{"name": "FAMa", "side": "x"}]}, False),
    ("responses that are not a list", {"responses": {"by": "FAMa", "stance": "denied"}}, False),
    ("a response that is text", {"responses": ["denied"]}, False),
    ("a response without by", {"responses": [{"stance": "denied"}]}, False),
    ("a response without a stance", {"responses": [{"by": "FAMa"}]}, False),
    ("an unknown stance", {"responses": [{"by": "FAMa", "stance": "rejected"}]}, False),
    ("a response with a bad date", {"responses": [{"by": "FAMa", "stance": "denied", "date": "May"}]}, False),
    ("a response with an unknown field", {"responses": [{"by": "FAMa", "stance": "denied", "at": 1}]}, False),
    ("tags that are text", {"tags": "executions"}, False),
    ("a tag that is a mapping", {"tags": [{"a": 1}]}, False),
    ("a tag that is true", {"tags": [True]}, False),
    ("draft as text", {"draft": "yes"}, False),
    ("draft as a number", {"draft": 1}, False),
    ("new's placeholder place, published", {"location": "FILL IN"}, False),
    ("new's placeholder place in a mapping, published", {"location": {"name": "FILL IN"}, "draft": False},
     False),
    ("new's placeholder publisher, published", {"source.publisher": "FILL IN"}, False),
    ("import's unknown place, published", {"location": {"name": "Unknown place"}}, False),
    ("import's event of an unknown place, published", {"event": "2025-02-unknown-place-killings"}, False),
    ("import's unknown place, in a draft", {"location": "Unknown place", "draft": True}, True),
]

# Refused by the validator, let through by the schema: rules no JSON Schema states.
SCHEMA_CANNOT = [
    ("no 30 February (a calendar)", {"date": "2025-02-30"}),
    ("no 31 April (a calendar)", {"date": "2025-04-31"}),
    ("end_date before date (two fields compared)", {"end_date": "2025-02-16"}),
    ("min above max (two values compared)", {"reported_toll": {"killed": {"min": 5, "max": 3},
                                                                "according_to": "FLA"}}),
    ("a year written 2025.0 (JSON Schema counts it an integer)", {"date": 2025.0}),
]

EVENT_CASES = [
    ("empty", {}, True),
    ("every field", {"title": "Moura killings", "date": "2022-03", "end_date": "2022-04",
                     "location": {"name": "Moura", "region": "Mopti", "lat": 14.03, "lon": -4.53}}, True),
    ("a place as text", {"location": "Moura"}, True),
    ("empty fields", {"title": None, "date": None, "location": None}, True),
    ("a blank title", {"title": " "}, False),
    ("an unknown field", {"summary": "x"}, False),
    ("a bad date", {"date": "March 2022"}, False),
    ("a place that is a number", {"location": 5}, False),
    ("a place without a name", {"location": {"country": "Mali"}}, False),
    ("a title that is a list", {"title": ["a"]}, False),
]
ACTOR_CASES = [
    ("a name", {"name": "Wagner Group"}, True),
    ("every field", {"name": "Wagner Group", "aliases": ["Wagner", 7], "kind": "private military company"},
     True),
    ("an alias left empty", {"name": "Wagner Group", "aliases": ["Wagner", None]}, False),
    ("no aliases", {"name": "Wagner Group", "aliases": None}, True),
    ("no name", {"kind": "armed group"}, False),
    ("a blank name", {"name": ""}, False),
    ("a name of zero-width spaces", {"name": "\u200b\u200b"}, False),
    ("an empty alias", {"name": "Wagner Group", "aliases": [""]}, False),
    ("aliases as text", {"name": "Wagner Group", "aliases": "Wagner"}, False),
    ("an alias that is a mapping", {"name": "Wagner Group", "aliases": [{"name": "Wagner"}]}, False),
    ("an unknown field", {"name": "Wagner Group", "alias": ["Wagner"]}, False),
]
SITE_CASES = [
    ("a title", {"title": "Mali Incident Archive"}, True),
    ("every field", {"title": "Archive", "description": "x", "base_url": "https://example.github.io/mali/",
                     "language": "fr"}, True),
    ("a language without an interface", {"title": "Archive", "language": "de"}, False),
    ("a language's regional variant", {"title": "Archive", "language": "fr-ML"}, False),
    ("a variant of English", {"title": "Archive", "language": "en-GB"}, True),
    ("a base_url with a query", {"title": "Archive", "base_url": "https://example.org/?a=1"}, False),
    ("empty settings", {"title": "Archive", "base_url": None, "language": None}, True),
    ("no title", {"description": "x"}, False),
    ("a title that is a list", {"title": ["x"]}, False),
    ("an ftp base_url", {"title": "Archive", "base_url": "ftp://example.org/"}, False),
    ("a language in words", {"title": "Archive", "language": "French"}, False),
    ("an unknown setting", {"title": "Archive", "baseurl": "https://example.org/"}, False),
    ("a licence's name", {"title": "Archive", "license": "CC BY 4.0"}, True),
    ("a licence written blank", {"title": "Archive", "license": "  "}, False),
    ("a licence of invisible characters", {"title": "Archive", "license": "\u200b"}, False),
    ("a base_url written empty", {"title": "Archive", "base_url": ""}, False),
    ("a language left empty in the list", {"title": "Archive", "languages": ["en", None]}, True),
]


def changed(base: dict, changes: dict) -> dict:
    if "" in changes:
        return copy.deepcopy(changes[""])
    data = copy.deepcopy(base)
    for dotted, value in changes.items():
        *parents, key = dotted.split(".")
        target = data
        for part in parents:
            target = target[part]
        if value is DELETE:
            del target[key]
        else:
            target[key] = value
    return data


def validator_accepts(kind: str, data: dict) -> bool:
    return not validator_problems(kind, data)


def validator_problems(kind: str, data: dict) -> list:
    """Through the real route: YAML text, split, read."""
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    doc, problems = split(f"content/{kind}s/x.md", f"---\n{front}---\nBody.\n")
    assert doc is not None, problems
    reader = {"report": read_report, "event": read_event, "actor": read_actor,
              "site": lambda d, slug: read_site(d)}[kind]
    return reader(doc, "x")[1]


def schema_accepts(kind: str, data: dict) -> bool:
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema).is_valid(data)


CASES = ([("report", name, changed(REPORT, c), ok) for name, c, ok in REPORT_CASES]
         + [("event", name, c, ok) for name, c, ok in EVENT_CASES]
         + [("actor", name, c, ok) for name, c, ok in ACTOR_CASES]
         + [("site", name, c, ok) for name, c, ok in SITE_CASES])


@pytest.mark.parametrize("kind, name, data, ok", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_validator_and_schema_agree(kind, name, data, ok):
    problems = validator_problems(kind, data)
    assert len(problems) == (0 if ok else 1), problems  # one rule each
    assert schema_accepts(kind, data) == ok


@pytest.mark.parametrize("name, changes", SCHEMA_CANNOT, ids=[c[0] for c in SCHEMA_CANNOT])
def test_rules_only_check_knows(name, changes):
    data = changed(REPORT, changes)
    assert not validator_accepts("report", data)
    assert schema_accepts("report", data)


def test_a_base_url_left_empty_is_the_default_one():
    """`base_url:` with nothing after its colon is not given, as any field."""
    doc, _ = split("site.yaml", "---\ntitle: Archive\nbase_url:\n---\n")
    assert read_site(doc)[0].base_url == "http://localhost/"


def test_schema_files_are_generated_from_the_validator():
    """Edit incidents/content/schema.py, then run `python -m incidents.content.schema`."""
    for name in schemas.SCHEMAS:
        path = ROOT / "schemas" / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == schemas.text(name), f"{path} is stale"
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_schemas_use_the_models_vocabularies():
    report = schemas.report()
    assert report["properties"]["responses"]["anyOf"][0]["items"]["properties"]["stance"]["enum"] == list(STANCES)
    role = report["properties"]["actors"]["anyOf"][0]["items"]["anyOf"][1]["properties"]["role"]
    assert role["anyOf"][0]["enum"] == list(ROLES)


def as_check_reads(value):
    """A front matter value as check reads it: each text without the spaces around it
    (a no-break space pasted after a slug, which an editor's schema flags, is no error)."""
    if isinstance(value, dict):
        return {k: as_check_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_check_reads(v) for v in value]
    return value.strip() if isinstance(value, str) else value


def test_shipped_archive_matches_the_schemas():
    for kind, folder in (("report", "reports"), ("event", "events"), ("actor", "actors"), ("page", "pages")):
        for path in sorted((ROOT / "content" / folder).glob("*.md")):
            doc, _ = split(path.name, path.read_text(encoding="utf-8"))
            assert schema_accepts(kind, as_check_reads(doc.data)), path
    site = yaml.safe_load((ROOT / "site.yaml").read_text(encoding="utf-8"))
    assert schema_accepts("site", site)


def test_a_new_report_matches_the_schema_it_names(tmp_path):
    path = new_report(tmp_path, "Killings near Gao", "2025-02-gao-killings", "2025-02-17")
    doc, _ = split(path.name, path.read_text(encoding="utf-8"))
    assert schema_accepts("report", doc.data)
    line = path.read_text(encoding="utf-8").split("\n")[1]
    assert line == "# yaml-language-server: $schema=../../schemas/report.schema.json"
    # The same relative path, from a report in this repository, reaches the schema.
    assert (ROOT / "content" / "reports" / "../../schemas/report.schema.json").resolve().is_file()


def test_editor_settings_map_each_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    assert mapped == {
        "./schemas/site.schema.json": "site.yaml",
        "./schemas/report.schema.json": "content/reports/*.md",
        "./schemas/event.schema.json": "content/events/*.md",
        "./schemas/actor.schema.json": "content/actors/*.md",
        "./schemas/page.schema.json": "content/pages/*.md",
    }
    for schema in mapped:
        assert (ROOT / schema).is_file()


def test_the_field_names_yaml_hints_know_are_every_field_of_the_content_schemas():
    """yamlhints says "author Jane Doe" is a field without its colon by its name:
    the names are every property of the content files' schemas, at any depth."""
    from incidents.content.yamlhints import FIELD_NAMES
    names: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}) if isinstance(node.get("properties"), dict) else ())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for kind in ("report", "event", "actor", "page"):
        walk(json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")))
    assert FIELD_NAMES == names
