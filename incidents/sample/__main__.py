"""python -m incidents.sample OUT --reports N [--seed S] [--hugo DIR] [--french]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __doc__ as ABOUT, write_sample


def occupied(folder: Path) -> bool:
    return folder.exists() and (not folder.is_dir() or any(folder.iterdir()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m incidents.sample", description=ABOUT.split("\n\n")[0],
                                 epilog="The same --reports and --seed always give the same files.")
    ap.add_argument("out", type=Path, metavar="OUT", help="a new or empty folder for the archive")
    ap.add_argument("--reports", type=int, required=True, metavar="N", help="how many reports (at least 10)")
    ap.add_argument("--seed", type=int, default=1, metavar="S", help="another seed, another archive (default 1)")
    ap.add_argument("--hugo", type=Path, metavar="DIR", help="also write the same reports as a Hugo site in DIR "
                    "(a new or empty folder), for bench/perf.py")
    ap.add_argument("--french", action="store_true", help="the site in English and French (languages: [en, fr]); "
                    "English alone without it, as bench/perf.py compares it with Hugo's")
    args = ap.parse_args(argv)
    if args.reports < 10:
        ap.error("--reports must be at least 10: fewer cannot show every field")
    for folder in (args.out, args.hugo):
        if folder and occupied(folder):
            ap.error(f"{folder} is not empty: give a new or empty folder (nothing is overwritten)")
    try:
        sample = write_sample(args.out, args.reports, args.seed, args.hugo, ("en", "fr") if args.french else ("en",))
    except OSError as exc:
        print(f"incidents.sample: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    print(sample.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
