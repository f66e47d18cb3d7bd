"""Links in a file's Markdown body that the site will not make links: a
scheme other than http(s) and mailto (shown as plain text, safely, but the
curator meant a link), or an address without its scheme ("www.example.org",
which a browser reads as a page of this site). Warnings, found as the file
is read: a body is read again only when its file changes.

A link to the site's own address ("/methodology/") is noted as the file is
read (a Problem of severity SITE_LINK, its message the address), and checked
once the site's addresses are known (site/sitelinks.py): the reading of one
file cannot know them."""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from ..errors import Problem
from .frontmatter import Document

_INLINE = re.compile(r"\]\(\s*(<[^<>\n]*>|[^\s]+)")                # [text](target …
_AUTO = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")   # <scheme:target>
# A code span as CommonMark reads one: a run of backticks closed by a run of as many, neither run
# longer (the first pattern, "(`+).*?\1", tried every start in a run against every shorter close:
# 8,000 backticks on a line took seconds)
# An HTML tag or comment pasted from a web page: the site shows it as text (no raw HTML).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
# An address written without its scheme: www., or a host ending in a common domain (not a file's extension).
_HOST = re.compile(r"www\.[^/]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|info|int|gov|edu|news|africa|"
                   r"fr|ml|bf|ne|sn|ci|dz|mr|td|uk|de|be|ch|ca|us|io|co)", re.I)
SITE_LINK = "site-link"  # a note, not a warning: lint() leaves it to site/sitelinks.py
_TEXT_ONLY = "which the site shows as plain text: only http(s), mailto: and the site's own addresses (/…) are links"


def body_link_warnings(doc: Document) -> list[Problem]:
    """A warning for each link of the body the site would not make as written,
    on its line. Code (fenced or indented) is left alone: it is shown, not followed."""
    if "](" not in doc.body and "<" not in doc.body and "]:" not in doc.body:
        return []
    if ("<" not in doc.body and "]:" not in doc.body and "`" not in doc.body
            and all(_fine(_destination(m.group(1))) for m in _INLINE.finditer(doc.body))):
        return []  # most bodies: inline links only, each to an address the site links as written
    out: list[Problem] = []
    code = _code_lines(doc.body)
    defined = _definitions(doc.body) if "]:" in doc.body else {}
    for i, line in enumerate(doc.body.split("\n")):
        # A line without "](", "<" or a definition holds no link of any of the three forms.
        if i in code or ("](" not in line and "<" not in line and i not in defined):
            continue
        if "`" in line:
            line = _CODE_SPAN.sub("", line)
        targets = [_destination(m.group(1)) for m in _INLINE.finditer(line)]
        targets += defined.get(i, [])
        targets += [m.group(1) for m in _AUTO.finditer(line) if m.group(1) not in targets]
        for target in dict.fromkeys(targets):
            why = link_problem(target)
            if why:
                out.append(Problem(doc.path, doc.body_line + i, "", why, "warning"))
            elif _own(target):
                out.append(Problem(doc.path, doc.body_line + i, "", target, SITE_LINK))
        if "<" in line and (tag := _TAG.search(_AUTO.sub("", line))):
            out.append(Problem(doc.path, doc.body_line + i, "", (
                "<!-- … --> is an HTML comment, which the site shows as text: remove it" if tag.group() == "<!--"
                else f"{tag.group()} is HTML, which the site shows as it is written, as text: write the text in "
                "Markdown instead (**bold**, *italic*, [words](https://…) for a link), or remove it"), "warning"))
    return out


def _definitions(body: str) -> dict[int, list[str]]:
    """The addresses of the body's link reference definitions ("[ref]: /about/"),
    by the line that starts each, as CommonMark reads them: in a quote or a list
    too, the address on the next line too, none in code."""
    env: dict = {}
    _references().parse(body, env)
    found: dict[int, list[str]] = {}
    for ref in env.get("references", {}).values():
        found.setdefault(ref["map"][0] if ref.get("map") else 0, []).append(ref["href"])
    return found


@functools.cache
def _references():
    """A parser that keeps every definition's address as written, any scheme."""
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


def _code_lines(body: str) -> set[int]:
    """The lines of `body` in code blocks, fenced or indented, as the site's
    Markdown reads them: in a quote or a list item too (`> ````), and not a
    list item's paragraph indented under it."""
    if "```" not in body and "~~~" not in body and "    " not in body and "\t" not in body:
        return set()
    return {line for token in _parser().parse(body) if token.type in ("fence", "code_block") and token.map
            for line in range(*token.map)}


@functools.cache
def _parser():
    from markdown_it import MarkdownIt  # only for a body that may hold code
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _fine(target: str) -> bool:
    """Whether `target` is linked as written and is not the site's own address
    (which site/sitelinks.py checks): neither a warning nor a note."""
    return link_problem(target) is None and not _own(target)


def _own(target: str) -> bool:
    """Whether `target` is written from the site's root ("/about/", not "//host/")."""
    return target.startswith("/") and not target.startswith("//")


def _destination(text: str) -> str:
    """A link's destination as CommonMark reads it: <in brackets>, or up to the
    parenthesis that closes the link (those inside it balanced)."""
    if text.startswith("<"):
        return text[1:-1]
    close = text.find(")")
    if close < 0 or "(" not in text[:close]:
        return text[:close] if close >= 0 else text  # most: no parenthesis inside the address
    depth = 0
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return text[:i]
            depth -= 1
    return text


def link_problem(target: str) -> str | None:
    """Why the site would not link `target` as its writer meant, or None."""
    if target.startswith(("#", "/")) and not target.startswith("//"):
        return None  # this page's part, or the site's own address
    if target.startswith(("https://", "http://", "mailto:")) and target.isascii() and "[" not in target:
        return None  # most links: an address urlsplit would read as one (its host neither IPv6 nor Unicode)
    try:
        parts = urlsplit(target)
    except ValueError:
        return f'links to "{target}", which is not an address the site can link'
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", "mailto"):
        return None
    if not scheme and parts.netloc:  # "//host/…": another host, which the site shows as plain text
        return f'links to "{target}", {_TEXT_ONLY}: write https:{target}'
    if scheme:
        return f'links to "{target}", {_TEXT_ONLY}'
    if _HOST.fullmatch(target.split("/", 1)[0]):
        return f'links to "{target}", which a browser reads as a page of this site: write https://{target}'
    return None  # a path relative to the page (a file beside it): the site's own, as the writer chose
