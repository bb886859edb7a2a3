"""Which language a terms text is written in: English, French, German, Italian, Spanish or Polish.

A stop-word profile, not a library: terms are long, formal prose in which the short function words of a
language ("the", "des", "und", "della", "los", "się") make up a third of the words, so counting them tells
these six languages apart at a glance, with no model file, no dependency and no network. Letters that
only one of the languages uses (ß, ł, ñ, ...) settle short texts. Anything else (or too little text) is
'und' (undetermined), the BCP 47 code for it.

`detect_language` works on a whole document, a section or one sentence; `section_languages` labels each
section of a page that mixes languages (a bilingual notice, an English page quoting a French clause).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tosdiff.models import Section

__all__ = [
    "LANGUAGES",
    "UNDETERMINED",
    "LANGUAGE_NAMES",
    "detect_language",
    "language_scores",
    "section_languages",
    "document_language",
    "mixed_languages",
]

UNDETERMINED = "und"
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "es": "Spanish",
    "pl": "Polish",
}
LANGUAGES = tuple(LANGUAGE_NAMES)

# The most frequent function words of each language in legal prose. A word shared by two languages
# ("de", "la", "a", "in", "e") still counts for both: the other words decide. Words that are frequent in
# one language but common loanwords or names in the others ("via", "online") are left out.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to a in or any for you your by with that this be is are we our us not on as "
        "may such will from at which it an all these have has other its shall if their been any "
        "including under without where those would can than what when who do does there they them "
        "more about into also how".split()
    ),
    "fr": frozenset(
        "le la les des du de et ou un une pour par dans sur au aux que qui est sont vous votre vos "
        "nous notre nos ne pas ce cette ces se son sa ses il elle leur leurs avec être sera peut "
        "tout toute tous toutes lorsque conformément présentes ainsi été dont afin aussi cas selon sans "
        "entre même où".split()
    ),
    "de": frozenset(
        "der die das und oder ein eine einer eines einem einen den dem des zu von mit für auf im "
        "ist sind sie ihr ihre ihren ihnen wir uns unsere nicht werden wird wenn dass auch als "
        "bei nach aus durch oder sich diese dieser dieses gemäß über können kann du dein deine deinen "
        "deiner deines dich dir an am zum zur vor es man sowie bzw nur noch wie was wer ob".split()
    ),
    "it": frozenset(
        "il lo la le gli i di del della dei delle degli e o un una per con su nel nella che non "
        "sono è ai al alla alle dal dalla da tali tale questo questa questi queste essere sarà "
        "può ogni qualsiasi nostro nostra nostri vostro suo sua loro come anche tra si più né ad se "
        "propri proprio propria presenti ciascun ciascuna altro altri altra cui quale quali solo già "
        "pertanto sul sui nei negli".split()
    ),
    "es": frozenset(
        "el la los las de del y o un una para por con en que no es son se su sus al lo le les "
        "este esta estos estas ser será puede cualquier nuestro nuestra nuestros usted como "
        "también cuando sin sobre entre dichos dicha podrá nos y ha han otros otras todo todos "
        "dichas hasta desde según".split()
    ),
    "pl": frozenset(
        "i w z na do nie się że jest są lub oraz przez dla od po ze we o to ten ta te tych tym "
        "który która które których jako może mogą być jego jej ich niniejszy niniejszego "
        "państwa użytkownik użytkownika także również przy jeśli ani nas nasz nasze naszych jak tak "
        "czy tylko za przed pod nad wszelkie".split()
    ),
}
# Letters written in only one of the six languages: one occurrence is strong evidence in short text.
_LETTERS = {
    "de": "ßäöü",
    "pl": "łąęśźżćń",
    "es": "ñ¿¡",
    "fr": "çœêîûùë",
    "it": "",  # Italian's accented vowels (à è ì ò ù) are shared with French
    "en": "",
}
# word -> the languages it is a stop word of (one dict look-up a word, not six set look-ups).
_OWNERS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _OWNERS[_w] = (*_OWNERS.get(_w, ()), _lang)
_ELIDED = {
    "fr": frozenset("l d qu n s c j m t jusqu lorsqu puisqu".split()),
    "it": frozenset("dell all nell dall sull un quest dev".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_MARKUP = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]{1,200}>")  # link targets, URLs, tags
# Stored with each text's language (texts.language_detector): a change to the stop words, the
# sample or the decision rule must bump it, so labels stored by the older detector are re-detected.
DETECTOR_VERSION = "1"
SAMPLE_CHARS = 6_000  # a document is judged on a bounded sample: enough words, a bounded cost
MIN_WORDS = 3  # fewer words than this: undetermined


def _sample(text: str, limit: int) -> str:
    """A bounded sample of a long text: its start, middle and end, so a long English preface does not hide
    that the clauses are in French (nor the reverse)."""
    if len(text) <= limit:
        return text
    third = limit // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2 : mid + third // 2], text[-third:]))


def language_scores(text: str, sample: int = SAMPLE_CHARS) -> dict[str, float]:
    """Evidence for each language: the share of words that are its stop words, plus a bonus for its
    own letters. Empty when the text has too few words to tell."""
    text = _MARKUP.sub(" ", _sample(text, sample))
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return {}
    # Elided French articles ("l'utilisateur", "d'une") and Italian ones ("dell'utente") count as words.
    counts: dict[str, float] = dict.fromkeys(LANGUAGES, 0.0)
    for w in words:
        if "'" in w:
            head = w.split("'", 1)[0]
            for lang, heads in _ELIDED.items():
                if head in heads:
                    counts[lang] += 0.5
            if w.endswith(("'s", "'t")):
                counts["en"] += 0.5
            w = head
        owners = _OWNERS.get(w)
        if owners:
            for lang in owners:
                counts[lang] += 1
        elif len(w) > 2 and w[-1] in "àìòù":
            counts["it"] += 1  # "più", "sarà", "potrà": a grave accent ending a word is Italian
    lower = text.lower()
    total = len(words)
    scores = {}
    for lang in LANGUAGES:
        letters = sum(lower.count(c) for c in _LETTERS[lang])
        # Own letters weigh like stop words, capped so a quoted name cannot outweigh the prose.
        scores[lang] = (counts[lang] + min(letters, total * 0.1)) / total
    return scores


def detect_language(text: str) -> str:
    """The language of a text: 'en', 'fr', 'de', 'it', 'es', 'pl', or 'und' when it cannot be told."""
    scores = language_scores(text)
    if not scores:
        return UNDETERMINED
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    # Prose has a fifth or more of its words as stop words; a list of names or numbers has few (under
    # 8 %). The best language must also stand clear of the runner-up (French and Italian share "la",
    # "le", "di"; Spanish and Italian "la", "con", "per"/"por" alike).
    if top < 0.08 or top - second < 0.02:
        return UNDETERMINED
    return best


def section_languages(sections: Sequence[Section], default: str) -> dict[str, str]:
    """The language of each section id: its own when its text is long enough to tell, else `default`
    (the document's), so a short heading or a list of names is not given a language of its own."""
    out: dict[str, str] = {}
    for sec in sections:
        text = f"{sec.title}\n{sec.text}"
        own = detect_language(text) if len(_WORD.findall(text)) >= 12 else UNDETERMINED
        out[sec.id] = own if own != UNDETERMINED else default
    return out


def document_language(text: str, override: str = "") -> str:
    """The config's `language` when set, else the language detected from the text."""
    return override or detect_language(text)


def mixed_languages(languages: Iterable[str], document: str) -> list[str]:
    """The languages, other than the document's, that some sections are written in (sorted)."""
    return sorted({lang for lang in languages if lang not in (document, UNDETERMINED)})
