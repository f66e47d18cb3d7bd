"""Loading and validation: every rule of the contract, each bad input with its
exact `path:line: field: message`, all problems in one run."""

from __future__ import annotations

import pytest

from conftest import report
from incidents.build import check
from incidents.cli import main
from incidents.errors import ContentError
from incidents.content.load import load
from incidents.content.model import Count

R = "content/reports/r.md"


def problems(root) -> list[str]:
    try:
        check(root)
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


# Each bad input with its exact message is a folder in tests/fixtures/invalid/
# (test_invalid_fixtures.py); here, the rules that need more than one line.


def test_every_problem_is_reported_in_one_run(make_site):
    root = make_site({
        "content/reports/a.md": report(date="2025-13-01"),
        "content/reports/b.md": report(title=None, actors="[{name: X, role: boss}]"),
    })
    found = problems(root)
    assert 'content/reports/a.md:4: date: "2025-13-01" is not a date: there is no month 13' in found
    assert "content/reports/b.md:1: title: is required" in found
    assert any(p.startswith("content/reports/b.md:6: actors[0].role:") for p in found)


def test_a_broken_report_does_not_make_its_event_file_unnamed(make_site):
    root = make_site({
        "content/reports/r.md": report(event="2025-02-only", date="2025-02-30"),
        "content/events/2025-02-only.md": "---\ntitle: The only report's event\n---\n",
    })
    assert problems(root) == ['content/reports/r.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days']


def test_an_event_no_report_read_names_is_a_warning_that_names_the_files_not_read(make_site):
    """A file in content/reports/ that is not read (notes.txt) may be the report
    that names an event, and the build goes on without it: the event file none
    of the others names is said, as a warning naming it, not passed over. A
    report that cannot be read is an error, and no event file is called
    unnamed while it stands (it may be the one that names it): a warning that
    names it too."""
    root = make_site({
        "content/reports/r.md": report(event="2025-02-gao-killings"),
        "content/events/2025-02-gao-kilings.md": "---\ntitle: Killings near Gao\n---\n",
        "content/reports/notes.txt": "to do",
    })
    assert [str(w) for w in check(root)] == [
        'content/events/2025-02-gao-kilings.md:1: no report names the event "2025-02-gao-kilings"; '
        "content/reports/r.md:3 names \"2025-02-gao-killings\": rename this file to 2025-02-gao-killings.md, or "
        "correct that report's event: field; unless content/reports/notes.txt, which the build does not read, "
        "names it (warning)",
        "content/reports/notes.txt:1: is not read: only .md files are content: if it is one, rename it to "
        "notes.md; if not (notes, a picture), move it out of content/ (warning)",
    ]
    (root / "content/reports/broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    found = problems(root)
    assert [p.split(":")[0] for p in found] == ["content/events/2025-02-gao-kilings.md", "content/reports/broken.md",
                                                "content/reports/notes.txt"], found
    assert found[0].endswith("; unless content/reports/broken.md and content/reports/notes.txt, which the build "
                             "does not read, name it (warning)")
    (root / "content/reports/todo.txt").write_text("to do", encoding="utf-8")
    (root / "content/reports/broken.md").unlink()
    assert str(check(root)[0]).endswith("; unless content/reports/notes.txt and content/reports/todo.txt, "
                                        "which the build does not read, name it (warning)")


def test_contract_example_report_is_valid(make_site):
    text = """---
title: Mali army opens inquiry into killing of 24 civilians near Gao
event: 2025-02-gao-road-killings
date: 2025-02-17
end_date: 2025-02-17
location:
  name: Gao–Algeria road
  region: Gao
  country: Mali
  lat: 16.27
  lon: -0.04
source:
  publisher: HumAngle
  url: https://example.org/article
  published: 2025-02-22
  author: Jane Doe
  language: en
  archive_url: https://web.archive.org/web/2025/https://example.org/article
reported_toll:
  killed: 24
  injured: {min: 3, max: 5}
  missing: {min: 2}
  according_to: Azawad Liberation Front
  wording: at least 24 civilians, including women and children
actors:
  - name: Malian Armed Forces
    role: alleged perpetrator
  - Wagner Group
  - name: Azawad Liberation Front
    role: claimant
responses:
  - by: Malian Armed Forces
    stance: denied
    date: 2025-02-18
    quote: fabrications propagated by terrorist networks
tags: [executions, investigation]
draft: false
---
Body in Markdown.
"""
    root = make_site({"content/reports/gao.md": text})
    assert problems(root) == []
    (loaded,) = load(root).reports
    assert loaded.date.text() == "17 February 2025"
    assert [c.count("killed").text() for c in loaded.claims] == ["24"]
    assert loaded.claims[0].count("injured").text() == "3–5"
    assert loaded.claims[0].count("missing").text() == "at least 2"
    assert [(a.name, a.role) for a in loaded.actors] == [
        ("Malian Armed Forces", "alleged perpetrator"), ("Wagner Group", ""), ("Azawad Liberation Front", "claimant")]


def test_month_and_year_precision_dates_are_kept_as_given(make_site):
    root = make_site({"content/reports/a.md": report(date='"2022-03"'), "content/reports/b.md": report(date="2022")})
    dates = {r.slug: r.date for r in load(root).reports}
    assert (dates["a"].text(), dates["a"].precision) == ("March 2022", "month")
    assert (dates["b"].text(), dates["b"].precision) == ("2022", "year")


def test_a_number_in_a_text_field_is_kept_as_written(make_site):
    """`title: 1.10` is the text 1.10, not Python's 1.1; `publisher: 007` keeps its zeros.
    Where a field takes a number, the same spellings are that number."""
    root = make_site({"content/reports/a.md": report(
        title="1.10", location="{name: Gao, region: 0x1F}",
        source="{publisher: 007, url: 'https://example.org/a'}",
        reported_toll="[{killed: 0012, wording: .inf}]")})
    [r] = load(root).reports
    assert (r.title, r.source.publisher, r.location.region) == ("1.10", "007", "0x1F")
    assert (r.claims[0].count("killed"), r.claims[0].wording) == (Count(12, 12), ".inf")
    assert type(r.claims[0].count("killed").min) is int


def test_bom_and_crlf_are_accepted(make_site):
    root = make_site({R: "\ufeff" + report(title="With BOM").replace("\n", "\r\n")})
    assert problems(root) == []
    assert load(root).reports[0].title == "With BOM"


def test_not_utf8_is_an_error_with_its_line(make_site):
    root = make_site({})
    path = root / R
    path.parent.mkdir(parents=True)
    path.write_bytes(report().encode() + b"caf\xe9\n")
    (found,) = problems(root)
    assert found.startswith(f"{R}:9: ") and "UTF-8" in found


def test_drafts_are_validated_but_left_out_unless_asked(make_site):
    root = make_site({R: report(draft="true"), "content/reports/ok.md": report()})
    assert [r.slug for r in load(root).reports] == ["ok"]
    assert sorted(r.slug for r in load(root, drafts=True).reports) == ["ok", "r"]
    bad = make_site({R: report(draft="true", date="2025-02-30")})
    assert problems(bad) == [f'{R}:4: date: "2025-02-30" is not a date: February 2025 has 28 days']


def test_a_draft_whose_date_is_still_fill_in_is_said_wherever_drafts_are_shown(make_site, tmp_path, capsys):
    """`import` writes FILL IN for a date the article does not give: such a
    draft cannot be placed on the timeline, and --drafts leaves it out; said,
    as a warning, by check and by a build or preview with --drafts."""
    root = make_site({R: report(draft="true", date="FILL IN"), "content/reports/ok.md": report()})
    said = (f'{R}:4: date: is still "FILL IN": this draft is left out of the site, --drafts too, until its date is '
            "written (YYYY-MM-DD, or YYYY-MM or YYYY when the source is no more precise) (warning)")
    content = load(root, drafts=True)
    assert [r.slug for r in content.reports] == ["ok"] and [str(n) for n in content.notes] == [said]
    assert load(root).notes == ()    # a build without drafts leaves every draft out: nothing to say
    assert main(["--root", str(root), "build", "--drafts", "--no-search", "--out", str(tmp_path / "out")]) == 0
    assert said in capsys.readouterr().err.splitlines()
    assert main(["--root", str(root), "check"]) == 0 and said in capsys.readouterr().out.splitlines()


def test_site_yaml_counts_its_lines_as_content_files_do(make_site):
    """A lone CR ends a line in site.yaml as in a report (and as YAML reads it): a
    mistake below it is said on the line YAML and an editor that shows CR agree on."""
    from incidents.content.load import load_site
    root = make_site({"content/reports/a.md": report()}, site='title: "Mali\rArchive"\ndescription: x\nlanguages: 12\n')
    _, said = load_site(root, None)
    assert [(p.line, p.field) for p in said] == [(4, "languages")]


@pytest.mark.parametrize("field, value, said", [
    ("date", "12/03/2022", '4: date: "12/03/2022" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY): 2022-03-12 if '
                           "the day comes first, 2022-12-03 if the month does"),
    ("date", "17.02.2025", '4: date: "17.02.2025" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY): 2025-02-17'),
    ("date", "31/02/2025", '4: date: "31/02/2025" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY): '
                           "February 2025 has 28 days"),  # no such day, said
    ("date", "2024/02/30", '4: date: "2024/02/30" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY): '
                           "February 2024 has 29 days"),
    ("date", "31/13/2025", '4: date: "31/13/2025" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)'),  # no month
    ("location", "{name: Gao, lat: '16,27', lon: -0.04}",
     '5: location.lat: "16,27" is not a number from -90 to 90: write its decimals after a point, 16.27'),
    ("source", "{publisher: W, url: www.example.org/a}",
     '6: source.url: "www.example.org/a" is not an http or https URL: write it with https:// in front, '
     "https://www.example.org/a"),
    ("date", "2024-2-3", '4: date: "2024-2-3" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY): 2024-02-03'),
    ("date", "20240203", '4: date: "20240203" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY): 2024-02-03'),
    ("date", "0999-2-3", '4: date: "0999-2-3" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)'),
    ("source", "{publisher: W, url: 'https://www.rfi.fr/fr/afrique/ogossagou attaque'}",
     '6: source.url: "https://www.rfi.fr/fr/afrique/ogossagou attaque" has a space or another blank in it, which an '
     "address cannot have: write each space as %20, https://www.rfi.fr/fr/afrique/ogossagou%20attaque"),
    ("reported_toll", "{killed: 12-15}",
     '7: reported_toll.killed: "12-15" is not a whole number: for 12 to 15, write {min: 12, max: 15}'),
    # a comma in braces ends a field: a French decimal comma, a thousands separator
    ("location", "{name: Moura, country: Mali, lat: 14.03, lon: -4,53}",
     '5: location.lon: "-4,53" is read as -4 and a field "53": between braces a comma separates fields; write its '
     "decimals after a point, lon: -4.53"),
    ("reported_toll", "{killed: 1,200}",
     '7: reported_toll.killed: "1,200" is read as 1 and a field "200": between braces a comma separates fields; '
     "write it without a separator, killed: 1200"),
    ("reported_toll", "{killed: 24+}",
     '7: reported_toll.killed: "24+" is not a whole number: for at least 24, write {min: 24}'),
    ("reported_toll", "{killed: about 20, according_to: FLA}",
     '7: reported_toll.killed: "about 20" is not a whole number: "about 20" is an approximation: write killed: 20, '
     "and keep the source's own words in the claim's wording (about 20 …), which the pages show beside the figure"),
    ("reported_toll", "{killed: une vingtaine}",
     '7: reported_toll.killed: "une vingtaine" is not a whole number: "une vingtaine" is an approximation: write '
     "killed: 20, and keep the source's own words in the claim's wording (une vingtaine …), which the pages show "
     "beside the figure"),
    ("reported_toll", "{injured: des dizaines}",
     '7: reported_toll.injured: "des dizaines" is not a whole number: "des dizaines" gives no number, and a count '
     "is one: keep the source's words in the report's text, and give a count only where the source gives a figure"),
    # true or false as people write them
    ("draft", '"true"', '7: draft: "true" must be true or false: write draft: true, without quotes'),
    ("draft", "yes", '7: draft: "yes" must be true or false: write draft: true'),
    # a title written after "# ", which YAML reads as a comment
    ("title", "# Gao: 24 dead", '2: title: YAML reads "# Gao: 24 dead" as a comment (it starts with " #"), leaving the '
     'title empty: write the title without the "#" (title: "Gao: 24 dead")'),
    # the event's file where its slug is meant: the slug, never one of its name with "-md" (a new event)
    ("event", "2025-02-gao-road-killings.md",
     '3: event: "2025-02-gao-road-killings.md" is not a slug: write "2025-02-gao-road-killings" (an event\'s file '
     "name, without .md: lowercase letters a-z, digits and single hyphens)"),
    ("event", "content/events/2025-02-gao-road-killings.md",
     '3: event: "content/events/2025-02-gao-road-killings.md" is not a slug: write "2025-02-gao-road-killings" (an '
     "event's file name, without .md: lowercase letters a-z, digits and single hyphens)"),
    # a count YAML reads in another base, or with _ between its digits
    ("reported_toll", "{killed: 0x10}",
     '7: reported_toll.killed: "0x10" is a number written in hexadecimal, which YAML reads as 16: write killed: 16, '
     "in decimal digits alone, if that is the figure"),
    ("reported_toll", "{injured: 1_000}",
     '7: reported_toll.injured: "1_000" is a number written with _ between its digits, which YAML reads as 1000: '
     "write injured: 1000, in decimal digits alone, if that is the figure"),
    # a bound, a range, a figure with its words: each as the format writes it
    ("reported_toll", "{killed: up to 40}",
     '7: reported_toll.killed: "up to 40" is not a whole number: for up to 40, write {min: 0, max: 40}, and keep the '
     "source's words in the claim's wording (up to 40 …)"),
    ("reported_toll", "{killed: entre 12 et 15}",
     '7: reported_toll.killed: "entre 12 et 15" is not a whole number: for 12 to 15, write {min: 12, max: 15}'),
    ("reported_toll", "{killed: at least twenty}",
     '7: reported_toll.killed: "at least twenty" is not a whole number: for at least 20, write {min: 20}'),
    ("reported_toll", "{killed: a dozen}",
     '7: reported_toll.killed: "a dozen" is not a whole number: "a dozen" is an approximation: write killed: 12, and '
     "keep the source's own words in the claim's wording (a dozen …), which the pages show beside the figure"),
    ("reported_toll", "{killed: 24 (FLA)}",
     '7: reported_toll.killed: "24 (FLA)" is not a whole number: write killed: 24, the number alone; the source\'s '
     "words go in the claim's wording, and who gives the figure in its according_to"),
    # a count in words, English or French
    ("reported_toll", "{killed: trente}",
     '7: reported_toll.killed: "trente" is not a whole number: write killed: 30, in digits (the source\'s words can '
     "stay in the claim's wording)"),
    ("reported_toll", "{killed: {min: forty-six}}",
     '7: reported_toll.killed.min: "forty-six" is not a whole number: write min: 46, in digits (the source\'s words '
     "can stay in the claim's wording)"),
    ("reported_toll", "{injured: quatre-vingt-dix}",
     '7: reported_toll.injured: "quatre-vingt-dix" is not a whole number: write injured: 90, in digits (the '
     "source's words can stay in the claim's wording)"),
    ("reported_toll", "{killed: {min: over 24}}",
     '7: reported_toll.killed.min: "over 24" is not a whole number: write min: 24, which means at least 24'),
    ("actors", "[{name: FLA, role: Alleged Perpetrator}]",
     '7: actors[0].role: "Alleged Perpetrator" is not a role: write it in lower case, alleged perpetrator'),
    ("responses", "[{by: FLA, stance: Denied}]",
     '7: responses[0].stance: "Denied" is not a stance: write it in lower case, denied'),
])
def test_a_value_written_another_common_way_is_said_with_the_way_to_write_it(make_site, field, value, said):
    root = make_site({R: report(**{field: value})})
    assert problems(root) == [f"{R}:{said}"]


@pytest.mark.parametrize("field, value, said", [
    ("reported_toll", '{killed: 24, wording: “at least 24 civilians”}', '7: reported_toll.wording: is written in '
     "quotation marks (“…”), and the pages put a source's words in quotation marks of their own: write wording: "
     '"at least 24 civilians", without them (warning)'),
    ("responses", "[{by: FLA, stance: denied, quote: « Nous démentons »}]", '7: responses[0].quote: is written in '
     "quotation marks («…»), and the pages put a source's words in quotation marks of their own: write quote: "
     '"Nous démentons", without them (warning)'),
    ("reported_toll", "{killed: 24, wording: '“They came at dawn”, residents said, 24 dead'}", None),
])
def test_a_source_s_words_in_quotation_marks_of_their_own_are_a_warning(make_site, field, value, said):
    """The pages quote a wording or a quote (<q>, in the page's language's marks):
    “« Nous démentons »” would show two pairs."""
    root = make_site({R: report(**{field: value})})
    warned = [f"{w.line}: {w.field}: {w.message} ({w.severity})" for w in check(root) if "quotation" in w.message]
    assert warned == ([] if said is None else [said])


def test_an_actor_named_twice_in_a_report_is_said_unless_with_two_roles(make_site):
    """The page would list it twice: a role given under a name already there,
    or the same name and role again (case and accents aside). An alleged
    perpetrator that also gives a figure is two items, each with its role."""
    actors = ("\n  - Wagner Group\n  - {name: Wagner Group, role: alleged perpetrator}"
              "\n  - {name: wagner group, role: claimant}\n  - {name: Wagner Groupe, role: claimant}"
              "\n  - {name: Wágner Group, role: claimant}\n  - {name: Other Group, role: Nobody}")
    assert problems(make_site({R: report(actors=actors)})) == [
        f'{R}:9: actors[1]: "Wagner Group" is named already in this list (actors[0], line 8): keep one item, with '
        "its role",
        f'{R}:10: actors[2]: "wagner group" is named already in this list (actors[0], line 8): keep one item, with '
        "its role",
        f'{R}:12: actors[4]: "Wágner Group" is named already in this list (actors[2], line 10): remove one of them',
        f'{R}:13: actors[5].role: "Nobody" is not a role (use one of: alleged perpetrator, victim, claimant, '
        "investigator, witness, other)"]  # said for its role alone, not as a name given twice


def test_an_actor_s_role_written_in_brackets_after_its_name_is_said_with_the_item_to_write(make_site):
    """"- FLA (claimant)" passed as an actor of that name, with a page of its
    own; a name with a bracket that is no role (an acronym spelt out) is a name."""
    actors = ("\n  - FLA (claimant)\n  - MNLA [Alleged  Perpetrator]\n  - Front de libération (Azawad)"
              "\n  - Front de libération de l'Azawad, FLA (claimant)\n  - name: Wagner (perpetrator)")
    assert problems(make_site({R: report(actors=actors)})) == [
        f'{R}:8: actors[0]: "FLA (claimant)" gives the role in brackets, which would make it part of the name: '
        "write the role as its own field, - {name: FLA, role: claimant}",
        f'{R}:9: actors[1]: "MNLA [Alleged  Perpetrator]" gives the role in brackets, which would make it part of the '
        "name: write the role as its own field, - {name: MNLA, role: alleged perpetrator}",
        # the item written so that YAML reads it (a comma in the name: in quotes)
        f'{R}:11: actors[3]: "Front de libération de l\'Azawad, FLA (claimant)" gives the role in brackets, which '
        'would make it part of the name: write the role as its own field, - {name: "Front de libération de '
        "l'Azawad, FLA\", role: claimant}",
        f'{R}:12: actors[4].name: "Wagner (perpetrator)" gives the role in brackets, which would make it part of the '
        "name: write the role as its own field, name: Wagner and role: alleged perpetrator"]


def test_a_report_without_its_event_is_said_with_what_to_write(make_site):
    assert problems(make_site({R: report(event=None)})) == [
        f"{R}:1: event: is required: the slug of the event the report is about, the one the event's other reports "
        "give (year, month, place and what happened: 2024-02-ogossagou-killings; a new event gets a new one)"]


def test_a_fr_block_in_an_archive_written_in_french_is_said_never_shown(make_site):
    """With `language: fr` the pages show the fields themselves: a `fr:` block
    (often the sign that `language:` was taken for the interface's) is never
    shown, said on its line, in every file and in site.yaml."""
    root = make_site({R: report("2025-02-gao-killings"),
                      "content/events/2025-02-gao-killings.md": "---\ntitle: Killings near Gao\nfr:\n  title: Tueries "
                                                               "près de Gao\n---\n"},
                     site="title: Archive\nlanguage: fr\nfr:\n  title: Archive\n")
    said = ("fr: site.yaml gives fr as the language the archive is written in (language: fr), so this block is never "
            "shown: if the fields above are in another language, give that one as language: and list fr in "
            "languages:; if they are in fr already, remove the block (warning)")
    assert [str(w) for w in check(root)] == [f"content/events/2025-02-gao-killings.md:3: {said}", f"site.yaml:3: {said}"]
    # said with a mistake of site.yaml's too, its language read from its line
    (root / "site.yaml").write_text("title: Archive\nlanguage: fr\nlanguages: [fr, de]\n", encoding="utf-8")
    assert problems(root) == [f"content/events/2025-02-gao-killings.md:3: {said}",
                              'site.yaml:3: languages[1]: "de": the site has no interface in this language (use one '
                              "of: en, fr)"]
    (root / "content/events/2025-02-gao-killings.md").unlink()
    (root / "site.yaml").write_text("title: Archive\nlanguage: fr\n", encoding="utf-8")
    assert check(root) == []


def test_an_event_file_given_a_report_s_fields_is_said_field_by_field(make_site):
    """A curated event's file given source: and reported_toll: (a curator's slip) is
    no report (it names no event): each field is said unknown, not "move it"."""
    root = make_site({"content/reports/r.md": report(event="2025-02-gao-killings"),
                      "content/events/2025-02-gao-killings.md": "---\ntitle: Killings near Gao\nsource: Reuters\n"
                                                                "reported_toll: 24\n---\n"})
    found = problems(root)
    assert len(found) == 2 and all("unknown field" in p for p in found), found
