"""The one configured Markdown renderer: CommonMark and tables, no raw HTML,
no images from other hosts, links to http(s) or within the site only."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import escapeHtml

from ..content.names import slugify
from .typography import french_spaces


# The ids the templates give the parts of a page (tests/test_site.py holds this
# list to the templates'), and the beginnings of those they number: a heading in
# a text ("## Summary", "## History") takes none of them.
PAGE_IDS = frozenset("""main site-q q search search-status search-results search-older search-more claims responses
reports events actors files text summary profile history cite cite-text cite-status license version how when where
totals period paged-list latest by-name by-count by-country every-place report-columns event-columns event-filter
filter-box filter-status filter-rows filter-results f-actor f-country f-csv f-from f-more f-place f-role f-sort f-tag
f-to f-toll""".split())
# claims', responses', filters', countries' and groups' of places' rows; years and months ("y2024-06");
# the charts' and maps' titles ("home-chart-title", "timeline-map-desc")
PAGE_ID_PREFIXES = ("claim-", "response-", "filter-", "f-", "country-", "group-", "y1", "y2", "home-", "timeline-",
                    "actor-chart", "locations-map", "country-map")


def _safe_link(url: str) -> bool:
    """http(s), mailto, or a link within the site; not "//host/…", another host
    by the page's own scheme, which no prefix of the site's would reach."""
    parts = urlsplit(url.strip().replace("\\", "/"))
    return parts.scheme.lower() in ("http", "https", "mailto") or (not parts.scheme and not parts.netloc)


# An address markdown-it's normalizeLink gives back as it is: http(s), a lowercase
# ASCII host, and only characters mdurl.encode keeps (a "%" with two hex digits).
_PLAIN_URL = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]+)?(?:[/?#](?:[A-Za-z0-9;/?:@&=+$,_.!~*'()#-]|%[0-9A-Fa-f]{2})*)?")


def _normalize_link(url: str) -> str:
    """markdown-it's normalizeLink, without its parse and encode of an address
    they would give back unchanged: most of a body's links (5,066 of them took
    0.31 s of a 2,000-report build's 17.6 in one process)."""
    return url if _PLAIN_URL.fullmatch(url) else normalizeLink(url)


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    md.disable(["html_block", "html_inline"])  # with html off each returns at once: not asked, ~60,000 calls a build
    md.validateLink = _safe_link
    md.normalizeLink = _normalize_link

    def image_as_link(self, tokens, idx, options, env) -> str:
        # An image would be a request to another host: it is a link to it instead,
        # named by its text (where disabling the rule left a "!" before a link).
        token = tokens[idx]
        src = escapeHtml(token.attrGet("src") or "")
        return f'<a href="{src}">{escapeHtml(self.renderInlineAsText(token.children or [], options, env)) or src}</a>'

    md.add_render_rule("image", image_as_link)

    def shift_headings(state) -> None:
        # The page's title is the only h1: body headings start at h2.
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close") and token.tag == "h1":
                token.tag = "h2"

    md.core.ruler.push("shift_headings", shift_headings)

    def heading_ids(state) -> None:
        # On a page of prose, each heading an id of its words, so that a section can be linked
        # and cited ("/methodology/#counting-the-dead"); never one the page's own parts have.
        # (Not in a report's text: Pagefind would index each of its sections as a result of its own.)
        if not (isinstance(state.env, dict) and state.env.get("sections")):
            return
        # A translation whose headings stand as the original's take the original's ids: a link
        # to "/methodology/#how-tolls-are-shown" leads to that section from the pages of every language.
        like = state.env["sections"]
        opens = [t for t in state.tokens if t.type == "heading_open"]
        if isinstance(like, tuple) and like and [t.tag for t in opens] == [tag for tag, _ in like]:
            for token, (_, name) in zip(opens, like):
                token.attrSet("id", name)
            return
        taken: set[str] = set()
        for i, token in enumerate(state.tokens):
            if token.type == "heading_open" and i + 1 < len(state.tokens):
                base = slugify(state.tokens[i + 1].content) or "section"
                base = f"{base}-section" if base in PAGE_IDS or base.startswith(PAGE_ID_PREFIXES) else base
                name, n = base, 1
                while name in taken:
                    n += 1
                    name = f"{base}-{n}"
                taken.add(name)
                token.attrSet("id", name)

    md.core.ruler.push("heading_ids", heading_ids)

    def aligned_by_class(state) -> None:
        # A table column's alignment (|:-:|) as a class: markdown-it writes it as a style attribute,
        # which every page's Content-Security-Policy (no inline styles) would have the browser ignore.
        for token in state.tokens:
            style = token.attrGet("style") if token.type in ("th_open", "td_open") else None
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrs.pop("style")
                token.attrSet("class", "align-" + style[len("text-align:"):])

    md.core.ruler.push("aligned_by_class", aligned_by_class)

    def site_links(state) -> None:
        # A link from the site's root ("/data/") gets the path prefix the site is published under,
        # and on a page in another language than the default, a page's link that language's folder.
        env = state.env if isinstance(state.env, dict) else {}
        prefix, lang_dir = env.get("prefix") or "/", env.get("lang_dir", "")
        if prefix == "/" and not lang_dir:
            return
        for token in state.tokens:
            for child in token.children or ():
                name = {"link_open": "href", "image": "src"}.get(child.type)
                href = child.attrGet(name) if name else None
                if isinstance(href, str) and href.startswith("/") and not href.startswith("//"):
                    rel = href[1:]
                    if lang_dir and _twinned(rel, env.get("folders", ())):
                        rel = lang_dir + rel
                    child.attrSet(name, prefix + rel)

    md.core.ruler.push("site_links", site_links)

    def french_spacing(state) -> None:
        # French text: the space before ":" and "»", after "«", is a no-break space, the one before
        # ";", "!" and "?" a narrow one, as French typography has it, so that no line starts with them.
        if not (isinstance(state.env, dict) and state.env.get("french")):
            return
        for token in state.tokens:
            for child in token.children or ():
                if child.type == "text" and (" " in child.content):
                    child.content = french_spaces(child.content)

    md.core.ruler.push("french_spacing", french_spacing)
    return md


def _twinned(rel: str, folders: tuple[str, ...]) -> bool:
    """Whether the site path `rel` (what follows the site's root) is a page that
    each language has in its folder: a page ("", "methodology/", "about", "events/x/"),
    not a file every language shares (data/events.csv, style.css), not already
    in a language's folder, not the search index, not a list by initial (each
    language's initials are its own)."""
    path = rel.split("#", 1)[0].split("?", 1)[0]
    page = path == "" or path.endswith("/") or "." not in path.rsplit("/", 1)[-1]  # "/about": the server adds "/"
    return (page and not path.startswith(folders)
            and not path.startswith("pagefind/") and "/a-z/" not in f"/{path}")


_MD = _make()
# A link written from the site's root: inline, or a reference's definition (in a quote, a list, its
# address on the next line: what this finds may be no link, only a text rendered once per language).
_ROOT_LINK = re.compile(r"\]\(\s*<?/(?!/)|\]:\s*<?/(?!/)")


@lru_cache(maxsize=64)
def headings(text: str, like: tuple[tuple[str, str], ...] = ()) -> tuple[tuple[str, str], ...]:
    """A page of prose's headings as `to_html` with `sections` gives them ids:
    (tag, id) of each, in order; `like`, the original's, for a translation."""
    return tuple((t.tag, str(t.attrGet("id"))) for t in _MD.parse(text, {"sections": like or True})
                 if t.type == "heading_open" and t.attrGet("id"))


def section_ids(text: str, like: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    """The ids a page of prose gives its headings, in order (see `headings`)."""
    return tuple(name for _, name in headings(text, like))


def to_html(text: str, prefix: str = "", lang_dir: str = "", folders: tuple[str, ...] = (),
            french: bool = False, sections: bool | tuple[tuple[str, str], ...] = False) -> str:
    """Markdown → HTML. Raw HTML in the text is escaped, never passed through.
    With `prefix` (the site's path, "/archive/"), a link written from the site's
    root ("/data/") is given it ("/archive/data/"); with `lang_dir` ("fr/", of a
    page in French; `folders`: every other language's), a link to a page the
    language has too is given its folder ("/archive/fr/methodology/").
    `french`: the text is in French, and spaced as French typography spaces it.
    `sections`: a page of prose, whose headings get ids (PAGE_IDS aside); or,
    for a translation, the original's `headings`, whose ids its own take where
    they stand alike."""
    if lang_dir and not _ROOT_LINK.search(text):
        lang_dir, folders = "", ()  # the same HTML in every language: rendered once (_to_html's cache)
    return _to_html(text, prefix, lang_dir, folders, french and any(c in text for c in ":;!?«»"), sections)


@lru_cache(maxsize=16)
def _to_html(text: str, prefix: str, lang_dir: str, folders: tuple[str, ...], french: bool,
             sections: bool | tuple[tuple[str, str], ...] = False) -> str:
    """The last few are kept: a build renders each page's languages one after
    the other (build._render), and the text of a report is the same in each
    (its Markdown is two fifths of a report page's time)."""
    return _MD.render(text, {"prefix": prefix, "lang_dir": lang_dir, "folders": folders, "french": french,
                             "sections": sections})
