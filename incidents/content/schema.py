"""JSON Schemas (draft 2020-12) of the front matter, for editors: completion,
hover help and inline errors. Made from the validator's own field lists and
vocabularies; `python -m incidents.content.schema` writes them to schemas/, and the
tests check that those files are current and that the schemas and the
validator accept and refuse the same values.

What a schema cannot say, `check` still does: real calendar days
(2025-02-30), end_date after date, min ≤ max, and everything across files
(events named by reports, aliases claimed twice)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .fields import INVISIBLE_CLASS, MAX_COUNT, MAX_NAME
from ..site.i18n import available
from .model import COUNTS, IMPORT_EVENT, IMPORT_PLACE, PLACEHOLDER, PRECISIONS, ROLES, STANCES
from .model import TRANSLATED
from .validate import (ACTOR_FIELDS, ACTOR_TRANSLATION, CLAIM_FIELDS, EVENT_FIELDS, EVENT_TRANSLATION, LICENSE_FIELDS,
                       MAX_ITEMS, PAGE_FIELDS, PAGE_TRANSLATION, REPORT_FIELDS, SITE_FIELDS, SITE_TRANSLATION,
                       SOURCE_FIELDS)

FOLDER = Path(__file__).resolve().parents[2] / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

NULL = {"type": "null"}
# Text: numbers are read as text (title: 1984); nothing (`author:`) is "not given";
# a string must show something: not empty, not only spaces or invisible characters.
VISIBLE = f"[^{INVISIBLE_CLASS}]"
TEXT = {"anyOf": [{"type": "string", "pattern": VISIBLE}, {"type": "number"}, NULL]}
REQUIRED_TEXT = {"anyOf": [{"type": "string", "pattern": VISIBLE}, {"type": "number"}]}
# A name that becomes a page (an actor, a place, a tag) or names one (an alias): at most MAX_NAME characters.
NAME = {"anyOf": [{"type": "string", "pattern": VISIBLE, "maxLength": MAX_NAME}, {"type": "number"}]}
NAMES = NAME  # an item of a list of names: nothing in it (`- `) is an error, not an item dropped
DAY = {"anyOf": [
    {"type": "string", "pattern": r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"},
    {"type": "integer", "minimum": 1000, "maximum": 9999}]}
URL = {"anyOf": [{"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"}, NULL]}
# The site's own address: no query, fragment or character an address cannot hold (fields.site_url_problem).
SITE_URL = {"anyOf": [{"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#<>\"\\^`{|}]+[^\s?#<>\"\\^`{|}]*$"},
                      NULL]}
# The site's default language: one with an interface, or a variant of English (validate._interface).
SITE_LANGUAGE = {"anyOf": [{"enum": list(available())}, {"type": "string", "pattern": r"^[Ee][Nn](-[A-Za-z0-9]{2,8})*$"},
                           NULL]}
LANGUAGE = {"anyOf": [{"type": "string", "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}, NULL]}
SLUG = {"anyOf": [{"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": MAX_NAME},
                  {"type": "integer", "minimum": 0}]}
# site.yaml's history: each commit by the start of its hash → a sentence (validate.history_notes).
HISTORY = {"anyOf": [{"type": "object", "propertyNames": {"pattern": "^[0-9a-fA-F]{7,40}$"},
                      "additionalProperties": REQUIRED_TEXT}, NULL]}
WHOLE = {"type": "integer", "minimum": 0, "maximum": MAX_COUNT}
ORDER = {"type": "integer", "minimum": 0, "maximum": 9999}  # a place among others, lowest first


def described(schema: dict, text: str) -> dict:
    return {"description": text, **schema}


def optional(schema: dict) -> dict:
    return {"anyOf": [schema, NULL]}


def mapping(properties: dict[str, dict], fields: tuple[str, ...], required: tuple[str, ...] = ()) -> dict:
    assert tuple(properties) == fields, (tuple(properties), fields)
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = list(required)
    return out


def location(required: bool) -> dict:
    place = mapping({
        "name": described(NAME, "The place's name. Same name, same place page."),
        "region": described(TEXT, "Region, such as Gao or Kidal."),
        "country": described(TEXT, "Country, such as Mali."),
        "lat": described({"type": "number", "minimum": -90, "maximum": 90}, "Latitude, WGS84 degrees (with lon)."),
        "lon": described({"type": "number", "minimum": -180, "maximum": 180}, "Longitude, WGS84 degrees (with lat)."),
        "precision": described({"anyOf": [{"enum": list(PRECISIONS)}, NULL]},
                               "How precisely the place is known: exact, near (within about 25 km), town, "
                               "region or country."),
    }, ("name", "region", "country", "lat", "lon", "precision"), ("name",))
    place["dependentRequired"] = {"lat": ["lon"], "lon": ["lat"]}
    schema = {"anyOf": [NAME["anyOf"][0], place] + ([] if required else [NULL])}
    return described(schema, "Where it happened: a place name, or {name, region, country, lat, lon, precision}.")


def count() -> dict:
    return {"anyOf": [
        described(WHOLE, "Exactly this many."),
        described(mapping({"min": WHOLE, "max": WHOLE}, ("min", "max"), ("min",)),
                  "A range {min: N, max: M}; {min: N} alone means at least N."),
    ]}


def claim() -> dict:
    schema = mapping({
        **{kind: described(count(), f"People {kind}: a number, or {{min: N}} / {{min: N, max: M}}.")
           for kind in COUNTS},
        "according_to": described(TEXT, "Whose figure this is; left out, the publisher's own."),
        "wording": described(TEXT, "The source's own words."),
    }, CLAIM_FIELDS)
    schema["anyOf"] = [{"required": [kind]} for kind in COUNTS]
    return schema


def report() -> dict:
    source = mapping({
        "publisher": described(REQUIRED_TEXT, "Who published the article."),
        "title": described(TEXT, "The article's own headline, as the source published it."),
        "url": described(URL, "The article's address (http or https)."),
        "published": described(optional(DAY), "When it was published: YYYY-MM-DD."),
        "author": described(TEXT, "Who wrote it."),
        "language": described(LANGUAGE, "The article's language, BCP 47: en, fr, fr-ML."),
        "archive_url": described(URL, "A preserved copy, such as a Wayback Machine address."),
    }, SOURCE_FIELDS, ("publisher",))
    mention = {"anyOf": [NAME, mapping({
        "name": described(NAME, "The actor's name or one of its aliases."),
        "role": described({"anyOf": [{"enum": list(ROLES)}, NULL]}, "The actor's part in the event."),
    }, ("name", "role"), ("name",))]}
    response = mapping({
        "by": described(NAME, "The actor who responded."),
        "stance": described({"enum": list(STANCES)}, "What they said, in short."),
        "date": described(optional(DAY), "When: YYYY-MM-DD."),
        "quote": described(TEXT, "Their words."),
    }, ("by", "stance", "date", "quote"), ("by", "stance"))
    one_claim = claim()
    schema = mapping({
        "title": described(REQUIRED_TEXT, "The report's title, usually the article's headline."),
        "event": described(SLUG, "The event's slug, such as 2025-02-gao-road-killings: reports naming "
                                 "the same slug are one event."),
        "date": described({"anyOf": [DAY, {"const": PLACEHOLDER}]},
                          "When the incident happened, per this report: YYYY-MM-DD, or YYYY-MM or YYYY where the "
                          f"source is no more precise; {PLACEHOLDER} in a draft whose date is not yet known."),
        "end_date": described(optional(DAY), "The last day, for an incident over several days."),
        "location": location(required=True),
        "source": described(source, "The source: publisher (required), title, url, published, author, language, "
                                    "archive_url."),
        "reported_toll": described({"anyOf": [one_claim, {"type": "array", "items": one_claim,
                                                          "maxItems": MAX_ITEMS}, NULL]},
                                   "One claimed toll, or a list of claims, each attributed."),
        "actors": described(optional({"type": "array", "items": mention, "maxItems": MAX_ITEMS}),
                            "Names, or {name, role}."),
        "responses": described(optional({"type": "array", "items": response, "maxItems": MAX_ITEMS}),
                               "What the accused or the authorities said."),
        "tags": described(optional({"type": "array", "items": NAMES, "maxItems": MAX_ITEMS}),
                          "Keywords, each a page of its own."),
        "draft": described({"type": ["boolean", "null"]}, "true: left out of the site unless built with --drafts."),
    }, REPORT_FIELDS, ("title", "event", "date", "location", "source"))
    # `new` fills what it was not given with a placeholder, and `import` what the article does not say
    # with stand-ins of its own (validate._no_stand_ins), which only a draft may keep.
    schema["if"] = {"properties": {"draft": {"const": True}}, "required": ["draft"]}
    schema["else"] = {"properties": {
        "location": {"not": {"anyOf": [{"enum": [PLACEHOLDER, IMPORT_PLACE]}, {"type": "object", "properties": {
            "name": {"enum": [PLACEHOLDER, IMPORT_PLACE]}}, "required": ["name"]}]}},
        "source": {"properties": {"publisher": {"not": {"const": PLACEHOLDER}}}},
        "date": {"not": {"const": PLACEHOLDER}},
        "event": {"not": {"type": "string", "pattern": f"(^|-){IMPORT_EVENT}(-|$)"}},
    }}
    return document("report", "A report: one source's account of one event (content/reports/<slug>.md).", schema)


def translations(fields: dict[str, str], what: str, tags: bool = False) -> dict[str, dict]:
    """The `fr:` block: the file's text in French, each field optional (`tags`: site.yaml's, which names the tags)."""
    words = {"title": "The title in French.", "summary": "The summary in French (Markdown).",
             "name": "The name in French.", "kind": "The kind in French.", "profile": "The profile in French (Markdown).",
             "description": "The description in French.", "body": "The page's text in French (Markdown)."}
    given = {k: described(TEXT, words[k]) for k in fields}
    if tags:
        given["tags"] = described(optional({"type": "object", "additionalProperties": NAMES}),
                                  "Each tag, as the reports write it, and its name in French.")
        given["places"] = described(optional({"type": "object", "additionalProperties": NAMES}),
                                    "Each place, by its name as the reports write it, and its name in French.")
        given["history"] = described(HISTORY, "What commits did, in French (as `history:` above).")
    return {lang: described(optional(mapping(given, tuple(given))),
                            f"The {what} in French, shown on the pages under /fr/; a field left out shows the "
                            f"original, marked with its language.") for lang in TRANSLATED}


def event() -> dict:
    schema = mapping({
        "title": described(TEXT, "A curated title for the event."),
        "date": described(optional(DAY), "When it happened: YYYY-MM-DD, YYYY-MM or YYYY."),
        "end_date": described(optional(DAY), "The last day, for an incident over several days."),
        "location": location(required=False),
        **translations(EVENT_TRANSLATION, "event's title and summary"),
    }, EVENT_FIELDS)
    # An end_date given (not left empty) needs a date given, as validate.read_event says.
    schema["if"] = {"properties": {"end_date": {"not": {"type": "null"}}}, "required": ["end_date"]}
    schema["then"] = {"properties": {"date": {"not": {"type": "null"}}}, "required": ["date"]}
    return document("event", "An event's curated title, dates and place (content/events/<event-slug>.md).", schema)


def actor() -> dict:
    schema = mapping({
        "name": described(NAME, "The actor's name, as pages show it."),
        "aliases": described(optional({"type": "array", "items": NAMES, "maxItems": MAX_ITEMS}),
                             "Other names that fold into this actor; a name belongs to one actor."),
        "kind": described(TEXT, "Free text, such as armed group or rights organisation."),
        **translations(ACTOR_TRANSLATION, "actor's name, kind and profile"),
    }, ACTOR_FIELDS, ("name",))
    return document("actor", "An actor's aliases and profile (content/actors/<actor-slug>.md).", schema)


def site() -> dict:
    schema = mapping({
        "title": described(REQUIRED_TEXT, "The site's title."),
        "description": described(TEXT, "One line about the archive."),
        "base_url": described(SITE_URL, "The published address; its path prefixes every link."),
        "language": described(SITE_LANGUAGE,
                              "The site's default language (default en), one the site has an interface in: its "
                              "pages are at the site's root."),
        "languages": described(optional({"type": "array", "minItems": 1, "uniqueItems": True,
                                         "items": {"anyOf": [{"enum": list(available())}, NULL]}}),
                               "The languages of the site, the default among them; each other one's pages are "
                               "under /<language>/ (default: the default language alone)."),
        "license": described({"anyOf": [REQUIRED_TEXT, mapping({
            "name": described(REQUIRED_TEXT, "The licence's name, such as CC BY 4.0."),
            "url": described(URL, "The licence's text."),
        }, LICENSE_FIELDS, ("name",)), NULL]}, "The licence of the content and the data: a name, or {name, url}."),
        "repository": described(URL, "The repository's address on its host (https://github.com/owner/repo): "
                                     "pages link the commits of their history there."),
        "history": described(HISTORY, "What commits that changed content/ did, in words for readers, where "
                                      "their messages were written for the repository: each commit by the start "
                                      "of its hash (7 characters or more), and a sentence the pages' History "
                                      "shows in place of the commit's subject."),
        **translations(SITE_TRANSLATION, "site's title and description", tags=True),
    }, SITE_FIELDS, ("title",))
    return document("site", "The archive's settings (site.yaml).", schema)


def page() -> dict:
    schema = mapping({
        "title": described(REQUIRED_TEXT, "The page's title."),
        "description": described(TEXT, "One line about the page, for search engines and shared links."),
        "menu": described(optional(ORDER), "Its place in the main navigation, lowest first (after the site's "
                                           "own sections); left out: not in the navigation."),
        "footer": described(optional(ORDER), "Its place among the footer's links, lowest first; left out: not there."),
        **translations(PAGE_TRANSLATION, "page's title, description and text"),
    }, PAGE_FIELDS, ("title",))
    return document("page", "A page of the archive's own prose, published at /<slug>/ (content/pages/<slug>.md).",
                    schema)


def document(name: str, title: str, schema: dict) -> dict:
    return {"$schema": DRAFT, "title": title, **schema}


SCHEMAS = {"report": report, "event": event, "actor": actor, "page": page, "site": site}


def text(name: str) -> str:
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    FOLDER.mkdir(exist_ok=True)
    for name in SCHEMAS:
        (FOLDER / f"{name}.schema.json").write_text(text(name), encoding="utf-8")
        print(f"schemas/{name}.schema.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
