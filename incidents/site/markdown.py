"""The one configured Markdown renderer: CommonMark and tables, no raw HTML,
no images from other hosts, links to http(s) or within the site only."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml


def _safe_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in ("", "http", "https", "mailto")


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    md.validateLink = _safe_link

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

    def site_links(state) -> None:
        # A link from the site's root ("/data/") gets the path prefix the site is published under.
        prefix = state.env.get("prefix") if isinstance(state.env, dict) else None
        if not prefix or prefix == "/":
            return
        for token in state.tokens:
            for child in token.children or ():
                name = {"link_open": "href", "image": "src"}.get(child.type)
                href = child.attrGet(name) if name else None
                if isinstance(href, str) and href.startswith("/") and not href.startswith("//"):
                    child.attrSet(name, prefix + href[1:])

    md.core.ruler.push("site_links", site_links)
    return md


_MD = _make()


@lru_cache(maxsize=16)
def to_html(text: str, prefix: str = "") -> str:
    """Markdown → HTML. Raw HTML in the text is escaped, never passed through.
    With `prefix` (the site's path, "/archive/"), a link written from the site's
    root ("/data/") is given it ("/archive/data/"). The last few are kept: a
    build renders each page's languages one after the other (build._render),
    and the text of a report is the same in each (its Markdown is two fifths
    of a report page's time)."""
    return _MD.render(text, {"prefix": prefix})
