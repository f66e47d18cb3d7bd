"""How to cite a page: a line of text, BibTeX and CSL-JSON for every event and
report page, shown on the page (templates/partials/cite.html) and written
beside it as cite.bib and cite.json. No date of access is written: that is
the reader's day, which the page's script (static/cite.js) adds to what it
copies."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from ..content.link import Archive
from ..content.model import Day
from ..cldr import UnknownLocale, display_name
from ..content.names import slugify
from .i18n import ENGLISH, Lang
from .urls import Urls, actor_path, cite_files, event_path, place_path, report_path


@dataclass(frozen=True)
class Entry:
    """What a citation says, before it is written in any format."""

    key: str          # the BibTeX key and CSL id: "mali-incident-archive-event-2025-02-gao-road-killings"
    genre: str        # "Event page", "Report page"
    title: str
    archive: str      # the archive's title: container and corporate author
    url: str
    happened: tuple[Day, Day | None] | None  # the incident's dates (none for an actor's or a place's page)
    note: str
    language: str     # the title's, as the page marks it (a report's: its source's): CSL styles case titles by it
    updated: Day | None = None  # when the page last changed, where that is known
    page_language: str = ""     # the page's (its genre, its note and, in BibTeX, its container are in it)
    version: str = ""           # the data's: the commit it is of ("0473a44", "0473a44+modified")
    csl_type: str = "webpage"   # CSL's type of the item: the data is a "dataset"


@dataclass(frozen=True)
class Citation:
    """A page's citation. Its BibTeX and CSL-JSON are written when asked for:
    the page shows the text only, and each file beside it is one format."""

    text: str      # the plain citation, without its final full stop (the page adds the access date before it)
    entry: Entry
    bib_url: str   # the files beside the page
    json_url: str
    html: str       # the text as the page shows it: the title isolated (<bdi>), so that a title written right
    #                 to left keeps its place and its quotes in a line written left to right, and the reverse

    @property
    def bibtex(self) -> str:
        return bibtex(self.entry)

    @property
    def csl_json(self) -> str:
        return csl_json(self.entry)


def event_citation(archive: Archive, urls: Urls, slug: str, updated: Day | None = None,
                   t: Lang = ENGLISH) -> Citation:
    """The citation of an event's page in the page's language (`t`): its words, its dates."""
    e = archive.events[slug]
    _ = t.gettext
    values = {"when": t.span(e.date, e.end_date), "place": archive.places[e.place].location.name,
              "n": t.number(len(e.reports))}
    note = t.ngettext("Event of %(when)s, %(place)s; %(n)s report in the archive",
                      "Event of %(when)s, %(place)s; %(n)s reports in the archive", len(e.reports)) % values
    entry = Entry(_key(archive, "event", slug), _("Event page"), e.title, archive.site.title,
                  urls.absolute(event_path(slug)), (e.date, e.end_date), note, e.langs[0] or t.code, updated)
    return _citation(urls, event_path(slug), entry, _("event of %(when)s, %(place)s") % values, t)


def report_citation(archive: Archive, urls: Urls, slug: str, updated: Day | None = None,
                    t: Lang = ENGLISH) -> Citation:
    """The citation of a report's page in the page's language (`t`)."""
    r = archive.reports[slug]
    s = r.source
    _ = t.gettext
    # the source by its publisher and, where given, its own headline, by which a reader finds it
    publisher = t.fill(_("%(publisher)s, “%(headline)s”"), {"publisher": s.publisher, "headline": t.inside_quotes(s.title)}) \
        if s.title else s.publisher
    values = {"publisher": publisher, "date": t.day(s.published) if s.published else "", "url": s.url}
    if s.published and not s.published.day:  # "published in March 2025", "publié en mars 2025"
        what = t.fill(_("report by %(publisher)s, published in %(date)s"), values)
        note = t.fill(_("The archive's record of a report by %(publisher)s, published in %(date)s"), values)
    else:
        what = t.fill(_("report by %(publisher)s, published %(date)s") if s.published
                      else _("report by %(publisher)s"), values)
        note = t.fill(_("The archive's record of a report by %(publisher)s, published %(date)s") if s.published
                      else _("The archive's record of a report by %(publisher)s"), values)
    entry = Entry(_key(archive, "report", slug), _("Report page"), r.title, archive.site.title,
                  urls.absolute(report_path(slug)), (r.date, r.end_date), note + (f"{t.colon}{s.url}" if s.url else ""),
                  s.language or archive.site.language, updated)
    return _citation(urls, report_path(slug), entry, what, t)


def actor_citation(archive: Archive, urls: Urls, slug: str, t: Lang = ENGLISH) -> Citation:
    """The citation of an actor's page: by its name and kind, what the page shows
    of it at its top, never a count or a span of its events, which a report of
    an older year changes on a page of that year only (its citation with it)."""
    actor = archive.actors[slug]
    _ = t.gettext
    note = (t.fill(_("The archive's page on %(name)s, %(kind)s"), {"name": actor.name, "kind": actor.kind})
            if actor.kind else t.fill(_("The archive's page on %(name)s"), {"name": actor.name}))
    entry = Entry(_key(archive, "actor", slug), _("Actor page"), actor.name, archive.site.title,
                  urls.absolute(actor_path(slug)), None, note, actor.langs[0] or t.code)
    return _citation(urls, actor_path(slug), entry, _("actor page"), t)


def place_citation(archive: Archive, urls: Urls, slug: str, t: Lang = ENGLISH) -> Citation:
    """The citation of a place's page: by its name, region and country."""
    location = archive.places[slug].location
    _ = t.gettext
    where = ", ".join(x for x in (location.name, location.region, t.country(location.country) if location.country
                                  else "") if x)
    note = t.fill(_("The archive's page on the events at %(place)s"), {"place": where})
    entry = Entry(_key(archive, "location", slug), _("Location page"), location.name, archive.site.title,
                  urls.absolute(place_path(slug)), None, note, t.code)
    return _citation(urls, place_path(slug), entry, _("location page"), t)


DATA_PAGE = "data/"  # the open data's page: its citation files are beside it


def data_citation(archive: Archive, urls: Urls, version: str = "", updated: Day | None = None,
                  t: Lang = ENGLISH) -> Citation:
    """The citation of the open data (the data page and its files), by its
    version, the commit it is of (history.data_version), and that commit's
    day: a figure cited from the data can be found again in that version."""
    _ = t.gettext
    what = (t.fill(_("dataset, version %(version)s"), {"version": version}) if version else _("dataset"))
    note = (t.fill(_("Every event and report of the archive as JSON and CSV, version %(version)s"),
                   {"version": version}) if version else _("Every event and report of the archive as JSON and CSV"))
    entry = Entry(_key(archive, "data", "all"), _("Dataset"), _("Open data"), archive.site.title,
                  urls.absolute(DATA_PAGE), None, note, t.code, updated, version=version, csl_type="dataset")
    return _citation(urls, DATA_PAGE, entry, what, t)



def _key(archive: Archive, kind: str, slug: str) -> str:
    return f"{slugify(archive.site.title) or 'archive'}-{kind}-{slug}"


def _citation(urls: Urls, page: str, entry: Entry, what: str, t: Lang = ENGLISH) -> Citation:
    title = t.inside_quotes(entry.title)  # “‘They came at dawn’: …”, not ““They came at dawn”: …”
    values = {"archive": entry.archive, "title": title, "what": what, "url": entry.url,
              "date": t.day(entry.updated) if entry.updated else ""}
    form = (t.gettext("%(archive)s, “%(title)s” (%(what)s), last updated %(date)s, %(url)s") if entry.updated
            else t.gettext("%(archive)s, “%(title)s” (%(what)s), %(url)s"))
    text = form % values
    before, _, after = (form % {**values, "title": "\0"}).partition("\0")
    # the title's language marked where it is not the page's, as the page's heading is
    lang = f' lang="{escape(entry.language)}"' if entry.language.split("-")[0].lower() != t.code else ""
    html = f'{escape(before)}<bdi dir="auto"{lang}>{escape(title)}</bdi>{escape(after)}'
    bib, csl = cite_files(page)
    return Citation(text, replace(entry, page_language=t.code), urls.page(bib), urls.page(csl), Markup(html))


def item_language(entry: Entry) -> str:
    """The language a citation's item is given: its title's, unless the page's
    is another and one of the two is not English. Styles and biblatex change
    the case of an English item's title and container only ("Archive Des
    Incidents Au Mali" of a French page's container, for an English title):
    an item of two languages is given the one that is not English, whose
    words keep the case they are written in."""
    title, page = entry.language, entry.page_language
    if not page or title.split("-")[0].lower() == page:
        return title
    return title if page == "en" else page


def bibtex(entry: Entry) -> str:
    """A BibTeX @misc entry (biblatex reads it too). Values are braced, with
    every character BibTeX or LaTeX would take for markup escaped."""
    fields = [
        ("title", "{" + _tex(entry.title) + "}"),  # double braces: the title's capitals kept
        ("author", "{" + _tex(entry.archive) + "}"),  # a body, not a person: never "Archive, M. I."
        ("howpublished", _tex(f"{entry.genre}, {entry.archive}")),
        ("url", _url(entry.url)),
        ("note", _tex(entry.note)),
        ("langid", _tex(_langid(item_language(entry)))),
        *((("version", _tex(entry.version)),) if entry.version else ()),
    ]
    if entry.updated:
        fields += [("year", str(entry.updated.year)), ("date", entry.updated.iso())]
    lines = [f"@misc{{{entry.key},"] + [f"  {name} = {{{value}}}," for name, value in fields] + ["}"]
    return "\n".join(lines) + "\n"


def _langid(code: str) -> str:
    """biblatex's name of a language (its `langid`, which hyphenates and cases the
    title by it): babel's, the English name in lower case ("english", "french",
    "arabic"); the code itself where Babel knows no name for it."""
    base = code.split("-")[0].split("_")[0].lower()
    try:
        name = display_name(base, "en")
    except UnknownLocale:
        return code
    return name.lower() if name else code


def csl_json(entry: Entry) -> str:
    """A list of one CSL-JSON item, as Zotero, Pandoc and citeproc read it."""
    item: dict = {
        "id": entry.key,
        "type": entry.csl_type,
        "genre": entry.genre,
        "title": entry.title,
        "container-title": entry.archive,
        "author": [{"literal": entry.archive}],
        "URL": entry.url,
        **({"event-date": _span(*entry.happened)} if entry.happened else {}),
        "note": entry.note,
        "language": item_language(entry),
        **({"version": entry.version} if entry.version else {}),
    }
    if entry.updated:
        item["issued"] = {"date-parts": [_parts(entry.updated)]}
    # on one line: what the reader copies is laid out by static/cite.js; 150 bytes a file less than indented
    return json.dumps([item], ensure_ascii=False) + "\n"


def _span(start: Day, end: Day | None) -> dict:
    """CSL's date of one day, or of two: the incident's."""
    return {"date-parts": [_parts(start)] + ([_parts(end)] if end and end != start else [])}


def _parts(day: Day) -> list[int]:
    """As precise as the source: [2025, 2, 17], [2022, 3] or [2022]."""
    return [day.year] + ([day.month] if day.month else []) + ([day.day] if day.day else [])


_TEX = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                      "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                      # French's no-break spaces ("Événement : ", "Gao ; "), which pdfLaTeX
                      # does not read: LaTeX's own
                      "\u00a0": "~", "\u202f": "~"})


_TEX_UNBALANCED = str.maketrans({**{chr(k): v for k, v in _TEX.items()},
                                 "{": r"\textbraceleft{}", "}": r"\textbraceright{}"})


def _tex(text: str) -> str:
    """Text for a braced BibTeX value, LaTeX's special characters escaped.
    BibTeX counts braces even when escaped, so a text whose braces do not
    balance has them written as LaTeX's commands for them (never another
    character: an address in the note would become another address)."""
    return text.translate(_TEX if _balanced(text) else _TEX_UNBALANCED)


def _balanced(text: str) -> bool:
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for c in text:
        depth += (c == "{") - (c == "}")
        if depth < 0:
            return False
    return depth == 0


def _url(url: str) -> str:
    """An address for BibTeX's url field, which biblatex reads verbatim: only
    what would unbalance the braced value, or escape from it, is written %XX."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
