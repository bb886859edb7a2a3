"""Keyword rules for the eight CLAUDETTE categories in French, German, Italian, Spanish and Polish.

French and Spanish have no labelled CLAUDETTE documents, so tosdiff flags their clauses with these
rules (the wording each legal tradition uses: "Gerichtsstand", "foro competente", "tribunaux
compétents", "sąd właściwy"). For German, Italian and Polish the trained models in ``i18n_model.py``
are used and these rules are the keyword baseline ``bench/bench_flags_lang.py`` compares them with.
A rule fires when every one of its parts matches the sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

# category -> tuple of alternations, all of which must match (lowercased text).
KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "liability": (
            r"\bresponsab\w*|\bdommages?\b|\bpréjudices?\b",
            r"\bexclu\w*|\blimit\w*|\baucun\w*|\bn(?:e|')\b[^.;]{0,40}\b(?:pas|aucun\w*|saurait)\b",
        ),
        "termination": (
            r"\bsuspend\w*|\bsuspension\b|\brésili\w*|\bmettre fin\b|\bfermer\b|\bclôtur\w*|\bdésactiv\w*|"
            r"\bsupprimer votre compte\b|\bmettre un terme\b",
            r"\bcompte\b|\baccès\b|\bservices?\b|\bcontrat\b|\babonnement\b",
            r"\bnous\b|\bnotre\b|\b[a-z]+ (?:peut|pourra|se réserve)\b|\bà tout moment\b|\bsans préavis\b",
        ),
        "unilateral-change": (
            r"\bmodifi\w*|\bchang\w*|\bmettre à jour\b|\bmise à jour\b|\bamend\w*",
            r"\bconditions\b|\bprésentes\b|\bcgu\b|\bcgv\b|\bservices?\b|\btarifs?\b|\bprix\b",
            r"\bà tout moment\b|\bse réserve\b|\bnous (?:pouvons|pourrons)\b|\bunilatéral\w*|\bdiscrétion\b",
        ),
        "content-removal": (
            r"\bsupprim\w*|\bretir\w*|\beffac\w*|\bbloqu\w*|\bmodér\w*",
            r"\bcontenus?\b|\bpublications?\b|\bavis\b|\bcommentaires?\b|\bannonces?\b",
        ),
        "contract-by-using": (
            r"\b(?:en |du fait d')(?:utilisant|accédant|naviguant|l'utilisation)\b|\butilisation (?:du site|des services|"
            r"de la plateforme)\b",
            r"\baccept\w*|\bacceptation\b|\bconsent\w*|\bengag\w*|\badhésion\b|\blié\b",
        ),
        "choice-of-law": (r"\bloi\b|\bdroit\b", r"\brégi\w*|\bsoumis\w*|\bapplicable\b|\bgouvern\w*"),
        "jurisdiction": (
            r"\btribuna\w*|\bjuridiction\w*|\bcour\b",
            r"\bcompéten\w*|\bexclusive\w*|\bressort\b|\bsoumis\w*|\bsaisi\w*",
        ),
        "arbitration": (r"\barbitra\w*",),
    },
    "es": {
        "liability": (
            r"\bresponsab\w*|\bdaños?\b|\bperjuicios?\b",
            r"\bexclu\w*|\blimit\w*|\bningun\w*|\bno\b|\ben ningún caso\b",
        ),
        "termination": (
            r"\bsuspend\w*|\bsuspensi[oó]n\b|\brescind\w*|\bresoluci[oó]n\b|\bcancel\w*|\bcerrar\b|\bdesactiv\w*|"
            r"\bdar por terminad\w*|\bpone[rs]? fin\b|\bterminar\b",
            r"\bcuentas?\b|\bacceso\b|\bservicios?\b|\bcontrato\b|\bsuscripci[oó]n\b",
            r"\bpodemos\b|\bpodremos\b|\bnos reservamos\b|\bse reserva\b|\ben cualquier momento\b|\bsin previo aviso\b",
        ),
        "unilateral-change": (
            r"\bmodific\w*|\bcambi\w*|\bactualiz\w*|\benmend\w*",
            r"\bcondiciones\b|\bt[ée]rminos\b|\bservicios?\b|\bprecios?\b|\btarifas?\b",
            r"\ben cualquier momento\b|\bnos reservamos\b|\bse reserva\b|\bpodemos\b|\bpodremos\b|\bunilateral\w*",
        ),
        "content-removal": (
            r"\belimin\w*|\bretir\w*|\bborr\w*|\bbloque\w*|\bsuprim\w*",
            r"\bcontenid\w*|\bpublicaciones\b|\bcomentarios\b|\brese[ñn]as\b|\banuncios\b",
        ),
        "contract-by-using": (
            r"\bal (?:utilizar|usar|acceder|navegar)\b|\butilizando\b|\baccediendo\b|\b(?:el )?uso de(?:l| los| la)\b",
            r"\bacept\w*|\bconsient\w*|\bvinculad\w*|\bconformidad\b",
        ),
        "choice-of-law": (
            r"\bley(?:es)?\b|\blegislaci[oó]n\b",
            r"\brig\w*|\bregid\w*|\bsujet\w*|\baplicable\b",
        ),
        "jurisdiction": (
            r"\btribunales\b|\bjuzgados\b|\bjurisdicci[oó]n\b|\bfuero\b",
            r"\bcompeten\w*|\bsomet\w*|\bexclusiv\w*",
        ),
        "arbitration": (r"\barbitra\w*",),
    },
    "de": {
        "liability": (
            r"\bhaft\w*|\w*haftung\w*|\bschäden\b|\bschaden\w*",
            r"\bnicht\b|\bkein\w*|\bausgeschlossen\b|\bbeschränk\w*|\bbegrenz\w*|ausschluss",
        ),
        "termination": (
            r"\bkündig\w*|\bsperr\w*|\bbeend\w*|\bdeaktivier\w*|\bschließ\w*|\baussetz\w*|\bsuspendier\w*",
            r"\bkonto\w*|\bzugang\w*|\bdienst\w*|\bvertrag\w*|\bmitgliedschaft\b|\bnutzerkonto\b",
            r"\bwir\b|\bjederzeit\b|\bohne vorherige\w*|\bvorbehalt\w*|\bberechtigt\b",
        ),
        "unilateral-change": (
            r"\bänder\w*|\baktualisier\w*|\banpass\w*",
            r"\bbedingungen\b|\bagb\b|\bnutzungsbedingungen\b|\bdienst\w*|\bpreis\w*|\bgebühr\w*",
            r"\bjederzeit\b|\bvorbehalt\w*|\bbehalten uns\b|\bwir können\b|\bberechtigt\b",
        ),
        "content-removal": (
            r"\blösch\w*|\bentfern\w*|\bsperr\w*",
            r"inhalt\w*|beitr[äa]g\w*|bewertung\w*|kommentar\w*",
        ),
        "contract-by-using": (
            r"\b(?:durch|mit) (?:die |der |dem )?(?:nutzung|verwendung|zugriff|benutzung)\b|\bindem sie\b",
            r"\beinverstanden\b|\bakzeptier\w*|\bzustimm\w*|\bgebunden\b|\berklären\b",
        ),
        "choice-of-law": (
            r"\brecht\b|\bgesetze?n?\b|\brechts\b",
            r"\bunterlieg\w*|\banwendbar\w*|\bgilt\b|\bmaßgeblich\b|\banwendung\b",
        ),
        "jurisdiction": (r"\bgericht\w*|gerichtsstand\w*|\bzuständig\w*",),
        "arbitration": (r"\bschieds\w*|\bschlichtung\w*",),
    },
    "it": {
        "liability": (
            r"\bresponsab\w*|\bdanni\b|\bdanno\b",
            r"\bnon\b|\bescl\w*|\blimit\w*|\bin nessun caso\b",
        ),
        "termination": (
            r"\bsospend\w*|\bsospensione\b|\brisolv\w*|\brisoluzione\b|\brecess\w*|\bdisattiv\w*|\bchiuder\w*|"
            r"\bcessare\b|\bterminare\b|\bporre fine\b",
            r"\baccount\b|\baccesso\b|\bservizi?\b|\bcontratto\b|\babbonamento\b",
            r"\bpossiamo\b|\bpotremo\b|\bci riserviamo\b|\bsi riserva\b|\bin qualsiasi momento\b|\bsenza preavviso\b",
        ),
        "unilateral-change": (
            r"\bmodific\w*|\bcambi\w*|\baggiorn\w*",
            r"\bcondizioni\b|\btermini\b|\bservizi?\b|\bprezz\w*|\btariff\w*",
            r"\bin qualsiasi momento\b|\bci riserviamo\b|\bsi riserva\b|\bpossiamo\b|\bpotremo\b|\bunilateral\w*",
        ),
        "content-removal": (
            r"\belimin\w*|\brimuov\w*|\brimozione\b|\bcancell\w*|\bbloc\w*",
            r"\bcontenut\w*|\bpost\b|\bcommenti\b|\brecension\w*",
        ),
        "contract-by-using": (
            r"\butilizzando\b|\baccedendo\b|\bl'(?:uso|utilizzo) (?:del|dei|della)\b|\bnavigando\b",
            r"\baccett\w*|\bacconsent\w*|\bvincolat\w*",
        ),
        "choice-of-law": (
            r"\blegge\b|\bleggi\b|\bdiritto\b|\blegislazione\b",
            r"\bregolat\w*|\bdisciplinat\w*|\bsoggett\w*|\bapplicabil\w*|\bgovernat\w*",
        ),
        "jurisdiction": (
            r"\btribunal\w*|\bforo\b|\bgiurisdizione\b|\bcorte\b",
            r"\bcompeten\w*|\besclusiv\w*|\bsottopo\w*|\bdevolut\w*",
        ),
        "arbitration": (r"\barbitra\w*",),
    },
    "pl": {
        "liability": (
            r"\bodpowiedzialn\w*|\bszkod\w*|\bszkód\b",
            r"\bnie\b|\bwyłącz\w*|\bogranicz\w*|\bżadn\w*",
        ),
        "termination": (
            r"\bzawiesz\w*|\bzawiesi\w*|\bwypowiedz\w*|\bwypowie\w*|\brozwiąz\w*|\bzablokow\w*|\bdezaktyw\w*|"
            r"\busun\w* kont\w*|\bzamkn\w*",
            r"\bkont\w*|\bdostęp\w*|\busług\w*|\bumow\w*|\bsubskrypcj\w*",
            r"\bmożemy\b|\bzastrzegamy\b|\bzastrzega\b|\bw każdej chwili\b|\bw dowolnym momencie\b|\bbez uprzedzenia\b",
        ),
        "unilateral-change": (
            r"\bzmian\w*|\bzmieni\w*|\bzmieniać\b|\baktualiz\w*|\bmodyfik\w*",
            r"\bwarunk\w*|\bregulamin\w*|\busług\w*|\bcen\w*|\bopłat\w*",
            r"\bw każdej chwili\b|\bw dowolnym momencie\b|\bzastrzegamy\b|\bzastrzega\b|\bmożemy\b|\bjednostronn\w*",
        ),
        "content-removal": (
            r"\busun\w*|\busuw\w*|\bzablok\w*|\bblokow\w*",
            r"\btreś\w*|\bpost\w*|\bkomentarz\w*|\bmateriał\w*",
        ),
        "contract-by-using": (
            r"\bkorzystając\b|\bużywając\b|\buzyskując dostęp\b|\bkorzystanie z\b",
            r"\bakcept\w*|\bzgadza\w*|\bwyraża\w* zgodę\b|\bwiąż\w*|\bzobowiązuj\w*",
        ),
        "choice-of-law": (
            r"\bpraw\w*|\bustaw\w*",
            r"\bpodlega\w*|\bwłaściw\w*|\bstosuje się\b|\bzastosowanie\b|\brządz\w*",
        ),
        "jurisdiction": (
            r"\bsąd\w*|\bsądow\w*|\bjurysdykcj\w*",
            r"\bwłaściw\w*|\bwyłączn\w*|\bpodda\w*|\brozstrzyg\w*",
        ),
        "arbitration": (r"\barbitra\w*|\bpolubown\w*",),
    },
}


@lru_cache(maxsize=8)
def _compiled(language: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    """The keyword rules of a language, compiled once."""
    rules = KEYWORDS.get(language, {})
    return {cat: tuple(re.compile(p, re.IGNORECASE) for p in parts) for cat, parts in rules.items()}


def keyword_categories(sentence: str, language: str) -> list[str]:
    """CLAUDETTE categories whose keyword rule matches the (lowercased) sentence."""
    s = sentence.lower()
    return [cat for cat, parts in _compiled(language).items() if all(p.search(s) for p in parts)]
