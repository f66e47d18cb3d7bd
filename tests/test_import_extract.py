"""Extracting a report's fields from a cleaned article: tolls and who claims
them, actors, places, dates, the event; on the five seeds and on small texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from incidents.importer.clean import clean
from incidents.importer.dates import find_dates
from incidents.importer.extract import PLACEHOLDER_PUBLISHER, extract, place_in
from incidents.importer.knowledge import KnownActor, KnownEvent, Knowledge, knowledge
from incidents.importer.text import actor_mentions, sentences
from incidents.importer.tolls import find_tolls
from incidents.link import link
from incidents.load import load
from incidents.model import Count, Day, Location

ROOT = Path(__file__).resolve().parents[1]
from incidents.shared import SEEDS  # noqa: E402
TODAY = dt.date(2030, 1, 1)
GAO = "2025-02-gao-road-killings"
# Publication dates assumed for the seeds (the raw text does not carry them):
# the Gao articles report the army's announcement of Friday 21 February 2025.
PUBLISHED = {"000": dt.date(2025, 2, 22), "001": dt.date(2025, 2, 22), "002": dt.date(2025, 2, 22),
             "003": dt.date(2025, 2, 22), "004": dt.date(2024, 7, 2)}


@pytest.fixture(scope="module")
def known() -> Knowledge:
    return knowledge(link(load(ROOT, None, drafts=True)))


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed articles are not at {SEEDS}: set INCIDENTS_SHARED to the shared folder")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def guesses(prefix: str, known: Knowledge, published: bool = True):
    return extract(clean(seed(prefix)), known, PUBLISHED[prefix] if published else None, TODAY)


def tolls(g) -> list[tuple]:
    return [(t.kind, t.count.min, t.count.max, t.according_to) for t in g.tolls]


# --- the five seeds --------------------------------------------------------------------------------

EXPECTED = {
    "000": dict(tolls=[("killed", 24, None, "Azawad Liberation Front")],
                actors={"Malian Armed Forces", "Wagner Group", "Azawad Liberation Front"},
                date="2025-02-17", end=None, event=GAO, place="Gao–Algeria road"),
    "001": dict(tolls=[("killed", 24, 24, "Azawad Liberation Front")],
                actors={"Malian Armed Forces", "Wagner Group", "Azawad Liberation Front", "Human Rights Watch"},
                date="2025-02-22", end=None, event=GAO, place="Gao–Algeria road"),
    "002": dict(tolls=[("killed", 24, None, "Azawad Liberation Front")],
                actors={"Malian Armed Forces", "Wagner Group", "Azawad Liberation Front"},
                date="2025-02-22", end=None, event=GAO, place="Gao–Algeria road"),
    "003": dict(tolls=[("killed", 24, None, "Azawad Liberation Front")],
                actors={"Malian Armed Forces", "Wagner Group", "Azawad Liberation Front", "Kal Akal",
                        "Human Rights Watch", "Amnesty International"},
                date="2025-02-17", end=None, event=GAO, place="Gao–Algeria road"),
    "004": dict(tolls=[("killed", 46, 46, "Hamadine Driss Ag Mohamed, for Abeibara’s village chief"),
                       ("killed", 60, None, "Kal Akal")],
                actors={"Malian Armed Forces", "Wagner Group", "Kal Akal"},
                date="2024-06-20", end="2024-06-29", event="2024-06-abeibara-killings", place="Abeibara"),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_tolls_with_who_claims_them(prefix, known):
    assert tolls(guesses(prefix, known)) == EXPECTED[prefix]["tolls"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_actors(prefix, known):
    assert {a.name for a in guesses(prefix, known).actors} == EXPECTED[prefix]["actors"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_location_date_and_event(prefix, known):
    g = guesses(prefix, known)
    want = EXPECTED[prefix]
    assert g.location.name == want["place"]
    assert g.date.iso() == want["date"]
    assert (g.end_date.iso() if g.end_date else None) == want["end"]
    assert g.event == want["event"]


def test_seed_roles(known):
    roles = {a.name: a.role for a in guesses("004", known).actors}
    assert roles == {"Malian Armed Forces": "alleged perpetrator", "Wagner Group": "alleged perpetrator",
                     "Kal Akal": "claimant"}
    roles = {a.name: a.role for a in guesses("003", known).actors}
    assert roles["Azawad Liberation Front"] == "claimant"
    assert roles["Kal Akal"] == "witness"


def test_seed_figure_without_a_number_is_kept_as_wording(known):
    assert guesses("004", known).vague_tolls == ("dozens of civilians",)


def test_seed_other_incidents_are_listed_not_claimed(known):
    g = guesses("003", known)
    assert len(g.others) == 2
    assert g.others[0].startswith("killed 4 according to Azawad Liberation Front; at Aslagh")
    assert "2025-02-16" in g.others[0]
    assert g.others[1].startswith("killed at least 300; at Moura; when: 2022-03")


def test_seed_publishers(known):
    assert guesses("003", known).publisher == "HumAngle"
    assert guesses("004", known).publisher == "Associated Press"
    assert guesses("000", known).publisher == PLACEHOLDER_PUBLISHER


def test_seed_suggested_organisations(known):
    assert "Policy Center for the New South" in guesses("003", known).suggested_actors
    assert "Economic Community of West African States" in guesses("000", known).suggested_actors


def test_without_publication_date_weekdays_stay_unresolved(known):
    g = guesses("000", known, published=False)
    assert g.date == Day(2030, 1, 1)
    assert "'on Monday'" in g.date_how and "--published" in g.date_how
    assert g.event == GAO   # the only event at that place


def test_without_publication_date_a_yearless_date_takes_the_matching_event_year(known):
    g = guesses("004", known, published=False)
    assert (g.date, g.end_date) == (Day(2024, 6, 20), Day(2024, 6, 29))
    assert g.event == "2024-06-abeibara-killings"


# --- small texts -----------------------------------------------------------------------------------

ACTORS = Knowledge(actors=(KnownActor("Azawad Liberation Front", ("Azawad Liberation Front", "FLA")),
                           KnownActor("Malian Armed Forces", ("Malian Armed Forces", "Malian army")),
                           KnownActor("Wagner Group", ("Wagner Group", "Wagner"))))


def tolls_in(text: str, known: Knowledge = ACTORS) -> list[tuple]:
    return [(t.kind, t.count, t.according_to) for t in find_tolls(sentences([text]), known)]


@pytest.mark.parametrize("text, want", [
    ("Soldiers killed 12 villagers, the FLA said.", [("killed", Count(12, 12), "Azawad Liberation Front")]),
    ("According to the FLA, at least twenty civilians were executed.",
     [("killed", Count(20, None), "Azawad Liberation Front")]),
    ("Jane Doe, a nurse, said up to 30 people were wounded.", [("injured", Count(0, 30), "Jane Doe")]),
    ("The attack left more than 100 people dead.", [("killed", Count(100, None), "")]),
    ("Relatives of three victims confirmed the incident to Reuters.", []),
    ("Soldiers stopped two passenger vehicles.", []),
    ("Dozens of civilians were killed.", [("killed", None, "")]),
])
def test_tolls(text, want):
    assert tolls_in(text) == want


def test_claimant_from_the_subject_before_the_number():
    text = ("Amadou Traore, speaking on behalf of the mayor, told the AFP that soldiers executed 9 herders.")
    assert tolls_in(text) == [("killed", Count(9, 9), "Amadou Traore, for the mayor")]


def test_claimant_by_anaphora():
    text = "The Azawad Liberation Front issued a statement. They reported 7 civilians killed."
    assert tolls_in(text) == [("killed", Count(7, 7), "Azawad Liberation Front")]


def test_alleged_is_not_a_claim_verb():
    text = "The Malian army announced a probe into the alleged killing of 5 civilians."
    assert tolls_in(text) == [("killed", Count(5, 5), "")]


def test_actor_aliases_and_force_nouns():
    names = [m.name for m in actor_mentions("Malian troops and Wagner fighters; the FLA; the Malian soldiers.",
                                            ACTORS)]
    assert names == ["Malian Armed Forces", "Wagner Group", "Azawad Liberation Front", "Malian Armed Forces"]


def test_actor_names_fold_accents_and_apostrophes():
    known = Knowledge(actors=(KnownActor("Front", ("Front de libération de l'Azawad",)),))
    assert [m.name for m in actor_mentions("le FRONT DE LIBERATION DE L’AZAWAD a dit", known)] == ["Front"]


def test_route_places():
    road = Location("Gao–Algeria road")
    assert place_in("vehicles travelling from the Gao city to Algeria", road)
    assert place_in("en route to Algeria from Gao", road)
    assert not place_in("Gao is a city; Algeria is a country", road)
    assert place_in("Killed near the Gao–Algeria road.", road)


@pytest.mark.parametrize("text, published, want", [
    ("It happened on Monday.", dt.date(2025, 2, 22), ("2025-02-17", None)),
    ("It happened on Saturday.", dt.date(2025, 2, 22), ("2025-02-22", None)),
    ("It happened on Monday.", None, ("?", None)),
    ("Killings occurred between June 20 and 29.", dt.date(2024, 7, 2), ("2024-06-20", "2024-06-29")),
    ("Killings occurred on 16 February 2025.", None, ("2025-02-16", None)),
    ("Killings occurred from 30 June to 2 July 2024.", None, ("2024-06-30", "2024-07-02")),
    ("In March 2022, soldiers killed villagers.", None, ("2022-03", None)),
    ("It happened on December 30.", dt.date(2025, 1, 3), ("2024-12-30", None)),
    ("It happened on February 30, 2025.", None, ("?", None)),
])
def test_dates(text, published, want):
    (d,) = find_dates(sentences([text]), published)
    assert (d.start.iso() if d.start else "?", d.end.iso() if d.end else None) == want


def test_dates_tell_incident_from_announcement():
    text = "The army has on Friday, February 21, announced an inquiry. Gunmen intercepted a bus on Monday."
    kinds = [(d.text, d.kind) for d in find_dates(sentences([text]), dt.date(2025, 2, 22))]
    assert kinds == [("Friday, February 21", "report"), ("on Monday", "incident")]


def test_event_new_slug_when_nothing_matches():
    known = Knowledge(actors=ACTORS.actors, places=(Location("Moura", "Mopti", "Mali"),),
                      events=(KnownEvent("2022-03-moura-killings", Day(2022, 3), None, ("Moura",)),))
    raw = ("Soldiers Kill Villagers in Moura\n\nSoldiers killed 12 villagers in Moura on 3 May 2024, "
           "the FLA said in a statement released on Friday evening to the press.\n")
    g = extract(clean(raw), known, None, TODAY)
    assert (g.location.name, g.date.iso()) == ("Moura", "2024-05-03")
    assert g.event == "2024-05-moura-killings"
    g = extract(clean(raw.replace("3 May 2024", "24 March 2022")), known, None, TODAY)
    assert g.event == "2022-03-moura-killings"


def test_unknown_place_is_a_candidate():
    raw = "Gunmen Kill Villagers\n\nGunmen killed 12 villagers in the village of Ogossagou, residents said.\n"
    g = extract(clean(raw), Knowledge(), None, TODAY)
    assert g.location == Location("Ogossagou")
    assert g.event == "2030-01-ogossagou-killings"


def test_unknown_route_and_the_country_the_article_is_set_in(known):
    """With no places in the archive, "from Gao to Algeria" makes a route, and
    "Mali", named all through the article, is its setting, not the place."""
    g = extract(clean(seed("001")), Knowledge(actors=known.actors), PUBLISHED["001"], TODAY)
    assert g.location == Location("Gao–Algeria road")
    assert g.event == "2025-02-gao-algeria-road-killings"
