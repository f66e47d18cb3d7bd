"""The front matter of each sample file, as data: every field of the format
in use, in the proportions an archive might have them."""

from __future__ import annotations

import datetime as dt
import random
import zlib
from typing import Any

from ..content.model import ROLES, STANCES
from ..content.names import slugify
from .world import CLAIMANTS, DAY, MONTH, Actor, Event, Place, Planned
from .yamltext import BLOCK, FLOW, INNER_FLOW

SITE = {
    "title": "Sample Incident Archive",
    "description": "Generated reports, for trying the archive out: not real events.",
    "base_url": "https://example.org/sample-archive/",
    "language": "en",
    # English only: a sample builds one language unless told ([en, fr]; bench/perf.py's French run)
    "languages": ["en"],
    "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "repository": "https://example.org/git/sample-archive",
    # what commits did, in readers' words (site.yaml's history:): none yet, a sample is no repository
    "history": {},
    "fr": {"title": "Archive d'exemple", "history": {}, "description": "Des rapports générés, pour essayer l'archive\u00a0: pas de vrais événements.",
           # the tags' French names (a tag left out would be a warning on its first report)
           "tags": {"executions": "exécutions", "airstrike": "frappe aérienne", "drone-strike": "frappe de drone",
                    "abduction": "enlèvement", "massacre": "massacre", "displacement": "déplacement",
                    "investigation": "enquête", "market-attack": "attaque de marché", "arson": "incendie criminel",
                    "looting": "pillage", "ambush": "embuscade", "checkpoint": "poste de contrôle",
                    "detention": "détention", "reprisal": "représailles", "mass-grave": "fosse commune",
                    "enforced-disappearance": "disparition forcée", "ied": "engin explosif improvisé",
                    "convoy": "convoi"}},
}
# Actors' kinds in French, for the actor files that give their text in French.
KINDS_FR = {"armed force": "force armée", "auxiliary force": "force auxiliaire", "armed group": "groupe armé",
            "militia": "milice", "rights organisation": "organisation de défense des droits humains"}
HEADLINES = ["{a} accused of killing {n} civilians in {p}", "{n} dead after {k} near {p}",
             "Survivors describe {k} in {p}", "Rights group documents {k} in {p}",
             "At least {n} killed as {a} sweeps through {p}", "{p}: witnesses say {a} opened fire on residents",
             "Inquiry demanded into {k} at {p}", "{a} denies role in {p} killings",
             "Death toll from {k} in {p} rises to {n}", "What we know about the {k} in {p}",
             "“They came at dawn”: residents of {p} recount the {k}"]
ROLE_WEIGHTS = [40, 10, 15, 20, 10, 5]
LANGUAGES, LANGUAGE_WEIGHTS = ["en", "fr", "ar", "fr-ML"], [70, 24, 4, 2]
TAGS = ("executions airstrike drone-strike ied abduction massacre displacement investigation market-attack "
        "arson looting ambush checkpoint detention reprisal convoy mass-grave enforced-disappearance").split()
QUOTES = ["The allegations are fabrications.", "An inquiry has been opened.",
          "We had no prior knowledge of these events.", "Our forces acted within the law.",
          "We will not comment on an ongoing operation."]
FIRST = "Aminata Moussa Fatoumata Ibrahim Oumar Mariam Hamidou Boubacar Kadidia Souleymane Awa Claire Paul".split()
LAST = "Traoré Keïta Diallo Coulibaly Maïga Touré Cissé Sangaré Ouédraogo Sawadogo Dicko Guindo Martin".split()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def style(rng: random.Random) -> str:
    """How a collection is written: block mostly, flow sometimes."""
    return rng.choices([BLOCK, INNER_FLOW, FLOW], [60, 25, 15])[0]


def day(date: dt.date, precision: str = DAY) -> str | int:
    """2025-02-17, 2025-02 or 2025 (YAML reads a year as a number)."""
    return date.isoformat() if precision == DAY else f"{date:%Y-%m}" if precision == MONTH else date.year


def report(rng: random.Random, planned: Planned) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """A report's front matter, the style of each field, and the actors it names."""
    e = planned.event
    mentions = actor_mentions(rng, e)
    names = [m if isinstance(m, str) else m["name"] for m in mentions]
    front: dict[str, Any] = {"title": rng.choice(HEADLINES), "event": e.slug}
    precision = e.precision if e.precision != DAY or rng.random() > 0.04 else MONTH
    shifted = e.date + dt.timedelta(days=rng.choice([-1, 1])) if not e.end and rng.random() < 0.05 else e.date
    front["date"] = day(shifted, precision)
    if e.end and precision == DAY and rng.random() < 0.8:
        front["end_date"] = day(e.end)
    front["location"] = location(rng, e.place)
    front["source"] = source(rng, planned, e.date, shifted)
    claims = tolls(rng, e, names, planned.publisher)
    if claims is not None:
        front["reported_toll"] = claims
    front["title"] = headline(front["title"], claims, names[0], e)
    # a publisher's later reports of one event are its updates, each headlined apart (check
    # warns of two reports of one event by one publisher under one headline: a copy, most likely)
    own = f"{e.slug}-{slugify(planned.publisher)}"[:80].rstrip("-")
    if planned.slug != own and planned.slug[len(own) + 1:].isdigit():
        front["title"] += f" (update {roman(int(planned.slug[len(own) + 1:]) - 1)})"  # no figure but the toll's
    front["source"] = with_headline(front["source"], front["title"], planned.slug)
    front["actors"] = mentions
    if rng.random() < 0.15:
        front["responses"] = [response(rng, e, names[0])]
    if tags := rng.sample(TAGS, rng.randint(0, 4)):
        front["tags"] = tags
    if e.draft:
        front["draft"] = True
    styles = {key: style(rng) for key in ("location", "source", "reported_toll", "actors", "responses")}
    return front, {**styles, "tags": FLOW}, names


def roman(n: int) -> str:
    """1 → "I", 14 → "XIV"."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


# How a headline names each kind of event ("Death toll from IED attack in Kogué").
KIND_WORDS = {"ied": "IED attack", "drone-strike": "drone strike", "market-attack": "market attack"}


def headline(template: str, claims: Any, actor: str, e: Event) -> str:
    """`template` (one of HEADLINES) for this report: a toll it says is the
    report's own (its first claim's lowest count of the killed), never the
    event's that another report may give; a report that gives no such figure,
    or fewer than two, has a headline without one."""
    first = next((c["killed"] for c in (claims if isinstance(claims, list) else [claims] if claims else [])
                  if "killed" in c), None)
    n = first if isinstance(first, int) else first["min"] if isinstance(first, dict) else 0
    if n < 2 and "{n}" in template:
        template = "Survivors describe {k} in {p}"
    return template.format(a=actor, n=n, k=KIND_WORDS.get(e.kind, e.kind), p=e.place.name)


def actor_mentions(rng: random.Random, e: Event) -> list[Any]:
    """The event's actors as this report names them: by name or alias, with a role or without."""
    involved = list(e.actors[:rng.randint(1, len(e.actors))])
    out: list[Any] = []
    for i, actor in enumerate(involved):
        name = rng.choice(actor.aliases) if actor.aliases and rng.random() < 0.3 else actor.name
        role = "alleged perpetrator" if i == 0 else rng.choices(ROLES, ROLE_WEIGHTS)[0]
        out.append(name if rng.random() < 0.3 else {"name": name, "role": role})
    return out


def location(rng: random.Random, place: Place) -> Any:
    x = rng.random()
    if x < 0.25:
        return place.name
    if x < 0.35:
        return {"name": place.name, "country": place.country}
    out: dict[str, Any] = {"name": place.name, "region": place.region, "country": place.country}
    if place.lat is not None:
        out.update(lat=place.lat, lon=place.lon)
    if precision := place_precision(place):
        out["precision"] = precision
    return out


# How precisely each place is known, by the place (the same in every file that
# gives it), drawn from its name so that the other fields' random draws stay as
# they were: mostly a town, one in ten places without a precision.
PRECISION_DRAW = ["town"] * 4 + ["exact", "exact", "near", "near", "region", "country", ""]


def place_precision(place: Place) -> str:
    return PRECISION_DRAW[zlib.crc32(place.name.encode("utf-8")) % len(PRECISION_DRAW)]


def source(rng: random.Random, planned: Planned, date: dt.date, reported: dt.date) -> dict[str, Any]:
    """`date`: the event's; `reported`: the report's own (a day off, at times), which
    its article cannot precede (check warns of an article before its incident)."""
    out: dict[str, Any] = {"publisher": planned.publisher}
    if rng.random() < 0.9:
        out["url"] = f"https://{slugify(planned.publisher)}.example.org/{date:%Y/%m}/{planned.slug}"
    if rng.random() < 0.8:
        out["published"] = day(max(date + dt.timedelta(days=rng.randint(0, 30)), reported))
    if rng.random() < 0.6:
        out["author"] = person(rng)
    if rng.random() < 0.7:
        out["language"] = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
    if "url" in out and rng.random() < 0.25:
        out["archive_url"] = f"https://web.archive.org/web/{date:%Y%m%d}000000/{out['url']}"
    return out


def with_headline(source: dict[str, Any], title: str, slug: str) -> dict[str, Any]:
    """`source` with, for one report in three, the article's own headline after its
    publisher: the report's title, or another wording of it. Drawn from the slug,
    so that the other fields' random draws stay as they were."""
    draw = zlib.crc32(slug.encode("utf-8")) % 6
    if draw > 1:
        return source
    publisher, *rest = source.items()
    return dict([publisher, ("title", title if draw else f"{title}, witnesses say"), *rest])


def tolls(rng: random.Random, e: Event, actors: list[str], publisher: str) -> Any:
    """None, one claim (sometimes the publisher's own count), or two or three claims by different claimants."""
    x = rng.random()
    if x < 0.15:
        return None
    if x < 0.6:
        return claim(rng, e, rng.choice(CLAIMANTS) if rng.random() < 0.7 else publisher)
    claimants = rng.sample(CLAIMANTS, 2) + [rng.choice(actors)]
    return [claim(rng, e, who) for who in claimants[:rng.randint(2, 3)]]


def claim(rng: random.Random, e: Event, according_to: str | None) -> dict[str, Any]:
    """Figures near the event's, never ten times apart (which the check would question)."""
    out: dict[str, Any] = {}
    if rng.random() < 0.95:
        out["killed"] = count(rng, e.killed)
    if "killed" not in out or rng.random() < 0.4:
        out["injured"] = count(rng, rng.randint(0, 30))
    if rng.random() < 0.15:
        out["missing"] = count(rng, rng.randint(1, 10))
    if according_to:
        out["according_to"] = according_to
        if rng.random() < 0.3:
            out["wording"] = figures(out)
    return out


def count(rng: random.Random, around: int) -> Any:
    """Exactly n, {min: n} (at least n) or {min: n, max: m}."""
    spread = max(1, around // 5)
    low = max(0, around - rng.randint(0, spread))
    x = rng.random()
    if x < 0.5:
        return max(0, around + rng.randint(-spread, spread)) if around else 0
    if x < 0.8:
        return {"min": low, "max": low + rng.randint(1, spread + 2)}
    return {"min": low} if low else around  # "at least 0" would say nothing


def figures(claim: dict[str, Any]) -> str:
    """The figures in words: "at least 24 killed, 3–5 injured"."""
    parts = []
    for kind in ("killed", "injured", "missing"):
        n = claim.get(kind)
        if n is not None:
            parts.append(f"{n} {kind}" if isinstance(n, int) else
                         f"{n['min']}–{n['max']} {kind}" if "max" in n else f"at least {n['min']} {kind}")
    return ", ".join(parts)


def response(rng: random.Random, e: Event, by: str) -> dict[str, Any]:
    out: dict[str, Any] = {"by": by, "stance": rng.choice(STANCES)}
    if rng.random() < 0.7:
        out["date"] = day(e.date + dt.timedelta(days=rng.randint(1, 10)))
    if rng.random() < 0.6:
        out["quote"] = rng.choice(QUOTES)
    return out


def event(rng: random.Random, e: Event) -> dict[str, Any]:
    front: dict[str, Any] = {"title": e.title, "date": day(e.date, e.precision)}
    if e.end:
        front["end_date"] = day(e.end)
    front["location"] = location(rng, e.place)
    if zlib.crc32(e.slug.encode()) % 4 == 0:  # a quarter in French too (not drawn from rng: the rest stays as it was)
        front["fr"] = {"title": f"Tueries à {e.place.name}",
                       "summary": "Un résumé en français, écrit pour essayer l'archive."}
    return front


def actor(a: Actor) -> dict[str, Any]:
    front: dict[str, Any] = {"name": a.name}
    if a.aliases:
        front["aliases"] = list(a.aliases)
    front["kind"] = a.kind
    if zlib.crc32(a.slug.encode()) % 3 == 0:
        front["fr"] = {"name": a.name, "kind": KINDS_FR.get(a.kind, a.kind), "profile": "Un profil en français."}
    return front
