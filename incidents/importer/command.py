"""`build.py import FILE...`: the I/O around clean → extract → draft. Reads
every file and the archive first, then writes each draft exclusively (a
taken slug gets a new one; nothing is ever overwritten)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..confine import refuse_outside_links
from ..errors import BuildError, ContentError, Problem, cannot_write
from ..content.frontmatter import FORBIDDEN, split
from ..content.link import link
from ..content.load import MAX_BYTES, load
from ..content.validate import read_report
from .clean import clean
from .draft import body, draft, report_slug
from .duplicates import near_bodies, same_report
from .extract import PLACEHOLDER_PUBLISHER, extract
from .knowledge import Knowledge, KnownReport, knowledge
from .page import PageError, looks_like_html, read_page


@dataclass(frozen=True)
class Imported:
    source: Path
    slug: str
    text: str
    path: Path | None = None    # where it was written; None for a dry run
    duplicate: str = ""         # "already in the archive as …": refused unless allowed
    warnings: tuple[str, ...] = ()


class NotText(ValueError):
    """An input the import refuses before any work: not text, or too large to be an article."""


def read_raw(path: Path) -> str:
    """UTF-8, or failing that Windows-1252 (which the cleaning then repairs);
    NotText for what cannot be an article's text."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise NotText(f"is {size / 1024 / 1024:.1f} MB; a report may be at most {MAX_BYTES // 1024 // 1024} MB: "
                      "give the article's text only")
    data = path.read_bytes()
    if kind := _not_an_article(data):
        raise NotText(kind)
    wide = _utf16(data)
    if wide is not None:
        text = wide
    elif b"\0" in data:
        nul = data.count(0)
        raise NotText(f"holds {nul} NUL byte{'' if nul == 1 else 's'}: it is not text (copy the article's text into a "
                      ".txt file)")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if not text.replace("\ufeff", "").strip() and path.suffix.lower() not in (".html", ".htm"):  # page.py says
        raise NotText("is empty: there is no article in it to import")                       # "is an empty page"
    controls = len(FORBIDDEN.findall(text)) + text.count("\ufffd")
    if controls > max(8, len(text) // 100):
        raise NotText(f"holds {controls} control or undecodable characters: it is not text "
                      "(copy the article's text into a .txt file)")
    return text


# Formats a browser or an editor saves that are neither text nor a web page,
# by how they begin: read as text, their markup became the draft's title.
_FORMATS = (
    (re.compile(rb"(?:\xef\xbb\xbf)?%PDF-"), "is a PDF document"),
    (re.compile(rb"(?:\xef\xbb\xbf)?\{\\rtf"), "is an RTF document (WordPad, TextEdit): save it as plain text (.txt)"),
    (re.compile(rb"(?:\xef\xbb\xbf)?(?:From: <Saved by [^>\n]*>\r?\n|MIME-Version: [\d.]+\r?\n)(?:(?:[\w-]+: |[ \t]).*\r?\n)*?"
                rb"Content-Type: multipart/related", re.I),
     'is a web archive (MHTML, a page saved "as a single file"): save the page as "Web page, HTML only"'),
    (re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)?(?:<!DOCTYPE svg[^>]*>\s*)?<svg\b",
                re.I | re.S),
     "is an SVG picture, not an article"),
)


def _not_an_article(data: bytes) -> str | None:
    """What the file is, and what to do, when it is a format of its own (a PDF, an RTF, an MHTML page, an SVG)."""
    head = data[:4096]
    for pattern, what in _FORMATS:
        if pattern.match(head):
            return f"{what}: copy the article's text into a .txt file and import that"
    return None


def _utf16(data: bytes) -> str | None:
    """The text of a file saved as UTF-16 (Windows Notepad's "Unicode"): marked
    by its first two bytes, or, unmarked, with every other byte a NUL."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            data = data[2:]
            break
    else:
        half = len(data) // 2
        if len(data) < 4 or len(data) % 2:
            return None
        if data[1::2].count(0) > 0.9 * half and data[0::2].count(0) < 0.1 * half:
            codec = "utf-16-le"
        elif data[0::2].count(0) > 0.9 * half and data[1::2].count(0) < 0.1 * half:
            codec = "utf-16-be"
        else:
            return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def archive_knowledge(root: Path) -> tuple[Knowledge | None, list[Problem]]:
    """What the archive knows, with its problems: where some files are in error,
    what the others say (a role misspelt in one report must not hide every
    event, whose draft would then be called new); None when nothing can be read."""
    try:
        return knowledge(link(load(root, None, drafts=True))), []
    except ContentError as exc:
        if exc.read is not None:
            try:
                return knowledge(link(exc.read)), exc.problems
            except Exception:  # noqa: BLE001 - content in error may not link: said below, imported without it
                pass
        return None, exc.problems


def make_drafts(raws: list[tuple[Path, str]], known: Knowledge, published: dt.date | None = None,
                publisher: str | None = None, url: str = "", today: dt.date | None = None,
                taken: set[str] | None = None) -> list[Imported]:
    """One draft per raw text (pasted text, or a page saved from a browser),
    each with a slug no report and no other draft has; each marked when the
    archive (or an earlier file of the same run) already has it."""
    taken = set(known.reports) | set(taken or ())
    seen = list(known.sources)
    out = []
    problems = []
    for path, raw in raws:
        try:
            page = read_page(raw) if looks_like_html(path.name, raw) else None
        except PageError as exc:
            problems.append(Problem(str(path), 1, "", str(exc)))
            continue
        cleaned = clean(page.text, page.description) if page else clean(raw)
        guesses = extract(cleaned, known, published, today, publisher, page, url)
        slug = report_slug(cleaned.title, taken, None if "stands in" in guesses.date_how else guesses.date,
                           guesses.location.name)
        taken.add(slug)
        text = draft(cleaned, guesses, path.name)
        _self_check(text, slug)
        twin = same_report(guesses.title, guesses.publisher, guesses.url, tuple(seen), PLACEHOLDER_PUBLISHER)
        duplicate = f"already in the archive as {twin[0].path}: {twin[1]}" if twin else ""
        warnings = tuple(f"its text is {share:.0%} the same as {r.path}'s (shingles of 5 words)"
                         for r, share in near_bodies(body(cleaned), tuple(seen)) if not twin or r is not twin[0])
        seen.append(KnownReport(f"content/reports/{slug}.md", guesses.title, guesses.publisher, guesses.url,
                                body(cleaned)))
        out.append(Imported(path, slug, text, None, duplicate, warnings))
    if problems:
        raise ContentError(problems)
    return out


def write_draft(folder: Path, item: Imported) -> Imported:
    """Create content/reports/<slug>.md exclusively, moving to <slug>-2 … when taken."""
    base, n = item.slug, 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        while True:
            slug = base if n == 1 else f"{base}-{n}"
            path = folder / f"{slug}.md"
            try:
                with open(path, "x", encoding="utf-8", newline="\n") as f:
                    f.write(item.text)
                return Imported(item.source, slug, item.text, path)
            except FileExistsError:
                n += 1
    except OSError as exc:
        raise BuildError(cannot_write(folder.parent.parent, folder, exc)) from None


def run_import(root: Path, files: list[str], dry_run: bool = False, published: dt.date | None = None,
               publisher: str | None = None, url: str = "", allow_duplicate: bool = False) -> int:
    refuse_outside_links(root)  # the reports read for duplicates, the folder written: both inside the archive
    paths = [Path(f) for f in files]
    raws, unreadable = [], []
    for path in paths:
        try:
            raws.append((path, read_raw(path)))
        except OSError as exc:
            unreadable.append(f"{path}: cannot be read: {exc.strerror}")
        except NotText as exc:
            unreadable.append(f"{path}: {exc}")
    if unreadable:
        for line in unreadable:
            print(line, file=sys.stderr)
        print("nothing was imported", file=sys.stderr)
        return 1
    known, problems = archive_knowledge(root)
    if problems:
        print(f"warning: the archive has {len(problems)} problem{'s' if len(problems) != 1 else ''} "
              f"(build.py check lists them); importing " + (
                  "with what the other files say of its actors, places and events" if known is not None else
                  "without its actors, places and events"), file=sys.stderr)
    known = known or Knowledge()
    folder = root / "content" / "reports"
    existing = {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()
    known = replace(known, sources=known.sources + unlinked_reports(root, folder, existing - set(known.reports)))
    try:
        items = make_drafts(raws, known, published, publisher, url, taken=existing)
    except ContentError as exc:
        for p in exc.problems:
            print(f"{p.path}: {p.message}", file=sys.stderr)
        print("nothing was imported", file=sys.stderr)
        return 1
    refused = 0
    for item in items:
        for warning in item.warnings:
            print(f"warning: {item.source}: {warning}", file=sys.stderr)
        if item.duplicate and not allow_duplicate:
            print(f"{item.source}: {item.duplicate}; not imported (--allow-duplicate imports it anyway)",
                  file=sys.stderr)
            refused += 1
            continue
        if dry_run:
            print(f"# content/reports/{item.slug}.md (from {item.source}; not written: --dry-run)", file=sys.stderr)
            sys.stderr.flush()
            print(item.text, flush=True)
        else:
            written = write_draft(folder, item)
            assert written.path is not None
            print(written.path.relative_to(root).as_posix() if root in written.path.parents else written.path)
    return 1 if refused else 0


def unlinked_reports(root: Path, folder: Path, stems: set[str]) -> tuple[KnownReport, ...]:
    """Report files the archive does not link (a draft whose date is still
    FILL IN, a file with a problem), read as far as the duplicate check needs."""
    out = []
    for stem in sorted(stems):
        path = folder / f"{stem}.md"
        try:
            doc, _ = split(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        source = data.get("source") if isinstance(data.get("source"), dict) else {}
        out.append(KnownReport(path.relative_to(root).as_posix(), str(data.get("title") or ""),
                               str(source.get("publisher") or ""), str(source.get("url") or ""),
                               doc.body if doc is not None else ""))
    return tuple(out)


def _self_check(text: str, slug: str) -> None:
    """A draft the validator would reject is our bug, not the curator's."""
    doc, problems = split(f"content/reports/{slug}.md", text)
    if doc is not None:
        problems = problems + [p for p in read_report(doc, slug)[1] if p.severity == "error"]
    if problems:
        raise BuildError("import made an invalid draft:\n" + "\n".join(str(p) for p in problems))
