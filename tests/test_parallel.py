"""Forked workers: a worker that dies on an item (a crash in C code, which no
`except` catches) costs that item, never the build or the server."""

from __future__ import annotations

import faulthandler
import os
import signal
import time

import pytest

from conftest import report
from incidents import reuse
from incidents.build import build
from incidents.errors import ContentError
from incidents.parallel import PIPE_BYTES, Later, WorkerError, _received, _take, fork_map


def segfault() -> None:
    """Die as PyYAML's C parser did on 50,000 levels of nesting (without pytest's dump of the stack)."""
    faulthandler.disable()
    os.kill(os.getpid(), signal.SIGSEGV)


def crash_on_13(x: int) -> int:
    if x == 13:
        segfault()
    return x * 2


@pytest.mark.parametrize("count", [1, 20, 14, 500])
def test_an_item_that_kills_its_worker_gets_the_died_result_and_the_rest_are_done(count):
    items = list(range(count)) if count != 1 else [13]
    got = fork_map(crash_on_13, items, least=8, died=lambda x, why: f"{x}: {why}")
    assert got == [("13: signal SIGSEGV" if x == 13 else x * 2) for x in items]


def test_two_items_that_kill_their_workers():
    got = fork_map(lambda x: crash_on_13(13) if x in (3, 200) else x * 2, list(range(300)), least=8,
                   died=lambda x, why: None)
    assert [i for i, r in enumerate(got) if r is None] == [3, 200]
    assert all(r == i * 2 for i, r in enumerate(got) if r is not None)


def test_without_died_a_dead_worker_is_a_worker_error():
    parent = os.getpid()  # which takes items too, and must not die: slowly, so that the worker gets some

    def crash_in_worker(x: int) -> int:
        if os.getpid() != parent:
            segfault()
        time.sleep(0.01)
        return x

    with pytest.raises(WorkerError, match=r"a worker process died \(signal SIGSEGV\)"):
        fork_map(crash_in_worker, list(range(300)), jobs=2, least=8)


def test_an_exception_in_a_worker_is_raised_here_after_its_first_results_came():
    parent = os.getpid()

    def fails_late_in_worker(x: int) -> int:
        if os.getpid() != parent and x > 150:
            raise ValueError(f"item {x}")
        time.sleep(0.002)
        return x

    with pytest.raises(ValueError, match=r"item \d+"):
        fork_map(fails_late_in_worker, list(range(300)), jobs=2, least=8)


def test_results_are_given_a_chunk_at_a_time():
    """A worker sends each chunk's results as it is done, so that no process
    holds all of its results at the end (a 100,000-report build's are
    hundreds of megabytes, twice over while pickled)."""
    import multiprocessing
    parts: list[list] = []
    _take(lambda x: x * 2, list(range(70)), multiprocessing.Value("q", 0), 32, parts.append)
    assert parts == [[(i, i * 2) for i in range(start, min(start + 32, 70))] for start in (0, 32, 64)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_first_runs_once_in_this_process_while_the_workers_take_the_items(jobs):
    """The build makes its data files there (their rows stay in this process)
    while the workers render pages: the items' results are as without it."""
    here, calls = os.getpid(), []
    got = fork_map(lambda x: x * 2, list(range(300)), jobs=jobs, least=8, first=lambda: calls.append(os.getpid()))
    assert got == [x * 2 for x in range(300)] and calls == [here]


def test_a_file_whose_parsing_kills_the_worker_is_an_error_with_its_path(make_site, tmp_path, monkeypatch):
    root = make_site({"content/reports/a.md": report(), "content/reports/b.md": report(title="Crash")})
    parse = reuse.parse_item

    def crash_on_b(kind, rel, data):
        if rel.endswith("/b.md"):
            segfault()
        return parse(kind, rel, data)

    monkeypatch.setattr(reuse, "parse_item", crash_on_b)
    with pytest.raises(ContentError) as error:
        build(root, tmp_path / "out", search=False)
    assert [str(p) for p in error.value.problems] == [
        "content/reports/b.md:1: reading this file crashed the parser (signal SIGSEGV); look for deeply nested "
        "brackets or indentation in its front matter"]


def test_a_worker_whose_results_wait_to_be_read_never_holds_another_still(tmp_path):
    """A worker that has sent more than its pipe holds (64 KB by default, a
    megabyte as fork_map makes it on Linux) waits until this process reads it.
    Reading the workers one after the other, each to its end, held the second
    still while the first worked (two parsing workers went no faster than one).
    Here the worker forked first waits for the other to reach its second item,
    which it can only do once its first result, larger than any pipe, is read."""
    def job(x: int):
        deadline = time.monotonic() + 20
        me = tmp_path / f"worker-{os.getpid()}"
        if me.exists():  # this worker's second item or later
            (tmp_path / "reached").touch()
            return "small"
        me.touch()
        while len(list(tmp_path.glob("worker-*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        first = min(int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*"))
        if os.getpid() != first:
            return b"x" * (4 * PIPE_BYTES)  # more than the pipe holds
        while not (tmp_path / "reached").exists():
            if time.monotonic() > deadline:
                return "held still"
            time.sleep(0.005)
        return "waited"

    got = fork_map(job, list(range(8)), jobs=2, least=1, died=lambda x, why: why)
    assert "held still" not in got and "waited" in got and len(got) == 8


def pipes_grow() -> bool:
    """Whether this system lets a pipe hold a megabyte (Linux, within its limits)."""
    try:
        import fcntl
        read, write = os.pipe()
        try:
            return fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, PIPE_BYTES) >= PIPE_BYTES
        finally:
            os.close(read)
            os.close(write)
    except (ImportError, AttributeError, OSError):
        return False


@pytest.mark.skipif(not pipes_grow(), reason="a pipe's size is set on Linux only, within its limits")
def test_a_worker_goes_on_while_this_process_does_its_own_work(tmp_path):
    """`first` (the build's data files) reads no worker's results; a worker goes
    on meanwhile until its pipe is full, and a megabyte's pipe lets it finish here
    (a 64 KB one held it after six items)."""
    def job(x: int) -> bytes:
        if x == 29:
            (tmp_path / "last").touch()
        return b"x" * 10_000

    def first() -> None:
        deadline = time.monotonic() + 20
        while not (tmp_path / "last").exists() and time.monotonic() < deadline:
            time.sleep(0.005)
        outcome.append((tmp_path / "last").exists())

    outcome: list[bool] = []
    got = fork_map(job, list(range(30)), jobs=2, least=1, died=lambda x, why: why, first=first)
    assert outcome == [True] and got == [b"x" * 10_000] * 30


def test_a_worker_killed_while_it_sends_has_died():
    """A pipe that closes within a message (a worker killed by the system while
    it sent a large result) is a worker that died, as one that closes between
    messages is: its item gets died()'s result, never an error of the pipe's."""
    import multiprocessing
    import struct
    receive, send = multiprocessing.Pipe(duplex=False)
    os.write(send.fileno(), struct.pack("!i", 1000) + b"only part of it")
    send.close()
    assert _received(receive) == ("died", None)
    receive, send = multiprocessing.Pipe(duplex=False)
    send.close()
    assert _received(receive) == ("died", None)


# A Later: functions run in a process of their own while this one goes on.

def where(here: int) -> str:
    return "here" if os.getpid() == here else "apart"


def test_a_later_runs_its_functions_apart_in_order_and_gives_each_result():
    here = os.getpid()
    later = Later([lambda: (where(here), 1), lambda: (where(here), 2)])
    assert later.result(1) == ("apart", 2) and later.result(0) == ("apart", 1)


def test_a_later_told_not_to_fork_runs_them_here_when_asked():
    here = os.getpid()
    assert Later([lambda: where(here)], fork=False).result(0) == "here"


def test_a_later_that_gets_no_process_runs_them_here(monkeypatch):
    here = os.getpid()

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert Later([lambda: where(here), lambda: 2]).result(1) == 2
    assert Later([lambda: where(here)]).result(0) == "here"


def raise_apart(here: int) -> str:
    if os.getpid() != here:
        raise OSError("only over there")
    return "here"


def die_apart(here: int) -> str:
    if os.getpid() != here:
        segfault()
    return "here"


@pytest.mark.parametrize("fails", [raise_apart, die_apart])
def test_a_function_that_fails_or_dies_apart_is_run_here_and_so_are_those_after_it(fails):
    here = os.getpid()
    later = Later([lambda: where(here), lambda: fails(here), lambda: where(here)])
    assert [later.result(i) for i in range(3)] == ["apart", "here", "here"]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_later_cancelled_or_let_go_leaves_no_process_behind(tmp_path):
    pidfile = tmp_path / "pid"
    here = os.getpid()

    def slow() -> str:
        if os.getpid() != here:
            # Written whole or not at all: a file seen between its creation and its
            # write was read empty ("invalid literal for int()", once in a full run).
            (tmp_path / "pid.part").write_text(str(os.getpid()))
            (tmp_path / "pid.part").replace(pidfile)
            time.sleep(60)
        return where(here)

    for end in ("cancel", "let go"):
        pidfile.unlink(missing_ok=True)
        later = Later([slow])
        deadline = time.monotonic() + 20
        while not pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        pid = int(pidfile.read_text())
        started = time.monotonic()
        if end == "cancel":
            later.cancel()
            assert later.result(0) == "here"  # what it had not sent, run here
        del later
        assert gone(pid) and time.monotonic() - started < 10, end
