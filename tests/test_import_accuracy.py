"""The expected files of tests/fixtures/articles/ and bench/import_accuracy.py,
which scores an import against them (or against any folder in their format)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from articles import ARTICLES, FIXTURES
from incidents.errors import ContentError
from incidents.importer.accuracy import FIELDS, articles, read_expected

ROOT = Path(__file__).resolve().parents[1]


def bench():
    spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "bench" / "import_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_article_has_a_valid_expected_file():
    assert len(ARTICLES) >= 9
    assert any(a.is_page for a in ARTICLES.values())
    for article in ARTICLES.values():
        e = article.expected
        assert e.report.title and e.report.source.publisher and e.paragraphs
        assert not e.report.draft


def test_a_wrong_expected_file_names_its_lines(tmp_path):
    (tmp_path / "a.txt").write_text("A Title\n\nSoldiers killed 3 people, the mayor said.\n", encoding="utf-8")
    (tmp_path / "a.expected.yaml").write_text(
        "report:\n  title: A Title\n  event: 2025-02-x-killings\n  date: 2025-02-30\n  location: X\n"
        "  source: {publisher: P}\n  actors:\n    - {name: Army, role: perpetrator}\n"
        "paragraphs: [Soldiers killed 3 people, the mayor said.]\ncut:\n  - menu: Home\nplaces: X\n", encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        read_expected(tmp_path / "a.expected.yaml")
    text = str(exc.value)
    assert 'a.expected.yaml:4: date: "2025-02-30" is not a date: February 2025 has 28 days' in text
    assert 'a.expected.yaml:8: actors[0].role: "perpetrator" is not a role' in text
    assert "a.expected.yaml:11: cut.0: must be {reason: text} with a reason among:" in text
    assert "a.expected.yaml:12: places: must be a list" in text


def test_an_article_without_its_expected_file_is_an_error(tmp_path):
    (tmp_path / "b.txt").write_text("Title\n", encoding="utf-8")
    with pytest.raises(ContentError, match="b.txt:1: has no b.expected.yaml beside it"):
        articles(tmp_path)


@pytest.mark.parametrize("how", [["--folder"], []])
def test_bench_scores_any_folder(tmp_path, capsys, how):
    for suffix in (".txt", ".expected.yaml"):
        shutil.copy(FIXTURES / f"koundiela-dozo{suffix}", tmp_path / f"koundiela-dozo{suffix}")
    assert bench().main([*how, str(tmp_path), "--misses"]) == 0
    out = capsys.readouterr().out
    assert f"with --published: 1 articles in {tmp_path}" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ") and line.split()}
    assert all(field.split()[0] in rows for field in FIELDS)
    assert "    koundiela-dozo: places: missed ['bandiagara']" in out


def test_bench_defaults_to_the_projects_articles(capsys):
    assert bench().main([]) == 0
    assert f"{len(ARTICLES)} articles in {FIXTURES}" in capsys.readouterr().out


def test_bench_refuses_a_folder_without_articles(tmp_path, capsys):
    assert bench().main([str(tmp_path / "nowhere")]) == 2
    assert bench().main([str(tmp_path)]) == 2
