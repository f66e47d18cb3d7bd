"""A sample archive, made up: N reports with their events, actors and places,
using every field of the format, that checks without a warning and builds.
For trying the archive out, and for tests and benchmarks at any size.

    python -m incidents.sample OUT --reports N [--seed S] [--hugo DIR]

OUT gets site.yaml and content/{reports,events,actors}/*.md: N reports (a
few of them drafts), about N/3 events (a fifth with an event file), about
N/50 actors (at least 20) with files and aliases and a few more named only
in reports, about N/20 places in the Sahel, dates over 2012-2025, bodies of
300 to 800 words of Markdown. The same N and seed give the same bytes.
--hugo DIR writes the same reports as a Hugo site too (see hugo.py)."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from pathlib import Path

from . import front, hugo
from .prose import Prose, Scene
from .world import CLAIMANTS, Actor, Event, Planned, World, make_world
from .yamltext import FLOW, document, field

__all__ = ["Sample", "write_sample"]


@dataclass(frozen=True)
class Sample:
    """What was written: counts, and the words of the report bodies."""

    reports: int
    drafts: int
    events: int
    event_files: int
    actors: int
    actor_files: int
    places: int
    words: int

    def summary(self) -> str:
        return " ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))


def write_sample(out: Path, reports: int, seed: int = 1, hugo_site: Path | None = None,
                 languages: tuple[str, ...] = ("en",)) -> Sample:
    """Write the sample archive into `out` (and its Hugo twin into `hugo_site`),
    its interface in `languages` (English alone by default, as bench/perf.py
    compares it with Hugo's English site; ("en", "fr") to see the French pages)."""
    if reports < 1:
        raise ValueError("a sample archive needs at least one report")
    world = make_world(reports, seed)
    rng = random.Random(f"{seed}:files")
    prose = Prose(rng)
    for kind in ("reports", "events", "actors"):
        (out / "content" / kind).mkdir(parents=True, exist_ok=True)
    if hugo_site:
        hugo.write_skeleton(hugo_site)
    tagged: set[str] = set()
    placed: set[str] = set()
    words = sum(write_report(out, planned, rng, prose, hugo_site, tagged, placed) for planned in world.reports)
    # the French names of the tags the built reports have (a name for no report's tag is a warning),
    # and of their roads' ("A–B road": "route A–B")
    fr = {**front.SITE["fr"], "tags": {t: name for t, name in front.SITE["fr"]["tags"].items() if t in tagged},
          "places": {p: f"route {p[:-len(' road')]}" for p in sorted(placed) if p.endswith(" road")}}
    site = {**front.SITE, "languages": list(languages), "fr": {k: v for k, v in fr.items() if v or k == "history"}}
    write(out / "site.yaml", "".join(field(k, v) for k, v in site.items()))
    for e in world.events:
        if e.filed:
            write_event(out, e, rng, prose, hugo_site)
    for a in world.actors:
        if a.filed:
            write_actor(out, a, world, rng, prose, hugo_site)
    return Sample(reports=len(world.reports), drafts=sum(p.event.draft for p in world.reports),
                  events=len(world.events), event_files=sum(e.filed for e in world.events),
                  actors=len(world.actors), actor_files=sum(a.filed for a in world.actors),
                  places=len({p.event.place.name for p in world.reports}), words=words)


def write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def scene(rng: random.Random, e: Event, actors: list[str]) -> Scene:
    return Scene(e.place.name, f"{e.date.day} {e.date:%B %Y}", tuple(actors),
                 tuple(front.person(rng) for _ in range(3)), tuple(CLAIMANTS))


def write_report(out: Path, planned: Planned, rng: random.Random, prose: Prose, hugo_site: Path | None,
                 tagged: set[str], placed: set[str]) -> int:
    """One report (and its Hugo page); the number of words of its body. Its tags
    are added to `tagged` and its place's name to `placed` unless it is a draft."""
    data, styles, actors = front.report(rng, planned)
    if not data.get("draft"):
        tagged.update(data.get("tags", ()))
        placed.add(planned.event.place.name)
    body = prose.body(scene(rng, planned.event, actors), rng.randint(300, 800))
    write(out / "content/reports" / f"{planned.slug}.md", document(data, body, styles))
    if hugo_site:
        canonical = [a.name for a in planned.event.actors[:len(actors)]]
        hugo_data = hugo.report_front(data, planned.event.date.isoformat(), canonical)
        write(hugo_site / "content/reports" / f"{planned.slug}.md", document(hugo_data, body))
    return body.count(" ") + body.count("\n")


def write_event(out: Path, e: Event, rng: random.Random, prose: Prose, hugo_site: Path | None) -> None:
    data = front.event(rng, e)
    body = prose.body(scene(rng, e, [a.name for a in e.actors]), rng.randint(60, 200))
    write(out / "content/events" / f"{e.slug}.md", document(data, body, {"location": FLOW}))
    if hugo_site:
        hugo_data = {"title": e.title, "date": e.date.isoformat()}
        (hugo_site / "content/events" / e.slug).mkdir()
        write(hugo_site / "content/events" / e.slug / "_index.md", document(hugo_data, body))


def write_actor(out: Path, a: Actor, world: World, rng: random.Random, prose: Prose, hugo_site: Path | None) -> None:
    """An actor's file: name, aliases, kind and a profile."""
    place = rng.choice(world.places).name
    body = prose.body(Scene(place, "several occasions", (a.name,), (front.person(rng),), tuple(CLAIMANTS)),
                      rng.randint(80, 250))
    write(out / "content/actors" / f"{a.slug}.md", document(front.actor(a), body, {"aliases": FLOW}))
    if hugo_site:
        (hugo_site / "content/actors" / a.slug).mkdir()
        write(hugo_site / "content/actors" / a.slug / "_index.md", document({"title": a.name}, body))
