"""Pages of the archive's own prose (content/pages/<slug>.md): published at
/<slug>/ with the site's templates, in the navigation and the footer as their
`menu:` and `footer:` say, their Markdown as safe as a report's; a slug the
site uses itself, or a static file's name, is an error; every mistake is a
`path:line: field:` line."""

from __future__ import annotations

import re

from conftest import ARCHIVE, SITE, report
from test_validate import problems
from incidents.build import build

REPORT = {"content/reports/r.md": report()}


def page(front: str, body: str = "Some prose.\n") -> str:
    return f"---\n{front}\n---\n{body}"


def test_a_page_is_published_at_its_slug_with_the_site_s_templates(make_site, tmp_path):
    root = make_site({**REPORT, "content/pages/about.md": page("title: About us\nmenu: 2\nfooter: 1",
                                                               "We **keep** the archive. [Data](/data/), [up](../).\n"),
                      "content/pages/corrections.md": page("title: Corrections\nfooter: 0\nmenu: 1"),
                      "content/pages/hidden.md": page("title: Unlinked\ndescription: A page nothing links.")})
    build(root, tmp_path / "out", search=False)
    about = (tmp_path / "out/about/index.html").read_text(encoding="utf-8")
    assert "<h1>About us</h1>" in about and "<strong>keep</strong>" in about
    assert '<a href="/archive/data/">Data</a>' in about and '<a href="../">up</a>' in about  # the site's prefix
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    menu = re.search(r'<nav aria-label="Main">.*?</nav>', home, re.S).group()
    assert menu.index(">Corrections<") < menu.index(">About us<")  # menu: 1, then menu: 2, after the site's own
    assert menu.index(">Reports<") < menu.index(">Corrections<")
    footer = re.search(r'<nav aria-label="About the archive">.*?</nav>', home, re.S).group()
    assert re.findall(r">([^<>]+)</a>", footer) == ["Corrections", "About us"]
    assert "Unlinked" not in home
    hidden = (tmp_path / "out/hidden/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="A page nothing links.">' in hidden
    assert "https://example.org/archive/hidden/" in (tmp_path / "out/sitemap.xml").read_text()


def test_a_link_from_the_site_s_root_leads_there_from_every_body_and_every_language(make_site, tmp_path):
    """Written once as "/methodology/", a link is given the site's path in a
    report's body, an event's summary, an actor's profile and a page; on a page
    in French, a page French has too is given its folder ("/fr/methodology/"),
    a file every language shares is not (data/events.csv, style.css), nor a
    list by initial, nor an address already in a language's folder."""
    links = ("[m](/methodology/) [d](/data/) [c](/data/events.csv) [s](/style.css) [e](/events/2025-02-test-event/#claims) "
             "[h](/) [i](/actors/a-z/w/) [f](/fr/about/) [x](https://example.org/methodology/) [r][ref] [b](/about)\n\n"
             "[ref]: /reports/r/\n")
    root = make_site({"content/reports/r.md": report(actors="[{name: Wagner Group, role: alleged perpetrator}]")
                      .replace("Body text.\n", links),
                      "content/events/2025-02-test-event.md": f"---\ntitle: An event\n---\n{links}",
                      "content/actors/wagner-group.md": f"---\nname: Wagner Group\n---\n{links}",
                      "content/pages/methodology.md": page("title: Methodology", links),
                      "content/pages/about.md": page("title: About")},
                     site=SITE + "languages: [en, fr]\n")
    build(root, tmp_path / "out", search=False)
    english = ["/archive/methodology/", "/archive/data/", "/archive/data/events.csv", "/archive/style.css",
               "/archive/events/2025-02-test-event/#claims", "/archive/", "/archive/actors/a-z/w/", "/archive/fr/about/",
               "https://example.org/methodology/", "/archive/reports/r/", "/archive/about"]
    french = ["/archive/fr/methodology/", "/archive/fr/data/", "/archive/data/events.csv", "/archive/style.css",
              "/archive/fr/events/2025-02-test-event/#claims", "/archive/fr/", "/archive/actors/a-z/w/",
              "/archive/fr/about/", "https://example.org/methodology/", "/archive/fr/reports/r/", "/archive/fr/about"]
    for rel in ("reports/r/", "events/2025-02-test-event/", "actors/wagner-group/", "methodology/"):
        for folder, expected in (("", english), ("fr/", french)):
            html = (tmp_path / "out" / folder / rel / "index.html").read_text(encoding="utf-8")
            hrefs = re.findall(r'<a href="([^"]*)">[a-z]</a>', html)
            assert hrefs == expected, (folder + rel, hrefs)


def test_a_page_s_markdown_is_as_safe_as_a_report_s(make_site, tmp_path):
    root = make_site({**REPORT, "content/pages/about.md": page(
        "title: About", "<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![img](https://example.org/i.png)\n")})
    build(root, tmp_path / "out", search=False)
    text = (tmp_path / "out/about/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    assert 'href="javascript:' not in text and "<img" not in text
    assert ' <a href="https://example.org/i.png">img</a>' in text  # an image is a link to it, with no "!" left


def test_a_page_may_not_take_a_path_the_site_uses(make_site):
    root = make_site({**REPORT, "content/pages/events.md": page("title: Events"),
                      "content/pages/data.md": page("title: Data")})
    found = problems(root)
    assert any(p.startswith('content/pages/events.md:1: "events" is a path the site uses itself (/events/)')
               for p in found), found
    assert any(p.startswith('content/pages/data.md:1: "data" is a path the site uses itself') for p in found)


def test_a_page_named_as_the_site_s_paths_or_a_static_file_is_said_with_its_fields_mistakes(make_site, tmp_path):
    """Not once the fields are mended: both in one run, by check and the preview."""
    from incidents.preview.incremental import Incremental
    root = make_site({**REPORT, "content/pages/events.md": page("title: Events\nmenu: 10000"),
                      "content/pages/fonts.md": page("title: Fonts\nmenu: 10000"), "static/fonts/x.txt": "x\n"})
    wanted = ['content/pages/events.md:1: "events" is a path the site uses itself (/events/): name the file '
              "otherwise (the site uses timeline, events, reports, actors, locations, tags, search, pagefind, data)",
              "content/pages/events.md:3: menu: 10000 is above 9999",
              'content/pages/fonts.md:1: "fonts" is the name of a static file or folder (static/fonts): name the page '
              "otherwise",
              "content/pages/fonts.md:3: menu: 10000 is above 9999"]
    assert sorted(problems(root)) == wanted
    preview = Incremental(root, tmp_path / "preview", "http://127.0.0.1:8000/")
    assert sorted(str(p) for p in preview.rebuild().problems) == wanted


def test_a_page_may_not_take_the_folder_of_another_language(make_site):
    """Where French is the site's first language, English pages are under /en/:
    a page content/pages/en.md was overwritten by the English home page."""
    root = make_site({**REPORT, "content/pages/en.md": page("title: English")},
                     SITE.replace("language: en", "language: fr\nlanguages: [fr, en]"))
    assert [p for p in problems(root) if "en.md" in p] == [
        'content/pages/en.md:1: "en" is a path the site uses itself (/en/): name the file otherwise (the site uses '
        "timeline, events, reports, actors, locations, tags, search, pagefind, data, en)"]
    english = make_site({**REPORT, "content/pages/en.md": page("title: English")})  # /en/ is free: English first
    assert not [p for p in problems(english) if "en.md" in p]


def test_fr_is_a_page_s_name_where_the_site_has_no_french_pages(make_site):
    """/fr/ is the French pages' folder only on a site that has them: an
    English site may have a page of its own there (content/pages/fr.md)."""
    root = make_site({**REPORT, "content/pages/fr.md": page("title: En français")})
    assert not [p for p in problems(root) if "fr.md" in p]
    both = make_site({**REPORT, "content/pages/fr.md": page("title: En français")},
                     SITE.replace("language: en", "language: en\nlanguages: [en, fr]"))
    assert [p for p in problems(both) if "fr.md" in p] == [
        'content/pages/fr.md:1: "fr" is a path the site uses itself (/fr/): name the file otherwise (the site uses '
        "timeline, events, reports, actors, locations, tags, search, pagefind, data, fr)"]


def test_a_page_may_not_take_a_static_file_s_name(make_site):
    root = make_site({**REPORT, "content/pages/fonts.md": page("title: Fonts"), "static/fonts/x.txt": "x\n"})
    assert problems(root) == ['content/pages/fonts.md:1: "fonts" is the name of a static file or folder '
                              '(static/fonts): name the page otherwise']


def test_a_page_s_mistakes_name_the_file_the_line_and_the_field(make_site):
    root = make_site({**REPORT, "content/pages/about.md": page("menu: first\nfooter: 10000\ntitel: About")})
    assert sorted(problems(root)) == sorted([  # "titel" is one mistake: no "title: is required" besides
        'content/pages/about.md:2: menu: "first" is not a whole number',
        "content/pages/about.md:3: footer: 10000 is above 9999",
        'content/pages/about.md:4: titel: unknown field "titel" (did you mean "title"?)',
    ])


def test_the_shipped_archive_has_an_about_and_a_methodology_page(shipped, tmp_path):
    build(shipped, tmp_path / "out", search=False)
    about = (tmp_path / "out/about/index.html").read_text(encoding="utf-8")
    method = (tmp_path / "out/methodology/index.html").read_text(encoding="utf-8")
    assert "source by source" in about
    for words in ("How reports are chosen", "Claims and responses", "How tolls are shown", "Corrections"):
        assert words in method
    footer = re.search(r'<nav aria-label="About the archive">.*?</nav>',
                       (tmp_path / "out/events/index.html").read_text(encoding="utf-8"), re.S).group()
    assert re.findall(r">([^<>]+)</a>", footer) == ["About", "Methodology"]
    assert (ARCHIVE / "content/pages/about.md").is_file()
