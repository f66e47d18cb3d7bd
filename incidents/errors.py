"""The problems a build reports to people: `path:line: field: what is wrong`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


def visible(text: str) -> str:
    """`text` as a one-line message can show it: a line break, a control character,
    a byte that is not UTF-8 (a surrogate), a direction override or a character
    that shows nothing (a zero-width space) written as its escape (\\n, \\x07,
    \\udcff, \\u202e, \\u200b), where it would break the line, act on the
    terminal, or not be seen."""
    return "".join(c.encode("unicode_escape").decode("ascii") if HIDDEN.match(c) else c for c in text)


HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ud800-\udfff\u202a-\u202e"
                    "\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        warning = " (warning)" if self.severity == "warning" else ""
        return f"{visible(self.path)}:{self.line}:{field} {self.message}{warning}"


class ContentError(Exception):
    """Raised once, with every problem found, when content cannot be built."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        self.read = None  # the content that could be read, where load says it (check's warnings beside the errors)
        self.unsettled: set[str] | None = set()  # … and the events some of whose reports it lacks (None: any)
        self.held: list[str] = []  # the kinds of check's warnings that wait until the errors are mended
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # so that it comes back whole from a worker process
        return (type(self), (self.problems,))


class BuildError(Exception):
    """A failure that is not the content's fault (a missing tool, a full disk)."""


class UsageError(Exception):
    """The command line was given something it cannot use (exit status 2)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def cannot_write(root: Path, folder: Path, exc: OSError) -> str:
    """Why a new report cannot be written into `folder`, in a sentence; nothing was written."""
    rel = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return f"{rel}: is a file, where the folder of reports is expected: rename or remove it; nothing was written"
    return f"{rel}: cannot write a report there ({exc.strerror}): make the folder writable; nothing was written"
