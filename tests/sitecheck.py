"""Reading a built site as a visitor's browser would: its pages, links and anchors."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.alternates: dict[str, str] = {}  # hreflang → absolute address, from the head

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href") or ""
        for name in ("href", "src", "action"):
            if a.get(name) is not None:
                self.links.append((f"{tag}.{name}", a[name]))
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "meta" and a.get("http-equiv"):
            self.meta[a["http-equiv"].lower()] = a.get("content", "")


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def target(out: Path, prefix: str, url: str) -> tuple[Path, str] | None:
    """The file an internal URL leads to (and its fragment); None for other hosts."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    assert path.startswith(prefix), f"{url} does not carry the prefix {prefix}"
    file = out / path[len(prefix):]
    if path.endswith("/"):
        file = file / "index.html"
    return file, parts.fragment


def broken_links(out: Path, prefix: str) -> list[str]:
    """Every internal link or anchor that leads nowhere, as 'page: url'."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in pages(out):
        parsed = parse(page)
        ids[page] = parsed.ids
        for _, url in parsed.links:
            if url.startswith("mailto:"):
                continue
            if url.startswith("#"):
                if url[1:] not in parsed.ids:
                    broken.append(f"{page.relative_to(out)}: {url} (no such id)")
                continue
            try:
                found = target(out, prefix, url)
            except AssertionError as error:
                broken.append(f"{page.relative_to(out)}: {error}")
                continue
            if found is None:
                continue
            file, fragment = found
            if not file.is_file():
                broken.append(f"{page.relative_to(out)}: {url}")
            elif fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = parse(file).ids
                if fragment not in ids[file]:
                    broken.append(f"{page.relative_to(out)}: {url} (no id {fragment!r})")
    return broken


def broken_alternates(out: Path, base_url: str) -> list[str]:
    """Every page whose hreflang alternates (the same page in each language) do not
    lead to a page in that language that names this one back, as 'page: what'."""
    wrong = []
    for page in pages(out):
        parsed = parse(page)
        if not parsed.alternates:
            continue
        here = base_url + page.relative_to(out).as_posix().removesuffix("index.html")
        if parsed.alternates.get(parsed.lang) != here:
            wrong.append(f"{page.relative_to(out)}: <html lang={parsed.lang!r}> but its {parsed.lang} alternate is "
                         f"{parsed.alternates.get(parsed.lang)!r}")
        for lang, url in parsed.alternates.items():
            assert url.startswith(base_url), url
            rel = url[len(base_url):]
            file = out / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
            if not file.is_file():
                wrong.append(f"{page.relative_to(out)}: {lang}: {url} (no such page)")
                continue
            other = parse(file)
            if other.lang != lang or other.alternates.get(parsed.lang) != here:
                wrong.append(f"{page.relative_to(out)}: {lang}: {url} (lang {other.lang!r}, not naming it back)")
    return wrong


def tree_digest(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def list_pages(out: Path) -> list[Path]:
    """Every page of a list in a built site: reports, events, timeline, tags,
    and the actors' and places' pages by period."""
    found = []
    for section in ("reports", "events", "timeline", "tags", "actors", "locations"):
        for page in (out / section).rglob("index.html"):
            parts = page.relative_to(out).parts[:-1]
            if section in ("reports", "events") and len(parts) > 1 and not parts[1].isdigit():
                continue  # a report's or an event's own page
            found.append(page)
    return found
