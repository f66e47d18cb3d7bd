"""What a reader's browser gets from the lists at scale: the HTML bytes of the
largest page of any list (reports, events, timeline, tags, an actor's or a
place's pages by period), the bytes of the filter's data file, and how long
the filter on /events/ takes in Chromium over 10,000 events.

    .venv/bin/python bench/list_bytes.py [--reports 10000] [--events 10000]

Builds a sample archive of N reports (incidents.sample; no search index: it
plays no part here), walks its list pages, then serves it on 127.0.0.1 with
its filter data repeated up to `--events` events (same actors, places and
tags; slugs made unique) and times five filters in Debian's Chromium: the
time from a change of the form to the rows in the page, as filter.js
measures it (data-ms)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from browser import launch, serving  # noqa: E402
from sitecheck import list_pages  # noqa: E402

from incidents.sample import write_sample  # noqa: E402


def grown(data: dict, events: int) -> dict:
    """The filter data with its events repeated (slugs made unique) up to `events`."""
    rows = data["events"]
    out = [row if i < len(rows) else [f"{row[0]}-{i // len(rows)}", *row[1:]]
           for i, row in ((i, rows[i % len(rows)]) for i in range(max(events, len(rows))))]
    return {**data, "events": out}


def time_filters(out: Path, data: dict) -> list[tuple[str, int, float]]:
    big = max(range(len(data["actors"])), key=lambda a: sum(any(x[0] == a for x in e[9]) for e in data["events"]))
    actor = data["actors"][big][1]
    queries = ["sort=toll", f"actor={actor}", f"actor={actor}&role={quote('alleged perpetrator')}&from=2015&to=2022",
               "toll=10&sort=toll", f"country={quote(data['countries'][-1])}&from=2020"]
    found = []
    with serving(out) as host, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        for q in queries:
            page.goto(f"{host}/events/?{q}")
            page.wait_for_selector("#event-filter[data-ready]")
            found.append((q, int(page.inner_text("#filter-status").split()[0]),
                          float(page.get_attribute("#event-filter", "data-ms"))))
        browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="list-bytes-") as top:
        root, out = Path(top) / "archive", Path(top) / "site"
        write_sample(root, args.reports)
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                        "--base-url", "http://127.0.0.1/", "--no-search"], check=True, stdout=subprocess.DEVNULL)
        pages = sorted(list_pages(out), key=lambda p: p.stat().st_size, reverse=True)
        print(f"{args.reports:,} reports: {len(pages):,} list pages")
        for page in pages[:5]:
            print(f"  {page.stat().st_size:>9,} bytes  /{page.parent.relative_to(out).as_posix()}/")
        by_kind: dict[str, int] = {}
        for page in pages:
            kind = page.relative_to(out).parts[0]
            by_kind[kind] = max(by_kind.get(kind, 0), page.stat().st_size)
        print("  largest by list: " + ", ".join(f"{k} {v:,}" for k, v in by_kind.items()))
        filter_file = out / "data/events-filter.json"
        data = json.loads(filter_file.read_text(encoding="utf-8"))
        print(f"filter data: {filter_file.stat().st_size:,} bytes for {len(data['events']):,} events "
              f"(/data/events.json: {(out / 'data/events.json').stat().st_size:,} bytes)")
        data = grown(data, args.events)
        filter_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(f"filter data grown to {len(data['events']):,} events: {filter_file.stat().st_size:,} bytes")
        for query, rows, ms in time_filters(out, data):
            print(f"  {ms:6.1f} ms  {rows:>6,} rows  ?{query}")


if __name__ == "__main__":
    main()
