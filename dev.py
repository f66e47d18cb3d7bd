"""Set up what the archive needs, then serve it or test it.

usage: python3 dev.py COMMAND [options]

    python3 dev.py serve [build.py serve options]   install, build, serve (Ctrl-C stops)
    python3 dev.py test  [pytest options]           install everything, run every test
    python3 dev.py setup                            install everything, nothing else
    python3 dev.py setup --build                    install what build.py build needs only

Only Python 3.11 is assumed. Everything else is installed from the project's
own files: Python packages pinned in requirements.txt into .venv, Pagefind
pinned in package.json into node_modules (with the tests' axe-core and Nu
HTML Checker, except for `setup --build`), and, for the tests, Debian's
Chromium and Java (`apt-get`, when run as root; otherwise the command to run
is printed). Each step is skipped when its result is already there, so a
second run starts at once.
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
USAGE = "\n\n".join(__doc__.split("\n\n")[:3]) + "\n"


def say(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def run(*command: str | os.PathLike) -> None:
    say(" ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)


def stamp_ok(stamp: Path, *wanted: str) -> bool:
    return stamp.exists() and stamp.read_text() in wanted


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
    if stamp_ok(stamp, digest(requirements)):
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", requirements)
    stamp.write_text(digest(requirements))


def bytecode() -> None:
    """Compile the package once, here: with PYTHONDONTWRITEBYTECODE set (as on our
    machines) every `build.py` would otherwise compile it again, 0.3 s of each start,
    and the tests start it hundreds of times. Python still checks each file's time
    and size against its compiled copy, so an edited module is never run stale."""
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", str(ROOT / "incidents")], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def node_packages(build_only: bool = False) -> None:
    """Pagefind from npm: its 1.6.0 writes byte-identical indexes. The tests'
    devDependencies too, unless `build_only`."""
    package = ROOT / "package.json"
    if not package.exists():
        return
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed"
    everything = digest(package, lock)
    build = f"{everything} --omit=dev"
    if stamp_ok(stamp, everything, *([build] if build_only else [])):
        return
    if shutil.which("npm") is None:
        sys.exit("dev.py: npm is needed to install Pagefind (Debian: apt-get install nodejs npm)")
    # Not `npm ci`: the registry here carries Pagefind's Linux builds only, so the
    # lock lacks the other platforms' optional packages and `ci` calls it out of
    # sync. `install --no-save` takes the lock's versions and hashes, changes no file.
    run("npm", "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error",
        *(["--omit=dev"] if build_only else []))
    stamp.write_text(build if build_only else everything)


def system_packages() -> None:
    """Debian's Chromium (the browser tests; never a downloaded browser) and a
    Java runtime (the Nu HTML Checker, tests/test_pages_sound.py)."""
    missing = [package for package, there in (("chromium", CHROMIUM.exists()),
                                              ("default-jre-headless", shutil.which("java") is not None))
               if not there]
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        sys.exit(f"dev.py: the tests need Debian's {' and '.join(missing)}; install with:\n"
                 f"    sudo apt-get update && sudo apt-get install -y {' '.join(missing)}")
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing)


def serve(options: list[str]) -> None:
    """Become `build.py serve`: one process, so Ctrl-C or a signal sent to
    dev.py reaches the server itself and nothing is left on the port."""
    os.chdir(ROOT)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(PYTHON, [str(PYTHON), "build.py", "serve", *options])


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0
    if not argv or argv[0] not in ("serve", "test", "setup"):
        if argv:
            print(f"dev.py: unknown command {argv[0]!r}", file=sys.stderr)
        print(USAGE, end="", file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "setup" and rest not in ([], ["--build"]):
        print(f"dev.py: setup takes only --build, not {' '.join(rest)}", file=sys.stderr)
        print(USAGE, end="", file=sys.stderr)
        return 2
    build_only = rest == ["--build"]
    python_packages()
    node_packages(build_only=command == "serve" or build_only)
    bytecode()
    if command == "serve":
        serve(rest)
    if not build_only:
        system_packages()
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
