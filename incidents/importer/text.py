"""Reading helpers shared by the extractors: sentences, folding that keeps
positions, and the names a sentence mentions (known actors, people,
organisations, acronyms)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .knowledge import Knowledge

MONTHS = ("january february march april may june july august september october november december").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()

# Nouns that name an armed force after a qualifier: "Malian army", "Malian troops"
# and "Malian soldiers" all name the actor whose name or alias is "Malian army".
FORCE_NOUNS = ("armed forces", "army", "forces", "military", "troops", "soldiers")

# Words that open a sentence or a noun phrase without being part of a name.
_LEADING = set("""the a an in on at by for from to of according this these those that it he she they we his her
their its our since despite however as after before while when where last next but and or if so yet also mr mrs ms
dr gen col maj lt capt army chief meanwhile moreover furthermore although though because once during between
among against with without about around across under over within into upon then there here what who which""".split())
_CONNECTORS = r"(?:of|for|the|de|du|des|la|le|d'|l'|al|el|ag|bin|ibn|van|von)"
_NAME = re.compile(rf"[A-Z][\w’'.-]*[\w](?:\s+(?:{_CONNECTORS}\s+)*[A-Z][\w’'-]*\w)*")
_ACRONYM = re.compile(r"\b[A-Z]{2,8}\b")  # ONU to MINUSMA, MINUSCA
_ABBREVIATIONS = set("mr mrs ms dr gen col maj lt capt sgt st jr sr no vs etc e.g i.e u.s u.n prof sen rep gov "
                     # the months English abbreviates ("on Jan. 7", "Sept. 12")
                     "jan feb mar apr jun jul aug sep sept oct nov dec "
                     # French: titles, and the months the press abbreviates ("3 févr. 2025")
                     "mme mlle pr cdt lt-col janv févr fevr fév avr juil sept oct nov déc dec".split())

ORG_WORDS = set("""front movement group association observatory council center centre network union organisation
organization party army forces coalition alliance committee watch international agency mission institute community
nations press news brigade battalion militia ministry government commission court office foundation state league
federation rights corps""".split())  # (corps: "Africa Corps", no place "fighters from" came from)


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int        # position in the article
    paragraph: int


@dataclass(frozen=True)
class Mention:
    name: str         # canonical for a known actor, else as written
    start: int
    end: int
    kind: str         # "actor" (known to the archive), "name", "acronym"
    text: str         # as written


class _Folds(dict):
    """Each character's fold, worked out the first time it is met: an article is
    folded once per known actor's name and per sentence (a long one took
    seconds, decomposing every character again each time)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        folded = (base[:1] or ch).lower() if len(base[:1].lower()) == 1 else ch
        self[code] = folded = "'" if folded in "’‘" else folded
        return folded


_FOLDS = _Folds()


def keep_fold(text: str) -> str:
    """Lowercase, accents off, curly apostrophes straight: same length as `text`."""
    return text.translate(_FOLDS)


def sentences(paragraphs: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    for p, text in enumerate(paragraphs):
        start = 0
        for m in re.finditer(r"[.!?][\"”’)»]?\s+(?=[\"“‘(«]?\s?[A-Z0-9À-ÖØ-Þ])", text):
            before = text[start:m.start() + 1]
            last = before.split()[-1].rstrip(".").lower() if before.split() else ""
            if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
                continue
            out.append(Sentence(text[start:m.end()].strip(), len(out), p))
            start = m.end()
        if text[start:].strip():
            out.append(Sentence(text[start:].strip(), len(out), p))
    return out


# A country's adjective and its name: "Malian army" is also "Mali's army".
DEMONYMS = {"malian": "mali", "nigerien": "niger", "burkinabe": "burkina faso", "burkinabè": "burkina faso",
            "mauritanian": "mauritania", "algerian": "algeria", "chadian": "chad", "senegalese": "senegal",
            "guinean": "guinea", "ivorian": "cote d'ivoire", "nigerian": "nigeria"}

# The same adjectives in French, folded, as a pattern for their four forms
# ("malien", "malienne", "maliens", "maliennes"), and the nouns they follow:
# "l'armée malienne", "les soldats maliens" name the "Malian army".
DEMONYMS_FR = {"malian": r"malien(?:ne)?s?", "nigerien": r"nigerien(?:ne)?s?", "burkinabe": r"burkinabee?s?",
               "burkinabè": r"burkinabee?s?", "mauritanian": r"mauritanien(?:ne)?s?",
               "algerian": r"algerien(?:ne)?s?", "chadian": r"tchadien(?:ne)?s?", "senegalese": r"senegalaise?s?",
               "guinean": r"guineen(?:ne)?s?", "ivorian": r"ivoirien(?:ne)?s?", "nigerian": r"nigerian(?:e)?s?"}
FORCE_NOUNS_FR = r"(?:armee|forces\s+armees|forces\s+de\s+defense\s+et\s+de\s+securite|forces|militaires|soldats|troupes)"


@functools.lru_cache(maxsize=4096)
def name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Patterns for an actor's names and aliases, folded, with armed-force
    nouns interchangeable after their qualifier (made once per actor: each
    sentence is searched for every known actor)."""
    out = []
    for name in names:
        folded = keep_fold(" ".join(name.split()))
        forms = [re.escape(folded)]
        for noun in FORCE_NOUNS:
            if folded.endswith(" " + noun):
                prefix = folded[: -len(noun)].strip()
                forms.append(re.escape(prefix) + r"\s+(?:" + "|".join(FORCE_NOUNS) + ")")
                if prefix in DEMONYMS:
                    forms.append(re.escape(DEMONYMS[prefix]) + r"'s\s+(?:" + "|".join(FORCE_NOUNS) + ")")
                if prefix in DEMONYMS_FR:
                    forms.append(FORCE_NOUNS_FR + r"\s+" + DEMONYMS_FR[prefix])
                break
        out.append(re.compile(r"(?<![\w])(?:" + "|".join(forms) + r")(?![\w])"))
    return tuple(out)


def actor_mentions(text: str, known: Knowledge) -> list[Mention]:
    """Known actors named in `text`, longest match first, no overlaps."""
    folded = keep_fold(text)
    found: list[Mention] = []
    for actor in known.actors:
        for rx in name_patterns(actor.names):
            for m in rx.finditer(folded):
                if text[m.start()].isupper() or len(m.group(0)) > 6:
                    found.append(Mention(actor.name, m.start(), m.end(), "actor", text[m.start():m.end()]))
    return _no_overlaps(found)


def mentions(text: str, known: Knowledge) -> list[Mention]:
    """Every name in a sentence: known actors, then other capitalised names
    of two words or more, then acronyms; places the archive knows left out."""
    spelled = _spelled_out(text)
    # "the Islamic State in the Greater Sahara (ISGS)": another organisation than a known "Islamic State"
    found = [m for m in actor_mentions(text, known)
             if not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b, _ in spelled)]
    found += [Mention(name, a, b, "name", name) for a, b, name in spelled]
    places = {keep_fold(n) for p in known.places for n in (p.name, p.region, p.country) if n}
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        start = m.start()
        while words and (words[0].lower().strip("’'") in _LEADING or words[0].lower() in MONTHS
                         or words[0].lower() in WEEKDAYS):
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) > 2 and re.search(r"[’']s$", words[0]):
            start += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].lower() in {"of", "for", "the", "de", "du", "des", "la", "le", "al"}:
            words = words[:-1]
        name = " ".join(words).removesuffix("’s").removesuffix("'s")
        if len(words) < 2 or keep_fold(name) in places:
            continue
        found.append(Mention(name, start, start + len(" ".join(words)), "name", name))
    for m in _ACRONYM.finditer(text):
        if keep_fold(m.group(0)) not in places:
            found.append(Mention(m.group(0), m.start(), m.end(), "acronym", m.group(0)))
    return _no_overlaps(found)


_BEFORE_ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z]{2,8})\)")
_SMALL = {"in", "of", "for", "the", "and", "de", "du", "des", "la", "le", "au", "aux", "en", "et"}


def _spelled_out(text: str) -> list[tuple[int, int, str]]:
    """Names spelt out before their acronym in brackets with small words inside,
    which _NAME cuts at the first: "Islamic State in the Greater Sahara (ISGS)",
    the capitals' initials the acronym's letters. (start, end, name) each."""
    out = []
    for m in _BEFORE_ACRONYM.finditer(text):
        words = list(re.finditer(r"[\w’'-]+", text[max(0, m.start() - 120):m.start()]))
        base = max(0, m.start() - 120)
        for i in range(len(words) - 1, max(-1, len(words) - 12), -1):
            phrase = [w.group(0) for w in words[i:]]
            if not phrase[0][:1].isupper():
                continue
            if any(w.lower() not in _SMALL and not w[:1].isupper() for w in phrase):
                break  # a word that is neither a capital's nor a small one: the name began after it
            capitals = "".join(w[0] for w in phrase if w[:1].isupper())
            if capitals == m.group("acronym") and any(w.lower() in _SMALL for w in phrase):
                start, end = base + words[i].start(), base + words[-1].end()
                out.append((start, end, text[start:end]))
                break
    return out


def is_org(name: str) -> bool:
    return any(w.lower() in ORG_WORDS for w in name.split())


def _no_overlaps(found: list[Mention]) -> list[Mention]:
    """Earlier kinds in the list win, then longer matches."""
    rank = {"actor": 0, "name": 1, "acronym": 2}
    chosen: list[Mention] = []
    for m in sorted(found, key=lambda m: (rank[m.kind], -(m.end - m.start), m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
