"""Cleaning raw article text: repaired characters, no repeats, no site furniture, no article lost;
on the project's articles (tests/fixtures/articles/) and on small texts."""

from __future__ import annotations

import pytest

from articles import ARTICLES, handled
from incidents.importer.accuracy import score
from incidents.importer.clean import DEK, HEADING, TEXT, Cut, clean, furniture, repair, split_paragraphs
from incidents.importer.extract import extract
from incidents.importer.knowledge import Knowledge

CLEANING = ("title", "paragraphs", "cut", "repairs")


def cleaned(name: str):
    page = ARTICLES[name].page()
    return clean(page.text, page.description) if page else clean(ARTICLES[name].text())


def cut_by_reason(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in cleaned(name).cut:
        out.setdefault(c.reason, []).append(c.text)
    return out


# --- the project's articles, against their expected files -------------------------------------------

@pytest.mark.parametrize("name, field", handled(CLEANING))
def test_cleaning_matches_the_expected_file(name, field):
    """The title; every paragraph of the article kept, with its kind, and
    nothing else; every other line cut with its reason; every broken word repaired."""
    c = cleaned(name)
    s = score(ARTICLES[name].expected, c, extract(c, Knowledge()), Knowledge())[field]
    assert s.perfect, s.explain()


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_loses_no_line_silently(name):
    """Every line of the raw text is kept, is the title, or is listed as cut."""
    c = cleaned(name)
    accounted = {c.title} | {p.text for p in c.paragraphs} | {x.text for x in c.cut}
    lines, _ = repair(ARTICLES[name].pasted())
    for line in lines:
        if line.strip():
            assert " ".join(line.split()) in accounted


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_keeps_nothing_twice_and_no_title_in_body(name):
    c = cleaned(name)
    texts = [p.text for p in c.paragraphs]
    assert len(texts) == len(set(texts))
    assert c.title not in texts


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_leaves_no_broken_character(name):
    """What UTF-8 read as Windows-1252 or -1250 leaves ("Ã©", "Ă©", "â€™"); "â"
    alone is French ("théâtre")."""
    assert not any(broken in cleaned(name).text() for broken in ("Ă", "Ã", "â€"))


def test_cuts_repeated_title_and_paragraphs():
    cut = cleaned("gao-road-wire").cut
    assert [c.reason for c in cut[:3]] == ["repeated title", "repeated paragraph", "repeated paragraph"]
    assert cut[1].text.startswith("A relative of one of the drivers told AFP")


def test_cuts_a_repeated_dek():
    c = cleaned("ouro-sebe-dispatch")
    dek = "Men were taken from their homes at dawn and shot at the edge of the village, witnesses said."
    assert c.paragraphs[0].text == dek and c.paragraphs[0].kind == DEK
    assert Cut("repeated paragraph", dek) in c.cut


def test_cuts_a_donation_appeal_to_the_end():
    appeal = cut_by_reason("ouro-sebe-dispatch")["donation appeal"]
    assert appeal[0] == "Support independent journalism in the Sahel"
    assert appeal[-1] == "Donate now"
    assert any(t.startswith("Sahel Dispatch is an independent newsroom") for t in appeal)
    assert len(appeal) == 4


def test_cuts_byline_related_articles_comment_form_and_newsletter():
    by_reason = cut_by_reason("abeibara-ap")
    assert by_reason["byline"] == ["AP", "Posted by newsdesk"]
    assert by_reason["comment form"] == ["Leave a Reply", "Your email address will not be published. "
                                         "Required fields are marked *", "Comment *", "Post Comment"]
    assert by_reason["related articles"][0] == "Related Articles"
    assert any(t.startswith("Floods displace thousands in Niger") for t in by_reason["related articles"])
    assert by_reason["newsletter box"] == ["Subscribe to our newsletter to stay updated"]
    assert by_reason["stray button"] == ["X"]
    assert cleaned("abeibara-ap").paragraphs[-1].text.startswith("Families who fled Abeibara")


def test_cuts_share_buttons_advertisements_and_a_read_more_link_in_the_text():
    by_reason = cut_by_reason("segou-jnim")
    assert by_reason["share buttons"] == ["Share this: Facebook, Twitter, WhatsApp"]
    assert by_reason["advertisement"] == ["Advertisement"]
    assert cut_by_reason("gao-road-wire")["related articles"] == [
        "Read more: Mali junta extends its transition by five more years"]


def test_does_not_cut_article_sentences_that_look_like_furniture():
    """The analysis ends with "Support for the displaced families…", a long paragraph of the article."""
    c = cleaned("intaghlit-analysis")
    assert c.cut == ()
    assert c.paragraphs[-1].text.startswith("Support for the displaced families")


def test_repairs_broken_characters():
    c = cleaned("abeibara-ap")
    assert "Col. Maj. Amadou Koné, denied" in c.text()
    assert ("KonĂ©,", "Koné,") in c.repairs
    assert "Ouro-Sébé" in cleaned("ouro-sebe-dispatch").text()


def test_repair_keeps_good_typography_on_a_broken_line():
    lines, repairs = repair("Mali’s “Gao–Algeria” road, CafÃ© DembĂ©lĂ©")
    assert lines == ["Mali’s “Gao–Algeria” road, Café Dembélé"]
    assert len(repairs) == 2


def test_subheadings_and_deks():
    kinds = {p.text: p.kind for p in cleaned("intaghlit-analysis").paragraphs}
    assert kinds["A Pattern of Reprisals"] == HEADING
    assert kinds["What Comes Next"] == HEADING
    assert [p.kind for p in cleaned("intaghlit-analysis").paragraphs[:2]] == [DEK, TEXT]
    assert cleaned("abeibara-ap").paragraphs[0].kind == DEK
    assert cleaned("tillaberi-niger").paragraphs[0].kind == TEXT   # a lead of two sentences is no dek
    # nor a wire's lead of one sentence, its dateline first (it was shown in italics, as a standfirst)
    lead = clean("Mali: dozens of civilians killed near Djenné\n\nBAMAKO, March 14, 2025 (Reuters) - Gunmen killed "
                 "more than 20 civilians in Sofara on Tuesday, local officials said.\n\nThey came at dawn, residents "
                 "said. The army sent troops.\n")
    assert lead.paragraphs[0].kind == TEXT


@pytest.mark.parametrize("text, reason", [
    ("Share this:", "share buttons"),
    ("Facebook Twitter WhatsApp", "share buttons"),
    ("Leave a comment", "comment form"),
    ("Sign up for our newsletter", "newsletter box"),
    ("Support independent journalism today", "donation appeal"),
    ("Read more: Mali army accused of killings", "related articles"),
    ("Related: Mali junta extends transition by five years", "related articles"),
    ("Related coverage: Mali junta extends transition", "related articles"),
    ("You may also like", "related articles"),
    ("Advertisement", "advertisement"),
    ("Share on Facebook Share on X Email", "share buttons"),
    ("Partager : Facebook Twitter WhatsApp E-mail", "share buttons"),
    ("Recevez chaque matin la lettre de L'Éclaireur de Bamako", "newsletter box"),
    ("Je m'inscris", "newsletter box"),
    ("Newsletter: Get the Sahel briefing in your inbox. Sign up", "newsletter box"),
    ("Répondre", "comment form"),
    ("Publier le commentaire", "comment form"),
    ("The army said it would share its findings with the press.", ""),
    ("Elle a reçu la lettre du ministre le lendemain de l'attaque, et n'a pas voulu répondre.", ""),
    ("Subscribers to the local radio said the village had been emptied by the attack, "
     "and that the soldiers left before dawn after burning the market and the granaries.", ""),
])
def test_furniture_patterns(text, reason):
    assert furniture(text) == reason


def test_a_trailing_block_is_cut_part_by_part_under_each_part_s_reason():
    """A newsletter box, then a comment thread: each comment's lines are the
    thread's, and a "Répondre" under each comment is the thread's, not a repeat."""
    article = "\n\n".join(f"Paragraphe {i} de l'article, assez long pour compter comme du texte suivi ici."
                           for i in range(6))
    raw = ("Un titre d'article sur l'attaque\n\n" + article + "\n\n"
           "Recevez chaque matin la lettre de L'Éclaireur de Bamako\n\nVotre adresse e-mail\n\nJe m'inscris\n\n"
           "2 commentaires\n\nMoussa D.\n\nQue Dieu accueille les victimes.\n\nRépondre\n\n"
           "Fanta T.\n\nIl faut une enquête sérieuse.\n\nRépondre\n")
    c = clean(raw)
    assert [(x.reason, x.text) for x in c.cut] == [
        ("comment form", "Répondre"),  # the second, said as what it is (the first with its comment, below)
        ("newsletter box", "Recevez chaque matin la lettre de L'Éclaireur de Bamako"),
        ("newsletter box", "Votre adresse e-mail"), ("newsletter box", "Je m'inscris"),
        ("comment form", "2 commentaires"), ("comment form", "Moussa D."),
        ("comment form", "Que Dieu accueille les victimes."), ("comment form", "Répondre"),
        ("comment form", "Fanta T."), ("comment form", "Il faut une enquête sérieuse.")]
    assert len(c.paragraphs) == 6


def test_mid_article_furniture_is_cut_alone():
    raw = ("A Headline About Something\n\nFirst paragraph of the article, which is long enough to count.\n\n"
           "Advertisement\n\nRelated\n\nSecond paragraph of the article, also long enough to count, goes on.\n\n"
           "Third paragraph, the article continues with more words and more detail here.\n\n"
           "Fourth paragraph: the end of the article is here, after a long and careful account.\n")
    c = clean(raw)
    assert [x.reason for x in c.cut] == ["advertisement", "related articles"]
    assert len(c.paragraphs) == 4


def test_joins_hard_wrapped_lines():
    lines = ["The soldiers stopped two vehicles on the road to the border",
             "and executed the passengers, a witness said.", "", "Next paragraph."]
    assert split_paragraphs(lines) == ["The soldiers stopped two vehicles on the road to the border and "
                                       "executed the passengers, a witness said.", "Next paragraph."]


def test_empty_text():
    c = clean("")
    assert c.title == "" and c.paragraphs == () and c.cut == ()


@pytest.mark.parametrize("line, author", [("By Jane Doe", "Jane Doe"), ("Par Moussa Diarra et Awa Koné",
                                                                        "Moussa Diarra et Awa Koné"),
                                          ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe"),
                                          ("Par Moussa Diarra, envoyé spécial", "Moussa Diarra"),
                                          ("Par notre correspondant à Mopti", "")])
def test_a_byline_under_the_title_is_cut_and_names_the_author(line, author):
    """Not kept as the article's first subheading; its writer is the source's author."""
    from incidents.importer.source import author_in_text
    raw = (f"Gunmen kill villagers in Mali\n\n{line}\n\nGunmen killed 12 villagers in the village of Ogossagou on "
           "Monday, residents said.\n\nThe army said it had opened an investigation.\n")
    c = clean(raw)
    assert Cut("byline", line) in c.cut and all(p.kind == TEXT for p in c.paragraphs)
    assert author_in_text(c, set()) == author


def test_a_heading_that_starts_with_by_is_no_byline():
    c = clean("Gunmen kill villagers in Mali\n\nBy Monday\n\nGunmen killed 12 villagers in Ogossagou.\n")
    assert [p.text for p in c.paragraphs][0] == "By Monday" and not c.cut


def test_a_link_to_another_article_followed_by_teasers_starts_the_trailing_list():
    """"Read more: …" among the paragraphs stays a link cut alone; at the end,
    followed by headlines, it heads the related articles, all cut (their figures
    are no claims of this report)."""
    article = ("Gunmen killed 12 villagers in the village of Ogossagou on Monday, residents said. The attackers "
               "came on motorbikes at dawn and set fire to the granaries.\n\nThe army said it had opened an "
               "investigation into the killings and sent reinforcements to the area.\n\n")
    c = clean("Mali: gunmen kill 12 villagers\n\n" + article + "Read more: Mali junta extends its transition\n\n"
              "Burkina Faso army accused of killing 223 villagers\n\nNiger: soldiers killed near the border\n")
    assert len(c.paragraphs) == 2 and [x.reason for x in c.cut] == ["related articles"] * 3
    c = clean("Mali: gunmen kill 12 villagers\n\n" + article.replace("\n\nThe army", "\n\nRead more: Mali junta "
              "extends its transition\n\nThe army"))
    assert len(c.paragraphs) == 2 and [x.reason for x in c.cut] == ["related articles"]
