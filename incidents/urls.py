"""Every URL and output path of the site, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Urls:
    """Builds links that carry base_url's path prefix ("/archive/events/x/")
    and the absolute addresses feeds and sitemaps need."""

    base_url: str

    @property
    def prefix(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def page(self, rel: str) -> str:
        """`rel` is a site path without a leading slash: "" for home, "events/x/"."""
        return self.prefix + rel

    def absolute(self, rel: str) -> str:
        return self.base_url + rel

    home = property(lambda self: self.page(""))

    def event(self, slug: str) -> str:
        return self.page(event_path(slug))

    def report(self, slug: str) -> str:
        return self.page(report_path(slug))

    def actor(self, slug: str) -> str:
        return self.page(actor_path(slug))

    def place(self, slug: str) -> str:
        return self.page(place_path(slug))


def event_path(slug: str) -> str:
    return f"events/{slug}/"


def report_path(slug: str) -> str:
    return f"reports/{slug}/"


def actor_path(slug: str) -> str:
    return f"actors/{slug}/"


def place_path(slug: str) -> str:
    return f"locations/{slug}/"


def output_file(rel: str) -> str:
    """Site path → file under the output folder: "events/x/" → "events/x/index.html"."""
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel
