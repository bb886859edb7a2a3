"""The three tosdiff flags in German, Italian, Polish, Spanish and French, worded the ways each legal
tradition words them: licence grants in every word order and without the word "licence", licences
that end on deletion, ownership kept, sharing with the verb split or last, passive voice, negations
that rule sharing or training out, and the look-alikes (third countries, disclaimers, data coming
in, the user's own sharing, licences granted to the user) left alone. The last tests read the real
sentences of bench/data/labels-i18n.jsonl (skipped without ../shared/data)."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, shared_data
from tosdiff.flags.i18n_rules import flag_hits

# (language, sentence, category, polarity)
FLAGGED = [
    # content-licence: grants in every word order
    (
        "de",
        "Mit dem Hochladen räumst du uns ein einfaches, weltweites Nutzungsrecht an deinen Inhalten ein.",
        "content-licence",
        "permissive",
    ),
    (
        "de",
        "Hiermit gewähren Sie uns das unwiderrufliche Recht, Ihre Fotos zu vervielfältigen und zu verbreiten.",
        "content-licence",
        "permissive",
    ),
    (
        "de",
        "Dafür ist es erforderlich, dass du uns eine Lizenz zur Nutzung deiner Beiträge erteilst.",
        "content-licence",
        "permissive",
    ),
    (
        "de",
        "Der Nutzer gestattet dem Anbieter die Nutzung der von ihm erstellten Inhalte.",
        "content-licence",
        "permissive",
    ),
    (
        "de",
        "Diese Lizenz gilt, bis die Inhalte aus unseren Systemen gelöscht worden sind.",
        "content-licence",
        "protective",
    ),
    ("de", "Die Rechte an Ihren Inhalten verbleiben bei Ihnen.", "content-licence", "protective"),
    (
        "de",
        "Wir beanspruchen kein Eigentum an den Inhalten, die Sie hochladen.",
        "content-licence",
        "protective",
    ),
    (
        "it",
        "L'utente deve concedere alla Società una licenza non esclusiva per l'uso dei contenuti pubblicati.",
        "content-licence",
        "permissive",
    ),
    (
        "it",
        "Pubblicando le tue foto, autorizzi la Società a memorizzarle, copiarle e distribuirle.",
        "content-licence",
        "permissive",
    ),
    (
        "it",
        "Accetti di concedere a noi un diritto gratuito e perpetuo di utilizzare i tuoi contenuti.",
        "content-licence",
        "permissive",
    ),
    (
        "it",
        "La licenza continuerà a esistere fino all'eliminazione completa dei contenuti.",
        "content-licence",
        "protective",
    ),
    (
        "it",
        "L'utente è titolare dei diritti di proprietà intellettuale dei contenuti che crea.",
        "content-licence",
        "protective",
    ),
    (
        "pl",
        "Użytkownik udziela nam niewyłącznej, nieodpłatnej licencji na korzystanie z jego treści.",
        "content-licence",
        "permissive",
    ),
    (
        "pl",
        "Udostępniając zdjęcie, użytkownik udziela nam zgody na przechowywanie i kopiowanie go.",
        "content-licence",
        "permissive",
    ),
    (
        "pl",
        "Udzielają Państwo spółce nieodwołalnej licencji na publikowanie przesłanych treści.",
        "content-licence",
        "permissive",
    ),
    (
        "pl",
        "Licencja wygaśnie w momencie usunięcia treści użytkownika z naszych systemów.",
        "content-licence",
        "protective",
    ),
    (
        "pl",
        "Użytkownik zachowuje wszelkie prawa własności do swoich treści.",
        "content-licence",
        "protective",
    ),
    (
        "es",
        "Al publicar contenido, usted nos otorga una licencia mundial y gratuita para usar dicho contenido.",
        "content-licence",
        "permissive",
    ),
    (
        "es",
        "Usted conserva la propiedad de todos los contenidos que publique.",
        "content-licence",
        "protective",
    ),
    (
        "fr",
        "L'utilisateur concède à la société une licence mondiale sur les contenus qu'il publie.",
        "content-licence",
        "permissive",
    ),
    # data-sharing: verb last or split, passive, negated, restricted
    ("de", "Wir geben Ihre personenbezogenen Daten an Werbepartner weiter.", "data-sharing", "permissive"),
    (
        "de",
        "Ihre Daten können an externe Dienstleister, die in unserem Auftrag tätig sind, übermittelt werden.",
        "data-sharing",
        "permissive",
    ),
    ("de", "Eine Weitergabe an Dritte findet nicht statt.", "data-sharing", "protective"),
    (
        "de",
        "Wir geben Ihre personenbezogenen Daten nur dann an Dritte weiter, wenn Sie eingewilligt haben.",
        "data-sharing",
        "protective",
    ),
    (
        "it",
        "I tuoi dati personali potranno essere comunicati a società terze che svolgono attività di marketing.",
        "data-sharing",
        "permissive",
    ),
    ("it", "Non cediamo a terzi i tuoi dati personali.", "data-sharing", "protective"),
    (
        "pl",
        "Możemy udostępniać dane osobowe podmiotom trzecim świadczącym usługi marketingowe.",
        "data-sharing",
        "permissive",
    ),
    ("pl", "Nie sprzedajemy danych osobowych reklamodawcom.", "data-sharing", "protective"),
    (
        "es",
        "Podemos compartir su información personal con terceros que prestan servicios en nuestro nombre.",
        "data-sharing",
        "permissive",
    ),
    ("es", "No vendemos sus datos personales a terceros.", "data-sharing", "protective"),
    (
        "fr",
        "Certaines fonctionnalités sont assurées par des tiers et peuvent entraîner un transfert de données.",
        "data-sharing",
        "permissive",
    ),
    # ai-training: passive voice and negation, and machine learning as the means of improving
    (
        "pl",
        "Twoje dane mogą być wykorzystywane do trenowania naszych modeli sztucznej inteligencji.",
        "ai-training",
        "permissive",
    ),
    (
        "pl",
        "Nie wykorzystujemy Twoich treści do trenowania modeli sztucznej inteligencji.",
        "ai-training",
        "protective",
    ),
    (
        "es",
        "No utilizamos sus datos para entrenar nuestros modelos de inteligencia artificial.",
        "ai-training",
        "protective",
    ),
    (
        "it",
        "I tuoi contenuti non vengono utilizzati per addestrare i nostri modelli di intelligenza artificiale.",
        "ai-training",
        "protective",
    ),
    (
        "de",
        "Ihre Inhalte werden nicht zum Training unserer KI-Modelle verwendet.",
        "ai-training",
        "protective",
    ),
    (
        "de",
        "Wir nutzen Ihre Daten, um neue Funktionen zu entwickeln, einschließlich durch maschinelles Lernen.",
        "ai-training",
        "permissive",
    ),
    (
        "fr",
        "Nous utilisons vos données pour améliorer nos services, y compris par le biais de l'apprentissage "
        "automatique.",
        "ai-training",
        "permissive",
    ),
    (
        "it",
        "Utilizziamo i tuoi dati per migliorare il servizio, anche mediante apprendimento automatico.",
        "ai-training",
        "permissive",
    ),
    (
        "es",
        "Utilizamos sus datos para mejorar el servicio mediante aprendizaje automático.",
        "ai-training",
        "permissive",
    ),
    (
        "pl",
        "Wykorzystujemy dane do ulepszania usług za pomocą uczenia maszynowego.",
        "ai-training",
        "permissive",
    ),
    (
        "fr",
        "Nous pouvons utiliser des données qui ne permettent pas de vous identifier pour améliorer nos services "
        "grâce à l'apprentissage automatique.",
        "ai-training",
        "permissive",
    ),
]

# (language, sentence, category that must NOT be flagged)
LOOKALIKES = [
    # third countries are not third parties
    (
        "de",
        "Wir übermitteln personenbezogene Daten nur in Drittländer mit angemessenem Datenschutzniveau.",
        "data-sharing",
    ),
    (
        "it",
        "I dati personali possono essere trasferiti verso paesi terzi con garanzie adeguate.",
        "data-sharing",
    ),
    # data coming to the provider
    (
        "de",
        "Wenn Sie uns Daten über andere Personen mitteilen, verarbeiten wir diese in Ihrem Auftrag.",
        "data-sharing",
    ),
    (
        "pl",
        "Pozwalamy reklamodawcom na przekazywanie nam informacji o ich grupach odbiorców.",
        "data-sharing",
    ),
    # disclaimers, assignment, the user's own sharing, warranties, viruses
    (
        "de",
        "Wir sind nicht verantwortlich für die Übermittlung Ihrer Daten an Websites Dritter.",
        "data-sharing",
    ),
    ("de", "Wir können alle Rechte und Pflichten aus diesem Vertrag auf Dritte übertragen.", "data-sharing"),
    (
        "fr",
        "Nous vous invitons à la prudence lorsque vous divulguez des informations vous concernant à des tiers.",
        "data-sharing",
    ),
    (
        "pl",
        "Przesyłanie wirusów lub uszkodzonych danych do serwerów naszych partnerów jest zabronione.",
        "data-sharing",
    ),
    (
        "de",
        "Sie versichern, dass das Teilen der Benutzerinhalte keine Rechte Dritter verletzt.",
        "data-sharing",
    ),
    # licences granted to the user, user-side bans, the provider's own rights
    (
        "de",
        "Wir gewähren Ihnen eine beschränkte, nicht übertragbare Lizenz zur Nutzung der App.",
        "content-licence",
    ),
    ("de", "Sie verpflichten sich, die Inhalte nicht zu verkaufen oder zu lizenzieren.", "content-licence"),
    (
        "it",
        "L'utente accetta di non vendere, concedere in licenza o distribuire i materiali del servizio.",
        "content-licence",
    ),
    ("pl", "Udzielamy użytkownikowi ograniczonej licencji na korzystanie z aplikacji.", "content-licence"),
    ("pl", "Rovio zachowuje wszelkie prawa autorskie do usług i ich treści.", "content-licence"),
    ("de", "Sie behalten alle Urheberrechts- und sonstigen Eigentumshinweise bei.", "content-licence"),
    # training in another sense
    (
        "pl",
        "Przetwarzamy dane do celów szkoleniowych naszych pracowników działu obsługi klienta.",
        "ai-training",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "category", "polarity"), FLAGGED)
def test_flagged_with_its_polarity(lang: str, sentence: str, category: str, polarity: str) -> None:
    """Each clause is flagged with its category and the polarity it reads with."""
    hits = {h.category: h.polarity for h in flag_hits(sentence, lang)}
    assert hits.get(category) == polarity, hits


@pytest.mark.parametrize(("lang", "sentence", "category"), LOOKALIKES)
def test_lookalike_left_alone(lang: str, sentence: str, category: str) -> None:
    """A sentence that only looks like the clause is not flagged with its category."""
    assert category not in {h.category for h in flag_hits(sentence, lang)}


def test_licence_breadth_reaches_the_hit() -> None:
    """A broad licence in German carries its breadth terms, so a widened licence can be told apart."""
    hits = flag_hits(
        "Sie räumen uns ein unwiderrufliches, weltweites und unterlizenzierbares Nutzungsrecht an Ihren Inhalten ein.",
        "de",
    )
    (hit,) = [h for h in hits if h.category == "content-licence"]
    assert {"irrevocable", "worldwide", "sublicensable"} <= set(hit.scope)


def _corpus():  # noqa: ANN202 - a module of bench/, imported only when the shared data is there
    shared_data("claudette-2020")
    sys.path.insert(0, str(ROOT / "bench"))
    import i18n_corpus

    return i18n_corpus


def test_every_label_resolves_to_a_real_sentence() -> None:
    """The labels are references (file, sentence sha1): all of them still resolve to a sentence."""
    corpus = _corpus()
    labels, missing = corpus.labels()
    assert missing == 0
    assert len(labels) > 1500
    assert {lab.category for lab in labels} <= {
        "ai-training",
        "content-licence",
        "data-sharing",
        "none",
        "ambiguous",
    }
    assert {lab.sentence.lang for lab in labels} == {"de", "it", "pl", "es", "fr"}


@pytest.mark.parametrize("category", ["content-licence", "data-sharing"])
def test_recall_on_the_tuning_companies_holds(category: str) -> None:
    """On the companies the rules were written against, each flag keeps finding its labelled sentences
    in German, Italian and Polish, and flags few of the look-alikes (held-out figures: the bench)."""
    corpus = _corpus()
    labels, _ = corpus.labels()
    tuning = [lab for lab in labels if not corpus.held_out(lab.sentence.company)]
    for lang in ("de", "it", "pl"):
        pos = [lab for lab in tuning if lab.sentence.lang == lang and lab.category == category]
        neg = [lab for lab in tuning if lab.sentence.lang == lang and lab.category == "none"]
        found = sum(category in {h.category for h in flag_hits(lab.sentence.text, lang)} for lab in pos)
        flagged = sum(category in {h.category for h in flag_hits(lab.sentence.text, lang)} for lab in neg)
        assert found >= 0.8 * len(pos), (lang, found, len(pos))
        assert flagged <= 0.02 * len(neg), (lang, flagged, len(neg))
