"""Warnings: content that is valid but probably a mistake. `check` and `build`
print them and go on; `check --strict` counts them as errors.

- a name a letter or two from another actor's name or alias ("Wagner Grop"),
  or an actor named by its file's name ("JNIM" for content/actors/jnim.md);
- a place name a letter or two from another place's;
- one source URL in two reports (of one event: a duplicate report; of two
  events: the same article filed twice, unless it covers two incidents);
- a name that looks like another but is spelt with other characters
  (Cyrillic or Greek letters among Latin ones, invisible or bidirectional
  control characters), and a name that mixes scripts or holds such controls;
- a file under content/ that is not read (load.unread_files);
- two tags the site shows as one, at one address, written otherwise than in
  case and accents ("убийства" and "ubiystva": transliterated alike);
- a report whose killed toll is ten times or more above or below that of
  the other reports of its event;
- a date that cannot be: an incident after the article that reports it, a
  date after today (a year mistyped: 2052 for 2025), a report's or an event file's;
- a link in a body the site will not make as written (content.notes: found
  as the file is read, bodylinks.py);
- an event named by one report alone, whose slug is a letter or two from
  that of an event of the same place and month (or on the same day): the
  slug mistyped, or left behind when the event's file was renamed;
- two actors of one event with one name in French (their page reads them alike).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import itertools
import json
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from importlib import resources
from typing import NamedTuple

from .. import cldr
from ..errors import Problem
from .addresses import url_key
from .bodylinks import SITE_LINK
from .fields import HIDDEN_CLASS
from .frontmatter import dotted
from .link import Archive, Event, toll_range
from .model import TRANSLATED, ActorFile, Content, Lines, Report
from .validate import own_language
from .names import fold, slugify

# How far apart two names may be and still look like one name misspelt, by
# the length of the shorter one: short names ("FLA", "FLN") and short place
# names ("Niono", "Nioro") are often different things a letter apart.
ONE_EDIT_FROM = 6
TWO_EDITS_FROM = 10
# A toll this many times another's, or more, is likely a digit too many or too few:
# an extra zero (30 written 300) makes exactly ten times.
TENFOLD = 10


class Use(NamedTuple):
    """One place where a name is written: which thing it names (`key`), and
    whether that thing has a curated file (more likely the right spelling).
    Its field (`at`) is found in its file's lines (`lines`, looked up as _line
    does) only when a warning names it, or its line is given (`given`):
    a lint at 2,000 reports makes 9,000 uses and says a few."""

    path: str
    at: tuple
    name: str
    key: str
    curated: bool = False
    lines: Lines | None = None
    given: int = 0

    @property
    def line(self) -> int:
        return self.given or _line_in(self.lines, self.at)

    @property
    def field(self) -> str:
        return dotted(self.at)


def lint(content: Content, archive: Archive, known: dict | None = None) -> list[Problem]:
    """Every warning. `known` keeps near_pairs' answers between runs, by the
    names asked about (each answer used is written into it again: a ChainMap
    of a new dict and the old one keeps just those)."""
    memo = known if known is not None else {}
    _remember_like_latin(memo)
    return sorted(actor_names(content, archive, memo) + place_names(content, archive, memo)
                  + same_urls(archive) + same_headlines(archive) + merged_tags(archive) + toll_outliers(archive) + impossible_dates(archive, dt.date.today())
                  + split_events(archive) + unknown_countries(content, archive) + misplaced(content, archive, memo)
                  + own_language_blocks(content)
                  + tag_names(archive) + places_named(archive) + unlisted_actors(content, archive)
                  + list(content.unread) + [n for n in content.notes if n.severity != SITE_LINK])


def own_language_blocks(content: Content) -> list[Problem]:
    """A `fr:` block in a file of an archive whose own language is French: its
    pages show the fields above it, and the block never."""
    own = content.site.language.split("-")[0].lower()
    return [Problem(x.path, x.lines.get((t.lang,), 1), t.lang, own_language(t.lang), "warning")
            for x in (*content.events, *content.actors, *content.pages) for t in x.translations if t.lang == own]


def actor_names(content: Content, archive: Archive, memo: dict) -> list[Problem]:
    uses = actor_uses(content, archive)
    actors = {a.slug: a for a in content.actors}

    def advice(use: Use, other: Use) -> str:
        if other.key in actors:
            return f"if it is the same actor, fix the spelling or add it to the aliases in {actors[other.key].path}"
        return "if it is the same actor, use one spelling"

    return (near_names(uses, "actor", advice, memo) + look_alikes(uses, "actor") + file_names(actors, uses)
            + translated_twins(actors, archive) + named_twice(actors, archive))


def named_twice(files: dict[str, ActorFile], archive: Archive) -> list[Problem]:
    """One actor named twice in a report's list by two of its names ("FAMa" and
    "Malian Armed Forces"), with one role or one of them without: the page
    would list it twice. (The same name twice is load's error: it needs no
    actor file to be seen.) Two roles of one actor are two items.
    `files`: the actor files by slug."""
    problems = []
    for r in archive.reports.values():
        seen: list[tuple[str, str, int]] = []  # (actor, role, item)
        for i, (m, (slug, role)) in enumerate(zip(r.actors, archive.links[r.slug].actors)):
            first = next((j for other, was, j in seen if other == slug and (was == role or not was or not role)),
                         None)
            seen.append((slug, role, i))
            if first is None or fold(r.actors[first].name) == fold(m.name):
                continue
            actor = archive.actors[slug]
            where = f" ({files[slug].path})" if slug in files else ""
            at = ("actors", i, "name") if ("actors", i, "name") in r.lines else ("actors", i)
            problems.append(Problem(r.path, _line(r, at), f"actors[{i}].name", (
                f'"{m.name}" and "{r.actors[first].name}" (actors[{first}], line {_line(r, ("actors", first))}) '
                f'are both the actor "{actor.name}"{where}, which the page would list twice: '
                + ("remove one of them" if (r.actors[first].role or "") == (m.role or "") else
                   "keep one item, with its role")), "warning"))
    return problems


def translated_twins(files: dict[str, ActorFile], archive: Archive) -> list[Problem]:
    """Two actors of one event given one name in another language (allowed:
    Mali's and Burkina Faso's "Gendarmerie nationale"), where they meet: on
    the event's page in that language the two read the same (load.py makes
    it an error where the name is another actor's own). `files`: the actor files by slug."""
    problems, said = [], set()
    for e in archive.events.values():
        for lang in TRANSLATED:
            seen: dict[str, ActorFile] = {}
            for actor in (files[i.actor] for i in sorted(e.actors, key=lambda i: i.actor) if i.actor in files):
                name = next((t.title for t in actor.translations if t.lang == lang and t.title), "")
                other = seen.setdefault(fold(name), actor) if name else actor
                if other is not actor and (actor.path, lang) not in said:
                    said.add((actor.path, lang))
                    problems.append(Problem(actor.path, actor.lines.get((lang, "name"), 1), f"{lang}.name", (
                        f'"{name}" is also the {lang}.name of {other.path}:{other.lines.get((lang, "name"), 1)}, '
                        f'and the event "{e.slug}" names both: on its page in that language the two read the same; '
                        "give one a name of its own there"), "warning"))
    return problems


def file_names(files: dict[str, ActorFile], uses: list[Use]) -> list[Problem]:
    """A report that names an actor by its file's name ("JNIM" for
    content/actors/jnim.md, whose actor is "Group for the Support of Islam and
    Muslims"), in its actors, a claim's according_to or a response's by: that
    name is neither its name nor an alias, so the report's actor is another,
    with a page of its own (/actors/jnim-2/). Not a name in other scripts,
    which look_alikes says. `files`: the actor files by slug."""
    problems = []
    for use in (u for u in uses if not u.curated and u.key not in files):
        actor = files.get(slugify(use.name))
        if actor is None or strange(use.name) or not _plain(fold(use.name)):
            continue
        problems.append(Problem(use.path, use.line, use.field, (
            f'"{use.name}" is the file name of {actor.path}, whose actor is "{actor.name}", not a name or alias '
            f'of it: if it is that actor, write "{actor.name}" or add "{use.name}" to its aliases; if it is another, '
            f'give it a file of its own (content/actors/<another-name>.md, with name: {use.name})'), "warning"))
    return problems


def actor_uses(content: Content, archive: Archive) -> list[Use]:
    uses = []
    for a in content.actors:
        uses.append(Use(a.path, ("name",), a.name, a.slug, True, given=a.lines.get(("name",), 1)))
        uses += [Use(a.path, ("aliases", i), alias, a.slug, True, given=a.lines.get(("aliases", i), 1))
                 for i, alias in enumerate(a.aliases)]
    for r in archive.reports.values():
        links = archive.links[r.slug]
        for i, (m, (slug, _)) in enumerate(zip(r.actors, links.actors)):
            at = ("actors", i, "name") if ("actors", i, "name") in r.lines else ("actors", i)
            uses.append(Use(r.path, at, m.name, slug, False, r.lines))
        for i, x in enumerate(links.responses):
            uses.append(Use(r.path, ("responses", i, "by"), x.response.by, x.actor, False, r.lines))
        many = ("reported_toll", 0) in r.lines
        for i, c in enumerate(links.claims):
            if c.claim.according_to:
                at = ("reported_toll", i, "according_to") if many else ("reported_toll", "according_to")
                # A claimant that is no actor is free text; it is only ever the suspect.
                uses.append(Use(r.path, at, c.claim.according_to, c.actor or "text:" + fold(c.claim.according_to),
                                False, r.lines))
    return uses


def place_names(content: Content, archive: Archive, memo: dict) -> list[Problem]:
    uses = []
    for e in content.events:
        if e.location:
            at = ("location", "name") if ("location", "name") in e.lines else ("location",)
            uses.append(Use(e.path, at, e.location.name, fold(e.location.name), True, given=e.lines.get(at, 1)))
    for r in archive.reports.values():
        at = ("location", "name") if ("location", "name") in r.lines else ("location",)
        uses.append(Use(r.path, at, r.location.name, fold(r.location.name), False, r.lines))
    return (near_names(uses, "place", lambda use, other: "if it is the same place, use one spelling", memo)
            + look_alikes(uses, "place") + places_with_more(uses))


def places_with_more(uses: list[Use]) -> list[Problem]:
    """`location: Gao, Mali`: a place named "Gao, Mali", apart from the archive's
    Gao (a bare string is the place's name, commas and all), with a page and a
    dot on the map of its own. Said where the part before the comma is another
    place's name, with the mapping that writes the rest as its own field."""
    named: dict[str, Use] = {}
    for u in uses:  # the event files' first
        named.setdefault(u.key, u)
    out = []
    for u in uses:
        split = place_and_more(u.name, named)
        if split is None:
            continue
        other, field, rest = named[fold(split[0])], split[1], split[2]
        out.append(Problem(u.path, u.line, dotted(u.at), (
            f'"{u.name}" is a place of its own, apart from {other.name} ({other.path}:{other.line}): if it is '
            f"{other.name}, write location: {{name: {split[0]}, {field}: {rest}}}"), "warning"))
    return out


def place_and_more(name: str, known) -> tuple[str, str, str] | None:
    """For "Gao, Mali" where "Gao" is a place of `known` (folded names): ("Gao",
    "country", "Mali"), the field the rest is ("region" where it is no
    country's name); else None."""
    head, _, rest = name.partition(",")
    if not rest.strip() or fold(head) not in known or fold(head) == fold(name):
        return None
    return head.strip(), "country" if _is_country(rest.strip()) else "region", rest.strip()


def _is_country(name: str) -> bool:
    return fold(name) in _countries("en") or fold(name) in _countries("fr")


def location_uses(content: Content, archive: Archive) -> list[tuple[str, Lines, object]]:
    """Each location a file gives, with the file's path and lines: the event files', then the reports'."""
    return ([(e.path, e.lines, e.location) for e in content.events if e.location]
            + [(r.path, r.lines, r.location) for r in archive.reports.values()])


def unknown_countries(content: Content, archive: Archive) -> list[Problem]:
    """A country's name that is no country's, a letter or two from one ("Mail"
    for "Mali"): the site would list it as a country of its own. Names as the
    archive's language writes them (Babel's, CLDR's); a name near none
    ("Azawad") is the curator's to choose."""
    known = _countries(archive.site.language)
    uses = location_uses(content, archive)
    near: dict[str, str] = {}
    out = []
    for path, lines, location in uses:
        name = location.country
        key = fold(name)
        if not name or key in known or len(key) < 4:
            continue
        if key not in near:
            found = min(((distance(key, k, 2), k) for k in known if abs(len(k) - len(key)) <= 2), default=(3, ""))
            # or the start of one country's name alone ("Burkina", as French says Burkina Faso)
            starting = [k for k in known if k.startswith(key + " ")]
            near[key] = (known[found[1]] if found[0] <= 2 else known[starting[0]] if len(starting) == 1 else "")
        if near[key]:
            at = ("location", "country")
            how = "the start of" if fold(near[key]).startswith(key + " ") else "near"
            out.append(Problem(path, lines.get(at, lines.get(("location",), 1)), dotted(at),
                               f'"{name}" is no country\'s name, and {how} "{near[key]}": if that country is meant, '
                               f'write "{near[key]}" (the site lists "{name}" as a country of its own)', "warning"))
    return out


# How far outside its country's outline (simplified, for the maps) a place may be, in degrees: a
# town on a border drawn a little inside it is not misplaced.
BORDER = 0.25


def misplaced(content: Content, archive: Archive, memo: dict) -> list[Problem]:
    """Coordinates outside the country the place names, where the maps know its
    outline: latitude and longitude swapped (Kaya at 13.09, -1.08 written
    -1.08, 13.09 is in Gabon), a sign lost, a place given the wrong country.
    Said on each file that gives them. `memo` keeps each answer between runs."""
    from ..site.maps import find_country, load_countries  # the maps' outlines (maps.py is above this module)
    countries = load_countries()
    uses = location_uses(content, archive)
    out = []
    for path, lines, location in uses:
        lat, lon = location.lat, location.lon
        if lat is None or lon is None:
            continue
        # a file that gives no country: the place's, as the archive's other files give it
        named = location.country or _place_country(archive, location.name)
        country = find_country(countries, named)
        if country is None:
            continue
        key = ("inside", country.name, lat, lon)
        memo[key] = inside = memo[key] if key in memo else _within(country, lon, lat)
        if inside:
            continue
        at = ("location", "lat")
        swapped = _within(country, lat, lon)
        out.append(Problem(path, lines.get(at, lines.get(("location",), 1)), dotted(at), (
            f"lat {lat:g}, lon {lon:g} is not in {named}, the country of {location.name}"
            + ("" if location.country else " (as the archive's other files give it)") + ": "
            + (f"are latitude and longitude swapped? lat: {lon:g}, lon: {lat:g} is in it" if swapped else
               "check the coordinates (west and south are negative), or the country")), "warning"))
    return out


def _place_country(archive: Archive, name: str) -> str:
    """The country of the place of that name, as the archive has it ("" if none)."""
    place = archive.places.get(archive.place_index.get(fold(name), ""))
    return place.location.country if place is not None else ""


def _within(country, lon: float, lat: float) -> bool:
    """Whether (lon, lat) is inside the country's outline, or within BORDER degrees of it."""
    if country.contains(lon, lat):
        return True
    west, south, east, north = country.bbox()
    if not (west - BORDER <= lon <= east + BORDER and south - BORDER <= lat <= north + BORDER):
        return False
    return any(_to_segment(lon, lat, ring[i], ring[(i + 1) % len(ring)]) <= BORDER
               for polygon in country.polygons for ring in polygon for i in range(len(ring)))


def _to_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


@functools.lru_cache(maxsize=4)
def _countries(lang: str) -> dict[str, str]:
    """Every country's and territory's name in `lang`, by its folded form."""
    try:
        names = cldr.facts(lang.replace("-", "_")).territories
    except cldr.UnknownLocale:
        names = cldr.facts("en").territories
    return {fold(name): name for code, name in names.items() if code.isalpha()}


def near_names(uses: list[Use], noun: str, advice, memo: dict) -> list[Problem]:
    """A warning at each use of the less likely spelling of two near names:
    the one without a curated file, else the one written less often (both
    when that ties)."""
    weight: dict[str, tuple[bool, int]] = {}
    by_name: dict[str, list[Use]] = {}
    for use in uses:
        curated, count = weight.get(use.key, (False, 0))
        weight[use.key] = (curated or use.curated, count + 1)
        by_name.setdefault(fold(use.name), []).append(use)
    problems = []
    names = sorted(by_name)
    key = (noun, hashlib.blake2b("\0".join(names).encode(), digest_size=16).digest())
    memo[key] = pairs = memo[key] if key in memo else near_pairs(names)
    for a, b, edits in pairs:
        if skeleton(a) == skeleton(b):
            continue  # one name in other characters: look_alikes says so
        for one, two in ((a, b), (b, a)):
            mine, theirs = by_name[one], by_name[two]
            keys, others = {u.key for u in mine}, {u.key for u in theirs}
            if keys & others:
                continue  # two spellings of one thing (an alias): fine
            if max(weight[k] for k in keys) > max(weight[k] for k in others):
                continue
            other = theirs[0]
            letters = "one letter" if edits == 1 else "two letters"
            for use in mine:
                problems.append(Problem(use.path, use.line, use.field, (
                    f'"{use.name}" is {letters} away from the {noun} "{other.name}" ({other.path}:{other.line}); '
                    f"{advice(use, other)}"), "warning"))
    return problems


def near_pairs(names: list[str], stats: dict | None = None) -> list[tuple[str, str, int]]:
    """Pairs of distinct names one or two edits apart, for names long enough,
    and shorter ones apart by a letter doubled (_doubled).

    Names mostly have rare trigrams, and a filter on them finds the pairs to
    compare quickly (_by_trigrams); names without rare trigrams (20,000 made
    of a few syllables) made it compare 10 million pairs, minutes. So once
    its candidates pass a budget linear in the number of names, the pairs are
    found by an index of deletions instead (_by_deletions): slower per name,
    but near-linear whatever the names. Both find every pair (tested against
    comparing every pair). Names with other numbers are never near
    ("Battalion 33", "Battalion 34"). `stats` counts the pairs "compared"."""
    numbers = [tuple(_DIGITS.findall(name)) for name in names]
    candidates = _by_trigrams(names, numbers, budget=20 * len(names) + 20_000)
    if candidates is None:
        candidates = _by_deletions(names, numbers)
    out = []
    for i, j in sorted(candidates):
        shorter = min(len(names[i]), len(names[j]))
        limit = 2 if shorter >= TWO_EDITS_FROM else 1
        edits = distance(names[i], names[j], limit)
        if 1 <= edits <= limit:
            out.append((names[i], names[j], edits))
    out += _doubled(names, numbers)
    if stats is not None:
        stats["compared"] = stats.get("compared", 0) + len(candidates)
    return out


def _doubled(names: list[str], numbers: list[tuple]) -> list[tuple[str, str, int]]:
    """Short names (too short for near_pairs' edits) that differ by a letter
    doubled or not: "Mourra" for "Moura", "Gossi" for "Gosi". A letter typed
    twice is a slip; two places a letter apart otherwise ("Niono", "Nioro")
    are not told."""
    single: dict[tuple, list[int]] = {}
    for j, name in enumerate(names):
        single.setdefault((_UNDOUBLED.sub(r"\1", name), numbers[j]), []).append(j)
    return [(names[i], names[j], edits) for same in single.values() if len(same) > 1
            for i, j in itertools.combinations(same, 2)
            if min(len(names[i]), len(names[j])) < ONE_EDIT_FROM and (edits := distance(names[i], names[j], 2)) <= 2]


_UNDOUBLED = re.compile(r"(\w)\1+")


def _by_trigrams(names: list[str], numbers: list[tuple], budget: int) -> set[tuple[int, int]] | None:
    """The pairs worth comparing, by a prefix filter over trigrams (as in
    PPJoin), or None past `budget` pairs: an edit changes at most three of a
    name's trigrams, so two names two edits apart share all but six of them,
    and then the seven rarest trigrams of one (rarest over all the names) and
    the seven rarest of the other hold one in common. Each name is looked up
    by its seven rarest trigrams only; shared words ("Katiba", "Front") are
    never rare."""
    grams = [_trigrams(name) if len(name) >= ONE_EDIT_FROM else [] for name in names]
    frequency = Counter(g for mine in grams for g in mine)
    index: dict[tuple, list[int]] = {}
    candidates: set[tuple[int, int]] = set()
    for j, name in enumerate(names):
        for gram in sorted(grams[j], key=lambda g: (frequency[g], g))[:PREFIX]:
            key = (gram, numbers[j])
            candidates.update((i, j) for i in index.get(key, ()) if abs(len(names[i]) - len(name)) <= 2)
            index.setdefault(key, []).append(j)
        if len(candidates) > budget:
            return None
    return candidates


def _by_deletions(names: list[str], numbers: list[tuple]) -> set[tuple[int, int]]:
    """The pairs worth comparing, by SymSpell's index: two names at most k
    edits apart share a string made by deleting at most k letters from each
    (a letter changed is one deleted from both, a letter added to one is one
    deleted from the other), so each name is filed under its deletions, k
    being its own limit, and names filed under one string are compared.
    About L²/2 strings a name of L letters, kept as a sorted list of
    integers (a string's hash above the name's number) to stay small."""
    bits = max(len(names), 1).bit_length()
    filed: list[int] = []
    for j, name in enumerate(names):
        if len(name) >= ONE_EDIT_FROM:
            suffix = "\0" + " ".join(numbers[j])
            limit = 2 if len(name) >= TWO_EDITS_FROM else 1
            filed.extend(((hash(shorter + suffix) & _HASH) << bits) | j for shorter in _deletions(name, limit))
    filed.sort()
    candidates: set[tuple[int, int]] = set()
    start = 0
    for end in range(1, len(filed) + 1):
        if end < len(filed) and filed[end] >> bits == filed[start] >> bits:
            continue
        if end - start > 1:
            same = [f & ((1 << bits) - 1) for f in filed[start:end]]
            candidates.update((i, j) for i, j in itertools.combinations(same, 2)
                              if abs(len(names[i]) - len(names[j])) <= 2 and numbers[i] == numbers[j])
        start = end
    return candidates


_DIGITS = re.compile(r"\d+")
PREFIX = 3 * 2 + 1  # trigrams an edit can change, times the edits allowed, plus one
_HASH = (1 << 40) - 1


def _deletions(name: str, limit: int) -> set[str]:
    """`name` and every string made from it by deleting one letter, or up to `limit` letters."""
    found = frontier = {name}
    for _ in range(limit):
        frontier = {w[:k] + w[k + 1:] for w in frontier for k in range(len(w))}
        found = found | frontier
    return found


def _trigrams(name: str) -> list[tuple[str, int]]:
    """A name's trigrams, each with its occurrence ("aaaa": ("aaa", 1), ("aaa", 2)), so that they form a set."""
    seen: dict[str, int] = {}
    out = []
    for k in range(len(name) - 2):
        gram = name[k:k + 3]
        seen[gram] = seen.get(gram, 0) + 1
        out.append((gram, seen[gram]))
    return out


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is certainly above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # What both begin and end with costs nothing: near names differ in a letter or two.
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start:len(a) - end], b[start:len(b) - end]
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


# _like_latin's table, once read (or taken from a build's memo: _remember_like_latin)
_LIKE_LATIN: dict[int, str] | None = None
# Its key in lint's memo, which the build cache keeps
LIKE_LATIN = "like-latin"


def _remember_like_latin(memo: dict) -> None:
    """_like_latin's table as the last build kept it in lint's memo (8 KB: reading
    Unicode's list, 0.9 MB of JSON, took 15 ms of every build), kept again."""
    global _LIKE_LATIN
    kept = memo.get(LIKE_LATIN)
    if _LIKE_LATIN is None and isinstance(kept, dict):
        _LIKE_LATIN = kept
    memo[LIKE_LATIN] = _like_latin()


def _like_latin() -> dict[int, str]:
    """Characters drawn like a Latin letter or digit, read as it: "Wаgner" with a
    Cyrillic а is another name to a computer, slipped in by an attacker or a
    keyboard layout. From Unicode's own list (confusables.txt of UTS #39, as
    confusable_homoglyphs ships it), not a table of our own that would miss most."""
    global _LIKE_LATIN
    if _LIKE_LATIN is None:
        _LIKE_LATIN = _read_like_latin()
    return _LIKE_LATIN


def _read_like_latin() -> dict[int, str]:
    data = json.loads((resources.files("confusable_homoglyphs") / "confusables.json").read_text("utf-8"))
    table: dict[int, str] = {}
    for char, glyphs in data.items():
        if len(char) == 1 and not char.isascii() and unicodedata.category(char)[0] == "L":
            latin = [g["c"] for g in glyphs if g["c"].isascii() and g["c"].isalnum()]
            if latin:
                table[ord(char)] = min(latin, key=lambda g: (not g.isalpha(), len(g), g))
    # Where Unicode's prototype is another letter than the one a reader sees once
    # case is folded (Greek Ι is "l" there, "i" to us), or it has none (τ, χ).
    table.update({ord(a): b for a, b in zip("ӏΙτχ", "litx")})
    return table


_HIDDEN = re.compile(f"[{HIDDEN_CLASS}]")
_CONFUSABLE = {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"}


def skeleton(name: str) -> str:
    """What a name looks like: invisible and bidirectional characters dropped,
    look-alike letters of other scripts read as the Latin ones, then folded."""
    return fold(_HIDDEN.sub("", unicodedata.normalize("NFKC", name)).translate(_like_latin()))


def strange(name: str) -> str:
    """'' for a name in one script without hidden characters; else what is strange in it."""
    hidden = [c for c in name if _HIDDEN.match(c)]
    if hidden:
        return "holds " + ", ".join(dict.fromkeys(_describe(c) for c in hidden))
    scripts: dict[str, str] = {}
    for c in name:
        if c.isalpha() and c > "~":
            script = unicodedata.name(c, "?").split(" ")[0]
            if script in _CONFUSABLE:
                scripts.setdefault(script, c)
        elif c.isalpha():
            scripts.setdefault("LATIN", c)
    if len(scripts) > 1:
        return "mixes the scripts " + " and ".join(f"{script} ({_describe(c)})" for script, c in scripts.items())
    return ""


def _plain(folded: str) -> bool:
    """Whether a (folded) name holds no letter drawn like another: the spelling to keep."""
    return not _HIDDEN.search(folded) and folded.translate(_like_latin()) == folded


def _describe(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c, 'a control character')}"


def _spelt(name: str) -> str:
    """The name with every character outside printable ASCII shown by its code point."""
    return "".join(c if " " <= c <= "~" else f"<U+{ord(c):04X}>" for c in name)


def look_alikes(uses: list[Use], noun: str) -> list[Problem]:
    """A warning at each use of a name that looks like another name but is
    spelt otherwise, both spellings shown; and at each name that mixes
    scripts or holds invisible characters (once per name). Linear: names are
    grouped by their skeleton."""
    by_name: dict[str, list[Use]] = {}
    for use in uses:
        by_name.setdefault(fold(use.name), []).append(use)
    looks: dict[str, list[str]] = {}
    for name in by_name:
        looks.setdefault(skeleton(name), []).append(name)
    problems = []
    for name, mine in by_name.items():
        odd = strange(mine[0].name)
        twins = [other for other in looks[skeleton(name)]
                 if other != name and not strange(by_name[other][0].name) and _plain(other)]
        keys = {u.key for u in mine}
        for use in mine:
            if twins:
                other = by_name[twins[0]][0]
                if other.key in keys:
                    continue
                message = (f'"{use.name}" looks like the {noun} "{other.name}" ({other.path}:{other.line}) but is '
                           f'spelt with other characters: "{_spelt(use.name)}" against "{_spelt(other.name)}"; '
                           f"type the name again in plain letters")
            elif odd:
                message = f'"{use.name}" {odd}: "{_spelt(use.name)}"; type the name again in plain letters'
            else:
                break
            problems.append(Problem(use.path, use.line, use.field, message, "warning"))
    return problems


_NUMBERED = re.compile(r"-\d+$")
_DIGITS = re.compile(r"\d")


def split_events(archive: Archive) -> list[Problem]:
    """A report alone naming an event no file curates, where an event of the
    same place and month, curated or reported more than once, has a slug a
    letter or two away ("2025-02-gao-road-killing"; not "x-2" beside "x" or
    "x-3", incidents told apart), or is curated and of the same day (a report left
    behind when the event's file was renamed): one incident, split in two."""
    groups: dict[tuple, list] = {}
    for e in (e for e in archive.events.values() if e.place):
        groups.setdefault((e.place, e.date.year, e.date.month), []).append(e)
    problems = []
    for group in (g for g in groups.values() if len(g) > 1):
        for e in (e for e in group if not e.curated and e.date.month):
            # Several reports naming a slug no file curates are one slip only beside a curated event.
            for other in (o for o in group if o is not e and (o.curated or len(o.reports) > 1 and len(e.reports) == 1)):
                if _NUMBERED.sub("", e.slug) == _NUMBERED.sub("", other.slug):
                    continue  # "x" and "x-2", "x-2" and "x-3": told apart on purpose (unique_slug's way)
                if _DIGITS.sub("", e.slug) == _DIGITS.sub("", other.slug) and e.date != other.date:
                    continue  # "2025-02-10-tessit-attack" and "2025-02-11-…": days apart, in the slug too
                edits = distance(e.slug, other.slug, 2)
                day = bool(e.date.day) and e.date == other.date
                if edits > 2 and not (day and other.curated and len(e.reports) == 1):
                    continue  # several reports naming a slug of their own on purpose: a second incident
                backed = ([f"its file content/events/{other.slug}.md"] if other.curated else []) + (
                    [f"{len(other.reports)} reports"] if len(other.reports) > 1 else [])
                how = (f'is {"one letter" if edits == 1 else "two letters"} away from "{other.slug}", an event of '
                       f'the same place and {"day" if day else "month"}' if edits <= 2 else
                       f'is an event of its own, on the same day and at the same place as "{other.slug}"')
                alone = ("this report alone names it" if len(e.reports) == 1 else
                         f"{len(e.reports)} reports name it and no file curates it")
                for r in (archive.reports[slug] for slug in e.reports):
                    problems.append(Problem(r.path, _line(r, ("event",)), "event", (
                        f'"{e.slug}" {how} ({" and ".join(backed)}), and {alone}: if they are one event, write '
                        f'"{other.slug}"; if they are two incidents, give this one a file, '
                        f"content/events/{e.slug}.md"), "warning"))
                break
    return problems + _misspelt_elsewhere(archive, {p.path for p in problems})


def _apart_by_place(e: Event, other: Event) -> bool:
    """Whether two events' slugs differ by their places' names alone: "2023-05-mota-killings" at Mota and
    "2023-05-mofa-killings" at Mofa are two villages, not a slug mistyped."""
    return (e.place in e.slug and other.place in other.slug
            and e.slug.replace(e.place, "", 1) == other.slug.replace(other.place, "", 1))


def _misspelt_elsewhere(archive: Archive, said: set[str]) -> list[Problem]:
    """A report alone naming an event no file curates, a letter away from a
    curated event of the same month at another place: the slug mistyped, the
    place written another way ("Gao" for the event's "Gao–Algeria road"), which
    the place's group above does not see."""
    curated: dict[tuple, list] = {}
    for e in (e for e in archive.events.values() if e.curated):
        curated.setdefault((e.date.year, e.date.month), []).append(e)
    problems = []
    for e in archive.events.values():
        if e.curated or len(e.reports) != 1 or not e.date.month or archive.reports[e.reports[0]].path in said:
            continue
        other = next((o for o in curated.get((e.date.year, e.date.month), ()) if o.place != e.place
                      and _NUMBERED.sub("", e.slug) != _NUMBERED.sub("", o.slug) and distance(e.slug, o.slug, 1) == 1
                      and not _apart_by_place(e, o)), None)
        if other is not None:
            r = archive.reports[e.reports[0]]
            problems.append(Problem(r.path, _line(r, ("event",)), "event", (
                f'"{e.slug}" is one letter away from "{other.slug}", an event of the same month (its file '
                f"content/events/{other.slug}.md), and this report alone names it: if they are one event, write "
                f'"{other.slug}" (and the place as its other reports write it); if they are two incidents, give '
                f"this one a file, content/events/{e.slug}.md"), "warning"))
    return problems


def same_urls(archive: Archive) -> list[Problem]:
    first: dict[str, Report] = {}
    problems = []
    for r in sorted(archive.reports.values(), key=lambda r: r.slug):
        if not r.source.url:
            continue
        key = url_key(r.source.url)
        if key not in first:
            first[key] = r
            continue
        was = first[key]
        where = f"{was.path}:{_line(was, ('source', 'url'))}"
        if was.event == r.event:
            message = (f"{where} has the same URL and the same event: is this report a duplicate? "
                       "(an article about two incidents makes two reports, each with its own event)")
        else:
            message = (f'{where} has the same URL, for the event "{was.event}": is this the same article filed '
                       f"twice? (an article about two incidents makes two reports, one for each event: "
                       f"then leave both)")
        problems.append(Problem(r.path, _line(r, ("source", "url")), "source.url", message, "warning"))
    return problems


def same_headlines(archive: Archive) -> list[Problem]:
    """Two reports of one event by one publisher under one headline (the
    article's, else the report's title): the same article filed twice, most
    likely, as a copy made to start a new report and never changed. Said on
    both (which is the copy, no file tells; a pull request's is either), not
    where each gives its own address (same_urls says the same address)."""
    first: dict[tuple, Report] = {}
    told: set[str] = set()
    problems = []

    def said(r: Report, other: Report) -> Problem:
        at = ("source", "title") if r.source.title else ("title",)
        return Problem(r.path, _line(r, at), dotted(at), (
            f"{other.path}:{_line(other, at)} has the same event, publisher and "
            f"{'headline' if r.source.title else 'title'}: is one of the two a duplicate? (a report copied to start "
            "another keeps them: write the new article's own)"), "warning")

    for r in sorted(archive.reports.values(), key=lambda r: r.slug):
        key = (r.event, fold(r.source.publisher), " ".join(fold(r.source.title or r.title).split()))
        was = first.setdefault(key, r)
        if was is r or (was.source.url and r.source.url):
            continue
        problems.append(said(r, was))
        if was.path not in told:
            told.add(was.path)
            problems.append(said(was, r))
    return problems


def merged_tags(archive: Archive) -> list[Problem]:
    """Two tags written apart that the site shows as one, at one address: a tag's
    page is its slug's, so "убийства" and "ubiystva" (transliterated alike) are
    one tag, named as the reports first write it. Said on the first report of
    each spelling, the one shown too (a new report's spelling can take the
    page's name over). Case, accents and punctuation aside they are meant as
    one ("Mass grave" and "mass-grave", "massacré" and "massacre"): not said."""
    spellings: dict[str, dict[str, tuple[str, Report, int]]] = {}  # slug → spelling → (as written, report, index)
    for r in archive.reports.values():  # the order lists.tags names each tag in
        for i, tag in enumerate(r.tags):
            if slug := slugify(tag):
                spellings.setdefault(slug, {}).setdefault(_spelling(tag), (tag, r, i))
    problems = []
    for slug, found in spellings.items():
        if len(found) < 2:
            continue
        shown = next(iter(found.values()))[0]
        for tag, r, i in found.values():
            others = ", ".join(f'"{t}" ({o.path}:{_line(o, ("tags", j))})' for t, o, j in found.values() if t != tag)
            problems.append(Problem(r.path, _line(r, ("tags", i)), f"tags[{i}]", (
                f'"{tag}" and {others} are one tag on the site, its page /tags/{slug}/ named "{shown}": if they '
                "are one tag, write them alike; if not, tell them apart"), "warning"))
    return problems


def places_named(archive: Archive) -> list[Problem]:
    """site.yaml's `fr: places:` names places in French: a name no report or event
    gives its place (a misspelling, a place since renamed) names nothing."""
    problems = []
    for t in (t for t in archive.site.translations if t.places):
        known = {fold(p.location.name): p.location.name for p in archive.places.values()}
        for written, _, line in t.places:
            if fold(written) not in known:
                near = difflib.get_close_matches(fold(written), list(known), n=1, cutoff=0.75)
                problems.append(Problem("site.yaml", line, f"{t.lang}.places.{written}", (
                    f'no report or event has the place "{written}"'
                    + (f' (did you mean "{known[near[0]]}"?)' if near else "")
                    + ": write the place's name as the reports write it, or remove the line"), "warning"))
    return problems


def tag_names(archive: Archive) -> list[Problem]:
    """site.yaml's `fr: tags:` names each tag in French: a tag no report has (a
    misspelling, a tag since renamed) names nothing, and two tags that read
    alike on the French pages (two given one name, or one given the name
    another keeps as written) read as one there, at two addresses. A tag it
    leaves out (a new report's new tag) shows on those pages as written: said
    on the first report that has it, where a contributor adds it."""
    problems = []
    for t in (t for t in archive.site.translations if t.names):
        written = {slugify(tag): tag for r in reversed(archive.reports.values()) for tag in r.tags}
        given = {slug for slug, *_ in t.names}
        problems += _unnamed_tags(archive, t.lang, given)
        # each tag's name on these pages: as written where site.yaml gives it none
        shown = {fold(tag): (slug, 0) for slug, tag in written.items() if slug not in given}
        for slug, name, line, key in t.names:
            field = f"{t.lang}.tags.{key}"
            if slug not in written:
                near = difflib.get_close_matches(slug, list(written), n=1, cutoff=0.75)
                problems.append(Problem("site.yaml", line, field, (
                    f'no report has the tag "{key}"' + (f' (did you mean "{written[near[0]]}"?)' if near else "")
                    + ": write the tag as the reports write it, or remove the line"), "warning"))
            elif (other := shown.setdefault(fold(name), (slug, line)))[0] != slug:
                whose = (f'the name of the tag "{written[other[0]]}" (line {other[1]})' if other[1] else
                         f'how the tag "{written[other[0]]}" reads, which has no name here')
                problems.append(Problem("site.yaml", line, field, (
                    f'"{name}" is also {whose}: on the pages in this language the two tags read the same; give '
                    "each a name of its own"), "warning"))
    return problems


def _unnamed_tags(archive: Archive, lang: str, given: set[str]) -> list[Problem]:
    """Each tag site.yaml's `<lang>: tags:` gives no name, on its first report's
    line (not a draft's: its tags are not on the site yet)."""
    first: dict[str, tuple[Report, int]] = {}
    reports: Counter = Counter()
    for r in (r for r in archive.reports.values() if not r.draft):
        for i, tag in enumerate(r.tags):
            if (slug := slugify(tag)) and slug not in given:
                first.setdefault(slug, (r, i))
                reports[slug] += slug not in {slugify(x) for x in r.tags[:i]}
    language = cldr.display_name(lang, "en") or lang
    problems = []
    for slug, (r, i) in first.items():
        others = reports[slug] - 1
        also = f" (and {others} other report{'s' * (others > 1)})" if others else ""
        problems.append(Problem(r.path, _line(r, ("tags", i)), f"tags[{i}]", (
            f'"{r.tags[i]}"{also} has no name in {language}: add it to site.yaml under {lang}: tags: '
            f"({slug}: its name), or the pages in {language} show it as written"), "warning"))
    return problems


def _spelling(tag: str) -> str:
    """A tag as written, case, accents and punctuation aside: "Mass grave" = "mass-grave"."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(tag)).split())


def unlisted_actors(content: Content, archive: Archive) -> list[Problem]:
    """A claim's according_to or a response's by that names one of the archive's
    actors which no report of the event lists among its actors: the event's page
    shows the claim or the response, but the actor's page, its feed and the
    data's actors of the event do not list the event. Said on the line that
    names it, with the line to add."""
    out = []
    # the actors with a page that lists events: a file's, or one a report lists (not one named in a claim alone)
    paged = {archive.actor_index.get(fold(a.name)) for a in content.actors} | {
        actor for links in archive.links.values() for actor, _ in links.actors}
    for slug, r in archive.reports.items():
        links = archive.links[slug]
        event = archive.events.get(r.event)  # an actor another report of the event lists is listed
        listed = {actor for actor, _ in links.actors} | {i.actor for i in (event.actors if event else ())}
        for field, key, refs, role in (("reported_toll", "according_to", links.claims, "claimant"),
                                       ("responses", "by", links.responses, "")):
            seen: set[str] = set()
            for i, ref in enumerate(refs):
                if not ref.actor or ref.actor in listed or ref.actor in seen or ref.actor not in paged:
                    continue
                seen.add(ref.actor)
                written = ref.claim.according_to if field == "reported_toll" else ref.response.by
                name = archive.actors[ref.actor].name
                at = (field, i, key) if (field, i) in r.lines else (field, key)
                add = f"{{name: {name}, role: {role}}}" if role else f"{{name: {name}, role: …}} (its role in the event)"
                out.append(Problem(r.path, _line(r, at), dotted(at), (
                    f'"{written}" is the actor {name}, which the actors of this report (and of its event\'s others) '
                    f"leave out: its page, its feed and the data's actors of the event do not list the event; add "
                    f"{add} to actors"), "warning"))
    return out


def toll_outliers(archive: Archive) -> list[Problem]:
    problems = []
    for event in archive.events.values():
        killed = {}
        for slug in event.reports:
            toll = toll_range([c for claim in archive.reports[slug].claims if (c := claim.count("killed"))])
            if toll and toll.high > 0:  # 0 is a denial, not a typo
                killed[slug] = toll.high
        figures = sorted(killed.values())
        for slug, mine in killed.items():
            if len(figures) < 2:
                continue
            theirs = _median_without(figures, mine)
            if mine >= TENFOLD * theirs or theirs >= TENFOLD * mine:
                r = archive.reports[slug]
                middle = f"{theirs:g}"
                others = figures[:]
                others.remove(mine)
                shown = ", ".join(map(str, others[:20])) + (f" and {len(others) - 20} more" if len(others) > 20 else "")
                which = (f"the {middle} of the other report" if len(others) == 1 else
                         f"the {middle} of the other reports (the middle of {shown})")
                problems.append(Problem(r.path, _line(r, ("reported_toll",)), "reported_toll", (
                    f"{mine} killed is ten times or more {'above' if mine > theirs else 'below'} {which} "
                    f"of the event {event.slug}: check the figure"), "warning"))
    return problems


def impossible_dates(archive: Archive, today: dt.date) -> list[Problem]:
    """A report's or an event file's dates that cannot be right, most often a
    year mistyped: the incident after the article that reports it, or
    anything after `today`.
    A date as precise as a month or a year is only wrong if all of it is later."""
    problems = []
    for r in archive.reports.values():
        published = r.source.published
        if published is not None and r.date.first() > published.last():
            problems.append(Problem(r.path, _line(r, ("date",)), "date", (
                f"{r.date.iso()} is after the source's publication ({published.iso()}): an article cannot report "
                "an incident that had not happened yet; check the year"), "warning"))
        elif r.date.first() > today:
            problems.append(Problem(r.path, _line(r, ("date",)), "date",
                                    f"{r.date.iso()} is after today ({today.isoformat()}): check the year", "warning"))
        if published is not None and published.first() > today:
            problems.append(Problem(r.path, _line(r, ("source", "published")), "source.published",
                                    f"{published.iso()} is after today ({today.isoformat()}): check the year",
                                    "warning"))
        for i, response in enumerate(r.responses):
            if response.date is not None and response.date.first() > today:
                problems.append(Problem(r.path, _line(r, ("responses", i, "date")), f"responses[{i}].date",
                                        f"{response.date.iso()} is after today ({today.isoformat()}): check the year",
                                        "warning"))
    for slug, e in archive.event_files.items():  # the curator's date of an event, against its reports'
        if e.date is None or slug not in archive.events:
            continue
        line = e.lines.get(("date",), 1)
        dated = [r for r in map(archive.reports.get, archive.events[slug].reports)  # not one warned of itself
                 if r is not None and r.source.published is not None and r.date.first() <= r.source.published.last()]
        first = min(dated, key=lambda r: r.source.published.last(), default=None)
        if first is not None and e.date.first() > first.source.published.last():
            problems.append(Problem(e.path, line, "date", (
                f"{e.date.iso()} is after the publication of {first.path}:{_line(first, ('source', 'published'))} "
                f"({first.source.published.iso()}), a report of this event: an article cannot report an incident "
                "that had not happened yet; check the year"), "warning"))
        elif e.date.first() > today:
            problems.append(Problem(e.path, line, "date",
                                    f"{e.date.iso()} is after today ({today.isoformat()}): check the year", "warning"))
    return problems


def _median_without(figures: list[int], mine: int) -> float:
    """The median of the sorted `figures` with one `mine` taken out, without making that list:
    an event's reports each compared with all the others stay O(n log n)."""
    gone = bisect_left(figures, mine)
    count = len(figures) - 1

    def at(k: int) -> int:
        return figures[k if k < gone else k + 1]

    return at(count // 2) if count % 2 else (at(count // 2 - 1) + at(count // 2)) / 2


def _line(r: Report, at: tuple) -> int:
    return _line_in(r.lines, at)


def _line_in(lines: Lines, at: tuple) -> int:
    """The line of the field `at`, or of the nearest field above it that has one."""
    for end in range(len(at), 0, -1):
        if at[:end] in lines:
            return lines[at[:end]]
    return 1
