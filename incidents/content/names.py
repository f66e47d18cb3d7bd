"""How names become keys and slugs: case and accents aside."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """"Front de libération de l'Azawad" and "FRONT DE LIBERATION DE L’AZAWAD" fold alike."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """ASCII, lowercase, hyphens: "Gao–Algeria road" → "gao-algeria-road", "Ségou"
    → "segou"; a letter no accent stripping makes ASCII is transliterated
    (anyascii): "Łódź" → "lodz", "убийства" → "ubiystva", "ⵜⴰⵎⴰⵣⵉⵖⵜ" →
    "tamazight", where it was dropped (a name in another script had no address).
    Kept: a build slugs each actor's and place's names once per report naming them."""
    if not text.isascii():  # ASCII is its own decomposition, with no accents to drop
        text = "".join(c if c.isascii() else _ascii(c) for c in text)
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def _ascii(c: str) -> str:
    """One letter's ASCII: without its accents where that is ASCII ("é" → "e"),
    else as anyascii writes it ("й" → "y", not the "i" under its breve)."""
    bare = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
    if bare.isascii():
        return bare
    from anyascii import anyascii
    return anyascii(c)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… if taken; the one returned is then taken."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
