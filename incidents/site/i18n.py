"""The site's languages: message catalogues and Babel's dates and numbers.

Every string the site writes goes through gettext: in templates by Jinja2's
i18n extension ({% trans %}, _()), in Python by `Lang.gettext`. The
catalogues are Babel's .po files under locales/<lang>/LC_MESSAGES/, kept in
git and made with `pybabel extract/update` (babel.cfg; tests/test_i18n.py
fails on any string without a translation). They are compiled in memory when
first used, as `pybabel compile` would, so a fresh clone needs no step of its
own and an edited .po is seen by the next build (the .po is part of the
generator, which cache.code_key digests)."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import struct
import gettext as _gettext
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from .. import cldr

if TYPE_CHECKING:
    from ..content.link import Archive

LOCALES = Path(__file__).resolve().parent / "locales"
# The languages this generator has an interface for: English (the messages
# themselves) and those with a catalogue.
SOURCE_LANGUAGE = "en"


def available() -> tuple[str, ...]:
    """English, then every language with a catalogue, sorted."""
    return (SOURCE_LANGUAGE,) + tuple(sorted(p.name for p in LOCALES.iterdir()
                                             if (p / "LC_MESSAGES" / "messages.po").is_file()))


def _locale(code: str) -> str:
    """A language tag as Babel reads it: en-GB is en_GB."""
    return code.replace("-", "_")


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of `lang` (English: the messages as written). Fuzzy
    entries are left out, as `pybabel compile` leaves them."""
    po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    if lang == SOURCE_LANGUAGE or not po.is_file():
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(BytesIO(compiled(po.read_text(encoding="utf-8"))))


def compiled(po: str) -> bytes:
    """A .po catalogue as `pybabel compile` makes it a .mo (babel.messages.mofile.write_mo):
    its header, and each entry translated and not fuzzy (a plural form left empty
    is its English). Read here, by the standard library alone: Babel's reader and
    writer took 19-26 ms of every build of a site in two languages (what else
    they import, and read_po's parsing), this 4-7 ms."""
    header, messages = _po_entries(po)
    if "content-type:" not in header.lower():  # the .mo's strings are read in the charset it names
        header += "Content-Type: text/plain; charset=UTF-8\n"
    plurals = re.search(r"nplurals\s*=\s*(\d+)", header)
    kept: dict[bytes, bytes] = {b"": header.encode("utf-8")}
    for fields, flags in messages:
        if "fuzzy" in flags or (fields["msgid"] == "" and "msgctxt" not in fields):
            continue
        if "msgid_plural" in fields:
            ids = (fields["msgid"], fields["msgid_plural"])
            given = {int(k[7:-1]): v for k, v in fields.items() if re.fullmatch(r"msgstr\[\d+\]", k)}
            if not given:
                continue
            count = int(plurals.group(1)) if plurals else max(given) + 1
            key, value = "\0".join(ids), "\0".join(given.get(i) or ids[min(i, 1)] for i in range(count))
        elif fields.get("msgstr"):
            key, value = fields["msgid"], fields["msgstr"]
        else:
            continue
        if "msgctxt" in fields:
            key = fields["msgctxt"] + "\x04" + key
        kept.setdefault(key.encode("utf-8"), value.encode("utf-8"))  # a message given twice: its first
    return _mo(kept)


def _mo(messages: dict[bytes, bytes]) -> bytes:
    """The GNU .mo file of `messages` (key → translation), without a hash table, as write_mo writes it."""
    ordered = sorted(messages.items())
    keys, values, table_keys, table_values = b"", b"", [], []
    start = 7 * 4 + 16 * len(ordered)
    for key, value in ordered:
        table_keys += [len(key), start + len(keys)]
        keys += key + b"\0"
    for key, value in ordered:
        table_values += [len(value), start + len(keys) + len(values)]
        values += value + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, len(ordered), 7 * 4, 7 * 4 + 8 * len(ordered), 0, 0)
    return head + struct.pack(f"<{len(table_keys) + len(table_values)}I", *table_keys, *table_values) + keys + values


def _po_entries(po: str) -> tuple[str, list[tuple[dict[str, str], set[str]]]]:
    """The header's text, and each entry's fields (msgctxt, msgid, msgid_plural, msgstr,
    msgstr[n]) with its flags (#, fuzzy), of a .po file. An entry ends at a blank line,
    or where a comment or a new msgctxt or msgid follows its msgstr; obsolete
    entries (#~) are left out."""
    entries: list[tuple[dict[str, str], set[str]]] = []
    fields: dict[str, str] = {}
    flags: set[str] = set()
    key = ""
    for raw in po.split("\n"):  # (only "\n": a string may hold U+2028, which splitlines() would cut at)
        line = raw.strip()
        ended = any(k.startswith("msgstr") for k in fields)
        if not line or (ended and (line.startswith("#") or line.split(" ", 1)[0] in ("msgctxt", "msgid"))):
            if "msgid" in fields:
                entries.append((fields, flags))
            fields, flags, key = {}, set(), ""
            if not line:
                continue
        if line.startswith("#"):
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            key = ""
            continue
        if line.startswith('"'):
            if key:
                fields[key] += _po_string(line)
            continue
        key, _, rest = line.partition(" ")
        fields[key] = _po_string(rest.strip())
    if "msgid" in fields:
        entries.append((fields, flags))
    header = next((f.get("msgstr", "") for f, _ in entries if f["msgid"] == "" and "msgctxt" not in f), "")
    return header, entries


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", '"': '"', "\\": "\\"}


def _po_string(quoted: str) -> str:
    """A .po file's "…" string, its escapes read (\\n, \\t, \\", \\\\)."""
    return re.sub(r"\\(.)", lambda m: _PO_ESCAPES.get(m.group(1), m.group(0)), quoted[1:-1])


# Natural Earth's short names (geodata/) that are not CLDR's English ones: their ISO codes.
_NATURAL_EARTH = {"central african rep.": "CF", "congo": "CG", "dem. rep. congo": "CD", "eq. guinea": "GQ",
                  "palestine": "PS", "s. sudan": "SS", "turkey": "TR", "w. sahara": "EH", "ivory coast": "CI"}


def _fold(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").casefold().split())


@lru_cache(maxsize=None)
def _territories(lang: str) -> dict[str, str]:
    """Folded country name in `lang` → its ISO code, from Babel's (CLDR's) names."""
    return {**{_fold(name): code for code, name in cldr.facts(_locale(lang)).territories.items() if code.isalpha()},
            **(_NATURAL_EARTH if lang == SOURCE_LANGUAGE else {})}


# A build formats the same few thousand numbers and days tens of thousands of
# times (with Babel, a fifth of a small site's rendering): each is formatted
# once per process, by cldr.py where it writes the locale's numbers as Babel
# does, else by Babel.
@lru_cache(maxsize=1 << 16)
def _decimal(n: int | float, kind: type, code: str) -> str:
    numbers = cldr.facts(_locale(code)).numbers
    if numbers is not None:
        try:
            return cldr.number(n, numbers)
        except decimal.InvalidOperation:  # more digits than a Decimal holds
            pass
    from babel.numbers import format_decimal
    return format_decimal(n, locale=_locale(code))


@lru_cache(maxsize=1 << 16)
def _fixed(x: int | float, kind: type, sign: float, digits: int, code: str) -> str:
    """`sign` (math.copysign(1, x)): -0.0 equals 0.0 as a key, not as "-0.00". Negative
    `digits`: at most that many, trailing zeros left out."""
    numbers = cldr.facts(_locale(code)).numbers
    if numbers is not None:
        try:
            return cldr.fixed(x, digits, numbers)
        except decimal.InvalidOperation:
            pass
    from babel.numbers import format_decimal
    pattern = "0." + ("0" * digits if digits >= 0 else "#" * -digits)
    return format_decimal(x, format=pattern, locale=_locale(code), decimal_quantization=True)


@lru_cache(maxsize=1 << 16)
def _date(year: int, month: int, day: int, pattern: str, code: str) -> str:
    """A day in one of the site's CLDR patterns ("d MMMM y", "LLLL y", "d MMMM"),
    from Babel's month names, as babel.dates.format_date writes it
    (tests/test_i18n.py), without format_date's work at each call, nor Babel's
    import (cldr.py)."""
    if "'" in pattern:  # quoted text: Babel's own
        return _babel_date(year, month, day, pattern, code)
    known = cldr.facts(_locale(code))
    parts = []
    for token in (m.group(0) for m in _TOKEN.finditer(pattern)):
        if token == "d":
            parts.append(str(day))
        elif token == "y":
            parts.append(str(year))
        elif token == "MMMM":
            parts.append(known.months[month - 1])
        elif token == "LLLL":
            parts.append(known.alone[month - 1])
        elif token[0].isalpha():  # a field this function does not write: Babel's own
            return _babel_date(year, month, day, pattern, code)
        else:
            parts.append(token)
    return "".join(parts)


def _babel_date(year: int, month: int, day: int, pattern: str, code: str) -> str:
    from babel.dates import format_date  # imported only for a pattern _date does not write
    return format_date(dt.date(year, month, day), pattern, locale=_locale(code))


_TOKEN = re.compile(r"([A-Za-z])\1*|[^A-Za-z']+")


# A vowel sound to elide before: a vowel, or a "Y" before a consonant (Yves, not Youwarou or Yeelen).
_VOWELS = "AEIOUÀÂÄÆÉÈÊËÎÏÔŒÙÛÜaeiouàâäæéèêëîïôœùûü"
_VOWEL = re.compile(f"[{_VOWELS}]|[Yy](?![{_VOWELS}Yy])\\w")
_OF = re.compile(r"(?<!\w)(de|à) %\((\w+)\)s")
# "de" and "à" before a name's article: "rapport du Journal du Gourma", "attribués aux Échos"
_CONTRACTED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


def in_french(text: str, values: dict) -> str:
    """A French message formatted with `values`, "de %(x)s" and "à %(x)s" as
    French writes them before x's value: "d'" before a vowel ("rapport
    d'Associated Press", "d'avril 2024 à mai 2025"), and a name's article "Le"
    or "Les" taken in ("rapport du Journal du Gourma", not "de Le Journal";
    "aux Échos"). An "h" is left alone (aspirated or not, it is the name's to say)."""
    if "de %(" in text or "à %(" in text:
        values = dict(values)
        made = _OF.sub(lambda m: _before(m.group(1), m.group(2), values), text)
        text = Markup(made) if isinstance(text, Markup) else made
    return text % values


def _before(word: str, name: str, values: dict) -> str:
    """"de %(name)s" or "à %(name)s" as French writes it before `values[name]`,
    which loses its article where the word takes it in."""
    value = values.get(name, "")
    article, space, rest = str(value).partition(" ")
    if space and rest.strip() and (word, article.lower()) in _CONTRACTED:
        values[name] = value[len(article) + 1:]
        return f"{_CONTRACTED[word, article.lower()]} %({name})s"
    if word == "de" and _VOWEL.match(str(value)):
        return f"d'%({name})s"
    return f"{word} %({name})s"


def named_languages(archive: Archive) -> None:
    """Every language's name a page may give (a report's source's language, in
    each language of the site) asked now, in the build's own process, where
    cldr.py learns what the build cache keeps: an edit's pages then need no
    Babel. (A name first asked in a worker is right all the same, and learnt
    again by the next build that asks it here.)"""
    codes = sorted({r.source.language for r in archive.reports.values() if r.source.language})
    for lang in archive.site.languages:
        for code in codes:
            Lang(lang).language_name(code)


# A title's own quotation marks, as the inner kind inside an English “…”, and
# French « … » (with the spaces French puts inside them) inside a French « … ».
_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’"})
_GUILLEMETS = re.compile("«[\u00a0\u202f ]?|[\u00a0\u202f ]?»")


@dataclass(frozen=True)
class Lang:
    """One language of the site: its words, its dates and its numbers."""

    code: str = SOURCE_LANGUAGE

    def gettext(self, message: str) -> str:
        return translations(self.code).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations(self.code).ngettext(singular, plural, n)

    def fill(self, text: str, values: dict) -> str:
        """A message of this language (gettext's, ngettext's) formatted with
        `values`: in French, "de" and "à" as French writes them before each (in_french())."""
        return in_french(text, values) if self.french else text % values

    def number(self, n: int | float) -> str:
        """"1,000" in English, "1 000" (a narrow no-break space) in French."""
        return _decimal(n, type(n), self.code)

    def fixed(self, x: float, digits: int = 2) -> str:
        """"16.27" in English, "16,27" in French."""
        return _fixed(x, type(x), math.copysign(1, x), digits, self.code)

    def coordinate(self, x: float) -> str:
        """A latitude or longitude as the content gives it, to 5 decimals (a metre) at
        most, no zero added: "11.42" (not "11.4200", a precision nobody gave), "11,42" in French."""
        return _fixed(x + 0.0, type(x), 1.0, -5, self.code)  # (-0.0 + 0.0 is 0.0)

    def country(self, name: str, written_in: str = SOURCE_LANGUAGE) -> str:
        """A country's name, written in `written_in` (the content's or the map data's language),
        in this language as Babel names it: "Algeria" → "Algérie". A name Babel does not know
        ("Somaliland") stays as written."""
        if not name or self.code == written_in:
            return name
        code = _territories(written_in).get(_fold(name))
        return cldr.facts(_locale(self.code)).territories.get(code, name) if code else name

    def language_name(self, code: str) -> str:
        """A language's name from its code, in this language as Babel names it,
        with its script or region: "en" → "anglais", "pt-BR" → "portugais
        (Brésil)"; a code Babel does not know stays as written."""
        here = _locale(self.code)
        try:
            return cldr.display_name(code.replace("-", "_"), here) or code
        except cldr.UnknownLocale:
            return cldr.facts(here).languages.get(code.replace("_", "-").split("-")[0].lower(), code)

    def month_name(self, month: int) -> str:
        """The month alone, as a heading says it: "February", "février"."""
        return cldr.facts(_locale(self.code)).alone[month - 1]

    @property
    def french(self) -> bool:
        return self.code.split("-")[0] == "fr"

    @property
    def colon(self) -> str:
        """": " between two parts of a line, as the language writes it: French puts
        a no-break space before the colon ("Gao : 2 événements"), which a line
        never breaks from the word it follows."""
        return "\u00a0: " if self.french else ": "

    def inside_quotes(self, text: str) -> str:
        """`text` (a title) ready to go inside this language's quotation marks,
        its own quotation marks made the inner kind: in English “‘They came at
        dawn’: …”, in French « “Ils sont venus à l’aube” : … », as a citation
        style nests them; never two marks side by side that read as one (““)."""
        if self.french:
            return _GUILLEMETS.sub(lambda m: "“" if m.group(0)[0] == "«" else "”", text)
        return text.translate(_INNER_QUOTES)

    @property
    def semicolon(self) -> str:
        """"; " between the items of a line: in French with a narrow no-break space before it."""
        return "\u202f; " if self.french else "; "

    def first_day(self, text: str, day: int) -> str:
        """The first of a month as French writes it, "1er août" (CLDR's patterns give "1 août")."""
        return "1er" + text[1:] if day == 1 and self.french and text.startswith("1") else text

    def day(self, day) -> str:
        """A model.Day as precise as it is: "17 février 2025", "1er mars 2022", "mars 2022", "2022"."""
        if day.day:
            return self.first_day(_date(day.year, day.month, day.day, "d MMMM y", self.code), day.day)
        if day.month:
            return _date(day.year, day.month, 1, "LLLL y", self.code)
        return str(day.year)

    def span(self, start, end) -> str:
        """"20–29 June 2024", "17 February – 3 March 2025", "March 2022"."""
        if end is None or end == start:
            return self.day(start)
        if start.day and end.day and (start.year, start.month) == (end.year, end.month):
            return f"{self.first_day(str(start.day), start.day)}–{self.day(end)}"
        if start.day and end.day and start.year == end.year:
            first = self.first_day(_date(start.year, start.month, start.day, "d MMMM", self.code), start.day)
            return f"{first} – {self.day(end)}"
        return f"{self.day(start)} – {self.day(end)}"

    def count(self, c) -> str:
        """A model.Count: "24", "20–30", "at least 24", "up to 40" (a source's
        figure with no low end, written {min: 0, max: 40}: "0–40" read as if
        someone said none)."""
        if c.max is None:
            return self.gettext("at least %(n)s") % {"n": self.number(c.min)}
        if c.max == c.min:
            return self.number(c.min)
        if c.min == 0:
            return self.gettext("up to %(n)s") % {"n": self.number(c.max)}
        return f"{self.number(c.min)}–{self.number(c.max)}"

    def toll(self, t) -> str:
        """A link.Toll over several claims: "46 to at least 60"."""
        low, high = self.number(t.low), self.number(t.high)
        if t.low == t.high:
            return self.gettext("at least %(n)s") % {"n": high} if t.open else high
        if t.open:
            return self.gettext("%(low)s to at least %(high)s") % {"low": low, "high": high}
        if t.low == 0:  # link.Toll: "up to 40", never "0–40"
            return self.gettext("up to %(n)s") % {"n": high}
        return f"{low}–{high}"

    def killed(self, text: str, n: int) -> str:
        """"24 killed", "au moins 24 tués" (`n`: the figure that decides the plural)."""
        return self.ngettext("%(toll)s killed", "%(toll)s killed", n) % {"toll": text}

    def size(self, n: int) -> str:
        """A file's size, for a reader deciding whether to download it: "812 bytes",
        "5.9 kB", "96 kB", "15 MB"; "15 Mo" in French. Decimal units, as phones and
        browsers count a download; one decimal below ten, none above (the figure
        needs no more), a half rounded up, in whole numbers (1,050 bytes: "1.1 kB");
        a no-break space before the unit."""
        if n < 1000:
            unit = self.ngettext("byte", "bytes", n)  # (outside the f-string, where pybabel finds it)
            return f"{self.number(n)}\u00a0{unit}"
        units = (self.gettext("kB"), self.gettext("MB"), self.gettext("GB"))
        k, per = 0, 1000
        while (n + per // 2) // per >= 1000 and k < len(units) - 1:  # "1,000 kB" is "1 MB"
            k, per = k + 1, per * 1000
        tenths = (n * 10 + per // 2) // per
        shown = self.fixed(tenths / 10, -1) if tenths < 100 else self.number((n + per // 2) // per)
        return f"{shown}\u00a0{units[k]}"

    def figure(self, kind: str, text: str, n: int) -> str:
        """A figure with its kind, in the plural `n` asks for: "1 blessé", "20–30 blessés"."""
        if kind == "injured":
            return self.ngettext("%(toll)s injured", "%(toll)s injured", n) % {"toll": text}
        if kind == "missing":
            return self.ngettext("%(toll)s missing", "%(toll)s missing", n) % {"toll": text}
        return self.killed(text, n)


ENGLISH = Lang()


def template_gettexts(catalogue: _gettext.NullTranslations, french: bool = False) -> dict:
    """Jinja2's newstyle gettext, ngettext and _, giving the same strings, each
    message looked up, marked safe and (without variables) formatted once:
    Jinja2's own go through the template's context three times a message and
    do all of it every time, and a page asks for about twenty (a tenth of
    rendering, profiled at 2,000 reports)."""
    made: dict[tuple[str, bool, bool], str] = {}  # (message, autoescape, with variables) → its text

    @jinja2.pass_eval_context
    def gettext(ctx, message: str, /, **variables) -> str:
        key = (message, ctx.autoescape, bool(variables))
        try:
            text = made[key]
        except KeyError:
            text = Markup(catalogue.gettext(message)) if ctx.autoescape else catalogue.gettext(message)
            # As Jinja2's, a format string even without variables ("%%" is "%").
            text = made[key] = text if variables else text % {}
        return (in_french(text, variables) if french else text % variables) if variables else text

    @jinja2.pass_eval_context
    def ngettext(ctx, singular: str, plural: str, n: int, /, **variables) -> str:
        variables.setdefault("num", n)
        text = catalogue.ngettext(singular, plural, n)
        text = Markup(text) if ctx.autoescape else text
        return in_french(text, variables) if french else text % variables

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext}
