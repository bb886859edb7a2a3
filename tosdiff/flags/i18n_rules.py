"""The three tosdiff flags (ai-training, content-licence, data-sharing) in French, German, Italian,
Spanish and Polish.

Each language has a lexicon of word classes (AI nouns, training verbs, licence nouns, sharing verbs,
recipients, negation, consent, user prohibitions, ...) written for the ways its legal tradition words
these clauses (stems, so inflections and passive voice match: "entraîner / entraînement / entraînés",
"weitergeben / weitergegeben / Weitergabe", "udostępniamy / udostępniane"). One detector per flag
combines the classes the same way in every language, and answers with the same :class:`Hit` as the
English detectors in ``rules.py`` (explanations stay in English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .i18n_gates import GATES, LICENCE_SCOPE, NON_EXCLUSIVE
from .i18n_lexicon import EXTRA, EXTRA4, FLAG_LANGUAGES, LEXICON, NEAR, SHARE_NEAR
from .rules import OWNERSHIP_HIT, Hit, licence_hit, protect_hit, sharing_hit

__all__ = ["FLAG_LANGUAGES", "flag_hits", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """The compiled word classes of one language."""

    rx: dict[str, re.Pattern[str]]
    scope: dict[str, re.Pattern[str]]

    def has(self, name: str, s: str) -> bool:
        """True when the word class `name` occurs in the sentence."""
        return self.rx[name].search(s) is not None


_NEVER = r"(?!x)x"  # a word class a language does not have
# Word classes every language has, possibly empty (added in the third round, see EXTRA).
_OPTIONAL = (
    "grant_noun",
    "exploit_right",
    "neg_except",
    "inbound_except",
    "inbound_clause",
    "user_duty",
    "licence_except",
    "revoke",
    "not_assured",
)
# The breadth terms only a licence over the user's content carries (a licence to the user is
# "non-transferable", "revocable"): three of them describe that licence, as in the English rules.
_BROAD = ("perpetual", "irrevocable", "worldwide", "royalty-free", "sublicensable", "transferable")
# A list item: "*   mondiale (ce qui signifie que la licence s'applique partout dans le monde), et".
_ITEM = re.compile(r"\s*(?:[*•·▪◦‣–—-]|\(?[a-z0-9]{1,3}[.)])\s+")
# An aside inside a sentence: "(par exemple, les sites Web visités, ...)", " – en particulier ... – ".
# Removed before the sharing verb is looked for near its recipient, so that a list of examples does
# not push "partager" and "avec des partenaires" apart.
_ASIDE = re.compile(r"\s?\([^()]{0,300}\)|\s[–—][^–—.;]{0,300}[–—]")


def words_of(language: str) -> dict[str, str] | None:
    """The word classes of a language: LEXICON with the third round's EXTRA alternatives merged in."""
    base = LEXICON.get(language)
    if base is None:
        return None
    words = dict.fromkeys(_OPTIONAL, _NEVER) | dict(base)
    for extra in (EXTRA, EXTRA4):
        for key, alt in extra.get(language, {}).items():
            words[key] = alt if words.get(key, _NEVER) == _NEVER else f"{words[key]}|{alt}"
    return words


def _near(a: str, b: str, near: int = NEAR) -> re.Pattern[str]:
    """Two word classes within `near` characters of each other, in either order, in one clause."""
    gap = rf"[^.;:]{{0,{near}}}?"
    return re.compile(rf"(?:{a}){gap}(?:{b})|(?:{b}){gap}(?:{a})", re.IGNORECASE)


@lru_cache(maxsize=8)
def lexicon(language: str) -> Lexicon | None:
    """The compiled lexicon of a language, or None when it has none."""
    words = words_of(language)
    if words is None:
        return None
    rx = {k: re.compile(v, re.IGNORECASE) for k, v in words.items()}
    rx["train_ai"] = _near(words["train"], words["ai"])
    rx["improve_ai"] = _near(words["improve"], words["ai"])
    rx["neg_act"] = _near(words["neg"], f"{words['train']}|{words['improve']}|{words['use']}")
    rx["neg_share"] = _near(words["neg"], words["share"])
    # The sharing verb and its recipient in one phrase: a long liability clause that lists "third
    # parties" and, elsewhere, a "transmission" of viruses shares nothing. German puts the verb last
    # ("Daten ... an externe Anbieter ... weitergeben"), so the window is wide.
    rx["share_to"] = _near(words["share"], words["recipient"], SHARE_NEAR)
    # ... and near the personal data it moves: "comunicare", "przekazać", "übermitteln" also name
    # messages, money and notices ("comunicazioni elettroniche", "przekazanie pieniędzy").
    rx["share_data"] = _near(words["share"], words["pdata"], SHARE_NEAR)
    # ... and near "personal data" itself, for a sharing whose recipient is left implicit.
    rx["share_pdata"] = _near(words["share"], words["pdata_strict"])
    # "il diritto di riprodurre ... l'UGC", "prawo do korzystania z UGC": an item of the licence.
    rx["right_over_content"] = _near(words["exploit_right"], words["user_content"], 200)
    scope = {k: re.compile(v, re.IGNORECASE) for k, v in LICENCE_SCOPE[language].items()}
    # A list item that opens with a breadth term of a licence ("* gratuite (...)", "* non-exclusive").
    heads = "|".join([*(LICENCE_SCOPE[language][k] for k in _BROAD), NON_EXCLUSIVE[language]])
    rx["breadth_item"] = re.compile(rf"{_ITEM.pattern}(?:{heads})", re.IGNORECASE)
    return Lexicon(rx=rx, scope=scope)


def clean(sentence: str) -> str:
    """Lowercase, straight apostrophes and quotes, single spaces: what the lexicons expect."""
    s = sentence.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u201e", '"').replace("*", " ")
    return " ".join(s.split())


def _user_side(lx: Lexicon, s: str) -> bool:
    """True when the sentence restricts what the user may do (the provider is not the actor)."""
    return lx.has("forbid", s) or (lx.has("user_side", s) and not lx.has("provider", s))


def detect_ai_training(lx: Lexicon, s: str) -> Hit | None:
    """Provider training or improving AI models on users' content; protective when ruled out or controlled."""
    trains = lx.has("train_ai", s)
    # "develop and improve features ... including through machine learning": ML is the means.
    improves = lx.has("improve_ai", s) or (lx.has("improve", s) and lx.has("via_ml", s))
    if not (trains or improves):
        return None
    if not (lx.has("data", s) or lx.has("our_ai", s)):
        return None
    if _user_side(lx, s) and not lx.has("provider", s):
        return None
    scope = frozenset({"train"} if trains else set()) | frozenset({"improve"} if improves else set())
    controlled = lx.has("consent", s) or lx.has("opt_out", s) or lx.has("neg_act", s)
    if lx.has("default_on", s) or not controlled:
        expl = (
            "The provider may use your content or data to train or improve its AI / machine-learning models."
        )
        if lx.has("default_on", s) or lx.has("opt_out", s):
            expl += " It is on unless you opt out."
        return Hit("ai-training", "high", "permissive", expl, "ai-training", scope | {"permissive"})
    expl = (
        "This clause limits the use of your content for AI / machine-learning training "
        "(not at all, only with your consent, or with a way to opt out)."
    )
    return Hit("ai-training", "low", "protective", expl, "ai-training", scope)


def detect_content_licence(lx: Lexicon, s: str) -> Hit | None:
    """Licences the user grants over content; protective when the user keeps ownership or it ends on deletion."""
    licence = lx.has("licence", s)
    owned = lx.has("ownership", s)
    # A licence described by itself ("Diese Bewilligung einer Lizenz an Rovio", "I diritti concessi
    # nella presente licenza", moral rights waived): the content it covers is named elsewhere.
    described = lx.has("grant_noun", s) or (lx.has("exploit_right", s) and lx.has("right_over_content", s))
    if licence and not described:
        # Described by its breadth: "diese Rechte und Lizenzen gebührenfrei, übertragbar, unterlizenzierbar,
        # weltweit und unwiderruflich", or one list item of it ("* mondiale (... la licence ...)").
        described = sum(1 for k in _BROAD if lx.scope[k].search(s)) >= 3 or (
            lx.rx["breadth_item"].match(s) is not None
        )
    if not (licence or owned or described):
        return None
    if lx.has("not_assured", s) and not lx.has("user_grants", s):
        # "you declare that you own or have the right to publish the content": a warranty or a notice
        # of infringement, neither a grant nor an assurance of ownership.
        owned = described = (
            False  # "you declare that you own the copyright": a notice of infringement, not an assurance
        )
    if not (described or lx.has("content", s) or lx.has("user_content", s)):
        return None
    if licence and lx.has("ends", s) and lx.has("delete", s):
        return Hit(
            "content-licence",
            "low",
            "protective",
            "The licence you give over your content ends when the content is deleted.",
            "content-licence",
        )
    if licence and lx.has("revoke", s):
        return Hit(
            "content-licence",
            "low",
            "protective",
            "You can withdraw the licence you give over your content.",
            "content-licence",
        )
    if owned and (lx.has("subject_to", s) or lx.has("licence_except", s)):
        return (
            OWNERSHIP_HIT  # "you keep ownership, subject to the licence you grant us": ownership is the point
        )
    # A grant by the user, or the provider's licence over the user's content described (its scope,
    # its term, its sublicensing): "Das Recht von Quora, jede von Dir veröffentlichte Frage zu
    # kopieren, ist unbefristet", "Licencja spółki ... obejmuje ich wykorzystanie do celów reklamowych".
    granted = lx.has("user_grants", s) or (
        lx.has("user_content", s) and (lx.has("licence_scope", s) or lx.has("sublicence", s))
    )
    if ((licence and granted) or described) and not lx.has("provider_grants", s) and not _user_side(lx, s):
        return licence_hit(frozenset(k for k, rx in lx.scope.items() if rx.search(s)))
    if owned:
        return OWNERSHIP_HIT
    return None


def _shares(lx: Lexicon, s: str, what: str) -> bool:
    """A sharing verb near the word class `what` ("recipient", "pdata") in one phrase, or around it
    (a German verb split in two: "geben Ihre Daten an Dritte weiter")."""
    if lx.has(f"share_{'to' if what == 'recipient' else 'data'}", s):
        return True
    rx = lx.rx[what]
    return any(rx.search(m.group()) for m in lx.rx["share"].finditer(s))


def _pointer(lx: Lexicon, s: str) -> bool:
    """A pointer to another text ("Pour en savoir plus sur la façon dont nous partageons ...") or to
    the third parties' own policy. In a long sentence that lists sharings, a pointer after the first
    of them ("... (voir la section X pour plus d'informations)") does not undo them."""
    ref = lx.rx["ref"].search(s)
    if ref is None:
        return False
    share = lx.rx["share_to"].search(s)
    return len(s) < 400 or share is None or ref.start() < share.start()


def _rules_out(lx: Lexicon, s: str) -> bool:
    """The sentence rules the sharing out: a negation near the sharing verb, or inside a split verb
    ("geben Ihre Daten nicht an Dritte weiter"); not "ne ... qu'avec" (only), and never a lead-in
    ending with a colon, which says what follows ("... d'une façon qui n'a pas été mentionnée :")."""
    if s.rstrip().endswith(":") or lx.has("neg_except", s):
        return False
    return lx.has("neg_share", s) or any(lx.rx["neg"].search(m.group()) for m in lx.rx["share"].finditer(s))


def _implicit_sharing(lx: Lexicon, s: str) -> Hit | None:
    """The provider's sharing of "personal data" with no recipient named: ruled out ("nous ne
    partageons jamais vos données personnelles"), or the lead-in of a list of recipients or cases
    ("podemos compartir información personal en las siguientes circunstancias:"). A bare "we may
    communicate personal data" is left alone: the verb alone does not say it leaves the provider."""
    if not lx.has("provider", s):
        return None
    # The data may sit inside a split verb: "geben Ihre personenbezogenen Daten nicht weiter".
    if not (
        lx.has("share_pdata", s) or any(lx.has("pdata_strict", m.group()) for m in lx.rx["share"].finditer(s))
    ):
        return None
    if _user_side(lx, s) or lx.has("user_duty", s) or lx.has("user_acts", s) or lx.has("inbound", s):
        return None
    if _pointer(lx, s) or any(lx.has(k, s) for k in ("liability", "assign", "warranty", "malware")):
        return None
    scope = frozenset(k for k in ("sale",) if lx.has(k, s))
    if _rules_out(lx, s):
        return protect_hit(scope)
    # A lead-in, but not of the purposes of all processing ("recolectar, utilizar, comunicar y procesar
    # la información personal para los siguientes fines:").
    if s.rstrip().endswith(":") and not any(lx.has(k, s) for k in ("consent", "only_if", "use")):
        return sharing_hit(lx.has("sale", s), scope)
    return None


def detect_data_sharing(lx: Lexicon, s: str) -> Hit | None:
    """Sale or sharing of personal data with third parties; protective when it is ruled out."""
    if lx.has("inbound_clause", s):
        # Data coming to the provider ("ces partenaires partagent avec nous", "wir erhalten ... von
        # Partnern") is not sharing: judge the rest of the sentence, so that "we receive X from partners
        # and pass Y on to advertisers" still counts.
        s = lx.rx["inbound_clause"].sub(" ", s)
    if not lx.has("share", s):
        return None
    if not lx.has("recipient", s):
        return _implicit_sharing(lx, s)
    # The recipient may be named in the aside itself: try the sentence, then without its asides.
    bare = _ASIDE.sub(" ", s) if ("(" in s or "–" in s or "—" in s) else s
    if not (_shares(lx, s, "recipient") or (bare is not s and _shares(lx, bare, "recipient"))):
        return None
    negated = _rules_out(lx, s)
    # Personal data named, or a sharing ruled out outright ("Eine Weitergabe an Dritte findet nicht
    # statt", the data being the subject of the section).
    named = _shares(lx, s, "pdata") or (bare is not s and _shares(lx, bare, "pdata"))
    if not (named or (negated and lx.has("share_noun", s))):
        return None
    if _user_side(lx, s) or lx.has("user_duty", s):
        return None  # "the user must not pass their password on to third parties": a duty of the user
    inbound = lx.has("inbound", s) and not lx.has("inbound_except", s)
    if (
        inbound
        or _pointer(lx, s)
        or any(lx.has(k, s) for k in ("liability", "assign", "warranty", "malware"))
    ):
        # Data coming to the provider, a pointer to another policy, a disclaimer, the assignment of
        # the contract, the user's warranty, a ban on spreading viruses: no data is shared here.
        return None
    if lx.has("licence_noun", s) and not lx.has("pdata_strict", s):
        return None  # a licence over content that includes passing it on (syndication): content-licence
    if lx.has("user_acts", s) and not lx.has("opt_out", s):
        return None  # "you can share it on social networks", "you may transmit it to a third party"
    scope = frozenset(k for k in ("sale", "recipient") if lx.has(k, s))
    if lx.has("default_on", s):
        return sharing_hit(lx.has("sale", s), scope)  # "unless you object": on by default
    if negated or lx.has("consent", s) or lx.has("only_if", s):
        return protect_hit(scope)
    return sharing_hit(lx.has("sale", s), scope)


LANG_DETECTORS = {
    "ai-training": detect_ai_training,
    "content-licence": detect_content_licence,
    "data-sharing": detect_data_sharing,
}


def flag_hits(sentence: str, language: str) -> list[Hit]:
    """The three tosdiff flags one sentence of the given language triggers (none for other languages)."""
    lx = lexicon(language)
    if lx is None:
        return []
    s = clean(sentence)
    if _ITEM.match(sentence) and not _ITEM.match(s):
        s = "• " + s  # clean() drops a "*" marker; a list item keeps being one (see breadth_item)
    gates = GATES[language]
    return [
        h
        for name, detect in LANG_DETECTORS.items()
        if all(any(stem in s for stem in group) for group in gates[name]) and (h := detect(lx, s)) is not None
    ]


def introduces_licence(sentence: str, language: str) -> bool:
    """True for the lead-in of a licence whose breadth follows as a list ("vous accordez à X une
    licence :"): a permissive licence sentence ending with a colon."""
    if not sentence.rstrip().endswith(":"):
        return False
    return any(
        h.category == "content-licence" and h.polarity == "permissive" for h in flag_hits(sentence, language)
    )


def licence_item_hit(sentence: str, language: str) -> Hit | None:
    """The licence hit of a list item under a licence lead-in that opens with a breadth term
    ("*   cessible (... céder les droits que vous nous donnez ...)"), which names no licence itself."""
    lx = lexicon(language)
    if lx is None or not _ITEM.match(sentence):
        return None
    s = clean(sentence)
    if not _ITEM.match(s):
        s = "• " + s
    if lx.rx["breadth_item"].match(s) is None:
        return None
    return licence_hit(frozenset(k for k, rx in lx.scope.items() if rx.search(s)))
