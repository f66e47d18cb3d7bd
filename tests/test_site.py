"""The built site, as the contract describes it: every page, every link
resolving under the base_url's prefix, the same bytes every time, and a
failed build that leaves the last good site alone."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ARCHIVE, ROOT, SHIPPED_BASE, report
from sitecheck import broken_links, pages, parse, tree_digest

import incidents.build
import incidents.site.render
from incidents.site.urls import sitemap_names

BASE = SHIPPED_BASE

CONTRACT_PATHS = [
    "index.html", "timeline/index.html", "events/index.html", "reports/index.html", "actors/index.html",
    "locations/index.html", "search/index.html", "pagefind/pagefind.js", "feed.xml", "sitemap.xml", "404.html",
    "data/events.json", "data/events.csv",
]


def run_build(root: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out", str(out),
                           *options], capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(shipped_build) -> Path:
    """The shipped archive, built under a path prefix (conftest.shipped_build, shared: read it only)."""
    return shipped_build


def test_every_contract_page_is_written(site):
    for rel in CONTRACT_PATHS:
        assert (site / rel).is_file(), rel
    for kind, names in [("events", ["2025-02-gao-road-killings", "2025-02-aslagh-killings",
                                    "2024-06-abeibara-killings", "2022-03-moura-killings"]),
                        ("reports", [p.stem for p in (ARCHIVE / "content/reports").glob("*.md")]),
                        ("actors", [p.stem for p in (ARCHIVE / "content/actors").glob("*.md")]),
                        ("locations", ["abeibara", "aslagh", "moura", "gao-algeria-road"])]:
        for name in names:
            assert (site / kind / name / "index.html").is_file(), f"{kind}/{name}"


def test_every_internal_link_resolves_under_the_prefix(site):
    assert broken_links(site, "/archive/") == []


def test_the_same_content_gives_the_same_bytes(site, tmp_path):
    again = tmp_path / "again"
    assert run_build(ARCHIVE, again, "--base-url", BASE).returncode == 0
    assert tree_digest(again) == tree_digest(site)


def test_every_page_has_a_csp_and_loads_nothing_from_other_hosts(site):
    for page in pages(site):
        parsed = parse(page)
        assert "script-src 'self'" in parsed.meta.get("content-security-policy", ""), page
        for attribute, url in parsed.links:
            if attribute.startswith("a.") or attribute == "link.href" and "canonical" in url:
                continue
            assert url.startswith("/archive/") or url.startswith(BASE), (page, attribute, url)


def test_event_page_shows_every_claim_and_response_with_source(site):
    html = (site / "events/2024-06-abeibara-killings/index.html").read_text()
    assert "46 to at least 60" in html
    # The headline figure leads to the claims it ranges over, in each language.
    assert '(range over 2 claims, <a href="#claims">below</a>)' in html and 'id="claims"' in html
    french = (site / "fr/events/2024-06-abeibara-killings/index.html").read_text()
    assert '(intervalle sur 2 déclarations, <a href="#claims">ci-dessous</a>)' in french
    assert "Kal Akal" in html and "Hamadine Driss Ag Mohamed" in html
    assert 'href="/archive/reports/abeibara-killings-associated-press/"' in html
    assert 'href="/archive/actors/kal-akal/"' in html
    assert "no prior knowledge" in html
    assert 'href="/archive/events/2022-03-moura-killings/"' in html  # previous in time
    assert 'href="/archive/events/2025-02-aslagh-killings/"' in html  # next in time
    gao = (site / "events/2025-02-gao-road-killings/index.html").read_text()
    assert "at least 24" in gao and "fabrications" in gao and "investigating" in gao.lower()


def test_a_claim_that_names_nobody_is_shown_as_the_publisher_s_own_figure(make_site, tmp_path):
    """`according_to` is optional (the contract): left out, the figure is the
    publisher's own, and every page and data file says whose it is."""
    root = make_site({
        "content/reports/own.md": report(reported_toll="{killed: 4}",
                                         source="{publisher: Test Wire, url: 'https://example.org/own'}"),
        "content/reports/named.md": report(reported_toll="{killed: 6, according_to: Kal Akal}",
                                           source="{publisher: Other Wire, url: 'https://example.org/named'}"),
    })
    out = tmp_path / "out"
    done = run_build(root, out, "--no-search")
    assert done.returncode == 0, done.stderr
    event = (out / "events/2025-02-test-event/index.html").read_text()
    heads = {name.strip(): rest for name, rest in
             re.findall(r'<th scope="rowgroup"[^>]*class="claimant">([^<]*)(.*?)</th>', event)}
    assert heads.keys() == {"Test Wire", "Kal Akal"}, heads
    assert "(the publisher's own figure)" in heads["Test Wire"] and "own figure" not in heads["Kal Akal"]
    own = (out / "reports/own/index.html").read_text()
    row = re.search(r'<table class="claims">.*?</table>', own, re.S).group(0)
    assert re.search(r"<td>Test Wire <span class=\"note\" data-pagefind-ignore>\(not attributed further\)</span></td>", row), row
    claims = {r["slug"]: r["claims"] for r in json.loads((out / "data/reports.json").read_text())}
    assert [c["according_to"] for c in claims["own"]] == [None]
    assert [c["according_to"] for c in claims["named"]] == ["Kal Akal"]


def test_home_gives_the_range_from_the_first_day_to_the_latest_day_any_event_covers(make_site, tmp_path):
    """The home page's "From … to …" ends on the latest day an event is known to reach, its
    end date included, not on the start of the event that starts last (an event known only
    by its year or month counts from its first day); and starts on a day, not a span."""
    root = make_site({
        "content/reports/first.md": report(event="first", title="First", date="2012-01-10", end_date="2012-01-20",
                                           source="{publisher: Test Wire, url: 'https://example.org/first'}"),
        "content/reports/long.md": report(event="long", title="Long", date="2025-11-28", end_date="2025-12-09",
                                          source="{publisher: Test Wire, url: 'https://example.org/long'}"),
        "content/reports/last.md": report(event="last", title="Last", date="2025-12-01",
                                          source="{publisher: Test Wire, url: 'https://example.org/last'}"),
        "content/reports/month.md": report(event="month", title="Month", date="2025-11",
                                           source="{publisher: Test Wire, url: 'https://example.org/month'}"),
        "content/reports/year.md": report(event="year", title="Year", date="2025",
                                          source="{publisher: Test Wire, url: 'https://example.org/year'}"),
    })
    out = tmp_path / "out"
    assert run_build(root, out, "--no-search").returncode == 0
    home = (out / "index.html").read_text()
    assert ('From <time datetime="2012-01-10">10 January 2012</time> to '
            '<time datetime="2025-12-09">9 December 2025</time>.') in home
    (root / "content/reports/long.md").write_text(report(
        event="long", title="Long", date="2025-11-28", end_date="2026-01",
        source="{publisher: Test Wire, url: 'https://example.org/long'}"), encoding="utf-8")
    assert run_build(root, out, "--no-search").returncode == 0
    assert 'to <time datetime="2026-01">January 2026</time>.' in (out / "index.html").read_text()


def test_report_page_links_event_actors_location_and_source(site):
    html = (site / "reports/abeibara-killings-associated-press/index.html").read_text()
    for href in ["/archive/events/2024-06-abeibara-killings/", "/archive/actors/wagner-group/",
                 "/archive/actors/malian-armed-forces/", "/archive/locations/abeibara/"]:
        assert f'href="{href}"' in html, href
    assert "Associated Press" in html


def test_actor_page_lists_events_newest_first_with_roles(site):
    html = (site / "actors/wagner-group/index.html").read_text()
    events = html[html.index('aria-labelledby="events"'):]
    order = [events.index(f"/archive/events/{slug}/") for slug in
             ["2025-02-gao-road-killings", "2024-06-abeibara-killings", "2022-03-moura-killings"]]
    assert order == sorted(order)
    assert "alleged perpetrator" in html


def test_month_precision_is_shown_as_such(site):
    html = (site / "events/2022-03-moura-killings/index.html").read_text()
    assert "March 2022" in html and "2022-03-01" not in html and "1 March 2022" not in html


def test_feed_sitemap_and_data_parse(site):
    feed = ET.parse(site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == len(list((ARCHIVE / "content/reports").glob("*.md")))
    assert all(e.find(f"{atom}link").get("href").startswith(BASE) for e in entries)
    urls = [u.text for u in ET.parse(site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{BASE}events/2024-06-abeibara-killings/" in urls and all(u.startswith(BASE) for u in urls)
    events = json.loads((site / "data/events.json").read_text())
    rows = list(csv.DictReader(io.StringIO((site / "data/events.csv").read_text())))
    assert [e["slug"] for e in events] == [r["slug"] for r in rows] == [
        "2022-03-moura-killings", "2024-06-abeibara-killings", "2025-02-aslagh-killings", "2025-02-gao-road-killings"]
    abeibara = rows[1]
    assert (abeibara["toll_min"], abeibara["toll_max"], abeibara["lat"], abeibara["end_date"]) == (
        "46", "60", "19.12", "2024-06-29")
    assert abeibara["url"] == f"{BASE}events/2024-06-abeibara-killings/"
    for column in ["slug", "title", "date", "end_date", "location", "lat", "lon", "toll_min", "toll_max",
                   "actors", "report_count", "url"]:
        assert column in rows[0]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locs(path: Path) -> tuple[str, list[str]]:
    """A sitemap file's kind (urlset, sitemapindex) and the addresses it lists."""
    root = ET.parse(path).getroot()
    return root.tag.removeprefix(SITEMAP), [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_one_sitemap_lists_up_to_50000_pages_and_files_beside_pages_are_not_listed(monkeypatch):
    monkeypatch.delenv("INCIDENTS_SITEMAP_URLS", raising=False)
    pages = [""] + [f"reports/r{i}/" for i in range(49_999)]
    assert sitemap_names(pages + ["data/events.json", "feed.xml"]) == ["sitemap.xml"]
    assert sitemap_names(pages + ["reports/one-more/"]) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
    assert sitemap_names(pages * 3) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]


def test_a_site_of_more_pages_than_one_sitemap_may_list_has_sitemap_xml_index_its_parts(shipped_english, tmp_path,
                                                                                         monkeypatch):
    """The sitemaps protocol allows 50,000 addresses in a file (about 30,000
    reports in one language): a larger site's sitemap.xml is an index of
    sitemap-1.xml, sitemap-2.xml, … at the site's root, each listing its share of
    the pages in the order one file would; as the site shrinks, parts it no
    longer needs are gone; a static file cannot take a part's name."""
    assert run_build(shipped_english, tmp_path / "whole", "--no-search").returncode == 0
    kind, pages = sitemap_locs(tmp_path / "whole/sitemap.xml")
    assert kind == "urlset" and len(pages) > 20 and not list((tmp_path / "whole").glob("sitemap-*"))
    monkeypatch.setenv("INCIDENTS_SITEMAP_URLS", "10")  # the limit, made small
    out = tmp_path / "parts"
    assert run_build(shipped_english, out, "--no-search").returncode == 0
    kind, parts = sitemap_locs(out / "sitemap.xml")
    count = -(-len(pages) // 10)
    base = pages[0]  # the home page's address
    assert kind == "sitemapindex" and parts == [f"{base}sitemap-{i}.xml" for i in range(1, count + 1)]
    listed = [sitemap_locs(out / f"sitemap-{i}.xml") for i in range(1, count + 1)]
    assert all(kind == "urlset" and 0 < len(locs) <= 10 for kind, locs in listed)
    assert [loc for _, locs in listed for loc in locs] == pages
    assert sorted(p.name for p in out.glob("sitemap*")) == sorted(["sitemap.xml", *(u.rsplit("/", 1)[1] for u in parts)])
    # fewer pages: the parts left over go (an event's, its reports', a place's pages)
    for path in (shipped_english / "content").glob("*/*gao-road-killings*.md"):
        path.unlink()
    assert run_build(shipped_english, out, "--no-search").returncode == 0
    kind, fewer = sitemap_locs(out / "sitemap.xml")
    assert kind == "sitemapindex" and len(fewer) < count
    assert sorted(p.name for p in out.glob("sitemap*")) == sorted(["sitemap.xml", *(u.rsplit("/", 1)[1] for u in fewer)])
    assert run_build(shipped_english, tmp_path / "clean", "--no-search").returncode == 0
    assert tree_digest(out) == tree_digest(tmp_path / "clean")
    # a static file where the site puts a part of its sitemap
    (shipped_english / "static").mkdir()
    (shipped_english / "static/sitemap-2.xml").write_text("<urlset/>")
    done = run_build(shipped_english, out, "--no-search")
    assert done.returncode != 0 and "static/sitemap-2.xml:1: the site makes /sitemap-2.xml itself" in done.stdout


def test_a_build_lists_the_sites_pages_once_not_for_each_page(shipped_english, tmp_path, monkeypatch):
    """Listing every page (render.site_paths) takes a second at 10,000 reports:
    a build does it once, and no page's rendering does it again (a check for
    the sitemap's parts once did, and a build took three times as long)."""
    calls = []
    listing = incidents.site.render.site_paths
    monkeypatch.setattr(incidents.site.render, "site_paths", lambda *a: calls.append(1) or listing(*a))
    done = incidents.build.build(shipped_english, tmp_path / "out", search=False)
    assert done.rendered > 50 and len(calls) <= 2, len(calls)


def test_raw_html_in_markdown_is_shown_as_text(make_site, tmp_path):
    root = make_site({"content/reports/r.md": report(title='"<img src=x onerror=alert(1)>"') +
                      "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=x>bold</b>\n"})
    out = tmp_path / "out"
    assert run_build(root, out).returncode == 0
    html = (out / "reports/r/index.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onclick" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_a_table_s_column_alignment_is_a_class_which_the_policy_lets_the_style_sheet_apply():
    """markdown-it writes |:-:| as style="text-align:center", an inline style the
    pages' Content-Security-Policy has the browser ignore: a class instead."""
    from incidents.site.markdown import to_html
    html = to_html("| a | b | c | d |\n|:-|-:|:-:|-|\n| 1 | 2 | 3 | 4 |\n")
    assert "style=" not in html
    assert re.findall(r"<td( class=\"[^\"]+\")?>", html) == [' class="align-left"', ' class="align-right"',
                                                             ' class="align-center"', ""]
    css = (ROOT / "static/style.css").read_text(encoding="utf-8")
    assert "td.align-center { text-align: center; }" in css and "td.align-right { text-align: right; }" in css


def test_a_link_to_another_host_without_its_scheme_is_shown_as_text():
    """"//host/…" is another host by the page's own scheme, which no prefix of
    the site's reaches: plain text, as any address the site does not link."""
    from incidents.site.markdown import to_html
    assert to_html("[x](//evil.example/p) [y](/data/) [z](https://example.org/)") == (
        '<p>[x](//evil.example/p) <a href="/data/">y</a> <a href="https://example.org/">z</a></p>\n')


def test_a_link_s_address_is_written_as_markdown_it_writes_it():
    """The renderer skips markdown-it's parse and encode of an address they would give back as it
    is: for every address, plain or not (a capital in the host, a space, a "%" alone, IPv6, a
    letter that is not ASCII), what it writes is what markdown-it writes."""
    import random
    from markdown_it.common.normalize_url import normalizeLink
    from incidents.site.markdown import _PLAIN_URL, _normalize_link, to_html
    rng = random.Random(19)
    starts = ["http://", "https://", "HTTPS://", "mailto:", "//", "", "ftp://"]
    hosts = ["example.org", "Example.ORG", "exämple.org", "[::1]", "127.0.0.1:8080", "a-b.example.org:99", "ex ample"]
    plain, odd = "abcXYZ019-._~/?#@!$&'()*+,;=:", "[]%é \"<>{}|^`"
    addresses = [rng.choice(starts) + rng.choice(hosts) + rng.choice(["", "/"]) + "".join(
        rng.choice(plain + odd * (i % 2)) for _ in range(rng.randint(0, 12))) for i in range(20_000)]
    addresses += ["https://example.org/a%20b", "https://example.org/%zz", "https://example.org/a(b)c#x?y=1&z=2"]
    assert sum(bool(_PLAIN_URL.fullmatch(a)) for a in addresses) > 500  # the short cut is taken
    assert [_normalize_link(a) for a in addresses] == [normalizeLink(a) for a in addresses]
    assert to_html("[a](https://Example.org/é) [b](https://example.org/a%20b)") == (
        '<p><a href="https://Example.org/%C3%A9">a</a> <a href="https://example.org/a%20b">b</a></p>\n')


@pytest.mark.parametrize("bad, message", [
    ({"date": "2025-02-30"}, 'content/reports/gao-road-killings-army-investigation.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days'),
    ({"title": None}, "content/reports/gao-road-killings-army-investigation.md:1: title: is required"),
])
def test_bad_content_exits_1_and_leaves_the_last_good_site(shipped_english, tmp_path, bad, message):
    shipped = shipped_english  # one language is enough to keep or lose
    out = tmp_path / "out"
    assert run_build(shipped, out).returncode == 0
    before = tree_digest(out)
    path = shipped / "content/reports/gao-road-killings-army-investigation.md"
    lines = path.read_text().split("\n")
    for field, value in bad.items():
        i = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        if value is None:
            del lines[i]
        else:
            lines[i] = f"{field}: {value}"
    path.write_text("\n".join(lines))
    done = run_build(shipped, out)
    assert done.returncode == 1
    assert message in done.stdout.splitlines() + done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.glob(".out.*")] == [".out.cache"]


def test_unknown_role_exits_1_with_its_line(shipped, tmp_path):
    path = shipped / "content/reports/aslagh-killings-humangle.md"
    text = path.read_text()
    assert "role: alleged perpetrator" in text
    path.write_text(text.replace("role: alleged perpetrator", "role: killer", 1))
    line = text[: text.index("role: alleged perpetrator")].count("\n") + 1
    done = run_build(shipped, tmp_path / "out")
    assert done.returncode == 1
    assert any(l.startswith(f"content/reports/aslagh-killings-humangle.md:{line}: actors[") and '"killer" is not a role'
               in l for l in done.stdout.splitlines() + done.stderr.splitlines())
    assert not (tmp_path / "out").exists()


def test_bad_usage_exits_2(tmp_path):
    done = run_build(ARCHIVE, tmp_path / "o", "--base-url", "ftp://x/")
    assert done.returncode == 2
    assert subprocess.run([sys.executable, str(ROOT / "build.py"), "frobnicate"],
                          capture_output=True).returncode == 2


def test_build_refuses_to_write_over_the_archive(tmp_path, shipped):
    done = run_build(shipped, shipped / "content")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert (shipped / "content/reports").is_dir()


def test_an_event_s_toll_of_several_kinds_says_how_many_claims_give_each(make_site, tmp_path):
    """"5–9 killed; 0–32 injured; 1–7 missing (range over 64 claims)" read as
    64 claims behind each range, where 27 gave the injured and 7 the missing
    (a reader's review): where the kinds' claims differ, each says its own
    number. And the events' table says "toll not given" where no claim gives the
    killed, not a bare "–" a reader may take for none."""
    files = {"content/reports/a.md": report(reported_toll="{killed: 3, injured: 2}"),
             "content/reports/b.md": report(reported_toll="{killed: 5}"),
             "content/reports/c.md": report(event="2025-02-no-toll")}
    out = tmp_path / "out"
    incidents.build.build(make_site(files, "title: Archive\nbase_url: https://example.org/archive/\nlanguage: en\n"
                                           "languages: [en, fr]\n"), out, search=False)
    for page, said in (("events/2025-02-test-event/", "3–5 killed (2 claims); 2 injured (1 claim) — each the range "
                                                       "over the claims that give it, below"),
                       ("fr/events/2025-02-test-event/", "3–5 tués (2 déclarations)\u202f; 2 blessés (1 déclaration)"
                                                          " — chacun l'intervalle sur les déclarations qui le donnent, "
                                                          "ci-dessous")):
        html = (out / page / "index.html").read_text(encoding="utf-8")
        dd = re.search(r'<dd><span class="toll">.*?</dd>', html).group(0)
        assert re.sub("<[^>]+>", "", dd) == said, re.sub("<[^>]+>", "", dd)
    table = (out / "events/index.html").read_text(encoding="utf-8")
    assert '<td><span class="note">toll not given</span></td>' in table and "<td>–</td>" not in table


def test_an_actor_s_page_tells_apart_two_reports_of_one_title(make_site, tmp_path):
    """"Named in What we know about the executions in Taloko; …; What we know
    about the executions in Taloko": two links that read as one (a reader's
    review). Two reports of one title in an event's entry each give their publisher."""
    files = {f"content/reports/r{i}.md": report(title="What we know about the executions in Taloko",
                                                source=f"{{publisher: Wire {i}, url: 'https://example.org/{i}'}}",
                                                actors="[Gao Militia]") for i in range(2)}
    files["content/reports/r2.md"] = report(title="Another title", actors="[Gao Militia]",
                                            source="{publisher: Wire 2, url: 'https://example.org/2'}")
    out = tmp_path / "out"
    incidents.build.build(make_site(files), out, search=False)
    html = (out / "actors/gao-militia/index.html").read_text(encoding="utf-8")
    named = re.search(r'Named in (.*?)</span>', html).group(1)
    assert sorted(re.sub("<[^>]+>", "", named).split("; ")) == [
        "Another title", "What we know about the executions in Taloko (Wire 0)",
        "What we know about the executions in Taloko (Wire 1)"]


def test_an_actor_given_several_roles_says_each_with_the_reports_that_give_it(make_site, tmp_path):
    """An actor an event's reports give different roles: each role with the
    reports that give it, and those that name it without one apart. Every
    role beside every report said that each outlet gave each role (a reader's
    review: "alleged perpetrator, investigator, victim — according to Sahel
    Dispatch; …", where Sahel Dispatch called it an investigator)."""
    roles = {0: "alleged perpetrator", 1: "alleged perpetrator", 2: "investigator", 3: None}
    files = {f"content/reports/r{i}.md": report(
        source=f"{{publisher: Wire {i}, url: 'https://example.org/{i}'}}",
        actors=f"[{{name: Gao Militia, role: {role}}}]" if role else "[Gao Militia]") for i, role in roles.items()}
    out = tmp_path / "out"
    root = make_site(files, "title: Archive\nbase_url: https://example.org/archive/\nlanguage: en\nlanguages: [en, fr]\n")
    incidents.build.build(root, out, search=False)
    for page, said in (("events/2025-02-test-event/", ["alleged perpetrator according to Wire 0; Wire 1",
                                                        "investigator according to Wire 2",
                                                        "named without a role in Wire 3"]),
                       ("fr/events/2025-02-test-event/", ["auteur présumé selon Wire 0 ; Wire 1",  # (the narrow space before ";" read as one)
                                                           "enquêteur selon Wire 2", "nommé sans rôle dans Wire 3"])):
        html = (out / page / "index.html").read_text(encoding="utf-8")
        block = html[html.index('<ul class="by-role">'):html.index("</ul>", html.index('<ul class="by-role">'))]
        assert [" ".join(re.sub("<[^>]+>", "", li).split()) for li in re.findall(r"<li>(.*?)</li>", block)] == said
    # one role given by every report that names it: one line, as before
    (root / "content/reports/r3.md").unlink()
    (root / "content/reports/r2.md").unlink()
    incidents.build.build(root, out, search=False)
    assert '<ul class="by-role">' not in (out / "events/2025-02-test-event/index.html").read_text(encoding="utf-8")


def test_an_actor_of_a_busy_event_names_a_few_reports_and_how_many_more(make_site, tmp_path):
    """An event's actors each say which reports name them: every report, as "all N reports";
    up to six by name; past that, four and a link to the reports for the rest (sixty tiny
    links on a phone were one block no finger could pick from)."""
    files = {f"content/reports/r{i}.md": report(
        source=f"{{publisher: Wire {i}, url: 'https://example.org/{i}'}}",
        actors="[Gao Militia, Wagner Group]" if i < 7 else "[Gao Militia]") for i in range(9)}
    files["content/reports/r8.md"] = report(source="{publisher: Wire 8, url: 'https://example.org/8'}",
                                            actors="[Gao Militia, Sahel Front]")
    out = tmp_path / "out"
    assert incidents.build.build(make_site(files), out, search=False).reports == 9
    page = (out / "events/2025-02-test-event/index.html").read_text(encoding="utf-8")
    lines = dict(re.findall(r'<li><a href="/archive/actors/([^/]+)/">[^<]*</a>.*?<span class="meta">(.*?)</span></li>',
                            page))
    assert re.sub("<[^>]+>", "", lines["gao-militia"]) == "according to all 9 reports"
    assert 'href="#reports"' in lines["gao-militia"]
    wagner = re.sub("<[^>]+>", "", lines["wagner-group"])
    assert wagner == "according to Wire 0; Wire 1; Wire 2; Wire 3; 3 more"
    assert re.sub("<[^>]+>", "", lines["sahel-front"]) == "according to Wire 8"


def test_a_heading_in_a_text_never_takes_an_id_the_page_s_own_parts_have():
    """A text's headings get ids of their words (a section can be linked and
    cited), but "## Summary" on a page whose summary is id="summary" would make
    two: every id the templates write as it is, and the beginnings of those they
    number, are markdown.py's to leave alone."""
    from incidents.site.markdown import PAGE_ID_PREFIXES, PAGE_IDS, to_html

    written = set()
    for template in (ROOT / "templates").rglob("*.html"):
        written |= set(re.findall(r'\bid="([^"{]+)"', template.read_text(encoding="utf-8")))
    for script in (ROOT / "static").glob("*.js"):  # ids the scripts give what they make
        written |= set(re.findall(r'\.id\s*=\s*["\']([^"\'{$]+)["\']', script.read_text(encoding="utf-8")))
    assert written and written <= PAGE_IDS
    for numbered in re.findall(r'\bid="([^"]*)\{\{', "".join(
            t.read_text(encoding="utf-8") for t in (ROOT / "templates").rglob("*.html"))):
        assert (numbered + "2").startswith(PAGE_ID_PREFIXES) or not numbered  # "y{{ y.year }}", "filter-{{ name }}"
    for chart in re.findall(r'(?:timeline_chart|archive_map)\([^,]+, "([^"]+)"\)', "".join(
            t.read_text(encoding="utf-8") for t in (ROOT / "templates").rglob("*.html"))):
        assert chart.startswith(PAGE_ID_PREFIXES)  # its "-title" and "-desc"
    assert to_html("## Summary\n\n## Claims made\n\n## Summary\n", sections=True) == (
        '<h2 id="summary-section">Summary</h2>\n<h2 id="claims-made">Claims made</h2>\n'
        '<h2 id="summary-section-2">Summary</h2>\n')
    assert 'id="claim-24-section"' in to_html("## Claim 24\n", sections=True)
    assert 'id="y2024-section"' in to_html("## Y2024\n", sections=True)
    assert to_html("## Summary\n") == "<h2>Summary</h2>\n"  # a report's text: no ids (nor Pagefind sections)
