"""Who takes part, and how: the archive's actors named in the text and the
organisations it lacks, each with a role by what the text says they did
("Malian soldiers … executed", "blamed the X militia", "gives a figure"),
or by how they answered (one who denies is accused of it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.names import fold
from .clean import is_headline
from .knowledge import Knowledge
from .responses import ResponseGuess
from .text import Sentence, actor_mentions, is_org, mentions
from .tolls import CLAIM_BY, FIGURE_BY, TollGuess

KILL = re.compile(r"\b(kill\w*|execut\w*|massacr\w*|dead|death\w*|died|shot|slain|murder\w*|attack\w*|"
                  r"intercept\w*|stopp\w*|raid\w*|abuses|toll|storm\w*|shoot\w*|open(?:ed|ing)?\s+fire|gunned|torch\w*|"
                  r"ouvert\s+le\s+feu|fait\s+irruption|"
                  r"tu(?:é|ée|és|ées|er|erie)|exécut\w*|morts?|abattu\w*|assassin\w*|attaqu\w*|bilan|exactions?|"
                  r"embuscade)\b", re.I)
# Words before a name that make it the accused, killing word or not: "blamed the X", "the hallmarks of X"
_BLAMED = re.compile(r"\b(?:belong\w*\s+to|affiliated\s+(?:to|with)|linked\s+to|loyal\s+to|hallmarks\s+of|"
                     r"blam\w*|attribut\w*\s+(?:\w+\s+){0,3}to|carried\s+out\s+by|fighters\s+(?:of|from)|"
                     r"members\s+of|militants\s+(?:of|from)|gunmen\s+(?:of|from)|claimed\s+by|accus\w*|"
                     r"imput\w*\s+(?:\w+\s+){0,3}?(?:à|aux?)|attribu\w*\s+(?:\w+\s+){0,3}?(?:à|aux?)|"
                     r"revendiqu\w*\s+par|membres\s+(?:de|du|des)|combattants\s+(?:de|du|des)|"
                     r"hommes\s+armés\s+(?:de|du|des)|proches?\s+(?:de|du|des)|liés?\s+(?:à|aux?))\s+"
                     r"(?:the\s+|(?:le|la|les)\s+|l['’])?$", re.I)
# "qui accuse l'armée malienne et ses supplétifs russes de Wagner": every name the accusation lists
_ACCUSES_FR = re.compile(r"\baccus(?:e|ent|ait|aient|ant|é|ée|és|ées)\s+(?!par\b)(?:[^.;:«»“”()]{0,80}?\s+"
                         r"(?:et|ainsi\s+que)\s+(?:[^.;:«»“”()]{0,40}?)|(?:le\s+|la\s+|les\s+|l['’]))?$", re.I)
_ORG_NOUN = (r"association|group|organi[sz]ation|movement|militia|alliance|coalition|front|network|collective|"
             r"union|committee|observatory|ngo|party|brigade|faction|rebels|jihadists|affiliate")
_DOING = re.compile(r"\b(killed|killing|kills|executed|executing|execute|shot|massacred|intercepted|stopped|"
                    r"attacked|murdered|(?:was|were|are|is|been) accused of|responsible for|orchestrated|"
                    r"(?:was|were|are|is|been)\s+(?:\w+\s+)?blamed\b|"
                    r"(?:a|ont|aurait|auraient|avaient|avait)\s+(?:\w+\s+)?(?:tué|exécuté|massacré|abattu|attaqué|"
                    r"assassiné|arrêté|intercepté|enlevé)|tuent|tue|exécutent|(?:est|sont|serait|seraient)\s+"
                    r"(?:\w+\s+)?accusée?s?\s+d|responsables?\s+(?:de|du|des))", re.I)
_SAYING = re.compile(r"\b(said|says|told|report\w*|claim\w*|alleg\w*|accus\w*|confirm\w*|stated|condemn\w*|"
                     r"denounc\w*|described|termed|called|highlight\w*|according|selon|déclar\w*|affirm\w*|"
                     r"indiqu\w*|dénonc\w*|condamn\w*|racont\w*|dément\w*|démenti)\b|[;“\"«]", re.I)
_BY = re.compile(r"\b(by|alongside|with|supported by|backed by|helped by)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)


@dataclass(frozen=True)
class ActorGuess:
    name: str
    role: str      # a contract role, or "" for a bare name
    how: str


def known_actors(main: list[Sentence], claims: list[TollGuess], known: Knowledge) -> list[ActorGuess]:
    claimants = {fold(c.according_to) for c in claims}
    order: list[str] = []
    roles: dict[str, tuple[str, str]] = {}
    for s in main:
        for hit in actor_mentions(s.text, known):
            if hit.name not in order:
                order.append(hit.name)
            role, how = _role(s.text, hit.start, hit.end)
            if fold(hit.name) in claimants:
                role, how = "claimant", "gives a figure of the toll"
            rank = ("claimant", "alleged perpetrator", "witness", "")
            if hit.name not in roles or rank.index(role) < rank.index(roles[hit.name][0]):
                roles[hit.name] = (role, how)
    return [ActorGuess(name, *roles[name]) for name in order]


def roles_from_responses(actors: list[ActorGuess], responses: list[ResponseGuess]) -> list[ActorGuess]:
    """An actor the text gives no role but who answers: one who denies is
    accused of it; one who only investigates or comments takes part otherwise."""
    out = []
    for a in actors:
        stances = [r.stance for r in responses if r.by == a.name]
        if a.role or not stances:
            out.append(a)
        elif "denied" in stances or "acknowledged" in stances:
            out.append(ActorGuess(a.name, "alleged perpetrator", f"{stances[0]} the accusation"))
        else:
            out.append(ActorGuess(a.name, "other", f"answers the accusation ({stances[0]}) without being accused"))
    return out


def new_actors(main: list[Sentence], suggested: list[str], claims: list[TollGuess]) -> list[ActorGuess]:
    """Roles of the organisations the archive does not know, as for its own actors."""
    claimants = {fold(c.according_to) for c in claims}
    out = []
    for name in suggested:
        role, how = "", ""
        if fold(name) in claimants:
            role, how = "claimant", "gives a figure of the toll"
        for s in main:
            if role:
                break
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", s.text):
                role, how = _role(s.text, m.start(), m.end())
                if role:
                    break
        out.append(ActorGuess(name, role, f"{how}; not in the archive's actor files" if role else ""))
    return out


def _role(text: str, start: int, end: int) -> tuple[str, str]:
    if re.search(r"\b(?:told|tells|telling|said to|speaking to)\s+(?:the\s+)?$", text[:start], re.I):
        return "", ""     # the one told, not the one doing: "told The Associated Press that soldiers killed …"
    if re.search(r"\b(?:à|au|aux)\s+(?:l['’])?$", text[:start], re.I) and re.search(
            r"\b(?:racont\w*|déclar\w*|confi\w*|dit|affirm\w*|indiqu\w*|expliqu\w*)\s+(?:\w+\s+){0,2}?"
            r"(?:à|au|aux)\s+(?:l['’])?$", text[:start], re.I):
        return "", ""     # "a raconté à l'AFP": the one told
    figure = FIGURE_BY.search(text[:start])
    if figure and figure.end() == start:
        return "claimant", _quoted(figure.group(0), text[start:end])  # "the 40 claimed by X": X's figure, not X's deed
    if _BLAMED.search(text[:start]):
        return "alleged perpetrator", _quoted(_BLAMED.search(text[:start]).group(0), text[start:end])
    if _ACCUSES_FR.search(text[:start]):
        return "alleged perpetrator", _quoted(_ACCUSES_FR.search(text[:start]).group(0), text[start:end])
    if not KILL.search(text):
        if re.match(r"\s+(?:(?:a|ont)\s+)?confirm\w*", text[end:]):
            return "witness", "confirmed the incident"
        return "", ""
    after = text[end:end + 140]
    stop = _SAYING.search(after)
    doing = _DOING.search(after[:stop.start()] if stop else after)
    if doing:
        return "alleged perpetrator", f"\"{text[start:end]} … {doing.group(0)}\""
    before = text[:start]
    if _BY.search(before) and not CLAIM_BY.search(before):
        return "alleged perpetrator", f"\"{_BY.search(before).group(0).strip()} {text[start:end]}\""
    if re.match(r"\s+(?:(?:a|ont)\s+)?confirm\w*", after):
        return "witness", "confirmed the incident"
    return "", ""


def _quoted(words: str, name: str) -> str:
    """The words before a name and the name, as the text joins them ("accuse l'armée malienne")."""
    words = words.strip()
    return f"\"{words}{'' if words.endswith((chr(39), '’')) else ' '}{name}\""


def _org_named(text: str, hit_start: int, hit_end: int, name: str) -> bool:
    """An organisation by its name's words, by the noun after it ("the Dan Na
    Ambassagou militia"), by an apposition ("Tabital Pulaaku, an association …"),
    or in French by the noun before it ("l'association peule Tabital Pulaaku",
    "le groupe Wagner, devenu Africa Corps")."""
    after = text[hit_end:hit_end + 60]
    before = text[max(0, hit_start - 60):hit_start]
    return is_org(name) or bool(re.match(rf"\s+(?:{_ORG_NOUN})\b", after, re.I)) or bool(
        re.match(rf",\s+(?:an?|the)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{_ORG_NOUN})\b", after, re.I)) or bool(
        _NOUN_BEFORE_FR.search(before))


# "l'association peule ", "le mouvement ", "de la milice ", "l'ONG ", "devenu ": a French noun of an
# organisation, and at most one adjective, just before a name
_NOUN_BEFORE_FR = re.compile(r"(?:\b(?:l['’]|le\s+|la\s+|du\s+|des\s+)(?:association|organisation|ong|mouvement|"
                             r"groupe|milice|collectif|coalition|front|alliance|observatoire|coordination|"
                             r"plateforme)(?:\s+[a-zà-ÿ-]+)?|\bdevenue?)\s+$", re.I)


def suggested(ss: list[Sentence], known: Knowledge, claimants: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """Organisations named in the text that the archive has no actor for,
    those giving a figure first."""
    names = {fold(n) for a in known.actors for n in a.names}
    out: list[str] = list(dict.fromkeys(c for c in claimants if c and is_org(c) and c[:1].isupper()
                                        and fold(c) not in names))
    for s in ss:
        if is_headline(s.text):
            continue
        for hit in mentions(s.text, known):
            if hit.kind == "name" and _org_named(s.text, hit.start, hit.end, hit.name) and fold(hit.name) not in names:
                if fold(hit.name) not in map(fold, out):
                    out.append(hit.name)
            elif hit.kind == "acronym" and re.search(rf"\(\s*{re.escape(hit.name)}\s*\)", s.text):
                if fold(hit.name) not in names and fold(hit.name) not in map(fold, out):
                    out.append(hit.name)
    return [n for n in out if not any(fold(n) != fold(o) and fold(n) in fold(o) for o in out)][:15]
