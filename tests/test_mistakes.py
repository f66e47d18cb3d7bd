"""Every mistake caught where it is made, and nothing silently dropped: the
cases of the issue that are not a single invalid archive (those are in
fixtures/invalid/): warnings, the command line, the machine."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SITE, git, report, write_site

REPO = ROOT
from incidents.build import build, check
from incidents.errors import ContentError
from incidents.content.lint import near_pairs
from sitecheck import tree_digest


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True,
                          cwd=cwd)


TOO_LONG = "the name is too long for the file system (at most 255 bytes a name): shorten it"


def one_error_line(done: subprocess.CompletedProcess, status: int) -> str:
    assert done.returncode == status, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


# files that are not read ------------------------------------------------------------------
def test_every_file_not_read_is_named_with_the_reason(make_site):
    # notes, a picture, and an editor's or a tool's copies of a report (which hold its front matter)
    root = make_site({"content/reports/r.md": report(), "content/reports/x.txt": "notes",
                      "content/reports/.gitkeep": "", "content/notes.md": "x", "content/reports/map.png": "PNG",
                      "content/reports/r.md~": report(), "content/reports/#r.md#": report(),
                      "content/reports/r.md.orig": report(), "content/reports/r.md.bak": report(),
                      "content/mail.txt": "---------- Forwarded message ---------\n"})
    copies = [str(w) for w in check(root) if "r.md" in w.path]
    assert len(copies) == 4 and all(w.endswith(" (warning)") for w in copies), copies
    assert [str(w) for w in check(root) if "r.md" not in w.path] == [
        "content/mail.txt:1: is not read: content files go in content/reports/, content/events/, "
        "content/actors/ or content/pages/ (warning)",
        "content/notes.md:1: is not read: content files go in content/reports/, content/events/, "
        "content/actors/ or content/pages/ (warning)",
        "content/reports/map.png:1: is not read: only .md files are content: if it is one, rename it to map.md; "
        "if not (notes, a picture), move it out of content/ (warning)",
        "content/reports/x.txt:1: is not read: only .md files are content: if it is one, rename it to x.md; if "
        "not (notes, a picture), move it out of content/ (warning)",
    ]


def test_a_content_file_that_would_not_be_read_is_an_error(make_site, tmp_path):
    """A report uploaded through GitHub's pages as X.MD, or into a folder of its
    own, would be left out of the site while the pull request's check stays
    green: content by its looks (front matter, or .md in any case in a content
    folder) that no build reads stops the build, with its fix."""
    root = make_site({"content/reports/r.md": report(),
                      "content/reports/x.markdown": report(), "content/reports/X.MD": report(),
                      "content/reports/2025/y.md": "no front matter", "content/report/z.md": report(),
                      "content/reports/w.md.txt": report(), "content/reports/v": "\ufeff" + report(),
                      "content/reports/drafts/d.md": report(), "content/reports/README.md": "# About\n"})
    with pytest.raises(ContentError) as caught:
        check(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/report/z.md:1: is not read: content files go in content/reports/, content/events/, "
        "content/actors/ or content/pages/; move it to content/reports/z.md",
        "content/reports/2025/y.md:1: is not read: files in folders inside content/reports/ are not read; "
        "move it into content/reports/",
        "content/reports/README.md:1: is read as one of the archive's reports, which it is not: notes about the "
        "archive go outside content/ (beside site.yaml, or in the repository's README.md)",
        "content/reports/X.MD:1: is not read: content files end in .md, in lowercase; rename it to x.md",
        "content/reports/drafts/d.md:1: is not read: files in folders inside content/reports/ are not read; move it "
        'into content/reports/ (a report not ready stays in content/reports/ with "draft: true" in its front matter)',
        "content/reports/v:1: is not read: only .md files are content: if it is one, rename it to v.md; if "
        "not (notes, a picture), move it out of content/",
        "content/reports/w.md.txt:1: is not read: only .md files are content: if it is one, rename it to w.md; if "
        "not (notes, a picture), move it out of content/",  # an editor's .txt added: not w-md.md
        "content/reports/x.markdown:1: is not read: content files end in .md, in lowercase; rename it to x.md",
    ]
    done = run("--root", str(root), "build")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "nothing was written" in done.stderr and not (root / "output").exists()


def test_a_content_file_in_no_content_folder_is_told_where_it_goes(make_site):
    """A content folder in another case or number (content/Reports/, content/event/)
    gives the folder meant; a report by its front matter, anywhere else under
    content/ (its top, a folder of its own), content/reports/."""
    event = "---\ntitle: An event\ndate: 2025-02-17\nlocation: Gao\n---\nSummary.\n"
    root = make_site({"content/reports/r.md": report(), "content/Reports/a.md": report(),
                      "content/event/b.md": event, "content/c.md": report(), "content/misc/d.MD": report()})
    assert errors_of(root) == [f"content/Reports/a.md:1: {GO}move it to content/reports/a.md",
                               f"content/c.md:1: {GO}move it to content/reports/c.md",
                               f"content/event/b.md:1: {GO}move it to content/events/b.md",
                               f"content/misc/d.MD:1: {GO}move it to content/reports/d.md"]


GO = "is not read: content files go in content/reports/, content/events/, content/actors/ or content/pages/; "


def errors_of(root: Path) -> list[str]:
    """The errors `check` stops with."""
    with pytest.raises(ContentError) as caught:
        check(root)
    return [str(p) for p in caught.value.problems]


def test_a_report_saved_beside_content_rather_than_in_it_is_an_error(make_site, tmp_path):
    """A report added through GitHub's pages at the repository's top, in
    reports/ (content/ left out of the path) or in Content/ was never read,
    and `check` said "no problems found": the pull request green, the report
    never published. Each is an error that says where it goes. A README, or a
    page of another tool's with front matter, is left alone."""
    other = report(event="2025-02-other")
    root = make_site({"content/reports/r.md": report(), "2025-03-10-sofara.md": other, "README.md": "# About\n",
                      "index.md": "---\ntitle: Home\nlayout: home\n---\nWelcome.\n", "reports/x.MD": other,
                      "reports/notes.txt": "to do", "Content/reports/y.md": other, "Content/z.markdown": other,
                      "pages/about.md": "---\ntitle: About\n---\nText.\n", ".github/reports/w.md": other})
    assert errors_of(root) == [f"2025-03-10-sofara.md:1: {GO}move it to content/reports/2025-03-10-sofara.md",
                               f"Content/reports/y.md:1: {GO}move it to content/reports/y.md",
                               f"Content/z.markdown:1: {GO}move it to content/reports/z.md",
                               f"reports/x.MD:1: {GO}move it to content/reports/x.md"]
    # after a good build too: the next one stops, the site it made left as it was
    for stray in ("2025-03-10-sofara.md", "reports/x.MD", "Content/reports/y.md", "Content/z.markdown"):
        (root / stray).unlink()
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out), "--no-search").returncode == 0
    (root / "reports/x.md").write_text(other, encoding="utf-8")
    done = run("--root", str(root), "build", "--out", str(out), "--no-search")
    assert done.returncode == 1 and f"reports/x.md:1: {GO}move it to content/reports/x.md" in done.stdout
    assert (out / "index.html").is_file()


def test_a_file_s_text_warnings_are_said_with_its_fields_errors(make_site):
    """HTML pasted into a file's text, or a link the site would not make, needs
    no field to be found: it is said with the file's errors in one run, not
    once they are mended (a report, an event, an actor, a page)."""
    html = "Body with <b>bold</b>.\n"
    root = make_site({
        "content/reports/r.md": report(date="2025-02-30").replace("Body text.\n", html),
        "content/events/2025-02-test-event.md": f"---\ndate: 2025-02-31\n---\n{html}",
        "content/actors/a.md": f"---\nname: A\nkind: [x]\n---\n{html}",
        "content/pages/p.md": f"---\ndescription: no title\n---\n{html}"})
    with pytest.raises(ContentError) as caught:
        check(root)
    said = [f"{p.path}:{p.severity}" for p in caught.value.problems if "<b> is HTML" in p.message]
    assert said == ["content/actors/a.md:warning", "content/events/2025-02-test-event.md:warning",
                    "content/pages/p.md:warning", "content/reports/r.md:warning"]


def test_a_field_indented_to_no_column_hides_none_of_the_mistakes_after_it(make_site):
    """` url:` one space in, under `source:`'s fields two spaces in: said, and
    read in the column of the line above, so that the file's later mistakes
    are said in the same run, not one run each."""
    text = ("---\ntitle: Civilians killed in Sofara\nevent: 2025-02-test-event\ndate: 2025-03-10\nlocation: Sofara\n"
            "source:\n  publisher: Reuters\n url: https://example.org/a\nreported_toll:\n  killed: twenty\n"
            "actors:\n  - name: Wagner Group\n    role: perpetrator\ndraft: yes\n---\nBody.\n")
    with pytest.raises(ContentError) as caught:
        check(make_site({"content/reports/r.md": text}))
    assert [f"{p.line}: {p.field}" for p in caught.value.problems] == [
        "8: url", "10: reported_toll.killed", "13: actors[0].role", "14: draft"]


def test_prose_that_holds_a_field_like_line_and_a_rule_is_prose(make_site):
    """A closing line among the fields is an error (fixtures/invalid/front-matter-closed-*);
    a body that starts as prose is prose, whatever a later line holds: a YAML example
    above a '---' rule, a line "name: withheld" above a '...'."""
    page = ("---\ntitle: Methodology\n---\nHow a report is written:\n\n```yaml\nevent: 2025-02-gao\n"
            "date: 2025-02-17\n```\n\n---\n\nThe end.\n")
    body = ("\nThe witness asked that we write\n\nname: withheld\n\n...\n\nand nothing more.\n\n"
            "    date: 2014-07-17   (an indented code block, then prose)\n\nIts fields:\n\n```yaml\n"
            "end_date: 2014-07-20\n```\n")
    code_first = report(event="2025-02-other-event").replace("Body text.\n", "    date: 2014-07-17\n\nThe "
                                                            "statement:\n\n```yaml\nend_date: 2014-07-20\n```\n\n---\n")
    root = make_site({"content/pages/methodology.md": page, "content/reports/r.md": report() + body,
                      "content/reports/s.md": code_first})
    assert check(root) == []


def test_a_named_pipe_called_like_a_report_is_an_error_not_a_wait(make_site, tmp_path):
    """A pipe named x.md was left out in silence; opened, it would stop the build for good."""
    root = make_site({"content/reports/r.md": report()})
    os.mkfifo(root / "content/reports/pipe.md")
    message = ("content/reports/pipe.md:1: is not a file (a named pipe, a socket or a device): a report is a "
               "Markdown file; remove it, or save the report as a file of that name")
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == [message]
    assert build_fails(root, tmp_path / "out") == [message]


# warnings across reports ------------------------------------------------------------------
def test_one_article_filed_for_two_events_is_a_warning(make_site):
    url = "{publisher: Test Wire, url: 'https://example.org/same'}"
    root = make_site({"content/reports/a.md": report("2025-02-one", source=url),
                      "content/reports/b.md": report("2025-03-two", source=url)})
    assert [str(w) for w in check(root)] == [
        'content/reports/b.md:6: source.url: content/reports/a.md:6 has the same URL, for the event "2025-02-one": '
        "is this the same article filed twice? (an article about two incidents makes two reports, one for each "
        "event: then leave both) (warning)"]


def test_a_date_that_cannot_be_is_a_warning_on_its_line(make_site):
    """A year mistyped: the incident after the article that reports it, or after today.
    A month or a year is wrong only if all of it is later."""
    source = "{publisher: Test Wire, published: 2025-02-20}"
    root = make_site({"content/reports/a.md": report("2025-02-one", date="2052-02-17", source=source),
                      "content/reports/b.md": report("2025-02-two", date="2025-02", source=source),
                      "content/reports/c.md": report("2999-one", date="2999", source="{publisher: Test Wire}"),
                      "content/reports/d.md": report("2025-02-three", source="{publisher: W, published: 2999-01}")})
    assert [str(w) for w in check(root)] == [
        "content/reports/a.md:4: date: 2052-02-17 is after the source's publication (2025-02-20): an article "
        "cannot report an incident that had not happened yet; check the year (warning)",
        f"content/reports/c.md:4: date: 2999 is after today ({dt.date.today().isoformat()}): check the year "
        "(warning)",
        f"content/reports/d.md:6: source.published: 2999-01 is after today ({dt.date.today().isoformat()}): "
        "check the year (warning)",
    ]


def test_an_event_file_s_date_that_cannot_be_is_a_warning_on_its_line(make_site):
    """The curator's date of an event, after the publication of one of its
    reports, or after today: a year mistyped, as in a report."""
    typo = make_site({"content/reports/a.md": report("2025-02-one", source="{publisher: W, published: 2024-02-22}"),
                      "content/events/2025-02-one.md": "---\ntitle: One\ndate: 2025-02-17\n---\n"})
    assert [w.path for w in check(typo)] == ["content/reports/a.md"]  # the report's year mistyped: said there alone
    source = "{publisher: Test Wire, published: 2025-02-22}"
    root = make_site({"content/reports/a.md": report("2025-02-one", source=source),
                      "content/events/2025-02-one.md": "---\ntitle: One\ndate: 2026-02-17\n---\n",
                      "content/reports/b.md": report("2999-two", date="2999"),
                      "content/events/2999-two.md": "---\ntitle: Two\ndate: 2999-01\n---\n"})
    assert [str(w) for w in check(root) if w.path.startswith("content/events/")] == [
        "content/events/2025-02-one.md:3: date: 2026-02-17 is after the publication of content/reports/a.md:6 "
        "(2025-02-22), a report of this event: an article cannot report an incident that had not happened yet; "
        "check the year (warning)",
        f"content/events/2999-two.md:3: date: 2999-01 is after today ({dt.date.today().isoformat()}): check the "
        "year (warning)"]


def test_a_link_the_site_will_not_make_as_written_is_a_warning_on_its_line(make_site, tmp_path):
    """The page is safe either way (such a link is shown as text, or leads to a
    page of the site that is not there); the curator meant a link."""
    body = ("See [the list](javascript:alert(1)) and [the site](www.example.org/page).\n\n"
            "Fine: [a](https://example.org/(a)), [b](/data/), [c](#top), [d](mailto:a@example.org), [e](../x/).\n\n"
            "    [code](javascript:x)\n\n```\n[fenced](www.example.org)\n~~~\n[still](www.example.org)\n```\n\n"
            "And <ftp://files.example.org/x>, [f](report.pdf), [g](v1.2/notes), `[h](www.example.org)`, [i][ref].\n\n"
            "[ref]: javascript:void(0)\n\n"
            "> ```\n> [quoted code](javascript:x)\n> ```\n\n- an item\n\n  ```\n  [item's code](www.example.org)\n"
            "  ```\n\n      [item's indented code](ftp://x)\n\n  An item's [paragraph](www.example.net).\n")
    root = make_site({"content/reports/r.md": report().replace("Body text.\n", body),
                      "content/pages/about.md": "---\ntitle: About\n---\nWrite to [us](example.org/contact).\n"})
    text_only = "which the site shows as plain text: only http(s), mailto: and the site's own addresses (/…) are links"
    expected = [
        "content/pages/about.md:4: links to \"example.org/contact\", which a browser reads as a page of this site: "
        "write https://example.org/contact (warning)",
        f'content/reports/r.md:8: links to "javascript:alert(1)", {text_only} (warning)',
        'content/reports/r.md:8: links to "www.example.org/page", which a browser reads as a page of this site: '
        "write https://www.example.org/page (warning)",
        f'content/reports/r.md:20: links to "ftp://files.example.org/x", {text_only} (warning)',
        f'content/reports/r.md:22: links to "javascript:void(0)", {text_only} (warning)',
        'content/reports/r.md:36: links to "www.example.net", which a browser reads as a page of this site: '
        "write https://www.example.net (warning)",
    ]
    assert [str(w) for w in check(root)] == expected
    assert [str(w) for w in build(root, tmp_path / "out", search=False).warnings] == expected


@pytest.mark.parametrize("links, said", [
    ("[a](https://example.org/a) and [b](http://example.org/(b)) and [c](mailto:a@example.org)", []),
    ("[a](https://example.org/a) and [b](https://[::1)",
     ['links to "https://[::1", which is not an address the site can link']),
    ("[a](https://example.org/a) and [b](www.example.org/(b)x)",
     ['links to "www.example.org/(b)x", which a browser reads as a page of this site: '
      "write https://www.example.org/(b)x"]),
    ("[a](HTTPS://example.org/a), [b](https://exämple.org/), [c](#top), [d](../x/)", []),
    ("[a](/about/)", ["/about/"]),  # the site's own address: noted, and checked once the site's pages are known
    ("[a](//evil.example/p)",  # another host by the page's scheme: no prefix of the site's reaches it
     ['links to "//evil.example/p", which the site shows as plain text: only http(s), mailto: and the site\'s own '
      "addresses (/…) are links: write https://evil.example/p"]),
])
def test_a_body_of_plain_links_is_read_as_any_other(links, said):
    """Most bodies hold inline links alone, each an http(s) address: those are
    read at a glance, and what they say is what a body with code in it is told."""
    from incidents.content.bodylinks import body_link_warnings
    from incidents.content.frontmatter import split

    def told(body: str) -> list[str]:
        doc, problems = split("content/reports/x.md", f"---\ntitle: x\n---\n{body}\n")
        assert problems == [] and doc is not None
        return [p.message for p in body_link_warnings(doc)]

    assert told(f"Text, then {links}.") == said
    assert told(f"Text, then {links}.\n\nAnd `code`.") == said  # read line by line, code spans aside


def test_a_link_to_an_address_the_site_does_not_have_is_a_warning_on_its_line(make_site, tmp_path):
    """A page of prose misspelt, a report renamed since, the site's path written
    in (the site adds it): the site would publish a link to its page not found.
    Said by check and by every build (an edit's too), with the address meant
    where one is near."""
    body = ("See [the method](/methodolgy/), [about](/about), [its data](/data/events.csv), [home](/),\n"
            "[a claim](/reports/r/#claim-1), [style](/style.css?v=2), [a sitemap](/sitemap.xml),\n"
            "[the same in French](/fr/about/), [a shard](/pagefind/pagefind.js).\n\n"
            "Not there: [renamed](/reports/gao-killing-wire/), [written twice](/archive/data/), [h](/feed.xml/x),\n"
            "[gone](/reports/2019-gone/).\n")
    root = make_site({"content/reports/r.md": report().replace("Body text.\n", body),
                      "content/reports/gao-killings-wire.md": report(source="{publisher: W}"),
                      "content/pages/about.md": "---\ntitle: About\n---\nOur [methodology](/methodolgy/).\n",
                      "content/pages/methodology.md": "---\ntitle: Methodology\n---\nHow.\n"},
                     site=SITE + "languages: [en, fr]\n")
    nowhere = "which this site does not have (a reader would reach its page not found)"
    expected = [
        f'content/pages/about.md:4: links to "/methodolgy/", {nowhere}: did you mean /methodology/? (warning)',
        f'content/reports/r.md:8: links to "/methodolgy/", {nowhere}: did you mean /methodology/? (warning)',
        f'content/reports/r.md:12: links to "/archive/data/", {nowhere}: write /data/: the site adds its own path '
        "(/archive/) to an address written from its root (warning)",
        f'content/reports/r.md:12: links to "/feed.xml/x", {nowhere}: write the address of a page the site has, or '
        "remove the link (warning)",
        f'content/reports/r.md:12: links to "/reports/gao-killing-wire/", {nowhere}: did you mean '
        "/reports/gao-killings-wire/? (warning)",
        f'content/reports/r.md:13: links to "/reports/2019-gone/", {nowhere}: write the address of a page the site '
        "has, or remove the link (warning)",
    ]
    assert [str(w) for w in check(root)] == expected
    out = tmp_path / "out"
    assert [str(w) for w in build(root, out, search=False).warnings] == expected
    page = root / "content/pages/about.md"
    page.write_text(page.read_text().replace("/methodolgy/", "/methodology/"))
    done = build(root, out, search=False)
    assert not done.unchanged and [str(w) for w in done.warnings] == expected[1:]
    (root / "content/pages/methodology.md").unlink()  # the page they link to gone: the link to it is said
    assert [w.path for w in build(root, out, search=False).warnings] == ["content/pages/about.md"] + ["content/reports/r.md"] * 5


def test_a_link_to_a_section_a_page_of_prose_does_not_have_is_a_warning_on_its_line(make_site, tmp_path):
    """"/methodology/#how-toll-are-shown": the page is there, the section is not
    (a heading renamed, a slip), and a reader lands at the top of the page. A
    translated page's headings take the original's ids where they stand alike,
    so that one link leads to its section in every language; where they do not,
    the language whose page lacks it is named."""
    body = ("See [tolls](/methodology/#how-tolls-are-shown), [slip](/methodology/#how-toll-are-shown),\n"
            "[no slash](/methodology#corrections), [nothing](/about/#team), [claims](/reports/r/#claims),\n"
            "[moved](/changes/#since-2024).\n")
    method = ("---\ntitle: Methodology\nfr:\n  title: Méthode\n  body: |\n    ## Comment les bilans sont présentés\n\n"
              "    Texte.\n\n    ## Corrections\n\n    Texte.\n---\n## How tolls are shown\n\nText.\n\n"
              "## Corrections\n\nText.\n")
    changes = ("---\ntitle: Changes\nfr:\n  title: Changements\n  body: |\n    ## Depuis 2024\n\n    ### Détail\n"
               "---\n## Since 2024\n\nText.\n")
    root = make_site({"content/reports/r.md": report().replace("Body text.\n", body),
                      "content/pages/methodology.md": method, "content/pages/changes.md": changes,
                      "content/pages/about.md": "---\ntitle: About\n---\nNo headings.\n"},
                     site=SITE + "languages: [en, fr]\n")
    top = "(a reader would land at the top of the page)"
    expected = [
        f'content/reports/r.md:8: links to "/methodology/#how-toll-are-shown", but /methodology/ has no section '
        f"#how-toll-are-shown {top}: did you mean #how-tolls-are-shown? (warning)",
        f'content/reports/r.md:9: links to "/about/#team", but /about/ has no section #team {top}: it has no '
        "headings: link the page without #… (warning)",
        f'content/reports/r.md:10: links to "/changes/#since-2024", but /fr/changes/, where the link leads from the '
        f"pages in its language, has no section #since-2024 {top}: its sections are #depuis-2024, #detail (warning)"]
    assert [str(w) for w in check(root)] == expected
    out = tmp_path / "out"
    assert [str(w) for w in build(root, out, search=False).warnings] == expected
    french = (out / "fr/methodology/index.html").read_text(encoding="utf-8")
    assert '<h2 id="how-tolls-are-shown">Comment les bilans sont présentés</h2>' in french


@pytest.mark.parametrize("toll, said", [
    # two digits swapped, a digit lost: the figures the words give are none of the claim's
    ('{killed: 42, wording: "at least 24 civilians"}', '7: reported_toll.wording: "at least 24 civilians" gives 24, '
     "and the claim gives killed: 42"),
    ('[{killed: 12}, {killed: {min: 4}, injured: 9, wording: "au moins 24 morts et 9 blessés"}]', None),
    ('[{killed: 12}, {killed: {min: 4}, wording: "au moins 24 morts"}]', '7: reported_toll[1].wording: "au moins 24 '
     'morts" gives 24, and the claim gives killed: {min: 4}'),
    ('{killed: 64, wording: "forty-six villagers"}', '7: reported_toll.wording: "forty-six villagers" gives 46, and '
     "the claim gives killed: 64"),
    # the words agree, in digits, in words or roughly; or give no figure
    ('{killed: {min: 20, max: 30}, wording: "between 20 and 30 people, one of them a child"}', None),
    ('{killed: 20, wording: "une vingtaine de morts, selon un élu"}', None),
    ('{killed: {min: 0, max: 40}, wording: "up to 40"}', None),
    ('{killed: 1200, wording: "1,200 dead"}', None),
    ('{killed: 30, wording: "dozens of civilians"}', None),
])
def test_a_claim_whose_words_give_other_figures_is_a_warning_on_its_wording(make_site, toll, said):
    """A figure typed wrong beside the source's words quoted right: "at least 24
    civilians" and `killed: 42` pass every other check, and publish 42."""
    root = make_site({"content/reports/a.md": report(reported_toll=toll)})
    warned = [str(w) for w in check(root) if "wording" in w.field]
    assert warned == ([] if said is None else [
        f"content/reports/a.md:{said}: check the figures against the article (a digit slipped or lost?), or write "
        "the source's words as it gives them (warning)"])


def test_a_claimant_or_a_responder_the_event_s_actors_leave_out_is_a_warning_on_its_line(make_site):
    """The event's page shows the claim and the response, but the actor's page
    and the data list only the events whose reports name the actor among their
    actors: a claimant or a responder named nowhere else is said, with the line to
    add. Named by another report of the event, it is listed, and nothing is said."""
    actors = "content/actors/kal-akal.md"
    a = report(reported_toll="{killed: 3, according_to: Kal Akal}",
               responses="[{by: Wagner Group, stance: denied}, {by: Wagner Group, stance: denied}]",
               actors="[{name: Malian Armed Forces, role: alleged perpetrator}]")
    root = make_site({"content/reports/a.md": a, actors: "---\nname: Kal Akal\n---\n",
                      "content/actors/wagner-group.md": "---\nname: Wagner Group\n---\n"})
    said = [str(w) for w in check(root) if "leave out" in w.message]
    tail = "leave out: its page, its feed and the data's actors of the event do not list the event; add"
    assert said == [
        'content/reports/a.md:7: reported_toll.according_to: "Kal Akal" is the actor Kal Akal, which the actors of '
        f"this report (and of its event's others) {tail} {{name: Kal Akal, role: claimant}} to actors (warning)",
        'content/reports/a.md:8: responses[0].by: "Wagner Group" is the actor Wagner Group, which the actors of this '
        f"report (and of its event's others) {tail} {{name: Wagner Group, role: …}} (its role in the event) to actors "
        "(warning)"]
    (root / "content/reports/b.md").write_text(report(actors="[{name: Kal Akal, role: claimant}, {name: Wagner "
                                                              "Group, role: alleged perpetrator}]"), encoding="utf-8")
    assert [str(w) for w in check(root) if "leave out" in w.message] == []


def test_a_place_written_with_its_country_after_a_comma_is_a_warning(make_site):
    """`location: Gao, Mali` is a place named "Gao, Mali" (a bare string is the
    name), apart from the archive's Gao: said, with the mapping meant."""
    root = make_site({"content/reports/a.md": report(location="{name: Gao, region: Gao, country: Mali}"),
                      "content/reports/b.md": report(location="Gao, Mali"),
                      "content/reports/c.md": report(location="Gao, Gao"),
                      "content/reports/d.md": report(location="Aslagh, Kidal")})
    assert [str(w) for w in check(root) if "of its own" in w.message] == [
        'content/reports/b.md:5: location: "Gao, Mali" is a place of its own, apart from Gao (content/reports/a.md:5): '
        "if it is Gao, write location: {name: Gao, country: Mali} (warning)",
        'content/reports/c.md:5: location: "Gao, Gao" is a place of its own, apart from Gao (content/reports/a.md:5): '
        "if it is Gao, write location: {name: Gao, region: Gao} (warning)"]


def test_an_actor_s_or_an_event_s_file_among_the_reports_is_told_where_it_goes(make_site):
    """Uploaded into content/reports/ from the browser: one error that says where it
    goes, not every field a report needs said missing."""
    root = make_site({"content/reports/a.md": report(),
                      "content/reports/wagner.md": "---\nname: Wagner Group\naliases: [Wagner]\n---\nA profile.\n",
                      "content/reports/2025-02-x.md": "---\ntitle: Killings near Gao\ndate: 2025-02-17\n---\nText.\n"})
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == [
        "content/reports/2025-02-x.md:1: is like an event's file (it gives title: and date:, and no event: nor "
        "source:, which every report gives), in content/reports/, which holds reports: move it to "
        "content/events/2025-02-x.md (named by the slug its reports give in event:); if it is a report, give its "
        "event: and source:",
        "content/reports/wagner.md:1: is an actor's file (it gives name:, an actor's field, and no event:), in "
        "content/reports/, which holds reports: move it to content/actors/wagner.md"]


def test_a_field_in_the_wrong_file_or_block_is_told_where_it_goes(make_site):
    """A contributor's tags moved out of site.yaml's fr: block, an actor's name
    written title:, a response's "- " left out: each told where it goes."""
    root = make_site({"content/reports/a.md": report(responses="\n  by: Kal Akal\n  stance: denied"),
                      "content/actors/kal-akal.md": "---\ntitle: Kal Akal\n---\n"},
                     site=SITE + "tags:\n  looting: pillage\n")
    with pytest.raises(ContentError) as error:
        check(root)
    said = [str(p) for p in error.value.problems]
    assert 'content/actors/kal-akal.md:2: title: unknown field "title": an actor\'s name is written name: (name: ' \
        "Kal Akal)" in said
    assert 'content/reports/a.md:7: responses: must be a list of {by, stance, date, quote}: begin each response with ' \
        '"- " (- by: …, its other fields indented under it), or write it in brackets, [{by: …, stance: …}]' in said
    assert any(p.startswith('site.yaml:') and p.endswith('tags: unknown field "tags": the tags\' names in French are a '
                                                         'field of the fr: block: indent it under fr:, as "  tags:" '
                                                         "with its lines below it") for p in said), said


def test_a_link_to_the_site_is_read_as_a_browser_reads_it():
    """"/./about/" and "/reports/../about/" lead where a browser goes; the site's
    own path written alone ("/archive") is told to be "/"; a hundred broken links
    are each said, the first twenty with the address meant."""
    from incidents.errors import Problem
    from incidents.content.bodylinks import SITE_LINK
    from incidents.site.sitelinks import NEAR_SOUGHT, site_link_warnings
    paths = ["", "about/", "reports/", "reports/gao-killings/"]
    notes = [Problem("content/pages/p.md", i + 4, "", target, SITE_LINK)
             for i, target in enumerate(["/./about/", "/reports/../about/", "/archive", "/about/index.html"])]
    said = site_link_warnings(notes, paths, [], "https://example.org/archive/")
    assert [w.message.split(": ", 1)[1] for w in said] == [
        "write /: the site adds its own path (/archive/) to an address written from its root"]
    broken = [Problem("content/pages/p.md", i + 4, "", f"/reports/gao-killing/#part-{i}", SITE_LINK) for i in range(100)]
    said = site_link_warnings(broken, paths, [], "https://example.org/archive/")
    assert len(said) == 100 and sum("did you mean /reports/gao-killings/?" in w.message for w in said) == NEAR_SOUGHT


def test_html_pasted_into_a_body_is_a_warning_on_its_line(make_site):
    """The site shows no raw HTML (it is text on the page): a tag or a comment pasted
    from a web page is said, on its line; an autolink, a "<" in prose and code are not."""
    body = ("Pasted <b>bold</b> text.\n\nSee <https://example.org/a>; 3 < 5 and 6 > 2.\n\n"
            "```\n<div>code</div>\n```\n\n<!-- a note -->\n")
    root = make_site({"content/reports/r.md": report().replace("Body text.\n", body)})
    assert [str(w) for w in check(root)] == [
        "content/reports/r.md:8: <b> is HTML, which the site shows as it is written, as text: write the text in "
        "Markdown instead (**bold**, *italic*, [words](https://…) for a link), or remove it (warning)",
        "content/reports/r.md:16: <!-- … --> is an HTML comment, which the site shows as text: remove it (warning)"]


def test_a_link_s_definition_is_read_where_commonmark_reads_one(make_site):
    """A reference's definition in a quote, its address on the next line, or in
    a body with no other link: each is a link the site publishes."""
    root = make_site({"content/reports/r.md": report(),
                      "content/pages/a.md": "---\ntitle: A\n---\nSee [m] and [n].\n\n> [m]: /methodolgy/\n\n"
                                            "[n]:\n  /reports/gone/\n",
                      "content/pages/b.md": "---\ntitle: B\n---\nOnly [x].\n\n[x]: javascript:alert(1)\n"})
    assert [(w.path, w.line, w.message.split(",")[0]) for w in check(root)] == [
        ("content/pages/a.md", 6, 'links to "/methodolgy/"'),
        ("content/pages/a.md", 8, 'links to "/reports/gone/"'),
        ("content/pages/b.md", 6, 'links to "javascript:alert(1)"')]


def test_a_country_misspelt_is_a_warning_with_the_country_meant(make_site):
    """"Mail" for "Mali" would be listed as a country of its own (and copied by
    the next import); a name near no country ("Azawad") is the curator's choice."""
    root = make_site({"content/reports/a.md": report("2025-02-one", location="{name: Gao, country: Mail}"),
                      "content/reports/b.md": report("2025-02-two", location="{name: Kidal, country: Azawad}"),
                      "content/reports/c.md": report("2025-02-three", location="{name: Dori, country: Burkina Fasso}"),
                      "content/reports/d.md": report("2025-02-four", location="{name: Niamey, country: Niger}")})
    assert [(w.path, w.line, w.field, w.message.split(":")[0]) for w in check(root)] == [
        ("content/reports/a.md", 5, "location.country", '"Mail" is no country\'s name, and near "Mali"'),
        ("content/reports/c.md", 5, "location.country", '"Burkina Fasso" is no country\'s name, and near "Burkina Faso"')]


def test_one_article_is_found_under_another_spelling_of_its_address(make_site):
    root = make_site({"content/reports/a.md": report("2025-02-one", source="{publisher: W, url: 'https://w.org/a/'}"),
                      "content/reports/b.md": report("2025-03-two", source="{publisher: W, url: "
                                                                           "'http://www.w.org/a?utm_source=x'}")})
    assert [w.path for w in check(root)] == ["content/reports/b.md"]


def test_yaml_is_read_as_people_write_it():
    """YAML 1.1's surprises (a count in base 60, yes/no/NO as booleans, 010 as eight)
    are read as YAML 1.2 and people do; a number of 5,000 digits is an error, not a traceback."""
    from incidents.content.frontmatter import parse_yaml
    data, _, problems, _ = parse_yaml("x.md", "a: 1:30\nb: NO\nc: yes\nd: 010\ne: true\nf: 0x10\ng: " + "9" * 5000)
    assert problems == []
    assert data == {"a": "1:30", "b": "NO", "c": "yes", "d": 10, "e": True, "f": 16, "g": data["g"]}
    assert str(data["g"]) == "9" * 5000 and data["g"] > 1_000_000


def test_the_lines_of_a_block_of_text_are_not_taken_for_mistakes():
    """A failed parse is read again for common mistakes, but not inside a block of text, where
    "said: the soldiers: …" or a quoted word then text are the profile's own words."""
    from incidents.content.frontmatter import parse_yaml
    text = 'name: X\nfr:\n  profile: >-\n    The FLA said: soldiers: 24\n    - "quoted" then text\n  kind: a\n bad: x\n'
    assert [str(p) for p in parse_yaml("a.md", text, 2)[2]] == [
        "a.md:8: bad: is at the wrong indentation: its indentation matches no field above it; start it in the same "
        "column as the other fields of its mapping"]


def test_look_alike_names_are_warned_about_with_both_spellings(make_site):
    root = make_site({
        "content/actors/wagner-group.md": "---\nname: Wagner Group\n---\n",
        "content/reports/a.md": report("2025-02-a", actors="[W\u0430gner Group]"),
        "content/reports/b.md": report("2025-02-b", location="\"Ga\u200bo\u2069\""),  # an override: an error
    })
    found = [str(w) for w in check(root)]
    assert found == [
        'content/reports/a.md:7: actors[0]: "W\u0430gner Group" looks like the actor "Wagner Group" '
        '(content/actors/wagner-group.md:2) but is spelt with other characters: "W<U+0430>gner Group" against '
        '"Wagner Group"; type the name again in plain letters (warning)',
        'content/reports/b.md:5: location: "Ga\u200bo\u2069" looks like the place "Gao" (content/reports/a.md:5) '
        'but is spelt with other characters: "Ga<U+200B>o<U+2069>" against "Gao"; type the name again in plain '
        "letters (warning)",
    ]


@pytest.mark.parametrize("letter", ["\u0261", "\u13b3", "\u1d21", "\u0585"],
                         ids=["latin script g", "cherokee W", "small capital W", "armenian o"])
def test_look_alikes_come_from_unicodes_list_not_a_few_letters_of_ours(make_site, letter):
    # Unicode's confusables (UTS #39) know thousands of letters; a table of our own knew fifty.
    name = "Wagner Group".replace({"\u0261": "g", "\u0585": "o"}.get(letter, "W"), letter, 1)
    root = make_site({
        "content/actors/wagner-group.md": "---\nname: Wagner Group\n---\n",
        "content/reports/a.md": report("2025-02-a", actors=f"[{name}]"),
    })
    found = [str(w) for w in check(root)]
    assert len(found) == 1 and found[0].startswith(
        f'content/reports/a.md:7: actors[0]: "{name}" looks like the actor "Wagner Group"'), found


def test_the_look_alike_letters_are_read_once_then_kept_in_lint_s_memo(make_site, monkeypatch):
    """Unicode's list is 0.9 MB of JSON, 15 ms of every build to read: lint keeps
    the letters it takes of it in its memo, which the build cache keeps, and a
    lint given that memo finds the same look-alikes without reading the list."""
    from incidents.content import lint as linting
    from incidents.content.link import link
    from incidents.content.load import load
    root = make_site({
        "content/actors/wagner-group.md": "---\nname: Wagner Group\n---\n",
        "content/reports/a.md": report("2025-02-a", actors="[W\u0430gner Group]"),
    })
    content = load(root)
    archive = link(content)
    memo: dict = {}
    found = linting.lint(content, archive, memo)
    assert any("looks like the actor" in w.message for w in found)
    assert memo[linting.LIKE_LATIN] == linting._read_like_latin()
    monkeypatch.setattr(linting, "_LIKE_LATIN", None)
    monkeypatch.setattr(linting, "_read_like_latin", lambda: pytest.fail("Unicode's list read again"))
    assert linting.lint(content, archive, dict(memo)) == found


def test_a_name_that_mixes_scripts_is_warned_about_alone(make_site):
    root = make_site({"content/reports/a.md": report(actors="[\"Gr\u043eupe arm\u00e9\"]")})
    assert [str(w) for w in check(root)] == [
        'content/reports/a.md:7: actors[0]: "Gr\u043eupe arm\u00e9" mixes the scripts LATIN (U+0047 LATIN '
        "CAPITAL LETTER G) and CYRILLIC (U+043E CYRILLIC SMALL LETTER O): \"Gr<U+043E>upe arm<U+00E9>\"; type the "
        "name again in plain letters (warning)"]


def test_near_names_stay_near_linear_in_the_number_of_names():
    """Thousands of names, numbered and not, many sharing a word: the pairs
    compared stay a few per name (every pair would be 18 million)."""
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnoprstuvz") for _ in range(rng.randint(4, 9))) for _ in range(3000)]
    names = sorted({f"armed group {i}" for i in range(3000)}
                   | {f"katiba {rng.choice(words)} {rng.choice(words)}" for _ in range(3000)})
    stats: dict = {}
    near_pairs(names, stats)
    assert stats["compared"] < 5 * len(names), stats


def test_the_median_of_the_other_reports_is_taken_without_copying_them():
    """toll_outliers compares each report of an event with the others in O(log n), not O(n)."""
    import statistics
    from incidents.content.lint import _median_without
    rng = random.Random(3)
    for _ in range(500):
        figures = sorted(rng.randint(1, 9) for _ in range(rng.randint(2, 9)))
        mine = rng.choice(figures)
        others = figures[:]
        others.remove(mine)
        assert _median_without(figures, mine) == statistics.median(others)


def test_a_report_naming_ten_thousand_actors_is_refused_at_once(make_site):
    lines = "\n".join(f"  - Group {i}" for i in range(10_000))
    root = make_site({"content/reports/r.md": report(actors="\n" + lines)})
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == [
        "content/reports/r.md:7: actors: 10000 actors in one report; the limit is 200: keep those the source names"]


# a clash is on the file that made it --------------------------------------------------------
def test_an_alias_clash_is_on_the_file_changed_since_the_last_build(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report(),
                      "content/actors/zeta.md": "---\nname: Zeta Brigade\naliases: [ZB]\n---\n",
                      "content/actors/alpha.md": "---\nname: Alpha Brigade\n---\n"})
    out = tmp_path / "out"
    build(root, out, search=False)
    (root / "content/actors/alpha.md").write_text("---\nname: Alpha Brigade\naliases: [zb]\n---\n")
    with pytest.raises(ContentError) as error:
        build(root, out, search=False)
    assert [str(p) for p in error.value.problems] == [
        'content/actors/alpha.md:3: aliases[0]: "zb" is already claimed by content/actors/zeta.md:3 ("ZB"); '
        "a name or alias belongs to one actor"]
    # check, without a last build nor git: the file modified last (to the second)...
    os.utime(root / "content/actors/zeta.md", (1_700_000_000, 1_700_000_000))
    os.utime(root / "content/actors/alpha.md", (1_700_000_005, 1_700_000_005))
    assert clash_in(root) == ["content/actors/alpha.md"]
    # ...and of two modified in the same second, the alias before the name, then the later file in sorted order
    os.utime(root / "content/actors/alpha.md", (1_700_000_000.5, 1_700_000_000.5))
    assert clash_in(root) == ["content/actors/zeta.md"]


def build_fails(root: Path, out: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        build(root, out, search=False)
    return [str(p) for p in error.value.problems]


def test_an_event_slug_a_letter_off_its_file_is_one_error_on_the_file_changed(make_site, tmp_path):
    """A report's event: edited a letter away from the event's file: the report's line, not the untouched file."""
    root = make_site({"content/reports/r.md": report("2025-02-gao-killings"),
                      "content/events/2025-02-gao-killings.md": "---\ntitle: Killings near Gao\n---\n"})
    out = tmp_path / "out"
    build(root, out, search=False)
    (root / "content/reports/r.md").write_text(report("2025-02-gao-killing"))
    assert build_fails(root, out) == [
        'content/reports/r.md:3: event: "2025-02-gao-killing" has no event file, and '
        "content/events/2025-02-gao-killings.md is the file of an event no report names: did you mean "
        '"2025-02-gao-killings"?']
    # an event file renamed a letter away: on the event file, naming the report
    (root / "content/reports/r.md").write_text(report("2025-02-gao-killings"))
    build(root, out, search=False)
    (root / "content/events/2025-02-gao-killings.md").rename(root / "content/events/2025-02-gao-kilings.md")
    assert build_fails(root, out) == [
        'content/events/2025-02-gao-kilings.md:1: no report names the event "2025-02-gao-kilings"; '
        'content/reports/r.md:3 names "2025-02-gao-killings": rename this file to 2025-02-gao-killings.md, or '
        "correct that report's event: field"]
    # … under the several reports that name the event
    (root / "content/reports/s.md").write_text(report("2025-02-gao-killings", title="Another report"))
    assert build_fails(root, out) == [
        'content/events/2025-02-gao-kilings.md:1: no report names the event "2025-02-gao-kilings"; '
        'content/reports/r.md:3 and 1 other report name "2025-02-gao-killings": rename this file to '
        "2025-02-gao-killings.md, or correct their event: fields"]
    # … renamed to say the event otherwise: the one slug of its month and place its reports name
    (root / "content/events/2025-02-gao-kilings.md").rename(root / "content/events/2025-02-gao-massacre.md")
    assert build_fails(root, out) == [
        'content/events/2025-02-gao-massacre.md:1: no report names the event "2025-02-gao-massacre"; '
        'content/reports/r.md:3 and 1 other report name "2025-02-gao-killings": rename this file to '
        "2025-02-gao-killings.md, or correct their event: fields"]


def test_a_report_not_read_is_said_with_the_errors_and_the_event_file_only_warned_of(make_site):
    """The only report of an event saved as .markdown: an error says why, and the
    event's file is not called unnamed while it stands (its report is there,
    just not read), as for a report that cannot be read: a warning says so in
    the same run, naming the file that may name it, rather than an error on
    the next run once the report's name is mended or nothing at all."""
    root = make_site({"content/reports/r.markdown": report("2025-02-gao-killings"),
                      "content/reports/s.md": report("2025-03-other", date="2025-02-30"),
                      "content/events/2025-02-gao-killings.md": "---\ntitle: Killings near Gao\n---\n"})
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == [
        'content/events/2025-02-gao-killings.md:1: no report names the event "2025-02-gao-killings" (a report\'s '
        "event: field must match this file's name): if its reports were removed or moved to another event, remove "
        "this file too; unless content/reports/r.markdown, which the build does not "
        "read, names it (warning)",  # (s.md's error leaves its event: to be read: 2025-03-other)
        "content/reports/r.markdown:1: is not read: content files end in .md, in lowercase; rename it to r.md",
        'content/reports/s.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days']


ZETA = "---\nname: Zeta Brigade\naliases: [ZB]\n---\n"
ALPHA = "---\nname: Alpha Brigade\naliases: [zb]\n---\n"


def clash_in(root: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        check(root)
    return [p.path for p in error.value.problems]


def test_check_puts_a_clash_on_the_file_git_has_not_yet_committed(make_site):
    """`check` has no last build to compare with: a contributor's checkout tells
    which file is new (untracked) or edited since its commit."""
    root = make_site({"content/reports/r.md": report(), "content/actors/zeta.md": ZETA})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Zeta")
    (root / "content/actors/alpha.md").write_text(ALPHA)        # new, untracked
    assert clash_in(root) == ["content/actors/alpha.md"]
    git(root, "add", "-A")                                       # staged, not committed
    assert clash_in(root) == ["content/actors/alpha.md"]


def test_check_puts_a_clash_on_the_file_committed_last(make_site):
    """A pull request's check sees every file committed: the later commit made the clash."""
    root = make_site({"content/reports/r.md": report(), "content/actors/zeta.md": ZETA})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Zeta", date="2025-03-01T10:00:00+00:00")
    (root / "content/actors/alpha.md").write_text(ALPHA)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Alpha", date="2025-03-02T10:00:00+00:00")
    assert clash_in(root) == ["content/actors/alpha.md"]    # without git, the later file in sorted order: zeta
    (root / "content/actors/zeta.md").write_text(ZETA.replace("---\n", "---\n# edited\n", 1))
    assert clash_in(root) == ["content/actors/zeta.md"]     # edited since: zeta's change is the latest


# what the archive holds beside its reports ----------------------------------------------
def test_a_static_file_where_the_site_puts_its_pages_is_an_error_and_keeps_the_last_site(make_site, tmp_path):
    """static/ adds files and replaces the theme's (style.css); a file named
    like a folder of pages (static/reports) would take every report's place."""
    root = make_site({"content/reports/r.md": report()})
    out = tmp_path / "out"
    build(root, out, search=False)
    before = tree_digest(out)
    for rel, text in {"static/reports": "x", "static/index.html": "<p>home</p>", "static/feed.xml/a.txt": "a",
                      "static/style.css": "body {}", "static/about.txt": "ours", "static/pagefind/extra.txt": "x",
                      "static/favicon.svg/a.txt": "a folder where the theme has a file"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    expected = [
        "static/favicon.svg/a.txt:1: static/favicon.svg/ is a folder where the theme has a file /favicon.svg: "
        "rename the folder (a file static/favicon.svg would replace the theme's)",
        "static/feed.xml/a.txt:1: the site makes /feed.xml itself, a file: static/feed.xml/ cannot be a folder; "
        "rename or remove static/feed.xml/",
        "static/index.html:1: the site makes /index.html itself: a static file cannot replace it; rename or remove it",
        "static/pagefind/extra.txt:1: /pagefind/ is the site's own folder (its search index): a static file cannot "
        "go there; move it elsewhere in static/",
        "static/reports:1: the site puts pages of its own under /reports/: a static file cannot take that name; "
        "rename or remove it",
    ]
    assert build_fails(root, out) == expected
    assert tree_digest(out) == before
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == expected
    from incidents.preview.incremental import Incremental
    outcome = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/").rebuild()
    assert [str(p) for p in outcome.problems] == expected


def test_an_archive_without_its_reports_folder_is_an_error_and_keeps_the_last_site(make_site, tmp_path):
    """content/ renamed, or --root a folder beside the archive: not an empty site over the last one."""
    root = make_site({"content/reports/r.md": report()})
    out = tmp_path / "out"
    build(root, out, search=False)
    before = tree_digest(out)
    (root / "content").rename(root / "contents")
    why = ("no such folder: an archive's reports are its Markdown files in content/reports/; make that folder, "
           "or give --root the archive's folder")
    assert build_fails(root, out) == [f"content:1: {why}"]
    (root / "content").mkdir()
    assert build_fails(root, out) == [f"content/reports:1: {why}"]
    assert tree_digest(out) == before


def test_a_content_folder_that_is_a_file_or_a_link_to_nowhere_is_said_not_skipped(make_site):
    root = make_site({"content/reports/r.md": report(), "content/events": "notes"})
    (root / "content/reports/dangling.md").symlink_to("nowhere.md")
    (root / "content/reports/loop.md").symlink_to("loop.md")
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == [
        "content/events:1: is a file where a folder of content files is expected: rename or remove it",
        "content/reports/dangling.md:1: is a link to nothing (nowhere.md), or round a loop of links: point it at a "
        "Markdown file of the archive, or remove it",
        "content/reports/loop.md:1: is a link to nothing (loop.md), or round a loop of links: point it at a "
        "Markdown file of the archive, or remove it",
    ]


def test_a_link_to_a_folder_inside_the_reports_is_said_as_a_folder_is(make_site):
    root = make_site({"content/reports/r.md": report(), "elsewhere/s.md": report("2025-02-other")})
    (root / "content/reports/sub").symlink_to("../../elsewhere")
    assert [str(w) for w in check(root)] == [
        "content/reports/sub:1: is not read: files in folders inside content/reports/ are not read; move it into "
        "content/reports/ (a link to a folder) (warning)"]


def test_a_template_not_in_utf8_is_said_on_its_line_with_the_contents_mistakes(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report(date="2025-02-30")})
    (root / "templates").mkdir()
    (root / "templates/base.html").write_bytes(b"<!DOCTYPE html>\n<p>\xe9t\xe9</p>\n")
    assert build_fails(root, tmp_path / "out") == [
        'content/reports/r.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days',
        "templates/base.html:2: is not UTF-8 text: save it as UTF-8",
    ]
    assert not (tmp_path / "out").exists()


def test_a_key_given_twice_hides_none_of_the_files_other_mistakes(make_site):
    """YAML keeps the second value: the file is read on, and all is said in one run."""
    root = make_site({"content/reports/r.md": report(source="\n  publisher: Reuters\n  publisher: AFP",
                                                      titel="x")})
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == [
        'content/reports/r.md:8: source.publisher: "publisher" is given twice (first on line 7): keep one of the two',
        'content/reports/r.md:9: titel: unknown field "titel" (did you mean "title"?)',
    ]


def test_a_tag_in_any_script_is_a_tag_and_one_of_no_letter_is_refused(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report(tags="[arson, убийство, مجزرة]")})
    assert build(root, tmp_path / "out", search=False).reports == 1
    (root / "content/reports/r.md").write_text(report(tags='[arson, "!!!"]'))
    assert build_fails(root, tmp_path / "out") == [
        'content/reports/r.md:7: tags[1]: "!!!" has no letter or digit: write the tag in words']


@pytest.mark.parametrize("language, problem", [
    ("en-GB", None), ("EN", None), ("fr", None),
    ("fr-ML", 'site.yaml:4: language: "fr-ML": the site has no interface in this language: write fr'),
    ("de", 'site.yaml:4: language: "de": the site has no interface in this language (use one of: en, fr)'),
])
def test_the_sites_language_is_one_it_has_an_interface_in(make_site, tmp_path, language, problem):
    """English pages marked German would mislead screen readers and search's stemming."""
    root = make_site({"content/reports/r.md": report()}, SITE.replace("language: en", f"language: {language}"))
    if problem is None:
        assert check(root) == []
        build(root, tmp_path / "out", search=False)  # dates and numbers in its words (Babel reads en-GB as en_GB)
        assert f'<html lang="{language}">' in (tmp_path / "out/index.html").read_text(encoding="utf-8")
        return
    with pytest.raises(ContentError) as error:
        check(root)
    assert [str(p) for p in error.value.problems] == [problem]


@pytest.mark.parametrize("language, languages", [("en-GB", "[en-GB, fr]"), ("en-GB", "[en, fr]"), ("EN", "[EN, fr]"),
                                                 ("EN", "[en, fr]"), ("fr", "[fr, en-GB]")])
def test_a_language_given_as_language_takes_is_listed_the_same_in_languages(make_site, tmp_path, language, languages):
    """The default language in any case or English variant, listed in `languages:` as
    written or by its language alone: the site's pages in it at /, the other under its folder."""
    site = SITE.replace("language: en", f"language: {language}\nlanguages: {languages}")
    root = make_site({"content/reports/r.md": report()}, site)
    assert check(root) == []
    build(root, tmp_path / "out", search=False)
    assert f'<html lang="{language}">' in (tmp_path / "out/index.html").read_text(encoding="utf-8")
    other = "en-GB" if language == "fr" else "fr"
    assert f'<html lang="{other}">' in (tmp_path / f"out/{other}/index.html").read_text(encoding="utf-8")


def test_an_archive_of_no_reports_said_without_its_folder_every_time(make_site, tmp_path):
    """Built empty once, its content/reports/ then removed: not "nothing changed", and no event
    file blamed for a report it cannot see."""
    root = make_site({"content/events/2025-02-x.md": "---\ntitle: X\n---\n"})
    (root / "content/reports").mkdir()
    out = tmp_path / "out"
    with pytest.raises(ContentError):
        build(root, out, search=False)  # an event file no report names
    (root / "content/events/2025-02-x.md").unlink()
    assert build(root, out, search=False).reports == 0
    (root / "content/reports").rmdir()
    why = ("content/reports:1: no such folder: an archive's reports are its Markdown files in content/reports/; "
           "make that folder, or give --root the archive's folder")
    assert build_fails(root, out) == [why]
    (root / "content/events/2025-02-x.md").write_text("---\ntitle: X\n---\n")
    assert build_fails(root, out) == [why]


def test_the_preview_says_a_template_not_in_utf8_on_its_line(make_site, tmp_path):
    from incidents.preview.incremental import Incremental
    root = make_site({"content/reports/a.md": report()})
    preview = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    assert preview.rebuild().ok
    (root / "templates").mkdir()
    (root / "templates/base.html").write_bytes(b"ok\n{{ x }}\n\xff\xfe bad\n")
    outcome = preview.rebuild([root / "templates/base.html"])
    assert [str(p) for p in outcome.problems] == ["templates/base.html:3: is not UTF-8 text: save it as UTF-8"]


def test_new_refuses_a_years_address_and_says_a_file_in_the_way(make_site):
    root = make_site({"content/reports/r.md": report()})
    assert one_error_line(run("--root", str(root), "new", "A title", "--event", "2024"), 2) == (
        "error: --event: \"2024\" is the address of a year's list (/events/2024/): add a word, such as 2024-attack")
    (root / "content/reports/r.md").rename(root / "r.md")
    (root / "content/reports").rmdir()
    (root / "content/reports").write_text("notes", encoding="utf-8")
    assert one_error_line(run("--root", str(root), "new", "A title", "--event", "2024-attack"), 1) == (
        "error: content/reports: is a file, where the folder of reports is expected: rename or remove it; "
        "nothing was written")


# the command line -------------------------------------------------------------------------
def test_a_reader_that_goes_away_or_a_full_disk_stops_the_printing_in_a_line(make_site, tmp_path):
    """`check | head -1` over many problems stops quietly (status 141, as a shell
    gives a command whose pipe closed); `check > /dev/full` says so in a line."""
    root = make_site({f"content/reports/r{i}.md": "---\ntitle: x\n---\n" for i in range(600)})
    done = subprocess.run(f"{sys.executable} {ROOT / 'build.py'} --root {root} check | head -1; "
                          "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True)
    assert done.returncode == 141 and done.stderr == "" and done.stdout.startswith("content/reports/r"), done.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "check"],
                                  stdout=full, stderr=subprocess.PIPE, text=True)
        assert done.returncode == 1 and done.stderr.splitlines()[-1] == (
            "error: cannot write what it prints (No space left on device): free some space, or send it elsewhere")
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args, message", [
    # a command or an option misspelt: the one meant, the command's own options first
    (["biuld"], "error: argument command: invalid choice: 'biuld': did you mean build? (choose from 'build', 'check', "
                "'serve', 'new', 'import') (build.py -h lists the options)"),
    (["build", "--base_url", "https://x.org/"], "error: unknown option --base_url: did you mean --base-url? (build.py "
                                                "build -h lists the options)"),
    (["--rot", "x", "check"], "error: unknown option --rot: did you mean --root? (build.py check -h lists the options)"),
    (["serve", "--prot", "9"], "error: unknown option --prot: did you mean --port? (build.py serve -h lists the "
                               "options)"),
    (["import", "--dry_run", "a.txt"], "error: unknown option --dry_run: did you mean --dry-run? (build.py import -h "
                                       "lists the options)"),
    (["check", "--zzz"], "error: unknown option --zzz (build.py check -h lists the options)"),
    # only what argparse did not take: a value that starts with "-", an option it read as short for another
    (["new", "Gao attack", "--event", "2024-06-x", "--location", "-near Gao", "--dte", "2024-06-02"],
     "error: unknown option --dte: did you mean --date? (build.py new -h lists the options)"),
    (["build", "--bas", "https://x.org/", "extra"], "error: unrecognized arguments: extra (build.py build -h lists the "
                                                    "options)"),
    (["serve", "--port", "99999"], "error: argument --port: '99999' is not a port: use a number from 1 to 65535 "
                                   "(0: any free port) (build.py serve -h lists the options)"),
    (["serve", "--port", "http"], "error: argument --port: 'http' is not a port: use a number from 1 to 65535 "
                                  "(0: any free port) (build.py serve -h lists the options)"),
    (["build", "--out", "/proc/nope"], None),
    (["--root", "/nowhere/at/all", "check"], "error: --root: /nowhere/at/all: no such folder: give the archive's "
                                             "folder, which holds site.yaml and content/"),
    (["import", "/nowhere/article.txt"], "error: /nowhere/article.txt: no such file"),
    (["check", "--root", "/nowhere/at/all"], "error: --root: /nowhere/at/all: no such folder: give the archive's "
                                             "folder, which holds site.yaml and content/"),
    (["import", "--url", "ftp://x", "a.txt"], "error: argument --url: 'ftp://x' is not an http or https URL: give the "
                                              "article's address, such as https://example.org/article (build.py "
                                              "import -h lists the options)"),
    (["import", "--url", "www.afp.com/x", "a.txt"], "error: argument --url: 'www.afp.com/x' is not an http or https "
                                                    "URL: write it with https:// in front, https://www.afp.com/x "
                                                    "(build.py import -h lists the options)"),
    (["--root", "", "check"], "error: --root: is empty: give the archive's folder, which holds site.yaml and content/"),
    (["build", "--out", ""], "error: --out: is empty: give a folder, such as output/ in the archive (the default)"),
    (["check", "content/reports/nowhere.md"], "error: check: content/reports/nowhere.md: no such file; check reads "
                                              "the whole archive, not one file: run it without a file (--root DIR "
                                              "checks another archive)"),
    (["serve", "--host", ""], "error: argument --host: '' is not a host: use 127.0.0.1 (this machine only, the "
                              "default), ::1, or an address of this machine (build.py serve -h lists the options)"),
    (["serve", "--host", "nowhere.invalid"], "error: argument --host: 'nowhere.invalid' is not an address this "
                                             "machine can resolve: use 127.0.0.1 (this machine only, the default), "
                                             "::1, or an address of this machine (build.py serve -h lists the "
                                             "options)"),
    (["build", "--base-url", "https://example.org/?a=1"],
     'error: --base-url: "https://example.org/?a=1" has a query or a fragment (?… or #…): give the address the '
     "pages are published under, such as https://owner.github.io/repository/"),
    (["build", "--base-url", "https://example.org/%zz/"],
     'error: --base-url: "https://example.org/%zz/" has a "%" without two hexadecimal digits after it: write a '
     '"%" itself as %25'),
    (["build", "--base-url", "https://example.org:99999/"],
     'error: --base-url: "https://example.org:99999/" is not an http or https URL (its host or port cannot be read)'),
    (["build", "--base-url", "https://example.org/a<b>/"],
     'error: --base-url: "https://example.org/a<b>/" holds < >, which an address cannot: write them '
     "percent-encoded, or leave them out"),
    (["build", "--base-url", "https://user:pw@example.org/"],
     'error: --base-url: "https://user:pw@example.org/" is not an address a site is published under (a user name '
     "in it)"),
    (["build", "--base-url", "https://:80/"], 'error: --base-url: "https://:80/" is not an http or https URL'),
    (["build", "--repository", "github.com/team/archive"],
     'error: --repository: "github.com/team/archive" is not an http or https URL: write it with https:// in front, '
     "https://github.com/team/archive"),
    (["build", "--base-url", "example.org/archive"],
     'error: --base-url: "example.org/archive" is not an http or https URL: write it with https:// in front, '
     "https://example.org/archive"),
    (["build", "--base-url", "https://example.org/a b/"],
     'error: --base-url: "https://example.org/a b/" has a space in it, which an address cannot have: write each '
     "space as %20, https://example.org/a%20b/"),
    (["build", "--drafts=yes"], "error: --drafts takes no value (--drafts=yes): write --drafts alone "
                                "(build.py build -h lists the options)"),
    (["build", "--repository", "https://github.com/team/archive#readme"],
     'error: --repository: "https://github.com/team/archive#readme" has a query or a fragment (?… or #…): give '
     "the repository's own address, https://github.com/team/archive"),
    (["build", "--repository", "https://github.com/team/archive/tree/main"],
     'error: --repository: "https://github.com/team/archive/tree/main" is the address of a page of the repository, '
     "not the repository's own, which each commit's link extends (/commit/<hash>): give "
     "https://github.com/team/archive"),
    (["build", "--repository", "https://gitlab.com/team/sub/archive.git"],
     'error: --repository: "https://gitlab.com/team/sub/archive.git" is the address to clone it, not the '
     "repository's own, which each commit's link extends (/commit/<hash>): give https://gitlab.com/team/sub/archive"),
    (["build", "--repository", "git@github.com:team/archive.git"],
     'error: --repository: "git@github.com:team/archive.git" is the address to clone the repository over SSH, not '
     "its web address, which each commit's link extends: give https://github.com/team/archive"),
    (["build", "--repository", "https://token@github.com/team/archive"],
     'error: --repository: "https://token@github.com/team/archive" is not a repository\'s address (a user name '
     "in it)"),
    (["--root", "/nowhere/x\ny", "check"], "error: --root: /nowhere/x\\ny: no such folder: give the archive's folder, "
                                            "which holds site.yaml and content/"),
    (["build", "--base-url", "https://example.org/é/"],
     'error: --base-url: "https://example.org/é/" holds letters that are not ASCII: write the host in its xn-- '
     "form and the rest percent-encoded (as a browser's address bar copies it)"),
    (["build", "--base-url", "http://-/"],
     'error: --base-url: "http://-/" is not an http or https URL (its host name "-" cannot be one)'),
    (["build", "--base-url", "https://example.org/\udcff/"],  # a byte of the command line that is not UTF-8
     'error: --base-url: "https://example.org/\\udcff/" holds bytes that are not UTF-8 text: write the address '
     "in UTF-8, or percent-encoded"),
    (["build", "--base-url", "https://example.org/\x01/"],
     'error: --base-url: "https://example.org/\\x01/" holds \\x01, which an address cannot: write them '
     "percent-encoded, or leave them out"),
    (["--root", "d" * 300, "check"], f"error: {'d' * 300}: {TOO_LONG}"),
    (["import", "d" * 300], f"error: {'d' * 300}: {TOO_LONG}"),
    (["import", ""], "error: FILE: is empty: give the saved page's path"),
    (["import", "/dev/null"], "error: /dev/null: is not a file (a device, a pipe or a socket): give a page saved from "
                              "a browser"),
    (["serve", "--host", "192.0.2.1", "--port", "0"],  # TEST-NET-1: never an address of this machine
     "error: --host 192.0.2.1: is not an address of this machine: use 127.0.0.1 (this machine only, the "
     "default), ::1, or one of its own addresses"),
])
def test_a_wrong_option_is_one_line_and_exit_2(args, message):
    line = one_error_line(run(*args), 2)
    if message:
        assert line == message
    else:
        assert line.startswith("error: --out: /proc/nope: cannot write in /proc (")


def test_a_wrong_base_url_and_repository_are_said_in_one_run():
    done = run("build", "--base-url", "ftp://x/", "--repository", "https://github.com/o/r?tab=x")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        'error: --base-url: "ftp://x/" is not an http or https URL',
        'error: --repository: "https://github.com/o/r?tab=x" has a query or a fragment (?… or #…): give the '
        "repository's own address, https://github.com/o/r"]


@pytest.mark.parametrize("out, why", [
    ("content", "the output folder cannot be inside content/"),
    ("content/reports/site", "the output folder cannot be inside content/"),
    (".", "the output folder cannot be the archive or a folder that holds it"),
    ("..", "the output folder cannot be the archive or a folder that holds it"),
])
def test_an_output_folder_that_would_lose_work_is_one_line_and_exit_2(shipped, out, why):
    before = tree_digest(shipped)
    target = (shipped / out).resolve()
    line = one_error_line(run("--root", str(shipped), "build", "--out", str(shipped / out)), 2)
    assert line == (f"error: --out: {target}: {why}: choose a folder of its own, such as output/ in the archive "
                    "(the default)")
    assert tree_digest(shipped) == before  # nothing written, no cache


@pytest.mark.parametrize("name, said", [
    ("templates", "templates:1: is a link to nothing (templates), or round a loop of links: point it at a folder of "
                  "templates, or remove it"),
    ("static", "static:1: is a link to nothing (static), or round a loop of links: point it at a folder of static "
               "files, or remove it"),
    ("content", "content:1: is a link to nothing (content), or round a loop of links: point it at a folder of content "
                "files, or remove it"),
])
def test_a_folder_of_the_archive_linked_round_a_loop_is_said_as_such(shipped, name, said):
    """Not "is a file where the folder is expected" nor "cannot be read: make the folder readable"."""
    shutil.rmtree(shipped / name, ignore_errors=True)
    (shipped / name).symlink_to(name)
    done = run("--root", str(shipped), "check")
    assert done.returncode == 1 and said in done.stdout.splitlines(), done.stdout + done.stderr


def test_the_default_folders_a_build_writes_round_a_loop_are_one_line(shipped):
    """output/ and .serve/ as links round a loop: one line naming them, not a traceback."""
    nowhere = "is a symbolic link that leads nowhere (to nothing, or round a loop of links): point it somewhere"
    (shipped / "output").symlink_to("output")
    (shipped / ".serve").symlink_to(".serve")
    assert one_error_line(run("--root", str(shipped), "build", "--no-search"), 2) == (
        f"error: {shipped.resolve() / 'output'}: {nowhere}")
    assert one_error_line(run("--root", str(shipped), "serve", "--port", "0"), 2) == (
        f"error: {shipped.resolve() / '.serve'}: {nowhere}")
    (shipped / "site.yaml").unlink()
    (shipped / "site.yaml").symlink_to("settings.yaml")
    assert one_error_line(run("--root", str(shipped), "check"), 2) == (
        f"error: --root: {shipped}: its site.yaml is a link to nothing (settings.yaml), or round a loop of links: "
        "point it at the settings file, or remove it")


def test_a_loop_of_links_given_as_a_folder_is_one_line(shipped, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    nowhere = "is a symbolic link that leads nowhere (to nothing, or round a loop of links): point it somewhere"
    assert one_error_line(run("--root", str(shipped), "build", "--out", str(tmp_path / "a")), 2) == (
        f"error: --out: {tmp_path / 'a'}: {nowhere}")
    assert one_error_line(run("--root", str(tmp_path / "a"), "check"), 2) == f"error: --root: {tmp_path / 'a'}: {nowhere}"
    # The link on the way named, not the folder asked for under it; a link to nothing on the way too.
    assert one_error_line(run("--root", str(shipped), "build", "--out", str(tmp_path / "a" / "site")), 2) == (
        f"error: --out: {tmp_path / 'a' / 'site'}: {tmp_path / 'a'} {nowhere}")
    assert one_error_line(run("--root", str(tmp_path / "b" / "archive"), "check"), 2) == (
        f"error: --root: {tmp_path / 'b' / 'archive'}: {tmp_path / 'b'} {nowhere}")
    (tmp_path / "gone").symlink_to(tmp_path / "never-made")
    assert one_error_line(run("--root", str(shipped), "build", "--out", str(tmp_path / "gone" / "site")), 2) == (
        f"error: --out: {tmp_path / 'gone' / 'site'}: {tmp_path / 'gone'} {nowhere}")
    assert one_error_line(run("--root", str(tmp_path / "gone"), "check"), 2) == (
        f"error: --root: {tmp_path / 'gone'}: {nowhere}")
    assert one_error_line(run("--root", str(shipped), "import", str(tmp_path / "a" / "page.html")), 2) == (
        f"error: {tmp_path / 'a' / 'page.html'}: {tmp_path / 'a'} {nowhere}")
    (tmp_path / "file").write_text("not a folder\n")
    (tmp_path / "to-file").symlink_to(tmp_path / "file")
    assert one_error_line(run("--root", str(shipped), "build", "--out", str(tmp_path / "to-file" / "site")), 2) == (
        f"error: --out: {tmp_path / 'to-file' / 'site'}: {tmp_path / 'to-file'} is not a folder")
    assert one_error_line(run("--root", str(shipped), "import", str(tmp_path / "a")), 2) == (
        f"error: {tmp_path / 'a'}: {nowhere}")


@pytest.mark.parametrize("line, said", [
    ("actors:&a", "r.md:8: actors: put a space after the colon: actors: &a"),
    ("tags:!!binary", "r.md:11: tags: put a space after the colon: tags: !!binary"),
    ("\t- name: A", "r.md:9: indented with a tab: indent with spaces (YAML does not allow tabs for indentation)"),
])
def test_a_mistake_on_a_line_that_holds_others_is_said_alone(line, said):
    """A file is read on past each syntax mistake, the line mended (`key: ""`),
    to say the next one in the same run; a line with lines under it is mended
    as a field with no value of its own, so that they are not said as
    mistakes of their own (the list under `actors:` "at the wrong indentation")."""
    from incidents.content.frontmatter import split
    field = line.split(":")[0]
    text = ("---\ntitle: T\nevent: 2025-02-x\ndate: 2025-02-17\nlocation: Gao\nsource:\n  publisher: W\n"
            "actors:\n  - name: A\n    role: victim\ntags:\n  - one\n---\nBody.\n")
    text = text.replace("  - name: A\n", line + "\n") if line.startswith("\t") else text.replace(f"{field}:\n",
                                                                                                  line + "\n")
    _, problems = split("r.md", text)
    assert [str(p) for p in problems] == [said]


def test_a_dash_out_of_place_and_a_tab_do_not_hide_the_mistakes_after_them(make_site, tmp_path):
    """A "- " typed before a field of a mapping, a tab typed for a field's
    indentation: each said on its line, and the file read on past them to
    say a colon in a value, a date that is no date and a role's capital in
    the same run, not one fix at a time."""
    text = ("---\ntitle: Mali's army: a probe\nevent: 2025-02-x\ndate: 2025-02-30\nlocation:\n  name: Gao\n"
            "  region: Gao\n- country: Mali\n  lat: 16.27\n  lon: -0.04\nsource:\n\tpublisher: Wire\n"
            "  language: en\nactors:\n  - name: FLA\n    role: Witness\n---\nBody.\n")
    root = make_site({"content/reports/a.md": text})
    check_and_build_say(root, tmp_path / "out", [
        "content/reports/a.md:2: title: the value contains a colon followed by a space, which YAML reads as a new "
        "field: put the title in quotes: title: \"Mali's army: a probe\"",
        'content/reports/a.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days',
        'content/reports/a.md:8: "- country:" stands among the fields of a mapping, where no list is: remove the '
        '"- " and start it in the column of the fields above it',
        "content/reports/a.md:12: indented with a tab: indent with spaces (YAML does not allow tabs for "
        "indentation)",
        'content/reports/a.md:16: actors[0].role: "Witness" is not a role: write it in lower case, witness'])


@pytest.mark.parametrize("tabbed, line", [
    ("location:\n  name: Gao\n\tregion: Gao\n  country: Mali\n", 7),    # a field between two of its mapping
    ("location:\n  name: Gao\n  region: Gao\n\tcountry: Mali\n", 8),    # the mapping's last field
    ("tagz:\n\t- executions\n  - looting\n", 6),                      # a list's first item
    ("tagz:\n  - executions\n\t- looting\n  - arson\n", 7),           # an item between two
    ("tagz:\n  - executions\n\t- looting\n", 7),                       # the last item
])
def test_a_tab_among_lines_indented_with_spaces_hides_no_other_mistake(make_site, tabbed, line):
    """The line is read in its neighbours' column, and the file on: a date that is no date above it,
    a misspelt field, its own line's mistake, a figure in words below it are said in the same run."""
    text = (f"---\ntitle: T\nevent: 2025-02-x\ndate: 2025-02-31\n{tabbed}"
            "source:\n  publisher: Wire\nreported_toll:\n  killed: four\n---\nBody.\n")
    root = make_site({"content/reports/a.md": text})
    killed = text.split("\n").index("  killed: four") + 1
    said = run("--root", str(root), "check").stdout.splitlines()
    assert 'content/reports/a.md:4: date: "2025-02-31" is not a date: February 2025 has 28 days' in said
    assert (f"content/reports/a.md:{line}: indented with a tab: indent with spaces (YAML does not allow tabs for "
            "indentation)") in said
    assert any(p.startswith(f"content/reports/a.md:{killed}: reported_toll.killed: \"four\"") for p in said), said
    if "tagz" in tabbed:
        assert 'content/reports/a.md:5: tagz: unknown field "tagz" (did you mean "tags"?)' in said
    assert len(said) == 3 + ("tagz" in tabbed), said


@pytest.mark.parametrize("tabbed", [
    # an item among the items of its list, with lines of its own below it
    "actors:\n  - name: FLA\n    role: witness\n\t- name: Wagner Group\n    role: witness\n  - name: FAMa\n",
    "responses:\n  - by: FLA\n    stance: denied\n\t- by: FAMa\n    stance: other\n",
    # a field of a list's item: after its first line, or its last before the next item
    "reported_toll:\n  - killed: 4\n\taccording_to: FLA\n  - killed: 5\n    according_to: residents\n",
    "actors:\n  - name: FLA\n\trole: witness\n  - name: FAMa\n",
    # the value of a field with no value of its own on its line, the only line of it
    "reported_toll:\n  - killed:\n\tmin: 60\n    according_to: FLA\n",
    # a field only ever at the top, its lines below it
    "source:\n  publisher: Wire\n\tlocation:\n  name: Gao\n",
])
def test_a_tab_in_a_list_of_mappings_hides_no_other_mistake(make_site, tabbed):
    """A tab before an item or a field of the lists reports hold (actors, responses, claims), or
    before a field only the top level has: read in the column the lines around it say, and
    the file read on: a date that is no date and a misspelt field are said in the same run,
    and nothing the reading moved is said as a mistake of its own."""
    text = f"---\ntitle: T\nevent: 2025-02-x\ndate: 2025-02-31\n{tabbed}tagz: [x]\n---\nBody.\n"
    if "source:" not in tabbed:
        text = text.replace("tagz:", "source:\n  publisher: Wire\ntagz:")
    if "location:" not in tabbed:
        text = text.replace("title: T\n", "title: T\nlocation: Gao\n")
    root = make_site({"content/reports/a.md": text})
    lines = text.split("\n")
    date, line, tagz = (next(i + 1 for i, x in enumerate(lines) if x.startswith(start))
                        for start in ("date:", "\t", "tagz:"))
    assert run("--root", str(root), "check").stdout.splitlines() == [
        f'content/reports/a.md:{date}: date: "2025-02-31" is not a date: February 2025 has 28 days',
        f"content/reports/a.md:{line}: indented with a tab: indent with spaces (YAML does not allow tabs for "
        "indentation)",
        f'content/reports/a.md:{tagz}: tagz: unknown field "tagz" (did you mean "tags"?)'], text


def test_a_tab_is_read_where_the_lines_around_it_agree_and_makes_no_mistake_of_its_own(make_site):
    """From a review: the first field under a mapping is read in the column of the mapping's
    shallowest line, not of a line below it that is itself too deep (said as the mistake it
    is); a text's first line in the column of its shallowest line, not of a code block in it;
    a tag named like a top-level field among site.yaml's fr: tags: where its neighbours are;
    a comment after the mapping's key changes nothing."""
    tab = "indented with a tab: indent with spaces (YAML does not allow tabs for indentation)"
    reported = report(location="\n\tname: Gao\n   region: Gao\n  country: Mali")
    root = make_site({"content/reports/a.md": reported})
    assert run("--root", str(root), "check").stdout.splitlines() == [
        f"content/reports/a.md:6: {tab}",
        "content/reports/a.md:7: region: is at the wrong indentation: it is indented more than the line above, "
        "which already has its value; start it in the same column as the other fields of its mapping"]
    commented = report(date="2025-02-30", location="   # where\n\tname: Gao\n  region: Gao")
    root = make_site({"content/reports/a.md": commented})
    assert run("--root", str(root), "check").stdout.splitlines() == [
        'content/reports/a.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days',
        f"content/reports/a.md:6: {tab}"]
    page = "---\ntitle: About\nmenu: one\nfr:\n  body: |\n\tIntro.\n\n        code\n\n    Text.\n---\nBody.\n"
    root = make_site({"content/reports/a.md": report(), "content/pages/about.md": page})
    assert run("--root", str(root), "check").stdout.splitlines() == [
        'content/pages/about.md:3: menu: "one" is not a whole number', f"content/pages/about.md:6: {tab}"]
    (root / "content/pages/about.md").unlink()
    site = SITE + "languages: [en, fr]\nfr:\n  tags:\n    looting: pillage\n\tsource: sources\n    killings: meurtres\n"
    root = make_site({"content/reports/a.md": report(tags="[looting, source, killings]")}, site=site)
    line = site.split("\n").index("\tsource: sources") + 1
    assert run("--root", str(root), "check").stdout.splitlines() == [f"site.yaml:{line}: {tab}"]


@pytest.mark.parametrize("summary", [
    "  summary: >-\n\tLe FLA a rapporté\n    quatre morts.\n",        # a text's first line
    "  summary: >-\n    Le FLA a rapporté\n\tquatre morts à\n    Aslagh.\n",  # a line among its others
    "\tsummary: >-\n    Le FLA a rapporté\n    quatre morts.\n",       # the field whose text it is
])
def test_a_tab_in_a_text_over_several_lines_hides_no_other_mistake(make_site, summary):
    text = f"---\ntitle: T\ndate: 2025-02-30\nfr:\n  title: Tueries\n{summary}titel: x\n---\nBody.\n"
    root = make_site({"content/reports/a.md": report(event="2025-02-x"), "content/events/2025-02-x.md": text})
    lines = text.split("\n")
    tab, titel = (next(i + 1 for i, x in enumerate(lines) if x.startswith(start)) for start in ("\t", "titel"))
    assert run("--root", str(root), "check").stdout.splitlines() == [
        'content/events/2025-02-x.md:3: date: "2025-02-30" is not a date: February 2025 has 28 days',
        f"content/events/2025-02-x.md:{tab}: indented with a tab: indent with spaces (YAML does not allow tabs for "
        "indentation)",
        f'content/events/2025-02-x.md:{titel}: titel: unknown field "titel" (did you mean "title"?)']


@pytest.mark.parametrize("location", [
    "location:\n  name: Gao\n  - country: Mali\n  region: Gao\n",          # in the fields' own column
    "location:\n  name: Gao\n- country: Mali\n  region: Gao\n",            # the first dash of its kind
    "location:\n  name: Gao\n- country: Mali\n",                          # the mapping's last field
])
def test_a_dash_before_a_field_is_read_past_wherever_it_stands(make_site, location):
    """The mistakes after it are said in the same run: a date written day first, a count in words."""
    text = (f"---\ntitle: T\nevent: 2025-02-x\ndate: 12/03/2022\n{location}source:\n  publisher: Wire\n"
            "reported_toll:\n  killed: four\n---\nBody.\n")
    root = make_site({"content/reports/a.md": text})
    killed = text.split("\n").index("  killed: four") + 1
    assert run("--root", str(root), "check").stdout.splitlines() == [
        'content/reports/a.md:4: date: "12/03/2022" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY): 2022-03-12 if '
        "the day comes first, 2022-12-03 if the month does",
        'content/reports/a.md:7: "- country:" stands among the fields of a mapping, where no list is: remove the "- " '
        "and start it in the column of the fields above it",
        f'content/reports/a.md:{killed}: reported_toll.killed: "four" is not a whole number: write killed: 4, in '
        "digits (the source's words can stay in the claim's wording)"]


def test_a_list_item_begun_among_a_mapping_s_fields_is_no_field_given_twice(make_site, tmp_path):
    """"- killed: 5" under reported_toll's own fields began a second claim: its
    fields are not read as the first's again ("according_to is given twice")."""
    text = ("---\ntitle: T\nevent: 2025-02-x\ndate: 2025-02-17\nlocation: Gao\nsource:\n  publisher: Wire\n"
            "reported_toll:\n  killed: 4\n  according_to: FLA\n- killed: 5\n  according_to: residents\n---\nBody.\n")
    root = make_site({"content/reports/a.md": text})
    assert run("--root", str(root), "check").stdout.splitlines() == [
        'content/reports/a.md:11: this list item is at the wrong indentation: start its "-" in the same column as '
        "the other items of its list"]


@pytest.mark.parametrize("lines, line, said", [
    # a second claim added to a toll that holds one: the fix is a list, not a column
    ("reported_toll:\n  killed: 12\n  according_to: local sources\n  - killed: 20\n    according_to: FLA\n", 11,
     'reported_toll: this list item stands among the fields of "reported_toll", which holds one mapping, not a '
     'list: to give reported_toll several, make it a list, each item starting with "- " (- killed: …) and its '
     "other fields under it, two columns in"),
    # an actor a column too deep, with its role under it
    ("actors:\n  - name: Wagner Group\n    role: alleged perpetrator\n   - name: FAMa\n     role: witness\n", 11,
     'this list item is at the wrong indentation: start its "-" in the same column as the other items of its list'),
    # a role a column deeper than its item's name
    ("actors:\n  - name: Wagner Group\n     role: Witness\n", 10,
     "role: is at the wrong indentation: it is indented more than the line above, which already has its value; "
     "start it in the same column as the other fields of its mapping (a field of a list item goes under the "
     "item's first field)"),
])
def test_a_list_item_or_field_out_of_place_does_not_hide_the_file_s_other_mistakes(make_site, lines, line, said):
    """A reviewer's slips: each said on its line, and the rest of the file read
    (the item and its lines left out, the field read in its item's column) for
    the date that is no date above it, in the same run."""
    text = ("---\ntitle: T\nevent: 2024-02-x\ndate: 2024-02-30\nlocation: Gao\nsource:\n  publisher: RFI\n"
            f"{lines}---\nBody.\n")
    root = make_site({"content/reports/a.md": text})
    assert run("--root", str(root), "check").stdout.splitlines() == [
        'content/reports/a.md:4: date: "2024-02-30" is not a date: February 2024 has 29 days',
        f"content/reports/a.md:{line}: {said}"]


def test_a_static_file_over_the_site_s_own_pages_is_said_with_the_content_s_mistakes(make_site, tmp_path):
    """static/timeline/index.html and static/sitemap.xml take the place of pages
    the site makes whatever its content: said with a report's wrong date, by
    check, build and the preview, not once the date is mended."""
    root = make_site({"content/reports/a.md": report(date="2025-02-30"),
                      "static/timeline/index.html": "<p>mine</p>\n", "static/sitemap.xml": "<urlset/>\n"})
    wanted = ['content/reports/a.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days',
              "static/sitemap.xml:1: the site makes /sitemap.xml itself: a static file cannot replace it; rename or "
              "remove it",
              "static/timeline/index.html:1: the site makes /timeline/index.html itself: a static file cannot "
              "replace it; rename or remove it"]
    check_and_build_say(root, tmp_path / "out", wanted)
    from incidents.preview.incremental import Incremental
    assert [str(p) for p in Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/").rebuild().problems] \
        == wanted


def test_a_folder_with_no_archive_says_which_archive_it_uses(tmp_path):
    """`new` in an empty folder, a newcomer's first step, wrote into this
    repository's own archive, unsaid: every command says so, on stderr."""
    done = run("check", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr.startswith(
        f"note: {tmp_path} holds no archive (no site.yaml, no content/): using the one beside build.py, {ROOT}; "
        "give --root DIR for another, or make site.yaml here to start one\n")
    assert "holds no archive" not in run("check", cwd=ROOT).stderr


def test_a_site_yaml_that_is_a_folder_is_said_as_the_settings_file(shipped):
    (shipped / "site.yaml").unlink()
    (shipped / "site.yaml").mkdir()
    done = run("check", cwd=shipped)
    assert done.returncode == 1 and done.stdout.splitlines() == [
        "site.yaml:1: is not a file (a folder): the archive's settings are a YAML file of that name, with at least "
        "a title"]


def test_an_output_inside_a_builds_cache_is_one_line_and_exit_2(shipped):
    """--out .output.cache/site: the spare copy the default build empties and exchanges."""
    assert run("--root", str(shipped), "build", "--no-search").returncode == 0
    cache = (shipped / ".output.cache").resolve()
    line = one_error_line(run("--root", str(shipped), "build", "--no-search", "--out", str(cache / "site")), 2)
    assert line == (f"error: --out: {cache / 'site'}: the output folder cannot be inside a build's cache ({cache}): "
                    "choose a folder of its own, such as output/ in the archive (the default)")


def test_the_previews_folder_taken_by_a_file_says_what_to_do(shipped):
    (shipped / ".serve").write_text("not a site\n", encoding="utf-8")
    done = run("--root", str(shipped), "serve", "--port", "0")
    line = one_error_line(done, 1)
    assert line == (f"error: {(shipped / '.serve').resolve()}: exists and is not a built site; the preview builds "
                    "its site there: move what it holds elsewhere, or remove it")


def test_a_site_yaml_that_is_not_a_file_is_said_so(tmp_path):
    (tmp_path / "content" / "reports").mkdir(parents=True)
    os.mkfifo(tmp_path / "site.yaml")
    line = one_error_line(run("--root", str(tmp_path), "check"), 2)
    assert line == (f"error: --root: {tmp_path}: its site.yaml is not a file (a folder, a pipe or a device): make "
                    'it the archive\'s settings file, with at least a title (docs/format.md, "site.yaml")')


def test_a_file_name_that_breaks_the_line_is_said_on_one(make_site):
    root = make_site({"content/reports/a.md": report(), "content/reports/b\nc.md": report()})
    done = run("--root", str(root), "check")
    assert done.returncode == 1 and done.stdout.splitlines() == [
        'content/reports/b\\nc.md:1: "b\\nc.md" is not a valid file name: use lowercase letters a-z, digits and '
        "hyphens, then .md (such as b-c.md)"]


def test_a_file_misnamed_has_its_own_mistakes_said_with_its_name_s(make_site, tmp_path):
    """"Bad_Name.md", uploaded from a browser with a wrong date: both said, by
    check, build and the preview (and the preview's again once the file is
    edited), not the date once the file is renamed. Such a file is never built."""
    from incidents.preview.incremental import Incremental
    root = make_site({"content/reports/a.md": report(), "content/reports/Bad_Name.md": report(date="2024-02-30")})
    wanted = ['content/reports/Bad_Name.md:1: "Bad_Name.md" is not a valid file name: use lowercase letters a-z, '
              "digits and hyphens, then .md (such as bad-name.md)",
              'content/reports/Bad_Name.md:4: date: "2024-02-30" is not a date: February 2024 has 29 days']
    check_and_build_say(root, tmp_path / "out", wanted)
    preview = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    assert [str(p) for p in preview.rebuild().problems] == wanted
    (root / "content/reports/Bad_Name.md").write_text(report(date="2024-02-31"), encoding="utf-8")
    assert [str(p) for p in preview.rebuild([root / "content/reports/Bad_Name.md"]).problems] == [
        wanted[0], 'content/reports/Bad_Name.md:4: date: "2024-02-31" is not a date: February 2024 has 29 days']


def test_a_preview_on_every_address_says_one_a_browser_can_open():
    from incidents.preview.serve import _openable
    preview = type("Preview", (), {"host": "0.0.0.0", "port": 8000, "url": "http://0.0.0.0:8000/"})()
    assert _openable(preview) == "http://127.0.0.1:8000/ and every address of this machine"  # type: ignore[arg-type]


def test_a_root_without_site_yaml_is_one_line_before_anything_is_read(tmp_path):
    (tmp_path / "content" / "reports").mkdir(parents=True)
    line = one_error_line(run("build", "--root", str(tmp_path)), 2)
    assert line == (f"error: --root: {tmp_path}: has no site.yaml: an archive needs one beside content/, with at "
                    'least a title (docs/format.md, "site.yaml")')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]  # nothing built, no cache


def test_a_root_without_an_archive_is_one_line(tmp_path):
    line = one_error_line(run("--root", str(tmp_path), "check"), 2)
    assert line == (f"error: --root: {tmp_path}: is not an archive (it has no site.yaml and no content/): give the "
                    "folder that holds them")


def test_import_refuses_what_is_not_text_before_writing(shipped, tmp_path):
    noise = tmp_path / "noise.bin"
    noise.write_bytes(random.Random(1).randbytes(1 << 20))
    big = tmp_path / "big.txt"
    big.write_text("A title\n\n" + "Soldiers killed three people, the mayor said. " * 60_000)
    before = sorted(p.name for p in (shipped / "content/reports").iterdir())
    for path, why in ((noise, "NUL bytes: it is not text"), (big, "MB; a report may be at most 2 MB")):
        done = run("--root", str(shipped), "import", str(path))
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert why in done.stderr and "nothing was imported" in done.stderr
    assert sorted(p.name for p in (shipped / "content/reports").iterdir()) == before


def test_what_import_writes_where_the_article_does_not_say_is_kept_to_drafts(make_site):
    """An article that names no place gets "Unknown place", an event
    "unknown-place-killings" and, with no text found, a body saying so: fine in
    the draft import writes, and an error each once "draft: true" is removed,
    as new's FILL IN is; a report of one event "unknown-place-killings" would
    publish /locations/unknown-place/ and an event of that name."""
    body = "---\n" + report(event="2025-02-unknown-place-killings", location="Unknown place")[4:].replace(
        "Body text.\n", "(The import found no article text.)\n")
    draft = body.replace("title: Test report\n", "title: Test report\ndraft: true\n")
    assert check(make_site({"content/reports/r.md": draft})) == []
    with pytest.raises(ContentError) as found:
        check(make_site({"content/reports/r.md": body}))
    assert [str(p) for p in found.value.problems] == [
        'content/reports/r.md:3: event: "2025-02-unknown-place-killings" is the event import makes of an unknown '
        'place: write the slug of the incident\'s event (YYYY-MM-place-what), or keep "draft: true" until you can',
        'content/reports/r.md:5: location: is still "Unknown place", what import writes where the article does not '
        'say: write where the events took place, or keep "draft: true" until you can',
        'content/reports/r.md:8: the text is still "(The import found no article text.)": paste the article\'s text '
        'below the front matter, or keep "draft: true" until you can']


def test_import_s_unchecked_guesses_are_said_once_the_draft_is_published(make_site):
    """import marks each guess "# check:". Once "draft: true" is removed, a mark
    left is a guess no one said was checked: a warning on its line, until the
    mark is removed. The publication date standing in for an incident date the
    article does not give is an error: a published report would give a wrong day.
    Words quoting the mark (the draft's first comment) are no mark."""
    body = ("---\n# Check every field marked \"# check:\", fix what is wrong and remove the mark.\n"
            + report(date="2025-02-22  # check: no date of the incident in the text: the publication date stands in",
                     location="Gao  # check: a place name in the text",
                     source="{publisher: Wire}  # check: the page's site name")[4:])
    assert check(make_site({"content/reports/r.md": body.replace("---\nBody", "draft: true\n---\nBody")})) == []
    with pytest.raises(ContentError) as found:
        check(make_site({"content/reports/r.md": body}))
    assert [str(p) for p in found.value.problems] == [
        'content/reports/r.md:5: date: is the article\'s publication date, which import put in as the article gives '
        'no date of the incident ("# check: no date of the incident in the text: the publication date stands in"): '
        "write the incident's date (YYYY-MM or YYYY where the article is no more precise) and remove the mark, or "
        'keep "draft: true" until you can']
    checked = body.replace("  # check: no date of the incident in the text: the publication date stands in", "")
    assert [str(p) for p in check(make_site({"content/reports/r.md": checked}))] == [
        'content/reports/r.md:6: location: is still marked "# check:" by import (a place name in the text): check '
        "it against the article, then remove the mark (warning)",
        'content/reports/r.md:7: source.publisher: is still marked "# check:" by import (the page\'s site name): '
        "check it against the article, then remove the mark (warning)"]
    assert check(make_site({"content/reports/r.md": re.sub(r"  # check:.*", "", body)})) == []


def test_import_says_what_a_file_of_another_format_is(shipped, tmp_path):
    """A PDF, an RTF document, a page saved "as a single file" (MHTML) and an
    SVG picture were read as pasted text (their markup the draft's title, an
    actor cut at a quoted-printable break), and an SVG saved as .html ended
    in htmldate's traceback: each is now said as what it is, with what to do,
    and nothing written."""
    article = "Soldiers killed three people in Gao on 17 February 2025, the mayor said. " * 5
    files = {
        "a.pdf": (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + article.encode(), "is a PDF document"),
        "a.rtf": (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\n" + article.encode() + b"}",
                  "is an RTF document (WordPad, TextEdit): save it as plain text (.txt)"),
        "a.mhtml": (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/a\r\nSubject: A\r\n"
                    b"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\r\n" + article.encode(),
                    'is a web archive (MHTML, a page saved "as a single file"): save the page as "Web page, HTML only"'),
        "folded.mhtml": (b"From: <Saved by Blink>\r\nSubject: =?utf-8?Q?Mali=20army?=\r\n =?utf-8?Q?ings?=\r\n"
                         b"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\r\n" + article.encode(),
                         'is a web archive (MHTML, a page saved "as a single file"): save the page as "Web page, '
                         'HTML only"'),  # a long title folded onto a line that starts with a space
        "a.svg": (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>' + article.encode()
                  + b"</text></svg>", "is an SVG picture, not an article"),
        "svg.html": (b"<svg><rect/><path/></svg>", "is an SVG picture, not an article"),
    }
    before = sorted(p.name for p in (shipped / "content/reports").iterdir())
    for name, (data, what) in files.items():
        (tmp_path / name).write_bytes(data)
        done = run("--root", str(shipped), "import", str(tmp_path / name))
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"{tmp_path / name}: {what}: copy the article's text into a .txt file and import that" in done.stderr
    (tmp_path / "short.html").write_text("<html><body><p>Three killed in Gao.</p></body></html>")
    done = run("--root", str(shipped), "import", str(tmp_path / "short.html"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ("short.html: has no article text that could be found: copy the article's text into a .txt file and "
            "import that") in done.stderr
    assert sorted(p.name for p in (shipped / "content/reports").iterdir()) == before


def test_import_reads_utf16_and_says_an_empty_file(shipped, tmp_path):
    """Windows Notepad's "Unicode" is UTF-16: text all the same, marked or not."""
    article = "Soldiers killed three people in Gao on 17 February 2025, the mayor said.\n\nMore of it.\n"
    for name, data in (("marked.txt", article.encode("utf-16")), ("le.txt", article.encode("utf-16-le")),
                       ("be.txt", article.encode("utf-16-be"))):
        (tmp_path / name).write_bytes(data)
        done = run("--root", str(shipped), "import", "--dry-run", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert "title: Soldiers killed three people in Gao on 17 February 2025" in done.stdout
    for data in (b" \n", b"\xef\xbb\xbf", "\ufeff \n".encode("utf-16")):  # nothing, a mark of UTF-8 or -16 alone
        (tmp_path / "empty.txt").write_bytes(data)
        done = run("--root", str(shipped), "import", str(tmp_path / "empty.txt"))
        assert done.returncode == 1 and done.stderr == (f"{tmp_path / 'empty.txt'}: is empty: there is no article in "
                                                        "it to import\nnothing was imported\n"), data
    assert one_error_line(run("--root", str(shipped), "import", "--publisher", " ", str(tmp_path / "le.txt")), 2) == (
        "error: argument --publisher: is empty: give the publisher's name, or leave --publisher out "
        "(build.py import -h lists the options)")


def test_a_json_ld_name_is_text_never_a_python_list_or_object():
    from incidents.importer.page import _name
    assert [_name(v) for v in ({"name": ["Sahel Today", "AFP"]}, {"x": 1}, [{"name": "A"}, "B"], True, None,
                               {"name": {"name": "Deep"}})] == ["Sahel Today, AFP", "", "A, B", "", "", "Deep"]


def test_an_article_of_one_paragraph_repeated_imports_with_the_cut_said_once(shipped, tmp_path):
    """Its 29,999 repeats made a 2.9 MB comment, refused as "import made an invalid draft"."""
    text = tmp_path / "repeated.txt"
    text.write_text("A title\n\n" + "Soldiers killed three people in Gao, the mayor said.\n\n" * 30_000)
    done = run("--root", str(shipped), "import", "--published", "2025-02-20", str(text))
    assert done.returncode == 0, done.stderr
    draft = (shipped / done.stdout.strip()).read_text(encoding="utf-8")
    assert "#   - repeated paragraph: Soldiers killed three people in Gao, the mayor said. (×29999)\n" in draft
    assert run("--root", str(shipped), "check").returncode == 0


# the machine --------------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB tmpfs, made for real (the tests run as root, here and in CI): room for the shipped
    archive in two languages and its twin."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if made.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs for this test (it needs root): {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def _retitle(root: Path) -> None:
    """A new sentence in every report: every report's page to write again."""
    for path in sorted((root / "content/reports").glob("*.md")):
        path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")


def _filled(disk: Path) -> Path:
    """A file that fills `disk` to its last block."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def test_a_full_disk_is_one_line_and_keeps_the_last_site(shipped, small_disk):
    out = small_disk / "site"
    assert run("--root", str(shipped), "build", "--no-search", "--out", str(out)).returncode == 0
    before = tree_digest(out)
    filler = _filled(small_disk)
    _retitle(shipped)
    line = one_error_line(run("--root", str(shipped), "build", "--no-search", "--out", str(out)), 1)
    assert "the disk is full" in line and line.endswith(f"the last site in {out} is intact")
    assert tree_digest(out) == before
    filler.unlink()
    assert run("--root", str(shipped), "build", "--no-search", "--out", str(out)).returncode == 0


def test_a_disk_too_full_for_the_build_cache_is_said_so_and_the_cache_kept(shipped, small_disk, tmp_path):
    """SQLite's "database or disk is full" is a full disk, not a damaged cache: said
    as one, and the cache kept (thrown away, the next build would make every page
    again: minutes at 10,000 reports). Once there is room, the next build reads
    and makes again only what changed, and its site is a clean build's."""
    out = small_disk / "site"
    assert run("--root", str(shipped), "build", "--no-search", "--out", str(out)).returncode == 0
    before = tree_digest(out)
    filler = _filled(small_disk)
    path = shipped / "content/reports/moura-killings-humangle.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    line = one_error_line(run("--root", str(shipped), "build", "--no-search", "--out", str(out)), 1)
    assert line == (f"error: the build could not be finished: the disk is full ({small_disk}/.site.cache/state.sqlite); "
                    f"the last site in {out} is intact")
    assert tree_digest(out) == before
    filler.unlink()
    done = run("--root", str(shipped), "build", "--no-search", "--out", str(out))
    assert done.returncode == 0 and done.stderr == "", done.stderr  # no "the build cache was damaged"
    made = re.search(r"parsed (\d+) files?, rendered (\d+) pages", done.stdout)
    assert made and int(made.group(1)) == 1 and int(made.group(2)) < 60, done.stdout  # of 170
    assert run("--root", str(shipped), "build", "--no-search", "--out", str(tmp_path / "clean")).returncode == 0
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_read_only_output_is_one_line_and_keeps_the_last_site(shipped, small_disk):
    out = small_disk / "site"
    assert run("--root", str(shipped), "build", "--no-search", "--out", str(out)).returncode == 0
    before = tree_digest(out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    _retitle(shipped)
    line = one_error_line(run("--root", str(shipped), "build", "--no-search", "--out", str(out)), 2)
    assert line.startswith(f"error: --out: {out}: cannot write in {small_disk} (Read-only file system)")
    assert line.endswith(f"the last site in {out} is intact")
    assert tree_digest(out) == before


def test_pagefind_failing_on_a_full_disk_is_one_line_and_keeps_the_last_site(shipped, small_disk, tmp_path):
    """Room for the pages an edit renders again, not for the search index Pagefind writes after them."""
    out = small_disk / "site"
    assert run("--root", str(shipped), "build", "--out", str(out)).returncode == 0
    before = tree_digest(out)
    fs = os.statvfs(small_disk)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (fs.f_bavail * fs.f_frsize - 700_000))
    path = shipped / "content/reports/moura-killings-humangle.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    line = one_error_line(run("--root", str(shipped), "build", "--out", str(out)), 1)
    assert line.startswith("error: Pagefind could not write the search index into ") and "the disk is full" in line
    assert line.endswith(f"the last site in {out} is intact")
    assert tree_digest(out) == before
    filler.unlink()
    assert run("--root", str(shipped), "build", "--out", str(out)).returncode == 0
    assert run("--root", str(shipped), "build", "--out", str(tmp_path / "clean")).returncode == 0
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_a_failing_pagefind_is_said_by_its_panic_not_by_rusts_advice():
    from incidents.search.pagefindservice import _why
    printed = ["thread 'main' panicked at src/service.rs:10:5:", "No space left on device (os error 28)",
               "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"]
    assert _why(printed) == "No space left on device (os error 28)"
    assert _why(["Error: the output folder cannot be written", "note: run with `RUST_BACKTRACE=full` for a verbose "
                 "backtrace"]) == "Error: the output folder cannot be written"


@pytest.mark.parametrize("expression, why", [
    ("{{ 1 // 0 }}", "ZeroDivisionError"),
    ('{{ _("%(who)s said") }}', "KeyError: 'who'"),
    ("{{ nobody.name }}", "'nobody' is undefined"),
    ("{{ report.nope }}", "(a report page has no 'nope'; it has item, event, date_iso, place, source, claims,"),
])
def test_a_template_of_the_archive_that_fails_is_named_on_its_line(make_site, tmp_path, expression, why):
    """A template that parses but fails as it runs is a mistake in that file, on
    that line, like any other: not a traceback, and the last good site stays."""
    root = make_site({"content/reports/a.md": report()})
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out), "--no-search").returncode == 0
    before = tree_digest(out)
    (root / "templates").mkdir()
    (root / "templates" / "report.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<p>fine</p>\n' + expression + "\n{% endblock %}\n")
    done = run("--root", str(root), "build", "--out", str(out), "--no-search")
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout, done.stderr
    [line] = done.stdout.strip().splitlines()
    assert line.startswith("templates/report.html:4: this template failed writing reports/"), line
    assert why in line and "correct the expression on this line" in line
    assert tree_digest(out) == before


def test_a_template_that_includes_itself_is_said_on_the_line_that_does(make_site, tmp_path):
    """Not a RecursionError on a line of the theme's base.html: the archive's
    own line that includes the template again, once for all its pages."""
    root = make_site({"content/reports/a.md": report(), "content/reports/b.md": report(event="2025-03-other"),
                      "templates/report.html": '{% extends "base.html" %}\n{% set r = report %}\n{% block main %}\n'
                                               '{% include "report.html" %}\n{% endblock %}\n'})
    [line] = failed_build(root, tmp_path / "out")
    assert line.startswith("templates/report.html:4: this template failed writing reports/"), line
    assert line.endswith("and 1 other page (it includes itself, round and round); include another template on "
                         "this line, or none"), line


def page_template(body: str) -> str:
    """A page's template of the archive's own: the theme's base.html around `body`, from line 3."""
    return '{% extends "base.html" %}\n{% block main %}\n' + body + "\n{% endblock %}\n"


def with_report_template(root: Path, body: str) -> None:
    """An archive's own templates/report.html: the theme's base around `body`, from line 3."""
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "report.html").write_text(page_template(body))


def check_and_build_say(root: Path, out: Path, wanted: list[str]) -> None:
    """`check` and a build into `out` say these lines, word for word, in this order."""
    assert run("--root", str(root), "check").stdout.splitlines() == wanted
    assert failed_build(root, out) == wanted


def failed_build(root: Path, out: Path) -> list[str]:
    """The problems a build of `root` into `out` says, once it failed without a traceback."""
    done = run("--root", str(root), "build", "--out", str(out), "--no-search")
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout, done.stderr
    return done.stdout.strip().splitlines()


def test_every_template_that_fails_as_it_runs_is_said_in_one_run(make_site, tmp_path):
    """Two templates that parse but fail as they run, and one of them on a line
    every report page reaches: each line said once, in one run of the build
    and one rebuild of the preview, not one run per mistake."""
    root = make_site({"content/reports/a.md": report(), "content/reports/b.md": report(title="Another",
                                                                                      event="2025-03-01-other")})
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out), "--no-search").returncode == 0
    before = tree_digest(out)
    (root / "templates").mkdir()
    (root / "templates" / "report.html").write_text(page_template("<p>fine</p>\n{{ 1 // 0 }}"))
    (root / "templates" / "event.html").write_text(page_template("{{ nobody.name }}"))
    lines = failed_build(root, out)
    assert [line.split(":")[:2] for line in lines] == [["templates/event.html", "3"], ["templates/report.html", "4"]]
    assert "'nobody' is undefined" in lines[0] and "ZeroDivisionError" in lines[1]
    assert tree_digest(out) == before
    from incidents.preview.incremental import Incremental
    outcome = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/").rebuild()
    assert [str(p).split(":")[:2] for p in outcome.problems] == [["templates/event.html", "3"],
                                                                  ["templates/report.html", "4"]]


def test_two_lines_of_one_template_failing_on_different_pages_are_both_said_in_one_run(make_site, tmp_path):
    """One line fails on the reports titled one way, another on the others:
    every page is rendered whatever fails (on every core), so both lines are
    said in one run of the build and one rebuild of the preview, each once,
    with how many other pages it failed on; the last good site stays."""
    files = {f"content/reports/r{i:03d}.md": report(title=f"{'Alpha' if i < 40 else 'Beta'} {i}",
                                                   event=f"2025-02-event-{i:03d}") for i in range(120)}
    root = make_site(files)
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out), "--no-search").returncode == 0
    before = tree_digest(out)
    (root / "templates").mkdir()
    (root / "templates" / "report.html").write_text(page_template(
        "{% if report.item.title.startswith('Alpha') %}{{ 1 // 0 }}{% endif %}\n"
        "{% if report.item.title.startswith('Beta') %}{{ nobody.name }}{% endif %}"))
    lines = failed_build(root, out)
    assert [line.split(":")[:2] for line in lines] == [["templates/report.html", "3"], ["templates/report.html", "4"]]
    assert "and 39 other pages (ZeroDivisionError" in lines[0], lines
    assert "and 79 other pages ('nobody' is undefined)" in lines[1], lines
    assert tree_digest(out) == before
    # check renders every page too, in memory: what it says is what the build says.
    done = run("--root", str(root), "check")
    assert done.stdout.splitlines() == lines
    from incidents.preview.incremental import Incremental
    outcome = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/").rebuild()
    assert [str(p) for p in outcome.problems] == lines


def test_check_renders_the_pages_the_build_makes_drafts_left_out(make_site, tmp_path):
    """A draft (its content checked all the same) is no page of the build: a line
    failing on every report is said by check on the pages the build makes, with
    the build's count, and a line failing on the draft alone fails neither."""
    root = make_site({"content/reports/a-draft.md": report(event="2025-02-event-a", draft="true"),
                      "content/reports/b.md": report(event="2025-02-event-b"),
                      "content/reports/c.md": report(event="2025-02-event-c")})
    with_report_template(root, "{% if report.draft %}{{ 1 // 0 }}{% endif %}\n{{ nobody.name }}")
    check_and_build_say(root, tmp_path / "out", [
        "templates/report.html:4: this template failed writing reports/b/index.html and 1 other page ('nobody' is "
        "undefined); correct the expression on this line"])


def test_in_two_languages_check_and_build_name_the_same_page(shipped, tmp_path):
    """A line failing on one report's page, in English and in French: check and
    the build name the same page (the site's own language's), whichever worker
    met which first."""
    with_report_template(shipped, "{% if 'Moura' in report.item.title %}{{ nobody.name }}{% endif %}")
    check_and_build_say(shipped, tmp_path / "out", [
        "templates/report.html:3: this template failed writing reports/moura-killings-humangle/index.html and 1 "
        "other page ('nobody' is undefined); correct the expression on this line"])


def test_a_syntax_error_does_not_hide_the_lines_that_fail_on_some_pages(make_site, tmp_path):
    """One template that does not compile, and another failing in two ways on
    one line and on another line, each on some reports: a build and a rebuild
    of the preview try every page, so all is said in one run, each way of
    failing with its own count."""
    files = {f"content/reports/r{i:03d}.md": report(title=f"{'Alpha' if i < 10 else 'Beta' if i < 40 else 'Gamma'} {i}",
                                                   event=f"2025-02-event-{i:03d}") for i in range(60)}
    files["templates/event.html"] = page_template("{% if %}")
    files["templates/report.html"] = page_template(
        "{% if report.item.title.startswith('Alpha') %}{{ 1 // 0 }}"
        "{% elif report.item.title.startswith('Beta') %}{{ nobody.name }}{% endif %}\n"
        "{{ report.item.title.startswith('Gamma') and {}['missing'] }}")
    root = make_site(files)
    lines = failed_build(root, tmp_path / "out")
    assert [line.split(":")[:2] for line in lines] == [["templates/event.html", "3"], ["templates/report.html", "3"],
                                                       ["templates/report.html", "3"], ["templates/report.html", "4"]]
    assert "and 9 other pages (ZeroDivisionError" in lines[1] and "and 29 other pages ('nobody' is undefined)" \
        in lines[2] and "and 19 other pages" in lines[3], lines
    from incidents.preview.incremental import Incremental
    outcome = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/").rebuild()
    assert [str(p) for p in outcome.problems] == lines


def test_check_says_a_template_that_fails_as_it_runs_and_the_build_says_it_with_syntax_errors(make_site, tmp_path):
    """A pull request's `check` renders every page, in memory: a template that
    compiles but fails as it runs is said there, not first by the Pages build;
    and a build stopped by another template's syntax says both."""
    root = make_site({"content/reports/a.md": report(), "templates/404.html": "<!doctype html>\n{{ page_title.upper() }}\n"})
    done = run("--root", str(root), "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.splitlines() == ["templates/404.html:2: this template failed writing 404.html ('page_title' "
                                        "is undefined); correct the expression on this line"]
    (root / "templates" / "tag.html").write_text("{% if %}\n")
    lines = failed_build(root, tmp_path / "out")
    assert [line.split(":")[:2] for line in lines] == [["templates/404.html", "2"], ["templates/tag.html", "1"]]
    assert not (tmp_path / "out").exists()


def test_a_block_left_open_is_said_on_the_line_that_opens_it(make_site, tmp_path):
    """Jinja2 notices a {% for %} with no {% endfor %} where the page's block or
    the template ends, often the last line: the mistake is said on the line
    that opens the block, naming the tag to add; a filter of no such name asks
    for the right name, not for blocks to be closed."""
    root = make_site({"content/reports/a.md": report(),
                      "templates/actor.html": page_template("<ul>\n{% for a in page.aliases %}\n<li>{{ a }}</li>\n"
                                                            "</ul>"),
                      "templates/event.html": page_template("{% if page %}\n{% for x in [] %}{% endfor %}\n"
                                                            "{% for y in [] %}\n{% endif %}"),
                      "templates/tag.html": page_template("{{ page | nosuchfilter }}")})
    check_and_build_say(root, tmp_path / "out", [
        "templates/actor.html:4: this {% for %} is never closed ({% endblock %} on line 7 comes first): add "
        "{% endfor %} where it should end",
        "templates/event.html:5: this {% for %} is never closed ({% endif %} on line 6 comes first): add "
        "{% endfor %} where it should end",
        "templates/tag.html:3: No filter named 'nosuchfilter': correct the filter's name on this line (Jinja2's "
        "own, or one the site's templates use)"])


def test_a_failing_sitemap_and_included_parts_are_said_on_their_lines(make_site, tmp_path):
    """The sitemap's template, a part included by any name (note.j2) that fails,
    and one that does not compile (note.txt, which no page is compiled from):
    each said on its own file and line, in one run, never a traceback."""
    root = make_site({"content/reports/a.md": report()})
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out), "--no-search").returncode == 0
    before = tree_digest(out)
    (root / "templates" / "parts").mkdir(parents=True)
    (root / "templates" / "sitemap.xml").write_text((REPO / "templates" / "sitemap.xml").read_text()
                                                    .replace("<urlset", "{{ 1 // 0 }}<urlset"))
    [line] = failed_build(root, out)
    assert line.startswith("templates/sitemap.xml:2: this template failed writing sitemap.xml (ZeroDivisionError")
    (root / "templates" / "sitemap.xml").unlink()
    (root / "templates" / "parts" / "note.j2").write_text("fine\n{{ nobody.name }}\n")
    (root / "templates" / "parts" / "bad.txt").write_text("fine\n{% if %}\n")
    (root / "templates" / "report.html").write_text(page_template('{% include "parts/note.j2" %}'))
    (root / "templates" / "event.html").write_text(page_template('{% include "parts/bad.txt" %}'))
    lines = failed_build(root, out)
    assert [line.split(":")[:2] for line in lines] == [["templates/parts/bad.txt", "2"],
                                                       ["templates/parts/note.j2", "2"]], lines
    assert "'nobody' is undefined" in lines[1] and "correct the template's syntax" in lines[0]
    assert tree_digest(out) == before
    from incidents.preview.incremental import Incremental
    outcome = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/").rebuild()
    assert [str(p).split(":")[:2] for p in outcome.problems] == [["templates/parts/bad.txt", "2"],
                                                                  ["templates/parts/note.j2", "2"]]


def test_a_part_that_does_not_compile_is_said_from_the_workers_too(make_site, tmp_path):
    """Enough pages to render on every core: a part that does not compile, met
    in a worker process, is said on its line as it is when met here."""
    files = {f"content/reports/r{i:03d}.md": report(event=f"2025-02-event-{i:03d}", title=f"Report {i}")
             for i in range(150)}
    files["templates/parts/bad.txt"] = "fine\n{% if %}\n"
    files["templates/report.html"] = page_template('{% include "parts/bad.txt" %}')
    [line] = failed_build(make_site(files), tmp_path / "out")
    assert line.startswith("templates/parts/bad.txt:2: ") and "correct the template's syntax" in line, line


def test_the_preview_says_a_template_that_fails_on_a_page_it_made_later(make_site, tmp_path):
    """The lists a rebuild leaves for later (catch_up): a template failing there
    is said as a rebuild's problem, the page waits, and a fix brings it."""
    from incidents.preview.incremental import Incremental
    from incidents.errors import ContentError
    root = make_site({"content/reports/a.md": report(), "templates/reports.html": (
        REPO / "templates" / "reports.html").read_text().replace(
        "{% block main %}", "{% block main %}\n{% if 'BOOM' in reports | map(attribute='title') %}{{ 1 // 0 }}"
                            "{% endif %}", 1)})
    preview = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    assert preview.rebuild().ok
    path = root / "content" / "reports" / "a.md"
    path.write_text(report(title="BOOM"))
    outcome = preview.rebuild([path], soon=lambda rel: rel != "reports/")
    assert outcome.ok
    with pytest.raises(ContentError) as raised:
        preview.catch_up()
    [problem] = raised.value.problems
    assert str(problem).startswith("templates/reports.html:4: this template failed writing reports/index.html")
    assert preview.problems == [problem]
    path.write_text(report(title="Fine again"))
    assert preview.rebuild([path], soon=lambda rel: rel != "reports/").ok and preview.problems == []
    assert preview.catch_up() == ["reports/index.html"]
    assert "Fine again" in (tmp_path / "preview" / "reports" / "index.html").read_text()


def test_every_template_mistake_is_said_in_one_run_with_the_contents(make_site, tmp_path):
    """Two templates of the archive's that do not parse, and a report with a
    wrong date: `check` and `build` name all three, each on its line, with the
    fix; the last good site stays."""
    root = make_site({"content/reports/a.md": report()})
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out), "--no-search").returncode == 0
    before = tree_digest(out)
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text('{% extends "base.html" %}\n{% block main %}\n{{ x }\n'
                                                  "{% endblock %}\n")
    (root / "templates" / "tag.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}{% endif %}\n'
                                                 "{% endblock %}\n")
    (root / "templates" / "README.md").write_text("Notes: write {{ title } and {% if %}.\n")  # no page loads it
    for command in (["check"], ["build", "--out", str(out), "--no-search"]):
        done = run("--root", str(root), *command)
        lines = done.stdout.strip().splitlines()
        assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout, done.stderr
        assert [line.split(":")[:2] for line in lines] == [["templates/page.html", "3"], ["templates/tag.html", "3"]]
        assert all("correct the template's syntax on this line" in line for line in lines)
    from incidents.preview.incremental import Incremental
    outcome = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/").rebuild()
    assert [str(p).split(":")[:2] for p in outcome.problems] == [["templates/page.html", "3"],
                                                                  ["templates/tag.html", "3"]]
    (root / "content/reports/a.md").write_text(report(date="2025-02-30"))
    done = run("--root", str(root), "build", "--out", str(out), "--no-search")
    assert [line.split(":")[0] for line in done.stdout.strip().splitlines()] == [
        "content/reports/a.md", "templates/page.html", "templates/tag.html"], done.stdout
    assert tree_digest(out) == before


@pytest.mark.parametrize("expression, why", [("{{ 1 // 0 }}", "ZeroDivisionError"),
                                             ("{{ nobody.name }}", "'nobody' is undefined")])
def test_the_preview_names_a_failing_template_on_its_line_as_the_build_does(make_site, tmp_path, expression, why):
    from incidents.preview.incremental import Incremental
    root = make_site({"content/reports/a.md": report()})
    preview = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    assert preview.rebuild().ok
    template = root / "templates" / "report.html"
    template.parent.mkdir()
    template.write_text('{% extends "base.html" %}\n{% block main %}\n<p>fine</p>\n' + expression
                        + "\n{% endblock %}\n")
    outcome = preview.rebuild([template])
    assert not outcome.ok
    [problem] = outcome.problems
    assert str(problem).startswith("templates/report.html:4: this template failed writing reports/"), problem
    assert why in problem.message


def test_an_actor_s_name_in_french_is_not_another_actor_s_name(make_site):
    """An actor given another's name or alias as its French name reads as that
    actor on the French pages (a claim's claimant and its accused): an error on
    that fr.name. Two actors may share a French name (tests/test_link.py)."""
    def actor(name: str, french: str, aliases: str = "[]") -> str:
        return f"---\nname: {name}\naliases: {aliases}\nfr:\n  name: {french}\n---\n"

    files = {"content/reports/r.md": report(actors="[Wagner Group, Kal Akal, JNIM]"),
             "content/actors/wagner-group.md": actor("Wagner Group", "Groupe Wagner", "[Wagner]"),
             "content/actors/kal-akal.md": actor("Kal Akal", "Wagner"),
             "content/actors/jnim.md": actor("JNIM", "Wagner Group")}
    with pytest.raises(ContentError) as found:
        check(make_site(files, SITE + "languages: [en, fr]\n"))
    assert [str(p) for p in found.value.problems] == [
        'content/actors/jnim.md:5: fr.name: "Wagner Group" is already the name of content/actors/wagner-group.md:2: '
        "an actor's name in another language is its own; write the name this actor goes by in that language, or "
        "leave it out",
        'content/actors/kal-akal.md:5: fr.name: "Wagner" is already the aliases[0] of '
        "content/actors/wagner-group.md:3: an actor's name in another language is its own; write the name this "
        "actor goes by in that language, or leave it out"]


def test_an_actor_or_event_file_in_error_is_still_checked_against_the_others(make_site):
    """An actor file with an empty kind and an event file with a date that is
    no date: their own errors, and in the same run what they clash with (an
    alias another actor has, a duplicate alias, no report naming the event),
    where those came only once the first errors were fixed."""
    files = {"content/reports/r.md": report(actors="[FLA]"),
             "content/actors/fla.md": "---\nname: Azawad Liberation Front\naliases: [FLA]\n---\n",
             "content/actors/kal-akal.md": '---\nname: Kal Akal\nkind: ""\naliases: [KA, FLA, KA]\n---\n',
             "content/events/2099-01-nothing.md": "---\ntitle: Nothing\ndate: 2025-02-30\n---\n",
             "content/actors/nameless.md": '---\nname: ""\naliases: [FLA]\n---\n'}
    with pytest.raises(ContentError) as found:
        check(make_site(files))
    assert [str(p) for p in found.value.problems] == [
        'content/actors/kal-akal.md:3: kind: is empty: write a value, or remove the line',
        'content/actors/kal-akal.md:4: aliases[1]: "FLA" is already claimed by content/actors/fla.md:3 ("FLA"); a '
        "name or alias belongs to one actor",
        'content/actors/kal-akal.md:4: aliases[2]: "KA" is aliases[0] already (case and accents aside): remove it',
        "content/actors/nameless.md:2: name: is empty: write a value (it is required)",
        'content/actors/nameless.md:3: aliases[0]: "FLA" is already claimed by content/actors/fla.md:3 ("FLA"); a '
        "name or alias belongs to one actor",
        'content/events/2099-01-nothing.md:1: no report names the event "2099-01-nothing" (a report\'s event: field '
        "must match this file's name): if its reports were removed or moved to another event, remove this file too",
        'content/events/2099-01-nothing.md:3: date: "2025-02-30" is not a date: February 2025 has 28 days']


def test_two_actors_of_one_event_with_one_french_name_are_warned_of(make_site):
    """Allowed apart (tests/test_link.py), but where one event names both, its
    French page shows the claimant and the accused alike."""
    actor = "---\nname: {}\nfr:\n  name: Groupe armé\n---\n"
    files = {"content/reports/r.md": report(actors="[Wagner Group, Kal Akal]"),
             "content/actors/wagner-group.md": actor.format("Wagner Group"),
             "content/actors/kal-akal.md": actor.format("Kal Akal")}
    assert [str(w) for w in check(make_site(files, SITE + "languages: [en, fr]\n"))] == [
        'content/actors/wagner-group.md:4: fr.name: "Groupe armé" is also the fr.name of content/actors/kal-akal.md:4, '
        'and the event "2025-02-test-event" names both: on its page in that language the two read the same; give '
        "one a name of its own there (warning)"]
