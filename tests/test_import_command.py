"""`build.py import`: drafts that pass the check, never an overwrite, --dry-run writes nothing."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ftfy.badness import is_bad

from articles import ARTICLES, NOT_YET, article_path
from conftest import ARCHIVE
from incidents.build import check
from incidents.cli import main
from incidents.content.frontmatter import split
from incidents.importer.draft import report_slug, scalar
from incidents.content.validate import read_report

ROOT = Path(__file__).resolve().parents[1]
NAMES = sorted(ARTICLES)


def article_files() -> list[Path]:
    """The project's articles (tests/fixtures/articles/), in name order."""
    return [article_path(name) for name in NAMES]


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """A copy of the shipped archive to import into."""
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    shutil.copytree(ARCHIVE / "content", root / "content")
    return root


def drafts_in(output: str) -> list[str]:
    """Split dry-run output (drafts one after another) into drafts."""
    parts = re.split(r"(?m)^(?=---\n# A draft imported)", output)
    return [p for p in parts if p.strip()]


def test_dry_run_prints_valid_drafts_and_writes_nothing(archive, capsys):
    files = article_files()
    before = sorted((archive / "content" / "reports").iterdir())
    assert main(["--root", str(archive), "import", *map(str, files), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert sorted((archive / "content" / "reports").iterdir()) == before
    drafts = drafts_in(out.out)
    assert len(drafts) == len(files) == len(NAMES)
    for text in drafts:
        doc, problems = split("content/reports/x.md", text)
        assert problems == [] and doc is not None
        report, problems = read_report(doc, "x")
        assert problems == [] and report is not None and report.draft
        assert not is_bad(text)  # no mojibake left (ftfy's own measure: "â€™" for "’", "Ã©" for "é")
        assert re.search(r"(?m)^title: .+  # check: ", text) and "\ndraft: true\n" in text
    assert out.err.count("not written: --dry-run") == len(NAMES)


def test_dry_run_finds_the_tolls_with_who_claims_them(archive, capsys):
    main(["--root", str(archive), "import", *map(str, article_files()), "--dry-run"])
    out = capsys.readouterr().out
    claims = []
    for text in drafts_in(out):
        data = yaml.safe_load(text.split("---\n")[1])
        claims += [(c.get("killed"), c.get("injured"), c.get("according_to")) for c in data.get("reported_toll", [])]
    assert ({"min": 24}, None, "Azawad Liberation Front") in claims
    assert (46, None, "Ahmedou Ag Assaleh, for the chief of Abeibara village") in claims
    assert ({"min": 60}, None, "Kal Akal") in claims
    assert (None, 12, "Boubacar Sangaré") in claims


def test_dry_run_drafts_have_no_repeat_and_no_furniture(archive, capsys):
    main(["--root", str(archive), "import", *map(str, article_files()), "--dry-run"])
    drafts = drafts_in(capsys.readouterr().out)
    for name, text in zip(NAMES, drafts, strict=True):
        body = text.split("\n---\n", 1)[1]
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        assert len(paragraphs) == len(set(paragraphs))
        for furniture in ("Related Articles", "Leave a Reply", "Subscribe", "Donate now", "Support independent",
                          "Posted by newsdesk", "Share this", "Advertisement", "Most Read", "Sign up"):
            assert furniture not in body
        if "cut" not in NOT_YET.get(name, set()):
            for reason, cut in ARTICLES[name].expected.cut:
                if not reason.startswith("repeated"):
                    assert cut not in body.splitlines(), (name, cut)
                    assert f"{reason}: {cut[:30]}" in text   # listed in the draft's comments


def test_written_drafts_pass_the_check(archive, capsys):
    assert main(["--root", str(archive), "import", *map(str, article_files())]) == 0
    written = capsys.readouterr().out.split()
    assert len(written) == len(NAMES) and all(w.startswith("content/reports/") for w in written)
    check(archive, drafts=True)            # raises ContentError on any problem
    assert main(["--root", str(archive), "check", "--drafts"]) == 0


def test_controls_no_report_may_hold_are_left_out_of_the_draft(archive, capsys, tmp_path):
    """Bytes Windows-1252 never defined (U+0081, U+008D…) survive ftfy: the draft
    leaves them out, and passes the check, rather than failing its own."""
    text = article_files()[0].read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    paragraphs[-1] = paragraphs[-1].replace(" ", " \u008d", 1).replace(" ", "\u0081 ", 1) + " \u2028end."
    source = tmp_path / "article.txt"
    source.write_text("\n\n".join(paragraphs), encoding="utf-8")
    assert main(["--root", str(archive), "import", str(source)]) == 0
    [written] = capsys.readouterr().out.split()
    draft = (archive / written).read_text(encoding="utf-8")
    assert not re.search("[\u0080-\u009f\u2028]", draft)
    check(archive, drafts=True)


def test_never_overwrites_a_taken_slug(archive, capsys):
    one = article_path("gao-road-wire")
    slug = "2025-02-17-mali-army-opens-inquiry-into-killing-of-civilians-on-gao"   # the incident's day, the title
    target = archive / "content" / "reports" / f"{slug}.md"
    target.write_text("not a draft\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(one)]) == 0
    assert main(["--root", str(archive), "import", str(one), "--allow-duplicate"]) == 0
    assert capsys.readouterr().out.split() == [f"content/reports/{slug}-2.md", f"content/reports/{slug}-3.md"]
    assert target.read_text(encoding="utf-8") == "not a draft\n"


def test_options_fill_the_source(archive, capsys):
    one = article_path("gao-road-wire")
    assert main(["--root", str(archive), "import", str(one), "--dry-run", "--published", "2025-02-22",
                 "--publisher", "Example News", "--url", "https://example.org/a"]) == 0
    data = yaml.safe_load(capsys.readouterr().out.split("---\n")[1])
    assert data["source"] == {"publisher": "Example News", "url": "https://example.org/a",
                              "published": dt.date(2025, 2, 22), "language": "en", "title": data["title"]}
    assert data["draft"] is True
    assert data["date"] == dt.date(2025, 2, 17)       # "on Monday", resolved against --published


def test_bad_usage(archive, capsys):
    files = [str(f) for f in article_files()[:2]]
    assert main(["--root", str(archive), "import", *files, "--url", "https://example.org/a"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["--root", str(archive), "import", files[0], "--published", "22/02/2025"])
    assert exc.value.code == 2


@pytest.mark.parametrize("option, value, said", [
    ("--published", "0001-01-01", "'0001-01-01' is not a date: years run from 1000 to 9999"),
    ("--published", "2025-W08-6", "'2025-W08-6' is not a date (YYYY-MM-DD)"),
    ("--published", "2025-02-30", "'2025-02-30' is not a date: February 2025 has 28 days"),  # as new says it
    ("--published", "2025-13-01", "'2025-13-01' is not a date: there is no month 13"),
    # written another way: the date meant, as a report's date is told
    ("--published", "22/02/2025", "'22/02/2025' is not a date (YYYY-MM-DD): 2025-02-22"),
    ("--published", "03/02/2025", "'03/02/2025' is not a date (YYYY-MM-DD): 2025-02-03 if the day comes first, "
                                  "2025-03-02 if the month does"),
    ("--published", "3 March 2025", "'3 March 2025' is not a date (YYYY-MM-DD): write 2025-03-03"),
    ("--published", "20250220", "'20250220' is not a date (YYYY-MM-DD): 2025-02-20"),
    ("--published", "0999-01", "'0999-01' is not a date (YYYY-MM-DD) ("),  # no year of the format to suggest
    # a month or a year is a date of the format, not a day to read "on Monday" against
    ("--published", "2025-02", "'2025-02' is a month, not a day: --published takes the day the article came out "
                               "(YYYY-MM-DD), against which its \"on Monday\" and \"last month\" are read; without "
                               "the day, leave --published out and write published: 2025-02 in the draft's source"),
    ("--published", "2025", "'2025' is a year, not a day: --published takes the day the article came out"),
    ("--publisher", "Agence\x01X", "contains the control character U+0001; remove it"),
    ("--url", "https://example.org/\u2028a", "contains a line break (U+2028); write it on one line"),
])
def test_an_option_no_report_could_hold_is_said_of_the_option(archive, capsys, option, value, said):
    """Said of the option, status 2, as `new` says its own: not as a draft's
    mistake on a line of a file that was never written."""
    with pytest.raises(SystemExit) as exc:
        main(["--root", str(archive), "import", str(article_files()[0]), option, value])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: argument {option}: {said}") and err.endswith(" (build.py import -h lists the options)")


def test_a_saved_page_named_on_two_lines_is_named_on_one_in_the_draft(archive, capsys, tmp_path):
    source = tmp_path / "saved\npage.txt"
    source.write_text(article_files()[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--root", str(archive), "import", str(source)]) == 0
    [written] = capsys.readouterr().out.split()
    assert "saved\\npage.txt by `build.py import`" in (archive / written).read_text(encoding="utf-8")
    check(archive, drafts=True)


def test_unreadable_file_imports_nothing(archive, capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A Title Here\n\nSoldiers killed 3 people, the mayor said.\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(good), str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt: no such file" in capsys.readouterr().err
    assert not list((archive / "content" / "reports").glob("a-title-here*"))


def test_windows_1252_file_is_read(archive, capsys, tmp_path):
    raw = tmp_path / "cp1252.txt"
    raw.write_bytes("Killings in S\u00e9gou\n\nSoldiers killed 5 people in S\u00e9gou, the mayor said.\n"
                    .encode("cp1252"))
    assert main(["--root", str(archive), "import", str(raw), "--dry-run"]) == 0
    assert "title: Killings in Ségou" in capsys.readouterr().out


def test_title_with_a_colon_and_quotes_round_trips(archive, capsys, tmp_path):
    title = 'Mali: "Army" killed 5 people #1 – a report'
    raw = tmp_path / "colon.txt"
    raw.write_text(f"{title}\n\nSoldiers killed 5 people in Gao, the mayor said on Monday.\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(raw)]) == 0
    path = archive / capsys.readouterr().out.strip()
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert data["title"] == title
    check(archive, drafts=True)


@pytest.mark.parametrize("value", ["plain", "a: colon", "'quoted'", "# hash", "yes", "123", "Gao–Algeria road",
                                   "- dash", "{brace}", "trailing # comment"])
def test_scalar_round_trips(value):
    assert yaml.safe_load(f"key: {scalar(value)}  # check: note") == {"key": value}


def test_report_slug():
    assert report_slug("Mali: the Army's Inquiry!") == "mali-the-army-s-inquiry"
    long = report_slug("Mali Army and Russian Mercenaries Accused of Killing Dozens of Civilians in Kidal Region")
    assert long == "mali-army-and-russian-mercenaries-accused-of-killing-dozens"
    assert report_slug("Title", {"title", "title-2"}) == "title-3"
    assert report_slug("!!!") == "imported-report"
    # a title cut short keeps the place where the cut took it out, not where it kept it
    title = "Mali : au moins 12 civils tués dans l'attaque du village de Sadia, dans le centre"
    assert report_slug(title, place="Sadia") == "mali-au-moins-12-civils-tues-dans-l-attaque-du-village-sadia"
    assert report_slug(title, place="Mali") == "mali-au-moins-12-civils-tues-dans-l-attaque-du-village-de"


def test_build_py_entry_point(archive):
    one = article_path("abeibara-ap")
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(archive), "import", str(one),
                          "--dry-run"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "title: Mali troops and Wagner fighters accused" in run.stdout
    assert "Koné" in run.stdout


def test_a_mistake_in_one_file_does_not_hide_the_rest_of_the_archive(archive, capsys):
    """A role misspelt in another report: the import still knows the archive's
    events, places and actors from the files that read, so the Gao wire is
    put in its event, not called "a new event: no event in the archive has
    this place and date" (a curator trusting that split the incident in two)."""
    other = archive / "content/reports/abeibara-killings-associated-press.md"
    other.write_text(other.read_text(encoding="utf-8").replace("role: claimant", "role: accuser", 1), encoding="utf-8")
    assert main(["--root", str(archive), "import", str(article_path("gao-road-wire")), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert out.err.startswith("warning: the archive has 1 problem (build.py check lists them); importing with what "
                              "the other files say of its actors, places and events\n")
    assert "\nevent: 2025-02-gao-road-killings  # check: an event in the archive at Gao–Algeria road" in out.out


def test_a_text_in_a_script_the_import_does_not_read_is_said_in_the_draft(archive, capsys, tmp_path):
    """An article in Arabic gave a near-empty draft without a word of why (a
    helper's review): its draft says the text was not read, and what to do;
    one in French or English does not."""
    arabic = tmp_path / "ar.txt"
    arabic.write_text("مقتل 20 مدنيا في ديالاسوغو\n\nقال سكان إن ما لا يقل عن 20 مدنيا قتلوا يوم الأحد في قرية "
                      "ديالاسوغو وسط مالي.\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(arabic), "--published", "2025-01-10", "--dry-run"]) == 0
    [draft] = drafts_in(capsys.readouterr().out)
    assert ("# The text is in Arabic script, which the import does not read (English and French only): its "
            "figures, places, dates and actors are missing or guessed below: write them from the text.") in draft
    assert main(["--root", str(archive), "import", str(article_files()[0]), "--dry-run"]) == 0
    assert "which the import does not read" not in capsys.readouterr().out


def test_what_the_import_left_out_for_want_of_words_is_a_mark_said_once_published(archive, capsys, tmp_path):
    """A figure whose claimant the import did not find, an article with no
    figure, or none of the archive's actors: each is a commented line of the
    draft, marked "# check:" as the import's guesses are, so that a report
    published with it is warned of on that line (a claim with no claimant is
    shown as the publisher's own)."""
    article = tmp_path / "article.txt"
    article.write_text("Gunmen kill villagers near Tessit\n\nTESSIT, Mali, 3 March 2025 - At least 12 civilians were "
                       "killed in Tessit on Saturday.\n\nSeveral houses were burned.\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(article)]) == 0
    [written] = capsys.readouterr().out.split()
    path = archive / written
    text = path.read_text(encoding="utf-8")
    assert "# check: the import found no one the text says gives this figure" in text
    # published, every other guess checked
    lines = [line if line.strip().startswith("# according_to:") else re.sub(r"  # check:.*", "", line)
             for line in text.replace("\ndraft: true\n", "\n").split("\n")]
    path.write_text("\n".join(lines), encoding="utf-8")
    unclaimed = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("# according_to:"))
    said = [str(p) for p in check(archive)]
    assert [s for s in said if s.startswith(f"{written}:")] == [
        f'{written}:{unclaimed}: is still marked "# check:" by import (the import found no one the text says gives '
        "this figure: write whose it is, or remove this line if it is the publisher's own): check it against the "
        "article, then remove the mark (warning)"]


def test_a_figure_worded_as_a_bound_or_an_approximation_is_marked_with_how_it_is_written(archive, capsys, tmp_path):
    """"Up to 40" has no low end: written 0–40 (0 alone would be a denial that
    anyone died), marked with what to write if the article gives more; "nearly
    50" is written 50 and "more than 20" "at least 20", each marked so."""
    article = tmp_path / "article.txt"
    article.write_text("Rights group says dozens killed in central Mali\n\nBAMAKO, 3 March 2025 - Up to 40 civilians "
                       "may have been killed in Sofara on Saturday, Human Rights Watch said. Nearly 50 others are "
                       "missing, residents said. More than 20 people were wounded, according to a local official.\n"
                       "\nPrès de 30 personnes ont été blessées, selon un élu local.\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(article), "--dry-run"]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert ('  - killed: {min: 0, max: 40}  # check: "Up to 40" gives no low end: written 0–40; write the lowest '
            "figure the article gives, or 40 if that is the claimant's figure") in lines
    assert '  - missing: 50  # check: "Nearly 50" is an approximation: written 50; a range if the article gives one' \
        in lines
    assert '  - injured: {min: 20}  # check: "More than 20": written "at least 20"' in lines
    assert any(line.startswith('  - injured: 30  # check: "Près de 30" is an approximation') for line in lines)


def test_the_address_a_page_gives_is_written_without_tracking_parameters(archive, capsys, tmp_path):
    """A saved page's own address, as a shared link made it (`?utm_source=rss`),
    is written without what says where a reader came from: the site would
    publish it as the source's address. (--url is written as the curator gives it.)"""
    page = tmp_path / "page.html"
    page.write_text('<html><head><title>Soldiers kill three in Gao</title><link rel="canonical" '
                    'href="https://news.example.org/gao-killings?utm_source=rss&amp;utm_campaign=feed"></head><body>'
                    "<article><h1>Soldiers kill three in Gao</h1><p>GAO, Mali, 17 February 2025 - Soldiers killed "
                    "three civilians in Gao on Monday, the mayor said. Residents fled the town.</p></article>"
                    "</body></html>", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(page), "--dry-run"]) == 0
    assert yaml.safe_load(capsys.readouterr().out.split("---\n")[1])["source"]["url"] == \
        "https://news.example.org/gao-killings"


def test_a_figure_with_no_number_keeps_who_gives_it(archive, capsys, tmp_path):
    """"Des dizaines de civils … selon des élus locaux": no number to make a
    claim of, its words kept in the draft, and now who gives them too (the
    claimant was lost). "Une vingtaine" is about 20: a claim of 20, noted."""
    article = tmp_path / "article.txt"
    article.write_text("Mali : des dizaines de civils tués\n\nBAMAKO, 5 juin 2025 (AFP) - Des dizaines de civils ont "
                       "été tués dimanche dans l'attaque du village de Diallassagou, selon des élus locaux.\n",
                       encoding="utf-8")
    assert main(["--root", str(archive), "import", str(article), "--dry-run"]) == 0
    assert "\n# a figure with no number: Des dizaines de civils (according to des élus locaux)\n" in (
        capsys.readouterr().out)
    article.write_text(article.read_text(encoding="utf-8").replace("Des dizaines", "Une vingtaine"), encoding="utf-8")
    assert main(["--root", str(archive), "import", str(article), "--dry-run"]) == 0
    assert ('  - killed: 20  # check: "Une vingtaine" is an approximation: written 20; a range if the article gives '
            "one\n    according_to: des élus locaux") in capsys.readouterr().out
