"""Set up what the archive needs, then serve it or test it.

    python3 dev.py serve [build.py serve options]   install, build, serve
    python3 dev.py test  [pytest options]           install, run every test

Only Python 3.11 is assumed. Everything else is installed from the project's
own files: Python packages pinned in requirements.txt into .venv, Pagefind
pinned in package.json into node_modules, and, for the browser tests,
Debian's Chromium. Each step is skipped when its result is already there, so
a second run starts at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def run(*command: str | os.PathLike) -> None:
    say(" ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)


def stamp_ok(stamp: Path, *sources: Path) -> bool:
    return stamp.exists() and stamp.read_text() == digest(*sources)


def digest(*sources: Path) -> str:
    hash = hashlib.sha256()
    for source in sources:
        if source.exists():
            hash.update(source.read_bytes())
    return hash.hexdigest()


def python_packages() -> None:
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / ".requirements-installed"
    requirements = ROOT / "requirements.txt"
    if stamp_ok(stamp, requirements):
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", requirements)
    stamp.write_text(digest(requirements))


def node_packages() -> None:
    """Pagefind from npm: its 1.6.0 writes byte-identical indexes."""
    package = ROOT / "package.json"
    if not package.exists():
        return
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed"
    if stamp_ok(stamp, package, lock):
        return
    if shutil.which("npm") is None:
        sys.exit("dev.py: npm is needed to install Pagefind (Debian: apt-get install nodejs npm)")
    # Not `npm ci`: the registry here carries Pagefind's Linux builds only, so the
    # lock lacks the other platforms' optional packages and `ci` calls it out of
    # sync. `install --no-save` takes the lock's versions and hashes, changes no file.
    run("npm", "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error")
    stamp.write_text(digest(package, lock))


def chromium() -> None:
    """Debian's Chromium, for the browser tests; never a downloaded browser."""
    if CHROMIUM.exists():
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        sys.exit("dev.py: the browser tests need Debian's Chromium at /usr/bin/chromium:\n"
                 "    sudo apt-get update && sudo apt-get install -y chromium")
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "chromium")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"serve", "test", "setup"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    python_packages()
    node_packages()
    if command == "serve":
        return subprocess.call([str(PYTHON), "build.py", "serve", *rest], cwd=ROOT)
    chromium()
    if command == "setup":
        return 0
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        say(f"setup failed: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
