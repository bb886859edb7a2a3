"""Sections of terms in French, German, Italian, Spanish and Polish: numbering as each language writes it,
language-neutral ids, renumbering and moves, and no change to English ids."""

from __future__ import annotations

import re

import pytest

from tests.conftest import shared_data
from tosdiff.diff import diff_texts
from tosdiff.models import RENUMBERED
from tosdiff.sections import parse_sections


def ids(text: str) -> list[str]:
    return [s.id for s in parse_sections(text)]


def by_id(text: str) -> dict:
    return {s.id: s for s in parse_sections(text)}


GERMAN = """Allgemeine Geschäftsbedingungen der Beispiel GmbH

§ 1 Geltungsbereich

Diese Bedingungen gelten für alle Verträge über die Nutzung der Plattform.

§ 2 Vertragsschluss

(1) Der Vertrag kommt mit der Bestätigung der Registrierung zustande.

(2) Wir können eine Registrierung ohne Angabe von Gründen ablehnen, z. B. bei falschen Angaben.

§ 2 Abs. 3 Minderjährige

Minderjährige benötigen die Zustimmung ihrer Eltern.

§ 3 Haftung

Wir haften unbeschränkt für Vorsatz und grobe Fahrlässigkeit.

§ 5 Abs. 2 gilt entsprechend.

§ 823 BGB bleibt unberührt.

§ 4 Schlussbestimmungen

Es gilt das Recht der Bundesrepublik Deutschland.
"""


def test_german_paragraphs_absaetze_and_cited_paragraphs() -> None:
    found = by_id(GERMAN)
    assert ids(GERMAN) == ["preamble", "1", "2", "2(1)", "2(2)", "2(3)", "3", "4"]
    assert found["1"].number == "§ 1" and found["1"].title == "Geltungsbereich"
    # "§ 2 Abs. 3" heads paragraph 3 of the open § 2.
    assert found["2(3)"].parent == "2" and found["2(3)"].title == "Minderjährige"
    # Lines that cite a paragraph or a law are text of the clause they stand in, not clauses.
    assert "§ 5 Abs. 2 gilt entsprechend." in found["3"].text
    assert "§ 823 BGB bleibt unberührt." in found["3"].text


FRENCH = """# Conditions générales d'utilisation

Les présentes conditions régissent l'utilisation du Site.

## Titre I – Dispositions générales

### Chapitre I – Objet

### Article premier – Objet

Les présentes conditions définissent les règles d'accès au Site.

### ARTICLE 2 – DÉFINITIONS

Les termes ci-dessous ont le sens suivant.

### Chapitre II – Compte

### Art. 3 Inscription

L'utilisateur crée un compte. Voir l'article 5 des présentes pour la résiliation.

### Article 3 bis – Mineurs

Les mineurs doivent obtenir l'accord de leurs parents.

## Titre II – Dispositions finales

### Chapitre I – Responsabilité

### Article 10.4 Limitation de responsabilité

La responsabilité de l'éditeur est limitée aux dommages directs.

### Article 11 – Droit applicable

Article 11 des présentes s'applique aussi aux professionnels.
"""


def test_french_articles_titles_and_chapters() -> None:
    found = by_id(FRENCH)
    assert [i for i in ids(FRENCH) if i != "preamble"] == [
        "title-1",
        "title-1/chapter-1",
        "article-1",
        "article-2",
        "title-1/chapter-2",
        "article-3",
        "article-3-bis",
        "title-2",
        "title-2/chapter-1",
        "article-10.4",
        "article-11",
    ]
    # A chapter holds the articles after it; the article ids stay absolute.
    assert found["article-3"].parent == "title-1/chapter-2"
    assert found["article-10.4"].parent == "title-2/chapter-1"
    assert found["article-1"].number == "Article premier" and found["article-1"].title == "Objet"
    assert found["article-2"].title == "DÉFINITIONS"
    assert found["title-2"].title == "Dispositions finales"
    # A sentence starting with a reference is text.
    assert found["article-11"].text.startswith("Article 11 des présentes")


def test_french_ordinals_premier_and_ier() -> None:
    text = (
        "CGV\n\nTITRE Ier – DISPOSITIONS GÉNÉRALES\n\nChapitre Ier - Objet\n\nArticle 1er – Objet\n\n"
        "Le présent contrat définit les règles.\n\nChapitre II - Fin\n\nArticle IV - Divers\n\nTexte.\n"
    )
    found = by_id(text)
    assert list(found) == [
        "preamble",
        "title-1",
        "title-1/chapter-1",
        "article-1",
        "title-1/chapter-2",
        "article-4",
    ]
    assert found["article-1"].number == "Article 1er" and found["article-1"].title == "Objet"


def test_plain_text_french_chapters_close_and_hold_articles() -> None:
    text = (
        "CONDITIONS GÉNÉRALES DE VENTE\n\nChapitre II - Commandes\n\nArticle 4 - Prix\n\n"
        "Les prix sont indiqués en euros.\n\nArticle 5 - Paiement\n\nLe paiement est exigible.\n\n"
        "Chapitre III - Livraison\n\nArticle 6 - Délais\n\nLes délais sont indicatifs.\n"
    )
    found = by_id(text)
    assert found["article-5"].parent == "chapter-2"
    assert found["article-6"].parent == "chapter-3" and found["chapter-3"].parent is None
    assert found["article-5"].text == "Le paiement est exigible."


ITALIAN = """Termini e condizioni

Articolo 1 - Oggetto

Le presenti condizioni regolano l'uso del servizio.

Articolo 2 - Obblighi dell'utente

L'utente si impegna a non:

lit. a) pubblicare contenuti illeciti;

lit. b) violare i diritti di terzi.

Art. 5.2 Limitazioni

Il fornitore non risponde dei danni indiretti, ecc.
"""


def test_italian_articolo_and_lettered_items() -> None:
    found = by_id(ITALIAN)
    assert ids(ITALIAN) == [
        "preamble",
        "article-1",
        "article-2",
        "article-2(a)",
        "article-2(b)",
        "article-5.2",
    ]
    assert found["article-2"].title == "Obblighi dell'utente"
    assert found["article-2(a)"].text == "pubblicare contenuti illeciti;"
    assert found["article-5.2"].number == "Art. 5.2"


SPANISH = """Términos y condiciones de uso

Artículo 1. Objeto

Estas condiciones regulan el uso de la plataforma.

Artículo 2. Registro

El usuario debe registrarse con datos veraces.

Artículo 3. Responsabilidad

a) La empresa no responde de las interrupciones del servicio.

b) El usuario responde de sus contenidos.

Cláusula 4. Ley aplicable

Se aplica la legislación española.
"""


def test_clauses_numbered_by_ordinal_words() -> None:
    text = (
        "Contrato de servicios\n\nCLÁUSULA PRIMERA. OBJETO\n\nEl contrato regula el servicio.\n\n"
        "CLÁUSULA SEGUNDA. PRECIO\n\nEl precio es fijo.\n\nCláusula tercera - Duración\n\nUn año.\n\n"
        "Artículo 4.º Ley aplicable\n\nLa ley española.\n"
    )
    found = by_id(text)
    assert list(found) == ["preamble", "1", "2", "3", "article-4"]
    assert found["2"].title == "PRECIO" and found["article-4"].title == "Ley aplicable"
    assert [s.id for s in parse_sections("Termini\n\nArticolo secondo - Durata\n\nUn anno.\n")][
        1
    ] == "article-2"


def test_spanish_articulo_and_clausula() -> None:
    found = by_id(SPANISH)
    assert ids(SPANISH) == [
        "preamble",
        "article-1",
        "article-2",
        "article-3",
        "article-3(a)",
        "article-3(b)",
        "4",
    ]
    assert found["article-3"].title == "Responsabilidad"
    assert found["4"].number.startswith("Cláusula 4") and found["4"].title == "Ley aplicable"


POLISH = """Regulamin serwisu

Rozdział I Postanowienia ogólne

Artykuł 1 Definicje

Użytkownik oznacza osobę fizyczną korzystającą z Serwisu.

§ 2 Odpowiedzialność

1. Usługodawca nie odpowiada za przerwy techniczne.

2. Użytkownik odpowiada za treści, np. zdjęcia, itd.

Rozdział II Postanowienia końcowe

§ 3 Prawo właściwe

Regulamin podlega prawu polskiemu.
"""


def test_polish_artykul_paragraf_and_rozdzial() -> None:
    found = by_id(POLISH)
    assert ids(POLISH) == ["preamble", "chapter-1", "article-1", "2", "2.1", "2.2", "chapter-2", "3"]
    assert found["2"].parent == "chapter-1" and found["3"].parent == "chapter-2"
    assert found["chapter-1"].title == "Postanowienia ogólne"


def test_roman_numbered_german_headings() -> None:
    text = (
        "AGB\n\nI. Allgemeines\n\nDiese AGB gelten für alle Bestellungen.\n\n"
        "II. Vertragsschluss\n\nDer Vertrag kommt mit der Annahme zustande.\n\n"
        "III. Widerruf\n\nSie können den Vertrag widerrufen.\n"
    )
    found = by_id(text)
    assert [s.title for s in found.values() if s.number] == ["Allgemeines", "Vertragsschluss", "Widerruf"]
    assert found[next(i for i, s in found.items() if s.title == "Widerruf")].text.startswith("Sie können")


def test_a_capitalised_sentence_starting_with_a_division_word_is_text() -> None:
    text = (
        "Nutzungsbedingungen\n\n1. Geltung\n\n"
        "ABSCHNITT 21 DIESER VEREINBARUNG ENTHÄLT BESTIMMUNGEN ZUR STREITBEILEGUNG ZWISCHEN UNS UND IHNEN.\n"
    )
    assert ids(text) == ["preamble", "1"]


def test_renumbered_french_articles_are_renumbered_not_rewritten() -> None:
    old = FRENCH
    new = FRENCH.replace("### Article 11 – Droit applicable", "### Article 12 – Droit applicable").replace(
        "### Article 10.4 Limitation",
        "### Article 11 – Médiation\n\nUn médiateur peut être saisi.\n\n### Article 10.4 Limitation",
    )
    changes = {(c.kind, c.old_id, c.new_id) for c in diff_texts(old, new)}
    assert (RENUMBERED, "article-11", "article-12") in changes
    assert ("added", None, "article-11") in changes
    # The German § count renumbers the same way.
    g_new = GERMAN.replace("§ 4 Schlussbestimmungen", "§ 5 Schlussbestimmungen").replace(
        "§ 3 Haftung", "§ 3 Kündigung\n\nSie können jederzeit kündigen.\n\n§ 4 Haftung"
    )
    g_changes = {(c.kind, c.old_id, c.new_id) for c in diff_texts(GERMAN, g_new)}
    assert (RENUMBERED, "4", "5") in g_changes and (RENUMBERED, "3", "4") in g_changes


def test_an_article_moved_to_another_chapter_is_moved() -> None:
    first = "Article 1 - Inscription\n\nL'inscription est gratuite et ouverte à toute personne majeure.\n\n"
    text = (
        "Conditions\n\nChapitre I - Compte\n\n" + first + "Article 2 - Sécurité\n\nL'utilisateur garde son"
        " mot de passe secret et signale toute utilisation frauduleuse.\n\nChapitre II - Fin\n\n"
        "Article 3 - Résiliation\n\nLe compte peut être fermé à tout moment depuis les paramètres.\n\n"
    )
    moved = text.replace(first, "") + first  # article 1 now closes chapter II, under the same number
    assert by_id(moved)["article-1"].parent == "chapter-2"
    kinds = {(c.kind, c.old_id, c.new_id) for c in diff_texts(text, moved)}
    assert kinds == {("moved", "article-1", "article-1")}


ENGLISH_CITATIONS = """Terms of Service

**Section 24 of these Terms contains an arbitration agreement and class action waiver.**

1. Accounts

You need an account.

Section 2 below explains this in more detail.

2. Content

You own your content.
"""


def test_english_sentences_citing_a_section_are_text() -> None:
    # Both lines cite a section; before, they became clauses "24" and a second "2".
    assert ids(ENGLISH_CITATIONS) == ["preamble", "1", "2"]


# ---------------------------------------------------------------- real documents


def test_real_french_article_headings_become_article_ids() -> None:
    """Every "Article N" heading of the French documents of the clauses set is the clause article-N."""
    docs = sorted(shared_data("clauses", "docs").glob("fr*.md"))
    checked = 0
    for path in docs:
        text = path.read_text(encoding="utf-8")
        found = set(ids(text))
        # A heading line: Markdown (#) or bold (**), "Article N" then a dash, dot or colon and a title.
        for m in re.finditer(
            r"(?m)^(?:#{1,6}\s+|\*\*)ARTICLE\s+(\d{1,3})\s*[-–.:]\s*[A-ZÉ]", text, re.IGNORECASE
        ):
            assert f"article-{m.group(1)}" in found, f"{path.name}: {m.group(0)!r}"
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("lang", ["de", "it", "pl"])
def test_real_claudette_documents_keep_their_numbered_clauses(lang: str) -> None:
    """The 28 CLAUDETTE documents of a language: every line "N. Title" on its own is a clause id N or
    inside one (the numbered structure of these terms survives), and no id is repeated more than a
    document's few real duplicates."""
    folder = shared_data("claudette-2020", lang)
    numbered = found = 0
    for path in sorted(folder.glob("*.xml")):
        text = re.sub(r"</?[A-Za-z0-9]+>", "", path.read_text(encoding="utf-8"))
        sections = parse_sections(text)
        numbers = {s.number.rstrip(".") for s in sections}
        for m in re.finditer(r"(?m)^(\d{1,2})\. [A-ZÄÖÜŁŚŻ][^\n.]{2,60}$", text):
            numbered += 1
            found += m.group(1) in numbers
    assert numbered >= 50
    assert found / numbered >= 0.9, f"{found} of {numbered} numbered headings are clauses"


def test_a_german_sentence_with_capitalised_nouns_is_text_not_a_title() -> None:
    """German capitalises nouns and the pronouns of address: "(1) Sie behalten alle Rechte an Ihren
    Inhalten." looks title-cased, yet it is the paragraph's text; a real heading stays a title."""
    text = (
        "§ 2 Inhalte der Nutzer\n\n"
        "(1) Sie behalten alle Rechte an Ihren Inhalten.\n\n"
        "(2) Sie räumen uns ein einfaches Nutzungsrecht an Ihren Inhalten ein.\n\n"
        "§ 3 Datenschutz\n\n"
        "(1) Wir geben Ihre Daten nicht weiter.\n\n"
        "(2) Einzelheiten regelt unsere Datenschutzerklärung.\n"
    )
    by_id = {s.id: s for s in parse_sections(text)}
    assert by_id["2"].title == "Inhalte der Nutzer" and by_id["3"].title == "Datenschutz"
    assert by_id["2(1)"].title == "" and by_id["2(1)"].text == "Sie behalten alle Rechte an Ihren Inhalten."
    assert by_id["3(2)"].title == "" and "Datenschutzerklärung" in by_id["3(2)"].text
    # Editing that sentence is a change of the clause's text, shown word by word.
    changed = text.replace("alle Rechte", "die Rechte")
    modified = [c for c in diff_texts(text, changed) if c.kind == "modified"]
    assert [c.new_id for c in modified] == ["2(1)"] and "die Rechte" in modified[0].new_text


def test_a_titled_sentence_with_its_own_text_or_clauses_keeps_its_title() -> None:
    """A numbered line ending with a full stop stays a heading when text or sub-clauses follow it."""
    text = (
        "1. Your Content And Our Licence.\n\n"
        "You keep ownership of what you upload.\n\n"
        "2. Limits On Our Liability Apply.\n\n"
        "(a) We are not liable for indirect damages.\n\n"
        "(b) We are not liable for lost profits.\n"
    )
    by_id = {s.id: s for s in parse_sections(text)}
    assert by_id["1"].title == "Your Content And Our Licence"
    assert by_id["2"].title == "Limits On Our Liability Apply"


def test_a_long_capitals_sentence_is_a_clause_and_a_short_one_a_heading() -> None:
    """A numbered capitals sentence of ten words or more with nothing of its own is the clause's text
    (and so is flagged); a short capitals line stays a heading."""
    from tosdiff.flags import flag_sections

    text = (
        "1. Scope\n\nThese terms apply.\n\n2. Disputes\n\n"
        "(a) YOU WAIVE ANY RIGHT TO A JURY TRIAL OR TO PARTICIPATE IN A CLASS ACTION.\n\n"
        "(b) WITH RESPECT TO THIRD PARTY OFFERINGS.\n\n(c) Notices go by email.\n"
    )
    sections = parse_sections(text)
    by_id = {s.id: s for s in sections}
    assert by_id["2(a)"].title == "" and by_id["2(a)"].text.startswith("YOU WAIVE ANY RIGHT")
    assert by_id["2(b)"].title == "WITH RESPECT TO THIRD PARTY OFFERINGS"
    assert ("2(a)", "class-action-waiver") in {(f.section, f.category) for f in flag_sections(sections)}
