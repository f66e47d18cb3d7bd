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
