"""The Nu HTML Checker (vnu.jar, from npm), run on built pages."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"

# Java's first compiler alone (TieredStopAtLevel=1): a check of a few seconds ends
# before the optimizing one pays back what it costs, so this takes half the CPU
# (5.0 s rather than 11.8 s on 950 pages here) for the same findings. Its frames
# are larger: the checker's deep recursion through the HTML schema needs a bigger
# stack than the default 1 MB, or it stops with a StackOverflowError.
JAVA = ["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU)]


def nu_errors(*paths: Path) -> list[str]:
    """The checker's errors on these HTML files and the HTML files in these
    folders, as `file:line: message`; a checker that did not run fails the test
    rather than passing it with no findings."""
    if not VNU.exists():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `python3 dev.py setup` (npm installs it)")
    if shutil.which("java") is None:
        pytest.fail("the Nu HTML Checker needs Java: apt-get install default-jre-headless")
    done = subprocess.run([*JAVA, "--errors-only", "--skip-non-html", "--format", "json", "--stdout",
                           *map(str, paths)], capture_output=True, text=True)
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no report (exit {done.returncode}): {done.stdout[-500:]} "
                    f"{done.stderr[-1500:]}")
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message', '')}" for m in messages
            if m.get("type") in ("error", "non-document-error")]

