"""The archive as data for researchers: /data/events.json and /data/events.csv."""

from __future__ import annotations

import csv
import io
import json

from .link import Archive
from .model import Day
from .urls import Urls

COLUMNS = ("slug", "title", "date", "date_precision", "end_date", "location", "region", "country",
           "lat", "lon", "toll_min", "toll_max", "toll_max_is_lower_bound", "actors", "report_count", "url")


def event_rows(archive: Archive, urls: Urls) -> list[dict]:
    rows = []
    for e in archive.events.values():
        loc = archive.places[e.place].location
        toll = e.toll("killed")
        rows.append({
            "slug": e.slug, "title": e.title, "date": e.date.iso(), "date_precision": e.date.precision,
            "end_date": e.end_date.iso() if e.end_date else None,
            "location": loc.name, "region": loc.region or None, "country": loc.country or None,
            "lat": loc.lat, "lon": loc.lon,
            "toll_min": toll.low if toll else None, "toll_max": toll.high if toll else None,
            "toll_max_is_lower_bound": toll.open if toll else None,
            "actors": [archive.actors[i.actor].name for i in e.actors],
            "report_count": len(e.reports), "url": urls.absolute(f"events/{e.slug}/"),
        })
    return rows


def events_json(archive: Archive, urls: Urls) -> str:
    return json.dumps(event_rows(archive, urls), ensure_ascii=False, indent=1) + "\n"


def events_csv(archive: Archive, urls: Urls) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in event_rows(archive, urls):
        row["actors"] = "; ".join(row["actors"])
        writer.writerow(["" if row[c] is None else str(row[c]).lower() if isinstance(row[c], bool) else row[c]
                         for c in COLUMNS])
    return out.getvalue()


def atom_time(day: Day) -> str:
    return f"{day.first().isoformat()}T00:00:00Z"
