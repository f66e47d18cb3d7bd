"""The archive as one language's pages see it: the `fr:` blocks of events,
actors and pages put in place of their text, and where a translation is
missing the original kept, with its language noted (`langs`) so that the
page marks it with `lang`, never an empty field.

Each language's pages are made from its own localized archive, so that the
incremental build compares like with like (affected.py): an edit of a French
title changes the French archive only, and the English pages are not rendered
again."""

from __future__ import annotations

from dataclasses import replace

from ..content.link import Archive
from ..content.model import UNNAMED_PUBLISHER
from ..content.names import fold
from .i18n import Lang


_MEMO: dict[tuple[int, str], tuple[object, object]] = {}


def _once(thing, lang: str, make):
    """make(thing), kept while `thing` lives: an unchanged event stays the same
    object in each language's archive, so comparing two archives is quick."""
    key = (id(thing), lang)
    kept = _MEMO.get(key)
    if kept is not None and kept[0] is thing:
        return kept[1]
    if len(_MEMO) > 400_000:
        _MEMO.clear()
    made = make(thing)
    _MEMO[key] = (thing, made)
    return made


def _other_names(name: str, actor) -> tuple[str, ...]:
    """An actor's other names on a page that gives it a name of its own language:
    its name in the archive's first (the page lists it, and a search for it finds
    the page), then its aliases, without the page's name again in other capitals
    ("Forces Armées Maliennes" beside "Forces armées maliennes")."""
    seen, out = {fold(name)}, []
    for other in (actor.name, *actor.aliases):
        if fold(other) not in seen:
            seen.add(fold(other))
            out.append(other)
    return tuple(out)


def localized(archive: Archive, lang: str) -> Archive:
    """`archive` for the pages in `lang`; the content's own language gives it back unchanged
    but for its translations, which its pages never show (and the words for a
    publisher an article does not name, which are the site's)."""
    own = archive.site.language
    # A report whose article names no publisher: said so in the page's language.
    unnamed = Lang(lang).gettext("Unidentified news website")
    reports = archive.reports if unnamed == UNNAMED_PUBLISHER else {
        s: _once(r, lang, lambda r: replace(r, source=replace(r.source, publisher=unnamed)))
        if r.source.publisher == UNNAMED_PUBLISHER else r for s, r in archive.reports.items()}

    if lang == own:
        def bare(x):
            return _once(x, lang, lambda x: replace(x, translations=())) if x.translations else x
        return replace(archive, reports=reports, events={s: bare(e) for s, e in archive.events.items()},
                       actors={s: bare(a) for s, a in archive.actors.items()},
                       pages={s: bare(p) for s, p in archive.pages.items()})

    def pick(translations, lang):
        return next((t for t in translations if t.lang == lang), None)

    def event(e):
        t = pick(e.translations, lang)
        title = t.title if t and t.title else e.title
        summary = t.summary if t and t.summary else e.summary
        langs = ("" if t and t.title else own, "" if t and t.summary else own)
        return replace(e, title=title, summary=summary, translations=(), langs=langs)

    def actor(a):
        t = pick(a.translations, lang)
        name = t.title if t and t.title else a.name
        profile = t.summary if t and t.summary else a.profile
        kind = t.description if t and t.description else a.kind
        return replace(a, name=name, aliases=_other_names(name, a) if name != a.name else a.aliases,
                       profile=profile, kind=kind, translations=(),
                       langs=("" if t and t.title else own, "" if t and t.summary else own,
                              "" if t and t.description else own))

    def page(p):
        t = pick(p.translations, lang)
        return replace(p, title=t.title if t and t.title else p.title,
                       description=t.description if t and t.description else p.description,
                       body=t.summary if t and t.summary else p.body, translations=(),
                       langs=("" if t and t.title else own, "" if t and t.summary else own))

    t = pick(archive.site.translations, lang)
    site = replace(archive.site, title=t.title or archive.site.title,
                   description=t.description or archive.site.description,
                   tag_names=tuple((slug, name) for slug, name, *_ in t.names),
                   history=t.history + archive.site.history) if t else archive.site
    places = archive.places
    if t and t.places:  # site.yaml's names of places in this language, in place of the names as written
        named = {fold(written): name for written, name, _ in t.places}
        key = f"{lang} places"  # _once's: a report's publisher may have been put in this language above

        def moved(loc):
            return replace(loc, name=named[fold(loc.name)]) if fold(loc.name) in named else loc
        places = {s: _once(p, key, lambda p: replace(p, location=moved(p.location)))
                  if fold(p.location.name) in named else p for s, p in places.items()}
        reports = {s: _once(r, key, lambda r: replace(r, location=moved(r.location)))
                   if r.location and fold(r.location.name) in named else r for s, r in reports.items()}
    return replace(archive, site=site, reports=reports, events={s: _once(e, lang, event) for s, e in archive.events.items()},
                   actors={s: _once(a, lang, actor) for s, a in archive.actors.items()},
                   pages={s: _once(p, lang, page) for s, p in archive.pages.items()}, places=places)
