"""Where the bytes of a built site go: by kind of file, and inside the HTML
pages by part (head, inline SVG, JSON-LD, navigation, citations, text…).

    .venv/bin/python bench/bytes.py --reports 10000        # builds a sample archive first
    .venv/bin/python bench/bytes.py --site output/         # an already built site

For each kind: files, bytes, median and largest file, and the largest over the
median (the issue's bound is 2). For HTML pages, each part's share of the
bytes, counted on the page's own text: an element is counted in the first
part whose rule it matches, outermost first, so no byte is counted twice."""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

LANG = r"(?:[a-z]{2}/)?"  # the pages of a second language: fr/reports/…
# A folder named by digits alone is a list by period (/reports/2023/, /events/2023/),
# never a report's or an event's: the format refuses such a name for either.
ONE = r"(?!\d+/)[^/]+"
KINDS = [  # (kind, rule on the path relative to the site), first match wins
    ("report page", rf"{LANG}reports/{ONE}/index\.html"),
    ("event page", rf"{LANG}events/{ONE}/index\.html"),
    ("actor page", rf"{LANG}actors/{ONE}/index\.html"),
    ("location page", rf"{LANG}locations/{ONE}/index\.html"),
    ("citation file", rf"{LANG}(reports|events)/{ONE}/cite\.(bib|json)"),
    ("list page", rf"{LANG}(index|reports/index|events/index|actors/index|locations/index|timeline/index|"
                  r"(reports|events|timeline|tags|actors|locations)/.+/index)\.html"),
    ("other page", r".*\.html"),
    ("search index", r"pagefind/.*"),
    ("open data", rf"{LANG}data/.*"),
    ("feed or sitemap", r".*\.xml"),
    ("static", r".*"),
]
# Parts of an HTML page, outermost first: the first rule that matches an element claims its bytes.
PARTS = [
    ("JSON-LD", re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)),
    ("head: meta and links", re.compile(r"<head>.*?</head>", re.S)),
    ("citation section", re.compile(r'<section class="cite".*?</section>', re.S)),
    ("inline SVG", re.compile(r"<svg\b.*?</svg>", re.S)),
    ("site header and nav", re.compile(r"<header class=\"site.*?</header>|<nav\b.*?</nav>", re.S)),
    ("footer", re.compile(r"<footer\b.*?</footer>", re.S)),
    ("history section", re.compile(r'<section[^>]*class="history.*?</section>', re.S)),
    ("report text", re.compile(r'<section[^>]*class="body".*?</section>', re.S)),
]
TAGS = re.compile(r"<[^>]+>")


def kind_of(rel: str) -> str:
    return next(kind for kind, rule in KINDS if re.fullmatch(rule, rel))


def parts_of(html: str) -> dict[str, int]:
    """Bytes of each part of one page; what no rule claims is split into
    markup (tags and attributes) and text."""
    out: dict[str, int] = defaultdict(int)
    rest = html
    for name, rule in PARTS:
        def claim(m: re.Match) -> str:
            out[name] += len(m.group(0).encode())
            return ""
        rest = rule.sub(claim, rest)
    markup = sum(len(t.encode()) for t in TAGS.findall(rest))
    out["other markup (tags, attributes)"] += markup
    out["other text"] += len(rest.encode()) - markup
    return out


def survey(site: Path) -> tuple[dict[str, list[int]], dict[str, dict[str, int]]]:
    sizes: dict[str, list[int]] = defaultdict(list)
    parts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        kind = kind_of(rel)
        data = path.read_bytes()
        sizes[kind].append(len(data))
        if rel.endswith(".html"):
            for name, n in parts_of(data.decode("utf-8")).items():
                parts[kind][name] += n
    return sizes, parts


def report(site: Path) -> None:
    sizes, parts = survey(site)
    total = sum(sum(v) for v in sizes.values())
    files = sum(len(v) for v in sizes.values())
    print(f"\n{site}: {files:,} files, {total / 1e6:,.1f} MB\n")
    print("| kind | files | MB | share | median KB | largest KB | largest / median |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, values in sorted(sizes.items(), key=lambda kv: -sum(kv[1])):
        median = statistics.median(values)
        print(f"| {kind} | {len(values):,} | {sum(values) / 1e6:,.1f} | {sum(values) / total:.0%} | "
              f"{median / 1e3:,.1f} | {max(values) / 1e3:,.1f} | {max(values) / median:.1f} |")
    print("\nInside the HTML pages (share of each kind's bytes):\n")
    names = [name for name, _ in PARTS] + ["other markup (tags, attributes)", "other text"]
    kinds = [k for k in sorted(parts, key=lambda k: -sum(sizes[k])) if sum(sizes[k]) > 0.01 * total]
    print("| part | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{parts[k].get(name, 0) / sum(sizes[k]):.0%}" for k in kinds) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to survey")
    parser.add_argument("--reports", type=int, default=10_000, help="else: build a sample archive of N reports")
    args = parser.parse_args()
    if args.site:
        report(args.site)
        return
    from incidents.sample import write_sample
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "site"
        write_sample(corpus, args.reports)
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(corpus), "build", "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        report(out)


if __name__ == "__main__":
    main()
