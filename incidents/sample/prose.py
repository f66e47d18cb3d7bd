"""Bodies of plausible Markdown: paragraphs of English-like sentences about
the incident, headings, a list, a quotation, emphasis and links. A long tail
of rare made-up words makes the vocabulary grow with the corpus as real
text's does, so that search indexes grow as they would."""

from __future__ import annotations

import random
from dataclasses import dataclass

SYLLABLES = ("ba bou da di dou fa ga gou ha ka ki kou la lo ma mé mo na ne ni ou ra sa sé si so ta ti to "
             "tou wa ya za zou ag al an in ar tin kel dia kan gan ber mak sar sen ham dal bé tè lè ké gué "
             "sè dio fo ho ko").split()
NOUNS = ("village market road convoy patrol soldier fighter resident family child woman man elder chief "
         "herder farmer trader driver witness survivor grave house well field cattle motorbike truck "
         "checkpoint camp base mosque school clinic hospital river bridge track morning evening night dawn "
         "week season harvest drought silence rumour message call statement inquiry ministry governor mayor "
         "official spokesperson commander unit militia group coalition border district commune hamlet crowd "
         "drone funeral burial list figure toll account version interview investigation journalist researcher "
         "mission observer court prosecutor lawyer evidence photograph video satellite vehicle weapon explosion "
         "fire smoke roof door street square water grain refugee shelter aid network junction herd pasture "
         "granary").split()
VERBS = ("arrived left surrounded entered searched burned looted detained questioned released buried counted "
         "reported confirmed denied described recalled explained noted insisted estimated recorded documented "
         "visited reached crossed blocked fled returned gathered waited heard saw found identified named "
         "listed published announced promised ordered suspended accused blamed condemned demanded urged "
         "warned feared carried separated destroyed abandoned occupied patrolled evacuated interviewed "
         "reviewed verified compared collected received").split()
ADJECTIVES = ("armed local regional military civilian young elderly small large nearby remote northern "
              "southern eastern western rural dusty crowded empty burned abandoned wounded missing "
              "frightened silent official independent preliminary conflicting credible detailed recent "
              "heavy unidentified masked uniformed motorised fresh shallow").split()
ADVERBS = "later quickly again suddenly quietly repeatedly reportedly apparently immediately eventually".split()
PREPOSITIONS = "in near outside behind along across towards from beside around after before during".split()
DETERMINERS = ["the", "the", "the", "a", "one", "another", "each", "their", "that"]
JOINS = ["and", "but", "while", "because", "although", "as", "after", "before", "when"]
HEADINGS = ["Background", "What witnesses said", "The response", "Casualty figures", "Context",
            "Timeline of the attack", "Reactions", "The investigation", "Displacement", "Testimonies",
            "Official statements", "Methodology", "Accountability", "What happens next"]
OCCUPATIONS = ["resident", "trader", "teacher", "herder", "nurse", "survivor", "farmer", "imam"]
VICTIMS = ["people", "civilians", "men", "villagers", "traders", "herders"]
FATES = ["killed", "wounded", "taken away", "reported missing"]
LINK_HOSTS = ["sahel-dispatch", "west-africa-monitor", "field-notes-africa", "civil-witness", "open-ledger"]


@dataclass(frozen=True)
class Scene:
    """What a body is about: names it may mention."""

    place: str
    when: str  # "17 February 2025"
    actors: tuple[str, ...]
    people: tuple[str, ...]
    claimants: tuple[str, ...]


class Prose:
    def __init__(self, rng: random.Random):
        self.rng = rng
        draw = rng.random
        self.pick = lambda seq: seq[int(draw() * len(seq))]  # several times rng.choice's speed

    def rare(self) -> str:
        """A word from an unbounded lexicon, Zipf-like: a few recur, most are seen once."""
        k = int(300 * self.rng.paretovariate(0.55)) % 10**9
        out = []
        while True:
            k, d = divmod(k, len(SYLLABLES))
            out.append(SYLLABLES[d])
            if not k:
                return "".join(out)

    def noun_phrase(self, scene: Scene | None = None) -> str:
        draw, pick = self.rng.random, self.pick
        words = [pick(DETERMINERS)]
        if draw() < 0.4:
            words.append(self.rare() if draw() < 0.1 else pick(ADJECTIVES))
        words.append(self.rare() if draw() < 0.15 else pick(NOUNS))
        if scene and draw() < 0.2:
            words.append("of " + scene.place)
        return " ".join(words)

    def clause(self, scene: Scene) -> str:
        draw, pick = self.rng.random, self.pick
        x = draw()
        subject = pick(scene.actors) if x < 0.15 else pick(scene.people) if x < 0.25 else self.noun_phrase()
        words = [subject] + ([pick(ADVERBS)] if draw() < 0.15 else []) + [pick(VERBS), self.noun_phrase(scene)]
        if draw() < 0.6:
            words += [pick(PREPOSITIONS), scene.place if draw() < 0.2 else self.noun_phrase()]
        return " ".join(words)

    def sentence(self, scene: Scene) -> str:
        draw, pick = self.rng.random, self.pick
        x = draw()
        if x < 0.08:
            text = (f"at least {self.rng.randint(2, 60)} {pick(VICTIMS)} were {pick(FATES)} "
                    f"{pick(PREPOSITIONS)} {scene.place}, according to {pick(scene.claimants)}")
        elif x < 0.14:
            said = self.clause(scene)
            text = (f"“{said[0].upper()}{said[1:]},” said {pick(scene.people)}, "
                    f"a {pick(OCCUPATIONS)} of {scene.place}")
        elif x < 0.18:
            text = f"on {scene.when}, {self.clause(scene)}"
        else:
            text = self.clause(scene)
            if draw() < 0.35:
                text += f" {pick(JOINS)} {self.clause(scene)}"
        if draw() < 0.1:
            text = self.emphasise(text)
        return text[0].upper() + text[1:] + "."

    def emphasise(self, text: str) -> str:
        words = text.split(" ")
        i = self.rng.randrange(1, len(words)) if len(words) > 3 else 0
        if i and words[i].isalpha():
            mark = self.pick(["*", "**", "_"])
            words[i] = f"{mark}{words[i]}{mark}"
        return " ".join(words)

    def link(self) -> str:
        text = self.noun_phrase().split(" ", 1)[1]
        return f"[{text}](https://{self.pick(LINK_HOSTS)}.example.org/{self.rng.randint(2012, 2025)}/{self.rare()})"

    def paragraph(self, scene: Scene) -> str:
        sentences = [self.sentence(scene) for _ in range(self.rng.randint(2, 7))]
        if self.rng.random() < 0.25:
            sentences.insert(self.rng.randrange(len(sentences) + 1), f"See {self.link()}.")
        return " ".join(sentences)

    def bullets(self, scene: Scene) -> str:
        numbered = self.rng.random() < 0.4
        items = [self.clause(scene) for _ in range(self.rng.randint(3, 6))]
        return "\n".join(f"{i}. {x}" if numbered else f"- {x}" for i, x in enumerate(items, 1))

    def quotation(self, scene: Scene) -> str:
        return "> " + " ".join(self.sentence(scene) for _ in range(self.rng.randint(1, 3)))

    def body(self, scene: Scene, words: int) -> str:
        """About `words` words of Markdown."""
        draw = self.rng.random
        headings = draw() < 0.6
        blocks: list[str] = []
        extras = [self.bullets, self.quotation]  # each at most once
        count = 0
        while count < words:
            if headings and blocks and draw() < 0.18:
                title = self.pick(HEADINGS) if draw() < 0.7 else self.noun_phrase().capitalize()
                blocks.append(("### " if draw() < 0.2 else "## ") + title)
            make = extras.pop(int(draw() * len(extras))) if extras and draw() < 0.12 else self.paragraph
            blocks.append(make(scene))
            count += blocks[-1].count(" ") + 1
        return "\n\n".join(blocks) + "\n"
