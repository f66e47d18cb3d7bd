"""Both cores: a map over many items in forked worker processes.

Workers are forked, so they see the parent's memory (the archive, compiled
templates, the output plan) without it being copied or pickled; only each
item's result travels back. Where fork is missing (Windows) or the work is
small, the map runs in this process."""

from __future__ import annotations

import ctypes
import functools
import gc
import mmap
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
import weakref
from collections.abc import Callable, Sequence
from multiprocessing import connection
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def give_back_memory() -> None:
    """Return freed memory to the system (glibc's malloc_trim): Python frees
    objects but the C heap keeps their pages, which would count against the
    Pagefind runs that follow. Nothing to do elsewhere."""
    trim = getattr(libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@functools.cache
def libc() -> ctypes.CDLL | None:
    """The C library, as this process has it loaded, or None (Windows). Not
    through ctypes.util.find_library("c"), which runs `ldconfig -p` in a child
    process at each call: 8 ms each here, three times in an edit's build (a
    worker's start, the memory given back, the output swapped), and the fork
    the dearer the larger the archive held in memory."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):
        return None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class WorkerError(Exception):
    """A worker failed in a way that could not be sent back as its own exception."""


def fork_map(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None, least: int = 64,
             died: Callable[[T, str], R] | None = None, first: Callable[[], object] | None = None) -> list[R]:
    """[func(x) for x in items], in order, over `jobs` processes (this one among them),
    each taking the next few items as it is free. Runs here alone below `least`
    items per process, or without fork.

    `first`, if given, is called in this process once the workers are started,
    before it takes items: work only this process can do (its results stay
    here) is done while the workers begin, not before or after them.

    With `died`, func never runs in this process where fork is there: forked
    workers do all the work while this one waits, and an item on which a worker
    dies (a crash in C code: a signal, not an exception) gets died(item, why)
    as its result; the items that worker had done but not yet sent are done again."""
    jobs = min(jobs or cores(), max(1, len(items) // max(1, least)))
    if not can_fork() or (jobs <= 1 and died is None) or not items:
        if first is not None:
            first()
        return [func(x) for x in items]
    context = multiprocessing.get_context("fork")
    taken = context.Value("q", 0)  # the next item nobody has taken, shared by all
    doing = context.Array("q", [-1] * jobs, lock=False)  # the item each worker is on
    chunk = max(1, min(32, len(items) // (jobs * 8)))
    here = died is None  # this process takes items too
    # Objects made so far are left out of the collector: a collection in a
    # worker would otherwise touch, and so copy, every page of the parent.
    gc.freeze()
    children = []
    out: list = [None] * len(items)
    done = [False] * len(items)
    lost: list[str] = []
    ended: dict[int, str] = {}  # worker → "ok", or "died" when its pipe closed without it

    def store(part: list) -> None:
        for i, result in part:
            out[i], done[i] = result, True

    def heard(k: int, message) -> None:
        status, payload = message
        if status == "error":
            raise payload
        if status == "part":
            store(payload)
        else:
            ended[k] = status

    def listen(k: int, receive) -> None:
        """Take all that worker k has sent so far."""
        while k not in ended and receive.poll():
            heard(k, _received(receive))

    def listen_all() -> None:
        """Take what every worker sends until each has ended, from whichever has
        sent: a worker whose pipe is full waits until it is read, so reading one
        worker to its end would hold the others still (the parsing of a build's
        content files went no faster on two workers than on one)."""
        waiting = {receive: k for k, _, receive in children if k not in ended}
        while waiting:
            for receive in connection.wait(list(waiting)):
                listen(waiting[receive], receive)
                if waiting[receive] in ended:
                    del waiting[receive]

    def keep(part: list) -> None:
        """This process's own results, and then what the workers have sent meanwhile."""
        store(part)
        for k, _, receive in children:
            listen(k, receive)

    try:
        for k in range(1 if here else 0, jobs):
            receive, send = context.Pipe(duplex=False)
            _roomy(send, jobs)
            child = context.Process(target=_work, args=(func, items, taken, chunk, send, receive, os.getpid(),
                                                        doing, k), daemon=True)
            child.start()
            send.close()
            children.append((k, child, receive))
        if first is not None:
            first()
        if here:
            _take(func, items, taken, chunk, give=keep)
        listen_all()
        for k, child, receive in children:
            child.join()
            if ended[k] == "died":
                why = _exit_reason(child.exitcode)
                if died is None or doing[k] < 0:
                    raise WorkerError(f"a worker process died ({why})")
                out[doing[k]], done[doing[k]] = died(items[doing[k]], why), True
                lost.append(why)
    finally:
        for _, child, receive in children:
            if child.is_alive():
                child.kill()
            receive.close()
        gc.unfreeze()
    if lost and died is not None:  # the items the dead workers had done, again
        again = [i for i in range(len(items)) if not done[i]]
        for i, result in zip(again, fork_map(func, [items[i] for i in again], jobs, least, died)):
            out[i] = result
    return out


class Later:
    """Functions run one after the other in a forked process while this one
    goes on (the output's files checked against the disk while the content is
    read back: the two need different cores, not each other). result(i) waits
    for the i-th; where fork is missing, or the process failed or died, it is
    run here when asked. A Later nobody waits for is killed when let go."""

    def __init__(self, funcs: Sequence[Callable[[], object]], fork: bool = True):
        self._funcs = list(funcs)
        self._results: list = []
        self._receive = None
        if not (fork and can_fork() and self._funcs):
            return
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_later, args=(self._funcs, send, receive, os.getpid()), daemon=True)
        try:
            child.start()
        except OSError:  # no process to be had (a limit on processes, or memory): all run here
            receive.close()
            return
        finally:
            send.close()
        self._receive = receive
        self._stop = weakref.finalize(self, _stop_later, child, receive, os.getpid())

    def result(self, i: int):
        while len(self._results) <= i and self._receive is not None:
            status, value = _received(self._receive)
            if status != "ok":  # failed or died: the rest are run here
                self.cancel()
                break
            self._results.append(value)
            if len(self._results) == len(self._funcs):
                self.cancel()  # all sent: it is ending
        return self._results[i] if i < len(self._results) else self._funcs[i]()

    def cancel(self) -> None:
        """Stop the process (what it has not sent is run here, if asked)."""
        if self._receive is not None:
            self._receive = None
            self._stop()


def _later(funcs, send, receive, parent: int) -> None:
    receive.close()
    _die_with(parent)
    gc.disable()  # a short life: a collection would only copy the parent's pages
    try:
        for func in funcs:
            send.send(("ok", func()))
    except BaseException:  # noqa: BLE001 - the parent runs it again, and sees the error itself
        pass
    finally:
        send.close()
        os._exit(0)


def _stop_later(child, receive, parent: int) -> None:
    if os.getpid() != parent:
        return  # a worker forked since: the process is not its child
    if child.is_alive():
        child.kill()
    child.join()
    receive.close()


PIPE_BYTES = 1 << 20  # Linux's largest pipe for an unprivileged process, by default


def _roomy(pipe, jobs: int) -> None:
    """Let a worker's pipe hold up to a megabyte rather than 64 KB (Linux): a
    worker whose pipe is full waits until it is read, and this process reads
    none while it does its own work (`first`: the data files, 0.6 s at 10,000
    reports, during which a rendering worker waited 0.39 s; 0.06 s now). The
    workers together take at most a quarter of what a user's pipes may hold
    (pipe-user-pages-soft: over it, every new pipe of the user's gets 8 KB)."""
    size = min(PIPE_BYTES, _pipe_limit("pipe-max-size", 1),
               _pipe_limit("pipe-user-pages-soft", mmap.PAGESIZE) // (4 * jobs))
    if size <= 1 << 16:
        return
    try:
        import fcntl
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, size)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or not allowed: the pipe as it is


def _pipe_limit(name: str, unit: int) -> int:
    """A limit of Linux's on pipes, in bytes (0 for none is no limit); none known elsewhere."""
    try:
        with open(f"/proc/sys/fs/{name}") as f:
            value = int(f.read()) * unit
    except (OSError, ValueError):
        return PIPE_BYTES
    return value or PIPE_BYTES


def _received(receive):
    """The next message from a worker; ("died", None) when its pipe closed
    before a message or within one (a worker killed while it sent)."""
    try:
        return receive.recv()
    except (EOFError, OSError):
        return ("died", None)


def _exit_reason(code: int | None) -> str:
    """"signal SIGSEGV" for a worker killed by a signal, else its exit code."""
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"exit code {code}"


def _take(func, items, taken, chunk, give: Callable[[list], None], doing=None, k: int = 0) -> None:
    """Take the next `chunk` items until none is left, giving (index, result) of
    each chunk's items as it is done: results travel as they come, so that no
    process holds all of its own at the end (a 100,000-report build's are a few
    hundred megabytes). `doing[k]` tells which item this process is on, for the
    parent to read should it die."""
    while True:
        with taken.get_lock():
            start = taken.value
            taken.value = start + chunk
        if start >= len(items):
            return
        part = []
        try:
            for i in range(start, min(start + chunk, len(items))):
                if doing is not None:
                    doing[k] = i
                part.append((i, func(items[i])))
                if doing is not None:
                    doing[k] = -1
        except BaseException:
            with taken.get_lock():  # the others stop at their next chunk
                taken.value = len(items)
            raise
        give(part)


def _work(func, items, taken, chunk, send, receive, parent: int, doing, k: int) -> None:
    receive.close()  # the parent's end: were it kept open here, a send to a dead parent would wait forever
    _die_with(parent)
    try:
        try:
            _take(func, items, taken, chunk, lambda part: send.send(("part", part)), doing, k)
            result = ("ok", None)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            result = ("error", _portable(exc))
        try:
            send.send(result)
        except Exception as exc:  # a result that does not pickle
            send.send(("error", WorkerError(f"a worker's result could not be sent: {exc!r}")))
    finally:
        send.close()
        sys.stdout.flush()
        os._exit(0)  # no atexit handlers of the parent's, no flushing of its buffers twice


def _die_with(parent: int) -> None:
    """A worker outlives no killed build: it would hold the build's lock (Linux only)."""
    prctl = getattr(libc(), "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _portable(exc: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a WorkerError that tells it."""
    try:
        copy = pickle.loads(pickle.dumps(exc))
        if type(copy) is type(exc) and str(copy) == str(exc):
            return exc
    except Exception:  # noqa: BLE001
        pass
    return WorkerError("".join(traceback.format_exception(exc)).strip())
