"""The indexes of names (/actors/, /locations/) cut by initial at scale: an
index of at most a page's worth stays one page, as small archives have it;
a longer one keeps its summary on its own page and lists its names on a page
per initial (/actors/a-z/k/), an initial too long for one page cut into even
parts (/actors/a-z/k/2/). At 100,000 reports /locations/ was 564 KB in one
page and /actors/ 327 KB.

A name's initial is the first letter of the name as the page shows it, its
accents dropped ("Ébangui" under E, "Œuvre" under O, "“Katiba” Macina"
under K): each language's index is cut by its own names ("Forces armées
maliennes" under F in French, "Malian Armed Forces" under M in English), so
the languages' pages by initial need not be the same. Names that start with
a digit share a page ("0-9"), and names in another script one more ("other")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content.names import fold
from .urls import initial_path

# Names on a page of an index: at 116 bytes a place's line and 160 an actor's, 200
# names are about 25 to 35 KB of HTML, and four screens of a phone in two columns.
INDEX_PAGE = 200
DIGITS = "0-9"
OTHER = "other"
# Letters that have no decomposition to drop their accent from, as a reader files them.
_AS_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
                             "ı": "i", "ŋ": "n"})


@dataclass(frozen=True)
class Initial:
    """One page of an index cut by initial: the names of one initial, or a part of them."""

    rel: str                  # "actors/a-z/k/", "actors/a-z/k/2/"
    initial: str              # "k", "0-9"
    part: int
    keys: tuple[str, ...]     # in the index's order

    @property
    def label(self) -> str:
        """"K", "0–9"; "" for the names in another script (the page names them in its language)."""
        return "0–9" if self.initial == DIGITS else "" if self.initial == OTHER else self.initial.upper()


@dataclass(frozen=True)
class Index:
    """An index's pages by initial, in order; none when it is one page (at `base`)."""

    base: str
    pages: tuple[Initial, ...] = ()

    @property
    def cut(self) -> bool:
        return bool(self.pages)

    def rels(self) -> list[str]:
        return [p.rel for p in self.pages]

    def of(self, rel: str) -> Initial | None:
        return next((p for p in self.pages if p.rel == rel), None)

    def initials(self) -> tuple[tuple[str, str, int], ...]:
        """(label, first page, names) of each initial, in order."""
        out: dict[str, tuple[str, str, int]] = {}
        for p in self.pages:
            label, rel, n = out.get(p.initial, (p.label, p.rel, 0))
            out[p.initial] = (label, rel, n + len(p.keys))
        return tuple(out.values())

    def parts(self, initial: str) -> tuple[Initial, ...]:
        """The pages of one initial: one, or its parts in order."""
        return tuple(p for p in self.pages if p.initial == initial)


def filed(name: str) -> str:
    """A name as an index files it: folded, its letters without accents, from its
    first letter or digit on ("“Katiba” Macina" → "katiba” macina")."""
    text = fold(name).translate(_AS_LETTERS)
    start = next((i for i, c in enumerate(text) if c.isalnum()), len(text))
    return text[start:]


def initial_of(name: str) -> str:
    head = filed(name)[:1]
    if head.isascii() and head.isalpha():
        return head
    return DIGITS if head.isascii() and head.isdigit() else OTHER


def by_initial(base: str, names: Iterable[tuple[str, str]], size: int = INDEX_PAGE) -> Index:
    """The index at `base` of `names` (name, slug): one page when they are at most
    `size`, else a page per initial, each ordered by name, an initial of more
    than `size` names cut into as few parts as hold them, of even length."""
    names = list(names)
    if len(names) <= size:
        return Index(base)
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, slug in names:
        groups.setdefault(initial_of(name), []).append((filed(name), slug))
    pages: list[Initial] = []
    for initial in sorted(groups, key=lambda i: (i != DIGITS, i == OTHER, i)):
        keys = [slug for _, slug in sorted(groups[initial])]
        count = -(-len(keys) // size)
        short, longer = divmod(len(keys), count)  # the first `longer` parts hold one name more
        start = 0
        for part in range(1, count + 1):
            end = start + short + (part <= longer)
            pages.append(Initial(initial_path(base, initial, part), initial, part, tuple(keys[start:end])))
            start = end
    return Index(base, tuple(pages))


def reached_initials(old: Index, new: Index, changed: set[str]) -> set[str]:
    """The pages of an index to render again: all of them when its pages came or
    went (each links every initial); else every page of an initial one of whose
    pages gained, lost or reordered names or holds a name in `changed` (the
    parts of an initial name each other's first and last names)."""
    if old.rels() != new.rels():
        return set(old.rels()) | set(new.rels())
    touched = {n.initial for o, n in zip(old.pages, new.pages)
               if o.keys != n.keys or not changed.isdisjoint(n.keys)}
    return {p.rel for p in new.pages if p.initial in touched}
