"""Numbers in words, as articles and curators write them: the importer reads
them, and check says the digits for `killed: trente`."""

import pytest

from incidents.content.numberwords import in_words


@pytest.mark.parametrize("words, value", [
    ("trente", 30), ("Trente", 30), ("quarante-six", 46), ("vingt et un", 21), ("soixante-et-onze", 71),
    ("quatre-vingts", 80), ("quatre-vingt-dix-neuf", 99), ("deux mille trois cents", 2300), ("une", 1),
    ("four", 4), ("forty-six", 46), ("twenty one", 21), ("a hundred", 100), ("a hundred and twenty", 120),
    ("two thousand three hundred", 2300), ("one hundred and five", 105),
])
def test_a_number_in_words_has_its_value(words, value):
    assert in_words(words) == value


@pytest.mark.parametrize("words", [
    "", "a", "and", "one hundred and", "one hundred and and", "several", "dozens", "des dizaines",
    "about twenty", "20", "twenty-", "Gao", "vingt Gao",
])
def test_other_words_are_no_number(words):
    assert in_words(words) is None


@pytest.mark.parametrize("wording, figures", [
    ("at least 24 civilians", {24}), ("1,200 dead", {1200}), ("1 200 morts", {1200}),
    ("vingt et un civils tués, dont onze enfants", {21, 11}), ("forty-six villagers", {46}),
    ("two hundred and five dead", {205}), ("une vingtaine de morts, selon un élu", {20}), ("a dozen bodies", {12}),
    ("between 20 and 30 people, one of them a child", {20, 30, 1}),
    ("dozens of civilians", set()), ("a man and a woman", set()), ("12.5% of the village", set()),
])
def test_the_figures_a_source_s_words_give(wording, figures):
    from incidents.content.numberwords import numbers_in
    assert numbers_in(wording) == figures
