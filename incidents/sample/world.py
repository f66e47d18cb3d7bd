"""The world a sample archive describes: places in the Sahel, actors with
aliases, events, and which publisher reports each. Names that the check
would take for misspellings of one another (a letter or two apart) are
left out, so that the archive checks without warnings."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from dataclasses import dataclass

from ..content.lint import near_pairs
from ..content.names import fold, slugify, unique_slug
from .prose import SYLLABLES

# (country, region, latitude, longitude, weight)
REGIONS = [
    ("Mali", "Gao", 16.27, -0.04, 9), ("Mali", "Kidal", 18.44, 1.41, 6), ("Mali", "Timbuktu", 16.77, -3.01, 6),
    ("Mali", "Mopti", 14.49, -4.19, 9), ("Mali", "Ségou", 13.43, -6.26, 5), ("Mali", "Ménaka", 15.92, 2.40, 6),
    ("Mali", "Koulikoro", 12.86, -7.56, 2), ("Mali", "Sikasso", 11.32, -5.67, 2), ("Mali", "Kayes", 14.45, -11.44, 1),
    ("Mali", "Taoudénit", 22.68, -3.98, 1), ("Mali", "Bandiagara", 14.35, -3.61, 6),
    ("Burkina Faso", "Sahel", 14.03, -0.03, 6), ("Burkina Faso", "Nord", 13.58, -2.42, 4),
    ("Burkina Faso", "Est", 12.06, 0.36, 4), ("Burkina Faso", "Centre-Nord", 13.09, -1.08, 4),
    ("Niger", "Tillabéri", 14.21, 1.45, 6), ("Niger", "Tahoua", 14.89, 5.27, 3), ("Niger", "Agadez", 16.97, 7.99, 1),
    ("Mauritania", "Hodh Ech Chargui", 16.62, -7.26, 1),
]
FIXED_ACTORS = [
    ("Malian Armed Forces", ["FAMa", "Forces Armées Maliennes"], "armed force"),
    ("Burkinabe Armed Forces", ["Forces de défense et de sécurité"], "armed force"),
    ("Nigerien Armed Forces", ["Forces Armées Nigériennes"], "armed force"),
    ("Volunteers for the Defence of the Homeland", ["VDP"], "auxiliary force"),
    ("Foreign Security Contractors", ["private military contractors", "PMC"], "armed force"),
    ("Sahel Human Rights Observatory", ["SHRO", "Observatoire sahélien des droits humains"], "rights organisation"),
    ("UN Human Rights Division", ["Division des droits de l'homme"], "UN body"),
]
ACTOR_PATTERNS = [
    ("{p} Liberation Front", "Front de libération de {p}", "armed group"),
    ("Movement for the Salvation of {p}", "Mouvement pour le salut de {p}", "armed group"),
    ("{p} Self-Defence Group", "Groupe d'autodéfense de {p}", "militia"),
    ("{p} Vigilance Committee", "Comité de vigilance de {p}", "militia"),
    ("{p} Human Rights Association", "Association des droits humains de {p}", "rights organisation"),
    ("{p} Hunters Brotherhood", "Confrérie des chasseurs de {p}", "militia"),
    ("{p} Victims Collective", "Collectif des victimes de {p}", "victims' association"),
    ("{p} Regional Council", "Conseil régional de {p}", "local authority"),
]
ARMED = {"armed force", "auxiliary force", "armed group", "militia"}
UNFILED_PATTERNS = ["Youth Association of {p}", "{p} Traders Union", "{p} Women's Cooperative", "Elders of {p}"]
KINDS = [("killings", "Killing of civilians in {p}"), ("airstrike", "Airstrike on {p}"),
         ("drone-strike", "Drone strike near {p}"), ("ambush", "Ambush on the road to {p}"),
         ("massacre", "Massacre at {p}"), ("executions", "Summary executions in {p}"),
         ("raid", "Raid on {p}"), ("market-attack", "Attack on the market of {p}"),
         ("abductions", "Abductions near {p}"), ("ied", "Explosive device on the {p} road")]
PUBLISHERS = ["Sahel Dispatch", "Niger River Observer", "The Timbuktu Ledger", "Gao Evening News",
              "Le Courrier du Nord", "Radio Bamako Libre", "West Africa Monitor", "Desert Line Media",
              "The Inland Delta Review", "Horizon Sahel", "Kidal Voice", "L'Écho de Mopti", "Liptako Weekly",
              "Regional Rights Bulletin", "Field Notes Africa", "The Continental Wire", "Savanna Post",
              "Dune Press Agency", "Tillabéri Info", "Conflict Brief", "The Crossroads Journal",
              "Le Républicain de Ségou", "Open Ledger", "Bandiagara Times", "Three Borders Review",
              "Civil Witness", "Ménaka Herald", "Le Journal du Gourma", "Public Interest Newsroom", "Nord Actu"]
CLAIMANTS = ["local officials", "a village chief", "hospital sources", "the regional governor", "residents",
             "a community leader", "the ministry of defence", "a local NGO", "health workers"]
YEARS = range(2012, 2026)
YEAR_WEIGHTS = [1, 2, 2, 2, 2, 3, 4, 5, 6, 6, 7, 7, 8, 7]
LAST_REVIEWED = dt.date(2025, 11, 30)  # drafts are the reports of December 2025, not yet reviewed
DAY, MONTH, YEAR = "day", "month", "year"


@dataclass(frozen=True)
class Place:
    name: str
    region: str
    country: str
    lat: float | None  # None: the place has no known coordinates
    lon: float | None


@dataclass(frozen=True)
class Actor:
    name: str
    slug: str
    aliases: tuple[str, ...]
    kind: str
    filed: bool  # has a file in content/actors/


@dataclass(frozen=True)
class Event:
    slug: str
    title: str
    date: dt.date
    end: dt.date | None
    precision: str  # DAY, MONTH or YEAR: how precisely its sources date it
    place: Place
    kind: str
    killed: int  # the figure the claims scatter around
    actors: tuple[Actor, ...]  # the first is the alleged perpetrator
    filed: bool  # has a file in content/events/
    draft: bool  # reported only in drafts


@dataclass(frozen=True)
class Planned:
    """One report to write: its file's slug, its event and its publisher."""

    slug: str
    event: Event
    publisher: str


@dataclass(frozen=True)
class World:
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    reports: tuple[Planned, ...]


def make_world(reports: int, seed: int) -> World:
    rng = random.Random(f"{seed}:world")
    names = Names(rng)
    drafts = min(max(3, reports // 200), reports // 10)
    places = make_places(rng, names, max(30, reports // 20))
    actors = make_actors(rng, names, places, max(20, reports // 50), max(5, reports // 250))
    events = make_events(rng, places, actors, max(1, (reports - drafts) // 3), draft=False)
    events += make_events(rng, places, actors, drafts, draft=True)
    return World(places, actors, tuple(events), plan_reports(rng, events, reports - drafts))


class Names:
    """Made-up names, none a letter or two from another of the same kind."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def word(self, least: int = 2, most: int = 3) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(least, most))).capitalize()

    def place(self) -> str:
        x = self.rng.random()
        return "In-" + self.word() if x < 0.12 else f"{self.word()} {self.word(2, 2)}" if x < 0.22 else self.word()


def distinct(candidates: list[str], taken: list[str] = ()) -> list[str]:
    """`candidates` less those equal (case and accents aside) or near to an
    earlier one, or to one of `taken`."""
    order = {key: i for i, key in enumerate(dict.fromkeys(fold(n) for n in [*taken, *candidates]))}
    near = {max(a, b, key=order.__getitem__) for a, b, _ in near_pairs(sorted(order))}
    kept, seen = [], {fold(n) for n in taken}
    for name in candidates:
        key = fold(name)
        if key not in seen and key not in near and slugify(name):
            kept.append(name)
        seen.add(key)
    return kept


def make_places(rng: random.Random, names: Names, count: int) -> tuple[Place, ...]:
    found: list[str] = []
    while len(found) < count:
        found = distinct(found + [names.place() for _ in range(count + 10)])[:count]
    found = [f"{rng.choice(found[:i])}–{name} road" if i and rng.random() < 0.03 else name
             for i, name in enumerate(found)]
    places = []
    for name in distinct(found):
        country, region, lat, lon, _ = rng.choices(REGIONS, [r[4] for r in REGIONS])[0]
        located = rng.random() < 0.85
        places.append(Place(name, region, country, round(lat + rng.uniform(-0.8, 0.8), 2) if located else None,
                            round(lon + rng.uniform(-0.8, 0.8), 2) if located else None))
    return tuple(places)


Wanted = tuple[str, tuple[str, ...], str, bool]  # name, aliases, kind, filed


def make_actors(rng: random.Random, names: Names, places: tuple[Place, ...], filed: int, unfiled: int
                ) -> tuple[Actor, ...]:
    """`filed` actors with a file and aliases, then `unfiled` named only in reports."""
    wanted: list[Wanted] = [(n, tuple(a), k, True) for n, a, k in FIXED_ACTORS]
    while len(wanted) < filed + unfiled:
        more = filed - sum(w[3] for w in wanted)
        batch = [new_actor(rng, names, places, True) for _ in range(more + 5 if more > 0 else 0)]
        batch += [new_actor(rng, names, places, False) for _ in range(unfiled + 5)]
        wanted = without_near_names(wanted + batch)
        wanted = [w for w in wanted if w[3]][:filed] + [w for w in wanted if not w[3]][:unfiled]
    return tuple(Actor(n, slugify(n), a, k, f) for n, a, k, f in wanted)


def new_actor(rng: random.Random, names: Names, places: tuple[Place, ...], filed: bool) -> Wanted:
    word = rng.choice(places).name if rng.random() < 0.5 else names.word()
    word = "-".join(part.capitalize() for part in slugify(word).split("-")[:2])
    if not filed:
        return rng.choice(UNFILED_PATTERNS).format(p=word), (), "other", False
    english, french, kind = rng.choice(ACTOR_PATTERNS)
    name = english.format(p=word)
    acronym = "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())
    aliases = ([acronym] if rng.random() < 0.8 else []) + ([french.format(p=word)] if rng.random() < 0.7 else [])
    return name, tuple(aliases), kind, True


def without_near_names(wanted: list[Wanted]) -> list[Wanted]:
    """Actors whose name is taken or near an earlier name or alias left out;
    aliases taken or near one left out."""
    keep = set(distinct([n for name, aliases, _, _ in wanted for n in (name, *aliases)], CLAIMANTS))
    claimed: set[str] = set()
    out = []
    for name, aliases, kind, filed in wanted:
        if name in keep and fold(name) not in claimed:
            claimed.add(fold(name))
            mine = []
            for alias in aliases:
                if alias in keep and fold(alias) not in claimed:
                    claimed.add(fold(alias))
                    mine.append(alias)
            out.append((name, tuple(mine), kind, filed))
    return out


def make_events(rng: random.Random, places: tuple[Place, ...], actors: tuple[Actor, ...], count: int, draft: bool
                ) -> list[Event]:
    place_weights = list(itertools.accumulate(1 / (i + 1) ** 0.7 for i in range(len(places))))
    suspects = [a for a in actors if a.filed and a.kind in ARMED]
    others = [a for a in actors if a.filed]
    weights = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(others))))
    events, slugs = [], set()
    for _ in range(count):
        place = rng.choices(places, cum_weights=place_weights)[0]
        date = dt.date(2025, 12, rng.randint(1, 28)) if draft else random_day(rng)
        kind, title = rng.choice(KINDS)
        slug = unique_slug(f"{date:%Y-%m}-{slugify(place.name)}-{kind}", slugs)
        end = date + dt.timedelta(days=rng.randint(1, 9)) if rng.random() < 0.1 else None
        x = rng.random()
        precision = YEAR if x < 0.02 and not end else MONTH if x < 0.06 and not end else DAY
        involved = tuple(dict.fromkeys([rng.choice(suspects), *rng.choices(others, cum_weights=weights, k=2)]))
        killed = 0 if rng.random() < 0.03 else min(400, int(rng.paretovariate(1.3) * 3))
        filed = not draft and rng.random() < (0.5 if end else 0.17)  # curators write up the long ones
        events.append(Event(slug, title.format(p=place.name), date, end, precision, place, kind, killed,
                            involved, filed, draft))
    return sorted(events, key=lambda e: (e.date, e.slug))


def random_day(rng: random.Random) -> dt.date:
    year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
    return min(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)), LAST_REVIEWED)


def plan_reports(rng: random.Random, events: list[Event], published: int) -> tuple[Planned, ...]:
    """Every event gets a report; the rest go to events at random, a share
    of them to a few events that draw many reports."""
    reviewed = [e for e in events if not e.draft]
    owners = list(reviewed)[:published] + [e for e in events if e.draft]
    popular = rng.choices(reviewed, k=max(1, len(reviewed) // 50))
    owners += [rng.choice(popular) if rng.random() < 0.3 else rng.choice(reviewed)
               for _ in range(published - len(reviewed))]
    slugs: set[str] = set()
    planned = []
    for event in owners:
        publisher = rng.choice(PUBLISHERS)
        slug = unique_slug(f"{event.slug}-{slugify(publisher)}"[:80].rstrip("-"), slugs)
        planned.append(Planned(slug, event, publisher))
    return tuple(planned)
