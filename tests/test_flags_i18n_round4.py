"""The fourth round of the three flags in French, German, Italian, Spanish and Polish: the kinds of
wording the held-out companies' misses showed, mirrored in every language (a licence the provider
needs or obtains from the user, a right named by what it allows with its breadth in between, grant
participles and passives, a licence described by its breadth or one list item of it, the provider
authorised to use the users' content, a licence the user can withdraw, the provider acquiring no
rights, ownership as an exception to the licence), sharing with external companies, and the
look-alikes these resemble (warranties of ownership, licences to the user, permissions over personal
data, the user handling another user's data). Short real-style sentences written for these tests."""

from __future__ import annotations

import pytest

from tosdiff.flags.i18n_rules import flag_hits, words_of

LICENCE = "content-licence"
SHARING = "data-sharing"

# (language, sentence, category, polarity)
FLAGGED = [
    # A licence the provider needs or obtains from the user, with no content named.
    (
        "fr",
        "Pour exploiter le service, nous avons besoin que vous nous accordiez certains droits (une licence).",
        LICENCE,
        "permissive",
    ),
    (
        "de",
        "Sie müssen der Firma jedoch eine beschränkte Lizenz erteilen, damit wir den Dienst betreiben können.",
        LICENCE,
        "permissive",
    ),
    ("de", "Dazu müssen wir von Ihnen bestimmte Nutzungsrechte einholen.", LICENCE, "permissive"),
    (
        "it",
        "Per gestire il Servizio è necessario ottenere dall'utente alcuni diritti di licenza limitati.",
        LICENCE,
        "permissive",
    ),
    (
        "it",
        "Richiediamo che tu conceda determinati diritti alla Società come descritto di seguito.",
        LICENCE,
        "permissive",
    ),
    ("pl", "Musisz jednak przyznać Spółce ograniczoną licencję opisaną poniżej.", LICENCE, "permissive"),
    (
        "pl",
        "Aby świadczyć Usługę, musimy uzyskać od Ciebie pewne uprawnienia licencyjne.",
        LICENCE,
        "permissive",
    ),
    (
        "es",
        "Para prestar el servicio necesitamos que nos otorgues una licencia sobre tus publicaciones.",
        LICENCE,
        "permissive",
    ),
    # A right named by what it allows, its breadth in between, without the word licence.
    (
        "fr",
        "Le membre accorde à la Société le droit non exclusif, mondial et gratuit d'utiliser les photos publiées.",
        LICENCE,
        "permissive",
    ),
    (
        "it",
        "L'utente concede alla Società il diritto, gratuito e mondiale, di ospitare e mostrare le proprie foto.",
        LICENCE,
        "permissive",
    ),
    (
        "it",
        "Concedi alla piattaforma il diritto alla monetizzazione dei tuoi contenuti.",
        LICENCE,
        "permissive",
    ),
    ("pl", "Udzielasz Spółce prawa do przechowywania i wyświetlania Twoich zdjęć.", LICENCE, "permissive"),
    (
        "pl",
        "Zgadzasz się na udzielenie nam pełnomocnictwa do wykorzystywania przesłanych treści.",
        LICENCE,
        "permissive",
    ),
    (
        "de",
        "Der Kunde räumt dem Anbieter das Recht zur Nutzung seiner hochgeladenen Fotos ein.",
        LICENCE,
        "permissive",
    ),
    (
        "es",
        "El usuario otorga a la empresa el derecho gratuito y mundial de reproducir sus fotos.",
        LICENCE,
        "permissive",
    ),
    # Verb-first third person, plural subjects, "trasferisce".
    (
        "de",
        "Hiermit räumt jeder Nutzer dem Betreiber ein einfaches Nutzungsrecht an seinen Beiträgen ein.",
        LICENCE,
        "permissive",
    ),
    (
        "fr",
        "Les membres accordent à l'éditeur une licence d'exploitation de leurs photos.",
        LICENCE,
        "permissive",
    ),
    (
        "it",
        "L'utente trasferisce alla Società una licenza gratuita sui propri contenuti.",
        LICENCE,
        "permissive",
    ),
    # Grant participles: the licences granted to a named party, passive grants.
    (
        "de",
        "Die der Firma gewährten Lizenzen gelten auch für Inhalte aus verbundenen Apps.",
        LICENCE,
        "permissive",
    ),
    (
        "it",
        "Le licenze concesse alla Società valgono anche per i contenuti caricati tramite app esterne.",
        LICENCE,
        "permissive",
    ),
    (
        "pl",
        "Licencje przyznane Spółce obejmują również treści przesłane przez aplikacje partnerów.",
        LICENCE,
        "permissive",
    ),
    (
        "es",
        "Las licencias otorgadas a la empresa se aplican también a los contenidos subidos desde otras apps.",
        LICENCE,
        "permissive",
    ),
    ("fr", "La licence concédée restera en vigueur pour les contenus déjà partagés.", LICENCE, "permissive"),
    # A licence described by its breadth (three breadth terms), and one list item of it.
    (
        "de",
        "Diese Rechte sind gebührenfrei, übertragbar, unterlizenzierbar und weltweit gültig.",
        LICENCE,
        "permissive",
    ),
    ("it", "Tali licenze sono gratuite, trasferibili, globali e irrevocabili.", LICENCE, "permissive"),
    ("es", "Dichas licencias son gratuitas, mundiales, transferibles e irrevocables.", LICENCE, "permissive"),
    ("fr", "*   mondiale (la licence vaut dans tous les pays), et", LICENCE, "permissive"),
    ("fr", "- gratuite (nous ne vous payons pas pour cette licence) ;", LICENCE, "permissive"),
    ("de", "* weltweit (die Lizenz gilt in allen Ländern);", LICENCE, "permissive"),
    ("pl", "* niewyłączna (możesz udzielić licencji także innym);", LICENCE, "permissive"),
    ("fr", "Cette autorisation est valable pour le monde entier.", LICENCE, "permissive"),
    # The provider authorised to use the users' content.
    (
        "fr",
        "La Société est notamment autorisée à reproduire et diffuser les contenus utilisateurs.",
        LICENCE,
        "permissive",
    ),
    (
        "fr",
        "Sont notamment compris le droit de reproduction et le droit de représentation sur tout support.",
        LICENCE,
        "permissive",
    ),
    # Protective: the user can withdraw the licence, it ends on removal.
    (
        "de",
        "Sie können diese Lizenz jederzeit widerrufen, indem Sie Ihre Inhalte löschen.",
        LICENCE,
        "protective",
    ),
    (
        "fr",
        "Vous pouvez à tout moment révoquer cette licence en supprimant vos contenus.",
        LICENCE,
        "protective",
    ),
    (
        "it",
        "Puoi revocare questa licenza in qualsiasi momento eliminando i tuoi contenuti.",
        LICENCE,
        "protective",
    ),
    ("pl", "Możesz w każdej chwili wycofać tę licencję, usuwając swoje treści.", LICENCE, "protective"),
    (
        "es",
        "Puedes revocar esta licencia en cualquier momento eliminando tus contenidos.",
        LICENCE,
        "protective",
    ),
    (
        "it",
        "Le licenze che concedi restano valide fino al momento in cui i tuoi contenuti vengono rimossi.",
        LICENCE,
        "protective",
    ),
    # Protective: the provider acquires no rights; ownership kept; the licence only as the exception.
    ("it", "I contenuti caricati restano di proprietà dell'utente.", LICENCE, "protective"),
    (
        "it",
        "La Società non rivendicherà la titolarità dei contenuti creati dagli utenti.",
        LICENCE,
        "protective",
    ),
    ("pl", "Zachowujesz prawa autorskie do swoich treści.", LICENCE, "protective"),
    ("pl", "Spółka nie rości sobie również praw własności do treści użytkowników.", LICENCE, "protective"),
    (
        "de",
        "Mit Ausnahme dieser Lizenz erwirbt die Firma keinerlei Rechte an Ihren Inhalten.",
        LICENCE,
        "protective",
    ),
    (
        "pl",
        "Poza niniejszą licencją Spółka nie uzyskuje żadnych praw do Twoich treści.",
        LICENCE,
        "protective",
    ),
    # Sharing with external companies, another company's group, "mitteilen", "tierces".
    ("pl", "Możemy przekazywać podmiotom zewnętrznym dane osobowe użytkowników.", SHARING, "permissive"),
    (
        "pl",
        "Możemy udostępniać informacje o koncie firmom zewnętrznym w celach reklamowych.",
        SHARING,
        "permissive",
    ),
    ("es", "Podemos compartir sus datos con empresas de publicidad externas.", SHARING, "permissive"),
    ("de", "Wir dürfen dem Dritten Informationen über Ihr Konto mitteilen.", SHARING, "permissive"),
    ("fr", "Nous partageons certaines informations avec des plateformes tierces.", SHARING, "permissive"),
    (
        "it",
        "Possiamo comunicare i dati di pagamento alla terza parte che gestisce l'ordine.",
        SHARING,
        "permissive",
    ),
    (
        "fr",
        "Aucune coordonnée n'est partagée avec nos partenaires sans votre consentement.",
        SHARING,
        "protective",
    ),
    ("fr", "Vos données peuvent être consultées par nos prestataires de services.", SHARING, "permissive"),
    (
        "de",
        "Wir stellen unseren Werbepartnern Ihre Nutzerinhalte und Profildaten bereit.",
        SHARING,
        "permissive",
    ),
]

# (language, sentence, category): wordings the fourth round's rules resemble, left alone.
LOOKALIKES = [
    # A warranty or a notice of infringement: the user states they own the rights.
    ("pl", "Oświadczasz, że jesteś właścicielem praw autorskich do zgłaszanych materiałów.", LICENCE),
    ("fr", "Vous déclarez (1) posséder ou avoir le droit de publier vos contenus.", LICENCE),
    # Ownership negated: the user does not hold the rights.
    ("pl", "Nie zamieszczaj materiałów, do których użytkownik nie posiada żadnych praw.", LICENCE),
    # The user, not the provider, has no rights (over the provider's content).
    ("it", "Accetti di non avere alcun diritto su alcun contenuto che compaia nei Servizi.", LICENCE),
    # "bleiben Ihre ..." without ownership.
    ("de", "Wenn Sie Ihr Konto löschen, bleiben Ihre Kommentare für andere sichtbar.", LICENCE),
    # A licence to the user (dative), the user's own permission over personal data, a bot's permission.
    ("de", "Die Firma räumt dem Nutzer eine einfache, nicht übertragbare Lizenz an der App ein.", LICENCE),
    ("de", "Du erteilst uns die Erlaubnis, personenbezogene Daten zu erfassen.", LICENCE),
    ("de", "Wenn du dem Bot diese Erlaubnis erteilst, kann er Nachrichten in deinem Namen senden.", LICENCE),
    (
        "de",
        "Dieser Vertrag gibt Ihnen keine Rechte an Inhalten mit Ausnahme der hierin gewährten Lizenzen.",
        LICENCE,
    ),
    # A list item of things the user must not do, no breadth term at its head.
    ("it", "(a) cedere in sublicenza, vendere o noleggiare il Software a terzi;", LICENCE),
    # The licence "granted below": a pointer, not the grant.
    ("fr", "Votre utilisation conformément à la licence accordée ci-dessous doit respecter la loi.", LICENCE),
    # The user handling another user's data, a duty of the user.
    ("pl", "Ujawniać informacji innego użytkownika podmiotom zewnętrznym bez jego zgody;", SHARING),
    ("de", "Daten eines anderen Nutzers gegenüber Dritten offenlegen oder weitergeben;", SHARING),
    ("it", "Divulgare a terze parti dati relativi a un altro utente senza il suo consenso.", SHARING),
    (
        "de",
        "Im Fall einer Klage ist der Nutzer verpflichtet, uns alle Informationen über Ansprüche Dritter mitzuteilen.",
        SHARING,
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "category", "polarity"), FLAGGED)
def test_flagged_with_its_polarity(lang: str, sentence: str, category: str, polarity: str) -> None:
    """Each kind of wording of the fourth round is flagged, with the polarity the labelling rules give."""
    hits = {h.category: h.polarity for h in flag_hits(sentence, lang)}
    assert hits.get(category) == polarity, (hits, sentence)


@pytest.mark.parametrize(("lang", "sentence", "category"), LOOKALIKES)
def test_lookalike_left_alone(lang: str, sentence: str, category: str) -> None:
    """The wordings these resemble are not flagged."""
    assert category not in {h.category for h in flag_hits(sentence, lang)}, sentence


def test_fourth_round_classes_exist_in_every_language() -> None:
    """The fourth round's word classes exist in every language, and the split lexicon keeps the
    earlier rounds' words."""
    for lang in ("fr", "de", "it", "es", "pl"):
        words = words_of(lang)
        assert words is not None
        assert {"licence_except", "revoke", "not_assured", "grant_noun", "exploit_right"} <= set(words)
    fr = words_of("fr")
    assert fr is not None and "partag" in fr["share"] and "tierces?" in fr["recipient"]


def test_breadth_of_a_licence_item_needs_the_licence() -> None:
    """A list item opening with a breadth word is a licence item only where a licence is named."""
    assert not flag_hits("*   mondiale et gratuite, la livraison est offerte.", "fr")
    hits = {h.category: h for h in flag_hits("*   mondiale (cette licence vaut partout), et", "fr")}
    assert hits[LICENCE].polarity == "permissive" and "worldwide" in hits[LICENCE].scope


def test_licence_list_items_under_a_lead_in() -> None:
    """Under a licence lead-in ending with a colon, an item naming only its breadth is the licence;
    the same item alone, or under any other lead-in, is not."""
    from tosdiff.flags.i18n import lang_hits
    from tosdiff.flags.i18n_rules import introduces_licence

    assert introduces_licence("En publiant du contenu, vous accordez à la Société une licence :", "fr")
    assert not introduces_licence("Vous vous engagez à ne pas publier de contenus :", "fr")
    assert not introduces_licence("Vous accordez à la Société une licence sur vos contenus.", "fr")
    item = "*   cessible (nous pouvons céder les droits que vous nous donnez)"
    assert "content-licence" not in {h.category for h in lang_hits(item, "fr")}
    hits = {h.category: h for h in lang_hits(item, "fr", after_licence_intro=True)}
    assert (
        hits["content-licence"].polarity == "permissive" and "transferable" in hits["content-licence"].scope
    )
    # Not an item, or an item opening with no breadth term: nothing to carry.
    assert not lang_hits("cessible selon les conditions", "fr", after_licence_intro=True)
    assert not lang_hits("*   un lien vers votre profil", "fr", after_licence_intro=True)
    assert "content-licence" in {
        h.category for h in lang_hits("- übertragbar und weltweit;", "de", after_licence_intro=True)
    }


def test_a_changed_list_item_under_a_french_licence_lead_in_is_flagged_as_the_licence() -> None:
    """The lead-in context reaches the section flags: a diff that only adds a breadth item is flagged."""
    from tosdiff.diff import diff_texts
    from tosdiff.flags import flag_changes

    def text(item: str) -> str:
        return (
            "# Conditions d'utilisation\n\n## 5. Vos contenus\n\n"
            "Vous restez propriétaire des contenus que vous publiez sur la plateforme et de vos droits sur ceux-ci. "
            "En publiant du contenu, vous accordez à la Société une licence :\n\n"
            "*   non exclusive (vous pouvez accorder les mêmes droits à d'autres personnes)\n"
            f"{item}"
        )

    old = text("")
    new = text("*   cessible (nous pouvons céder les droits que vous nous donnez à nos partenaires)\n")
    flags = flag_changes(diff_texts(old, new), language="fr")
    licence = [f for f in flags if f.category == "content-licence"]
    assert licence and licence[0].polarity == "permissive"
    assert "cessible" in licence[0].excerpt
