"""Breadth words of a licence and cheap substring gates of the three flags, per language.

``LICENCE_SCOPE`` names the breadth terms of a licence with the same keys as the English rules, so
the direction of a change compares across languages; ``GATES`` are the substring tests
``i18n_rules.py`` runs before any regular expression of a detector.
"""

from __future__ import annotations

# Breadth of a licence, per language: the same keys as the English rules, so directions compare.
LICENCE_SCOPE: dict[str, dict[str, str]] = {
    "fr": {
        "perpetual": r"perpétuel\w*|durée (?:légale |de la protection )?des droits",
        "irrevocable": r"irrévocable\w*",
        "worldwide": r"mondial\w*|monde entier",
        "royalty-free": r"gratuit\w*|sans (?:redevance|contrepartie|rémunération)|à titre gratuit",
        "sublicensable": r"sous-licenc\w*|sous licence(?:s)? à",
        "transferable": r"(?<!non )(?<!non-)\b(?:cessible|transférable)s?\b",
        "derivative works": r"\bmodifi\w*|\badapt\w*|œuvres dérivées",
        "any purpose": r"\btoute(?:s)? fin\w*|tous (?:supports|usages|médias)|\btout usage\b",
        "commercial": r"commercia\w*|publicit\w*|marketing",
        "ai": r"entra[îi]n\w*|intelligence artificielle|apprentissage automatique",
    },
    "de": {
        "perpetual": r"unbefrist\w*|zeitlich unbe(?:grenzt|schränkt)\w*|dauerhaft\w*",
        "irrevocable": r"unwiderruflich\w*",
        "worldwide": r"weltweit\w*",
        "royalty-free": r"unentgeltlich\w*|gebührenfrei\w*|lizenzgebührenfrei\w*|kostenlos\w*|vergütungsfrei\w*",
        "sublicensable": r"unterlizen\w*|sublizen\w*",
        "transferable": r"(?<!nicht )(?<!nicht-)\bübertragbar\w*",
        "derivative works": r"bearbeit\w*|abgeleitete\w* werk\w*|veränder\w*|anpass\w*",
        "any purpose": r"jeglich\w* zweck\w*|beliebig\w* zweck\w*|alle\w* zweck\w*|jede\w* art",
        "commercial": r"kommerziell\w*|werb\w*|marketing",
        "ai": r"trainier\w*|training|künstlich\w* intelligenz|maschinell\w* lern\w*",
    },
    "it": {
        "perpetual": r"perpetu\w*|durata (?:massima |legale )?dei diritti",
        "irrevocable": r"irrevocabil\w*",
        "worldwide": r"mondial\w*|in tutto il mondo|global[ei]\b",
        "royalty-free": r"gratuit\w*|esent[ei] da (?:royalty|canoni|diritt\w*)|senza (?:compenso|corrispettivo)|royalty-free",
        "sublicensable": r"sub-?licenz\w*|sublicenziabil\w*|sottolicenz\w*",
        "transferable": r"(?<!non )\b(?:trasferibil|cedibil)\w*",
        "derivative works": r"modific\w*|adatt\w*|opere derivate",
        "any purpose": r"qualsiasi (?:scopo|finalità|mezzo)|qualunque (?:scopo|finalità)",
        "commercial": r"commercial\w*|pubblicit\w*|marketing",
        "ai": r"addestr\w*|intelligenza artificiale|apprendimento automatico",
    },
    "es": {
        "perpetual": r"perpetu\w*|indefinid\w*",
        "irrevocable": r"irrevocable\w*",
        "worldwide": r"mundial\w*|en todo el mundo|global(?:es)?\b",
        "royalty-free": r"gratuit\w*|libre de (?:regalías|derechos)|sin (?:regalías|contraprestación)",
        "sublicensable": r"sublicenci\w*",
        "transferable": r"(?<!no )\b(?:transferible|cedible)s?\b",
        "derivative works": r"modific\w*|adapt\w*|obras derivadas",
        "any purpose": r"cualquier (?:fin|finalidad|propósito|medio)",
        "commercial": r"comercial\w*|publicitari\w*|marketing",
        "ai": r"entren\w*|inteligencia artificial|aprendizaje automático",
    },
    "pl": {
        "perpetual": r"bezterminow\w*|nieograniczon\w* w czasie|wieczyst\w*",
        "irrevocable": r"nieodwołaln\w*",
        "worldwide": r"ogólnoświatow\w*|na całym świecie|światow\w*",
        "royalty-free": r"nieodpłatn\w*|bezpłatn\w*|bez wynagrodzenia|wolna od opłat",
        "sublicensable": r"sublicencj\w*|dalszej licencji",
        "transferable": r"(?<!nie)(?<!nie )\bzbywaln\w*|(?<!nie)przenaszaln\w*",
        "derivative works": r"modyfik\w*|opracowa\w*|adaptac\w*|utwor\w* zależn\w*",
        "any purpose": r"dowoln\w* (?:cel\w*|sposób|pol\w*)|wszelki\w* cel\w*|wszystki\w* pol\w* eksploatacji",
        "commercial": r"komercyj\w*|reklam\w*|marketing\w*",
        "ai": r"trenow\w*|sztuczn\w* inteligencj\w*|uczeni\w* maszynow\w*",
    },
}

# Cheap substring gates per detector (every group must have one of its stems in the lowercased
# sentence) so the regular expressions only run on the few sentences that could match: most terms
# sentences name no AI, licence or data recipient, and a substring test costs far less than a regex.
GATES: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "fr": {
        "ai-training": (
            ("ia", "intelligence", "apprentissage", "learning", "modèle", "algorithm", "llm", "neurone"),
            (
                "entra",
                "form",
                "training",
                "apprentissage",
                "amélior",
                "développ",
                "perfectionn",
                "optimis",
                "affin",
            ),
        ),
        "content-licence": (
            (
                "licence",
                "propriét",
                "titulaire",
                "droit d'",
                "droits d'",
                "vous conservez",
                "vôtre",
                "revendiqu",
                "autoris",
                "droits moraux",
                "droit de",
                "accordes",
                "concèdes",
                "utilisions",
                "droits de ton",
                "droits sur",
            ),
        ),
        "data-sharing": (
            (
                "partag",
                "communiq",
                "transm",
                "divulg",
                "vend",
                "vente",
                "céd",
                "cèd",
                "cession",
                "lou",
                "transf",
                "disposition",
                "fourni",
                "échang",
            ),
            (
                "tiers",
                "partenaire",
                "annonceur",
                "société",
                "entreprise",
                "filiale",
                "affili",
                "prestataire",
                "sous-traitant",
                "fournisseur",
                "autorité",
                "acquéreur",
                "commerçant",
                "marchand",
                "courtier",
                "agent",
                "prêteur",
                "auditeur",
                "avocat",
                "conseiller",
                "consultant",
                "assureur",
                "successeur",
                "propriétaire",
            ),
        ),
    },
    "de": {
        "ai-training": (
            ("ki", "intelligenz", "lern", "modell", "algorithm", "llm", "neuronal"),
            ("trainier", "training", "lern", "verbesser", "entwick", "optimier"),
        ),
        "content-licence": (
            (
                "lizenz",
                "nutzungsrecht",
                "verwertungsrecht",
                "recht",  # rechte, Berechtigung, Nutzungsrecht
                "nutzung",  # "gestattet der Nutzer ... die Nutzung des UGC"
                "erlaub",
                "ermächtig",
                "autorisier",
                "gestatte",
                "sublizenz",
                "eigentum",
                "eigentüm",
                "inhaber",
                "bleib",
                "verbleib",
                "gestattung",
            ),
        ),
        "data-sharing": (
            (
                "weiter",
                "teil",
                "offen",
                "übermitt",
                "verkauf",
                "vermiet",
                "zugänglich",
                "bereit",
                "preisgeb",
                "übertrag",
                "vermarkt",
                "weiterzu",
                "verfügung",
            ),
            (
                "dritt",
                "partner",
                "werbe",
                "unternehmen",
                "konzern",
                "tochter",
                "dienstleister",
                "auftragsverarbeiter",
                "behörde",
                "käufer",
                "erwerber",
                "händler",
                "kreditgeber",
                "prüfer",
                "anw",
                "berater",
                "versicher",
                "schadensabwickler",
                "nachfolger",
            ),
        ),
    },
    "it": {
        "ai-training": (
            ("ia", "ai", "intelligenza", "apprendimento", "learning", "modell", "algoritm", "llm", "neural"),
            ("addestr", "allen", "training", "miglior", "svilupp", "perfezion", "ottimizz"),
        ),
        "content-licence": (
            (
                "licenz",
                "diritt",
                "propriet",
                "titolar",
                "rimane",
                "rimangono",
                "resta",
                "autorizz",
                "appartengono",
                "spetta",
                "permess",
            ),
        ),
        "data-sharing": (
            (
                "condivi",
                "comunic",
                "trasm",
                "divulg",
                "vend",
                "ced",
                "cession",
                "noleggi",
                "disposizione",
                "forni",
                "scambi",
                "trasferi",
            ),
            (
                "terz",
                "partner",
                "inserzionist",
                "società",
                "affiliat",
                "controllat",
                "fornitor",
                "responsabili",
                "autorità",
                "acquirent",
                "esercent",
                "broker",
                "aziende",
                "consulent",
                "revisori",
                "avvocat",
                "finanziator",
                "assicura",
                "successor",
            ),
        ),
    },
    "es": {
        "ai-training": (
            ("ia", "i.a", "inteligencia", "aprendizaje", "learning", "modelo", "algoritm", "llm", "neuronal"),
            ("entren", "training", "mejor", "desarroll", "perfeccion", "optimiz"),
        ),
        "content-licence": (
            (
                "licencia",
                "derechos de",
                "derecho de",
                "propiedad",
                "propietari",
                "titular",
                "conserv",
                "siendo",
                "reclam",
                "renuncia",
                "derecho a",
            ),
        ),
        "data-sharing": (
            (
                "compart",
                "comunic",
                "ced",
                "cesi",
                "vend",
                "venta",
                "divulg",
                "transmit",
                "revel",
                "facilit",
                "proporcion",
                "disposici",
                "alquil",
                "transfer",
                "intercambi",
                "suministr",
            ),
            (
                "tercer",
                "socio",
                "anunciante",
                "empresa",
                "sociedad",
                "filial",
                "afiliad",
                "proveedor",
                "encargado",
                "autoridad",
                "comprador",
                "comerciante",
                "broker",
                "asesor",
                "auditor",
                "abogad",
                "prestamista",
                "asegurador",
                "sucesor",
            ),
        ),
    },
    "pl": {
        "ai-training": (
            ("ai", "si", "inteligencj", "uczeni", "learning", "model", "algorytm", "llm", "neuronow"),
            ("trenow", "trening", "szkol", "ulepsz", "doskonal", "rozw", "popraw", "opracow", "optymaliz"),
        ),
        "content-licence": (
            (
                "licencj",
                "prawo do",
                "prawa do",
                "praw do",
                "zachowuj",
                "zgod",
                "pozwoleń",
                "upoważnia",
                "zezwala",
                "własnoś",
                "właściciel",
                "rości",
                "pozostaj",
                "zachowuj",
                "nabywa",
                "udzieleni",
                "prawa przyznawane",
                "prawa przyznane",
                "zrze",
            ),
        ),
        "data-sharing": (
            (
                "udostępni",
                "przekaz",
                "ujawni",
                "sprzeda",
                "powierz",
                "dziel",
                "wynajm",
                "transfer",
                "wymieni",
                "przesył",
            ),
            (
                "trzeci",
                "partner",
                "reklamodawc",
                "powiązan",
                "spółk",
                "grup",
                "dostawc",
                "przetwarzając",
                "organ",
                "nabywc",
                "sprzedawc",
                "firm",
                "doradc",
                "audytor",
                "prawnik",
                "kredytodawc",
                "ubezpiecz",
                "następc",
            ),
        ),
    },
}

# "non exclusive" opens a list item of a licence as often as its breadth terms do (fourth round).
NON_EXCLUSIVE: dict[str, str] = {
    "fr": r"non[- ]exclusi\w*",
    "de": r"nicht[- ](?:exklusiv|ausschließlich)\w*",
    "it": r"non[- ]esclusiv\w*",
    "es": r"no[- ]exclusiv\w*",
    "pl": r"niewyłączn\w*",
}

# Fourth round: stems of the wording added to the lexicons, per gate group (licence: its one group;
# sharing: the verb group, then the recipient group).
_GATE4: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "fr": {
        "content-licence": (("accorde", "concède", "octroie"),),
        "data-sharing": (("consultée",), ("entité", "organisme", "forces de l'ordre", "tierce")),
    },
    "de": {
        "content-licence": ((),),
        "data-sharing": (
            ("mitteil", "mitzuteil"),
            ("gesellschaft", "extern", "rechtspersönlichkeit", "strafverfolg"),
        ),
    },
    "it": {
        "content-licence": ((),),
        "data-sharing": (("consultat",), ("forze dell'ordine", "enti pubblici", "esterne")),
    },
    "es": {
        "content-licence": (("derecho", "autorizad"),),
        "data-sharing": (("consultad",), ("extern", "fuerzas")),
    },
    "pl": {
        "content-licence": (("pełnomocnictw", "upoważni", "uprawni"),),
        "data-sharing": ((), ("zewnętrzn", "podmiot", "usługodawc", "podwykonawc")),
    },
}


# Fifth round: personal data named with no recipient ("nous ne partageons jamais vos données
# personnelles", a lead-in "podemos compartir información personal en los siguientes casos:").
_GATE5: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "fr": {"data-sharing": ((), ("personnel",))},
    "de": {"data-sharing": ((), ("personenbezogen", "persönlich"))},
    "it": {"data-sharing": ((), ("personali",))},
    "es": {"data-sharing": ((), ("personal",))},
    "pl": {"data-sharing": ((), ("osobow",))},
}


def _widen(gates: dict[str, dict[str, tuple[tuple[str, ...], ...]]], more_stems: dict) -> None:
    """Add a round's stems to the gate groups that decide whether a detector runs at all."""
    for lang, flags in more_stems.items():
        for flag, extra in flags.items():
            gates[lang][flag] = (
                tuple(group + more for group, more in zip(gates[lang][flag], extra, strict=False))
                + (gates[lang][flag][len(extra) :])
            )


_widen(GATES, _GATE4)
_widen(GATES, _GATE5)
