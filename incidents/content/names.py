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
    """ASCII, lowercase, hyphens: "Gao–Algeria road" → "gao-algeria-road".
    Kept: a build slugs each actor's and place's names once per report naming them."""
    if not text.isascii():  # ASCII is its own decomposition, with no accents to drop
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… if taken; the one returned is then taken."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
