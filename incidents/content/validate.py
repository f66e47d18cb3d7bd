"""Front matter → Report, EventFile, ActorFile and SiteConfig, every problem collected."""

from __future__ import annotations

import re
from typing import Any

from ..errors import Problem
from .bodylinks import body_link_warnings
from .fields import MAX_ITEMS, Fields
from .frontmatter import Document, dotted
from .names import fold, slugify
from .numberwords import numbers_in
from .model import (CHECK_MARK, COUNTS, IMPORT_EVENT, PUBLISHED_STANDS_IN, IMPORT_NO_TEXT, IMPORT_PLACE, NEW_TEXT, PLACEHOLDER, ROLES, STANCES,
                    TEMPLATE_TEXT, TEMPLATE_TITLE, TEMPLATE_URL, TRANSLATED,
                    ActorFile, ActorMention, Claim, EventFile, License, Location, Page, Report, Response, SiteConfig,
                    Source, Translation, Unfinished, pack_text)
from .yamlhints import quoted

REPORT_FIELDS = ("title", "event", "date", "end_date", "location", "source", "reported_toll",
                 "actors", "responses", "tags", "draft")
SOURCE_FIELDS = ("publisher", "title", "url", "published", "author", "language", "archive_url")
CLAIM_FIELDS = COUNTS + ("according_to", "wording")
EVENT_FIELDS = ("title", "date", "end_date", "location") + TRANSLATED
ACTOR_FIELDS = ("name", "aliases", "kind") + TRANSLATED
SITE_FIELDS = ("title", "description", "base_url", "language", "languages", "license", "repository",
               "history") + TRANSLATED
LICENSE_FIELDS = ("name", "url")
PAGE_FIELDS = ("title", "description", "menu", "footer") + TRANSLATED
# What a `fr:` block may give, per kind of file: its fields, and the Translation field each fills.
EVENT_TRANSLATION = {"title": "title", "summary": "summary"}
ACTOR_TRANSLATION = {"name": "title", "kind": "description", "profile": "summary"}
SITE_TRANSLATION = {"title": "title", "description": "description"}
PAGE_TRANSLATION = {"title": "title", "description": "description", "body": "summary"}


def _told(text: str, french: str, shown: str) -> dict[str, str]:
    """What to say of a field an event, actor or page file does not have but
    might be thought to: its text (summary, profile, body) is the file's body,
    and only a report is a draft."""
    body = (f"the {text} is the file's body, the Markdown below its closing '---' (in French, {french}: under "
            "fr:)")
    return {"summary": body, "profile": body, "body": body, "text": body,
            "draft": f"only a report is a draft; this file is {shown}"}


EVENT_REQUIRED = ("is required: the slug of the event the report is about, the one the event's other reports give "
                  "(year, month, place and what happened: 2024-02-ogossagou-killings; a new event gets a new one)")


def read_report(doc: Document, slug: str) -> tuple[Report | None, list]:
    f = Fields(doc)
    d = doc.data
    f.known((), d, REPORT_FIELDS)
    title = f.text(("title",), d.get("title"), required=True)
    if d.get("event") is None:
        f.problem(("event",), EVENT_REQUIRED)
    event = f.slug(("event",), d.get("event")) if d.get("event") is not None else ""
    # `import` writes a date it cannot know as FILL IN: a draft may keep it (and stays out of builds)
    unknown_date = d.get("date") == PLACEHOLDER
    if unknown_date and d.get("draft") is not True:
        f.problem(("date",), f'is still "{PLACEHOLDER}": write the real value, or keep "draft: true" until you can')
    date = None if unknown_date else f.day(("date",), d.get("date"), required=True)
    end_date = f.end_day(("end_date",), d.get("end_date"), date)
    location = f.location(("location",), d.get("location"))
    source = _source(f, d.get("source"))
    draft = f.flag(("draft",), d.get("draft"))
    claims = _claims(f, d.get("reported_toll"))
    actors = _actors(f, d.get("actors"))
    responses = _responses(f, d.get("responses"))
    tags = f.strings(("tags",), d.get("tags"), "tags")
    if not draft:
        _no_placeholders(f, location, source)
        _no_stand_ins(f, doc, event, location)
        _no_publication_date_standing_in(f, doc)
    if f.problems or not (date and location and source):
        waiting = doc.line("date") if unknown_date and draft and not f.problems else 0
        # The text's own warnings (a link, HTML), which need no field, with the fields' errors: one run.
        return (Unfinished(doc.path, event, doc.line("event"), waiting) if event else None), (
            f.problems + body_link_warnings(doc))
    report = Report(slug, doc.path, title, event, date, end_date, location, source, claims, actors,
                    responses, tags, draft, pack_text(doc.body), doc.lines)
    return report, body_link_warnings(doc) + wording_warnings(doc, d.get("reported_toll"), claims) + quoted_twice(
        doc, d) + ([] if draft else unchecked_guesses(doc))


# Quotation marks around a whole value, as a source's words are pasted: “…”, «…», "…", ‘…’, „…“
_WRAPPED = re.compile(r'\s*(“[^“”]*”|«[^«»]*»|"[^"]*"|‘[^‘’]*’|„[^„“”]*[“”])\s*')


def quoted_twice(doc: Document, d: dict) -> list[Problem]:
    """A warning on a claim's wording or a response's quote written inside
    quotation marks: the pages put a source's words in quotation marks of the
    page's language (<q>), and would show two pairs: “« … »”."""
    found = []
    for field, items in (("reported_toll", d.get("reported_toll")), ("responses", d.get("responses"))):
        key = "wording" if field == "reported_toll" else "quote"
        many = isinstance(items, list)
        for i, item in enumerate(items if many else [items]):
            value = item.get(key) if isinstance(item, dict) else None
            if isinstance(value, str) and _WRAPPED.fullmatch(value) and len(value.strip()) > 2:
                at = (field, i, key) if many else (field, key)
                found.append(Problem(doc.path, doc.line(*at), dotted(at), (
                    f"is written in quotation marks ({value.strip()[0]}…{value.strip()[-1]}), and the pages put a "
                    f"source's words in quotation marks of their own: write {key}: "
                    f"{quoted(value.strip()[1:-1].strip())}, without them"),
                    "warning"))
    return found


def wording_warnings(doc: Document, written: Any, claims: tuple) -> list[Problem]:
    """A warning on a claim whose wording gives figures none of its counts is:
    "at least 24 civilians" beside `killed: 42` (two digits swapped) or
    `{min: 4}` (one lost). Where the words give no figure ("dozens"), nothing."""
    out = []
    for i, claim in enumerate(claims):
        given = numbers_in(claim.wording) if claim.wording else set()
        figures = {n for _, c in claim.counts for n in (c.min, c.max) if n is not None}
        if not given or not figures or given & figures:
            continue
        at = ("reported_toll", i, "wording") if isinstance(written, list) else ("reported_toll", "wording")
        counts = ", ".join(f"{kind}: {_written(c)}" for kind, c in claim.counts)
        words = ", ".join(map(str, sorted(given)))
        out.append(Problem(doc.path, doc.line(*at), dotted(at), (
            f'"{claim.wording}" gives {words}, and the claim gives {counts}: check the figures against the '
            "article (a digit slipped or lost?), or write the source's words as it gives them"), "warning"))
    return out


def _written(c) -> str:
    """A count as a report writes it: 24, {min: 24}, {min: 20, max: 30}."""
    if c.max is None:
        return f"{{min: {c.min}}}"
    return str(c.min) if c.min == c.max else f"{{min: {c.min}, max: {c.max}}}"


def _no_publication_date_standing_in(f: Fields, doc: Document) -> None:
    """`import` gives a draft whose article says no date of the incident its
    publication date, marked so: a published report would give a wrong day."""
    for line, note in doc.marks:
        if ("date",) in doc.lines and line == doc.line("date") and PUBLISHED_STANDS_IN in note:
            f.problem(("date",), f'is the article\'s publication date, which import put in as the article gives no date '
                      f'of the incident ("{CHECK_MARK} {note}"): write the incident\'s date (YYYY-MM or YYYY where '
                      'the article is no more precise) and remove the mark, or keep "draft: true" until you can')


def unchecked_guesses(doc: Document) -> list[Problem]:
    """A warning on each line of a report no longer a draft that still has
    import's mark of a guess: what a curator was asked to check, and did not
    say was checked (the mark is removed once it is)."""
    out = []
    at = dict(zip(doc.lines.numbers, doc.lines.paths))  # each line's field (the deepest: paths come in order)
    for line, note in doc.marks:
        if ("date",) in doc.lines and line == doc.line("date") and PUBLISHED_STANDS_IN in note:
            continue  # an error (_no_publication_date_standing_in)
        out.append(Problem(doc.path, line, dotted(at.get(line, ())), (
            f'is still marked "{CHECK_MARK}" by import ({note}): check it against the article, then remove the '
            "mark"), "warning"))
    return out


def _no_placeholders(f: Fields, location: Location | None, source: Source | None) -> None:
    """`new` fills what it was not told with PLACEHOLDER, in a draft; a report
    that is no longer a draft must have the real values."""
    given = ((("location",), location.name if location else ""),
             (("source", "publisher"), source.publisher if source else ""))
    for at, value in given:
        if value == PLACEHOLDER:
            where = at + ("name",) if at == ("location",) and isinstance(f.get(at), dict) else at
            f.problem(where, f'is still "{PLACEHOLDER}": write the real value, or keep "draft: true" until you can')


def _no_stand_ins(f: Fields, doc: Document, event: str, location: Location | None) -> None:
    """What `import` writes where the article does not say (a place, the event's
    slug made from it, the text), in a report that is no longer a draft: it
    would publish /locations/unknown-place/ and an event of that name."""
    keep = 'or keep "draft: true" until you can'
    if location and location.name == IMPORT_PLACE:
        where = ("location", "name") if isinstance(f.get(("location",)), dict) else ("location",)
        f.problem(where, f'is still "{IMPORT_PLACE}", what import writes where the article does not say: write '
                  f"where the events took place, {keep}")
    if re.search(rf"(?:^|-){IMPORT_EVENT}(?:-|$)", event):
        f.problem(("event",), f'"{event}" is the event import makes of an unknown place: write the slug of the '
                  f"incident's event (YYYY-MM-place-what), {keep}")
    if doc.body.strip() == IMPORT_NO_TEXT:
        f.problems.append(Problem(doc.path, doc.body_line, "", f'the text is still "{IMPORT_NO_TEXT}": paste the '
                                  f"article's text below the front matter, {keep}"))
    if doc.body.strip().startswith(NEW_TEXT):
        f.problems.append(Problem(doc.path, doc.body_line, "", f'the text is still what new writes ("{NEW_TEXT} …"): '
                                  f"write the report's text, or a summary of the article with its quotes, {keep}"))
    # CONTRIBUTING.md's report to paste in the browser, its examples left as they were
    template = "is still the example of CONTRIBUTING.md's report to paste"
    if _spaced(doc.data.get("title")) == TEMPLATE_TITLE:
        f.problem(("title",), f'{template} ("{TEMPLATE_TITLE}"): write the report\'s title, {keep}')
    source = doc.data.get("source")
    if isinstance(source, dict) and _spaced(source.get("url")) == TEMPLATE_URL:
        f.problem(("source", "url"), f"{template} ({TEMPLATE_URL}): write the article's address, or remove the "
                  f"line if it is not online, {keep}")
    if doc.body.strip() == TEMPLATE_TEXT:
        f.problems.append(Problem(doc.path, doc.body_line, "", f'the text is still the example of CONTRIBUTING.md\'s '
                                  f'report to paste ("{TEMPLATE_TEXT}"): write the report\'s text, or a summary of '
                                  f"the article with its quotes, {keep}"))


def _spaced(value: Any) -> str | None:
    """A text value as a reader sees it, spacing aside; None for anything else."""
    return " ".join(value.split()) if isinstance(value, str) else None


_SOURCE_MAPPING = "must be a mapping {publisher, title, url, published, author, language, archive_url}"
_FLOW_SPECIAL = re.compile(r"""[,:{}\[\]#&*!|>%@`'"]""")  # what a value in {…} must be quoted for


def _source(f: Fields, value: Any) -> Source | None:
    at = ("source",)
    if not isinstance(value, dict):
        if value is None:
            why = "is required: a mapping with at least a publisher"
        elif isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            why = f'{_SOURCE_MAPPING}, not a list: remove the "- " before its first field'
        elif isinstance(value, str) and value.strip():  # a publisher's name alone: the fix written out
            name = quoted(value) if _FLOW_SPECIAL.search(value) else value.strip()
            why = f"{_SOURCE_MAPPING}: write {{publisher: {name}}}, and its url and published where known"
        else:
            why = _SOURCE_MAPPING
        f.problem(at, why)
        return None
    f.known(at, value, SOURCE_FIELDS)
    return Source(
        publisher=f.listed(at + ("publisher",), f.text(at + ("publisher",), value.get("publisher"), required=True)),
        url=f.url(at + ("url",), value.get("url")),
        published=f.day(at + ("published",), value.get("published")),
        author=f.text(at + ("author",), value.get("author")),
        language=f.language(at + ("language",), value.get("language")),
        archive_url=f.url(at + ("archive_url",), value.get("archive_url")),
        title=f.text(at + ("title",), value.get("title")),
    )




def _claims(f: Fields, value: Any) -> tuple[Claim, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and f.too_many(("reported_toll",), value, "claims"):
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        at: tuple = ("reported_toll", i) if isinstance(value, list) else ("reported_toll",)
        if not isinstance(item, dict):
            f.problem(at, "a claim must be a mapping such as {killed: 24, according_to: …}" + (
                f": write {{killed: {item}}} if it is the number killed, with according_to: whose figure it is"
                if isinstance(item, int) and not isinstance(item, bool) and item >= 0 else ""))
            continue
        f.known(at, item, CLAIM_FIELDS)
        counts = []
        for kind in COUNTS:
            if kind in item:
                count = f.count(at + (kind,), item[kind])
                if count:
                    counts.append((kind, count))
        if not any(kind in item for kind in COUNTS):
            f.problem(at, "a claim needs at least one of killed, injured, missing")
        # Optional, as the contract has it: a claim that names nobody is the
        # publisher's own figure, and its pages say so (never the archive's own).
        according_to = f.text(at + ("according_to",), item.get("according_to"))
        out.append(Claim(tuple(counts), according_to, f.text(at + ("wording",), item.get("wording"))))
    return tuple(out)


def _actors(f: Fields, value: Any) -> tuple[ActorMention, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        f.problem(("actors",), "must be a list of names or {name, role}")
        return ()
    if f.too_many(("actors",), value, "actors"):
        return ()
    out: list[ActorMention] = []
    seen: dict[tuple[str, str], int] = {}  # (name folded, role): the first item that gives them
    for i, item in enumerate(value):
        at = ("actors", i)
        before = len(out)
        if item is None or item == "":  # "- ", "- null", '- ""': said as the other lists say it (Fields.strings)
            f.problem(at, "is empty: write a name, or remove the item")
        elif isinstance(item, dict):
            f.known(at, item, ("name", "role"))
            name = f.name(at + ("name",), item.get("name"), listed=True)
            role = f.text(at + ("role",), item.get("role"))
            if name and not role and (meant := _role_in_brackets(name)):
                f.problem(at + ("name",), f'"{name}" gives the role in brackets, which would make it part of the '
                          f"name: write the role as its own field, name: {_plain(meant[0])} and role: {meant[1]}")
            elif role and role not in ROLES:
                f.problem(at + ("role",), f'"{role}" is not a role' + (
                    f": write it in lower case, {' '.join(role.lower().split())}"
                    if " ".join(role.lower().split()) in ROLES else f' (use one of: {", ".join(ROLES)})'))
            elif name:
                out.append(ActorMention(name, role))
        else:
            name = f.name(at, item, listed=True)
            if name and (meant := _role_in_brackets(name)):
                # "- FLA (claimant)" would be an actor of that name, a page of its own
                f.problem(at, f'"{name}" gives the role in brackets, which would make it part of the name: '
                          f"write the role as its own field, - {{name: {_plain(meant[0])}, role: {meant[1]}}}")
            elif name:
                out.append(ActorMention(name))
        if len(out) > before:  # a mention read from this item
            _named_again(f, at, out[-1], seen)
    return tuple(out)


_ROLE_IN_BRACKETS = re.compile(r"(.+?)\s*[(\[]\s*([A-Za-z ]+?)\s*[)\]]")


def _role_in_brackets(name: str) -> tuple[str, str] | None:
    """("FLA", "claimant") for "FLA (claimant)", "FLA [Perpetrator]": a name ending
    in a role (or a role's last word) in brackets; None for another name."""
    given = _ROLE_IN_BRACKETS.fullmatch(name)
    if not given:
        return None
    word = " ".join(given.group(2).lower().split())
    role = word if word in ROLES else next((r for r in ROLES if r.endswith(" " + word)), None)
    return (given.group(1).strip(), role) if role else None


def _plain(text: str) -> str:
    """`text` as a YAML value inside {…}: quoted (yamlhints.quoted) where it holds
    what would end or change it there (a comma, a colon, a bracket, a quote)."""
    return quoted(text) if re.search(r"[,:{}\[\]#&*!|>'\"%@`]", text) else text


def _named_again(f: Fields, at: tuple, mention: ActorMention, seen: dict[tuple[str, str], int]) -> None:
    """An actor named twice in one report's list, with the same role or one of
    them without: a slip (a name added, or a role given, under the one there
    already), which the page would show twice. Two roles of one actor (an
    alleged perpetrator that gives a figure) are two items."""
    key, i = fold(mention.name), at[-1]
    same = seen.get((key, mention.role))
    loose = next((first for (name, role), first in seen.items()
                  if name == key and (not role or not mention.role)), None)
    if same is not None or loose is not None:
        first = same if same is not None else loose
        f.problem(at, f'"{mention.name}" is named already in this list (actors[{first}], line '
                      f"{f.doc.line('actors', first)}): "
                      + ("remove one of them" if same is not None else "keep one item, with its role"))
    seen.setdefault((key, mention.role), i)


def _responses(f: Fields, value: Any) -> tuple[Response, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        f.problem(("responses",), "must be a list of {by, stance, date, quote}" + (
            ': begin each response with "- " (- by: …, its other fields indented under it), or write it in brackets, '
            "[{by: …, stance: …}]" if isinstance(value, dict) and "by" in value else ""))
        return ()
    if f.too_many(("responses",), value, "responses"):
        return ()
    out = []
    for i, item in enumerate(value):
        at = ("responses", i)
        if not isinstance(item, dict):
            f.problem(at, "a response must be a mapping {by, stance, date, quote}")
            continue
        f.known(at, item, ("by", "stance", "date", "quote"))
        by = f.name(at + ("by",), item.get("by"))
        stance = f.text(at + ("stance",), item.get("stance"), required=True)
        if stance and stance not in STANCES:
            f.problem(at + ("stance",), f'"{stance}" is not a stance' + (
                f": write it in lower case, {' '.join(stance.lower().split())}"
                if " ".join(stance.lower().split()) in STANCES else f' (use one of: {", ".join(STANCES)})'))
        date = f.day(at + ("date",), item.get("date"))
        quote = f.text(at + ("quote",), item.get("quote"))
        if by and stance in STANCES:
            out.append(Response(by, stance, date, quote))
    return tuple(out)


def read_event(doc: Document, slug: str) -> tuple[EventFile, list]:
    f = Fields(doc)
    d = doc.data
    f.known((), d, EVENT_FIELDS, _told("event's summary", "summary", "shown once a published report names its event"))
    title = f.text(("title",), d.get("title"))
    date = f.day(("date",), d.get("date"))
    end_date = f.end_day(("end_date",), d.get("end_date"), date)
    if d.get("end_date") is not None and d.get("date") is None:  # the reports' dates would win, in silence
        f.problem(("end_date",), "is given without date: an event's last day counts only with its first; add "
                                 "date:, or remove end_date to take both from the reports")
    location = f.location(("location",), d.get("location"), required=False)
    translations = _translations(f, d, EVENT_TRANSLATION)
    event = EventFile(slug, doc.path, title, date, end_date, location, doc.body, translations, lines=doc.lines)
    if f.problems:
        # Its errors stop the build; the file is still there for the checks across
        # files in this run (no report names it), with what of it could be read.
        return event, f.problems + body_link_warnings(doc)
    return event, body_link_warnings(doc)


def read_actor(doc: Document, slug: str) -> tuple[ActorFile, list]:
    f = Fields(doc)
    d = doc.data
    f.known((), d, ACTOR_FIELDS, _told("actor's profile", "profile",
                                       "published as soon as it is in content/actors/: keep it out of content/ "
                                       "until it is ready") | {"title": "an actor's name is written name: (name: "
                                                               f"{d.get('title')})" if isinstance(d.get("title"), str)
                                                               else "an actor's name is written name:"})
    name = f.name(("name",), d.get("name"), listed=True)
    aliases = f.strings(("aliases",), d.get("aliases"), "aliases")
    kind = f.text(("kind",), d.get("kind"))
    translations = _translations(f, d, ACTOR_TRANSLATION)
    seen = {fold(name): "the name"} if name else {}
    for i, alias in enumerate(aliases):  # "FLA" twice, or the name again: a slip, said where it is
        if (first := seen.setdefault(fold(alias), f"aliases[{i}]")) != f"aliases[{i}]":
            f.problem(("aliases", i), f'"{alias}" is {first} already (case and accents aside): remove it')
    actor = ActorFile(slug, doc.path, name, aliases, kind, doc.body, translations, lines=doc.lines)
    if f.problems:
        # Its errors stop the build; its name (where read) and aliases are still
        # compared with the other files' in this run (a clash said with them).
        return actor, f.problems + body_link_warnings(doc)
    return actor, body_link_warnings(doc)


def read_page(doc: Document, slug: str) -> tuple[Page | None, list]:
    f = Fields(doc)
    d = doc.data
    f.known((), d, PAGE_FIELDS, _told("page's text", "body",
                                      "published as soon as it is in content/pages/: keep it out of content/ "
                                      "until it is ready"))
    title = f.text(("title",), d.get("title"), required=True)
    description = f.text(("description",), d.get("description"))
    menu, footer = (_order(f, key, d.get(key)) for key in ("menu", "footer"))
    translations = _translations(f, d, PAGE_TRANSLATION)
    if f.problems:
        return None, f.problems + body_link_warnings(doc)
    return (Page(slug, doc.path, title, description, menu, footer, doc.body, translations, lines=doc.lines),
            body_link_warnings(doc))


def _translations(f: Fields, d: dict, fields: dict[str, str], tags: bool = False) -> tuple[Translation, ...]:
    """The `fr:` block: a mapping of the fields a translation may give, each
    text; `tags`: site.yaml's, which may also name the tags and tell the
    history in that language."""
    out, before = [], len(f.problems)
    for lang in TRANSLATED:
        value, at = d.get(lang), (lang,)
        if value is None:
            continue
        named = (*fields, *(("tags", "places", "history") if tags else ()))
        if not isinstance(value, dict):
            f.problem(at, f"must be a mapping of the text in this language: {{{', '.join(named)}}}")
            continue
        f.known(at, value, named)
        given = {fields[k]: f.text(at + (k,), value.get(k)) for k in fields if k in value}
        if tags and "tags" in value:
            given["names"] = _tag_names(f, at + ("tags",), value["tags"])
        if tags and "places" in value:
            given["places"] = _place_names(f, at + ("places",), value["places"])
        if tags and "history" in value:
            given["history"] = history_notes(f, at + ("history",), value["history"], lang)
        if not any(given.values()) and len(f.problems) == before:
            f.problem(at, f"gives no text: write at least one of {', '.join(named)}, or remove it")
        out.append(Translation(lang, **given))
    return tuple(out)


def _tag_names(f: Fields, at: tuple, value: Any) -> tuple[tuple[str, str, int, str], ...]:
    """`tags:` in a `fr:` block of site.yaml: each tag, as the reports write it, and
    its name in that language ("enforced-disappearance: disparition forcée")."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        f.problem(at, "must be a mapping of each tag, as the reports write it, to its name in this language "
                  "(enforced-disappearance: disparition forcée), one a line")
        return ()
    out: dict[str, tuple[str, str, int, str]] = {}  # slug → (slug, name, line, the tag as site.yaml writes it)
    for key, name in value.items():
        tag, where = str(key), at + (str(key),)
        slug = slugify(tag)
        if not slug:
            f.problem(where, f'"{tag}" has no letter or digit, so no report has it as a tag: write the tag as the '
                      "reports write it")
            continue
        text = f.name(where, name, "shorten it: a tag's name is a word or two", listed=True)
        if slug in out:
            f.problem(where, f'"{tag}" is the tag of line {out[slug][2]} again (a tag is one tag however it is '
                      "written: Mass grave, mass-grave): keep one of the two")
        elif text:
            out[slug] = (slug, text, f.doc.line(*where), tag)
    return tuple(out.values())


def _place_names(f: Fields, at: tuple, value: Any) -> tuple[tuple[str, str, int], ...]:
    """`places:` in a `fr:` block of site.yaml: each place, by its name as the
    reports write it, and its name in that language ("Gao–Algeria road: route
    Gao–Algérie"). ((name as written, name, line), …)"""
    if value is None:
        return ()
    if not isinstance(value, dict):
        f.problem(at, "must be a mapping of each place, by its name as the reports write it, to its name in this "
                  "language (Gao–Algeria road: route Gao–Algérie), one a line")
        return ()
    out: dict[str, tuple[str, str, int]] = {}  # folded name → (name as written, name, line)
    for key, name in value.items():
        written, where = str(key), at + (str(key),)
        text = f.name(where, name, "shorten it: a place's name is a few words", listed=True)
        if fold(written) in out:
            f.problem(where, f'"{written}" is the place of line {out[fold(written)][2]} again (a place is one '
                      "place however its name is written: Gao, GAO): keep one of the two")
        elif text:
            out[fold(written)] = (written, text, f.doc.line(*where))
    return tuple(out.values())


_HASH = re.compile(r"[0-9a-fA-F]{7,40}")


def history_notes(f: Fields, at: tuple, value: Any, lang: str = "") -> tuple[tuple[str, str, int, str], ...]:
    """`history:` in site.yaml (or its `fr:` block, `lang`): what commits did, in
    words for the archive's readers, where their messages were written for
    whoever keeps the repository: each commit by the start of its hash, 7
    characters or more (git log --oneline --first-parent -- content), and a sentence.
    ((hash's start, text, line, lang), …)"""
    if value is None:
        return ()
    if not isinstance(value, dict):
        f.problem(at, "must be a mapping of each commit, by its hash (7 characters or more, as "
                  "`git log --oneline --first-parent -- content` gives it), to what it did in a sentence for readers "
                  "(8f1d9c8: Each claim names who gives its figure.), one a line")
        return ()
    out: list[tuple[str, str, int, str]] = []
    for key, said in value.items():
        written, where = str(key), at + (str(key),)
        prefix = written.strip().lower()
        if not _HASH.fullmatch(prefix):
            hexed = bool(re.fullmatch(r"[0-9a-f]+", prefix))
            f.problem(where, f'"{written}" ' + (
                "is too short to name one commit: give 7 characters of its hash or more" if hexed and len(prefix) < 7
                else "is longer than a commit's hash (40 characters)" if hexed else
                "is not the start of a commit's hash, which is digits and the letters a to f") +
                ", as `git log --oneline --first-parent -- content` shows it")
            continue
        if said is None or isinstance(said, str) and not said.strip():
            f.problem(where, "is empty: write what the commit did, in a sentence for the archive's readers, or "
                      "remove the line")
            continue
        text = f.text(where, said, required=True)
        line = f.doc.line(*where)
        same = next((n for n in out if n[0].startswith(prefix) or prefix.startswith(n[0])), None)
        if same:
            f.problem(where, f'"{written}" names the commit of line {same[2]} again ({same[0]}): keep one of the two')
        elif text:
            out.append((prefix, text, line, lang))
    return tuple(out)


def _order(f: Fields, key: str, value: Any) -> int | None:
    """A page's place in the menu or the footer: a whole number, 0 to 9999; nothing is "not there"."""
    if value is None:
        return None
    number = f.whole((key,), value)
    if number is not None and number > 9999:
        f.problem((key,), f"{number} is above 9999")
        return None
    return number


def read_site(doc: Document, base_url: str | None = None, repository: str | None = None
              ) -> tuple[SiteConfig | None, list]:
    f = Fields(doc)
    d = doc.data
    f.known((), d, SITE_FIELDS, {key: f"{what} in French are a field of the fr: block: indent it under fr:, as "
                                      f'"  {key}:" with its lines below it'
                                      for key, what in (("tags", "the tags' names"), ("places", "the places' names"))})
    title = f.text(("title",), d.get("title"), required=True)
    description = f.text(("description",), d.get("description"))
    given = base_url if base_url is not None else d.get("base_url")
    url = f.site_url(("base_url",), given) if given is not None else "http://localhost/"  # `base_url:` is not given
    language = _interface(f, f.language(("language",), d.get("language", "en"))) or "en"
    languages = _languages(f, d.get("languages"), language)
    translations = _translations(f, d, SITE_TRANSLATION, tags=True)
    history = history_notes(f, ("history",), d.get("history"))
    license = _license(f, d.get("license"))
    # (--repository is checked as the command line's value)
    named = repository if repository is not None else f.repository_url(("repository",), d.get("repository"))
    repository = named.rstrip("/")
    if f.problems:
        return None, f.problems
    if not url.endswith("/"):
        url += "/"
    return SiteConfig(title, description, url, language, license, repository, languages, translations,
                      history=history), [
        Problem(doc.path, doc.line(t.lang), t.lang, own_language(t.lang), "warning")
        for t in translations if t.lang == language.split("-")[0].lower()]


def own_language(lang: str) -> str:
    """What is said of a `fr:` block in the archive's own language (site.yaml's `language: fr`)."""
    return (f"site.yaml gives {lang} as the language the archive is written in (language: {lang}), so this block "
            f"is never shown: if the fields above are in another language, give that one as language: and list "
            f"{lang} in languages:; if they are in {lang} already, remove the block")


def _interface(f: Fields, code: str) -> str:
    """The default language: one the generator has an interface in, as every
    language of `languages:` (a site's pages marked German but in English
    words would mislead screen readers and the search index's stemming)."""
    from ..site.i18n import SOURCE_LANGUAGE, available
    if not code or code in available() or code.split("-")[0].lower() == SOURCE_LANGUAGE:
        return code  # an English variant (en-GB, EN) has the interface: the messages as written
    primary = code.split("-")[0].lower()
    hint = f': write {primary}' if primary in available() else f' (use one of: {", ".join(available())})'
    f.problem(("language",), f'"{code}": the site has no interface in this language{hint}')
    return ""


def _languages(f: Fields, value: Any, default: str) -> tuple[str, ...]:
    """`languages: [en, fr]`: the site's languages, each with an interface; the
    default (`language`) among them. Left out: the default alone."""
    from ..site.i18n import SOURCE_LANGUAGE, available  # the catalogues the generator has
    at = ("languages",)
    if value is None:
        return (default,)
    if not isinstance(value, list) or not value:
        f.problem(at, f"must be a list of languages, such as [{default}, fr]")
        return (default,)
    known = available()
    out: list[str] = []
    where: dict[str, int] = {}
    for i, item in enumerate(value):
        code = f.language(at + (i,), item)
        if not code:
            continue
        # A language's code in any case (EN), and English in any variant (en-GB): as language: takes them.
        if code not in known and code.split("-")[0].lower() != SOURCE_LANGUAGE:
            f.problem(at + (i,), f'"{code}": the site has no interface in this language (use one of: {", ".join(known)})')
        elif (twin := next((c for c in out if c.split("-")[0].lower() == code.split("-")[0].lower()), None)):
            # en and en-GB: one interface, which would be published twice
            f.problem(at + (i,), f'"{code}" is listed twice' + (f' (as "{twin}": the site has one interface '
                                                                 "in each language)" if twin != code else ""))
        else:
            out.append(code)
            where[code] = i
    # The default as written, or its language alone (en for en-GB).
    same = {default.lower(), default.split("-")[0].lower()}
    for code in out:
        if code.lower() not in same and code != (canonical := _canonical(code)):
            # a language but the default has a folder of its own, named by its tag (/en-US/)
            f.problem(at + (where[code],), f'"{code}": write it {canonical}, as its folder is named')
    if not same & {c.lower() for c in out} and not f.problems:
        f.problem(at, f'does not list the default language "{default}" (language:): add it, or change language:')
    return (default,) + tuple(c for c in out if c.lower() not in same)


def _canonical(code: str) -> str:
    """A language tag in the case BCP 47 writes it: fr, en-US, sr-Latn, es-419."""
    first, *rest = code.split("-")
    return "-".join([first.lower()] + [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p.lower()
                                       for p in rest])


def _license(f: Fields, value: Any) -> License | None:
    """`license: {name: CC BY 4.0, url: https://…}`; a bare name is the name."""
    at = ("license",)
    if value is None:
        return None
    if not isinstance(value, dict):  # a name written blank is an error, as any text
        name = f.text(at, value)
        return License(name) if name else None
    f.known(at, value, LICENSE_FIELDS)
    name = f.text(at + ("name",), value.get("name"), required=True)
    url = f.url(at + ("url",), value.get("url"))
    return License(name, url) if name else None
