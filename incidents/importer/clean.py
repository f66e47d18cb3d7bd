"""Raw article text → the article's paragraphs, its title, and what was cut.

Text copied from a news page carries more than the article: the title twice,
paragraphs the page repeated, newsletter and donation boxes, related-article
lists, comment forms, share buttons, a byline. `clean` keeps the article and
lists everything else it removed, with the reason, so nothing is lost silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy
from ftfy.badness import is_bad

from ..content.frontmatter import FORBIDDEN, SEPARATORS

from ..content.names import fold
from . import french
from .text import MONTHS, WEEKDAYS

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False)

# Kinds of paragraph in a Cleaned article.
DEK, HEADING, TEXT = "dek", "heading", "text"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = TEXT  # dek (a standfirst beside the title), heading, or text


@dataclass(frozen=True)
class Cut:
    reason: str  # "repeated title", "repeated paragraph", "newsletter box", ...
    text: str


@dataclass(frozen=True)
class Cleaned:
    title: str
    paragraphs: tuple[Paragraph, ...]
    cut: tuple[Cut, ...]
    repairs: tuple[tuple[str, str], ...] = ()  # (broken, repaired) words

    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


_SHARE = (r"(share|tweet|print|email|copy link( copied)?|link copied|partager|partagez|imprimer|envoyer (par|a un ami)"
          r"|copier le lien"
          r"|lien copie)"
          r"( (this|on|via|cet|sur|par)( (article|story|post|page))?)?")
_NETWORK = r"(facebook|twitter|x|whatsapp|linkedin|telegram|e-mail|courriel|reddit|pinterest|flipboard|bluesky|threads)"
# Site furniture: a short paragraph matching one of these is not the article.
# Each pattern matches the whole paragraph (after folding case and accents).
_FURNITURE: tuple[tuple[str, str], ...] = (
    ("related articles", r"(related|similar|recommended|popular|trending)"
                         r"( (articles?|posts?|stories|news|content|reads?))?"
                         r"|more (news|stories|articles|from [\w ]+)|you (may|might) (also )?like.*"
                         r"|read (more|also|next)\b.*|see also\b.*|most (read|popular|viewed)"
                         r"|(related|recommended)( (articles?|stories|coverage|content|reading))? ?:.*"
                         r"|latest (news|stories|posts)|also read\b.*|follow (our|the|ap'?s|[\w]+'s) [\w ]*coverage\b.*"
                         # French: "Lire aussi : …", "À lire également", "Les plus lus", "Sur le même sujet"
                         r"|(a )?lire (aussi|egalement|la suite|plus)\b.*|voir aussi\b.*|les plus (lus|partages)"
                         r"|(articles?|contenus?) (similaires|lies|connexes|recommandes)|sur le meme (sujet|theme)\b.*"
                         r"|dans la meme rubrique|(les )?dernieres (infos|informations|actualites|nouvelles)"),
    ("comment form", r"leave a (reply|comment)|(post|submit) (a )?comment|\d* ?comments?|cancel reply"
                     r"|your email address will not be published.*|required fields are marked.*"
                     r"|(name|email|website|comment) ?\*?|save my name,? email.*|log in to (reply|comment).*"
                     r"|reply|laisser un commentaire|(laissez|ecrire|publier) (un|votre|le) commentaire"
                     r"|\d* ?commentaires?|repondre|(commentaires?|comments?|reactions?) \(\d+\)"
                     r"|(afficher|voir|charger|lire) (plus de |les |tous les )?(commentaires|reactions)"
                     r"|(show|load|view|see) (more |all )?(comments|replies)|(votre|your) (reaction|commentaire|comment)"
                     r"|reagir|votre adresse (e-?mail|de messagerie|courriel) ne sera pas publiee.*"
                     r"|les champs obligatoires sont indiques.*|(nom|courriel|site web|commentaire) ?\*?"),
    ("newsletter box", r"newsletters?|newsletters?\s*[:—–-].*|subscribe\b.*|sign up\b.*|stay (connected|informed|updated)\b.*"
                       r"|(don'?t|never) miss\b.*|follow us\b.*|join (our|the) (mailing list|newsletter)\b.*"
                       r"|get (the|our) (latest|newsletter)\b.*|enter your email.*"
                       r"|(abonnez|inscrivez|suivez|rejoignez)-(vous|nous)\b.*|s'(abonner|inscrire)\b.*"
                       r"|recevez (notre|nos|la|les)\b.*|ne (manquez|ratez) (rien|aucun\w*)\b.*"
                       r"|(entrez|saisissez) votre (adresse|e-?mail|courriel)\b.*|lettre d'information"
                       # "Recevez chaque matin la lettre de …", "Get our morning briefing", "Je m'inscris"
                       r"|(recevez|receive|get)\b.*\b(lettre|newsletter|infolettre|briefing)\b.*|je m'(inscris|abonne)"),
    ("donation appeal", r"support (our|independent) (journalism|work|reporting)\b.*|donate( here| now| today)?\W*"
                        r"|make a (donation|contribution)\b.*|become a (member|supporter|patron)\b.*"
                        r"|your (donation|contribution|support) (will|helps?)\b.*"
                        r"|soutenez (notre|un|le) (journalisme|travail|media|redaction)\b.*|faire un don\b.*"
                        r"|faites un don\b.*|(devenez|devenir) (membre|abonne)\b.*"),
    # "Partager : Facebook Twitter", "Share on Facebook Share on X Email": each word one way only
    # (a separator between two, never a choice of how to split them: no pattern of spaces can
    # make the match try every way, as one whose parts both took spaces did)
    ("share buttons", r"add [\w .'-]{1,40} on google( news)?|ajoute[rz]? [\w .'-]{1,40} sur google( actualites)?"
                      rf"|{_SHARE}([ :,|]+({_SHARE}|{_NETWORK}))*[ :,|]*"
                      rf"|(facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest)([ ,|]+({_NETWORK}|email))*"),
    ("advertisement", r"advertisement|sponsored( content)?|ad|publicite|contenu sponsorise|annonce"),
    ("tags", r"(tags?|topics?|keywords|filed under|categories|mots-?cles|mots cles|etiquettes|themes?)\s*:.*"),
    ("credits", r"\(?(additional )?(reporting|writing|editing|compiled|translated) by\b.*"
                # "Hoffman reported from Dakar, Senegal.", "Jane Doe in Bamako contributed to this report."
                r"|[\w.'-]+( (and|et) [\w.'-]+)? (reported from|contributed (reporting )?(from|to this report))\b[^.]*\.?"
                r"|our (standards|editorial standards|ethics)\s*:.*|.*\btrust principles\W*"
                r"|(report an error|suggest a correction|corrections? policy)\b.*"
                r"|(signaler une erreur|avec (la redaction|afp|reuters|ap))\b.*"
                # "Copyright 2025 The Associated Press. All Rights Reserved. …", "© Le Courrier – Reproduction …"
                r"|(copyright|©)\s.*|.*\ball rights reserved\b.*|.*\breproduction (interdite|reservee)\b.*"),
    ("share buttons", r"https?://\S+"),
)
# Furniture that may stand among the article's paragraphs without ending it.
_INLINE = ("advertisement", "share buttons", "tags", "credits")
# A photo caption: ends with a credit in parentheses or an agency's name in capitals.
_CAPTION = re.compile(r"(?:\((?i:photos?|pictures?|images?|credits?|file photo)\s*:[^()]*\)|"
                      r"\b(?:REUTERS|AFP|AP|EPA|ANADOLU|GETTY IMAGES|AP Photo)(?:/[\w .]+)?|"
                      # "(AP Photo/Moussa Traoré, File)", "… samedi. © Le Messager du Sahel"
                      r"\((?:AP|AFP|Reuters|EPA) Photo(?:/[^()]{1,60})?\)|[.!]\s+©\s*[^\W\d][\w ’'.-]{1,40})\s*$")
# A line of when the page was published: "Published 16 May 2024 at 09:40 GMT", "By X | 6 February 2024".
_DATELINE = re.compile(r"(?i)^(?:(?:first\s+)?published|updated|last updated|posted|publié|mis\s+à\s+jour|modifié)"
                       r"(?!\w)(?:\s+(?:on|le))?\s*:?\s*.*\b(?:19|20)\d\d\b.{0,30}$")
# "By Jane Doe", "Par Moussa Diarra et Awa Koné", "By Jane Doe, Reuters": a byline wherever it stands
_BYLINE_NAME = re.compile(rf"(?i:by|par)\s+(?!(?i:the|{'|'.join(MONTHS + WEEKDAYS)})\b|{french.MONTH}\b|"
                          rf"{french.WEEKDAY}\b)[A-ZÀ-Ý][\w.'’-]*(?:\s+(?:[A-ZÀ-Ý][\w.'’-]*|de|da|du|ag|al|el|van|von|and|"
                          r"et|&))*(?:\s+(?i:in|à|en|from)\s+[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?)?"
                          r"(?:\s*[,|–-]\s*[^\W\d_][^\W\d_'’-]*(?:[ '’-][^\W\d_]+){0,4})?"
                          # "Par notre correspondant à Mopti", "By our correspondent in Gao", "By a staff reporter"
                          r"|(?i:by|par)\s+(?i:notre|nos|our|a|an|un|une)\s+(?i:correspondante?s?|correspondents?|envoyée?s?\s+"
                          r"spéciale?s?|special\s+correspondents?|staff\s+reporters?|reporters?|rédaction)\b[\w .'’-]{0,40}")
# A reporter's line at the end: "Camara covers Mali and the Sahel for The Associated Press."
_BIO = re.compile(r"[A-ZÀ-Ý][\w'’-]+ (?:covers|reports on|writes about|is (?:a|the) [\w ]{3,30}?(?:correspondent|reporter)"
                  r") [^.]{3,80}? (?:for|at|pour) [^.]{3,60}\.?")
_BYLINE_DATED = re.compile(r"(?i)^(?:by|par)\s+[^|•·]{2,60}\s*[|•·]\s*.*\b(?:19|20)\d\d\b.{0,30}$")
_FURNITURE_RX = tuple((reason, re.compile(f"(?:{rx})", re.I)) for reason, rx in _FURNITURE)
_MAX_FURNITURE_WORDS = 25
_BULLET = re.compile(r"^\s*(?:[•·▪●◦\-–*]|\d+[.)])\s+")
_END = re.compile(r"[.!?:;,…\"”’')\]]\s*$")
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z])\.$")


def clean(raw: str, dek: str | None = None) -> Cleaned:
    """The article in `raw`: broken characters repaired, repeats and furniture
    cut. `dek`, when given, is the standfirst a saved page's metadata names
    (only a paragraph saying it is one); "" when the page names none."""
    lines, repairs = repair(raw)
    paragraphs = split_paragraphs(lines)
    title, paragraphs, deks = _take_title(paragraphs)
    if dek is not None:
        deks = {fold(" ".join(dek.split()))} if dek.strip() else set()
    paragraphs, cut = _drop_repeats(paragraphs, title)
    paragraphs, more = _cut_furniture(paragraphs)
    cut += more
    kept = _kinds(paragraphs, deks)
    return Cleaned(title, tuple(kept), tuple(cut), tuple(repairs))


def repair(raw: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Lines with mis-decoded characters repaired ("DembĂ©lĂ©" → "Dembélé").
    A line mixing good and broken characters is repaired word by word."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    out, repairs = [], []
    for line in text.split("\n"):
        fixed = ftfy.fix_text(line, config=_FTFY)
        if is_bad(fixed):
            fixed = " ".join(ftfy.fix_text(w, config=_FTFY) if is_bad(w) else w for w in fixed.split(" "))
        # What ftfy leaves of the controls a report may not hold (U+0081, U+008D…: bytes
        # Windows-1252 never defined), and the line separators it did not break on.
        fixed = FORBIDDEN.sub("", SEPARATORS.sub(" ", fixed))
        if fixed != line:
            before, after = line.split(), fixed.split()
            if len(before) == len(after):
                repairs += [(b, a) for b, a in zip(before, after) if b != a and not b.isspace()]
            else:
                repairs.append((line.strip(), fixed.strip()))
        out.append(fixed)
    return out, repairs


def split_paragraphs(lines: list[str]) -> list[str]:
    """Blocks between blank lines; inside a block each line is a paragraph,
    except that a hard-wrapped sentence (a long line with no closing
    punctuation followed by a lowercase continuation) is joined up."""
    out: list[str] = []
    joining = False
    for line in lines:
        text = " ".join(line.split())
        if not text:
            joining = False
            continue
        if joining and out and text[:1].islower():
            out[-1] += " " + text
        else:
            out.append(text)
        joining = len(text) >= 50 and not _END.search(text)
    return out


def is_headline(text: str) -> bool:
    """Short, and not a sentence: no closing full stop."""
    words = text.split()
    return 2 <= len(words) <= 25 and len(text) <= 200 and not re.search(r"[.,;:]\s*$", text)


def _take_title(paragraphs: list[str]) -> tuple[str, list[str], set[str]]:
    """The headline: the first headline-like paragraph near the top that the
    page repeats, else the first headline-like one, removed from the body;
    and the deks: one-sentence paragraphs right beside the headline."""
    head = [(i, p) for i, p in enumerate(paragraphs[:6]) if is_headline(p)]
    counts: dict[str, int] = {}
    for p in paragraphs:
        counts[fold(p)] = counts.get(fold(p), 0) + 1
    repeated = [(i, p) for i, p in head if counts[fold(p)] > 1]
    chosen = repeated[0] if repeated else head[0] if head and head[0][0] <= 2 else None
    if chosen is None:
        first = paragraphs[0] if paragraphs else ""
        return _shorten(first), paragraphs, set()
    title = chosen[1]
    at = [i for i, p in enumerate(paragraphs[:8]) if fold(p) == fold(title)]
    deks = {fold(paragraphs[j]) for i in at for j in (i - 1, i + 1)
            if 0 <= j < len(paragraphs) and j not in at and _is_dek(paragraphs[j])}
    rest = [p for i, p in enumerate(paragraphs) if i != chosen[0]]
    return title, rest, deks


def _is_dek(text: str) -> bool:
    sentences = len(re.findall(r"[.!?](?:\s|$)", text))
    return sentences <= 1 and len(text) <= 250 and not is_headline(text) and not _WIRE_LEAD.match(text)


# A wire's first paragraph, its dateline first ("BAMAKO, March 14, 2025 (Reuters) - Gunmen killed …"):
# the article's lead, however short, never a standfirst
_WIRE_LEAD = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’. -]+,\s[^\n]{0,60}?(?:\([^)]{2,40}\)\s*(?:--|[-—–:])|(?:--|[-—–]))\s")


def _drop_repeats(paragraphs: list[str], title: str) -> tuple[list[str], list[Cut]]:
    seen: set[str] = set()
    kept, cut = [], []
    for p in paragraphs:
        key = fold(p)
        if key == fold(title):
            cut.append(Cut("repeated title", p))
        elif key in seen:  # a page's furniture said twice ("Répondre" under each comment) said as what it is
            cut.append(Cut(furniture(p) or "repeated paragraph", p))
        else:
            seen.add(key)
            kept.append(p)
    return kept, cut


def furniture(text: str) -> str:
    """The kind of site furniture a short paragraph is, or "" if it may be the article."""
    if len(text.split()) > _MAX_FURNITURE_WORDS:
        return ""
    plain = fold(_BULLET.sub("", text)).strip(" *:|-–—>»›")
    for reason, rx in _FURNITURE_RX:
        if rx.fullmatch(plain):
            return reason
    return ""


def _cut_furniture(paragraphs: list[str]) -> tuple[list[str], list[Cut]]:
    """Furniture paragraphs go wherever they are. A furniture heading in the
    second half of the text starts a trailing block: everything after it is
    page, not article (teasers of related articles, a donation appeal), up to
    the end. Short lines left at the very end (a byline: "AP", "administrator")
    go too."""
    total = sum(len(p) for p in paragraphs) or 1
    kept: list[str] = []
    cut: list[Cut] = []
    block = ""
    block_at = None
    done = 0
    for i, p in enumerate(paragraphs):
        reason = furniture(p)
        if not reason and len(p.split()) <= 40:
            reason = _caption_or_dateline(p)
        if (not block and reason and reason not in _INLINE + _TOP and done >= total / 2
                and not (_one_link(reason, p) and total - done - len(p) >= 0.25 * total
                         and _article_follows(paragraphs[i + 1:]))):
            block, block_at = reason, len(cut)
        done += len(p)
        if block and reason and reason not in _INLINE + _TOP:
            block = reason  # a block's next part: "2 commentaires" after the newsletter box, its comments
        if block:
            cut.append(Cut(reason or (_stray(p) or block), p))
        elif reason or _stray(p):
            cut.append(Cut(reason or _stray(p), p))
        else:
            kept.append(p)
    byline: list[Cut] = []
    while kept and _is_byline(kept[-1]):
        byline.insert(0, Cut("byline", kept.pop()))
    at = len(cut) if block_at is None else block_at
    return kept, cut[:at] + byline + cut[at:]


_TOP = ("photo caption", "dateline", "byline")


def _one_link(reason: str, text: str) -> bool:
    """A link to one other article ("Read more: Mali junta extends …", "Lire
    aussi : …"): the heading of a trailing list only where teasers follow it."""
    return reason == "related articles" and bool(re.search(r":\s*\w", text))


def _article_follows(rest: list[str]) -> bool:
    """Whether the article goes on after a link to another one: its next
    paragraph (furniture aside) is a sentence, not a teaser's headline."""
    for p in rest:
        if furniture(p) in _INLINE:
            continue
        return not furniture(p) and not is_headline(p) and not _one_link("related articles", p)
    return False


def _caption_or_dateline(text: str) -> str:
    if _DATELINE.match(text):
        return "dateline"
    if _BYLINE_DATED.match(text) or (len(text.split()) <= 10 and _BYLINE_NAME.fullmatch(text)) or _BIO.fullmatch(text):
        return "byline"
    if len(text.split()) >= 6 and _CAPTION.search(text) and not re.search(r"\b(said|says|told)\b", text):
        return "photo caption"
    return ""


def _stray(text: str) -> str:
    """A lone symbol or letter: a close button ("X"), a bullet."""
    return "stray button" if len(text) <= 1 or not re.search(r"\w", text) else ""


def _is_byline(text: str) -> bool:
    words = text.split()
    return (len(words) <= 4 and not _END.search(text)) or bool(re.fullmatch(r"(?i)by\s+[\w .'’-]+", text))


def _kinds(paragraphs: list[str], deks: set[str]) -> list[Paragraph]:
    """Deks (a one-sentence standfirst beside the title), subheadings, text."""
    out = []
    for p in paragraphs:
        if fold(p) in deks:
            out.append(Paragraph(p, DEK))
        elif is_headline(p) and _title_case(p):
            out.append(Paragraph(p, HEADING))
        else:
            out.append(Paragraph(p, TEXT))
    return out


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[\w’']+", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _shorten(text: str, limit: int = 120) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
