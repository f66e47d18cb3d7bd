"""What every column of the open data means: one list per file, from which
the JSON Schemas (/data/*.schema.json) and the /data/ page are both made."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import PRECISIONS


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # JSON Schema type, or "list" (of strings; "; "-joined in CSV), or a shape of _SHAPES
    nullable: bool
    description: str
    csv: bool = True  # False: in the JSON file only (a list of objects has no CSV cell)
    values: tuple[str, ...] = ()  # the only values it takes, if so


def N_(message: str) -> str:
    """A message for pybabel to extract (its default keywords include N_), translated
    where it is shown: on the data page, `_(column.description)`."""
    return message


def _c(name: str, type_: str, description: str, nullable: bool = False, csv: bool = True,
       values: tuple[str, ...] = ()) -> Column:
    return Column(name, type_, nullable, description, csv, values)


PRECISION = N_("How precisely the place is known: exact, near (within about 25 km), town, region or country; "
               "empty when the sources do not say.")


EVENT_COLUMNS: tuple[Column, ...] = (
    _c("slug", "string", N_("The event's identifier, stable across builds; its page is /events/<slug>/.")),
    _c("title", "string", N_("The event's title.")),
    _c("date", "string", N_("When the incident happened (its first day): YYYY-MM-DD, YYYY-MM or YYYY, "
       "as precise as the sources are.")),
    _c("date_precision", "string", N_("day, month or year: how precise date is."), values=("day", "month", "year")),
    _c("end_date", "string", N_("Its last day, for incidents over several days."), True),
    _c("location", "string", N_("The named place.")),
    _c("region", "string", N_("The region (first administrative level)."), True),
    _c("country", "string", N_("The country."), True),
    _c("lat", "number", N_("Latitude, WGS84 degrees, as given by a source or curator."), True),
    _c("lon", "number", N_("Longitude, WGS84 degrees."), True),
    _c("toll_min", "integer", N_("Killed: the lowest figure claimed by any source."), True),
    _c("toll_max", "integer", N_("Killed: the highest figure claimed by any source."), True),
    _c("toll_max_is_lower_bound", "boolean", N_("True when the highest figure is itself \"at least\"."), True),
    _c("actors", "list", N_("Every actor named in the event's reports.")),
    _c("report_count", "integer", N_("How many reports in the archive give an account of the event.")),
    _c("url", "string", N_("The event's page.")),
    _c("location_slug", "string", N_("The place's identifier; its page is /locations/<slug>/.")),
    _c("has_coordinates", "boolean", N_("Whether lat and lon are known.")),
    _c("injured_min", "integer", N_("Injured: the lowest figure claimed."), True),
    _c("injured_max", "integer", N_("Injured: the highest figure claimed."), True),
    _c("injured_max_is_lower_bound", "boolean", N_("True when the highest figure of injured is itself "
                                                  "\"at least\"."), True),
    _c("missing_min", "integer", N_("Missing: the lowest figure claimed."), True),
    _c("missing_max", "integer", N_("Missing: the highest figure claimed."), True),
    _c("missing_max_is_lower_bound", "boolean", N_("True when the highest figure of missing is itself "
                                                  "\"at least\"."), True),
    _c("claim_count", "integer", N_("How many toll claims the reports give, each counted (the same figure in two "
                                    "reports is two claims).")),
    _c("perpetrators", "list", N_("Actors named as alleged perpetrator by at least one report.")),
    _c("victims", "list", N_("Actors named as victim.")),
    _c("actor_roles", "list", N_("Every actor with its roles: \"name: role, role\". A name may hold \": \" and "
                                 "\", \", a role neither: split each at its last \": \".")),
    _c("sources", "list", N_("The publishers of the event's reports, each once.")),
    _c("source_urls", "list", N_("The addresses of the reports' original articles, where known.")),
    _c("first_published", "string", N_("The earliest publication date among the reports."), True),
    _c("tags", "list", N_("Tags the reports give, each once.")),
    _c("license", "string", N_("The licence of the archive's data (its address, else its name), as site.yaml "
       "names it; empty when none is named."), True),
    _c("location_precision", "string", PRECISION, True, values=PRECISIONS),
)

REPORT_COLUMNS: tuple[Column, ...] = (
    _c("slug", "string", N_("The report's identifier; its page is /reports/<slug>/.")),
    _c("title", "string", N_("The report's title.")),
    _c("event", "string", N_("The slug of the event it gives an account of.")),
    _c("event_url", "string", N_("The event's page.")),
    _c("date", "string", N_("When the incident happened according to this report: YYYY-MM-DD, YYYY-MM or YYYY.")),
    _c("date_precision", "string", N_("day, month or year."), values=("day", "month", "year")),
    _c("end_date", "string", N_("Last day according to this report."), True),
    _c("location", "string", N_("The place this report names.")),
    _c("region", "string", N_("Its region."), True),
    _c("country", "string", N_("Its country."), True),
    _c("lat", "number", N_("Latitude, WGS84 degrees."), True),
    _c("lon", "number", N_("Longitude, WGS84 degrees."), True),
    _c("location_precision", "string", PRECISION, True, values=PRECISIONS),
    _c("publisher", "string", N_("Who published the source.")),
    _c("source_title", "string", N_("The source's own headline."), True),
    _c("source_url", "string", N_("The source's address."), True),
    _c("published", "string", N_("When the source was published."), True),
    _c("author", "string", N_("The source's author."), True),
    _c("language", "string", N_("The source's language (BCP 47)."), True),
    _c("archive_url", "string", N_("A preserved copy of the source."), True),
    _c("claims", "claims", N_("Each claimed toll: killed, injured, missing as {min, max} (max null: "
       "\"at least min\"), with according_to, the actor's slug when known, the source's wording, "
       "published (the report's publication date, null when not given) and url: its row on the report's page.")),
    _c("actors", "actors", N_("Actors named, each {name, slug, role}; role null when none is given.")),
    _c("responses", "responses", N_("Responses reported: {by, slug, stance, date, quote}.")),
    _c("tags", "list", N_("Tags.")),
    _c("url", "string", N_("The report's page.")),
    _c("license", "string", N_("The licence of the archive's data, as in events.json."), True),
)

_COUNT = {"type": ["object", "null"], "required": ["min", "max"], "additionalProperties": False,
          "properties": {"min": {"type": "integer", "minimum": 0},
                         "max": {"type": ["integer", "null"], "minimum": 0}}}
_NULLABLE_STRING = {"type": ["string", "null"]}
_CLAIM = {"according_to": _NULLABLE_STRING, "actor": _NULLABLE_STRING, "wording": _NULLABLE_STRING,
          "killed": _COUNT, "injured": _COUNT, "missing": _COUNT, "published": _NULLABLE_STRING,
          "url": {"type": "string"}}
_SHAPES = {
    "list": {"type": "array", "items": {"type": "string"}},
    "claims": {"type": "array", "items": {
        "type": "object", "required": list(_CLAIM), "additionalProperties": False, "properties": _CLAIM}},
    "actors": {"type": "array", "items": {
        "type": "object", "required": ["name", "slug", "role"], "additionalProperties": False,
        "properties": {"name": {"type": "string"}, "slug": {"type": "string"}, "role": _NULLABLE_STRING}}},
    "responses": {"type": "array", "items": {
        "type": "object", "required": ["by", "slug", "stance", "date", "quote"], "additionalProperties": False,
        "properties": {"by": {"type": "string"}, "slug": {"type": "string"}, "stance": {"type": "string"},
                       "date": _NULLABLE_STRING, "quote": _NULLABLE_STRING}}},
}


def json_schema(columns: tuple[Column, ...], title: str, schema_id: str) -> dict:
    """A JSON Schema (2020-12) for a file holding an array of rows with these columns."""
    properties = {}
    for c in columns:
        shape = dict(_SHAPES.get(c.type) or {"type": [c.type, "null"] if c.nullable else c.type})
        if c.values:
            shape["enum"] = list(c.values) + ([None] if c.nullable else [])
        shape["description"] = c.description
        properties[c.name] = shape
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        "type": "array",
        "items": {"type": "object", "required": [c.name for c in columns], "additionalProperties": False,
                  "properties": properties},
    }


_TABLE_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "list": "string"}
_BOUNDS = {"lat": (-90, 90), "lon": (-180, 180)}
_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def datapackage_fields(columns: tuple[Column, ...]) -> list[dict]:
    """The CSV's columns as Table Schema fields (Frictionless Data): a list is
    text there, joined as the CSV joins it; a dated column is text of a pattern,
    as precise as its sources (YYYY-MM-DD, YYYY-MM or YYYY)."""
    fields = []
    for c in columns:
        if not c.csv:
            continue
        field: dict = {"name": c.name, "type": _TABLE_TYPES[c.type], "description": c.description}
        constraints: dict = {}
        if c.type == "list":
            field["description"] += " Joined with a space." if c.name == "source_urls" else " Joined with \"; \"."
        elif not c.nullable:
            constraints["required"] = True
        if c.name == "slug":
            constraints["unique"] = True
        if c.values:
            constraints["enum"] = list(c.values)
        if c.name in _BOUNDS:
            constraints["minimum"], constraints["maximum"] = _BOUNDS[c.name]
        if c.name in ("date", "end_date", "first_published"):
            constraints["pattern"] = _DATE
        if c.name == "url":
            field["format"] = "uri"
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return fields
