"""Read the archive folder: site.yaml and every content file, validated.
The only stage that reads content from disk."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ContentError, Problem
from .fields import SLUG
from .frontmatter import Document, parse_yaml, split
from .model import Content, SiteConfig
from .names import fold, slugify
from .validate import read_actor, read_event, read_report, read_site

# A report is an article's text: 2 MB is twenty times the longest article, and
# refusing more keeps a pasted data dump or a binary from stalling the build.
MAX_BYTES = 2 * 1024 * 1024
KINDS = (("reports", read_report), ("events", read_event), ("actors", read_actor))


def load(root: Path, base_url: str | None = None, drafts: bool = False) -> Content:
    """Everything under `root`, or ContentError with every problem found."""
    problems: list[Problem] = []
    site, site_problems = load_site(root, base_url)
    problems += site_problems
    loaded: dict[str, list] = {}
    for kind, reader in KINDS:
        loaded[kind] = []
        for path in content_files(root, kind, problems):
            rel = path.relative_to(root).as_posix()
            doc, found = read_document(path, rel)
            problems += found
            if doc is None:
                continue
            item, found = reader(doc, path.stem)
            problems += found
            if item is not None:
                loaded[kind].append(item)
    reports, events, actors = loaded["reports"], loaded["events"], loaded["actors"]
    problems += _cross_checks(reports, events, actors)
    if problems or site is None:
        raise ContentError(problems)
    named = {r.event for r in reports if drafts or not r.draft}
    return Content(
        site=site,
        reports=tuple(sorted((r for r in reports if drafts or not r.draft), key=lambda r: r.slug)),
        events=tuple(sorted((e for e in events if e.slug in named), key=lambda e: e.slug)),
        actors=tuple(sorted(actors, key=lambda a: a.slug)),
    )


def load_site(root: Path, base_url: str | None) -> tuple[SiteConfig | None, list[Problem]]:
    path = root / "site.yaml"
    if not path.exists():
        return None, [Problem("site.yaml", 1, "", "missing: the archive needs a site.yaml with at least a title")]
    text, problems = read_text(path, "site.yaml")
    if text is None:
        return None, problems
    data, lines, problems = parse_yaml("site.yaml", text.lstrip("\ufeff"))
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem("site.yaml", 1, "", "must be a mapping of settings (title: …)")]
    return read_site(Document("site.yaml", data, lines, "", 1), base_url)


def content_files(root: Path, kind: str, problems: list[Problem]) -> list[Path]:
    """The Markdown files of one content folder, in a stable order, with
    names checked (slugs, and slugs that only differ in case)."""
    folder = root / "content" / kind
    if not folder.is_dir():
        return []
    out = []
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md") and not n.startswith("."))
    for name in names:
        path = folder / name
        rel = path.relative_to(root).as_posix()
        if not path.is_file():
            continue
        stem = name[:-3]
        twin = name.lower()
        if twin != name and twin in names:
            problems.append(Problem(rel, 1, "", f"has the same name as {twin} but for case; on macOS and "
                                    "Windows they are one file: rename or remove one"))
            continue
        if not SLUG.match(stem):
            problems.append(Problem(rel, 1, "", f'"{name}" is not a valid file name: use lowercase letters a-z, '
                                    f'digits and hyphens, then .md (such as {_suggest(stem)}.md)'))
            continue
        out.append(path)
    return out


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(rel, 1, "", f"the file is {size / 1024 / 1024:.1f} MB; the limit is "
                                  f"{MAX_BYTES // 1024 // 1024} MB: keep a report to the text of its article")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(rel, 1, "", f"cannot be read: {exc.strerror}")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "", f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")]


def read_document(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    return split(rel, text)


def _cross_checks(reports: list, events: list, actors: list) -> list[Problem]:
    problems = []
    named = {r.event for r in reports}
    for event in events:
        if event.slug not in named:
            problems.append(Problem(event.path, 1, "", f'no report names the event "{event.slug}" '
                                    f"(a report's event: field must match this file's name)"))
    claimed: dict[str, tuple[str, str]] = {}
    for actor in actors:
        names = [(("name",), actor.name)] + [(("aliases", i), a) for i, a in enumerate(actor.aliases)]
        for at, name in names:
            key = fold(name)
            owner = claimed.get(key)
            line = actor.lines.get(at, 1)
            field = "name" if at == ("name",) else f"aliases[{at[1]}]"
            if owner and owner[0] != actor.path:
                problems.append(Problem(actor.path, line, field, f'"{name}" is already claimed by {owner[0]} '
                                        f'("{owner[1]}"); a name or alias belongs to one actor'))
            elif not owner:
                claimed[key] = (actor.path, name)
    return problems


def _suggest(stem: str) -> str:
    return slugify(stem) or "a-report"
