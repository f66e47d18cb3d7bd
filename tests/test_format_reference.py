"""docs/format.md, the format reference, kept true: its field tables say what
the JSON Schemas in schemas/ say (every field, recursively, with its type and
whether it is required, and nothing the schemas lack), each field's example
is a value its schema accepts, and the example files on the page, written
into an archive of their own, pass `build.py check --strict`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from incidents.content.frontmatter import parse_yaml
from incidents.content.model import PLACEHOLDER
from incidents.content.schema import (DAY, LANGUAGE, NAME, NAMES, NULL, ORDER, REQUIRED_TEXT, SITE_LANGUAGE, SITE_URL,
                                      SLUG, TEXT, URL, WHOLE)

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "format.md"
HEADER = "| field | type | required | allowed values | example |"
# The section of the page that holds each kind's table, by the start of its heading.
SECTIONS = {"report": "## Reports", "event": "## Events", "actor": "## Actors", "page": "## Pages",
            "site": "## `site.yaml`"}
# The schemas' building blocks, by the name the page's "Types" table gives them.
NAMED = [(TEXT, "text"), (REQUIRED_TEXT, "text"), (NAME, "text"), (NAMES, "text"), (NAME["anyOf"][0], "text"),
         (DAY, "date"), (URL, "url"), (SITE_URL, "url"), (LANGUAGE, "language"), (SITE_LANGUAGE, "choice"),
         (SLUG, "slug"), (WHOLE, "count"), (ORDER, "order")]


# the schemas, as rows ------------------------------------------------------------------
def bare(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k != "description"}


def alternatives(schema: dict) -> list[dict]:
    """The forms a value may take: nested anyOf flattened, "not given" (null, blank) left out,
    and so is the placeholder only a draft may keep (`date: FILL IN`, said in its own words)."""
    schema = bare(schema)
    if set(schema) == {"anyOf"} and not any(schema == block for block, _ in NAMED):
        return [form for alt in schema["anyOf"] if bare(alt) not in (NULL, {"const": PLACEHOLDER})
                for form in alternatives(alt)]
    return [schema]


def forms_within(schema: dict) -> list[dict]:
    """The forms a value may take, and those of a list's items (a list of choices: `languages`)."""
    forms = alternatives(schema)
    return forms + [item for form in forms if "items" in form for item in forms_within(form["items"])]


def type_name(schema: dict) -> str:
    schema = bare(schema)
    for block, name in NAMED:
        if schema == block:
            return name
    if "enum" in schema:
        return "choice"
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = [k for k in kind if k != "null"]
        kind = kind[0] if len(kind) == 1 else kind
    if kind in ("number", "boolean"):
        return kind
    if kind == "object":
        return "mapping"
    if kind == "array":
        item = type_name(schema["items"])
        return f"list of ({item})" if " or " in item else "list of mappings" if item == "mapping" else f"list of {item}"
    forms = alternatives(schema)
    if forms == [schema]:
        raise AssertionError(f"a schema the page has no type for: {schema}")
    return " or ".join(dict.fromkeys(type_name(form) for form in forms))


def schema_rows(kind: str) -> dict[str, tuple[str, str, dict]]:
    """field path → (type, required, schema): every property, at every depth;
    `[]` stands for each item of a list."""
    rows: dict[str, tuple[str, str, dict]] = {}

    def walk(schema: dict, prefix: str) -> None:
        forms = alternatives(schema)
        items = [bare(item) for form in forms if form.get("type") == "array"
                 for item in alternatives(form["items"])]
        for item in items:
            if item.get("type") == "object":
                walk(item, prefix + "[]")
        for form in forms:
            if form.get("type") != "object" or form in items:  # one claim or a list of claims: once
                continue
            one_of = [need["required"][0] for need in form.get("anyOf", [])]
            for name, sub in form.get("properties", {}).items():  # none in a mapping of any keys (fr.tags)
                path = f"{prefix}.{name}" if prefix else name
                required = ("yes" if name in form.get("required", ()) else
                            "at least one of " + ", ".join(one_of) if name in one_of else "no")
                rows[path] = (type_name(sub), required, sub)
                walk(sub, path)

    walk(json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")), "")
    return rows


# the page, as rows -----------------------------------------------------------------------
def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def section(kind: str) -> str:
    text = doc_text()
    start = next(m.start() for m in re.finditer(r"^## .*$", text, re.M) if m.group().startswith(SECTIONS[kind]))
    end = text.find("\n## ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def doc_rows(kind: str) -> dict[str, dict[str, str]]:
    """field path → its cells, from the section's field table(s)."""
    rows: dict[str, dict[str, str]] = {}
    lines = section(kind).splitlines()
    for i, line in enumerate(lines):
        if line.strip() != HEADER:
            continue
        names = [c.strip() for c in HEADER.strip("|").split("|")]
        for row in lines[i + 2:]:
            if not row.startswith("|"):
                break
            cells = dict(zip(names, (c.strip() for c in row.strip().strip("|").split(" | "))))
            field = re.fullmatch(r"`([^`]+)`", cells["field"])
            assert field, f"docs/format.md: a field is written in backticks: {row}"
            assert field.group(1) not in rows, f"docs/format.md documents {field.group(1)} twice"
            rows[field.group(1)] = cells
    return rows


KINDS = list(SECTIONS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_schema_field_is_documented(kind):
    missing = schema_rows(kind).keys() - doc_rows(kind).keys()
    assert not missing, f"docs/format.md ({SECTIONS[kind]}) lacks {sorted(missing)}"


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_documented_is_missing_from_the_schema(kind):
    extra = doc_rows(kind).keys() - schema_rows(kind).keys()
    assert not extra, f"docs/format.md ({SECTIONS[kind]}) documents {sorted(extra)}, which schemas/{kind}.schema.json lacks"


@pytest.mark.parametrize("kind", KINDS)
def test_each_field_has_the_schemas_type_and_requiredness(kind):
    documented = doc_rows(kind)
    for path, (type_, required, _) in schema_rows(kind).items():
        cells = documented[path]
        assert (cells["type"], cells["required"]) == (type_, required), path


@pytest.mark.parametrize("kind", KINDS)
def test_allowed_values_name_every_choice_and_bound(kind):
    documented = doc_rows(kind)
    for path, (_, _, schema) in schema_rows(kind).items():
        allowed = documented[path]["allowed values"]
        assert allowed, f"{path}: no allowed values"
        for form in forms_within(schema):
            for value in form.get("enum", ()):
                assert f"`{value}`" in allowed, f"{path}: {value!r} is not among the allowed values"
            if form.get("type") == "number":
                assert f"{form['minimum']} to {form['maximum']}" in allowed, path


def example_value(cell: str, where: str):
    text = re.fullmatch(r"`(.+)`", cell)
    assert text, f"{where}: the example is one value in backticks: {cell!r}"
    data, _, problems, _ = parse_yaml("docs/format.md", f"x: {text.group(1)}\n")
    assert not problems, f"{where}: {problems}"
    return data["x"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_fields_example_is_a_value_its_schema_accepts(kind):
    documented = doc_rows(kind)
    for path, (_, _, schema) in schema_rows(kind).items():
        value = example_value(documented[path]["example"], path)
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(value)]
        assert not errors, f"{path}: the example {value!r} is refused: {errors}"


# the example files -------------------------------------------------------------------------
def example_files() -> dict[str, str]:
    """Fenced blocks whose info string names a file: ```markdown content/…md or ```yaml site.yaml."""
    found: dict[str, str] = {}
    for path, body in re.findall(r"^```(?:markdown|yaml) (\S+)\n(.*?)^```$", doc_text(), re.S | re.M):
        assert path not in found, f"docs/format.md has two examples of {path}"
        found[path] = body
    return found


def test_there_is_an_example_of_each_kind_of_file():
    paths = example_files()
    assert "site.yaml" in paths
    for folder in ("reports", "events", "actors", "pages"):
        assert any(p.startswith(f"content/{folder}/") for p in paths), folder


def test_the_examples_pass_check_in_an_archive_of_their_own(tmp_path):
    for rel, text in example_files().items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(tmp_path), "check", "--strict"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems found" in done.stdout + done.stderr


def used_paths(value, prefix: str, known: set[str], out: set[str]) -> None:
    if isinstance(value, list):
        for item in value:
            used_paths(item, prefix, known, out)
    elif isinstance(value, dict):
        for key, sub in value.items():
            for path in (f"{prefix}.{key}" if prefix else key, f"{prefix}[].{key}"):
                if path in known:
                    out.add(path)
                    used_paths(sub, path, known, out)
                    break


@pytest.mark.parametrize("kind, folder", [("report", "content/reports/"), ("event", "content/events/"),
                                          ("actor", "content/actors/"), ("page", "content/pages/"),
                                          ("site", "site.yaml")])
def test_the_examples_show_every_field(kind, folder):
    """Every field down to the second level (a range's min and max aside) is in an example."""
    known = set(schema_rows(kind))
    used: set[str] = set()
    for rel, text in example_files().items():
        if rel.startswith(folder):
            front = text.split("---\n")[1] if text.startswith("---\n") else text
            data, _, problems, _ = parse_yaml(rel, front)
            assert not problems, problems
            used_paths(data, "", known, used)
    wanted = {path for path in known if path.count(".") <= 1}
    assert not wanted - used, f"no example in docs/format.md shows {sorted(wanted - used)}"


# where the page is found, and that it and the contributors' guide stand alone --------------------
def test_readme_and_contributing_link_the_reference():
    for name in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "](docs/format.md)" in text, f"{name} does not link docs/format.md"


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "docs/format.md"])
def test_the_guides_point_nowhere_outside_the_repository(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    here = DOC.parent if name.startswith("docs/") else ROOT
    # the team's contract, the folder that holds this checkout, words that send readers beside it
    for outside in ("CONTRACT.md", f"{ROOT.parent}/", "beside the project"):
        assert outside not in text, f"{name} names {outside}"
    # no path written as "../name" names something beside this checkout
    beside = {p.name for p in ROOT.parent.iterdir()} - {ROOT.name}
    for target in re.findall(r"\.\./([\w.-]+)", text):
        assert target not in beside, f"{name} points beside the repository: ../{target}"
    # every link stays inside the repository
    for target in re.findall(r"\]\(([^)#]+)", text):
        if not re.match(r"https?://", target):
            assert here.joinpath(target).resolve().is_relative_to(ROOT), f"{name} points outside: {target}"


def test_the_readme_no_longer_sends_readers_to_the_contract():
    assert "CONTRACT.md" not in (ROOT / "README.md").read_text(encoding="utf-8")
