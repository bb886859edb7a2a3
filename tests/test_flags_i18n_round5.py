"""The fifth round of data-sharing in French, German, Italian, Spanish and Polish: data coming TO the
provider ("partners share with us", "we receive information from sellers": labelled none by the
clauses README) is not sharing, but a sentence that also passes data on still is; the user's own
duties ("the user undertakes not to disclose them to third parties", "Sie dürfen keine Informationen
an Dritte weitergeben") and the provider's disclaimers are not sharing. Short real-style sentences
written for these tests."""

from __future__ import annotations

import pytest

from tosdiff.flags.i18n_rules import flag_hits, words_of

SHARING = "data-sharing"

# Data received from others: not a sharing.
INBOUND = [
    ("fr", "Ces partenaires partagent également avec nous des informations comme les identifiants mobiles."),
    (
        "fr",
        "Si vous vous connectez par un autre service, ce dernier nous communiquera vos informations personnelles.",
    ),
    (
        "fr",
        "Nous recevons des informations vous concernant de la part des vendeurs et des prestataires de paiement.",
    ),
    ("fr", "Nous pouvons obtenir des données personnelles auprès de nos partenaires de paiement."),
    ("de", "Unsere Werbepartner teilen mit uns Informationen über Ihre Aktivitäten auf anderen Websites."),
    ("de", "Wir erhalten personenbezogene Daten von unseren Partnern, wenn Sie sich über diese anmelden."),
    ("it", "I partner pubblicitari condividono con noi informazioni sulle tue attività."),
    ("it", "Riceviamo dati personali da partner commerciali quando ti registri tramite i loro servizi."),
    ("es", "Los socios publicitarios comparten con nosotros información sobre sus actividades."),
    ("es", "Obtenemos información personal de terceros, como plataformas de pago."),
    ("pl", "Otrzymujemy informacje o Tobie od naszych partnerów reklamowych."),
]

# Both at once: the outward sharing still counts.
BOTH = [
    (
        "fr",
        "Nous recevons des informations de la part des vendeurs et partageons vos données personnelles avec nos annonceurs.",
    ),
    (
        "de",
        "Wir erhalten Informationen von unseren Partnern und geben Ihre personenbezogenen Daten an Werbepartner weiter.",
    ),
    (
        "it",
        "Riceviamo informazioni da partner pubblicitari e condividiamo i tuoi dati personali con inserzionisti terzi.",
    ),
    (
        "es",
        "Recibimos información de socios publicitarios y compartimos sus datos personales con anunciantes.",
    ),
    ("pl", "Otrzymujemy informacje od partnerów i udostępniamy Twoje dane osobowe reklamodawcom."),
]

# The provider's own sharing, both polarities: unchanged by this round.
PROVIDER = [
    ("fr", "Nous transmettons vos données personnelles à des tiers à des fins publicitaires.", "permissive"),
    ("fr", "Nous communiquerons vos données personnelles à nos partenaires publicitaires.", "permissive"),
    ("fr", "Nous ne fournissons jamais vos données personnelles à des tiers.", "protective"),
    ("de", "Wir geben Ihre personenbezogenen Daten nicht an Dritte weiter.", "protective"),
    ("pl", "Udostępniamy Twoje dane osobowe podmiotom trzecim.", "permissive"),
]

# The user's duties and the provider's disclaimers.
USER_AND_DISCLAIMER = [
    (
        "fr",
        "Nous vous recommandons vivement de ne pas fournir à des tiers des documents contenant vos données personnelles.",
    ),
    ("de", "Sie dürfen keine Informationen über andere Nutzer an Dritte weitergeben."),
    (
        "de",
        "Sie müssen sicherstellen, dass Sie beim Bezahlen die Sitzungsdaten an den Zahlungsdienst weitergeben, wenn Dritte beteiligt sind.",
    ),
    (
        "it",
        "Ogni Utente si impegna a mantenere aggiornati i propri dati di accesso e a non divulgarli a terzi.",
    ),
    ("pl", "Każdy Użytkownik zobowiązuje się do nieprzekazywania swoich danych logowania osobom trzecim."),
    ("pl", "Nie udostępniaj swoich danych logowania nikomu poza zaufanym podmiotem zewnętrznym."),
    ("pl", "Nie ponosimy odpowiedzialności za ujawnianie danych osobowych przez strony trzecie."),
]


@pytest.mark.parametrize(("lang", "sentence"), INBOUND + USER_AND_DISCLAIMER)
def test_not_a_sharing(lang: str, sentence: str) -> None:
    """Data received by the provider, the user's duties and disclaimers are not flagged as sharing."""
    assert SHARING not in {h.category for h in flag_hits(sentence, lang)}, sentence


@pytest.mark.parametrize(("lang", "sentence"), BOTH)
def test_receiving_does_not_hide_a_sharing(lang: str, sentence: str) -> None:
    """A sentence that receives data and also passes data on is still a (permissive) sharing."""
    hits = {h.category: h.polarity for h in flag_hits(sentence, lang)}
    assert hits.get(SHARING) == "permissive", (hits, sentence)


@pytest.mark.parametrize(("lang", "sentence", "polarity"), PROVIDER)
def test_provider_sharing_keeps_its_polarity(lang: str, sentence: str, polarity: str) -> None:
    """The provider's own sharing (with "nous" as its subject, or ruled out) is flagged as before."""
    hits = {h.category: h.polarity for h in flag_hits(sentence, lang)}
    assert hits.get(SHARING) == polarity, (hits, sentence)


def test_fifth_round_classes_exist_in_every_language() -> None:
    """Every language has the inbound clause; the user's duties exist where a round added them."""
    for lang in ("fr", "de", "it", "es", "pl"):
        words = words_of(lang)
        assert words is not None and "inbound_clause" in words and "user_duty" in words


# Personal data shared with no recipient named: ruled out, or a lead-in of the cases or recipients.
IMPLICIT = [
    ("fr", "Nous ne partageons jamais vos données personnelles.", "protective"),
    ("de", "Wir geben Ihre personenbezogenen Daten nicht weiter.", "protective"),
    ("it", "Non vendiamo mai i tuoi dati personali.", "protective"),
    ("pl", "Nigdy nie sprzedajemy Twoich danych osobowych.", "protective"),
    (
        "es",
        "También podemos compartir información personal bajo las siguientes circunstancias:",
        "permissive",
    ),
    ("fr", "Nous pouvons partager vos données personnelles dans les cas suivants :", "permissive"),
]

# ... and what stays unflagged without a recipient: the user's acts and duties, a processing lead-in.
IMPLICIT_NOT = [
    ("fr", "Vous pouvez partager vos données personnelles :"),
    ("fr", "Vous ne devez pas partager vos données personnelles."),
    (
        "es",
        "Podemos recolectar, utilizar, comunicar y procesar la información personal para los siguientes fines:",
    ),
    ("it", "Possiamo comunicare i dati personali per rispondere alle tue richieste."),
]


@pytest.mark.parametrize(("lang", "sentence", "polarity"), IMPLICIT)
def test_sharing_with_no_recipient_named(lang: str, sentence: str, polarity: str) -> None:
    """A sharing of personal data whose recipient is implicit is flagged with its polarity."""
    hits = {h.category: h.polarity for h in flag_hits(sentence, lang)}
    assert hits.get(SHARING) == polarity, (hits, sentence)


@pytest.mark.parametrize(("lang", "sentence"), IMPLICIT_NOT)
def test_no_recipient_and_not_the_providers_sharing(lang: str, sentence: str) -> None:
    """Without a recipient, the user's acts, duties and a lead-in of all processing are not flagged."""
    assert SHARING not in {h.category for h in flag_hits(sentence, lang)}, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Dans des circonstances exceptionnelles, nous pouvons aussi communiquer des données à caractère "
        "personnel d'une façon qui n'a pas été mentionnée ci-dessus :",
        "Nous ne partagerons les données personnelles suivantes qu'avec les destinataires spécifiés dans le "
        "tableau plus bas :",
    ],
)
def test_a_french_lead_in_of_sharing_is_never_protective(sentence: str) -> None:
    """A lead-in ending with a colon, or "ne ... qu'avec" (only with), is a sharing, not a promise."""
    hits = {h.category: h.polarity for h in flag_hits(sentence, "fr")}
    assert hits.get(SHARING) == "permissive", (hits, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nous ne vendons pas les données personnelles que vous nous confiez.",
        "Nous ne partageons jamais les informations personnelles que vous nous fournissez avec des annonceurs.",
    ],
)
def test_a_relative_que_keeps_the_french_promise(sentence: str) -> None:
    """A relative "que" (the data "que vous nous confiez") is not "ne ... que" (only)."""
    hits = {h.category: h.polarity for h in flag_hits(sentence, "fr")}
    assert hits.get(SHARING) == "protective", (hits, sentence)
