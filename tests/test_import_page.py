"""`build.py import` of pages saved from a browser, and of articles the
archive already has: the page's metadata fills the source, a second import of
one article is refused with the first report's path, near-identical texts are
warned about."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from articles import article_path
from incidents.build import check
from incidents.cli import main
from incidents.content.addresses import url_key
from incidents.importer.page import PageError, read_page

PAGE = article_path("sokoura-page")


@pytest.fixture()
def archive(shipped: Path) -> Path:
    """A copy of the shipped archive to import into."""
    return shipped


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_saved_page_gives_the_source(archive, capsys):
    assert main(["--root", str(archive), "import", str(PAGE)]) == 0
    written = archive / capsys.readouterr().out.strip()
    data = front(written)
    assert data["source"] == {"publisher": "Sahel Today", "author": "Mariam Touré", "language": "en-GB",
                              "url": "https://sahel-today.example/2024/08/12/sokoura-market-attack/",
                              "published": dt.date(2024, 8, 12),
                              # the headline as published, which the report's title may reword
                              "title": "Gunmen kill 14 villagers at market in central Mali, mayor says"}
    assert data["title"] == data["source"]["title"]
    assert str(data["date"]) == "2024-08-10"                   # "on Saturday", against the page's date
    body = written.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    for furniture in ("cookies", "Leave a Reply", "Related stories", "Pray for Sokoura", "newsletter",
                      "gtag", "All rights reserved", "Advertisement"):
        assert furniture not in body
    assert "the mayor of the commune, Oumar Cissé, said on Sunday" in body
    check(archive, drafts=True)


def test_what_the_curator_gives_wins_and_what_the_page_says_is_beside_it(archive, capsys):
    """--publisher, --url and --published over a page (or a dateline) that says
    otherwise: the curator's value is written, marked `# check:` with the other."""
    assert main(["--root", str(archive), "import", str(PAGE), "--publisher", "Sahel Times", "--published",
                 "2024-08-13", "--url", "https://sahel-today.example/2024/08/12/sokoura-market-attack/"]) == 0
    text = (archive / capsys.readouterr().out.strip()).read_text(encoding="utf-8")
    assert ('\n  publisher: Sahel Times  # check: given with --publisher; the page\'s JSON-LD NewsArticle says '
            '"Sahel Today"\n') in text
    assert ('\n  published: 2024-08-13  # check: given with --published; the page\'s JSON-LD NewsArticle says '
            '"2024-08-12"\n') in text
    assert "\n  url: https://sahel-today.example/2024/08/12/sokoura-market-attack/\n" in text   # the same: no note
    assert main(["--root", str(archive), "import", str(article_path("gao-road-wire")), "--dry-run", "--published",
                 "2025-03-01"]) == 0
    assert '\n  published: 2025-03-01  # check: given with --published; the dateline says "2025-02-22"\n' in (
        capsys.readouterr().out)
    # the same address as the import's duplicate rule compares them; an agency the dateline names otherwise
    assert main(["--root", str(archive), "import", str(PAGE), "--dry-run", "--allow-duplicate", "--url",
                 "http://www.sahel-today.example/2024/08/12/sokoura-market-attack?utm_source=twitter"]) == 0
    assert "\n  url: http://www.sahel-today.example/2024/08/12/sokoura-market-attack?utm_source=twitter\n" in (
        capsys.readouterr().out)
    for given, said in (("AFP", ""), ("Reuters", '  # check: given with --publisher; the dateline\'s agency "(AFP)" '
                                                 'says "Agence France-Presse"')):
        assert main(["--root", str(archive), "import", str(article_path("gao-road-wire")), "--dry-run",
                     "--publisher", given]) == 0
        assert f"\n  publisher: {given}{said}\n" in capsys.readouterr().out


def test_page_metadata_each_shape():
    page = read_page(PAGE.read_text(encoding="utf-8"))
    assert dict(page.how)["url"] == "the page's canonical link"     # not og:url, which carries utm_source
    assert page.published.isoformat() == "2024-08-12"
    html = ("<html><head><meta property='og:site_name' content='Bamako Post'>"
            "<meta property='og:url' content='https://bamako-post.example/a'></head><body><article>"
            "<h1>Soldiers accused of killing villagers</h1><time datetime='2023-05-02'>2 May</time>"
            + "".join(f"<p>Paragraph {i} of the article says that soldiers killed 9 villagers on the road, "
                      f"residents said, in a long enough sentence.</p>" for i in range(4))
            + "</article></body></html>")
    page = read_page(html)
    assert (page.publisher, page.url, str(page.published), page.language) == (
        "Bamako Post", "https://bamako-post.example/a", "2023-05-02", "")
    xhtml = read_page('<?xml version="1.0" encoding="utf-8"?>\n' + html.replace("<html>", '<html lang="fr">'))
    assert (xhtml.publisher, xhtml.language) == ("Bamako Post", "fr")
    undated = read_page(html.replace("<time datetime='2023-05-02'>2 May</time>", ""))
    assert undated.published is None          # no date read off the text of the article


def test_a_graph_s_publisher_and_author_named_by_their_id_are_found():
    """WordPress's Yoast writes one @graph: the article's publisher and author
    are {"@id": …} references to an Organization and a Person named elsewhere in
    it. Their names, not the site's og:site_name ("Burkina24.example")."""
    graph = ('{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Kossi : 12 civils tués",'
             '"datePublished":"2024-10-08T10:00:00+00:00","author":{"@id":"https://b24.example/#/schema/person/1"},'
             '"publisher":{"@id":"https://b24.example/#organization"}},{"@type":"Organization","@id":'
             '"https://b24.example/#organization","name":"Burkina 24"},{"@type":"Person","@id":'
             '"https://b24.example/#/schema/person/1","name":"Awa Ouédraogo"}]}')
    html = ("<html lang='fr'><head><meta property='og:site_name' content='Burkina24.example'>"
            f"<script type='application/ld+json'>{graph}</script></head><body><article><h1>Kossi</h1>"
            + "".join(f"<p>Paragraphe {i} : douze civils ont été tués dimanche dans le village de Barani, selon "
                      "des sources locales, dans une phrase assez longue.</p>" for i in range(4))
            + "</article></body></html>")
    page = read_page(html)
    assert (page.publisher, page.author, dict(page.how)["publisher"]) == (
        "Burkina 24", "Awa Ouédraogo", "the page's JSON-LD NewsArticle")


def _dated_page(published: str, meta: str = "") -> str:
    tag = f"<meta property='article:published_time' content='{meta}'>" if meta else ""
    return ("<html lang='en'><head>" + tag + "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
            f"\"headline\":\"Twelve killed\",\"datePublished\":\"{published}\"}}</script></head><body><article>"
            "<h1>Twelve killed</h1>" + "".join(
                f"<p>Paragraph {i}: gunmen killed twelve civilians in the village of Barani, local sources said, in "
                "a sentence long enough to be kept.</p>" for i in range(4)) + "</article></body></html>")


@pytest.mark.parametrize("published, day", [
    ("2024-10-08T10:00:00+00:00", dt.date(2024, 10, 8)), ("2024/10/8", dt.date(2024, 10, 8)),
    ("October 8, 2024", dt.date(2024, 10, 8)), ("Oct. 8, 2024", dt.date(2024, 10, 8)),
    ("8 octobre 2024", dt.date(2024, 10, 8)), ("Tue, 08 Oct 2024 10:00:00 GMT", dt.date(2024, 10, 8)),
    ("28/10/2024", dt.date(2024, 10, 28)), ("10/10/2024", dt.date(2024, 10, 10)),
])
def test_a_publication_date_in_metadata_is_read_as_pages_write_it(published, day):
    page = read_page(_dated_page(published))
    assert (page.published, page.unread_dates) == (day, ())


def test_a_publication_date_that_is_not_one_day_is_said_and_the_next_one_read(archive, tmp_path, capsys):
    """"05/03/2025" could be 5 March or 3 May: never dropped in silence. Where the
    page gives another date (a meta tag), that one is written; where none, the
    draft says what the page gave, both ways, where published goes."""
    both = read_page(_dated_page("05/03/2025", meta="2025-03-05T09:00:00Z"))
    assert both.published == dt.date(2025, 3, 5) and both.where("published") == \
        "the page's <meta article:published_time>"
    page = tmp_path / "a.html"
    page.write_text(_dated_page("05/03/2025"), encoding="utf-8")
    assert main(["--root", str(archive), "import", str(page), "--dry-run"]) == 0
    said = ('the page\'s JSON-LD NewsArticle gives "05/03/2025" (2025-03-05 if the day comes first, 2025-05-03 if '
            'the month does), which the import cannot read as one day')
    draft = capsys.readouterr().out
    assert f"\n  # published: {said}\n" in draft
    assert "published" not in yaml.safe_load(draft.split("---\n")[1])["source"]


def test_a_page_s_address_is_read_from_the_browser_s_note_where_nothing_else_gives_it():
    """A page saved from a browser ("Webpage, complete") carries "<!-- saved from
    url=(N)… -->": its address, where the page has no canonical link, og:url or
    JSON-LD url (a canonical link wins)."""
    body = ("<body><article><h1>Kossi</h1>" + "".join(
        f"<p>Paragraphe {i} : douze civils ont été tués dimanche dans le village de Barani, selon des sources "
        "locales, dans une phrase assez longue.</p>" for i in range(4)) + "</article></body></html>")
    note = "<!DOCTYPE html>\n<!-- saved from url=(0040)https://tamani.example/2024/10/kossi -->\n"
    page = read_page(note + "<html lang='fr'><head></head>" + body)
    assert (page.url, dict(page.how)["url"]) == ("https://tamani.example/2024/10/kossi",
                                                  "the browser's note of where the page was saved from")
    canonical = read_page(note + "<html lang='fr'><head><link rel='canonical' href='https://tamani.example/a'>"
                          "</head>" + body)
    assert canonical.url == "https://tamani.example/a"


def test_a_page_s_language_that_its_text_belies_is_noted(archive, tmp_path, capsys):
    """A theme's lang="en-US" on an article in French: the page's word is
    written, with what the text's words say beside it."""
    page = tmp_path / "page.html"
    page.write_text("<html lang='en-US'><head><meta property='og:site_name' content='Burkina 24'></head><body>"
                    "<article><h1>Kossi : douze civils tués</h1>"
                    + "".join(f"<p>Paragraphe {i} : douze civils ont été tués dimanche dans le village de Barani, "
                              "selon des sources locales, qui ont demandé une enquête.</p>" for i in range(4))
                    + "</article></body></html>", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(page), "--dry-run", "--url", "https://b24.example/a"]) == 0
    assert ("\n  language: en-US  # check: the page's <html lang>, though the text reads as fr by its commonest "
            "words: write fr if it is\n") in capsys.readouterr().out


@pytest.mark.parametrize("html, message", [("", "is an empty page"),
                                           ("<html><body><nav>Home</nav></body></html>",
                                            "has no article text that could be found")])
def test_a_page_without_an_article_is_an_error_for_people(html, message, archive, tmp_path, capsys):
    with pytest.raises(PageError, match=message):
        read_page(html)
    bad = tmp_path / "bad.html"
    bad.write_text(html, encoding="utf-8")
    assert main(["--root", str(archive), "import", str(bad), str(PAGE)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: {message}" in err and "nothing was imported" in err and "Traceback" not in err
    assert not list((archive / "content" / "reports").glob("gunmen-kill-14*"))


def test_an_article_imported_twice_is_refused_with_the_first_reports_path(archive, capsys):
    text = article_path("gao-road-wire")
    assert main(["--root", str(archive), "import", str(text)]) == 0
    first = capsys.readouterr().out.strip()
    before = sorted((archive / "content" / "reports").iterdir())
    assert main(["--root", str(archive), "import", str(text)]) == 1
    err = capsys.readouterr().err
    assert f"{text}: already in the archive as {first}: the same title and publisher (Agence France-Presse)" in err
    assert "--allow-duplicate" in err
    assert sorted((archive / "content" / "reports").iterdir()) == before
    assert main(["--root", str(archive), "import", str(text), "--allow-duplicate"]) == 0
    assert len(sorted((archive / "content" / "reports").iterdir())) == len(before) + 1


def test_a_page_whose_address_is_a_report_is_refused(archive, tmp_path, capsys):
    assert main(["--root", str(archive), "import", str(PAGE)]) == 0
    first = capsys.readouterr().out.strip()
    canonical = "https://sahel-today.example/2024/08/12/sokoura-market-attack/"
    page = (PAGE.read_text(encoding="utf-8").replace("Gunmen kill 14 villagers", "Fourteen villagers killed")
            .replace(f'rel="canonical" href="{canonical}"',
                     f'rel="canonical" href="{canonical.replace("://", "://www.")}?utm_source=x"'))
    saved = tmp_path / "updated.html"
    saved.write_text(page, encoding="utf-8")
    assert main(["--root", str(archive), "import", str(saved), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert f"{saved}: already in the archive as {first}: the same address" in err


def test_two_copies_in_one_run_import_once(archive, tmp_path, capsys):
    copy = tmp_path / "copy.html"
    shutil.copy(PAGE, copy)
    assert main(["--root", str(archive), "import", str(PAGE), str(copy)]) == 1
    out = capsys.readouterr()
    assert len(out.out.split()) == 1
    assert f"{copy}: already in the archive as {out.out.strip()}" in out.err


def test_near_identical_text_is_warned_about(archive, tmp_path, capsys):
    raw = article_path("abeibara-ap").read_text(encoding="utf-8")
    retitled = tmp_path / "retitled.txt"
    retitled.write_text(raw.replace("Mali troops and Wagner fighters accused of killing dozens of civilians in "
                                    "Kidal region", "Dozens killed in Kidal region, residents say"), encoding="utf-8")
    assert main(["--root", str(archive), "import", str(article_path("abeibara-ap"))]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["--root", str(archive), "import", str(retitled)]) == 0
    out = capsys.readouterr()
    assert f"warning: {retitled}: its text is 100% the same as {first}'s" in out.err
    assert out.out.strip().startswith("content/reports/2024-06-20-dozens-killed")


def test_url_key():
    assert url_key("https://www.Example.org/a/b/?utm_source=x&id=3#top") == url_key("http://example.org/a/b?id=3")
    assert url_key("https://example.org/a") != url_key("https://example.org/b")


def test_a_plain_address_has_the_key_urlsplit_gives_it():
    """url_key reads most addresses with one regular expression: for those and
    for the others, the key urlsplit and parse_qsl give, over 20,000 addresses
    made of the parts where they could differ."""
    import random

    from incidents.content.addresses import _parsed_key

    rng = random.Random(7)
    parts = {
        "scheme": ["http://", "https://", "HTTPS://", "Http://", "ftp://", "http:/", "http:///", " https://", "\thttp://"],
        "host": ["example.org", "WWW.Example.ORG", "www.", "a..b", "host.", "xn--mli-5ka.ml", "mäli.ml", "[::1]",
                 "[::1", "user@host.ml", "host.ml:8080", "host.ml:", "ex ample.ml", "", "-a-.ml", "www.www.ml"],
        "path": ["", "/", "/a", "/a/", "/a//", "/a/b.html", "/%2F/", "/é", "/a b", "/a\tb", "/a\nb", "/a\x00b",
                 "/a;p=1", "/a\x1cb", "/a\u3000b"],
        "rest": ["", "?", "?id=3", "?utm_source=x", "?b=2&a=1", "#top", "?id=3#top", "#", "/", " ", "\n", "?x#y?z"],
    }
    for _ in range(20_000):
        url = "".join(rng.choice(parts[k]) for k in ("scheme", "host", "path", "rest"))
        assert url_key(url) == _parsed_key(url), repr(url)


def test_a_date_nothing_gives_is_fill_in_never_today(archive, tmp_path, capsys):
    raw = tmp_path / "undated.txt"
    raw.write_text("Gunmen Kill Villagers in Ogossagou\n\nGunmen killed 12 villagers in the village of Ogossagou "
                   "on Monday, residents said.\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(raw)]) == 0
    path = archive / capsys.readouterr().out.strip()
    text = path.read_text(encoding="utf-8")
    assert "\ndate: FILL IN  # check: the text says 'on Monday' with no year or date to count from" in text
    assert main(["--root", str(archive), "check", "--drafts"]) == 0
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    assert main(["--root", str(archive), "check"]) == 1
    assert f'{path.relative_to(archive).as_posix()}:6: date: is still "FILL IN"' in capsys.readouterr().out


def test_a_draft_is_named_by_the_incident_s_date_not_by_one_standing_in(archive, tmp_path, capsys):
    raw = tmp_path / "a.txt"
    raw.write_text("Gunmen kill villagers in Mali\n\nGunmen killed 12 villagers in the village of Ogossagou, "
                   "residents said.\n\nThe army said it had opened an investigation.\n", encoding="utf-8")
    assert main(["--root", str(archive), "import", str(raw), "--published", "2025-03-04"]) == 0
    assert capsys.readouterr().out.strip() == "content/reports/gunmen-kill-villagers-in-mali.md"
    raw.write_text(raw.read_text(encoding="utf-8").replace(", residents said", " on Monday, residents said"),
                   encoding="utf-8")
    assert main(["--root", str(archive), "import", str(raw), "--published", "2025-03-04", "--allow-duplicate"]) == 0
    assert capsys.readouterr().out.strip() == "content/reports/2025-03-03-gunmen-kill-villagers-in-mali.md"
