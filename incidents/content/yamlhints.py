"""YAML mistakes said in plain words, at the line where they are made.

PyYAML reports where its parser noticed a mistake, often lines later (an
unclosed quote is "found unexpected end of stream" at the end of the front
matter) and in its own terms ("mapping values are not allowed in this
context"). When a parse fails, the lines up to the one the parser named are
read again for the commonest mistakes, and the first one found is reported
instead, with its fix: a tab in the indentation, a quote that never closes,
a colon in an unquoted value, a missing space after a colon, a list item at
the wrong indentation. Only a failed parse pays for this."""

from __future__ import annotations

import re
from typing import Any

from ..errors import Problem

# `key: rest` (after any `- ` list markers), the key plain or quoted.
_FIELD = re.compile(r"""^( *(?:- +)*)([^\s#"'\[\]{},&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*'):(?: +(.*))?$""")
_NO_SPACE = re.compile(r"^ *(?:- +)?([A-Za-z_][\w-]*):(\S.*)$")
_DOUBLE = re.compile(r'"(?:[^"\\]|\\.)*"')
_SINGLE = re.compile(r"'(?:[^']|'')*'")
_COMMENT = re.compile(r"\s+#.*$")


def syntax_problem(path: str, text: str, exc: Any, first_line: int) -> Problem:
    """The problem to report for PyYAML's `exc` over `text` (which starts at `first_line`)."""
    mark = exc.problem_mark or exc.context_mark
    noticed = mark.line if mark else 0
    lines = text.split("\n")
    for number, line in enumerate(lines[: noticed + 1]):
        found = _mistake(line)
        if found:
            field, message = found
            return Problem(path, first_line + number, field, message)
    what = exc.problem or exc.context or "invalid YAML"
    if "expected" in what and noticed < len(lines) and lines[noticed].lstrip(" ").startswith("- "):
        return Problem(path, first_line + noticed, "", _ITEM)
    return Problem(path, first_line + noticed, "", f"YAML syntax error: {what}")


_ITEM = ('this list item is at the wrong indentation: start its "-" in the same column as the '
         "other items of its list")


def _mistake(line: str) -> tuple[str, str] | None:
    """(field, message) for a line that holds one of the common mistakes, else None."""
    body = line.lstrip(" ")
    if body.startswith("\t"):
        return "", "indented with a tab: indent with spaces (YAML does not allow tabs for indentation)"
    field = _FIELD.match(line)
    if field:
        key, value = field.group(2).strip("'\""), (field.group(3) or "").strip()
        if value and value[0] in "\"'":
            closed = (_DOUBLE if value[0] == '"' else _SINGLE).match(value)
            if not closed:
                return key, (f"the quote ({value[0]}) that opens this value is never closed: end the value with "
                             f"{value[0]} on this line")
            return None
        value = _COMMENT.sub("", value)
        if value and value[0] not in "[{|>&*!%@`" and (": " in value or value.endswith(":")):
            quote = "'" if '"' in value else '"'
            return key, (f'the value contains a colon followed by a space, which YAML reads as a new field: '
                         f"put the {key} in quotes: {key}: {quote}{value}{quote}")
        return None
    bare = _NO_SPACE.match(line)
    if bare and not bare.group(2).startswith("//"):
        return bare.group(1), f"put a space after the colon: {bare.group(1)}: {bare.group(2)}"
    return None


def folded_item(path: str, node: Any, field: str, first_line: int, text: str) -> list[Problem]:
    """A plain value over several lines whose later line starts with "- ": a list
    item indented too far, which YAML silently joins to the value above it."""
    lines = text.split("\n")
    for number in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
        if lines[number].lstrip(" ").startswith("- "):
            return [Problem(path, first_line + number, field, _ITEM + f' (YAML joined it to the value above: '
                            f'"{node.value}")')]
    return []
