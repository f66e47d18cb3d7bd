"""Numbers written in words, English and French ("forty-six", "a hundred and
twenty", "trente et un", "quatre-vingts"): the importer reads them in articles,
and check turns `killed: trente` into the digits a count is written in."""

from __future__ import annotations

import re

ENGLISH = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
ENGLISH |= {w: 10 * (i + 3) for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split())}

FRENCH_UNITS = {w: i for i, w in enumerate("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize "
                                           "quatorze quinze seize".split())}
FRENCH_UNITS["une"] = 1
FRENCH_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}


def french(words: str) -> int | None:
    """The value of a French number in words: "deux mille trois cents" is 2300;
    None when the words make no number."""
    total, current = 0, 0
    tokens = [t for t in re.split(r"-et-|\s+et\s+|-|\s+", words.lower()) if t]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "quatre" and i + 1 < len(tokens) and tokens[i + 1] in ("vingt", "vingts"):
            current += 80
            i += 2
            continue
        if token == "mille":
            total, current = total + (current or 1) * 1000, 0
        elif token in ("cent", "cents"):
            current = (current or 1) * 100
        elif token in FRENCH_TENS:
            current += FRENCH_TENS[token]
        elif token in FRENCH_UNITS:
            current += FRENCH_UNITS[token]
        elif token in ("quatre-vingts", "quatre-vingt"):
            current += 80
        else:
            return None
        i += 1
    return total + current if tokens else None


def english(words: str) -> int | None:
    """The value of an English number in words: "forty-six" is 46, "a hundred and
    twenty" 120, "two thousand three hundred" 2300; None when the words make no number."""
    total, current, last = 0, 0, ""
    tokens = re.split(r"[-\s]+", words.lower().strip())
    for token in tokens:
        if token in ENGLISH:
            current += ENGLISH[token]
        elif token == "a" and not last and len(tokens) > 1:
            current += 1
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif token != "and" or last not in ("hundred", "thousand"):
            return None
        last = token
    return total + current if last and last != "and" else None


def in_words(text: str) -> int | None:
    """The number `text` writes in English or French words, or None."""
    text = " ".join(text.replace("’", "'").split())
    if not text or not re.fullmatch(r"[^\W\d_]+(?:[-\s][^\W\d_]+)*", text):
        return None
    return english(text) if (value := french(text)) is None else value


# Words for a figure given roughly: their number ("une vingtaine", "a dozen")
ROUGHLY = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
           "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "dozen": 12}
# A figure in digits, its thousands apart or not ("1,200", "1 200", "1.200", "46")
_DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\w]|[.,]\d)|(?<![\w.,])\d+(?![\w]|[.,]\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def numbers_in(text: str) -> set[int]:
    """The figures a source's words give ("at least 24 civilians", "forty-six",
    "vingt et un", "une trentaine de morts"): in digits, and in words, each run
    of number words one number (an article alone, "un", "une", "a", is none)."""
    found = {int(re.sub(r"\D", "", m.group())) for m in _DIGITS.finditer(text)}
    run: list[str] = []
    for word in [*(m.group().lower() for m in _WORD.finditer(text.replace("’", "'"))), ""]:
        if word and (word in _JOINS and run or in_words(word) is not None):
            run.append(word)
            continue
        while run and (run[-1] in _JOINS or run[-1] in ("un", "une", "a") and len(run) == 1):
            run.pop()  # "… et" at a run's end joins nothing; "un" alone is an article
        if run:
            value = in_words(" ".join(run))
            found.update([value] if value is not None else
                         (v for w in run if w not in ("un", "une", "a") and (v := in_words(w)) is not None))
        run = []
        if word in ROUGHLY:
            found.add(ROUGHLY[word])
    return found


_JOINS = ("et", "and")
