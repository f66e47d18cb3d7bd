"""Is this article already in the archive? The same address, or the same
title from the same publisher, is the same report (refused unless the curator
says otherwise); a body made of nearly the same sentences is worth a warning
(a wire story republished under another title)."""

from __future__ import annotations

import re

from ..content.addresses import url_key
from ..content.names import fold
from .knowledge import KnownReport

SHINGLE = 5          # words in a shingle
NEAR = 0.6           # shared shingles (Jaccard) from which two bodies are "nearly the same"


def same_report(title: str, publisher: str, url: str, reports: tuple[KnownReport, ...],
                placeholder: str) -> tuple[KnownReport, str] | None:
    """The report this article already is, and why: its URL, or its title and publisher."""
    key = url_key(url)
    for r in reports:
        if key and url_key(r.url) == key:
            return r, f"the same address ({url})"
    if publisher and publisher != placeholder and title:
        for r in reports:
            if fold(r.title) == fold(title) and fold(r.publisher) == fold(publisher):
                return r, f"the same title and publisher ({publisher})"
    return None


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", fold(text))
    return {" ".join(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def near_bodies(body: str, reports: tuple[KnownReport, ...]) -> list[tuple[KnownReport, float]]:
    """Reports whose bodies share most of their shingles with `body`, the closest first."""
    mine = shingles(body)
    if len(mine) < 10:
        return []
    out = []
    for r in reports:
        theirs = shingles(r.body)
        if not theirs:
            continue
        share = len(mine & theirs) / len(mine | theirs)
        if share >= NEAR:
            out.append((r, share))
    return sorted(out, key=lambda x: -x[1])
