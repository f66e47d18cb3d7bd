"""Cleaning raw article text: repaired characters, no repeats, no site furniture, no article lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from incidents.importer.clean import DEK, HEADING, clean, furniture, repair, split_paragraphs

ROOT = Path(__file__).resolve().parents[1]
from incidents.shared import SEEDS  # noqa: E402

# seed file prefix → the curated report made from it by hand (its main incident)
CURATED = {
    "000": "gao-road-killings-mali-launches-inquiry",
    "001": "gao-road-killings-army-investigation",
    "002": "gao-road-killings-rising-tensions-analysis",
    "003": "gao-road-killings-inquiry-humangle",
    "004": "abeibara-killings-associated-press",
}
TITLES = {
    "000": "Mali Launches Inquiry into Allegations of Civilian Executions by Soldiers",
    "001": "Mali Army Launches Investigation into Civilian Killings",
    "002": "Rising Tensions in Mali: Unpacking Allegations of Human Rights Violations",
    "003": "Mali Junta Probes Alleged Killing of Civilians by Soldiers",
    "004": "Mali Army and Russian Mercenaries Accused of Killing Dozens of Civilians in Kidal Region",
}


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed articles are not at {SEEDS}: set INCIDENTS_SHARED to the shared folder")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def curated_paragraphs(slug: str) -> list[str]:
    """The curated report's body, paragraph by paragraph, Markdown marks removed."""
    text = (ROOT / "content" / "reports" / f"{slug}.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    out = []
    for block in body.split("\n\n"):
        block = block.strip()
        block = re.sub(r"^## ", "", block)
        if block.startswith("*") and block.endswith("*"):
            block = block[1:-1]
        if block:
            out.append(block)
    return out


@pytest.mark.parametrize("prefix", sorted(TITLES))
def test_finds_the_title(prefix):
    assert clean(seed(prefix)).title == TITLES[prefix]


@pytest.mark.parametrize("prefix", sorted(CURATED))
def test_keeps_every_paragraph_of_the_article(prefix):
    kept = [p.text for p in clean(seed(prefix)).paragraphs]
    for paragraph in curated_paragraphs(CURATED[prefix]):
        assert paragraph in kept


@pytest.mark.parametrize("prefix", sorted(CURATED))
def test_loses_no_line_silently(prefix):
    """Every line of the raw text is kept, is the title, or is listed as cut."""
    cleaned = clean(seed(prefix))
    accounted = {cleaned.title} | {p.text for p in cleaned.paragraphs} | {c.text for c in cleaned.cut}
    lines, _ = repair(seed(prefix))
    for line in lines:
        if line.strip():
            assert " ".join(line.split()) in accounted


@pytest.mark.parametrize("prefix", sorted(CURATED))
def test_keeps_nothing_twice_and_no_title_in_body(prefix):
    cleaned = clean(seed(prefix))
    texts = [p.text for p in cleaned.paragraphs]
    assert len(texts) == len(set(texts))
    assert cleaned.title not in texts


@pytest.mark.parametrize("prefix", sorted(CURATED))
def test_cuts_only_what_the_curated_report_left_out(prefix):
    article = set(curated_paragraphs(CURATED[prefix]))
    for cut in clean(seed(prefix)).cut:
        if cut.reason not in ("repeated paragraph", "repeated title"):
            assert cut.text not in article


def test_cuts_repeated_title_and_paragraphs():
    cut = clean(seed("000")).cut
    assert [c.reason for c in cut] == ["repeated title"] + ["repeated paragraph"] * 4
    assert cut[1].text.startswith("Army Chief Gen Oumar Diarra denied")


def test_cuts_a_repeated_dek():
    cut = clean(seed("003")).cut
    assert cut[0] == type(cut[0])("repeated paragraph", "The probe, a rare move under Mali’s military-led "
                                  "government, has been met with scepticism from analysts and human rights "
                                  "groups, who question whether the authorities will hold anyone accountable.")


def test_cuts_a_donation_appeal_to_the_end():
    cut = clean(seed("003")).cut
    appeal = [c for c in cut if c.reason == "donation appeal"]
    assert [c.text for c in appeal][0] == "Support Our Journalism"
    assert appeal[-1].text == "Donate Here"
    assert any(c.text.startswith("There are millions of ordinary people") for c in appeal)
    assert len(appeal) == 5


def test_cuts_byline_related_articles_comment_form_and_newsletter():
    cut = clean(seed("004")).cut
    by_reason: dict[str, list[str]] = {}
    for c in cut:
        by_reason.setdefault(c.reason, []).append(c.text)
    assert by_reason["byline"] == ["AP", "administrator"]
    assert by_reason["comment form"] == ["Leave a Reply", "Your email address will not be published. "
                                         "Required fields are marked *"]
    assert "Related Articles" in by_reason["related articles"]
    assert any(t.startswith("Lawrence Taylor, the Hall-of-Fame") for t in by_reason["related articles"])
    assert by_reason["newsletter box"] == ["Newsletter", "Subscribe to our mailing list to get the new updates!",
                                           "Subscribe to our newsletter to stay updated", "Stay Connected",
                                           "DON'T MISS ANY OF OUR UPDATE"]
    assert by_reason["stray button"] == ["X"]
    assert clean(seed("004")).paragraphs[-1].text.startswith("As the situation unfolds")


def test_does_not_cut_article_sentences_that_look_like_furniture():
    """Seed 002 ends with "Support for civilian-led efforts…" inside a long paragraph."""
    cleaned = clean(seed("002"))
    assert cleaned.cut == ()
    assert "Support for civilian-led efforts" in cleaned.paragraphs[-1].text


def test_repairs_broken_characters():
    cleaned = clean(seed("004"))
    assert "Col. Maj. Souleymane Dembélé, stated" in cleaned.text()
    assert "Ă" not in cleaned.text()
    assert ("DembĂ©lĂ©,", "Dembélé,") in cleaned.repairs


def test_repair_keeps_good_typography_on_a_broken_line():
    lines, repairs = repair("Mali’s “Gao–Algeria” road, CafÃ© DembĂ©lĂ©")
    assert lines == ["Mali’s “Gao–Algeria” road, Café Dembélé"]
    assert len(repairs) == 2


def test_subheadings_and_deks():
    kinds = {p.text: p.kind for p in clean(seed("001")).paragraphs}
    assert kinds["Tuareg Group Accuses Army of Mass Executions"] == HEADING
    assert kinds["What Lies Ahead for Mali’s Army?"] == HEADING
    first = clean(seed("000")).paragraphs
    assert [p.kind for p in first[:3]] == [DEK, DEK, "text"]
    assert clean(seed("003")).paragraphs[1].kind == "text"


@pytest.mark.parametrize("text, reason", [
    ("Share this:", "share buttons"),
    ("Facebook Twitter WhatsApp", "share buttons"),
    ("Leave a comment", "comment form"),
    ("Sign up for our newsletter", "newsletter box"),
    ("Support independent journalism today", "donation appeal"),
    ("Read more: Mali army accused of killings", "related articles"),
    ("You may also like", "related articles"),
    ("Advertisement", "advertisement"),
    ("The army said it would share its findings with the press.", ""),
    ("Subscribers to the local radio said the village had been emptied by the attack, "
     "and that the soldiers left before dawn after burning the market and the granaries.", ""),
])
def test_furniture_patterns(text, reason):
    assert furniture(text) == reason


def test_mid_article_furniture_is_cut_alone():
    raw = ("A Headline About Something\n\nFirst paragraph of the article, which is long enough to count.\n\n"
           "Advertisement\n\nRelated\n\nSecond paragraph of the article, also long enough to count, goes on.\n\n"
           "Third paragraph, the article continues with more words and more detail here.\n\n"
           "Fourth paragraph: the end of the article is here, after a long and careful account.\n")
    cleaned = clean(raw)
    assert [c.reason for c in cleaned.cut] == ["advertisement", "related articles"]
    assert len(cleaned.paragraphs) == 4


def test_joins_hard_wrapped_lines():
    lines = ["The soldiers stopped two vehicles on the road to the border",
             "and executed the passengers, a witness said.", "", "Next paragraph."]
    assert split_paragraphs(lines) == ["The soldiers stopped two vehicles on the road to the border and "
                                       "executed the passengers, a witness said.", "Next paragraph."]


def test_empty_text():
    cleaned = clean("")
    assert cleaned.title == "" and cleaned.paragraphs == () and cleaned.cut == ()
