"""What a visitor pays for search: bytes over the wire before the first
keystroke on /search/, for the first results of a query, and then for its
results in every year (the button a sharded index shows).

    .venv/bin/python bench/search_bytes.py [--reports 10000] [--query Wagner]
    .venv/bin/python bench/search_bytes.py --corpus DIR [--site DIR]

Builds the shipped archive and a sample archive of N reports (incidents.sample;
search index included), or an archive already made (--corpus: at 100,000
reports, bench/perf.py's, made once; --site: its site already built, as
perf.py leaves it, for the base URL in the archive's site.yaml, not built
again), serves each on 127.0.0.1, opens /search/ in
Debian's Chromium with an empty cache and counts the bytes of every
response (headers and body, as Chromium received them)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from browser import launch, serving  # noqa: E402

from incidents.sample import write_sample  # noqa: E402


def build(root: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                    "--base-url", "http://127.0.0.1/"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(browser, served: Path, query: str, path: str = "/") -> dict:
    """The site in `served` at `path` on the host (the path of the base URL it was built for)."""
    with serving(served) as host:
        host += path.rstrip("/")
        context = browser.new_context()
        page = context.new_page()
        seen: list = []
        page.on("requestfinished", lambda request: seen.append(request))

        def total(requests) -> tuple[int, int]:
            sizes = [r.sizes() for r in requests]
            return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes), len(sizes)

        page.goto(f"{host}/search/")
        expect(page.locator(".filters")).to_be_visible(timeout=60_000)
        page.wait_for_load_state("networkidle")
        before, before_n = total(seen)
        first = len(seen)
        page.get_by_label("Words to find").press_sequentially(query, delay=30)
        expect(page.locator("#search-status")).to_contain_text("result", timeout=60_000)
        page.wait_for_load_state("networkidle")
        results, results_n = total(seen[first:])
        shown = page.locator("#search-results li").count()
        status = page.locator("#search-status").inner_text()
        # A sharded index searches the latest years first; the button asks the others.
        every, every_n = 0, 0
        older = page.locator("#search-older")
        if older.is_visible():
            then = len(seen)
            older.click()
            expect(older).to_be_hidden()
            expect(page.locator("#search-status")).to_contain_text("result", timeout=120_000)
            page.wait_for_load_state("networkidle")
            every, every_n = total(seen[then:])
        context.close()
    return {"before": before, "before_requests": before_n, "results": results, "results_requests": results_n,
            "shown": shown, "status": status, "every": every, "every_requests": every_n}


def corpus_query(root: Path) -> str:
    """A word a generated corpus surely holds: the first word of its first actor's name."""
    import yaml
    first = sorted((root / "content" / "actors").glob("*.md"))[0]
    return str(yaml.safe_load(first.read_text(encoding="utf-8").split("---")[1])["name"]).split()[0]


def base_path(root: Path) -> str:
    """The path of the base URL in the archive's site.yaml, where a site built from it lives."""
    import yaml
    from urllib.parse import urlsplit
    site = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    path = urlsplit(site.get("base_url") or "http://localhost/").path
    if not path.strip("/"):
        sys.exit("--site: a site built for the root of its host: build it with --base-url http://127.0.0.1/x/")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000, help="corpus size (0: shipped archive only)")
    parser.add_argument("--query", default="Wagner")
    parser.add_argument("--corpus", type=Path, help="an archive already made, in place of a new sample")
    parser.add_argument("--site", type=Path, help="the --corpus archive's site, already built as its "
                        "site.yaml says (served at its base_url's path)")
    args = parser.parse_args()
    if args.site and not args.corpus:
        parser.error("--site needs --corpus (the archive it was built from)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        archives = [("shipped archive", ROOT)]
        if args.corpus:
            archives.append((f"{args.corpus.name}", args.corpus))
        elif args.reports:
            corpus = Path(tmp) / "corpus"
            write_sample(corpus, args.reports)
            archives.append((f"sample of {args.reports:,} reports", corpus))
        for name, root in archives:
            out = Path(tmp) / f"site-{len(rows)}"
            served, path = out, "/"
            if root == args.corpus and args.site:
                out, took = args.site, 0.0
                served, path = Path(tmp) / "served", base_path(root)
                (served / path.strip("/")).parent.mkdir(parents=True, exist_ok=True)
                (served / path.strip("/")).symlink_to(out.resolve(), target_is_directory=True)
            else:
                took = build(root, out)
            pages = sum(1 for _ in out.rglob("*.html"))
            index = folder_bytes(out / "pagefind")
            query = args.query if root == ROOT else corpus_query(root)
            row = measure(browser, served, query, path)
            rows.append((f"{name} (query {query!r})", pages, index, took, row))
            print(f"{name}: {row['status']}", file=sys.stderr)
        browser.close()
    print("\nSearch cost for a visitor (empty cache, bytes as received):\n")
    print("| archive | pages | index on disk | build s | before first keystroke | first results | every year |")
    print("|---|---|---|---|---|---|---|")
    for name, pages, index, took, r in rows:
        print(f"| {name} | {pages:,} | {index / 1024:,.0f} KiB | {took:.1f} | "
              f"{r['before'] / 1024:,.1f} KiB in {r['before_requests']} requests | "
              f"{r['results'] / 1024:,.1f} KiB in {r['results_requests']} requests ({r['shown']} shown) | "
              + (f"then {r['every'] / 1024:,.1f} KiB in {r['every_requests']} requests |" if r["every_requests"]
                 else "(one index) |"))


if __name__ == "__main__":
    main()
