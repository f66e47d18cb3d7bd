"""What a build reads besides the content files' bytes: site.yaml, the
templates, the static files; and whether the content files are as the last
build found them, by their sizes and times. All that a build with nothing
to do needs, so this module imports none of the parsing and rendering
(YAML, Jinja2, Markdown, the views), which it would spend more time
importing than checking (build.py)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from . import HOME
from .cache import Input, LastBuild, Stamp, digest, file_key, settled
from .confine import files, nowhere, to_nothing
from .content.files import FOLDERS, UNREAD_PREFIX, list_files, unread_files
from .errors import ContentError, Problem
from .site.urls import output_file, sitemap_names



def unchanged(root: Path, last: LastBuild, site_file: Input, static: dict[str, tuple[Path, Stamp]]) -> bool:
    """Whether the content, site.yaml and static files are as the last build found them."""
    if {rel: stamp.digest for rel, (_, stamp) in static.items()} != last.static or last.site_file != site_file:
        return False
    # Paths as strings: making a Path for each file was three fifths of this
    # check (10,000 reports: 73 → 28 ms).
    seen, top = 0, os.fspath(root) + os.sep
    for kind in FOLDERS:
        for name in list_files(root, kind):
            rel = f"content/{kind}/{name}"
            before = last.inputs.get(rel)
            if before is None or not _same_stat(top + rel, before, last.scanned):
                return False
            seen += 1
    return seen == len(last.inputs)


def _same_stat(path: str, before: Input, scanned: int) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    return (st.st_size, file_key(st)) == (before.size, before.mtime) and settled(st, scanned)


def site_input(root: Path) -> Input:
    """site.yaml, as a digest (it is read whole every time: it is small)."""
    try:
        data = (root / "site.yaml").read_bytes()
    except OSError:
        return Input(b"", -1, 0)
    return Input(digest(data), len(data), 0)


def theme_digest(root: Path) -> bytes:
    """Every template the site may use, in the order they are looked up."""
    h = hashlib.blake2b(digest_size=16)
    for folder in dict.fromkeys([root / "templates", HOME / "templates"]):
        if folder.is_dir():
            for _, path in files(folder):
                h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def static_files(root: Path, known: dict[str, Stamp], scanned: int) -> dict[str, tuple[Path, Stamp]]:
    """The static files to copy: the archive's own first, then the defaults.
    A file's digest is taken again only when its size or cache.file_key changed
    (`known`: the last build's stamps, by source path)."""
    found: dict[str, tuple[Path, Stamp]] = {}
    for folder in dict.fromkeys([root / "static", HOME / "static"]):
        if not folder.is_dir():
            continue
        for rel, path in files(folder):
            if rel in found:
                continue
            st = path.stat()
            was = known.get(str(path))
            if was and (was.size, was.mtime) == (st.st_size, file_key(st)) and settled(st, scanned):
                found[rel] = (path, was)
            else:
                found[rel] = (path, Stamp(digest(path.read_bytes()), st.st_size, file_key(st)))
    return found


def same_unread(root: Path, last: LastBuild) -> bool:
    """Whether the files under content/ that are not read are those the last build warned of."""
    return set(unread_files(root)) == {w for w in last.warnings if w.message.startswith(UNREAD_PREFIX)}


def theme_problems(root: Path) -> list[Problem]:
    """What in the archive's templates/ and static/ a build could not use: either
    one a file, not a folder (the theme's own would be used in silence); a
    template that cannot be read, or is not UTF-8."""
    problems: list[Problem] = []
    for name in ("templates", "static"):
        folder = root / name
        if nowhere(folder):
            what = "a folder of templates" if name == "templates" else "a folder of static files"
            problems.append(Problem(name, 1, "", to_nothing(folder, what)))
            continue
        if os.path.lexists(folder) and not folder.is_dir():
            problems.append(Problem(name, 1, "", f"is a file where the folder {name}/ is expected (its files replace "
                                    "the theme's own of the same name): rename or remove it"))
            continue
        if not folder.is_dir():
            continue
        try:
            os.scandir(folder).close()
        except OSError as exc:
            problems.append(Problem(name, 1, "", f"cannot be read ({exc.strerror}): make the folder readable"))
            continue
        if name == "static":
            continue  # its files are many, and one that cannot be read is said as it is copied (cli._system_error)
        for rel, path in files(folder):
            try:
                data = path.read_bytes()
            except OSError as exc:
                problems.append(Problem(f"{name}/{rel}", 1, "", f"cannot be read ({exc.strerror}): "
                                        "make it readable, or remove it"))
                continue
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(Problem(f"{name}/{rel}", data.count(b"\n", 0, exc.start) + 1, "",
                                        "is not UTF-8 text: save it as UTF-8"))
    return problems


def static_over_pages(own: Iterable[str], made: Iterable[str]) -> list[Problem]:
    """The archive's static files (`own`: paths under static/) that would take
    the place of files the site makes itself (`made`: the output's paths, a
    folder the site fills whole ending in "/"): a page (static/index.html), a
    folder of pages (a file static/reports, where every report's page goes),
    or a file in the search index's folder. static/ adds files to the site and
    replaces the theme's static files; it cannot replace the site's pages."""
    own = set(own)
    if not own:
        return []
    heads = {rel.partition("/")[0] for rel in own}
    folders = _folders(own)
    found: dict[str, str] = {}
    for rel in made:
        if rel.partition("/")[0] not in heads:
            continue
        if rel.endswith("/"):  # a folder the site fills whole (the search index's): nothing of static/ in it
            for mine in sorted(o for o in own if o.startswith(rel) or o == rel[:-1]):
                found.setdefault(mine, f"/{rel} is the site's own folder (its search index): a static file "
                                       "cannot go there; move it elsewhere in static/")
            continue
        if rel in own:
            found.setdefault(rel, f"the site makes /{rel} itself: a static file cannot replace it; "
                                  "rename or remove it")
        elif rel in folders:
            first = min(o for o in own if o.startswith(rel + "/"))
            found.setdefault(first, f"the site makes /{rel} itself, a file: static/{rel}/ cannot be a folder; "
                                    f"rename or remove static/{rel}/")
        else:
            for i, c in enumerate(rel):
                if c == "/" and rel[:i] in own:
                    found.setdefault(rel[:i], f"the site puts pages of its own under /{rel[:i]}/: a static file "
                                              "cannot take that name; rename or remove it")
                    break
    return [Problem(f"static/{rel}", 1, "", why) for rel, why in sorted(found.items())]


# Files the site makes besides its pages' (render.site_paths) and the sitemap's parts (urls.sitemap_names):
# none of the archive's static files may take their place.
NOT_STATIC = ("sitemap.xml", "pagefind/")


def static_over(root: Path, paths: Iterable[str], own: list[str] | None = None) -> list[Problem]:
    """static_over_pages for the archive at `root`, whose site has these site
    paths; and its static files the theme's cannot stand beside (over_theme).
    `own`: the archive's static files, if listed already (own_static)."""
    own = own_static(root) if own is None else own
    theme = HOME / "static"
    ours = [rel for rel, _ in files(theme)] if own and theme.is_dir() and theme != root / "static" else []
    paths = list(paths)
    made = [output_file(p) for p in paths] + list(NOT_STATIC) + sitemap_names(paths)[1:]
    return sorted(static_over_pages(own, made) + over_theme(own, ours))


def over_theme(own: Iterable[str], theme: Iterable[str]) -> list[Problem]:
    """The archive's static files (`own`) that clash with the theme's (`theme`):
    a file of the archive replaces the theme's of the same name, but a folder
    where the theme has a file (static/favicon.svg/), or a file where it has a
    folder, would leave one of the two out of the site in silence."""
    own, theme = set(own), set(theme)
    own_folders, theme_folders = _folders(own), _folders(theme)
    found = [Problem(f"static/{min(o for o in own if o.startswith(rel + '/'))}", 1, "",
                     f"static/{rel}/ is a folder where the theme has a file /{rel}: rename the folder (a file "
                     f"static/{rel} would replace the theme's)") for rel in sorted(own_folders & theme)]
    found += [Problem(f"static/{rel}", 1, "", f"the theme has a folder /{rel}/ of its own files: a static file "
                      "cannot take its name; rename or remove it") for rel in sorted(own & theme_folders)]
    return found


def _folders(paths: Iterable[str]) -> set[str]:
    """Every folder the relative paths `paths` lie in ("a/b/c" → "a", "a/b")."""
    return {rel[:i] for rel in paths for i, c in enumerate(rel) if c == "/"}


def static_names(root: Path) -> list[str]:
    """Every static file the site has, the archive's and the theme's, as paths in the site."""
    return list(dict.fromkeys(rel for folder in (root / "static", HOME / "static") if folder.is_dir()
                              for rel, _ in files(folder)))


def own_static(root: Path) -> list[str]:
    """The archive's own static files, as paths under static/ (the site's paths)."""
    folder = root / "static"
    return [rel for rel, _ in files(folder)] if folder.is_dir() else []


def around_links(root: Path, refused: list[Problem], made: list[Path], base_url: str | None,
                 drafts: bool, repository: str | None = None) -> list[Problem]:
    """The links refused (confine.py), with the mistakes of what can be read
    around them, in one run: the content and the templates, none read through
    a refused link (a template linked out would be compiled, and its mistakes
    would quote the file it leads to)."""
    from .content.load import load  # only here: a build with nothing to do reads none of it
    from .site.render import environment
    from .site.templateerrors import syntax_problems
    problems = theme_problems(root) + syntax_problems(root, environment(root))  # none read through a link
    try:
        load(root, base_url, drafts, made=made, repository=repository)
    except ContentError as exc:
        return problems + exc.problems  # the links among them
    return problems + refused
