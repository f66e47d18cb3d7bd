"""The search index: Pagefind, called as a command over the written site.

Pagefind is pinned in package.json (npm's 1.6.0 writes the same bytes for
the same pages, where PyPI's 1.5.2 does not) and installed by dev.py into
node_modules/. PAGEFIND_BINARY_PATH points at another binary."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

from .errors import BuildError

HOME = Path(__file__).resolve().parent.parent
VERSION = "1.6.0"
_PLATFORMS = {("Linux", "x86_64"): "linux-x64", ("Linux", "aarch64"): "linux-arm64",
              ("Darwin", "arm64"): "darwin-arm64", ("Darwin", "x86_64"): "darwin-x64",
              ("Windows", "AMD64"): "windows-x64"}


def pagefind_binary() -> Path:
    """The pinned Pagefind binary, or a BuildError that says how to get it."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        path = Path(given)
        if not path.is_file():
            raise BuildError(f"PAGEFIND_BINARY_PATH={given}: no such file")
        return path
    arch = _PLATFORMS.get((platform.system(), platform.machine()), "")
    folder = HOME / "node_modules" / "@pagefind" / arch / "bin"
    for name in ("pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe"):
        if arch and (folder / name).is_file():
            return folder / name
    raise BuildError(f"Pagefind {VERSION} is not installed: run `python3 dev.py setup` (or `npm install --no-save` in {HOME}), "
                     "or build with --no-search")


def index_site(site: Path) -> None:
    """Write site/pagefind/ for the pages in `site`; BuildError if Pagefind fails."""
    binary = pagefind_binary()
    try:
        done = subprocess.run([str(binary), "--site", str(site), "--silent"], capture_output=True, text=True,
                              env={**os.environ, "NO_COLOR": "1"}, timeout=3600)
    except OSError as exc:
        raise BuildError(f"{binary}: cannot run Pagefind: {exc.strerror}") from None
    except subprocess.TimeoutExpired:
        raise BuildError("Pagefind took over an hour and was stopped") from None
    if done.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BuildError(f"Pagefind failed (exit {done.returncode})" + (f": {detail[-1]}" if detail else ""))
