"""Which files a Pagefind index uses, read from its own metadata.

Pagefind names its fragments, word indexes, filters and metadata by a hash of
what they hold, and leaves in place a file of that name it finds already
there, skipping its compression (pagefind/src/output/mod.rs, "Immutable").
So a shard indexed again over its last index's files is written in half the
time, and then holds the files of both: the ones the new metadata names are
kept, the others removed. The metadata is gzip, "pagefind_dcd", then CBOR:
[version, pages [[hash, ...]], word index chunks [[from, to, hash]],
filters [[name, hash]], ...]; anything else is read as unknown (None).

A hashed file is named by the SHA-1 of what it holds before compression, so
one damaged since (cut short, edited, replaced) is known by its name: left in
place, Pagefind would keep it for good (sound())."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from pathlib import Path

HASHED = re.compile(r"\.pf_(?:fragment|index|filter|meta)$")
_MARK = b"pagefind_dcd"
_HASH = re.compile(r"[A-Za-z0-9_-]+")


def used_files(folder: Path) -> set[str] | None:
    """The hashed files (paths under `folder`) that the index in `folder` uses,
    or None where its metadata cannot be read."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_bytes())
        used: set[str] = set()
        for language in entry["languages"].values():
            meta = f"pagefind.{language['hash']}.pf_meta"
            data = gzip.decompress((folder / meta).read_bytes())
            if not data.startswith(_MARK):
                return None
            value, end = _cbor(data, len(_MARK))
            if end != len(data) or not isinstance(value, list) or len(value) < 4:
                return None
            _, pages, chunks, filters = value[:4]
            named = [("fragment/", page[0], ".pf_fragment") for page in pages]
            named += [("index/", chunk[2], ".pf_index") for chunk in chunks]
            named += [("filter/", f[1], ".pf_filter") for f in filters]
            if not all(isinstance(h, str) and _HASH.fullmatch(h) for _, h, _ in named):
                return None
            used.add(meta)
            used.update(a + h + b for a, h, b in named)
        return used
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, EOFError, zlib.error):
        return None


def sound(path: Path) -> bool:
    """Whether the hashed file at `path` holds what its name says: gzip of
    "pagefind_dcd" then data whose SHA-1, written as Pagefind writes it (each
    byte in hexadecimal without a leading zero: pagefind/src/utils.rs), begins
    with the hash in the name ("en_1a2b3c4", "pagefind.en_1a2b3c4")."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error):
        return False
    _, _, short = path.name.rpartition(".")[0].rpartition("_")
    if not data.startswith(_MARK) or not short:
        return False
    return "".join(format(b, "x") for b in hashlib.sha1(data[len(_MARK):]).digest()).startswith(short)


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item at `at` (definite lengths only): the value and where it ends."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        if at + size > len(data):
            raise ValueError("truncated")
        n, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError("indefinite length")
    if major in (0, 1):
        return (n if major == 0 else -1 - n), at
    if major in (2, 3):
        if at + n > len(data):
            raise ValueError("truncated")
        raw = data[at:at + n]
        return (raw.decode() if major == 3 else raw), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(n):
            key, at = _cbor(data, at)
            pairs[key if isinstance(key, (str, int)) else repr(key)], at = _cbor(data, at)
        return pairs, at
    if major == 6:
        return _cbor(data, at)
    return None, at  # simple values; floats never appear in these files
