#!/usr/bin/env python3
"""Precision and recall of `build.py import`, field by field, over a folder of
articles with expected files (by default the project's own,
tests/fixtures/articles/; its README describes the format).

    python bench/import_accuracy.py [FOLDER | --folder FOLDER] [--misses]

Each article is imported from its raw text (clean → extract) with what the
shipped archive knows (actor files, places, events), three times: with its
publication date given as --published (a curator would give it), without
(the publication date is then scored: can the import read it off the text?),
and with --published but an archive that knows only its actor files (the
shipped archive's places and events make the location and event of articles
about them easier).

A field's precision is the share of what the import found that is right, its
recall the share of the truth it found. A stand-in (the placeholder publisher
or place, a date standing in for the incident's) counts as no guess.
--misses lists, article by article, every field short of perfect.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from incidents.errors import ContentError  # noqa: E402
from incidents.importer.accuracy import FIELDS, articles, run  # noqa: E402
from incidents.importer.knowledge import Knowledge, knowledge  # noqa: E402
from incidents.content.link import link  # noqa: E402
from incidents.content.load import load  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", nargs="?", help="a folder of NAME.txt with NAME.expected.yaml")
    p.add_argument("--folder", dest="folder_option", metavar="FOLDER", help="the same, as an option")
    p.add_argument("--misses", action="store_true", help="list every field short of perfect, article by article")
    args = p.parse_args(argv)
    folder = Path(args.folder_option or args.folder or FIXTURES)
    if not folder.is_dir():
        print(f"{folder}: no such folder", file=sys.stderr)
        return 2
    try:
        found = articles(folder)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not found:
        print(f"{folder}: no article (NAME.txt with NAME.expected.yaml)", file=sys.stderr)
        return 2
    known = knowledge(link(load(ROOT, None, drafts=True)))
    runs = (("with --published", True, known), ("without --published", False, known),
            ("with --published, the archive's actor files only (no places, no events)", True,
             Knowledge(actors=known.actors)))
    for label, published, what in runs:
        totals = {f: [0, 0, 0] for f in FIELDS}   # correct, guessed, expected
        misses = []
        for article in found:
            scores = run(article, what, published).scores
            for field, s in scores.items():
                totals[field][0] += s.correct
                totals[field][1] += len(s.got)
                totals[field][2] += len(s.want)
                if not s.perfect:
                    misses.append(f"    {article.name}: {field}: {s.explain()}")
        print(f"\n{label}: {len(found)} articles in {folder}")
        print(f"  {'field':<18} {'precision':>10} {'recall':>8}   (correct / found / expected)")
        for field in FIELDS:
            c, g, e = totals[field]
            print(f"  {field:<18} {_ratio(c, g):>10} {_ratio(c, e):>8}   ({c} / {g} / {e})")
        if args.misses and misses:
            print("  short of perfect:")
            print("\n".join(misses))
    return 0


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "–"


if __name__ == "__main__":
    sys.exit(main())
