"""What templates see: read-only views with text and links ready to print.
Templates never receive the model itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from ..content.link import Archive, ClaimRef, Event, Involvement, ResponseRef
from .i18n import ENGLISH, Lang
from .markdown import to_html
from ..content.model import STANCES, Count, Day, Location, Report
from ..content.names import fold, slugify
from .urls import Urls, month_anchor, report_path


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    lang: str = ""  # the text's language where it is not the page's: a name not translated


@dataclass(frozen=True)
class Figure:
    kind: str   # killed, injured or missing
    text: str   # the figure and its kind, in the page's language: "au moins 24 tués"
    claims: int = 0  # an event's toll: how many of its claims give a figure of this kind


@dataclass(frozen=True)
class ClaimView:
    figures: tuple[Figure, ...]
    according_to: str  # an actor by its name in the page's language, else the source's words ("" for the publisher's)
    according_to_url: str  # the actor's page, or "" when the claimant is no known actor
    wording: str
    report: Link
    publisher: str
    anchor: str = ""          # the row's id: "claim-kal-akal-killed-60-or-more-5c1f0e2a"
    published: str = ""       # when its report was published ("" if the source does not say) …
    published_iso: str = ""
    reported: str = ""        # … else the incident's date by that report, which orders it
    reported_iso: str = ""
    titled: bool = False      # another report of its event has its publisher and date: named by its title too
    according_to_lang: str = ""  # the claimant's language where not the page's: a name not translated, or
    # the source's words ("residents") on a page in another language than its report's

    @property
    def figures_text(self) -> str:
        """Its figures, each saying its kind in the page's language: "au moins 60 tués"."""
        return ", ".join(f.text for f in self.figures)

    @property
    def summary(self) -> str:
        """Who claims what: "Kal Akal, at least 60 killed", for the name of its row's link."""
        return f"{self.according_to or self.publisher}, {self.figures_text}"


@dataclass(frozen=True)
class ClaimRow:
    """Identical claims (one claimant, the same figures) collapsed into one row, each still with its report."""

    figures: tuple[Figure, ...]
    sources: tuple[ClaimView, ...]  # in publication order; each keeps its own anchor
    killed: Count | None = None  # the killed figure, for the range bars


@dataclass(frozen=True)
class Claimant:
    """Every claim of one claimant (aliases folded to the actor), its rows sorted by figure."""

    name: str
    url: str  # the actor's page, or "" when the claimant is no known actor
    attributed: bool  # False: the publisher's own figure, not attributed further
    rows: tuple[ClaimRow, ...]
    lang: str = ""  # the name's language where not the page's (ClaimView.according_to_lang)

    @property
    def count(self) -> int:
        return sum(len(r.sources) for r in self.rows)


@dataclass(frozen=True)
class ResponseView:
    by: Link
    stance: str
    date: str
    date_iso: str
    quote: str
    report: Link
    anchor: str = ""
    stance_value: str = ""  # the stance as the format writes it, for the style sheet's class
    date_in: bool = False   # its date a month or a year: "in October 2023", not "on"


@dataclass(frozen=True)
class ResponseGroup:
    """Every response of one actor with one stance, each with its report."""

    by: Link
    stance: str  # in the page's language
    responses: tuple[ResponseView, ...]
    stance_value: str = ""  # as the format writes it, for the style sheet's class


@dataclass(frozen=True)
class Responder:
    """One actor's responses, by stance."""

    by: Link
    stances: tuple[ResponseGroup, ...]


@dataclass(frozen=True)
class RoleView:
    actor: Link
    roles: str
    reports: tuple[Link, ...]  # each named by its publisher (and title, where needed: named_reports)
    # each role with the reports that give it ("" for the reports that name the actor without one),
    # in the order of `roles`: an outlet is never said to give a role it does not give
    by_role: tuple[tuple[str, tuple[Link, ...]], ...] = ()


@dataclass(frozen=True)
class PlaceView:
    name: str
    url: str
    region: str
    country: str
    lat: float | None
    lon: float | None
    precision: str = ""  # model.PRECISIONS, or "" when not given
    precision_text: str = ""  # the precision in words, for a note beside the place

    @property
    def located(self) -> bool:
        """Whether it has coordinates: drawn on the maps, else listed beside them."""
        return self.lat is not None and self.lon is not None

    @property
    def where(self) -> str:
        """"Gao, Mali": region and country, for a line under the name."""
        return ", ".join(x for x in (self.region, self.country) if x)


def precision_text(t: Lang, precision: str) -> str:
    _ = t.gettext
    return {"exact": _("the exact place"), "near": _("near this place, within about 25 km"),
            "town": _("somewhere in this town or village"), "region": _("somewhere in this region"),
            "country": _("somewhere in this country")}.get(precision, "")


@lru_cache(maxsize=1024)
def word(t: Lang, value: str) -> str:
    """A role, a stance, a precision or a count's kind in the page's language
    (kept: an event's page asks for each of its actors' roles and counts)."""
    _ = t.gettext
    return {"alleged perpetrator": _("alleged perpetrator"), "victim": _("victim"), "claimant": _("claimant"),
            "investigator": _("investigator"), "witness": _("witness"), "other": _("other"),
            "denied": _("denied"), "acknowledged": _("acknowledged"), "investigating": _("investigating"),
            "no comment": _("no comment"), "exact": _("exact"), "near": _("near"), "town": _("town"),
            "region": _("region"), "country": _("country"), "killed": _("killed"), "injured": _("injured"),
            "missing": _("missing")}.get(value, value)


@dataclass(frozen=True)
class EventItem:
    """An event as a line in a list."""

    slug: str
    title: str
    url: str
    date: str
    date_iso: str
    place: Link
    toll: str
    report_count: int
    title_lang: str = ""  # the title's language where it is not the page's (a missing translation)


@dataclass(frozen=True)
class ReportItem:
    title: str
    url: str
    publisher: str
    date: str
    date_iso: str
    published: str
    title_lang: str = ""  # the report's language (its source's) where it is not the page's
    published_in: bool = False  # its publication known to the month or the year: "published in March 2025"


@dataclass(frozen=True)
class SourceLine:
    """What an event's list of reports adds to a report's item: its source's author and addresses (printed
    out in full after their links)."""

    author: str
    url: str
    archive_url: str


@dataclass(frozen=True)
class EventPage:
    item: EventItem
    end_date_iso: str
    place: PlaceView
    places: tuple[Link, ...]
    summary_html: str
    tolls: tuple[Figure, ...]
    claims: tuple[ClaimView, ...]
    actors: tuple[RoleView, ...]
    responses: tuple[ResponseView, ...]
    reports: tuple[ReportItem, ...]
    previous: Link | None
    next: Link | None
    sources: tuple[SourceLine, ...] = ()
    summary_lang: str = ""
    claimants: tuple[Claimant, ...] = ()
    responders: tuple[Responder, ...] = ()


@dataclass(frozen=True)
class SourceView:
    publisher: str
    url: str
    author: str
    published: str
    published_iso: str
    language: str   # its name in the page's language: "English", "anglais"
    archive_url: str
    headline: str = ""  # the article's own, where it is not the report's title


@dataclass(frozen=True)
class ReportPage:
    item: ReportItem
    event: Link
    date_iso: str
    place: PlaceView
    source: SourceView
    claims: tuple[ClaimView, ...]
    actors: tuple[tuple[Link, str], ...]
    responses: tuple[ResponseView, ...]
    tags: tuple[Link, ...]   # the archive's words, not the report's; a tag whose name makes no address has no url
    body_html: str
    draft: bool
    text_lang: str = ""  # the report's language (its source's) where it is not the page's


@dataclass(frozen=True)
class ActorEvent:
    event: EventItem
    roles: str
    reports: tuple[Link, ...]


@dataclass(frozen=True)
class ActorPage:
    name: str
    url: str
    aliases: tuple[str, ...]
    kind: str
    profile_html: str
    events: tuple[ActorEvent, ...]
    responses: tuple[ResponseView, ...]
    claims: tuple[ClaimView, ...]
    report_count: int
    name_lang: str = ""
    profile_lang: str = ""
    kind_lang: str = ""


@dataclass(frozen=True)
class PlacePage:
    place: PlaceView
    events: tuple[EventItem, ...]
    reports: tuple[ReportItem, ...]


@dataclass(frozen=True)
class Month:
    label: str
    anchor: str
    events: tuple[EventItem, ...]


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]


@dataclass(frozen=True)
class Covered:
    """The days the events cover, for "From … to …": the first day any starts on and
    the last any runs to (its end date, when it has one), each as precise as known."""

    first: str
    first_iso: str
    last: str
    last_iso: str


class Views:
    """Makes views from the linked archive; caches what several pages share."""

    def __init__(self, archive: Archive, urls: Urls, t: Lang = ENGLISH):
        self.a = archive
        self.urls = urls
        self.t = t
        self._items: dict[str, EventItem] = {}
        self._folders = tuple(f"{lang}/" for lang in archive.site.languages[1:])

    def html(self, text: str, lang: str = "", sections: bool | tuple[tuple[str, str], ...] = False) -> str:
        """The content's Markdown as this page shows it: links from the site's root
        given the site's path, and this language's folder where the page has a twin
        there; French text (`lang`: the text's where it is not the page's) spaced as
        French typography spaces it."""
        french = (lang or self.t.code).split("-")[0].lower() == "fr"
        return to_html(text, self.urls.prefix, self.urls.lang_dir, self._folders, french, sections)

    # small parts -------------------------------------------------------
    def report_lang(self, r: Report) -> str:
        """A report's language (its source's, else the archive's) where it is not the page's."""
        lang = r.source.language or self.a.site.language
        return "" if lang.split("-")[0].lower() == self.t.code else lang

    def archive_lang(self) -> str:
        """The archive's own language (its tags', its untranslated names') where it is not the page's."""
        lang = self.a.site.language
        return "" if lang.split("-")[0].lower() == self.t.code else lang

    def tag_link(self, tag: str) -> Link:
        """A report's tag: its name in the page's language where site.yaml gives one, else as written."""
        slug = slugify(tag)
        name = dict(self.a.site.tag_names).get(slug) if slug and self.a.site.tag_names else None
        return Link(name, self.urls.tag(slug), "") if name else Link(tag, self.urls.tag(slug) if slug else "",
                                                                    self.archive_lang())

    def event_link(self, slug: str) -> Link:
        e = self.a.events[slug]
        return Link(e.title, self.urls.event(slug), e.langs[0])

    def report_link(self, slug: str) -> Link:
        r = self.a.reports[slug]
        return Link(r.title, self.urls.report(slug), self.report_lang(r))

    def report_links(self, slugs: tuple[str, ...]) -> tuple[Link, ...]:
        """Reports by title, with their publisher where two have one title ("What we know
        about the executions in Taloko (Sahel Dispatch)"): else two links read as one."""
        titles = Counter(self.a.reports[slug].title for slug in slugs)
        return tuple(replace(link, text=f"{link.text} ({self.a.reports[slug].source.publisher})")
                     if titles[self.a.reports[slug].title] > 1 else link
                     for slug, link in ((slug, self.report_link(slug)) for slug in slugs))

    def actor_link(self, slug: str) -> Link:
        a = self.a.actors[slug]
        return Link(a.name, self.urls.actor(slug), a.langs[0])

    def place_link(self, slug: str) -> Link:
        return Link(self.a.places[slug].location.name, self.urls.place(slug))

    def place_view(self, slug: str) -> PlaceView:
        loc: Location = self.a.places[slug].location
        return PlaceView(loc.name, self.urls.place(slug), loc.region, self.t.country(loc.country, self.a.site.language),
                         loc.lat, loc.lon, loc.precision,
                         precision_text(self.t, loc.precision))

    def covered(self) -> Covered | None:
        """The span of every event: an event that starts before the last one may end after it."""
        events = self.a.events.values()
        if not events:
            return None
        first = min((e.date for e in events), key=lambda d: (d.first(), d.last()))
        # The latest day an event is known to reach: its end date, else its date; a date known
        # only by month or year counts from its first day (an event of "2025" does not make
        # "9 December 2025" read "2025"), and of two starting alike the one reaching further.
        last = max((e.end_date or e.date for e in events), key=lambda d: (d.first(), d.last()))
        return Covered(self.t.day(first), first.iso(), self.t.day(last), last.iso())

    def event_item(self, slug: str) -> EventItem:
        if slug not in self._items:
            e = self.a.events[slug]
            toll = e.toll("killed")
            t = self.t
            self._items[slug] = EventItem(
                e.slug, e.title, self.urls.event(e.slug), t.span(e.date, e.end_date), e.date.iso(),
                self.place_link(e.place), t.killed(t.toll(toll), toll.high) if toll else "", len(e.reports),
                e.langs[0])
        return self._items[slug]

    def report_item(self, slug: str) -> ReportItem:
        r = self.a.reports[slug]
        t = self.t
        return ReportItem(r.title, self.urls.report(slug), r.source.publisher, t.span(r.date, r.end_date),
                          r.date.iso(), t.day(r.source.published) if r.source.published else "",
                          self.report_lang(r), bool(r.source.published and not r.source.published.day))

    def claimant(self, ref: ClaimRef) -> Link:
        """Who makes a claim: a known actor (by its name or an alias) as the page names it, linked;
        else the source's own words ("residents"), in its report's language; else no one ("")."""
        if ref.actor:
            return self.actor_link(ref.actor)
        words = ref.claim.according_to
        return Link(words, "", self.report_lang(self.a.reports[ref.report]) if words else "")

    def claim(self, ref: ClaimRef) -> ClaimView:
        c = ref.claim
        report = self.a.reports[ref.report]
        t = self.t
        figures = tuple(Figure(kind, t.figure(kind, t.count(count), count.max if count.max is not None else count.min))
                        for kind, count in c.counts)
        published = report.source.published
        who = self.claimant(ref)
        return ClaimView(figures, who.text, who.url, c.wording,
                         self.report_link(ref.report), report.source.publisher, ref.anchor,
                         t.day(published) if published else "", published.iso() if published else "",
                         t.span(report.date, report.end_date), report.date.iso(), according_to_lang=who.lang)

    def response(self, ref: ResponseRef) -> ResponseView:
        x = ref.response
        return ResponseView(self.actor_link(ref.actor), word(self.t, x.stance), self.t.day(x.date) if x.date else "",
                            x.date.iso() if x.date else "", x.quote, self.report_link(ref.report), ref.anchor, x.stance,
                            bool(x.date and not x.date.day))

    def role(self, inv: Involvement, titled: frozenset[str] = frozenset()) -> RoleView:
        given: dict[str, list[str]] = {}
        for slug in inv.reports:
            for actor, role in self.a.links[slug].actors:
                if actor == inv.actor and slug not in given.setdefault(role, []):
                    given[role].append(slug)
        links = {slug: self.source_link(slug, slug in titled) for slug in inv.reports}
        order = [r for r in inv.roles if r in given] + ([""] if "" in given else [])
        return RoleView(self.actor_link(inv.actor), ", ".join(word(self.t, r) for r in inv.roles),
                        tuple(links.values()),
                        tuple((word(self.t, r) if r else "", tuple(links[s] for s in given[r])) for r in order))

    def source_link(self, slug: str, titled: bool) -> Link:
        """A report as its event page names it: by publisher and date, and title where those are not enough."""
        r = self.a.reports[slug]
        published = f", {self.t.day(r.source.published)}" if r.source.published else ""
        title = f"{self.t.gettext(':')} {r.title}" if titled else ""
        return Link(f"{r.source.publisher}{published}{title}", self.urls.report(slug))

    # pages -------------------------------------------------------------
    def event_page(self, e: Event) -> EventPage:
        named_alike = needs_title(self.a, set(e.reports), incident_date=False)
        return EventPage(
            item=self.event_item(e.slug),
            end_date_iso=e.end_date.iso() if e.end_date else "",
            place=self.place_view(e.place),
            places=tuple(self.place_link(p) for p in e.places),
            summary_html=self.html(e.summary, e.langs[1]) if e.summary.strip() else "",
            tolls=tuple(Figure(kind, self.t.figure(kind, self.t.toll(t), t.high),
                               sum(1 for c in e.claims if c.claim.count(kind))) for kind, t in e.tolls),
            claims=tuple(self.claim(c) for c in e.claims),
            actors=tuple(sorted((self.role(i, named_alike) for i in e.actors), key=lambda r: r.actor.text.casefold())),
            responses=tuple(self.response(x) for x in e.responses),
            reports=tuple(self.report_item(r) for r in e.reports),
            previous=self.event_link(e.previous) if e.previous else None,
            next=self.event_link(e.next) if e.next else None,
            sources=tuple(self.source_line(r) for r in e.reports),
            summary_lang=e.langs[1],
            claimants=self.claimants(e.claims),
            responders=group_responses(tuple(self.response(x) for x in e.responses)),
        )

    def claimants(self, refs: tuple[ClaimRef, ...]) -> tuple[Claimant, ...]:
        """Claims grouped by claimant (the actor when the name is an actor's or an alias, else
        the name as written, else the publisher), identical figures collapsed into one row; rows
        sorted by the killed figure, claimants by their lowest row."""
        groups: dict[tuple, list[ClaimRef]] = {}
        for ref in refs:
            groups.setdefault(claimant_key(ref, self.a), []).append(ref)
        titled = needs_title(self.a, {ref.report for ref in refs})
        out = []
        for key, members in groups.items():
            rows: dict[tuple, list[ClaimRef]] = {}
            for ref in members:
                rows.setdefault(ref.claim.counts, []).append(ref)
            claim_rows = tuple(ClaimRow(tuple(Figure(k, self.t.figure(k, self.t.count(c), c.max if c.max is not None
                                                                     else c.min)) for k, c in counts),
                                        tuple(replace(self.claim(r), titled=r.report in titled) for r in rs),
                                        dict(counts).get("killed"))
                               for counts, rs in sorted(rows.items(), key=lambda kv: figure_order(kv[0])))
            first = members[0]
            who = self.claimant(first)
            out.append((figure_order(min((r.claim.counts for r in members), key=figure_order)),
                        Claimant(who.text or self.a.reports[first.report].source.publisher, who.url,
                                 bool(first.claim.according_to), claim_rows, who.lang)))
        return tuple(c for _, c in sorted(out, key=lambda x: (x[0], fold(x[1].name))))

    def source_line(self, slug: str) -> SourceLine:
        s = self.a.reports[slug].source
        return SourceLine(s.author, s.url, s.archive_url)

    def report_page(self, r: Report) -> ReportPage:
        links = self.a.links[r.slug]
        s = r.source
        source = SourceView(s.publisher, s.url, s.author, self.t.day(s.published) if s.published else "",
                            s.published.iso() if s.published else "",
                            self.t.language_name(s.language) if s.language else "", s.archive_url,
                            s.title if s.title != r.title else "")
        return ReportPage(
            item=self.report_item(r.slug), event=self.event_link(r.event), date_iso=r.date.iso(),
            place=self.place_view(links.place), source=source,
            claims=tuple(self.claim(c) for c in links.claims),
            actors=tuple((self.actor_link(a), word(self.t, role)) for a, role in links.actors),
            responses=tuple(self.response(x) for x in links.responses),
            tags=tuple(self.tag_link(t) for t in r.tags),
            body_html=self.html(r.body, self.report_lang(r)), draft=r.draft, text_lang=self.report_lang(r))

    def actor_page(self, slug: str, keys: tuple[str, ...] | None = None, profile: bool = True) -> ActorPage:
        """An actor's page; with `keys`, only these of its events (newest first), and
        only the claims and responses of these events."""
        a = self.a.actors[slug]
        inv = {i.event: i for i in a.events}
        shown = set(inv if keys is None else keys)
        order = [i.event for i in a.events] if keys is None else keys
        events = tuple(ActorEvent(self.event_item(e), ", ".join(word(self.t, r) for r in inv[e].roles),
                                  self.report_links(inv[e].reports)) for e in order)
        return ActorPage(a.name, self.urls.actor(slug), a.aliases, a.kind,
                         self.html(a.profile, a.langs[1]) if profile and a.profile.strip() else "", events,
                         tuple(self.response(x) for x in a.responses if x.event in shown),
                         tuple(self.claim(c) for c in a.claims if self.a.reports[c.report].event in shown),
                         len(a.reports), *a.langs)

    def place_page(self, slug: str, keys: tuple[str, ...] | None = None) -> PlacePage:
        """A place's page; with `keys`, only these of its events and their reports (newest first)."""
        p = self.a.places[slug]
        if keys is None:
            return PlacePage(self.place_view(slug), tuple(self.event_item(e) for e in p.events),
                             tuple(self.report_item(r) for r in p.reports))
        shown = set(keys)
        return PlacePage(self.place_view(slug), tuple(self.event_item(e) for e in keys),
                         tuple(self.report_item(r) for r in reversed(p.reports)
                               if self.a.reports[r].event in shown))

    def timeline(self, keys: tuple[str, ...] | None = None) -> tuple[Year, ...]:
        """Events by year and month: every event oldest first, or `keys` in their order (newest first)."""
        years: dict[int, dict[int, list[EventItem]]] = {}
        for e in (self.a.events.values() if keys is None else (self.a.events[k] for k in keys)):
            years.setdefault(e.date.year, {}).setdefault(e.date.month, []).append(self.event_item(e.slug))
        return tuple(
            Year(y, tuple(Month(self.t.day(Day(y, m)) if m
                                else self.t.gettext("%(year)s, month not known") % {"year": y},
                                month_anchor(y, m) if m else f"y{y}-00", tuple(items))
                          for m, items in months.items()))
            for y, months in years.items())

    def latest(self, n: int = 10) -> tuple[EventItem, ...]:
        return tuple(self.event_item(s) for s in list(self.a.events)[::-1][:n])


def needs_title(archive: Archive, reports: set[str], incident_date: bool = True) -> frozenset[str]:
    """The reports of an event that its page names by title as well as by publisher and
    date: those that share both with another. The titles are in the page's list of
    reports, once. A claim shows an undated report's incident date (`incident_date`);
    an actor's role shows the publication date only."""
    alike: dict[tuple, set[str]] = {}
    for slug in reports:
        r = archive.reports[slug]
        alike.setdefault((r.source.publisher, r.source.published or (r.date if incident_date else None)),
                         set()).add(slug)
    return frozenset(slug for same in alike.values() if len(same) > 1 for slug in same)


def claimant_key(ref: ClaimRef, archive: Archive) -> tuple[str, str]:
    """Who makes a claim, aliases folded: ("actor", slug), ("named", folded name) or ("publisher", name)."""
    if ref.actor:
        return ("actor", ref.actor)
    if ref.claim.according_to:
        return ("named", fold(ref.claim.according_to))
    return ("publisher", fold(archive.reports[ref.report].source.publisher))


def figure_order(counts: tuple) -> tuple:
    """Claims by their killed figure (low, then high, "at least" after), those without one last."""
    c = dict(counts).get("killed")
    if c is None:
        return (1, 0, 0, tuple((k, x.min, x.max or -1) for k, x in counts))
    return (0, c.min, c.min if c.max is None else c.max, c.max is None,
            tuple((k, x.min, x.max or -1) for k, x in counts))


def group_responses(responses: tuple[ResponseView, ...]) -> tuple[Responder, ...]:
    """Responses grouped by who (actors by name) and stance (in the order of STANCES),
    each group's responses by date, undated ones last."""
    by_actor: dict[str, dict[str, list[ResponseView]]] = {}
    for x in responses:
        by_actor.setdefault(x.by.url, {}).setdefault(x.stance_value, []).append(x)
    order = {s: i for i, s in enumerate(STANCES)}
    out = []
    for stances in by_actor.values():
        groups = tuple(ResponseGroup(xs[0].by, xs[0].stance,
                                     tuple(sorted(xs, key=lambda x: (not x.date_iso, x.date_iso))), stance)
                       for stance, xs in sorted(stances.items(), key=lambda kv: order.get(kv[0], 99)))
        out.append(Responder(groups[0].by, groups))
    return tuple(sorted(out, key=lambda r: fold(r.by.text)))


def day_text(day: Day | None, t: Lang = ENGLISH) -> str:
    return t.day(day) if day else ""
