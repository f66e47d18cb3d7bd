"""Warnings: content that is valid but probably a mistake. `check` and `build`
print them and go on; `check --strict` counts them as errors.

- a name a letter or two from another actor's name or alias ("Wagner Grop");
- a place name a letter or two from another place's;
- one source URL in two reports of the same event (a duplicate report; one
  article about two incidents is two reports of two events, and is fine);
- a report whose killed toll is more than ten times above or below that of
  the other reports of its event.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from urllib.parse import urlsplit

from .errors import Problem
from .frontmatter import dotted
from .link import Archive, toll_range
from .model import Content, Report
from .names import fold

# How far apart two names may be and still look like one name misspelt, by
# the length of the shorter one: short names ("FLA", "FLN") and short place
# names ("Niono", "Nioro") are often different things a letter apart.
ONE_EDIT_FROM = 6
TWO_EDITS_FROM = 10
TENFOLD = 10


@dataclass(frozen=True)
class Use:
    """One place where a name is written: which thing it names (`key`), and
    whether that thing has a curated file (more likely the right spelling)."""

    path: str
    line: int
    field: str
    name: str
    key: str
    curated: bool = False


def lint(content: Content, archive: Archive, known: dict | None = None) -> list[Problem]:
    """Every warning. `known` keeps near_pairs' answers between runs, by the
    names asked about (each answer used is written into it again: a ChainMap
    of a new dict and the old one keeps just those)."""
    memo = known if known is not None else {}
    return sorted(actor_names(content, archive, memo) + place_names(content, archive, memo)
                  + same_urls(archive) + toll_outliers(archive))


def actor_names(content: Content, archive: Archive, memo: dict) -> list[Problem]:
    uses = []
    for a in content.actors:
        uses.append(Use(a.path, a.lines.get(("name",), 1), "name", a.name, a.slug, True))
        uses += [Use(a.path, a.lines.get(("aliases", i), 1), f"aliases[{i}]", alias, a.slug, True)
                 for i, alias in enumerate(a.aliases)]
    for r in archive.reports.values():
        links = archive.links[r.slug]
        for i, (m, (slug, _)) in enumerate(zip(r.actors, links.actors)):
            at = ("actors", i, "name") if ("actors", i, "name") in r.lines else ("actors", i)
            uses.append(Use(r.path, _line(r, at), dotted(at), m.name, slug))
        for i, x in enumerate(links.responses):
            uses.append(Use(r.path, _line(r, ("responses", i, "by")), f"responses[{i}].by", x.response.by, x.actor))
        many = ("reported_toll", 0) in r.lines
        for i, c in enumerate(links.claims):
            if c.claim.according_to:
                at = ("reported_toll", i, "according_to") if many else ("reported_toll", "according_to")
                # A claimant that is no actor is free text; it is only ever the suspect.
                uses.append(Use(r.path, _line(r, at), dotted(at), c.claim.according_to,
                                c.actor or "text:" + fold(c.claim.according_to)))
    files = {a.slug: a.path for a in content.actors}

    def advice(use: Use, other: Use) -> str:
        if other.key in files:
            return f"if it is the same actor, fix the spelling or add it to the aliases in {files[other.key]}"
        return "if it is the same actor, use one spelling"

    return near_names(uses, "actor", advice, memo)


def place_names(content: Content, archive: Archive, memo: dict) -> list[Problem]:
    uses = []
    for e in content.events:
        if e.location:
            at = ("location", "name") if ("location", "name") in e.lines else ("location",)
            uses.append(Use(e.path, e.lines.get(at, 1), dotted(at), e.location.name, fold(e.location.name), True))
    for r in archive.reports.values():
        at = ("location", "name") if ("location", "name") in r.lines else ("location",)
        uses.append(Use(r.path, _line(r, at), dotted(at), r.location.name, fold(r.location.name)))
    return near_names(uses, "place", lambda use, other: "if it is the same place, use one spelling", memo)


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


def near_pairs(names: list[str]) -> list[tuple[str, str, int]]:
    """Pairs of distinct names one or two edits apart, for names long enough.
    Candidates come from a pigeonhole (as in PassJoin): cut a name into three
    pieces, and a name at most two edits away holds one of them intact, within
    two characters of where it was. So few pairs are ever compared."""
    index: dict[tuple[int, int, str], list[int]] = {}
    for i, name in enumerate(names):
        if len(name) >= ONE_EDIT_FROM:
            for piece, (begin, size) in enumerate(_pieces(len(name))):
                index.setdefault((len(name), piece, name[begin:begin + size]), []).append(i)
    pairs = set()
    for j, name in enumerate(names):
        for length in range(max(len(name) - 2, ONE_EDIT_FROM), len(name) + 3):
            for piece, (begin, size) in enumerate(_pieces(length)):
                for at in range(max(begin - 2, 0), min(begin + 2, len(name) - size) + 1):
                    pairs.update((min(i, j), max(i, j)) for i in index.get((length, piece, name[at:at + size]), ())
                                 if i != j)
    out = []
    for i, j in sorted(pairs):
        a, b = names[i], names[j]
        shorter = min(len(a), len(b))
        limit = 2 if shorter >= TWO_EDITS_FROM else 1 if shorter >= ONE_EDIT_FROM else 0
        if not limit or re.findall(r"\d+", a) != re.findall(r"\d+", b):
            continue  # "Battalion 33" and "Battalion 34" are two things
        edits = distance(a, b, limit)
        if 1 <= edits <= limit:
            out.append((a, b, edits))
    return out


@lru_cache(maxsize=None)
def _pieces(length: int) -> list[tuple[int, int]]:
    """Where the three pieces of a name of this length begin, and their sizes."""
    size, extra = divmod(length, 3)
    sizes = [size + (k < extra) for k in range(3)]
    return [(sum(sizes[:k]), sizes[k]) for k in range(3)]


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


def same_urls(archive: Archive) -> list[Problem]:
    first: dict[tuple[str, str], Report] = {}
    problems = []
    for r in sorted(archive.reports.values(), key=lambda r: r.slug):
        if not r.source.url:
            continue
        key = (r.event, _same_url(r.source.url))
        if key not in first:
            first[key] = r
            continue
        problems.append(Problem(r.path, _line(r, ("source", "url")), "source.url", (
            f"{first[key].path} has the same URL and the same event: is this report a duplicate? "
            "(an article about two incidents makes two reports, each with its own event)"), "warning"))
    return problems


def _same_url(url: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"


def toll_outliers(archive: Archive) -> list[Problem]:
    problems = []
    for event in archive.events.values():
        killed = {}
        for slug in event.reports:
            toll = toll_range([c for claim in archive.reports[slug].claims if (c := claim.count("killed"))])
            if toll and toll.high > 0:  # 0 is a denial, not a typo
                killed[slug] = toll.high
        for slug, mine in killed.items():
            others = [n for s, n in killed.items() if s != slug]
            if not others:
                continue
            theirs = median(others)
            if mine > TENFOLD * theirs or theirs > TENFOLD * mine:
                r = archive.reports[slug]
                middle = f"{theirs:g}"
                which = (f"the {middle} of the other report" if len(others) == 1 else
                         f"the {middle} of the other reports (the middle of {', '.join(map(str, sorted(others)))})")
                problems.append(Problem(r.path, _line(r, ("reported_toll",)), "reported_toll", (
                    f"{mine} killed is more than ten times {'above' if mine > theirs else 'below'} {which} "
                    f"of the event {event.slug}: check the figure"), "warning"))
    return problems


def _line(r: Report, at: tuple) -> int:
    for end in range(len(at), 0, -1):
        if at[:end] in r.lines:
            return r.lines[at[:end]]
    return 1
