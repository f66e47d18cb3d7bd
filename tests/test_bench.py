"""The benchmarks in bench/ still run against the package as it is now
(they are run by hand, so nothing else would notice a module moved)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARCHIVE

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(path.name for path in (ROOT / "bench").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_bench_script_imports_and_prints_its_usage(script):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "usage" in (done.stdout + done.stderr).lower()


def bench_module(name: str):
    """bench/NAME.py as a module (a bench script runs nothing on import)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def perf():
    return bench_module("perf")


def test_perf_keys_its_corpora_on_files_that_exist(perf):
    assert perf.GENERATOR and all(path.is_file() for path in perf.GENERATOR)


def test_perf_ratios_carry_the_range_of_the_rounds(perf):
    runs = {key: [] for key in perf.MEASURES}
    for round_no, (hugo, full) in enumerate([(1.0, 3.0), (2.0, 3.0), (1.0, 1.0)], start=1):
        runs["hugo"].append({"round": round_no, "seconds": hugo, "ok": True})
        runs["nosearch"].append({"round": round_no, "seconds": full, "ok": True})
    assert perf.round_range(runs, "nosearch", ("hugo",)) == [1.0, 3.0]


def test_perf_sets_a_cold_build_s_leftovers_aside_deleting_nothing_until_the_end(perf, tmp_path):
    corpus = perf.Corpus(tmp_path, 10)
    (corpus.out / "reports" / "a").mkdir(parents=True)
    (corpus.out / "reports" / "a" / "index.html").write_text("page")
    (corpus.out.parent / ".site.cache").mkdir()
    (corpus.archive / ".incidents-cache").mkdir(parents=True)
    trash = perf.Trash(tmp_path)
    state = perf.make_cold(corpus, trash)
    assert state == ["archive/.incidents-cache", "out/.site.cache"]
    assert not corpus.out.exists() and corpus.out.parent.is_dir()
    assert not (corpus.archive / ".incidents-cache").exists()
    kept = sorted(p.relative_to(trash.folder).as_posix() for p in trash.folder.rglob("index.html"))
    assert kept == ["0/site/reports/a/index.html"]  # renamed, not deleted: no inode freed while builds are timed
    trash.put(corpus.hugo_out)  # not there: nothing to do
    trash.empty(wait=False)
    assert not trash.folder.exists()


def test_perf_writes_the_package_s_bytecode_even_where_python_is_told_not_to(perf, tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for path in (package / "__init__.py", package / "stage.py", package / "sub" / "__init__.py"):
        path.write_text("VALUE = 1\n")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    perf.compile_package(package)
    for path in package.rglob("*.py"):
        assert Path(importlib.util.cache_from_source(str(path))).is_file(), path


def test_bytes_counts_a_list_by_period_as_a_list_not_as_a_report_or_an_event():
    kind_of = bench_module("bytes").kind_of
    kinds = {rel: kind_of(rel) for rel in [
        "reports/2023-01-gao-killings-ap/index.html", "fr/reports/2023-01-gao-killings-ap/index.html",
        "events/2023-01-gao-killings/index.html", "reports/2023-01-gao-killings-ap/cite.bib",
        "reports/2023/index.html", "events/2023/index.html", "fr/events/2023/index.html", "reports/2023/05/index.html",
        "actors/wagner-group/index.html", "index.html", "fr/index.html", "fr/data/reports.csv"]}
    assert kinds == {
        "reports/2023-01-gao-killings-ap/index.html": "report page",
        "fr/reports/2023-01-gao-killings-ap/index.html": "report page",
        "events/2023-01-gao-killings/index.html": "event page",
        "reports/2023-01-gao-killings-ap/cite.bib": "citation file",
        "reports/2023/index.html": "list page",
        "events/2023/index.html": "list page",
        "fr/events/2023/index.html": "list page",
        "reports/2023/05/index.html": "list page",
        "actors/wagner-group/index.html": "actor page",
        "index.html": "list page",
        "fr/index.html": "list page",
        "fr/data/reports.csv": "open data",
    }


def test_random_changes_reach_no_page_that_affected_py_leaves_out(tmp_path, monkeypatch):
    """bench/fuzz_incremental.py, a few steps with a fixed seed, in English and French:
    every page whose bytes a change alters is one the incremental build renders again
    (it found four such misses in December 2026; longer runs are for the bench)."""
    monkeypatch.setenv("INCIDENTS_LIST_PAGE", "3")
    lines: list[str] = []
    missed = bench_module("fuzz_incremental").run(tmp_path / "archive", 40, 12, seed=11, french=True, out=lines.append)
    assert missed == 0, "\n".join(lines)
    assert sum(" ok" in line for line in lines) >= 8  # most steps are steps, not changes the format refuses


def test_build_py_under_a_profiler_still_writes_its_profile(tmp_path):
    # build.py leaves by os._exit, skipping Python's teardown, except where a
    # profiler or a tracer is on: they write what they measured at exit.
    profile = tmp_path / "check.prof"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), str(ROOT / "build.py"), "--root",
                           str(ARCHIVE), "check"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "no problems found" in done.stderr + done.stdout
    assert profile.is_file() and profile.stat().st_size > 0
