"""Split a source file into YAML front matter and a Markdown body, keeping
the line of every field so errors can point at it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import re
import unicodedata

import yaml

from ..errors import Problem
from .model import CHECK_MARK, Lines
from .yamlbounds import bounded
from .yamlhints import MARKERS, NO_COLUMN, TOO_DEEP, dropped_item, folded_item, indented_text, mended, syntax_problem

# Control characters but tab and newline (C0, DEL and C1: XML 1.0 and HTML refuse
# most, and YAML reads U+0085 as a line break), lone surrogates, the two non-characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line and paragraph separators: line breaks to YAML, not to anyone counting lines.
SEPARATORS = re.compile("[\u2028\u2029]")

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LongNumber(int):
    """A whole number written with more digits than Python reads (4,300): kept as
    written, for the error that says it is too large, valued above any limit."""

    text: str

    def __new__(cls, text: str) -> LongNumber:
        number = super().__new__(cls, 10**18)
        number.text = text
        return number

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __getnewargs__(self) -> tuple[str]:  # type: ignore[override]
        return (self.text,)


class _Written:
    """A number as written, where Python would write it otherwise: its value, and
    the text a field that takes text keeps (fields.Fields.text)."""

    text: str
    _kind: type

    def __new__(cls, value, text: str):
        number = super().__new__(cls, value)  # type: ignore[call-arg]
        number.text = text
        return number

    def __getnewargs__(self) -> tuple:
        return (self._kind(self), self.text)


class WrittenInt(_Written, int):
    """`publisher: 007`, `region: 0x1F`: 7 and 31, written so."""

    _kind = int


class WrittenFloat(_Written, float):
    """`title: 1.10`, `wording: .inf`: not Python's 1.1 and inf."""

    _kind = float


_STR = "tag:yaml.org,2002:str"
# Keys kept as YAML made them: text already, and "<<" (a merge key, which _locate refuses)
_AS_WRITTEN = frozenset((_STR, "tag:yaml.org,2002:merge"))


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader, read as people write (and as YAML 1.2 does): no
    implicit timestamps (dates stay strings, so that "2025-02-30" is our clear
    error rather than a ValueError inside YAML); true and false the only
    booleans (`country: NO` is Norway, `draft: yes` an error to fix); whole
    numbers in decimal (`010` is ten, not eight), with 0x and 0o, never in
    base 60 (`killed: 1:30` is no 90)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.text = stream if isinstance(stream, str) else ""  # what marks point into (construct_scalar)

    def construct_yaml_int(self, node: Any) -> int:
        text = str(self.construct_scalar(node))
        digits = text.replace("_", "").lstrip("+-")
        sign = -1 if text.startswith("-") else 1
        if len(digits) > 4000:  # Python refuses to read more than 4,300 digits
            return LongNumber(text)
        if digits[:2] in ("0x", "0X", "0o"):
            value = sign * int(digits[2:], 16 if digits[1] in "xX" else 8)
        else:
            value = sign * int(digits)
        return value if text == str(value) else WrittenInt(value, text)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        """Keys as written: `1_000:`, `0x1F:`, `~:` or `true:` are the fields
        "1_000", "0x1F", "~" and "true", said so and on their lines (where
        _locate puts them), not as Python's 1000, 31, None and True."""
        node.value = [(yaml.ScalarNode(_STR, key.value, key.start_mark, key.end_mark, key.style)
                       if key.tag not in _AS_WRITTEN and isinstance(key, yaml.ScalarNode) else key, value)
                      for key, value in node.value]
        return super().construct_mapping(node, deep)

    def construct_scalar(self, node: Any) -> Any:
        """A value as written where YAML reads it as an empty block of text:
        `killed: >4` ("more than 4") is ">" then the block's indentation, 4,
        and no text; read as ">4", it is said as the count it was meant to be."""
        value = super().construct_scalar(node)
        if value == "" and node.style == ">":
            written = self.text[node.start_mark.index:].split("\n", 1)[0].split("#", 1)[0].strip()
            if _MORE_THAN.fullmatch(written):
                return written
        return value

    def construct_written_float(self, node: Any) -> float:
        value = self.construct_yaml_float(node)
        text = str(self.construct_scalar(node))
        return value if text == str(value) else WrittenFloat(value, text)


_MORE_THAN = re.compile(r">[-+]?[1-9][0-9]*[-+]?")  # `>4`: YAML's block of text, indented 4, with no text
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+|[-+]?0o[0-7_]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_OURS = {"tag:yaml.org,2002:bool": _BOOL, "tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, _OURS.get(tag, rx)) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_written_float)


def _refused(loader: Any, node: Any) -> Any:
    """YAML's tags for values no field takes (`!!binary`, `!!set`…): said as any
    other tag is (yamlhints: "put it in quotes"), not published as Python writes them."""
    raise yaml.constructor.ConstructorError(None, None, f"the tag {node.tag!r} is not allowed", node.start_mark)


for _tag in ("binary", "set", "omap", "pairs", "timestamp"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refused)

def unwritable(value: str) -> str:
    """Why a value given on the command line cannot go in a report as it is, or ""."""
    if any("\ud800" <= c <= "\udfff" for c in value):  # what the command line held that is not UTF-8
        return "holds bytes that are not UTF-8 text: type it again, or give it in UTF-8"
    if bad := FORBIDDEN.search(value):
        return f"contains the control character U+{ord(bad.group()):04X}; remove it"
    if bad := SEPARATORS.search(value) or re.search("[\n\r]", value):
        return f"contains a line break (U+{ord(bad.group()):04X}); write it on one line"
    return ""


Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed file: its data, where each field stands, and its body."""

    path: str
    data: dict[str, Any]
    lines: Lines = field(repr=False)
    body: str
    body_line: int
    # Lines whose YAML mistakes were taken out to read the rest (parse_yaml): the
    # data is then read for the file's other mistakes, never built into the site.
    mended: frozenset[int] = frozenset()
    # (line, its comment's words) of each line `import` marked "# check:" (a guess)
    marks: tuple[tuple[int, str], ...] = ()

    def line(self, *where: str | int) -> int:
        """The line of the deepest known part of `where` (else of the file's start)."""
        for end in range(len(where), 0, -1):
            if where[:end] in self.lines:
                return self.lines[where[:end]]
        return 1

    def own(self, problems: list[Problem]) -> list[Problem]:
        """Of the problems found in this document's data, the writer's: where lines
        were mended, not one of a field the data lacks (said on the line above it,
        or the file's first), nor of a field with a mended line among its own
        (its line to the next field not under it): its value is the mending's."""
        if not self.mended:
            return problems
        paths = sorted(self.lines.paths, key=lambda path: self.lines[path])
        spans: dict[str, tuple[int, int]] = {}
        for i, path in enumerate(paths):
            end = next((self.lines[q] for q in paths[i + 1:] if q[:len(path)] != path), 1 << 30)
            spans[dotted(path)] = (self.lines[path], end)
        touched = {field for field, (start, end) in spans.items() if any(start <= m < end for m in self.mended)}
        # A field whose value is the mending's, which others' rules read (`draft:` for
        # the placeholders a draft may keep): a problem whose advice names it is the mending's too.
        named = [f'"{field}:' for field in touched if "." not in field and "[" not in field
                 and self.data.get(field) in ("", None)]

        def writers(p: Problem) -> bool:
            if p.line in self.mended or any(name in p.message for name in named):
                return False
            if p.message.startswith("unknown field") and spans.get(p.field, (0, 0))[0] == p.line:
                return True  # its name, on a line of its own that no mending touched ("tagz:", an item mended)
            return not p.field or (spans.get(p.field, (0, 0))[0] == p.line and p.field not in touched)
        return [p for p in problems if writers(p)]


def split(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file's text. Returns the document, or None, and the problems: a
    key given twice is one, said beside the document YAML reads (the last value
    kept), so that the file's other mistakes are found in the same run."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Problem(path, 1, "", "the file is empty; it needs front matter between two '---' lines")]
    # Each line's control characters said, then read as spaces (a line's length and the
    # lines' count kept): the file's other mistakes are found in the same run.
    text, refused = spaced(path, text, FORBIDDEN, 1)
    document, problems = _split(path, text)
    return document, refused + problems


def spaced(path: str, text: str, pattern: re.Pattern, first: int) -> tuple[str, list[Problem]]:
    """`text` with what `pattern` finds (FORBIDDEN's control characters, or
    SEPARATORS, which YAML reads as line breaks) read as spaces, and a problem
    for each line that held any (its first line being `first`): said, then out
    of the way of the file's other mistakes, on their own lines."""
    if pattern is FORBIDDEN:
        refused = _each_line(path, text, pattern, first, lambda found: (
            f"contains the control character{'s' if len(found) > 1 else ''} {', '.join(found)}; remove "
            f"{'them' if len(found) > 1 else 'it'}"))
    else:
        refused = _each_line(path, text, pattern, first, lambda found: (
            f"contains {', '.join(f'{code} {unicodedata.name(chr(int(code[2:], 16)))}' for code in found)}, "
            "which YAML reads as a line break (pasted text carries it): replace it with a space"))
    return (pattern.sub(" ", text) if refused else text), refused


def _each_line(path: str, text: str, pattern: re.Pattern, first: int,
               say: Callable[[list[str]], str]) -> list[Problem]:
    """A problem for each line of `text` (its first being line `first`) that holds
    what `pattern` finds, `say` given what it found there ("U+0002", …)."""
    found: dict[int, list[str]] = {}
    for match in pattern.finditer(text):
        code = f"U+{ord(match.group()):04X}"
        codes = found.setdefault(text.count("\n", 0, match.start()) + first, [])
        if code not in codes:
            codes.append(code)
    return [Problem(path, line, "", say(codes)) for line, codes in found.items()]


# A line of dashes that is not the closing "---": two or four hyphens or more, or
# dashes a keyboard made of them (an em or en dash, a minus), alone or together.
_MARK = re.compile(rf"(?:^|[ \t]){re.escape(CHECK_MARK)}(.*)$")  # a comment, not words quoting it
_DASH_LINE = re.compile("-{2}|-{4,}|[-\u2010-\u2015\u2212]*[\u2010-\u2015\u2212][-\u2010-\u2015\u2212]*")


def _split(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    lines = text.split("\n")
    if lines[0].rstrip() != "---" and _DASH_LINE.fullmatch(lines[0].strip()):
        # said, then read as the "---" it was meant to be: the file's other mistakes in the same run
        doc, problems = _split(path, "\n".join(["---", *lines[1:]]))
        return doc, [Problem(path, 1, "", f"this line ({lines[0].strip()}) was meant to open the front matter, "
                             "which takes a line of exactly three hyphens: write ---"), *problems]
    if lines[0].rstrip() != "---":
        first = next(i for i, line in enumerate(lines) if line.strip())
        if lines[first].strip() != "---":
            return None, [Problem(path, 1, "", "no front matter: the file must start with a '---' line")]
        why = ("an empty line comes before the first '---': remove it" if first == 1 else
               f"{first} empty lines come before the first '---': remove them" if first else
               "the first '---' has spaces before it: remove them")
        return None, [Problem(path, 1, "", f"{why}, so that the file starts with the '---' line of its front matter")]
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        body = next((i for i, line in enumerate(lines[1:], 1) if _prose(line, lines[i + 1:])), None)
        dashes = next((i for i, line in enumerate(lines[1:body], 1)
                       if line == line.lstrip() and _DASH_LINE.fullmatch(line.strip())), None)
        if dashes is not None:  # "—", "--", "----" before the text: a phone's dash, a hyphen short or over
            doc, problems = _split(path, "\n".join([*lines[:dashes], "---", *lines[dashes + 1:]]))
            return doc, [Problem(path, dashes + 1, "", f"this line ({lines[dashes].strip()}) was meant to close the "
                                 "front matter, which takes a line of exactly three hyphens: write ---"), *problems]
        if body is not None:  # the first line of prose: the body, most likely
            return None, [Problem(path, body + 1, "", "the front matter never closes: if the body starts here, add "
                                  "a '---' line above this one")]
        return None, [Problem(path, 1, "", "the front matter never closes: add a '---' line after it")]
    yaml_text = "\n".join(lines[1:end]) + "\n"
    yaml_text, separated = spaced(path, yaml_text, SEPARATORS, 2)
    body = "\n".join(lines[end + 1 :])
    data, where, twice, mended = parse_yaml(path, yaml_text, first_line=2)
    twice = separated + twice
    if twice and data is None:
        return None, twice
    if data is None:
        data = {}
        after = next((line for line in lines[end + 1:] if line.strip()), "")
        if _FIELD_LINE.match(after):  # "---" twice: the fields below are read as the body
            return None, separated + [Problem(path, end + 1, "", "the front matter is empty: this '---' closes it "
                                              "at once, and the fields below it are read as the body: remove this line")]
    if not isinstance(data, dict):
        return None, separated + [Problem(path, 2, "", "the front matter must be a mapping of fields (name: value)")]
    marks = tuple((i + 1, found.group(1).strip()) for i, line in enumerate(lines[1:end], 1)
                  if (found := _MARK.search(line))) if CHECK_MARK in yaml_text else ()
    return (Document(path, data, Lines(where), body, end + 2, mended, marks),
            twice + _closed_early(path, lines, end, data))


def _closed_early(path: str, lines: list[str], end: int, data: dict) -> list[Problem]:
    """A '---' or '...' line among the fields closes the front matter there, and
    the fields below it would be published as the body's first paragraph: said
    on that line when the body starts as fields do: a field the front matter
    lacks, or lines of a field's value ("  lat: 16.27", "  - arson") or
    comments and then such a field, with nothing but fields between. Prose that starts as prose is
    prose, whatever a later line holds (a YAML example, "name: withheld")."""
    first = next((i for i in range(end + 1, len(lines)) if lines[i].strip()), None)
    if first is None:
        return []
    found = _FIELD_LINE.match(lines[first])
    if found and found.group(1) not in data:
        return [_early(path, lines, end, found.group(1), first)]
    # Lines of a value or comments, then a field: fields all the way (an indented code block, then prose, is prose).
    for i in range(first, len(lines)):
        found = _FIELD_LINE.match(lines[i])
        if found and found.group(1) not in data:
            return [_early(path, lines, end, found.group(1), i)]
        if lines[i].strip() and not (found or _VALUE_LINE.match(lines[i]) or lines[i].startswith("#")):
            return []
    return []


def _early(path: str, lines: list[str], end: int, name: str, at: int) -> Problem:
    return Problem(path, end + 1, "", f"this '{lines[end].rstrip()}' line closes the front matter, so the fields "
                   f"below it ({name}, line {at + 1}) are read as the body: remove this line")


def parse_yaml(path: str, text: str, first_line: int = 1
               ) -> tuple[Any, dict[Path, int], list[Problem], frozenset[int]]:
    """Safe-load YAML, mapping each key path to its 1-based line.
    Anchors and aliases are refused: content never needs them, and they are
    how a small file expands into a huge one. Text nested too deep for the
    parser, or too large, never reaches it (yamlbounds.py).

    With syntax mistakes, each is said, and where taking them out (the lines
    returned, mended) lets the rest be read, the data read so is returned with
    them: its other mistakes (a key given twice, a date that is no date) are
    said in the same run, not one fix later. Such data must not be built."""
    if problems := bounded(path, text, first_line):
        return None, {}, problems, frozenset()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, [], frozenset()
        where: dict[Path, int] = {}
        twice: list[Problem] = []
        problems = _locate(path, node, (), first_line, where, set(), text, twice)
        if not problems and "&" in text:  # an anchor starts with one: most files have none to walk for
            problems = _anchors(path, node, (), first_line, text)
        if problems:
            return None, {}, sorted(problems + twice, key=lambda p: p.line), frozenset()
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        said, again, mended = _every_syntax_problem(path, text, exc, first_line)
        if again is None:
            return None, {}, said, frozenset()
        data, where, more, _ = parse_yaml(path, again, first_line)
        said = sorted(said + [p for p in more if p.line not in mended], key=lambda p: p.line)
        return (data, where, said, mended) if data is not None else (None, {}, said, frozenset())
    except yaml.YAMLError as exc:
        return None, {}, [Problem(path, first_line, "", f"YAML error: {exc}")], frozenset()
    finally:
        loader.dispose()
    # A key given twice is said, and the file read on as YAML reads it (the
    # second value kept), so that its other mistakes are said in the same run.
    return data, where, twice, frozenset()


MOST_SAID = 10  # syntax mistakes said of one file in one run
UNSURE = "YAML syntax error"  # yamlhints' words for a mistake it has no plain cause for


def _every_syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError, first_line: int
                          ) -> tuple[list[Problem], str | None, frozenset[int]]:
    """The syntax mistake YAML stopped at, and those after it: each line said
    mended (yamlhints.mended; a line indented too deep, or to a column no
    field above it uses, put in the column of the line above) and the text read again, so that `title: =` and `publisher: =` are
    said in one run. Not past a mistake the next lines may belong to (a quote
    or bracket left open, and no field on the next line), nor one that mending
    does not move on. Also the text mended, where YAML then reads it to its end
    (else None), and the lines mended."""
    problems = [syntax_problem(path, text, exc, first_line)]
    lines = text.split("\n")
    done: set[int] = set()
    while len(problems) < MOST_SAID:
        n = problems[-1].line - first_line
        if not 0 <= n < len(lines):
            break
        # A list item in the wrong place, with lines of its own: all taken out; else the one line mended.
        fixes = dict.fromkeys(dropped_item(lines, n, problems[-1].message), "") or indented_text(
            lines, n, problems[-1].message) or {
            n: _dedented(lines, n) if TOO_DEEP in problems[-1].message or NO_COLUMN in problems[-1].message
            else mended(lines, n)}
        if not fixes or None in fixes.values() or all(lines[i] == fixed for i, fixed in fixes.items()):
            break
        for i, fixed in fixes.items():
            lines[i] = fixed
            done.add(i + first_line)
        again = "\n".join(lines)
        loader = _Loader(again)
        try:
            node = loader.get_single_node()
            if node is not None:
                loader.construct_document(node)
            return sorted(problems, key=lambda p: p.line), again, frozenset(done)  # read to its end: no more
        except yaml.MarkedYAMLError as later:
            problem = syntax_problem(path, again, later, first_line)
        except yaml.YAMLError:
            break
        finally:
            loader.dispose()
        if any(problem.line == p.line for p in problems) or problem.message.startswith(UNSURE):
            break  # mending did not move on, or what YAML met next has no plain cause: likely of the mending
        problems.append(problem)
    return sorted(problems, key=lambda p: p.line), None, frozenset(done)


def _anchors(path: str, node: Any, at: Path, first: int, text: str) -> list[Problem]:
    """Values that start with an anchor no alias uses (aliases are said by
    _locate): most often a value written with "&" first, whose first word YAML
    took for the anchor's name and dropped ("&Beyond Media" read as "Media")."""
    if isinstance(node, yaml.MappingNode):
        return [p for key, value in node.value
                for p in _anchors(path, value, at + (key.value if isinstance(key, yaml.ScalarNode) else "?",),
                                  first, text)]
    if isinstance(node, yaml.SequenceNode):
        return [p for i, value in enumerate(node.value) for p in _anchors(path, value, at + (i,), first, text)]
    index = node.start_mark.index
    if text[index:index + 1] != "&":
        return []
    name = text[index:].split(None, 1)[0]
    return [Problem(path, first + node.start_mark.line, dotted(at),
                    f'"{name}" is read as a YAML anchor (&) and dropped from the value: put the value in quotes if '
                    f'it starts with "&" ("{name} …"); anchors are not allowed')]


def _dedented(lines: list[str], n: int) -> str | None:
    """Line `n`, indented too deep under a field that has its value, in the
    column of the line above, or of its field after a "- " ("- name: X" then
    "   role: …": read as the item's role); None if there is none."""
    above = next((line for line in reversed(lines[:n]) if line.strip() and not line.lstrip().startswith("#")), None)
    if above is None:
        return None
    return " " * len(MARKERS.match(above).group()) + lines[n].lstrip(" ")


def _locate(path: str, node: Any, at: Path, first: int, where: dict[Path, int], seen: set[int],
            text: str, twice: list[Problem]) -> list[Problem]:
    if id(node) in seen:
        # An alias is the anchored node itself: point at where it is used.
        # (A list item's own mark is the anchor's, so take its list's line.)
        key = at[:-1] if at and isinstance(at[-1], int) else at
        line = where.get(key, first + node.start_mark.line)
        anchored = first + node.start_mark.line
        return [Problem(path, line, dotted(at), (
            "YAML anchors and aliases (&, *) are not allowed: write the value out here, as it is written where the "
            f"anchor (&) stands (line {anchored}), and remove the & and its name there"))]
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        problems: list[Problem] = []
        keys: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            if isinstance(key, yaml.ScalarNode) and key.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(path, first + key.start_mark.line, dotted(at),
                                        "YAML merge keys (<<) are not allowed"))
                continue
            line = first + key.start_mark.line
            if name in keys and at == ("reported_toll",) and any(p.field.startswith("reported_toll.") for p in twice):
                pass  # a second claim written into the first: said once, at its first field given again
            elif name in keys:
                # YAML would keep the second value and drop the first without a word.
                fix = ("keep one of the two" if at != ("reported_toll",) else
                       "two claims (each with whose figure it is)? make reported_toll a list, each claim starting "
                       f'with "- " (- {next(iter(keys))}: …) and its other fields under it, two columns in; '
                       "one claim: keep one of the two")
                twice.append(Problem(path, line, dotted(at + (name,)), f'"{name}" is given twice (first on '
                                     f"line {keys[name]}): {fix}"))
            else:
                keys[name] = line
            where[at + (name,)] = line  # the value YAML keeps: the last
            problems += _commented_out(path, key, value, at + (name,), first, text)
            problems += _locate(path, value, at + (name,), first, where, seen, text, twice)
        return problems
    if isinstance(node, yaml.SequenceNode):
        problems = []
        for i, item in enumerate(node.value):
            where[at + (i,)] = first + item.start_mark.line
            problems += _locate(path, item, at + (i,), first, where, seen, text, twice)
        return problems
    if not node.style and node.end_mark.line > node.start_mark.line:
        return folded_item(path, node, dotted(at), first, text)
    return []


def _prose(line: str, after: list[str]) -> bool:
    """Whether a line after an opening '---' that never closes is the body's,
    most likely: not YAML's (a field, an item, an indented or empty line, a
    comment), or a Markdown heading of the body ("## Background", which YAML
    reads as a comment: a '---' put below it would hide it), or a sentence
    that looks like a field ("Note: the FLA said…", no content field's); the
    last two only where no content field follows them (`after`: the lines
    below), which a comment ("## Source") or a field written with a capital
    ("Tags:") has."""
    if not line.strip() or line[0] in " -\t" or _DASH_LINE.fullmatch(line.strip()):
        return False
    if line[0] == "#":
        return bool(_HEADING.match(line)) and not any(_FIELD_LINE.match(x) for x in after)
    field = _ANY_FIELD.match(line)
    if not field:
        return True
    key = line.split(":", 1)[0]
    return (key.lower() not in CONTENT_FIELDS and (key[:1].isupper() or " " in key.strip())
            and not any(_FIELD_LINE.match(x) for x in after))


_HEADING = re.compile(r"#{2,6}[ \t]+\S")  # a body's heading; "# …" is most often a comment
_ANY_FIELD = re.compile(r"""[^\s#'"-][^:]*:(?:\s|$)|["'][^"']*["']:(?:\s|$)""")
# Every field of a content file (schemas/): a line that starts with one is a field, not prose.
CONTENT_FIELDS = ("actors", "aliases", "date", "description", "draft", "end_date", "event", "footer", "fr", "kind",
                  "location", "menu", "name", "reported_toll", "responses", "source", "tags", "title")
_FIELD_LINE = re.compile(rf"({'|'.join(CONTENT_FIELDS)}):(?:\s|$)")
_VALUE_LINE = re.compile(r"[ \t]+(?:-[ \t]|[\w-]+:(?:\s|$))")  # a line of a field's value: "  lat: 16.27", "  - x"
_HASHED = re.compile(r"[ \t]*:[ \t]+(#\S.*)$")
_NOTED = re.compile(r"[ \t]*:[ \t]+(#+[ \t]+\S.*)$")  # "# a note": a comment, but where a title was wanted


# Fields whose value is a list of text: `tags: "#massacre"` would be an error of its own.
_LISTS = ("tags", "aliases")


# The fields of words read as they are published (a title, a claim's wording), where a
# hashtag is more likely meant than a note: not a name, a code, a slug or an address.
_PROSE = frozenset(("title", "description", "wording", "quote", "kind"))


def _commented_out(path: str, key: Any, value: Any, at: Path, first: int, text: str) -> list[Problem]:
    """`title: #1 killer`: YAML reads all after " #" as a comment and the value as
    empty. A comment right after the colon whose "#" is followed by a letter or
    digit (not "# a note") was meant as the value: said, rather than left out.
    So is one after a value (`title: Civilians killed near Gao #Mali`): the value
    would be published cut short."""
    if "#" not in text:
        return []  # no comment anywhere: most front matter
    if (isinstance(value, yaml.ScalarNode) and not value.style and value.value and at[-1] in _PROSE
            and value.start_mark.line == value.end_mark.line == key.start_mark.line):
        line = text.split("\n", value.end_mark.line + 1)[value.end_mark.line]
        cut = re.match(r"[ \t]+(#[^\s#].*)$", line[value.end_mark.column:])
        if cut:
            whole = f"{value.value} {cut.group(1).rstrip()}"
            quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return [Problem(path, first + key.start_mark.line, dotted(at), f'YAML reads "{cut.group(1).rstrip()}" '
                            f'as a comment (it starts with " #") and leaves it out of the {at[-1]}: if it is part '
                            f"of it, put the whole value in quotes ({at[-1]}: {quoted}); if it is a note, write "
                            'a space after the "#"')]
    if not (isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
            and key.end_mark.line == key.start_mark.line):
        return []
    line = text.split("\n", key.end_mark.line + 1)[key.end_mark.line]
    found = _HASHED.match(line, key.end_mark.column)
    noted = _NOTED.match(line, key.end_mark.column) if not found and at == ("title",) else None
    if noted:  # `title: # Mali army`: a title is required, and a note in its place is none
        words = noted.group(1).rstrip()
        return [Problem(path, first + key.start_mark.line, dotted(at), f'YAML reads "{words}" as a comment (it '
                        f'starts with " #"), leaving the title empty: write the title without the "#" (title: '
                        f"{_plain_or_quoted(words.lstrip('#').strip())})")]
    if not found:
        return []
    name, meant = at[-1], found.group(1).rstrip()
    quoted = '"' + meant.replace("\\", "\\\\").replace('"', '\\"') + '"'
    how = "put it in quotes"
    if name in _LISTS:  # tags: #massacre → a list of one, quoted
        quoted, how = f"[{quoted}]", "put it in quotes, in a list"
    return [Problem(path, first + key.start_mark.line, dotted(at), f'YAML reads "{meant}" as a comment (it starts '
                    f'with " #"), leaving the {name} empty: {how}: {name}: {quoted}')]


def _plain_or_quoted(text: str) -> str:
    """`text` as a YAML value: as it is where YAML reads it so, else in quotes."""
    try:
        plain = yaml.safe_load(f"x: {text}") == {"x": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dotted(at: Path) -> str:
    """("actors", 2, "role") -> "actors[2].role", as errors name fields."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
