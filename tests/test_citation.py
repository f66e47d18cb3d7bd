"""CITATION.cff is a valid Citation File Format 1.2.0 file, and LICENSE holds
the code's licence. The schema below states the CFF 1.2.0 rules for the keys
the file uses (required keys, types, the forms of dates, URLs and SPDX
identifiers, persons and entities as authors), written for this test from the
format's specification (https://github.com/citation-file-format/citation-file-format);
any key it does not know is refused, so that a new key is checked here first."""

from __future__ import annotations

import jsonschema
import yaml

from conftest import ROOT

URL = {"type": "string", "pattern": r"^(https|http|ftp|sftp)://.+"}
PERSON = {"type": "object", "additionalProperties": False, "properties": {
    "family-names": {"type": "string", "minLength": 1}, "given-names": {"type": "string", "minLength": 1},
    "name-particle": {"type": "string", "minLength": 1}, "name-suffix": {"type": "string", "minLength": 1},
    "affiliation": {"type": "string", "minLength": 1}, "email": {"type": "string", "pattern": r"^\S+@\S+\.\S{2,}$"},
    "orcid": {"type": "string", "pattern": r"^https://orcid\.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$"},
    "website": URL}, "anyOf": [{"required": ["family-names"]}, {"required": ["given-names"]}]}
ENTITY = {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {
    "name": {"type": "string", "minLength": 1}, "website": URL,
    "email": {"type": "string", "pattern": r"^\S+@\S+\.\S{2,}$"}}}
CFF_1_2_0 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "additionalProperties": False,
    "required": ["cff-version", "message", "title", "authors"],
    "properties": {
        "cff-version": {"const": "1.2.0"},
        "message": {"type": "string", "minLength": 1},
        "title": {"type": "string", "minLength": 1},
        "abstract": {"type": "string", "minLength": 1},
        "type": {"enum": ["dataset", "software"]},
        "authors": {"type": "array", "minItems": 1, "items": {"anyOf": [PERSON, ENTITY]}},
        "repository-code": URL,
        "url": URL,
        "license": {"enum": ["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT"]},
        "keywords": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "date-released": {"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"},
        "version": {"type": ["string", "number"]},
    },
}


def test_citation_cff_is_valid_cff_1_2_0():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(CFF_1_2_0).iter_errors(data)]
    assert not errors, errors


def test_the_code_is_under_the_mit_licence():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
