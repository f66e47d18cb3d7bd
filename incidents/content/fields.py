"""Checks for single front matter values: each returns the typed value or
records a problem at the field's line. Shared by reports, events and actors."""

from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from ..errors import HIDDEN as _HIDDEN, Problem, visible
from .frontmatter import FORBIDDEN, SEPARATORS, Document, LongNumber, Path, dotted
from .model import PRECISIONS, Count, Day, Location
from .names import slugify
from .numberwords import ROUGHLY, in_words
from .yamlhints import odd_indent

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# A name or a slug becomes a file name and an address: file systems allow 255
# bytes, and no real name or slug comes near this.
MAX_NAME = 120
# A count of people: no incident the archive could hold comes near it, and a
# larger one is a typo (or 1.0e+300, which would be published as 301 digits).
MAX_COUNT = 1_000_000
# Items of one list in one file (actors, claims, responses, tags, aliases): more
# than a report could mean, and pages that would take minutes to build.
MAX_ITEMS = 200
# Characters that show nothing: a name made of them is an invisible heading.
# (HIDDEN_CLASS: those but spaces; bidirectional controls are among them.)
HIDDEN_CLASS = (r"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0")
INVISIBLE_CLASS = r"\s" + HIDDEN_CLASS
INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]+")
# Characters no web page or feed can carry (XML 1.0 forbids them): control
# characters but tab and newline, lone surrogates, and the two non-characters.


def forbidden(text: str) -> str:
    """'' if `text` is fine, else a description of its first bad character: a
    control character; a line or paragraph separator (written "\\u2028" or "\\L"
    in double quotes: typed as it is, the front matter says it); a direction
    override or embedding, which shows text in another order than it is
    written (the isolates of today's bidirectional text, U+2066-2069, are kept)."""
    if found := FORBIDDEN.search(text):
        return f"contains the control character U+{ord(found.group()):04X}; remove it"
    if found := SEPARATORS.search(text):
        return (f"contains U+{ord(found.group()):04X} {unicodedata.name(found.group())}, a line break no page "
                "shows as one: write a space, or the value as a block of text over several lines")
    if found := _OVERRIDE.search(text):
        return (f"contains U+{ord(found.group()):04X} {unicodedata.name(found.group())}, which shows the text in "
                "another order than it is written: remove it")
    return ""


_OVERRIDE = re.compile("[\u202a-\u202e]")

_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_UNSEEN = re.compile(f"[{HIDDEN_CLASS}]")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")  # hyphens and dashes that look like "-"
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


def no_day(year: int, month: int | None, day: int | None) -> str | None:
    """Why a date of this year, month and day (None: not given) is none, as a
    report's is said: a month past 12, a day its month has not. None if it is one."""
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month}"
    if month is not None and day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"{calendar.month_name[month]} {year} has {days} days" if day else "there is no day 0"
    return None


class Fields:
    """Reads one document's fields, collecting every problem instead of stopping."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self.misspelt: set[Path] = set()  # fields an unknown field was taken for ("titel": title)

    def problem(self, at: Path, message: str) -> None:
        if message.startswith("is required") and at in self.misspelt:
            return  # one mistake, one error: 'unknown field "titel" (did you mean "title"?)' says it
        self.problems.append(Problem(self.doc.path, self.doc.line(*at), dotted(at), message))

    def get(self, at: Path) -> Any:
        value: Any = self.doc.data
        for part in at:
            if isinstance(part, int):
                value = value[part]
            else:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    def known(self, at: Path, value: dict, allowed: tuple[str, ...], told: dict[str, str] | None = None) -> None:
        """Unknown keys are errors: a misspelt optional field would vanish silently.
        `told`: what to say of a field that is not one here but is elsewhere."""
        before = None
        for key in value:
            previous, before = before, key
            if key in allowed:
                continue  # most keys: none of the mistakes below is a field's own name
            if (isinstance(key, str) and key.isdigit() and key.isascii() and value[key] is None and previous in allowed
                    and isinstance(value[previous], int) and not isinstance(value[previous], bool)):
                # "{lat: 14,15, lon: -4,93}": a decimal comma, which in braces ends the field (keys are as written)
                whole, part = getattr(value[previous], "text", str(value[previous])), key
                fix = (f"write its decimals after a point, {previous}: {whole}.{part}" if previous in ("lat", "lon")
                       else f"write it without a separator, {previous}: {whole}{part}" if len(part) == 3 else "")
                if fix:  # ("{killed: 1,200}": a thousands separator)
                    self.problem(at + (str(previous),), f'"{whole},{part}" is read as {whole} and a field "{part}": '
                                                         f"between braces a comma separates fields; {fix}")
                    continue
            parent, dot, child = str(key).partition(".")  # "fr.title", as the format reference names the field
            if str(key)[:1].isspace():  # "\u00a0 region": a line indented with a no-break space
                line = self.doc.line(*at, str(key))
                self.problems.append(Problem(self.doc.path, line, dotted(at), odd_indent(str(key)[0])))
            elif key not in allowed and (bare := str(key).rstrip()) != str(key) and bare in allowed + tuple(told or ()):
                # "title\u00a0:", as a French keyboard writes a colon: the name is right, the space is not
                space = next(c for c in reversed(str(key)) if c.isspace())
                self.problems.append(Problem(
                    self.doc.path, self.doc.line(*at, str(key)), dotted(at + (bare,)),
                    f"an invisible U+{ord(space):04X} {unicodedata.name(space, 'space')} stands between \"{bare}\" and "
                    f'its colon: delete it, and write "{bare}:" with nothing between' if space != " " else
                    f'a space stands between "{bare}" and its colon: write "{bare}:"'))
                if bare not in value:
                    self.misspelt.add(at + (bare,))
            elif key not in allowed and told and key in told:
                self.problem(at + (str(key),), f'unknown field "{key}": {told[key]}')
            elif key not in allowed and dot and parent in allowed and not isinstance(value.get(parent, {}), dict):
                # "location: Gao" then "location.region: …": the parent holds no fields as written
                self.problem(at + (str(key),), (
                    f'unknown field "{key}": {parent} is written here as a single value, not a mapping of fields: if '
                    f"{child} is one of its fields (docs/format.md), write {parent} as a mapping, \"{parent}:\" on a "
                    "line of its own with its fields indented below it"))
            elif key not in allowed and dot and parent in allowed:  # YAML nests it under its parent
                where = (f'move it, as "  {child}: …", under the "{parent}:" of line {self.doc.line(*at, parent)}'
                         if parent in value else
                         f'write "{parent}:" on a line of its own, then "  {child}: …" below it')
                self.problem(at + (str(key),), f'unknown field "{key}": a field inside another is written indented '
                             f"under it, not with a dot: {where}")
            elif key not in allowed and told and (near := difflib.get_close_matches(str(key), list(told), n=1)) \
                    and not difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.8):
                # "sumary:" for the summary, which is the body: what a "summary:" field would be told
                self.problem(at + (str(key),), f'unknown field "{key}" (a misspelt "{near[0]}"?): {told[near[0]]}')
            elif key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                extra = f' (did you mean "{hint[0]}"?)' if hint else f" (known: {', '.join(allowed)})"
                if hint and hint[0] not in value:
                    self.misspelt.add(at + (hint[0],))
                self.problem(at + (str(key),), f'unknown field "{key}"{extra}')

    def required(self, at: Path, value: Any) -> bool:
        if value is None or value == "":
            self.problem(at, "is required")
            return False
        return True

    def text(self, at: Path, value: Any, required: bool = False) -> str:
        if value is None:
            if required:
                self.problem(at, "is required")
            return ""
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            kind = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else "true/false"
            self.problem(at, f"must be text, not {kind}")
            return ""
        text = str(getattr(value, "text", value)).strip()  # a number as written (frontmatter.WrittenInt)
        if text.isascii() and text.isprintable() and text:
            return text  # most values: no control, separator, override or invisible character can be in it
        if bad := forbidden(text):
            self.problem(at, bad)
            return ""
        if not INVISIBLE.sub("", text):
            # Given but showing nothing: a page would have an empty heading or link.
            what = "empty" if value == "" else "blank (only spaces or invisible characters)"
            self.problem(at, f"is {what}: write a value" + (" (it is required)" if required else ", or remove the line"))
            return ""
        return text

    def name(self, at: Path, value: Any, fix: str = "write the name, and anything more in the body",
             listed: bool = False) -> str:
        """A required name that becomes a page or an address (an actor, a place, an event's slug):
        text of at most MAX_NAME characters (`listed`: fit for a list of names in events.csv)."""
        text = self.text(at, value, required=True)
        if len(text) > MAX_NAME:
            self.problem(at, f"is {len(text)} characters long; the limit is {MAX_NAME}: {fix}")
            return ""
        return self.listed(at, text) if listed else text

    def listed(self, at: Path, text: str) -> str:
        """`text`, a name data/events.csv lists with others in one cell (an actor's, a
        publisher's, a tag), or "" with the problem recorded: a researcher splits
        that cell on "; "."""
        if "; " in text:
            self.problem(at, 'contains "; ", which the data files (data/events.csv) put between the names of a '
                         'list: write a comma instead, or "and"')
            return ""
        return text

    def slug(self, at: Path, value: Any) -> str:
        text = self.name(at, value, "shorten it (year, month and place are enough: 2025-02-gao-road-killings)")
        if text and not SLUG.match(text):
            # a file's name or path where its slug was meant ("2025-02-x.md", "content/events/2025-02-x.md"): the slug
            named = re.fullmatch(r"(?:.*[/\\])?([^/\\]+?)\.(?:md|markdown|txt)", text.strip(), re.I)
            meant = (slugify(named.group(1)) if named else
                     slugify(text) if not re.search(r"[/\\]", text) else "")  # not a path's last part
            self.problem(at, f'"{visible(text)}" is not a slug: ' + (
                f'write "{meant}" (an event\'s file name, without .md: lowercase letters a-z, digits and single '
                "hyphens)" if meant else
                "use lowercase letters a-z, digits and single hyphens (an event's file name, without .md)"))
            return ""
        return text

    def day(self, at: Path, value: Any, required: bool = False) -> Day | None:
        if value is None:
            if required:
                self.problem(at, "is required (YYYY-MM-DD, or YYYY-MM or YYYY where the source is no more precise)")
            return None
        # A year as written: `date: 0x7E9` or `2_025` is YAML's 2025, and no date.
        text = str(getattr(value, "text", value)).strip() if isinstance(value, (str, int)) and not isinstance(
            value, bool) else None
        match = _DAY.match(text) if text is not None else None
        if not match:
            unseen = sorted(set(_UNSEEN.findall(text or "")))
            if unseen and _DAY.match(_UNSEEN.sub("", text)):  # pasted from a page: "2025-02-17\u200b"
                self.problem(at, f'"{visible(text)}" holds ' + ", ".join(
                    f"U+{ord(c):04X} {unicodedata.name(c, 'an invisible character')}" for c in unseen)
                    + ", which shows nothing: remove it")
                return None
            dashes = sorted(set(_DASHES.findall(text or "")))
            plain = _DASHES.sub("-", text or "")
            if dashes and (day := _DAY.match(plain)):  # "2025‑02‑17": a word processor's hyphens
                year, month, d = (int(g) if g else None for g in day.groups())
                real = no_day(year, month, d) is None
                self.problem(at, f'"{visible(text)}" is written with ' + ", ".join(
                    f"U+{ord(c):04X} {unicodedata.name(c, 'a dash')}" for c in dashes)
                    + " where a date has plain hyphens: " + (f"write {plain}" if real else
                                                             f"type plain hyphens, and a day the month has"))
                return None
            self.problem(at, f"{_show(value)} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)"
                         + date_fix(text or "", at[-1]))
            return None
        if why := no_day(*(int(g) if g else None for g in match.groups())):
            self.problem(at, f'"{visible(text)}" is not a date: {why}')
            return None
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if year < 1000:
            self.problem(at, f'"{visible(text)}" is not a date: years run from 1000 to 9999')
            return None
        return Day(year, month, day)

    def end_day(self, at: Path, value: Any, start: Day | None) -> Day | None:
        end = self.day(at, value)
        if end and start and end.last() < start.first():
            self.problem(at, f'"{end.iso()}" is before the date "{start.iso()}"')
            return None
        return end

    def url(self, at: Path, value: Any) -> str:
        text = self.text(at, value)
        if not text:
            return ""
        try:
            parts = urlsplit(text)
        except ValueError:  # "http://[::1": a broken IPv6 address
            parts = urlsplit("")
        if parts.scheme in ("http", "https") and parts.netloc and _BLANK.search(text):
            mended = text.replace(" ", "%20")
            self.problem(at, f'"{visible(text)}" has a space or another blank in it, which an address cannot '
                         "have: " + (f"write each space as %20, {mended}" if " " not in parts.netloc
                                     and not _BLANK.search(mended) else "copy the address again from the browser's bar"))
            return ""
        if parts.scheme not in ("http", "https") or not parts.netloc or _BLANK.search(text):
            bare = schemeless(text)
            self.problem(at, f'"{visible(text)}" is not an http or https URL' + (
                f": write it with https:// in front, https://{text}" if bare else ""))
            return ""
        return text

    def site_url(self, at: Path, value: Any) -> str:
        """The address the site is published under (base_url)."""
        text = self.url(at, value)
        why = site_url_problem(text) if text else None
        if why:
            self.problem(at, why)
            return ""
        return text

    def repository_url(self, at: Path, value: Any) -> str:
        """The repository's address on its host (`repository`), which each commit's
        link extends as /commit/<hash>: its web address, not a clone's or a page's."""
        text = self.text(at, value)
        if not text:
            return ""
        why = site_url_problem(text, repository=True) or repository_problem(text)
        if why:
            self.problem(at, why)
            return ""
        return text

    def language(self, at: Path, value: Any) -> str:
        text = self.text(at, value)
        if text and not _LANGUAGE.match(text):
            code = language_code(text)  # "english", "Français": a language's name, where its tag was meant
            self.problem(at, f'"{visible(text)}" is the name of a language: write its tag, {code}' if code else
                         f'"{visible(text)}" is not a language tag (BCP 47, such as en, fr or fr-ML)')
            return ""
        return text

    def count(self, at: Path, value: Any) -> Count | None:
        if isinstance(value, dict):
            self.known(at, value, ("min", "max"))
            if "min" not in value:
                self.problem(at, 'a range needs "min" ({min: N} means at least N; add "max" for N to M)')
                return None
            low = self.whole(at + ("min",), value["min"], counted=True)
            high = self.whole(at + ("max",), value["max"], counted=True) if "max" in value else None
            if low is None or ("max" in value and high is None):
                return None
            if high is not None and low > high:
                self.problem(at + ("min",), f"min {low} is above max {high}: swap them, or correct the one that is "
                             "wrong")
                return None
            return Count(low, high)
        number = self.whole(at, value, counted=True)
        return None if number is None else Count(number, number)

    def whole(self, at: Path, value: Any, counted: bool = False) -> int | None:
        """A whole number of 0 or more; `counted`: a toll's (a range is offered for a list)."""
        if counted and isinstance(value, list) and at[-1] not in ("min", "max"):  # [3, 5], where a range was meant
            pair = value if len(value) == 2 and all(type(v) is int for v in value) else ["A", "B"]
            self.problem(at, f"is a list: write one number, or a range as {{min: {pair[0]}, max: {pair[1]}}}")
            return None
        written = str(getattr(value, "text", value)).strip() if isinstance(value, (str, float)) else ""
        if counted and (digits := _grouped(written)):  # 1.000, 1 200, 1,200: a thousand, never one
            self.problem(at, f"{_show(written)} is more than {MAX_COUNT:,}: check the figure" if int(digits) > MAX_COUNT
                         else f"{_show(written)} is a number written with a separator between its thousands, which "
                         f"YAML reads {'as ' + format(value, 'g') if isinstance(value, float) else 'as text'}: write "
                         f"{at[-1]}: {digits}, the digits alone")
            return None
        if value is None:  # "killed:" or "killed: ~": YAML's nothing
            self.problem(at, f"is empty: write the count ({at[-1]}: 12), or remove the line")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(at, f"{_show(value)} is not a whole number" + (
                "" if not (counted and isinstance(value, str)) else
                f": remove the quotes ({at[-1]}: {value.strip()})" if value.strip().isdigit() else
                _at_least(at, value.strip()) or _range(at, value.strip()) or _about(at, value.strip()) or
                _count_in_words(at, value.strip()) or _up_to(at, value.strip()) or _number_then_words(at, value.strip())
                or ": write the count in digits alone (12), and a range as {min: 10, max: 12}"))
            return None
        shape = re.search(r"0[xX]|0[oO]|_", getattr(value, "text", "")) if isinstance(value, int) else None
        if counted and shape:  # `killed: 0x10`, YAML's 16; `1_000`: a figure, but not as a source writes it
            how = {"x": "in hexadecimal", "o": "in octal"}.get(shape.group()[-1].lower(), "with _ between its digits")
            self.problem(at, f'"{value.text}" is a number written {how}, which YAML reads as {int(value)}: write '
                         f"{at[-1]}: {int(value)}, in decimal digits alone, if that is the figure")
            return None
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            self.problem(at, f"{getattr(value, 'text', value)} is not a whole number")
            return None
        if value != int(value):
            low = int(value // 1)
            self.problem(at, f"{getattr(value, 'text', value)} is not a whole number" + (
                f": write {low} or {low + 1}, or a range as {{min: {low}, max: {low + 1}}}" if counted and value > 0
                else ""))
            return None
        if value < 0:
            self.problem(at, f"{_short(value)} is negative; counts are 0 or more")
            return None
        if value > MAX_COUNT:
            self.problem(at, f"{_short(value)} is more than {MAX_COUNT:,}: check the figure")
            return None
        return int(value)

    def number(self, at: Path, value: Any, low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            comma = isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value.strip())
            point = value.strip().replace(",", ".") if comma else ""
            quoted = isinstance(value, str) and re.fullmatch(r"-?\d+(?:\.\d+)?", value.strip())
            self.problem(at, f"{_show(value)} is not a number from {low:g} to {high:g}" + (
                f": write its decimals after a point, {point}" if comma and low <= float(point) <= high else
                f": remove the quotes ({at[-1]}: {value.strip()})" if quoted and low <= float(value) <= high else ""))
            return None
        return float(value)

    def location(self, at: Path, value: Any, required: bool = True) -> Location | None:
        if isinstance(value, str):
            name = self.name(at, value)
            return Location(name) if name else None
        if not isinstance(value, dict):
            if value is None and not required:
                return None
            if value is None:
                self.problem(at, "is required: a place name, or a mapping with at least a name")
            else:
                self.problem(at, "must be a place name or a mapping {name, region, country, lat, lon}")
            return None
        self.known(at, value, ("name", "region", "country", "lat", "lon", "precision"))
        name = self.name(at + ("name",), value.get("name"))
        region = self.text(at + ("region",), value.get("region"))
        country = self.text(at + ("country",), value.get("country"))
        precision = self.text(at + ("precision",), value.get("precision"))
        if precision and precision not in PRECISIONS:
            self.problem(at + ("precision",), f'"{precision}" is not a precision (use one of: {", ".join(PRECISIONS)})')
            precision = ""
        lat = lon = None
        if ("lat" in value) != ("lon" in value):
            self.problem(at + (("lat",) if "lat" in value else ("lon",)), "lat and lon go together: give both or neither")
        elif "lat" in value:
            lat = self.number(at + ("lat",), value["lat"], -90, 90)
            lon = self.number(at + ("lon",), value["lon"], -180, 180)
        if not name:
            return None
        return Location(name, region, country, lat, lon, precision)

    def strings(self, at: Path, value: Any, names: str = "") -> tuple[str, ...]:
        """A list of texts; of `names` (tags, aliases), at most MAX_ITEMS, each at most MAX_NAME characters."""
        if value is None:
            return ()
        if not isinstance(value, list):
            bullets = isinstance(value, str) and re.match(r"\s*[•·▪◦‣–—*]\s", value)
            self.problem(at, "must be a list, such as [a, b]" + (
                f' (its items start with "{value.strip()[0]}": start each with "- " instead)' if bullets else ""))
            return ()
        if names == "aliases" and self.too_many(at, value, names, "one actor file", "keep those the sources use"):
            return ()
        if names == "tags" and self.too_many(at, value, names):
            return ()
        out = []
        for i, item in enumerate(value):
            if item is None:  # "- " or "- null": an item with nothing in it, which would vanish in silence
                self.problem(at + (i,), "is empty: write a value, or remove the item")
                continue
            text = self.text(at + (i,), item)
            if names and len(text) > MAX_NAME:
                self.problem(at + (i,), f"is {len(text)} characters long; the limit is {MAX_NAME}: keep to the name")
            elif names == "tags" and text and not any(c.isalnum() for c in text):
                self.problem(at + (i,), f'"{visible(text)}" has no letter or digit: write the tag in words')
            elif text and (names != "tags" or self.listed(at + (i,), text)):
                out.append(text)
        return tuple(out)

    def too_many(self, at: Path, value: list, what: str, where: str = "one report",
                 fix: str = "keep those the source names") -> bool:
        """More items than a file could mean (a pasted list, pages that would take minutes to build)."""
        if len(value) <= MAX_ITEMS:
            return False
        self.problem(at, f"{len(value)} {what} in {where}; the limit is {MAX_ITEMS}: {fix}")
        return True

    def flag(self, at: Path, value: Any) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            word = str(value).strip().strip("\"'").lower() if isinstance(value, str) else ""
            meant = "true" if word in ("true", "yes", "y", "on", "oui", "vrai") else (
                "false" if word in ("false", "no", "n", "off", "non", "faux") else "")
            self.problem(at, f"{_show(value)} must be true or false" + (
                f": write {at[-1]}: {meant}" + (", without quotes" if word in ("true", "false") else "")
                if meant else ""))
            return False
        return value


def _short(value: int | float) -> str:
    """A number as written, or its first digits and its length when it is very long."""
    digits = value.text.lstrip("+-").replace("_", "") if isinstance(value, LongNumber) else str(int(value))
    return digits if len(digits) <= 20 else f"{digits[:12]}… ({len(digits)} digits)"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f'"{visible(str(getattr(value, "text", value)))}"'  # a number as written (frontmatter.WrittenInt)


# "www.example.org/a", "humangle.ng/mali": an address written without its scheme
_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]|$)", re.I)


def schemeless(text: str) -> bool:
    """Whether `text` is a web address written without https:// ("www.afp.com/x"),
    which every message about an address offers to write with it."""
    try:
        parts = urlsplit(text)
    except ValueError:  # "http://[::1": a broken IPv6 address, an address with its scheme
        return False
    return not parts.scheme and not parts.netloc and not _BLANK.search(text) and bool(_HOST.match(text))
_BLANK = re.compile(r"\s")  # what str.isspace() calls a blank, found without a loop in Python


_THOUSANDS = re.compile("[1-9][0-9]{0,2}(?:([ .,'\u00a0\u202f\u2009])[0-9]{3})(?:\\1[0-9]{3})*")


def _grouped(text: str) -> str:
    """The digits of a count written with its thousands apart ("1.000", "1 200",
    "12,500", "1'000": a French or Swiss keyboard's), else ""."""
    return re.sub(r"\D", "", text) if _THOUSANDS.fullmatch(text) else ""


# Months as English and French write them, whole or cut short: "17 février 2025", "Feb. 17, 2025".
_MONTHS = {name: i for i, names in enumerate((
    "january jan janvier janv", "february feb février fevrier févr fevr", "march mar mars",
    "april apr avril avr", "may mai", "june jun juin", "july jul juillet juil", "august aug août aout",
    "september sep sept septembre", "october oct octobre", "november nov novembre",
    "december dec décembre decembre déc"), 1) for name in names.split()}
_WORDS_DAY = re.compile(r"(?:(\d{1,2})(?:er)?\s+)?([^\W\d_]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})")
_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:[-\u2010-\u2015]|to|au|à)\s*(\d{4}-\d{2}-\d{2})")
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}[:h]\d{2}.*")


def _in_words(text: str, name) -> str:
    """The fix for a date written in words, as a range, or with its time."""
    if name == "date" and (span := _SPAN.fullmatch(text)):
        return f": a span is two fields: {name}: {span.group(1)} and end_date: {span.group(2)}"
    if timed := _WITH_TIME.fullmatch(text):
        return f": write {timed.group(1)}, the day without its time"
    words = _WORDS_DAY.fullmatch(text.strip().lower())
    if not words or words.group(2) not in _MONTHS or (words.group(1) and words.group(3)):
        return ""
    month, day, year = _MONTHS[words.group(2)], words.group(1) or words.group(3), int(words.group(4))
    if day and no_day(year, month, int(day)) is None:
        return f": write {year:04d}-{month:02d}-{int(day):02d}"
    return "" if day else f": write {year:04d}-{month:02d}"


def date_fix(text: str, name: str = "date") -> str:
    """The date `text` meant, as the format writes it, after a colon (": 2022-03-12"), or ""."""
    return _day_first(text) or _year_first(text) or _packed(text) or _in_words(text, name)


def _packed(text: str) -> str:
    """For a day written without its hyphens ("20250220"): with them."""
    m = re.fullmatch(r"([1-9]\d{3})(\d{2})(\d{2})", text.strip())
    if not m or no_day(*map(int, m.groups())) is not None:
        return ""
    return f": {m.group(1)}-{m.group(2)}-{m.group(3)}"


def _year_first(text: str) -> str:
    """For a date written year first but not as here ("2024-2-3", "2024/02/23"): as here."""
    m = re.fullmatch(r"(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?", text.strip())
    if not m:
        return ""
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
    if year < 1000 or not 1 <= month <= 12:
        return ""
    if why := no_day(year, month, day):  # "2024/02/31": the month is plain, the day is none of it
        return f": {why}"
    return f": {year}-{month:02d}" + (f"-{day:02d}" if day else "")


def _day_first(text: str) -> str:
    """For a date written day first ("12/03/2022", "13.03.2022"): the date as it
    is written here, both ways when the day and the month could be either."""
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text.strip())
    if not m:
        return ""
    a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
    ways = [f"{year}-{month:02d}-{day:02d}" for day, month in ((a, b), (b, a))
            if 1 <= month <= 12 and no_day(int(year), month, day) is None]
    ways = list(dict.fromkeys(ways))
    if not ways:  # "31/02/2024": a month either way, and no such day in it
        return next((f": {why}" for day, month in ((a, b), (b, a))
                     if 1 <= month <= 12 and (why := no_day(int(year), month, day))), "")
    if len(ways) == 1:
        return f": {ways[0]}"
    if len(ways) == 2:
        return f": {ways[0]} if the day comes first, {ways[1]} if the month does"
    return ""


def _range(at: Path, text: str) -> str:
    """For "12-15", "12 to 15", "12 à 15", "between 12 and 15" where a toll's count is: that range, as the
    format writes it."""
    m = re.fullmatch(r"(?:between|entre)\s+(\d+)\s+(?:and|et)\s+(\d+)|(\d+)\s*(?:[-\u2010-\u2015]|to|à)\s*(\d+)", text,
                     re.I)
    if m and m.group(1):
        m = re.fullmatch(r"(\d+) (\d+)", f"{m.group(1)} {m.group(2)}")
    elif m:
        m = re.fullmatch(r"(\d+) (\d+)", f"{m.group(3)} {m.group(4)}")
    if not m or at[-1] in ("min", "max") or int(m.group(1)) >= int(m.group(2)):
        return ""
    return f": for {m.group(1)} to {m.group(2)}, write {{min: {m.group(1)}, max: {m.group(2)}}}"


def _at_least(at: Path, text: str) -> str:
    """For "24+", "over 24", ">24" where a toll's count is: the range meaning at least 24."""
    m = re.fullmatch(r"(?:(?:at least|over|more than|plus de|au moins)\s+|>=?\s*)(\d+|[^\W\d_][\w\s-]*)|(\d+)\s*\+",
                     text, re.I)
    if not m or at[-1] == "max":
        return ""
    n = m.group(2) or (m.group(1) if m.group(1).isdigit() else in_words(m.group(1)))
    if n is None:
        return ""
    return f": write min: {n}, which means at least {n}" if at[-1] == "min" else f": for at least {n}, write {{min: {n}}}"


# How a source words a figure it gives as an approximation: "about 20", "environ 20", "20 environ", "~20"
_ABOUT = re.compile(r"(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|an estimated|"
                    r"circa|c\.|environ|près de|presque|quasiment|quelque|autour de|à peu près)\s+|~\s*)(\d+)"
                    r"|(\d+)\s+(?:environ|or so)", re.I)
# "une vingtaine": about twenty, in French
_ABOUT_FR = ROUGHLY
# A figure with no number: "dozens", "des dizaines"
_NO_NUMBER = re.compile(r"(?:dozens|scores|hundreds|thousands|several|many|numerous|a few|few|"
                        r"des\s+(?:dizaines|centaines|milliers)|plusieurs(?:\s+dizaines|\s+centaines)?|"
                        r"de\s+nombreu(?:x|ses)|nombreu(?:x|ses)|quelques)(?:\s.*)?", re.I)


def _about(at: Path, text: str) -> str:
    """For "about 20", "une vingtaine" where a toll's count is: the number, its
    words kept as the source's (wording); for "dozens", that a count is a number."""
    m = _ABOUT.fullmatch(text)
    word = re.fullmatch(r"(?:une\s+|a\s+)?(\w+)", text, re.I)
    n = (m.group(1) or m.group(2)) if m else _ABOUT_FR.get(word.group(1).lower()) if word else None
    if n is not None:
        words = f"about {n}" if text.startswith("~") else text
        return (f': "{text}" is an approximation: write {at[-1]}: {n}, and keep the source\'s own words in the '
                f"claim's wording ({words} …), which the pages show beside the figure")
    if _NO_NUMBER.fullmatch(text):
        return (f': "{text}" gives no number, and a count is one: keep the source\'s words in the report\'s text, '
                "and give a count only where the source gives a figure")
    return ""


def _up_to(at: Path, text: str) -> str:
    """For "up to 40", "jusqu'à 40": a figure with no low end, {min: 0, max: 40}."""
    m = re.fullmatch(r"(?:up to|as many as|at most|no more than|jusqu['’]à|au plus)\s+(\d+)", text, re.I)
    if not m or at[-1] in ("min", "max"):
        return ""
    return (f": for up to {m.group(1)}, write {{min: 0, max: {m.group(1)}}}, and keep the source's words in the "
            f"claim's wording ({text} …)")


def _number_then_words(at: Path, text: str) -> str:
    """For "24 morts", "24 (FLA)": the number alone; the words have fields of their own."""
    m = re.fullmatch(r"(\d+)\s*[(,;–-]?\s*[^\W\d_].*", text)
    if not m:
        return ""
    return (f": write {at[-1]}: {m.group(1)}, the number alone; the source's words go in the claim's wording, and "
            "who gives the figure in its according_to")


def _count_in_words(at: Path, text: str) -> str:
    """For "trente", "forty-six" where a toll's count is: the number in digits."""
    n = in_words(text)
    return "" if n is None else f": write {at[-1]}: {n}, in digits (the source's words can stay in the claim's wording)"


# An address to clone over SSH, "git@github.com:owner/archive.git"
_SSH_CLONE = re.compile(r"[\w.-]+@([\w.-]+):/?([^\s:]+?)(?:\.git)?/?")
# Hosts whose repositories are at /owner/name (GitLab's groups nest: /group/sub/name)
_TWO_PARTS = ("github.com", "codeberg.org", "bitbucket.org")


def repository_problem(text: str) -> str | None:
    """Why the http(s) address `text` is not a repository's own web address, which
    each commit's link extends as /commit/<hash>, or None: a clone's address
    ending .git, a page of the repository (GitHub's /tree/main, GitLab's /-/…).
    The fix is said: the address it means."""
    parts = urlsplit(text.rstrip("/"))
    path, host = parts.path, (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    mended = path
    if host == "gitlab.com" or "/-/" in path:
        mended = path.split("/-/", 1)[0]
    elif host in _TWO_PARTS:
        mended = "/".join(path.split("/")[:3])
    if mended.endswith(".git"):
        mended = mended[:-4]
    if mended == path:
        return None
    good = f"{parts.scheme}://{parts.netloc}{mended}"
    what = "the address to clone it" if path == mended + ".git" else "the address of a page of the repository"
    return (f'"{visible(text)}" is {what}, not the repository\'s own, which each commit\'s link extends '
            f"(/commit/<hash>): give {good}")


def site_url_problem(text: str, repository: bool = False) -> str | None:
    """Why `text` cannot be the address a site is published under (site.yaml's
    base_url, --base-url), or None: every page's address is made by adding a
    path to it, so a query, a fragment or a broken port would be in each.
    With `repository`, why it cannot be the repository's address (build
    --repository), which each commit's link extends as `/commit/<hash>`."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - a port out of 0-65535 or not a number raises ValueError
    except ValueError:
        return f'"{visible(text)}" is not an http or https URL (its host or port cannot be read)'
    if parts.scheme in ("http", "https") and parts.hostname and " " in text and " " not in parts.netloc:
        return (f'"{visible(text)}" has a space in it, which an address cannot have: write each space as %20, '
                f'{text.replace(" ", "%20")}')
    if parts.scheme not in ("http", "https") or not parts.hostname or _BLANK.search(text):
        if repository and (ssh := _SSH_CLONE.fullmatch(text)):
            return (f'"{visible(text)}" is the address to clone the repository over SSH, not its web address, '
                    f"which each commit's link extends: give https://{ssh.group(1)}/{ssh.group(2)}")
        bare = schemeless(text)
        return f'"{visible(text)}" is not an http or https URL' + (
            f": write it with https:// in front, https://{text}" if bare else "")
    host = parts.hostname.strip("[]")
    if ":" not in host and not all(label and label[0] != "-" and label[-1] != "-" and
                                   all(c.isalnum() or c in "-_" for c in label) for label in host.rstrip(".").split(".")):
        return f'"{visible(text)}" is not an http or https URL (its host name "{visible(host)}" cannot be one)'
    if parts.port == 0 or parts.username is not None:
        why = "port 0" if parts.port == 0 else "a user name in it"
        what = "a repository's address" if repository else "an address a site is published under"
        return f'"{visible(text)}" is not {what} ({why})'
    if "?" in text or "#" in text:
        what = (f"the repository's own address, {parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}" if repository else
                "the address the pages are published under, such as https://owner.github.io/repository/")
        return f'"{visible(text)}" has a query or a fragment (?… or #…): give {what}'
    if not text.isascii() and not any("\ud800" <= c <= "\udfff" for c in text):
        # A sitemap's <loc> and a feed's links must be escaped; an address of pages is made once, as written.
        return (f'"{visible(text)}" holds letters that are not ASCII: write the host in its xn-- form and the '
                "rest percent-encoded (as a browser's address bar copies it)")
    if any("\ud800" <= c <= "\udfff" for c in text):  # bytes of the command line that are not UTF-8
        return f'"{visible(text)}" holds bytes that are not UTF-8 text: write the address in UTF-8, or percent-encoded'
    bad = sorted({c for c in text if c in '<>"\\^`{|}' or _HIDDEN.match(c)})
    if bad:
        return (f'"{visible(text)}" holds {" ".join(visible(c) for c in bad)}, which an address cannot: write them '
                "percent-encoded, or leave them out")
    if _BAD_PERCENT.search(text):
        return f'"{visible(text)}" has a "%" without two hexadecimal digits after it: write a "%" itself as %25'
    return None


_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")



def language_code(name: str) -> str:
    """The tag of a language named in English or in French ("english", "Français"), or ""."""
    from .. import cldr
    wanted = name.strip().casefold()
    for lang in ("en", "fr"):
        for code, said in cldr.facts(lang).languages.items():
            if said.casefold() == wanted and "_" not in code:
                return code
    return ""
