"""`build.py new`: a report that passes `check` as written, stays a draft,
and never overwrites a file."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import ARCHIVE
from incidents.cli import main
from incidents.content.model import TEMPLATE_TEXT, TEMPLATE_TITLE, TEMPLATE_URL
from incidents.new import report_slug

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def archive(tmp_path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(ARCHIVE / "site.yaml", root / "site.yaml")
    shutil.copytree(ARCHIVE / "content", root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def new(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    status = main(["--root", str(root), "new", *args])
    out, err = capsys.readouterr()
    return status, out.strip(), err


def check(root: Path, capsys, *options: str) -> tuple[int, str]:
    status = main(["--root", str(root), "check", *options])
    out, _ = capsys.readouterr()
    return status, out


def test_new_prints_the_path_of_a_report_named_by_date_and_title(archive, capsys):
    status, out, _ = new(archive, "Killings near Gao: 24 dead", "--event", "2025-02-gao-road-killings",
                         "--date", "2025-02-17", capsys=capsys)
    assert (status, out) == (0, "content/reports/2025-02-17-killings-near-gao-24-dead.md")
    text = (archive / out).read_text(encoding="utf-8")
    assert 'title: "Killings near Gao: 24 dead"\n' in text
    assert 'event: "2025-02-gao-road-killings"\n' in text
    assert "draft: true\n" in text


def test_a_new_report_passes_check_with_nothing_but_its_title_and_event(archive, capsys):
    status, out, _ = new(archive, "Villagers killed in Mopti region", "--event", "2026-01-mopti-killings",
                         capsys=capsys)
    assert status == 0
    assert out == f"content/reports/{dt.date.today().isoformat()}-villagers-killed-in-mopti-region.md"
    assert check(archive, capsys, "--strict", "--format", "github") == (0, "")


def test_a_report_of_a_known_event_takes_the_event_s_date_and_says_so(archive, capsys):
    """Without --date a report of a curated event is dated as its file dates it,
    of an event its reports alone name by the earliest they give, and of a new
    event today: each said, so that no day is written in silence (a report of an
    event of February 2025 was dated today, and passed the check)."""
    status, out, err = new(archive, "Mali army accused", "--event", "2025-02-gao-road-killings", capsys=capsys)
    assert (status, out) == (0, "content/reports/2025-02-17-mali-army-accused.md")
    assert err == ("note: --date not given: the event's date in content/events/2025-02-gao-road-killings.md, "
                   "2025-02-17, written: check it against the article\n")
    assert 'date: "2025-02-17"' in (archive / out).read_text(encoding="utf-8")
    (archive / "content/events/2024-06-abeibara-killings.md").unlink()
    status, out, err = new(archive, "Abeibara, again", "--event", "2024-06-abeibara-killings", capsys=capsys)
    assert (status, out) == (0, "content/reports/2024-06-20-abeibara-again.md")
    assert err == ("note: --date not given: the earliest date the event's 1 report gives, 2024-06-20, written: check "
                   "it against the article\n")
    status, out, err = new(archive, "Something new", "--event", "2026-01-new-killings", capsys=capsys)
    today = dt.date.today().isoformat()
    assert (status, out) == (0, f"content/reports/{today}-something-new.md")
    assert err == ('note: --event: no file or report names the event "2026-01-new-killings" yet: this report starts '
                   f"it\nnote: --date not given: today's date, {today}, written: write the day of the events, as the "
                   "article gives it\n")
    assert new(archive, "Dated", "--event", "2025-02-gao-road-killings", "--date", "2025-02", capsys=capsys)[2] == ""


def test_a_new_report_with_every_option_passes_check(archive, capsys):
    status, out, _ = new(archive, "Mali: civilians killed", "--event", "2025-02-gao-road-killings",
                         "--date", "2025-02", "--location", "Gao–Algeria road", "--publisher", "Reuters",
                         "--url", "https://example.org/reuters/gao", capsys=capsys)
    assert status == 0 and out == "content/reports/2025-02-mali-civilians-killed.md"
    text = (archive / out).read_text(encoding="utf-8")
    assert 'location: "Gao–Algeria road"\n' in text and "FILL IN" not in text
    assert '  url: "https://example.org/reuters/gao"\n' in text
    assert check(archive, capsys, "--strict") == (0, "")


def test_placeholders_must_be_filled_in_before_publishing(archive, capsys):
    """FILL IN, and new's text ("The text of the report, or a summary with
    quotes. …"), are fine in a draft; published, each is an error."""
    _, out, _ = new(archive, "Killings in Ségou", "--event", "2026-01-segou-killings", "--date", "2026-01-05",
                    capsys=capsys)
    path = archive / out
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    at = {key: next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith(key + ":"))
          for key in ("location", "publisher")}
    body = lines.index("---", 1) + 2
    assert check(archive, capsys) == (1, (
        f'{out}:{at["location"]}: location: is still "FILL IN": write the real value, or keep "draft: true" '
        f'until you can\n'
        f'{out}:{at["publisher"]}: source.publisher: is still "FILL IN": write the real value, or keep '
        f'"draft: true" until you can\n'
        f'{out}:{body}: the text is still what new writes ("The text of the report, or a summary with quotes. …"): '
        "write the report's text, or a summary of the article with its quotes, or keep \"draft: true\" until you "
        "can\n"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('location: "FILL IN"', "location: Ségou").replace(
        'publisher: "FILL IN"', "publisher: RFI").split("\n---\n", 1)[0] + "\n---\nResidents said ten were killed.\n",
        encoding="utf-8")
    assert check(archive, capsys, "--strict") == (0, "")


def test_the_report_to_paste_in_the_browser_passes_as_a_draft_and_not_published(archive, capsys):
    """CONTRIBUTING.md's report to paste on GitHub, as it is: a draft passes;
    with "draft: true" removed, each example still in it is an error, all in
    one run, so that a placeholder is never published."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    pasted = textwrap.dedent(re.search(r"```markdown\n(.*?)```", guide.split("## Adding a report in the browser")[1],
                                       re.S).group(1))
    french = (ROOT / "CONTRIBUTING.fr.md").read_text(encoding="utf-8")  # the same report to paste
    assert textwrap.dedent(re.search(r"```markdown\n(.*?)```", french, re.S).group(1)) == pasted
    assert (TEMPLATE_TITLE, TEMPLATE_URL, TEMPLATE_TEXT) == (
        re.search(r'^title: "(.*)"$', pasted, re.M).group(1), re.search(r"^  url: (.*)$", pasted, re.M).group(1),
        pasted.split("---\n")[-1].strip())
    rel = "content/reports/2025-02-17-gao-road-killings-reuters.md"
    (archive / rel).write_text(pasted, encoding="utf-8")
    assert check(archive, capsys, "--strict") == (0, "")
    lines = pasted.replace("draft: true\n", "").split("\n")
    (archive / rel).write_text("\n".join(lines), encoding="utf-8")
    at = {key: next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith(key + ":")) for key in ("title", "url")}
    keep = 'or keep "draft: true" until you can'
    assert check(archive, capsys) == (1, (
        f"{rel}:{at['title']}: title: is still the example of CONTRIBUTING.md's report to paste (\"{TEMPLATE_TITLE}\"): "
        f"write the report's title, {keep}\n"
        f"{rel}:{at['url']}: source.url: is still the example of CONTRIBUTING.md's report to paste ({TEMPLATE_URL}): "
        f"write the article's address, or remove the line if it is not online, {keep}\n"
        f"{rel}:{lines.index('---', 1) + 2}: the text is still the example of CONTRIBUTING.md's report to paste "
        f"(\"{TEMPLATE_TEXT}\"): write the report's text, or a summary of the article with its quotes, {keep}\n"))


def test_new_says_when_its_event_is_new_and_the_known_one_a_letter_away(archive, capsys):
    """An --event no file or report names starts an event: said, with the known
    event it most likely meant, before one incident is split in two."""
    status, _, err = new(archive, "Civilians killed in Moura", "--event", "2022-03-moura-killing", "--date",
                         "2022-03-27", capsys=capsys)
    assert status == 0 and err == (
        'note: --event: no file or report names the event "2022-03-moura-killing" yet, so this report starts it: '
        'did you mean "2022-03-moura-killings" (its file content/events/2022-03-moura-killings.md and 1 report)? '
        "If so, write event: 2022-03-moura-killings in the report\n")
    assert new(archive, "Killings in Ségou", "--event", "2026-01-segou-attack", "--date", "2026-01-05",
               capsys=capsys)[2] == ('note: --event: no file or report names the event "2026-01-segou-attack" yet: '
                                     "this report starts it\n")
    # a known event (a file's, or, now, a report's) is no news
    assert new(archive, "Moura again", "--event", "2022-03-moura-killings", "--date", "2022-03-27",
               capsys=capsys)[2] == ""
    assert new(archive, "Ségou again", "--event", "2026-01-segou-attack", "--date", "2026-01-05",
               capsys=capsys)[2] == ""


def test_new_never_overwrites(archive, capsys):
    args = ("Killings near Gao", "--event", "2025-02-gao-road-killings", "--date", "2025-02-17")
    first = new(archive, *args, capsys=capsys)[1]
    (archive / first).write_text((archive / first).read_text(encoding="utf-8") + "My notes.\n", encoding="utf-8")
    second = new(archive, *args, capsys=capsys)[1]
    third = new(archive, *args, capsys=capsys)[1]
    assert (first, second, third) == ("content/reports/2025-02-17-killings-near-gao.md",
                                      "content/reports/2025-02-17-killings-near-gao-2.md",
                                      "content/reports/2025-02-17-killings-near-gao-3.md")
    assert (archive / first).read_text(encoding="utf-8").endswith("My notes.\n")


def test_new_refuses_bad_options_and_writes_nothing(archive, capsys):
    before = sorted((archive / "content" / "reports").iterdir())
    status, out, err = new(archive, "x", "--event", "Gao Killings", "--date", "2025-02-30",
                           "--url", "ftp://example.org/a", capsys=capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        'error: --event: "Gao Killings" is not a slug: write "gao-killings" (an event\'s file name, without .md: '
        "lowercase letters a-z, digits and single hyphens)",
        'error: --date: "2025-02-30" is not a date: February 2025 has 28 days',
        'error: --url: "ftp://example.org/a" is not an http or https URL',
    ]
    assert sorted((archive / "content" / "reports").iterdir()) == before


def test_new_keeps_quotes_and_colons_in_values_as_text(archive, capsys):
    status, out, _ = new(archive, 'The "Moura" massacre: #1', "--event", "2022-03-moura-killings",
                         "--date", "2022-03", "--location", "Moura, Mopti", "--publisher", "Human Rights Watch",
                         capsys=capsys)
    assert status == 0
    assert 'title: "The \\"Moura\\" massacre: #1"\n' in (archive / out).read_text(encoding="utf-8")
    # "Moura, Mopti", the event's Moura with its region: a mapping, not a place named "Moura, Mopti"
    assert '\nlocation: {name: "Moura", region: "Mopti"}' in (archive / out).read_text(encoding="utf-8")
    assert check(archive, capsys) == (0, "")


@pytest.mark.parametrize("title, date, slug", [
    ("Mali army opens inquiry", "2025-02-17", "2025-02-17-mali-army-opens-inquiry"),
    ("Tuerie à Ségou !", "2024", "2024-tuerie-a-segou"),
    ("x" * 200, "2025-01", "2025-01-" + "x" * 72),
    ("!!!", "2025", "2025-report"),  # not "2025", the address of a year's list
])
def test_report_slug_is_the_date_then_the_title(title, date, slug):
    assert report_slug(title, date) == slug


def test_contributing_examples_pass_check(archive, capsys):
    """CONTRIBUTING.md's report to paste, and its `new` command, as written there."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = guide.split("```markdown\n")[1].split("```")[0]
    example = "\n".join(line.removeprefix("   ") for line in block.split("\n"))
    (archive / "content/reports/2025-02-17-gao-road-killings-reuters.md").write_text(example, encoding="utf-8")
    assert check(archive, capsys, "--strict") == (0, "")
    command = guide.split(".venv/bin/python build.py new ")[1].split("\n```")[0].replace("\\\n", " ")
    status, out, _ = new(archive, *shlex.split(command), capsys=capsys)
    assert status == 0
    assert f"`{out}`" in guide
    assert check(archive, capsys, "--strict") == (0, "")


@pytest.mark.parametrize("line, said", [("{{ title }", "templates/new-report.md:2: unexpected '}'"),
                                        ("{{ nonsense }}", "templates/new-report.md:2: this template failed writing "
                                                           "the new report ('nonsense' is undefined)")])
def test_a_mistake_in_the_new_report_template_is_said_on_its_line(archive, capsys, line, said):
    """The archive's own templates/new-report.md is a template like the site's:
    its mistake is said on its line, and no report is written."""
    (archive / "templates" / "new-report.md").write_text("---\n" + line + "\n---\n")
    before = sorted((archive / "content" / "reports").iterdir())
    status, out, err = new(archive, "Some title", "--event", "2025-02-gao-road-killings", capsys=capsys)
    assert status == 1 and "Traceback" not in out + err
    assert out.startswith(said), out
    assert sorted((archive / "content" / "reports").iterdir()) == before


@pytest.mark.parametrize("option, value, said", [
    ("TITLE", "A\u2028title", "error: TITLE: contains a line break (U+2028); write it on one line"),
    ("TITLE", "A\u0085title", "error: TITLE: contains the control character U+0085; remove it"),
    ("--publisher", "X\ny", "error: --publisher: contains a line break (U+000A); write it on one line")])
def test_a_character_no_report_may_hold_is_said_of_its_option(archive, capsys, option, value, said):
    title = value if option == "TITLE" else "Some title"
    extra = [option, value] if option != "TITLE" else []
    status, out, err = new(archive, title, "--event", "2025-02-gao-road-killings", *extra, capsys=capsys)
    assert status == 2 and err.strip() == said, err


def test_an_option_given_empty_is_said_not_taken_as_left_out(archive, capsys):
    """--date "" (a script's unset variable) would otherwise be today, --url "" FILL IN."""
    before = sorted((archive / "content" / "reports").iterdir())
    status, out, err = new(archive, "Some title", "--event", "2025-02-gao-road-killings", "--date", "",
                           "--url", " ", "--publisher", "", capsys=capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "error: --date: is empty: give the day of the events (YYYY-MM-DD, YYYY-MM or YYYY; without it the event's, or "
        "today's), or leave the option out",
        "error: --publisher: is empty: give who published the article (FILL IN without it), or leave the option out",
        "error: --url: is empty: give the article's address (FILL IN without it), or leave the option out",
    ]
    assert sorted((archive / "content" / "reports").iterdir()) == before


@pytest.mark.parametrize("template, said", [
    (b"---\ntitle: {{ title }}\n\xff\n---\n", "templates/new-report.md:3: is not UTF-8 text: save it as UTF-8"),
    (b"---\ntitle: {{ title }}\x01\n---\n", "templates/new-report.md:2: contains the control character U+0001; "
                                              "remove it"),
])
def test_a_new_report_template_no_report_could_come_from_is_said_on_its_line(archive, capsys, template, said):
    (archive / "templates").mkdir(exist_ok=True)
    (archive / "templates" / "new-report.md").write_bytes(template)
    before = sorted((archive / "content" / "reports").iterdir())
    status, out, err = new(archive, "Some title", "--event", "2025-02-gao-road-killings", capsys=capsys)
    assert status == 1 and out.splitlines() == [said] and "Traceback" not in err
    assert sorted((archive / "content" / "reports").iterdir()) == before


@pytest.mark.parametrize("change, said", [
    (("event: {{ event }}", "event: {{ event }}-Bad"),
     "templates/new-report.md:{event}: event: the value ends at its closing quote (\") and YAML cannot read the text "
     "after it (-Bad): put the event in quotes: event: '\"2025-02-gao-road-killings\"-Bad'"),
    (("title: {{ title }}", "title: {{ title }}\ntitle: {{ title }}"),
     'templates/new-report.md:{title_2}: title: "title" is given twice: keep one of the two'),
    (("title: {{ title }}", "titel: {{ title }}"),
     'templates/new-report.md:{title}: titel: unknown field "titel" (did you mean "title"?)'),
])
def test_a_new_report_template_that_makes_no_valid_report_is_blamed_not_the_values(archive, capsys, change, said):
    """A mistake of the archive's templates/new-report.md that no values could
    mend is said on the template's line, not as the option's (`--event: …`)."""
    theme = (ROOT / "templates" / "new-report.md").read_text(encoding="utf-8")
    lines = theme.split("\n")
    where = {f: next(i for i, line in enumerate(lines, 1) if line.startswith(f"{f}: ")) for f in ("title", "event")}
    where["title_2"] = where["title"] + 1
    (archive / "templates").mkdir(exist_ok=True)
    (archive / "templates" / "new-report.md").write_text(theme.replace(*change, 1), encoding="utf-8")
    before = sorted((archive / "content" / "reports").iterdir())
    status, out, err = new(archive, "Some title", "--event", "2025-02-gao-road-killings", capsys=capsys)
    assert status == 1 and out.splitlines() == [said.format(**where)], out + err
    assert sorted((archive / "content" / "reports").iterdir()) == before
    (archive / "templates" / "new-report.md").write_text(theme, encoding="utf-8")  # the values' own: theirs
    status, out, err = new(archive, "Some title", "--event", "Not a slug", capsys=capsys)
    assert status == 2 and err.startswith('error: --event: "Not a slug" is not a slug'), err


def test_a_template_mistake_in_a_branch_the_options_take_is_the_template_s(archive, capsys):
    """`new-report.md` writes the location one way when --location is given and
    another when it is not: a mistake in either branch is the template's, found
    with sample values given or left out as the options were."""
    theme = (ROOT / "templates" / "new-report.md").read_text(encoding="utf-8")
    assert "{% else %}\nlocation: {{ location }}\n" in theme
    (archive / "templates").mkdir(exist_ok=True)
    (archive / "templates" / "new-report.md").write_text(
        theme.replace("{% else %}\nlocation: {{ location }}\n", "{% else %}\nlocation: [{{ location }}]\n", 1))
    line = theme.split("\n").index("location: {{ location }}") + 1
    status, out, err = new(archive, "Some title", "--event", "2025-02-gao-road-killings", "--location", "Gao",
                           capsys=capsys)
    assert status == 1 and out.splitlines() == [
        f"templates/new-report.md:{line}: location: must be a place name or a mapping {{name, region, country, lat, "
        "lon}"], out + err


def test_a_new_report_whose_path_cannot_be_printed_says_it_was_written(archive, tmp_path):
    import subprocess
    import sys
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(archive), "new", "Full disk",
                               "--event", "2025-02-gao-road-killings", "--date", "2025-02-20"], stdout=full,
                              stderr=subprocess.PIPE, text=True)
    assert done.returncode == 0 and done.stderr == ("note: wrote content/reports/2025-02-20-full-disk.md; its path "
                                                    "could not be printed (No space left on device)\n")
    assert (archive / "content" / "reports" / "2025-02-20-full-disk.md").is_file()
