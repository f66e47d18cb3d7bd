#!/usr/bin/env python3
"""Time from saving a report to the preview serving the page with the change.

    python3 bench/serve_latency.py [--sizes shipped,10000] [--edits 7]

For each size, makes an archive in a temporary folder (the shipped archive,
or a sample of N reports from `python -m incidents.sample`), starts `build.py serve` on
a free port as its own process, waits for the first build and the first
search index, then saves one report several times and polls the page over
HTTP until it shows the change. Two kinds of edit: a new sentence in the
body (the report's page alone changes) and a new title (its event, lists
and every page that links to it). Prints median, min and max per size and
kind. The search index is not part of it (serve brings it up to date in the
background, after the reload); each save waits for the last one's index
update, as a contributor's saves, seconds apart, would."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def make_archive(size: str, folder: Path) -> None:
    if size == "shipped":
        shutil.copy(REPO / "site.yaml", folder / "site.yaml")
        shutil.copytree(REPO / "content", folder / "content")
        return
    subprocess.run([project_python(), "-m", "incidents.sample", str(folder), "--reports", size],
                   check=True, stdout=subprocess.DEVNULL, cwd=REPO)


def project_python() -> str:
    """The project's own Python, .venv/bin/python, set up by dev.py if need be:
    the server needs its pinned packages and Pagefind."""
    sys.path.insert(0, str(REPO))
    import dev
    dev.python_packages()
    dev.node_packages()
    return str(REPO / ".venv" / "bin" / "python")


def start_server(root: Path) -> tuple[subprocess.Popen, str, float]:
    python = project_python()
    started = time.monotonic()
    process = subprocess.Popen([python, str(REPO / "build.py"), "--root", str(root), "serve", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url, searching = "", True
    for line in process.stdout:  # type: ignore[union-attr]
        searching = searching and not line.startswith("note: search is off")
        if line.startswith("serving "):
            url = line.split()[1]
        SEARCHING[0] = searching
        if url and (not searching or line.startswith("search index ready")):
            break  # edits are timed once the first, whole index is made: the search index is excluded
    else:
        raise SystemExit("serve did not start:\n" + (process.stdout.read() if process.stdout else ""))
    # keep reading its output so that it never blocks on a full pipe, counting the index's updates
    threading.Thread(target=lambda: [INDEXED.append(line) for line in process.stdout  # type: ignore[union-attr]
                                     if line.startswith("search index updated")], daemon=True).start()
    return process, url, time.monotonic() - started


INDEXED: list[str] = []  # the server's "search index updated" lines
SEARCHING = [True]       # whether the server indexes at all


def settle(before: int) -> None:
    """Wait until the server has brought its search index up to date after the
    last save (at most 10 s): the next save is timed on an idle machine, as a
    contributor's saves, seconds apart, would be."""
    deadline = time.monotonic() + (10 if SEARCHING[0] else 0.3)
    while len(INDEXED) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def served_after_save(path: Path, text: str, url: str, marker: bytes) -> float:
    """Write `text` to `path`, then poll `url` until its body holds `marker`: seconds."""
    path.write_text(text, encoding="utf-8")
    saved = time.perf_counter()
    deadline = saved + 60
    while time.perf_counter() < deadline:
        if marker in fetch(url):
            return time.perf_counter() - saved
        time.sleep(0.005)
    raise SystemExit(f"{url} never showed the edit")


def measure(root: Path, url: str, edits: int) -> dict[str, list[float]]:
    reports = sorted((root / "content" / "reports").glob("*.md"))
    report = reports[len(reports) // 2]
    page = f"{url}reports/{report.stem}/"
    original = report.read_text(encoding="utf-8")
    fetch(page)
    times: dict[str, list[float]] = {"body edit": [], "title edit": []}
    for i in range(edits):
        marker = f"Benchmark sentence {i} {time.time_ns()}."
        before = len(INDEXED)
        times["body edit"].append(served_after_save(report, original + f"\n{marker}\n", page, marker.encode()))
        settle(before)
    match = re.search(r"^title: (.*)$", original, re.M)
    assert match
    for i in range(edits):
        marker = f"Benchmark title {i} {time.time_ns()}"
        text = original[:match.start()] + f"title: {json.dumps(marker)}" + original[match.end():]
        before = len(INDEXED)
        times["title edit"].append(served_after_save(report, text, page, marker.encode()))
        settle(before)
    report.write_text(original, encoding="utf-8")
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="shipped,10000",
                    help="comma-separated: 'shipped' and/or numbers of reports (default: shipped,10000)")
    ap.add_argument("--edits", type=int, default=7, help="saves per kind of edit (default 7)")
    args = ap.parse_args(argv)
    rows = []
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory(prefix="serve-latency-") as tmp:
            root = Path(tmp)
            make_archive(size, root)
            process, url, startup = start_server(root)
            try:
                print(f"{size}: first build and start {startup:.1f} s", flush=True)
                for kind, values in measure(root, url, args.edits).items():
                    ms = [v * 1000 for v in values]
                    rows.append((size, kind, statistics.median(ms), min(ms), max(ms), len(ms)))
                    print(f"{size:>8}  {kind:<10}  median {statistics.median(ms):6.0f} ms  "
                          f"min {min(ms):6.0f}  max {max(ms):6.0f}  ({len(ms)} saves)", flush=True)
            finally:
                process.terminate()
                process.wait(timeout=30)
    print("\nsave → page served with the change (includes the preview's 30 ms quiet period; search index excluded)")
    print(f"{'reports':>8}  {'edit':<10}  {'median':>8}  {'min':>6}  {'max':>6}")
    for size, kind, med, lo, hi, _ in rows:
        print(f"{size:>8}  {kind:<10}  {med:6.0f} ms  {lo:6.0f}  {hi:6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
