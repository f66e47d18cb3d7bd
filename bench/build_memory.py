"""Where a build's memory goes: one build of an archive, in this process,
while a thread samples the PSS of the process tree (this process and its
forked workers and Pagefind runs, a page shared by n processes counted 1/n in
each) every 0.2 s; then the peak within each of the build's steps, and which
process held it.

    .venv/bin/python bench/build_memory.py --root ARCHIVE --out SITE [--no-search] [--samples FILE]

Build once from nothing, then edit, add or delete a report and run it again
to see an incremental build's peak. The samples (seconds, tree PSS, this
process's PSS, processes) can be kept as JSON with --samples."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import perf  # noqa: E402  (bench/perf.py: pss_of, tree_pids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True, help="the archive")
    parser.add_argument("--out", type=Path, required=True, help="the output folder (its cache beside it)")
    parser.add_argument("--no-search", action="store_true", help="build without the search index")
    parser.add_argument("--samples", type=Path, help="write the samples there as JSON")
    args = parser.parse_args()

    from incidents.build import build
    from incidents.errors import BuildError, ContentError

    samples: list[tuple[float, int, int, int]] = []
    stop = threading.Event()

    def sample() -> None:
        me = os.getpid()
        while not stop.is_set():
            pids = perf.tree_pids(me)
            sizes = [perf.pss_of(pid) for pid in pids]
            samples.append((time.perf_counter(), sum(sizes), perf.pss_of(me), len(pids)))
            stop.wait(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    start = time.perf_counter()
    try:
        result = build(args.root, args.out, search=not args.no_search)
    except (ContentError, BuildError) as exc:
        sys.exit(f"the build failed: {exc}")
    finally:
        stop.set()
        watcher.join()
    wall = time.perf_counter() - start
    print(f"{wall:.1f} s: rendered {result.rendered} pages, parsed {result.parsed} files, "
          f"indexed {result.indexed} shards")
    at = start
    for step, seconds in result.timings.items():
        inside = [s for s in samples if at <= s[0] < at + seconds]
        if inside:
            t, tree, main_pss, processes = max(inside, key=lambda s: s[1])
            print(f"{step:8} {seconds:8.1f} s   peak {perf.fmt_bytes(tree):>9} (this process "
                  f"{perf.fmt_bytes(main_pss)}, {processes} processes) {t - at:.1f} s into it")
        at += seconds
    if samples:
        t, tree, main_pss, processes = max(samples, key=lambda s: s[1])
        print(f"peak     {perf.fmt_bytes(tree)} at {t - start:.1f} s")
    if args.samples:
        args.samples.write_text(json.dumps([(round(t - start, 2), tree, m, n) for t, tree, m, n in samples]))


if __name__ == "__main__":
    main()
