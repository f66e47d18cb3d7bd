"""French typography's spaces, for text the site shows in French: a module of
its own, so that what needs them without Markdown (site.yaml's notes on the
history of pages, history.py, which every build imports) does not import it."""

from __future__ import annotations

import re

# (a run of spaces tried from its first space only: from each, 8,000 spaces on a line took 1.9 s)
_BEFORE = re.compile(r"(?<! ) +([:»])|(?<! ) +([;!?])(?=\s|$)|« +")


def french_spaces(text: str) -> str:
    """"Gao : 24 tués ; « au moins »" with the spaces French typography puts there:
    a no-break space before ":" and "»" and after "«", a narrow one before ";",
    "!" and "?", so that no line starts with them."""
    return _BEFORE.sub(lambda m: ("\u00a0" + m.group(1)) if m.group(1) else ("\u202f" + m.group(2)) if m.group(2)
                       else "«\u00a0", text)
