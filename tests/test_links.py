"""Symbolic links in the archive: those that stay inside it are followed, those
that lead out of it (a static folder linked to a system folder, a template or
a report linked to a file elsewhere) are refused by `build`, `check` and the
preview, every one in one run, and nothing they lead to is published."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import report
from incidents.cli import main
from incidents.preview.serve import Preview

SECRET = "root:SECRET-HASH:19000:0:99999:7:::\n"
OUT = ("links outside the archive, so nothing is read through it: put the file or folder itself in the archive, "
       "or remove the link")
ERRORS = [
    "content/reports/leak.md:1: " + OUT,
    "static:1: " + OUT,
    "templates/404.html:1: " + OUT,
    "templates/parts/more:1: " + OUT,
]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the archive, like /etc: a 'shadow', a 'passwd' and a report."""
    folder = tmp_path / "etc"
    (folder / "nested").mkdir(parents=True)
    (folder / "shadow").write_text(SECRET, encoding="utf-8")
    (folder / "passwd").write_text(SECRET, encoding="utf-8")
    (folder / "nested" / "group").write_text(SECRET, encoding="utf-8")
    (folder / "report.md").write_text(report(title="Leaked report"), encoding="utf-8")
    return folder


@pytest.fixture
def site(make_site) -> Path:
    return make_site({"content/reports/good.md": report(), "static/own.css": "p {}\n"})


def link_out(root: Path, outside: Path) -> None:
    """Every kind of link out: a folder, a template, a report, a folder inside a folder."""
    os.rename(root / "static", root / "static-was")
    (root / "static").symlink_to(outside, target_is_directory=True)
    (root / "templates" / "parts").mkdir(parents=True)
    (root / "templates" / "404.html").symlink_to(outside / "passwd")
    (root / "templates" / "parts" / "more").symlink_to(outside / "nested", target_is_directory=True)
    (root / "content" / "reports" / "leak.md").symlink_to(outside / "report.md")


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_refuses_every_link_out_and_leaves_the_last_site(site: Path, outside: Path, tmp_path: Path,
                                                                  capsys):
    out = tmp_path / "out"
    assert run(capsys, "--root", str(site), "build", "--no-search", "--out", str(out))[0] == 0
    before = snapshot(out)
    link_out(site, outside)
    status, lines, err = run(capsys, "--root", str(site), "build", "--no-search", "--out", str(out))
    assert status == 1
    assert lines == ERRORS
    assert "4 problems; nothing was written." in err and "Traceback" not in err
    assert snapshot(out) == before
    assert not any(b"SECRET" in data for data in before.values())


def test_a_first_build_with_a_link_out_writes_nothing(site: Path, outside: Path, tmp_path: Path, capsys):
    (site / "static" / "shadow").symlink_to(outside / "shadow")
    out = tmp_path / "out"
    status, lines, _ = run(capsys, "--root", str(site), "build", "--no-search", "--out", str(out))
    assert (status, lines) == (1, ["static/shadow:1: " + OUT])
    assert not out.exists()


def test_site_yaml_linked_out_is_refused(site: Path, outside: Path, tmp_path: Path, capsys):
    (outside / "site.yaml").write_bytes((site / "site.yaml").read_bytes())
    (site / "site.yaml").unlink()
    (site / "site.yaml").symlink_to(outside / "site.yaml")
    status, lines, _ = run(capsys, "--root", str(site), "check")
    assert (status, lines) == (1, ["site.yaml:1: " + OUT])


def test_check_refuses_every_link_out(site: Path, outside: Path, capsys):
    link_out(site, outside)
    status, lines, err = run(capsys, "--root", str(site), "check")
    assert (status, lines) == (1, ERRORS)
    assert "4 errors found." in err
    status, lines, _ = run(capsys, "--root", str(site), "check", "--format", "github")
    assert status == 1 and lines[1] == "::error file=static,line=1::" + OUT


def test_the_content_s_own_mistakes_are_said_with_the_links_out(site: Path, outside: Path, tmp_path: Path,
                                                               capsys):
    """A link out does not hide the archive's other mistakes: `check` and `build`
    say a report's wrong date beside every link, in one run, and read nothing
    through the links (the leaked report is neither read nor said)."""
    (site / "content" / "reports" / "wrong.md").write_text(report(date="2025-02-30", title="Wrong date"))
    link_out(site, outside)
    wanted = sorted(ERRORS + ['content/reports/wrong.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days'])
    status, lines, _ = run(capsys, "--root", str(site), "check")
    assert (status, lines) == (1, wanted)
    status, lines, _ = run(capsys, "--root", str(site), "build", "--no-search", "--out", str(tmp_path / "out"))
    assert (status, lines) == (1, wanted)
    assert not (tmp_path / "out").exists()


def test_a_template_linked_out_is_never_compiled(site: Path, outside: Path, capsys):
    """A template linked to a file elsewhere is not read to be compiled: its
    syntax errors would quote the file (a token of it, its lines)."""
    (outside / "page.html").write_text("fine\n{{ 1 +* SECRET_TOKEN }}\n{% if %}\n", encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates" / "page.html").symlink_to(outside / "page.html")
    status, lines, err = run(capsys, "--root", str(site), "check")
    assert (status, lines) == (1, ["templates/page.html:1: " + OUT])
    assert "SECRET" not in "\n".join(lines) + err
    # The other templates are compiled all the same, their mistakes said with the link.
    (site / "templates" / "tag.html").write_text("fine\n{% if %}\n", encoding="utf-8")
    status, lines, err = run(capsys, "--root", str(site), "check")
    assert (status, [line.split(":")[:2] for line in lines]) == (1, [["templates/page.html", "1"],
                                                                     ["templates/tag.html", "2"]])
    assert "SECRET" not in "\n".join(lines) + err


def test_new_refuses_an_archive_that_links_out(site: Path, outside: Path, capsys):
    (site / "templates").mkdir()
    (site / "templates" / "new-report.md").symlink_to(outside / "passwd")
    status, lines, _ = run(capsys, "--root", str(site), "new", "A title", "--event", "2025-02-x")
    assert (status, lines) == (1, ["templates/new-report.md:1: " + OUT])
    assert sorted(p.name for p in (site / "content" / "reports").iterdir()) == ["good.md"]


def test_import_refuses_an_archive_that_links_out(site: Path, outside: Path, tmp_path: Path, capsys):
    """`import` reads the reports (for duplicates) and writes a new one: neither
    through a link out, as `new`."""
    article = tmp_path / "article.txt"
    article.write_text("BAMAKO, Feb 22, 2025 (AFP) - Soldiers killed 12 civilians in Gao, a local official said.\n")
    os.rename(site / "content" / "reports", tmp_path / "reports-was")
    (site / "content" / "reports").symlink_to(outside, target_is_directory=True)
    status, lines, _ = run(capsys, "--root", str(site), "import", str(article))
    assert (status, lines) == (1, ["content/reports:1: " + OUT])
    assert sorted(p.name for p in outside.iterdir()) == ["nested", "passwd", "report.md", "shadow"]


def test_nothing_is_listed_through_static_linked_out(site: Path, outside: Path, capsys):
    """A page named as a file of the folder static/ leads to would say that file
    is there (static -> /etc: "shadow"): only the link is said."""
    os.rename(site / "static", site / "static-was")
    (site / "static").symlink_to(outside, target_is_directory=True)
    (site / "content" / "pages").mkdir()
    (site / "content" / "pages" / "shadow.md").write_text("---\ntitle: Shadow\n---\nA page.\n")
    status, lines, _ = run(capsys, "--root", str(site), "check")
    assert (status, lines) == (1, ["static:1: " + OUT])


def test_links_inside_the_archive_are_followed(site: Path, tmp_path: Path, capsys):
    theme = site / "theme"
    (theme / "images").mkdir(parents=True)
    (theme / "extra.css").write_text("h1 {}\n", encoding="utf-8")
    (theme / "images" / "logo.svg").write_text("<svg/>\n", encoding="utf-8")
    (theme / "404.html").write_text('{% extends "base.html" %}{% block main %}<p>Linked 404</p>{% endblock %}\n',
                                     encoding="utf-8")
    (theme / "kept.md").write_text(report(title="Linked report"), encoding="utf-8")
    (site / "static" / "extra.css").symlink_to(theme / "extra.css")
    (site / "static" / "images").symlink_to(Path("..") / "theme" / "images", target_is_directory=True)
    (site / "static" / "loop").symlink_to(site / "static", target_is_directory=True)  # holds itself: once
    (site / "templates").mkdir()
    (site / "templates" / "404.html").symlink_to(theme / "404.html")
    (site / "content" / "reports" / "kept.md").symlink_to(theme / "kept.md")
    assert run(capsys, "--root", str(site), "check")[0] == 0
    out = tmp_path / "out"
    assert run(capsys, "--root", str(site), "build", "--no-search", "--out", str(out))[0] == 0
    assert (out / "extra.css").read_text() == "h1 {}\n"
    assert (out / "images" / "logo.svg").read_text() == "<svg/>\n"
    assert (out / "own.css").exists()
    assert "Linked 404" in (out / "404.html").read_text()
    assert "Linked report" in (out / "reports" / "kept" / "index.html").read_text()
    assert not (out / "loop" / "loop").exists()


def test_where_a_link_leads_is_found_through_every_link_on_the_way(site: Path, outside: Path, tmp_path: Path,
                                                                   capsys):
    """Links judged by where they lead, every link on the way followed: `inner/../../etc`
    with `inner` a link to its own folder leads out (though it reads as inside); a
    link into a folder that is itself a link out leads out; links of "../" and
    names, and chains of links, lead where they seem to."""
    static = site / "static"
    (site / "assets" / "deep").mkdir(parents=True)
    (site / "assets" / "deep" / "x.css").write_text("a {}\n", encoding="utf-8")
    (site / "assets" / "y.css").write_text("b {}\n", encoding="utf-8")
    (static / "lib").mkdir()
    (static / "lib" / "x.css").symlink_to(Path("../../assets/deep/x.css"))
    (static / "lib" / "deep").symlink_to(Path("../../assets/deep"), target_is_directory=True)
    (static / "lib" / "hop.css").symlink_to(Path("deep/x.css"))  # through a link to a folder
    (static / "lib" / "chain.css").symlink_to(Path("hop.css"))   # a link to a link
    (static / "lib" / "y.css").symlink_to(Path("./../../assets/./y.css"))
    assert run(capsys, "--root", str(site), "build", "--no-search")[0] == 0
    built = site / "output"
    assert [(built / "lib" / name).read_text() for name in ("x.css", "deep/x.css", "hop.css", "chain.css", "y.css")] \
        == ["a {}\n"] * 4 + ["b {}\n"]
    (static / "inner").symlink_to(Path("."), target_is_directory=True)
    (static / "escape").symlink_to(Path("inner") / ".." / ".." / "etc" / "shadow")  # reads as site/etc/shadow
    (site / "linked-out").symlink_to(outside, target_is_directory=True)
    (static / "lib" / "passwd").symlink_to(Path("../../linked-out/passwd"))
    status, lines, _ = run(capsys, "--root", str(site), "build", "--no-search")
    assert (status, lines) == (1, ["static/escape:1: " + OUT,
                                   "static/lib/passwd:1: " + OUT])


def test_a_static_file_or_template_linked_to_nothing_is_said_not_left_out(site: Path, capsys):
    (site / "static" / "gone.css").symlink_to(Path("../nothere.css"))
    (site / "static" / ".#own.css").symlink_to(Path("user@host.1234:1"))  # Emacs's lock of a file it edits
    (site / "templates").mkdir()
    (site / "templates" / "404.html").symlink_to(Path("../drafts/404.html"))
    status, lines, _ = run(capsys, "--root", str(site), "check")
    assert (status, lines) == (1, [
        "static/gone.css:1: is a link to nothing (../nothere.css), or round a loop of links: point it at a file, "
        "or remove it",
        "templates/404.html:1: is a link to nothing (../drafts/404.html), or round a loop of links: point it at a "
        "file, or remove it"])


INTO = "which the build writes: the site would hold copies of itself, one level deeper at each build"


def test_links_into_what_builds_write_are_refused(site: Path, capsys):
    out = site / "output"
    assert run(capsys, "--root", str(site), "build", "--no-search")[0] == 0
    before = snapshot(out)
    (site / "static" / "site").symlink_to(Path("..") / "output", target_is_directory=True)
    (site / "static" / "twin").symlink_to(Path("..") / ".output.cache" / "site", target_is_directory=True)
    (site / "static" / "preview").symlink_to(Path("..") / ".serve", target_is_directory=True)  # none yet
    (site / "static" / "up").symlink_to(Path(".."), target_is_directory=True)
    (site / "templates" / "parts").mkdir(parents=True)
    (site / "templates" / "parts" / "page.html").symlink_to(out / "index.html")
    wanted = [f"static/preview:1: a link into .serve/, {INTO}; remove the link",
              f"static/site:1: a link into output/, {INTO}; remove the link",
              f"static/twin:1: a link into .output.cache/, {INTO}; remove the link",
              f"static/up:1: a link to a folder that holds output/, {INTO}; link to a folder of its own",
              f"templates/parts/page.html:1: a link into output/, {INTO}; remove the link"]
    status, lines, err = run(capsys, "--root", str(site), "build", "--no-search")
    assert (status, lines) == (1, wanted)
    assert "5 problems; nothing was written." in err and "Traceback" not in err
    assert snapshot(out) == before
    assert run(capsys, "--root", str(site), "check")[:2] == (1, wanted)


def test_links_to_git_s_files_to_the_archive_or_from_static_into_content_are_refused(site: Path, tmp_path: Path,
                                                                                     capsys):
    """Inside the archive is not enough: .git holds its configuration (a token
    in an extra header, at times), the archive's folder holds .git, and
    content/ holds the drafts' sources; a pull request's link in static/
    would publish each, with the site built elsewhere (--out)."""
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic SECRET\n", encoding="utf-8")
    (site / "static" / "config.txt").symlink_to(Path("..") / ".git" / "config")
    (site / "static" / "all").symlink_to(Path(".."), target_is_directory=True)
    (site / "static" / "src").symlink_to(Path("..") / "content", target_is_directory=True)
    hidden = ("a link to the archive's folder or into a hidden one (.git, a cache), which no build publishes: link "
              "to the file or folder meant")
    status, lines, _ = run(capsys, "--root", str(site), "build", "--no-search", "--out", str(tmp_path / "out"))
    assert (status, lines) == (1, [f"static/all:1: a link to a folder that holds output/, {INTO}; link to a folder "
                                   "of its own", f"static/config.txt:1: {hidden}",
                                   "static/src:1: a link from static/ into content/: the site would publish the "
                                   "archive's sources as they are, drafts included; remove the link"])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command, name", [("build", "output"), ("serve", ".serve")])
def test_a_default_output_that_links_out_of_the_archive_is_refused(site: Path, tmp_path: Path, capsys, command, name):
    """output or .serve committed as a link (git adds one: /output/ in
    .gitignore is a folder's pattern) would have a build write wherever it
    leads: only --out writes outside the archive. A link inside it is fine."""
    (site / name).symlink_to(tmp_path / "elsewhere")
    status, _, err = run(capsys, "--root", str(site), command, "--port", "0") if command == "serve" else run(
        capsys, "--root", str(site), command, "--no-search")
    assert status == 2 and err == (f"error: {name}: is a link out of the archive ({tmp_path / 'elsewhere'}): a build "
                                   f"writes outside it only where --out says; remove the link, or give --out "
                                   f"{tmp_path / 'elsewhere'}\n")
    assert not (tmp_path / "elsewhere").exists()


def test_a_link_into_an_output_elsewhere_is_refused(site: Path, tmp_path: Path, capsys):
    out = site / "public"
    assert run(capsys, "--root", str(site), "build", "--no-search", "--out", str(out))[0] == 0
    (site / "static" / "copy").symlink_to(Path("..") / "public" / "reports", target_is_directory=True)
    status, lines, _ = run(capsys, "--root", str(site), "build", "--no-search", "--out", str(out))
    assert (status, lines) == (1, [f"static/copy:1: a link into public/, {INTO}; remove the link"])
    assert not (out / "copy").exists()


def poll(check, timeout: float = 10.0):
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if got := check():
            return got
        time.sleep(0.02)
    return None


def get(url: str) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_preview_shows_links_out_and_never_serves_them(site: Path, outside: Path):
    said: list[str] = []
    preview = Preview(site, port=0, say=said.append)
    preview.start()
    try:
        assert get(preview.url + "own.css")[0] == 200
        (site / "static" / "shadow").symlink_to(outside / "shadow")
        (site / "static" / "etc").symlink_to(outside, target_is_directory=True)
        (site / "content" / "reports" / "leak.md").symlink_to(outside / "report.md")
        wanted = ["content/reports/leak.md:1: " + OUT,
                  "static/etc:1: " + OUT, "static/shadow:1: " + OUT]
        banner = poll(lambda: all(w.encode() in (page := get(preview.url)[1]) for w in wanted) and page)
        assert banner and b'role="alert"' in banner
        assert all(w in said for w in wanted)
        for path in ("shadow", "etc/shadow", "etc/nested/group", "reports/leak/"):
            status, body = get(preview.url + path)
            assert status == 404 and b"SECRET" not in body, path
        assert not any(b"SECRET" in data for data in snapshot(preview.out).values())
        for name in ("shadow", "etc"):
            (site / "static" / name).unlink()
        (site / "content" / "reports" / "leak.md").unlink()
        assert poll(lambda: b"serve-errors" not in get(preview.url)[1])
    finally:
        preview.stop()


def test_the_preview_says_the_content_s_mistakes_with_the_links_out(site: Path, outside: Path, tmp_path: Path):
    from incidents.preview.incremental import Incremental
    preview = Incremental(site, tmp_path / "preview", "http://127.0.0.1:8000/")
    assert preview.rebuild().ok
    wrong = site / "content" / "reports" / "wrong.md"
    wrong.write_text(report(date="2025-02-30", title="Wrong date"))
    link_out(site, outside)
    outcome = preview.rebuild([wrong, site / "static", site / "templates" / "404.html"])
    assert [str(p) for p in outcome.problems] == sorted(
        ERRORS + ['content/reports/wrong.md:4: date: "2025-02-30" is not a date: February 2025 has 28 days'])
    assert not any(b"SECRET" in data for data in snapshot(tmp_path / "preview").values())


def test_a_misnamed_file_that_links_out_is_not_read_for_its_own_mistakes(site: Path, outside: Path, capsys):
    """A file misnamed is read for its own mistakes beside its name's: never through a link out."""
    (outside / "bad.md").write_text(report(date="2025-02-30", title="Leaked: " + SECRET.strip()), encoding="utf-8")
    (site / "content" / "reports" / "Bad_Name.md").symlink_to(outside / "bad.md")
    status, out, _ = run(capsys, "--root", str(site), "check")
    assert status == 1 and out == [
        'content/reports/Bad_Name.md:1: "Bad_Name.md" is not a valid file name: use lowercase letters a-z, digits and '
        "hyphens, then .md (such as bad-name.md)",
        f"content/reports/Bad_Name.md:1: {OUT}"]


def test_the_preview_refuses_a_link_into_its_own_site(site: Path):
    said: list[str] = []
    preview = Preview(site, port=0, say=said.append)
    preview.start()
    try:
        (site / "static" / "served").symlink_to(Path("..") / ".serve", target_is_directory=True)
        wanted = f"static/served:1: a link into .serve/, {INTO}; remove the link"
        assert poll(lambda: wanted.encode() in get(preview.url)[1])
        assert wanted in said
        assert get(preview.url + "served/index.html")[0] == 404
        assert not (preview.out / "served").exists()
        (site / "static" / "served").unlink()
        assert poll(lambda: b"serve-errors" not in get(preview.url)[1])
    finally:
        preview.stop()


def test_the_preview_refuses_links_out_from_the_start(site: Path, outside: Path):
    link_out(site, outside)
    said: list[str] = []
    preview = Preview(site, port=0, say=said.append)
    preview.start()
    try:
        assert [line for line in said if "links outside" in line] == ERRORS
        status, body = get(preview.url + "shadow")
        assert status == 404 and b"SECRET" not in body
        assert not any(b"SECRET" in data for data in snapshot(preview.out).values())
    finally:
        preview.stop()
