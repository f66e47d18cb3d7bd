"""What the archive takes of CLDR through Babel, for each language of a site:
month names, country and language names, and how numbers are written.

Babel is imported, and its locale data read, only to find these the first
time: the data's pickles hold objects of babel.dates, whose import reads the
machine's time zone, and a process that asks Babel for one month's name
spends 40-50 ms on it (18 ms importing Babel, 34 reading English's data),
5% of a one-report edit at 2,000 reports. A build keeps the facts in its
cache (remember() before, known() after: pipeline.py), so an edit's
process never imports Babel; the cache is thrown away with Babel's version
(cache.LIBRARIES).

Numbers are written by `number()` and `fixed()` as Babel's format_decimal
writes them (the locale's default pattern; "0.00", "0.#####"), for a
locale whose symbols and grouping this module can follow: it checks, when it
reads a locale's facts, that it writes a set of probe numbers as Babel does,
and leaves every number of a locale that fails one to Babel."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

# A locale's facts, by Babel's name for it ("fr", "en_GB"): read once a process,
# or taken from the build cache (remember).
_KNOWN: dict[str, "Facts"] = {}


@dataclass(frozen=True)
class Numbers:
    """How a locale writes a decimal number: its symbols, and its default
    pattern's grouping ("#,##0.###": 3 and 3; Hindi's "#,##,##0.###": 3 and 2)."""

    decimal: str
    group: str
    minus: str
    primary: int
    secondary: int


@dataclass(frozen=True, eq=False)  # (`names` grows: compared and hashed as the one object it is)
class Facts:
    """What the site writes of one locale: its month names (January first, as a
    date writes them and as a heading does), its names of countries and
    languages by code, the names it gave other locales (language_name, filled
    as they are asked; None for a locale Babel does not know), and its
    numbers (None: Babel writes them)."""

    locale: str
    months: tuple[str, ...]
    alone: tuple[str, ...]
    territories: dict[str, str]
    languages: dict[str, str]
    numbers: Numbers | None
    names: dict[str, str | None] = field(default_factory=dict)


class UnknownLocale(ValueError):
    """A language Babel has no data for."""


def facts(locale: str) -> Facts:
    """The facts of `locale` (Babel's spelling, "en_GB"); UnknownLocale if Babel has none."""
    known = _KNOWN.get(locale)
    if known is None:
        known = _KNOWN[locale] = _read(locale)
    return known


def display_name(code: str, here: str) -> str:
    """The name of the locale `code` ("pt_BR") in the locale `here`, as Babel's
    get_display_name gives it ("portugais (Brésil)"); UnknownLocale if Babel
    does not know `code`; "" if it has no name for it."""
    kept = facts(here)
    if code not in kept.names:
        from babel import Locale, UnknownLocaleError
        try:
            kept.names[code] = Locale.parse(code).get_display_name(Locale.parse(here)) or ""
        except (UnknownLocaleError, ValueError, TypeError):
            kept.names[code] = None  # kept too: Tamasheq ("tmh") asked again would import Babel again
    name = kept.names[code]
    if name is None:
        raise UnknownLocale(code)
    return name


def remember(kept: object) -> None:
    """Take the facts a build cache kept (a record of another shape is as good as none)."""
    for locale, value in _valid(kept).items():
        _KNOWN.setdefault(locale, value)


def known() -> dict[str, Facts]:
    """Every locale's facts this process holds, for the build cache to keep."""
    return dict(_KNOWN)


def signature(kept: object) -> dict[str, int]:
    """What facts a record holds (each locale, and how many names it gave): a
    process that learnt more than its cache kept has another."""
    return {locale: len(value.names) for locale, value in _valid(kept).items()}


def _valid(kept: object) -> dict[str, Facts]:
    if not isinstance(kept, dict):
        return {}
    return {k: v for k, v in kept.items() if isinstance(k, str) and isinstance(v, Facts) and v.locale == k}


def _read(locale: str) -> Facts:
    from babel import Locale, UnknownLocaleError
    try:
        data = Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        raise UnknownLocale(locale) from None
    months, alone = data.months["format"]["wide"], data.months["stand-alone"]["wide"]
    return Facts(locale, tuple(months[m] for m in range(1, 13)), tuple(alone[m] for m in range(1, 13)),
                 dict(data.territories), dict(data.languages), _numbers(data))


def _numbers(data) -> Numbers | None:
    """The locale's numbers, if number() and fixed() write every probe as Babel does."""
    from babel.numbers import format_decimal
    try:
        symbols = data.number_symbols["latn"]
        pattern = data.decimal_formats[None]
        primary, secondary = pattern.grouping
        numbers = Numbers(symbols["decimal"], symbols["group"], symbols["minusSign"], primary, secondary)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    for value in _PROBES:
        if number(value, numbers) != format_decimal(value, locale=data):
            return None
    for digits in (2, -1, -5):
        fraction = "0" * digits if digits >= 0 else "#" * -digits
        for value in _FIXED_PROBES:
            if fixed(value, digits, numbers) != format_decimal(value, format="0." + fraction, locale=data,
                                                               decimal_quantization=True):
                return None
    return numbers


_PROBES = (0, 1, -1, 7, 12, 999, 1000, -1000, 9999, 10000, 12345, 123456, 1234567, 1000000007, -10 ** 12,
           0.0, -0.0, 0.5, 1.25, -2.5, 1234.5678, 0.0005, 0.0015, 1.0005, 99999.9999, -0.0001, 2.675, 1e21)
_FIXED_PROBES = (0.0, -0.0, 1, 16.275, 11.42, -3.14159265, 0.000005, 0.0000049, 0.000015, 12345.678901, -0.5,
                 4.35, 999.995, 1e21)


def number(value: int | float, numbers: Numbers) -> str:
    """`value` in the locale's default pattern, as format_decimal writes it: its
    groups, at most three decimals rounded half to even, no trailing zero."""
    return _written(value, numbers, 3, 0, True)


def fixed(value: int | float, digits: int, numbers: Numbers) -> str:
    """`value` as format_decimal writes it with the pattern "0.00" (`digits`
    decimals) or "0.#####" (at most -`digits`, no trailing zero): no groups."""
    return _written(value, numbers, abs(digits), max(digits, 0), False)


def _written(value: int | float, numbers: Numbers, most: int, least: int, grouped: bool) -> str:
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    rounded = exact.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_EVEN)
    whole, _, part = f"{abs(rounded):f}".partition(".")
    part = part.rstrip("0")
    part += "0" * (least - len(part))
    if grouped and len(whole) > numbers.primary:
        groups = [whole[-numbers.primary:]]
        whole = whole[:-numbers.primary]
        while len(whole) > numbers.secondary:
            groups.append(whole[-numbers.secondary:])
            whole = whole[:-numbers.secondary]
        whole = numbers.group.join([whole, *reversed(groups)])
    sign = numbers.minus if exact.is_signed() else ""
    return f"{sign}{whole}{numbers.decimal + part if part else ''}"
