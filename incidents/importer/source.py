"""What the text itself says of its source: the publication date (a dateline
"BAMAKO, Feb 22, 2025 (AFP) –", a line "Published 16 May 2024", a byline
"By … | 6 February 2024"), the agency of a dateline, the page's address left
in the text, a byline's author, and the language it is written in."""

from __future__ import annotations

import datetime as dt
import re

from ..content.model import Day
from .clean import Cleaned
from .dates import find_dates
from .text import Sentence

# "BAMAKO, Feb 22, 2025 (AFP) –", "Bamako (Mali), 22 février (AFP) -", "BAMAKO, Mali (AP) —", "BAMAKO, Feb 22 —",
# "NIAMEY, 12 juin 2024 (Xinhua) --" (a dash typed as two), "… (Xinhua) :" (a colon after the agency only)
_DATELINE_RX = re.compile(r"^(?P<place>[A-ZÀ-Ý][^\d(),]{1,40}?(?:\s*\([^\d(),]{2,30}\))?(?:,\s*[A-ZÀ-Ý][^\d(),]{1,30}?)?),"
                          r"\s+(?P<date>[^()–—]{3,40}?)\s*(?:\((?P<agency>[A-Za-z][\w .-]{1,30})\)\s*(?:--|[–—:-])"
                          r"|(?:--|[–—-]))\s")
_URL = re.compile(r"^https?://[^\s/]+\S*$", re.I)
# (a particle in lower case only: "De" is a capitalised word already, and a word matched two ways
# made "By Xx De De De … x" take seconds)
_BYLINE = re.compile(r"^(?i:by|par)\s+(?P<who>[A-ZÀ-Ý][\w.'’-]+(?:\s+(?:[A-ZÀ-Ý][\w.'’-]+|(?=[a-z])(?i:de|da|du|ag|al|"
                     r"el|van|von|and|et)))*)\s*(?:[|•·,]|\s(?i:in|à|en|from)\s|$)")
_EN = set("the of and to in a that is was were said for on with by at from it as have had has".split())
_FR = set("le la les des de du et en un une est ont a été dans par pour sur qui que au aux selon".split())


def _dateline(text: str) -> re.Match[str] | None:
    """A paragraph's dateline: a place, a date and a dash, with the agency in
    parentheses or, without one, the place in capitals as wires write it
    ("BAMAKO, Feb 22 —"; not "On Tuesday, March 12 - the day of …") and a
    date that reads as one."""
    m = _DATELINE_RX.match(text)
    if m is None or m.group("agency"):
        return m
    if re.split(r"[,(]", m.group("place"))[0] != re.split(r"[,(]", m.group("place"))[0].upper():
        return None  # the city in capitals ("BANDIAGARA, Mali, Dec. 4, 2023 -"), its country as written
    return m if any(d.partial[0] or d.start for d in find_dates([Sentence(m.group("date"), 0, 0)], None)) else None


def published_in_text(cleaned: Cleaned) -> tuple[Day | None, str]:
    """The publication date the page's lines give, and where it was read."""
    lines = [(c.text, f"the {c.reason} \"{c.text}\"") for c in cleaned.cut if c.reason in ("dateline", "byline")]
    lines += [(p.text, "the dateline") for p in cleaned.paragraphs[:2] if _dateline(p.text)]
    for text, how in lines:
        head = _dateline(text)
        part = head.group("date") if head else text
        for d in find_dates([Sentence(part, 0, 0)], None):
            if d.start and d.start.day and not d.end:
                return d.start, how
    return None, ""


def without_dateline(text: str) -> str:
    """A first paragraph without its dateline: its place, date and agency are
    the report's, not the incident's ("BAMAKO, Dec 5 (AFP) – Militants …")."""
    m = _dateline(text)
    return text[m.end():].lstrip() if m else text


def dateline_agency(cleaned: Cleaned) -> str:
    for p in cleaned.paragraphs[:2]:
        m = _dateline(p.text)
        if m:
            return (m.group("agency") or "").strip()
    return ""


def url_in_text(cleaned: Cleaned) -> str:
    """The page's address, left on a line of its own (a "copy link" box)."""
    for text in [c.text for c in cleaned.cut] + [p.text for p in cleaned.paragraphs]:
        if _URL.match(text.strip()):
            return text.strip()
    return ""


def author_in_text(cleaned: Cleaned, agencies: set[str]) -> str:
    """The writer a byline names ("By Aïssata Hamani"), not an agency or "our correspondent"."""
    for c in cleaned.cut:
        if c.reason != "byline":
            continue
        m = _BYLINE.match(c.text)
        if m and m.group("who").lower() not in agencies and not re.match(
                r"(?i)(our|a|the|staff|notre|nos|la|le|les|un|une)\b", m.group("who")):
            return m.group("who").strip()
    return ""


def language(text: str) -> str:
    """"en" or "fr" by the commonest short words, or "" when neither stands out."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())
    en = sum(w in _EN for w in words)
    fr = sum(w in _FR for w in words)
    if max(en, fr) < 5:
        return ""
    return "en" if en > 2 * fr else "fr" if fr > 2 * en else ""


def title_language(title: str) -> str:
    """"en" or "fr" for a headline, too short for `language`: its short words
    and its apostrophes ("l'armée", "d'avoir"); "" when it does not say."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", title.lower())
    fr = sum(w in _FR for w in words) + len(re.findall(r"\b[ldj]['’]\w", title.lower()))
    fr += bool(re.search(r"[àâçéèêëîïôûùœ]", title.lower()))
    en = sum(w in _EN for w in words)
    return "fr" if fr > en else "en" if en > fr else ""


def as_date(day: Day | None) -> dt.date | None:
    return dt.date(day.year, day.month, day.day) if day and day.day else None
