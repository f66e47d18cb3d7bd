"""YAML mistakes said in plain words, at the line where they are made.

PyYAML reports where its parser noticed a mistake, often lines later (an
unclosed quote is "found unexpected end of stream" at the end of the front
matter) and in its own terms ("mapping values are not allowed in this
context"). When a parse fails, the lines up to the one the parser named are
read again for the commonest mistakes, and the first one found is reported
instead, with its fix: a tab in the indentation, a quote that never closes,
text after a closing quote (`title: 'Mali's army'`), a value starting with
a character YAML reserves (`title: [Updated] …`, `*`, `@`, `|`…), a colon
in an unquoted value, a missing space after a colon, a line of prose where
a field should be (the closing '---' forgotten), a list or a mapping that
never closes; then, on the line the parser named, a field or a list item at
the wrong indentation. Only a failed parse pays for this."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any

from ..errors import Problem

# Every field's name in the content's files, at any depth (schemas/: a test keeps them one):
# a line that starts with one and no colon is a field whose colon was left out.
FIELD_NAMES = frozenset((
    "according_to", "actors", "aliases", "archive_url", "author", "body", "by", "country", "date", "description",
    "draft", "end_date", "event", "footer", "fr", "injured", "kind", "killed", "language", "lat", "location", "lon",
    "max", "menu", "min", "missing", "name", "precision", "profile", "published", "publisher", "quote",
    "region", "reported_toll", "responses", "role", "source", "stance", "summary", "tags", "title", "url",
    "wording"))
# `key: rest` (after any `- ` list markers), the key plain or quoted.
_FIELD = re.compile(r"""^( *(?:- +)*)([^\s#"'\[\]{},&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*'):(?: +(.*))?$""")
MARKERS = re.compile(r" *(?:- +)*")  # a line's indentation and list markers: where its field starts
_ITEM_VALUE = re.compile(r"^ *(?:- +)+(.*)$")
_ODD_COLON = re.compile(r"^ *(?:- +)?([A-Za-z_][\w-]*):([^\S \t\n])")   # "name:" then a no-break space…
_LOOKALIKE_COLON = re.compile("[\uff1a\ufe55\ua789\u2236\u02d0]")  # full-width, small, modifier, ratio, triangular
_NO_SPACE = re.compile(r"^ *(?:- +)?([A-Za-z_][\w-]*):(\S.*)$")
_PLAIN_VALUE = re.compile(r"[\w.+-]+")  # a number, a date, true or a word: nothing YAML reads otherwise
_DOUBLE = re.compile(r'"(?:[^"\\]|\\.)*"')
_SINGLE = re.compile(r"'(?:[^']|'')*'")
_COMMENT = re.compile(r"(?:^|\s+)#.*$")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")
# What YAML makes of a value that starts with these characters ("" where it refuses them).
_STARTS = {"[": "a list", "{": "a mapping", "*": "an alias", "&": "an anchor", "!": "a tag",
           "|": "a block of text", ">": "a block of text", "%": "a directive", "@": "", "`": ""}
# PyYAML's words for mistakes its mark puts on the right line, said with the fix.
_PLAIN_WORDS = (
    ("unknown escape character", "in double quotes a backslash starts an escape (\\n, \\\"): write \\\\ for a "
                                 "backslash, or put the value in single quotes ('...'), where a backslash is itself"),
    ("block sequence entries are not allowed", "a value cannot start with \"- \" on its field's line (YAML reads a "
                                               "list): put the value in quotes, or the list's items on the lines "
                                               "below, each starting with \"- \""),
    ("mapping keys are not allowed", "a value cannot start with \"? \" (YAML reads a key): put the value in quotes"),
    ("found unhashable key", "a field's name cannot be a list or a mapping ([…] or {…}): write the name alone, "
                             "as in title: value"),
    # `title: <<`, `wording: =`: words YAML keeps for itself (a merge, a default value) when alone.
    ("could not determine a constructor for the tag 'tag:yaml.org,2002:merge'",
     'YAML reads "<<" alone as a merge, not text: put it in quotes ("<<")'),
    ("could not determine a constructor for the tag 'tag:yaml.org,2002:value'",
     'YAML reads "=" alone as a default value, not text: put it in quotes ("=")'),
)
# YAML's own tags (`date: !!timestamp 2025-02-17`), written before a value that was meant alone.
_STANDARD_TAG = re.compile(r"(!![a-z]+)\s+")
_STRUCTURE = ("did not find expected key", "did not find expected '-' indicator",
              "mapping values are not allowed")

TOO_DEEP = "it is indented more than the line above, which already has its value"
NO_COLUMN = "its indentation matches no field above it"


_NOT_A_FIELD = "this line is not a field (name: value)"


def syntax_problem(path: str, text: str, exc: Any, first_line: int) -> Problem:
    """The problem to report for PyYAML's `exc` over `text` (which starts at `first_line`)."""
    mark = exc.problem_mark or exc.context_mark
    noticed = mark.line if mark else 0
    lines = text.split("\n")
    for words, fix in _PLAIN_WORDS:
        if words in (exc.problem or "") and noticed < len(lines) and (
                words != "found unhashable key" or lines[noticed].lstrip(" -")[:1] in "[{"):
            field = _FIELD.match(lines[noticed])
            return Problem(path, first_line + noticed,
                           _path_at(lines, noticed, field.group(2).strip("\"'")) if field else "", fix)
    block = -1  # the indentation of the field whose block of text (`profile: >-`) is being read, if one is
    for number, line in enumerate(lines[: noticed + 1]):
        indent = len(line) - len(line.lstrip(" "))
        if block >= 0 and (not line.strip() or indent > block):
            continue  # a line of text, whatever it holds
        if block >= 0 and not _FIELD.match(line) and (found := _no_colon(lines, number)
                                                       or _text_left_behind(lines, number)):
            return Problem(path, first_line + number, *found)
        found = _mistake(line)
        if found:
            field, message = found
            field = _path_at(lines, number, field) if field else field
            if path.endswith("site.yaml") and message.startswith(_NOT_A_FIELD):  # plain YAML: there is no body
                message = f"{_NOT_A_FIELD}: write it as one, or make it a comment (start it with #)"
            return Problem(path, first_line + number, field, message)
        header = _FIELD.match(line)
        block = len(header.group(1)) if header and _BLOCK_SCALAR.match((header.group(3) or "").strip()) else -1
    if "found unhashable key" in (exc.problem or "") and noticed < len(lines) and (
            field := _FIELD.match(lines[noticed])) and (field.group(3) or "").startswith("{"):
        # `title: {{ title }}`: a placeholder left as it was, read as a mapping whose key is a mapping
        name, value = field.group(2), field.group(3).strip()
        return Problem(path, first_line + noticed, name.strip("\"'"), (
            f'YAML reads a value that starts with "{{" as a mapping, and cannot read this one ({value}: a '
            f"placeholder left unfilled?): write the {name} itself, or put it in quotes: {name}: {quoted(value)}"))
    what = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    if context == "while scanning a simple key" and exc.context_mark and exc.context_mark.line < len(lines) and (
            found := _stray_line(lines, exc.context_mark.line)):
        return Problem(path, first_line + exc.context_mark.line, *found)
    if context.startswith("while parsing a flow") and exc.context_mark and exc.context_mark.line < len(lines):
        opened = exc.context_mark.line
        return Problem(path, first_line + opened, *_unclosed_flow(lines[opened], context))
    if "another document" in what:
        return Problem(path, first_line + noticed, "", "a '---' line here starts a second YAML document: remove "
                       "it (site.yaml is plain YAML, without '---' lines; a content file's front matter ends at "
                       "its second '---')")
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), 0)
    if first < noticed and lines[first][:1] == " ":
        return Problem(path, first_line + first, "", "the first field is indented: start it at the beginning of "
                       "the line, as every field after it")
    if noticed < len(lines) and any(s in what for s in _STRUCTURE):
        found = _in_block(lines, noticed) or _misplaced(lines, noticed)
        if found:
            return Problem(path, first_line + noticed, *found)
    if "expected" in what and noticed < len(lines) and lines[noticed].lstrip(" ").startswith("- "):
        if _item_among_fields(lines, noticed) is not None:  # no list there: a field typed with "- "
            field = _FIELD.match(lines[noticed].lstrip(" ")[2:].lstrip(" ")).group(2)
            return Problem(path, first_line + noticed, "", (
                f'"- {field}:" stands among the fields of a mapping, where no list is: remove the "- " and '
                "start it in the column of the fields above it"))
        if (parent := _one_mapping(lines, noticed)) is not None:
            header, key = parent
            first = _FIELD.match(lines[noticed].lstrip(" ")[2:].lstrip(" "))
            example = f"- {first.group(2)}: …" if first else "- …"
            return Problem(path, first_line + noticed, _path_at(lines, header, key), (
                f'{AMONG_FIELDS} of "{key}", which holds one mapping, not a list: to give {key} several, make it '
                f'a list, each item starting with "- " ({example}) and its other fields under it, two columns in'))
        return Problem(path, first_line + noticed, "", _ITEM)
    if (opened := _unindented_block(lines, noticed)) is not None:
        number, key, sign = opened
        return Problem(path, first_line + number, key, (
            f'{UNINDENTED}"{key}: {sign}") is not indented under it: indent its lines two spaces more '
            f'than "{key}:"'))
    if noticed < len(lines) and any(s in what for s in _STRUCTURE) and lines[noticed].strip():
        return Problem(path, first_line + noticed, "", (
            "this line is neither a field (name: value) nor part of the value above it: check its indentation, "
            "and the line above (a quoted value ends at its closing quote)"))
    return Problem(path, first_line + noticed, "", f"YAML syntax error: {what}")


def _stray_line(lines: list[str], n: int) -> tuple[str, str] | None:
    """(field, message) for line `n`, which YAML read as a field's name whose ":"
    never came ("could not find expected ':'", said on the line after): a field
    written without its colon ("author Jane Doe"); a line of a block of text no
    deeper than its field; a line among a list's items without its "- " (an
    item, or the rest of the one above: both are said); the rest of a value
    wrapped onto a line no deeper than its field (as GitHub's editor wraps a
    long line that a contributor then breaks). None for another line."""
    col = _column(lines[n])
    text = lines[n].strip()
    if found := _no_colon(lines, n) or _text_left_behind(lines, n):
        return found
    above = next((i for i in range(n - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                 None)
    if above is None:
        return None
    line = lines[above]
    body = line.lstrip(" ")
    inner = _FIELD.match(body[2:].lstrip(" ")) if body.startswith("- ") else None
    if body.startswith("- ") and _column(line) == col and ":" not in text and not (inner and inner.group(3)):
        owner = next((j for j in range(above - 1, -1, -1) if lines[j].strip()
                      and not lines[j].lstrip().startswith("#") and _column(lines[j]) < col), None)
        header = _FIELD.match(lines[owner]) if owner is not None else None
        key = header.group(2).strip("\"'") if header else ""
        return (_path_at(lines, owner, key) if header else "",
                f'this line stands among the items of a list, each starting with "- ": if it is an item, write it '
                f"as one, - {text}; if it goes on with the item above, join it to that line")
    field = _FIELD.match(line) if not inner else inner
    value = (field.group(3) or "").strip() if field else ""
    if field and value and not _BLOCK_SCALAR.match(value) and value[0] not in "[{" and \
            col <= _column(line) + (len(body) - len(body[2:].lstrip(" ")) if inner else 0) and \
            not _FIELD.match(lines[n]):
        key = field.group(2).strip("\"'")
        return (_path_at(lines, above, key),
                f'this line goes on with the value of "{key}" above, but starts no deeper than "{key}:", so YAML '
                f"cannot read it: join it to the line above (a value may be one long line), or indent it further "
                f'than "{key}:"')
    return None


def _no_colon(lines: list[str], n: int) -> tuple[str, str] | None:
    """(field, message) where line `n` starts with a field's name and no colon
    after it ("  author Jane Doe", "tags"): a field, not text."""
    words = lines[n].strip().split(None, 1)
    if not words or words[0] not in FIELD_NAMES or words[0] in _siblings(lines, n):
        return None  # (one its mapping has already: "by" opening the rest of a quote, not the field)
    rest = f" {words[1]}" if len(words) > 1 else ""
    return (_path_at(lines, n, words[0]),
            f'"{words[0]}" has no colon after it, so YAML cannot read it as a field: write {words[0]}:{rest}')


def _siblings(lines: list[str], n: int) -> set[str]:
    """The fields given above line `n` in the mapping it stands in (its column)."""
    col, found = _column(lines[n]), set()
    for j in range(n - 1, -1, -1):
        line = lines[j]
        if not line.strip() or line.lstrip().startswith("#") or _column(line) > col:
            continue
        body = line.lstrip(" ")
        at = _column(line) + (len(body) - len(body[2:].lstrip(" ")) if body.startswith("- ") else 0)
        if at != col:
            break
        if field := _FIELD.match(body[2:].lstrip(" ") if body.startswith("- ") else line):
            found.add(field.group(2).strip("\"'"))
        if body.startswith("- ") or _column(line) < col:
            break
    return found


def _text_left_behind(lines: list[str], n: int) -> tuple[str, str] | None:
    """(field, message) where line `n` is a line of the block of text above it
    (`summary: >-`, its lines indented under it), not indented as its lines
    are: neither a field nor an item, after lines of that text."""
    line = lines[n]
    if not line.strip() or _FIELD.match(line) or line.lstrip(" ").startswith(("- ", "#")) or \
            "\t" in line[:len(line) - len(line.lstrip())] or _no_colon(lines, n):
        return None  # (a tab in its indentation is a mistake of its own: _mistake says it)
    col = _column(line)
    for i in range(n - 1, -1, -1):
        above = lines[i]
        if not above.strip():
            continue
        header = _FIELD.match(above)
        if header and _BLOCK_SCALAR.match((header.group(3) or "").strip()):
            indent = len(header.group(1))
            between = [x for x in lines[i + 1:n] if x.strip()]
            if between and col <= indent and all(_column(x) > indent for x in between):
                key = header.group(2).strip("\"'")
                sign = (header.group(3) or "").split("#")[0].strip()
                return (_path_at(lines, i, key),
                        f'this line is a line of the text of "{key}" ({key}: {sign}) above, but is not indented '
                        f"as its other lines are: indent it as they are, {_column(between[0])} spaces")
            return None
        if _column(above) <= col:
            return None
    return None


UNINDENTED = "the text of this block ("


def indented_text(lines: list[str], n: int, message: str) -> dict[int, str]:
    """Where syntax_problem said the block of text of line `n` is not indented
    under it: its lines, indented (line → mended line), so that the lines after
    them are read for their own mistakes, not said again as this one. {} else.
    Its lines run to the first field or item (blank lines among them)."""
    if not message.startswith(UNINDENTED) or not (header := _FIELD.match(lines[n])):
        return {}
    indent = " " * (len(header.group(1)) + 2)
    out = {}
    for j in range(n + 1, len(lines)):
        line = lines[j]
        if not line.strip():
            continue
        if _FIELD.match(line) or line.lstrip(" ").startswith(("- ", "#")):
            break
        out[j] = indent + line.lstrip(" ")
    return out


def _unindented_block(lines: list[str], noticed: int) -> tuple[int, str, str] | None:
    """(line, field, its sign) of a block of text (`wording: >`) above line `noticed`
    whose next line is prose no deeper than the field: its text, not indented."""
    for number in range(min(noticed, len(lines) - 1), -1, -1):
        header = _FIELD.match(lines[number])
        value = (header.group(3) or "").strip() if header else ""
        if not header or not _BLOCK_SCALAR.match(value):
            continue
        after = next((line for line in lines[number + 1:] if line.strip()), "")
        indent = len(header.group(1))
        if after and len(after) - len(after.lstrip(" ")) <= indent and not _FIELD.match(after) \
                and not after.lstrip(" ").startswith(("- ", "#")):
            return number, header.group(2).strip("\"'"), value.split("#")[0].strip()
        return None
    return None


_ITEM = ('this list item is at the wrong indentation: start its "-" in the same column as the '
         "other items of its list")
AMONG_FIELDS = "this list item stands among the fields"


def _column(line: str) -> int:
    """Where a line's text starts: its indentation in spaces."""
    return len(line) - len(line.lstrip(" "))


def _one_mapping(lines: list[str], n: int) -> tuple[int, str] | None:
    """(line, key) of the field whose value holds the mapping a "- " item on line
    `n` stands in ("reported_toll:", "  killed: 12", "  - killed: 20": a second
    claim added to a toll that holds one), or None where that value is a list
    or no field holds it."""
    col = _column(lines[n])
    fields = 0
    for j in range(n - 1, -1, -1):
        line = lines[j]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _column(line) > col:
            continue
        field = _FIELD.match(line)
        if _column(line) == col:
            if line.lstrip(" ").startswith("- ") or not field:
                return None
            fields += 1
            continue
        if not field or field.group(3) or line.lstrip(" ").startswith("- ") or not fields:
            return None
        return j, field.group(2).strip("\"'")
    return None


def dropped_item(lines: list[str], n: int, message: str) -> list[int]:
    """The lines of the list item on line `n` that syntax_problem said stands in
    the wrong place, with the lines under it: taken out (blank) so that the rest
    of the file is read for its other mistakes, where mended() cannot mend the
    one line. [] for any other line."""
    if not message.startswith((_ITEM, AMONG_FIELDS)) or not lines[n].lstrip(" ").startswith("- ") \
            or not _holds_lines(lines, n):
        return []
    col = _column(lines[n])
    block = [n]
    for j in range(n + 1, len(lines)):
        line = lines[j]
        if line.strip() and not line.lstrip().startswith("#") and _column(line) <= col:
            break
        block.append(j)
    return block


def _path_at(lines: list[str], n: int, key: str) -> str:
    """The field `key` on line `n` named as the other problems name it, from the
    lines above: "source.publisher", "actors[0].name" (not "publisher", "name")."""
    parts: list[str] = [key]
    line = lines[n]
    col = _column(line)
    if line.lstrip(" ").startswith("- "):  # the key on an item's own line: the item's place in its list
        parts.insert(0, f"[{_index(lines, n, col)}]")
    for j in range(n - 1, -1, -1):
        above = lines[j]
        if not above.strip() or above.lstrip().startswith("#") or _column(above) >= col:
            continue
        body = above.lstrip(" ")
        if body.startswith("- "):
            parts.insert(0, f"[{_index(lines, j, _column(above))}]")
            if (inner := _FIELD.match(body[2:].lstrip(" "))) and _column(above) + 2 < col:
                parts.insert(1, "." + inner.group(2).strip("\"'"))  # "- by: X" then "  date: …" beside it
        elif field := _FIELD.match(above):
            parts.insert(0, field.group(2).strip("\"'") + ".")
        else:
            break
        col = _column(above)
        if col == 0:
            break
    return "".join(part if part.startswith(("[", ".")) or i == 0 or parts[i - 1].endswith(".")
                   else "." + part for i, part in enumerate(parts)).replace(".[", "[").replace("..", ".")


def _index(lines: list[str], n: int, col: int) -> int:
    """Which item of its list the "- " at column `col` on line `n` is."""
    count = 0
    for j in range(n - 1, -1, -1):
        line = lines[j]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        c = len(line) - len(line.lstrip(" "))
        if c < col or (c == col and not line.lstrip(" ").startswith("- ")):
            break
        if c == col:
            count += 1
    return count


def _mistake(line: str) -> tuple[str, str] | None:
    """(field, message) for a line that holds one of the common mistakes, else None."""
    body = line.lstrip(" ")
    if body.startswith("\t"):
        return "", "indented with a tab: indent with spaces (YAML does not allow tabs for indentation)"
    if body[:1].isspace():
        return "", odd_indent(body[0])
    odd = _ODD_COLON.match(line)
    if odd:
        return odd.group(1), (f'the colon after "{odd.group(1)}" is followed by {_name(odd.group(2))}, which YAML '
                              "does not read as a space: type a plain space after the colon")
    colon = _LOOKALIKE_COLON.search(line)
    if colon and ":" not in line[:colon.start()]:
        return "", f"this line's colon is {_name(colon.group())}: type a plain colon (:)"
    field = _FIELD.match(line)
    if field:
        key, value = field.group(2).strip("'\""), (field.group(3) or "").strip()
        bare = key.rstrip()  # "title\u00a0:", as a French keyboard writes it: said as "title", its fix without
        found = _value_mistake(bare, value, f"put the {bare} in quotes: {bare}: ")
        if found and bare != key:
            space = key[len(bare):][-1]
            return found[0], f"{found[1]} (and delete the {_name(space)} before the colon)"
        return found
    item = _ITEM_VALUE.match(line)
    if item:
        return _value_mistake("", item.group(1).strip(), "put the item in quotes: - ")
    bare = _NO_SPACE.match(line)
    if bare and not bare.group(2).startswith("//"):
        return bare.group(1), f"put a space after the colon: {bare.group(1)}: {bare.group(2)}"
    if body and line[0] not in " #-[]{}\"'" and line.strip() not in ("---", "..."):
        return "", (f"{_NOT_A_FIELD}: write it as one, or, if the body starts here, add a '---' line above it "
                    "to close the front matter")
    return None


def mended(lines: list[str], n: int) -> str | None:
    """Line `n` with its mistake taken out and its place in the structure kept
    (`key: ""`, `- ""`, or blank): so that the file is read on to its next
    mistake. None where the lines after it may belong to it (a quote or a
    bracket opened on it, and the next line no field of its own)."""
    line = lines[n]
    body = line.lstrip(" ")
    if not body.strip() or body.startswith("#"):
        return None
    if body.startswith("\t") or body[:1].isspace():
        # How deep a tab is, YAML does not say: lines indented after it may be its own.
        column = _tab_column(lines, n)
        if column is not None:
            return " " * column + line.lstrip(" \t")
        later = next((line for line in lines[n + 1:] if line.strip() and not line.lstrip().startswith("#")), "")
        if later[:1] not in (" ", "\t") and not _holds_lines(lines, n):
            return ""
        return None
    field, item = _FIELD.match(line), _ITEM_VALUE.match(line)
    value = (field.group(3) or "") if field else item.group(1) if item else line
    if any(c in value for c in "[{\"'") and not _next_is_own(lines, n):
        return None
    held = _holds_lines(lines, n)  # the lines under it: kept its, as a field with no value of its own
    if (among := _item_among_fields(lines, n)) is not None:
        return among
    if field:
        return f'{field.group(1)}{field.group(2)}:' + ("" if held else ' ""')
    if found := _NO_SPACE.match(line):
        plain = found.group(2).strip()  # `draft:false`: read as meant, a space after the colon
        if not held and _PLAIN_VALUE.fullmatch(plain):
            return line.split(":", 1)[0] + ": " + plain
        return line.split(":", 1)[0] + (":" if held else ': ""')
    if held:
        return None  # an item or a line with lines under it: taken out, they would be mistakes of their own
    return line[:item.start(1)] + '""' if item else ""


# Fields only ever at the front matter's top level (not "date", "name" or "title", which are
# also a response's, a place's or a translation's): a tab before one of them is read there.
_TOP_ONLY = frozenset(("event", "end_date", "location", "source", "reported_toll", "actors", "responses", "tags",
                       "draft", "aliases", "fr", "menu", "footer", "languages", "license", "repository", "base_url"))


_BLOCK = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")  # a field whose text is the lines below it ("summary: >-")


def _bare(line: str) -> str:
    """A line without its comment (" # …" after the value) and trailing blanks."""
    return re.sub(r"(?:^|[ \t])#.*$", "", line).rstrip()


def _tab_column(lines: list[str], n: int) -> int | None:
    """The column line `n`, indented with a tab, was meant at, read from the lines
    around it (indented with spaces), or None where they do not say:

    - a field only ever at the top ("\tsource:"), where it opens lines of its own
      or stands between no two lines of one mapping: the first column
    - the value of the field above it ("source:", "\tpublisher: …"; "- killed:",
      "\tmin: 60"): the column of the mapping's shallowest line below it (a line
      deeper than that is a mistake of its own), else two past the field's key
    - a line of a text over several lines: the column of the text's other lines
    - an item among the items of its list, those below it its own
      ("  - name: A", "    role: x", "\t- name: B", "    role: y"): their column
    - a field among the fields of a mapping, or of a list's item ("  - killed: 46",
      "\taccording_to: …"): their column"""
    own = lines[n].lstrip(" \t")
    item = own.startswith("- ")
    field = None if item else _FIELD.match(own)
    content = [(i, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    run = _tab_run(lines, content, n)
    if len(run) > 1:  # lines after one another indented alike ("\t- A", "\t- B"): one column, read as the first's
        others = set(run[1:])
        return _tab_column([line for i, line in enumerate(lines) if i not in others], run[0])
    above = [line for i, line in content if i < n]
    below = [line for i, line in content if i > n]
    if any(line.lstrip(" ")[:1] == "\t" for line in above[-1:] + below[:1]):
        return None  # a tab beside it too: no column to read

    def column(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    def key(line: str) -> int:  # where a line's field starts, after its list markers
        return len(MARKERS.match(line).group())

    def under(parent: int) -> list[str]:  # the lines below it deeper than `parent`, up to the first that is not
        return list(itertools.takewhile(lambda x: column(x) > parent, below))

    if not item and not field:  # a line of a text over several lines (summary: >-): the column of its others
        if not above or not below or column(below[0]) == 0:
            return None
        if _BLOCK.search(above[-1]):  # its first line: the text's own column, its shallowest line's
            rest = under(key(above[-1]))
            return min(map(column, rest)) if rest else None
        return column(below[0]) if column(above[-1]) == column(below[0]) else None

    if not above:
        return 0 if field and field.group(2).strip() in _TOP_ONLY else None
    between = column(above[-1]) == column(below[0]) > 0 if below else False  # two lines of one mapping
    holds = (_bare(own).endswith(":") or _BLOCK.search(own)) and below and column(below[0]) > 0  # lines of its own
    if field and field.group(2).strip() in _TOP_ONLY and (holds or not between):
        return 0  # (a tag named "source" among site.yaml's fr: tags: is between two of its mapping's lines)
    if _bare(above[-1]).endswith(":"):  # the first line of the value of the field above
        parent = key(above[-1])
        if holds and column(below[0]) > parent:  # its own lines, then its mapping's next field
            inner = column(below[0])
            sibling = next((x for x in below if column(x) < inner), None)
            if sibling is not None and parent < column(sibling) < inner:
                return column(sibling)
            return parent + 2 if parent + 2 < inner else None
        rest = under(parent)  # the mapping's (or list's) other lines: its column is their shallowest
        if not rest:
            return parent + 2
        shallow = min(map(column, rest))
        kinds = {x.lstrip(" ").startswith("- ") for x in rest if column(x) == shallow}
        if kinds == {item}:
            return shallow
        if item and kinds == {False} and shallow - 2 >= parent:  # a list's only item: its fields two past its "-"
            return shallow - 2
        return None
    if item:
        for line in reversed(above):  # the list's item above it, the lines between being that item's own
            if line.lstrip(" ").startswith("- "):
                at = column(line)
                after = next((x for x in below if column(x) <= at), None)  # past its own lines
                if after is None or column(after) < at or (column(after) == at and after.lstrip(" ")[:2] == "- "):
                    return at
                return None
            if not line.startswith(" "):
                return None
        return None
    at = key(above[-1])  # a field of the same mapping, or the line that starts its list item
    next_item = below and below[0].lstrip(" ").startswith("- ") and column(below[0]) < at
    if not below or (column(below[0]) != at and not (holds and column(below[0]) > at) and not next_item):
        return None  # the mapping's last line, or one of a mapping above it: no line says which
    return at  # (before the list's next item: the last field of the item above, no field of the list's own)


def _tab_run(lines: list[str], content: list[tuple[int, str]], n: int) -> list[int]:
    """The lines next to line `n` (comments and blank lines aside) indented with
    the same blanks, tab and all, and of its kind (items, or not): siblings."""
    def indent(line: str) -> str:
        return line[:len(line) - len(line.lstrip(" \t"))]

    def kind(line: str) -> tuple[str, bool]:
        return indent(line), line.lstrip(" \t").startswith("- ")

    at = next(k for k, (i, _) in enumerate(content) if i == n)
    first = last = at
    while first > 0 and kind(content[first - 1][1]) == kind(lines[n]):
        first -= 1
    while last + 1 < len(content) and kind(content[last + 1][1]) == kind(lines[n]):
        last += 1
    return [i for i, _ in content[first:last + 1]]


def _item_among_fields(lines: list[str], n: int) -> str | None:
    """A "- " line among the fields of one mapping ("  region: Mopti", "- country:
    Mali", "  lat: 14.03"; or "  - country: Mali" in their own column; or as the
    mapping's last field), read on as a field of that mapping: the lines below it
    are the mapping's, not its own. None for any other line, and where the field
    read so would be given twice in its mapping (the line began a list item of
    its own: "- killed: 5" then "  according_to: …")."""
    body = lines[n].lstrip(" ")
    if not body.startswith("- ") or not _FIELD.match(body[2:].lstrip(" ")):
        return None
    indent = len(lines[n]) - len(body)
    content = [(i, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    above = [line for i, line in content if i < n][-1:]
    below = [line for i, line in content if i > n][:1]
    if not above or not _FIELD.match(above[0]) or above[0].lstrip(" ").startswith("- "):
        return None
    column = len(above[0]) - len(above[0].lstrip(" "))
    after = len(below[0]) - len(below[0].lstrip(" ")) if below else 0
    if column < indent or (below and after > column) or (below and after == column
                                                         and below[0].lstrip(" ").startswith("- ")):
        return None
    mended = " " * column + body[2:].lstrip(" ")
    block = [mended if i == n else line for i, line in content if i == n or _in_mapping(lines, i, n, column)]
    keys = [_FIELD.match(line).group(2) for line in block
            if len(line) - len(line.lstrip(" ")) == column and _FIELD.match(line)]
    return mended if len(keys) == len(set(keys)) else None


def _in_mapping(lines: list[str], i: int, n: int, column: int) -> bool:
    """Whether line `i` belongs to the mapping whose fields stand in `column` around line `n`."""
    step = 1 if i > n else -1
    for j in range(n + step, i + step, step):
        line = lines[j]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" ")) < column:
            return False
    return True


def _holds_lines(lines: list[str], n: int) -> bool:
    """Whether the next line (blank lines and comments aside) is deeper than line
    `n`, or an item of a list under it ("actors:" then "- name: …")."""
    this = lines[n].expandtabs(8)  # a tab as editors show it
    indent = len(this) - len(this.lstrip(" "))
    for line in lines[n + 1:]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        line = line.expandtabs(8)
        deeper = len(line) - len(line.lstrip(" "))
        return deeper > indent or (deeper == indent and line.lstrip(" ").startswith("- ")
                                   and not lines[n].lstrip(" ").startswith("- "))
    return False


def _next_is_own(lines: list[str], n: int) -> bool:
    """Whether the line after `n` (blank lines and comments aside) starts a field
    or an item of its own, no deeper than line n: not the rest of a value
    whose quote or bracket line n left open. True at the end."""
    indent = len(lines[n]) - len(lines[n].lstrip(" "))
    for line in lines[n + 1:]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        return (len(line) - len(line.lstrip(" ")) <= indent) and bool(_FIELD.match(line) or _ITEM_VALUE.match(line))
    return True


def odd_indent(char: str) -> str:
    """What to say of a line indented with `char`, a space YAML does not count (U+00A0, U+3000…)."""
    return (f"indented with {_name(char)}, which YAML does not count as indentation (pasted text carries "
            "them): indent with plain spaces")


def _name(char: str) -> str:
    """A character by its code point and name: "U+00A0 NO-BREAK SPACE"."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'a character')}"


def _value_mistake(key: str, value: str, fix: str) -> tuple[str, str] | None:
    """The mistake in one value (what follows `key: ` or `- `), with `fix` leading to the corrected line."""
    if not value:
        return None
    what = "value" if key else "item"
    if value[0] in "\"'":
        closed = (_DOUBLE if value[0] == '"' else _SINGLE).match(value)
        if not closed:
            return key, (f"the quote ({value[0]}) that opens this {what} is never closed: end the {what} with "
                         f"{value[0]} on this line")
        rest = _COMMENT.sub("", value[closed.end():]).strip()
        if rest:
            meant = _COMMENT.sub("", value).strip()
            if meant[-1] == value[0] and value[0] in meant[1:-1]:
                meant = meant[1:-1]  # 'Mali's army': the quotes around it were meant, the one inside closed it
            return key, (f"the {what} ends at its closing quote ({value[0]}) and YAML cannot read the text after "
                         f"it ({rest}): {fix}{quoted(meant)}")
        return None
    value = _COMMENT.sub("", value)
    if (tag := _STANDARD_TAG.match(value)) and value[tag.end():].strip():
        meant = value[tag.end():].strip()
        return key, (f"YAML reads \"{tag.group(1)}\" as a tag, which no field takes: remove it ({key + ': ' if key else '- '}{meant}), "
                     f"or put the whole {what} in quotes")
    if key in ("killed", "injured", "missing", "min") and (more := re.fullmatch(r">=?\s*(\d+)", value)):
        # `killed: >300`: to YAML a block of text (">" then "3", its indentation) with text on its line
        return key, (f'"{value}" is read by YAML as the start of a block of text, not a number: for at least '
                     f"{more.group(1)}, write {key}: {{min: {more.group(1)}}}" if key != "min" else
                     f'"{value}" is read by YAML as the start of a block of text, not a number: write min: '
                     f"{more.group(1)}, which means at least {more.group(1)}")
    if (end := _flow_end(value)) and end > 0 and (rest := value[end + 1:].strip()) and rest[0] in "]}":
        shape = "list" if value[0] == "[" else "mapping"
        if not rest.strip("]}"):  # `location: {name: Aslagh, region: Kidal}}`: typed once more, not to quote
            return key, (f'the {shape} ({value[:end + 1]}) is closed, then "{rest}" follows, which closes nothing: '
                         f"remove it, {fix.split(': ', 1)[1]}{value[:end + 1]}")
        # `{name: Moura, region: Mopti}}, country: Mali}`: a closing bracket too early
        return key, (f'the {shape} closes at "{value[:end + 1]}", and YAML cannot read what follows it ({rest}): '
                     "check its brackets, one opening and one closing around all that it holds")
    if value and value[0] in _STARTS and not _BLOCK_SCALAR.match(value) and not _flow_alone(value):
        reads = f"reads a {what} that starts with \"{value[0]}\" as {_STARTS[value[0]]}" if _STARTS[value[0]] \
            else f"does not allow a {what} to start with \"{value[0]}\""
        return key, f"YAML {reads}: {fix}{quoted(value)}"
    if value and value[0] not in _STARTS and (": " in value or value.endswith(":")):
        return key, (f"the {what} contains a colon followed by a space, which YAML reads as a new field: "
                     + (_not_text(key, value) or f"{fix}{quoted(value)}"))
    return None


def _not_text(key: str, value: str) -> str:
    """The fix for a field that takes no text, where quotes would only make the next
    mistake: a toll's count (`killed: 4: or 5`), a flag (`draft: true: keep`)."""
    if key in ("killed", "injured", "missing", "min", "max"):
        numbers = re.findall(r"\d+", value)
        low, high = (numbers + numbers)[:2] if numbers else ("4", "5")
        return (f"write one number ({key}: {low}), or a range ({key}: {{min: {low}, max: {high}}}), and the "
                "source's words in wording:") if key not in ("min", "max") else f"write one number ({key}: {low})"
    if key == "draft":
        return "write true or false alone (draft: true)"
    return ""


def _flow_alone(value: str) -> bool:
    """Whether `value` is a flow list or mapping with nothing after it (or not closed on this line,
    which the parser's own mark reports: _unclosed_flow)."""
    end = _flow_end(value)
    return end is not None and (end < 0 or not value[end + 1:].strip())


def _flow_end(value: str) -> int | None:
    """Where the flow list or mapping `value` starts with closes; -1 if not on
    this line; None if `value` is none."""
    if value[:1] not in ("[", "{"):
        return None
    depth, quote = 0, ""
    for i, c in enumerate(value):
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'" and (i == 0 or value[i - 1] in "[{, "):
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _unclosed_flow(line: str, context: str) -> tuple[str, str]:
    """(field, message) for a list or mapping in brackets opened on `line` and never closed."""
    opening, closing, what = ("[", "]", "list") if "sequence" in context else ("{", "}", "mapping")
    field = _FIELD.match(line)
    key = field.group(2).strip("'\"") if field else ""
    value = (field.group(3) or "").strip() if field else ""
    text = f", or, if the value is text, put it in quotes: {key}: {quoted(value)}" if key and value else ""
    return key, f'the "{opening}" that opens this {what} is never closed: end the {what} with "{closing}"{text}'


def _in_block(lines: list[str], number: int) -> tuple[str, str] | None:
    """(field, message) for line `number` of a block of text (`profile: >-`) indented
    less than the block's first line, which sets the block's indentation."""
    column = len(lines[number]) - len(lines[number].lstrip(" "))
    for above in range(number - 1, -1, -1):
        line = lines[above]
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip(" "))
        field = _FIELD.match(line)
        if field and depth < column and _BLOCK_SCALAR.match((field.group(3) or "").strip()):
            key = field.group(2).strip("'\"")
            return key, (f'this line is part of the text of "{key}:" (a block, after "{field.group(3).strip()}") '
                         "but is indented less than the block's first line: indent every line of the block alike")
        if depth <= column and not (depth == column and not field):
            return None
    return None


def _misplaced(lines: list[str], number: int) -> tuple[str, str] | None:
    """(field, message) for a field at the wrong indentation on line `number`, where the parser stopped."""
    field = _FIELD.match(lines[number])
    if not field or field.group(1).strip():
        return None
    key, column = field.group(2).strip("'\""), len(field.group(1))
    above = next((line for line in reversed(lines[:number]) if line.strip() and not line.lstrip().startswith("#")),
                 None)
    if above is None:
        return None
    over = _FIELD.match(above)
    depth = len(above) - len(above.lstrip(" "))
    if over:
        depth = len(over.group(1))
    in_list = above.lstrip(" ").startswith("- ")
    bare = _ITEM_VALUE.match(above) if in_list and not over else None
    if column > depth and bare and bare.group(1).strip():
        item = _COMMENT.sub("", bare.group(1)).strip()
        return key, (f'is at the wrong indentation: the list item above ("- {item}") is a bare value, which has no '
                     f'fields: write it as "- name: {item}", with "{key}:" under "name:"')
    if column > depth and (in_list and not over or over and (over.group(3) or "").strip()
                           and not _BLOCK_SCALAR.match(over.group(3).strip())):
        why = TOO_DEEP
    elif in_list and column == depth:
        why = 'it stands among the items of a list, without a "- " of its own'
    elif in_list and over and column == len(above) - len(above.lstrip(" ")):
        # source:\n  - publisher: X\n  url: …: a "- " made the field's mapping a list of one
        return key, ('is at the wrong indentation: it stands in the column of the "- " on the line above, beside '
                     'that list item, not in it: if the field above that line is a mapping, not a list, remove its '
                     '"- "; else start this field under the item\'s first field')
    else:
        why = NO_COLUMN
    where = " (a field of a list item goes under the item's first field)" if in_list else ""
    return key, f"is at the wrong indentation: {why}; start it in the same column as the other fields of its " \
                f"mapping{where}"


def quoted(value: str) -> str:
    """`value` as a quoted YAML scalar: double quotes, or single ones when it holds
    double quotes. Typographic quotes around the whole value (“…”, pasted from a
    word processor), or a closing quote with no opening one, were meant as the
    quotes: the value is what they hold."""
    text = value.strip()
    if len(text) > 1 and (text[0], text[-1]) in (("“", "”"), ("‘", "’")):
        value = text[1:-1].strip()
    elif text.endswith('"') and text.count('"') == 1 or text.endswith("”") and text.count("”") == 1 and not (
            set("“„") & set(text)):  # not Romanian „…” nor Swedish ”…”: quotes of the text's own
        value = text[:-1].rstrip()
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def folded_item(path: str, node: Any, field: str, first_line: int, text: str) -> list[Problem]:
    """A plain value over several lines whose later line starts with "- ": a list
    item indented too far, which YAML silently joins to the value above it."""
    lines = text.split("\n")
    for number in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
        if lines[number].lstrip(" ").startswith("- "):
            return [Problem(path, first_line + number, field, _ITEM + f' (YAML joined it to the value above: '
                            f'"{node.value}")')]
    return []
