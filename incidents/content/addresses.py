"""When two addresses are one article's: the key both `check` (one source URL
in two reports) and `import` (an article the archive already has) compare."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|src|at_medium|at_campaign)$", re.I)


# Tracking parameters taken out of an address the import writes (not "ref" or
# "src", which a site may use for the article itself: left out of url_key alone)
_TRACKER = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign)(?:=|$)", re.I)


def without_tracking(url: str) -> str:
    """`url` without the parameters that say where a reader came from
    (`?utm_source=twitter`), the rest of it as written."""
    head, mark, rest = url.partition("?")
    if not mark:
        return url
    query, hash_, fragment = rest.partition("#")
    kept = [part for part in query.split("&") if part and not _TRACKER.match(part)]
    return head + ("?" + "&".join(kept) if kept else "") + hash_ + fragment


def url_key(url: str) -> str:
    """An address as one key: scheme, "www.", a final slash, a fragment and
    tracking parameters left out; host in lower case."""
    if not url:
        return ""
    plain = _PLAIN.fullmatch(url.strip())
    if plain:  # most addresses: urlsplit and parse_qsl would give the same (a tenth of the time)
        return plain[1].lower().removeprefix("www.") + (plain[2] or "").rstrip("/")
    return _parsed_key(url)


# An address with a host of letters, digits, dots and dashes (no port, no user,
# no brackets), then a path without a query, a fragment or a blank, which
# urlsplit would take out
_PLAIN = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)(/[^?#\s]*)?")


def _parsed_key(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:  # "http://[::1": a broken IPv6 address
        return url.strip()
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or ""
    return f"{host}{path}" + (f"?{query}" if query else "")
