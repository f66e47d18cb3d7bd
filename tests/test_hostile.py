"""Hostile content does nothing: whatever a contributor writes in any field
or body, the build either stops with a clear error or emits pages with no
executable markup, and XML that parses."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote as quote_url

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import write_site
from incidents.errors import ContentError
from incidents.content.link import link
from incidents.content.load import load
from incidents.site.render import environment, pages

PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>", "<!-- comment -->", "</script><script>alert(1)</script>",
    "<svg onload=alert(1)>", "<a href='javascript:alert(1)'>x</a>", "[x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "<iframe src=//evil.example>", "{{ 7*7 }}", "{% raw %}", "]]>",
    "<style>body{display:none}</style>", "<base href=//evil.example/>", "<meta http-equiv=refresh content=0>",
    "&lt;script&gt;", "\u202eevil", "x\u0000y", "\ufeff", "<form action=//evil.example><button>",
    "![x](https://evil.example/pixel.png)", "<https://evil.example>", "vbscript:msgbox(1)",
]
text = st.one_of(st.text(max_size=40), st.sampled_from(PAYLOADS),
                 st.builds(lambda a, b, c: a + b + c, st.text(max_size=10), st.sampled_from(PAYLOADS),
                           st.text(max_size=10)))
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class Inspector(HTMLParser):
    """Collects whatever could run script or load from elsewhere."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        where = f"{self.page}: <{tag}>"
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{where} has {name}")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster") and value:
                squeezed = "".join(ch for ch in value if ch > " ").lower()
                if ":" in squeezed.split("/")[0] and not squeezed.startswith(SAFE_SCHEMES):
                    self.bad.append(f"{where} {name}={value!r}")
        if tag in ("iframe", "object", "embed", "base", "style", "frame", "applet", "img"):
            self.bad.append(f"{where} from content")
        own = (a.get("src", "").endswith(("/search.js", "/cite.js", "/filter.js", "/moved.js"))  # static/
               and a.get("type") == "module")
        if tag == "script" and not (a.get("type") == "application/ld+json" or own):
            self.bad.append(f"{where} {a}")
        if tag == "meta" and a.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            self.bad.append(f"{where} http-equiv={a['http-equiv']}")
        if tag == "link" and a.get("rel") not in ("stylesheet", "icon", "alternate", "canonical"):
            self.bad.append(f"{where} rel={a.get('rel')}")

    def handle_comment(self, data):
        self.bad.append(f"{self.page}: an HTML comment <!--{data}-->")


def build_in_memory(root: Path) -> dict[str, str | bytes]:
    archive = link(load(root))
    return dict(pages(archive, environment(root)))


def check_output(files: dict[str, str | bytes]) -> list[str]:
    bad = []
    for rel, content in files.items():
        text = content if isinstance(content, str) else content.decode()
        if rel.endswith(".xml"):
            ET.fromstring(text.encode())  # must parse
        elif rel.endswith("/") or rel.endswith(".html") or rel == "":
            inspector = Inspector(rel or "/")
            inspector.feed(text)
            bad += inspector.bad
    return bad


# The free-text fields of a report, of its event's file and of an actor's file.
FIELDS = ("title", "place", "region", "publisher", "url", "author", "claimant", "wording", "actor", "quote", "tag",
          "body", "alias", "kind", "summary", "event_title")


def archive_files(f: dict[str, str]) -> dict[str, str]:
    """An archive of one report, its event's file and an actor's file, `f` in every free-text field."""
    report = {
        "title": f["title"], "event": "2025-02-x", "date": "2025-02-17",
        "location": {"name": f["place"], "region": f["region"]},
        "source": {"publisher": f["publisher"], "url": f["url"], "author": f["author"]},
        "reported_toll": {"killed": 3, "according_to": f["claimant"], "wording": f["wording"]},
        "actors": [{"name": f["actor"], "role": "witness"}, "Wagner Group"],
        "responses": [{"by": f["actor"], "stance": "denied", "quote": f["quote"]}],
        "tags": [f["tag"]],
    }
    return {
        "content/reports/r.md": "---\n" + yaml.safe_dump(report, allow_unicode=True) + "---\n" + f["body"] + "\n",
        "content/actors/wagner-group.md": "---\n" + yaml.safe_dump(
            {"name": "Wagner Group", "aliases": [f["alias"]], "kind": f["kind"]}, allow_unicode=True)
                                          + "---\n" + f["body"],
        "content/events/2025-02-x.md": "---\n" + yaml.safe_dump({"title": f["event_title"]}, allow_unicode=True)
                                       + "---\n" + f["summary"],
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({name: text for name in FIELDS}))
def test_any_strings_in_any_field_build_safely_or_fail_clearly(fields):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp), archive_files(fields))
        try:
            output = build_in_memory(root)
        except ContentError as error:
            assert error.problems and all(str(p).startswith(p.path + ":") for p in error.problems)
            return
    assert check_output(output) == []


# Text that the format accepts in a free-text field, a payload inside it: a letter on
# each side (no field may be empty or all punctuation), none of the characters the
# format refuses (fields.forbidden): control characters, the line and paragraph
# separators U+2028 and U+2029, the direction overrides U+202A-202E.
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
                                  blacklist_characters="\u202a\u202b\u202c\u202d\u202e"), max_size=12)
INSIDE = st.builds(lambda a, payload, b: f"A {a}{payload}{b} z", PRINTABLE,
                   st.sampled_from([p for p in PAYLOADS if p.isprintable()]), PRINTABLE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({name: INSIDE for name in FIELDS}))
@example({**{name: "A <script>alert(1)</script> z" for name in FIELDS}, "tag": "A &lt;script&gt; z"})  # "; " in a tag
def test_payloads_inside_valid_fields_build_into_pages_with_nothing_that_runs(fields):
    """The test above mostly stops at an error (one field of sixteen that the format
    refuses is enough): here every field is valid, so every example is built and its
    every page and feed inspected."""
    fields["url"] = "https://example.org/?q=" + quote_url(fields["url"])
    for name in ("tag", "actor", "publisher"):  # names events.csv lists in a cell hold no "; " (docs/format.md)
        fields[name] = fields[name].replace("; ", ", ")
    with tempfile.TemporaryDirectory() as tmp:
        output = build_in_memory(write_site(Path(tmp), archive_files(fields)))
    assert "reports/r/" in output and "events/2025-02-x/" in output
    assert check_output(output) == []

def test_the_payloads_themselves_are_shown_as_text(make_site):
    body = "\n\n".join(p for p in PAYLOADS if "\x00" not in p)
    root = make_site({"content/reports/r.md": "---\n" + yaml.safe_dump({
        "title": PAYLOADS[1], "event": "2025-02-x", "date": "2025-02-17", "location": PAYLOADS[0],
        "source": {"publisher": PAYLOADS[5], "url": "https://example.org/?q=<script>"}}) + "---\n" + body})
    output = build_in_memory(root)
    assert check_output(output) == []
    page = output["reports/r/"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in page.split("<main", 1)[1]


def test_control_characters_are_errors_with_their_line(make_site):
    from conftest import report
    from incidents.build import check
    root = make_site({"content/reports/a.md": report(title='"bell\\a"'),
                      "content/reports/b.md": report() + "text\x1b[31m\n"})
    try:
        check(root)
    except ContentError as error:
        found = [str(p) for p in error.problems]
    assert found == ["content/reports/a.md:2: title: contains the control character U+0007; remove it",
                     "content/reports/b.md:9: contains the control character U+001B; remove it"]


# Valid files, mutated as an editor slip would: a line dropped, a line doubled,
# the file cut at any byte. The build either succeeds or stops with errors
# only on that file, each at a line inside it; never a traceback, and a failed
# build leaves the last output as it was.
MUTATED = ["content/reports/gao-road-killings-inquiry-humangle.md",
           "content/reports/abeibara-killings-associated-press.md",
           "content/reports/aslagh-killings-humangle.md",
           "content/events/2025-02-gao-road-killings.md",
           "content/actors/azawad-liberation-front.md"]


@pytest.fixture(scope="module")
def mutable(tmp_path_factory):
    """The shipped archive and a last good build of it, shared by every mutation."""
    from conftest import copy_shipped
    from incidents.build import build
    root = copy_shipped(tmp_path_factory.mktemp("mutations") / "archive")
    build(root, root.parent / "out", search=False)
    return root


def mutate(data: bytes, how: str, where: int) -> bytes:
    lines = data.split(b"\n")
    if how == "drop":
        i = where % len(lines)
        return b"\n".join(lines[:i] + lines[i + 1:])
    if how == "double":
        i = where % len(lines)
        return b"\n".join(lines[:i + 1] + lines[i:])
    return data[:where % (len(data) + 1)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(rel=st.sampled_from(MUTATED), how=st.sampled_from(["drop", "double", "cut"]),
       where=st.integers(min_value=0, max_value=10_000))
def test_a_mutated_file_builds_or_fails_on_its_own_lines(mutable, rel, how, where):
    from sitecheck import tree_digest
    from incidents.build import build
    path, out = mutable / rel, mutable.parent / "out"
    original = path.read_bytes()
    mutated = mutate(original, how, where)
    before = tree_digest(out)
    try:
        path.write_bytes(mutated)
        try:
            build(mutable, out, search=False)
        except ContentError as error:
            lines = max(1, mutated.count(b"\n") + 1)
            assert error.problems
            for p in error.problems:
                assert p.path == rel and 1 <= p.line <= lines, (how, where, str(p))
            assert tree_digest(out) == before
    finally:
        path.write_bytes(original)
