"""The French the importer reads: month and weekday names, numbers in words
("dix-sept", "quatre-vingts", "trente et un"), as the Malian and wire press
writes them. The patterns that use them live beside their English ones
(dates.py, tolls.py, …): one article is read by both, and each matches
only its own language's words."""

from __future__ import annotations

import re

from ..content.names import fold
from ..content.numberwords import FRENCH_TENS, FRENCH_UNITS
from ..content.numberwords import french as number  # noqa: F401 (the importer's name for it)

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
# The press's abbreviations: "3 févr. 2025", "12 sept."
MONTH_ABBREVIATIONS = {"janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
                       "dec": 12}
WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()

# A month's name in any case, accents or not ("Février", "fevrier", "févr.").
_ABBREVIATED = {*MONTH_ABBREVIATIONS, "févr", "fév", "déc"}
MONTH = r"(?i:" + "|".join(sorted({*MONTHS, *map(fold, MONTHS)} | {a + r"\." for a in _ABBREVIATED} | _ABBREVIATED,
                                  key=len, reverse=True)) + r")"
WEEKDAY = r"(?i:" + "|".join(WEEKDAYS) + r")"


def month_number(name: str) -> int:
    """1-12 for a French month's name or abbreviation, 0 for anything else."""
    key = fold(name).rstrip(".")
    folded = [fold(m) for m in MONTHS]
    if key in folded:
        return folded.index(key) + 1
    return MONTH_ABBREVIATIONS.get(key, 0)


def weekday_number(name: str) -> int:
    """0 (Monday) to 6 for a French weekday's name, -1 for anything else."""
    key = fold(name)
    return WEEKDAYS.index(key) if key in WEEKDAYS else -1


_WORD = "|".join(sorted([*FRENCH_UNITS, *FRENCH_TENS, "cent", "cents", "quatre-vingts", "quatre-vingt", "mille"], key=len,
                        reverse=True))
# A number in words, from "un" to "neuf cent quatre-vingt-dix-neuf": the words
# above joined by hyphens, spaces or " et " ("vingt et un", "soixante-et-onze").
# "quatre-vingt" is one word, never "quatre" then "vingt" (read both ways, a run of
# them took seconds), and a number has at most a dozen words (a run of hyphened words
# "cinquante-cinquante-…" split every way made a range's pattern cubic).
NUMBER = rf"(?:{_WORD})(?:(?:-et-|\s+et\s+|-(?!(?<=quatre-)vingt)|\s+)(?:{_WORD})){{0,12}}"
