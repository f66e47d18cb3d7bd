"""Reported tolls and who claims them: "at least 24 civilians" according to
the FLA, "46 civilians" according to a village chief's spokesman; in French
"au moins 17 civils" selon le FLA, "six blessés" dont un élu local fait état.
A figure with no number ("dozens of civilians", "une vingtaine de
personnes") is kept as wording only."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..content.model import Count
from ..content.numberwords import ENGLISH
from . import french
from .knowledge import Knowledge
from .text import Mention, Sentence, mentions

_WORDS = ENGLISH
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+|(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred|" + "|".join(
    sorted(_WORDS, key=len, reverse=True))
_VAGUE = r"dozens|scores|hundreds|thousands|several|many|a dozen|numerous|some"
_QUALIFIER = (r"at least|more than|over|nearly|almost|about|around|some|up to|as many as|fewer than|less than|"
              r"approximately|roughly|an estimated|at most|no fewer than|no less than")
_PEOPLE = (r"civilians|people|persons|villagers|passengers|victims|men|women|children|residents|bodies|individuals|"
           r"migrants|shepherds|herders|farmers|worshippers|traders|travellers|travelers|fishermen|miners|"
           r"students|pupils|displaced people|others|dead|wounded|injured")
_TOLL = re.compile(rf"\b(?:(?P<q>{_QUALIFIER})\s+)?(?:(?P<n>{_NUMBER})|(?P<v>{_VAGUE})(?!\s+of\s+(?:them|those|whom|these)\b)"
                   rf"(?:\s+of)?)"
                   rf"(?:\s+(?!of\b)[a-z-]+){{0,2}}?\s+(?P<who>{_PEOPLE})\b(?:,\s+(?:including|among them|mostly|"
                   rf"many of them|most of them)\s+[^,.;:»”\"]*[^,.;:»”\"\s])?", re.I)
# French: "au moins 17 civils", "plus de vingt morts", "six blessés", "une vingtaine de personnes"
# (not "une" of "une quarantaine de morts": a figure with no number, not one death)
_NUMBER_FR = (rf"(?:\d{{1,3}}(?:[ \u00a0\u202f.]\d{{3}})+|\d+|{french.NUMBER})"
              r"(?!\s+(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|"
              r"centaine|millier)s?(?!\w))")
# "une vingtaine", and "la vingtaine" after a verb of size ("le bilan pourrait dépasser la vingtaine de morts")
_VAGUE_FR = (r"des\s+dizaines|(?:une|la)\s+dizaine|des\s+centaines|(?:une|la)\s+centaine|"
             r"(?:une|la)\s+(?:quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine)|plusieurs|"
             r"de\s+nombreux|de\s+nombreuses|nombreux|nombreuses|des\s+milliers")
_QUALIFIER_FR = (r"au\s+moins|plus\s+de|pas\s+moins\s+de|près\s+de|environ|quelque|autour\s+de|jusqu['’]à|"
                 r"au\s+plus|moins\s+de|presque|quasiment|un\s+peu\s+plus\s+de")
_PEOPLE_FR = (r"civils|personnes|villageois|passagers|victimes|hommes|femmes|enfants|habitants|corps|individus|"
              r"migrants|bergers|éleveurs|agriculteurs|cultivateurs|fidèles|commerçants|voyageurs|pêcheurs|"
              r"orpailleurs|élèves|déplacés|autres|morts|tués|blessés|disparus|otages|civil|personne|mort|tué|blessé")
_TOLL_FR = re.compile(rf"(?<!\w)(?:(?P<q>{_QUALIFIER_FR})\s+)?(?:(?P<n>{_NUMBER_FR})|(?P<v>{_VAGUE_FR})"
                      rf"(?:\s+(?:de|d['’]))?)(?:\s+(?!de\b|d['’])[a-zà-ÿ-]+){{0,2}}?(?:\s+|(?<=['’]))(?P<who>{_PEOPLE_FR})(?!\w)"
                      rf"(?:,\s+(?:dont|parmi\s+lesquels|parmi\s+eux|en\s+majorité|pour\s+la\s+plupart)\s+"
                      rf"[^,.;:»”\"]*[^,.;:»”\"\s])?", re.I)
# "un bilan de 37 morts", "le bilan s'élève à 50", "a porté le bilan à 30", "évalue le bilan à 40",
# "le nombre de morts s'élève à 25"
_DEAD_FR = r"(?:morts|victimes|décès|tués|personnes\s+tuées|civils\s+tués)"
_TOLL_AT_FR = re.compile(rf"(?<!\w)(?:(?:port\w*|fix\w*|établi\w*|évalu\w*|estim\w*|chiffr\w*)\s+(?:le|son|leur)\s+"
                         rf"bilan\s+à|(?:bilan|nombre\s+de\s+{_DEAD_FR})\s+"
                         rf"(?:provisoire\s+|officiel\s+|humain\s+|définitif\s+)?"
                         # "le bilan de l'attaque de Barsalogho s'est alourdi à 45"
                         rf"(?:(?:de|du|des|d['’])\s*[^.;:,]{{1,60}}?\s+)?(?:(?:s['’]élève|s['’]établit|"
                         rf"a\s+atteint|atteint|est)\s+(?:à|de)|(?:est\s+passé\s+(?:de\s+\S+\s+)?|s['’]est\s+alourdi\s+|"
                         rf"s['’]alourdit\s+|a\s+grimpé\s+|grimpe\s+|est\s+monté\s+|a\s+été\s+porté\s+)à)|un\s+bilan\s+(?:provisoire\s+|"
                         rf"officiel\s+|humain\s+|définitif\s+)?(?:de|d['’]))\s*(?:(?P<q>{_QUALIFIER_FR})\s+)?"
                         rf"(?P<n>{_NUMBER_FR})(?!\w)(?!\s*(?:%|km|kilomètres|ans|jours|heures))"
                         rf"(?:\s+(?:{_PEOPLE_FR})(?!\w))?", re.I)
# The figure before what it counts: "évalue à 12 le nombre de civils tués", "chiffre à 30 le nombre de morts"
_NUMBER_OF_FR = re.compile(rf"(?<!\w)(?:évalu|estim|chiffr|fix|port)\w*\s+à\s+(?:(?P<q>{_QUALIFIER_FR})\s+)?"
                           rf"(?P<n>{_NUMBER_FR})\s+le\s+(?:nombre|bilan)\s+(?:de\s+|des\s+)?{_DEAD_FR}?(?!\w)", re.I)
# A figure after the verb of the killing's sentence, with no word for people: "killed 14 civilians, wounded
# nine and left at least five missing" (the people are the killed figure's)
_AND_MORE = re.compile(rf"(?:,|\band)\s+(?:(?P<injured>wounded|injured|wounding|injuring)\s+(?:(?P<q>{_QUALIFIER})\s+)?"
                       rf"(?P<n>{_NUMBER})\b(?!\s+(?:[a-z-]+\s+){{0,2}}?(?:{_PEOPLE})\b)|(?:left|leaving)\s+"
                       rf"(?:(?P<q2>{_QUALIFIER})\s+)?(?P<n2>{_NUMBER})\s+(?:(?:others|more|people)\s+)?"
                       rf"(?P<missing>missing|unaccounted\s+for)\b)", re.I)
# French's figure after a first, the people left unsaid: "12 personnes ont été blessées et 3 sont portées
# disparues", "… et 5 ont été tuées" (the people are the first figure's)
_AND_MORE_FR = re.compile(rf"(?:,|(?<!\w)et)\s+(?:(?P<q>{_QUALIFIER_FR})\s+)?(?P<n>{_NUMBER_FR})\s+(?:autres\s+)?"
                          r"(?:sont|ont\s+été|seraient|auraient\s+été)\s+(?:portée?s?\s+)?"
                          r"(?:(?P<missing>disparue?s?)|(?P<injured>blessée?s?)|(?P<killed>tuée?s?))(?!\w)", re.I)
# Bodies counted, the word for them said before: "J'en ai compté cinquante-deux", "nous en avons enterré 12",
# "We counted 43." (killed)
_COUNTED = re.compile(rf"(?<!\w)(?:(?:j['’]en\s+ai|nous\s+en\s+avons|on\s+en\s+a|ils?\s+en\s+ont|elles?\s+en\s+ont)\s+"
                      rf"(?:compté|dénombré|enterré|recensé|ramassé)\s+(?:(?P<q>{_QUALIFIER_FR})\s+)?(?P<n>{_NUMBER_FR})|"
                      rf"\b(?:I|we|they)\s+(?:counted|buried|collected)\s+(?:(?P<q2>{_QUALIFIER})\s+)?(?P<n2>{_NUMBER})"
                      rf"(?!\s+(?:[a-z-]+\s+){{0,2}}?(?:{_PEOPLE}|{_PEOPLE_FR})\b))(?!\w)", re.I)
# A range: "between 40 and 50 people", "40 to 50 villagers", "entre 40 et 50 morts", "de 40 à 50 civils"
_RANGE = re.compile(rf"(?:\bbetween\s+(?P<a>{_NUMBER})\s+and\s+|\b(?P<a2>{_NUMBER})\s*(?:to|-|–)\s*)(?P<b>{_NUMBER})"
                    rf"(?:\s+(?!of\b)[a-z-]+){{0,2}}?\s+(?P<who>{_PEOPLE})\b", re.I)
_RANGE_FR = re.compile(rf"(?<!\w)(?:entre\s+(?P<a>{_NUMBER_FR})\s+et\s+|(?:de\s+)?(?P<a2>{_NUMBER_FR})\s*(?:à|-|–)\s*)"
                       rf"(?P<b>{_NUMBER_FR})(?:\s+(?!de\b|d['’])[a-zà-ÿ-]+){{0,2}}?\s*(?P<who>{_PEOPLE_FR})(?!\w)",
                       re.I)
_REVISED = re.compile(r"\b(?:rose|risen|rising|climbed|increased|jumped|went\s+up|grew|raised|revised)\s+"
                      r"(?:\w+\s+)?from\s+$|\b(?:passée?|montée?|grimpée?|augmentée?|portée?|revue?)\s+(?:\w+\s+)?"
                      r"de\s*$", re.I)
# "put the death toll at 37", "raised the toll to 50", "a toll of 12", "the toll rose to 30",
# "the number of dead rose to 25"
_TOLL_AT = re.compile(rf"\b(?:(?:put|puts|putting|placed|places|set|sets|gave|gives|giving|raised|raises|revised|"
                      rf"revises|brought|brings)\s+(?:the|its|their|his|her|a)\s+(?:(?:[a-z]+\s+){{0,2}}?toll|number\s+of\s+"
                      rf"(?:dead|deaths|victims|people\s+killed))\s+(?:at|to)|(?:(?:death\s+)?toll|number\s+of\s+(?:dead|deaths|victims|people\s+killed|"
                      # "the death toll from an attack on a mosque in Fambita has risen to 44"
                      rf"those\s+killed))(?:\s+(?:from|of|in|after)\s+[^.;:]{{1,120}}?,?)?\s+(?:(?:has|had|have)\s+)?"
                      rf"(?:rose|risen|rises|climbed|climbs|jumped|stood|stands|reached|reaches|"
                      rf"is|was)(?:\s+(?:at|to))?|a\s+(?:[a-z]+\s+)?toll\s+of)\s+(?:(?P<q>{_QUALIFIER})\s+)?"
                      rf"(?P<n>{_NUMBER})\b(?!\s+(?:per\s*cent|%|km|kilometres|miles|years|days|hours))", re.I)
# A figure someone else gave, named in passing: "far fewer than the 40 claimed by the
# FLA", "les 40 morts avancés par le FLA": a claim of its own, not a claim of responsibility.
FIGURE_BY = re.compile(rf"\b(?:the|les|des)\s+(?:(?P<q>{_QUALIFIER}|{_QUALIFIER_FR})\s+)?(?P<n>{_NUMBER}|{_NUMBER_FR})"
                       r"\s+(?:(?!by\b|par\b)[a-zà-ÿ]+\s+)?(?:claimed|reported|given|cited|counted|put\s+forward|"
                       r"avancée?s?|annoncée?s?|donnée?s?|revendiquée?s?)\s+(?:by|par)\s+(?:the\s+|le\s+|la\s+|les\s+|l['’])?",
                       re.I)
_KINDS = (("killed", re.compile(r"\b(kill\w*|execut\w*|massacr\w*|dead|death\w*|died|shot|slain|murder\w*|bodies|buried|"
                                r"enterrée?s?|inhumée?s?|"
                                r"lost\s+(?:their\s+)?lives?|perdu\s+la\s+vie|"
                                r"massacre|tu(?:é|ée|és|ées|er|erie)|exécut\w*|morts?|décès|décéd\w*|abattu\w*|"
                                r"assassin\w*|péri)\b", re.I)),
          ("injured", re.compile(r"\b(injur\w*|wound\w*|hurt|blessé|blessée|blessés|blessées|blessures?)\b", re.I)),
          ("missing", re.compile(r"\b(missing|abduct\w*|kidnap\w*|disappear\w*|disparu\w*|enlev\w*|unaccounted\s+for|"
                                 r"(?:have|has|had)\s+not\s+been\s+(?:seen|heard\s+from)|(?:n['’]ont|n['’]a)\s+pas\s+été\s+revue?s?|"
                                 r"sans\s+nouvelles?|"
                                 r"enlèvement\w*|otages?)\b", re.I)))
_CLAIM_VERB = re.compile(r"\b(said|says|say|told|tell|reported|reports|claimed|claims|claim|alleged|alleges|alleging|"
                         r"put|puts|gave|gives|raised|revised|counted|counts|recorded|registered|tallied|"
                         r"allege|accused|accuses|accuse|accusing|confirmed|confirms|stated|states|recounted|"
                         r"asserted|asserting|asserts|blamed|blames|documented|counted|estimated|estimates|"
                         r"according|"
                         # French, with its auxiliary ("a indiqué", not "l'a indiqué" read as "a" = an)
                         r"(?:a|ont|avait|avaient|aurait|auraient)\s+(?:(?:quant\s+à\s+(?:lui|elle|eux|elles)|pour\s+"
                         r"(?:sa|leur)\s+part|de\s+(?:son|leur)\s+côté)\s+|\w+\s+)?(?:déclaré|affirmé|indiqué|annoncé|"
                         r"précisé|rapporté|assuré|fait\s+état|raconté|expliqué|dit|ajouté|estimé|accusé|confirmé|"
                         r"dénoncé|recensé|compté|avancé|évoqué|dénombré|signalé|évalué|chiffré)|déclare|affirme|indique|"
                         r"annonce|précise|rapporte|assure|fait\s+état|raconte|accuse|accusent|confirme|dénonce|"
                         r"recense|évalue|évaluent|estime|estiment|chiffre|chiffrent|avance|avancent|dit|disent|"
                         # the present's plural ("des habitants affirment que …"), and "évoque", "signale"
                         r"déclarent|affirment|indiquent|précisent|rapportent|assurent|font\s+état|racontent|"
                         r"confirment|dénoncent|recensent|évoque|évoquent|signale|signalent|parle\s+de|parlent\s+de|"
                         r"selon|d['’]après)\b", re.I)
# What may stand between a French verb and its speaker: "a affirmé dimanche soir le FLA",
# "a annoncé vendredi dans un communiqué le gouvernement"
_BETWEEN_VERB_AND_SPEAKER = re.compile(rf"\s+(?:(?:{french.WEEKDAY}|hier|"
                                       r"aujourd['’]hui)(?:\s+(?:soir|matin|après-midi|dernier))?\s+)?(?:dans\s+un\s+"
                                       r"communiqué\s+|à\s+l['’]AFP\s+|à\s+la\s+presse\s+)?(?:(?:le|la|les)\s+|l['’])?",
                                       re.I)
# Verbs whose speaker may follow them: "…," said Jane Doe; "…, a indiqué un élu local"
# (not "told": "…, the mayor, told Radio Kayira" names the one told)
_SAID_AFTER = re.compile(r"said|says|(?:a|ont)\s+(?:\w+\s+)?(?:déclaré|affirmé|indiqué|précisé|raconté|"
                         r"expliqué|dit|ajouté|assuré|confirmé|annoncé|rapporté|accusé|dénoncé)|déclare|affirme|"
                         r"indique|précise|raconte|assure|annonce|accuse|accusent|dénonce|dénoncent",
                         re.I)
_NOT_A_CLAIM = re.compile(r"\b(the|an?|its|their|this|these|those|his|her|was|were|been|be|is|are|being|"
                          r"has been|have been)\s*$", re.I)
CLAIM_BY = re.compile(r"\b(?:accusations?|allegations?|claims?|reports?|figures?|toll|count)\s+(?:of\s+(?:\S+\s+){1,3}?)?"
                      r"(?:(?:have|has|had|"
                       r"been|were|was|are|is|being|made|brought|to|light|levell?ed|published|released|issued|put|"
                       r"forward|first|also|given|provided|compiled|established|drawn|up)\s+){0,5}by\s+(?:the\s+)?$|"
                       r"\b(?:accusations?|allégations?|bilan|chiffres?|décompte)\s+(?:(?:de|d['’])\s*(?:\S+\s+){1,3}?)?(?:(?:a|ont|été|est|sont|"
                       r"avancée?s?|portée?s?|établie?s?|publiée?s?|donnée?s?|fournie?s?|dressée?s?|communiquée?s?)"
                       r"\s+){0,4}par\s+(?:le\s+|la\s+|les\s+|l['’])?$", re.I)
_ANAPHOR = re.compile(r"^(?:they|he|she|it|(?:a|the|its) statement|(?:un|le|son) communiqué|the (?:group|organisation|organization|association|movement|rebels|"
                      r"alliance|observatory|ngo|spokesperson|spokesman|official|chief|witness)|il|elle|ils|elles|"
                      r"(?:le|la|l['’])\s*(?:groupe|organisation|association|mouvement|alliance|ong|porte-parole|"
                      r"responsable|chef|témoin))\b", re.I)
_ANAPHOR_SAID = re.compile(r"\b(?:it|he|she|they|the (?:statement|report|communiqu[eé]|group|organisation|"
                           r"organization|association|movement|ministry|rebels|alliance|ngo))\s+(?:said|says|added|"
                           r"reported|stated|told)\b|\b(?:a|ont)-t-(?:il|elle|ils|elles)\s+(?:\w+\s+)?"
                           r"(?:ajouté|précisé|dit|déclaré|indiqué|affirmé|expliqué)\b", re.I)
_APPOSITION = re.compile(r"^,\s*(?:speaking\s+(?:on behalf of|for)|a spokes(?:person|man|woman) for|on behalf of|"
                         r"representing)\s+([^,]+),")
OTHER_INCIDENT = re.compile(r"\b(?:separate|another|earlier|previous|prior|similar|other)\s+(?:\w+\s+)?"
                            r"(?:attack|incident|killing|massacre|raid|operation|assault|strike)s?\b|"
                            r"\b(?:une\s+autre|d['’]autres|une\s+précédente|une\s+première|lors\s+d['’]une?\s+"
                            r"précédente?)\s+(?:\w+\s+)?(?:attaques?|incidents?|tueries?|massacres?|embuscades?|"
                            r"opérations?|frappes?)\b|\b(?:attaques?|tueries?|massacres?|embuscades?|frappes?)\s+"
                            r"(?:similaires?|distincte?s?|précédente?s?|antérieure?s?)\b", re.I)


# A toll told as another day's or another place's: "Deux jours plus tard, … six bergers ont été tués à
# Boni, à 60 km de là", "Two days later, six herders were killed 60 km away" (read only where the
# sentence gives a toll: "two days later, the army denied" is the incident's)
LATER_ELSEWHERE = re.compile(r"\b(?:\w+\s+)?(?:days?|weeks?|months?)\s+(?:later|earlier)\b|"
                             r"\b(?:\w+\s+)?(?:jours?|semaines?|mois)\s+(?:plus\s+(?:tard|tôt)|auparavant)\b|"
                             r"\b\d+\s*(?:km|kilom[eè]tres?|kilometers?|miles)\s+(?:away|de\s+là|plus\s+loin)\b", re.I)
# ... but not the incident's toll told again, risen or revised ("two days later, the toll rose to 40")
TOLL_AGAIN = re.compile(r"\b(?:toll|bilan|rose|risen|revised|climbed|alourdi|passé|grimpé)\b", re.I)


# Sources the article does not name: "a local official", "residents", "a security source".
_SOURCE_NOUN = (r"officials?|sources?|residents?|witness(?:es)?|survivors?|doctors?|nurses?|medics?|mayor|"
                r"chiefs?|elders?|relatives?|villagers|activists?|spokes(?:man|woman|person)|authorities|police|"
                r"rescuers|aid workers|humanitarian workers|health workers|medical workers|rescue workers|"
                r"family members|notables?|leaders?|councill?ors?|members? of the [\w -]{3,40}?council|"
                r"administrators?|prefect|government|junta|army|military")
_SOURCE_MODIFIER = (r"local|security|medical|military|army|humanitarian|village|hospital|municipal|regional|"
                    r"senior|police|health|government|rights|community|traditional|religious|civil|diplomatic|"
                    r"independent|several|other|two|three|four|some|many|unnamed|anonymous|transitional|interim|"
                    r"national|central")
_UNNAMED = re.compile(rf"(?:\b(?:an?|the|one)\s+)?(?:\b(?:{_SOURCE_MODIFIER})\s+){{0,2}}\b(?:{_SOURCE_NOUN})\b", re.I)
# French puts the adjective after the noun: "un élu local", "des sources sécuritaires", "des habitants"
_SOURCE_NOUN_FR = (r"élus?|responsables?|sources?|habitants?|témoins?|survivants?|rescapés?|médecins?|infirmiers?|"
                   r"infirmières?|chefs?|notables?|proches|parents|villageois|militants?|porte-parole|autorités|"
                   r"maires?|préfets?|gouverneurs?|secouristes|humanitaires?|officiels?|leaders?|conseillers?|"
                   r"gouvernement|junte|armée|état-major|ministères?|centres?\s+de\s+santé|hôpital|hôpitaux|"
                   r"dispensaires?")
_SOURCE_ADJECTIVE_FR = (r"locale?s?|locaux|sécuritaires?|médicale?s?|médicaux|militaires?|humanitaires?|"
                        r"administratifs?|administratives?|communale?s?|communaux|municipale?s?|municipaux|"
                        r"hospitaliers?|hospitalières?|onusiens?|onusiennes?|gouvernementale?s?|gouvernementaux|"
                        r"régionale?s?|régionaux|coutumiers?|religieux|anonymes?|concordantes?|sur\s+place|"
                        r"de\s+transition|[a-zàâçéèêëîïôûü]+(?:ien(?:ne)?s?|aise?s?|aine?s?|oise?s?)|burkinab[eéè]e?s?|russes?|"
                        r"de\s+la\s+(?:localité|zone|région|commune)")
_UNNAMED_FR = re.compile(rf"(?<!\w)(?:(?:un|une|des|les|le|la|l['’]|plusieurs|deux|trois|d['’]autres)\s*|"
                         rf"(?<=auprès de )|(?<=auprès du )|(?<=auprès de la )|(?<=auprès de l')|(?<=auprès de l’))"
                         rf"(?:{_SOURCE_NOUN_FR})(?:\s+(?:{_SOURCE_ADJECTIVE_FR})){{0,2}}(?!\w)"
                         # whose: "le maire de Sofara", "le préfet de Bankass" (a place's name, capitalised;
                         # not an acronym, a name of its own: "le porte-parole du FLA" speaks for the FLA)
                         # ("le ministère nigérien de la Défense", "le centre de santé de Téra")
                         r"(?:\s+(?:de\s+la\s+|de\s+l['’]|de|du|d['’])\s*(?-i:[A-ZÀ-Ý][a-zà-ÿ’'-]*[a-zà-ÿ])"
                         r"(?!\s+(?-i:[A-ZÀ-Ý])))?", re.I)


# "according to the FLA", "selon le FLA", "d'après des habitants"
# (a count, figures or a toll of someone's: "selon un décompte du FLA", "according to figures from the UN")
_COUNT_OF = (r"(?:(?:un|le|les|des)\s+(?:décompte|bilan|chiffres?|estimations?|recensement|comptage)s?\s+(?:\w+\s+)?"
             r"(?:du\s+|des\s+|de\s+la\s+|de\s+l['’]|de\s+|d['’])|(?:a|the)\s+(?:count|tally|toll|figures?|estimates?)"
             r"\s+(?:\w+\s+)?(?:by|from|of|compiled\s+by)\s+)?")
_ACCORDING = (rf"\baccording to\s+{_COUNT_OF}(?P<the>the\s+)?|(?<!\w)(?:selon|d['’]après)\s+{_COUNT_OF}"
              r"(?P<le>(?:le|la|les)\s+|l['’])?|"
              # "a-t-on appris jeudi auprès de sources locales": whom the figure was had from
              r"(?<!\w)(?:appris|apprend|obtenu|obtient|recueilli\w*|confirmé)\s+(?:\S+\s+){0,3}?auprès\s+"
              r"(?:du\s+|de\s+(?P<la>la\s+|l['’])|de\s+|d['’])?")


def _according_to(found: list[Mention], m: re.Match[str]) -> Mention | None:
    """The one named right after "according to" / "selon", its article left out
    ("selon le FLA") or in its words ("selon le maire de la commune"); else a
    name of one word or an organisation the text names there ("selon la
    Minusma", "selon l'association Tabital Pulaaku", "selon la mairie de
    Sofara"), which no list of names finds."""
    article = next((m.start(g) for g in ("the", "le", "la") if m.group(g)), -1)
    hit = _mention_at(found, m.end()) or (_mention_at(found, article) if article >= 0 else None)
    if hit or not (named := _NAMED_AFTER.match(m.string, m.end())) or \
            named.group(0).split()[0].lower().strip("’'s") in _NOT_NAMES:  # "according to Monday's statement"
        return hit
    words = named.group(0)
    if named.group("org") and not named.group("of"):   # "l'association Tabital Pulaaku": its name
        words = words[named.end("org") - named.start():]
    elif named.group("org") and article >= 0:            # "la mairie de Sofara": as the text words it
        words = m.string[article:named.end()]
    return Mention(words, named.start(), named.end(), "name", words)


_NOT_NAMES = {*(m.lower() for m in "January February March April May June July August September October November "
                                   "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()),
              *french.MONTHS, *french.WEEKDAYS, "the", "this", "these", "those", "its", "their", "his", "her", "our"}
# What follows "selon (la)": an organisation's noun, "de" a place, or a capitalised name
_NAMED_AFTER = re.compile(r"(?P<org>(?i:association|organisation|ong|mairie|préfecture|gouvernorat|agence|coordination|"
                          r"collectif|plateforme|comité|commission)\s+(?P<of>(?i:de|du|des)\s+|d['’])?)?"
                          r"[A-ZÀ-Ý][\w’'-]*\w(?:\s+[A-ZÀ-Ý][\w’'-]*\w){0,4}")


_COUNTRY_OWNS = re.compile(r"(?<!\w)(?:Mali|Niger|Burkina\s+Faso|Chad|Mauritania|Senegal|Algeria|Guinea|Nigeria|Benin|"
                           r"Togo|Côte\s+d['’]Ivoire|the\s+country)['’]s\s+$")


def unnamed_sources(text: str) -> list[Mention]:
    """Unnamed sources of a sentence, as it words them ("a local official");
    not one told or spoken for ("told a local official", "on behalf of the chief"),
    nor one a deed is by ("killed by the army"), but one a figure is by ("a toll
    of 20 dead given by residents", "un bilan avancé par des habitants")."""
    out = []
    # The longer wording first where the two languages' patterns overlap ("des sources locales", not "sources")
    for m in sorted((*_UNNAMED.finditer(text), *_UNNAMED_FR.finditer(text)), key=lambda m: (m.start() - m.end(),
                                                                                              m.start())):
        if re.search(r"\b(?:of|for|from|with|by|against|among|whom|and|à|par|pour|avec|contre|parmi)\s+$|"
                     r"(?<!according)\s+to\s+$|(?<!auprès)\s+(?:de|du)\s+$", text[:m.start()], re.I) and not (
                CLAIM_BY.search(text[:m.start()])):  # but "a toll … given by residents": theirs
            continue
        if re.search(r"[A-Z][\w’'.-]*\s+[A-Z][\w’'.-]*\w,\s*$", text[:m.start()]):
            continue      # "Jane Doe, a nurse, said": who she is, not another source
        if re.search(r"\w['’]s\s+$", text[:m.start()]) and not _COUNTRY_OWNS.search(text[:m.start()]):
            continue      # "the FLA's spokesman": the FLA speaks (but "Mali's government" is the government)
        if any(o.start < m.end() and m.start() < o.end for o in out):
            continue
        words = m.group(0)
        if m.start() == 0 or re.search(r"[.“\"(]\s*$", text[:m.start()]):
            words = words[:1].lower() + words[1:]
        out.append(Mention(words, m.start(), m.end(), "source", m.group(0)))
    return sorted(out, key=lambda m: m.start)


def _named(text: str, known: Knowledge) -> list[Mention]:
    """Names of a sentence with its unnamed sources, by position; a name wins where they overlap."""
    found = mentions(text, known)
    extra = [u for u in unnamed_sources(text) if all(u.end <= h.start or u.start >= h.end for h in found)]
    return sorted(found + extra, key=lambda m: m.start)


@dataclass(frozen=True)
class TollGuess:
    kind: str                 # killed, injured, missing
    count: Count | None       # None when the text gives no number ("dozens")
    wording: str
    according_to: str         # "" when nobody is named
    how: str                  # how the claimant was found, for the curator
    sentence: int
    other: bool = False       # a different incident mentioned in passing


def find_tolls(sentences: list[Sentence], known: Knowledge) -> list[TollGuess]:
    out = []
    named = [_named(s.text, known) for s in sentences]
    for s in sentences:
        spans: list[tuple[int, int]] = []

        def free(m: re.Match[str]) -> bool:
            """Whether no figure taken already overlaps `m`'s; if none does, `m`'s is taken."""
            if any(a < m.end() and m.start() < b for a, b in spans):
                return False
            spans.append((m.start(), m.end()))
            return True

        for m in (*_RANGE.finditer(s.text), *_RANGE_FR.finditer(s.text)):
            low, high = _number(m.group("a") or m.group("a2")), _number(m.group("b"))
            if _REVISED.search(s.text[:m.start("a2") if m.group("a2") else m.start()]):
                continue  # "the toll rose from 12 to 20", "est passé de 12 à 20": the later figure alone
            kind = _kind(s.text, m)
            if low >= high or not kind or not free(m):
                continue
            who, how = claimant(sentences, named, s.index, m.start())
            out.append(TollGuess(kind, Count(low, high), m.group(0), who, how, s.index))
        for m in (*_TOLL_AT.finditer(s.text), *_TOLL_AT_FR.finditer(s.text), *_NUMBER_OF_FR.finditer(s.text)):
            if not free(m):
                continue
            subject = _subject_before(s.text, named[s.index], m.start())
            who, how = (subject, "the subject of the verb giving the toll") if subject else claimant(
                sentences, named, s.index, m.end())   # the verb ("put") is its subject's
            kind = "injured" if re.search(r"\b(?:injur|wound)\w*\s+toll|bilan\s+des\s+blessés", m.group(0),
                                          re.I) else "killed"
            out.append(TollGuess(kind, _count(m.group("q"), m.group("n")), m.group(0), who, how, s.index))
        for m in FIGURE_BY.finditer(s.text):
            by = next((h for h in named[s.index] if m.end() <= h.start <= m.end() + 1 and h.kind != "source"), None)
            # "the deaths of eight civilians …, far fewer than the 40 claimed by": of what the sentence counts
            kind = _kind(s.text, m) or next((k for k, rx in _KINDS if rx.search(s.text[:m.start()])), "")
            if by is None or not kind or not free(m):
                continue
            out.append(TollGuess(kind, _count(m.group("q"), m.group("n")), s.text[m.start():by.end], by.name,
                                 "a figure it gave, named in passing", s.index))
        # bodies counted (killed); then, in the killing's sentence, "wounded nine", "left five missing"
        more = _AND_MORE.finditer(s.text) if re.search(r"\bkill(?:ed|ing)\b", s.text, re.I) else ()
        for m in _AND_MORE_FR.finditer(s.text):
            if free(m):
                who, how = claimant(sentences, named, s.index, m.start())
                kind = "missing" if m.group("missing") else "injured" if m.group("injured") else "killed"
                out.append(TollGuess(kind, _count(m.group("q"), m.group("n")), m.group(0).lstrip(", ").removeprefix(
                    "et ").strip(), who, how, s.index))
        for m in (*_COUNTED.finditer(s.text), *more):
            if not free(m):
                continue
            who, how = claimant(sentences, named, s.index, m.start())
            n, q = (m.group("n"), m.group("q")) if m.group("n") else (m.group("n2"), m.group("q2"))
            if m.re is _COUNTED:
                out.append(TollGuess("killed", _count(q, n), m.group(0), who, how, s.index))
            else:
                out.append(TollGuess("injured" if m.group("injured") else "missing", _count(q, n),
                                     m.group(0).lstrip(", ").removeprefix("and ").strip(), who, how, s.index))
        for m in (*_TOLL.finditer(s.text), *_TOLL_FR.finditer(s.text)):
            if _not_a_figure(m) or not free(m):
                continue
            kind = _kind(s.text, m)
            if not kind:
                continue
            who, how = claimant(sentences, named, s.index, m.start())
            count = _count(m.group("q"), m.group("n")) if m.group("n") else _rounded(m.group("v"))
            out.append(TollGuess(kind, count, m.group(0), who, how, s.index))
    return sorted(out, key=lambda t: (t.sentence, s_index(sentences[t.sentence].text, t.wording)))


_PART_OF = re.compile(r"(?:among\s+them|including|of\s+whom|of\s+them|dont|parmi\s+(?:eux|elles|lesquels|lesquelles)|"
                      r"notamment|among\s+the\s+(?:dead|victims|killed|wounded)\s+(?:were|are)|parmi\s+les\s+(?:morts|"
                      r"victimes|tués|blessés)(?:\s+(?:figurent|se\s+trouvent|on\s+compte))?)\s+(?:at\s+least\s+|au\s+moins\s+)?$",
                      re.I)
# A figure broken down by place ("21 bodies were found in X and 16 in Y"), or one more than a toll given
# ("we found 23 more bodies", "encore retrouvé 23 corps", "23 corps supplémentaires")
_BREAKDOWN = re.compile(rf"[^.;:]{{0,60}}?\s(?:et|and)\s+(?:{_NUMBER}|{_NUMBER_FR})\s+(?:à|au|aux|dans|in|at|near|près)\s",
                        re.I)  # (a number after "and": "wounded nine and left at least five missing" is no breakdown)
_MORE = re.compile(r"(?:\b(?:encore|de\s+nouveau)\s+(?:retrouvé|découvert|exhumé|enterré|ramassé|compté)|"
                   r"\ba\s+further|\badditional)\s+$", re.I)
_MORE_AFTER = re.compile(r"\s+(?:supplémentaires?|de\s+plus)\b", re.I)
# Sources, not a toll: "two residents told AFP", "three witnesses said", "deux habitants joints par téléphone"
_SPEAK = re.compile(r"\s+(?:who\s+(?:spoke|asked|requested)|told|(?:said|say|says)(?!\s+to\s+(?:be|have)\b)|interviewed|"
                    r"contacted|reached|"
                    r"joints?|interrogée?s?|contactée?s?|ont\s+(?:raconté|témoigné|déclaré|dit|affirmé|indiqué)|"
                    r"racontent|témoignent)\b", re.I)
_FLED = re.compile(r"\s+(?:had\s+|have\s+)?(?:fled|been\s+displaced|were\s+displaced|are\s+displaced)\b|"
                   r"\s+(?:ont|avaient)\s+(?:fui|été\s+déplacé)", re.I)


def _not_a_figure(m: re.Match[str]) -> bool:
    """"UN civil affairs" (the United Nations), "the 2012 civil war": no figure of people; nor a part of the
    figure before ("37 people had been killed, among them 11 children"), nor the displaced ("2,000 people had
    fled")."""
    n, who = m.group("n") or "", m.group("who") or ""
    if n and n == "UN":
        return True
    if _PART_OF.search(m.string[:m.start()]) or _FLED.match(m.string, m.end()) or _SPEAK.match(m.string, m.end()):
        return True
    if _BREAKDOWN.match(m.string, m.end()) or _MORE.search(m.string[max(0, m.start() - 40):m.start()]) or (
            _MORE_AFTER.match(m.string, m.end()) or re.search(r"\s(?:more|supplémentaires?)\s", m.group(0))):
        return True  # "21 corps … à Djiguibombo et 16 à Sangha": a part; "encore retrouvé 23 corps": more
    if who.lower() in ("wounded", "injured") and not re.fullmatch(
            r"\s*(?:of\s+)?", m.string[m.end("n") if n else m.end("v"):m.start("who")]):
        return True  # "12 wounded", "dozens of wounded"; not "killed 3 and wounded", "some of the wounded"
    singular = who.lower() in ("civil", "personne", "mort", "tué", "blessé")
    return bool(n) and singular and _number(n) != 1


def s_index(text: str, wording: str) -> int:
    return text.find(wording)


def accuser(sentences: list[Sentence], known: Knowledge) -> str:
    """Whoever the article says makes the accusation, named anywhere: for a
    figure the text gives without saying whose it is."""
    named = [_named(s.text, known) for s in sentences]
    for s in sentences:
        if not re.search(r"\b(accus\w*|alleg\w*|claim\w*|blam\w*|kill\w*|execut\w*|stopp\w*|attack\w*)\b",
                         s.text, re.I):
            continue
        for rx in (_ACCORDING, ):
            for m in re.finditer(rx, s.text, re.I):
                hit = _according_to(named[s.index], m)
                if hit:
                    return hit.name
        for hit in named[s.index]:
            if CLAIM_BY.search(s.text[:hit.start]):
                return hit.name
        who = _subject_of_claim_verb(s.text, named[s.index], len(s.text))
        if who:
            return who
    return ""


# Where one clause of a sentence ends and another begins, each with its own claimant
_CLAUSE_BREAK = re.compile(r";|,?\s+(?:while|whereas|but|although|though|tandis\s+que|alors\s+que|mais)\s", re.I)


def _subject_before(text: str, found: list[Mention], at: int) -> str:
    """The name just before the verb at `at` ("Tabital Pulaaku put the toll at
    160", "X a évalué le bilan à …"), a word or two between at most: the verb's subject."""
    before = [h for h in found if h.end <= at and h.kind != "source"
              and re.fullmatch(r"(?:\s+[a-zà-ÿ]+){0,2}\s+", text[h.end:at])]
    return before[-1].name if before else ""


def claimant(sentences: list[Sentence], named: list[list[Mention]], index: int, at: int) -> tuple[str, str]:
    """Who gives the figure at position `at` of sentence `index`, and how that was read."""
    s = sentences[index]
    found = named[index]
    for m in re.finditer(_ACCORDING, s.text, re.I):
        if _CLAUSE_BREAK.search(s.text, min(m.end(), at), max(m.start(), at)):
            continue  # "37 dead according to the government, while X put the toll at 160": not X's
        hit = _according_to(found, m)
        if hit:
            return hit.name, f"\"{m.group(0).strip()}\" in the same sentence"
        # "according to a local rights group, the Association …, at least 19": the name in apposition
        named_after = [h for h in found if m.end() < h.start < at and h.kind != "source"
                       and re.fullmatch(r"[^.;:]*,\s*(?:the\s+)?", s.text[m.end():h.start])]
        if named_after:
            return named_after[0].name, "\"according to\" in the same sentence, by its name in apposition"
    for hit in found:
        if CLAIM_BY.search(s.text[:hit.start]):
            return hit.name, "\"… by\" in the same sentence"
    who = _subject_of_claim_verb(s.text, found, at)
    if who:
        return who, "the one speaking in the same sentence"
    if speaker := _speaker_after_quote(sentences, named, index, at):
        return speaker, "the one speaking after the quote it is in"
    nxt = index + 1
    if nxt < len(sentences) and sentences[nxt].paragraph == s.paragraph:
        for hit in named[nxt]:
            if CLAIM_BY.search(sentences[nxt].text[:hit.start]):
                return hit.name, "\"… by\" in the next sentence"
    pronoun = _ANAPHOR.match(s.text) or _ANAPHOR_SAID.search(s.text)
    if pronoun and index > 0:
        prev = sentences[index - 1].text
        speaker = _subject_of_claim_verb(prev, named[index - 1], len(prev))
        before = [h.name for h in named[index - 1] if not _after_to(prev, h) and h.kind != "acronym"]
        if speaker or before:
            return speaker or before[0], f"\"{pronoun.group(0)}\" in the previous sentence's subject"
    return "", ""


_OPENS, _CLOSES = "«“", "»”"


def _quote_left_open(text: str) -> bool:
    """Whether `text` ends inside a quotation: « or “ opened and not closed, or an odd number of "."""
    return (sum(text.count(c) for c in _OPENS) > sum(text.count(c) for c in _CLOSES)) or text.count('"') % 2 == 1


def _speaker_after_quote(sentences: list[Sentence], named: list[list[Mention]], index: int, at: int) -> str:
    """The speaker named after a quotation of several sentences, the figure in one
    before the last: "« Nous avons compté quarante-trois corps. Certains … », affirme
    Hamadoun Barry", "“We counted 43 bodies. Some …,” said Jane Doe". "" otherwise."""
    s = sentences[index]
    if not _quote_left_open(s.text[:at]) or not _quote_left_open(s.text):
        return ""  # not in a quotation, or one this sentence closes (its speaker is read with it)
    for later in sentences[index + 1:index + 4]:
        if later.paragraph != s.paragraph:
            return ""
        closed = [i for i, c in enumerate(later.text) if c in _CLOSES or c == '"']
        if closed:
            shift = closed[0]
            after = later.text[shift:]  # from the closing mark: "”, said" and ",” said" alike
            found = [replace(h, start=h.start - shift, end=h.end - shift) for h in named[later.index]
                     if h.start >= shift]
            verb = _CLAIM_VERB.match(after, re.match(r"[\s,”»\"]*", after).end())
            return _inverted(after, found, verb) if verb else ""
    return ""


def _subject_of_claim_verb(text: str, found: list[Mention], at: int) -> str:
    """The name just before the claim verb nearest before `at` (or, failing
    that, just after it: "24 civilians, the FLA said")."""
    verbs = [v for v in _CLAIM_VERB.finditer(text) if not _NOT_A_CLAIM.search(text[:v.start()])]
    before = [v for v in verbs if v.start() < at]
    for verb in reversed(before):
        if verb.group(0).lower() == "according":
            continue
        if speaker := _inverted(text, found, verb):  # "…, accuse Human Rights Watch": not the accused before it
            return speaker
        aside = _aside_before(text, verb.start())
        names = [h for h in found if h.end <= verb.start() and not _after_to(text, h) and not _a_place(text, h)]
        # not a name in an aside after the subject's; but the aside's where it names an unnamed subject
        # ("Une organisation locale, l'Association … (ADHM), évalue")
        names = [h for h in names if not (aside and h.start > aside)] or names
        if names:
            if (len(names) > 1 and names[-1].kind == "acronym"
                    and re.fullmatch(r"\s*\(", text[names[-2].end:names[-1].start])):
                return _with_apposition(text, names[-2])  # "The Movement for … (MSA), …, said": the full name
            return _with_apposition(text, names[-1])
    after = [v for v in verbs if v.start() >= at]
    for verb in after:
        if speaker := _inverted(text, found, verb):  # "…, du groupe Wagner, a affirmé le FLA": the FLA's
            return speaker
        names = [h for h in found if at <= h.start and h.end <= verb.start() and verb.start() - h.end <= 3]
        if names:
            return names[-1].name
    return ""


def _inverted(text: str, found: list[Mention], verb: re.Match[str]) -> str:
    """The speaker after a verb that follows a comma or a quote: "…," said Jane
    Doe; in French with the day between, "…, a affirmé dimanche soir le Front de
    libération de l'Azawad", "…, accuse Human Rights Watch"; a spokesman for
    whom he speaks ("le porte-parole du FLA"). "" where the sentence is not so."""
    if not (re.search(r"[,”\"»]\s*[”\"]?\s*$", text[:verb.start()]) and _SAID_AFTER.fullmatch(verb.group(0))):
        return ""
    names = [h for h in found if 0 <= h.start - verb.end() <= 2 or (
        h.start > verb.end() and _BETWEEN_VERB_AND_SPEAKER.fullmatch(text[verb.end():h.start]))]
    if not names:
        return ""
    speaker = names[0]
    of = _SPOKESMAN_OF.match(text, speaker.end) if _SPEAKS_FOR.fullmatch(speaker.text) else None
    if of:
        if of.group("authority"):  # "le porte-parole du gouvernement": the government's
            return f"le {of.group('authority')}" if _ENDS_CLAUSE.match(text, of.end()) else ""
        whom = next((h for h in found if h.start == of.end()), None)
        if whom is not None:
            return whom.name if _ENDS_CLAUSE.match(text, whom.end) else ""
    # "…, said Jane Doe." is inverted; "Kal Akal, a rights group, said Wagner fighters killed …" is not
    return _with_apposition(text, speaker) if _ENDS_CLAUSE.match(text, speaker.end) else ""


# What follows a speaker named after the verb: the clause ends there ("…, said Jane Doe, a nurse."), or
# says when or where ("…, a affirmé dimanche le FLA dans un communiqué"); not a verb of its own.
# or how he spoke ("…, a déclaré à l'AFP un élu local sous couvert d'anonymat", "…, said an official speaking on …")
_ENDS_CLAUSE = re.compile(rf"\s*(?:$|[.,;:!?»”\"()\[]|(?:in|on|at|to|during|dans|lors|à|au|aux|sur|par|après|"
                          rf"avant|sous|joints?|jointes?|contactée?s?|interrogée?s?|speaking|requesting|asking|"
                          rf"{french.WEEKDAY})\b)", re.I)


def _a_place(text: str, hit: Mention) -> bool:
    """A name that is where it happened, not who speaks: "in Mali's Mopti region"."""
    return bool(re.match(r"\s+(?:region|village|town|district|province|area|commune|city|circle|cercle|région)\b",
                         text[hit.end:], re.I)) or bool(re.search(r"\b(?:in|near|à|près\s+de)\s+$",
                                                                  text[:hit.start], re.I))


# "le porte-parole du FLA", "un responsable de l'armée malienne": who speaks, for whom
_SPEAKS_FOR = re.compile(r"(?:un|une|le|la|l['’])\s*(?:porte-parole|responsable|représentant|chef)", re.I)
_SPOKESMAN_OF = re.compile(r"\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*(?:(?P<authority>gouvernement|junte|armée|"
                           r"état-major)(?:\s+(?!\w+\s)[\wéè]+)?(?!\w))?", re.I)


_ASIDE = re.compile(r"\s*(?:which|who|whose|that|where|citing|quoting|speaking|in\s+a|dans|qui|que|dont|où|lors|"
                    r"an?|the|un|une|le|la|les|l['’])\b", re.I)


def _aside_before(text: str, verb: int) -> int:
    """Where an aside between commas that ends just before the verb begins ("Human Rights Watch, which
    interviewed survivors, said", "Le gouvernement, dans un communiqué lu sur les antennes de l'ORTM, a fait
    état"): the names in it are not the verb's subject. 0 where there is none."""
    before = text[:verb].rstrip()
    if not before.endswith(","):
        return 0
    opening = before.rfind(",", 0, len(before) - 1)
    if opening <= 0 or not _ASIDE.match(before, opening + 1):
        return 0
    return opening


def _with_apposition(text: str, hit: Mention) -> str:
    """"Hamadine Driss Ag Mohamed, speaking on behalf of Abeibara's village
    chief, …" → "Hamadine Driss Ag Mohamed, for Abeibara's village chief"."""
    m = _APPOSITION.match(text[hit.end:])
    if hit.kind != "actor" and m:
        return f"{hit.name}, for {m.group(1).strip()}"
    return hit.name


def _after_to(text: str, hit: Mention) -> bool:
    """A name that is told, not telling: "recounted details to The Associated Press"; in French,
    who reached the one who tells ("un humanitaire joint par l'AFP parle de …")."""
    return bool(re.search(r"\b(to|by|against|from|with)\s+(?:the\s+)?$|(?<!\w)(?:par|à|auprès\s+de)\s+"
                          r"(?:le\s+|la\s+|les\s+|l['’])?$", text[:hit.start], re.I))


def _mention_at(found: list[Mention], pos: int) -> Mention | None:
    return next((h for h in found if h.start == pos), None)


def _kind(text: str, m: re.Match[str]) -> str:
    """The count's kind by the nearest telling word in its sentence, else ""."""
    if (m.groupdict().get("who") or "").lower() == "corps":
        return "killed"  # "quinze corps", as "fifteen bodies" (not a telling word alone: "Africa Corps")
    # what a relative clause says of them: "quatorze personnes » dont les familles sont sans nouvelles",
    # "14 people who are still missing"
    clause = re.match(r"[\s»”\"]*,?\s*(?:dont|qui|whose|who|that)\b([^,.;:]*)", text[m.end():], re.I)
    if clause:
        for kind, rx in _KINDS:
            if rx.search(clause.group(1)):
                return kind
    best: tuple[int, str] | None = None
    for kind, rx in _KINDS:
        for w in rx.finditer(text):
            distance = m.start() - w.end() if w.end() <= m.start() else max(0, w.start() - m.end())
            between = text[w.end():m.start()] if w.end() <= m.start() else ""
            if re.search(r"\band\b|[,;]", between):
                distance += 50   # "killed and 8 others were wounded": the word after the figure is its own
            if distance <= 120 and (best is None or distance < best[0]):
                best = (distance, kind)
    return best[1] if best else ""


_UPPER_ONLY = ("up to", "as many as", "at most", "fewer than", "less than", "jusqu'à", "au plus", "moins de")
_ABOUT = ("nearly", "almost", "about", "around", "some", "approximately", "roughly", "an estimated", "près de",
          "environ", "quelque", "autour de", "presque", "quasiment")
_ABOVE = ("more than", "over", "plus de", "un peu plus de")  # "at least" in the format, said otherwise
_AT_LEAST = ("at least", "no fewer than", "no less than", "au moins", "pas moins de", *_ABOVE)
_LEADING_QUALIFIER = re.compile(rf"^(?:{_QUALIFIER}|{_QUALIFIER_FR})(?=\s)", re.I)


# A round figure French says as a noun, "une trentaine de morts": about 30, which
# the format writes 30, its words kept in the claim's wording (as check advises).
_ROUNDED = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
            "cinquantaine": 50, "soixantaine": 60, "centaine": 100}
# ("la vingtaine" follows a verb of size, "pourrait dépasser la vingtaine de morts": no figure)
_ROUNDED_RX = re.compile(rf"^une\s+({'|'.join(_ROUNDED)})(?!\w)", re.I)


def _rounded(vague: str | None) -> Count | None:
    """"une trentaine" → 30; None for a figure with no number ("des dizaines", "dozens")."""
    found = _ROUNDED_RX.match(" ".join((vague or "").split()))
    return Count(_ROUNDED[found.group(1).lower()], _ROUNDED[found.group(1).lower()]) if found else None


def figure_note(wording: str, count: Count) -> str | None:
    """What a curator is told of a figure the article words as a bound or an
    approximation, which the format writes otherwise: "up to 40" has no low
    end (written 0–40, where 0 alone would be a denial), "nearly 50" is written
    50, "more than 20" is written "at least 20". None for a figure as given."""
    rounded = _ROUNDED_RX.match(" ".join(wording.split()))
    if rounded:
        return f'"{rounded.group(0)}" is an approximation: written {count.min}; a range if the article gives one'
    found = _LEADING_QUALIFIER.match(wording.strip())
    if not found:
        return None
    said = " ".join(found.group(0).lower().replace("’", "'").split())
    words = " ".join(wording.split()[:len(said.split()) + 1])
    if said in _UPPER_ONLY and count.max is not None:
        return (f'"{words}" gives no low end: written {count.min}–{count.max}; write the lowest figure the article '
                f"gives, or {count.max} if that is the claimant's figure")
    if said in _ABOUT:
        return f'"{words}" is an approximation: written {count.min}; a range if the article gives one'
    if said in _ABOVE and count.max is None:
        return f'"{words}": written "at least {count.min}"'
    return None


def _count(qualifier: str | None, number: str) -> Count:
    n = _number(number)
    q = (qualifier or "").lower()
    q = " ".join(q.replace("’", "'").split())
    if q in _AT_LEAST:
        return Count(n, None)
    if q in _UPPER_ONLY:
        return Count(0, n)
    return Count(n, n)


def _number(text: str) -> int:
    text = re.sub(r"[,.\s\u00a0\u202f]", "", text.lower()) if re.fullmatch(r"[\d,.\s\u00a0\u202f]+", text) \
        else text.lower()
    if text.isdigit():
        return int(text)
    if (value := french.number(text)) is not None and not re.fullmatch(r"(?:a|one)\s+hundred", text):
        return value
    if text.endswith("hundred"):
        head = text.split()[0]
        return 100 * (1 if head == "a" else _WORDS[head])
    return _WORDS[text]
