"""The running preview, watcher and all, under the file churn editors and git
make: reports created, deleted, renamed and edited as fast as the disk takes
them, files that come and go within milliseconds. Once the churn stops, the
preview serves exactly what a clean build of the final files gives, and it
never said a rebuild failed."""

from __future__ import annotations

import random
import re
import shutil
import time
from pathlib import Path

from sitecheck import tree_digest

from incidents.build import build
from incidents.preview.serve import Preview
from incidents.sample import write_sample

SECONDS = 4.0


def tree(folder: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(folder).items() if not k.startswith("pagefind/")}


def event_of(path: Path) -> str:
    return re.search(r"^event: (.*)$", path.read_text(encoding="utf-8"), re.M).group(1)


def last_of_its_event(path: Path, files: list[Path]) -> bool:
    """(An event file that no report names is an error: such a report stays.)"""
    event = event_of(path)
    return sum(event_of(f) == event for f in files) < 2


def churn(reports: Path, seconds: float, seed: int) -> int:
    """Valid changes only, so that the final files build; returns how many were made."""
    rng = random.Random(seed)
    deadline, made, n = time.monotonic() + seconds, 0, 0
    while time.monotonic() < deadline:
        files = sorted(reports.glob("*.md"))
        path = rng.choice(files)
        kind = rng.choice(["edit", "retitle", "rename", "delete", "create", "flash", "flash", "swap"])
        n += 1
        if kind == "edit":
            path.write_text(path.read_text(encoding="utf-8") + f"\nSentence {n}.\n", encoding="utf-8")
        elif kind == "retitle":
            path.write_text(re.sub(r"^title: .*$", f"title: Retitled {n}", path.read_text(encoding="utf-8"),
                                   count=1, flags=re.M), encoding="utf-8")
        elif kind == "rename":
            path.rename(reports / f"renamed-{n}.md")
        elif kind == "delete" and len(files) > 20 and not last_of_its_event(path, files):
            path.unlink()
        elif kind == "create":
            text = path.read_text(encoding="utf-8")
            (reports / f"created-{n}.md").write_text(re.sub(r"^(\s*url: ).*$", rf"\1https://example.org/new/{n}",
                                                            text, count=1, flags=re.M), encoding="utf-8")
        elif kind == "flash":  # an editor's or git's file that is gone before the rebuild
            temp = reports / f"zz-temp-{n % 3}.md"
            temp.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            temp.unlink()
        elif kind == "swap":  # an editor's atomic save: write aside, rename over
            aside = reports / f".{path.name}.swp"
            aside.write_text(path.read_text(encoding="utf-8") + f"\nSaved {n}.\n", encoding="utf-8")
            aside.replace(path)
        made += 1
        if rng.random() < 0.3:
            time.sleep(rng.uniform(0, 0.05))
    return made


def settle(preview: Preview, quiet: float = 1.5, timeout: float = 60.0) -> None:
    """Wait until no change is pending and no rebuild has run for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    last, since = preview.rebuilds, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if preview.rebuilds != last or preview.changes._paths:
            last, since = preview.rebuilds, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
    raise AssertionError("the preview never went quiet")


def test_the_running_preview_comes_to_a_clean_build_after_churn(tmp_path):
    root = tmp_path / "archive"
    write_sample(root, 120, seed=7)
    said: list[str] = []
    preview = Preview(root, port=0, say=said.append)  # no search index: test_incremental proves it
    preview.start()
    try:
        made = churn(root / "content/reports", SECONDS, seed=11)
        settle(preview)
        preview.fresh_data()
        assert made > 100 and preview.last is not None
        build(root, tmp_path / "clean", base_url=preview.url, search=False)
        assert preview.last.ok, [str(p) for p in preview.last.problems]
        assert tree(preview.out) == tree(tmp_path / "clean")
        failures = [line for line in said if "error" in line or "Traceback" in line or "note:" in line]
        assert not failures, failures
    finally:
        preview.stop()
