"""The Pages workflow's build step on a push that changes one report, against
a full build: what .github/workflows/pages.yml does, done here.

    .venv/bin/python bench/pages_push.py [--reports 2000]

A sample archive of N reports is committed to a git repository. Run 1 is the
first push: a fresh clone and a build with no cache. Its `.output.cache/` and
`output/` are then saved in a tar file, as actions/cache saves them. One
report is edited and committed. Run 2 is that push: another fresh clone (so
every file of the checkout has a new time, as actions/checkout gives it), the
tar file restored into it, and the same build command. Run 2's output is then
checked against a clean build of the same commit, byte for byte."""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

from incidents.sample import write_sample  # noqa: E402
from perf import retitle  # noqa: E402  (a quoted title stays valid YAML)

BASE = "https://example.org/archive/"


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


def build(checkout: Path) -> tuple[float, str]:
    """The workflow's build command, timed; its summary line."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(checkout), "build",
                           "--base-url", BASE], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the build of {checkout} failed (exit {done.returncode}):\n{done.stderr}{done.stdout}")
    return time.perf_counter() - start, done.stdout.strip().splitlines()[-1]


def tree(folder: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        origin = tmp / "origin"
        write_sample(origin, args.reports)
        git(origin, "init", "-q", "-b", "main")
        git(origin, "add", "-A")
        git(origin, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "archive")

        first = tmp / "workspace"
        git(tmp, "clone", "-q", str(origin), str(first))
        full, full_line = build(first)
        saved = tmp / "cache.tar"
        with tarfile.open(saved, "w") as tar:  # as actions/cache: the folders with their times
            for name in (".output.cache", "output"):
                tar.add(first / name, arcname=name)

        report = sorted((origin / "content" / "reports").glob("*.md"))[len(list((origin / "content" / "reports")
                                                                                .glob("*.md"))) // 2]
        text = report.read_text(encoding="utf-8")
        report.write_text(retitle(text, "(corrected)"), encoding="utf-8")
        git(origin, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qam", "one report")

        second = first  # the runner's workspace: the same path every run, emptied
        subprocess.run(["rm", "-rf", str(second)], check=True)
        git(tmp, "clone", "-q", str(origin), str(second))
        with tarfile.open(saved) as tar:
            tar.extractall(second, filter="tar")
        push, push_line = build(second)

        clean = tmp / "clean"
        git(tmp, "clone", "-q", str(origin), str(clean))
        build(clean)
        same = tree(second / "output") == tree(clean / "output")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"\nThe Pages build step at {args.reports:,} reports (one report's title edited):\n")
    print("| run | build s | what it did |")
    print("|---|---:|---|")
    print(f"| first push, no cache | {full:.1f} | {full_line} |")
    print(f"| next push, cache restored, fresh checkout | {push:.1f} | {push_line} |")
    print(f"\nnext push / full build: {push / full:.0%}; its output equals a clean build's: {same}; "
          f"peak memory of a build: {peak:,.0f} MB")
    if not same:
        sys.exit("the restored build's output differs from a clean build's")


if __name__ == "__main__":
    main()
