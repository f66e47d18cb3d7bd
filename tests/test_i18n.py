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
from markupsafe import Markup

from conftest import ROOT

from incidents.content.model import TRANSLATED, Count, Day
from incidents.content.link import Toll
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
    assert not missing, (f"{len(missing)} messages have no {lang} translation: run `pybabel extract` and `pybabel update` "
                         f"as README.md's \"In French and in English\" says, "
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
    # Each kind of figure in its plural: "1 blessés" was written, the kind's word fixed.
    assert [fr.figure(kind, "1", 1) for kind in ("killed", "injured", "missing")] == ["1 tué", "1 blessé", "1 disparu"]
    assert fr.figure("injured", "20–30", 30) == "20–30 blessés" and fr.figure("missing", "0", 0) == "0 disparu"
    # A claim's count as its source words it: "up to 40" ({min: 0, max: 40}), not "0–40", which reads as if
    # someone said none; a denial (0) stays 0.
    assert [en.count(c) for c in (Count(24, None), Count(20, 30), Count(0, 40), Count(0, 0), Count(1, 1))] == [
        "at least 24", "20–30", "up to 40", "0", "1"]
    assert fr.count(Count(0, 40)) == "jusqu'à 40" and fr.count(Count(0, 1200)) == "jusqu'à 1\u202f200"
    assert [en.figure(kind, "1", 1) for kind in ("killed", "injured", "missing")] == ["1 killed", "1 injured",
                                                                                    "1 missing"]
    # The first of a month as French writes it; Babel's patterns give "1 août".
    assert fr.day(Day(2013, 8, 1)) == "1er août 2013" and en.day(Day(2013, 8, 1)) == "1 August 2013"
    assert fr.span(Day(2024, 6, 1), Day(2024, 6, 9)) == "1er–9 juin 2024"
    assert fr.span(Day(2024, 6, 1), Day(2024, 7, 1)) == "1er juin – 1er juillet 2024"
    assert fr.day(Day(2013, 8, 11)) == "11 août 2013" and fr.day(Day(2013, 8, 21)) == "21 août 2013"
    # A source's language by its name, not its code: "(langue : anglais)", not "(langue : en)".
    assert [fr.language_name(c) for c in ("en", "en-GB", "pt-BR", "zh-Hant", "fr", "bm", "taq", "xx-yy")] == [
        "anglais", "anglais (Royaume-Uni)", "portugais (Brésil)", "chinois (traditionnel)", "français", "bambara",
        "taq", "xx-yy"]  # Tamasheq: a code Babel does not name stays as written
    assert en.language_name("fr") == "French"
    from incidents.site.render import filter_messages  # the events' filter writes its days in the browser
    assert filter_messages(fr)["first"] == "1er" and filter_messages(en)["first"] == "1"



def test_french_elides_de_before_a_vowel_and_takes_in_a_name_s_article_as_it_is_written():
    fr = Lang("fr")
    by = fr.gettext("report by %(publisher)s")
    assert fr.fill(by, {"publisher": "Associated Press"}) == "rapport d'Associated Press"
    assert fr.fill(by, {"publisher": "RFI"}) == "rapport de RFI"
    assert fr.fill(by, {"publisher": "Human Rights Watch"}) == "rapport de Human Rights Watch"
    assert [fr.fill(by, {"publisher": name}) for name in ("Yeelen FM", "Youwarou", "Yves Diallo")] == [
        "rapport de Yeelen FM", "rapport de Youwarou", "rapport d'Yves Diallo"]  # a "Y" is a vowel before a consonant
    assert fr.fill(fr.ngettext("%(n)s place around %(place)s", "%(n)s places around %(place)s", 2),
                   {"n": "2", "place": "Ansongo"}) == "2 lieux autour d'Ansongo"
    assert Lang().fill(Lang().gettext("report by %(publisher)s"),
                       {"publisher": "Associated Press"}) == "report by Associated Press"
    assert fr.toll(Toll(46, 60, True)) == "de 46 à au moins 60"
    # "de" and "à" take in a name's article "Le" or "Les" (du, des, au, aux); "La" and "L'" stay
    assert [fr.fill(by, {"publisher": name}) for name in (
        "Le Journal du Gourma", "Les Échos", "La Croix", "L'Express", "le Républicain", "Le")] == [
        "rapport du Journal du Gourma", "rapport des Échos", "rapport de La Croix", "rapport de L'Express",
        "rapport du Républicain", "rapport de Le"]
    assert [fr.fill("Bilans attribués à %(name)s", {"name": name}) for name in ("Le Monde", "Les Échos")] == [
        "Bilans attribués au Monde", "Bilans attribués aux Échos"]
    assert fr.fill(Markup("attribués à %(name)s"), {"name": "Les <b>Échos"}) == "attribués aux &lt;b&gt;Échos"
    assert Lang().fill("report by %(publisher)s", {"publisher": "Le Monde"}) == "report by Le Monde"

@pytest.mark.parametrize("lang", available())
def test_days_are_written_as_babel_writes_them(lang):
    """i18n._date writes the site's patterns from Babel's month names, without
    babel.dates (whose import reads the machine's time zone): the same words."""
    import datetime as dt

    from babel.dates import format_date

    from incidents.site.i18n import _date

    for pattern in ("d MMMM y", "LLLL y", "d MMMM", "dd/MM/y", "d 'd' MMMM", "y''", "'le' d MMMM"):
        for year, month, day in [(1999, m, d) for m in range(1, 13) for d in (1, 2, 10, 28)] + [(2025, 12, 31)]:
            assert _date(year, month, day, pattern, lang) == format_date(dt.date(year, month, day), pattern,
                                                                         locale=lang), (pattern, year, month, day)


LOCALES_WRITTEN = ("en", "fr", "es", "de", "ru", "hi", "en_IN", "pt_BR", "ja", "bm", "ff", "sv", "ar", "fr_CH",
                   "de_CH", "fa")


@pytest.mark.parametrize("locale", LOCALES_WRITTEN)
def test_numbers_are_written_as_babel_writes_them(locale):
    """cldr.py writes a number as Babel's format_decimal does (the default pattern;
    "0.00" and "0.#####", as Lang.fixed and Lang.coordinate ask), without Babel,
    for a locale whose probes it writes alike (the others are Babel's): 20,000
    numbers of every size and sign, integers and floats, with the halves that
    round to even."""
    import random
    from decimal import Decimal

    from babel.numbers import format_decimal

    from incidents import cldr

    numbers = cldr.facts(locale).numbers
    if locale in ("en", "fr", "es", "de", "ru", "hi", "en_IN", "pt_BR"):
        assert numbers is not None  # among them the site's, and grouping by 3 then 2
    if numbers is None:
        return
    rng = random.Random(locale)
    values = [rng.randrange(-10 ** rng.randrange(1, 15), 10 ** rng.randrange(1, 15)) for _ in range(5000)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randrange(-6, 12) for _ in range(5000)]
    values += [float(Decimal(rng.randrange(-10 ** 6, 10 ** 6)) / 1000 + Decimal("0.0005")) for _ in range(2000)]
    values += [rng.randrange(-10 ** 7, 10 ** 7) / 10 ** rng.randrange(0, 7) for _ in range(8000)]
    for value in values:
        assert cldr.number(value, numbers) == format_decimal(value, locale=locale), value
        for digits, pattern in ((2, "0.00"), (-1, "0.#"), (-5, "0.#####")):
            assert cldr.fixed(value, digits, numbers) == format_decimal(
                value, format=pattern, locale=locale, decimal_quantization=True), (value, pattern)


def test_a_build_keeps_what_it_read_of_babel_and_an_edit_does_not_import_it(tmp_path):
    """Babel's import and its locale data cost a process 40-50 ms: a build keeps
    the month names, country names, language names (and which codes Babel does
    not know) and number symbols it read in its cache (cldr.py), and an edit's
    build reads them there, in both languages, its pages the same bytes as a
    clean build's."""
    from conftest import copy_shipped
    from sitecheck import tree_digest

    root = copy_shipped(tmp_path / "archive")
    out = tmp_path / "site"

    def build() -> str:
        probe = ("import sys; from incidents.cli import main; code = main(sys.argv[1:]); "
                 "print('babel' in sys.modules, file=sys.stderr); sys.exit(code)")
        done = subprocess.run([sys.executable, "-c", probe, "--root", str(root), "build", "--out", str(out),
                               "--no-search"], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stderr.strip().splitlines()[-1]

    report = sorted((root / "content" / "reports").glob("*.md"))[0]
    text = report.read_text(encoding="utf-8")
    assert "\n  language: en\n" in text
    # A source in a language Babel does not know (Tamasheq) is named by its code's language, kept too
    report.write_text(text.replace("\n  language: en\n", "\n  language: tmh\n", 1), encoding="utf-8")
    assert build() == "True"  # the first build reads Babel's data
    report.write_text(report.read_text(encoding="utf-8") + "\nAn edit.\n", encoding="utf-8")
    assert build() == "False"
    clean = tmp_path / "clean"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out",
                           str(clean), "--no-search"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert tree_digest(out) == tree_digest(clean)


def test_facts_kept_of_another_shape_are_as_good_as_none():
    from incidents import cldr

    assert cldr.signature(None) == {} and cldr.signature({"fr": "not facts"}) == {}
    fr = cldr.facts("fr")
    assert cldr.signature({"en": fr}) == {}  # facts under another locale's name
    cldr.remember({"fr": "not facts", 3: fr})
    assert cldr.facts("fr") is fr and cldr.facts("fr").months[1] == "février"
    assert cldr.signature(cldr.known())["fr"] == len(fr.names)


def test_country_names_follow_the_language():
    """Babel's (CLDR's) names, from the content's or Natural Earth's English; a name it does not know stays."""
    fr, en = Lang("fr"), Lang("en")
    assert [fr.country(n) for n in ("Mali", "Algeria", "Mauritania", "W. Sahara", "Dem. Rep. Congo", "Somaliland")] \
        == ["Mali", "Algérie", "Mauritanie", "Sahara occidental", "Congo-Kinshasa", "Somaliland"]
    assert en.country("Algeria") == "Algeria" and fr.country("") == ""
    assert Lang("en").country("Algérie", written_in="fr") == "Algeria"


KEYWORDS = {"_": 1, "gettext": 1, "ngettext": 2}  # pybabel's names, as README's extract command gives them


def test_every_message_in_the_code_is_one_pybabel_finds():
    """A message reaches the catalogue only when pybabel sees it: a call of `_`, `gettext` or
    `ngettext` with the message itself written there. A helper or an alias (`n_ = t.ngettext`,
    a function that passes its arguments on) would hide its messages, and the French pages
    would show English with every test of the catalogue green."""
    import ast
    hidden = []
    for path in sorted((ROOT / "incidents").rglob("*.py")):
        if path.name == "i18n.py":
            continue  # where gettext and ngettext are defined
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Assign):
                pairs = [(t, node.value) for t in node.targets]
                pairs += [p for t in node.targets if isinstance(t, ast.Tuple) and isinstance(node.value, ast.Tuple)
                          for p in zip(t.elts, node.value.elts)]
                for target, value in pairs:
                    if isinstance(target, ast.Name) and isinstance(value, ast.Attribute) and \
                            value.attr in ("gettext", "ngettext") and target.id not in KEYWORDS:
                        hidden.append(f"{where}: {target.id} = ….{value.attr} (pybabel knows only {sorted(KEYWORDS)})")
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name in KEYWORDS and not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                                for a in node.args[:KEYWORDS[name]]):
                    hidden.append(f"{where}: {name}() of a message not written there")
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_template_s_messages_come_out_as_jinja2_s_own_gettext_gives_them(lang, tmp_path):
    """The site's gettext (i18n.template_gettexts, made once per message for speed)
    against Jinja2's own: translated, escaped, "%%" and plurals alike."""
    import jinja2
    from incidents.site.i18n import translations
    from incidents.site.render import environment
    source = ('{{ _("Report") }}|{{ _("100%% sure") }}|{% trans who=who %}{{ who }}: latest reports{% endtrans %}|'
              '{{ _("at least %(n)s", n=who) }}|{% trans count=n, n=n %}{{ n }} event{% pluralize %}{{ n }} events'
              '{% endtrans %}|{{ ngettext("%(num)s report", "%(num)s reports", 2) }}|'
              '{% autoescape false %}{{ _("at least %(n)s", n=who) }}{% endautoescape %}')
    ours = environment(tmp_path, None, lang)
    theirs = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    theirs.policies["ext.i18n.trimmed"] = True
    theirs.install_gettext_translations(translations(lang), newstyle=True)
    for n in (1, 3):
        values = {"who": "<Wagner & co>", "n": n}
        made = ours.from_string(source).render(values)
        assert made == theirs.from_string(source).render(values)
        assert "&lt;Wagner &amp; co&gt;" in made and "<Wagner & co>" in made and "100% " in made
    assert ours.globals["_"] is ours.globals["gettext"]


def test_a_coordinate_is_written_as_given_with_no_zero_added():
    """"11.42", not "11.4200" (a precision nobody gave): to a metre at most, in the page's language."""
    assert [Lang().coordinate(x) for x in (11.42, -3.5, 16.123456789, 11.0, -0.0)] == [
        "11.42", "-3.5", "16.12346", "11", "0"]
    assert Lang("fr").coordinate(11.42) == "11,42"


def _babel_compiled(po: str):
    """The catalogue as `pybabel compile` makes it: Babel's reader and writer."""
    from io import BytesIO
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    catalog = read_po(BytesIO(po.encode("utf-8")), locale="fr")
    mo = BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    mo.seek(0)
    return Translations(mo)


HANDMADE = r'''# A catalogue with what pybabel writes: comments, flags, plurals, escapes, obsolete entries.
msgid ""
msgstr ""
"Project-Id-Version: test\n"
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % "
"1000000 == 0 ? 1 : 2;\n"

#: templates/x.html:1
msgid "Home"
msgstr "Accueil"

#, python-format
msgid ""
"A message over "
"two lines with \"quotes\", a \\ and a\ttab"
msgstr ""
"Un message sur "
"deux lignes avec « guillemets », un \\ et une\ttabulation"

#, fuzzy
msgid "Guessed"
msgstr "Deviné"

msgid "Untranslated"
msgstr ""

#, python-format
msgid "%(n)s report"
msgid_plural "%(n)s reports"
msgstr[0] "%(n)s rapport"
msgstr[1] "%(n)s de rapports"
msgstr[2] "%(n)s rapports"

msgid "one form missing"
msgid_plural "forms missing"
msgstr[0] "une forme"
msgstr[1] ""
msgstr[2] ""

msgctxt "menu"
msgid "Open"
msgstr "Ouvrir"

#~ msgid "Gone"
#~ msgstr "Parti"
msgid "No blank line before"
msgstr "Pas de ligne vide avant"
#, fuzzy
#, python-format
msgid "Fuzzy, its flags on two lines"
msgstr "Flou"

msgid "a gap"
msgid_plural "gaps"
msgstr[0] "un trou"
msgstr[2] "des trous"
msgstr[3] "one form too many"

msgid "Home"
msgstr "Given twice: the first is kept"

msgid "A line\u2028separator, \f and \v"
msgstr "Un séparateur\u2028de lignes, \f et \v"
'''.replace("\\u2028", "\u2028")

BARE = '''msgid "Without a header"
msgstr "Sans en-tête, à lire en UTF-8"
'''


@pytest.mark.parametrize("po", [HANDMADE, BARE, (LOCALES / "fr/LC_MESSAGES/messages.po").read_text(encoding="utf-8")],
                         ids=["handmade", "bare", "fr"])
def test_a_catalogue_is_compiled_as_pybabel_compiles_it(po):
    """The site reads its .po files with the standard library alone (Babel's reader and
    writer took 19-26 ms of every build in two languages): the same messages come out."""
    import gettext
    from io import BytesIO
    from incidents.site.i18n import compiled

    ours, babel = gettext.GNUTranslations(BytesIO(compiled(po))), _babel_compiled(po)
    assert {k: v for k, v in ours._catalog.items() if k != ""} == {k: v for k, v in babel._catalog.items() if k != ""}
    assert len(ours._catalog) > 1
    for n in (0, 1, 2, 5, 1_000_000, 2_000_000, 1_000_001):  # (without Plural-Forms, Babel asks its locale)
        assert ours.plural(n) == babel.plural(n) or "Plural-Forms" not in po
