"""The content folders' files as names, before any is read: which a build
reads, and which it does not and why. All that a build with nothing to do
needs of content/, so kept apart from the parsing (load.py) and its YAML."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from .names import slugify

FOLDERS = ("reports", "events", "actors", "pages")  # content/<folder>/, in load.KINDS's order


def list_files(root: Path, kind: str) -> list[str]:
    """Names of the Markdown files in content/<kind>/, unchecked."""
    folder = root / "content" / kind
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return [e.name for e in entries if not e.name.startswith(".") and e.name.endswith(".md") and e.is_file()]


UNREAD_PREFIX = "is not read: "
UNREAD_WHY = {
    "case": UNREAD_PREFIX + "content files end in .md, in lowercase; rename it to {fix}",
    "extension": UNREAD_PREFIX + "only .md files are content; rename it to {fix}, or move it out of content/",
    "nested": UNREAD_PREFIX + "files in folders inside {kind}/ are not read; move it into {kind}/",
    "elsewhere": UNREAD_PREFIX + "content files go in content/reports/, content/events/, content/actors/ or "
                                 "content/pages/",
}


def unread_files(root: Path) -> list[Problem]:
    """A warning for each file under content/ that no build reads, saying why.
    Hidden files and folders (a name starting with a dot: .gitkeep, .DS_Store,
    an editor's swap file) are left alone."""
    top = root / "content"
    out: list[Problem] = []
    if not top.is_dir():
        return out
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = Path(folder).relative_to(root).as_posix()
        parts = rel_folder.split("/")
        for name in sorted(n for n in names if not n.startswith(".")):
            rel = f"{rel_folder}/{name}"
            if len(parts) == 2 and parts[1] in FOLDERS:
                stem, dot, extension = name.rpartition(".")
                if name.endswith(".md"):
                    continue  # read (or an error, for its name)
                fix = f"{slugify(stem or name) or 'a-report'}.md"
                why = UNREAD_WHY["case" if dot and extension.lower() in ("md", "markdown") else "extension"]
                if fix in names:  # x.md is there already: renaming would replace it (on macOS, one file)
                    why += f" ({fix} is there already: keep the one you mean, and remove the other)"
                out.append(Problem(rel, 1, "", why.format(fix=fix), "warning"))
            elif len(parts) > 2 and parts[1] in FOLDERS:
                out.append(Problem(rel, 1, "", UNREAD_WHY["nested"].format(kind="/".join(parts[:2])), "warning"))
            else:
                out.append(Problem(rel, 1, "", UNREAD_WHY["elsewhere"], "warning"))
    return out
