"""The same sample as a Hugo site, for bench/perf.py to time side by side:
one page per report; taxonomies events, actors and locations give a page
per event, actor and place; list pages, a home page, a feed and a timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .front import figures

CONFIG = """\
baseURL = "https://example.org/sample-archive/"
locale = "en"
title = "Sample Incident Archive"
removePathAccents = true
timeout = "600s"
enableRobotsTXT = false

[taxonomies]
  event = "events"
  actor = "actors"
  location = "locations"

[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]
  page = ["html"]

[services.rss]
  limit = 100

[params]
  description = "Generated reports, for trying the archive out: not real events."
"""

LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="alternate" type="application/atom+xml" href="{{ "index.xml" | relURL }}">
</head>
<body>
<header>
<a class="brand" href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav>
<a href="{{ "timeline/" | relURL }}">Timeline</a>
<a href="{{ "events/" | relURL }}">Events</a>
<a href="{{ "actors/" | relURL }}">Actors</a>
<a href="{{ "locations/" | relURL }}">Locations</a>
<a href="{{ "reports/" | relURL }}">Reports</a>
</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Params.description }}</p></footer>
</body>
</html>
""",
    "page.html": """\
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.publisher }} · <span data-pagefind-filter="publisher">{{ . }}</span>{{ end }}</p>
<dl>
<dt>Event</dt>
<dd>{{ range .GetTerms "events" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Location</dt>
<dd>{{ range .GetTerms "locations" }}<a href="{{ .RelPermalink }}" data-pagefind-filter="location">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Actors</dt>
<dd><ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}" data-pagefind-filter="actor">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd>
{{ with .Params.toll }}<dt>Reported toll</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.tags }}<dt>Tags</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
</dl>
{{ .Content }}
{{ with .Params.source_url }}<p class="source"><a href="{{ . }}">Read the source</a></p>{{ end }}
</article>
{{ end }}
""",
    "section.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ len .Data.Terms }} entries</p>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<p>{{ len .Pages }} reports</p>
<ul>
{{ range .Pages.ByDate }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>{{ with .Params.publisher }} · {{ . }}{{ end }}</li>
{{ end }}
</ul>
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
{{ $reports := where site.RegularPages "Section" "reports" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
<p>{{ len $reports }} reports, {{ len site.Taxonomies.events }} events,
{{ len site.Taxonomies.actors }} actors, {{ len site.Taxonomies.locations }} locations.</p>
<h2>Latest reports</h2>
<ul>
{{ range first 20 $reports.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ end }}
""",
    "timeline/section.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range (where site.RegularPages "Section" "reports").GroupByDate "January 2006" }}
<h2>{{ .Key }}</h2>
<ul>
{{ range .Pages }}<li><time>{{ .Date.Format "2 Jan" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
{{ end }}
""",
}
SECTIONS = {"timeline": "Timeline", "reports": "Reports", "events": "Events", "actors": "Actors",
            "locations": "Locations"}


def write_skeleton(folder: Path) -> None:
    """hugo.toml, the layouts, and a page per section."""
    (folder / "hugo.toml").parent.mkdir(parents=True, exist_ok=True)
    (folder / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for rel, text in LAYOUTS.items():
        path = folder / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for section, title in SECTIONS.items():
        (folder / "content" / section).mkdir(parents=True, exist_ok=True)
        (folder / "content" / section / "_index.md").write_text(f"---\ntitle: {title}\n---\n", encoding="utf-8")


def report_front(front: dict[str, Any], date: str, actors: list[str]) -> dict[str, Any]:
    """A report's Hugo front matter: its event, actors (by their own names) and place as terms."""
    location = front["location"]
    out: dict[str, Any] = {"title": front["title"], "date": date, "events": [front["event"]], "actors": actors,
                           "locations": [location if isinstance(location, str) else location["name"]],
                           "publisher": front["source"]["publisher"]}
    if "url" in front["source"]:
        out["source_url"] = front["source"]["url"]
    if "reported_toll" in front:
        claims = front["reported_toll"]
        out["toll"] = "; ".join(toll_text(c) for c in (claims if isinstance(claims, list) else [claims]))
    if "tags" in front:
        out["tags"] = front["tags"]
    return out


def toll_text(claim: dict[str, Any]) -> str:
    who = claim.get("according_to")
    return figures(claim) + (f" (according to {who})" if who else "")
