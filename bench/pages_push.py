"""The Pages workflow's build step on a push that changes one report, against
a full build: what .github/workflows/pages.yml does, done here.

    .venv/bin/python bench/pages_push.py [--reports 2000]

A sample archive of N reports is committed to a git repository. Run 1 is the
first push: a fresh clone and a build with no cache. Its `.output.cache/` and
`output/` are then saved in a tar file, as actions/cache saves them. One
report is edited and committed. Run 2 is that push: another fresh clone (so
every file of the checkout has a new time, as actions/checkout gives it), the
tar file restored into it, the same build command, and the two folders saved
again; and so on for each push (--pushes). The last push's output is then
checked against a clean build of the same commit, byte for byte. The tar
files are GNU tar's `--posix`, as actions/cache makes them: the times come
back to the nanosecond, the inodes are new."""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
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


def save(workspace: Path, saved: Path) -> None:
    """As actions/cache saves the two folders (`tar --posix`: every time to the nanosecond)."""
    subprocess.run(["tar", "--posix", "-cf", str(saved), "-C", str(workspace), ".output.cache", "output"], check=True)


def restore(saved: Path, workspace: Path) -> None:
    subprocess.run(["tar", "-xf", str(saved), "-C", str(workspace)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--pushes", type=int, default=4, help="pushes after the first, each one report edited")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        origin = tmp / "origin"
        write_sample(origin, args.reports)
        git(origin, "init", "-q", "-b", "main")
        git(origin, "add", "-A")
        git(origin, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "archive")

        workspace = tmp / "workspace"  # the runner's: the same path every run, emptied
        git(tmp, "clone", "-q", str(origin), str(workspace))
        full, full_line = build(workspace)
        saved = tmp / "cache.tar"
        save(workspace, saved)
        reports = sorted((origin / "content" / "reports").glob("*.md"))
        pushes = []
        for push in range(args.pushes):
            report = reports[(len(reports) // 2 + push * 101) % len(reports)]
            report.write_text(retitle(report.read_text(encoding="utf-8"), f"(corrected {push + 1})"), encoding="utf-8")
            git(origin, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qam", "one report")
            subprocess.run(["rm", "-rf", str(workspace)], check=True)
            git(tmp, "clone", "-q", str(origin), str(workspace))
            restore(saved, workspace)
            pushes.append(build(workspace))
            saved.unlink()
            save(workspace, saved)

        clean = tmp / "clean"
        git(tmp, "clone", "-q", str(origin), str(clean))
        build(clean)
        same = tree(workspace / "output") == tree(clean / "output")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"\nThe Pages build step at {args.reports:,} reports (each push one report's title edited):\n")
    print("| run | build s | / first | what it did |")
    print("|---|---:|---:|---|")
    print(f"| first push, no cache | {full:.1f} | | {full_line} |")
    for i, (took, line) in enumerate(pushes, 1):
        print(f"| push {i}, cache restored, fresh checkout | {took:.1f} | {took / full:.0%} | {line} |")
    print(f"\nthe last push's output equals a clean build's: {same}; peak memory of a build: {peak:,.0f} MB")
    if not same:
        sys.exit("the restored build's output differs from a clean build's")


if __name__ == "__main__":
    main()
