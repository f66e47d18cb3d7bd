"""The content folders' files as names, before any is read: which a build
reads, and which it does not and why. All that a build with nothing to do
needs of content/, so kept apart from the parsing (load.py) and its YAML."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..confine import nowhere, to_nothing
from ..errors import Problem
from .names import slugify

FOLDERS = ("reports", "events", "actors", "pages")  # content/<folder>/, in load.KINDS's order


def list_files(root: Path, kind: str) -> list[str]:
    """Names of the Markdown files in content/<kind>/, unchecked. A link whose
    target is missing, or a loop, is listed too: reading it then says why it
    cannot be read, where leaving it out would drop a report in silence. A
    folder that cannot be listed gives none (folder_problems says why)."""
    folder = root / "content" / kind
    try:
        with os.scandir(folder) as entries:
            return [e.name for e in entries if not e.name.startswith(".") and e.name.endswith(".md") and _a_file(e)]
    except OSError:
        return []


def _a_file(entry: os.DirEntry) -> bool:
    """Anything but a folder: a named pipe or a socket called x.md is listed too, and said (load.read_bytes)."""
    try:
        return not entry.is_dir()
    except OSError:  # a loop of links
        return True


def folder_problems(root: Path) -> list[Problem]:
    """The content folders that cannot be read as folders: content/reports/
    missing (an archive is made of reports: a wrong --root, content/ renamed,
    would otherwise publish an empty site over the last one), a folder that is
    a file, or one that cannot be listed."""
    out: list[Problem] = []
    for rel in ("content", *(f"content/{kind}" for kind in FOLDERS)):
        path = root / rel
        if nowhere(path):
            out.append(Problem(rel, 1, "", to_nothing(path, "a folder of content files")))
            if rel == "content":
                break
            continue
        try:
            os.scandir(path).close()
        except FileNotFoundError:
            if rel in ("content", "content/reports"):
                out.append(Problem(rel, 1, "", "no such folder: an archive's reports are its Markdown files in "
                                   "content/reports/; make that folder, or give --root the archive's folder"))
        except NotADirectoryError:
            out.append(Problem(rel, 1, "", "is a file where a folder of content files is expected: "
                               "rename or remove it"))
        except OSError as exc:
            out.append(Problem(rel, 1, "", f"cannot be read ({exc.strerror}): make the folder readable"))
        if out and out[0].path == "content":
            break  # what is in it, it cannot say
    return out


UNREAD_PREFIX = "is not read: "
UNREAD_WHY = {
    "case": UNREAD_PREFIX + "content files end in .md, in lowercase; rename it to {fix}",
    "extension": UNREAD_PREFIX + "only .md files are content: if it is one, rename it to {fix}; if not (notes, a "
                                 "picture), move it out of content/",
    "nested": UNREAD_PREFIX + "files in folders inside {kind}/ are not read; move it into {kind}/",
    "elsewhere": UNREAD_PREFIX + "content files go in content/reports/, content/events/, content/actors/ or "
                                 "content/pages/",
}


def unread_files(root: Path) -> list[Problem]:
    """A problem for each file under content/ that no build reads, saying why:
    an error where the file is content by its looks (front matter, or .md in
    another case or place), which a site built without it would leave out (a
    report uploaded as x.MD through GitHub's pages, its pull request's check
    green); else a warning (notes, a picture). Hidden files and folders (a name
    starting with a dot: .gitkeep, .DS_Store, an editor's swap file) are left alone."""
    top = root / "content"
    out: list[Problem] = beside_content(root)
    if not top.is_dir():
        return out
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = Path(folder).relative_to(root).as_posix()
        parts = rel_folder.split("/")
        for name in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:  # os.walk does not go in
            if len(parts) == 1 and name in FOLDERS:
                continue  # content/reports as a link: read through it (list_files)
            rel = f"{rel_folder}/{name}"
            why = (UNREAD_WHY["nested"].format(kind=rel_folder) if len(parts) == 2 and parts[1] in FOLDERS
                   else UNREAD_WHY["elsewhere"])
            out.append(Problem(rel, 1, "", f"{why} (a link to a folder)", "warning"))
        for name in sorted(n for n in names if not n.startswith(".")):
            rel = f"{rel_folder}/{name}"
            if len(parts) == 2 and parts[1] in FOLDERS:
                stem, dot, extension = name.rpartition(".")
                if name.endswith(".md"):
                    continue  # read (or an error, for its name)
                base = re.sub(r"(?:\.(?:md|markdown|txt))+$", "", stem or name, flags=re.I)  # x.md.txt: x.md
                fix = f"{slugify(base or name) or 'a-report'}.md"
                why = UNREAD_WHY["case" if dot and extension.lower() in ("md", "markdown") else "extension"]
                if fix in names:  # x.md is there already: renaming would replace it (on macOS, one file)
                    why += f" ({fix} is there already: keep the one you mean, and remove the other)"
                out.append(Problem(rel, 1, "", why.format(fix=fix), _severity(root / rel)))
            elif len(parts) > 2 and parts[1] in FOLDERS:
                draft = (' (a report not ready stays in content/reports/ with "draft: true" in its front matter)'
                         if parts[1] == "reports" and re.fullmatch(r"drafts?|brouillons?", parts[2], re.I) else "")
                out.append(Problem(rel, 1, "", UNREAD_WHY["nested"].format(kind="/".join(parts[:2])) + draft,
                                   _severity(root / rel)))
            elif len(parts) == 1 and name in FOLDERS:
                continue  # a file where a content folder goes: an error (folder_problems)
            else:
                where = _meant(root, parts, name)
                out.append(Problem(rel, 1, "", UNREAD_WHY["elsewhere"] + (f"; move it to {where}" if where else ""),
                                   _severity(root / rel, named=False)))
    return out


def _meant(root: Path, parts: list[str], name: str) -> str:
    """Where a content file under content/ but in no content folder was meant:
    its folder's name in another case or number (content/Reports/,
    content/report/), else, a report by its front matter, content/reports/;
    "" where nothing says."""
    if not re.search(r"\.(?:md|markdown)$", name, re.I):
        return ""
    folder = parts[1].lower() if len(parts) > 1 else ""
    folder = folder if folder in FOLDERS else f"{folder}s" if f"{folder}s" in FOLDERS else ""
    if folder:
        return f"content/{folder}/{_md(name)}"
    return f"content/reports/{_md(name)}" if _a_report(root.joinpath(*parts, name)) else ""


# Folders at the archive's top that hold content saved beside content/, not in it
# (pages/ left out: a folder of that name may be another tool's).
_BESIDE = ("reports", "events", "actors")
_REPORT_KEYS = re.compile(rb"(?m)^event:[^\n]*\n(?:.*\n)*?source:|^source:[^\n]*\n(?:.*\n)*?event:")


def beside_content(root: Path) -> list[Problem]:
    """Content files saved beside content/ rather than in it, which no build
    reads: a report at the archive's top (GitHub's "Add file" in the wrong
    folder), in reports/ (content/ left out of the path) or in Content/ (another
    case). A check that said nothing would let its pull request go green and
    the report never be published: an error each, that says where it goes. A
    file counts by its front matter (a report's at the top: `event:` and
    `source:`), so that a README or another tool's pages are left alone."""
    out: list[Problem] = []
    try:
        with os.scandir(root) as found:
            entries = sorted((e for e in found if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return out
    for entry in entries:
        name = entry.name
        try:
            folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if not folder:
            if re.search(r"\.(?:md|markdown)$", name, re.I) and _a_report(root / name):
                out.append(Problem(name, 1, "", UNREAD_WHY["elsewhere"] + f"; move it to content/reports/{_md(name)}"))
            continue
        if name not in _BESIDE and not (name.lower() == "content" and name != "content" and not _same(root, name)):
            continue
        for path in sorted((root / name).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if (any(part.startswith(".") for part in rel.split("/")) or not re.search(r"\.(?:md|markdown)$", rel, re.I)
                    or not path.is_file() or _front_matter_first(path) != "error"):
                continue
            inner = rel.split("/", 1)[1]
            where = (f"content/{name}/{_md(path.name)}" if name in _BESIDE else
                     f"content/{inner.rsplit('/', 1)[0]}/{_md(path.name)}" if "/" in inner else
                     f"content/reports/{_md(path.name)}")
            out.append(Problem(rel, 1, "", UNREAD_WHY["elsewhere"] + f"; move it to {where}"))
    return out


def _same(root: Path, name: str) -> bool:
    """Whether the folder `name` is content/ itself (a disk that ignores case, macOS's, reads Content/ as it)."""
    try:
        return os.path.samefile(root / name, root / "content")
    except OSError:
        return False


def _md(name: str) -> str:
    """A content file's name as a build reads it: x.md (x.MD, x.markdown)."""
    return re.sub(r"\.(?:md|markdown)$", ".md", name, flags=re.I)


def _a_report(path: Path) -> bool:
    """Whether a file opens with front matter that gives a report's event and source."""
    try:
        with open(path, "rb") as f:
            head = f.read(16384)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    if not head.startswith(b"---\n"):
        return False
    end = head.find(b"\n---", 3)
    return bool(_REPORT_KEYS.search(head[4:end if end > 0 else len(head)]))


def _severity(path: Path, named: bool = True) -> str:
    """"error" for a file not read that is content by its looks: named .md or
    .markdown in any case (`named`: in a content folder), or another name whose
    first line is exactly "---" (its front matter); "warning" for the rest, and
    for an editor's or a tool's copy (x.md~, #x.md#, x.md.orig, x.md.bak), which
    holds a report's text and is no report."""
    name = path.name
    if name.endswith("~") or name.startswith("#") or re.search(r"\.(?:orig|bak|swp|tmp|rej)$", name, re.I):
        return "warning"
    if re.search(r"\.(?:md|markdown)$", name, re.I):
        return "error" if named else _front_matter_first(path)
    return _front_matter_first(path)


def _front_matter_first(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            first = f.readline(64)
    except OSError:
        return "warning"
    return "error" if first.removeprefix(b"\xef\xbb\xbf").rstrip(b" \t\r\n") == b"---" else "warning"
