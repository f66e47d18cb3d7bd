"""YAML nested too deep for the parser is refused before it gets there, and
nothing the format allows is taken for nesting (yamlbounds.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from incidents.content.yamlbounds import MAX_DEPTH, bounded, too_deep

ROOT = Path(__file__).resolve().parent.parent

NOT_NESTING = {
    "brackets in quotes": "title: '" + "[" * 40 + "'\nsummary: \"" + "{" * 40 + "\"\n",
    "brackets in plain text": "title: Mali's army " + "[" * 40 + " says\nlocation: Gao\n",
    "brackets in a comment": "title: x  # " + "[" * 40 + "\n",
    "a quote over lines": 'title: "a\n  ' + "[" * 40 + '\n  b"\nevent: x\n',
    "a block scalar": "summary: |\n" + "".join(" " * (i + 2) + "- [[x\n" for i in range(40)) + "tags: [a]\n",
    "flow that closes": "tags: [" + ", ".join(["[a]"] * 40) + "]\n",
    "the format's deepest": "reported_toll:\n  - killed: {min: 3, max: [4]}\n    according_to: x\n",
}


@pytest.mark.parametrize("text", NOT_NESTING.values(), ids=NOT_NESTING.keys())
def test_what_only_looks_nested_passes(text):
    yaml.safe_load(text)  # valid YAML, all of it
    assert too_deep(text) is None and bounded("r.md", text) == []


def test_the_shipped_archive_passes_the_quick_test():
    for path in (ROOT / "content").rglob("*.md"):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        assert bounded(path.name, front) == [], path


@pytest.mark.parametrize("text, where", [
    ("a:\n" + "".join(" " * (2 * i) + "- b:\n" for i in range(1, 20)), (39, 8, "a")),
    ("".join(" " * i + "k:\n" for i in range(MAX_DEPTH + 1)), (MAX_DEPTH + 1, MAX_DEPTH, "k")),
    ("title: x\ntags:\n- - " + "[" * 20 + "]" * 20 + "\nnext: 1\n", (23, 2, "tags")),
    ("[" * 30 + "]" * 30, (30, 0, "")),
])
def test_deep_nesting_is_found_with_its_depth_line_and_field(text, where):
    assert too_deep(text) == where


def test_exactly_the_limit_passes():
    assert too_deep("tags: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)) is None
    assert too_deep("tags: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)[0] == MAX_DEPTH + 1


def test_front_matter_larger_than_the_limit_is_refused():
    [problem] = bounded("content/reports/r.md", "tags: [" + "a, " * 100_000 + "]\n", 2)
    assert str(problem) == ("content/reports/r.md:2: the front matter is 292 KB; the limit is 256 KB: the article's "
                            "text belongs in the body, after the closing '---'")
    # just over: said in characters, not "256 KB; the limit is 256 KB"
    [problem] = bounded("content/reports/r.md", "title: " + "a" * (256 * 1024), 2)
    assert problem.message.startswith("the front matter is 262,151 characters, 7 more than 262,144; the limit is 256 KB")
