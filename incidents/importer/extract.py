"""A cleaned article + what the archive knows → guesses for every field of a
report, each with a note saying how it was found, for the curator to check."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..content.model import IMPORT_EVENT, IMPORT_PLACE, PUBLISHED_STANDS_IN, UNNAMED_PUBLISHER, Count, Day, Location
from ..content.addresses import url_key, without_tracking
from ..content.names import fold, slugify
from . import french
from .actors import KILL as _KILL
from .actors import ActorGuess, known_actors, new_actors, roles_from_responses, suggested
from .clean import Cleaned, is_headline
from .dates import COUNTED_MONTH, DateGuess, find_dates
from .knowledge import Knowledge
from .page import Page, unread_note
from .responses import (COUNTRIES, ResponseGuess, armed_forces, country_of, country_of_region, find_responses,
                        government)
from .source import (as_date, author_in_text, dateline_agency, language, published_in_text, url_in_text,
                     without_dateline)
from .text import DEMONYMS, DEMONYMS_FR, Sentence, is_org, keep_fold, sentences
from .tolls import LATER_ELSEWHERE, OTHER_INCIDENT, TOLL_AGAIN, TollGuess, accuser, find_tolls

PLACEHOLDER_PUBLISHER = UNNAMED_PUBLISHER
PLACEHOLDER_PLACE = IMPORT_PLACE

# Wire agencies a byline names by their initials.
AGENCIES = {"ap": "Associated Press", "associated press": "Associated Press", "afp": "Agence France-Presse",
            "reuters": "Reuters", "efe": "EFE", "dpa": "dpa", "xinhua": "Xinhua", "anadolu": "Anadolu Agency",
            "ansa": "ANSA", "upi": "United Press International", "aps": "Algérie Presse Service"}

_PLACE_AFTER = re.compile(r"\b(?:in|near|at|from|to|toward|towards|outside|around)\s+(?:the\s+)?(?:(?:village|town|"
                          r"hamlet|city|area|region|commune|district|province|locality|circle|municipality) of\s+)?"
                          r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")
_PLACE_OF = re.compile(r"\b(?:village|town|hamlet|commune|locality|settlement|municipality)\s+of\s+"
                       r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")
_PLACE_BEFORE = re.compile(r"\b(?P<name>[A-Z][\w’'-]+)(?:’s|'s)?\s+(?:region|area|city|village|town|district|"
                           r"commune|province|locality|circle)\b")
# French: "à Amassine", "près de Gao", "dans le village d'Amassine", "la localité de Boni", "région de Kidal"
_CAPITAL = r"[A-ZÀ-ÖØ-Þ][\w’'-]+(?:[ -](?:(?:de|du|des|la|le|el|ag|al)\s+)?[A-ZÀ-ÖØ-Þ][\w’'-]+)*"
_PLACE_AFTER_FR = re.compile(rf"(?<!\w)(?:à|près\s+de|près\s+d['’]|aux\s+environs\s+de|non\s+loin\s+de|"
                             rf"autour\s+de|vers|dans|depuis|sur)\s+(?P<name>{_CAPITAL})")
_PLACE_OF_FR = re.compile(rf"\b(?:village|localité|hameau|commune|ville|bourgade|campement|site|puits|marché|foire|"
                          rf"mine|forage)\s+(?:de\s+|d['’])"
                          rf"(?P<name>{_CAPITAL})")
# A village named, then said to be one: "Kondobéré, a mostly Dogon farming village", "Sériwéré, un village du cercle"
_PLACE_SAID = re.compile(rf"(?P<name>{_CAPITAL}),\s+(?:a|an|un|une)\s+(?:[\w’'-]+\s+){{0,3}}?(?:village|town|hamlet|"
                         rf"settlement|locality|community|localité|hameau|bourgade|ville|campement)\b")
# A place, then its region in apposition: "Hombori, dans la région de Douentza", "Hombori, in Mali's
# Douentza region", "Hombori, in the region of Douentza": the place, not the region it is in
_PLACE_IN_REGION = re.compile(rf"(?P<name>{_CAPITAL}),\s+(?:dans\s+la\s+région\s+(?:de\s+|d['’])|in\s+(?:the\s+)?"
                              rf"(?:region\s+of\s+|(?:[A-Z][\w’'-]+(?:’s|'s)\s+)?[A-Z][\w’'-]+\s+region\b))")
# Two places named, then said to be what they are: "in Intalkat and neighbouring Tadjalalt, two hamlets of …",
# "à Ganagoulou et Kassa, deux villages": both where it happened (the first is the draft's place)
_PLACES_SAID = re.compile(rf"(?P<name>{_CAPITAL})\s+(?:and|et)\s+(?:(?:neighbouring|neighboring|nearby|voisine?)\s+)?"
                          rf"(?P<other>{_CAPITAL}),\s+(?:two|both|deux)\s+(?:[\w’'-]+\s+){{0,2}}?(?:villages|hamlets|"
                          rf"towns|settlements|communities|localités|hameaux|campements)\b")
# A place said as a point to measure from: "about 40 kilometres north-east of Menaka town", "à 50 km au nord
# d'Abeïbara": not where it happened
_REFERENCE = re.compile(r"(?:\b(?:kilomet(?:er|re)s?|km|miles?)(?:\s+\([^()]{0,20}\))?\s+(?:(?:to\s+the\s+)?"
                        r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)|\b(?:km|kilom\w+)\s+(?:(?:au|à\s+l['’])\s*"
                        r"(?:nord|sud|est|ouest)(?:-(?:est|ouest))?\s+)?(?:de|d['’]|du))\s*(?:the\s+)?$", re.I)
_PLACE_COARSE_FR = re.compile(rf"\b(?:région|province|cercle|département|préfecture|district|zone)\s+(?:de\s+|d['’]|"
                              rf"du\s+)(?P<name>{_CAPITAL})")
_ALLEGIANCE_FR = re.compile(r"(?:liée?s?|affiliée?s?|allégeance|fidèles?|proches?|rattachée?s?)\s+(?:à|au|aux|de|du)\s+$",
                            re.I)
_ROUTE = re.compile(r"^(?P<a>.+?)\s*[–—-]\s*(?P<b>.+?)(?:\s+(?:road|route|highway|axis|corridor|track))?$", re.I)
# An outlet's name: "The Sahel Review", "Sahel Observer", "Le Courrier de Niamey", "Le Messager du Sahel"
_OUTLET = (r"(?:(?:The|Le|La|Les|L['’])\s*)?(?:[A-ZÀ-Ý][\w’'-]+\s+){0,3}?(?:Review|Times|Post|Journal|Dispatch|Herald|"
           r"Observer|Monitor|Tribune|Gazette|News|Mail|Chronicle|Magazine|Daily|Express|Insider|Standard|Telegraph|"
           r"Guardian|Independent|Star|Wire|Courrier|Messager|Républicain|Quotidien|Écho|Echo|Observateur|Matin|Soir|"
           r"Indépendant|Nouvelles|Reporter|Sentinelle|Essor|Info|Infos|Actu)(?:\s+(?:de|du|des|d['’])\s*"
           r"(?:la\s+|l['’])?[A-ZÀ-Ý][\w’'-]+)?")
# "told The Sahel Review", "jointes par Le Courrier de Niamey": a source speaking to the outlet whose article this is
_TOLD_OUTLET = re.compile(rf"\b(?:told|said to|speaking to|(?:jointe?s?|contactée?s?|interrogée?s?)(?:\s+(?:au|par)\s+téléphone)?\s+par|"
                          rf"(?:a|ont)\s+(?:déclaré|confié|raconté|affirmé|indiqué)\s+(?:au|à)|confie\s+(?:au|à)|"
                          rf"témoigne\s+(?:au|à))\s+(?:the\s+)?(?P<name>{_OUTLET})(?!\w)")
# A photo's credit naming the outlet: "(Photo: Sahel Observer)", "… samedi. © Le Messager du Sahel"
_CREDIT_OUTLET = re.compile(rf"(?:\((?i:photos?|crédit\s+photo|credit)\s*:\s*|©\s*)(?P<name>{_OUTLET})\)?\s*$")
# Not places: articles and, named as places are ("the Fulani community", "des Peuls"), the region's peoples
_NOT_PLACES = set("""the a an this that these those its their his her our mali's
                     fulani fulanis peul peuls peulh peulhs dogon dogons tuareg tuaregs touareg touaregs bambara
                     bambaras songhai songhay songhaï sonrai bozo bozos dozo dozos daoussak daoussaks mossi hausa
                     haoussa djerma zarma bella imghad arab arabs arabe arabes moor moors maure maures""".split())


@dataclass(frozen=True)
class Guesses:
    title: str
    date: Day | None                      # None when neither the text nor the page can tell: FILL IN
    end_date: Day | None
    date_how: str
    location: Location
    location_how: str
    event: str
    event_how: str
    publisher: str
    publisher_how: str
    published: Day | None
    tolls: tuple[TollGuess, ...]          # the main incident's figures
    vague_tolls: tuple[str, ...]          # figures with no number: "dozens of civilians"
    actors: tuple[ActorGuess, ...]
    suggested_actors: tuple[str, ...]     # organisations the archive does not know
    candidate_places: tuple[str, ...]     # place names the archive does not know
    dates: tuple[DateGuess, ...]          # every date found
    others: tuple[str, ...]               # other incidents mentioned in passing
    responses: tuple[ResponseGuess, ...] = ()
    new_actors: tuple[ActorGuess, ...] = ()   # suggested organisations with a role in the text
    vague_by: tuple[tuple[str, str], ...] = ()  # (such a figure's words, who gives it), where the text says
    published_how: str = ""
    url: str = ""
    url_how: str = ""
    author: str = ""
    author_how: str = ""
    language: str = ""
    language_how: str = ""


def extract(cleaned: Cleaned, known: Knowledge, published: dt.date | None = None,
            today: dt.date | None = None, publisher: str | None = None, page: Page | None = None,
            url: str = "") -> Guesses:
    """Every field's guess (`today` is not used: no date is ever made up from it). `published`, `publisher` and `url` are the
    curator's (--published, --publisher, --url) and win; then what a saved
    page's metadata says; then what the text says."""
    ss = sentences([without_dateline(p.text) if i == 0 else p.text for i, p in enumerate(cleaned.paragraphs)])
    published, published_how = _published(cleaned, published, page)
    dates = find_dates(ss, published)
    tolls = find_tolls(ss, known)
    told = {s.index: s.text for s in ss}
    other = {s.index for s in ss if OTHER_INCIDENT.search(s.text)} | {
        t.sentence for t in tolls if LATER_ELSEWHERE.search(told[t.sentence]) and not TOLL_AGAIN.search(told[t.sentence])}
    main_date = _main_date(dates, other, tolls)
    # "at least 130 civilians … since January 2024": a count over a period, no incident's toll
    summed = {d.sentence for d in dates if d.kind == "since" and d.start and main_date and main_date.start
              and not _overlap(d.start, d.end, main_date.start, main_date.end, days=31)}
    tolls = [t for t in tolls if t.sentence not in summed]
    other |= _dated_elsewhere(dates, tolls, main_date)
    main = [s for s in ss if s.index not in other]
    kept = [t for t in tolls if t.sentence not in other]
    claims, vague = _merge(kept, accuser(main, known))
    # who gives each figure with no number, where the text says
    vague_by = {w: who for w in vague if (who := next((t.according_to for t in kept
                                                       if t.wording == w and t.according_to), ""))}
    location, location_how = _location(main, tolls, dates, known, other, cleaned.title)
    country = country_of(main, cleaned.title, known, location.country)
    claims = [_authority_claimant(c, country, known) for c in claims]
    if main_date is None and (partial := _yearless(dates, other)):
        main_date = _year_from_event(partial, location, known)
    date, end, date_how = _date(main_date, published, dates, other, published_how)
    event, event_how = _event(location, date, end, main_date is not None, known)
    who, who_how = _publisher(cleaned, publisher, page)
    actors = known_actors(main, claims, known)
    responses = find_responses(main, known, dates, country,
                               [a.name for a in actors if a.role == "alleged perpetrator"],
                               {keep_fold(c.according_to) for c in claims if c.according_to})
    actors = roles_from_responses(actors, responses)
    named = suggested(ss, known, [c.according_to for c in claims])
    others_with_roles = roles_from_responses(new_actors(main, named, claims), responses)
    page_url = page.url if page else ""
    # what the page or the text gives, without tracking parameters; --url as the curator gives it
    found_url = url or without_tracking(page_url or url_in_text(cleaned))
    if url:
        url_how = _overridden("--url", page_url, page.where("url") if page else "",
                              same=bool(page_url) and url_key(url) == url_key(page_url))
    else:
        url_how = page.where("url") if page_url else "a line of the text" if found_url else ""
    author = (page.author if page else "") or author_in_text(cleaned, set(AGENCIES) | set(map(fold, AGENCIES.values())))
    author_how = page.where("author") if page and page.author else "the byline" if author else ""
    words = language(cleaned.text())
    lang = (page.language if page else "") or words
    lang_how = page.where("language") if page and page.language else "by the commonest words" if lang else ""
    if words and lang != words and lang.split("-")[0].lower() != words:  # a theme's lang="en-US" on French text
        lang_how += f", though the text reads as {words} by its commonest words: write {words} if it is"
    return Guesses(
        title=cleaned.title, date=date, end_date=end, date_how=date_how,
        location=location, location_how=location_how, event=event, event_how=event_how,
        publisher=who, publisher_how=who_how,
        published=Day(published.year, published.month, published.day) if published else None,
        tolls=tuple(claims), vague_tolls=tuple(vague), vague_by=tuple(vague_by.items()),
        actors=tuple(actors), suggested_actors=tuple(named),
        new_actors=tuple(a for a in others_with_roles if a.role),
        candidate_places=tuple(_candidate_places(main, known, location, setting(main))), dates=tuple(dates),
        others=tuple(_others(ss, tolls, dates, other, known)), responses=tuple(responses),
        published_how=published_how, url=found_url, url_how=url_how, author=author, author_how=author_how,
        language=lang, language_how=lang_how)


def _authority_claimant(claim: TollGuess, country: str, known: Knowledge) -> TollGuess:
    """"the transitional government said" → Government of Mali; "the army said" → the country's army."""
    who = claim.according_to
    french = re.fullmatch(r"(?:le|la|l['’])\s*(gouvernement|junte|armée|état-major)(?:\s+(?:de\s+transition|"
                          r"(?P<of>[\wéèû]+)))?", who, re.I)
    if not who or who[:1].isupper() or not (french or re.search(r"\b(?:government|junta|army|military)$", who, re.I)):
        return claim
    if french and french.group("of"):  # "le gouvernement nigérien": Niger's, not the article's country's
        country = next((c for c in COUNTRIES if any(re.fullmatch(DEMONYMS_FR[d], fold(french.group("of")))
                                                    for d, named in DEMONYMS.items() if named == fold(c))), "")
        if not country:
            return claim  # "l'armée française": as the article words it
    army = re.search(r"(army|military)$", who, re.I) or (french and french.group(1).lower() in ("armée", "état-major"))
    name = armed_forces(country, known, []) if army else government(country, who)
    return TollGuess(claim.kind, claim.count, claim.wording, name, f"{claim.how}: \"{who}\"", claim.sentence,
                     claim.other)


def _overridden(option: str, found: object, where: str, same: bool) -> str:
    """The note beside a value the curator gave where the page or the text says
    another: "" when they agree or nothing else was found."""
    if not found or same:
        return ""
    return f'given with {option}; {where or "the text"} says "{found}"'


def _published(cleaned: Cleaned, given: dt.date | None, page: Page | None) -> tuple[dt.date | None, str]:
    if given:
        if page and page.published:
            return given, _overridden("--published", page.published.isoformat(), page.where("published"),
                                      same=page.published == given)
        day, how = published_in_text(cleaned)
        found = as_date(day)
        return given, _overridden("--published", found.isoformat() if found else "", how, same=found == given)
    if page and page.published:
        return page.published, page.where("published")
    day, how = published_in_text(cleaned)
    if day is None and page and page.unread_dates:  # "05/03/2025" in the JSON-LD: said, not dropped
        return None, unread_note(*page.unread_dates[0])
    return as_date(day), how


def _main_date(dates: list[DateGuess], other: set[int], tolls: list[TollGuess]) -> DateGuess | None:
    first = min((t.sentence for t in tolls if t.count), default=-1)
    usable = [d for d in dates if d.start and d.sentence not in other and (d.how != COUNTED_MONTH or d.sentence == first)]
    for d in usable:
        if d.kind == "incident":
            if not d.start.day:  # "in March last year", then "from March 27 to 31, 2022": the days
                return next((e for e in usable if e.start.day and (e.start.year, e.start.month) ==
                             (d.start.year, d.start.month) and e.kind != "report"), d)
            return d
    for d in usable:
        if d.kind == "" and d.sentence == first:
            return d
    return None


def _yearless(dates: list[DateGuess], other: set[int]) -> DateGuess | None:
    """The incident's date as the text gives it, without a year ("June 20 and 29")."""
    return next((d for d in dates if d.start is None and d.partial[0] and d.kind == "incident"
                 and d.sentence not in other), None)


def _dated_elsewhere(dates: list[DateGuess], tolls: list[TollGuess], main: DateGuess | None) -> set[int]:
    """Toll sentences about another time: "In March 2022, … over 300 people"."""
    first = min((t.sentence for t in tolls if t.count), default=-1)
    out = set()
    for d in dates:
        if d.start is None or d.sentence == first or not any(t.sentence == d.sentence for t in tolls):
            continue
        if main and main.start and not _overlap(d.start, d.end, main.start, main.end, days=31):
            out.add(d.sentence)
        elif main and main.start and not d.start.day and main.start.day and not (
                (main.start.year, main.start.month) <= (d.start.year, d.start.month)
                <= ((main.end or main.start).year, (main.end or main.start).month)):
            out.add(d.sentence)  # "last month, nine passengers …" against an incident of this month's 8th
        elif not main and re.search(r"(19|20)\d\d", d.text):
            out.add(d.sentence)
    return out


def _a_range(count: Count) -> bool:
    """"between 9 and 11": another figure than "at least nine"."""
    return count.max is not None and count.max != count.min


def _merge(tolls: list[TollGuess], accused_by: str) -> tuple[list[TollGuess], list[str]]:
    """One claim per figure and claimant: "at least 24" said three times is one claim."""
    claims: list[TollGuess] = []
    vague: list[str] = []
    for t in tolls:
        if t.count is None:
            if fold(t.wording) not in map(fold, vague):
                vague.append(t.wording)
            continue
        same = next((i for i, c in enumerate(claims) if c.kind == t.kind and c.count and c.count.min == t.count.min
                     and not _a_range(c.count) and not _a_range(t.count)
                     and (not c.according_to or not t.according_to or c.according_to == t.according_to)), None)
        if same is None:
            claims.append(t)
        elif t.according_to and not claims[same].according_to:
            claims[same] = t
    for i, c in enumerate(claims):
        if not c.according_to and accused_by:
            claims[i] = TollGuess(c.kind, c.count, c.wording, accused_by, "named elsewhere in the article as the "
                                  "accuser", c.sentence)
    return claims, vague


def _year_from_event(partial: DateGuess, location: Location, known: Knowledge) -> DateGuess | None:
    """A year-less date at a place where the archive has one event in that month: that event's year."""
    here = [e for e in known.events if fold(location.name) in map(fold, e.places)
            and e.date.month == partial.partial[0]]
    if len(here) != 1:
        return None
    return partial.with_year(here[0].date.year, f"no year in the text: the year of the archive's event "
                                                f"{here[0].slug}")


def _date(main: DateGuess | None, published: dt.date | None, dates: list[DateGuess],
          other: set[int], published_how: str = "") -> tuple[Day | None, Day | None, str]:
    """The incident's date; else the publication date, marked as standing in;
    else None (the draft says FILL IN): a date is never made up."""
    if main and main.start:
        return main.start, main.end, f"\"{main.text}\" ({main.how})"
    unresolved = [d.text for d in dates if d.start is None and d.kind == "incident" and d.sentence not in other]
    why = (f"the text says {', '.join(repr(u) for u in unresolved)} with no year or date to count from "
           f"(give --published)" if unresolved else "no date of the incident in the text")
    if published:
        return Day(published.year, published.month, published.day), None, f"{why}: {PUBLISHED_STANDS_IN}"
    if published_how:  # a date the page gives that is not one day
        return None, None, f"{why}, and {published_how}: write the date (or give --published)"
    return None, None, f"{why}, and no publication date in the page or the text: write the date (or give --published)"


def place_in(text: str, place: Location) -> bool:
    """The place's name in the text, or for a route ("Gao–Algeria road") its two ends joined by from/to."""
    folded = keep_fold(text)
    if re.search(rf"(?<!\w){re.escape(keep_fold(place.name))}(?!\w)", folded):
        return True
    m = _ROUTE.match(place.name)
    if not m:
        return False
    ends = [keep_fold(m.group("a")), keep_fold(m.group("b"))]
    return all(re.search(rf"(?<!\w){re.escape(e)}(?!\w)", folded) for e in ends) and bool(
        re.search(r"\b(from|to|toward|towards|between|en route)\b", folded))


def _location(main: list[Sentence], tolls: list[TollGuess], dates: list[DateGuess], known: Knowledge,
              other: set[int], title: str = "") -> tuple[Location, str]:
    key = {t.sentence for t in tolls} | {d.sentence for d in dates if d.kind == "incident"}
    scores: dict[str, tuple[int, int]] = {}
    for s in main:
        for p in known.places:
            if place_in(s.text, p):
                score, first = scores.get(p.name, (0, s.index))
                scores[p.name] = (score + (3 if s.index in key else 1), first)
    around = setting(main)
    if scores:
        name = max(scores, key=lambda n: (scores[n][0], -scores[n][1]))
        place = next(p for p in known.places if p.name == name)
        # A village of its own, where the archive's place only holds it ("the market square of Kondobéré, a
        # farming village in the Bankass district"): the village, in that place's region and country
        if all(_only_as_container(s.text, name) for s in main if place_in(s.text, place)):
            village = (_candidate_places([s for s in main if s.index in key], known, None, around, specific=True,
                                         about=True)
                       or _candidate_places(main, known, None, around, specific=True))
            if village:
                return (Location(village[0], region=place.region, country=place.country),
                        f"a village the text names, in the archive's {place.name}")
        return place, "the place in the archive the text names most, around the toll and the date"
    # a village, town or area said to be one first, around the toll and the date or anywhere; then any name
    key_sentences = [s for s in main if s.index in key]
    candidates = (_candidate_places(key_sentences, known, None, around, specific=True, about=True)
                  or _candidate_places(main, known, None, around, specific=True)
                  or _candidate_places(key_sentences, known, None, around)
                  or _candidate_places(main, known, None, around))
    if candidates:
        region, country = _region_and_country(main, candidates[0], known, title)
        return (Location(candidates[0], region=region, country=country),
                "a place name in the text, not yet in the archive" + _where_from(main, title, region, country))
    # Only the headline says where ("… tuées par des hommes armés à Sarakala")
    headline = [Sentence(title, -1, -1)] if title else []
    if candidates := _candidate_places(headline, known, None, around):
        return Location(candidates[0]), "a place name in the headline, not yet in the archive (the text names none)"
    return Location(PLACEHOLDER_PLACE), "no place found in the text"


# A region the text names as one: "Mali's Mopti region", "the central Segou region", "the region of Gao",
# "dans la région de Mopti", "région de Ségou"
_REGION = re.compile(r"(?:’s|'s|\bthe)\s+(?:(?:central|northern|southern|eastern|western|north-?eastern|"
                     r"north-?western|south-?eastern|south-?western|restive|troubled|volatile|northeastern)\s+)?"
                     r"(?P<a>[A-Z][\w’'-]+)\s+region\b|\b(?:[Rr]egion\s+of|[Rr]égion\s+(?:de|d['’]))\s*(?P<b>[A-Z][\w’'-]+)")


def _region_and_country(main: list[Sentence], place: str, known: Knowledge, title: str = "") -> tuple[str, str]:
    """A new place's region, where the text names one as a region (nearest the place: its sentence first), and
    country: a known place's of that region, else the country the text names most ("in central Mali", "au
    Mali", "Malian"), else the archive's where it has one only."""
    region = ""
    folded = keep_fold(place)
    for s in sorted(main, key=lambda s: folded not in keep_fold(s.text)):
        found = [m.group("a") or m.group("b") for m in _REGION.finditer(s.text)]
        found = [r for r in found if fold(r) not in _COUNTRY_NAMES]  # "the Tillabéri region" may be Tillabéri's
        if found:
            region = found[0]
            break
    if region:
        country = next((p.country for p in known.places if p.region and fold(p.region) == fold(region) and p.country),
                       "")
        if country:
            return next(p.region for p in known.places if fold(p.region) == fold(region)), country
        country = country_of_region(region)
        if country:  # a region of the central Sahel the archive has no place in yet
            return region, country
    folded = fold(" ".join([title] + [s.text for s in main]))
    counts = {}
    for country, forms in COUNTRIES.items():
        words = [re.escape(fold(w)) for w in (country, *forms)] + [
            DEMONYMS_FR[d] for d, named in DEMONYMS.items() if named == fold(country)]  # "l'armée malienne"
        counts[country] = len(re.findall(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", folded))
    named = max(counts, key=lambda c: counts[c])
    if counts[named]:
        return region, named
    return region, known.countries[0] if len(known.countries) == 1 else ""  # an archive of one country's


def _where_from(main: list[Sentence], title: str, region: str, country: str) -> str:
    """How a new place's region and country were found, for the draft's "# check:" note."""
    said = country and fold(country) in fold(" ".join([title] + [s.text for s in main]))
    where = ["its region as the text names it"] if region else []
    if said:
        where += ["the country the text names most"]
    elif region and country_of_region(region) == country:
        where += [f"{country}, the country of that region"]
    elif country:
        where += ["the archive's country"]
    return f" ({'; '.join(where)})" if where else ""


_CONTAINER_AFTER = re.compile(r"\s+(?:district|region|circle|province|prefecture|cercle|zone)\b", re.I)
_CONTAINER_BEFORE = re.compile(r"\b(?:district|region|circle|province|prefecture|cercle|région|département|"
                               r"préfecture)\s+(?:of\s+|de\s+|d['’]|du\s+)(?:the\s+)?$", re.I)


def _only_as_container(text: str, name: str) -> bool:
    """Whether every mention of `name` in `text` is of an area holding the place ("the Bankass district",
    "le cercle de Bankass") or a point it is measured from ("à une cinquantaine de kilomètres au nord
    d'Abeïbara"), none of the place itself."""
    folded, key = keep_fold(text), keep_fold(name)
    found = list(re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded))
    return bool(found) and all(_CONTAINER_AFTER.match(folded, m.end()) or _CONTAINER_BEFORE.search(folded[:m.start()])
                               or _REFERENCE.search(folded[:m.start()]) for m in found)


def _overlap(a: Day, a_end: Day | None, b: Day, b_end: Day | None, days: int = 3) -> bool:
    slack = dt.timedelta(days=days)
    return a.first() <= (b_end or b).last() + slack and b.first() <= (a_end or a).last() + slack


def _event(location: Location, date: Day | None, end: Day | None, dated: bool, known: Knowledge) -> tuple[str, str]:
    here = [e for e in known.events if fold(location.name) in map(fold, e.places)]
    if dated and date:
        match = [e for e in here if _overlap(date, end, e.date, e.end_date)]
        if match:
            return match[0].slug, f"an event in the archive at {location.name} on {match[0].date.iso()}"
    elif len(here) == 1:
        return here[0].slug, f"the only event in the archive at {location.name} (no date to compare)"
    place = slugify(location.name) if location.name != PLACEHOLDER_PLACE else IMPORT_EVENT
    if date is None:
        return f"{place}-killings", "a new event: no event in the archive has this place; put the incident's year " \
                                    "and month in front of its slug (2025-02-…) once the date is known"
    return f"{date.iso()[:7]}-{place}-killings", "a new event: no event in the archive has this place and date"


def _publisher(cleaned: Cleaned, given: str | None, page: Page | None = None) -> tuple[str, str]:
    if given:
        if page and page.publisher:
            return given, _overridden("--publisher", page.publisher, page.where("publisher"),
                                      same=fold(page.publisher) == fold(given))
        agency = dateline_agency(cleaned)
        if fold(agency) in AGENCIES:  # "--publisher AFP" over "(AFP)" agrees, "Reuters" does not
            named = AGENCIES[fold(agency)]
            return given, _overridden("--publisher", named, f'the dateline\'s agency "({agency})"',
                                      same=fold(given) in (fold(agency), fold(named)))
        return given, ""
    if page and page.publisher:
        return page.publisher, page.where("publisher")
    agency = dateline_agency(cleaned)
    if fold(agency) in AGENCIES:
        return AGENCIES[fold(agency)], f"the dateline's agency \"({agency})\""
    for cut in cleaned.cut:
        if cut.reason == "byline" and fold(cut.text).removeprefix("by ").strip() in AGENCIES:
            return AGENCIES[fold(cut.text).removeprefix("by ").strip()], f"the byline \"{cut.text}\""
    for cut in cleaned.cut:
        if cut.reason in ("donation appeal", "newsletter box"):
            m = re.search(r"\b([A-Z][\w]*[A-Z]\w*|[A-Z][a-z]+(?: [A-Z][a-z]+)+) (?:is|are) (?:an? |the |"
                          r"committed|determined|dedicated)", cut.text)
            if m:
                return m.group(1), f"named in the site's {cut.reason}"
    for p in cleaned.paragraphs:
        m = _TOLD_OUTLET.search(p.text)
        if m and fold(m.group("name")) not in AGENCIES:
            return m.group("name"), f"a source \"{m.group(0)}\": the outlet reporting"
    for cut in cleaned.cut:
        m = _CREDIT_OUTLET.search(cut.text) if cut.reason in ("photo caption", "credits") else None
        if m and fold(m.group("name")) not in AGENCIES:
            return m.group("name"), f"the credit of the page's own photo \"{m.group(0).strip(' ()')}\""
    return PLACEHOLDER_PUBLISHER, "not found in the text: give --publisher"


_SPECIFIC = re.compile(r"(?:village|town|hamlet|city|area|commune|locality|municipality|settlement) of\s+(?:the\s+)?$|"
                       r"^\s+(?:area|village|town|hamlet|city|commune|locality)\b", re.I)
_COARSE = re.compile(r"^(?:’s|'s)?\s+(?:region|province|district|circle)\b", re.I)
_OWNED = re.compile(r"([A-Z][\w -]+?)(?:’s|'s)\s+")
_TRAVEL = re.compile(r"\b(travel\w*|route|road|vehicles?|convoy|bus(?:es)?|trucks?|heading|journey)\b", re.I)
_ROUTES = (re.compile(r"\bfrom\s+(?:the\s+)?(?P<a>[A-Z][\w’'-]+)(?:\s+(?:city|town))?\s+(?:to|toward|towards)\s+"
                      r"(?:the\s+)?(?P<b>[A-Z][\w’'-]+)"),
           re.compile(r"\b(?:to|toward|towards)\s+(?P<b>[A-Z][\w’'-]+)\s+from\s+(?:the\s+)?(?P<a>[A-Z][\w’'-]+)"),
           re.compile(r"\bbetween\s+(?:the\s+)?(?P<a>[A-Z][\w’'-]+)(?:\s+(?:city|town))?\s+and\s+(?:the\s+)?"
                      r"(?P<b>[A-Z][\w’'-]+)"))


def setting(ss: list[Sentence]) -> set[str]:
    """Names the whole article keeps coming back to (the country it is set
    in): named in 40% of its paragraphs, three at least."""
    paragraphs: dict[str, set[int]] = {}
    ss = [s for s in ss if not is_headline(s.text)]
    for s in ss:
        for m in _NAME_WORD.finditer(s.text):
            paragraphs.setdefault(fold(m.group(0).removesuffix("’s").removesuffix("'s")), set()).add(s.paragraph)
    total = len({s.paragraph for s in ss})
    return {name for name, ps in paragraphs.items() if len(ps) >= 3 and len(ps) >= 0.4 * total
            and name not in _NOT_PLACES}


_COUNTRY_NAMES = {fold(c) for c in COUNTRIES}
_NAME_WORD = re.compile(r"\b[A-Z][a-z][\w’'-]*")


def _candidate_places(ss: list[Sentence], known: Knowledge, chosen: Location | None,
                      everywhere: set[str] = frozenset(), specific: bool = False,  # type: ignore[assignment]
                      about: bool = False) -> list[str]:
    """Place names around a killing, most specific first: a route ("from Gao
    to Algeria" → "Gao–Algeria road"), then a village, town or area, then a
    name after "in", "near", "from" …, then a region; never a known actor,
    the place already chosen, or (unless a village, town or area) a name the
    whole article is set in. `about`: the sentences are the incident's (its
    toll's, its date's: "la frappe a visé le dimanche 16 mars le puits de …"),
    else only those with a word of killing are read."""
    actor_words = {w for a in known.actors for n in a.names for w in fold(n).split()}
    skip = {fold(c) for c in known.countries} | _NOT_PLACES | {fold(p.name) for p in known.places}
    if chosen:
        skip.add(fold(chosen.name))
        skip |= set(re.findall(r"\w+", fold(chosen.name)))
    months = set(("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                  "june july august september october november december").split()) | {
        fold(w) for w in (*french.MONTHS, *french.WEEKDAYS)}
    scored: dict[str, tuple[int, int, str]] = {}
    order = 0
    for s in ss:
        if not about and not _KILL.search(s.text):
            continue
        found: list[tuple[int, str, int]] = []
        if _TRAVEL.search(s.text):
            for rx in _ROUTES:
                found += [(m.start(), f"{m.group('a')}–{m.group('b')} road", 3) for m in rx.finditer(s.text)]
        for rx in (_PLACE_AFTER, _PLACE_OF, _PLACE_BEFORE):
            for m in rx.finditer(s.text):
                a, b = m.span("name")
                name = m.group("name")
                if (mine := _OWNED.match(name)) and fold(mine.group(1)) in _COUNTRY_NAMES:
                    name, a = name[mine.end():], a + mine.end()  # "in Mali's Menaka region": Menaka
                weight = 0 if _REFERENCE.search(s.text[:a]) else 2 if (
                    _SPECIFIC.search(s.text[:a]) or _SPECIFIC.search(s.text[b:])) else \
                    0 if _COARSE.search(s.text[b:]) else 1
                found.append((m.start(), name, weight))
        for m in _PLACES_SAID.finditer(s.text):
            found += [(m.start("name"), m.group("name"), 2), (m.start("other"), m.group("other"), 2)]
        for rx, weight in ((_PLACE_SAID, 2), (_PLACE_IN_REGION, 2), (_PLACE_OF_FR, 2), (_PLACE_COARSE_FR, 0),
                           (_PLACE_AFTER_FR, 1)):
            for m in rx.finditer(s.text):
                if weight == 1 and any(a <= m.start("name") < a + len(n) for a, n, _ in found):
                    continue   # "dans le village d'Amassine": the village's
                if _ALLEGIANCE_FR.search(s.text[:m.start("name")]):
                    continue   # "lié à Al-Qaïda": an organisation, not a place
                found.append((m.start("name"), m.group("name"), 0 if _REFERENCE.search(s.text[:m.start("name")])
                              else weight))
        for _, name, weight in sorted(found):
            name = name.removesuffix("’s").removesuffix("'s")
            key = fold(name)
            words = key.split()
            if (key in skip or words[0] in actor_words or is_org(name) or name.isupper() or words[0] in months
                    or (weight == 1 and words[0] in everywhere) or (weight == 0 and key in everywhere
                                                                     and fold(name) in _COUNTRY_NAMES)):
                continue
            order += 1
            best = scored.get(key)
            if best is None or weight > best[0]:
                scored[key] = (weight, -order if best is None else best[1], name)
    ranked = sorted(scored.values(), key=lambda v: (-v[0], -v[1]))
    return [name for weight, _, name in ranked if weight >= 2 or not specific][:10]  # (a route is 3)


def _others(ss: list[Sentence], tolls: list[TollGuess], dates: list[DateGuess], other: set[int],
            known: Knowledge) -> list[str]:
    out = []
    for s in ss:
        if s.index not in other:
            continue
        figures = [t for t in tolls if t.sentence == s.index]
        if not figures:
            continue
        parts = []
        for t in figures:
            parts.append(f"{t.kind} {_count_text(t.count)}" + (f" according to {t.according_to}"
                                                              if t.according_to else ""))
        places = [p.name for p in known.places if place_in(s.text, p)]
        places += _candidate_places([s], known, None)
        when = [d.iso() if d.start else d.text for d in dates if d.sentence == s.index]
        if places:
            parts.append("at " + ", ".join(dict.fromkeys(places)))
        if when:
            parts.append("when: " + ", ".join(when))
        out.append(f"{'; '.join(parts)}: \"{s.text}\"")
    return out


def _count_text(count: Count | None) -> str:
    return count.text() if count else "(no number)"
