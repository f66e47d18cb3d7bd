"""Every URL and output path of the site, in one place."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..content.names import slugify


@dataclass(frozen=True)
class Urls:
    """Builds links that carry base_url's path prefix ("/archive/events/x/")
    and the absolute addresses feeds and sitemaps need."""

    base_url: str
    lang_dir: str = ""  # "fr/" for the pages in French, "" for the default language's
    # The timeline's pages by period (paging.py), when it has more than one: a
    # chart's mark then leads to the page of its month rather than to /timeline/.
    timeline_pages: frozenset[str] = frozenset()

    @property
    def prefix(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def page(self, rel: str) -> str:
        """`rel` is a site path without a leading slash: "" for home, "events/x/"; in this language."""
        return self.prefix + self.lang_dir + rel

    def absolute(self, rel: str) -> str:
        return self.base_url + self.lang_dir + rel

    def asset(self, rel: str) -> str:
        """A file every language shares (style.css, the data files, the search index)."""
        return self.prefix + rel

    home = property(lambda self: self.page(""))

    def event(self, slug: str) -> str:
        return self.page(event_path(slug))

    def report(self, slug: str) -> str:
        return self.page(report_path(slug))

    def actor(self, slug: str) -> str:
        return self.page(actor_path(slug))

    def place(self, slug: str) -> str:
        return self.page(place_path(slug))

    def prose(self, slug: str) -> str:
        return self.page(prose_path(slug))

    def tag(self, slug: str) -> str:
        return self.page(tag_path(slug))

    def timeline_month(self, year: int, month: int = 0) -> str:
        """The timeline's section for a month (or a year, month 0), on the page that shows it."""
        anchor = f"#{month_anchor(year, month)}"
        if not self.timeline_pages:
            return self.page("timeline/") + anchor
        for rel in (f"timeline/{year}/{month:02d}/" if month else "", f"timeline/{year}/"):
            if rel in self.timeline_pages:
                return self.page(rel) + anchor
        return self.page("timeline/") + anchor


def month_anchor(year: int, month: int = 0) -> str:
    return f"y{year}" + (f"-{month:02d}" if month else "")


def feed_path(page_rel: str) -> str:
    """The Atom feed beside a page: "" → "feed.xml", "actors/x/" → "actors/x/feed.xml"."""
    return page_rel + "feed.xml"


def event_path(slug: str) -> str:
    return f"events/{slug}/"


def report_path(slug: str) -> str:
    return f"reports/{slug}/"


def actor_path(slug: str) -> str:
    return f"actors/{slug}/"


def place_path(slug: str) -> str:
    return f"locations/{slug}/"


# The folder of an index's pages by initial (alphabet.py): /actors/a-z/k/. No actor or place takes it as its address.
A_Z = "a-z"


def initial_path(base: str, initial: str, part: int = 1) -> str:
    """A page of the index at `base` ("actors/") by initial: "actors/a-z/k/", its part 2 "actors/a-z/k/2/"."""
    return f"{base}{A_Z}/{initial}/" + (f"{part}/" if part > 1 else "")


def tag_path(slug: str) -> str:
    return f"tags/{slug}/"


def is_list_page(rel: str) -> bool:
    """A page of a list by period ("events/2024/", "actors/x/2024/03/"), as opposed to an entity's own page."""
    parts = rel.split("/")
    return rel.endswith("/") and len(parts) > 2 and (parts[1].isdigit() or (
        parts[0] in ("actors", "locations", "tags") and len(parts) > 3))


# The first segment of every path the site makes itself: a page of prose
# (content/pages/<slug>.md, at /<slug>/) may not take one; nor, on a site in
# several languages, the folder of each but the first (/fr/: languages_folders).
RESERVED = ("timeline", "events", "reports", "actors", "locations", "tags", "search", "pagefind", "data")


def language_folders(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The folders of a site's languages but its first (/fr/), which no page of prose may take."""
    return tuple(code.lower() for code in languages[1:])

# Report and event slugs that would take the address of a year's list (/reports/2024/, /events/2024/).
def is_year_slug(slug: str) -> bool:
    return slug.isdigit()


def prose_path(slug: str) -> str:
    """A page of the archive's own prose: "about" → "about/"."""
    return f"{slug}/"


# The addresses reports had before their files were renamed, and where each is now
# (history.moved_pages): read by the 404 page's script (static/moved.js).
MOVED = "moved.json"


def cite_files(page_rel: str) -> tuple[str, str]:
    """The citation of an event's or a report's page, beside it: BibTeX and CSL-JSON."""
    return page_rel + "cite.bib", page_rel + "cite.json"


# The most characters of a row's words its id keeps before its digest (row_anchors)
ROW_WORDS = 60


def row_anchors(kind: str, rows: list[list[str]], report: str) -> tuple[str, ...]:
    """Ids for the rows a report gives (its claims, its responses), each made
    of the row's words (claimant and figures; who, stance and date) and a
    digest of the report's slug: "claim-kal-akal-killed-60-or-more-5c1f0e2a".
    So one claim has one id on every page that lists it, and a claim added,
    removed or moved elsewhere changes no other id; two identical rows of one
    report get -2, -3. Words longer than an id keeps (a claimant's long name)
    are cut and given a digest of them all: two rows that differ only past
    the cut never share an id, so that removing one never gives its id to
    the other (an id once "-2" would then name another figure)."""
    if not rows:
        return ()
    tag = hashlib.blake2b(report.encode("utf-8"), digest_size=4).hexdigest()
    taken: set[str] = set()
    out = []
    for words in rows:
        text = slugify(" ".join(words))
        if len(text) > ROW_WORDS:
            text = text[:ROW_WORDS - 9].strip("-") + "-" + hashlib.blake2b(text.encode("utf-8"), digest_size=3).hexdigest()
        base = f"{kind}-{text}-{tag}" if text else f"{kind}-{tag}"
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        taken.add(anchor)
        out.append(anchor)
    return tuple(out)


def output_file(rel: str) -> str:
    """Site path → file under the output folder: "events/x/" → "events/x/index.html"."""
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


# The sitemaps protocol's limit of addresses in one file: a site with more pages
# (about 30,000 reports in one language, 15,000 in two) has sitemap.xml as an index of files
# sitemap-1.xml, sitemap-2.xml, … of at most this many each, beside it at the
# site's root (a sitemap may list only addresses under its own folder).
SITEMAP_URLS = 50_000


def sitemap_urls() -> int:
    """SITEMAP_URLS, or fewer by INCIDENTS_SITEMAP_URLS (tests make small sites in parts with it)."""
    return max(1, min(SITEMAP_URLS, int(os.environ.get("INCIDENTS_SITEMAP_URLS") or SITEMAP_URLS)))


def sitemap_names(rels: list[str], per_file: int | None = None) -> list[str]:
    """The sitemap's files for a site of these site paths: sitemap.xml, then its parts if it has any."""
    per_file = per_file or sitemap_urls()
    pages = sum(1 for rel in rels if rel.endswith("/") or rel == "")
    parts = -(-pages // per_file) if pages > per_file else 0
    return ["sitemap.xml"] + [f"sitemap-{i}.xml" for i in range(1, parts + 1)]
