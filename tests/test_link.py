"""The model: reports grouped into events, actors folded by alias, places by
name, tolls as ranges over every claim, each claim kept with its source."""

from __future__ import annotations

from conftest import report
from incidents.content.link import Toll, link, toll_range
from incidents.content.load import load
from incidents.content.model import Count, EventFile
from incidents.content.names import slugify

FLA = "---\nname: Azawad Liberation Front\naliases: [FLA, Front for the Liberation of Azawad]\nkind: armed group\n---\n"


def archive(make_site, files):
    return link(load(make_site(files)))


def test_reports_group_into_events_by_slug(make_site):
    a = archive(make_site, {
        "content/reports/one.md": report(event="2025-02-gao"),
        "content/reports/two.md": report(event="2025-02-gao", date="2025-02-18"),
        "content/reports/three.md": report(event="2024-06-abeibara", date="2024-06-20"),
    })
    assert sorted(a.events) == ["2024-06-abeibara", "2025-02-gao"]
    assert a.events["2025-02-gao"].reports == ("one", "two")


def test_event_without_file_takes_title_date_place_from_earliest_report(make_site):
    a = archive(make_site, {
        "content/reports/late.md": report(title="Later account", date="2025-02-18", location="Gao town"),
        "content/reports/early.md": report(title="First account", date="2025-02-17", location="Gao road"),
    })
    (event,) = a.events.values()
    assert (event.title, event.date.iso(), a.places[event.place].location.name) == (
        "First account", "2025-02-17", "Gao road")
    assert not event.curated


def test_an_event_s_date_is_its_reports_most_precise_not_the_vaguest(make_site):
    """A report that gives only the month does not hide another's day in that month:
    the event is dated 11 January 2013, and ends when the reports of that day say."""
    a = archive(make_site, {
        "content/reports/a.md": report(title="Vague account", date="2013-01"),
        "content/reports/b.md": report(title="Dated account", date="2013-01-11", end_date="2013-01-12"),
        "content/reports/c.md": report(title="Later account", date="2013-01-14"),
    })
    (event,) = a.events.values()
    assert (event.date.iso(), event.date.precision, event.end_date.iso()) == ("2013-01-11", "day", "2013-01-12")
    assert event.title == "Vague account"  # the earliest report still names it (by date, as written)
    b = archive(make_site, {"content/reports/a.md": report(date="2012"), "content/reports/b.md": report(date="2013-01")})
    assert next(iter(b.events.values())).date.iso() == "2012"  # a year before the other's month: earliest
    # a vaguer report's span around that day is kept: 20 June to July 2024, not one day
    c = archive(make_site, {"content/reports/d.md": report("2024-06-kidal", date="2024-06", end_date="2024-07"),
                            "content/reports/e.md": report("2024-06-kidal", date="2024-06-20")})
    event = c.events["2024-06-kidal"]
    assert (event.date.iso(), event.end_date.iso()) == ("2024-06-20", "2024-07")


def test_event_file_gives_curated_title_date_and_summary(make_site):
    a = archive(make_site, {
        "content/reports/r.md": report(event="2022-03-moura", date='"2022-03"'),
        "content/events/2022-03-moura.md": "---\ntitle: Killings in Moura\ndate: 2022-03\n"
                                           "location: {name: Moura, region: Mopti}\n---\nSummary.\n",
    })
    event = a.events["2022-03-moura"]
    assert (event.title, event.date.text(), event.summary.strip(), event.curated) == (
        "Killings in Moura", "March 2022", "Summary.", True)
    assert a.places[event.place].location.region == "Mopti"


def test_actor_names_fold_by_alias_case_and_accents(make_site):
    a = archive(make_site, {
        "content/actors/azawad-liberation-front.md": FLA,
        "content/reports/a.md": report(actors="[{name: FLA, role: claimant}]"),
        "content/reports/b.md": report(actors="[front for the liberation of azawad]"),
        "content/reports/c.md": report(actors="[Azawad Libération Front]", date="2025-02-18"),
        "content/reports/d.md": report(actors="[Wagner Group]",
                                       responses="[{by: wagner group, stance: no comment}]"),
    })
    assert sorted(a.actors) == ["azawad-liberation-front", "wagner-group"]
    fla = a.actors["azawad-liberation-front"]
    assert (fla.name, fla.kind, fla.reports) == ("Azawad Liberation Front", "armed group", ("a", "b", "c"))
    (involvement,) = fla.events
    assert involvement.roles == ("claimant",)
    assert a.actors["wagner-group"].responses[0].report == "d"


def test_an_actors_french_name_names_it_as_an_alias_does(make_site):
    """fr.name names the same actor: a report in French naming it is this actor's."""
    a = archive(make_site, {
        "content/actors/wagner-group.md": "---\nname: Wagner Group\nfr:\n  name: Groupe Wagner\n---\n",
        "content/reports/a.md": report(actors="[Wagner Group]"),
        "content/reports/b.md": report(actors="[groupe wagner]", date="2025-02-18"),
    })
    assert sorted(a.actors) == ["wagner-group"]
    assert a.actors["wagner-group"].reports == ("a", "b")


def test_a_french_name_two_actors_share_names_neither(make_site):
    """Mali's and Burkina Faso's "Gendarmerie nationale": two actors, one French name,
    which a report then names as its own actor; no error."""
    a = archive(make_site, {
        "content/actors/malian-gendarmerie.md": "---\nname: Malian Gendarmerie\nfr:\n  name: Gendarmerie nationale\n---\n",
        "content/actors/burkinabe-gendarmerie.md": ("---\nname: Burkinabe Gendarmerie\nfr:\n  name: Gendarmerie "
                                                    "nationale\n---\n"),
        "content/reports/a.md": report(actors="[Malian Gendarmerie]"),
        "content/reports/b.md": report(actors="[Gendarmerie nationale]", date="2025-02-18")})
    assert a.actors["malian-gendarmerie"].reports == ("a",)
    assert a.actors["gendarmerie-nationale"].reports == ("b",)


def test_locations_fold_by_name(make_site):
    a = archive(make_site, {
        "content/reports/a.md": report(location="Aslagh, Kidal"),
        "content/reports/b.md": report(location="{name: 'aslagh, KIDAL', lat: 19.1, lon: 1.2}", event="2025-02-other"),
    })
    (place,) = a.places.values()
    assert (place.slug, place.location.name, place.location.lat) == ("aslagh-kidal", "Aslagh, Kidal", 19.1)
    assert place.events == ("2025-02-other", "2025-02-test-event")


def test_names_in_every_script_have_addresses(make_site):
    """A place, an actor or a tag written in Cyrillic, Arabic, Tifinagh or N'Ko gets an
    ASCII address by transliteration (it had none: "actor", or no tag page); Latin
    names keep theirs, accents dropped."""
    a = archive(make_site, {"content/reports/r.md": report(
        location="ⵜⵉⵏⵣⴰⵡⴰⵜⵏ", tags='["убийства", "مجزرة", "Ségou", "ߒߞߏ"]',
        actors='[{name: "Группа Вагнера", role: alleged perpetrator}]')})
    assert sorted(a.places) == ["tinzawatn"]
    assert sorted(a.actors) == ["gruppa-vagnera"]
    assert slugify("убийства") == "ubiystva" and slugify("مجزرة") == "mjzrh" and slugify("ߒߞߏ") == "nko"
    assert [slugify(t) for t in ("Ségou", "Straße", "Łódź", "Gao–Algeria road")] == [
        "segou", "strasse", "lodz", "gao-algeria-road"]


def test_toll_is_the_range_over_every_claim_with_who_claims_it(make_site):
    a = archive(make_site, {
        "content/actors/kal-akal.md": "---\nname: Kal Akal\n---\n",
        "content/reports/ap.md": report(reported_toll="\n  - killed: 46\n    according_to: village chief\n"
                                                      "  - killed: {min: 60}\n    according_to: kal akal"),
        "content/reports/other.md": report(reported_toll="{killed: 50, injured: {min: 3, max: 5}, according_to: "
                                                         "Test Wire}"),
    })
    (event,) = a.events.values()
    assert event.toll("killed") == Toll(46, 60, True)
    assert event.toll("killed").text() == "46 to at least 60"
    assert event.toll("injured").text() == "3–5"
    claims = [(c.report, c.claim.according_to, c.actor, c.claim.count("killed").text()) for c in event.claims]
    assert claims == [("ap", "village chief", "", "46"), ("ap", "kal akal", "kal-akal", "at least 60"),
                      ("other", "Test Wire", "", "50")]


def test_toll_texts_follow_the_sources_wording():
    assert toll_range([Count(24, None)]).text() == "at least 24"
    assert toll_range([Count(24, 24)]).text() == "24"
    assert toll_range([Count(46, 46), Count(60, 60)]).text() == "46–60"
    assert toll_range([Count(46, 46), Count(60, None)]).text() == "46 to at least 60"
    assert toll_range([Count(10, None), Count(5, 20)]).text() == "5–20"
    assert toll_range([]) is None


def test_events_in_time_order_with_previous_and_next(make_site):
    a = archive(make_site, {
        "content/reports/a.md": report(event="e-2025", date="2025-02-17"),
        "content/reports/b.md": report(event="e-2022", date='"2022-03"'),
        "content/reports/c.md": report(event="e-2024", date="2024-06-20"),
    })
    assert list(a.events) == ["e-2022", "e-2024", "e-2025"]
    assert (a.events["e-2024"].previous, a.events["e-2024"].next) == ("e-2022", "e-2025")
    assert (a.events["e-2022"].previous, a.events["e-2025"].next) == ("", "")


def test_the_shipped_archive_links_as_curated(shipped):
    a = link(load(shipped))
    assert list(a.events) == ["2022-03-moura-killings", "2024-06-abeibara-killings",
                              "2025-02-aslagh-killings", "2025-02-gao-road-killings"]
    abeibara = a.events["2024-06-abeibara-killings"]
    assert abeibara.toll().text() == "46 to at least 60"
    assert {c.actor for c in abeibara.claims} == {"", "kal-akal"}
    assert a.events["2025-02-gao-road-killings"].toll().text() == "at least 24"
    assert {"azawad-liberation-front", "kal-akal", "wagner-group", "malian-armed-forces"} <= set(a.actors)
    fla = a.actors["azawad-liberation-front"]
    assert {"FLA", "Front for the Liberation of Azawad"} <= set(fla.aliases)
    stances = {(x.actor, x.response.stance) for e in a.events.values() for x in e.responses}
    assert ("malian-armed-forces", "denied") in stances and ("malian-armed-forces", "investigating") in stances


def test_relinking_after_a_report_came_or_went_is_linking_anew_and_lends_the_other_reports_links(make_site):
    """relink (the incremental build's) gives what link gives; the reports that did not
    change keep their links, the same objects, when no name resolves otherwise."""
    from dataclasses import replace

    from incidents.content.link import relink

    old = load(make_site({
        "content/reports/a.md": report(event="2025-02-gao", actors="[Wagner Group]"),
        "content/reports/b.md": report(event="2025-02-gao", date="2025-02-18", actors="[FAMa]"),
        "content/reports/b2.md": report(event="2025-02-gao", date="2025-02-19", actors="[FAMa]"),
        "content/reports/c.md": report(event="2024-06-abeibara", date="2024-06-20", location="Abeibara"),
    }))
    before = link(old)
    gone = replace(old, reports=tuple(r for r in old.reports if r.slug != "b"))
    came = replace(old, reports=old.reports + (replace(old.reports[0], slug="d", title="Another account"),))
    named = replace(old, reports=old.reports + (replace(old.reports[0], slug="e", location=old.reports[2].location,
                                                        actors=()),))
    for new in (gone, came, named):
        after = relink(old, before, new)
        assert after == link(new)
        assert all(after.links[s] is before.links[s] for s in after.links if s in before.links)
        # an event none of whose reports changed is lent too (its neighbours set again)
        assert after.events["2024-06-abeibara"].places is before.events["2024-06-abeibara"].places
    curated = replace(came, events=(EventFile("2024-06-abeibara", "content/events/2024-06-abeibara.md",
                                              title="The Abeibara killings"),))
    after = relink(old, before, curated)  # its file came: the event is made anew
    assert after == link(curated) and after.events["2024-06-abeibara"].title == "The Abeibara killings"
    alone = replace(old, reports=tuple(r for r in old.reports if r.slug != "a"))  # the one naming Wagner Group
    after = relink(old, before, alone)
    assert after == link(alone) and "wagner-group" not in after.actors and after.links["b"] is not before.links["b"]
    moved = replace(old, reports=old.reports + (replace(old.reports[0], slug="f", location=replace(
        old.reports[0].location, name="Tessit")),))
    after = relink(old, before, moved)  # a new place: every report's links made anew
    assert after == link(moved) and after.links["a"] is not before.links["a"]
