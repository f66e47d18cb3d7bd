"""What the accused or the authorities answered: a denial, an acknowledgement,
an investigation announced, a silence the text points out, or another
statement (a condemnation, a promise). Each with who said it, when the text
says so, and their words when quoted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.model import Day
from ..content.names import fold
from .dates import DateGuess
from .knowledge import Knowledge
from .text import DEMONYMS, DEMONYMS_FR, FORCE_NOUNS, Mention, Sentence, is_org, keep_fold, mentions

# Stances, each by the words that say it; the first that matches a clause wins.
_STANCES = (
    ("no comment", re.compile(r"\b(?:(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:comment\w*|respond\w*|repl\w*|react\w*)|"
                              r"declined\s+to\s+comment|refused\s+to\s+comment|(?:could|can)\s*not\s+be\s+reached|"
                              r"no\s+comment|(?:were|was)\s+(?:not\s+)?(?:un)?available\s+(?:for|to)\s+comment|"
                              r"(?:did|does)\s+not\s+answer|remained\s+silent|kept\s+silent|"
                              r"n['’](?:a|ont|avait|avaient)\s+pas\s+(?:encore\s+|souhaité\s+|voulu\s+|pu\s+être\s+)?"
                              r"(?:réagi|répondu|commenté|réagir|répondre|commenter|joints?|joignables?)|"
                              r"(?:s['’]est|se\s+sont)\s+refusée?s?\s+à\s+tout\s+commentaire|injoignables?|"
                              r"(?:sans|aucune?)\s+(?:réponse|réaction|commentaire)|gardée?s?\s+le\s+silence)(?!\w)",
                              re.I)),
    ("denied", re.compile(r"\b(?:den(?:y|ied|ies|ying|ial)|reject\w*|dismiss\w*|refut\w*|rebut\w*|"
                          r"called\s+(?:the\s+|these\s+|those\s+)?(?:accusations?|allegations?|reports?|claims?)(?=\s+[“\"«]?\s*\w)|"
                          r"qualifi\w*\s+(?:ces|les|de\s+telles|cette|l['’])\s*(?:accusations?|allégations?|informations?|"
                          r"affirmations?)\s+(?:de|d['’])|(?:assure|assurent|affirme|affirment|a\s+assuré|a\s+affirmé)\s+"
                          r"n['’]avoir\s+(?:\w+\s+)?(?:mené|tué|commis|conduit|participé)|"
                          r"(?:fabricat\w*|baseless|unfounded|false\s+(?:information|accusations?|claims?))|"
                          r"dément\w*|démenti\w*|rejet\w*|réfut\w*|(?:a|ont)\s+nié|nie|nient|niant|"
                          r"contest(?:e|ent|é|ant)|infondée?s?|(?:fausses?|mensongères?)\s+(?:informations?|"
                          r"accusations?|allégations?))(?!\w)", re.I)),
    ("investigating", re.compile(r"\b(?:(?:open\w*|launch\w*|announc\w*|order\w*|set\s+up|promis\w*|start\w*)\s+"
                                 r"(?:an?\s+|its\s+own\s+)?(?:\w+\s+)?(?:investigation|inquiry|enquiry|probe)|"
                                 r"(?:investigation|inquiry|enquiry|probe)\s+(?:had\s+|has\s+|have\s+)?(?:been\s+)?"
                                 r"(?:opened|launched|ordered|set up|started|under\s+way|underway)|"
                                 r"(?:will|would)\s+investigate|(?:is|are|was|were)\s+investigating|"
                                 r"(?:asked|seized|referred\s+\w+\s+to)\s+(?:the\s+)?(?:\w+\s+)?prosecutor|"
                                 r"taken\s+note\s+of\s+the\s+(?:allegations?|accusations?)|"
                                 r"(?:ouverture|lancement)\s+d['’]une\s+enquête|"
                                 r"(?:ouvert|ouvre|ordonné|ordonne|annoncé|annonce|lancé|lance|diligenté|promis)\s+"
                                 r"(?:une\s+|l['’])?(?:\w+\s+)?enquête|enquête\s+(?:\w+\s+)?(?:a\s+été\s+|est\s+|sera\s+)?"
                                 r"(?:ouverte|ordonnée|lancée|diligentée|en\s+cours)|(?:saisi|saisit)\s+(?:le\s+|la\s+)?"
                                 r"(?:procureur|parquet|justice)|pris\s+acte\s+des\s+(?:allégations|accusations))(?!\w)",
                                 re.I)),
    ("acknowledged", re.compile(r"\b(?:acknowledg\w*|admit\w*|conced\w*|apologi[sz]\w*|took\s+responsibility|"
                                r"claimed\s+responsibility|claimed\s+(?:the\s+|both\s+)?(?:attacks?|killings?|raids?|"
                                r"massacres?|ambush(?:es)?|assaults?)|recogni[sz]ed\s+(?:that|the)|reconn(?:u|ue|us|ues|aît|ait|aissent|aissant)|admis|"
                                r"avou\w*|revendiqu\w*)(?!\w)", re.I)),
    ("other", re.compile(r"\b(?:condemn\w*|denounc\w*|deplor\w*|vow\w*|promis\w*|pledg\w*|"
                         r"(?:declared|announced|decreed)\s+(?:\w+\s+){0,3}(?:days?\s+of\s+)?(?:national\s+)?mourning|"
                         r"condamn\w*|dénonc\w*|déplor\w*|promis|promet\w*|deuil\s+national)(?!\w)",
                         re.I)),
)
# A call on others to investigate, not an investigation: "called on the authorities to open an
# investigation", "a demandé l'ouverture d'une enquête"
_CALL_FOR = re.compile(r"\b(?:call(?:ed|s|ing)?\s+(?:on|upon|for)|urg(?:ed|es|ing|e)|demand\w*|press\w*\s+for|"
                       r"appel\w*|exhort\w*|réclam\w*|invit\w*|plaid\w*\s+pour)(?!\w)[^.;:]{0,60}$", re.I)
# Who may respond: the accused and the authorities.
_AUTHORITY = re.compile(r"\b(?:(?:military\s+|transitional\s+|interim\s+)?government|junta|authorities|"
                        r"presidency|ministry|minister|(?:general\s+)?staff|prime\s+minister|president|governor|prefect|"
                        r"mayor's office|spokes(?:man|woman|person) (?:for|of) the government|gouvernement|junte|"
                        r"autorités|présidence|ministère|ministre|premier\s+ministre|président|gouverneur|préfet|"
                        r"porte-parole\s+du\s+gouvernement)(?!\w)", re.I)
_FORCE = re.compile(r"\b(?:army|armed\s+forces|military|troops|soldiers|general\s+staff|armées?|forces\s+armées|"
                    r"militaires|soldats|troupes|état-major)(?!\w)", re.I)
_SPOKESMAN_FOR = re.compile(r"\bspokes(?:man|woman|person)\s+(?:for|of)\s+(?:the\s+)?$|"
                            r"\bporte-parole\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+)$", re.I)
_QUOTE = re.compile(r"[“\"«]\s*([^”\"»]{3,300}?)\s*[”\"»]")
# Countries of the region and the adjectives that go with them.
COUNTRIES = {"Mali": ("Malian", "Mali's", "Mali’s"), "Niger": ("Nigerien", "Niger's", "Niger’s"),
             "Burkina Faso": ("Burkinabe", "Burkinabè", "Burkina's", "Burkina Faso's"),
             "Mauritania": ("Mauritanian",), "Algeria": ("Algerian",), "Chad": ("Chadian",),
             "Senegal": ("Senegalese",), "Guinea": ("Guinean",), "Côte d'Ivoire": ("Ivorian",)}
# The first-level regions of the central Sahel, for a new place whose region the text names ("dans
# la région de Tillabéri") where the archive has no place there yet: the text may name a neighbour
# more often than the country ("à une trentaine de kilomètres de la frontière burkinabè"). Read only
# where the text says it is a region (extract._REGION); names that are also a wider area's ("Sahel",
# "Centre", "Est", "Nord") are left out. Mali's since 2023, Burkina Faso's before and since 2025.
REGIONS = {country: tuple(names.split(", ")) for country, names in {
    "Mali": "Kayes, Koulikoro, Sikasso, Ségou, Mopti, Tombouctou, Timbuktu, Gao, Kidal, Bamako, Taoudénit, "
            "Taoudeni, Ménaka, Menaka, Nioro, Kita, Dioïla, Nara, Bougouni, Koutiala, San, Douentza, Bandiagara",
    "Niger": "Agadez, Diffa, Dosso, Maradi, Tahoua, Tillabéri, Tillabery, Zinder, Niamey",
    "Burkina Faso": "Boucle du Mouhoun, Cascades, Centre-Est, Centre-Nord, Centre-Ouest, Centre-Sud, Hauts-Bassins, "
                    "Plateau-Central, Sud-Ouest, Bankui, Djôrô, Goulmou, Guiriko, Kadiogo, Kuilsé, Liptako, "
                    "Nakambé, Nando, Nazinon, Oubri, Sirba, Soum, Sourou, Tannounyan, Tapoa, Yaadga",
}.items()}


def country_of_region(region: str) -> str:
    """The country whose first-level region `region` is (REGIONS), or ""."""
    return next((c for c, names in REGIONS.items() if any(fold(n) == fold(region) for n in names)), "")


@dataclass(frozen=True)
class ResponseGuess:
    by: str
    stance: str
    date: Day | None
    quote: str
    how: str
    sentence: int
    date_how: str = ""   # how the date was read ('"mardi soir" (the Tuesday on or before …)'), for the curator


def country_of(ss: list[Sentence], title: str, known: Knowledge, location_country: str = "") -> str:
    """The country the article is about: the place's, else the one it names
    most (by name or adjective), else the archive's only country."""
    if location_country:
        return location_country
    text = title + " " + " ".join(s.text for s in ss)
    counts = {c: sum(len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", text)) for w in (c, *forms))
              for c, forms in COUNTRIES.items()}
    best = max(counts, key=lambda c: counts[c])
    if counts[best]:
        return best
    return known.countries[0] if len(known.countries) == 1 else ""


def find_responses(ss: list[Sentence], known: Knowledge, dates: list[DateGuess], country: str,
                   perpetrators: list[str], claimants: set[str]) -> list[ResponseGuess]:
    out: list[ResponseGuess] = []
    by_index = {s.index: s for s in ss}
    for s in ss:
        stance = next(((name, m) for name, rx in _STANCES for m in [rx.search(s.text)]
                       if m and not (name == "investigating" and _CALL_FOR.search(s.text[:m.start()]))), None)
        if stance is None:
            continue
        name, verb = stance
        who, how = _responder(s, verb.start(), known, country, perpetrators, out, by_index.get(s.index - 1))
        if not who:
            continue
        dated = next((d for d in dates if d.sentence == s.index and d.kind == "report" and d.start), None)
        when, read = (dated.start, f'"{dated.text}" ({dated.how})') if dated else (None, "")
        quote = _QUOTE.search(s.text[verb.start():]) or _QUOTE.search(s.text)
        words = quote.group(1).strip() if quote else ""
        same = next((i for i, r in enumerate(out) if r.by == who and r.stance == name), None)
        if same is not None:
            if words and not out[same].quote:
                r = out[same]
                out[same] = ResponseGuess(r.by, r.stance, r.date or when, words, r.how, r.sentence,
                                          r.date_how if r.date else read)
            continue
        out.append(ResponseGuess(who, name, when, words, f"\"{verb.group(0)}\" ({how})", s.index, read))
    return out


def _responder(s: Sentence, at: int, known: Knowledge, country: str, perpetrators: list[str],
               found: list[ResponseGuess], previous: Sentence | None = None) -> tuple[str, str]:
    """The subject before the stance verb, clause by clause from the verb
    back: an actor of the archive, "a spokesman for X", the army or the
    government of the country, an organisation; "It"/"The group" for the
    previous response's author. A person's name is passed over (his
    organisation is named around it: "Mali's army spokesman, Col. X, denied")."""
    before = s.text[:at]
    if re.search(r",\s*$", before) and _INVERTED.match(s.text, at):
        # "…, déplorent les habitants": the subject comes after the verb; a response only if it is one who may respond
        after = s.text[at:]
        if _AUTHORITY.search(after[:80]):
            return government(country, after[:80]), "the authorities, after the words"
        if _FORCE.search(after[:80]):
            return armed_forces(country, known, perpetrators), "the army, after the words"
        return "", ""
    bounds = [0] + [m.end() for m in re.finditer(r"[;:,–—]|\s(?:and|but|while|after|as|et|mais|alors\s+que|"
                                                 r"après|tandis\s+que)\s", before)]
    for a, b in reversed(list(zip(bounds, bounds[1:] + [len(before)]))):
        part = before[a:b]
        if not part.strip():
            continue
        named = [m for m in mentions(part, known)
                 if not re.search(r"\b(?:to|by|against|of|on|with|from|à|par|contre|de|avec)\s+(?:the\s+|le\s+|"
                                  r"la\s+|les\s+|l['’])?$", part[:m.start], re.I)
                 or _SPOKESMAN_FOR.search(part[:m.start])]
        for m in reversed(named):
            if m.kind == "actor" or _SPOKESMAN_FOR.search(part[:m.start]):
                return m.name, "named before the words"
        authority = _AUTHORITY.search(part)
        force = _FORCE.search(part)
        if authority and "staff" not in authority.group(0).lower():
            return government(country, part), f"the authorities: \"{part.strip()}\""
        if force:
            return armed_forces(country, known, perpetrators), f"the army: \"{part.strip()}\""
        for m in reversed(named):
            if m.kind == "name" and is_org(m.name):
                return m.name, "named before the words"
    pronoun = re.match(r"^(?:it|they|the group|the organisation|the militia|il|elle|ils|elles|le groupe|"
                       r"l['’]organisation|la milice)\b", s.text, re.I)
    if pronoun and found:
        return found[-1].by, "the previous response's author"
    if pronoun and previous is not None and re.fullmatch(r"(?i:it|il|elle)", pronoun.group(0)):
        # "Le gouvernement … a fait état de 19 morts. Il annonce l'ouverture d'une enquête": that sentence's
        # subject, before its first comma or verb (not the army a clause of it names: "The group" is no one's)
        head = re.search(r",|\s(?:a|ont|avait|avaient|has|have|had|said|says|is|was|were|gave|announced)\s", previous.text)
        who, how = _responder(previous, head.start() if head else len(previous.text), known, country, perpetrators,
                              found)
        if who:
            return who, f"the previous sentence's subject ({how})"
    return "", ""


# A verb whose subject follows it: "…, déplorent les habitants", "…, deplored residents"
_INVERTED = re.compile(r"\w+\s+(?:les|des|le|la|l['’]|un|une|plusieurs|de\s+nombreux|residents|villagers|witnesses)\b",
                       re.I)


def armed_forces(country: str, known: Knowledge, perpetrators: list[str]) -> str:
    """The archive's actor for the country's army ("Malian army" is an alias
    of Malian Armed Forces), else "<adjective> Armed Forces"."""
    adjectives = [keep_fold(a) for a in COUNTRIES.get(country, ()) if not a.endswith(("'s", "’s"))]
    for actor in known.actors:
        for name in actor.names:
            words = keep_fold(name)
            if any(words.startswith(a + " ") for a in adjectives) and any(words.endswith(" " + n) or words == n
                                                                          for n in FORCE_NOUNS):
                return actor.name
    if adjectives:
        return f"{COUNTRIES[country][0]} Armed Forces"
    return next((p for p in perpetrators if any(n in keep_fold(p) for n in FORCE_NOUNS)), "the army")


def government(country: str, subject: str) -> str:
    m = re.search(r"\b(ministry|minister)\b.*", subject, re.I)
    if m and re.search(r"(?i)ministry of [A-Z]?\w+", subject):
        return re.search(r"(?:[A-Z][\w’']+\s+)?[Mm]inistry of (?:the\s+)?[\w ]+", subject).group(0).strip()
    return f"Government of {_named_country(subject) or country}" if (_named_country(subject) or country) else \
        "the government"


def _named_country(subject: str) -> str:
    """The country a subject names: "Niger's junta", "Le gouvernement burkinabè", "les autorités nigériennes"."""
    folded = fold(subject)
    for country, forms in COUNTRIES.items():
        if any(re.search(rf"(?<!\w){re.escape(fold(w))}(?!\w)", folded) for w in (country, *forms)) or any(
                re.search(rf"(?<!\w){DEMONYMS_FR[d]}(?!\w)", folded) for d, named in DEMONYMS.items()
                if named == fold(country)):
            return country
    return ""
