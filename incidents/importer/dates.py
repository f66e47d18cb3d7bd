"""Dates an article gives: "February 21", "between June 20 and 29",
"March 2022", and weekdays ("on Monday") resolved against the publication
date when one is known; in French too ("le 1er avril", "du 20 au 29 juin
2024", "mars 2022", "mercredi", "dans la nuit de lundi à mardi"). Each date
is marked as the incident's or the reporting's by the nearest verb around it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..content.model import Day
from . import french
from .text import MONTHS, WEEKDAYS, Sentence

# A month's name, or its first three letters ("Jan. 7", "Aug 3"), or "Sept.".
_MONTH = r"(?P<{}>" + "|".join(m.capitalize() for m in MONTHS) + r"|Sept\.?|" + "|".join(
    m[:3].capitalize() + r"\.?" for m in MONTHS if len(m) > 4) + ")"
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)
_SEP = r"\s*(?:-|–|—|and|to|through|until)\s*"
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS = (
    # February 21 / Friday, February 21, 2025 / June 20 and 29 / June 20-29, 2024
    re.compile(rf"(?:(?:{_WEEKDAY}),?\s+)?{_MONTH.format('m')}\s+(?P<d>\d{{1,2}}){_ORD}"
               rf"(?:{_SEP}(?:{_MONTH.format('m2')}\s+)?(?P<d2>\d{{1,2}}){_ORD})?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    # 16 February / 20-29 June 2024 / 20 June to 2 July 2024
    re.compile(rf"(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?"
               rf"(?:\s+{_MONTH.format('m')})?(?:{_SEP}(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?{_MONTH.format('m2')}"
               rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    # March 2022
    re.compile(rf"{_MONTH.format('m')},?\s+(?P<y>(?:19|20)\d\d)\b"),
    # le 3 avril 2025 / lundi 3 mars / du 20 au 29 juin 2024 / du 31 mars au 1er avril / entre le 20 et le 29 juin
    re.compile(rf"(?:{french.WEEKDAY}\s+)?(?P<d>\d{{1,2}})(?:er)?(?:\s+(?P<m>{french.MONTH}))?"
               rf"(?:\s*(?:-|–|au|à|et(?:\s+le)?)\s*(?P<d2>\d{{1,2}})(?:er)?)?\s+(?P<m2>{french.MONTH})"
               rf"(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)"),
    # mars 2022 / en février 2025
    re.compile(rf"(?<!\w)(?P<m>{french.MONTH})\s+(?P<y>(?:19|20)\d\d)\b"),
)
# "on Monday", "last Friday", "on Tuesday and Wednesday" (two days in a row: the first to the second)
_RELATIVE = re.compile(rf"\b(?:on|last|this past|early on|late on)\s+(?P<w>{_WEEKDAY})"
                       rf"(?:\s+(?:and|to|through|into)\s+(?P<w2>{_WEEKDAY}))?\b(?!,?\s+(?:the\s+)?\d)"
                       rf"(?!,?\s+{_MONTH.format('x')})")
# "mercredi", "lundi dernier", "vendredi soir", "mardi et mercredi": a weekday alone, not a day's date ("lundi 3 mars")
_RELATIVE_FR = re.compile(rf"(?<!\w)(?P<w>{french.WEEKDAY})(?:\s+(?:et|à|au)\s+(?P<w2>{french.WEEKDAY}))?"
                          rf"(?:\s+(?:dernier|soir|matin|après-midi))?(?!\w)(?!\s+(?:\d|{french.MONTH}))")
# Months said against the publication date: "in February last year", "last month", "earlier this month",
# "en juin dernier", "le mois dernier" (an earlier incident, most often: its month)
# How a month counted from the publication date is said ("last month", "In February"): extract.py takes it
# for the incident's only beside the first toll (most often it dates an earlier incident)
COUNTED_MONTH = "the month, counted from the publication date"
# A month alone, "In January, …", "en janvier": the last such month up to the publication's.
_FULL_MONTHS = "|".join(m.capitalize() for m in MONTHS)
_MONTH_AGO = re.compile(rf"\b(?:in\s+)?{_MONTH.format('m')}\s+(?:of\s+)?last\s+year\b|\b(?P<last>last|this\s+past)\s+month\b|"
                        rf"\b(?:earlier|later)\s+this\s+month\b|(?<!\w)en\s+(?P<mfr>{french.MONTH})\s+dernier(?!\w)|"
                        rf"(?<!\w)(?P<lastfr>le\s+mois\s+dernier)(?!\w)|(?<!\w)(?P<yfr>{french.MONTH})\s+de\s+l['’]"
                        rf"(?:année|an)\s+dernière?(?!\w)|"
                        rf"\bin\s+(?:early\s+|late\s+|mid-)?(?-i:(?P<bare>{_FULL_MONTHS}))\b(?!\s*\d)(?!,?\s+(?:of\s+)?"
                        rf"last\s+year)|(?<!\w)(?:en|début|fin|mi-)\s*(?P<barefr>{french.MONTH})(?!\w)(?!\s+(?:\d|dernier|de\s+l))",
                        re.I)
# "23/01/2025", "23.01.2025": the day first (as French writes it, and "13/03/2026" can be read no other way);
# "03/13/2026" the month first; "03/04/2026" in English, either: not read
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<y>(?:19|20)\d\d)(?![\d/.]|\.\d)")
_FRENCH_WORDS = re.compile(r"(?i)\b(?:le|la|les|du|publié|mis\s+à\s+jour|modifié|depuis|à|et)\b")
# "on the night of Sunday to Monday": two days, the first one's evening to the next one's morning
_NIGHT = re.compile(rf"\b(?:(?:on|during|in)\s+)?the\s+night\s+(?:of|from|between)\s+(?P<w>{_WEEKDAY})\s+"
                    rf"(?:to|into|and)\s+(?P<w2>{_WEEKDAY})\b")
# "dans la nuit de dimanche à lundi", "la nuit du samedi au dimanche"
_NIGHT_FR = re.compile(rf"(?<!\w)(?:(?:dans|durant|pendant)\s+)?la\s+nuit\s+(?:de|du|entre)\s+(?:le\s+)?"
                       rf"(?P<w>{french.WEEKDAY})\s+(?:à|au|et)\s+(?:le\s+)?(?P<w2>{french.WEEKDAY})(?!\w)")
_INCIDENT_WORDS = re.compile(r"\b(kill\w*|execut\w*|attack\w*|massacr\w*|occur\w*|happen\w*|took place|intercept\w*|"
                             r"stopp\w*|shot|died|raid\w*|clash\w*|ambush\w*|travel\w*|abduct\w*|bur(?:ied|ned)|"
                             r"murder\w*|slain|operation|storm\w*|shoot\w*|torch\w*|opened\s+fire|gunned|deaths?|"
                             r"décès|"
                             r"ouvert\s+le\s+feu|fait\s+irruption|pris\s+d['’]assaut|"
                             r"tu(?:é|ée|és|ées|er|erie)|exécut\w*|attaqu\w*|survenu\w*|abattu\w*|assassin\w*|"
                             r"enlev\w*|enlèvement\w*|frapp\w*|embuscade\w*|incendi\w*|morts?|perpétr\w*|opération)\b",
                             re.I)
_REPORT_WORDS = re.compile(r"\b(announc\w*|investigat\w*|probe\w*|said|says|told|report\w*|stat\w*|publish\w*|"
                           r"launch\w*|open\w*|confirm\w*|denied|deny|denies|condemn\w*|claim\w*|accus\w*|"
                           r"annonc\w*|enquête\w*|déclar\w*|affirm\w*|indiqu\w*|dément\w*|démenti\w*|rapport\w*|"
                           r"publié\w*|condamn\w*|dénonc\w*|selon|communiqué\w*|précis\w*|racont\w*|réagi\w*)\b",
                           re.I)


@dataclass(frozen=True)
class DateGuess:
    text: str                 # as written
    start: Day | None         # None when the year (or, for a weekday, the publication date) is unknown
    end: Day | None
    sentence: int
    kind: str                 # "incident", "report", "since" (a period's bound: background) or "" (can't tell)
    how: str                  # how it was read, for the curator
    partial: tuple[int, int, int, int] = (0, 0, 0, 0)   # month, day, end month, end day of a date with no year

    def with_year(self, year: int, how: str) -> DateGuess | None:
        """This year-less date in `year`, if it is a real date there."""
        month, day, month2, day2 = self.partial
        try:
            dt.date(year, month, day or 1)
            end = Day(year, month2, day2) if day2 else None
            if end:
                dt.date(year, month2, day2)
        except ValueError:
            return None
        start = Day(year, month, day)
        return DateGuess(self.text, start, end if end and end > start else None, self.sentence, self.kind, how)

    def iso(self) -> str:
        if self.start is None:
            return "?"
        return self.start.iso() + (f" to {self.end.iso()}" if self.end and self.end != self.start else "")


def find_dates(sentences: list[Sentence], published: dt.date | None) -> list[DateGuess]:
    out: list[DateGuess] = []
    for s in sentences:
        taken: list[tuple[int, int]] = []
        for rx in _PATTERNS:
            for m in rx.finditer(s.text):
                if any(m.start() < b and m.end() > a for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                out.append(_absolute(m, s, published))
        for m in (*_NIGHT.finditer(s.text), *_NIGHT_FR.finditer(s.text)):
            taken.append((m.start(), m.end()))
            out.append(_night(m, s, published))
        for m in _MONTH_AGO.finditer(s.text):
            if not any(m.start() < b and m.end() > a for a, b in taken):
                taken.append((m.start(), m.end()))
                out.append(_month_ago(m, s, published))
        for m in _NUMERIC.finditer(s.text):
            if not any(m.start() < b and m.end() > a for a, b in taken) and (guess := _numeric(m, s)):
                taken.append((m.start(), m.end()))
                out.append(guess)
        for m in (*_RELATIVE.finditer(s.text), *_RELATIVE_FR.finditer(s.text)):
            if any(m.start() < b and m.end() > a for a, b in taken):
                continue
            out.append(_weekday(m, s, published))
    return sorted(out, key=lambda g: (g.sentence, s_pos(g, sentences)))


def s_pos(guess: DateGuess, sentences: list[Sentence]) -> int:
    return sentences[guess.sentence].text.find(guess.text)


def _month(name: str | None) -> int:
    if not name:
        return 0
    if french.month_number(name):
        return french.month_number(name)
    key = name.rstrip(".").lower()[:3]
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(key))


def _weekday_number(name: str) -> int:
    """0 (Monday) to 6, for an English or a French weekday's name."""
    return WEEKDAYS.index(name.lower()) if name.lower() in WEEKDAYS else french.weekday_number(name)


def _absolute(m: re.Match[str], s: Sentence, published: dt.date | None) -> DateGuess:
    groups = m.groupdict()
    month = _month(groups.get("m") or groups.get("m2"))
    month2 = _month(groups.get("m2")) or month
    day = int(groups["d"]) if groups.get("d") else 0
    day2 = int(groups["d2"]) if groups.get("d2") else 0
    if groups.get("d") and groups.get("m") is None:   # "20-29 June", "16 February"
        month = month2
    year = int(groups["y"]) if groups.get("y") else 0
    how = "as written"
    if not year and published:
        year = published.year - ((month, day) > (published.month, published.day))
        how = "year from the publication date"
    kind = _kind(s.text, m.start(), m.end())
    if not year:
        return DateGuess(m.group(0), None, None, s.index, kind, "no year given", (month, day, month2, day2))
    try:
        start = Day(year, month, day) if day else Day(year, month)
        dt.date(year, month, day or 1)
        end = Day(year, month2, day2) if day2 else None
        if end:
            dt.date(year, month2, day2)
    except ValueError:
        return DateGuess(m.group(0), None, None, s.index, kind, "not a real date")
    if end and end < start:
        end = None
    return DateGuess(m.group(0), start, end, s.index, kind, how)


def _month_ago(m: re.Match[str], s: Sentence, published: dt.date | None) -> DateGuess:
    """A month said against the publication date, to the month."""
    kind = _kind(s.text, m.start(), m.end())
    if published is None:
        return DateGuess(m.group(0), None, None, s.index, kind, "a month before the publication: give --published "
                                                                 "to resolve it")
    g = m.groupdict()
    year, month = published.year, published.month
    if g.get("last") or g.get("lastfr"):  # last month
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif g.get("m") or g.get("yfr"):      # February last year
        year, month = year - 1, _month(g.get("m") or g.get("yfr"))
    elif g.get("mfr"):                    # en juin dernier: the last June before this month
        month = _month(g["mfr"])
        year -= month >= published.month
    elif g.get("bare") or g.get("barefr"):  # in January: the last January up to this month
        month = _month(g.get("bare") or g.get("barefr"))
        year -= month > published.month
    return DateGuess(m.group(0), Day(year, month), None, s.index, kind, COUNTED_MONTH)


def _numeric(m: re.Match[str], s: Sentence) -> DateGuess | None:
    """A date in figures, read the one way it can be: the day first where the
    sentence is French or the first number cannot be a month, the month first
    where the second cannot be. None where either reading would do in English."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a > 12 or a == b or (b <= 12 and _FRENCH_WORDS.search(s.text)):
        day, month = a, b
    elif b > 12:
        month, day = a, b
    else:
        return None
    try:
        dt.date(year, month, day)
    except ValueError:
        return DateGuess(m.group(0), None, None, s.index, _kind(s.text, m.start(), m.end()), "not a real date")
    return DateGuess(m.group(0), Day(year, month, day), None, s.index, _kind(s.text, m.start(), m.end()),
                     "as written, the day first" if day == a else "as written, the month first")


def _weekday(m: re.Match[str], s: Sentence, published: dt.date | None) -> DateGuess:
    kind = _kind(s.text, m.start(), m.end())
    two = m.groupdict().get("w2")
    if published is None:
        return DateGuess(m.group(0), None, None, s.index, kind, "a weekday: give --published to resolve it")
    if two:  # "on Tuesday and Wednesday": the second on or before the publication date, the first the day before
        first, second = _weekday_number(m.group("w")), _weekday_number(two)
        if (first + 1) % 7 == second:
            last = published - dt.timedelta(days=(published.weekday() - second) % 7)
            start = last - dt.timedelta(days=1)
            return DateGuess(m.group(0), Day(start.year, start.month, start.day), Day(last.year, last.month, last.day),
                             s.index, kind, f"the {_english(m.group('w'))} and {_english(two)} on or before the "
                                            f"publication date")
    weekday = _weekday_number(m.group("w"))
    back = (published.weekday() - weekday) % 7
    if back == 0 and re.search(r"(?i)\blast\b|\bdernier\b", m.group(0)):
        back = 7  # "last Saturday", "samedi dernier" said on a Saturday: the week before
    day = published - dt.timedelta(days=back)
    return DateGuess(m.group(0), Day(day.year, day.month, day.day), None, s.index, kind,
                     f"the {_english(m.group('w'))} on or before the publication date")


def _night(m: re.Match[str], s: Sentence, published: dt.date | None) -> DateGuess:
    kind = _kind(s.text, m.start(), m.end())
    first, second = _weekday_number(m.group("w")), _weekday_number(m.group("w2"))
    if (first + 1) % 7 != second:
        return DateGuess(m.group(0), None, None, s.index, kind, "a night between two days that do not follow")
    if published is None:
        return DateGuess(m.group(0), None, None, s.index, kind, "a night between weekdays: give --published to "
                                                                 "resolve it")
    last = published - dt.timedelta(days=(published.weekday() - second) % 7)
    start = last - dt.timedelta(days=1)
    return DateGuess(m.group(0), Day(start.year, start.month, start.day), Day(last.year, last.month, last.day),
                     s.index, kind, f"the night of the {_english(m.group('w'))} to the {_english(m.group('w2'))} on or "
                                    f"before the publication date")


def _english(weekday: str) -> str:
    """A weekday's English name, for the curator's notes ("mercredi" → "Wednesday")."""
    return WEEKDAYS[_weekday_number(weekday)].capitalize()


# A date that starts or ends a period is the background, not the incident: "violence since March 2019",
# "depuis 2012", "until last year"
_PERIOD = re.compile(r"\b(?:since|ever\s+since|until|till|depuis|jusqu['’](?:en|à|au)?)\s+(?:(?:early|late|mid-?|"
                     r"the\s+(?:start|end|beginning|middle)\s+of|début|fin|mi-)\s*)?$", re.I)


def _kind(text: str, start: int, end: int) -> str:
    """"incident" or "report": the nearest telling word before the date in its
    own clause ("killed … on Monday"), else just after it ("on Friday,
    announced"), else further back in the sentence; "since" a date that
    starts a period the article looks back on ("violence since March 2019")."""
    if _PERIOD.search(text, max(0, start - 40), start):
        return "since"
    clause = max(text.rfind(c, 0, start) for c in ",;:—")
    windows = ((max(clause + 1, start - 100), start, True), (end, min(len(text), end + 40), False),
               (max(0, start - 100), start, True))
    if not text[clause + 1:start].strip(" ,;:—") or re.fullmatch(r"\s*(?:on|in|at|the|night|of|early|late|le|la|"
                                                                  r"dans|en|du|de)?\s*", text[clause + 1:start]):
        # right after a comma: "killed 21 civilians, on Sunday, the FLA said" belongs to what comes before,
        # however long the place between ("attacked camps around …, in the … district of …, on Tuesday")
        windows = ((max(0, start - 100), start, True), (0, start, True), (end, min(len(text), end + 40), False))
    for a, b, backward in windows:
        best: tuple[int, str] | None = None
        for rx, kind in ((_INCIDENT_WORDS, "incident"), (_REPORT_WORDS, "report")):
            for w in rx.finditer(text, a, b):
                distance = start - w.end() if backward else w.start() - end
                if best is None or distance < best[0] or (distance == best[0] and kind == "incident"):
                    best = (distance, kind)
        if best:
            return best[1]
    return ""
