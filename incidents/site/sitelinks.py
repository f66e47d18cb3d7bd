"""Links in bodies to the site's own addresses that lead nowhere: a page of
prose misspelt ("/methodolgy/"), a report renamed since, the site's path
written twice ("/archive/data/" on a site published under /archive/, which
the site's path is given again). The site would publish a link to its own 404
page. Warnings, on the body's line, once the site's addresses are known: the
content's notes (bodylinks.py) against the paths a build makes and the
static files it copies."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Collection, Iterable
from urllib.parse import unquote, urlsplit

from ..content.bodylinks import SITE_LINK
from ..errors import Problem
from .markdown import PAGE_ID_PREFIXES, PAGE_IDS, headings, section_ids
from .urls import sitemap_names

# Folders whose files a build writes that no list of paths names one by one.
_FOLDERS = ("pagefind/",)
# Broken links given the address meant (each a search of its folder: at 10,000
# reports, 0.1 s among the reports), the others told to write one the site has.
NEAR_SOUGHT = 20


def site_link_warnings(notes: Iterable[Problem], paths: Iterable[str], static: Iterable[str],
                       base_url: str = "", sections: Callable[[str], dict[str, tuple[str, ...]]] | None = None,
                       moved: dict[str, str] | None = None) -> list[Problem]:
    """A warning for each link to the site's own address (`notes` of SITE_LINK)
    that neither a page of `paths` (site paths: "reports/x/"), nor a file beside
    one, nor a static file (`static`: paths in the site) answers. `base_url`:
    the site's address, whose path the site puts before such links.
    `sections` (prose_sections): for a page of prose, the ids of its headings
    in each of its languages, against which a link's #fragment is checked.
    `moved` (history.site_moves): the addresses pages had before their files
    were renamed, each → its page now, which a link to the old one is told."""
    links = [n for n in notes if n.severity == SITE_LINK]
    if not links:
        return []
    paths = list(paths)
    made = set(paths) | {rel[:-len("index.html")] if rel.endswith("/index.html") else rel for rel in static}
    made.update(sitemap_names(paths))
    prefix = urlsplit(base_url).path.strip("/")
    out = []
    names: dict[tuple[str, bool], dict[str, str]] | None = None
    for note in links:
        rel = _site_file(note.message)
        page = rel if rel in made else f"{rel}/" if rel is not None and f"{rel}/" in made else None
        if page is not None and sections is not None and "#" in note.message:
            if said := _no_section(note.message, page, sections(page)):
                out.append(Problem(note.path, note.line, "", said, "warning"))
            continue
        if rel is None or _answered(rel, made):
            continue
        inner = ("" if rel.rstrip("/") == prefix else rel[len(prefix) + 1:] if rel.startswith(prefix + "/")
                 else None) if prefix else None
        if moved and (now := moved.get(rel) or moved.get(f"{rel}/")):
            out.append(Problem(note.path, note.line, "", f'links to "{note.message}", the address of a page since '
                               f"renamed, which readers reach only through the page not found (with JavaScript): "
                               f"write /{now}" + ("#" + note.message.split("#", 1)[1] if "#" in note.message else ""),
                               "warning"))
            continue
        if inner is not None and _answered(inner, made):
            fix = (f"write /{inner}: the site adds its own path (/{prefix}/) "
                   "to an address written from its root")
        elif len(out) < NEAR_SOUGHT and (near := _nearest(rel, names := names or _by_folder(made))):
            fix = f"did you mean /{near}?"
        else:
            fix = "write the address of a page the site has, or remove the link"
        out.append(Problem(note.path, note.line, "", f'links to "{note.message}", which this site does not have '
                           f"(a reader would reach its page not found): {fix}", "warning"))
    return sorted(out)


def prose_sections(archive) -> Callable[[str], dict[str, tuple[str, ...]]]:
    """For a site path, {the page's path in each language: its headings' ids}
    where it is one of the archive's pages of prose, {} for any other. A link written in one text
    is shown on the pages of every language, each leading to its own language's
    twin: "/methodology/#x" must find #x in each."""
    pages, languages = archive.pages, archive.site.languages

    def of(rel: str) -> dict[str, tuple[str, ...]]:
        lang, _, slug = rel.rstrip("/").rpartition("/")
        page = pages.get(slug) if not lang or lang in languages[1:] else None
        if page is None or not rel.endswith("/"):
            return {}
        bodies = {(f"{code}/" if code != languages[0] else "") + f"{slug}/": next(
            (t.summary for t in page.translations if t.lang == code and t.summary), page.body)
            for code in (languages if not lang else (lang,))}
        like = headings(page.body)  # a translation's headings take the original's ids where they stand alike
        return {path: section_ids(body, like if body != page.body else ()) for path, body in bodies.items()}
    return of


def _no_section(link: str, rel: str, found: dict[str, tuple[str, ...]]) -> str:
    """What is wrong with a link to a page of prose whose #fragment no heading
    of it (in one of its languages) has, or ""."""
    fragment = unquote(urlsplit(link).fragment)
    if not found or not fragment or fragment in PAGE_IDS or fragment.startswith(PAGE_ID_PREFIXES):
        return ""
    for path, ids in found.items():
        if fragment in ids:
            continue
        near = difflib.get_close_matches(fragment, ids, n=1, cutoff=0.6)
        where = f"/{path}" + ("" if path == rel else ", where the link leads from the pages in its language,")
        fix = (f"did you mean #{near[0]}?" if near else
               "its sections are " + ", ".join(f"#{i}" for i in ids[:8]) + (" …" if len(ids) > 8 else "") if ids
               else "it has no headings: link the page without #…")
        return (f'links to "{link}", but {where} has no section #{fragment} (a reader would land at the top of the '
                f"page): {fix}")
    return ""


def _answered(rel: str, made: Collection[str]) -> bool:
    """Whether the site has `rel`, a site path, or the page of that folder (/about: the server answers with /about/)."""
    return rel in made or rel.startswith(_FOLDERS) or (not rel.endswith("/") and rel + "/" in made)


def _site_file(target: str) -> str | None:
    """The site path that an address from the site's root names ("/reports/x/#claim-1"
    and "/reports/x/index.html" → "reports/x/"), or None if it is not one to check."""
    try:
        path = unquote(urlsplit(target).path)
    except ValueError:
        return None
    if not path.startswith("/"):
        return None
    rel = posixpath.normpath(path).lstrip("/") + ("/" if path.endswith("/") and path != "/" else "")
    if rel in (".", "./"):
        rel = ""
    return rel[:-len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def _by_folder(made: Collection[str]) -> dict[tuple[str, bool], dict[str, str]]:
    """The site's paths by folder and by whether each is a page: (folder, page) → {name: path}."""
    found: dict[tuple[str, bool], dict[str, str]] = {}
    for m in made:
        folder, _, name = m.rstrip("/").rpartition("/")
        found.setdefault((folder, m.endswith("/") or m == ""), {})[name] = m
    return found


def _nearest(rel: str, names: dict[tuple[str, bool], dict[str, str]]) -> str:
    """The site's address most like `rel` as a reader writes it ("methodology/"):
    a page of the same folder whose name is near its name, or a file so."""
    folder, _, name = rel.rstrip("/").rpartition("/")
    near = names.get((folder, rel.endswith("/")), {})
    found = difflib.get_close_matches(name, near, n=1, cutoff=0.8)
    return near[found[0]] if found else ""
