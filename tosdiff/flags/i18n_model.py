"""Pure-Python linear models for the eight CLAUDETTE categories in German, Italian and Polish.

The weights in ``model-de.json``, ``model-it.json`` and ``model-pl.json`` are trained by
``bench/train_flags_lang.py`` on the multilingual CLAUDETTE corpus (Galassi, Lagioia, Jabłonowska,
Lippi, Artificial Intelligence and Law 2024; CC BY 4.0): the companies' own terms in each language.

Model: sublinear TF-IDF over Unicode word unigrams, bigrams and word affixes (the first six and the
first five letters of long words, so that inflections and German compounds such as
"Haftungsausschluss" / "Haftungsbeschränkung" share a feature, and their last five letters, so that a
compound's head -- "Nutzungsbedingungen" / "Geschäftsbedingungen", "odpowiedzialności" -- does too),
L2-normalised over the whole training vocabulary, one linear SVM per category with its own C and
threshold chosen by company-grouped cross-validation.

Fragments (a heading: at most six words and no closing punctuation; or any sentence of at most four
words) are never flagged by the model: no such sentence alone is a tagged clause in the corpus's 28
companies in any of the three languages (one of 1,800 per language is, at five words), and headings
like "Beschränkte Haftung" or "Ihre Verantwortung" were the models' commonest false flags.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .classifier import LinearModel
from .classifier import model_from_dict as linear_model_from_dict

MODEL_LANGUAGES = ("de", "it", "pl")
_DIR = Path(__file__).parent

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_DIGITS_RE = re.compile(r"\d+")
STEM = 6  # letters kept of a long word: enough to tell words apart, short enough to merge inflections
AFFIX = 5  # letters of the shorter prefix and of the suffix (a compound's head, an inflected ending)
FRAGMENT_WORDS = 4  # a sentence of at most this many words is never flagged by the model
HEADING_WORDS = 6  # nor one of at most this many words without closing punctuation (a heading)
_CLOSED_RE = re.compile(r"[.;:!?)]\s*$")


def model_path(language: str) -> Path:
    """Where the model of one language ships."""
    return _DIR / f"model-{language}.json"


def lang_tokens(text: str) -> list[str]:
    """Lowercased Unicode word tokens; apostrophes split ("l'utente"), digit runs folded to "0"."""
    return _WORD_RE.findall(_DIGITS_RE.sub("0", text.lower()))


def _word_features(toks: list[str]) -> list[str]:
    feats = list(toks)
    feats.extend(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    feats.extend(t[:STEM] + "~" for t in toks if len(t) > STEM + 1)
    return feats


def lang_word_features(text: str) -> list[str]:
    """Unigrams, bigrams and six-letter stems (the features of the models before the affixes)."""
    return _word_features(lang_tokens(text))


def lang_features(text: str) -> list[str]:
    """Unigrams, bigrams, stems and affixes of a sentence (with repeats; the caller counts them)."""
    toks = lang_tokens(text)
    feats = _word_features(toks)
    feats.extend(t[:AFFIX] + "^" for t in toks if len(t) > AFFIX + 1)
    feats.extend("$" + t[-AFFIX:] for t in toks if len(t) > AFFIX + 3)
    return feats


def is_fragment(sentence: str) -> bool:
    """A heading or a sentence too short to be a clause: the model never flags it."""
    words = len(sentence.split())
    return words <= FRAGMENT_WORDS or (words <= HEADING_WORDS and not _CLOSED_RE.search(sentence))


@dataclass(frozen=True)
class LangModel(LinearModel):
    """The English model's scorer (classifier.LinearModel) with these features and the fragment gate."""

    def scores(self, sentence: str) -> dict[str, float]:
        """Decision value minus threshold per category; -inf for every category on a fragment."""
        if is_fragment(sentence):
            return dict.fromkeys(self.categories, float("-inf"))
        return super().scores(sentence)


def model_from_dict(data: dict) -> LangModel:
    """Build a model from the JSON structure written by bench/train_flags_lang.py."""
    # A file written before the affixes (no "affixes" key) is read with the features it was fitted on.
    featurize = lang_features if data.get("affixes") else lang_word_features
    m = linear_model_from_dict(data, featurize)
    return LangModel(table=m.table, categories=m.categories, offset=m.offset, featurize=featurize)


def load_lang_model(path: Path) -> LangModel:
    """Read a model file written by bench/train_flags_lang.py."""
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def lang_model(language: str) -> LangModel | None:
    """The shipped model of a language, loaded once; None when there is none (rules still work)."""
    if language not in MODEL_LANGUAGES:
        return None
    path = model_path(language)
    if not path.exists():
        return None
    return load_lang_model(path)
