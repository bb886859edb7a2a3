"""Language detection (tosdiff/language.py), the `language` config key, and sentence splitting in the
five languages besides English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from tests.conftest import shared_data
from tosdiff.config import parse_config
from tosdiff.errors import ConfigError
from tosdiff.flags.text import split_sentences
from tosdiff.language import (
    LANGUAGES,
    UNDETERMINED,
    detect_language,
    document_language,
    mixed_languages,
    section_languages,
)
from tosdiff.render import sections_tree
from tosdiff.sections import parse_sections

SAMPLES = {
    "en": "We may share your personal data with our affiliates and service providers when you use the "
    "Services, as described in this policy.",
    "fr": "Nous pouvons partager vos données personnelles avec nos partenaires lorsque vous utilisez les "
    "Services, conformément à la présente politique.",
    "de": "Wir können Ihre personenbezogenen Daten an unsere Partner weitergeben, wenn Sie die Dienste "
    "nutzen, wie in dieser Richtlinie beschrieben.",
    "it": "Possiamo condividere i tuoi dati personali con i nostri partner quando utilizzi i Servizi, come "
    "descritto nella presente informativa.",
    "es": "Podemos compartir sus datos personales con nuestros socios cuando utiliza los Servicios, tal y "
    "como se describe en esta política.",
    "pl": "Możemy udostępniać Państwa dane osobowe naszym partnerom, gdy korzystają Państwo z Usług, "
    "zgodnie z niniejszą polityką.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_one_sentence_in_each_language(lang: str) -> None:
    assert detect_language(SAMPLES[lang]) == lang


def test_short_clauses_the_flags_will_ask_about() -> None:
    # The flags helper calls this with one sentence: short legal sentences must come out right.
    assert detect_language("Nous n'utilisons pas vos contenus pour entraîner nos modèles.") == "fr"
    assert detect_language("Wir verwenden Ihre Inhalte für das Training unserer KI-Modelle.") == "de"
    assert detect_language("Non utilizziamo i tuoi contenuti per addestrare i nostri modelli.") == "it"
    assert detect_language("No utilizamos sus contenidos para entrenar nuestros modelos.") == "es"
    assert (
        detect_language("Nie wykorzystujemy Twoich treści do trenowania modeli sztucznej inteligencji.")
        == "pl"
    )
    assert detect_language("We do not use your content to train our models.") == "en"


def test_too_little_or_no_prose_is_undetermined() -> None:
    assert detect_language("") == UNDETERMINED
    assert detect_language("Acme GmbH") == UNDETERMINED
    assert detect_language("Acme Inc., 1200 Market Street, Springfield 66062, +1 555 0100") == UNDETERMINED
    # Link targets and URLs are not words of the text.
    assert detect_language("[Datenschutz](https://example.com/de/the-privacy-of-the-data-and-the-terms)") == (
        UNDETERMINED
    )


def test_a_long_document_is_judged_on_its_start_middle_and_end() -> None:
    # An English cookie banner and preface before French terms: the French body wins.
    text = SAMPLES["en"] * 3 + "\n\n" + (SAMPLES["fr"] + "\n") * 200 + SAMPLES["en"]
    assert detect_language(text) == "fr"
    assert set(LANGUAGES) == {"en", "fr", "de", "it", "es", "pl"}


def test_sections_of_a_mixed_page_get_their_own_language() -> None:
    page = (
        "# Terms / Conditions\n\n## English\n\n"
        + SAMPLES["en"]
        + " "
        + SAMPLES["en"]
        + "\n\n## Deutsch\n\n"
        + SAMPLES["de"]
        + " "
        + SAMPLES["de"]
        + "\n\n## Contact\n\nAcme GmbH, Berlin\n"
    )
    sections = parse_sections(page)
    doc = document_language(page)
    langs = section_languages(sections, doc)
    assert langs["english"] == "en" and langs["deutsch"] == "de"
    assert langs["contact"] == doc  # too short to tell: the document's
    assert mixed_languages(langs.values(), "en") == ["de"]
    assert document_language(page, "fr") == "fr"  # the config's override wins


def _config(tmp_path: Path, language: object) -> object:
    doc = {"name": "cgu", "url": "https://example.com/cgu", "language": language}
    return parse_config({"documents": [doc]}, tmp_path / "tosdiff.toml")


@pytest.mark.parametrize(("given", "stored"), [("fr", "fr"), ("FR", "fr"), ("fr-FR", "fr"), ("de_CH", "de")])
def test_the_language_key_accepts_the_six_languages(tmp_path: Path, given: str, stored: str) -> None:
    assert _config(tmp_path, given).documents[0].language == stored


@pytest.mark.parametrize("bad", ["klingon", "nl", "", 5])
def test_a_bad_language_is_one_error_naming_the_key(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ConfigError) as err:
        _config(tmp_path, bad)
    message = str(err.value)
    assert "documents[0].language" in message
    assert "en, fr, de, it, es, pl" in message or "expected a string" in message


def test_without_the_key_the_language_is_detected(tmp_path: Path) -> None:
    config = parse_config({"documents": [{"name": "a", "url": "https://example.com/"}]}, tmp_path / "c.toml")
    assert config.documents[0].language == ""


# ---------------------------------------------------------------- sentence splitting


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Die Daten werden z. B. gespeichert, bzw. gelöscht. Gemäß § 5 Abs. 2 gilt das. Übrigens ist das so.",
            [
                "Die Daten werden z. B. gespeichert, bzw. gelöscht.",
                "Gemäß § 5 Abs. 2 gilt das.",
                "Übrigens ist das so.",
            ],
        ),
        (
            "Voir l'art. 5 al. 2, p. ex. le Site. À défaut, le contrat prend fin.",
            ["Voir l'art. 5 al. 2, p. ex. le Site.", "À défaut, le contrat prend fin."],
        ),
        (
            "I dati, p. es. l'indirizzo, ecc. sono protetti. È vietato cederli.",
            ["I dati, p. es. l'indirizzo, ecc. sono protetti.", "È vietato cederli."],
        ),
        (
            "El usuario, p. ej. el Sr. García, acepta el art. 3. Él puede darse de baja.",
            ["El usuario, p. ej. el Sr. García, acepta el art. 3.", "Él puede darse de baja."],
        ),
        (
            "Dane, np. adres, itd. są chronione zgodnie z ust. 2 pkt 3. Łącznie to m.in. Regulamin.",
            ["Dane, np. adres, itd. są chronione zgodnie z ust. 2 pkt 3.", "Łącznie to m.in. Regulamin."],
        ),
    ],
)
def test_sentences_keep_each_languages_abbreviations(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_english_splitting_is_unchanged() -> None:
    text = (
        "We may share it with Acme Inc. and its affiliates. See e.g. Section 5. It isn't ours. "
        "Google's. This content is theirs."
    )
    assert split_sentences(text) == [
        "We may share it with Acme Inc. and its affiliates.",
        "See e.g. Section 5.",
        "It isn't ours.",
        "Google's.",
        "This content is theirs.",
    ]


# ---------------------------------------------------------------- real documents


def test_real_documents_of_known_language() -> None:
    """CLAUDETTE 2020 (each document in its folder's language) and the clauses set's French documents."""
    right = total = 0
    for lang in ("de", "it", "pl", "en"):
        for path in sorted(shared_data("claudette-2020", lang).glob("*.xml")):
            total += 1
            right += detect_language(re.sub(r"</?[a-z]+\d?>", "", path.read_text(encoding="utf-8"))) == lang
    assert total == 112 and right == total
    french = sorted(shared_data("clauses", "docs").glob("fr*.md"))
    assert len(french) >= 30
    assert all(detect_language(p.read_text(encoding="utf-8")) == "fr" for p in french)


def test_the_sections_tree_names_the_language_and_the_sections_in_another() -> None:
    page = "# Terms\n\n## English\n\n" + SAMPLES["en"] + "\n\n## Deutsch\n\n" + SAMPLES["de"] + "\n"
    sections = parse_sections(page)
    console = Console(width=80, record=True, color_system=None)
    console.print(sections_tree("terms", 1, sections, "en", section_languages(sections, "en")))
    out = console.export_text()
    assert "terms v1 (3 sections, language en)" in out
    [line] = [ln for ln in out.splitlines() if "deutsch" in ln]
    assert line.rstrip().endswith("[de]")
    assert not [ln for ln in out.splitlines() if "english" in ln and "[" in ln]


@pytest.mark.parametrize(
    ("lang", "abbreviations"),
    [
        ("de", "z. B.|z.B.|bzw.|ggf.|usw.|vgl.|Abs.|Ziff.|d.h.|u.a."),
        ("it", "p. es.|p.es.|ecc.|art.|lett."),
        ("pl", "np.|ust.|pkt.|tj.|tzn.|m.in."),
    ],
)
def test_real_sentences_do_not_end_at_an_abbreviation(lang: str, abbreviations: str) -> None:
    """In the CLAUDETTE documents of a language, no sentence is cut just after one of its abbreviations
    (before this splitter knew them, 85 German sentences were: "bzw." alone 66 times)."""
    ends = tuple(f" {a}" for a in abbreviations.split("|"))
    cut = []
    count = 0
    for path in sorted(shared_data("claudette-2020", lang).glob("*.xml")):
        for sentence in split_sentences(re.sub(r"</?[a-z]+\d?>", "", path.read_text(encoding="utf-8"))):
            count += 1
            if sentence.endswith(ends):
                cut.append(sentence[-60:])
    assert count > 5000
    assert not cut, cut[:5]
