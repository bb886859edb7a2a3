"""Pure-Python linear models for the eight CLAUDETTE categories in German, Italian and Polish.

The weights in ``model-de.json``, ``model-it.json`` and ``model-pl.json`` are trained by
``bench/train_flags_lang.py`` on the multilingual CLAUDETTE corpus (Galassi, Lagioia, Jabłonowska,
Lippi, Artificial Intelligence and Law 2024; CC BY 4.0): the companies' own terms in each language.

Model: sublinear TF-IDF over Unicode word unigrams, bigrams and word stems (the first six letters of
long words, so that inflections and German compounds such as "Haftungsausschluss" /
"Haftungsbeschränkung" share a feature), L2-normalised over the whole training vocabulary, one linear
SVM per category with its own C and threshold chosen by company-grouped cross-validation.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .classifier import LinearModel
from .classifier import model_from_dict as linear_model_from_dict

MODEL_LANGUAGES = ("de", "it", "pl")
_DIR = Path(__file__).parent

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_DIGITS_RE = re.compile(r"\d+")
STEM = 6  # letters kept of a long word: enough to tell words apart, short enough to merge inflections


def model_path(language: str) -> Path:
    """Where the model of one language ships."""
    return _DIR / f"model-{language}.json"


def lang_tokens(text: str) -> list[str]:
    """Lowercased Unicode word tokens; apostrophes split ("l'utente"), digit runs folded to "0"."""
    return _WORD_RE.findall(_DIGITS_RE.sub("0", text.lower()))


def lang_features(text: str) -> list[str]:
    """Unigrams, bigrams and stems of a sentence (with repeats; the caller counts them)."""
    toks = lang_tokens(text)
    feats = list(toks)
    feats.extend(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    feats.extend(t[:STEM] + "~" for t in toks if len(t) > STEM + 1)
    return feats


# The scorer is the English model's (classifier.LinearModel); only the features differ.
LangModel = LinearModel


def model_from_dict(data: dict) -> LinearModel:
    """Build a model from the JSON structure written by bench/train_flags_lang.py."""
    return linear_model_from_dict(data, lang_features)


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
