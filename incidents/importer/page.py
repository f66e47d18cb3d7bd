"""A web page saved from a browser (`.html`) → the article's text and what the
page's metadata says of it.

trafilatura finds the article among the site's furniture (menus, cookie
banners, related links, comments, scripts) and gives its paragraphs; the
metadata is read from the page itself, most explicit first: the canonical
link, JSON-LD (`NewsArticle` and its kin), Open Graph and `<meta>` tags,
`<time datetime>`, `<html lang>`, and trafilatura's own readings after them.
The text then goes through the same cleaning as pasted text."""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from ..content.fields import date_fix
from .dates import find_dates
from .text import Sentence

_ARTICLE_TYPES = {"newsarticle", "article", "reportage", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "webpage", "backgroundnewsarticle"}
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class Page:
    """What a saved page gives: its text (title first, then a blank line
    between paragraphs) and its metadata, each with where it was read."""

    text: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    author: str = ""
    published: dt.date | None = None
    language: str = ""
    description: str = ""                    # the page's standfirst, when its metadata gives one
    how: tuple[tuple[str, str], ...] = ()    # (field, where it was read)
    unread_dates: tuple[tuple[str, str], ...] = ()  # publication dates given that are not one day: (value, where)

    def where(self, field: str) -> str:
        return dict(self.how).get(field, "")


def looks_like_html(name: str, text: str) -> bool:
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(
        re.match(r"\ufeff?\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)?<(!doctype\s+html|html)\b", text[:2000], re.I | re.S))


class PageError(Exception):
    """A page trafilatura can make nothing of."""


def read_page(html: str) -> Page:
    import lxml.html
    import trafilatura

    if not html.strip():
        raise PageError("is an empty page")
    html = re.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", html)   # XHTML's declaration: lxml refuses it in a str
    try:
        tree = lxml.html.fromstring(html)
    except Exception as exc:  # lxml's parser errors have no common base worth naming
        raise PageError(f"is not a web page that can be read ({exc})") from None
    found: dict[str, tuple[str, str]] = {}

    unread: list[tuple[str, str]] = []

    def give(field: str, value: Any, where: str) -> None:
        value = " ".join(str(value).split()) if value else ""
        if field == "published" and value and _date(value) is None:  # said in the draft, and the next one read
            unread.append((value[:80], where))
        elif value and field not in found:
            found[field] = (value, where)

    _canonical(tree, give)
    for item in _json_ld(tree):
        _from_json_ld(item, give)
    _meta_tags(tree, give)
    for item in _json_ld(tree)[:1]:
        give("description", item.get("description"), "the page's JSON-LD")
    for node in tree.xpath("//article//time[@datetime] | //time[@datetime]")[:1]:
        give("published", node.get("datetime"), "the page's <time datetime>")
    give("language", tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
         "the page's <html lang>")

    try:
        found_doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - trafilatura, htmldate: markup they cannot follow (an SVG saved as .html)
        found_doc = None
    doc = found_doc.as_dict() if found_doc is not None and hasattr(found_doc, "as_dict") else found_doc or {}
    if not doc or len((doc.get("text") or "").split()) < 20:
        raise PageError("has no article text that could be found: copy the article's text into a .txt file and "
                        "import that")
    give("title", doc.get("title"), "the page's title")
    give("url", doc.get("url"), "the page's metadata")
    # what a browser notes, saving a page, of where it came from: "<!-- saved from url=(0052)https://… -->"
    saved = _SAVED_FROM.search(html[:4096])
    give("url", saved.group(1) if saved else "", "the browser's note of where the page was saved from")
    give("publisher", doc.get("sitename"), "the site's name in the page")
    give("author", doc.get("author"), "the page's metadata")
    give("published", doc.get("date"), "the page's dates (htmldate)")

    published = _date(found.get("published", ("", ""))[0])
    url = found.get("url", ("", ""))[0]
    if not re.match(r"https?://[^\s/]+", url, re.I):
        url = ""
    language = found.get("language", ("", ""))[0]
    if not _LANGUAGE.fullmatch(language):
        language = ""
    language = language.replace("_", "-")
    title = found.get("title", ("", ""))[0]
    paragraphs = [" ".join(line.split()) for line in doc["text"].split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    how = tuple((k, w) for k, (_, w) in found.items()
                if (k != "published" or published) and (k != "url" or url) and (k != "language" or language))
    return Page("\n\n".join(paragraphs) + "\n", title, url, found.get("publisher", ("", ""))[0],
                found.get("author", ("", ""))[0], published, language, found.get("description", ("", ""))[0],
                tuple((k, w) for k, w in how if k != "description"), tuple(dict.fromkeys(unread)))


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _canonical(tree: Any, give: Any) -> None:
    for node in tree.xpath("//link[@href]"):
        if "canonical" in (node.get("rel") or "").lower().split():
            give("url", node.get("href"), "the page's canonical link")


def _json_ld(tree: Any) -> list[dict]:
    out: list[dict] = []
    named: dict[str, dict] = {}  # what a graph names by its @id (WordPress's Yoast: the publisher, the author)
    for node in tree.xpath("//script[@type]"):
        if "ld+json" not in (node.get("type") or "").lower():
            continue
        try:
            data = json.loads(node.text or "")
        except (ValueError, RecursionError):  # RecursionError: 3,000 "[" nested, a hostile page's
            continue
        stack = collections.deque([data])  # in order, each taken from the front at once (a flat list of 100,000)
        while stack:
            item = stack.popleft()
            if isinstance(item, list):
                stack += item
            elif isinstance(item, dict):
                if isinstance(item.get("@id"), str) and "name" in item:
                    named.setdefault(item["@id"], item)
                if "@graph" in item:
                    stack += item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]]
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                    out.append(item)
    # {"publisher": {"@id": "…#organization"}}: the thing of that @id elsewhere in the page, with its name
    out = [{**item, **{key: _resolved(item[key], named) for key in ("publisher", "author") if key in item}}
           for item in out]
    # the most specific first: a NewsArticle before the WebPage holding it
    return sorted(out, key=lambda i: "webpage" in str(i.get("@type")).lower())


def _resolved(value: Any, named: dict[str, dict]) -> Any:
    """A reference ({"@id": …} without a name), or a list of them, as the thing it names."""
    if isinstance(value, list):
        return [_resolved(v, named) for v in value[:50]]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return named.get(value["@id"], value)
    return value


def _name(value: Any, depth: int = 0) -> str:
    """A name as JSON-LD gives it: text, an object with a name, or a list of
    either (names joined); never a Python rendering of a list or an object."""
    if depth > 3:
        return ""
    if isinstance(value, list):
        return ", ".join(n for n in (_name(v, depth + 1) for v in value) if n)
    if isinstance(value, dict):
        return _name(value.get("name"), depth + 1)
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _from_json_ld(item: dict, give: Any) -> None:
    where = f"the page's JSON-LD {item.get('@type')}"
    give("title", item.get("headline") or item.get("name"), where)
    give("url", item.get("url") if isinstance(item.get("url"), str) else "", where)
    give("publisher", _name(item.get("publisher")), where)
    give("author", _name(item.get("author")), where)
    give("published", item.get("datePublished") or item.get("dateCreated"), where)
    give("language", _name(item.get("inLanguage")), where)


def _meta_tags(tree: Any, give: Any) -> None:
    metas = {}
    for node in tree.xpath("//meta[@content]"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        if key and key not in metas:
            metas[key] = node.get("content")
    for field, keys in (("url", ("og:url",)), ("title", ("og:title", "twitter:title")),
                        ("publisher", ("og:site_name", "application-name")),
                        ("author", ("author", "article:author", "byl", "dc.creator", "parsely-author")),
                        ("published", ("article:published_time", "datepublished", "dc.date", "date",
                                       "pubdate", "parsely-pub-date")),
                        ("language", ("og:locale", "language", "content-language", "dc.language")),
                        ("description", ("og:description", "description", "twitter:description"))):
        for key in keys:
            value = metas.get(key)
            if field == "author" and value and re.match(r"https?://", value):
                continue
            give(field, value, f"the page's <meta {key}>")


def _date(text: str) -> dt.date | None:
    """A publication date as metadata writes it: ISO 8601 ("2025-03-03T10:00Z",
    "2025/03/03") or as an article would ("March 3, 2025", "3 mars 2025", "Mon,
    03 Mar 2025 10:00 GMT", "13/03/2025"); None where it is not one day, or
    could be two ("05/03/2025")."""
    m = re.match(r"\s*(\d{4})[-/.](\d\d?)[-/.](\d\d?)(?!\d)", text or "")
    if m:
        try:
            return dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return None
    for d in find_dates([Sentence(text[:200], 0, 0)], None):
        if d.start and d.start.day and not d.end:
            return dt.date(d.start.year, d.start.month, d.start.day)
    return None


def unread_note(value: str, where: str) -> str:
    """What the draft says of a publication date the page gives that is not one day."""
    fix = date_fix(value.split("T")[0].split()[0] if value[:1].isdigit() else value, "published")
    return f'{where} gives "{value}"{f" ({fix[2:]})" if fix else ""}, which the import cannot read as one day'

