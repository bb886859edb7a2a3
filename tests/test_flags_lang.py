"""Flags in French, German, Italian, Spanish and Polish: the three tosdiff flags with both
polarities, look-alikes left alone, CLAUDETTE categories per language, and the language threaded
through flag_section / flag_changes."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_DATA
from tosdiff.flags import flag_changes, flag_section, flag_sentence_categories, parse_rules
from tosdiff.flags.i18n import LANGUAGES, lang_hits
from tosdiff.flags.i18n_model import MODEL_LANGUAGES, lang_model
from tosdiff.models import Section, SectionChange

# (language, sentence, category, polarity): short real-style clauses, worded as each tradition does.
FLAGGED = [
    # ai-training
    (
        "fr",
        "Nous pouvons utiliser vos contenus pour entraîner nos modèles d'intelligence artificielle.",
        "ai-training",
        "permissive",
    ),
    (
        "fr",
        "Vos données peuvent être utilisées pour l'entraînement et l'amélioration de nos modèles "
        "d'apprentissage automatique.",
        "ai-training",
        "permissive",
    ),
    ("fr", "Nous n'utilisons pas vos contenus pour entraîner nos modèles d'IA.", "ai-training", "protective"),
    ("de", "Wir verwenden Ihre Inhalte für das Training unserer KI-Modelle.", "ai-training", "permissive"),
    (
        "de",
        "Ihre Daten werden zum Trainieren von Modellen für maschinelles Lernen genutzt.",
        "ai-training",
        "permissive",
    ),
    (
        "de",
        "Wir verwenden Ihre Inhalte nicht, um unsere KI-Modelle zu trainieren.",
        "ai-training",
        "protective",
    ),
    (
        "it",
        "Potremmo utilizzare i tuoi contenuti per addestrare i nostri modelli di intelligenza artificiale.",
        "ai-training",
        "permissive",
    ),
    (
        "it",
        "Non utilizziamo i tuoi dati per addestrare i nostri modelli senza il tuo consenso.",
        "ai-training",
        "protective",
    ),
    (
        "es",
        "Podemos usar sus datos para entrenar nuestros modelos de inteligencia artificial.",
        "ai-training",
        "permissive",
    ),
    ("es", "No utilizamos su contenido para entrenar nuestros modelos.", "ai-training", "protective"),
    (
        "pl",
        "Możemy wykorzystywać Twoje dane do trenowania modeli sztucznej inteligencji.",
        "ai-training",
        "permissive",
    ),
    (
        "pl",
        "Nie wykorzystujemy Twoich treści do trenowania naszych modeli AI bez Twojej zgody.",
        "ai-training",
        "protective",
    ),
    # content-licence
    (
        "fr",
        "En publiant du contenu, vous accordez à la société une licence non exclusive, mondiale, "
        "gratuite et transférable d'utilisation de ce contenu.",
        "content-licence",
        "permissive",
    ),
    (
        "fr",
        "La licence que vous nous accordez sur vos contenus prend fin lorsque vous les supprimez.",
        "content-licence",
        "protective",
    ),
    (
        "fr",
        "Vous restez propriétaire de l'ensemble des contenus que vous publiez.",
        "content-licence",
        "protective",
    ),
    (
        "de",
        "Sie räumen uns ein einfaches, weltweites und unentgeltliches Nutzungsrecht an den von Ihnen "
        "hochgeladenen Inhalten ein.",
        "content-licence",
        "permissive",
    ),
    ("de", "Sie bleiben Inhaber aller Rechte an Ihren Inhalten.", "content-licence", "protective"),
    (
        "it",
        "Caricando contenuti, l'utente concede a noi una licenza non esclusiva, gratuita e "
        "sublicenziabile per utilizzare tali contenuti.",
        "content-licence",
        "permissive",
    ),
    (
        "it",
        "L'utente mantiene la titolarità dei diritti sui contenuti caricati.",
        "content-licence",
        "protective",
    ),
    (
        "es",
        "Al publicar contenido, usted nos otorga una licencia mundial, no exclusiva y gratuita para "
        "usar dicho contenido.",
        "content-licence",
        "permissive",
    ),
    (
        "es",
        "Usted conserva todos los derechos de propiedad sobre su contenido.",
        "content-licence",
        "protective",
    ),
    (
        "pl",
        "Publikując treści, udzielasz nam niewyłącznej, nieodpłatnej licencji na korzystanie z tych treści.",
        "content-licence",
        "permissive",
    ),
    ("pl", "Użytkownik zachowuje wszelkie prawa do przesłanych treści.", "content-licence", "protective"),
    # data-sharing
    (
        "fr",
        "Nous pouvons partager vos données personnelles avec des tiers, notamment nos partenaires "
        "publicitaires.",
        "data-sharing",
        "permissive",
    ),
    ("fr", "Vos données sont transmises à nos sous-traitants.", "data-sharing", "permissive"),
    ("fr", "Nous ne vendons jamais vos données personnelles à des tiers.", "data-sharing", "protective"),
    ("de", "Wir können Ihre personenbezogenen Daten an Dritte weitergeben.", "data-sharing", "permissive"),
    ("de", "Ihre Daten werden an unsere Werbepartner übermittelt.", "data-sharing", "permissive"),
    ("de", "Wir verkaufen Ihre personenbezogenen Daten nicht an Dritte.", "data-sharing", "protective"),
    (
        "it",
        "Possiamo comunicare i tuoi dati personali a società terze e partner commerciali.",
        "data-sharing",
        "permissive",
    ),
    ("it", "Non cediamo a terzi i tuoi dati personali senza il tuo consenso.", "data-sharing", "protective"),
    (
        "es",
        "Podremos ceder sus datos personales a terceros con fines publicitarios.",
        "data-sharing",
        "permissive",
    ),
    ("es", "No vendemos sus datos personales a terceros.", "data-sharing", "protective"),
    (
        "pl",
        "Możemy udostępniać Twoje dane osobowe podmiotom trzecim, w tym naszym partnerom reklamowym.",
        "data-sharing",
        "permissive",
    ),
    ("pl", "Nie sprzedajemy Twoich danych osobowych podmiotom trzecim.", "data-sharing", "protective"),
]

# Sentences that look like a flag and are not one (no flag of the three expected).
LOOK_ALIKES = [
    ("fr", "Il vous est interdit d'utiliser le service pour entraîner un modèle concurrent."),
    (
        "fr",
        "Nous vous concédons une licence limitée, non exclusive et non cessible d'utilisation de l'application.",
    ),
    ("fr", "Le client s'engage à ne pas divulguer son mot de passe à un tiers."),
    ("fr", "Les produits vendus par nos partenaires ne sont pas couverts par la garantie."),
    ("fr", "Certains contenus du site peuvent être générés à l'aide de l'intelligence artificielle."),
    ("de", "Wir gewähren Ihnen eine nicht übertragbare Lizenz zur Nutzung der App."),
    ("de", "Sie dürfen Ihr Passwort nicht an Dritte weitergeben."),
    ("de", "Der Führerschein ist bei der Abholung des Fahrzeugs vorzulegen."),
    ("it", "All'utente è vietato utilizzare i servizi per addestrare modelli concorrenti."),
    ("it", "Ti concediamo una licenza limitata e non esclusiva per utilizzare l'app."),
    ("es", "Le otorgamos una licencia limitada y no exclusiva para usar la aplicación."),
    ("es", "Los productos vendidos por terceros no están cubiertos por esta garantía."),
    ("pl", "Udzielamy Ci ograniczonej, niewyłącznej licencji na korzystanie z aplikacji."),
    ("pl", "Zabrania się wykorzystywania usług do trenowania konkurencyjnych modeli."),
]

THREE = {"ai-training", "content-licence", "data-sharing"}


@pytest.mark.parametrize(("language", "sentence", "category", "polarity"), FLAGGED)
def test_flag_and_polarity(language: str, sentence: str, category: str, polarity: str) -> None:
    """Each of the three flags is found in each language, with the right polarity."""
    hits = {h.category: h for h in lang_hits(sentence, language)}
    assert category in hits, sentence
    assert hits[category].polarity == polarity, sentence
    assert hits[category].rule == category
    assert hits[category].explanation.isascii()  # explanations stay in English


@pytest.mark.parametrize(("language", "sentence"), LOOK_ALIKES)
def test_look_alikes_not_flagged(language: str, sentence: str) -> None:
    """User-side bans, licences granted to the user, goods sold by partners: none of the three flags."""
    assert not THREE & {h.category for h in lang_hits(sentence, language)}, sentence


def test_every_language_covers_both_polarities_of_each_flag() -> None:
    """The table above really covers the five languages, three flags and both polarities."""
    for language in LANGUAGES:
        for cat in THREE:
            pols = {p for lang, _, c, p in FLAGGED if lang == language and c == cat}
            assert pols == {"permissive", "protective"}, (language, cat)


def test_licence_breadth_sets_severity() -> None:
    """A transferable / sublicensable licence is high severity; a plain one is medium."""
    broad = lang_hits(FLAGGED[12][1], "fr")
    plain = lang_hits("Vous nous accordez une licence d'utilisation de vos contenus.", "fr")
    assert {h.category: h.severity for h in broad}["content-licence"] == "high"
    assert "transferable" in {h.category: h for h in broad}["content-licence"].scope
    assert {h.category: h.severity for h in plain}["content-licence"] == "medium"


def test_english_and_unknown_languages_are_left_to_the_english_rules() -> None:
    """lang_hits answers nothing for English or an undetermined language."""
    assert lang_hits("We may share your personal data with third parties.", "en") == []
    assert lang_hits("Nous pouvons partager vos données avec des tiers.", "und") == []


def test_flag_section_uses_the_language() -> None:
    """A German section is flagged with German rules; the excerpt keeps the German text."""
    text = "§ 5 Datenschutz\nWir können Ihre personenbezogenen Daten an Dritte weitergeben."
    sec = Section(id="5", number="§ 5", title="Datenschutz", level=1, text=text, hash="h")
    flags = flag_section(sec, language="de")
    share = [f for f in flags if f.category == "data-sharing"]
    assert share and "an Dritte weitergeben" in share[0].excerpt
    assert share[0].polarity == "permissive"
    assert not [f for f in flag_section(sec, language="en") if f.category == "data-sharing"]  # English rules
    # Without a language, the section's own is detected: the same German flag.
    assert [f.excerpt for f in flag_section(sec) if f.category == "data-sharing"] == [share[0].excerpt]


def test_flag_changes_direction_in_french() -> None:
    """A French clause turning from 'we do not share' to 'we may share' is flagged worse, widened."""
    old = "Nous ne partageons pas vos données personnelles avec des tiers."
    new = "Nous pouvons partager vos données personnelles avec des tiers et nos partenaires publicitaires."
    ch = SectionChange(kind="modified", old_id="4", new_id="4", title="Données", old_text=old, new_text=new)
    flags = [f for f in flag_changes([ch], language="fr") if f.category == "data-sharing"]
    assert flags and flags[0].change == "modified"
    assert (flags[0].direction, flags[0].scope) == ("worse", "widened")


def test_disable_applies_in_every_language(tmp_path) -> None:
    """`[flags] disable = ["data-sharing"]` turns the rule off in French too."""
    rules = parse_rules([], ["data-sharing"], str(tmp_path / "config.toml"))
    sentence = "Nous pouvons partager vos données personnelles avec des tiers."
    assert "data-sharing" in flag_sentence_categories(sentence, language="fr")
    assert "data-sharing" not in flag_sentence_categories(sentence, rules, language="fr")


@pytest.mark.parametrize(
    ("language", "sentence", "category"),
    [
        ("fr", "Tout litige sera soumis à la compétence exclusive des tribunaux de Paris.", "jurisdiction"),
        ("fr", "Les présentes conditions sont régies par la loi française.", "choice-of-law"),
        ("es", "Estas condiciones se rigen por la legislación española.", "choice-of-law"),
        ("es", "Cualquier controversia se someterá a arbitraje vinculante.", "arbitration"),
    ],
)
def test_claudette_keywords_french_spanish(language: str, sentence: str, category: str) -> None:
    """French and Spanish CLAUDETTE categories come from keyword rules."""
    hits = {h.category: h for h in lang_hits(sentence, language)}
    assert category in hits
    assert hits[category].rule == f"keywords-{category}"


MODEL_SENTENCES = {
    "de": [
        ("Ausschließlicher Gerichtsstand für alle Streitigkeiten ist Dublin, Irland.", "jurisdiction"),
        ("Wir behalten uns das Recht vor, diese Bedingungen jederzeit zu ändern.", "unilateral-change"),
        ("In keinem Fall haften wir für indirekte Schäden oder Folgeschäden.", "liability"),
    ],
    "it": [
        (
            "Le parti convengono che qualsiasi controversia sarà devoluta alla competenza esclusiva dei "
            "tribunali irlandesi.",
            "jurisdiction",
        ),
        (
            "Ci riserviamo il diritto di modificare i presenti termini in qualsiasi momento.",
            "unilateral-change",
        ),
        ("In nessun caso saremo responsabili per danni indiretti o consequenziali.", "liability"),
    ],
    "pl": [
        ("Sądem właściwym do rozstrzygania wszelkich sporów jest wyłącznie sąd w Dublinie.", "jurisdiction"),
        (
            "Zastrzegamy sobie prawo do zmiany niniejszego regulaminu w dowolnym momencie.",
            "unilateral-change",
        ),
        ("W żadnym wypadku nie ponosimy odpowiedzialności za szkody pośrednie.", "liability"),
    ],
}


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_claudette_models_ship_and_flag(language: str) -> None:
    """The shipped German, Italian and Polish models flag plain clauses of their categories."""
    model = lang_model(language)
    assert model is not None
    for sentence, category in MODEL_SENTENCES[language]:
        hits = {h.category: h for h in lang_hits(sentence, language)}
        assert category in hits, sentence
        assert hits[category].rule == f"model-{category}"
    assert not model.predict("Die App ist für iOS und Android verfügbar." if language == "de" else "Ciao.")


@pytest.mark.skipif(not (SHARED_DATA / "clauses" / "labels-fr.jsonl").exists(), reason="shared data absent")
def test_french_labelled_clauses_mostly_found() -> None:
    """On the French labelled clauses, most flagged sentences are found and no look-alike is flagged."""
    import json

    rows = [
        json.loads(line) for line in (SHARED_DATA / "clauses" / "labels-fr.jsonl").read_text().splitlines()
    ]
    pos = [r for r in rows if r["category"] != "none"]
    neg = [r for r in rows if r["category"] == "none"]
    found = sum(1 for r in pos if r["category"] in {h.category for h in lang_hits(r["text"], "fr")})
    flagged = sum(1 for r in neg if THREE & {h.category for h in lang_hits(r["text"], "fr")})
    assert found >= 0.85 * len(pos)
    assert flagged <= 0.1 * len(neg)


def test_french_grant_by_a_pronoun_for_the_user_is_a_content_licence() -> None:
    """'L'Utilisateur reste propriétaire… Il concède à X une licence': the grant is the user's, taken up
    by a pronoun; a licence the provider grants *to* the user is not one."""
    grants = [
        "Il concède à Nuage SAS une licence non exclusive, mondiale et gratuite de reproduction de ses Contenus.",
        "Elle accorde à la Société une licence gratuite et mondiale sur les photos publiées.",
    ]
    for sentence in grants:
        assert flag_sentence_categories(sentence, language="fr").get("content-licence") == "permissive"
    not_grants = [
        "Nuage SAS concède à l'Utilisateur une licence non exclusive et personnelle d'utilisation du logiciel "
        "et de ses contenus.",
        "Il vous concède une licence limitée d'utilisation des contenus du Service.",
    ]
    for sentence in not_grants:
        assert "content-licence" not in flag_sentence_categories(sentence, language="fr")
