"""The interface's catalogues: every message of the templates and of the
generator, extracted with pybabel as babel.cfg says, has a French translation
in incidents/site/locales/fr/LC_MESSAGES/messages.po, none fuzzy, none left
over, each keeping its placeholders; and Babel's dates and numbers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT

from incidents.content.model import TRANSLATED, Day
from incidents.site.i18n import LOCALES, Lang, available

PYBABEL = Path(sys.executable).parent / "pybabel"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    """msgid → message of what `pybabel extract -F babel.cfg` finds today."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    done = subprocess.run([str(PYBABEL), "extract", "-F", "babel.cfg", "-k", "ngettext:1,2", "--no-location",
                           "-o", str(pot), "."], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with pot.open("rb") as f:
        return {m.id: m for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", [lang for lang in available() if lang != "en"])
def test_every_message_has_a_translation(extracted, lang):
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    have = {m.id: m for m in catalog if m.id}
    missing = [m for m in extracted if m not in have]
    assert not missing, (f"{len(missing)} messages have no {lang} translation: run `pybabel update -F babel.cfg "
                         f"-i messages.pot -d incidents/site/locales` after `pybabel extract` (CONTRIBUTING.md), "
                         f"then translate: {missing[:5]}")
    untranslated = [m.id for m in have.values() if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    assert not untranslated, f"untranslated: {untranslated[:5]}"
    fuzzy = [m.id for m in have.values() if m.fuzzy]
    assert not fuzzy, f"fuzzy (check each, then remove its fuzzy flag): {fuzzy[:5]}"
    gone = [m for m in have if m not in extracted]
    assert not gone, f"no longer in the templates or the code (remove them): {gone[:5]}"
    for m in have.values():
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, f"{m.id!r}: {string!r} loses or adds a placeholder"


def test_the_languages_with_a_catalogue_are_those_content_may_be_written_in():
    assert available() == ("en",) + TRANSLATED


def test_dates_and_numbers_follow_the_language():
    fr, en = Lang("fr"), Lang("en")
    assert fr.day(Day(2025, 2, 17)) == "17 février 2025"
    assert fr.day(Day(2022, 3)) == "mars 2022"
    assert en.day(Day(2025, 2, 17)) == "17 February 2025"
    assert fr.span(Day(2024, 6, 20), Day(2024, 6, 29)) == "20–29 juin 2024"
    assert fr.number(1000) == "1\u202f000"  # a narrow no-break space, as French writes it
    assert en.number(1000) == "1,000"
    assert fr.gettext("Timeline") == "Chronologie"
    assert fr.ngettext("%(toll)s killed", "%(toll)s killed", 24) % {"toll": 24} == "24 tués"
    assert fr.ngettext("%(toll)s killed", "%(toll)s killed", 1) % {"toll": 1} == "1 tué"
