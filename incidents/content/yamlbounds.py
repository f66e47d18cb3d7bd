"""Bounds on YAML text, checked before a parser sees it.

PyYAML's C parser recurses once per level of nesting: a few thousand levels
(`tags: [[[[…`, `a: {a: {a: …`, `- - - - …`) end in a RecursionError, fifty
thousand in a segmentation fault that takes the process with it. The format
needs about four levels, so text nested deeper than MAX_DEPTH, or front
matter larger than MAX_BYTES, is refused here, by a scan that is linear in
the text and that most files pass at the cost of two counts and one search."""

from __future__ import annotations

import re

from ..errors import Problem

MAX_DEPTH = 16
MAX_BYTES = 256 * 1024

# Block nesting d needs a node at column d - 1 or more, and flow nesting an
# opening bracket per level: text with fewer than MAX_DEPTH - 1 - brackets
# columns of indentation everywhere cannot be too deep (the quick test).
_INDENTED = [re.compile(rf"^[ \t?-]{{{max(0, n)}}}", re.M) for n in range(MAX_DEPTH + 1)]
_INDICATORS = re.compile(r"(?:[-?](?:[ \t]+|$))*")
_KEY = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},&*!|>%@`][^#]*?)[ \t]*:(?:[ \t]+|$)""")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_SPECIAL = re.compile(r"""[\[\]{}"'#]""")
_CLOSE = {'"': re.compile(r'(?:[^"\\]++|\\.)*+"'), "'": re.compile(r"(?:[^']++|'')*+'(?!')")}


def bounded(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """No problem if `text` is small and shallow enough to parse; else the one that says where it is not."""
    if len(text) > MAX_BYTES:
        shown = f"{len(text) // 1024} KB"
        if len(text) // 1024 == MAX_BYTES // 1024:  # "256 KB; the limit is 256 KB" would say no excess
            shown = f"{len(text):,} characters, {len(text) - MAX_BYTES:,} more than {MAX_BYTES:,}"
        return [Problem(path, first_line, "", f"the front matter is {shown}; the limit is "
                        f"{MAX_BYTES // 1024} KB: the article's text belongs in the body, after the closing '---'")]
    brackets = text.count("[") + text.count("{")
    if brackets < MAX_DEPTH and not _INDENTED[MAX_DEPTH - 1 - brackets].search(text):
        return []
    found = too_deep(text)
    if found is None:
        return []
    depth, line, field = found
    return [Problem(path, first_line + line, field,
                    f"nested {depth} levels deep; the format allows at most {MAX_DEPTH}")]


def too_deep(text: str, limit: int = MAX_DEPTH) -> tuple[int, int, str] | None:
    """Where `text` first nests deeper than `limit`: (the deepest it goes within that
    top-level field, the 0-based line where it passes the limit, the field), or None.

    Levels are block collections (a column of indentation, a `- ` or `? `, a key)
    and flow ones (`[`, `{`); quoted scalars, block scalars and comments are
    skipped. It reads YAML as a parser would closely enough to count levels,
    not to check it: what it misreads, the parser reports."""
    stack: list[tuple[int, bool]] = []   # open block collections: (column, is a sequence)
    flow = 0                             # open flow collections
    quote = ""                           # the quote a quoted scalar left open on an earlier line
    scalar = None                        # a block scalar's lines are those indented more than this
    field, passed, deepest = "", None, 0
    for number, line in enumerate(text.split("\n")):
        start = 0
        if scalar is not None:
            body = line.lstrip(" ")
            if not body or len(line) - len(body) > scalar:
                continue
            scalar = None
        if quote:
            end = _CLOSE[quote].match(line)
            if end is None:
                continue
            quote, start = "", end.end()
        elif flow == 0:
            column = len(line) - len(line.lstrip(" "))
            if column == len(line) or line[column] == "#":
                continue
            while stack and (stack[-1][0] > column or (stack[-1][0] == column and (
                    stack[-1][1] or line[column] != "-"))):
                stack.pop()
            if not stack:
                if passed is not None:
                    break  # the field that went too deep is over
                field = ""
            run = _INDICATORS.match(line, column)
            stack += [(column + i, True) for i, c in enumerate(line[column:run.end()]) if c in "-?"
                      and (column + i + 1 == len(line) or line[column + i + 1] in " \t")]
            start = run.end()
            key = _KEY.match(line, start)
            if key:
                if not stack and start == 0:
                    field = key.group(1).strip("'\"")
                stack.append((start, False))
                start = key.end()
            if _BLOCK_SCALAR.match(line, start):
                scalar = stack[-1][0] if stack else -1
            if len(stack) > limit and passed is None:
                passed = number
            deepest = max(deepest, len(stack)) if passed is not None else deepest
        seg = start  # where a node may begin on this line
        for m in _SPECIAL.finditer(line, start):
            at = m.start()
            if at < start:
                continue  # inside a quoted scalar skipped below
            c = m.group()
            j = at - 1
            while j >= seg and line[j] in " \t":
                j -= 1
            begins = j < seg or (flow > 0 and line[j] in "[{,:")
            if c == "#":
                if at == 0 or line[at - 1] in " \t":
                    break
            elif c in "\"'":
                if begins:
                    end = _CLOSE[c].match(line, at + 1)
                    if end is None:
                        quote = c
                        break
                    start = end.end()
            elif c in "[{":
                if flow > 0 or begins:
                    flow += 1
                    if len(stack) + flow > limit and passed is None:
                        passed = number
                    if passed is not None:
                        deepest = max(deepest, len(stack) + flow)
            elif flow > 0:
                flow -= 1
                if flow == 0:
                    seg = at + 1  # what follows a flow collection ends the node
    if passed is None:
        return None
    return deepest, passed, field
