"""Guesses + the cleaned article → the text of a draft report: front matter
with a `# check:` comment beside every guessed field, what was cut listed as
comments, then the article as Markdown."""

from __future__ import annotations

import re
import textwrap
from typing import Any

import yaml

from ..errors import visible
from ..content.model import CHECK_MARK, IMPORT_NO_TEXT, PLACEHOLDER, Count, Day
from ..content.names import slugify
from .clean import DEK, HEADING, Cleaned
from .extract import PLACEHOLDER_PUBLISHER, Guesses
from .tolls import figure_note

_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
_WIDTH = 110


def scalar(value: Any) -> str:
    """One YAML scalar, quoted only when it must be: a title with a colon stays a title."""
    if isinstance(value, str) and _ISO.match(value):
        return value
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def report_slug(title: str, taken: set[str] | frozenset[str] = frozenset(), date: Day | None = None,
                place: str = "") -> str:
    """The incident's date and the title as a slug, as `build.py new` names a
    report (so that content/reports/ sorts by date), at most 60 characters of
    title after the date, made unique against `taken`. A title cut short
    keeps the `place` at its end where the cut took it out ("…-dans-l-attaque-
    du-village-de" was a draft's name, its one telling word, Sadia, cut)."""
    base = slugify(title)
    if len(base) > 60:
        where = slugify(place)
        cut = base[:61].rsplit("-", 1)[0]
        if where and f"-{where}-" not in f"-{cut}-" and f"-{where}-" in f"-{base}-" and len(where) < 40:
            cut = base[:61 - len(where) - 1].rsplit("-", 1)[0] + "-" + where
        base = cut
    base = f"{date.iso()}-{base}" if date is not None and base else base
    base = base or "imported-report"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _unread_script(text: str) -> str:
    """The name of the script most of the text's letters are in ("Arabic"), where
    that is not the Latin the import reads; "" otherwise."""
    import unicodedata
    counts: dict[str, int] = {}
    letters = 0
    for c in text[:20000]:
        if c.isalpha():
            letters += 1
            name = unicodedata.name(c, "").split(" ")[0]
            counts[name] = counts.get(name, 0) + 1
    if not letters:
        return ""
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script.capitalize() if script != "LATIN" and n * 2 > letters else ""


def draft(cleaned: Cleaned, g: Guesses, source_name: str = "", url: str = "") -> str:
    # The file's name in a comment, on its line whatever it holds (a line break would end the comment).
    lines = ["---", f"# A draft imported from {visible(source_name) or 'raw text'} by `build.py import`. "
                    "Check every field",
             "# marked \"# check:\", fix what is wrong and remove the mark, then remove draft: true."]
    if script := _unread_script(cleaned.title + "\n" + cleaned.text()):
        lines.append(f"# The text is in {script} script, which the import does not read (English and French "
                     "only): its figures, places, dates and actors are missing or guessed below: write them "
                     "from the text.")
    lines.append(_field("title", g.title, "the article's headline"))
    lines.append(_field("event", g.event, g.event_how))
    lines.append(_field("date", g.date.iso() if g.date else PLACEHOLDER, g.date_how))
    if g.end_date:
        lines.append(_field("end_date", g.end_date.iso(), "the end of the range given"))
    lines.append(_note("location:", g.location_how))
    loc = g.location
    lines.append(f"  name: {scalar(loc.name)}")
    lines += [f"  {k}: {scalar(v)}" for k, v in (("region", loc.region), ("country", loc.country)) if v]
    if loc.lat is not None and loc.lon is not None:
        lines += [f"  lat: {loc.lat}", f"  lon: {loc.lon}"]
    lines.append("source:")
    lines.append(_field("  publisher", g.publisher, g.publisher_how or None))
    if g.title:  # the headline as published, kept however the report's title is reworded
        lines.append(_field("  title", g.title, "the article's headline, as published"))
    url = url or g.url
    if url:
        lines.append(_field("  url", url, g.url_how or None))
    if g.published:
        lines.append(_field("  published", g.published.iso(), g.published_how or None))
    elif g.published_how:  # a date the page gives that is not one day: said where published goes
        lines.append(f"  # published: {_one_line(g.published_how)}")
    if g.author:
        lines.append(_field("  author", g.author, g.author_how or None))
    if g.language:
        lines.append(_field("  language", g.language, g.language_how or None))
    lines += _tolls(g)
    lines += _actors(g)
    lines += _responses(g)
    lines += _comments(cleaned, g)
    lines += ["draft: true", "---", ""]
    return "\n".join(lines) + body(cleaned)


def body(cleaned: Cleaned) -> str:
    out = []
    for p in cleaned.paragraphs:
        if p.kind == DEK:
            out.append("*" + p.text.replace("*", "\\*") + "*")
        elif p.kind == HEADING:
            out.append(f"## {p.text}")
        else:
            out.append(_escape(p.text))
    return "\n\n".join(out) + "\n" if out else IMPORT_NO_TEXT + "\n"


def _escape(text: str) -> str:
    """A paragraph that Markdown would read as a heading, list or quote stays a paragraph."""
    if re.match(r"(#|>|[-+*]\s|\d+[.)]\s|=+\s*$|-+\s*$)", text):
        return "\\" + text
    return text


def _field(key: str, value: Any, note: str | None) -> str:
    return _note(f"{key}: {scalar(value)}", note)


def _note(line: str, note: str | None) -> str:
    return f"{line}  {CHECK_MARK} {_one_line(note)}" if note is not None else line


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _count(c: Count) -> str:
    if c.max is None:
        return f"{{min: {c.min}}}"
    if c.min == c.max:
        return str(c.min)
    return f"{{min: {c.min}, max: {c.max}}}"


def _tolls(g: Guesses) -> list[str]:
    out = []
    if g.tolls:
        out.append(_note("reported_toll:", "each figure, its kind, and whose figure it is"))
        for claim in _claims(g.tolls):
            t = claim[0]
            out += [_note(f"  {'-' if i == 0 else ' '} {c.kind}: {_count(c.count) if c.count else '{min: 0}'}",
                          figure_note(c.wording, c.count) if c.count else None)
                    for i, c in enumerate(claim)]
            if t.according_to:
                out.append(_field("    according_to", t.according_to, t.how))
            else:
                out.append(f"    # according_to:  {CHECK_MARK} the import found no one the text says gives this figure: write "
                           "whose it is, or remove this line if it is the publisher's own")
            out.append(f"    wording: {scalar(' … '.join(c.wording for c in claim))}")
    else:
        out.append(f"# reported_toll:  {CHECK_MARK} the import found no figure with a number: write the toll the "
                   "article gives, if it gives one")
    given = dict(g.vague_by)
    for wording in g.vague_tolls:
        out.append(f"# a figure with no number: {scalar(wording)}"
                   + (f" (according to {given[wording]})" if wording in given else ""))
    return out


def _claims(tolls: tuple) -> list[list]:
    """Figures of one sentence by one claimant, each of another kind, make one
    claim: "at least 19 people were killed and 8 others were wounded"."""
    out: list[list] = []
    for t in tolls:
        last = out[-1] if out else None
        if (last and last[0].sentence == t.sentence and last[0].according_to == t.according_to
                and t.kind not in {c.kind for c in last}):
            last.append(t)
        else:
            out.append([t])
    return out


def _responses(g: Guesses) -> list[str]:
    if not g.responses:
        return []
    out = [_note("responses:", "what the accused or the authorities answered; stances are guesses")]
    for r in g.responses:
        out.append(f"  - by: {scalar(r.by)}")
        out.append(_field("    stance", r.stance, r.how))
        if r.date:
            out.append(_field("    date", r.date.iso(), r.date_how) if r.date_how else f"    date: {r.date.iso()}")
        if r.quote:
            out.append(f"    quote: {scalar(r.quote)}")
    return out


def _actors(g: Guesses) -> list[str]:
    if not g.actors and not g.new_actors:
        return [f"# actors:  {CHECK_MARK} the import found none of the archive's actors named in the text: write "
                "those the article names, if it names any"]
    out = [_note("actors:", "found by the names and aliases of the archive's actor files, and organisations "
                            "with a role in the text; roles are guesses")]
    for a in g.actors + g.new_actors:
        if a.role:
            out.append(f"  - name: {scalar(a.name)}")
            out.append(_field("    role", a.role, a.how))
        else:
            out.append(_note(f"  - {scalar(a.name)}", "named in the text; give it a role, or remove it"))
    return out


def _comments(cleaned: Cleaned, g: Guesses) -> list[str]:
    out: list[str] = []
    if g.suggested_actors:
        out += _block("organisations named in the text with no actor file (add them above if they take part)",
                      list(g.suggested_actors))
    if g.candidate_places:
        out += _block("other place names around the incident", list(g.candidate_places))
    if g.dates:
        out += _block("dates in the text", [f"{d.text!r} → {d.iso()} ({d.how}{', ' + d.kind if d.kind else ''})"
                                             for d in g.dates])
    if g.others:
        out += _block("other incidents mentioned (a report of their own each, if the archive wants them)",
                      list(g.others))
    if cleaned.repairs:
        out += _block("words whose broken characters were repaired (check them)", [b for _, b in cleaned.repairs])
    if cleaned.cut:
        items = [f"{c.reason}: {_short(c.text) if c.reason.startswith('repeated') else c.text}" for c in cleaned.cut]
        out += _block(f"cut from the raw text ({len(cleaned.cut)} paragraph{'' if len(cleaned.cut) == 1 else 's'})", items)
    if g.publisher == PLACEHOLDER_PUBLISHER:
        out.append("# the publisher is a placeholder: give the real one (build.py import --publisher NAME)")
    return out


_MOST = 100  # items a comment block lists: the front matter stays a page to read (and under its 256 KB)


def _block(heading: str, items: list[str]) -> list[str]:
    """A comment block: a heading and its items, one alike counted once (×N), the first _MOST of them."""
    counted: dict[str, int] = {}
    for item in items:
        counted[item] = counted.get(item, 0) + 1
    shown = [item if n == 1 else f"{item} (×{n})" for item, n in counted.items()]
    if len(shown) > _MOST:
        shown = shown[:_MOST] + [f"… and {len(shown) - _MOST} more"]
    out = [f"# {heading}:"]
    for item in shown:
        wrapped = textwrap.wrap(_one_line(item), _WIDTH, break_long_words=False, break_on_hyphens=False)
        out += [("#   - " if i == 0 else "#     ") + w for i, w in enumerate(wrapped or [""])]
    return out


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
