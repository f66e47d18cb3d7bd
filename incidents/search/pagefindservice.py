"""Pagefind run as a service (`pagefind --service`), given a shard's pages one
by one, in a fixed order.

Run over a folder (`pagefind --site`), Pagefind takes the pages in the order
the file system lists them, and its index depends on that order: the same
pages on ext4 (which lists by a hash of the name, seeded per file system) and
on tmpfs (newest first) gave 131 different index files. Its service indexes
pages in the order they come (pagefind/src/service/mod.rs answers one message
at a time), so the index depends on the pages and their order alone.

The protocol is the one Pagefind's own Node wrapper speaks
(node_modules/pagefind/lib/service.js): each message is JSON, then base64,
then a comma, on the service's input; the answers come the same way on its
output, each with the number of the message it answers. The end of input
stops the service at once, so input is closed only once WriteFiles is answered."""

from __future__ import annotations

import base64
import json
import os
import platform
import re
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from .. import HOME
from ..cache import CacheDamaged
from ..errors import BuildError

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


_IDENTITY: dict[Path, str] = {}


def pagefind_identity() -> str:
    """The Pagefind that indexes, as a shard's key holds it: the version its npm
    package says it is, and its binary's size. A shard indexed by another
    (package.json's pin raised, node_modules installed again; the Pages
    workflow keeps the last run's shards) is indexed again, rather than
    merged by the search page with shards of this one."""
    try:
        binary = pagefind_binary()
    except BuildError:
        return VERSION
    if binary not in _IDENTITY:
        try:
            manifest = json.loads((binary.parent.parent / "package.json").read_text(encoding="utf-8"))
            version = str(manifest.get("version", "")) if isinstance(manifest, dict) else ""
        except (OSError, ValueError):
            version = ""  # a binary of its own (PAGEFIND_BINARY_PATH): its size tells one from another
        _IDENTITY[binary] = f"{version or '?'}:{binary.stat().st_size}"
    return _IDENTITY[binary]


TIMEOUT = 3600  # seconds for one shard: ten times what 1,000 pages take here
_RUNNING: set[subprocess.Popen] = set()  # Pagefind processes indexing now, for stop_all()


def stop_all() -> None:
    """Kill every Pagefind run of this process: the preview stopping must not wait
    for an index nobody will read (Python's exit waits for the threads that run them)."""
    for process in list(_RUNNING):
        process.kill()


# Pagefind's own search interfaces, written beside every index: the search page
# is ours (static/search.js, over pagefind.js), so nothing ever loads them, and
# they are 430 KB in each shard's folder (8.6 MB at 10,000 reports).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
# What a merged index never has fetched: pagefind.js merges a shard into the
# main index (mergeIndex) as an instance that uses the main index's script,
# worker and WebAssembly ("load_wasm: false"), reading of the shard only its
# entry, metadata, word index, filters and fragments. 205 KB a shard in one
# language, 265 KB in two (wasm.<language>.pagefind is one a language).
MERGED_UNUSED = ("pagefind.js", "pagefind-worker.js")


def write_index(binary: Path, site: Path, files: Sequence[str], output: Path, sent: bytes | None = None,
                merged: bool = False) -> str | None:
    """Index the pages `files` of `site` (paths under it), in that order, into `output`
    (`sent`: their request(), made already; `merged`: an index the search page only
    ever merges into another, MERGED_UNUSED and its WebAssembly left out). None, or
    what went wrong, in a sentence."""
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=errors, env={**os.environ, "NO_COLOR": "1"})
        except OSError as exc:
            return f"{binary}: cannot run Pagefind: {exc.strerror}"
        _RUNNING.add(process)
        stopped = threading.Event()
        timer = threading.Timer(TIMEOUT, lambda: (stopped.set(), process.kill()))
        timer.daemon = True
        timer.start()
        try:
            answer = _converse(process, request(site, files, output) if sent is None else sent, files)
        finally:
            timer.cancel()
            try:
                process.stdin.close()  # type: ignore[union-attr]
            except OSError:
                pass
            process.wait()
            _RUNNING.discard(process)
            process.stdout.close()  # type: ignore[union-attr]
        if stopped.is_set():
            return "Pagefind took over an hour and was stopped"
        if answer is None and (output / "pagefind.js").is_file():
            for name in UNUSED + (MERGED_UNUSED if merged else ()):
                (output / name).unlink(missing_ok=True)
            for wasm in output.glob("wasm.*.pagefind") if merged else ():
                wasm.unlink(missing_ok=True)
            return None
        errors.seek(0)
        detail = errors.read().decode(errors="replace").strip().splitlines()
        why = answer or _why(detail)
        if any(w in why for w in ("StorageFull", "code: 28,", "os error 28")):  # ENOSPC, as Rust says it
            return f"Pagefind could not write the search index into {output}: the disk is full; free some space"
        return f"Pagefind failed (exit {process.returncode})" + (f": {why}" if why else "")


def _why(lines: list[str]) -> str:
    """The line of Pagefind's error output that says what happened: a panic's
    message, not Rust's closing advice to set RUST_BACKTRACE."""
    lines = [line.strip() for line in lines if line.strip() and "RUST_BACKTRACE" not in line]
    for i, line in enumerate(lines):
        if "panicked at" in line:
            after = line.split("panicked at", 1)[1].strip()
            message = after.split(":", 3)[-1].strip() if after.count(":") >= 3 else ""
            return message or (lines[i + 1] if i + 1 < len(lines) else after)
    return lines[-1] if lines else ""


def request(site: Path, files: Sequence[str], output: Path) -> bytes:
    """Every message Pagefind is sent to index the pages `files` of `site` into
    `output`, encoded. Made in one piece and written in one: the system call
    waits for Pagefind without the GIL, where a write a message needed it back
    for each page; and made before the thread that runs Pagefind starts, where
    the build's own thread, busy with Python meanwhile, would slow its making
    (900 pages: 0.06 s alone, 0.19-0.47 s beside)."""
    messages = [{"type": "NewIndex", "config": None}]
    messages += [{"type": "AddFile", "index_id": 0, "file_path": rel, "url": None,
                  "file_contents": indexed_part(built_page(site / rel))} for rel in files]
    messages.append({"type": "WriteFiles", "index_id": 0, "output_path": str(output)})
    return b"".join(base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode()) + b","
                    for number, payload in enumerate(messages))


def built_page(path: Path) -> str:
    """A page the build wrote, as text. One that is not UTF-8 was changed since
    (in place, its size and time put back: the build trusts them), one that
    cannot be read was removed or replaced since: the cache, whose twin shares
    the page, is thrown away, and the site built from nothing."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise CacheDamaged(f"{path}: not the page a build wrote (it is not UTF-8 text)") from None
    except OSError as exc:
        raise CacheDamaged(f"{path}: the page a build wrote cannot be read ({exc.strerror})") from None


def indexed_part(html: str) -> str:
    """What Pagefind is given of a page: its <html> tag (the language), its
    title, and its <main> marked data-pagefind-body, where Pagefind reads all it
    indexes. The head, the site's header and footer it would parse only to
    ignore them (951 pages of a 10,000-report site: 2.23 -> 2.08 s). The index is the
    same, byte for byte (tests/test_search.py). A page that has, outside its
    <main>, anything Pagefind reads there (data-pagefind-*; an <h1> or an
    <img>, its default title and image; a body marked elsewhere) is given
    whole, as is one whose head it cannot follow (an archive's own templates)."""
    at = html.find("data-pagefind-body")
    start = html.rfind("<main", 0, at) if at >= 0 else -1
    end = html.find("</main>", at) if at >= 0 else -1
    head = html.find("<head>")
    if (start < 0 or end < 0 or not 0 <= head < start or html.find(">", start) < at
            or html.count("<main") != 1 or html.count("data-pagefind-body") != 1):
        return html
    end += len("</main>")
    outside = html[:start] + html[end:]
    titles = _TITLE.findall(html, head, max(head, html.find("</head>", head, start)))  # in the head alone
    if "data-pagefind" in outside or _READ_OUTSIDE.search(outside) or len(titles) != outside.count("<title"):
        return html
    return f"{html[:head]}<head>{''.join(titles)}</head><body>{html[start:end]}</body></html>"


_TITLE = re.compile(r"<title\b[^<>]*>[^<]*</title>")
_READ_OUTSIDE = re.compile(r"<(?:h1|img)\b", re.I)


def _converse(process: subprocess.Popen, data: bytes, files: Sequence[str]) -> str | None:
    """Send the pages and ask for the index: None once written, else why not ("" if
    Pagefind just ended). The pages are written by a thread of their own while this
    one reads the answers: a program that answers before it reads (or never reads),
    its output filling the pipe while the build filled its input, held both for
    the hour of TIMEOUT."""
    assert process.stdin is not None and process.stdout is not None
    stdin = process.stdin

    def send() -> None:
        try:
            stdin.write(data)
            stdin.flush()
        except (OSError, ValueError):
            pass  # it ended: its exit status and error output tell why

    writer = threading.Thread(target=send, daemon=True)
    writer.start()
    try:
        return _answers(process.stdout, files)
    finally:
        writer.join(timeout=1)
        if writer.is_alive():  # it stopped reading the pages, and answers no more: it is done with
            process.kill()
            writer.join()


# An answer is a few hundred bytes of base64: a megabyte without the comma that ends one is not Pagefind's
MOST_ANSWER = 1 << 20


def _answers(stdout, files: Sequence[str]) -> str | None:
    last = len(files) + 1  # the number of the last message: WriteFiles
    pending = b""
    while chunk := stdout.read1(1 << 16):
        *answers, pending = (pending + chunk).split(b",")
        if len(pending) > MOST_ANSWER:
            return "an answer that is not Pagefind's service protocol"
        for raw in answers:
            try:
                answer = json.loads(base64.b64decode(raw))
            except ValueError:
                return "an answer that is not Pagefind's service protocol"
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error":
                number = answer.get("message_id")
                page = f" ({files[number - 1]})" if isinstance(number, int) and 0 < number < last else ""
                return f"{payload.get('message', 'an error')}{page}"
            if answer.get("message_id") == last:
                return None
    return ""
