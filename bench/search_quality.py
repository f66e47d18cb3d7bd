#!/usr/bin/env python3
"""Does an index in shards find what one index finds? Known-item searches on a
corpus, both ways, in Chromium.

    .venv/bin/python bench/search_quality.py [--reports 10000] [--queries 60]

Makes a sample archive (incidents.sample), builds it twice, with its
index as one Pagefind index (INCIDENTS_SHARD_PAGES above the page count) and
in shards (the default size, or --shard-pages), serves each on 127.0.0.1 and
runs the same searches through Pagefind's JavaScript API with every shard
merged, as /search/ merges them, and through /search/ itself (which puts a
page titled exactly as the query first among the first ten). For every Nth
event its title should find the event page (or one of its reports); for every
Nth report its title should find that report; a few common words should find
as many pages. Prints, per index and way, how often the wanted page is first,
in the first 3 and in the first 10."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from browser import MERGED, launch, serving  # noqa: E402

from incidents.content.link import link  # noqa: E402
from incidents.content.load import load  # noqa: E402
from incidents.search.index import SIZES  # noqa: E402
from incidents.sample import write_sample  # noqa: E402

WORDS = ["killed", "village", "investigation", "drone", "market", "denied"]


def build(root: Path, out: Path, shard_pages: int) -> None:
    env = {**os.environ, "INCIDENTS_SHARD_PAGES": str(shard_pages)}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           "--base-url", "http://127.0.0.1/"], env=env, capture_output=True, text=True)
    if done.returncode != 0:  # the corpus's warnings are no news; a failure is
        raise SystemExit(f"build failed:\n{done.stdout}{done.stderr}")


def through_page(page, host: str, queries: list[str]) -> list[tuple[int, list[str]]]:
    """Each query typed into /search/: the count it says and the first ten addresses."""
    page.goto(f"{host}/search/")
    page.wait_for_function("() => !document.querySelector('.filters').hidden")
    out = []
    for q in queries:
        page.fill("#q", q)
        page.press("#q", "Enter")
        page.wait_for_function("(q) => document.getElementById('search-status').textContent.includes('for “' + q + '”')",
                               arg=q, timeout=60_000)
        status = page.inner_text("#search-status")
        count = int(status.split()[0].replace(",", "")) if status[0].isdigit() else 0
        urls = page.eval_on_selector_all("#search-results li h2 a", "links => links.slice(0, 10).map(a => a.href)")
        out.append((count, urls))
    return out


def rank(urls: list[str], wanted: set[str]) -> int | None:
    """1-based place of the first address ending in one of `wanted`, or None."""
    for place, url in enumerate(urls, 1):
        if any(url.endswith(w) for w in wanted):
            return place
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=60, help="event titles and report titles, each")
    parser.add_argument("--shard-pages", type=int, default=SIZES[-1])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_sample(corpus, args.reports)
        archive = link(load(corpus))
        events = sorted(archive.events.values(), key=lambda e: e.slug)
        events = events[::max(1, len(events) // args.queries)][:args.queries]
        reports = sorted(archive.reports.values(), key=lambda r: r.slug)
        reports = reports[::max(1, len(reports) // args.queries)][:args.queries]
        asked = ([(e.title, {f"/events/{e.slug}/"} | {f"/reports/{r}/" for r in e.reports}) for e in events]
                 + [(r.title, {f"/reports/{r.slug}/"}) for r in reports])
        queries = WORDS + [q for q, _ in asked]
        found: dict[str, list] = {}
        with sync_playwright() as pw:
            browser = launch(pw)
            for name, size in (("one index", 10 ** 9), (f"shards of {args.shard_pages}", args.shard_pages)):
                out = Path(tmp) / name.replace(" ", "-")
                build(corpus, out, size)
                with serving(out) as host:
                    page = browser.new_page()
                    page.goto(f"{host}/404.html")
                    found[name] = page.evaluate(MERGED, queries)
                    found[f"{name}, /search/"] = through_page(page, host, queries)
                    page.close()
            browser.close()
    print(f"{args.reports:,} reports; {len(events)} event titles and {len(reports)} report titles searched")
    print(f"{'index':<30} {'what':<14} {'first':>6} {'top 3':>6} {'top 10':>7}")
    for name, results in found.items():
        ranked = results[len(WORDS):]
        for what, part in (("event titles", slice(0, len(events))), ("report titles", slice(len(events), None))):
            places = [rank(urls, wanted) for (_, urls), (_, wanted) in zip(ranked[part], asked[part])]
            print(f"{name:<30} {what:<14} {sum(p == 1 for p in places):>6} "
                  f"{sum(p is not None and p <= 3 for p in places):>6} {sum(p is not None for p in places):>7}")
    print(f"{'results per word':<30} " + "  ".join(WORDS))
    for name, results in found.items():
        print(f"{name:<30} " + "  ".join(f"{n:>{len(w)}}" for w, (n, _) in zip(WORDS, results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
